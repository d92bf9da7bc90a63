//! `cargo bench -p maestro-tests --bench documents`: opening and saving `.maestro` files of
//! 10,000 elements (target: under 200 ms each), and reading and writing model-as-code text at
//! 1,000, 4,000 and 16,000 elements, printed per element so that growth faster than the model
//! shows (the reader looks ends up by id; a scan per flow would be quadratic).

mod generated;

use maestro_catalog::Catalog;
use maestro_modelfile::{Format, parse, to_text};
use std::time::{Duration, Instant};

fn median(runs: usize, mut work: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn ms(time: Duration) -> f64 {
    time.as_secs_f64() * 1e3
}

fn main() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("large.maestro");
    let model = generated::model_in_boundaries(10_000);
    let save = median(7, || maestro_store::save(&model, &path).expect("saving"));
    let open = median(7, || {
        std::hint::black_box(maestro_store::load(&path).expect("opening"));
    });
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(".maestro, 10,000 elements and {} flows ({:.1} MB):", model.flows.len(), size as f64 / 1e6);
    for (what, time) in [("save", save), ("open", open)] {
        println!("  {what}: {:7.1} ms ({:.2}× of the 200 ms target)", ms(time), ms(time) / 200.0);
    }

    revisions(dir.path(), &model);

    // A file whose tables are not those its format mark says is refused before any of it is
    // read: the target is under a second.
    let crafted = dir.path().join("crafted.maestro");
    maestro_store::save(&model, &crafted).expect("saving");
    mark_as_format_1(&crafted);
    let refuse = median(7, || {
        assert!(maestro_store::load(&crafted).is_err(), "a crafted file must be refused");
    });
    println!(
        "  refusing a crafted file of the same size: {:.1} ms ({:.4}× of the 1 s target)",
        ms(refuse),
        ms(refuse) / 1e3
    );

    println!("model as code (YAML), median of several runs:");
    let mut previous: Option<(usize, f64)> = None;
    for elements in [1_000, 4_000, 16_000] {
        let model = catalog_clean(generated::model_in_boundaries(elements));
        let text = to_text(&model, Format::Yaml);
        let runs = if elements >= 16_000 { 3 } else { 7 };
        let write = median(runs, || {
            std::hint::black_box(to_text(&model, Format::Yaml));
        });
        let read = median(runs, || {
            std::hint::black_box(parse(&text, Format::Yaml, Catalog::builtin()).expect("reading"));
        });
        let json = to_text(&model, Format::Json);
        let read_json = median(runs, || {
            std::hint::black_box(parse(&json, Format::Json, Catalog::builtin()).expect("reading"));
        });
        let per = |t: Duration| ms(t) * 1e3 / elements as f64;
        let growth = previous.map_or(String::new(), |(n, before)| {
            format!("; reading grew {:.1}× for {:.0}× the elements", ms(read) / before, elements as f64 / n as f64)
        });
        println!(
            "  {elements:>6} elements: write {:7.1} ms ({:.1} µs/element), read {:7.1} ms ({:.1} µs/element), \
             as JSON {:.1} µs/element{growth}",
            ms(write),
            per(write),
            ms(read),
            per(read),
            per(read_json)
        );
        previous = Some((elements, ms(read)));
    }
}

/// The generated model without properties its kinds do not take, which model as code refuses.
/// The same model saved 50 times by the editor, one element moved each time: each save records
/// a revision, which must keep saves under the target and the file from growing with the model
/// at every save; the oldest revision is rebuilt by walking back through all of them.
fn revisions(dir: &std::path::Path, model: &maestro_model::Model) {
    use maestro_document::{Document, Edit};
    use maestro_model::{ElementMove, Position};
    let path = dir.join("revised.maestro");
    maestro_store::save(model, &path).expect("saving");
    let bare = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let mut doc = Document::open(&path).expect("opening");
    doc.set_author("bench");
    let mut saves = Vec::new();
    for i in 0..50 {
        let id = doc.model().elements[i * 97].id.clone();
        let moves = vec![ElementMove { id, position: Position::new(i as f64 * 3.0, 7.0) }];
        doc.apply(Edit::Move { moves, boundaries: vec![] }, Catalog::builtin()).expect("moving");
        let start = Instant::now();
        doc.save().expect("saving");
        saves.push(start.elapsed());
    }
    saves.sort();
    drop(doc);
    let grown = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let open = median(5, || {
        std::hint::black_box(Document::open(&path).expect("opening"));
    });
    let doc = Document::open(&path).expect("opening");
    let oldest = median(5, || {
        std::hint::black_box(doc.revision_model(1).expect("rebuilding"));
    });
    println!("the same model after 50 saves of one moved element ({} revisions):", doc.revision_count());
    let save = saves[saves.len() / 2];
    println!("  save: {:7.1} ms ({:.2}× of the 200 ms target)", ms(save), ms(save) / 200.0);
    println!("  open: {:7.1} ms ({:.2}× of the 200 ms target)", ms(open), ms(open) / 200.0);
    println!("  rebuild revision 1 (50 steps back): {:.1} ms", ms(oldest));
    println!(
        "  file: {:.2} MB, {:.1} KB per revision",
        grown as f64 / 1e6,
        (grown.saturating_sub(bare)) as f64 / 1e3 / f64::from(doc.revision_count() as u32)
    );
}

fn catalog_clean(mut model: maestro_model::Model) -> maestro_model::Model {
    let catalog = Catalog::builtin();
    for element in &mut model.elements {
        let Some(kind) = catalog.kind(element.kind.as_str()) else { continue };
        element.properties.retain(|name, _| kind.properties.contains(name));
    }
    model
}

/// Marks the file as format 1, whose tables it does not have.
fn mark_as_format_1(path: &std::path::Path) {
    let mut bytes = std::fs::read(path).expect("reading");
    // The user version is the big-endian 32-bit number at offset 60 of the header.
    bytes[60..64].copy_from_slice(&1u32.to_be_bytes());
    std::fs::write(path, bytes).expect("writing");
}

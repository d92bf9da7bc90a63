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
    let model = generated::model(10_000);
    let save = median(7, || maestro_store::save(&model, &path).expect("saving"));
    let open = median(7, || {
        std::hint::black_box(maestro_store::load(&path).expect("opening"));
    });
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(".maestro, 10,000 elements and {} flows ({:.1} MB):", model.flows.len(), size as f64 / 1e6);
    for (what, time) in [("save", save), ("open", open)] {
        println!("  {what}: {:7.1} ms ({:.2}× of the 200 ms target)", ms(time), ms(time) / 200.0);
    }

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
        let model = catalog_clean(generated::model(elements));
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

//! `cargo bench -p maestro-tests --bench updates`: what the app sends the window after an edit
//! on a large model. After the first snapshot it sends a patch of what changed; this prints, for
//! generated models of 1,000 and 10,000 elements, the bytes of the whole snapshot against those
//! of the patch after moving one element and after renaming one, and the time to work the patch
//! out (the analysis itself is the `analysis` bench).

mod generated;

use maestro_catalog::Catalog;
use maestro_document::{Document, Edit, Publisher, SnapshotUpdate};
use maestro_model::{ElementMove, Position};
use std::time::Instant;

fn bytes(update: &SnapshotUpdate) -> usize {
    serde_json::to_vec(update).expect("an update serialises").len()
}

fn main() {
    let catalog = Catalog::builtin();
    println!("updates sent to the window after one edit (JSON bytes; the patch against the whole snapshot)");
    for elements in [1_000, 10_000] {
        let mut doc = Document::untitled(generated::model(elements));
        let mut publisher = Publisher::default();
        let whole = bytes(&publisher.update(doc.snapshot(catalog)));
        let id = doc.model().elements[elements / 2].id.clone();
        let edits = [
            (
                "move one element",
                Edit::Move {
                    moves: vec![ElementMove { id: id.clone(), position: Position::new(-500.0, -500.0) }],
                    boundaries: vec![],
                },
            ),
            ("rename one element", Edit::RenameElement { id, name: "Renamed".into() }),
        ];
        for (what, edit) in edits {
            doc.apply(edit, catalog).expect("the edit applies");
            let snapshot = doc.snapshot(catalog);
            let start = Instant::now();
            let update = publisher.update(snapshot);
            let diff_ms = start.elapsed().as_secs_f64() * 1e3;
            let patch = bytes(&update);
            println!(
                "{elements:>6} elements, {what}: {patch} bytes against {whole} ({:.4}× of the whole), worked out in {diff_ms:.2} ms",
                patch as f64 / whole as f64
            );
        }
    }
}

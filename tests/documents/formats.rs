//! Every format a released version wrote has a fixture in `tests/fixtures/formats/`, written
//! with that format's tables. Each opens, migrated in memory, as the model it held, the file
//! itself untouched; saved again it is a current-format file that reads back the same.

use maestro_model::{DecisionStatus, Model, PropertyValue, Rect};
use maestro_store::{FORMAT_VERSION, load, save};
use std::path::PathBuf;

fn fixture(version: i64) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("fixtures/formats/format-{version}.maestro"))
}

/// Opens a fixture, checks the file did not change, and that saving it again keeps the model.
fn open(version: i64) -> Model {
    let path = fixture(version);
    let before = std::fs::read(&path).unwrap();
    let model = load(&path).unwrap_or_else(|e| panic!("format {version}: {e}"));
    assert_eq!(std::fs::read(&path).unwrap(), before, "reading format {version} changed the file");
    let dir = tempfile::tempdir().unwrap();
    let again = dir.path().join("again.maestro");
    save(&model, &again).unwrap();
    assert_eq!(load(&again).unwrap(), model, "format {version} saved in the current format");
    model
}

#[test]
fn there_is_a_fixture_for_every_format() {
    for version in 1..=FORMAT_VERSION {
        assert!(fixture(version).is_file(), "no fixture for format {version}: add one when the format changes");
    }
}

#[test]
fn a_format_1_file_opens_with_its_elements_flows_and_properties() {
    let model = open(1);
    assert_eq!(model.name, "Support desk (format 1)");
    let kinds: Vec<_> = model.elements.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["user", "agent", "vector-store"]);
    assert_eq!(model.elements[1].properties["internet_exposed"], PropertyValue::Bool(true));
    assert_eq!(model.flows.len(), 2);
    assert_eq!(model.flows[1].properties["encrypted"], PropertyValue::Bool(false));
    assert!(model.boundaries.is_empty() && model.decisions.is_empty());
    assert!(model.elements.iter().all(|e| e.description.is_empty() && e.layer_override.is_none()));
}

#[test]
fn a_format_2_file_opens_with_its_layer_choice_decision_and_a_boundary_drawn_around_its_members() {
    let model = open(2);
    let choice = model.elements[1].layer_override.as_ref().unwrap();
    assert_eq!((choice.layer.as_str(), choice.justification.as_str()), ("L4", "it also runs the job queue"));
    assert_eq!(model.decisions.len(), 1);
    assert_eq!(model.decisions[0].status, DecisionStatus::Accepted);
    let zone = Rect::of_boundary(&model.boundaries[0]);
    for member in &model.boundaries[0].contains {
        let element = model.elements.iter().find(|e| &e.id == member).unwrap();
        assert!(zone.contains_rect(&Rect::of_element(element)), "{member} outside its boundary");
    }
}

#[test]
fn a_format_3_file_opens_with_texts_and_nested_boundaries() {
    let model = open(3);
    assert_eq!(model.description, "The help desk agent and what it reads.");
    assert_eq!(model.elements[1].notes, "Who reviews refunds?");
    assert_eq!(model.flows[1].description, "top five passages");
    assert_eq!(model.boundaries[1].parent.as_ref().map(|p| p.as_str()), Some("zone-1"));
    assert_eq!(model.boundaries[0].size.width, 600.0);
}

#[test]
fn a_format_4_file_opens_with_its_revisions_each_rebuilt_as_it_was_saved() {
    let model = open(4);
    assert_eq!(model.elements[1].name, "Help desk agent");
    let stored = maestro_store::load_with_revisions(&fixture(4)).unwrap();
    let list = stored.revisions.list();
    let seen: Vec<_> = list.iter().map(|r| (r.number, r.author.as_str(), r.summary.as_str())).collect();
    assert_eq!(
        seen,
        [
            (1, "", "The model as it was before revisions were kept"),
            (2, "Ada Lovelace", "1 element changed"),
            (3, "Grace Hopper", "1 element added"),
        ]
    );
    // Revision 1 is the format-3 file it was made from, exactly.
    assert_eq!(stored.revisions.model_at(&stored.model, 1).unwrap(), open(3));
    let second = stored.revisions.model_at(&stored.model, 2).unwrap();
    let changes = maestro_document::diff_models(&second, &stored.model);
    assert_eq!(changes.summary(), "1 element added");
}

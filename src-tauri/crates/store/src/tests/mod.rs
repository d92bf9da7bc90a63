use super::*;
use maestro_model::{
    Boundary, Decision, DecisionStatus, Element, Flow, FlowId, LayerOverride, Position, Properties, PropertyValue, Size,
};
use std::path::Path;

#[test]
fn a_format_1_file_still_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.maestro");
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(
        "PRAGMA application_id = 1296123219; PRAGMA user_version = 1;
         CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
         CREATE TABLE elements (ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
             name TEXT NOT NULL, x REAL NOT NULL, y REAL NOT NULL, properties TEXT NOT NULL) STRICT;
         CREATE TABLE flows (ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, source TEXT NOT NULL,
             target TEXT NOT NULL, name TEXT NOT NULL, properties TEXT NOT NULL) STRICT;
         INSERT INTO meta VALUES ('name', 'Old');
         INSERT INTO elements VALUES (0, 'agent-1', 'agent', 'A', 1.0, 2.0, '{}');",
    )
    .unwrap();
    drop(conn);
    let model = load(&path).unwrap();
    assert_eq!(model.name, "Old");
    assert_eq!(model.elements[0].position, Position::new(1.0, 2.0));
    assert!(model.boundaries.is_empty() && model.decisions.is_empty());
}
use rusqlite::Connection;

fn sample() -> Model {
    let mut model = Model::new("Crew <script>alert(1)</script>");
    model.description = "The crew that writes the weekly report.\nIn scope: the agents and their tools.".into();
    let mut props = Properties::new();
    props.insert("internet_exposed".into(), PropertyValue::Bool(true));
    props.insert("autonomy".into(), PropertyValue::Text("autonomous".into()));
    props.insert("weight".into(), PropertyValue::Number(0.25));
    model.elements.push(Element {
        id: "agent-1".into(),
        kind: "agent".into(),
        name: "Researcher — «ünïcode» 'quoted'".into(),
        position: Position::new(-120.5, 33.25),
        properties: props,
        layer_override: Some(LayerOverride { layer: "L4".into(), justification: "it runs the cluster".into() }),
        description: "Reads the web\nand writes <b>notes</b>".into(),
        notes: "Ask: who reviews its output?".into(),
    });
    model.elements.push(Element {
        id: "x-1".into(),
        kind: "kind-from-the-future".into(),
        name: "Unknown".into(),
        position: Position::new(1e6, -1e-3),
        ..Default::default()
    });
    model.flows.push(Flow {
        id: FlowId::new("flow-1"),
        from: "agent-1".into(),
        to: "x-1".into(),
        name: "writes".into(),
        notes: "signed? unclear".into(),
        ..Default::default()
    });
    model.boundaries.push(Boundary {
        id: "zone-1".into(),
        name: "Partner zone".into(),
        properties: Properties::from([("trust".to_owned(), PropertyValue::Text("untrusted".into()))]),
        contains: vec!["x-1".into()],
        position: Position::new(-40.0, 12.5),
        size: Size::new(640.0, 480.0),
        description: "The partner's cloud".into(),
        ..Default::default()
    });
    model.boundaries.push(Boundary {
        id: "zone-2".into(),
        name: "Partner sandbox".into(),
        parent: Some("zone-1".into()),
        position: Position::new(0.0, 60.0),
        size: Size::new(300.0, 200.0),
        notes: "nested".into(),
        ..Default::default()
    });
    model.decisions.push(Decision {
        finding: "tool-misuse:agent-1".into(),
        status: DecisionStatus::Transferred,
        justification: "the vendor answers for it".into(),
    });
    model
}

#[test]
fn a_model_round_trips_exactly_positions_properties_and_unknown_kinds_included() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crew.maestro");
    save(&sample(), &path).unwrap();
    assert_eq!(load(&path).unwrap(), sample());
    // Saving again over an existing file replaces it and leaves no temporary file behind.
    let mut changed = sample();
    changed.elements.remove(1);
    changed.flows.clear();
    changed.boundaries[0].contains.clear();
    save(&changed, &path).unwrap();
    assert_eq!(load(&path).unwrap(), changed);
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["crew.maestro"]);
}

#[test]
fn a_format_2_file_opens_with_its_boundaries_drawn_around_their_members() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.maestro");
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(
        "PRAGMA application_id = 1296123219; PRAGMA user_version = 2;
         CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
         CREATE TABLE elements (ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
             name TEXT NOT NULL, x REAL NOT NULL, y REAL NOT NULL, properties TEXT NOT NULL, layer_override TEXT) STRICT;
         CREATE TABLE boundaries (ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
             properties TEXT NOT NULL, contains TEXT NOT NULL) STRICT;
         CREATE TABLE decisions (finding TEXT PRIMARY KEY, status TEXT NOT NULL, justification TEXT NOT NULL) STRICT;
         CREATE TABLE flows (ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, source TEXT NOT NULL,
             target TEXT NOT NULL, name TEXT NOT NULL, properties TEXT NOT NULL) STRICT;
         INSERT INTO meta VALUES ('name', 'Two');
         INSERT INTO elements VALUES (0, 'a', 'agent', 'A', 100.0, 100.0, '{}', NULL);
         INSERT INTO elements VALUES (1, 'b', 'tool', 'B', 500.0, 300.0, '{}', NULL);
         INSERT INTO boundaries VALUES (0, 'corp', 'Corp', '{\"trust\":\"trusted\"}', '[\"a\",\"b\"]');",
    )
    .unwrap();
    drop(conn);
    let model = load(&path).unwrap();
    let corp = maestro_model::Rect::of_boundary(&model.boundaries[0]);
    for element in &model.elements {
        assert!(corp.contains_rect(&maestro_model::Rect::of_element(element)), "{element:?} outside {corp:?}");
    }
    assert_eq!(model.elements[0].description, "");
}

#[test]
fn boundaries_nested_in_a_loop_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loop.maestro");
    save(&sample(), &path).unwrap();
    Connection::open(&path)
        .unwrap()
        .execute_batch("UPDATE boundaries SET parent = 'zone-2' WHERE id = 'zone-1'")
        .unwrap();
    let err = load(&path).unwrap_err();
    assert!(err.to_string().contains("cannot sit inside itself"), "{err}");
}

#[test]
fn a_boundary_holding_an_element_not_in_the_model_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dangling.maestro");
    save(&sample(), &path).unwrap();
    Connection::open(&path)
        .unwrap()
        .execute_batch("UPDATE boundaries SET contains = '[\"ghost\"]' WHERE id = 'zone-2'")
        .unwrap();
    let err = load(&path).unwrap_err();
    assert!(err.to_string().contains("boundary 'zone-2' contains 'ghost', which is not in the model"), "{err}");
}

#[test]
fn a_boundary_with_the_id_of_an_element_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("clash.maestro");
    let model = sample();
    let element = model.elements[0].id.clone();
    save(&model, &path).unwrap();
    Connection::open(&path)
        .unwrap()
        .execute("UPDATE boundaries SET id = ?1, parent = NULL WHERE id = 'zone-2'", [element.as_str()])
        .unwrap();
    let err = load(&path).unwrap_err();
    assert!(err.to_string().contains(&format!("boundary '{element}'")), "{err}");
}

#[test]
fn a_file_that_is_not_sqlite_is_reported_as_not_a_model() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("junk.maestro");
    std::fs::write(&path, b"this is not a database, just some text that is long enough").unwrap();
    let err = load(&path).unwrap_err();
    assert!(matches!(err, StoreError::NotAModel { .. }), "{err:?}");
    assert!(err.to_string().ends_with("junk.maestro is not a MAESTRO Studio model"), "{err}");
}

#[test]
fn another_programs_sqlite_database_is_not_a_model() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.maestro");
    Connection::open(&path).unwrap().execute_batch("CREATE TABLE t (x)").unwrap();
    assert!(matches!(load(&path).unwrap_err(), StoreError::NotAModel { .. }));
}

#[test]
fn a_file_from_a_newer_version_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.maestro");
    save(&sample(), &path).unwrap();
    Connection::open(&path).unwrap().execute_batch("PRAGMA user_version = 99").unwrap();
    let err = load(&path).unwrap_err();
    assert!(matches!(err, StoreError::NewerFormat { found: 99, supported: FORMAT_VERSION, .. }), "{err:?}");
    assert!(err.to_string().contains("newer MAESTRO Studio"));
}

#[test]
fn dangling_flows_and_bad_properties_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.maestro");
    save(&sample(), &path).unwrap();
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch("UPDATE flows SET target = 'ghost'").unwrap();
    let err = load(&path).unwrap_err();
    assert!(err.to_string().contains("flow 'flow-1' connects 'ghost'"), "{err}");

    conn.execute_batch(
        "UPDATE flows SET target = 'x-1'; UPDATE elements SET properties = '{oops' WHERE id = 'agent-1'",
    )
    .unwrap();
    let err = load(&path).unwrap_err();
    assert!(err.to_string().contains("element 'agent-1' has unreadable properties"), "{err}");
}

#[test]
fn a_missing_file_is_an_io_error_naming_it() {
    let err = load(Path::new("/nonexistent/dir/none.maestro")).unwrap_err();
    assert!(matches!(err, StoreError::Io { .. }));
    assert!(err.to_string().contains("none.maestro"));
}

#[test]
fn saving_into_a_missing_folder_fails_cleanly() {
    let err = save(&sample(), Path::new("/nonexistent/dir/x.maestro")).unwrap_err();
    assert!(err.to_string().contains("/nonexistent/dir"), "{err}");
}

mod hostile;
mod saving;

#[test]
fn revisions_are_kept_in_the_file_and_rebuilt_from_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crew.maestro");
    let first = sample();
    let mut second = sample();
    second.elements.remove(1);
    second.flows.clear();
    second.boundaries[0].contains.clear();
    let mut revisions = Revisions::default();
    revisions.record(None, &first, "2026-12-01T09:00:00Z".into(), "Ada".into(), "First saved".into());
    revisions.record(Some(&first), &second, "2026-12-02T09:00:00Z".into(), "Grace".into(), "1 element removed".into());
    save_with_revisions(&second, &revisions, &path).unwrap();
    let stored = load_with_revisions(&path).unwrap();
    assert_eq!(stored.model, second);
    assert_eq!(stored.revisions, revisions);
    let list = stored.revisions.list();
    assert_eq!(
        list.iter().map(|r| (r.number, r.author.as_str(), r.summary.as_str())).collect::<Vec<_>>(),
        [(1, "Ada", "First saved"), (2, "Grace", "1 element removed")]
    );
    assert_eq!(stored.revisions.model_at(&stored.model, 1).unwrap(), first);
    // A file saved without revisions reads as having none.
    save(&second, &path).unwrap();
    assert!(load_with_revisions(&path).unwrap().revisions.is_empty());
}

#[test]
fn revisions_out_of_sequence_are_damage() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gap.maestro");
    let mut revisions = Revisions::default();
    revisions.record(None, &sample(), "2026-12-01T09:00:00Z".into(), "Ada".into(), "First saved".into());
    save_with_revisions(&sample(), &revisions, &path).unwrap();
    Connection::open(&path).unwrap().execute_batch("UPDATE revisions SET number = 5").unwrap();
    // The model itself still opens; its history is what is damaged.
    assert_eq!(load(&path).unwrap(), sample());
    let err = load_with_revisions(&path).unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err:?}");
    assert!(err.to_string().contains("revision 5 is where revision 1 should be"), "{err}");
}

#[test]
fn a_revision_of_a_model_at_negative_zero_matches_the_file_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zero.maestro");
    let mut model = Model::new("m");
    model.elements.push(Element {
        id: "a".into(),
        kind: "agent".into(),
        name: "A".into(),
        position: Position::new(-0.0, 5.0),
        ..Default::default()
    });
    let mut revisions = Revisions::default();
    revisions.record(None, &model, "2026-12-01T09:00:00Z".into(), "Ada".into(), "First saved".into());
    save_with_revisions(&model, &revisions, &path).unwrap();
    let stored = load_with_revisions(&path).unwrap();
    assert_eq!(stored.revisions.model_at(&stored.model, 1).unwrap(), stored.model);
}

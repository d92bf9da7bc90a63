use super::*;
use maestro_model::{FlowId, PropertyValue};
use rusqlite::Connection;

fn sample() -> Model {
    let mut model = Model::new("Crew <script>alert(1)</script>");
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
    });
    model.elements.push(Element {
        id: "x-1".into(),
        kind: "kind-from-the-future".into(),
        name: "Unknown".into(),
        position: Position::new(1e6, -1e-3),
        properties: Properties::new(),
    });
    model.flows.push(Flow {
        id: FlowId::new("flow-1"),
        from: "agent-1".into(),
        to: "x-1".into(),
        name: "writes".into(),
        properties: Properties::new(),
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
    save(&changed, &path).unwrap();
    assert_eq!(load(&path).unwrap(), changed);
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["crew.maestro"]);
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

//! Files made to hurt the machine that opens them: each is refused with a message that says why,
//! and opening it writes nothing anywhere near it.

use super::sample;
use crate::{MAX_FILE_BYTES, Refusal, StoreError, load, save};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// A saved sample model that `tamper` then changes with plain SQLite, as an attacker would.
fn tampered(tamper: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crafted.maestro");
    save(&sample(), &path).unwrap();
    Connection::open(&path).unwrap().execute_batch(tamper).unwrap();
    (dir, path)
}

/// The folder's names and each file's bytes, to show that opening changed nothing.
fn folder_state(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut state: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let bytes = if e.file_type().unwrap().is_file() { std::fs::read(e.path()).unwrap() } else { Vec::new() };
            (e.file_name().to_string_lossy().into_owned(), bytes)
        })
        .collect();
    state.sort();
    state
}

/// Opens `path`, checks that nothing in its folder changed, and returns why it was refused.
fn refusal_of(path: &Path) -> StoreError {
    let dir = path.parent().unwrap();
    let before = folder_state(dir);
    let error = load(path).expect_err("a crafted file must not open");
    assert_eq!(folder_state(dir), before, "opening {} wrote something", path.display());
    error
}

fn schema_refusal(error: &StoreError) -> &str {
    match error {
        StoreError::Refused { reason: Refusal::Schema(detail), .. } => detail,
        other => panic!("expected a schema refusal, got {other:?}"),
    }
}

#[test]
fn a_recursive_view_in_place_of_a_table_is_refused_before_it_runs() {
    let (_dir, path) = tampered(
        "DROP TABLE elements;
         CREATE VIEW elements AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)
             SELECT i AS ord, 'e' || i AS id, 'agent' AS kind, zeroblob(1000000) AS name, 0.0 AS x, 0.0 AS y,
             '{}' AS properties, NULL AS layer_override, '' AS description, '' AS notes FROM n;",
    );
    let error = refusal_of(&path);
    assert!(schema_refusal(&error).contains("view 'elements'"), "{error}");
    assert!(error.to_string().contains("crafted.maestro was not opened"), "{error}");
}

#[test]
fn a_trigger_an_index_or_a_changed_table_is_refused() {
    for (tamper, named) in [
        ("CREATE TRIGGER t AFTER INSERT ON meta BEGIN DELETE FROM elements; END;", "trigger 't'"),
        ("CREATE INDEX by_name ON elements (name);", "index 'by_name'"),
        (
            "CREATE TABLE meta2 (key TEXT PRIMARY KEY, value TEXT NOT NULL CHECK (length(value) < 100000)) STRICT;
             INSERT INTO meta2 SELECT * FROM meta; DROP TABLE meta; ALTER TABLE meta2 RENAME TO meta;",
            "table 'meta'",
        ),
        ("DROP TABLE decisions;", "table 'decisions' is missing"),
    ] {
        let (_dir, path) = tampered(tamper);
        let error = refusal_of(&path);
        assert!(schema_refusal(&error).contains(named), "{tamper}: {error}");
    }
}

#[test]
fn a_file_with_a_write_ahead_log_is_refused_and_no_sidecar_appears() {
    let (dir, path) = tampered("PRAGMA journal_mode = WAL;");
    // The -wal and -shm files go away with the last connection; the header still says WAL.
    assert!(!dir.path().join("crafted.maestro-wal").exists());
    let error = refusal_of(&path);
    assert!(matches!(error, StoreError::Refused { reason: Refusal::WriteAheadLog, .. }), "{error:?}");
    assert!(error.to_string().contains("write-ahead log"), "{error}");
}

#[test]
fn a_file_larger_than_any_model_is_refused_without_being_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.maestro");
    // Sparse: it takes no space, but says it is larger than the limit.
    std::fs::File::create(&path).unwrap().set_len(MAX_FILE_BYTES + 1).unwrap();
    let error = refusal_of(&path);
    assert!(matches!(error, StoreError::Refused { reason: Refusal::TooLarge { .. }, .. }), "{error:?}");
}

#[test]
fn a_folder_or_a_named_pipe_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("folder.maestro");
    std::fs::create_dir(&folder).unwrap();
    assert!(matches!(load(&folder).unwrap_err(), StoreError::Refused { reason: Refusal::NotAFile, .. }));
    #[cfg(unix)]
    {
        let pipe = dir.path().join("pipe.maestro");
        let made = std::process::Command::new("mkfifo").arg(&pipe).status().unwrap();
        assert!(made.success());
        // Opening a pipe for reading waits for a writer; the check comes before any open.
        assert!(matches!(load(&pipe).unwrap_err(), StoreError::Refused { reason: Refusal::NotAFile, .. }));
    }
}

#[test]
fn more_rows_than_a_model_may_have_are_refused() {
    let (_dir, path) = tampered(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1001)
         INSERT INTO meta (key, value) SELECT 'filler-' || i, '' FROM n;",
    );
    let error = refusal_of(&path);
    assert!(
        matches!(error, StoreError::Refused { reason: Refusal::TooManyRows { table: "meta", found: 1004, .. }, .. }),
        "{error:?}"
    );
}

#[test]
fn a_value_longer_than_any_model_holds_is_refused() {
    let (_dir, path) = tampered("UPDATE elements SET notes = printf('%.*c', 17000000, 'x') WHERE ord = 0;");
    let error = refusal_of(&path);
    assert!(matches!(error, StoreError::Refused { reason: Refusal::ValueTooLong, .. }), "{error:?}");
}

#[test]
fn a_damaged_page_is_reported_as_damage() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.maestro");
    let mut model = sample();
    for i in 0..400 {
        model.elements.push(maestro_model::Element {
            id: format!("filler-{i}").into(),
            kind: "tool".into(),
            name: format!("Filler {i} with a name long enough to fill pages"),
            ..Default::default()
        });
    }
    save(&model, &path).unwrap();
    let mut bytes = std::fs::read(&path).unwrap();
    // Scribble over the middle of the second page, inside the elements table's b-tree.
    for byte in &mut bytes[4096 + 8..4096 + 2048] {
        *byte = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let error = refusal_of(&path);
    assert!(matches!(error, StoreError::Corrupt { .. }), "{error:?}");
    assert!(error.to_string().contains("damaged.maestro is damaged"), "{error}");
}

#[test]
fn a_statement_stopped_at_the_deadline_is_reported_as_too_slow() {
    let interrupted = rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_INTERRUPT), None);
    let error = StoreError::from_sqlite(Path::new("slow.maestro"), interrupted);
    assert!(matches!(error, StoreError::Refused { reason: Refusal::TooSlow { seconds: 5 }, .. }), "{error:?}");
    assert!(error.to_string().contains("took longer than 5 s"), "{error}");
}

#[test]
fn bytes_that_are_not_a_database_are_not_a_model() {
    for bytes in [&b""[..], b"SQLite format 3\0", &[0u8; 4096]] {
        let error = crate::load_bytes(bytes, Path::new("piped.maestro")).unwrap_err();
        assert!(matches!(error, StoreError::NotAModel { .. }), "{error:?}");
    }
}

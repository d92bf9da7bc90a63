//! The file format: tables, and the version marks that tell our files apart.

use crate::StoreError;
use rusqlite::Connection;
use std::path::Path;

/// Marks an SQLite file as a MAESTRO Studio model (`PRAGMA application_id`; ASCII "MAES").
const APPLICATION_ID: i64 = 0x4D41_4553;

/// The format this version writes and the newest it reads (`PRAGMA user_version`).
/// 1: elements and flows. 2: adds layer overrides, boundaries and decisions on findings.
/// 3: adds descriptions and notes, and boundary boxes and nesting.
pub const FORMAT_VERSION: i64 = 3;

pub(crate) fn create(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(&format!(
        "PRAGMA application_id = {APPLICATION_ID};
         PRAGMA user_version = {FORMAT_VERSION};
         CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
         CREATE TABLE elements (
             ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, name TEXT NOT NULL,
             x REAL NOT NULL, y REAL NOT NULL, properties TEXT NOT NULL, layer_override TEXT,
             description TEXT NOT NULL, notes TEXT NOT NULL
         ) STRICT;
         CREATE TABLE boundaries (
             ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, properties TEXT NOT NULL,
             contains TEXT NOT NULL, parent TEXT, x REAL NOT NULL, y REAL NOT NULL, width REAL NOT NULL,
             height REAL NOT NULL, description TEXT NOT NULL, notes TEXT NOT NULL
         ) STRICT;
         CREATE TABLE decisions (
             finding TEXT PRIMARY KEY, status TEXT NOT NULL, justification TEXT NOT NULL
         ) STRICT;
         CREATE TABLE flows (
             ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, source TEXT NOT NULL, target TEXT NOT NULL,
             name TEXT NOT NULL, properties TEXT NOT NULL, description TEXT NOT NULL, notes TEXT NOT NULL
         ) STRICT;"
    ))
}

/// Returns the file's format version once it is known to be one this version can read.
pub(crate) fn check_readable(conn: &Connection, path: &Path) -> Result<i64, StoreError> {
    let pragma = |name: &str| -> Result<i64, StoreError> {
        conn.query_row(&format!("PRAGMA {name}"), [], |row| row.get(0)).map_err(|e| StoreError::from_sqlite(path, e))
    };
    if pragma("application_id")? != APPLICATION_ID {
        return Err(StoreError::NotAModel { path: path.to_owned() });
    }
    let found = pragma("user_version")?;
    if found > FORMAT_VERSION {
        return Err(StoreError::NewerFormat { path: path.to_owned(), found, supported: FORMAT_VERSION });
    }
    if found < 1 {
        return Err(StoreError::Corrupt { path: path.to_owned(), detail: format!("unknown file format {found}") });
    }
    Ok(found)
}

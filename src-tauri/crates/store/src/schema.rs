//! The file format: the tables of every format version, and the marks that tell our files apart.
//!
//! A file is trusted with a query only once its schema is exactly the one its format version
//! created: the same tables with the same definitions, the indexes SQLite makes for their keys,
//! and nothing else (no views, triggers or indexes of its own, whose code would run when the
//! tables are read).

use crate::StoreError;
use crate::error::Refusal;
use rusqlite::Connection;
use std::path::Path;

/// Marks an SQLite file as a MAESTRO Studio model (`PRAGMA application_id`; ASCII "MAES").
pub(crate) const APPLICATION_ID: i64 = 0x4D41_4553;

/// The format this version writes and the newest it reads (`PRAGMA user_version`).
/// 1: elements and flows. 2: adds layer overrides, boundaries and decisions on findings.
/// 3: adds descriptions and notes, and boundary boxes and nesting. 4: adds revisions.
pub const FORMAT_VERSION: i64 = 4;

/// The tables each format version creates, oldest first (`TABLES[0]` is format 1). The text is
/// what that version wrote; an entry never changes once a version has shipped, a change to the
/// format is a new entry and a migration (see `migrate.rs`).
const TABLES: [&str; FORMAT_VERSION as usize] = [
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
     CREATE TABLE elements (
         ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, name TEXT NOT NULL,
         x REAL NOT NULL, y REAL NOT NULL, properties TEXT NOT NULL
     ) STRICT;
     CREATE TABLE flows (
         ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, source TEXT NOT NULL, target TEXT NOT NULL,
         name TEXT NOT NULL, properties TEXT NOT NULL
     ) STRICT;",
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
     CREATE TABLE elements (
         ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, name TEXT NOT NULL,
         x REAL NOT NULL, y REAL NOT NULL, properties TEXT NOT NULL, layer_override TEXT
     ) STRICT;
     CREATE TABLE boundaries (
         ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, properties TEXT NOT NULL,
         contains TEXT NOT NULL
     ) STRICT;
     CREATE TABLE decisions (
         finding TEXT PRIMARY KEY, status TEXT NOT NULL, justification TEXT NOT NULL
     ) STRICT;
     CREATE TABLE flows (
         ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, source TEXT NOT NULL, target TEXT NOT NULL,
         name TEXT NOT NULL, properties TEXT NOT NULL
     ) STRICT;",
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
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
     ) STRICT;",
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
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
     ) STRICT;
     CREATE TABLE revisions (
         number INTEGER PRIMARY KEY, saved_at TEXT NOT NULL, author TEXT NOT NULL, summary TEXT NOT NULL,
         digest TEXT NOT NULL, back TEXT
     ) STRICT;",
];

/// The tables of format `version` (1 ..= [`FORMAT_VERSION`]).
pub(crate) fn tables_of(version: i64) -> &'static str {
    TABLES[(version - 1) as usize]
}

/// Creates the tables of format `version` in an empty database and marks it as ours.
pub(crate) fn create_version(conn: &Connection, version: i64) -> rusqlite::Result<()> {
    conn.execute_batch(&format!(
        "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {version}; {}",
        tables_of(version)
    ))
}

/// Creates the tables of the current format in an empty database.
pub(crate) fn create(conn: &Connection) -> rusqlite::Result<()> {
    create_version(conn, FORMAT_VERSION)
}

/// Returns the file's format version once it is known to be one this version can read.
pub(crate) fn check_version(conn: &Connection, path: &Path) -> Result<i64, StoreError> {
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

/// One entry of `sqlite_schema`, its SQL reduced to tokens so that layout does not count.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct SchemaEntry {
    kind: String,
    name: String,
    table: String,
    sql: Option<Vec<String>>,
}

fn schema_of(conn: &Connection) -> rusqlite::Result<Vec<SchemaEntry>> {
    let mut stmt = conn.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema")?;
    let mut entries = stmt
        .query_map([], |row| {
            Ok(SchemaEntry {
                kind: row.get(0)?,
                name: row.get(1)?,
                table: row.get(2)?,
                sql: row.get::<_, Option<String>>(3)?.map(|sql| tokens(&sql)),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    entries.sort();
    Ok(entries)
}

/// Checks that the file's schema is exactly the one format `version` creates.
pub(crate) fn check_exact(conn: &Connection, version: i64, path: &Path) -> Result<(), StoreError> {
    let found = schema_of(conn).map_err(|e| StoreError::from_sqlite(path, e))?;
    let reference = Connection::open_in_memory().map_err(|e| StoreError::from_sqlite(path, e))?;
    create_version(&reference, version).map_err(|e| StoreError::from_sqlite(path, e))?;
    let expected = schema_of(&reference).map_err(|e| StoreError::from_sqlite(path, e))?;
    if found == expected {
        return Ok(());
    }
    let same_object = |a: &SchemaEntry, b: &SchemaEntry| a.kind == b.kind && a.name == b.name;
    let detail = if let Some(extra) = found.iter().find(|f| !expected.iter().any(|e| same_object(e, f))) {
        format!("it holds a {} '{}' that no MAESTRO Studio file has", extra.kind, extra.name)
    } else if let Some(missing) = expected
        .iter()
        .filter(|e| !found.iter().any(|f| same_object(e, f)))
        // A missing table also takes its key's index with it: name the table.
        .min_by_key(|e| e.kind != "table")
    {
        format!("its {} '{}' is missing", missing.kind, missing.name)
    } else {
        let changed = found.iter().zip(&expected).find(|(f, e)| f != e).map(|(f, _)| f);
        let changed = changed.map(|f| format!("{} '{}'", f.kind, f.name)).unwrap_or_default();
        format!("its {changed} is not defined as format {version} defines it")
    };
    Err(StoreError::Refused { path: path.to_owned(), reason: Refusal::Schema(detail) })
}

/// Splits SQL into words and punctuation, so `(a,b)` and `( a, b )` compare equal.
fn tokens(sql: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut word = String::new();
    for c in sql.chars() {
        if c.is_whitespace() || "(),;".contains(c) {
            if !word.is_empty() {
                tokens.push(std::mem::take(&mut word));
            }
            if !c.is_whitespace() {
                tokens.push(c.to_string());
            }
        } else {
            word.push(c);
        }
    }
    if !word.is_empty() {
        tokens.push(word);
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_does_not_count_but_every_word_does() {
        assert_eq!(tokens("CREATE TABLE t (a INT,\n  b TEXT)"), tokens("CREATE TABLE t( a INT , b TEXT )"));
        assert_ne!(tokens("CREATE TABLE t (a INT)"), tokens("CREATE TABLE t (a INT CHECK (a > 0))"));
        assert_ne!(tokens("CREATE TABLE t (a INT)"), tokens("CREATE TABLE t (a INT) -- note"));
    }

    #[test]
    fn every_format_passes_its_own_check() {
        for version in 1..=FORMAT_VERSION {
            let conn = Connection::open_in_memory().unwrap();
            create_version(&conn, version).unwrap();
            check_exact(&conn, version, Path::new("x.maestro")).unwrap();
            if version > 1 {
                assert!(check_exact(&conn, version - 1, Path::new("x.maestro")).is_err(), "{version}");
            }
        }
    }
}

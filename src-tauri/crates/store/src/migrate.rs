//! Bringing a file of an older format up to the current one, step by step, in memory.
//!
//! A file is never changed on disk when it is read: the steps run on the in-memory copy that
//! `open.rs` made, after its schema was found to be exactly its version's, so the reader knows
//! only the current format. Saving then writes the current format. Each step takes format `n` to
//! `n + 1`; a new format adds one step here and one entry to `schema::TABLES`.

use crate::schema::FORMAT_VERSION;
use rusqlite::Connection;

/// The steps in order: `STEPS[0]` takes format 1 to 2.
const STEPS: [&str; FORMAT_VERSION as usize - 1] = [
    // 2: layer overrides, boundaries, decisions on findings.
    "ALTER TABLE elements ADD COLUMN layer_override TEXT;
     CREATE TABLE boundaries (
         ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, properties TEXT NOT NULL,
         contains TEXT NOT NULL
     ) STRICT;
     CREATE TABLE decisions (
         finding TEXT PRIMARY KEY, status TEXT NOT NULL, justification TEXT NOT NULL
     ) STRICT;",
    // 3: descriptions and notes; boundary boxes and nesting. Boundaries had no box before, so the
    // reader is told to draw them around their members.
    "ALTER TABLE elements ADD COLUMN description TEXT NOT NULL DEFAULT '';
     ALTER TABLE elements ADD COLUMN notes TEXT NOT NULL DEFAULT '';
     ALTER TABLE boundaries ADD COLUMN parent TEXT;
     ALTER TABLE boundaries ADD COLUMN x REAL NOT NULL DEFAULT 0.0;
     ALTER TABLE boundaries ADD COLUMN y REAL NOT NULL DEFAULT 0.0;
     ALTER TABLE boundaries ADD COLUMN width REAL NOT NULL DEFAULT 320.0;
     ALTER TABLE boundaries ADD COLUMN height REAL NOT NULL DEFAULT 200.0;
     ALTER TABLE boundaries ADD COLUMN description TEXT NOT NULL DEFAULT '';
     ALTER TABLE boundaries ADD COLUMN notes TEXT NOT NULL DEFAULT '';
     ALTER TABLE flows ADD COLUMN description TEXT NOT NULL DEFAULT '';
     ALTER TABLE flows ADD COLUMN notes TEXT NOT NULL DEFAULT '';
     INSERT OR REPLACE INTO meta (key, value) VALUES ('migrated:fit_boundaries', '1');",
    // 4: revisions. A file from before has none: its first save records what it held.
    "CREATE TABLE revisions (
         number INTEGER PRIMARY KEY, saved_at TEXT NOT NULL, author TEXT NOT NULL, summary TEXT NOT NULL,
         digest TEXT NOT NULL, back TEXT
     ) STRICT;",
];

/// Runs every step from `version` to the current format.
pub(crate) fn to_current(conn: &Connection, version: i64) -> rusqlite::Result<()> {
    for (from, step) in STEPS.iter().enumerate().skip(version as usize - 1) {
        conn.execute_batch(&format!("BEGIN; {step} PRAGMA user_version = {}; COMMIT;", from + 2))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema;

    /// Every older format, brought up to date, has the tables the current one has (columns,
    /// types and constraints), whatever order the columns are in.
    #[test]
    fn every_older_format_ends_with_the_current_tables() {
        let columns = |conn: &Connection| -> Vec<(String, String, String, bool, bool)> {
            let mut rows = Vec::new();
            for table in ["meta", "elements", "flows", "boundaries", "decisions", "revisions"] {
                let mut stmt = conn.prepare(&format!("PRAGMA table_info({table})")).unwrap();
                let found = stmt
                    .query_map([], |r| Ok((table.to_owned(), r.get(1)?, r.get(2)?, r.get(3)?, r.get::<_, i64>(5)? > 0)))
                    .unwrap();
                rows.extend(found.map(Result::unwrap));
            }
            rows.sort();
            rows
        };
        let current = Connection::open_in_memory().unwrap();
        schema::create(&current).unwrap();
        for version in 1..FORMAT_VERSION {
            let old = Connection::open_in_memory().unwrap();
            schema::create_version(&old, version).unwrap();
            to_current(&old, version).unwrap();
            assert_eq!(columns(&old), columns(&current), "format {version}");
            let now: i64 = old.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
            assert_eq!(now, FORMAT_VERSION);
        }
    }
}

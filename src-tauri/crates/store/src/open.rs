//! Opening a file that may come from anyone, following SQLite's advice for untrusted databases.
//!
//! The file is read once into memory and never opened by SQLite itself, so reading it writes
//! nothing beside it (no journal, no `-wal` or `-shm` sidecar) and a file changed while it is
//! read cannot confuse the reader. The in-memory copy is then held to: defensive mode, no trust
//! in functions named by its schema, small limits on values and statements, and a deadline on
//! every statement. Before any table is read its schema must be exactly one of ours
//! (`schema.rs`), it must pass `quick_check`, and its tables must hold no more rows than a model
//! may. Older formats are then brought up to date in memory (`migrate.rs`).

use crate::error::Refusal;
use crate::{StoreError, migrate, schema};
use rusqlite::config::DbConfig;
use rusqlite::limits::Limit;
use rusqlite::{Connection, MAIN_DB};
use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

/// The largest file that is opened at all.
pub const MAX_FILE_BYTES: u64 = 256 << 20;
/// How long reading a file may take before it is stopped.
pub(crate) const DEADLINE: Duration = Duration::from_secs(5);
/// The longest single value (a name, a description, a property list).
const MAX_VALUE_BYTES: i32 = 16 << 20;
/// The most rows each table may hold.
const MAX_ROWS: [(&str, i64); 6] = [
    ("meta", 1_000),
    ("elements", 200_000),
    ("flows", 1_000_000),
    ("boundaries", 50_000),
    ("decisions", 2_000_000),
    ("revisions", 100_000),
];

/// The 16 bytes every SQLite database starts with.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Opens `path` as an in-memory database in the current format, or says why it was refused.
pub(crate) fn open(path: &Path) -> Result<Connection, StoreError> {
    let io = |source| StoreError::Io { path: path.to_owned(), source };
    let refused = |reason| StoreError::Refused { path: path.to_owned(), reason };
    // Asked before opening: opening a named pipe or a device could block or have effects.
    let metadata = std::fs::metadata(path).map_err(io)?;
    if !metadata.is_file() {
        return Err(refused(Refusal::NotAFile));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(refused(Refusal::TooLarge { size: metadata.len(), limit: MAX_FILE_BYTES }));
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    std::fs::File::open(path).map_err(io)?.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(refused(Refusal::TooLarge { size: bytes.len() as u64, limit: MAX_FILE_BYTES }));
    }
    open_bytes(&bytes, path)
}

/// Opens the bytes of a `.maestro` file as an in-memory database in the current format; `path`
/// names it in messages.
pub(crate) fn open_bytes(bytes: &[u8], path: &Path) -> Result<Connection, StoreError> {
    let sqlite = |e| StoreError::from_sqlite(path, e);
    let refused = |reason| StoreError::Refused { path: path.to_owned(), reason };
    if bytes.len() < 100 || !bytes.starts_with(SQLITE_MAGIC) {
        return Err(StoreError::NotAModel { path: path.to_owned() });
    }
    // Bytes 18 and 19 of the header are the write and read format: 2 means write-ahead logging,
    // whose changes live in a `-wal` file beside this one that a copy would miss.
    if bytes[18] == 2 || bytes[19] == 2 {
        return Err(refused(Refusal::WriteAheadLog));
    }
    let mut conn = hardened_connection().map_err(sqlite)?;
    conn.deserialize_read_exact(MAIN_DB, bytes, bytes.len(), false).map_err(sqlite)?;
    let version = schema::check_version(&conn, path)?;
    schema::check_exact(&conn, version, path)?;
    let check: String = conn.query_row("PRAGMA quick_check(1)", [], |row| row.get(0)).map_err(sqlite)?;
    if check != "ok" {
        return Err(StoreError::Corrupt { path: path.to_owned(), detail: check });
    }
    for (table, limit) in MAX_ROWS {
        if (version < 2 && matches!(table, "boundaries" | "decisions")) || (version < 4 && table == "revisions") {
            continue;
        }
        let found: i64 =
            conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |row| row.get(0)).map_err(sqlite)?;
        if found > limit {
            return Err(refused(Refusal::TooManyRows { table, found, limit }));
        }
    }
    migrate::to_current(&conn, version).map_err(sqlite)?;
    Ok(conn)
}

/// An empty in-memory connection that trusts nothing a database brings with it.
fn hardened_connection() -> rusqlite::Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_VIEW, false)?;
    conn.execute_batch("PRAGMA cell_size_check = ON; PRAGMA mmap_size = 0;")?;
    for (limit, value) in [
        (Limit::SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES),
        (Limit::SQLITE_LIMIT_SQL_LENGTH, 100_000),
        (Limit::SQLITE_LIMIT_COLUMN, 100),
        (Limit::SQLITE_LIMIT_EXPR_DEPTH, 50),
        (Limit::SQLITE_LIMIT_COMPOUND_SELECT, 4),
        (Limit::SQLITE_LIMIT_VDBE_OP, 25_000),
        (Limit::SQLITE_LIMIT_FUNCTION_ARG, 8),
        (Limit::SQLITE_LIMIT_ATTACHED, 0),
        (Limit::SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 50),
        (Limit::SQLITE_LIMIT_VARIABLE_NUMBER, 20),
        (Limit::SQLITE_LIMIT_TRIGGER_DEPTH, 1),
    ] {
        conn.set_limit(limit, value)?;
    }
    let deadline = Instant::now() + DEADLINE;
    conn.progress_handler(10_000, Some(move || Instant::now() > deadline))?;
    Ok(conn)
}

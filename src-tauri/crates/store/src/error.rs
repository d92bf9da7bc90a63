use std::path::{Path, PathBuf};
use thiserror::Error;

/// Why a file could not be read or written. Messages name the file and say what to do.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{}: {source}", .path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{} is not a MAESTRO Studio model", .path.display())]
    NotAModel { path: PathBuf },
    #[error(
        "{} was saved by a newer MAESTRO Studio (file format {found}; this version reads up to {supported}). \
         Open it with a newer version.",
        .path.display()
    )]
    NewerFormat { path: PathBuf, found: i64, supported: i64 },
    #[error("{} is damaged: {detail}", .path.display())]
    Corrupt { path: PathBuf, detail: String },
    /// The file may be an SQLite database, but not one this program reads without risk.
    #[error("{} was not opened: {reason}", .path.display())]
    Refused { path: PathBuf, reason: Refusal },
    #[error("{}: {source}", .path.display())]
    Sqlite { path: PathBuf, source: rusqlite::Error },
}

/// Why a file was refused before any of its contents were trusted.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum Refusal {
    #[error("it is not a regular file")]
    NotAFile,
    #[error("it is {size} bytes, more than the {limit} bytes a model may take")]
    TooLarge { size: u64, limit: u64 },
    #[error(
        "it keeps changes in a write-ahead log, which MAESTRO Studio never does: another program changed it. \
         Open it in that program and switch it back to a rollback journal (PRAGMA journal_mode = DELETE)"
    )]
    WriteAheadLog,
    #[error("it is not a MAESTRO Studio file as written: {0}")]
    Schema(String),
    #[error("its {table} table has {found} rows, more than the {limit} a model may have")]
    TooManyRows { table: &'static str, found: i64, limit: i64 },
    #[error("a value in it is longer than any a model holds")]
    ValueTooLong,
    #[error("reading it took longer than {seconds} s, so it was stopped")]
    TooSlow { seconds: u64 },
}

impl StoreError {
    pub(crate) fn from_sqlite(path: &Path, error: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode;
        let refused = |reason| StoreError::Refused { path: path.to_owned(), reason };
        match error.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => StoreError::NotAModel { path: path.to_owned() },
            Some(ErrorCode::DatabaseCorrupt) => {
                StoreError::Corrupt { path: path.to_owned(), detail: error.to_string() }
            }
            Some(ErrorCode::OperationInterrupted) => {
                refused(Refusal::TooSlow { seconds: crate::open::DEADLINE.as_secs() })
            }
            Some(ErrorCode::TooBig) => refused(Refusal::ValueTooLong),
            _ => StoreError::Sqlite { path: path.to_owned(), source: error },
        }
    }
}

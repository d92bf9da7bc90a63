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
    #[error("{}: {source}", .path.display())]
    Sqlite { path: PathBuf, source: rusqlite::Error },
}

impl StoreError {
    pub(crate) fn from_sqlite(path: &Path, error: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode;
        match error.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => StoreError::NotAModel { path: path.to_owned() },
            Some(ErrorCode::DatabaseCorrupt) => {
                StoreError::Corrupt { path: path.to_owned(), detail: error.to_string() }
            }
            _ => StoreError::Sqlite { path: path.to_owned(), source: error },
        }
    }
}

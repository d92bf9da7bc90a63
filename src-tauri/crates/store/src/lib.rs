//! `.maestro` files: a model stored as an SQLite database.
//!
//! Saving is atomic and keeps the file's owner, mode and access list (`replace.rs`). Opening
//! treats every file as coming from a stranger (`open.rs`): it is read once into memory, its
//! schema must be exactly one of ours, older formats are migrated in memory (`migrate.rs`), and
//! everything read goes through the model's own edit validation (`read.rs`), so a file this crate
//! accepts is a model the editor can hold. This crate knows nothing of the catalog (unknown kinds
//! are kept as they are; the caller checks them), analysis or windows.

mod error;
mod migrate;
mod open;
mod read;
mod replace;
mod revisions;
mod schema;
mod write;

pub use error::{Refusal, StoreError};
pub use open::MAX_FILE_BYTES;
pub use replace::process_is_running;
pub use revisions::{Revision, RevisionError, Revisions, now_utc, today_utc};
pub use schema::FORMAT_VERSION;

use maestro_model::Model;
use std::path::Path;

/// A model as a file holds it: its latest state and the revisions that led there.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stored {
    pub model: Model,
    pub revisions: Revisions,
}

/// Writes `model` to `path` as a file with no revisions, replacing any file there only once
/// the new one is complete.
pub fn save(model: &Model, path: &Path) -> Result<(), StoreError> {
    save_with_revisions(model, &Revisions::default(), path).map(drop)
}

/// Writes `model` and its `revisions` (the latest of which should be `model`) to `path`,
/// replacing any file there only once the new one is complete. Returns the bytes written, so
/// that the caller knows what it left on disk without reading the file back (by when another
/// program may have replaced it).
pub fn save_with_revisions(model: &Model, revisions: &Revisions, path: &Path) -> Result<Vec<u8>, StoreError> {
    let bytes = write::file_bytes(model, revisions, path)?;
    replace::write_atomically(path, &bytes)?;
    Ok(bytes)
}

/// Reads the model stored at `path` (not its revisions, so damage there does not stop it).
pub fn load(path: &Path) -> Result<Model, StoreError> {
    read::read_model(&open::open(path)?).map_err(|e| StoreError::from_sqlite(path, e))?.into_model(path)
}

/// Reads the model stored at `path` with its revisions.
pub fn load_with_revisions(path: &Path) -> Result<Stored, StoreError> {
    stored_in(&open::open(path)?, path)
}

/// Reads a model from the bytes of a `.maestro` file (from a pipe, say); `name` stands for the
/// file in messages.
pub fn load_bytes(bytes: &[u8], name: &Path) -> Result<Stored, StoreError> {
    stored_in(&open::open_bytes(bytes, name)?, name)
}

fn stored_in(conn: &rusqlite::Connection, path: &Path) -> Result<Stored, StoreError> {
    let model = read::read_model(conn).map_err(|e| StoreError::from_sqlite(path, e))?.into_model(path)?;
    Ok(Stored { model, revisions: read::read_revisions(conn, path)? })
}

#[cfg(test)]
mod tests;

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
mod schema;
mod write;

pub use error::{Refusal, StoreError};
pub use open::MAX_FILE_BYTES;
pub use replace::process_is_running;
pub use schema::FORMAT_VERSION;

use maestro_model::Model;
use std::path::Path;

/// Writes `model` to `path`, replacing any file there only once the new one is complete.
pub fn save(model: &Model, path: &Path) -> Result<(), StoreError> {
    let bytes = write::file_bytes(model, path)?;
    replace::write_atomically(path, &bytes)
}

/// Reads the model stored at `path`.
pub fn load(path: &Path) -> Result<Model, StoreError> {
    let conn = open::open(path)?;
    read::read_model(&conn).map_err(|e| StoreError::from_sqlite(path, e))?.into_model(path)
}

/// Reads a model from the bytes of a `.maestro` file (from a pipe, say); `name` stands for the
/// file in messages.
pub fn load_bytes(bytes: &[u8], name: &Path) -> Result<Model, StoreError> {
    let conn = open::open_bytes(bytes, name)?;
    read::read_model(&conn).map_err(|e| StoreError::from_sqlite(name, e))?.into_model(name)
}

#[cfg(test)]
mod tests;

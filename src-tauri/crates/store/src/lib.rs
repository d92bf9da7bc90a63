//! `.maestro` files: a model stored as an SQLite database.
//!
//! Saving is atomic (a complete new file replaces the old one by rename, so a crash never leaves a
//! half-written model), and loading checks everything it reads through the model's own edit
//! validation, so a file this crate accepts is a model the editor can hold. This crate knows
//! nothing of the catalog (unknown kinds are kept as they are), analysis or windows.

mod error;
mod schema;

pub use error::StoreError;
pub use schema::FORMAT_VERSION;

use maestro_model::{EditOp, Element, Flow, Model, Placed, Position, Properties};
use rusqlite::{Connection, OpenFlags, params};
use std::path::{Path, PathBuf};

/// Writes `model` to `path`, replacing any file there only once the new one is complete.
pub fn save(model: &Model, path: &Path) -> Result<(), StoreError> {
    let temp = temp_path_for(path);
    let result = write_new_file(model, &temp)
        .and_then(|()| std::fs::rename(&temp, path).map_err(|source| StoreError::Io { path: path.to_owned(), source }));
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        // Make the rename itself durable; not every filesystem allows syncing a directory.
        if let Ok(dir) = std::fs::File::open(dir) {
            let _ = dir.sync_all();
        }
    }
    Ok(())
}

/// Reads the model stored at `path`.
pub fn load(path: &Path) -> Result<Model, StoreError> {
    if !path.exists() {
        return Err(StoreError::Io { path: path.to_owned(), source: std::io::ErrorKind::NotFound.into() });
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| StoreError::from_sqlite(path, e))?;
    schema::check_readable(&conn, path)?;
    read_model(&conn).map_err(|e| StoreError::from_sqlite(path, e))?.into_model(path)
}

fn temp_path_for(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "model".into());
    path.with_file_name(format!(".{name}.saving"))
}

fn write_new_file(model: &Model, temp: &Path) -> Result<(), StoreError> {
    if temp.exists() {
        std::fs::remove_file(temp).map_err(|source| StoreError::Io { path: temp.to_owned(), source })?;
    }
    let sqlite_err = |e| StoreError::from_sqlite(temp, e);
    let mut conn = Connection::open(temp).map_err(sqlite_err)?;
    schema::create(&conn).map_err(sqlite_err)?;
    let tx = conn.transaction().map_err(sqlite_err)?;
    tx.execute("INSERT INTO meta (key, value) VALUES ('name', ?1)", params![model.name]).map_err(sqlite_err)?;
    tx.execute("INSERT INTO meta (key, value) VALUES ('written_by', ?1)", params![env!("CARGO_PKG_VERSION")])
        .map_err(sqlite_err)?;
    {
        let mut insert = tx
            .prepare("INSERT INTO elements (ord, id, kind, name, x, y, properties) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
            .map_err(sqlite_err)?;
        for (ord, e) in model.elements.iter().enumerate() {
            insert
                .execute(params![
                    ord as i64,
                    e.id.as_str(),
                    e.kind.as_str(),
                    e.name,
                    e.position.x,
                    e.position.y,
                    properties_json(&e.properties)
                ])
                .map_err(sqlite_err)?;
        }
        let mut insert = tx
            .prepare("INSERT INTO flows (ord, id, source, target, name, properties) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
            .map_err(sqlite_err)?;
        for (ord, f) in model.flows.iter().enumerate() {
            insert
                .execute(params![
                    ord as i64,
                    f.id.as_str(),
                    f.from.as_str(),
                    f.to.as_str(),
                    f.name,
                    properties_json(&f.properties)
                ])
                .map_err(sqlite_err)?;
        }
    }
    tx.commit().map_err(sqlite_err)?;
    conn.close().map_err(|(_, e)| sqlite_err(e))?;
    let file = std::fs::File::open(temp).map_err(|source| StoreError::Io { path: temp.to_owned(), source })?;
    file.sync_all().map_err(|source| StoreError::Io { path: temp.to_owned(), source })
}

fn properties_json(properties: &Properties) -> String {
    serde_json::to_string(properties).expect("property maps always serialise")
}

/// Rows as read, before they are checked as a model.
struct RawModel {
    name: String,
    elements: Vec<(Element, String)>,
    flows: Vec<(Flow, String)>,
}

fn read_model(conn: &Connection) -> rusqlite::Result<RawModel> {
    let name: String = conn
        .query_row("SELECT value FROM meta WHERE key = 'name'", [], |row| row.get(0))
        .or_else(|e| if e == rusqlite::Error::QueryReturnedNoRows { Ok(String::new()) } else { Err(e) })?;
    let mut stmt = conn.prepare("SELECT id, kind, name, x, y, properties FROM elements ORDER BY ord")?;
    let elements = stmt
        .query_map([], |row| {
            let element = Element {
                id: row.get::<_, String>(0)?.into(),
                kind: row.get::<_, String>(1)?.as_str().into(),
                name: row.get(2)?,
                position: Position::new(row.get(3)?, row.get(4)?),
                properties: Properties::new(),
            };
            Ok((element, row.get::<_, String>(5)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = conn.prepare("SELECT id, source, target, name, properties FROM flows ORDER BY ord")?;
    let flows = stmt
        .query_map([], |row| {
            let flow = Flow {
                id: row.get::<_, String>(0)?.as_str().into(),
                from: row.get::<_, String>(1)?.as_str().into(),
                to: row.get::<_, String>(2)?.as_str().into(),
                name: row.get(3)?,
                properties: Properties::new(),
            };
            Ok((flow, row.get::<_, String>(4)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(RawModel { name, elements, flows })
}

impl RawModel {
    fn into_model(self, path: &Path) -> Result<Model, StoreError> {
        let corrupt = |detail: String| StoreError::Corrupt { path: path.to_owned(), detail };
        let mut elements = Vec::with_capacity(self.elements.len());
        for (mut element, json) in self.elements {
            element.properties = serde_json::from_str(&json)
                .map_err(|e| corrupt(format!("element '{}' has unreadable properties: {e}", element.id)))?;
            elements.push(Placed::appended(element));
        }
        let mut flows = Vec::with_capacity(self.flows.len());
        for (mut flow, json) in self.flows {
            flow.properties = serde_json::from_str(&json)
                .map_err(|e| corrupt(format!("flow '{}' has unreadable properties: {e}", flow.id)))?;
            flows.push(Placed::appended(flow));
        }
        let name = if self.name.trim().is_empty() { "Untitled model".to_owned() } else { self.name };
        let mut model = Model::new(name);
        model.apply(EditOp::Insert { elements, flows }).map_err(|e| corrupt(e.to_string()))?;
        Ok(model)
    }
}

#[cfg(test)]
mod tests;

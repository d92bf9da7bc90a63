//! Writing a model as the bytes of a file in the current format, built in memory.

use crate::{Revisions, StoreError, schema};
use maestro_model::{Model, Properties};
use rusqlite::{Connection, MAIN_DB, params};
use std::path::Path;

/// The bytes of a `.maestro` file holding `model` and its `revisions`; `path` names it in messages.
pub(crate) fn file_bytes(model: &Model, revisions: &Revisions, path: &Path) -> Result<Vec<u8>, StoreError> {
    let sqlite_err = |e| StoreError::from_sqlite(path, e);
    let mut conn = Connection::open_in_memory().map_err(sqlite_err)?;
    schema::create(&conn).map_err(sqlite_err)?;
    let tx = conn.transaction().map_err(sqlite_err)?;
    tx.execute("INSERT INTO meta (key, value) VALUES ('name', ?1)", params![model.name]).map_err(sqlite_err)?;
    if !model.description.is_empty() {
        tx.execute("INSERT INTO meta (key, value) VALUES ('description', ?1)", params![model.description])
            .map_err(sqlite_err)?;
    }
    tx.execute("INSERT INTO meta (key, value) VALUES ('written_by', ?1)", params![env!("CARGO_PKG_VERSION")])
        .map_err(sqlite_err)?;
    {
        let mut insert = tx
            .prepare(
                "INSERT INTO elements (ord, id, kind, name, x, y, properties, layer_override, description, notes) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )
            .map_err(sqlite_err)?;
        for (ord, e) in model.elements.iter().enumerate() {
            let layer_override = e.layer_override.as_ref().map(|o| to_json(&(&o.layer, &o.justification)));
            insert
                .execute(params![
                    ord as i64,
                    e.id.as_str(),
                    e.kind.as_str(),
                    e.name,
                    e.position.x,
                    e.position.y,
                    properties_json(&e.properties),
                    layer_override,
                    e.description,
                    e.notes
                ])
                .map_err(sqlite_err)?;
        }
        let mut insert = tx
            .prepare(
                "INSERT INTO boundaries (ord, id, name, properties, contains, parent, x, y, width, height, \
                 description, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )
            .map_err(sqlite_err)?;
        for (ord, b) in model.boundaries.iter().enumerate() {
            let contains: Vec<&str> = b.contains.iter().map(|e| e.as_str()).collect();
            insert
                .execute(params![
                    ord as i64,
                    b.id.as_str(),
                    b.name,
                    properties_json(&b.properties),
                    to_json(&contains),
                    b.parent.as_ref().map(|p| p.as_str()),
                    b.position.x,
                    b.position.y,
                    b.size.width,
                    b.size.height,
                    b.description,
                    b.notes
                ])
                .map_err(sqlite_err)?;
        }
        let mut insert = tx
            .prepare("INSERT INTO decisions (finding, status, justification) VALUES (?1, ?2, ?3)")
            .map_err(sqlite_err)?;
        for d in &model.decisions {
            insert.execute(params![d.finding.as_str(), to_json(&d.status), d.justification]).map_err(sqlite_err)?;
        }
        let mut insert = tx
            .prepare(
                "INSERT INTO flows (ord, id, source, target, name, properties, description, notes) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )
            .map_err(sqlite_err)?;
        for (ord, f) in model.flows.iter().enumerate() {
            insert
                .execute(params![
                    ord as i64,
                    f.id.as_str(),
                    f.from.as_str(),
                    f.to.as_str(),
                    f.name,
                    properties_json(&f.properties),
                    f.description,
                    f.notes
                ])
                .map_err(sqlite_err)?;
        }
        let mut insert = tx
            .prepare(
                "INSERT INTO revisions (number, saved_at, author, summary, digest, back) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .map_err(sqlite_err)?;
        for entry in revisions.entries() {
            let r = &entry.revision;
            insert
                .execute(params![r.number, r.saved_at, r.author, r.summary, entry.digest, entry.back])
                .map_err(sqlite_err)?;
        }
    }
    tx.commit().map_err(sqlite_err)?;
    let bytes = conn.serialize(MAIN_DB).map_err(sqlite_err)?.to_vec();
    Ok(bytes)
}

fn properties_json(properties: &Properties) -> String {
    to_json(properties)
}

fn to_json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).expect("model values always serialise")
}

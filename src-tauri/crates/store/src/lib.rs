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

use maestro_model::{
    Boundary, Decision, DecisionStatus, EditOp, Element, Flow, LayerOverride, Model, Placed, Position, Properties, Size,
};
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
    let version = schema::check_readable(&conn, path)?;
    read_model(&conn, version).map_err(|e| StoreError::from_sqlite(path, e))?.into_model(path)
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
    }
    tx.commit().map_err(sqlite_err)?;
    conn.close().map_err(|(_, e)| sqlite_err(e))?;
    let file = std::fs::File::open(temp).map_err(|source| StoreError::Io { path: temp.to_owned(), source })?;
    file.sync_all().map_err(|source| StoreError::Io { path: temp.to_owned(), source })
}

fn properties_json(properties: &Properties) -> String {
    to_json(properties)
}

fn to_json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).expect("model values always serialise")
}

/// A boundary row as read; JSON columns are kept as text until checked.
struct RawBoundary {
    boundary: Boundary,
    properties: String,
    contains: String,
}

/// Rows as read, before they are checked as a model. JSON columns are kept as text until then.
struct RawModel {
    name: String,
    description: String,
    elements: Vec<(Element, String, Option<String>)>,
    flows: Vec<(Flow, String)>,
    boundaries: Vec<RawBoundary>,
    /// False for files from before boundaries had boxes: they are fitted around their contents.
    boundary_geometry: bool,
    decisions: Vec<(String, String, String)>,
}

fn read_model(conn: &Connection, version: i64) -> rusqlite::Result<RawModel> {
    let meta = |key: &str| -> rusqlite::Result<String> {
        conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |row| row.get(0))
            .or_else(|e| if e == rusqlite::Error::QueryReturnedNoRows { Ok(String::new()) } else { Err(e) })
    };
    let (name, description) = (meta("name")?, meta("description")?);
    // Format 1 had no layer overrides, boundaries or decisions; format 2 no texts or boundary boxes.
    let override_column = if version >= 2 { "layer_override" } else { "NULL" };
    let texts = if version >= 3 { "description, notes" } else { "'', ''" };
    let mut stmt = conn.prepare(&format!(
        "SELECT id, kind, name, x, y, properties, {override_column}, {texts} FROM elements ORDER BY ord"
    ))?;
    let elements = stmt
        .query_map([], |row| {
            let element = Element {
                id: row.get::<_, String>(0)?.into(),
                kind: row.get::<_, String>(1)?.as_str().into(),
                name: row.get(2)?,
                position: Position::new(row.get(3)?, row.get(4)?),
                description: row.get(7)?,
                notes: row.get(8)?,
                properties: Properties::new(),
                layer_override: None,
            };
            Ok((element, row.get::<_, String>(5)?, row.get::<_, Option<String>>(6)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let (boundaries, decisions) = if version >= 2 {
        let geometry = if version >= 3 { "parent, x, y, width, height" } else { "NULL, 0.0, 0.0, 320.0, 200.0" };
        let mut stmt = conn.prepare(&format!(
            "SELECT id, name, properties, contains, {geometry}, {texts} FROM boundaries ORDER BY ord"
        ))?;
        let boundaries = stmt
            .query_map([], |row| {
                let boundary = Boundary {
                    id: row.get::<_, String>(0)?.into(),
                    name: row.get(1)?,
                    parent: row.get::<_, Option<String>>(4)?.map(Into::into),
                    position: Position::new(row.get(5)?, row.get(6)?),
                    size: Size::new(row.get(7)?, row.get(8)?),
                    description: row.get(9)?,
                    notes: row.get(10)?,
                    properties: Properties::new(),
                    contains: Vec::new(),
                };
                Ok(RawBoundary { boundary, properties: row.get(2)?, contains: row.get(3)? })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut stmt = conn.prepare("SELECT finding, status, justification FROM decisions ORDER BY finding")?;
        let decisions = stmt
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        (boundaries, decisions)
    } else {
        (Vec::new(), Vec::new())
    };
    let mut stmt =
        conn.prepare(&format!("SELECT id, source, target, name, properties, {texts} FROM flows ORDER BY ord"))?;
    let flows = stmt
        .query_map([], |row| {
            let flow = Flow {
                id: row.get::<_, String>(0)?.as_str().into(),
                from: row.get::<_, String>(1)?.as_str().into(),
                to: row.get::<_, String>(2)?.as_str().into(),
                name: row.get(3)?,
                description: row.get(5)?,
                notes: row.get(6)?,
                properties: Properties::new(),
            };
            Ok((flow, row.get::<_, String>(4)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(RawModel { name, description, elements, flows, boundaries, boundary_geometry: version >= 3, decisions })
}

impl RawModel {
    fn into_model(self, path: &Path) -> Result<Model, StoreError> {
        let corrupt = |detail: String| StoreError::Corrupt { path: path.to_owned(), detail };
        let mut elements = Vec::with_capacity(self.elements.len());
        for (mut element, json, layer_override) in self.elements {
            element.properties = serde_json::from_str(&json)
                .map_err(|e| corrupt(format!("element '{}' has unreadable properties: {e}", element.id)))?;
            if let Some(text) = layer_override {
                let (layer, justification): (String, String) = serde_json::from_str(&text)
                    .map_err(|e| corrupt(format!("element '{}' has an unreadable layer choice: {e}", element.id)))?;
                element.layer_override = Some(LayerOverride { layer, justification });
            }
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
        model.description = self.description;
        model.apply(EditOp::Insert { elements, flows, memberships: Vec::new() }).map_err(|e| corrupt(e.to_string()))?;
        // Boundaries go in through the model's own checks: top level first, then their nesting,
        // which must name boundaries that exist and never form a loop.
        let mut nesting = Vec::new();
        for RawBoundary { mut boundary, properties, contains } in self.boundaries {
            let id = boundary.id.clone();
            boundary.properties = serde_json::from_str(&properties)
                .map_err(|e| corrupt(format!("boundary '{id}' has unreadable properties: {e}")))?;
            let contains: Vec<String> = serde_json::from_str(&contains)
                .map_err(|e| corrupt(format!("boundary '{id}' has an unreadable member list: {e}")))?;
            if let Some(missing) = contains.iter().find(|m| model.element(&m.as_str().into()).is_none()) {
                return Err(corrupt(format!("boundary '{id}' contains '{missing}', which is not in the model")));
            }
            boundary.contains = contains.into_iter().map(Into::into).collect();
            if let Some(parent) = boundary.parent.take() {
                nesting.push(EditOp::SetBoundaryParent { boundary: id.clone(), parent: Some(parent) });
            }
            model
                .apply(EditOp::InsertBoundary { boundary: Placed::appended(boundary) })
                .map_err(|e| corrupt(format!("boundary '{id}': {e}")))?;
        }
        for op in nesting {
            model.apply(op).map_err(|e| corrupt(e.to_string()))?;
        }
        if !self.boundary_geometry {
            model.fit_boundaries();
        }
        for (finding, status, justification) in self.decisions {
            let status: DecisionStatus = serde_json::from_str(&status)
                .map_err(|e| corrupt(format!("the decision on '{finding}' has an unknown status: {e}")))?;
            model.decisions.push(Decision { finding: finding.into(), status, justification });
        }
        Ok(model)
    }
}

#[cfg(test)]
mod tests;

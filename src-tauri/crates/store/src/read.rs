//! Reading the tables of the current format into a model, through the model's own checks.

use crate::StoreError;
use crate::revisions::{Entry, Revision, Revisions};
use maestro_model::{
    Boundary, Decision, DecisionStatus, EditError, EditOp, Element, Flow, LayerOverride, Model, Placed, Position,
    Properties, Size,
};
use rusqlite::Connection;
use std::path::Path;

/// A boundary row as read; JSON columns are kept as text until checked.
struct RawBoundary {
    boundary: Boundary,
    properties: String,
    contains: String,
}

/// Rows as read, before they are checked as a model. JSON columns are kept as text until then.
pub(crate) struct RawModel {
    name: String,
    description: String,
    elements: Vec<(Element, String, Option<String>)>,
    flows: Vec<(Flow, String)>,
    boundaries: Vec<RawBoundary>,
    /// False for files from before boundaries had boxes: they are fitted around their contents.
    boundary_geometry: bool,
    decisions: Vec<(String, String, String)>,
}

pub(crate) fn read_model(conn: &Connection) -> rusqlite::Result<RawModel> {
    let meta = |key: &str| -> rusqlite::Result<String> {
        conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |row| row.get(0))
            .or_else(|e| if e == rusqlite::Error::QueryReturnedNoRows { Ok(String::new()) } else { Err(e) })
    };
    let (name, description) = (meta("name")?, meta("description")?);
    let boundary_geometry = meta("migrated:fit_boundaries")?.is_empty();
    let mut stmt = conn.prepare(
        "SELECT id, kind, name, x, y, properties, layer_override, description, notes FROM elements ORDER BY ord",
    )?;
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
    let mut stmt = conn.prepare(
        "SELECT id, name, properties, contains, parent, x, y, width, height, description, notes \
         FROM boundaries ORDER BY ord",
    )?;
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
    let decisions =
        stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt =
        conn.prepare("SELECT id, source, target, name, properties, description, notes FROM flows ORDER BY ord")?;
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
    Ok(RawModel { name, description, elements, flows, boundaries, boundary_geometry, decisions })
}

/// The revisions table: numbered 1, 2, 3… with none missing, or the file is damaged.
pub(crate) fn read_revisions(conn: &Connection, path: &Path) -> Result<Revisions, StoreError> {
    let sqlite = |e| StoreError::from_sqlite(path, e);
    let mut stmt = conn
        .prepare("SELECT number, saved_at, author, summary, digest, back FROM revisions ORDER BY number")
        .map_err(sqlite)?;
    let entries = stmt
        .query_map([], |row| {
            let number: i64 = row.get(0)?;
            let revision = Revision { number: 0, saved_at: row.get(1)?, author: row.get(2)?, summary: row.get(3)? };
            Ok((number, Entry { revision, digest: row.get(4)?, back: row.get(5)? }))
        })
        .map_err(sqlite)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(sqlite)?;
    let mut numbered = Vec::with_capacity(entries.len());
    for (expected, (number, mut entry)) in (1..).zip(entries) {
        if number != i64::from(expected) {
            return Err(StoreError::Corrupt {
                path: path.to_owned(),
                detail: format!("revision {number} is where revision {expected} should be"),
            });
        }
        entry.revision.number = expected;
        numbered.push(entry);
    }
    Ok(Revisions::from_entries(numbered))
}

impl RawModel {
    pub(crate) fn into_model(self, path: &Path) -> Result<Model, StoreError> {
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
        let mut top_level = Vec::with_capacity(self.boundaries.len());
        for RawBoundary { mut boundary, properties, contains } in self.boundaries {
            let id = boundary.id.clone();
            boundary.properties = serde_json::from_str(&properties)
                .map_err(|e| corrupt(format!("boundary '{id}' has unreadable properties: {e}")))?;
            let contains: Vec<String> = serde_json::from_str(&contains)
                .map_err(|e| corrupt(format!("boundary '{id}' has an unreadable member list: {e}")))?;
            boundary.contains = contains.into_iter().map(Into::into).collect();
            if let Some(parent) = boundary.parent.take() {
                nesting.push(EditOp::SetBoundaryParent { boundary: id.clone(), parent: Some(parent) });
            }
            top_level.push(boundary);
        }
        model.append_boundaries(top_level).map_err(|(id, e)| match e {
            EditError::UnknownElement(missing) => {
                corrupt(format!("boundary '{id}' contains '{missing}', which is not in the model"))
            }
            e => corrupt(format!("boundary '{id}': {e}")),
        })?;
        for op in nesting {
            model.apply(op).map_err(|e| corrupt(e.to_string()))?;
        }
        if !self.boundary_geometry {
            model.fit_boundaries();
        }
        let mut decided = std::collections::HashSet::new();
        for (finding, status, justification) in self.decisions {
            // The table's key says one decision per finding, but a damaged index (which
            // quick_check does not compare with its table) could let two through.
            if !decided.insert(finding.clone()) {
                return Err(corrupt(format!("the finding '{finding}' has two decisions")));
            }
            let status: DecisionStatus = serde_json::from_str(&status)
                .map_err(|e| corrupt(format!("the decision on '{finding}' has an unknown status: {e}")))?;
            model.decisions.push(Decision { finding: finding.into(), status, justification });
        }
        Ok(model)
    }
}

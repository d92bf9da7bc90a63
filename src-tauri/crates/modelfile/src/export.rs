//! Writing a model as code: the same shape the reader takes, in a stable order, so that the same
//! model always gives the same bytes and a change to the model is a small change to the text
//! (a diff in review shows what moved, what was added and what was decided).
//!
//! Order is the model's own (elements, flows and boundaries as they are kept, decisions by
//! finding id); properties are sorted by name. Every part is written with its id and its
//! place, so reading the text back gives the model that was written.

use crate::Format;
use crate::schema::{BoundaryEntry, Component, DecisionEntry, Extent, FlowEntry, ModelFile, Point, RawProperties};
use maestro_model::{Model, Properties, PropertyValue};

/// The model as model-as-code text in `format`.
pub fn to_text(model: &Model, format: Format) -> String {
    let file = file_of(model);
    match format {
        Format::Yaml => serde_yaml_ng::to_string(&file).expect("a model always serialises as YAML"),
        Format::Json => {
            let mut text = serde_json::to_string_pretty(&file).expect("a model always serialises as JSON");
            text.push('\n');
            text
        }
    }
}

fn file_of(model: &Model) -> ModelFile {
    let mut decisions: Vec<DecisionEntry> = model
        .decisions
        .iter()
        .map(|d| DecisionEntry {
            finding: d.finding.as_str().to_owned(),
            status: d.status,
            justification: d.justification.clone(),
        })
        .collect();
    decisions.sort_by(|a, b| a.finding.cmp(&b.finding));
    ModelFile {
        name: model.name.clone(),
        description: model.description.clone(),
        components: model
            .elements
            .iter()
            .map(|e| Component {
                id: e.id.as_str().to_owned(),
                kind: e.kind.as_str().to_owned(),
                name: e.name.clone(),
                properties: raw(&e.properties),
                layer: e.layer_override.as_ref().map(|o| o.layer.clone()),
                justification: e.layer_override.as_ref().map(|o| o.justification.clone()),
                position: Some(Point { x: e.position.x, y: e.position.y }),
                description: e.description.clone(),
                notes: e.notes.clone(),
            })
            .collect(),
        flows: model
            .flows
            .iter()
            .map(|f| FlowEntry {
                id: Some(f.id.as_str().to_owned()),
                from: f.from.as_str().to_owned(),
                to: f.to.as_str().to_owned(),
                name: f.name.clone(),
                properties: raw(&f.properties),
                description: f.description.clone(),
                notes: f.notes.clone(),
            })
            .collect(),
        boundaries: model
            .boundaries
            .iter()
            .map(|b| BoundaryEntry {
                id: b.id.as_str().to_owned(),
                name: b.name.clone(),
                properties: raw(&b.properties),
                contains: b.contains.iter().map(|m| m.as_str().to_owned()).collect(),
                parent: b.parent.as_ref().map(|p| p.as_str().to_owned()),
                position: Some(Point { x: b.position.x, y: b.position.y }),
                size: Some(Extent { width: b.size.width, height: b.size.height }),
                description: b.description.clone(),
                notes: b.notes.clone(),
            })
            .collect(),
        decisions,
    }
}

fn raw(properties: &Properties) -> RawProperties {
    properties
        .iter()
        .map(|(name, value)| {
            let value = match value {
                PropertyValue::Bool(b) => serde_json::Value::Bool(*b),
                PropertyValue::Number(n) => {
                    serde_json::Number::from_f64(*n).map_or(serde_json::Value::Null, Into::into)
                }
                PropertyValue::Text(t) => serde_json::Value::String(t.clone()),
            };
            (name.clone(), value)
        })
        .collect()
}

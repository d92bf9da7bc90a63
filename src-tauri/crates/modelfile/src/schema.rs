//! The shape of a model-as-code file.

use serde::Deserialize;
use std::collections::BTreeMap;

/// Property values as written: the catalog decides which types are allowed.
pub(crate) type RawProperties = BTreeMap<String, serde_json::Value>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ModelFile {
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub components: Vec<Component>,
    #[serde(default)]
    pub flows: Vec<FlowEntry>,
    #[serde(default)]
    pub boundaries: Vec<BoundaryEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Component {
    pub id: String,
    pub kind: String,
    pub name: String,
    #[serde(default)]
    pub properties: RawProperties,
    pub layer: Option<String>,
    pub justification: Option<String>,
    pub position: Option<Point>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub notes: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Point {
    pub x: f64,
    pub y: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FlowEntry {
    pub id: Option<String>,
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub properties: RawProperties,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub notes: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BoundaryEntry {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub properties: RawProperties,
    #[serde(default)]
    pub contains: Vec<String>,
    /// The id of the boundary this one sits in.
    pub parent: Option<String>,
    /// The top-left corner and size of its box; without both, the box is fitted around its contents.
    pub position: Option<Point>,
    pub size: Option<Extent>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub notes: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Extent {
    pub width: f64,
    pub height: f64,
}

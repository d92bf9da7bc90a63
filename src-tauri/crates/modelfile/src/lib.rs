//! Model-as-code: a model written by hand or generated, as JSON or YAML.
//!
//! ```yaml
//! name: Research crew
//! description: The crew that researches and writes the weekly report.
//! components:
//!   - id: researcher
//!     kind: agent
//!     name: Researcher
//!     properties: { autonomy: autonomous, memory: persistent }
//!   - { id: files, kind: tool, name: File write, properties: { side_effect: write } }
//!   - { id: runner, kind: agent, name: Runner, layer: L4, justification: It schedules the jobs. }
//! flows:
//!   - { from: researcher, to: files, name: article, properties: { validated: false } }
//! boundaries:
//!   - { id: corp, name: Corporate network, properties: { trust: trusted }, contains: [researcher, files] }
//!   - { id: lab, name: Sandbox, parent: corp, position: { x: 0, y: 0 }, size: { width: 400, height: 300 } }
//! ```
//!
//! The model may have a `description`; components, flows and boundaries a `description` and
//! `notes`. A boundary written without `position` and `size` is drawn around what it holds.
//! `decisions` record what the users decided about findings
//! (`{ finding: ID, status: accepted | transferred | not-applicable, justification: WHY }`).
//!
//! [`to_text`] writes a model in this shape, deterministically (see `export.rs`): reading it back
//! gives the same model, layout and decisions included.
//!
//! Kinds, properties and their values are the catalog's. Anything wrong — an unknown kind, a
//! flow end that names no component, a value of the wrong type — is reported with the element and
//! field it is in, never with a panic. Components without a `position` are laid out in MAESTRO
//! bands (L7 at the top, L1 at the bottom).

mod check;
mod export;
mod layout;
mod schema;

pub use export::to_text;

use maestro_catalog::Catalog;
use maestro_model::Model;
use std::path::Path;
use thiserror::Error;

/// The text formats a model can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Yaml,
}

impl Format {
    /// The format a file's extension names: `.json`, `.yaml` or `.yml`.
    pub fn of_path(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "yaml" | "yml" => Some(Format::Yaml),
            _ => None,
        }
    }
}

#[derive(Debug, Error, PartialEq)]
pub enum ModelFileError {
    /// The text is not valid JSON or YAML of the model's shape.
    #[error("{0}")]
    Syntax(String),
    /// The text is longer than any model's.
    #[error("the text is {size} bytes, more than the {limit} bytes a model may take")]
    TooLarge { size: usize, limit: usize },
    /// The text has the right shape, but something in it is wrong.
    #[error("{location}: {message}")]
    Invalid { location: String, message: String },
}

/// The longest model-as-code text that is read.
pub const MAX_TEXT_BYTES: usize = 64 << 20;

/// Reads a model from model-as-code text.
pub fn parse(text: &str, format: Format, catalog: &Catalog) -> Result<Model, ModelFileError> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(ModelFileError::TooLarge { size: text.len(), limit: MAX_TEXT_BYTES });
    }
    let file: schema::ModelFile = match format {
        Format::Json => serde_json::from_str(text).map_err(|e| ModelFileError::Syntax(e.to_string()))?,
        Format::Yaml => serde_yaml_ng::from_str(text).map_err(|e| ModelFileError::Syntax(e.to_string()))?,
    };
    let check::Built { mut model, unfitted } = check::build(file, catalog)?;
    layout::place_unpositioned(&mut model, catalog);
    // Boundaries written without a box are drawn around what they hold; the others keep theirs.
    model.fit_some_boundaries(&unfitted);
    Ok(model)
}

#[cfg(test)]
mod roundtrip_tests;
#[cfg(test)]
mod tests;

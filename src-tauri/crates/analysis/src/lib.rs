//! MAESTRO analysis: from a model and the catalog to an explained report.
//!
//! Pure functions of their inputs: no I/O, no clock, no randomness, so the same model always gives
//! the same report. This crate knows nothing of files, windows or how a report is rendered.

mod layers;

pub use layers::{LayerAssignment, assign_layers};

use maestro_catalog::Catalog;
use maestro_model::Model;
use serde::{Deserialize, Serialize};
use specta::Type;

/// Everything the analysis says about a model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct Analysis {
    /// One entry per element, in model order.
    pub layers: Vec<LayerAssignment>,
}

pub fn analyze(model: &Model, catalog: &Catalog) -> Analysis {
    Analysis { layers: assign_layers(model, catalog) }
}

//! MAESTRO analysis: from a model and the catalog to an explained report.
//!
//! - [`layers`]: every element's primary and secondary MAESTRO layers, each with its reason.
//! - [`findings`]: the catalog's rules applied to every element and flow, giving one finding per
//!   threat and target, with the STRIDE category its element class admits, a severity, the rules
//!   and facts that made it apply, the mitigations and whether the model shows them in place.
//! - [`matrix`]: findings counted by layer × STRIDE, severity and status.
//!
//! Pure functions of their inputs: no I/O, no clock, no randomness, so the same model always gives
//! the same report with the same finding ids. This crate knows nothing of files, windows or how a
//! report is rendered.

mod condition;
mod context;
pub mod findings;
pub mod gaps;
pub mod graph;
pub mod layers;
pub mod matrix;
mod options;
mod severity;
mod two_way;

pub use findings::{
    Finding, FindingLeg, FindingStatus, MITRE_ATLAS, MitigationCheck, OWASP_AGENTIC, OWASP_LLM, threat_aliases,
};
pub use gaps::{CatalogGap, gaps};
pub use graph::reach::{Reach, ReachDirection, Reached, reach};
pub use layers::{LayerAssignment, LayerReason, ReasonSource};
pub use matrix::{Counts, Matrix, MatrixCell, MatrixRow};
pub use options::AnalysisOptions;
pub use severity::Severity;

use context::Context;
use maestro_catalog::Catalog;
use maestro_model::Model;
use serde::{Deserialize, Serialize};
use specta::Type;

/// Everything the analysis says about a model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct Analysis {
    /// One entry per element, in model order.
    pub layers: Vec<LayerAssignment>,
    /// Ordered by layer, then catalog threat order, then model order of the target.
    pub findings: Vec<Finding>,
    pub matrix: Matrix,
    /// Parts of the model the catalog does not know, which no rule could judge (see [`gaps`]).
    pub gaps: Vec<CatalogGap>,
}

/// The analysis with the default options (the system's signed-in users are not attackers).
pub fn analyze(model: &Model, catalog: &Catalog) -> Analysis {
    analyze_with(model, catalog, AnalysisOptions::default())
}

pub fn analyze_with(model: &Model, catalog: &Catalog, options: AnalysisOptions) -> Analysis {
    let directed = two_way::with_mirrors(model);
    let context = Context::new(&directed, catalog, options);
    let layers = layers::assign(&context);
    let findings = findings::find(&context, &layers);
    let matrix = matrix::tally(catalog, &findings);
    let gaps = gaps::gaps(model, catalog);
    Analysis { layers, findings, matrix, gaps }
}

#[cfg(test)]
mod tests;

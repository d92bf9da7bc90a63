//! Reports of an analysis, for people and for pipelines.
//!
//! - [`json`]: the full report: `findings`, `layers` (each element's assignment with reasons) and
//!   `matrix` (layer × STRIDE counts).
//! - [`markdown`]: a readable report; user text is escaped so it cannot inject markup or HTML.
//! - [`csv`]: one row per finding; cells are quoted, and cells a spreadsheet would run as a
//!   formula are defused.
//! - [`sarif`]: SARIF 2.1.0 for code-scanning tools.
//!
//! This crate renders what it is given: it does no analysis and no I/O.

mod csv;
mod json;
mod markdown;
mod sarif;

pub use csv::csv;
pub use json::json;
pub use markdown::markdown;
pub use sarif::sarif;

use maestro_analysis::Analysis;
use maestro_catalog::Catalog;
use maestro_model::Model;

/// What every report is made from.
pub struct Subject<'a> {
    pub model: &'a Model,
    pub analysis: &'a Analysis,
    pub catalog: &'a Catalog,
    /// Where the model came from, as the user named it (a path), for SARIF locations.
    pub source: &'a str,
}

impl Subject<'_> {
    /// The name of an element or flow, for people; the id itself when it is neither.
    pub(crate) fn target_name(&self, id: &str) -> String {
        if let Some(element) = self.model.elements.iter().find(|e| e.id.as_str() == id) {
            return element.name.clone();
        }
        if let Some(flow) = self.model.flows.iter().find(|f| f.id.as_str() == id) {
            let end = |end: &maestro_model::ElementId| {
                self.model.elements.iter().find(|e| &e.id == end).map_or(end.as_str().to_owned(), |e| e.name.clone())
            };
            return format!("{} → {}", end(&flow.from), end(&flow.to));
        }
        id.to_owned()
    }

    /// Open findings as a share of elements, the noise measure.
    pub(crate) fn open_count(&self) -> usize {
        self.analysis.findings.iter().filter(|f| f.status == maestro_analysis::FindingStatus::Open).count()
    }
}

#[cfg(test)]
mod tests;

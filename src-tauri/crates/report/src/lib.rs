//! Reports of an analysis, for people and for pipelines. Every alias a finding carries keeps its
//! source in every format: an id alone is ambiguous (the MAS guide's T16 is not ASI T&M's T16).
//!
//! - [`json`]: the full report: `findings` (aliases as `{ source, id }`), `sources` (id, name and
//!   short name of each source the findings' aliases name), `layers` (each element's assignment
//!   with reasons) and `matrix` (layer × STRIDE counts).
//! - [`markdown`]: a readable report; each alias is shown as `T1 (ASI T&M v1.1)`, and user text is
//!   escaped so it cannot inject markup or HTML.
//! - [`csv`]: one row per finding; `aliases` as `ASI T&M v1.1 T1; …`, and the OWASP Agentic, OWASP
//!   LLM and MITRE ATLAS ids in columns of their own. Cells are quoted, and cells a spreadsheet
//!   would run as a formula are defused.
//! - [`sarif`]: SARIF 2.1.0 for code-scanning tools; each source is a taxonomy, and each rule
//!   relates to the taxa its threat is known as.
//!
//! This crate renders what it is given: it does no analysis and no I/O.

mod aliases;
mod csv;
mod format;
mod json;
mod markdown;
mod sarif;

pub use csv::csv;
pub use format::ReportFormat;
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

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
//! - [`html`]: one self-contained page for an audit (summary, diagram, a chapter per layer,
//!   chains, matrix, mitigation plan, cross-references), with no script and no outside request.
//! - [`diagram`]: the model's diagram as SVG, drawn from the model's geometry as the canvas draws
//!   it, with a layer or a chain picked out, or in layer bands; [`png`] rasterises it with the
//!   fonts built into the crate.
//!
//! [`ReportFormat`] lists them all, by name and extension, for the app and the command line.
//! This crate renders what it is given: it does no analysis and no I/O.

mod aliases;
mod csv;
pub mod diagram;
mod format;
mod html;
mod json;
mod markdown;
mod markup;
mod png;
mod sarif;

pub use csv::csv;
pub use diagram::{Arrangement, DiagramError, DiagramOptions, Highlight, svg};
pub use format::{ExportError, ExportOptions, ReportFormat};
pub use html::{ReportOptions, html};
pub use json::json;
pub use markdown::markdown;
pub use png::{MAX_PIXELS, PngError, png};
pub use sarif::sarif;

use maestro_analysis::Analysis;
use maestro_catalog::Catalog;
use maestro_model::Model;
use std::collections::HashMap;

/// What every report is made from.
pub struct Subject<'a> {
    pub model: &'a Model,
    pub analysis: &'a Analysis,
    pub catalog: &'a Catalog,
    /// Where the model came from, as the user named it (a path), for SARIF locations.
    pub source: &'a str,
}

impl Subject<'_> {
    /// Open findings as a share of elements, the noise measure.
    pub(crate) fn open_count(&self) -> usize {
        self.analysis.findings.iter().filter(|f| f.status == maestro_analysis::FindingStatus::Open).count()
    }
}

/// The names of a model's elements and flows by id, looked up once per report rather than by a
/// scan per target (a report names every finding's targets).
pub(crate) struct Names<'a> {
    elements: HashMap<&'a str, &'a str>,
    flows: HashMap<&'a str, &'a maestro_model::Flow>,
}

impl<'a> Names<'a> {
    pub(crate) fn of(model: &'a Model) -> Names<'a> {
        let mut elements = HashMap::with_capacity(model.elements.len());
        for e in &model.elements {
            elements.entry(e.id.as_str()).or_insert(e.name.as_str());
        }
        let mut flows = HashMap::with_capacity(model.flows.len());
        for f in &model.flows {
            flows.entry(f.id.as_str()).or_insert(f);
        }
        Names { elements, flows }
    }

    /// Whether `id` is one of the model's elements.
    pub(crate) fn is_element(&self, id: &str) -> bool {
        self.elements.contains_key(id)
    }

    /// The name of an element or flow (`from → to`), for people; the id itself when it is neither.
    pub(crate) fn target(&self, id: &str) -> String {
        if let Some(name) = self.elements.get(id) {
            return (*name).to_owned();
        }
        if let Some(flow) = self.flows.get(id) {
            let end =
                |end: &'a maestro_model::ElementId| self.elements.get(end.as_str()).copied().unwrap_or(end.as_str());
            return format!("{} → {}", end(&flow.from), end(&flow.to));
        }
        id.to_owned()
    }
}

#[cfg(test)]
mod tests;

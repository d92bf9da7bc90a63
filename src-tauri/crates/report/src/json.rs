//! The full report as JSON: `model` (its name), `description`, `summary` (counts), `findings` (as
//! the analysis gives them; each alias is `{ "source", "id" }`), `sources` (`id`, `name`, `short`
//! of every source those aliases name, in catalog order), `layers` and `matrix`. Nothing in it
//! depends on a clock or on hashing, so the same analysis always gives the same text.
//!
//! The report is written straight from the analysis, field by field in the order the types
//! declare them: no copy of it is built first (a large model's report is tens of megabytes).

use crate::Subject;
use maestro_analysis::{Finding, LayerAssignment, Matrix};
use maestro_catalog::Source;
use serde::Serialize;

#[derive(Serialize)]
struct Report<'a> {
    model: &'a str,
    description: &'a str,
    summary: Summary,
    findings: &'a [Finding],
    sources: Vec<Source>,
    layers: &'a [LayerAssignment],
    matrix: &'a Matrix,
}

#[derive(Serialize)]
struct Summary {
    elements: usize,
    flows: usize,
    findings: usize,
    open: usize,
}

/// The full report as pretty-printed JSON.
pub fn json(subject: &Subject) -> String {
    let report = Report {
        model: &subject.model.name,
        description: &subject.model.description,
        summary: Summary {
            elements: subject.model.elements.len(),
            flows: subject.model.flows.len(),
            findings: subject.analysis.findings.len(),
            open: subject.open_count(),
        },
        findings: &subject.analysis.findings,
        sources: subject.sources_used(),
        layers: &subject.analysis.layers,
        matrix: &subject.analysis.matrix,
    };
    // About 2.5 KB per finding and 0.4 KB per element, so the text is written into place once.
    let estimate = 4096 + 2560 * report.findings.len() + 512 * report.layers.len();
    let mut out = Vec::with_capacity(estimate);
    serde_json::to_writer_pretty(&mut out, &report).expect("reports always serialise");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

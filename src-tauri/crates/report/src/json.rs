//! The full report as JSON: `model` (its name), `description`, `summary` (counts), `findings` (as the analysis gives them;
//! each alias is `{ "source", "id" }`), `sources` (`id`, `name`, `short` of every source those
//! aliases name, in catalog order), `layers` and `matrix`. Nothing in it depends on a clock or on hashing, so the
//! same analysis always gives the same text.

use crate::Subject;
use serde_json::json as value;

/// The full report as pretty-printed JSON.
pub fn json(subject: &Subject) -> String {
    let report = value!({
        "model": subject.model.name,
        "description": subject.model.description,
        "summary": {
            "elements": subject.model.elements.len(),
            "flows": subject.model.flows.len(),
            "findings": subject.analysis.findings.len(),
            "open": subject.open_count(),
        },
        "findings": subject.analysis.findings,
        "sources": subject.sources_used(),
        "layers": subject.analysis.layers,
        "matrix": subject.analysis.matrix,
    });
    serde_json::to_string_pretty(&report).expect("reports always serialise")
}

use crate::Subject;
use serde_json::json as value;

/// The full report as pretty-printed JSON.
pub fn json(subject: &Subject) -> String {
    let report = value!({
        "model": subject.model.name,
        "summary": {
            "elements": subject.model.elements.len(),
            "flows": subject.model.flows.len(),
            "findings": subject.analysis.findings.len(),
            "open": subject.open_count(),
        },
        "findings": subject.analysis.findings,
        "layers": subject.analysis.layers,
        "matrix": subject.analysis.matrix,
    });
    serde_json::to_string_pretty(&report).expect("reports always serialise")
}

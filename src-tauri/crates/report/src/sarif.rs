//! SARIF 2.1.0: one rule per catalog threat that has findings, one result per finding.
//! Findings the user accepted, transferred or judged not applicable are reported as suppressed,
//! with their justification.

use crate::Subject;
use maestro_analysis::{FindingStatus, Severity};
use serde_json::{Value, json};

pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub fn sarif(subject: &Subject) -> String {
    let mut rule_ids: Vec<&str> = Vec::new();
    for f in &subject.analysis.findings {
        if !rule_ids.contains(&f.threat.as_str()) {
            rule_ids.push(&f.threat);
        }
    }
    let rules: Vec<Value> = rule_ids
        .iter()
        .filter_map(|id| subject.catalog.threat(id))
        .map(|t| {
            json!({
                "id": t.id,
                "name": pascal_case(&t.id),
                "shortDescription": { "text": t.name },
                "fullDescription": { "text": t.description },
                "properties": {
                    "tags": t.layers.iter().map(|l| l.as_str()).chain(t.owasp_agentic.iter().map(String::as_str)).collect::<Vec<_>>(),
                    "aliases": t.aliases.iter().map(|a| format!("{} {}", a.source, a.id)).collect::<Vec<_>>(),
                },
            })
        })
        .collect();
    let results: Vec<Value> = subject
        .analysis
        .findings
        .iter()
        .map(|f| {
            let rule_index = rule_ids.iter().position(|id| *id == f.threat).unwrap_or(0);
            let level = match f.severity {
                Severity::Critical | Severity::High => "error",
                Severity::Medium => "warning",
                Severity::Low => "note",
            };
            let mut result = json!({
                "ruleId": f.threat,
                "ruleIndex": rule_index,
                "level": level,
                "kind": if f.status == FindingStatus::Mitigated { "pass" } else { "fail" },
                "message": { "text": f.explanation },
                "locations": [{
                    "physicalLocation": { "artifactLocation": { "uri": subject.source } },
                    "logicalLocations": f.targets.iter().map(|t| json!({
                        "name": subject.target_name(t),
                        "fullyQualifiedName": t,
                        "kind": "element",
                    })).collect::<Vec<_>>(),
                }],
                "partialFingerprints": { "maestroFindingId/v1": f.id },
                "properties": {
                    "layer": f.layer.as_str(),
                    "stride": format!("{:?}", f.stride),
                    "severity": f.severity.as_str(),
                    "status": f.status.as_str(),
                },
            });
            if matches!(f.status, FindingStatus::Accepted | FindingStatus::Transferred | FindingStatus::NotApplicable) {
                result["suppressions"] = json!([{
                    "kind": "external",
                    "status": "accepted",
                    "justification": f.justification.clone().unwrap_or_default(),
                }]);
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "MAESTRO Studio",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            } },
            "artifacts": [{ "location": { "uri": subject.source } }],
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).expect("SARIF always serialises")
}

/// `tool-misuse` → `ToolMisuse`, the form SARIF suggests for rule names.
fn pascal_case(id: &str) -> String {
    id.split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect::<String>()).unwrap_or_default()
        })
        .collect()
}

//! One row per finding, RFC 4180 quoting: id, threat and its name, `aliases` (every alias with
//! its source, `ASI T&M v1.1 T1; OWASP Agentic Top 10 ASI06; …`), then the ids from the OWASP
//! Agentic Top 10, OWASP LLM Top 10 and MITRE ATLAS in columns of their own (`ASI02; ASI06`), so a
//! spreadsheet can filter on them; then layer, STRIDE, targets, severity, status, explanation and
//! mitigations; then the user's decision (accepted, transferred, not applicable; empty when the
//! status is the analysis's) with its justification, and the controls in place (each with what the
//! model states that shows it) and missing. Lists within a cell are separated by `; `. Every cell is quoted, and a cell a
//! spreadsheet would run as a formula is defused with a leading apostrophe.

use crate::Subject;
use crate::aliases::ids_from;
use maestro_analysis::{Finding, MITRE_ATLAS, OWASP_AGENTIC, OWASP_LLM};

const HEADER: [&str; 18] = [
    "id",
    "threat",
    "name",
    "aliases",
    "owasp_agentic",
    "owasp_llm",
    "atlas",
    "layer",
    "stride",
    "targets",
    "severity",
    "status",
    "explanation",
    "mitigations",
    "decision",
    "justification",
    "controls_in_place",
    "controls_missing",
];

/// One row per finding, RFC 4180 quoting.
pub fn csv(subject: &Subject) -> String {
    let names = crate::Names::of(subject.model);
    let mut out = String::new();
    push_row(&mut out, HEADER.iter().map(|h| h.to_string()));
    for f in &subject.analysis.findings {
        let targets: Vec<String> = f.targets.iter().map(|t| names.target(t)).collect();
        let mitigations: Vec<&str> = f.mitigations.iter().map(|m| m.name.as_str()).collect();
        let in_place: Vec<String> = f
            .mitigations
            .iter()
            .filter(|m| m.in_place)
            .map(|m| if m.evidence.is_empty() { m.name.clone() } else { format!("{} ({})", m.name, m.evidence) })
            .collect();
        let missing: Vec<&str> = f.mitigations.iter().filter(|m| !m.in_place).map(|m| m.name.as_str()).collect();
        let decision = if f.justification.is_some() { f.status.as_str() } else { "" };
        // As many cells as the header has columns, or this does not compile.
        let row: [String; HEADER.len()] = [
            f.id.to_string(),
            f.threat.clone(),
            f.threat_name.clone(),
            aliases(subject, f),
            ids_from(&f.aliases, OWASP_AGENTIC).join("; "),
            ids_from(&f.aliases, OWASP_LLM).join("; "),
            ids_from(&f.aliases, MITRE_ATLAS).join("; "),
            f.layer.as_str().to_owned(),
            format!("{:?}", f.stride),
            targets.join("; "),
            f.severity.as_str().to_owned(),
            f.status.as_str().to_owned(),
            f.explanation.clone(),
            mitigations.join("; "),
            decision.to_owned(),
            f.justification.clone().unwrap_or_default(),
            in_place.join("; "),
            missing.join("; "),
        ];
        push_row(&mut out, row.into_iter());
    }
    out
}

/// "ASI T&M v1.1 T1; MAS guide v1.0 T1; OWASP Agentic Top 10 ASI06".
fn aliases(subject: &Subject, finding: &Finding) -> String {
    finding.aliases.iter().map(|a| subject.alias_with_source_before(a)).collect::<Vec<_>>().join("; ")
}

fn push_row(out: &mut String, cells: impl Iterator<Item = String>) {
    let cells: Vec<String> = cells.map(|c| cell(&c)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

/// Quotes a cell, and puts an apostrophe before text a spreadsheet would run as a formula.
fn cell(text: &str) -> String {
    let defused = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_owned() };
    format!("\"{}\"", defused.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        assert_eq!(cell("plain"), "\"plain\"");
        assert_eq!(cell("say \"hi\", twice"), "\"say \"\"hi\"\", twice\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("@SUM(A1)"), "\"'@SUM(A1)\"");
    }
}

//! A report for people: a summary, the layer × STRIDE matrix, then the findings by layer. Each
//! finding gives its targets, severity and status, its aliases each with its source's short name
//! (`T1 (ASI T&M v1.1)`, `ASI06 (OWASP Agentic Top 10)`), why it applies, its mitigations and the
//! user's decision. Everything from the model or the catalog is escaped, so it renders as itself.

use crate::Subject;
use maestro_analysis::FindingStatus;
use maestro_catalog::Alias;
use std::fmt::Write;

/// A report for people: summary, the layer × STRIDE matrix, then findings by layer.
pub fn markdown(subject: &Subject) -> String {
    let names = crate::Names::of(subject.model);
    let mut out = String::new();
    let analysis = subject.analysis;
    let _ = writeln!(out, "# MAESTRO threat model: {}\n", escape(&subject.model.name));
    let description: Vec<String> =
        subject.model.description.lines().map(str::trim).filter(|l| !l.is_empty()).map(escape_line).collect();
    if !description.is_empty() {
        // Each of the user's lines stays a line of its own.
        let _ = writeln!(out, "{}\n", description.join("  \n"));
    }
    let _ = writeln!(
        out,
        "{} elements, {} flows. {} findings, {} open.\n",
        subject.model.elements.len(),
        subject.model.flows.len(),
        analysis.findings.len(),
        subject.open_count()
    );

    out.push_str("## Layer × STRIDE\n\n| Layer | S | T | R | I | D | E | Findings | Open | Mitigated |\n");
    out.push_str("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for row in &analysis.matrix.rows {
        let label = layer_label(subject, &row.layer);
        let cells: Vec<String> = row.cells.iter().map(|c| c.counts.total.to_string()).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {:.0}% |",
            escape(&label),
            cells.join(" | "),
            row.totals.total,
            row.totals.open,
            row.mitigated_share * 100.0
        );
    }

    out.push_str("\n## Findings\n");
    for layer in &subject.catalog.layers {
        let in_layer: Vec<_> = analysis.findings.iter().filter(|f| f.layer == layer.id).collect();
        if in_layer.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n### {}\n", escape(&layer_label(subject, &layer.id)));
        for f in in_layer {
            let targets: Vec<String> = f.targets.iter().map(|t| escape(&names.target(t))).collect();
            let _ = writeln!(
                out,
                "#### {} — {} ({}, {})\n",
                escape(&f.threat_name),
                targets.join(", "),
                f.severity.as_str(),
                f.status.as_str()
            );
            let _ = writeln!(out, "- Finding: {} · STRIDE {:?}", escape(f.id.as_str()), f.stride);
            if !f.aliases.is_empty() {
                let _ = writeln!(out, "- Also known as: {}", aliases(subject, &f.aliases));
            }
            let _ = writeln!(out, "- Why: {}", escape(&f.explanation));
            if !f.severity_factors.is_empty() {
                let factors: Vec<String> = f.severity_factors.iter().map(|s| escape(s)).collect();
                let _ = writeln!(out, "- Severity: {}", factors.join("; "));
            }
            let effect = |e: maestro_catalog::Effect| match e {
                maestro_catalog::Effect::Prevents => "prevents",
                maestro_catalog::Effect::Detects => "detects",
                maestro_catalog::Effect::Limits => "limits",
            };
            let present: Vec<String> = f
                .mitigations
                .iter()
                .filter(|m| m.in_place)
                .map(|m| format!("{} ({}; {})", escape(&m.name), effect(m.effect), escape(&m.evidence)))
                .collect();
            let missing: Vec<String> = f
                .mitigations
                .iter()
                .filter(|m| !m.in_place)
                .map(|m| format!("{} ({})", escape(&m.name), effect(m.effect)))
                .collect();
            if !present.is_empty() {
                let _ = writeln!(out, "- Controls in place: {}", present.join("; "));
            }
            if !missing.is_empty() {
                let _ = writeln!(out, "- Controls missing: {}", missing.join("; "));
            }
            if f.status != FindingStatus::Open && f.status != FindingStatus::Mitigated {
                let reason = f.justification.as_deref().unwrap_or("");
                let _ = writeln!(out, "- Decision: {}: {}", f.status.as_str(), escape(reason));
            }
            out.push('\n');
        }
    }
    out
}

/// "T1 (ASI T&M v1.1), ASI06 (OWASP Agentic Top 10)", escaped.
fn aliases(subject: &Subject, aliases: &[Alias]) -> String {
    aliases.iter().map(|a| escape(&subject.alias_with_source_after(a))).collect::<Vec<_>>().join(", ")
}

/// "L3 Agent Frameworks", or just "Cross-layer".
fn layer_label(subject: &Subject, id: &maestro_catalog::LayerId) -> String {
    match subject.catalog.layer(id) {
        Some(layer) if layer.cross_layer => layer.name.clone(),
        Some(layer) => format!("{} {}", layer.id.as_str(), layer.name),
        None => id.as_str().to_owned(),
    }
}

/// Escapes text from the model so that it renders as itself: no Markdown, no HTML, one line.
/// Escapes text that starts a line of its own: also what would make the line a heading, a list
/// item, a quote or a rule.
fn escape_line(text: &str) -> String {
    let escaped = escape(text);
    let digits = escaped.chars().take_while(char::is_ascii_digit).count();
    if escaped.starts_with(['#', '-', '+', '>', '=']) {
        format!("\\{escaped}")
    } else if digits > 0 && escaped[digits..].starts_with(['.', ')']) {
        // `1.` starts a numbered list; `1\.` does not (a digit cannot be escaped, the dot can).
        format!("{}\\{}", &escaped[..digits], &escaped[digits..])
    } else {
        escaped
    }
}

pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // Renderers turn bare `http://…`, `www.…` and `name@host` into links (GitHub's
            // autolinks); as character references they read the same and link nowhere.
            ':' if chars.peek() == Some(&'/') => out.push_str("&#58;"),
            '@' => out.push_str("&#64;"),
            '.' if out.len() >= 3 && out[out.len() - 3..].eq_ignore_ascii_case("www") => out.push_str("&#46;"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' | '\r' | '\t' => out.push(' '),
            // Only what can start markup in the middle of a line: emphasis, code, links, tables,
            // strike-through. Model text never starts a line of the report.
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn model_text_cannot_inject_markup() {
        assert_eq!(escape("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
        assert_eq!(
            escape("[click](javascript:x) | *bold*\n# heading"),
            "\\[click\\](javascript:x) \\| \\*bold\\* # heading"
        );
        assert_eq!(
            escape("see https://evil.example, WWW.evil.example or ops@evil.example"),
            "see https&#58;//evil.example, WWW&#46;evil.example or ops&#64;evil.example"
        );
    }
}

use crate::Subject;

const HEADER: [&str; 11] = [
    "id",
    "threat",
    "name",
    "aliases",
    "layer",
    "stride",
    "targets",
    "severity",
    "status",
    "explanation",
    "mitigations",
];

/// One row per finding, RFC 4180 quoting.
pub fn csv(subject: &Subject) -> String {
    let mut out = String::new();
    push_row(&mut out, HEADER.iter().map(|h| h.to_string()));
    for f in &subject.analysis.findings {
        let targets: Vec<String> = f.targets.iter().map(|t| subject.target_name(t)).collect();
        let mitigations: Vec<&str> = f.mitigations.iter().map(|m| m.name.as_str()).collect();
        push_row(
            &mut out,
            [
                f.id.clone(),
                f.threat.clone(),
                f.threat_name.clone(),
                f.aliases.join(" "),
                f.layer.as_str().to_owned(),
                format!("{:?}", f.stride),
                targets.join("; "),
                f.severity.as_str().to_owned(),
                f.status.as_str().to_owned(),
                f.explanation.clone(),
                mitigations.join("; "),
            ]
            .into_iter(),
        );
    }
    out
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

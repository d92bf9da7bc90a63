//! One self-contained HTML report for an audit: no request leaves the page (styles inline, the
//! diagrams inline SVG, a content security policy that allows nothing else and no script), and
//! every text from the model or the catalog escaped.
//!
//! Contents, each linked from the table of contents: a title block (model, organisation, author,
//! date, revision), an executive summary (open findings by severity and layer, the worst chains,
//! how much is mitigated), the diagram, one chapter per MAESTRO layer (its focus, its elements,
//! the questions to ask there, and its findings with STRIDE, severity, status, the decision and its
//! justification, why it applies, and the controls in place and missing), the cross-layer chains
//! each with its path picked out on the diagram, the layer × STRIDE matrix, a mitigation plan
//! (each missing control, the findings it would close and where it goes) and the cross-references
//! of every threat found.

use crate::Subject;
use crate::diagram::{self, DiagramOptions, Highlight};
use crate::markup::escape;
use maestro_analysis::{Finding, FindingStatus, Severity};
use maestro_catalog::{Effect, LayerId};
use std::collections::BTreeMap;
use std::fmt::Write;

/// What goes into a report for people, beyond the analysis.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReportOptions {
    /// Findings with these statuses are left out (and counted as left out).
    pub hide: Vec<FindingStatus>,
    /// Shown on the title block when given.
    pub organisation: Option<String>,
    pub author: Option<String>,
    /// The report's date as the caller wants it written (this crate reads no clock).
    pub date: Option<String>,
    /// The revision of the `.maestro` file the model came from.
    pub revision: Option<u32>,
}

/// At most this many chains get a diagram of their own; the rest are listed by their path.
const CHAIN_DIAGRAMS: usize = 12;

const STYLE: &str = "
body{font-family:'DejaVu Sans',Verdana,Arial,sans-serif;color:#17202c;margin:0 auto;max-width:1100px;padding:24px 32px;line-height:1.45;font-size:14px}
h1{font-size:28px;margin:0 0 4px}h2{border-bottom:2px solid #d5dae1;padding-bottom:4px;margin-top:40px}
h3{margin-top:28px}h4{margin:18px 0 6px}
.muted{color:#5b6675}.title{border-bottom:4px solid #2fa5a0;padding-bottom:16px}
dl.facts{display:grid;grid-template-columns:max-content auto;gap:2px 16px;margin:12px 0}dl.facts dt{color:#5b6675}dl.facts dd{margin:0}
table{border-collapse:collapse;margin:8px 0 16px}th,td{border:1px solid #d5dae1;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f3f5f8}td.n{text-align:right}
.sev{display:inline-block;padding:0 8px;border-radius:9px;color:#fff;font-weight:700;font-size:12px}
.sev.low{background:#6b7d92}.sev.medium{background:#c98a12}.sev.high{background:#d9612b}.sev.critical{background:#c0262d}
.layer{display:inline-block;padding:0 8px;border-radius:9px;color:#fff;font-weight:700;font-size:12px}
article.finding{border:1px solid #d5dae1;border-left:4px solid #8a94a3;border-radius:6px;padding:4px 14px 10px;margin:12px 0}
article.finding.open{border-left-color:#d9612b}article.finding.mitigated{border-left-color:#2f8f5b}
.diagram svg{max-width:100%;height:auto;border:1px solid #d5dae1;border-radius:8px}
ul.controls{margin:4px 0}li.in-place::marker{content:'✓ '}li.missing::marker{content:'✗ '}
nav.toc ol{columns:2}
@media print{body{max-width:none;padding:0}h2{break-before:page}article.finding{break-inside:avoid}}
";

/// The whole report as one HTML document.
pub fn html(subject: &Subject, options: &ReportOptions) -> String {
    let shown: Vec<&Finding> = subject.analysis.findings.iter().filter(|f| !options.hide.contains(&f.status)).collect();
    let names = crate::Names::of(subject.model);
    let mut out = String::with_capacity(64 * 1024);
    let title = escape(&subject.model.name);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>MAESTRO threat model: {title}</title><style>{STYLE}</style></head><body>\n"
    );
    title_block(&mut out, subject, options);
    contents(&mut out, subject);
    summary(&mut out, subject, &shown, options);
    out.push_str("<section id=\"diagram\"><h2>Diagram</h2><div class=\"diagram\">");
    out.push_str(&diagram::svg(subject, &DiagramOptions::default()).unwrap_or_default());
    out.push_str("</div></section>\n");
    for layer in subject.catalog.layers.iter().filter(|l| !l.cross_layer) {
        layer_chapter(&mut out, subject, &names, &shown, &layer.id);
    }
    chains(&mut out, subject, &names, &shown);
    matrix(&mut out, subject);
    plan(&mut out, &names, &shown);
    appendix(&mut out, subject, &shown);
    out.push_str("</body></html>\n");
    out
}

fn title_block(out: &mut String, subject: &Subject, options: &ReportOptions) {
    let _ = write!(
        out,
        "<header class=\"title\"><p class=\"muted\">MAESTRO threat model</p><h1>{}</h1>",
        escape(&subject.model.name)
    );
    out.push_str("<dl class=\"facts\">");
    let mut fact = |name: &str, value: &str| {
        let _ = write!(out, "<dt>{name}</dt><dd>{}</dd>", escape(value));
    };
    if let Some(organisation) = &options.organisation {
        fact("Organisation", organisation);
    }
    if let Some(author) = &options.author {
        fact("Author", author);
    }
    if let Some(date) = &options.date {
        fact("Date", date);
    }
    if let Some(revision) = options.revision {
        fact("Revision", &revision.to_string());
    }
    let model = subject.model;
    fact(
        "Scope",
        &format!(
            "{} elements, {} flows, {} trust boundaries",
            model.elements.len(),
            model.flows.len(),
            model.boundaries.len()
        ),
    );
    out.push_str("</dl>");
    for paragraph in model.description.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        let _ = write!(out, "<p>{}</p>", escape(paragraph).replace('\n', "<br>"));
    }
    out.push_str("</header>\n");
}

fn contents(out: &mut String, subject: &Subject) {
    out.push_str("<nav class=\"toc\"><h2>Contents</h2><ol><li><a href=\"#summary\">Executive summary</a></li><li><a href=\"#diagram\">Diagram</a></li>");
    for layer in subject.catalog.layers.iter().filter(|l| !l.cross_layer) {
        let _ = write!(
            out,
            "<li><a href=\"#layer-{id}\">{id} {}</a></li>",
            escape(&layer.name),
            id = escape(layer.id.as_str())
        );
    }
    out.push_str(
        "<li><a href=\"#chains\">Cross-layer chains</a></li><li><a href=\"#matrix\">Layer × STRIDE</a></li>\
         <li><a href=\"#plan\">Mitigation plan</a></li><li><a href=\"#appendix\">Cross-references</a></li></ol></nav>\n",
    );
}

fn severity_badge(severity: Severity) -> String {
    format!("<span class=\"sev {0}\">{0}</span>", severity.as_str())
}

fn layer_badge(subject: &Subject, layer: &LayerId) -> String {
    let colour = subject
        .catalog
        .layers
        .iter()
        .find(|l| &l.id == layer)
        .and_then(|l| l.colour.as_deref())
        .unwrap_or(diagram::palette::UNASSIGNED);
    format!("<span class=\"layer\" style=\"background:{colour}\">{}</span>", escape(layer.as_str()))
}

fn summary(out: &mut String, subject: &Subject, shown: &[&Finding], options: &ReportOptions) {
    let open: Vec<&&Finding> = shown.iter().filter(|f| f.status == FindingStatus::Open).collect();
    let _ = write!(
        out,
        "<section id=\"summary\"><h2>Executive summary</h2><p>{} findings, {} open.",
        shown.len(),
        open.len()
    );
    let hidden = subject.analysis.findings.len() - shown.len();
    if hidden > 0 {
        let statuses: Vec<&str> = options.hide.iter().map(|s| s.as_str()).collect();
        let (findings, are) = if hidden == 1 { ("finding", "is") } else { ("findings", "are") };
        let _ = write!(out, " {hidden} more {findings} ({}) {are} left out of this report.", statuses.join(", "));
    }
    let all = subject.analysis.findings.len().max(1);
    let mitigated = subject.analysis.findings.iter().filter(|f| f.status == FindingStatus::Mitigated).count();
    let _ = write!(
        out,
        " {mitigated} of {} findings ({:.0}%) are mitigated by controls the model states.</p>",
        subject.analysis.findings.len(),
        mitigated as f64 * 100.0 / all as f64
    );
    out.push_str("<table><tr><th>Open findings</th>");
    for s in Severity::ALL.iter().rev() {
        let _ = write!(out, "<th>{}</th>", severity_badge(*s));
    }
    out.push_str("<th>All</th></tr>");
    for layer in &subject.catalog.layers {
        let in_layer: Vec<_> = open.iter().filter(|f| f.layer == layer.id).collect();
        if in_layer.is_empty() {
            continue;
        }
        let _ = write!(out, "<tr><td>{} {}</td>", layer_badge(subject, &layer.id), escape(&layer.name));
        for s in Severity::ALL.iter().rev() {
            let _ = write!(out, "<td class=\"n\">{}</td>", in_layer.iter().filter(|f| f.severity == *s).count());
        }
        let _ = write!(out, "<td class=\"n\">{}</td></tr>", in_layer.len());
    }
    out.push_str("</table>");
    let mut worst: Vec<&&Finding> = open.iter().filter(|f| !f.path.is_empty()).copied().collect();
    worst.sort_by_key(|f| std::cmp::Reverse(f.severity));
    if !worst.is_empty() {
        out.push_str("<h3>The worst chains</h3><ol>");
        for f in worst.iter().take(5) {
            let _ = write!(
                out,
                "<li>{} <a href=\"#{}\">{}</a></li>",
                severity_badge(f.severity),
                anchor(f),
                escape(&f.threat_name)
            );
        }
        out.push_str("</ol>");
    }
    out.push_str("</section>\n");
}

/// A finding's anchor in the page: its id, with anything but letters, digits and `-` made `_`.
fn anchor(f: &Finding) -> String {
    let id: String =
        f.id.as_str().chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
    format!("finding-{id}")
}

fn layer_chapter(out: &mut String, subject: &Subject, names: &crate::Names, shown: &[&Finding], layer: &LayerId) {
    let Some(definition) = subject.catalog.layers.iter().find(|l| &l.id == layer) else { return };
    let _ = write!(
        out,
        "<section id=\"layer-{id}\"><h2>{badge} {}</h2><p>{}</p>",
        escape(&definition.name),
        escape(&definition.focus),
        id = escape(layer.as_str()),
        badge = layer_badge(subject, layer),
    );
    // The analysis assigns layers in model order, one per element.
    let elements: Vec<_> =
        subject.model.elements.iter().zip(&subject.analysis.layers).filter(|(_, a)| a.touches(layer)).collect();
    if elements.is_empty() {
        out.push_str("<p class=\"muted\">No element of the model sits in this layer.</p>");
    } else {
        out.push_str("<h3>Elements</h3><table><tr><th>Element</th><th>Kind</th><th>Why here</th></tr>");
        for (element, a) in elements {
            let kind = subject
                .catalog
                .kinds
                .iter()
                .find(|k| k.id == element.kind.as_str())
                .map_or(element.kind.as_str(), |k| k.label.as_str());
            let reason = a.reasons.iter().find(|r| &r.layer == layer).map_or("", |r| r.reason.as_str());
            let role = if a.primary.as_ref() == Some(layer) { "" } else { " (also)" };
            let _ = write!(
                out,
                "<tr><td>{}{role}</td><td>{}</td><td>{}</td></tr>",
                escape(&element.name),
                escape(kind),
                escape(reason)
            );
        }
        out.push_str("</table>");
    }
    if !definition.key_questions.is_empty() {
        out.push_str("<h3>Questions for this layer</h3><ul>");
        for q in &definition.key_questions {
            let _ = write!(out, "<li>{} <span class=\"muted\">— no answer recorded</span></li>", escape(q));
        }
        out.push_str("</ul>");
    }
    let findings: Vec<&&Finding> = shown.iter().filter(|f| &f.layer == layer).collect();
    let _ = write!(out, "<h3>Findings ({})</h3>", findings.len());
    if findings.is_empty() {
        out.push_str("<p class=\"muted\">None.</p>");
    }
    for f in findings {
        finding(out, names, f);
    }
    out.push_str("</section>\n");
}

fn finding(out: &mut String, names: &crate::Names, f: &Finding) {
    let targets: Vec<String> = f.targets.iter().map(|t| escape(&names.target(t))).collect();
    let _ = write!(
        out,
        "<article class=\"finding {status}\" id=\"{anchor}\"><h4>{} — {}</h4><table><tr><th>STRIDE</th><td>{:?}</td><th>Severity</th><td>{}</td><th>Status</th><td>{status}</td></tr></table>",
        escape(&f.threat_name),
        targets.join(", "),
        f.stride,
        severity_badge(f.severity),
        status = f.status.as_str(),
        anchor = anchor(f),
    );
    if let Some(justification) = &f.justification {
        let _ = write!(out, "<p><strong>Decision:</strong> {} — {}</p>", f.status.as_str(), escape(justification));
    }
    let _ = write!(out, "<p><strong>Why:</strong> {}</p>", escape(&f.explanation));
    if !f.path.is_empty() {
        let _ = write!(out, "<p><strong>Path:</strong> {}</p>", element_path(names, f));
    }
    if !f.severity_factors.is_empty() {
        let factors: Vec<String> = f.severity_factors.iter().map(|s| escape(s)).collect();
        let _ = write!(out, "<p><strong>Severity:</strong> {}</p>", factors.join("; "));
    }
    if !f.mitigations.is_empty() {
        out.push_str("<ul class=\"controls\">");
        for m in &f.mitigations {
            let effect = effect_word(m.effect);
            if m.in_place {
                let _ = write!(
                    out,
                    "<li class=\"in-place\">{} ({effect}) — in place: {}</li>",
                    escape(&m.name),
                    escape(&m.evidence)
                );
            } else {
                let _ = write!(out, "<li class=\"missing\">{} ({effect}) — missing</li>", escape(&m.name));
            }
        }
        out.push_str("</ul>");
    }
    out.push_str("</article>\n");
}

/// The elements a finding's path passes through, by name, `A → B → C` (its flows left out).
fn element_path(names: &crate::Names, f: &Finding) -> String {
    let elements: Vec<String> =
        f.path.iter().filter(|p| names.is_element(p)).map(|p| escape(&names.target(p))).collect();
    elements.join(" → ")
}

fn effect_word(effect: Effect) -> &'static str {
    match effect {
        Effect::Prevents => "prevents",
        Effect::Detects => "detects",
        Effect::Limits => "limits",
    }
}

fn chains(out: &mut String, subject: &Subject, names: &crate::Names, shown: &[&Finding]) {
    out.push_str("<section id=\"chains\"><h2>Cross-layer chains</h2>");
    let chains: Vec<&&Finding> = shown.iter().filter(|f| !f.path.is_empty()).collect();
    if chains.is_empty() {
        out.push_str("<p class=\"muted\">No chain runs across layers in this model.</p>");
    }
    for (i, f) in chains.iter().enumerate() {
        let layers: Vec<String> = f.layers_involved.iter().map(|l| layer_badge(subject, l)).collect();
        let _ = write!(
            out,
            "<h3><a href=\"#{}\">{}</a> {}</h3><p>{}</p>",
            anchor(f),
            escape(&f.threat_name),
            severity_badge(f.severity),
            layers.join(" → ")
        );
        let _ = write!(out, "<p>{}</p>", element_path(names, f));
        if i < CHAIN_DIAGRAMS {
            let options =
                DiagramOptions { highlight: Highlight::Finding(f.id.clone()), legend: false, ..Default::default() };
            if let Ok(svg) = diagram::svg(subject, &options) {
                let _ = write!(out, "<div class=\"diagram\">{svg}</div>");
            }
        }
    }
    out.push_str("</section>\n");
}

fn matrix(out: &mut String, subject: &Subject) {
    out.push_str("<section id=\"matrix\"><h2>Layer × STRIDE</h2><table><tr><th>Layer</th>");
    for s in ["S", "T", "R", "I", "D", "E"] {
        let _ = write!(out, "<th>{s}</th>");
    }
    out.push_str("<th>Findings</th><th>Open</th><th>Mitigated</th></tr>");
    for row in &subject.analysis.matrix.rows {
        let _ = write!(out, "<tr><td>{}</td>", layer_badge(subject, &row.layer));
        for cell in &row.cells {
            let _ = write!(out, "<td class=\"n\">{}</td>", cell.counts.total);
        }
        let _ = write!(
            out,
            "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{:.0}%</td></tr>",
            row.totals.total,
            row.totals.open,
            row.mitigated_share * 100.0
        );
    }
    out.push_str("</table></section>\n");
}

/// A control missing from open findings: which ones it would help close, and on what.
struct PlannedControl<'a> {
    name: &'a str,
    effect: Effect,
    closes: Vec<&'a Finding>,
    places: Vec<String>,
}

fn plan(out: &mut String, names: &crate::Names, shown: &[&Finding]) {
    out.push_str("<section id=\"plan\"><h2>Mitigation plan</h2><p>Each control missing from an open finding, the findings it would help close, and where it goes; those that prevent a threat first, then by how many findings they touch.</p>");
    let mut controls: BTreeMap<&str, PlannedControl> = BTreeMap::new();
    for f in shown.iter().filter(|f| f.status == FindingStatus::Open) {
        for m in f.mitigations.iter().filter(|m| !m.in_place) {
            let entry = controls.entry(m.id.as_str()).or_insert(PlannedControl {
                name: &m.name,
                effect: m.effect,
                closes: Vec::new(),
                places: Vec::new(),
            });
            entry.closes.push(f);
            for t in &f.targets {
                let name = names.target(t);
                if !entry.places.contains(&name) {
                    entry.places.push(name);
                }
            }
        }
    }
    let mut ordered: Vec<(&str, PlannedControl)> = controls.into_iter().collect();
    ordered.sort_by_key(|(id, c)| (c.effect != Effect::Prevents, std::cmp::Reverse(c.closes.len()), *id));
    if ordered.is_empty() {
        out.push_str("<p class=\"muted\">No open finding is missing a control.</p>");
    } else {
        out.push_str("<table><tr><th>Control</th><th>Effect</th><th>Closes</th><th>Apply at</th></tr>");
        for (_, control) in ordered {
            let closes: Vec<String> = control
                .closes
                .iter()
                .map(|f| format!("<a href=\"#{}\">{}</a>", anchor(f), escape(&f.threat_name)))
                .collect();
            let places: Vec<String> = control.places.iter().map(|p| escape(p)).collect();
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(control.name),
                effect_word(control.effect),
                closes.join("<br>"),
                places.join(", ")
            );
        }
        out.push_str("</table>");
    }
    out.push_str("</section>\n");
}

fn appendix(out: &mut String, subject: &Subject, shown: &[&Finding]) {
    out.push_str("<section id=\"appendix\"><h2>Cross-references</h2><p>The threats found, with the ids other publications give them.</p><table><tr><th>Threat</th>");
    let sources = subject.sources_of(shown.iter().flat_map(|f| &f.aliases));
    for source in &sources {
        let _ = write!(out, "<th>{}</th>", escape(&source.short));
    }
    out.push_str("</tr>");
    let mut seen: Vec<&str> = Vec::new();
    for f in shown {
        if seen.contains(&f.threat.as_str()) {
            continue;
        }
        seen.push(&f.threat);
        let _ = write!(out, "<tr><td>{}</td>", escape(&f.threat_name));
        for source in &sources {
            let ids: Vec<String> = f.aliases.iter().filter(|a| a.source == source.id).map(|a| escape(&a.id)).collect();
            let _ = write!(out, "<td>{}</td>", ids.join(", "));
        }
        out.push_str("</tr>");
    }
    out.push_str("</table></section>\n");
}

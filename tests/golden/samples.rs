//! Golden tests on the bundled samples: each report names the threats the MAESTRO reference
//! describes for that system, the open findings stay few, and the whole report is snapshotted so
//! any change to what the analysis says shows up in review.

use maestro_analysis::{Analysis, FindingStatus, analyze};
use maestro_catalog::Catalog;
use maestro_document::{SAMPLES, sample};
use maestro_model::Model;
use maestro_report::Subject;

fn analysed(id: &str) -> (Model, Analysis) {
    let model = sample(id, Catalog::builtin()).expect("a bundled sample");
    let analysis = analyze(&model, Catalog::builtin());
    (model, analysis)
}

/// (sample, threat, target) triples the reference's description of each system implies.
const EXPECTED: &[(&str, &str, &str)] = &[
    // Seeded tickets reach the shared model through the fine-tune (L2 entry, L1 compromise).
    ("support-platform", "training-data-poisoning", "fine-tune"),
    ("support-platform", "cross-agent-learning-poisoning", "customers->llama"),
    // A crafted PDF poisons the shared index that every summary draws on.
    ("legal-rag", "vector-store-poisoning", "index"),
    ("legal-rag", "rag-data-exfiltration", "index"),
    ("legal-rag", "goal-manipulation", "ingestion"),
    // A poisoned page steers the researcher; the file-write tool is the one misused.
    ("research-crew", "goal-manipulation", "researcher"),
    ("research-crew", "untrusted-input-to-impact", "file-write"),
    // An unsandboxed REPL under a broad service account reaches every secret and the internet.
    ("coding-assistant", "unexpected-rce", "repl"),
    ("coding-assistant", "service-account-exposure", "pods"),
    ("coding-assistant", "service-account-exposure", "secrets"),
    ("coding-assistant", "classification-crossing", "repl->internet"),
    // (The financial pipeline's drift between agents and the clinical summariser's short-lived
    // traces are no longer findings: neither sample states an attacker who could steer them, nor
    // a decision about people; the summariser's records crossing to the model is, below.)
    // An open, unauthenticated entry point drives a merge past the maintainers.
    ("contributor-orchestrator", "goal-manipulation", "orchestrator"),
    ("contributor-orchestrator", "human-attacks-on-mas", "orchestrator"),
    ("contributor-orchestrator", "untrusted-input-to-impact", "merge"),
    // A news item relayed round the ring, each hop unsigned and unvalidated.
    ("agent-ring", "goal-manipulation", "fetcher"),
];

/// Cross-layer chains the reference describes, found on the graph: (sample, finding id, elements
/// the path must pass through, in order).
const CHAINS: &[(&str, &str, &[&str])] = &[
    // A poisoned web page reaches the file-write tool through the researcher and writer crew.
    ("research-crew", "untrusted-input-to-impact:file-write", &["web", "researcher", "writer", "file-write"]),
    // A developer's request reaches a REPL without a sandbox, under a broad service account.
    ("coding-assistant", "untrusted-input-to-impact:repl", &["developer", "coder", "repl"]),
    // …which is a delegation loop.
    (
        "agent-ring",
        "recursive-delegation-starvation:fetcher",
        &["fetcher", "analyst-a", "analyst-b", "synthesis", "publisher", "fetcher"],
    ),
    // Support tickets in the shared vector store reach the shared model through fine-tuning.
    (
        "support-platform",
        "cross-agent-learning-poisoning:customers->llama",
        &["support-agents", "conversations", "fine-tune", "llama"],
    ),
    // What the researcher stores, the writer reads back.
    ("research-crew", "memory-poisoning:writer", &["researcher", "notes", "writer"]),
    // Each hop of the ring passes the payload on unchecked.
    (
        "agent-ring",
        "cascading-trust-failure:fetcher->publisher",
        &["fetcher", "analyst-a", "analyst-b", "synthesis", "publisher"],
    ),
    // Restricted data leaves through open egress; patient data goes to a model not cleared for it.
    ("coding-assistant", "classification-crossing:repl->internet", &["repl", "internet"]),
    ("clinical-summariser", "classification-crossing:records->model", &["records", "summariser", "model"]),
    // An autonomous coding agent and a REPL that nobody approves and nothing records.
    ("coding-assistant", "oversight-gap:coder", &["coder"]),
    ("coding-assistant", "oversight-gap:repl", &["repl"]),
];

#[test]
fn the_cross_layer_chains_the_reference_describes_are_found_on_the_graph() {
    for &(sample_id, id, through) in CHAINS {
        let (model, analysis) = analysed(sample_id);
        let finding = analysis.findings.iter().find(|f| f.id == id).unwrap_or_else(|| {
            let ids: Vec<&str> =
                analysis.findings.iter().filter(|f| !f.path.is_empty()).map(|f| f.id.as_str()).collect();
            panic!("{sample_id}: no chain {id}; path findings: {ids:?}")
        });
        assert_eq!(finding.layer.as_str(), "cross-layer", "{id}");
        assert!(!finding.layers_involved.is_empty() && finding.explanation.contains("It crosses "), "{id}");
        let elements: Vec<&str> = finding
            .path
            .iter()
            .map(String::as_str)
            .filter(|p| model.elements.iter().any(|e| e.id.as_str() == *p))
            .collect();
        let mut rest = elements.iter();
        for want in through {
            assert!(rest.any(|e| e == want), "{sample_id}: {id} does not pass {want} in order: {elements:?}");
        }
        // Elements and flows alternate, and each flow joins its neighbours.
        for window in finding.path.windows(3).step_by(2) {
            let flow = model.flows.iter().find(|f| f.id.as_str() == window[1]).expect("odd places are flows");
            assert_eq!((flow.from.as_str(), flow.to.as_str()), (window[0].as_str(), window[2].as_str()), "{id}");
        }
    }
}

#[test]
fn a_chain_names_the_layers_it_crosses_in_order() {
    let (_, analysis) = analysed("research-crew");
    let chain = analysis.findings.iter().find(|f| f.id == "untrusted-input-to-impact:file-write").unwrap();
    let crossed: Vec<&str> = chain.layers_involved.iter().map(|l| l.as_str()).collect();
    assert_eq!(crossed, ["L7", "L3"]);
    assert!(chain.explanation.contains("It crosses L7 → L3."), "{}", chain.explanation);
}

#[test]
fn blast_radius_ranks_impact_first_and_answers_who_can_reach_an_element() {
    use maestro_analysis::{ReachDirection, reach};
    let model = sample("coding-assistant", Catalog::builtin()).unwrap();
    let down = reach(&model, Catalog::builtin(), &"repl".into(), ReachDirection::Downstream).unwrap();
    let reached: Vec<(&str, u32, bool)> =
        down.reached.iter().map(|r| (r.element.as_str(), r.distance, r.impact)).collect();
    assert!(reached.contains(&("secrets", 1, false)), "{reached:?}");
    assert!(reached.windows(2).all(|w| w[0].2 >= w[1].2), "points of impact come first: {reached:?}");
    assert!(reached.iter().any(|r| r.0 == "internet"));
    let up = reach(&model, Catalog::builtin(), &"secrets".into(), ReachDirection::Upstream).unwrap();
    let who: Vec<&str> = up.reached.iter().map(|r| r.element.as_str()).collect();
    assert_eq!(who, ["repl", "coder", "developer"]);
    assert!(reach(&model, Catalog::builtin(), &"nope".into(), ReachDirection::Upstream).is_none());
}

/// The finding that reports `threat` about `target`: under its own id, or folded into a finding
/// about the same target that names a more specific threat (and lists this one as `also`).
fn reporting<'a>(analysis: &'a Analysis, threat: &str, target: &str) -> Option<&'a maestro_analysis::Finding> {
    let id = format!("{threat}:{target}");
    analysis.findings.iter().find(|f| f.id == id.as_str()).or_else(|| {
        analysis
            .findings
            .iter()
            .find(|f| f.targets.last().is_some_and(|t| t == target) && f.also.iter().any(|t| t == threat))
    })
}

#[test]
fn every_sample_reports_the_threats_the_reference_names() {
    let missing: Vec<String> = EXPECTED
        .iter()
        .filter(|(sample_id, threat, target)| {
            let (_, analysis) = analysed(sample_id);
            reporting(&analysis, threat, target).is_none()
        })
        .map(|(s, t, x)| format!("{s}: {t}:{x}"))
        .collect();
    assert!(missing.is_empty(), "missing: {missing:#?}");
    for &(sample_id, threat, target) in EXPECTED {
        let (_, analysis) = analysed(sample_id);
        let finding = reporting(&analysis, threat, target).expect("checked above");
        assert!(
            !finding.explanation.is_empty() && !finding.rules.is_empty(),
            "{sample_id}: {threat}:{target} says no why"
        );
    }
}

#[test]
fn the_samples_average_at_most_three_open_findings_per_element() {
    let (mut elements, mut open) = (0usize, 0usize);
    for s in SAMPLES {
        let (model, analysis) = analysed(s.id);
        elements += model.elements.len();
        open += analysis.findings.iter().filter(|f| f.status == FindingStatus::Open).count();
        let ids: std::collections::BTreeSet<&str> = analysis.findings.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids.len(), analysis.findings.len(), "{}: one finding per threat and target", s.id);
    }
    let average = open as f64 / elements as f64;
    assert!(average <= 3.0, "{open} open findings over {elements} elements = {average:.2} per element");
}

#[test]
fn every_sample_report_matches_its_snapshot() {
    for s in SAMPLES {
        let (model, analysis) = analysed(s.id);
        let subject = Subject { model: &model, analysis: &analysis, catalog: Catalog::builtin(), source: s.id };
        insta::assert_snapshot!(format!("report-{}", s.id), maestro_report::markdown(&subject));
        insta::assert_snapshot!(format!("json-{}", s.id), maestro_report::json(&subject));
    }
}

/// Each sample's diagram, snapshotted, and kept in `target/exports/` to be looked at.
#[test]
fn every_sample_diagram_matches_its_snapshot() {
    let exports = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/exports");
    std::fs::create_dir_all(&exports).unwrap();
    for s in SAMPLES {
        let (model, analysis) = analysed(s.id);
        let subject = Subject { model: &model, analysis: &analysis, catalog: Catalog::builtin(), source: s.id };
        let svg = maestro_report::svg(&subject, &maestro_report::DiagramOptions::default()).unwrap();
        std::fs::write(exports.join(format!("{}.svg", s.id)), &svg).unwrap();
        insta::assert_snapshot!(format!("svg-{}", s.id), svg);
    }
}

/// The exported diagrams draw in the canvas's light colours: each colour the diagram uses for
/// severities, trust, flows and chains is the value the canvas's style sheet gives it.
#[test]
fn diagram_colours_are_the_canvas_colours() {
    use maestro_analysis::Severity;
    use maestro_report::diagram::palette;
    let css = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/app.css")).unwrap();
    let light = &css[..css.find("@media (prefers-color-scheme: dark)").expect("a dark theme block")];
    let value = |var: &str| -> String {
        let at = light.find(&format!("{var}:")).unwrap_or_else(|| panic!("{var} is not in app.css"));
        light[at + var.len() + 1..].split(';').next().unwrap().trim().to_owned()
    };
    for severity in Severity::ALL {
        assert_eq!(palette::severity(severity), value(&format!("--severity-{}", severity.as_str())));
    }
    for (name, colour) in [
        ("--surface-raised", palette::SURFACE),
        ("--text", palette::TEXT),
        ("--text-muted", palette::TEXT_MUTED),
        ("--border", palette::BORDER),
        ("--path", palette::PATH),
        ("--crossing", palette::CROSSING),
    ] {
        assert_eq!(colour, value(name), "{name}");
    }
    let boundary =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/components/BoundaryNode.svelte"))
            .unwrap();
    for trust in ["trusted", "untrusted"] {
        let rule = &boundary[boundary.find(&format!(".boundary.trust-{trust} {{")).unwrap()..];
        assert!(rule[..rule.find('}').unwrap()].contains(palette::trust(trust)), "{trust}");
    }
    assert!(boundary.contains(&format!("--boundary-colour: {};", palette::trust("partial"))));
}

/// The names of every attribute of every tag in HTML or XML markup, read as a browser would:
/// values in quotes are skipped whole, whatever they hold.
fn attribute_names(markup: &str) -> Vec<String> {
    let bytes = markup.as_bytes();
    let mut names = Vec::new();
    let mut i = 0;
    while let Some(open) = markup[i..].find('<').map(|o| i + o) {
        i = open + 1;
        if markup[i..].starts_with("!--") || markup[i..].starts_with('/') || markup[i..].starts_with('!') {
            continue;
        }
        // Skip the tag's name, then read name[=value] pairs up to `>`.
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
            i += 1;
        }
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'>' {
                break;
            }
            let start = i;
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !b"=>/".contains(&bytes[i]) {
                i += 1;
            }
            names.push(markup[start..i].to_ascii_lowercase());
            if i < bytes.len() && bytes[i] == b'=' {
                i += 1;
                match bytes.get(i) {
                    Some(&quote @ (b'"' | b'\'')) => {
                        i += 1 + markup[i + 1..].find(quote as char).unwrap_or(markup.len() - i - 1) + 1;
                    }
                    _ => {
                        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                            i += 1;
                        }
                    }
                }
            }
        }
    }
    names
}

#[test]
fn attribute_names_are_read_past_quoted_values() {
    let names = attribute_names(r#"<svg a="x onload=1" b='<i onerror=2>'><rect onclick=go x=1/></svg>"#);
    assert_eq!(names, ["a", "b", "onclick", "x"]);
}

/// A model whose every text is an attack on one report format or another.
fn hostile_model() -> Model {
    let mut model = sample("research-crew", Catalog::builtin()).expect("a bundled sample");
    let attacks = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "=HYPERLINK(\"http://evil.example\",\"x\")",
        "[x](javascript:alert(1))",
        "two\nlines | with | pipes",
        "see https://evil.example or www.evil.example",
        "@SUM(A1:A9)",
    ];
    model.name = attacks[1].to_owned();
    model.description = format!("{}\n{}", attacks[0], attacks[3]);
    for (element, attack) in model.elements.iter_mut().zip(attacks.iter().cycle()) {
        element.name = (*attack).to_owned();
    }
    for (flow, attack) in model.flows.iter_mut().zip(attacks.iter().rev().cycle()) {
        flow.name = (*attack).to_owned();
    }
    for boundary in &mut model.boundaries {
        boundary.name = attacks[0].to_owned();
    }
    model
}

/// Every format's rendering of the hostile model, snapshotted for review, and each checked for
/// the way its own kind of injection works.
#[test]
fn hostile_text_renders_as_itself_in_every_format() {
    let model = hostile_model();
    let analysis = analyze(&model, Catalog::builtin());
    let subject =
        Subject { model: &model, analysis: &analysis, catalog: Catalog::builtin(), source: "hostile/crew model.yaml" };
    let options = maestro_report::ExportOptions::default();
    let render =
        |format: maestro_report::ReportFormat| String::from_utf8(format.render(&subject, &options).unwrap()).unwrap();
    use maestro_report::ReportFormat::*;

    let markdown = render(Markdown);
    assert!(!markdown.contains("<script") && !markdown.contains("<img"), "raw HTML in Markdown");
    let live_link = markdown.match_indices("](javascript:").any(|(at, _)| !markdown[..at].ends_with('\\'));
    assert!(!live_link, "a live link in Markdown");
    assert!(!markdown.contains("https://evil") && !markdown.contains("www.evil"), "a bare URL would autolink");
    insta::assert_snapshot!("hostile-markdown", markdown);

    let csv = render(Csv);
    // A cell starts after a comma or a line break; none of them may start with a formula.
    for start in [",\"", "\n\""] {
        for sign in ['=', '@', '+', '-'] {
            assert!(!csv.contains(&format!("{start}{sign}")), "a cell starting with {sign} in CSV");
        }
    }
    insta::assert_snapshot!("hostile-csv", csv);

    for (name, markup) in [("html", render(Html)), ("svg", render(Svg))] {
        assert!(!markup.contains("<script") && !markup.contains("<img"), "raw markup in {name}");
        let handlers: Vec<String> = attribute_names(&markup).into_iter().filter(|a| a.starts_with("on")).collect();
        assert!(handlers.is_empty(), "event handlers in {name}: {handlers:?}");
        insta::assert_snapshot!(format!("hostile-{name}"), markup);
    }

    let sarif: serde_json::Value = serde_json::from_str(&render(Sarif)).unwrap();
    let uri = &sarif["runs"][0]["artifacts"][0]["location"]["uri"];
    assert_eq!(uri, "hostile/crew%20model.yaml");
    let json: serde_json::Value = serde_json::from_str(&render(Json)).unwrap();
    assert!(json["findings"].as_array().is_some_and(|f| !f.is_empty()));
}

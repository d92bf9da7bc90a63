use super::*;
use maestro_analysis::analyze;
use maestro_model::{Decision, DecisionStatus, Element, Flow, Position, PropertyValue};

/// A small model whose names try to inject markup, formulas and HTML into reports.
fn hostile() -> Model {
    let element = |id: &str, kind: &str, name: &str, props: &[(&str, &str)]| Element {
        id: id.into(),
        kind: kind.into(),
        name: name.into(),
        position: Position::default(),
        properties: props.iter().map(|(k, v)| (k.to_string(), PropertyValue::Text(v.to_string()))).collect(),
        layer_override: None,
        ..Default::default()
    };
    let mut model = Model::new("Crew <img src=x onerror=alert(1)>");
    model.elements = vec![
        element("web", "web-content", "=HYPERLINK(\"http://evil\")", &[]),
        element("agent", "agent", "Agent | *bold* [link](javascript:x)", &[]),
        element("files", "tool", "File write", &[("side_effect", "write")]),
    ];
    let flow =
        |id: &str, from: &str, to: &str| Flow { id: id.into(), from: from.into(), to: to.into(), ..Default::default() };
    model.flows = vec![flow("f1", "web", "agent"), flow("f2", "agent", "files")];
    model.decisions.push(Decision {
        finding: "tool-misuse:files".into(),
        status: DecisionStatus::Accepted,
        justification: "writes to <scratch> only".into(),
    });
    model
}

fn with_subject<T>(f: impl FnOnce(&Subject) -> T) -> T {
    let model = hostile();
    let analysis = analyze(&model, Catalog::builtin());
    f(&Subject { model: &model, analysis: &analysis, catalog: Catalog::builtin(), source: "models/crew.yaml" })
}

#[test]
fn the_json_report_has_findings_layers_and_matrix() {
    let report: serde_json::Value = serde_json::from_str(&with_subject(json)).unwrap();
    let findings = report["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for f in findings {
        for field in [
            "id",
            "threat",
            "aliases",
            "layer",
            "stride",
            "targets",
            "path",
            "severity",
            "status",
            "explanation",
            "mitigations",
        ] {
            assert!(f.get(field).is_some(), "finding lacks {field}: {f}");
        }
    }
    let misuse = findings.iter().find(|f| f["id"] == "tool-misuse:files").unwrap();
    assert_eq!(misuse["status"], "accepted");
    assert!(misuse["aliases"].as_array().unwrap().contains(&serde_json::json!("T2")));
    assert_eq!(report["layers"].as_array().unwrap().len(), 3);
    assert_eq!(report["matrix"]["rows"].as_array().unwrap().len(), 8);
}

#[test]
fn sarif_is_a_2_1_0_log_with_a_result_per_finding() {
    let (log, count): (serde_json::Value, usize) =
        with_subject(|s| (serde_json::from_str(&sarif(s)).unwrap(), s.analysis.findings.len()));
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(log["$schema"], sarif::SARIF_SCHEMA);
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "MAESTRO Studio");
    let rules: Vec<&str> =
        run["tool"]["driver"]["rules"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), count);
    for result in results {
        let rule = result["ruleId"].as_str().unwrap();
        assert_eq!(rules[result["ruleIndex"].as_u64().unwrap() as usize], rule);
        assert!(["error", "warning", "note"].contains(&result["level"].as_str().unwrap()));
        assert!(!result["message"]["text"].as_str().unwrap().is_empty());
        assert_eq!(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "models/crew.yaml");
    }
    let accepted =
        results.iter().find(|r| r["partialFingerprints"]["maestroFindingId/v1"] == "tool-misuse:files").unwrap();
    assert_eq!(accepted["suppressions"][0]["justification"], "writes to <scratch> only");
}

#[test]
fn markdown_escapes_everything_the_user_wrote() {
    let report = with_subject(markdown);
    assert!(report.starts_with("# MAESTRO threat model: Crew &lt;img src=x onerror=alert(1)&gt;"), "{report}");
    assert!(!report.contains("<img") && !report.contains("[link](javascript"), "{report}");
    assert!(report.contains("Agent \\| \\*bold\\*"), "{report}");
    assert!(report.contains("- Decision: accepted: writes to &lt;scratch&gt; only"), "{report}");
}

#[test]
fn csv_has_a_row_per_finding_and_defuses_formulas() {
    let (report, count) = with_subject(|s| (csv(s), s.analysis.findings.len()));
    assert_eq!(report.lines().count(), count + 1);
    assert!(report.starts_with("\"id\",\"threat\","));
    assert!(!report.contains(",\"=HYPERLINK"), "{report}");
}

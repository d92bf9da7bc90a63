use super::*;
use maestro_catalog::Stride;
use maestro_model::{
    Decision, DecisionStatus, Element, ElementId, Flow, LayerOverride, Position, Properties, PropertyValue,
};

fn element(id: &str, kind: &str, properties: &[(&str, PropertyValue)]) -> Element {
    Element {
        id: id.into(),
        kind: kind.into(),
        name: id.to_uppercase(),
        position: Position::default(),
        properties: properties.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(),
        ..Default::default()
    }
}

fn flow(id: &str, from: &str, to: &str) -> Flow {
    Flow { id: id.into(), from: from.into(), to: to.into(), ..Default::default() }
}

fn text(value: &str) -> PropertyValue {
    PropertyValue::Text(value.into())
}

/// A researcher reading the web and writing files through an unsandboxed tool.
fn crew() -> Model {
    let mut model = Model::new("crew");
    model.elements = vec![
        element("web", "web-content", &[]),
        element("researcher", "agent", &[]),
        element("writer", "tool", &[("side_effect", text("write"))]),
        element("repl", "code-interpreter", &[]),
        element("notes", "vector-store", &[]),
        element("trainer", "training-pipeline", &[]),
    ];
    model.flows = vec![
        flow("f1", "web", "researcher"),
        flow("f2", "researcher", "writer"),
        flow("f3", "researcher", "repl"),
        flow("f4", "web", "notes"),
        flow("f5", "notes", "trainer"),
    ];
    model
}

fn finding<'a>(analysis: &'a Analysis, id: &str) -> &'a Finding {
    analysis.findings.iter().find(|f| f.id == id).unwrap_or_else(|| {
        let ids: Vec<&str> = analysis.findings.iter().map(|f| f.id.as_str()).collect();
        panic!("no finding {id}; found {ids:?}")
    })
}

fn assignment<'a>(analysis: &'a Analysis, id: &str) -> &'a LayerAssignment {
    analysis.layers.iter().find(|a| a.element == ElementId::from(id)).unwrap()
}

#[test]
fn layers_come_from_kind_properties_and_graph_each_with_a_reason() {
    let analysis = analyze(&crew(), Catalog::builtin());
    let repl = assignment(&analysis, "repl");
    assert_eq!(repl.primary.as_ref().unwrap().as_str(), "L3");
    assert_eq!(repl.secondary.iter().map(|l| l.as_str()).collect::<Vec<_>>(), ["L4"]);
    assert!(repl.reasons[1].reason.contains("side_effect = execute"), "{:?}", repl.reasons);

    let notes = assignment(&analysis, "notes");
    assert_eq!(notes.primary.as_ref().unwrap().as_str(), "L2");
    let secondary: Vec<&str> = notes.secondary.iter().map(|l| l.as_str()).collect();
    assert_eq!(secondary, ["L1", "L7"]);
    assert!(notes.reasons.iter().any(|r| r.reason.contains("\"TRAINER\" (training-pipeline)")));
}

#[test]
fn a_layer_chosen_by_hand_wins_and_keeps_its_justification() {
    let mut model = crew();
    model.elements[1].layer_override =
        Some(LayerOverride { layer: "L4".into(), justification: "it is really the cluster's job runner".into() });
    let analysis = analyze(&model, Catalog::builtin());
    let researcher = assignment(&analysis, "researcher");
    assert_eq!(researcher.primary.as_ref().unwrap().as_str(), "L4");
    assert_eq!(researcher.reasons[0].source, ReasonSource::Override);
    assert!(researcher.reasons[0].reason.contains("cluster's job runner"));
    assert!(researcher.secondary.iter().any(|l| l.as_str() == "L3"), "the kind's layer stays as a secondary");
}

#[test]
fn findings_say_which_rule_fired_on_which_facts() {
    let analysis = analyze(&crew(), Catalog::builtin());
    let misuse = finding(&analysis, "tool-misuse:writer");
    assert_eq!(misuse.layer.as_str(), "L3");
    assert_eq!(misuse.stride, Stride::E);
    assert_eq!(misuse.targets, ["writer"]);
    assert!(misuse.explanation.contains("side_effect = write"), "{}", misuse.explanation);
    assert!(misuse.explanation.contains("[rule tool-misuse.consequential-effect]"), "{}", misuse.explanation);
    let alias = |source: &str, id: &str| maestro_catalog::Alias { source: source.into(), id: id.into() };
    assert!(misuse.aliases.contains(&alias("asi-tm", "T2")) && misuse.aliases.contains(&alias("owasp-agentic", "ASI02")));
    assert_eq!(misuse.status, FindingStatus::Open);

    let rce = finding(&analysis, "unexpected-rce:repl");
    assert_eq!(rce.severity, Severity::Critical);
    assert!(rce.explanation.contains("sandbox = none"), "{}", rce.explanation);

    let hijack = finding(&analysis, "goal-manipulation:researcher");
    assert!(hijack.explanation.contains("receives from \"WEB\" (web-content)"), "{}", hijack.explanation);
}

#[test]
fn one_finding_per_threat_and_target_however_many_rules_fire() {
    let mut model = crew();
    // Both memory-poisoning rules could apply to an agent with persistent memory fed by the web.
    model.elements[1].properties.insert("memory".into(), text("persistent"));
    let analysis = analyze(&model, Catalog::builtin());
    let ids: Vec<&str> = analysis.findings.iter().map(|f| f.id.as_str()).collect();
    let unique: std::collections::BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(ids.len(), unique.len(), "duplicate finding ids");
}

#[test]
fn stride_per_element_keeps_external_entities_to_spoofing_and_repudiation() {
    let analysis = analyze(&crew(), Catalog::builtin());
    for f in analysis.findings.iter().filter(|f| f.targets == ["web"]) {
        assert!(matches!(f.stride, Stride::S | Stride::R), "{} under {:?}", f.id, f.stride);
    }
}

#[test]
fn a_mitigation_shown_by_properties_marks_the_finding_mitigated() {
    let mut model = crew();
    model.elements[3].properties.insert("sandbox".into(), text("gvisor"));
    model.elements[3].properties.insert("human_approval".into(), PropertyValue::Bool(true));
    let analysis = analyze(&model, Catalog::builtin());
    // A kernel sandbox means the RCE rule no longer fires at all.
    assert!(!analysis.findings.iter().any(|f| f.id == "unexpected-rce:repl"));
    let misuse = finding(&analysis, "tool-misuse:repl");
    assert_eq!(misuse.status, FindingStatus::Mitigated);
    assert!(misuse.mitigations.iter().any(|m| m.id == "human-dual-control" && m.in_place));
}

#[test]
fn the_users_decision_sets_the_status_and_keeps_the_justification() {
    let mut model = crew();
    model.decisions.push(Decision {
        finding: "tool-misuse:writer".into(),
        status: DecisionStatus::Accepted,
        justification: "writes only to a scratch folder".into(),
    });
    let analysis = analyze(&model, Catalog::builtin());
    let misuse = finding(&analysis, "tool-misuse:writer");
    assert_eq!(misuse.status, FindingStatus::Accepted);
    assert_eq!(misuse.justification.as_deref(), Some("writes only to a scratch folder"));
}

#[test]
fn the_same_model_gives_the_same_report() {
    let first = analyze(&crew(), Catalog::builtin());
    let second = analyze(&crew(), Catalog::builtin());
    assert_eq!(first, second);
    assert_eq!(serde_json::to_string(&first).unwrap(), serde_json::to_string(&second).unwrap());
}

#[test]
fn the_matrix_counts_every_finding_once() {
    let analysis = analyze(&crew(), Catalog::builtin());
    let total: u32 = analysis.matrix.rows.iter().map(|r| r.totals.total).sum();
    assert_eq!(total as usize, analysis.findings.len());
    let rows: Vec<&str> = analysis.matrix.rows.iter().map(|r| r.layer.as_str()).collect();
    assert_eq!(rows, ["L1", "L2", "L3", "L4", "L5", "L6", "L7", "cross-layer"]);
    for row in &analysis.matrix.rows {
        let cells: u32 = row.cells.iter().map(|c| c.counts.total).sum();
        assert_eq!(cells, row.totals.total);
    }
}

#[test]
fn an_unknown_kind_gets_no_layer_and_no_findings() {
    let mut model = Model::new("m");
    model.elements.push(element("x", "quantum-oracle", &[]));
    let analysis = analyze(&model, Catalog::builtin());
    assert_eq!(analysis.layers[0].primary, None);
    assert!(analysis.findings.is_empty());
}

/// An orchestrator sending unchecked work to three agents, one of which passes restricted data
/// from a trusted zone into an untrusted one.
fn hub() -> Model {
    let mut model = Model::new("hub");
    model.elements = vec![
        element("boss", "orchestrator", &[]),
        element("a", "agent", &[]),
        element("b", "agent", &[]),
        element("c", "agent", &[]),
        element("vault", "database", &[("classification", text("restricted"))]),
        element("partner", "agent", &[("classification", text("restricted"))]),
    ];
    model.flows = vec![
        flow("f1", "boss", "a"),
        flow("f2", "boss", "b"),
        flow("f3", "boss", "c"),
        flow("f4", "vault", "a"),
        flow("f5", "a", "partner"),
    ];
    model.flows[4].properties.insert("classification".into(), text("restricted"));
    let zone = |id: &str, trust: &str, members: &[&str]| maestro_model::Boundary {
        id: id.into(),
        name: id.into(),
        properties: Properties::from([("trust".to_owned(), text(trust))]),
        contains: members.iter().map(|m| (*m).into()).collect(),
        ..Default::default()
    };
    model.boundaries =
        vec![zone("inside", "trusted", &["boss", "a", "b", "c", "vault"]), zone("outside", "untrusted", &["partner"])];
    model
}

#[test]
fn an_orchestrator_driving_many_agents_is_a_single_point_of_compromise_and_a_fan_out() {
    let analysis = analyze(&hub(), Catalog::builtin());
    let single = finding(&analysis, "single-point-of-compromise:boss->a");
    assert_eq!(single.layer.as_str(), "cross-layer");
    assert!(single.explanation.contains("directs 3 agents"), "{}", single.explanation);
    assert_eq!(single.path, ["boss", "f1", "a"]);
    let fan_out = finding(&analysis, "cascading-trust-failure:boss->a");
    assert!(fan_out.explanation.contains("fans out unchecked to 3 agents"), "{}", fan_out.explanation);
}

#[test]
fn restricted_data_moving_into_an_untrusted_boundary_is_a_crossing() {
    let analysis = analyze(&hub(), Catalog::builtin());
    let crossing = finding(&analysis, "classification-crossing:a->partner");
    assert!(
        crossing.explanation.contains("restricted data moves from a trusted boundary into an untrusted one"),
        "{}",
        crossing.explanation
    );
    assert_eq!(crossing.stride, Stride::I);
}

#[test]
fn path_findings_are_deterministic_and_unique() {
    let first = analyze(&hub(), Catalog::builtin());
    assert_eq!(first, analyze(&hub(), Catalog::builtin()));
    let ids: std::collections::BTreeSet<&str> = first.findings.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids.len(), first.findings.len());
}

#[test]
fn an_mcp_server_outside_the_trusted_boundary_is_an_entry_point() {
    let mut model = Model::new("mcp");
    model.elements = vec![
        element("server", "mcp-server", &[]),
        element("agent", "agent", &[]),
        element("shell", "code-interpreter", &[]),
    ];
    model.flows = vec![flow("f1", "server", "agent"), flow("f2", "agent", "shell")];
    let chain = "untrusted-input-to-impact:server->shell";
    assert!(analyze(&model, Catalog::builtin()).findings.iter().any(|f| f.id == chain));
    // Inside a trusted boundary, the same server is not an entry point.
    model.boundaries.push(maestro_model::Boundary {
        id: "corp".into(),
        name: "Corp".into(),
        properties: Properties::from([("trust".to_owned(), text("trusted"))]),
        contains: vec!["server".into(), "agent".into(), "shell".into()],
        ..Default::default()
    });
    assert!(!analyze(&model, Catalog::builtin()).findings.iter().any(|f| f.id == chain));
}

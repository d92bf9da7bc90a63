use super::*;
use maestro_catalog::Stride;
use maestro_model::{Decision, DecisionStatus, Element, Flow, LayerOverride, Position, Properties, PropertyValue};

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
    analysis.layers.iter().find(|a| a.element == id).unwrap()
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
    let rce = finding(&analysis, "unexpected-rce:repl");
    assert_eq!(rce.layer.as_str(), "L3");
    assert_eq!(rce.stride, Stride::E);
    assert_eq!(rce.targets, ["repl"]);
    assert!(rce.explanation.contains("sandbox = none (not set: the default)"), "{}", rce.explanation);
    assert!(rce.explanation.contains("[rule unexpected-rce.executes-without-isolation]"), "{}", rce.explanation);
    let alias = |source: &str, id: &str| maestro_catalog::Alias { source: source.into(), id: id.into() };
    assert!(rce.aliases.contains(&alias("asi-tm", "T11")) && rce.aliases.contains(&alias("owasp-agentic", "ASI05")));
    assert_eq!(rce.status, FindingStatus::Open);

    let hijack = finding(&analysis, "goal-manipulation:researcher");
    assert!(
        hijack.explanation.contains("untrusted content reaches it along \"WEB\" → \"RESEARCHER\""),
        "{}",
        hijack.explanation
    );

    // The chain to the write tool says the tool is misused; the misuse is not listed twice.
    let chain = finding(&analysis, "untrusted-input-to-impact:writer");
    assert_eq!(chain.path, ["web", "f1", "researcher", "f2", "writer"]);
    assert!(chain.also.contains(&"tool-misuse".to_owned()));
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
    let analysis = analyze(&model, Catalog::builtin());
    // A kernel sandbox means the RCE rule no longer fires at all, and the REPL is no chain's end.
    assert!(!analysis.findings.iter().any(|f| f.id == "unexpected-rce:repl"));
    // Validation on the only way in stops goal manipulation: mitigated, with the flow as evidence.
    model.flows[0].properties.insert("validated".into(), PropertyValue::Bool(true));
    let analysis = analyze(&model, Catalog::builtin());
    let hijack = finding(&analysis, "goal-manipulation:researcher");
    assert_eq!(hijack.status, FindingStatus::Mitigated);
    let check = hijack.mitigations.iter().find(|m| m.id == "input-sanitisation").unwrap();
    assert!(check.in_place && check.evidence.contains("stated as validated"), "{check:?}");
}

#[test]
fn a_default_or_a_test_over_nothing_is_never_evidence_of_a_control() {
    // An agent with no inbound flows and no stated properties: no mitigation can be in place.
    let mut model = Model::new("m");
    model.elements.push(element(
        "agent",
        "agent",
        &[("autonomy", text("autonomous")), ("workflow", text("open-ended"))],
    ));
    model.elements.push(element("pay", "tool", &[("side_effect", text("payment"))]));
    model.flows.push(flow("f1", "agent", "pay"));
    let analysis = analyze(&model, Catalog::builtin());
    for finding in &analysis.findings {
        assert!(finding.mitigations.iter().all(|m| !m.in_place), "{} claims {:?}", finding.id, finding.mitigations);
        assert_ne!(finding.status, FindingStatus::Mitigated, "{}", finding.id);
    }
}

#[test]
fn a_control_that_only_detects_is_noted_but_never_mitigates() {
    let mut model = crew();
    model.elements[2].properties.insert("logging".into(), text("tamper-evident"));
    let analysis = analyze(&model, Catalog::builtin());
    let chain = finding(&analysis, "untrusted-input-to-impact:writer");
    assert_eq!(chain.status, FindingStatus::Open);
    // Folded tool misuse lists signed logging among its controls: it detects, so it is noted.
    let misuse = analyze(&model, Catalog::builtin());
    assert!(misuse.findings.iter().all(|f| f.status != FindingStatus::Mitigated
        || f.mitigations.iter().any(|m| m.in_place && m.effect == maestro_catalog::Effect::Prevents)));
}

#[test]
fn the_users_decision_sets_the_status_and_keeps_the_justification() {
    let mut model = crew();
    model.decisions.push(Decision {
        finding: "untrusted-input-to-impact:writer".into(),
        status: DecisionStatus::Accepted,
        justification: "writes only to a scratch folder".into(),
    });
    let analysis = analyze(&model, Catalog::builtin());
    let misuse = finding(&analysis, "untrusted-input-to-impact:writer");
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
    // Outsiders' requests reach the orchestrator.
    model.elements.push(element("requests", "web-content", &[]));
    model.flows.push(flow("f0", "requests", "boss"));
    model
}

#[test]
fn an_orchestrator_driving_many_agents_is_a_single_point_of_compromise_and_a_fan_out() {
    let analysis = analyze(&hub(), Catalog::builtin());
    let single = finding(&analysis, "single-point-of-compromise:boss");
    assert_eq!(single.layer.as_str(), "cross-layer");
    assert!(single.explanation.contains("directs 3 agents"), "{}", single.explanation);
    assert_eq!(single.path, ["boss", "f1", "a"]);
    // The unchecked fan-out from the boss is part of the longer cascade that reaches the partner.
    let cascade = finding(&analysis, "cascading-trust-failure:boss->partner");
    assert_eq!(cascade.path, ["boss", "f1", "a", "f5", "partner"]);
}

#[test]
fn restricted_data_moving_into_an_untrusted_boundary_is_a_crossing() {
    let analysis = analyze(&hub(), Catalog::builtin());
    let crossing = finding(&analysis, "classification-crossing:vault->partner");
    assert!(crossing.explanation.contains("restricted data reaches \"PARTNER\""), "{}", crossing.explanation);
    assert!(crossing.explanation.contains("trust = untrusted"), "{}", crossing.explanation);
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
fn a_third_party_mcp_server_is_a_supply_chain_risk_and_an_untrusted_boundary_makes_it_an_entry() {
    let mut model = Model::new("mcp");
    model.elements = vec![
        element("server", "mcp-server", &[("origin", text("third-party"))]),
        element("agent", "agent", &[]),
        element("shell", "code-interpreter", &[]),
    ];
    model.flows = vec![flow("f1", "server", "agent"), flow("f2", "agent", "shell")];
    let chain = "untrusted-input-to-impact:shell";
    let analysis = analyze(&model, Catalog::builtin());
    assert!(analysis.findings.iter().any(|f| f.id == "tool-description-poisoning:server"));
    assert!(!analysis.findings.iter().any(|f| f.id == chain), "who wrote its code is no attacker's input");
    model.boundaries = vec![maestro_model::Boundary {
        id: "remote".into(),
        name: "Vendor cloud".into(),
        properties: Properties::from([("trust".to_owned(), text("untrusted"))]),
        contains: vec!["server".into()],
        ..Default::default()
    }];
    assert!(analyze(&model, Catalog::builtin()).findings.iter().any(|f| f.id == chain));
}

#[test]
fn a_request_and_its_response_are_one_channel_with_one_finding() {
    let mut model = Model::new("a2a");
    model.elements = vec![element("agent", "agent", &[]), element("partner", "peer-agent", &[])];
    let mut ask = flow("ask", "agent", "partner");
    ask.properties.insert("protocol".into(), text("a2a"));
    let mut answer = flow("answer", "partner", "agent");
    answer.properties.insert("protocol".into(), text("a2a"));
    answer.properties.insert("role".into(), text("response"));
    model.flows = vec![ask, answer];
    let analysis = analyze(&model, Catalog::builtin());
    let abuse: Vec<&Finding> = analysis.findings.iter().filter(|f| f.threat == "insecure-protocol-abuse").collect();
    assert_eq!(abuse.len(), 1, "{abuse:?}");
    assert_eq!(abuse[0].id, "insecure-protocol-abuse:ask");
    assert_eq!(abuse[0].targets, ["ask", "answer"]);
    // What the partner's agent answers is looked at too, and reported on the same channel.
    assert!(analysis.findings.iter().any(|f| f.id == "communication-poisoning:ask"), "{:?}", analysis.findings);
}

#[test]
fn local_ipc_is_not_unencrypted_in_transit() {
    let mut model = Model::new("stdio");
    model.elements = vec![element("agent", "agent", &[]), element("server", "mcp-server", &[])];
    let mut call = flow("call", "agent", "server");
    call.properties.insert("protocol".into(), text("stdio"));
    call.properties.insert("classification".into(), text("restricted"));
    model.flows = vec![call];
    let analysis = analyze(&model, Catalog::builtin());
    assert!(!analysis.findings.iter().any(|f| f.threat == "data-exfiltration"), "{:?}", analysis.findings);
}

#[test]
fn a_threat_is_filed_under_its_home_layers_whatever_the_target_touches() {
    let mut model = crew();
    model.elements[2].properties.insert("logging".into(), text("none"));
    model.elements.push(element("log", "logging", &[]));
    model.flows.push(flow("f6", "researcher", "log"));
    let analysis = analyze(&model, Catalog::builtin());
    // Repudiation is an L5 threat, though the tool sits in L3 (and the researcher is observed in L5).
    assert_eq!(finding(&analysis, "repudiation:writer").layer.as_str(), "L5");
}

#[test]
fn severity_follows_exposure_and_what_is_at_stake() {
    let analysis = analyze(&crew(), Catalog::builtin());
    let rce = finding(&analysis, "unexpected-rce:repl");
    assert!(
        rce.severity_factors.iter().any(|f| f.contains("executes code"))
            || rce.impact == maestro_catalog::Impact::Critical
    );
    // The same tool with nothing untrusted reaching it is rated less likely.
    let mut quiet = crew();
    quiet.flows.retain(|f| f.from.as_str() != "web");
    let quiet = analyze(&quiet, Catalog::builtin());
    assert!(!quiet.findings.iter().any(|f| f.id == "unexpected-rce:repl"), "no attacker input, no unexpected code");
    let supply = analyze(&crew(), Catalog::builtin());
    for f in &supply.findings {
        assert!(f.severity_factors.iter().all(|s| !s.is_empty()));
    }
}

#[test]
fn a_three_layer_framework_is_a_catalog_change_not_a_code_change() {
    let files: &[(&str, &str)] = &[("tiny.toml", THREE_LAYERS)];
    let catalog = Catalog::from_files(files).expect("a small, valid catalog");
    let mut model = Model::new("tiny");
    model.elements = vec![element("bot", "bot", &[]), element("kb", "notes", &[])];
    model.flows = vec![flow("f1", "kb", "bot")];
    let analysis = analyze(&model, &catalog);
    let rows: Vec<&str> = analysis.matrix.rows.iter().map(|r| r.layer.as_str()).collect();
    assert_eq!(rows, ["thinking", "knowing", "acting", "between"]);
    let bot = assignment(&analysis, "bot");
    assert_eq!(bot.primary.as_ref().unwrap().as_str(), "acting");
    assert_eq!(bot.secondary.iter().map(|l| l.as_str()).collect::<Vec<_>>(), ["knowing"]);
    assert!(bot.reasons[1].reason.contains("\"KB\" (notes)"), "{:?}", bot.reasons);
    let found = finding(&analysis, "stale-notes:bot");
    assert_eq!(found.layer.as_str(), "knowing");
}

const THREE_LAYERS: &str = r#"
[[layer]]
id = "thinking"
name = "Thinking"
focus = "The models."

[[layer]]
id = "knowing"
name = "Knowing"
focus = "The data."

[[layer]]
id = "acting"
name = "Acting"
focus = "The agents."

[[layer]]
id = "between"
name = "Between"
focus = "Paths across the others."
cross_layer = true

[[property]]
id = "fresh"
label = "Fresh"
applies_to = ["element"]
type = "bool"
default = false
help = "Kept up to date."

[[kind]]
id = "bot"
label = "Bot"
description = "An agent."
stride_class = "process"
traits = ["agent"]
default_layer = "acting"
layer_reason = "It acts."
properties = []

[[kind]]
id = "notes"
label = "Notes"
description = "A store."
stride_class = "data-store"
traits = ["store", "context-store"]
default_layer = "knowing"
layer_reason = "It holds data."
properties = ["fresh"]

[[layer_rule]]
id = "reads-notes"
layer = "knowing"
source = "graph"
when = { fed_by_trait = ["store"] }
reason = "It reads {neighbour}."

[[mitigation]]
id = "refresh"
name = "Refresh the notes"
description = "Rebuild them nightly."
layer = "knowing"
effect = "prevents"

[[threat]]
id = "stale-notes"
name = "Stale notes"
description = "It acts on old facts."
layers = ["knowing"]
stride = ["T"]
targets = ["bot"]
likelihood = "medium"
impact = "medium"
mitigations = ["refresh"]

[[threat.rule]]
id = "stale-notes.reads-notes"
applies_to = "element"
when = { fed_by_trait = ["store"] }
because = "it reads notes"

[[threat]]
id = "thinking-threat"
name = "Model drift"
description = "The model changes."
layers = ["thinking", "between"]
stride = ["T"]
targets = ["bot"]
likelihood = "low"
impact = "low"
mitigations = ["refresh"]

[[threat.rule]]
id = "thinking-threat.any"
applies_to = "element"
because = "it thinks"

[[threat]]
id = "acting-threat"
name = "Wrong action"
description = "It acts wrongly."
layers = ["acting"]
stride = ["T"]
targets = ["bot"]
likelihood = "low"
impact = "low"
mitigations = ["refresh"]

[[threat.rule]]
id = "acting-threat.any"
applies_to = "element"
because = "it acts"
"#;

#[test]
fn a_more_specific_threat_supersedes_a_general_one_on_its_own_subject_only() {
    let mut model = Model::new("soc");
    model.elements = vec![
        element("alerts", "document-store", &[("untrusted_content", PropertyValue::Bool(true))]),
        element("triage", "agent", &[("security_decisions", PropertyValue::Bool(true))]),
        element("helper", "agent", &[]),
    ];
    model.flows = vec![flow("f1", "alerts", "triage"), flow("f2", "alerts", "helper")];
    let analysis = analyze(&model, Catalog::builtin());
    let compromise = finding(&analysis, "security-agent-compromise:triage");
    assert!(compromise.also.contains(&"goal-manipulation".to_owned()), "{:?}", compromise.also);
    assert!(!analysis.findings.iter().any(|f| f.id == "goal-manipulation:triage"));
    assert!(analysis.findings.iter().any(|f| f.id == "goal-manipulation:helper"), "another agent's risk stays its own");
}

#[test]
fn a_queue_inside_one_trusted_zone_is_no_replay_risk_and_one_into_it_is() {
    let queue = |sender_inside: bool| {
        let mut model = Model::new("queue");
        model.elements = vec![element("bus-client", "tool", &[]), element("agent", "agent", &[])];
        model.flows = vec![flow("f1", "bus-client", "agent")];
        model.flows[0].properties.insert("protocol".into(), text("queue"));
        let members: Vec<maestro_model::ElementId> =
            if sender_inside { vec!["bus-client".into(), "agent".into()] } else { vec!["agent".into()] };
        model.boundaries = vec![maestro_model::Boundary {
            id: "platform".into(),
            name: "Platform".into(),
            properties: Properties::from([("trust".to_owned(), text("trusted"))]),
            contains: members,
            ..Default::default()
        }];
        analyze(&model, Catalog::builtin())
    };
    assert!(!queue(true).findings.iter().any(|f| f.threat == "temporal-manipulation"));
    let across = queue(false);
    assert!(
        across.findings.iter().any(|f| f.id == "temporal-manipulation:f1"),
        "{:?}",
        across.findings.iter().map(|f| &f.id).collect::<Vec<_>>()
    );
}

/// Graph code is iterative: a model far longer than any stack would allow for recursion is
/// analysed on a thread with a small stack (a recursive walk of a 6,000-agent chain once crashed).
#[test]
fn a_very_long_delegation_ring_is_analysed_on_a_small_stack() {
    const AGENTS: usize = 50_000;
    let mut model = Model::new("ring");
    for i in 0..AGENTS {
        model.elements.push(element(&format!("a{i}"), "agent", &[]));
        model.flows.push(flow(&format!("f{i}"), &format!("a{i}"), &format!("a{}", (i + 1) % AGENTS)));
    }
    let analysis = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || analyze(&model, Catalog::builtin()))
        .unwrap()
        .join()
        .expect("the analysis must not overflow its stack");
    let ring = finding(&analysis, "recursive-delegation-starvation:a0");
    assert!(ring.explanation.contains(&format!("{AGENTS} agents in the loop")), "{}", ring.explanation);
}

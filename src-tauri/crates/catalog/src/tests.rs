//! The built-in catalog's contract, and how bad catalogs are reported.

use crate::*;
use maestro_model::PropertyValue;
use std::collections::BTreeSet;

fn catalog() -> &'static Catalog {
    Catalog::builtin()
}

#[test]
fn the_element_kinds_of_the_public_model_format_are_all_there() {
    let expected = [
        "agent",
        "orchestrator",
        "llm",
        "embedding-model",
        "training-pipeline",
        "model-registry",
        "vector-store",
        "memory",
        "document-store",
        "database",
        "prompt-store",
        "tool",
        "code-interpreter",
        "mcp-server",
        "external-api",
        "web-content",
        "peer-agent",
        "agent-registry",
        "human",
        "hitl-console",
        "runtime",
        "secrets-manager",
        "identity-provider",
        "policy-engine",
        "message-bus",
        "logging",
        "monitoring",
    ];
    let ids: BTreeSet<&str> = catalog().kinds.iter().map(|k| k.id.as_str()).collect();
    for id in expected {
        assert!(ids.contains(id), "missing kind {id}");
    }
    for kind in &catalog().kinds {
        assert!(!kind.layer_reason.is_empty(), "{} has no layer reason", kind.id);
        assert!(catalog().layer(&kind.default_layer).is_some_and(|l| !l.cross_layer), "{}", kind.id);
    }
}

#[test]
fn the_properties_of_the_public_model_format_have_their_exact_values() {
    let expect = |id: &str, values: &[&str]| {
        let property = catalog().property(id).unwrap_or_else(|| panic!("missing property {id}"));
        assert_eq!(property.values, values, "{id}");
    };
    expect("classification", &["public", "internal", "confidential", "restricted"]);
    expect("autonomy", &["assistive", "supervised", "autonomous"]);
    expect("workflow", &["open-ended", "directed"]);
    expect("memory", &["none", "session", "persistent"]);
    expect("side_effect", &["read", "write", "execute", "payment", "communicate"]);
    expect("sandbox", &["none", "container", "gvisor", "microvm"]);
    expect("credential_scope", &["task", "agent", "shared", "broad"]);
    expect("logging", &["none", "local", "central", "tamper-evident"]);
    expect("protocol", &["mcp", "a2a", "http", "grpc", "queue", "sql", "file", "stdio", "in-process", "other"]);
    expect("role", &["data", "request", "response", "two-way"]);
    expect("hosting", &["unknown", "managed-api", "self-hosted"]);
    expect("output_rendering", &["unknown", "plain", "rich"]);
    expect("payment_rail", &["none", "card", "bank", "crypto"]);
    expect("origin", &["unknown", "first-party", "third-party"]);
    expect("principal", &["unknown", "authenticated", "anonymous"]);
    expect("trust", &["untrusted", "partial", "trusted"]);
    for bool_property in [
        "internet_exposed",
        "human_approval",
        "signed_artifacts",
        "multi_tenant",
        "authenticated",
        "encrypted",
        "untrusted_content",
        "decides_about_people",
        "signed",
        "validated",
    ] {
        let property = catalog().property(bool_property).unwrap();
        assert_eq!(property.value_type, PropertyType::Bool, "{bool_property}");
    }
    let flow_classification = catalog().property("classification").unwrap();
    assert!(flow_classification.applies_to.contains(&PropertyTarget::Flow));
    assert_eq!(catalog().property("trust").unwrap().applies_to, [PropertyTarget::Boundary]);
}

#[test]
fn layers_l1_to_l7_and_the_cross_layer_band_each_have_threats_and_questions() {
    let ids: Vec<&str> = catalog().layers.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["L1", "L2", "L3", "L4", "L5", "L6", "L7", "cross-layer"]);
    let bands: Vec<&str> = catalog().layers.iter().filter(|l| l.band).map(|l| l.id.as_str()).collect();
    assert_eq!(bands, ["L6"]);
    for layer in &catalog().layers {
        assert!(layer.key_questions.len() >= 3, "{}", layer.id.as_str());
        assert!(!layer.primary_threats.is_empty(), "{}", layer.id.as_str());
        assert!(catalog().threats.iter().any(|t| t.layers.contains(&layer.id)), "{}", layer.id.as_str());
    }
}

fn threat_with_alias(source: &str, id: &str) -> &'static Threat {
    catalog()
        .threats
        .iter()
        .find(|t| t.aliases.iter().any(|a| a.source == source && a.id == id))
        .unwrap_or_else(|| panic!("no threat has alias {source} {id}"))
}

#[test]
fn every_core_agentic_threat_t1_to_t17_is_there() {
    for n in 1..=17 {
        threat_with_alias("asi-tm", &format!("T{n}"));
    }
    for n in 16..=47 {
        threat_with_alias("mas-guide", &format!("T{n}"));
    }
}

#[test]
fn clashing_source_ids_keep_both_meanings_apart() {
    assert_eq!(threat_with_alias("asi-tm", "T16").id, "insecure-protocol-abuse");
    assert_eq!(threat_with_alias("mas-guide", "T16").id, "model-inconsistency");
    assert_eq!(threat_with_alias("asi-tm", "T17").id, "supply-chain-compromise");
    assert_eq!(threat_with_alias("mas-guide", "T17").id, "embedding-drift");
    assert_eq!(threat_with_alias("mas-guide", "T21").id, "inconsistent-workflow-state");
    assert_eq!(threat_with_alias("mas-guide-alt", "T21").id, "service-account-exposure");
    assert_eq!(threat_with_alias("mas-guide", "T22").id, "service-account-exposure");
    assert_eq!(threat_with_alias("mas-guide-alt", "T22").id, "selective-log-manipulation");
}

#[test]
fn every_threat_has_mitigations_rules_and_cross_references_that_resolve() {
    for threat in &catalog().threats {
        assert!(!threat.mitigations.is_empty(), "{}", threat.id);
        assert!(catalog().rules.iter().any(|r| r.threat == threat.id), "{}", threat.id);
        for m in &threat.mitigations {
            assert!(catalog().mitigation(m).unwrap().addresses.contains(&threat.id));
        }
    }
    let with_agentic_refs = catalog().threats.iter().filter(|t| !t.owasp_agentic.is_empty()).count();
    assert!(with_agentic_refs >= 17, "{with_agentic_refs}");
    let agentic: BTreeSet<&str> = catalog().threats.iter().flat_map(|t| &t.owasp_agentic).map(String::as_str).collect();
    assert_eq!(agentic.len(), 10, "every ASI01–ASI10 entry is referenced: {agentic:?}");
}

#[test]
fn the_named_mitigations_are_all_there_and_address_something() {
    let expected = [
        "model-registry-aibom",
        "behavioural-red-teaming",
        "memory-validation",
        "permission-aware-retrieval",
        "output-provenance",
        "data-classification",
        "input-sanitisation",
        "least-privilege-tools",
        "plan-validation",
        "context-isolation",
        "mcp-response-sanitisation",
        "reflection-depth-cap",
        "code-review-gate",
        "strong-sandbox",
        "nhi-lifecycle",
        "per-agent-quotas",
        "rbac-abac",
        "time-bounded-privilege",
        "workload-identity",
        "policy-bound-autonomy",
        "opa-policy",
        "goal-consistency-monitoring",
        "multi-source-verification",
        "human-dual-control",
        "worm-retention",
        "artifact-signing",
        "agent-trust-scoring",
        "mfa-privileged",
        "emergency-stop",
        "message-signing",
        "multi-agent-consensus",
        "tool-description-validation",
        "insider-threat-program",
        "restricted-link-rendering",
        "anomaly-isolation",
        "identity-behaviour-monitoring",
        "egress-dlp",
    ];
    for id in expected {
        let mitigation = catalog().mitigation(id).unwrap_or_else(|| panic!("missing mitigation {id}"));
        assert!(!mitigation.addresses.is_empty(), "{id} addresses no threat");
    }
}

#[test]
fn every_kind_has_an_icon_of_its_own_and_every_layer_a_colour_of_its_own() {
    let kinds = &catalog().kinds;
    let icons: std::collections::BTreeSet<_> = kinds.iter().filter_map(|k| k.icon.as_deref()).collect();
    assert_eq!(icons.len(), kinds.len(), "a kind without an icon, or two kinds sharing one");
    let layers: Vec<_> = catalog().layers.iter().filter(|l| !l.cross_layer).collect();
    let colours: std::collections::BTreeSet<_> = layers.iter().filter_map(|l| l.colour.as_deref()).collect();
    assert_eq!(colours.len(), layers.len(), "a layer without a colour, or two layers sharing one");
}

#[test]
fn kind_defaults_override_property_defaults() {
    assert_eq!(catalog().default_value("web-content", "internet_exposed"), Some(&PropertyValue::Bool(true)));
    assert_eq!(catalog().default_value("agent", "internet_exposed"), Some(&PropertyValue::Bool(false)));
    assert_eq!(
        catalog().default_value("code-interpreter", "side_effect"),
        Some(&PropertyValue::Text("execute".into()))
    );
}

// --- user catalogs -------------------------------------------------------------------------

fn user(files: &[(&str, &str)]) -> Result<Catalog, CatalogError> {
    let files: Vec<(String, String)> = files.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
    Catalog::with_user_files(&files)
}

/// A user catalog file; the end-to-end tests load the same file into the app.
const USER_THREAT: &str = include_str!("../../../../tests/fixtures/user-catalog/acme.toml");

#[test]
fn a_user_catalog_adds_sources_threats_mitigations_and_rules() {
    let catalog = user(&[("acme.toml", USER_THREAT)]).unwrap();
    assert_eq!(catalog.threats.len(), Catalog::builtin().threats.len() + 1);
    assert!(catalog.rules.iter().any(|r| r.id == "acme.tool-misuse-in-payments" && r.threat == "tool-misuse"));
    assert!(catalog.mitigation("artifact-signing").unwrap().addresses.contains(&"acme-prompt-tampering".to_owned()));
}

#[test]
fn a_malformed_user_file_is_named_with_its_entry_and_field() {
    let broken = USER_THREAT
        .replace(r#"["acme-prompt-review", "artifact-signing"]"#, r#"["acme-prompt-review", "no-such-control"]"#);
    let err = user(&[("acme.toml", &broken)]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "acme.toml: entry 'acme-prompt-tampering', field 'mitigations': there is no mitigation 'no-such-control'"
    );

    let err = user(&[("typo.toml", "[[threat]\nid = 1")]).unwrap_err();
    assert!(matches!(err, CatalogError::Syntax { ref file, .. } if file == "typo.toml"), "{err}");

    let bad_value = USER_THREAT.replace(r#"["side_effect", "payment"]"#, r#"["side_effect", "teleport"]"#);
    let err = user(&[("acme.toml", &bad_value)]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "acme.toml: entry 'acme.tool-misuse-in-payments', field 'when': 'teleport' is not an allowed value of 'side_effect'"
    );

    let unknown_field = USER_THREAT.replace("likelihood = \"medium\"", "likelihood = \"medium\"\nseverity = \"high\"");
    let err = user(&[("acme.toml", &unknown_field)]).unwrap_err();
    assert!(err.to_string().starts_with("acme.toml: ") && err.to_string().contains("severity"), "{err}");
}

#[test]
fn a_user_file_cannot_redefine_the_vocabulary_or_reuse_ids() {
    let err = user(&[("kinds.toml", "[[kind]]\nid = \"x\"")]).unwrap_err();
    assert!(err.to_string().contains("cannot define [[kind]]"), "{err}");

    let clash = USER_THREAT.replace("id = \"acme-prompt-tampering\"", "id = \"tool-misuse\"");
    let err = user(&[("acme.toml", &clash)]).unwrap_err();
    assert_eq!(err.to_string(), "acme.toml: entry 'tool-misuse', field 'id': this id is already used");

    let alias_clash =
        USER_THREAT.replace("{ source = \"acme\", id = \"ACME-7\" }", "{ source = \"asi-tm\", id = \"T1\" }");
    let err = user(&[("acme.toml", &alias_clash)]).unwrap_err();
    assert!(err.to_string().contains("asi-tm 'T1' is already an alias of 'memory-poisoning'"), "{err}");
}

#[test]
fn rules_must_fit_their_threat() {
    let wrong_kind = USER_THREAT.replace("kinds = [\"tool\"]", "kinds = [\"database\"]");
    let err = user(&[("acme.toml", &wrong_kind)]).unwrap_err();
    assert!(err.to_string().contains("'database' is not among the targets of threat 'tool-misuse'"), "{err}");

    let no_rule = USER_THREAT.replace(
        "[[threat.rule]]\nid = \"acme-prompt-tampering.unsigned\"",
        "[[rule]]\nthreat = \"tool-misuse\"\nid = \"x\"\nkinds = [\"tool\"]",
    );
    let err = user(&[("acme.toml", &no_rule)]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "acme.toml: entry 'acme-prompt-tampering', field 'rule': every threat needs at least one rule"
    );
}

#[test]
fn the_user_folder_is_read_in_name_order_and_may_be_missing() {
    let dir = tempfile::tempdir().unwrap();
    assert!(read_user_folder(&dir.path().join("absent")).unwrap().is_empty());
    std::fs::write(dir.path().join("b.toml"), "").unwrap();
    std::fs::write(dir.path().join("a.toml"), "").unwrap();
    std::fs::write(dir.path().join("notes.txt"), "ignored").unwrap();
    let names: Vec<String> = read_user_folder(dir.path())
        .unwrap()
        .into_iter()
        .map(|(name, _)| std::path::Path::new(&name).file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["a.toml", "b.toml"]);
}

#[test]
fn the_builtin_catalog_is_valid() {
    if let Err(error) = Catalog::from_files(crate::builtin::BUILTIN_FILES) {
        panic!("the built-in catalog is invalid: {error}");
    }
}

#[test]
fn every_threat_the_csa_blog_names_and_every_mas_scenario_is_covered() {
    let csa_aliases: Vec<&str> = catalog()
        .threats
        .iter()
        .flat_map(|t| &t.aliases)
        .filter(|a| a.source == "csa-blog")
        .map(|a| a.id.as_str())
        .collect();
    let named_in = |prefix: &str| csa_aliases.iter().filter(|id| id.starts_with(prefix)).count();
    // The blog's lists: seven at L1, five at L2, six at L3 to L5, five at L6, twelve at L7, five across.
    let expected =
        [("L1 ", 7), ("L2 ", 5), ("L3 ", 6), ("L4 ", 6), ("L5 ", 6), ("L6 ", 5), ("L7 ", 12), ("Cross-layer ", 5)];
    for (prefix, count) in expected {
        assert_eq!(named_in(prefix), count, "CSA threats named under {prefix}");
    }
    let scenarios = catalog().threats.iter().filter(|t| t.aliases.iter().any(|a| a.source == "mas-scenario")).count();
    assert_eq!(scenarios, 10);
}

#[test]
fn a_rule_that_could_never_give_a_finding_is_refused() {
    // Denial of service against an external entity is outside STRIDE per element.
    let silent = USER_THREAT
        .replace("stride = [\"T\"]\ntargets = [\"prompt-store\"]", "stride = [\"D\"]\ntargets = [\"human\"]");
    let err = user(&[("acme.toml", &silent)]).unwrap_err();
    assert!(
        err.to_string().contains("a human admits none of threat 'acme-prompt-tampering''s STRIDE categories"),
        "{err}"
    );
}

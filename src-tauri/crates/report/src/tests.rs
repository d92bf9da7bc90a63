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
        properties: props
            .iter()
            .map(|(k, v)| {
                let value = if *v == "true" { PropertyValue::Bool(true) } else { PropertyValue::Text(v.to_string()) };
                (k.to_string(), value)
            })
            .collect(),
        layer_override: None,
        ..Default::default()
    };
    let mut model = Model::new("Crew <img src=x onerror=alert(1)>");
    model.description = "# Not a heading\n- not a list\n1. not a step\nIn scope: <b>the crew</b>".into();
    model.elements = vec![
        element("web", "web-content", "=HYPERLINK(\"http://evil\")", &[]),
        element("agent", "agent", "Agent | *bold* [link](javascript:x)", &[]),
        // Approved one by one, so its misuse stands as a finding of its own (no open chain).
        element("files", "tool", "File write", &[("side_effect", "write"), ("human_approval", "true")]),
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
    assert!(misuse["aliases"].as_array().unwrap().contains(&serde_json::json!({ "source": "asi-tm", "id": "T2" })));
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
    // The description opens the report, each line its own and none of them markup.
    assert!(
        report.contains(
            "\\# Not a heading  \n\\- not a list  \n1\\. not a step  \nIn scope: &lt;b&gt;the crew&lt;/b&gt;\n"
        ),
        "{report}"
    );
    assert!(report.contains("- Decision: accepted: writes to &lt;scratch&gt; only"), "{report}");
}

#[test]
fn csv_has_a_row_per_finding_and_defuses_formulas() {
    let (report, count) = with_subject(|s| (csv(s), s.analysis.findings.len()));
    assert_eq!(report.lines().count(), count + 1);
    assert!(report.starts_with("\"id\",\"threat\","));
    assert!(!report.contains(",\"=HYPERLINK"), "{report}");
}

// Aliases keep their sources in every format.

/// The built-in catalog, with ASI T&M's names set to markup, HTML and a spreadsheet formula.
fn catalog_with_hostile_source() -> Catalog {
    let mut catalog = Catalog::builtin().clone();
    let source = catalog.sources.iter_mut().find(|s| s.id == "asi-tm").expect("ASI T&M is a built-in source");
    source.short = "=cmd|' /C calc'!A0 <b>*ASI*</b>".into();
    source.name = "<script>alert(1)</script>".into();
    catalog
}

fn with_subject_in<T>(catalog: &Catalog, f: impl FnOnce(&Subject) -> T) -> T {
    let model = hostile();
    let analysis = analyze(&model, catalog);
    f(&Subject { model: &model, analysis: &analysis, catalog, source: "models/crew.yaml" })
}

/// The aliases of the tool-misuse finding, which has some from every kind of source.
fn tool_misuse_aliases(subject: &Subject) -> Vec<maestro_catalog::Alias> {
    let finding = subject.analysis.findings.iter().find(|f| f.id == "tool-misuse:files").expect("tool misuse is found");
    finding.aliases.clone()
}

fn short_of<'c>(catalog: &'c Catalog, source: &str) -> &'c str {
    &catalog.source(source).unwrap_or_else(|| panic!("source {source} is in the catalog")).short
}

/// The sources every kind of alias comes from: a publication and the three taxonomies.
const EVERY_KIND_OF_SOURCE: [&str; 4] =
    ["asi-tm", maestro_analysis::OWASP_AGENTIC, maestro_analysis::OWASP_LLM, maestro_analysis::MITRE_ATLAS];

#[test]
fn the_tool_misuse_finding_has_aliases_from_every_kind_of_source() {
    let aliases = with_subject(tool_misuse_aliases);
    for source in EVERY_KIND_OF_SOURCE {
        assert!(aliases.iter().any(|a| a.source == source), "no alias from {source}: {aliases:?}");
    }
}

#[test]
fn the_json_report_gives_each_alias_a_source_and_a_table_of_the_sources() {
    let (text, again) = with_subject(|s| (json(s), json(s)));
    assert_eq!(text, again, "the JSON report is deterministic");
    let report: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut used: Vec<&str> = Vec::new();
    for alias in report["findings"].as_array().unwrap().iter().flat_map(|f| f["aliases"].as_array().unwrap()) {
        let fields: Vec<&String> = alias.as_object().unwrap().keys().collect();
        assert_eq!(fields, ["id", "source"], "{alias}");
        let source = alias["source"].as_str().unwrap();
        if !used.contains(&source) {
            used.push(source);
        }
    }
    let sources = report["sources"].as_array().unwrap();
    let listed: Vec<&str> = sources.iter().map(|s| s["id"].as_str().unwrap()).collect();
    let catalog_order: Vec<&str> =
        Catalog::builtin().sources.iter().map(|s| s.id.as_str()).filter(|id| used.contains(id)).collect();
    assert_eq!(listed, catalog_order, "each source the findings use, once, in catalog order");
    for source in EVERY_KIND_OF_SOURCE {
        assert!(listed.contains(&source), "{source} is listed: {listed:?}");
    }
    for source in sources {
        let known = Catalog::builtin().source(source["id"].as_str().unwrap()).unwrap();
        assert_eq!(source["name"], known.name.as_str());
        assert_eq!(source["short"], known.short.as_str());
    }
}

#[test]
fn markdown_shows_every_alias_with_its_source() {
    let (report, aliases) = with_subject(|s| (markdown(s), tool_misuse_aliases(s)));
    for expected in ["T2 (ASI T&amp;M v1.1)", "ASI02 (OWASP Agentic Top 10)", "LLM06 (OWASP LLM Top 10)"] {
        assert!(report.contains(expected), "{expected} in {report}");
    }
    let line = report
        .lines()
        .find(|l| l.starts_with("- Also known as: T2 (ASI T&amp;M v1.1)"))
        .expect("tool misuse's aliases");
    for alias in &aliases {
        let shown = markdown::escape(&format!("{} ({})", alias.id, short_of(Catalog::builtin(), &alias.source)));
        assert!(line.contains(&shown), "{shown} in {line}");
    }
}

#[test]
fn markdown_escapes_the_names_of_alias_sources() {
    let report = with_subject_in(&catalog_with_hostile_source(), markdown);
    assert!(!report.contains("<b>") && !report.contains("*ASI*"), "{report}");
    assert!(report.contains("T2 (=cmd\\|' /C calc'!A0 &lt;b&gt;\\*ASI\\*&lt;/b&gt;)"), "{report}");
}

/// The cells of each row of a report written by [`csv`]: every cell quoted, rows ended by CRLF.
fn csv_rows(report: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut cell) = (Vec::new(), Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, report.chars().peekable());
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => row.push(std::mem::take(&mut cell)),
            '\r' if !quoted && chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            _ => cell.push(c),
        }
    }
    rows
}

/// A CSV report as one map from column to cell per row.
fn csv_records(report: &str) -> Vec<std::collections::BTreeMap<String, String>> {
    let rows = csv_rows(report);
    let (header, records) = rows.split_first().expect("a header row");
    for record in records {
        assert_eq!(record.len(), header.len(), "{record:?}");
    }
    records.iter().map(|r| header.iter().cloned().zip(r.iter().cloned()).collect()).collect()
}

#[test]
fn csv_keeps_the_source_of_every_alias_and_has_a_column_per_taxonomy() {
    let (report, aliases) = with_subject(|s| (csv(s), tool_misuse_aliases(s)));
    let header = &csv_rows(&report)[0];
    assert_eq!(header[3..7], ["aliases", "owasp_agentic", "owasp_llm", "atlas"]);
    let records = csv_records(&report);
    let misuse = records.iter().find(|r| r["id"] == "tool-misuse:files").unwrap();
    let labelled: Vec<String> =
        aliases.iter().map(|a| format!("{} {}", short_of(Catalog::builtin(), &a.source), a.id)).collect();
    assert_eq!(misuse["aliases"], labelled.join("; "));
    assert!(misuse["aliases"].starts_with("ASI T&M v1.1 T2; "), "{}", misuse["aliases"]);
    let ids = |source: &str| aliases.iter().filter(|a| a.source == source).map(|a| a.id.as_str()).collect::<Vec<_>>();
    assert_eq!(misuse["owasp_agentic"], ids(maestro_analysis::OWASP_AGENTIC).join("; "));
    assert_eq!(misuse["owasp_llm"], ids(maestro_analysis::OWASP_LLM).join("; "));
    assert_eq!(misuse["atlas"], ids(maestro_analysis::MITRE_ATLAS).join("; "));
    assert!(misuse["owasp_agentic"].contains("ASI02") && misuse["owasp_llm"].contains("LLM06"), "{misuse:?}");
}

#[test]
fn csv_gives_each_decision_with_its_justification_and_the_controls_in_place_and_missing() {
    let (report, findings) = with_subject(|s| (csv(s), s.analysis.findings.clone()));
    let records = csv_records(&report);
    let accepted = records.iter().find(|r| r["id"] == "tool-misuse:files").unwrap();
    assert_eq!(
        (accepted["decision"].as_str(), accepted["justification"].as_str()),
        ("accepted", "writes to <scratch> only")
    );
    for (record, finding) in records.iter().zip(&findings) {
        assert_eq!(record["id"], finding.id.as_str());
        if finding.justification.is_none() {
            assert_eq!(record["decision"], "", "{}: the analysis's status is no decision", finding.id);
        }
        let in_place: Vec<_> = finding.mitigations.iter().filter(|m| m.in_place).collect();
        let missing: Vec<_> = finding.mitigations.iter().filter(|m| !m.in_place).map(|m| m.name.as_str()).collect();
        assert_eq!(record["controls_missing"], missing.join("; "), "{}", finding.id);
        for m in &in_place {
            assert!(record["controls_in_place"].contains(&m.name) && record["controls_in_place"].contains(&m.evidence));
        }
        assert_eq!(record["controls_in_place"].is_empty(), in_place.is_empty());
    }
    let approved = records.iter().find(|r| !r["controls_in_place"].is_empty());
    assert!(approved.is_some(), "the model states a control (human approval on the file tool)");
}

#[test]
fn csv_defuses_a_formula_in_the_name_of_an_alias_source() {
    let report = with_subject_in(&catalog_with_hostile_source(), csv);
    let misuse = csv_records(&report).into_iter().find(|r| r["id"] == "tool-misuse:files").unwrap();
    assert!(misuse["aliases"].starts_with("'=cmd|' /C calc'!A0 <b>*ASI*</b> T2; "), "{}", misuse["aliases"]);
    assert!(!report.contains(",\"=cmd"), "{report}");
}

#[test]
fn sarif_has_a_taxonomy_per_alias_source_and_each_rule_relates_to_its_taxa() {
    let (log, findings): (serde_json::Value, Vec<maestro_analysis::Finding>) =
        with_subject(|s| (serde_json::from_str(&sarif(s)).unwrap(), s.analysis.findings.clone()));
    let run = &log["runs"][0];
    let taxonomies = run["taxonomies"].as_array().unwrap();
    let names: Vec<&str> = taxonomies.iter().map(|t| t["name"].as_str().unwrap()).collect();
    for source in EVERY_KIND_OF_SOURCE {
        let known = Catalog::builtin().source(source).unwrap();
        let taxonomy = taxonomies
            .iter()
            .find(|t| t["name"] == known.short.as_str())
            .unwrap_or_else(|| panic!("{source}: {names:?}"));
        assert_eq!(taxonomy["fullName"], known.name.as_str());
        assert!(!taxonomy["taxa"].as_array().unwrap().is_empty());
    }
    for taxonomy in taxonomies {
        let ids: Vec<&str> = taxonomy["taxa"].as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap()).collect();
        assert!(ids.iter().enumerate().all(|(i, id)| !ids[..i].contains(id)), "each taxon once: {ids:?}");
    }
    let supported: Vec<serde_json::Value> =
        names.iter().enumerate().map(|(index, name)| serde_json::json!({ "name": name, "index": index })).collect();
    assert_eq!(run["tool"]["driver"]["supportedTaxonomies"], serde_json::Value::from(supported));

    for rule in run["tool"]["driver"]["rules"].as_array().unwrap() {
        let finding = findings.iter().find(|f| f.threat == rule["id"].as_str().unwrap()).unwrap();
        let mut related: Vec<(String, String)> = Vec::new();
        for relationship in rule["relationships"].as_array().unwrap() {
            assert_eq!(relationship["kinds"], serde_json::json!(["relevant"]));
            let target = &relationship["target"];
            let taxonomy = &taxonomies[target["toolComponent"]["index"].as_u64().unwrap() as usize];
            assert_eq!(taxonomy["name"], target["toolComponent"]["name"], "{relationship}");
            let taxon = &taxonomy["taxa"][target["index"].as_u64().unwrap() as usize];
            assert_eq!(taxon["id"], target["id"], "{relationship}");
            related.push((taxonomy["name"].as_str().unwrap().to_owned(), taxon["id"].as_str().unwrap().to_owned()));
        }
        let expected: Vec<(String, String)> = finding
            .aliases
            .iter()
            .map(|a| (short_of(Catalog::builtin(), &a.source).to_owned(), a.id.clone()))
            .collect();
        assert_eq!(related, expected, "rule {}", rule["id"]);
    }
}

#[test]
fn sarif_names_a_publication_taxon_after_its_threat_and_lists_aliases_on_the_rule() {
    let log: serde_json::Value = serde_json::from_str(&with_subject(sarif)).unwrap();
    let run = &log["runs"][0];
    let asi_tm = run["taxonomies"].as_array().unwrap().iter().find(|t| t["name"] == "ASI T&M v1.1").unwrap();
    let t2 = asi_tm["taxa"].as_array().unwrap().iter().find(|t| t["id"] == "T2").unwrap();
    assert_eq!(t2["name"], Catalog::builtin().threat("tool-misuse").unwrap().name.as_str());
    let misuse = run["tool"]["driver"]["rules"].as_array().unwrap().iter().find(|r| r["id"] == "tool-misuse").unwrap();
    let aliases = misuse["properties"]["aliases"].as_array().unwrap();
    for expected in ["ASI T&M v1.1 T2", "OWASP Agentic Top 10 ASI02", "OWASP LLM Top 10 LLM06"] {
        assert!(aliases.contains(&serde_json::json!(expected)), "{expected} in {aliases:?}");
    }
}

/// The official SARIF 2.1.0 schema (OASIS), copied into the repository's test fixtures.
fn sarif_schema() -> jsonschema::Validator {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fixtures/schemas/sarif-schema-2.1.0.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let schema: serde_json::Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .build(&schema)
        .expect("the official schema compiles")
}

fn schema_errors(validator: &jsonschema::Validator, log: &serde_json::Value) -> Vec<String> {
    validator.iter_errors(log).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let validator = sarif_schema();
    let mut logs: Vec<(String, String)> = vec![
        ("hostile".into(), with_subject(sarif)),
        ("hostile source names".into(), with_subject_in(&catalog_with_hostile_source(), sarif)),
    ];
    for sample in maestro_document::SAMPLES {
        let model = maestro_document::sample(sample.id, Catalog::builtin()).expect("a bundled sample");
        let analysis = analyze(&model, Catalog::builtin());
        let source = format!("samples/{}.yaml", sample.id);
        let subject = Subject { model: &model, analysis: &analysis, catalog: Catalog::builtin(), source: &source };
        logs.push((sample.id.to_owned(), sarif(&subject)));
    }
    for (name, text) in &logs {
        let log: serde_json::Value = serde_json::from_str(text).unwrap();
        assert!(!log["runs"][0]["taxonomies"].as_array().unwrap().is_empty(), "{name} has taxonomies");
        let errors = schema_errors(&validator, &log);
        assert!(errors.is_empty(), "{name}: SARIF does not validate:\n{}", errors.join("\n"));
    }

    // The schema is really applied: a log that breaks it is refused.
    let mut broken: serde_json::Value = serde_json::from_str(&logs[0].1).unwrap();
    broken["runs"][0]["tool"]["driver"]["rules"][0]["relationships"][0]["target"]["index"] = serde_json::json!(-2);
    assert!(!schema_errors(&validator, &broken).is_empty(), "an index below -1 is refused");
}

mod html_report {
    use super::*;
    use crate::ReportOptions;

    fn page(options: &ReportOptions) -> String {
        with_subject(|s| html(s, options))
    }

    #[test]
    fn the_page_has_every_chapter_linked_from_its_contents() {
        let page = page(&ReportOptions {
            organisation: Some("Acme".into()),
            date: Some("2026-12-04".into()),
            ..Default::default()
        });
        for id in ["summary", "diagram", "layer-L1", "layer-L3", "layer-L7", "chains", "matrix", "plan", "appendix"] {
            assert!(page.contains(&format!("id=\"{id}\"")), "no section {id}");
            assert!(page.contains(&format!("href=\"#{id}\"")), "{id} is not in the contents");
        }
        assert!(page.contains("<dd>Acme</dd>") && page.contains("<dd>2026-12-04</dd>"));
        assert!(page.contains("<svg "), "the diagram is inline");
        for f in with_subject(|s| s.analysis.findings.clone()) {
            assert!(
                page.contains(&format!("id=\"finding-{}\"", f.id.as_str().replace(':', "_"))),
                "{} has no entry",
                f.id
            );
        }
    }

    #[test]
    fn nothing_from_the_model_becomes_markup_and_nothing_is_fetched() {
        let page =
            page(&ReportOptions { organisation: Some("<script>alert(1)</script>".into()), ..Default::default() });
        assert!(!page.contains("<script"), "a script tag got in");
        assert!(!page.contains("<img"), "the model name's img tag got in");
        assert!(page.contains("Crew &lt;img src=x onerror=alert(1)&gt;"));
        assert!(page.contains("writes to &lt;scratch&gt; only"), "the justification is there, escaped");
        let lower = page.to_ascii_lowercase();
        for fetch in ["src=\"http", "href=\"http", "url(http", "@import", "src=\"//", "href=\"//"] {
            assert!(!lower.contains(fetch), "the page would fetch something: {fetch}");
        }
        assert!(page.contains("Content-Security-Policy\" content=\"default-src 'none'"), "a policy forbids the rest");
        for attribute in [" onerror=", " onload=", " onclick="] {
            assert!(
                !lower.replace("&lt;img src=x onerror=", "").contains(attribute),
                "{attribute} outside escaped text"
            );
        }
    }

    #[test]
    fn hidden_statuses_are_left_out_and_counted() {
        let shown = page(&ReportOptions::default());
        assert!(shown.contains("id=\"finding-tool-misuse_files\""));
        let hidden =
            page(&ReportOptions { hide: vec![maestro_analysis::FindingStatus::Accepted], ..Default::default() });
        assert!(!hidden.contains("id=\"finding-tool-misuse_files\""), "the accepted finding is left out");
        assert!(hidden.contains("1 more finding (accepted) is left out of this report."));
    }
}

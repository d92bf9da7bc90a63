//! SARIF 2.1.0 for code-scanning tools: one run of MAESTRO Studio over the model file.
//!
//! - `tool.driver.rules`: one rule per threat that has findings, in the order the findings first
//!   name them. Its `relationships` point at the taxa the threat is known as (kind `relevant`);
//!   `properties.tags` holds its layers and OWASP Agentic Top 10 ids, and `properties.aliases`
//!   every alias with its source ("ASI T&M v1.1 T1"), for viewers that do not follow taxonomies.
//! - `taxonomies`: one per source those aliases name (ASI T&M, the MAS guide, CSA MAESTRO, the
//!   OWASP Agentic and LLM Top 10s, MITRE ATLAS…), in catalog order: `name` is the source's short
//!   name, `fullName` its name, and `taxa` the ids the rules use. A publication's id is named
//!   after the catalog threat it is an alias of; a taxonomy's id (ASI06, LLM01, AML.T0051) is
//!   given as an id only, since the catalog does not name it. `tool.driver.supportedTaxonomies`
//!   lists them all.
//! - `results`: one per finding, located in the model file and at its targets. Findings the user
//!   accepted, transferred or judged not applicable are reported as suppressed, with their
//!   justification.

use crate::Subject;
use crate::aliases::ids_from;
use maestro_analysis::{Finding, FindingStatus, OWASP_AGENTIC, Severity};
use maestro_catalog::{Alias, Catalog, Source};
use serde_json::{Value, json};

pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub fn sarif(subject: &Subject) -> String {
    let rules = first_finding_per_threat(&subject.analysis.findings);
    let taxonomies = Taxonomies::of(subject, &rules);
    let names = crate::Names::of(subject.model);
    let log = json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "MAESTRO Studio",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules.iter().map(|f| rule(subject, f, &taxonomies)).collect::<Vec<_>>(),
                "supportedTaxonomies": taxonomies.component_references(),
            } },
            "taxonomies": taxonomies.components(subject.catalog),
            "artifacts": [{ "location": { "uri": artifact_uri(subject.source), "uriBaseId": SOURCE_ROOT } }],
            "results": subject.analysis.findings.iter().map(|f| result(subject, &names, f, &rules)).collect::<Vec<_>>(),
        }],
    });
    serde_json::to_string_pretty(&log).expect("SARIF always serialises")
}

/// The first finding of each threat, in the order the findings name them: one rule each. Every
/// finding of a threat carries the same aliases, those of the threat.
fn first_finding_per_threat(findings: &[Finding]) -> Vec<&Finding> {
    let mut firsts: Vec<&Finding> = Vec::new();
    for finding in findings {
        if !firsts.iter().any(|f| f.threat == finding.threat) {
            firsts.push(finding);
        }
    }
    firsts
}

/// The rule for the threat of `first`; the catalog's description when it knows the threat.
fn rule(subject: &Subject, first: &Finding, taxonomies: &Taxonomies) -> Value {
    let threat = subject.catalog.threat(&first.threat);
    let description = threat.map_or(first.threat_name.as_str(), |t| t.description.as_str());
    let layers: Vec<&str> = match threat {
        Some(t) => t.layers.iter().map(|l| l.as_str()).collect(),
        None => vec![first.layer.as_str()],
    };
    let tags = distinct(layers.into_iter().chain(ids_from(&first.aliases, OWASP_AGENTIC)).map(str::to_owned));
    let aliases = distinct(first.aliases.iter().map(|a| subject.alias_with_source_before(a)));
    json!({
        "id": first.threat,
        "name": pascal_case(&first.threat),
        "shortDescription": { "text": first.threat_name },
        "fullDescription": { "text": description },
        "relationships": taxonomies.relationships(&first.aliases),
        "properties": { "tags": tags, "aliases": aliases },
    })
}

fn result(subject: &Subject, names: &crate::Names, f: &Finding, rules: &[&Finding]) -> Value {
    // Every finding's threat has a rule, so the fallback is never taken.
    let rule_index = rules.iter().position(|r| r.threat == f.threat).unwrap_or_default();
    let level = match f.severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "note",
    };
    let mut result = json!({
        "ruleId": f.threat,
        "ruleIndex": rule_index,
        "level": level,
        "kind": if f.status == FindingStatus::Mitigated { "pass" } else { "fail" },
        "message": { "text": f.explanation },
        "locations": [{
            "physicalLocation": { "artifactLocation": { "uri": artifact_uri(subject.source), "uriBaseId": SOURCE_ROOT } },
            "logicalLocations": f.targets.iter().map(|t| json!({
                "name": names.target(t),
                "fullyQualifiedName": t,
                "kind": "element",
            })).collect::<Vec<_>>(),
        }],
        "partialFingerprints": { "maestroFindingId/v1": f.id },
        "properties": {
            "layer": f.layer.as_str(),
            "stride": format!("{:?}", f.stride),
            "severity": f.severity.as_str(),
            "status": f.status.as_str(),
        },
    });
    if matches!(f.status, FindingStatus::Accepted | FindingStatus::Transferred | FindingStatus::NotApplicable) {
        result["suppressions"] = json!([{
            "kind": "external",
            "status": "accepted",
            "justification": f.justification.clone().unwrap_or_default(),
        }]);
    }
    result
}

/// Where relative artifact URIs start: the checkout the analysis ran in, as code-scanning tools
/// name it.
const SOURCE_ROOT: &str = "%SRCROOT%";

/// The model's location as a SARIF artifact URI: a relative reference, RFC 3986-encoded. A path
/// given relative (as in CI, from the checkout) stays so, with `/` between segments; an absolute
/// one is cut to the file's name, so no directory (and no user name in it) leaves the machine.
pub(crate) fn artifact_uri(source: &str) -> String {
    let path = source.replace('\\', "/");
    let absolute = path.starts_with('/') || path.as_bytes().get(1) == Some(&b':');
    let relative = if absolute { path.rsplit('/').next().unwrap_or_default() } else { path.trim_start_matches("./") };
    let mut uri = String::with_capacity(relative.len());
    for (i, segment) in relative.split('/').filter(|s| !s.is_empty()).enumerate() {
        if i > 0 {
            uri.push('/');
        }
        for byte in segment.bytes() {
            // Unreserved characters stay; everything else (':' too, which would read as a scheme) is escaped.
            if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
                uri.push(byte as char);
            } else {
                uri.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    uri
}

/// The taxonomies of a run: one per source the rules' aliases name, in catalog order, each with
/// the aliases of that source the rules use, in the order they first use them.
struct Taxonomies<'f> {
    sources: Vec<Source>,
    /// `taxa[i]` belongs to `sources[i]`.
    taxa: Vec<Vec<&'f Alias>>,
}

impl<'f> Taxonomies<'f> {
    fn of(subject: &Subject, rules: &[&'f Finding]) -> Self {
        let aliases = || rules.iter().flat_map(|f| &f.aliases);
        let sources = subject.sources_of(aliases());
        let mut taxa: Vec<Vec<&Alias>> = vec![Vec::new(); sources.len()];
        for alias in aliases() {
            if let Some(source) = sources.iter().position(|s| s.id == alias.source)
                && !taxa[source].contains(&alias)
            {
                taxa[source].push(alias);
            }
        }
        Taxonomies { sources, taxa }
    }

    /// Where an alias is: the index of its taxonomy, and of the taxon within it.
    fn position(&self, alias: &Alias) -> Option<(usize, usize)> {
        let source = self.sources.iter().position(|s| s.id == alias.source)?;
        let taxon = self.taxa[source].iter().position(|t| *t == alias)?;
        Some((source, taxon))
    }

    /// A rule's relationships to the taxa of its aliases, each once.
    fn relationships(&self, aliases: &[Alias]) -> Vec<Value> {
        let mut seen: Vec<(usize, usize)> = Vec::new();
        let mut relationships = Vec::new();
        for (source, taxon) in aliases.iter().filter_map(|a| self.position(a)) {
            if seen.contains(&(source, taxon)) {
                continue;
            }
            seen.push((source, taxon));
            relationships.push(json!({
                "target": {
                    "id": self.taxa[source][taxon].id,
                    "index": taxon,
                    "toolComponent": { "name": self.sources[source].short, "index": source },
                },
                "kinds": ["relevant"],
            }));
        }
        relationships
    }

    /// `run.taxonomies`.
    fn components(&self, catalog: &Catalog) -> Vec<Value> {
        self.sources
            .iter()
            .zip(&self.taxa)
            .map(|(source, taxa)| {
                json!({
                    "name": source.short,
                    "fullName": source.name,
                    "isComprehensive": false,
                    "taxa": taxa.iter().map(|alias| taxon(catalog, alias)).collect::<Vec<_>>(),
                })
            })
            .collect()
    }

    /// `tool.driver.supportedTaxonomies`.
    fn component_references(&self) -> Vec<Value> {
        self.sources.iter().enumerate().map(|(index, s)| json!({ "name": s.short, "index": index })).collect()
    }
}

/// A taxon: the alias's id, and the name of the threat it is an alias of when exactly one
/// catalog threat has it (an alias is unique within its source).
fn taxon(catalog: &Catalog, alias: &Alias) -> Value {
    let mut holders = catalog.threats.iter().filter(|t| t.aliases.contains(alias));
    match (holders.next(), holders.next()) {
        (Some(threat), None) => json!({ "id": alias.id, "name": threat.name }),
        _ => json!({ "id": alias.id }),
    }
}

/// The strings in order, each once (SARIF wants tags unique).
fn distinct(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// `tool-misuse` → `ToolMisuse`, the form SARIF suggests for rule names.
fn pascal_case(id: &str) -> String {
    id.split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect::<String>()).unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod uri_tests {
    use super::artifact_uri;

    #[test]
    fn a_relative_path_stays_relative_and_is_percent_encoded() {
        assert_eq!(artifact_uri("models/crew.yaml"), "models/crew.yaml");
        assert_eq!(artifact_uri("./threat models/crew #2.maestro"), "threat%20models/crew%20%232.maestro");
        assert_eq!(artifact_uri("models\\Über?.yaml"), "models/%C3%9Cber%3F.yaml");
        assert_eq!(artifact_uri("a:b.yaml"), "a%3Ab.yaml", "a colon cannot read as a scheme");
    }

    #[test]
    fn an_absolute_path_keeps_only_the_file_name() {
        assert_eq!(artifact_uri("/home/alice/models/crew.yaml"), "crew.yaml");
        assert_eq!(artifact_uri("C:\\Users\\alice\\crew.maestro"), "crew.maestro");
    }
}

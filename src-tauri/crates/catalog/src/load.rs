//! Turning catalog files into a [`Catalog`]: parse each file, merge them keeping each entry's
//! file, check everything, then drop the file names.

use crate::files::{CatalogFile, RuleEntry, ThreatEntry};
use crate::types::{Catalog, Kind, Layer, LayerRule, Mitigation, Property, Rule, Source, Threat};
use crate::validate;
use thiserror::Error;

/// What is wrong with a catalog, naming the file and, where it can, the entry and field.
#[derive(Clone, Debug, Error, PartialEq)]
pub enum CatalogError {
    #[error("{file}: {message}")]
    Syntax { file: String, message: String },
    #[error("{file}: entry '{entry}', field '{field}': {message}")]
    Invalid { file: String, entry: String, field: String, message: String },
    #[error("{path}: {message}")]
    Io { path: String, message: String },
}

impl CatalogError {
    pub(crate) fn invalid(file: &str, entry: &str, field: &str, message: impl Into<String>) -> Self {
        CatalogError::Invalid {
            file: file.to_owned(),
            entry: entry.to_owned(),
            field: field.to_owned(),
            message: message.into(),
        }
    }
}

/// An entry with the file it came from.
pub(crate) type Located<T> = (String, T);

/// Every entry of every file, each with its file name.
#[derive(Default)]
pub(crate) struct Parts {
    pub sources: Vec<Located<Source>>,
    pub layers: Vec<Located<Layer>>,
    pub properties: Vec<Located<Property>>,
    pub kinds: Vec<Located<Kind>>,
    pub threats: Vec<Located<Threat>>,
    pub mitigations: Vec<Located<Mitigation>>,
    pub rules: Vec<Located<Rule>>,
    pub layer_rules: Vec<Located<LayerRule>>,
}

/// Which tables a file may hold.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    BuiltIn,
    /// User files may add sources, threats, mitigations and rules, but not change the model's
    /// vocabulary (layers, properties, kinds), which files saved by others depend on.
    User,
}

pub(crate) fn parse_file(file: &str, text: &str) -> Result<CatalogFile, CatalogError> {
    toml::from_str(text).map_err(|e| CatalogError::Syntax { file: file.to_owned(), message: e.to_string() })
}

impl Parts {
    pub fn add_file(&mut self, file: &str, text: &str, origin: Origin) -> Result<(), CatalogError> {
        if origin == Origin::User {
            refuse_vocabulary(file, text)?;
        }
        let parsed = parse_file(file, text)?;
        self.sources.extend(located(file, parsed.source));
        self.layers.extend(located(file, parsed.layer));
        self.properties.extend(located(file, parsed.property));
        self.kinds.extend(located(file, parsed.kind));
        self.layer_rules.extend(located(file, parsed.layer_rule));
        for mut entry in parsed.threat {
            for rule in std::mem::take(&mut entry.rule) {
                if rule.threat.as_ref().is_some_and(|t| *t != entry.id) {
                    return Err(CatalogError::invalid(
                        file,
                        &rule.id,
                        "threat",
                        "a rule inside a threat belongs to that threat",
                    ));
                }
                let threat = entry.id.clone();
                self.rules.push((file.to_owned(), rule_from(rule, threat)));
            }
            self.threats.push((file.to_owned(), threat_from(entry)));
        }
        for rule in parsed.rule {
            let Some(threat) = rule.threat.clone() else {
                return Err(CatalogError::invalid(file, &rule.id, "threat", "say which threat this rule is for"));
            };
            self.rules.push((file.to_owned(), rule_from(rule, threat)));
        }
        for m in parsed.mitigation {
            self.mitigations.push((
                file.to_owned(),
                Mitigation {
                    id: m.id,
                    name: m.name,
                    description: m.description,
                    layer: m.layer,
                    effect: m.effect,
                    acts_on: m.acts_on,
                    in_place_when: m.in_place_when,
                    addresses: Vec::new(),
                },
            ));
        }
        Ok(())
    }

    /// Checks everything and builds the catalog.
    pub fn finish(mut self) -> Result<Catalog, CatalogError> {
        validate::check(&self)?;
        for (_, mitigation) in &mut self.mitigations {
            mitigation.addresses = self
                .threats
                .iter()
                .filter(|(_, t)| t.mitigations.contains(&mitigation.id))
                .map(|(_, t)| t.id.clone())
                .collect();
        }
        Ok(Catalog {
            sources: strip(self.sources),
            layers: strip(self.layers),
            properties: strip(self.properties),
            kinds: strip(self.kinds),
            threats: strip(self.threats),
            mitigations: strip(self.mitigations),
            rules: strip(self.rules),
            layer_rules: strip(self.layer_rules),
        })
    }
}

fn rule_from(entry: RuleEntry, threat: String) -> Rule {
    Rule {
        id: entry.id,
        threat,
        applies_to: entry.applies_to,
        kinds: entry.kinds,
        when: entry.when,
        analysis: entry.analysis,
        from: entry.from,
        to: entry.to,
        because: entry.because,
    }
}

fn threat_from(entry: ThreatEntry) -> Threat {
    Threat {
        id: entry.id,
        name: entry.name,
        description: entry.description,
        layers: entry.layers,
        stride: entry.stride,
        targets: entry.targets,
        likelihood: entry.likelihood,
        impact: entry.impact,
        aliases: entry.aliases,
        owasp_agentic: entry.owasp_agentic,
        owasp_llm: entry.owasp_llm,
        atlas: entry.atlas,
        mitigations: entry.mitigations,
        related: entry.related,
        effects: entry.effects,
        covers: entry.covers,
        supersedes: entry.supersedes,
    }
}

/// User files may not define layers, properties or kinds: files saved by others rely on them.
fn refuse_vocabulary(file: &str, text: &str) -> Result<(), CatalogError> {
    let table: toml::Table =
        toml::from_str(text).map_err(|e| CatalogError::Syntax { file: file.to_owned(), message: e.to_string() })?;
    match ["layer", "property", "kind", "layer_rule"].into_iter().find(|key| table.contains_key(*key)) {
        Some(key) => Err(CatalogError::Syntax {
            file: file.to_owned(),
            message: format!(
                "a user catalog cannot define [[{key}]] entries; it can add sources, threats, mitigations and rules"
            ),
        }),
        None => Ok(()),
    }
}

fn located<T>(file: &str, items: Vec<T>) -> Vec<Located<T>> {
    items.into_iter().map(|item| (file.to_owned(), item)).collect()
}

fn strip<T>(entries: Vec<Located<T>>) -> Vec<T> {
    entries.into_iter().map(|(_, item)| item).collect()
}

/// Loads a catalog from built-in files and user files, in order.
pub(crate) fn load(builtin: &[(&str, &str)], user: &[(String, String)]) -> Result<Catalog, CatalogError> {
    let mut parts = Parts::default();
    for (file, text) in builtin {
        parts.add_file(file, text, Origin::BuiltIn)?;
    }
    for (file, text) in user {
        parts.add_file(file, text, Origin::User)?;
    }
    parts.finish()
}

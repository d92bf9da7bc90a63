//! The shape of a catalog file. Every file has the same schema, and any table may be absent, so
//! the built-in catalog can be split as is convenient and a user file can add a single rule.

use crate::condition::Condition;
use crate::types::{
    ActsOn, Alias, Effect, GraphAnalysis, Impact, Kind, Layer, LayerId, LayerRule, Likelihood, Property, RuleTarget,
    Source, Stride,
};
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CatalogFile {
    #[serde(default)]
    pub source: Vec<Source>,
    #[serde(default)]
    pub layer: Vec<Layer>,
    #[serde(default)]
    pub property: Vec<Property>,
    #[serde(default)]
    pub kind: Vec<Kind>,
    #[serde(default)]
    pub threat: Vec<ThreatEntry>,
    #[serde(default)]
    pub mitigation: Vec<MitigationEntry>,
    #[serde(default)]
    pub rule: Vec<RuleEntry>,
    #[serde(default)]
    pub layer_rule: Vec<LayerRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ThreatEntry {
    pub id: String,
    pub name: String,
    pub description: String,
    pub layers: Vec<LayerId>,
    pub stride: Vec<Stride>,
    pub targets: Vec<String>,
    pub likelihood: Likelihood,
    pub impact: Impact,
    #[serde(default)]
    pub aliases: Vec<Alias>,
    #[serde(default)]
    pub owasp_agentic: Vec<String>,
    #[serde(default)]
    pub owasp_llm: Vec<String>,
    #[serde(default)]
    pub atlas: Vec<String>,
    #[serde(default)]
    pub mitigations: Vec<String>,
    #[serde(default)]
    pub related: Vec<String>,
    #[serde(default)]
    pub effects: std::collections::BTreeMap<String, Effect>,
    #[serde(default)]
    pub covers: Vec<String>,
    #[serde(default)]
    pub supersedes: Vec<String>,
    /// Rules written inside the threat; their threat is this one.
    #[serde(default)]
    pub rule: Vec<RuleEntry>,
}

/// A rule, at the top level (naming its `threat`) or inside a threat (where `threat` is implied).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RuleEntry {
    pub id: String,
    pub threat: Option<String>,
    pub analysis: Option<GraphAnalysis>,
    pub from: Option<Condition>,
    pub to: Option<Condition>,
    pub applies_to: RuleTarget,
    #[serde(default)]
    pub kinds: Vec<String>,
    pub when: Option<Condition>,
    pub because: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MitigationEntry {
    pub id: String,
    pub name: String,
    pub description: String,
    pub layer: LayerId,
    pub effect: Effect,
    #[serde(default)]
    pub acts_on: ActsOn,
    pub in_place_when: Option<Condition>,
}

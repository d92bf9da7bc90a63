//! The catalog as the analysis and the UI see it, after loading and checking.

use crate::condition::Condition;
use maestro_model::PropertyValue;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::BTreeMap;

/// A MAESTRO layer id: `L1` … `L7`, or `cross-layer`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Type)]
#[serde(transparent)]
pub struct LayerId(pub String);

impl LayerId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A publication that threat ids come from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub name: String,
    /// How an alias's source is shown beside its id, e.g. "ASI T&M v1.1".
    pub short: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct Layer {
    pub id: LayerId,
    pub name: String,
    pub focus: String,
    /// What typically lives in this layer.
    #[serde(default)]
    pub contains: Vec<String>,
    /// What a facilitator asks the room at this layer.
    #[serde(default)]
    pub key_questions: Vec<String>,
    #[serde(default)]
    pub primary_threats: Vec<String>,
    /// The vertical band that spans the other layers (L6).
    #[serde(default)]
    pub band: bool,
    /// The entry for threats between layers rather than in one.
    #[serde(default)]
    pub cross_layer: bool,
    /// The colour the canvas and exported diagrams give the layer, as `#rrggbb`.
    #[serde(default)]
    pub colour: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "kebab-case")]
pub enum PropertyTarget {
    Element,
    Flow,
    Boundary,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "kebab-case")]
pub enum PropertyType {
    Bool,
    Enum,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct Property {
    pub id: String,
    pub label: String,
    pub applies_to: Vec<PropertyTarget>,
    #[serde(rename = "type")]
    pub value_type: PropertyType,
    /// The allowed values of an enum property, in order.
    #[serde(default)]
    pub values: Vec<String>,
    pub default: PropertyValue,
    pub help: String,
}

impl Property {
    /// Whether `value` is allowed for this property.
    pub fn accepts(&self, value: &PropertyValue) -> bool {
        match (self.value_type, value) {
            (PropertyType::Bool, PropertyValue::Bool(_)) => true,
            (PropertyType::Enum, PropertyValue::Text(text)) => self.values.iter().any(|v| v == text),
            _ => false,
        }
    }
}

/// How STRIDE treats an element: which of the six categories can apply to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "kebab-case")]
pub enum StrideClass {
    ExternalEntity,
    Process,
    DataStore,
}

/// What part an element of a kind plays in the graph analyses. The analyses read these, never
/// kind ids, so a catalog with other kinds is analysed the same way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "kebab-case")]
pub enum KindTrait {
    /// Plans and acts with a model: it can be steered by what it reads, and it delegates.
    Agent,
    /// Run by someone else, outside the system: what reaches it has left the system.
    Outside,
    /// What it produces may have been written by an attacker.
    UntrustedSource,
    /// A person.
    Person,
    /// Keeps data that is read back later.
    Store,
    /// Agents read it back into their context (memory, retrieval indexes, shared stores).
    ContextStore,
    /// Holds instructions that agents load (system prompts, templates).
    Instructions,
    /// Acts on the world on an agent's behalf (tools, MCP servers, interpreters).
    Actor,
    /// A model that agents think with.
    Model,
    /// Trains or fine-tunes models.
    TrainsModels,
    /// Holds model weights and versions.
    ModelArtifacts,
    /// Records, watches or reviews what others do.
    Observer,
    /// A security control that governs what it is connected to.
    Control,
    /// Holds keys, tokens and passwords.
    Secrets,
    /// Deployment infrastructure that others run on or talk through.
    Infrastructure,
    /// Hands out code, models or agent listings that others install or load: what it supplies
    /// is a supply-chain question, not content read into an agent's context.
    Distributes,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct Kind {
    pub id: String,
    pub label: String,
    /// How the kind is drawn: SVG path data in a 24×24 box, stroked. Kinds without one are drawn
    /// with a neutral placeholder.
    #[serde(default)]
    pub icon: Option<String>,
    pub description: String,
    pub stride_class: StrideClass,
    /// What part its elements play in the graph analyses.
    #[serde(default)]
    pub traits: Vec<KindTrait>,
    /// A data store that holds logs, for which Repudiation also applies.
    #[serde(default)]
    pub holds_logs: bool,
    pub default_layer: LayerId,
    /// Why an element of this kind sits in its default layer, in words shown to the user.
    pub layer_reason: String,
    /// The properties that apply to this kind.
    pub properties: Vec<String>,
    /// Defaults that differ from the properties' own.
    #[serde(default)]
    pub defaults: BTreeMap<String, PropertyValue>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Type)]
pub enum Stride {
    S,
    T,
    R,
    I,
    D,
    E,
}

impl Stride {
    pub const ALL: [Stride; 6] = [Stride::S, Stride::T, Stride::R, Stride::I, Stride::D, Stride::E];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Type)]
#[serde(rename_all = "lowercase")]
pub enum Likelihood {
    Low,
    Medium,
    High,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Type)]
#[serde(rename_all = "lowercase")]
pub enum Impact {
    Low,
    Medium,
    High,
    Critical,
}

/// Another publication's id for a threat.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct Alias {
    pub source: String,
    pub id: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct Threat {
    pub id: String,
    pub name: String,
    pub description: String,
    pub layers: Vec<LayerId>,
    pub stride: Vec<Stride>,
    /// Element kinds it targets, and `flow` when it targets flows.
    pub targets: Vec<String>,
    pub likelihood: Likelihood,
    pub impact: Impact,
    pub aliases: Vec<Alias>,
    /// OWASP Top 10 for Agentic Applications 2026 (ASI01–ASI10).
    pub owasp_agentic: Vec<String>,
    /// OWASP Top 10 for LLM Applications 2025 (LLM01–LLM10).
    pub owasp_llm: Vec<String>,
    /// MITRE ATLAS technique ids.
    pub atlas: Vec<String>,
    pub mitigations: Vec<String>,
    /// Threats this one combines or builds on.
    pub related: Vec<String>,
    /// What a mitigation does to this threat where it differs from the mitigation's own effect
    /// (signed logs prevent repudiation, while they only detect tool misuse).
    pub effects: BTreeMap<String, Effect>,
    /// Threats whose findings on the same element this one's finding already says: they are
    /// folded into it rather than reported again (a chain ending in a misused tool covers the
    /// tool's misuse).
    pub covers: Vec<String>,
    /// Threats this one names more specifically on its own subject: their findings on the element
    /// this one's finding is about are folded into it (a compromised security agent is a
    /// manipulated agent whose job is security), but not on other elements along its path.
    pub supersedes: Vec<String>,
}

impl Threat {
    /// What `mitigation` does to this threat.
    pub fn effect_of(&self, mitigation: &Mitigation) -> Effect {
        self.effects.get(&mitigation.id).copied().unwrap_or(mitigation.effect)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "lowercase")]
pub enum RuleTarget {
    Element,
    Flow,
    /// A path through the graph, found by one of the built-in [`GraphAnalysis`]es.
    Path,
}

/// The graph analyses a `path` rule can name. Each looks at how elements are connected, not at
/// one element, and reports the path it found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "kebab-case")]
pub enum GraphAnalysis {
    /// For every entry (`from`) and impact point (`to`), the shortest chain between them over
    /// channels without validation.
    AttackChain,
    /// Cycles of delegation among agents.
    DelegationLoop,
    /// A store written by one party and read by a different agent.
    SharedMemory,
    /// Runtime data that reaches a training pipeline whose model serves agents.
    TrainingLoop,
    /// A less privileged party driving a more privileged agent or tool into an action on a
    /// resource the first cannot reach itself.
    ConfusedDeputy,
    /// Chains of agent-to-agent messages that are neither signed nor validated, and fan-out from
    /// one agent to many.
    TrustCascade,
    /// Sensitive data flowing to something less trusted or out of the system.
    ClassificationCrossing,
    /// Consequential actions nobody can see or stop.
    OversightGap,
    /// One element whose compromise reaches many agents.
    SinglePointOfCompromise,
    /// An agent that holds private data, reads untrusted content and can send data out.
    LethalTrifecta,
    /// An agent that can rewrite the instructions it loads.
    SelfModification,
    /// An agent of the system's own that untrusted content can turn, and that other agents
    /// act on unchecked.
    RogueInsider,
}

/// When a threat applies to an element or a flow, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct Rule {
    pub id: String,
    pub threat: String,
    pub applies_to: RuleTarget,
    /// For element rules: the kinds it looks at (all the threat's target kinds when empty).
    pub kinds: Vec<String>,
    /// Further conditions; none means the kind alone is enough.
    pub when: Option<Condition>,
    /// For path rules: the graph analysis that finds the paths.
    pub analysis: Option<GraphAnalysis>,
    /// For attack chains: which elements paths start from, and which they end at.
    pub from: Option<Condition>,
    pub to: Option<Condition>,
    /// Why the threat applies, in words for the user.
    pub because: String,
}

/// What a control does to a threat.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Type)]
#[serde(rename_all = "kebab-case")]
pub enum Effect {
    /// Stops the attack: in place, it makes a finding mitigated.
    Prevents,
    /// Notices the attack after the fact: noted, never mitigating.
    Detects,
    /// Bounds the damage: lowers the impact, never mitigating.
    Limits,
}

/// Where on a path finding a control is looked for. On a finding about one element or flow it is
/// always looked for on that target.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "kebab-case")]
pub enum ActsOn {
    /// The finding's target (for a path, its point of impact).
    #[default]
    Target,
    /// Every flow of the finding's path.
    EveryHop,
    /// Some flow of the finding's path (one control on the way stops it).
    AnyHop,
    /// Some element of the finding's path.
    AnyElement,
    /// The element a path passes its request through (a confused deputy's deputy).
    Deputy,
    /// The first element of the path (where the attacker is).
    Entry,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct Mitigation {
    pub id: String,
    pub name: String,
    pub description: String,
    pub layer: LayerId,
    pub effect: Effect,
    /// Where the evidence is looked for.
    pub acts_on: ActsOn,
    /// What the model must state to show the control in place; `None` when only a person can tell.
    pub in_place_when: Option<Condition>,
    /// The threats that list this mitigation.
    pub addresses: Vec<String>,
}

/// Where a secondary layer's reason comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "lowercase")]
pub enum LayerRuleSource {
    /// A property of the element.
    Property,
    /// How the element is connected.
    Graph,
    /// A security control that governs the element.
    Governance,
}

/// When an element also touches a layer besides its kind's, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct LayerRule {
    pub id: String,
    pub layer: LayerId,
    pub source: LayerRuleSource,
    /// The kinds it looks at; every kind when empty.
    #[serde(default)]
    pub kinds: Vec<String>,
    pub when: Condition,
    /// Shown to the user; `{neighbour}` names the first neighbour a `feeds`/`fed_by` form matched.
    pub reason: String,
}

/// The whole catalog, in file order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct Catalog {
    pub sources: Vec<Source>,
    pub layers: Vec<Layer>,
    pub properties: Vec<Property>,
    pub kinds: Vec<Kind>,
    pub threats: Vec<Threat>,
    pub mitigations: Vec<Mitigation>,
    pub rules: Vec<Rule>,
    pub layer_rules: Vec<LayerRule>,
}

impl Catalog {
    pub fn layer(&self, id: &LayerId) -> Option<&Layer> {
        self.layers.iter().find(|l| &l.id == id)
    }

    /// The entry for threats between layers, if the catalog has one.
    pub fn cross_layer(&self) -> Option<&Layer> {
        self.layers.iter().find(|l| l.cross_layer)
    }

    pub fn kind(&self, id: &str) -> Option<&Kind> {
        self.kinds.iter().find(|k| k.id == id)
    }

    /// Whether elements of `kind` have `trait_`.
    pub fn kind_has(&self, kind: &str, trait_: KindTrait) -> bool {
        self.kind(kind).is_some_and(|k| k.traits.contains(&trait_))
    }

    pub fn property(&self, id: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.id == id)
    }

    pub fn threat(&self, id: &str) -> Option<&Threat> {
        self.threats.iter().find(|t| t.id == id)
    }

    pub fn mitigation(&self, id: &str) -> Option<&Mitigation> {
        self.mitigations.iter().find(|m| m.id == id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The value an element of `kind` has for `property` when the model does not set it.
    pub fn default_value(&self, kind: &str, property: &str) -> Option<&PropertyValue> {
        self.kind(kind).and_then(|k| k.defaults.get(property)).or_else(|| self.property(property).map(|p| &p.default))
    }
}

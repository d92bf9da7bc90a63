//! Layer assignment: every element's primary MAESTRO layer and any secondary layers, each with the
//! reason it applies.
//!
//! The primary layer is the kind's default, unless the user chose another with a justification.
//! Secondary layers come from properties and from the graph:
//!
//! | derivation | layer | why |
//! | --- | --- | --- |
//! | `side_effect = execute` | L4 | code it runs lands on infrastructure, whose isolation then matters |
//! | `internet_exposed = true` | L4 | network exposure is a deployment concern |
//! | a store that feeds a training pipeline | L1 | its data shapes a model |
//! | a flow to or from an outside party (peer agent, external API, registry, person, untrusted content) | L7 | it takes part in the ecosystem |
//! | a flow into logging, monitoring or a review console | L5 | its activity is observed there |
//! | a flow to or from a secrets manager, identity provider or policy engine | L6 | security controls govern it |

use crate::context::{Context, Target};
use maestro_catalog::LayerId;
use maestro_model::{ElementId, PropertyValue};
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "lowercase")]
pub enum ReasonSource {
    /// The kind's default layer.
    Kind,
    /// The user's choice.
    Override,
    /// A property of the element.
    Property,
    /// How the element is connected.
    Graph,
    /// A security control (L6) that governs the element.
    Governance,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct LayerReason {
    pub layer: LayerId,
    pub source: ReasonSource,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct LayerAssignment {
    pub element: ElementId,
    /// `None` when the element's kind is not in the catalog.
    pub primary: Option<LayerId>,
    /// Further layers the element touches, in layer order.
    pub secondary: Vec<LayerId>,
    /// Why: the primary layer's reason first, then one per secondary layer.
    pub reasons: Vec<LayerReason>,
}

impl LayerAssignment {
    /// Whether the element sits in `layer`, as primary or secondary.
    pub fn touches(&self, layer: &LayerId) -> bool {
        self.primary.as_ref() == Some(layer) || self.secondary.contains(layer)
    }
}

const OUTSIDE_PARTIES: &[&str] = &["peer-agent", "external-api", "agent-registry", "human", "web-content"];
const OBSERVERS: &[&str] = &["logging", "monitoring", "hitl-console"];
const CONTROLS: &[&str] = &["secrets-manager", "identity-provider", "policy-engine"];
const STORES: &[&str] = &["vector-store", "memory", "document-store", "database", "logging", "prompt-store"];

pub(crate) fn assign(cx: &Context) -> Vec<LayerAssignment> {
    (0..cx.model.elements.len()).map(|i| assign_one(cx, i)).collect()
}

fn assign_one(cx: &Context, i: usize) -> LayerAssignment {
    let element = cx.element(i);
    let layer = |id: &str| LayerId(id.to_owned());
    let Some(kind) = cx.kind(element.kind.as_str()) else {
        return LayerAssignment { element: element.id.clone(), primary: None, secondary: Vec::new(), reasons: vec![] };
    };

    let mut reasons = Vec::new();
    let kind_reason = LayerReason {
        layer: kind.default_layer.clone(),
        source: ReasonSource::Kind,
        reason: format!("{} (default for a {})", kind.layer_reason, kind.label.to_lowercase()),
    };
    match &element.layer_override {
        Some(chosen) => {
            reasons.push(LayerReason {
                layer: layer(&chosen.layer),
                source: ReasonSource::Override,
                reason: format!("Chosen by hand: {}", chosen.justification),
            });
            reasons.push(kind_reason);
        }
        None => reasons.push(kind_reason),
    }

    let value = |property: &str| cx.value(Target::Element(i), property);
    if value("side_effect") == Some(&PropertyValue::Text("execute".into())) {
        reasons.push(LayerReason {
            layer: layer("L4"),
            source: ReasonSource::Property,
            reason: "It executes code, so where that code runs and how it is isolated matter (side_effect = execute)."
                .into(),
        });
    }
    if kind.default_layer.as_str() != "L7" && value("internet_exposed") == Some(&PropertyValue::Bool(true)) {
        reasons.push(LayerReason {
            layer: layer("L4"),
            source: ReasonSource::Property,
            reason: "It is reachable from the internet, which makes its network exposure a deployment concern \
                     (internet_exposed = true)."
                .into(),
        });
    }
    let out: Vec<usize> = cx.outgoing[i].iter().map(|&f| cx.ends[f].1).collect();
    let inc: Vec<usize> = cx.incoming[i].iter().map(|&f| cx.ends[f].0).collect();
    let first_of =
        |neighbours: &[usize], kinds: &[&str]| neighbours.iter().copied().find(|&n| kinds.contains(&cx.kind_of(n)));

    if STORES.contains(&kind.id.as_str())
        && let Some(pipeline) = first_of(&out, &["training-pipeline"])
    {
        reasons.push(LayerReason {
            layer: layer("L1"),
            source: ReasonSource::Graph,
            reason: format!("It feeds {}, so its data shapes a model.", cx.describe(Target::Element(pipeline))),
        });
    }
    if kind.default_layer.as_str() != "L7"
        && let Some(party) = first_of(&out, OUTSIDE_PARTIES).or_else(|| first_of(&inc, OUTSIDE_PARTIES))
    {
        reasons.push(LayerReason {
            layer: layer("L7"),
            source: ReasonSource::Graph,
            reason: format!("It exchanges data with {}, outside the system.", cx.describe(Target::Element(party))),
        });
    }
    if kind.default_layer.as_str() != "L5"
        && let Some(observer) = first_of(&out, OBSERVERS)
    {
        reasons.push(LayerReason {
            layer: layer("L5"),
            source: ReasonSource::Graph,
            reason: format!("Its activity is observed in {}.", cx.describe(Target::Element(observer))),
        });
    }
    if kind.default_layer.as_str() != "L6"
        && let Some(control) = first_of(&out, CONTROLS).or_else(|| first_of(&inc, CONTROLS))
    {
        reasons.push(LayerReason {
            layer: layer("L6"),
            source: ReasonSource::Governance,
            reason: format!("{} governs it.", cx.describe(Target::Element(control))),
        });
    }

    // One reason per layer: the first found. The primary stays first; the rest go in layer order.
    let primary = reasons[0].layer.clone();
    let mut rest: Vec<LayerReason> = Vec::new();
    for reason in reasons.drain(1..) {
        if reason.layer != primary && !rest.iter().any(|r| r.layer == reason.layer) {
            rest.push(reason);
        }
    }
    rest.sort_by(|a, b| a.layer.cmp(&b.layer));
    reasons.extend(rest);
    LayerAssignment {
        element: element.id.clone(),
        primary: Some(primary),
        secondary: reasons[1..].iter().map(|r| r.layer.clone()).collect(),
        reasons,
    }
}

//! Layer assignment: every element's primary MAESTRO layer and any secondary layers, each with the
//! reason it applies.
//!
//! The primary layer is the kind's default, unless the user chose another with a justification.
//! Secondary layers come from the catalog's layer rules (`catalog/layer-rules.toml`): each rule
//! that holds for the element adds its layer with its reason. Nothing here names a layer, so a
//! framework with other layers is a catalog change.

use crate::condition::{first_neighbour, holds};
use crate::context::{Context, Target};
use maestro_catalog::{LayerId, LayerRuleSource};
use maestro_model::ElementId;
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

pub(crate) fn assign(cx: &Context) -> Vec<LayerAssignment> {
    (0..cx.model.elements.len()).map(|i| assign_one(cx, i)).collect()
}

fn assign_one(cx: &Context, i: usize) -> LayerAssignment {
    let element = cx.element(i);
    let Some(kind) = cx.kind(element.kind.as_str()) else {
        return LayerAssignment { element: element.id.clone(), primary: None, secondary: Vec::new(), reasons: vec![] };
    };

    let mut reasons = Vec::new();
    let kind_reason = LayerReason {
        layer: kind.default_layer.clone(),
        source: ReasonSource::Kind,
        reason: format!("{} (default for a {})", kind.layer_reason, kind.label.to_lowercase()),
    };
    if let Some(chosen) = &element.layer_override {
        reasons.push(LayerReason {
            layer: LayerId(chosen.layer.clone()),
            source: ReasonSource::Override,
            reason: format!("Chosen by hand: {}", chosen.justification),
        });
    }
    reasons.push(kind_reason);

    for rule in &cx.catalog.layer_rules {
        if !rule.kinds.is_empty() && !rule.kinds.iter().any(|k| k == &kind.id) {
            continue;
        }
        if !holds(cx, &rule.when, Target::Element(i)) {
            continue;
        }
        let neighbour = first_neighbour(cx, &rule.when, i).map(|n| cx.describe(Target::Element(n)));
        let reason = match &neighbour {
            Some(name) => rule.reason.replace("{neighbour}", name),
            None => rule.reason.replace("{neighbour}", "a neighbour"),
        };
        let source = match rule.source {
            LayerRuleSource::Property => ReasonSource::Property,
            LayerRuleSource::Graph => ReasonSource::Graph,
            LayerRuleSource::Governance => ReasonSource::Governance,
        };
        reasons.push(LayerReason { layer: rule.layer.clone(), source, reason: capitalise_first(&reason) });
    }

    // One reason per layer: the first found. The primary stays first; the rest go in catalog
    // layer order.
    let primary = reasons[0].layer.clone();
    let mut rest: Vec<LayerReason> = Vec::new();
    for reason in reasons.drain(1..) {
        if reason.layer != primary && !rest.iter().any(|r| r.layer == reason.layer) {
            rest.push(reason);
        }
    }
    let order = |layer: &LayerId| cx.catalog.layers.iter().position(|l| &l.id == layer).unwrap_or(usize::MAX);
    rest.sort_by_key(|r| order(&r.layer));
    reasons.extend(rest);
    LayerAssignment {
        element: element.id.clone(),
        primary: Some(primary),
        secondary: reasons[1..].iter().map(|r| r.layer.clone()).collect(),
        reasons,
    }
}

fn capitalise_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

//! Findings: the catalog's rules applied to the model.
//!
//! Every rule is tried on the elements of its kinds (or on every flow), and every rule that fires
//! adds its reason to the finding for its threat and that target: one finding per threat and
//! target, however many rules agree. A finding is kept only under a STRIDE category that the
//! target's element class admits (Microsoft's STRIDE per element: external entities S and R;
//! processes all six; data stores T, I, D, and R when they hold logs; flows T, I, D). Its status
//! is the user's decision if there is one, else `mitigated` when the model shows one of the
//! threat's mitigations in place on the target, else `open`.

use crate::condition::{explain, holds};
use crate::context::{Context, Target};
use crate::graph::{self, PathHit};
use crate::layers::LayerAssignment;
use crate::severity::Severity;
use maestro_catalog::{Impact, LayerId, Likelihood, RuleTarget, Stride, StrideClass, Threat};
use maestro_model::DecisionStatus;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "kebab-case")]
pub enum FindingStatus {
    Open,
    Mitigated,
    Accepted,
    Transferred,
    NotApplicable,
}

impl FindingStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            FindingStatus::Open => "open",
            FindingStatus::Mitigated => "mitigated",
            FindingStatus::Accepted => "accepted",
            FindingStatus::Transferred => "transferred",
            FindingStatus::NotApplicable => "not-applicable",
        }
    }
}

/// One of a finding's recommended mitigations, and whether the model shows it in place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct MitigationCheck {
    pub id: String,
    pub name: String,
    pub in_place: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct Finding {
    /// `threat:target`, the same on every run for the same model.
    pub id: String,
    pub threat: String,
    pub threat_name: String,
    /// Other publications' ids for the threat, e.g. "T1", "ASI06".
    pub aliases: Vec<String>,
    /// `L1`…`L7` or `cross-layer`.
    pub layer: LayerId,
    pub stride: Stride,
    /// Element or flow ids.
    pub targets: Vec<String>,
    /// Element and flow ids in order, for findings about a path; empty otherwise.
    pub path: Vec<String>,
    /// For path findings, the layers the path passes through, in order; otherwise the finding's layer.
    pub layers_involved: Vec<LayerId>,
    pub likelihood: Likelihood,
    pub impact: Impact,
    pub severity: Severity,
    /// Why it applies: which rules fired, on which properties and neighbours.
    pub explanation: String,
    /// The ids of the rules that fired.
    pub rules: Vec<String>,
    pub mitigations: Vec<MitigationCheck>,
    pub status: FindingStatus,
    /// The user's reason, when the status is their decision.
    pub justification: Option<String>,
}

/// Where a hit is, for ordering: elements, then flows, then paths (by their ends), each in
/// model order.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum TargetKey {
    Element(usize),
    Flow(usize),
    Path(usize, usize),
}

pub(crate) fn find(cx: &Context, layers: &[LayerAssignment]) -> Vec<Finding> {
    // (threat index, target) → indices of the rules that fired, in catalog order.
    let mut hits: BTreeMap<(usize, TargetKey), Vec<usize>> = BTreeMap::new();
    // (threat index, path ends) → the rules that found a path between those ends, with the path.
    let mut paths: BTreeMap<(usize, TargetKey), Vec<(usize, PathHit)>> = BTreeMap::new();
    for (rule_index, rule) in cx.catalog.rules.iter().enumerate() {
        let Some((threat_index, threat)) = cx.threat(&rule.threat) else { continue };
        let fires = |target: Target| rule.when.as_ref().is_none_or(|c| holds(cx, c, target));
        match rule.applies_to {
            RuleTarget::Element => {
                let kinds: Vec<&str> = if rule.kinds.is_empty() {
                    threat.targets.iter().map(String::as_str).collect()
                } else {
                    rule.kinds.iter().map(String::as_str).collect()
                };
                for kind in kinds {
                    for &e in cx.elements_of_kind(kind) {
                        if fires(Target::Element(e)) {
                            hits.entry((threat_index, TargetKey::Element(e))).or_default().push(rule_index);
                        }
                    }
                }
            }
            RuleTarget::Flow => {
                for f in 0..cx.model.flows.len() {
                    if fires(Target::Flow(f)) {
                        hits.entry((threat_index, TargetKey::Flow(f))).or_default().push(rule_index);
                    }
                }
            }
            RuleTarget::Path => {
                for hit in graph::run(cx, rule) {
                    let (Some(&first), Some(&last)) = (hit.elements.first(), hit.elements.last()) else { continue };
                    paths.entry((threat_index, TargetKey::Path(first, last))).or_default().push((rule_index, hit));
                }
            }
        }
    }

    let element_and_flow = hits.into_iter().filter_map(|((threat_index, key), rules)| {
        let threat = &cx.catalog.threats[threat_index];
        let target = match key {
            TargetKey::Element(i) => Target::Element(i),
            TargetKey::Flow(i) => Target::Flow(i),
            TargetKey::Path(..) => unreachable!("paths are kept apart"),
        };
        Some((threat_index, key, build(cx, layers, threat, target, &rules)?))
    });
    let path_findings = paths.into_iter().map(|((threat_index, key), found)| {
        (threat_index, key, build_path(cx, layers, &cx.catalog.threats[threat_index], &found))
    });
    let mut findings: Vec<(usize, usize, TargetKey, Finding)> = element_and_flow
        .chain(path_findings)
        .map(|(threat_index, key, finding)| {
            let layer_order = cx.catalog.layers.iter().position(|l| l.id == finding.layer).unwrap_or(usize::MAX);
            (layer_order, threat_index, key, finding)
        })
        .collect();
    findings.sort_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)));
    findings.into_iter().map(|(_, _, _, f)| f).collect()
}

fn build(
    cx: &Context,
    layers: &[LayerAssignment],
    threat: &Threat,
    target: Target,
    rules: &[usize],
) -> Option<Finding> {
    let stride = stride_for(cx, threat, target)?;
    let layer = layer_for(cx, layers, threat, target);
    let id = format!("{}:{}", threat.id, cx.target_id(target));

    let reasons: Vec<String> = rules
        .iter()
        .map(|&r| {
            let rule = &cx.catalog.rules[r];
            let mut facts = Vec::new();
            if let Some(condition) = &rule.when {
                explain(cx, condition, target, &mut facts);
            }
            let facts = if facts.is_empty() { String::new() } else { format!(" ({})", facts.join("; ")) };
            format!("{}{facts} [rule {}]", rule.because, rule.id)
        })
        .collect();
    let explanation = format!("{}: {}.", capitalise(&cx.describe(target)), reasons.join("; also, "));
    let rule_ids = rules.iter().map(|&r| cx.catalog.rules[r].id.clone()).collect();
    let targets = vec![cx.target_id(target).to_owned()];
    Some(assemble(cx, threat, id, layer, stride, targets, Vec::new(), explanation, rule_ids, target))
}

/// A finding about a path: its ends are the targets, every element and flow on it the path.
fn build_path(cx: &Context, layers: &[LayerAssignment], threat: &Threat, found: &[(usize, PathHit)]) -> Finding {
    let (_, first_hit) = &found[0];
    let (first, last) = (first_hit.elements[0], *first_hit.elements.last().expect("paths have elements"));
    let id = if first_hit.elements.len() == 1 {
        format!("{}:{}", threat.id, cx.target_id(Target::Element(first)))
    } else {
        format!("{}:{}->{}", threat.id, cx.target_id(Target::Element(first)), cx.target_id(Target::Element(last)))
    };
    // A path spans elements and layers: it is reported in the cross-layer row.
    let layer =
        cx.catalog.layers.iter().find(|l| l.cross_layer).map_or_else(|| threat.layers[0].clone(), |l| l.id.clone());
    let mut path = Vec::with_capacity(first_hit.elements.len() * 2);
    for (i, &e) in first_hit.elements.iter().enumerate() {
        path.push(cx.target_id(Target::Element(e)).to_owned());
        if let Some(&f) = first_hit.flows.get(i) {
            path.push(cx.target_id(Target::Flow(f)).to_owned());
        }
    }
    let mut targets = vec![cx.target_id(Target::Element(first)).to_owned()];
    if last != first {
        targets.push(cx.target_id(Target::Element(last)).to_owned());
    }
    let reasons: Vec<String> = found
        .iter()
        .map(|(r, hit)| {
            let rule = &cx.catalog.rules[*r];
            format!("{} ({}) [rule {}]", rule.because, hit.facts.join("; "), rule.id)
        })
        .collect();
    let mut involved: Vec<LayerId> = Vec::new();
    for &e in &first_hit.elements {
        if let Some(primary) = &layers[e].primary
            && !involved.contains(primary)
        {
            involved.push(primary.clone());
        }
    }
    let crossing = involved.iter().map(LayerId::as_str).collect::<Vec<_>>().join(" → ");
    let explanation = format!(
        "{}: {} It crosses {crossing}.",
        capitalise(&cx.describe(Target::Element(last))),
        reasons.join("; also, ") + "."
    );
    let rule_ids = found.iter().map(|(r, _)| cx.catalog.rules[*r].id.clone()).collect();
    let mut finding =
        assemble(cx, threat, id, layer, threat.stride[0], targets, path, explanation, rule_ids, Target::Element(last));
    finding.layers_involved = involved;
    finding
}

/// The parts every finding shares: mitigations checked on `evidence_target`, the status from the
/// user's decision or the evidence, aliases and severity.
#[allow(clippy::too_many_arguments)]
fn assemble(
    cx: &Context,
    threat: &Threat,
    id: String,
    layer: LayerId,
    stride: Stride,
    targets: Vec<String>,
    path: Vec<String>,
    explanation: String,
    rules: Vec<String>,
    evidence_target: Target,
) -> Finding {
    let target = evidence_target;
    let mitigations: Vec<MitigationCheck> = threat
        .mitigations
        .iter()
        .filter_map(|id| cx.catalog.mitigation(id))
        .map(|m| MitigationCheck {
            id: m.id.clone(),
            name: m.name.clone(),
            in_place: m.in_place_when.as_ref().is_some_and(|c| holds(cx, c, target)),
        })
        .collect();

    let decision = cx.model.decisions.iter().find(|d| d.finding == id);
    let (status, justification) = match decision {
        Some(d) => (
            match d.status {
                DecisionStatus::Accepted => FindingStatus::Accepted,
                DecisionStatus::Transferred => FindingStatus::Transferred,
                DecisionStatus::NotApplicable => FindingStatus::NotApplicable,
            },
            Some(d.justification.clone()),
        ),
        None if mitigations.iter().any(|m| m.in_place) => (FindingStatus::Mitigated, None),
        None => (FindingStatus::Open, None),
    };

    let mut aliases: Vec<String> = Vec::new();
    for alias in &threat.aliases {
        if cx.catalog.source(&alias.source).is_some_and(|s| s.id != "csa-blog" && s.id != "mas-scenario")
            && !aliases.contains(&alias.id)
        {
            aliases.push(alias.id.clone());
        }
    }
    for reference in &threat.owasp_agentic {
        if !aliases.contains(reference) {
            aliases.push(reference.clone());
        }
    }

    let layers_involved = vec![layer.clone()];
    Finding {
        layers_involved,
        id,
        threat: threat.id.clone(),
        threat_name: threat.name.clone(),
        aliases,
        layer,
        stride,
        targets,
        path,
        likelihood: threat.likelihood,
        impact: threat.impact,
        severity: Severity::of(threat.likelihood, threat.impact),
        explanation,
        rules,
        mitigations,
        status,
        justification,
    }
}

/// The STRIDE categories an element class admits.
fn admitted(cx: &Context, target: Target) -> &'static [Stride] {
    use Stride::*;
    match target {
        Target::Flow(_) => &[T, I, D],
        Target::Element(e) => match cx.kind(cx.kind_of(e)) {
            None => &[],
            Some(kind) => match kind.stride_class {
                StrideClass::ExternalEntity => &[S, R],
                StrideClass::Process => &[S, T, R, I, D, E],
                StrideClass::DataStore if kind.holds_logs => &[T, R, I, D],
                StrideClass::DataStore => &[T, I, D],
            },
        },
    }
}

/// The threat's first STRIDE category that the target admits, if any.
fn stride_for(cx: &Context, threat: &Threat, target: Target) -> Option<Stride> {
    let allowed = admitted(cx, target);
    threat.stride.iter().copied().find(|s| allowed.contains(s))
}

/// Where a finding is reported: the threat's first layer that the target sits in (a flow sits
/// in its two ends' layers); else the cross-layer row if the threat has one; else the target's
/// own primary layer, so that a finding is always listed under a layer its target is in.
fn layer_for(cx: &Context, layers: &[LayerAssignment], threat: &Threat, target: Target) -> LayerId {
    let sits_in = |layer: &LayerId| match target {
        Target::Element(e) => layers[e].touches(layer),
        Target::Flow(f) => {
            let (from, to) = cx.ends[f];
            layers[from].touches(layer) || layers[to].touches(layer)
        }
    };
    if let Some(layer) = threat.layers.iter().find(|l| sits_in(l)) {
        return layer.clone();
    }
    if let Some(cross) = threat.layers.iter().find(|l| cx.catalog.layer(l).is_some_and(|l| l.cross_layer)) {
        return cross.clone();
    }
    let own = match target {
        Target::Element(e) => layers[e].primary.clone(),
        Target::Flow(f) => layers[cx.ends[f].0].primary.clone(),
    };
    own.unwrap_or_else(|| threat.layers[0].clone())
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

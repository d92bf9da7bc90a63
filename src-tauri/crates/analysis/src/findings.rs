//! Findings: the catalog's rules applied to the model.
//!
//! Every rule is tried on the elements of its kinds (or on every channel), and every rule that
//! fires adds its reason to the finding for its threat and that target: one finding per threat and
//! target, however many rules agree. A finding is kept only under a STRIDE category that the
//! target's element class admits (Microsoft's STRIDE per element: external entities S and R;
//! processes all six; data stores T, I, D, and R when they hold logs; flows T, I, D).
//!
//! - Layer: the threat's home layer, its first in the catalog, whatever the target; findings about
//!   paths go to the cross-layer entry when the threat has it.
//! - Mitigations: each of the threat's mitigations is checked where it acts (the target, or on a
//!   path its impact, every hop, some hop, the deputy or the entry) and counts only when the model
//!   states it. Each says what it does to the threat: only a preventing control in place makes a
//!   finding `mitigated`; detecting and limiting ones are noted, and limiting ones lower impact.
//! - Status: the user's decision if there is one, else `mitigated` or `open` as above.
//! - Severity: from the threat's likelihood and impact, moved by context (see [`crate::severity`]).
//! - Two threats that fire on the same target on exactly the same facts are one finding, listed
//!   under the first, naming the other.
//! - A request and the response paired with it are one channel: flow rules look at the channel
//!   once, and its finding names both flows.

use crate::condition::{explain, explain_evidence, holds, proven};
use crate::context::{Context, Target};
use crate::graph::{self, PathHit};
use crate::layers::LayerAssignment;
use crate::severity::{self, Severity};
use maestro_catalog::{
    ActsOn, Alias, Effect, Impact, LayerId, Likelihood, Mitigation, RuleTarget, Stride, StrideClass, Threat,
};
use maestro_model::{DecisionStatus, FindingId};
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

/// One of a finding's recommended mitigations, what it does to the threat, and whether the model
/// shows it in place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct MitigationCheck {
    pub id: String,
    pub name: String,
    pub effect: Effect,
    pub in_place: bool,
    /// What the model states that shows it in place; empty when it is missing.
    pub evidence: String,
}

/// A named part of a finding's evidence, as element and flow ids in order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct FindingLeg {
    pub name: String,
    pub path: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct Finding {
    /// `threat:target` (`threat:entry->impact` for paths), the same on every run for the same model.
    pub id: FindingId,
    pub threat: String,
    pub threat_name: String,
    /// Other publications' ids for the threat, each with its source: ASI T&M "T1", the MAS
    /// guide's "T1", OWASP Agentic Top 10 "ASI06", OWASP LLM Top 10 "LLM04", MITRE ATLAS ids.
    pub aliases: Vec<Alias>,
    /// Threats folded into this finding because they fired on the same facts.
    pub also: Vec<String>,
    /// `L1`…`L7` or `cross-layer`.
    pub layer: LayerId,
    pub stride: Stride,
    /// Element or flow ids.
    pub targets: Vec<String>,
    /// Element and flow ids in order, for findings about a path; empty otherwise.
    pub path: Vec<String>,
    /// Further named paths behind the finding (a trifecta's data, input and way out).
    pub legs: Vec<FindingLeg>,
    /// For path findings, the layers the path passes through, in order; otherwise the finding's layer.
    pub layers_involved: Vec<LayerId>,
    pub likelihood: Likelihood,
    pub impact: Impact,
    pub severity: Severity,
    /// What moved likelihood and impact away from the threat's own, in words.
    pub severity_factors: Vec<String>,
    /// Why it applies: which rules fired, on which properties, neighbours and paths.
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum TargetKey {
    Element(usize),
    Flow(usize),
    Path(usize, usize),
}

/// What a finding's mitigations are checked on and its severity read from.
struct Site<'h> {
    target: Target,
    path: Option<&'h PathHit>,
}

pub(crate) fn find(cx: &Context, layers: &[LayerAssignment]) -> Vec<Finding> {
    // (threat index, target) → indices of the rules that fired, in catalog order.
    let mut hits: BTreeMap<(usize, TargetKey), Vec<usize>> = BTreeMap::new();
    // (threat index, path ends) → the rules that found a path between those ends, with the path.
    let mut paths: BTreeMap<(usize, TargetKey), Vec<(usize, PathHit)>> = BTreeMap::new();
    // (threat, channel, response) where a rule fired on the response half of a channel.
    let mut answered: std::collections::HashMap<(usize, usize), usize> = std::collections::HashMap::new();
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
                // Both halves of a channel are looked at, and reported as the channel.
                for f in 0..cx.model.flows.len() {
                    if fires(Target::Flow(f)) {
                        let rules = hits.entry((threat_index, TargetKey::Flow(cx.channel_of(f)))).or_default();
                        if !rules.contains(&rule_index) {
                            rules.push(rule_index);
                        }
                        if f != cx.channel_of(f) {
                            answered.entry((threat_index, cx.channel_of(f))).or_insert(f);
                        }
                    }
                }
            }
            RuleTarget::Path => {
                for hit in graph::run(cx, rule) {
                    let (Some(&first), Some(&last)) = (hit.elements.first(), hit.elements.last()) else { continue };
                    let key = match hit.subject {
                        Some(subject) => TargetKey::Path(subject, subject),
                        None => TargetKey::Path(first, last),
                    };
                    paths.entry((threat_index, key)).or_default().push((rule_index, hit));
                }
            }
        }
    }

    let mut built: Vec<(usize, TargetKey, Finding, Vec<String>)> = Vec::new();
    for ((threat_index, key), rules) in hits {
        let threat = &cx.catalog.threats[threat_index];
        let target = match key {
            TargetKey::Element(i) => Target::Element(i),
            TargetKey::Flow(i) => Target::Flow(i),
            TargetKey::Path(..) => unreachable!("paths are kept apart"),
        };
        let on_response = |channel: usize| answered.get(&(threat_index, channel)).copied();
        let evaluated = match target {
            Target::Flow(f) => match on_response(f) {
                Some(response)
                    if !rules
                        .iter()
                        .any(|&r| cx.catalog.rules[r].when.as_ref().is_none_or(|c| holds(cx, c, Target::Flow(f)))) =>
                {
                    Target::Flow(response)
                }
                _ => target,
            },
            Target::Element(_) => target,
        };
        if let Some((finding, facts)) = build(cx, threat, evaluated, &rules) {
            built.push((threat_index, key, finding, facts));
        }
    }
    merge_same_facts(cx, &mut built);
    let element_and_flow = built.into_iter().map(|(threat_index, key, finding, _)| (threat_index, key, finding));
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
    fold_related(cx, &mut findings);
    findings.sort_by_key(|a| (a.0, a.1, a.2));
    findings.into_iter().map(|(_, _, _, f)| f).collect()
}

/// The element or flow a finding is about: its target, or for a path its subject (last target).
fn subject_of(finding: &Finding) -> &str {
    finding.targets.last().map_or("", String::as_str)
}

/// Folds findings that another finding already says into it, so one risk is reported once:
///
/// - a finding whose threat the other's threat `covers` (in the catalog), about the same element
///   or — when the other is a path — about an element on its path: a chain that ends in a misused
///   tool already says the tool is misused; a confused deputy already says the deputy's rights
///   are too wide;
/// - a finding whose threat the other's threat `supersedes`, about the other's own subject: a
///   compromised security agent is a manipulated agent, named more exactly;
/// - a finding of the same threat about an element on a path finding's path: a chain through an
///   earlier point of impact to a later one already says the earlier one, and a poisoning path
///   through a store already says the store is poisoned.
///
/// Longer paths take in first, so the fullest account is the one kept; what a folded finding had
/// taken in goes with it.
fn fold_related(cx: &Context, findings: &mut Vec<(usize, usize, TargetKey, Finding)>) {
    let n = findings.len();
    let mut folded = vec![false; n];
    // The findings about each element or flow, by subject; a channel's finding under both its
    // flows.
    let mut by_subject: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (i, (_, _, _, f)) in findings.iter().enumerate() {
        if f.path.is_empty() {
            for target in &f.targets {
                by_subject.entry(target.as_str()).or_default().push(i);
            }
        } else {
            by_subject.entry(subject_of(f)).or_default().push(i);
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(findings[i].3.path.len()));
    let mut folds: Vec<(usize, usize)> = Vec::new();
    for &p in &order {
        if folded[p] {
            continue;
        }
        let threat = &cx.catalog.threats[findings[p].1];
        let into = &findings[p].3;
        // What it covers: its own threat's list and those of the threats already folded into it.
        let covers: Vec<&String> = std::iter::once(threat)
            .chain(into.also.iter().filter_map(|t| cx.catalog.threat(t)))
            .flat_map(|t| t.covers.iter())
            .collect();
        if covers.is_empty() && threat.supersedes.is_empty() && into.path.is_empty() {
            continue;
        }
        let subject = subject_of(into);
        // The elements and flows on its path past where it starts (an entry is where it begins,
        // not a step it takes), or just its subject.
        let mut on_path: Vec<&str> =
            if into.path.is_empty() { vec![subject] } else { into.path.iter().skip(1).map(String::as_str).collect() };
        on_path.push(subject);
        on_path.sort_unstable();
        on_path.dedup();
        for place in on_path {
            for &e in by_subject.get(place).map(Vec::as_slice).unwrap_or_default() {
                let other = &findings[e].3;
                if folded[e] || e == p || other.justification.is_some() || other.status != into.status {
                    continue;
                }
                let covered = covers.iter().any(|c| **c == other.threat);
                let superseded = place == subject && threat.supersedes.contains(&other.threat);
                let same = other.threat == into.threat && !into.path.is_empty() && other.path.len() <= into.path.len();
                if covered || superseded || same {
                    folded[e] = true;
                    folds.push((p, e));
                }
            }
        }
    }
    for (p, e) in folds {
        let (threats, name, aliases, target, legs) = {
            let other = &findings[e].3;
            let threats: Vec<String> =
                std::iter::once(other.threat.clone()).chain(other.also.iter().cloned()).collect();
            // A folded path of the same threat is another way the same risk happens: a leg.
            let mut legs = Vec::new();
            if other.threat == findings[p].3.threat && !other.path.is_empty() {
                let start = other.path.first().and_then(|id| cx.model.element(&id.as_str().into()));
                let name = start.map_or_else(|| "also".to_owned(), |el| format!("also from {}", el.name));
                legs.push(FindingLeg { name, path: other.path.clone() });
                legs.extend(other.legs.iter().cloned());
            }
            (threats, other.threat_name.clone(), other.aliases.clone(), subject_of(other).to_owned(), legs)
        };
        let into = &mut findings[p].3;
        for leg in legs {
            if leg.path != into.path && !into.legs.iter().any(|l| l.path == leg.path) {
                into.legs.push(leg);
            }
        }
        for threat in &threats {
            if !into.also.contains(threat) && *threat != into.threat {
                into.also.push(threat.clone());
            }
        }
        into.explanation.push_str(&format!(" It also covers {name} ({}) on \"{target}\".", threats[0]));
        for alias in aliases {
            if !into.aliases.contains(&alias) {
                into.aliases.push(alias);
            }
        }
    }
    let mut index = 0;
    findings.retain(|_| {
        index += 1;
        !folded[index - 1]
    });
}

/// A finding about one element or channel, with the facts its rules fired on.
fn build(cx: &Context, threat: &Threat, target: Target, rules: &[usize]) -> Option<(Finding, Vec<String>)> {
    let stride = stride_for(cx, threat, target)?;
    let channel = match target {
        Target::Flow(f) => Target::Flow(cx.channel_of(f)),
        Target::Element(_) => target,
    };
    let id = format!("{}:{}", threat.id, cx.target_id(channel));
    let mut all_facts: Vec<String> = Vec::new();
    let reasons: Vec<String> = rules
        .iter()
        .map(|&r| {
            let rule = &cx.catalog.rules[r];
            let mut facts = Vec::new();
            if let Some(condition) = &rule.when {
                explain(cx, condition, target, &mut facts);
            }
            all_facts.extend(facts.iter().cloned());
            let facts = if facts.is_empty() { String::new() } else { format!(" ({})", facts.join("; ")) };
            format!("{}{facts} [rule {}]", rule.because, rule.id)
        })
        .collect();
    let explanation = format!("{}: {}.", capitalise(&cx.describe(target)), reasons.join("; also, "));
    let rule_ids = rules.iter().map(|&r| cx.catalog.rules[r].id.clone()).collect();
    let mut targets = vec![cx.target_id(target).to_owned()];
    if let Target::Flow(f) = target
        && let Some(other) = cx.pair[f]
    {
        targets.push(cx.target_id(Target::Flow(other)).to_owned());
    }
    let layer = home_layer(cx, threat, target);
    let site = Site { target, path: None };
    let finding = assemble(cx, threat, id.into(), layer, stride, targets, Vec::new(), explanation, rule_ids, &site);
    all_facts.sort();
    all_facts.dedup();
    Some((finding, all_facts))
}

/// Folds findings on the same target that rest on exactly the same facts into one: two threat
/// names for one observation, filed under one layer, are one finding. The most specific threat — the one that targets
/// the fewest kinds — names it (the first in catalog order among equals); the others are listed.
fn merge_same_facts(cx: &Context, built: &mut Vec<(usize, TargetKey, Finding, Vec<String>)>) {
    let specificity = |threat_index: usize| cx.catalog.threats[threat_index].targets.len();
    let mut ordered: Vec<(usize, TargetKey, Finding, Vec<String>)> = std::mem::take(built);
    ordered.sort_by_key(|(threat_index, key, _, _)| (*key, specificity(*threat_index), *threat_index));
    let mut keep: Vec<(usize, TargetKey, Finding, Vec<String>)> = Vec::with_capacity(ordered.len());
    // Sorted by target, so the findings about this target are the last ones kept.
    let mut group_start = 0;
    for (threat_index, key, finding, facts) in ordered {
        if keep.last().is_some_and(|(_, k, _, _)| *k != key) {
            group_start = keep.len();
        }
        let same = keep[group_start..].iter_mut().find(|(_, k, f, other)| {
            *k == key
                && !facts.is_empty()
                && *other == facts
                && f.layer == finding.layer
                && f.status == finding.status
                && f.justification.is_none()
        });
        match same {
            Some((_, _, first, _)) if finding.justification.is_none() => {
                first.also.push(finding.threat.clone());
                first
                    .explanation
                    .push_str(&format!(" The same facts are also {} ({}).", finding.threat_name, finding.threat));
                for alias in finding.aliases {
                    if !first.aliases.contains(&alias) {
                        first.aliases.push(alias);
                    }
                }
                first.rules.extend(finding.rules);
                for m in finding.mitigations {
                    if !first.mitigations.iter().any(|n| n.id == m.id) {
                        first.mitigations.push(m);
                    }
                }
            }
            _ => keep.push((threat_index, key, finding, facts)),
        }
    }
    *built = keep;
}

/// A finding about a path: its ends are the targets, every element and flow on it the path.
fn build_path(cx: &Context, layers: &[LayerAssignment], threat: &Threat, found: &[(usize, PathHit)]) -> Finding {
    let (_, first_hit) = &found[0];
    let (first, last) = match first_hit.subject {
        Some(subject) => (subject, subject),
        None => (first_hit.elements[0], *first_hit.elements.last().expect("paths have elements")),
    };
    let id = if first == last {
        format!("{}:{}", threat.id, cx.target_id(Target::Element(first)))
    } else {
        format!("{}:{}->{}", threat.id, cx.target_id(Target::Element(first)), cx.target_id(Target::Element(last)))
    };
    // A path spans elements and layers: it is reported in the cross-layer row when the threat has it.
    let layer = match cx.catalog.cross_layer() {
        Some(cross) if threat.layers.contains(&cross.id) => cross.id.clone(),
        _ => threat.layers[0].clone(),
    };
    let path = ids_of(cx, &first_hit.elements, &first_hit.flows);
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
    let site = Site { target: Target::Element(last), path: Some(first_hit) };
    let stride = stride_for(cx, threat, Target::Element(last)).unwrap_or(threat.stride[0]);
    let mut finding = assemble(cx, threat, id.into(), layer, stride, targets, path, explanation, rule_ids, &site);
    finding.layers_involved = involved;
    // A path says what the element threats it covers would say about its subject (a chain ending
    // in a tool is that tool's misuse), whether or not they were raised on their own.
    for covered in threat.covers.iter().filter_map(|c| cx.catalog.threat(c)) {
        let about_elements = !covered.targets.iter().any(|k| k == "path");
        if about_elements
            && covered.targets.iter().any(|k| k == cx.kind_of(last))
            && !finding.also.contains(&covered.id)
        {
            finding.also.push(covered.id.clone());
            for alias in threat_aliases(covered) {
                if !finding.aliases.contains(&alias) {
                    finding.aliases.push(alias);
                }
            }
        }
    }
    // Other hits between the same ends are further ways the same risk happens: their paths and
    // legs are legs of this finding.
    let mut legs: Vec<FindingLeg> = Vec::new();
    for (i, (_, hit)) in found.iter().enumerate() {
        if i > 0 && (hit.elements != first_hit.elements || hit.flows != first_hit.flows) {
            let name = format!("also from {}", cx.element(hit.elements[0]).name);
            legs.push(FindingLeg { name, path: ids_of(cx, &hit.elements, &hit.flows) });
        }
        for leg in &hit.legs {
            legs.push(FindingLeg { name: leg.name.clone(), path: ids_of(cx, &leg.elements, &leg.flows) });
        }
    }
    let mut seen: Vec<Vec<String>> = vec![finding.path.clone()];
    legs.retain(|leg| {
        let new = !seen.contains(&leg.path);
        seen.push(leg.path.clone());
        new
    });
    finding.legs = legs;
    finding
}

/// Where a finding about one element or flow is filed: among the threat's home layers, the one its
/// target's kind belongs to, else the threat's first. Never a layer the threat does not list.
fn home_layer(cx: &Context, threat: &Threat, target: Target) -> LayerId {
    let kind_layer = match target {
        Target::Element(e) => cx.kind(cx.kind_of(e)).map(|k| &k.default_layer),
        Target::Flow(_) => None,
    };
    kind_layer.and_then(|layer| threat.layers.iter().find(|l| *l == layer)).unwrap_or(&threat.layers[0]).clone()
}

/// Element and flow ids interleaved, in path order.
fn ids_of(cx: &Context, elements: &[usize], flows: &[usize]) -> Vec<String> {
    let mut path = Vec::with_capacity(elements.len() * 2);
    for (i, &e) in elements.iter().enumerate() {
        path.push(cx.target_id(Target::Element(e)).to_owned());
        if let Some(&f) = flows.get(i) {
            path.push(cx.target_id(Target::Flow(f)).to_owned());
        }
    }
    path
}

/// The parts every finding shares: mitigations checked where they act, the status from the user's
/// decision or the evidence, aliases and severity.
#[allow(clippy::too_many_arguments)]
fn assemble(
    cx: &Context,
    threat: &Threat,
    id: FindingId,
    layer: LayerId,
    stride: Stride,
    targets: Vec<String>,
    path: Vec<String>,
    mut explanation: String,
    rules: Vec<String>,
    site: &Site,
) -> Finding {
    let mitigations: Vec<MitigationCheck> = threat
        .mitigations
        .iter()
        .filter_map(|id| cx.catalog.mitigation(id))
        .map(|m| check(cx, threat, m, site))
        .collect();

    let decision = cx.model.decisions.iter().find(|d| d.finding == id);
    let prevented = mitigations.iter().any(|m| m.in_place && m.effect == Effect::Prevents);
    let (status, justification) = match decision {
        Some(d) => (
            match d.status {
                DecisionStatus::Accepted => FindingStatus::Accepted,
                DecisionStatus::Transferred => FindingStatus::Transferred,
                DecisionStatus::NotApplicable => FindingStatus::NotApplicable,
            },
            Some(d.justification.clone()),
        ),
        None if prevented => (FindingStatus::Mitigated, None),
        None => (FindingStatus::Open, None),
    };
    let noted: Vec<String> = mitigations
        .iter()
        .filter(|m| m.in_place && m.effect != Effect::Prevents)
        .map(|m| format!("{} ({})", m.name, if m.effect == Effect::Detects { "detects" } else { "limits" }))
        .collect();
    if !noted.is_empty() && !prevented {
        explanation.push_str(&format!(" In place but not preventing it: {}.", noted.join(", ")));
    }

    let limited = mitigations.iter().any(|m| m.in_place && m.effect == Effect::Limits);
    let rated = severity::rate(cx, threat, site.target, site.path.map(|p| p.elements.as_slice()), limited);
    Finding {
        layers_involved: vec![layer.clone()],
        id,
        threat: threat.id.clone(),
        threat_name: threat.name.clone(),
        aliases: threat_aliases(threat),
        also: Vec::new(),
        layer,
        stride,
        targets,
        path,
        legs: Vec::new(),
        likelihood: rated.likelihood,
        impact: rated.impact,
        severity: Severity::of(rated.likelihood, rated.impact),
        severity_factors: rated.factors,
        explanation,
        rules,
        mitigations,
        status,
        justification,
    }
}

/// Whether the model shows `mitigation` in place where it acts on this finding, and how.
fn check(cx: &Context, threat: &Threat, mitigation: &Mitigation, site: &Site) -> MitigationCheck {
    let mut evidence = String::new();
    let in_place = match &mitigation.in_place_when {
        None => false,
        Some(condition) => {
            let places = places(cx, mitigation.acts_on, site);
            let every = mitigation.acts_on == ActsOn::EveryHop;
            let proven_at: Vec<Target> = places.iter().copied().filter(|&t| proven(cx, condition, t)).collect();
            let in_place =
                if every { !places.is_empty() && proven_at.len() == places.len() } else { !proven_at.is_empty() };
            if in_place && let Some(&at) = proven_at.first() {
                let mut facts = Vec::new();
                explain_evidence(cx, condition, at, &mut facts);
                let place = cx.describe(at);
                evidence = if every {
                    format!("on every hop: {}", facts.join("; "))
                } else {
                    format!("{place}: {}", facts.join("; "))
                };
            }
            in_place
        }
    };
    MitigationCheck {
        id: mitigation.id.clone(),
        name: mitigation.name.clone(),
        effect: threat.effect_of(mitigation),
        in_place,
        evidence,
    }
}

/// Where a control is looked for on this finding.
fn places(cx: &Context, acts_on: ActsOn, site: &Site) -> Vec<Target> {
    let Some(path) = site.path else { return vec![site.target] };
    let elements = &path.elements;
    match acts_on {
        ActsOn::Target => vec![site.target],
        ActsOn::EveryHop | ActsOn::AnyHop => path.flows.iter().map(|&f| Target::Flow(cx.channel_of(f))).collect(),
        ActsOn::AnyElement => elements.iter().map(|&e| Target::Element(e)).collect(),
        ActsOn::Deputy => vec![Target::Element(path.deputy.unwrap_or(elements[elements.len().saturating_sub(2)]))],
        ActsOn::Entry => vec![Target::Element(elements[0])],
    }
}

/// Every other id the threat has, each with its source: the publications' aliases in catalog
/// order, then the OWASP Agentic Top 10, OWASP LLM Top 10 and MITRE ATLAS references.
pub fn threat_aliases(threat: &Threat) -> Vec<Alias> {
    let taxonomy = |source: &str, ids: &[String]| {
        ids.iter().map(|id| Alias { source: source.to_owned(), id: id.clone() }).collect::<Vec<_>>()
    };
    let mut aliases = threat.aliases.clone();
    aliases.extend(taxonomy(OWASP_AGENTIC, &threat.owasp_agentic));
    aliases.extend(taxonomy(OWASP_LLM, &threat.owasp_llm));
    aliases.extend(taxonomy(MITRE_ATLAS, &threat.atlas));
    aliases
}

/// The source ids of the taxonomies a threat's references belong to (see `catalog/sources.toml`).
pub const OWASP_AGENTIC: &str = "owasp-agentic";
pub const OWASP_LLM: &str = "owasp-llm";
pub const MITRE_ATLAS: &str = "mitre-atlas";

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

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

//! Cross-layer analyses on the model's graph of elements and channels.
//!
//! Each analysis has its own file and says there what it detects and why. They are run by the
//! catalog's `path` rules, which name the analysis and, for attack chains, which elements chains
//! start and end at. The analyses read kind traits from the catalog, never kind ids. Every one is
//! polynomial and near-linear: floods (breadth-first searches), strongly connected components, one
//! pass over neighbours — never an enumeration of all paths.
//!
//! [`flood`], [`untrusted`], [`sensitivity`] and [`outbound`] are the shared facts the others and
//! the catalog's conditions build on: where untrusted content goes, where labelled data goes, and
//! which elements can send data out. petgraph does the graph work of the delegation-loop analysis,
//! behind this crate's own types: nothing outside the crate sees it.

mod attack_chain;
mod classification_crossing;
mod confused_deputy;
mod delegation_loop;
pub(crate) mod flood;
pub(crate) mod impact;
pub(crate) mod outbound;
mod oversight;
pub mod reach;
mod rogue_insider;
mod self_modification;
pub(crate) mod sensitivity;
mod shared_memory;
mod training_loop;
mod trifecta;
mod trust_cascade;
pub(crate) mod untrusted;

use crate::context::Context;
use maestro_catalog::{GraphAnalysis, Rule};

/// A path one analysis found: elements in order, the flows between them, and facts for the
/// explanation. `legs` are further named paths that belong to the finding (a trifecta's three).
pub(crate) struct PathHit {
    pub elements: Vec<usize>,
    pub flows: Vec<usize>,
    pub facts: Vec<String>,
    pub legs: Vec<Leg>,
    /// The element the finding is about, when it is not the path's last (a trifecta's agent).
    pub subject: Option<usize>,
    /// The element a confused deputy's request passes through.
    pub deputy: Option<usize>,
}

/// A named part of a finding's evidence: elements and flows in order.
pub(crate) struct Leg {
    pub name: String,
    pub elements: Vec<usize>,
    pub flows: Vec<usize>,
}

impl PathHit {
    pub fn new(elements: Vec<usize>, flows: Vec<usize>, facts: Vec<String>) -> PathHit {
        PathHit { elements, flows, facts, legs: Vec::new(), subject: None, deputy: None }
    }
}

pub(crate) fn run(cx: &Context, rule: &Rule) -> Vec<PathHit> {
    match rule.analysis {
        Some(GraphAnalysis::AttackChain) => match (&rule.from, &rule.to) {
            (Some(from), Some(to)) => attack_chain::find(cx, from, to),
            _ => Vec::new(),
        },
        Some(GraphAnalysis::DelegationLoop) => delegation_loop::find(cx),
        Some(GraphAnalysis::SharedMemory) => shared_memory::find(cx),
        Some(GraphAnalysis::TrainingLoop) => training_loop::find(cx),
        Some(GraphAnalysis::ConfusedDeputy) => confused_deputy::find(cx),
        Some(GraphAnalysis::TrustCascade) => trust_cascade::find(cx),
        Some(GraphAnalysis::ClassificationCrossing) => classification_crossing::find(cx),
        Some(GraphAnalysis::OversightGap) => oversight::gaps(cx),
        Some(GraphAnalysis::SinglePointOfCompromise) => oversight::single_points(cx),
        Some(GraphAnalysis::LethalTrifecta) => trifecta::find(cx),
        Some(GraphAnalysis::SelfModification) => self_modification::find(cx),
        Some(GraphAnalysis::RogueInsider) => rogue_insider::find(cx),
        None => Vec::new(),
    }
}

/// The way back to where a search started, from the hop each element was reached by: elements
/// and flows in order, the start first.
pub(crate) fn walk_back(
    cx: &Context,
    end: usize,
    reached_by: impl Fn(usize) -> Option<usize>,
) -> (Vec<usize>, Vec<usize>) {
    let mut elements = vec![end];
    let mut flows = Vec::new();
    let mut at = end;
    while let Some(h) = reached_by(at) {
        flows.push(cx.hops[h].flow);
        at = cx.hops[h].from;
        elements.push(at);
        if elements.len() > cx.model.elements.len() + 1 {
            break;
        }
    }
    elements.reverse();
    flows.reverse();
    (elements, flows)
}

/// `"A" → "B" → "C"`, for explanations.
pub(crate) fn describe_path(cx: &Context, elements: &[usize]) -> String {
    elements.iter().map(|&e| format!("\"{}\"", cx.element(e).name)).collect::<Vec<_>>().join(" → ")
}

#[cfg(test)]
pub(crate) mod testing;

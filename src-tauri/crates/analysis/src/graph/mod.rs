//! Cross-layer analyses on the model's graph of elements and flows.
//!
//! Each analysis has its own file and says there what it detects and why. They are run by the
//! catalog's `path` rules, which name the analysis and, for attack chains, which elements paths
//! start and end at. Every analysis is polynomial and near-linear: breadth-first search, strongly
//! connected components, one pass over neighbours — never an enumeration of all paths.
//!
//! petgraph does the graph work, behind this crate's own types: nothing outside the crate sees it.

mod attack_chain;
mod classification_crossing;
mod confused_deputy;
mod delegation_loop;
mod oversight;
pub mod reach;
mod shared_memory;
mod training_loop;
mod trust_cascade;

use crate::context::Context;
use maestro_catalog::{GraphAnalysis, Rule};
use petgraph::graph::{DiGraph, NodeIndex};

/// A path one analysis found: elements in order, the flows between them, and facts for the
/// explanation.
pub(crate) struct PathHit {
    pub elements: Vec<usize>,
    pub flows: Vec<usize>,
    pub facts: Vec<String>,
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
        None => Vec::new(),
    }
}

/// The model as a petgraph graph: node `i` is element `i`, each edge carries its flow's index.
pub(crate) fn graph(cx: &Context) -> DiGraph<usize, usize> {
    let mut graph = DiGraph::with_capacity(cx.model.elements.len(), cx.model.flows.len());
    for i in 0..cx.model.elements.len() {
        graph.add_node(i);
    }
    for (f, &(from, to)) in cx.ends.iter().enumerate() {
        graph.add_edge(NodeIndex::new(from), NodeIndex::new(to), f);
    }
    graph
}

/// Breadth-first search from `sources` along flows, visiting in model order so the same model
/// always gives the same paths. Returns, per element, the flow it was first reached by.
pub(crate) fn bfs_from(cx: &Context, sources: &[usize]) -> Vec<Option<usize>> {
    let n = cx.model.elements.len();
    let mut reached_by: Vec<Option<usize>> = vec![None; n];
    let mut seen = vec![false; n];
    let mut queue = std::collections::VecDeque::new();
    for &s in sources {
        if !seen[s] {
            seen[s] = true;
            queue.push_back(s);
        }
    }
    while let Some(at) = queue.pop_front() {
        for &f in &cx.outgoing[at] {
            let next = cx.ends[f].1;
            if !seen[next] {
                seen[next] = true;
                reached_by[next] = Some(f);
                queue.push_back(next);
            }
        }
    }
    reached_by
}

/// The path to `end` recorded by [`bfs_from`]: elements and flows in order.
pub(crate) fn path_to(cx: &Context, reached_by: &[Option<usize>], end: usize) -> (Vec<usize>, Vec<usize>) {
    let mut elements = vec![end];
    let mut flows = Vec::new();
    let mut at = end;
    while let Some(f) = reached_by[at] {
        flows.push(f);
        at = cx.ends[f].0;
        elements.push(at);
    }
    elements.reverse();
    flows.reverse();
    (elements, flows)
}

/// `"A" → "B" → "C"`, for explanations.
pub(crate) fn describe_path(cx: &Context, elements: &[usize]) -> String {
    elements.iter().map(|&e| format!("\"{}\"", cx.element(e).name)).collect::<Vec<_>>().join(" → ")
}

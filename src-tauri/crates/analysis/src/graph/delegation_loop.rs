//! Delegation loops: agents that hand work round a cycle.
//!
//! Recursive or circular delegation lets one request multiply until compute, tokens or money run
//! out, and lets a planted instruction go round and round gaining weight. Strongly connected
//! components (Tarjan, linear time) of the agent-to-agent graph are the loops; each component of
//! two or more agents is one finding, with the shortest cycle through its first agent as the
//! path. Each cycle search stays inside its component, so the whole analysis is linear.

use super::{PathHit, describe_path, graph};
use crate::context::Context;
use petgraph::algo::tarjan_scc;
use petgraph::visit::NodeFiltered;
use std::collections::{HashMap, VecDeque};

const DELEGATORS: &[&str] = &["agent", "orchestrator", "peer-agent"];

pub(crate) fn find(cx: &Context) -> Vec<PathHit> {
    let is_delegator = |e: usize| DELEGATORS.contains(&cx.kind_of(e));
    let full = graph(cx);
    let agents_only = NodeFiltered::from_fn(&full, |node| is_delegator(node.index()));
    let components: Vec<Vec<usize>> = tarjan_scc(&agents_only)
        .into_iter()
        .filter(|c| c.len() >= 2)
        .map(|c| c.into_iter().map(|n| n.index()).collect())
        .collect();
    let mut component_of: HashMap<usize, usize> = HashMap::new();
    for (index, members) in components.iter().enumerate() {
        for &m in members {
            component_of.insert(m, index);
        }
    }
    let mut hits: Vec<PathHit> = components
        .iter()
        .enumerate()
        .map(|(index, members)| {
            let start = *members.iter().min().expect("a component has members");
            let (elements, flows) = shortest_cycle(cx, start, |e| component_of.get(&e) == Some(&index));
            let facts = vec![
                format!("{} agents in the loop", members.len()),
                format!("cycle {}", describe_path(cx, &elements)),
            ];
            PathHit { elements, flows, facts }
        })
        .collect();
    hits.sort_by_key(|h| h.elements[0]);
    hits
}

/// The shortest way from `start` back to itself through elements `inside` the component,
/// as elements (starting and ending at `start`) and flows.
fn shortest_cycle(cx: &Context, start: usize, inside: impl Fn(usize) -> bool) -> (Vec<usize>, Vec<usize>) {
    let mut reached_by: HashMap<usize, usize> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    let mut closing = None;
    'search: while let Some(at) = queue.pop_front() {
        for &f in &cx.outgoing[at] {
            let next = cx.ends[f].1;
            if next == start {
                closing = Some(f);
                break 'search;
            }
            if inside(next) && !reached_by.contains_key(&next) {
                reached_by.insert(next, f);
                queue.push_back(next);
            }
        }
    }
    let Some(closing) = closing else { return (vec![start], Vec::new()) };
    let mut elements = vec![start];
    let mut flows = vec![closing];
    let mut at = cx.ends[closing].0;
    while at != start {
        elements.push(at);
        let f = reached_by[&at];
        flows.push(f);
        at = cx.ends[f].0;
    }
    elements.push(start);
    elements.reverse();
    flows.reverse();
    (elements, flows)
}

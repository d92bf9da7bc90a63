//! Delegation loops: agents that hand work round a cycle.
//!
//! Recursive or circular delegation lets one request multiply until compute, tokens or money run
//! out, and lets a planted instruction go round and round gaining weight. Strongly connected
//! components of the agent-to-agent graph are the loops (Kosaraju's algorithm: linear time, and
//! iterative, so a chain of any length fits on the stack); each component of two or more agents
//! is one finding, with the shortest cycle through its first agent as the path. Answers do not delegate: a request and the response paired with it (or one request flow)
//! are one channel, never a loop. Each cycle search stays inside its component, so the whole
//! analysis is linear.

use super::{PathHit, describe_path};
use crate::context::{Context, Side};
use maestro_catalog::KindTrait;
use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::{HashMap, VecDeque};

/// The hops that hand work on: every hop but answers.
fn delegates(cx: &Context, hop: usize) -> bool {
    cx.hops[hop].side != Side::Answer
}

pub(crate) fn find(cx: &Context) -> Vec<PathHit> {
    let n = cx.model.elements.len();
    let is_agent = |e: usize| cx.has(e, KindTrait::Agent);
    let mut graph: DiGraph<usize, usize> = DiGraph::with_capacity(n, cx.hops.len());
    for i in 0..n {
        graph.add_node(i);
    }
    for (h, hop) in cx.hops.iter().enumerate() {
        if delegates(cx, h) && is_agent(hop.from) && is_agent(hop.to) {
            graph.add_edge(NodeIndex::new(hop.from), NodeIndex::new(hop.to), h);
        }
    }
    let components: Vec<Vec<usize>> = kosaraju_scc(&graph)
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
            PathHit::new(elements, flows, facts)
        })
        .collect();
    hits.sort_by_key(|h| h.elements[0]);
    hits
}

/// The shortest way from `start` back to itself through elements `inside` the component, over
/// delegating hops, as elements (starting and ending at `start`) and flows.
fn shortest_cycle(cx: &Context, start: usize, inside: impl Fn(usize) -> bool) -> (Vec<usize>, Vec<usize>) {
    let mut reached_by: HashMap<usize, usize> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    let mut closing = None;
    'search: while let Some(at) = queue.pop_front() {
        for &h in cx.hops_out[at].iter().filter(|&&h| delegates(cx, h)) {
            let next = cx.hops[h].to;
            if next == start {
                closing = Some(h);
                break 'search;
            }
            if inside(next) && !reached_by.contains_key(&next) {
                reached_by.insert(next, h);
                queue.push_back(next);
            }
        }
    }
    let Some(closing) = closing else { return (vec![start], Vec::new()) };
    let mut elements = vec![start];
    let mut flows = vec![cx.hops[closing].flow];
    let mut at = cx.hops[closing].from;
    while at != start {
        elements.push(at);
        let h = reached_by[&at];
        flows.push(cx.hops[h].flow);
        at = cx.hops[h].from;
    }
    elements.push(start);
    elements.reverse();
    flows.reverse();
    (elements, flows)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{build, finding, ids, text};

    #[test]
    fn agents_handing_work_round_a_cycle_are_a_loop() {
        let analysis = build()
            .el("a", "agent", &[])
            .el("b", "agent", &[])
            .el("c", "agent", &[])
            .flow("f1", "a", "b", &[])
            .flow("f2", "b", "c", &[])
            .flow("f3", "c", "a", &[])
            .analyse();
        let found = finding(&analysis, "recursive-delegation-starvation:a");
        assert_eq!(found.path, ["a", "f1", "b", "f2", "c", "f3", "a"]);
    }

    #[test]
    fn a_request_and_its_response_are_one_channel_not_a_loop() {
        let paired = build()
            .el("a", "agent", &[])
            .el("b", "agent", &[])
            .flow("ask", "a", "b", &[])
            .flow("answer", "b", "a", &[("role", text("response"))])
            .analyse();
        assert!(ids(&paired, "recursive-delegation-starvation").is_empty());
        let one_flow = build().el("a", "agent", &[]).el("b", "agent", &[]).call("ask", "a", "b").analyse();
        assert!(ids(&one_flow, "recursive-delegation-starvation").is_empty());
    }
}

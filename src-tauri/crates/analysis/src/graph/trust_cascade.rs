//! Cascading trust and communication poisoning.
//!
//! When agents pass messages on that are neither signed nor validated, whatever one of them was
//! told reaches every agent down the chain as if it were checked. Chains start at agents that
//! receive no such message themselves (or, in a pure cycle, at the first agent); one
//! breadth-first search from all starts at once finds, for each start, the farthest agent its
//! messages reach unchecked — a finding when that is two hops or more. An agent that fans out
//! unchecked to three or more agents is a finding too.

use super::{PathHit, describe_path, path_to};
use crate::context::{Context, Target};
use maestro_model::PropertyValue;
use std::collections::VecDeque;

const AGENTS: &[&str] = &["agent", "orchestrator", "peer-agent"];
const FAN_OUT: usize = 3;

pub(crate) fn find(cx: &Context) -> Vec<PathHit> {
    let n = cx.model.elements.len();
    let is_agent = |e: usize| AGENTS.contains(&cx.kind_of(e));
    let unchecked = |f: usize| {
        let (from, to) = cx.ends[f];
        is_agent(from)
            && is_agent(to)
            && cx.value(Target::Flow(f), "signed") == Some(&PropertyValue::Bool(false))
            && cx.value(Target::Flow(f), "validated") == Some(&PropertyValue::Bool(false))
    };
    let sends = |e: usize| cx.outgoing[e].iter().any(|&f| unchecked(f));
    let receives = |e: usize| cx.incoming[e].iter().any(|&f| unchecked(f));
    let mut starts: Vec<usize> = (0..n).filter(|&e| sends(e) && !receives(e)).collect();
    if starts.is_empty() {
        starts.extend((0..n).find(|&e| sends(e)));
    }

    // Multi-source BFS along unchecked flows, remembering which start reached each agent first.
    let mut origin: Vec<Option<usize>> = vec![None; n];
    let mut reached_by: Vec<Option<usize>> = vec![None; n];
    let mut depth = vec![0usize; n];
    let mut queue = VecDeque::new();
    for &s in &starts {
        origin[s] = Some(s);
        queue.push_back(s);
    }
    while let Some(at) = queue.pop_front() {
        for &f in cx.outgoing[at].iter().filter(|&&f| unchecked(f)) {
            let next = cx.ends[f].1;
            if origin[next].is_none() {
                origin[next] = origin[at];
                reached_by[next] = Some(f);
                depth[next] = depth[at] + 1;
                queue.push_back(next);
            }
        }
    }
    let mut hits = Vec::new();
    for &start in &starts {
        let farthest = (0..n).filter(|&e| origin[e] == Some(start)).max_by_key(|&e| (depth[e], std::cmp::Reverse(e)));
        let Some(end) = farthest.filter(|&e| depth[e] >= 2) else { continue };
        let (elements, flows) = path_to(cx, &reached_by, end);
        let facts = vec![format!("{} unchecked hops: {}", flows.len(), describe_path(cx, &elements))];
        hits.push(PathHit { elements, flows, facts });
    }
    for e in 0..n {
        let out: Vec<usize> = cx.outgoing[e].iter().copied().filter(|&f| unchecked(f)).collect();
        if out.len() >= FAN_OUT {
            let first = out[0];
            let facts = vec![format!("\"{}\" fans out unchecked to {} agents", cx.element(e).name, out.len())];
            hits.push(PathHit { elements: vec![e, cx.ends[first].1], flows: vec![first], facts });
        }
    }
    hits
}

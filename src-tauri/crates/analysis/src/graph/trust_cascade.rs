//! Cascading trust and communication poisoning.
//!
//! When agents pass messages on that are neither signed nor validated, whatever one of them was
//! told reaches every agent down the chain as if it were checked. A cascade matters where it can
//! start with an attacker: chains start at agents that untrusted content reaches (see
//! [`super::untrusted`]) and that receive no unchecked message from another such agent (or, in a
//! pure cycle, at the first of them). One breadth-first search from all starts at once finds, for
//! each start, the farthest agent its messages reach unchecked — a finding when that is two hops
//! or more. An exposed agent that fans out unchecked to three or more agents is a finding too.
//! Answers count too: what a sub-agent answers is what its caller acts on.

use super::{PathHit, describe_path, walk_back};
use crate::context::{Context, Target};
use maestro_catalog::KindTrait;
use maestro_model::PropertyValue;
use std::collections::VecDeque;

const FAN_OUT: usize = 3;

pub(crate) fn find(cx: &Context) -> Vec<PathHit> {
    let n = cx.model.elements.len();
    let is_agent = |e: usize| cx.has(e, KindTrait::Agent);
    let exposed = |e: usize| cx.untrusted().raw.reached(e);
    let yes = PropertyValue::Bool(true);
    let unchecked = |h: usize| {
        let hop = &cx.hops[h];
        is_agent(hop.from)
            && is_agent(hop.to)
            && !cx.states(Target::Flow(hop.flow), "signed", &yes)
            && !cx.states(Target::Flow(hop.flow), "validated", &yes)
    };
    let sends = |e: usize| exposed(e) && cx.hops_out[e].iter().any(|&h| unchecked(h));
    let receives_from_exposed = |e: usize| cx.hops_in[e].iter().any(|&h| unchecked(h) && exposed(cx.hops[h].from));
    let mut starts: Vec<usize> = (0..n).filter(|&e| sends(e) && !receives_from_exposed(e)).collect();
    if starts.is_empty() {
        starts.extend((0..n).find(|&e| sends(e)));
    }

    // Multi-source BFS along unchecked hops, remembering which start reached each agent first.
    let mut origin: Vec<Option<usize>> = vec![None; n];
    let mut reached_by: Vec<Option<usize>> = vec![None; n];
    let mut depth = vec![0usize; n];
    let mut queue = VecDeque::new();
    for &s in &starts {
        origin[s] = Some(s);
        queue.push_back(s);
    }
    while let Some(at) = queue.pop_front() {
        for &h in cx.hops_out[at].iter().filter(|&&h| unchecked(h)) {
            let next = cx.hops[h].to;
            if origin[next].is_none() {
                origin[next] = origin[at];
                reached_by[next] = Some(h);
                depth[next] = depth[at] + 1;
                queue.push_back(next);
            }
        }
    }
    // Per start, the farthest agent its messages reach (the lowest index among equals), in one pass.
    let mut farthest_of: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for e in 0..n {
        if let Some(start) = origin[e] {
            let best = farthest_of.entry(start).or_insert(e);
            if depth[e] > depth[*best] {
                *best = e;
            }
        }
    }
    let mut hits = Vec::new();
    for &start in &starts {
        let farthest = farthest_of.get(&start).copied();
        let Some(end) = farthest.filter(|&e| depth[e] >= 2) else { continue };
        let (elements, flows) = walk_back(cx, end, |e| reached_by[e]);
        let facts = vec![
            format!("{} unchecked hops: {}", flows.len(), describe_path(cx, &elements)),
            format!("untrusted content reaches \"{}\", where the chain starts", cx.element(start).name),
        ];
        hits.push(PathHit::new(elements, flows, facts));
    }
    for e in (0..n).filter(|&e| exposed(e)) {
        let mut out: Vec<usize> = cx.hops_out[e].iter().copied().filter(|&h| unchecked(h)).collect();
        out.dedup_by_key(|h| cx.hops[*h].to);
        if out.len() >= FAN_OUT {
            let first = &cx.hops[out[0]];
            let facts = vec![
                format!("\"{}\" fans out unchecked to {} agents", cx.element(e).name, out.len()),
                "untrusted content reaches it".to_owned(),
            ];
            hits.push(PathHit::new(vec![e, first.to], vec![first.flow], facts));
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::super::testing::{build, finding, ids, yes};

    fn relay(signed: bool) -> crate::Analysis {
        let check: &[(&str, maestro_model::PropertyValue)] = if signed { &[("signed", yes())] } else { &[] };
        build()
            .el("page", "web-content", &[])
            .el("a", "agent", &[])
            .el("b", "agent", &[])
            .el("c", "agent", &[])
            .flow("f0", "page", "a", &[])
            .flow("f1", "a", "b", check)
            .flow("f2", "b", "c", check)
            .analyse()
    }

    #[test]
    fn unchecked_messages_from_an_exposed_agent_reach_two_hops_down() {
        let analysis = relay(false);
        let cascade = finding(&analysis, "cascading-trust-failure:a->c");
        assert_eq!(cascade.path, ["a", "f1", "b", "f2", "c"]);
    }

    #[test]
    fn signed_messages_make_no_cascade() {
        assert!(ids(&relay(true), "cascading-trust-failure").is_empty());
    }
}

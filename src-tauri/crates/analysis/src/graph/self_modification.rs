//! Self-modification: an agent that can rewrite the instructions it loads.
//!
//! When an agent, itself or through its tools, writes to a store of instructions (system prompts,
//! templates, its configuration) that it then reads back, one manipulated turn becomes a standing
//! change to what it is told to do, surviving restarts and invisible in any single conversation.
//! A write is a one-way flow into the store (a request to it is a read). One breadth-first search
//! per agent through its tools; one finding per agent and store.

use super::{PathHit, describe_path, walk_back};
use crate::context::Context;
use maestro_catalog::KindTrait;
use std::collections::{HashMap, VecDeque};

pub(crate) fn find(cx: &Context) -> Vec<PathHit> {
    let n = cx.model.elements.len();
    let mut hits = Vec::new();
    for agent in (0..n).filter(|&e| cx.has(e, KindTrait::Agent) && !cx.has(e, KindTrait::Outside)) {
        // The agent's own tools only: the visited set stays small.
        let mut reached_by: HashMap<usize, Option<usize>> = HashMap::from([(agent, None)]);
        let mut queue = VecDeque::from([agent]);
        while let Some(at) = queue.pop_front() {
            for &h in &cx.hops_out[at] {
                let hop = &cx.hops[h];
                if reached_by.contains_key(&hop.to) || hop.side == crate::context::Side::Answer {
                    continue;
                }
                reached_by.insert(hop.to, Some(h));
                if cx.has(hop.to, KindTrait::Actor) {
                    queue.push_back(hop.to);
                }
            }
        }
        let written = |s: usize| {
            reached_by.get(&s).copied().flatten().is_some_and(|h| cx.hops[h].side == crate::context::Side::Data)
        };
        let mut stores: Vec<usize> = reached_by
            .keys()
            .copied()
            .filter(|&s| s != agent && cx.has(s, KindTrait::Instructions) && written(s))
            .collect();
        stores.sort_unstable();
        for store in stores {
            let Some(&back) = cx.hops_out[store].iter().find(|&&h| cx.hops[h].to == agent) else { continue };
            let (mut elements, mut flows) = walk_back(cx, store, |e| reached_by.get(&e).copied().flatten());
            elements.push(agent);
            flows.push(cx.hops[back].flow);
            let facts = vec![format!("it writes the instructions it loads: {}", describe_path(cx, &elements))];
            hits.push(PathHit::new(elements, flows, facts));
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::super::testing::{build, finding, ids};

    #[test]
    fn an_agent_that_writes_the_prompts_it_loads_can_rewrite_itself() {
        let analysis = build()
            .el("agent", "agent", &[])
            .el("files", "tool", &[])
            .el("prompts", "prompt-store", &[])
            .call("f1", "agent", "files")
            .flow("f2", "files", "prompts", &[])
            .flow("f3", "prompts", "agent", &[])
            .analyse();
        let found = finding(&analysis, "self-modification:agent");
        assert_eq!(found.path, ["agent", "f1", "files", "f2", "prompts", "f3", "agent"]);
        assert_eq!(found.layer.as_str(), "L3");
    }

    #[test]
    fn reading_its_prompts_is_not_writing_them() {
        let analysis = build()
            .el("agent", "agent", &[])
            .el("prompts", "prompt-store", &[])
            .call("f1", "agent", "prompts")
            .analyse();
        assert!(ids(&analysis, "self-modification").is_empty());
    }
}

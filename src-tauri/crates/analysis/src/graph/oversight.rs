//! Oversight gaps and single points of compromise.
//!
//! Oversight gap: an autonomous agent, or a tool that writes, executes, pays or communicates,
//! acting with no human approval stated and with no path at all to an observer (logging,
//! monitoring, a review console) — nobody can see, stop or reconstruct what it does. One
//! backwards search from every observer finds what is observed, in linear time.
//!
//! Single point of compromise: an agent that untrusted content reaches and that hands work
//! directly to three or more agents; whoever steers it commands them all.

use super::PathHit;
use crate::context::{Context, Side, Target};
use maestro_catalog::KindTrait;
use maestro_model::PropertyValue;
use std::collections::VecDeque;

const MANY: usize = 3;

pub(crate) fn gaps(cx: &Context) -> Vec<PathHit> {
    let n = cx.model.elements.len();
    // Everything with a path to an observer.
    let mut observed = vec![false; n];
    let mut queue: VecDeque<usize> = (0..n).filter(|&e| cx.has(e, KindTrait::Observer)).collect();
    queue.iter().for_each(|&e| observed[e] = true);
    while let Some(at) = queue.pop_front() {
        for &h in &cx.hops_in[at] {
            let before = cx.hops[h].from;
            if !observed[before] {
                observed[before] = true;
                queue.push_back(before);
            }
        }
    }
    let text = |v: &str| PropertyValue::Text(v.into());
    (0..n)
        .filter(|&e| !observed[e] && !cx.states(Target::Element(e), "human_approval", &PropertyValue::Bool(true)))
        .filter_map(|e| {
            let element = Target::Element(e);
            let fact = if cx.has(e, KindTrait::Agent)
                && !cx.has(e, KindTrait::Outside)
                && cx.is(element, "autonomy", &text("autonomous"))
            {
                "it acts autonomously"
            } else if cx.has(e, KindTrait::Actor)
                && ["write", "execute", "payment", "communicate"]
                    .iter()
                    .any(|v| cx.is(element, "side_effect", &text(v)))
            {
                "its actions change things outside it"
            } else {
                return None;
            };
            let facts =
                vec![fact.to_owned(), "no approval stated; no path to logging, monitoring or review".to_owned()];
            Some(PathHit::new(vec![e], vec![], facts))
        })
        .collect()
}

pub(crate) fn single_points(cx: &Context) -> Vec<PathHit> {
    (0..cx.model.elements.len())
        .filter(|&e| cx.has(e, KindTrait::Agent) && !cx.has(e, KindTrait::Outside) && cx.untrusted().raw.reached(e))
        .filter_map(|e| {
            let mut driven: Vec<usize> = cx.hops_out[e]
                .iter()
                .copied()
                .filter(|&h| cx.hops[h].side != Side::Answer && cx.has(cx.hops[h].to, KindTrait::Agent))
                .collect();
            driven.sort_by_key(|&h| cx.hops[h].to);
            driven.dedup_by_key(|h| cx.hops[*h].to);
            if driven.len() < MANY {
                return None;
            }
            let names: Vec<String> =
                driven.iter().take(4).map(|&h| format!("\"{}\"", cx.element(cx.hops[h].to).name)).collect();
            let facts = vec![
                format!("directs {} agents: {}", driven.len(), names.join(", ")),
                "untrusted content reaches it".to_owned(),
            ];
            let first = &cx.hops[driven[0]];
            let mut hit = PathHit::new(vec![e, first.to], vec![first.flow], facts);
            hit.subject = Some(e);
            Some(hit)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::testing::{build, finding, ids, text};

    #[test]
    fn an_unobserved_unapproved_tool_is_an_oversight_gap_and_a_log_closes_it() {
        let unobserved = build()
            .el("agent", "agent", &[])
            .el("pay", "tool", &[("side_effect", text("payment"))])
            .call("f1", "agent", "pay");
        let analysis = unobserved.analyse();
        assert!(finding(&analysis, "oversight-gap:pay").explanation.contains("no path to logging"));
        let observed = build()
            .el("agent", "agent", &[])
            .el("pay", "tool", &[("side_effect", text("payment"))])
            .el("log", "logging", &[])
            .call("f1", "agent", "pay")
            .flow("f2", "pay", "log", &[])
            .analyse();
        assert!(ids(&observed, "oversight-gap").is_empty());
    }

    #[test]
    fn an_exposed_agent_directing_three_agents_is_a_single_point_of_compromise() {
        let hub = |exposed: bool| {
            let mut b = build().el("boss", "orchestrator", &[]).el("a", "agent", &[]).el("b", "agent", &[]).el(
                "c",
                "agent",
                &[],
            );
            if exposed {
                b = b.el("page", "web-content", &[]).flow("f0", "page", "boss", &[]);
            }
            b.flow("f1", "boss", "a", &[]).flow("f2", "boss", "b", &[]).flow("f3", "boss", "c", &[]).analyse()
        };
        let analysis = hub(true);
        assert!(finding(&analysis, "single-point-of-compromise:boss").explanation.contains("directs 3 agents"));
        assert!(ids(&hub(false), "single-point-of-compromise").is_empty());
    }
}

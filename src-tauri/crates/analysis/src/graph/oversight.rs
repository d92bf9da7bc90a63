//! Oversight gaps and single points of compromise.
//!
//! Oversight gap: an autonomous agent, or a tool that writes, executes or pays, acting with no
//! human approval and with no path at all to logging, monitoring or a review console — nobody can
//! see, stop or reconstruct what it does. One backwards search from every observer finds what is
//! observed, in linear time.
//!
//! Single point of compromise: an orchestrator or agent that sends work directly to three or more
//! agents; whoever controls it commands them all.

use super::PathHit;
use crate::context::{Context, Target};
use maestro_model::PropertyValue;
use std::collections::VecDeque;

const OBSERVERS: &[&str] = &["logging", "monitoring", "hitl-console"];
const AGENTS: &[&str] = &["agent", "orchestrator"];
const ACTORS: &[&str] = &["tool", "code-interpreter", "mcp-server"];
const MANY: usize = 3;

pub(crate) fn gaps(cx: &Context) -> Vec<PathHit> {
    let n = cx.model.elements.len();
    // Everything with a path to an observer.
    let mut observed = vec![false; n];
    let mut queue: VecDeque<usize> = (0..n).filter(|&e| OBSERVERS.contains(&cx.kind_of(e))).collect();
    queue.iter().for_each(|&e| observed[e] = true);
    while let Some(at) = queue.pop_front() {
        for &f in &cx.incoming[at] {
            let before = cx.ends[f].0;
            if !observed[before] {
                observed[before] = true;
                queue.push_back(before);
            }
        }
    }
    let is = |e: usize, property: &str, value: PropertyValue| cx.value(Target::Element(e), property) == Some(&value);
    (0..n)
        .filter(|&e| !observed[e] && !is(e, "human_approval", PropertyValue::Bool(true)))
        .filter_map(|e| {
            let kind = cx.kind_of(e);
            let fact = if AGENTS.contains(&kind) && is(e, "autonomy", PropertyValue::Text("autonomous".into())) {
                "it acts autonomously"
            } else if ACTORS.contains(&kind)
                && ["write", "execute", "payment"]
                    .iter()
                    .any(|v| is(e, "side_effect", PropertyValue::Text((*v).into())))
            {
                "its actions cannot be undone"
            } else {
                return None;
            };
            let facts = vec![fact.to_owned(), "no approval; no path to logging, monitoring or review".to_owned()];
            Some(PathHit { elements: vec![e], flows: vec![], facts })
        })
        .collect()
}

pub(crate) fn single_points(cx: &Context) -> Vec<PathHit> {
    (0..cx.model.elements.len())
        .filter(|&e| AGENTS.contains(&cx.kind_of(e)))
        .filter_map(|e| {
            let mut driven: Vec<usize> =
                cx.outgoing[e].iter().copied().filter(|&f| AGENTS.contains(&cx.kind_of(cx.ends[f].1))).collect();
            driven.dedup_by_key(|f| cx.ends[*f].1);
            if driven.len() < MANY {
                return None;
            }
            let names: Vec<String> =
                driven.iter().take(4).map(|&f| format!("\"{}\"", cx.element(cx.ends[f].1).name)).collect();
            let facts = vec![format!("directs {} agents: {}", driven.len(), names.join(", "))];
            Some(PathHit { elements: vec![e, cx.ends[driven[0]].1], flows: vec![driven[0]], facts })
        })
        .collect()
}

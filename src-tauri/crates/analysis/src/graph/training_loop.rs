//! Training-loop escalation (L2 → L1): runtime data that trains a model agents use.
//!
//! When data that agents or outsiders write at run time flows, through a store, into a training
//! or fine-tuning pipeline whose model then serves agents, one poisoned input becomes every
//! consuming agent's behaviour. The number of agents using the model is the blast radius, given in
//! the explanation. One finding per pipeline and model it trains.

use super::{PathHit, describe_path};
use crate::context::Context;

const RUNTIME_STORES: &[&str] = &["memory", "vector-store", "document-store", "database", "logging"];
const MODELS: &[&str] = &["llm", "model-registry"];
const CONSUMERS: &[&str] = &["agent", "orchestrator"];

pub(crate) fn find(cx: &Context) -> Vec<PathHit> {
    let mut hits = Vec::new();
    for pipeline in (0..cx.model.elements.len()).filter(|&e| cx.kind_of(e) == "training-pipeline") {
        let Some(&feed) = cx.incoming[pipeline].iter().find(|&&f| RUNTIME_STORES.contains(&cx.kind_of(cx.ends[f].0)))
        else {
            continue;
        };
        let store = cx.ends[feed].0;
        // Runtime data: the store is itself written by someone.
        let Some(&write) = cx.incoming[store].iter().next() else { continue };
        for &train in cx.outgoing[pipeline].iter().filter(|&&f| MODELS.contains(&cx.kind_of(cx.ends[f].1))) {
            let model = cx.ends[train].1;
            let mut consumers: Vec<usize> = cx.outgoing[model]
                .iter()
                .map(|&f| cx.ends[f].1)
                .chain(cx.incoming[model].iter().map(|&f| cx.ends[f].0))
                .filter(|&e| CONSUMERS.contains(&cx.kind_of(e)))
                .collect();
            consumers.sort_unstable();
            consumers.dedup();
            if consumers.is_empty() {
                continue;
            }
            let elements = vec![cx.ends[write].0, store, pipeline, model];
            let facts = vec![
                format!("path {}", describe_path(cx, &elements)),
                format!("{} agent{} use the model", consumers.len(), if consumers.len() == 1 { "" } else { "s" }),
            ];
            hits.push(PathHit { elements, flows: vec![write, feed, train], facts });
        }
    }
    hits
}

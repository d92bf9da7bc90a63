//! Attack chains: from an untrusted entry point to a point of impact.
//!
//! Entries and impacts are the catalog rule's `from` and `to` conditions (by default:
//! internet-exposed elements, untrusted content, outside APIs, peer agents and people; tools that
//! write, execute or pay, sensitive stores, secrets, training pipelines, and autonomous agents that
//! publish to people). One breadth-first search from all entries at once finds, for every impact
//! point, the shortest chain from its nearest entry: one finding per impact point, never one per
//! path, in time linear in the model. The explanation lists the layers the chain crosses and the
//! controls missing along it.

use super::{PathHit, bfs_from, describe_path, path_to};
use crate::condition::holds;
use crate::context::{Context, Target};
use maestro_catalog::Condition;
use maestro_model::PropertyValue;

pub(crate) fn find(cx: &Context, from: &Condition, to: &Condition) -> Vec<PathHit> {
    let n = cx.model.elements.len();
    let entries: Vec<usize> = (0..n).filter(|&e| holds(cx, from, Target::Element(e))).collect();
    if entries.is_empty() {
        return Vec::new();
    }
    let reached_by = bfs_from(cx, &entries);
    (0..n)
        .filter(|&e| reached_by[e].is_some() && holds(cx, to, Target::Element(e)))
        .map(|impact| {
            let (elements, flows) = path_to(cx, &reached_by, impact);
            let mut facts = vec![format!("path {}", describe_path(cx, &elements))];
            let missing = missing_controls(cx, &elements, &flows);
            if !missing.is_empty() {
                facts.push(format!("missing along it: {}", missing.join(", ")));
            }
            PathHit { elements, flows, facts }
        })
        .collect()
}

/// The controls a chain passes without meeting: unvalidated and unauthenticated hops, an impact
/// with no human approval, code run without a sandbox.
fn missing_controls(cx: &Context, elements: &[usize], flows: &[usize]) -> Vec<String> {
    let is = |target: Target, property: &str, value: PropertyValue| cx.value(target, property) == Some(&value);
    let mut missing = Vec::new();
    let unvalidated = flows.iter().filter(|&&f| is(Target::Flow(f), "validated", PropertyValue::Bool(false))).count();
    if unvalidated > 0 {
        missing.push(format!("validation on {unvalidated} of {} hops", flows.len()));
    }
    let unauthenticated =
        flows.iter().filter(|&&f| is(Target::Flow(f), "authenticated", PropertyValue::Bool(false))).count();
    if unauthenticated > 0 {
        missing.push(format!("authentication on {unauthenticated} of {} hops", flows.len()));
    }
    if let Some(&impact) = elements.last() {
        let end = Target::Element(impact);
        if is(end, "human_approval", PropertyValue::Bool(false)) {
            missing.push(format!("human approval at \"{}\"", cx.element(impact).name));
        }
        if is(end, "side_effect", PropertyValue::Text("execute".into()))
            && is(end, "sandbox", PropertyValue::Text("none".into()))
        {
            missing.push(format!("a sandbox around \"{}\"", cx.element(impact).name));
        }
    }
    missing
}

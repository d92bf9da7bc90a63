//! Classification crossings: sensitive data going where it is trusted less.
//!
//! A flow carries confidential or restricted data (its own `classification`, or else its
//! sender's) to an outside party (external API, peer agent, untrusted content, agent registry),
//! to an element whose own classification is lower, or into a boundary of lower trust than the
//! sender's. One pass over the flows; one finding per crossing flow.

use super::PathHit;
use crate::context::{Context, Target};
use maestro_model::PropertyValue;

const OUTSIDE: &[&str] = &["external-api", "peer-agent", "web-content", "agent-registry"];
const LEVELS: &[&str] = &["public", "internal", "confidential", "restricted"];
const TRUST: &[&str] = &["untrusted", "partial", "trusted"];
/// How each trust level reads in a sentence.
const TRUST_PHRASE: &[&str] = &["an untrusted", "a partly trusted", "a trusted"];

fn rank(value: Option<&PropertyValue>, scale: &[&str]) -> Option<usize> {
    match value {
        Some(PropertyValue::Text(text)) => scale.iter().position(|l| l == text),
        _ => None,
    }
}

/// The trust of the least trusted boundary the element is in, directly or through nesting
/// (`partial` when unset), if any.
fn boundary_trust(cx: &Context, element: usize) -> Option<usize> {
    let id = &cx.element(element).id;
    cx.model.boundaries_around(id).into_iter().filter_map(|b| rank(b.properties.get("trust"), TRUST).or(Some(1))).min()
}

pub(crate) fn find(cx: &Context) -> Vec<PathHit> {
    let mut hits = Vec::new();
    for (f, &(from, to)) in cx.ends.iter().enumerate() {
        let carried =
            cx.flow(f).properties.get("classification").or_else(|| cx.value(Target::Element(from), "classification"));
        let Some(level) = rank(carried, LEVELS).filter(|&l| l >= 2) else { continue };
        let level_name = LEVELS[level];
        let receiver = cx.element(to);
        let why = if OUTSIDE.contains(&cx.kind_of(to)) {
            Some(format!("{level_name} data leaves the system to \"{}\" ({})", receiver.name, receiver.kind))
        } else if let Some(lower) = rank(cx.value(Target::Element(to), "classification"), LEVELS).filter(|&r| r < level)
        {
            Some(format!("{level_name} data goes to \"{}\", cleared only for {} data", receiver.name, LEVELS[lower]))
        } else {
            match (boundary_trust(cx, from), boundary_trust(cx, to)) {
                (Some(source), Some(dest)) if dest < source => Some(format!(
                    "{level_name} data moves from {} boundary into {} one",
                    TRUST_PHRASE[source], TRUST_PHRASE[dest]
                )),
                _ => None,
            }
        };
        if let Some(why) = why {
            hits.push(PathHit { elements: vec![from, to], flows: vec![f], facts: vec![why] });
        }
    }
    hits
}

//! Rogue insiders: one of the system's own agents, turned.
//!
//! A rogue agent need not be someone else's. An agent of the system's own that acts on its own and
//! plans its own steps,
//! that untrusted content reaches unchecked (see [`super::untrusted`]), and whose messages other
//! agents act on without a signature or validation, keeps its place and their trust once an
//! attacker's instructions have turned it. The path runs from where the attacker is, through the
//! agent, to the first agent that takes its word; the finding is about the agent. One pass.

use super::{PathHit, describe_path};
use crate::context::{Context, Target};
use maestro_catalog::KindTrait;
use maestro_model::PropertyValue;

pub(crate) fn find(cx: &Context) -> Vec<PathHit> {
    let untrusted = cx.untrusted();
    let yes = PropertyValue::Bool(true);
    let autonomous = PropertyValue::Text("autonomous".into());
    let mut hits = Vec::new();
    for agent in 0..cx.model.elements.len() {
        let element = Target::Element(agent);
        if !cx.has(agent, KindTrait::Agent)
            || cx.has(agent, KindTrait::Outside)
            || !cx.is(element, "autonomy", &autonomous)
            || !cx.is(element, "workflow", &PropertyValue::Text("open-ended".into()))
            || !untrusted.unchecked.reached(agent)
        {
            continue;
        }
        let trusting = cx.hops_out[agent].iter().copied().find(|&h| {
            let hop = &cx.hops[h];
            cx.has(hop.to, KindTrait::Agent)
                && !cx.has(hop.to, KindTrait::Outside)
                && !cx.states(Target::Flow(hop.flow), "signed", &yes)
                && !cx.states(Target::Flow(hop.flow), "validated", &yes)
        });
        let Some(trusting) = trusting else { continue };
        let (mut elements, mut flows) = untrusted.unchecked.path(cx, agent);
        elements.push(cx.hops[trusting].to);
        flows.push(cx.hops[trusting].flow);
        let facts = vec![
            format!("untrusted content reaches it along {}", describe_path(cx, &elements[..elements.len() - 1])),
            format!("it acts on its own, and \"{}\" acts on what it sends unchecked", cx.element(cx.hops[trusting].to).name),
        ];
        let mut hit = PathHit::new(elements, flows, facts);
        hit.subject = Some(agent);
        hits.push(hit);
    }
    hits
}

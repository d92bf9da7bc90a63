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
            format!(
                "it acts on its own, and \"{}\" acts on what it sends unchecked",
                cx.element(cx.hops[trusting].to).name
            ),
        ];
        let mut hit = PathHit::new(elements, flows, facts);
        hit.subject = Some(agent);
        hits.push(hit);
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::super::testing::{build, finding, ids, text, yes};

    fn soc(signed: bool) -> crate::Analysis {
        let check: &[(&str, maestro_model::PropertyValue)] = if signed { &[("signed", yes())] } else { &[] };
        build()
            .el("feed", "external-api", &[])
            .el("intel", "agent", &[("autonomy", text("autonomous")), ("workflow", text("open-ended"))])
            .el("lead", "orchestrator", &[])
            .flow("f1", "feed", "intel", &[])
            .flow("f2", "intel", "lead", check)
            .analyse()
    }

    #[test]
    fn an_exposed_autonomous_agent_others_take_at_its_word_can_go_rogue() {
        let analysis = soc(false);
        let rogue = finding(&analysis, "rogue-agent:intel");
        assert_eq!(rogue.path, ["feed", "f1", "intel", "f2", "lead"]);
        assert_eq!(rogue.layer.as_str(), "cross-layer");
    }

    #[test]
    fn signed_messages_it_sends_are_checked_so_it_is_no_rogue_insider() {
        assert!(ids(&soc(true), "rogue-agent").is_empty());
    }
}

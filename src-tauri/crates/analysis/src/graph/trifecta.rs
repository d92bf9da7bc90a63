//! The lethal trifecta: one agent that holds private data, reads untrusted content and can send
//! data out.
//!
//! Each on its own is ordinary. Together, instructions hidden in the untrusted content can tell
//! the agent to send the private data out, and no injection defence is reliable enough to rule
//! that out; the sure fix is to take one of the three away. An agent has private data when data
//! the model labels confidential or restricted reaches it (see [`super::sensitivity`]); it is
//! exposed when untrusted content reaches it over channels without validation (see
//! [`super::untrusted`]); its way out is an outbound channel of its own that sends (see
//! [`super::outbound`]) — an agent whose only way out is its rendered answers has the
//! link-exfiltration finding instead, since rendering controls close that one.
//! Data and content that reach an agent through other agents count, so a delegation chain whose
//! members hold one leg each is found at the agent with the way out. One finding per agent, with
//! the three legs as paths; the finding is about the agent.

use super::outbound;
use super::{Leg, PathHit, describe_path};
use crate::condition::private_data_fact;
use crate::context::Context;
use maestro_catalog::KindTrait;

pub(crate) fn find(cx: &Context) -> Vec<PathHit> {
    let untrusted = cx.untrusted();
    let sensitivity = cx.sensitivity();
    let mut hits = Vec::new();
    for agent in (0..cx.model.elements.len()).filter(|&e| cx.has(e, KindTrait::Agent) && !cx.has(e, KindTrait::Outside))
    {
        if !sensitivity.holds_private(agent) || !untrusted.unchecked.reached(agent) {
            continue;
        }
        // Rendered links as the only way out are the link-exfiltration finding's; the trifecta
        // is about an agent that can also send.
        let Some(out) = outbound::sending_channel(cx, agent) else { continue };
        let (data_elements, data_flows) = sensitivity.path_to(cx, agent);
        let (input_elements, input_flows) = untrusted.unchecked.path(cx, agent);
        let input_fact = match input_elements.as_slice() {
            [_] => format!("it is itself exposed: {}", untrusted.why_source[agent].as_deref().unwrap_or("untrusted")),
            _ => format!("untrusted content reaches it along {}", describe_path(cx, &input_elements)),
        };
        let facts = vec![private_data_fact(cx, agent), input_fact, out.fact.clone()];
        // The finding's path: where the attacker's text comes from, through the agent, to the way out.
        let mut elements = input_elements.clone();
        let mut flows = input_flows.clone();
        elements.extend(out.elements.iter().skip(1));
        flows.extend(&out.flows);
        let mut hit = PathHit::new(elements, flows, facts);
        hit.subject = Some(agent);
        let others = untrusted.other_origins(cx, agent, &input_elements);
        hit.legs = vec![
            Leg { name: "private data".into(), elements: data_elements, flows: data_flows },
            Leg { name: "untrusted content".into(), elements: input_elements, flows: input_flows },
            Leg { name: "way out".into(), elements: out.elements, flows: out.flows },
        ];
        hit.legs.extend(others);
        hits.push(hit);
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::super::testing::{build, finding, ids, text};

    fn assistant(mailer: &str) -> crate::Analysis {
        build()
            .el("page", "web-content", &[])
            .el("crm", "database", &[("classification", text("confidential"))])
            .el("agent", "agent", &[])
            .el("mailer", "tool", &[("side_effect", text(mailer))])
            .flow("f1", "page", "agent", &[])
            .call("f2", "agent", "crm")
            .call("f3", "agent", "mailer")
            .analyse()
    }

    #[test]
    fn private_data_untrusted_content_and_a_way_out_in_one_agent() {
        let analysis = assistant("communicate");
        let trifecta = finding(&analysis, "lethal-trifecta:agent");
        let legs: Vec<&str> = trifecta.legs.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(legs, ["private data", "untrusted content", "way out"]);
        assert_eq!(trifecta.legs[0].path, ["crm", "f2", "agent"]);
        assert_eq!(trifecta.legs[2].path, ["agent", "f3", "mailer"]);
    }

    #[test]
    fn without_a_way_out_there_is_no_trifecta() {
        assert!(ids(&assistant("read"), "lethal-trifecta").is_empty());
    }

    #[test]
    fn rendered_links_alone_are_link_exfiltration_not_a_trifecta() {
        let analysis = build()
            .el("page", "web-content", &[])
            .el("crm", "database", &[("classification", text("confidential"))])
            .el("agent", "agent", &[("output_rendering", text("rich"))])
            .flow("f1", "page", "agent", &[])
            .call("f2", "agent", "crm")
            .analyse();
        assert!(ids(&analysis, "lethal-trifecta").is_empty());
        assert_eq!(ids(&analysis, "link-exfiltration"), ["link-exfiltration:agent"]);
    }
}

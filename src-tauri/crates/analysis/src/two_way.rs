//! Two-way flows: one edge on the diagram, data moving both ways.
//!
//! A flow whose `role` is `two-way` stands for two peers that each send the other data on their
//! own initiative (agents talking over a shared channel, a sync between two stores). Unlike a
//! `request`, neither side is only answering: what one peer sends, the other may pass on.
//!
//! The analysis sees such a flow as the flow drawn plus its mirror image: the same id and
//! properties, the ends swapped, appended after the model's own flows. Every rule and every path
//! search then looks at both directions with nothing special to know; the findings on the mirror
//! are filed under the flow drawn (see `Context::channel_of`), so the user sees one edge and one
//! finding per threat, explained in the direction that made it apply.

use maestro_model::{Flow, Model, PropertyValue};
use std::borrow::Cow;

/// The value of the `role` property that makes a flow two-way.
pub(crate) const TWO_WAY: &str = "two-way";

/// Whether the flow states that data moves both ways along it.
pub(crate) fn is_two_way(flow: &Flow) -> bool {
    matches!(flow.properties.get("role"), Some(PropertyValue::Text(role)) if role == TWO_WAY)
}

/// The model with every two-way flow's mirror appended; the model itself when it has none.
pub(crate) fn with_mirrors(model: &Model) -> Cow<'_, Model> {
    if !model.flows.iter().any(is_two_way) {
        return Cow::Borrowed(model);
    }
    let mut directed = model.clone();
    let mirrors: Vec<Flow> = model
        .flows
        .iter()
        .filter(|flow| is_two_way(flow))
        .map(|flow| Flow { from: flow.to.clone(), to: flow.from.clone(), ..flow.clone() })
        .collect();
    directed.flows.extend(mirrors);
    Cow::Owned(directed)
}

#[cfg(test)]
mod tests {
    use crate::graph::testing::{build, finding, ids, text};
    use crate::{ReachDirection, reach};
    use maestro_catalog::Catalog;

    const THREAT: &str = "communication-poisoning";

    /// An agent and an outside agent, joined by one flow drawn from our agent to the peer.
    fn agent_and_peer(role: &str) -> crate::graph::testing::Build {
        build().el("us", "agent", &[]).el("peer", "peer-agent", &[]).flow("chat", "us", "peer", &[("role", text(role))])
    }

    #[test]
    fn what_a_two_way_flow_carries_back_is_checked_as_if_drawn() {
        // Drawn one way only, the peer's messages never arrive: nothing to check.
        assert!(ids(&agent_and_peer("data").analyse(), THREAT).is_empty());
        // Two-way, the peer's unsigned, unvalidated messages arrive at our agent.
        let analysis = agent_and_peer("two-way").analyse();
        assert_eq!(ids(&analysis, THREAT), [format!("{THREAT}:chat")]);
        let found = finding(&analysis, &format!("{THREAT}:chat"));
        assert_eq!(found.targets, ["chat"], "filed under the one flow drawn");
        assert!(
            found.explanation.contains("from \"peer\" to \"us\""),
            "explained in the direction that made it apply: {}",
            found.explanation
        );
    }

    #[test]
    fn a_two_way_flow_gives_each_finding_once() {
        let analysis = agent_and_peer("two-way").analyse();
        let mut seen: Vec<&str> = analysis.findings.iter().map(|f| f.id.as_str()).collect();
        let count = seen.len();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), count, "no finding id twice: {seen:?}");
        assert!(analysis.findings.iter().all(|f| f.targets.iter().all(|t| t == "us" || t == "peer" || t == "chat")));
    }

    #[test]
    fn a_control_stated_on_a_two_way_flow_covers_both_directions() {
        let signed = build()
            .el("us", "agent", &[])
            .el("peer", "peer-agent", &[])
            .flow("chat", "us", "peer", &[("role", text("two-way")), ("signed", crate::graph::testing::yes())])
            .analyse();
        assert!(ids(&signed, THREAT).is_empty());
    }

    #[test]
    fn reach_follows_a_two_way_flow_both_ways() {
        let model = agent_and_peer("two-way").model();
        let from_peer = reach(&model, Catalog::builtin(), &"peer".into(), ReachDirection::Downstream).expect("peer");
        assert_eq!(from_peer.reached.iter().map(|r| r.element.as_str()).collect::<Vec<_>>(), ["us"]);
        let one_way = agent_and_peer("data").model();
        let from_peer = reach(&one_way, Catalog::builtin(), &"peer".into(), ReachDirection::Downstream).expect("peer");
        assert!(from_peer.reached.is_empty());
    }

    #[test]
    fn the_model_is_not_copied_without_two_way_flows() {
        let model = agent_and_peer("request").model();
        assert!(matches!(super::with_mirrors(&model), std::borrow::Cow::Borrowed(_)));
    }
}

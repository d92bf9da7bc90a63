//! Classification crossings: labelled data going where it is trusted less.
//!
//! Data the model labels confidential or restricted flows along channels, over any number of
//! hops (see [`super::sensitivity`]). A crossing is the hop where it first reaches an element
//! cleared for less — one that states a lower classification, a party outside the system, or an
//! element in a boundary that states less trust — from one cleared for it. Only what the model
//! labels counts: no default classification or trust ever makes a crossing. One finding per
//! crossing hop, with the way from the label to the crossing as its path.

use super::sensitivity::{LEVELS, rank};
use super::{Leg, PathHit, describe_path};
use crate::context::{Context, Target};

pub(crate) fn find(cx: &Context) -> Vec<PathHit> {
    let sensitivity = cx.sensitivity();
    sensitivity
        .crossings
        .iter()
        .map(|crossing| {
            let hop = &cx.hops[crossing.hop];
            let (mut elements, mut flows) = sensitivity.path_at(cx, crossing.level, hop.from);
            if elements.is_empty() {
                elements.push(hop.from);
            }
            elements.push(hop.to);
            flows.push(hop.flow);
            let level = LEVELS[crossing.level];
            let why = sensitivity.clearance[hop.to].as_ref().map_or("", |(_, why)| why.as_str());
            let facts = vec![
                format!("{level} data reaches \"{}\", where {why}", cx.element(hop.to).name),
                format!("path {}", describe_path(cx, &elements)),
            ];
            let mut legs = sensitivity.other_origins(cx, crossing.level, hop.from, &elements);
            // Flows labelled at this level into the sender are ways in too (a bureau's report
            // handed to the agent that sends it on).
            for &f in &cx.incoming[hop.from] {
                let sender = cx.ends[f].0;
                let labelled = rank(cx.stated(Target::Flow(f), "classification")).is_some_and(|l| l >= crossing.level);
                let shown = elements.contains(&sender) || legs.iter().any(|leg| leg.elements.contains(&sender));
                if labelled && !shown {
                    legs.push(Leg {
                        name: format!("from {}", cx.element(sender).name),
                        elements: vec![sender, hop.from],
                        flows: vec![f],
                    });
                }
            }
            let mut hit = PathHit::new(elements, flows, facts);
            hit.legs = legs;
            hit
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::testing::{build, finding, ids, text};

    #[test]
    fn restricted_data_relayed_by_an_agent_into_an_untrusted_boundary_is_a_crossing() {
        let analysis = build()
            .el("vault", "database", &[("classification", text("restricted"))])
            .el("agent", "agent", &[])
            .el("partner", "agent", &[])
            .flow("f1", "vault", "agent", &[])
            .flow("f2", "agent", "partner", &[])
            .boundary("inside", "trusted", &["vault", "agent"])
            .boundary("outside", "untrusted", &["partner"])
            .analyse();
        let crossing = finding(&analysis, "classification-crossing:vault->partner");
        assert_eq!(crossing.path, ["vault", "f1", "agent", "f2", "partner"]);
        assert!(crossing.explanation.contains("trust = untrusted"), "{}", crossing.explanation);
    }

    #[test]
    fn nothing_crosses_without_a_label_or_into_a_boundary_that_says_nothing() {
        let unlabelled = build()
            .el("db", "database", &[])
            .el("partner", "external-api", &[])
            .flow("f1", "db", "partner", &[])
            .analyse();
        assert!(ids(&unlabelled, "classification-crossing").is_empty());
        let unstated = build()
            .el("vault", "database", &[("classification", text("confidential"))])
            .el("agent", "agent", &[])
            .flow("f1", "vault", "agent", &[])
            .analyse();
        assert!(ids(&unstated, "classification-crossing").is_empty());
    }

    #[test]
    fn every_way_labelled_data_reaches_the_same_receiver_is_kept_as_a_leg() {
        let analysis = build()
            .el("vault", "database", &[("classification", text("restricted"))])
            .el("agent", "agent", &[])
            .el("scorer", "tool", &[])
            .el("model", "llm", &[])
            .flow("f1", "vault", "agent", &[])
            .flow("f2", "agent", "model", &[])
            .flow("f4", "scorer", "model", &[("classification", text("restricted"))])
            .boundary("provider", "partial", &["model"])
            .analyse();
        let crossings = ids(&analysis, "classification-crossing");
        assert_eq!(crossings.len(), 1, "one risk at one receiver: {crossings:?}");
        let crossing = finding(&analysis, &crossings[0]);
        let mut ways: Vec<&Vec<String>> = crossing.legs.iter().map(|l| &l.path).collect();
        ways.push(&crossing.path);
        assert!(ways.iter().any(|p| p.first().is_some_and(|e| e == "vault")), "{ways:?}");
        assert!(ways.iter().any(|p| p.first().is_some_and(|e| e == "scorer")), "{ways:?}");
    }
}

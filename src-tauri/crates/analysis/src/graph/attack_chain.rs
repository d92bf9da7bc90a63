//! Attack chains: from where an attacker really is to a point of impact.
//!
//! Entries and impacts are the catalog rule's `from` and `to` conditions: by default entries are
//! the untrusted sources (see [`super::untrusted`]) — never the system's own signed-in users,
//! unless the analysis treats insiders as attackers — and impacts are actions that take effect
//! where they are (see [`super::impact`]): tools that write, execute, pay or communicate with no
//! person approving, and deployments.
//!
//! A store or tool that only holds what a person or outside party wrote (a ticket queue an
//! outsider writes to) relays it: the chain starts at that person or party, not at the relay.
//! A message sent only back to the person whose input started the chain is no chain from them
//! (what it can carry out of the system is the trifecta analysis's business).
//!
//! One pass from all entries at once, over channels that state no validation, carries to every
//! element the entries that reach it (up to twelve) and the way each came; a validated channel
//! cuts the chain, and a request to a store (a query) puts nothing into it.
//! Every chain is kept, one per entry and point of impact, and reported as one finding per point of
//! impact: the shortest chain from where an attacker is is its path, and the chains from the other
//! entries are its further legs. The explanation lists the layers the chain crosses and the
//! controls missing along it. Near-linear in the model: each element's set of entries grows at
//! most twelve times.

use super::flood::Origins;
use super::untrusted::{carries_content, is_origin};
use super::{Leg, PathHit, describe_path};
use crate::condition::holds;
use crate::context::{Context, Hop, Side, Target};
use maestro_catalog::{Condition, KindTrait};
use maestro_model::PropertyValue;

/// How many entries' chains a point of impact keeps; beyond that, the nearest are named.
const ENTRIES_PER_IMPACT: usize = 12;

pub(crate) fn find(cx: &Context, from: &Condition, to: &Condition) -> Vec<PathHit> {
    let n = cx.model.elements.len();
    let candidates: Vec<usize> = (0..n).filter(|&e| holds(cx, from, Target::Element(e))).collect();
    let impacts: Vec<usize> = (0..n).filter(|&e| holds(cx, to, Target::Element(e))).collect();
    if candidates.is_empty() || impacts.is_empty() {
        return Vec::new();
    }
    let pass = |hop: &Hop| carries_content(cx, hop) && !cx.validated(hop.flow);
    let conduit = |e: usize| !cx.has(e, KindTrait::Person) && !cx.has(e, KindTrait::Model);
    // Origins (people, outside parties, untrusted boundaries) travel first, so that where one
    // wrote what a store or inbox holds, its chain is the one shown.
    let mut ordered: Vec<usize> = candidates.iter().copied().filter(|&e| is_origin(cx, e)).collect();
    ordered.extend(candidates.iter().copied().filter(|&e| !is_origin(cx, e)));
    let origins = Origins::run(cx, &ordered, ENTRIES_PER_IMPACT, &pass, &conduit);
    // A store or tool that only holds what an origin wrote relays it: the chain starts at the origin.
    // (Only the origins that arrived at an element can have written what it holds.)
    let relays = |e: usize| !is_origin(cx, e) && origins.content_from(e).any(|o| o != e && is_origin(cx, o));
    let mut is_entry = vec![false; n];
    for &e in &ordered {
        is_entry[e] = !relays(e);
    }
    let mut chains: Vec<Vec<(Vec<usize>, Vec<usize>)>> = vec![Vec::new(); n];
    for &impact in &impacts {
        let recipients = recipients(cx, impact);
        // A chain reaches the impact's input, not only the answer to the impact's own request: a
        // tool has already acted when its callee answers it.
        for entry in origins
            .of(impact)
            .into_iter()
            .filter(|&e| e != impact && is_entry[e] && origins.reaches_input(cx, e, impact))
        {
            // A message that goes back only to whoever started the chain — the entry, or the
            // people who wrote what it holds — tells them what they can already see (what it may
            // carry out is the trifecta's business).
            let wrote_it = |r: usize| {
                r == entry || cx.hops_in[entry].iter().any(|&h| cx.hops[h].from == r && cx.hops[h].side == Side::Data)
            };
            if !recipients.is_empty() && recipients.iter().all(|&r| wrote_it(r)) {
                continue;
            }
            chains[impact].push(origins.input_path(cx, entry, impact));
        }
    }
    let reached: Vec<usize> = impacts.into_iter().filter(|&impact| !chains[impact].is_empty()).collect();
    reached
        .into_iter()
        .map(|impact| {
            let mut found = std::mem::take(&mut chains[impact]);
            // The shortest chain from where an attacker is first, then the others by length; ties
            // in entry order.
            found.sort_by_key(|(elements, _)| (!is_origin(cx, elements[0]), elements.len()));
            let (elements, flows) = found.remove(0);
            let mut facts = vec![format!("chain {}", describe_path(cx, &elements))];
            if !found.is_empty() {
                let others: Vec<String> = found.iter().map(|(e, _)| format!("\"{}\"", cx.element(e[0]).name)).collect();
                facts.push(format!("also reached from {}", others.join(", ")));
            }
            let missing = missing_controls(cx, &elements, &flows);
            if !missing.is_empty() {
                facts.push(format!("missing along it: {}", missing.join(", ")));
            }
            let mut hit = PathHit::new(elements, flows, facts);
            hit.subject = Some(impact);
            hit.legs = found
                .into_iter()
                .map(|(elements, flows)| Leg {
                    name: format!("from {}", cx.element(elements[0]).name),
                    elements,
                    flows,
                })
                .collect();
            hit
        })
        .collect()
}

/// The people a communicating point of impact sends to, when it sends only to people drawn in
/// the model. Empty when it does not communicate, or sends through a service (a mailbox, an API)
/// that can reach anyone.
fn recipients(cx: &Context, e: usize) -> Vec<usize> {
    if !cx.states(Target::Element(e), "side_effect", &PropertyValue::Text("communicate".into())) {
        return Vec::new();
    }
    let to: Vec<usize> =
        cx.hops_out[e].iter().map(|&h| &cx.hops[h]).filter(|hop| hop.side != Side::Answer).map(|hop| hop.to).collect();
    if to.iter().all(|&r| cx.has(r, KindTrait::Person)) { to } else { Vec::new() }
}

/// The controls a chain passes without meeting: hops not stated as validated or authenticated,
/// an impact no person approves, code run without a kernel-level sandbox.
fn missing_controls(cx: &Context, elements: &[usize], flows: &[usize]) -> Vec<String> {
    let yes = PropertyValue::Bool(true);
    let mut missing = Vec::new();
    let count = |property: &str| flows.iter().filter(|&&f| !cx.states(Target::Flow(f), property, &yes)).count();
    let unvalidated = count("validated");
    if unvalidated > 0 {
        missing.push(format!("validation on {unvalidated} of {} hops", flows.len()));
    }
    let unauthenticated = count("authenticated");
    if unauthenticated > 0 {
        missing.push(format!("authentication on {unauthenticated} of {} hops", flows.len()));
    }
    if let Some(&impact) = elements.last() {
        let end = Target::Element(impact);
        if cx.value(end, "human_approval").is_some() && !cx.states(end, "human_approval", &yes) {
            missing.push(format!("human approval at \"{}\"", cx.element(impact).name));
        }
        let strong = ["gvisor", "microvm"].map(|s| PropertyValue::Text(s.into()));
        if cx.is(end, "side_effect", &PropertyValue::Text("execute".into()))
            && !strong.iter().any(|s| cx.states(end, "sandbox", s))
        {
            missing.push(format!("a kernel-level sandbox around \"{}\"", cx.element(impact).name));
        }
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::super::testing::{build, finding, ids, text, yes};

    fn crew(
        tool: &[(&str, maestro_model::PropertyValue)],
        hop: &[(&str, maestro_model::PropertyValue)],
    ) -> crate::Analysis {
        let mut props = vec![("side_effect", text("write"))];
        props.extend_from_slice(tool);
        build()
            .el("page", "web-content", &[])
            .el("agent", "agent", &[])
            .el("writer", "tool", &props)
            .flow("f1", "page", "agent", hop)
            .call("f2", "agent", "writer")
            .analyse()
    }

    #[test]
    fn a_chain_runs_from_the_attackers_content_to_the_consequential_tool() {
        let analysis = crew(&[], &[]);
        let chain = finding(&analysis, "untrusted-input-to-impact:writer");
        assert_eq!(chain.path, ["page", "f1", "agent", "f2", "writer"]);
        assert_eq!(chain.layer.as_str(), "cross-layer");
        assert!(chain.explanation.contains("missing along it: validation on 2 of 2 hops"), "{}", chain.explanation);
        // The chain says the tool is misused; it is not reported again on its own.
        assert!(chain.also.contains(&"tool-misuse".to_owned()));
        assert!(!analysis.findings.iter().any(|f| f.id == "tool-misuse:writer"));
    }

    #[test]
    fn approval_at_the_impact_or_validation_on_the_way_leaves_no_chain() {
        assert!(ids(&crew(&[("human_approval", yes())], &[]), "untrusted-input-to-impact").is_empty());
        assert!(ids(&crew(&[], &[("validated", yes())]), "untrusted-input-to-impact").is_empty());
    }

    #[test]
    fn every_entry_that_reaches_the_impact_is_kept_as_a_leg() {
        let analysis = build()
            .el("page", "web-content", &[])
            .el("inbox", "tool", &[("untrusted_content", yes())])
            .el("agent", "agent", &[])
            .el("mailer", "tool", &[("side_effect", text("communicate"))])
            .flow("f1", "page", "agent", &[])
            .call("f2", "agent", "inbox")
            .call("f3", "agent", "mailer")
            .analyse();
        let chain = finding(&analysis, "untrusted-input-to-impact:mailer");
        assert_eq!(chain.legs.len(), 1, "{:?}", chain.legs);
        assert!(chain.legs[0].path.first().is_some_and(|e| e == "inbox"));
    }

    #[test]
    fn the_chain_starts_at_the_person_who_wrote_what_a_store_holds() {
        let analysis = build()
            .el("sender", "human", &[("principal", text("anonymous"))])
            .el("tickets", "document-store", &[("untrusted_content", yes())])
            .el("agent", "agent", &[])
            .el("payer", "tool", &[("side_effect", text("payment"))])
            .flow("f1", "sender", "tickets", &[])
            .flow("f2", "tickets", "agent", &[])
            .call("f3", "agent", "payer")
            .analyse();
        let chain = finding(&analysis, "untrusted-input-to-impact:payer");
        assert_eq!(chain.path.first().map(String::as_str), Some("sender"), "{:?}", chain.path);
        assert!(chain.legs.is_empty(), "the store only relays what the sender wrote: {:?}", chain.legs);
    }

    #[test]
    fn a_reply_that_goes_only_to_the_person_who_wrote_the_input_is_no_chain() {
        let reply_to = |recipient: &str| {
            build()
                .el("sender", "human", &[("principal", text("anonymous"))])
                .el("other", "human", &[("principal", text("authenticated"))])
                .el("agent", "agent", &[])
                .el("reply", "tool", &[("side_effect", text("communicate"))])
                .flow("f1", "sender", "agent", &[])
                .call("f2", "agent", "reply")
                .flow("f3", "reply", recipient, &[])
                .analyse()
        };
        assert!(ids(&reply_to("sender"), "untrusted-input-to-impact").is_empty());
        // The same when the person wrote what a store holds and the letter goes back to them.
        let letter = build()
            .el("applicant", "human", &[("principal", text("authenticated"))])
            .el("uploads", "document-store", &[("untrusted_content", yes())])
            .el("agent", "agent", &[])
            .el("letters", "tool", &[("side_effect", text("communicate"))])
            .flow("f1", "applicant", "uploads", &[])
            .flow("f2", "uploads", "agent", &[])
            .call("f3", "agent", "letters")
            .flow("f4", "letters", "applicant", &[])
            .analyse();
        assert!(ids(&letter, "untrusted-input-to-impact").is_empty());
        assert_eq!(ids(&reply_to("other"), "untrusted-input-to-impact"), ["untrusted-input-to-impact:reply"]);
    }

    #[test]
    fn a_write_that_lands_in_a_modelled_element_is_a_step_the_chain_goes_on_through() {
        let analysis = build()
            .el("page", "web-content", &[])
            .el("agent", "agent", &[])
            .el("commit", "tool", &[("side_effect", text("write"))])
            .el("repo", "document-store", &[])
            .el("deployer", "tool", &[("side_effect", text("execute"))])
            .flow("f1", "page", "agent", &[])
            .call("f2", "agent", "commit")
            .flow("f3", "commit", "repo", &[])
            .flow("f4", "repo", "deployer", &[])
            .analyse();
        assert_eq!(ids(&analysis, "untrusted-input-to-impact"), ["untrusted-input-to-impact:deployer"]);
        let chain = finding(&analysis, "untrusted-input-to-impact:deployer");
        assert!(chain.path.iter().any(|p| p == "commit"), "{:?}", chain.path);
        assert!(
            !analysis.findings.iter().any(|f| f.id == "tool-misuse:commit"),
            "the write is a step, not misuse of its own"
        );
    }
}

//! Attack chains: from where an attacker really is to a point of impact.
//!
//! Entries and impacts are the catalog rule's `from` and `to` conditions: by default entries are
//! the untrusted sources (see [`super::untrusted`]) — never the system's own signed-in users,
//! unless the analysis treats insiders as attackers — and impacts are tools that write, execute,
//! pay or communicate with no person approving, secrets, and training pipelines.
//!
//! One pass from all entries at once, over channels that state no validation, carries to every
//! element the entries that reach it (up to twelve) and the way each came; a validated channel
//! cuts the chain, so there is no chain through it.
//! Every chain is kept, one per entry and point of impact, and reported as one finding per point of
//! impact: the shortest chain is its path, and the chains from the other entries are its further
//! legs. The explanation lists the layers the chain crosses and the controls missing
//! along it. Near-linear in the model: each element's set of entries grows at most twelve times.

use super::flood::Origins;
use super::{Leg, PathHit, describe_path};
use crate::condition::holds;
use crate::context::{Context, Hop, Target};
use maestro_catalog::{Condition, KindTrait};
use maestro_model::PropertyValue;

/// How many entries' chains a point of impact keeps; beyond that, the nearest are named.
const ENTRIES_PER_IMPACT: usize = 12;

pub(crate) fn find(cx: &Context, from: &Condition, to: &Condition) -> Vec<PathHit> {
    let n = cx.model.elements.len();
    let entries: Vec<usize> = (0..n).filter(|&e| holds(cx, from, Target::Element(e))).collect();
    let impacts: Vec<usize> = (0..n).filter(|&e| holds(cx, to, Target::Element(e))).collect();
    if entries.is_empty() || impacts.is_empty() {
        return Vec::new();
    }
    let unchecked = |hop: &Hop| !cx.validated(hop.flow);
    // Per impact: the chains reaching it, one per entry (up to a bound), in arrival order.
    let conduit = |e: usize| !cx.has(e, KindTrait::Person) && !cx.has(e, KindTrait::Model);
    let origins = Origins::run(cx, &entries, ENTRIES_PER_IMPACT, &unchecked, &conduit);
    let mut chains: Vec<Vec<(Vec<usize>, Vec<usize>)>> = vec![Vec::new(); n];
    for &impact in &impacts {
        // A chain reaches the impact's input, not only the answer to the impact's own request: a
        // tool has already acted when its callee answers it.
        for entry in origins.of(impact).into_iter().filter(|&e| e != impact && origins.reaches_input(cx, e, impact)) {
            chains[impact].push(origins.input_path(cx, entry, impact));
        }
    }
    let reached: Vec<usize> = impacts.into_iter().filter(|&impact| !chains[impact].is_empty()).collect();
    reached
        .into_iter()
        .map(|impact| {
            let mut found = std::mem::take(&mut chains[impact]);
            // The shortest chain first; ties in entry order.
            found.sort_by_key(|(elements, _)| elements.len());
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
}

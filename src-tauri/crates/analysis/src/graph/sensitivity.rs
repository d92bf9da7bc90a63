//! Labelled data and where it goes: classification flowing along channels.
//!
//! Only what the model labels counts: an element or a flow that states `classification`. Data
//! moves along channels (see the flood), so an element that states no classification of its own
//! holds the highest classification that reaches it, over any number of hops. A flow that states a
//! classification carries that (a sender filters what it sends); an unlabelled one-way flow or
//! answer carries what its sender holds; an unlabelled request carries nothing labelled, since a
//! caller is not assumed to hand a tool everything it knows. A tool handed labelled data for a
//! task uses it there and does not return it in its answers; people and models pass nothing on.
//!
//! What an element may hold — its clearance — is also only what the model says: the
//! classification a store or an outside party states (on an agent or a tool it labels what it
//! carries instead); `public` for a party outside the system that states none; `public` inside a
//! boundary that states `trust = untrusted` and `confidential` inside one that states `partial`. An element the model says nothing about has no clearance limit, so no default ever
//! makes a crossing.
//!
//! A crossing is the hop where data labelled above a receiver's clearance first reaches it from
//! an element cleared for it — except between two elements inside one trusted boundary, where a
//! store's lower label is a labelling question rather than a less trusted reader. The path is the
//! whole way from the labelled source. One flood per sensitive level (restricted, then
//! confidential), each linear in the model.

use super::flood::Reach;
use crate::context::{Context, Side, Target};
use maestro_catalog::KindTrait;
use maestro_model::PropertyValue;

pub(crate) const LEVELS: &[&str] = &["public", "internal", "confidential", "restricted"];
/// The lowest level that counts as private data.
pub(crate) const PRIVATE: usize = 2;
pub(crate) const RESTRICTED: usize = 3;

pub(crate) struct Sensitivity {
    /// Per element: the highest private level it holds or receives, with the flood that found it.
    pub level: Vec<Option<usize>>,
    /// One flood per private level, restricted first.
    floods: Vec<(usize, Reach)>,
    /// Per element: how far it is cleared, and why, when the model says.
    pub clearance: Vec<Option<(usize, String)>>,
    /// Hops where private data first reaches an element cleared for less, with the level.
    pub crossings: Vec<Crossing>,
}

pub(crate) struct Crossing {
    pub hop: usize,
    pub level: usize,
}

pub(crate) fn rank(value: Option<&PropertyValue>) -> Option<usize> {
    match value {
        Some(PropertyValue::Text(text)) => LEVELS.iter().position(|l| l == text),
        _ => None,
    }
}

impl Sensitivity {
    pub fn compute(cx: &Context) -> Sensitivity {
        let n = cx.model.elements.len();
        let stated_element = |e: usize| rank(cx.stated(Target::Element(e), "classification"));
        let stated_flow = |f: usize| rank(cx.stated(Target::Flow(f), "classification"));
        let clearance: Vec<Option<(usize, String)>> = (0..n).map(|e| clearance_of(cx, e)).collect();
        let conduit = |e: usize| !cx.has(e, KindTrait::Person) && !cx.has(e, KindTrait::Model);

        let mut level = vec![None; n];
        let mut floods = Vec::new();
        let mut crossings: Vec<Crossing> = Vec::new();
        for l in (PRIVATE..LEVELS.len()).rev() {
            let labelled = |f: usize| stated_flow(f).is_some_and(|s| s >= l);
            // Sources: elements that state this level, and the receivers of flows labelled so. A
            // secrets store's keys are credentials its receivers use, not data they hand on: it
            // seeds nothing (a flow out of it that is labelled still does).
            let mut sources: Vec<usize> = (0..n)
                .filter(|&e| stated_element(e).is_some_and(|s| s >= l) && !cx.has(e, KindTrait::Secrets))
                .collect();
            sources.extend((0..cx.model.flows.len()).filter(|&f| labelled(f)).map(|f| cx.ends[f].1));
            sources.sort_unstable();
            sources.dedup();
            if sources.is_empty() {
                continue;
            }
            // A flow that states a classification carries that. Otherwise one-way data and answers
            // carry what their sender holds, and a request only what it is labelled with: a caller
            // is not assumed to hand a tool everything it knows.
            // A tool handed labelled data for a task (a card filled into a checkout page) uses it
            // there: its answers to its callers do not carry it back.
            let handed: Vec<bool> = (0..n)
                .map(|e| {
                    cx.has(e, KindTrait::Actor)
                        && !cx.has(e, KindTrait::Agent)
                        && stated_element(e).is_none_or(|s| s < l)
                        && cx.incoming[e].iter().any(|&f| labelled(f))
                })
                .collect();
            let carries = |hop: &crate::context::Hop| match stated_flow(hop.flow) {
                Some(stated) => stated >= l,
                None => hop.side != Side::Request && !(hop.side == Side::Answer && handed[hop.from]),
            };
            // Paths start, where they can, at the store that holds the data.
            let labels = |e: usize| cx.has(e, KindTrait::Store);
            let flood = Reach::run(cx, &sources, labels, carries, conduit);
            for (e, held) in level.iter_mut().enumerate() {
                if held.is_none() && flood.reached(e) {
                    *held = Some(l);
                }
            }
            let cleared = |e: usize| clearance[e].as_ref().is_none_or(|(c, _)| *c >= l);
            for (h, hop) in cx.hops.iter().enumerate() {
                // People and models pass nothing on: a person who reads an answer and then writes a
                // ticket is not a flow of the system.
                let passes = conduit(hop.from) || stated_element(hop.from).is_some_and(|s| s >= l);
                let arrives = (flood.reached(hop.from) && passes && carries(hop))
                    || (labelled(hop.flow) && hop.side != Side::Answer);
                // Inside one trusted zone, a store's lower label is a labelling question, not a
                // less trusted reader: only the zone's own limits (none) and outside parties count.
                let kept_inside = cx.shared_boundary(hop.from, hop.to, &["trusted"]).is_some()
                    && !cx.has(hop.to, KindTrait::Outside)
                    && boundary_limit(cx, hop.to).is_none_or(|b| b >= l);
                if arrives
                    && !cleared(hop.to)
                    && cleared(hop.from)
                    && !kept_inside
                    && !crossings.iter().any(|c| c.hop == h)
                {
                    crossings.push(Crossing { hop: h, level: l });
                }
            }
            floods.push((l, flood));
        }
        crossings.sort_by_key(|c| c.hop);
        Sensitivity { level, floods, clearance, crossings }
    }

    /// Whether private data is held by or reaches the element.
    pub fn holds_private(&self, element: usize) -> bool {
        self.level[element].is_some()
    }

    /// Where private data that reaches the element comes from, when it comes from outside the
    /// innermost boundary the element sits in: the first such labelled origin. `None` when it
    /// holds none, or all of it stays with the party (the boundary) that holds it.
    pub fn private_from_outside(&self, cx: &Context, element: usize) -> Option<usize> {
        let home = |e: usize| cx.boundary_trusts(e).first().map(|(b, _)| b.id.clone());
        let own = home(element);
        self.floods
            .iter()
            .filter(|(_, flood)| flood.reached(element))
            .flat_map(|(_, flood)| flood.origins().of(element))
            .find(|&origin| origin != element && home(origin) != own)
    }

    /// The way the element's highest private level reaches it, from where it is labelled.
    pub fn path_to(&self, cx: &Context, element: usize) -> (Vec<usize>, Vec<usize>) {
        match self.level[element] {
            Some(level) => self.path_at(cx, level, element),
            None => (Vec::new(), Vec::new()),
        }
    }

    /// Legs from the other stores whose data at `level` reaches `element`, besides those on `shown`.
    pub fn other_origins(&self, cx: &Context, level: usize, element: usize, shown: &[usize]) -> Vec<super::Leg> {
        let Some((_, reach)) = self.floods.iter().find(|(l, _)| *l == level) else { return Vec::new() };
        reach.origins().legs(cx, element, shown)
    }

    /// The way private data at `level` reaches `element`, from the element or flow that labels it.
    pub fn path_at(&self, cx: &Context, level: usize, element: usize) -> (Vec<usize>, Vec<usize>) {
        let Some((_, flood)) = self.floods.iter().find(|(l, _)| *l == level) else { return (Vec::new(), Vec::new()) };
        let (mut elements, mut flows) = flood.path(cx, element);
        // A path that starts at the receiver of a labelled flow starts, really, at its sender.
        if let Some(&first) = elements.first()
            && rank(cx.stated(Target::Element(first), "classification")).is_none_or(|s| s < level)
            && let Some(&labelled) = cx.incoming[first]
                .iter()
                .find(|&&f| rank(cx.stated(Target::Flow(f), "classification")).is_some_and(|s| s >= level))
        {
            elements.insert(0, cx.ends[labelled].0);
            flows.insert(0, labelled);
        }
        (elements, flows)
    }
}

/// Whether the model puts the element inside a boundary it trusts, fully or in part (a contracted
/// provider): then that boundary says how far it is cleared.
fn vouched(cx: &Context, e: usize) -> bool {
    cx.boundary_trusts(e).first().is_some_and(|(_, trust)| *trust == "trusted" || *trust == "partial")
}

/// How far the model says an element is cleared, and why.
/// How far a boundary's stated trust clears what is inside it: `untrusted` public, `partial`
/// confidential; `None` for full trust.
fn trust_limit(trust: &str) -> Option<usize> {
    match trust {
        "untrusted" => Some(0),
        "partial" => Some(PRIVATE),
        _ => None,
    }
}

/// The clearance the boundaries around an element set, if any states less than full trust.
fn boundary_limit(cx: &Context, e: usize) -> Option<usize> {
    cx.boundary_trusts(e).iter().filter_map(|(_, trust)| trust_limit(trust)).min()
}

fn clearance_of(cx: &Context, e: usize) -> Option<(usize, String)> {
    // What a person may see is a question of whose data it is, which is access control's (the
    // confused-deputy and retrieval analyses), not a label's.
    if cx.has(e, KindTrait::Person) {
        return None;
    }
    let mut limits: Vec<(usize, String)> = Vec::new();
    // What a store states is what it may keep; on an agent or a tool, a classification labels
    // what it carries, not how far it is cleared.
    let stated = rank(cx.stated(Target::Element(e), "classification"))
        .filter(|_| cx.has(e, KindTrait::Store) || cx.has(e, KindTrait::Outside));
    if let Some(stated) = stated {
        limits
            .push((stated, format!("it is cleared for {} data (classification = {})", LEVELS[stated], LEVELS[stated])));
    } else if cx.has(e, KindTrait::Outside) && !vouched(cx, e) {
        limits.push((0, format!("a {} is outside the system", cx.kind_label(e))));
    }
    for (boundary, trust) in cx.boundary_trusts(e) {
        if let Some(limit) = trust_limit(trust) {
            limits.push((limit, format!("it sits in \"{}\" (trust = {trust})", boundary.name)));
        }
    }
    limits.into_iter().min_by_key(|(l, _)| *l)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{build, index, text, with_context};

    #[test]
    fn labelled_data_flows_over_several_hops_and_crosses_where_it_first_leaves_what_is_cleared() {
        let model = build()
            .el("vault", "database", &[("classification", text("restricted"))])
            .el("agent", "agent", &[])
            .el("partner", "external-api", &[])
            .call("f1", "agent", "vault")
            .flow("f2", "agent", "partner", &[])
            .model();
        with_context(&model, |cx| {
            let s = cx.sensitivity();
            assert_eq!(s.level[index(&model, "agent")], Some(3), "the answer carries the vault's data");
            assert_eq!(s.crossings.len(), 1);
            assert_eq!(cx.hops[s.crossings[0].hop].to, index(&model, "partner"));
            let (path, _) = s.path_at(cx, 3, index(&model, "partner"));
            assert_eq!(path.first(), Some(&index(&model, "vault")), "the path starts at the labelled store");
        });
    }

    #[test]
    fn a_request_carries_only_what_it_is_labelled_with_and_defaults_make_no_crossing() {
        let model = build()
            .el("vault", "database", &[("classification", text("restricted"))])
            .el("agent", "agent", &[])
            .el("search", "external-api", &[])
            .el("notes", "document-store", &[])
            .call("f1", "agent", "vault")
            .call("f2", "agent", "search")
            .el("plain", "database", &[])
            .flow("f3", "plain", "notes", &[])
            .model();
        with_context(&model, |cx| {
            let s = cx.sensitivity();
            assert!(s.crossings.is_empty(), "an unlabelled request hands the outside API nothing labelled");
            assert_eq!(s.level[index(&model, "notes")], None, "an unset classification is no label");
        });
    }

    #[test]
    fn a_tool_handed_labelled_data_does_not_return_it_and_a_person_passes_nothing_on() {
        let model = build()
            .el("checkout", "tool", &[])
            .el("browser", "tool", &[])
            .el("agent", "agent", &[])
            .el("memory", "memory", &[("classification", text("internal"))])
            .el("hr", "database", &[("classification", text("restricted"))])
            .el("employee", "human", &[])
            .el("tickets", "database", &[("classification", text("internal"))])
            .flow("f1", "checkout", "browser", &[("classification", text("restricted"))])
            .call("f2", "agent", "browser")
            .flow("f3", "agent", "memory", &[])
            .call("f4", "employee", "hr")
            .flow("f5", "employee", "tickets", &[])
            .model();
        with_context(&model, |cx| {
            let s = cx.sensitivity();
            assert_eq!(s.level[index(&model, "browser")], Some(3), "the card is in the browser");
            assert_eq!(s.level[index(&model, "agent")], None, "but not in its answers to the agent");
            assert!(
                s.crossings.is_empty(),
                "neither the card nor what the employee read reaches a store cleared for less"
            );
        });
    }

    #[test]
    fn private_data_that_stays_in_its_holders_boundary_is_not_from_outside() {
        let model = build()
            .el("repo", "document-store", &[("classification", text("confidential"))])
            .el("ci", "runtime", &[])
            .el("logs", "logging", &[])
            .el("laptop-notes", "document-store", &[("classification", text("confidential"))])
            .el("sync", "tool", &[])
            .el("vendor-logs", "logging", &[])
            .flow("f1", "repo", "ci", &[])
            .flow("f2", "ci", "logs", &[])
            .flow("f3", "laptop-notes", "sync", &[])
            .flow("f4", "sync", "vendor-logs", &[])
            .boundary("saas", "partial", &["repo", "ci", "logs", "vendor-logs"])
            .boundary("laptop", "trusted", &["laptop-notes", "sync"])
            .model();
        with_context(&model, |cx| {
            let s = cx.sensitivity();
            assert!(s.holds_private(index(&model, "logs")));
            assert_eq!(
                s.private_from_outside(cx, index(&model, "logs")),
                None,
                "the vendor's own data in its own logs"
            );
            assert_eq!(s.private_from_outside(cx, index(&model, "vendor-logs")), Some(index(&model, "laptop-notes")));
        });
    }

    #[test]
    fn a_lower_label_inside_one_trusted_zone_is_no_crossing_but_outside_it_is() {
        let model = |shared: bool| {
            let mut members = vec!["checkout", "agent"];
            if shared {
                members.push("notes");
            }
            build()
                .el("checkout", "document-store", &[("classification", text("confidential"))])
                .el("agent", "agent", &[])
                .el("notes", "document-store", &[("classification", text("internal"))])
                .flow("f1", "checkout", "agent", &[])
                .flow("f2", "agent", "notes", &[])
                .boundary("laptop", "trusted", &members)
                .model()
        };
        with_context(&model(true), |cx| assert!(cx.sensitivity().crossings.is_empty()));
        with_context(&model(false), |cx| assert_eq!(cx.sensitivity().crossings.len(), 1));
    }
}

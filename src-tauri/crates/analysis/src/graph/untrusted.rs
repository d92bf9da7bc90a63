//! Untrusted-content reachability: which elements an attacker's text can reach, and how.
//!
//! Injected instructions do not need a direct line to an agent: a poisoned page fetched by a tool,
//! a ticket stored in a database, a peer agent's answer relayed by another agent all end up in
//! some agent's context. This computes, for every element, whether content from an untrusted
//! source can reach it through any chain of channels, and the shortest such chain.
//!
//! Untrusted sources are elements whose kind the catalog marks as one (web content, outside APIs,
//! peer agents) unless the model puts them in a boundary it trusts fully or in part
//! (a contracted provider); elements that state `untrusted_content = true` (an inbox, a ticket
//! queue) or `internet_exposed = true`; anything inside a boundary that states
//! `trust = untrusted`; and people who are not the system's own signed-in users. A person counts
//! as a signed-in user when they state `principal = authenticated`, sit in a boundary that states
//! `trust = trusted`, or send only on flows that state `authenticated = true` — unless the analysis
//! is told to treat insiders as attackers.
//!
//! Paths start where the attacker is — a person, an outside party, an untrusted boundary — rather
//! than at a tool or store that relays what they wrote, wherever such an origin reaches.
//!
//! A request to a store is a query and puts nothing into it; what the store answers carries what
//! was written into it.
//!
//! Two floods from all sources at once: one over every channel (what an attacker's text could
//! reach if nothing stopped it) and one that stops at channels stating `validated = true` (what
//! it reaches unchecked). Content passes through everything but people (who are sources in their
//! own right), models (which keep nothing between calls) and training pipelines (poisoning through
//! training is the training-loop analysis's business). Linear in the model.

use super::Leg;
use super::flood::Reach;
use crate::context::{Context, Hop, Side, Target};
use maestro_catalog::KindTrait;
use maestro_model::PropertyValue;

pub(crate) struct Untrusted {
    /// Per element: why it is an untrusted source, if it is one.
    pub why_source: Vec<Option<String>>,
    /// Over every channel, whatever its controls.
    pub raw: Reach,
    /// Over channels that do not state validation.
    pub unchecked: Reach,
    /// Over every channel, passing through no agent: what reaches an element first-hand.
    pub direct: Reach,
}

impl Untrusted {
    pub fn compute(cx: &Context) -> Untrusted {
        let why_source: Vec<Option<String>> = (0..cx.model.elements.len()).map(|e| source_reason(cx, e)).collect();
        let sources: Vec<usize> = (0..why_source.len()).filter(|&e| why_source[e].is_some()).collect();
        let conduit = |e: usize| conduit(cx, e);
        // Where the attacker is: people, outside parties, untrusted boundaries — not the tools and
        // stores that relay what they wrote.
        let origin = |e: usize| is_origin(cx, e);
        let writes = |hop: &Hop| carries_content(cx, hop);
        let raw = Reach::run(cx, &sources, origin, writes, conduit);
        let unchecked = Reach::run(cx, &sources, origin, |hop| writes(hop) && !cx.validated(hop.flow), conduit);
        // First-hand: an agent's word is second-hand however it came by it, so agents neither
        // relay nor, when they are sources themselves (exposed to the internet), send first-hand.
        let first_hand_sources: Vec<usize> =
            sources.iter().copied().filter(|&s| !cx.has(s, KindTrait::Agent)).collect();
        let direct =
            Reach::run(cx, &first_hand_sources, origin, writes, |e: usize| conduit(e) && !cx.has(e, KindTrait::Agent));
        Untrusted { why_source, raw, unchecked, direct }
    }

    /// Legs from the other places attackers reach `element` from, besides those already on
    /// `shown`: one path each, over channels without validation, from up to a few origins.
    pub fn other_origins(&self, cx: &Context, element: usize, shown: &[usize]) -> Vec<Leg> {
        self.unchecked.origins().legs(cx, element, shown)
    }

    /// Whether untrusted content reaches `element` first-hand: along a way that passes through
    /// no other agent (tools, stores and the source itself relay it; another agent's word is
    /// second-hand, which the cascade, rogue-insider and memory analyses look at).
    pub fn first_hand(&self, _cx: &Context, element: usize) -> bool {
        self.direct.reached(element) || self.is_source(element)
    }

    /// Whether the element passes attacker content on: it is a source, or content reaches it and
    /// it relays what it receives (people do not).
    pub fn passes_on(&self, cx: &Context, element: usize) -> bool {
        self.is_source(element) || (self.raw.reached(element) && conduit(cx, element))
    }

    pub fn is_source(&self, element: usize) -> bool {
        self.why_source[element].is_some()
    }

    /// The chain from where the attacker is to `element`, in words, e.g.
    /// `untrusted content reaches it along "Issue" → "Coder" ("Issue" (web-content) is untrusted: …)`.
    pub fn describe(&self, cx: &Context, reach: &Reach, element: usize) -> Option<String> {
        let (elements, _) = reach.path(cx, element);
        let source = elements.first().copied().or(self.is_source(element).then_some(element))?;
        let why = self.why_source[source].as_deref().unwrap_or("it is untrusted");
        if elements.len() <= 1 {
            return Some(format!("it is an untrusted source: {why}"));
        }
        Some(format!(
            "untrusted content reaches it along {} ({} is untrusted: {why})",
            super::describe_path(cx, &elements),
            cx.describe(Target::Element(source))
        ))
    }
}

/// Whether an attacker's text travels along the hop: everywhere but a request to a store, which
/// is a query and puts nothing into what the store keeps.
pub(crate) fn carries_content(cx: &Context, hop: &Hop) -> bool {
    !(hop.side == Side::Request && cx.has(hop.to, KindTrait::Store))
}

/// Whether content passes on through the element: not through people, models or training.
fn conduit(cx: &Context, e: usize) -> bool {
    !cx.has(e, KindTrait::Person) && !cx.has(e, KindTrait::Model) && !cx.has(e, KindTrait::TrainsModels)
}

/// Why the element is an untrusted source, or `None` when it is not one.
fn source_reason(cx: &Context, e: usize) -> Option<String> {
    let element = Target::Element(e);
    let yes = PropertyValue::Bool(true);
    if cx.has(e, KindTrait::Person) {
        return person_reason(cx, e);
    }
    // What a registry hands out is installed or loaded, not read as text: a supply-chain risk
    // filed on the registry and what it supplies, however open it is to publishers.
    if cx.has(e, KindTrait::Distributes) {
        return None;
    }
    if cx.states(element, "untrusted_content", &yes) {
        return Some("it returns content outsiders wrote (untrusted_content = true)".into());
    }
    // A party the model places inside a boundary it trusts, fully or in part, is a contracted one
    // (a payment provider, a credit bureau): what it answers is not an attacker's text.
    let vouched = cx.boundary_trusts(e).first().is_some_and(|(_, trust)| *trust == "trusted" || *trust == "partial");
    if cx.has(e, KindTrait::UntrustedSource) && !vouched {
        return Some(format!(
            "it is outside the system ({}), and anyone may have written what it says",
            cx.kind_label(e)
        ));
    }
    if cx.has(e, KindTrait::Outside) {
        // An outside party is a source by its kind, unless the model vouches for it; its own
        // exposure adds nothing.
        return None;
    }
    if cx.states(element, "untrusted_content", &yes) {
        return Some("it returns content outsiders wrote (untrusted_content = true)".into());
    }
    if cx.is(element, "internet_exposed", &yes) {
        return Some("anyone on the internet can send it content (internet_exposed = true)".into());
    }
    if let Some((boundary, _)) = cx.boundary_trusts(e).into_iter().find(|(_, t)| *t == "untrusted") {
        return Some(format!("it sits in the untrusted boundary \"{}\"", boundary.name));
    }
    None
}

/// Where an attacker is, rather than a tool or store that relays what they wrote: a person, an
/// outside party, anything in an untrusted boundary.
pub(crate) fn is_origin(cx: &Context, e: usize) -> bool {
    cx.has(e, KindTrait::Person)
        || cx.has(e, KindTrait::UntrustedSource)
        || cx.boundary_trusts(e).iter().any(|(_, trust)| *trust == "untrusted")
}

fn person_reason(cx: &Context, e: usize) -> Option<String> {
    let element = Target::Element(e);
    if cx.options.insiders_are_attackers {
        return Some("the analysis treats every person, insiders too, as a possible attacker".into());
    }
    let principal = |value: &str| cx.states(element, "principal", &PropertyValue::Text(value.into()));
    if principal("anonymous") {
        return Some("an anonymous person can send it anything (principal = anonymous)".into());
    }
    let signed_in = principal("authenticated")
        || cx.boundary_trusts(e).first().is_some_and(|(_, trust)| *trust == "trusted")
        || (!cx.outgoing[e].is_empty()
            && cx.outgoing[e].iter().all(|&f| cx.states(Target::Flow(f), "authenticated", &PropertyValue::Bool(true))));
    if signed_in {
        None
    } else {
        Some("nothing in the model says this person is one of the system's signed-in users".into())
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{build, index, text, with_context, yes};
    use crate::AnalysisOptions;

    #[test]
    fn content_reaches_an_agent_through_a_tool_and_a_store_from_where_the_attacker_is() {
        let model = build()
            .el("page", "web-content", &[])
            .el("fetch", "tool", &[])
            .el("notes", "document-store", &[])
            .el("agent", "agent", &[])
            .flow("f1", "page", "fetch", &[])
            .flow("f2", "fetch", "notes", &[])
            .flow("f3", "notes", "agent", &[])
            .model();
        with_context(&model, |cx| {
            let agent = index(&model, "agent");
            assert!(cx.untrusted().raw.reached(agent) && cx.untrusted().unchecked.reached(agent));
            let (path, _) = cx.untrusted().unchecked.path(cx, agent);
            assert_eq!(path, [0, 1, 2, 3], "the path starts at the page");
        });
    }

    #[test]
    fn a_validated_flow_cuts_the_unchecked_path_but_not_the_raw_one() {
        let model = build()
            .el("page", "web-content", &[])
            .el("agent", "agent", &[])
            .flow("f1", "page", "agent", &[("validated", yes())])
            .model();
        with_context(&model, |cx| {
            let agent = index(&model, "agent");
            assert!(cx.untrusted().raw.reached(agent));
            assert!(!cx.untrusted().unchecked.reached(agent));
        });
    }

    #[test]
    fn a_signed_in_user_is_no_attacker_unless_insiders_are() {
        let model = || {
            build().el("user", "human", &[("principal", text("authenticated"))]).el("agent", "agent", &[]).flow(
                "f1",
                "user",
                "agent",
                &[],
            )
        };
        let m = model().model();
        with_context(&m, |cx| assert!(!cx.untrusted().raw.reached(index(&m, "agent"))));
        let analysis = model().analyse_with(AnalysisOptions { insiders_are_attackers: true });
        assert!(analysis.findings.iter().any(|f| f.id == "goal-manipulation:agent"), "{:?}", analysis.findings);
        // An unknown person is not known to be a signed-in user, so counts as a possible attacker.
        let unknown =
            build().el("someone", "human", &[]).el("agent", "agent", &[]).flow("f1", "someone", "agent", &[]).model();
        with_context(&unknown, |cx| assert!(cx.untrusted().is_source(index(&unknown, "someone"))));
    }

    #[test]
    fn a_shared_model_or_tool_does_not_carry_one_callers_context_to_another() {
        let model = build()
            .el("page", "web-content", &[])
            .el("a", "agent", &[])
            .el("b", "agent", &[])
            .el("llm", "llm", &[])
            .el("calc", "tool", &[])
            .flow("f1", "page", "a", &[])
            .call("f2", "a", "llm")
            .call("f3", "b", "llm")
            .call("f4", "a", "calc")
            .call("f5", "b", "calc")
            .model();
        with_context(&model, |cx| {
            assert!(cx.untrusted().raw.reached(index(&model, "calc")), "the callee is reached by the request");
            assert!(!cx.untrusted().raw.reached(index(&model, "b")), "its answers to b carry nothing of a's");
        });
    }

    #[test]
    fn an_exposed_agent_is_reached_first_hand_but_what_it_delegates_is_second_hand() {
        let model = build()
            .el("front", "agent", &[("internet_exposed", yes())])
            .el("worker", "agent", &[])
            .el("page", "web-content", &[])
            .el("fetch", "tool", &[])
            .el("reader", "agent", &[])
            .call("f1", "front", "worker")
            .flow("f2", "page", "fetch", &[])
            .flow("f3", "fetch", "reader", &[])
            .model();
        with_context(&model, |cx| {
            let untrusted = cx.untrusted();
            assert!(untrusted.first_hand(cx, index(&model, "front")), "the internet writes to it");
            assert!(!untrusted.first_hand(cx, index(&model, "worker")), "it hears the front agent's word");
            assert!(untrusted.raw.reached(index(&model, "worker")));
            assert!(untrusted.first_hand(cx, index(&model, "reader")), "a tool relays the page");
        });
    }
}

//! Evaluating the catalog's declarative conditions on an element or a flow.
//!
//! A condition is read two ways:
//!
//! - [`holds`] decides whether a rule applies. A property the model leaves unset has its default
//!   (an unset `sandbox` is `none`: no sandbox is a fact about the risk).
//! - [`proven`] decides whether a control is in place. Only what the model states counts: an
//!   unset property is unknown, not its default, and a test over no flows at all proves nothing.
//!   Unknown parts make the whole unknown unless the rest decides it, as in three-valued logic.
//!
//! [`explain`] runs only once a condition holds and lists the facts that made it true, for the
//! finding's explanation.

use crate::context::{Context, Target};
use crate::graph::{impact, outbound};
use maestro_catalog::{Condition, KindTrait};
use maestro_model::PropertyValue;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Truth {
    True,
    False,
    Unknown,
}

impl Truth {
    fn of(value: bool) -> Truth {
        if value { Truth::True } else { Truth::False }
    }

    fn not(self) -> Truth {
        match self {
            Truth::True => Truth::False,
            Truth::False => Truth::True,
            Truth::Unknown => Truth::Unknown,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// Unset properties have their defaults; a test over no flows holds.
    WithDefaults,
    /// Only what the model states; nothing proves nothing.
    Evidence,
}

/// Whether a rule's condition applies to the target.
pub(crate) fn holds(cx: &Context, condition: &Condition, target: Target) -> bool {
    eval(cx, condition, target, Reading::WithDefaults) == Truth::True
}

/// Whether the model states what the condition asks for.
pub(crate) fn proven(cx: &Context, condition: &Condition, target: Target) -> bool {
    eval(cx, condition, target, Reading::Evidence) == Truth::True
}

fn eval(cx: &Context, condition: &Condition, target: Target, reading: Reading) -> Truth {
    let value = |property: &str| match reading {
        Reading::WithDefaults => cx.value(target, property),
        Reading::Evidence => cx.stated(target, property),
    };
    let element = match target {
        Target::Element(i) => Some(i),
        Target::Flow(_) => None,
    };
    let on_element = |test: &dyn Fn(usize) -> bool| Truth::of(element.is_some_and(test));
    match condition {
        Condition::All(items) => {
            let mut result = Truth::True;
            for item in items {
                match eval(cx, item, target, reading) {
                    Truth::False => return Truth::False,
                    Truth::Unknown => result = Truth::Unknown,
                    Truth::True => {}
                }
            }
            result
        }
        Condition::Any(items) => {
            let mut result = Truth::False;
            for item in items {
                match eval(cx, item, target, reading) {
                    Truth::True => return Truth::True,
                    Truth::Unknown => result = Truth::Unknown,
                    Truth::False => {}
                }
            }
            result
        }
        Condition::Not(inner) => eval(cx, inner, target, reading).not(),
        Condition::Is(property, expected) => match value(property) {
            Some(v) => Truth::of(v == expected),
            None if reading == Reading::Evidence => Truth::Unknown,
            None => Truth::False,
        },
        Condition::OneOf(property, values) => match value(property) {
            Some(v) => Truth::of(values.contains(v)),
            None if reading == Reading::Evidence => Truth::Unknown,
            None => Truth::False,
        },
        Condition::States(property, values) => match cx.stated(target, property) {
            Some(v) => Truth::of(values.contains(v)),
            None if reading == Reading::Evidence => Truth::Unknown,
            None => Truth::False,
        },
        Condition::InboundAll(inner) => match element {
            Some(i) => {
                let flows = &cx.incoming[i];
                if flows.is_empty() {
                    return if reading == Reading::Evidence { Truth::Unknown } else { Truth::True };
                }
                let mut result = Truth::True;
                for &f in flows {
                    match eval(cx, inner, Target::Flow(f), reading) {
                        Truth::False => return Truth::False,
                        Truth::Unknown => result = Truth::Unknown,
                        Truth::True => {}
                    }
                }
                result
            }
            None => Truth::False,
        },
        Condition::FedBy(kinds) => on_element(&|i| fed_by(cx, i).any(|e| has_kind(cx, e, kinds))),
        Condition::Feeds(kinds) => on_element(&|i| feeds(cx, i).any(|e| has_kind(cx, e, kinds))),
        Condition::FedByTrait(traits) => on_element(&|i| fed_by(cx, i).any(|e| has_trait(cx, e, traits))),
        Condition::FeedsTrait(traits) => on_element(&|i| feeds(cx, i).any(|e| has_trait(cx, e, traits))),
        Condition::FedByWhere(inner) => {
            on_element(&|i| fed_by(cx, i).any(|e| eval(cx, inner, Target::Element(e), reading) == Truth::True))
        }
        Condition::FeedsWhere(inner) => {
            on_element(&|i| feeds(cx, i).any(|e| eval(cx, inner, Target::Element(e), reading) == Truth::True))
        }
        Condition::FromKind(kinds) => {
            Truth::of(flow_end(cx, target, End::From).is_some_and(|e| has_kind(cx, e, kinds)))
        }
        Condition::ToKind(kinds) => Truth::of(flow_end(cx, target, End::To).is_some_and(|e| has_kind(cx, e, kinds))),
        Condition::Kind(kinds) => on_element(&|i| has_kind(cx, i, kinds)),
        Condition::Trait(traits) => on_element(&|i| has_trait(cx, i, traits)),
        Condition::WithinBoundary(levels) => {
            Truth::of(match (flow_end(cx, target, End::From), flow_end(cx, target, End::To)) {
                (Some(from), Some(to)) => cx.shared_boundary(from, to, &trusts(levels)).is_some(),
                _ => false,
            })
        }
        Condition::InBoundary(levels) => on_element(&|i| {
            cx.boundaries_around(i).any(|b| {
                let trust = match reading {
                    Reading::WithDefaults => Some(Context::stated_trust(b).unwrap_or("partial")),
                    Reading::Evidence => Context::stated_trust(b),
                };
                trust.is_some_and(|t| levels.iter().any(|l| l == t))
            })
        }),
        Condition::UntrustedSource(expected) => on_element(&|i| cx.untrusted().is_source(i) == *expected),
        Condition::ReachedByUntrusted(expected) => on_element(&|i| cx.untrusted().raw.reached(i) == *expected),
        Condition::ReachedFirstHand(expected) => on_element(&|i| cx.untrusted().first_hand(cx, i) == *expected),
        Condition::ReachedUnchecked(expected) => match element {
            // With nothing untrusted reaching it at all, "no unchecked path" proves no control.
            Some(i) if reading == Reading::Evidence && !cx.untrusted().raw.reached(i) => Truth::Unknown,
            Some(i) => Truth::of(cx.untrusted().unchecked.reached(i) == *expected),
            None => Truth::False,
        },
        Condition::PrivateData(expected) => on_element(&|i| cx.sensitivity().holds_private(i) == *expected),
        Condition::PrivateDataFromOutside(expected) => {
            on_element(&|i| cx.sensitivity().private_from_outside(cx, i).is_some() == *expected)
        }
        Condition::RestrictedData(expected) => {
            on_element(&|i| (cx.sensitivity().level[i] == Some(crate::graph::sensitivity::RESTRICTED)) == *expected)
        }
        Condition::OutboundChannel(expected) => on_element(&|i| outbound::channel(cx, i).is_some() == *expected),
        Condition::ConversesWithUntrusted(expected) => on_element(&|i| converses(cx, i).is_some() == *expected),
        Condition::PointOfImpact(expected) => on_element(&|i| impact::step(cx, i).is_none() == *expected),
    }
}

/// The facts behind a condition that holds, in words, e.g. `side_effect = write` or
/// `receives from "Web search" (tool)`.
pub(crate) fn explain(cx: &Context, condition: &Condition, target: Target, facts: &mut Vec<String>) {
    explain_as(cx, condition, target, Reading::WithDefaults, facts)
}

/// The facts that prove a condition the model states.
pub(crate) fn explain_evidence(cx: &Context, condition: &Condition, target: Target, facts: &mut Vec<String>) {
    explain_as(cx, condition, target, Reading::Evidence, facts)
}

fn explain_as(cx: &Context, condition: &Condition, target: Target, reading: Reading, facts: &mut Vec<String>) {
    let element = match target {
        Target::Element(i) => Some(i),
        Target::Flow(_) => None,
    };
    match condition {
        Condition::All(items) => items.iter().for_each(|c| explain_as(cx, c, target, reading, facts)),
        Condition::Any(items) => {
            if let Some(first) = items.iter().find(|c| eval(cx, c, target, reading) == Truth::True) {
                explain_as(cx, first, target, reading, facts);
            }
        }
        Condition::Not(inner) => match inner.as_ref() {
            Condition::InboundAll(flow_condition) => {
                if let Some(i) = element {
                    let failing: Vec<String> = cx.incoming[i]
                        .iter()
                        .filter(|&&f| eval(cx, flow_condition, Target::Flow(f), reading) != Truth::True)
                        .take(3)
                        .map(|&f| cx.describe(Target::Flow(f)))
                        .collect();
                    facts.push(format!("{} does not have {}", failing.join(", "), describe(flow_condition)));
                }
            }
            Condition::ReachedUnchecked(expected) => {
                explain_as(cx, &Condition::ReachedUnchecked(!expected), target, reading, facts)
            }
            other => facts.push(format!("not {}", describe(other))),
        },
        Condition::Is(property, _) | Condition::OneOf(property, _) | Condition::States(property, _) => {
            let value = match reading {
                Reading::WithDefaults => cx.value(target, property),
                Reading::Evidence => cx.stated(target, property),
            };
            if let Some(value) = value {
                let unset = reading == Reading::WithDefaults && cx.stated(target, property).is_none();
                facts.push(format!(
                    "{property} = {}{}",
                    show(value),
                    if unset { " (not set: the default)" } else { "" }
                ));
            }
        }
        Condition::FedBy(kinds) => {
            let from =
                element.map(|i| names(cx, fed_by(cx, i).filter(|&e| has_kind(cx, e, kinds)))).unwrap_or_default();
            facts.push(format!("receives from {from}"));
        }
        Condition::Feeds(kinds) => {
            let to = element.map(|i| names(cx, feeds(cx, i).filter(|&e| has_kind(cx, e, kinds)))).unwrap_or_default();
            facts.push(format!("sends to {to}"));
        }
        Condition::FedByTrait(traits) => {
            let from =
                element.map(|i| names(cx, fed_by(cx, i).filter(|&e| has_trait(cx, e, traits)))).unwrap_or_default();
            facts.push(format!("receives from {from}"));
        }
        Condition::FeedsTrait(traits) => {
            let to = element.map(|i| names(cx, feeds(cx, i).filter(|&e| has_trait(cx, e, traits)))).unwrap_or_default();
            facts.push(format!("sends to {to}"));
        }
        Condition::FedByWhere(inner) | Condition::FeedsWhere(inner) => {
            if let Some(i) = element {
                let incoming = matches!(condition, Condition::FedByWhere(_));
                let mut neighbours: Box<dyn Iterator<Item = usize>> =
                    if incoming { Box::new(fed_by(cx, i)) } else { Box::new(feeds(cx, i)) };
                if let Some(n) = neighbours.find(|&e| eval(cx, inner, Target::Element(e), reading) == Truth::True) {
                    let mut inner_facts = Vec::new();
                    explain_as(cx, inner, Target::Element(n), reading, &mut inner_facts);
                    let verb = if incoming { "receives from" } else { "sends to" };
                    facts.push(format!("{verb} {} ({})", cx.describe(Target::Element(n)), inner_facts.join("; ")));
                }
            }
        }
        Condition::FromKind(_) => {
            if let Some(e) = flow_end(cx, target, End::From) {
                facts.push(format!("from {}", cx.describe(Target::Element(e))));
            }
        }
        Condition::ToKind(_) => {
            if let Some(e) = flow_end(cx, target, End::To) {
                facts.push(format!("to {}", cx.describe(Target::Element(e))));
            }
        }
        Condition::InboundAll(inner) => facts.push(format!("every incoming flow has {}", describe(inner))),
        Condition::Kind(_) | Condition::Trait(_) => {
            if let Some(i) = element {
                facts.push(format!("kind = {}", cx.kind_of(i)));
            }
        }
        Condition::InBoundary(levels) => facts.push(format!("inside a {} boundary", levels.join("/"))),
        Condition::WithinBoundary(levels) => {
            if let (Some(from), Some(to)) = (flow_end(cx, target, End::From), flow_end(cx, target, End::To))
                && let Some(boundary) = cx.shared_boundary(from, to, &trusts(levels))
            {
                facts.push(format!("both ends sit in \"{}\"", boundary.name));
            }
        }
        Condition::UntrustedSource(true) => {
            if let Some(i) = element
                && let Some(why) = &cx.untrusted().why_source[i]
            {
                facts.push(format!("it is an untrusted source: {why}"));
            }
        }
        Condition::UntrustedSource(false) => facts.push("it is not itself an untrusted source".into()),
        Condition::ReachedByUntrusted(true) => {
            let untrusted = cx.untrusted();
            if let Some(fact) = element.and_then(|i| untrusted.describe(cx, &untrusted.raw, i)) {
                facts.push(fact);
            }
        }
        Condition::ReachedByUntrusted(false) => facts.push("no untrusted source reaches it".into()),
        Condition::ReachedFirstHand(true) => {
            let untrusted = cx.untrusted();
            if let Some(fact) = element.and_then(|i| untrusted.describe(cx, &untrusted.direct, i)) {
                facts.push(fact);
            }
        }
        Condition::ReachedFirstHand(false) => {
            facts.push("untrusted content reaches it only as other agents relay it".into())
        }
        Condition::ReachedUnchecked(true) => {
            let untrusted = cx.untrusted();
            if let Some(fact) = element.and_then(|i| untrusted.describe(cx, &untrusted.unchecked, i)) {
                facts.push(format!("{fact}, with no flow on the way stated as validated"));
            }
        }
        Condition::ReachedUnchecked(false) => {
            if let Some(i) = element {
                let (_, flows) = cx.untrusted().raw.path(cx, i);
                let checks: Vec<String> = flows
                    .iter()
                    .filter(|&&f| cx.states(Target::Flow(f), "validated", &PropertyValue::Bool(true)))
                    .map(|&f| cx.describe(Target::Flow(f)))
                    .collect();
                facts.push(format!(
                    "every way untrusted content reaches it passes a flow stated as validated (e.g. {})",
                    checks.first().cloned().unwrap_or_else(|| "on the way".into())
                ));
            }
        }
        Condition::PrivateData(true) => {
            if let Some(i) = element {
                facts.push(private_data_fact(cx, i));
            }
        }
        Condition::PrivateData(false) => facts.push("no data labelled confidential or restricted reaches it".into()),
        Condition::PrivateDataFromOutside(true) => {
            if let Some(origin) = element.and_then(|i| cx.sensitivity().private_from_outside(cx, i)) {
                facts.push(format!(
                    "private data comes to it from {}, outside the boundary it sits in",
                    cx.describe(Target::Element(origin))
                ));
            }
        }
        Condition::PrivateDataFromOutside(false) => {
            facts.push("the private data it holds comes from inside its own boundary".into())
        }
        Condition::RestrictedData(true) => {
            if let Some(i) = element {
                facts.push(private_data_fact(cx, i));
            }
        }
        Condition::RestrictedData(false) => facts.push("no data labelled restricted reaches it".into()),
        Condition::OutboundChannel(true) => {
            if let Some(channel) = element.and_then(|i| outbound::channel(cx, i)) {
                facts.push(channel.fact);
            }
        }
        Condition::OutboundChannel(false) => facts.push("it has no way to send data out of the system".into()),
        Condition::ConversesWithUntrusted(true) => {
            if let Some(party) = element.and_then(|i| converses(cx, i)) {
                facts.push(format!(
                    "outsiders' content reaches it and its answers go out through {}",
                    cx.describe(Target::Element(party))
                ));
            }
        }
        Condition::ConversesWithUntrusted(false) => {
            facts.push("no untrusted party talks to it and reads its answers".into())
        }
        Condition::PointOfImpact(true) => {}
        Condition::PointOfImpact(false) => {
            if let Some(next) = element.and_then(|i| impact::step(cx, i)) {
                facts.push(format!("its effect is carried on to {}", cx.describe(Target::Element(next))));
            }
        }
    }
}

/// Where an element that untrusted content reaches first-hand sends its answers back out: to an
/// outsider directly, or through a tool that sends messages.
fn trusts(levels: &[String]) -> Vec<&str> {
    levels.iter().map(String::as_str).collect()
}

fn converses(cx: &Context, element: usize) -> Option<usize> {
    use crate::context::Side;
    let untrusted = cx.untrusted();
    if !untrusted.first_hand(cx, element) {
        return None;
    }
    let outsider = |e: usize| untrusted.is_source(e) && (cx.has(e, KindTrait::Person) || cx.has(e, KindTrait::Outside));
    let communicates = |e: usize| {
        cx.has(e, KindTrait::Actor)
            && cx.is(Target::Element(e), "side_effect", &PropertyValue::Text("communicate".into()))
    };
    // Its answers go back to an outsider directly, or out through a tool that sends messages.
    cx.hops_out[element]
        .iter()
        .map(|&h| &cx.hops[h])
        .find(|hop| (outsider(hop.to) && hop.side != Side::Request) || communicates(hop.to))
        .map(|hop| hop.to)
}

/// How private data comes to be at an element, in words.
pub(crate) fn private_data_fact(cx: &Context, element: usize) -> String {
    let sensitivity = cx.sensitivity();
    let Some(level) = sensitivity.level[element] else { return "it holds no labelled data".into() };
    let level_name = crate::graph::sensitivity::LEVELS[level];
    let (elements, _) = sensitivity.path_to(cx, element);
    if elements.len() <= 1 {
        format!("it holds {level_name} data")
    } else {
        format!("{level_name} data reaches it along {}", crate::graph::describe_path(cx, &elements))
    }
}

/// Elements data arrives from, over hops (the answer to a request comes from its callee). A
/// request to a store is a query, not something written into it.
fn fed_by<'c>(cx: &'c Context, element: usize) -> impl Iterator<Item = usize> + 'c {
    let store = cx.has(element, KindTrait::Store);
    cx.hops_in[element]
        .iter()
        .filter(move |&&h| !(store && cx.hops[h].side == crate::context::Side::Request))
        .map(|&h| cx.hops[h].from)
}

/// Elements data goes to, over hops.
fn feeds<'c>(cx: &'c Context, element: usize) -> impl Iterator<Item = usize> + 'c {
    cx.hops_out[element].iter().map(|&h| cx.hops[h].to)
}

#[derive(Clone, Copy)]
enum End {
    From,
    To,
}

fn flow_end(cx: &Context, target: Target, end: End) -> Option<usize> {
    match (target, end) {
        (Target::Flow(f), End::From) => Some(cx.ends[f].0),
        (Target::Flow(f), End::To) => Some(cx.ends[f].1),
        (Target::Element(_), _) => None,
    }
}

fn has_kind(cx: &Context, element: usize, kinds: &[String]) -> bool {
    let kind = cx.kind_of(element);
    kinds.iter().any(|k| k == kind)
}

fn has_trait(cx: &Context, element: usize, traits: &[KindTrait]) -> bool {
    traits.iter().any(|&t| cx.has(element, t))
}

/// The first neighbour, in model order, through which a `feeds`/`fed_by` form holds: what a
/// layer rule's `{neighbour}` names.
pub(crate) fn first_neighbour(cx: &Context, condition: &Condition, element: usize) -> Option<usize> {
    let target = Target::Element(element);
    match condition {
        Condition::All(items) | Condition::Any(items) => items
            .iter()
            .filter(|c| eval(cx, c, target, Reading::WithDefaults) == Truth::True)
            .find_map(|c| first_neighbour(cx, c, element)),
        Condition::FedBy(kinds) => fed_by(cx, element).find(|&e| has_kind(cx, e, kinds)),
        Condition::Feeds(kinds) => feeds(cx, element).find(|&e| has_kind(cx, e, kinds)),
        Condition::FedByTrait(traits) => fed_by(cx, element).find(|&e| has_trait(cx, e, traits)),
        Condition::FeedsTrait(traits) => feeds(cx, element).find(|&e| has_trait(cx, e, traits)),
        _ => None,
    }
}

fn names(cx: &Context, elements: impl Iterator<Item = usize>) -> String {
    let mut names: Vec<String> = Vec::new();
    for e in elements {
        let name = cx.describe(Target::Element(e));
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let more = names.len().saturating_sub(3);
    names.truncate(3);
    if more > 0 {
        names.push(format!("{more} more"));
    }
    names.join(", ")
}

/// A trait in words, with its article: "an agent", "a store".
fn trait_name(t: KindTrait) -> &'static str {
    match t {
        KindTrait::Agent => "an agent",
        KindTrait::Outside => "a party outside the system",
        KindTrait::UntrustedSource => "an untrusted source",
        KindTrait::Person => "a person",
        KindTrait::Store => "a store",
        KindTrait::ContextStore => "a store agents read back",
        KindTrait::Instructions => "a store of instructions",
        KindTrait::Actor => "a tool",
        KindTrait::Model => "a model",
        KindTrait::TrainsModels => "a training pipeline",
        KindTrait::ModelArtifacts => "a model registry",
        KindTrait::Observer => "an observer",
        KindTrait::Control => "a security control",
        KindTrait::Secrets => "a secrets store",
        KindTrait::Infrastructure => "infrastructure",
        KindTrait::Distributes => "a registry that hands out what others install",
    }
}

pub(crate) fn show(value: &PropertyValue) -> String {
    match value {
        PropertyValue::Bool(b) => b.to_string(),
        PropertyValue::Number(n) => n.to_string(),
        PropertyValue::Text(t) => t.clone(),
    }
}

/// A condition in words, for facts about conditions that do not hold.
pub(crate) fn describe(condition: &Condition) -> String {
    let list = |items: &[Condition], joiner: &str| items.iter().map(describe).collect::<Vec<_>>().join(joiner);
    let traits = |traits: &[KindTrait]| traits.iter().map(|t| trait_name(*t)).collect::<Vec<_>>().join(" or ");
    match condition {
        Condition::All(items) => list(items, " and "),
        Condition::Any(items) => list(items, " or "),
        Condition::Not(inner) => format!("not ({})", describe(inner)),
        Condition::Is(property, value) => format!("{property} = {}", show(value)),
        Condition::OneOf(property, values) | Condition::States(property, values) => {
            format!("{property} in [{}]", values.iter().map(show).collect::<Vec<_>>().join(", "))
        }
        Condition::FedBy(kinds) => format!("input from {}", kinds.join("/")),
        Condition::Feeds(kinds) => format!("output to {}", kinds.join("/")),
        Condition::FedByTrait(t) => format!("input from {}", traits(t)),
        Condition::FeedsTrait(t) => format!("output to {}", traits(t)),
        Condition::FedByWhere(inner) => format!("input from an element with {}", describe(inner)),
        Condition::FeedsWhere(inner) => format!("output to an element with {}", describe(inner)),
        Condition::FromKind(kinds) => format!("a sender of kind {}", kinds.join("/")),
        Condition::ToKind(kinds) => format!("a receiver of kind {}", kinds.join("/")),
        Condition::InboundAll(inner) => format!("every incoming flow with {}", describe(inner)),
        Condition::Kind(kinds) => format!("kind in [{}]", kinds.join(", ")),
        Condition::Trait(t) => traits(t),
        Condition::InBoundary(levels) => format!("inside a {} boundary", levels.join("/")),
        Condition::WithinBoundary(levels) => format!("between two elements inside one {} boundary", levels.join("/")),
        Condition::UntrustedSource(b) => format!("{}an untrusted source", if *b { "" } else { "not " }),
        Condition::ReachedByUntrusted(b) => format!("{}reached by untrusted content", if *b { "" } else { "not " }),
        Condition::ReachedFirstHand(b) => {
            format!("{}reached first-hand by untrusted content", if *b { "" } else { "not " })
        }
        Condition::ReachedUnchecked(b) => {
            format!("{}reached by untrusted content without validation", if *b { "" } else { "not " })
        }
        Condition::PrivateData(b) => format!("{}holding private data", if *b { "" } else { "not " }),
        Condition::PrivateDataFromOutside(b) => {
            format!("{}holding private data from outside its boundary", if *b { "" } else { "not " })
        }
        Condition::RestrictedData(b) => format!("{}holding restricted data", if *b { "" } else { "not " }),
        Condition::OutboundChannel(b) => format!("{}able to send data out", if *b { "" } else { "no " }),
        Condition::ConversesWithUntrusted(b) => {
            format!("{}talking with untrusted parties", if *b { "" } else { "not " })
        }
        Condition::PointOfImpact(b) => format!("{}a point of impact", if *b { "" } else { "not " }),
    }
}

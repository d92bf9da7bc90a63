//! Evaluating the catalog's declarative conditions on an element or a flow.
//!
//! [`holds`] is the fast path, run for every candidate. [`explain`] runs only once a rule has
//! fired, and lists the facts that made its condition true, for the finding's explanation.

use crate::context::{Context, Target};
use maestro_catalog::Condition;
use maestro_model::PropertyValue;

pub(crate) fn holds(cx: &Context, condition: &Condition, target: Target) -> bool {
    match condition {
        Condition::All(items) => items.iter().all(|c| holds(cx, c, target)),
        Condition::Any(items) => items.iter().any(|c| holds(cx, c, target)),
        Condition::Not(inner) => !holds(cx, inner, target),
        Condition::Is(property, value) => cx.value(target, property) == Some(value),
        Condition::OneOf(property, values) => cx.value(target, property).is_some_and(|v| values.contains(v)),
        Condition::FedBy(kinds) => neighbours(cx, target, Direction::In).any(|e| has_kind(cx, e, kinds)),
        Condition::Feeds(kinds) => neighbours(cx, target, Direction::Out).any(|e| has_kind(cx, e, kinds)),
        Condition::FromKind(kinds) => flow_end(cx, target, Direction::In).is_some_and(|e| has_kind(cx, e, kinds)),
        Condition::ToKind(kinds) => flow_end(cx, target, Direction::Out).is_some_and(|e| has_kind(cx, e, kinds)),
        Condition::InboundAll(inner) => match target {
            Target::Element(i) => cx.incoming[i].iter().all(|&f| holds(cx, inner, Target::Flow(f))),
            Target::Flow(_) => false,
        },
        Condition::Kind(kinds) => match target {
            Target::Element(i) => has_kind(cx, i, kinds),
            Target::Flow(_) => false,
        },
        Condition::InBoundary(levels) => match target {
            Target::Element(i) => boundary_trusts(cx, i).any(|t| levels.iter().any(|l| l == t)),
            Target::Flow(_) => false,
        },
    }
}

/// The trust of every boundary the element is in, nested ones and those around them alike
/// (`partial` where a boundary does not say).
fn boundary_trusts<'c>(cx: &'c Context, element: usize) -> impl Iterator<Item = &'c str> + 'c {
    let id = &cx.element(element).id;
    cx.model.boundaries_around(id).into_iter().map(|b| match b.properties.get("trust") {
        Some(PropertyValue::Text(t)) => t.as_str(),
        _ => "partial",
    })
}

/// The facts behind a condition that holds, in words, e.g. `side_effect = write` or
/// `receives from "Web search" (tool)`.
pub(crate) fn explain(cx: &Context, condition: &Condition, target: Target, facts: &mut Vec<String>) {
    match condition {
        Condition::All(items) => items.iter().for_each(|c| explain(cx, c, target, facts)),
        Condition::Any(items) => {
            if let Some(first) = items.iter().find(|c| holds(cx, c, target)) {
                explain(cx, first, target, facts);
            }
        }
        Condition::Not(inner) => match inner.as_ref() {
            Condition::InboundAll(flow_condition) => {
                if let Target::Element(i) = target {
                    let failing: Vec<String> = cx.incoming[i]
                        .iter()
                        .filter(|&&f| !holds(cx, flow_condition, Target::Flow(f)))
                        .take(3)
                        .map(|&f| cx.describe(Target::Flow(f)))
                        .collect();
                    facts.push(format!("{} does not have {}", failing.join(", "), describe(flow_condition)));
                }
            }
            other => facts.push(format!("not {}", describe(other))),
        },
        Condition::Is(property, _) | Condition::OneOf(property, _) => {
            if let Some(value) = cx.value(target, property) {
                facts.push(format!("{property} = {}", show(value)));
            }
        }
        Condition::FedBy(kinds) => {
            let from = matching_names(cx, neighbours(cx, target, Direction::In), kinds);
            facts.push(format!("receives from {from}"));
        }
        Condition::Feeds(kinds) => {
            let to = matching_names(cx, neighbours(cx, target, Direction::Out), kinds);
            facts.push(format!("sends to {to}"));
        }
        Condition::FromKind(_) => {
            if let Some(e) = flow_end(cx, target, Direction::In) {
                facts.push(format!("from {}", cx.describe(Target::Element(e))));
            }
        }
        Condition::ToKind(_) => {
            if let Some(e) = flow_end(cx, target, Direction::Out) {
                facts.push(format!("to {}", cx.describe(Target::Element(e))));
            }
        }
        Condition::InboundAll(inner) => facts.push(format!("every incoming flow has {}", describe(inner))),
        Condition::Kind(_) => {
            if let Target::Element(i) = target {
                facts.push(format!("kind = {}", cx.kind_of(i)));
            }
        }
        Condition::InBoundary(levels) => facts.push(format!("inside a {} boundary", levels.join("/"))),
    }
}

#[derive(Clone, Copy)]
enum Direction {
    In,
    Out,
}

fn neighbours<'c>(cx: &'c Context, target: Target, direction: Direction) -> Box<dyn Iterator<Item = usize> + 'c> {
    match target {
        Target::Element(i) => match direction {
            Direction::In => Box::new(cx.incoming[i].iter().map(|&f| cx.ends[f].0)),
            Direction::Out => Box::new(cx.outgoing[i].iter().map(|&f| cx.ends[f].1)),
        },
        Target::Flow(_) => Box::new(std::iter::empty()),
    }
}

fn flow_end(cx: &Context, target: Target, direction: Direction) -> Option<usize> {
    match (target, direction) {
        (Target::Flow(f), Direction::In) => Some(cx.ends[f].0),
        (Target::Flow(f), Direction::Out) => Some(cx.ends[f].1),
        (Target::Element(_), _) => None,
    }
}

fn has_kind(cx: &Context, element: usize, kinds: &[String]) -> bool {
    let kind = cx.kind_of(element);
    kinds.iter().any(|k| k == kind)
}

fn matching_names(cx: &Context, elements: impl Iterator<Item = usize>, kinds: &[String]) -> String {
    let mut names: Vec<String> =
        elements.filter(|&e| has_kind(cx, e, kinds)).map(|e| cx.describe(Target::Element(e))).collect();
    names.dedup();
    let more = names.len().saturating_sub(3);
    names.truncate(3);
    if more > 0 {
        names.push(format!("{more} more"));
    }
    names.join(", ")
}

fn show(value: &PropertyValue) -> String {
    match value {
        PropertyValue::Bool(b) => b.to_string(),
        PropertyValue::Number(n) => n.to_string(),
        PropertyValue::Text(t) => t.clone(),
    }
}

/// A condition in words, for facts about conditions that do not hold.
pub(crate) fn describe(condition: &Condition) -> String {
    let list = |items: &[Condition], joiner: &str| items.iter().map(describe).collect::<Vec<_>>().join(joiner);
    match condition {
        Condition::All(items) => list(items, " and "),
        Condition::Any(items) => list(items, " or "),
        Condition::Not(inner) => format!("not ({})", describe(inner)),
        Condition::Is(property, value) => format!("{property} = {}", show(value)),
        Condition::OneOf(property, values) => {
            format!("{property} in [{}]", values.iter().map(show).collect::<Vec<_>>().join(", "))
        }
        Condition::FedBy(kinds) => format!("input from {}", kinds.join("/")),
        Condition::Feeds(kinds) => format!("output to {}", kinds.join("/")),
        Condition::FromKind(kinds) => format!("a sender of kind {}", kinds.join("/")),
        Condition::ToKind(kinds) => format!("a receiver of kind {}", kinds.join("/")),
        Condition::InboundAll(inner) => format!("every incoming flow with {}", describe(inner)),
        Condition::Kind(kinds) => format!("kind in [{}]", kinds.join(", ")),
        Condition::InBoundary(levels) => format!("inside a {} boundary", levels.join("/")),
    }
}

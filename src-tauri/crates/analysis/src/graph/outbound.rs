//! Outbound channels: whether an element can send data out of the system, and how.
//!
//! Exfiltration needs a way out. An element has one when it, or a tool, MCP server or
//! interpreter it drives (directly or through others of those), can send to a party outside the
//! system, into a boundary that states `trust = untrusted`, or to a person the model does not
//! count as a signed-in user; when such a tool states `side_effect = communicate` (mail, chat,
//! posting); or when the element's own answers are shown as rich text (`output_rendering =
//! rich`), whose links and images a client fetches from wherever they point. Other agents are
//! not followed: their way out is their own. One breadth-first search through the element's
//! tools, in time linear in what it can reach.

use super::{describe_path, walk_back};
use crate::context::{Context, Target};
use maestro_catalog::KindTrait;
use maestro_model::PropertyValue;
use std::collections::{HashMap, VecDeque};

pub(crate) struct Channel {
    /// From the element to where the data leaves, elements and flows in order.
    pub elements: Vec<usize>,
    pub flows: Vec<usize>,
    pub fact: String,
}

pub(crate) fn channel(cx: &Context, element: usize) -> Option<Channel> {
    let text = |v: &str| PropertyValue::Text(v.into());
    if cx.states(Target::Element(element), "output_rendering", &text("rich")) {
        return Some(Channel {
            elements: vec![element],
            flows: Vec::new(),
            fact: "its answers are rendered as rich text, so a link or image it writes is fetched from wherever it points (output_rendering = rich)".into(),
        });
    }
    sending_channel(cx, element)
}

/// A way out through something the element sends to (a tool, a party outside), not only its own
/// rendered answers.
pub(crate) fn sending_channel(cx: &Context, element: usize) -> Option<Channel> {
    // Only the element's own tools are searched, so the visited set stays small.
    let mut reached_by: HashMap<usize, Option<usize>> = HashMap::from([(element, None)]);
    let mut queue = VecDeque::from([element]);
    while let Some(at) = queue.pop_front() {
        for &h in &cx.hops_out[at] {
            let hop = &cx.hops[h];
            let next = hop.to;
            if reached_by.contains_key(&next) {
                continue;
            }
            reached_by.insert(next, Some(h));
            if let Some(why) = sink(cx, next) {
                let (elements, flows) = walk_back(cx, next, |e| reached_by.get(&e).copied().flatten());
                let fact = format!("it can send data out along {} ({why})", describe_path(cx, &elements));
                return Some(Channel { elements, flows, fact });
            }
            if cx.has(next, KindTrait::Actor) {
                queue.push_back(next);
            }
        }
    }
    None
}

/// Why data that reaches `element` has left the system, if it has.
fn sink(cx: &Context, element: usize) -> Option<String> {
    let target = Target::Element(element);
    let name = cx.describe(target);
    if cx.has(element, KindTrait::Outside) {
        return Some(format!("{name} is outside the system"));
    }
    if cx.has(element, KindTrait::Person) && cx.untrusted().is_source(element) {
        return Some(format!("{name} is not known to be a signed-in user"));
    }
    if cx.has(element, KindTrait::Actor) && cx.is(target, "side_effect", &PropertyValue::Text("communicate".into())) {
        return Some(format!("{name} communicates outside (side_effect = communicate)"));
    }
    cx.boundary_trusts(element)
        .into_iter()
        .find(|(_, trust)| *trust == "untrusted")
        .map(|(boundary, _)| format!("{name} sits in the untrusted boundary \"{}\"", boundary.name))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{build, index, text, with_context};
    use super::channel;

    #[test]
    fn a_way_out_through_a_tool_to_an_outside_party_or_in_rendered_links() {
        let model = build()
            .el("agent", "agent", &[])
            .el("fetch", "tool", &[])
            .el("site", "web-content", &[])
            .el("chat", "agent", &[("output_rendering", text("rich"))])
            .call("f1", "agent", "fetch")
            .call("f2", "fetch", "site")
            .model();
        with_context(&model, |cx| {
            let out = channel(cx, index(&model, "agent")).expect("a way out");
            assert_eq!(out.elements, [0, 1, 2]);
            assert!(channel(cx, index(&model, "chat")).is_some_and(|c| c.fact.contains("rich")));
        });
    }

    #[test]
    fn no_way_out_through_another_agent_or_a_read_only_store() {
        let model = build()
            .el("agent", "agent", &[])
            .el("other", "agent", &[])
            .el("site", "web-content", &[])
            .el("db", "database", &[])
            .call("f1", "agent", "other")
            .flow("f2", "other", "site", &[])
            .call("f3", "agent", "db")
            .model();
        with_context(&model, |cx| assert!(channel(cx, index(&model, "agent")).is_none()));
    }
}

//! Confused deputy through chained authorisation.
//!
//! A person or a peer agent (a principal, with narrow rights or none stated) sends work, directly
//! or through the system's agents and tools, to one that holds wider rights (shared or broad), and
//! that deputy acts on a resource the sender has no channel to itself, nor through agents and
//! tools that hold no wider rights than it: the sender borrows authority it was never given. A resource is worth it when it holds data labelled private or
//! acts with effects (writes, executes, pays, communicates). Privilege is read from
//! `credential_scope` (task < agent < shared < broad; parties without it rank lowest). A deputy
//! that acts with the requester's own rights (`credential_scope = task`, stated) is no deputy.
//! The sender need not be an attacker: a signed-in user asking for what their own rights would
//! deny is the case this is about. Where untrusted content reaches the sender, the path starts
//! there.
//! One breadth-first search per principal; one finding per sender and resource.

use super::{PathHit, describe_path, walk_back};
use crate::context::{Context, Side, Target};
use maestro_catalog::KindTrait;
use maestro_model::PropertyValue;

fn privilege(cx: &Context, element: usize) -> u8 {
    match cx.value(Target::Element(element), "credential_scope") {
        Some(PropertyValue::Text(scope)) => match scope.as_str() {
            "task" => 1,
            "agent" => 2,
            "shared" => 3,
            "broad" => 4,
            _ => 0,
        },
        _ => 0,
    }
}

pub(crate) fn find(cx: &Context) -> Vec<PathHit> {
    // A principal: a person, or another organisation's agent. The system's own agents act for
    // principals; their rights are a privilege question, not a borrowed one.
    let principal =
        |e: usize| cx.has(e, KindTrait::Person) || (cx.has(e, KindTrait::Agent) && cx.has(e, KindTrait::Outside));
    let relay =
        |e: usize| (cx.has(e, KindTrait::Agent) || cx.has(e, KindTrait::Actor)) && !cx.has(e, KindTrait::Outside);
    // Something worth borrowing rights for: data labelled private, or an action with effects.
    let consequential = ["write", "execute", "payment", "communicate"].map(|v| PropertyValue::Text(v.into()));
    let resource = |e: usize| {
        (cx.has(e, KindTrait::Store) && !cx.has(e, KindTrait::Observer) && cx.sensitivity().holds_private(e))
            || (cx.has(e, KindTrait::Actor)
                && consequential.iter().any(|v| cx.is(Target::Element(e), "side_effect", v)))
    };
    let n = cx.model.elements.len();
    let mut hits = Vec::new();
    for sender in (0..n).filter(|&e| principal(e)) {
        let low = privilege(cx, sender);
        let wide = |e: usize| privilege(cx, e) >= 3 && privilege(cx, e) > low;
        // The system's agents and tools the sender's requests pass through, nearest first, and
        // whether the way there borrows wider rights.
        let mut reached_by: std::collections::HashMap<usize, Option<usize>> =
            std::collections::HashMap::from([(sender, None)]);
        let mut borrowed: std::collections::HashMap<usize, bool> = std::collections::HashMap::from([(sender, false)]);
        let mut queue = std::collections::VecDeque::from([sender]);
        let mut found: Vec<usize> = Vec::new();
        while let Some(at) = queue.pop_front() {
            for &h in &cx.hops_out[at] {
                let hop = &cx.hops[h];
                if hop.side == Side::Answer || reached_by.contains_key(&hop.to) || !relay(hop.to) {
                    continue;
                }
                reached_by.insert(hop.to, Some(h));
                borrowed.insert(hop.to, borrowed[&at] || wide(hop.to));
                queue.push_back(hop.to);
                if wide(hop.to) {
                    found.push(hop.to);
                }
            }
        }
        // What the sender reaches without borrowing: itself, or through agents and tools that
        // hold no wider rights than it (the agent's own file tools reach the checkout anyway).
        let reaches_itself = |r: usize| {
            borrowed.iter().any(|(&e, &b)| {
                !b && cx.hops_out[e].iter().any(|&g| cx.hops[g].to == r && cx.hops[g].side != Side::Answer)
            })
        };
        // One finding per resource: the nearest wide-rights deputy that acts on it.
        let mut resources_done: Vec<usize> = Vec::new();
        for deputy in found {
            for &a in &cx.hops_out[deputy] {
                let action = &cx.hops[a];
                let target = action.to;
                if action.side == Side::Answer || target == sender || !resource(target) || reaches_itself(target) {
                    continue;
                }
                if resources_done.contains(&target) || (relay(target) && privilege(cx, target) >= 3) {
                    continue;
                }
                resources_done.push(target);
                let (mut elements, mut flows) = walk_back(cx, deputy, |e| reached_by.get(&e).copied().flatten());
                elements.push(target);
                flows.push(action.flow);
                let facts = vec![
                    format!("path {}", describe_path(cx, &elements)),
                    format!(
                        "\"{}\" holds wider credentials than \"{}\"",
                        cx.element(deputy).name,
                        cx.element(sender).name
                    ),
                ];
                let mut hit = PathHit::new(elements, flows, facts);
                hit.deputy = Some(deputy);
                hits.push(hit);
            }
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::super::testing::{build, ids, text};

    #[test]
    fn no_deputy_when_a_tool_with_no_wider_rights_reaches_the_same_resource() {
        let analysis = |plain_tool: bool| {
            let mut model = build()
                .el("dev", "human", &[("principal", text("authenticated"))])
                .el("agent", "agent", &[])
                .el("terminal", "tool", &[("credential_scope", text("broad")), ("side_effect", text("execute"))])
                .el("checkout", "document-store", &[("classification", text("confidential"))])
                .flow("f1", "dev", "agent", &[])
                .call("f2", "agent", "terminal")
                .call("f3", "terminal", "checkout");
            if plain_tool {
                model = model
                    .el("files", "tool", &[("side_effect", text("write"))])
                    .call("f4", "agent", "files")
                    .call("f5", "files", "checkout");
            }
            model.analyse()
        };
        assert_eq!(ids(&analysis(false), "confused-deputy"), ["confused-deputy:dev->checkout"]);
        assert!(ids(&analysis(true), "confused-deputy").is_empty(), "the agent's own file tool reaches it anyway");
    }
}

//! Confused deputy through chained authorisation.
//!
//! A person, a peer agent or an agent with narrow credentials sends work to an agent or tool that
//! holds wider ones (shared or broad), and that deputy acts on a resource the sender has no
//! channel to itself: the sender borrows authority it was never given. Privilege is read from
//! `credential_scope` (task < agent < shared < broad; parties without it rank lowest). A deputy
//! that acts with the requester's own rights (`credential_scope = task`, stated) is no deputy.
//! The sender need not be an attacker: a signed-in user asking for what their own rights would
//! deny is the case this is about. Where untrusted content reaches the sender, the path starts
//! there.
//! One pass over the channels; one finding per sender and resource.

use super::{PathHit, describe_path};
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
    let sender = |e: usize| cx.has(e, KindTrait::Person) || cx.has(e, KindTrait::Agent);
    let deputy = |e: usize| cx.has(e, KindTrait::Agent) || cx.has(e, KindTrait::Actor);
    let resource = |e: usize| {
        cx.has(e, KindTrait::Store)
            || cx.has(e, KindTrait::Actor)
            || cx.has(e, KindTrait::Outside)
            || cx.has(e, KindTrait::Infrastructure)
    };
    let mut hits = Vec::new();
    for hop in &cx.hops {
        let (from, to) = (hop.from, hop.to);
        if hop.side == Side::Answer || !sender(from) || !deputy(to) || cx.has(to, KindTrait::Outside) {
            continue;
        }
        let (low, high) = (privilege(cx, from), privilege(cx, to));
        if high < 3 || low >= high {
            continue;
        }
        let reaches_itself = |r: usize| cx.hops_out[from].iter().any(|&g| cx.hops[g].to == r);
        let action = cx.hops_out[to].iter().copied().find(|&g| {
            let target = cx.hops[g].to;
            cx.hops[g].side != Side::Answer && target != from && resource(target) && !reaches_itself(target)
        });
        if let Some(action) = action {
            // The chain starts where the attacker is: the way untrusted content reaches the sender.
            let (mut elements, mut flows) = cx.untrusted().raw.path(cx, from);
            if elements.is_empty() {
                elements.push(from);
            }
            elements.extend([to, cx.hops[action].to]);
            flows.extend([hop.flow, cx.hops[action].flow]);
            let facts = vec![
                format!("path {}", describe_path(cx, &elements)),
                format!("\"{}\" holds wider credentials than \"{}\"", cx.element(to).name, cx.element(from).name),
            ];
            let legs = cx.untrusted().other_origins(cx, from, &elements);
            let mut hit = PathHit::new(elements, flows, facts);
            hit.deputy = Some(to);
            hit.legs = legs;
            hits.push(hit);
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::super::testing::{build, finding, ids, text};

    fn helpdesk(scope: &str) -> crate::Analysis {
        build()
            .el("employee", "human", &[("principal", text("authenticated"))])
            .el("agent", "agent", &[("credential_scope", text(scope))])
            .el("hr", "database", &[])
            .call("f1", "employee", "agent")
            .call("f2", "agent", "hr")
            .analyse()
    }

    #[test]
    fn a_user_borrows_the_agents_wider_rights_to_reach_what_they_cannot() {
        let analysis = helpdesk("shared");
        let deputy = finding(&analysis, "confused-deputy:employee->hr");
        assert_eq!(deputy.path, ["employee", "f1", "agent", "f2", "hr"]);
    }

    #[test]
    fn a_deputy_acting_with_the_requesters_own_rights_is_none() {
        assert!(ids(&helpdesk("task"), "confused-deputy").is_empty());
    }
}

//! Confused deputy through chained authorisation.
//!
//! A person, a peer agent or an agent with narrow credentials sends work to an agent or tool that
//! holds wider ones (shared or broad), and that deputy acts on a resource the sender has no flow
//! to itself: the sender borrows authority it was never given. Privilege is read from
//! `credential_scope` (task < agent < shared < broad; parties without it rank lowest). One pass
//! over the flows; one finding per sender and resource.

use super::{PathHit, describe_path};
use crate::context::{Context, Target};
use maestro_model::PropertyValue;

const SENDERS: &[&str] = &["human", "peer-agent", "agent", "orchestrator"];
const DEPUTIES: &[&str] = &["agent", "orchestrator", "tool", "code-interpreter", "mcp-server"];
const RESOURCES: &[&str] = &[
    "vector-store",
    "memory",
    "document-store",
    "database",
    "prompt-store",
    "secrets-manager",
    "model-registry",
    "runtime",
    "external-api",
    "tool",
    "code-interpreter",
    "mcp-server",
];

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
    let mut hits = Vec::new();
    for (request, &(sender, deputy)) in cx.ends.iter().enumerate() {
        if !SENDERS.contains(&cx.kind_of(sender)) || !DEPUTIES.contains(&cx.kind_of(deputy)) {
            continue;
        }
        let (low, high) = (privilege(cx, sender), privilege(cx, deputy));
        if high < 3 || low >= high {
            continue;
        }
        let reaches_itself = |resource: usize| cx.outgoing[sender].iter().any(|&f| cx.ends[f].1 == resource);
        let action = cx.outgoing[deputy].iter().copied().find(|&f| {
            let resource = cx.ends[f].1;
            resource != sender && RESOURCES.contains(&cx.kind_of(resource)) && !reaches_itself(resource)
        });
        if let Some(action) = action {
            let elements = vec![sender, deputy, cx.ends[action].1];
            let facts = vec![
                format!("path {}", describe_path(cx, &elements)),
                format!("\"{}\" holds wider credentials than \"{}\"", cx.element(deputy).name, cx.element(sender).name),
            ];
            hits.push(PathHit { elements, flows: vec![request, action], facts });
        }
    }
    hits
}

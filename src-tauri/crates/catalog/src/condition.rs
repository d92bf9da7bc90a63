//! The condition language of rules and mitigation evidence: declarative, data only.
//!
//! A condition is evaluated on one target (an element or a flow) and, for the graph forms, on the
//! flows around it. In TOML each condition is a one-key table:
//!
//! | form | true when |
//! | --- | --- |
//! | `{ all = [c, …] }`, `{ any = [c, …] }`, `{ not = c }` | the usual logic |
//! | `{ is = ["property", value] }` | the target's property (or its default) equals `value` |
//! | `{ one_of = ["property", [v, …]] }` | the property is one of the values |
//! | `{ fed_by = ["kind", …] }` | an element of one of these kinds has a flow into the target |
//! | `{ feeds = ["kind", …] }` | the target has a flow into an element of one of these kinds |
//! | `{ from_kind = ["kind", …] }`, `{ to_kind = [...] }` | a flow's source / destination is of one of these kinds |
//! | `{ inbound_all = c }` | every flow into the target satisfies `c` (true when there is none) |
//! | `{ kind = ["kind", …] }` | the target element is of one of these kinds |
//! | `{ in_boundary = ["trust", …] }` | the target element is inside a boundary whose `trust` is one of these |

use maestro_model::PropertyValue;
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
    Is(String, PropertyValue),
    OneOf(String, Vec<PropertyValue>),
    FedBy(Vec<String>),
    Feeds(Vec<String>),
    FromKind(Vec<String>),
    ToKind(Vec<String>),
    InboundAll(Box<Condition>),
    Kind(Vec<String>),
    InBoundary(Vec<String>),
}

impl Condition {
    /// Calls `visit` on this condition and every condition inside it.
    pub fn walk<'a>(&'a self, visit: &mut impl FnMut(&'a Condition)) {
        visit(self);
        match self {
            Condition::All(items) | Condition::Any(items) => items.iter().for_each(|c| c.walk(visit)),
            Condition::Not(inner) | Condition::InboundAll(inner) => inner.walk(visit),
            _ => {}
        }
    }
}

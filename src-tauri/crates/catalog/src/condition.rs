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
//! | `{ states = ["property", [v, …]] }` | the model itself sets the property to one of the values (a default does not count) |
//! | `{ fed_by = ["kind", …] }` | an element of one of these kinds has a flow into the target |
//! | `{ feeds = ["kind", …] }` | the target has a flow into an element of one of these kinds |
//! | `{ from_kind = ["kind", …] }`, `{ to_kind = [...] }` | a flow's source / destination is of one of these kinds |
//! | `{ inbound_all = c }` | every flow into the target satisfies `c` (true when there is none) |
//! | `{ kind = ["kind", …] }` | the target element is of one of these kinds |
//! | `{ in_boundary = ["trust", …] }` | the target element is inside a boundary whose `trust` is one of these |
//! | `{ within_boundary = ["trust", …] }` | both ends of the target flow are inside one boundary that states one of these trusts |
//! | `{ trait = ["trait", …] }` | the target element's kind has one of these traits |
//! | `{ fed_by_trait = [...] }`, `{ feeds_trait = [...] }` | like `fed_by` / `feeds`, by the neighbour's traits |
//! | `{ fed_by_where = c }`, `{ feeds_where = c }` | an element the target receives data from (sends data to) satisfies `c` |
//! | `{ untrusted_source = true }` | the element is itself an untrusted source (see the analysis crate's `graph::untrusted`) |
//! | `{ reached_by_untrusted = true }` | some untrusted source's content reaches the element, through any path, whatever the controls on it |
//! | `{ reached_first_hand = true }` | … first-hand: from a source, tool or store, not only as another agent relays it |
//! | `{ reached_unchecked = true }` | … through a path on which no flow is stated as validated |
//! | `{ private_data = true }` | confidential or restricted data, as the model labels it, is held by or reaches the element |
//! | `{ restricted_data = true }` | … and the data labelled restricted |
//! | `{ private_data_from_outside = true }` | … and some of it comes from outside the boundary the element sits in (data staying with the party that holds it is not exposed to a new reader) |
//! | `{ outbound_channel = true }` | the element can send data out of the system: to an outside party, through a tool that communicates, or in rendered links |
//! | `{ converses_with_untrusted = true }` | an untrusted person or outside party sends it requests and gets its answers |
//! | `{ point_of_impact = true }` | what the element does takes effect there: it passes no write on to a modelled element, and no other element with the same side effect carries out its action |
//!
//! `fed_by` and `feeds` follow data, not arrows: the answer to a request flow feeds the caller.
//!
//! Conditions are read two ways. To decide whether a rule applies, a property the model leaves
//! unset has its default. To decide whether a control is in place, only what the model states
//! counts: an unset property, and a test over no flows at all, prove nothing.

use crate::types::KindTrait;
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
    States(String, Vec<PropertyValue>),
    OneOf(String, Vec<PropertyValue>),
    FedBy(Vec<String>),
    Feeds(Vec<String>),
    FromKind(Vec<String>),
    ToKind(Vec<String>),
    InboundAll(Box<Condition>),
    Kind(Vec<String>),
    InBoundary(Vec<String>),
    WithinBoundary(Vec<String>),
    Trait(Vec<KindTrait>),
    FedByTrait(Vec<KindTrait>),
    FeedsTrait(Vec<KindTrait>),
    FedByWhere(Box<Condition>),
    FeedsWhere(Box<Condition>),
    UntrustedSource(bool),
    ReachedByUntrusted(bool),
    ReachedFirstHand(bool),
    ReachedUnchecked(bool),
    PrivateData(bool),
    PrivateDataFromOutside(bool),
    RestrictedData(bool),
    OutboundChannel(bool),
    ConversesWithUntrusted(bool),
    PointOfImpact(bool),
}

impl Condition {
    /// Calls `visit` on this condition and every condition inside it.
    pub fn walk<'a>(&'a self, visit: &mut impl FnMut(&'a Condition)) {
        visit(self);
        match self {
            Condition::All(items) | Condition::Any(items) => items.iter().for_each(|c| c.walk(visit)),
            Condition::Not(inner)
            | Condition::InboundAll(inner)
            | Condition::FedByWhere(inner)
            | Condition::FeedsWhere(inner) => inner.walk(visit),
            _ => {}
        }
    }
}

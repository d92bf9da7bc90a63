//! The MAESTRO Studio model: what a user draws.
//!
//! A [`Model`] is a named set of [`Element`]s (agents, tools, stores, peers…) and directed [`Flow`]s
//! between them. Every change goes through an [`EditOp`], which [`Model::apply`] checks and performs,
//! returning the operation that undoes it. That one rule is what makes undo, redo, autosave and
//! several windows agree.
//!
//! This crate deliberately knows nothing of the catalog (a kind is only an id here), of analysis,
//! of files or of any user interface.

mod edit;
mod ids;
mod types;

pub use edit::{EditError, EditOp, ElementMove, MAX_NAME_CHARS, Placed};
pub use ids::{ElementId, FlowId, KindId};
pub use types::{Element, Flow, Model, Position, Properties, PropertyValue};

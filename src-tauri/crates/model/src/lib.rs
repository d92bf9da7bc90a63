//! The MAESTRO Studio model: what a user draws.
//!
//! A [`Model`] is a named set of [`Element`]s (agents, tools, stores, peers…), directed [`Flow`]s
//! between them, and trust [`Boundary`]s (boxes that hold elements and nest in each other). Every change goes through an [`EditOp`], which [`Model::apply`] checks and performs,
//! returning the operation that undoes it. That one rule is what makes undo, redo, autosave and
//! several windows agree.
//!
//! This crate deliberately knows nothing of the catalog (a kind is only an id here), of analysis,
//! of files or of any user interface.

mod edit;
mod geometry;
mod ids;
mod rebuild;
mod types;

pub use edit::{
    DecisionValue, EditError, EditOp, ElementMove, MAX_NAME_CHARS, MAX_TEXT_CHARS, Membership, Placed, Slot, TextField,
};
pub use geometry::{BOUNDARY_HEADER, BOUNDARY_PADDING, ELEMENT_SIZE, Rect};
pub use ids::{BoundaryId, ElementId, FindingId, FlowId, KindId};
pub use types::{
    Boundary, Decision, DecisionStatus, Element, Flow, LayerOverride, MIN_BOUNDARY_SIDE, Model, Position, Properties,
    PropertyValue, Size,
};

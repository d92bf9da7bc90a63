//! What a user interface asks for. The document turns each request into a concrete [`EditOp`]
//! (choosing ids and default names), which is what the history records, so redo repeats exactly
//! what was done.

use crate::geometry;
use maestro_catalog::{Catalog, PropertyTarget};
use maestro_model::{
    Boundary, BoundaryId, DecisionValue, EditError, EditOp, Element, ElementId, ElementMove, FindingId, Flow, FlowId,
    KindId, LayerOverride, Membership, Model, Placed, Position, PropertyValue, Size, TextField,
};
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
#[serde(tag = "type", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Edit {
    /// Places a new element of `kind` at `position`, named after its kind.
    AddElement {
        kind: KindId,
        position: Position,
    },
    /// Draws a flow from one element to another.
    Connect {
        from: ElementId,
        to: ElementId,
    },
    /// Ends a drag: the new positions of the elements and boundaries dragged. An element dropped
    /// into or out of a boundary changes boundary; a boundary carries what it holds and nests in
    /// the boundary it is dropped in.
    Move {
        moves: Vec<ElementMove>,
        boundaries: Vec<BoundaryMove>,
    },
    /// Deletes elements (with their flows), flows and boundaries (what a deleted boundary held
    /// stays, in the boundary around it).
    Delete {
        elements: Vec<ElementId>,
        flows: Vec<FlowId>,
        boundaries: Vec<BoundaryId>,
    },
    /// Draws a trust boundary with this box. `members` go inside (a box drawn around a
    /// selection); with none given, the elements whose centre it covers do. Boundaries it wholly
    /// covers nest in it.
    AddBoundary {
        position: Position,
        size: Size,
        members: Vec<ElementId>,
    },
    /// A boundary's new box after resizing: elements its edge now takes in or leaves out change
    /// boundary.
    ResizeBoundary {
        id: BoundaryId,
        position: Position,
        size: Size,
    },
    RenameBoundary {
        id: BoundaryId,
        name: String,
    },
    /// Sets the description or notes of an element, flow or boundary.
    SetText {
        target: String,
        field: TextField,
        value: String,
    },
    /// Moves a flow's ends to other elements.
    Reconnect {
        flow: FlowId,
        from: ElementId,
        to: ElementId,
    },
    /// A new arrangement (auto-layout, layer bands, align, distribute) as one undoable change:
    /// elements move, boundaries take the boxes given, and with `refit` the others are fitted
    /// around what they hold. Nothing changes boundary.
    Arrange {
        moves: Vec<ElementMove>,
        boundaries: Vec<BoundaryGeometry>,
        refit: bool,
    },
    RenameElement {
        id: ElementId,
        name: String,
    },
    RenameFlow {
        id: FlowId,
        name: String,
    },
    RenameModel {
        name: String,
    },
    /// Sets what the model is about: the system and the scope, in the user's words.
    DescribeModel {
        description: String,
    },
    /// Chooses an element's primary layer by hand, with a reason, or (with `None`) hands the
    /// choice back to the analysis.
    SetLayerOverride {
        element: ElementId,
        value: Option<LayerOverride>,
    },
    /// Records the user's decision on a finding (accepted, transferred, not applicable), with a
    /// reason, or (with `None`) reopens it.
    SetDecision {
        finding: FindingId,
        value: Option<DecisionValue>,
    },
    /// Adds copies of copied elements and the flows among them, with fresh ids, moved by `offset`.
    Paste {
        fragment: Fragment,
        offset: Position,
    },
    /// Sets a catalog property of an element, flow or boundary, or (with `None`) returns it to its
    /// default. Only properties that apply there, with allowed values, are accepted.
    SetProperty {
        target: String,
        property: String,
        value: Option<PropertyValue>,
    },
    /// Sets one property on several elements, flows or boundaries at once (a multi-selection), as
    /// one change: accepted only if it is accepted on each of them.
    SetPropertyOfEach {
        targets: Vec<String>,
        property: String,
        value: Option<PropertyValue>,
    },
}

/// A boundary's new top-left corner after a drag.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct BoundaryMove {
    pub id: BoundaryId,
    pub position: Position,
}

/// A boundary's box in a new arrangement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct BoundaryGeometry {
    pub id: BoundaryId,
    pub position: Position,
    pub size: Size,
}

/// Copied elements and the flows among them: what the clipboard holds.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct Fragment {
    pub elements: Vec<Element>,
    pub flows: Vec<Flow>,
}

impl Fragment {
    /// The elements with these ids, and every flow between two of them or itself named.
    pub fn copy_of(model: &Model, ids: &[String]) -> Fragment {
        let elements: Vec<Element> =
            model.elements.iter().filter(|e| ids.iter().any(|id| id == e.id.as_str())).cloned().collect();
        let inside = |id: &ElementId| elements.iter().any(|e| &e.id == id);
        let flows = model.flows.iter().filter(|f| inside(&f.from) && inside(&f.to)).cloned().collect();
        Fragment { elements, flows }
    }
}

/// Why a request could not become an operation.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    UnknownKind(KindId),
    /// Pasted content that cannot go into a model.
    BadPaste(String),
    UnknownLayer(String),
    /// A property that does not apply to the target, or a value it does not allow.
    Property(String),
    /// The model refused a step of a composite edit.
    Model(EditError),
    /// The edit would change nothing; says what is missing.
    Nothing(&'static str),
}

impl Edit {
    pub(crate) fn into_op(self, model: &Model, catalog: &Catalog) -> Result<EditOp, Refusal> {
        Ok(match self {
            Edit::AddElement { kind, position } => {
                let label =
                    catalog.kind(kind.as_str()).ok_or_else(|| Refusal::UnknownKind(kind.clone()))?.label.clone();
                let element = Element {
                    id: model.fresh_id(kind.as_str()).as_str().into(),
                    name: unused_name(model, &label),
                    kind,
                    position,
                    ..Default::default()
                };
                let memberships = memberships_where_placed(model, std::slice::from_ref(&element));
                EditOp::Insert { elements: vec![Placed::appended(element)], flows: vec![], memberships }
            }
            Edit::Connect { from, to } => {
                let flow = Flow { id: FlowId::new(model.fresh_id("flow")), from, to, ..Default::default() };
                EditOp::Insert { elements: vec![], flows: vec![Placed::appended(flow)], memberships: vec![] }
            }
            Edit::Move { moves, boundaries } => geometry::move_op(model, moves, boundaries)?,
            Edit::Delete { elements, flows, boundaries } => {
                if boundaries.is_empty() {
                    EditOp::Remove { elements, flows }
                } else {
                    geometry::delete_op(model, elements, flows, boundaries)?
                }
            }
            Edit::AddBoundary { position, size, members } => {
                let boundary = Boundary {
                    id: model.fresh_id("boundary").as_str().into(),
                    name: unused_boundary_name(model, "Trust boundary"),
                    position,
                    size,
                    ..Default::default()
                };
                geometry::add_boundary_op(model, boundary, members)?
            }
            Edit::ResizeBoundary { id, position, size } => geometry::resize_op(model, id, position, size)?,
            Edit::RenameBoundary { id, name } => EditOp::RenameBoundary { id, name },
            Edit::SetText { target, field, value } => EditOp::SetText { target, field, value },
            Edit::Reconnect { flow, from, to } => EditOp::Reconnect { flow, from, to },
            Edit::Arrange { moves, boundaries, refit } => geometry::arrange_op(model, moves, boundaries, refit)?,
            Edit::RenameElement { id, name } => EditOp::RenameElement { id, name },
            Edit::RenameFlow { id, name } => EditOp::RenameFlow { id, name },
            Edit::RenameModel { name } => EditOp::RenameModel { name },
            Edit::DescribeModel { description } => EditOp::DescribeModel { description },
            Edit::SetLayerOverride { element, value } => {
                if let Some(chosen) = &value {
                    let layer = catalog.layers.iter().find(|l| l.id.as_str() == chosen.layer && !l.cross_layer);
                    if layer.is_none() {
                        return Err(Refusal::UnknownLayer(chosen.layer.clone()));
                    }
                }
                EditOp::SetLayerOverride { element, value }
            }
            Edit::SetDecision { finding, value } => EditOp::SetDecision { finding, value },
            Edit::Paste { fragment, offset } => paste(model, catalog, fragment, offset)?,
            Edit::SetProperty { target, property, value } => {
                check_property(model, catalog, &target, &property, value.as_ref()).map_err(Refusal::Property)?;
                EditOp::SetProperty { target, property, value }
            }
            Edit::SetPropertyOfEach { targets, property, value } => {
                if targets.is_empty() {
                    return Err(Refusal::Property("nothing is selected to set it on".into()));
                }
                let mut ops = Vec::with_capacity(targets.len());
                for target in targets {
                    check_property(model, catalog, &target, &property, value.as_ref()).map_err(Refusal::Property)?;
                    ops.push(EditOp::SetProperty { target, property: property.clone(), value: value.clone() });
                }
                EditOp::Batch { ops }
            }
        })
    }
}

/// Copies of the fragment's elements with fresh ids, moved by `offset`, and the flows among them.
fn paste(model: &Model, catalog: &Catalog, fragment: Fragment, offset: Position) -> Result<EditOp, Refusal> {
    if fragment.elements.is_empty() {
        return Err(Refusal::BadPaste("there is nothing to paste".into()));
    }
    if !offset.is_finite() {
        return Err(Refusal::BadPaste("the paste position is not a number".into()));
    }
    // Ids are chosen against the model plus everything pasted so far.
    let mut scratch = model.clone();
    let mut renamed: Vec<(ElementId, ElementId)> = Vec::new();
    let mut elements = Vec::with_capacity(fragment.elements.len());
    for mut element in fragment.elements {
        if catalog.kind(element.kind.as_str()).is_none() {
            return Err(Refusal::BadPaste(format!("the catalog has no element kind '{}'", element.kind)));
        }
        if !element.position.is_finite() {
            return Err(Refusal::BadPaste(format!("'{}' has no valid position", element.name)));
        }
        let fresh: ElementId = scratch.fresh_id(element.kind.as_str()).as_str().into();
        renamed.push((element.id.clone(), fresh.clone()));
        element.id = fresh;
        element.position = Position::new(element.position.x + offset.x, element.position.y + offset.y);
        scratch.elements.push(element.clone());
        elements.push(Placed::appended(element));
    }
    let memberships = memberships_where_placed(model, &elements.iter().map(|p| p.item.clone()).collect::<Vec<_>>());
    let new_id = |old: &ElementId| renamed.iter().find(|(o, _)| o == old).map(|(_, n)| n.clone());
    let mut flows = Vec::new();
    for mut flow in fragment.flows {
        let (Some(from), Some(to)) = (new_id(&flow.from), new_id(&flow.to)) else { continue };
        flow.id = FlowId::new(scratch.fresh_id("flow"));
        flow.from = from;
        flow.to = to;
        scratch.flows.push(flow.clone());
        flows.push(Placed::appended(flow));
    }
    Ok(EditOp::Insert { elements, flows, memberships })
}

/// New elements go into the boundary they are placed in.
fn memberships_where_placed(model: &Model, elements: &[Element]) -> Vec<Membership> {
    elements
        .iter()
        .filter_map(|e| {
            let boundary = model.boundary_under_element(e)?.clone();
            Some(Membership { boundary, element: e.id.clone(), index: u32::MAX })
        })
        .collect()
}

/// Whether `property` applies to the target and, when a value is given, allows it.
fn check_property(
    model: &Model,
    catalog: &Catalog,
    target: &str,
    property: &str,
    value: Option<&PropertyValue>,
) -> Result<(), String> {
    let definition = catalog.property(property).ok_or_else(|| format!("there is no property '{property}'"))?;
    let applies = if let Some(element) = model.elements.iter().find(|e| e.id.as_str() == target) {
        catalog.kind(element.kind.as_str()).is_some_and(|k| k.properties.iter().any(|p| p == property))
    } else if model.flows.iter().any(|f| f.id.as_str() == target) {
        definition.applies_to.contains(&PropertyTarget::Flow)
    } else if model.boundaries.iter().any(|b| b.id.as_str() == target) {
        definition.applies_to.contains(&PropertyTarget::Boundary)
    } else {
        return Err(format!("there is no element, flow or boundary with id '{target}'"));
    };
    if !applies {
        return Err(format!("'{}' does not apply to '{target}'", definition.label));
    }
    match value {
        Some(v) if !definition.accepts(v) => {
            let allowed =
                if definition.values.is_empty() { "true or false".to_owned() } else { definition.values.join(", ") };
            Err(format!("'{}' must be one of: {allowed}", definition.label))
        }
        _ => Ok(()),
    }
}

/// `label`, or `label 2`, `label 3`… whichever no element has yet.
fn unused_name(model: &Model, label: &str) -> String {
    first_free(label, |name| model.elements.iter().any(|e| e.name == name))
}

/// `label`, or `label 2`, `label 3`… whichever no boundary has yet.
fn unused_boundary_name(model: &Model, label: &str) -> String {
    first_free(label, |name| model.boundaries.iter().any(|b| b.name == name))
}

fn first_free(label: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(label) {
        return label.to_owned();
    }
    (2..).map(|n| format!("{label} {n}")).find(|n| !taken(n)).expect("an unbounded range yields a free name")
}

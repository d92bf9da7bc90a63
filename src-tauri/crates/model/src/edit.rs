//! Edit operations: the only way a model changes.
//!
//! [`Model::apply`] validates an operation completely before touching the model, so a rejected
//! operation changes nothing, and returns the operation that exactly undoes it (positions in the
//! element and flow lists included), which is all an undo history needs.

use crate::ids::{BoundaryId, ElementId, FindingId, FlowId};
use crate::types::{
    Boundary, Decision, DecisionStatus, Element, Flow, LayerOverride, Model, Position, Properties, PropertyValue, Size,
};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::{BTreeSet, HashSet};
use thiserror::Error;

/// Longest name accepted for a model, element, flow or boundary, in characters.
pub const MAX_NAME_CHARS: usize = 200;

/// Longest description or notes accepted, in characters.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// A free-text field of an element, flow or boundary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum TextField {
    Description,
    Notes,
}

/// A place in a boundary's member list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct Slot {
    pub boundary: BoundaryId,
    pub index: u32,
}

/// An item with the list index it should be inserted at (`None` appends).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct Placed<T> {
    pub index: Option<u32>,
    pub item: T,
}

impl<T> Placed<T> {
    pub fn appended(item: T) -> Self {
        Self { index: None, item }
    }
}

/// One element's new position.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct ElementMove {
    pub id: ElementId,
    pub position: Position,
}

/// An element's place in a boundary's member list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct Membership {
    pub boundary: BoundaryId,
    pub element: ElementId,
    pub index: u32,
}

/// A decision's status and reason, without the finding it is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct DecisionValue {
    pub status: DecisionStatus,
    pub justification: String,
}

/// A change to a model, as kept in the undo history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
#[serde(tag = "op", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum EditOp {
    /// Adds elements and flows (flows may refer to the elements added alongside them), and puts
    /// elements back into boundaries.
    Insert {
        elements: Vec<Placed<Element>>,
        flows: Vec<Placed<Flow>>,
        #[serde(default)]
        memberships: Vec<Membership>,
    },
    /// Removes elements, every flow attached to them, and the listed flows.
    Remove {
        elements: Vec<ElementId>,
        flows: Vec<FlowId>,
    },
    /// Moves elements on the canvas.
    Move {
        moves: Vec<ElementMove>,
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
    /// Sets the model's own description.
    DescribeModel {
        description: String,
    },
    /// Sets (or with `None` clears) the user's choice of an element's primary layer.
    SetLayerOverride {
        element: ElementId,
        value: Option<LayerOverride>,
    },
    /// Sets (or with `None` clears, back to the default) a property of an element, flow or boundary.
    SetProperty {
        target: String,
        property: String,
        value: Option<PropertyValue>,
    },
    /// Sets (or with `None` clears) the user's decision on a finding.
    SetDecision {
        finding: FindingId,
        value: Option<DecisionValue>,
    },
    /// Sets the description or notes of an element, flow or boundary.
    SetText {
        target: String,
        field: TextField,
        value: String,
    },
    /// Points a flow at other ends.
    Reconnect {
        flow: FlowId,
        from: ElementId,
        to: ElementId,
    },
    /// Adds a boundary (with its members, which must exist).
    InsertBoundary {
        boundary: Placed<Boundary>,
    },
    /// Removes a boundary that no other boundary sits in; its elements stay in the model.
    RemoveBoundary {
        id: BoundaryId,
    },
    RenameBoundary {
        id: BoundaryId,
        name: String,
    },
    /// Moves or resizes a boundary's box (its contents are moved by their own operations).
    SetBoundaryGeometry {
        id: BoundaryId,
        position: Position,
        size: Size,
    },
    /// Puts a boundary inside another, or (with `None`) at the top level.
    SetBoundaryParent {
        boundary: BoundaryId,
        parent: Option<BoundaryId>,
    },
    /// Sets exactly which boundaries hold an element directly, and where in their member lists.
    SetMembership {
        element: ElementId,
        slots: Vec<Slot>,
    },
    /// Several operations as one change: all apply, or none does.
    Batch {
        ops: Vec<EditOp>,
    },
    /// The whole model replaced by another (an earlier revision restored), which must pass
    /// every check its parts would one by one ([`Model::rebuilt`]).
    Replace {
        model: Box<Model>,
    },
}

/// Why an operation was refused. The model is unchanged when this is returned.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum EditError {
    #[error("there is no element with id '{0}'")]
    UnknownElement(ElementId),
    #[error("there is no flow with id '{0}'")]
    UnknownFlow(FlowId),
    #[error("the id '{0}' is already used in this model")]
    DuplicateId(String),
    #[error("flow '{flow}' connects '{element}', which is not in the model")]
    DanglingFlow { flow: FlowId, element: ElementId },
    #[error("flow '{0}' starts and ends at the same element")]
    SelfFlow(FlowId),
    #[error("'{0}' is not a valid position: coordinates must be finite numbers")]
    InvalidPosition(ElementId),
    #[error("a name cannot be empty")]
    EmptyName,
    #[error("a name can have at most {MAX_NAME_CHARS} characters")]
    NameTooLong,
    #[error("an id cannot be empty")]
    EmptyId,
    #[error("say why: a {0} needs a justification")]
    MissingJustification(&'static str),
    #[error("there is no boundary with id '{0}'")]
    UnknownBoundary(BoundaryId),
    #[error("there is no element, flow or boundary with id '{0}'")]
    UnknownTarget(String),
    #[error("'{0}' must be a finite number")]
    InvalidNumber(String),
    #[error("a description or notes can have at most {MAX_TEXT_CHARS} characters")]
    TextTooLong,
    #[error("boundary '{0}' must be at least 40 units wide and high, with finite coordinates")]
    InvalidBoundaryGeometry(BoundaryId),
    #[error("boundary '{0}' cannot sit inside itself or a boundary nested in it")]
    BoundaryCycle(BoundaryId),
    #[error("boundary '{0}' still holds other boundaries")]
    BoundaryNotEmpty(BoundaryId),
}

impl Model {
    /// Checks and performs `op`; returns the operation that undoes it.
    pub fn apply(&mut self, op: EditOp) -> Result<EditOp, EditError> {
        match op {
            EditOp::Insert { elements, flows, memberships } => self.insert(elements, flows, memberships),
            EditOp::Remove { elements, flows } => self.remove(&elements, &flows),
            EditOp::Move { moves } => self.move_elements(moves),
            EditOp::RenameElement { id, name } => {
                let name = checked_name(name)?;
                let index = self.element_index(&id).ok_or_else(|| EditError::UnknownElement(id.clone()))?;
                let old = std::mem::replace(&mut self.elements[index].name, name);
                Ok(EditOp::RenameElement { id, name: old })
            }
            EditOp::RenameFlow { id, name } => {
                // A flow may be unnamed: only the length is limited.
                if name.chars().count() > MAX_NAME_CHARS {
                    return Err(EditError::NameTooLong);
                }
                let index = self.flow_index(&id).ok_or_else(|| EditError::UnknownFlow(id.clone()))?;
                let old = std::mem::replace(&mut self.flows[index].name, name);
                Ok(EditOp::RenameFlow { id, name: old })
            }
            EditOp::Replace { model } => {
                let model = model.rebuilt()?;
                Ok(EditOp::Replace { model: Box::new(std::mem::replace(self, model)) })
            }
            EditOp::RenameModel { name } => {
                let name = checked_name(name)?;
                let old = std::mem::replace(&mut self.name, name);
                Ok(EditOp::RenameModel { name: old })
            }
            EditOp::DescribeModel { description } => {
                if description.chars().count() > MAX_TEXT_CHARS {
                    return Err(EditError::TextTooLong);
                }
                let old = std::mem::replace(&mut self.description, description);
                Ok(EditOp::DescribeModel { description: old })
            }
            EditOp::SetLayerOverride { element, value } => {
                if value.as_ref().is_some_and(|v| v.justification.trim().is_empty() || v.layer.trim().is_empty()) {
                    return Err(EditError::MissingJustification("layer chosen by hand"));
                }
                let index = self.element_index(&element).ok_or_else(|| EditError::UnknownElement(element.clone()))?;
                let old = std::mem::replace(&mut self.elements[index].layer_override, value);
                Ok(EditOp::SetLayerOverride { element, value: old })
            }
            EditOp::SetProperty { target, property, value } => {
                if let Some(PropertyValue::Number(n)) = &value
                    && !n.is_finite()
                {
                    return Err(EditError::InvalidNumber(property));
                }
                let properties = self.properties_of(&target).ok_or_else(|| EditError::UnknownTarget(target.clone()))?;
                let old = match value {
                    Some(value) => properties.insert(property.clone(), value),
                    None => properties.remove(&property),
                };
                Ok(EditOp::SetProperty { target, property, value: old })
            }
            EditOp::SetDecision { finding, value } => {
                if value.as_ref().is_some_and(|v| v.justification.trim().is_empty()) {
                    return Err(EditError::MissingJustification("decision on a finding"));
                }
                let old = self.decisions.iter().position(|d| d.finding == finding).map(|i| self.decisions.remove(i));
                if let Some(value) = value {
                    // Kept sorted by finding id, so the same decisions always store the same way.
                    let at = self.decisions.partition_point(|d| d.finding < finding);
                    let decision =
                        Decision { finding: finding.clone(), status: value.status, justification: value.justification };
                    self.decisions.insert(at, decision);
                }
                let old = old.map(|d| DecisionValue { status: d.status, justification: d.justification });
                Ok(EditOp::SetDecision { finding, value: old })
            }
            EditOp::SetText { target, field, value } => {
                if value.chars().count() > MAX_TEXT_CHARS {
                    return Err(EditError::TextTooLong);
                }
                let text = self.text_of(&target, field).ok_or_else(|| EditError::UnknownTarget(target.clone()))?;
                let old = std::mem::replace(text, value);
                Ok(EditOp::SetText { target, field, value: old })
            }
            EditOp::Reconnect { flow, from, to } => {
                let index = self.flow_index(&flow).ok_or_else(|| EditError::UnknownFlow(flow.clone()))?;
                for end in [&from, &to] {
                    if self.element_index(end).is_none() {
                        return Err(EditError::DanglingFlow { flow: flow.clone(), element: end.clone() });
                    }
                }
                if from == to {
                    return Err(EditError::SelfFlow(flow));
                }
                let f = &mut self.flows[index];
                let old_from = std::mem::replace(&mut f.from, from);
                let old_to = std::mem::replace(&mut f.to, to);
                Ok(EditOp::Reconnect { flow, from: old_from, to: old_to })
            }
            EditOp::InsertBoundary { boundary } => self.insert_boundary(boundary),
            EditOp::RemoveBoundary { id } => {
                let index = self.boundary_index(&id).ok_or_else(|| EditError::UnknownBoundary(id.clone()))?;
                if self.boundaries.iter().any(|b| b.parent.as_ref() == Some(&id)) {
                    return Err(EditError::BoundaryNotEmpty(id));
                }
                let boundary = self.boundaries.remove(index);
                Ok(EditOp::InsertBoundary { boundary: Placed { index: Some(index as u32), item: boundary } })
            }
            EditOp::RenameBoundary { id, name } => {
                let name = checked_name(name)?;
                let index = self.boundary_index(&id).ok_or_else(|| EditError::UnknownBoundary(id.clone()))?;
                let old = std::mem::replace(&mut self.boundaries[index].name, name);
                Ok(EditOp::RenameBoundary { id, name: old })
            }
            EditOp::SetBoundaryGeometry { id, position, size } => {
                if !position.is_finite() || !size.is_valid() {
                    return Err(EditError::InvalidBoundaryGeometry(id));
                }
                let index = self.boundary_index(&id).ok_or_else(|| EditError::UnknownBoundary(id.clone()))?;
                let b = &mut self.boundaries[index];
                let old_position = std::mem::replace(&mut b.position, position);
                let old_size = std::mem::replace(&mut b.size, size);
                Ok(EditOp::SetBoundaryGeometry { id, position: old_position, size: old_size })
            }
            EditOp::SetBoundaryParent { boundary, parent } => {
                let index =
                    self.boundary_index(&boundary).ok_or_else(|| EditError::UnknownBoundary(boundary.clone()))?;
                if let Some(parent) = &parent {
                    if self.boundary_index(parent).is_none() {
                        return Err(EditError::UnknownBoundary(parent.clone()));
                    }
                    if *parent == boundary || self.boundaries_within(&boundary).contains(parent) {
                        return Err(EditError::BoundaryCycle(boundary));
                    }
                }
                let old = std::mem::replace(&mut self.boundaries[index].parent, parent);
                Ok(EditOp::SetBoundaryParent { boundary, parent: old })
            }
            EditOp::SetMembership { element, slots } => self.set_membership(element, slots),
            EditOp::Batch { ops } => {
                let mut undo = Vec::with_capacity(ops.len());
                for op in ops {
                    match self.apply(op) {
                        Ok(inverse) => undo.push(inverse),
                        Err(error) => {
                            for inverse in undo.into_iter().rev() {
                                self.apply(inverse).expect("the inverse of an operation just applied always applies");
                            }
                            return Err(error);
                        }
                    }
                }
                undo.reverse();
                Ok(EditOp::Batch { ops: undo })
            }
        }
    }

    /// The description or notes of the element, flow or boundary with this id.
    fn text_of(&mut self, id: &str, field: TextField) -> Option<&mut String> {
        let (description, notes) = if let Some(e) = self.elements.iter_mut().find(|e| e.id.as_str() == id) {
            (&mut e.description, &mut e.notes)
        } else if let Some(f) = self.flows.iter_mut().find(|f| f.id.as_str() == id) {
            (&mut f.description, &mut f.notes)
        } else {
            let b = self.boundaries.iter_mut().find(|b| b.id.as_str() == id)?;
            (&mut b.description, &mut b.notes)
        };
        Some(match field {
            TextField::Description => description,
            TextField::Notes => notes,
        })
    }

    fn insert_boundary(&mut self, placed: Placed<Boundary>) -> Result<EditOp, EditError> {
        let ids = Ids::of(self);
        check_boundary(&placed.item, &ids)?;
        let inverse = EditOp::RemoveBoundary { id: placed.item.id.clone() };
        insert_placed(&mut self.boundaries, vec![placed]);
        Ok(inverse)
    }

    /// Appends `boundaries` in order, each checked as [`EditOp::InsertBoundary`] checks one, but
    /// with the model's ids gathered once: building a large model from a file is linear, where
    /// one operation per boundary would look through every element for each. On the first that
    /// breaks a rule, says which and why; those before it stay in.
    pub fn append_boundaries(&mut self, boundaries: Vec<Boundary>) -> Result<(), (BoundaryId, EditError)> {
        let mut added = Vec::with_capacity(boundaries.len());
        let result = {
            let mut ids = Ids::of(self);
            let mut result = Ok(());
            for boundary in &boundaries {
                if let Err(error) = check_boundary(boundary, &ids) {
                    result = Err((boundary.id.clone(), error));
                    break;
                }
                ids.taken.insert(boundary.id.as_str());
                ids.boundaries.insert(boundary.id.as_str());
                added.push(boundary.id.clone());
            }
            result
        };
        let count = added.len();
        self.boundaries.extend(boundaries.into_iter().take(count));
        result
    }

    fn set_membership(&mut self, element: ElementId, slots: Vec<Slot>) -> Result<EditOp, EditError> {
        if self.element_index(&element).is_none() {
            return Err(EditError::UnknownElement(element));
        }
        for (i, slot) in slots.iter().enumerate() {
            if self.boundary_index(&slot.boundary).is_none() {
                return Err(EditError::UnknownBoundary(slot.boundary.clone()));
            }
            if slots[..i].iter().any(|s| s.boundary == slot.boundary) {
                return Err(EditError::DuplicateId(slot.boundary.to_string()));
            }
        }
        let mut old = Vec::new();
        for boundary in &mut self.boundaries {
            if let Some(index) = boundary.contains.iter().position(|m| *m == element) {
                boundary.contains.remove(index);
                old.push(Slot { boundary: boundary.id.clone(), index: index as u32 });
            }
        }
        for slot in slots {
            let boundary = self.boundaries.iter_mut().find(|b| b.id == slot.boundary).expect("checked above");
            let at = (slot.index as usize).min(boundary.contains.len());
            boundary.contains.insert(at, element.clone());
        }
        Ok(EditOp::SetMembership { element, slots: old })
    }

    /// The property map of the element, flow or boundary with this id.
    fn properties_of(&mut self, id: &str) -> Option<&mut Properties> {
        if let Some(e) = self.elements.iter_mut().find(|e| e.id.as_str() == id) {
            return Some(&mut e.properties);
        }
        if let Some(f) = self.flows.iter_mut().find(|f| f.id.as_str() == id) {
            return Some(&mut f.properties);
        }
        self.boundaries.iter_mut().find(|b| b.id.as_str() == id).map(|b| &mut b.properties)
    }

    fn insert(
        &mut self,
        elements: Vec<Placed<Element>>,
        flows: Vec<Placed<Flow>>,
        memberships: Vec<Membership>,
    ) -> Result<EditOp, EditError> {
        let mut taken: HashSet<&str> = self
            .elements
            .iter()
            .map(|e| e.id.as_str())
            .chain(self.flows.iter().map(|f| f.id.as_str()))
            .chain(self.boundaries.iter().map(|b| b.id.as_str()))
            .collect();
        for id in elements.iter().map(|p| p.item.id.as_str()).chain(flows.iter().map(|p| p.item.id.as_str())) {
            if id.is_empty() {
                return Err(EditError::EmptyId);
            }
            if !taken.insert(id) {
                return Err(EditError::DuplicateId(id.to_owned()));
            }
        }
        for placed in &elements {
            check_name(&placed.item.name)?;
            if placed.item.description.chars().count() > MAX_TEXT_CHARS
                || placed.item.notes.chars().count() > MAX_TEXT_CHARS
            {
                return Err(EditError::TextTooLong);
            }
            if !placed.item.position.is_finite() {
                return Err(EditError::InvalidPosition(placed.item.id.clone()));
            }
        }
        let new_elements: HashSet<&ElementId> = elements.iter().map(|p| &p.item.id).collect();
        for placed in &flows {
            let flow = &placed.item;
            if flow.name.chars().count() > MAX_NAME_CHARS {
                return Err(EditError::NameTooLong);
            }
            if flow.description.chars().count() > MAX_TEXT_CHARS || flow.notes.chars().count() > MAX_TEXT_CHARS {
                return Err(EditError::TextTooLong);
            }
            if flow.from == flow.to {
                return Err(EditError::SelfFlow(flow.id.clone()));
            }
            for end in [&flow.from, &flow.to] {
                if !new_elements.contains(end) && self.element_index(end).is_none() {
                    return Err(EditError::DanglingFlow { flow: flow.id.clone(), element: end.clone() });
                }
            }
        }

        for membership in &memberships {
            if !self.boundaries.iter().any(|b| b.id == membership.boundary) {
                return Err(EditError::UnknownBoundary(membership.boundary.clone()));
            }
            if !new_elements.contains(&membership.element) && self.element_index(&membership.element).is_none() {
                return Err(EditError::UnknownElement(membership.element.clone()));
            }
        }

        let inverse = EditOp::Remove {
            elements: elements.iter().map(|p| p.item.id.clone()).collect(),
            flows: flows.iter().map(|p| p.item.id.clone()).collect(),
        };
        insert_placed(&mut self.elements, elements);
        insert_placed(&mut self.flows, flows);
        let mut memberships = memberships;
        memberships.sort_by_key(|m| m.index);
        for membership in memberships {
            let boundary = self.boundaries.iter_mut().find(|b| b.id == membership.boundary).expect("checked above");
            let at = (membership.index as usize).min(boundary.contains.len());
            boundary.contains.insert(at, membership.element);
        }
        Ok(inverse)
    }

    fn remove(&mut self, element_ids: &[ElementId], flow_ids: &[FlowId]) -> Result<EditOp, EditError> {
        let mut element_indices = BTreeSet::new();
        for id in element_ids {
            element_indices.insert(self.element_index(id).ok_or_else(|| EditError::UnknownElement(id.clone()))?);
        }
        let mut flow_indices = BTreeSet::new();
        for id in flow_ids {
            flow_indices.insert(self.flow_index(id).ok_or_else(|| EditError::UnknownFlow(id.clone()))?);
        }
        let removed_elements: BTreeSet<&ElementId> = element_indices.iter().map(|&i| &self.elements[i].id).collect();
        for (index, flow) in self.flows.iter().enumerate() {
            if removed_elements.contains(&flow.from) || removed_elements.contains(&flow.to) {
                flow_indices.insert(index);
            }
        }

        let mut memberships = Vec::new();
        for boundary in &mut self.boundaries {
            let mut index = 0;
            boundary.contains.retain(|member| {
                let keep = !removed_elements.contains(member);
                if !keep {
                    memberships.push(Membership {
                        boundary: boundary.id.clone(),
                        element: member.clone(),
                        index: index as u32,
                    });
                }
                index += 1;
                keep
            });
        }
        let flows = take_indices(&mut self.flows, &flow_indices);
        let elements = take_indices(&mut self.elements, &element_indices);
        Ok(EditOp::Insert { elements, flows, memberships })
    }

    fn move_elements(&mut self, moves: Vec<ElementMove>) -> Result<EditOp, EditError> {
        let mut indices = Vec::with_capacity(moves.len());
        for mv in &moves {
            if !mv.position.is_finite() {
                return Err(EditError::InvalidPosition(mv.id.clone()));
            }
            indices.push(self.element_index(&mv.id).ok_or_else(|| EditError::UnknownElement(mv.id.clone()))?);
        }
        let mut undo = Vec::with_capacity(moves.len());
        for (mv, index) in moves.into_iter().zip(indices) {
            let old = std::mem::replace(&mut self.elements[index].position, mv.position);
            undo.push(ElementMove { id: mv.id, position: old });
        }
        // Undo in reverse so that moving the same element twice in one operation restores the first position.
        undo.reverse();
        Ok(EditOp::Move { moves: undo })
    }
}

/// The ids a model holds, gathered once for checks that look many up.
struct Ids<'m> {
    /// Every element, flow and boundary id.
    taken: HashSet<&'m str>,
    elements: HashSet<&'m str>,
    boundaries: HashSet<&'m str>,
}

impl<'m> Ids<'m> {
    fn of(model: &'m Model) -> Ids<'m> {
        let elements: HashSet<&str> = model.elements.iter().map(|e| e.id.as_str()).collect();
        let boundaries: HashSet<&str> = model.boundaries.iter().map(|b| b.id.as_str()).collect();
        let mut taken = elements.clone();
        taken.extend(model.flows.iter().map(|f| f.id.as_str()));
        taken.extend(boundaries.iter().copied());
        Ids { taken, elements, boundaries }
    }
}

/// What a boundary must be to go into a model with these ids.
fn check_boundary(boundary: &Boundary, ids: &Ids) -> Result<(), EditError> {
    if boundary.id.as_str().is_empty() {
        return Err(EditError::EmptyId);
    }
    if ids.taken.contains(boundary.id.as_str()) {
        return Err(EditError::DuplicateId(boundary.id.to_string()));
    }
    check_name(&boundary.name)?;
    if boundary.description.chars().count() > MAX_TEXT_CHARS || boundary.notes.chars().count() > MAX_TEXT_CHARS {
        return Err(EditError::TextTooLong);
    }
    if !boundary.position.is_finite() || !boundary.size.is_valid() {
        return Err(EditError::InvalidBoundaryGeometry(boundary.id.clone()));
    }
    if let Some(parent) = &boundary.parent
        && !ids.boundaries.contains(parent.as_str())
    {
        return Err(EditError::UnknownBoundary(parent.clone()));
    }
    if let Some(missing) = boundary.contains.iter().find(|m| !ids.elements.contains(m.as_str())) {
        return Err(EditError::UnknownElement(missing.clone()));
    }
    Ok(())
}

fn checked_name(name: String) -> Result<String, EditError> {
    check_name(&name)?;
    Ok(name)
}

fn check_name(name: &str) -> Result<(), EditError> {
    if name.trim().is_empty() {
        return Err(EditError::EmptyName);
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(EditError::NameTooLong);
    }
    Ok(())
}

/// Inserts items at their recorded indices in ascending order (which restores a removal exactly),
/// appending those without an index or with one past the end.
fn insert_placed<T>(list: &mut Vec<T>, mut items: Vec<Placed<T>>) {
    items.sort_by_key(|p| p.index.unwrap_or(u32::MAX));
    for placed in items {
        match placed.index {
            Some(index) if (index as usize) <= list.len() => list.insert(index as usize, placed.item),
            _ => list.push(placed.item),
        }
    }
}

/// Removes the items at `indices`, returning them with their original indices, ascending.
fn take_indices<T>(list: &mut Vec<T>, indices: &BTreeSet<usize>) -> Vec<Placed<T>> {
    let mut taken: Vec<Placed<T>> =
        indices.iter().rev().map(|&i| Placed { index: Some(i as u32), item: list.remove(i) }).collect();
    taken.reverse();
    taken
}

#[cfg(test)]
mod tests {
    use super::*;

    fn element(id: &str, x: f64) -> Element {
        Element {
            id: id.into(),
            kind: "agent".into(),
            name: id.to_uppercase(),
            position: Position::new(x, 0.0),
            ..Default::default()
        }
    }

    fn flow(id: &str, from: &str, to: &str) -> Flow {
        Flow { id: id.into(), from: from.into(), to: to.into(), ..Default::default() }
    }

    fn sample() -> Model {
        let mut model = Model::new("m");
        model.elements = vec![element("a", 0.0), element("b", 1.0), element("c", 2.0)];
        model.flows = vec![flow("f1", "a", "b"), flow("f2", "b", "c"), flow("f3", "a", "c")];
        model.boundaries = vec![
            Boundary {
                id: "zone".into(),
                name: "Zone".into(),
                contains: vec!["c".into(), "a".into(), "b".into()],
                ..Default::default()
            },
            Boundary { id: "inner".into(), name: "Inner".into(), parent: Some("zone".into()), ..Default::default() },
        ];
        model
    }

    #[test]
    fn boundaries_appended_at_once_are_checked_as_one_at_a_time() {
        let boundary = |id: &str, contains: &[&str]| Boundary {
            id: id.into(),
            name: id.to_uppercase(),
            contains: contains.iter().map(|&m| m.into()).collect(),
            size: Size::new(100.0, 100.0),
            ..Default::default()
        };
        let before = sample().boundaries.len();
        let mut model = sample();
        let mut nested = boundary("z2", &["c"]);
        nested.parent = Some("zone".into());
        model.append_boundaries(vec![boundary("z1", &["a", "b"]), nested]).unwrap();
        assert_eq!(model.boundaries.len(), before + 2);
        assert_eq!(model.boundary(&"z2".into()).and_then(|b| b.parent.clone()), Some("zone".into()));
        // The second of two with one id, an element's id, a member not in the model, a parent
        // not in it: each is refused by name, and those before it stay in.
        let mut twice = sample();
        let err = twice.append_boundaries(vec![boundary("z", &[]), boundary("z", &[]), boundary("y", &[])]);
        assert_eq!(err, Err(("z".into(), EditError::DuplicateId("z".into()))));
        assert_eq!(twice.boundaries.len(), before + 1);
        let mut clash = sample();
        assert_eq!(
            clash.append_boundaries(vec![boundary("a", &[])]),
            Err(("a".into(), EditError::DuplicateId("a".into())))
        );
        let mut ghost = sample();
        let err = ghost.append_boundaries(vec![boundary("z", &["ghost"])]);
        assert_eq!(err, Err(("z".into(), EditError::UnknownElement("ghost".into()))));
        let mut orphan = sample();
        let mut child = boundary("z", &[]);
        child.parent = Some("nowhere".into());
        assert_eq!(
            orphan.append_boundaries(vec![child]),
            Err(("z".into(), EditError::UnknownBoundary("nowhere".into())))
        );
        assert_eq!((ghost.boundaries.len(), orphan.boundaries.len()), (before, before));
    }

    #[test]
    fn removing_an_element_takes_its_flows_and_undo_restores_the_exact_order() {
        let original = sample();
        let mut model = original.clone();
        let undo = model.apply(EditOp::Remove { elements: vec!["b".into()], flows: vec![] }).unwrap();
        assert_eq!(model.elements.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["a", "c"]);
        assert_eq!(model.flows.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(), ["f3"]);
        assert_eq!(model.boundaries[0].contains, vec![ElementId::from("c"), "a".into()]);
        let redo = model.apply(undo).unwrap();
        assert_eq!(model, original);
        model.apply(redo).unwrap();
        assert_eq!(model.elements.len(), 2);
    }

    #[test]
    fn every_operation_is_undone_by_its_inverse() {
        let ops = vec![
            EditOp::Insert {
                elements: vec![Placed::appended(element("d", 3.0))],
                flows: vec![Placed::appended(flow("f4", "d", "a"))],
                memberships: vec![Membership { boundary: "zone".into(), element: "d".into(), index: 1 }],
            },
            EditOp::Remove { elements: vec!["a".into(), "c".into()], flows: vec!["f2".into()] },
            EditOp::Move {
                moves: vec![
                    ElementMove { id: "a".into(), position: Position::new(5.0, 5.0) },
                    ElementMove { id: "a".into(), position: Position::new(9.0, 9.0) },
                ],
            },
            EditOp::RenameElement { id: "b".into(), name: "Writer".into() },
            EditOp::RenameFlow { id: "f1".into(), name: "calls".into() },
            EditOp::RenameModel { name: "Renamed".into() },
            EditOp::DescribeModel { description: "The crew that writes the weekly report".into() },
            EditOp::SetLayerOverride {
                element: "a".into(),
                value: Some(LayerOverride { layer: "L4".into(), justification: "runs the cluster".into() }),
            },
            EditOp::SetProperty {
                target: "a".into(),
                property: "autonomy".into(),
                value: Some(PropertyValue::Text("autonomous".into())),
            },
            EditOp::SetProperty {
                target: "f1".into(),
                property: "signed".into(),
                value: Some(PropertyValue::Bool(true)),
            },
            EditOp::SetProperty {
                target: "zone".into(),
                property: "trust".into(),
                value: Some(PropertyValue::Text("trusted".into())),
            },
            EditOp::SetDecision {
                finding: "tool-misuse:a".into(),
                value: Some(DecisionValue { status: DecisionStatus::Accepted, justification: "sandboxed".into() }),
            },
            EditOp::SetText { target: "a".into(), field: TextField::Description, value: "Plans the work".into() },
            EditOp::SetText { target: "f1".into(), field: TextField::Notes, value: "ask the platform team".into() },
            EditOp::SetText { target: "zone".into(), field: TextField::Notes, value: "VPC".into() },
            EditOp::Reconnect { flow: "f1".into(), from: "c".into(), to: "a".into() },
            EditOp::InsertBoundary {
                boundary: Placed {
                    index: Some(0),
                    item: Boundary {
                        id: "dmz".into(),
                        name: "DMZ".into(),
                        contains: vec!["b".into()],
                        parent: Some("zone".into()),
                        ..Default::default()
                    },
                },
            },
            EditOp::RemoveBoundary { id: "inner".into() },
            EditOp::RenameBoundary { id: "zone".into(), name: "Cluster".into() },
            EditOp::SetBoundaryGeometry {
                id: "zone".into(),
                position: Position::new(-10.0, 5.0),
                size: Size::new(800.0, 600.0),
            },
            EditOp::SetBoundaryParent { boundary: "inner".into(), parent: None },
            EditOp::SetMembership { element: "a".into(), slots: vec![Slot { boundary: "inner".into(), index: 0 }] },
            EditOp::Batch {
                ops: vec![
                    EditOp::SetBoundaryParent { boundary: "inner".into(), parent: None },
                    EditOp::RemoveBoundary { id: "zone".into() },
                    EditOp::RenameElement { id: "a".into(), name: "Planner".into() },
                ],
            },
        ];
        for op in ops {
            let original = sample();
            let mut model = original.clone();
            let inverse = model.apply(op.clone()).unwrap();
            assert_ne!(model, original, "{op:?} changed nothing");
            model.apply(inverse).unwrap();
            assert_eq!(model, original, "undoing {op:?}");
        }
    }

    #[test]
    fn invalid_operations_are_refused_and_change_nothing() {
        let cases = vec![
            (
                EditOp::Insert {
                    elements: vec![Placed::appended(element("a", 0.0))],
                    flows: vec![],
                    memberships: vec![],
                },
                EditError::DuplicateId("a".into()),
            ),
            (
                EditOp::Insert {
                    elements: vec![],
                    flows: vec![Placed::appended(flow("f9", "a", "zz"))],
                    memberships: vec![],
                },
                EditError::DanglingFlow { flow: "f9".into(), element: "zz".into() },
            ),
            (
                EditOp::Insert {
                    elements: vec![],
                    flows: vec![Placed::appended(flow("f9", "a", "a"))],
                    memberships: vec![],
                },
                EditError::SelfFlow("f9".into()),
            ),
            (
                EditOp::Insert {
                    elements: vec![],
                    flows: vec![Placed::appended(flow("a", "b", "c"))],
                    memberships: vec![],
                },
                EditError::DuplicateId("a".into()),
            ),
            (EditOp::Remove { elements: vec!["nope".into()], flows: vec![] }, EditError::UnknownElement("nope".into())),
            (
                EditOp::Move { moves: vec![ElementMove { id: "a".into(), position: Position::new(f64::NAN, 0.0) }] },
                EditError::InvalidPosition("a".into()),
            ),
            (EditOp::RenameElement { id: "a".into(), name: "   ".into() }, EditError::EmptyName),
            (EditOp::RenameModel { name: "x".repeat(MAX_NAME_CHARS + 1) }, EditError::NameTooLong),
            (
                EditOp::SetText { target: "a".into(), field: TextField::Notes, value: "x".repeat(MAX_TEXT_CHARS + 1) },
                EditError::TextTooLong,
            ),
            (
                EditOp::Reconnect { flow: "f1".into(), from: "b".into(), to: "b".into() },
                EditError::SelfFlow("f1".into()),
            ),
            (
                EditOp::Reconnect { flow: "f1".into(), from: "a".into(), to: "zz".into() },
                EditError::DanglingFlow { flow: "f1".into(), element: "zz".into() },
            ),
            (EditOp::RemoveBoundary { id: "zone".into() }, EditError::BoundaryNotEmpty("zone".into())),
            (
                EditOp::SetBoundaryParent { boundary: "zone".into(), parent: Some("inner".into()) },
                EditError::BoundaryCycle("zone".into()),
            ),
            (
                EditOp::SetBoundaryGeometry {
                    id: "zone".into(),
                    position: Position::default(),
                    size: Size::new(5.0, 500.0),
                },
                EditError::InvalidBoundaryGeometry("zone".into()),
            ),
            (
                EditOp::InsertBoundary {
                    boundary: Placed::appended(Boundary { id: "a".into(), name: "Clash".into(), ..Default::default() }),
                },
                EditError::DuplicateId("a".into()),
            ),
            (
                EditOp::SetMembership { element: "a".into(), slots: vec![Slot { boundary: "nope".into(), index: 0 }] },
                EditError::UnknownBoundary("nope".into()),
            ),
            // A batch whose last step fails leaves the earlier steps undone.
            (
                EditOp::Batch {
                    ops: vec![
                        EditOp::RenameElement { id: "a".into(), name: "Planner".into() },
                        EditOp::RemoveBoundary { id: "zone".into() },
                    ],
                },
                EditError::BoundaryNotEmpty("zone".into()),
            ),
        ];
        for (op, expected) in cases {
            let mut model = sample();
            assert_eq!(model.apply(op).unwrap_err(), expected);
            assert_eq!(model, sample());
        }
    }
}

//! Edit operations: the only way a model changes.
//!
//! [`Model::apply`] validates an operation completely before touching the model, so a rejected
//! operation changes nothing, and returns the operation that exactly undoes it (positions in the
//! element and flow lists included), which is all an undo history needs.

use crate::ids::{BoundaryId, ElementId, FlowId};
use crate::types::{
    Decision, DecisionStatus, Element, Flow, LayerOverride, Model, Position, Properties, PropertyValue,
};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::BTreeSet;
use thiserror::Error;

/// Longest name accepted for a model, element or flow, in characters.
pub const MAX_NAME_CHARS: usize = 200;

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
        finding: String,
        value: Option<DecisionValue>,
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
            EditOp::RenameModel { name } => {
                let name = checked_name(name)?;
                let old = std::mem::replace(&mut self.name, name);
                Ok(EditOp::RenameModel { name: old })
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
        }
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
        let mut taken: BTreeSet<&str> =
            self.elements.iter().map(|e| e.id.as_str()).chain(self.flows.iter().map(|f| f.id.as_str())).collect();
        for id in elements.iter().map(|p| p.item.id.as_str()).chain(flows.iter().map(|p| p.item.id.as_str())) {
            if id.is_empty() {
                return Err(EditError::EmptyId);
            }
            if !taken.insert(id) {
                return Err(EditError::DuplicateId(id.to_owned()));
            }
        }
        for placed in &elements {
            checked_name(placed.item.name.clone())?;
            if !placed.item.position.is_finite() {
                return Err(EditError::InvalidPosition(placed.item.id.clone()));
            }
        }
        let new_elements: BTreeSet<&ElementId> = elements.iter().map(|p| &p.item.id).collect();
        for placed in &flows {
            let flow = &placed.item;
            if flow.name.chars().count() > MAX_NAME_CHARS {
                return Err(EditError::NameTooLong);
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

fn checked_name(name: String) -> Result<String, EditError> {
    if name.trim().is_empty() {
        return Err(EditError::EmptyName);
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(EditError::NameTooLong);
    }
    Ok(name)
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
            properties: Properties::new(),
            layer_override: None,
        }
    }

    fn flow(id: &str, from: &str, to: &str) -> Flow {
        Flow { id: id.into(), from: from.into(), to: to.into(), name: String::new(), properties: Properties::new() }
    }

    fn sample() -> Model {
        let mut model = Model::new("m");
        model.elements = vec![element("a", 0.0), element("b", 1.0), element("c", 2.0)];
        model.flows = vec![flow("f1", "a", "b"), flow("f2", "b", "c"), flow("f3", "a", "c")];
        model.boundaries = vec![crate::types::Boundary {
            id: "zone".into(),
            name: "Zone".into(),
            properties: Properties::new(),
            contains: vec!["c".into(), "a".into(), "b".into()],
        }];
        model
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
        ];
        for (op, expected) in cases {
            let mut model = sample();
            assert_eq!(model.apply(op).unwrap_err(), expected);
            assert_eq!(model, sample());
        }
    }
}

//! Edits that depend on where things are drawn: dropping elements in and out of boundaries,
//! moving a boundary with everything in it, resizing, deleting and arranging. Each becomes one
//! operation (a batch where it takes several steps), so a single undo reverses it whole.

use crate::edit::{BoundaryGeometry, BoundaryMove, Refusal};
use maestro_model::{
    Boundary, BoundaryId, EditOp, ElementId, ElementMove, FlowId, Model, Placed, Position, Rect, Size, Slot,
};

/// Where an operation appends to a boundary's member list.
const APPEND: u32 = u32::MAX;

/// Applies `op` to a scratch copy, so that later steps are worked out on the model as it will be.
fn step(scratch: &mut Model, ops: &mut Vec<EditOp>, op: EditOp) -> Result<(), Refusal> {
    scratch.apply(op.clone()).map_err(Refusal::Model)?;
    ops.push(op);
    Ok(())
}

fn batch(mut ops: Vec<EditOp>) -> EditOp {
    if ops.len() == 1 { ops.remove(0) } else { EditOp::Batch { ops } }
}

/// Puts each element in the innermost boundary under its centre, unless a boundary that already
/// holds it is that one; and each boundary in the innermost boundary that wholly encloses it.
fn settle(
    scratch: &mut Model,
    ops: &mut Vec<EditOp>,
    elements: &[ElementId],
    boundaries: &[BoundaryId],
) -> Result<(), Refusal> {
    for id in elements {
        let Some(element) = scratch.element(id) else { continue };
        let target = scratch.boundary_under_element(element).cloned();
        let holders: Vec<BoundaryId> = scratch.boundaries_holding(id).map(|b| b.id.clone()).collect();
        let settled = match &target {
            Some(target) => holders.contains(target),
            None => holders.is_empty(),
        };
        if !settled {
            let slots = target.into_iter().map(|boundary| Slot { boundary, index: APPEND }).collect();
            step(scratch, ops, EditOp::SetMembership { element: id.clone(), slots })?;
        }
    }
    for id in boundaries {
        let Some(boundary) = scratch.boundary(id) else { continue };
        let parent = scratch.boundary_around_boundary(boundary).cloned();
        if parent != boundary.parent {
            step(scratch, ops, EditOp::SetBoundaryParent { boundary: id.clone(), parent })?;
        }
    }
    Ok(())
}

fn unknown_boundary(id: &BoundaryId) -> Refusal {
    Refusal::Model(maestro_model::EditError::UnknownBoundary(id.clone()))
}

/// The end of a drag. Dragged boundaries carry what they hold; dragged elements change boundary
/// when dropped in or out of one; dragged boundaries nest where they are dropped.
pub(crate) fn move_op(
    model: &Model,
    moves: Vec<ElementMove>,
    boundaries: Vec<BoundaryMove>,
) -> Result<EditOp, Refusal> {
    if model.boundaries.is_empty() && boundaries.is_empty() {
        // Nothing to drop into or carry: a plain move, without copying a large model.
        return Ok(EditOp::Move { moves });
    }
    let mut scratch = model.clone();
    let mut ops = Vec::new();
    let explicit_elements: Vec<ElementId> = moves.iter().map(|m| m.id.clone()).collect();
    let explicit_boundaries: Vec<BoundaryId> = boundaries.iter().map(|b| b.id.clone()).collect();
    let mut element_moves = moves;
    let mut carried_boundaries: Vec<BoundaryId> = Vec::new();
    for moved in &boundaries {
        let old = model.boundary(&moved.id).ok_or_else(|| unknown_boundary(&moved.id))?;
        let (dx, dy) = (moved.position.x - old.position.x, moved.position.y - old.position.y);
        step(
            &mut scratch,
            &mut ops,
            EditOp::SetBoundaryGeometry { id: moved.id.clone(), position: moved.position, size: old.size },
        )?;
        for inner in model.boundaries_within(&moved.id) {
            if explicit_boundaries.contains(&inner) || carried_boundaries.contains(&inner) {
                continue;
            }
            let b = model.boundary(&inner).expect("a nested boundary is in the model");
            let position = Position::new(b.position.x + dx, b.position.y + dy);
            step(&mut scratch, &mut ops, EditOp::SetBoundaryGeometry { id: inner.clone(), position, size: b.size })?;
            carried_boundaries.push(inner);
        }
        for member in model.elements_within(&moved.id) {
            if element_moves.iter().any(|m| m.id == member) {
                continue;
            }
            let e = model.element(&member).expect("a member is in the model");
            element_moves
                .push(ElementMove { id: member, position: Position::new(e.position.x + dx, e.position.y + dy) });
        }
    }
    if !element_moves.is_empty() {
        step(&mut scratch, &mut ops, EditOp::Move { moves: element_moves })?;
    }
    settle(&mut scratch, &mut ops, &explicit_elements, &explicit_boundaries)?;
    Ok(batch(ops))
}

/// A boundary's new box: what its edge now takes in or leaves out changes boundary.
pub(crate) fn resize_op(model: &Model, id: BoundaryId, position: Position, size: Size) -> Result<EditOp, Refusal> {
    let old = model.boundary(&id).ok_or_else(|| unknown_boundary(&id))?;
    let (before, after) = (Rect::of_boundary(old), Rect::at(position, size));
    let mut scratch = model.clone();
    let mut ops = Vec::new();
    step(&mut scratch, &mut ops, EditOp::SetBoundaryGeometry { id: id.clone(), position, size })?;
    let touched = |r: Rect| before.contains_point(r.centre()) || after.contains_point(r.centre());
    let elements: Vec<ElementId> =
        model.elements.iter().filter(|e| touched(Rect::of_element(e))).map(|e| e.id.clone()).collect();
    let mut boundaries: Vec<BoundaryId> =
        model.boundaries.iter().filter(|b| b.id != id && touched(Rect::of_boundary(b))).map(|b| b.id.clone()).collect();
    boundaries.push(id);
    settle(&mut scratch, &mut ops, &elements, &boundaries)?;
    Ok(batch(ops))
}

/// A new boundary with this box, taking in `members` (or, with none, the elements under it) and
/// the boundaries it is drawn around.
pub(crate) fn add_boundary_op(model: &Model, boundary: Boundary, members: Vec<ElementId>) -> Result<EditOp, Refusal> {
    let mut scratch = model.clone();
    let mut ops = Vec::new();
    let id = boundary.id.clone();
    let area = Rect::of_boundary(&boundary);
    step(&mut scratch, &mut ops, EditOp::InsertBoundary { boundary: Placed::appended(boundary) })?;
    let mut boundaries: Vec<BoundaryId> =
        model.boundaries.iter().filter(|b| area.contains_rect(&Rect::of_boundary(b))).map(|b| b.id.clone()).collect();
    boundaries.push(id.clone());
    if members.is_empty() {
        let under: Vec<ElementId> = model
            .elements
            .iter()
            .filter(|e| area.contains_point(Rect::of_element(e).centre()))
            .map(|e| e.id.clone())
            .collect();
        settle(&mut scratch, &mut ops, &under, &boundaries)?;
    } else {
        settle(&mut scratch, &mut ops, &[], &boundaries)?;
        move_out(&mut scratch, &mut ops, &area, &members)?;
        for member in members {
            if scratch.boundaries_holding(&member).any(|b| b.id == id) {
                continue;
            }
            let slots = vec![Slot { boundary: id.clone(), index: APPEND }];
            step(&mut scratch, &mut ops, EditOp::SetMembership { element: member, slots })?;
        }
    }
    Ok(batch(ops))
}

/// The room left between a new boundary and the elements moved out from under it.
const CLEARANCE: f64 = 24.0;

/// A boundary drawn around chosen members looks as if it holds what it covers: the other elements
/// it covers (not members, not inside a boundary it takes in) move out, below it, each clear of
/// the last, keeping their left edge; what a boundary looks like it contains is what it contains.
fn move_out(scratch: &mut Model, ops: &mut Vec<EditOp>, area: &Rect, members: &[ElementId]) -> Result<(), Refusal> {
    let mut below = area.y + area.height + CLEARANCE;
    let mut moves = Vec::new();
    for element in &scratch.elements {
        let rect = Rect::of_element(element);
        let nested = scratch.boundaries_holding(&element.id).any(|b| area.contains_rect(&Rect::of_boundary(b)));
        if members.contains(&element.id) || nested || !rect.overlaps(area) {
            continue;
        }
        moves.push(ElementMove { id: element.id.clone(), position: Position::new(element.position.x, below) });
        below += rect.height + CLEARANCE;
    }
    if moves.is_empty() { Ok(()) } else { step(scratch, ops, EditOp::Move { moves }) }
}

/// Deletes elements, flows and boundaries. What a deleted boundary held stays, in the boundary
/// around it (if any): deleting a box never deletes its contents unless they are deleted too.
pub(crate) fn delete_op(
    model: &Model,
    elements: Vec<ElementId>,
    flows: Vec<FlowId>,
    boundaries: Vec<BoundaryId>,
) -> Result<EditOp, Refusal> {
    let mut scratch = model.clone();
    let mut ops = Vec::new();
    for id in &boundaries {
        if model.boundary(id).is_none() {
            return Err(unknown_boundary(id));
        }
    }
    // The nearest boundary around `id` that survives the deletion.
    let survivor = |id: &BoundaryId| {
        let mut next = model.boundary(id).and_then(|b| b.parent.clone());
        let mut hops = 0;
        while let Some(candidate) = next {
            if !boundaries.contains(&candidate) || hops > model.boundaries.len() {
                return Some(candidate);
            }
            hops += 1;
            next = model.boundary(&candidate).and_then(|b| b.parent.clone());
        }
        None
    };
    for child in &model.boundaries {
        if let Some(parent) = &child.parent
            && boundaries.contains(parent)
            && !boundaries.contains(&child.id)
        {
            step(
                &mut scratch,
                &mut ops,
                EditOp::SetBoundaryParent { boundary: child.id.clone(), parent: survivor(parent) },
            )?;
        }
    }
    for element in &model.elements {
        if elements.contains(&element.id) {
            continue;
        }
        let holders: Vec<&Boundary> = model.boundaries_holding(&element.id).collect();
        if !holders.iter().any(|b| boundaries.contains(&b.id)) {
            continue;
        }
        let mut kept: Vec<BoundaryId> =
            holders.iter().filter(|b| !boundaries.contains(&b.id)).map(|b| b.id.clone()).collect();
        for holder in holders.iter().filter(|b| boundaries.contains(&b.id)) {
            if let Some(outer) = survivor(&holder.id)
                && !kept.contains(&outer)
            {
                kept.push(outer);
            }
        }
        let slots = kept
            .into_iter()
            .map(|boundary| {
                let index = model.boundary(&boundary).and_then(|b| b.contains.iter().position(|m| *m == element.id));
                Slot { boundary, index: index.map_or(APPEND, |i| i as u32) }
            })
            .collect();
        step(&mut scratch, &mut ops, EditOp::SetMembership { element: element.id.clone(), slots })?;
    }
    if !elements.is_empty() || !flows.is_empty() {
        step(&mut scratch, &mut ops, EditOp::Remove { elements, flows })?;
    }
    let mut doomed = boundaries;
    doomed.sort_by_key(|id| std::cmp::Reverse(model.boundary_depth(id)));
    doomed.dedup();
    for id in doomed {
        step(&mut scratch, &mut ops, EditOp::RemoveBoundary { id })?;
    }
    if ops.is_empty() {
        return Err(Refusal::Nothing("nothing is selected to delete"));
    }
    Ok(batch(ops))
}

/// New positions for a layout (auto-layout, layer bands, align, distribute). Membership stays as
/// it is; with `refit`, the boundaries around moved elements that were not given a box are
/// fitted around their contents, innermost first.
pub(crate) fn arrange_op(
    model: &Model,
    moves: Vec<ElementMove>,
    boundaries: Vec<BoundaryGeometry>,
    refit: bool,
) -> Result<EditOp, Refusal> {
    let mut scratch = model.clone();
    let mut ops = Vec::new();
    let moved: Vec<ElementId> = moves.iter().map(|m| m.id.clone()).collect();
    if !moves.is_empty() {
        step(&mut scratch, &mut ops, EditOp::Move { moves })?;
    }
    for b in &boundaries {
        step(
            &mut scratch,
            &mut ops,
            EditOp::SetBoundaryGeometry { id: b.id.clone(), position: b.position, size: b.size },
        )?;
    }
    if refit {
        // The boundaries around what moved (and not given a box) are fitted the model's own way,
        // innermost first; each new box is recorded as a step.
        let refitted: Vec<BoundaryId> = model
            .boundaries
            .iter()
            .filter(|b| !boundaries.iter().any(|g| g.id == b.id))
            .filter(|b| model.elements_within(&b.id).iter().any(|e| moved.contains(e)))
            .map(|b| b.id.clone())
            .collect();
        let mut fitted = scratch.clone();
        fitted.fit_some_boundaries(&refitted);
        for b in fitted.boundaries.iter().filter(|b| refitted.contains(&b.id)) {
            let op = EditOp::SetBoundaryGeometry { id: b.id.clone(), position: b.position, size: b.size };
            step(&mut scratch, &mut ops, op)?;
        }
    }
    if ops.is_empty() {
        return Err(Refusal::Nothing("there is nothing to arrange"));
    }
    Ok(batch(ops))
}

#[cfg(test)]
mod tests {
    use crate::{Document, Edit};
    use maestro_catalog::Catalog;
    use maestro_model::{ElementMove, Model, Position, Size};

    fn apply(doc: &mut Document, edit: Edit) {
        doc.apply(edit, Catalog::builtin()).unwrap();
    }

    fn at(x: f64, y: f64) -> Position {
        Position::new(x, y)
    }

    /// An agent and a tool on the canvas, and a boundary drawn around the agent only.
    fn drawn() -> Document {
        let mut doc = Document::untitled(Model::new("m"));
        apply(&mut doc, Edit::AddElement { kind: "agent".into(), position: at(100.0, 100.0) });
        apply(&mut doc, Edit::AddElement { kind: "tool".into(), position: at(700.0, 100.0) });
        apply(&mut doc, Edit::AddBoundary { position: at(0.0, 0.0), size: Size::new(400.0, 300.0), members: vec![] });
        doc
    }

    fn members(doc: &Document, boundary: &str) -> Vec<String> {
        doc.model().boundary(&boundary.into()).unwrap().contains.iter().map(|e| e.to_string()).collect()
    }

    #[test]
    fn a_boundary_drawn_around_elements_takes_them_in_and_one_undo_removes_it() {
        let mut doc = drawn();
        assert_eq!(members(&doc, "boundary-1"), ["agent-1"]);
        assert_eq!(doc.model().boundaries[0].name, "Trust boundary");
        assert!(doc.undo().unwrap());
        assert!(doc.model().boundaries.is_empty());
        assert!(doc.redo().unwrap());
        assert_eq!(members(&doc, "boundary-1"), ["agent-1"]);
    }

    #[test]
    fn a_boundary_drawn_around_a_selection_takes_in_just_that_selection() {
        let mut doc = drawn();
        // A box over both elements, but drawn around the tool alone.
        let edit = Edit::AddBoundary {
            position: at(-50.0, -50.0),
            size: Size::new(1200.0, 600.0),
            members: vec!["tool-1".into()],
        };
        apply(&mut doc, edit);
        assert_eq!(members(&doc, "boundary-2"), ["tool-1"]);
        assert_eq!(members(&doc, "boundary-1"), ["agent-1"]);
        assert_eq!(doc.model().boundary(&"boundary-1".into()).unwrap().parent, Some("boundary-2".into()));
    }

    #[test]
    fn elements_under_a_boundary_drawn_around_others_move_out_below_it_in_the_same_change() {
        let mut doc = Document::untitled(Model::new("m"));
        apply(&mut doc, Edit::AddElement { kind: "agent".into(), position: at(100.0, 100.0) });
        apply(&mut doc, Edit::AddElement { kind: "tool".into(), position: at(400.0, 100.0) });
        apply(&mut doc, Edit::AddElement { kind: "memory".into(), position: at(700.0, 100.0) });
        let edit = Edit::AddBoundary {
            position: at(60.0, 40.0),
            size: Size::new(920.0, 200.0),
            members: vec!["agent-1".into(), "memory-1".into()],
        };
        apply(&mut doc, edit);
        assert_eq!(members(&doc, "boundary-1"), ["agent-1", "memory-1"]);
        let tool = doc.model().element(&"tool-1".into()).unwrap().position;
        assert_eq!((tool.x, tool.y), (400.0, 264.0), "the tool leaves the box (which ends at y 240), keeping its x");
        let agent = doc.model().element(&"agent-1".into()).unwrap().position;
        assert_eq!((agent.x, agent.y), (100.0, 100.0), "members stay where they are");
        // One undo takes back the boundary and the move.
        assert!(doc.undo().unwrap());
        assert!(doc.model().boundaries.is_empty());
        assert_eq!(doc.model().element(&"tool-1".into()).unwrap().position.y, 100.0);
    }

    #[test]
    fn dropping_an_element_in_or_out_changes_its_boundary() {
        let mut doc = drawn();
        let drop = |id: &str, x: f64, y: f64| Edit::Move {
            moves: vec![ElementMove { id: id.into(), position: at(x, y) }],
            boundaries: vec![],
        };
        apply(&mut doc, drop("tool-1", 150.0, 200.0));
        assert_eq!(members(&doc, "boundary-1"), ["agent-1", "tool-1"]);
        apply(&mut doc, drop("agent-1", 900.0, 100.0));
        assert_eq!(members(&doc, "boundary-1"), ["tool-1"]);
        // Moving inside the same boundary changes nothing but the position.
        apply(&mut doc, drop("tool-1", 160.0, 210.0));
        assert_eq!(members(&doc, "boundary-1"), ["tool-1"]);
        assert!(doc.undo().unwrap() && doc.undo().unwrap() && doc.undo().unwrap());
        assert_eq!(members(&doc, "boundary-1"), ["agent-1"]);
        assert_eq!(doc.model().element(&"tool-1".into()).unwrap().position, at(700.0, 100.0));
    }

    #[test]
    fn a_dragged_boundary_carries_what_it_holds_and_nests_where_it_is_dropped() {
        let mut doc = drawn();
        apply(
            &mut doc,
            Edit::AddBoundary { position: at(-200.0, -200.0), size: Size::new(1400.0, 900.0), members: vec![] },
        );
        assert_eq!(doc.model().boundary(&"boundary-1".into()).unwrap().parent, Some("boundary-2".into()));
        assert_eq!(members(&doc, "boundary-2"), ["tool-1"], "the tool was loose, so the outer box takes it");
        let before = doc.model().clone();
        apply(
            &mut doc,
            Edit::Move {
                moves: vec![],
                boundaries: vec![crate::BoundaryMove { id: "boundary-1".into(), position: at(2000.0, 50.0) }],
            },
        );
        let model = doc.model();
        assert_eq!(model.element(&"agent-1".into()).unwrap().position, at(2100.0, 150.0));
        assert_eq!(model.boundary(&"boundary-1".into()).unwrap().parent, None, "dropped outside the outer box");
        assert!(doc.undo().unwrap());
        assert_eq!(doc.model(), &before);
    }

    #[test]
    fn resizing_takes_in_and_lets_go() {
        let mut doc = drawn();
        let resize = |w: f64| Edit::ResizeBoundary {
            id: "boundary-1".into(),
            position: at(0.0, 0.0),
            size: Size::new(w, 300.0),
        };
        apply(&mut doc, resize(1000.0));
        assert_eq!(members(&doc, "boundary-1"), ["agent-1", "tool-1"]);
        apply(&mut doc, resize(150.0));
        assert!(members(&doc, "boundary-1").is_empty());
        let too_small = doc.apply(resize(10.0), Catalog::builtin()).unwrap_err();
        assert!(too_small.to_string().contains("at least 40"), "{too_small}");
    }

    #[test]
    fn deleting_a_boundary_keeps_its_contents_in_the_boundary_around_it() {
        let mut doc = drawn();
        apply(
            &mut doc,
            Edit::AddBoundary { position: at(-200.0, -200.0), size: Size::new(1400.0, 900.0), members: vec![] },
        );
        let before = doc.model().clone();
        apply(&mut doc, Edit::Delete { elements: vec![], flows: vec![], boundaries: vec!["boundary-1".into()] });
        assert_eq!(doc.model().elements.len(), 2);
        assert_eq!(members(&doc, "boundary-2"), ["tool-1", "agent-1"]);
        assert!(doc.undo().unwrap());
        assert_eq!(doc.model(), &before);
        // Deleting both boundaries at once, outer first in the list, works too.
        apply(
            &mut doc,
            Edit::Delete {
                elements: vec![],
                flows: vec![],
                boundaries: vec!["boundary-2".into(), "boundary-1".into()],
            },
        );
        assert!(doc.model().boundaries.is_empty() && doc.model().elements.len() == 2);
    }

    #[test]
    fn an_arrangement_moves_elements_refits_their_boundaries_and_keeps_membership() {
        let mut doc = drawn();
        let moves = vec![ElementMove { id: "agent-1".into(), position: at(1000.0, 1000.0) }];
        apply(&mut doc, Edit::Arrange { moves, boundaries: vec![], refit: true });
        assert_eq!(members(&doc, "boundary-1"), ["agent-1"]);
        let b = doc.model().boundary(&"boundary-1".into()).unwrap();
        assert!(maestro_model::Rect::of_boundary(b).contains_point(at(1090.0, 1030.0)), "{b:?}");
        let empty = doc.apply(Edit::Arrange { moves: vec![], boundaries: vec![], refit: false }, Catalog::builtin());
        assert!(empty.is_err());
    }

    #[test]
    fn elements_added_or_pasted_inside_a_boundary_go_into_it() {
        let mut doc = drawn();
        apply(&mut doc, Edit::AddElement { kind: "tool".into(), position: at(50.0, 150.0) });
        assert_eq!(members(&doc, "boundary-1"), ["agent-1", "tool-2"]);
        let fragment = crate::Fragment::copy_of(doc.model(), &["tool-1".into()]);
        apply(&mut doc, Edit::Paste { fragment, offset: at(-650.0, 100.0) });
        assert_eq!(members(&doc, "boundary-1"), ["agent-1", "tool-2", "tool-3"]);
    }

    #[test]
    fn whatever_the_edits_leave_is_stored_and_read_back_exactly() {
        let dir = tempfile::tempdir().unwrap();
        let mut doc = drawn();
        apply(
            &mut doc,
            Edit::AddBoundary { position: at(-200.0, -200.0), size: Size::new(1400.0, 900.0), members: vec![] },
        );
        apply(&mut doc, Edit::Connect { from: "agent-1".into(), to: "tool-1".into() });
        apply(
            &mut doc,
            Edit::SetText {
                target: "flow-1".into(),
                field: maestro_model::TextField::Description,
                value: "<b>x</b>\n\"y\"".into(),
            },
        );
        apply(
            &mut doc,
            Edit::Move {
                moves: vec![ElementMove { id: "tool-1".into(), position: at(150.0, 150.0) }],
                boundaries: vec![],
            },
        );
        apply(&mut doc, Edit::Delete { elements: vec![], flows: vec![], boundaries: vec!["boundary-1".into()] });
        let path = dir.path().join("m.maestro");
        doc.save_as(&path).unwrap();
        assert_eq!(&maestro_store::load(&path).unwrap(), doc.model());
        // Every state the history passes through is storable too.
        while doc.undo().unwrap() {
            maestro_store::save(doc.model(), &path).unwrap();
            assert_eq!(&maestro_store::load(&path).unwrap(), doc.model());
        }
    }

    #[test]
    fn texts_and_reconnection_are_edits_like_any_other() {
        let mut doc = drawn();
        apply(&mut doc, Edit::AddElement { kind: "agent".into(), position: at(100.0, 500.0) });
        apply(&mut doc, Edit::Connect { from: "agent-1".into(), to: "tool-1".into() });
        apply(&mut doc, Edit::Reconnect { flow: "flow-1".into(), from: "agent-2".into(), to: "tool-1".into() });
        assert_eq!(doc.model().flows[0].from.as_str(), "agent-2");
        apply(
            &mut doc,
            Edit::SetText {
                target: "boundary-1".into(),
                field: maestro_model::TextField::Notes,
                value: "VPC a".into(),
            },
        );
        apply(&mut doc, Edit::RenameBoundary { id: "boundary-1".into(), name: "Cluster".into() });
        assert_eq!(doc.model().boundaries[0].notes, "VPC a");
        assert_eq!(doc.model().boundaries[0].name, "Cluster");
        let refused = doc.apply(
            Edit::Reconnect { flow: "flow-1".into(), from: "tool-1".into(), to: "tool-1".into() },
            Catalog::builtin(),
        );
        assert!(refused.unwrap_err().to_string().contains("starts and ends at the same element"));
    }
}

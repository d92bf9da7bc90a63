//! What a user interface is sent after each change: the whole snapshot the first time, then only
//! what changed since the snapshot it was last sent.
//!
//! On a model of a thousand elements a snapshot is megabytes (the findings most of all), and an
//! edit changes a few items: a [`SnapshotPatch`] carries those items, by id, and the order of a
//! list only when it changed. Every update has a revision; a patch names the revision it applies
//! to, so a receiver that holds another one (an update lost or out of order) knows to ask for the
//! whole snapshot instead of applying it.

use crate::Snapshot;
use maestro_analysis::{CatalogGap, Finding, LayerAssignment, Matrix};
use maestro_model::{Boundary, Decision, Element, Flow};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::{HashMap, HashSet};

/// One update of what a window shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum SnapshotUpdate {
    /// Everything, to replace what the receiver holds.
    Full { revision: u32, snapshot: Box<Snapshot> },
    /// The changes from revision `base` to `revision`.
    Patch { revision: u32, base: u32, patch: Box<SnapshotPatch> },
}

impl SnapshotUpdate {
    pub fn revision(&self) -> u32 {
        match self {
            SnapshotUpdate::Full { revision, .. } | SnapshotUpdate::Patch { revision, .. } => *revision,
        }
    }
}

/// The changes between two snapshots. The document's small state (title, flags, path, the
/// model's name and description, the matrix, the catalog gaps) is always sent whole.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SnapshotPatch {
    pub name: String,
    pub description: String,
    pub elements: ItemsPatch<Element>,
    pub flows: ItemsPatch<Flow>,
    pub boundaries: ItemsPatch<Boundary>,
    pub decisions: ItemsPatch<Decision>,
    pub layers: ItemsPatch<LayerAssignment>,
    pub findings: ItemsPatch<Finding>,
    pub matrix: Matrix,
    pub gaps: Vec<CatalogGap>,
    pub path: Option<String>,
    pub title: String,
    pub dirty: bool,
    pub can_undo: bool,
    pub can_redo: bool,
    /// How many revisions the file has: the list is fetched again when it changes.
    pub revisions: u32,
}

/// The changes to one list of items with ids.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct ItemsPatch<T> {
    /// Items that are new or differ, in their new order. A new item goes after the items kept,
    /// unless `order` says otherwise.
    pub changed: Vec<T>,
    /// The ids of items no longer there.
    pub removed: Vec<String>,
    /// Every id in the new order, when the order is not what `changed` and `removed` imply.
    pub order: Option<Vec<String>>,
}

impl<T> ItemsPatch<T> {
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.removed.is_empty() && self.order.is_none()
    }
}

/// An item of a list that a patch names by id.
pub trait Keyed {
    fn key(&self) -> &str;
}

impl Keyed for Element {
    fn key(&self) -> &str {
        self.id.as_str()
    }
}
impl Keyed for Flow {
    fn key(&self) -> &str {
        self.id.as_str()
    }
}
impl Keyed for Boundary {
    fn key(&self) -> &str {
        self.id.as_str()
    }
}
impl Keyed for Decision {
    fn key(&self) -> &str {
        self.finding.as_str()
    }
}
impl Keyed for LayerAssignment {
    fn key(&self) -> &str {
        self.element.as_str()
    }
}
impl Keyed for Finding {
    fn key(&self) -> &str {
        self.id.as_str()
    }
}

/// The patch that turns `old` into `new`. Ids are unique within each list (the model and the
/// analysis guarantee it); linear in the size of both.
pub fn diff_items<T: Keyed + PartialEq + Clone>(old: &[T], new: &[T]) -> ItemsPatch<T> {
    let before: HashMap<&str, &T> = old.iter().map(|item| (item.key(), item)).collect();
    let after: HashSet<&str> = new.iter().map(Keyed::key).collect();
    let changed: Vec<T> = new.iter().filter(|item| before.get(item.key()) != Some(item)).cloned().collect();
    let removed: Vec<String> = old.iter().map(Keyed::key).filter(|k| !after.contains(k)).map(str::to_owned).collect();
    // The order a receiver would arrive at: the kept items as they were, then the new ones.
    let implied = old
        .iter()
        .map(Keyed::key)
        .filter(|k| after.contains(k))
        .chain(new.iter().map(Keyed::key).filter(|k| !before.contains_key(k)));
    let order = (!implied.eq(new.iter().map(Keyed::key))).then(|| new.iter().map(|i| i.key().to_owned()).collect());
    ItemsPatch { changed, removed, order }
}

/// The patch that turns snapshot `old` into `new`.
pub fn diff(old: &Snapshot, new: &Snapshot) -> SnapshotPatch {
    SnapshotPatch {
        name: new.model.name.clone(),
        description: new.model.description.clone(),
        elements: diff_items(&old.model.elements, &new.model.elements),
        flows: diff_items(&old.model.flows, &new.model.flows),
        boundaries: diff_items(&old.model.boundaries, &new.model.boundaries),
        decisions: diff_items(&old.model.decisions, &new.model.decisions),
        layers: diff_items(&old.analysis.layers, &new.analysis.layers),
        findings: diff_items(&old.analysis.findings, &new.analysis.findings),
        matrix: new.analysis.matrix.clone(),
        gaps: new.analysis.gaps.clone(),
        path: new.path.clone(),
        title: new.title.clone(),
        dirty: new.dirty,
        can_undo: new.can_undo,
        can_redo: new.can_redo,
        revisions: new.revisions,
    }
}

/// Applies a list's patch: what a receiver does (the UI's copy is `applyUpdate`); here, the
/// oracle the diffs are tested against.
#[cfg(test)]
fn apply_items<T: Keyed + Clone>(old: &[T], patch: &ItemsPatch<T>) -> Vec<T> {
    let removed: HashSet<&str> = patch.removed.iter().map(String::as_str).collect();
    let changed: HashMap<&str, &T> = patch.changed.iter().map(|item| (item.key(), item)).collect();
    let kept: HashSet<&str> = old.iter().map(Keyed::key).collect();
    let mut items: Vec<T> = old
        .iter()
        .filter(|item| !removed.contains(item.key()))
        .map(|item| changed.get(item.key()).map_or_else(|| item.clone(), |c| (*c).clone()))
        .chain(patch.changed.iter().filter(|item| !kept.contains(item.key())).cloned())
        .collect();
    if let Some(order) = &patch.order {
        let at: HashMap<&str, usize> = order.iter().enumerate().map(|(i, k)| (k.as_str(), i)).collect();
        items.sort_by_key(|item| at.get(item.key()).copied().unwrap_or(usize::MAX));
    }
    items
}

/// Applies a whole patch to the snapshot it was made from.
#[cfg(test)]
fn apply(old: &Snapshot, patch: &SnapshotPatch) -> Snapshot {
    let mut model = old.model.clone();
    model.name = patch.name.clone();
    model.description = patch.description.clone();
    model.elements = apply_items(&old.model.elements, &patch.elements);
    model.flows = apply_items(&old.model.flows, &patch.flows);
    model.boundaries = apply_items(&old.model.boundaries, &patch.boundaries);
    model.decisions = apply_items(&old.model.decisions, &patch.decisions);
    let mut analysis = old.analysis.clone();
    analysis.layers = apply_items(&old.analysis.layers, &patch.layers);
    analysis.findings = apply_items(&old.analysis.findings, &patch.findings);
    analysis.matrix = patch.matrix.clone();
    analysis.gaps = patch.gaps.clone();
    Snapshot {
        model,
        analysis,
        path: patch.path.clone(),
        title: patch.title.clone(),
        dirty: patch.dirty,
        can_undo: patch.can_undo,
        can_redo: patch.can_redo,
        revisions: patch.revisions,
    }
}

/// What a window was last sent, to send it only changes next time.
#[derive(Default)]
pub struct Publisher {
    last: Option<(u32, Snapshot)>,
}

impl Publisher {
    /// The update that brings a receiver holding the last update up to `snapshot`: a patch when
    /// there was one before, else the whole snapshot.
    pub fn update(&mut self, snapshot: Snapshot) -> SnapshotUpdate {
        let (update, revision) = match &self.last {
            Some((base, last)) => {
                let revision = base.wrapping_add(1);
                (SnapshotUpdate::Patch { revision, base: *base, patch: Box::new(diff(last, &snapshot)) }, revision)
            }
            None => (SnapshotUpdate::Full { revision: 1, snapshot: Box::new(snapshot.clone()) }, 1),
        };
        self.last = Some((revision, snapshot));
        update
    }

    /// The whole of `snapshot`, as the next revision: for a receiver that starts (or starts
    /// over, having lost track of the updates).
    pub fn whole(&mut self, snapshot: Snapshot) -> SnapshotUpdate {
        let revision = self.last.as_ref().map_or(1, |(last, _)| last.wrapping_add(1));
        self.last = Some((revision, snapshot.clone()));
        SnapshotUpdate::Full { revision, snapshot: Box::new(snapshot) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Document, Edit, sample_model};
    use maestro_catalog::Catalog;
    use maestro_model::{ElementId, ElementMove, Position};

    fn document() -> Document {
        Document::untitled(sample_model())
    }

    fn moved(id: &ElementId, x: f64, y: f64) -> ElementMove {
        ElementMove { id: id.clone(), position: Position::new(x, y) }
    }

    #[test]
    fn a_patch_applied_to_the_old_snapshot_gives_the_new_one() {
        let catalog = Catalog::builtin();
        let mut doc = document();
        let before = doc.snapshot(catalog);
        let id = before.model.elements[2].id.clone();
        let edits = [
            Edit::Move { moves: vec![moved(&id, 40.0, 80.0)], boundaries: vec![] },
            Edit::RenameElement { id: id.clone(), name: "Renamed".into() },
            Edit::Delete { elements: vec![before.model.elements[0].id.clone()], flows: vec![], boundaries: vec![] },
        ];
        let mut old = before;
        for edit in edits {
            doc.apply(edit, catalog).expect("the edit applies");
            let new = doc.snapshot(catalog);
            let patch = diff(&old, &new);
            assert_eq!(apply(&old, &patch), new);
            old = new;
        }
    }

    #[test]
    fn a_move_sends_the_moved_element_and_no_finding() {
        let catalog = Catalog::builtin();
        let mut doc = document();
        let before = doc.snapshot(catalog);
        let id = before.model.elements[1].id.clone();
        doc.apply(Edit::Move { moves: vec![moved(&id, 500.0, 500.0)], boundaries: vec![] }, catalog)
            .expect("the move applies");
        let patch = diff(&before, &doc.snapshot(catalog));
        assert_eq!(patch.elements.changed.len(), 1);
        assert_eq!(patch.elements.changed[0].id, id);
        assert!(patch.flows.is_empty() && patch.findings.is_empty() && patch.layers.is_empty());
        assert!(patch.elements.removed.is_empty() && patch.elements.order.is_none());
    }

    #[test]
    fn a_new_order_is_sent_only_when_the_kept_order_changes() {
        let flow = |id: &str| Flow { id: id.into(), from: "a".into(), to: "b".into(), ..Default::default() };
        let old = [flow("x"), flow("y"), flow("z")];
        let appended = diff_items(&old, &[flow("x"), flow("z"), flow("w")]);
        assert_eq!(appended.removed, ["y"]);
        assert!(appended.order.is_none(), "a new item goes last without an order");
        assert_eq!(apply_items(&old, &appended), [flow("x"), flow("z"), flow("w")]);
        let reordered = [flow("w"), flow("z"), flow("x")];
        let patch = diff_items(&old, &reordered);
        assert_eq!(patch.order.as_deref(), Some(&["w".to_owned(), "z".to_owned(), "x".to_owned()][..]));
        assert_eq!(apply_items(&old, &patch), reordered);
    }

    #[test]
    fn the_publisher_sends_the_whole_snapshot_first_then_patches_that_chain() {
        let catalog = Catalog::builtin();
        let mut doc = document();
        let mut publisher = Publisher::default();
        let first = publisher.update(doc.snapshot(catalog));
        assert!(matches!(first, SnapshotUpdate::Full { revision: 1, .. }));
        doc.apply(Edit::RenameModel { name: "Renamed".into() }, catalog).expect("the rename applies");
        let second = publisher.update(doc.snapshot(catalog));
        let SnapshotUpdate::Patch { revision: 2, base: 1, patch } = &second else { panic!("a patch on 1: {second:?}") };
        assert_eq!(patch.name, "Renamed");
        // Asked for everything, it sends the whole as the next revision, and patches on from it.
        let again = publisher.whole(doc.snapshot(catalog));
        let SnapshotUpdate::Full { revision: 3, snapshot } = again else { panic!("the whole, as revision 3") };
        assert_eq!(*snapshot, doc.snapshot(catalog));
        let next = publisher.update(doc.snapshot(catalog));
        assert!(matches!(next, SnapshotUpdate::Patch { revision: 4, base: 3, .. }));
    }
}

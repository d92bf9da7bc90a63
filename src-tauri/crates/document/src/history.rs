//! Undo and redo of edit operations, with the revision numbers that tell whether the document
//! differs from what was last saved.

use maestro_model::EditOp;

/// One applied change: how to redo it, how to undo it, and the revisions on either side.
#[derive(Debug)]
struct Change {
    redo: EditOp,
    undo: EditOp,
    before: u64,
    after: u64,
}

#[derive(Debug, Default)]
pub(crate) struct History {
    undo: Vec<Change>,
    redo: Vec<Change>,
    /// Every applied change gets a new revision; undo returns to an earlier one.
    current: u64,
    last_issued: u64,
}

impl History {
    pub fn current_revision(&self) -> u64 {
        self.current
    }

    /// Records a change just applied; it clears the redo list, as every editor does.
    pub fn record(&mut self, redo: EditOp, undo: EditOp) {
        self.last_issued += 1;
        let change = Change { redo, undo, before: self.current, after: self.last_issued };
        self.current = change.after;
        self.undo.push(change);
        self.redo.clear();
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Runs `apply` on the operation that undoes the latest change; the history moves only if it succeeds.
    pub fn undo<E>(&mut self, apply: impl FnOnce(EditOp) -> Result<EditOp, E>) -> Option<Result<(), E>> {
        let change = self.undo.pop()?;
        match apply(change.undo.clone()) {
            Ok(_) => {
                self.current = change.before;
                self.redo.push(change);
                Some(Ok(()))
            }
            Err(e) => {
                self.undo.push(change);
                Some(Err(e))
            }
        }
    }

    /// Runs `apply` on the latest undone change; the history moves only if it succeeds.
    pub fn redo<E>(&mut self, apply: impl FnOnce(EditOp) -> Result<EditOp, E>) -> Option<Result<(), E>> {
        let change = self.redo.pop()?;
        match apply(change.redo.clone()) {
            Ok(_) => {
                self.current = change.after;
                self.undo.push(change);
                Some(Ok(()))
            }
            Err(e) => {
                self.redo.push(change);
                Some(Err(e))
            }
        }
    }
}

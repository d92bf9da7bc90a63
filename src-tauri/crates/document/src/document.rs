use crate::edit::{Edit, Refusal};
use crate::history::History;
use crate::model_diff::{ModelDiff, diff_models};
use crate::snapshot::Snapshot;
use maestro_catalog::Catalog;
use maestro_model::{EditError, KindId, Model};
use maestro_store::{Revision, RevisionError, Revisions, StoreError};
use std::path::{Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum DocumentError {
    #[error("{0}")]
    Edit(#[from] EditError),
    #[error("the catalog has no element kind '{0}'")]
    UnknownKind(KindId),
    #[error("'{0}' is not a layer an element can be placed in")]
    UnknownLayer(String),
    #[error("{0}")]
    InvalidProperty(String),
    #[error("cannot paste: {0}")]
    BadPaste(String),
    #[error("{0}")]
    Nothing(&'static str),
    #[error("{path}: {message}")]
    Import { path: String, message: String },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Revision(#[from] RevisionError),
    #[error("this model has not been saved yet: choose where to save it")]
    NoPath,
    #[error("{} changed on disk since it was opened or last saved here", .0.display())]
    ChangedOnDisk(PathBuf),
    #[error(
        "{} is open in another MAESTRO Studio window, so it was opened here read-only: \
         use Save As to keep these changes in another file",
        .0.display()
    )]
    ReadOnly(PathBuf),
}

/// Holds a file's advisory lock while a document has it open, so that a second window or app
/// opening the same file knows it is taken. Saving replaces the file, so the lock is taken again
/// on the new file after each save.
#[derive(Debug)]
struct FileLock(#[allow(dead_code)] std::fs::File);

impl FileLock {
    /// The lock on `path`; `Ok(None)` when another document holds it; `Err` when the file
    /// cannot be opened to lock it (then nothing stops a second writer, as before locks).
    fn try_take(path: &Path) -> std::io::Result<Option<FileLock>> {
        let file = std::fs::File::open(path)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(FileLock(file))),
            Err(std::fs::TryLockError::WouldBlock) => Ok(None),
            Err(std::fs::TryLockError::Error(e)) => Err(e),
        }
    }
}

/// What a file on disk held when this document last read or wrote it: its length and a hash of
/// its bytes (a time stamp alone misses changes made within its resolution).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct DiskStamp {
    len: u64,
    hash: u64,
}

impl DiskStamp {
    /// The stamp of the file at `path` now; `None` when there is none.
    fn of(path: &Path) -> Option<DiskStamp> {
        std::fs::read(path).ok().map(|bytes| DiskStamp::of_bytes(&bytes))
    }

    /// The stamp of a file holding `bytes`.
    fn of_bytes(bytes: &[u8]) -> DiskStamp {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut hasher);
        DiskStamp { len: bytes.len() as u64, hash: hasher.finish() }
    }

    /// The stamp as text, for a recovery note: `LEN-HASH`, or `absent` for no file.
    fn token(stamp: Option<DiskStamp>) -> String {
        stamp.map_or_else(|| "absent".to_owned(), |s| format!("{}-{:016x}", s.len, s.hash))
    }

    /// A stamp read back from [`DiskStamp::token`]; `None` when the text is not one.
    fn from_token(token: &str) -> Option<Option<DiskStamp>> {
        if token == "absent" {
            return Some(None);
        }
        let (len, hash) = token.split_once('-')?;
        Some(Some(DiskStamp { len: len.parse().ok()?, hash: u64::from_str_radix(hash, 16).ok()? }))
    }
}

/// One model being edited.
#[derive(Debug)]
pub struct Document {
    model: Model,
    history: History,
    path: Option<PathBuf>,
    /// The revision that matches the file on disk; `None` when no state of this document is on disk.
    saved_revision: Option<u64>,
    /// The file as this document last read or wrote it, to notice another writer before saving.
    on_disk: Option<DiskStamp>,
    /// This document's claim on its file, while it has one.
    lock: Option<FileLock>,
    /// The file is open in another document: this one may not save over it.
    read_only: bool,
    /// The revisions of the model's file, recorded one per save.
    revisions: Revisions,
    /// The model as the file holds it (its latest revision), to record what a save changes and
    /// to rebuild earlier revisions; `None` when no file holds this model yet.
    on_file: Option<Model>,
    /// Who a save names as its author.
    author: String,
    /// The revision last restored and the model it gave, to say so when that model is saved.
    restored: Option<(u32, Model)>,
}

impl Document {
    /// A document for `model` that belongs to no file yet and has nothing to save (a new or sample model).
    pub fn untitled(model: Model) -> Self {
        Self {
            model,
            history: History::default(),
            path: None,
            saved_revision: Some(0),
            on_disk: None,
            lock: None,
            read_only: false,
            revisions: Revisions::default(),
            on_file: None,
            author: String::new(),
            restored: None,
        }
    }

    /// A document for `model`, from the file at `path` as it is now; read-only when another
    /// document holds the file.
    fn of_file(model: Model, path: PathBuf, saved_revision: Option<u64>, on_disk: Option<DiskStamp>) -> Self {
        let lock = FileLock::try_take(&path);
        let read_only = matches!(lock, Ok(None));
        Self {
            model,
            history: History::default(),
            path: Some(path),
            saved_revision,
            on_disk,
            lock: lock.ok().flatten(),
            read_only,
            revisions: Revisions::default(),
            on_file: None,
            author: String::new(),
            restored: None,
        }
    }

    /// Opens the model saved at `path`.
    pub fn open(path: &Path) -> Result<Self, DocumentError> {
        let on_disk = DiskStamp::of(path);
        let stored = maestro_store::load_with_revisions(path)?;
        let mut doc = Self::of_file(stored.model.clone(), path.to_owned(), Some(0), on_disk);
        doc.revisions = stored.revisions;
        doc.on_file = Some(stored.model);
        Ok(doc)
    }

    /// A model recovered from a copy after a crash: it belongs to `path` (if it had a file) and
    /// counts as unsaved, so that nothing recovered is lost again by mistake. `base` is what the
    /// crashed document had last read or written of the file ([`Document::disk_token`]): a file
    /// saved by someone else since is not overwritten without asking. (Without it, the file as
    /// it is now is taken as the base.)
    pub fn recovered(model: Model, path: Option<PathBuf>, base: Option<&str>) -> Self {
        let on_disk = match base.and_then(DiskStamp::from_token) {
            Some(stamp) => stamp,
            None => path.as_deref().and_then(DiskStamp::of),
        };
        match path {
            Some(path) => {
                // The file's revisions go on; a file that cannot be read now is written anew.
                let stored = maestro_store::load_with_revisions(&path).ok();
                let mut doc = Self::of_file(model, path, None, on_disk);
                if let Some(stored) = stored {
                    doc.revisions = stored.revisions;
                    doc.on_file = Some(stored.model);
                }
                doc
            }
            None => {
                let mut doc = Self::untitled(model);
                doc.saved_revision = None;
                doc
            }
        }
    }

    /// Reads a model-as-code file (YAML or JSON) into a new document with no file of its own, so
    /// that Save asks where to write the `.maestro` file rather than overwriting the text.
    pub fn import(path: &Path, catalog: &Catalog) -> Result<Self, DocumentError> {
        let failed = |message: String| DocumentError::Import { path: path.display().to_string(), message };
        let format = maestro_modelfile::Format::of_path(path)
            .ok_or_else(|| failed("a model as code is a .yaml, .yml or .json file".into()))?;
        let text = std::fs::read_to_string(path).map_err(|e| failed(e.to_string()))?;
        let model = maestro_modelfile::parse(&text, format, catalog).map_err(|e| failed(e.to_string()))?;
        let mut doc = Self::untitled(model);
        // Nothing of it is in a .maestro file yet.
        doc.saved_revision = None;
        Ok(doc)
    }

    /// Opens whatever the user chose: a model as code is imported, anything else read as a
    /// `.maestro` file.
    pub fn open_any(path: &Path, catalog: &Catalog) -> Result<Self, DocumentError> {
        if maestro_modelfile::Format::of_path(path).is_some() { Self::import(path, catalog) } else { Self::open(path) }
    }

    /// Opens `path` if it exists; otherwise starts an empty model that Save will write there.
    pub fn open_or_create(path: &Path) -> Result<Self, DocumentError> {
        if path.exists() {
            return Self::open(path);
        }
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).filter(|s| !s.trim().is_empty());
        let model = Model::new(name.unwrap_or_else(|| "Untitled model".to_owned()));
        let mut doc = Self::untitled(model);
        doc.path = Some(path.to_owned());
        doc.saved_revision = None;
        Ok(doc)
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// True when the document has changes that are not in its file (or has no file and was edited).
    pub fn is_dirty(&self) -> bool {
        self.saved_revision != Some(self.history.current_revision())
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// Applies a user's edit; on error nothing changes.
    pub fn apply(&mut self, edit: Edit, catalog: &Catalog) -> Result<(), DocumentError> {
        let op = edit.into_op(&self.model, catalog).map_err(|refusal| match refusal {
            Refusal::UnknownKind(kind) => DocumentError::UnknownKind(kind),
            Refusal::UnknownLayer(layer) => DocumentError::UnknownLayer(layer),
            Refusal::Property(message) => DocumentError::InvalidProperty(message),
            Refusal::BadPaste(message) => DocumentError::BadPaste(message),
            Refusal::Model(error) => DocumentError::Edit(error),
            Refusal::Nothing(what) => DocumentError::Nothing(what),
        })?;
        let undo = self.model.apply(op.clone())?;
        self.history.record(op, undo);
        Ok(())
    }

    /// Undoes the latest change; `false` when there is nothing to undo.
    pub fn undo(&mut self) -> Result<bool, DocumentError> {
        let model = &mut self.model;
        self.history.undo(|op| model.apply(op)).transpose().map(|done| done.is_some()).map_err(Into::into)
    }

    /// Redoes the latest undone change; `false` when there is nothing to redo.
    pub fn redo(&mut self) -> Result<bool, DocumentError> {
        let model = &mut self.model;
        self.history.redo(|op| model.apply(op)).transpose().map(|done| done.is_some()).map_err(Into::into)
    }

    /// Writes the model to its file, unless the file changed on disk since this document last
    /// read or wrote it (another window, program or person saved it): then nothing is written
    /// and the error says so, for the user to choose ([`Document::save_overwriting`] or Save As).
    pub fn save(&mut self) -> Result<(), DocumentError> {
        let path = self.path.clone().ok_or(DocumentError::NoPath)?;
        if self.read_only {
            return Err(DocumentError::ReadOnly(path));
        }
        if self.changed_on_disk() {
            return Err(DocumentError::ChangedOnDisk(path));
        }
        self.save_as(&path)
    }

    /// Writes the model to its file even though the file changed on disk. The revisions the
    /// other writer recorded stay in the file: this save becomes the next one after theirs.
    pub fn save_overwriting(&mut self) -> Result<(), DocumentError> {
        let path = self.path.clone().ok_or(DocumentError::NoPath)?;
        if self.read_only {
            return Err(DocumentError::ReadOnly(path));
        }
        if let Ok(theirs) = maestro_store::load_with_revisions(&path) {
            self.revisions = theirs.revisions;
            self.on_file = Some(theirs.model);
        }
        self.save_as(&path)
    }

    /// What this document last read or wrote of its file, as text for a recovery note.
    pub fn disk_token(&self) -> String {
        DiskStamp::token(self.on_disk)
    }

    /// Whether another document has this one's file open, so that this one does not save over it.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Whether the document's file is no longer what this document last read or wrote.
    pub fn changed_on_disk(&self) -> bool {
        self.path.as_deref().is_some_and(|path| DiskStamp::of(path) != self.on_disk)
    }

    /// Writes the model to `path`, which becomes the document's file.
    pub fn save_as(&mut self, path: &Path) -> Result<(), DocumentError> {
        let same_file = self.path.as_deref() == Some(path);
        if self.read_only && same_file {
            return Err(DocumentError::ReadOnly(path.to_owned()));
        }
        // Another document's file is not written over either (Save As onto a file open elsewhere).
        let taken = if same_file { None } else { FileLock::try_take(path).ok() };
        if matches!(taken, Some(None)) {
            return Err(DocumentError::ReadOnly(path.to_owned()));
        }
        drop(taken);
        let mut revisions = self.revisions.clone();
        revisions.record(
            self.on_file.as_ref(),
            &self.model,
            maestro_store::now_utc(),
            self.author.clone(),
            self.save_summary(),
        );
        let written = maestro_store::save_with_revisions(&self.model, &revisions, path)?;
        self.revisions = revisions;
        self.on_file = Some(self.model.clone());
        self.restored = None;
        self.path = Some(path.to_owned());
        self.saved_revision = Some(self.history.current_revision());
        // What this save wrote, not what the file holds a moment later (another writer may be quick).
        self.on_disk = Some(DiskStamp::of_bytes(&written));
        // The save replaced the file: the lock on the old one means nothing now. (Should another
        // document take the new file first, this one is read-only from now on.)
        let lock = FileLock::try_take(path);
        self.read_only = matches!(lock, Ok(None));
        self.lock = lock.ok().flatten();
        Ok(())
    }

    /// Names `author` in the revisions this document's saves record.
    pub fn set_author(&mut self, author: &str) {
        author.trim().clone_into(&mut self.author);
    }

    /// The revisions of the document's file, oldest first.
    pub fn revisions(&self) -> Vec<Revision> {
        self.revisions.list()
    }

    /// How many revisions the document's file has.
    pub fn revision_count(&self) -> usize {
        self.revisions.len()
    }

    /// The model as revision `number` saved it.
    pub fn revision_model(&self, number: u32) -> Result<Model, DocumentError> {
        let latest = self.on_file.as_ref().ok_or(RevisionError::Unknown(number))?;
        Ok(self.revisions.model_at(latest, number)?)
    }

    /// What changed from revision `old` to revision `new`; `None` stands for the model as it
    /// is now, unsaved changes included, and revision 0 for nothing (an empty model), so that
    /// the first revision shows all it added.
    pub fn revision_diff(&self, old: Option<u32>, new: Option<u32>) -> Result<ModelDiff, DocumentError> {
        let state = |number: Option<u32>| match number {
            Some(0) => Ok(std::borrow::Cow::Owned(Model::new(self.model.name.clone()))),
            Some(number) => self.revision_model(number).map(std::borrow::Cow::Owned),
            None => Ok(std::borrow::Cow::Borrowed(&self.model)),
        };
        let (old, new) = (state(old)?, state(new)?);
        Ok(diff_models(&old, &new))
    }

    /// Makes the model what revision `number` saved, as one change that can be undone; the next
    /// save records it as a new revision, saying which one it restored.
    pub fn restore_revision(&mut self, number: u32) -> Result<(), DocumentError> {
        let model = self.revision_model(number)?;
        let op = maestro_model::EditOp::Replace { model: Box::new(model.clone()) };
        let undo = self.model.apply(op.clone())?;
        self.history.record(op, undo);
        self.restored = Some((number, model));
        Ok(())
    }

    /// What a save of the model now records as its summary.
    fn save_summary(&self) -> String {
        let changes = match &self.on_file {
            Some(on_file) => match diff_models(on_file, &self.model) {
                // A file from before revisions, saved as it was: its first revision is what it holds.
                diff if diff.is_empty() && self.revisions.is_empty() => "First recorded".to_owned(),
                diff => diff.summary(),
            },
            None => {
                let (elements, flows) = (self.model.elements.len(), self.model.flows.len());
                let plural = |n: usize| if n == 1 { "" } else { "s" };
                format!("First saved: {elements} element{}, {flows} flow{}", plural(elements), plural(flows))
            }
        };
        match &self.restored {
            Some((number, model)) if *model == self.model => format!("Restored revision {number} ({changes})"),
            _ => changes,
        }
    }

    pub fn snapshot(&self, catalog: &Catalog) -> Snapshot {
        Snapshot::of(self, catalog)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use maestro_model::{ElementMove, Position};

    fn add(doc: &mut Document, kind: &str) {
        doc.apply(Edit::AddElement { kind: kind.into(), position: Position::new(10.0, 20.0) }, Catalog::builtin())
            .unwrap();
    }

    #[test]
    fn a_file_changed_on_disk_is_not_overwritten_without_asking() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shared.maestro");
        maestro_store::save(&Model::new("shared"), &path).unwrap();
        let mut mine = Document::open(&path).unwrap();
        // Another program (which knows nothing of the lock) saves the file.
        let mut theirs = Model::new("shared");
        theirs.elements.push(maestro_model::Element {
            id: "tool-1".into(),
            kind: "tool".into(),
            name: "Theirs".into(),
            ..Default::default()
        });
        maestro_store::save(&theirs, &path).unwrap();
        add(&mut mine, "agent");
        assert!(mine.changed_on_disk());
        let refused = mine.save().unwrap_err();
        assert!(matches!(refused, DocumentError::ChangedOnDisk(_)), "{refused:?}");
        assert!(refused.to_string().contains("shared.maestro changed on disk"), "{refused}");
        assert_eq!(maestro_store::load(&path).unwrap().elements[0].kind.as_str(), "tool", "their save stands");
        assert!(mine.is_dirty());
        mine.save_overwriting().unwrap();
        assert_eq!(maestro_store::load(&path).unwrap().elements[0].kind.as_str(), "agent");
        // Once it wrote the file, the document knows it again: the next save needs no asking.
        add(&mut mine, "agent");
        mine.save().unwrap();
        // A file that appeared where a new model will be saved counts as a change too.
        let fresh = dir.path().join("fresh.maestro");
        let mut new = Document::open_or_create(&fresh).unwrap();
        maestro_store::save(&Model::new("someone else's"), &fresh).unwrap();
        assert!(matches!(new.save().unwrap_err(), DocumentError::ChangedOnDisk(_)));
    }

    #[test]
    fn a_file_open_in_one_document_opens_read_only_in_another() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("taken.maestro");
        maestro_store::save(&Model::new("taken"), &path).unwrap();
        let mut first = Document::open(&path).unwrap();
        let mut second = Document::open(&path).unwrap();
        assert!(!first.is_read_only());
        assert!(second.is_read_only());
        add(&mut second, "agent");
        let refused = second.save().unwrap_err();
        assert!(matches!(refused, DocumentError::ReadOnly(_)), "{refused:?}");
        assert!(refused.to_string().contains("open in another MAESTRO Studio window"), "{refused}");
        // The first keeps its claim across saves (each save replaces the file).
        add(&mut first, "tool");
        first.save().unwrap();
        assert!(Document::open(&path).unwrap().is_read_only());
        // Save As elsewhere makes the second one writable, with a file of its own.
        let copy = dir.path().join("copy.maestro");
        second.save_as(&copy).unwrap();
        assert!(!second.is_read_only());
        assert!(matches!(first.save_as(&copy).unwrap_err(), DocumentError::ReadOnly(_)), "copy is taken");
        // Once the first is closed, the file is free.
        drop(first);
        assert!(!Document::open(&path).unwrap().is_read_only());
    }

    #[test]
    fn each_save_records_a_revision_that_can_be_compared_and_restored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("crew.maestro");
        let mut doc = Document::open_or_create(&path).unwrap();
        doc.set_author("  Ada Lovelace ");
        add(&mut doc, "agent");
        doc.save().unwrap();
        add(&mut doc, "tool");
        doc.apply(Edit::Connect { from: "agent-1".into(), to: "tool-1".into() }, Catalog::builtin()).unwrap();
        doc.save().unwrap();
        doc.save().unwrap();
        assert_eq!(doc.revision_count(), 2, "a save with nothing new records nothing");
        doc.set_author("Grace");
        doc.apply(Edit::RenameElement { id: "agent-1".into(), name: "Planner".into() }, Catalog::builtin()).unwrap();
        doc.save().unwrap();
        drop(doc);

        let mut doc = Document::open(&path).unwrap();
        let list = doc.revisions();
        let seen: Vec<_> = list.iter().map(|r| (r.number, r.author.as_str(), r.summary.as_str())).collect();
        assert_eq!(
            seen,
            [
                (1, "Ada Lovelace", "First saved: 1 element, 0 flows"),
                (2, "Ada Lovelace", "1 element added, 1 flow added"),
                (3, "Grace", "1 element changed"),
            ]
        );
        assert!(list.iter().all(|r| r.saved_at.len() == 20 && r.saved_at.ends_with('Z')));
        let diff = doc.revision_diff(Some(1), Some(3)).unwrap();
        assert_eq!(diff.summary(), "1 element added, 1 element changed, 1 flow added");
        assert_eq!(diff.elements.changed[0].fields, ["name"]);
        assert!(doc.revision_diff(Some(3), None).unwrap().is_empty(), "nothing unsaved");
        assert_eq!(doc.revision_diff(Some(0), Some(1)).unwrap().summary(), "1 element added", "from nothing");
        assert!(matches!(doc.revision_diff(Some(9), None), Err(DocumentError::Revision(RevisionError::Unknown(9)))));

        doc.restore_revision(1).unwrap();
        assert_eq!(doc.model().elements.len(), 1);
        assert_eq!(doc.model().elements[0].name, "Agent");
        assert!(doc.is_dirty());
        assert!(doc.undo().unwrap(), "restoring is one change that can be undone");
        assert_eq!(doc.model().elements.len(), 2);
        assert!(!doc.is_dirty());
        assert!(doc.redo().unwrap());
        doc.save().unwrap();
        let latest = doc.revisions().pop().unwrap();
        assert_eq!(latest.number, 4);
        assert_eq!(latest.summary, "Restored revision 1 (1 element removed, 1 element changed, 1 flow removed)");
        drop(doc);
        let reopened = Document::open(&path).unwrap();
        assert_eq!(reopened.revision_model(4).unwrap(), reopened.revision_model(1).unwrap());
        assert_eq!(reopened.revision_model(3).unwrap().elements[0].name, "Planner");
    }

    #[test]
    fn a_file_from_before_revisions_keeps_what_it_held_as_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.maestro");
        let mut old = Model::new("old");
        old.elements.push(maestro_model::Element {
            id: "tool-9".into(),
            kind: "tool".into(),
            name: "Legacy".into(),
            ..Default::default()
        });
        maestro_store::save(&old, &path).unwrap();
        let mut doc = Document::open(&path).unwrap();
        assert!(doc.revisions().is_empty());
        add(&mut doc, "agent");
        doc.save().unwrap();
        let list = doc.revisions();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].summary, "The model as it was before revisions were kept");
        assert_eq!(list[1].summary, "1 element added");
        assert_eq!(doc.revision_model(1).unwrap(), old);
    }

    #[test]
    fn overwriting_a_file_changed_on_disk_keeps_the_other_writers_revisions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shared.maestro");
        let mut mine = Document::open_or_create(&path).unwrap();
        add(&mut mine, "agent");
        mine.save().unwrap();
        // Another program records two revisions of its own on top of this one.
        let stored = maestro_store::load_with_revisions(&path).unwrap();
        let mut revisions = stored.revisions;
        let mut theirs = stored.model.clone();
        theirs.name = "Theirs".into();
        revisions.record(Some(&stored.model), &theirs, "2026-12-01T00:00:00Z".into(), "Eve".into(), "renamed".into());
        maestro_store::save_with_revisions(&theirs, &revisions, &path).unwrap();
        add(&mut mine, "tool");
        assert!(matches!(mine.save(), Err(DocumentError::ChangedOnDisk(_))));
        mine.save_overwriting().unwrap();
        let list = mine.revisions();
        let authors: Vec<&str> = list.iter().map(|r| r.author.as_str()).collect();
        assert_eq!(authors, ["", "Eve", ""], "mine goes on top of theirs");
        assert_eq!(list[2].summary, "1 element added, the model's name changed");
        assert_eq!(mine.revision_model(2).unwrap().name, "Theirs");
        assert_eq!(mine.revision_model(1).unwrap().elements.len(), 1);
    }

    #[test]
    fn a_recovered_model_asks_before_overwriting_a_file_saved_since_the_crash() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("crew.maestro");
        maestro_store::save(&Model::new("crew"), &path).unwrap();
        let mut crashed = Document::open(&path).unwrap();
        add(&mut crashed, "agent");
        let base = crashed.disk_token();
        let unsaved = crashed.model().clone();
        drop(crashed);
        // Someone saves the file before the recovery.
        maestro_store::save(&Model::new("theirs"), &path).unwrap();
        let mut recovered = Document::recovered(unsaved.clone(), Some(path.clone()), Some(&base));
        assert!(matches!(recovered.save(), Err(DocumentError::ChangedOnDisk(_))));
        // Untouched since the crash, it saves without asking.
        drop(recovered);
        let now = DiskStamp::token(DiskStamp::of(&path));
        let mut quiet = Document::recovered(unsaved.clone(), Some(path.clone()), Some(&now));
        quiet.save().unwrap();
        // A model never saved: a file that appeared there since is not overwritten either.
        let fresh = dir.path().join("fresh.maestro");
        let base = Document::open_or_create(&fresh).unwrap().disk_token();
        assert_eq!(base, "absent");
        maestro_store::save(&Model::new("appeared"), &fresh).unwrap();
        let mut recovered = Document::recovered(unsaved, Some(fresh), Some(&base));
        assert!(matches!(recovered.save(), Err(DocumentError::ChangedOnDisk(_))));
    }

    #[test]
    fn save_as_carries_the_revisions_to_the_new_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut doc = Document::open_or_create(&dir.path().join("a.maestro")).unwrap();
        add(&mut doc, "agent");
        doc.save().unwrap();
        add(&mut doc, "agent");
        let copy = dir.path().join("b.maestro");
        doc.save_as(&copy).unwrap();
        let reopened = Document::open(&copy).unwrap();
        assert_eq!(reopened.revision_count(), 2);
        assert_eq!(reopened.revision_model(1).unwrap().elements.len(), 1);
    }

    #[test]
    fn added_elements_get_fresh_ids_and_unused_names() {
        let mut doc = Document::untitled(Model::new("m"));
        add(&mut doc, "agent");
        add(&mut doc, "agent");
        add(&mut doc, "peer-agent");
        let names: Vec<_> = doc.model().elements.iter().map(|e| (e.id.as_str(), e.name.as_str())).collect();
        assert_eq!(names, [("agent-1", "Agent"), ("agent-2", "Agent 2"), ("peer-agent-1", "Peer agent")]);
    }

    #[test]
    fn an_unknown_kind_is_refused() {
        let mut doc = Document::untitled(Model::new("m"));
        let err = doc
            .apply(Edit::AddElement { kind: "warp-drive".into(), position: Position::default() }, Catalog::builtin())
            .unwrap_err();
        assert_eq!(err.to_string(), "the catalog has no element kind 'warp-drive'");
        assert!(!doc.is_dirty());
    }

    #[test]
    fn undo_and_redo_walk_the_history_and_the_dirty_flag_follows_the_saved_revision() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.maestro");
        let mut doc = Document::open_or_create(&path).unwrap();
        assert_eq!(doc.model().name, "m");
        assert!(doc.is_dirty(), "a new file that is not written yet has something to save");
        add(&mut doc, "agent");
        add(&mut doc, "tool");
        doc.apply(Edit::Connect { from: "agent-1".into(), to: "tool-1".into() }, Catalog::builtin()).unwrap();
        doc.save().unwrap();
        assert!(!doc.is_dirty());

        doc.apply(
            Edit::Move {
                moves: vec![ElementMove { id: "tool-1".into(), position: Position::new(300.0, 0.0) }],
                boundaries: vec![],
            },
            Catalog::builtin(),
        )
        .unwrap();
        assert!(doc.is_dirty());
        assert!(doc.undo().unwrap());
        assert!(!doc.is_dirty(), "undoing back to the saved state is clean again");
        assert!(doc.undo().unwrap());
        assert!(doc.model().flows.is_empty());
        assert!(doc.is_dirty());
        assert!(doc.redo().unwrap());
        assert!(doc.redo().unwrap());
        assert_eq!(doc.model().element(&"tool-1".into()).unwrap().position, Position::new(300.0, 0.0));
        assert!(!doc.redo().unwrap(), "nothing left to redo");

        // A new edit after an undo drops the redo list.
        assert!(doc.undo().unwrap());
        doc.apply(Edit::RenameElement { id: "agent-1".into(), name: "Planner".into() }, Catalog::builtin()).unwrap();
        assert!(!doc.can_redo());

        let reopened = Document::open(&path).unwrap();
        assert_eq!(reopened.model().elements.len(), 2);
        assert_eq!(reopened.model().flows.len(), 1);
        assert!(!reopened.is_dirty());
    }

    #[test]
    fn properties_are_checked_against_the_catalog_and_undone() {
        use maestro_model::PropertyValue;
        let mut doc = Document::untitled(Model::new("m"));
        add(&mut doc, "tool");
        let set = |value: PropertyValue| Edit::SetProperty {
            target: "tool-1".into(),
            property: "side_effect".into(),
            value: Some(value),
        };
        doc.apply(set(PropertyValue::Text("execute".into())), Catalog::builtin()).unwrap();
        assert_eq!(doc.model().elements[0].properties["side_effect"], PropertyValue::Text("execute".into()));
        let refused = doc.apply(set(PropertyValue::Text("teleport".into())), Catalog::builtin()).unwrap_err();
        assert!(
            refused.to_string().contains("must be one of: read, write, execute, payment, communicate"),
            "{refused}"
        );
        let wrong_place = Edit::SetProperty { target: "tool-1".into(), property: "autonomy".into(), value: None };
        assert!(doc.apply(wrong_place, Catalog::builtin()).unwrap_err().to_string().contains("does not apply"));
        assert!(doc.undo().unwrap());
        assert!(doc.model().elements[0].properties.is_empty());
    }

    #[test]
    fn a_property_set_on_a_selection_is_one_change_and_refused_whole_if_wrong_anywhere() {
        use maestro_model::PropertyValue;
        let mut doc = Document::untitled(Model::new("m"));
        add(&mut doc, "tool");
        add(&mut doc, "tool");
        add(&mut doc, "agent");
        let set = |targets: &[&str], value: &str| Edit::SetPropertyOfEach {
            targets: targets.iter().map(|t| (*t).to_owned()).collect(),
            property: "side_effect".into(),
            value: Some(PropertyValue::Text(value.into())),
        };
        doc.apply(set(&["tool-1", "tool-2"], "write"), Catalog::builtin()).unwrap();
        let side_effect = |doc: &Document, i: usize| doc.model().elements[i].properties.get("side_effect").cloned();
        assert_eq!(side_effect(&doc, 0), Some(PropertyValue::Text("write".into())));
        assert_eq!(side_effect(&doc, 1), Some(PropertyValue::Text("write".into())));
        // An agent has no side effect of its own: nothing changes anywhere.
        assert!(doc.apply(set(&["tool-1", "agent-1"], "read"), Catalog::builtin()).is_err());
        assert_eq!(side_effect(&doc, 0), Some(PropertyValue::Text("write".into())));
        assert!(doc.apply(set(&[], "read"), Catalog::builtin()).is_err());
        // One undo takes it back on both.
        assert!(doc.undo().unwrap());
        assert_eq!((side_effect(&doc, 0), side_effect(&doc, 1)), (None, None));
    }

    #[test]
    fn copies_paste_with_fresh_ids_and_their_flows_and_bad_content_is_refused() {
        use crate::edit::Fragment;
        let mut doc = Document::untitled(Model::new("m"));
        add(&mut doc, "agent");
        add(&mut doc, "tool");
        doc.apply(Edit::Connect { from: "agent-1".into(), to: "tool-1".into() }, Catalog::builtin()).unwrap();
        let fragment = Fragment::copy_of(doc.model(), &["agent-1".into(), "tool-1".into()]);
        assert_eq!(fragment.flows.len(), 1);
        let offset = Position::new(40.0, 40.0);
        doc.apply(Edit::Paste { fragment: fragment.clone(), offset }, Catalog::builtin()).unwrap();
        let ids: Vec<&str> = doc.model().elements.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["agent-1", "tool-1", "agent-2", "tool-2"]);
        let pasted = doc.model().flows.last().unwrap();
        assert_eq!((pasted.from.as_str(), pasted.to.as_str()), ("agent-2", "tool-2"));
        assert_eq!(doc.model().elements[2].position, Position::new(50.0, 60.0));

        let mut foreign = fragment;
        foreign.elements[0].kind = "warp-drive".into();
        let err = doc.apply(Edit::Paste { fragment: foreign, offset }, Catalog::builtin()).unwrap_err();
        assert_eq!(err.to_string(), "cannot paste: the catalog has no element kind 'warp-drive'");
        assert_eq!(doc.model().elements.len(), 4, "a refused paste changes nothing");
        assert!(doc.undo().unwrap());
        assert_eq!(doc.model().elements.len(), 2);
    }

    #[test]
    fn a_model_as_code_file_is_imported_as_a_new_unsaved_document() {
        let dir = tempfile::tempdir().unwrap();
        let yaml = dir.path().join("crew.yaml");
        std::fs::write(&yaml, "name: Crew\ncomponents:\n  - { id: a, kind: agent, name: A }\n").unwrap();
        let doc = Document::open_any(&yaml, Catalog::builtin()).unwrap();
        assert_eq!(doc.model().name, "Crew");
        assert_eq!(doc.path(), None, "Save must ask where, not overwrite the YAML");
        assert!(doc.is_dirty());
        std::fs::write(&yaml, "name: Crew\ncomponents:\n  - { id: a, kind: warp-drive, name: A }\n").unwrap();
        let err = Document::open_any(&yaml, Catalog::builtin()).unwrap_err().to_string();
        assert!(err.ends_with("crew.yaml: components[0] (id 'a'), field 'kind': unknown kind 'warp-drive'"), "{err}");
    }

    #[test]
    fn saving_an_untitled_document_asks_for_a_path() {
        let mut doc = Document::untitled(Model::new("m"));
        assert!(matches!(doc.save(), Err(DocumentError::NoPath)));
    }

    #[test]
    fn a_failed_edit_leaves_the_history_untouched() {
        let mut doc = Document::untitled(Model::new("m"));
        add(&mut doc, "agent");
        let err = doc.apply(Edit::Connect { from: "agent-1".into(), to: "agent-1".into() }, Catalog::builtin());
        assert!(err.is_err());
        assert!(doc.undo().unwrap());
        assert!(doc.model().elements.is_empty());
        assert!(!doc.undo().unwrap());
    }
}

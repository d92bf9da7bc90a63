//! Recovery copies: what an open model looked like a few seconds after its last change, kept in
//! the app's own data folder (never beside the user's file), so that a crash loses at most
//! those seconds.
//!
//! Each running editor is a session with its own copy, `SESSION.maestro`, and a note,
//! `SESSION.json`, saying which file the model belongs to and when it was copied. The session's
//! name holds its process id: a copy whose process no longer runs was left by a crash and is
//! offered at the next start. A copy goes as soon as it is not needed: when the model is saved,
//! its changes are discarded, or the editor closes normally.

use maestro_model::Model;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum RecoveryError {
    #[error("the recovery folder {}: {source}", .path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Store(#[from] maestro_store::StoreError),
}

/// What is written beside each copy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Note {
    /// The file the model belongs to; `None` for a model never saved.
    original: Option<PathBuf>,
    /// Seconds since 1970 when the copy was written.
    copied_at: u64,
    /// What the document had last read or written of its file ([`crate::Document::disk_token`]);
    /// `None` in notes from before it was kept.
    #[serde(default)]
    base: Option<String>,
}

/// A recovery copy taken back: the model, the file it belongs to, and what the document had
/// last read or written of that file.
#[derive(Clone, Debug, PartialEq)]
pub struct Recovered {
    pub model: Model,
    pub original: Option<PathBuf>,
    pub base: Option<String>,
}

/// A copy left by an editor that did not close normally, as the user is shown it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct RecoveryOffer {
    /// Names the copy for [`Recovery::take`] and [`Recovery::discard`].
    pub session: String,
    pub model_name: String,
    /// The file the changes belong to, if the model had one.
    pub original: Option<String>,
    /// Seconds since 1970 when the copy was written (a float, which the page's dates read).
    pub copied_at: f64,
    /// What the copy holds, counted.
    pub elements: u32,
    pub flows: u32,
    pub boundaries: u32,
    /// How the copy differs from the file on disk (or "not saved anywhere yet").
    pub changes: String,
}

/// The recovery folder and this editor's own session in it.
#[derive(Debug, Clone)]
pub struct Recovery {
    folder: PathBuf,
    session: String,
}

impl Recovery {
    /// Uses `folder` (created when first needed) for this process's copies.
    pub fn new(folder: PathBuf) -> Self {
        let started = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        Self { folder, session: format!("{}-{started}", std::process::id()) }
    }

    pub fn folder(&self) -> &Path {
        &self.folder
    }

    fn copy_path(&self, session: &str) -> PathBuf {
        self.folder.join(format!("{session}.maestro"))
    }

    fn note_path(&self, session: &str) -> PathBuf {
        self.folder.join(format!("{session}.json"))
    }

    /// Writes this session's copy of `model`, which belongs to `original`; `base` is what the
    /// document had last read or written of that file.
    pub fn keep(&self, model: &Model, original: Option<&Path>, base: Option<&str>) -> Result<(), RecoveryError> {
        let io = |source| RecoveryError::Io { path: self.folder.clone(), source };
        std::fs::create_dir_all(&self.folder).map_err(io)?;
        #[cfg(unix)]
        {
            // Threat models are sensitive: the copies are the user's alone.
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(&self.folder, std::fs::Permissions::from_mode(0o700));
        }
        maestro_store::save(model, &self.copy_path(&self.session))?;
        let copied_at = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        let note = Note { original: original.map(Path::to_owned), copied_at, base: base.map(str::to_owned) };
        let text = serde_json::to_string(&note).expect("a note always serialises");
        // Unique, so that two writes of this session never share a temporary file.
        static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let temp = self.folder.join(format!(".{}.{n}.json.writing", self.session));
        std::fs::write(&temp, text).and_then(|()| std::fs::rename(&temp, self.note_path(&self.session))).map_err(io)
    }

    /// Removes this session's copy: the model is saved, discarded or closed.
    pub fn clear(&self) {
        self.discard(&self.session.clone());
    }

    /// Removes the copy of `session`.
    pub fn discard(&self, session: &str) {
        if !is_session_name(session) {
            return;
        }
        let _ = std::fs::remove_file(self.copy_path(session));
        let _ = std::fs::remove_file(self.note_path(session));
    }

    /// The copies whose editor is gone, newest first. Copies that cannot be read are left alone.
    pub fn offers(&self) -> Vec<RecoveryOffer> {
        let Ok(entries) = std::fs::read_dir(&self.folder) else { return Vec::new() };
        let mut offers: Vec<RecoveryOffer> = entries
            .flatten()
            .filter_map(|entry| {
                let name = entry.file_name().to_str()?.strip_suffix(".json")?.to_owned();
                (is_session_name(&name) && name != self.session && !session_is_running(&name)).then_some(name)
            })
            .filter_map(|session| self.offer(&session))
            .collect();
        offers.sort_by(|a, b| b.copied_at.total_cmp(&a.copied_at).then_with(|| a.session.cmp(&b.session)));
        offers
    }

    fn offer(&self, session: &str) -> Option<RecoveryOffer> {
        let note: Note = serde_json::from_str(&std::fs::read_to_string(self.note_path(session)).ok()?).ok()?;
        let model = maestro_store::load(&self.copy_path(session)).ok()?;
        let changes = match &note.original {
            None => "not saved anywhere yet".to_owned(),
            Some(path) => match maestro_store::load(path) {
                Ok(on_disk) => crate::model_diff::diff_models(&on_disk, &model).summary(),
                Err(_) => "the file it belongs to cannot be read now".to_owned(),
            },
        };
        Some(RecoveryOffer {
            session: session.to_owned(),
            model_name: model.name.clone(),
            original: note.original.as_ref().map(|p| p.display().to_string()),
            copied_at: note.copied_at as f64,
            elements: model.elements.len() as u32,
            flows: model.flows.len() as u32,
            boundaries: model.boundaries.len() as u32,
            changes,
        })
    }

    /// The model of `session`'s copy and the file it belongs to; the copy itself stays until the
    /// recovered model is saved or discarded (it becomes this session's copy).
    pub fn take(&self, session: &str) -> Result<Recovered, RecoveryError> {
        let io = |source| RecoveryError::Io { path: self.folder.clone(), source };
        if !is_session_name(session) || session == self.session {
            return Err(io(std::io::Error::other(format!("there is no recovery copy '{session}'"))));
        }
        let note_text = std::fs::read_to_string(self.note_path(session)).map_err(io)?;
        let note: Note = serde_json::from_str(&note_text).map_err(|e| io(std::io::Error::other(e)))?;
        let model = maestro_store::load(&self.copy_path(session))?;
        // Until the user saves, this session keeps it safe; the old one is no longer needed.
        self.keep(&model, note.original.as_deref(), note.base.as_deref())?;
        self.discard(session);
        Ok(Recovered { model, original: note.original, base: note.base })
    }
}

/// `PID-NANOS`: anything else in the folder is not ours to touch.
fn is_session_name(name: &str) -> bool {
    name.split_once('-').is_some_and(|(pid, started)| {
        !pid.is_empty()
            && pid.bytes().all(|b| b.is_ascii_digit())
            && !started.is_empty()
            && started.bytes().all(|b| b.is_ascii_digit())
    })
}

fn session_is_running(session: &str) -> bool {
    let Some(pid) = session.split_once('-').and_then(|(pid, _)| pid.parse::<u32>().ok()) else { return false };
    pid == std::process::id() || maestro_store::process_is_running(pid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use maestro_model::Element;

    fn model(name: &str, elements: usize) -> Model {
        let mut model = Model::new(name);
        for i in 0..elements {
            model.elements.push(Element {
                id: format!("a{i}").into(),
                kind: "agent".into(),
                name: format!("Agent {i}"),
                ..Default::default()
            });
        }
        model
    }

    /// A copy as a crashed editor (a process that no longer runs) would have left it.
    fn crashed_copy(folder: &Path, model: &Model, original: Option<&Path>) -> String {
        let gone = Recovery { folder: folder.to_owned(), session: "999999999-1".into() };
        gone.keep(model, original, Some("absent")).unwrap();
        gone.session
    }

    #[test]
    fn a_copy_left_by_a_crash_is_offered_with_what_it_holds_and_how_it_differs() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("crew.maestro");
        maestro_store::save(&model("Crew", 2), &file).unwrap();
        let folder = dir.path().join("recovery");
        let session = crashed_copy(&folder, &model("Crew", 3), Some(&file));

        let recovery = Recovery::new(folder.clone());
        let offers = recovery.offers();
        assert_eq!(offers.len(), 1);
        let offer = &offers[0];
        assert_eq!((offer.model_name.as_str(), offer.elements, offer.flows), ("Crew", 3, 0));
        assert_eq!(offer.original.as_deref(), Some(file.to_str().unwrap()));
        assert_eq!(offer.changes, "1 element added");

        let Recovered { model: recovered, original, base } = recovery.take(&session).unwrap();
        assert_eq!(base.as_deref(), Some("absent"), "the base is kept with the copy");
        assert_eq!(recovered, model("Crew", 3));
        assert_eq!(original.as_deref(), Some(file.as_path()));
        assert!(recovery.offers().is_empty(), "taken, it is this session's copy now");
        recovery.clear();
        assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0);
    }

    #[test]
    fn a_running_editors_copy_and_foreign_files_are_not_offered() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().to_owned();
        let running = Recovery { folder: folder.clone(), session: "1-5".into() };
        running.keep(&model("Open elsewhere", 1), None, None).unwrap();
        std::fs::write(folder.join("notes.json"), "{}").unwrap();
        let mine = Recovery::new(folder.clone());
        mine.keep(&model("Mine", 1), None, None).unwrap();
        assert!(mine.offers().is_empty());
        mine.discard("../escape");
        assert!(folder.join("notes.json").exists());
        assert!(mine.take("../notes").is_err(), "only names of sessions are taken");
    }

    #[test]
    fn an_unsaved_model_says_so() {
        let dir = tempfile::tempdir().unwrap();
        crashed_copy(dir.path(), &model("Sketch", 1), None);
        let offers = Recovery::new(dir.path().to_owned()).offers();
        assert_eq!(offers[0].changes, "not saved anywhere yet");
        assert_eq!(offers[0].original, None);
    }
}

//! What the app holds while it runs: the open document and the catalog.

use crate::recent::RecentFiles;
use crate::settings::{Settings, SettingsFile};
use maestro_catalog::Catalog;
use maestro_document::{Document, Fragment, Publisher, Recovery, RecoveryOffer, Snapshot, SnapshotUpdate};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

pub struct AppState {
    document: Mutex<Document>,
    /// Messages for the user from start-up (a file or catalog that could not be loaded), shown once.
    startup_notice: Mutex<Option<String>>,
    pub catalog: Catalog,
    /// What was last copied or cut, in this window or from another file opened since.
    clipboard: Mutex<Option<Fragment>>,
    recent: Mutex<RecentFiles>,
    /// What the window was last sent, so that it is sent only changes.
    publisher: Mutex<Publisher>,
    /// This editor's recovery copy (`None` when the app has no data folder).
    pub recovery: Option<Recovery>,
    /// Copies left by editors that crashed, offered once at start.
    recovery_offers: Mutex<Vec<RecoveryOffer>>,
    /// Counts changes, so that a pending autosave knows whether a newer change superseded it.
    changes: AtomicU64,
    settings: Mutex<SettingsFile>,
    /// Held while a recovery copy is written or removed, so that they happen one at a time.
    recovery_writes: Mutex<()>,
}

impl AppState {
    pub fn new(
        document: Document,
        catalog: Catalog,
        notices: Vec<String>,
        recent: RecentFiles,
        recovery: Option<Recovery>,
        settings: SettingsFile,
    ) -> Self {
        let notice = (!notices.is_empty()).then(|| notices.join("\n\n"));
        let recovery_offers = recovery.as_ref().map(Recovery::offers).unwrap_or_default();
        Self {
            recovery,
            recovery_offers: Mutex::new(recovery_offers),
            changes: AtomicU64::new(0),
            document: Mutex::new(document),
            startup_notice: Mutex::new(notice),
            catalog,
            clipboard: Mutex::new(None),
            recent: Mutex::new(recent),
            publisher: Mutex::new(Publisher::default()),
            settings: Mutex::new(settings),
            recovery_writes: Mutex::new(()),
        }
    }

    /// Taken while writing or removing this editor's recovery copy.
    pub fn recovery_writes(&self) -> std::sync::MutexGuard<'_, ()> {
        self.recovery_writes.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn settings(&self) -> Settings {
        self.settings.lock().unwrap_or_else(|p| p.into_inner()).current().clone()
    }

    pub fn set_settings(&self, settings: Settings) -> Result<(), String> {
        self.settings.lock().unwrap_or_else(|p| p.into_inner()).set(settings)
    }

    /// Runs `save` on the document once it knows who saves it (the author in the settings).
    pub fn save_document<T>(&self, save: impl FnOnce(&mut Document) -> T) -> T {
        let author = self.settings().author;
        self.with_document(|doc| {
            doc.set_author(&author);
            save(doc)
        })
    }

    /// The models opened or saved lately, newest first.
    pub fn recent_paths(&self) -> Vec<PathBuf> {
        self.recent.lock().unwrap_or_else(|p| p.into_inner()).paths().to_vec()
    }

    pub fn remember_recent(&self, path: &Path) {
        self.recent.lock().unwrap_or_else(|p| p.into_inner()).remember(path);
    }

    /// Runs `f` on the document. A panic elsewhere never makes the document unreachable.
    pub fn with_document<T>(&self, f: impl FnOnce(&mut Document) -> T) -> T {
        let mut guard = self.document.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut guard)
    }

    pub fn snapshot(&self) -> Snapshot {
        self.with_document(|doc| doc.snapshot(&self.catalog))
    }

    /// The update that brings the window from what it was last sent to the document as it is.
    pub fn update(&self) -> SnapshotUpdate {
        let snapshot = self.snapshot();
        self.publisher.lock().unwrap_or_else(|p| p.into_inner()).update(snapshot)
    }

    /// The whole document, for a window that starts or has lost track of its updates.
    pub fn whole(&self) -> SnapshotUpdate {
        let snapshot = self.snapshot();
        self.publisher.lock().unwrap_or_else(|p| p.into_inner()).whole(snapshot)
    }

    pub fn set_clipboard(&self, fragment: Fragment) {
        *self.clipboard.lock().unwrap_or_else(|p| p.into_inner()) = Some(fragment);
    }

    pub fn clipboard(&self) -> Option<Fragment> {
        self.clipboard.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// The copies left by crashes, once: the window asks at start.
    pub fn take_recovery_offers(&self) -> Vec<RecoveryOffer> {
        std::mem::take(&mut *self.recovery_offers.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// Marks a change and returns its number.
    pub fn next_change(&self) -> u64 {
        self.changes.fetch_add(1, Ordering::SeqCst) + 1
    }

    /// Whether `change` is still the latest.
    pub fn is_latest_change(&self, change: u64) -> bool {
        self.changes.load(Ordering::SeqCst) == change
    }

    pub fn take_startup_notice(&self) -> Option<String> {
        self.startup_notice.lock().unwrap_or_else(|p| p.into_inner()).take()
    }
}

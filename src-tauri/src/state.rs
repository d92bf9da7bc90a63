//! What the app holds while it runs: the open document and the catalog.

use maestro_catalog::Catalog;
use maestro_document::{Document, Snapshot};
use std::sync::Mutex;

pub struct AppState {
    document: Mutex<Document>,
    /// A message for the user from start-up (a file that could not be opened), shown once.
    startup_notice: Mutex<Option<String>>,
    pub catalog: &'static Catalog,
}

impl AppState {
    pub fn new(document: Document, startup_notice: Option<String>) -> Self {
        Self { document: Mutex::new(document), startup_notice: Mutex::new(startup_notice), catalog: Catalog::builtin() }
    }

    /// Runs `f` on the document. A panic elsewhere never makes the document unreachable.
    pub fn with_document<T>(&self, f: impl FnOnce(&mut Document) -> T) -> T {
        let mut guard = self.document.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut guard)
    }

    pub fn snapshot(&self) -> Snapshot {
        self.with_document(|doc| doc.snapshot(self.catalog))
    }

    pub fn take_startup_notice(&self) -> Option<String> {
        self.startup_notice.lock().unwrap_or_else(|p| p.into_inner()).take()
    }
}

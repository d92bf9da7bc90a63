//! What a user interface renders: the model, its analysis, and the document's state.

use crate::Document;
use maestro_analysis::Analysis;
use maestro_catalog::Catalog;
use maestro_model::Model;
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Snapshot {
    pub model: Model,
    pub analysis: Analysis,
    /// The file's path, when the document has one.
    pub path: Option<String>,
    /// What the window title shows: file name (or model name) and the unsaved-changes marker.
    pub title: String,
    pub dirty: bool,
    pub can_undo: bool,
    pub can_redo: bool,
    /// How many revisions the document's file has.
    pub revisions: u32,
}

impl Snapshot {
    pub(crate) fn of(doc: &Document, catalog: &Catalog) -> Self {
        let model = doc.model().clone();
        let analysis = maestro_analysis::analyze(&model, catalog);
        let display_name = doc
            .path()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| model.name.clone());
        Snapshot {
            analysis,
            path: doc.path().map(|p| p.display().to_string()),
            title: window_title(&display_name, doc.is_dirty(), doc.is_read_only()),
            dirty: doc.is_dirty(),
            can_undo: doc.can_undo(),
            can_redo: doc.can_redo(),
            revisions: doc.revision_count() as u32,
            model,
        }
    }
}

/// `crew.maestro — MAESTRO Studio`, with a leading `•` while there are unsaved changes.
pub fn window_title(display_name: &str, dirty: bool, read_only: bool) -> String {
    let marker = if dirty { "• " } else { "" };
    let read_only = if read_only { " (read-only)" } else { "" };
    format!("{marker}{display_name}{read_only} — MAESTRO Studio")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_carries_the_name_and_the_unsaved_marker() {
        assert_eq!(window_title("crew.maestro", false, false), "crew.maestro — MAESTRO Studio");
        assert_eq!(window_title("crew.maestro", true, false), "• crew.maestro — MAESTRO Studio");
        assert_eq!(window_title("crew.maestro", false, true), "crew.maestro (read-only) — MAESTRO Studio");
    }
}

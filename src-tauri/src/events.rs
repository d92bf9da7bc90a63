//! Events Rust sends to the UI when something changed outside a command it awaited (a menu item).

use crate::error::CommandError;
use maestro_document::SnapshotUpdate;
use serde::{Deserialize, Serialize};
use specta::Type;

/// The document changed: render this snapshot.
#[derive(Clone, Debug, Serialize, Deserialize, Type, tauri_specta::Event)]
pub struct DocumentChanged(pub SnapshotUpdate);

/// A native menu item the page carries out, because it acts on the selection or the view (the
/// commands the table says run on the page: copy, zoom, align…).
#[derive(Clone, Debug, Serialize, Deserialize, Type, tauri_specta::Event)]
pub struct MenuCommand(pub crate::command_table::AppCommand);

/// A menu action failed: show this message; nothing changed.
#[derive(Clone, Debug, Serialize, Type, tauri_specta::Event)]
pub struct ActionFailed(pub CommandError);

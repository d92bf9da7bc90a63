//! The commands the UI invokes. Each is thin: state → document or action → snapshot or error.

use crate::actions::{self, publish, publish_whole};
use crate::error::{CommandError, ErrorKind};
use crate::settings::Settings;
use crate::state::AppState;
use maestro_analysis::{Reach, ReachDirection};
use maestro_catalog::Catalog;
use maestro_document::{Edit, Fragment, ModelDiff, Revision, SAMPLES, Sample, SnapshotUpdate};
use maestro_model::{ElementId, Position};
use serde::Serialize;
use specta::Type;
use tauri::{AppHandle, State};

/// What the UI needs when it starts.
#[derive(Clone, Debug, Serialize, Type)]
pub struct InitialState {
    /// The whole document.
    pub snapshot: SnapshotUpdate,
    /// A message to show once, such as why the requested file could not be opened.
    pub notice: Option<String>,
    /// Unsaved changes an editor left when it stopped without closing, to offer back.
    pub recovery: Vec<maestro_document::RecoveryOffer>,
}

#[tauri::command]
#[specta::specta]
pub fn initial_state(app: AppHandle, state: State<'_, AppState>) -> InitialState {
    InitialState {
        snapshot: publish_whole(&app),
        notice: state.take_startup_notice(),
        recovery: state.take_recovery_offers(),
    }
}

/// Opens the recovery copy `session` as the document (unsaved, belonging to its file).
#[tauri::command]
#[specta::specta]
pub async fn recover_copy(app: AppHandle, session: String) -> Result<SnapshotUpdate, CommandError> {
    actions::recover(&app, &session).await
}

/// Throws the recovery copy `session` away.
#[tauri::command]
#[specta::specta]
pub fn discard_recovery_copy(state: State<'_, AppState>, session: String) {
    if let Some(recovery) = &state.recovery {
        recovery.discard(&session);
    }
}

/// The revisions of the open model's file, oldest first.
#[tauri::command]
#[specta::specta]
pub fn list_revisions(state: State<'_, AppState>) -> Vec<Revision> {
    state.with_document(|doc| doc.revisions())
}

/// What changed from revision `from` to revision `to` (`None`: the model as it is now).
#[tauri::command]
#[specta::specta]
pub fn revision_diff(
    state: State<'_, AppState>,
    from: Option<u32>,
    to: Option<u32>,
) -> Result<ModelDiff, CommandError> {
    Ok(state.with_document(|doc| doc.revision_diff(from, to))?)
}

/// Makes the model what revision `number` saved, as one change that can be undone.
#[tauri::command]
#[specta::specta]
pub fn restore_revision(
    app: AppHandle,
    state: State<'_, AppState>,
    number: u32,
) -> Result<SnapshotUpdate, CommandError> {
    state.with_document(|doc| doc.restore_revision(number))?;
    Ok(publish(&app))
}

#[tauri::command]
#[specta::specta]
pub fn get_settings(state: State<'_, AppState>) -> Settings {
    state.settings()
}

/// Checks and keeps the user's settings.
#[tauri::command]
#[specta::specta]
pub fn set_settings(state: State<'_, AppState>, settings: Settings) -> Result<(), CommandError> {
    state.set_settings(settings).map_err(|message| CommandError { kind: ErrorKind::InvalidEdit, message })
}

/// The whole document again, for a window that has lost track of its updates.
#[tauri::command]
#[specta::specta]
pub fn whole_snapshot(app: AppHandle) -> SnapshotUpdate {
    publish_whole(&app)
}

#[tauri::command]
#[specta::specta]
pub fn get_catalog(state: State<'_, AppState>) -> Catalog {
    state.catalog.clone()
}

#[tauri::command]
#[specta::specta]
pub fn apply_edit(app: AppHandle, state: State<'_, AppState>, edit: Edit) -> Result<SnapshotUpdate, CommandError> {
    state.with_document(|doc| doc.apply(edit, &state.catalog))?;
    Ok(publish(&app))
}

/// Copies the elements with these ids (and the flows among them) to the app's clipboard.
#[tauri::command]
#[specta::specta]
pub fn copy_selection(state: State<'_, AppState>, ids: Vec<String>) -> Result<(), CommandError> {
    let fragment = state.with_document(|doc| Fragment::copy_of(doc.model(), &ids));
    if fragment.elements.is_empty() {
        return Err(CommandError { kind: ErrorKind::InvalidEdit, message: "select elements to copy".into() });
    }
    state.set_clipboard(fragment);
    Ok(())
}

/// Copies, then deletes, the elements with these ids.
#[tauri::command]
#[specta::specta]
pub fn cut_selection(
    app: AppHandle,
    state: State<'_, AppState>,
    ids: Vec<String>,
) -> Result<SnapshotUpdate, CommandError> {
    copy_selection(state.clone(), ids.clone())?;
    let elements = ids.into_iter().map(|id| id.as_str().into()).collect();
    apply_edit(app, state, Edit::Delete { elements, flows: vec![], boundaries: vec![] })
}

/// Pastes the clipboard, moved by `offset` from where it was copied.
#[tauri::command]
#[specta::specta]
pub fn paste(app: AppHandle, state: State<'_, AppState>, offset: Position) -> Result<SnapshotUpdate, CommandError> {
    let fragment = state
        .clipboard()
        .ok_or_else(|| CommandError { kind: ErrorKind::InvalidEdit, message: "the clipboard is empty".into() })?;
    apply_edit(app, state, Edit::Paste { fragment, offset })
}

/// What an element can reach (its blast radius), or who can reach it.
#[tauri::command]
#[specta::specta]
pub fn reach(state: State<'_, AppState>, element: ElementId, direction: ReachDirection) -> Result<Reach, CommandError> {
    let catalog = &state.catalog;
    state.with_document(|doc| maestro_analysis::reach(doc.model(), catalog, &element, direction)).ok_or_else(|| {
        CommandError { kind: ErrorKind::InvalidEdit, message: format!("there is no element '{element}'") }
    })
}

#[tauri::command]
#[specta::specta]
pub fn list_samples() -> Vec<Sample> {
    SAMPLES.to_vec()
}

#[tauri::command]
#[specta::specta]
pub async fn new_from_sample(app: AppHandle, id: String) -> Result<SnapshotUpdate, CommandError> {
    actions::new_from_sample(&app, &id).await
}

/// Every command with its label and accelerator: the page's key handling and tooltips read this.
#[tauri::command]
#[specta::specta]
pub fn command_table() -> Vec<crate::command_table::CommandInfo> {
    crate::command_table::table()
}

/// The page says whether a text field has focus: while one has, the menu lets go of the keys that
/// edit text, so they reach the field.
#[tauri::command]
#[specta::specta]
pub fn set_text_focus(app: AppHandle, typing: bool) {
    crate::menu::yield_text_keys(&app, typing);
}

/// A document command (save, undo, quit…) whose key reached the page before the menu saw it: it
/// runs exactly as the menu item would.
#[tauri::command]
#[specta::specta]
pub async fn run_command(
    app: AppHandle,
    command: crate::command_table::AppCommand,
) -> Result<SnapshotUpdate, CommandError> {
    crate::menu::run_document_command(&app, command).await
}

//! The commands the UI invokes. Each is thin: state → document or action → snapshot or error.

use crate::actions::{self, publish};
use crate::error::{CommandError, ErrorKind};
use crate::state::AppState;
use maestro_analysis::{Reach, ReachDirection};
use maestro_catalog::Catalog;
use maestro_document::{Edit, SAMPLES, Sample, Snapshot};
use maestro_model::ElementId;
use serde::Serialize;
use specta::Type;
use tauri::{AppHandle, State};

/// What the UI needs when it starts.
#[derive(Clone, Debug, Serialize, Type)]
pub struct InitialState {
    pub snapshot: Snapshot,
    /// A message to show once, such as why the requested file could not be opened.
    pub notice: Option<String>,
}

#[tauri::command]
#[specta::specta]
pub fn initial_state(app: AppHandle, state: State<'_, AppState>) -> InitialState {
    InitialState { snapshot: publish(&app), notice: state.take_startup_notice() }
}

#[tauri::command]
#[specta::specta]
pub fn get_catalog(state: State<'_, AppState>) -> Catalog {
    state.catalog.clone()
}

#[tauri::command]
#[specta::specta]
pub fn apply_edit(app: AppHandle, state: State<'_, AppState>, edit: Edit) -> Result<Snapshot, CommandError> {
    state.with_document(|doc| doc.apply(edit, &state.catalog))?;
    Ok(publish(&app))
}

#[tauri::command]
#[specta::specta]
pub fn undo(app: AppHandle, state: State<'_, AppState>) -> Result<Snapshot, CommandError> {
    state.with_document(|doc| doc.undo())?;
    Ok(publish(&app))
}

#[tauri::command]
#[specta::specta]
pub fn redo(app: AppHandle, state: State<'_, AppState>) -> Result<Snapshot, CommandError> {
    state.with_document(|doc| doc.redo())?;
    Ok(publish(&app))
}

#[tauri::command]
#[specta::specta]
pub async fn new_document(app: AppHandle) -> Result<Snapshot, CommandError> {
    actions::new_document(&app).await
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
pub async fn new_from_sample(app: AppHandle, id: String) -> Result<Snapshot, CommandError> {
    actions::new_from_sample(&app, &id).await
}

#[tauri::command]
#[specta::specta]
pub async fn open_document(app: AppHandle) -> Result<Snapshot, CommandError> {
    actions::open_document(&app).await
}

#[tauri::command]
#[specta::specta]
pub async fn save(app: AppHandle) -> Result<Snapshot, CommandError> {
    actions::save(&app).await
}

#[tauri::command]
#[specta::specta]
pub async fn save_as(app: AppHandle) -> Result<Snapshot, CommandError> {
    actions::save_as(&app).await
}

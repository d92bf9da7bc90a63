//! Document actions shared by commands and menu items. Each ends in the new snapshot, which also
//! updates the window title. Native dialogs are shown from here, so the webview needs no access
//! to dialogs or files.

use crate::error::{CommandError, ErrorKind};
use crate::state::AppState;
use maestro_document::{Document, SnapshotUpdate};
use maestro_model::Model;
use std::path::PathBuf;
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind, MessageDialogResult};
use tauri_specta::Event as _;

pub const MAIN_WINDOW: &str = "main";
const FILE_FILTER: (&str, &[&str]) = ("MAESTRO model", &["maestro"]);
const CODE_FILTER: (&str, &[&str]) = ("Model as code", &["yaml", "yml", "json"]);

/// The update to the window for the document as it is now, after bringing the window title up
/// to date.
pub fn publish(app: &AppHandle) -> SnapshotUpdate {
    let update = app.state::<AppState>().update();
    set_title(app, &update);
    schedule_recovery_copy(app);
    update
}

/// How long after the last change the recovery copy is written.
const RECOVERY_DELAY: std::time::Duration = std::time::Duration::from_secs(2);

/// After every change: a model with unsaved changes gets a recovery copy once the user pauses
/// for a moment; a model with none needs no copy, and any is removed at once.
fn schedule_recovery_copy(app: &AppHandle) {
    let state = app.state::<AppState>();
    let Some(recovery) = state.recovery.clone() else { return };
    let change = state.next_change();
    if !state.with_document(|doc| doc.is_dirty()) {
        // After any copy being written now, so that it cannot come back.
        let _writing = state.recovery_writes();
        recovery.clear();
        return;
    }
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(RECOVERY_DELAY).await;
        let writer = app.clone();
        // One copy at a time, and only of the latest change: a slow write of an older one never
        // lands after a newer one (or after the copy was cleared).
        let written = tauri::async_runtime::spawn_blocking(move || {
            let state = writer.state::<AppState>();
            let _writing = state.recovery_writes();
            if !state.is_latest_change(change) {
                return Ok(());
            }
            let copy = state.with_document(|doc| {
                doc.is_dirty().then(|| (doc.model().clone(), doc.path().map(ToOwned::to_owned), doc.disk_token()))
            });
            let Some((model, path, base)) = copy else { return Ok(()) };
            recovery.keep(&model, path.as_deref(), Some(&base))
        })
        .await;
        if let Ok(Err(error)) = written {
            let _ = crate::events::ActionFailed(CommandError {
                kind: ErrorKind::File,
                message: format!("Your changes could not be kept for recovery: {error}"),
            })
            .emit(&app);
        }
    });
}

/// Makes the copy `session` left the open document: unsaved, belonging to its file.
pub async fn recover(app: &AppHandle, session: &str) -> Result<SnapshotUpdate, CommandError> {
    // Recovering replaces the open document: unsaved changes in it (a copy recovered a moment
    // ago, say) are asked about first, as before any other replacement.
    if !confirm_discard(app).await {
        return Ok(publish(app));
    }
    let state = app.state::<AppState>();
    let recovery = state.recovery.as_ref().ok_or_else(|| CommandError::internal("there is no recovery folder"))?;
    let maestro_document::Recovered { model, original, base } =
        recovery.take(session).map_err(|e| CommandError { kind: ErrorKind::File, message: e.to_string() })?;
    state.with_document(|doc| *doc = Document::recovered(model, original, base.as_deref()));
    Ok(publish(app))
}

/// The whole document as the next update, for a window that starts or starts over.
pub fn publish_whole(app: &AppHandle) -> SnapshotUpdate {
    let update = app.state::<AppState>().whole();
    set_title(app, &update);
    update
}

fn set_title(app: &AppHandle, update: &SnapshotUpdate) {
    let title = match update {
        SnapshotUpdate::Full { snapshot, .. } => &snapshot.title,
        SnapshotUpdate::Patch { patch, .. } => &patch.title,
    };
    if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
        let _ = window.set_title(title);
    }
}

pub async fn new_document(app: &AppHandle) -> Result<SnapshotUpdate, CommandError> {
    if confirm_discard(app).await {
        app.state::<AppState>().with_document(|doc| *doc = Document::untitled(Model::new("Untitled model")));
    }
    Ok(publish(app))
}

/// Closes the model (asking first when it has unsaved changes) and leaves an empty one.
pub async fn close_document(app: &AppHandle) -> Result<SnapshotUpdate, CommandError> {
    new_document(app).await
}

pub async fn new_from_sample(app: &AppHandle, id: &str) -> Result<SnapshotUpdate, CommandError> {
    let state = app.state::<AppState>();
    let model = maestro_document::sample(id, &state.catalog)
        .ok_or_else(|| CommandError::internal(format!("there is no sample '{id}'")))?;
    if confirm_discard(app).await {
        state.with_document(|doc| *doc = Document::untitled(model));
    }
    Ok(publish(app))
}

pub async fn open_document(app: &AppHandle) -> Result<SnapshotUpdate, CommandError> {
    if !confirm_discard(app).await {
        return Ok(publish(app));
    }
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog().file().add_filter(FILE_FILTER.0, FILE_FILTER.1).add_filter(CODE_FILTER.0, CODE_FILTER.1).pick_file(
        move |picked| {
            let _ = tx.send(picked);
        },
    );
    let Some(picked) = rx.await.ok().flatten() else {
        return Ok(publish(app));
    };
    let path = picked.into_path().map_err(|e| CommandError::internal(e.to_string()))?;
    replace_with(app, &path)
}

/// Opens the model at `path` (from Open Recent or a dropped file), asking first when the open
/// model has unsaved changes. A file that cannot be opened changes nothing.
pub async fn open_path(app: &AppHandle, path: &std::path::Path) -> Result<SnapshotUpdate, CommandError> {
    if !confirm_discard(app).await {
        return Ok(publish(app));
    }
    replace_with(app, path)
}

/// Reads `path` (a `.maestro` file or a model as code) and makes it the open document.
fn replace_with(app: &AppHandle, path: &std::path::Path) -> Result<SnapshotUpdate, CommandError> {
    let state = app.state::<AppState>();
    let opened = Document::open_any(path, &state.catalog)?;
    let keeps_path = opened.path().is_some();
    state.with_document(|doc| *doc = opened);
    if keeps_path {
        state.remember_recent(path);
        crate::menu::refresh(app);
    }
    Ok(publish(app))
}

pub async fn save(app: &AppHandle) -> Result<SnapshotUpdate, CommandError> {
    let state = app.state::<AppState>();
    if state.with_document(|doc| doc.path().is_some()) {
        match state.save_document(|doc| doc.save()) {
            Err(maestro_document::DocumentError::ChangedOnDisk(path)) => return save_over_a_change(app, &path).await,
            saved => saved?,
        }
        remember_saved(app);
        Ok(publish(app))
    } else {
        save_as(app).await
    }
}

pub async fn save_as(app: &AppHandle) -> Result<SnapshotUpdate, CommandError> {
    let suggested = app
        .state::<AppState>()
        .with_document(|doc| format!("{}.maestro", maestro_document::file_stem(&doc.model().name)));
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog().file().add_filter(FILE_FILTER.0, FILE_FILTER.1).set_file_name(suggested).save_file(move |picked| {
        let _ = tx.send(picked);
    });
    let Some(picked) = rx.await.ok().flatten() else {
        return Ok(publish(app));
    };
    let path = with_model_extension(picked.into_path().map_err(|e| CommandError::internal(e.to_string()))?);
    app.state::<AppState>().save_document(|doc| doc.save_as(&path))?;
    remember_saved(app);
    Ok(publish(app))
}

/// The file changed on disk since it was opened (another window, program or person saved it):
/// the user chooses to overwrite it, to save under another name, or to leave it.
async fn save_over_a_change(app: &AppHandle, path: &std::path::Path) -> Result<SnapshotUpdate, CommandError> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let (overwrite, elsewhere, cancel) = (mnemonic("Overwrite"), mnemonic("Save As…"), mnemonic("Cancel"));
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog()
        .message(format!(
            "\u{201c}{name}\u{201d} changed on disk since you opened it: another window or program saved it. \
             Overwrite it with your version (theirs is lost), or save yours under another name?"
        ))
        .title("File changed on disk")
        .kind(MessageDialogKind::Warning)
        .buttons(MessageDialogButtons::YesNoCancelCustom(overwrite.clone(), elsewhere.clone(), cancel))
        .show_with_result(move |answer| {
            let _ = tx.send(answer);
        });
    match rx.await.unwrap_or(MessageDialogResult::Cancel) {
        MessageDialogResult::Custom(answer) if answer == overwrite => {
            app.state::<AppState>().save_document(|doc| doc.save_overwriting())?;
            remember_saved(app);
            Ok(publish(app))
        }
        MessageDialogResult::Custom(answer) if answer == elsewhere => Box::pin(save_as(app)).await,
        _ => Ok(publish(app)),
    }
}

/// Puts the file just saved at the top of Open Recent.
fn remember_saved(app: &AppHandle) {
    let state = app.state::<AppState>();
    if let Some(path) = state.with_document(|doc| doc.path().map(ToOwned::to_owned)) {
        state.remember_recent(&path);
        crate::menu::refresh(app);
    }
}

/// Asks where to write the current model's report or diagram in `format`, then writes it with
/// `options`. `None` when the user cancels the file dialog.
pub async fn export_report(
    app: &AppHandle,
    format: maestro_report::ReportFormat,
    options: maestro_report::ExportOptions,
) -> Result<Option<std::path::PathBuf>, CommandError> {
    let state = app.state::<AppState>();
    let stem = state.with_document(|doc| maestro_document::file_stem(&doc.model().name));
    let suggested = if format.is_diagram() {
        format!("{stem} diagram.{}", format.extension())
    } else {
        format!("{stem} report.{}", format.extension())
    };
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .set_title("Export a Report or the Diagram")
        .add_filter(format.label(), &[format.extension()])
        .set_file_name(suggested)
        .save_file(move |picked| {
            let _ = tx.send(picked);
        });
    let Some(picked) = rx.await.ok().flatten() else { return Ok(None) };
    let mut path = picked.into_path().map_err(|e| CommandError::internal(e.to_string()))?;
    // The format chosen in the dialog is the format written; a name without its extension gets it.
    if maestro_report::ReportFormat::of_path(&path) != Some(format) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        path.set_file_name(format!("{name}.{}", format.extension()));
    }
    let bytes = state.with_document(|doc| {
        let analysis = maestro_analysis::analyze(doc.model(), &state.catalog);
        let source = doc.path().map(|p| p.display().to_string()).unwrap_or_else(|| doc.model().name.clone());
        let subject = maestro_report::Subject {
            model: doc.model(),
            analysis: &analysis,
            catalog: &state.catalog,
            source: &source,
        };
        format.render(&subject, &options)
    });
    let bytes = bytes.map_err(|e| CommandError { kind: ErrorKind::InvalidEdit, message: e.to_string() })?;
    std::fs::write(&path, bytes)
        .map_err(|e| CommandError { kind: ErrorKind::File, message: format!("{}: {e}", path.display()) })?;
    Ok(Some(path))
}

/// Writes the model as code (YAML, or JSON by the chosen name), deterministically, for a
/// repository: the same model always gives the same bytes.
pub async fn export_code(app: &AppHandle) -> Result<SnapshotUpdate, CommandError> {
    let state = app.state::<AppState>();
    let suggested = state.with_document(|doc| format!("{}.yaml", maestro_document::file_stem(&doc.model().name)));
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .add_filter("YAML model as code", &["yaml", "yml"])
        .add_filter("JSON model as code", &["json"])
        .set_file_name(suggested)
        .save_file(move |picked| {
            let _ = tx.send(picked);
        });
    let Some(picked) = rx.await.ok().flatten() else { return Ok(publish(app)) };
    let path = picked.into_path().map_err(|e| CommandError::internal(e.to_string()))?;
    let format = maestro_modelfile::Format::of_path(&path).unwrap_or(maestro_modelfile::Format::Yaml);
    let text = state.with_document(|doc| maestro_modelfile::to_text(doc.model(), format));
    std::fs::write(&path, text)
        .map_err(|e| CommandError { kind: ErrorKind::File, message: format!("{}: {e}", path.display()) })?;
    Ok(publish(app))
}

/// `true` when there is nothing unsaved, or the user saved it (Save) or chose to lose it (Don't
/// Save); `false` when the user cancels, backs out of choosing where to save, or saving fails.
pub async fn confirm_discard(app: &AppHandle) -> bool {
    let state = app.state::<AppState>();
    let Some(name) = state.with_document(|doc| doc.is_dirty().then(|| doc.model().name.clone())) else {
        return true;
    };
    let (keep, discard, cancel) = (mnemonic("Save"), mnemonic("Don't Save"), mnemonic("Cancel"));
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog()
        .message(format!(
            "\u{201c}{name}\u{201d} has changes that are not saved. Save them first? If you don't, they are lost."
        ))
        .title("Unsaved changes")
        .kind(MessageDialogKind::Warning)
        .buttons(MessageDialogButtons::YesNoCancelCustom(keep.clone(), discard.clone(), cancel))
        .show_with_result(move |answer| {
            let _ = tx.send(answer);
        });
    match rx.await.unwrap_or(MessageDialogResult::Cancel) {
        MessageDialogResult::Custom(answer) if answer == keep => match save(app).await {
            // Saved (not backed out of choosing where): go on.
            Ok(_) => !state.with_document(|doc| doc.is_dirty()),
            Err(error) => {
                let _ = crate::events::ActionFailed(error).emit(app);
                false
            }
        },
        MessageDialogResult::Custom(answer) if answer == discard => {
            // The user chose to lose the changes: their recovery copy goes with them.
            if let Some(recovery) = &state.recovery {
                recovery.clear();
            }
            true
        }
        _ => false,
    }
}

/// A button label with its access key marked where the toolkit reads the mark (GTK: Alt+letter).
fn mnemonic(label: &str) -> String {
    if cfg!(target_os = "linux") { format!("_{label}") } else { label.to_owned() }
}

fn with_model_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("maestro")) {
        path
    } else {
        let mut name = path.file_name().unwrap_or_default().to_owned();
        name.push(".maestro");
        path.with_file_name(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_files_get_the_model_extension_once() {
        assert_eq!(with_model_extension("/t/crew".into()), PathBuf::from("/t/crew.maestro"));
        assert_eq!(with_model_extension("/t/crew.MAESTRO".into()), PathBuf::from("/t/crew.MAESTRO"));
        assert_eq!(with_model_extension("/t/crew.v2".into()), PathBuf::from("/t/crew.v2.maestro"));
    }
}

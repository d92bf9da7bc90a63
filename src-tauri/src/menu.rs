//! The native menu bar and what its items do.

use crate::actions::{self, MAIN_WINDOW};
use crate::error::CommandError;
use crate::events::{ActionFailed, DocumentChanged};
use crate::state::AppState;
use maestro_document::Snapshot;
use tauri::menu::{Menu, MenuBuilder, MenuEvent, MenuItemBuilder, SubmenuBuilder};
use tauri::{AppHandle, Manager, Wry};
use tauri_specta::Event;

pub fn build(app: &AppHandle) -> tauri::Result<Menu<Wry>> {
    let item = |id: &str, label: &str, accelerator: &str| {
        MenuItemBuilder::with_id(id, label).accelerator(accelerator).build(app)
    };
    let mut samples = SubmenuBuilder::new(app, "New from Sample");
    for sample in maestro_document::SAMPLES {
        samples = samples.item(&MenuItemBuilder::with_id(format!("sample:{}", sample.id), sample.title).build(app)?);
    }
    let samples = samples.build()?;
    let file = SubmenuBuilder::new(app, "File")
        .item(&item("new", "New", "CmdOrCtrl+N")?)
        .item(&samples)
        .item(&item("open", "Open…", "CmdOrCtrl+O")?)
        .separator()
        .item(&item("save", "Save", "CmdOrCtrl+S")?)
        .item(&item("save-as", "Save As…", "CmdOrCtrl+Shift+S")?)
        .item(&item("export", "Export Report…", "CmdOrCtrl+E")?)
        .separator()
        .item(&item("quit", "Quit", "CmdOrCtrl+Q")?)
        .build()?;
    let edit = SubmenuBuilder::new(app, "Edit")
        .item(&item("undo", "Undo", "CmdOrCtrl+Z")?)
        .item(&item("redo", "Redo", "CmdOrCtrl+Shift+Z")?)
        .build()?;
    MenuBuilder::new(app).items(&[&file, &edit]).build()
}

pub fn handle(app: &AppHandle, event: MenuEvent) {
    let app = app.clone();
    let id = event.id().0.clone();
    tauri::async_runtime::spawn(async move {
        let result: Result<Snapshot, CommandError> = match id.as_str() {
            "new" => actions::new_document(&app).await,
            sample if sample.starts_with("sample:") => actions::new_from_sample(&app, &sample["sample:".len()..]).await,
            "open" => actions::open_document(&app).await,
            "save" => actions::save(&app).await,
            "save-as" => actions::save_as(&app).await,
            "export" => actions::export_report(&app).await,
            "undo" | "redo" => {
                let state = app.state::<AppState>();
                state
                    .with_document(|doc| if id == "undo" { doc.undo() } else { doc.redo() })
                    .map_err(CommandError::from)
                    .map(|_| actions::publish(&app))
            }
            "quit" => {
                if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
                    let _ = window.close();
                }
                return;
            }
            _ => return,
        };
        let _ = match result {
            Ok(snapshot) => DocumentChanged(snapshot).emit(&app),
            Err(error) => ActionFailed(error).emit(&app),
        };
    });
}

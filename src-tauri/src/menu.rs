//! The native menu bar and what its items do. Items that act on the document run here; items
//! that act on the selection or the view (copy, zoom, align…) are handed to the page.

use crate::actions::{self, MAIN_WINDOW};
use crate::error::CommandError;
use crate::events::{ActionFailed, DocumentChanged, MenuCommand};
use crate::state::AppState;
use maestro_document::Snapshot;
use std::path::PathBuf;
use tauri::menu::{Menu, MenuBuilder, MenuEvent, MenuItemBuilder, Submenu, SubmenuBuilder};
use tauri::{AppHandle, Manager, Wry};
use tauri_specta::Event;

/// Menu ids of items the page carries out, with their labels and accelerators, by submenu.
const EDIT_ITEMS: &[(&str, &str, &str)] = &[
    ("cut", "Cut", "CmdOrCtrl+X"),
    ("copy", "Copy", "CmdOrCtrl+C"),
    ("paste", "Paste", "CmdOrCtrl+V"),
    ("duplicate", "Duplicate", "CmdOrCtrl+D"),
    ("delete", "Delete", "Delete"),
    ("selectAll", "Select All", "CmdOrCtrl+A"),
];
const VIEW_ITEMS: &[(&str, &str, &str)] = &[
    ("zoomIn", "Zoom In", "CmdOrCtrl+="),
    ("zoomOut", "Zoom Out", "CmdOrCtrl+-"),
    ("fit", "Fit to Window", "CmdOrCtrl+0"),
];
const ARRANGE_ITEMS: &[(&str, &str, &str)] = &[
    ("addBoundary", "Add Trust Boundary", "CmdOrCtrl+G"),
    ("autoLayout", "Auto Layout", "CmdOrCtrl+Shift+L"),
    ("bandLayout", "Lay Out in Layer Bands", "CmdOrCtrl+Shift+B"),
];
const ALIGN_ITEMS: &[(&str, &str)] = &[
    ("alignLeft", "Align Left Edges"),
    ("alignCentre", "Align Centres"),
    ("alignRight", "Align Right Edges"),
    ("alignTop", "Align Top Edges"),
    ("alignMiddle", "Align Middles"),
    ("alignBottom", "Align Bottom Edges"),
    ("distributeHorizontal", "Distribute Horizontally"),
    ("distributeVertical", "Distribute Vertically"),
];

const RECENT_PREFIX: &str = "recent:";

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
        .item(&recent_menu(app)?)
        .separator()
        .item(&item("save", "Save", "CmdOrCtrl+S")?)
        .item(&item("save-as", "Save As…", "CmdOrCtrl+Shift+S")?)
        .item(&item("export", "Export Report…", "CmdOrCtrl+E")?)
        .separator()
        .item(&item("close", "Close", "CmdOrCtrl+W")?)
        .item(&item("quit", "Quit", "CmdOrCtrl+Q")?)
        .build()?;
    let mut edit = SubmenuBuilder::new(app, "Edit")
        .item(&item("undo", "Undo", "CmdOrCtrl+Z")?)
        .item(&item("redo", "Redo", "CmdOrCtrl+Shift+Z")?)
        .separator();
    for (id, label, accelerator) in EDIT_ITEMS {
        edit = edit.item(&item(id, label, accelerator)?);
    }
    let mut view = SubmenuBuilder::new(app, "View");
    for (id, label, accelerator) in VIEW_ITEMS {
        view = view.item(&item(id, label, accelerator)?);
    }
    let mut arrange = SubmenuBuilder::new(app, "Arrange");
    for (id, label, accelerator) in ARRANGE_ITEMS {
        arrange = arrange.item(&item(id, label, accelerator)?);
    }
    arrange = arrange.separator();
    for (id, label) in ALIGN_ITEMS {
        arrange = arrange.item(&MenuItemBuilder::with_id(*id, *label).build(app)?);
    }
    MenuBuilder::new(app).items(&[&file, &edit.build()?, &view.build()?, &arrange.build()?]).build()
}

/// File › Open Recent, newest first; empty and disabled when nothing was opened yet.
fn recent_menu(app: &AppHandle) -> tauri::Result<Submenu<Wry>> {
    let paths: Vec<PathBuf> = app.try_state::<AppState>().map(|state| state.recent_paths()).unwrap_or_default();
    let mut menu = SubmenuBuilder::new(app, "Open Recent");
    if paths.is_empty() {
        menu = menu.item(&MenuItemBuilder::with_id("recent-none", "No recent models").enabled(false).build(app)?);
    }
    for (i, path) in paths.iter().enumerate() {
        let label =
            format!("{}  —  {}", file_label(path), path.parent().map(|p| p.display().to_string()).unwrap_or_default());
        menu = menu.item(&MenuItemBuilder::with_id(format!("{RECENT_PREFIX}{i}"), label).build(app)?);
    }
    menu.build()
}

fn file_label(path: &std::path::Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

/// Rebuilds the menu bar, so Open Recent shows the latest list.
pub fn refresh(app: &AppHandle) {
    if let Ok(menu) = build(app) {
        let _ = app.set_menu(menu);
    }
}

pub fn handle(app: &AppHandle, event: MenuEvent) {
    let app = app.clone();
    let id = event.id().0.clone();
    let page_items = EDIT_ITEMS.iter().chain(VIEW_ITEMS).chain(ARRANGE_ITEMS).map(|(id, ..)| *id);
    if page_items.chain(ALIGN_ITEMS.iter().map(|(id, _)| *id)).any(|page| page == id) {
        let _ = MenuCommand(id).emit(&app);
        return;
    }
    tauri::async_runtime::spawn(async move {
        let result: Result<Snapshot, CommandError> = match id.as_str() {
            "new" => actions::new_document(&app).await,
            sample if sample.starts_with("sample:") => actions::new_from_sample(&app, &sample["sample:".len()..]).await,
            "open" => actions::open_document(&app).await,
            recent if recent.starts_with(RECENT_PREFIX) => {
                let index: usize = recent[RECENT_PREFIX.len()..].parse().unwrap_or(usize::MAX);
                match app.state::<AppState>().recent_paths().get(index).cloned() {
                    Some(path) => actions::open_path(&app, &path).await,
                    None => return,
                }
            }
            "save" => actions::save(&app).await,
            "save-as" => actions::save_as(&app).await,
            "export" => actions::export_report(&app).await,
            "close" => actions::close_document(&app).await,
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

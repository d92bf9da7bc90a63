//! The native menu bar and what its items do. Items that act on the document run here; items
//! that act on the selection or the view (copy, zoom, align…) are handed to the page.

use crate::actions::{self, MAIN_WINDOW};
use crate::command_table::{AppCommand, Runs};
use crate::error::CommandError;
use crate::events::{ActionFailed, DocumentChanged, MenuCommand};
use crate::state::AppState;
use maestro_document::SnapshotUpdate;
use std::path::PathBuf;
use tauri::menu::{Menu, MenuBuilder, MenuEvent, MenuItem, MenuItemBuilder, MenuItemKind, Submenu, SubmenuBuilder};
use tauri::{AppHandle, Manager, Wry};
use tauri_specta::Event;

/// The menus, in order: each a title and its commands (`None` is a separator; the File menu's
/// sample and recent submenus go where `SAMPLES` and `RECENT` stand). Labels and accelerators come
/// from the command table.
enum Entry {
    Command(AppCommand),
    Separator,
    Samples,
    Recent,
}

fn layout() -> Vec<(&'static str, Vec<Entry>)> {
    use AppCommand::*;
    use Entry::{Command as C, Recent, Samples, Separator};
    vec![
        (
            "File",
            vec![
                C(New),
                Samples,
                C(Open),
                Recent,
                Separator,
                C(Save),
                C(SaveAs),
                C(ExportReport),
                C(ExportCode),
                Separator,
                C(Revisions),
                Separator,
                C(Close),
                C(Quit),
            ],
        ),
        (
            "Edit",
            vec![
                C(Undo),
                C(Redo),
                Separator,
                C(Cut),
                C(Copy),
                C(Paste),
                C(Duplicate),
                C(Delete),
                C(SelectAll),
                Separator,
                C(TwoWayFlow),
                Separator,
                C(Settings),
            ],
        ),
        ("View", vec![C(ZoomIn), C(ZoomOut), C(Fit)]),
        (
            "Arrange",
            vec![
                C(AddBoundary),
                C(AutoLayout),
                C(BandLayout),
                Separator,
                C(AlignLeft),
                C(AlignCentre),
                C(AlignRight),
                C(AlignTop),
                C(AlignMiddle),
                C(AlignBottom),
                C(DistributeHorizontal),
                C(DistributeVertical),
            ],
        ),
        ("Help", vec![C(Shortcuts), Separator, C(About)]),
    ]
}

const RECENT_PREFIX: &str = "recent:";

pub fn build(app: &AppHandle) -> tauri::Result<Menu<Wry>> {
    let mut menus = Vec::new();
    for (title, entries) in layout() {
        let mut menu = SubmenuBuilder::new(app, title);
        for entry in entries {
            menu = match entry {
                Entry::Command(command) => menu.item(&command_item(app, command)?),
                Entry::Separator => menu.separator(),
                Entry::Samples => menu.item(&samples_menu(app)?),
                Entry::Recent => menu.item(&recent_menu(app)?),
            };
        }
        menus.push(menu.build()?);
    }
    let refs: Vec<&dyn tauri::menu::IsMenuItem<Wry>> =
        menus.iter().map(|m| m as &dyn tauri::menu::IsMenuItem<Wry>).collect();
    MenuBuilder::new(app).items(&refs).build()
}

fn command_item(app: &AppHandle, command: AppCommand) -> tauri::Result<MenuItem<Wry>> {
    let info = command.info();
    let mut item = MenuItemBuilder::with_id(command.id(), info.label);
    if let Some(accelerator) = info.accelerator {
        item = item.accelerator(accelerator);
    }
    item.build(app)
}

/// While a text field has focus, the menu lets go of the keys that edit text (Delete, Ctrl+A,
/// Ctrl+C…) and of those acting on the diagram, so they reach the field and nothing behind it;
/// when it loses focus they are the menu's again.
pub fn yield_text_keys(app: &AppHandle, typing: bool) {
    let Some(menu) = app.menu() else { return };
    let Ok(items) = menu.items() else { return };
    for info in crate::command_table::table().into_iter().filter(|c| !c.while_typing) {
        if let Some(item) = find_item(&items, &info.command.id()) {
            let accelerator = if typing { None } else { info.accelerator.as_deref() };
            let _ = item.set_accelerator(accelerator);
        }
    }
}

fn find_item(items: &[MenuItemKind<Wry>], id: &str) -> Option<MenuItem<Wry>> {
    items.iter().find_map(|kind| match kind {
        MenuItemKind::MenuItem(item) if item.id().0 == id => Some(item.clone()),
        MenuItemKind::Submenu(sub) => sub.items().ok().and_then(|inner| find_item(&inner, id)),
        _ => None,
    })
}

fn samples_menu(app: &AppHandle) -> tauri::Result<Submenu<Wry>> {
    let mut samples = SubmenuBuilder::new(app, "New from Sample");
    for sample in maestro_document::SAMPLES {
        samples = samples.item(&MenuItemBuilder::with_id(format!("sample:{}", sample.id), sample.title).build(app)?);
    }
    samples.build()
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
    if let Some(command) = AppCommand::from_id(&id)
        && command.info().runs == Runs::Page
    {
        let _ = MenuCommand(command).emit(&app);
        return;
    }
    tauri::async_runtime::spawn(async move {
        let result: Result<SnapshotUpdate, CommandError> = if let Some(sample) = id.strip_prefix("sample:") {
            actions::new_from_sample(&app, sample).await
        } else if let Some(recent) = id.strip_prefix(RECENT_PREFIX) {
            let index: usize = recent.parse().unwrap_or(usize::MAX);
            match app.state::<AppState>().recent_paths().get(index).cloned() {
                Some(path) => actions::open_path(&app, &path).await,
                None => return,
            }
        } else if let Some(command) = AppCommand::from_id(&id) {
            run_document_command(&app, command).await
        } else {
            return;
        };
        let _ = match result {
            Ok(snapshot) => DocumentChanged(snapshot).emit(&app),
            Err(error) => ActionFailed(error).emit(&app),
        };
    });
}

/// Carries out a command that acts on the document, from the menu or from a key the page saw
/// first; the same command does the same thing either way. A page command asked of it leaves the
/// document as it is.
pub async fn run_document_command(app: &AppHandle, command: AppCommand) -> Result<SnapshotUpdate, CommandError> {
    match command {
        AppCommand::New => actions::new_document(app).await,
        AppCommand::Open => actions::open_document(app).await,
        AppCommand::Save => actions::save(app).await,
        AppCommand::SaveAs => actions::save_as(app).await,
        AppCommand::ExportCode => actions::export_code(app).await,
        AppCommand::Close => actions::close_document(app).await,
        AppCommand::Undo | AppCommand::Redo => app
            .state::<AppState>()
            .with_document(|doc| if command == AppCommand::Undo { doc.undo() } else { doc.redo() })
            .map_err(CommandError::from)
            .map(|_| actions::publish(app)),
        AppCommand::Quit => {
            if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
                let _ = window.close();
            }
            Ok(actions::publish(app))
        }
        _ => Ok(actions::publish(app)),
    }
}

//! The MAESTRO Studio desktop app: the only crate that knows Tauri.
//!
//! It holds the open document in [`state::AppState`], exposes thin commands over it, shows native
//! menus and dialogs, and hands snapshots to the web UI. Everything else lives in the headless
//! crates under `crates/`.

mod actions;
pub mod cli;
mod command_table;
mod commands;
mod dropped;
mod error;
mod events;
mod export;
mod menu;
mod recent;
pub mod rendering;
#[cfg(test)]
mod security_tests;
mod settings;
mod state;

use anyhow::Context as _;
use maestro_catalog::{Catalog, read_user_folder};
use maestro_document::{Document, sample_model};
use state::AppState;
use std::path::PathBuf;
use tauri::{Manager, WindowEvent, Wry};
use tauri_specta::Event as _;

/// Every command and event the UI may use; also the source of the TypeScript bindings.
pub fn specta_builder() -> tauri_specta::Builder<Wry> {
    tauri_specta::Builder::<Wry>::new()
        .commands(tauri_specta::collect_commands![
            commands::initial_state,
            commands::whole_snapshot,
            commands::get_catalog,
            commands::list_samples,
            commands::command_table,
            commands::set_text_focus,
            commands::run_command,
            commands::reach,
            commands::copy_selection,
            commands::cut_selection,
            commands::paste,
            commands::new_from_sample,
            commands::apply_edit,
            commands::recover_copy,
            commands::discard_recovery_copy,
            commands::list_revisions,
            commands::revision_diff,
            commands::restore_revision,
            commands::get_settings,
            commands::set_settings,
            export::export_formats,
            export::export,
            export::open_exported,
        ])
        .events(tauri_specta::collect_events![events::DocumentChanged, events::ActionFailed, events::MenuCommand])
        // The geometry the model's own rules use (which boundary holds an element, how a boundary
        // is drawn around its members), so the canvas draws by the same numbers.
        .constant("ELEMENT_SIZE", maestro_model::ELEMENT_SIZE)
        .constant("BOUNDARY_PADDING", maestro_model::BOUNDARY_PADDING)
        .constant("BOUNDARY_HEADER", maestro_model::BOUNDARY_HEADER)
        // One TypeScript type per Rust type: the UI reads what Rust sends and sends what Rust reads.
        .disable_serde_phases()
}

/// The document to start with: the file asked for (a model as code is imported), or the sample
/// (with a notice when the file could not be opened; the file itself is left untouched).
fn initial_document(path: Option<PathBuf>) -> (Document, Option<String>) {
    match path {
        None => (Document::untitled(sample_model()), None),
        Some(path) if maestro_modelfile::Format::of_path(&path).is_some() => {
            match Document::import(&path, Catalog::builtin()) {
                Ok(doc) => (doc, None),
                Err(error) => (Document::untitled(sample_model()), Some(format!("Could not open the model: {error}"))),
            }
        }
        Some(path) => match Document::open_or_create(&path) {
            Ok(doc) if doc.is_read_only() => {
                let notice = format!(
                    "{} is open in another MAESTRO Studio window, so it is open here read-only. \
                     Save As keeps what you change here in another file.",
                    path.display()
                );
                (doc, Some(notice))
            }
            Ok(doc) => (doc, None),
            Err(error) => (Document::untitled(sample_model()), Some(format!("Could not open the model: {error}"))),
        },
    }
}

/// The built-in catalog plus the user's folder; if the folder has a problem, the built-in
/// catalog alone, and a notice saying what is wrong.
fn load_catalog(user_folder: Option<&std::path::Path>) -> (Catalog, Option<String>) {
    let Some(folder) = user_folder else { return (Catalog::builtin().clone(), None) };
    match read_user_folder(folder).and_then(|files| Catalog::with_user_files(&files)) {
        Ok(catalog) => (catalog, None),
        Err(error) => (
            Catalog::builtin().clone(),
            Some(format!("Your catalog folder was not loaded, so only the built-in catalog is in use. {error}")),
        ),
    }
}

pub fn run(context: tauri::Context<Wry>, path: Option<PathBuf>, catalog_folder: Option<PathBuf>) -> anyhow::Result<()> {
    let (document, document_notice) = initial_document(path);
    let specta = specta_builder();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(specta.invoke_handler())
        .menu(menu::build)
        .on_menu_event(menu::handle)
        .on_window_event(|window, event| {
            if let WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                let app = window.app_handle().clone();
                let chosen = dropped::model_to_open(paths).map(ToOwned::to_owned);
                tauri::async_runtime::spawn(async move {
                    let result = match chosen {
                        Ok(path) => actions::open_path(&app, &path).await,
                        Err(reason) => Err(error::CommandError { kind: error::ErrorKind::File, message: reason }),
                    };
                    let _ = match result {
                        Ok(snapshot) => events::DocumentChanged(snapshot).emit(&app),
                        Err(error) => events::ActionFailed(error).emit(&app),
                    };
                });
            }
            if let WindowEvent::CloseRequested { api, .. } = event {
                let app = window.app_handle().clone();
                if app.state::<AppState>().with_document(|doc| doc.is_dirty()) {
                    api.prevent_close();
                    let window = window.clone();
                    tauri::async_runtime::spawn(async move {
                        if actions::confirm_discard(&app).await {
                            let _ = window.destroy();
                        }
                    });
                }
            }
        })
        .setup(move |app| {
            let folder = catalog_folder.or_else(|| app.path().app_config_dir().ok().map(|dir| dir.join("catalog")));
            let (catalog, catalog_notice) = load_catalog(folder.as_deref());
            let notices = document_notice.into_iter().chain(catalog_notice).collect();
            let recent = recent::RecentFiles::load(app.path().app_config_dir().ok().map(|dir| dir.join("recent.json")));
            let remembered = !recent.paths().is_empty();
            let recovery =
                app.path().app_data_dir().ok().map(|dir| maestro_document::Recovery::new(dir.join("recovery")));
            let settings =
                settings::SettingsFile::load(app.path().app_config_dir().ok().map(|dir| dir.join("settings.json")));
            app.manage(AppState::new(document, catalog, notices, recent, recovery, settings));
            if remembered {
                // The menu was built before the list was read: show it.
                menu::refresh(app.handle());
            }
            specta.mount_events(app);
            actions::publish(app.handle());
            Ok(())
        })
        .build(context)
        .context("the app could not start")?
        .run(|app, event| {
            // Closed with nothing unsaved (the user saved, or chose Don't Save, which leaves a
            // clean document): the copy is not needed. An exit that skipped the question (the
            // session ending, say) keeps it, to be offered at the next start.
            if let tauri::RunEvent::Exit = event {
                let state = app.state::<AppState>();
                if let Some(recovery) = &state.recovery
                    && !state.with_document(|doc| doc.is_dirty())
                {
                    recovery.clear();
                }
            }
        });
    Ok(())
}

#[cfg(test)]
mod bindings {
    use super::specta_builder;
    use std::path::Path;

    const BINDINGS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/lib/bindings.ts");

    fn generate() -> String {
        let temp = std::env::temp_dir().join(format!("maestro-bindings-{}.ts", std::process::id()));
        specta_builder()
            .export(specta_typescript::Typescript::default().header("// @ts-nocheck"), &temp)
            .expect("bindings export");
        let text = std::fs::read_to_string(&temp).expect("read exported bindings");
        let _ = std::fs::remove_file(&temp);
        text
    }

    const LOOKS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/lib/kinds/looks.ts");

    /// The catalog's kind icons and layer colours as TypeScript, so the canvas draws what the
    /// exported diagrams draw from one source.
    fn generate_looks() -> String {
        let catalog = maestro_catalog::Catalog::builtin();
        let quoted = |s: &str| serde_json::to_string(s).expect("a string serialises");
        let mut out = String::from(
            "// Generated from the catalog (the kinds' `icon`, the layers' `colour`) by `cargo xtask bindings`.\n\
             // Do not edit: change the catalog and run it again.\n\n\
             /** Each kind's icon: SVG path data in a 24×24 box, stroked. */\n\
             export const KIND_ICONS: Readonly<Record<string, string>> = {\n",
        );
        for kind in &catalog.kinds {
            if let Some(icon) = &kind.icon {
                out.push_str(&format!("  {}: {},\n", quoted(&kind.id), quoted(icon)));
            }
        }
        out.push_str("};\n\n/** Each MAESTRO layer's colour. */\nexport const LAYER_COLOURS: Readonly<Record<string, string>> = {\n");
        for layer in &catalog.layers {
            if let Some(colour) = &layer.colour {
                out.push_str(&format!("  {}: {},\n", quoted(layer.id.as_str()), quoted(colour)));
            }
        }
        out.push_str("};\n");
        out
    }

    /// Checks `path` holds `fresh`; with `MAESTRO_WRITE_BINDINGS=1` writes it instead.
    fn up_to_date(path: &str, fresh: &str) {
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        if std::env::var_os("MAESTRO_WRITE_BINDINGS").is_some() {
            if committed != fresh {
                std::fs::create_dir_all(Path::new(path).parent().unwrap()).unwrap();
                std::fs::write(path, fresh).unwrap();
            }
            return;
        }
        let name = path.rsplit_once("/../").map_or(path, |(_, name)| name);
        assert!(committed == fresh, "{name} is stale: run `cargo xtask bindings` and commit the result");
    }

    /// Fails when `ui/src/lib/bindings.ts` does not match the commands and types; with
    /// `MAESTRO_WRITE_BINDINGS=1` it rewrites the file instead (`cargo xtask bindings`).
    #[test]
    fn typescript_bindings_are_up_to_date() {
        up_to_date(BINDINGS, &generate());
    }

    /// The same for the canvas's icons and layer colours (`ui/src/lib/kinds/looks.ts`).
    #[test]
    fn the_canvas_looks_are_up_to_date_with_the_catalog() {
        up_to_date(LOOKS, &generate_looks());
    }
}

/// The commands the webview may call. Each gets an `allow-…` permission that
/// `capabilities/default.json` grants; a command missing from there cannot be invoked.
const COMMANDS: &[&str] = &[
    "initial_state",
    "whole_snapshot",
    "get_catalog",
    "list_samples",
    "reach",
    "copy_selection",
    "cut_selection",
    "paste",
    "apply_edit",
    "new_from_sample",
    "command_table",
    "set_text_focus",
    "run_command",
    "recover_copy",
    "discard_recovery_copy",
    "list_revisions",
    "revision_diff",
    "restore_revision",
    "get_settings",
    "set_settings",
    "export_formats",
    "export",
    "open_exported",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script");
}

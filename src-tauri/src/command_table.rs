//! Every command the user can give — menu item, accelerator, toolbar button, canvas action — in
//! one table. The native menu is built from it, the page reads it (through the generated bindings)
//! for its key handling and tooltips, and menu events carry a [`AppCommand`], so a command that
//! is not in the table cannot be sent, and adding one is one variant and one row.
//!
//! Keys that also edit text (Delete, Ctrl+A/C/X/V/Z, Ctrl+Shift+Z) are marked: while the user
//! types in a text field they belong to the field, and so do the keys of every command that acts
//! on the diagram (`while_typing` is false). On Linux the native menu sees accelerators before the
//! page does, so the page says when a text field has focus and the menu lets go of those keys
//! until it loses it (see `menu::yield_text_keys`).

use serde::{Deserialize, Serialize};
use specta::Type;

/// A command, by what it does. Its menu id is its name in camelCase.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum AppCommand {
    New,
    Open,
    Save,
    SaveAs,
    ExportReport,
    ExportCode,
    Revisions,
    Close,
    Quit,
    Undo,
    Redo,
    Cut,
    Copy,
    Paste,
    Duplicate,
    Delete,
    SelectAll,
    TwoWayFlow,
    Settings,
    ZoomIn,
    ZoomOut,
    Fit,
    AddBoundary,
    AutoLayout,
    BandLayout,
    AlignLeft,
    AlignCentre,
    AlignRight,
    AlignTop,
    AlignMiddle,
    AlignBottom,
    DistributeHorizontal,
    DistributeVertical,
    Shortcuts,
    About,
}

/// Where a command is carried out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum Runs {
    /// On the document, in Rust (save, undo…).
    Document,
    /// On the selection or the view, by the page (copy, zoom, align…).
    Page,
}

/// One row of the table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CommandInfo {
    pub command: AppCommand,
    /// The menu label, also the start of the toolbar tooltip.
    pub label: String,
    /// In the menu's notation (`CmdOrCtrl+Shift+Z`), if the command has one.
    pub accelerator: Option<String>,
    pub runs: Runs,
    /// Further keys the page takes for the command (the menu shows one): Backspace deletes too.
    pub alternates: Vec<String>,
    /// The key also edits text, so a focused text field keeps it.
    pub text_key: bool,
    /// Whether the key still gives the command while a text field has focus: only document
    /// commands whose keys do not edit text (Save does; Delete, Copy or Duplicate do not, as they
    /// would act on the diagram behind the field).
    pub while_typing: bool,
}

impl AppCommand {
    pub const ALL: &'static [AppCommand] = &[
        AppCommand::New,
        AppCommand::Open,
        AppCommand::Save,
        AppCommand::SaveAs,
        AppCommand::ExportReport,
        AppCommand::ExportCode,
        AppCommand::Revisions,
        AppCommand::Close,
        AppCommand::Quit,
        AppCommand::Undo,
        AppCommand::Redo,
        AppCommand::Cut,
        AppCommand::Copy,
        AppCommand::Paste,
        AppCommand::Duplicate,
        AppCommand::Delete,
        AppCommand::SelectAll,
        AppCommand::TwoWayFlow,
        AppCommand::Settings,
        AppCommand::ZoomIn,
        AppCommand::ZoomOut,
        AppCommand::Fit,
        AppCommand::AddBoundary,
        AppCommand::AutoLayout,
        AppCommand::BandLayout,
        AppCommand::AlignLeft,
        AppCommand::AlignCentre,
        AppCommand::AlignRight,
        AppCommand::AlignTop,
        AppCommand::AlignMiddle,
        AppCommand::AlignBottom,
        AppCommand::DistributeHorizontal,
        AppCommand::DistributeVertical,
        AppCommand::Shortcuts,
        AppCommand::About,
    ];

    /// Label, accelerator, where it runs, and whether its key also edits text.
    fn row(self) -> (&'static str, Option<&'static str>, Runs, bool) {
        use AppCommand::*;
        use Runs::{Document as D, Page as P};
        match self {
            New => ("New", Some("CmdOrCtrl+N"), D, false),
            Open => ("Open…", Some("CmdOrCtrl+O"), D, false),
            Save => ("Save", Some("CmdOrCtrl+S"), D, false),
            SaveAs => ("Save As…", Some("CmdOrCtrl+Shift+S"), D, false),
            ExportReport => ("Export Report or Diagram…", Some("CmdOrCtrl+E"), P, false),
            ExportCode => ("Export as Code…", Some("CmdOrCtrl+Shift+E"), D, false),
            Revisions => ("Revisions…", Some("CmdOrCtrl+Shift+H"), P, false),
            Close => ("Close", Some("CmdOrCtrl+W"), D, false),
            Quit => ("Quit", Some("CmdOrCtrl+Q"), D, false),
            Undo => ("Undo", Some("CmdOrCtrl+Z"), D, true),
            Redo => ("Redo", Some("CmdOrCtrl+Shift+Z"), D, true),
            Cut => ("Cut", Some("CmdOrCtrl+X"), P, true),
            Copy => ("Copy", Some("CmdOrCtrl+C"), P, true),
            Paste => ("Paste", Some("CmdOrCtrl+V"), P, true),
            Duplicate => ("Duplicate", Some("CmdOrCtrl+D"), P, false),
            Delete => ("Delete", Some("Delete"), P, true),
            SelectAll => ("Select All", Some("CmdOrCtrl+A"), P, true),
            TwoWayFlow => ("Two-Way Flow", None, P, false),
            Settings => ("Settings…", Some("CmdOrCtrl+,"), P, false),
            ZoomIn => ("Zoom In", Some("CmdOrCtrl+="), P, false),
            ZoomOut => ("Zoom Out", Some("CmdOrCtrl+-"), P, false),
            Fit => ("Fit to Window", Some("CmdOrCtrl+0"), P, false),
            AddBoundary => ("Add Trust Boundary", Some("CmdOrCtrl+G"), P, false),
            AutoLayout => ("Auto Layout", Some("CmdOrCtrl+Shift+L"), P, false),
            BandLayout => ("Lay Out in Layer Bands", Some("CmdOrCtrl+Shift+B"), P, false),
            AlignLeft => ("Align Left Edges", None, P, false),
            AlignCentre => ("Align Centres", None, P, false),
            AlignRight => ("Align Right Edges", None, P, false),
            AlignTop => ("Align Top Edges", None, P, false),
            AlignMiddle => ("Align Middles", None, P, false),
            AlignBottom => ("Align Bottom Edges", None, P, false),
            DistributeHorizontal => ("Distribute Horizontally", None, P, false),
            DistributeVertical => ("Distribute Vertically", None, P, false),
            Shortcuts => ("Keyboard Shortcuts", Some("F1"), P, false),
            About => ("About MAESTRO Studio", None, P, false),
        }
    }

    /// Keys the page also takes for the command; none of them may belong to another command.
    fn alternates(self) -> &'static [&'static str] {
        match self {
            AppCommand::Delete => &["Backspace"],
            AppCommand::Redo => &["CmdOrCtrl+Y"],
            AppCommand::ZoomIn => &["CmdOrCtrl+Plus"],
            _ => &[],
        }
    }

    pub fn info(self) -> CommandInfo {
        let (label, accelerator, runs, text_key) = self.row();
        CommandInfo {
            command: self,
            label: label.into(),
            accelerator: accelerator.map(Into::into),
            alternates: self.alternates().iter().map(|a| (*a).to_owned()).collect(),
            runs,
            text_key,
            while_typing: runs == Runs::Document && !text_key,
        }
    }

    /// The menu id: the command's name as the bindings spell it.
    pub fn id(self) -> String {
        serde_json::to_value(self).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
    }

    pub fn from_id(id: &str) -> Option<AppCommand> {
        serde_json::from_value(serde_json::Value::String(id.to_owned())).ok()
    }
}

/// The whole table, in menu order.
pub fn table() -> Vec<CommandInfo> {
    AppCommand::ALL.iter().map(|c| c.info()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_is_in_the_table_once_with_a_unique_id_and_accelerator() {
        let ids: std::collections::BTreeSet<String> = AppCommand::ALL.iter().map(|c| c.id()).collect();
        assert_eq!(ids.len(), AppCommand::ALL.len());
        for command in AppCommand::ALL {
            assert_eq!(AppCommand::from_id(&command.id()), Some(*command), "{command:?}");
        }
        let mut keys: Vec<String> =
            table().into_iter().flat_map(|c| c.accelerator.into_iter().chain(c.alternates)).collect();
        let count = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), count, "two commands share an accelerator");
    }

    #[test]
    fn exactly_the_keys_that_edit_text_yield_to_a_text_field() {
        let text_keys = [
            "CmdOrCtrl+Z",
            "CmdOrCtrl+Shift+Z",
            "CmdOrCtrl+Y",
            "CmdOrCtrl+X",
            "CmdOrCtrl+C",
            "CmdOrCtrl+V",
            "CmdOrCtrl+A",
            "Delete",
            "Backspace",
        ];
        for info in table() {
            let edits_text = info.accelerator.iter().chain(&info.alternates).any(|a| text_keys.contains(&a.as_str()));
            assert_eq!(info.text_key, edits_text, "{:?}", info.command);
        }
    }

    #[test]
    fn an_unknown_menu_id_is_no_command() {
        assert_eq!(AppCommand::from_id("save-as"), None);
        assert_eq!(AppCommand::from_id("saveAs"), Some(AppCommand::SaveAs));
    }
}

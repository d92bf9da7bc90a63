//! File › Export…: the formats the page offers (the report crate's list), the request it sends
//! (format and options), and opening what was written.

use crate::actions;
use crate::error::{CommandError, ErrorKind};
use maestro_analysis::FindingStatus;
use maestro_report::{Arrangement, DiagramOptions, ExportOptions, Highlight, ReportFormat, ReportOptions};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::path::Path;
use tauri::AppHandle;

/// One format the export dialog offers.
#[derive(Clone, Debug, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ExportFormatInfo {
    pub name: String,
    pub label: String,
    pub extension: String,
    /// A picture of the model (the diagram options apply) rather than a report of findings.
    pub diagram: bool,
}

/// What the user chose in the export dialog.
#[derive(Clone, Debug, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ExportRequest {
    /// A format's name, as [`export_formats`] gives it.
    pub format: String,
    pub highlight_layer: Option<String>,
    /// A finding's id, for its chain.
    pub highlight_chain: Option<String>,
    pub bands: bool,
    pub scale: f64,
    pub legend: bool,
    /// Findings with these statuses are left out of reports for people.
    pub hide: Vec<FindingStatus>,
    pub organisation: Option<String>,
    pub author: Option<String>,
}

impl ExportRequest {
    fn options(&self) -> ExportOptions {
        let blank_is_none =
            |text: &Option<String>| text.as_ref().map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
        ExportOptions {
            diagram: DiagramOptions {
                highlight: Highlight::named(self.highlight_layer.as_deref(), self.highlight_chain.as_deref()),
                arrangement: if self.bands { Arrangement::Bands } else { Arrangement::AsDrawn },
                scale: self.scale,
                legend: self.legend,
            },
            report: ReportOptions {
                hide: self.hide.clone(),
                organisation: blank_is_none(&self.organisation),
                author: blank_is_none(&self.author),
                date: Some(maestro_store::today_utc()),
                revision: None,
            },
        }
    }
}

/// Where an export went.
#[derive(Clone, Debug, Serialize, Type)]
pub struct Exported {
    pub path: String,
}

#[tauri::command]
#[specta::specta]
pub fn export_formats() -> Vec<ExportFormatInfo> {
    ReportFormat::ALL
        .iter()
        .map(|f| ExportFormatInfo {
            name: f.name().to_owned(),
            label: f.label().to_owned(),
            extension: f.extension().to_owned(),
            diagram: f.is_diagram(),
        })
        .collect()
}

/// Asks where to write the export, then writes it; `None` when the user cancels.
#[tauri::command]
#[specta::specta]
pub async fn export(app: AppHandle, request: ExportRequest) -> Result<Option<Exported>, CommandError> {
    let format = ReportFormat::parse(&request.format).ok_or_else(|| CommandError {
        kind: ErrorKind::InvalidEdit,
        message: format!("'{}' is not a format this app writes", request.format),
    })?;
    let written = actions::export_report(&app, format, request.options()).await?;
    Ok(written.map(|path| Exported { path: path.display().to_string() }))
}

/// Opens an exported file with the program the desktop uses for it, or (`reveal`) the folder
/// that holds it.
#[tauri::command]
#[specta::specta]
pub fn open_exported(path: String, reveal: bool) -> Result<(), CommandError> {
    let file = Path::new(&path);
    if !file.is_file() {
        return Err(CommandError { kind: ErrorKind::File, message: format!("{path}: the file is no longer there") });
    }
    let target = if reveal { file.parent().unwrap_or(file) } else { file };
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener).arg(target).spawn().map(|_| ()).map_err(|e| CommandError {
        kind: ErrorKind::File,
        message: format!("could not open {}: {e}", target.display()),
    })
}

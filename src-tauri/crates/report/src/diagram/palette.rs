//! The colours of an exported diagram: the canvas's light theme (`ui/src/app.css`), so a diagram
//! in a report looks like the editor. Layer colours come from the catalog; a test in the
//! integration crate checks these against the canvas's style sheet.

use maestro_analysis::Severity;

pub const SURFACE: &str = "#ffffff";
pub const TEXT: &str = "#17202c";
pub const TEXT_MUTED: &str = "#5b6675";
pub const BORDER: &str = "#d5dae1";
/// An element whose kind the catalog does not know, or that no layer holds.
pub const UNASSIGNED: &str = "#8a94a3";
/// A flow's line.
pub const FLOW: &str = "#8a94a3";
/// A flow that crosses a trust boundary.
pub const CROSSING: &str = "#c0392b";
/// What a highlighted chain passes through.
pub const PATH: &str = "#d9484d";

pub fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Low => "#6b7d92",
        Severity::Medium => "#c98a12",
        Severity::High => "#d9612b",
        Severity::Critical => "#c0262d",
    }
}

/// A boundary's frame and title, by the trust it declares.
pub fn trust(trust: &str) -> &'static str {
    match trust {
        "trusted" => "#2f8f5b",
        "untrusted" => "#c0392b",
        _ => "#8a6d3b",
    }
}

//! The report formats, by name and by file extension: the one list the app and the command line
//! both read.

use crate::Subject;
use crate::diagram::{DiagramError, DiagramOptions};
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Json,
    Markdown,
    Sarif,
    Csv,
    /// One self-contained page for people.
    Html,
    /// The diagram, not a report of findings.
    Svg,
    /// The diagram as a picture.
    Png,
}

/// What the formats that take options are given: the diagram's highlight, arrangement and scale.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExportOptions {
    pub diagram: DiagramOptions,
    pub report: crate::ReportOptions,
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ExportError {
    #[error(transparent)]
    Diagram(#[from] DiagramError),
    #[error(transparent)]
    Png(#[from] crate::PngError),
}

impl ReportFormat {
    pub const ALL: [ReportFormat; 7] = [
        ReportFormat::Html,
        ReportFormat::Markdown,
        ReportFormat::Json,
        ReportFormat::Sarif,
        ReportFormat::Csv,
        ReportFormat::Svg,
        ReportFormat::Png,
    ];

    /// The name a user gives it (`--format markdown`).
    pub fn name(self) -> &'static str {
        match self {
            ReportFormat::Json => "json",
            ReportFormat::Markdown => "markdown",
            ReportFormat::Sarif => "sarif",
            ReportFormat::Csv => "csv",
            ReportFormat::Html => "html",
            ReportFormat::Svg => "svg",
            ReportFormat::Png => "png",
        }
    }

    /// What it is, for a file dialog's list of types.
    pub fn label(self) -> &'static str {
        match self {
            ReportFormat::Json => "JSON report",
            ReportFormat::Markdown => "Markdown report",
            ReportFormat::Sarif => "SARIF for code scanning",
            ReportFormat::Csv => "CSV of findings",
            ReportFormat::Html => "HTML report",
            ReportFormat::Svg => "SVG diagram",
            ReportFormat::Png => "PNG picture of the diagram",
        }
    }

    /// Whether it is a picture of the model rather than a report of findings.
    pub fn is_diagram(self) -> bool {
        matches!(self, ReportFormat::Svg | ReportFormat::Png)
    }

    /// The file extension it is written with.
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Markdown => "md",
            other => other.name(),
        }
    }

    /// The format named `name` (`md` is Markdown too).
    pub fn parse(name: &str) -> Option<ReportFormat> {
        match name.to_ascii_lowercase().as_str() {
            "md" => Some(ReportFormat::Markdown),
            "htm" => Some(ReportFormat::Html),
            lower => ReportFormat::ALL.into_iter().find(|f| f.name() == lower),
        }
    }

    /// The format a file name asks for: `.md`/`.markdown`, `.json`, `.sarif`, `.csv`, `.html`/`.htm`, `.svg`, `.png`.
    pub fn of_path(path: &Path) -> Option<ReportFormat> {
        ReportFormat::parse(path.extension()?.to_str()?)
    }

    /// The report of this format for a model already analysed, as the bytes of its file.
    pub fn render(self, subject: &Subject, options: &ExportOptions) -> Result<Vec<u8>, ExportError> {
        Ok(match self {
            ReportFormat::Json => crate::json(subject).into_bytes(),
            ReportFormat::Markdown => crate::markdown(subject).into_bytes(),
            ReportFormat::Sarif => crate::sarif(subject).into_bytes(),
            ReportFormat::Csv => crate::csv(subject).into_bytes(),
            ReportFormat::Html => crate::html(subject, &options.report).into_bytes(),
            ReportFormat::Svg => crate::svg(subject, &options.diagram)?.into_bytes(),
            ReportFormat::Png => crate::png(subject, &options.diagram)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_format_is_found_by_name_and_by_file_name() {
        let format = |name: &str| ReportFormat::of_path(Path::new(name));
        assert_eq!(format("model.md"), Some(ReportFormat::Markdown));
        assert_eq!(format("model.markdown"), Some(ReportFormat::Markdown));
        assert_eq!(format("MODEL.SARIF"), Some(ReportFormat::Sarif));
        assert_eq!(format("findings.csv"), Some(ReportFormat::Csv));
        assert_eq!(format("report.json"), Some(ReportFormat::Json));
        assert_eq!(format("diagram.svg"), Some(ReportFormat::Svg));
        assert_eq!(format("diagram.PNG"), Some(ReportFormat::Png));
        assert_eq!(format("report.pdf"), None);
        assert_eq!(format("report"), None);
        for f in ReportFormat::ALL {
            assert_eq!(ReportFormat::parse(f.name()), Some(f));
            assert_eq!(ReportFormat::parse(f.extension()), Some(f));
        }
        assert_eq!(ReportFormat::parse("xml"), None);
    }
}

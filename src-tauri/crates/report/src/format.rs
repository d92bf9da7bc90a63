//! The report formats, by name and by file extension: the one list the app and the command line
//! both read.

use crate::Subject;
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Json,
    Markdown,
    Sarif,
    Csv,
}

impl ReportFormat {
    pub const ALL: [ReportFormat; 4] =
        [ReportFormat::Json, ReportFormat::Markdown, ReportFormat::Sarif, ReportFormat::Csv];

    /// The name a user gives it (`--format markdown`).
    pub fn name(self) -> &'static str {
        match self {
            ReportFormat::Json => "json",
            ReportFormat::Markdown => "markdown",
            ReportFormat::Sarif => "sarif",
            ReportFormat::Csv => "csv",
        }
    }

    /// The format named `name` (`md` is Markdown too).
    pub fn parse(name: &str) -> Option<ReportFormat> {
        match name.to_ascii_lowercase().as_str() {
            "md" => Some(ReportFormat::Markdown),
            lower => ReportFormat::ALL.into_iter().find(|f| f.name() == lower),
        }
    }

    /// The format a file name asks for: `.md`/`.markdown`, `.json`, `.sarif`, `.csv`.
    pub fn of_path(path: &Path) -> Option<ReportFormat> {
        ReportFormat::parse(path.extension()?.to_str()?)
    }

    /// The report of this format for a model already analysed.
    pub fn render(self, subject: &Subject) -> String {
        match self {
            ReportFormat::Json => crate::json(subject),
            ReportFormat::Markdown => crate::markdown(subject),
            ReportFormat::Sarif => crate::sarif(subject),
            ReportFormat::Csv => crate::csv(subject),
        }
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
        assert_eq!(format("report.pdf"), None);
        assert_eq!(format("report"), None);
        for f in ReportFormat::ALL {
            assert_eq!(ReportFormat::parse(f.name()), Some(f));
        }
        assert_eq!(ReportFormat::parse("xml"), None);
    }
}

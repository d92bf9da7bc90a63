//! `maestro-studio analyze`: the analysis without a window, for CI pipelines.

use crate::cli::{AnalyzeArgs, ReportFormat};
use anyhow::{Context as _, Result, bail};
use maestro_analysis::{AnalysisOptions, FindingStatus, Severity, analyze_with};
use maestro_catalog::{Catalog, read_user_folder};
use maestro_model::Model;
use maestro_modelfile::Format;
use maestro_report::Subject;
use std::path::Path;

/// What `analyze` decided: print `report`, then exit with `failed` meaning status 1.
pub struct Outcome {
    pub report: String,
    pub failed: bool,
}

pub fn run(args: &AnalyzeArgs) -> Result<Outcome> {
    let catalog = match &args.catalog {
        None => Catalog::builtin().clone(),
        Some(folder) => {
            let files = read_user_folder(folder)?;
            Catalog::with_user_files(&files).context("the catalog folder could not be loaded")?
        }
    };
    let model = load_model(&args.model, &catalog)?;
    let options = AnalysisOptions { insiders_are_attackers: args.insiders_are_attackers };
    let analysis = analyze_with(&model, &catalog, options);
    let source = args.model.display().to_string();
    let subject = Subject { model: &model, analysis: &analysis, catalog: &catalog, source: &source };
    let report = render(args.format, &subject);
    let threshold = args.fail_on.as_deref().and_then(Severity::parse);
    let failed =
        threshold.is_some_and(|t| analysis.findings.iter().any(|f| f.status == FindingStatus::Open && f.severity >= t));
    Ok(Outcome { report, failed })
}

/// The report a file name asks for: `.md`/`.markdown`, `.json`, `.sarif`, `.csv`.
pub fn report_format_for(path: &Path) -> Option<ReportFormat> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "md" | "markdown" => Some(ReportFormat::Markdown),
        "json" => Some(ReportFormat::Json),
        "sarif" => Some(ReportFormat::Sarif),
        "csv" => Some(ReportFormat::Csv),
        _ => None,
    }
}

/// Renders the report of `format` for a model already analysed.
pub fn render(format: ReportFormat, subject: &Subject) -> String {
    match format {
        ReportFormat::Json => maestro_report::json(subject),
        ReportFormat::Markdown => maestro_report::markdown(subject),
        ReportFormat::Sarif => maestro_report::sarif(subject),
        ReportFormat::Csv => maestro_report::csv(subject),
    }
}

/// What changed from one model to another, as text for people or JSON for tools.
pub fn diff(args: &crate::cli::DiffArgs) -> Result<String> {
    let catalog = Catalog::builtin();
    let old = read_state(&args.old, catalog)?;
    let new = read_state(&args.new, catalog)?;
    let changes = maestro_document::diff_models(&old, &new);
    Ok(if args.json {
        serde_json::to_string_pretty(&changes).context("writing the diff as JSON")?
    } else {
        changes.to_text()
    })
}

/// The revisions of a `.maestro` file, oldest first: one line each for people, or JSON.
pub fn revisions(args: &crate::cli::RevisionsArgs) -> Result<String> {
    let stored = maestro_store::load_with_revisions(&args.file)?;
    let list = stored.revisions.list();
    if args.json {
        return serde_json::to_string_pretty(&list).context("writing the revisions as JSON");
    }
    if list.is_empty() {
        return Ok(format!("{}: no revisions (each save records one)", args.file.display()));
    }
    // Text from the file cannot move the cursor or recolour a terminal.
    let printable = |text: &str| -> String { text.chars().map(|c| if c.is_control() { '?' } else { c }).collect() };
    let lines: Vec<String> = list
        .iter()
        .map(|r| {
            let when = if r.saved_at.is_empty() { "(time not known)" } else { r.saved_at.as_str() };
            let author = if r.author.is_empty() { "(author not known)".to_owned() } else { printable(&r.author) };
            format!("#{}  {}  {}  {}", r.number, printable(when), author, printable(&r.summary))
        })
        .collect();
    Ok(lines.join("\n"))
}

/// One side of a diff: a model file, or `FILE.maestro@N` for revision N of that file (a file
/// whose name really ends so is read as itself).
fn read_state(arg: &Path, catalog: &Catalog) -> Result<Model> {
    if let Some((file, number)) = revision_of(arg).filter(|_| !arg.exists()) {
        let stored = maestro_store::load_with_revisions(&file)?;
        return stored.revisions.model_at(&stored.model, number).with_context(|| format!("{}", file.display()));
    }
    read_model(arg, catalog)
}

/// `crew.maestro@3` as the file and the revision number.
fn revision_of(arg: &Path) -> Option<(std::path::PathBuf, u32)> {
    let (file, number) = arg.to_str()?.rsplit_once('@')?;
    let number = number.parse().ok()?;
    let file = std::path::PathBuf::from(file);
    file.extension().is_some_and(|e| e.eq_ignore_ascii_case("maestro")).then_some((file, number))
}

/// A `.maestro` file, or model-as-code by its extension, as it is (parts the catalog does not
/// know included).
fn read_model(path: &Path, catalog: &Catalog) -> Result<Model> {
    match Format::of_path(path) {
        Some(format) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
            maestro_modelfile::parse(&text, format, catalog).with_context(|| format!("{}", path.display()))
        }
        None if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("maestro")) => Ok(maestro_store::load(path)?),
        None => bail!("{}: a model is a .maestro, .json, .yaml or .yml file", path.display()),
    }
}

/// A `.maestro` file, or model-as-code by its extension, that the catalog knows all of: a gate
/// that cannot judge a part fails (model as code is already checked as it is read).
pub fn load_model(path: &Path, catalog: &Catalog) -> Result<Model> {
    let model = read_model(path, catalog)?;
    let gaps = maestro_analysis::gaps(&model, catalog);
    if !gaps.is_empty() {
        let listed: Vec<String> = gaps.iter().take(20).map(|g| format!("  {g}")).collect();
        let more = if gaps.len() > 20 { format!("\n  … and {} more", gaps.len() - 20) } else { String::new() };
        bail!(
            "{}: the catalog does not know {} part(s) of this model, so it cannot be analysed:\n{}{more}",
            path.display(),
            gaps.len(),
            listed.join("\n")
        );
    }
    Ok(model)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_revision_is_named_by_file_and_number() {
        assert_eq!(revision_of(Path::new("m/crew.maestro@3")), Some(("m/crew.maestro".into(), 3)));
        assert_eq!(revision_of(Path::new("crew.MAESTRO@12")), Some(("crew.MAESTRO".into(), 12)));
        assert_eq!(revision_of(Path::new("crew.maestro@latest")), None);
        assert_eq!(revision_of(Path::new("crew.yaml@2")), None);
        assert_eq!(revision_of(Path::new("crew.maestro")), None);
    }

    #[test]
    fn the_file_name_chooses_the_report_format() {
        let format = |name: &str| report_format_for(Path::new(name));
        assert_eq!(format("model.md"), Some(ReportFormat::Markdown));
        assert_eq!(format("MODEL.SARIF"), Some(ReportFormat::Sarif));
        assert_eq!(format("findings.csv"), Some(ReportFormat::Csv));
        assert_eq!(format("report.json"), Some(ReportFormat::Json));
        assert_eq!(format("report.pdf"), None);
        assert_eq!(format("report"), None);
    }
}

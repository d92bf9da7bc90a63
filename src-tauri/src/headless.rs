//! `maestro-studio analyze`: the analysis without a window, for CI pipelines.

use crate::cli::AnalyzeArgs;
use anyhow::{Context as _, Result};
use maestro_analysis::{AnalysisOptions, FindingStatus, Severity, analyze_with};
use maestro_catalog::{Catalog, read_user_folder};
use maestro_document::load::{read_analysable, read_model};
use maestro_report::Subject;

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
    let model = read_analysable(&args.model, &catalog)?;
    let options = AnalysisOptions { insiders_are_attackers: args.insiders_are_attackers };
    let analysis = analyze_with(&model, &catalog, options);
    let source = args.model.display().to_string();
    let subject = Subject { model: &model, analysis: &analysis, catalog: &catalog, source: &source };
    let report = args.format.render(&subject);
    let threshold = args.fail_on.as_deref().and_then(Severity::parse);
    let failed =
        threshold.is_some_and(|t| analysis.findings.iter().any(|f| f.status == FindingStatus::Open && f.severity >= t));
    Ok(Outcome { report, failed })
}

/// What changed from one model to another, as text for people or JSON for tools.
pub fn diff(args: &crate::cli::DiffArgs) -> Result<String> {
    let catalog = Catalog::builtin();
    let old = read_model(&args.old, catalog)?;
    let new = read_model(&args.new, catalog)?;
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

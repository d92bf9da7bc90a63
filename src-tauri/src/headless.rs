//! `maestro-studio analyze`: the analysis without a window, for CI pipelines.

use crate::cli::{AnalyzeArgs, ReportFormat};
use anyhow::{Context as _, Result, bail};
use maestro_analysis::{FindingStatus, Severity, analyze};
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
    let analysis = analyze(&model, &catalog);
    let source = args.model.display().to_string();
    let subject = Subject { model: &model, analysis: &analysis, catalog: &catalog, source: &source };
    let report = match args.format {
        ReportFormat::Json => maestro_report::json(&subject),
        ReportFormat::Markdown => maestro_report::markdown(&subject),
        ReportFormat::Sarif => maestro_report::sarif(&subject),
        ReportFormat::Csv => maestro_report::csv(&subject),
    };
    let threshold = args.fail_on.as_deref().and_then(Severity::parse);
    let failed =
        threshold.is_some_and(|t| analysis.findings.iter().any(|f| f.status == FindingStatus::Open && f.severity >= t));
    Ok(Outcome { report, failed })
}

/// A `.maestro` file, or model-as-code by its extension.
pub fn load_model(path: &Path, catalog: &Catalog) -> Result<Model> {
    match Format::of_path(path) {
        Some(format) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
            maestro_modelfile::parse(&text, format, catalog).with_context(|| format!("{}", path.display()))
        }
        None if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("maestro")) => Ok(maestro_store::load(path)?),
        None => bail!("{}: a model is a .maestro, .json, .yaml or .yml file", path.display()),
    }
}

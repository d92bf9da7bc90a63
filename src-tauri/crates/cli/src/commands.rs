//! What each command does: read, analyse or convert, and say what to print.

use crate::{AnalysisArgs, CatalogAction, CatalogArg, Cli, Command, FailOn, Format, Outcome, TextOrJson};
use anyhow::{Context as _, Result, bail};
use maestro_analysis::{Analysis, AnalysisOptions, FindingStatus, Severity, analyze_with};
use maestro_catalog::{Catalog, read_user_folder};
use maestro_document::load::{read_analysable, read_model};
use maestro_model::Model;
use maestro_report::{Arrangement, DiagramOptions, ExportOptions, Highlight, ReportFormat, ReportOptions, Subject};
use std::collections::HashSet;
use std::path::Path;

pub fn run(cli: Cli) -> Result<Outcome> {
    match cli.command {
        Command::Analyze(args) => {
            let analysed = analyse(&args.analysis)?;
            // Quiet asks only for the exit status: the report is not rendered at all.
            let report = match args.format {
                _ if args.quiet => None,
                Format::Jsonl => Some(json_lines(&analysed.subject())?.into_bytes()),
                other => Some(report_format(other).render(&analysed.subject(), &ExportOptions::default())?),
            };
            let status = analysed.status();
            analysed.leave();
            Ok(Outcome { output: report, status })
        }
        Command::Export(args) => {
            let format = export_format(args.format, args.output.as_deref())?;
            let options =
                ExportOptions { diagram: diagram_options(&args.diagram), report: report_options(&args.report) };
            let analysed = analyse(&args.analysis)?;
            let report = format.render(&analysed.subject(), &options)?;
            let status = analysed.status();
            analysed.leave();
            match &args.output {
                Some(path) => {
                    std::fs::write(path, report).with_context(|| format!("writing {}", path.display()))?;
                    Ok(Outcome { output: None, status })
                }
                None => Ok(Outcome { output: Some(report), status }),
            }
        }
        Command::Convert { input, output } => {
            let model = read_model(&input, Catalog::builtin())?;
            write_model(&model, &output)?;
            Ok(Outcome { output: None, status: 0 })
        }
        Command::Diff { old, new, format } => {
            let catalog = Catalog::builtin();
            let changes = maestro_document::diff_models(&read_model(&old, catalog)?, &read_model(&new, catalog)?);
            let text = match format {
                TextOrJson::Json => serde_json::to_string_pretty(&changes)?,
                TextOrJson::Text => changes.to_text(),
            };
            Ok(Outcome { output: Some(text.into_bytes()), status: 0 })
        }
        Command::Revisions { file, format } => {
            let stored = maestro_store::load_with_revisions(&file)?;
            let list = stored.revisions.list();
            let text = match format {
                TextOrJson::Json => serde_json::to_string_pretty(&list)?,
                TextOrJson::Text if list.is_empty() => {
                    format!("{}: no revisions (each save records one)", file.display())
                }
                TextOrJson::Text => list.iter().map(revision_line).collect::<Vec<_>>().join("\n"),
            };
            Ok(Outcome { output: Some(text.into_bytes()), status: 0 })
        }
        Command::Check { model, catalog } => {
            let catalog = catalog_of(&catalog)?;
            let read = read_analysable(&model, &catalog)?;
            let text = format!(
                "{}: a model the catalog knows all of ({} elements, {} flows, {} boundaries)",
                model.display(),
                read.elements.len(),
                read.flows.len(),
                read.boundaries.len()
            );
            Ok(Outcome { output: Some(text.into_bytes()), status: 0 })
        }
        Command::Catalog { action: CatalogAction::Validate { folder } } => {
            let files = read_user_folder(&folder)?;
            let catalog = Catalog::with_user_files(&files)
                .with_context(|| format!("{}: the catalog files were not loaded", folder.display()))?;
            let text = format!(
                "{}: {} file(s) load; the catalog has {} threats, {} mitigations and {} rules",
                folder.display(),
                files.len(),
                catalog.threats.len(),
                catalog.mitigations.len(),
                catalog.rules.len()
            );
            Ok(Outcome { output: Some(text.into_bytes()), status: 0 })
        }
        Command::Catalog { action: CatalogAction::List { catalog, format } } => {
            let catalog = catalog_of(&catalog)?;
            let text = match format {
                TextOrJson::Json => serde_json::to_string_pretty(&catalog.threats)?,
                TextOrJson::Text => catalog
                    .threats
                    .iter()
                    .map(|t| {
                        let layers: Vec<&str> = t.layers.iter().map(|l| l.as_str()).collect();
                        let stride: String = t.stride.iter().map(|s| format!("{s:?}")).collect();
                        format!("{}\t{}\t{}\t{}", t.id, layers.join(","), stride, t.name)
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
            };
            Ok(Outcome { output: Some(text.into_bytes()), status: 0 })
        }
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut <Cli as clap::CommandFactory>::command(), "maestro", &mut out);
            Ok(Outcome { output: Some(out), status: 0 })
        }
        Command::Man => {
            let mut out = Vec::new();
            clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(&mut out)?;
            Ok(Outcome { output: Some(out), status: 0 })
        }
    }
}

/// A model analysed, with what the report leaves out (findings already in a baseline).
struct Analysed {
    model: Model,
    analysis: Analysis,
    catalog: Catalog,
    source: String,
    fail_on: Option<FailOn>,
}

impl Analysed {
    fn subject(&self) -> Subject<'_> {
        Subject { model: &self.model, analysis: &self.analysis, catalog: &self.catalog, source: &self.source }
    }

    /// Lets go of the model and its analysis without freeing them piece by piece: the command
    /// ends the process next, which hands the memory back at once, and for a large model
    /// freeing each finding, name and path costs about a tenth of the whole run.
    fn leave(self) {
        std::mem::forget(self);
    }

    /// 1 when an open finding reported is at least as severe as `--fail-on`, else 0.
    fn status(&self) -> u8 {
        let Some(threshold) = self.fail_on.map(severity) else { return 0 };
        let failed = self.analysis.findings.iter().any(|f| f.status == FindingStatus::Open && f.severity >= threshold);
        u8::from(failed)
    }
}

fn analyse(args: &AnalysisArgs) -> Result<Analysed> {
    let catalog = catalog_of(&args.catalog)?;
    let model = read_analysable(&args.model, &catalog)?;
    let options = AnalysisOptions { insiders_are_attackers: args.insiders_are_attackers };
    let mut analysis = analyze_with(&model, &catalog, options);
    if let Some(baseline) = &args.baseline {
        let known = baseline_ids(baseline)?;
        analysis.findings.retain(|f| !known.contains(f.id.as_str()));
    }
    Ok(Analysed { model, analysis, catalog, source: args.model.display().to_string(), fail_on: args.fail_on })
}

/// The finding ids of an earlier JSON report.
fn baseline_ids(path: &Path) -> Result<HashSet<String>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading the baseline {}", path.display()))?;
    let report: serde_json::Value = serde_json::from_str(&text)
        .with_context(|| format!("{}: a baseline is a JSON report of `maestro analyze`", path.display()))?;
    let Some(findings) = report.get("findings").and_then(|f| f.as_array()) else {
        bail!("{}: a baseline is a JSON report of `maestro analyze` (it has no findings list)", path.display());
    };
    Ok(findings.iter().filter_map(|f| f.get("id")?.as_str().map(str::to_owned)).collect())
}

/// The JSON report's findings, one JSON object per line.
fn json_lines(subject: &Subject) -> Result<String> {
    let report: serde_json::Value = serde_json::from_str(&maestro_report::json(subject))?;
    let lines: Vec<String> = report["findings"]
        .as_array()
        .map(|findings| findings.iter().map(|f| f.to_string()).collect())
        .unwrap_or_default();
    Ok(lines.join("\n"))
}

fn catalog_of(arg: &CatalogArg) -> Result<Catalog> {
    match &arg.catalog {
        None => Ok(Catalog::builtin().clone()),
        Some(folder) => {
            let files = read_user_folder(folder)?;
            Catalog::with_user_files(&files).context("the catalog folder could not be loaded")
        }
    }
}

/// The format `--format` names, else the one the output file's extension asks for.
fn export_format(named: Option<ReportFormat>, output: Option<&Path>) -> Result<ReportFormat> {
    let known = || {
        let names = ReportFormat::ALL.map(|f| format!(".{}", f.extension()));
        let (last, rest) = names.split_last().expect("there are formats");
        format!("{} or {last}", rest.join(", "))
    };
    match (named, output) {
        (Some(format), _) => Ok(format),
        (None, Some(path)) => ReportFormat::of_path(path).with_context(|| {
            format!("{}: a report or diagram is a {} file (or say --format)", path.display(), known())
        }),
        (None, None) => bail!("say --format (one of {}) or name an output file with -o", known()),
    }
}

fn report_options(args: &crate::ReportArgs) -> ReportOptions {
    use crate::HiddenStatus;
    let hide = args
        .hide
        .iter()
        .map(|s| match s {
            HiddenStatus::Mitigated => FindingStatus::Mitigated,
            HiddenStatus::Accepted => FindingStatus::Accepted,
            HiddenStatus::Transferred => FindingStatus::Transferred,
            HiddenStatus::NotApplicable => FindingStatus::NotApplicable,
        })
        .collect();
    ReportOptions {
        hide,
        organisation: args.organisation.clone(),
        author: args.author.clone(),
        date: Some(args.date.clone().unwrap_or_else(maestro_store::today_utc)),
        revision: None,
    }
}

fn diagram_options(args: &crate::DiagramArgs) -> DiagramOptions {
    DiagramOptions {
        highlight: Highlight::named(args.highlight_layer.as_deref(), args.highlight_chain.as_deref()),
        arrangement: if args.bands { Arrangement::Bands } else { Arrangement::AsDrawn },
        scale: args.scale,
        legend: !args.no_legend,
    }
}

fn report_format(format: Format) -> ReportFormat {
    match format {
        Format::Json | Format::Jsonl => ReportFormat::Json,
        Format::Markdown => ReportFormat::Markdown,
        Format::Sarif => ReportFormat::Sarif,
        Format::Csv => ReportFormat::Csv,
    }
}

fn severity(fail_on: FailOn) -> Severity {
    match fail_on {
        FailOn::Low => Severity::Low,
        FailOn::Medium => Severity::Medium,
        FailOn::High => Severity::High,
        FailOn::Critical => Severity::Critical,
    }
}

/// Writes `model` as `.maestro` or model as code, by the extension of `path`.
fn write_model(model: &Model, path: &Path) -> Result<()> {
    if let Some(format) = maestro_modelfile::Format::of_path(path) {
        let text = maestro_modelfile::to_text(model, format);
        return std::fs::write(path, text).with_context(|| format!("writing {}", path.display()));
    }
    if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("maestro")) {
        return Ok(maestro_store::save(model, path)?);
    }
    bail!("{}: a model is written as .maestro, .yaml, .yml or .json", path.display())
}

/// `#3  2026-12-03T14:05:09Z  Ada  1 element added`, printable in a terminal.
fn revision_line(r: &maestro_store::Revision) -> String {
    use maestro_document::printable;
    let when = if r.saved_at.is_empty() { "(time not known)".to_owned() } else { printable(&r.saved_at) };
    let author = if r.author.is_empty() { "(author not known)".to_owned() } else { printable(&r.author) };
    format!("#{}  {when}  {author}  {}", r.number, printable(&r.summary))
}

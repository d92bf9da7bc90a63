//! `maestro`: the analysis on the command line, for CI pipelines and scripts. It links no GUI or
//! WebKit library, so it runs in a slim container; `maestro-studio analyze …` (the desktop binary)
//! runs the same commands through [`main_with`].
//!
//! Exit status: 0 done, 1 an open finding at or above `--fail-on`, 2 bad input (a model or catalog
//! that cannot be read, unknown options). This crate is an adapter: it reads arguments, calls the
//! loader (`maestro_document::load`), the analysis and the reports, and prints.

mod commands;

use clap::{Args, Parser, Subcommand, ValueEnum};
use maestro_report::ReportFormat;
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

/// The first words that name a command: the desktop binary hands these to [`main_with`].
pub const COMMANDS: [&str; 9] =
    ["analyze", "export", "convert", "diff", "revisions", "check", "catalog", "completions", "man"];

#[derive(Debug, Parser)]
#[command(
    name = "maestro",
    version,
    about = "MAESTRO threat-model analysis for agentic AI systems, without a window",
    long_about = "MAESTRO threat-model analysis for agentic AI systems, without a window.\n\n\
        A model is a .maestro file, a model as code (.yaml, .yml, .json), FILE.maestro@N for \
        revision N of a file, or - for standard input.",
    after_help = "Exit status: 0 done; 1 an open finding at or above --fail-on; 2 bad input."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Analyse a model and print its report
    Analyze(AnalyzeArgs),
    /// Analyse a model and write its report to a file, in the format its extension names
    Export(ExportArgs),
    /// Write a model in another form: .maestro, or model as code (.yaml, .yml, .json), by extension
    Convert {
        /// The model to read
        input: PathBuf,
        /// Where to write it (its extension chooses the form)
        output: PathBuf,
    },
    /// Show what changed from one model (or revision) to another
    Diff {
        old: PathBuf,
        new: PathBuf,
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// List the revisions of a .maestro file: number, time (UTC), author and what changed
    Revisions {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// Check that a model can be read and that the catalog knows every part of it
    Check {
        model: PathBuf,
        #[command(flatten)]
        catalog: CatalogArg,
    },
    /// List the catalog's threats, or check a folder of catalog files
    Catalog {
        #[command(subcommand)]
        action: CatalogAction,
    },
    /// Print a completion script for a shell
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff)
    Man,
}

#[derive(Debug, Subcommand)]
pub enum CatalogAction {
    /// List every threat: id, layer, STRIDE and name
    List {
        #[command(flatten)]
        catalog: CatalogArg,
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// Check the catalog files (*.toml) in a folder, as the app would load them
    Validate { folder: PathBuf },
}

#[derive(Debug, Args)]
pub struct CatalogArg {
    /// Add the threats, mitigations and rules in DIR/*.toml to the built-in catalog
    #[arg(long, value_name = "DIR")]
    pub catalog: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct AnalysisArgs {
    /// The model
    pub model: PathBuf,
    #[command(flatten)]
    pub catalog: CatalogArg,
    /// Treat every person, the system's own signed-in users too, as a possible attacker
    #[arg(long)]
    pub insiders_are_attackers: bool,
    /// Report only findings that are not in this earlier JSON report (and fail only on those)
    #[arg(long, value_name = "REPORT")]
    pub baseline: Option<PathBuf>,
    /// Exit with status 1 when an open finding is at least this severe
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,
}

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    pub analysis: AnalysisArgs,
    /// The report's format (jsonl: one finding per line)
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Print no report: only the exit status tells
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub analysis: AnalysisArgs,
    /// The format; left out, the output file's extension says it
    #[arg(long, value_parser = report_format_parser())]
    pub format: Option<ReportFormat>,
    /// The file to write; standard output when left out
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub diagram: DiagramArgs,
    #[command(flatten)]
    pub report: ReportArgs,
}

/// What a report for people (`--format html`) says beyond the analysis.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Report: leave out findings with these statuses (mitigated, accepted, transferred, not-applicable)
    #[arg(long, value_enum, value_delimiter = ',', value_name = "STATUS")]
    pub hide: Vec<HiddenStatus>,
    /// Report: the organisation named on the title
    #[arg(long)]
    pub organisation: Option<String>,
    /// Report: the author named on the title
    #[arg(long)]
    pub author: Option<String>,
    /// Report: the date on the title (today, UTC, when left out)
    #[arg(long)]
    pub date: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum HiddenStatus {
    Mitigated,
    Accepted,
    Transferred,
    NotApplicable,
}

/// How the diagram (`--format svg`) is drawn.
#[derive(Debug, Args)]
pub struct DiagramArgs {
    /// Diagram: pick out one layer (L1 … L7) and the flows inside it, dimming the rest
    #[arg(long, value_name = "LAYER", conflicts_with = "highlight_chain")]
    pub highlight_layer: Option<String>,
    /// Diagram: pick out one finding's chain, by the finding's id as the reports give it
    #[arg(long, value_name = "FINDING")]
    pub highlight_chain: Option<String>,
    /// Diagram: lay the elements out in the layer bands (L7 at the top, L6 across all)
    #[arg(long)]
    pub bands: bool,
    /// Diagram: how many times the model's own size to draw it
    #[arg(long, default_value_t = 1.0)]
    pub scale: f64,
    /// Diagram: leave out the legend
    #[arg(long)]
    pub no_legend: bool,
}

/// `--format`: the report crate's formats by name (`md` for Markdown too).
fn report_format_parser() -> impl clap::builder::TypedValueParser<Value = ReportFormat> {
    use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
    let values = ReportFormat::ALL.map(|f| {
        let value = PossibleValue::new(f.name());
        if f.extension() == f.name() { value } else { value.alias(f.extension()) }
    });
    PossibleValuesParser::new(values).map(|name| ReportFormat::parse(&name).expect("a listed format"))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
    #[value(alias = "md")]
    Markdown,
    Sarif,
    Csv,
    Jsonl,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TextOrJson {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Low,
    Medium,
    High,
    Critical,
}

/// What a command made: text for standard output (none when quiet) and the exit status.
#[derive(Debug, PartialEq, Eq)]
pub struct Outcome {
    /// What goes to standard output: a report's text, or a file's bytes.
    pub output: Option<Vec<u8>>,
    pub status: u8,
}

/// Runs the command line `args` (the program's name first) and says how the process should end.
/// `program` names it in messages (`maestro`, `maestro-studio`).
pub fn main_with(program: &str, args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            // Help and version go to standard output with status 0; mistakes to standard error, 2.
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    match commands::run(cli) {
        Ok(Outcome { output, status }) => match output.map(|bytes| write_out(&bytes)) {
            None | Some(Ok(())) => ExitCode::from(status),
            // The reader went away (`| head`): nothing is owed to it, and the verdict stands.
            Some(Err(error)) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::from(status),
            Some(Err(error)) => {
                eprintln!("{program}: could not write the output: {error}");
                ExitCode::from(2)
            }
        },
        Err(error) => {
            eprintln!("{program}: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// Writes to standard output, reporting a closed pipe or a full disk instead of panicking as
/// `println!` would. Text gets a last line break if it has none; other bytes go as they are.
fn write_out(bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)?;
    if std::str::from_utf8(bytes).is_ok_and(|text| !text.ends_with('\n')) {
        out.write_all(b"\n")?;
    }
    out.flush()
}

#[cfg(test)]
mod tests;

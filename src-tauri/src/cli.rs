//! Command-line arguments: `maestro-studio [PATH]`.

use std::ffi::OsString;
pub use maestro_report::ReportFormat;
use std::path::PathBuf;

pub const USAGE: &str = "\
Usage: maestro-studio [--catalog DIR] [PATH]
       maestro-studio analyze MODEL [--format json|markdown|sarif|csv] [--fail-on SEVERITY] [--catalog DIR]
                              [--insiders-are-attackers]
       maestro-studio diff OLD NEW [--format text|json]
       maestro-studio revisions FILE [--format text|json]

Opens the MAESTRO Studio editor. With PATH, opens that .maestro model, or starts a new one that
Save writes there; without, opens the bundled sample model.

`analyze` runs the analysis without a window and prints a report (JSON by default). MODEL is a
.maestro file or a model-as-code file (.json, .yaml, .yml). With --fail-on low|medium|high|critical
the exit status is 1 when an open finding is at least that severe; 2 means the input was wrong.

`diff` prints what changed from the model OLD to the model NEW (either a .maestro file or model as
code): elements, flows, boundaries and decisions added, removed or changed, with the fields that
differ. FILE.maestro@N stands for revision N of that file (each save records one). The exit
status is 0 whether or not they differ, and 2 when a model cannot be read.

`revisions` lists the revisions of a .maestro file, oldest first: number, time (UTC), author and
what changed.

Options:
  --catalog DIR   add the threats, mitigations and rules in DIR/*.toml to the built-in catalog
                  (default: the catalog folder in the app's configuration folder)
  --insiders-are-attackers
                  (analyze) treat every person, the system's own signed-in users too, as a
                  possible attacker: chains then also start at insiders
  -h, --help      show this help
  -V, --version   show the version
";

#[derive(Debug, PartialEq, Eq)]
pub struct AnalyzeArgs {
    pub model: PathBuf,
    pub format: ReportFormat,
    /// `low`, `medium`, `high` or `critical`.
    pub fail_on: Option<String>,
    pub catalog: Option<PathBuf>,
    /// Treat the system's own signed-in users as possible attackers too.
    pub insiders_are_attackers: bool,
}

/// `diff`: two models and how to print what changed.
#[derive(Debug, PartialEq, Eq)]
pub struct DiffArgs {
    pub old: PathBuf,
    pub new: PathBuf,
    pub json: bool,
}

/// `revisions`: a file whose revisions to list, and how.
#[derive(Debug, PartialEq, Eq)]
pub struct RevisionsArgs {
    pub file: PathBuf,
    pub json: bool,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Invocation {
    Editor { path: Option<PathBuf>, catalog: Option<PathBuf> },
    Analyze(AnalyzeArgs),
    Diff(DiffArgs),
    Revisions(RevisionsArgs),
    Help,
    Version,
}

pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Invocation, String> {
    let mut args = args.into_iter().peekable();
    if args.peek().and_then(|a| a.to_str()) == Some("analyze") {
        args.next();
        return parse_analyze(args);
    }
    if args.peek().and_then(|a| a.to_str()) == Some("diff") {
        args.next();
        return parse_diff(args);
    }
    if args.peek().and_then(|a| a.to_str()) == Some("revisions") {
        args.next();
        return parse_revisions(args);
    }
    parse_editor(args)
}

/// Paths and `--format text|json`, for the commands that print text or JSON; `None` for `--help`.
fn paths_and_format(mut args: impl Iterator<Item = OsString>) -> Result<Option<(Vec<PathBuf>, bool)>, String> {
    let mut paths = Vec::new();
    let mut json = false;
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("--format") => match args.next().as_ref().and_then(|v| v.to_str()) {
                Some("json") => json = true,
                Some("text") => json = false,
                other => return Err(format!("unknown format '{}': use text or json", other.unwrap_or("?"))),
            },
            Some("-h" | "--help") => return Ok(None),
            Some(flag) if flag.starts_with('-') && flag.len() > 1 => return Err(format!("unknown option '{flag}'")),
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    Ok(Some((paths, json)))
}

fn parse_diff(args: impl Iterator<Item = OsString>) -> Result<Invocation, String> {
    let Some((models, json)) = paths_and_format(args)? else { return Ok(Invocation::Help) };
    match <[PathBuf; 2]>::try_from(models) {
        Ok([old, new]) => Ok(Invocation::Diff(DiffArgs { old, new, json })),
        Err(_) => Err("diff takes two models: the old one, then the new one".to_owned()),
    }
}

fn parse_revisions(args: impl Iterator<Item = OsString>) -> Result<Invocation, String> {
    let Some((files, json)) = paths_and_format(args)? else { return Ok(Invocation::Help) };
    match <[PathBuf; 1]>::try_from(files) {
        Ok([file]) => Ok(Invocation::Revisions(RevisionsArgs { file, json })),
        Err(_) => Err("revisions takes one .maestro file".to_owned()),
    }
}

fn parse_analyze(mut args: impl Iterator<Item = OsString>) -> Result<Invocation, String> {
    let mut model = None;
    let mut format = ReportFormat::Json;
    let mut fail_on = None;
    let mut catalog = None;
    let mut insiders_are_attackers = false;
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| args.next().ok_or(format!("{flag} needs a value"));
        match arg.to_str() {
            Some("--format") => {
                let name = value("--format")?;
                let name = name.to_str().unwrap_or("?");
                format = ReportFormat::parse(name)
                    .ok_or_else(|| format!("unknown format '{name}': use json, markdown, sarif or csv"))?;
            }
            Some("--fail-on") => {
                let level = value("--fail-on")?.to_string_lossy().into_owned();
                if !["low", "medium", "high", "critical"].contains(&level.as_str()) {
                    return Err(format!("unknown severity '{level}': use low, medium, high or critical"));
                }
                fail_on = Some(level);
            }
            Some("--catalog") => catalog = Some(PathBuf::from(value("--catalog")?)),
            Some("--insiders-are-attackers") => insiders_are_attackers = true,
            Some("-h" | "--help") => return Ok(Invocation::Help),
            Some(flag) if flag.starts_with('-') && flag.len() > 1 => return Err(format!("unknown option '{flag}'")),
            _ if model.is_some() => return Err("analyze takes one model".to_owned()),
            _ => model = Some(PathBuf::from(arg)),
        }
    }
    let model = model.ok_or("analyze needs a model file")?;
    Ok(Invocation::Analyze(AnalyzeArgs { model, format, fail_on, catalog, insiders_are_attackers }))
}

fn parse_editor(args: impl Iterator<Item = OsString>) -> Result<Invocation, String> {
    let mut path = None;
    let mut catalog = None;
    let mut args = args;
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("-h" | "--help") => return Ok(Invocation::Help),
            Some("-V" | "--version") => return Ok(Invocation::Version),
            Some("--catalog") => {
                catalog = Some(PathBuf::from(args.next().ok_or("--catalog needs a folder")?));
            }
            Some(flag) if flag.starts_with('-') && flag.len() > 1 => {
                return Err(format!("unknown option '{flag}'"));
            }
            _ if path.is_some() => return Err("only one model can be opened at a time".to_owned()),
            _ => path = Some(PathBuf::from(arg)),
        }
    }
    Ok(Invocation::Editor { path, catalog })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn parses_the_editor_invocations() {
        assert_eq!(parse(args(&[])), Ok(Invocation::Editor { path: None, catalog: None }));
        assert_eq!(
            parse(args(&["crew.maestro"])),
            Ok(Invocation::Editor { path: Some("crew.maestro".into()), catalog: None })
        );
        assert_eq!(
            parse(args(&["--catalog", "mine", "crew.maestro"])),
            Ok(Invocation::Editor { path: Some("crew.maestro".into()), catalog: Some("mine".into()) })
        );
        assert_eq!(parse(args(&["--catalog"])), Err("--catalog needs a folder".to_owned()));
        assert_eq!(parse(args(&["--help"])), Ok(Invocation::Help));
        assert_eq!(parse(args(&["-V"])), Ok(Invocation::Version));
    }

    #[test]
    fn parses_analyze() {
        assert_eq!(
            parse(args(&["analyze", "m.yaml", "--format", "sarif", "--fail-on", "high"])),
            Ok(Invocation::Analyze(AnalyzeArgs {
                model: "m.yaml".into(),
                format: ReportFormat::Sarif,
                fail_on: Some("high".into()),
                catalog: None,
                insiders_are_attackers: false,
            }))
        );
        assert!(matches!(
            parse(args(&["analyze", "m.yaml", "--insiders-are-attackers"])),
            Ok(Invocation::Analyze(AnalyzeArgs { insiders_are_attackers: true, .. }))
        ));
        assert_eq!(parse(args(&["analyze"])), Err("analyze needs a model file".to_owned()));
        assert!(parse(args(&["analyze", "m", "--format", "pdf"])).unwrap_err().contains("unknown format 'pdf'"));
        assert!(parse(args(&["analyze", "m", "--fail-on", "dire"])).unwrap_err().contains("unknown severity 'dire'"));
    }

    #[test]
    fn parses_diff() {
        assert_eq!(
            parse(args(&["diff", "a.maestro", "b.yaml", "--format", "json"])),
            Ok(Invocation::Diff(DiffArgs { old: "a.maestro".into(), new: "b.yaml".into(), json: true }))
        );
        assert!(parse(args(&["diff", "a.maestro"])).unwrap_err().contains("two models"));
        assert!(parse(args(&["diff", "a", "b", "--format", "xml"])).unwrap_err().contains("text or json"));
        assert_eq!(
            parse(args(&["revisions", "a.maestro", "--format", "json"])),
            Ok(Invocation::Revisions(RevisionsArgs { file: "a.maestro".into(), json: true }))
        );
        assert!(parse(args(&["revisions"])).unwrap_err().contains("one .maestro file"));
        assert_eq!(parse(args(&["revisions", "--help"])), Ok(Invocation::Help));
    }

    #[test]
    fn refuses_unknown_options_and_extra_paths() {
        assert_eq!(parse(args(&["--frobnicate"])), Err("unknown option '--frobnicate'".to_owned()));
        assert!(parse(args(&["a.maestro", "b.maestro"])).is_err());
    }
}

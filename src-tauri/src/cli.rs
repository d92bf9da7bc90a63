//! Command-line arguments: `maestro-studio [--catalog DIR] [PATH]` opens the editor; the
//! commands of the `maestro` command line (`analyze`, `diff`…) run without a window.

use std::ffi::OsString;
use std::path::PathBuf;

pub const USAGE: &str = "\
Usage: maestro-studio [--catalog DIR] [PATH]
       maestro-studio COMMAND …   (analyze, export, convert, diff, revisions, check, catalog)

Opens the MAESTRO Studio editor. With PATH, opens that .maestro model (or a model as code), or
starts a new one that Save writes there; without, opens the bundled sample model.

A COMMAND runs without a window, exactly as the `maestro` command line does: see
`maestro-studio analyze --help`. Exit status: 0 done; 1 an open finding at or above --fail-on;
2 bad input.

Options:
  --catalog DIR   add the threats, mitigations and rules in DIR/*.toml to the built-in catalog
                  (default: the catalog folder in the app's configuration folder)
  -h, --help      show this help
  -V, --version   show the version
";

#[derive(Debug, PartialEq, Eq)]
pub enum Invocation {
    Editor {
        path: Option<PathBuf>,
        catalog: Option<PathBuf>,
    },
    /// A command of the `maestro` command line, with its arguments.
    Command(Vec<OsString>),
    Help,
    Version,
}

pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Invocation, String> {
    let args: Vec<OsString> = args.into_iter().collect();
    if args.first().and_then(|a| a.to_str()).is_some_and(|first| maestro_cli::COMMANDS.contains(&first)) {
        return Ok(Invocation::Command(args));
    }
    parse_editor(args.into_iter())
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
    fn the_commands_go_to_the_command_line() {
        let given = args(&["analyze", "m.yaml", "--format", "sarif"]);
        assert_eq!(parse(given.clone()), Ok(Invocation::Command(given)));
        assert_eq!(parse(args(&["diff", "a", "b"])), Ok(Invocation::Command(args(&["diff", "a", "b"]))));
        // A model that happens to be named like a command is opened by its path.
        assert!(matches!(parse(args(&["./analyze"])), Ok(Invocation::Editor { .. })));
    }
}

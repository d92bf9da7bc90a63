//! Command-line arguments: `maestro-studio [PATH]`.

use std::ffi::OsString;
use std::path::PathBuf;

pub const USAGE: &str = "\
Usage: maestro-studio [--catalog DIR] [PATH]

Opens the MAESTRO Studio editor. With PATH, opens that .maestro model, or starts a new one that
Save writes there; without, opens the bundled sample model.

Options:
  --catalog DIR   add the threats, mitigations and rules in DIR/*.toml to the built-in catalog
                  (default: the catalog folder in the app's configuration folder)
  -h, --help      show this help
  -V, --version   show the version
";

#[derive(Debug, PartialEq, Eq)]
pub enum Invocation {
    Editor { path: Option<PathBuf>, catalog: Option<PathBuf> },
    Help,
    Version,
}

pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Invocation, String> {
    let mut path = None;
    let mut catalog = None;
    let mut args = args.into_iter();
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
    fn refuses_unknown_options_and_extra_paths() {
        assert_eq!(parse(args(&["--frobnicate"])), Err("unknown option '--frobnicate'".to_owned()));
        assert!(parse(args(&["a.maestro", "b.maestro"])).is_err());
    }
}

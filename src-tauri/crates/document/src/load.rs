//! Reading a model from whatever a user names: a `.maestro` file, a model as code (YAML or JSON,
//! by its extension), `FILE.maestro@N` for revision N of a file, or `-` for standard input. The
//! one loader that the app's headless commands and the `maestro` command line share.

use maestro_catalog::Catalog;
use maestro_model::Model;
use maestro_modelfile::Format;
use maestro_store::{RevisionError, StoreError};
use std::io::Read;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The name that stands for standard input.
pub const STDIN: &str = "-";

#[derive(Debug, Error)]
pub enum LoadError {
    #[error("{name}: {message}")]
    Unreadable { name: String, message: String },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}: a model is a .maestro, .json, .yaml or .yml file (or - for standard input)")]
    NotAModelFile(String),
    #[error("{name}: {error}")]
    Revision { name: String, error: RevisionError },
    #[error("{name}: the catalog does not know {count} part(s) of this model, so it cannot be analysed:\n{listed}")]
    NotAnalysable { name: String, count: usize, listed: String },
}

/// The model `name` names, as it is (parts the catalog does not know included).
pub fn read_model(name: &Path, catalog: &Catalog) -> Result<Model, LoadError> {
    let shown = name.display().to_string();
    let unreadable = |message: String| LoadError::Unreadable { name: shown.clone(), message };
    if name == Path::new(STDIN) {
        let mut bytes = Vec::new();
        let limit = maestro_store::MAX_FILE_BYTES.max(maestro_modelfile::MAX_TEXT_BYTES as u64);
        std::io::stdin().take(limit + 1).read_to_end(&mut bytes).map_err(|e| unreadable(e.to_string()))?;
        return from_bytes(&bytes, Path::new("standard input"), catalog);
    }
    if let Some((file, number)) = revision_of(name).filter(|_| !name.exists()) {
        let stored = maestro_store::load_with_revisions(&file)?;
        return stored
            .revisions
            .model_at(&stored.model, number)
            .map_err(|error| LoadError::Revision { name: file.display().to_string(), error });
    }
    match Format::of_path(name) {
        Some(format) => {
            let text = std::fs::read_to_string(name).map_err(|e| unreadable(e.to_string()))?;
            maestro_modelfile::parse(&text, format, catalog).map_err(|e| unreadable(e.to_string()))
        }
        None if name.extension().is_some_and(|e| e.eq_ignore_ascii_case("maestro")) => Ok(maestro_store::load(name)?),
        None => Err(LoadError::NotAModelFile(shown)),
    }
}

/// The model `name` names, when the catalog knows all of it: a gate that cannot judge a part
/// fails (model as code is already checked as it is read).
pub fn read_analysable(name: &Path, catalog: &Catalog) -> Result<Model, LoadError> {
    let model = read_model(name, catalog)?;
    let gaps = maestro_analysis::gaps(&model, catalog);
    if gaps.is_empty() {
        return Ok(model);
    }
    let mut listed: Vec<String> = gaps.iter().take(20).map(|g| format!("  {g}")).collect();
    if gaps.len() > 20 {
        listed.push(format!("  … and {} more", gaps.len() - 20));
    }
    Err(LoadError::NotAnalysable { name: name.display().to_string(), count: gaps.len(), listed: listed.join("\n") })
}

/// A model from bytes of unknown kind (a pipe): an SQLite file is a `.maestro` file, anything
/// else model as code (JSON is YAML too).
fn from_bytes(bytes: &[u8], name: &Path, catalog: &Catalog) -> Result<Model, LoadError> {
    if bytes.starts_with(b"SQLite format 3\0") {
        return Ok(maestro_store::load_bytes(bytes, name)?.model);
    }
    let unreadable = |message: String| LoadError::Unreadable { name: name.display().to_string(), message };
    let text = std::str::from_utf8(bytes).map_err(|_| unreadable("not a .maestro file, nor text".into()))?;
    let format = if text.trim_start().starts_with('{') { Format::Json } else { Format::Yaml };
    maestro_modelfile::parse(text, format, catalog).map_err(|e| unreadable(e.to_string()))
}

/// `crew.maestro@3` as the file and the revision number.
fn revision_of(name: &Path) -> Option<(PathBuf, u32)> {
    let (file, number) = name.to_str()?.rsplit_once('@')?;
    let number = number.parse().ok()?;
    let file = PathBuf::from(file);
    file.extension().is_some_and(|e| e.eq_ignore_ascii_case("maestro")).then_some((file, number))
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
    fn piped_bytes_are_read_by_what_they_are() {
        let catalog = Catalog::builtin();
        let yaml = b"name: Piped\ncomponents:\n  - { id: a, kind: agent, name: A }\n";
        assert_eq!(from_bytes(yaml, Path::new("stdin"), catalog).unwrap().name, "Piped");
        let json = br#"{ "name": "Json", "components": [] }"#;
        assert_eq!(from_bytes(json, Path::new("stdin"), catalog).unwrap().name, "Json");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.maestro");
        maestro_store::save(&Model::new("Stored"), &path).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(from_bytes(&bytes, Path::new("stdin"), catalog).unwrap().name, "Stored");
        let err = from_bytes(&[0xff, 0xfe, 0], Path::new("stdin"), catalog).unwrap_err().to_string();
        assert_eq!(err, "stdin: not a .maestro file, nor text");
    }

    #[test]
    fn a_name_that_is_no_model_file_says_what_would_be() {
        let err = read_model(Path::new("notes.txt"), Catalog::builtin()).unwrap_err().to_string();
        assert!(err.starts_with("notes.txt: a model is a .maestro, .json, .yaml or .yml file"), "{err}");
    }
}

//! Files dropped on the window: one model is opened; anything else is refused with a reason and
//! changes nothing.

use std::path::{Path, PathBuf};

/// The extensions of files the editor opens: `.maestro` models and models as code.
pub const MODEL_EXTENSIONS: [&str; 4] = ["maestro", "yaml", "yml", "json"];

/// The model to open from a drop, or why there is none.
pub fn model_to_open(paths: &[PathBuf]) -> Result<&Path, String> {
    match paths {
        [] => Err("nothing was dropped".into()),
        [path] => {
            let known = path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| MODEL_EXTENSIONS.iter().any(|m| m.eq_ignore_ascii_case(e)));
            if path.is_dir() {
                Err(format!("{} is a folder, not a model; nothing changed", path.display()))
            } else if known {
                Ok(path)
            } else {
                Err(format!(
                    "{} is not a model MAESTRO Studio can open (.maestro, .yaml, .yml or .json); nothing changed",
                    path.display()
                ))
            }
        }
        many => Err(format!("{} files were dropped: drop one model at a time; nothing changed", many.len())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_model_is_taken_and_anything_else_is_refused_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let model = dir.path().join("crew.MAESTRO");
        assert_eq!(model_to_open(std::slice::from_ref(&model)).unwrap(), model);
        assert!(model_to_open(&[dir.path().join("crew.yml")]).is_ok());
        let picture = model_to_open(&[dir.path().join("diagram.png")]).unwrap_err();
        assert!(picture.contains("diagram.png is not a model") && picture.ends_with("nothing changed"), "{picture}");
        let folder = dir.path().join("folder.maestro");
        std::fs::create_dir(&folder).unwrap();
        assert!(model_to_open(&[folder]).unwrap_err().contains("is a folder"));
        assert!(model_to_open(&[model.clone(), model]).unwrap_err().starts_with("2 files were dropped"));
        assert!(model_to_open(&[]).is_err());
    }
}

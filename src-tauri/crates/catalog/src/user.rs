//! Reading a user catalog folder: every `*.toml` file in it, in name order.

use crate::load::CatalogError;
use std::path::Path;

/// The catalog files in `folder` as (file name, text). A missing folder holds no files.
pub fn read_user_folder(folder: &Path) -> Result<Vec<(String, String)>, CatalogError> {
    let io_error =
        |path: &Path, e: std::io::Error| CatalogError::Io { path: path.display().to_string(), message: e.to_string() };
    if !folder.exists() {
        return Ok(Vec::new());
    }
    let mut paths: Vec<_> = std::fs::read_dir(folder)
        .map_err(|e| io_error(folder, e))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|ext| ext == "toml") && p.is_file())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).map_err(|e| io_error(&path, e))?;
            Ok((path.display().to_string(), text))
        })
        .collect()
}

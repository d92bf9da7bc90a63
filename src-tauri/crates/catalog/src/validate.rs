//! Parsing and cross-checking catalog files, with errors that name the file, entry and field.

use crate::types::{Catalog, Kind, Layer};
use serde::Deserialize;
use std::collections::BTreeSet;
use thiserror::Error;

#[derive(Debug, Error, PartialEq)]
pub enum CatalogError {
    #[error("{file}: {message}")]
    Syntax { file: String, message: String },
    #[error("{file}: entry '{entry}', field '{field}': {message}")]
    Invalid { file: String, entry: String, field: String, message: String },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LayersFile {
    layer: Vec<Layer>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KindsFile {
    kind: Vec<Kind>,
}

fn parse_file<T: for<'de> Deserialize<'de>>((file, text): (&str, &str)) -> Result<T, CatalogError> {
    toml::from_str(text).map_err(|e| CatalogError::Syntax { file: file.to_owned(), message: e.to_string() })
}

pub(crate) fn parse(layers: (&str, &str), kinds: (&str, &str)) -> Result<Catalog, CatalogError> {
    let layers_file: LayersFile = parse_file(layers)?;
    let kinds_file: KindsFile = parse_file(kinds)?;
    let invalid = |file: &str, entry: &str, field: &str, message: String| CatalogError::Invalid {
        file: file.to_owned(),
        entry: entry.to_owned(),
        field: field.to_owned(),
        message,
    };

    let mut layer_ids = BTreeSet::new();
    for layer in &layers_file.layer {
        if !layer_ids.insert(layer.id.as_str()) {
            return Err(invalid(layers.0, layer.id.as_str(), "id", "this id is used twice".into()));
        }
    }
    let mut kind_ids = BTreeSet::new();
    for kind in &kinds_file.kind {
        if !kind_ids.insert(kind.id.as_str()) {
            return Err(invalid(kinds.0, &kind.id, "id", "this id is used twice".into()));
        }
        if !layer_ids.contains(kind.default_layer.as_str()) {
            return Err(invalid(
                kinds.0,
                &kind.id,
                "default_layer",
                format!("'{}' is not a layer id", kind.default_layer.as_str()),
            ));
        }
    }
    Ok(Catalog { layers: layers_file.layer, kinds: kinds_file.kind })
}

#[cfg(test)]
mod tests {
    use super::*;

    const LAYERS: &str = "[[layer]]\nid = \"L1\"\nname = \"n\"\nfocus = \"f\"\n";

    #[test]
    fn a_kind_in_an_unknown_layer_is_reported_by_file_entry_and_field() {
        let kinds = "[[kind]]\nid = \"agent\"\nlabel = \"Agent\"\nstride_class = \"process\"\n\
                     default_layer = \"L9\"\nlayer_reason = \"r\"\n";
        let err = parse(("layers.toml", LAYERS), ("kinds.toml", kinds)).unwrap_err();
        assert_eq!(err.to_string(), "kinds.toml: entry 'agent', field 'default_layer': 'L9' is not a layer id");
    }

    #[test]
    fn malformed_toml_names_the_file() {
        let err = parse(("layers.toml", "[[layer]\n"), ("kinds.toml", "")).unwrap_err();
        assert!(err.to_string().starts_with("layers.toml: "), "{err}");
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let kinds = "[[kind]]\nid = \"a\"\nlabel = \"A\"\nstride_class = \"process\"\ndefault_layer = \"L1\"\nlayer_reason = \"r\"\n";
        let twice = format!("{kinds}{kinds}");
        let err = parse(("layers.toml", LAYERS), ("kinds.toml", &twice)).unwrap_err();
        assert_eq!(err.to_string(), "kinds.toml: entry 'a', field 'id': this id is used twice");
    }
}

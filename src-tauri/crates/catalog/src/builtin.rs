//! The catalog shipped with the app, compiled in from the repository's `catalog/` folder.

use crate::load::{CatalogError, load};
use crate::types::Catalog;
use std::sync::OnceLock;

macro_rules! catalog_files {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../../../catalog/", $name)))),*]
    };
}

/// Every built-in catalog file, as (name, text), in load order.
pub const BUILTIN_FILES: &[(&str, &str)] = catalog_files![
    "sources.toml",
    "layers.toml",
    "properties.toml",
    "kinds.toml",
    "layer-rules.toml",
    "mitigations.toml",
    "threats/asi-core.toml",
    "threats/mas-extended.toml",
    "threats/csa-layers.toml",
    "threats/cross-layer.toml",
];

impl Catalog {
    /// The built-in catalog. Its validity is tested, so failing here is a build defect.
    pub fn builtin() -> &'static Catalog {
        static BUILTIN: OnceLock<Catalog> = OnceLock::new();
        BUILTIN.get_or_init(|| load(BUILTIN_FILES, &[]).expect("the built-in catalog is valid"))
    }

    /// Loads catalog files given as (name, text) pairs, as the built-in catalog is loaded.
    pub fn from_files(files: &[(&str, &str)]) -> Result<Catalog, CatalogError> {
        load(files, &[])
    }

    /// The built-in catalog with user files added. User files may add sources, threats,
    /// mitigations and rules; any error names the file, and nothing of the user files is kept.
    pub fn with_user_files(user: &[(String, String)]) -> Result<Catalog, CatalogError> {
        load(BUILTIN_FILES, user)
    }
}

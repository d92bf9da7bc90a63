//! The catalog shipped with the app, compiled in from the repository's `catalog/` folder.

use crate::types::Catalog;
use crate::validate::{CatalogError, parse};
use std::sync::OnceLock;

const LAYERS: (&str, &str) = ("layers.toml", include_str!("../../../../catalog/layers.toml"));
const KINDS: (&str, &str) = ("kinds.toml", include_str!("../../../../catalog/kinds.toml"));

impl Catalog {
    /// The built-in catalog. Its validity is a test of this crate, so failing here is a build defect.
    pub fn builtin() -> &'static Catalog {
        static BUILTIN: OnceLock<Catalog> = OnceLock::new();
        BUILTIN.get_or_init(|| Self::from_sources(LAYERS, KINDS).expect("the built-in catalog is valid"))
    }

    /// Parses and validates a catalog from `(file name, text)` pairs.
    pub fn from_sources(layers: (&str, &str), kinds: (&str, &str)) -> Result<Catalog, CatalogError> {
        parse(layers, kinds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalog_loads_with_seven_layers_and_l6_as_the_band() {
        let catalog = Catalog::from_sources(LAYERS, KINDS).unwrap();
        let ids: Vec<_> = catalog.layers.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(ids, ["L1", "L2", "L3", "L4", "L5", "L6", "L7"]);
        let bands: Vec<_> = catalog.layers.iter().filter(|l| l.band).map(|l| l.id.as_str()).collect();
        assert_eq!(bands, ["L6"]);
    }

    #[test]
    fn builtin_catalog_has_the_palette_kinds() {
        let catalog = Catalog::builtin();
        for id in ["agent", "tool", "database", "peer-agent"] {
            assert!(catalog.kind(id).is_some(), "missing kind {id}");
        }
    }
}

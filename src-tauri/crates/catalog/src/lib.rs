//! The MAESTRO catalog: layers and element kinds, read from the TOML files in `catalog/` and
//! checked on load.
//!
//! The built-in catalog is compiled in ([`Catalog::builtin`]). This crate knows nothing of models,
//! analysis or files on disk beyond the text it is handed.

mod builtin;
mod types;
mod validate;

pub use types::{Catalog, Kind, Layer, LayerId, StrideClass};
pub use validate::CatalogError;

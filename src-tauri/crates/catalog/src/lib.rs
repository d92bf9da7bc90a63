//! The MAESTRO catalog: sources, layers, properties, element kinds, threats, mitigations and the
//! rules that say when a threat applies — all read from TOML files and checked on load.
//!
//! The built-in catalog ([`Catalog::builtin`]) is compiled in from the repository's `catalog/`
//! folder. A user catalog folder can add sources, threats, mitigations and rules
//! ([`Catalog::with_user_files`]); a bad user file is reported by file, entry and field, and the
//! built-in catalog stays usable.
//!
//! This crate knows nothing of models being edited, of analysis results or of windows. It reads
//! files only in [`read_user_folder`].

mod builtin;
mod condition;
mod files;
mod load;
mod types;
mod user;
mod validate;

#[cfg(test)]
mod tests;

pub use condition::Condition;
pub use load::CatalogError;
pub use types::{
    ActsOn, Alias, Catalog, Effect, GraphAnalysis, Impact, Kind, KindTrait, Layer, LayerId, LayerRule, LayerRuleSource,
    Likelihood, Mitigation, Property, PropertyTarget, PropertyType, Rule, RuleTarget, Source, Stride, StrideClass,
    Threat,
};
pub use user::read_user_folder;

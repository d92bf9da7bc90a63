//! Settings that change what the analysis assumes.

use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct AnalysisOptions {
    /// Treat every person, the system's own signed-in users too, as a possible attacker: chains
    /// then also start at insiders.
    #[serde(default)]
    pub insiders_are_attackers: bool,
}

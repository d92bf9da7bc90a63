//! Severity from likelihood and impact.

use maestro_catalog::{Impact, Likelihood};
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 4] = [Severity::Low, Severity::Medium, Severity::High, Severity::Critical];

    /// A standard risk matrix: the worse the impact and the likelier the threat, the higher.
    pub fn of(likelihood: Likelihood, impact: Impact) -> Severity {
        use Impact as I;
        use Likelihood as L;
        match (impact, likelihood) {
            (I::Critical, L::Low) => Severity::High,
            (I::Critical, _) => Severity::Critical,
            (I::High, L::Low) => Severity::Medium,
            (I::High, L::Medium) => Severity::High,
            (I::High, L::High) => Severity::Critical,
            (I::Medium, L::Low) => Severity::Low,
            (I::Medium, L::Medium) => Severity::Medium,
            (I::Medium, L::High) => Severity::High,
            (I::Low, L::High) => Severity::Medium,
            (I::Low, _) => Severity::Low,
        }
    }

    /// Parses `low`, `medium`, `high` or `critical`.
    pub fn parse(text: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|s| s.as_str() == text)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_grows_with_likelihood_and_impact() {
        assert_eq!(Severity::of(Likelihood::High, Impact::High), Severity::Critical);
        assert_eq!(Severity::of(Likelihood::Low, Impact::Critical), Severity::High);
        assert_eq!(Severity::of(Likelihood::Medium, Impact::Medium), Severity::Medium);
        assert_eq!(Severity::of(Likelihood::Low, Impact::Low), Severity::Low);
        for l in [Likelihood::Low, Likelihood::Medium, Likelihood::High] {
            let row: Vec<_> =
                [Impact::Low, Impact::Medium, Impact::High, Impact::Critical].map(|i| Severity::of(l, i)).to_vec();
            assert!(row.windows(2).all(|w| w[0] <= w[1]), "{row:?}");
        }
        assert_eq!(Severity::parse("high"), Some(Severity::High));
        assert_eq!(Severity::parse("severe"), None);
    }
}

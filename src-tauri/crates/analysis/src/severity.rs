//! Severity from likelihood and impact, each moved by what the model says about the target.
//!
//! Likelihood starts at the threat's own and rises one step when untrusted content reaches the
//! target over channels with no validation stated; it falls one step when nothing untrusted
//! reaches it at all, or reaches it only through validated channels. A path finding is rated at
//! its point of impact, and a chain that starts at an untrusted source counts as reached.
//!
//! Impact starts at the threat's own and is moved by what is at stake at the target: labelled
//! restricted data, payments and code execution put it at critical; confidential data, writes and
//! outbound messages at high. When nothing at stake is stated, a critical impact falls to high.
//! A limiting control in place lowers impact one step. Every move is named in the finding.

use crate::context::{Context, Target};
use maestro_catalog::{Impact, Likelihood, Threat};
use maestro_model::PropertyValue;
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

/// Likelihood and impact for one finding, and why they differ from the threat's own.
pub(crate) struct Rated {
    pub likelihood: Likelihood,
    pub impact: Impact,
    pub factors: Vec<String>,
}

const LIKELIHOODS: [Likelihood; 3] = [Likelihood::Low, Likelihood::Medium, Likelihood::High];
const IMPACTS: [Impact; 4] = [Impact::Low, Impact::Medium, Impact::High, Impact::Critical];

pub(crate) fn rate(cx: &Context, threat: &Threat, target: Target, path: Option<&[usize]>, limited: bool) -> Rated {
    let mut factors = Vec::new();
    let mut likelihood = LIKELIHOODS.iter().position(|l| *l == threat.likelihood).unwrap_or(1);
    let mut impact = IMPACTS.iter().position(|i| *i == threat.impact).unwrap_or(1);

    let untrusted = cx.untrusted();
    let exposure_of = match (target, path) {
        (_, Some(elements)) if elements.first().is_some_and(|&e| untrusted.is_source(e)) => Some(true),
        (Target::Element(e), _) => {
            if untrusted.unchecked.reached(e) {
                Some(true)
            } else {
                Some(false)
            }
        }
        (Target::Flow(f), _) => Some(untrusted.unchecked.reached(cx.ends[f].0)),
    };
    let raw_reached = match target {
        Target::Element(e) => untrusted.raw.reached(e),
        Target::Flow(f) => untrusted.raw.reached(cx.ends[f].0),
    };
    match exposure_of {
        Some(true) if likelihood < 2 => {
            likelihood += 1;
            factors.push("likelihood up: untrusted content reaches it with no validation stated on the way".into());
        }
        Some(false) if likelihood > 0 => {
            likelihood -= 1;
            factors.push(if raw_reached {
                "likelihood down: untrusted content reaches it only through validated channels".into()
            } else {
                "likelihood down: nothing untrusted reaches it".into()
            });
        }
        _ => {}
    }

    let stake_at = match (target, path) {
        (_, Some(elements)) => elements.last().copied(),
        (Target::Element(e), None) => Some(e),
        (Target::Flow(f), None) => Some(cx.ends[f].1),
    };
    if let Some((stake, why)) = stake_at.and_then(|e| at_stake(cx, e)) {
        if stake > impact {
            factors.push(format!("impact up: {why}"));
            impact = stake;
        }
    } else if impact == 3 {
        impact = 2;
        factors.push("impact down: no sensitive data or irreversible action is stated where it lands".into());
    }
    if limited && impact > 0 {
        impact -= 1;
        factors.push("impact down: a limiting control is in place".into());
    }
    Rated { likelihood: LIKELIHOODS[likelihood], impact: IMPACTS[impact], factors }
}

/// What is at stake at an element, as an impact step (2 high, 3 critical), and why.
fn at_stake(cx: &Context, element: usize) -> Option<(usize, String)> {
    let target = Target::Element(element);
    let effect = |v: &str| cx.is(target, "side_effect", &PropertyValue::Text(v.into()));
    let level = cx.sensitivity().level[element];
    let name = &cx.element(element).name;
    if level == Some(3) {
        return Some((3, format!("restricted data is at \"{name}\"")));
    }
    if effect("payment") || effect("execute") {
        let what = if effect("payment") { "moves money" } else { "executes code" };
        return Some((3, format!("\"{name}\" {what}")));
    }
    if level == Some(2) {
        return Some((2, format!("confidential data is at \"{name}\"")));
    }
    if effect("write") || effect("communicate") {
        let what = if effect("write") { "writes" } else { "sends messages out" };
        return Some((2, format!("\"{name}\" {what}")));
    }
    None
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

//! Severity from likelihood and impact, each moved by what the model says about the target.
//!
//! Likelihood starts at the threat's own. Most rules already require attackers' reach, so reach
//! adds nothing; an element attackers can send content to directly (internet-exposed, returning
//! outsiders' content) rises one step, and one that nothing untrusted reaches, or reaches only
//! through validated channels, falls one step. A path finding is rated where it starts.
//!
//! Impact starts at the threat's own and rises one step at most for what is at stake where the
//! finding lands: labelled restricted data, payments and code execution (toward critical),
//! confidential data, writes and outbound messages (toward high). When nothing at stake is stated,
//! a critical impact falls to high.
//! A limiting control in place lowers impact one step. Every move is named in the finding.

use crate::context::{Context, Target};
use maestro_catalog::{Impact, KindTrait, Likelihood, Threat};
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

    /// A risk matrix: the worse the impact and the likelier the threat, the higher. Critical is
    /// kept for a critical impact that is likely.
    pub fn of(likelihood: Likelihood, impact: Impact) -> Severity {
        use Impact as I;
        use Likelihood as L;
        match (impact, likelihood) {
            (I::Critical, L::High) => Severity::Critical,
            (I::Critical, _) => Severity::High,
            (I::High, L::Low) => Severity::Medium,
            (I::High, _) => Severity::High,
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
    let (element, raw_reached, unchecked) = match (target, path) {
        (_, Some(elements)) => {
            // Where the path enters the system: past the person or outside party it starts at.
            let inside = |e: &&usize| !cx.has(**e, KindTrait::Outside) && !cx.has(**e, KindTrait::Person);
            let first = elements.iter().find(inside).or(elements.first()).copied();
            (
                first,
                first.is_some_and(|e| untrusted.raw.reached(e)),
                first.is_some_and(|e| untrusted.unchecked.reached(e)),
            )
        }
        (Target::Element(e), None) => (Some(e), untrusted.raw.reached(e), untrusted.unchecked.reached(e)),
        (Target::Flow(f), None) => {
            let from = cx.ends[f].0;
            (Some(from), untrusted.raw.reached(from), untrusted.unchecked.reached(from))
        }
    };
    // Reach is most findings' premise, so it does not add likelihood; being directly attackable
    // does, and being out of attackers' reach (or reached only through validation) takes it away.
    if element
        .is_some_and(|e| untrusted.is_source(e) && !cx.has(e, KindTrait::Outside) && !cx.has(e, KindTrait::Person))
        && likelihood < 2
    {
        likelihood += 1;
        factors.push("likelihood up: attackers can send it content directly".into());
    } else if !unchecked && likelihood > 0 {
        likelihood -= 1;
        factors.push(if raw_reached {
            "likelihood down: untrusted content reaches it only through validated channels".into()
        } else {
            "likelihood down: nothing untrusted reaches it".into()
        });
    }

    let stake_at = match (target, path) {
        (_, Some(elements)) => elements.last().copied(),
        (Target::Element(e), None) => Some(e),
        (Target::Flow(f), None) => Some(cx.ends[f].1),
    };
    if let Some((stake, why)) = stake_at.and_then(|e| at_stake(cx, e)) {
        // What is at stake raises the threat's own impact by a step at most.
        if stake > impact {
            factors.push(format!("impact up: {why}"));
            impact += 1;
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
        assert_eq!(Severity::of(Likelihood::High, Impact::Critical), Severity::Critical);
        assert_eq!(Severity::of(Likelihood::High, Impact::High), Severity::High);
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

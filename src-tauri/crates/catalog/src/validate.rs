//! Every check a catalog must pass: unique ids, resolving references, valid values in
//! conditions, and completeness (every layer has threats; every threat a mitigation and a rule).
//! Errors name the file, the entry and the field.

use crate::condition::Condition;
use crate::load::{CatalogError, Located, Parts};
use crate::types::{Kind, PropertyTarget, PropertyType, RuleTarget, Stride, StrideClass};
use maestro_model::PropertyValue;
use std::collections::{BTreeMap, BTreeSet};

/// The pseudo-kind a threat lists in `targets` when it applies to flows.
pub(crate) const FLOW_TARGET: &str = "flow";
/// The pseudo-kind a threat lists in `targets` when graph analyses report paths for it.
pub(crate) const PATH_TARGET: &str = "path";

type Result<T = ()> = std::result::Result<T, CatalogError>;

fn unique_ids<'a, T>(entries: &'a [Located<T>], id: impl Fn(&'a T) -> &'a str) -> Result<BTreeSet<&'a str>> {
    let mut seen = BTreeSet::new();
    for (file, entry) in entries {
        let entry_id = id(entry);
        if entry_id.trim().is_empty() {
            return Err(CatalogError::invalid(file, "(unnamed)", "id", "an id cannot be empty"));
        }
        if !seen.insert(entry_id) {
            return Err(CatalogError::invalid(file, entry_id, "id", "this id is already used"));
        }
    }
    Ok(seen)
}

struct Ids<'a> {
    sources: BTreeSet<&'a str>,
    layers: BTreeSet<&'a str>,
    kinds: BTreeSet<&'a str>,
    threats: BTreeSet<&'a str>,
    mitigations: BTreeSet<&'a str>,
}

pub(crate) fn check(parts: &Parts) -> Result {
    let ids = Ids {
        sources: unique_ids(&parts.sources, |s| &s.id)?,
        layers: unique_ids(&parts.layers, |l| l.id.as_str())?,
        kinds: unique_ids(&parts.kinds, |k| &k.id)?,
        threats: unique_ids(&parts.threats, |t| &t.id)?,
        mitigations: unique_ids(&parts.mitigations, |m| &m.id)?,
    };
    unique_ids(&parts.properties, |p| &p.id)?;
    unique_ids(&parts.rules, |r| &r.id)?;
    if ids.kinds.contains(FLOW_TARGET) {
        return Err(CatalogError::invalid(&parts.kinds[0].0, FLOW_TARGET, "id", "'flow' is reserved for flow targets"));
    }
    check_properties(parts)?;
    check_layers(parts, &ids)?;
    check_kinds(parts, &ids)?;
    check_threats(parts, &ids)?;
    check_rules(parts, &ids)?;
    check_mitigations(parts, &ids)?;
    check_layer_rules(parts, &ids)?;
    check_completeness(parts)
}

fn check_properties(parts: &Parts) -> Result {
    for (file, p) in &parts.properties {
        let fail = |field: &str, message: String| Err(CatalogError::invalid(file, &p.id, field, message));
        match p.value_type {
            PropertyType::Enum if p.values.is_empty() => return fail("values", "an enum needs its values".into()),
            PropertyType::Bool if !p.values.is_empty() => return fail("values", "a bool has no values".into()),
            _ => {}
        }
        if !p.accepts(&p.default) {
            return fail("default", format!("{} is not an allowed value", show(&p.default)));
        }
        if p.applies_to.is_empty() {
            return fail("applies_to", "say what the property applies to".into());
        }
    }
    Ok(())
}

fn check_layers(parts: &Parts, ids: &Ids) -> Result {
    for (file, layer) in &parts.layers {
        if let Some(colour) = &layer.colour
            && !is_hex_colour(colour)
        {
            return Err(CatalogError::invalid(file, layer.id.as_str(), "colour", "a colour is written #rrggbb"));
        }
        for threat in &layer.primary_threats {
            if !ids.threats.contains(threat.as_str()) {
                return Err(CatalogError::invalid(
                    file,
                    layer.id.as_str(),
                    "primary_threats",
                    unknown("threat", threat),
                ));
            }
        }
    }
    Ok(())
}

fn check_kinds(parts: &Parts, ids: &Ids) -> Result {
    let cross_layers: BTreeSet<&str> =
        parts.layers.iter().filter(|(_, l)| l.cross_layer).map(|(_, l)| l.id.as_str()).collect();
    for (file, kind) in &parts.kinds {
        let fail = |field: &str, message: String| Err(CatalogError::invalid(file, &kind.id, field, message));
        if let Some(icon) = &kind.icon
            && let Err(message) = check_icon(icon)
        {
            return fail("icon", message);
        }
        let layer = kind.default_layer.as_str();
        if !ids.layers.contains(layer) {
            return fail("default_layer", unknown("layer", layer));
        }
        if cross_layers.contains(layer) {
            return fail("default_layer", format!("'{layer}' is not a layer an element can sit in"));
        }
        for property in &kind.properties {
            match parts.properties.iter().find(|(_, p)| &p.id == property) {
                None => return fail("properties", unknown("property", property)),
                Some((_, p)) if !p.applies_to.contains(&PropertyTarget::Element) => {
                    return fail("properties", format!("'{property}' does not apply to elements"));
                }
                Some(_) => {}
            }
        }
        for (property, value) in &kind.defaults {
            if !kind.properties.contains(property) {
                return fail("defaults", format!("'{property}' is not one of this kind's properties"));
            }
            let (_, definition) = parts.properties.iter().find(|(_, p)| &p.id == property).expect("checked above");
            if !definition.accepts(value) {
                return fail("defaults", format!("{} is not an allowed value of '{property}'", show(value)));
            }
        }
    }
    Ok(())
}

/// `#` and six hex digits: what the diagrams write into their styles as it is.
fn is_hex_colour(colour: &str) -> bool {
    colour.len() == 7 && colour.starts_with('#') && colour[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// The longest icon a kind may have; the built-in ones are under 200 characters.
const MAX_ICON_LEN: usize = 2_000;

/// An icon is SVG path data and nothing else (commands, numbers, separators), so it can be written
/// into a diagram's markup as it is.
fn check_icon(icon: &str) -> std::result::Result<(), String> {
    if icon.trim().is_empty() {
        return Err("an icon cannot be empty; leave it out for the placeholder".into());
    }
    if icon.len() > MAX_ICON_LEN {
        return Err(format!("an icon is at most {MAX_ICON_LEN} characters of path data"));
    }
    match icon.chars().find(|c| !(c.is_ascii_digit() || " ,.-+eE".contains(*c) || "MmLlHhVvCcSsQqTtAaZz".contains(*c)))
    {
        Some(c) => Err(format!("{c:?} is not part of SVG path data (commands such as M, L, C, A, Z and numbers)")),
        None => Ok(()),
    }
}

fn check_threats(parts: &Parts, ids: &Ids) -> Result {
    let mut aliases: BTreeMap<(&str, &str), &str> = BTreeMap::new();
    for (file, threat) in &parts.threats {
        let fail = |field: &str, message: String| Err(CatalogError::invalid(file, &threat.id, field, message));
        if threat.layers.is_empty() {
            return fail("layers", "a threat needs at least one layer".into());
        }
        if let Some(layer) = threat.layers.iter().find(|l| !ids.layers.contains(l.as_str())) {
            return fail("layers", unknown("layer", layer.as_str()));
        }
        if threat.stride.is_empty() {
            return fail("stride", "a threat needs at least one STRIDE category".into());
        }
        if threat.targets.is_empty() {
            return fail("targets", "a threat needs at least one target".into());
        }
        if let Some(target) =
            threat.targets.iter().find(|t| *t != FLOW_TARGET && *t != PATH_TARGET && !ids.kinds.contains(t.as_str()))
        {
            return fail("targets", unknown("kind", target));
        }
        if threat.mitigations.is_empty() {
            return fail("mitigations", "every threat needs at least one mitigation".into());
        }
        if let Some(m) = threat.mitigations.iter().find(|m| !ids.mitigations.contains(m.as_str())) {
            return fail("mitigations", unknown("mitigation", m));
        }
        if let Some(m) = threat.effects.keys().find(|m| !threat.mitigations.contains(m)) {
            return fail("effects", format!("'{m}' is not one of this threat's mitigations"));
        }
        if let Some(c) = threat.covers.iter().find(|c| !ids.threats.contains(c.as_str()) || *c == &threat.id) {
            return fail("covers", unknown("other threat", c));
        }
        if let Some(c) = threat.supersedes.iter().find(|c| !ids.threats.contains(c.as_str()) || *c == &threat.id) {
            return fail("supersedes", unknown("other threat", c));
        }
        if let Some(r) = threat.related.iter().find(|r| !ids.threats.contains(r.as_str())) {
            return fail("related", unknown("threat", r));
        }
        for alias in &threat.aliases {
            if !ids.sources.contains(alias.source.as_str()) {
                return fail("aliases", unknown("source", &alias.source));
            }
            if let Some(other) = aliases.insert((&alias.source, &alias.id), &threat.id) {
                return fail("aliases", format!("{} '{}' is already an alias of '{other}'", alias.source, alias.id));
            }
        }
        check_references(&threat.owasp_agentic, is_owasp_agentic_id, "ASI01 to ASI10")
            .or_else(|bad| fail("owasp_agentic", bad))?;
        check_references(&threat.owasp_llm, is_owasp_llm_id, "LLM01 to LLM10").or_else(|bad| fail("owasp_llm", bad))?;
        check_references(&threat.atlas, is_atlas_id, "an ATLAS id such as AML.T0051.001")
            .or_else(|bad| fail("atlas", bad))?;
    }
    Ok(())
}

fn check_references(values: &[String], valid: fn(&str) -> bool, expected: &str) -> std::result::Result<(), String> {
    match values.iter().find(|v| !valid(v)) {
        Some(bad) => Err(format!("'{bad}' is not {expected}")),
        None => Ok(()),
    }
}

fn two_digits_between_1_and_10(digits: &str) -> bool {
    digits.len() == 2 && digits.parse::<u8>().is_ok_and(|n| (1..=10).contains(&n))
}

fn is_owasp_agentic_id(id: &str) -> bool {
    id.strip_prefix("ASI").is_some_and(two_digits_between_1_and_10)
}

fn is_owasp_llm_id(id: &str) -> bool {
    id.strip_prefix("LLM").is_some_and(two_digits_between_1_and_10)
}

fn is_atlas_id(id: &str) -> bool {
    let Some(rest) = id.strip_prefix("AML.T") else { return false };
    let mut parts = rest.split('.');
    let technique = parts.next().unwrap_or_default();
    let sub = parts.next();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    digits(technique, 4) && sub.is_none_or(|s| digits(s, 3)) && parts.next().is_none()
}

fn check_rules(parts: &Parts, ids: &Ids) -> Result {
    for (file, rule) in &parts.rules {
        let fail = |field: &str, message: String| Err(CatalogError::invalid(file, &rule.id, field, message));
        let Some((_, threat)) = parts.threats.iter().find(|(_, t)| t.id == rule.threat) else {
            return fail("threat", unknown("threat", &rule.threat));
        };
        let graph_fields = rule.analysis.is_some() || rule.from.is_some() || rule.to.is_some();
        if rule.applies_to != RuleTarget::Path && graph_fields {
            return fail("analysis", "analysis, from and to belong to path rules".into());
        }
        match rule.applies_to {
            RuleTarget::Path => {
                if !threat.targets.iter().any(|t| t == PATH_TARGET) {
                    return fail("applies_to", format!("threat '{}' does not target paths", threat.id));
                }
                let Some(analysis) = rule.analysis else {
                    return fail("analysis", "a path rule names the graph analysis that finds its paths".into());
                };
                let needs_ends = analysis == crate::types::GraphAnalysis::AttackChain;
                if needs_ends != (rule.from.is_some() && rule.to.is_some()) {
                    return fail("from", "an attack-chain rule needs from and to; other analyses take neither".into());
                }
                for (field, condition) in [("from", &rule.from), ("to", &rule.to), ("when", &rule.when)] {
                    if let Some(condition) = condition {
                        check_condition(condition, PropertyTarget::Element, parts, ids).or_else(|m| fail(field, m))?;
                    }
                }
                if rule.because.trim().is_empty() {
                    return fail("because", "say why the threat applies".into());
                }
                continue;
            }
            RuleTarget::Element => {
                let target_kinds: Vec<&str> = threat
                    .targets
                    .iter()
                    .map(String::as_str)
                    .filter(|t| *t != FLOW_TARGET && *t != PATH_TARGET)
                    .collect();
                if target_kinds.is_empty() {
                    return fail("applies_to", format!("threat '{}' targets no element kinds", threat.id));
                }
                if let Some(kind) = rule.kinds.iter().find(|k| !target_kinds.contains(&k.as_str())) {
                    return fail("kinds", format!("'{kind}' is not among the targets of threat '{}'", threat.id));
                }
            }
            RuleTarget::Flow => {
                if !threat.targets.iter().any(|t| t == FLOW_TARGET) {
                    return fail("applies_to", format!("threat '{}' does not target flows", threat.id));
                }
                if !rule.kinds.is_empty() {
                    return fail("kinds", "a flow rule selects flows with from_kind and to_kind".into());
                }
            }
        }
        if rule.because.trim().is_empty() {
            return fail("because", "say why the threat applies".into());
        }
        // A rule must be able to give a finding: STRIDE per element keeps only the categories a
        // target's class admits, and a rule whose every target admits none of the threat's
        // categories would never say anything.
        let rule_kinds: Vec<&str> = match rule.applies_to {
            RuleTarget::Flow | RuleTarget::Path => vec![],
            RuleTarget::Element if rule.kinds.is_empty() => {
                threat.targets.iter().map(String::as_str).filter(|t| *t != FLOW_TARGET && *t != PATH_TARGET).collect()
            }
            RuleTarget::Element => rule.kinds.iter().map(String::as_str).collect(),
        };
        let admits_any = |admitted: &[Stride]| threat.stride.iter().any(|s| admitted.contains(s));
        if rule.applies_to == RuleTarget::Flow && !admits_any(&[Stride::T, Stride::I, Stride::D]) {
            return fail(
                "applies_to",
                format!("flows admit only T, I and D, and threat '{}' has none of them", threat.id),
            );
        }
        for kind_id in rule_kinds {
            if let Some((_, kind)) = parts.kinds.iter().find(|(_, k)| k.id == kind_id)
                && !admits_any(admitted_by(kind))
            {
                return fail(
                    "kinds",
                    format!("a {} admits none of threat '{}''s STRIDE categories", kind.id, threat.id),
                );
            }
        }
        if let Some(condition) = &rule.when {
            let target = match rule.applies_to {
                RuleTarget::Element | RuleTarget::Path => PropertyTarget::Element,
                RuleTarget::Flow => PropertyTarget::Flow,
            };
            check_condition(condition, target, parts, ids).or_else(|message| fail("when", message))?;
            if rule.applies_to == RuleTarget::Element {
                for kind_id in &rule_kinds_of(rule, threat) {
                    let Some((_, kind)) = parts.kinds.iter().find(|(_, k)| &k.id == kind_id) else { continue };
                    check_reads_own_properties(condition, kind).or_else(|message| fail("when", message))?;
                    if !satisfiable(condition, kind) {
                        return fail("when", format!("this condition can never hold for a {}", kind.id));
                    }
                }
            }
        }
    }
    Ok(())
}

/// The kinds an element rule looks at: its own list, else its threat's element targets.
fn rule_kinds_of(rule: &crate::types::Rule, threat: &crate::types::Threat) -> Vec<String> {
    if rule.kinds.is_empty() {
        threat.targets.iter().filter(|t| *t != FLOW_TARGET && *t != PATH_TARGET).cloned().collect()
    } else {
        rule.kinds.clone()
    }
}

/// A rule may only read properties its target kind has: reading any other would test the
/// property's default, a value the model can never change.
fn check_reads_own_properties(condition: &Condition, kind: &Kind) -> std::result::Result<(), String> {
    let mut missing = None;
    element_properties_read(condition, &mut |property| {
        if missing.is_none() && !kind.properties.iter().any(|p| p == property) {
            missing = Some(property.to_owned());
        }
    });
    match missing {
        Some(property) => Err(format!("a {} has no property '{property}'", kind.id)),
        None => Ok(()),
    }
}

/// Every property a condition reads on its element (not on the flows `inbound_all` looks at).
fn element_properties_read<'a>(condition: &'a Condition, visit: &mut impl FnMut(&'a str)) {
    match condition {
        Condition::All(items) | Condition::Any(items) => items.iter().for_each(|c| element_properties_read(c, visit)),
        Condition::Not(inner) => element_properties_read(inner, visit),
        Condition::Is(property, _) | Condition::OneOf(property, _) | Condition::States(property, _) => visit(property),
        _ => {}
    }
}

/// Whether a condition can hold for some element of `kind`: false when it asks for another kind
/// or trait, or for two values of one property at once. Conservative: graph forms and `not` are
/// taken as satisfiable.
pub(crate) fn satisfiable(condition: &Condition, kind: &Kind) -> bool {
    match condition {
        Condition::Any(items) => items.iter().any(|c| satisfiable(c, kind)),
        Condition::All(items) => {
            if !items.iter().all(|c| satisfiable(c, kind)) {
                return false;
            }
            // Values each property may take, narrowed by every direct `is` and `one_of`.
            let mut allowed: BTreeMap<&str, Vec<&PropertyValue>> = BTreeMap::new();
            for item in items {
                let (property, values): (&str, Vec<&PropertyValue>) = match item {
                    Condition::Is(p, v) => (p, vec![v]),
                    Condition::OneOf(p, vs) => (p, vs.iter().collect()),
                    _ => continue,
                };
                let entry = allowed.entry(property).or_insert_with(|| values.clone());
                entry.retain(|v| values.contains(v));
                if entry.is_empty() {
                    return false;
                }
            }
            true
        }
        Condition::Kind(kinds) => kinds.iter().any(|k| k == &kind.id),
        Condition::Trait(traits) => traits.iter().any(|t| kind.traits.contains(t)),
        _ => true,
    }
}

fn check_layer_rules(parts: &Parts, ids: &Ids) -> Result {
    unique_ids(&parts.layer_rules, |r| &r.id)?;
    for (file, rule) in &parts.layer_rules {
        let fail = |field: &str, message: String| Err(CatalogError::invalid(file, &rule.id, field, message));
        let Some((_, layer)) = parts.layers.iter().find(|(_, l)| l.id == rule.layer) else {
            return fail("layer", unknown("layer", rule.layer.as_str()));
        };
        if layer.cross_layer {
            return fail("layer", format!("'{}' is not a layer an element can sit in", layer.id.as_str()));
        }
        if !rule.kinds.is_empty() {
            check_kinds_exist(&rule.kinds, ids).or_else(|m| fail("kinds", m))?;
        }
        check_condition(&rule.when, PropertyTarget::Element, parts, ids).or_else(|m| fail("when", m))?;
        if rule.reason.trim().is_empty() {
            return fail("reason", "say why the element touches this layer".into());
        }
    }
    Ok(())
}

/// Microsoft's STRIDE per element.
fn admitted_by(kind: &Kind) -> &'static [Stride] {
    use Stride::*;
    match kind.stride_class {
        StrideClass::ExternalEntity => &[S, R],
        StrideClass::Process => &[S, T, R, I, D, E],
        StrideClass::DataStore if kind.holds_logs => &[T, R, I, D],
        StrideClass::DataStore => &[T, I, D],
    }
}

fn check_mitigations(parts: &Parts, ids: &Ids) -> Result {
    for (file, mitigation) in &parts.mitigations {
        let fail = |field: &str, message: String| Err(CatalogError::invalid(file, &mitigation.id, field, message));
        if !ids.layers.contains(mitigation.layer.as_str()) {
            return fail("layer", unknown("layer", mitigation.layer.as_str()));
        }
        if let Some(condition) = &mitigation.in_place_when {
            // Evidence is read from whatever a finding targets, element or flow.
            check_condition_any_target(condition, parts, ids).or_else(|message| fail("in_place_when", message))?;
        }
    }
    Ok(())
}

/// Checks a condition evaluated on a target of type `target`. `inbound_all` switches to flows.
fn check_condition(
    condition: &Condition,
    target: PropertyTarget,
    parts: &Parts,
    ids: &Ids,
) -> std::result::Result<(), String> {
    match condition {
        Condition::All(items) | Condition::Any(items) => {
            if items.is_empty() {
                return Err("all and any need at least one condition".into());
            }
            items.iter().try_for_each(|c| check_condition(c, target, parts, ids))
        }
        Condition::Not(inner) => check_condition(inner, target, parts, ids),
        Condition::InboundAll(inner) => {
            if target != PropertyTarget::Element {
                return Err("inbound_all looks at the flows into an element".into());
            }
            check_condition(inner, PropertyTarget::Flow, parts, ids)
        }
        Condition::Is(property, value) => check_property_value(property, value, target, parts),
        Condition::OneOf(property, values) | Condition::States(property, values) => {
            if values.is_empty() {
                return Err(format!("one_of '{property}' lists no values"));
            }
            values.iter().try_for_each(|v| check_property_value(property, v, target, parts))
        }
        Condition::FedBy(kinds) | Condition::Feeds(kinds) => {
            if target != PropertyTarget::Element {
                return Err("fed_by and feeds look at an element's neighbours".into());
            }
            check_kinds_exist(kinds, ids)
        }
        Condition::Kind(kinds) => {
            if target != PropertyTarget::Element {
                return Err("kind looks at an element".into());
            }
            check_kinds_exist(kinds, ids)
        }
        Condition::InBoundary(levels) | Condition::WithinBoundary(levels) => {
            let flow = matches!(condition, Condition::WithinBoundary(_));
            if flow && target != PropertyTarget::Flow {
                return Err("within_boundary looks at a flow's ends".into());
            }
            if !flow && target != PropertyTarget::Element {
                return Err("in_boundary looks at an element".into());
            }
            if levels.is_empty() {
                return Err("in_boundary and within_boundary list trust levels".into());
            }
            levels.iter().try_for_each(|level| {
                check_property_value("trust", &PropertyValue::Text(level.clone()), PropertyTarget::Boundary, parts)
            })
        }
        Condition::FromKind(kinds) | Condition::ToKind(kinds) => {
            if target != PropertyTarget::Flow {
                return Err("from_kind and to_kind look at a flow's ends".into());
            }
            check_kinds_exist(kinds, ids)
        }
        Condition::FedByWhere(inner) | Condition::FeedsWhere(inner) => {
            if target != PropertyTarget::Element {
                return Err("fed_by_where and feeds_where look at an element's neighbours".into());
            }
            check_condition(inner, PropertyTarget::Element, parts, ids)
        }
        Condition::Trait(traits) | Condition::FedByTrait(traits) | Condition::FeedsTrait(traits) => {
            if target != PropertyTarget::Element {
                return Err("trait, fed_by_trait and feeds_trait look at elements".into());
            }
            if traits.is_empty() {
                return Err("list at least one trait".into());
            }
            Ok(())
        }
        Condition::UntrustedSource(_)
        | Condition::ReachedByUntrusted(_)
        | Condition::ReachedFirstHand(_)
        | Condition::ReachedUnchecked(_)
        | Condition::PrivateData(_)
        | Condition::PrivateDataFromOutside(_)
        | Condition::RestrictedData(_)
        | Condition::OutboundChannel(_)
        | Condition::ConversesWithUntrusted(_)
        | Condition::PointOfImpact(_) => {
            if target != PropertyTarget::Element {
                return Err(
                    "reached_by_untrusted, reached_unchecked, private_data and outbound_channel look at elements"
                        .into(),
                );
            }
            Ok(())
        }
    }
}

fn check_condition_any_target(condition: &Condition, parts: &Parts, ids: &Ids) -> std::result::Result<(), String> {
    check_condition(condition, PropertyTarget::Element, parts, ids)
        .or_else(|_| check_condition(condition, PropertyTarget::Flow, parts, ids))
}

fn check_kinds_exist(kinds: &[String], ids: &Ids) -> std::result::Result<(), String> {
    if kinds.is_empty() {
        return Err("list at least one kind".into());
    }
    match kinds.iter().find(|k| !ids.kinds.contains(k.as_str())) {
        Some(kind) => Err(unknown("kind", kind)),
        None => Ok(()),
    }
}

fn check_property_value(
    property: &str,
    value: &PropertyValue,
    target: PropertyTarget,
    parts: &Parts,
) -> std::result::Result<(), String> {
    let Some((_, definition)) = parts.properties.iter().find(|(_, p)| p.id == property) else {
        return Err(unknown("property", property));
    };
    if !definition.applies_to.contains(&target) {
        return Err(format!("'{property}' does not apply to {}s", target_name(target)));
    }
    if !definition.accepts(value) {
        return Err(format!("{} is not an allowed value of '{property}'", show(value)));
    }
    Ok(())
}

fn check_completeness(parts: &Parts) -> Result {
    for (file, layer) in &parts.layers {
        if !parts.threats.iter().any(|(_, t)| t.layers.contains(&layer.id)) {
            return Err(CatalogError::invalid(file, layer.id.as_str(), "id", "no threat is placed in this layer"));
        }
    }
    for (file, threat) in &parts.threats {
        if !parts.rules.iter().any(|(_, r)| r.threat == threat.id) {
            return Err(CatalogError::invalid(file, &threat.id, "rule", "every threat needs at least one rule"));
        }
    }
    Ok(())
}

fn target_name(target: PropertyTarget) -> &'static str {
    match target {
        PropertyTarget::Element => "element",
        PropertyTarget::Flow => "flow",
        PropertyTarget::Boundary => "boundary",
    }
}

fn unknown(what: &str, id: &str) -> String {
    format!("there is no {what} '{id}'")
}

fn show(value: &PropertyValue) -> String {
    match value {
        PropertyValue::Bool(b) => b.to_string(),
        PropertyValue::Number(n) => n.to_string(),
        PropertyValue::Text(t) => format!("'{t}'"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_formats() {
        assert!(is_owasp_agentic_id("ASI01") && is_owasp_agentic_id("ASI10"));
        assert!(!is_owasp_agentic_id("ASI11") && !is_owasp_agentic_id("ASI1") && !is_owasp_agentic_id("LLM01"));
        assert!(is_owasp_llm_id("LLM05") && !is_owasp_llm_id("LLM00"));
        assert!(is_atlas_id("AML.T0051") && is_atlas_id("AML.T0051.001"));
        assert!(!is_atlas_id("AML.T51") && !is_atlas_id("AML.T0051.1") && !is_atlas_id("T0051"));
    }
}

#[cfg(test)]
mod looks_tests {
    use super::{check_icon, is_hex_colour};

    #[test]
    fn an_icon_is_path_data_and_nothing_that_could_leave_the_attribute() {
        assert!(check_icon("M7 8h10a2 2 0 0 1 2 2v7z M12 4v4 M9.5 13.5h.01 M1e-3 2").is_ok());
        for hostile in [r#"M0 0"/><script>alert(1)</script>"#, "M0 0' onload='x", "url(#a)", "M0 0;", "", "  "] {
            assert!(check_icon(hostile).is_err(), "{hostile:?} was taken as an icon");
        }
        assert!(check_icon(&"M1 1".repeat(1_000)).is_err(), "an icon has a length limit");
    }

    #[test]
    fn a_layer_colour_is_hash_and_six_hex_digits() {
        assert!(is_hex_colour("#8a6be0") && is_hex_colour("#FFFFFF"));
        for bad in ["8a6be0", "#8a6be", "#8a6be0;", "red", "#ggg000", "#8a6be0\"", ""] {
            assert!(!is_hex_colour(bad), "{bad:?} was taken as a colour");
        }
    }
}

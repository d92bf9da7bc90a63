//! Model → text → model is the identity, for any model the catalog knows: layout, texts,
//! layer choices, boundaries and their nesting, and decisions included; and the same model
//! always gives the same bytes.

use crate::{Format, parse, to_text};
use maestro_catalog::{Catalog, PropertyType};
use maestro_model::{
    Boundary, Decision, DecisionStatus, Element, Flow, LayerOverride, Model, Position, Properties, PropertyValue, Size,
};
use proptest::prelude::*;

/// Text that YAML would read as something else if written carelessly, and plain words.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("yes".to_owned()),
        Just("null".to_owned()),
        Just("~".to_owned()),
        Just("1e3".to_owned()),
        Just("- item: 'quoted' \"double\" # not a comment".to_owned()),
        Just("  leading and trailing  ".to_owned()),
        Just("line one\nline two\n".to_owned()),
        Just("<script>alert(1)</script> «ünïcode» 🚀".to_owned()),
        "[a-zA-Z0-9 ,.:;!?'\"#&*{}\\[\\]|>@`%-]{0,40}",
        any::<String>().prop_map(|s| s.chars().filter(|c| !c.is_control() || *c == '\n').take(60).collect()),
    ]
}

fn name() -> impl Strategy<Value = String> {
    text().prop_map(|t| if t.trim().is_empty() { format!("named {t}") } else { t })
}

fn coordinate() -> impl Strategy<Value = f64> {
    prop_oneof![-1e6..1e6f64, Just(0.0), Just(-120.5), Just(1e-9), Just(123456.789)]
}

/// A valid value for each property that applies to an element of `kind`.
fn properties_for(catalog: &Catalog, names: &[String]) -> impl Strategy<Value = Properties> + use<> {
    let choices: Vec<(String, Vec<PropertyValue>)> = names
        .iter()
        .filter_map(|n| catalog.property(n))
        .map(|p| {
            let values = match p.value_type {
                PropertyType::Bool => vec![PropertyValue::Bool(true), PropertyValue::Bool(false)],
                PropertyType::Enum => p.values.iter().map(|v| PropertyValue::Text(v.clone())).collect(),
            };
            (p.id.clone(), values)
        })
        .collect();
    let picks: Vec<_> = choices
        .into_iter()
        .map(|(id, values)| proptest::option::of(proptest::sample::select(values)).prop_map(move |v| (id.clone(), v)))
        .collect();
    picks.prop_map(|chosen| chosen.into_iter().filter_map(|(id, v)| Some((id, v?))).collect())
}

fn element(catalog: &'static Catalog, index: usize) -> impl Strategy<Value = Element> {
    let kinds: Vec<&'static maestro_catalog::Kind> = catalog.kinds.iter().collect();
    proptest::sample::select(kinds).prop_flat_map(move |kind| {
        (
            name(),
            coordinate(),
            coordinate(),
            properties_for(catalog, &kind.properties),
            proptest::option::of((proptest::sample::select(vec!["L1", "L2", "L3", "L4", "L5", "L6", "L7"]), name())),
            text(),
            text(),
        )
            .prop_map(move |(name, x, y, properties, layer, description, notes)| Element {
                id: format!("{}-{index}", kind.id).into(),
                kind: kind.id.as_str().into(),
                name,
                position: Position::new(x, y),
                properties,
                layer_override: layer
                    .map(|(layer, justification)| LayerOverride { layer: layer.into(), justification }),
                description,
                notes,
            })
    })
}

fn model() -> impl Strategy<Value = Model> {
    let catalog = Catalog::builtin();
    let flow_names: Vec<String> = catalog
        .properties
        .iter()
        .filter(|p| p.applies_to.contains(&maestro_catalog::PropertyTarget::Flow))
        .map(|p| p.id.clone())
        .collect();
    (1usize..8)
        .prop_flat_map(move |n| {
            let elements: Vec<_> = (0..n).map(|i| element(catalog, i)).collect();
            let flows =
                proptest::collection::vec((0..n, 0..n, text(), properties_for(catalog, &flow_names), text()), 0..10);
            let boundaries = proptest::collection::vec(
                (
                    name(),
                    proptest::collection::btree_set(0..n, 0..=n),
                    coordinate(),
                    coordinate(),
                    40.0..2000.0f64,
                    40.0..2000.0f64,
                    any::<bool>(),
                ),
                0..4,
            );
            let decisions = proptest::collection::btree_map(
                "[a-z-]{3,20}:[a-z0-9-]{1,12}",
                (
                    proptest::sample::select(vec![
                        DecisionStatus::Accepted,
                        DecisionStatus::Transferred,
                        DecisionStatus::NotApplicable,
                    ]),
                    name(),
                ),
                0..4,
            );
            (name(), text(), elements, flows, boundaries, decisions)
        })
        .prop_map(|(name, description, elements, flows, boundaries, decisions)| {
            let mut model = Model::new(name);
            model.description = description;
            let ids: Vec<_> = elements.iter().map(|e| e.id.clone()).collect();
            model.elements = elements;
            for (i, (from, to, flow_name, properties, notes)) in flows.into_iter().enumerate() {
                if from != to {
                    model.flows.push(Flow {
                        id: format!("flow-{i}").into(),
                        from: ids[from].clone(),
                        to: ids[to].clone(),
                        name: flow_name,
                        properties,
                        notes,
                        ..Default::default()
                    });
                }
            }
            for (i, (name, members, x, y, width, height, nested)) in boundaries.into_iter().enumerate() {
                model.boundaries.push(Boundary {
                    id: format!("zone-{i}").into(),
                    name,
                    contains: members.into_iter().map(|m| ids[m].clone()).collect(),
                    parent: (nested && i > 0).then(|| format!("zone-{}", i - 1).into()),
                    position: Position::new(x, y),
                    size: Size::new(width, height),
                    ..Default::default()
                });
            }
            model.decisions = decisions
                .into_iter()
                .map(|(finding, (status, justification))| Decision { finding: finding.into(), status, justification })
                .collect();
            model
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_model_read_back_from_its_text_is_the_same_model(model in model()) {
        for format in [Format::Yaml, Format::Json] {
            let text = to_text(&model, format);
            let read = parse(&text, format, Catalog::builtin()).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
            prop_assert_eq!(&read, &model, "{:?}:\n{}", format, text);
            prop_assert_eq!(to_text(&read, format), text, "the same model gives the same bytes");
        }
    }
}

#[test]
fn deeply_nested_text_is_an_error_not_a_stack_overflow() {
    let depth = 5_000;
    let yaml = format!("name: deep\ndescription: {}{}", "[".repeat(depth), "]".repeat(depth));
    let json = format!("{{\"name\": \"deep\", \"description\": {}{}}}", "[".repeat(depth), "]".repeat(depth));
    for (text, format) in [(yaml, Format::Yaml), (json, Format::Json)] {
        // On a small stack, as a worker thread would have.
        let outcome = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || parse(&text, format, Catalog::builtin()).map(|_| ()))
            .unwrap()
            .join()
            .expect("parsing must not overflow the stack");
        assert!(matches!(outcome, Err(crate::ModelFileError::Syntax(_))), "{format:?}: {outcome:?}");
    }
}

#[test]
fn text_longer_than_any_model_is_refused_before_it_is_parsed() {
    let text = format!("name: big\ndescription: '{}'\n", "x".repeat(crate::MAX_TEXT_BYTES));
    let error = parse(&text, Format::Yaml, Catalog::builtin()).unwrap_err();
    assert!(matches!(error, crate::ModelFileError::TooLarge { .. }), "{error:?}");
    assert!(error.to_string().contains("more than the 67108864 bytes a model may take"), "{error}");
}

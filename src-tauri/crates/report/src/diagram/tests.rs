use super::*;
use maestro_analysis::analyze;
use maestro_catalog::Catalog;
use maestro_model::{Boundary, Flow, Model, PropertyValue, Size};

/// The bundled sample, as a user first sees it.
fn sample() -> Model {
    maestro_document::sample_model()
}

fn drawn(model: &Model, options: &DiagramOptions) -> Result<String, DiagramError> {
    let analysis = analyze(model, Catalog::builtin());
    svg(&Subject { model, analysis: &analysis, catalog: Catalog::builtin(), source: "m.maestro" }, options)
}

fn parse(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("the SVG is not well-formed XML: {e}\n{svg}"))
}

/// The `<g>` carrying `attribute="value"`.
fn group<'a, 'i>(doc: &'a roxmltree::Document<'i>, attribute: &str, value: &str) -> roxmltree::Node<'a, 'i> {
    doc.descendants()
        .find(|n| n.has_tag_name("g") && n.attribute(attribute) == Some(value))
        .unwrap_or_else(|| panic!("no part with {attribute}={value:?}"))
}

/// Whether `drawn` is `text`, or `text` cut short with an ellipsis to fit.
fn shows(drawn: &str, text: &str) -> bool {
    drawn == text || drawn.strip_suffix('…').is_some_and(|start| !start.is_empty() && text.starts_with(start))
}

/// The texts drawn inside a node, in order (titles left out).
fn texts(node: roxmltree::Node) -> Vec<String> {
    node.descendants().filter(|n| n.has_tag_name("text")).filter_map(|n| n.text()).map(str::to_owned).collect()
}

#[test]
fn every_element_flow_and_boundary_of_the_sample_is_drawn_where_the_model_puts_it() {
    let model = sample();
    let svg = drawn(&model, &DiagramOptions::default()).unwrap();
    let doc = parse(&svg);
    for element in &model.elements {
        let g = group(&doc, "data-element", element.id.as_str());
        let card = g.descendants().find(|n| n.has_tag_name("rect") && n.attribute("rx") == Some("8")).unwrap();
        let at = |a: &str| card.attribute(a).unwrap().parse::<f64>().unwrap();
        assert!((at("x") - element.position.x).abs() < 0.01 && (at("y") - element.position.y).abs() < 0.01);
        assert!(shows(&texts(g)[0], &element.name), "{:?} is drawn as {:?}", element.name, texts(g)[0]);
        let title = g.children().find(|n| n.has_tag_name("title")).and_then(|t| t.text()).unwrap();
        assert!(title.contains(element.name.as_str()), "the full name is in the title: {title}");
        assert_eq!(g.attribute("data-kind"), Some(element.kind.as_str()));
    }
    for flow in &model.flows {
        let g = group(&doc, "data-flow", flow.id.as_str());
        if !flow.name.is_empty() {
            let label = texts(g)[0].trim_start_matches("⚠ ").to_owned();
            assert!(shows(&label, &flow.name), "{:?} is labelled {label:?}", flow.name);
        }
    }
    for boundary in &model.boundaries {
        let g = group(&doc, "data-boundary", boundary.id.as_str());
        assert!(shows(&texts(g)[0], &boundary.name), "{:?} is titled {:?}", boundary.name, texts(g)[0]);
    }
    assert!(doc.descendants().any(|n| n.attribute("data-legend").is_some()), "the legend is there");
}

#[test]
fn the_same_model_always_gives_the_same_bytes() {
    let model = sample();
    assert_eq!(drawn(&model, &DiagramOptions::default()), drawn(&model, &DiagramOptions::default()));
}

#[test]
fn open_findings_are_counted_on_each_element_in_the_colour_of_the_worst() {
    let model = sample();
    let analysis = analyze(&model, Catalog::builtin());
    let svg = drawn(&model, &DiagramOptions::default()).unwrap();
    let doc = parse(&svg);
    for element in &model.elements {
        let open: Vec<_> = analysis
            .findings
            .iter()
            .filter(|f| f.status == FindingStatus::Open && f.targets.iter().any(|t| t == element.id.as_str()))
            .collect();
        let g = group(&doc, "data-element", element.id.as_str());
        let badge = g.descendants().find(|n| n.attribute("data-open-findings").is_some());
        match open.iter().map(|f| f.severity).max() {
            None => assert!(badge.is_none(), "{} has no open findings but a badge", element.id),
            Some(worst) => {
                let badge = badge.unwrap_or_else(|| panic!("{} has open findings and no badge", element.id));
                assert_eq!(badge.attribute("data-open-findings"), Some(open.len().to_string().as_str()));
                assert_eq!(badge.attribute("data-worst"), Some(worst.as_str()));
            }
        }
    }
}

#[test]
fn a_flow_crossing_a_trust_boundary_is_dashed_and_marked_and_one_inside_is_not() {
    let element = |id: &str, x: f64| maestro_model::Element {
        id: id.into(),
        kind: "agent".into(),
        name: id.into(),
        position: maestro_model::Position::new(x, 0.0),
        ..Default::default()
    };
    let mut model = Model::new("Crossing");
    model.elements = vec![element("a", 0.0), element("b", 300.0), element("c", 900.0)];
    let flow = |id: &str, from: &str, to: &str| Flow {
        id: id.into(),
        from: from.into(),
        to: to.into(),
        name: "calls".into(),
        ..Default::default()
    };
    model.flows = vec![flow("inside", "a", "b"), flow("out", "b", "c")];
    model.boundaries = vec![Boundary {
        id: "zone".into(),
        name: "Zone".into(),
        contains: vec!["a".into(), "b".into()],
        properties: [("trust".to_owned(), PropertyValue::Text("trusted".into()))].into(),
        position: maestro_model::Position::new(-40.0, -60.0),
        size: Size::new(620.0, 180.0),
        ..Default::default()
    }];
    let svg = drawn(&model, &DiagramOptions::default()).unwrap();
    let doc = parse(&svg);
    assert_eq!(group(&doc, "data-flow", "inside").attribute("data-crossing"), Some("false"));
    let out = group(&doc, "data-flow", "out");
    assert_eq!(out.attribute("data-crossing"), Some("true"));
    assert_eq!(texts(out), ["⚠ calls"]);
    assert_eq!(group(&doc, "data-boundary", "zone").attribute("data-trust"), Some("trusted"));
}

#[test]
fn hostile_names_stay_text_in_well_formed_markup() {
    let mut model = sample();
    let hostile = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "a\u{0}b\u{1b}[31m & 'quoted'",
        "two\nlines</text><script>x</script>",
    ];
    for (element, name) in model.elements.iter_mut().zip(hostile.iter().cycle()) {
        element.name = (*name).to_owned();
    }
    for (flow, name) in model.flows.iter_mut().zip(hostile.iter().rev().cycle()) {
        flow.name = (*name).to_owned();
    }
    for boundary in &mut model.boundaries {
        boundary.name = hostile[1].to_owned();
        boundary.properties.insert("trust".into(), PropertyValue::Text("\"/><script>".into()));
    }
    model.name = hostile[0].to_owned();
    let svg = drawn(&model, &DiagramOptions::default()).unwrap();
    let doc = parse(&svg);
    let tags: HashSet<&str> = doc.descendants().filter(|n| n.is_element()).map(|n| n.tag_name().name()).collect();
    let allowed = ["svg", "title", "defs", "marker", "path", "rect", "text", "g"];
    assert!(tags.iter().all(|t| allowed.contains(t)), "unexpected tags {tags:?}");
    assert!(
        doc.descendants().flat_map(|n| n.attributes()).all(|a| !a.name().starts_with("on")),
        "an event handler got into the markup"
    );
    let drawn_texts = texts(doc.root_element());
    assert!(drawn_texts.iter().any(|t| t.starts_with("<script>")), "the name is drawn as text: {drawn_texts:?}");
}

#[test]
fn a_highlighted_layer_dims_everything_outside_it() {
    let model = sample();
    let analysis = analyze(&model, Catalog::builtin());
    let layer = LayerId("L3".into());
    let options = DiagramOptions { highlight: Highlight::Layer(layer.clone()), ..Default::default() };
    let svg = drawn(&model, &options).unwrap();
    let doc = parse(&svg);
    for assignment in &analysis.layers {
        let g = group(&doc, "data-element", assignment.element.as_str());
        assert_eq!(g.attribute("opacity").is_none(), assignment.touches(&layer), "{}", assignment.element);
    }
}

#[test]
fn a_highlighted_chain_marks_its_path_and_dims_the_rest() {
    let model = sample();
    let analysis = analyze(&model, Catalog::builtin());
    let chain = analysis.findings.iter().find(|f| !f.path.is_empty()).expect("the sample has a chain");
    let options = DiagramOptions { highlight: Highlight::Finding(chain.id.clone()), ..Default::default() };
    let svg = drawn(&model, &options).unwrap();
    let doc = parse(&svg);
    for element in &model.elements {
        let g = group(&doc, "data-element", element.id.as_str());
        let on_path = chain.path.iter().any(|p| p == element.id.as_str());
        if on_path {
            assert!(g.attribute("opacity").is_none());
            assert!(g.children().any(|n| n.attribute("stroke") == Some(palette::PATH)), "{} is not marked", element.id);
        }
    }
    let dimmed =
        model.elements.iter().filter(|e| group(&doc, "data-element", e.id.as_str()).attribute("opacity").is_some());
    assert!(dimmed.count() > 0, "the rest of the model recedes");
}

#[test]
fn band_view_puts_each_element_in_the_row_of_its_layer() {
    let model = sample();
    let analysis = analyze(&model, Catalog::builtin());
    let options = DiagramOptions { arrangement: Arrangement::Bands, ..Default::default() };
    let svg = drawn(&model, &options).unwrap();
    let doc = parse(&svg);
    assert!(doc.descendants().all(|n| n.attribute("data-boundary").is_none()), "boundaries are left out");
    let row_of = |layer: &str| bands::ROWS.iter().position(|l| *l == layer);
    for assignment in &analysis.layers {
        let g = group(&doc, "data-element", assignment.element.as_str());
        let card = g.descendants().find(|n| n.has_tag_name("rect") && n.attribute("rx") == Some("8")).unwrap();
        let y: f64 = card.attribute("y").unwrap().parse().unwrap();
        let layer = assignment.primary.as_ref().map(|l| l.as_str()).unwrap_or("?");
        if let Some(row) = row_of(layer) {
            assert_eq!(y, row as f64 * bands::ROW, "{} in {layer}", assignment.element);
        }
    }
    for layer in ["L1", "L2", "L3", "L4", "L5", "L6", "L7"] {
        group(&doc, "data-band", layer);
    }
}

#[test]
fn a_scale_sizes_the_picture_and_bad_options_are_refused_with_a_reason() {
    let model = sample();
    let plain = drawn(&model, &DiagramOptions::default()).unwrap();
    let double = drawn(&model, &DiagramOptions { scale: 2.0, ..Default::default() }).unwrap();
    let width = |svg: &str| -> f64 { parse(svg).root_element().attribute("width").unwrap().parse().unwrap() };
    assert!((width(&double) - 2.0 * width(&plain)).abs() < 0.02);
    for scale in [0.0, -1.0, f64::NAN, 9.0] {
        assert!(matches!(
            drawn(&model, &DiagramOptions { scale, ..Default::default() }),
            Err(DiagramError::BadScale(_))
        ));
    }
    let missing = DiagramOptions { highlight: Highlight::Finding("no-such:thing".into()), ..Default::default() };
    assert_eq!(drawn(&model, &missing), Err(DiagramError::NoSuchFinding("no-such:thing".into())));
    let layer = DiagramOptions { highlight: Highlight::Layer(LayerId("L9".into())), ..Default::default() };
    assert_eq!(drawn(&model, &layer), Err(DiagramError::NoSuchLayer("L9".into())));
}

#[test]
fn an_empty_model_is_drawn_with_its_title_and_legend() {
    let svg = drawn(&Model::new("Nothing yet"), &DiagramOptions::default()).unwrap();
    let doc = parse(&svg);
    assert!(texts(doc.root_element()).contains(&"Nothing yet".to_owned()));
}

//! Exporting the diagram: the SVG the app writes is the one the command line writes for the same
//! model, and it draws what the canvas shows (the same elements at the same places, the same
//! names, flow labels, crossings and boundaries' trust).

use crate::support::App;
use anyhow::{Context, Result, bail, ensure};
use maestro_catalog::Catalog;
use std::path::Path;
use std::time::{Duration, Instant};

const SAMPLE: &str = "coding-assistant";

/// The diagram of the sample as the report crate draws it, parsed.
fn exported_svg(model: &maestro_model::Model) -> Result<String> {
    let analysis = maestro_analysis::analyze(model, Catalog::builtin());
    let subject = maestro_report::Subject { model, analysis: &analysis, catalog: Catalog::builtin(), source: SAMPLE };
    Ok(maestro_report::svg(&subject, &maestro_report::DiagramOptions::default())?)
}

/// The `<g>` carrying `attribute="value"` and the texts drawn in it.
fn part<'a, 'i>(
    doc: &'a roxmltree::Document<'i>,
    attribute: &str,
    value: &str,
) -> Result<(roxmltree::Node<'a, 'i>, Vec<String>)> {
    let node = doc
        .descendants()
        .find(|n| n.has_tag_name("g") && n.attribute(attribute) == Some(value))
        .with_context(|| format!("the diagram has no part with {attribute}={value:?}"))?;
    let texts =
        node.descendants().filter(|n| n.has_tag_name("text")).filter_map(|n| n.text()).map(str::to_owned).collect();
    Ok((node, texts))
}

/// Whether a drawn label is `text`, or `text` cut short with an ellipsis.
fn shows(drawn: &str, text: &str) -> bool {
    drawn == text || drawn.strip_suffix('…').is_some_and(|start| !start.is_empty() && text.starts_with(start))
}

async fn wait_for_file(path: &Path) -> Result<Vec<u8>> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Ok(bytes) = std::fs::read(path)
            && !bytes.is_empty()
        {
            // Let the writer finish.
            tokio::time::sleep(Duration::from_millis(300)).await;
            return Ok(std::fs::read(path)?);
        }
        if Instant::now() > deadline {
            bail!("{} was not written", path.display());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn the_exported_diagram_draws_what_the_canvas_shows() -> Result<()> {
    let model = maestro_document::sample(SAMPLE, Catalog::builtin()).context("the sample")?;
    let svg = exported_svg(&model)?;
    let doc = roxmltree::Document::parse(&svg)?;

    let app = App::launch(&[]).await?;
    app.select_option("sample-picker", SAMPLE).await?;
    app.wait_for_text("boundary-name-namespace", "Agent namespace").await?;

    // The canvas puts every element where the model (and so the diagram) does.
    for element in &model.elements {
        let (x, y) = app.node_position(element.id.as_str()).await?;
        ensure!(
            (x - element.position.x).abs() < 1.0 && (y - element.position.y).abs() < 1.0,
            "{} is at ({x}, {y}) on the canvas and ({}, {}) in the diagram",
            element.id,
            element.position.x,
            element.position.y
        );
        let on_canvas = app.text(&format!("element-name-{}", element.id)).await?;
        let (_, drawn) = part(&doc, "data-element", element.id.as_str())?;
        ensure!(on_canvas == element.name && shows(&drawn[0], &on_canvas), "{on_canvas:?} is drawn as {:?}", drawn[0]);
        let badge = app.text(&format!("layer-badge-{}", element.id)).await?;
        let (g, _) = part(&doc, "data-element", element.id.as_str())?;
        ensure!(g.attribute("data-layer") == Some(badge.as_str()), "{}: layer {badge} on the canvas", element.id);
    }
    for flow in &model.flows {
        let (g, drawn) = part(&doc, "data-flow", flow.id.as_str())?;
        let crossing = app.attr(&format!("flow-{}", flow.id), "data-crossing").await?;
        ensure!(
            g.attribute("data-crossing") == Some(crossing.as_str()),
            "{} crossing: {crossing} on the canvas",
            flow.id
        );
        let label = app.text(&format!("flow-label-{}", flow.id)).await?;
        ensure!(shows(&drawn[0], &label), "{:?} is labelled {:?} in the diagram", label, drawn[0]);
    }
    for boundary in &model.boundaries {
        let (g, drawn) = part(&doc, "data-boundary", boundary.id.as_str())?;
        let trust = app.text(&format!("boundary-trust-{}", boundary.id)).await?;
        ensure!(g.attribute("data-trust") == Some(trust.as_str()), "{}: trust {trust} on the canvas", boundary.id);
        ensure!(shows(&drawn[0], &boundary.name), "{:?} is titled {:?}", boundary.name, drawn[0]);
    }
    app.screenshot("export-canvas").await?;

    // File › Export writes the same SVG as the command line, and a PNG that is a picture.
    let dir = tempfile::tempdir()?;
    let svg_path = dir.path().join("diagram.svg");
    app.press_ctrl('e').await?;
    app.click("export-format-svg").await?;
    app.screenshot("export-dialog").await?;
    app.click("export-go").await?;
    app.save_in_native_dialog("Export a Report or the Diagram", &svg_path).await?;
    let written = String::from_utf8(wait_for_file(&svg_path).await?)?;
    ensure!(written == svg, "the app's SVG differs from the command line's");
    app.wait_for_text("notice-text", &format!("Exported to {}", svg_path.display())).await?;
    app.find("notice-open-export").await?;
    // Without an extension, the name gets the chosen format's.
    let png_path = dir.path().join("diagram.png");
    app.press_ctrl('e').await?;
    app.click("export-format-png").await?;
    app.click("export-go").await?;
    app.save_in_native_dialog("Export a Report or the Diagram", &dir.path().join("diagram")).await?;
    let png = wait_for_file(&png_path).await?;
    let variety = crate::pixels::variety(&png)?;
    ensure!(variety.looks_drawn(), "the exported PNG looks blank: {variety:?}");
    std::fs::write(crate::support::screenshot_dir().join("export-diagram.png"), &png)?;
    app.quit().await
}

/// A model whose every name tries to run a script when its report is opened.
fn hostile_model() -> maestro_model::Model {
    let mut model = maestro_document::sample(SAMPLE, Catalog::builtin()).expect("the sample");
    let attacks = [
        "<script>window.__pwned = 'script'</script>",
        "\"><img src=x onerror=\"window.__pwned = 'img'\">",
        "<svg onload=\"window.__pwned = 'svg'\">",
        "javascript:window.__pwned='link'",
    ];
    model.name = attacks[0].to_owned();
    model.description = attacks[1].to_owned();
    for (element, attack) in model.elements.iter_mut().zip(attacks.iter().cycle()) {
        element.name = (*attack).to_owned();
    }
    for (flow, attack) in model.flows.iter_mut().zip(attacks.iter().rev().cycle()) {
        flow.name = (*attack).to_owned();
    }
    model
}

#[tokio::test]
async fn the_html_report_opened_in_the_webview_runs_nothing_from_the_model() -> Result<()> {
    let model = hostile_model();
    let analysis = maestro_analysis::analyze(&model, Catalog::builtin());
    let subject =
        maestro_report::Subject { model: &model, analysis: &analysis, catalog: Catalog::builtin(), source: SAMPLE };
    let options = maestro_report::ReportOptions {
        organisation: Some("<b onmouseover=alert(1)>Acme</b>".into()),
        ..Default::default()
    };
    let dir = tempfile::tempdir()?;
    let page = dir.path().join("report.html");
    std::fs::write(&page, maestro_report::html(&subject, &options))?;

    let app = App::launch(&[]).await?;
    app.client().goto(&format!("file://{}", page.display())).await?;
    let title = app.script("return document.title").await?;
    ensure!(title.as_str().is_some_and(|t| t.contains("<script>")), "the report is open, its title as text: {title}");
    let ran = app.script("return window.__pwned === undefined ? null : String(window.__pwned)").await?;
    ensure!(ran.is_null(), "a script from the model ran: {ran}");
    let counts = app
        .script("return [document.scripts.length, document.images.length, document.querySelectorAll('[onload],[onerror],[onmouseover]').length]")
        .await?;
    ensure!(counts == serde_json::json!([0, 0, 0]), "scripts, images and handlers in the page: {counts}");
    let svgs = app.script("return document.querySelectorAll('svg').length").await?;
    ensure!(svgs.as_u64().is_some_and(|n| n >= 2), "the diagram and the chains are drawn inline: {svgs}");
    app.screenshot("html-report").await?;
    app.script("document.getElementById('chains').scrollIntoView()").await?;
    app.screenshot("html-report-chains").await?;
    app.quit().await
}

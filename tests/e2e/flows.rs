//! Flows that read: each leaves and enters on the side facing the other element, and two flows
//! in opposite directions between the same elements are two curves with labels of their own.

use crate::support::App;
use anyhow::{Result, ensure};

const ELEMENTS: &str = ".svelte-flow__node";

#[tokio::test]
async fn opposite_flows_are_drawn_apart_and_flows_meet_the_facing_sides() -> Result<()> {
    let app = App::launch(&[]).await?;
    app.wait_for_count(ELEMENTS, 7).await?;
    // Wait for the first fit: until the view stops changing.
    app.wait_until(
        || async {
            let key = |v: crate::support::CanvasView| (v.x.round(), v.y.round(), (v.zoom * 1000.0).round());
            let before = key(app.canvas_view().await?);
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            Ok(before == key(app.canvas_view().await?))
        },
        "the first fit",
    )
    .await?;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    // The researcher queries the web search and gets results back: two curves, two labels apart.
    let (queries, results) = (app.rect("flow-label-queries").await?, app.rect("flow-label-results").await?);
    ensure!(!queries.overlaps(&results), "the labels of opposite flows overlap: {queries:?} {results:?}");
    let (there, back) = (app.rect("flow-queries").await?, app.rect("flow-results").await?);
    ensure!(there != back, "opposite flows are drawn as one curve: {there:?}");
    app.screenshot("flows-that-read").await?;
    // No label sits on an element's layer badge.
    for flow in ["queries", "results", "findings", "remember", "recall", "brief", "article", "pages"] {
        let label = app.rect(&format!("flow-label-{flow}")).await?;
        for element in ["web", "web-search", "researcher", "crew", "writer", "file-write", "notes"] {
            let badge = app.rect(&format!("layer-badge-{element}")).await?;
            ensure!(
                !label.overlaps(&badge),
                "the label of '{flow}' covers the badge of '{element}': {label:?} {badge:?}"
            );
        }
    }
    // The memory sits below and right of the researcher: the flow between them leaves the
    // researcher towards it and enters the memory from the side facing the researcher.
    let researcher = app.rect("element-researcher").await?;
    let notes = app.rect("element-notes").await?;
    let remember = app.rect("flow-remember").await?;
    ensure!(
        remember.left >= researcher.left + researcher.width / 2.0 - 1.0
            && remember.left + remember.width <= notes.left + notes.width / 2.0 + 1.0,
        "the flow from the researcher to the memory runs between their facing sides: {remember:?}"
    );
    app.screenshot("flows-that-read").await?;
    app.quit().await
}

#[tokio::test]
async fn a_flow_made_two_way_is_one_edge_with_an_arrow_at_each_end() -> Result<()> {
    let app = App::launch(&[]).await?;
    app.wait_for_count(ELEMENTS, 7).await?;
    ensure!(app.attr("flow-brief", "data-two-way").await? == "false", "the sample's flows are one-way");
    // The flow's own menu makes it two-way: one edit, seen on the canvas and in the Inspector.
    app.click("flow-label-brief").await?;
    app.right_click_at("flow-label-brief", 0.0).await?;
    app.wait_for_text_containing("context-twoWayFlow", "Two-Way Flow").await?;
    app.click("context-twoWayFlow").await?;
    app.wait_for_attr("flow-brief", "data-two-way", "true").await?;
    let markers = |end: &'static str| {
        let script = format!(
            "return document.querySelector('[data-testid=\"flow-brief\"] path.svelte-flow__edge-path')?.getAttribute('{end}') ?? ''"
        );
        let client = app.client().clone();
        async move { anyhow::Ok(client.execute(&script, vec![]).await?.as_str().unwrap_or_default().to_owned()) }
    };
    ensure!(!markers("marker-start").await?.is_empty(), "a two-way flow has an arrow where it starts");
    ensure!(!markers("marker-end").await?.is_empty(), "and where it ends");
    ensure!(app.document_title().await?.starts_with("• "), "making a flow two-way is an edit");
    app.screenshot("two-way-flow").await?;
    app.click("inspector-toggle").await?;
    app.wait_until(|| async { Ok(app.value("prop-role").await? == "two-way") }, "the Inspector to show the role")
        .await?;
    app.click("inspector-toggle").await?;
    // Undo makes it one-way again.
    app.press_ctrl('z').await?;
    app.wait_for_attr("flow-brief", "data-two-way", "false").await?;
    ensure!(markers("marker-start").await?.is_empty(), "a one-way flow has no arrow at its start");
    app.quit().await
}

//! Cross-layer analysis on the canvas: the layer × STRIDE heatmap, a chain lit up, blast radius
//! both ways, and the layer-band view that leaves the user's own layout alone.

use crate::support::App;
use anyhow::{Result, ensure};

const CHAIN: &str = "finding-untrusted-input-to-impact:file-write";

#[tokio::test]
async fn a_heatmap_cell_filters_findings_and_a_chain_lights_up_in_order() -> Result<()> {
    let app = App::launch(&[]).await?;
    app.click("findings-toggle").await?;
    app.find("matrix").await?;
    let before = app.text("findings-count").await?;
    app.click("matrix-cell-cross-layer-E").await?;
    let after = app.text("findings-count").await?;
    ensure!(after != before, "the cell did not filter: {after}");
    app.find(CHAIN).await?;

    app.click(CHAIN).await?;
    let why = app.text("finding-why").await?;
    ensure!(why.contains("\"Public web pages\" → \"Researcher\"") && why.contains("missing along it"), "{why}");
    app.find("highlight-label").await?;
    for on_path in ["element-web", "element-researcher", "element-file-write"] {
        app.wait_for_class(on_path, "on-path").await?;
    }
    app.wait_for_class("element-notes", "dimmed").await?;
    app.wait_for_class("flow-article", "on-path").await?;
    app.screenshot("attack-chain").await?;

    app.click("highlight-clear").await?;
    app.wait_until_gone("highlight-label").await?;
    let classes = app.find("element-notes").await?.attr("class").await?.unwrap_or_default();
    ensure!(!classes.contains("dimmed"), "still dimmed: {classes}");
    app.quit().await
}

#[tokio::test]
async fn blast_radius_shows_what_an_element_reaches_and_who_reaches_it() -> Result<()> {
    let app = App::launch(&[]).await?;
    app.click_at("element-researcher", -25.0).await?;
    app.wait_for_class("element-researcher", "selected").await?;
    app.click("inspector-toggle").await?;
    app.click("reach-down").await?;
    let down = app.text("reach-summary").await?;
    ensure!(down.starts_with("Reaches ") && down.contains("points of impact"), "{down}");
    app.wait_for_class("element-file-write", "on-path").await?;
    app.wait_for_class("element-web", "dimmed").await?;
    app.screenshot("blast-radius").await?;

    app.click("reach-up").await?;
    let up = app.text("reach-summary").await?;
    ensure!(up.starts_with("Reachable from "), "{up}");
    app.wait_for_class("element-web", "on-path").await?;
    app.click("reach-clear").await?;
    app.wait_until_gone("highlight-label").await?;
    app.quit().await
}

#[tokio::test]
async fn the_layer_view_arranges_bands_without_losing_the_users_layout() -> Result<()> {
    let app = App::launch(&[]).await?;
    let own = app.node_position("web").await?;
    app.click("bands-toggle").await?;
    app.find("band-L7").await?;
    app.find("band-L6").await?;
    let banded =
        (app.node_position("web").await?, app.node_position("notes").await?, app.node_position("researcher").await?);
    // L7 (the web) above L3 (the researcher) above L2 (the notes).
    ensure!(banded.0.1 < banded.2.1 && banded.2.1 < banded.1.1, "bands out of order: {banded:?}");
    app.screenshot("layer-bands").await?;
    app.click("bands-toggle").await?;
    app.wait_until_gone("band-L7").await?;
    ensure!(app.node_position("web").await? == own, "the user's layout was not restored");
    ensure!(!app.document_title().await?.starts_with("• "), "a view change is not an edit");
    app.quit().await
}

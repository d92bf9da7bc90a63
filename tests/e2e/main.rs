//! End-to-end tests of the real MAESTRO Studio window, driven over WebDriver.
//! Run them with `cargo xtask test`, which builds the app and provides a display.

mod analysis;
mod arranging;
mod boundaries;
mod catalog;
mod cli;
mod cross_layer;
mod documents;
mod editing;
mod export;
mod findings_list;
mod flows;
mod inspecting;
mod large;
mod pixels;
mod support;
mod typing;

use anyhow::{Result, ensure};
use fantoccini::key::Key;
use maestro_model::Position;
use std::ffi::OsString;
use support::{App, testid};

const ELEMENTS: &str = ".svelte-flow__node";
const FLOWS: &str = ".svelte-flow__edge";

/// The walking skeleton: draw a small model, save it, and get it back in a fresh app.
#[tokio::test]
async fn draw_a_model_save_it_and_open_it_in_a_fresh_app() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("crew.maestro");
    let app = App::launch(&[OsString::from(&file)]).await?;

    // A path that does not exist yet opens an empty model that Save will write there.
    app.wait_for_count(ELEMENTS, 0).await?;
    ensure!(app.document_title().await? == "• crew.maestro — MAESTRO Studio", "title: {}", app.document_title().await?);
    app.wait_for_window_title("• crew.maestro — MAESTRO Studio").await?;

    // Add an agent, a tool and a data store from the palette; each gets its layer badge.
    app.click("palette-agent").await?;
    app.wait_for_count(ELEMENTS, 1).await?;
    app.click("palette-tool").await?;
    app.wait_for_count(ELEMENTS, 2).await?;
    app.click("palette-database").await?;
    app.wait_for_count(ELEMENTS, 3).await?;
    app.wait_for_text("layer-badge-agent-1", "L3").await?;
    app.wait_for_text("layer-badge-tool-1", "L3").await?;
    app.wait_for_text("layer-badge-database-1", "L2").await?;

    // Connect the agent to the tool: click its outgoing handle, then the tool's incoming one.
    app.click("handle-out-agent-1").await?;
    app.click("handle-in-tool-1").await?;
    app.find("flow-flow-1").await?;
    app.wait_for_count(FLOWS, 1).await?;

    // Rename the agent by double-clicking its name.
    app.double_click("element-name-agent-1").await?;
    // The name is selected when the field opens, so typing replaces it.
    app.type_into("rename-input", &format!("Planner{}", char::from(Key::Enter))).await?;
    app.wait_for_text("element-name-agent-1", "Planner").await?;

    // Drag the tool somewhere else: one move when the drag ends.
    let before = app.node_position("tool-1").await?;
    app.drag_by("element-tool-1", 160.0, 120.0).await?;
    let after = app.node_position("tool-1").await?;
    ensure!(after.0 > before.0 + 50.0 && after.1 > before.1 + 50.0, "the tool did not move: {before:?} → {after:?}");

    // Select the data store (on its icon, clear of the agent→tool curve) and press Delete.
    app.click_at("element-database-1", -70.0).await?;
    app.press(Key::Delete).await?;
    app.wait_until_gone("element-database-1").await?;
    app.wait_for_count(ELEMENTS, 2).await?;
    app.wait_for_count(FLOWS, 1).await?;

    app.screenshot("skeleton-drawn").await?;

    // Ctrl+S writes to the file given on the command line; the unsaved marker goes away.
    app.press_ctrl('s').await?;
    app.wait_for_text("document-title", "crew.maestro").await?;
    ensure!(app.document_title().await? == "crew.maestro — MAESTRO Studio");

    // What is on disk is what was drawn, positions included.
    let saved = maestro_store::load(&file)?;
    let names: Vec<_> = saved.elements.iter().map(|e| (e.id.as_str(), e.kind.as_str(), e.name.as_str())).collect();
    ensure!(names == [("agent-1", "agent", "Planner"), ("tool-1", "tool", "Tool")], "saved elements: {names:?}");
    let flows: Vec<_> = saved.flows.iter().map(|f| (f.from.as_str(), f.to.as_str())).collect();
    ensure!(flows == [("agent-1", "tool-1")], "saved flows: {flows:?}");
    let tool = saved.element(&"tool-1".into()).expect("the tool was saved");
    ensure!(tool.position == Position::new(after.0, after.1), "saved {:?}, shown {after:?}", tool.position);
    app.quit().await?;

    // A fresh app on the same file shows the same model.
    let app = App::launch(&[OsString::from(&file)]).await?;
    app.wait_for_count(ELEMENTS, 2).await?;
    app.wait_for_count(FLOWS, 1).await?;
    app.wait_for_text("element-name-agent-1", "Planner").await?;
    app.wait_for_text("element-name-tool-1", "Tool").await?;
    app.wait_for_text("layer-badge-agent-1", "L3").await?;
    app.wait_for_text("layer-badge-tool-1", "L3").await?;
    ensure!(app.node_position("tool-1").await? == after, "the tool came back elsewhere");
    ensure!(app.document_title().await? == "crew.maestro — MAESTRO Studio");
    app.screenshot("skeleton-reopened").await?;
    app.quit().await
}

/// Without a file the app opens on its bundled sample, analysed: layers, secondary layers and
/// open findings on the nodes.
#[tokio::test]
async fn opens_on_the_sample_model_without_a_file() -> Result<()> {
    let app = App::launch(&[]).await?;
    app.wait_for_count(ELEMENTS, 7).await?;
    app.wait_for_count(FLOWS, 8).await?;
    app.wait_for_text("element-name-researcher", "Researcher").await?;
    app.wait_for_text("layer-badge-web", "L7").await?;
    app.wait_for_text("layer-badge-notes", "L2").await?;
    // The web-search tool is reachable from the internet: a secondary L4.
    app.wait_for_text("secondary-layers-web-search", "+L4").await?;
    // File write has open findings, the worst of them critical.
    let marker = app.find("severity-file-write").await?.attr("class").await?.unwrap_or_default();
    ensure!(marker.contains("critical") || marker.contains("high"), "severity marker: {marker}");
    ensure!(app.document_title().await? == "Research and writing crew — MAESTRO Studio");
    app.screenshot("sample-model").await?;
    app.quit().await
}

/// Every reference example is a sample one pick away.
#[tokio::test]
async fn a_sample_can_be_picked_from_the_toolbar() -> Result<()> {
    let app = App::launch(&[]).await?;
    app.select_option("sample-picker", "agent-ring").await?;
    app.wait_for_text("element-name-publisher", "Report publisher").await?;
    app.wait_for_count(ELEMENTS, 7).await?;
    app.find("severity-fetcher").await?;
    ensure!(app.document_title().await? == "Five-agent supply-chain intelligence ring — MAESTRO Studio");
    app.screenshot("sample-agent-ring").await?;
    app.quit().await
}

/// A damaged file is reported, left as it was, and the app still opens.
#[tokio::test]
async fn a_damaged_file_is_reported_and_left_untouched() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("damaged.maestro");
    let junk = b"definitely not an SQLite database, but a user's precious bytes".repeat(20);
    std::fs::write(&file, &junk)?;
    let app = App::launch(&[OsString::from(&file)]).await?;
    let notice = app.text("notice-text").await?;
    ensure!(notice.contains("damaged.maestro is not a MAESTRO Studio model"), "notice: {notice}");
    app.wait_for_count(ELEMENTS, 7).await?;
    app.screenshot("damaged-file-notice").await?;
    app.click("notice-dismiss").await?;
    app.wait_until_gone("notice").await?;
    ensure!(app.count(&testid("notice")).await? == 0);
    app.quit().await?;
    ensure!(std::fs::read(&file)? == junk, "the damaged file was changed");
    Ok(())
}

/// A model written as code opens as a new, unsaved model; the YAML file is never overwritten.
#[tokio::test]
async fn a_model_as_code_file_opens_as_a_new_model() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("crew.yaml");
    let yaml = "name: Crew from YAML\ncomponents:\n  - { id: web, kind: web-content, name: Web }\n  - { id: bot, kind: agent, name: Bot }\nflows:\n  - { from: web, to: bot }\n";
    std::fs::write(&file, yaml)?;
    let app = App::launch(&[OsString::from(&file)]).await?;
    app.wait_for_count(ELEMENTS, 2).await?;
    app.wait_for_text("element-name-bot", "Bot").await?;
    app.wait_for_text("layer-badge-web", "L7").await?;
    ensure!(app.document_title().await? == "• Crew from YAML — MAESTRO Studio", "{}", app.document_title().await?);
    app.quit().await?;
    ensure!(std::fs::read_to_string(&file)? == yaml, "the YAML file was changed");
    Ok(())
}

/// A saved model goes to the top of File › Open Recent, and choosing it there opens it again.
#[tokio::test]
async fn a_saved_model_is_offered_again_under_open_recent() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("recent-crew.maestro");
    let app = App::launch(&[OsString::from(&file)]).await?;
    app.click("palette-agent").await?;
    app.wait_for_count(ELEMENTS, 1).await?;
    app.press_ctrl('s').await?;
    app.wait_until(|| async { Ok(app.document_title().await? == "recent-crew.maestro — MAESTRO Studio") }, "the save")
        .await?;
    app.select_option("sample-picker", "agent-ring").await?;
    app.wait_for_text("element-name-publisher", "Report publisher").await?;
    // File › Open Recent is the fourth item; its newest entry is the model just saved.
    app.use_file_menu(&["Down", "Down", "Down", "Down", "Right", "Return"]).await?;
    app.wait_until(
        || async { Ok(app.document_title().await? == "recent-crew.maestro — MAESTRO Studio") },
        "the reopening",
    )
    .await?;
    app.wait_for_count(ELEMENTS, 1).await?;
    app.quit().await
}

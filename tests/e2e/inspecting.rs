//! The model and the selection in the Inspector, the app's own context menu, the Help dialogs,
//! and the unsaved-changes prompt's three answers.

use crate::support::App;
use anyhow::{Result, ensure};
use fantoccini::key::Key;
use std::ffi::OsString;

const ELEMENTS: &str = ".svelte-flow__node";

#[tokio::test]
async fn the_model_is_named_and_described_in_the_inspector_and_renamed_from_the_toolbar() -> Result<()> {
    let app = App::launch(&[]).await?;
    app.wait_for_count(ELEMENTS, 7).await?;
    app.click("inspector-toggle").await?;
    // Nothing selected: the Inspector speaks for the model.
    app.find("model-inspector").await?;
    app.wait_for_text_containing("model-summary", "7 elements").await?;
    app.click("model-name-input").await?;
    app.press_ctrl('a').await?;
    app.type_keys(&format!("Weekly report crew{}", char::from(Key::Enter))).await?;
    app.wait_for_text("model-name", "Weekly report crew").await?;
    app.click("model-description").await?;
    app.type_keys("Agents that research and write the weekly report.").await?;
    app.click("palette-search").await?;
    app.wait_until(|| async { Ok(app.document_title().await?.starts_with("• ")) }, "an unsaved change").await?;
    app.screenshot("model-inspector").await?;

    // The name in the toolbar renames the model too; undo takes each change back.
    app.click("model-name").await?;
    app.find("model-name-input-title").await?;
    app.press_ctrl('a').await?;
    app.type_keys(&format!("Crew <v2>{}", char::from(Key::Enter))).await?;
    app.wait_for_text("model-name", "Crew <v2>").await?;
    ensure!(app.value("model-name-input").await? == "Crew <v2>", "the Inspector follows the new name");
    app.click("undo").await?;
    app.wait_for_text("model-name", "Weekly report crew").await?;
    app.click("undo").await?;
    app.wait_until(|| async { Ok(app.value("model-description").await?.is_empty()) }, "the description undone").await?;
    app.quit().await
}

#[tokio::test]
async fn a_multi_selection_shows_what_it_holds_and_sets_a_shared_property_on_all_at_once() -> Result<()> {
    let app = App::launch(&[]).await?;
    app.wait_for_count(ELEMENTS, 7).await?;
    app.click_at("element-file-write", -25.0).await?;
    app.shift_click("element-web-search", -25.0).await?;
    app.click("inspector-toggle").await?;
    app.wait_for_text("selection-count", "2 elements selected").await?;
    let names = app.text("selection-names").await?;
    ensure!(names.contains("File write") && names.contains("Web search"), "{names}");
    // Their side effects differ (write, read): the shared field says so, and sets both at once.
    ensure!(app.value("prop-side_effect").await?.is_empty(), "a mixed value shows as mixed");
    app.select_option("prop-side_effect", "execute").await?;
    app.wait_until(|| async { Ok(app.value("prop-side_effect").await? == "execute") }, "both set").await?;
    app.screenshot("multi-selection-inspector").await?;
    // (A click on a node of the selection keeps the selection, to drag it: clear it first.)
    app.click_in("canvas", 0.5, 0.9).await?;
    app.click_at("element-web-search", -25.0).await?;
    app.wait_for_text("inspector-name", "Web search").await?;
    ensure!(app.value("prop-side_effect").await? == "execute", "the web search executes now");
    // One change, one undo.
    app.click("undo").await?;
    app.wait_until(|| async { Ok(app.value("prop-side_effect").await? == "read") }, "the undo").await?;
    ensure!(!app.document_title().await?.starts_with("• "), "one undo took back the whole change");
    app.quit().await
}

#[tokio::test]
async fn right_clicks_open_the_apps_menu_and_help_lists_the_shortcuts() -> Result<()> {
    let app = App::launch(&[]).await?;
    app.wait_for_count(ELEMENTS, 7).await?;
    // On an element: its commands, with their keys; Delete deletes what was right-clicked.
    app.right_click_at("element-researcher", -25.0).await?;
    app.find("context-menu").await?;
    app.wait_for_class("element-researcher", "selected").await?;
    app.wait_for_text_containing("context-delete", "Delete").await?;
    app.screenshot("context-menu-on-an-element").await?;
    app.click("context-delete").await?;
    app.wait_for_count(ELEMENTS, 6).await?;
    app.wait_until_gone("context-menu").await?;
    app.press_ctrl('z').await?;
    app.wait_for_count(ELEMENTS, 7).await?;
    // On the canvas: the canvas's commands; Escape closes it.
    app.right_click_at("canvas", 300.0).await?;
    app.wait_for_text_containing("context-fit", "Fit to Window").await?;
    app.press(Key::Escape).await?;
    app.wait_until_gone("context-menu").await?;

    // F1 and the ? button show the shortcuts, from the command table.
    app.press(Key::F1).await?;
    app.wait_for_text_containing("dialog-shortcuts", "Ctrl+Shift+Z").await?;
    app.wait_for_text_containing("dialog-shortcuts", "Delete or Backspace").await?;
    app.screenshot("keyboard-shortcuts").await?;
    app.press(Key::Escape).await?;
    app.wait_until_gone("dialog-shortcuts").await?;
    app.click("help").await?;
    app.find("dialog-shortcuts").await?;
    app.click("dialog-close").await?;
    app.wait_until_gone("dialog-shortcuts").await?;
    app.quit().await
}

#[tokio::test]
async fn the_unsaved_changes_prompt_saves_first_when_asked_to() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("crew.maestro");
    let app = App::launch(&[OsString::from(&file)]).await?;
    app.wait_for_count(ELEMENTS, 0).await?;
    app.click("palette-agent").await?;
    app.wait_for_count(ELEMENTS, 1).await?;
    // New asks; Cancel (Escape) keeps the model as it is, Save (Alt+S) writes it, then goes on.
    app.click("new").await?;
    app.answer_native_dialog("Unsaved changes", "Escape").await?;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    app.wait_for_count(ELEMENTS, 1).await?;
    ensure!(!file.exists(), "Cancel saved nothing");
    app.click("new").await?;
    app.answer_native_dialog("Unsaved changes", "alt+s").await?;
    app.wait_for_count(ELEMENTS, 0).await?;
    let saved = maestro_store::load(&file)?;
    ensure!(saved.elements.len() == 1 && saved.elements[0].kind.as_str() == "agent", "{saved:?}");
    app.quit().await
}

#[tokio::test]
async fn quick_add_shows_the_best_match_before_enter_adds_it() -> Result<()> {
    let app = App::launch(&[]).await?;
    app.wait_for_count(ELEMENTS, 7).await?;
    app.click("palette-search").await?;
    app.type_keys("vector").await?;
    // The kind itself ranks before kinds that only mention vectors (the embedding model).
    app.wait_for_text("kind-search-best", "Enter adds Vector store").await?;
    app.wait_for_class("palette-vector-store", "best").await?;
    app.screenshot("quick-add-best-match").await?;
    app.press(Key::Enter).await?;
    app.wait_for_count(ELEMENTS, 8).await?;
    app.wait_for_text("element-name-vector-store-1", "Vector store").await?;
    app.quit().await
}

#[tokio::test]
async fn an_empty_model_says_what_to_do_and_the_panels_say_what_they_show() -> Result<()> {
    let app = App::launch(&[]).await?;
    app.wait_for_count(ELEMENTS, 7).await?;
    // The heatmap names its layers and says what its colours mean.
    app.click("findings-toggle").await?;
    app.wait_for_text_containing("matrix-layer-L3", "Agent Frameworks").await?;
    app.wait_for_text_containing("matrix-legend", "Open findings per layer").await?;
    // The layer picker starts at the element's own layer.
    app.click("inspector-toggle").await?;
    app.click_at("element-notes", -25.0).await?;
    app.wait_until(|| async { Ok(app.value("override-layer").await? == "L2") }, "the memory's layer").await?;
    app.click_at("element-researcher", -25.0).await?;
    app.wait_until(|| async { Ok(app.value("override-layer").await? == "L3") }, "the agent's layer").await?;
    // A new model: the canvas says how to start, the findings panel that there is nothing yet.
    app.click("new").await?;
    app.wait_for_count(ELEMENTS, 0).await?;
    app.find("canvas-empty-hint").await?;
    app.click("findings-toggle").await?;
    app.wait_for_text_containing("findings-empty", "Nothing found yet").await?;
    app.screenshot("empty-model").await?;
    app.click("palette-agent").await?;
    app.wait_until_gone("canvas-empty-hint").await?;
    app.quit().await
}

#[tokio::test]
async fn the_help_menu_opens_the_about_box_with_the_version() -> Result<()> {
    let app = App::launch(&[]).await?;
    app.wait_for_count(ELEMENTS, 7).await?;
    // File, then left round to Help (the last menu): Keyboard Shortcuts, then About.
    app.use_file_menu(&["Left", "Down", "Down", "Return"]).await?;
    app.wait_for_text_containing("about-version", env!("CARGO_PKG_VERSION")).await?;
    app.screenshot("about-box").await?;
    app.click("dialog-close").await?;
    app.wait_until_gone("about-version").await?;
    app.quit().await
}

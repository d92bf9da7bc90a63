//! Text editing wins: in every text field of the app, the keys that edit text (Delete,
//! Backspace, Ctrl+A/C/X/V/Z, Ctrl+Shift+Z, arrows, Home/End) act on the text alone — none of
//! them deletes, selects, pastes or undoes anything on the diagram behind the field. The keys are
//! pressed on the X server's keyboard, so they meet the native menu's accelerators first, as a
//! user's keys do.

use crate::support::App;
use anyhow::{Result, bail, ensure};
use fantoccini::key::Key;

const ELEMENTS: &str = ".svelte-flow__node";
const SELECTED: &str = ".svelte-flow__node.selected";
/// What the sample holds, plus the agent the test adds first so that there is an edit to undo.
const ELEMENT_COUNT: usize = 8;

/// Waits until the field holds `expected`; if it never does, says what it holds.
async fn holds(app: &App, field: &str, expected: &str, after: &str) -> Result<()> {
    let waited = app
        .wait_until(|| async { Ok(app.value(field).await? == expected) }, &format!("'{field}' to hold {expected:?}"))
        .await;
    if waited.is_err() {
        bail!("after {after}, '{field}' holds {:?}, not {expected:?}", app.value(field).await?);
    }
    Ok(())
}

/// The diagram is as it was: every element there, the same ones selected, nothing pasted or undone.
async fn diagram_intact(app: &App, field: &str, was_selected: usize) -> Result<()> {
    let (count, selected) = (app.count(ELEMENTS).await?, app.count(SELECTED).await?);
    ensure!(count == ELEMENT_COUNT, "typing in '{field}' changed the diagram: {count} elements");
    ensure!(
        selected == was_selected,
        "typing in '{field}' changed the selection: {selected} selected, not {was_selected}"
    );
    Ok(())
}

/// Edits the focused field with each text key and checks the text after each, and the diagram.
async fn edit_with_every_text_key(app: &App, field: &str) -> Result<()> {
    ensure!(app.focused_testid().await? == field, "'{field}' does not have the focus");
    // (With nothing selected — the model's own fields — a leaked Ctrl+A, Ctrl+V or Ctrl+Z still
    // shows on the diagram; a leaked Delete would not.)
    let selected = app.count(SELECTED).await?;
    app.press_native(&["ctrl+a", "BackSpace"]).await?;
    holds(app, field, "", "Ctrl+A, Backspace").await?;
    app.type_native("abc").await?;
    app.press_native(&["Home"]).await?;
    app.type_native("<").await?;
    app.press_native(&["End"]).await?;
    app.type_native(">").await?;
    holds(app, field, "<abc>", "Home and End").await?;
    app.press_native(&["Left", "BackSpace"]).await?;
    holds(app, field, "<ab>", "Left, Backspace").await?;
    app.press_native(&["Delete"]).await?;
    holds(app, field, "<ab", "Delete").await?;
    diagram_intact(app, field, selected).await?;

    app.press_native(&["ctrl+a", "ctrl+c", "End", "ctrl+v"]).await?;
    holds(app, field, "<ab<ab", "Ctrl+A, Ctrl+C, End, Ctrl+V").await?;
    app.press_native(&["ctrl+a", "ctrl+x"]).await?;
    holds(app, field, "", "Ctrl+A, Ctrl+X").await?;
    app.press_native(&["ctrl+v"]).await?;
    holds(app, field, "<ab<ab", "Ctrl+V").await?;
    diagram_intact(app, field, selected).await?;

    // Undo and redo are the field's own: they take back and redo the paste, not a diagram edit.
    app.press_native(&["ctrl+z"]).await?;
    holds(app, field, "", "Ctrl+Z").await?;
    app.press_native(&["ctrl+shift+z"]).await?;
    holds(app, field, "<ab<ab", "Ctrl+Shift+Z").await?;
    diagram_intact(app, field, selected).await
}

#[tokio::test]
async fn text_keys_in_every_text_field_edit_the_text_and_leave_the_diagram_alone() -> Result<()> {
    let app = App::launch(&[]).await?;
    app.wait_for_count(ELEMENTS, 7).await?;
    app.focus_window().await?;
    // An edit on the undo stack, which no Ctrl+Z in a field may take back.
    app.click("palette-agent").await?;
    app.wait_for_count(ELEMENTS, ELEMENT_COUNT).await?;
    app.click_at("element-researcher", -25.0).await?;
    app.wait_for_class("element-researcher", "selected").await?;
    app.wait_for_count(SELECTED, 1).await?;

    app.click("inspector-toggle").await?;
    for field in ["inspector-name-input", "inspector-description", "inspector-notes", "override-justification"] {
        app.click(field).await?;
        edit_with_every_text_key(&app, field).await?;
    }
    // Leaving the fields keeps what was typed: the name and description are the researcher's now.
    app.click("palette-search").await?;
    app.wait_for_text("element-name-researcher", "<ab<ab").await?;
    edit_with_every_text_key(&app, "palette-search").await?;
    app.screenshot("typing-in-the-kind-search").await?;
    app.press(Key::Escape).await?;

    app.click("catalog-toggle").await?;
    app.click("catalog-search").await?;
    edit_with_every_text_key(&app, "catalog-search").await?;

    app.click("findings-toggle").await?;
    app.click("finding-untrusted-input-to-impact:file-write").await?;
    app.wait_for_class("element-file-write", "selected").await?;
    app.click("decision-justification").await?;
    edit_with_every_text_key(&app, "decision-justification").await?;
    app.screenshot("typing-a-decision").await?;

    // The model's name in the toolbar, with an element selected behind it.
    app.click("model-name").await?;
    app.find("model-name-input-title").await?;
    edit_with_every_text_key(&app, "model-name-input-title").await?;
    app.press(Key::Escape).await?;
    // The model's own fields in the Inspector, with nothing selected.
    app.click("inspector-toggle").await?;
    app.click_in("canvas", 0.5, 0.95).await?;
    app.wait_for_count(SELECTED, 0).await?;
    for field in ["model-name-input", "model-description"] {
        app.click(field).await?;
        edit_with_every_text_key(&app, field).await?;
    }
    app.click("palette-search").await?;
    app.wait_for_text("model-name", "<ab<ab").await?;

    // The name field on the canvas itself.
    app.double_click("element-name-researcher").await?;
    app.find("rename-input").await?;
    edit_with_every_text_key(&app, "rename-input").await?;
    app.press_native(&["ctrl+a"]).await?;
    app.type_native("Lead researcher").await?;
    app.press_native(&["Return"]).await?;
    app.wait_for_text("element-name-researcher", "Lead researcher").await?;

    // Out of the fields, the keys are the diagram's again, through the menu.
    app.click_at("element-researcher", -25.0).await?;
    app.wait_for_class("element-researcher", "selected").await?;
    app.press_native(&["ctrl+a"]).await?;
    app.wait_for_count(SELECTED, ELEMENT_COUNT).await?;
    app.press_native(&["Delete"]).await?;
    app.wait_for_count(ELEMENTS, 0).await?;
    // The chain the opened finding lit up is gone with its elements, and so is its banner.
    app.wait_until_gone("highlight-label").await?;
    app.screenshot("deleted-everything-from-the-canvas").await?;
    app.press_native(&["ctrl+z"]).await?;
    app.wait_for_count(ELEMENTS, ELEMENT_COUNT).await?;
    app.quit().await
}

//! Editing that behaves: copy, cut, paste and duplicate with the keyboard, between documents too.

use crate::support::App;
use anyhow::{Result, ensure};

const ELEMENTS: &str = ".svelte-flow__node";

#[tokio::test]
async fn copy_paste_duplicate_and_cut_work_with_the_keyboard_and_between_documents() -> Result<()> {
    let app = App::launch(&[]).await?;
    app.wait_for_count(ELEMENTS, 7).await?;
    app.click_at("element-researcher", -25.0).await?;
    app.wait_for_class("element-researcher", "selected").await?;

    // Copy and paste: a copy with a fresh id and the same name.
    app.press_ctrl('c').await?;
    app.press_ctrl('v').await?;
    app.wait_for_count(ELEMENTS, 8).await?;
    app.wait_for_text("element-name-agent-1", "Researcher").await?;
    // Duplicate the selection; undo takes the duplicate back.
    app.press_ctrl('d').await?;
    app.wait_for_count(ELEMENTS, 9).await?;
    app.click("undo").await?;
    app.wait_for_count(ELEMENTS, 8).await?;

    // Cut removes the selection and keeps it for pasting.
    // The copy overlaps the original, which stays on top while selected: click the part that sticks out.
    app.click_at("element-agent-1", 45.0).await?;
    app.wait_for_class("element-agent-1", "selected").await?;
    app.press_ctrl('x').await?;
    app.wait_for_count(ELEMENTS, 7).await?;
    app.screenshot("after-cut").await?;

    // Undo back to the sample as it was (clean again, so switching asks nothing)…
    app.click("undo").await?;
    app.click("undo").await?;
    app.wait_for_count(ELEMENTS, 7).await?;
    ensure!(!app.document_title().await?.starts_with("• "), "undoing every change leaves nothing unsaved");
    // …and the clipboard survives switching to another document.
    app.select_option("sample-picker", "agent-ring").await?;
    app.wait_for_text("element-name-publisher", "Report publisher").await?;
    app.press_ctrl('v').await?;
    app.wait_for_count(ELEMENTS, 8).await?;
    app.wait_for_text("element-name-agent-1", "Researcher").await?;
    ensure!(app.document_title().await?.starts_with("• "), "a paste is an unsaved change");
    app.screenshot("pasted-into-another-document").await?;
    app.quit().await
}

#[tokio::test]
async fn ctrl_z_undoes_and_ctrl_shift_z_redoes() -> Result<()> {
    let app = App::launch(&[]).await?;
    app.wait_for_count(ELEMENTS, 7).await?;
    app.click("palette-agent").await?;
    app.wait_for_count(ELEMENTS, 8).await?;
    app.click_at("element-notes", -25.0).await?;
    app.press_ctrl('z').await?;
    app.wait_for_count(ELEMENTS, 7).await?;
    app.press_ctrl_shift('z').await?;
    app.wait_for_count(ELEMENTS, 8).await?;
    app.quit().await
}

/// WebKitWebDriver does not start a native drag session from synthesised pointer input, so this
/// test sends the drag events the browser would (dragstart on the palette item, dragover and drop
/// on the canvas); the handlers under test are the app's own.
#[tokio::test]
async fn a_kind_dragged_from_the_palette_lands_where_it_is_dropped() -> Result<()> {
    let app = App::launch(&[]).await?;
    app.wait_for_count(ELEMENTS, 7).await?;
    app.drag_html5("palette-runtime", ".svelte-flow__pane", 0.5, 0.85).await?;
    app.wait_for_text("layer-badge-runtime-1", "L4").await?;
    app.wait_for_count(ELEMENTS, 8).await?;
    // It landed low on the canvas, below the sample's elements.
    let (_, y) = app.node_position("runtime-1").await?;
    let (_, notes_y) = app.node_position("notes").await?;
    ensure!(y > notes_y, "dropped at y {y}, above the notes at {notes_y}");
    app.screenshot("dropped-from-palette").await?;
    app.quit().await
}

//! Arranging and editing what is drawn: auto-layout, the layer-band layout, align and
//! distribute, alignment guides while dragging, texts in the inspector, reconnecting a flow, and
//! the unsaved-changes prompt.

use crate::support::App;
use anyhow::{Result, ensure};
use fantoccini::key::Key;

const ELEMENTS: &str = ".svelte-flow__node-element";

#[tokio::test]
async fn auto_layout_and_the_band_layout_are_one_undo_each_and_keep_boundaries_around_their_members() -> Result<()> {
    let app = App::launch(&[]).await?;
    app.select_option("sample-picker", "coding-assistant").await?;
    app.wait_for_text("boundary-name-namespace", "Agent namespace").await?;
    let drawn = app.node_position("developer").await?;

    app.click("auto-layout").await?;
    app.wait_until(
        || async { Ok(app.node_position("developer").await? != drawn) },
        "the auto-layout to move the developer",
    )
    .await?;
    let (namespace, sandbox) = (app.rect("boundary-namespace").await?, app.rect("boundary-sandbox").await?);
    ensure!(namespace.contains(&sandbox), "the sandbox stays inside the namespace");
    ensure!(sandbox.contains(&app.rect("element-repl").await?), "the REPL stays inside its sandbox");
    for member in ["coder", "reviewer", "pods", "secrets"] {
        ensure!(namespace.contains(&app.rect(&format!("element-{member}")).await?), "{member} left the namespace");
    }
    ensure!(!namespace.contains(&app.rect("element-developer").await?), "the developer stays outside");
    // Laid out along the flows: the developer comes before the coding agent it gives tasks to.
    ensure!(app.rect("element-developer").await?.left < app.rect("element-coder").await?.left, "not left to right");
    app.screenshot("auto-layout").await?;
    app.press_ctrl('z').await?;
    app.wait_until(|| async { Ok(app.node_position("developer").await? == drawn) }, "undo to restore the layout")
        .await?;

    // The layer-band layout moves the model too (unlike the band view), as one undoable change.
    let internet = app.node_position("internet").await?;
    app.select_option("arrange-picker", "bandLayout").await?;
    app.wait_until(|| async { Ok(app.node_position("internet").await? != internet) }, "the band layout to move things")
        .await?;
    ensure!(app.document_title().await?.starts_with("• "), "a layout is an edit");
    app.screenshot("band-layout").await?;
    app.press_ctrl('z').await?;
    app.wait_until(|| async { Ok(app.node_position("internet").await? == internet) }, "undo to restore the layout")
        .await?;
    app.quit().await
}

#[tokio::test]
async fn align_and_distribute_move_the_selection_in_one_step() -> Result<()> {
    let app = App::launch(&[]).await?;
    app.wait_for_count(ELEMENTS, 7).await?;
    let before = app.node_position("web-search").await?;
    app.click_at("element-web", -25.0).await?;
    app.shift_click("element-web-search", -25.0).await?;
    app.shift_click("element-notes", -25.0).await?;
    app.wait_for_class("element-notes", "selected").await?;
    app.select_option("arrange-picker", "alignTop").await?;
    app.wait_until(
        || async {
            let tops = [
                app.node_position("web").await?.1,
                app.node_position("web-search").await?.1,
                app.node_position("notes").await?.1,
            ];
            Ok(tops.iter().all(|y| *y == tops[0]))
        },
        "the three to share a top edge",
    )
    .await?;
    app.select_option("arrange-picker", "distributeHorizontal").await?;
    app.screenshot("aligned").await?;
    // Two undos: distribute, then align.
    app.press_ctrl('z').await?;
    app.press_ctrl('z').await?;
    app.wait_until(|| async { Ok(app.node_position("web-search").await? == before) }, "undo to put it back").await?;
    // One element cannot be aligned with anything: the app says so and changes nothing.
    app.click_at("element-writer", -25.0).await?;
    app.wait_until(
        || async { Ok(!app.attr("element-notes", "class").await?.contains("selected")) },
        "a single selection",
    )
    .await?;
    app.select_option("arrange-picker", "alignLeft").await?;
    app.wait_for_text_containing("notice", "Select two or more elements").await?;
    app.quit().await
}

#[tokio::test]
async fn an_element_dragged_near_another_snaps_into_line_with_a_guide_and_one_undo_puts_it_back() -> Result<()> {
    let app = App::launch(&[]).await?;
    app.wait_for_count(ELEMENTS, 7).await?;
    // Measure once the view has settled after opening (it is fitted to the diagram).
    app.wait_until(
        || async {
            let before = app.rect("element-notes").await?;
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            Ok(app.rect("element-notes").await? == before)
        },
        "the view to settle",
    )
    .await?;
    let started = app.node_position("notes").await?;
    let (notes, researcher) = (app.rect("element-notes").await?, app.rect("element-researcher").await?);
    // Take the shared memory (it follows the pointer once the drag has started) and hold it below
    // the researcher, its left edge three pixels right of the researcher's.
    app.press_at(notes.centre()).await?;
    app.move_pointer_by(-4.0, 0.0, 1).await?;
    let taken = app.rect("element-notes").await?;
    app.move_pointer_by(researcher.left + 3.0 - taken.left, 0.0, 12).await?;
    app.wait_for_count("[data-testid=alignment-guide][data-axis=x]", 1).await?;
    let held = app.rect("element-notes").await?;
    ensure!(
        (held.left - researcher.left).abs() < 0.5,
        "while held, the memory's left edge is at {} and the researcher's at {}",
        held.left,
        researcher.left
    );
    app.screenshot("alignment-guide-while-dragging").await?;
    app.release().await?;
    app.wait_until(|| async { Ok(app.document_title().await?.starts_with("• ")) }, "the drag to be an edit").await?;
    app.wait_until(
        || async { Ok(app.node_position("notes").await?.0 == app.node_position("researcher").await?.0) },
        "the memory to land on the researcher's left edge",
    )
    .await?;
    app.wait_for_count("[data-testid=alignment-guide]", 0).await?;
    app.press_ctrl('z').await?;
    app.wait_until(|| async { Ok(app.node_position("notes").await? == started) }, "one undo to put it back").await?;
    app.quit().await
}

#[tokio::test]
async fn a_box_drawn_with_shift_selects_what_it_covers_and_a_boundary_goes_around_it() -> Result<()> {
    let app = App::launch(&[]).await?;
    // Measure once the view has settled after opening (it is fitted to the diagram), then draw.
    app.wait_until(
        || async {
            let before = app.rect("element-web-search").await?;
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            Ok(app.rect("element-web-search").await? == before)
        },
        "the view to settle",
    )
    .await?;
    let (web, search) = (app.rect("element-web").await?, app.rect("element-web-search").await?);
    let from = (web.left - 20.0, web.top - 20.0);
    let to = (search.left + search.width + 20.0, search.top + search.height + 20.0);
    app.box_select(from, to).await?;
    app.wait_for_class("element-web", "selected").await?;
    app.wait_for_class("element-web-search", "selected").await?;
    ensure!(!app.attr("element-researcher", "class").await?.contains("selected"), "the researcher is outside the box");
    app.press_ctrl('g').await?;
    app.wait_for_text("boundary-name-boundary-1", "Trust boundary").await?;
    app.wait_for_attr("flow-pages", "data-crossing", "true").await?;
    app.wait_for_attr("flow-results", "data-crossing", "true").await?;
    app.screenshot("box-selected-and-bounded").await?;
    app.quit().await
}

#[tokio::test]
async fn the_inspector_edits_names_descriptions_and_notes_each_undoable() -> Result<()> {
    let app = App::launch(&[]).await?;
    app.click_at("element-researcher", -25.0).await?;
    app.click("inspector-toggle").await?;
    app.click("inspector-description").await?;
    app.type_keys("Reads public pages and summarises them").await?;
    app.click("inspector-notes").await?;
    app.type_keys("Who reviews its summaries?").await?;
    app.click("inspector-name-input").await?;
    app.wait_until(|| async { Ok(app.document_title().await?.starts_with("• ")) }, "the texts to be saved as edits")
        .await?;
    // Select something else and come back: the texts are in the model, not in the form.
    app.click_at("element-web-search", -25.0).await?;
    app.wait_for_text("inspector-name", "Web search").await?;
    ensure!(app.value("inspector-description").await?.is_empty(), "the web search has no description");
    app.click_at("element-researcher", -25.0).await?;
    app.wait_for_text("inspector-name", "Researcher").await?;
    ensure!(app.value("inspector-description").await? == "Reads public pages and summarises them");
    ensure!(app.value("inspector-notes").await? == "Who reviews its summaries?");
    app.screenshot("inspector-texts").await?;
    app.click("undo").await?;
    app.wait_until(|| async { Ok(app.value("inspector-notes").await?.is_empty()) }, "undo to clear the notes").await?;
    ensure!(!app.value("inspector-description").await?.is_empty(), "one undo takes back one text");
    app.quit().await
}

#[tokio::test]
async fn a_selected_flows_end_can_be_dragged_onto_another_element() -> Result<()> {
    let app = App::launch(&[]).await?;
    app.click("inspector-toggle").await?;
    // Select the findings flow (researcher to orchestrator) by its name.
    app.click("flow-label-findings").await?;
    app.wait_for_text("inspector-name", "Researcher → Crew orchestrator").await?;
    app.drag_onto("reconnect-target-findings", "handle-in-notes").await?;
    app.wait_for_text("inspector-name", "Researcher → Shared crew memory").await?;
    app.screenshot("flow-reconnected").await?;
    app.press_ctrl('z').await?;
    app.wait_for_text("inspector-name", "Researcher → Crew orchestrator").await?;
    app.quit().await
}

#[tokio::test]
async fn unsaved_changes_are_kept_unless_the_user_chooses_not_to_save_them() -> Result<()> {
    let app = App::launch(&[]).await?;
    app.click("palette-agent").await?;
    app.wait_for_count(ELEMENTS, 8).await?;
    // New asks first; keeping on editing changes nothing.
    app.click("new").await?;
    app.answer_native_dialog("Unsaved changes", "Escape").await?;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    app.wait_for_count(ELEMENTS, 8).await?;
    ensure!(app.document_title().await?.starts_with("• "), "still unsaved");
    // Close (Ctrl+W) asks too; Don't Save (Alt+D) leaves an empty model.
    app.press_ctrl('w').await?;
    app.answer_native_dialog("Unsaved changes", "alt+d").await?;
    app.wait_for_count(ELEMENTS, 0).await?;
    app.wait_until(|| async { Ok(app.document_title().await? == "Untitled model — MAESTRO Studio") }, "an empty model")
        .await?;
    app.quit().await
}

#[tokio::test]
async fn zoom_shortcuts_change_the_view_only() -> Result<()> {
    let app = App::launch(&[]).await?;
    let before = app.rect("element-researcher").await?;
    // The keys go where the focus is: click an empty part of the canvas first, as a user would.
    app.click_in("canvas", 0.9, 0.1).await?;
    app.press_ctrl('-').await?;
    app.wait_until(|| async { Ok(app.rect("element-researcher").await?.width < before.width) }, "zooming out").await?;
    app.press_ctrl('=').await?;
    app.press_ctrl('0').await?;
    ensure!(!app.document_title().await?.starts_with("• "), "zooming is not an edit");
    app.press(Key::Escape).await?;
    app.quit().await
}

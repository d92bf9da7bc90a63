//! Trust boundaries on the canvas: containers whose membership follows drops, resizes and
//! deletions, with their trust shown and the flows that cross them marked.

use crate::support::App;
use anyhow::{Result, ensure};
use fantoccini::key::Key;

const ELEMENTS: &str = ".svelte-flow__node-element";
const BOUNDARIES: &str = ".svelte-flow__node-boundary";

async fn open_coding_assistant(app: &App) -> Result<()> {
    app.select_option("sample-picker", "coding-assistant").await?;
    app.wait_for_text("boundary-name-namespace", "Agent namespace").await?;
    app.wait_for_count(BOUNDARIES, 2).await
}

#[tokio::test]
async fn boundaries_show_their_trust_and_membership_follows_drops_and_resizes() -> Result<()> {
    let app = App::launch(&[]).await?;
    open_coding_assistant(&app).await?;
    app.wait_for_text("boundary-trust-namespace", "partial").await?;
    app.wait_for_text("boundary-name-sandbox", "REPL container").await?;
    // The developer is outside the namespace, so the tasks it sends cross a boundary.
    app.wait_for_attr("flow-tasks", "data-crossing", "true").await?;
    app.wait_for_attr("flow-code-review", "data-crossing", "false").await?;
    let namespace = app.rect("boundary-namespace").await?;
    let sandbox = app.rect("boundary-sandbox").await?;
    ensure!(namespace.contains(&sandbox), "the sandbox is drawn inside the namespace: {namespace:?} {sandbox:?}");
    ensure!(sandbox.contains(&app.rect("element-repl").await?), "the REPL is drawn inside its sandbox");
    app.screenshot("boundaries-nested").await?;

    // Dropping the developer into the namespace, between the review agent and the pods, makes it a member.
    let (reviewer, pods) = (app.rect("element-reviewer").await?, app.rect("element-pods").await?);
    let developer = app.rect("element-developer").await?;
    let target = (reviewer.centre().0, (reviewer.top + reviewer.height + pods.top) / 2.0);
    app.drag_by("element-name-developer", target.0 - developer.centre().0, target.1 - developer.centre().1).await?;
    app.wait_for_attr("flow-tasks", "data-crossing", "false").await?;
    ensure!(app.document_title().await?.starts_with("• "), "a drop is an unsaved change");
    app.screenshot("boundary-after-drop").await?;
    app.press_ctrl('z').await?;
    app.wait_for_attr("flow-tasks", "data-crossing", "true").await?;

    // A double-click on a boundary's name renames it in place.
    app.double_click("boundary-name-sandbox").await?;
    app.type_keys("Kernel sandbox").await?;
    app.press(Key::Enter).await?;
    app.wait_for_text("boundary-name-sandbox", "Kernel sandbox").await?;
    app.press_ctrl('z').await?;
    app.wait_for_text("boundary-name-sandbox", "REPL container").await?;

    // Select the namespace by its title; the inspector describes it and edits its trust and name.
    app.click("boundary-name-namespace").await?;
    app.click("inspector-toggle").await?;
    let summary = app.text("inspector-boundary-summary").await?;
    ensure!(summary.contains("(trusted in part), holding 4 elements directly"), "summary: {summary}");
    app.select_option("prop-trust", "untrusted").await?;
    app.wait_for_text("boundary-trust-namespace", "untrusted").await?;
    app.click("inspector-name-input").await?;
    app.press_ctrl('a').await?;
    app.type_keys("Build cluster").await?;
    app.press(Key::Enter).await?;
    app.wait_for_text("boundary-name-namespace", "Build cluster").await?;

    // Resizing the namespace so its bottom edge passes above the secrets lets them go.
    let (namespace, secrets) = (app.rect("boundary-namespace").await?, app.rect("element-secrets").await?);
    let handle = "[data-testid=\"boundary-namespace\"] .svelte-flow__resize-control.handle.bottom.left";
    app.drag_css_by(handle, 0.0, secrets.top - 12.0 - (namespace.top + namespace.height)).await?;
    app.wait_for_text_containing("inspector-boundary-summary", "holding 3 elements directly").await?;
    app.wait_for_attr("flow-read-secrets", "data-crossing", "true").await?;
    app.screenshot("boundary-resized").await?;
    // Each of those was one step: undo goes back through resize, rename and trust.
    app.press_ctrl('z').await?;
    app.wait_for_text_containing("inspector-boundary-summary", "holding 4 elements directly").await?;
    app.press_ctrl('z').await?;
    app.wait_for_text("boundary-name-namespace", "Agent namespace").await?;
    app.press_ctrl('z').await?;
    app.wait_for_text("boundary-trust-namespace", "partial").await?;
    app.quit().await
}

#[tokio::test]
async fn a_boundary_drawn_around_a_selection_takes_it_in_and_deleting_it_keeps_the_contents() -> Result<()> {
    let app = App::launch(&[]).await?;
    app.wait_for_count(ELEMENTS, 7).await?;
    app.click_at("element-researcher", -25.0).await?;
    app.shift_click("element-web-search", -25.0).await?;
    app.wait_for_class("element-web-search", "selected").await?;
    app.wait_for_class("element-researcher", "selected").await?;
    app.click("add-boundary").await?;
    app.wait_for_count(BOUNDARIES, 1).await?;
    app.wait_for_text("boundary-name-boundary-1", "Trust boundary").await?;
    let boundary = app.rect("boundary-boundary-1").await?;
    for inside in ["element-researcher", "element-web-search"] {
        ensure!(boundary.contains(&app.rect(inside).await?), "{inside} is not drawn inside the new boundary");
    }
    // What flows in from the web now crosses a boundary; the search results stay inside.
    app.wait_for_attr("flow-pages", "data-crossing", "true").await?;
    app.wait_for_attr("flow-results", "data-crossing", "false").await?;
    app.screenshot("boundary-around-selection").await?;

    // Deleting the boundary keeps what it held.
    // Its title is under the web pages above it: grab it by its empty lower-left corner.
    app.click_in("boundary-boundary-1", 0.05, 0.95).await?;
    app.wait_for_class("boundary-boundary-1", "selected").await?;
    app.press(Key::Delete).await?;
    app.wait_for_count(BOUNDARIES, 0).await?;
    app.wait_for_count(ELEMENTS, 7).await?;
    app.wait_for_attr("flow-pages", "data-crossing", "false").await?;
    app.press_ctrl('z').await?;
    app.wait_for_count(BOUNDARIES, 1).await?;
    app.press_ctrl('z').await?;
    app.wait_for_count(BOUNDARIES, 0).await?;
    ensure!(!app.document_title().await?.starts_with("• "), "undoing both leaves nothing unsaved");
    app.quit().await
}

/// Ctrl+G around two elements with a third drawn between them: the box holds the two, and the
/// third moves out from under it, so what the boundary looks like it holds is what it holds.
#[tokio::test]
async fn a_boundary_around_a_selection_holds_only_the_selection_and_what_it_covered_moves_out() -> Result<()> {
    let app = App::launch(&[]).await?;
    app.wait_for_count(ELEMENTS, 7).await?;
    app.click_at("element-researcher", -25.0).await?;
    app.shift_click("element-writer", -25.0).await?;
    app.press_ctrl('g').await?;
    app.wait_for_count(BOUNDARIES, 1).await?;
    let boundary = app.rect("boundary-boundary-1").await?;
    for member in ["element-researcher", "element-writer"] {
        ensure!(boundary.contains(&app.rect(member).await?), "{member} is drawn inside its boundary");
    }
    let crew = app.rect("element-crew").await?;
    ensure!(
        crew.top >= boundary.top + boundary.height,
        "the orchestrator moved out below the box: {crew:?} {boundary:?}"
    );
    app.screenshot("boundary-around-a-selection").await?;
    // One undo takes back the box and the move.
    app.press_ctrl('z').await?;
    app.wait_for_count(BOUNDARIES, 0).await?;
    let back = app.rect("element-crew").await?;
    ensure!(back.top < crew.top, "the orchestrator is back where it was");
    app.quit().await
}

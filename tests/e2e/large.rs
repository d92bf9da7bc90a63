//! A large model: it opens on the painted overview, where elements are picked, dragged,
//! box-selected and deleted as on the detailed canvas, and zooming in brings back the elements
//! in and near the view as components (and only those), following the view as it pans or is
//! moved from the map.

use crate::support::{App, CanvasView};
use anyhow::{Context, Result, ensure};
use fantoccini::key::Key;
use std::ffi::OsString;

#[path = "../benches/generated.rs"]
mod generated;

const ELEMENTS: &str = ".svelte-flow__node-element";

/// The middle of generated element `index` on the page.
fn element(view: &CanvasView, index: usize) -> (f64, f64) {
    view.page(generated::centre(index))
}

#[tokio::test]
async fn a_large_model_opens_on_its_overview_and_draws_components_once_zoomed_in() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("large.maestro");
    let model = generated::model(400);
    maestro_store::save(&model, &file)?;
    let app = App::launch(&[OsString::from(&file)]).await?;

    // Fitted whole, 400 elements are too many to draw as components: all are painted instead.
    app.wait_for_attr("overview", "data-painted", "400").await?;
    ensure!(app.count(ELEMENTS).await? == 0, "the overview draws no element components");
    app.screenshot("large-model-overview").await?;

    // A click picks the element under it: the inspector shows it.
    let view = app.canvas_view().await?;
    app.click_point(element(&view, 41)).await?;
    app.click("inspector-toggle").await?;
    app.wait_for_text("inspector-name", &model.elements[41].name).await?;
    app.click("inspector-toggle").await?;

    // Dragging a painted element moves it (one edit) rather than panning the view.
    let view = app.canvas_view().await?;
    app.drag_from_point(element(&view, 41), 0.0, 60.0, 8).await?;
    app.wait_until(|| async { Ok(app.document_title().await?.starts_with("• ")) }, "the move to be an edit").await?;
    let after = app.canvas_view().await?;
    ensure!((after.x, after.y) == (view.x, view.y), "dragging an element must not pan the view");
    app.screenshot("large-model-dragged").await?;
    app.press_ctrl('z').await?;
    app.wait_until(|| async { Ok(!app.document_title().await?.starts_with("• ")) }, "undo to take the move back")
        .await?;

    // A box around the top row selects it; Delete removes it, undo brings it back.
    let view = app.canvas_view().await?;
    let from = view.page((-100.0, -40.0));
    let to = view.page((generated::COLUMNS as f64 * generated::PITCH.0, generated::between_rows(0)));
    app.box_select(from, to).await?;
    app.press(Key::Delete).await?;
    app.wait_for_attr("overview", "data-painted", "360").await?;
    ensure!(app.document_title().await?.starts_with("• "), "deleting is an edit");
    app.press_ctrl('z').await?;
    app.wait_for_attr("overview", "data-painted", "400").await?;

    // Zoomed in far enough, the elements in and near the view are components again.
    for _ in 0..16 {
        if app.count(ELEMENTS).await? > 0 {
            break;
        }
        app.press_ctrl('=').await?;
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    }
    // The painting stays, behind the components, for what they leave out (flows to elements
    // that are not components); every element in view is a component.
    app.wait_for_attr("overview", "data-mode", "detail").await?;
    app.wait_for_attr("overview", "data-painted", "0").await?;
    let drawn = app.drawn_elements().await?;
    ensure!(!drawn.is_empty() && drawn.len() < 400, "{} of 400 elements drawn as components", drawn.len());
    app.screenshot("large-model-detail").await?;

    // Panning along a gap between rows brings in the elements that come into view.
    let view = app.canvas_view().await?;
    let gap = (0..10)
        .map(|row| view.page((0.0, generated::between_rows(row))).1)
        .find(|y| *y > view.top + 20.0 && *y < view.top + view.height - 20.0)
        .context("no gap between rows in view")?;
    app.drag_from_point((view.left + view.width * 0.8, gap), -view.width * 0.6, 0.0, 12).await?;
    app.wait_until(
        || async { Ok(app.drawn_elements().await?.iter().any(|id| !drawn.contains(id))) },
        "elements coming into view to be drawn",
    )
    .await?;
    app.screenshot("large-model-panned").await?;

    // The map shows where the view is; pressing on it takes the view there.
    let frame = app.rect("overview-map-frame").await?;
    let drawn = app.drawn_elements().await?;
    app.click_in("overview-map", 0.05, 0.5).await?;
    app.wait_until(
        || async { Ok(app.rect("overview-map-frame").await?.left < frame.left - 10.0) },
        "the view to move to the left end of the model",
    )
    .await?;
    app.wait_until(
        || async { Ok(app.drawn_elements().await?.is_disjoint(&drawn)) },
        "the elements there to be drawn instead",
    )
    .await?;
    app.screenshot("large-model-map").await?;
    app.quit().await
}

//! A large model: it opens on the painted overview, where elements are picked, dragged,
//! box-selected and deleted as on the detailed canvas, and zooming in brings back the elements
//! in and near the view as components (and only those), following the view as it pans or is
//! moved from the map.

use crate::support::{App, CanvasView};
use anyhow::{Context, Result, ensure};
use fantoccini::key::Key;
use std::ffi::OsString;

#[path = "../benches/generated.rs"]
pub(crate) mod generated;

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

/// The box around every element of a saved model, in canvas units.
fn bounds(model: &maestro_model::Model) -> (f64, f64, f64, f64) {
    let (mut left, mut top, mut right, mut bottom) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for e in &model.elements {
        let (x, y) = (e.position.x, e.position.y);
        (left, top, right, bottom) = (left.min(x), top.min(y), right.max(x + 220.0), bottom.max(y + 64.0));
    }
    (left, top, right, bottom)
}

#[tokio::test]
async fn auto_layout_of_a_thousand_elements_runs_aside_and_fit_then_shows_all_of_it() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("thousand.maestro");
    let model = generated::model(1_000);
    ensure!(model.flows.len() == 3_000, "the model has {} flows", model.flows.len());
    maestro_store::save(&model, &file)?;
    let app = App::launch(&[OsString::from(&file)]).await?;
    app.wait_for_attr("overview", "data-painted", "1000").await?;

    // Laid out in a worker: one edit, undoable; the window answers meanwhile.
    app.click("auto-layout").await?;
    app.wait_until(|| async { Ok(app.document_title().await?.starts_with("• ")) }, "the layout to be applied").await?;
    app.wait_until_gone("layout-progress").await?;
    app.press_ctrl('s').await?;
    app.wait_until(|| async { Ok(!app.document_title().await?.starts_with("• ")) }, "the save").await?;
    let laid_out = maestro_store::load(&file)?;
    ensure!(laid_out.elements != model.elements, "the layout moved the elements");
    let (left, top, right, bottom) = bounds(&laid_out);

    // Far wider than the grid it started as, the drawing still fits whole: the zoom-out limit
    // follows the model.
    app.click("fit-view").await?;
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    let view = app.canvas_view().await?;
    let (from, to) = (view.page((left, top)), view.page((right, bottom)));
    ensure!(
        from.0 >= view.left - 1.0
            && from.1 >= view.top - 1.0
            && to.0 <= view.left + view.width + 1.0
            && to.1 <= view.top + view.height + 1.0,
        "Fit shows {from:?}..{to:?} of the drawing in the canvas at {:?} (zoom {})",
        (view.left, view.top, view.width, view.height),
        view.zoom
    );
    app.screenshot("large-model-auto-laid-out-and-fitted").await?;
    app.press_ctrl('z').await?;
    app.wait_until(|| async { Ok(app.document_title().await?.starts_with("• ")) }, "undo to be an edit").await?;
    app.quit().await
}

#[tokio::test]
async fn a_slow_layout_can_be_cancelled_and_moves_nothing() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("mid.maestro");
    // Small enough for the finer (and slower) layout engine, large enough to take a moment.
    let model = generated::model(150);
    maestro_store::save(&model, &file)?;
    let app = App::launch(&[OsString::from(&file)]).await?;
    app.wait_for_count(ELEMENTS, 150).await?;
    app.click("auto-layout").await?;
    app.wait_for_text_containing("layout-progress", "Laying out 150 elements").await?;
    app.click("layout-cancel").await?;
    app.wait_until_gone("layout-progress").await?;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    ensure!(!app.document_title().await?.starts_with("• "), "a cancelled layout moves nothing: it is no edit");

    // Run to the end, it is applied; undo puts everything back.
    app.click("auto-layout").await?;
    app.find("layout-progress").await?;
    app.screenshot("layout-in-progress").await?;
    app.wait_until(|| async { Ok(app.document_title().await?.starts_with("• ")) }, "the layout to be applied").await?;
    app.press_ctrl('z').await?;
    app.wait_until(|| async { Ok(!app.document_title().await?.starts_with("• ")) }, "undo to put it back").await?;
    app.quit().await
}

#[tokio::test]
async fn fit_shows_all_of_a_model_spread_wider_than_the_base_zoom_limit_reaches() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("sparse.maestro");
    // The grid spread ten times as far: over a hundred thousand units wide.
    let mut model = generated::model(400);
    for e in &mut model.elements {
        e.position.x *= 10.0;
        e.position.y *= 10.0;
    }
    maestro_store::save(&model, &file)?;
    let app = App::launch(&[OsString::from(&file)]).await?;
    app.wait_for_attr("overview", "data-painted", "400").await?;
    app.click("fit-view").await?;
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    let view = app.canvas_view().await?;
    let (left, top, right, bottom) = bounds(&model);
    let (from, to) = (view.page((left, top)), view.page((right, bottom)));
    ensure!(view.zoom < 0.05, "a drawing this wide is fitted below the base zoom limit (zoom {})", view.zoom);
    ensure!(
        from.0 >= view.left - 1.0 && to.0 <= view.left + view.width + 1.0,
        "Fit shows {from:?}..{to:?} in the canvas from {} to {}",
        view.left,
        view.left + view.width
    );
    app.screenshot("sparse-model-fitted").await?;
    app.quit().await
}

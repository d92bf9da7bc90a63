//! Documents in the real app: unsaved changes survive a crash, and a crafted file never keeps
//! the window from opening.

use crate::ELEMENTS;
use crate::support::App;
use anyhow::{Context, Result, bail, ensure};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The recovery copies the app keeps under its data folder.
fn recovery_copies(data: &Path) -> Vec<PathBuf> {
    let folder = data.join("org.maestrostudio.app").join("recovery");
    std::fs::read_dir(folder)
        .map(|entries| {
            entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "maestro")).collect()
        })
        .unwrap_or_default()
}

async fn wait_for_copies(data: &Path, expected: usize) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(15);
    while recovery_copies(data).len() != expected {
        if Instant::now() > deadline {
            bail!("expected {expected} recovery copies, found {:?}", recovery_copies(data));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(())
}

/// Kills the app the way a crash would (no chance to clean up), and waits until it is gone.
async fn kill_the_app() -> Result<()> {
    let app = std::env::var("MAESTRO_APP").context("MAESTRO_APP")?;
    let found = std::process::Command::new("pgrep").args(["-f", &app]).output()?;
    let pids: Vec<String> = String::from_utf8_lossy(&found.stdout).split_whitespace().map(str::to_owned).collect();
    ensure!(!pids.is_empty(), "no app process to kill");
    for pid in &pids {
        std::process::Command::new("kill").args(["-KILL", pid]).status()?;
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let running: Vec<&String> = pids
            .iter()
            .filter(|pid| {
                // A killed process that its parent has not reaped yet is a zombie: gone for our purpose.
                std::fs::read_to_string(format!("/proc/{pid}/stat"))
                    .is_ok_and(|stat| stat.rsplit(')').next().is_some_and(|rest| !rest.trim_start().starts_with('Z')))
            })
            .collect();
        if running.is_empty() {
            return Ok(());
        }
        if Instant::now() > deadline {
            bail!("the app did not stop: {running:?}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn unsaved_changes_survive_a_crash_and_are_offered_back_at_the_next_start() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("data");
    let file = dir.path().join("crew.maestro");
    let mut model = maestro_model::Model::new("Crew");
    model.elements.push(maestro_model::Element {
        id: "agent-1".into(),
        kind: "agent".into(),
        name: "Planner".into(),
        ..Default::default()
    });
    maestro_store::save(&model, &file)?;

    let app = App::launch_with_data(&[OsString::from(&file)], &data).await?;
    app.wait_for_count(ELEMENTS, 1).await?;
    app.click("palette-tool").await?;
    app.wait_for_count(ELEMENTS, 2).await?;
    ensure!(app.document_title().await?.starts_with("• "), "adding is an unsaved change");
    // A moment after the change, the copy is there (in the app's data folder, not beside the file).
    wait_for_copies(&data, 1).await?;
    ensure!(std::fs::read_dir(dir.path())?.count() == 2, "nothing was written beside the file");
    kill_the_app().await?;
    drop(app);
    ensure!(maestro_store::load(&file)?.elements.len() == 1, "the file itself still holds the saved model");

    let app = App::launch_with_data(&[], &data).await?;
    app.find("recovery-dialog").await?;
    ensure!(app.text("recovery-model").await? == "Crew");
    ensure!(app.text("recovery-file").await? == file.display().to_string());
    ensure!(app.text("recovery-counts").await? == "2 elements, 0 flows, 0 boundaries");
    ensure!(app.text("recovery-changes").await? == "1 element added", "{}", app.text("recovery-changes").await?);
    app.screenshot("recovery-offered").await?;
    app.click("recovery-recover").await?;
    app.wait_until_gone("recovery-dialog").await?;
    app.wait_for_count(ELEMENTS, 2).await?;
    ensure!(app.document_title().await? == "• crew.maestro — MAESTRO Studio", "{}", app.document_title().await?);
    app.screenshot("recovered").await?;

    // Saved, the changes are in the file and no copy is needed any more.
    app.press_ctrl('s').await?;
    app.wait_until(|| async { Ok(!app.document_title().await?.starts_with("• ")) }, "the save").await?;
    ensure!(maestro_store::load(&file)?.elements.len() == 2);
    wait_for_copies(&data, 0).await?;
    app.quit().await?;

    // A normal start after all that offers nothing.
    // (The dialog comes with the first document the window shows, which launching waits for.)
    let app = App::launch_with_data(&[], &data).await?;
    ensure!(app.count("[data-testid=\"recovery-dialog\"]").await? == 0, "nothing is left to recover");
    Ok(())
}

#[tokio::test]
async fn a_crafted_file_given_at_start_is_refused_and_the_window_opens_on_the_sample() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("crafted.maestro");
    maestro_store::save(&maestro_model::Model::new("Bait"), &file)?;
    let conn = std::process::Command::new("python3")
        .arg("-c")
        .arg("import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript('CREATE TRIGGER t AFTER INSERT ON meta BEGIN DELETE FROM elements; END;'); c.close()")
        .arg(&file)
        .status()?;
    ensure!(conn.success());
    let app = App::launch(&[OsString::from(&file)]).await?;
    app.wait_for_text_containing("notice-text", "was not opened").await?;
    ensure!(app.text("notice-text").await?.contains("trigger 't'"), "{}", app.text("notice-text").await?);
    ensure!(app.count(ELEMENTS).await? > 0, "the sample is open");
    app.screenshot("crafted-file-refused").await?;
    Ok(())
}

#[tokio::test]
async fn a_file_another_program_saved_meanwhile_is_not_overwritten_without_asking() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("shared.maestro");
    maestro_store::save(&maestro_model::Model::new("Shared"), &file)?;
    let app = App::launch(&[OsString::from(&file)]).await?;
    app.wait_for_count(ELEMENTS, 0).await?;
    app.click("palette-agent").await?;
    app.wait_for_count(ELEMENTS, 1).await?;

    // Someone else saves the file while it is open here.
    let mut theirs = maestro_model::Model::new("Shared");
    theirs.elements.push(maestro_model::Element {
        id: "tool-9".into(),
        kind: "tool".into(),
        name: "Theirs".into(),
        ..Default::default()
    });
    maestro_store::save(&theirs, &file)?;

    // Save asks; Cancel (Escape) leaves their file as it is and the changes here unsaved.
    app.press_ctrl('s').await?;
    app.answer_native_dialog("File changed on disk", "Escape").await?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    ensure!(maestro_store::load(&file)? == theirs, "cancelled, their save stands");
    ensure!(app.document_title().await?.starts_with("• "), "still unsaved here");

    // Overwrite (Alt+O) writes this version.
    app.press_ctrl('s').await?;
    app.answer_native_dialog("File changed on disk", "alt+o").await?;
    app.wait_until(|| async { Ok(!app.document_title().await?.starts_with("• ")) }, "the save").await?;
    let saved = maestro_store::load(&file)?;
    ensure!(saved.elements.len() == 1 && saved.elements[0].kind.as_str() == "agent", "{saved:?}");
    Ok(())
}

#[tokio::test]
async fn a_file_open_in_one_app_opens_read_only_in_a_second() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("taken.maestro");
    maestro_store::save(&maestro_model::Model::new("Taken"), &file)?;
    let first = App::launch(&[OsString::from(&file)]).await?;
    first.wait_for_count(ELEMENTS, 0).await?;
    let second = App::launch(&[OsString::from(&file)]).await?;
    second.wait_for_text_containing("notice-text", "open in another MAESTRO Studio window").await?;
    ensure!(
        second.document_title().await? == "taken.maestro (read-only) — MAESTRO Studio",
        "{}",
        second.document_title().await?
    );
    second.click("palette-agent").await?;
    second.wait_for_count(ELEMENTS, 1).await?;
    second.click("save").await?;
    second.wait_for_text_containing("notice-text", "use Save As to keep these changes").await?;
    second.screenshot("read-only-save-refused").await?;
    ensure!(maestro_store::load(&file)?.elements.is_empty(), "the second app wrote nothing");

    // The first app saves as usual, and keeps the file after its save replaced it.
    first.click("palette-tool").await?;
    first.wait_for_count(ELEMENTS, 1).await?;
    first.click("save").await?;
    first.wait_until(|| async { Ok(!first.document_title().await?.starts_with("• ")) }, "the save").await?;
    ensure!(maestro_store::load(&file)?.elements[0].kind.as_str() == "tool");
    second.click("save").await?;
    second.wait_for_text_containing("notice-text", "open in another").await?;
    ensure!(maestro_store::load(&file)?.elements[0].kind.as_str() == "tool", "still only the first app's save");
    Ok(())
}

#[tokio::test]
async fn parts_the_catalog_does_not_know_are_kept_shown_and_listed_as_not_analysed() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("future.maestro");
    let mut model = maestro_model::Model::new("From a newer version");
    model.elements.push(maestro_model::Element {
        id: "drive-1".into(),
        kind: "warp-drive".into(),
        name: "Warp drive".into(),
        position: maestro_model::Position::new(300.0, 100.0),
        ..Default::default()
    });
    model.elements.push(maestro_model::Element {
        id: "agent-1".into(),
        kind: "agent".into(),
        name: "Pilot".into(),
        properties: [("sparkle".to_owned(), maestro_model::PropertyValue::Bool(true))].into(),
        ..Default::default()
    });
    maestro_store::save(&model, &file)?;
    let app = App::launch(&[OsString::from(&file)]).await?;
    app.wait_for_count(ELEMENTS, 2).await?;
    app.click("findings-toggle").await?;
    let gaps = app.find("catalog-gaps").await?;
    gaps.click().await?;
    let text = app.text("catalog-gaps").await?;
    ensure!(text.contains("2 parts were not analysed"), "{text}");
    ensure!(
        text.contains("element 'drive-1' (Warp drive)") && text.contains("the catalog has no kind 'warp-drive'"),
        "{text}"
    );
    ensure!(text.contains("properties.sparkle"), "{text}");
    app.screenshot("catalog-gaps").await?;
    // Saving keeps the parts as they were.
    app.click("palette-tool").await?;
    app.wait_for_count(ELEMENTS, 3).await?;
    app.press_ctrl('s').await?;
    app.wait_until(|| async { Ok(!app.document_title().await?.starts_with("• ")) }, "the save").await?;
    let saved = maestro_store::load(&file)?;
    ensure!(saved.elements[0].kind.as_str() == "warp-drive" && saved.elements[1].properties.contains_key("sparkle"));
    Ok(())
}

/// A file with three revisions, as three saves in the editor make it.
fn file_with_three_revisions(path: &Path) -> Result<()> {
    let catalog = maestro_catalog::Catalog::builtin();
    let mut doc = maestro_document::Document::open_or_create(path)?;
    doc.set_author("Ada");
    let add = |doc: &mut maestro_document::Document, kind: &str, x: f64| {
        let position = maestro_model::Position::new(x, 120.0);
        doc.apply(maestro_document::Edit::AddElement { kind: kind.into(), position }, catalog)
    };
    add(&mut doc, "agent", 100.0)?;
    doc.save()?;
    add(&mut doc, "tool", 400.0)?;
    doc.save()?;
    doc.apply(maestro_document::Edit::RenameElement { id: "agent-1".into(), name: "Planner".into() }, catalog)?;
    doc.save()?;
    Ok(())
}

#[tokio::test]
async fn revisions_are_listed_compared_and_one_restored_as_a_new_revision() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("revised.maestro");
    file_with_three_revisions(&file)?;
    let app = App::launch(&[OsString::from(&file)]).await?;
    app.wait_for_count(ELEMENTS, 2).await?;

    // Who saves: Edit › Settings (Ctrl+,).
    app.press_ctrl(',').await?;
    app.find("dialog-settings").await?;
    app.find("settings-author").await?.clear().await?;
    app.type_into("settings-author", "Grace Hopper").await?;
    app.screenshot("settings").await?;
    app.click("settings-save").await?;
    app.wait_until_gone("dialog-settings").await?;

    // File › Revisions (Ctrl+Shift+H): newest first, what the latest save changed shown at once.
    app.press_ctrl_shift('h').await?;
    app.find("dialog-revisions").await?;
    app.wait_for_count("[data-testid=revision-list] li", 3).await?;
    app.wait_for_text_containing("revision-3", "1 element changed").await?;
    app.wait_for_text_containing("revision-1", "First saved: 1 element, 0 flows").await?;
    app.wait_for_text_containing("revision-diff", "Planner").await?;
    ensure!(app.text("revision-diff").await?.contains("name"), "the changed field is named");
    // Any two: from revision 1 to revision 3.
    app.select_option("compare-from", "1").await?;
    app.wait_for_text_containing("revision-diff", "Tool").await?;
    let diff = app.text("revision-diff").await?;
    ensure!(diff.contains("Elements") && diff.contains("Planner"), "{diff}");
    app.screenshot("revisions-compared").await?;
    // The first revision against nothing: what it added.
    app.click("revision-pick-1").await?;
    app.wait_for_text_containing("revision-diff", "Agent").await?;
    ensure!(!app.text("revision-diff").await?.contains("Tool"), "the tool came in revision 2");

    // Restoring revision 1 is one change, unsaved until saved; saving records revision 4.
    app.click("revision-restore-1").await?;
    app.wait_until_gone("dialog-revisions").await?;
    app.wait_for_count(ELEMENTS, 1).await?;
    ensure!(app.document_title().await?.starts_with("• "), "restored, not yet saved");
    app.press_ctrl('s').await?;
    app.wait_until(|| async { Ok(!app.document_title().await?.starts_with("• ")) }, "the save").await?;
    app.press_ctrl_shift('h').await?;
    app.wait_for_count("[data-testid=revision-list] li", 4).await?;
    let latest = app.text("revision-4").await?;
    ensure!(latest.contains("Grace Hopper") && latest.contains("Restored revision 1"), "{latest}");
    // Opened again, it shows what the new save changed; the latest state is not offered again.
    app.wait_for_text_containing("revision-diff", "Tool").await?;
    ensure!(app.count("[data-testid=revision-restore-4]").await? == 0, "nothing to restore to");
    app.screenshot("revision-restored").await?;
    app.click("revisions-close").await?;
    app.quit().await?;

    let stored = maestro_store::load_with_revisions(&file)?;
    ensure!(stored.revisions.len() == 4, "{:?}", stored.revisions.list());
    ensure!(stored.revisions.model_at(&stored.model, 1)? == stored.model, "revision 4 is revision 1 again");
    Ok(())
}

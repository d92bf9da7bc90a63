//! The analysis in the real window: the findings panel and the inspector.

use crate::support::App;
use anyhow::{Result, ensure};
use fantoccini::key::Key;

const FINDING: &str = "finding-untrusted-input-to-impact:file-write";

#[tokio::test]
async fn findings_filter_select_their_targets_and_take_a_decision_that_undo_reverts() -> Result<()> {
    let app = App::launch(&[]).await?;
    app.click("findings-toggle").await?;
    app.find("findings-panel").await?;
    let open_only = app.text("findings-count").await?;

    app.select_label("findings-filter-severity", "critical").await?;
    let critical = app.text("findings-count").await?;
    ensure!(critical != open_only, "the severity filter changed nothing: {critical}");
    app.select_label("findings-filter-severity", "All severities").await?;
    app.select_label("findings-filter-status", "All statuses").await?;

    // Opening a finding explains it and selects its target on the canvas.
    app.click(FINDING).await?;
    let why = app.text("finding-why").await?;
    ensure!(
        why.contains("\"File write\"") && why.contains("[rule untrusted-input-to-impact.chain-per-entry-and-impact]"),
        "{why}"
    );
    app.wait_for_class("element-file-write", "selected").await?;
    app.screenshot("findings-panel").await?;

    // Accept it with a reason; the status follows, and undo takes it back.
    app.select_label("decision-status", "accepted").await?;
    app.type_into("decision-justification", "It writes only to a scratch folder").await?;
    app.click("decision-save").await?;
    app.wait_for_text("finding-status-untrusted-input-to-impact:file-write", "accepted").await?;
    app.wait_for_text_containing("notice-text", "Recorded").await?;
    let decided = app.text("finding-justification").await?;
    ensure!(decided.contains("It writes only to a scratch folder"), "{decided}");
    ensure!(app.document_title().await?.starts_with("• "), "a decision is an unsaved change");
    app.click("undo").await?;
    app.wait_for_text("finding-status-untrusted-input-to-impact:file-write", "open").await?;
    app.quit().await
}

#[tokio::test]
async fn the_inspector_says_why_an_element_sits_in_its_layers_and_takes_a_choice_by_hand() -> Result<()> {
    let app = App::launch(&[]).await?;
    app.click_at("element-researcher", -25.0).await?;
    app.wait_for_class("element-researcher", "selected").await?;
    app.click("inspector-toggle").await?;
    app.wait_for_text("inspector-name", "Researcher").await?;
    let reasons = app.text("inspector-reasons").await?;
    ensure!(reasons.contains("L3") && reasons.contains("agent framework"), "{reasons}");
    ensure!(reasons.contains("L7") && reasons.contains("\"Public web pages\" (web-content)"), "{reasons}");

    app.select_label("override-layer", "L7 Agent Ecosystem").await?;
    app.type_into("override-justification", &format!("It is our public face{}", char::from(Key::Tab))).await?;
    app.click("override-save").await?;
    app.wait_for_text("layer-badge-researcher", "L7").await?;
    let reasons = app.text("inspector-reasons").await?;
    ensure!(reasons.contains("Chosen by hand: It is our public face"), "{reasons}");
    app.screenshot("inspector-override").await?;

    app.click("override-clear").await?;
    app.wait_for_text("layer-badge-researcher", "L3").await?;
    app.quit().await
}

#[tokio::test]
async fn editing_a_property_in_the_inspector_reruns_the_analysis_and_undo_reverts_it() -> Result<()> {
    let app = App::launch(&[]).await?;
    let open_before: u32 = app.text("severity-file-write").await?.parse()?;
    app.click_at("element-file-write", -25.0).await?;
    app.wait_for_class("element-file-write", "selected").await?;
    app.click("inspector-toggle").await?;
    app.find("properties").await?;
    // Requiring a person's approval takes the tool out of the attack chain at once.
    app.click("prop-human_approval").await?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let now: u32 = app.text("severity-file-write").await.ok().and_then(|t| t.parse().ok()).unwrap_or(0);
        if now < open_before {
            break;
        }
        ensure!(std::time::Instant::now() < deadline, "open findings stayed at {now}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    app.select_label("prop-side_effect", "read").await?;
    app.screenshot("inspector-properties").await?;
    ensure!(app.document_title().await?.starts_with("• "), "a property edit is an unsaved change");
    app.click("undo").await?;
    app.click("undo").await?;
    app.wait_for_text("severity-file-write", &open_before.to_string()).await?;
    app.quit().await
}

//! The catalog in the real app: the palette of every kind, the catalog browser, and user
//! catalog folders, good and bad.

use crate::support::{App, testid};
use anyhow::{Result, ensure};
use std::ffi::OsString;

const PALETTE_KINDS: &str =
    "[data-testid^=\"palette-\"]:not([data-testid=\"palette-search\"]):not([data-testid=\"palette\"])";

#[tokio::test]
async fn the_browser_finds_threats_by_clashing_ids_layers_and_mitigations() -> Result<()> {
    let app = App::launch(&[]).await?;
    app.click("catalog-toggle").await?;
    app.find("catalog-browser").await?;

    // Both meanings of T16, each with the source that gives it.
    app.type_into("catalog-search", "T16").await?;
    app.wait_for_count("[data-testid^=\"catalog-threat-\"]", 2).await?;
    let protocol = app.text("catalog-aliases-insecure-protocol-abuse").await?;
    ensure!(protocol.contains("ASI T&M v1.1 T16") && protocol.contains("MAS guide v1.0 T30"), "{protocol}");
    let inconsistency = app.text("catalog-aliases-model-inconsistency").await?;
    ensure!(inconsistency.contains("MAS guide v1.0 T16"), "{inconsistency}");
    let refs = app.text("catalog-refs-insecure-protocol-abuse").await?;
    ensure!(refs.contains("ASI07") && refs.contains("AML.T0110"), "{refs}");
    app.screenshot("catalog-threats-t16").await?;

    // By layer: L6 is the band across the others; its threats are one click away.
    app.click("catalog-tab-layers").await?;
    app.type_into("catalog-search", &clear_and("")).await?;
    let l6 = app.text("catalog-layer-L6").await?;
    ensure!(l6.contains("spans every layer") && l6.contains("Questions for the room"), "{l6}");
    app.click("catalog-layer-threats-L5").await?;
    let count = app.text("catalog-count").await?;
    let all = maestro_catalog::Catalog::builtin().threats.len();
    ensure!(count.ends_with(&format!("of {all} threats")) && !count.starts_with(&format!("{all} ")), "{count}");
    app.find("catalog-threat-selective-log-manipulation").await?;
    app.screenshot("catalog-layer-l5").await?;

    // Mitigations say what shows them in place and what they address.
    app.click("catalog-tab-mitigations").await?;
    app.type_into("catalog-search", &clear_and("sandbox")).await?;
    let sandbox = app.text("catalog-mitigation-strong-sandbox").await?;
    ensure!(sandbox.contains("Counts as in place when: Sandbox is gvisor or microvm"), "{sandbox}");
    ensure!(sandbox.contains("Unexpected code execution"), "{sandbox}");

    app.click("side-close").await?;
    app.wait_until_gone("catalog-browser").await?;
    app.quit().await
}

/// Selects what the field holds and types `text` over it.
fn clear_and(text: &str) -> String {
    use fantoccini::key::Key;
    format!("{}a{}{}{text}", char::from(Key::Control), char::from(Key::Control), char::from(Key::Backspace))
}

#[tokio::test]
async fn the_palette_offers_every_kind_grouped_by_layer_and_filters_them() -> Result<()> {
    let app = App::launch(&[]).await?;
    app.wait_for_count(PALETTE_KINDS, 27).await?;
    app.type_into("palette-search", "vector store").await?;
    app.wait_for_count(PALETTE_KINDS, 1).await?;
    app.find("palette-vector-store").await?;
    app.click("palette-vector-store").await?;
    app.wait_for_text("layer-badge-vector-store-1", "L2").await?;

    // Quick-add: Escape leaves the search, `/` comes back to it, typing narrows it, Enter places
    // the first match.
    app.type_into("palette-search", &char::from(fantoccini::key::Key::Escape).to_string()).await?;
    app.wait_for_count(PALETTE_KINDS, 27).await?;
    app.click_at("element-notes", -25.0).await?;
    app.press_char('/').await?;
    ensure!(app.focused_testid().await? == "palette-search", "'/' did not focus the kind search");
    app.type_keys(&format!("secrets{}", char::from(fantoccini::key::Key::Enter))).await?;
    app.wait_for_text("layer-badge-secrets-manager-1", "L6").await?;
    app.quit().await
}

const ACME: &str = include_str!("../fixtures/user-catalog/acme.toml");

#[tokio::test]
async fn a_user_catalog_folder_adds_threats_and_a_broken_one_is_reported() -> Result<()> {
    let good = tempfile::tempdir()?;
    std::fs::write(good.path().join("acme.toml"), ACME)?;
    let app = App::launch(&[OsString::from("--catalog"), good.path().into()]).await?;
    app.click("catalog-toggle").await?;
    app.type_into("catalog-search", "ACME-7").await?;
    let threat = app.text("catalog-threat-acme-prompt-tampering").await?;
    ensure!(threat.contains("ACME ACME-7") && threat.contains("Prompt template tampering"), "{threat}");
    ensure!(app.count(&testid("notice")).await? == 0, "a good catalog raised a notice");
    app.quit().await?;

    let bad = tempfile::tempdir()?;
    std::fs::write(bad.path().join("acme.toml"), ACME.replace("\"artifact-signing\"]", "\"wishful-thinking\"]"))?;
    let app = App::launch(&[OsString::from("--catalog"), bad.path().into()]).await?;
    let notice = app.text("notice-text").await?;
    ensure!(
        notice.contains("only the built-in catalog is in use")
            && notice.contains("acme.toml: entry 'acme-prompt-tampering', field 'mitigations': there is no mitigation 'wishful-thinking'"),
        "{notice}"
    );
    // The app works on with the built-in catalog.
    app.wait_for_count(PALETTE_KINDS, 27).await?;
    app.screenshot("bad-user-catalog").await?;
    app.quit().await
}

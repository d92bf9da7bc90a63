//! The findings list on a large model: grouped by layer unless asked otherwise, it renders only
//! the rows in and near its view, scrolls to its last group, keeps an opened
//! finding while scrolled away from it, folds groups away and regroups by threat and element.

use crate::support::{App, testid};
use anyhow::{Context, Result, bail, ensure};
use maestro_analysis::{Finding, FindingStatus, analyze};
use maestro_catalog::Catalog;
use maestro_model::Model;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;

use crate::large::generated;

/// The list shows this many findings at least, more than any window should render.
const AT_LEAST: usize = 2_000;
/// Fewer finding rows than this are rendered, wherever the list is scrolled.
const RENDERED_AT_MOST: usize = 100;
const LIST: &str = "document.querySelector('[data-testid=\"findings-list\"]')";

/// A group as the list should show it.
struct Group<'a> {
    key: String,
    name: String,
    /// Worst first, then in the analysis's order, as the list orders them.
    findings: Vec<&'a Finding>,
}

/// A generated model with at least `AT_LEAST` open findings (the list shows open findings at
/// first), with its open findings worst first and the number of findings in all.
fn large_model() -> Result<(Model, Vec<Finding>, usize)> {
    for elements in (2_000..=10_000).step_by(1_000) {
        let model = generated::model(elements);
        let findings = analyze(&model, Catalog::builtin()).findings;
        let all = findings.len();
        let mut open: Vec<Finding> = findings.into_iter().filter(|f| f.status == FindingStatus::Open).collect();
        if open.len() >= AT_LEAST {
            open.sort_by_key(|f| Reverse(f.severity));
            return Ok((model, open, all));
        }
    }
    bail!("no generated model of up to 10,000 elements has {AT_LEAST} open findings")
}

/// The layer groups: in catalog order, named as the catalog names the layers.
fn layer_groups(open: &[Finding]) -> Vec<Group<'_>> {
    Catalog::builtin()
        .layers
        .iter()
        .map(|layer| Group {
            key: layer.id.as_str().to_owned(),
            name: if layer.cross_layer { layer.name.clone() } else { format!("{} {}", layer.id.as_str(), layer.name) },
            findings: open.iter().filter(|f| f.layer == layer.id).collect(),
        })
        .filter(|group| !group.findings.is_empty())
        .collect()
}

/// The threat groups: worst first, then by name.
fn threat_groups(open: &[Finding]) -> Vec<Group<'_>> {
    let mut by_threat: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for finding in open {
        by_threat.entry(finding.threat.as_str()).or_default().push(finding);
    }
    let mut groups: Vec<Group> = by_threat
        .into_iter()
        .map(|(threat, findings)| Group { key: threat.to_owned(), name: findings[0].threat_name.clone(), findings })
        .collect();
    groups.sort_by_key(|g| (Reverse(g.findings[0].severity), g.name.to_lowercase(), g.key.clone()));
    groups
}

/// Scrolls the list to `top` (a script expression, where `list` is the list).
async fn scroll_list(app: &App, top: &str) -> Result<()> {
    app.script(&format!("const list = {LIST}; list.scrollTop = {top}; return true;")).await?;
    Ok(())
}

/// The list's `data-rendered` and `data-total`: the finding rows rendered, and the rows in all.
async fn list_counts(app: &App) -> Result<(usize, usize)> {
    let rendered = app.attr("findings-list", "data-rendered").await?.parse()?;
    let total = app.attr("findings-list", "data-total").await?.parse()?;
    Ok((rendered, total))
}

/// The key of the first group header the list renders ("" for none).
async fn first_group_key(app: &App) -> Result<String> {
    let found = app
        .script(&format!(
            "return {LIST}.querySelector('button[data-testid^=\"findings-group-\"]')?.dataset.testid ?? '';"
        ))
        .await?;
    Ok(found.as_str().unwrap_or_default().trim_start_matches("findings-group-").to_owned())
}

/// The count a group's header shows.
async fn header_count(app: &App, key: &str) -> Result<String> {
    let shown = app
        .script(&format!(
            "return document.querySelector('{} .group-count')?.textContent ?? '';",
            testid(&group_id(key))
        ))
        .await?;
    Ok(shown.as_str().unwrap_or_default().trim().to_owned())
}

/// The `data-testid` of a group's header.
fn group_id(key: &str) -> String {
    format!("findings-group-{key}")
}

/// The `data-testid` of a finding's row.
fn finding_id(finding: &Finding) -> String {
    format!("finding-{}", finding.id)
}

#[tokio::test]
async fn the_findings_of_a_large_model_are_grouped_and_only_those_in_view_are_rendered() -> Result<()> {
    let (model, open, all) = large_model()?;
    let layers = layer_groups(&open);
    ensure!(layers.iter().map(|g| g.findings.len()).sum::<usize>() == open.len(), "a finding is in no catalog layer");
    let (first, last) = (layers.first().context("no layer has findings")?, &layers[layers.len() - 1]);
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("findings.maestro");
    maestro_store::save(&model, &file)?;
    let app = App::launch(&[OsString::from(&file)]).await?;
    app.wait_for_attr("overview", "data-painted", &model.elements.len().to_string()).await?;

    // (How long the panel takes to open is measured by `cargo xtask bench-app`, not here.)
    app.click("findings-toggle").await?;
    app.find("findings-list").await?;

    // Grouped by layer, in catalog order; only the rows at the top are rendered.
    app.wait_for_text("findings-count", &format!("{} of {all} findings", open.len())).await?;
    ensure!(app.value("findings-group-by").await? == "layer", "the list is grouped by layer at first");
    let (rendered, total) = list_counts(&app).await?;
    ensure!(total == open.len() + layers.len() && total >= AT_LEAST, "{total} rows for {} findings", open.len());
    ensure!(rendered > 0 && rendered < RENDERED_AT_MOST, "{rendered} of {total} rows rendered");
    ensure!(first_group_key(&app).await? == first.key, "the first group is not {}", first.key);
    app.wait_for_text_containing(&group_id(&first.key), &first.name).await?;
    ensure!(header_count(&app, &first.key).await? == first.findings.len().to_string(), "{}'s count", first.key);
    ensure!(app.attr(&group_id(&first.key), "aria-expanded").await? == "true", "{} starts open", first.key);
    app.find(&finding_id(first.findings[0])).await?;
    app.screenshot("findings-grouped").await?;

    // At the bottom, the last group's last finding is rendered and the first group's are not.
    let bottom = finding_id(last.findings.last().expect("groups have findings"));
    app.wait_until(
        || async {
            // Rows are measured as they come into view, so the end may move: scroll until it stays.
            scroll_list(&app, "list.scrollHeight").await?;
            Ok(app.count(&testid(&bottom)).await? == 1)
        },
        "the last finding to be rendered at the end of the list",
    )
    .await?;
    ensure!(app.count(&testid(&finding_id(first.findings[0]))).await? == 0, "the top of the list is still rendered");
    let (rendered, _) = list_counts(&app).await?;
    ensure!(rendered < RENDERED_AT_MOST, "{rendered} rows rendered at the end");
    app.screenshot("findings-scrolled-to-the-end").await?;

    // An opened finding stays rendered, with its explanation, when the list scrolls away from it
    // (it stays open from here on).
    app.click(&bottom).await?;
    app.find("finding-why").await?;
    scroll_list(&app, "0").await?;
    app.find(&finding_id(first.findings[0])).await?;
    ensure!(app.count(&testid(&bottom)).await? == 1, "the opened finding went when the list scrolled to the top");
    ensure!(app.count(&testid("finding-why")).await? == 1, "the opened finding lost its explanation");

    // Folding the first group away takes its findings out and leaves its header and count.
    let (_, before) = list_counts(&app).await?;
    app.click(&group_id(&first.key)).await?;
    app.wait_until_gone(&finding_id(first.findings[0])).await?;
    let (_, folded) = list_counts(&app).await?;
    ensure!(folded == before - first.findings.len(), "{before} rows before folding {}, {folded} after", first.key);
    ensure!(app.attr(&group_id(&first.key), "aria-expanded").await? == "false", "{} is not shown folded", first.key);
    ensure!(header_count(&app, &first.key).await? == first.findings.len().to_string(), "{}'s count changed", first.key);
    if let Some(second) = layers.get(1) {
        app.find(&group_id(&second.key)).await?;
        app.find(&finding_id(second.findings[0])).await?;
    }
    app.screenshot("findings-group-collapsed").await?;
    app.click(&group_id(&first.key)).await?;
    app.find(&finding_id(first.findings[0])).await?;

    // Grouped by threat: the worst threat first, every group open again.
    let threats = threat_groups(&open);
    app.select_option("findings-group-by", "threat").await?;
    app.wait_until(
        || async { Ok(list_counts(&app).await?.1 == open.len() + threats.len()) },
        "a row for each threat and each finding",
    )
    .await?;
    scroll_list(&app, "0").await?;
    let worst = &threats[0];
    ensure!(first_group_key(&app).await? == worst.key, "the first threat shown is not {}", worst.key);
    app.wait_for_text_containing(&group_id(&worst.key), &worst.name).await?;
    ensure!(header_count(&app, &worst.key).await? == worst.findings.len().to_string(), "{}'s count", worst.key);
    app.find(&finding_id(worst.findings[0])).await?;
    let (rendered, _) = list_counts(&app).await?;
    ensure!(rendered < RENDERED_AT_MOST, "{rendered} rows rendered grouped by threat");
    app.screenshot("findings-by-threat").await?;

    // Grouped by element (each finding's first target), and not grouped at all.
    let elements: BTreeSet<&str> = open.iter().map(|f| f.targets.first().map_or("", String::as_str)).collect();
    app.select_option("findings-group-by", "element").await?;
    app.wait_until(
        || async { Ok(list_counts(&app).await?.1 == open.len() + elements.len()) },
        "a row for each element and each finding",
    )
    .await?;
    app.select_option("findings-group-by", "none").await?;
    app.wait_until(|| async { Ok(list_counts(&app).await?.1 == open.len()) }, "a row for each finding alone").await?;
    ensure!(first_group_key(&app).await?.is_empty(), "an ungrouped list has group headers");
    app.quit().await
}

//! `maestro-studio analyze`: the real binary, with no display at all.

use anyhow::{Context, Result, ensure};
use std::process::{Command, Output};

fn analyze(args: &[&str]) -> Result<Output> {
    let app = std::env::var_os("MAESTRO_APP").context("MAESTRO_APP is not set: run through `cargo xtask test`")?;
    Command::new(app)
        .arg("analyze")
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .context("running maestro-studio analyze")
}

const MODEL: &str = "name: Crew\ncomponents:\n  - { id: web, kind: web-content, name: Web }\n  - { id: a, kind: agent, name: Agent, properties: { autonomy: autonomous } }\n  - { id: t, kind: code-interpreter, name: REPL }\nflows:\n  - { from: web, to: a }\n  - { from: a, to: t }\n";

#[test]
fn analyze_prints_every_format_without_a_display_and_fails_on_a_threshold() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let model = dir.path().join("crew.yaml");
    std::fs::write(&model, MODEL)?;
    let path = model.to_str().context("a UTF-8 temp path")?;

    let json = analyze(&[path])?;
    ensure!(json.status.success(), "{}", String::from_utf8_lossy(&json.stderr));
    let report: serde_json::Value = serde_json::from_slice(&json.stdout)?;
    let ids: Vec<&str> =
        report["findings"].as_array().context("findings")?.iter().filter_map(|f| f["id"].as_str()).collect();
    ensure!(ids.contains(&"unexpected-rce:t"), "{ids:?}");

    for (format, starts) in [("markdown", "# MAESTRO threat model: Crew"), ("csv", "\"id\",\"threat\""), ("sarif", "{")]
    {
        let out = analyze(&[path, "--format", format])?;
        ensure!(out.status.success() && String::from_utf8_lossy(&out.stdout).starts_with(starts), "{format}");
    }
    let sarif: serde_json::Value = serde_json::from_slice(&analyze(&[path, "--format", "sarif"])?.stdout)?;
    ensure!(sarif["version"] == "2.1.0");

    // The unsandboxed REPL is a critical finding: the pipeline fails.
    ensure!(analyze(&[path, "--fail-on", "critical"])?.status.code() == Some(1));
    Ok(())
}

#[test]
fn analyze_reports_a_bad_model_by_element_and_field() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let model = dir.path().join("bad.yaml");
    std::fs::write(&model, MODEL.replace("code-interpreter", "warp-drive"))?;
    let out = analyze(&[model.to_str().context("path")?])?;
    ensure!(out.status.code() == Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    ensure!(stderr.contains("components[2] (id 't'), field 'kind': unknown kind 'warp-drive'"), "{stderr}");
    Ok(())
}

//! The `maestro` binary as CI runs it: no display, no GUI libraries, and the documented exit
//! statuses.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const MODEL: &str = "name: Crew\ncomponents:\n  - { id: web, kind: web-content, name: Web }\n  - { id: a, kind: agent, name: Agent, properties: { autonomy: autonomous } }\n  - { id: t, kind: code-interpreter, name: REPL }\nflows:\n  - { from: web, to: a }\n  - { from: a, to: t }\n";

fn maestro(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_maestro"))
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("running maestro")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn model_in(dir: &Path) -> String {
    let path = dir.join("crew.yaml");
    std::fs::write(&path, MODEL).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn links_no_gui_library() {
    let Ok(out) = Command::new("ldd").arg(env!("CARGO_BIN_EXE_maestro")).output() else { return };
    let libraries = text(&out.stdout).to_lowercase();
    for gui in ["gtk", "webkit", "gdk", "javascriptcore", "soup", "cairo", "x11"] {
        assert!(!libraries.contains(gui), "maestro links {gui}:\n{libraries}");
    }
}

/// `cargo install --path` builds and installs the command line with nothing of the desktop stack:
/// no crate of it is in the tree (so no GTK or WebKit headers are needed to build), and the
/// installed binary runs. Built in debug and in the workspace's target folder, which the test
/// build has already filled, so that it does not compile everything again.
#[test]
fn cargo_install_builds_and_installs_it_without_the_desktop_stack() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let workspace = crate_dir.ancestors().nth(3).expect("the workspace");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let tree = Command::new(&cargo)
        .current_dir(workspace)
        .args(["tree", "--locked", "--offline", "-p", "maestro-cli", "-e", "normal,build", "--prefix", "none"])
        .output()
        .expect("running cargo tree");
    assert!(tree.status.success(), "{}", text(&tree.stderr));
    let crates = text(&tree.stdout);
    for desktop in ["tauri", "wry", "tao ", "gtk", "webkit", "gdk", "glib", "soup", "javascriptcore"] {
        assert!(!crates.lines().any(|line| line.starts_with(desktop)), "maestro-cli depends on {desktop}:\n{crates}");
    }
    let root = tempfile::tempdir().unwrap();
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| workspace.join("target"), Into::into);
    let install = Command::new(&cargo)
        .current_dir(root.path())
        .env("CARGO_TARGET_DIR", target)
        .args(["install", "--quiet", "--locked", "--offline", "--debug", "--path"])
        .arg(crate_dir)
        .arg("--root")
        .arg(root.path())
        .output()
        .expect("running cargo install");
    assert!(install.status.success(), "cargo install failed:\n{}", text(&install.stderr));
    let installed = root.path().join("bin").join(format!("maestro{}", std::env::consts::EXE_SUFFIX));
    let version = Command::new(&installed).arg("--version").env_remove("DISPLAY").output().expect("running it");
    assert!(version.status.success() && text(&version.stdout).starts_with("maestro "), "{version:?}");
}

#[test]
fn analyze_reports_and_fails_on_a_threshold() {
    let dir = tempfile::tempdir().unwrap();
    let model = model_in(dir.path());
    let json = maestro(&["analyze", &model]);
    assert!(json.status.success(), "{}", text(&json.stderr));
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let ids: Vec<&str> = report["findings"].as_array().unwrap().iter().filter_map(|f| f["id"].as_str()).collect();
    assert!(ids.contains(&"unexpected-rce:t"), "{ids:?}");
    let failed = maestro(&["analyze", &model, "--fail-on", "high", "--quiet"]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(failed.stdout.is_empty(), "quiet prints nothing");
    let lines = maestro(&["analyze", &model, "--format", "jsonl"]);
    let lines = text(&lines.stdout);
    assert_eq!(lines.lines().count(), ids.len());
    for line in lines.lines() {
        let finding: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(finding["id"].is_string());
    }
    let sarif: serde_json::Value =
        serde_json::from_slice(&maestro(&["analyze", &model, "--format", "sarif"]).stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
}

#[test]
fn export_draws_the_diagram_by_format_or_file_name_and_refuses_what_it_cannot_draw() {
    let dir = tempfile::tempdir().unwrap();
    let model = model_in(dir.path());
    let stdout = maestro(&["export", &model, "--format", "svg", "--highlight-layer", "l3", "--scale", "2"]);
    assert!(stdout.status.success(), "{}", text(&stdout.stderr));
    let svg = text(&stdout.stdout);
    assert!(svg.starts_with("<svg ") && svg.trim_end().ends_with("</svg>"), "{svg}");
    assert!(svg.contains(r#"data-element="t""#), "the model's elements are drawn");
    let file = dir.path().join("crew diagram.svg");
    let written = maestro(&["export", &model, "-o", file.to_str().unwrap(), "--bands"]);
    assert!(written.status.success() && written.stdout.is_empty(), "{}", text(&written.stderr));
    assert!(std::fs::read_to_string(&file).unwrap().contains("data-band=\"L3\""));
    let png = dir.path().join("crew.png");
    let written = maestro(&["export", &model, "-o", png.to_str().unwrap(), "--highlight-chain", "unexpected-rce:t"]);
    assert!(written.status.success(), "{}", text(&written.stderr));
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG\r\n\x1a\n"));
    let piped = maestro(&["export", &model, "--format", "png"]);
    assert!(
        piped.stdout.starts_with(b"\x89PNG") && !piped.stdout.ends_with(b"IEND\xaeB`\x82\n"),
        "PNG bytes as they are"
    );
    let page = dir.path().join("crew.html");
    let written =
        maestro(&["export", &model, "-o", page.to_str().unwrap(), "--hide", "mitigated,accepted", "--author", "Ana"]);
    assert!(written.status.success(), "{}", text(&written.stderr));
    let page = std::fs::read_to_string(&page).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("<dd>Ana</dd>") && page.contains("<svg "));
    let markdown = maestro(&["export", &model, "--format", "md"]);
    assert!(text(&markdown.stdout).starts_with("# MAESTRO threat model"));

    let pdf = dir.path().join("report.pdf");
    for (args, says) in [
        (
            vec!["-o", pdf.to_str().unwrap()],
            "a report or diagram is a .html, .md, .json, .sarif, .csv, .svg or .png file",
        ),
        (vec![], "say --format"),
        (vec!["--format", "svg", "--highlight-chain", "no-such:finding"], "there is no finding 'no-such:finding'"),
        (vec!["--format", "svg", "--highlight-layer", "L9"], "'L9' is not a layer"),
        (vec!["--format", "svg", "--scale", "0"], "a scale is a number above 0"),
    ] {
        let mut all = vec!["export", model.as_str()];
        all.extend(args);
        let refused = maestro(&all);
        assert_eq!(refused.status.code(), Some(2), "{all:?}");
        assert!(text(&refused.stderr).contains(says), "{all:?}: {}", text(&refused.stderr));
    }
    assert!(!pdf.exists(), "nothing is written for a refused export");
}

#[test]
fn a_baseline_leaves_out_known_findings_and_they_no_longer_fail() {
    let dir = tempfile::tempdir().unwrap();
    let model = model_in(dir.path());
    let baseline = dir.path().join("baseline.json");
    std::fs::write(&baseline, maestro(&["analyze", &model]).stdout).unwrap();
    let again = maestro(&["analyze", &model, "--baseline", baseline.to_str().unwrap(), "--fail-on", "low"]);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stderr));
    let report: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(report["findings"].as_array().unwrap().len(), 0);
    std::fs::write(&baseline, "not json").unwrap();
    let bad = maestro(&["analyze", &model, "--baseline", baseline.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("a baseline is a JSON report"), "{}", text(&bad.stderr));
}

#[test]
fn a_model_is_read_from_standard_input() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_maestro"))
        .args(["check", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(MODEL.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("(3 elements, 2 flows, 0 boundaries)"), "{}", text(&out.stdout));
}

#[test]
fn convert_writes_each_form_and_check_names_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let model = model_in(dir.path());
    let stored = dir.path().join("crew.maestro");
    let back = dir.path().join("back.json");
    assert!(maestro(&["convert", &model, stored.to_str().unwrap()]).status.success());
    assert!(maestro(&["convert", stored.to_str().unwrap(), back.to_str().unwrap()]).status.success());
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&back).unwrap()).unwrap();
    assert_eq!(json["name"], "Crew");
    let report = dir.path().join("report.md");
    let export = maestro(&["export", stored.to_str().unwrap(), "-o", report.to_str().unwrap()]);
    assert!(export.status.success(), "{}", text(&export.stderr));
    assert!(std::fs::read_to_string(&report).unwrap().contains("Crew"));

    let broken = dir.path().join("broken.yaml");
    std::fs::write(&broken, MODEL.replace("code-interpreter", "warp-drive")).unwrap();
    let out = maestro(&["check", broken.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("unknown kind 'warp-drive'"), "{}", text(&out.stderr));
    let out = maestro(&["analyze", "--format", "pdf", &model]);
    assert_eq!(out.status.code(), Some(2), "a mistake in the options is bad input");
}

#[test]
fn the_catalog_is_listed_and_a_folder_checked() {
    let list = maestro(&["catalog", "list"]);
    assert!(list.status.success());
    assert!(text(&list.stdout).lines().any(|l| l.starts_with("unexpected-rce\t")), "{}", text(&list.stdout));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mine.toml"), "[[threats]]\nid = \"oops\"\n").unwrap();
    let out = maestro(&["catalog", "validate", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    assert!(text(&out.stderr).contains("mine.toml"), "{}", text(&out.stderr));
}

#[test]
fn help_completions_and_a_manual_page_are_generated() {
    let help = maestro(&["--help"]);
    assert!(help.status.success());
    assert!(text(&help.stdout).contains("Exit status: 0 done; 1 an open finding at or above --fail-on; 2 bad input."));
    let bash = maestro(&["completions", "bash"]);
    assert!(bash.status.success() && text(&bash.stdout).contains("_maestro()"), "{}", text(&bash.stdout));
    let man = maestro(&["man"]);
    assert!(man.status.success() && text(&man.stdout).contains(".TH maestro"), "{}", text(&man.stdout));
}

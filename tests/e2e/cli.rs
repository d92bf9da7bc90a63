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

#[test]
fn analyze_refuses_a_maestro_file_with_parts_the_catalog_does_not_know() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("future.maestro");
    let mut model = maestro_model::Model::new("From a newer version");
    model.elements.push(maestro_model::Element {
        id: "x-1".into(),
        kind: "warp-drive".into(),
        name: "Drive".into(),
        ..Default::default()
    });
    maestro_store::save(&model, &path)?;
    let out = analyze(&[path.to_str().context("path")?, "--fail-on", "critical"])?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    ensure!(out.status.code() == Some(2), "a gate that cannot judge a part must not pass: {stderr}");
    ensure!(stderr.contains("element 'x-1' (Drive), field 'kind': the catalog has no kind 'warp-drive'"), "{stderr}");
    Ok(())
}

#[test]
fn analyze_refuses_a_crafted_maestro_file_at_once_and_writes_nothing() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("crafted.maestro");
    maestro_store::save(&maestro_model::Model::new("Bait"), &path)?;
    // A view that never ends where the elements table should be.
    let status = Command::new("python3")
        .arg("-c")
        .arg(
            "import sqlite3, sys\n\
             c = sqlite3.connect(sys.argv[1])\n\
             c.executescript(\"DROP TABLE elements; CREATE VIEW elements AS WITH RECURSIVE n(i) AS \
             (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i AS ord, i AS id FROM n;\")\n\
             c.close()",
        )
        .arg(&path)
        .status()?;
    ensure!(status.success(), "python3 could not craft the file");
    let before = std::fs::read(&path)?;
    let out = analyze(&[path.to_str().context("path")?])?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    ensure!(out.status.code() == Some(2), "{stderr}");
    ensure!(stderr.contains("was not opened") && stderr.contains("view 'elements'"), "{stderr}");
    ensure!(std::fs::read(&path)? == before, "the file changed");
    let names: Vec<_> = std::fs::read_dir(dir.path())?.flatten().map(|e| e.file_name()).collect();
    ensure!(names == ["crafted.maestro"], "reading left files behind: {names:?}");
    Ok(())
}

#[test]
fn analyze_reports_a_full_disk_and_shrugs_off_a_closed_pipe() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let model = dir.path().join("crew.yaml");
    std::fs::write(&model, MODEL)?;
    let app = std::env::var_os("MAESTRO_APP").context("MAESTRO_APP is not set")?;
    let full = Command::new(&app)
        .args(["analyze", model.to_str().context("path")?, "--format", "markdown"])
        .stdout(std::fs::OpenOptions::new().write(true).open("/dev/full")?)
        .output()?;
    let stderr = String::from_utf8_lossy(&full.stderr);
    ensure!(full.status.code() == Some(2), "{stderr}");
    ensure!(stderr.contains("could not write the output") && !stderr.contains("panicked"), "{stderr}");

    // A reader that leaves at once: the verdict (1, a critical finding) stands, and no panic.
    let mut child = Command::new(&app)
        .args(["analyze", model.to_str().context("path")?, "--fail-on", "critical"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()?;
    drop(child.stdout.take());
    let closed = child.wait_with_output()?;
    let stderr = String::from_utf8_lossy(&closed.stderr);
    ensure!(closed.status.code() == Some(1), "{:?}: {stderr}", closed.status);
    ensure!(!stderr.contains("panicked"), "{stderr}");
    Ok(())
}

#[test]
fn diff_shows_what_changed_between_two_models_as_text_and_json() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let old = dir.path().join("old.yaml");
    std::fs::write(&old, MODEL)?;
    // The same system saved as a .maestro file, then changed: one tool more, the agent renamed.
    let mut model =
        maestro_modelfile::parse(MODEL, maestro_modelfile::Format::Yaml, maestro_catalog::Catalog::builtin())?;
    model.elements[1].name = "Planner".into();
    model.elements.push(maestro_model::Element {
        id: "mail".into(),
        kind: "tool".into(),
        name: "Mail".into(),
        ..Default::default()
    });
    let new = dir.path().join("new.maestro");
    maestro_store::save(&model, &new)?;
    let app = std::env::var_os("MAESTRO_APP").context("MAESTRO_APP is not set")?;
    let run = |extra: &[&str]| -> Result<Output> {
        Ok(Command::new(&app).arg("diff").arg(&old).arg(&new).args(extra).env_remove("DISPLAY").output()?)
    };
    let text = run(&[])?;
    ensure!(text.status.success(), "{}", String::from_utf8_lossy(&text.stderr));
    let text = String::from_utf8(text.stdout)?;
    ensure!(text.contains("  + mail (Mail)\n") && text.contains("  ~ a (Planner): name\n"), "{text}");
    ensure!(text.contains("(1 element added, 1 element changed)"), "{text}");

    let json: serde_json::Value = serde_json::from_slice(&run(&["--format", "json"])?.stdout)?;
    ensure!(json["elements"]["added"][0]["id"] == "mail", "{json}");
    ensure!(json["elements"]["changed"][0]["fields"][0] == "name", "{json}");

    let missing = Command::new(&app).args(["diff", "nowhere.maestro"]).arg(&new).output()?;
    ensure!(missing.status.code() == Some(2), "a model that cannot be read is exit status 2");
    Ok(())
}

#[test]
fn revisions_are_listed_and_any_two_compared_from_the_command_line() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("crew.maestro");
    // Three saves, as the editor makes them: each records a revision.
    let catalog = maestro_catalog::Catalog::builtin();
    let mut doc = maestro_document::Document::open_or_create(&path)?;
    doc.set_author("Ada \u{1b}[31m");
    let add = |doc: &mut maestro_document::Document, kind: &str| {
        doc.apply(maestro_document::Edit::AddElement { kind: kind.into(), position: Default::default() }, catalog)
    };
    add(&mut doc, "agent")?;
    doc.save()?;
    add(&mut doc, "tool")?;
    doc.save()?;
    doc.apply(maestro_document::Edit::RenameElement { id: "agent-1".into(), name: "Planner".into() }, catalog)?;
    doc.save()?;
    drop(doc);

    let app = std::env::var_os("MAESTRO_APP").context("MAESTRO_APP is not set")?;
    let run = |args: &[&str]| -> Result<Output> {
        Ok(Command::new(&app).args(args).env_remove("DISPLAY").env_remove("WAYLAND_DISPLAY").output()?)
    };
    let file = path.to_str().context("a UTF-8 temporary path")?;
    let listed = run(&["revisions", file])?;
    ensure!(listed.status.success(), "{}", String::from_utf8_lossy(&listed.stderr));
    let text = String::from_utf8(listed.stdout)?;
    let lines: Vec<&str> = text.lines().collect();
    ensure!(lines.len() == 3, "{text}");
    ensure!(
        lines[0].starts_with("#1  ") && lines[0].ends_with("  Ada ?[31m  First saved: 1 element, 0 flows"),
        "{text}"
    );
    ensure!(lines[2].ends_with("1 element changed"), "{text}");
    let json: serde_json::Value = serde_json::from_slice(&run(&["revisions", file, "--format", "json"])?.stdout)?;
    ensure!(json[1]["summary"] == "1 element added" && json[1]["author"] == "Ada \u{1b}[31m", "{json}");

    let diff = run(&["diff", &format!("{file}@1"), &format!("{file}@3")])?;
    ensure!(diff.status.success(), "{}", String::from_utf8_lossy(&diff.stderr));
    let diff = String::from_utf8(diff.stdout)?;
    ensure!(diff.contains("  + tool-1 (Tool)\n") && diff.contains("  ~ agent-1 (Planner): name\n"), "{diff}");
    // A revision against the file as it is now.
    let latest = String::from_utf8(run(&["diff", &format!("{file}@3"), file])?.stdout)?;
    ensure!(latest == "no changes\n", "{latest:?}");

    let unknown = run(&["diff", &format!("{file}@7"), file])?;
    ensure!(unknown.status.code() == Some(2), "an unknown revision is bad input");
    let stderr = String::from_utf8_lossy(&unknown.stderr);
    ensure!(stderr.contains("there is no revision 7"), "{stderr}");
    Ok(())
}

//! Building, running and testing, in the order the pieces depend on each other:
//! TypeScript bindings (from Rust) → UI bundle (Vite) → app binary (which embeds the bundle).
//!
//! Every cargo call covers the whole workspace (`--workspace`), so dependencies are always built
//! with the same unified features: building the app after testing (or the reverse) compiles
//! nothing twice.

use crate::display::{VirtualDisplay, has_display};
use crate::process::{self, cargo, run_in};
use crate::setup::tauri_driver_path;
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root.join("target"))
}

fn app_binary(root: &Path) -> PathBuf {
    target_dir(root).join("debug/maestro-studio")
}

/// The app crate's build script reads `ui/dist`; it must exist before anything compiles the app.
fn ensure_dist_dir(root: &Path) -> Result<()> {
    std::fs::create_dir_all(root.join("ui/dist")).context("creating ui/dist")
}

fn bindings_test(root: &Path, write: bool) -> Result<()> {
    ensure_dist_dir(root)?;
    let mut command = cargo();
    command.current_dir(root).args(["test", "--quiet", "--workspace", "--lib", "bindings::"]);
    if write {
        command.env("MAESTRO_WRITE_BINDINGS", "1");
    }
    process::run(command)
}

pub fn write_bindings(root: &Path) -> Result<()> {
    bindings_test(root, true)
}

fn build_ui(root: &Path) -> Result<()> {
    run_in(&root.join("ui"), "npm", &["run", "--silent", "build"])
}

/// Builds the app and every test target in one go (the tests would need them next anyway).
fn build_binary(root: &Path) -> Result<()> {
    let mut command = cargo();
    command.current_dir(root).args(["build", "--workspace", "--all-targets"]);
    process::run(command)
}

pub fn build_app(root: &Path) -> Result<()> {
    write_bindings(root)?;
    build_ui(root)?;
    build_binary(root)
}

pub fn run_app(root: &Path, args: &[String]) -> Result<()> {
    let _display;
    let mut command = Command::new(app_binary(root));
    // `cargo xtask run -- PATH`: the separator is for cargo's benefit, not the app's.
    command.args(args.strip_prefix(&["--".to_owned()]).unwrap_or(args));
    if !has_display() {
        let display = VirtualDisplay::start()?;
        eprintln!("xtask: no screen here; the app runs on virtual display {}", display.name);
        command.env("DISPLAY", &display.name);
        _display = display;
    }
    process::run(command)
}

pub fn test_everything(root: &Path) -> Result<()> {
    // Stale bindings would make every later step check the wrong interface: fail first.
    bindings_test(root, false).context("the TypeScript bindings are stale: run `cargo xtask bindings`")?;
    // The lint gate: unformatted code or a clippy warning fails the run; so does a missing tool.
    for (tool, component) in [("rustfmt", "rustfmt"), ("cargo-clippy", "clippy")] {
        if process::output_of(tool, &["--version"]).is_none() {
            anyhow::bail!("{tool} is missing, so the code cannot be checked: run `rustup component add {component}`");
        }
    }
    let mut fmt = cargo();
    fmt.current_dir(root).args(["fmt", "--all", "--", "--check"]);
    process::run(fmt).context("Rust code is not formatted: run `cargo fmt --all`")?;
    let ui = root.join("ui");
    run_in(&ui, "npm", &["run", "--silent", "check"])?;
    run_in(&ui, "npm", &["run", "--silent", "test"])?;
    build_ui(root)?;
    // After the page is built: the app's build script embeds it.
    let mut clippy = cargo();
    clippy.current_dir(root).args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--features",
        "maestro-tests/e2e",
        "--",
        "-D",
        "warnings",
    ]);
    process::run(clippy).context("clippy found something to fix")?;
    build_binary(root)?;

    let mut unit = cargo();
    unit.current_dir(root).args(["test", "--workspace"]);
    process::run(unit)?;

    end_to_end(root)
}

/// The app benchmark (`tests/benches/app.rs`) on a virtual display, against the debug build.
pub fn bench_app(root: &Path) -> Result<()> {
    drive_the_app(root, &["bench", "-p", "maestro-tests", "--features", "maestro-tests/e2e", "--bench", "app"])
}

fn end_to_end(root: &Path) -> Result<()> {
    let args = ["test", "--workspace", "--features", "maestro-tests/e2e", "--test", "e2e", "--", "--test-threads=1"];
    drive_the_app(root, &args)?;
    eprintln!("xtask: end-to-end screenshots are in {}", target_dir(root).join("e2e-screenshots").display());
    Ok(())
}

/// Runs `cargo ARGS` for a test target that drives the built app over WebDriver, on a virtual display.
fn drive_the_app(root: &Path, args: &[&str]) -> Result<()> {
    let display = VirtualDisplay::start()?;
    let screenshots = target_dir(root).join("e2e-screenshots");
    std::fs::create_dir_all(&screenshots)?;
    let mut command = cargo();
    command
        .current_dir(root)
        .args(args)
        .env("DISPLAY", &display.name)
        .env("MAESTRO_APP", app_binary(root))
        .env("TAURI_DRIVER", tauri_driver_path(root))
        .env("MAESTRO_SCREENSHOTS", &screenshots)
        // No accessibility bus under a virtual display; keep GTK from looking for one.
        .env("NO_AT_BRIDGE", "1")
        // GTK's file dialogs keep their settings in memory, not in a dconf the machine lacks.
        .env("GSETTINGS_BACKEND", "memory")
        // The app's configuration (Open Recent, the user catalog folder) stays out of the user's own.
        .env("XDG_CONFIG_HOME", target_dir(root).join("e2e-config"));
    process::run(command)
}

//! Installing what the project needs, only when it is missing: Debian packages, Node.js packages
//! for the UI, and tauri-driver for the end-to-end tests (into a project-local tools folder).

use crate::process::{self, output_of, run_in};
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Needs {
    /// Compile the app.
    Build,
    /// Compile and open the app, possibly on a virtual display.
    Run,
    /// Everything the test suite drives.
    Test,
}

/// Libraries and tools the Tauri app compiles against (WebKitGTK and friends).
const BUILD_PACKAGES: &[&str] = &[
    "build-essential",
    "pkg-config",
    "file",
    "libwebkit2gtk-4.1-dev",
    "libssl-dev",
    "libxdo-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
];
/// A virtual display and a font, for machines without a screen.
const DISPLAY_PACKAGES: &[&str] = &["xvfb", "xauth", "fonts-dejavu-core"];
/// The WebDriver server for WebKitGTK that tauri-driver talks to; xdotool, with which the
/// end-to-end tests read the native window title; and the ACL tools with which the store's tests
/// check that saving keeps a file's access list.
const TEST_PACKAGES: &[&str] = &["webkit2gtk-driver", "xdotool", "acl"];

/// Vite 7 needs at least this Node.js.
const MIN_NODE: (u32, u32) = (20, 19);

pub fn everything(root: &Path, needs: Needs) -> Result<()> {
    let mut packages: Vec<&str> = BUILD_PACKAGES.to_vec();
    if needs >= Needs::Run {
        packages.extend(DISPLAY_PACKAGES);
    }
    if needs >= Needs::Test {
        packages.extend(TEST_PACKAGES);
    }
    debian_packages(&packages)?;
    node()?;
    npm_packages(&root.join("ui"))?;
    if needs >= Needs::Test {
        tauri_driver(root)?;
    }
    Ok(())
}

fn is_installed(package: &str) -> bool {
    output_of("dpkg-query", &["-W", "-f=${db:Status-Abbrev}", package]).is_some_and(|s| s.starts_with("ii"))
}

fn debian_packages(wanted: &[&str]) -> Result<()> {
    if output_of("dpkg-query", &["--version"]).is_none() {
        eprintln!("xtask: not a Debian-family system; make sure these are installed: {}", wanted.join(" "));
        return Ok(());
    }
    let missing: Vec<&str> = wanted.iter().copied().filter(|p| !is_installed(p)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    eprintln!("xtask: installing Debian packages: {}", missing.join(" "));
    let as_root = output_of("id", &["-u"]).as_deref() == Some("0");
    let apt = |args: &[&str]| -> Command {
        let mut command = if as_root {
            Command::new("apt-get")
        } else {
            let mut sudo = Command::new("sudo");
            sudo.arg("apt-get");
            sudo
        };
        command.env("DEBIAN_FRONTEND", "noninteractive").args(args);
        command
    };
    process::run(apt(&["update", "-qq"]))?;
    let mut install = apt(&["install", "-y", "-qq"]);
    install.args(&missing);
    process::run(install).context("installing Debian packages (as root, or with sudo)")
}

fn node() -> Result<()> {
    if output_of("node", &["--version"]).is_none() {
        debian_packages(&["nodejs", "npm"])?;
    }
    let version = output_of("node", &["--version"]).context("Node.js is not installed and could not be installed")?;
    let parsed = parse_node_version(&version).with_context(|| format!("unreadable Node.js version '{version}'"))?;
    if parsed < MIN_NODE {
        bail!("Node.js {version} is too old: the UI build needs {}.{} or newer", MIN_NODE.0, MIN_NODE.1);
    }
    Ok(())
}

fn parse_node_version(text: &str) -> Option<(u32, u32)> {
    let mut parts = text.trim().trim_start_matches('v').split('.');
    Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
}

/// `npm install` against the committed lockfile, when node_modules is missing or older than it.
/// (`npm ci` is not used: some registry mirrors lack optional packages for other platforms.)
fn npm_packages(ui: &Path) -> Result<()> {
    let installed = ui.join("node_modules/.package-lock.json");
    let up_to_date = modified(&installed).is_some_and(|done| {
        ["package.json", "package-lock.json"].iter().all(|f| modified(&ui.join(f)).is_none_or(|m| m <= done))
    });
    if up_to_date {
        return Ok(());
    }
    run_in(ui, "npm", &["install", "--no-audit", "--no-fund"])
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// Where tauri-driver is installed: inside the target folder, so it stays with the project.
pub fn tools_dir(root: &Path) -> PathBuf {
    crate::steps::target_dir(root).join("tools")
}

pub fn tauri_driver_path(root: &Path) -> PathBuf {
    tools_dir(root).join("bin/tauri-driver")
}

fn tauri_driver(root: &Path) -> Result<()> {
    if tauri_driver_path(root).exists() {
        return Ok(());
    }
    let mut install = process::cargo();
    install.args(["install", "tauri-driver", "--locked", "--version", "^2", "--root"]).arg(tools_dir(root));
    process::run(install)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_node_versions() {
        assert_eq!(parse_node_version("v20.20.2\n"), Some((20, 20)));
        assert_eq!(parse_node_version("v22.1.0"), Some((22, 1)));
        assert_eq!(parse_node_version("banana"), None);
    }
}

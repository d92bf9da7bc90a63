//! `cargo xtask cli`: the `maestro` command line as it is handed out — a release build, linked
//! statically against the C library where the platform allows it (Linux with glibc's static
//! archives), and stripped, so that it runs in any container of the same architecture.
//!
//! The static build has to name its target: with `--target`, the flags reach only the binary and
//! not the build scripts and procedural macros cargo runs on this machine (a macro cannot be
//! linked statically). Its output therefore sits in `target/<triple>/release`, apart from the
//! ordinary builds, which it does not disturb.

use crate::process::{self, cargo};
use crate::steps::target_dir;
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};

/// The largest the stripped binary may be.
const MAX_BYTES: u64 = 10 * 1024 * 1024;

/// Builds the binary and says where it is, how large it is and how it is linked.
pub fn build(root: &Path) -> Result<PathBuf> {
    let triple = host_triple()?;
    let mut command = cargo();
    command.current_dir(root).args(["build", "--release", "--locked", "-p", "maestro-cli", "--bin", "maestro"]);
    command.args(["--target", &triple]);
    let static_libc = triple.ends_with("-linux-gnu") || triple.ends_with("-linux-musl");
    if static_libc {
        let mut flags = std::env::var("RUSTFLAGS").unwrap_or_default();
        flags.push_str(" -C target-feature=+crt-static");
        command.env("RUSTFLAGS", flags.trim());
    }
    // Symbols are for debugging; the binary handed out does without them.
    command.env("CARGO_PROFILE_RELEASE_STRIP", "symbols");
    process::run(command)?;
    let binary = target_dir(root).join(&triple).join("release").join(exe("maestro"));
    let size = std::fs::metadata(&binary).with_context(|| format!("no binary at {}", binary.display()))?.len();
    let linking = if static_libc { "statically linked" } else { "linked against the system's C library" };
    eprintln!("xtask: {} — {:.1} MB stripped, {linking}", binary.display(), size as f64 / 1e6);
    if size > MAX_BYTES {
        bail!("{} is {size} bytes stripped, over the {MAX_BYTES}-byte limit", binary.display());
    }
    Ok(binary)
}

/// The platform rustc builds for by default, e.g. `x86_64-unknown-linux-gnu`.
fn host_triple() -> Result<String> {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let output = std::process::Command::new(&rustc).arg("-vV").output().with_context(|| format!("running {rustc}"))?;
    let text = String::from_utf8_lossy(&output.stdout);
    text.lines()
        .find_map(|line| line.strip_prefix("host: "))
        .map(str::to_owned)
        .with_context(|| format!("`{rustc} -vV` names no host"))
}

fn exe(name: &str) -> String {
    format!("{name}{}", std::env::consts::EXE_SUFFIX)
}

//! Project automation, run as `cargo xtask <command>` from anywhere in the repository.
//!
//! Every command first installs what is missing (Debian packages, the UI's npm packages, and for
//! tests tauri-driver), so a fresh machine needs nothing but Rust and Node.js.

mod cli_release;
mod display;
mod process;
mod setup;
mod steps;

use anyhow::{Result, bail};
use std::path::PathBuf;

const USAGE: &str = "\
Usage: cargo xtask <command>

Commands:
  run [ARGS…]   install what is missing, build, and start the app (ARGS go to the app)
  test          install what is missing, build, and run every test, end to end included
  build         install what is missing and build the app without running anything
  bindings      regenerate the UI's TypeScript bindings from the Rust commands
  cli           build the `maestro` command line for handing out: release, static, stripped
  bench-app     build, then measure the app on a 1,000-element model: first paint, panning, memory
  setup         only install what is missing
";

fn main() {
    if let Err(error) = run(std::env::args().skip(1).collect()) {
        eprintln!("xtask: {error:#}");
        std::process::exit(1);
    }
}

fn run(args: Vec<String>) -> Result<()> {
    let root = project_root();
    let Some((command, rest)) = args.split_first() else {
        print!("{USAGE}");
        return Ok(());
    };
    match command.as_str() {
        "setup" => setup::everything(&root, setup::Needs::Test),
        "bindings" => steps::write_bindings(&root),
        "build" => {
            setup::everything(&root, setup::Needs::Build)?;
            steps::build_app(&root)
        }
        "run" => {
            setup::everything(&root, setup::Needs::Run)?;
            steps::build_app(&root)?;
            steps::run_app(&root, rest)
        }
        "cli" => cli_release::build(&root).map(|binary| println!("{}", binary.display())),
        "bench-app" => {
            setup::everything(&root, setup::Needs::Test)?;
            steps::build_app(&root)?;
            steps::bench_app(&root)
        }
        "test" => {
            setup::everything(&root, setup::Needs::Test)?;
            steps::test_everything(&root)
        }
        "-h" | "--help" | "help" => {
            print!("{USAGE}");
            Ok(())
        }
        other => bail!("unknown command '{other}'\n\n{USAGE}"),
    }
}

/// The repository root: this crate sits at `src-tauri/crates/xtask`.
fn project_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.ancestors().nth(3).expect("xtask lives three levels below the root").to_owned()
}

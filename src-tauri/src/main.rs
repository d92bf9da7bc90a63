// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use maestro_studio_lib::cli::{self, Invocation};
use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::parse(std::env::args_os().skip(1)) {
        Ok(Invocation::Help) => {
            print!("{}", cli::USAGE);
            ExitCode::SUCCESS
        }
        Ok(Invocation::Version) => {
            println!("maestro-studio {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Ok(Invocation::Editor { path, catalog }) => {
            maestro_studio_lib::rendering::choose_for_this_machine();
            match maestro_studio_lib::run(tauri::generate_context!(), path, catalog) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("maestro-studio: {error:#}");
                    ExitCode::FAILURE
                }
            }
        }
        Ok(Invocation::Analyze(args)) => match maestro_studio_lib::headless::run(&args) {
            Ok(outcome) => {
                let code = if outcome.failed { ExitCode::from(1) } else { ExitCode::SUCCESS };
                match write_report(&outcome.report) {
                    Ok(()) => code,
                    // The reader went away (`| head`): nothing is owed to it, and the verdict stands.
                    Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => code,
                    Err(error) => {
                        eprintln!("maestro-studio analyze: could not write the report: {error}");
                        ExitCode::from(2)
                    }
                }
            }
            Err(error) => {
                eprintln!("maestro-studio analyze: {error:#}");
                ExitCode::from(2)
            }
        },
        Ok(Invocation::Diff(args)) => print_text("diff", maestro_studio_lib::headless::diff(&args)),
        Ok(Invocation::Revisions(args)) => print_text("revisions", maestro_studio_lib::headless::revisions(&args)),
        Err(message) => {
            eprintln!("maestro-studio: {message}\n\n{}", cli::USAGE);
            ExitCode::from(2)
        }
    }
}

/// Prints what a text command made (0), or says why it could not (2).
fn print_text(command: &str, made: anyhow::Result<String>) -> ExitCode {
    match made.map(|text| write_report(&text)) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        // The reader went away (`| head`): nothing is owed to it.
        Ok(Err(error)) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Ok(Err(error)) => {
            eprintln!("maestro-studio {command}: could not write the output: {error}");
            ExitCode::from(2)
        }
        Err(error) => {
            eprintln!("maestro-studio {command}: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// Writes the report to standard output, reporting a closed pipe or a full disk instead of
/// panicking as `println!` would.
fn write_report(report: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(report.as_bytes())?;
    out.write_all(b"\n")?;
    out.flush()
}

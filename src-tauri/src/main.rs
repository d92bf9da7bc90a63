// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use maestro_studio_lib::cli::{self, Invocation};
use std::ffi::OsString;
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
        Ok(Invocation::Command(args)) => {
            maestro_cli::main_with("maestro-studio", std::iter::once(OsString::from("maestro-studio")).chain(args))
        }
        Err(message) => {
            eprintln!("maestro-studio: {message}\n\n{}", cli::USAGE);
            ExitCode::from(2)
        }
    }
}

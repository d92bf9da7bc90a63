//! The `maestro` command: see the library.

fn main() -> std::process::ExitCode {
    maestro_cli::main_with("maestro", std::env::args_os())
}

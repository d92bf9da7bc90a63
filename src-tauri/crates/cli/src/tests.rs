use super::*;
use clap::CommandFactory;

fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
    Cli::try_parse_from(std::iter::once("maestro").chain(args.iter().copied()))
}

#[test]
fn the_command_line_is_well_formed() {
    Cli::command().debug_assert();
}

#[test]
fn every_command_name_is_listed_for_the_desktop_binary() {
    let names: Vec<String> = Cli::command().get_subcommands().map(|c| c.get_name().to_owned()).collect();
    assert_eq!(names, COMMANDS);
}

#[test]
fn options_are_read_and_mistakes_refused() {
    let Command::Analyze(args) =
        parse(&["analyze", "m.yaml", "--format", "md", "--fail-on", "high", "-q"]).unwrap().command
    else {
        panic!("not analyze")
    };
    assert_eq!((args.format, args.analysis.fail_on, args.quiet), (Format::Markdown, Some(FailOn::High), true));
    let wrong = parse(&["analyze", "m.yaml", "--fail-on", "severe"]).unwrap_err();
    assert!(wrong.use_stderr() && wrong.to_string().contains("severe"), "{wrong}");
    assert!(parse(&["diff", "a.maestro"]).is_err());
    assert!(parse(&["--help"]).is_err_and(|e| !e.use_stderr()), "help is no mistake");
}

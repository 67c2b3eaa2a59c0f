//! Running a command: the command line parsed and turned into settings,
//! then the work. main() only turns the outcome into an exit code.

use clap::CommandFactory;

use crate::cli::{Cli, Command as CliCommand};
use crate::cmd::{self, Ctx};
use crate::error::Error;
use crate::i18n;
use crate::output;

/// Parse the command line and run it.
pub fn main_with_args(args: Vec<std::ffi::OsString>) -> i32 {
    let early = crate::cli::early_lang(&args);
    let cli = match crate::cli::command(early)
        .try_get_matches_from(args)
        .and_then(|m| <Cli as clap::FromArgMatches>::from_arg_matches(&m))
    {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => 0,
                _ => 2,
            };
        }
    };
    let shell = match &cli.command {
        CliCommand::Completions { shell } => Some(*shell),
        _ => None,
    };
    let (global, command) = cli.settings(|k| std::env::var(k).ok());
    let lang = global.lang;
    let ctx = Ctx::new(global);
    let outcome = command.and_then(|command| match shell {
        Some(shell) => output::write_stdout(|w| {
            clap_complete::generate(shell, &mut Cli::command(), "zhixing", w);
            Ok(())
        }),
        None => cmd::run(&ctx, command),
    });
    match outcome {
        Ok(()) => 0,
        Err(e) => {
            let m = i18n::msg(lang);
            match e {
                // Leaving with everything saved is no error.
                Error::Interrupted { .. } => output::note(&format!("zhixing: {}", m.error(&e))),
                _ => output::note(&format!("zhixing: {}: {}", m.error_label(), m.error(&e))),
            }
            e.exit_code()
        }
    }
}

//! Running a command: the command line parsed and turned into settings,
//! then the work. main() only turns the outcome into an exit code.

use std::io::Write;

use crate::cli::errors::{self, Said};
use crate::cli::{self, Cli, Command as CliCommand, help};
use crate::cmd::{self, Ctx};
use crate::error::Error;
use crate::i18n;
use crate::lang::Lang;
use crate::output;

/// Parse the command line and run it.
pub fn main_with_args(args: Vec<std::ffi::OsString>) -> i32 {
    let early = cli::early_lang(&args);
    let mut root = cli::command(early);
    let matches = match root.try_get_matches_from_mut(&args) {
        Ok(m) => m,
        Err(e) => return refused(&mut root, &e, early, &args),
    };
    if let Some(("help", sub)) = matches.subcommand() {
        let path: Vec<String> = sub.get_many::<String>("command").into_iter().flatten().cloned().collect();
        return help_of(&mut root, &path, early);
    }
    let cli = match <Cli as clap::FromArgMatches>::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => return refused(&mut root, &e, early, &args),
    };
    let shell = match &cli.command {
        CliCommand::Completions { shell } => Some(*shell),
        _ => None,
    };
    let (global, command) = cli.settings(|k| std::env::var(k).ok());
    let lang = global.lang;
    let ctx = Ctx::new(global);
    let outcome = command.and_then(|command| match shell {
        Some(shell) => output::write_stdout(|w| Ok(w.write_all(&cli::completions(shell, lang))?)),
        None => cmd::run(&ctx, command),
    });
    match outcome {
        Ok(()) => 0,
        Err(e) => {
            let m = i18n::msg(lang);
            match &e {
                // Leaving with everything saved is no error.
                Error::Interrupted { resume, why } => {
                    output::note(&cmd::assess::interrupted_note(lang, resume, why.as_deref()))
                }
                _ => output::note(&format!("zhixing: {}: {}", m.error_label(), m.error(&e))),
            }
            e.exit_code()
        }
    }
}

/// What clap returned instead of matches: the help (0, or 2 on stderr for
/// a command given without what it needs), the version (0), or the usage
/// error in the interface language (2).
fn refused(root: &mut clap::Command, e: &clap::Error, lang: Lang, args: &[std::ffi::OsString]) -> i32 {
    root.build();
    match errors::said(root, e, lang, args) {
        Said::Help { path, refused: false } => help_of(root, &path, lang),
        Said::Help { path, refused: true } => {
            let text = help::help(root, &path, lang, help::columns()).unwrap_or_default();
            let _ = std::io::stderr().lock().write_all(text.as_bytes());
            2
        }
        Said::Version(text) => print(&text),
        Said::Refused(text) => {
            output::note(&text);
            2
        }
    }
}

/// `--help`, `-h` or `zhixing help PATH…`: the help of the command at
/// `path`, or a usage error for a command that does not exist.
fn help_of(root: &mut clap::Command, path: &[String], lang: Lang) -> i32 {
    root.build();
    match help::help(root, path, lang, help::columns()) {
        Some(text) => print(&text),
        None => {
            let known = (0..path.len()).rev().find(|n| help::find(root, &path[..*n]).is_some()).unwrap_or(0);
            output::note(&errors::no_such_command(root, &path[..known], &path[known], lang));
            2
        }
    }
}

fn print(text: &str) -> i32 {
    match output::write_stdout(|w| Ok(w.write_all(text.as_bytes())?)) {
        Ok(()) => 0,
        Err(e) => e.exit_code(),
    }
}

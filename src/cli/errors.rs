//! Clap's refusals said in the interface language: clap finds what is
//! wrong (its `ErrorKind` and context, data), the catalogue says it, the
//! usage line and the help come from [`super::help`]. What clap leaves as
//! words (its tips, a parser's own error) is read back into data where its
//! shape is known; English is shown as it is, and under another language a
//! tip whose shape is unknown is left out.

use std::error::Error as _;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use super::help;
use crate::i18n::{self, help::Reason, help::Similar, help::UsageProblem, help::UsageTip};
use crate::lang::Lang;

/// Delimit the command path clap writes where the usage goes (in a help
/// request and in a refusal), so that the command it was about is known.
/// Printable: clap strips control characters from what it renders.
const OPEN: char = '⁅';
const CLOSE: char = '⁆';

/// The usage clap is given for the command at `path` ("store info"): the
/// path, marked.
pub fn marker(path: &str) -> String {
    format!("{OPEN}{path}{CLOSE}")
}

/// The command path in a text clap wrote from a [`marker`].
fn marked_path(text: &str) -> Option<Vec<String>> {
    let start = text.find(OPEN)? + OPEN.len_utf8();
    let len = text[start..].find(CLOSE)?;
    Some(text[start..start + len].split_whitespace().map(str::to_string).collect())
}

/// A value that is not a rater role (`--role`).
#[derive(Debug)]
pub struct NotARole;

impl std::fmt::Display for NotARole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("one of self, supervisor, peer, subordinate, other")
    }
}

impl std::error::Error for NotARole {}

/// A value that is not a UTC offset (`--utc-offset`).
#[derive(Debug)]
pub struct NotAnOffset;

impl std::fmt::Display for NotAnOffset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a UTC offset such as +08:00")
    }
}

impl std::error::Error for NotAnOffset {}

/// A value that is not a list of quality flags (`--exclude-flagged`).
#[derive(Debug)]
pub struct NotFlags;

impl std::fmt::Display for NotFlags {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("quality flags separated by commas")
    }
}

impl std::error::Error for NotFlags {}

/// `compare --by subject` or an empty `compare --by`.
#[derive(Debug)]
pub struct NotCompareBy;

impl std::fmt::Display for NotCompareBy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("department, role, session or an attribute name")
    }
}

impl std::error::Error for NotCompareBy {}

/// A value that is not a grouping (`--by`).
#[derive(Debug)]
pub struct NotBy;

impl std::fmt::Display for NotBy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("department, role, session, subject or an attribute name")
    }
}

impl std::error::Error for NotBy {}

/// What to do with what clap returned instead of matches.
#[derive(Debug, PartialEq, Eq)]
pub enum Said {
    /// Show the help of the command at `path`: on stdout (exit 0), or on
    /// stderr after a command given without what it needs (exit 2).
    Help { path: Vec<String>, refused: bool },
    /// Print the version (clap's text, the same in every language).
    Version(String),
    /// A usage error, said whole (exit 2).
    Refused(String),
}

fn string(e: &clap::Error, kind: ContextKind) -> Option<&str> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s),
        _ => None,
    }
}

fn strings(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        _ => Vec::new(),
    }
}

fn number(e: &clap::Error, kind: ContextKind) -> isize {
    match e.get(kind) {
        Some(ContextValue::Number(n)) => *n,
        _ => 0,
    }
}

/// Why a value parser refused: its error, when it is one of the known ones.
fn reason(e: &clap::Error) -> Reason<'static> {
    match e.source() {
        Some(s) if s.downcast_ref::<std::num::ParseFloatError>().is_some() => Reason::Number,
        Some(s) if s.downcast_ref::<std::num::ParseIntError>().is_some() => Reason::Integer,
        Some(s) if s.downcast_ref::<NotARole>().is_some() => Reason::Role,
        Some(s) if s.downcast_ref::<NotFlags>().is_some() => Reason::Flag,
        Some(s) if s.downcast_ref::<NotAnOffset>().is_some() => Reason::Offset,
        Some(s) if s.downcast_ref::<NotCompareBy>().is_some() => Reason::CompareBy,
        _ => Reason::Text(""),
    }
}

/// A tip clap wrote as words, read back into data where its shape is known.
fn tip_of(text: &str) -> Option<UsageTip<'_>> {
    if let Some(rest) = text.strip_prefix("to pass '") {
        let (arg, rest) = rest.split_once("' as a value, use '")?;
        return Some(UsageTip::PassAsValue { arg, fix: rest.strip_suffix('\'')? });
    }
    if let Some(rest) = text.strip_prefix("subcommand '") {
        let (command, _) = rest.split_once("' exists; to use it, remove the '--' before it")?;
        return Some(UsageTip::RemoveDashes { command });
    }
    let usage = text.strip_prefix('\'')?.strip_suffix("' exists")?;
    Some(UsageTip::ExistsOn { usage })
}

/// The subcommands named in `args` (the whole command line, the program
/// first), skipping options and their values: for the errors clap gives
/// no usage with (an invalid value).
fn path_in_args(root: &clap::Command, args: &[std::ffi::OsString]) -> Vec<String> {
    let mut cmd = root;
    let mut path = Vec::new();
    let mut args = args.iter().skip(1).map(|a| a.to_string_lossy());
    let takes_value = |a: &clap::Arg| a.get_action().takes_values();
    while let Some(a) = args.next() {
        if a == "--" {
            break;
        }
        let value_follows = if let Some(long) = a.strip_prefix("--") {
            !long.contains('=') && cmd.get_arguments().any(|x| x.get_long() == Some(long) && takes_value(x))
        } else if let Some(short) = a.strip_prefix('-').filter(|s| s.chars().count() == 1) {
            cmd.get_arguments().any(|x| x.get_short().is_some_and(|c| short.starts_with(c)) && takes_value(x))
        } else if a.starts_with('-') {
            false
        } else if let Some(sub) = cmd.get_subcommands().find(|s| s.get_name() == a) {
            path.push(a.to_string());
            cmd = sub;
            false
        } else {
            false
        };
        if value_follows {
            args.next();
        }
    }
    path
}

/// Lines of a list after the problem, indented and wrapped.
fn list_lines(out: &mut String, text: &str) {
    for line in help::wrap(text, help::columns().saturating_sub(2)) {
        out.push_str("\n  ");
        out.push_str(&line);
    }
}

/// What to show for clap's error `e`, `root` being the command it parsed
/// with (built, see [`help::help`]) and `args` the command line.
pub fn said(root: &clap::Command, e: &clap::Error, lang: Lang, args: &[std::ffi::OsString]) -> Said {
    let m = i18n::msg(lang);
    let rendered = || e.render().to_string();
    let usage_path = || match e.get(ContextKind::Usage) {
        Some(ContextValue::StyledStr(s)) => marked_path(&s.to_string()),
        _ => None,
    };
    match e.kind() {
        ErrorKind::DisplayHelp => {
            return Said::Help { path: marked_path(&rendered()).unwrap_or_default(), refused: false };
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            return Said::Help { path: marked_path(&rendered()).unwrap_or_default(), refused: true };
        }
        ErrorKind::DisplayVersion => return Said::Version(rendered()),
        _ => {}
    }
    let arg = string(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = string(e, ContextKind::InvalidValue).unwrap_or_default();
    let invalid_args = strings(e, ContextKind::InvalidArg);
    let prior = strings(e, ContextKind::PriorArg);
    let why = reason(e);
    let source_text = e.source().map(|s| s.to_string()).unwrap_or_default();
    let why = match why {
        Reason::Text(_) => Reason::Text(&source_text),
        other => other,
    };
    let mut lists = Vec::new();
    let problem = match e.kind() {
        ErrorKind::UnknownArgument => UsageProblem::UnknownArgument { arg },
        ErrorKind::InvalidSubcommand => {
            UsageProblem::UnknownCommand { name: string(e, ContextKind::InvalidSubcommand).unwrap_or_default() }
        }
        ErrorKind::InvalidValue => {
            let values = strings(e, ContextKind::ValidValue);
            if !values.is_empty() {
                lists.push(m.usage_possible_values(&values));
            }
            if value.is_empty() {
                UsageProblem::MissingValue { arg }
            } else {
                UsageProblem::InvalidValue { arg, value }
            }
        }
        ErrorKind::ValueValidation if matches!(why, Reason::Text("")) => UsageProblem::InvalidValue { arg, value },
        ErrorKind::ValueValidation => UsageProblem::BadValue { arg, value, reason: why },
        ErrorKind::MissingRequiredArgument => UsageProblem::MissingArguments { args: &invalid_args },
        ErrorKind::MissingSubcommand => {
            let names = strings(e, ContextKind::ValidSubcommand);
            if !names.is_empty() {
                lists.push(m.usage_possible_commands(&names));
            }
            UsageProblem::MissingCommand { command: string(e, ContextKind::InvalidSubcommand).unwrap_or_default() }
        }
        ErrorKind::ArgumentConflict if !arg.is_empty() && prior.len() == 1 && prior[0] == arg => {
            UsageProblem::Repeated { arg }
        }
        ErrorKind::ArgumentConflict => UsageProblem::Conflict {
            arg: if arg.is_empty() { string(e, ContextKind::InvalidSubcommand).unwrap_or_default() } else { arg },
            with: &prior,
        },
        ErrorKind::NoEquals => UsageProblem::NoEquals { arg },
        ErrorKind::TooManyValues => UsageProblem::ExtraValue { arg, value },
        ErrorKind::TooFewValues => UsageProblem::ValueCount {
            arg,
            expected: number(e, ContextKind::MinValues),
            given: number(e, ContextKind::ActualNumValues),
        },
        ErrorKind::WrongNumberOfValues => UsageProblem::ValueCount {
            arg,
            expected: number(e, ContextKind::ExpectedNumValues),
            given: number(e, ContextKind::ActualNumValues),
        },
        ErrorKind::InvalidUtf8 => UsageProblem::NotUtf8,
        // Io, Format, and whatever kind a later clap adds.
        _ => UsageProblem::Other,
    };

    let mut tips = Vec::new();
    for (kind, similar) in [
        (ContextKind::SuggestedSubcommand, Similar::Command),
        (ContextKind::SuggestedArg, Similar::Argument),
        (ContextKind::SuggestedValue, Similar::Value),
    ] {
        let names = strings(e, kind);
        if !names.is_empty() {
            tips.push(m.usage_tip(&UsageTip::Similar { kind: similar, names: &names }));
        }
    }
    if let Some(ContextValue::StyledStrs(words)) = e.get(ContextKind::Suggested) {
        for w in words {
            let text = w.to_string();
            match (tip_of(&text), lang) {
                (Some(t), _) => tips.push(m.usage_tip(&t)),
                // English is clap's own language: its words as they are.
                (None, Lang::En) => tips.push(format!("tip: {text}")),
                (None, Lang::Zh) => {}
            }
        }
    }

    let path = usage_path().or_else(|| Some(path_in_args(root, args)));
    let mut out = format!("zhixing: {}: {}", m.error_label(), m.usage_problem(&problem));
    for l in &lists {
        list_lines(&mut out, l);
    }
    if !tips.is_empty() {
        out.push('\n');
        for t in &tips {
            list_lines(&mut out, t);
        }
    }
    let path = path.filter(|p| help::find(root, p).is_some());
    if let Some(p) = &path {
        out.push_str(&format!("\n\n{}{}", m.help_usage(), help::usage(root, p, lang)));
    }
    let p = path.unwrap_or_default();
    out.push_str(&format!("\n\n{}", m.usage_more(&format!("{} --help", help::bin(root, &p)))));
    Said::Refused(out)
}

/// `zhixing help NAME…` for a command that does not exist: `known` the
/// part of the path that does, `name` the first word that does not.
pub fn no_such_command(root: &clap::Command, known: &[String], name: &str, lang: Lang) -> String {
    let m = i18n::msg(lang);
    let mut out = format!("zhixing: {}: {}", m.error_label(), m.usage_problem(&UsageProblem::UnknownCommand { name }));
    if let Some(cmd) = help::find(root, known) {
        let names: Vec<String> =
            cmd.get_subcommands().filter(|s| !s.is_hide_set()).map(|s| s.get_name().to_string()).collect();
        if !names.is_empty() {
            list_lines(&mut out, &m.usage_possible_commands(&names));
        }
    }
    out.push_str(&format!("\n\n{}", m.usage_more(&format!("{} --help", help::bin(root, known)))));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_marked_path_is_read_back() {
        assert_eq!(marked_path(&format!("Usage: {}", marker("store info"))), Some(vec!["store".into(), "info".into()]));
        assert_eq!(marked_path(&marker("")), Some(vec![]));
        assert_eq!(marked_path("Usage: zhixing"), None);
    }

    #[test]
    fn clap_tips_are_read_back() {
        assert_eq!(
            tip_of("to pass '--x' as a value, use '-- --x'"),
            Some(UsageTip::PassAsValue { arg: "--x", fix: "-- --x" })
        );
        assert_eq!(
            tip_of("subcommand 'score' exists; to use it, remove the '--' before it"),
            Some(UsageTip::RemoveDashes { command: "score" })
        );
        assert_eq!(tip_of("'store info --format' exists"), Some(UsageTip::ExistsOn { usage: "store info --format" }));
        assert_eq!(tip_of("something new"), None);
    }
}

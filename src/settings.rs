//! Every command's settings: plain values, checked once, before any work.
//!
//! `cli` builds these from what clap parsed ([`crate::cli::Cli::settings`]);
//! the commands in `cmd` read nothing else. Nothing here knows of clap, and
//! what can be checked without reading a file is checked here: the
//! `--target` range, `--min-group`, standard input named only once, the
//! formats a command writes.

use std::path::PathBuf;

use crate::error::{Error, Localized, Problem, Result};
use crate::group::By;
use crate::i18n;
use crate::lang::Lang;
use crate::report::Format;
use crate::result::Role;
use crate::tabular::Columns;

/// Settings every command shares.
#[derive(Clone, Debug)]
pub struct Global {
    pub lang: Lang,
    /// The language was chosen (`--lang` or `ZHIXING_LANG`), not taken
    /// from the locale.
    pub lang_chosen: bool,
    pub color: Color,
    /// ASCII borders and bars.
    pub ascii: bool,
    /// `--store`, if given.
    pub store: Option<PathBuf>,
}

/// Colour in terminal output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Color {
    /// When stdout is a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

/// Where and how a command writes its report.
#[derive(Clone, Debug)]
pub struct Output {
    pub format: Format,
    /// `--out FILE`: written atomically, mode 0600; stdout otherwise.
    pub out: Option<PathBuf>,
    /// A UTF-8 byte-order mark before CSV on stdout.
    pub bom: bool,
}

/// The command to run, with its settings.
#[derive(Debug)]
pub enum Command {
    Assess(Assess),
    Score(Score),
    Report(Report),
    History(History),
    Group(Group),
    Compare(Compare),
    Serve(Serve),
    Export(Export),
    Import(Import),
    Store(Store),
    Rubric(Rubric),
    Norms(Norms),
    Schema(SchemaKind),
    /// Shell completions: written by `app`, which knows the command line.
    Completions,
}

/// The file formats that have a JSON Schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemaKind {
    Rubric,
    Answers,
    Result,
    Group,
    Norms,
    Compare,
}

/// Scoring choices: the rubric's profile and `--target`, in 0–100.
#[derive(Clone, Debug, Default)]
pub struct Targets {
    pub profile: Option<String>,
    pub target: Option<f64>,
}

/// How CSV and xlsx columns are read.
#[derive(Clone, Debug, Default)]
pub struct Sheet {
    pub columns: Option<Columns>,
    pub ignore_columns: Vec<String>,
    pub item_columns: Option<String>,
    /// `--attribute-columns`: kept as subject attributes.
    pub attribute_columns: Vec<String>,
    /// `--utc-offset`: the offset of times written without one; None: the
    /// machine's.
    pub utc_offset: Option<chrono::FixedOffset>,
}

#[derive(Debug)]
pub struct Score {
    /// Answers files; `-` (stdin) at most once.
    pub files: Vec<String>,
    pub rubric: Option<String>,
    pub targets: Targets,
    pub output: Output,
    pub keep_going: bool,
    pub save: bool,
    pub sheet: Sheet,
    /// `--session`: the session of the records that name none.
    pub session: Option<String>,
    /// `--norms FILE` (else `ZHIXING_NORMS`).
    pub norms: Option<PathBuf>,
}

/// `score --session`: kept in results, so no control or bidi character
/// (SPEC §12); an empty one is none.
pub fn checked_session(session: Option<String>) -> Result<Option<String>> {
    let session = session.filter(|s| !s.trim().is_empty());
    match session.as_deref().and_then(crate::answers::unsafe_at) {
        Some((at, c)) => {
            Err(Error::Other { bad_input: true, error: Box::new(UnsafeFlags(vec![("--session", at, c)])) })
        }
        None => Ok(session),
    }
}

#[derive(Debug)]
pub struct Assess {
    pub rubric: Option<String>,
    pub targets: Targets,
    /// Who is assessed, and how: what the questionnaire need not ask.
    pub preset: Preset,
    pub no_save: bool,
    /// `--discard`: delete a draft instead of answering.
    pub discard: bool,
    pub output: Output,
    /// `--norms FILE` (else `ZHIXING_NORMS`).
    pub norms: Option<PathBuf>,
}

/// What the command line already says about a questionnaire.
#[derive(Clone, Debug, Default)]
pub struct Preset {
    pub subject: Option<String>,
    pub department: Option<String>,
    pub role: Option<Role>,
    pub rater: Option<String>,
    pub session: Option<String>,
    pub resume: bool,
    /// A kiosk (only with a session): drafts of earlier participants are never offered.
    pub kiosk: bool,
}

impl Preset {
    /// Its texts are kept in the result: none may hold a control or bidi
    /// character (SPEC §12). Every flag that does is named at once.
    pub fn checked(self) -> Result<Preset> {
        let flags = [
            ("--subject", &self.subject),
            ("--department", &self.department),
            ("--rater", &self.rater),
            ("--session", &self.session),
        ];
        let bad: Vec<(&'static str, usize, char)> = flags
            .iter()
            .filter_map(|(flag, v)| v.as_deref().and_then(crate::answers::unsafe_at).map(|(at, c)| (*flag, at, c)))
            .collect();
        if bad.is_empty() { Ok(self) } else { Err(Error::Other { bad_input: true, error: Box::new(UnsafeFlags(bad)) }) }
    }
}

/// Flags whose values hold a control or bidi character: the flag, which
/// character, and the character.
#[derive(Debug)]
struct UnsafeFlags(Vec<(&'static str, usize, char)>);

impl Localized for UnsafeFlags {
    fn message(&self, lang: Lang) -> String {
        let msg = i18n::msg(lang);
        let mut lines: Vec<String> = self.0.iter().map(|(flag, at, c)| msg.unsafe_value(flag, *c, *at)).collect();
        lines.push(msg.unsafe_help().to_string());
        lines.join("\n")
    }
}

/// Which result `report` renders.
#[derive(Debug)]
pub enum Which {
    /// A result id in the store, or a result file.
    Given(String),
    /// The latest result in the store, of this subject where given.
    Latest { subject: Option<String> },
}

#[derive(Debug)]
pub struct Report {
    pub which: Which,
    pub output: Output,
    /// `--norms FILE` (else `ZHIXING_NORMS`).
    pub norms: Option<PathBuf>,
}

#[derive(Debug)]
pub struct History {
    pub subject: String,
    pub rubric: Option<String>,
    pub output: Output,
}

/// Where `group` takes its results from.
#[derive(Debug)]
pub enum Results {
    /// Result files; `-` at most once.
    Files(Vec<String>),
    /// The results of one session in the store.
    Session(String),
    /// Every result in the store.
    All,
}

#[derive(Debug)]
pub struct Group {
    pub from: Results,
    pub by: Option<By>,
    /// At least 1; 1 withholds nothing.
    pub min_group: usize,
    pub named: bool,
    /// Count every result, not only each person's latest (SPEC §10 rule 1).
    pub every_result: bool,
    /// `--items`: item analysis (SPEC §14).
    pub items: bool,
    /// `--exclude-flagged`: results with these quality flags are left out.
    pub exclude_flagged: crate::result::FlagFilter,
    pub pack: Option<PathBuf>,
    pub rubric: Option<String>,
    pub output: Output,
    pub keep_going: bool,
    /// `--norms FILE` (else `ZHIXING_NORMS`).
    pub norms: Option<PathBuf>,
}

/// `zhixing serve` (SPEC §16).
#[derive(Debug)]
pub struct Serve {
    pub session: String,
    pub rubric: Option<String>,
    pub targets: Targets,
    pub listen: std::net::SocketAddr,
    /// At least 1; 1 withholds nothing.
    pub min_group: usize,
    /// `--show-report no`: a submit answers 204, not the result.
    pub show_report: bool,
    /// `--urls-file F`: `{"join", "trainer"}` written there (0600) once listening.
    pub urls_file: Option<PathBuf>,
    /// Joins and resume attempts a minute per address.
    pub join_limit: usize,
    /// `--roster FILE`: the people to choose from.
    pub roster: Option<PathBuf>,
    /// `--norms FILE`.
    pub norms: Option<PathBuf>,
    /// `--tls-cert F --tls-key F`: HTTPS.
    pub tls: Option<Tls>,
}

/// The certificate and its private key for HTTPS, both PEM files (read
/// when serving starts).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tls {
    pub cert: PathBuf,
    pub key: PathBuf,
}

/// `zhixing compare BEFORE AFTER` (SPEC §14).
#[derive(Debug)]
pub struct Compare {
    /// A results file, or a session in the store.
    pub before: String,
    pub after: String,
    /// `--by`: department, role, session, or an attribute (never subject)'s name.
    pub by: Option<String>,
    pub role: crate::result::Role,
    /// At least 1; 1 withholds nothing.
    pub min_group: usize,
    pub exclude_flagged: crate::result::FlagFilter,
    pub rubric: Option<String>,
    pub output: Output,
    /// `--norms FILE` (else `ZHIXING_NORMS`).
    pub norms: Option<PathBuf>,
}

/// `--by` of `compare`: a word, trimmed; empty is no grouping.
pub fn checked_by(by: Option<String>) -> Option<String> {
    by.map(|b| b.trim().to_string()).filter(|b| !b.is_empty())
}

#[derive(Debug)]
pub struct Export {
    pub session: Option<String>,
    pub subject: Option<String>,
    pub since: Option<String>,
    /// `--wide`: one CSV row per result (the format is CSV).
    pub wide: bool,
    /// `--rubric ID` (with `--wide`): only results of this rubric id.
    pub rubric: Option<String>,
    /// json, jsonl or csv.
    pub output: Output,
}

#[derive(Debug)]
pub struct Import {
    /// Result files; `-` at most once.
    pub files: Vec<String>,
    pub keep_going: bool,
}

#[derive(Debug)]
pub enum Store {
    Info { format: Format },
    Delete { ids: Vec<String>, yes: bool },
}

/// `zhixing norms`.
#[derive(Debug)]
pub enum Norms {
    Build {
        from: Results,
        role: Role,
        name: Option<String>,
        /// At least 1.
        min_n: usize,
        /// `--exclude-flagged`: results with these quality flags are left out.
        exclude_flagged: crate::result::FlagFilter,
        out: PathBuf,
        rubric: Option<String>,
    },
    Show {
        file: PathBuf,
        format: Format,
    },
}

#[derive(Debug)]
pub enum Rubric {
    List {
        format: Format,
    },
    Show {
        rubric: Option<String>,
        format: Format,
    },
    Check {
        files: Vec<String>,
    },
    /// `role`: whose answers the template is for (a rater's: third person).
    Template {
        rubric: Option<String>,
        role: crate::result::Role,
    },
    Schema,
}

impl Targets {
    /// `--target` must be a number from 0 to 100.
    pub fn new(profile: Option<String>, target: Option<f64>) -> Result<Targets> {
        if let Some(t) = target
            && !(t.is_finite() && (0.0..=100.0).contains(&t))
        {
            return Err(Problem::TargetRange(t).into());
        }
        Ok(Targets { profile, target })
    }
}

/// Standard input can be read once only.
pub fn stdin_once(files: &[String]) -> Result<()> {
    if files.iter().filter(|f| *f == "-").count() > 1 {
        return Err(Problem::StdinTwice.into());
    }
    Ok(())
}

/// `--tls-cert` and `--tls-key` come together, or neither.
pub fn tls(cert: Option<PathBuf>, key: Option<PathBuf>) -> Result<Option<Tls>> {
    match (cert, key) {
        (Some(cert), Some(key)) => Ok(Some(Tls { cert, key })),
        (None, None) => Ok(None),
        (Some(_), None) => Err(Problem::TlsHalf { cert_given: true }.into()),
        (None, Some(_)) => Err(Problem::TlsHalf { cert_given: false }.into()),
    }
}

/// `--min-group` is at least 1.
pub fn min_group(n: i64) -> Result<usize> {
    if n < 1 {
        return Err(Problem::MinGroup(n).into());
    }
    Ok(usize::try_from(n).unwrap_or(usize::MAX))
}

/// `export` writes json, jsonl or csv only.
/// `--wide` is CSV only.
pub fn wide(wide: bool, format: Format) -> Result<bool> {
    match format {
        Format::Csv => Ok(wide),
        Format::Json | Format::Jsonl | Format::Table | Format::Markdown | Format::Html if wide => {
            Err(Problem::WideNotCsv.into())
        }
        Format::Json | Format::Jsonl | Format::Table | Format::Markdown | Format::Html => Ok(false),
    }
}

pub fn export_format(format: Format) -> Result<Format> {
    match format {
        Format::Json | Format::Jsonl | Format::Csv => Ok(format),
        Format::Table | Format::Markdown | Format::Html => Err(Problem::ExportFormat.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_with_a_control_or_bidi_character_are_all_named() {
        let preset = Preset {
            subject: Some("张\u{202e}三".into()),
            department: Some("秘书处".into()),
            rater: Some("\u{1b}]52;c;x\u{7}".into()),
            session: Some("s\t1".into()),
            ..Preset::default()
        };
        let Err(Error::Other { bad_input: true, error }) = preset.checked() else { panic!("accepted") };
        let text = error.message(Lang::En);
        assert!(text.contains("--subject: character 2, U+202E, changes the direction of text"), "{text}");
        assert!(text.contains("--rater: character 1 is the control character U+001B"), "{text}");
        assert!(!text.contains("--department") && !text.contains("--session"), "{text}");
        assert!(error.message(Lang::Zh).contains("--subject 的第 2 个字符 U+202E 会改变文字方向"));
        let fine = Preset { subject: Some("张三".into()), session: Some("s\t1".into()), ..Preset::default() };
        assert!(fine.checked().is_ok());
    }
}

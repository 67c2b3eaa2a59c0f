//! The command line, as clap parses it, turned into [`crate::settings`]
//! before any work. Only this module knows of clap: the value enums here
//! mirror the program's own types.

pub mod errors;
pub mod help;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::error::Result;
use crate::i18n::{self, help::HelpEntry};
use crate::lang::Lang;
use crate::settings::{self, Targets};

/// A clap value enum mirroring one of the program's own enums, variant for
/// variant, with the conversion into it.
macro_rules! mirror {
    ($(#[$m:meta])* $name:ident => $target:ty { $($(#[$vm:meta])* $v:ident),* $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
        pub enum $name { $($(#[$vm])* $v),* }

        impl From<$name> for $target {
            fn from(v: $name) -> Self {
                match v { $($name::$v => <$target>::$v),* }
            }
        }
    };
}

mirror!(
    /// The interface language.
    LangArg => Lang { Zh, En }
);

mirror!(
    /// Output formats.
    Format => crate::report::Format {
        /// A table for the terminal.
        Table,
        /// JSON: one object for one result, an array for several.
        Json,
        /// JSON Lines: one result a line.
        Jsonl,
        /// Markdown.
        Markdown,
        /// CSV, one row per dimension.
        Csv,
        /// One self-contained HTML file with charts, printable on A4.
        Html,
    }
);

mirror!(
    /// What `export` writes.
    ExportFormat => crate::report::Format {
        /// JSON: one array of the results.
        Json,
        /// JSON Lines: one result a line.
        Jsonl,
        /// CSV, one row per dimension.
        Csv,
    }
);

mirror!(
    /// A table for people, or JSON.
    TableOrJson => crate::report::Format {
        /// A table for the terminal.
        Table,
        /// JSON.
        Json,
    }
);

mirror!(
    /// How `rubric show` shows a rubric.
    ShowFormat => crate::report::Format {
        /// Text for the terminal.
        Table,
        /// Markdown.
        Markdown,
        /// JSON.
        Json,
    }
);

mirror!(
    /// How item columns are matched.
    Columns => crate::tabular::Columns {
        /// By item id in the header.
        Id,
        /// In rubric order, whatever the header says.
        Order,
    }
);

mirror!(
    /// Colour in terminal output.
    ColorChoice => settings::Color { Auto, Always, Never }
);

mirror!(
    /// The file formats that have a JSON Schema.
    SchemaKind => settings::SchemaKind { Rubric, Answers, Result, Group, Norms, Compare }
);

/// zhixing (知行): measure execution capability (执行力) with a rubric,
/// score it, and show the gaps to work on.
#[derive(Debug, Parser)]
#[command(name = "zhixing", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// The options of `zhixing` itself, before the command: `--lang` acts on
/// every command (and is offered on each); `--color`, `--ascii` and
/// `--store` given here hold for whatever command follows, and each command
/// where they act offers them too ([`Look`], [`StoreChoice`]).
#[derive(Debug, Args, Clone)]
pub struct Global {
    /// Language of the interface and of rubric texts [default: $ZHIXING_LANG, then the locale, then zh]
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
    #[command(flatten)]
    pub look: Look,
    #[command(flatten)]
    pub store: StoreChoice,
}

/// How a report looks on the terminal: for the commands that print one.
#[derive(Debug, Args, Clone, Default)]
pub struct Look {
    /// Colour in terminal output (auto honours NO_COLOR) [default: auto]
    #[arg(long, value_enum)]
    pub color: Option<ColorChoice>,
    /// ASCII table borders and bars, for terminals that draw box characters wide
    #[arg(long)]
    pub ascii: bool,
}

/// The results store: for the commands that read or write it.
#[derive(Debug, Args, Clone, Default)]
pub struct StoreChoice {
    /// The results store [default: $ZHIXING_STORE, then the platform data directory]
    #[arg(long, value_name = "PATH")]
    pub store: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The questionnaire at the terminal, then the gap report
    Assess(AssessArgs),
    /// Score answers files (TOML, JSON, JSON Lines, CSV, xlsx, or - for stdin) into results and a gap report
    Score(ScoreArgs),
    /// Render a saved result: by id, from a result file, or the latest
    Report(ReportArgs),
    /// A subject's results over time, with the trend
    History(HistoryArgs),
    /// A group report over many results: statistics, reliability, anonymity, the 360 view
    Group(GroupArgs),
    /// A group before and after a training: the same people paired, the change of each score
    Compare(CompareArgs),
    /// The questionnaire for a room: every participant answers on their own phone, over the office network
    Serve(ServeArgs),
    /// Results from the store as json, jsonl or csv
    Export(ExportArgs),
    /// Result files (.json, .jsonl) into the store; importing twice stores once
    Import(ImportArgs),
    /// The results store: where it is, what it holds; delete results
    #[command(subcommand)]
    Store(StoreCommand),
    /// List, show, check and template rubrics
    #[command(subcommand)]
    Rubric(RubricCommand),
    /// Norms: percentiles, measurement error and reliable change, from many people's results
    #[command(subcommand)]
    Norms(NormsCommand),
    /// Print the JSON Schema (draft-07) of a file format
    Schema {
        /// Which format: rubric, answers, result, group, norms or compare
        #[arg(value_enum)]
        which: SchemaKind,
    },
    /// Print shell completions
    Completions {
        /// The shell to complete for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Args, Clone)]
pub struct RubricChoice {
    /// Rubric: a built-in id (core, office) or a rubric file
    #[arg(long, value_name = "ID|FILE")]
    pub rubric: Option<String>,
}

/// Norms to compare scores with.
#[derive(Debug, Args, Clone, Default)]
pub struct NormsChoice {
    /// Norms file (from `zhixing norms build`): percentiles, bands, measurement error [default: $ZHIXING_NORMS]
    #[arg(long, value_name = "FILE")]
    pub norms: Option<PathBuf>,
}

#[derive(Debug, Args, Clone)]
pub struct OutputArgs {
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Write to FILE (atomically, mode 0600) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Start CSV on stdout with a UTF-8 byte-order mark (a CSV file always has one)
    #[arg(long)]
    pub bom: bool,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// Answers files: .toml, .json, .jsonl, .csv, .xlsx, or - for stdin
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<String>,
    #[command(flatten)]
    pub rubric: RubricChoice,
    /// Target profile of the rubric, e.g. section-chief
    #[arg(long, value_name = "ID")]
    pub profile: Option<String>,
    /// One target (0–100) for every section and dimension, replacing the rubric's
    #[arg(long, value_name = "N")]
    pub target: Option<f64>,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Score the good records of a batch and list the rejected ones
    #[arg(long)]
    pub keep_going: bool,
    /// Also save the results in the store
    #[arg(long)]
    pub save: bool,
    /// CSV/xlsx: item columns by item id (default), or in rubric order whatever their header
    #[arg(long, value_enum, value_name = "id|order")]
    pub columns: Option<Columns>,
    /// CSV/xlsx: columns to leave out, by header, letter or range of letters, e.g. "提交时间,A:F"
    #[arg(long, value_name = "NAME|LETTER,…")]
    pub ignore_columns: Vec<String>,
    /// CSV/xlsx: the item columns by spreadsheet letters, e.g. G:AP
    #[arg(long, value_name = "RANGE")]
    pub item_columns: Option<String>,
    /// CSV/xlsx: columns kept as the subject's attributes, by header or letter, e.g. "职级,年龄段"
    #[arg(long, value_name = "NAME|LETTER,…")]
    pub attribute_columns: Vec<String>,
    /// The UTC offset of times written without one (form services write local time), e.g. +08:00; default: this machine's
    #[arg(long, value_name = "±HH:MM", value_parser = parse_offset, allow_hyphen_values = true)]
    pub utc_offset: Option<chrono::FixedOffset>,
    /// The session (such as a training class) of the records that name none
    #[arg(long, value_name = "S")]
    pub session: Option<String>,
    #[command(flatten)]
    pub norms: NormsChoice,
    #[command(flatten)]
    pub look: Look,
    #[command(flatten)]
    pub store: StoreChoice,
}

#[derive(Debug, Args)]
pub struct AssessArgs {
    #[command(flatten)]
    pub rubric: RubricChoice,
    /// Target profile of the rubric, e.g. section-chief
    #[arg(long, value_name = "ID")]
    pub profile: Option<String>,
    /// One target (0–100) for every section and dimension
    #[arg(long, value_name = "N")]
    pub target: Option<f64>,
    /// The person assessed (not asked then)
    #[arg(long, value_name = "NAME")]
    pub subject: Option<String>,
    /// Their department
    #[arg(long, value_name = "D")]
    pub department: Option<String>,
    /// Who answers: self, supervisor, peer, subordinate, other
    #[arg(long, value_name = "ROLE", value_parser = parse_role)]
    pub role: Option<crate::result::Role>,
    /// The rater's name, when rating someone else
    #[arg(long, value_name = "NAME")]
    pub rater: Option<String>,
    /// Group session, such as a training class
    #[arg(long, value_name = "S")]
    pub session: Option<String>,
    /// Continue an unfinished questionnaire: the only one, or one chosen from a list
    #[arg(long)]
    pub resume: bool,
    /// Discard an unfinished questionnaire's draft (--subject and the like say which)
    #[arg(long, conflicts_with_all = ["resume", "kiosk"])]
    pub discard: bool,
    /// One terminal passed round a room: clears the screen after each person
    #[arg(long, requires = "session")]
    pub kiosk: bool,
    /// Do not save the result in the store
    #[arg(long)]
    pub no_save: bool,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub norms: NormsChoice,
    #[command(flatten)]
    pub look: Look,
    #[command(flatten)]
    pub store: StoreChoice,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The session: its results, drafts and links are kept under this name
    #[arg(long, value_name = "S")]
    pub session: String,
    #[command(flatten)]
    pub rubric: RubricChoice,
    /// Target profile of the rubric, e.g. section-chief
    #[arg(long, value_name = "ID")]
    pub profile: Option<String>,
    /// Address and port to listen on (port 0: any free one)
    #[arg(long, value_name = "ADDR:PORT", default_value = "0.0.0.0:8080")]
    pub listen: std::net::SocketAddr,
    /// The trainer's group report is shown once this many have finished; smaller groups are withheld
    #[arg(long, value_name = "N", default_value_t = 5, allow_negative_numbers = true)]
    pub min_group: i64,
    /// Show each participant their own report after submitting
    #[arg(long, value_name = "yes|no", default_value = "yes", value_parser = ["yes", "no"])]
    pub show_report: String,
    /// Write {"join": URL, "trainer": URL} to this file (mode 0600) once listening
    #[arg(long, value_name = "F")]
    pub urls_file: Option<PathBuf>,
    /// Joins and resume attempts a minute from one address
    #[arg(long, value_name = "N", default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..))]
    pub join_limit: u32,
    /// The people a participant can choose whom to rate: a CSV of name,department
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,
    #[command(flatten)]
    pub norms: NormsChoice,
    /// Serve HTTPS with this certificate (PEM, the chain from the server's own); needs --tls-key
    #[arg(long, value_name = "F")]
    pub tls_cert: Option<PathBuf>,
    /// The private key (PEM) of --tls-cert
    #[arg(long, value_name = "F")]
    pub tls_key: Option<PathBuf>,
    #[command(flatten)]
    pub store: StoreChoice,
}

/// `--exclude-flagged` with no value: any flag; else the flags named.
fn parse_flags(s: &str) -> Result<crate::result::FlagFilter, errors::NotFlags> {
    use crate::result::{FlagFilter, QUALITY_FLAGS};
    if s.trim().is_empty() {
        return Ok(FlagFilter::AnyFlag);
    }
    let mut names = Vec::new();
    for n in s.split([',', '，']).map(str::trim).filter(|n| !n.is_empty()) {
        if !QUALITY_FLAGS.contains(&n) {
            return Err(errors::NotFlags);
        }
        if !names.iter().any(|x| x == n) {
            names.push(n.to_string());
        }
    }
    Ok(FlagFilter::Flags(names))
}

/// `--exclude-flagged [FLAG,…]` (SPEC §7): results with quality flags set aside.
#[derive(Debug, Clone, Default, Args)]
pub struct ExcludeFlagged {
    /// Leave out results with these quality flags (no value: any flag): straight_line, longstring, reverse_inconsistent, too_good, too_fast
    #[arg(long, value_name = "FLAG,…", num_args = 0..=1, default_missing_value = "", value_parser = parse_flags)]
    pub exclude_flagged: Option<crate::result::FlagFilter>,
}

impl ExcludeFlagged {
    pub fn filter(&self) -> crate::result::FlagFilter {
        self.exclude_flagged.clone().unwrap_or_default()
    }
}

/// `--utc-offset`: "+08:00", "+0800", "-05:00", "+8", "Z".
fn parse_offset(s: &str) -> Result<chrono::FixedOffset, errors::NotAnOffset> {
    let t = s.trim();
    if t.eq_ignore_ascii_case("z") || t.eq_ignore_ascii_case("utc") {
        return chrono::FixedOffset::east_opt(0).ok_or(errors::NotAnOffset);
    }
    let (sign, rest) = match t.as_bytes().first() {
        Some(b'+') => (1, &t[1..]),
        Some(b'-') => (-1, &t[1..]),
        _ => return Err(errors::NotAnOffset),
    };
    let (h, m) = match rest.split_once(':') {
        Some((h, m)) => (h, m),
        None if rest.len() == 4 => rest.split_at(2),
        None => (rest, "0"),
    };
    let digits = |x: &str| !x.is_empty() && x.len() <= 2 && x.bytes().all(|b| b.is_ascii_digit());
    if !digits(h) || !digits(m) {
        return Err(errors::NotAnOffset);
    }
    let (h, m): (i32, i32) = (h.parse().map_err(|_| errors::NotAnOffset)?, m.parse().map_err(|_| errors::NotAnOffset)?);
    if h > 14 || m > 59 {
        return Err(errors::NotAnOffset);
    }
    chrono::FixedOffset::east_opt(sign * (h * 3600 + m * 60)).ok_or(errors::NotAnOffset)
}

/// `compare --by`: department, role, session or an attribute's name; never
/// subject (a comparison shows groups, not people).
fn parse_compare_by(s: &str) -> Result<String, errors::NotCompareBy> {
    match crate::group::By::parse(s) {
        None | Some(crate::group::By::Subject) => Err(errors::NotCompareBy),
        Some(by) => Ok(by.code().to_string()),
    }
}

/// `--by`: department, role, session, subject, or an attribute's name.
fn parse_by(s: &str) -> Result<crate::group::By, errors::NotBy> {
    crate::group::By::parse(s).ok_or(errors::NotBy)
}

fn parse_role(s: &str) -> Result<crate::result::Role, errors::NotARole> {
    crate::result::Role::parse(s).ok_or(errors::NotARole)
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// A result id in the store, or a result file (.json, .jsonl)
    #[arg(value_name = "ID|FILE", required_unless_present = "latest", conflicts_with = "latest")]
    pub result: Option<String>,
    /// The latest result in the store (of --subject, where given)
    #[arg(long)]
    pub latest: bool,
    /// With --latest: of this person
    #[arg(long, value_name = "NAME", requires = "latest")]
    pub subject: Option<String>,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub norms: NormsChoice,
    #[command(flatten)]
    pub look: Look,
    #[command(flatten)]
    pub store: StoreChoice,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The person whose results to list
    #[arg(long, value_name = "NAME")]
    pub subject: String,
    /// Only results of this rubric id [default: the rubric of the latest result]
    #[arg(long, value_name = "ID")]
    pub rubric: Option<String>,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub look: Look,
    #[command(flatten)]
    pub store: StoreChoice,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Only this session
    #[arg(long, value_name = "S")]
    pub session: Option<String>,
    /// Only this person
    #[arg(long, value_name = "NAME")]
    pub subject: Option<String>,
    /// Only results taken on or after this date (YYYY-MM-DD) or time (RFC 3339)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Output format [default: jsonl; csv with --wide]
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<ExportFormat>,
    /// CSV with one row per result: metadata, attributes, scores and every answer (for Excel and SPSS)
    #[arg(long)]
    pub wide: bool,
    /// With --wide: only results of this rubric id
    #[arg(long, value_name = "ID", requires = "wide")]
    pub rubric: Option<String>,
    /// Write to FILE (atomically, mode 0600) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Start CSV on stdout with a UTF-8 byte-order mark
    #[arg(long)]
    pub bom: bool,
    #[command(flatten)]
    pub store: StoreChoice,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Result files: .json (one result or an array) or .jsonl, or - for stdin
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<String>,
    /// Import the good results and list the rejected ones
    #[arg(long)]
    pub keep_going: bool,
    #[command(flatten)]
    pub store: StoreChoice,
}

#[derive(Debug, Subcommand)]
pub enum StoreCommand {
    /// Where the store is, its size, schema version and counts
    Info {
        /// Output format
        #[arg(long, short = 'f', value_enum, default_value_t = TableOrJson::Table)]
        format: TableOrJson,
        #[command(flatten)]
        store: StoreChoice,
    },
    /// Delete results by id (asks first unless --yes)
    Delete {
        /// The ids of the results to delete
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
        /// Do not ask for confirmation
        #[arg(long, short = 'y')]
        yes: bool,
        #[command(flatten)]
        store: StoreChoice,
    },
}

#[derive(Debug, Subcommand)]
pub enum NormsCommand {
    /// Norms from many people's results (one each, the latest), written to a file (mode 0600)
    Build {
        /// Result files: .json (one result or an array), .jsonl, or - for stdin
        #[arg(value_name = "FILE", required_unless_present_any = ["session", "all"], conflicts_with_all = ["session", "all"])]
        files: Vec<String>,
        /// All results of this session in the store
        #[arg(long, value_name = "S", conflicts_with = "all")]
        session: Option<String>,
        /// All results in the store
        #[arg(long)]
        all: bool,
        /// The rater role of the results: self, supervisor, peer, subordinate, other
        #[arg(long, value_name = "ROLE", value_parser = parse_role, default_value = "self")]
        role: crate::result::Role,
        /// What the norms are of, such as "2026 全省机关干部"
        #[arg(long, value_name = "TEXT")]
        name: Option<String>,
        /// Refuse fewer people than this
        #[arg(long, value_name = "N", default_value_t = 30)]
        min_n: usize,
        #[command(flatten)]
        exclude_flagged: ExcludeFlagged,
        /// The norms file to write
        #[arg(long, short = 'o', value_name = "FILE")]
        out: PathBuf,
        #[command(flatten)]
        rubric: RubricChoice,
        #[command(flatten)]
        store: StoreChoice,
    },
    /// Show a norms file: n, mean, sd, alpha and sem of each dimension
    Show {
        /// The norms file
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Output format
        #[arg(long, short = 'f', value_enum, default_value_t = ShowFormat::Table)]
        format: ShowFormat,
    },
}

#[derive(Debug, Subcommand)]
pub enum RubricCommand {
    /// List the built-in rubrics
    List {
        /// Output format
        #[arg(long, short = 'f', value_enum, default_value_t = TableOrJson::Table)]
        format: TableOrJson,
        /// ASCII table borders, for terminals that draw box characters wide
        #[arg(long)]
        ascii: bool,
    },
    /// Show a rubric's sections, dimensions and items
    Show {
        /// A built-in id or a rubric file [default: core]
        #[arg(value_name = "ID|FILE")]
        rubric: Option<String>,
        /// Output format
        #[arg(long, short = 'f', value_enum, default_value_t = ShowFormat::Table)]
        format: ShowFormat,
    },
    /// Check rubric files and report every problem
    Check {
        /// The rubric files to check
        #[arg(required = true, value_name = "FILE")]
        files: Vec<String>,
    },
    /// Print an answers file to fill in, every item with its statement
    Template {
        #[command(flatten)]
        rubric: RubricChoice,
        /// Whose answers: self, or a rater's (supervisor, peer, subordinate, other), the items then in the third person
        #[arg(long, value_name = "ROLE", value_parser = parse_role, default_value = "self")]
        role: crate::result::Role,
    },
    /// Print the JSON Schema of the rubric format (same as `zhixing schema rubric`)
    Schema,
}

#[derive(Debug, Args)]
pub struct GroupArgs {
    /// Result files: .json (one result or an array), .jsonl, or - for stdin
    #[arg(value_name = "FILE", required_unless_present_any = ["session", "all"], conflicts_with_all = ["session", "all"])]
    pub files: Vec<String>,
    /// All results of this session in the store
    #[arg(long, value_name = "S", conflicts_with = "all")]
    pub session: Option<String>,
    /// All results in the store
    #[arg(long)]
    pub all: bool,
    /// Also one group per department, role (rater role), session, or value of a subject attribute such as 职级; subject: the 360 view
    #[arg(long, value_name = "department|role|session|subject|ATTRIBUTE", value_parser = parse_by)]
    pub by: Option<crate::group::By>,
    /// Withhold groups with fewer results than this (1 withholds nothing)
    #[arg(long, value_name = "N", default_value_t = 5, allow_negative_numbers = true)]
    pub min_group: i64,
    /// Name people (flagged respondents, 360 subjects); without it nobody is named
    #[arg(long)]
    pub named: bool,
    /// Count every result; by default only each person's latest per session, rater and role counts
    #[arg(long)]
    pub every_result: bool,
    /// Also analyse each item: answers, mean, floor and ceiling, item-total correlation, alpha without it
    #[arg(long)]
    pub items: bool,
    #[command(flatten)]
    pub exclude_flagged: ExcludeFlagged,
    /// Also write the group report and each person's own report into DIR (mode 0700, files 0600)
    #[arg(long, value_name = "DIR")]
    pub pack: Option<PathBuf>,
    #[command(flatten)]
    pub rubric: RubricChoice,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Group the good results and list the rejected ones
    #[arg(long)]
    pub keep_going: bool,
    #[command(flatten)]
    pub norms: NormsChoice,
    #[command(flatten)]
    pub look: Look,
    #[command(flatten)]
    pub store: StoreChoice,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Before: a results file (.json, .jsonl) or a session in the store
    #[arg(value_name = "BEFORE")]
    pub before: String,
    /// After: a results file (.json, .jsonl) or a session in the store
    #[arg(value_name = "AFTER")]
    pub after: String,
    /// Also one group per department, rater role, session, or attribute (a name of the subjects' attributes)
    #[arg(long, value_name = "department|role|session|ATTRIBUTE", value_parser = parse_compare_by)]
    pub by: Option<String>,
    /// The rater role compared: self, supervisor, peer, subordinate, other
    #[arg(long, value_name = "ROLE", value_parser = parse_role, default_value = "self")]
    pub role: crate::result::Role,
    /// Withhold groups with fewer pairs than this (1 withholds nothing)
    #[arg(long, value_name = "N", default_value_t = 5, allow_negative_numbers = true)]
    pub min_group: i64,
    #[command(flatten)]
    pub exclude_flagged: ExcludeFlagged,
    #[command(flatten)]
    pub rubric: RubricChoice,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub norms: NormsChoice,
    #[command(flatten)]
    pub look: Look,
    #[command(flatten)]
    pub store: StoreChoice,
}

impl Cli {
    /// The settings of the command line, checked; `env` gives the
    /// environment (for the language), so that tests need not set it.
    /// The global settings come whole (the language says any error); the
    /// command's may be wrong.
    pub fn settings(self, env: impl Fn(&str) -> Option<String>) -> (settings::Global, Result<settings::Command>) {
        let g = self.global;
        let flag = g.lang.map(Lang::from);
        let (lang, lang_chosen) = (Lang::resolve(flag, &env), Lang::chosen(flag, &env));
        // Given after the command or before it: the command's own wins.
        let (look, store) = self.command.look_and_store();
        let color = look.color.or(g.look.color).unwrap_or(ColorChoice::Auto);
        let global = settings::Global {
            lang,
            lang_chosen,
            color: color.into(),
            ascii: look.ascii || g.look.ascii,
            store: store.store.or(g.store.store),
        };
        (global, self.command.settings())
    }
}

impl OutputArgs {
    fn settings(self) -> settings::Output {
        settings::Output { format: self.format.into(), out: self.out, bom: self.bom }
    }
}

impl Command {
    /// `--color`, `--ascii` and `--store` where the command has them.
    fn look_and_store(&self) -> (Look, StoreChoice) {
        let none = StoreChoice::default();
        match self {
            Command::Assess(AssessArgs { look, store, .. })
            | Command::Score(ScoreArgs { look, store, .. })
            | Command::Report(ReportArgs { look, store, .. })
            | Command::History(HistoryArgs { look, store, .. })
            | Command::Group(GroupArgs { look, store, .. })
            | Command::Compare(CompareArgs { look, store, .. }) => (look.clone(), store.clone()),
            Command::Export(ExportArgs { store, .. })
            | Command::Serve(ServeArgs { store, .. })
            | Command::Import(ImportArgs { store, .. })
            | Command::Store(StoreCommand::Info { store, .. })
            | Command::Store(StoreCommand::Delete { store, .. })
            | Command::Norms(NormsCommand::Build { store, .. }) => (Look::default(), store.clone()),
            Command::Norms(NormsCommand::Show { .. }) => (Look::default(), none),
            Command::Rubric(RubricCommand::List { ascii, .. }) => (Look { color: None, ascii: *ascii }, none),
            Command::Rubric(_) | Command::Schema { .. } | Command::Completions { .. } => (Look::default(), none),
        }
    }

    fn settings(self) -> Result<settings::Command> {
        use settings::Command as S;
        Ok(match self {
            Command::Assess(a) => S::Assess(settings::Assess {
                rubric: a.rubric.rubric,
                targets: Targets::new(a.profile, a.target)?,
                preset: settings::Preset {
                    subject: a.subject,
                    department: a.department,
                    role: a.role,
                    rater: a.rater,
                    session: a.session,
                    resume: a.resume,
                    kiosk: a.kiosk,
                }
                .checked()?,
                no_save: a.no_save,
                discard: a.discard,
                output: a.output.settings(),
                norms: a.norms.norms,
            }),
            Command::Score(a) => {
                settings::stdin_once(&a.files)?;
                S::Score(settings::Score {
                    files: a.files,
                    rubric: a.rubric.rubric,
                    targets: Targets::new(a.profile, a.target)?,
                    output: a.output.settings(),
                    keep_going: a.keep_going,
                    save: a.save,
                    sheet: settings::Sheet {
                        columns: a.columns.map(Into::into),
                        ignore_columns: a.ignore_columns,
                        item_columns: a.item_columns,
                        attribute_columns: a.attribute_columns,
                        utc_offset: a.utc_offset,
                    },
                    session: settings::checked_session(a.session)?,
                    norms: a.norms.norms,
                })
            }
            Command::Report(a) => S::Report(settings::Report {
                which: match a.result {
                    Some(r) if !a.latest => settings::Which::Given(r),
                    _ => settings::Which::Latest { subject: a.subject },
                },
                output: a.output.settings(),
                norms: a.norms.norms,
            }),
            Command::History(a) => {
                S::History(settings::History { subject: a.subject, rubric: a.rubric, output: a.output.settings() })
            }
            Command::Group(a) => {
                let min_group = settings::min_group(a.min_group)?;
                let from = match (a.session, a.all) {
                    (Some(s), _) => settings::Results::Session(s),
                    (None, true) => settings::Results::All,
                    (None, false) => {
                        settings::stdin_once(&a.files)?;
                        settings::Results::Files(a.files)
                    }
                };
                S::Group(settings::Group {
                    from,
                    by: a.by,
                    min_group,
                    named: a.named,
                    every_result: a.every_result,
                    items: a.items,
                    exclude_flagged: a.exclude_flagged.filter(),
                    pack: a.pack,
                    rubric: a.rubric.rubric,
                    output: a.output.settings(),
                    keep_going: a.keep_going,
                    norms: a.norms.norms,
                })
            }
            Command::Serve(a) => S::Serve(settings::Serve {
                session: a.session,
                rubric: a.rubric.rubric,
                targets: Targets::new(a.profile, None)?,
                listen: a.listen,
                min_group: settings::min_group(a.min_group)?,
                show_report: a.show_report == "yes",
                urls_file: a.urls_file,
                join_limit: a.join_limit as usize,
                roster: a.roster,
                norms: a.norms.norms,
                tls: settings::tls(a.tls_cert, a.tls_key)?,
            }),
            Command::Compare(a) => S::Compare(settings::Compare {
                before: a.before,
                after: a.after,
                by: settings::checked_by(a.by),
                role: a.role,
                min_group: settings::min_group(a.min_group)?,
                exclude_flagged: a.exclude_flagged.filter(),
                rubric: a.rubric.rubric,
                output: a.output.settings(),
                norms: a.norms.norms,
            }),
            Command::Export(a) => {
                let format = a
                    .format
                    .map_or(if a.wide { crate::report::Format::Csv } else { crate::report::Format::Jsonl }, Into::into);
                S::Export(settings::Export {
                    session: a.session,
                    subject: a.subject,
                    since: a.since,
                    wide: settings::wide(a.wide, format)?,
                    rubric: a.rubric,
                    output: settings::Output { format: settings::export_format(format)?, out: a.out, bom: a.bom },
                })
            }
            Command::Import(a) => S::Import(settings::Import { files: a.files, keep_going: a.keep_going }),
            Command::Store(StoreCommand::Info { format, .. }) => {
                S::Store(settings::Store::Info { format: format.into() })
            }
            Command::Store(StoreCommand::Delete { ids, yes, .. }) => S::Store(settings::Store::Delete { ids, yes }),
            Command::Rubric(r) => S::Rubric(match r {
                RubricCommand::List { format, .. } => settings::Rubric::List { format: format.into() },
                RubricCommand::Show { rubric, format } => settings::Rubric::Show { rubric, format: format.into() },
                RubricCommand::Check { files } => settings::Rubric::Check { files },
                RubricCommand::Template { rubric, role } => settings::Rubric::Template { rubric: rubric.rubric, role },
                RubricCommand::Schema => settings::Rubric::Schema,
            }),
            Command::Norms(NormsCommand::Build {
                files,
                session,
                all,
                role,
                name,
                min_n,
                exclude_flagged,
                out,
                rubric,
                ..
            }) => {
                let from = match (session, all) {
                    (Some(s), _) => settings::Results::Session(s),
                    (None, true) => settings::Results::All,
                    (None, false) => {
                        settings::stdin_once(&files)?;
                        settings::Results::Files(files)
                    }
                };
                S::Norms(settings::Norms::Build {
                    from,
                    role,
                    name,
                    min_n: min_n.max(1),
                    exclude_flagged: exclude_flagged.filter(),
                    out,
                    rubric: rubric.rubric,
                })
            }
            Command::Norms(NormsCommand::Show { file, format }) => {
                S::Norms(settings::Norms::Show { file, format: format.into() })
            }
            Command::Schema { which } => S::Schema(which.into()),
            Command::Completions { .. } => S::Completions,
        })
    }
}

/// The command line in the interface language, as clap parses it: the
/// help texts of every command and argument in that language, a `help`
/// command, and clap's usage replaced by a marker of the command's path,
/// so that a help request or a refusal says which command it is about
/// ([`errors::said`]); the help itself is rendered by [`help::help`].
pub fn command(lang: Lang) -> clap::Command {
    use clap::{Arg, ArgAction, CommandFactory};
    let m = i18n::msg(lang);
    fn decorate(mut cmd: clap::Command, path: &str, m: &dyn i18n::Messages, table: &[HelpEntry]) -> clap::Command {
        // The command's own entry, else the one of `zhixing` itself (the
        // options it shares with the commands where they act).
        let text = |id: &str| {
            let own = table.iter().find(|(p, a, _)| *p == path && *a == id);
            own.or_else(|| table.iter().find(|(p, a, _)| p.is_empty() && *a == id)).map(|e| e.2)
        };
        if let Some(about) = table.iter().find(|(p, a, _)| *p == path && a.is_empty()) {
            cmd = cmd.about(about.2).long_about(None::<&str>);
        }
        let ids: Vec<String> = cmd.get_arguments().map(|a| a.get_id().to_string()).collect();
        for id in ids {
            if let Some(t) = text(&id) {
                cmd = cmd.mut_arg(id, |a| a.help(t));
            }
        }
        let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
        for name in names {
            let sub = if path.is_empty() { name.clone() } else { format!("{path} {name}") };
            cmd = cmd.mut_subcommand(&name, |s| decorate(s, &sub, m, table));
        }
        cmd.override_usage(errors::marker(path))
            .help_template("{usage}")
            .disable_help_flag(true)
            .arg(Arg::new(help::HELP_ID).short('h').long("help").help(m.help_help()).action(ArgAction::Help))
    }
    let cmd = Cli::command()
        .subcommand(
            clap::Command::new("help").about(m.help_command_about()).arg(
                Arg::new("command")
                    .value_name("COMMAND")
                    .num_args(0..)
                    .action(ArgAction::Append)
                    .help(m.help_command_arg()),
            ),
        )
        .disable_help_subcommand(true)
        .disable_version_flag(true)
        .arg(Arg::new(help::VERSION_ID).short('V').long("version").help(m.help_version()).action(ArgAction::Version))
        .after_help(m.help_exit_codes());
    decorate(cmd, "", m, m.help_table().unwrap_or(&[]))
}

/// The shell completions of the command line in `lang`. Bash offers the
/// built-in rubric ids as well as files after `--rubric` (clap's script
/// offers files only), fish the ids beside its files.
pub fn completions(shell: clap_complete::Shell, lang: Lang) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command(lang), "zhixing", &mut out);
    let ids: Vec<&str> = crate::rubric::BUILTINS.iter().map(|b| b.id).collect();
    let ids = ids.join(" ");
    let text = String::from_utf8_lossy(&out).into_owned();
    let text = match shell {
        clap_complete::Shell::Bash => {
            let mut lines: Vec<String> = Vec::new();
            let mut after_rubric = false;
            for line in text.lines() {
                let files = line.trim() == r#"COMPREPLY=($(compgen -f "${cur}"))"#;
                if after_rubric && files {
                    let indent = &line[..line.len() - line.trim_start().len()];
                    lines.push(format!(
                        r#"{indent}COMPREPLY=($(compgen -W "{ids}" -- "${{cur}}") $(compgen -f -- "${{cur}}"))"#
                    ));
                } else {
                    lines.push(line.to_string());
                }
                after_rubric = line.trim() == "--rubric)";
            }
            lines.join("\n") + "\n"
        }
        clap_complete::Shell::Fish => {
            text.lines()
                .map(|l| if l.contains(" -l rubric ") { format!("{l} -a \"{ids}\"") } else { l.to_string() })
                .collect::<Vec<_>>()
                .join("\n")
                + "\n"
        }
        _ => text,
    };
    text.into_bytes()
}

/// The interface language for the command line itself, before it is parsed:
/// `--lang` among the arguments, else the environment.
pub fn early_lang(args: &[std::ffi::OsString]) -> Lang {
    let mut flag = None;
    for (i, a) in args.iter().enumerate() {
        let a = a.to_string_lossy();
        let value = match a.strip_prefix("--lang=") {
            Some(v) => Some(v.to_string()),
            None if a == "--lang" => args.get(i + 1).map(|v| v.to_string_lossy().into_owned()),
            None => None,
        };
        if let Some(v) = value.and_then(|v| Lang::from_code(&v)) {
            flag = Some(v);
        }
    }
    Lang::resolve(flag, |k| std::env::var(k).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and argument has its Chinese help (the options that
    /// `zhixing` shares with its commands from `zhixing`'s own entry), and
    /// its English one.
    #[test]
    fn chinese_help_is_complete() {
        use clap::CommandFactory;
        let zh = i18n::msg(Lang::Zh).help_table().unwrap();
        fn walk(c: &clap::Command, path: String, missing: &mut Vec<String>, zh: &[HelpEntry]) {
            if !zh.iter().any(|(p, a, _)| *p == path && a.is_empty()) {
                missing.push(format!("{path:?}"));
            }
            for a in c.get_arguments() {
                let id = a.get_id().as_str();
                if a.is_global_set() && !path.is_empty() {
                    continue;
                }
                if !zh.iter().any(|(p, x, _)| (*p == path || p.is_empty()) && *x == id) {
                    missing.push(format!("{path:?} {id}"));
                }
                if a.get_help().is_none_or(|h| h.to_string().trim().is_empty()) {
                    missing.push(format!("English: {path:?} {id}"));
                }
            }
            for s in c.get_subcommands() {
                walk(s, format!("{path} {}", s.get_name()).trim().to_string(), missing, zh);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), String::new(), &mut missing, zh);
        assert!(missing.is_empty(), "no help for: {missing:?}");
        command(Lang::Zh).debug_assert();
        command(Lang::En).debug_assert();
    }

    fn rendered(lang: Lang, path: &[&str], cols: usize) -> String {
        let mut root = command(lang);
        root.build();
        let path: Vec<String> = path.iter().map(|s| s.to_string()).collect();
        help::help(&root, &path, lang, cols).unwrap()
    }

    #[test]
    fn help_in_chinese() {
        let help = rendered(Lang::Zh, &[], 80);
        assert!(
            help.contains("用法：zhixing [选项] <命令>")
                && help.contains("命令：")
                && help.contains("在终端中作答问卷")
        );
        assert!(!help.contains("Usage") && !help.contains("Print help") && !help.contains("possible"), "{help}");
        let assess = rendered(Lang::Zh, &["assess"], 80);
        assert!(assess.contains("接着被评价人未完成的问卷作答") && assess.contains("选项："), "{assess}");
        let flat: String = assess.split_whitespace().collect();
        assert!(flat.contains("[默认：table][可选：table、json、jsonl、markdown、csv、html]"), "{assess}");
    }

    /// Help and version come last, the options of every command (here
    /// `--lang`) before them, and the command's own first.
    #[test]
    fn help_comes_last() {
        for lang in [Lang::Zh, Lang::En] {
            let help = rendered(lang, &["import"], 80);
            let at = |s: &str| help.find(s).unwrap_or_else(|| panic!("{s} in {help}"));
            assert!(
                at("--keep-going") < at("--store") && at("--store") < at("--lang") && at("--lang") < at("-h, --help")
            );
            assert!(help.trim_end().lines().last().unwrap().contains("-h, --help"), "{help}");
            let top = rendered(lang, &[], 80);
            let at = |s: &str| top.find(s).unwrap();
            assert!(at("--lang") < at("-h, --help") && at("-h, --help") < at("-V, --version"), "{top}");
        }
    }

    /// Only where they act: `--store`, `--color`, `--ascii`.
    #[test]
    fn options_only_where_they_act() {
        let mut root = command(Lang::En);
        root.build();
        let has = |path: &[&str], long: &str| {
            let path: Vec<String> = path.iter().map(|s| s.to_string()).collect();
            help::find(&root, &path).unwrap().get_arguments().any(|a| a.get_long() == Some(long))
        };
        for path in
            [&["schema"][..], &["completions"], &["rubric", "show"], &["rubric", "check"], &["rubric", "template"]]
        {
            for long in ["store", "color", "ascii"] {
                assert!(!has(path, long), "{path:?} offers --{long}");
            }
            assert!(has(path, "lang"), "{path:?}");
        }
        for path in [&["export"][..], &["import"], &["store", "info"], &["store", "delete"]] {
            assert!(has(path, "store") && !has(path, "color") && !has(path, "ascii"), "{path:?}");
        }
        for path in [&["score"][..], &["assess"], &["report"], &["history"], &["group"]] {
            assert!(has(path, "store") && has(path, "color") && has(path, "ascii"), "{path:?}");
        }
        assert!(has(&["rubric", "list"], "ascii") && !has(&["rubric", "list"], "store"));
    }

    /// Given before the command or after it, the option holds; after wins.
    #[test]
    fn shared_options_before_or_after_the_command() {
        let parse = |args: &[&str]| {
            let m = command(Lang::En).try_get_matches_from(args).unwrap();
            let cli = <Cli as clap::FromArgMatches>::from_arg_matches(&m).unwrap();
            cli.settings(|_| None).0
        };
        let g = parse(&["zhixing", "--store", "a.db", "--ascii", "score", "x.json"]);
        assert_eq!(g.store.as_deref(), Some(std::path::Path::new("a.db")));
        assert!(g.ascii);
        let g = parse(&["zhixing", "--store", "a.db", "score", "x.json", "--store", "b.db", "--color", "never"]);
        assert_eq!(g.store.as_deref(), Some(std::path::Path::new("b.db")));
        assert_eq!(g.color, settings::Color::Never);
        let g = parse(&["zhixing", "--color", "always", "report", "--latest"]);
        assert_eq!(g.color, settings::Color::Always);
    }

    #[test]
    fn wrapping_by_display_width() {
        let text = "表格边框和条形图只用 ASCII 字符，适合把制表符画成双宽的终端 [possible values: auto, always, never]";
        // From the width of the longest word up.
        for cols in 10..60 {
            let lines = help::wrap(text, cols);
            for l in &lines {
                assert!(crate::width::width(l) <= cols, "{l:?} at {cols}");
            }
            // Nothing lost, no Latin word split.
            let joined: String = lines.concat().chars().filter(|c| *c != ' ').collect();
            assert_eq!(joined, text.chars().filter(|c| *c != ' ').collect::<String>());
            for w in ["ASCII", "[possible", "values:", "always,", "never]"] {
                assert!(lines.iter().any(|l| l.contains(w)), "{w} split at {cols}: {lines:?}");
            }
            assert!(lines.len() == 1 || lines.last().unwrap().chars().count() > 3, "{lines:?} at {cols}");
        }
        // A pause near the end of the line is where it breaks.
        assert_eq!(
            help::wrap("为每个分区和维度统一设定目标（0–100），取代量表中的目标", 40)[0],
            "为每个分区和维度统一设定目标（0–100），"
        );
    }

    #[test]
    fn early_lang_reads_the_flag() {
        let args: Vec<std::ffi::OsString> = ["zhixing", "--lang", "en", "score"].iter().map(Into::into).collect();
        assert_eq!(early_lang(&args), Lang::En);
        let args: Vec<std::ffi::OsString> = ["zhixing", "--lang=zh"].iter().map(Into::into).collect();
        assert_eq!(early_lang(&args), Lang::Zh);
    }
}

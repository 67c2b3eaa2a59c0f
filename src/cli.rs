//! The command line, as clap parses it. `app` turns it into work.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::lang::Lang;
use crate::report::Format;

/// zhixing (知行): measure execution capability (执行力) with a rubric,
/// score it, and show the gaps to work on.
#[derive(Debug, Parser)]
#[command(name = "zhixing", version, about, long_about = None, max_term_width = 100)]
#[command(
    after_help = "Exit codes: 0 ok; 1 I/O or internal error; 2 bad input (usage, rubric, answers, store); 130 interrupted."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args, Clone)]
pub struct Global {
    /// Language of the interface and of rubric texts [default: $ZHIXING_LANG, then the locale, then zh]
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
    /// Colour in terminal output (NO_COLOR is honoured by auto)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// ASCII table borders and bars, for terminals that draw box characters wide
    #[arg(long, global = true)]
    pub ascii: bool,
    /// The results store [default: $ZHIXING_STORE, then the platform data directory]
    #[arg(long, global = true, value_name = "PATH")]
    pub store: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
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
    /// Print the JSON Schema (draft-07) of a file format
    Schema {
        #[arg(value_enum)]
        which: SchemaKind,
    },
    /// Print shell completions
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    Rubric,
    Answers,
    Result,
    Group,
}

#[derive(Debug, Args, Clone)]
pub struct RubricChoice {
    /// Rubric: a built-in id (core, office) or a rubric file
    #[arg(long, value_name = "ID|FILE")]
    pub rubric: Option<String>,
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
    pub columns: Option<crate::tabular::Columns>,
    /// CSV/xlsx: columns to leave out, by header or letter, e.g. "提交时间,F"
    #[arg(long, value_name = "NAME|LETTER,…")]
    pub ignore_columns: Vec<String>,
    /// CSV/xlsx: the item columns by spreadsheet letters, e.g. G:AP
    #[arg(long, value_name = "RANGE")]
    pub item_columns: Option<String>,
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
    /// Continue the subject's unfinished questionnaire
    #[arg(long)]
    pub resume: bool,
    /// One terminal passed round a room: clears the screen after each person
    #[arg(long, requires = "session")]
    pub kiosk: bool,
    /// Do not save the result in the store
    #[arg(long)]
    pub no_save: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

fn parse_role(s: &str) -> Result<crate::result::Role, String> {
    crate::result::Role::parse(s).ok_or_else(|| "one of self, supervisor, peer, subordinate, other".to_string())
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
    /// json, jsonl or csv
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,
    /// Write to FILE (atomically, mode 0600) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Start CSV on stdout with a UTF-8 byte-order mark
    #[arg(long)]
    pub bom: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Result files: .json (one result or an array) or .jsonl, or - for stdin
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<String>,
    /// Import the good results and list the rejected ones
    #[arg(long)]
    pub keep_going: bool,
}

#[derive(Debug, Subcommand)]
pub enum StoreCommand {
    /// Where the store is, its size, schema version and counts
    Info {
        /// table or json
        #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Delete results by id (asks first unless --yes)
    Delete {
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
        /// Do not ask for confirmation
        #[arg(long, short = 'y')]
        yes: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum RubricCommand {
    /// List the built-in rubrics
    List {
        /// table or json
        #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Show a rubric's sections, dimensions and items
    Show {
        /// A built-in id or a rubric file [default: core]
        #[arg(value_name = "ID|FILE")]
        rubric: Option<String>,
        /// table, markdown or json
        #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Check rubric files and report every problem
    Check {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<String>,
    },
    /// Print an answers file to fill in, every item with its statement
    Template {
        #[command(flatten)]
        rubric: RubricChoice,
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
    /// Also one group per department, rater role or session; subject: the 360 view
    #[arg(long, value_enum)]
    pub by: Option<crate::group::By>,
    /// Withhold groups with fewer results than this (1 withholds nothing)
    #[arg(long, value_name = "N", default_value_t = 5, allow_negative_numbers = true)]
    pub min_group: i64,
    /// Name people (flagged respondents, 360 subjects); without it nobody is named
    #[arg(long)]
    pub named: bool,
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
}

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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score answers files (TOML, JSON, JSON Lines, or - for stdin) into results and a gap report
    Score(ScoreArgs),
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
    /// Answers files: .toml, .json, .jsonl, or - for stdin
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

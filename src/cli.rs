//! The command line, as clap parses it, turned into [`crate::settings`]
//! before any work. Only this module knows of clap: the value enums here
//! mirror the program's own types.

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
    /// What `--by` groups by.
    By => crate::group::By {
        /// The subject's department.
        Department,
        /// The rater's role (self, supervisor, peer, subordinate, other).
        Role,
        /// The session.
        Session,
        /// Each subject: the 360 view, self against others.
        Subject,
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
    SchemaKind => settings::SchemaKind { Rubric, Answers, Result, Group }
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

#[derive(Debug, Args, Clone)]
pub struct Global {
    /// Language of the interface and of rubric texts [default: $ZHIXING_LANG, then the locale, then zh]
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
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
    pub columns: Option<Columns>,
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
    pub by: Option<By>,
    /// Withhold groups with fewer results than this (1 withholds nothing)
    #[arg(long, value_name = "N", default_value_t = 5, allow_negative_numbers = true)]
    pub min_group: i64,
    /// Name people (flagged respondents, 360 subjects); without it nobody is named
    #[arg(long)]
    pub named: bool,
    /// Count every result; by default only each person's latest per session, rater and role counts
    #[arg(long)]
    pub every_result: bool,
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

impl Cli {
    /// The settings of the command line, checked; `env` gives the
    /// environment (for the language), so that tests need not set it.
    /// The global settings come whole (the language says any error); the
    /// command's may be wrong.
    pub fn settings(self, env: impl Fn(&str) -> Option<String>) -> (settings::Global, Result<settings::Command>) {
        let g = self.global;
        let lang = Lang::resolve(g.lang.map(Lang::from), env);
        let global = settings::Global {
            lang,
            lang_given: g.lang.is_some(),
            color: g.color.into(),
            ascii: g.ascii,
            store: g.store,
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
                    },
                })
            }
            Command::Report(a) => S::Report(settings::Report {
                which: match a.result {
                    Some(r) if !a.latest => settings::Which::Given(r),
                    _ => settings::Which::Latest { subject: a.subject },
                },
                output: a.output.settings(),
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
                    by: a.by.map(Into::into),
                    min_group,
                    named: a.named,
                    every_result: a.every_result,
                    pack: a.pack,
                    rubric: a.rubric.rubric,
                    output: a.output.settings(),
                    keep_going: a.keep_going,
                })
            }
            Command::Export(a) => S::Export(settings::Export {
                session: a.session,
                subject: a.subject,
                since: a.since,
                output: settings::Output { format: settings::export_format(a.format.into())?, out: a.out, bom: a.bom },
            }),
            Command::Import(a) => S::Import(settings::Import { files: a.files, keep_going: a.keep_going }),
            Command::Store(StoreCommand::Info { format }) => S::Store(settings::Store::Info { format: format.into() }),
            Command::Store(StoreCommand::Delete { ids, yes }) => S::Store(settings::Store::Delete { ids, yes }),
            Command::Rubric(r) => S::Rubric(match r {
                RubricCommand::List { format } => settings::Rubric::List { format: format.into() },
                RubricCommand::Show { rubric, format } => settings::Rubric::Show { rubric, format: format.into() },
                RubricCommand::Check { files } => settings::Rubric::Check { files },
                RubricCommand::Template { rubric } => settings::Rubric::Template { rubric: rubric.rubric },
                RubricCommand::Schema => settings::Rubric::Schema,
            }),
            Command::Schema { which } => S::Schema(which.into()),
            Command::Completions { .. } => S::Completions,
        })
    }
}

/// The command line in the interface language: help texts, headings and
/// the usage line in Chinese for `Lang::Zh`.
pub fn command(lang: Lang) -> clap::Command {
    use clap::CommandFactory;
    let cmd = Cli::command();
    let m = i18n::msg(lang);
    let Some(help) = m.help_table() else { return cmd.after_help(m.help_exit_codes()) };
    fn translate(mut cmd: clap::Command, path: &str, m: &dyn i18n::Messages, help: &[HelpEntry]) -> clap::Command {
        for (p, arg, text) in help {
            if *p != path {
                continue;
            }
            if arg.is_empty() {
                cmd = cmd.about(*text).long_about(None::<&str>);
            } else {
                cmd = cmd.mut_arg(*arg, |a| {
                    let heading = if a.is_positional() { m.help_arguments() } else { m.help_options() };
                    a.help(*text).help_heading(heading)
                });
            }
        }
        let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
        for name in names {
            let sub = if path.is_empty() { name.clone() } else { format!("{path} {name}") };
            cmd = cmd.mut_subcommand(&name, |s| translate(s, &sub, m, help));
        }
        cmd.help_template(format!("{{about-with-newline}}\n{}{{usage}}\n\n{{all-args}}{{after-help}}", m.help_usage()))
            .subcommand_help_heading(m.help_commands())
            .disable_help_flag(true)
            .arg(
                clap::Arg::new("help")
                    .short('h')
                    .long("help")
                    .help(m.help_help())
                    .action(clap::ArgAction::Help)
                    .help_heading(m.help_options()),
            )
    }
    translate(cmd, "", m, help)
        .after_help(m.help_exit_codes())
        .disable_version_flag(true)
        .arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .help(m.help_version())
                .action(clap::ArgAction::Version)
                .help_heading(m.help_options()),
        )
        .disable_help_subcommand(true)
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

    /// Every command and argument has its Chinese help.
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
                if !zh.iter().any(|(p, x, _)| *p == path && *x == id) {
                    missing.push(format!("{path:?} {id}"));
                }
            }
            for s in c.get_subcommands() {
                walk(s, format!("{path} {}", s.get_name()).trim().to_string(), missing, zh);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), String::new(), &mut missing, zh);
        assert!(missing.is_empty(), "no Chinese help for: {missing:?}");
        command(Lang::Zh).debug_assert();
    }

    #[test]
    fn help_in_chinese() {
        let mut cmd = command(Lang::Zh);
        let help = cmd.render_help().to_string();
        assert!(help.contains("用法：") && help.contains("命令") && help.contains("在终端中作答问卷"), "{help}");
        assert!(!help.contains("Usage:") && !help.contains("Print help"), "{help}");
        let mut sub = command(Lang::Zh);
        let assess = sub.find_subcommand_mut("assess").unwrap().render_help().to_string();
        assert!(assess.contains("接着被评价人未完成的问卷作答") && assess.contains("选项"), "{assess}");
    }

    #[test]
    fn early_lang_reads_the_flag() {
        let args: Vec<std::ffi::OsString> = ["zhixing", "--lang", "en", "score"].iter().map(Into::into).collect();
        assert_eq!(early_lang(&args), Lang::En);
        let args: Vec<std::ffi::OsString> = ["zhixing", "--lang=zh"].iter().map(Into::into).collect();
        assert_eq!(early_lang(&args), Lang::Zh);
    }
}

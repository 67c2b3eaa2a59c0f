//! The command line, as clap parses it, turned into [`crate::settings`]
//! before any work. Only this module knows of clap: the value enums here
//! mirror the program's own types.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::error::Result;
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
    pub by: Option<By>,
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

impl Cli {
    /// The settings of the command line, checked; `env` gives the
    /// environment (for the language), so that tests need not set it.
    pub fn settings(self, env: impl Fn(&str) -> Option<String>) -> Result<(settings::Global, settings::Command)> {
        let g = self.global;
        let lang = Lang::resolve(g.lang.map(Lang::from), env);
        let global = settings::Global { lang, color: g.color.into(), ascii: g.ascii, store: g.store };
        let command = self.command.settings()?;
        Ok((global, command))
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
                subject: a.subject,
                department: a.department,
                role: a.role,
                rater: a.rater,
                session: a.session,
                resume: a.resume,
                kiosk: a.kiosk,
                no_save: a.no_save,
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

/// Help texts in Chinese: (command path, argument id or "" for the command
/// itself, text). A test checks that every command and argument has one.
const ZH: &[(&str, &str, &str)] = &[
    ("", "", "知行（zhixing）：用量表测评执行力，评分并给出差距报告与改进建议"),
    ("", "lang", "界面和量表文本的语言 [默认：$ZHIXING_LANG，其次系统语言，再次中文]"),
    ("", "color", "终端输出是否着色（auto 时遵从 NO_COLOR）"),
    ("", "ascii", "表格边框和条形图只用 ASCII 字符，适合把制表符画成双宽的终端"),
    ("", "store", "结果库文件 [默认：$ZHIXING_STORE，其次系统数据目录]"),
    ("assess", "", "在终端中作答问卷，然后给出差距报告"),
    ("assess", "rubric", "量表：内置标识（core、office）或量表文件"),
    ("assess", "profile", "量表中的目标配置，例如 section-chief（处级干部）"),
    ("assess", "target", "为每个分区和维度统一设定目标（0–100）"),
    ("assess", "subject", "被评价人姓名（给出后不再询问）"),
    ("assess", "department", "被评价人所在部门"),
    ("assess", "role", "作答人身份：self、supervisor、peer、subordinate、other"),
    ("assess", "rater", "评价他人时，评价人的姓名"),
    ("assess", "session", "场次，例如某期培训班"),
    ("assess", "resume", "接着被评价人未完成的问卷作答"),
    ("assess", "kiosk", "一台终端轮流作答：每人答完后清屏，等待下一位"),
    ("assess", "no_save", "不把结果存入结果库"),
    ("assess", "format", "输出格式"),
    ("assess", "out", "写入文件（原子写入，权限 0600），而不是标准输出"),
    ("assess", "bom", "输出到标准输出的 CSV 也加 UTF-8 字节顺序标记（写入文件的 CSV 总会加）"),
    ("score", "", "为答卷评分（TOML、JSON、JSON Lines、CSV、xlsx，或 - 表示标准输入），给出结果和差距报告"),
    ("score", "files", "答卷文件：.toml、.json、.jsonl、.csv、.xlsx，或 - 表示标准输入"),
    ("score", "rubric", "量表：内置标识（core、office）或量表文件"),
    ("score", "profile", "量表中的目标配置，例如 section-chief（处级干部）"),
    ("score", "target", "为每个分区和维度统一设定目标（0–100），取代量表中的目标"),
    ("score", "format", "输出格式"),
    ("score", "out", "写入文件（原子写入，权限 0600），而不是标准输出"),
    ("score", "bom", "输出到标准输出的 CSV 也加 UTF-8 字节顺序标记（写入文件的 CSV 总会加）"),
    ("score", "keep_going", "批量评分时跳过有错的记录，只为正确的评分，并列出被拒收的记录"),
    ("score", "save", "同时把结果存入结果库"),
    ("score", "columns", "CSV/xlsx：按条目标识识别条目列（默认），或不论表头、按量表顺序识别"),
    ("score", "ignore_columns", "CSV/xlsx：要忽略的列，写表头或列字母，例如 \"提交时间,F\""),
    ("score", "item_columns", "CSV/xlsx：用列字母指定条目列，例如 G:AP"),
    ("report", "", "显示已保存的结果：按编号、结果文件，或最近一份"),
    ("report", "result", "结果库中的结果编号，或结果文件（.json、.jsonl）"),
    ("report", "latest", "结果库中最近的一份结果（给出 --subject 时为此人的）"),
    ("report", "subject", "与 --latest 一起用：此人的结果"),
    ("report", "format", "输出格式"),
    ("report", "out", "写入文件（原子写入，权限 0600），而不是标准输出"),
    ("report", "bom", "输出到标准输出的 CSV 也加 UTF-8 字节顺序标记（写入文件的 CSV 总会加）"),
    ("history", "", "一个人历次的结果和变化趋势"),
    ("history", "subject", "要列出结果的人"),
    ("history", "rubric", "只列出此量表的结果 [默认：最近一份结果的量表]"),
    ("history", "format", "输出格式"),
    ("history", "out", "写入文件（原子写入，权限 0600），而不是标准输出"),
    ("history", "bom", "输出到标准输出的 CSV 也加 UTF-8 字节顺序标记（写入文件的 CSV 总会加）"),
    ("group", "", "团体报告：统计、信度、匿名保护和 360 度对比"),
    ("group", "files", "结果文件：.json（一份结果或数组）、.jsonl，或 - 表示标准输入"),
    ("group", "session", "结果库中此场次的全部结果"),
    ("group", "all", "结果库中的全部结果"),
    ("group", "by", "再按部门、评价人身份或场次分组；subject：360 度对比"),
    ("group", "min_group", "结果少于此数的分组不显示（1 表示都显示）"),
    ("group", "named", "显示姓名（带作答质量提示的人、360 度对比的被评价人）；不加则不显示任何姓名"),
    ("group", "pack", "同时把团体报告和每个人的个人报告写入 DIR（目录权限 0700，文件 0600）"),
    ("group", "rubric", "量表：内置标识（core、office）或量表文件"),
    ("group", "format", "输出格式"),
    ("group", "out", "写入文件（原子写入，权限 0600），而不是标准输出"),
    ("group", "bom", "输出到标准输出的 CSV 也加 UTF-8 字节顺序标记（写入文件的 CSV 总会加）"),
    ("group", "keep_going", "跳过有错的结果，只统计正确的，并列出被拒收的"),
    ("export", "", "从结果库导出结果：json、jsonl 或 csv"),
    ("export", "session", "只导出此场次"),
    ("export", "subject", "只导出此人"),
    ("export", "since", "只导出此日期（YYYY-MM-DD）或时间（RFC 3339）之后的结果"),
    ("export", "format", "json、jsonl 或 csv"),
    ("export", "out", "写入文件（原子写入，权限 0600），而不是标准输出"),
    ("export", "bom", "输出到标准输出的 CSV 也加 UTF-8 字节顺序标记"),
    ("import", "", "把结果文件（.json、.jsonl）导入结果库；重复导入只保存一次"),
    ("import", "files", "结果文件：.json（一份结果或数组）或 .jsonl，或 - 表示标准输入"),
    ("import", "keep_going", "跳过有错的记录，只导入正确的，并列出被拒收的"),
    ("store", "", "结果库：位置、内容；删除结果"),
    ("store info", "", "结果库的位置、大小、结构版本和数量"),
    ("store info", "format", "table 或 json"),
    ("store delete", "", "按编号删除结果（除非加 --yes，否则先确认）"),
    ("store delete", "ids", "要删除的结果编号"),
    ("store delete", "yes", "不再确认"),
    ("rubric", "", "列出、查看、检查量表，生成答卷模板"),
    ("rubric list", "", "列出内置量表"),
    ("rubric list", "format", "table 或 json"),
    ("rubric show", "", "查看量表的分区、维度和条目"),
    ("rubric show", "rubric", "内置量表标识或量表文件 [默认：core]"),
    ("rubric show", "format", "table、markdown 或 json"),
    ("rubric check", "", "检查量表文件，报告全部问题"),
    ("rubric check", "files", "要检查的量表文件"),
    ("rubric template", "", "生成待填写的答卷：列出每个条目及其陈述"),
    ("rubric template", "rubric", "量表：内置标识（core、office）或量表文件"),
    ("rubric schema", "", "输出量表格式的 JSON Schema（同 `zhixing schema rubric`）"),
    ("schema", "", "输出某种文件格式的 JSON Schema（draft-07）"),
    ("schema", "which", "哪种格式：rubric、answers、result 或 group"),
    ("completions", "", "输出命令行补全脚本"),
    ("completions", "shell", "哪种 shell"),
];

/// The command line in the interface language: help texts, headings and
/// the usage line in Chinese for `Lang::Zh`.
pub fn command(lang: Lang) -> clap::Command {
    use clap::CommandFactory;
    let cmd = Cli::command();
    if lang == Lang::En {
        return cmd;
    }
    fn translate(mut cmd: clap::Command, path: &str) -> clap::Command {
        for (p, arg, text) in ZH {
            if *p != path {
                continue;
            }
            if arg.is_empty() {
                cmd = cmd.about(*text).long_about(None::<&str>);
            } else {
                cmd = cmd.mut_arg(*arg, |a| {
                    let heading = if a.is_positional() { "参数" } else { "选项" };
                    a.help(*text).help_heading(heading)
                });
            }
        }
        let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
        for name in names {
            let sub = if path.is_empty() { name.clone() } else { format!("{path} {name}") };
            cmd = cmd.mut_subcommand(&name, |s| translate(s, &sub));
        }
        cmd.help_template("{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}")
            .subcommand_help_heading("命令")
            .disable_help_flag(true)
            .arg(
                clap::Arg::new("help")
                    .short('h')
                    .long("help")
                    .help("显示帮助")
                    .action(clap::ArgAction::Help)
                    .help_heading("选项"),
            )
    }
    translate(cmd, "")
        .after_help("退出码：0 成功；1 读写或内部错误；2 输入有误（用法、量表、答卷、结果库）；130 已中断。")
        .disable_version_flag(true)
        .arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .help("显示版本")
                .action(clap::ArgAction::Version)
                .help_heading("选项"),
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
        fn walk(c: &clap::Command, path: String, missing: &mut Vec<String>) {
            if !ZH.iter().any(|(p, a, _)| *p == path && a.is_empty()) {
                missing.push(format!("{path:?}"));
            }
            for a in c.get_arguments() {
                let id = a.get_id().as_str();
                if a.is_global_set() && !path.is_empty() {
                    continue;
                }
                if !ZH.iter().any(|(p, x, _)| *p == path && *x == id) {
                    missing.push(format!("{path:?} {id}"));
                }
            }
            for s in c.get_subcommands() {
                walk(s, format!("{path} {}", s.get_name()).trim().to_string(), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), String::new(), &mut missing);
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

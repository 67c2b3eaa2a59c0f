//! Running a command: settings from the command line and the environment,
//! then the work. main() only turns the outcome into an exit code.

use std::io::{IsTerminal, Read, Write};
use std::path::Path;

use clap::CommandFactory;

use crate::answers;
use crate::cli::{Cli, ColorChoice, Command, OutputArgs, SchemaKind};
use crate::diag;
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::output;
use crate::report::Style;
use crate::rubric::{self, Loaded};

/// Settings every command shares, resolved once.
pub struct Ctx {
    pub lang: Lang,
    pub color: ColorChoice,
    pub ascii: bool,
    /// `--store`, if given.
    pub store: Option<std::path::PathBuf>,
}

impl Ctx {
    /// Where the store is: `--store`, then `ZHIXING_STORE`, then the data directory.
    pub fn store_path(&self) -> Result<std::path::PathBuf> {
        let env = std::env::var_os("ZHIXING_STORE");
        crate::store::resolve_path(self.store.as_deref(), env.as_deref()).ok_or_else(|| {
            Error::BadInput(self.t(
                "找不到存放结果的数据目录：请用 --store 或 ZHIXING_STORE 指定数据库文件",
                "no data directory for the results store: name the file with --store or ZHIXING_STORE",
            ))
        })
    }

    /// Open (creating if needed) the results store.
    pub fn open_store(&self) -> Result<Box<dyn crate::store::Store>> {
        let path = self.store_path()?;
        crate::store::open(&path).map_err(|e| self.store_error(e))
    }

    /// Open the store only if it exists already: reading commands do not create one.
    pub fn open_existing_store(&self) -> Result<Option<Box<dyn crate::store::Store>>> {
        let path = self.store_path()?;
        if !path.exists() {
            return Ok(None);
        }
        crate::store::open(&path).map(Some).map_err(|e| self.store_error(e))
    }

    pub fn store_error(&self, e: crate::store::StoreError) -> Error {
        if e.is_bad_input() { Error::BadInput(e.message(self.lang)) } else { Error::Internal(e.message(self.lang)) }
    }

    pub fn t(&self, zh: &str, en: &str) -> String {
        self.lang.pick(zh, en).to_string()
    }

    /// Style for output going to stdout (`to_file` false) or a file.
    pub fn style(&self, to_file: bool, bom: bool) -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => !to_file && !no_color && output::stdout_is_terminal(),
        };
        let width = if to_file || !output::stdout_is_terminal() { 100 } else { output::terminal_width() };
        Style { lang: self.lang, color, ascii: self.ascii, width, bom: bom || to_file }
    }
}

/// Parse the command line and run it.
pub fn main_with_args(args: Vec<std::ffi::OsString>) -> i32 {
    let cli = match crate::cli::command(crate::cli::early_lang(&args))
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
    let lang = Lang::resolve(cli.global.lang, |k| std::env::var(k).ok());
    let ctx = Ctx { lang, color: cli.global.color, ascii: cli.global.ascii, store: cli.global.store.clone() };
    match run(&ctx, cli.command) {
        Ok(()) => 0,
        Err(e @ Error::Interrupted(_)) => {
            eprintln!("zhixing: {e}");
            e.exit_code()
        }
        Err(e) => {
            let prefix = ctx.t("错误", "error");
            eprintln!("zhixing: {prefix}: {}", e.message(ctx.lang));
            e.exit_code()
        }
    }
}

fn run(ctx: &Ctx, command: Command) -> Result<()> {
    match command {
        Command::Assess(args) => crate::cmd::assess::run(ctx, args),
        Command::Score(args) => crate::cmd::score::run(ctx, args),
        Command::Rubric(cmd) => crate::cmd::rubric::run(ctx, cmd),
        Command::Report(args) => crate::cmd::results::report(ctx, args),
        Command::History(args) => crate::cmd::results::history(ctx, args),
        Command::Group(args) => crate::cmd::group::run(ctx, args),
        Command::Export(args) => crate::cmd::results::export(ctx, args),
        Command::Import(args) => crate::cmd::results::import(ctx, args),
        Command::Store(cmd) => crate::cmd::results::store(ctx, cmd),
        Command::Schema { which } => print_text(&schema(which)),
        Command::Completions { shell } => {
            let mut cmd = Cli::command();
            output::write_stdout(|w| {
                clap_complete::generate(shell, &mut cmd, "zhixing", w);
                Ok(())
            })
        }
    }
}

pub fn print_text(text: &str) -> Result<()> {
    output::write_stdout(|w| w.write_all(text.as_bytes()))
}

/// The JSON Schema of a format, draft-07, from the types that read it.
pub fn schema(which: SchemaKind) -> String {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let schema = match which {
        SchemaKind::Rubric => generator.into_root_schema_for::<rubric::Rubric>(),
        SchemaKind::Answers => generator.into_root_schema_for::<answers::AnswersDoc>(),
        SchemaKind::Result => generator.into_root_schema_for::<crate::result::ResultDoc>(),
        SchemaKind::Group => generator.into_root_schema_for::<crate::group::GroupDoc>(),
    };
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// Read a file, or stdin for `-`.
pub fn read_input(path: &str) -> Result<Vec<u8>> {
    if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map_err(|e| Error::io("stdin", "cannot read", e))?;
        Ok(buf)
    } else {
        std::fs::read(path).map_err(|e| Error::io(path, "cannot read", e))
    }
}

/// Load the rubric named by `--rubric` (a built-in id or a file), printing
/// its problems and warnings to stderr.
pub fn load_rubric(ctx: &Ctx, choice: Option<&str>) -> Result<Loaded> {
    let choice = choice.unwrap_or(rubric::DEFAULT_ID);
    let looks_like_file = choice.contains(['/', '\\']) || choice.ends_with(".toml") || Path::new(choice).is_file();
    let loaded = match rubric::builtin(choice) {
        Some(b) if !looks_like_file || !Path::new(choice).exists() => rubric::load_builtin(b, ctx.lang),
        _ => {
            if !looks_like_file {
                let ids: Vec<&str> = rubric::BUILTINS.iter().map(|b| b.id).collect();
                return Err(Error::BadInput(match ctx.lang {
                    Lang::Zh => format!("没有内置量表 \"{choice}\"，也没有这个文件；内置量表有：{}", ids.join("、")),
                    Lang::En => format!(
                        "\"{choice}\" is neither a built-in rubric nor a file; built-in rubrics: {}",
                        ids.join(", ")
                    ),
                }));
            }
            let bytes = std::fs::read(choice).map_err(|e| Error::io(choice, "cannot read rubric", e))?;
            rubric::parse(choice, &bytes, ctx.lang)
        }
    };
    match loaded {
        Ok(l) => {
            if !l.warnings.is_empty() {
                let text = source_text(&l.origin);
                eprint!("{}", diag::render(&l.origin, &text, &l.warnings, ctx.lang));
            }
            Ok(l)
        }
        Err(p) => {
            eprint!("{}", p.render(ctx.lang));
            Err(Error::BadInput(match ctx.lang {
                Lang::Zh => format!("量表 {} 有 {} 处错误，未作任何处理", p.path, p.error_count()),
                Lang::En => format!("the rubric {} has {} error(s); nothing was done", p.path, p.error_count()),
            }))
        }
    }
}

pub fn source_text(origin: &str) -> String {
    match rubric::builtin(origin) {
        Some(b) => b.source.to_string(),
        None => std::fs::read_to_string(origin).unwrap_or_default(),
    }
}

/// Write rendered output to `--out` or stdout.
pub fn emit(
    ctx: &Ctx,
    out: &OutputArgs,
    write: impl FnOnce(&mut dyn Write, &Style) -> std::io::Result<()>,
) -> Result<()> {
    match &out.out {
        Some(path) => {
            let style = ctx.style(true, out.bom);
            output::write_atomic(path, |w| write(w, &style))
        }
        None => {
            let style = ctx.style(false, out.bom);
            output::write_stdout(|w| write(w, &style))
        }
    }
}

/// True when stdin and stderr are both terminals (for interactive commands).
pub fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

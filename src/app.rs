//! Running a command: settings from the command line and the environment,
//! then the work. main() only turns the outcome into an exit code.

use std::io::{IsTerminal, Read, Write};
use std::path::Path;

use clap::{CommandFactory, Parser};

use crate::answers::{self, Kind};
use crate::cli::{Cli, ColorChoice, Command, OutputArgs, RubricCommand, SchemaKind, ScoreArgs};
use crate::diag::{self, Diagnostic};
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::output;
use crate::report::{self, Entry, Format, Style};
use crate::rubric::{self, Loaded};
use crate::score;

/// Settings every command shares, resolved once.
pub struct Ctx {
    pub lang: Lang,
    pub color: ColorChoice,
    pub ascii: bool,
}

impl Ctx {
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
    let cli = match Cli::try_parse_from(args) {
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
    let ctx = Ctx { lang, color: cli.global.color, ascii: cli.global.ascii };
    match run(&ctx, cli.command) {
        Ok(()) => 0,
        Err(e) => {
            let prefix = ctx.t("错误", "error");
            eprintln!("zhixing: {prefix}: {e}");
            e.exit_code()
        }
    }
}

fn run(ctx: &Ctx, command: Command) -> Result<()> {
    match command {
        Command::Score(args) => score_cmd(ctx, args),
        Command::Rubric(cmd) => rubric_cmd(ctx, cmd),
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

fn print_text(text: &str) -> Result<()> {
    output::write_stdout(|w| w.write_all(text.as_bytes()))
}

/// The JSON Schema of a format, draft-07, from the types that read it.
pub fn schema(which: SchemaKind) -> String {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let schema = match which {
        SchemaKind::Rubric => generator.into_root_schema_for::<rubric::Rubric>(),
        SchemaKind::Answers => generator.into_root_schema_for::<answers::AnswersDoc>(),
        SchemaKind::Result => generator.into_root_schema_for::<crate::result::ResultDoc>(),
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

fn source_text(origin: &str) -> String {
    match rubric::builtin(origin) {
        Some(b) => b.source.to_string(),
        None => std::fs::read_to_string(origin).unwrap_or_default(),
    }
}

/// Write rendered output to `--out` or stdout.
fn emit(ctx: &Ctx, out: &OutputArgs, write: impl FnOnce(&mut dyn Write, &Style) -> std::io::Result<()>) -> Result<()> {
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

fn score_cmd(ctx: &Ctx, args: ScoreArgs) -> Result<()> {
    let loaded = load_rubric(ctx, args.rubric.rubric.as_deref())?;
    let r = &loaded.rubric;
    if let Some(p) = &args.profile
        && !r.profiles.contains_key(p)
    {
        let list: Vec<&str> = r.profiles.keys().map(String::as_str).collect();
        let list = if list.is_empty() { ctx.t("（无）", "(none)") } else { list.join(", ") };
        return Err(Error::BadInput(match ctx.lang {
            Lang::Zh => format!("量表 {} 没有目标配置 \"{p}\"；可用的有：{list}", r.id),
            Lang::En => format!("rubric {} has no profile \"{p}\"; its profiles: {list}", r.id),
        }));
    }
    if let Some(t) = args.target
        && !(t.is_finite() && (0.0..=100.0).contains(&t))
    {
        return Err(Error::BadInput(match ctx.lang {
            Lang::Zh => format!("--target {t} 超出 0 到 100 的范围"),
            Lang::En => format!("--target {t} is outside 0..=100"),
        }));
    }
    if args.files.iter().filter(|f| *f == "-").count() > 1 {
        return Err(Error::BadInput(ctx.t("标准输入（-）只能读取一次", "standard input (-) can be read only once")));
    }

    // Read and check everything first: every problem of every file at once.
    let mut responses = Vec::new();
    let mut rejected = 0usize;
    let mut problems = 0usize;
    for file in &args.files {
        let name = if file == "-" { "<stdin>".to_string() } else { file.clone() };
        let bytes = read_input(file)?;
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                let d = Diagnostic::error(ctx.t("文件不是 UTF-8 编码", "the file is not UTF-8"))
                    .at(Some(at..at + 1))
                    .help(ctx.t("请以 UTF-8 编码保存答卷", "save the answers file as UTF-8"));
                eprint!("{}", diag::render(&name, &text, &[d], ctx.lang));
                rejected += 1;
                problems += 1;
                continue;
            }
        };
        let kind = if file == "-" {
            Kind::sniff(&text)
        } else {
            match Kind::from_path(file) {
                Some(k) => k,
                None => {
                    let d =
                        Diagnostic::error(ctx.t("无法识别的答卷文件类型", "not a kind of answers file zhixing reads"))
                            .help(ctx.t(
                                "答卷文件应以 .toml、.json 或 .jsonl 结尾",
                                "answers files end in .toml, .json or .jsonl",
                            ));
                    eprint!("{}", diag::render(&name, &text, &[d], ctx.lang));
                    rejected += 1;
                    problems += 1;
                    continue;
                }
            }
        };
        for rec in answers::parse(&text, kind, r, ctx.lang) {
            match rec.outcome {
                Ok(resp) => responses.push(resp),
                Err(diags) => {
                    eprint!("{}", diag::render(&name, &text, &diags, ctx.lang));
                    rejected += 1;
                    problems += diags.iter().filter(|d| d.is_error()).count();
                }
            }
        }
    }
    if rejected > 0 && (!args.keep_going || responses.is_empty()) {
        return Err(Error::BadInput(match ctx.lang {
            Lang::Zh => format!("答卷中有 {problems} 处错误，未评分"),
            Lang::En => format!("{problems} problem(s) in the answers; nothing was scored"),
        }));
    }

    let opts =
        score::Options { profile: args.profile.clone(), target: args.target, lang: r.result_lang(ctx.lang.code()) };
    let now = chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    let mut ids = ulid::Generator::new();
    let results: Vec<_> = responses
        .iter()
        .map(|resp| {
            let id = ids.generate().map(|u| u.to_string()).unwrap_or_else(|_| ulid::Ulid::new().to_string());
            score::score(&loaded, resp, &opts, id, &now)
        })
        .collect();
    emit(ctx, &args.output, |w, style| {
        let mut sink = report::sink(args.output.format, style);
        for r in &results {
            sink.write(w, Entry { result: r, previous: None })?;
        }
        sink.finish(w)
    })?;
    if rejected > 0 {
        eprintln!(
            "{}",
            match ctx.lang {
                Lang::Zh => format!("已评分 {} 份，拒收 {rejected} 份", results.len()),
                Lang::En => format!("{} scored, {rejected} rejected", results.len()),
            }
        );
    }
    Ok(())
}

fn rubric_cmd(ctx: &Ctx, cmd: RubricCommand) -> Result<()> {
    match cmd {
        RubricCommand::List { format } => {
            let mut rows = Vec::new();
            for b in rubric::BUILTINS {
                let l = rubric::load_builtin(b, ctx.lang).map_err(|p| Error::Internal(p.render(ctx.lang)))?;
                rows.push(l);
            }
            let text = match format {
                Format::Json | Format::Jsonl => {
                    let list: Vec<serde_json::Value> = rows
                        .iter()
                        .map(|l| {
                            let r = &l.rubric;
                            serde_json::json!({
                                "id": r.id, "version": r.version, "title": r.text(&r.title, ctx.lang.code()),
                                "sections": r.sections.len(), "dimensions": r.dimensions().count(),
                                "items": r.item_count(), "profiles": r.profiles.keys().collect::<Vec<_>>(),
                                "sha256": l.sha256,
                            })
                        })
                        .collect();
                    let mut t = serde_json::to_string_pretty(&list).unwrap_or_default();
                    t.push('\n');
                    t
                }
                _ => crate::rubric_view::list_table(&rows, ctx.lang, ctx.ascii),
            };
            print_text(&text)
        }
        RubricCommand::Show { rubric, format } => {
            let loaded = load_rubric(ctx, rubric.as_deref())?;
            let text = match format {
                Format::Json | Format::Jsonl => {
                    let mut t = serde_json::to_string_pretty(&loaded.rubric).unwrap_or_default();
                    t.push('\n');
                    t
                }
                Format::Markdown => crate::rubric_view::show_markdown(&loaded.rubric, ctx.lang),
                _ => crate::rubric_view::show_text(&loaded.rubric, ctx.lang, output::terminal_width()),
            };
            print_text(&text)
        }
        RubricCommand::Check { files } => {
            let mut bad = 0;
            for file in &files {
                let bytes = match read_input(file) {
                    Ok(b) => b,
                    Err(e) => {
                        eprintln!("{e}");
                        bad += 1;
                        continue;
                    }
                };
                match rubric::parse(file, &bytes, ctx.lang) {
                    Ok(l) => {
                        let text = String::from_utf8_lossy(&bytes);
                        eprint!("{}", diag::render(file, &text, &l.warnings, ctx.lang));
                        let r = &l.rubric;
                        println!(
                            "{}",
                            match ctx.lang {
                                Lang::Zh => format!(
                                    "{file}: 通过（{} 个分区，{} 个维度，{} 个条目）",
                                    r.sections.len(),
                                    r.dimensions().count(),
                                    r.item_count()
                                ),
                                Lang::En => format!(
                                    "{file}: ok ({} sections, {} dimensions, {} items)",
                                    r.sections.len(),
                                    r.dimensions().count(),
                                    r.item_count()
                                ),
                            }
                        );
                    }
                    Err(p) => {
                        eprint!("{}", p.render(ctx.lang));
                        bad += 1;
                    }
                }
            }
            if bad > 0 {
                return Err(Error::BadInput(match ctx.lang {
                    Lang::Zh => format!("{bad} 个量表文件未通过检查"),
                    Lang::En => format!("{bad} rubric file(s) did not pass"),
                }));
            }
            Ok(())
        }
        RubricCommand::Template { rubric } => {
            let loaded = load_rubric(ctx, rubric.rubric.as_deref())?;
            print_text(&crate::rubric_view::template(&loaded.rubric, ctx.lang))
        }
        RubricCommand::Schema => print_text(&schema(SchemaKind::Rubric)),
    }
}

/// True when stdin and stderr are both terminals (for interactive commands).
pub fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

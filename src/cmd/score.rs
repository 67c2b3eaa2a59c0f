//! `zhixing score`: answers in, results and reports out.

use crate::answers::{self, Kind};
use crate::app::{Ctx, emit, load_rubric, read_input};
use crate::cli::ScoreArgs;
use crate::cmd::results::link_previous;
use crate::diag::{self, Diagnostic};
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::report::{self, Entry};
use crate::result::ResultDoc;
use crate::score;

pub fn run(ctx: &Ctx, args: ScoreArgs) -> Result<()> {
    let loaded = load_rubric(ctx, args.rubric.rubric.as_deref())?;
    let r = &loaded.rubric;
    let opts = options(ctx, &loaded, args.profile.clone(), args.target)?;
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
        if let Some(source) = crate::tabular::Source::detect(file, &bytes) {
            let sheet = crate::tabular::read(&bytes, source, r, &tabular_options(&args), ctx.lang);
            eprint!("{}", sheet.render(&name, ctx.lang));
            let (bad, errors) = sheet.counts();
            rejected += bad;
            problems += errors;
            responses.extend(sheet.into_responses());
            continue;
        }
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
                                "答卷文件应以 .toml、.json、.jsonl、.csv 或 .xlsx 结尾",
                                "answers files end in .toml, .json, .jsonl, .csv or .xlsx",
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

    let now = chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    let mut ids = ulid::Generator::new();
    let mut results: Vec<_> = responses
        .iter()
        .map(|resp| {
            let id = ids.generate().map(|u| u.to_string()).unwrap_or_else(|_| ulid::Ulid::new().to_string());
            score::score(&loaded, resp, &opts, id, &now)
        })
        .collect();
    let mut previous: Vec<Option<ResultDoc>> = vec![None; results.len()];
    if args.save {
        let mut store = ctx.open_store()?;
        // The change since last time: the store's latest earlier result, or an
        // earlier one of the same batch.
        for i in 0..results.len() {
            let stored = store.previous(&results[i]).map_err(|e| ctx.store_error(e))?;
            let in_batch = results[..i]
                .iter()
                .filter(|p| same_series(p, &results[i]) && earlier(p, &results[i]))
                .max_by(|a, b| instant(&a.taken_at).cmp(&instant(&b.taken_at)).then(a.id.cmp(&b.id)));
            let best = match (stored, in_batch) {
                (Some(s), Some(b)) => Some(if earlier(&s, b) { b.clone() } else { s }),
                (s, b) => s.or_else(|| b.cloned()),
            };
            previous[i] = link_previous(&mut results[i], best);
        }
        let outcome = store.save(&results).map_err(|e| ctx.store_error(e))?;
        eprintln!(
            "{}",
            match ctx.lang {
                Lang::Zh => format!("已保存 {} 份结果", outcome.inserted.len()),
                Lang::En => format!("{} result(s) saved", outcome.inserted.len()),
            }
        );
    }
    emit(ctx, &args.output, |w, style| {
        let mut sink = report::sink(args.output.format, style);
        for (r, p) in results.iter().zip(&previous) {
            sink.write(w, Entry { result: r, previous: p.as_ref() })?;
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

/// How CSV and xlsx columns are read: `--columns`, `--ignore-columns`,
/// `--item-columns`; times without an offset are local.
fn tabular_options(args: &ScoreArgs) -> crate::tabular::Options {
    crate::tabular::Options {
        columns: args.columns,
        ignore: args.ignore_columns.clone(),
        item_columns: args.item_columns.clone(),
        offset: Some(*chrono::Local::now().offset()),
    }
}

/// Same subject, rubric and rater role: the results a change is measured in.
fn same_series(a: &ResultDoc, b: &ResultDoc) -> bool {
    a.subject.name == b.subject.name && a.rubric.id == b.rubric.id && a.rater.role == b.rater.role
}

fn instant(ts: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::parse_from_rfc3339(ts).ok().map(|t| t.with_timezone(&chrono::Utc))
}

/// `a` was taken before `b` (ties broken by id).
fn earlier(a: &ResultDoc, b: &ResultDoc) -> bool {
    (instant(&a.taken_at), &a.id) < (instant(&b.taken_at), &b.id)
}

/// Scoring options from `--profile` and `--target`, checked against the rubric.
pub fn options(
    ctx: &Ctx,
    loaded: &crate::rubric::Loaded,
    profile: Option<String>,
    target: Option<f64>,
) -> Result<score::Options> {
    let r = &loaded.rubric;
    if let Some(p) = &profile
        && !r.profiles.contains_key(p)
    {
        let list: Vec<&str> = r.profiles.keys().map(String::as_str).collect();
        let list = if list.is_empty() { ctx.t("（无）", "(none)") } else { list.join(", ") };
        return Err(Error::BadInput(match ctx.lang {
            Lang::Zh => format!("量表 {} 没有目标配置 \"{p}\"；可用的有：{list}", r.id),
            Lang::En => format!("rubric {} has no profile \"{p}\"; its profiles: {list}", r.id),
        }));
    }
    if let Some(t) = target
        && !(t.is_finite() && (0.0..=100.0).contains(&t))
    {
        return Err(Error::BadInput(match ctx.lang {
            Lang::Zh => format!("--target {t} 超出 0 到 100 的范围"),
            Lang::En => format!("--target {t} is outside 0 to 100"),
        }));
    }
    Ok(score::Options { profile, target, lang: r.result_lang(ctx.lang.code()) })
}

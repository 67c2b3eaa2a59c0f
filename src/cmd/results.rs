//! Commands over stored results: report, history, export, import, store.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use crate::batch::{Blocks, RESULT_BLOCK, each_line};
use crate::cmd::{Ctx, emit, print_text};
use crate::diag;
use crate::error::{Error, IoAction, Problem, Result, STDIN};
use crate::i18n;
use crate::i18n::readers::AnswersFile;
use crate::input::{answers_by_content, answers_by_name, read_input};
use crate::lang::Lang;
use crate::pipeline;
use crate::report::{self, CsvWriter, Entry, Format};
use crate::result::ResultDoc;
use crate::resultfile;
use crate::settings::{self, Output, Store as StoreCommand};
use crate::store::{Columns, Filter, StoreError};

/// Read result files, printing every problem; the good results with their text.
fn read_results(ctx: &Ctx, files: &[String], keep_going: bool) -> Result<(Vec<(ResultDoc, String)>, usize)> {
    let mut good = Vec::new();
    let mut rejected = 0;
    for file in files {
        let name = if file == "-" { "<stdin>" } else { file.as_str() };
        let bytes = read_input(file)?;
        if let Some(kind) = answers_by_name(file).or_else(|| answers_by_content(&bytes)) {
            let m = i18n::msg(ctx.lang);
            let d = diag::Diagnostic::error(m.answers_not_results(kind)).help(m.answers_not_results_report_help(file));
            eprint!("{}", diag::render(name, "", &[d], ctx.lang));
            rejected += 1;
            continue;
        }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let jsonl = file.ends_with(".jsonl") || file.ends_with(".ndjson");
        let mut shown = diag::Shown::default();
        for rec in resultfile::parse(&text, jsonl, ctx.lang) {
            match rec.outcome {
                Ok(pair) => good.push(pair),
                Err(d) => {
                    eprint!("{}", diag::render_counted(name, &text, 1, &[*d], ctx.lang, &mut shown));
                    rejected += 1;
                }
            }
        }
        eprint!("{}", shown.tail(ctx.lang));
    }
    if rejected > 0 && (!keep_going || good.is_empty()) {
        return Err(Error::BadInput(Problem::NotResults(rejected)));
    }
    Ok((good, rejected))
}

pub fn report(ctx: &Ctx, args: settings::Report) -> Result<()> {
    let norms = crate::cmd::norms::given(args.norms.as_deref())?;
    let store = ctx.open_existing_store()?;
    let no_store = || Error::BadInput(Problem::NoStore { with_import: false });
    let mut results: Vec<ResultDoc> = Vec::new();
    match &args.which {
        settings::Which::Latest { subject } => {
            let store = store.as_ref().ok_or_else(no_store)?;
            match store.latest(subject.as_deref()).map_err(|e| ctx.store_error(e))? {
                Some(r) => results.push(r),
                None => {
                    return Err(Error::BadInput(Problem::NoResults { subject: subject.clone() }));
                }
            }
        }
        settings::Which::Given(arg) => {
            if arg == "-" || Path::new(arg).is_file() {
                results = read_results(ctx, std::slice::from_ref(arg), false)?.0.into_iter().map(|(r, _)| r).collect();
            } else {
                let found = match &store {
                    Some(s) => s.get(arg).map_err(|e| ctx.store_error(e))?,
                    None => None,
                };
                match found {
                    Some((r, _)) => results.push(r),
                    None => {
                        return Err(Error::BadInput(Problem::NotFileNorId(arg.clone())));
                    }
                }
            }
        }
    }
    let mut previous = Vec::with_capacity(results.len());
    for r in &mut results {
        let prev = match &store {
            Some(s) => s.previous(r).map_err(|e| ctx.store_error(e))?,
            None => None,
        };
        previous.push(r.link_previous(prev));
        crate::cmd::norms::apply(r, norms.as_ref())?;
    }
    let ctx = &reporting_ctx(ctx, args.output.format, &mut results);
    render_results(ctx, &args.output, &results, &previous)
}

/// The context to report these results in (SPEC §9): in their own
/// language unless one was chosen (`--lang`, `ZHIXING_LANG`) or they are in
/// several. A result in another language than the report's gets its
/// rubric texts in the report's from the rubric it was scored against,
/// where that is a built-in one; else they stay as written, and a note
/// says so. JSON is the results as they were frozen, whatever the language.
fn reporting_ctx(ctx: &Ctx, format: Format, results: &mut [ResultDoc]) -> Ctx {
    let mut chosen = ctx.clone();
    match format {
        Format::Json | Format::Jsonl => return chosen,
        Format::Table | Format::Markdown | Format::Csv | Format::Html => {}
    }
    if !ctx.lang_chosen {
        let first = results.first().and_then(|r| Lang::from_code(&r.lang));
        if let Some(lang) = first.filter(|l| results.iter().all(|r| r.lang == l.code())) {
            chosen.lang = lang;
        }
    }
    let want = chosen.lang;
    let mut rubrics: std::collections::HashMap<(String, String), Option<crate::rubric::Loaded>> = Default::default();
    let mut as_written = 0;
    for r in results.iter_mut().filter(|r| r.lang != want.code()) {
        let key = (r.rubric.id.clone(), r.rubric.version.clone());
        let loaded = rubrics.entry(key).or_insert_with(|| {
            crate::rubric::builtin_version(&r.rubric.id, &r.rubric.version)
                .and_then(|b| crate::rubric::load_builtin(b, want).ok())
        });
        if !loaded.as_ref().is_some_and(|l| crate::score::relocalize(r, l, want.code())) {
            as_written += 1;
        }
    }
    if as_written > 0 {
        crate::output::note(&i18n::msg(want).report_texts_as_written(as_written));
    }
    chosen
}

/// The built-in rubric of each result's id and version (the current one or
/// one kept for its results), where there is one: the statements the report
/// shows come from the rubric the result was scored against, or from none.
fn rubrics_of(results: &[ResultDoc], lang: Lang) -> std::collections::HashMap<(String, String), crate::rubric::Rubric> {
    let mut rubrics = std::collections::HashMap::new();
    for r in results {
        let key = (r.rubric.id.clone(), r.rubric.version.clone());
        if rubrics.contains_key(&key) {
            continue;
        }
        let loaded = crate::rubric::builtin_version(&r.rubric.id, &r.rubric.version)
            .and_then(|b| crate::rubric::load_builtin(b, lang).ok());
        if let Some(l) = loaded {
            rubrics.insert(key, l.rubric);
        }
    }
    rubrics
}

fn render_results(ctx: &Ctx, out: &Output, results: &[ResultDoc], previous: &[Option<ResultDoc>]) -> Result<()> {
    let rubrics = match out.format {
        Format::Json | Format::Jsonl | Format::Csv => Default::default(),
        Format::Table | Format::Markdown | Format::Html => rubrics_of(results, ctx.lang),
    };
    emit(ctx, out, |w, style| {
        let mut sink = report::renderer(out.format, style);
        for (r, p) in results.iter().zip(previous) {
            let rubric = rubrics.get(&(r.rubric.id.clone(), r.rubric.version.clone()));
            sink.write(w, Entry::new(r, p.as_ref()).with_rubric(rubric))?;
        }
        Ok(sink.finish(w)?)
    })
}

pub fn history(ctx: &Ctx, args: settings::History) -> Result<()> {
    let all = match ctx.open_existing_store()? {
        Some(s) => s.history(&args.subject).map_err(|e| ctx.store_error(e))?,
        None => Vec::new(),
    };
    let rubric = args.rubric.clone().or_else(|| all.last().map(|r| r.rubric.id.clone()));
    let mut rows: Vec<ResultDoc> = all.into_iter().filter(|r| Some(&r.rubric.id) == rubric.as_ref()).collect();
    let ctx = &reporting_ctx(ctx, args.output.format, &mut rows);
    let h = report::history::build(&args.subject, &rows);
    emit(ctx, &args.output, |w, style| {
        Ok(w.write_all(report::renderer(args.output.format, style).history(&h).as_bytes())?)
    })
}

pub fn export(ctx: &Ctx, args: settings::Export) -> Result<()> {
    if args.wide {
        return export_wide(ctx, args);
    }
    let filter =
        Filter { session: args.session.clone(), subject: args.subject.clone(), since: args.since.clone(), all: false };
    let store = ctx.open_existing_store()?;
    let out = &args.output;
    let mut count = 0usize;
    emit(ctx, out, |w, style| {
        let mut csv = CsvWriter::results(style.bom, style.lang);
        let mut first = true;
        if out.format == Format::Json {
            w.write_all(b"[")?;
        }
        if let Some(store) = &store {
            let mut line = Vec::new();
            let res = store.for_each(&filter, &mut |raw: &str| {
                let io = |error: std::io::Error| StoreError::Stopped(Box::new(Error::Output(error)));
                match out.format {
                    Format::Jsonl => {
                        check_result_text(raw)?;
                        // A text imported pretty-printed is put on one line.
                        let raw = if raw.contains(['\n', '\r']) {
                            line.clear();
                            one_line(raw, &mut line);
                            &line[..]
                        } else {
                            raw.as_bytes()
                        };
                        w.write_all(raw).map_err(io)?;
                        w.write_all(b"\n").map_err(io)?;
                    }
                    Format::Json => {
                        check_result_text(raw)?;
                        w.write_all(if first { b"\n" } else { b",\n" }).map_err(io)?;
                        w.write_all(raw.as_bytes()).map_err(io)?;
                    }
                    Format::Csv | Format::Table | Format::Markdown | Format::Html => {
                        let doc = csv_rows_of(raw).map_err(|e| StoreError::Undecodable { reason: e.to_string() })?;
                        csv.write(w, Entry::new(&doc, None)).map_err(io)?;
                    }
                }
                first = false;
                // Counted as written: a reader that closes the pipe early
                // (`| head`) has still been given results.
                count += 1;
                Ok(())
            });
            match res {
                Ok(_) => {}
                Err(StoreError::Stopped(e)) => return Err(*e),
                Err(e) => {
                    // What was written stays JSON: the array is closed
                    // (through --out nothing is written at all).
                    if out.format == Format::Json {
                        w.write_all(if first { b"]\n" } else { b"\n]\n" })?;
                    }
                    return Err(ctx.store_error(e));
                }
            }
        }
        match out.format {
            Format::Json => w.write_all(if first { b"]\n" } else { b"\n]\n" })?,
            Format::Csv => csv.finish(w)?,
            Format::Jsonl | Format::Table | Format::Markdown | Format::Html => {}
        }
        Ok(())
    })?;
    if store.is_none() || count == 0 {
        crate::output::note(i18n::msg(ctx.lang).no_results_matched());
    }
    Ok(())
}

/// What the first reading of `export --wide` needs of a result.
#[derive(serde::Deserialize)]
struct WideHead {
    rubric: WideRubric,
    subject: WideSubject,
}

#[derive(serde::Deserialize)]
struct WideRubric {
    id: String,
    version: String,
}

#[derive(serde::Deserialize)]
struct WideSubject {
    #[serde(default)]
    attributes: indexmap::IndexMap<String, String>,
}

/// `export --wide`: one CSV row per result. The store is read twice, one
/// result at a time: first for the attribute names and the rubric (one
/// header must serve every row), then for the rows.
fn export_wide(ctx: &Ctx, args: settings::Export) -> Result<()> {
    let filter =
        Filter { session: args.session.clone(), subject: args.subject.clone(), since: args.since.clone(), all: false };
    let undecodable = |e: serde_json::Error| StoreError::Undecodable { reason: e.to_string() };
    let wanted = |id: &str| args.rubric.as_deref().is_none_or(|r| r == id);
    let Some(store) = ctx.open_existing_store()? else {
        crate::output::note(i18n::msg(ctx.lang).no_results_matched());
        return Ok(());
    };
    let mut rubrics: std::collections::BTreeMap<(String, String), usize> = Default::default();
    let mut attributes: std::collections::BTreeSet<String> = Default::default();
    let mut first: Option<ResultDoc> = None;
    store
        .for_each(&filter, &mut |raw: &str| {
            let head: WideHead = serde_json::from_str(raw).map_err(undecodable)?;
            if !wanted(&head.rubric.id) {
                return Ok(());
            }
            *rubrics.entry((head.rubric.id, head.rubric.version)).or_default() += 1;
            attributes.extend(head.subject.attributes.into_keys());
            if first.is_none() {
                first = Some(serde_json::from_str(raw).map_err(undecodable)?);
            }
            Ok(())
        })
        .map_err(|e| ctx.store_error(e))?;
    if rubrics.len() > 1 {
        return Err(Error::BadInput(Problem::WideMixedRubrics(
            rubrics.into_iter().map(|((id, v), n)| (id, v, n)).collect(),
        )));
    }
    let Some(first) = first else {
        crate::output::note(i18n::msg(ctx.lang).no_results_matched());
        return Ok(());
    };
    let plan = wide_plan(&first, attributes.into_iter().collect(), ctx.lang);
    drop(first);
    emit(ctx, &args.output, |w, style| {
        let mut csv = CsvWriter::new(Vec::new(), false);
        if style.bom {
            w.write_all("\u{feff}".as_bytes())?;
        }
        csv.row(w, plan.header(style.lang))?;
        let res = store.for_each(&filter, &mut |raw: &str| {
            let io = |error: std::io::Error| StoreError::Stopped(Box::new(Error::Output(error)));
            let head: WideHead = serde_json::from_str(raw).map_err(undecodable)?;
            if !wanted(&head.rubric.id) {
                return Ok(());
            }
            let doc: ResultDoc = serde_json::from_str(raw).map_err(undecodable)?;
            csv.row(w, plan.row(&doc)).map_err(io)
        });
        match res {
            Ok(_) => Ok(()),
            Err(StoreError::Stopped(e)) => Err(*e),
            Err(e) => Err(ctx.store_error(e)),
        }
    })
}

/// The columns of a wide export of results like `first`: titles from the
/// built-in rubric in the interface language where it is one, else from the
/// result; items by id in the result's (rubric) order.
fn wide_plan(first: &ResultDoc, attributes: Vec<String>, lang: Lang) -> report::WidePlan {
    let (id, version) = (&first.rubric.id, &first.rubric.version);
    let rubric = crate::rubric::builtin_version(id, version)
        .and_then(|b| crate::rubric::load_builtin(b, lang).ok())
        .map(|l| l.rubric);
    let (sections, dimensions) = match &rubric {
        Some(r) => {
            let l = r.result_lang(lang.code());
            (
                r.sections.iter().map(|s| (s.id.clone(), r.text(&s.title, &l).to_string())).collect(),
                r.dimensions().map(|(_, d)| (d.id.clone(), r.text(&d.title, &l).to_string())).collect(),
            )
        }
        None => (
            first.sections.iter().map(|s| (s.id.clone(), s.title.clone())).collect(),
            first.dimensions().map(|(_, d)| (d.id.clone(), d.title.clone())).collect(),
        ),
    };
    report::WidePlan { attributes, sections, dimensions, items: first.answers.keys().cloned().collect() }
}

/// A stored text is written out only where it is JSON and a result (its
/// schema and id): checked without decoding the whole result, so that an
/// export stays fast and never writes a damaged row.
fn check_result_text(raw: &str) -> std::result::Result<(), StoreError> {
    #[derive(serde::Deserialize)]
    struct Head<'a> {
        #[serde(borrow)]
        schema: std::borrow::Cow<'a, str>,
        #[allow(dead_code)]
        #[serde(borrow)]
        id: std::borrow::Cow<'a, str>,
    }
    match serde_json::from_str::<Head<'_>>(raw) {
        Ok(h) if h.schema == crate::result::SCHEMA => Ok(()),
        Ok(h) => Err(StoreError::Undecodable { reason: format!("schema \"{}\"", h.schema) }),
        Err(e) => Err(StoreError::Undecodable { reason: e.to_string() }),
    }
}

/// JSON text (already checked) without the white space between its tokens.
fn one_line(json: &str, out: &mut Vec<u8>) {
    let (mut in_string, mut escaped) = (false, false);
    for &b in json.as_bytes() {
        if in_string {
            out.push(b);
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
        } else if !matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
            in_string = b == b'"';
            out.push(b);
        }
    }
}

/// A stored result read for its CSV rows: every field the rows show, the
/// rest (priorities with their suggestions, strengths, answers, quality:
/// most of the text) passed over and left empty.
fn csv_rows_of(raw: &str) -> serde_json::Result<ResultDoc> {
    use serde::de::IgnoredAny;
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Rows {
        schema: String,
        id: String,
        #[serde(default)]
        fingerprint: String,
        rubric: crate::result::RubricRef,
        #[serde(default)]
        profile: Option<String>,
        subject: crate::result::Subject,
        rater: crate::result::Rater,
        #[serde(default)]
        session: Option<String>,
        taken_at: String,
        lang: String,
        overall: crate::result::Standing,
        sections: Vec<crate::result::SectionResult>,
        priorities: IgnoredAny,
        strengths: IgnoredAny,
        answers: IgnoredAny,
        quality: IgnoredAny,
        #[serde(default)]
        previous: Option<IgnoredAny>,
    }
    let r: Rows = serde_json::from_str(raw)?;
    Ok(ResultDoc {
        schema: r.schema,
        id: r.id,
        fingerprint: r.fingerprint,
        rubric: r.rubric,
        profile: r.profile,
        subject: r.subject,
        rater: r.rater,
        session: r.session,
        taken_at: r.taken_at,
        lang: r.lang,
        overall: r.overall,
        sections: r.sections,
        priorities: Vec::new(),
        strengths: Vec::new(),
        answers: Default::default(),
        quality: crate::result::Quality {
            seconds: None,
            straight_line: false,
            reverse_inconsistent: false,
            longstring: 0,
            irv: None,
            flags: Vec::new(),
        },
        previous: None,
    })
}

pub fn import(ctx: &Ctx, args: settings::Import) -> Result<()> {
    // Read twice, a result at a time: first every record of every file is
    // checked and every problem printed; only then are they stored, in one
    // transaction. Standard input is read once, into memory.
    let mut inputs = Vec::with_capacity(args.files.len());
    for file in &args.files {
        if file == "-" {
            inputs.push(("<stdin>".to_string(), Some(read_input(file)?), false));
        } else {
            std::fs::File::open(file).map_err(|e| Error::io(file, IoAction::Read, e))?;
            let jsonl = file.ends_with(".jsonl") || file.ends_with(".ndjson");
            inputs.push((file.clone(), None, jsonl));
        }
    }
    let (mut good, mut rejected) = (0usize, 0usize);
    for (name, bytes, jsonl) in &inputs {
        each_result(ctx, name, bytes.as_deref(), *jsonl, true, &mut rejected, &mut |_| {
            good += 1;
            Ok(())
        })?;
    }
    if rejected > 0 && (!args.keep_going || good == 0) {
        return Err(Error::BadInput(Problem::NotResults(rejected)));
    }
    let mut store = ctx.open_store()?;
    let mut batch = store.batch().map_err(|e| ctx.store_error(e))?;
    let mut staged = 0usize;
    let mut again = 0;
    for (name, bytes, jsonl) in &inputs {
        each_result(ctx, name, bytes.as_deref(), *jsonl, false, &mut again, &mut |(doc, text)| {
            batch.insert(&Columns::from(&doc), &text).map_err(|e| ctx.store_error(e))?;
            staged += 1;
            Ok(())
        })?;
    }
    if staged != good {
        return Err(Error::BadInput(Problem::ChangedWhileRead));
    }
    let outcome = batch.commit().map_err(|e| ctx.store_error(e))?;
    crate::output::note(&i18n::msg(ctx.lang).store_saved(outcome.inserted.len(), outcome.duplicates.len()));
    for id in &outcome.duplicates {
        crate::output::note(&format!("  = {id}"));
    }
    if rejected > 0 {
        crate::output::note(&i18n::msg(ctx.lang).rejected(rejected));
    }
    Ok(())
}

/// Every result of a file, each with its exact JSON text, passed to `f`;
/// with `report`, every problem printed and counted in `rejected`. JSON
/// Lines stream, a block of lines at a time, decoded on every core; a
/// JSON array or a single result (or `bytes` already read) is read whole.
fn each_result(
    ctx: &Ctx,
    name: &str,
    bytes: Option<&[u8]>,
    jsonl: bool,
    report: bool,
    rejected: &mut usize,
    f: &mut dyn FnMut((ResultDoc, String)) -> Result<()>,
) -> Result<()> {
    let lang = ctx.lang;
    // Answers where results belong: said once, and nothing of them read.
    let answers = |kind: AnswersFile, rejected: &mut usize| {
        if report {
            let m = i18n::msg(lang);
            let shown = if name == "<stdin>" { "-" } else { name };
            let d = diag::Diagnostic::error(m.answers_not_results(kind)).help(m.answers_not_results_import_help(shown));
            eprint!("{}", diag::render(name, "", &[d], lang));
        }
        *rejected += 1;
    };
    if let Some(kind) = answers_by_name(name) {
        answers(kind, rejected);
        return Ok(());
    }
    if !jsonl {
        let owned;
        let bytes = match bytes {
            Some(b) => b,
            None => {
                owned = read_input(name)?;
                &owned
            }
        };
        if let Some(kind) = answers_by_content(bytes) {
            answers(kind, rejected);
            return Ok(());
        }
        let text = String::from_utf8_lossy(bytes);
        let lines = name.ends_with(".jsonl") || name.ends_with(".ndjson");
        let mut shown = diag::Shown::default();
        for rec in resultfile::parse(&text, lines, lang) {
            match rec.outcome {
                Ok(pair) => f(pair)?,
                Err(d) => {
                    if report {
                        eprint!("{}", diag::render_counted(name, &text, 1, &[*d], lang, &mut shown));
                    }
                    *rejected += 1;
                }
            }
        }
        eprint!("{}", shown.tail(lang));
        return Ok(());
    }
    let io_err = |e: std::io::Error| Error::io(name, IoAction::Read, e);
    let file = std::fs::File::open(name).map_err(io_err)?;
    let mut blocks = Blocks::with_size(Box::new(std::io::BufReader::new(file)), RESULT_BLOCK);
    let mut shown = diag::Shown::default();
    let read =
        each_line(
            &mut blocks,
            pipeline::threads(),
            &mut shown,
            io_err,
            |line, raw| {
                let text = match std::str::from_utf8(raw) {
                    Ok(t) => std::borrow::Cow::Borrowed(t),
                    Err(_) => String::from_utf8_lossy(raw),
                };
                if text.trim().is_empty() {
                    return None;
                }
                let rec = resultfile::parse(&text, true, lang).pop()?;
                Some(rec.outcome.map_err(|d| {
                    if report { diag::render_from(name, &text, line, &[*d], lang) } else { String::new() }
                }))
            },
            &mut *f,
        )?;
    eprint!("{}", shown.tail(lang));
    *rejected += read.rejected;
    let any = read.any;
    if !any {
        if report {
            let d = diag::Diagnostic::error(i18n::msg(lang).file_holds_no_results());
            eprint!("{}", diag::render(name, "", &[d], lang));
        }
        *rejected += 1;
    }
    Ok(())
}

pub fn store(ctx: &Ctx, cmd: StoreCommand) -> Result<()> {
    match cmd {
        StoreCommand::Info { format } => {
            let path = ctx.store_path()?;
            let store = ctx.open_existing_store()?;
            let info = match &store {
                Some(s) => Some(s.info().map_err(|e| ctx.store_error(e))?),
                None => None,
            };
            let text = if matches!(format, Format::Json | Format::Jsonl) {
                let v = match &info {
                    Some(i) => serde_json::json!({
                        "path": i.path, "exists": true, "size_bytes": i.size_bytes, "schema_version": i.schema_version,
                        "results": i.results, "drafts": i.drafts, "subjects": i.subjects,
                    }),
                    None => serde_json::json!({ "path": path, "exists": false }),
                };
                format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default())
            } else {
                match &info {
                    Some(i) => i18n::msg(ctx.lang).store_info(
                        &i.path,
                        i.size_bytes,
                        i.schema_version,
                        i.results,
                        i.subjects,
                        i.drafts,
                    ),
                    None => i18n::msg(ctx.lang).store_not_created(&path),
                }
            };
            print_text(&text, format)
        }
        StoreCommand::Delete { ids, yes } => {
            let Some(mut store) = ctx.open_existing_store_to_write()? else {
                return Err(Error::BadInput(Problem::NoStoreToDelete));
            };
            let mut found = Vec::new();
            for id in &ids {
                if let Some((r, _)) = store.get(id).map_err(|e| ctx.store_error(e))? {
                    found.push(r);
                }
            }
            let missing: Vec<&String> = ids.iter().filter(|id| !found.iter().any(|r| &&r.id == id)).collect();
            if !found.is_empty() && !yes && !confirm(ctx, &found)? {
                crate::output::note(i18n::msg(ctx.lang).nothing_deleted());
                return Ok(());
            }
            let deleted = store
                .delete(&found.iter().map(|r| r.id.clone()).collect::<Vec<_>>())
                .map_err(|e| ctx.store_error(e))?;
            crate::output::note(&i18n::msg(ctx.lang).deleted(deleted.len()));
            if !missing.is_empty() {
                return Err(Error::BadInput(Problem::IdsNotFound(missing.iter().map(|s| s.to_string()).collect())));
            }
            Ok(())
        }
    }
}

/// Ask on the terminal before deleting; refuse without one.
fn confirm(ctx: &Ctx, found: &[ResultDoc]) -> Result<bool> {
    if !std::io::stdin().is_terminal() {
        return Err(Error::BadInput(Problem::ConfirmNeedsTerminal));
    }
    let mut err = std::io::stderr();
    for r in found {
        let line = format!("  {}  {}  {}  {}", r.id, r.subject.name, report::short_time(&r.taken_at), r.rubric.id);
        let _ = writeln!(err, "{}", crate::visible::escape(&line));
    }
    let _ = write!(err, "{}", i18n::msg(ctx.lang).confirm_delete(found.len()));
    let _ = err.flush();
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).map_err(|e| Error::io(STDIN, IoAction::Read, e))?;
    let a = line.trim().to_lowercase();
    Ok(a == "y" || a == "yes" || a == "是")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::response::Response;
    use crate::rubric;
    use crate::score;

    #[test]
    fn a_csv_export_shows_what_the_whole_result_shows() {
        let loaded = rubric::load_builtin(rubric::builtin("office").unwrap(), Lang::Zh).unwrap();
        let mut resp = Response::default();
        resp.subject.name = "=张三".into();
        resp.session = Some("2026秋".into());
        for (k, (_, _, it)) in loaded.rubric.items().enumerate() {
            resp.answers.insert(it.id.clone(), (k % 6 != 0).then_some(1 + (k as i64 * 7) % 5));
        }
        let opts = score::Options { lang: "zh".into(), profile: Some("staff".into()), target: None };
        let doc = score::score(&loaded, &resp, &opts, "01ID".into(), "2026-11-28T09:30:00+08:00");
        let text = serde_json::to_string(&doc).unwrap();
        let rows = csv_rows_of(&text).unwrap();
        let render = |d: &ResultDoc| {
            let mut out = Vec::new();
            let mut csv = CsvWriter::results(false, Lang::Zh);
            csv.write(&mut out, Entry::new(d, None)).unwrap();
            out
        };
        assert_eq!(render(&rows), render(&doc));
        assert!(csv_rows_of(r#"{"schema": 1}"#).is_err());
    }
}

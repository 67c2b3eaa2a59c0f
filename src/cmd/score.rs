//! `zhixing score`: answers in, results and reports out.
//!
//! A batch streams (see [`crate::batch`]): every input is checked a record
//! at a time and every problem reported, the good records going to a spool;
//! only when that finds nothing wrong (or with `--keep-going`) is the spool
//! scored, a record at a time, each result written out as it is made and,
//! with `--save`, inserted into one transaction committed at the end.

use std::cell::RefCell;
use std::io;

use crate::answers::Checker;
use crate::batch::{Input, Reading, Records, Spool, Tally};
use crate::cmd::{Ctx, emit};
use crate::error::{Error, Internal, IoAction, Problem, Result, SPOOL};
use crate::i18n;
use crate::input::load_rubric;
use crate::pipeline;
use crate::report::{self, Entry, Format};
use crate::response::Respondent;
use crate::score::{Meta, Scorer};
use crate::settings;
use crate::store::Columns;

pub fn run(ctx: &Ctx, args: settings::Score) -> Result<()> {
    let loaded = load_rubric(ctx.lang, args.rubric.as_deref())?;
    let r = &loaded.rubric;
    let opts = crate::cmd::score_options(ctx, &loaded, &args.targets)?;
    let threads = pipeline::threads();
    let reading =
        Reading { checker: Checker::new(r, ctx.lang), tabular: tabular_options(&args.sheet), lang: ctx.lang, threads };
    let inputs = args.files.iter().map(|f| Input::new(f)).collect::<Result<Vec<_>>>()?;

    // Check everything: every problem of every input, the good records spooled.
    let spool_err = |e: io::Error| Error::io(SPOOL, IoAction::Write, e);
    let mut spool = Spool::new(reading.checker.index.len(), r.scale.min).map_err(spool_err)?;
    let mut tally = Tally::default();
    for input in &inputs {
        input.check(&reading, &mut tally, &mut spool)?;
    }
    if tally.rejected > 0 && (!args.keep_going || tally.good == 0) {
        let problems = tally.problems;
        return Err(Error::BadInput(Problem::AnswersProblems(problems)));
    }
    let mut records = spool.finish().map_err(spool_err)?;
    let enc = records.encoder();

    // Score the spool, one record at a time.
    let scorer = Scorer::new(&loaded, &opts);
    let now = chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    let mut ids = ulid::Generator::new();
    let mut store = if args.save { Some(ctx.open_store()?) } else { None };
    let mut batch = match &mut store {
        Some(s) => Some(s.batch().map_err(|e| ctx.store_error(e))?),
        None => None,
    };
    let format = args.output.format;
    // Only the people's formats show the change since last time in detail.
    let full_previous = matches!(format, Format::Table | Format::Markdown | Format::Html);
    let mut scored = 0usize;
    emit(ctx, &args.output, |w, style| {
        let write_err = Error::Output;
        let spool_err = |e: io::Error| Error::io(SPOOL, IoAction::Read, e);
        if format == Format::Jsonl && batch.is_none() {
            // The common batch: JSON Lines, nothing saved. No document is
            // built, and blocks are scored on every core.
            let records = RefCell::new(&mut records);
            let outs: RefCell<Vec<Vec<u8>>> = RefCell::new(Vec::new());
            let run: Result<()> = pipeline::in_order(
                threads,
                || {
                    let Some(block) = records.borrow_mut().next_block().map_err(spool_err)? else { return Ok(None) };
                    let n = Records::count(&block);
                    let first: Vec<ulid::Ulid> =
                        (0..n).map(|_| ids.generate().unwrap_or_else(|_| ulid::Ulid::new())).collect();
                    let out = outs.borrow_mut().pop().unwrap_or_default();
                    Ok(Some((block, first, out)))
                },
                |(block, ids, mut out): (Vec<u8>, Vec<ulid::Ulid>, Vec<u8>)| {
                    out.clear();
                    let mut k = 0;
                    let read = Records::each(enc, &block, &mut |resp| {
                        write_line(&scorer, &now, &mut out, &resp, ids[k]);
                        k += 1;
                    });
                    (block, out, k, read)
                },
                |(block, out, k, read)| {
                    read.map_err(spool_err)?;
                    scored += k;
                    w.write_all(&out).map_err(write_err)?;
                    records.borrow_mut().give_back(block);
                    outs.borrow_mut().push(out);
                    Ok(true)
                },
            );
            return run;
        }
        let mut sink = report::renderer(format, style);
        let mut one = |resp: Respondent| -> Result<()> {
            let id = ids.generate().map(|u| u.to_string()).unwrap_or_else(|_| ulid::Ulid::new().to_string());
            let scores = scorer.scores(&resp.values, resp.seconds);
            let meta = Meta::of(&resp, &now);
            let mut doc = scorer.doc(&scores, &meta, &resp.values, id);
            let mut previous = None;
            if let Some(b) = batch.as_mut() {
                let store_err = |e| ctx.store_error(e);
                if full_previous {
                    let found = b.previous(&Columns::from(&doc)).map_err(store_err)?;
                    previous = doc.link_previous(found);
                } else {
                    doc.previous = b.previous_link(&Columns::from(&doc)).map_err(store_err)?;
                }
                let json = serde_json::to_string(&doc).map_err(|e| Error::Internal(Internal::Json(e.to_string())))?;
                b.insert(&Columns::from(&doc), &json).map_err(store_err)?;
            }
            scored += 1;
            sink.write(w, Entry { result: &doc, previous: previous.as_ref() }).map_err(write_err)
        };
        let mut run = || -> Result<()> {
            while let Some(block) = records.next_block().map_err(spool_err)? {
                let mut failed = None;
                Records::each(enc, &block, &mut |resp| {
                    if failed.is_none() {
                        failed = one(resp).err();
                    }
                })
                .map_err(spool_err)?;
                if let Some(e) = failed {
                    return Err(e);
                }
                records.give_back(block);
            }
            Ok(())
        };
        run()?;
        sink.finish(w)?;
        if let Some(b) = batch.take() {
            b.commit().map_err(|e| ctx.store_error(e))?;
        }
        Ok(())
    })?;
    if args.save {
        eprintln!("{}", i18n::msg(ctx.lang).results_saved(scored));
    }
    if tally.rejected > 0 {
        let rejected = tally.rejected;
        eprintln!("{}", i18n::msg(ctx.lang).scored_rejected(scored, rejected));
    }
    Ok(())
}

/// One result as a line of JSON Lines, appended to `out`.
fn write_line(scorer: &Scorer<'_>, now: &str, out: &mut Vec<u8>, resp: &Respondent, id: ulid::Ulid) {
    let scores = scorer.scores(&resp.values, resp.seconds);
    let meta = Meta::of(resp, now);
    let mut buf = [0u8; ulid::ULID_LEN];
    let id = id.array_to_str(&mut buf);
    scorer.write_json(out, &scores, &meta, &resp.values, id, None);
    out.push(b'\n');
}

/// How CSV and xlsx columns are read: `--columns`, `--ignore-columns`,
/// `--item-columns`; times without an offset are local.
fn tabular_options(args: &settings::Sheet) -> crate::tabular::Options {
    crate::tabular::Options {
        columns: args.columns,
        ignore: args.ignore_columns.clone(),
        item_columns: args.item_columns.clone(),
        offset: Some(*chrono::Local::now().offset()),
    }
}

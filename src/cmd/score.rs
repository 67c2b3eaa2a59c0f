//! `zhixing score`: answers in, results and reports out.
//!
//! A batch streams (see [`crate::batch`]): every input is checked a record
//! at a time and every problem reported, the good records going to a spool;
//! only when that finds nothing wrong (or with `--keep-going`) is the spool
//! scored, a record at a time, each result written out as it is made and,
//! with `--save`, staged in the store's batch (on disk, without the write
//! lock); only when every result is made is the batch stored, in one short
//! transaction, and "N saved, M already in the store" said.

use std::cell::RefCell;
use std::io::{self, Write};

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
use crate::store::{Batch, Columns, SaveOutcome};

pub fn run(ctx: &Ctx, args: settings::Score) -> Result<()> {
    let loaded = load_rubric(ctx.lang, args.rubric.as_deref())?;
    let opts = crate::cmd::score_options(ctx, &loaded, &args.targets)?;
    let norms = crate::cmd::norms::given(args.norms.as_deref())?;
    if let Some(n) = &norms {
        n.check_rubric(&loaded.rubric.id, &loaded.rubric.version).map_err(Error::BadInput)?;
    }
    let threads = pipeline::threads();
    let reading = Reading {
        checker: Checker::new(&loaded.rubric, ctx.lang),
        tabular: tabular_options(&args.sheet),
        lang: ctx.lang,
        threads,
    };
    let (mut records, tally) = check(&args, &reading, loaded.rubric.scale.min)?;

    // Score the spool, one record at a time.
    let scorer = Scorer::new(&loaded, &opts);
    let mut job = Job {
        scorer: &scorer,
        rubric: &loaded.rubric,
        now: chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        session: args.session.as_deref(),
        ids: ulid::Generator::new(),
        scored: 0,
        norms: norms.as_ref(),
    };
    let mut store = if args.save { Some(ctx.open_store()?) } else { None };
    let batch = match &mut store {
        Some(s) => Some(s.batch().map_err(|e| ctx.store_error(e))?),
        None => None,
    };
    let format = args.output.format;
    let mut saved = None;
    emit(ctx, &args.output, |w, style| match batch {
        // The common batch: JSON Lines, nothing saved. No document is
        // built, and blocks are scored on every core.
        None if format == Format::Jsonl && norms.is_none() => job.lines(ctx, &mut records, threads, w),
        batch => {
            saved = job.documents(ctx, &mut records, batch, report::renderer(format, style), format, w)?;
            Ok(())
        }
    })?;
    if let Some(outcome) = saved {
        crate::output::note(&i18n::msg(ctx.lang).store_saved(outcome.inserted.len(), outcome.duplicates.len()));
    }
    if tally.rejected > 0 {
        crate::output::note(&i18n::msg(ctx.lang).scored_rejected(job.scored, tally.rejected));
    }
    Ok(())
}

/// Check every input, printing every problem, the good records spooled;
/// refuse the batch if anything was wrong (unless `--keep-going` and some
/// records are good). An input that cannot be read is one problem among
/// the others (SPEC §4: all reported in one run): the others are read and
/// checked all the same, and then the batch is refused with exit code 1,
/// as for any file that cannot be read.
fn check(args: &settings::Score, reading: &Reading<'_>, scale_min: i64) -> Result<(Records, Tally)> {
    let spool_err = |e: io::Error| Error::io(SPOOL, IoAction::Write, e);
    let mut spool = Spool::new(reading.checker.index.len(), scale_min).map_err(spool_err)?;
    let mut tally = Tally::default();
    let mut unreadable = 0;
    for file in &args.files {
        let mark = spool.mark(&tally);
        match Input::new(file).and_then(|input| input.check(reading, &mut tally, &mut spool)) {
            Ok(()) => {}
            // One input: its error is the whole story, said once.
            Err(e) if args.files.len() == 1 => return Err(e),
            Err(e) if is_of_input(&e) => {
                // What was read of it before it failed is left out.
                spool.rollback(mark, &mut tally).map_err(spool_err)?;
                let msg = i18n::msg(reading.lang);
                crate::output::note(&format!("{}: {}", msg.diag_error(), msg.error(&e)));
                tally.rejected += 1;
                match e {
                    Error::BadInput(_) => tally.problems += 1,
                    _ => unreadable += 1,
                }
            }
            Err(e) => return Err(e),
        }
    }
    if tally.rejected > 0 && (!args.keep_going || tally.good == 0) {
        if unreadable > 0 {
            return Err(Error::Unreadable { files: unreadable, problems: tally.problems });
        }
        return Err(Error::BadInput(Problem::AnswersProblems(tally.problems)));
    }
    Ok((spool.finish().map_err(spool_err)?, tally))
}

/// An error of one input (it cannot be read, or is over a limit), not of
/// the run (the spool, a bug).
fn is_of_input(e: &Error) -> bool {
    match e {
        Error::Io { path, .. } => path.as_os_str() != SPOOL,
        Error::BadInput(Problem::TooLarge { .. }) => true,
        _ => false,
    }
}

/// Scoring the spooled records: what every result shares.
struct Job<'s> {
    scorer: &'s Scorer<'s>,
    /// The rubric, for the statements the reports show.
    rubric: &'s crate::rubric::Rubric,
    /// The time of results that do not say when they were taken.
    now: String,
    /// `--session`: the session of records that name none.
    session: Option<&'s str>,
    ids: ulid::Generator,
    scored: usize,
    /// `--norms`: applied to each result before it is saved and rendered.
    norms: Option<&'s crate::norms::NormsDoc>,
}

fn spool_read_err(e: io::Error) -> Error {
    Error::io(SPOOL, IoAction::Read, e)
}

impl Job<'_> {
    /// Every record as a line of JSON Lines, a block of records on every core.
    fn lines(&mut self, ctx: &Ctx, records: &mut Records, threads: usize, w: &mut dyn Write) -> Result<()> {
        let enc = records.encoder();
        let records = RefCell::new(records);
        let outs: RefCell<Vec<Vec<u8>>> = RefCell::new(Vec::new());
        let (scorer, now, session) = (self.scorer, self.now.as_str(), self.session);
        let (ids, scored) = (&mut self.ids, &mut self.scored);
        pipeline::in_order(
            threads,
            || {
                let Some(block) = records.borrow_mut().next_block().map_err(spool_read_err)? else { return Ok(None) };
                let n = Records::count(&block);
                let first: Vec<ulid::Ulid> =
                    (0..n).map(|_| ids.generate().unwrap_or_else(|_| ulid::Ulid::new())).collect();
                let out = outs.borrow_mut().pop().unwrap_or_default();
                Ok(Some((block, first, out)))
            },
            |(block, ids, mut out): (Vec<u8>, Vec<ulid::Ulid>, Vec<u8>)| {
                out.clear();
                let mut k = 0;
                let mut unscored = Vec::new();
                let read = Records::each(enc, &block, &mut |resp| {
                    let resp = with_session(resp, session);
                    if !write_line(scorer, now, &mut out, &resp, ids[k]) {
                        unscored.push(unscorable_warning(ctx, &resp));
                    }
                    k += 1;
                });
                (block, out, k, read, unscored)
            },
            |(block, out, k, read, unscored)| {
                read.map_err(spool_read_err)?;
                *scored += k;
                for warning in &unscored {
                    crate::output::note(warning);
                }
                w.write_all(&out).map_err(Error::Output)?;
                records.borrow_mut().give_back(block);
                outs.borrow_mut().push(out);
                Ok(true)
            },
        )
    }

    /// Every record as a document, rendered and, with a store's batch,
    /// linked to the subject's previous result and staged; the batch is
    /// stored at the end (the store's write lock held only for that), and
    /// what that did returned.
    fn documents(
        &mut self,
        ctx: &Ctx,
        records: &mut Records,
        mut batch: Option<Box<dyn Batch + '_>>,
        mut renderer: Box<dyn report::Renderer>,
        format: Format,
        w: &mut dyn Write,
    ) -> Result<Option<SaveOutcome>> {
        // Only the people's formats show the change since last time in detail.
        let full_previous = matches!(format, Format::Table | Format::Markdown | Format::Html);
        let enc = records.encoder();
        while let Some(block) = records.next_block().map_err(spool_read_err)? {
            let mut failed = None;
            Records::each(enc, &block, &mut |resp| {
                if failed.is_none() {
                    failed = self.document(ctx, resp, batch.as_deref_mut(), full_previous, &mut *renderer, w).err();
                }
            })
            .map_err(spool_read_err)?;
            if let Some(e) = failed {
                return Err(e);
            }
            records.give_back(block);
        }
        renderer.finish(w)?;
        match batch {
            Some(b) => Ok(Some(b.commit().map_err(|e| ctx.store_error(e))?)),
            None => Ok(None),
        }
    }

    /// One record: its result made, saved where there is a batch, rendered.
    fn document(
        &mut self,
        ctx: &Ctx,
        resp: Respondent,
        batch: Option<&mut (dyn Batch + '_)>,
        full_previous: bool,
        renderer: &mut dyn report::Renderer,
        w: &mut dyn Write,
    ) -> Result<()> {
        let resp = with_session(resp, self.session);
        let id = self.ids.generate().map(|u| u.to_string()).unwrap_or_else(|_| ulid::Ulid::new().to_string());
        let scores = self.scorer.scores(&resp.values, resp.seconds, resp.rater.role);
        let meta = Meta::of(&resp, &self.now);
        if scores.overall().is_none() {
            crate::output::note(&unscorable_warning(ctx, &resp));
        }
        let mut doc = self.scorer.doc(&scores, &meta, &resp.values, id);
        let mut previous = None;
        let batch_none = batch.is_none();
        if let Some(b) = batch {
            let store_err = |e| ctx.store_error(e);
            if full_previous {
                let found = b.previous(&Columns::from(&doc)).map_err(store_err)?;
                previous = doc.link_previous(found);
            } else {
                doc.previous = b.previous_link(&doc).map_err(store_err)?;
            }
            crate::cmd::norms::apply(&mut doc, self.norms)?;
            let json = serde_json::to_string(&doc).map_err(|e| Error::Internal(Internal::Json(e.to_string())))?;
            b.insert(&Columns::from(&doc), &json).map_err(store_err)?;
        }
        if batch_none {
            crate::cmd::norms::apply(&mut doc, self.norms)?;
        }
        self.scored += 1;
        Ok(renderer.write(w, Entry::new(&doc, previous.as_ref()).with_rubric(Some(self.rubric)))?)
    }
}

/// A respondent's own session, else `--session` (SPEC §7: for rows that
/// name none).
fn with_session(mut resp: Respondent, session: Option<&str>) -> Respondent {
    if resp.session.is_none() {
        resp.session = session.map(str::to_string);
    }
    resp
}

/// What `score` says on stderr of a respondent with too few answers to
/// score (SPEC §5): how many items they answered.
fn unscorable_warning(ctx: &Ctx, resp: &Respondent) -> String {
    let answered = resp.values.iter().flatten().count();
    i18n::msg(ctx.lang).unscorable_warning(&resp.subject.name, answered, resp.values.len())
}

/// One result as a line of JSON Lines, appended to `out`; false where it
/// has no overall score.
fn write_line(scorer: &Scorer<'_>, now: &str, out: &mut Vec<u8>, resp: &Respondent, id: ulid::Ulid) -> bool {
    let scores = scorer.scores(&resp.values, resp.seconds, resp.rater.role);
    let meta = Meta::of(resp, now);
    let mut buf = [0u8; ulid::ULID_LEN];
    let id = id.array_to_str(&mut buf);
    scorer.write_json(out, &scores, &meta, &resp.values, id, None);
    out.push(b'\n');
    scores.overall().is_some()
}

/// How CSV and xlsx columns are read: `--columns`, `--ignore-columns`,
/// `--item-columns`; times without an offset are local.
fn tabular_options(args: &settings::Sheet) -> crate::tabular::Options {
    crate::tabular::Options {
        columns: args.columns,
        ignore: args.ignore_columns.clone(),
        item_columns: args.item_columns.clone(),
        attributes: args.attribute_columns.clone(),
        offset: Some(args.utc_offset.unwrap_or_else(|| *chrono::Local::now().offset())),
    }
}

//! One input named on the command line: where its bytes are, what kind of
//! answers it holds, and checking it whole into the spool.

use std::fs::File;
use std::io::{self, BufRead, BufReader};

use crate::answers::{self, Kind};
use crate::diag::{self, Diagnostic, Shown};
use crate::error::{Error, IoAction, Result, SPOOL};
use crate::i18n;
use crate::input::read_input;
use crate::pipeline;
use crate::tabular::{self, Source, Table};

use super::lines::{Blocks, Lines, lines};
use super::spool::Spool;
use super::{Reading, Tally, errors, not_utf8};

/// Where an input's bytes are: a file, opened again where it must be read
/// more than once (a spreadsheet), or standard input, read into memory.
enum Origin {
    Path(String),
    Memory(Vec<u8>),
}

impl Origin {
    fn open(&self) -> io::Result<Box<dyn BufRead + '_>> {
        match self {
            Origin::Path(p) => Ok(Box::new(BufReader::with_capacity(1 << 16, File::open(p)?))),
            Origin::Memory(b) => Ok(Box::new(b.as_slice())),
        }
    }
}

/// What kind of answers an input holds.
#[derive(Clone, Copy)]
enum Shape {
    /// A spreadsheet: CSV, TSV or a workbook.
    Table(Source),
    /// One answers document, TOML or JSON.
    Document(Kind),
    /// JSON Lines, one answers document a line.
    Lines,
    /// A file zhixing does not read as answers.
    Unknown,
}

/// One input named on the command line.
pub struct Input {
    /// As messages name it.
    name: String,
    origin: Origin,
    shape: Shape,
}

impl Input {
    pub fn new(file: &str) -> Result<Input> {
        let (name, origin) = if file == "-" {
            ("<stdin>".to_string(), Origin::Memory(read_input(file)?))
        } else {
            // A file that cannot be read at all fails at once; so does a
            // directory (which opens, and fails only when read).
            let f = File::open(file).map_err(|e| Error::io(file, IoAction::Read, e))?;
            if f.metadata().is_ok_and(|m| m.is_dir()) {
                return Err(Error::io(file, IoAction::Read, io::Error::from(io::ErrorKind::IsADirectory)));
            }
            (file.to_string(), Origin::Path(file.to_string()))
        };
        let shape = match &origin {
            Origin::Memory(bytes) => match Source::detect(file, bytes) {
                Some(s) => Shape::Table(s),
                None => match Kind::sniff(&String::from_utf8_lossy(bytes)) {
                    Kind::JsonLines => Shape::Lines,
                    k => Shape::Document(k),
                },
            },
            Origin::Path(p) => match (Source::detect(p, &[]), Kind::from_path(p)) {
                (Some(s), _) => Shape::Table(s),
                (None, Some(Kind::JsonLines)) => Shape::Lines,
                (None, Some(k)) => Shape::Document(k),
                (None, None) => Shape::Unknown,
            },
        };
        Ok(Input { name, origin, shape })
    }

    /// Check every record, print every problem (in file order) and count
    /// them in `tally`, and put the good records in the spool.
    pub fn check(&self, how: &Reading<'_>, tally: &mut Tally, spool: &mut Spool) -> Result<()> {
        match self.shape {
            Shape::Unknown => self.check_unknown(how, tally),
            Shape::Document(kind) => self.check_document(kind, how, tally, spool),
            Shape::Lines => self.check_lines(how, tally, spool),
            Shape::Table(source) => self.check_table(source, how, tally, spool),
        }
    }

    fn io_err(&self) -> impl Fn(io::Error) -> Error + '_ {
        |e| Error::io(&self.name, IoAction::Read, e)
    }

    /// A file zhixing does not read as answers: one rejected record.
    fn check_unknown(&self, how: &Reading<'_>, tally: &mut Tally) -> Result<()> {
        let (name, lang) = (self.name.as_str(), how.lang);
        let msg = i18n::msg(lang);
        let d = Diagnostic::error(msg.unknown_answers_kind()).help(msg.unknown_answers_kind_help());
        eprint!("{}", diag::render(name, "", &[d], lang));
        tally.reject(1);
        Ok(())
    }

    /// One answers document, TOML or JSON.
    fn check_document(&self, kind: Kind, how: &Reading<'_>, tally: &mut Tally, spool: &mut Spool) -> Result<()> {
        let (name, lang) = (self.name.as_str(), how.lang);
        let bytes = match &self.origin {
            Origin::Path(p) => read_input(p)?,
            Origin::Memory(b) => b.clone(),
        };
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                eprint!("{}", diag::render(name, &text, &[not_utf8(at, lang)], lang));
                tally.reject(1);
                return Ok(());
            }
        };
        match how.checker.document(&text, kind) {
            Ok(resp) => {
                tally.good += 1;
                let mut out = Vec::new();
                spool.encoder().encode(&resp, &mut out);
                spool.append(&out, 1).map_err(spool_err)
            }
            Err(diags) => {
                eprint!("{}", diag::render_capped(name, &text, &diags, lang));
                tally.reject(errors(&diags));
                Ok(())
            }
        }
    }

    /// JSON Lines, a block of lines at a time, checked on every thread.
    fn check_lines(&self, how: &Reading<'_>, tally: &mut Tally, spool: &mut Spool) -> Result<()> {
        let (name, lang) = (self.name.as_str(), how.lang);
        let io_err = self.io_err();
        let mark = spool.mark(tally);
        let mut blocks = Blocks::new(self.origin.open().map_err(&io_err)?);
        let enc = spool.encoder();
        let (mut any, mut whole, mut written) = (false, true, Ok(()));
        let mut shown = Shown::default();
        blocks.in_order(
            how.threads,
            &io_err,
            |b, out| {
                let mut seen = Lines::default();
                let stop = lines(how, b, &mut seen, &mut |_, resp| enc.encode(&resp, out));
                (seen, stop)
            },
            |(seen, stop), out| {
                eprint!("{}", seen.render(name, lang, &mut shown));
                any |= seen.any;
                tally.add(&seen.tally);
                written = spool.append(out, seen.tally.good);
                whole = !stop;
                Ok(whole && written.is_ok())
            },
        )?;
        eprint!("{}", shown.tail(lang));
        written.map_err(spool_err)?;
        if !whole {
            // A file that is not UTF-8 is left out whole.
            spool.rollback(mark, tally).map_err(spool_err)?;
        } else if !any {
            eprint!("{}", diag::render(name, "", &[answers::no_answers(lang)], lang));
            tally.reject(1);
        }
        Ok(())
    }

    /// A spreadsheet: its header worked out, then its rows in blocks,
    /// checked on every thread.
    fn check_table(&self, source: Source, how: &Reading<'_>, tally: &mut Tally, spool: &mut Spool) -> Result<()> {
        let (name, lang) = (self.name.as_str(), how.lang);
        let origin = &self.origin;
        let open = || origin.open();
        let rubric = how.checker.rubric();
        let table = Table::open(&open, source, rubric, &how.tabular, lang);
        let mut shown = Shown::default();
        let header: Vec<String> = table.problems.iter().map(|p| tabular::render_problem(name, p, lang)).collect();
        print_some(&header, &mut shown);
        if table.failed() {
            eprint!("{}", shown.tail(lang));
            tally.reject(table.problems.iter().filter(|p| p.diag.is_error()).count());
            return Ok(());
        }
        if let Some(r) = table.recognised {
            let (seconds, taken) = table.reads_times();
            let said = crate::i18n::msg(lang).form_export(r.service, r.columns, seconds, taken);
            // Escaped as every message on stderr is (SPEC §12): the name is the user's.
            eprintln!("{}", crate::visible::escape(&format!("{name}: {said}")));
        }
        let mark = spool.mark(tally);
        let enc = spool.encoder();
        let mut trouble = None;
        let mut rows = table.reader(&open, lang).map_err(|p| trouble = Some(*p)).ok();
        let trouble_cell = std::cell::RefCell::new(&mut trouble);
        let mut written = Ok(());
        pipeline::in_order::<_, _, Error>(
            how.threads,
            || {
                let Some(r) = rows.as_mut() else { return Ok(None) };
                Ok(r.next_block(2048).unwrap_or_else(|p| {
                    **trouble_cell.borrow_mut() = Some(*p);
                    None
                }))
            },
            |block| {
                let mut seen = Tally::default();
                let mut report = Vec::new();
                let mut out = Vec::new();
                table.read_block(&block, rubric, &how.tabular, lang, &mut |rec| match rec.outcome {
                    Ok(resp) => {
                        seen.good += 1;
                        enc.encode(&resp, &mut out);
                    }
                    Err(problems) => {
                        for p in &problems {
                            report.push(tabular::render_problem(name, p, lang));
                        }
                        seen.reject(problems.iter().filter(|p| p.diag.is_error()).count());
                    }
                });
                (seen, report, out)
            },
            |(seen, report, out)| {
                print_some(&report, &mut shown);
                tally.add(&seen);
                written = spool.append(&out, seen.good);
                Ok(written.is_ok())
            },
        )?;
        written.map_err(spool_err)?;
        let count = rows.as_ref().map_or(0, |r| r.count);
        let trouble = trouble.or_else(|| (count == 0).then(|| Table::no_rows(lang)));
        if let Some(p) = &trouble {
            print_some(&[tabular::render_problem(name, p, lang)], &mut shown);
        }
        eprint!("{}", shown.tail(lang));
        if trouble.is_some() {
            // A file that cannot be read to its end is left out whole.
            spool.rollback(mark, tally).map_err(spool_err)?;
            tally.reject(1);
        }
        Ok(())
    }
}

/// Print the problems of a file that its count still admits (at most
/// [`diag::MAX_SHOWN`] a file); count the others.
fn print_some(rendered: &[String], shown: &mut Shown) {
    let k = shown.admit(rendered.len());
    for r in &rendered[..k] {
        eprint!("{r}");
    }
}

fn spool_err(e: io::Error) -> Error {
    Error::io(SPOOL, IoAction::Write, e)
}

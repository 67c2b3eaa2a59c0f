//! Batches of answers for `zhixing score`: answers files, JSON Lines and
//! spreadsheets read a record at a time and never held whole.
//!
//! Each input is read once: every record is checked against the rubric, on
//! every core, and every problem printed in file order; the good records go
//! to a spool, a temporary file holding each checked respondent in a compact
//! form (its answers a byte each), about a tenth the size of the input.
//! Scoring then reads the spool, again a block at a time, so that nothing
//! is scored, printed or saved until every input has been checked, and the
//! second reading needs no parsing. Standard input is read into memory once,
//! to tell what it holds.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, Write};

use crate::answers::{self, Checker, Kind};
use crate::diag::{self, Diagnostic};
use crate::error::{Error, IoAction, Result};
use crate::input::read_input;
use crate::lang::Lang;
use crate::pipeline;
use crate::response::Respondent;
use crate::result::{Rater, Role, Subject};
use crate::tabular::{self, Source, Table};

/// What every input is read with.
pub struct Reading<'r> {
    pub checker: Checker<'r>,
    pub tabular: tabular::Options,
    pub lang: Lang,
    /// Threads to check on.
    pub threads: usize,
}

/// What the checking found.
#[derive(Debug, Default)]
pub struct Tally {
    pub good: usize,
    /// Records (or whole files) rejected.
    pub rejected: usize,
    /// Errors among their problems.
    pub problems: usize,
}

impl Tally {
    fn reject(&mut self, errors: usize) {
        self.rejected += 1;
        self.problems += errors;
    }

    fn add(&mut self, other: &Tally) {
        self.good += other.good;
        self.rejected += other.rejected;
        self.problems += other.problems;
    }
}

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
            // A file that cannot be read at all fails at once.
            File::open(file).map_err(|e| Error::io(file, IoAction::Read, e))?;
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
        let name = self.name.as_str();
        let lang = how.lang;
        let io_err = |e: io::Error| Error::io(name, IoAction::Read, e);
        let spool_err = |e: io::Error| Error::io("a temporary file", IoAction::Write, e);
        match self.shape {
            Shape::Unknown => {
                let text = String::from_utf8_lossy(&read_input(name)?).into_owned();
                let d =
                    Diagnostic::error(lang.pick("无法识别的答卷文件类型", "not a kind of answers file zhixing reads"))
                        .help(lang.pick(
                            "答卷文件应以 .toml、.json、.jsonl、.csv 或 .xlsx 结尾",
                            "answers files end in .toml, .json, .jsonl, .csv or .xlsx",
                        ));
                eprint!("{}", diag::render(name, &text, &[d], lang));
                tally.reject(1);
                Ok(())
            }
            Shape::Document(kind) => {
                let bytes = match &self.origin {
                    Origin::Path(p) => std::fs::read(p).map_err(io_err)?,
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
                        eprint!("{}", diag::render(name, &text, &diags, lang));
                        tally.reject(errors(&diags));
                        Ok(())
                    }
                }
            }
            Shape::Lines => {
                let mark = spool.mark(tally);
                let blocks = std::cell::RefCell::new(Blocks::new(self.origin.open().map_err(io_err)?));
                let enc = spool.encoder();
                let (mut any, mut whole, mut written) = (false, true, Ok(()));
                pipeline::in_order(
                    how.threads,
                    || blocks.borrow_mut().next_block().map_err(io_err),
                    |mut b: Block| {
                        let mut seen = Lines::default();
                        let mut out = std::mem::take(&mut b.out);
                        let stop = lines(how, name, &b, &mut seen, &mut |_, resp| enc.encode(&resp, &mut out));
                        (seen, stop, b.bytes, out)
                    },
                    |(seen, stop, bytes, out)| {
                        eprint!("{}", seen.report);
                        any |= seen.any;
                        tally.add(&seen.tally);
                        written = spool.append(&out, seen.tally.good);
                        blocks.borrow_mut().give_back(bytes, out);
                        whole = !stop;
                        Ok(whole && written.is_ok())
                    },
                )?;
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
            Shape::Table(source) => {
                let origin = &self.origin;
                let open = || origin.open();
                let rubric = how.checker.rubric();
                let table = Table::open(&open, source, rubric, &how.tabular, lang);
                for p in &table.problems {
                    eprint!("{}", tabular::render_problem(name, p, lang));
                }
                if table.failed() {
                    tally.reject(table.problems.iter().filter(|p| p.diag.is_error()).count());
                    return Ok(());
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
                        let mut report = String::new();
                        let mut out = Vec::new();
                        table.read_block(&block, rubric, &how.tabular, lang, &mut |rec| match rec.outcome {
                            Ok(resp) => {
                                seen.good += 1;
                                enc.encode(&resp, &mut out);
                            }
                            Err(problems) => {
                                for p in &problems {
                                    report.push_str(&tabular::render_problem(name, p, lang));
                                }
                                seen.reject(problems.iter().filter(|p| p.diag.is_error()).count());
                            }
                        });
                        (seen, report, out)
                    },
                    |(seen, report, out)| {
                        eprint!("{report}");
                        tally.add(&seen);
                        written = spool.append(&out, seen.good);
                        Ok(written.is_ok())
                    },
                )?;
                written.map_err(spool_err)?;
                let count = rows.as_ref().map_or(0, |r| r.count);
                let trouble = trouble.or_else(|| (count == 0).then(|| Table::no_rows(lang)));
                if let Some(p) = trouble {
                    eprint!("{}", tabular::render_problem(name, &p, lang));
                    // A file that cannot be read to its end is left out whole.
                    spool.rollback(mark, tally).map_err(spool_err)?;
                    tally.reject(1);
                }
                Ok(())
            }
        }
    }
}

fn errors(diags: &[Diagnostic]) -> usize {
    diags.iter().filter(|d| d.is_error()).count()
}

fn not_utf8(at: usize, lang: Lang) -> Diagnostic {
    Diagnostic::error(lang.pick("文件不是 UTF-8 编码", "the file is not UTF-8"))
        .at(Some(at..at + 1))
        .help(lang.pick("请以 UTF-8 编码保存答卷", "save the answers file as UTF-8"))
}

/// Move spans right by `by` bytes (past a byte-order mark).
fn shift(mut diags: Vec<Diagnostic>, by: usize) -> Vec<Diagnostic> {
    if by > 0 {
        for d in &mut diags {
            if let Some(s) = d.span.as_mut() {
                *s = s.start + by..s.end + by;
            }
            if let Some((s, _)) = d.related.as_mut() {
                *s = s.start + by..s.end + by;
            }
        }
    }
    diags
}

// ---------------------------------------------------------------------------
// JSON Lines, a block of whole lines at a time.

/// About this many bytes a block: enough to keep a thread busy for a while,
/// few enough that a handful in flight take little memory.
pub const BLOCK: usize = 256 << 10;

/// Whole lines of a JSON Lines input, a block at a time.
pub struct Blocks<'a> {
    reader: Box<dyn BufRead + 'a>,
    /// The start of a line that did not fit in the last block.
    carry: Vec<u8>,
    /// Number of the next block's first line.
    line: usize,
    end: bool,
    /// Buffers of blocks done with, to read the next ones into: fresh
    /// large buffers cost the kernel a page fault a page.
    spare: Vec<Vec<u8>>,
    /// Bytes a block, about.
    size: usize,
}

/// Some lines of a JSON Lines input.
pub struct Block {
    /// Number of its first line.
    pub first: usize,
    pub bytes: Vec<u8>,
    /// Where what is made of it goes (a spare buffer).
    pub out: Vec<u8>,
}

impl Block {
    /// Each line with its number, without its line break.
    pub fn lines(&self) -> impl Iterator<Item = (usize, &[u8])> {
        let b = &self.bytes;
        let mut start = 0;
        let mut line = self.first;
        std::iter::from_fn(move || {
            if start >= b.len() {
                return None;
            }
            let end = memchr::memchr(b'\n', &b[start..]).map_or(b.len(), |i| start + i);
            let l = &b[start..end];
            start = end + 1;
            line += 1;
            Some((line - 1, l.strip_suffix(b"\r").unwrap_or(l)))
        })
    }
}

impl<'a> Blocks<'a> {
    pub fn new(reader: Box<dyn BufRead + 'a>) -> Self {
        Blocks::with_size(reader, BLOCK)
    }

    pub fn with_size(reader: Box<dyn BufRead + 'a>, size: usize) -> Self {
        Blocks { reader, carry: Vec::new(), line: 1, end: false, spare: Vec::new(), size }
    }

    /// Take back a block's buffers.
    pub fn give_back(&mut self, bytes: Vec<u8>, out: Vec<u8>) {
        self.spare.push(bytes);
        self.spare.push(out);
    }

    /// The next block of whole lines; None at the end.
    pub fn next_block(&mut self) -> io::Result<Option<Block>> {
        if self.end && self.carry.is_empty() {
            return Ok(None);
        }
        let mut bytes = self.spare.pop().unwrap_or_default();
        bytes.clear();
        bytes.extend_from_slice(&self.carry);
        self.carry.clear();
        fill(&mut *self.reader, &mut bytes, self.size, &mut self.end)?;
        if !self.end {
            // Keep the unfinished last line for the next block.
            match memchr::memrchr(b'\n', &bytes) {
                Some(i) => {
                    self.carry.extend_from_slice(&bytes[i + 1..]);
                    bytes.truncate(i + 1);
                }
                None => {
                    // One very long line: read on to its end.
                    self.reader.read_until(b'\n', &mut bytes)?;
                }
            }
        }
        if bytes.is_empty() {
            return Ok(None);
        }
        let first = self.line;
        self.line += memchr::memchr_iter(b'\n', &bytes).count();
        let mut out = self.spare.pop().unwrap_or_default();
        out.clear();
        Ok(Some(Block { first, bytes, out }))
    }
}

/// Read from `r` until `bytes` holds `size` bytes or the input ends (then
/// `end` is set); straight into `bytes`, past any buffer of the reader.
fn fill(r: &mut dyn Read, bytes: &mut Vec<u8>, size: usize, end: &mut bool) -> io::Result<()> {
    if !*end && bytes.len() < size {
        let want = size - bytes.len();
        bytes.reserve(want);
        // Reads into the spare room as it is, without clearing it first.
        if r.take(want as u64).read_to_end(bytes)? < want {
            *end = true;
        }
    }
    Ok(())
}

/// What reading a block of lines found.
#[derive(Default)]
struct Lines {
    tally: Tally,
    /// The problems, rendered.
    report: String,
    /// Some line held a record.
    any: bool,
}

/// Check the lines of a block, passing each good record to `f` with its
/// line's place in the block, rendering the problems into `seen`. True:
/// stop reading the file (a line is not UTF-8).
fn lines(how: &Reading<'_>, name: &str, b: &Block, seen: &mut Lines, f: &mut dyn FnMut(usize, Respondent)) -> bool {
    let lang = how.lang;
    let (mut start, mut k) = (0, 0);
    while start < b.bytes.len() {
        let end = memchr::memchr(b'\n', &b.bytes[start..]).map_or(b.bytes.len(), |i| start + i + 1);
        let raw = &b.bytes[start..end];
        let line = b.first + k;
        start = end;
        k += 1;
        let text = match std::str::from_utf8(raw) {
            Ok(t) => t,
            Err(e) => {
                let lossy = String::from_utf8_lossy(raw);
                let lossy = lossy.trim_end_matches(['\n', '\r']);
                let d = not_utf8(e.valid_up_to(), lang);
                seen.report.push_str(&diag::render_from(name, lossy, line, &[d], lang));
                seen.tally.reject(1);
                return true;
            }
        };
        let full = text.trim_end_matches(['\n', '\r']);
        // A byte-order mark before the first line is not part of it.
        let (body, bom) = match full.strip_prefix('\u{feff}') {
            Some(rest) if line == 1 => (rest, full.len() - rest.len()),
            _ => (full, 0),
        };
        if body.trim().is_empty() {
            continue;
        }
        seen.any = true;
        match how.checker.line(body) {
            Ok(resp) => {
                seen.tally.good += 1;
                f(k - 1, resp);
            }
            Err(diags) => {
                let diags = shift(diags, bom);
                seen.report.push_str(&diag::render_from(name, full, line, &diags, lang));
                seen.tally.reject(errors(&diags));
            }
        }
    }
    false
}

// ---------------------------------------------------------------------------
// The spool of checked respondents.

/// Bytes of spool a block: about 200 records.
const SPOOL_BLOCK: usize = 32 << 10;

/// Checked respondents in a temporary file (gone when dropped), in order.
/// A record is its length (4 bytes) and then: the rater role (1 byte), each
/// answer (1 byte: 0 skipped, else 1 + value − scale min), the name,
/// department, rater name, session and time (each a length, 4 bytes, or
/// none, then the text), and the seconds answering (a flag, then 8 bytes).
pub struct Spool {
    file: BufWriter<File>,
    /// Bytes written.
    len: u64,
    /// Records written.
    pub count: usize,
    enc: Encoder,
}

/// Writes respondents in the spool's form.
#[derive(Clone, Copy)]
pub struct Encoder {
    items: usize,
    min: i64,
}

/// Where the spool stood before an input, to leave it out again.
#[derive(Clone, Copy)]
pub struct Mark {
    len: u64,
    count: usize,
    good: usize,
}

const NONE: u32 = u32::MAX;

impl Encoder {
    /// Append one record.
    pub fn encode(&self, r: &Respondent, out: &mut Vec<u8>) {
        let start = out.len();
        out.extend_from_slice(&[0; 4]);
        out.push(Role::ALL.iter().position(|x| *x == r.rater.role).unwrap_or(0) as u8);
        for v in r.values.iter().take(self.items) {
            match v.map(|v| v.wrapping_sub(self.min).wrapping_add(1)) {
                None => out.push(0),
                Some(b @ 1..=254) => out.push(b as u8),
                // Never on a checked scale (at most 11 points); kept whole anyway.
                Some(_) => {
                    out.push(255);
                    out.extend_from_slice(&v.unwrap_or(0).to_le_bytes());
                }
            }
        }
        for _ in r.values.len()..self.items {
            out.push(0);
        }
        let text = |out: &mut Vec<u8>, t: Option<&str>| match t {
            Some(t) => {
                out.extend_from_slice(&u32::try_from(t.len()).unwrap_or(NONE - 1).to_le_bytes());
                out.extend_from_slice(t.as_bytes());
            }
            None => out.extend_from_slice(&NONE.to_le_bytes()),
        };
        text(out, Some(&r.subject.name));
        text(out, r.subject.department.as_deref());
        text(out, r.rater.name.as_deref());
        text(out, r.session.as_deref());
        text(out, r.taken_at.as_deref());
        match r.seconds {
            Some(s) => {
                out.push(1);
                out.extend_from_slice(&s.to_le_bytes());
            }
            None => out.push(0),
        }
        let len = u32::try_from(out.len() - start - 4).unwrap_or(NONE);
        out[start..start + 4].copy_from_slice(&len.to_le_bytes());
    }

    /// Read one record's body back; None if it is not one (a bug).
    pub fn decode(&self, mut b: &[u8]) -> Option<Respondent> {
        let mut take = |n: usize| -> Option<&[u8]> {
            let (head, rest) = b.split_at_checked(n)?;
            b = rest;
            Some(head)
        };
        let role = *Role::ALL.get(usize::from(take(1)?[0]))?;
        let mut values = Vec::with_capacity(self.items);
        for _ in 0..self.items {
            values.push(match take(1)?[0] {
                0 => None,
                255 => Some(i64::from_le_bytes(take(8)?.try_into().ok()?)),
                x => Some(self.min + i64::from(x) - 1),
            });
        }
        let mut text = || -> Option<Option<String>> {
            let len = u32::from_le_bytes(take(4)?.try_into().ok()?);
            if len == NONE {
                return Some(None);
            }
            let bytes = take(usize::try_from(len).ok()?)?;
            Some(Some(String::from_utf8(bytes.to_vec()).ok()?))
        };
        let name = text()??;
        let department = text()?;
        let rater = text()?;
        let session = text()?;
        let taken_at = text()?;
        let seconds = match take(1)?[0] {
            0 => None,
            _ => Some(f64::from_le_bytes(take(8)?.try_into().ok()?)),
        };
        Some(Respondent {
            subject: Subject { name, department },
            rater: Rater { role, name: rater },
            session,
            taken_at,
            values,
            seconds,
        })
    }
}

impl Spool {
    pub fn new(items: usize, min: i64) -> io::Result<Spool> {
        let file = tempfile::tempfile()?;
        Ok(Spool { file: BufWriter::with_capacity(1 << 16, file), len: 0, count: 0, enc: Encoder { items, min } })
    }

    pub fn encoder(&self) -> Encoder {
        self.enc
    }

    /// Append `n` encoded records.
    pub fn append(&mut self, records: &[u8], n: usize) -> io::Result<()> {
        self.file.write_all(records)?;
        self.len += records.len() as u64;
        self.count += n;
        Ok(())
    }

    pub fn mark(&self, tally: &Tally) -> Mark {
        Mark { len: self.len, count: self.count, good: tally.good }
    }

    /// Leave out what was appended since `mark`, and its good records.
    pub fn rollback(&mut self, mark: Mark, tally: &mut Tally) -> io::Result<()> {
        self.file.flush()?;
        let f = self.file.get_mut();
        f.set_len(mark.len)?;
        f.seek(io::SeekFrom::Start(mark.len))?;
        self.len = mark.len;
        self.count = mark.count;
        tally.good = mark.good;
        Ok(())
    }

    /// Done writing: the records, from the first.
    pub fn finish(self) -> io::Result<Records> {
        let mut f = self.file.into_inner().map_err(|e| e.into_error())?;
        f.seek(io::SeekFrom::Start(0))?;
        Ok(Records { reader: f, end: false, carry: Vec::new(), spare: Vec::new(), enc: self.enc })
    }
}

/// The spool's records, read back a block at a time.
pub struct Records {
    reader: File,
    end: bool,
    carry: Vec<u8>,
    spare: Vec<Vec<u8>>,
    enc: Encoder,
}

impl Records {
    pub fn encoder(&self) -> Encoder {
        self.enc
    }

    /// The next block of whole records: a few hundred, whose results make
    /// a block of output of about a megabyte.
    pub fn next_block(&mut self) -> io::Result<Option<Vec<u8>>> {
        let mut bytes = self.spare.pop().unwrap_or_default();
        bytes.clear();
        bytes.append(&mut self.carry);
        fill(&mut self.reader, &mut bytes, SPOOL_BLOCK, &mut self.end)?;
        // Cut after the last whole record.
        let mut at = 0;
        while let Some(len) = bytes.get(at..at + 4) {
            let len = u32::from_le_bytes(len.try_into().unwrap_or([0; 4])) as usize;
            if at + 4 + len > bytes.len() {
                if self.end {
                    return Err(io::Error::other("the spool ends inside a record"));
                }
                break;
            }
            at += 4 + len;
        }
        if at == 0 && !bytes.is_empty() && !self.end {
            // A record longer than a block: read on to its end.
            let len = u32::from_le_bytes(bytes[..4].try_into().unwrap_or([0; 4])) as usize;
            fill(&mut self.reader, &mut bytes, 4 + len, &mut self.end)?;
            at = (4 + len).min(bytes.len());
        }
        self.carry.extend_from_slice(&bytes[at..]);
        bytes.truncate(at);
        Ok((!bytes.is_empty()).then_some(bytes))
    }

    /// How many records a block holds.
    pub fn count(block: &[u8]) -> usize {
        let (mut at, mut n) = (0, 0);
        while let Some(len) = block.get(at..at + 4) {
            at += 4 + u32::from_le_bytes(len.try_into().unwrap_or([0; 4])) as usize;
            n += 1;
        }
        n
    }

    /// Take back a block's buffer.
    pub fn give_back(&mut self, bytes: Vec<u8>) {
        self.spare.push(bytes);
    }

    /// Every record of a block.
    pub fn each(enc: Encoder, block: &[u8], f: &mut dyn FnMut(Respondent)) -> io::Result<()> {
        let mut at = 0;
        while at + 4 <= block.len() {
            let len = u32::from_le_bytes(block[at..at + 4].try_into().unwrap_or([0; 4])) as usize;
            let body = block.get(at + 4..at + 4 + len).ok_or_else(|| io::Error::other("a broken spool record"))?;
            f(enc.decode(body).ok_or_else(|| io::Error::other("a broken spool record"))?);
            at += 4 + len;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn respondents_come_back_from_the_spool_as_they_went_in() {
        let people = [
            Respondent {
                subject: Subject { name: "张三".into(), department: Some("秘书处".into()) },
                rater: Rater { role: Role::Peer, name: Some("李四".into()) },
                session: Some("2026秋".into()),
                taken_at: Some("2026-11-28T09:30:00+08:00".into()),
                values: vec![Some(1), None, Some(5), Some(3)],
                seconds: Some(12.5),
            },
            Respondent {
                subject: Subject { name: String::new(), department: None },
                rater: Rater { role: Role::SelfRating, name: None },
                session: None,
                taken_at: None,
                values: vec![None, None, Some(1000), Some(-7)],
                seconds: None,
            },
        ];
        let mut spool = Spool::new(4, 1).unwrap();
        let mut out = Vec::new();
        for p in &people {
            spool.encoder().encode(p, &mut out);
        }
        spool.append(&out, 2).unwrap();
        let mark = spool.mark(&Tally { good: 2, ..Tally::default() });
        let mut out = Vec::new();
        spool.encoder().encode(&people[0], &mut out);
        spool.append(&out, 1).unwrap();
        let mut tally = Tally { good: 3, ..Tally::default() };
        spool.rollback(mark, &mut tally).unwrap();
        assert_eq!((spool.count, tally.good), (2, 2));
        let mut records = spool.finish().unwrap();
        let mut back = Vec::new();
        while let Some(b) = records.next_block().unwrap() {
            Records::each(records.encoder(), &b, &mut |r| back.push(r)).unwrap();
        }
        assert_eq!(back, people);
    }
}

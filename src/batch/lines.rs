//! JSON Lines, a block of whole lines at a time: the block reader, the one
//! loop that works on blocks on every core in order ([`Blocks::in_order`],
//! [`each_line`]: answers for `score`, results for `group` and `import`),
//! and the checking of the lines of a block of answers.

use std::io::{self, BufRead, Read};

use crate::answers;
use crate::diag;
use crate::error::{Limit, OverLimit};
use crate::pipeline;
use crate::response::Respondent;

use super::{Reading, Tally, errors, not_utf8};

/// About this many bytes a block: enough to keep a thread busy for a while,
/// few enough that a handful in flight take little memory.
pub const BLOCK: usize = 256 << 10;

/// The block of result files: results are large (some 6 KB), so bigger
/// blocks than for answers (some 150 results each) keep threads from
/// waiting on each other.
pub const RESULT_BLOCK: usize = 1 << 20;

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

    /// Every block worked on `threads` threads and taken in the order of the
    /// blocks: `work` makes a block's outcome on any thread, writing what it
    /// makes into the block's spare buffer; `done` takes each outcome with
    /// that buffer, and says whether to go on. Buffers are reused, and only
    /// a few blocks are in flight: memory stays the same whatever the input.
    pub fn in_order<O: Send, E>(
        &mut self,
        threads: usize,
        io_err: impl Fn(io::Error) -> E,
        work: impl Fn(&Block, &mut Vec<u8>) -> O + Sync,
        mut done: impl FnMut(O, &[u8]) -> Result<bool, E>,
    ) -> Result<(), E> {
        let blocks = std::cell::RefCell::new(self);
        pipeline::in_order(
            threads,
            || blocks.borrow_mut().next_block().map_err(&io_err),
            |mut b: Block| {
                let mut out = std::mem::take(&mut b.out);
                out.clear();
                let outcome = work(&b, &mut out);
                (b, out, outcome)
            },
            |(b, out, outcome)| {
                let go = done(outcome, &out)?;
                blocks.borrow_mut().give_back(b.bytes, out);
                Ok(go)
            },
        )
    }

    /// Take back a block's buffers.
    pub fn give_back(&mut self, bytes: Vec<u8>, out: Vec<u8>) {
        self.spare.push(bytes);
        self.spare.push(out);
    }

    /// Read the rest of a line that began the block (`bytes` holds no line
    /// break): at most [`Limit::Record`] in all.
    fn long_line(&mut self, bytes: &mut Vec<u8>) -> io::Result<()> {
        let limit = Limit::Record.bytes() as usize;
        let over = OverLimit { limit: Limit::Record, line: Some(self.line) };
        loop {
            let buf = self.reader.fill_buf()?;
            if buf.is_empty() {
                self.end = true;
                return Ok(());
            }
            let (take, done) = match memchr::memchr(b'\n', buf) {
                Some(i) => (i + 1, true),
                None => (buf.len(), false),
            };
            if bytes.len() + take > limit + 1 {
                return Err(over.into_io());
            }
            bytes.extend_from_slice(&buf[..take]);
            self.reader.consume(take);
            if done {
                return Ok(());
            }
        }
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
                    // One very long line: read on to its end, up to the limit.
                    self.long_line(&mut bytes)?;
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
pub(super) fn fill(r: &mut dyn Read, bytes: &mut Vec<u8>, size: usize, end: &mut bool) -> io::Result<()> {
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
pub(super) struct Lines {
    pub(super) tally: Tally,
    /// The records with problems: their line, its text and the problems,
    /// rendered only as the file's first ones are printed.
    pub(super) bad: Vec<Bad>,
    /// Some line held a record.
    pub(super) any: bool,
}

/// A record of JSON Lines with problems.
pub(super) struct Bad {
    pub(super) line: usize,
    pub(super) text: String,
    pub(super) diags: Vec<diag::Diagnostic>,
}

impl Lines {
    /// The problems, as many as `shown` (the file's count so far) admits,
    /// rendered in order; the others counted in it.
    pub(super) fn render(&self, name: &str, lang: crate::lang::Lang, shown: &mut diag::Shown) -> String {
        let mut out = String::new();
        for b in &self.bad {
            out.push_str(&diag::render_counted(name, &b.text, b.line, &b.diags, lang, shown));
        }
        out
    }
}

/// What [`each_line`] read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LinesRead {
    /// Whether any line was not empty.
    pub any: bool,
    /// Lines that were not good.
    pub rejected: usize,
}

/// The lines of JSON Lines, on `threads` threads: `line` makes each line
/// (its number and bytes) into a value, or into its problem rendered, or
/// None for a line to pass over (empty); in the order of the lines, every
/// problem is counted and printed to stderr while `shown` admits it (at most
/// [`crate::diag::MAX_SHOWN`] a file), and every value handed to `take`.
pub fn each_line<T: Send, E>(
    blocks: &mut Blocks<'_>,
    threads: usize,
    shown: &mut crate::diag::Shown,
    io_err: impl Fn(io::Error) -> E,
    line: impl Fn(usize, &[u8]) -> Option<Result<T, String>> + Sync,
    mut take: impl FnMut(T) -> Result<(), E>,
) -> Result<LinesRead, E> {
    let mut read = LinesRead::default();
    blocks.in_order(
        threads,
        io_err,
        |b, _| b.lines().filter_map(|(n, raw)| line(n, raw)).collect::<Vec<_>>(),
        |outcomes, _| {
            read.any |= !outcomes.is_empty();
            for outcome in outcomes {
                match outcome {
                    Ok(value) => take(value)?,
                    Err(problem) => {
                        if shown.admit(1) == 1 {
                            eprint!("{problem}");
                        }
                        read.rejected += 1;
                    }
                }
            }
            Ok(true)
        },
    )?;
    Ok(read)
}

/// Check the lines of a block, passing each good record to `f` with its
/// line's place in the block, keeping the problems in `seen`. True:
/// stop reading the file (a line is not UTF-8).
pub(super) fn lines(how: &Reading<'_>, b: &Block, seen: &mut Lines, f: &mut dyn FnMut(usize, Respondent)) -> bool {
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
                seen.bad.push(Bad { line, text: lossy.to_string(), diags: vec![d] });
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
                let diags = answers::shift(diags, bom);
                seen.tally.reject(errors(&diags));
                seen.bad.push(Bad { line, text: full.to_string(), diags });
            }
        }
    }
    false
}

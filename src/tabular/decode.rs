//! Reading the grid: the encoding of a delimited file sniffed, its text
//! decoded to UTF-8 on the way in, and CSV, TSV or a workbook read into rows
//! of cells.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{self, BufRead, Read};
use std::rc::Rc;

use crate::diag::Diagnostic;
use crate::error::{Limit, OverLimit};
use crate::i18n;
use crate::lang::Lang;

use super::Problem;

/// A cell as the file holds it.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
pub(super) enum Cell<'a> {
    Empty,
    Text(Cow<'a, str>),
    Number(f64),
    Bool(bool),
    /// An Excel date and time: days since 1899-12-30.
    Date(f64),
    /// An Excel error value such as #N/A.
    Error(String),
}

impl Cell<'_> {
    pub(super) fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, for names and other metadata.
    pub(super) fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().to_string(),
            Cell::Number(v) if v.fract() == 0.0 && v.abs() < 1e15 => format!("{}", *v as i64),
            Cell::Number(v) => v.to_string(),
            Cell::Bool(b) => b.to_string(),
            Cell::Date(d) => d.to_string(),
            Cell::Error(e) => e.clone(),
        }
    }
}

/// One row of the grid, as read.
pub(super) struct GridRow<'a> {
    /// Row number as a spreadsheet shows it.
    pub(super) row: usize,
    /// Line in the file where the row starts (the row number for workbooks).
    pub(super) line: usize,
    pub(super) cells: Vec<Cell<'a>>,
}

/// Decode CSV bytes: UTF-8 without its byte-order mark, or GB18030.
pub fn decode(bytes: &[u8]) -> String {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return text.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(_) => encoding_rs::GB18030.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

/// Opens the file again from its start: a table is read more than once
/// (its encoding, then its rows), never held whole.
pub type Open<'a> = dyn Fn() -> io::Result<Box<dyn BufRead + 'a>> + 'a;

/// How the text of a delimited file is encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Encoding {
    /// UTF-8; `skip` bytes of byte-order mark first.
    Utf8 { skip: usize },
    /// Anything else, decoded to UTF-8 on the way in.
    Other { enc: &'static encoding_rs::Encoding, skip: usize },
}

/// The encoding: a byte-order mark says; else UTF-8 if the whole file is;
/// else whichever of UTF-8 and GB18030 reads with fewer errors, UTF-8 on a
/// tie: a UTF-8 file with a stray byte stays UTF-8 (that byte is a problem
/// of its row), a GBK file as Excel on Chinese Windows saves it is GB18030.
/// Reads the file through once, a block at a time, and a second time only
/// where it is not all UTF-8.
pub(super) fn sniff_encoding(open: &Open<'_>) -> io::Result<Encoding> {
    let mut r = open()?;
    let head = r.fill_buf()?;
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(head) {
        return Ok(if enc == encoding_rs::UTF_8 {
            Encoding::Utf8 { skip: bom }
        } else {
            Encoding::Other { enc, skip: bom }
        });
    }
    let mut utf8 = Utf8Errors::default();
    loop {
        let buf = r.fill_buf()?;
        let last = buf.is_empty();
        utf8.feed(buf, last);
        let n = buf.len();
        r.consume(n);
        if last {
            break;
        }
    }
    if utf8.errors == 0 {
        return Ok(Encoding::Utf8 { skip: 0 });
    }
    // As GB18030, until it has as many errors as UTF-8.
    let mut r = open()?;
    let mut gb = encoding_rs::GB18030.new_decoder_without_bom_handling();
    let mut gb_errors = 0usize;
    let mut scratch = vec![0u8; 1 << 16];
    while gb_errors < utf8.errors {
        let buf = r.fill_buf()?;
        let last = buf.is_empty();
        let mut input = buf;
        loop {
            let (result, read, _) = gb.decode_to_utf8_without_replacement(input, &mut scratch, last);
            input = &input[read..];
            match result {
                encoding_rs::DecoderResult::InputEmpty => break,
                encoding_rs::DecoderResult::OutputFull => {}
                encoding_rs::DecoderResult::Malformed(..) => gb_errors += 1,
            }
        }
        let n = buf.len();
        r.consume(n);
        if last {
            break;
        }
    }
    Ok(if gb_errors < utf8.errors {
        Encoding::Other { enc: encoding_rs::GB18030, skip: 0 }
    } else {
        Encoding::Utf8 { skip: 0 }
    })
}

/// Invalid UTF-8 sequences counted block by block, an incomplete
/// character carried over.
#[derive(Default)]
struct Utf8Errors {
    carry: Vec<u8>,
    errors: usize,
}

impl Utf8Errors {
    fn feed(&mut self, block: &[u8], last: bool) {
        let mut owned;
        let mut rest: &[u8] = if self.carry.is_empty() {
            block
        } else {
            owned = std::mem::take(&mut self.carry);
            owned.extend_from_slice(block);
            &owned[..]
        };
        loop {
            match std::str::from_utf8(rest) {
                Ok(_) => return,
                Err(e) => match e.error_len() {
                    Some(k) => {
                        self.errors += 1;
                        rest = &rest[e.valid_up_to() + k..];
                    }
                    None if last => {
                        self.errors += 1;
                        return;
                    }
                    None => {
                        self.carry = rest[e.valid_up_to()..].to_vec();
                        return;
                    }
                },
            }
        }
    }
}

/// A reader that decodes another encoding to UTF-8 as it goes.
pub(super) struct Decoding<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    out: Vec<u8>,
    pos: usize,
    done: bool,
}

impl<R: BufRead> Decoding<R> {
    pub(super) fn new(inner: R, enc: &'static encoding_rs::Encoding) -> Self {
        Decoding { inner, decoder: enc.new_decoder_without_bom_handling(), out: Vec::new(), pos: 0, done: false }
    }
}

impl<R: BufRead> Read for Decoding<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.pos == self.out.len() && !self.done {
            let input = self.inner.fill_buf()?;
            let last = input.is_empty();
            self.out.clear();
            self.pos = 0;
            let room = self.decoder.max_utf8_buffer_length(input.len()).unwrap_or(input.len() * 3 + 16).max(16);
            self.out.resize(room, 0);
            let (_, read, written, _) = self.decoder.decode_to_utf8(input, &mut self.out, last);
            self.out.truncate(written);
            self.inner.consume(read);
            self.done = last;
        }
        let n = buf.len().min(self.out.len() - self.pos);
        buf[..n].copy_from_slice(&self.out[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// The line each byte of a delimited file is on, as the text goes to the
/// CSV reader (whose own count knows only LF, and puts a record after
/// blank lines or a CRLF on the line before): CR, LF and CRLF each end a
/// line. And a limit on how far one record may run.
#[derive(Debug, Default)]
struct Lines {
    /// Bytes passed on so far.
    offset: u64,
    /// Line breaks passed on so far.
    breaks: u64,
    /// The last byte passed on was a CR.
    after_cr: bool,
    /// The next byte starts a line.
    at_start: bool,
    /// (offset, line) of the lines with something on them, from where
    /// the last record began.
    starts: VecDeque<(u64, u64)>,
    /// Where the record being read began, at most.
    record: u64,
}

/// Most line starts held at once: more are in one record (a quoted cell of
/// a million lines), which is then over the limit.
const MAX_STARTS: usize = 1 << 20;

impl Lines {
    fn see(&mut self, buf: &[u8]) {
        let mut i = 0;
        while i < buf.len() {
            if self.at_start && !matches!(buf[i], b'\r' | b'\n') {
                self.starts.push_back((self.offset + i as u64, self.breaks + 1));
                self.at_start = false;
            }
            if !self.at_start {
                match memchr::memchr2(b'\r', b'\n', &buf[i..]) {
                    Some(j) => i += j,
                    None => break,
                }
            }
            let crlf = buf[i] == b'\n' && if i > 0 { buf[i - 1] == b'\r' } else { self.after_cr };
            if !crlf {
                self.breaks += 1;
            }
            self.at_start = true;
            i += 1;
        }
        if let Some(&b) = buf.last() {
            self.after_cr = b == b'\r';
        }
        self.offset += buf.len() as u64;
    }

    /// The line of the first line with something on it at or after `at`;
    /// the starts before it are let go.
    fn line_at(&mut self, at: u64) -> u64 {
        while self.starts.front().is_some_and(|s| s.0 < at) {
            self.starts.pop_front();
        }
        self.starts.front().map_or(self.breaks + 1, |s| s.1)
    }

    fn over(&self) -> bool {
        self.offset.saturating_sub(self.record) > Limit::Record.bytes() + (1 << 16) || self.starts.len() > MAX_STARTS
    }
}

/// A reader that passes a delimited file's text on, its lines counted.
struct Counted<'a> {
    inner: Box<dyn Read + 'a>,
    lines: Rc<RefCell<Lines>>,
}

impl Read for Counted<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut lines = self.lines.borrow_mut();
        lines.see(&buf[..n]);
        if lines.over() {
            return Err(OverLimit { limit: Limit::Record, line: None }.into_io());
        }
        Ok(n)
    }
}

/// A byte of a UTF-8 file that is not UTF-8: in which cell (0-based), and
/// the byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct NotUtf8 {
    pub(super) column: usize,
    pub(super) byte: u8,
}

/// One record of a delimited file.
#[derive(Clone, Copy, Debug)]
pub(super) struct Found {
    /// The line it starts on; also its row number in messages, so that the
    /// two agree (SPEC §15).
    pub(super) line: usize,
    /// Where it is not UTF-8 (its text is then read with U+FFFD there).
    pub(super) bad: Option<NotUtf8>,
}

/// The records of a delimited file as UTF-8 text, one at a time.
pub(super) struct Delimited<'a> {
    reader: csv::Reader<Counted<'a>>,
    lines: Rc<RefCell<Lines>>,
    raw: csv::ByteRecord,
    lang: Lang,
}

impl<'a> Delimited<'a> {
    pub(super) fn open(open: &Open<'a>, enc: Encoding, tab: bool, lang: Lang) -> Result<Self, Box<Problem>> {
        let fail = |detail: String| Box::new(read_failure(0, detail, lang));
        let cause = |e: std::io::Error| fail(i18n::msg(lang).io_cause(&e));
        let mut r = open().map_err(cause)?;
        let skip = match enc {
            Encoding::Utf8 { skip } | Encoding::Other { skip, .. } => skip,
        };
        let available = r.fill_buf().map_err(cause)?.len();
        r.consume(skip.min(available));
        let input: Box<dyn Read + 'a> = match enc {
            Encoding::Utf8 { .. } => Box::new(r),
            Encoding::Other { enc, .. } => Box::new(Decoding::new(r, enc)),
        };
        let lines = Rc::new(RefCell::new(Lines { at_start: true, ..Lines::default() }));
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(if tab { b'\t' } else { b',' })
            .buffer_capacity(1 << 16)
            .from_reader(Counted { inner: input, lines: Rc::clone(&lines) });
        Ok(Delimited { reader, lines, raw: csv::ByteRecord::new(), lang })
    }

    /// The next record into `rec`, with the line it starts on; None at the end.
    pub(super) fn next(&mut self, rec: &mut csv::StringRecord) -> Result<Option<Found>, Box<Problem>> {
        let read = self.reader.read_byte_record(&mut self.raw);
        let mut lines = self.lines.borrow_mut();
        match read {
            Ok(false) => Ok(None),
            Ok(true) => {
                let start = self.raw.position().map_or(0, csv::Position::byte);
                let line = usize::try_from(lines.line_at(start)).unwrap_or(usize::MAX);
                lines.record = self.reader.position().byte();
                if self.raw.len() > super::MAX_COLUMNS {
                    let text = i18n::msg(self.lang);
                    let diag =
                        Diagnostic::error(text.row_too_many_columns(super::MAX_COLUMNS)).help(text.sheet_limit_help());
                    return Err(Box::new(Problem { line, column: 0, diag }));
                }
                let bad = utf8_record(&self.raw, rec);
                Ok(Some(Found { line, bad }))
            }
            Err(e) => {
                let record = lines.record;
                let line = usize::try_from(lines.line_at(record)).unwrap_or(0);
                let over = match e.kind() {
                    csv::ErrorKind::Io(io) => OverLimit::of(io).is_some(),
                    _ => false,
                };
                if over {
                    let text = i18n::msg(self.lang);
                    let diag = Diagnostic::error(text.row_too_long(Limit::Record.mib())).help(text.sheet_limit_help());
                    return Err(Box::new(Problem { line, column: 0, diag }));
                }
                let detail = match e.kind() {
                    csv::ErrorKind::Io(io) => i18n::msg(self.lang).io_cause(io),
                    _ => e.to_string(),
                };
                Err(Box::new(read_failure(line, detail, self.lang)))
            }
        }
    }
}

/// A record's bytes as text into `rec`; where a cell is not UTF-8, it is
/// read with U+FFFD and the first such byte is returned.
fn utf8_record(raw: &csv::ByteRecord, rec: &mut csv::StringRecord) -> Option<NotUtf8> {
    rec.clear();
    let mut bad = None;
    for (column, field) in raw.iter().enumerate() {
        match std::str::from_utf8(field) {
            Ok(t) => rec.push_field(t),
            Err(e) => {
                bad = bad.or(Some(NotUtf8 { column, byte: field[e.valid_up_to()] }));
                rec.push_field(&String::from_utf8_lossy(field));
            }
        }
    }
    bad
}

/// A record's cells.
pub(super) fn cells(rec: &csv::StringRecord) -> Vec<Cell<'_>> {
    rec.iter().map(|c| if c.is_empty() { Cell::Empty } else { Cell::Text(Cow::Borrowed(c)) }).collect()
}

/// The problem of a cell that is not UTF-8.
pub(super) fn not_utf8(line: usize, bad: NotUtf8, header: &str, lang: Lang) -> Problem {
    let text = i18n::msg(lang);
    let at = text.cell_place(line, &super::columns::column_name(bad.column, header, lang));
    let diag = Diagnostic::error(format!("{at}{}", text.cell_not_utf8(bad.byte))).help(text.cell_not_utf8_help());
    Problem { line, column: bad.column + 1, diag }
}

/// Every row of a delimited file, in order, as UTF-8 text; `f` returns
/// false to stop. Rows with nothing in them are passed on too; a row that
/// is not UTF-8 is a problem when `strict` (the header), else passed on.
pub(super) fn delimited_rows(
    open: &Open<'_>,
    enc: Encoding,
    tab: bool,
    lang: Lang,
    strict: bool,
    f: &mut dyn FnMut(GridRow<'_>) -> bool,
) -> Result<(), Box<Problem>> {
    let mut rows = Delimited::open(open, enc, tab, lang)?;
    let mut rec = csv::StringRecord::new();
    while let Some(found) = rows.next(&mut rec)? {
        if let Some(bad) = found.bad.filter(|_| strict) {
            return Err(Box::new(not_utf8(found.line, bad, "", lang)));
        }
        if !f(GridRow { row: found.line, line: found.line, cells: cells(&rec) }) {
            break;
        }
    }
    Ok(())
}

/// A delimited file that cannot be read (on).
pub(super) fn read_failure(line: usize, detail: String, lang: Lang) -> Problem {
    let text = i18n::msg(lang);
    Problem { line, column: 0, diag: Diagnostic::error(text.csv_unreadable(&detail)).help(text.csv_unreadable_help()) }
}

//! Reading the grid: the encoding of a delimited file sniffed, its text
//! decoded to UTF-8 on the way in, and CSV, TSV or a workbook read into rows
//! of cells.

use std::borrow::Cow;
use std::io::{self, BufRead, Read};

use crate::diag::Diagnostic;
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

/// The encoding: a byte-order mark says; else UTF-8 if the whole file is,
/// else GB18030. Reads the file through once, a block at a time.
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
    // Validate block by block, carrying an incomplete character over.
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(if carry.is_empty() {
                Encoding::Utf8 { skip: 0 }
            } else {
                Encoding::Other { enc: encoding_rs::GB18030, skip: 0 }
            });
        }
        let n = buf.len();
        let ok = if carry.is_empty() {
            match std::str::from_utf8(buf) {
                Ok(_) => true,
                Err(e) if e.error_len().is_none() => {
                    carry.extend_from_slice(&buf[e.valid_up_to()..]);
                    true
                }
                Err(_) => false,
            }
        } else {
            carry.extend_from_slice(buf);
            match std::str::from_utf8(&carry) {
                Ok(_) => {
                    carry.clear();
                    true
                }
                Err(e) if e.error_len().is_none() => {
                    carry.drain(..e.valid_up_to());
                    carry.len() < 4
                }
                Err(_) => false,
            }
        };
        if !ok {
            return Ok(Encoding::Other { enc: encoding_rs::GB18030, skip: 0 });
        }
        r.consume(n);
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

/// The records of a delimited file as UTF-8 text, one at a time.
pub(super) struct Delimited<'a> {
    reader: csv::Reader<Box<dyn Read + 'a>>,
    /// Records read so far.
    i: usize,
    lang: Lang,
}

impl<'a> Delimited<'a> {
    pub(super) fn open(open: &Open<'a>, enc: Encoding, tab: bool, lang: Lang) -> Result<Self, Box<Problem>> {
        let fail = |detail: String| Box::new(read_failure(0, detail, lang));
        let mut r = open().map_err(|e| fail(e.to_string()))?;
        let skip = match enc {
            Encoding::Utf8 { skip } | Encoding::Other { skip, .. } => skip,
        };
        let available = r.fill_buf().map_err(|e| fail(e.to_string()))?.len();
        r.consume(skip.min(available));
        let input: Box<dyn Read + 'a> = match enc {
            Encoding::Utf8 { .. } => Box::new(r),
            Encoding::Other { enc, .. } => Box::new(Decoding::new(r, enc)),
        };
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(if tab { b'\t' } else { b',' })
            .buffer_capacity(1 << 16)
            .from_reader(input);
        Ok(Delimited { reader, i: 0, lang })
    }

    /// The next record into `rec`, with its row number and the line it
    /// starts on; None at the end.
    pub(super) fn next(&mut self, rec: &mut csv::StringRecord) -> Result<Option<(usize, usize)>, Box<Problem>> {
        match self.reader.read_record(rec) {
            Ok(false) => Ok(None),
            Ok(true) => {
                self.i += 1;
                let i = self.i;
                Ok(Some((i, rec.position().map_or(i, |p| usize::try_from(p.line()).unwrap_or(i)))))
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| usize::try_from(p.line()).unwrap_or(0));
                Err(Box::new(read_failure(line, e.to_string(), self.lang)))
            }
        }
    }
}

/// A record's cells.
pub(super) fn cells(rec: &csv::StringRecord) -> Vec<Cell<'_>> {
    rec.iter().map(|c| if c.is_empty() { Cell::Empty } else { Cell::Text(Cow::Borrowed(c)) }).collect()
}

/// Every row of a delimited file, in order, as UTF-8 text; `f` returns
/// false to stop. Rows with nothing in them are passed on too.
pub(super) fn delimited_rows(
    open: &Open<'_>,
    enc: Encoding,
    tab: bool,
    lang: Lang,
    f: &mut dyn FnMut(GridRow<'_>) -> bool,
) -> Result<(), Box<Problem>> {
    let mut rows = Delimited::open(open, enc, tab, lang)?;
    let mut rec = csv::StringRecord::new();
    while let Some((row, line)) = rows.next(&mut rec)? {
        if !f(GridRow { row, line, cells: cells(&rec) }) {
            break;
        }
    }
    Ok(())
}

/// Without the `xlsx` feature a workbook is refused, saying why.
#[cfg(not(feature = "xlsx"))]
pub(super) fn read_workbook(_bytes: &[u8], lang: Lang) -> Result<Vec<GridRow<'static>>, Box<Problem>> {
    Err(Box::new(Problem {
        line: 0,
        column: 0,
        diag: Diagnostic::error(i18n::msg(lang).workbook_unsupported()).help(i18n::msg(lang).save_as_csv_help()),
    }))
}

#[cfg(feature = "xlsx")]
pub(super) fn read_workbook(bytes: &[u8], lang: Lang) -> Result<Vec<GridRow<'static>>, Box<Problem>> {
    use calamine::{Data, Reader};
    let text = i18n::msg(lang);
    let fail = |detail: String| {
        Box::new(Problem {
            line: 0,
            column: 0,
            diag: Diagnostic::error(text.workbook_unreadable(&detail)).help(text.workbook_unreadable_help()),
        })
    };
    // A damaged workbook must not take the program down: the reader runs
    // behind catch_unwind, with the panic message kept off the terminal.
    let owned = bytes.to_vec();
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let read = std::panic::catch_unwind(move || {
        let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(owned)).map_err(|e| e.to_string())?;
        match book.worksheet_range_at(0) {
            Some(r) => r.map_err(|e| e.to_string()),
            None => Err("no sheet".to_string()),
        }
    });
    std::panic::set_hook(hook);
    let range = match read {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => return Err(fail(e)),
        Err(_) => return Err(fail(text.workbook_damaged().to_string())),
    };
    let Some((row0, col0)) = range.start() else { return Ok(Vec::new()) };
    let (row0, col0) = (row0 as usize, col0 as usize);
    let mut rows = Vec::new();
    for (i, r) in range.rows().enumerate() {
        let mut cells = vec![Cell::Empty; col0];
        cells.extend(r.iter().map(|c| match c {
            Data::Empty => Cell::Empty,
            Data::String(s) => Cell::Text(Cow::Owned(s.clone())),
            Data::Int(v) => Cell::Number(*v as f64),
            Data::Float(v) => Cell::Number(*v),
            Data::Bool(b) => Cell::Bool(*b),
            Data::DateTime(d) => Cell::Date(d.as_f64()),
            Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(Cow::Owned(s.clone())),
            Data::Error(e) => Cell::Error(e.to_string()),
        }));
        let row = row0 + i + 1;
        rows.push(GridRow { row, line: row, cells });
    }
    Ok(rows)
}

/// A delimited file that cannot be read (on).
pub(super) fn read_failure(line: usize, detail: String, lang: Lang) -> Problem {
    let text = i18n::msg(lang);
    Problem { line, column: 0, diag: Diagnostic::error(text.csv_unreadable(&detail)).help(text.csv_unreadable_help()) }
}

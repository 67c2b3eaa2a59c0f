//! Responses from spreadsheets (SPEC §4): a CSV exported by a form service
//! or Excel, or an `.xlsx` workbook (its first sheet). Bytes in, one record
//! per data row out; every bad cell is named by its row and column letter,
//! and every problem of the file is found in one pass.
//!
//! The header row names the columns: metadata by English or Chinese name
//! (name/姓名, department/部门, role/角色, rater/评价人, session/场次,
//! taken_at/时间), items by id, or with `--columns order` in rubric order
//! whatever the header says. A cell is a whole number on the scale, a scale
//! label or the item's own anchor text in any of the rubric's languages
//! (form services export the option text), or empty (skipped).
//!
//! CSV text is UTF-8 (a byte-order mark is dropped) or, when it is not valid
//! UTF-8, GB18030 (which covers GBK and GB2312), as Excel on Chinese Windows
//! saves it.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{self, BufRead, Read};

use chrono::{FixedOffset, NaiveDate, NaiveDateTime, Offset, TimeZone};

use crate::answers::is_skip;
use crate::diag::Diagnostic;
use crate::lang::Lang;
use crate::response::{Respondent, Response};
use crate::result::{Rater, Role, Subject};
use crate::rubric::Rubric;

/// How item columns are matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Columns {
    /// By item id in the header.
    #[default]
    Id,
    /// In rubric order, whatever the header says.
    Order,
}

/// The kind of a spreadsheet file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Csv,
    /// Tab-separated text.
    Tsv,
    /// A workbook: .xlsx (also .xlsm, .xls, .ods): the first sheet.
    Workbook,
}

impl Source {
    /// By the file name, or for stdin (`-`) by the bytes; None for files
    /// that are not spreadsheets.
    pub fn detect(path: &str, bytes: &[u8]) -> Option<Source> {
        if path == "-" {
            if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
                return Some(Source::Workbook);
            }
            return looks_like_csv(bytes);
        }
        let ext = std::path::Path::new(path).extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(Source::Csv),
            "tsv" => Some(Source::Tsv),
            "xlsx" | "xlsm" | "xls" | "ods" => Some(Source::Workbook),
            _ => None,
        }
    }
}

/// Text on stdin that is a table rather than TOML or JSON: its first line
/// has commas or tabs, no `=`, and does not open a JSON value or a TOML table.
fn looks_like_csv(bytes: &[u8]) -> Option<Source> {
    let text = decode(bytes);
    let first = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    if first.starts_with(['{', '[', '#']) || first.contains('=') {
        return None;
    }
    if first.contains('\t') && !first.contains(',') {
        Some(Source::Tsv)
    } else if first.contains(',') {
        Some(Source::Csv)
    } else {
        None
    }
}

/// What the person running the tool said about the columns.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `--columns`; None: by id, or in order where `--item-columns` names
    /// columns whose headers are not all item ids.
    pub columns: Option<Columns>,
    /// `--ignore-columns`, each value split at commas.
    pub ignore: Vec<String>,
    /// `--item-columns`, such as "G:AP" or "D:F,H".
    pub item_columns: Option<String>,
    /// The offset for times written without one (form services write local
    /// time); None: UTC.
    pub offset: Option<FixedOffset>,
}

/// A problem with its place: `line` and `column` are 1-based, 0 where the
/// problem is not of one line or column.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub diag: Diagnostic,
}

/// One data row: a response, or its problems.
#[derive(Debug)]
pub struct Row {
    /// The row number a spreadsheet shows (the header is row 1).
    pub row: usize,
    pub outcome: Result<Response, Vec<Problem>>,
}

/// Everything read from one file.
#[derive(Debug, Default)]
pub struct Sheet {
    /// Problems of the file as a whole (header, columns, encoding);
    /// with an error among them no row is read.
    pub problems: Vec<Problem>,
    pub rows: Vec<Row>,
}

impl Sheet {
    fn fail(p: Problem) -> Sheet {
        Sheet { problems: vec![p], rows: Vec::new() }
    }

    /// Every problem, each as `file:line:column: message` with its help.
    pub fn render(&self, path: &str, lang: Lang) -> String {
        let mut out = String::new();
        let all = self.problems.iter().chain(self.rows.iter().filter_map(|r| r.outcome.as_ref().err()).flatten());
        for p in all {
            out.push_str(&render_problem(path, p, lang));
        }
        out
    }

    /// (records rejected, errors): a file whose header is wrong counts as
    /// one rejected record.
    pub fn counts(&self) -> (usize, usize) {
        let file_errors = self.problems.iter().filter(|p| p.diag.is_error()).count();
        let bad_rows: Vec<&Vec<Problem>> = self.rows.iter().filter_map(|r| r.outcome.as_ref().err()).collect();
        let row_errors: usize = bad_rows.iter().map(|ps| ps.iter().filter(|p| p.diag.is_error()).count()).sum();
        (usize::from(file_errors > 0) + bad_rows.len(), file_errors + row_errors)
    }

    /// The good rows' responses, in row order.
    pub fn into_responses(self) -> Vec<Response> {
        self.rows.into_iter().filter_map(|r| r.outcome.ok()).collect()
    }
}

/// A problem as text: `file:line:column: message`, then its help.
pub fn render_problem(path: &str, p: &Problem, lang: Lang) -> String {
    let place = match (p.line, p.column) {
        (0, _) => path.to_string(),
        (l, 0) => format!("{path}:{l}"),
        (l, c) => format!("{path}:{l}:{c}"),
    };
    let d = Diagnostic { span: None, ..p.diag.clone() };
    crate::diag::render(&place, "", &[d], lang)
}

// ---------------------------------------------------------------------------
// Reading the grid.

/// A cell as the file holds it.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
enum Cell<'a> {
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
    fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, for names and other metadata.
    fn text(&self) -> String {
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
struct GridRow<'a> {
    /// Row number as a spreadsheet shows it.
    row: usize,
    /// Line in the file where the row starts (the row number for workbooks).
    line: usize,
    cells: Vec<Cell<'a>>,
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
enum Encoding {
    /// UTF-8; `skip` bytes of byte-order mark first.
    Utf8 { skip: usize },
    /// Anything else, decoded to UTF-8 on the way in.
    Other { enc: &'static encoding_rs::Encoding, skip: usize },
}

/// The encoding: a byte-order mark says; else UTF-8 if the whole file is,
/// else GB18030. Reads the file through once, a block at a time.
fn sniff_encoding(open: &Open<'_>) -> io::Result<Encoding> {
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
struct Decoding<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    out: Vec<u8>,
    pos: usize,
    done: bool,
}

impl<R: BufRead> Decoding<R> {
    fn new(inner: R, enc: &'static encoding_rs::Encoding) -> Self {
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
struct Delimited<'a> {
    reader: csv::Reader<Box<dyn Read + 'a>>,
    /// Records read so far.
    i: usize,
    lang: Lang,
}

impl<'a> Delimited<'a> {
    fn open(open: &Open<'a>, enc: Encoding, tab: bool, lang: Lang) -> Result<Self, Box<Problem>> {
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
    fn next(&mut self, rec: &mut csv::StringRecord) -> Result<Option<(usize, usize)>, Box<Problem>> {
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
fn cells(rec: &csv::StringRecord) -> Vec<Cell<'_>> {
    rec.iter().map(|c| if c.is_empty() { Cell::Empty } else { Cell::Text(Cow::Borrowed(c)) }).collect()
}

/// Every row of a delimited file, in order, as UTF-8 text; `f` returns
/// false to stop. Rows with nothing in them are passed on too.
fn delimited_rows(
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
fn read_workbook(_bytes: &[u8], lang: Lang) -> Result<Vec<GridRow<'static>>, Box<Problem>> {
    Err(Box::new(Problem {
        line: 0,
        column: 0,
        diag: Diagnostic::error(lang.pick(
            "这个 zhixing 编译时未带工作簿支持（xlsx 功能），无法读取工作簿",
            "this zhixing was built without workbook support (the xlsx feature) and cannot read a workbook",
        ))
        .help(lang.pick("请另存为 CSV 后再试", "save it as CSV and try that")),
    }))
}

#[cfg(feature = "xlsx")]
fn read_workbook(bytes: &[u8], lang: Lang) -> Result<Vec<GridRow<'static>>, Box<Problem>> {
    use calamine::{Data, Reader};
    let fail = |detail: String| {
        Box::new(Problem {
            line: 0,
            column: 0,
            diag: Diagnostic::error(match lang {
                Lang::Zh => format!("无法读取工作簿：{detail}"),
                Lang::En => format!("cannot read the workbook: {detail}"),
            })
            .help(lang.pick(
                "请确认这是 Excel 工作簿（.xlsx），或另存为 CSV 后再试",
                "check that it is an Excel workbook (.xlsx), or save it as CSV and try that",
            )),
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
        Err(_) => return Err(fail(lang.pick("文件已损坏", "the file is damaged").to_string())),
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

// ---------------------------------------------------------------------------
// Columns.

/// The letters of a 0-based column index: 0 → A, 26 → AA.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The 0-based index of column letters (case-insensitive); None if they are
/// not 1 to 3 letters.
pub fn column_index(letters: &str) -> Option<usize> {
    let l = letters.trim();
    if l.is_empty() || l.len() > 3 || !l.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut n = 0usize;
    for c in l.chars() {
        n = n * 26 + (c.to_ascii_uppercase() as usize - 'A' as usize + 1);
    }
    Some(n - 1)
}

/// Column ranges such as "G:AP", "D:F,H" → 0-based indices, in order.
pub fn parse_ranges(spec: &str) -> Option<Vec<usize>> {
    let mut out = Vec::new();
    for part in spec.split([',', '，']).map(str::trim).filter(|p| !p.is_empty()) {
        let (a, b) = match part.split_once([':', '-', '：']) {
            Some((a, b)) => (column_index(a)?, column_index(b)?),
            None => {
                let a = column_index(part)?;
                (a, a)
            }
        };
        if a > b {
            return None;
        }
        out.extend(a..=b);
    }
    (!out.is_empty()).then_some(out)
}

/// Metadata columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Meta {
    Name,
    Department,
    Role,
    Rater,
    Session,
    TakenAt,
}

impl Meta {
    const ALL: [Meta; 6] = [Meta::Name, Meta::Department, Meta::Role, Meta::Rater, Meta::Session, Meta::TakenAt];

    fn names(self) -> (&'static str, &'static str) {
        match self {
            Meta::Name => ("name", "姓名"),
            Meta::Department => ("department", "部门"),
            Meta::Role => ("role", "角色"),
            Meta::Rater => ("rater", "评价人"),
            Meta::Session => ("session", "场次"),
            Meta::TakenAt => ("taken_at", "时间"),
        }
    }

    fn of(header: &str) -> Option<Meta> {
        let h = header.trim();
        Meta::ALL.into_iter().find(|m| {
            let (en, zh) = m.names();
            h.eq_ignore_ascii_case(en) || h == zh
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Use {
    Ignored,
    Meta(Meta),
    /// Index of the item in rubric order.
    Item(usize),
}

/// A column's place in messages: "column D (learning.routine)".
fn column_name(index: usize, header: &str, lang: Lang) -> String {
    let letter = column_letter(index);
    let h = header.trim();
    match (lang, h.is_empty()) {
        (Lang::Zh, true) => format!("{letter} 列"),
        (Lang::Zh, false) => format!("{letter} 列（{h}）"),
        (Lang::En, true) => format!("column {letter}"),
        (Lang::En, false) => format!("column {letter} ({h})"),
    }
}

/// Decide what each column is. Every problem is returned, not the first.
fn plan(
    heads: &[String],
    column_empty: &dyn Fn(usize) -> bool,
    line: usize,
    rubric: &Rubric,
    opts: &Options,
    lang: Lang,
) -> (Vec<Use>, Vec<Problem>) {
    let mut uses: Vec<Option<Use>> = vec![None; heads.len()];
    let mut problems = Vec::new();
    let err = |column: usize, d: Diagnostic| Problem { line, column, diag: d };
    let last = column_letter(heads.len().saturating_sub(1));

    // --ignore-columns: a header, else column letters. One that names no
    // column is only a warning: a column it meant to drop is an error anyway.
    for token in opts.ignore.iter().flat_map(|v| v.split([',', '，'])).map(str::trim).filter(|t| !t.is_empty()) {
        let by_name: Vec<usize> = (0..heads.len()).filter(|&i| heads[i].trim() == token).collect();
        if !by_name.is_empty() {
            for i in by_name {
                uses[i] = Some(Use::Ignored);
            }
            continue;
        }
        match column_index(token) {
            Some(i) if i < heads.len() => uses[i] = Some(Use::Ignored),
            Some(_) => problems.push(err(
                0,
                Diagnostic::warning(match lang {
                    Lang::Zh => format!("--ignore-columns 中的 {token} 超出了表格的范围（最后一列是 {last}）"),
                    Lang::En => format!("--ignore-columns {token}: the table ends at column {last}"),
                }),
            )),
            None => problems.push(err(
                0,
                Diagnostic::warning(match lang {
                    Lang::Zh => format!("--ignore-columns 中的「{token}」既不是表头中的列名，也不是列字母"),
                    Lang::En => {
                        format!("--ignore-columns \"{token}\" is neither a header of the table nor a column letter")
                    }
                })
                .help(lang.pick(
                    "写表头原文，或列字母如 F；多个用逗号分隔",
                    "give a header as written, or a column letter such as F; separate several with commas",
                )),
            )),
        }
    }

    // --item-columns: these and only these are items.
    let item_range: Option<Vec<usize>> = match &opts.item_columns {
        None => None,
        Some(spec) => match parse_ranges(spec) {
            Some(r) if r.iter().all(|&i| i < heads.len()) => Some(r),
            Some(_) => {
                problems.push(err(
                    0,
                    Diagnostic::error(match lang {
                        Lang::Zh => format!("--item-columns {spec} 超出了表格的范围（最后一列是 {last}）"),
                        Lang::En => format!("--item-columns {spec} goes beyond the table, which ends at column {last}"),
                    }),
                ));
                return (Vec::new(), problems);
            }
            None => {
                problems.push(err(
                    0,
                    Diagnostic::error(match lang {
                        Lang::Zh => format!("--item-columns「{spec}」无法识别"),
                        Lang::En => format!("--item-columns \"{spec}\" is not understood"),
                    })
                    .help(lang.pick(
                        "写列字母的范围，如 G:AP；多个范围用逗号分隔，如 D:F,H:K",
                        "write a range of column letters such as G:AP; several with commas, such as D:F,H:K",
                    )),
                ));
                return (Vec::new(), problems);
            }
        },
    };

    // Candidates for items, in column order.
    let mut candidates: Vec<usize> = Vec::new();
    let mut seen_meta: HashMap<Meta, usize> = HashMap::new();
    for i in 0..heads.len() {
        if uses[i].is_some() {
            continue;
        }
        if let Some(range) = &item_range {
            if range.contains(&i) {
                candidates.push(i);
                continue;
            }
        } else if Meta::of(&heads[i]).is_none() && !heads[i].trim().is_empty() {
            candidates.push(i);
            continue;
        }
        if let Some(m) = Meta::of(&heads[i]) {
            if let Some(&first) = seen_meta.get(&m) {
                problems.push(err(
                    i + 1,
                    Diagnostic::error(match lang {
                        Lang::Zh => format!(
                            "{} 与 {} 重复，都是「{}」",
                            column_name(i, &heads[i], lang),
                            column_letter(first),
                            m.names().1
                        ),
                        Lang::En => format!(
                            "{} repeats column {}: both are \"{}\"",
                            column_name(i, &heads[i], lang),
                            column_letter(first),
                            m.names().0
                        ),
                    })
                    .help(ignore_help(i, lang)),
                ));
            } else {
                seen_meta.insert(m, i);
                uses[i] = Some(Use::Meta(m));
            }
            continue;
        }
        if heads[i].trim().is_empty() && column_empty(i) {
            uses[i] = Some(Use::Ignored);
            continue;
        }
        if heads[i].trim().is_empty() {
            problems.push(err(
                i + 1,
                Diagnostic::error(match lang {
                    Lang::Zh => format!("{} 有数据但没有表头", column_name(i, "", lang)),
                    Lang::En => format!("{} has data but no header", column_name(i, "", lang)),
                })
                .help(ignore_help(i, lang)),
            ));
        } else {
            problems.push(err(i + 1, neither(i, &heads[i], rubric, lang)));
        }
        uses[i] = Some(Use::Ignored);
    }

    // Items: by id, or in rubric order.
    let items: Vec<&str> = rubric.items().map(|(_, _, it)| it.id.as_str()).collect();
    let index: HashMap<&str, usize> = items.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let all_ids = candidates.iter().all(|&c| index.contains_key(heads[c].trim()));
    let mode = opts.columns.unwrap_or(if item_range.is_some() && !all_ids { Columns::Order } else { Columns::Id });
    match mode {
        Columns::Id => {
            let mut taken: HashMap<usize, usize> = HashMap::new();
            for &c in &candidates {
                match index.get(heads[c].trim()) {
                    Some(&k) => match taken.get(&k) {
                        Some(&first) => problems.push(err(
                            c + 1,
                            Diagnostic::error(match lang {
                                Lang::Zh => format!(
                                    "{} 与 {} 重复，是同一个条目",
                                    column_name(c, &heads[c], lang),
                                    column_letter(first)
                                ),
                                Lang::En => format!(
                                    "{} repeats column {}: the same item",
                                    column_name(c, &heads[c], lang),
                                    column_letter(first)
                                ),
                            })
                            .help(ignore_help(c, lang)),
                        )),
                        None => {
                            taken.insert(k, c);
                            uses[c] = Some(Use::Item(k));
                        }
                    },
                    None => {
                        problems.push(err(c + 1, neither(c, &heads[c], rubric, lang)));
                        uses[c] = Some(Use::Ignored);
                    }
                }
            }
            let missing: Vec<&str> =
                items.iter().enumerate().filter(|(k, _)| !taken.contains_key(k)).map(|(_, id)| *id).collect();
            if !missing.is_empty() && !candidates.is_empty() && problems.iter().all(|p| !p.diag.is_error()) {
                let shown: Vec<&str> = missing.iter().take(8).copied().collect();
                let more = if missing.len() > shown.len() { "…" } else { "" };
                let list = format!("{}{more}", shown.join(", "));
                let d = if rubric.scale.allow_skip {
                    Diagnostic::warning(match lang {
                        Lang::Zh => format!("有 {} 个条目没有对应的列，按跳过处理：{list}", missing.len()),
                        Lang::En => format!("{} item(s) have no column and count as skipped: {list}", missing.len()),
                    })
                } else {
                    Diagnostic::error(match lang {
                        Lang::Zh => format!("有 {} 个条目没有对应的列：{list}", missing.len()),
                        Lang::En => format!("{} item(s) have no column: {list}", missing.len()),
                    })
                    .help(lang.pick(
                        "此量表不允许跳过：为每个条目加一列，表头写条目标识",
                        "this rubric does not allow skipping: add a column for each item, headed by its id",
                    ))
                };
                problems.push(err(0, d));
            }
        }
        Columns::Order => {
            if candidates.len() != items.len() {
                let span = match (candidates.first(), candidates.last()) {
                    (Some(&a), Some(&b)) => format!("{}–{}", column_letter(a), column_letter(b)),
                    _ => "—".to_string(),
                };
                problems.push(err(
                    0,
                    Diagnostic::error(match lang {
                        Lang::Zh => format!(
                            "按量表顺序对应条目时，条目列有 {} 列（{span}），而量表 {} 有 {} 个条目",
                            candidates.len(),
                            rubric.id,
                            items.len()
                        ),
                        Lang::En => format!(
                            "with the items in rubric order there are {} item columns ({span}), but rubric {} has {} items",
                            candidates.len(),
                            rubric.id,
                            items.len()
                        ),
                    })
                    .help(lang.pick(
                        "用 --ignore-columns 去掉不是题目的列，或用 --item-columns 指明题目所在的列，如 G:AP",
                        "drop the columns that are not questions with --ignore-columns, or name the question columns with --item-columns, such as G:AP",
                    )),
                ));
            } else {
                for (k, &c) in candidates.iter().enumerate() {
                    uses[c] = Some(Use::Item(k));
                }
            }
        }
    }
    if !uses.contains(&Some(Use::Meta(Meta::Name))) {
        problems.push(err(
            0,
            Diagnostic::error(
                lang.pick("表头中没有姓名列（name 或 姓名）", "the header has no name column (name or 姓名)"),
            )
            .help(lang.pick(
                "加一列「姓名」写被评价人的姓名；匿名问卷可填编号",
                "add a column \"name\" with the name of the person assessed; for an anonymous survey, a number will do",
            )),
        ));
    }
    (uses.into_iter().map(|u| u.unwrap_or(Use::Ignored)).collect(), problems)
}

fn ignore_help(i: usize, lang: Lang) -> String {
    let letter = column_letter(i);
    match lang {
        Lang::Zh => format!("用 --ignore-columns {letter} 忽略这一列"),
        Lang::En => format!("leave it out with --ignore-columns {letter}"),
    }
}

fn neither(i: usize, header: &str, rubric: &Rubric, lang: Lang) -> Diagnostic {
    let letter = column_letter(i);
    Diagnostic::error(match lang {
        Lang::Zh => format!("{} 既不是信息列，也不是量表 {} 的条目", column_name(i, header, lang), rubric.id),
        Lang::En => format!("{} is neither a metadata column nor an item of rubric {}", column_name(i, header, lang), rubric.id),
    })
    .help(match lang {
        Lang::Zh => format!(
            "用 --ignore-columns {letter} 忽略它；题目列的表头若是题目原文，用 --columns order 按量表顺序对应，或用 --item-columns 指明题目列（如 G:AP）；信息列的表头可写：姓名、部门、角色、评价人、场次、时间"
        ),
        Lang::En => format!(
            "leave it out with --ignore-columns {letter}; if the question columns are headed by the question text, take them in rubric order with --columns order, or name them with --item-columns (such as G:AP); metadata headers are name, department, role, rater, session, taken_at"
        ),
    })
}

// ---------------------------------------------------------------------------
// Cells.

/// Full-width digits and signs (as typed with a Chinese input method) as ASCII.
fn halfwidth(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '－' => '-',
            c => c,
        })
        .collect()
}

fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    a == b || a.eq_ignore_ascii_case(b)
}

/// An item's answer from its cell: Ok(None) is skipped; Err is the message.
fn item_value(cell: &Cell, item: &crate::rubric::Item, rubric: &Rubric, lang: Lang) -> Result<Option<i64>, String> {
    let (min, max) = (rubric.scale.min, rubric.scale.max);
    let whole = |v: f64| -> Result<Option<i64>, String> {
        if v.fract() == 0.0 && v >= min as f64 && v <= max as f64 {
            Ok(Some(v as i64))
        } else if v.fract() == 0.0 {
            Err(match lang {
                Lang::Zh => format!("{v} 超出量表范围 {min} 到 {max}"),
                Lang::En => format!("{v} is outside the scale {min} to {max}"),
            })
        } else {
            Err(match lang {
                Lang::Zh => format!("{v} 不是整数"),
                Lang::En => format!("{v} is not a whole number"),
            })
        }
    };
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(v) => whole(*v),
        Cell::Text(s) => {
            // Most cells are a plain number: no copy for them.
            if let Ok(v) = s.trim().parse::<i64>() {
                return whole(v as f64);
            }
            if is_skip(s) {
                return Ok(None);
            }
            let h = halfwidth(s);
            if let Ok(v) = h.parse::<i64>() {
                return whole(v as f64);
            }
            if let Ok(v) = h.parse::<f64>()
                && v.is_finite()
            {
                return whole(v);
            }
            for (k, label) in rubric.scale.labels.iter().enumerate() {
                if label.strings().iter().any(|(_, t)| same_text(t, s)) {
                    return Ok(Some(min + k as i64));
                }
            }
            if let Some(anchors) = &item.anchors {
                for (k, a) in anchors.iter().enumerate() {
                    if a.strings().iter().any(|(_, t)| same_text(t, s)) {
                        return Ok(Some(min + k as i64));
                    }
                }
            }
            Err(match lang {
                Lang::Zh => format!("「{}」既不是 {min} 到 {max} 的整数，也不是量表的选项", s.trim()),
                Lang::En => {
                    format!("\"{}\" is neither a whole number from {min} to {max} nor an option of the scale", s.trim())
                }
            })
        }
        Cell::Bool(b) => Err(match lang {
            Lang::Zh => format!("{b} 不是整数"),
            Lang::En => format!("{b} is not a whole number"),
        }),
        Cell::Date(_) => Err(lang.pick("单元格是日期，不是整数", "the cell is a date, not a whole number").to_string()),
        Cell::Error(e) => Err(match lang {
            Lang::Zh => format!("单元格是错误值 {e}"),
            Lang::En => format!("the cell holds the error value {e}"),
        }),
    }
}

/// An Excel serial date (days since 1899-12-30) as a local time.
fn excel_date(serial: f64) -> Option<NaiveDateTime> {
    if !serial.is_finite() || !(0.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?.and_hms_opt(0, 0, 0)?;
    let secs = (serial * 86_400.0).round() as i64;
    base.checked_add_signed(chrono::Duration::seconds(secs))
}

/// A time as written in a form export: RFC 3339, or a local date and time
/// such as "2026/11/28 9:30:12", "2026-11-28 09:30" or "2026-11-28".
fn taken_at(cell: &Cell, offset: FixedOffset) -> Option<String> {
    let naive = match cell {
        Cell::Date(d) => excel_date(*d)?,
        Cell::Text(s) => {
            let s = s.trim();
            if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
                return Some(t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false));
            }
            let s = s.replace('/', "-").replace('T', " ");
            let dt = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]
                .iter()
                .find_map(|f| NaiveDateTime::parse_from_str(&s, f).ok())
                .or_else(|| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok().and_then(|d| d.and_hms_opt(0, 0, 0)));
            dt?
        }
        _ => return None,
    };
    let t = offset.from_local_datetime(&naive).single()?;
    Some(t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false))
}

/// "row 7, column D (learning.routine): "
fn place(row: usize, col: usize, header: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("第 {row} 行 {}：", column_name(col, header, lang)),
        Lang::En => format!("row {row}, {}: ", column_name(col, header, lang)),
    }
}

/// The metadata cells of a row, by kind: a map without hashing.
struct MetaCells<'c, 'a>([Option<(usize, &'c Cell<'a>)>; 6]);

impl<'c, 'a> MetaCells<'c, 'a> {
    fn slot(m: Meta) -> usize {
        Meta::ALL.iter().position(|x| *x == m).unwrap_or(0)
    }
    fn insert(&mut self, m: Meta, v: (usize, &'c Cell<'a>)) {
        self.0[Self::slot(m)] = Some(v);
    }
    fn get(&self, m: &Meta) -> Option<&(usize, &'c Cell<'a>)> {
        self.0[Self::slot(*m)].as_ref()
    }
}

fn read_row(
    r: &GridRow<'_>,
    heads: &[String],
    uses: &[Use],
    items: &[&crate::rubric::Item],
    rubric: &Rubric,
    opts: &Options,
    lang: Lang,
) -> Result<Respondent, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut push = |col: usize, d: Diagnostic| problems.push(Problem { line: r.line, column: col + 1, diag: d });
    let at = |col: usize| place(r.row, col, heads.get(col).map_or("", String::as_str), lang);
    let mut meta = MetaCells([None; 6]);
    let mut values = vec![None; items.len()];
    let (min, max) = (rubric.scale.min, rubric.scale.max);
    for (col, cell) in r.cells.iter().enumerate() {
        match uses.get(col) {
            Some(Use::Meta(m)) => {
                meta.insert(*m, (col, cell));
            }
            Some(Use::Item(k)) => {
                let item = items[*k];
                match item_value(cell, item, rubric, lang) {
                    Ok(None) if !rubric.scale.allow_skip => push(
                        col,
                        Diagnostic::error(format!(
                            "{}{}",
                            at(col),
                            match lang {
                                Lang::Zh => "此量表不允许跳过，不能留空".to_string(),
                                Lang::En => "this rubric does not allow skipping: the cell is empty".to_string(),
                            }
                        ))
                        .help(match lang {
                            Lang::Zh => format!("填 {min} 到 {max} 的整数或选项原文"),
                            Lang::En => format!("write a whole number from {min} to {max} or the option's text"),
                        }),
                    ),
                    Ok(v) => values[*k] = v,
                    Err(msg) => {
                        let labels: Vec<String> = rubric
                            .scale
                            .labels
                            .iter()
                            .map(|l| l.get(lang.code(), &rubric.languages).to_string())
                            .collect();
                        let skip = if rubric.scale.allow_skip {
                            lang.pick("；留空表示不适用", "; leave it empty for not applicable")
                        } else {
                            ""
                        };
                        push(
                            col,
                            Diagnostic::error(format!("{}{msg}", at(col))).help(match lang {
                                Lang::Zh => format!("填 {min} 到 {max} 的整数，或选项：{}{skip}", labels.join("、")),
                                Lang::En => format!(
                                    "write a whole number from {min} to {max}, or an option: {}{skip}",
                                    labels.join(", ")
                                ),
                            }),
                        );
                    }
                }
            }
            _ => {}
        }
    }
    let text = |m: Meta| meta.get(&m).map(|(_, c)| c.text()).filter(|t| !t.is_empty());
    let name = text(Meta::Name);
    if name.is_none() {
        let col = meta.get(&Meta::Name).map_or(0, |(c, _)| *c);
        push(
            col,
            Diagnostic::error(format!("{}{}", at(col), lang.pick("姓名为空", "the name is empty")))
                .help(lang.pick("写上被评价人的姓名", "give the name of the person assessed")),
        );
    }
    let role = match text(Meta::Role) {
        None => Role::SelfRating,
        Some(s) => Role::parse(&s).unwrap_or_else(|| {
            let col = meta.get(&Meta::Role).map_or(0, |(c, _)| *c);
            push(
                col,
                Diagnostic::error(format!(
                    "{}{}",
                    at(col),
                    match lang {
                        Lang::Zh => format!("未知的评价人角色「{s}」"),
                        Lang::En => format!("unknown rater role \"{s}\""),
                    }
                ))
                .help(lang.pick(
                    "可用的角色：self（本人）、supervisor（上级）、peer（同事）、subordinate（下级）、other（其他）",
                    "roles are self, supervisor, peer, subordinate, other (or 本人, 上级, 同事, 下级, 其他)",
                )),
            );
            Role::SelfRating
        }),
    };
    let mut rater = text(Meta::Rater);
    if role == Role::SelfRating && rater.is_some() {
        if rater == name {
            rater = None;
        } else {
            let col = meta.get(&Meta::Rater).map_or(0, |(c, _)| *c);
            push(
                col,
                Diagnostic::error(format!(
                    "{}{}",
                    at(col),
                    lang.pick("自评不需要评价人姓名", "a self-assessment has no rater name")
                ))
                .help(lang.pick(
                    "清空评价人，或在角色列写 supervisor、peer、subordinate 或 other",
                    "empty the rater cell, or give the role supervisor, peer, subordinate or other",
                )),
            );
        }
    }
    let offset = opts.offset.unwrap_or_else(|| chrono::Utc.fix());
    let taken = match meta.get(&Meta::TakenAt) {
        Some((_, c)) if c.is_empty() => None,
        Some((col, c)) => match taken_at(c, offset) {
            Some(t) => Some(t),
            None => {
                push(
                    *col,
                    Diagnostic::error(format!(
                        "{}{}",
                        at(*col),
                        match lang {
                            Lang::Zh => format!("「{}」不是时间", c.text()),
                            Lang::En => format!("\"{}\" is not a time", c.text()),
                        }
                    ))
                    .help(lang.pick(
                        "写成 2026-11-28 09:30 或 2026-11-28T09:30:00+08:00",
                        "write it as 2026-11-28 09:30 or 2026-11-28T09:30:00+08:00",
                    )),
                );
                None
            }
        },
        None => None,
    };
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.column);
        return Err(problems);
    }
    Ok(Respondent {
        subject: Subject { name: name.unwrap_or_default(), department: text(Meta::Department) },
        rater: Rater { role, name: rater },
        session: text(Meta::Session),
        taken_at: taken,
        values,
        seconds: None,
    })
}

/// A table of responses being read: its encoding found and its header
/// worked out; the rows are read one at a time, as often as needed, with
/// [`Table::rows`], and only a workbook is ever held whole.
pub struct Table {
    source: Source,
    encoding: Encoding,
    heads: Vec<String>,
    uses: Vec<Use>,
    /// Problems of the file as a whole (header, columns, encoding); with an
    /// error among them no row is read.
    pub problems: Vec<Problem>,
    /// A workbook's rows after the header.
    grid: Option<Vec<GridRow<'static>>>,
}

/// One data row read from a table: a respondent, or its problems.
#[derive(Debug)]
pub struct Record {
    /// The row number a spreadsheet shows (the header is row 1).
    pub row: usize,
    pub outcome: Result<Respondent, Vec<Problem>>,
}

impl Table {
    /// Open a table: its encoding, header and columns. Reads the file once
    /// to find the encoding where no byte-order mark tells, and once more
    /// where a column has no header (it may be left out only if empty).
    pub fn open(open: &Open<'_>, source: Source, rubric: &Rubric, opts: &Options, lang: Lang) -> Table {
        let mut t = Table {
            source,
            encoding: Encoding::Utf8 { skip: 0 },
            heads: Vec::new(),
            uses: Vec::new(),
            problems: Vec::new(),
            grid: None,
        };
        let fail = |t: &mut Table, p: Problem| t.problems.push(p);
        let mut header: Option<(usize, Vec<String>)> = None;
        // Columns without a header, and whether any row has data in them.
        let mut unheaded: Vec<(usize, bool)> = Vec::new();
        match source {
            Source::Workbook => {
                let mut bytes = Vec::new();
                let read = open().and_then(|mut r| r.read_to_end(&mut bytes));
                let grid = match read {
                    Ok(_) => read_workbook(&bytes, lang),
                    Err(e) => Err(Box::new(Problem {
                        line: 0,
                        column: 0,
                        diag: Diagnostic::error(match lang {
                            Lang::Zh => format!("无法读取工作簿：{e}"),
                            Lang::En => format!("cannot read the workbook: {e}"),
                        }),
                    })),
                };
                match grid {
                    Ok(mut g) => {
                        // Rows with nothing in them (Excel leaves some at the end) are not responses.
                        g.retain(|r| !r.cells.iter().all(Cell::is_empty));
                        if !g.is_empty() {
                            let h = g.remove(0);
                            let heads: Vec<String> = h.cells.iter().map(Cell::text).collect();
                            unheaded = unheaded_columns(&heads)
                                .into_iter()
                                .map(|i| (i, g.iter().any(|r| r.cells.get(i).is_some_and(|c| !c.is_empty()))))
                                .collect();
                            header = Some((h.line, heads));
                        }
                        t.grid = Some(g);
                    }
                    Err(p) => {
                        fail(&mut t, *p);
                        return t;
                    }
                }
            }
            Source::Csv | Source::Tsv => {
                let tab = source == Source::Tsv;
                match sniff_encoding(open) {
                    Ok(e) => t.encoding = e,
                    Err(e) => {
                        fail(&mut t, read_failure(0, e.to_string(), lang));
                        return t;
                    }
                }
                let read = delimited_rows(open, t.encoding, tab, lang, &mut |r| {
                    if r.cells.iter().all(Cell::is_empty) {
                        return true;
                    }
                    header = Some((r.line, r.cells.iter().map(Cell::text).collect()));
                    false
                });
                if let Err(p) = read {
                    fail(&mut t, *p);
                    return t;
                }
                if let Some((_, heads)) = &header {
                    unheaded = unheaded_columns(heads).into_iter().map(|i| (i, false)).collect();
                }
                if !unheaded.is_empty() {
                    let mut first = true;
                    let read = delimited_rows(open, t.encoding, tab, lang, &mut |r| {
                        if r.cells.iter().all(Cell::is_empty) {
                            return true;
                        }
                        if std::mem::take(&mut first) {
                            return true; // the header
                        }
                        for (i, data) in &mut unheaded {
                            *data |= r.cells.get(*i).is_some_and(|c| !c.is_empty());
                        }
                        true
                    });
                    if let Err(p) = read {
                        fail(&mut t, *p);
                        return t;
                    }
                }
            }
        }
        let Some((line, heads)) = header else {
            fail(
                &mut t,
                Problem {
                    line: 0,
                    column: 0,
                    diag: Diagnostic::error(lang.pick("表格是空的", "the table is empty")).help(lang.pick(
                        "第一行写表头（姓名和各条目标识），以下每行一位答卷人",
                        "put a header row (name and the item ids) first, then one respondent a row",
                    )),
                },
            );
            return t;
        };
        let column_empty = |i: usize| !unheaded.iter().any(|(c, data)| *c == i && *data);
        let (uses, problems) = plan(&heads, &column_empty, line, rubric, opts, lang);
        t.heads = heads;
        t.uses = uses;
        t.problems = problems;
        t
    }

    /// Whether the file as a whole is wrong: then no row is read.
    pub fn failed(&self) -> bool {
        self.problems.iter().any(|p| p.diag.is_error())
    }

    /// Read every data row in order, each checked against the rubric, and
    /// pass it to `f`. Returns the number of data rows; a file that cannot
    /// be read on is a problem.
    pub fn rows(
        &self,
        open: &Open<'_>,
        rubric: &Rubric,
        opts: &Options,
        lang: Lang,
        f: &mut dyn FnMut(Record),
    ) -> Result<usize, Box<Problem>> {
        if self.failed() {
            return Ok(0);
        }
        let mut rows = self.reader(open, lang)?;
        while let Some(block) = rows.next_block(1024)? {
            self.read_block(&block, rubric, opts, lang, f);
        }
        Ok(rows.count)
    }

    /// The data rows, to be read a block at a time (the header and empty
    /// rows left out): parsing the file is quick and goes in order, checking
    /// the rows of a block ([`Table::read_block`]) is the work, and may go
    /// on another thread.
    pub fn reader<'t, 'a>(&'t self, open: &Open<'a>, lang: Lang) -> Result<RowReader<'t, 'a>, Box<Problem>> {
        let csv = match self.grid {
            Some(_) => None,
            None => Some(Delimited::open(open, self.encoding, self.source == Source::Tsv, lang)?),
        };
        Ok(RowReader { table: self, csv, header: true, pos: 0, count: 0 })
    }

    /// Check the rows of a block against the rubric, in order.
    pub fn read_block(&self, block: &RowBlock, rubric: &Rubric, opts: &Options, lang: Lang, f: &mut dyn FnMut(Record)) {
        let items: Vec<&crate::rubric::Item> = rubric.items().map(|(_, _, i)| i).collect();
        let mut one = |r: &GridRow<'_>| {
            let outcome = if self.source != Source::Workbook && r.cells.len() != self.heads.len() {
                Err(vec![wrong_length(r, self.heads.len(), lang)])
            } else {
                read_row(r, &self.heads, &self.uses, &items, rubric, opts, lang)
            };
            f(Record { row: r.row, outcome });
        };
        match &self.grid {
            Some(grid) => grid[block.grid.clone()].iter().for_each(&mut one),
            None => {
                for (row, line, rec) in &block.csv {
                    one(&GridRow { row: *row, line: *line, cells: cells(rec) });
                }
            }
        }
    }

    /// The problem of a table with a header and no row.
    pub fn no_rows(lang: Lang) -> Problem {
        Problem {
            line: 0,
            column: 0,
            diag: Diagnostic::error(lang.pick("表格只有表头，没有答卷", "the table has a header but no responses")),
        }
    }
}

/// The data rows of a [`Table`], read in blocks.
pub struct RowReader<'t, 'a> {
    table: &'t Table,
    csv: Option<Delimited<'a>>,
    /// The header is still to be passed over.
    header: bool,
    /// Next row of a workbook.
    pos: usize,
    /// Data rows read so far.
    pub count: usize,
}

/// Some data rows of a table.
#[derive(Default)]
pub struct RowBlock {
    csv: Vec<(usize, usize, csv::StringRecord)>,
    grid: std::ops::Range<usize>,
}

impl RowBlock {
    pub fn len(&self) -> usize {
        self.csv.len() + self.grid.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl RowReader<'_, '_> {
    /// Up to `max` more data rows; None at the end.
    pub fn next_block(&mut self, max: usize) -> Result<Option<RowBlock>, Box<Problem>> {
        let mut block = RowBlock::default();
        match (&mut self.csv, &self.table.grid) {
            (Some(rows), _) => {
                while block.csv.len() < max {
                    let mut rec = csv::StringRecord::new();
                    let Some((row, line)) = rows.next(&mut rec)? else { break };
                    if rec.iter().all(|c| c.trim().is_empty()) || std::mem::take(&mut self.header) {
                        continue;
                    }
                    block.csv.push((row, line, rec));
                }
            }
            (None, Some(grid)) => {
                let end = (self.pos + max).min(grid.len());
                block.grid = self.pos..end;
                self.pos = end;
            }
            (None, None) => {}
        }
        self.count += block.len();
        Ok((!block.is_empty()).then_some(block))
    }
}

/// Columns whose header is empty.
fn unheaded_columns(heads: &[String]) -> Vec<usize> {
    (0..heads.len()).filter(|&i| heads[i].trim().is_empty()).collect()
}

fn read_failure(line: usize, detail: String, lang: Lang) -> Problem {
    Problem {
        line,
        column: 0,
        diag: Diagnostic::error(match lang {
            Lang::Zh => format!("无法读取 CSV：{detail}"),
            Lang::En => format!("cannot read the CSV: {detail}"),
        })
        .help(lang.pick(
            "请从表格软件重新导出为 CSV（逗号分隔）",
            "export it again from the spreadsheet as CSV (comma-separated)",
        )),
    }
}

fn wrong_length(r: &GridRow<'_>, heads: usize, lang: Lang) -> Problem {
    Problem {
        line: r.line,
        column: 0,
        diag: Diagnostic::error(match lang {
            Lang::Zh => format!("第 {} 行有 {} 个单元格，而表头有 {} 列", r.row, r.cells.len(), heads),
            Lang::En => format!("row {} has {} cells, but the header has {} columns", r.row, r.cells.len(), heads),
        })
        .help(lang.pick(
            "检查这一行是否多了或少了逗号；含逗号的内容要用双引号括起来",
            "check the row for a missing or extra comma; text with a comma in it goes in double quotes",
        )),
    }
}

/// Read a whole spreadsheet of responses (bytes in memory) and check every
/// row against the rubric. Batches are read with [`Table`] instead.
pub fn read(bytes: &[u8], source: Source, rubric: &Rubric, opts: &Options, lang: Lang) -> Sheet {
    let open = || -> io::Result<Box<dyn BufRead + '_>> { Ok(Box::new(bytes)) };
    let table = Table::open(&open, source, rubric, opts, lang);
    let mut problems = table.problems.clone();
    if table.failed() {
        return Sheet { problems, rows: Vec::new() };
    }
    let index = crate::response::ItemIndex::new(rubric);
    let mut rows = Vec::new();
    let read = table.rows(&open, rubric, opts, lang, &mut |rec| {
        rows.push(Row { row: rec.row, outcome: rec.outcome.map(|r| r.into_response(&index)) });
    });
    match read {
        Err(p) => return Sheet::fail(*p),
        Ok(0) => problems.push(Table::no_rows(lang)),
        Ok(_) => {}
    }
    Sheet { problems, rows }
}

#[cfg(test)]
mod tests;

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

mod cells;
mod columns;
mod decode;
mod rows;
mod workbook;

pub use columns::{Recognised, Service, column_index, column_letter, parse_ranges};
pub use decode::{Open, decode};
pub use rows::{Record, RowBlock, RowReader, Table};

use std::io::{self, BufRead};

use chrono::FixedOffset;

use crate::diag::Diagnostic;
use crate::lang::Lang;
use crate::response::Response;
use crate::rubric::Rubric;

/// The most rows a sheet may have (Excel's), as declared or read.
pub const MAX_ROWS: usize = 1 << 20;
/// The most columns a sheet (or a row of a CSV) may have (Excel's).
pub const MAX_COLUMNS: usize = 1 << 14;

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
    /// `--attribute-columns`: columns kept as subject attributes, by header
    /// or letter, each value split at commas.
    pub attributes: Vec<String>,
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

    /// Every problem, each as `file:line:column: message` with its help (at
    /// most [`crate::diag::MAX_SHOWN`], then how many more).
    pub fn render(&self, path: &str, lang: Lang) -> String {
        let mut out = String::new();
        let mut shown = crate::diag::Shown::default();
        let all = self.problems.iter().chain(self.rows.iter().filter_map(|r| r.outcome.as_ref().err()).flatten());
        for p in all {
            if shown.admit(1) == 1 {
                out.push_str(&render_problem(path, p, lang));
            }
        }
        out.push_str(&shown.tail(lang));
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

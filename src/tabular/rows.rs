//! Reading a row into a respondent, and the table being read: its header
//! worked out once, its data rows read in blocks ([`RowReader`],
//! [`RowBlock`]) and checked against the rubric.

use chrono::Offset;

use crate::answers::unsafe_at;
use crate::diag::Diagnostic;
use crate::error::{Limit, OverLimit};
use crate::i18n::{self, Messages, readers::SheetLimit};
use crate::lang::Lang;
use crate::response::Respondent;
use crate::result::{Rater, Role, Subject};
use crate::rubric::{Item, Rubric};

use super::cells::{item_value, not_answered_code, place, seconds, taken_at};
use super::columns::{Meta, Recognised, Service, Use, bare, plan};
use super::decode::{
    Cell, Delimited, Encoding, Found, GridRow, Open, cells, delimited_rows, not_utf8, read_failure, sniff_encoding,
};
use super::workbook::{SheetRow, read_workbook};
use super::{Options, Problem, Source};

/// The metadata cells of a row, by kind: a map without hashing.
struct MetaCells<'c, 'a>([Option<(usize, &'c Cell<'a>)>; 7]);

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
    /// The column of a kind of metadata: its cell's, else the table's
    /// (a workbook row need not have every cell), else the first.
    fn column(&self, m: Meta, places: &Places) -> usize {
        self.get(&m).map(|(c, _)| *c).or(places.meta[Self::slot(m)]).unwrap_or(0)
    }
}

/// Where each item (in rubric order) and each kind of metadata has its
/// column, worked out once for many rows.
pub(super) struct Places {
    items: Vec<Option<usize>>,
    meta: [Option<usize>; 7],
    /// A 问卷星 export: its numeric codes −2 and −3 are not answered.
    skip_codes: bool,
}

impl Places {
    fn new(uses: &[Use], items: usize, skip_codes: bool) -> Places {
        let mut p = Places { items: vec![None; items], meta: [None; 7], skip_codes };
        for (col, u) in uses.iter().enumerate() {
            match u {
                Use::Item(k) if *k < items => p.items[*k] = Some(col),
                Use::Meta(m) => p.meta[MetaCells::slot(*m)] = Some(col),
                _ => {}
            }
        }
        p
    }
}

/// One data row (its row number, line and cells by column) as a
/// respondent, or every problem of it. A row's item without a cell is
/// an empty cell.
#[allow(clippy::too_many_arguments)]
fn read_row<'c, 'a: 'c>(
    at: (usize, usize),
    cells: impl Iterator<Item = (usize, &'c Cell<'a>)>,
    heads: &[String],
    uses: &[Use],
    places: &Places,
    items: &[&Item],
    rubric: &Rubric,
    opts: &Options,
    lang: Lang,
) -> Result<Respondent, Vec<Problem>> {
    let mut row = RowCheck { row: at.0, line: at.1, heads, rubric, lang, text: i18n::msg(lang), problems: Vec::new() };
    let mut meta = MetaCells([None; 7]);
    let mut attributes = crate::result::Attributes::default();
    let mut values = vec![None; items.len()];
    let mut given = vec![false; items.len()];
    for (col, cell) in cells {
        match uses.get(col) {
            Some(Use::Meta(m)) => meta.insert(*m, (col, cell)),
            Some(Use::Item(k)) => {
                given[*k] = true;
                values[*k] = row.item(col, cell, items[*k], places.skip_codes);
            }
            Some(Use::Attribute) => row.attribute(col, cell, &mut attributes),
            _ => {}
        }
    }
    for (k, col) in places.items.iter().enumerate() {
        if let (false, Some(col)) = (given[k], col) {
            values[k] = row.item(*col, &Cell::Empty, items[k], false);
        }
    }
    let text = |m: Meta| meta.get(&m).map(|(_, c)| c.text()).filter(|t| !t.is_empty());
    // Texts kept in the result: no control or bidi character (SPEC §12).
    for m in [Meta::Name, Meta::Department, Meta::Rater, Meta::Session] {
        if let Some((col, cell)) = meta.get(&m)
            && let Cell::Text(t) = cell
            && let Some((at, c)) = unsafe_at(t)
        {
            row.push(*col, &row.text.unsafe_cell(c, at), row.text.unsafe_help().to_string());
        }
    }
    let name = text(Meta::Name);
    if name.is_none() {
        row.empty_name(meta.column(Meta::Name, places));
    }
    let role = row.role(text(Meta::Role), meta.column(Meta::Role, places));
    let rater = row.rater(role, text(Meta::Rater), name.as_deref(), meta.column(Meta::Rater, places));
    let taken = row.taken_at(meta.get(&Meta::TakenAt).copied(), opts);
    let seconds = row.seconds(meta.get(&Meta::Seconds).copied());
    let mut problems = row.problems;
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.column);
        return Err(problems);
    }
    Ok(Respondent {
        subject: Subject { name: name.unwrap_or_default(), department: text(Meta::Department), attributes },
        rater: Rater { role, name: rater },
        session: text(Meta::Session),
        taken_at: taken,
        values,
        seconds,
    })
}

/// A row being read, and its problems so far.
struct RowCheck<'a> {
    /// Its row number and line.
    row: usize,
    line: usize,
    heads: &'a [String],
    rubric: &'a Rubric,
    lang: Lang,
    text: &'static dyn Messages,
    problems: Vec<Problem>,
}

impl RowCheck<'_> {
    /// A problem of a cell, its message after the cell's place.
    fn push(&mut self, col: usize, message: &str, help: String) {
        let at = place(self.row, col, self.heads.get(col).map_or("", String::as_str), self.lang);
        let d = Diagnostic::error(format!("{at}{message}")).help(help);
        self.problems.push(Problem { line: self.line, column: col + 1, diag: d });
    }

    /// An item's answer; None where it is skipped or wrong (a problem).
    fn item(&mut self, col: usize, cell: &Cell<'_>, item: &Item, skip_codes: bool) -> Option<i64> {
        let rubric = self.rubric;
        let (min, max) = (rubric.scale.min, rubric.scale.max);
        let cell = if skip_codes && not_answered_code(cell, min, max) { &Cell::Empty } else { cell };
        match item_value(cell, item, rubric, self.lang) {
            Ok(None) if !rubric.scale.allow_skip => {
                self.push(col, self.text.cell_cannot_skip(), self.text.cell_cannot_skip_help(min, max));
                None
            }
            Ok(v) => v,
            Err(msg) => {
                let labels: Vec<String> = rubric
                    .scale
                    .labels
                    .iter()
                    .map(|l| l.get(self.lang.code(), &rubric.languages).to_string())
                    .collect();
                let skip = if rubric.scale.allow_skip { self.text.cell_skip_option() } else { "" };
                self.push(col, &msg, self.text.cell_value_help(min, max, &labels, skip));
                None
            }
        }
    }

    fn empty_name(&mut self, col: usize) {
        self.push(col, self.text.row_name_empty(), self.text.name_empty_help().to_string());
    }

    /// The rater's role; self where it is not given or not known.
    fn role(&mut self, role: Option<String>, col: usize) -> Role {
        let Some(s) = role else { return Role::SelfRating };
        Role::parse(&s).unwrap_or_else(|| {
            self.push(col, &self.text.sheet_unknown_role(&s), self.text.sheet_roles_help().to_string());
            Role::SelfRating
        })
    }

    /// The rater's name: none for a self-assessment, where it may only
    /// repeat the name.
    fn rater(&mut self, role: Role, rater: Option<String>, name: Option<&str>, col: usize) -> Option<String> {
        if role == Role::SelfRating && rater.is_some() {
            if rater.as_deref() == name {
                return None;
            }
            self.push(col, self.text.self_rating_has_rater_name(), self.text.sheet_self_rater_help().to_string());
        }
        rater
    }

    /// A cell of an attribute column: kept where it has text (no control
    /// or bidi character, SPEC §12), under its header without a question number.
    fn attribute(&mut self, col: usize, cell: &Cell<'_>, attributes: &mut crate::result::Attributes) {
        let value = cell.text();
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        if let Some((at, c)) = unsafe_at(value) {
            self.push(col, &self.text.unsafe_cell(c, at), self.text.unsafe_help().to_string());
            return;
        }
        let key = self.heads.get(col).map_or("", |h| bare(h));
        let key = if key.is_empty() { super::column_letter(col) } else { key.to_string() };
        attributes.insert(key, value.to_string());
    }

    /// Time spent answering, from a time-taken column.
    fn seconds(&mut self, cell: Option<(usize, &Cell<'_>)>) -> Option<f64> {
        match cell {
            Some((_, c)) if c.is_empty() => None,
            Some((col, c)) => seconds(c).or_else(|| {
                self.push(col, &self.text.cell_not_a_duration(&c.text()), self.text.cell_duration_help().to_string());
                None
            }),
            None => None,
        }
    }

    fn taken_at(&mut self, cell: Option<(usize, &Cell<'_>)>, opts: &Options) -> Option<String> {
        let offset = opts.offset.unwrap_or_else(|| chrono::Utc.fix());
        match cell {
            Some((_, c)) if c.is_empty() => None,
            Some((col, c)) => taken_at(c, offset).or_else(|| {
                self.push(col, &self.text.cell_not_a_time(&c.text()), self.text.cell_time_help().to_string());
                None
            }),
            None => None,
        }
    }
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
    grid: Option<Vec<SheetRow>>,
    /// The form service whose export this is, if one was recognised.
    pub recognised: Option<Recognised>,
}

/// A table's header row: its line and texts, and the columns without a
/// header, each with whether any row has data in it.
struct Header {
    line: usize,
    heads: Vec<String>,
    unheaded: Vec<(usize, bool)>,
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
            recognised: None,
        };
        let header = match source {
            Source::Workbook => t.open_workbook(open, lang),
            Source::Csv | Source::Tsv => t.open_delimited(open, lang),
        };
        let header = match header {
            Ok(Some(h)) => h,
            Ok(None) => {
                let text = i18n::msg(lang);
                let diag = Diagnostic::error(text.table_empty()).help(text.table_empty_help());
                t.problems.push(Problem { line: 0, column: 0, diag });
                return t;
            }
            Err(p) => {
                t.problems.push(*p);
                return t;
            }
        };
        let unheaded = &header.unheaded;
        let column_empty = |i: usize| !unheaded.iter().any(|(c, data)| *c == i && *data);
        let plan = plan(&header.heads, &column_empty, header.line, rubric, opts, lang);
        t.heads = header.heads;
        t.uses = plan.uses;
        t.problems = plan.problems;
        t.recognised = plan.recognised;
        t
    }

    /// A workbook, read whole by its cells: its header, and its rows kept.
    /// Its columns are as many as the furthest cell's.
    fn open_workbook(&mut self, open: &Open<'_>, lang: Lang) -> Result<Option<Header>, Box<Problem>> {
        let mut bytes = Vec::new();
        let read = open().and_then(|r| Limit::Document.read_to_end(r, &mut bytes));
        let mut g = match read {
            Ok(()) => read_workbook(&bytes, lang)?,
            Err(e) => {
                let text = i18n::msg(lang);
                let diag = match OverLimit::of(&e) {
                    Some(o) => Diagnostic::error(text.sheet_limit(&SheetLimit::File { mib: o.limit.mib() }))
                        .help(text.sheet_limit_help()),
                    None => Diagnostic::error(text.workbook_unreadable(&text.io_cause(&e))),
                };
                return Err(Box::new(Problem { line: 0, column: 0, diag }));
            }
        };
        drop(bytes);
        // Rows with nothing in them (Excel leaves some at the end) are not responses.
        g.retain(|r| !r.cells.iter().all(|(_, c)| c.is_empty()));
        let mut header = None;
        if !g.is_empty() {
            let h = g.remove(0);
            let width = g.iter().chain([&h]).filter_map(|r| r.cells.last()).map(|(c, _)| c + 1).max().unwrap_or(0);
            let mut heads = vec![String::new(); width];
            for (c, cell) in &h.cells {
                heads[*c] = cell.text();
            }
            let mut data = vec![false; width];
            for r in &g {
                for (c, cell) in &r.cells {
                    data[*c] |= !cell.is_empty();
                }
            }
            let unheaded = unheaded_columns(&heads).into_iter().map(|i| (i, data[i])).collect();
            header = Some(Header { line: h.row, heads, unheaded });
        }
        self.grid = Some(g);
        Ok(header)
    }

    /// A delimited file: its encoding, its header (the first row with
    /// something in it), and once more through where a column has no header.
    fn open_delimited(&mut self, open: &Open<'_>, lang: Lang) -> Result<Option<Header>, Box<Problem>> {
        let tab = self.source == Source::Tsv;
        self.encoding =
            sniff_encoding(open).map_err(|e| Box::new(read_failure(0, i18n::msg(lang).io_cause(&e), lang)))?;
        let mut found: Option<(usize, Vec<String>)> = None;
        delimited_rows(open, self.encoding, tab, lang, true, &mut |r| {
            if r.cells.iter().all(Cell::is_empty) {
                return true;
            }
            found = Some((r.line, r.cells.iter().map(Cell::text).collect()));
            false
        })?;
        let Some((line, heads)) = found else { return Ok(None) };
        let mut unheaded: Vec<(usize, bool)> = unheaded_columns(&heads).into_iter().map(|i| (i, false)).collect();
        if !unheaded.is_empty() {
            let mut first = true;
            delimited_rows(open, self.encoding, tab, lang, false, &mut |r| {
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
            })?;
        }
        Ok(Some(Header { line, heads, unheaded }))
    }

    /// Whether a column is read as time taken, and one as submit time.
    pub fn reads_times(&self) -> (bool, bool) {
        (self.uses.contains(&Use::Meta(Meta::Seconds)), self.uses.contains(&Use::Meta(Meta::TakenAt)))
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
        let items: Vec<&Item> = rubric.items().map(|(_, _, i)| i).collect();
        let wjx = self.recognised.is_some_and(|r| r.service == Service::Wjx);
        let places = Places::new(&self.uses, items.len(), wjx);
        let (heads, uses) = (&self.heads, &self.uses);
        let one = |r: &GridRow<'_>| {
            let outcome = if r.cells.len() != heads.len() {
                Err(vec![wrong_length(r, heads.len(), lang)])
            } else {
                let cells = r.cells.iter().enumerate();
                read_row((r.row, r.line), cells, heads, uses, &places, &items, rubric, opts, lang)
            };
            Record { row: r.row, outcome }
        };
        match &self.grid {
            Some(grid) => {
                for r in &grid[block.grid.clone()] {
                    let cells = r.cells.iter().map(|(c, cell)| (*c, cell));
                    let outcome = read_row((r.row, r.row), cells, heads, uses, &places, &items, rubric, opts, lang);
                    f(Record { row: r.row, outcome });
                }
            }
            None => {
                for (found, rec) in &block.csv {
                    match found.bad {
                        // A UTF-8 file with a byte that is not: a problem of its row.
                        Some(bad) => {
                            let head = self.heads.get(bad.column).map_or("", String::as_str);
                            let outcome = Err(vec![not_utf8(found.line, bad, head, lang)]);
                            f(Record { row: found.line, outcome });
                        }
                        None => f(one(&GridRow { row: found.line, line: found.line, cells: cells(rec) })),
                    }
                }
            }
        }
    }

    /// The problem of a table with a header and no row.
    pub fn no_rows(lang: Lang) -> Problem {
        Problem { line: 0, column: 0, diag: Diagnostic::error(i18n::msg(lang).table_no_rows()) }
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
    csv: Vec<(Found, csv::StringRecord)>,
    grid: std::ops::Range<usize>,
}

/// About this many bytes of CSV a block at most, whatever its rows: a few
/// blocks are in flight, and a row may be long.
const BLOCK_BYTES: usize = 4 << 20;

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
                let mut bytes = 0;
                while block.csv.len() < max && bytes < BLOCK_BYTES {
                    let mut rec = csv::StringRecord::new();
                    let Some(found) = rows.next(&mut rec)? else { break };
                    if rec.iter().all(|c| c.trim().is_empty()) || std::mem::take(&mut self.header) {
                        continue;
                    }
                    bytes += rec.as_byte_record().as_slice().len() + 8 * rec.len();
                    block.csv.push((found, rec));
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

fn wrong_length(r: &GridRow<'_>, heads: usize, lang: Lang) -> Problem {
    let text = i18n::msg(lang);
    Problem {
        line: r.line,
        column: 0,
        diag: Diagnostic::error(text.row_wrong_length(r.row, r.cells.len(), heads)).help(text.row_wrong_length_help()),
    }
}

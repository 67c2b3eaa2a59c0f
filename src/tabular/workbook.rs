//! Workbooks (.xlsx, .xls, .ods), the first sheet, read within the limits
//! of SPEC §12: whatever a file declares, it is read by its cells, and no
//! part of it is read into memory before its size is known to be bounded.
//!
//! calamine reads the cells; what it would lay out from what a file says
//! (the shared strings it reserves room for, an .xls or .ods sheet it lays
//! out as a full grid, empty cells and all) is checked first: the sizes of
//! a zip's parts as they decompress, the number of shared strings, and for
//! .xls and .ods the grid their records make. An .xlsx sheet is read a
//! cell at a time ([`calamine::Xlsx::worksheet_cells_reader`]), a shared
//! string borrowed until the cell is known to be small enough to keep.

// Without the `xlsx` feature only the refusal below is used.
#![cfg_attr(not(feature = "xlsx"), allow(dead_code))]

use std::borrow::Cow;

use super::decode::Cell;
use super::{MAX_COLUMNS, MAX_ROWS, Problem};
use crate::diag::Diagnostic;
use crate::i18n::{self, readers::SheetLimit};
use crate::lang::Lang;

/// The most bytes of a workbook's XML parts (sheets, shared strings and the
/// rest) uncompressed.
pub const MAX_UNCOMPRESSED: u64 = 256 << 20;
/// The most shared strings of an .xlsx.
pub const MAX_SHARED_STRINGS: usize = 1 << 21;
/// The most text of one cell kept.
pub const MAX_CELL_TEXT: usize = 1 << 20;
/// The most text of all the cells kept.
pub const MAX_TEXT: usize = 64 << 20;
/// The most cells with something in them kept (a form's export of a
/// hundred thousand people and forty questions).
pub const MAX_CELLS: usize = 1 << 22;
/// The most cells calamine may lay out as a grid for an .xls or .ods file
/// (empty ones too).
pub const MAX_GRID: u64 = 1 << 21;
/// The most parts of a zip.
const MAX_PARTS: u64 = 10_000;
/// The most bytes of one XML part other than a sheet or the shared strings
/// (the workbook, its relationships, styles, theme), uncompressed.
pub const MAX_PART: u64 = 16 << 20;
/// The most cell styles, fonts, fills, borders or number formats (Excel
/// allows 64,000); calamine builds a whole style for each.
pub const MAX_STYLES: usize = 1 << 16;
/// The longest text of an attribute of the styles.
const MAX_STYLE_TEXT: usize = 1 << 10;
/// The most sheets of a workbook (every one of an .xls or .ods is read).
pub const MAX_SHEETS: usize = 1024;
/// The most bytes of an .xls's shared strings.
pub const MAX_XLS_STRINGS: usize = 16 << 20;

/// One row of a workbook as read: its cells with something in them, by
/// column (0-based), in order.
#[derive(Debug)]
pub(super) struct SheetRow {
    /// The row number a spreadsheet shows.
    pub(super) row: usize,
    pub(super) cells: Vec<(usize, Cell<'static>)>,
}

/// Why a workbook is not read.
#[derive(Debug)]
pub(super) enum Trouble {
    /// Over a limit.
    Limit(SheetLimit),
    /// Damaged in a way calamine would not come back from (it would read
    /// on for ever).
    Damaged,
    /// calamine's words, or the zip reader's.
    Unreadable(String),
}

/// "XFD1048576": a cell's name from its 0-based row and column.
pub(super) fn cell_name(row: u64, col: u64) -> String {
    format!("{}{}", super::column_letter(usize::try_from(col).unwrap_or(usize::MAX / 2)), row + 1)
}

/// The cells kept so far, within the limits.
#[derive(Default)]
struct Grid {
    cells: Vec<(u32, u32, Cell<'static>)>,
    text: usize,
}

impl Grid {
    fn text(&mut self, row: u32, col: u32, s: &str) -> Result<Cell<'static>, Trouble> {
        if s.len() > MAX_CELL_TEXT {
            let cell = cell_name(row.into(), col.into());
            return Err(Trouble::Limit(SheetLimit::CellText { cell, mib: (MAX_CELL_TEXT >> 20) as u64 }));
        }
        self.text += s.len();
        if self.text > MAX_TEXT {
            return Err(Trouble::Limit(SheetLimit::Text { mib: (MAX_TEXT >> 20) as u64 }));
        }
        Ok(Cell::Text(Cow::Owned(s.to_string())))
    }

    fn add(&mut self, row: u32, col: u32, cell: Cell<'static>) -> Result<(), Trouble> {
        if row as usize >= MAX_ROWS || col as usize >= MAX_COLUMNS {
            return Err(Trouble::Limit(SheetLimit::Beyond { cell: cell_name(row.into(), col.into()) }));
        }
        if self.cells.len() >= MAX_CELLS {
            return Err(Trouble::Limit(SheetLimit::Cells { max: MAX_CELLS }));
        }
        self.cells.push((row, col, cell));
        Ok(())
    }

    /// The rows, in order, each cell once (the last given where a file
    /// gives one twice).
    fn rows(mut self) -> Vec<SheetRow> {
        self.cells.sort_by_key(|c| (c.0, c.1));
        let mut rows: Vec<SheetRow> = Vec::new();
        for (r, c, cell) in self.cells {
            let row = r as usize + 1;
            match rows.last_mut() {
                Some(last) if last.row == row => match last.cells.last_mut() {
                    Some(prev) if prev.0 == c as usize => prev.1 = cell,
                    _ => last.cells.push((c as usize, cell)),
                },
                _ => rows.push(SheetRow { row, cells: vec![(c as usize, cell)] }),
            }
        }
        rows
    }
}

/// Without the `xlsx` feature a workbook is refused, saying why.
#[cfg(not(feature = "xlsx"))]
pub(super) fn read_workbook(_bytes: &[u8], lang: Lang) -> Result<Vec<SheetRow>, Box<Problem>> {
    Err(Box::new(Problem {
        line: 0,
        column: 0,
        diag: Diagnostic::error(i18n::msg(lang).workbook_unsupported()).help(i18n::msg(lang).save_as_csv_help()),
    }))
}

/// The first sheet of a workbook, by its cells, within the limits (see
/// [`super::workbook`]).
#[cfg(feature = "xlsx")]
pub(super) fn read_workbook(bytes: &[u8], lang: Lang) -> Result<Vec<SheetRow>, Box<Problem>> {
    let text = i18n::msg(lang);
    let problem = |diag: Diagnostic| Box::new(Problem { line: 0, column: 0, diag });
    // A damaged workbook must not take the program down: the reader runs
    // behind catch_unwind, with the panic message kept off the terminal.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let outcome = std::panic::catch_unwind(|| read(bytes));
    std::panic::set_hook(hook);
    match outcome {
        Ok(Ok(rows)) => Ok(rows),
        Ok(Err(Trouble::Limit(l))) => {
            Err(problem(Diagnostic::error(text.sheet_limit(&l)).help(text.sheet_limit_help())))
        }
        Ok(Err(Trouble::Damaged)) => Err(problem(
            Diagnostic::error(text.workbook_unreadable(text.workbook_damaged())).help(text.workbook_unreadable_help()),
        )),
        Ok(Err(Trouble::Unreadable(detail))) => {
            Err(problem(Diagnostic::error(text.workbook_unreadable(&detail)).help(text.workbook_unreadable_help())))
        }
        Err(_) => Err(problem(
            Diagnostic::error(text.workbook_unreadable(text.workbook_damaged())).help(text.workbook_unreadable_help()),
        )),
    }
}

/// The first sheet of a workbook, its cells in rows; calamine behind
/// `catch_unwind` by the caller.
#[cfg(feature = "xlsx")]
pub(super) fn read(bytes: &[u8]) -> Result<Vec<SheetRow>, Trouble> {
    use std::io::Cursor;

    use calamine::{Ods, Reader, Xls, Xlsx};

    let unreadable = |e: &dyn std::fmt::Display| Trouble::Unreadable(e.to_string());
    if bytes.starts_with(&xls::SIGNATURE) {
        xls::check(bytes)?;
        let mut book = Xls::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
        let Some(range) = book.worksheet_range_at(0) else { return Ok(Vec::new()) };
        return ranged(&range.map_err(|e| unreadable(&e))?);
    }
    match zip::check(bytes)? {
        zip::Kind::Ods => {
            let mut book = Ods::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
            let Some(range) = book.worksheet_range_at(0) else { return Ok(Vec::new()) };
            ranged(&range.map_err(|e| unreadable(&e))?)
        }
        zip::Kind::Xlsx => {
            let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
            let Some(name) = book.sheet_names().first().cloned() else { return Ok(Vec::new()) };
            let mut cells = book.worksheet_cells_reader(&name).map_err(|e| unreadable(&e))?;
            let dims = cells.dimensions();
            if dims.end.0 as usize >= MAX_ROWS || dims.end.1 as usize >= MAX_COLUMNS {
                let range = format!(
                    "{}:{}",
                    cell_name(dims.start.0.into(), dims.start.1.into()),
                    cell_name(dims.end.0.into(), dims.end.1.into())
                );
                return Err(Trouble::Limit(SheetLimit::Declared { range }));
            }
            let mut grid = Grid::default();
            while let Some(cell) = cells.next_cell().map_err(|e| unreadable(&e))? {
                let (row, col) = cell.get_position();
                let value = match cell.get_value() {
                    calamine::DataRef::Empty => continue,
                    calamine::DataRef::SharedString(s) => grid.text(row, col, s)?,
                    calamine::DataRef::String(s)
                    | calamine::DataRef::DateTimeIso(s)
                    | calamine::DataRef::DurationIso(s) => grid.text(row, col, s)?,
                    calamine::DataRef::Int(v) => Cell::Number(*v as f64),
                    calamine::DataRef::Float(v) => Cell::Number(*v),
                    calamine::DataRef::Bool(b) => Cell::Bool(*b),
                    calamine::DataRef::DateTime(d) => Cell::Date(d.as_f64()),
                    calamine::DataRef::Error(e) => Cell::Error(e.to_string()),
                };
                grid.add(row, col, value)?;
            }
            Ok(grid.rows())
        }
    }
}

/// The cells of a sheet calamine has laid out (an .xls or .ods, checked
/// first to be small enough to lay out).
#[cfg(feature = "xlsx")]
fn ranged(range: &calamine::Range<calamine::Data>) -> Result<Vec<SheetRow>, Trouble> {
    use calamine::Data;
    let Some((row0, col0)) = range.start() else { return Ok(Vec::new()) };
    let mut grid = Grid::default();
    for (r, c, v) in range.used_cells() {
        let (row, col) = (row0.saturating_add(r as u32), col0.saturating_add(c as u32));
        let cell = match v {
            Data::Empty => continue,
            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => grid.text(row, col, s)?,
            Data::Int(v) => Cell::Number(*v as f64),
            Data::Float(v) => Cell::Number(*v),
            Data::Bool(b) => Cell::Bool(*b),
            Data::DateTime(d) => Cell::Date(d.as_f64()),
            Data::Error(e) => Cell::Error(e.to_string()),
        };
        grid.add(row, col, cell)?;
    }
    Ok(grid.rows())
}

/// The parts of a zip (an .xlsx or .ods), checked before calamine reads
/// them.
#[cfg(feature = "xlsx")]
mod zip {
    use std::io::{self, BufReader, Cursor, Read};

    use quick_xml::events::Event;

    use super::{
        MAX_GRID, MAX_PART, MAX_PARTS, MAX_SHARED_STRINGS, MAX_SHEETS, MAX_STYLE_TEXT, MAX_STYLES, MAX_TEXT,
        MAX_UNCOMPRESSED, Trouble,
    };
    use crate::i18n::readers::SheetLimit;
    use crate::tabular::{MAX_COLUMNS, MAX_ROWS};

    /// What a zip holds.
    pub(super) enum Kind {
        Xlsx,
        Ods,
    }

    /// A reader that counts what it gives, and stops past a budget.
    struct Counting<R> {
        inner: R,
        read: u64,
        budget: u64,
    }

    impl<R: Read> Read for Counting<R> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.read > self.budget {
                return Err(io::Error::other("over the budget"));
            }
            let room = usize::try_from(self.budget + 1 - self.read).unwrap_or(usize::MAX);
            let take = buf.len().min(room);
            let n = self.inner.read(&mut buf[..take])?;
            self.read += n as u64;
            Ok(n)
        }
    }

    fn over() -> Trouble {
        Trouble::Limit(SheetLimit::Uncompressed { mib: MAX_UNCOMPRESSED >> 20 })
    }

    /// The number of parts the zip's end record says it has, where it has one.
    fn parts(bytes: &[u8]) -> Option<u64> {
        let tail = &bytes[bytes.len().saturating_sub((1 << 16) + 22)..];
        let at = tail.windows(4).rposition(|w| w == b"PK\x05\x06")?;
        let end = tail.get(at..at + 22)?;
        Some(u64::from(u16::from_le_bytes([end[10], end[11]])))
    }

    /// Every XML part decompressed and counted (at most [`MAX_UNCOMPRESSED`]
    /// in all, whatever the zip says of their sizes), the shared strings
    /// counted and an .ods sheet's grid measured.
    pub(super) fn check(bytes: &[u8]) -> Result<Kind, Trouble> {
        let unreadable = |e: &dyn std::fmt::Display| Trouble::Unreadable(e.to_string());
        if parts(bytes).is_some_and(|n| n > MAX_PARTS || n == u64::from(u16::MAX)) {
            return Err(Trouble::Limit(SheetLimit::Parts { max: MAX_PARTS as usize }));
        }
        let mut zip = ::zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
        if zip.len() as u64 > MAX_PARTS {
            return Err(Trouble::Limit(SheetLimit::Parts { max: MAX_PARTS as usize }));
        }
        let mut kind = Kind::Xlsx;
        let mut total = 0u64;
        for i in 0..zip.len() {
            // A part that does not open is calamine's to name, if it needs it.
            let Ok(file) = zip.by_index(i) else { continue };
            let name = file.name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
            let xml = name.ends_with(".xml") || name.ends_with(".rels");
            if name == "mimetype" {
                kind = Kind::Ods;
            }
            if !xml {
                continue;
            }
            // Sheets and shared strings may be large; any other part is small.
            let big = name.contains("worksheets/") || name.ends_with("sharedstrings.xml") || name == "content.xml";
            let budget = if big { MAX_UNCOMPRESSED - total } else { (MAX_UNCOMPRESSED - total).min(MAX_PART) };
            let mut part = Counting { inner: file, read: 0, budget };
            let read = if name.ends_with("sharedstrings.xml") {
                shared_strings(&mut part)
            } else if name == "content.xml" {
                ods_grid(&mut part)
            } else if name.ends_with("styles.xml") {
                styles(&mut part)
            } else {
                Ok(())
            };
            // What the scan left, to the end of the part.
            let rest = io::copy(&mut part, &mut io::sink());
            if part.read > part.budget {
                return Err(if budget < MAX_UNCOMPRESSED - total {
                    Trouble::Limit(SheetLimit::PartSize { part: name, mib: MAX_PART >> 20 })
                } else {
                    over()
                });
            }
            read?;
            rest.map_err(|e| unreadable(&e))?;
            total += part.read;
        }
        Ok(kind)
    }

    fn attr(e: &quick_xml::events::BytesStart<'_>, name: &str) -> Option<u64> {
        let a = e.try_get_attribute(name).ok()??;
        a.value.trim().parse().ok()
    }

    /// The shared strings: at most [`MAX_SHARED_STRINGS`], as declared
    /// (calamine reserves room for that many) and as given.
    fn shared_strings(part: &mut dyn Read) -> Result<(), Trouble> {
        let too_many = || Trouble::Limit(SheetLimit::SharedStrings { max: MAX_SHARED_STRINGS });
        let mut xml = quick_xml::Reader::from_reader(BufReader::new(part));
        let mut buf = Vec::new();
        let mut n = 0usize;
        loop {
            buf.clear();
            match xml.read_event_into(&mut buf) {
                Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                    "sst" => {
                        let declared = attr(&e, "uniqueCount").into_iter().chain(attr(&e, "count"));
                        if declared.into_iter().any(|d| d > MAX_SHARED_STRINGS as u64) {
                            return Err(too_many());
                        }
                    }
                    "si" => {
                        n += 1;
                        if n > MAX_SHARED_STRINGS {
                            return Err(too_many());
                        }
                    }
                    _ => {}
                },
                Ok(Event::Eof) | Err(_) => return Ok(()),
                Ok(_) => {}
            }
        }
    }

    /// The styles: at most [`MAX_STYLES`] of each kind, each text at most
    /// [`MAX_STYLE_TEXT`] (calamine copies a style's font, fill, borders and
    /// number format into each cell style).
    fn styles(part: &mut dyn Read) -> Result<(), Trouble> {
        let too_many = || Trouble::Limit(SheetLimit::Styles { max: MAX_STYLES });
        let mut xml = quick_xml::Reader::from_reader(BufReader::new(part));
        let mut buf = Vec::new();
        let mut counts = [0usize; 5];
        loop {
            buf.clear();
            match xml.read_event_into(&mut buf) {
                Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                    let kind =
                        ["xf", "font", "fill", "border", "numFmt"].iter().position(|k| e.local_name().as_ref() == *k);
                    if let Some(k) = kind {
                        counts[k] += 1;
                        if counts[k] > MAX_STYLES {
                            return Err(too_many());
                        }
                    }
                    if e.attributes().flatten().any(|a| a.value.len() > MAX_STYLE_TEXT) {
                        return Err(too_many());
                    }
                }
                Ok(Event::Eof) | Err(_) => return Ok(()),
                Ok(_) => {}
            }
        }
    }

    /// The grid calamine lays out of an .ods: for each sheet the cells of
    /// its rows as it pushes them, and the full grid from its first row with
    /// something in it to its last, rows repeated; at most [`MAX_GRID`].
    fn ods_grid(part: &mut dyn Read) -> Result<(), Trouble> {
        // calamine reads on past the end of a sheet or a note that is never
        // closed, for ever: a part whose elements do not all close is refused.
        let damaged = || Trouble::Damaged;
        let mut xml = quick_xml::Reader::from_reader(BufReader::new(part));
        let mut buf = Vec::new();
        let mut sheet = OdsSheet::default();
        let (mut pushed, mut grid) = (0u64, 0u64);
        let mut in_row = None::<OdsRow>;
        let (mut depth, mut depth_in_cell, mut tables) = (0usize, 0usize, 0usize);
        // The text of the cell being read, and how often calamine copies it.
        let (mut cell_text, mut cell_repeats, mut text) = (0u64, 0u64, 0u64);
        loop {
            buf.clear();
            let event = match xml.read_event_into(&mut buf) {
                Ok(Event::Eof) if depth == 0 => break,
                Ok(Event::Eof) | Err(_) => return Err(damaged()),
                Ok(e) => e,
            };
            let open = matches!(event, Event::Start(_));
            match &event {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth = depth.saturating_sub(1),
                _ => {}
            }
            match event {
                Event::Start(e) | Event::Empty(e)
                    if depth_in_cell == 0 && matches!(e.name().as_ref(), "table:table") =>
                {
                    grid = grid.saturating_add(sheet.grid());
                    sheet = OdsSheet::default();
                    tables += 1;
                    if tables > MAX_SHEETS {
                        return Err(Trouble::Limit(SheetLimit::Sheets { max: MAX_SHEETS }));
                    }
                }
                Event::Start(e) if depth_in_cell == 0 && e.name().as_ref() == "table:table-row" => {
                    in_row = Some(OdsRow {
                        repeats: attr(&e, "table:number-rows-repeated").unwrap_or(1),
                        ..Default::default()
                    });
                }
                Event::Empty(e) if depth_in_cell == 0 && e.name().as_ref() == "table:table-row" => {
                    sheet.row(OdsRow {
                        repeats: attr(&e, "table:number-rows-repeated").unwrap_or(1),
                        ..Default::default()
                    });
                }
                Event::End(e) if depth_in_cell == 0 && e.name().as_ref() == "table:table-row" => {
                    if let Some(row) = in_row.take() {
                        pushed = pushed.saturating_add(row.pushed);
                        let repeats = row.repeats.clamp(1, MAX_ROWS as u64);
                        text = text.saturating_add(row.text.saturating_mul(repeats));
                        sheet.row(row);
                    }
                }
                Event::Start(e) | Event::Empty(e)
                    if depth_in_cell == 0
                        && matches!(e.name().as_ref(), "table:table-cell" | "table:covered-table-cell") =>
                {
                    let repeats = attr(&e, "table:number-columns-repeated").unwrap_or(1);
                    // A cell with a value, a formula or anything in it has
                    // something (calamine may find less: this is at least).
                    let valued = open
                        || e.attributes()
                            .flatten()
                            .any(|a| !matches!(a.key.as_ref(), "table:style-name" | "table:number-columns-repeated"));
                    if let Some(row) = in_row.as_mut() {
                        row.cell(repeats, valued);
                    }
                    if open {
                        depth_in_cell = 1;
                        cell_text = 0;
                        cell_repeats = repeats.clamp(1, MAX_COLUMNS as u64);
                    }
                }
                Event::Start(e) | Event::Empty(e) if depth_in_cell > 0 && e.name().as_ref() == "text:s" => {
                    cell_text = cell_text.saturating_add(attr(&e, "text:c").unwrap_or(1));
                    if open {
                        depth_in_cell += 1;
                    }
                }
                Event::Text(t) if depth_in_cell > 0 => cell_text = cell_text.saturating_add(t.len() as u64),
                Event::GeneralRef(_) if depth_in_cell > 0 => cell_text = cell_text.saturating_add(4),
                Event::Start(_) if depth_in_cell > 0 => depth_in_cell += 1,
                Event::End(_) if depth_in_cell > 0 => {
                    depth_in_cell -= 1;
                    if depth_in_cell == 0
                        && let Some(row) = in_row.as_mut()
                    {
                        row.text = row.text.saturating_add(cell_text.saturating_mul(cell_repeats));
                    }
                }
                _ => {}
            }
            if pushed > MAX_GRID || grid.saturating_add(sheet.grid()) > MAX_GRID {
                return Err(Trouble::Limit(SheetLimit::Cells { max: MAX_GRID as usize }));
            }
            if text > MAX_TEXT as u64 || in_row.as_ref().is_some_and(|r| r.text > MAX_TEXT as u64) {
                return Err(Trouble::Limit(SheetLimit::Text { mib: (MAX_TEXT >> 20) as u64 }));
            }
        }
        Ok(())
    }

    /// A row of an .ods as calamine reads it.
    #[derive(Default)]
    struct OdsRow {
        repeats: u64,
        /// The text of its cells, copies and all.
        text: u64,
        /// Cells pushed.
        pushed: u64,
        /// Empty cells waiting for one with something in it.
        waiting: u64,
        /// Where its cells with something in them are.
        first: Option<u64>,
        last: u64,
    }

    impl OdsRow {
        fn cell(&mut self, repeats: u64, valued: bool) {
            let room = |row: &OdsRow| (MAX_COLUMNS as u64).saturating_sub(row.pushed);
            self.pushed += self.waiting.min(room(self));
            self.waiting = 0;
            let repeats = repeats.min(room(self));
            if valued {
                self.first.get_or_insert(self.pushed);
                self.pushed += repeats;
                self.last = self.pushed;
            } else {
                self.waiting = repeats;
            }
        }
    }

    /// A sheet of an .ods: the rows from the first with something in it.
    #[derive(Default)]
    struct OdsSheet {
        rows: u64,
        /// Rows from the first with something to the last, repeats counted.
        span: u64,
        /// Rows since the last with something, repeats counted.
        since: u64,
        started: bool,
        first_col: u64,
        last_col: u64,
    }

    impl OdsSheet {
        fn row(&mut self, row: OdsRow) {
            let repeats = row.repeats.min((MAX_ROWS as u64).saturating_sub(self.rows)).max(1);
            self.rows = self.rows.saturating_add(repeats);
            match row.first {
                Some(first) => {
                    if !self.started {
                        self.started = true;
                        self.first_col = first;
                    }
                    self.first_col = self.first_col.min(first);
                    self.last_col = self.last_col.max(row.last);
                    self.span = self.span.saturating_add(self.since).saturating_add(repeats);
                    self.since = 0;
                }
                None if self.started => self.since = self.since.saturating_add(repeats),
                None => {}
            }
        }

        fn grid(&self) -> u64 {
            self.span.saturating_mul(self.last_col.saturating_sub(self.first_col).max(1))
        }
    }
}

/// An .xls file: its Workbook stream found in the compound file, and each
/// sheet's records measured the way calamine lays them out, before it does.
#[cfg(feature = "xlsx")]
mod xls {
    use super::{MAX_CELLS, MAX_GRID, MAX_SHEETS, MAX_XLS_STRINGS, Trouble};
    use crate::i18n::readers::SheetLimit;

    /// The start of a compound file.
    pub(super) const SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    const END: u32 = 0xFFFF_FFFE;
    const DIFSECT: u32 = 0xFFFF_FFFC;
    const RESERVED: u32 = 0xFFFF_FFFA;

    fn u16_at(b: &[u8], at: usize) -> Option<u16> {
        Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
    }

    fn u32_at(b: &[u8], at: usize) -> Option<u32> {
        Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
    }

    fn u32s(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
        b.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
    }

    /// How calamine would fare with a compound file.
    enum Fate<T> {
        /// It reads this.
        Reads(T),
        /// It stops with an error (which it reports; nothing to fear).
        Fails,
        /// It would never stop, or would take far more memory than the file:
        /// a chain of sectors that loops, an allocation table many times
        /// the file's size.
        Hangs,
    }

    use Fate::{Fails, Hangs, Reads};

    macro_rules! reads {
        ($e:expr) => {
            match $e {
                Reads(v) => v,
                Fails => return Fails,
                Hangs => return Hangs,
            }
        };
    }

    /// A compound file as calamine reads it: sectors after a header of one
    /// sector, the allocation table from the sectors the header and its
    /// chain list, chains followed until they end or give what is asked.
    struct Compound<'a> {
        bytes: &'a [u8],
        size: usize,
        maxid: u32,
        fat: Vec<u32>,
    }

    impl<'a> Compound<'a> {
        fn new(bytes: &'a [u8]) -> Fate<Compound<'a>> {
            let size = match u16_at(bytes, 0x1E) {
                Some(9) => 512,
                Some(12) => 4096,
                _ => return Fails,
            };
            if bytes.len() < 512 || (size == 4096 && bytes.len() < 4096) {
                return Fails;
            }
            let maxid = u32::try_from(bytes.len() / size).unwrap_or(u32::MAX);
            let mut c = Compound { bytes, size, maxid, fat: Vec::new() };
            let mut difat: Vec<u32> = u32s(&bytes[76..512]).collect();
            let mut next = u32_at(bytes, 0x44).unwrap_or(END);
            let mut hops = 0u64;
            while next < RESERVED {
                hops += 1;
                if hops > u64::from(maxid) + 1 {
                    return Fails;
                }
                difat.extend(u32s(reads!(c.sector(next))));
                let Some(n) = difat.pop() else { return Fails };
                next = n;
            }
            // The table calamine builds: every sector listed, repeats and all.
            let mut len = 0u64;
            for &id in difat.iter().filter(|id| **id < DIFSECT) {
                len += (reads!(c.sector(id)).len() / 4) as u64;
                if len > 4 * (u64::from(maxid) + 2) + 1024 {
                    return Hangs;
                }
            }
            for &id in difat.iter().filter(|id| **id < DIFSECT) {
                let s = reads!(c.sector(id));
                c.fat.extend(u32s(s));
            }
            Reads(c)
        }

        /// A sector, as much of it as the file has.
        fn sector(&self, id: u32) -> Fate<&'a [u8]> {
            if id > self.maxid {
                return Fails;
            }
            let at = (id as usize + 1) * self.size;
            let end = (at + self.size).min(self.bytes.len());
            Reads(self.bytes.get(at..end).unwrap_or(&[]))
        }

        /// The bytes of a chain, at most `len`.
        fn chain(&self, start: u32, len: usize) -> Fate<Vec<u8>> {
            let mut out = Vec::new();
            let mut id = start;
            let mut hops = 0u64;
            while id != END {
                hops += 1;
                if hops > u64::from(self.maxid) + 2 {
                    return Hangs;
                }
                let s = reads!(self.sector(id));
                out.extend_from_slice(&s[..s.len().min(len - out.len())]);
                if out.len() >= len {
                    break;
                }
                let Some(&n) = self.fat.get(id as usize) else { return Fails };
                id = n;
            }
            Reads(out)
        }
    }

    /// A directory entry: its name, first sector and length, as calamine
    /// reads them.
    fn entry(d: &[u8], small: bool) -> (String, u32, usize) {
        let units: Vec<u16> = (0..32).filter_map(|k| u16_at(d, 2 * k)).collect();
        let mut name = String::from_utf16_lossy(&units);
        if let Some(l) = name.find('\0') {
            name.truncate(l);
        }
        let start = u32_at(d, 116).unwrap_or(END);
        let len = if small {
            u32_at(d, 120).map_or(0, |l| l as usize)
        } else {
            d.get(120..128).map_or(0, |b| u64::from_le_bytes(b.try_into().unwrap_or([0; 8])) as usize)
        };
        (name, start, len)
    }

    /// The Workbook (or Book) stream, as calamine finds it.
    fn workbook_stream(bytes: &[u8]) -> Fate<Vec<u8>> {
        let c = reads!(Compound::new(bytes));
        let small = c.size == 512;
        let dirs = reads!(c.chain(u32_at(bytes, 0x30).unwrap_or(END), usize::MAX));
        let entries: Vec<(String, u32, usize)> = dirs.chunks_exact(128).map(|d| entry(d, small)).collect();
        let Some(root) = entries.first() else { return Fails };
        let mini_fat_len = u32_at(bytes, 0x40).unwrap_or(0) as usize;
        let (mini, minifat) = if mini_fat_len > 0 {
            let mini = reads!(c.chain(root.1, root.2));
            let minifat = reads!(c.chain(u32_at(bytes, 0x3C).unwrap_or(END), mini_fat_len.saturating_mul(c.size)));
            (mini, u32s(&minifat).collect::<Vec<u32>>())
        } else {
            (Vec::new(), Vec::new())
        };
        let found = |name: &str| entries.iter().find(|e| e.0.as_bytes().eq_ignore_ascii_case(name.as_bytes()));
        let Some(&(_, start, len)) = found("Workbook").or_else(|| found("Book")) else { return Fails };
        if len >= 4096 {
            return c.chain(start, len);
        }
        // A small stream is in the mini stream, in sectors of 64 bytes;
        // one past what the mini stream holds is not followed here.
        let mut out = Vec::new();
        let mut id = start;
        let mut hops = 0u64;
        while id != END {
            hops += 1;
            if hops > u64::from(c.maxid) * 8 + 2 {
                return Hangs;
            }
            if u64::from(id) > u64::from(c.maxid) * 8 {
                return Fails;
            }
            let at = id as usize * 64;
            let Some(s) = mini.get(at..at + 64) else { return Hangs };
            out.extend_from_slice(&s[..64.min(len - out.len())]);
            if out.len() >= len {
                break;
            }
            let Some(&n) = minifat.get(id as usize) else { return Fails };
            id = n;
        }
        Reads(out)
    }

    /// A record: its type and data, and the bytes of the CONTINUE records
    /// after it (which calamine joins to it).
    fn records(stream: &[u8], from: usize) -> impl Iterator<Item = (u16, &[u8], usize)> {
        let mut pos = from;
        std::iter::from_fn(move || {
            let t = u16_at(stream, pos)?;
            let len = usize::from(u16_at(stream, pos + 2)?);
            let data = stream.get(pos + 4..pos + 4 + len)?;
            pos += 4 + len;
            let mut continued = 0;
            while u16_at(stream, pos) == Some(0x003C) {
                let len = usize::from(u16_at(stream, pos + 2)?);
                stream.get(pos + 4..pos + 4 + len)?;
                pos += 4 + len;
                continued += len;
            }
            Some((t, data, continued))
        })
    }

    /// What calamine lays out for a sheet: the cells it reserves room for
    /// (from the sheet's dimensions), the cells it holds, and the grid of
    /// their bounds.
    #[derive(Default)]
    struct Sheet {
        reserved: u64,
        cells: u64,
        bounds: Option<(u32, u32, u32, u32)>,
    }

    impl Sheet {
        fn cell(&mut self, row: u32, col: u32) {
            self.cells += 1;
            let b = self.bounds.get_or_insert((row, row, col, col));
            *b = (b.0.min(row), b.1.max(row), b.2.min(col), b.3.max(col));
        }

        fn grid(&self) -> u64 {
            self.bounds.map_or(0, |(r0, r1, c0, c1)| u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1))
        }
    }

    /// The declared dimensions of a sheet, as calamine reads them: the
    /// cells it reserves room for.
    fn reserved(data: &[u8]) -> Option<u64> {
        let (rf, rl, mut cf, cl) = match data.len() {
            10 => (
                u32::from(u16_at(data, 0)?),
                u32::from(u16_at(data, 2)?),
                u32::from(u16_at(data, 4)?),
                u32::from(u16_at(data, 6)?),
            ),
            14 | 16 => (u32_at(data, 0)?, u32_at(data, 4)?, u32::from(u16_at(data, 8)?), u32::from(u16_at(data, 10)?)),
            _ => return None,
        };
        if 0xFF < cf || cl < cf {
            cf = 0;
        }
        let (start, end) = if 1 <= rl && 1 <= cl { ((rf, cf), (rl - 1, cl - 1)) } else { ((rf, cf), (rf, cf)) };
        let rows = u64::from(end.0.wrapping_sub(start.0).wrapping_add(1));
        let cols = u64::from(end.1.wrapping_sub(start.1).wrapping_add(1));
        Some(rows.saturating_mul(cols))
    }

    /// Every sheet of an .xls measured: within [`MAX_GRID`] and
    /// [`MAX_CELLS`] in all.
    pub(super) fn check(bytes: &[u8]) -> Result<(), Trouble> {
        let stream = match workbook_stream(bytes) {
            Reads(s) => s,
            // A file calamine cannot read, it refuses itself.
            Fails => return Ok(()),
            Hangs => return Err(Trouble::Damaged),
        };
        let mut sheets = Vec::new();
        for (t, data, continued) in records(&stream, 0) {
            match t {
                0x0085 if data.len() >= 6 => {
                    sheets.push(u32_at(data, 0).unwrap_or(0) as usize);
                    if sheets.len() > MAX_SHEETS {
                        return Err(Trouble::Limit(SheetLimit::Sheets { max: MAX_SHEETS }));
                    }
                }
                // The shared strings, with the records that continue them.
                0x00FC if data.len() + continued > MAX_XLS_STRINGS => {
                    return Err(Trouble::Limit(SheetLimit::Strings { mib: (MAX_XLS_STRINGS >> 20) as u64 }));
                }
                0x000A => break,
                _ => {}
            }
        }
        let (mut grid, mut cells) = (0u64, 0u64);
        let too_large = || Trouble::Limit(SheetLimit::Cells { max: MAX_GRID as usize });
        for pos in sheets {
            let mut sheet = Sheet::default();
            let (mut seen_bof, mut depth) = (false, 0usize);
            let mut formula = (0u32, 0u32);
            for (t, data, _) in records(&stream, pos) {
                if depth > 0 {
                    match t {
                        0x0809 => depth += 1,
                        0x000A => depth -= 1,
                        _ => {}
                    }
                    continue;
                }
                let at = || Some((u32::from(u16_at(data, 0)?), u32::from(u16_at(data, 2)?)));
                match t {
                    0x0809 if seen_bof => depth += 1,
                    0x0809 => seen_bof = true,
                    0x0200 => {
                        let r = reserved(data).unwrap_or(0);
                        sheet.reserved = sheet.reserved.max(r);
                    }
                    0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD => {
                        if let Some((r, c)) = at() {
                            sheet.cell(r, c);
                        }
                    }
                    0x0207 => sheet.cell(formula.0, formula.1),
                    0x0006 => {
                        if let Some(p) = at() {
                            formula = p;
                            sheet.cell(p.0, p.1);
                        }
                    }
                    0x00BD if data.len() >= 6 => {
                        let (Some((r, first)), Some(last)) = (at(), u16_at(data, data.len() - 2)) else { continue };
                        let n = ((data.len() - 6) / 6) as u32;
                        if n > 0 && u32::from(last) >= first {
                            sheet.cell(r, first);
                            sheet.cell(r, first + n - 1);
                            sheet.cells += u64::from(n.saturating_sub(2));
                        }
                    }
                    0x000A => break,
                    _ => {}
                }
                if sheet.reserved > MAX_GRID || sheet.grid() > MAX_GRID {
                    return Err(too_large());
                }
            }
            grid = grid.saturating_add(sheet.reserved).saturating_add(sheet.grid());
            cells = cells.saturating_add(sheet.cells);
            if grid > 2 * MAX_GRID || cells > MAX_CELLS as u64 {
                return Err(too_large());
            }
        }
        Ok(())
    }
}

//! Rendering results: one file per format behind one small trait. Renderers
//! take values and write bytes; they never read files or the terminal.

mod csv;
pub mod group;
pub mod history;
pub mod html;
mod json;
mod markdown;
pub mod norms;
mod render;
pub mod svg;
mod table;

use crate::lang::Lang;
use crate::result::{Previous, ResultDoc};

pub use self::csv::{CsvWriter, csv_cell};
pub use self::markdown::md as md_escape;
pub use self::render::{Renderer, renderer};

/// Output formats of results.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A table for the terminal.
    Table,
    /// JSON: one object for one result, an array for several.
    Json,
    /// JSON Lines: one result a line.
    Jsonl,
    /// Markdown.
    Markdown,
    /// CSV, one row per dimension.
    Csv,
    /// One self-contained HTML file with charts, printable on A4.
    Html,
}

impl Format {
    /// Whether hidden characters (controls, bidi) in this format are shown
    /// as visible escapes (SPEC §12): in every format but JSON, which
    /// escapes by its own rules and keeps the exact text.
    pub fn shows_hidden_as_escapes(self) -> bool {
        match self {
            Format::Table | Format::Markdown | Format::Csv | Format::Html => true,
            Format::Json | Format::Jsonl => false,
        }
    }
}

/// How to render for people.
#[derive(Clone, Debug)]
pub struct Style {
    /// Interface language (rubric texts come from the result).
    pub lang: Lang,
    /// ANSI colour.
    pub color: bool,
    /// ASCII borders and bars instead of box-drawing characters.
    pub ascii: bool,
    /// Width of the terminal, in columns, or [`Style::NO_TERMINAL`].
    pub width: u16,
    /// Start CSV with a UTF-8 byte-order mark.
    pub bom: bool,
}

impl Style {
    /// The width of output that goes to no terminal (a file, a pipe): text
    /// is wrapped at 100 columns, and a table takes the width it needs.
    pub const NO_TERMINAL: u16 = u16::MAX;
}

impl Default for Style {
    fn default() -> Self {
        Style { lang: Lang::Zh, color: false, ascii: false, width: 100, bom: false }
    }
}

/// One result to render, with the subject's previous result when known.
#[derive(Clone, Copy, Debug)]
pub struct Entry<'a> {
    pub result: &'a ResultDoc,
    pub previous: Option<&'a ResultDoc>,
}

/// Render results to bytes (for tests and small outputs).
pub fn render(format: Format, style: &Style, entries: &[Entry<'_>]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut s = renderer(format, style);
    for e in entries {
        // Writing to a Vec cannot fail.
        let _ = s.write(&mut out, *e);
    }
    let _ = s.finish(&mut out);
    out
}

/// A number as people see it: one decimal.
pub fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    // Avoid "-0.0".
    if r == 0.0 { "0.0".to_string() } else { format!("{r:.1}") }
}

pub fn opt_num(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_string(), num)
}

/// A signed change, "+5.0", "−2.5", "0.0".
pub fn delta(v: f64) -> String {
    let s = num(v);
    if s == "0.0" {
        s
    } else if v > 0.0 {
        format!("+{s}")
    } else {
        s.replacen('-', "−", 1)
    }
}

/// Direction of a change: within 1 point is steady.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trend {
    Up,
    Down,
    Steady,
}

impl Trend {
    pub fn of(delta: f64) -> Trend {
        if delta > 1.0 {
            Trend::Up
        } else if delta < -1.0 {
            Trend::Down
        } else {
            Trend::Steady
        }
    }

    pub fn arrow(self, ascii: bool) -> &'static str {
        match (self, ascii) {
            (Trend::Up, false) => "↑",
            (Trend::Down, false) => "↓",
            (Trend::Steady, false) => "→",
            (Trend::Up, true) => "^",
            (Trend::Down, true) => "v",
            (Trend::Steady, true) => "=",
        }
    }
}

/// A change with its direction: "↑ +5.0", "→ 0.0".
pub fn change_text(d: f64, ascii: bool) -> String {
    format!("{} {}", Trend::of(d).arrow(ascii), delta(d))
}

/// Change of one dimension against the previous result, if both scored it.
pub fn dimension_change(entry: &Entry<'_>, dimension: &str) -> Option<f64> {
    let prev = entry.previous?;
    let now = entry.result.dimensions().find(|(_, d)| d.id == dimension)?.1.score?;
    let before = prev.dimensions().find(|(_, d)| d.id == dimension)?.1.score?;
    Some(now - before)
}

/// The change of one dimension since the previous result, or nothing.
pub fn dimension_change_text(entry: &Entry<'_>, dimension: &str, ascii: bool) -> String {
    dimension_change(entry, dimension).map(|c| change_text(c, ascii)).unwrap_or_default()
}

/// The change of the overall score since the previous result, or nothing.
pub fn overall_change_text(previous: &Previous, ascii: bool) -> String {
    previous.overall_delta.map(|d| change_text(d, ascii)).unwrap_or_default()
}

/// A result with no overall score (too few answers, SPEC §5): it has no
/// development focus and no strengths, and every format says so plainly.
pub fn unscorable(r: &ResultDoc) -> bool {
    r.overall.score.is_none()
}

/// Items answered, of the items, by the result's dimensions.
pub fn answered_of(r: &ResultDoc) -> (usize, usize) {
    r.dimensions().fold((0, 0), |(a, n), (_, d)| (a + d.answered, n + d.items))
}

/// What a report says of an unscorable result, in the interface language.
pub fn unscorable_text(r: &ResultDoc, lang: Lang) -> String {
    let (answered, items) = answered_of(r);
    crate::i18n::msg(lang).report_unscorable(answered, items)
}

/// The title of the section `id` in `r`, or the id itself if none has it.
pub fn section_title<'a>(r: &'a ResultDoc, id: &'a str) -> &'a str {
    r.sections.iter().find(|s| s.id == id).map_or(id, |s| s.title.as_str())
}

/// The date part of an RFC 3339 time with its clock time, "2026-11-28 09:30".
pub fn short_time(ts: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(ts) {
        Ok(t) => t.format("%Y-%m-%d %H:%M").to_string(),
        Err(_) => ts.to_string(),
    }
}

#[cfg(test)]
mod tests;

/// A table for the terminal as the reports draw it without colour:
/// condensed borders (ASCII, or box-drawing with rounded corners), as wide
/// as `style` says.
pub(crate) fn plain_table(style: &Style) -> Grid {
    use comfy_table::presets;
    let borders =
        if style.ascii { presets::ASCII_FULL_CONDENSED } else { presets::UTF8_FULL_CONDENSED.with_rounded_corners() };
    Grid::new(borders, style.width)
}

/// A table for the terminal whose every cell shows hidden characters as
/// escapes ([`crate::visible::escape`]), so that a name can neither act on
/// the terminal nor put the columns out of line (the table measures what
/// is shown). The only way text goes into a table of the reports.
pub struct Grid {
    table: comfy_table::Table,
}

/// What a cell of a [`Grid`] can be made of: text, or text in a colour.
pub trait GridCell {
    fn into_cell(self) -> comfy_table::Cell;
}

impl GridCell for String {
    fn into_cell(self) -> comfy_table::Cell {
        comfy_table::Cell::new(crate::visible::escape(&self))
    }
}

impl GridCell for &String {
    fn into_cell(self) -> comfy_table::Cell {
        comfy_table::Cell::new(crate::visible::escape(self))
    }
}

impl GridCell for &str {
    fn into_cell(self) -> comfy_table::Cell {
        comfy_table::Cell::new(crate::visible::escape(self))
    }
}

/// Text in a colour (none: as it is).
pub struct Coloured<'a>(pub &'a str, pub Option<comfy_table::Color>);

impl GridCell for Coloured<'_> {
    fn into_cell(self) -> comfy_table::Cell {
        let cell = comfy_table::Cell::new(crate::visible::escape(self.0));
        match self.1 {
            Some(c) => cell.fg(c),
            None => cell,
        }
    }
}

impl Grid {
    /// An empty table with these borders, `width` columns wide at most.
    pub fn new(borders: comfy_table::TableStyle, width: u16) -> Grid {
        let mut table = comfy_table::Table::new();
        table.load_style(borders);
        table.force_no_tty().set_content_arrangement(comfy_table::ContentArrangement::Dynamic).set_width(width);
        Grid { table }
    }

    pub fn set_header<C: GridCell>(&mut self, cells: impl IntoIterator<Item = C>) -> &mut Self {
        self.table.set_header(cells.into_iter().map(GridCell::into_cell).collect::<Vec<_>>());
        self
    }

    pub fn add_row<C: GridCell>(&mut self, cells: impl IntoIterator<Item = C>) -> &mut Self {
        self.table.add_row(cells.into_iter().map(GridCell::into_cell).collect::<Vec<_>>());
        self
    }

    pub fn column_mut(&mut self, i: usize) -> Option<&mut comfy_table::Column> {
        self.table.column_mut(i)
    }

    /// Every column as wide as its widest cell, whatever the width: for a
    /// caller that measures the table and shows it otherwise if too wide.
    pub fn natural(&mut self) -> &mut Self {
        self.table.set_content_arrangement(comfy_table::ContentArrangement::Disabled);
        self
    }

    /// One space of padding before each cell and none after: narrower, for
    /// a table that does not quite fit.
    pub fn tight(&mut self) -> &mut Self {
        for c in self.table.column_iter_mut() {
            c.set_padding((1, 0));
        }
        self
    }

    /// Colours even though the table is not written to a terminal itself.
    pub fn enforce_styling(&mut self) -> &mut Self {
        self.table.enforce_styling();
        self
    }
}

impl std::fmt::Display for Grid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.table.fmt(f)
    }
}

/// A bulleted sub-item of a numbered list for the terminal (a suggestion
/// under a priority), wrapped to `width` less its indent.
pub(crate) fn push_bullet(out: &mut String, text: &str, width: usize, ascii: bool) {
    let bullet = if ascii { "- " } else { "· " };
    for (k, l) in crate::width::wrap(text, width.saturating_sub(6)).iter().enumerate() {
        out.push_str(if k == 0 { "    " } else { "      " });
        if k == 0 {
            out.push_str(bullet);
        }
        out.push_str(l);
        out.push('\n');
    }
}

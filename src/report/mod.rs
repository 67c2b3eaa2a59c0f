//! Rendering results: one file per format behind one small trait. Renderers
//! take values and write bytes; they never read files or the terminal.

pub mod compare;
mod csv;
pub mod group;
pub mod history;
pub mod html;
mod json;
mod markdown;
pub mod norms;
pub mod pack;
mod render;
pub mod svg;
mod table;

use crate::lang::Lang;
use crate::result::{DimensionResult, Previous, ResultDoc, SectionResult};
use crate::rubric::Rubric;

pub use self::csv::{CsvWriter, WidePlan, csv_cell};
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

/// One result to render, with the subject's previous result when known,
/// and the rubric it was scored against when at hand (for the statements
/// behind a development focus and the answers of a self-review; a rubric
/// of another id or version is not used).
#[derive(Clone, Copy, Debug)]
pub struct Entry<'a> {
    pub result: &'a ResultDoc,
    pub previous: Option<&'a ResultDoc>,
    pub rubric: Option<&'a Rubric>,
    /// The group's means to show beside the scores (a person's report in
    /// the trainer's pack, SPEC §10); none elsewhere.
    pub group: Option<&'a GroupMeans>,
}

/// The means of a group (its everyone), to show beside one person's
/// scores: only where the group is shown, and each figure only where its
/// statistic is shown (SPEC §10's anonymity rules).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GroupMeans {
    /// What is counted (people or results), and how many.
    pub n: usize,
    pub people: bool,
    pub overall: Option<f64>,
    pub sections: std::collections::HashMap<String, f64>,
    pub dimensions: std::collections::HashMap<String, f64>,
}

impl GroupMeans {
    /// The means of the report's everyone group; `None` where it is
    /// withheld or below the report's floor.
    pub fn of(doc: &crate::group::GroupDoc) -> Option<GroupMeans> {
        let g = doc.groups.first().filter(|g| g.key.is_none() && !g.withheld)?;
        let n = g.n.filter(|n| *n >= doc.min_group.max(1))?;
        let mean = |s: &crate::group::Stats| if s.shown() { s.mean } else { None };
        Some(GroupMeans {
            n,
            people: doc.unit == crate::group::Unit::People,
            overall: g.overall.as_ref().and_then(mean),
            sections: g.sections.iter().filter_map(|s| Some((s.id.clone(), mean(&s.stats)?))).collect(),
            dimensions: g.dimensions.iter().filter_map(|d| Some((d.id.clone(), mean(&d.stats)?))).collect(),
        })
    }

    pub fn section(&self, id: &str) -> Option<f64> {
        self.sections.get(id).copied()
    }

    pub fn dimension(&self, id: &str) -> Option<f64> {
        self.dimensions.get(id).copied()
    }
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

/// What the report says beside the scores when the rubric the result was
/// scored against is at hand: the statements behind a development focus,
/// the answers of a self-review.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    /// The statement as it was asked of this rater.
    pub text: String,
    /// The answer given, as the scale (or the item's anchors) says it; None
    /// where the item was skipped.
    pub answer: Option<String>,
}

/// How many statements a development focus shows.
pub const PULLED_DOWN: usize = 2;

impl<'a> Entry<'a> {
    /// A result and its previous one, with no rubric.
    pub fn new(result: &'a ResultDoc, previous: Option<&'a ResultDoc>) -> Self {
        Entry { result, previous, rubric: None, group: None }
    }

    /// With the rubric the result was scored against (ignored unless its id
    /// and version are the result's).
    pub fn with_rubric(self, rubric: Option<&'a Rubric>) -> Self {
        Entry { rubric, ..self }
    }

    /// With the group's means beside the scores (the trainer's pack).
    pub fn with_group(self, group: Option<&'a GroupMeans>) -> Self {
        Entry { group, ..self }
    }

    /// The rubric, where it is the one the result was scored against.
    fn own_rubric(&self) -> Option<&'a Rubric> {
        let r = self.result;
        self.rubric.filter(|rb| rb.id == r.rubric.id && rb.version == r.rubric.version)
    }

    /// The items of dimension `id` with their statements and answers, in
    /// rubric order, with each answer's adjusted value.
    fn statements(&self, id: &str) -> Vec<(Statement, Option<i64>)> {
        let Some(rb) = self.own_rubric() else { return Vec::new() };
        let r = self.result;
        let by_other = r.rater.role != crate::result::Role::SelfRating;
        let (min, max) = (rb.scale.min, rb.scale.max);
        let Some((_, d)) = rb.dimensions().find(|(_, d)| d.id == id) else { return Vec::new() };
        d.items
            .iter()
            .map(|it| {
                let v = r.answers.get(&it.id).copied().flatten().filter(|v| (min..=max).contains(v));
                let answer = v.and_then(|v| {
                    let k = usize::try_from(v - min).ok()?;
                    let label = match &it.anchors {
                        Some(a) => a.get(k)?,
                        None => rb.scale.labels.get(k)?,
                    };
                    Some(rb.text(label, &r.lang).to_string())
                });
                let adjusted = v.map(|v| if it.reverse { min + max - v } else { v });
                let text = rb.text(it.asked_text(by_other), &r.lang).to_string();
                (Statement { text, answer }, adjusted)
            })
            .collect()
    }

    /// The statements that pulled dimension `id` down: its answered items
    /// with the lowest adjusted answers, below the scale's top, at most
    /// [`PULLED_DOWN`], lowest first (ties in rubric order). Empty without
    /// the rubric.
    pub fn pulled_down(&self, id: &str) -> Vec<Statement> {
        let top = self.own_rubric().map_or(i64::MAX, |rb| rb.scale.max);
        let mut items: Vec<(Statement, i64)> =
            self.statements(id).into_iter().filter_map(|(s, a)| Some((s, a?))).filter(|(_, a)| *a < top).collect();
        items.sort_by_key(|(_, a)| *a);
        items.into_iter().take(PULLED_DOWN).map(|(s, _)| s).collect()
    }

    /// The statements of a self-review dimension with the answers given.
    pub fn self_review(&self, id: &str) -> Vec<Statement> {
        self.statements(id).into_iter().map(|(s, _)| s).collect()
    }

    /// The change of dimension `id` since the previous result: from the
    /// result's `previous.dimensions`, else from the previous result.
    pub fn dimension_delta(&self, id: &str) -> Option<f64> {
        let listed = self.result.previous.as_ref().and_then(|p| p.dimensions.iter().find(|d| d.id == id));
        match listed {
            Some(d) => d.delta,
            None => dimension_change(self, id),
        }
    }

    /// Whether the report has changes of dimensions to show.
    pub fn shows_dimension_changes(&self) -> bool {
        self.previous.is_some() || self.result.previous.as_ref().is_some_and(|p| !p.dimensions.is_empty())
    }
}

/// The notes under the scores, each said once: what a gap is, what a
/// score means, and with norms what a band and a percentile are.
pub fn notes(r: &ResultDoc, lang: Lang) -> Vec<&'static str> {
    let m = crate::i18n::msg(lang);
    let mut v = vec![crate::i18n::ui(lang).gap_note, m.report_score_meaning()];
    if has_norms(r) {
        v.push(m.report_norms_meaning());
    }
    v
}

/// Each dimension's change since last time, with its judgement against
/// measurement error where norms give one: (title, change, judgement),
/// for the dimensions whose change is known.
pub fn dimension_changes<'a>(entry: &Entry<'a>) -> Vec<(&'a str, f64, Option<bool>)> {
    let r = entry.result;
    r.dimensions()
        .filter(|(_, d)| scored(d))
        .filter_map(|(_, d)| Some((d.title.as_str(), entry.dimension_delta(&d.id)?, reliable_change(r, &d.id))))
        .collect()
}

/// Whether the result was scored or rendered with norms (SPEC §13).
pub fn has_norms(r: &ResultDoc) -> bool {
    r.overall.percentile.is_some()
        || r.dimensions().any(|(s, d)| d.percentile.is_some() || d.band.is_some() || s.percentile.is_some())
        || r.previous.as_ref().is_some_and(|p| p.dimensions.iter().any(|d| d.rci.is_some() || d.reliable.is_some()))
}

/// Whether the change of dimension `id` is beyond measurement error, with
/// norms; None where it cannot be said.
pub fn reliable_change(r: &ResultDoc, id: &str) -> Option<bool> {
    r.previous.as_ref()?.dimensions.iter().find(|d| d.id == id)?.reliable.flatten()
}

/// The words for a change judged against measurement error.
pub fn reliable_text(reliable: bool, lang: Lang) -> &'static str {
    let u = crate::i18n::ui(lang);
    if reliable { u.beyond_error } else { u.within_error }
}

/// A band as people read it: "60–78".
pub fn band_text(band: [f64; 2]) -> String {
    format!("{:.0}–{:.0}", band[0], band[1])
}

/// A percentile as people read it: a whole number.
pub fn percentile_text(p: f64) -> String {
    format!("{:.0}", p)
}

/// The dimensions with a score table row: every one but a self-review.
pub fn scored(d: &DimensionResult) -> bool {
    !d.reflect
}

/// A section whose dimensions are all self-review has no row either.
pub fn section_shown(s: &SectionResult) -> bool {
    s.dimensions.iter().any(scored)
}

/// The self-review dimensions of a result, in rubric order.
pub fn reflected(r: &ResultDoc) -> impl Iterator<Item = &DimensionResult> {
    r.dimensions().map(|(_, d)| d).filter(|d| d.reflect)
}

/// Whether any dimension in the result shows a band or a percentile.
pub fn norm_columns(r: &ResultDoc) -> (bool, bool) {
    let band = r.dimensions().any(|(_, d)| scored(d) && d.band.is_some());
    let pct = r.dimensions().any(|(s, d)| scored(d) && (d.percentile.is_some() || s.percentile.is_some()));
    (band, pct)
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
    entry.dimension_delta(dimension).map(|c| change_text(c, ascii)).unwrap_or_default()
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

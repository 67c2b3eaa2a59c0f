//! The gap report for the terminal.

use std::io::{self, Write};

use comfy_table::{CellAlignment, Color};

use super::{
    Coloured, Entry, Statement, Style, band_text, change_text, dimension_change_text, has_norms, norm_columns, num,
    opt_num, overall_change_text, percentile_text, plain_table, push_bullet, reflected, reliable_text, scored,
    section_shown, section_title, short_time, unscorable, unscorable_text,
};
use crate::i18n::{self, ui};
use crate::lang::Lang;
use crate::result::{ResultDoc, Severity};
use crate::width::wrap;

pub struct TableSink {
    style: Style,
    count: usize,
}

impl TableSink {
    pub fn new(style: Style) -> Self {
        TableSink { style, count: 0 }
    }
}

impl TableSink {
    pub fn write(&mut self, out: &mut dyn Write, entry: Entry<'_>) -> io::Result<()> {
        if self.count > 0 {
            writeln!(out)?;
            let rule = if self.style.ascii { "-" } else { "─" };
            writeln!(out, "{}", rule.repeat(usize::from(self.style.width.min(80))))?;
            writeln!(out)?;
        }
        self.count += 1;
        out.write_all(render(&entry, &self.style).as_bytes())
    }

    pub fn finish(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

fn color_of(s: Severity) -> Color {
    match s {
        Severity::Met => Color::Green,
        Severity::Minor => Color::Yellow,
        Severity::Moderate => Color::Magenta,
        Severity::Critical => Color::Red,
        Severity::Unknown => Color::DarkGrey,
    }
}

/// ANSI bold for headings, only when colour is on. The text is shown
/// visibly (see [`crate::visible`]): a name in a heading cannot bring its
/// own escape codes in beside the bold's.
pub(super) fn bold(text: &str, style: &Style) -> String {
    let text = crate::visible::escape(text);
    if style.color { format!("\x1b[1m{text}\x1b[0m") } else { text.into_owned() }
}

/// A bar of ten cells for a score 0..100.
pub fn bar(score: Option<f64>, ascii: bool) -> String {
    let Some(s) = score else { return String::new() };
    let filled = ((s / 10.0).round() as usize).min(10);
    let (full, empty) = if ascii { ('#', '.') } else { ('█', '░') };
    std::iter::repeat_n(full, filled).chain(std::iter::repeat_n(empty, 10 - filled)).collect()
}

/// Priorities shown with their suggestions; the rest by name only.
const SUGGESTED: usize = 3;

/// Between the parts of the heading.
const SEP: &str = " · ";

/// Text in brackets: full-width in Chinese.
pub(super) fn paren(text: &str, lang: Lang) -> String {
    i18n::msg(lang).report_paren(text)
}

fn render(entry: &Entry<'_>, style: &Style) -> String {
    let r = entry.result;
    let width = usize::from(style.width).clamp(20, 100);
    let mut out = String::new();
    push_heading(&mut out, r, style, width);
    push_overall(&mut out, r, entry.group, style, width);
    push_quality(&mut out, r, style, width);
    if !push_dimension_table(&mut out, entry, style, width) {
        push_dimension_list(&mut out, entry, style, width);
    }
    if unscorable(r) {
        out.push('\n');
        push_wrapped(&mut out, &unscorable_text(r, style.lang), width);
    } else {
        push_priorities(&mut out, entry, style, width);
        push_strengths(&mut out, r, style, width);
    }
    push_self_review(&mut out, entry, style, width);
    push_change(&mut out, entry, style, width);
    out
}

/// Prose, wrapped to `width`.
fn push_wrapped(out: &mut String, text: &str, width: usize) {
    for l in wrap(text, width) {
        out.push_str(&l);
        out.push('\n');
    }
}

/// Below this width the dimensions are a list, not a table (SPEC §9).
const LIST_BELOW: usize = 60;

/// A piece of a line that is never split: its separator from the piece
/// before it on the same line, its text, and how it is shown.
struct Field {
    sep: &'static str,
    text: String,
    paint: Option<Severity>,
}

impl Field {
    fn new(sep: &'static str, text: impl Into<String>) -> Field {
        Field { sep, text: text.into(), paint: None }
    }

    fn painted(sep: &'static str, text: impl Into<String>, severity: Severity) -> Field {
        Field { sep, text: text.into(), paint: Some(severity) }
    }
}

/// SGR colour of a severity, for text outside a table.
fn sgr_of(s: Severity) -> &'static str {
    match s {
        Severity::Met => "\x1b[32m",
        Severity::Minor => "\x1b[33m",
        Severity::Moderate => "\x1b[35m",
        Severity::Critical => "\x1b[31m",
        Severity::Unknown => "\x1b[90m",
    }
}

/// Fields on lines of at most `width` columns, each line after `indent`;
/// a line breaks only between fields (see [`crate::width::fill`]). With
/// `strong`, every line is bold.
fn push_fields(out: &mut String, indent: usize, fields: &[Field], width: usize, strong: bool, style: &Style) {
    push_hanging(out, (indent, indent), fields, width, strong, style);
}

/// [`push_fields`] with the first line after `indent.0` spaces and the
/// lines after it after `indent.1`.
fn push_hanging(out: &mut String, indent: (usize, usize), fields: &[Field], width: usize, strong: bool, style: &Style) {
    let cols = width.saturating_sub(indent.0.max(indent.1)).max(8);
    let mut first = true;
    let shown: Vec<String> = fields.iter().map(|f| crate::visible::escape(&f.text).into_owned()).collect();
    let sizes: Vec<(usize, usize)> =
        fields.iter().zip(&shown).map(|(f, t)| (crate::width::width(f.sep), crate::width::width(t))).collect();
    for range in crate::width::fill(&sizes, cols) {
        let mut lines: Vec<String> = Vec::new();
        if range.len() == 1 && sizes[range.start].1 > cols {
            lines = wrap(&shown[range.start], cols);
        } else {
            let mut line = String::new();
            for i in range.clone() {
                if i > range.start {
                    line.push_str(fields[i].sep);
                }
                // A field that starts a line after the first starts with its text.
                let text = if i == range.start && i > 0 { shown[i].trim_start() } else { shown[i].as_str() };
                match fields[i].paint {
                    Some(sev) if style.color => {
                        line.push_str(sgr_of(sev));
                        line.push_str(text);
                        line.push_str("\x1b[0m");
                    }
                    _ => line.push_str(text),
                }
            }
            lines.push(line);
        }
        for l in lines {
            out.push_str(&" ".repeat(if first { indent.0 } else { indent.1 }));
            first = false;
            if strong && style.color {
                out.push_str(&format!("\x1b[1m{l}\x1b[0m"));
            } else {
                out.push_str(&l);
            }
            out.push('\n');
        }
    }
}

/// The title with the subject, then who rated, when and with what; lines
/// break only between these parts.
fn push_heading(out: &mut String, r: &ResultDoc, style: &Style, width: usize) {
    let lang = style.lang;
    let u = ui(lang);
    let mut who = r.subject.name.clone();
    if let Some(d) = &r.subject.department {
        who.push_str(&paren(d, lang));
    }
    push_fields(out, 0, &[Field::new(SEP, r.rubric.title.clone()), Field::new(SEP, who)], width, true, style);
    let mut rater = format!("{}{}{}", u.rater, u.colon, i18n::role(r.rater.role, lang));
    if let Some(n) = &r.rater.name {
        rater.push_str(&format!(" {n}"));
    }
    let mut meta = vec![
        Field::new(SEP, rater),
        Field::new(SEP, format!("{}{}{}", u.date, u.colon, short_time(&r.taken_at))),
        Field::new(SEP, format!("{}{}{} {}", u.rubric, u.colon, r.rubric.id, r.rubric.version)),
    ];
    if let Some(p) = &r.profile {
        meta.push(Field::new(SEP, format!("{}{}{p}", u.profile, u.colon)));
    }
    if let Some(s) = &r.session {
        meta.push(Field::new(SEP, format!("{}{}{s}", u.session, u.colon)));
    }
    push_fields(out, 0, &meta, width, false, style);
    out.push('\n');
}

/// The overall score, its target and gap, and its change since last time.
fn push_overall(out: &mut String, r: &ResultDoc, group: Option<&super::GroupMeans>, style: &Style, width: usize) {
    let lang = style.lang;
    let u = ui(lang);
    let o = &r.overall;
    let mut fields = vec![
        Field::new("   ", format!("{} {}", u.overall, opt_num(o.score))),
        Field::new("   ", format!("{} {}", u.target, num(o.target))),
    ];
    match o.gap {
        Some(g) => fields
            .push(Field::new("   ", format!("{} {}{}", u.gap, num(g), paren(i18n::severity(o.severity, lang), lang)))),
        None => fields.push(Field::new("", paren(u.insufficient, lang))),
    }
    if let Some(p) = o.percentile {
        fields.push(Field::new("   ", format!("{} {}", u.percentile, percentile_text(p))));
    }
    if let Some(mean) = group.and_then(|g| g.overall) {
        fields.push(Field::new("   ", format!("{} {}", i18n::msg(lang).report_group_mean(), num(mean))));
    }
    if let Some(d) = r.previous.as_ref().and_then(|p| p.overall_delta) {
        fields.push(Field::new("   ", change_text(d, style.ascii)));
    }
    push_fields(out, 0, &fields, width, true, style);
}

/// The table of sections and their dimensions, then the notes, if the
/// table fits `width` without breaking a cell; else nothing, and false.
/// A self-review dimension has no row; with norms, a band column after the
/// score and a percentile column after the severity (beside the target,
/// never in its place).
fn push_dimension_table(out: &mut String, entry: &Entry<'_>, style: &Style, width: usize) -> bool {
    if width < LIST_BELOW {
        return false;
    }
    let r = entry.result;
    let lang = style.lang;
    let u = ui(lang);
    let show_change = entry.shows_dimension_changes();
    let (show_band, show_pct) = norm_columns(r);
    let mut table = plain_table(style);
    table.natural();
    if style.color {
        table.enforce_styling();
    }
    // Each column: its heading and whether it is right-aligned.
    let group = entry.group;
    let mut header: Vec<(&str, bool)> = vec![(u.dimension, false), (u.score, true)];
    if group.is_some() {
        header.push((i18n::msg(lang).report_group_mean(), true));
    }
    if show_band {
        header.push((u.band, true));
    }
    header.extend([(u.target, true), (u.gap, true), ("", false), (u.severity, false)]);
    if show_pct {
        header.push((u.percentile, true));
    }
    if show_change {
        header.push((i18n::msg(lang).report_change(), true));
    }
    table.set_header(header.iter().map(|(h, _)| *h));
    let colour = |s: Severity| style.color.then(|| color_of(s));
    struct Row {
        title: String,
        score: Option<f64>,
        group: Option<f64>,
        band: Option<[f64; 2]>,
        target: f64,
        gap: Option<f64>,
        bar: String,
        severity: Severity,
        percentile: Option<f64>,
        change: String,
    }
    let add = |table: &mut super::Grid, row: Row| {
        let (score, band, target, gap) =
            (opt_num(row.score), row.band.map(band_text).unwrap_or_default(), num(row.target), opt_num(row.gap));
        let pct = row.percentile.map(percentile_text).unwrap_or_default();
        let group_mean = row.group.map(num).unwrap_or_default();
        let mut cells = vec![Coloured(&row.title, None), Coloured(&score, None)];
        if group.is_some() {
            cells.push(Coloured(&group_mean, None));
        }
        if show_band {
            cells.push(Coloured(&band, None));
        }
        cells.extend([
            Coloured(&target, None),
            Coloured(&gap, None),
            Coloured(&row.bar, colour(row.severity)),
            Coloured(i18n::severity(row.severity, lang), colour(row.severity)),
        ]);
        if show_pct {
            cells.push(Coloured(&pct, None));
        }
        if show_change {
            cells.push(Coloured(&row.change, None));
        }
        table.add_row(cells);
    };
    for s in r.sections.iter().filter(|s| section_shown(s)) {
        let row = Row {
            title: s.title.clone(),
            score: s.score,
            group: group.and_then(|g| g.section(&s.id)),
            band: s.band,
            target: s.target,
            gap: s.gap,
            bar: String::new(),
            severity: s.severity,
            percentile: s.percentile,
            change: String::new(),
        };
        add(&mut table, row);
        for d in s.dimensions.iter().filter(|d| scored(d)) {
            let change = if show_change { dimension_change_text(entry, &d.id, style.ascii) } else { String::new() };
            let row = Row {
                title: format!("  {}", d.title),
                score: d.score,
                group: group.and_then(|g| g.dimension(&d.id)),
                band: d.band,
                target: d.target,
                gap: d.gap,
                bar: bar(d.score, style.ascii),
                severity: d.severity,
                percentile: d.percentile,
                change,
            };
            add(&mut table, row);
        }
    }
    for (i, (_, right)) in header.iter().enumerate() {
        if let (true, Some(col)) = (*right, table.column_mut(i)) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
    let text = table.to_string();
    if text.lines().map(crate::width::width).max().unwrap_or(0) > usize::from(style.width).max(width) {
        return false;
    }
    out.push_str(&text);
    out.push('\n');
    push_notes(out, r, lang, width);
    push_group_note(out, entry, lang, width);
    true
}

/// What the group's mean is, under the scores of a report that shows it.
fn push_group_note(out: &mut String, entry: &Entry<'_>, lang: Lang, width: usize) {
    if let Some(g) = entry.group {
        push_wrapped(out, &i18n::msg(lang).report_group_mean_note(g.n, g.people), width);
    }
}

/// The notes under the scores: what a gap is, what a score means, and with
/// norms what a band and a percentile are.
fn push_notes(out: &mut String, r: &ResultDoc, lang: Lang, width: usize) {
    for note in super::notes(r, lang) {
        push_wrapped(out, note, width);
    }
}

/// The sections and their dimensions as a list, for a narrow terminal:
/// each a title line, then its figures, which break only between figures.
fn push_dimension_list(out: &mut String, entry: &Entry<'_>, style: &Style, width: usize) {
    let r = entry.result;
    let lang = style.lang;
    let u = ui(lang);
    let figures = |score: Option<f64>, band: Option<[f64; 2]>, target: f64, gap: Option<f64>, sev: Severity| {
        let mut f = vec![Field::new(SEP, format!("{} {}", u.score, opt_num(score)))];
        if let Some(b) = band {
            f.push(Field::new(SEP, format!("{} {}", u.band, band_text(b))));
        }
        f.extend([
            Field::new(SEP, format!("{} {}", u.target, num(target))),
            Field::new(SEP, format!("{} {}", u.gap, opt_num(gap))),
            Field::painted(SEP, i18n::severity(sev, lang), sev),
        ]);
        f
    };
    let percentile = |p: Option<f64>| p.map(|p| Field::new(SEP, format!("{} {}", u.percentile, percentile_text(p))));
    let group_mean =
        |m: Option<f64>| m.map(|m| Field::new(SEP, format!("{} {}", i18n::msg(lang).report_group_mean(), num(m))));
    for s in r.sections.iter().filter(|s| section_shown(s)) {
        if !out.ends_with("\n\n") {
            out.push('\n');
        }
        push_fields(out, 0, &[Field::new("", s.title.clone())], width, true, style);
        let mut figs = figures(s.score, s.band, s.target, s.gap, s.severity);
        figs.extend(group_mean(entry.group.and_then(|g| g.section(&s.id))));
        figs.extend(percentile(s.percentile));
        push_fields(out, 2, &figs, width, false, style);
        for d in s.dimensions.iter().filter(|d| scored(d)) {
            let mut head = vec![Field::new("", d.title.clone())];
            if d.score.is_some() {
                head.push(Field::painted(" ", bar(d.score, style.ascii), d.severity));
            }
            push_fields(out, 2, &head, width, false, style);
            let mut figs = figures(d.score, d.band, d.target, d.gap, d.severity);
            figs.extend(group_mean(entry.group.and_then(|g| g.dimension(&d.id))));
            figs.extend(percentile(d.percentile));
            let change = if entry.shows_dimension_changes() {
                dimension_change_text(entry, &d.id, style.ascii)
            } else {
                String::new()
            };
            if !change.is_empty() {
                figs.push(Field::new(SEP, change));
            }
            push_fields(out, 4, &figs, width, false, style);
        }
    }
    out.push('\n');
    push_notes(out, r, lang, width);
    push_group_note(out, entry, lang, width);
}

/// A blank line, then the title of a part of the report, in bold.
fn push_part_title(out: &mut String, title: &str, style: &Style) {
    out.push('\n');
    out.push_str(&bold(title, style));
    out.push('\n');
}

/// The title of a part that lists things, then `none` if it lists nothing.
fn push_list_title(out: &mut String, title: &str, empty: bool, none: &str, style: &Style) {
    push_part_title(out, title, style);
    if empty {
        out.push_str(&format!("  {none}\n"));
    }
}

/// The priorities, numbered; the first [`SUGGESTED`] with the statements
/// that pulled them down and their suggestions.
fn push_priorities(out: &mut String, entry: &Entry<'_>, style: &Style, width: usize) {
    let r = entry.result;
    let lang = style.lang;
    let u = ui(lang);
    push_list_title(out, u.priorities, r.priorities.is_empty(), u.no_priorities, style);
    for (i, p) in r.priorities.iter().enumerate() {
        let sev = r.dimensions().find(|(_, d)| d.id == p.dimension).map_or(Severity::Unknown, |(_, d)| d.severity);
        let head = [
            Field::new("", format!("{:>2}. {}", i + 1, r.dimension_title(&p.dimension))),
            Field::new("", paren(section_title(r, &p.section), lang)),
            Field::new("  ", format!("{} {}", u.gap, num(p.gap))),
            Field::new(" ", i18n::severity(sev, lang)),
        ];
        push_hanging(out, (0, 4), &head, width, false, style);
        if i >= SUGGESTED {
            continue;
        }
        let pulled = entry.pulled_down(&p.dimension);
        if !pulled.is_empty() {
            push_indented(out, 4, i18n::msg(lang).report_pulled_down(), width);
            for st in &pulled {
                push_bullet(out, &statement_text(st, lang), width, style.ascii);
            }
            if !p.suggestions.is_empty() {
                push_indented(out, 4, u.suggestions, width);
            }
        }
        for s in &p.suggestions {
            push_bullet(out, s, width, style.ascii);
        }
    }
    if r.priorities.len() > SUGGESTED {
        let note = i18n::msg(lang).report_suggestions_shown(SUGGESTED);
        push_indented(out, 4, note.trim_start(), width);
    }
}

/// Prose after `indent` spaces, wrapped to `width`.
fn push_indented(out: &mut String, indent: usize, text: &str, width: usize) {
    for l in wrap(text, width.saturating_sub(indent)) {
        out.push_str(&" ".repeat(indent));
        out.push_str(&l);
        out.push('\n');
    }
}

/// A statement with its answer, as people read it.
pub(super) fn statement_text(st: &Statement, lang: Lang) -> String {
    match &st.answer {
        Some(answer) => i18n::msg(lang).report_statement(&st.text, answer),
        None => format!("{}{}", st.text, paren(ui(lang).not_answered, lang)),
    }
}

/// The self-review dimensions (not scored in a self-assessment), each with
/// its statements and the answers given where the rubric is at hand.
fn push_self_review(out: &mut String, entry: &Entry<'_>, style: &Style, width: usize) {
    let r = entry.result;
    if reflected(r).next().is_none() {
        return;
    }
    let lang = style.lang;
    push_part_title(out, ui(lang).self_review, style);
    push_indented(out, 2, i18n::msg(lang).report_self_review_note(), width);
    for d in reflected(r) {
        push_fields(out, 2, &[Field::new("", d.title.clone())], width, true, style);
        for st in entry.self_review(&d.id) {
            push_bullet(out, &statement_text(&st, lang), width, style.ascii);
        }
    }
}

/// The strengths, as one wrapped list.
fn push_strengths(out: &mut String, r: &ResultDoc, style: &Style, width: usize) {
    let u = ui(style.lang);
    push_list_title(out, u.strengths, r.strengths.is_empty(), u.no_strengths, style);
    if !r.strengths.is_empty() {
        let list: Vec<Field> = r
            .strengths
            .iter()
            .map(|s| Field::new(u.list_sep, format!("{} {}", r.dimension_title(&s.dimension), num(s.score))))
            .collect();
        push_fields(out, 2, &list, width, false, style);
    }
}

/// The change since the previous result, if there is one: overall, then
/// with norms each dimension's against measurement error; without norms,
/// once, how to judge the changes.
fn push_change(out: &mut String, entry: &Entry<'_>, style: &Style, width: usize) {
    let r = entry.result;
    let Some(p) = &r.previous else { return };
    let lang = style.lang;
    let u = ui(lang);
    push_part_title(out, u.change, style);
    let d = overall_change_text(p, style.ascii);
    let fields = [
        Field::new("", format!("{}{}{}", u.overall, u.colon, d)),
        Field::new("   ", short_time(&p.taken_at)),
        Field::new(" ", p.id.clone()),
    ];
    push_fields(out, 2, &fields, width, false, style);
    if has_norms(r) {
        for (title, delta, reliable) in super::dimension_changes(entry) {
            let mut f = vec![Field::new("", title.to_string()), Field::new(" ", change_text(delta, style.ascii))];
            if let Some(b) = reliable {
                f.push(Field::new("", paren(reliable_text(b, lang), lang)));
            }
            push_fields(out, 2, &f, width, false, style);
        }
    } else {
        push_indented(out, 2, i18n::msg(lang).report_norms_hint_option(), width);
    }
}

/// The quality flags, if any.
fn push_quality(out: &mut String, r: &ResultDoc, style: &Style, width: usize) {
    if r.quality.flags.is_empty() {
        return;
    }
    push_part_title(out, ui(style.lang).quality, style);
    for f in &r.quality.flags {
        for (k, l) in wrap(i18n::flag(f, style.lang), width.saturating_sub(4)).iter().enumerate() {
            out.push_str(if k == 0 { "  ! " } else { "    " });
            out.push_str(l);
            out.push('\n');
        }
    }
    out.push('\n');
}

//! The gap report for the terminal.

use std::io::{self, Write};

use comfy_table::{CellAlignment, Color};

use super::{
    Coloured, Entry, Style, change_text, dimension_change_text, num, opt_num, overall_change_text, plain_table,
    push_bullet, section_title, short_time, unscorable, unscorable_text,
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
    push_heading(&mut out, r, style);
    push_overall(&mut out, r, style);
    push_dimension_table(&mut out, entry, style);
    if unscorable(r) {
        out.push('\n');
        for l in wrap(&unscorable_text(r, style.lang), width) {
            out.push_str(&l);
            out.push('\n');
        }
    } else {
        push_priorities(&mut out, r, style, width);
        push_strengths(&mut out, r, style, width);
    }
    push_change(&mut out, r, style);
    push_quality(&mut out, r, style, width);
    out
}

/// The title with the subject, then a line of who rated, when and with what.
fn push_heading(out: &mut String, r: &ResultDoc, style: &Style) {
    let lang = style.lang;
    let u = ui(lang);
    let mut who = r.subject.name.clone();
    if let Some(d) = &r.subject.department {
        who.push_str(&paren(d, lang));
    }
    out.push_str(&bold(&format!("{}{SEP}{who}", r.rubric.title), style));
    out.push('\n');
    let mut meta = vec![format!("{}{}{}", u.rater, u.colon, i18n::role(r.rater.role, lang))];
    if let Some(n) = &r.rater.name {
        meta[0].push_str(&format!(" {n}"));
    }
    meta.push(format!("{}{}{}", u.date, u.colon, short_time(&r.taken_at)));
    meta.push(format!("{}{}{} {}", u.rubric, u.colon, r.rubric.id, r.rubric.version));
    if let Some(p) = &r.profile {
        meta.push(format!("{}{}{p}", u.profile, u.colon));
    }
    if let Some(s) = &r.session {
        meta.push(format!("{}{}{s}", u.session, u.colon));
    }
    out.push_str(&meta.join(SEP));
    out.push_str("\n\n");
}

/// The overall score, its target and gap, and its change since last time.
fn push_overall(out: &mut String, r: &ResultDoc, style: &Style) {
    let lang = style.lang;
    let u = ui(lang);
    let o = &r.overall;
    let mut line = format!("{} {}   {} {}", u.overall, opt_num(o.score), u.target, num(o.target));
    match o.gap {
        Some(g) => line.push_str(&format!("   {} {}{}", u.gap, num(g), paren(i18n::severity(o.severity, lang), lang))),
        None => line.push_str(&paren(u.insufficient, lang)),
    }
    if let Some(d) = r.previous.as_ref().and_then(|p| p.overall_delta) {
        line.push_str(&format!("   {}", change_text(d, style.ascii)));
    }
    out.push_str(&bold(&line, style));
    out.push('\n');
}

/// The table of sections and their dimensions, then the note on gaps.
fn push_dimension_table(out: &mut String, entry: &Entry<'_>, style: &Style) {
    let r = entry.result;
    let lang = style.lang;
    let u = ui(lang);
    let show_change = entry.previous.is_some();
    let mut table = plain_table(style);
    if style.color {
        table.enforce_styling();
    }
    let mut header = vec![u.dimension, u.score, u.target, u.gap, "", u.severity];
    if show_change {
        header.push(i18n::msg(lang).report_change());
    }
    table.set_header(header);
    let colour = |s: Severity| style.color.then(|| color_of(s));
    for s in &r.sections {
        let (score, target, gap) = (opt_num(s.score), num(s.target), opt_num(s.gap));
        let mut row = vec![
            Coloured(&s.title, None),
            Coloured(&score, None),
            Coloured(&target, None),
            Coloured(&gap, None),
            Coloured("", None),
            Coloured(i18n::severity(s.severity, lang), colour(s.severity)),
        ];
        if show_change {
            row.push(Coloured("", None));
        }
        table.add_row(row);
        for d in &s.dimensions {
            let title = format!("  {}", d.title);
            let (score, target, gap, bar) =
                (opt_num(d.score), num(d.target), opt_num(d.gap), bar(d.score, style.ascii));
            let change = if show_change { dimension_change_text(entry, &d.id, style.ascii) } else { String::new() };
            let mut row = vec![
                Coloured(&title, None),
                Coloured(&score, None),
                Coloured(&target, None),
                Coloured(&gap, None),
                Coloured(&bar, colour(d.severity)),
                Coloured(i18n::severity(d.severity, lang), colour(d.severity)),
            ];
            if show_change {
                row.push(Coloured(&change, None));
            }
            table.add_row(row);
        }
    }
    for i in [1, 2, 3, 6] {
        if let Some(col) = table.column_mut(i) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
    out.push_str(&table.to_string());
    out.push('\n');
    out.push_str(&format!("{}\n", u.gap_note));
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

/// The priorities, numbered; the first [`SUGGESTED`] with their suggestions.
fn push_priorities(out: &mut String, r: &ResultDoc, style: &Style, width: usize) {
    let lang = style.lang;
    let u = ui(lang);
    push_list_title(out, u.priorities, r.priorities.is_empty(), u.no_priorities, style);
    for (i, p) in r.priorities.iter().enumerate() {
        let sev = r.dimensions().find(|(_, d)| d.id == p.dimension).map_or(Severity::Unknown, |(_, d)| d.severity);
        let head = format!(
            "{:>2}. {}{}  {} {} {}",
            i + 1,
            r.dimension_title(&p.dimension),
            paren(section_title(r, &p.section), lang),
            u.gap,
            num(p.gap),
            i18n::severity(sev, lang)
        );
        out.push_str(&head);
        out.push('\n');
        if i >= SUGGESTED {
            continue;
        }
        for s in &p.suggestions {
            push_bullet(out, s, width, style.ascii);
        }
    }
    if r.priorities.len() > SUGGESTED {
        let note = i18n::msg(lang).report_suggestions_shown(SUGGESTED);
        out.push_str(&note);
        out.push('\n');
    }
}

/// The strengths, as one wrapped list.
fn push_strengths(out: &mut String, r: &ResultDoc, style: &Style, width: usize) {
    let u = ui(style.lang);
    push_list_title(out, u.strengths, r.strengths.is_empty(), u.no_strengths, style);
    if !r.strengths.is_empty() {
        let list: Vec<String> =
            r.strengths.iter().map(|s| format!("{} {}", r.dimension_title(&s.dimension), num(s.score))).collect();
        for l in wrap(&list.join(u.list_sep), width.saturating_sub(2)) {
            out.push_str(&format!("  {l}\n"));
        }
    }
}

/// The change since the previous result, if there is one.
fn push_change(out: &mut String, r: &ResultDoc, style: &Style) {
    let Some(p) = &r.previous else { return };
    let u = ui(style.lang);
    push_part_title(out, u.change, style);
    let d = overall_change_text(p, style.ascii);
    out.push_str(&format!("  {}{}{}   {} {}\n", u.overall, u.colon, d, short_time(&p.taken_at), p.id));
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
}

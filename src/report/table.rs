//! The gap report for the terminal.

use std::io::{self, Write};

use comfy_table::{Cell, CellAlignment, Color, ContentArrangement, Table, presets};

use super::{Entry, Style, Trend, delta, dimension_change, num, opt_num, short_time};
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

/// ANSI bold for headings, only when colour is on.
pub(super) fn bold(text: &str, style: &Style) -> String {
    if style.color { format!("\x1b[1m{text}\x1b[0m") } else { text.to_string() }
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

/// Text in brackets: full-width in Chinese.
pub(super) fn paren(text: &str, lang: Lang) -> String {
    i18n::msg(lang).report_paren(text)
}

fn render(entry: &Entry<'_>, style: &Style) -> String {
    let r: &ResultDoc = entry.result;
    let lang = style.lang;
    let u = ui(lang);
    let sep = " · ";
    let mut out = String::new();

    // Header.
    let mut who = r.subject.name.clone();
    if let Some(d) = &r.subject.department {
        who.push_str(&paren(d, lang));
    }
    out.push_str(&bold(&format!("{}{sep}{who}", r.rubric.title), style));
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
    out.push_str(&meta.join(sep));
    out.push_str("\n\n");

    let o = &r.overall;
    let mut line = format!("{} {}   {} {}", u.overall, opt_num(o.score), u.target, num(o.target));
    match o.gap {
        Some(g) => line.push_str(&format!("   {} {}{}", u.gap, num(g), paren(i18n::severity(o.severity, lang), lang))),
        None => line.push_str(&paren(u.insufficient, lang)),
    }
    if let Some(d) = r.previous.as_ref().and_then(|p| p.overall_delta) {
        line.push_str(&format!("   {} {}", Trend::of(d).arrow(style.ascii), delta(d)));
    }
    out.push_str(&bold(&line, style));
    out.push('\n');

    // The table.
    let show_change = entry.previous.is_some();
    let mut table = Table::new();
    if style.ascii {
        table.load_style(presets::ASCII_FULL_CONDENSED);
    } else {
        table.load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners());
    }
    table.set_content_arrangement(ContentArrangement::Dynamic).set_width(style.width);
    if style.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    let mut header = vec![u.dimension, u.score, u.target, u.gap, "", u.severity];
    if show_change {
        header.push(i18n::msg(lang).report_change());
    }
    table.set_header(header.into_iter().map(Cell::new).collect::<Vec<_>>());
    let sev_cell = |s: Severity| {
        let c = Cell::new(i18n::severity(s, lang));
        if style.color { c.fg(color_of(s)) } else { c }
    };
    for s in &r.sections {
        let mut row = vec![
            Cell::new(&s.title),
            Cell::new(opt_num(s.score)),
            Cell::new(num(s.target)),
            Cell::new(opt_num(s.gap)),
            Cell::new(""),
            sev_cell(s.severity),
        ];
        if show_change {
            row.push(Cell::new(""));
        }
        table.add_row(row);
        for d in &s.dimensions {
            let mut barc = Cell::new(bar(d.score, style.ascii));
            if style.color {
                barc = barc.fg(color_of(d.severity));
            }
            let mut row = vec![
                Cell::new(format!("  {}", d.title)),
                Cell::new(opt_num(d.score)),
                Cell::new(num(d.target)),
                Cell::new(opt_num(d.gap)),
                barc,
                sev_cell(d.severity),
            ];
            if show_change {
                let text = dimension_change(entry, &d.id)
                    .map(|c| format!("{} {}", Trend::of(c).arrow(style.ascii), delta(c)))
                    .unwrap_or_default();
                row.push(Cell::new(text));
            }
            table.add_row(row);
        }
    }
    for i in [1, 2, 3] {
        if let Some(col) = table.column_mut(i) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
    if let Some(col) = table.column_mut(6) {
        col.set_cell_alignment(CellAlignment::Right);
    }
    out.push_str(&table.to_string());
    out.push('\n');
    out.push_str(&format!("{}\n", u.gap_note));

    // Priorities.
    let width = usize::from(style.width).clamp(20, 100);
    out.push('\n');
    out.push_str(&bold(u.priorities, style));
    out.push('\n');
    if r.priorities.is_empty() {
        out.push_str(&format!("  {}\n", u.no_priorities));
    }
    for (i, p) in r.priorities.iter().enumerate() {
        let section = r.sections.iter().find(|s| s.id == p.section).map_or(p.section.as_str(), |s| s.title.as_str());
        let sev = r.dimensions().find(|(_, d)| d.id == p.dimension).map_or(Severity::Unknown, |(_, d)| d.severity);
        let head = format!(
            "{:>2}. {}{}  {} {} {}",
            i + 1,
            r.dimension_title(&p.dimension),
            paren(section, lang),
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
            let bullet = if style.ascii { "- " } else { "· " };
            for (k, l) in wrap(s, width.saturating_sub(6)).iter().enumerate() {
                out.push_str(if k == 0 { "    " } else { "      " });
                if k == 0 {
                    out.push_str(bullet);
                }
                out.push_str(l);
                out.push('\n');
            }
        }
    }

    if r.priorities.len() > SUGGESTED {
        let note = i18n::msg(lang).report_suggestions_shown(SUGGESTED);
        out.push_str(&note);
        out.push('\n');
    }

    // Strengths.
    out.push('\n');
    out.push_str(&bold(u.strengths, style));
    out.push('\n');
    if r.strengths.is_empty() {
        out.push_str(&format!("  {}\n", u.no_strengths));
    } else {
        let list: Vec<String> =
            r.strengths.iter().map(|s| format!("{} {}", r.dimension_title(&s.dimension), num(s.score))).collect();
        for l in wrap(&list.join(u.list_sep), width.saturating_sub(2)) {
            out.push_str(&format!("  {l}\n"));
        }
    }

    // Change since last time.
    if let Some(p) = &r.previous {
        out.push('\n');
        out.push_str(&bold(u.change, style));
        out.push('\n');
        let d =
            p.overall_delta.map(|d| format!("{} {}", Trend::of(d).arrow(style.ascii), delta(d))).unwrap_or_default();
        out.push_str(&format!("  {}{}{}   {} {}\n", u.overall, u.colon, d, short_time(&p.taken_at), p.id));
    }

    // Quality.
    if !r.quality.flags.is_empty() {
        out.push('\n');
        out.push_str(&bold(u.quality, style));
        out.push('\n');
        for f in &r.quality.flags {
            for (k, l) in wrap(i18n::flag(f, lang), width.saturating_sub(4)).iter().enumerate() {
                out.push_str(if k == 0 { "  ! " } else { "    " });
                out.push_str(l);
                out.push('\n');
            }
        }
    }
    out
}

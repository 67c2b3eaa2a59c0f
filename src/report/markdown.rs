//! The gap report as Markdown, for pasting into documents and chats.

use std::io::{self, Write};

use super::{
    Entry, Style, band_text, change_text, dimension_change_text, has_norms, norm_columns, num, opt_num,
    overall_change_text, percentile_text, reflected, reliable_text, scored, section_shown, section_title, short_time,
    unscorable,
};
use crate::i18n::{self, ui};
use crate::lang::Lang;
use crate::result::ResultDoc;

pub struct MarkdownSink {
    style: Style,
    count: usize,
}

impl MarkdownSink {
    pub fn new(style: Style) -> Self {
        MarkdownSink { style, count: 0 }
    }
}

/// Escape text so that Markdown shows it as written, inline (in a table
/// cell or after a list marker): emphasis, code, links, HTML and pipes.
pub fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    if text.starts_with(['#', '-', '+', '=']) {
        out.push('\\');
    }
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

impl MarkdownSink {
    pub fn write(&mut self, out: &mut dyn Write, entry: Entry<'_>) -> io::Result<()> {
        if self.count > 0 {
            writeln!(out, "\n---\n")?;
        }
        self.count += 1;
        out.write_all(render(&entry, self.style.lang).as_bytes())
    }

    pub fn finish(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

fn render(entry: &Entry<'_>, lang: Lang) -> String {
    let r = entry.result;
    let mut o = String::new();
    push_heading(&mut o, r, lang);
    // A flagged result says so before any score (SPEC §9, issue 12).
    push_quality(&mut o, r, lang);
    push_overall(&mut o, r, entry.group, lang);
    push_dimension_table(&mut o, entry, lang);
    if unscorable(r) {
        o.push_str(&format!("\n**{}**\n", super::unscorable_text(r, lang)));
    } else {
        push_priorities(&mut o, entry, lang);
        push_strengths(&mut o, r, lang);
    }
    push_self_review(&mut o, entry, lang);
    push_change(&mut o, entry, lang);
    o
}

/// The title with the subject, then a list of who rated, when and with what.
fn push_heading(o: &mut String, r: &ResultDoc, lang: Lang) {
    let u = ui(lang);
    o.push_str(&format!("# {}{}{}\n\n", md(&r.rubric.title), u.colon, md(&r.subject.name)));
    if let Some(d) = &r.subject.department {
        o.push_str(&format!("- {}{}{}\n", u.department, u.colon, md(d)));
    }
    let mut rater = i18n::role(r.rater.role, lang).to_string();
    if let Some(n) = &r.rater.name {
        rater.push_str(&format!(" {}", md(n)));
    }
    o.push_str(&format!("- {}{}{}\n", u.rater, u.colon, rater));
    o.push_str(&format!("- {}{}{}\n", u.date, u.colon, md(&short_time(&r.taken_at))));
    o.push_str(&format!("- {}{}{} {}\n", u.rubric, u.colon, md(&r.rubric.id), md(&r.rubric.version)));
    if let Some(p) = &r.profile {
        o.push_str(&format!("- {}{}{}\n", u.profile, u.colon, md(p)));
    }
    if let Some(s) = &r.session {
        o.push_str(&format!("- {}{}{}\n", u.session, u.colon, md(s)));
    }
}

/// The overall score in bold, its target, gap and severity in brackets.
fn push_overall(o: &mut String, r: &ResultDoc, group: Option<&super::GroupMeans>, lang: Lang) {
    let u = ui(lang);
    let ov = &r.overall;
    let detail = match ov.gap {
        Some(g) => format!(
            "{} {}{}{} {}{}{}",
            u.target,
            num(ov.target),
            u.list_sep,
            u.gap,
            num(g),
            u.list_sep,
            i18n::severity(ov.severity, lang)
        ),
        None => format!("{} {}{}{}", u.target, num(ov.target), u.list_sep, u.insufficient),
    };
    let detail = i18n::msg(lang).report_paren(&detail);
    let pct = ov.percentile.map_or(String::new(), |p| format!("{}{} {}", u.list_sep, u.percentile, percentile_text(p)));
    let group = group
        .and_then(|g| g.overall)
        .map_or(String::new(), |m| format!("{}{} {}", u.list_sep, i18n::msg(lang).report_group_mean(), num(m)));
    o.push_str(&format!("\n**{} {}**{detail}{pct}{group}\n\n", u.overall, opt_num(ov.score)));
}

/// The table of sections and their dimensions (a self-review has no
/// row), then the notes. With norms, a band column after the score and a
/// percentile column after the severity.
fn push_dimension_table(o: &mut String, entry: &Entry<'_>, lang: Lang) {
    let r = entry.result;
    let u = ui(lang);
    let change = entry.shows_dimension_changes();
    let (band, pct) = norm_columns(r);
    let group = entry.group;
    let mut head = vec![u.dimension, u.score];
    let mut align = vec!["---", "---:"];
    if group.is_some() {
        head.push(i18n::msg(lang).report_group_mean());
        align.push("---:");
    }
    if band {
        head.push(u.band);
        align.push("---:");
    }
    head.extend([u.target, u.gap, u.severity]);
    align.extend(["---:", "---:", "---"]);
    if pct {
        head.push(u.percentile);
        align.push("---:");
    }
    let change_head = i18n::msg(lang).report_change();
    if change {
        head.push(change_head);
        align.push("---:");
    }
    o.push_str(&format!("| {} |\n|{}|\n", head.join(" | "), align.join("|")));
    let row = |o: &mut String, cells: Vec<String>| {
        o.push('|');
        for c in cells {
            o.push_str(&if c.is_empty() { " |".to_string() } else { format!(" {c} |") });
        }
        o.push('\n');
    };
    let mut cells = |title: String,
                     score: String,
                     g: Option<f64>,
                     b: Option<[f64; 2]>,
                     target: f64,
                     gap: Option<f64>,
                     sev: crate::result::Severity,
                     p: Option<f64>,
                     c: String| {
        let mut v = vec![title, score];
        if group.is_some() {
            v.push(g.map(num).unwrap_or_default());
        }
        if band {
            v.push(b.map(band_text).unwrap_or_default());
        }
        v.extend([num(target), opt_num(gap), i18n::severity(sev, lang).to_string()]);
        if pct {
            v.push(p.map(percentile_text).unwrap_or_default());
        }
        if change {
            v.push(c);
        }
        row(o, v);
    };
    for s in r.sections.iter().filter(|s| section_shown(s)) {
        cells(
            format!("**{}**", md(&s.title)),
            format!("**{}**", opt_num(s.score)),
            group.and_then(|g| g.section(&s.id)),
            s.band,
            s.target,
            s.gap,
            s.severity,
            s.percentile,
            String::new(),
        );
        for d in s.dimensions.iter().filter(|d| scored(d)) {
            let c = if change { dimension_change_text(entry, &d.id, false) } else { String::new() };
            let g = group.and_then(|g| g.dimension(&d.id));
            cells(md(&d.title), opt_num(d.score), g, d.band, d.target, d.gap, d.severity, d.percentile, c);
        }
    }
    o.push('\n');
    for note in super::notes(r, lang) {
        o.push_str(&format!("{note}\n\n"));
    }
    if let Some(g) = group {
        o.push_str(&format!("{}\n\n", md(&i18n::msg(lang).report_group_mean_note(g.n, g.people))));
    }
    o.pop();
}

/// A second-level heading for a part of the report.
fn push_part_title(o: &mut String, title: &str) {
    o.push_str(&format!("\n## {title}\n\n"));
}

/// The heading of a part that lists things, then `none` if it lists nothing.
fn push_list_title(o: &mut String, title: &str, empty: bool, none: &str) {
    push_part_title(o, title);
    if empty {
        o.push_str(&format!("{none}\n"));
    }
}

/// The priorities, numbered, each with the statements that pulled it down
/// and its suggestions.
fn push_priorities(o: &mut String, entry: &Entry<'_>, lang: Lang) {
    let r = entry.result;
    let u = ui(lang);
    let m = i18n::msg(lang);
    push_list_title(o, u.priorities, r.priorities.is_empty(), u.no_priorities);
    for (i, p) in r.priorities.iter().enumerate() {
        let section = m.report_paren(&md(section_title(r, &p.section)));
        o.push_str(&format!(
            "{}. **{}**{section}{}{} {}\n",
            i + 1,
            md(r.dimension_title(&p.dimension)),
            u.colon,
            u.gap,
            num(p.gap)
        ));
        let pulled = entry.pulled_down(&p.dimension);
        if !pulled.is_empty() {
            o.push_str(&format!("   - {}\n", m.report_pulled_down()));
            for st in &pulled {
                o.push_str(&format!("     - {}\n", md(&super::table::statement_text(st, lang))));
            }
            if !p.suggestions.is_empty() {
                o.push_str(&format!("   - {}\n", u.suggestions));
            }
            for s in &p.suggestions {
                o.push_str(&format!("     - {}\n", md(s)));
            }
        } else {
            for s in &p.suggestions {
                o.push_str(&format!("   - {}\n", md(s)));
            }
        }
    }
}

/// The self-review dimensions, each with its statements and answers.
fn push_self_review(o: &mut String, entry: &Entry<'_>, lang: Lang) {
    let r = entry.result;
    if reflected(r).next().is_none() {
        return;
    }
    push_part_title(o, ui(lang).self_review);
    o.push_str(&format!("{}\n\n", i18n::msg(lang).report_self_review_note()));
    for d in reflected(r) {
        o.push_str(&format!("- **{}**\n", md(&d.title)));
        for st in entry.self_review(&d.id) {
            o.push_str(&format!("  - {}\n", md(&super::table::statement_text(&st, lang))));
        }
    }
}

/// The strengths, one a line.
fn push_strengths(o: &mut String, r: &ResultDoc, lang: Lang) {
    let u = ui(lang);
    push_list_title(o, u.strengths, r.strengths.is_empty(), u.no_strengths);
    for s in &r.strengths {
        o.push_str(&format!("- {}{}{}\n", md(r.dimension_title(&s.dimension)), u.colon, num(s.score)));
    }
}

/// The change since the previous result, if there is one: overall, then
/// with norms each dimension's against measurement error; without norms,
/// once, how to judge the changes.
fn push_change(o: &mut String, entry: &Entry<'_>, lang: Lang) {
    let r = entry.result;
    let Some(p) = &r.previous else { return };
    let u = ui(lang);
    push_part_title(o, u.change);
    let d = overall_change_text(p, false);
    o.push_str(&format!("- {}{}{}{}{}\n", u.overall, u.colon, d, u.list_sep, md(&short_time(&p.taken_at))));
    if has_norms(r) {
        for (title, delta, reliable) in super::dimension_changes(entry) {
            let judged = reliable.map_or(String::new(), |b| i18n::msg(lang).report_paren(reliable_text(b, lang)));
            o.push_str(&format!("- {}{}{}{judged}\n", md(title), u.colon, change_text(delta, false)));
        }
    } else {
        o.push_str(&format!("\n{}\n", md(i18n::msg(lang).report_norms_hint_option())));
    }
}

/// The quality flags, if any.
fn push_quality(o: &mut String, r: &ResultDoc, lang: Lang) {
    if r.quality.flags.is_empty() {
        return;
    }
    push_part_title(o, ui(lang).quality);
    for f in &r.quality.flags {
        o.push_str(&format!("- {}\n", i18n::flag(f, lang)));
    }
}

//! HTML reports (SPEC §9): one self-contained file with no external
//! resource of any kind, printable on A4, every text escaped (maud escapes
//! at compile time), charts drawn inline by `svg`.

use std::io::{self, Write};

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::svg::{self, Axis, GapBar, RadarNames};
use super::{
    Entry, Style, change_text, dimension_change_text, num, opt_num, overall_change_text, section_title, short_time,
};
use crate::i18n::{self, ui};
use crate::lang::Lang;
use crate::result::{ResultDoc, Severity};

/// Fonts that hold Chinese on every common system, then the generic family.
const FONTS: &str = "\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"PingFang SC\", \"Hiragino Sans GB\", \"Microsoft YaHei\", \"WenQuanYi Micro Hei\", \"SimSun\", \"Songti SC\", system-ui, -apple-system, \"Segoe UI\", Roboto, \"Helvetica Neue\", Arial, sans-serif";

const CSS: &str = r#"
:root { --ink: #1f2328; --muted: #59636e; --line: #d0d7de; --accent: #1565c0; }
* { box-sizing: border-box; }
body { font-family: FONTS; color: var(--ink); margin: 0 auto; max-width: 190mm; padding: 12mm 10mm; line-height: 1.55; font-size: 11pt; }
h1 { font-size: 20pt; margin: 0 0 2mm; }
h2 { font-size: 14pt; margin: 8mm 0 3mm; border-bottom: 1px solid var(--line); padding-bottom: 1mm; }
h3 { font-size: 12pt; margin: 4mm 0 1mm; }
.meta { color: var(--muted); margin: 0; }
.overall { display: flex; align-items: baseline; gap: 6mm; margin: 6mm 0; padding: 4mm 6mm; border: 1px solid var(--line); border-radius: 3mm; }
.overall .big { font-size: 40pt; font-weight: 700; color: var(--accent); line-height: 1; }
.overall .detail { font-size: 12pt; }
.charts { display: flex; flex-wrap: wrap; gap: 4mm; }
figure { margin: 0; flex: 1 1 85mm; break-inside: avoid; }
figcaption { color: var(--muted); font-size: 9.5pt; text-align: center; }
svg.chart { width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; break-inside: auto; }
th, td { border-bottom: 1px solid var(--line); padding: 1.2mm 2mm; text-align: left; }
th { white-space: nowrap; font-size: 9.5pt; }
td.n, th.n { text-align: right; }
tr.section td { font-weight: 700; background: #f6f8fa; }
tr.dimension td:first-child { padding-left: 6mm; }
.sev { font-weight: 600; }
.sev-met::before { content: "✓ "; } .sev-minor::before { content: "● "; } .sev-moderate::before { content: "▲ "; } .sev-critical::before { content: "■ "; }
ol.priorities > li { margin-bottom: 3mm; break-inside: avoid; }
.note { color: var(--muted); font-size: 9.5pt; }
.flags li { color: #8a4b00; }
.withheld { color: var(--muted); font-style: italic; }
footer { margin-top: 10mm; color: var(--muted); font-size: 9pt; border-top: 1px solid var(--line); padding-top: 2mm; }
article + article { break-before: page; }
@page { size: A4; margin: 12mm; }
@media print { body { padding: 0; max-width: none; } .overall { border-color: #999; } }
"#;

pub fn css() -> String {
    CSS.replace("FONTS", FONTS)
}

/// The whole document around `body`.
pub fn document(title: &str, lang: Lang, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(if lang == Lang::Zh { "zh-CN" } else { "en" }) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content=(concat!("zhixing ", env!("CARGO_PKG_VERSION")));
                title { (title) }
                style { (PreEscaped(css())) }
            }
            body {
                (svg::defs())
                (body)
                footer { "zhixing " (env!("CARGO_PKG_VERSION")) " · " (i18n::msg(lang).report_html_footer()) }
            }
        }
    }
}

fn sev(s: Severity, lang: Lang) -> Markup {
    html! { span class=(format!("sev sev-{}", s.code())) { (i18n::severity(s, lang)) } }
}

/// One person's report.
pub fn individual(entry: &Entry<'_>, lang: Lang) -> Markup {
    let r: &ResultDoc = entry.result;
    html! {
        article {
            (heading(r, lang))
            (overall(r, lang))
            (charts(entry, lang))
            (dimension_table(entry, lang))
            @if super::unscorable(r) {
                p.unscorable { strong { (super::unscorable_text(r, lang)) } }
            } @else {
                (priorities(r, lang))
                (strengths(r, lang))
            }
            (change(r, lang))
            (quality(r, lang))
        }
    }
}

/// The title, who was rated by whom and when, and with what.
fn heading(r: &ResultDoc, lang: Lang) -> Markup {
    let u = ui(lang);
    html! {
        header {
            h1 { (r.rubric.title) }
            p.meta {
                strong { (r.subject.name) }
                @if let Some(d) = &r.subject.department { " · " (d) }
                " · " (u.rater) (u.colon) (i18n::role(r.rater.role, lang))
                @if let Some(n) = &r.rater.name { " " (n) }
                " · " (u.date) (u.colon) (short_time(&r.taken_at))
            }
            p.meta {
                (u.rubric) (u.colon) (r.rubric.id) " " (r.rubric.version)
                @if let Some(p) = &r.profile { " · " (u.profile) (u.colon) (p) }
                @if let Some(s) = &r.session { " · " (u.session) (u.colon) (s) }
            }
        }
    }
}

/// The overall score, large, with its target, gap and change.
fn overall(r: &ResultDoc, lang: Lang) -> Markup {
    let u = ui(lang);
    html! {
        section.overall aria-label=(u.overall) {
            div.big { (opt_num(r.overall.score)) }
            div.detail {
                div { (u.overall) " · " (u.target) " " (num(r.overall.target)) }
                div {
                    @match r.overall.gap {
                        Some(g) => { (u.gap) " " (num(g)) " · " (sev(r.overall.severity, lang)) }
                        None => { (u.insufficient) }
                    }
                }
                @if let Some(p) = &r.previous {
                    @if let Some(d) = p.overall_delta {
                        div { (u.change) (u.colon) (change_text(d, false)) }
                    }
                }
            }
        }
    }
}

/// The radar of the dimensions and the bars of their gaps.
fn charts(entry: &Entry<'_>, lang: Lang) -> Markup {
    let r = entry.result;
    let u = ui(lang);
    let axes: Vec<Axis> = r
        .dimensions()
        .map(|(_, d)| Axis {
            label: d.title.clone(),
            value: d.score,
            target: d.target,
            previous: entry
                .previous
                .and_then(|p| p.dimensions().find(|(_, x)| x.id == d.id).and_then(|(_, x)| x.score)),
        })
        .collect();
    let m = i18n::msg(lang);
    let radar_title = m.report_radar_title();
    let names = RadarNames { title: radar_title, value: u.score, target: u.target, previous: m.report_last_time() };
    let bars: Vec<GapBar> = r
        .dimensions()
        .map(|(_, d)| GapBar {
            label: d.title.clone(),
            gap: d.gap,
            severity: d.severity,
            severity_label: i18n::severity(d.severity, lang).to_string(),
        })
        .collect();
    let gap_title = m.report_gap_title();
    html! {
        div.charts {
            figure { (svg::radar(&axes, &names)) figcaption { (radar_title) } }
            figure { (svg::gap_bars(&bars, gap_title)) figcaption { (gap_title) " · " (u.gap_note) } }
        }
    }
}

/// The table of sections and their dimensions, then the note on gaps.
fn dimension_table(entry: &Entry<'_>, lang: Lang) -> Markup {
    let r = entry.result;
    let u = ui(lang);
    let change = entry.previous.is_some();
    html! {
        h2 { (u.dimension) }
        table {
            thead { tr {
                th { (u.dimension) } th.n { (u.score) } th.n { (u.target) } th.n { (u.gap) } th { (u.severity) }
                @if change { th.n { (i18n::msg(lang).report_change()) } }
            } }
            tbody {
                @for s in &r.sections {
                    tr.section {
                        (score_cells(&s.title, s.score, s.target, s.gap, s.severity, lang))
                        @if change { td {} }
                    }
                    @for d in &s.dimensions {
                        tr.dimension {
                            (score_cells(&d.title, d.score, d.target, d.gap, d.severity, lang))
                            @if change { td.n { (dimension_change_text(entry, &d.id, false)) } }
                        }
                    }
                }
            }
        }
        p.note { (u.gap_note) }
    }
}

/// The cells of a section's or a dimension's row, but its change.
fn score_cells(
    title: &str,
    score: Option<f64>,
    target: f64,
    gap: Option<f64>,
    severity: Severity,
    lang: Lang,
) -> Markup {
    html! {
        td { (title) } td.n { (opt_num(score)) } td.n { (num(target)) } td.n { (opt_num(gap)) }
        td { (sev(severity, lang)) }
    }
}

/// The priorities, numbered, each with its suggestions.
fn priorities(r: &ResultDoc, lang: Lang) -> Markup {
    let u = ui(lang);
    html! {
        h2 { (u.priorities) }
        @if r.priorities.is_empty() { p { (u.no_priorities) } }
        ol.priorities {
            @for p in &r.priorities {
                li {
                    h3 { (r.dimension_title(&p.dimension)) " " span.meta { "(" (section_title(r, &p.section)) ") · " (u.gap) " " (num(p.gap)) } }
                    ul { @for s in &p.suggestions { li { (s) } } }
                }
            }
        }
    }
}

/// The strengths, a list.
fn strengths(r: &ResultDoc, lang: Lang) -> Markup {
    let u = ui(lang);
    html! {
        h2 { (u.strengths) }
        @if r.strengths.is_empty() { p { (u.no_strengths) } }
        ul { @for s in &r.strengths { li { (r.dimension_title(&s.dimension)) " " (num(s.score)) } } }
    }
}

/// The change since the previous result, if there is one.
fn change(r: &ResultDoc, lang: Lang) -> Markup {
    let u = ui(lang);
    html! {
        @if let Some(p) = &r.previous {
            h2 { (u.change) }
            p { (u.overall) (u.colon) (overall_change_text(p, false)) " (" (short_time(&p.taken_at)) ")" }
        }
    }
}

/// The quality flags, if any.
fn quality(r: &ResultDoc, lang: Lang) -> Markup {
    html! {
        @if !r.quality.flags.is_empty() {
            h2 { (ui(lang).quality) }
            ul.flags { @for f in &r.quality.flags { li { (i18n::flag(f, lang)) } } }
        }
    }
}

/// Writes one document holding every result, a page each.
pub struct HtmlSink {
    style: Style,
    articles: Vec<String>,
    title: Option<String>,
}

impl HtmlSink {
    pub fn new(style: Style) -> Self {
        HtmlSink { style, articles: Vec::new(), title: None }
    }
}

impl HtmlSink {
    pub fn write(&mut self, _out: &mut dyn Write, entry: Entry<'_>) -> io::Result<()> {
        if self.title.is_none() {
            self.title = Some(format!("{} · {}", entry.result.rubric.title, entry.result.subject.name));
        }
        self.articles.push(individual(&entry, self.style.lang).into_string());
        Ok(())
    }

    pub fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let title = self.title.take().unwrap_or_else(|| "zhixing".to_string());
        let body = PreEscaped(self.articles.concat());
        writeln!(out, "{}", document(&title, self.style.lang, body).into_string())
    }
}

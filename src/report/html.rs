//! HTML reports (SPEC §9): one self-contained file with no external
//! resource of any kind, printable on A4, every text escaped (maud escapes
//! at compile time), charts drawn inline by `svg`.

use std::io::{self, Write};

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::svg::{self, Axis, GapBar, RadarNames};
use super::{
    Entry, Style, band_text, change_text, dimension_change_text, has_norms, norm_columns, num, opt_num,
    overall_change_text, percentile_text, reflected, reliable_text, scored, section_shown, section_title, short_time,
};
use crate::i18n::{self, ui};
use crate::lang::Lang;
use crate::result::{ResultDoc, Severity};

/// Fonts that hold Chinese on every common system, then the generic family.
const FONTS: &str = "\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"PingFang SC\", \"Hiragino Sans GB\", \"Microsoft YaHei\", \"WenQuanYi Micro Hei\", \"SimSun\", \"Songti SC\", system-ui, -apple-system, \"Segoe UI\", Roboto, \"Helvetica Neue\", Arial, sans-serif";

/// The style sheet. On screen: a column on a phone or a laptop, the full
/// width from 1200 px (a projector). On paper (A4): every chart as wide as
/// [`svg::PRINT_MM`], so that its text, sized for that width, is at least
/// 8 pt; a heading kept with what follows it; each 360 subject on a page of
/// its own. Names and numbers are never broken: table cells do not wrap,
/// Chinese words are kept whole, and a table wider than the page scrolls
/// (or, on paper, is set smaller).
const CSS: &str = r#"
:root { --ink: #1f2328; --muted: #59636e; --line: #d0d7de; --accent: #1565c0; --warn: #8a4b00; --warn-bg: #fff4e5; }
* { box-sizing: border-box; }
body { font-family: FONTS; color: var(--ink); margin: 0 auto; max-width: 190mm; padding: 12mm 10mm; line-height: 1.55; font-size: 11pt; }
h1 { font-size: 20pt; margin: 0 0 2mm; word-break: keep-all; overflow-wrap: anywhere; }
h2 { font-size: 14pt; margin: 8mm 0 3mm; border-bottom: 1px solid var(--line); padding-bottom: 1mm; }
h3 { font-size: 12pt; margin: 4mm 0 1mm; }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
h2, h3, .name, figcaption, .meta strong { word-break: keep-all; }
.keep { break-inside: avoid; page-break-inside: avoid; }
.meta { color: var(--muted); margin: 0; }
.whole { white-space: nowrap; }
section.overall { display: flex; align-items: baseline; gap: 6mm; margin: 6mm 0; padding: 4mm 6mm; border: 1px solid var(--line); border-radius: 3mm; }
.overall .big { font-size: 40pt; font-weight: 700; color: var(--accent); line-height: 1; }
.overall .detail { font-size: 12pt; }
.charts { display: flex; flex-wrap: wrap; gap: 4mm; margin-bottom: 4mm; }
figure { margin: 0; flex: 1 1 85mm; min-width: 0; break-inside: avoid; page-break-inside: avoid; }
figcaption { color: var(--ink); font-weight: 600; font-size: 11pt; text-align: center; margin: 2mm 0 1mm; }
figcaption .note { font-weight: 400; }
svg.chart { display: block; width: 100%; height: auto; }
.table-wrap { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; break-inside: auto; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border-bottom: 1px solid var(--line); padding: 1.2mm 2mm; text-align: left; white-space: nowrap; word-break: keep-all; }
th { font-size: 9.5pt; }
td.n, th.n { text-align: right; }
tr.section td { font-weight: 700; background: #f6f8fa; }
tr.dimension td:first-child { padding-left: 6mm; }
.sev { font-weight: 600; }
.sev-met::before { content: "✓ "; } .sev-close::before { content: "● "; } .sev-grow::before { content: "▲ "; } .sev-much::before { content: "■ "; }
ul.statements { margin: 1mm 0; } ul.statements li { color: var(--muted); }
ol.priorities > li { margin-bottom: 3mm; break-inside: avoid; page-break-inside: avoid; }
.note { color: var(--muted); font-size: 9.5pt; }
.flags li { color: var(--warn); }
.flag-notice { margin: 5mm 0; padding: 3mm 5mm; border: 2px solid #e0a040; border-left-width: 6px; border-radius: 2mm; background: var(--warn-bg); break-inside: avoid; page-break-inside: avoid; }
.flag-notice h2 { margin: 0 0 1mm; border: none; padding: 0; font-size: 13pt; color: var(--warn); }
.flag-notice p, .flag-notice ul { margin: 1mm 0; }
.withheld { color: var(--muted); font-style: italic; }
.summary header p { color: var(--muted); margin: 0; }
.summary-grid { display: grid; grid-template-columns: 1fr; gap: 5mm; margin: 6mm 0; }
.card { border: 1px solid var(--line); border-radius: 3mm; padding: 4mm 6mm; break-inside: avoid; page-break-inside: avoid; }
.card h2 { margin: 0 0 2mm; border: none; padding: 0; }
.card .label { font-weight: 600; }
.card .big { font-size: 44pt; font-weight: 700; color: var(--accent); line-height: 1.1; font-variant-numeric: tabular-nums; }
.card ul.glance { list-style: none; padding: 0; margin: 2mm 0 0; }
ol.glance-list { margin: 0; padding-left: 1.6em; }
ol.glance-list li { margin: 1mm 0; }
ol.glance-list .name { font-weight: 700; white-space: nowrap; }
ol.glance-list .figure { color: var(--muted); white-space: nowrap; margin-left: 0.8em; font-variant-numeric: tabular-nums; }
.heatmap .table-wrap { border: 1px solid var(--line); border-radius: 2mm; }
table.heatmap th.name { position: sticky; left: 0; background: #fff; z-index: 1; font-weight: 700; }
table.heatmap td.heat { text-align: right; font-weight: 600; font-variant-numeric: tabular-nums; border-left: 2px solid #fff; }
td.heat.sev-met { background: #cdebd3; } td.heat.sev-close { background: #fbefc0; } td.heat.sev-grow { background: #f9d2ab; } td.heat.sev-much { background: #f3b3b3; }
td.heat.sev-none, td.heat.withheld, tr.withheld-group td { background: #f2f2f2; color: var(--muted); font-style: italic; font-weight: 400; }
.heat-legend span { display: inline-block; padding: 0 2mm; margin: 0.5mm 1mm; border-radius: 1mm; white-space: nowrap; }
.heat-legend .sev-met { background: #cdebd3; } .heat-legend .sev-close { background: #fbefc0; } .heat-legend .sev-grow { background: #f9d2ab; } .heat-legend .sev-much { background: #f3b3b3; }
.charts figure.heat-figure, .charts figure:has(.heatmap) { flex-basis: 100%; max-width: none; }
footer { margin-top: 10mm; color: var(--muted); font-size: 9pt; border-top: 1px solid var(--line); padding-top: 2mm; }
article + article { break-before: page; page-break-before: always; }
@media screen and (max-width: 600px) {
  body { padding: 16px 12px; font-size: 10.5pt; }
  h1 { font-size: 17pt; }
  .overall .big, .card .big { font-size: 32pt; }
}
@media screen and (min-width: 1200px) {
  body { max-width: 1840px; padding: 28px 48px; }
  .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 28px; }
  .charts figure { max-width: 900px; }
  .charts figure:only-child, article > figure { max-width: 760px; }
  .summary { display: flex; flex-direction: column; }
  .summary h1 { font-size: 30pt; }
  .summary header p { font-size: 14pt; }
  .summary-grid { flex: 1; grid-template-columns: 1.1fr 1fr 1fr; gap: 28px; align-content: start; margin-top: 28px; }
  .card { padding: 28px 36px; border-width: 2px; }
  .card h2 { font-size: 24pt; margin-bottom: 14px; }
  .card .label { font-size: 20pt; }
  .card .big { font-size: 110pt; }
  .card .detail, .card ul.glance, .card p { font-size: 18pt; }
  .card ul.glance li { margin: 8px 0; }
  ol.glance-list { font-size: 26pt; }
  ol.glance-list li { margin: 14px 0; }
  ol.glance-list .figure { display: block; margin-left: 0; font-size: 17pt; }
  table.heatmap { font-size: 15pt; }
  table.heatmap th { font-size: 13pt; }
}
@media screen and (min-width: 1200px) and (min-aspect-ratio: 4/3) {
  .summary { min-height: min(calc(100vh - 56px), 1000px); }
}
@page { size: A4; margin: 12mm; }
@media print {
  body { padding: 0; max-width: none; font-size: 10.5pt; }
  section.overall, .card { border-color: #999; }
  .charts { display: block; }
  figure { width: PRINT_MMmm; max-width: 100%; margin: 0 auto 4mm; }
  .table-wrap { overflow: visible; }
  table { font-size: 9pt; line-height: 1.25; }
  th, td { padding: 0.5mm 1.5mm; }
  section.subject p, section.subjects p { margin: 1mm 0; }
  section.subject h3 { margin-top: 0; }
  th { font-size: 8.5pt; }
  .summary { break-after: page; page-break-after: always; }
  .summary-grid { grid-template-columns: 1fr 1fr 1fr; gap: 4mm; }
  .card .big { font-size: 36pt; }
  table.heatmap th.name { position: static; }
  td.heat, .heat-legend span { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  section.subjects, section.subject { break-before: page; page-break-before: always; }
  section.subjects + section.subject { break-before: auto; page-break-before: auto; }
}
"#;

pub fn css() -> String {
    CSS.replace("FONTS", FONTS).replace("PRINT_MM", &svg::PRINT_MM.to_string())
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

/// The class of a severity in the page: the people's word, not the code
/// (SPEC §5: no verdict on a person, not even in the page's source).
fn sev_class(s: Severity) -> &'static str {
    match s {
        Severity::Met => "sev sev-met",
        Severity::Minor => "sev sev-close",
        Severity::Moderate => "sev sev-grow",
        Severity::Critical => "sev sev-much",
        Severity::Unknown => "sev sev-none",
    }
}

fn sev(s: Severity, lang: Lang) -> Markup {
    html! { span class=(sev_class(s)) { (i18n::severity(s, lang)) } }
}

/// One person's report.
pub fn individual(entry: &Entry<'_>, lang: Lang) -> Markup {
    let r: &ResultDoc = entry.result;
    html! {
        article {
            (heading(r, lang))
            (flag_notice(r, lang))
            (overall(r, entry.group, lang))
            (charts(entry, lang))
            (dimension_table(entry, lang))
            @if super::unscorable(r) {
                p.unscorable { strong { (super::unscorable_text(r, lang)) } }
            } @else {
                (priorities(entry, lang))
                (strengths(r, lang))
            }
            (self_review(entry, lang))
            (change(entry, lang))
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
                @if let Some(d) = &r.subject.department { " · " span.whole { (d) } }
                " · " span.whole { (u.rater) (u.colon) (i18n::role(r.rater.role, lang))
                @if let Some(n) = &r.rater.name { " " (n) } }
                " · " span.whole { (u.date) (u.colon) (short_time(&r.taken_at)) }
            }
            p.meta {
                span.whole { (u.rubric) (u.colon) (r.rubric.id) " " (r.rubric.version) }
                @if let Some(p) = &r.profile { " · " span.whole { (u.profile) (u.colon) (p) } }
                @if let Some(s) = &r.session { " · " span.whole { (u.session) (u.colon) (s) } }
            }
        }
    }
}

/// The overall score, large, with its target, gap and change.
fn overall(r: &ResultDoc, group: Option<&super::GroupMeans>, lang: Lang) -> Markup {
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
                @if let Some(p) = r.overall.percentile {
                    div { (u.percentile) " " (percentile_text(p)) }
                }
                @if let Some(m) = group.and_then(|g| g.overall) {
                    div.group-mean { (i18n::msg(lang).report_group_mean()) " " (num(m)) }
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
        .filter(|(_, d)| scored(d))
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
        .filter(|(_, d)| scored(d))
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
            figure { figcaption { (radar_title) } (svg::radar(&axes, &names)) }
            figure { figcaption { (gap_title) br; span.note { (u.gap_note) } } (svg::gap_bars(&bars, gap_title)) }
        }
    }
}

/// The table of sections and their dimensions (a self-review has no
/// row), then the notes. With norms, a band column after the score and a
/// percentile column after the severity.
fn dimension_table(entry: &Entry<'_>, lang: Lang) -> Markup {
    let r = entry.result;
    let u = ui(lang);
    let change = entry.shows_dimension_changes();
    let (band, pct) = norm_columns(r);
    let group = entry.group;
    let cols = Cols { band, pct, group: group.is_some() };
    html! {
        h2 { (u.dimension) }
        div.table-wrap { table {
            thead { tr {
                th { (u.dimension) } th.n { (u.score) }
                @if cols.group { th.n { (i18n::msg(lang).report_group_mean()) } }
                @if band { th.n { (u.band) } }
                th.n { (u.target) } th.n { (u.gap) } th { (u.severity) }
                @if pct { th.n { (u.percentile) } }
                @if change { th.n { (i18n::msg(lang).report_change()) } }
            } }
            tbody {
                @for s in r.sections.iter().filter(|s| section_shown(s)) {
                    tr.section {
                        (score_cells(&s.title, Figures { score: s.score, group: group.and_then(|g| g.section(&s.id)), band: s.band, target: s.target, gap: s.gap,
                            severity: s.severity, percentile: s.percentile }, cols, lang))
                        @if change { td {} }
                    }
                    @for d in s.dimensions.iter().filter(|d| scored(d)) {
                        tr.dimension {
                            (score_cells(&d.title, Figures { score: d.score, group: group.and_then(|g| g.dimension(&d.id)), band: d.band, target: d.target, gap: d.gap,
                                severity: d.severity, percentile: d.percentile }, cols, lang))
                            @if change { td.n { (dimension_change_text(entry, &d.id, false)) } }
                        }
                    }
                }
            }
        } }
        @for note in super::notes(r, lang) { p.note { (note) } }
        @if let Some(g) = group { p.note { (i18n::msg(lang).report_group_mean_note(g.n, g.people)) } }
    }
}

/// The optional columns of the table.
#[derive(Clone, Copy)]
struct Cols {
    band: bool,
    pct: bool,
    /// The group's mean after the score (the trainer's pack).
    group: bool,
}

/// The figures of a section's or a dimension's row.
struct Figures {
    score: Option<f64>,
    group: Option<f64>,
    band: Option<[f64; 2]>,
    target: f64,
    gap: Option<f64>,
    severity: Severity,
    percentile: Option<f64>,
}

/// The cells of a section's or a dimension's row, but its change.
fn score_cells(title: &str, f: Figures, cols: Cols, lang: Lang) -> Markup {
    html! {
        td.name { (title) } td.n { (opt_num(f.score)) }
        @if cols.group { td.n.group-mean { (f.group.map(num).unwrap_or_default()) } }
        @if cols.band { td.n { (f.band.map(band_text).unwrap_or_default()) } }
        td.n { (num(f.target)) } td.n { (opt_num(f.gap)) }
        td { (sev(f.severity, lang)) }
        @if cols.pct { td.n { (f.percentile.map(percentile_text).unwrap_or_default()) } }
    }
}

/// The priorities, numbered, each with the statements that pulled it down
/// and its suggestions.
fn priorities(entry: &Entry<'_>, lang: Lang) -> Markup {
    let r = entry.result;
    let u = ui(lang);
    let first = r.priorities.first();
    html! {
        @if let Some(p) = first {
            div.keep { h2 { (u.priorities) } ol.priorities { (priority(entry, p, lang)) } }
        } @else {
            div.keep { h2 { (u.priorities) } p { (u.no_priorities) } }
        }
        @if r.priorities.len() > 1 {
            ol.priorities start="2" { @for p in &r.priorities[1..] { (priority(entry, p, lang)) } }
        }
    }
}

/// One priority with the statements that pulled it down and its suggestions.
fn priority(entry: &Entry<'_>, p: &crate::result::Priority, lang: Lang) -> Markup {
    let r = entry.result;
    let u = ui(lang);
    let pulled = entry.pulled_down(&p.dimension);
    html! {
                li {
                    h3 { (r.dimension_title(&p.dimension)) " " span.meta { "(" (section_title(r, &p.section)) ") · " (u.gap) " " (num(p.gap)) } }
                    @if !pulled.is_empty() {
                        p.note { (i18n::msg(lang).report_pulled_down()) }
                        ul.statements { @for st in &pulled { li { (super::table::statement_text(st, lang)) } } }
                        @if !p.suggestions.is_empty() { p.note { (u.suggestions) } }
                    }
                    ul { @for s in &p.suggestions { li { (s) } } }
                }
    }
}

/// The self-review dimensions, each with its statements and answers.
fn self_review(entry: &Entry<'_>, lang: Lang) -> Markup {
    let r = entry.result;
    let u = ui(lang);
    html! {
        @if reflected(r).next().is_some() {
            section.self-review {
                h2 { (u.self_review) }
                p.note { (i18n::msg(lang).report_self_review_note()) }
                @for d in reflected(r) {
                    div.keep {
                        h3 { (d.title) }
                        ul.statements { @for st in entry.self_review(&d.id) { li { (super::table::statement_text(&st, lang)) } } }
                    }
                }
            }
        }
    }
}

/// The strengths, a list.
fn strengths(r: &ResultDoc, lang: Lang) -> Markup {
    let u = ui(lang);
    html! {
        div.keep {
            h2 { (u.strengths) }
            @if r.strengths.is_empty() { p { (u.no_strengths) } }
            ul { @for s in &r.strengths { li { span.name { (r.dimension_title(&s.dimension)) } " " (num(s.score)) } } }
        }
    }
}

/// The change since the previous result, if there is one: overall, then
/// with norms each dimension's against measurement error; without norms,
/// once and in plain words, how to judge the changes.
fn change(entry: &Entry<'_>, lang: Lang) -> Markup {
    let r = entry.result;
    let u = ui(lang);
    let m = i18n::msg(lang);
    html! {
        @if let Some(p) = &r.previous {
            div.keep {
                h2 { (u.change) }
                p { (u.overall) (u.colon) (overall_change_text(p, false)) " (" (short_time(&p.taken_at)) ")" }
                @if has_norms(r) {
                    ul { @for (title, delta, reliable) in super::dimension_changes(entry) {
                        li { span.name { (title) } " " (change_text(delta, false))
                            @if let Some(b) = reliable { (m.report_paren(reliable_text(b, lang))) } }
                    } }
                } @else {
                    p.note { (m.report_norms_hint_plain()) }
                }
            }
        }
    }
}

/// The quality flags, if any: at the top, before any score, so that no
/// one reads the scores without them.
fn flag_notice(r: &ResultDoc, lang: Lang) -> Markup {
    html! {
        @if !r.quality.flags.is_empty() {
            section.flag-notice role="note" {
                h2 { (ui(lang).quality) }
                p { (i18n::msg(lang).report_flagged_notice()) }
                ul.flags { @for f in &r.quality.flags { li { (i18n::flag(f, lang)) } } }
            }
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

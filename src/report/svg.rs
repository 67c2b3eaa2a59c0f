//! Charts as inline SVG, drawn by hand: a radar is plain trigonometry. Pure
//! and deterministic (numbers rounded to 0.1), every text escaped by maud,
//! with a `<title>`, an `aria-label`, and patterns as well as colours so
//! that a black-and-white print still tells the series apart.
//!
//! Text sizes are set in points on paper: a chart is printed [`PRINT_MM`]
//! wide (the HTML's print style sheet says so), and [`font`] turns points
//! there into the chart's own units, so that no text is under 8 pt.

use std::f64::consts::PI;

use maud::{Markup, PreEscaped, html};

use crate::result::Severity;

/// How wide every chart is printed, in millimetres (the HTML's print style
/// sheet sets it): the text sizes below are points at this width.
pub const PRINT_MM: f64 = 160.0;

/// The smallest text on paper, in points.
pub const MIN_PT: f64 = 8.0;

/// The font size, in the units of a chart `width` units wide, of text that
/// is `pt` points when the chart is printed [`PRINT_MM`] wide.
pub fn font(pt: f64, width: f64) -> String {
    let mm = pt * 25.4 / 72.0;
    c(mm * width / PRINT_MM)
}

/// Text sizes, in points on paper.
const LABEL_PT: f64 = 10.0;
const LEGEND_PT: f64 = 9.0;
const SCALE_PT: f64 = 8.5;

/// About how wide `text` is set at `size` units: a Chinese character a full
/// em, other characters about half of one.
fn text_width(text: &str, size: f64) -> f64 {
    text.chars().map(|ch| if crate::width::width(&ch.to_string()) > 1 { 1.0 } else { 0.56 }).sum::<f64>() * size
}

/// The width of a chart's column of row labels: the longest label, within
/// reason (a longer one runs off to the left rather than into the plot).
fn label_column<'a>(labels: impl Iterator<Item = &'a str>, size: f64) -> f64 {
    let longest = labels.map(|l| text_width(l, size)).fold(0.0, f64::max);
    (longest + 14.0).clamp(80.0, 230.0)
}

/// A radar's label and its value on one line if they fit in `room`, else
/// the label in two lines broken at a space (never inside a word or a
/// Chinese name: a label without spaces stays whole).
fn label_lines(label: &str, value: &str, size: f64, room: f64) -> (String, Option<String>) {
    if text_width(&format!("{label} {value}"), size) <= room {
        return (label.to_string(), None);
    }
    let half = text_width(label, size) / 2.0;
    let best = label
        .char_indices()
        .filter(|(_, ch)| *ch == ' ')
        .min_by(|a, b| {
            let d = |i: usize| (text_width(&label[..i], size) - half).abs();
            d(a.0).total_cmp(&d(b.0))
        })
        .map(|(i, _)| i);
    match best {
        Some(i) => (label[..i].to_string(), Some(label[i + 1..].to_string())),
        None => (label.to_string(), None),
    }
}

/// Places legend entries (each a swatch `swatch` wide, then its name) in
/// rows no wider than `max`: their (x, y) from the legend's origin.
fn legend_layout(names: &[&str], size: f64, swatch: f64, max: f64) -> Vec<(f64, f64)> {
    let gap = size * 1.4;
    let (mut x, mut y) = (0.0, 0.0);
    let mut out = Vec::new();
    for n in names {
        let w = swatch + 6.0 + text_width(n, size);
        if x > 0.0 && x + w > max {
            x = 0.0;
            y += size * 1.6;
        }
        out.push((x, y));
        x += w + gap;
    }
    out
}

/// A coordinate, rounded so that the same input draws the same bytes.
fn c(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == 0.0 { "0".to_string() } else { format!("{r}") }
}

fn points(pts: &[(f64, f64)]) -> String {
    pts.iter().map(|(x, y)| format!("{},{}", c(*x), c(*y))).collect::<Vec<_>>().join(" ")
}

/// Fill colour and pattern of a severity: colour for the screen, a pattern
/// for paper.
pub fn severity_fill(s: Severity) -> (&'static str, &'static str) {
    match s {
        Severity::Met => ("#2e7d32", "url(#zx-solid-met)"),
        Severity::Minor => ("#f9a825", "url(#zx-dots)"),
        Severity::Moderate => ("#ef6c00", "url(#zx-hatch)"),
        Severity::Critical => ("#c62828", "url(#zx-cross)"),
        Severity::Unknown => ("#9e9e9e", "none"),
    }
}

/// Patterns every chart may refer to; placed once per document.
pub fn defs() -> Markup {
    html! {
        svg width="0" height="0" aria-hidden="true" focusable="false" style="position:absolute" {
            defs {
                pattern #zx-solid-met width="6" height="6" patternUnits="userSpaceOnUse" {
                    rect width="6" height="6" fill="#2e7d32" {}
                }
                pattern #zx-dots width="6" height="6" patternUnits="userSpaceOnUse" {
                    rect width="6" height="6" fill="#f9a825" {}
                    circle cx="3" cy="3" r="1.3" fill="#000" {}
                }
                pattern #zx-hatch width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)" {
                    rect width="6" height="6" fill="#ef6c00" {}
                    line x1="0" y1="0" x2="0" y2="6" stroke="#000" stroke-width="2" {}
                }
                pattern #zx-cross width="6" height="6" patternUnits="userSpaceOnUse" {
                    rect width="6" height="6" fill="#c62828" {}
                    path d="M0,0 L6,6 M6,0 L0,6" stroke="#000" stroke-width="1.2" {}
                }
            }
        }
    }
}

/// One axis of a radar chart.
#[derive(Clone, Debug)]
pub struct Axis {
    pub label: String,
    pub value: Option<f64>,
    pub target: f64,
    pub previous: Option<f64>,
}

/// Names of the radar's series.
pub struct RadarNames<'a> {
    pub title: &'a str,
    pub value: &'a str,
    pub target: &'a str,
    pub previous: &'a str,
}

/// A radar chart of values against targets on 0..100, gridlines every 20.
pub fn radar(axes: &[Axis], names: &RadarNames) -> Markup {
    let (w, h, cx, cy, r) = (560.0, 440.0, 280.0, 205.0, 160.0);
    let n = axes.len().max(3);
    let angle = |i: usize| -PI / 2.0 + 2.0 * PI * i as f64 / n as f64;
    let at = |i: usize, v: f64| {
        let a = angle(i);
        let rr = r * v.clamp(0.0, 100.0) / 100.0;
        (cx + rr * a.cos(), cy + rr * a.sin())
    };
    let ring = |v: f64| points(&(0..n).map(|i| at(i, v)).collect::<Vec<_>>());
    let value_pts = points(&axes.iter().enumerate().map(|(i, a)| at(i, a.value.unwrap_or(0.0))).collect::<Vec<_>>());
    let target_pts = points(&axes.iter().enumerate().map(|(i, a)| at(i, a.target)).collect::<Vec<_>>());
    let has_prev = axes.iter().any(|a| a.previous.is_some());
    let prev_pts = points(&axes.iter().enumerate().map(|(i, a)| at(i, a.previous.unwrap_or(0.0))).collect::<Vec<_>>());
    let summary = axes
        .iter()
        .map(|a| format!("{} {}/{}", a.label, a.value.map_or("—".to_string(), c), c(a.target)))
        .collect::<Vec<_>>()
        .join("; ");
    let legend_size: f64 = font(LEGEND_PT, w).parse().unwrap_or(11.0);
    let label_size: f64 = font(LABEL_PT, w).parse().unwrap_or(12.0);
    let spots = legend_layout(&[names.value, names.target, names.previous], legend_size, 24.0, w - 32.0);
    let legend_size = c(legend_size);
    html! {
        svg.chart viewBox=(format!("0 0 {w} {h}")) role="img" aria-label=(format!("{}: {summary}", names.title)) {
            title { (names.title) }
            g.grid fill="none" stroke="#bbb" stroke-width="0.8" {
                @for v in [20.0, 40.0, 60.0, 80.0, 100.0] {
                    polygon points=(ring(v)) {}
                }
                @for i in 0..axes.len() {
                    @let (x, y) = at(i, 100.0);
                    line x1=(c(cx)) y1=(c(cy)) x2=(c(x)) y2=(c(y)) {}
                }
            }
            g.scale font-size=(font(SCALE_PT, w)) fill="#666" {
                @for v in [20.0, 40.0, 60.0, 80.0] {
                    text x=(c(cx + 3.0)) y=(c(cy - r * v / 100.0 - 2.0)) { (c(v)) }
                }
            }
            @if has_prev {
                polygon.previous points=(prev_pts) fill="none" stroke="#90a4ae" stroke-width="1.5" stroke-dasharray="2 3" {}
            }
            polygon.target points=(target_pts) fill="none" stroke="#c62828" stroke-width="1.8" stroke-dasharray="6 4" {}
            polygon.value points=(value_pts) fill="#1565c0" fill-opacity="0.22" stroke="#1565c0" stroke-width="2.2" {}
            @for (i, a) in axes.iter().enumerate() {
                @let (x, y) = at(i, a.value.unwrap_or(0.0));
                circle cx=(c(x)) cy=(c(y)) r="3" fill="#1565c0" {}
            }
            g.labels font-size=(font(LABEL_PT, w)) fill="#222" {
                @for (i, a) in axes.iter().enumerate() {
                    @let ang = angle(i);
                    @let (x, y) = (cx + (r + 16.0) * ang.cos(), cy + (r + 16.0) * ang.sin() + 4.0);
                    @let anchor = if ang.cos() > 0.2 { "start" } else if ang.cos() < -0.2 { "end" } else { "middle" };
                    @let value = a.value.map_or("—".to_string(), crate::report::num);
                    @let room = match anchor { "start" => w - x, "end" => x, _ => 2.0 * x.min(w - x) } - 4.0;
                    @let lines = label_lines(&a.label, &value, label_size, room);
                    // Two lines above the chart go up, so as not to cover it.
                    @let y = if lines.1.is_some() && ang.sin() < -0.2 { y - label_size } else { y };
                    text x=(c(x)) y=(c(y)) text-anchor=(anchor) {
                        @match &lines.1 {
                            None => { (lines.0) " " tspan font-weight="bold" { (value) } }
                            Some(rest) => {
                                (lines.0)
                                tspan x=(c(x)) dy=(c(label_size * 1.15)) { (rest) " " tspan font-weight="bold" { (value) } }
                            }
                        }
                    }
                }
            }
            g.legend font-size=(legend_size) transform=(format!("translate(16,{})", c(h - 22.0))) {
                @let (x, y) = spots[0];
                line x1=(c(x)) y1=(c(y)) x2=(c(x + 24.0)) y2=(c(y)) stroke="#1565c0" stroke-width="2.2" {}
                text x=(c(x + 30.0)) y=(c(y + 4.0)) { (names.value) }
                @let (x, y) = spots[1];
                line x1=(c(x)) y1=(c(y)) x2=(c(x + 24.0)) y2=(c(y)) stroke="#c62828" stroke-width="1.8" stroke-dasharray="6 4" {}
                text x=(c(x + 30.0)) y=(c(y + 4.0)) { (names.target) }
                @if has_prev {
                    @let (x, y) = spots[2];
                    line x1=(c(x)) y1=(c(y)) x2=(c(x + 24.0)) y2=(c(y)) stroke="#90a4ae" stroke-width="1.5" stroke-dasharray="2 3" {}
                    text x=(c(x + 30.0)) y=(c(y + 4.0)) { (names.previous) }
                }
            }
        }
    }
}

/// One bar of the gap chart.
#[derive(Clone, Debug)]
pub struct GapBar {
    pub label: String,
    pub gap: Option<f64>,
    pub severity: Severity,
    /// The severity as people read it, printed beside the bar.
    pub severity_label: String,
}

/// Horizontal bars of each dimension's gap below target; met and unknown
/// dimensions have no bar, only their label.
pub fn gap_bars(bars: &[GapBar], title: &str) -> Markup {
    let row_h = 26.0;
    let size: f64 = font(LABEL_PT, 560.0).parse().unwrap_or(12.0);
    let label_w = label_column(bars.iter().map(|b| b.label.as_str()), size);
    // The bars leave room for the longest figure and severity after them.
    let after = bars
        .iter()
        .map(|b| {
            text_width(&format!("{} · {}", b.gap.map_or("—".to_string(), crate::report::num), b.severity_label), size)
        })
        .fold(0.0, f64::max);
    let bar_w = (560.0 - label_w - after - 12.0).max(120.0);
    let h = 30.0 + row_h * bars.len() as f64;
    let max = bars.iter().filter_map(|b| b.gap).fold(20.0f64, f64::max).ceil();
    let scale = |g: f64| bar_w * g.clamp(0.0, max) / max;
    let summary =
        bars.iter().map(|b| format!("{} {}", b.label, b.gap.map_or("—".to_string(), c))).collect::<Vec<_>>().join("; ");
    html! {
        svg.chart viewBox=(format!("0 0 560 {}", c(h))) role="img" aria-label=(format!("{title}: {summary}")) {
            title { (title) }
            g font-size=(font(LABEL_PT, 560.0)) fill="#222" {
                @for (i, b) in bars.iter().enumerate() {
                    @let y = 20.0 + row_h * i as f64;
                    @let (colour, pattern) = severity_fill(b.severity);
                    text x=(c(label_w - 8.0)) y=(c(y + 13.0)) text-anchor="end" { (b.label) }
                    @if let Some(g) = b.gap.filter(|g| *g > 0.0) {
                        rect x=(c(label_w)) y=(c(y)) width=(c(scale(g))) height="18" fill=(pattern) stroke=(colour) stroke-width="1" {}
                        text x=(c(label_w + scale(g) + 6.0)) y=(c(y + 13.0)) { (crate::report::num(g)) " · " (b.severity_label) }
                    } @else {
                        text x=(c(label_w + 6.0)) y=(c(y + 13.0)) fill="#555" { (b.severity_label) }
                    }
                }
            }
            line x1=(c(label_w)) y1="14" x2=(c(label_w)) y2=(c(h - 6.0)) stroke="#444" stroke-width="1" {}
        }
    }
}

/// One line of a line chart.
#[derive(Clone, Debug)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

/// Scores over time on 0..100: one line per series, each with its own dash
/// pattern and marker, x labels under the points.
pub fn lines(x_labels: &[String], series: &[Series], title: &str) -> Markup {
    let (w, h, left, top, plot_w, plot_h) = (620.0, 360.0, 64.0, 20.0, 500.0, 240.0);
    let n = x_labels.len().max(1);
    let x = |i: usize| if n == 1 { left + plot_w / 2.0 } else { left + plot_w * i as f64 / (n - 1) as f64 };
    let y = |v: f64| top + plot_h * (1.0 - v.clamp(0.0, 100.0) / 100.0);
    let dashes = ["", "6 3", "2 3", "8 3 2 3", "1 2", "10 4"];
    let colours = ["#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#c62828", "#00838f"];
    let summary = series
        .iter()
        .map(|s| {
            format!(
                "{}: {}",
                s.name,
                s.values.iter().map(|v| v.map_or("—".to_string(), c)).collect::<Vec<_>>().join(", ")
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let legend_size: f64 = font(LEGEND_PT, w).parse().unwrap_or(11.0);
    let names: Vec<&str> = series.iter().map(|s| s.name.as_str()).collect();
    let spots = legend_layout(&names, legend_size, 24.0, w - left - 8.0);
    html! {
        svg.chart viewBox=(format!("0 0 {w} {h}")) role="img" aria-label=(format!("{title}: {summary}")) {
            title { (title) }
            g stroke="#ccc" stroke-width="0.8" font-size=(font(SCALE_PT, w)) fill="#666" {
                @for v in [0.0, 20.0, 40.0, 60.0, 80.0, 100.0] {
                    line x1=(c(left)) y1=(c(y(v))) x2=(c(left + plot_w)) y2=(c(y(v))) {}
                    text x=(c(left - 6.0)) y=(c(y(v) + 3.0)) text-anchor="end" stroke="none" { (c(v)) }
                }
            }
            g font-size=(font(SCALE_PT, w)) fill="#444" {
                @for (i, l) in x_labels.iter().enumerate() {
                    text x=(c(x(i))) y=(c(top + plot_h + 16.0)) text-anchor="middle" { (l) }
                }
            }
            @for (k, s) in series.iter().enumerate() {
                @let pts: Vec<(f64, f64)> = s.values.iter().enumerate().filter_map(|(i, v)| v.map(|v| (x(i), y(v)))).collect();
                @let colour = colours[k % colours.len()];
                polyline points=(points(&pts)) fill="none" stroke=(colour) stroke-width=(if k == 0 { "2.6" } else { "1.6" }) stroke-dasharray=(dashes[k % dashes.len()]) {}
                @for (px, py) in &pts {
                    @if k % 2 == 0 {
                        circle cx=(c(*px)) cy=(c(*py)) r="3" fill=(colour) {}
                    } @else {
                        rect x=(c(px - 3.0)) y=(c(py - 3.0)) width="6" height="6" fill=(colour) {}
                    }
                }
            }
            g font-size=(c(legend_size)) transform=(format!("translate({},{})", c(left), c(h - 44.0))) {
                @for (k, s) in series.iter().enumerate() {
                    @let (lx, ly) = spots[k];
                    line x1=(c(lx)) y1=(c(ly)) x2=(c(lx + 24.0)) y2=(c(ly)) stroke=(colours[k % colours.len()]) stroke-width="2" stroke-dasharray=(dashes[k % dashes.len()]) {}
                    text x=(c(lx + 30.0)) y=(c(ly + 4.0)) { (s.name) }
                }
            }
        }
    }
}

/// One row of a range chart: the spread of a score in a group.
#[derive(Clone, Debug)]
pub struct Range {
    pub label: String,
    pub min: f64,
    pub median: f64,
    pub max: f64,
    pub mean: f64,
    /// The target the score is measured against, drawn as a dashed line.
    pub target: Option<f64>,
}

/// Min to max as a line, the median as a tick, the mean as a dot and the
/// target as a dashed line, on 0..100. `legend`: min–max, median, mean, target.
pub fn ranges(rows: &[Range], title: &str, legend: [&str; 4]) -> Markup {
    let w = 560.0;
    let row_h = 26.0;
    let label_w = label_column(rows.iter().map(|r| r.label.as_str()), font(LABEL_PT, w).parse().unwrap_or(12.0));
    let plot_w = w - label_w - 20.0;
    let legend_size: f64 = font(LEGEND_PT, w).parse().unwrap_or(11.0);
    let spots = legend_layout(&legend, legend_size, 24.0, w - label_w);
    let legend_h = spots.last().map_or(0.0, |s| s.1) + legend_size * 1.6;
    let top = 30.0;
    let plot_h = row_h * rows.len() as f64;
    let h = top + plot_h + 12.0 + legend_h;
    let x = |v: f64| label_w + plot_w * v.clamp(0.0, 100.0) / 100.0;
    let summary = rows
        .iter()
        .map(|r| format!("{} {}–{}–{} ({})", r.label, c(r.min), c(r.median), c(r.max), c(r.mean)))
        .collect::<Vec<_>>()
        .join("; ");
    html! {
        svg.chart viewBox=(format!("0 0 {w} {}", c(h))) role="img" aria-label=(format!("{title}: {summary}")) {
            title { (title) }
            g stroke="#ddd" stroke-width="0.8" font-size=(font(SCALE_PT, w)) fill="#666" {
                @for v in [0.0, 20.0, 40.0, 60.0, 80.0, 100.0] {
                    line x1=(c(x(v))) y1=(c(top - 8.0)) x2=(c(x(v))) y2=(c(top + plot_h)) {}
                    text x=(c(x(v))) y=(c(top - 12.0)) text-anchor="middle" stroke="none" { (c(v)) }
                }
            }
            g font-size=(font(LABEL_PT, w)) fill="#222" {
                @for (i, r) in rows.iter().enumerate() {
                    @let y = top + row_h * (i as f64 + 0.5);
                    text x=(c(label_w - 8.0)) y=(c(y + 4.0)) text-anchor="end" { (r.label) }
                    @if let Some(t) = r.target {
                        line.target x1=(c(x(t))) y1=(c(y - 11.0)) x2=(c(x(t))) y2=(c(y + 11.0)) stroke="#c62828" stroke-width="1.8" stroke-dasharray="3 2" {}
                    }
                    line x1=(c(x(r.min))) y1=(c(y)) x2=(c(x(r.max))) y2=(c(y)) stroke="#555" stroke-width="2" {}
                    line x1=(c(x(r.min))) y1=(c(y - 5.0)) x2=(c(x(r.min))) y2=(c(y + 5.0)) stroke="#555" stroke-width="1.5" {}
                    line x1=(c(x(r.max))) y1=(c(y - 5.0)) x2=(c(x(r.max))) y2=(c(y + 5.0)) stroke="#555" stroke-width="1.5" {}
                    rect x=(c(x(r.median) - 2.0)) y=(c(y - 8.0)) width="4" height="16" fill="#1565c0" {}
                    circle cx=(c(x(r.mean))) cy=(c(y)) r="3.5" fill="#fff" stroke="#c62828" stroke-width="1.8" {}
                }
            }
            g.legend font-size=(c(legend_size)) transform=(format!("translate({},{})", c(label_w), c(top + plot_h + 12.0 + legend_size * 0.6))) {
                @let (lx, ly) = spots[0];
                line x1=(c(lx)) y1=(c(ly)) x2=(c(lx + 24.0)) y2=(c(ly)) stroke="#555" stroke-width="2" {}
                text x=(c(lx + 30.0)) y=(c(ly + 4.0)) { (legend[0]) }
                @let (lx, ly) = spots[1];
                rect x=(c(lx + 10.0)) y=(c(ly - 8.0)) width="4" height="16" fill="#1565c0" {}
                text x=(c(lx + 30.0)) y=(c(ly + 4.0)) { (legend[1]) }
                @let (lx, ly) = spots[2];
                circle cx=(c(lx + 12.0)) cy=(c(ly)) r="3.5" fill="#fff" stroke="#c62828" stroke-width="1.8" {}
                text x=(c(lx + 30.0)) y=(c(ly + 4.0)) { (legend[2]) }
                @let (lx, ly) = spots[3];
                line x1=(c(lx + 12.0)) y1=(c(ly - 8.0)) x2=(c(lx + 12.0)) y2=(c(ly + 8.0)) stroke="#c62828" stroke-width="1.8" stroke-dasharray="3 2" {}
                text x=(c(lx + 30.0)) y=(c(ly + 4.0)) { (legend[3]) }
            }
        }
    }
}

/// One row of a stacked bar: counts per severity, in the order of
/// `Severity::ALL`.
#[derive(Clone, Debug)]
pub struct Stack {
    pub label: String,
    pub counts: [usize; 5],
}

/// Stacked bars of severity counts per row, each share labelled with its
/// count, patterns for print.
pub fn stacked(rows: &[Stack], title: &str, names: [&str; 5]) -> Markup {
    let w = 560.0;
    let row_h = 26.0;
    let label_w = label_column(rows.iter().map(|r| r.label.as_str()), font(LABEL_PT, w).parse().unwrap_or(12.0));
    let plot_w = w - label_w - 12.0;
    let legend_size: f64 = font(LEGEND_PT, w).parse().unwrap_or(11.0);
    let spots = legend_layout(&names, legend_size, 12.0, w - label_w);
    let legend_h = spots.last().map_or(0.0, |s| s.1) + legend_size * 1.6;
    let top = 8.0;
    let plot_h = row_h * rows.len() as f64;
    let h = top + plot_h + 12.0 + legend_h;
    let summary = rows
        .iter()
        .map(|r| format!("{} {}", r.label, r.counts.iter().map(|n| n.to_string()).collect::<Vec<_>>().join("/")))
        .collect::<Vec<_>>()
        .join("; ");
    html! {
        svg.chart viewBox=(format!("0 0 {w} {}", c(h))) role="img" aria-label=(format!("{title}: {summary}")) {
            title { (title) }
            g font-size=(font(LABEL_PT, w)) fill="#222" {
                @for (i, r) in rows.iter().enumerate() {
                    @let y = top + row_h * i as f64;
                    @let total = r.counts.iter().sum::<usize>().max(1) as f64;
                    text x=(c(label_w - 8.0)) y=(c(y + 14.0)) text-anchor="end" { (r.label) }
                    @for (k, n) in r.counts.iter().enumerate() {
                        @let x0 = label_w + plot_w * r.counts[..k].iter().sum::<usize>() as f64 / total;
                        @let bw = plot_w * *n as f64 / total;
                        @if *n > 0 {
                            @let (colour, pattern) = severity_fill(Severity::ALL[k]);
                            rect x=(c(x0)) y=(c(y)) width=(c(bw)) height="20" fill=(if pattern == "none" { colour } else { pattern }) stroke="#fff" stroke-width="1" {}
                            @if bw >= 18.0 {
                                text x=(c(x0 + bw / 2.0)) y=(c(y + 14.5)) text-anchor="middle" font-size=(font(SCALE_PT, w)) font-weight="bold" fill="#000" stroke="#fff" stroke-width="3" paint-order="stroke" { (n) }
                            }
                        }
                    }
                }
            }
            g.legend font-size=(c(legend_size)) transform=(format!("translate({},{})", c(label_w), c(top + plot_h + 12.0 + legend_size * 0.6))) {
                @for (k, name) in names.iter().enumerate() {
                    @let (colour, pattern) = severity_fill(Severity::ALL[k]);
                    @let (lx, ly) = spots[k];
                    rect x=(c(lx)) y=(c(ly - 7.0)) width="12" height="12" fill=(if pattern == "none" { colour } else { pattern }) {}
                    text x=(c(lx + 18.0)) y=(c(ly + 4.0)) { (name) }
                }
            }
        }
    }
}

/// Raw SVG text of a chart, for tests and the standalone checks.
pub fn to_string(m: Markup) -> String {
    let PreEscaped(s) = m;
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn axes() -> Vec<Axis> {
        ["学习", "执行能力", "执行毅力", "<script>alert(1)</script>", "人格修养"]
            .iter()
            .enumerate()
            .map(|(i, l)| Axis {
                label: l.to_string(),
                value: if i == 2 { None } else { Some(40.0 + 10.0 * i as f64) },
                target: 80.0,
                previous: Some(50.0),
            })
            .collect()
    }

    const NAMES: RadarNames =
        RadarNames { title: "维度得分与目标", value: "得分", target: "目标", previous: "上次" };

    #[test]
    fn radar_is_deterministic_xml_and_escaped() {
        let a = to_string(radar(&axes(), &NAMES));
        let b = to_string(radar(&axes(), &NAMES));
        assert_eq!(a, b);
        roxmltree::Document::parse(&a).unwrap();
        assert!(!a.contains("<script>"));
        assert!(a.contains("&lt;script&gt;"));
        assert!(a.contains("<title>维度得分与目标</title>"));
        assert!(a.contains("aria-label="));
    }

    /// Every text of a chart, printed [`PRINT_MM`] wide, is at least 8 pt.
    #[track_caller]
    fn text_at_least_8pt(svg: &str) {
        let doc = roxmltree::Document::parse(svg).unwrap();
        let root = doc.root_element();
        let width: f64 = root.attribute("viewBox").unwrap().split(' ').nth(2).unwrap().parse().unwrap();
        let mut sizes = 0;
        for n in doc.descendants().filter(|n| n.has_attribute("font-size")) {
            let units: f64 = n.attribute("font-size").unwrap().parse().unwrap();
            let pt = units / width * PRINT_MM * 72.0 / 25.4;
            assert!(pt >= MIN_PT - 0.05, "{pt:.1} pt: {:?}", n);
            sizes += 1;
        }
        assert!(sizes > 0);
    }

    #[test]
    fn chart_text_is_at_least_8pt_on_paper() {
        text_at_least_8pt(&to_string(radar(&axes(), &NAMES)));
        let bars = [GapBar {
            label: "学习".into(),
            gap: Some(8.0),
            severity: Severity::Minor,
            severity_label: "接近目标".into(),
        }];
        text_at_least_8pt(&to_string(gap_bars(&bars, "差距")));
        let series = [Series { name: "总分".into(), values: vec![Some(60.0), Some(72.5)] }];
        text_at_least_8pt(&to_string(lines(&["2026-05-01".into(), "2026-11-28".into()], &series, "总分")));
        let rows =
            [Range { label: "学习".into(), min: 25.0, median: 62.5, max: 100.0, mean: 60.1, target: Some(80.0) }];
        text_at_least_8pt(&to_string(ranges(&rows, "分布", ["最低–最高", "中位数", "均值", "目标"])));
        let stacks = [Stack { label: "学习".into(), counts: [3, 4, 2, 1, 0] }];
        text_at_least_8pt(&to_string(stacked(
            &stacks,
            "程度",
            ["达标", "接近目标", "有提升空间", "提升空间较大", "作答不足"],
        )));
    }

    #[test]
    fn legends_do_not_overlap() {
        let names = ["达标", "接近目标", "有提升空间", "提升空间较大", "作答不足"];
        let spots = legend_layout(&names, 11.0, 12.0, 390.0);
        for (k, n) in names.iter().enumerate().skip(1) {
            let (px, py) = spots[k - 1];
            let (x, y) = spots[k];
            let prev_end = px + 18.0 + text_width(names[k - 1], 11.0);
            assert!(y > py || x > prev_end, "{n} at {x},{y} overlaps the one before, which ends at {prev_end}");
            assert!(x + 18.0 + text_width(n, 11.0) <= 390.0, "{n} within the width");
        }
    }

    #[test]
    fn radar_snapshot() {
        insta::assert_snapshot!(to_string(radar(&axes(), &NAMES)));
    }

    #[test]
    fn gap_bars_snapshot() {
        let bars = vec![
            GapBar {
                label: "执行毅力".into(),
                gap: Some(25.0),
                severity: Severity::Critical,
                severity_label: "提升空间较大".into(),
            },
            GapBar {
                label: "学习".into(),
                gap: Some(8.0),
                severity: Severity::Minor,
                severity_label: "接近目标".into(),
            },
            GapBar {
                label: "政治素质".into(),
                gap: Some(-3.0),
                severity: Severity::Met,
                severity_label: "达标".into(),
            },
            GapBar {
                label: "人格修养".into(),
                gap: None,
                severity: Severity::Unknown,
                severity_label: "作答不足".into(),
            },
        ];
        let s = to_string(gap_bars(&bars, "差距"));
        roxmltree::Document::parse(&s).unwrap();
        insta::assert_snapshot!(s);
    }

    #[test]
    fn lines_snapshot() {
        let s = to_string(lines(
            &["2026-05-01".into(), "2026-11-28".into(), "2027-03-01".into()],
            &[
                Series { name: "总分".into(), values: vec![Some(60.0), Some(72.5), None] },
                Series { name: "一个前提".into(), values: vec![Some(50.0), Some(80.0), Some(90.0)] },
            ],
            "总分与各分区得分",
        ));
        roxmltree::Document::parse(&s).unwrap();
        insta::assert_snapshot!(s);
    }

    #[test]
    fn ranges_and_stacked_snapshots() {
        let rows = vec![
            Range { label: "学习".into(), min: 25.0, median: 62.5, max: 100.0, mean: 60.1, target: Some(80.0) },
            Range { label: "执行毅力".into(), min: 12.5, median: 50.0, max: 87.5, mean: 48.0, target: None },
        ];
        let s = to_string(ranges(&rows, "分布", ["最低–最高", "中位数", "均值", "目标"]));
        assert_eq!(s.matches("class=\"target\"").count(), 1, "one target line: {s}");
        roxmltree::Document::parse(&s).unwrap();
        insta::assert_snapshot!("ranges", s);
        let stacks = vec![
            Stack { label: "学习".into(), counts: [3, 4, 2, 1, 0] },
            Stack { label: "执行毅力".into(), counts: [0, 0, 0, 0, 10] },
        ];
        let s = to_string(stacked(&stacks, "程度", ["达标", "接近目标", "有提升空间", "提升空间较大", "作答不足"]));
        roxmltree::Document::parse(&s).unwrap();
        insta::assert_snapshot!("stacked", s);
    }
}

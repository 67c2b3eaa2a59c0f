//! Charts as inline SVG, drawn by hand: a radar is plain trigonometry. Pure
//! and deterministic (numbers rounded to 0.1), every text escaped by maud,
//! with a `<title>`, an `aria-label`, and patterns as well as colours so
//! that a black-and-white print still tells the series apart.

use std::f64::consts::PI;

use maud::{Markup, PreEscaped, html};

use crate::result::Severity;

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
    let (w, h, cx, cy, r) = (560.0, 470.0, 280.0, 225.0, 160.0);
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
            g.scale font-size="9" fill="#777" {
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
            g.labels font-size="12" fill="#222" {
                @for (i, a) in axes.iter().enumerate() {
                    @let ang = angle(i);
                    @let (x, y) = (cx + (r + 16.0) * ang.cos(), cy + (r + 16.0) * ang.sin() + 4.0);
                    @let anchor = if ang.cos() > 0.2 { "start" } else if ang.cos() < -0.2 { "end" } else { "middle" };
                    text x=(c(x)) y=(c(y)) text-anchor=(anchor) {
                        (a.label) " " tspan font-weight="bold" { (a.value.map_or("—".to_string(), crate::report::num)) }
                    }
                }
            }
            g.legend font-size="11" transform=(format!("translate(16,{})", c(h - 26.0))) {
                line x1="0" y1="0" x2="24" y2="0" stroke="#1565c0" stroke-width="2.2" {}
                text x="30" y="4" { (names.value) }
                line x1="120" y1="0" x2="144" y2="0" stroke="#c62828" stroke-width="1.8" stroke-dasharray="6 4" {}
                text x="150" y="4" { (names.target) }
                @if has_prev {
                    line x1="240" y1="0" x2="264" y2="0" stroke="#90a4ae" stroke-width="1.5" stroke-dasharray="2 3" {}
                    text x="270" y="4" { (names.previous) }
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
    let (label_w, bar_w) = (170.0, 300.0);
    let h = 30.0 + row_h * bars.len() as f64;
    let max = bars.iter().filter_map(|b| b.gap).fold(20.0f64, f64::max).ceil();
    let scale = |g: f64| bar_w * g.clamp(0.0, max) / max;
    let summary =
        bars.iter().map(|b| format!("{} {}", b.label, b.gap.map_or("—".to_string(), c))).collect::<Vec<_>>().join("; ");
    html! {
        svg.chart viewBox=(format!("0 0 560 {}", c(h))) role="img" aria-label=(format!("{title}: {summary}")) {
            title { (title) }
            g font-size="12" fill="#222" {
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
    html! {
        svg.chart viewBox=(format!("0 0 {w} {h}")) role="img" aria-label=(format!("{title}: {summary}")) {
            title { (title) }
            g stroke="#ccc" stroke-width="0.8" font-size="10" fill="#666" {
                @for v in [0.0, 20.0, 40.0, 60.0, 80.0, 100.0] {
                    line x1=(c(left)) y1=(c(y(v))) x2=(c(left + plot_w)) y2=(c(y(v))) {}
                    text x=(c(left - 6.0)) y=(c(y(v) + 3.0)) text-anchor="end" stroke="none" { (c(v)) }
                }
            }
            g font-size="10" fill="#444" {
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
            g font-size="11" transform=(format!("translate({},{})", c(left), c(h - 44.0))) {
                @for (k, s) in series.iter().enumerate() {
                    @let (lx, ly) = (((k % 3) as f64) * 180.0, ((k / 3) as f64) * 16.0);
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
}

/// Min to max as a line, the median as a tick and the mean as a dot, on 0..100.
pub fn ranges(rows: &[Range], title: &str, legend: [&str; 3]) -> Markup {
    let row_h = 24.0;
    let (label_w, plot_w) = (170.0, 340.0);
    let h = 50.0 + row_h * rows.len() as f64;
    let x = |v: f64| label_w + plot_w * v.clamp(0.0, 100.0) / 100.0;
    let summary = rows
        .iter()
        .map(|r| format!("{} {}–{}–{} ({})", r.label, c(r.min), c(r.median), c(r.max), c(r.mean)))
        .collect::<Vec<_>>()
        .join("; ");
    html! {
        svg.chart viewBox=(format!("0 0 560 {}", c(h))) role="img" aria-label=(format!("{title}: {summary}")) {
            title { (title) }
            g stroke="#ddd" stroke-width="0.8" font-size="9" fill="#777" {
                @for v in [0.0, 20.0, 40.0, 60.0, 80.0, 100.0] {
                    line x1=(c(x(v))) y1="12" x2=(c(x(v))) y2=(c(h - 30.0)) {}
                    text x=(c(x(v))) y="10" text-anchor="middle" stroke="none" { (c(v)) }
                }
            }
            g font-size="12" fill="#222" {
                @for (i, r) in rows.iter().enumerate() {
                    @let y = 28.0 + row_h * i as f64;
                    text x=(c(label_w - 8.0)) y=(c(y + 4.0)) text-anchor="end" { (r.label) }
                    line x1=(c(x(r.min))) y1=(c(y)) x2=(c(x(r.max))) y2=(c(y)) stroke="#555" stroke-width="2" {}
                    line x1=(c(x(r.min))) y1=(c(y - 5.0)) x2=(c(x(r.min))) y2=(c(y + 5.0)) stroke="#555" stroke-width="1.5" {}
                    line x1=(c(x(r.max))) y1=(c(y - 5.0)) x2=(c(x(r.max))) y2=(c(y + 5.0)) stroke="#555" stroke-width="1.5" {}
                    rect x=(c(x(r.median) - 2.0)) y=(c(y - 8.0)) width="4" height="16" fill="#1565c0" {}
                    circle cx=(c(x(r.mean))) cy=(c(y)) r="3.5" fill="#fff" stroke="#c62828" stroke-width="1.8" {}
                }
            }
            g font-size="11" transform=(format!("translate({},{})", c(label_w), c(h - 12.0))) {
                line x1="0" y1="0" x2="24" y2="0" stroke="#555" stroke-width="2" {}
                text x="30" y="4" { (legend[0]) }
                rect x="110" y="-8" width="4" height="16" fill="#1565c0" {}
                text x="120" y="4" { (legend[1]) }
                circle cx="204" cy="0" r="3.5" fill="#fff" stroke="#c62828" stroke-width="1.8" {}
                text x="212" y="4" { (legend[2]) }
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
    let row_h = 24.0;
    let (label_w, plot_w) = (170.0, 340.0);
    let h = 50.0 + row_h * rows.len() as f64;
    let summary = rows
        .iter()
        .map(|r| format!("{} {}", r.label, r.counts.iter().map(|n| n.to_string()).collect::<Vec<_>>().join("/")))
        .collect::<Vec<_>>()
        .join("; ");
    html! {
        svg.chart viewBox=(format!("0 0 560 {}", c(h))) role="img" aria-label=(format!("{title}: {summary}")) {
            title { (title) }
            g font-size="12" fill="#222" {
                @for (i, r) in rows.iter().enumerate() {
                    @let y = 14.0 + row_h * i as f64;
                    @let total = r.counts.iter().sum::<usize>().max(1) as f64;
                    text x=(c(label_w - 8.0)) y=(c(y + 13.0)) text-anchor="end" { (r.label) }
                    @for (k, n) in r.counts.iter().enumerate() {
                        @let x0 = label_w + plot_w * r.counts[..k].iter().sum::<usize>() as f64 / total;
                        @let w = plot_w * *n as f64 / total;
                        @if *n > 0 {
                            @let (colour, pattern) = severity_fill(Severity::ALL[k]);
                            rect x=(c(x0)) y=(c(y)) width=(c(w)) height="18" fill=(if pattern == "none" { colour } else { pattern }) stroke="#fff" stroke-width="1" {}
                            @if w >= 16.0 {
                                text x=(c(x0 + w / 2.0)) y=(c(y + 13.0)) text-anchor="middle" font-size="10" fill="#000" stroke="#fff" stroke-width="2.5" paint-order="stroke" { (n) }
                            }
                        }
                    }
                }
            }
            g font-size="11" transform=(format!("translate({},{})", c(label_w), c(h - 14.0))) {
                @for (k, name) in names.iter().enumerate() {
                    @let (colour, pattern) = severity_fill(Severity::ALL[k]);
                    rect x=(c(k as f64 * 70.0)) y="-9" width="12" height="12" fill=(if pattern == "none" { colour } else { pattern }) {}
                    text x=(c(k as f64 * 70.0 + 16.0)) y="2" { (name) }
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
                severity_label: "严重".into(),
            },
            GapBar {
                label: "学习".into(), gap: Some(8.0), severity: Severity::Minor, severity_label: "轻度".into()
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
            Range { label: "学习".into(), min: 25.0, median: 62.5, max: 100.0, mean: 60.1 },
            Range { label: "执行毅力".into(), min: 12.5, median: 50.0, max: 87.5, mean: 48.0 },
        ];
        let s = to_string(ranges(&rows, "分布", ["最低–最高", "中位数", "均值"]));
        roxmltree::Document::parse(&s).unwrap();
        insta::assert_snapshot!("ranges", s);
        let stacks = vec![
            Stack { label: "学习".into(), counts: [3, 4, 2, 1, 0] },
            Stack { label: "执行毅力".into(), counts: [0, 0, 0, 0, 10] },
        ];
        let s = to_string(stacked(&stacks, "程度", ["达标", "轻度", "中度", "严重", "作答不足"]));
        roxmltree::Document::parse(&s).unwrap();
        insta::assert_snapshot!("stacked", s);
    }
}

//! A subject's results over time (`zhixing history`): pure rendering.

use comfy_table::CellAlignment;
use maud::html;
use serde::Serialize;

use super::svg::{self, Series};
use super::{Style, Trend, change_text, csv_cell, delta, md_escape, num, opt_num, plain_table, short_time};
use crate::i18n::{self, ui};
use crate::lang::Lang;
use crate::result::ResultDoc;

/// The history as scripts read it (`zhixing.history.v1`).
#[derive(Debug, Serialize)]
pub struct History {
    pub schema: &'static str,
    pub subject: String,
    pub rubric: Option<String>,
    pub results: Vec<Row>,
    pub trend: Option<TrendDoc>,
}

#[derive(Debug, Serialize)]
pub struct Row {
    pub id: String,
    pub taken_at: String,
    pub rater_role: String,
    pub overall: Option<f64>,
    /// Change of the overall score against the previous row of the same rater role.
    pub delta: Option<f64>,
    pub sections: Vec<SectionScore>,
}

#[derive(Debug, Serialize)]
pub struct SectionScore {
    pub id: String,
    pub title: String,
    pub score: Option<f64>,
}

#[derive(Debug, Serialize)]
pub struct TrendDoc {
    pub first: f64,
    pub last: f64,
    pub change: f64,
    /// up, down, or steady (within 1 point).
    pub direction: &'static str,
}

/// Build the history of results given oldest first.
pub fn build(subject: &str, results: &[ResultDoc]) -> History {
    let mut rows: Vec<Row> = Vec::with_capacity(results.len());
    for (i, r) in results.iter().enumerate() {
        let before = results[..i].iter().rev().find(|p| p.rater.role == r.rater.role);
        let delta = match (r.overall.score, before.and_then(|p| p.overall.score)) {
            (Some(a), Some(b)) => Some(a - b),
            _ => None,
        };
        rows.push(Row {
            id: r.id.clone(),
            taken_at: r.taken_at.clone(),
            rater_role: r.rater.role.code().to_string(),
            overall: r.overall.score,
            delta,
            sections: r
                .sections
                .iter()
                .map(|s| SectionScore { id: s.id.clone(), title: s.title.clone(), score: s.score })
                .collect(),
        });
    }
    let scored: Vec<f64> = results.iter().filter_map(|r| r.overall.score).collect();
    let trend = match (scored.first(), scored.last()) {
        (Some(&first), Some(&last)) if scored.len() > 1 => Some(TrendDoc {
            first,
            last,
            change: last - first,
            direction: match Trend::of(last - first) {
                Trend::Up => "up",
                Trend::Down => "down",
                Trend::Steady => "steady",
            },
        }),
        _ => None,
    };
    History {
        schema: "zhixing.history.v1",
        subject: subject.to_string(),
        rubric: results.last().map(|r| r.rubric.id.clone()),
        results: rows,
        trend,
    }
}

/// A sparkline of scores 0..100: one character a score.
pub fn sparkline(scores: &[f64], ascii: bool) -> String {
    let marks: Vec<char> =
        if ascii { "_.-=+*#%".chars().collect() } else { "▁▂▃▄▅▆▇█".chars().collect() };
    scores
        .iter()
        .map(|s| {
            let i = ((s.clamp(0.0, 100.0) / 100.0) * (marks.len() - 1) as f64).round() as usize;
            marks[i]
        })
        .collect()
}

/// Section columns: every section id in order of first appearance.
fn columns(h: &History) -> Vec<(String, String)> {
    let mut cols: Vec<(String, String)> = Vec::new();
    for r in &h.results {
        for s in &r.sections {
            if !cols.iter().any(|(id, _)| id == &s.id) {
                cols.push((s.id.clone(), s.title.clone()));
            }
        }
    }
    cols
}

fn section_score(row: &Row, id: &str) -> Option<f64> {
    row.sections.iter().find(|s| s.id == id).and_then(|s| s.score)
}

/// As JSON, pretty or one line.
pub fn json(h: &History, pretty: bool) -> String {
    let mut t = if pretty {
        serde_json::to_string_pretty(h).unwrap_or_default()
    } else {
        serde_json::to_string(h).unwrap_or_default()
    };
    t.push('\n');
    t
}

fn heading(h: &History, lang: Lang) -> String {
    i18n::msg(lang).history_heading(&h.subject, h.results.len())
}

fn trend_line(h: &History, style: &Style) -> String {
    let u = i18n::ui(style.lang);
    let Some(t) = &h.trend else {
        return i18n::msg(style.lang).history_one_result().to_string();
    };
    let scores: Vec<f64> = h.results.iter().filter_map(|r| r.overall).collect();
    let word = match t.direction {
        "up" => u.up,
        "down" => u.down,
        _ => u.steady,
    };
    i18n::msg(style.lang).history_trend(
        &sparkline(&scores, style.ascii),
        &num(t.first),
        &num(t.last),
        &delta(t.change),
        word,
    )
}

pub(super) fn table(h: &History, style: &Style) -> String {
    let lang = style.lang;
    let u = i18n::ui(lang);
    let cols = columns(h);
    let mut t = plain_table(style);
    let mut header = vec![
        u.date.to_string(),
        u.rater.to_string(),
        u.overall.to_string(),
        i18n::msg(lang).report_change().to_string(),
    ];
    header.extend(cols.iter().map(|(_, title)| title.clone()));
    t.set_header(header);
    for r in &h.results {
        let role = crate::result::Role::parse(&r.rater_role).map_or(r.rater_role.as_str(), |x| i18n::role(x, lang));
        let change = r.delta.map(|d| change_text(d, style.ascii)).unwrap_or_default();
        let mut row = vec![short_time(&r.taken_at), role.to_string(), opt_num(r.overall), change];
        row.extend(cols.iter().map(|(id, _)| opt_num(section_score(r, id))));
        t.add_row(row);
    }
    for i in 2..4 + cols.len() {
        if let Some(c) = t.column_mut(i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    let mut o = format!("{}\n{t}\n{}\n", heading(h, lang), trend_line(h, style));
    if h.results.is_empty() {
        o = format!("{}\n", i18n::msg(lang).history_none());
    }
    o
}

pub(super) fn markdown(h: &History, lang: Lang) -> String {
    let u = i18n::ui(lang);
    let cols = columns(h);
    let mut o = format!("# {}\n\n", md_escape(&heading(h, lang)));
    o.push_str(&format!("| {} | {} | {} | {} |", u.date, u.rater, u.overall, i18n::msg(lang).report_change()));
    for (_, title) in &cols {
        o.push_str(&format!(" {} |", md_escape(title)));
    }
    o.push_str("\n|---|---|---:|---:|");
    o.push_str(&"---:|".repeat(cols.len()));
    o.push('\n');
    for r in &h.results {
        let role = crate::result::Role::parse(&r.rater_role).map_or(r.rater_role.as_str(), |x| i18n::role(x, lang));
        o.push_str(&format!(
            "| {} | {} | {} | {} |",
            short_time(&r.taken_at),
            role,
            opt_num(r.overall),
            r.delta.map(delta).unwrap_or_default()
        ));
        for (id, _) in &cols {
            o.push_str(&format!(" {} |", opt_num(section_score(r, id))));
        }
        o.push('\n');
    }
    o.push_str(&format!("\n{}\n", trend_line(h, &Style { lang, ..Style::default() })));
    o
}

pub(super) fn csv(h: &History, bom: bool) -> String {
    let cols = columns(h);
    let mut w = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(Vec::new());
    let mut header = vec![
        "result_id".to_string(),
        "subject".into(),
        "taken_at".into(),
        "rater_role".into(),
        "overall".into(),
        "delta".into(),
    ];
    header.extend(cols.iter().map(|(id, _)| csv_cell(id)));
    let _ = w.write_record(&header);
    for r in &h.results {
        let mut row = vec![
            csv_cell(&r.id),
            csv_cell(&h.subject),
            csv_cell(&r.taken_at),
            r.rater_role.clone(),
            r.overall.map(|v| v.to_string()).unwrap_or_default(),
            r.delta.map(|v| v.to_string()).unwrap_or_default(),
        ];
        row.extend(cols.iter().map(|(id, _)| section_score(r, id).map(|v| v.to_string()).unwrap_or_default()));
        let _ = w.write_record(&row);
    }
    let body = String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default();
    if bom { format!("\u{feff}{body}") } else { body }
}

/// A subject's history: a line chart of the overall and section scores.
pub(super) fn html(h: &History, lang: Lang) -> String {
    let u = ui(lang);
    let labels: Vec<String> = h.results.iter().map(|r| short_time(&r.taken_at).chars().take(10).collect()).collect();
    let mut series =
        vec![Series { name: u.overall.to_string(), values: h.results.iter().map(|r| r.overall).collect() }];
    let mut cols: Vec<(String, String)> = Vec::new();
    for r in &h.results {
        for s in &r.sections {
            if !cols.iter().any(|(id, _)| id == &s.id) {
                cols.push((s.id.clone(), s.title.clone()));
            }
        }
    }
    for (id, title) in &cols {
        series.push(Series {
            name: title.clone(),
            values: h.results.iter().map(|r| r.sections.iter().find(|s| &s.id == id).and_then(|s| s.score)).collect(),
        });
    }
    let chart_title = i18n::msg(lang).history_chart_title();
    let body = html! {
        article {
            h1 { (h.subject) }
            p.meta { (i18n::msg(lang).history_over_time()) " · " (h.results.len()) }
            @if let Some(t) = &h.trend {
                p { (u.overall) (u.colon) (num(t.first)) " → " (num(t.last)) " (" (delta(t.change)) ")" }
            }
            figure { figcaption { (chart_title) } (svg::lines(&labels, &series, chart_title)) }
            div.table-wrap { table {
                thead { tr { th { (u.date) } th { (u.rater) } th.n { (u.overall) } th.n { (i18n::msg(lang).report_change()) }
                    @for (_, t) in &cols { th.n { (t) } } } }
                tbody {
                    @for r in &h.results {
                        tr {
                            td { (short_time(&r.taken_at)) }
                            td { (crate::result::Role::parse(&r.rater_role).map_or(r.rater_role.as_str(), |x| i18n::role(x, lang))) }
                            td.n { (opt_num(r.overall)) }
                            td.n { (r.delta.map(delta).unwrap_or_default()) }
                            @for (id, _) in &cols {
                                td.n { (opt_num(r.sections.iter().find(|s| &s.id == id).and_then(|s| s.score))) }
                            }
                        }
                    }
                }
            } }
        }
    };
    let mut s = super::html::document(&h.subject, lang, body).into_string();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparkline_is_absolute() {
        assert_eq!(sparkline(&[0.0, 50.0, 100.0], false), "▁▅█");
        assert_eq!(sparkline(&[0.0, 100.0], true), "_%");
    }
}

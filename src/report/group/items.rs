//! The item analysis of a group (`zhixing group --items`, SPEC §14) for
//! people: a table of every item under its dimension (table, Markdown,
//! HTML), a stacked bar of answer shares per item (HTML, as form services
//! draw them), and a row per group and item for a spreadsheet (CSV).

use maud::{Markup, html};

use super::blocks::Block;
use super::csv::cell;
use super::labels::{by_label, group_value, withheld_text};
use crate::group::{GroupDoc, ItemStats, Texts, Unit};
use crate::i18n;
use crate::lang::Lang;
use crate::report::{CsvWriter, csv_cell};
use crate::width::char_width;

/// Columns a statement takes in the table at most.
const STATEMENT_COLS: usize = 24;

/// Answer shares, lightest (the scale's lowest point) to darkest.
const SHADES: [&str; 5] = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];

/// `text` cut to `room` columns, with "…" where it was cut.
fn truncate(text: &str, room: usize) -> String {
    if crate::width::width(text) <= room {
        return text.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in text.chars() {
        let cw = char_width(c);
        if w + cw + 1 > room {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

fn two(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_string(), |v| format!("{v:.2}"))
}

fn percent(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_string(), |v| format!("{:.0}%", v * 100.0))
}

/// The item table's rows: each dimension, then its items indented.
fn table_rows(items: &[ItemStats], texts: &Texts, lang: Lang) -> Vec<Vec<String>> {
    let m = i18n::msg(lang);
    let mut rows = Vec::new();
    let mut dim: Option<&str> = None;
    for it in items {
        if dim != Some(it.dimension.as_str()) {
            dim = Some(&it.dimension);
            let mut r = vec![texts.dimension(&it.dimension).to_string()];
            r.extend(std::iter::repeat_n(String::new(), 8));
            rows.push(r);
        }
        let name = format!("  {}", truncate(texts.item(&it.id), STATEMENT_COLS));
        if !it.shown() {
            let mut r = vec![name];
            r.extend(std::iter::repeat_n(String::new(), 7));
            r.push(m.items_withheld().to_string());
            rows.push(r);
            continue;
        }
        rows.push(vec![
            name,
            it.n.map_or(String::new(), |n| n.to_string()),
            two(it.mean),
            two(it.sd),
            percent(it.floor),
            percent(it.ceiling),
            two(it.r_drop),
            two(it.alpha_drop),
            if it.weak() { m.items_weak().to_string() } else { String::new() },
        ]);
    }
    rows
}

/// A group's item analysis, where it has one: the bars (HTML only), the
/// table and what its figures are.
pub(super) fn item_blocks(b: &mut Vec<Block>, doc: &GroupDoc, items: Option<&[ItemStats]>, texts: &Texts, lang: Lang) {
    let Some(items) = items else { return };
    let (people, min_group) = (doc.unit == Unit::People, doc.min_group);
    let m = i18n::msg(lang);
    b.push(Block::Heading(3, m.items_heading().to_string()));
    b.push(Block::Charts(item_charts(items, texts, lang)));
    let header = [
        m.items_statement(),
        m.group_n(people),
        m.group_mean(),
        m.group_sd(),
        m.items_floor(),
        m.items_ceiling(),
        m.items_r_drop(),
        m.items_alpha_drop(),
        m.items_mark(),
    ];
    b.push(Block::Table {
        header: header.map(str::to_string).to_vec(),
        rows: table_rows(items, texts, lang),
        right: (1..=7).collect(),
    });
    b.push(Block::Line(m.items_note().to_string()));
    if items.iter().any(ItemStats::weak) {
        b.push(Block::Line(m.items_weak_note().to_string()));
    }
    if items.iter().any(|i| !i.shown()) {
        b.push(Block::Line(m.group_stat_withheld(min_group)));
    }
}

/// Per dimension a figure: per item its statement and a bar of the shares
/// of its raw answers, lowest scale point first, each share's percentage
/// written where there is room; weak items marked with a word.
fn item_charts(items: &[ItemStats], texts: &Texts, lang: Lang) -> Vec<(String, Markup)> {
    let m = i18n::msg(lang);
    let mut out: Vec<(String, Vec<&ItemStats>)> = Vec::new();
    for it in items {
        match out.last_mut() {
            Some((d, list)) if *d == it.dimension => list.push(it),
            _ => out.push((it.dimension.clone(), vec![it])),
        }
    }
    out.into_iter()
        .map(|(dim, list)| {
            let points: Vec<i64> =
                list.iter().find_map(|i| i.counts.as_ref()).map(|c| c.0.iter().map(|(v, _)| *v).collect()).unwrap_or_default();
            let shade = |k: usize| SHADES[(k * (SHADES.len() - 1)) / points.len().saturating_sub(1).max(1)];
            let chart = html! {
                div style="display:flex;flex-direction:column;gap:2.5mm;text-align:left" {
                    @for it in &list {
                        div {
                            div style="font-size:10pt;overflow-wrap:anywhere" {
                                (texts.item(&it.id))
                                @if texts.reverse.contains(&it.id) {
                                    " " span style="color:var(--muted);white-space:nowrap" { "（" (m.items_reverse()) "）" }
                                }
                                @if it.weak() {
                                    " " strong style="color:var(--warn);background:var(--warn-bg);padding:0 0.3em;white-space:nowrap" { "（" (m.items_weak()) "）" }
                                }
                            }
                            @match (&it.counts, it.n) {
                                (Some(c), Some(n)) if n > 0 => {
                                    div role="img" aria-label=(bar_label(c.0.as_slice(), n)) style="display:flex;height:1.4em;border:1px solid var(--line);border-radius:2px;overflow:hidden;font-size:8.5pt;line-height:1.4em" {
                                        @for (k, (v, count)) in c.0.iter().enumerate() {
                                            @let share = *count as f64 / n as f64;
                                            @if *count > 0 {
                                                span title=(format!("{v}: {count} ({:.0}%)", share * 100.0))
                                                    style=(format!("width:{:.2}%;background:{};color:{};text-align:center;overflow:hidden;white-space:nowrap", share * 100.0, shade(k), if k * 2 >= points.len() { "#fff" } else { "#1f2328" })) {
                                                    @if share >= 0.12 { (format!("{:.0}%", share * 100.0)) }
                                                }
                                            }
                                        }
                                    }
                                }
                                _ => { div style="color:var(--muted);font-size:9pt" { (if it.shown() { "—" } else { m.items_withheld() }) } }
                            }
                        }
                    }
                    @if !points.is_empty() {
                        div style="display:flex;flex-wrap:wrap;gap:0.3em 1em;font-size:8.5pt;color:var(--muted)" {
                            @for (k, v) in points.iter().enumerate() {
                                span style="white-space:nowrap" {
                                    span style=(format!("display:inline-block;width:0.9em;height:0.9em;vertical-align:-0.1em;border:1px solid var(--line);background:{}", shade(k))) {}
                                    " " (texts.scale_label(*v))
                                }
                            }
                        }
                    }
                }
            };
            (format!("{} · {}", texts.dimension(&dim), m.items_shares()), chart)
        })
        .collect()
}

/// The bar for screen readers: each value with its share.
fn bar_label(counts: &[(i64, usize)], n: usize) -> String {
    counts.iter().map(|(v, c)| format!("{v}: {:.0}%", *c as f64 * 100.0 / n as f64)).collect::<Vec<_>>().join(", ")
}

/// One row per group and item, for a spreadsheet, in the interface
/// language: who the group is, the item, its figures, then its answers per
/// scale point.
pub(super) fn csv_items(doc: &GroupDoc, texts: &Texts, lang: Lang) -> String {
    let m = i18n::msg(lang);
    let points: Vec<i64> = doc
        .groups
        .iter()
        .flat_map(|g| g.items.iter().flatten())
        .find_map(|i| i.counts.as_ref())
        .map(|c| c.0.iter().map(|(v, _)| *v).collect())
        .unwrap_or_default();
    let mut header: Vec<String> = [
        m.group_csv_by(),
        m.group_group(),
        m.group_csv_withheld(),
        m.items_csv_dimension(),
        m.items_csv_item(),
        m.items_statement(),
        m.group_n(doc.unit == Unit::People),
        m.group_mean(),
        m.group_sd(),
        m.items_floor(),
        m.items_ceiling(),
        m.items_r_drop(),
        m.items_alpha_drop(),
        m.items_weak(),
        m.group_csv_reason(),
    ]
    .map(csv_cell)
    .to_vec();
    header.extend(points.iter().map(|v| csv_cell(&m.items_csv_count(*v))));
    let yes_no = |b: bool| if b { m.group_csv_yes() } else { m.group_csv_no() }.to_string();
    let mut rows = vec![header];
    for g in &doc.groups {
        let (by, value) = match &g.key {
            Some(_) => (csv_cell(&by_label(g, lang)), csv_cell(&group_value(g, lang))),
            None => (String::new(), csv_cell(m.group_everyone())),
        };
        if g.withheld {
            let mut r = vec![by, value, yes_no(true)];
            r.extend(std::iter::repeat_n(String::new(), 11));
            r.push(csv_cell(&withheld_text(g.withheld_reason, doc.min_group, lang)));
            r.extend(points.iter().map(|_| String::new()));
            rows.push(r);
            continue;
        }
        for it in g.items.iter().flatten() {
            let mut r = vec![
                by.clone(),
                value.clone(),
                yes_no(!it.shown()),
                csv_cell(texts.dimension(&it.dimension)),
                csv_cell(&it.id),
                csv_cell(texts.item(&it.id)),
                it.n.map_or(String::new(), |n| n.to_string()),
                cell(it.mean),
                cell(it.sd),
                cell(it.floor),
                cell(it.ceiling),
                cell(it.r_drop),
                cell(it.alpha_drop),
                if it.shown() { yes_no(it.weak()) } else { String::new() },
                it.withheld.map_or(String::new(), |w| csv_cell(&withheld_text(Some(w), doc.min_group, lang))),
            ];
            match &it.counts {
                Some(c) => r.extend(c.0.iter().map(|(_, n)| n.to_string())),
                None => r.extend(points.iter().map(|_| String::new())),
            }
            rows.push(r);
        }
    }
    let mut w = CsvWriter::new(Vec::new(), false);
    let mut out = Vec::new();
    for r in rows {
        let _ = w.row(&mut out, r);
    }
    String::from_utf8(out).unwrap_or_default()
}

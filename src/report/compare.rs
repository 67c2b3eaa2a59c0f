//! The before/after comparison (`zhixing compare`, SPEC §14) in every
//! format: a table per group for the terminal and Markdown (the same rows),
//! CSV with headers in the interface language, JSON, and one HTML page with
//! a before/after chart (a dumbbell per dimension) for every shown group.
//! Pure.

use maud::{Markup, html};

use super::csv::{CsvWriter, csv_cell};
use super::html::document;
use super::table::bold;
use super::{Style, delta, md_escape, opt_num, plain_table};
use crate::compare::{Change, CompareDoc, CompareGroup, SemFrom};
use crate::group::Texts;
use crate::i18n;
use crate::lang::Lang;
use crate::result::Role;

/// A d_z with two decimals, "—" where null.
fn dz(v: Option<f64>) -> String {
    v.map_or_else(
        || "—".to_string(),
        |d| if d.abs() < 0.005 { "0.00".to_string() } else { format!("{d:.2}").replacen('-', "−", 1) },
    )
}

fn count(v: Option<usize>) -> String {
    v.map_or_else(|| "—".to_string(), |n| n.to_string())
}

/// A group's title: everyone, or "部门：A".
fn group_title(g: &CompareGroup, lang: Lang) -> String {
    let m = i18n::msg(lang);
    let u = i18n::ui(lang);
    let Some((by, value)) = g.key.as_ref().and_then(|k| k.iter().next()) else {
        return m.compare_everyone().to_string();
    };
    let label = match by.as_str() {
        "department" => u.department,
        "role" => u.rater,
        "session" => u.session,
        "subject" => m.compare_by_subject(),
        other => other,
    };
    let value = match value {
        None => m.group_none_value().to_string(),
        Some(v) if by == "role" => Role::parse(v).map_or(v.clone(), |r| i18n::role(r, lang).to_string()),
        Some(v) => v.clone(),
    };
    match lang {
        Lang::Zh => format!("{label}：{value}"),
        Lang::En => format!("{label}: {value}"),
    }
}

fn withheld_line(g: &CompareGroup, min_group: usize, lang: Lang) -> String {
    let reason = g.withheld_reason.map_or("too_few", |w| w.code());
    i18n::msg(lang).compare_withheld(reason, min_group)
}

/// One row of figures: title, pairs, before, after, change, d_z, improved,
/// declined, within error.
fn figures(title: String, c: &Change) -> [String; 9] {
    [
        title,
        c.n.to_string(),
        opt_num(c.before_mean),
        opt_num(c.after_mean),
        c.mean_change.map_or_else(|| "—".to_string(), delta),
        dz(c.d_z),
        count(c.improved),
        count(c.declined),
        count(c.unchanged),
    ]
}

/// The rows of a shown group: overall, then each section with its
/// dimensions under it (indented).
fn rows(g: &CompareGroup, texts: &Texts, lang: Lang) -> Vec<[String; 9]> {
    let m = i18n::msg(lang);
    let mut out = Vec::new();
    if let Some(o) = &g.overall {
        out.push(figures(m.compare_overall().to_string(), o));
    }
    for s in &g.sections {
        out.push(figures(texts.section(&s.id).to_string(), &s.change));
        for d in g.dimensions.iter().filter(|d| d.section == s.id) {
            out.push(figures(format!("  {}", texts.dimension(&d.id)), &d.change));
        }
    }
    out
}

fn headings(lang: Lang) -> [&'static str; 9] {
    let m = i18n::msg(lang);
    [
        m.compare_col_level(),
        m.compare_col_n(),
        m.compare_col_before(),
        m.compare_col_after(),
        m.compare_col_change(),
        "d_z",
        m.compare_col_improved(),
        m.compare_col_declined(),
        m.compare_col_unchanged(),
    ]
}

fn about(doc: &CompareDoc, lang: Lang) -> String {
    let role = i18n::role(doc.role, lang);
    i18n::msg(lang).compare_about((&doc.before.label, doc.before.n), (&doc.after.label, doc.after.n), doc.paired, role)
}

fn notes(doc: &CompareDoc, lang: Lang) -> [&'static str; 2] {
    let m = i18n::msg(lang);
    [m.compare_dz_note(), m.compare_reliable_note(doc.sem_from == SemFrom::Norms)]
}

/// The comparison as tables for the terminal; below 60 columns, a list.
pub fn table(doc: &CompareDoc, texts: &Texts, style: &Style) -> String {
    let lang = style.lang;
    let wrap = usize::from(style.width).min(100);
    let mut out =
        format!("{}\n", bold(&format!("{} · {}", i18n::msg(lang).compare_heading(), doc.rubric.title), style));
    for line in [about(doc, lang), i18n::msg(lang).compare_unpaired(doc.only_before, doc.only_after)] {
        for l in crate::width::wrap(&line, wrap) {
            out.push_str(&crate::visible::escape(&l));
            out.push('\n');
        }
    }
    let h = headings(lang);
    for g in &doc.groups {
        out.push('\n');
        out.push_str(&bold(&group_title(g, lang), style));
        out.push('\n');
        if g.withheld {
            out.push_str(&withheld_line(g, doc.min_group, lang));
            out.push('\n');
            continue;
        }
        let rows = rows(g, texts, lang);
        if style.width < 60 {
            for r in rows {
                out.push_str(&crate::visible::escape(r[0].trim()));
                out.push('\n');
                let line = (1..9).map(|i| format!("{} {}", h[i], r[i])).collect::<Vec<_>>().join(" · ");
                for l in crate::width::wrap(&line, wrap.saturating_sub(2)) {
                    out.push_str("  ");
                    out.push_str(&crate::visible::escape(&l));
                    out.push('\n');
                }
            }
            continue;
        }
        let mut t = plain_table(style);
        t.set_header(h);
        for r in rows {
            t.add_row(r);
        }
        for i in 1..9 {
            if let Some(c) = t.column_mut(i) {
                c.set_cell_alignment(comfy_table::CellAlignment::Right);
            }
        }
        out.push_str(&format!("{t}\n"));
    }
    out.push('\n');
    for n in notes(doc, lang) {
        for l in crate::width::wrap(n, wrap) {
            out.push_str(&l);
            out.push('\n');
        }
    }
    out
}

/// The comparison in Markdown: the same rows as the table.
pub fn markdown(doc: &CompareDoc, texts: &Texts, lang: Lang) -> String {
    let m = i18n::msg(lang);
    let mut out = format!("# {}\n\n", md_escape(&format!("{} · {}", m.compare_heading(), doc.rubric.title)));
    out.push_str(&format!("{}\n\n", md_escape(&about(doc, lang))));
    out.push_str(&format!("{}\n", md_escape(&m.compare_unpaired(doc.only_before, doc.only_after))));
    let h = headings(lang);
    for g in &doc.groups {
        out.push_str(&format!("\n## {}\n\n", md_escape(&group_title(g, lang))));
        if g.withheld {
            out.push_str(&format!("{}\n", md_escape(&withheld_line(g, doc.min_group, lang))));
            continue;
        }
        out.push_str(&format!("| {} |\n", h.join(" | ")));
        out.push_str("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for r in rows(g, texts, lang) {
            // Only the title is text; numbers go as they are.
            let mut cells = r.clone();
            cells[0] = md_escape(r[0].trim());
            if r[0].starts_with("  ") {
                cells[0] = format!("　{}", cells[0]);
            }
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
    }
    out.push('\n');
    for n in notes(doc, lang) {
        out.push_str(&format!("{}\n\n", md_escape(n)));
    }
    out
}

/// A number for a spreadsheet: two decimals, empty for none.
fn cell(v: Option<f64>) -> String {
    match v {
        Some(v) => {
            let s = format!("{:.2}", (v * 100.0).round() / 100.0);
            if s == "-0.00" { "0.00".to_string() } else { s }
        }
        None => String::new(),
    }
}

fn cell_n(v: Option<usize>) -> String {
    v.map(|n| n.to_string()).unwrap_or_default()
}

/// One row per group and score, headers in the interface language; a
/// withheld group is one row with its reason.
pub fn csv(doc: &CompareDoc, texts: &Texts, style: &Style) -> String {
    let lang = style.lang;
    let m = i18n::msg(lang);
    let header: Vec<String> = [
        m.compare_col_group(),
        m.compare_col_withheld(),
        m.compare_col_kind(),
        m.compare_col_id(),
        m.compare_col_level(),
        m.compare_col_n(),
        m.compare_col_before(),
        m.compare_col_after(),
        m.compare_col_change(),
        m.compare_col_sd_change(),
        "d_z",
        m.sem_heading(),
        m.compare_col_improved(),
        m.compare_col_declined(),
        m.compare_col_unchanged(),
    ]
    .into_iter()
    .map(csv_cell)
    .collect();
    let mut lines = vec![header];
    for g in &doc.groups {
        let title = csv_cell(&group_title(g, lang));
        if g.withheld {
            let reason = csv_cell(&withheld_line(g, doc.min_group, lang));
            let mut r = vec![title, reason];
            r.resize(15, String::new());
            lines.push(r);
            continue;
        }
        let mut push = |kind: &str, id: &str, name: &str, c: &Change| {
            lines.push(vec![
                title.clone(),
                String::new(),
                csv_cell(kind),
                csv_cell(id),
                csv_cell(name),
                c.n.to_string(),
                cell(c.before_mean),
                cell(c.after_mean),
                cell(c.mean_change),
                cell(c.sd_change),
                cell(c.d_z),
                cell(c.sem),
                cell_n(c.improved),
                cell_n(c.declined),
                cell_n(c.unchanged),
            ]);
        };
        if let Some(o) = &g.overall {
            push(m.compare_overall(), "", m.compare_overall(), o);
        }
        for s in &g.sections {
            push(m.compare_kind_section(), &s.id, texts.section(&s.id), &s.change);
        }
        for d in &g.dimensions {
            push(m.compare_kind_dimension(), &d.id, texts.dimension(&d.id), &d.change);
        }
    }
    let mut w = CsvWriter::new(Vec::new(), style.bom);
    let mut out = Vec::new();
    for r in lines {
        let _ = w.row(&mut out, r);
    }
    String::from_utf8(out).unwrap_or_default()
}

/// The document as JSON, pretty or on one line.
pub fn json(doc: &CompareDoc, pretty: bool) -> String {
    let mut s = if pretty { serde_json::to_string_pretty(doc) } else { serde_json::to_string(doc) }.unwrap_or_default();
    s.push('\n');
    s
}

/// A number in a chart's units, one decimal.
fn u(v: f64) -> String {
    format!("{:.1}", (v * 10.0).round() / 10.0)
}

/// The dumbbell chart of a group: per dimension, its title above a line
/// from the before mean (open circle) to the after mean (filled), on a
/// 0–100 scale. The view box scales to the page: the same drawing reads on
/// a 360-pixel phone and on a projector.
fn dumbbells(g: &CompareGroup, texts: &Texts, lang: Lang) -> Markup {
    let m = i18n::msg(lang);
    let rows: Vec<(&str, f64, f64)> = g
        .dimensions
        .iter()
        .filter_map(|d| Some((texts.dimension(&d.id), d.change.before_mean?, d.change.after_mean?)))
        .collect();
    let (w, left, right, row) = (400.0, 20.0, 380.0, 46.0);
    let x = |v: f64| left + (right - left) * v.clamp(0.0, 100.0) / 100.0;
    let h = 30.0 + row * rows.len() as f64;
    let title = m.compare_chart_title();
    html! {
        figure.chart {
            svg viewBox=(format!("0 0 {} {}", u(w), u(h))) width="100%" style="max-width:42rem;display:block;margin:0 auto" role="img" aria-label=(title) xmlns="http://www.w3.org/2000/svg" {
                title { (title) }
                @for t in [0.0, 25.0, 50.0, 75.0, 100.0] {
                    line x1=(u(x(t))) x2=(u(x(t))) y1="8" y2=(u(h - 14.0)) stroke="#ccc" stroke-width="0.5" {}
                    text x=(u(x(t))) y=(u(h - 2.0)) font-size="11" text-anchor="middle" fill="#555" { (t) }
                }
                @for (i, (name, b, a)) in rows.iter().enumerate() {
                    @let y = 22.0 + row * i as f64;
                    @let yl = y + 18.0;
                    text x=(u(left)) y=(u(y)) font-size="13" fill="#222" {
                        (name) " " (opt_num(Some(*b))) " → " (opt_num(Some(*a)))
                    }
                    line x1=(u(x(*b))) x2=(u(x(*a))) y1=(u(yl)) y2=(u(yl)) stroke="#2b5797" stroke-width="3" {}
                    circle cx=(u(x(*b))) cy=(u(yl)) r="6" fill="#fff" stroke="#2b5797" stroke-width="2" {}
                    circle cx=(u(x(*a))) cy=(u(yl)) r="6" fill="#2b5797" {}
                }
            }
            figcaption { (title) }
        }
    }
}

fn html_table(g: &CompareGroup, texts: &Texts, lang: Lang) -> Markup {
    let h = headings(lang);
    html! {
        div.table-wrap { table {
            thead { tr { @for (i, c) in h.iter().enumerate() { th.n[i > 0] { (c) } } } }
            tbody { @for r in rows(g, texts, lang) {
                tr.dimension[r[0].starts_with("  ")] {
                    @for (i, c) in r.iter().enumerate() { td.n[i > 0] { (c.trim()) } }
                }
            } }
        } }
    }
}

/// The comparison as one HTML page: per shown group its chart and table.
pub fn html(doc: &CompareDoc, texts: &Texts, lang: Lang) -> String {
    let m = i18n::msg(lang);
    let heading = format!("{} · {}", m.compare_heading(), doc.rubric.title);
    let body = html! {
        main {
            h1 { (heading) }
            p { (about(doc, lang)) }
            p { (m.compare_unpaired(doc.only_before, doc.only_after)) }
            @for g in &doc.groups {
                section {
                    h2 { (group_title(g, lang)) }
                    @if g.withheld {
                        p { (withheld_line(g, doc.min_group, lang)) }
                    } @else {
                        (dumbbells(g, texts, lang))
                        (html_table(g, texts, lang))
                    }
                }
            }
            @for n in notes(doc, lang) { p.note { (n) } }
        }
    };
    let page = document(&heading, lang, body);
    let mut s = page.into_string();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, HashMap};

    use super::*;
    use crate::compare::{DimensionChange, SCHEMA, SectionChange, Side};
    use crate::group::{RubricInfo, Withheld};

    fn change(n: usize, before: f64, after: f64, sd: f64, counts: Option<[usize; 3]>) -> Change {
        Change {
            n,
            before_mean: Some(before),
            after_mean: Some(after),
            mean_change: Some(after - before),
            sd_change: Some(sd),
            d_z: Some((after - before) / sd),
            sem: counts.map(|_| 4.5),
            improved: counts.map(|c| c[0]),
            declined: counts.map(|c| c[1]),
            unchanged: counts.map(|c| c[2]),
            withheld: None,
        }
    }

    fn doc() -> CompareDoc {
        let shown = |n: usize, shift: f64| CompareGroup {
            key: None,
            withheld: false,
            withheld_reason: None,
            n: Some(n),
            overall: Some(change(n, 62.5, 62.5 + shift, 7.9, Some([3, 1, n - 4]))),
            sections: vec![SectionChange { id: "elements".into(), change: change(n, 60.0, 60.0 + shift, 8.0, None) }],
            dimensions: vec![
                DimensionChange {
                    id: "ability".into(),
                    section: "elements".into(),
                    change: change(n, 55.0, 71.25, 12.5, Some([5, 0, n - 5])),
                },
                DimensionChange {
                    id: "will".into(),
                    section: "elements".into(),
                    change: change(n, 70.0, 68.0, 10.0, Some([0, 1, n - 1])),
                },
            ],
        };
        let mut dept = shown(6, 4.0);
        dept.key = Some(BTreeMap::from([("department".to_string(), Some("秘书处".to_string()))]));
        let withheld = CompareGroup {
            key: Some(BTreeMap::from([("department".to_string(), Some("研究室".to_string()))])),
            withheld: true,
            withheld_reason: Some(Withheld::TooFew),
            n: None,
            overall: None,
            sections: vec![],
            dimensions: vec![],
        };
        CompareDoc {
            schema: SCHEMA.into(),
            rubric: RubricInfo { id: "core".into(), version: "2.0.0".into(), title: "执行力".into() },
            min_group: 5,
            role: Role::SelfRating,
            before: Side { label: "2026春".into(), n: 12 },
            after: Side { label: "2026秋".into(), n: 11 },
            paired: 10,
            only_before: 2,
            only_after: 1,
            sem_from: SemFrom::Before,
            groups: vec![shown(10, 6.8), dept, withheld],
        }
    }

    fn texts() -> Texts {
        Texts {
            sections: HashMap::from([("elements".to_string(), "要素".to_string())]),
            dimensions: HashMap::from([
                ("ability".to_string(), "能力".to_string()),
                ("will".to_string(), "意愿".to_string()),
            ]),
            ..Texts::default()
        }
    }

    fn style(lang: Lang) -> Style {
        Style { lang, color: false, ascii: false, width: Style::NO_TERMINAL, bom: false }
    }

    #[test]
    fn table_zh() {
        let t = table(&doc(), &texts(), &style(Lang::Zh));
        // Every line of a table as wide as the others, by display width.
        let rows: Vec<&str> = t.lines().filter(|l| l.starts_with(['│', '├', '╭', '╰'])).collect();
        assert!(rows.len() > 10);
        let w = crate::width::width(rows[0]);
        assert!(rows.iter().all(|l| crate::width::width(l) == w), "{t}");
        insta::assert_snapshot!(t);
    }

    #[test]
    fn table_en() {
        insta::assert_snapshot!(table(&doc(), &texts(), &style(Lang::En)));
    }

    #[test]
    fn narrow_terminal_gets_a_list() {
        let mut s = style(Lang::Zh);
        s.width = 40;
        let t = table(&doc(), &texts(), &s);
        assert!(!t.contains('│'), "{t}");
        assert!(t.lines().all(|l| crate::width::width(l) <= 40), "{t}");
        assert!(t.contains("能力\n  配对人数 10 · 训前 55.0 · 训后 71.3"), "{t}");
    }

    #[test]
    fn csv_zh() {
        insta::assert_snapshot!(csv(&doc(), &texts(), &style(Lang::Zh)));
    }

    #[test]
    fn markdown_and_html_show_the_same_figures() {
        let md = markdown(&doc(), &texts(), Lang::En);
        assert!(md.contains("| 　能力 | 10 | 55.0 | 71.3 | +16.3 | 1.30 | 5 | 0 | 5 |"), "{md}");
        assert!(md.contains("not shown: fewer than 5 pairs"), "{md}");
        let page = html(&doc(), &texts(), Lang::Zh);
        assert_eq!(page.matches("<svg viewBox").count(), 2, "a chart per shown group");
        assert!(page.contains("能力 55.0 → 71.3"));
        assert!(!page.contains("<script") && !page.contains("https://"));
    }
}

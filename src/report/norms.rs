//! A norms file shown (`zhixing norms show`): n, mean, sd, alpha and sem per
//! dimension, as a table for the terminal, Markdown or JSON. Pure.

use comfy_table::CellAlignment;

use super::{Format, Style, md_escape, opt_num, plain_table};
use crate::i18n;
use crate::norms::NormsDoc;

/// Alpha with two decimals ("0.81"), "—" where null.
fn alpha(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_string(), |a| format!("{a:.2}"))
}

/// The rows: the overall score, then each dimension (its title where
/// `title` knows it, else its id).
fn rows(doc: &NormsDoc, style: &Style, title: &dyn Fn(&str) -> Option<String>) -> Vec<[String; 6]> {
    let m = i18n::msg(style.lang);
    let o = &doc.overall;
    let mut out =
        vec![[m.norms_overall().to_string(), o.n.to_string(), opt_num(o.mean), opt_num(o.sd), "—".into(), "—".into()]];
    for d in &doc.dimensions {
        let name = title(&d.id).unwrap_or_else(|| d.id.clone());
        out.push([name, d.n.to_string(), opt_num(d.mean), opt_num(d.sd), alpha(d.alpha), opt_num(d.sem)]);
    }
    out
}

fn headings(style: &Style) -> [&'static str; 6] {
    let m = i18n::msg(style.lang);
    [
        m.norms_col_dimension(),
        m.norms_col_n(),
        m.norms_col_mean(),
        m.norms_col_sd(),
        m.norms_col_alpha(),
        m.sem_heading(),
    ]
}

fn about(doc: &NormsDoc, style: &Style) -> String {
    let role = i18n::role(doc.role, style.lang);
    i18n::msg(style.lang).norms_about(&doc.rubric.id, &doc.rubric.version, role, doc.n, &doc.created_at)
}

/// The norms in `format` (table, Markdown or JSON).
pub fn render(doc: &NormsDoc, format: Format, style: &Style, title: &dyn Fn(&str) -> Option<String>) -> String {
    match format {
        Format::Json | Format::Jsonl => {
            let mut s = serde_json::to_string_pretty(doc).unwrap_or_default();
            s.push('\n');
            s
        }
        Format::Markdown => markdown(doc, style, title),
        Format::Table | Format::Csv | Format::Html => table(doc, style, title),
    }
}

fn heading(doc: &NormsDoc, style: &Style) -> String {
    let m = i18n::msg(style.lang);
    match &doc.name {
        Some(n) => format!("{} · {n}", m.norms_heading()),
        None => m.norms_heading().to_string(),
    }
}

fn table(doc: &NormsDoc, style: &Style, title: &dyn Fn(&str) -> Option<String>) -> String {
    let mut t = plain_table(style);
    t.set_header(headings(style));
    for r in rows(doc, style, title) {
        t.add_row(r);
    }
    for i in 1..6 {
        if let Some(c) = t.column_mut(i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    let legend = crate::width::wrap(i18n::msg(style.lang).sem_legend(), usize::from(style.width).min(100));
    format!("{}\n{}\n\n{t}\n{}\n", heading(doc, style), about(doc, style), legend.join("\n"))
}

fn markdown(doc: &NormsDoc, style: &Style, title: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = format!("# {}\n\n{}\n\n", md_escape(&heading(doc, style)), md_escape(&about(doc, style)));
    let h = headings(style);
    out.push_str(&format!("| {} |\n", h.map(md_escape).join(" | ")));
    out.push_str("|---|---:|---:|---:|---:|---:|\n");
    for r in rows(doc, style, title) {
        out.push_str(&format!("| {} |\n", r.map(|c| md_escape(&c)).join(" | ")));
    }
    out.push_str(&format!("\n{}\n", md_escape(i18n::msg(style.lang).sem_legend())));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::norms::{DimensionNorm, Level, NormsRubric, SCHEMA};
    use crate::result::Role;

    fn doc() -> NormsDoc {
        NormsDoc {
            schema: SCHEMA.into(),
            name: Some("2026 全省机关干部".into()),
            created_at: "2026-12-01T00:00:00Z".into(),
            rubric: NormsRubric { id: "core".into(), version: "2.0.0".into(), sha256: String::new() },
            role: Role::SelfRating,
            n: 31,
            overall: Level { n: 31, mean: Some(71.25), sd: Some(9.8), values: vec![] },
            sections: vec![],
            dimensions: vec![DimensionNorm {
                id: "ability".into(),
                section: "elements".into(),
                n: 30,
                mean: Some(70.0),
                sd: Some(10.0),
                alpha: Some(0.75),
                alpha_n: 29,
                sem: Some(5.0),
                values: vec![],
            }],
        }
    }

    fn style(lang: Lang) -> Style {
        Style { lang, color: false, ascii: true, width: Style::NO_TERMINAL, bom: false }
    }

    #[test]
    fn table_lines_up_chinese_titles_and_shows_every_figure() {
        let s = render(&doc(), Format::Table, &style(Lang::Zh), &|id| (id == "ability").then(|| "能力".to_string()));
        assert!(s.starts_with("常模 · 2026 全省机关干部\n量表 core 2.0.0 · 评价人身份 本人 · 31 人"), "{s}");
        let rows: Vec<&str> = s.lines().filter(|l| l.starts_with('|')).collect();
        assert!(
            rows.iter().any(|l| l.contains("能力") && l.contains("70.0") && l.contains("0.75") && l.contains("5.0"))
        );
        // Every row of the table as wide as the others, by display width.
        let widths: Vec<usize> = rows.iter().map(|l| crate::width::width(l)).collect();
        assert!(widths.windows(2).all(|w| w[0] == w[1]), "{s}");
        assert!(s.contains("测量标准误 sem"));
    }

    #[test]
    fn markdown_and_json() {
        let md = render(&doc(), Format::Markdown, &style(Lang::En), &|_| None);
        assert!(md.contains("| ability | 30 | 70.0 | 10.0 | 0.75 | 5.0 |"), "{md}");
        assert!(md.contains("| Overall | 31 | 71.3 | 9.8 | — | — |"), "{md}");
        let json = render(&doc(), Format::Json, &style(Lang::En), &|_| None);
        let back: NormsDoc = serde_json::from_str(&json).unwrap();
        assert_eq!(back, doc());
    }
}

//! The subgroups' means side by side (SPEC §10: "with `--by`, a table of
//! subgroup × dimension means"): for the terminal with the dimensions as
//! rows (ten Chinese titles as columns do not fit 80 columns), in Markdown
//! and CSV with the subgroups as rows. Only shown subgroups carry figures;
//! a withheld one is listed with its reason; a figure withheld on its own
//! says so.

use super::blocks::Block;
use super::csv::cell;
use super::labels::{by_label, group_value, withheld_text};
use crate::group::{Group, GroupDoc, Stats, Texts, Unit};
use crate::i18n;
use crate::lang::Lang;
use crate::report::{CsvWriter, csv_cell, opt_num};

/// The columns of the table: the dimensions scored in the report (in rubric
/// order, as the first shown group has them), then the overall score.
pub(super) fn dimension_ids(doc: &GroupDoc) -> Vec<&str> {
    doc.groups
        .iter()
        .find(|g| !g.withheld)
        .map(|g| g.dimensions.iter().filter(|d| d.stats.n > 0).map(|d| d.id.as_str()).collect())
        .unwrap_or_default()
}

/// The subgroups (every group after everyone).
pub(super) fn subgroups(doc: &GroupDoc) -> &[Group] {
    &doc.groups[doc.groups.len().min(1)..]
}

/// The statistics of dimension `id` in `g`; `None` for the overall score.
pub(super) fn stats_of<'a>(g: &'a Group, id: Option<&str>) -> Option<&'a Stats> {
    match id {
        Some(id) => g.dimensions.iter().find(|d| d.id == id).map(|d| &d.stats),
        None => g.overall.as_ref(),
    }
}

/// A mean as a table shows it: one decimal, "—" for none, the word for a
/// figure withheld on its own.
fn mean_cell(s: Option<&Stats>, lang: Lang) -> String {
    match s {
        Some(s) if s.withheld.is_some() => i18n::msg(lang).group_cell_withheld().to_string(),
        Some(s) => opt_num(s.mean),
        None => "—".to_string(),
    }
}

/// The withheld subgroups, each with its reason.
fn withheld_lines(doc: &GroupDoc, lang: Lang) -> Vec<Block> {
    let u = i18n::ui(lang);
    subgroups(doc)
        .iter()
        .filter(|g| g.withheld)
        .map(|g| {
            Block::Line(format!(
                "{}{}{}",
                group_value(g, lang),
                u.colon,
                withheld_text(g.withheld_reason, doc.min_group, lang)
            ))
        })
        .collect()
}

/// The table for the terminal: a row per dimension, then the overall
/// score; a column per shown subgroup. Nothing where no subgroup is shown
/// (the comparison above already lists them with their reasons).
pub(super) fn means_blocks_by_dimension(doc: &GroupDoc, texts: &Texts, lang: Lang) -> Vec<Block> {
    let shown: Vec<&Group> = subgroups(doc).iter().filter(|g| !g.withheld).collect();
    if shown.is_empty() {
        return Vec::new();
    }
    let m = i18n::msg(lang);
    let u = i18n::ui(lang);
    let mut header = vec![u.dimension.to_string()];
    header.extend(shown.iter().map(|g| group_value(g, lang)));
    let ids: Vec<Option<&str>> = dimension_ids(doc).into_iter().map(Some).chain([None]).collect();
    let n_row = std::iter::once(m.group_n(doc.unit == Unit::People).to_string())
        .chain(shown.iter().map(|g| g.n.map_or_else(|| "—".to_string(), |n| n.to_string())))
        .collect();
    let rows = std::iter::once(n_row)
        .chain(ids.iter().map(|id| {
            let title = id.map_or(u.overall, |id| texts.dimension(id)).to_string();
            std::iter::once(title).chain(shown.iter().map(|g| mean_cell(stats_of(g, *id), lang))).collect()
        }))
        .collect();
    let right = (1..=shown.len()).collect();
    let mut b = vec![Block::Heading(3, m.group_means_heading().to_string()), Block::Table { header, rows, right }];
    b.extend(withheld_lines(doc, lang));
    b
}

/// The table in Markdown: a row per shown subgroup (its n, the dimensions,
/// then the overall score); the withheld ones listed after it.
pub(super) fn means_blocks_by_subgroup(doc: &GroupDoc, texts: &Texts, lang: Lang) -> Vec<Block> {
    let shown: Vec<&Group> = subgroups(doc).iter().filter(|g| !g.withheld).collect();
    if shown.is_empty() {
        return Vec::new();
    }
    let m = i18n::msg(lang);
    let u = i18n::ui(lang);
    let ids = dimension_ids(doc);
    let mut header = vec![by_label(shown[0], lang), m.group_n(doc.unit == Unit::People).to_string()];
    header.extend(ids.iter().map(|id| texts.dimension(id).to_string()));
    header.push(u.overall.to_string());
    let rows = shown
        .iter()
        .map(|g| {
            let mut row = vec![group_value(g, lang), g.n.map_or_else(|| "—".to_string(), |n| n.to_string())];
            row.extend(ids.iter().map(|id| mean_cell(stats_of(g, Some(id)), lang)));
            row.push(mean_cell(stats_of(g, None), lang));
            row
        })
        .collect();
    let right = (1..ids.len() + 3).collect();
    let mut b = vec![Block::Heading(3, m.group_means_heading().to_string()), Block::Table { header, rows, right }];
    b.extend(withheld_lines(doc, lang));
    b
}

/// The table as CSV, for a spreadsheet: a row per subgroup (shown or not),
/// its n, the dimensions' means to two decimals, the overall mean and why
/// it is withheld; empty where there are no subgroups.
pub fn means_csv(doc: &GroupDoc, texts: &Texts, lang: Lang, bom: bool) -> String {
    let subs = subgroups(doc);
    let Some(first) = subs.first() else { return String::new() };
    let m = i18n::msg(lang);
    let u = i18n::ui(lang);
    let ids = dimension_ids(doc);
    let mut header = vec![csv_cell(&by_label(first, lang)), csv_cell(m.group_n(doc.unit == Unit::People))];
    header.extend(ids.iter().map(|id| csv_cell(texts.dimension(id))));
    header.push(csv_cell(u.overall));
    header.push(csv_cell(m.group_csv_reason()));
    let mut rows = vec![header];
    for g in subs {
        let mut row = vec![csv_cell(&group_value(g, lang))];
        if g.withheld {
            row.extend(std::iter::repeat_n(String::new(), ids.len() + 2));
            row.push(csv_cell(&withheld_text(g.withheld_reason, doc.min_group, lang)));
        } else {
            let figure = |s: Option<&Stats>| match s {
                Some(s) if s.withheld.is_some() => csv_cell(m.group_cell_withheld()),
                Some(s) => cell(s.mean),
                None => String::new(),
            };
            row.push(g.n.map_or(String::new(), |n| n.to_string()));
            row.extend(ids.iter().map(|id| figure(stats_of(g, Some(id)))));
            row.push(figure(stats_of(g, None)));
            row.push(String::new());
        }
        rows.push(row);
    }
    let mut w = CsvWriter::new(Vec::new(), false);
    let mut out = Vec::new();
    for r in rows {
        let _ = w.row(&mut out, r);
    }
    let body = String::from_utf8(out).unwrap_or_default();
    if bom { format!("\u{feff}{body}") } else { body }
}

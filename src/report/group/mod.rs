//! The group report (`zhixing group`): pure rendering of a
//! [`GroupDoc`](crate::group::GroupDoc) as a terminal table, Markdown,
//! HTML, CSV or JSON, one function per format; `report::render` chooses. Table and Markdown share one layout (a list of blocks), so they
//! show the same things.
//!
//! The files: `blocks` the layout, `labels` the names of things for
//! people, `charts` the HTML charts, and one file per format (`text`,
//! `markdown`, `html`, `csv`), `items` the item analysis (`--items`).

mod blocks;
mod charts;
mod csv;
mod heatmap;
mod html;
mod items;
mod labels;
mod markdown;
mod means;
mod text;

use self::blocks::{Block, Part, PartKind, parts, subject_report};
use self::csv::{csv_groups, csv_subjects};
use self::html::{group_page, subject_page};
use self::markdown::markdown;
use self::text::text;
use super::Style;
use crate::group::{GroupDoc, Subject360, Texts};
use crate::i18n;
use crate::lang::Lang;

pub use self::labels::{group_label, withheld_text};
pub use self::means::means_csv;

/// The parts of the report with `more` added at the end of the subgroups'
/// part (the subgroup × dimension means, SPEC §10).
fn parts_with(doc: &GroupDoc, texts: &Texts, lang: Lang, more: Vec<Block>) -> Vec<Part> {
    let mut parts = parts(doc, texts, lang);
    if let Some(p) = parts.iter_mut().find(|p| p.kind == PartKind::Subgroups) {
        p.blocks.extend(more);
    }
    parts
}

fn flat(parts: Vec<Part>) -> Vec<Block> {
    parts.into_iter().flat_map(|p| p.blocks).collect()
}

/// The report as a table for the terminal.
pub fn table(doc: &GroupDoc, texts: &Texts, style: &Style) -> String {
    let lang = style.lang;
    text(&flat(parts_with(doc, texts, lang, means::means_blocks_by_dimension(doc, texts, lang))), style)
}

/// The report in Markdown.
pub fn markdown_report(doc: &GroupDoc, texts: &Texts, lang: Lang) -> String {
    markdown(&flat(parts_with(doc, texts, lang, means::means_blocks_by_subgroup(doc, texts, lang))))
}

/// The report as one HTML page.
pub fn html(doc: &GroupDoc, texts: &Texts, lang: Lang) -> String {
    let title = format!("{} · {}", doc.rubric.title, i18n::msg(lang).group_report());
    let heat = heatmap::heat_map(doc, texts, lang).map(|c| Block::Charts(vec![c]));
    group_page(&title, doc, texts, &parts_with(doc, texts, lang, heat.into_iter().collect()), lang)
}

/// The report as CSV: a row per group and dimension, or per subject in the
/// 360 view; for a spreadsheet, in the interface language.
pub fn csv(doc: &GroupDoc, texts: &Texts, style: &Style) -> String {
    let (lang, bom) = (style.lang, style.bom);
    // With `--items`, the rows are the items' (one row per group and item).
    let body = if !doc.subjects.is_empty() {
        csv_subjects(doc, texts, lang)
    } else if doc.groups.iter().any(|g| g.items.is_some()) {
        self::items::csv_items(doc, texts, lang)
    } else {
        csv_groups(doc, texts, lang)
    };
    if bom { format!("\u{feff}{body}") } else { body }
}

/// The report as JSON, pretty or on one line.
pub fn json(doc: &GroupDoc, pretty: bool) -> String {
    let text = if pretty { serde_json::to_string_pretty(doc) } else { serde_json::to_string(doc) };
    format!("{}\n", text.unwrap_or_default())
}

/// One subject's 360 view alone (for the trainer's pack), as a table.
pub fn subject_table(doc: &GroupDoc, s: &Subject360, texts: &Texts, style: &Style) -> String {
    text(&subject_report(doc, s, texts, style.lang), style)
}

/// One subject's 360 view alone, in Markdown.
pub fn subject_markdown(doc: &GroupDoc, s: &Subject360, texts: &Texts, lang: Lang) -> String {
    markdown(&subject_report(doc, s, texts, lang))
}

/// One subject's 360 view alone, as one HTML page.
pub fn subject_html(doc: &GroupDoc, s: &Subject360, texts: &Texts, lang: Lang) -> String {
    subject_page(&format!("{} · {}", doc.rubric.title, s.subject), &subject_report(doc, s, texts, lang), lang)
}

#[cfg(test)]
mod tests;

//! The group report (`zhixing group`): pure rendering of a
//! [`GroupDoc`](crate::group::GroupDoc) as a terminal table, Markdown, CSV
//! or JSON. Table and Markdown share one layout (a list of blocks), so they
//! show the same things.
//!
//! The files: `blocks` the layout, `labels` the names of things for
//! people, `charts` the HTML charts, and one file per format (`text`,
//! `markdown`, `html`, `csv`).

mod blocks;
mod charts;
mod csv;
mod html;
mod labels;
mod markdown;
mod text;

use self::blocks::{blocks, subject_report};
use self::csv::{csv_groups, csv_subjects};
use self::html::html_document;
use self::markdown::markdown;
use self::text::text;
use super::{Format, Style};
use crate::group::{GroupDoc, Subject360, Texts};
use crate::i18n;

pub use self::labels::{group_label, withheld_text};

/// Render the report in `format` (jsonl: the JSON on one line).
pub fn render(doc: &GroupDoc, texts: &Texts, format: Format, style: &Style) -> String {
    match format {
        Format::Json => format!("{}\n", serde_json::to_string_pretty(doc).unwrap_or_default()),
        Format::Jsonl => format!("{}\n", serde_json::to_string(doc).unwrap_or_default()),
        Format::Csv => {
            let body = if doc.subjects.is_empty() { csv_groups(doc) } else { csv_subjects(doc) };
            if style.bom { format!("\u{feff}{body}") } else { body }
        }
        Format::Markdown => markdown(&blocks(doc, texts, style.lang)),
        Format::Html => {
            let title = format!("{} · {}", doc.rubric.title, i18n::msg(style.lang).group_report());
            html_document(&title, &blocks(doc, texts, style.lang), style.lang)
        }
        Format::Table => text(&blocks(doc, texts, style.lang), style),
    }
}

/// One subject's 360 view alone (for the trainer's pack), as a table or Markdown.
pub fn render_subject(doc: &GroupDoc, s: &Subject360, texts: &Texts, format: Format, style: &Style) -> String {
    let b = subject_report(doc, s, texts, style.lang);
    match format {
        Format::Markdown => markdown(&b),
        Format::Html => html_document(&format!("{} · {}", doc.rubric.title, s.subject), &b, style.lang),
        Format::Table | Format::Json | Format::Jsonl | Format::Csv => text(&b, style),
    }
}

//! The group report's blocks as one HTML document, with the charts.

use maud::{Markup, html};

use super::blocks::Block;
use crate::lang::Lang;
use crate::report::html::document;

fn html_blocks(blocks: &[Block]) -> Markup {
    html! {
        @for blk in blocks {
            @match blk {
                Block::Heading(1, t) => h1 { (t) },
                Block::Heading(2, t) => h2 { (t) },
                Block::Heading(_, t) => h3 { (t) },
                Block::Line(t) => p { (t) },
                Block::Table { header, rows, right } => table {
                    thead { tr { @for (i, h) in header.iter().enumerate() { th.n[right.contains(&i)] { (h.trim()) } } } }
                    tbody {
                        @for r in rows {
                            tr.dimension[r.first().is_some_and(|c| c.starts_with("  "))] {
                                @for (i, c) in r.iter().enumerate() { td.n[right.contains(&i)] { (c.trim()) } }
                            }
                        }
                    }
                },
                Block::List(items) => ol.priorities {
                    @for (head, subs) in items {
                        li { (head) @if !subs.is_empty() { ul { @for s in subs { li { (s) } } } } }
                    }
                },
                Block::Charts(charts) => div.charts {
                    @for (caption, chart) in charts { figure { (chart) figcaption { (caption) } } }
                },
            }
        }
    }
}

/// The whole document, titled `title`.
pub(super) fn html_document(title: &str, blocks: &[Block], lang: Lang) -> String {
    let body = html! { article { (html_blocks(blocks)) } };
    let mut s = document(title, lang, body).into_string();
    s.push('\n');
    s
}

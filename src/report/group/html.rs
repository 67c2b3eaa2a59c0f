//! The group report as one HTML document, with the charts: first a summary
//! that fits one projector screen (SPEC §10), then the detail, each part a
//! section of its own (a 360 subject starts a new printed page), each
//! heading kept with what follows it.

use maud::{Markup, html};

use super::blocks::{Block, Part, PartKind};
use crate::group::{AlphaLabel, GroupDoc, Texts, Unit};
use crate::i18n;
use crate::lang::Lang;
use crate::report::html::document;
use crate::report::{num, opt_num};

/// How many development focuses and strengths the summary shows.
const AT_A_GLANCE: usize = 3;

fn heading(level: u8, t: &str) -> Markup {
    html! {
        @match level {
            1 => h1 { (t) },
            2 => h2 { (t) },
            _ => h3 { (t) },
        }
    }
}

fn html_block(blk: &Block) -> Markup {
    html! {
        @match blk {
            Block::Heading(level, t) => (heading(*level, t)),
            Block::Line(t) => p { (t) },
            Block::Table { header, rows, right } => div.table-wrap { table {
                thead { tr { @for (i, h) in header.iter().enumerate() { th.n[right.contains(&i)] { (h.trim()) } } } }
                @let indented = |r: &Vec<String>| r.first().is_some_and(|c| c.starts_with("  "));
                // In a table of sections and their dimensions, the sections stand out.
                @let nested = rows.iter().any(indented);
                tbody {
                    @for (k, r) in rows.iter().enumerate() {
                        tr.dimension[indented(r)] .section[nested && k > 0 && !indented(r)] {
                            @for (i, c) in r.iter().enumerate() {
                                @if i == 0 { td.name { (c.trim()) } }
                                @else { td.n[right.contains(&i)] { (c.trim()) } }
                            }
                        }
                    }
                }
            } },
            Block::List(items) => ol.priorities {
                @for (head, subs) in items {
                    li { (head) @if !subs.is_empty() { ul { @for s in subs { li { (s) } } } } }
                }
            },
            Block::Charts(charts) => div.charts {
                @for (caption, chart) in charts { figure { figcaption { (caption) } (chart) } }
            },
        }
    }
}

/// The blocks, each heading kept with the block after it (on one printed
/// page: a heading never ends a page).
fn html_blocks(blocks: &[Block]) -> Markup {
    let mut i = 0;
    let mut out = String::new();
    while i < blocks.len() {
        let keep = matches!(blocks[i], Block::Heading(..))
            && blocks.get(i + 1).is_some_and(|b| !matches!(b, Block::Heading(..)));
        if keep {
            out.push_str(&html! { div.keep { (html_block(&blocks[i])) (html_block(&blocks[i + 1])) } }.into_string());
            i += 2;
        } else {
            out.push_str(&html_block(&blocks[i]).into_string());
            i += 1;
        }
    }
    maud::PreEscaped(out)
}

/// The summary for one projector screen: the overall mean, the first
/// development focuses and strengths, n and reliability at a glance.
fn summary(doc: &GroupDoc, texts: &Texts, head: &[Block], lang: Lang) -> Markup {
    let m = i18n::msg(lang);
    let u = i18n::ui(lang);
    let everyone = doc.groups.first().filter(|g| !g.withheld);
    let overall = everyone.and_then(|g| g.overall.as_ref());
    let with_alpha: Vec<AlphaLabel> =
        everyone.map(|g| g.dimensions.iter().filter_map(|d| d.alpha_label).collect()).unwrap_or_default();
    let acceptable = with_alpha
        .iter()
        .filter(|l| matches!(l, AlphaLabel::Excellent | AlphaLabel::Good | AlphaLabel::Acceptable))
        .count();
    // The least reliable dimension (first in rubric order on a tie).
    let lowest = everyone
        .and_then(|g| {
            g.dimensions
                .iter()
                .filter_map(|d| d.alpha.map(|a| (d.id.as_str(), a)))
                .reduce(|x, y| if y.1 < x.1 { y } else { x })
        })
        .filter(|_| with_alpha.len() > 1);
    html! {
        section.summary aria-label=(m.group_summary()) {
            header { (html_blocks(head)) }
            @if let Some(g) = everyone {
                div.summary-grid {
                    div.card.s-overall {
                        div.label { (m.group_overall_mean()) }
                        div.big { (opt_num(overall.and_then(|o| o.mean))) }
                        @if let Some(gap) = overall.and_then(|o| o.mean_gap) {
                            @let band = crate::score::severity(Some(gap), &texts.gap);
                            div.detail { (m.group_mean_gap()) " " (num(gap)) " · " (i18n::severity(band, lang)) }
                        }
                        ul.glance {
                            @if let Some(n) = g.n { li { (m.group_count(n, doc.unit == Unit::People)) } }
                            li {
                                @if with_alpha.is_empty() { (m.group_reliability_none()) }
                                @else { (m.group_reliability(acceptable, with_alpha.len())) }
                            }
                            @if let Some((id, a)) = lowest {
                                li { (m.group_reliability_lowest(texts.dimension(id), &format!("{a:.2}"))) }
                            }
                            @if let Some(n) = g.flagged.filter(|n| *n > 0) { li { (m.group_flagged_short(n)) } }
                            @if let Some(n) = doc.excluded_flagged { li { (m.group_excluded_flagged(n)) } }
                        }
                    }
                    div.card.s-focus {
                        h2 { (u.priorities) }
                        @if g.priorities.is_empty() { p { (u.no_priorities) } }
                        ol.glance-list {
                            @for p in g.priorities.iter().take(AT_A_GLANCE) {
                                li { span.name { (texts.dimension(&p.dimension)) }
                                     span.figure { (m.group_mean_gap()) " " (num(p.mean_gap)) } }
                            }
                        }
                    }
                    div.card.s-strengths {
                        h2 { (u.strengths) }
                        @if g.strengths.is_empty() { p { (u.no_strengths) } }
                        ol.glance-list {
                            @for s in g.strengths.iter().take(AT_A_GLANCE) {
                                li { span.name { (texts.dimension(&s.dimension)) }
                                     span.figure { (m.group_mean()) " " (num(s.mean)) } }
                            }
                        }
                    }
                }
            } @else if let Some(g) = doc.groups.first() {
                p.withheld { (super::labels::withheld_text(g.withheld_reason, doc.min_group, lang)) }
            }
        }
    }
}

fn part_class(kind: PartKind) -> &'static str {
    match kind {
        PartKind::Head => "head",
        PartKind::Group => "group",
        PartKind::Subgroups => "subgroups",
        PartKind::Subjects => "subjects",
        PartKind::Subject => "subject",
        PartKind::Tail => "tail",
    }
}

/// The whole report, titled `title`: the summary, then every part.
pub(super) fn group_page(title: &str, doc: &GroupDoc, texts: &Texts, parts: &[Part], lang: Lang) -> String {
    let head: &[Block] = parts.iter().find(|p| p.kind == PartKind::Head).map_or(&[], |p| p.blocks.as_slice());
    let body = html! {
        article.group-report {
            (summary(doc, texts, head, lang))
            div.report-detail {
                @for p in parts.iter().filter(|p| p.kind != PartKind::Head) {
                    section class=(part_class(p.kind)) { (html_blocks(&p.blocks)) }
                }
            }
        }
    };
    let mut s = document(title, lang, body).into_string();
    s.push('\n');
    s
}

/// One subject's 360 view alone, titled `title`.
pub(super) fn subject_page(title: &str, blocks: &[Block], lang: Lang) -> String {
    let body = html! { article.subject-report { section.subject { (html_blocks(blocks)) } } };
    let mut s = document(title, lang, body).into_string();
    s.push('\n');
    s
}

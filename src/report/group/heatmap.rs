//! The subgroups' means as a heat map, for the HTML report (SPEC §10): a
//! row per subgroup, a column per dimension and the overall score; each
//! cell's colour is its mean's gap to target in the rubric's gap bands, and
//! the number and a mark are written in every cell, with a legend in
//! words, so that colour is never the only signal. A withheld subgroup is a
//! row with its reason and no figure.

use maud::{Markup, html};

use super::labels::{by_label, group_value, withheld_text};
use super::means::{dimension_ids, stats_of, subgroups};
use crate::group::{GroupDoc, Stats, Texts, Unit};
use crate::i18n;
use crate::lang::Lang;
use crate::report::num;
use crate::result::Severity;

/// The class of a cell: its band (the marks of the personal report's
/// severities: ✓ ● ▲ ■).
fn band_class(s: Severity) -> &'static str {
    match s {
        Severity::Met => "heat sev-met",
        Severity::Minor => "heat sev-close",
        Severity::Moderate => "heat sev-grow",
        Severity::Critical => "heat sev-much",
        Severity::Unknown => "heat sev-none",
    }
}

fn cell(s: Option<&Stats>, texts: &Texts, lang: Lang) -> Markup {
    let m = i18n::msg(lang);
    html! {
        @match s {
            Some(s) if s.withheld.is_some() => td.heat.withheld { (m.group_cell_withheld()) },
            Some(Stats { mean: Some(mean), mean_gap, .. }) => {
                @let band = crate::score::severity(*mean_gap, &texts.gap);
                td class=(band_class(band)) title=(i18n::severity(band, lang)) { (num(*mean)) }
            },
            _ => td.heat.sev-none { "—" },
        }
    }
}

/// The heat map, or `None` where the report has no subgroups.
pub(super) fn heat_map(doc: &GroupDoc, texts: &Texts, lang: Lang) -> Option<(String, Markup)> {
    let subs = subgroups(doc);
    let first = subs.first()?;
    let m = i18n::msg(lang);
    let u = i18n::ui(lang);
    let ids = dimension_ids(doc);
    let bands = [Severity::Met, Severity::Minor, Severity::Moderate, Severity::Critical];
    let map = html! {
        div.heatmap {
            div.table-wrap { table.heatmap {
                thead { tr {
                    th.name scope="col" { (by_label(first, lang)) }
                    th.n scope="col" { (m.group_n(doc.unit == Unit::People)) }
                    @for id in &ids { th.n scope="col" { (texts.dimension(id)) } }
                    th.n.overall scope="col" { (u.overall) }
                } }
                tbody {
                    @for g in subs {
                        @if g.withheld {
                            tr.withheld-group {
                                th.name scope="row" { (group_value(g, lang)) }
                                td.withheld colspan=(ids.len() + 2) {
                                    (withheld_text(g.withheld_reason, doc.min_group, lang))
                                }
                            }
                        } @else {
                            tr {
                                th.name scope="row" { (group_value(g, lang)) }
                                td.n { (g.n.map_or_else(|| "—".to_string(), |n| n.to_string())) }
                                @for id in &ids { (cell(stats_of(g, Some(id)), texts, lang)) }
                                (cell(stats_of(g, None), texts, lang))
                            }
                        }
                    }
                }
            } }
            p.heat-legend {
                (m.group_heat_legend())
                @for b in bands { " " span class=(band_class(b)) { (i18n::severity(b, lang)) } }
            }
            p.note { (m.group_heat_note()) }
        }
    };
    Some((m.group_means_heading().to_string(), map))
}

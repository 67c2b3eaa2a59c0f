//! The group report's charts (drawn only in HTML): dimension means against
//! targets, the spread of scores, severities, and self against others.

use maud::Markup;

use crate::group::{DimensionStats, Group, Subject360, Texts};
use crate::i18n;
use crate::lang::Lang;
use crate::report::svg::{self, Axis, RadarNames, Range, Stack};
use crate::result::Severity;

/// A group's charts, each with its caption.
pub(super) fn group_charts(g: &Group, texts: &Texts, lang: Lang) -> Vec<(String, Markup)> {
    let m = i18n::msg(lang);
    let u = i18n::ui(lang);
    let dims: Vec<&DimensionStats> = g.dimensions.iter().filter(|d| d.stats.mean.is_some()).collect();
    let axes: Vec<Axis> = dims
        .iter()
        .map(|d| Axis {
            label: texts.dimension(&d.id).to_string(),
            value: d.stats.mean,
            target: d.stats.mean.zip(d.stats.mean_gap).map_or(0.0, |(m, gap)| m + gap),
            previous: None,
        })
        .collect();
    let radar_title = m.group_chart_means();
    let names = RadarNames { title: radar_title, value: m.group_mean(), target: u.target, previous: "" };
    let ranges_title = m.group_chart_spread();
    let rows: Vec<Range> = dims
        .iter()
        .filter_map(|d| {
            let s = &d.stats;
            Some(Range {
                label: texts.dimension(&d.id).to_string(),
                min: s.min?,
                median: s.median?,
                max: s.max?,
                mean: s.mean?,
                target: s.mean.zip(s.mean_gap).map(|(m, gap)| m + gap),
            })
        })
        .collect();
    let legend = [m.group_chart_min_max(), m.group_median(), m.group_mean(), u.target];
    let stacked_title = m.group_chart_severities();
    let stacks: Vec<Stack> = g
        .dimensions
        .iter()
        .filter_map(|d| {
            let c = d.stats.severity.as_ref()?;
            Some(Stack {
                label: texts.dimension(&d.id).to_string(),
                counts: [c.met, c.minor, c.moderate, c.critical, c.unknown],
            })
        })
        .collect();
    let sev_names = Severity::ALL.map(|s| i18n::severity(s, lang));
    vec![
        (radar_title.to_string(), svg::radar(&axes, &names)),
        (ranges_title.to_string(), svg::ranges(&rows, ranges_title, legend)),
        (stacked_title.to_string(), svg::stacked(&stacks, stacked_title, sev_names)),
    ]
}

/// A subject's own scores against the others', with its caption.
pub(super) fn subject_chart(s: &Subject360, texts: &Texts, lang: Lang) -> (String, Markup) {
    let m = i18n::msg(lang);
    let axes: Vec<Axis> = s
        .dimensions
        .iter()
        .filter(|d| d.self_score.is_some() || d.others.is_some())
        .map(|d| Axis {
            label: texts.dimension(&d.id).to_string(),
            value: d.self_score,
            target: d.others.unwrap_or(0.0),
            previous: None,
        })
        .collect();
    let title = m.group_chart_self_others();
    let names = RadarNames { title, value: m.group_self(), target: m.group_others(), previous: "" };
    (title.to_string(), svg::radar(&axes, &names))
}

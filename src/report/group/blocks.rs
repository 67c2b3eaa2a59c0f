//! The group report's layout, the same in every format for people: a list
//! of blocks (headings, lines, tables, lists, charts) made from the document.

use maud::Markup;

use super::charts::{group_charts, subject_chart};
use super::labels::{
    alpha_word, by_label, flagged_names, group_label, group_value, role_key_name, stat_headings, withheld_text,
};
use crate::group::{
    AlphaLabel, Comparison, Difference, Group, GroupDoc, MIN_ROLE_GROUP, RoleKey, Stats, Subject360, Texts, Unit,
};
use crate::i18n;
use crate::lang::Lang;
use crate::report::table::paren;
use crate::report::{delta, num, opt_num};

/// Priorities shown with their suggestions.
const SUGGESTED: usize = 3;

pub(super) enum Block {
    Heading(u8, String),
    Line(String),
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
        right: Vec<usize>,
    },
    /// A numbered list, each item with its sub-items.
    List(Vec<(String, Vec<String>)>),
    /// Charts, drawn only in HTML (the tables beside them carry the numbers).
    Charts(Vec<(String, Markup)>),
}

/// A part of the report: what HTML puts in a section of its own (its page
/// breaks and layout); the other formats show the parts one after another.
pub(super) struct Part {
    pub kind: PartKind,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum PartKind {
    /// The title and what the report is of.
    Head,
    /// One group: everyone, or a subgroup.
    Group,
    /// The subgroups side by side.
    Subgroups,
    /// The heading of the 360 view.
    Subjects,
    /// One subject's 360 view.
    Subject,
    /// Notes at the end.
    Tail,
}

/// The whole report in parts: everyone, the subgroups compared, the 360 view.
pub(super) fn parts(doc: &GroupDoc, texts: &Texts, lang: Lang) -> Vec<Part> {
    let m = i18n::msg(lang);
    let u = i18n::ui(lang);
    let mut parts = Vec::new();
    let mut b = Vec::new();
    b.push(Block::Heading(1, format!("{} · {} · {}", doc.rubric.title, m.group_report(), m.group_results(doc.n))));
    b.push(Block::Line(format!(
        "{}{}{} {} · {}{}{}",
        u.rubric,
        u.colon,
        doc.rubric.id,
        doc.rubric.version,
        m.group_min_group(),
        u.colon,
        doc.min_group
    )));
    if doc.earlier_left_out > 0 {
        b.push(Block::Line(m.group_earlier_left_out(doc.earlier_left_out)));
    }
    if let Some(n) = doc.excluded_flagged {
        b.push(Block::Line(m.group_excluded_flagged(n)));
    }
    parts.push(Part { kind: PartKind::Head, blocks: b });
    if let Some(everyone) = doc.groups.first() {
        let mut b = Vec::new();
        group_blocks(&mut b, doc, everyone, texts, lang);
        parts.push(Part { kind: PartKind::Group, blocks: b });
    }
    let subgroups = &doc.groups[doc.groups.len().min(1)..];
    if !subgroups.is_empty() {
        let mut b = Vec::new();
        subgroup_blocks(&mut b, doc, subgroups, texts, lang);
        parts.push(Part { kind: PartKind::Subgroups, blocks: b });
    }
    if !doc.subjects.is_empty() {
        let mut b = vec![Block::Heading(2, m.group_360_heading().to_string())];
        if doc.subjects.iter().any(|s| s.subject.starts_with('#')) {
            b.push(Block::Line(m.group_subjects_numbered().to_string()));
        }
        parts.push(Part { kind: PartKind::Subjects, blocks: b });
        for s in &doc.subjects {
            let mut b = vec![Block::Heading(3, s.subject.clone())];
            subject_blocks(&mut b, s, doc.min_group, texts, lang);
            parts.push(Part { kind: PartKind::Subject, blocks: b });
        }
    }
    if texts.no_rubric {
        parts.push(Part { kind: PartKind::Tail, blocks: vec![Block::Line(m.group_no_rubric().to_string())] });
    }
    parts
}

/// One subject's 360 view alone, under its own title.
pub(super) fn subject_report(doc: &GroupDoc, s: &Subject360, texts: &Texts, lang: Lang) -> Vec<Block> {
    let mut b = vec![Block::Heading(1, format!("{} · {}", doc.rubric.title, s.subject))];
    b.push(Block::Line(i18n::msg(lang).group_360_heading().to_string()));
    subject_blocks(&mut b, s, doc.min_group, texts, lang);
    b
}

/// The subgroups side by side: overall, section means and first priority.
fn subgroup_blocks(b: &mut Vec<Block>, doc: &GroupDoc, subgroups: &[Group], texts: &Texts, lang: Lang) {
    let m = i18n::msg(lang);
    let u = i18n::ui(lang);
    b.push(Block::Heading(2, m.group_subgroups().to_string()));
    let mut header =
        vec![by_label(&subgroups[0], lang), m.group_n(doc.unit == Unit::People).to_string(), u.overall.to_string()];
    let sections: Vec<&str> = doc
        .groups
        .iter()
        .find(|g| !g.withheld)
        .map(|g| g.sections.iter().map(|s| s.id.as_str()).collect())
        .unwrap_or_default();
    header.extend(sections.iter().map(|id| texts.section(id).to_string()));
    header.push(m.group_top_priority().to_string());
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    for g in subgroups {
        let mut row = vec![group_value(g, lang)];
        if g.withheld {
            row.push("—".to_string());
            row.push("—".to_string());
            row.extend(sections.iter().map(|_| "—".to_string()));
            row.push("—".to_string());
            notes.push(format!(
                "{}{}{}",
                group_value(g, lang),
                u.colon,
                withheld_text(g.withheld_reason, doc.min_group, lang)
            ));
        } else {
            row.push(g.n.unwrap_or(0).to_string());
            row.push(opt_num(g.overall.as_ref().and_then(|o| o.mean)));
            for id in &sections {
                row.push(opt_num(g.sections.iter().find(|s| &s.id == id).and_then(|s| s.stats.mean)));
            }
            row.push(
                g.priorities
                    .first()
                    .map_or_else(String::new, |p| format!("{} {}", texts.dimension(&p.dimension), num(p.mean_gap))),
            );
        }
        rows.push(row);
    }
    let right = (1..3 + sections.len()).collect();
    b.push(Block::Table { header, rows, right });
    b.extend(notes.into_iter().map(Block::Line));
    // The flags of each shown subgroup, by kind (withheld ones show nothing).
    for g in subgroups.iter().filter(|g| !g.withheld) {
        if let (Some(n), Some(kinds)) = (g.flagged.filter(|n| *n > 0), flagged_kinds(g, lang)) {
            b.push(Block::Line(format!(
                "{}{}{}{}{}",
                group_label(g, lang),
                u.colon,
                m.group_flagged_short(n),
                m.group_respondents_sep(),
                kinds.join(m.group_respondents_sep())
            )));
        }
    }
    for g in subgroups.iter().filter(|g| !g.withheld) {
        if let Some(names) = &g.flagged_respondents
            && !names.is_empty()
        {
            b.push(Block::Line(format!("{}{}{}", group_label(g, lang), u.colon, flagged_names(names, lang))));
        }
    }
}

fn severities(s: &Stats) -> String {
    match &s.severity {
        // No score at all (a self-review dimension in self-ratings): nothing to count.
        Some(c) if s.n > 0 => format!("{}/{}/{}/{}", c.met, c.minor, c.moderate, c.critical),
        Some(_) | None => "—".to_string(),
    }
}

fn stats_cells(s: &Stats) -> Vec<String> {
    vec![
        s.n.to_string(),
        opt_num(s.mean),
        opt_num(s.sd),
        opt_num(s.min),
        opt_num(s.median),
        opt_num(s.max),
        opt_num(s.mean_gap),
        severities(s),
    ]
}

/// Alpha with its label; its respondents only where fewer than the group's.
fn alpha_cell(alpha: Option<f64>, label: Option<AlphaLabel>, n: usize, of: usize, items: bool, lang: Lang) -> String {
    match (alpha, label) {
        // Two decimals as people round them, never "-0.00".
        (Some(a), Some(l)) if n < of => format!("{} {} (n={n})", super::csv::cell(Some(a)), alpha_word(l, lang)),
        (Some(a), Some(l)) => format!("{} {}", super::csv::cell(Some(a)), alpha_word(l, lang)),
        _ if items => "—".to_string(),
        _ => String::new(),
    }
}

/// One group: its statistics, priorities and answering quality.
fn group_blocks(b: &mut Vec<Block>, doc: &GroupDoc, g: &Group, texts: &Texts, lang: Lang) {
    let m = i18n::msg(lang);
    let label = match g.n {
        Some(n) => {
            format!("{}{}", group_label(g, lang), paren(&m.group_count(n, doc.unit == Unit::People), lang))
        }
        None => group_label(g, lang),
    };
    b.push(Block::Heading(2, label));
    if g.withheld {
        b.push(Block::Line(withheld_text(g.withheld_reason, doc.min_group, lang)));
        return;
    }
    b.push(Block::Charts(group_charts(g, texts, lang)));
    b.push(stats_table(g, doc.unit, texts, lang));
    b.push(Block::Line(m.group_stats_note().to_string()));
    if g.dimensions.iter().any(|d| d.sem.is_some()) {
        b.push(Block::Line(m.sem_legend().to_string()));
    }
    let some_withheld = g
        .overall
        .iter()
        .chain(g.sections.iter().map(|s| &s.stats))
        .chain(g.dimensions.iter().map(|d| &d.stats))
        .any(|s| !s.shown());
    if some_withheld {
        b.push(Block::Line(m.group_stat_withheld(doc.min_group)));
    }
    priority_blocks(b, g, texts, lang);
    strength_blocks(b, g, texts, lang);
    quality_blocks(b, g, lang);
    super::items::item_blocks(b, doc, g.items.as_deref(), texts, lang);
}

/// The statistics of the overall score, each section and its dimensions.
fn stats_table(g: &Group, unit: Unit, texts: &Texts, lang: Lang) -> Block {
    let m = i18n::msg(lang);
    let u = i18n::ui(lang);
    let header: Vec<String> = std::iter::once(u.dimension)
        .chain(stat_headings(unit == Unit::People, lang))
        .chain([m.group_severities(), m.group_alpha(), m.sem_column()])
        .map(str::to_string)
        .collect();
    let mut rows = Vec::new();
    if let Some(o) = &g.overall {
        let mut row = vec![u.overall.to_string()];
        row.extend(stats_cells(o));
        row.extend([String::new(), String::new()]);
        rows.push(row);
    }
    for s in &g.sections {
        let mut row = vec![texts.section(&s.id).to_string()];
        row.extend(stats_cells(&s.stats));
        row.extend([String::new(), String::new()]);
        rows.push(row);
        for d in g.dimensions.iter().filter(|d| d.section == s.id) {
            let mut row = vec![format!("  {}", texts.dimension(&d.id))];
            row.extend(stats_cells(&d.stats));
            let items = d.alpha.is_some() || d.alpha_n > 0 || !texts.no_rubric;
            row.push(alpha_cell(d.alpha, d.alpha_label, d.alpha_n, d.stats.n, items, lang));
            row.push(if d.stats.shown() { opt_num(d.sem) } else { String::new() });
            rows.push(row);
        }
    }
    let sem = header.len() - 1;
    Block::Table { header, rows, right: (1..8).chain([sem]).collect() }
}

/// The group's priorities, the first few with their suggestions.
fn priority_blocks(b: &mut Vec<Block>, g: &Group, texts: &Texts, lang: Lang) {
    let m = i18n::msg(lang);
    let u = i18n::ui(lang);
    b.push(Block::Heading(3, u.priorities.to_string()));
    if g.priorities.is_empty() {
        b.push(Block::Line(u.no_priorities.to_string()));
        return;
    }
    let items = g
        .priorities
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let head =
                format!("{}{}{} {}", texts.dimension(&p.dimension), u.colon, m.group_mean_gap(), num(p.mean_gap));
            let subs = if i < SUGGESTED {
                texts.suggestions.get(&p.dimension).cloned().unwrap_or_default()
            } else {
                Vec::new()
            };
            (head, subs)
        })
        .collect();
    b.push(Block::List(items));
}

/// The group's strengths: the dimensions at or above target, highest mean first.
fn strength_blocks(b: &mut Vec<Block>, g: &Group, texts: &Texts, lang: Lang) {
    let m = i18n::msg(lang);
    let u = i18n::ui(lang);
    b.push(Block::Heading(3, u.strengths.to_string()));
    if g.strengths.is_empty() {
        b.push(Block::Line(u.no_strengths.to_string()));
        return;
    }
    let items = g
        .strengths
        .iter()
        .map(|s| {
            (format!("{}{}{} {}", texts.dimension(&s.dimension), u.colon, m.group_mean(), num(s.mean)), Vec::new())
        })
        .collect();
    b.push(Block::List(items));
}

/// How many results carry answering-quality flags, and whose with `--named`.
fn quality_blocks(b: &mut Vec<Block>, g: &Group, lang: Lang) {
    let m = i18n::msg(lang);
    b.push(Block::Heading(3, i18n::ui(lang).quality.to_string()));
    match (g.flagged, &g.flagged_respondents) {
        (Some(0) | None, _) => b.push(Block::Line(m.group_flagged_none().to_string())),
        (Some(n), names) => {
            b.push(Block::Line(m.group_flagged(n)));
            if let Some(kinds) = flagged_kinds(g, lang) {
                b.push(Block::Line(kinds.join(m.group_respondents_sep())));
            }
            if let Some(names) = names {
                b.push(Block::Line(flagged_names(names, lang)));
            }
        }
    }
}

/// The flagged results counted by kind (those with any), in the personal
/// report's words; None where there are none to show.
fn flagged_kinds(g: &Group, lang: Lang) -> Option<Vec<String>> {
    let by = g.flagged_by.as_ref()?;
    let m = i18n::msg(lang);
    let kinds: Vec<String> = crate::result::QUALITY_FLAGS
        .iter()
        .filter_map(|f| by.get(*f).filter(|n| **n > 0).map(|n| m.group_flagged_kind(i18n::flag(f, lang), *n)))
        .collect();
    (!kinds.is_empty()).then_some(kinds)
}

fn comparison_row(c: &Comparison, label: String, roles: &[RoleKey]) -> Vec<String> {
    let others = match c.others {
        Some(o) => format!("{} (n={})", num(o), c.others_n),
        None => "—".to_string(),
    };
    let diff = c.difference.map_or_else(|| "—".to_string(), delta);
    let mut row = vec![label, opt_num(c.self_score), others, diff];
    for r in roles {
        row.push(match c.by_role.iter().find(|m| m.role == *r) {
            Some(m) if !m.withheld => opt_num(m.mean),
            _ => "—".to_string(),
        });
    }
    row
}

/// One subject's 360 view: self against others, per role, and the
/// differences that stand out.
fn subject_blocks(b: &mut Vec<Block>, s: &Subject360, min_group: usize, texts: &Texts, lang: Lang) {
    let m = i18n::msg(lang);
    let u = i18n::ui(lang);
    let roles: Vec<RoleKey> = s.overall.by_role.iter().map(|m| m.role).collect();
    let mut header = vec![
        u.dimension.to_string(),
        m.group_self().to_string(),
        m.group_others().to_string(),
        m.group_difference().to_string(),
    ];
    for r in &s.overall.by_role {
        header.push(format!("{} (n={})", role_key_name(r.role, lang), r.n));
    }
    let mut rows = vec![comparison_row(&s.overall, u.overall.to_string(), &roles)];
    for sec in &s.sections {
        rows.push(comparison_row(sec, texts.section(&sec.id).to_string(), &roles));
        for d in s.dimensions.iter().filter(|d| d.section.as_deref() == Some(sec.id.as_str())) {
            rows.push(comparison_row(d, format!("  {}", texts.dimension(&d.id)), &roles));
        }
    }
    let right = (1..4 + roles.len()).collect();
    b.push(Block::Charts(vec![subject_chart(s, texts, lang)]));
    b.push(Block::Table { header, rows, right });
    let floor = MIN_ROLE_GROUP.min(min_group);
    let hidden: Vec<String> =
        s.overall.by_role.iter().filter(|m| m.withheld).map(|m| role_key_name(m.role, lang).to_string()).collect();
    if !hidden.is_empty() {
        b.push(Block::Line(m.group_roles_withheld(&hidden.join(u.list_sep), floor)));
    }
    if let Some(p) = s.overall.by_role.iter().find(|r| r.role == RoleKey::Pooled) {
        let roles: Vec<&str> = p.roles.iter().map(|r| i18n::role(*r, lang)).collect();
        b.push(Block::Line(m.group_pooled_note(&roles.join(u.list_sep), floor)));
    }
    if !s.left_out.is_empty() {
        let list: Vec<String> = s
            .left_out
            .iter()
            .map(|(role, n)| {
                let name = crate::result::Role::parse(role).map_or(role.as_str(), |r| i18n::role(r, lang));
                m.group_left_out_role(name, *n)
            })
            .collect();
        b.push(Block::Line(m.group_left_out(&list.join(u.list_sep), floor)));
    }
    let list = |ds: &[Difference]| -> String {
        if ds.is_empty() {
            return m.group_none().to_string();
        }
        ds.iter()
            .map(|d| format!("{} {}", texts.dimension(&d.dimension), delta(d.difference)))
            .collect::<Vec<_>>()
            .join(u.list_sep)
    };
    b.push(Block::Line(format!("{}{}{}", m.group_blind_spots(), u.colon, list(&s.blind_spots))));
    b.push(Block::Line(format!("{}{}{}", m.group_hidden_strengths(), u.colon, list(&s.hidden_strengths))));
}

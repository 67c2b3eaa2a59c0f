//! The group report (`zhixing group`): pure rendering of a
//! [`GroupDoc`](crate::group::GroupDoc) as a terminal table, Markdown, CSV
//! or JSON. Table and Markdown share one layout (a list of blocks), so they
//! show the same things.

use comfy_table::{CellAlignment, ContentArrangement, Table, presets};

use maud::{Markup, html};

use super::svg::{self, Axis, RadarNames, Range, Stack};
use super::{Format, Style, csv_cell, md_escape, num, opt_num};
use crate::group::{AlphaLabel, Comparison, Group, GroupDoc, Stats, Subject360, Texts, Withheld};
use crate::i18n;
use crate::lang::Lang;
use crate::result::{Role, Severity};
use crate::width::wrap;

/// Priorities shown with their suggestions.
const SUGGESTED: usize = 3;

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
            let title = format!("{} · {}", doc.rubric.title, words(style.lang).report);
            html_document(&title, &blocks(doc, texts, style.lang), style.lang)
        }
        _ => text(&blocks(doc, texts, style.lang), style),
    }
}

/// One subject's 360 view alone (for the trainer's pack), as a table or Markdown.
pub fn render_subject(doc: &GroupDoc, s: &Subject360, texts: &Texts, format: Format, style: &Style) -> String {
    let lang = style.lang;
    let mut b = vec![Block::Heading(1, format!("{} · {}", doc.rubric.title, s.subject))];
    b.push(Block::Line(lang.pick("本人与他人评价的对比（360 度）", "Self against others (360°)").to_string()));
    subject_blocks(&mut b, s, texts, lang, false);
    match format {
        Format::Markdown => markdown(&b),
        Format::Html => html_document(&format!("{} · {}", doc.rubric.title, s.subject), &b, lang),
        _ => text(&b, style),
    }
}

/// Interface words of the group report.
struct Words {
    report: &'static str,
    everyone: &'static str,
    respondents: &'static str,
    n: &'static str,
    mean: &'static str,
    sd: &'static str,
    min: &'static str,
    median: &'static str,
    max: &'static str,
    mean_gap: &'static str,
    severities: &'static str,
    alpha: &'static str,
    none_value: &'static str,
    flagged_none: &'static str,
    self_: &'static str,
    others: &'static str,
    difference: &'static str,
    blind_spots: &'static str,
    hidden_strengths: &'static str,
    none: &'static str,
    group: &'static str,
    top_priority: &'static str,
    subgroups: &'static str,
    min_group: &'static str,
    no_rubric: &'static str,
    subjects_numbered: &'static str,
}

const ZH: Words = Words {
    report: "团体报告",
    everyone: "全体",
    respondents: "份结果",
    n: "人数",
    mean: "均值",
    sd: "标准差",
    min: "最低",
    median: "中位数",
    max: "最高",
    mean_gap: "平均差距",
    severities: "程度分布",
    alpha: "信度 α",
    none_value: "（未填）",
    flagged_none: "没有结果带有作答质量提示。",
    self_: "本人",
    others: "他人",
    difference: "差值",
    blind_spots: "盲点（自评高于他人）",
    hidden_strengths: "隐藏的优势（自评低于他人）",
    none: "无",
    group: "分组",
    top_priority: "首要改进",
    subgroups: "分组比较",
    min_group: "最少人数",
    no_rubric: "未找到结果所用的量表，无法计算信度 α；请用 --rubric 指定量表文件。",
    subjects_numbered: "被评价人以编号代替姓名；加 --named 显示姓名。",
};

const EN: Words = Words {
    report: "group report",
    everyone: "Everyone",
    respondents: "result(s)",
    n: "n",
    mean: "Mean",
    sd: "SD",
    min: "Min",
    median: "Median",
    max: "Max",
    mean_gap: "Mean gap",
    severities: "Severities",
    alpha: "Alpha",
    none_value: "(none)",
    flagged_none: "No result carries answering-quality flags.",
    self_: "Self",
    others: "Others",
    difference: "Difference",
    blind_spots: "Blind spots (self higher than others)",
    hidden_strengths: "Hidden strengths (self lower than others)",
    none: "none",
    group: "Group",
    top_priority: "First priority",
    subgroups: "Groups compared",
    min_group: "minimum group",
    no_rubric: "The rubric of these results was not found, so alpha is not computed: name the rubric file with --rubric.",
    subjects_numbered: "Subjects are numbered instead of named; --named shows their names.",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

fn alpha_word(l: AlphaLabel, lang: Lang) -> &'static str {
    match (l, lang) {
        (AlphaLabel::Excellent, Lang::Zh) => "优秀",
        (AlphaLabel::Good, Lang::Zh) => "良好",
        (AlphaLabel::Acceptable, Lang::Zh) => "可接受",
        (AlphaLabel::Questionable, Lang::Zh) => "存疑",
        (AlphaLabel::Poor, Lang::Zh) => "较差",
        (AlphaLabel::Unacceptable, Lang::Zh) => "不可接受",
        (l, Lang::En) => l.code(),
    }
}

/// Why a group is not shown, for people.
pub fn withheld_text(reason: Option<Withheld>, min_group: usize, lang: Lang) -> String {
    match (reason, lang) {
        (Some(Withheld::Complementary), Lang::Zh) => "为免推算出人数较少的分组，一并不显示".to_string(),
        (Some(Withheld::Complementary), Lang::En) => {
            "not shown, so that a smaller group cannot be worked out from it".to_string()
        }
        (_, Lang::Zh) => format!("少于 {min_group} 人，不显示"),
        (_, Lang::En) => format!("fewer than {min_group} respondents: not shown"),
    }
}

fn paren(text: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("（{text}）"),
        Lang::En => format!(" ({text})"),
    }
}

/// What a group is grouped by, for people: "Department".
fn by_label(g: &Group, lang: Lang) -> String {
    let u = i18n::ui(lang);
    match g.key.as_ref().and_then(|k| k.keys().next()).map(String::as_str) {
        Some("department") => u.department.to_string(),
        Some("role") => u.rater.to_string(),
        Some("session") => u.session.to_string(),
        Some(other) => other.to_string(),
        None => words(lang).group.to_string(),
    }
}

/// The value of a group's key: "秘书处"; everyone for the whole group.
fn group_value(g: &Group, lang: Lang) -> String {
    let w = words(lang);
    let Some((by, value)) = g.key.as_ref().and_then(|k| k.iter().next()) else {
        return w.everyone.to_string();
    };
    match value {
        None => w.none_value.to_string(),
        Some(v) if by == "role" => Role::parse(v).map_or(v.clone(), |r| i18n::role(r, lang).to_string()),
        Some(v) => v.clone(),
    }
}

/// The label of a group: everyone, or "Department: 秘书处".
pub fn group_label(g: &Group, lang: Lang) -> String {
    if g.key.is_none() {
        return words(lang).everyone.to_string();
    }
    format!("{}{}{}", by_label(g, lang), i18n::ui(lang).colon, group_value(g, lang))
}

enum Block {
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

fn severities(s: &Stats) -> String {
    let c = &s.severity;
    format!("{}/{}/{}/{}", c.met, c.minor, c.moderate, c.critical)
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
        (Some(a), Some(l)) if n < of => format!("{a:.2} {} (n={n})", alpha_word(l, lang)),
        (Some(a), Some(l)) => format!("{a:.2} {}", alpha_word(l, lang)),
        _ if items => "—".to_string(),
        _ => String::new(),
    }
}

fn blocks(doc: &GroupDoc, texts: &Texts, lang: Lang) -> Vec<Block> {
    let w = words(lang);
    let u = i18n::ui(lang);
    let mut b = Vec::new();
    b.push(Block::Heading(1, format!("{} · {} · {} {}", doc.rubric.title, w.report, doc.n, w.respondents)));
    b.push(Block::Line(format!(
        "{}{}{} {} · {}{}{}",
        u.rubric, u.colon, doc.rubric.id, doc.rubric.version, w.min_group, u.colon, doc.min_group
    )));
    if let Some(everyone) = doc.groups.first() {
        group_blocks(&mut b, doc, everyone, texts, lang);
    }
    let subgroups = &doc.groups[doc.groups.len().min(1)..];
    if !subgroups.is_empty() {
        b.push(Block::Heading(2, w.subgroups.to_string()));
        let mut header = vec![by_label(&subgroups[0], lang), w.n.to_string(), u.overall.to_string()];
        let sections: Vec<&str> = doc
            .groups
            .iter()
            .find(|g| !g.withheld)
            .map(|g| g.sections.iter().map(|s| s.id.as_str()).collect())
            .unwrap_or_default();
        header.extend(sections.iter().map(|id| texts.section(id).to_string()));
        header.push(w.top_priority.to_string());
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
        for g in subgroups.iter().filter(|g| !g.withheld) {
            if let Some(names) = &g.flagged_respondents
                && !names.is_empty()
            {
                b.push(Block::Line(format!("{}{}{}", group_label(g, lang), u.colon, flagged_names(names, lang))));
            }
        }
    }
    if !doc.subjects.is_empty() {
        b.push(Block::Heading(
            2,
            lang.pick("本人与他人评价的对比（360 度）", "Self against others (360°)").to_string(),
        ));
        if doc.subjects.iter().any(|s| s.subject.starts_with('#')) {
            b.push(Block::Line(w.subjects_numbered.to_string()));
        }
        for s in &doc.subjects {
            b.push(Block::Heading(3, s.subject.clone()));
            subject_blocks(&mut b, s, texts, lang, true);
        }
    }
    if texts.no_rubric {
        b.push(Block::Line(w.no_rubric.to_string()));
    }
    b
}

fn flagged_names(names: &[crate::group::Flagged], lang: Lang) -> String {
    let u = i18n::ui(lang);
    names
        .iter()
        .map(|f| {
            let flags: Vec<&str> = f.flags.iter().map(|x| i18n::flag(x, lang)).filter(|x| !x.is_empty()).collect();
            let who = if f.rater_role == Role::SelfRating {
                f.subject.clone()
            } else {
                match lang {
                    Lang::Zh => format!("{}（{}评）", f.subject, i18n::role(f.rater_role, lang)),
                    Lang::En => format!("{} (rated by a {})", f.subject, i18n::role(f.rater_role, lang)),
                }
            };
            format!("{who}{}{}", u.colon, flags.join(u.list_sep))
        })
        .collect::<Vec<_>>()
        .join(lang.pick("；", "; "))
}

fn group_blocks(b: &mut Vec<Block>, doc: &GroupDoc, g: &Group, texts: &Texts, lang: Lang) {
    let w = words(lang);
    let u = i18n::ui(lang);
    let label = match g.n {
        Some(n) => format!("{}{}", group_label(g, lang), paren(&format!("{} {n}", w.n), lang)),
        None => group_label(g, lang),
    };
    b.push(Block::Heading(2, label));
    if g.withheld {
        b.push(Block::Line(withheld_text(g.withheld_reason, doc.min_group, lang)));
        return;
    }
    b.push(Block::Charts(group_charts(g, texts, lang)));
    let header: Vec<String> =
        [u.dimension, w.n, w.mean, w.sd, w.min, w.median, w.max, w.mean_gap, w.severities, w.alpha]
            .iter()
            .map(|s| s.to_string())
            .collect();
    let mut rows = Vec::new();
    if let Some(o) = &g.overall {
        let mut row = vec![u.overall.to_string()];
        row.extend(stats_cells(o));
        row.push(String::new());
        rows.push(row);
    }
    for s in &g.sections {
        let mut row = vec![texts.section(&s.id).to_string()];
        row.extend(stats_cells(&s.stats));
        row.push(String::new());
        rows.push(row);
        for d in g.dimensions.iter().filter(|d| d.section == s.id) {
            let mut row = vec![format!("  {}", texts.dimension(&d.id))];
            row.extend(stats_cells(&d.stats));
            let items = d.alpha.is_some() || d.alpha_n > 0 || !texts.no_rubric;
            row.push(alpha_cell(d.alpha, d.alpha_label, d.alpha_n, d.stats.n, items, lang));
            rows.push(row);
        }
    }
    b.push(Block::Table { header, rows, right: (1..8).collect() });
    b.push(Block::Line(match lang {
        Lang::Zh => "平均差距 = 目标 − 得分 的平均；程度分布为达标/轻度/中度/严重各有几人；α 为各维度条目的内部一致性信度（Cronbach's α），括号内为完整作答的人数。"
            .to_string(),
        Lang::En => "mean gap = the mean of target − score; severities count results met/minor/moderate/critical; alpha is each dimension's internal consistency (Cronbach's alpha), over the n in brackets where not everyone answered every item.".to_string(),
    }));

    b.push(Block::Heading(3, u.priorities.to_string()));
    if g.priorities.is_empty() {
        b.push(Block::Line(u.no_priorities.to_string()));
    } else {
        let items = g
            .priorities
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let head = format!("{}{}{} {}", texts.dimension(&p.dimension), u.colon, w.mean_gap, num(p.mean_gap));
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

    b.push(Block::Heading(3, u.quality.to_string()));
    match (g.flagged, &g.flagged_respondents) {
        (Some(0) | None, _) => b.push(Block::Line(w.flagged_none.to_string())),
        (Some(n), names) => {
            b.push(Block::Line(match lang {
                Lang::Zh => format!("{n} 份结果带有作答质量提示（如八成以上条目同一分值、前后矛盾或作答过快）。"),
                Lang::En => format!(
                    "{n} result(s) carry answering-quality flags (the same value for most items, contradictory answers, or answering very fast)."
                ),
            }));
            match names {
                Some(names) => b.push(Block::Line(flagged_names(names, lang))),
                None => {
                    b.push(Block::Line(lang.pick("加 --named 可显示是谁。", "--named shows who they are.").to_string()))
                }
            }
        }
    }
}

fn comparison_row(c: &Comparison, label: String, roles: &[Role]) -> Vec<String> {
    let others = match c.others {
        Some(o) => format!("{} (n={})", num(o), c.others_n),
        None => "—".to_string(),
    };
    let diff = c.difference.map_or_else(|| "—".to_string(), super::delta);
    let mut row = vec![label, opt_num(c.self_score), others, diff];
    for r in roles {
        row.push(match c.by_role.iter().find(|m| m.role == *r) {
            Some(m) if !m.withheld => opt_num(m.mean),
            _ => "—".to_string(),
        });
    }
    row
}

fn subject_blocks(b: &mut Vec<Block>, s: &Subject360, texts: &Texts, lang: Lang, _in_group: bool) {
    let w = words(lang);
    let u = i18n::ui(lang);
    let roles: Vec<Role> = s.overall.by_role.iter().map(|m| m.role).collect();
    let mut header = vec![u.dimension.to_string(), w.self_.to_string(), w.others.to_string(), w.difference.to_string()];
    for m in &s.overall.by_role {
        header.push(format!("{} (n={})", i18n::role(m.role, lang), m.n));
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
    let hidden: Vec<String> =
        s.overall.by_role.iter().filter(|m| m.withheld).map(|m| i18n::role(m.role, lang).to_string()).collect();
    if !hidden.is_empty() {
        b.push(Block::Line(match lang {
            Lang::Zh => format!("{}：少于 {} 人，不单独显示。", hidden.join(u.list_sep), crate::group::MIN_ROLE_GROUP),
            Lang::En => format!(
                "{}: fewer than {} respondents, not shown on their own.",
                hidden.join(u.list_sep),
                crate::group::MIN_ROLE_GROUP
            ),
        }));
    }
    let list = |ds: &[crate::group::Difference]| -> String {
        if ds.is_empty() {
            return w.none.to_string();
        }
        ds.iter()
            .map(|d| format!("{} {}", texts.dimension(&d.dimension), super::delta(d.difference)))
            .collect::<Vec<_>>()
            .join(u.list_sep)
    };
    b.push(Block::Line(format!("{}{}{}", w.blind_spots, u.colon, list(&s.blind_spots))));
    b.push(Block::Line(format!("{}{}{}", w.hidden_strengths, u.colon, list(&s.hidden_strengths))));
}

// ---------------------------------------------------------------------------
// Table and Markdown from blocks.

fn bold(text: &str, style: &Style) -> String {
    if style.color { format!("\x1b[1m{text}\x1b[0m") } else { text.to_string() }
}

fn text(blocks: &[Block], style: &Style) -> String {
    let width = usize::from(style.width).clamp(20, 100);
    let mut o = String::new();
    for (i, blk) in blocks.iter().enumerate() {
        match blk {
            Block::Heading(_, t) => {
                if i > 0 {
                    o.push('\n');
                }
                o.push_str(&bold(t, style));
                o.push('\n');
            }
            Block::Line(t) => {
                for l in wrap(t, width) {
                    o.push_str(&l);
                    o.push('\n');
                }
            }
            Block::Table { header, rows, right } => {
                let mut t = Table::new();
                t.load_style(if style.ascii {
                    presets::ASCII_FULL_CONDENSED
                } else {
                    presets::UTF8_FULL_CONDENSED.with_rounded_corners()
                });
                t.force_no_tty().set_content_arrangement(ContentArrangement::Dynamic).set_width(style.width);
                t.set_header(header.clone());
                for r in rows {
                    t.add_row(r.clone());
                }
                for &c in right {
                    if let Some(col) = t.column_mut(c) {
                        col.set_cell_alignment(CellAlignment::Right);
                    }
                }
                o.push_str(&t.to_string());
                o.push('\n');
            }
            Block::Charts(_) => {}
            Block::List(items) => {
                for (k, (head, subs)) in items.iter().enumerate() {
                    o.push_str(&format!("{:>2}. {head}\n", k + 1));
                    for s in subs {
                        let bullet = if style.ascii { "- " } else { "· " };
                        for (j, l) in wrap(s, width.saturating_sub(6)).iter().enumerate() {
                            o.push_str(if j == 0 { "    " } else { "      " });
                            if j == 0 {
                                o.push_str(bullet);
                            }
                            o.push_str(l);
                            o.push('\n');
                        }
                    }
                }
            }
        }
    }
    o
}

fn markdown(blocks: &[Block]) -> String {
    let mut o = String::new();
    for blk in blocks {
        match blk {
            Block::Heading(level, t) => {
                if !o.is_empty() && !o.ends_with("\n\n") {
                    o.push('\n');
                }
                o.push_str(&format!("{} {}\n\n", "#".repeat(usize::from(*level)), md_escape(t)));
            }
            Block::Line(t) => o.push_str(&format!("{}\n\n", md_escape(t))),
            Block::Table { header, rows, right } => {
                o.push('|');
                for h in header {
                    o.push_str(&format!(" {} |", md_escape(h.trim())));
                }
                o.push_str("\n|");
                for i in 0..header.len() {
                    o.push_str(if right.contains(&i) { "---:|" } else { "---|" });
                }
                o.push('\n');
                for r in rows {
                    o.push('|');
                    for (i, c) in r.iter().enumerate() {
                        let indented = i == 0 && c.starts_with("  ");
                        let c = md_escape(c.trim());
                        o.push_str(&if indented { format!(" \u{3000}{c} |") } else { format!(" {c} |") });
                    }
                    o.push('\n');
                }
                o.push('\n');
            }
            Block::Charts(_) => {}
            Block::List(items) => {
                for (k, (head, subs)) in items.iter().enumerate() {
                    o.push_str(&format!("{}. {}\n", k + 1, md_escape(head)));
                    for s in subs {
                        o.push_str(&format!("   - {}\n", md_escape(s)));
                    }
                }
                o.push('\n');
            }
        }
    }
    while o.ends_with("\n\n") {
        o.pop();
    }
    o
}

// ---------------------------------------------------------------------------
// HTML from blocks, with the charts.

fn group_charts(g: &Group, texts: &Texts, lang: Lang) -> Vec<(String, Markup)> {
    let w = words(lang);
    let u = i18n::ui(lang);
    let dims: Vec<&crate::group::DimensionStats> = g.dimensions.iter().filter(|d| d.stats.mean.is_some()).collect();
    let axes: Vec<Axis> = dims
        .iter()
        .map(|d| Axis {
            label: texts.dimension(&d.id).to_string(),
            value: d.stats.mean,
            target: d.stats.mean.zip(d.stats.mean_gap).map_or(0.0, |(m, gap)| m + gap),
            previous: None,
        })
        .collect();
    let radar_title = lang.pick("各维度均值与目标", "Dimension means against targets");
    let names = RadarNames { title: radar_title, value: w.mean, target: u.target, previous: "" };
    let ranges_title = lang.pick("各维度得分的分布", "Spread of each dimension's scores");
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
            })
        })
        .collect();
    let legend = [lang.pick("最低–最高", "min–max"), w.median, w.mean];
    let stacked_title = lang.pick("各维度的程度分布（人数）", "Severities per dimension (results)");
    let stacks: Vec<Stack> = g
        .dimensions
        .iter()
        .map(|d| {
            let c = &d.stats.severity;
            Stack {
                label: texts.dimension(&d.id).to_string(),
                counts: [c.met, c.minor, c.moderate, c.critical, c.unknown],
            }
        })
        .collect();
    let sev_names = Severity::ALL.map(|s| i18n::severity(s, lang));
    vec![
        (radar_title.to_string(), svg::radar(&axes, &names)),
        (ranges_title.to_string(), svg::ranges(&rows, ranges_title, legend)),
        (stacked_title.to_string(), svg::stacked(&stacks, stacked_title, sev_names)),
    ]
}

fn subject_chart(s: &Subject360, texts: &Texts, lang: Lang) -> (String, Markup) {
    let w = words(lang);
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
    let title = lang.pick("本人与他人评价", "Self against others");
    let names = RadarNames { title, value: w.self_, target: w.others, previous: "" };
    (title.to_string(), svg::radar(&axes, &names))
}

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

fn html_document(title: &str, blocks: &[Block], lang: Lang) -> String {
    let body = html! { article { (html_blocks(blocks)) } };
    let mut s = super::html::document(title, lang, body).into_string();
    s.push('\n');
    s
}

// ---------------------------------------------------------------------------
// CSV.

fn write_rows(rows: Vec<Vec<String>>) -> String {
    let mut w = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(Vec::new());
    for r in rows {
        let _ = w.write_record(&r);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn cell(v: Option<f64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// One row per group and score: everything a spreadsheet needs.
fn csv_groups(doc: &GroupDoc) -> String {
    let header = [
        "group_by",
        "group",
        "withheld",
        "level",
        "id",
        "section",
        "n",
        "mean",
        "sd",
        "min",
        "median",
        "max",
        "mean_gap",
        "met",
        "minor",
        "moderate",
        "critical",
        "unknown",
        "alpha",
        "alpha_n",
        "alpha_label",
    ];
    let mut rows = vec![header.iter().map(|h| h.to_string()).collect::<Vec<_>>()];
    for g in &doc.groups {
        let (by, value) = match g.key.as_ref().and_then(|k| k.iter().next()) {
            Some((by, v)) => (by.clone(), csv_cell(v.as_deref().unwrap_or(""))),
            None => (String::new(), String::new()),
        };
        let base = |level: &str, id: &str, section: &str| {
            vec![by.clone(), value.clone(), g.withheld.to_string(), level.into(), csv_cell(id), csv_cell(section)]
        };
        let stats = |s: &Stats| {
            let c = &s.severity;
            vec![
                s.n.to_string(),
                cell(s.mean),
                cell(s.sd),
                cell(s.min),
                cell(s.median),
                cell(s.max),
                cell(s.mean_gap),
                c.met.to_string(),
                c.minor.to_string(),
                c.moderate.to_string(),
                c.critical.to_string(),
                c.unknown.to_string(),
            ]
        };
        if g.withheld {
            let mut r = base("", "", "");
            r.extend(std::iter::repeat_n(String::new(), header.len() - r.len()));
            rows.push(r);
            continue;
        }
        if let Some(o) = &g.overall {
            let mut r = base("overall", "overall", "");
            r.extend(stats(o));
            r.extend([String::new(), String::new(), String::new()]);
            rows.push(r);
        }
        for s in &g.sections {
            let mut r = base("section", &s.id, &s.id);
            r.extend(stats(&s.stats));
            r.extend([String::new(), String::new(), String::new()]);
            rows.push(r);
        }
        for d in &g.dimensions {
            let mut r = base("dimension", &d.id, &d.section);
            r.extend(stats(&d.stats));
            r.push(cell(d.alpha));
            r.push(d.alpha_n.to_string());
            r.push(d.alpha_label.map_or("", AlphaLabel::code).to_string());
            rows.push(r);
        }
    }
    write_rows(rows)
}

/// The 360 view: one row per subject and score.
fn csv_subjects(doc: &GroupDoc) -> String {
    let roles = [Role::Supervisor, Role::Peer, Role::Subordinate, Role::Other];
    let mut header: Vec<String> = ["subject", "level", "id", "section", "self", "others", "others_n", "difference"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    header.extend(roles.iter().map(|r| r.code().to_string()));
    let mut rows = vec![header];
    for s in &doc.subjects {
        let mut push = |level: &str, c: &Comparison| {
            let mut r = vec![
                csv_cell(&s.subject),
                level.to_string(),
                csv_cell(&c.id),
                csv_cell(c.section.as_deref().unwrap_or("")),
                cell(c.self_score),
                cell(c.others),
                c.others_n.to_string(),
                cell(c.difference),
            ];
            for role in roles {
                r.push(
                    c.by_role
                        .iter()
                        .find(|m| m.role == role && !m.withheld)
                        .and_then(|m| m.mean)
                        .map_or_else(String::new, |v| v.to_string()),
                );
            }
            rows.push(r);
        };
        push("overall", &s.overall);
        for c in &s.sections {
            push("section", c);
        }
        for c in &s.dimensions {
            push("dimension", c);
        }
    }
    write_rows(rows)
}

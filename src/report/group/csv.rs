//! The group report as CSV, for a spreadsheet: one row per group and score,
//! or for the 360 view one row per subject and score. Headers, titles and
//! labels are in the interface language; the id column keeps the rubric's
//! ids so that scripts can join; numbers are rounded to two decimals (the
//! JSON keeps full precision).

use super::labels::{alpha_word, by_label, group_value, role_key_name, stat_headings, withheld_text};
use crate::group::{Comparison, GroupDoc, RoleKey, Stats, Texts, Unit, Withheld};
use crate::i18n;
use crate::lang::Lang;
use crate::report::{CsvWriter, csv_cell};
use crate::result::{QUALITY_FLAGS, Role, Severity};

/// The rows as CSV text (the first row the header).
fn write_rows(rows: Vec<Vec<String>>) -> String {
    let mut w = CsvWriter::new(Vec::new(), false);
    let mut out = Vec::new();
    for r in rows {
        let _ = w.row(&mut out, r);
    }
    String::from_utf8(out).unwrap_or_default()
}

/// A number rounded to two decimals, halves away from zero as people round
/// (53.125 is 53.13), "-0.00" shown as "0.00"; empty for none.
pub(super) fn cell(v: Option<f64>) -> String {
    match v {
        Some(v) => {
            let s = format!("{:.2}", (v * 100.0).round() / 100.0);
            if s == "-0.00" { "0.00".to_string() } else { s }
        }
        None => String::new(),
    }
}

/// Texts for a spreadsheet: every one made safe for it.
fn text(s: &str) -> String {
    csv_cell(s)
}

/// One row per group and score: everything a spreadsheet needs.
pub(super) fn csv_groups(doc: &GroupDoc, texts: &Texts, lang: Lang) -> String {
    let m = i18n::msg(lang);
    let u = i18n::ui(lang);
    let mut header: Vec<String> = [
        m.group_csv_by(),
        m.group_group(),
        m.group_csv_withheld(),
        m.group_csv_level(),
        m.group_csv_id(),
        m.group_csv_title(),
        u.section,
    ]
    .into_iter()
    .chain(stat_headings(doc.unit == Unit::People, lang))
    .map(text)
    .collect();
    header.extend(Severity::ALL.iter().map(|s| text(i18n::severity(*s, lang))));
    header.extend(
        [
            m.group_alpha(),
            m.group_csv_alpha_n(),
            m.group_csv_alpha_label(),
            m.sem_heading(),
            m.group_csv_reason(),
            m.group_csv_strength_rank(),
        ]
        .map(text),
    );
    let before_flags = header.len();
    // The quality flags, counted on each group's overall row (SPEC §10).
    header.push(text(m.group_csv_flagged()));
    header.extend(QUALITY_FLAGS.iter().map(|f| text(&m.group_csv_flagged_kind(i18n::flag(f, lang)))));
    if doc.excluded_flagged.is_some() {
        header.push(text(m.group_csv_excluded_flagged()));
    }
    let columns = header.len();
    let flag_columns = columns - before_flags;
    let yes_no = |b: bool| if b { m.group_csv_yes() } else { m.group_csv_no() }.to_string();
    let mut rows = vec![header];
    for g in &doc.groups {
        let (by, value) = match &g.key {
            Some(_) => (text(&by_label(g, lang)), text(&group_value(g, lang))),
            None => (String::new(), text(m.group_everyone())),
        };
        let base = |level: &str, id: &str, title: &str, section: &str, stat: Option<Withheld>| {
            let withheld = g.withheld || stat.is_some();
            vec![by.clone(), value.clone(), yes_no(withheld), text(level), text(id), text(title), text(section)]
        };
        let reason = |stat: Option<Withheld>| {
            g.withheld_reason.or(stat).map_or(String::new(), |r| text(&withheld_text(Some(r), doc.min_group, lang)))
        };
        let stats = |s: &Stats| {
            let count = |f: fn(&crate::group::SeverityCounts) -> usize| {
                s.severity.as_ref().map_or(String::new(), |c| f(c).to_string())
            };
            vec![
                s.n.to_string(),
                cell(s.mean),
                cell(s.sd),
                cell(s.min),
                cell(s.median),
                cell(s.max),
                cell(s.mean_gap),
                count(|c| c.met),
                count(|c| c.minor),
                count(|c| c.moderate),
                count(|c| c.critical),
                count(|c| c.unknown),
            ]
        };
        let no_flags = || std::iter::repeat_n(String::new(), flag_columns);
        if g.withheld {
            let mut r = base("", "", "", "", None);
            r.extend(std::iter::repeat_n(String::new(), before_flags - 2 - r.len()));
            r.push(reason(None));
            r.push(String::new());
            r.extend(no_flags());
            rows.push(r);
            continue;
        }
        if let Some(o) = &g.overall {
            let mut r = base(u.overall, "overall", u.overall, "", o.withheld);
            r.extend(stats(o));
            r.extend([String::new(), String::new(), String::new(), String::new(), reason(o.withheld), String::new()]);
            r.push(g.flagged.map_or(String::new(), |n| n.to_string()));
            r.extend(
                QUALITY_FLAGS
                    .iter()
                    .map(|f| g.flagged_by.as_ref().and_then(|b| b.get(*f)).map_or(String::new(), usize::to_string)),
            );
            if let Some(n) = doc.excluded_flagged {
                r.push(if g.key.is_none() { n.to_string() } else { String::new() });
            }
            rows.push(r);
        }
        for s in &g.sections {
            let title = texts.section(&s.id);
            let mut r = base(u.section, &s.id, title, title, s.stats.withheld);
            r.extend(stats(&s.stats));
            r.extend([
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                reason(s.stats.withheld),
                String::new(),
            ]);
            r.extend(no_flags());
            rows.push(r);
        }
        for d in &g.dimensions {
            let mut r = base(u.dimension, &d.id, texts.dimension(&d.id), texts.section(&d.section), d.stats.withheld);
            r.extend(stats(&d.stats));
            r.push(cell(d.alpha));
            r.push(d.alpha_n.to_string());
            r.push(d.alpha_label.map_or(String::new(), |l| text(alpha_word(l, lang))));
            r.push(cell(d.sem));
            r.push(reason(d.stats.withheld));
            // Where the dimension stands among the group's strengths (SPEC §10).
            r.push(g.strengths.iter().position(|x| x.dimension == d.id).map_or(String::new(), |k| (k + 1).to_string()));
            r.extend(no_flags());
            rows.push(r);
        }
    }
    write_rows(rows)
}

/// The 360 view: one row per subject and score.
pub(super) fn csv_subjects(doc: &GroupDoc, texts: &Texts, lang: Lang) -> String {
    let m = i18n::msg(lang);
    let u = i18n::ui(lang);
    let roles = [RoleKey::Supervisor, RoleKey::Peer, RoleKey::Subordinate, RoleKey::Other, RoleKey::Pooled];
    let mut header: Vec<String> = [
        m.group_csv_subject(),
        m.group_csv_level(),
        m.group_csv_id(),
        m.group_csv_title(),
        u.section,
        m.group_self(),
        m.group_others(),
        m.group_csv_others_n(),
        m.group_difference(),
    ]
    .iter()
    .map(|h| text(h))
    .collect();
    header.extend(roles.iter().map(|r| text(role_key_name(*r, lang))));
    header.push(text(m.group_csv_left_out()));
    let mut rows = vec![header];
    for s in &doc.subjects {
        let left_out = s
            .left_out
            .iter()
            .map(|(role, n)| {
                let name = Role::parse(role).map_or(role.as_str(), |r| i18n::role(r, lang));
                m.group_left_out_role(name, *n)
            })
            .collect::<Vec<_>>()
            .join(u.list_sep);
        let left_out = text(&left_out);
        let mut push = |level: &str, title: &str, section: &str, c: &Comparison| {
            let mut r = vec![
                text(&s.subject),
                text(level),
                text(&c.id),
                text(title),
                text(section),
                cell(c.self_score),
                cell(c.others),
                c.others_n.to_string(),
                cell(c.difference),
            ];
            for role in roles {
                r.push(cell(c.by_role.iter().find(|m| m.role == role && !m.withheld).and_then(|m| m.mean)));
            }
            r.push(left_out.clone());
            rows.push(r);
        };
        push(u.overall, u.overall, "", &s.overall);
        for c in &s.sections {
            let title = texts.section(&c.id);
            push(u.section, title, title, c);
        }
        for c in &s.dimensions {
            push(u.dimension, texts.dimension(&c.id), c.section.as_deref().map_or("", |id| texts.section(id)), c);
        }
    }
    write_rows(rows)
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn numbers_to_two_decimals() {
        assert_eq!(cell(Some(53.125)), "53.13");
        assert_eq!(cell(Some(46.875)), "46.88");
        assert_eq!(cell(Some(15.999965122729844)), "16.00");
        assert_eq!(cell(Some(-0.001)), "0.00");
        assert_eq!(cell(Some(-1.4574898785425099)), "-1.46");
        assert_eq!(cell(Some(75.0)), "75.00");
        assert_eq!(cell(None), "");
    }
}

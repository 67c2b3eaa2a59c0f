//! The group report as CSV: one row per group and score, or for the 360
//! view one row per subject and score.

use crate::group::{AlphaLabel, Comparison, GroupDoc, RoleKey, Stats, Withheld};
use crate::report::csv::num_cell as cell;
use crate::report::{CsvWriter, csv_cell};

/// The rows as CSV text (the first row the header).
fn write_rows(rows: Vec<Vec<String>>) -> String {
    let mut w = CsvWriter::new(Vec::new(), false);
    let mut out = Vec::new();
    for r in rows {
        let _ = w.row(&mut out, r);
    }
    String::from_utf8(out).unwrap_or_default()
}

/// One row per group and score: everything a spreadsheet needs.
pub(super) fn csv_groups(doc: &GroupDoc) -> String {
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
        "withheld_reason",
    ];
    let mut rows = vec![header.iter().map(|h| h.to_string()).collect::<Vec<_>>()];
    for g in &doc.groups {
        let (by, value) = match g.key.as_ref().and_then(|k| k.iter().next()) {
            Some((by, v)) => (by.clone(), csv_cell(v.as_deref().unwrap_or(""))),
            None => (String::new(), String::new()),
        };
        let base = |level: &str, id: &str, section: &str, stat: Option<Withheld>| {
            let withheld = g.withheld || stat.is_some();
            vec![by.clone(), value.clone(), withheld.to_string(), level.into(), csv_cell(id), csv_cell(section)]
        };
        let reason = |stat: Option<Withheld>| g.withheld_reason.or(stat).map_or("", Withheld::code).to_string();
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
        if g.withheld {
            let mut r = base("", "", "", None);
            r.extend(std::iter::repeat_n(String::new(), header.len() - 1 - r.len()));
            r.push(reason(None));
            rows.push(r);
            continue;
        }
        if let Some(o) = &g.overall {
            let mut r = base("overall", "overall", "", o.withheld);
            r.extend(stats(o));
            r.extend([String::new(), String::new(), String::new(), reason(o.withheld)]);
            rows.push(r);
        }
        for s in &g.sections {
            let mut r = base("section", &s.id, &s.id, s.stats.withheld);
            r.extend(stats(&s.stats));
            r.extend([String::new(), String::new(), String::new(), reason(s.stats.withheld)]);
            rows.push(r);
        }
        for d in &g.dimensions {
            let mut r = base("dimension", &d.id, &d.section, d.stats.withheld);
            r.extend(stats(&d.stats));
            r.push(cell(d.alpha));
            r.push(d.alpha_n.to_string());
            r.push(d.alpha_label.map_or("", AlphaLabel::code).to_string());
            r.push(reason(d.stats.withheld));
            rows.push(r);
        }
    }
    write_rows(rows)
}

/// The 360 view: one row per subject and score.
pub(super) fn csv_subjects(doc: &GroupDoc) -> String {
    let roles = [RoleKey::Supervisor, RoleKey::Peer, RoleKey::Subordinate, RoleKey::Other, RoleKey::Pooled];
    let mut header: Vec<String> = ["subject", "level", "id", "section", "self", "others", "others_n", "difference"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    header.extend(roles.iter().map(|r| r.code().to_string()));
    header.push("left_out".to_string());
    let mut rows = vec![header];
    for s in &doc.subjects {
        let left_out = s.left_out.iter().map(|(role, n)| format!("{role}:{n}")).collect::<Vec<_>>().join(" ");
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
                r.push(cell(c.by_role.iter().find(|m| m.role == role && !m.withheld).and_then(|m| m.mean)));
            }
            r.push(left_out.clone());
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

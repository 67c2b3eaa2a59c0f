//! The group report as CSV: one row per group and score, or for the 360
//! view one row per subject and score.

use crate::group::{AlphaLabel, Comparison, GroupDoc, Stats};
use crate::report::csv::num_cell as cell;
use crate::report::{CsvWriter, csv_cell};
use crate::result::Role;

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
pub(super) fn csv_subjects(doc: &GroupDoc) -> String {
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
                r.push(cell(c.by_role.iter().find(|m| m.role == role && !m.withheld).and_then(|m| m.mean)));
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

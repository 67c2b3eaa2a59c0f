//! The subgroup × dimension means (table, Markdown, CSV), the heat map and
//! the one-screen summary of the HTML report.

use crate::group::{Builder, By, GroupDoc, Texts, Withheld};
use crate::lang::Lang;
use crate::report::{Format, Style, renderer};
use crate::response::Response;
use crate::result::{Rater, ResultDoc, Role, Subject};
use crate::score::{self, Options};
use crate::testing;

fn person(lang: Lang, name: &str, dept: &str, seed: usize, target: Option<f64>) -> ResultDoc {
    let loaded = testing::core();
    let answers = loaded
        .rubric
        .items()
        .enumerate()
        .map(|(k, (_, _, i))| (i.id.clone(), Some(1 + ((k * 3 + seed * 2 + k / 4 + seed * k / 7) % 5) as i64)))
        .collect();
    let resp = Response {
        subject: Subject { name: name.into(), department: Some(dept.into()), ..Default::default() },
        rater: Rater { role: Role::SelfRating, name: None },
        session: Some("2026秋季班".into()),
        taken_at: Some("2026-11-28T09:30:00+08:00".into()),
        answers,
        seconds: None,
    };
    let opts = Options { lang: lang.code().into(), target, ..Default::default() };
    let mut r = score::score(&loaded, &resp, &opts, format!("01JDX{seed:04}"), "");
    r.rubric.sha256 = "0".repeat(64);
    r
}

/// Twenty people in four departments: 秘书处 and 研究室 (6 each) shown,
/// 办公室 (2) too few, 综合处 (6, the smallest after it) withheld with it;
/// the learning mean of 研究室 withheld on its own (as the builder does
/// where fewer than the floor have the score).
fn class(lang: Lang) -> (GroupDoc, Texts) {
    class_at(lang, None)
}

/// The class, scored against `target` (the rubric's targets without one).
fn class_at(lang: Lang, target: Option<f64>) -> (GroupDoc, Texts) {
    let loaded = testing::core();
    let depts = [("秘书处", 6), ("研究室", 6), ("综合处", 6), ("办公室", 2)];
    let mut people = Vec::new();
    for (d, n) in depts {
        for _ in 0..n {
            let k = people.len();
            people.push(person(lang, &format!("学员{k}"), d, k, target));
        }
    }
    let mut b = Builder::new(&people[0], Some(&loaded.rubric), lang.code(), Some(By::Department), false);
    for p in &people {
        b.add(p);
    }
    let mut doc = b.finish(5, 1);
    let g = doc
        .groups
        .iter_mut()
        .find(|g| g.key.as_ref().is_some_and(|k| k.values().any(|v| v.as_deref() == Some("研究室"))));
    let learning = g.unwrap().dimensions.iter_mut().find(|d| d.id == "learning").unwrap();
    learning.stats.withheld = Some(Withheld::TooFew);
    learning.stats.mean = None;
    (doc, b.texts().clone())
}

fn render(format: Format, lang: Lang, width: u16) -> (GroupDoc, String) {
    let (doc, texts) = class(lang);
    let style = Style { lang, color: false, ascii: false, width, bom: false };
    let out = renderer(format, &style).group(&doc, &texts);
    (doc, out)
}

/// The part of a text report from the means' heading on.
fn means_part(out: &str, heading: &str) -> String {
    let at = out.find(heading).unwrap_or_else(|| panic!("no {heading}:\n{out}"));
    out[at..].to_string()
}

#[test]
fn the_class_is_as_described() {
    let (doc, _) = class(Lang::Zh);
    let shown: Vec<bool> = doc.groups.iter().map(|g| g.withheld).collect();
    // Everyone, then the departments in the report's order.
    assert_eq!(shown.len(), 5);
    assert_eq!(shown.iter().filter(|w| **w).count(), 2, "{shown:?}");
}

#[test]
fn the_means_table_in_the_terminal_has_the_dimensions_as_rows() {
    for (lang, heading) in [(Lang::Zh, "各分组均值"), (Lang::En, "Means by subgroup")] {
        let (doc, out) = render(Format::Table, lang, 80);
        let part = means_part(&out, heading);
        for line in out.lines() {
            assert!(crate::width::width(line) <= 80, "wider than 80: {line}");
        }
        // The shown departments are columns, each with its overall mean.
        let secretariat = doc.groups.iter().find(|g| !g.withheld && g.key.is_some()).unwrap();
        let mean = crate::report::num(secretariat.overall.as_ref().unwrap().mean.unwrap());
        assert!(part.contains(&mean), "{part}");
        assert!(part.contains(if lang == Lang::Zh { "不显示" } else { "withheld" }), "{part}");
        insta::assert_snapshot!(format!("means_table_{lang}"), part);
    }
}

#[test]
fn the_means_table_in_markdown_and_csv_has_a_row_per_subgroup() {
    for (lang, heading) in [(Lang::Zh, "各分组均值"), (Lang::En, "Means by subgroup")] {
        let (_, out) = render(Format::Markdown, lang, 100);
        insta::assert_snapshot!(format!("means_markdown_{lang}"), means_part(&out, heading));
        let (doc, texts) = class(lang);
        let csv = super::means_csv(&doc, &texts, lang, false);
        let rows: Vec<&str> = csv.lines().collect();
        // The header and the four departments, withheld ones with their reason only.
        assert_eq!(rows.len(), 5, "{csv}");
        insta::assert_snapshot!(format!("means_csv_{lang}"), csv);
    }
    let (doc, texts) = class(Lang::Zh);
    let csv = super::means_csv(&doc, &texts, Lang::Zh, false);
    let office = csv.lines().find(|l| l.starts_with("办公室")).unwrap();
    assert!(office.ends_with("少于 5 人，不显示"), "{office}");
    assert!(!office.chars().filter(|c| c.is_ascii_digit()).any(|c| c != '5'), "a figure of a withheld group: {office}");
}

#[test]
fn without_subgroups_there_is_no_means_table() {
    let (mut doc, texts) = class(Lang::Zh);
    doc.groups.truncate(1);
    assert_eq!(super::means_csv(&doc, &texts, Lang::Zh, false), "");
    let style = Style { lang: Lang::Zh, color: false, ascii: false, width: 100, bom: false };
    assert!(!renderer(Format::Table, &style).group(&doc, &texts).contains("各分组均值"));
    assert!(!renderer(Format::Html, &style).group(&doc, &texts).contains("<table class=\"heatmap\""));
}

#[test]
fn the_group_csv_ranks_the_strengths() {
    // Against a target of 50, some dimensions are met.
    let (doc, texts) = class_at(Lang::En, Some(50.0));
    let style = Style { lang: Lang::En, color: false, ascii: false, width: 100, bom: false };
    let out = renderer(Format::Csv, &style).group(&doc, &texts);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header = reader.headers().unwrap().clone();
    let rank = header.iter().position(|h| h == "Strength rank").unwrap_or_else(|| panic!("{header:?}"));
    let everyone = &doc.groups[0];
    assert!(everyone.strengths.len() >= 2, "{:?}", everyone.strengths);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).filter(|r| &r[1] == "Everyone").collect();
    let ranked = rows.iter().filter(|r| !r[rank].is_empty()).count();
    assert_eq!(ranked, everyone.strengths.len(), "{out}");
    for (k, s) in everyone.strengths.iter().enumerate() {
        let row = rows.iter().find(|r| r[4] == s.dimension).unwrap();
        assert_eq!(row[rank], (k + 1).to_string(), "{row:?}");
    }
}

/// The text inside the first `<tag class="…class…">` … `</tag>` after `from`.
fn section_of<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let a = html.find(start).unwrap_or_else(|| panic!("no {start}"));
    let b = a + html[a..].find(end).unwrap_or_else(|| panic!("no {end} after {start}"));
    &html[a..b]
}

#[test]
fn the_html_page_starts_with_the_summary_and_has_a_heat_map_of_the_shown_subgroups() {
    let (doc, html) = render(Format::Html, Lang::Zh, 100);
    let body = &html[html.find("<body").unwrap()..];
    let first = body.find("<section").unwrap();
    assert!(body[first..].starts_with("<section class=\"summary\""), "{}", &body[first..first + 80]);
    let summary = section_of(body, "<section class=\"summary\"", "</section>");
    let everyone = &doc.groups[0];
    let overall = everyone.overall.as_ref().unwrap();
    assert!(summary.contains("执行力自评"), "the rubric's title");
    assert!(summary.contains("人数 20"), "{summary}");
    assert!(summary.contains(&crate::report::num(overall.mean.unwrap())), "{summary}");
    assert!(summary.contains(crate::i18n::severity(crate::result::Severity::Critical, Lang::Zh)), "{summary}");
    for p in everyone.priorities.iter().take(3) {
        assert!(summary.contains(&crate::report::num(p.mean_gap)), "{summary}");
    }
    assert!(summary.contains("信度："), "{summary}");
    assert!(summary.contains("最低："), "{summary}");
    assert!(summary.contains("带作答质量提示") == everyone.flagged.is_some_and(|n| n > 0), "{summary}");
    // The heat map: every shown subgroup a row with its figures, the
    // withheld ones their reason and no figure.
    let map = section_of(body, "<table class=\"heatmap\"", "</table>");
    for g in &doc.groups[1..] {
        let name = crate::report::group::group_label(g, Lang::Zh);
        let name = name.rsplit('：').next().unwrap();
        let row = section_of(map, &format!("<th class=\"name\" scope=\"row\">{name}</th>"), "</tr>");
        if g.withheld {
            assert!(row.contains("不显示"), "{row}");
            assert!(!row.contains("<td class=\"heat"), "a figure of withheld {name}: {row}");
            assert!(!row.contains(&format!(">{}<", g.n.unwrap_or(0))), "{row}");
        } else {
            let mean = crate::report::num(g.overall.as_ref().unwrap().mean.unwrap());
            assert!(row.contains(&format!(">{mean}<")), "{name} {mean}: {row}");
            assert!(row.contains("class=\"heat sev-"), "{row}");
        }
    }
    assert!(map.contains("<td class=\"heat withheld\">不显示</td>"), "the withheld learning mean: {map}");
    assert!(body.contains("class=\"heat-legend\""));
}

#[test]
fn nothing_a_trainer_projects_carries_a_command_line_hint() {
    for lang in [Lang::Zh, Lang::En] {
        let (_, html) = render(Format::Html, lang, 100);
        let body = &html[html.find("<body").unwrap()..];
        // The footer names the program and its version; no command is named.
        for command in ["score", "group", "report", "results", "compare", "norms", "assess", "serve"] {
            assert!(!body.contains(&format!("zhixing {command}")), "{lang:?} {command}");
        }
        assert!(!body.contains(" --"), "{lang:?}");
        assert!(!body.contains("（--") && !body.contains("(--"), "{lang:?}");
    }
}

#[test]
fn group_means_only_where_the_group_and_the_figure_are_shown() {
    use crate::report::GroupMeans;
    let (mut doc, _) = class(Lang::Zh);
    let g = GroupMeans::of(&doc).expect("everyone is shown");
    assert_eq!((g.n, g.people), (20, true));
    assert_eq!(g.overall, doc.groups[0].overall.as_ref().unwrap().mean);
    assert_eq!(g.dimension("learning"), doc.groups[0].dimensions[0].stats.mean);
    // Self-ratings score no political caliber: no figure.
    assert_eq!(g.dimension("political"), None);
    // A figure withheld on its own is left out.
    doc.groups[0].dimensions[0].stats.withheld = Some(Withheld::TooFew);
    assert_eq!(GroupMeans::of(&doc).unwrap().dimension("learning"), None);
    // Below the floor, nothing.
    doc.min_group = 21;
    assert_eq!(GroupMeans::of(&doc), None);
    doc.min_group = 5;
    doc.groups[0].withheld = true;
    assert_eq!(GroupMeans::of(&doc), None);
}

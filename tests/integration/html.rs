//! HTML reports through the real binary: escaped, self-contained, and every
//! SVG in them well-formed XML.

use assert_cmd::Command;

use crate::common::{self, Env, template};

/// [`common::bin`] in Chinese.
fn bin() -> Command {
    let mut c = common::bin();
    c.env("ZHIXING_LANG", "zh");
    c
}

fn answers(name: &str, value: i64, taken_at: &str) -> String {
    let text = template("zh");
    let mut answers = serde_json::Map::new();
    for (k, line) in text.lines().enumerate() {
        if let Some(id) = line.strip_suffix(" = \"?\"") {
            answers.insert(id.trim_matches('"').to_string(), (1 + (k as i64 + value) % 5).into());
        }
    }
    serde_json::json!({ "subject": {"name": name, "department": "<b>秘书处</b>"}, "taken_at": taken_at, "answers": answers })
        .to_string()
}

/// Every `<svg …>…</svg>` in a document.
fn svgs(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<svg") {
        let end = rest[start..].find("</svg>").map(|e| start + e + 6).unwrap();
        out.push(&rest[start..end]);
        rest = &rest[end..];
    }
    out
}

#[track_caller]
fn check_document(html: &str) {
    assert!(html.starts_with("<!DOCTYPE html>"), "{}", &html[..40]);
    assert!(!html.contains("http:") && !html.contains("https:") && !html.contains("//"), "no external resource");
    assert!(!html.contains("<script"), "no script");
    assert!(!html.contains("<link") && !html.contains("<img"), "nothing loaded from elsewhere");
    let charts = svgs(html);
    assert!(!charts.is_empty());
    for svg in charts {
        roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}: {svg}"));
    }
    assert!(html.contains("@page"), "print rules for A4");
    assert!(html.contains("Noto Sans CJK SC") && html.contains("Microsoft YaHei"), "Chinese fonts named");
}

#[test]
fn an_individual_report_is_safe_and_self_contained() {
    let env = Env::new();
    let store = env.store();
    let name = "<script>alert(1)</script>";
    for (v, t) in [(1, "2026-05-01T09:00:00+08:00"), (3, "2026-11-28T09:00:00+08:00")] {
        let f = env.write(&format!("a{v}.jsonl"), &answers(name, v, t));
        let out =
            bin().arg("--store").arg(&store).args(["score", "--save", "--format", "json"]).arg(&f).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let out = bin().arg("--store").arg(&store).args(["report", "--latest", "--format", "html"]).output().unwrap();
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    check_document(&html);
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the name is shown");
    assert!(html.contains("&lt;b&gt;秘书处&lt;/b&gt;"));
    // The radar has the previous result as a second polygon, and the table the change.
    assert!(html.contains("class=\"previous\""));
    assert!(html.contains("与上次相比"));
    assert!(html.contains("<title>各维度得分与目标</title>") && html.contains("aria-label="));

    let out =
        bin().arg("--store").arg(&store).args(["history", "--subject", name, "--format", "html"]).output().unwrap();
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    check_document(&html);
    assert!(html.contains("<polyline"));
    assert!(!html.contains("<script>alert"));
}

#[test]
fn html_is_deterministic_for_the_same_result() {
    let env = Env::new();
    let f = env.write("a.jsonl", &answers("张三", 2, "2026-11-28T09:00:00+08:00"));
    let out = bin().args(["score", "--format", "json"]).arg(&f).output().unwrap();
    let result = env.write("r.json", &out.stdout);
    let a = bin()
        .env("ZHIXING_STORE", env.path("none.db"))
        .args(["report", "--format", "html"])
        .arg(&result)
        .output()
        .unwrap();
    let b = bin()
        .env("ZHIXING_STORE", env.path("none.db"))
        .args(["report", "--format", "html"])
        .arg(&result)
        .output()
        .unwrap();
    assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
    assert_eq!(a.stdout, b.stdout);
    check_document(&String::from_utf8(a.stdout).unwrap());
}

#[test]
fn group_reports_in_html_are_safe_and_self_contained() {
    let env = Env::new();
    let mut lines = String::new();
    for i in 0..12 {
        let dept = if i % 2 == 0 { "<i>研究室</i>" } else { "秘书处" };
        let mut doc: serde_json::Value =
            serde_json::from_str(&answers(&format!("学员{i}"), i, "2026-11-28T09:00:00+08:00")).unwrap();
        doc["subject"]["department"] = dept.into();
        lines.push_str(&doc.to_string());
        lines.push('\n');
    }
    // Two raters of someone else, for the 360 view.
    for (role, v) in [("supervisor", 1), ("peer", 2), ("peer", 3), ("peer", 4)] {
        let mut doc: serde_json::Value =
            serde_json::from_str(&answers("学员0", v, "2026-11-28T10:00:00+08:00")).unwrap();
        doc["rater"] = serde_json::json!({"role": role, "name": "<b>评价人</b>"});
        lines.push_str(&doc.to_string());
        lines.push('\n');
    }
    let answers_file = env.write("class.jsonl", &lines);
    let out = bin().args(["score", "--format", "jsonl"]).arg(&answers_file).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let results = env.write("results.jsonl", &out.stdout);

    for by in ["department", "subject"] {
        let out = bin().args(["group", "--by", by, "--format", "html"]).arg(&results).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let html = String::from_utf8(out.stdout).unwrap();
        check_document(&html);
        assert!(!html.contains("<i>研究室</i>") && !html.contains("<b>"), "no markup from the data");
        assert!(!html.contains("学员"), "nobody named without --named");
        assert!(html.contains("<title>"), "charts have titles");
    }
    let out = bin().args(["group", "--by", "department", "--format", "html"]).arg(&results).output().unwrap();
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.contains("&lt;i&gt;研究室&lt;/i&gt;"));
}

// ---------------------------------------------------------------------------
// On a projector and on paper (issue 12, SPEC §9 and §10).

/// Answers of `name`: every learning item `high`, the others a pattern.
fn answers_with(name: &str, seed: i64, high: i64) -> serde_json::Value {
    let text = template("zh");
    let mut answers = serde_json::Map::new();
    for (k, line) in text.lines().enumerate() {
        if let Some(id) = line.strip_suffix(" = \"?\"") {
            let id = id.trim_matches('"');
            let v = if id.starts_with("learning.") {
                if id == "learning.passive" { 6 - high } else { high }
            } else {
                // At most 3: nobody agrees with a statement and its opposite.
                (1 + (k as i64 * 3 + seed + k as i64 / 4) % 5).min(3)
            };
            answers.insert(id.to_string(), v.into());
        }
    }
    serde_json::json!({
        "subject": {"name": name, "department": if seed % 2 == 0 { "研究室" } else { "秘书处" }},
        "session": "2026秋季班",
        "taken_at": "2026-11-28T09:00:00+08:00",
        "answers": answers,
    })
}

/// Results of a class of twelve (learning their strength), and of three of
/// them rated by a supervisor and three peers: the results file.
fn class_results(env: &Env, raters: bool) -> String {
    let mut lines = String::new();
    for i in 0..12 {
        lines.push_str(&answers_with(&format!("学员{i}"), i, 5).to_string());
        lines.push('\n');
    }
    if raters {
        for i in 0..3 {
            for (k, role) in ["supervisor", "peer", "peer", "peer"].iter().enumerate() {
                let mut doc = answers_with(&format!("学员{i}"), i + k as i64 + 3, 4);
                doc["rater"] = serde_json::json!({"role": role, "name": format!("评价人{k}")});
                doc["taken_at"] = "2026-11-29T10:00:00+08:00".into();
                lines.push_str(&doc.to_string());
                lines.push('\n');
            }
        }
    }
    let f = env.write(if raters { "class360.jsonl" } else { "class.jsonl" }, &lines);
    let out = bin().args(["score", "--format", "jsonl"]).arg(&f).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    env.write(if raters { "results360.jsonl" } else { "results.jsonl" }, &out.stdout)
}

fn group_html(results: &str, args: &[&str]) -> String {
    let out = bin().args(["group", "--format", "html"]).args(args).arg(results).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = String::from_utf8(out.stdout).unwrap();
    check_document(&html);
    html
}

/// The style sheet of a document.
fn css(html: &str) -> &str {
    let start = html.find("<style>").unwrap() + 7;
    &html[start..html.find("</style>").unwrap()]
}

/// The rules of `@media print`.
fn print_rules(css: &str) -> &str {
    let start = css.find("@media print {").expect("print rules");
    let mut depth = 0;
    for (i, ch) in css[start..].char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return &css[start..start + i];
                }
            }
            _ => {}
        }
    }
    panic!("unclosed @media print");
}

/// The declarations of the first rule whose selector is `selector`.
#[track_caller]
fn rule<'a>(css: &'a str, selector: &str) -> &'a str {
    let needle = format!("{selector} {{");
    let start = css.find(&needle).unwrap_or_else(|| panic!("no rule {selector}")) + needle.len();
    &css[start..start + css[start..].find('}').unwrap()]
}

/// The document without its style sheet: what people read.
fn text_of(html: &str) -> String {
    let (a, b) = (html.find("<style>").unwrap(), html.find("</style>").unwrap());
    format!("{}{}", &html[..a], &html[b..])
}

#[test]
fn a_group_report_opens_with_a_summary_for_one_screen() {
    let env = Env::new();
    let results = class_results(&env, false);
    let html = group_html(&results, &[]);
    let body = &html[html.find("<body>").unwrap()..];
    let summary = body.find("<section class=\"summary\"").expect("a summary");
    for first in ["<table", "<figure", "class=\"report-detail\""] {
        assert!(summary < body.find(first).unwrap(), "the summary comes before {first}");
    }
    let end = body[summary..].find("</section>").unwrap() + summary;
    let s = &body[summary..end];
    // The overall mean, n and reliability at a glance, the development
    // focuses and the strengths (learning: every answer the best).
    for want in ["总分均值", "人数 12", "信度：", "<h2>发展重点</h2>", "<h2>优势</h2>", "学习"] {
        assert!(s.contains(want), "the summary shows {want}: {s}");
    }
    let lists: Vec<&str> = s.split("<ol class=\"glance-list\">").skip(1).collect();
    assert_eq!(lists.len(), 2, "{s}");
    for l in &lists {
        let n = l[..l.find("</ol>").unwrap()].matches("<li>").count();
        assert!((1..=3).contains(&n), "three at most: {l}");
    }
    assert!(lists[1].starts_with("<li><span class=\"name\">学习</span>"), "the strength first: {}", lists[1]);
    // The strengths are in the JSON too.
    let out = bin().args(["group", "--format", "json"]).arg(&results).output().unwrap();
    let doc = common::json(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(doc["groups"][0]["strengths"][0]["dimension"], "learning");
    assert!(doc["groups"][0]["strengths"][0]["mean_gap"].as_f64().unwrap() <= 0.0);
    // A projected report carries no command-line hints.
    let text = text_of(&html);
    for hint in [" --", "zhixing group", "zhixing report", "--format"] {
        assert!(!text.contains(hint), "no {hint:?} in a projected report");
    }
    // A wide layout from 1200 pixels, the column below.
    let style = css(&html);
    assert!(style.contains("@media screen and (min-width: 1200px)"), "a wide layout");
    assert!(rule(style, "body").contains("max-width: 190mm"), "a column on a phone");
}

#[test]
fn names_are_never_broken_and_captions_come_before_their_charts() {
    let env = Env::new();
    let results = class_results(&env, false);
    let html = group_html(&results, &["--by", "department", "--min-group", "3"]);
    let style = css(&html);
    let cells = rule(style, "th, td");
    assert!(cells.contains("white-space: nowrap") && cells.contains("word-break: keep-all"), "{cells}");
    assert!(rule(style, "h2, h3, .name, figcaption, .meta strong").contains("word-break: keep-all"));
    assert!(rule(style, ".table-wrap").contains("overflow-x: auto"), "a wide table scrolls");
    assert!(html.contains("<td class=\"name\">四个支撑要件</td>"), "names in their own cells");
    assert_eq!(html.matches("<div class=\"table-wrap\"><table>").count(), html.matches("<table>").count());
    // Every chart has its caption above it.
    let (heat, figures): (Vec<&str>, Vec<&str>) =
        html.split("<figure>").skip(1).partition(|f| f.contains("<table class=\"heatmap\""));
    assert_eq!(figures.len(), 3, "the group's three charts");
    assert_eq!(heat.len(), 1, "and the subgroups' heat map");
    assert!(heat[0].starts_with("<figcaption>各分组均值</figcaption>"), "{}", heat[0]);
    for f in &figures {
        assert!(f.starts_with("<figcaption>"), "caption first: {}", &f[..80.min(f.len())]);
        assert!(f.find("</figcaption>").unwrap() < f.find("<svg").unwrap());
    }
    // The spread chart has a target line on every row.
    let spread = figures.iter().find(|f| f.starts_with("<figcaption>各维度得分的分布</figcaption>")).unwrap();
    let svg = &spread[spread.find("<svg").unwrap()..spread.find("</svg>").unwrap()];
    // Nine rows: the self-review dimension (political) is not scored in self-ratings.
    assert_eq!(svg.matches("<line class=\"target\"").count(), 9, "{svg}");
    assert!(svg.contains("目标"), "and in the legend");
    // The individual report and the history too.
    let html = individual_html(&env);
    let figures: Vec<&str> = html.split("<figure>").skip(1).collect();
    assert_eq!(figures.len(), 2);
    assert!(figures.iter().all(|f| f.starts_with("<figcaption>")));
    assert!(html.contains("<td class=\"name\">四个支撑要件</td>"));
}

#[test]
fn on_paper_chart_text_is_at_least_8pt_and_headings_stay_with_what_follows() {
    let env = Env::new();
    let results = class_results(&env, true);
    let group = group_html(&results, &["--by", "subject", "--min-group", "3"]);
    let individual = individual_html(&env);
    for html in [&group, &individual] {
        let style = css(html);
        let print = print_rules(style);
        // Every chart printed at one width, and its text sized for it.
        let figure = rule(print, "figure");
        let w = figure.find("width: ").map(|i| &figure[i + 7..]).unwrap();
        let print_mm: f64 = w[..w.find("mm").unwrap()].parse().unwrap();
        let mut sizes = 0;
        for svg in svgs(html).into_iter().filter(|s| s.contains("viewBox")) {
            let doc = roxmltree::Document::parse(svg).unwrap();
            let width: f64 =
                doc.root_element().attribute("viewBox").unwrap().split(' ').nth(2).unwrap().parse().unwrap();
            for n in doc.descendants().filter(|n| n.has_attribute("font-size")) {
                let units: f64 = n.attribute("font-size").unwrap().parse().unwrap();
                let pt = units / width * print_mm * 72.0 / 25.4;
                assert!(pt >= 7.95, "{pt:.1} pt on paper: {n:?}");
                sizes += 1;
            }
        }
        assert!(sizes >= 4, "{sizes} sizes");
        // Text in points, none under 8.
        for part in style.split("font-size: ").skip(1) {
            if let Some(pt) = part.split("pt").next().and_then(|n| n.parse::<f64>().ok()) {
                assert!(pt >= 8.0, "{pt} pt");
            }
        }
        // A heading is kept with what follows it.
        assert!(rule(style, "h1, h2, h3").contains("break-after: avoid"));
        assert!(rule(style, ".keep").contains("break-inside: avoid"));
        assert!(rule(style, "@page").contains("size: A4"));
    }
    // In the group report, every heading with its first block.
    assert!(group.contains("<div class=\"keep\"><h3>作答质量提示</h3><p>"), "the quality heading with its text");
    assert!(!group.contains("</h3></div>") && !group.contains("</h2></div>"), "no heading kept alone");
    // Each 360 subject on a page of its own, its heading first.
    let print = print_rules(css(&group));
    assert!(rule(print, "section.subjects, section.subject").contains("break-before: page"));
    let subjects = group.matches("<section class=\"subject\">").count();
    assert_eq!(subjects, 12, "one section per subject");
    assert_eq!(group.matches("<section class=\"subject\"><div class=\"keep\"><h3>#").count(), subjects);
    // In the individual report, the development focus with the first of them.
    assert!(individual.contains("<div class=\"keep\"><h2>发展重点</h2><ol class=\"priorities\"><li>"), "{individual}");
}

#[test]
fn a_flagged_persons_report_says_so_at_the_top() {
    let env = Env::new();
    let text = template("zh");
    let mut answers = serde_json::Map::new();
    for line in text.lines() {
        if let Some(id) = line.strip_suffix(" = \"?\"") {
            answers.insert(id.trim_matches('"').to_string(), 4.into());
        }
    }
    let doc =
        serde_json::json!({"subject": {"name": "李四"}, "taken_at": "2026-11-28T09:00:00+08:00", "answers": answers});
    let f = env.write("flat.jsonl", &doc.to_string());
    let out = bin().args(["score", "--format", "json"]).arg(&f).output().unwrap();
    let result = env.write("flat.json", &out.stdout);
    assert!(
        common::json(&String::from_utf8(out.stdout).unwrap())["quality"]["flags"]
            .as_array()
            .is_some_and(|f| !f.is_empty())
    );
    let out = bin()
        .env("ZHIXING_STORE", env.path("none.db"))
        .args(["report", "--format", "html"])
        .arg(&result)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = String::from_utf8(out.stdout).unwrap();
    check_document(&html);
    let notice = html.find("<section class=\"flag-notice\" role=\"note\">").expect("a notice");
    for later in ["class=\"overall\"", "<figure", "<table"] {
        assert!(notice < html.find(later).unwrap(), "the notice comes before {later}");
    }
    let end = html[notice..].find("</section>").unwrap() + notice;
    let n = &html[notice..end];
    assert!(n.contains("<h2>作答质量提示</h2>") && n.contains("八成以上的条目给了同一个分值"), "{n}");
    assert_eq!(html.matches("<h2>作答质量提示</h2>").count(), 1, "said once, at the top");
    // Someone without flags has no notice.
    assert!(!individual_html(&env).contains("class=\"flag-notice\""));
}

/// One person's HTML report, from a result file (no store).
#[track_caller]
fn individual_html(env: &Env) -> String {
    let f = env.write("one.jsonl", &answers_with("张三", 1, 4).to_string());
    let out = bin().args(["score", "--format", "json"]).arg(&f).output().unwrap();
    let result = env.write("one.json", &out.stdout);
    let out = bin()
        .env("ZHIXING_STORE", env.path("none.db"))
        .args(["report", "--format", "html"])
        .arg(&result)
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

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

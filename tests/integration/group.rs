//! Group sessions through the real binary: the group report with its
//! anonymity rules, the 360 view and the trainer's pack. Fixtures are made
//! here, in the test.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::common::{Env, bin, core, form_csv, json};

/// Results of a class: department → (people, answer value), as JSON Lines.
fn class(env: &Env, groups: &[(&str, &[&str], usize)]) -> String {
    let mut people = Vec::new();
    for (dept, names, v) in groups {
        for n in *names {
            people.push((*n, *dept, *v));
        }
    }
    let f = env.write("class.csv", form_csv(&people).as_bytes());
    let results = env.ok(&["score", &f, "-f", "jsonl"]);
    env.write("class.jsonl", results.as_bytes())
}

/// The header of a form's CSV: the metadata columns, then every item id.
fn header(meta: &str, items: &[(String, String)]) -> String {
    let ids: Vec<&str> = items.iter().map(|(id, _)| id.as_str()).collect();
    format!("{meta},{}\n", ids.join(","))
}

const BIG: &[&str] = &["甲一", "甲二", "甲三", "甲四", "甲五", "甲六"];
const SMALL: &[&str] = &["乙一", "乙二", "乙三", "乙四"];
const OTHER: &[&str] = &["丙一", "丙二", "丙三", "丙四", "丙五", "丙六", "丙七"];

fn all_names() -> Vec<&'static str> {
    BIG.iter().chain(SMALL).chain(OTHER).copied().collect()
}

#[test]
fn a_subgroup_of_four_and_complementary_suppression() {
    let env = Env::new();
    let f = class(&env, &[("秘书处", BIG, 2), ("研究室", SMALL, 2), ("办公室", OTHER, 3)]);
    let doc = json(&env.ok(&["group", &f, "--by", "department", "-f", "json"]));
    assert_eq!(doc["schema"], "zhixing.group.v1");
    assert_eq!(doc["min_group"], 5);
    assert_eq!(doc["n"], 17);
    let groups = doc["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 4);
    assert_eq!(groups[0]["key"], serde_json::Value::Null);
    assert_eq!(groups[0]["n"], 17);
    assert_eq!(groups[0]["withheld"], false);
    let by: std::collections::HashMap<String, &serde_json::Value> =
        groups[1..].iter().map(|g| (g["key"]["department"].as_str().unwrap().to_string(), g)).collect();
    // 研究室 has 4 (< 5); 秘书处 (6) is the next smallest and goes too, so that
    // 研究室 cannot be worked out as everyone − 秘书处 − 办公室.
    assert_eq!(by["研究室"]["withheld"], true);
    assert_eq!(by["研究室"]["withheld_reason"], "too_few");
    assert_eq!(by["秘书处"]["withheld"], true);
    assert_eq!(by["秘书处"]["withheld_reason"], "complementary");
    assert_eq!(by["办公室"]["withheld"], false);
    assert_eq!(by["办公室"]["n"], 7);
    for g in [by["研究室"], by["秘书处"]] {
        assert!(g["overall"].is_null() && g["n"].is_null() && g["dimensions"].as_array().unwrap().is_empty());
    }
    let d = &groups[0]["dimensions"][0];
    assert_eq!(d["id"], "learning");
    assert_eq!(d["section"], "premise");
    for key in ["n", "mean", "sd", "min", "median", "max", "mean_gap", "severity", "alpha", "alpha_n", "alpha_label"] {
        assert!(d.get(key).is_some(), "{key}");
    }
    assert_eq!(d["alpha_n"], 17);

    let table = env.ok(&["group", &f, "--by", "department"]);
    assert!(table.contains("fewer than 5 respondents"), "{table}");
    assert!(table.contains("so that a smaller group cannot be worked out"), "{table}");
    let out = bin().env("ZHIXING_LANG", "zh").args(["group", &f, "--by", "department"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("少于 5 人"));

    // --min-group 1 shows everything; 0 is refused in both languages.
    let doc = json(&env.ok(&["group", &f, "--by", "department", "--min-group", "1", "-f", "json"]));
    assert!(doc["groups"].as_array().unwrap().iter().all(|g| g["withheld"] == false));
    let err = env.fails(&["group", &f, "--min-group", "0"]);
    assert!(err.contains("--min-group 0 is not allowed"), "{err}");
    let out = bin().env("ZHIXING_LANG", "zh").args(["group", &f, "--min-group", "-3"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("最少人数至少为 1"));
}

#[test]
fn nobody_is_named_without_named() {
    let env = Env::new();
    let f = class(&env, &[("秘书处", BIG, 2), ("研究室", SMALL, 2), ("办公室", OTHER, 3)]);
    // Straight-lined answers: flagged for quality.
    let flagged =
        env.write("flagged.csv", form_csv(&[("周九", "办公室", 5)]).replace(",完全不符合", ",完全符合").as_bytes());
    let more = env.ok(&["score", &flagged, "-f", "jsonl"]);
    let mut all = std::fs::read_to_string(&f).unwrap();
    all.push_str(&more);
    let f = env.write("all.jsonl", all.as_bytes());
    let mut names = all_names();
    names.push("周九");
    for by in ["department", "role", "session", "subject"] {
        for format in ["table", "json", "markdown", "csv"] {
            let out = env.ok(&["group", &f, "--by", by, "-f", format]);
            for n in &names {
                assert!(!out.contains(n), "--by {by} -f {format} shows {n}:\n{out}");
            }
        }
    }
    let doc = json(&env.ok(&["group", &f, "-f", "json"]));
    assert_eq!(doc["groups"][0]["flagged"], 1);
    assert!(doc["groups"][0].get("flagged_respondents").is_none());
    let named = env.ok(&["group", &f, "--named"]);
    assert!(named.contains("周九"), "{named}");
    let doc = json(&env.ok(&["group", &f, "--named", "-f", "json"]));
    assert_eq!(doc["groups"][0]["flagged_respondents"][0]["subject"], "周九");
}

#[test]
fn mixed_rubrics_are_refused() {
    let env = Env::new();
    let f = class(&env, &[("秘书处", BIG, 2)]);
    let office = env.write("o.json", br#"{"subject":{"name":"x"},"answers":{"learning.routine":3}}"#);
    let o = env.ok(&["score", &office, "--rubric", "office", "-f", "jsonl"]);
    let mut all = std::fs::read_to_string(&f).unwrap();
    all.push_str(&o);
    let f = env.write("mixed.jsonl", all.as_bytes());
    let err = env.fails(&["group", &f]);
    assert!(err.contains("core 2.0.0 (6), office 2.0.0 (1)"), "{err}");
}

#[test]
fn the_360_view_and_the_trainers_pack() {
    let env = Env::new();
    let (items, _) = core();
    let mut text = header("name,role,rater", &items);
    let mut row = |name: &str, role: &str, rater: &str, v: usize| {
        text.push_str(&format!("{name},{role},{rater}{}\n", format!(",{v}").repeat(items.len())));
    };
    row("张三", "self", "", 5);
    row("张三", "supervisor", "领导", 2);
    row("张三", "peer", "同事甲", 3);
    row("张三", "peer", "同事乙", 3);
    row("张三", "subordinate", "下级甲", 3);
    row("../../etc/passwd", "self", "", 4);
    let f = env.write("360.csv", text.as_bytes());
    let results = env.ok(&["score", &f, "-f", "jsonl"]);
    let f = env.write("360.jsonl", results.as_bytes());

    let doc = json(&env.ok(&["group", &f, "--by", "subject", "-f", "json", "--min-group", "1"]));
    let subjects = doc["subjects"].as_array().unwrap();
    assert_eq!(subjects.len(), 2);
    assert!(subjects.iter().all(|s| s["subject"].as_str().unwrap().starts_with('#')));
    // Each rater role's overall score, as scored (reverse-keyed items turn 5 into 1).
    let scored: Vec<serde_json::Value> = results.lines().map(json).collect();
    let score_of = |role: &str| {
        scored.iter().find(|r| r["rater"]["role"] == role && r["subject"]["name"] == "张三").unwrap()["overall"]["score"]
            .as_f64()
            .unwrap()
    };
    let (own, sup, peer) = (score_of("self"), score_of("supervisor"), score_of("peer"));
    assert_eq!(peer, 50.0);
    let zs = subjects.iter().find(|s| s["raters"]["peer"] == 2).unwrap();
    let o = &zs["overall"];
    assert_eq!(o["self"], own);
    // min-group 1 lowers the role floor too: every rater counts.
    assert_eq!(o["others_n"], 4);

    let doc = json(&env.ok(&["group", &f, "--by", "subject", "-f", "json", "--named"]));
    let zs = doc["subjects"].as_array().unwrap().iter().find(|s| s["subject"] == "张三").unwrap().clone();
    let o = &zs["overall"];
    // Peers (2) and the subordinate (1) are too few as roles, but 3 together
    // are pooled among the others; the supervisor is always shown.
    assert_eq!(o["others_n"], 4);
    assert_eq!(o["others"], (sup + 50.0 * 3.0) / 4.0);
    let roles: Vec<(&str, bool)> = o["by_role"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["role"].as_str().unwrap(), m["withheld"].as_bool().unwrap()))
        .collect();
    assert_eq!(roles, [("supervisor", false), ("pooled", false)]);
    let pooled = &o["by_role"][1];
    assert_eq!((pooled["roles"].clone(), pooled["n"].clone()), (serde_json::json!(["peer", "subordinate"]), 3.into()));
    assert_eq!(zs["left_out"], serde_json::json!({}));
    assert!(!zs["blind_spots"].as_array().unwrap().is_empty(), "{zs}");
    let table = env.ok(&["group", &f, "--by", "subject", "--named"]);
    assert!(table.contains("Blind spots"), "{table}");

    // The pack: the group report, each person's own report, each subject's 360.
    let pack = env.path("pack");
    let pack_s = pack.to_str().unwrap().to_string();
    env.ok(&["group", &f, "--by", "subject", "--pack", &pack_s]);
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&pack), 0o700);
    let mut files: Vec<String> =
        std::fs::read_dir(&pack).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    files.sort();
    assert_eq!(
        files,
        [
            "_._etc_passwd.360.html",
            "_._etc_passwd.360.md",
            "_._etc_passwd.360.txt",
            "_._etc_passwd.html",
            "_._etc_passwd.md",
            "_._etc_passwd.txt",
            "group-report.csv",
            "group-report.html",
            "group-report.json",
            "group-report.md",
            "group-report.txt",
            "张三.360.html",
            "张三.360.md",
            "张三.360.txt",
            "张三.html",
            "张三.md",
            "张三.txt",
        ]
    );
    for f in &files {
        assert_eq!(mode(&pack.join(f)), 0o600, "{f}");
    }
    let own = std::fs::read_to_string(pack.join("张三.txt")).unwrap();
    assert!(own.contains("张三"), "a person's own report names them");
    let group = std::fs::read_to_string(pack.join("group-report.txt")).unwrap();
    assert!(!group.contains("张三"), "the group report does not");
    assert!(std::fs::read(pack.join("group-report.csv")).unwrap().starts_with("\u{feff}".as_bytes()));
    assert!(!env.dir.path().parent().unwrap().join("etc").exists());
}

#[test]
fn groups_from_the_store_by_session() {
    let env = Env::new();
    let (items, _) = core();
    let mut text = header("name,session", &items);
    for i in 0..5 {
        text.push_str(&format!("p{i},2026秋{}\n", format!(",{}", 1 + i % 5).repeat(items.len())));
    }
    text.push_str(&format!("q,其他{}\n", ",3".repeat(items.len())));
    let f = env.write("s.csv", text.as_bytes());
    env.ok(&["score", &f, "--save", "-f", "jsonl"]);
    let doc = json(&env.ok(&["group", "--session", "2026秋", "-f", "json"]));
    assert_eq!(doc["n"], 5);
    assert_eq!(doc["groups"][0]["overall"]["median"], 50.0);
    let doc = json(&env.ok(&["group", "--all", "--by", "session", "-f", "json"]));
    assert_eq!(doc["n"], 6);
    assert_eq!(doc["groups"].as_array().unwrap().len(), 3);
    let err = env.fails(&["group", "--session", "nope"]);
    assert!(err.contains("no results of session \"nope\""), "{err}");
    let csv = env.ok(&["group", "--all", "-f", "csv"]);
    assert!(
        csv.starts_with("Grouped by,Group,Withheld,Level,ID,Name,Section,results,Mean,SD,Min,Median,Max,Mean gap"),
        "{csv}"
    );
    let md = env.ok(&["group", "--all", "-f", "markdown"]);
    assert!(md.starts_with("# Execution capability self-assessment"), "{md}");
}

#[test]
fn the_group_schema() {
    let out = bin().args(["schema", "group"]).output().unwrap();
    assert!(out.status.success());
    let schema = json(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    let props = schema["properties"].as_object().unwrap();
    for key in ["schema", "rubric", "min_group", "n", "groups", "subjects"] {
        assert!(props.contains_key(key), "{key}");
    }
}

#[test]
fn a_file_given_twice_counts_each_person_once() {
    // SPEC §10 rule 1: the same results twice are the same people.
    let env = Env::new();
    let f = class(&env, &[("秘书处", BIG, 2), ("办公室", OTHER, 3)]);
    let doc = json(&env.ok(&["group", &f, &f, "-f", "json"]));
    assert_eq!(
        (doc["n"].clone(), doc["counted"].clone(), doc["earlier_left_out"].clone()),
        (26.into(), 13.into(), 13.into())
    );
    assert_eq!(doc["groups"][0]["n"], 13);
    assert_eq!(doc["unit"], "people");
    let table = env.ok(&["group", &f, &f]);
    assert!(table.contains("Everyone (13 people)"), "{table}");
    assert!(table.contains("13\nearlier results left out") || table.contains("13 earlier results left out"), "{table}");
    let zh = env.ok(&["--lang", "zh", "group", &f, &f]);
    assert!(zh.contains("全体（人数 13）"), "{zh}");
    assert!(zh.contains("13 份较早的结果未计入"), "{zh}");
    // The pack hands each person one report (theirs, the latest).
    let pack = env.path("pack");
    env.ok(&["group", &f, &f, "--pack", pack.to_str().unwrap()]);
    let own: Vec<String> = std::fs::read_dir(&pack)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".txt") && n != "group-report.txt")
        .collect();
    assert_eq!(own.len(), 13, "{own:?}");
    let every = json(&env.ok(&["group", &f, &f, "-f", "json", "--every-result"]));
    assert_eq!((every["groups"][0]["n"].clone(), every["earlier_left_out"].clone()), (26.into(), 0.into()));
}

#[test]
fn numbered_subjects_come_in_a_fresh_order_each_run() {
    // SPEC §10 rule 7: eight subjects with a self-assessment and three peers
    // each; the order of #1…#8 is drawn anew each run.
    let env = Env::new();
    let (items, _) = core();
    let mut text = header("name,role,rater", &items);
    for s in 0..8 {
        for (role, rater) in [("self", ""), ("peer", "甲"), ("peer", "乙"), ("peer", "丙")] {
            let v = 1 + (s + rater.len()) % 5;
            text.push_str(&format!("学员{s},{role},{rater}{}\n", format!(",{v}").repeat(items.len())));
        }
    }
    let f = env.write("360.csv", text.as_bytes());
    let results = env.ok(&["score", &f, "-f", "jsonl"]);
    let f = env.write("360.jsonl", results.as_bytes());
    let order = || -> Vec<String> {
        let doc = json(&env.ok(&["group", &f, "--by", "subject", "-f", "json"]));
        doc["subjects"].as_array().unwrap().iter().map(|s| s["overall"]["self"].to_string()).collect()
    };
    let first = order();
    // Five runs all in one order would happen by chance once in 40320⁴.
    assert!((0..4).any(|_| order() != first), "the same order five times: {first:?}");
}

#[test]
fn a_report_to_project_carries_no_command_line_hints() {
    // SPEC §10: texts a trainer projects carry no command-line hints; the
    // hint goes to stderr.
    let env = Env::new();
    // Answers of 3 or less: nobody agrees with a statement and its opposite.
    let f = class(&env, &[("秘书处", BIG, 2), ("研究室", SMALL, 1), ("办公室", OTHER, 2)]);
    for lang in ["zh", "en"] {
        for format in ["table", "markdown", "html"] {
            let out = env.run(&["--lang", lang, "group", &f, "--by", "department", "-f", format]);
            assert!(out.status.success());
            let text = String::from_utf8(out.stdout).unwrap();
            for hint in ["--named", "--rubric", "--min-group", "--every-result"] {
                assert!(!text.contains(hint), "{lang} {format}: {hint} in {text}");
            }
            let err = String::from_utf8(out.stderr).unwrap();
            assert!(!err.contains("--named"), "nobody flagged, nobody numbered: no hint needed: {err}");
        }
    }
    // Numbered subjects: the hint on stderr, not in the report.
    let out = env.run(&["group", &f, "--by", "subject"]);
    let (text, err) = (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap());
    assert!(!text.contains("--named") && err.contains("--named"), "{text}\n{err}");
}

#[test]
fn at_most_200_rejected_records_are_printed_a_file() {
    // SPEC §12: at most 200 problems a file, then how many more; `group`
    // and `import` alike, for JSON Lines and a JSON array.
    let env = Env::new();
    let f = class(&env, &[("秘书处", BIG, 2)]);
    let good = std::fs::read_to_string(&f).unwrap();
    let bad: String = (0..250).map(|i| format!("{{\"schema\": \"zhixing.result.v1\", \"id\": {i}}}\n")).collect();
    let lines = env.write("bad.jsonl", format!("{good}{bad}").as_bytes());
    let array = env.write(
        "bad.json",
        format!("[{}]", (0..250).map(|i| format!("{{\"id\": {i}}}")).collect::<Vec<_>>().join(",\n")).as_bytes(),
    );
    for args in [
        vec!["group", lines.as_str(), "--keep-going"],
        vec!["group", array.as_str(), lines.as_str(), "--keep-going"],
        vec!["import", lines.as_str(), "--keep-going"],
    ] {
        let out = env.run(&args);
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("50 more problems not shown"), "{args:?}: {}", &err[err.len().saturating_sub(600)..]);
        assert!(err.matches("error:").count() <= 2 * 200 + 2, "{args:?}");
    }
}

/// A mean as reports show it: one decimal.
fn one_decimal(v: &serde_json::Value) -> String {
    let r = (v.as_f64().unwrap() * 10.0).round() / 10.0;
    format!("{r:.1}")
}

#[test]
fn the_pack_shows_the_group_mean_beside_each_persons_scores() {
    let env = Env::new();
    let f = class(&env, &[("秘书处", BIG, 2), ("办公室", OTHER, 4)]);
    let doc = json(&env.ok(&["group", &f, "--by", "department", "-f", "json"]));
    let everyone = &doc["groups"][0];
    let overall = one_decimal(&everyone["overall"]["mean"]);
    let learning = everyone["dimensions"].as_array().unwrap().iter().find(|d| d["id"] == "learning").unwrap();
    let learning = one_decimal(&learning["mean"]);
    let pack = env.path("pack");
    env.ok(&["group", &f, "--by", "department", "--pack", pack.to_str().unwrap()]);
    let txt = std::fs::read_to_string(pack.join("甲一.txt")).unwrap();
    assert!(txt.contains(&format!("Group mean {overall}")), "the overall group mean beside the score:\n{txt}");
    assert!(txt.contains("Group mean: the mean score of everyone in this assessment (13 people)"), "{txt}");
    let md = std::fs::read_to_string(pack.join("甲一.md")).unwrap();
    assert!(md.contains("| Group mean |"), "{md}");
    let row = md.lines().find(|l| l.starts_with("| Learning |")).unwrap();
    assert_eq!(row.split('|').nth(3).unwrap().trim(), learning, "{row}");
    let html = std::fs::read_to_string(pack.join("甲一.html")).unwrap();
    assert!(html.contains(&format!("<td class=\"n group-mean\">{learning}</td>")), "{html}");
    assert!(html.contains(&format!("Group mean {overall}")), "{html}");
    // The subgroups' means for a spreadsheet.
    let means = std::fs::read_to_string(pack.join("group-report-means.csv")).unwrap();
    assert!(means.starts_with("\u{feff}Department,people,Learning,"), "{means}");
    assert!(means.lines().any(|l| l.starts_with("秘书处,6,")), "{means}");
    // Without a pack, a person's report has no group mean.
    let form = env.path("class.csv");
    let own = env.ok(&["score", form.to_str().unwrap()]);
    assert!(own.contains("甲一"), "{own}");
    assert!(!own.contains("Group mean"), "{own}");
}

#[test]
fn the_pack_shows_no_group_mean_where_the_group_is_below_the_floor() {
    let env = Env::new();
    let f = class(&env, &[("研究室", SMALL, 2)]);
    let pack = env.path("pack");
    env.ok(&["group", &f, "--pack", pack.to_str().unwrap()]);
    for ext in ["txt", "md", "html"] {
        let own = std::fs::read_to_string(pack.join(format!("乙一.{ext}"))).unwrap();
        assert!(own.contains("乙一"), "{own}");
        assert!(!own.contains("Group mean"), "{ext}: {own}");
    }
    assert!(!pack.join("group-report-means.csv").exists());
}

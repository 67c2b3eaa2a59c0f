//! Subject attributes and answering quality in group reports and exports
//! (SPEC §6, §7, §10): `group --by 职级`, `group --exclude-flagged`, the
//! flagged results by kind, and `export --wide`. The answers are made here
//! so that every score is known by hand.

use crate::common::{Env, bin, json};

/// The core rubric's items: (id, reverse-keyed), in rubric order.
fn items() -> Vec<(String, bool)> {
    let out = bin().args(["rubric", "show", "core", "--format", "json"]).output().unwrap();
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut items = Vec::new();
    for s in r["sections"].as_array().unwrap() {
        for d in s["dimensions"].as_array().unwrap() {
            for i in d["items"].as_array().unwrap() {
                items.push((i["id"].as_str().unwrap().to_string(), i["reverse"].as_bool().unwrap_or(false)));
            }
        }
    }
    items
}

/// One answers document as a JSON line. `Some(v)`: v to every item (6 − v
/// to the reverse-keyed ones), so that every dimension, section and the
/// overall score are (v − 1) / 4 × 100 with no quality flag; None: 3 to
/// every item, a straight line (overall 50).
fn answers(name: &str, attributes: serde_json::Value, v: Option<i64>, skip: Option<&str>) -> String {
    let mut a = serde_json::Map::new();
    for (id, rev) in items() {
        if Some(id.as_str()) == skip {
            continue;
        }
        let value = match v {
            Some(v) if rev => 6 - v,
            Some(v) => v,
            None => 3,
        };
        a.insert(id, value.into());
    }
    serde_json::json!({
        "rubric": "core",
        "taken_at": "2026-11-28T09:30:00+08:00",
        "subject": { "name": name, "department": "秘书处", "attributes": attributes },
        "answers": a,
    })
    .to_string()
}

/// A class: 科员 3 × 25, 3 × 75 and a straight-liner (50); 副主任 5 × 75
/// and one who answered too fast (25, the flag set by hand as `assess`
/// sets it). Their results as JSON Lines.
fn class(env: &Env) -> String {
    let mut lines = Vec::new();
    for k in 0..3 {
        lines.push(answers(&format!("科{k}甲"), serde_json::json!({"职级": "科员"}), Some(2), None));
        lines.push(answers(&format!("科{k}乙"), serde_json::json!({"职级": "科员"}), Some(4), None));
    }
    lines.push(answers("直线", serde_json::json!({"职级": "科员"}), None, None));
    for k in 0..5 {
        lines.push(answers(&format!("副{k}"), serde_json::json!({"职级": "副主任"}), Some(4), None));
    }
    lines.push(answers("快", serde_json::json!({"职级": "副主任"}), Some(2), None));
    let f = env.write("class.jsonl", (lines.join("\n") + "\n").as_bytes());
    let scored = env.ok(&["score", &f, "-f", "jsonl"]);
    let results: Vec<String> = scored
        .lines()
        .map(|l| {
            let mut r = json(l);
            if r["subject"]["name"] == "快" {
                r["quality"]["flags"] = serde_json::json!(["too_fast"]);
                r["quality"]["seconds"] = serde_json::json!(30.0);
            }
            r.to_string()
        })
        .collect();
    env.write("results.jsonl", (results.join("\n") + "\n").as_bytes())
}

fn close(v: &serde_json::Value, x: f64) -> bool {
    v.as_f64().is_some_and(|v| (v - x).abs() < 1e-9)
}

/// The groups of a report: key value → (n, overall mean, flagged).
fn by_grade(doc: &serde_json::Value) -> std::collections::BTreeMap<String, serde_json::Value> {
    doc["groups"].as_array().unwrap()[1..]
        .iter()
        .map(|g| (g["key"]["职级"].as_str().unwrap_or("<none>").to_string(), g.clone()))
        .collect()
}

#[test]
fn group_by_an_attribute() {
    let env = Env::new();
    let f = class(&env);
    let doc = json(&env.ok(&["group", &f, "--by", "职级", "-f", "json"]));
    assert_eq!((doc["n"].as_u64(), doc["counted"].as_u64()), (Some(13), Some(13)));
    assert!(doc.get("excluded_flagged").is_none(), "absent without --exclude-flagged");
    // Everyone: 3 × 25 + 3 × 75 + 50 + 5 × 75 + 25 = 750 over 13.
    assert!(close(&doc["groups"][0]["overall"]["mean"], 750.0 / 13.0));
    let g = by_grade(&doc);
    assert_eq!(g.keys().collect::<Vec<_>>(), ["副主任", "科员"]);
    assert_eq!(g["科员"]["key"], serde_json::json!({"职级": "科员"}));
    assert_eq!(g["科员"]["n"], 7);
    assert!(close(&g["科员"]["overall"]["mean"], 50.0));
    assert_eq!(g["科员"]["flagged"], 1);
    assert_eq!(g["科员"]["flagged_by"]["straight_line"], 1);
    assert_eq!(g["科员"]["flagged_by"]["too_fast"], 0);
    assert_eq!(g["副主任"]["n"], 6);
    assert!(close(&g["副主任"]["overall"]["mean"], 400.0 / 6.0));
    assert_eq!(g["副主任"]["flagged_by"]["too_fast"], 1);
}

#[test]
fn an_attribute_no_result_carries_is_refused_naming_those_that_exist() {
    let env = Env::new();
    let f = class(&env);
    let err = env.refused(&["group", &f, "--by", "年龄段"]);
    assert!(err.contains("年龄段") && err.contains("职级"), "{err}");
    let err = env.refused(&["--lang", "zh", "group", &f, "--by", "年龄段"]);
    assert!(err.contains("没有结果带有属性「年龄段」") && err.contains("职级"), "{err}");
}

#[test]
fn exclude_flagged_leaves_them_out_and_says_how_many() {
    let env = Env::new();
    let f = class(&env);
    let doc = json(&env.ok(&["group", &f, "--by", "职级", "--exclude-flagged", "-f", "json"]));
    assert_eq!((doc["n"].as_u64(), doc["counted"].as_u64()), (Some(13), Some(11)));
    assert_eq!(doc["excluded_flagged"], 2);
    // Everyone: 3 × 25 + 3 × 75 + 5 × 75 = 675 over 11.
    assert_eq!(doc["groups"][0]["n"], 11);
    assert!(close(&doc["groups"][0]["overall"]["mean"], 675.0 / 11.0));
    assert_eq!(doc["groups"][0]["flagged"], 0);
    let g = by_grade(&doc);
    assert_eq!((g["科员"]["n"].as_u64(), g["副主任"]["n"].as_u64()), (Some(6), Some(5)));
    assert!(close(&g["科员"]["overall"]["mean"], 50.0));
    assert!(close(&g["副主任"]["overall"]["mean"], 75.0));
    // Said in every format.
    let zh = ["--lang", "zh", "group", &f, "--by", "职级", "--exclude-flagged"];
    for format in ["table", "markdown", "html"] {
        let out = env.ok(&[&zh[..], &["-f", format]].concat());
        assert!(out.contains("2 份带质量标记的结果已剔除"), "{format}: {out}");
    }
    let csv = env.ok(&[&zh[..], &["-f", "csv"]].concat());
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with(",已剔除的带质量标记结果数"), "{header}");
    assert!(csv.lines().nth(1).unwrap().ends_with(",2"), "{csv}");
    let en = env.ok(&["group", &f, "--exclude-flagged"]);
    assert!(en.contains("2 results with quality flags set aside"), "{en}");
}

#[test]
fn exclude_flagged_too_fast_only() {
    let env = Env::new();
    let f = class(&env);
    let doc = json(&env.ok(&["group", &f, "--by", "职级", "--exclude-flagged", "too_fast", "-f", "json"]));
    assert_eq!((doc["counted"].as_u64(), doc["excluded_flagged"].as_u64()), (Some(12), Some(1)));
    // Everyone: 750 − 25 over 12; the straight-liner still counts.
    assert!(close(&doc["groups"][0]["overall"]["mean"], 725.0 / 12.0));
    assert_eq!(doc["groups"][0]["flagged"], 1);
    let g = by_grade(&doc);
    assert_eq!(g["科员"]["n"], 7);
    assert!(close(&g["科员"]["overall"]["mean"], 50.0));
    assert_eq!(g["副主任"]["n"], 5);
    assert!(close(&g["副主任"]["overall"]["mean"], 75.0));
}

#[test]
fn flagged_by_in_the_table_and_the_csv() {
    let env = Env::new();
    let f = class(&env);
    let table = env.ok(&["--lang", "zh", "group", &f, "--by", "职级"]);
    let quality: Vec<&str> = table.lines().skip_while(|l| !l.starts_with("作答质量提示")).take(4).collect();
    insta::assert_snapshot!("flagged_by_table_zh", quality.join("\n"));
    // The subgroups' flags, in Markdown (one line each, however long).
    let md = env.ok(&["--lang", "zh", "group", &f, "--by", "职级", "-f", "markdown"]);
    let subgroups: Vec<&str> = md.lines().filter(|l| l.starts_with("职级：")).collect();
    insta::assert_snapshot!("flagged_by_subgroups_zh", subgroups.join("\n"));
    let csv = env.ok(&["--lang", "zh", "group", &f, "--by", "职级", "-f", "csv"]);
    let overall: Vec<&str> =
        csv.lines().enumerate().filter(|(i, l)| *i == 0 || l.contains(",overall,")).map(|(_, l)| l).collect();
    insta::assert_snapshot!("flagged_by_csv_zh", overall.join("\n"));
    let md = env.ok(&["group", &f, "-f", "markdown"]);
    assert!(md.contains("the same value was given to 80% or more of the items"), "{md}");
    let html = env.ok(&["group", &f, "-f", "html"]);
    assert!(html.contains("answered very fast (under 2 seconds an item): 1"), "{html}");
}

/// Three people in the store: attributes 职级 and (for one) 年龄段, one item
/// skipped.
fn stored(env: &Env) {
    let lines = [
        answers("张三", serde_json::json!({"职级": "科员", "年龄段": "30-39"}), Some(4), None),
        answers("李四", serde_json::json!({"职级": "副主任"}), Some(2), Some("learning.routine")),
        answers("=王五", serde_json::json!({}), Some(3), None),
    ];
    let f = env.write("three.jsonl", (lines.join("\n") + "\n").as_bytes());
    env.ok(&["score", &f, "--save", "--session", "2026秋"]);
}

/// The wide CSV with each result id (random) shown as <id>.
fn without_ids(csv: &str) -> String {
    csv.lines()
        .enumerate()
        .map(|(i, l)| if i == 0 { l.to_string() } else { format!("<id>{}", &l[l.find(',').unwrap()..]) })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn export_wide_one_row_per_result() {
    let env = Env::new();
    stored(&env);
    let zh = env.ok(&["--lang", "zh", "export", "--wide"]);
    assert!(zh.contains("\r\n"), "CSV rows end with CRLF");
    let header: Vec<&str> = zh.lines().next().unwrap().split(',').collect();
    assert_eq!(header.len(), 9 + 2 + 3 + 3 + 10 + 60, "{header:?}");
    let unique: std::collections::HashSet<&&str> = header.iter().collect();
    assert_eq!(unique.len(), header.len(), "unique names");
    assert_eq!(zh.lines().count(), 4);
    insta::assert_snapshot!("export_wide_zh", without_ids(&zh));
    let en = env.ok(&["export", "--wide", "--format", "csv"]);
    insta::assert_snapshot!("export_wide_en", without_ids(&en));
    let bom = env.ok(&["export", "--wide", "--bom"]);
    assert!(bom.starts_with('\u{feff}'));
}

#[test]
fn export_wide_is_csv_of_one_rubric() {
    let env = Env::new();
    stored(&env);
    let err = env.refused(&["export", "--wide", "--format", "json"]);
    assert!(err.contains("--wide"), "{err}");
    // A result of another rubric in the store: one header cannot serve both.
    let office =
        env.write("office.toml", &bin().args(["rubric", "template", "--rubric", "office"]).output().unwrap().stdout);
    let text =
        std::fs::read_to_string(&office).unwrap().replace("\"?\"", "3").replace("name = \"\"", "name = \"赵六\"");
    let office = env.write("office.toml", text.as_bytes());
    env.ok(&["score", &office, "--rubric", "office", "--save"]);
    let err = env.refused(&["export", "--wide"]);
    assert!(err.contains("core 2.0.0 (3)") && err.contains("office 2.0.0 (1)") && err.contains("--rubric"), "{err}");
    let core = env.ok(&["export", "--wide", "--rubric", "core"]);
    assert_eq!(core.lines().count(), 4);
    let office = env.ok(&["export", "--wide", "--rubric", "office"]);
    assert_eq!(office.lines().count(), 2);
    assert!(office.contains("赵六"));
}

#[test]
fn the_pack_still_gives_the_excluded_people_their_own_reports() {
    let env = Env::new();
    let f = class(&env);
    let pack = env.path("pack");
    env.ok(&["--lang", "zh", "group", &f, "--exclude-flagged", "--pack", pack.to_str().unwrap()]);
    for who in ["直线", "快", "科0甲"] {
        assert!(pack.join(format!("{who}.txt")).exists(), "{who}");
    }
    let group = std::fs::read_to_string(pack.join("group-report.txt")).unwrap();
    assert!(group.contains("2 份带质量标记的结果已剔除"), "{group}");
}

//! `zhixing group --items` (SPEC §14) through the real binary: results made
//! by `score` from a small rubric of two dimensions (one item reverse-keyed,
//! one answer skipped), then the item analysis in JSON, the item table (zh
//! and en), the CSV, and the anonymity rules on items.

use crate::common::{Env, bin, json};

const RUBRIC: &str = r#"
format = 1
id = "tiny"
version = "1.0.0"
title = { zh = "小量表", en = "Tiny" }
languages = ["zh", "en"]
[scale]
min = 1
max = 5
labels = [
  { zh = "完全不符合", en = "Not at all like me" },
  { zh = "较不符合", en = "Not much like me" },
  { zh = "一般", en = "Somewhat like me" },
  { zh = "较符合", en = "Mostly like me" },
  { zh = "完全符合", en = "Very much like me" },
]
allow_skip = true
[[sections]]
id = "s"
title = { zh = "要素", en = "Elements" }
[[sections.dimensions]]
id = "plan"
title = { zh = "计划", en = "Planning" }
[[sections.dimensions.items]]
id = "plan.week"
text = { zh = "我每周开始前会把要做的事情按轻重缓急排好顺序。", en = "Before each week starts I put what I have to do in order of priority." }
[[sections.dimensions.items]]
id = "plan.drift"
text = { zh = "我常常到了截止日期才发现事情还没做完。", en = "I often find at the deadline that the work is not done." }
reverse = true
[[sections.dimensions.items]]
id = "plan.check"
text = { zh = "我会定期检查进度。", en = "I check my progress regularly." }
[[sections.dimensions]]
id = "act"
title = { zh = "行动", en = "Action" }
[[sections.dimensions.items]]
id = "act.start"
text = { zh = "我接到任务当天就动手。", en = "I start on a task the day I get it." }
[[sections.dimensions.items]]
id = "act.finish"
text = { zh = "我做事有始有终。", en = "I finish what I start." }
[[sections.dimensions.items]]
id = "act.ask"
text = { zh = "遇到难处我会及时求助。", en = "When I am stuck I ask for help in time." }
"#;

/// Six people in two departments; 己 skipped plan.check. plan is the
/// hand-computed data set of the unit test (src/group/tests/items.rs).
const ANSWERS: &str = "姓名,部门,plan.week,plan.drift,plan.check,act.start,act.finish,act.ask
甲,一处,3,2,3,4,4,5
乙,一处,2,3,4,3,3,5
丙,一处,4,2,5,5,5,5
丁,二处,3,4,3,2,3,4
戊,二处,4,2,4,4,5,5
己,二处,5,1,,5,5,5
";

/// The rubric and the results `score` made of the answers.
fn results(env: &Env) -> (String, String) {
    let rubric = env.write("tiny.toml", RUBRIC);
    let answers = env.write("answers.csv", ANSWERS);
    let out = env.ok(&["score", &answers, "--rubric", &rubric, "-f", "jsonl"]);
    (rubric, env.write("results.jsonl", out.as_bytes()))
}

fn group(env: &Env, lang: &str, args: &[&str]) -> String {
    let out = bin()
        .current_dir(env.dir.path())
        .env("ZHIXING_LANG", lang)
        .env("COLUMNS", "120")
        .arg("group")
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn near(v: &serde_json::Value, x: f64) -> bool {
    v.as_f64().is_some_and(|v| (v - x).abs() < 1e-9)
}

#[test]
fn group_items_json_has_every_figure() {
    let env = Env::new();
    let (rubric, res) = results(&env);
    let doc = json(&group(&env, "en", &[&res, "--rubric", &rubric, "--items", "-f", "json"]));
    let items = doc["groups"][0]["items"].as_array().unwrap();
    let ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["plan.week", "plan.drift", "plan.check", "act.start", "act.finish", "act.ask"]);
    let week = &items[0];
    assert_eq!(week["dimension"], "plan");
    assert_eq!(week["n"], 6);
    assert_eq!(week["counts"], serde_json::json!({"1": 0, "2": 1, "3": 2, "4": 2, "5": 1}));
    // The unit test's figures: mean 3.5, sd √1.1, r_drop 2.8/√(2.8·8.8), alpha_drop 7/11.
    assert!(near(&week["mean"], 3.5) && near(&week["sd"], 1.1f64.sqrt()));
    assert!(near(&week["floor"], 0.0) && near(&week["ceiling"], 1.0 / 6.0));
    assert!(near(&week["r_drop"], 2.8 / (2.8f64 * 8.8).sqrt()));
    assert!(near(&week["alpha_drop"], 7.0 / 11.0));
    // Reverse-keyed: counts raw, mean of the adjusted values (6 − v).
    let drift = &items[1];
    assert_eq!(drift["counts"], serde_json::json!({"1": 1, "2": 3, "3": 1, "4": 1, "5": 0}));
    assert!(near(&drift["mean"], 22.0 / 6.0));
    assert_eq!(items[2]["n"], 5, "the skipped answer is not counted");
    // act.ask: 5 of 6 at the top: ceiling 5/6 > .8.
    assert!(near(&items[5]["ceiling"], 5.0 / 6.0));

    // Without --items: no `items` key at all.
    let plain = json(&group(&env, "en", &[&res, "--rubric", &rubric, "-f", "json"]));
    assert!(plain["groups"][0].get("items").is_none());
}

#[test]
fn group_items_without_a_rubric_says_so_once() {
    let env = Env::new();
    let (_, res) = results(&env);
    let out = bin().current_dir(env.dir.path()).args(["group", &res, "--items", "-f", "json"]).output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.matches("no item analysis").count(), 1, "{err}");
    assert!(json(&String::from_utf8_lossy(&out.stdout))["groups"][0].get("items").is_none());
}

#[test]
fn group_items_are_withheld_like_any_figure() {
    let env = Env::new();
    let (rubric, res) = results(&env);
    // Departments of 3 with a floor of 3: both shown; 二处 has 2 answers to
    // plan.check (too few), so 一处's plan.check goes too: else 5 − 3 = 2
    // answers of 二处 could be worked out from everyone's.
    let doc = json(&group(
        &env,
        "en",
        &[&res, "--rubric", &rubric, "--items", "--by", "department", "--min-group", "3", "-f", "json"],
    ));
    let groups = doc["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 3);
    let check = |g: usize| groups[g]["items"][2].clone();
    assert_eq!(check(0)["n"], 5);
    assert_eq!(groups[2]["key"]["department"], "二处");
    assert_eq!(check(2)["withheld"], "too_few");
    assert_eq!(check(1)["withheld"], "complementary");
    for g in [1, 2] {
        let c = check(g);
        assert_eq!(c["id"], "plan.check");
        for key in ["n", "counts", "mean", "sd", "floor", "ceiling", "r_drop", "alpha_drop"] {
            assert!(c[key].is_null(), "{key}: {c}");
        }
        assert_eq!(groups[g]["items"][0]["n"], 3, "the other items shown");
    }
    // With the default floor of 5 both departments are withheld: no items.
    let doc = json(&group(&env, "en", &[&res, "--rubric", &rubric, "--items", "--by", "department", "-f", "json"]));
    let groups = doc["groups"].as_array().unwrap();
    assert!(groups[0]["items"].is_array());
    for g in &groups[1..] {
        assert_eq!(g["withheld"], true);
        assert!(g.get("items").is_none(), "{g}");
    }
}

#[test]
fn group_items_table_and_csv() {
    let env = Env::new();
    let (rubric, res) = results(&env);
    let args = [res.as_str(), "--rubric", &rubric, "--items"];
    let item_part = |s: String, heading: &str| s[s.find(heading).unwrap()..].to_string();
    insta::assert_snapshot!(
        "items_table_zh",
        item_part(group(&env, "zh", &[&args[..], &["--min-group", "1"]].concat()), "逐题分析")
    );
    insta::assert_snapshot!(
        "items_table_en",
        item_part(group(&env, "en", &[&args[..], &["--min-group", "1"]].concat()), "Item analysis")
    );
    let mut csv_args = args.to_vec();
    csv_args.extend(["--by", "department", "--min-group", "3", "-f", "csv"]);
    insta::assert_snapshot!("items_csv_zh", group(&env, "zh", &csv_args));
    // The weak item is marked in the HTML with a word; the bars need nothing from outside.
    let mut html_args = args.to_vec();
    html_args.extend(["--min-group", "1", "-f", "html"]);
    let html = group(&env, "zh", &html_args);
    assert!(html.contains("（待改进）"));
    // The reverse-keyed statement's bar reads the other way, and says so; once.
    assert_eq!(html.matches("（反向题：越不符合越好）").count(), 1);
    assert!(html.contains("计划 · 各选项比例"));
    assert!(html.contains(r#"aria-label="1: 0%, 2: 17%, 3: 33%, 4: 33%, 5: 17%""#));
    assert!(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"));
}

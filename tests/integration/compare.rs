//! `zhixing compare BEFORE AFTER` through the real binary: from two JSON
//! Lines files and from two sessions of the store; the errors.

use crate::common::{Env, form_csv, json};

const A: &[&str] = &["甲一", "甲二", "甲三", "甲四", "甲五", "甲六"];
const B: &[&str] = &["乙一", "乙二"];

/// Results of people (department, names, answer value) as JSON Lines in `name`.
fn results(env: &Env, name: &str, groups: &[(&str, &[&str], usize)]) -> String {
    let mut people = Vec::new();
    for (dept, names, v) in groups {
        for n in *names {
            people.push((*n, *dept, *v));
        }
    }
    let csv = env.write(&format!("{name}.csv"), form_csv(&people).as_bytes());
    let text = env.ok(&["score", &csv, "-f", "jsonl"]);
    env.write(&format!("{name}.jsonl"), text.as_bytes())
}

#[test]
fn two_jsonl_files_pair_people_and_withhold_the_small_department() {
    let env = Env::new();
    // Before: 甲 ×6 and 乙 ×2 at 2, and 丙一 only before; after: the same at
    // 4, 甲六 missing and 丁一 only after.
    let before = results(&env, "2026春", &[("秘书处", A, 2), ("研究室", B, 2), ("办公室", &["丙一"], 3)]);
    let after = results(&env, "2026秋", &[("秘书处", &A[..5], 4), ("研究室", B, 4), ("办公室", &["丁一"], 3)]);
    let out = env.run(&["--lang", "zh", "compare", &before, &after, "--by", "department", "-f", "json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("训前：读取结果文件") && stderr.contains("训后：读取结果文件"), "{stderr}");
    let doc = json(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(doc["schema"], "zhixing.compare.v1");
    assert_eq!(doc["before"], serde_json::json!({"label": "2026春", "n": 9}));
    assert_eq!(doc["after"], serde_json::json!({"label": "2026秋", "n": 8}));
    // Paired: 甲一…甲五, 乙一, 乙二; only before 甲六, 丙一; only after 丁一.
    assert_eq!(
        (doc["paired"].as_u64(), doc["only_before"].as_u64(), doc["only_after"].as_u64()),
        (Some(7), Some(2), Some(1))
    );
    let groups = doc["groups"].as_array().unwrap();
    let everyone = &groups[0];
    assert_eq!(everyone["n"], 7);
    let o = &everyone["overall"];
    assert_eq!(o["n"], 7);
    // Everyone answered 2 before and 4 after (every third item one more):
    // the same change for all, so sd_change 0 and no d_z.
    assert!(o["mean_change"].as_f64().unwrap() > 0.0, "{o}");
    assert_eq!(o["sd_change"].as_f64(), Some(0.0));
    assert_eq!(o["d_z"], serde_json::Value::Null);
    assert_eq!(everyone["dimensions"].as_array().unwrap().len(), 10);
    // 研究室 has 2 pairs (< 5): withheld; 秘书处 (5) goes with it, so that
    // 研究室 is not everyone − 秘书处.
    let by: Vec<(&str, &serde_json::Value)> =
        groups[1..].iter().map(|g| (g["key"]["department"].as_str().unwrap(), &g["withheld_reason"])).collect();
    assert_eq!(by, vec![("研究室", &serde_json::json!("too_few")), ("秘书处", &serde_json::json!("complementary"))]);
    for g in &groups[1..] {
        assert_eq!(g["n"], serde_json::Value::Null);
        assert_eq!(g["overall"], serde_json::Value::Null);
    }

    // The table, in English, says what d_z and "improved" mean.
    let table = env.ok(&["--lang", "en", "compare", &before, &after]);
    assert!(table.contains("Before and after"), "{table}");
    assert!(table.contains("d_z = mean change"), "{table}");
    // CSV: headers in the interface language.
    let csv = env.ok(&["--lang", "zh", "compare", &before, &after, "-f", "csv"]);
    assert!(
        csv.trim_start_matches('\u{feff}').starts_with("分组,不显示原因,层级,编号,项目,配对人数,训前,训后,变化"),
        "{csv}"
    );
    // HTML: one page, a chart, nothing from outside.
    let html = env.ok(&["--lang", "zh", "compare", &before, &after, "-f", "html"]);
    assert!(html.contains("<svg") && html.contains("训前训后对比"));
    assert!(!html.contains("https://") && !html.contains("<script") && !html.contains("<link"), "nothing from outside");
}

#[test]
fn two_sessions_of_the_store() {
    let env = Env::new();
    let people: Vec<(&str, &str, usize)> = A.iter().map(|n| (*n, "秘书处", 2)).collect();
    let spring = env.write("spring.csv", form_csv(&people).as_bytes());
    let people: Vec<(&str, &str, usize)> = A.iter().map(|n| (*n, "秘书处", 3)).collect();
    let autumn = env.write("autumn.csv", form_csv(&people).as_bytes());
    env.ok(&["score", &spring, "--save", "--session", "2026春"]);
    env.ok(&["score", &autumn, "--save", "--session", "2026秋"]);
    let out = env.run(&["--lang", "zh", "compare", "2026春", "2026秋", "-f", "json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("训前：读取结果库中的场次「2026春」"), "{stderr}");
    let doc = json(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(doc["before"]["label"], "2026春");
    assert_eq!(doc["after"]["label"], "2026秋");
    assert_eq!(doc["paired"], 6);
    assert_eq!(doc["groups"][0]["withheld"], false);
    assert_eq!(doc["groups"][0]["overall"]["n"], 6);
    assert!(doc["groups"][0]["overall"]["mean_change"].as_f64().unwrap() > 0.0);
}

#[test]
fn a_before_that_is_neither_a_file_nor_a_session_and_a_mix_of_rubrics() {
    let env = Env::new();
    let before = results(&env, "before", &[("秘书处", A, 2)]);
    let err = env.refused(&["--lang", "zh", "compare", "没有这个", &before]);
    assert!(err.contains("训前「没有这个」既不是存在的结果文件，也不是结果库中有结果的场次"), "{err}");
    let err = env.refused(&["--lang", "en", "compare", &before, "nothing-here"]);
    assert!(err.contains("AFTER \"nothing-here\" is neither a results file"), "{err}");

    // One result of another rubric version after: a mix, named.
    let text = std::fs::read_to_string(&before).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let mut first: serde_json::Value = serde_json::from_str(&lines[0]).unwrap();
    let version = first["rubric"]["version"].as_str().unwrap().to_string();
    first["rubric"]["version"] = serde_json::json!("9.9.9");
    lines[0] = first.to_string();
    let after = env.write("after.jsonl", (lines.join("\n") + "\n").as_bytes());
    let err = env.refused(&["compare", &before, &after]);
    assert!(err.contains("9.9.9") && err.contains(&version), "{err}");
}

/// A comparison shows groups, never one person: `--by subject` is refused.
#[test]
fn compare_by_subject_is_refused() {
    let env = Env::new();
    let out = env.run(&["--lang", "en", "compare", "a.jsonl", "b.jsonl", "--by", "subject"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("never of one person"), "{err}");
}

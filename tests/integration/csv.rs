//! The group report as CSV for a spreadsheet (issue 12): headers, titles and
//! labels in the interface language, the ids kept for scripts, numbers to
//! two decimals (the JSON keeps full precision), formulas neutralised.

use crate::common::{self, Env, template};

/// A class of twelve in two departments (one of them a formula), and three
/// of them rated by others: the results file.
fn results(env: &Env, raters: bool) -> String {
    let text = template("zh");
    let mut lines = String::new();
    let mut push = |name: &str, seed: usize, rater: Option<&str>| {
        let mut answers = serde_json::Map::new();
        for (k, line) in text.lines().enumerate() {
            if let Some(id) = line.strip_suffix(" = \"?\"") {
                answers.insert(id.trim_matches('"').to_string(), (1 + (k * 3 + seed + k / 5) % 5).into());
            }
        }
        let dept = if seed.is_multiple_of(2) { "=HYPERLINK(\"x\")" } else { "秘书处" };
        let mut doc = serde_json::json!({"subject": {"name": name, "department": dept},
            "taken_at": "2026-11-28T09:00:00+08:00", "answers": answers});
        if let Some(role) = rater {
            doc["rater"] = serde_json::json!({"role": role});
        }
        lines.push_str(&doc.to_string());
        lines.push('\n');
    };
    for i in 0..12 {
        push(&format!("学员{i}"), i, None);
    }
    if raters {
        for i in 0..3 {
            for (k, role) in ["supervisor", "peer", "peer", "peer"].iter().enumerate() {
                push(&format!("学员{i}"), i + k + 20, Some(role));
            }
        }
    }
    let f = env.write("class.jsonl", &lines);
    let out = common::bin().args(["score", "--format", "jsonl"]).arg(&f).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    env.write("results.jsonl", &out.stdout)
}

fn group(lang: &str, args: &[&str], results: &str) -> String {
    let out = common::bin().env("ZHIXING_LANG", lang).args(["group"]).args(args).arg(results).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn records(csv: &str) -> Vec<Vec<String>> {
    let mut r =
        ::csv::ReaderBuilder::new().has_headers(false).from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    r.records().map(|x| x.unwrap().iter().map(str::to_string).collect()).collect()
}

/// Every number has at most two decimals, and some have two.
#[track_caller]
fn two_decimals(rows: &[Vec<String>]) {
    let mut two = 0;
    for cell in rows.iter().skip(1).flatten() {
        if cell.parse::<f64>().is_ok() {
            let decimals = cell.split('.').nth(1).map_or(0, str::len);
            assert!(decimals <= 2, "{cell}");
            two += usize::from(decimals == 2);
        }
    }
    assert!(two > 10, "numbers to two decimals");
}

#[test]
fn the_group_csv_speaks_the_interface_language_for_excel() {
    let env = Env::new();
    let results = results(&env, false);
    let csv = group("zh", &["--format", "csv", "--by", "department", "--min-group", "3"], &results);
    let rows = records(&csv);
    assert_eq!(
        rows[0][..14],
        [
            "分组方式",
            "分组",
            "是否不显示",
            "层级",
            "标识",
            "名称",
            "分区",
            "人数",
            "均值",
            "标准差",
            "最低",
            "中位数",
            "最高",
            "平均差距"
        ]
    );
    assert_eq!(rows[0][14..19], ["达标", "接近目标", "有提升空间", "提升空间较大", "作答不足"]);
    assert_eq!(rows[0][19..25], ["信度 α", "α 计算人数", "信度评价", "测量标准误 sem", "不显示的原因", "优势排序"]);
    // Then the quality flags: all of them, then each kind in the personal report's words.
    assert_eq!(rows[0][25], "带质量标记的结果数");
    assert_eq!(rows[0][30], "质量标记：作答过快（平均每题不到 2 秒）");
    assert_eq!(rows[0].len(), 31);
    // The id stays for scripts; the titles and labels are for people.
    let learning = rows.iter().find(|r| r[1] == "全体" && r[4] == "learning").expect("learning of everyone");
    assert_eq!(learning[..7], ["", "全体", "否", "维度", "learning", "学习", "一个前提"]);
    let ability = rows.iter().find(|r| r[1] == "全体" && r[4] == "ability").unwrap();
    assert!(["优秀", "良好", "可接受", "存疑", "较差", "不可接受"].contains(&ability[21].as_str()), "{ability:?}");
    let section = rows.iter().find(|r| r[4] == "elements").unwrap_or_else(|| panic!("{csv}"));
    assert_eq!(section[3..7], ["分区", "elements", "四个支撑要件", "四个支撑要件"]);
    assert!(rows.iter().any(|r| r[0] == "部门" && r[1] == "秘书处"), "{csv}");
    // A department that is a formula stays text.
    assert!(rows.iter().any(|r| r[1] == "'=HYPERLINK(\"x\")"), "{csv}");
    assert!(!csv.contains(",=HYPERLINK"));
    two_decimals(&rows);
    // The JSON keeps full precision; the CSV is it rounded.
    let doc = common::json(&group("zh", &["--format", "json"], &results));
    let mean = doc["groups"][0]["dimensions"][0]["mean"].as_f64().unwrap();
    assert_eq!(learning[8], format!("{:.2}", (mean * 100.0).round() / 100.0));
    // A byte-order mark only when asked (or written to a file), as before.
    assert!(!csv.starts_with('\u{feff}'));
    assert!(group("zh", &["--format", "csv", "--bom"], &results).starts_with('\u{feff}'));

    let en = records(&group("en", &["--format", "csv"], &results));
    assert_eq!(en[0][..8], ["Grouped by", "Group", "Withheld", "Level", "ID", "Name", "Section", "people"]);
    let learning = en.iter().find(|r| r[4] == "learning").unwrap();
    assert_eq!(learning[..7], ["", "Everyone", "no", "Dimension", "learning", "Learning", "One premise"]);
}

#[test]
fn the_360_csv_speaks_the_interface_language_too() {
    let env = Env::new();
    let results = results(&env, true);
    let csv = group("zh", &["--format", "csv", "--by", "subject", "--min-group", "3"], &results);
    let rows = records(&csv);
    assert_eq!(rows[0][..9], ["被评价人", "层级", "标识", "名称", "分区", "本人", "他人", "他人评价份数", "差值"]);
    assert_eq!(rows[0][9], "上级");
    assert_eq!(rows[0].last().unwrap(), "未计入");
    assert!(rows.iter().any(|r| r[1] == "维度" && r[2] == "learning" && r[3] == "学习" && r[4] == "一个前提"), "{csv}");
    assert!(rows.iter().any(|r| r[1] == "总分" && r[2] == "overall"), "{csv}");
    two_decimals(&rows);
}

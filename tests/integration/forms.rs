//! Exports of the form services offices use, read as they come (SPEC §15):
//! 问卷星 (CSV in GBK with CRLF, numeric CSV, .xlsx, .xls) and 腾讯问卷 (CSV
//! in UTF-8 with a byte-order mark), each built here in the service's own
//! layout and scored end to end: time taken, submit time, attributes,
//! skipped answers and the too_fast flag.

use std::process::Output;

use crate::common::{Env, bin, core, json};
use crate::spreadsheets::{xls, xls_label, xls_number};

/// 问卷星's own first six columns.
const WJX: [&str; 6] = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP"];

/// 腾讯问卷's own columns.
const TENCENT: [&str; 16] = [
    "编号",
    "开始答题时间",
    "结束答题时间",
    "答题时长",
    "地理位置国家和地区",
    "地理位置省",
    "地理位置市",
    "自定义字段",
    "用户类型",
    "用户标识",
    "昵称",
    "IP",
    "UA",
    "Referrer",
    "清洗数据结果",
    "智能清洗数据无效概率",
];

fn results(out: &str) -> Vec<serde_json::Value> {
    serde_json::from_str(out).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[track_caller]
fn ok(out: Output) -> (String, String) {
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    (String::from_utf8(out.stdout).unwrap(), err)
}

/// A 问卷星 text export: the questions numbered, the items titled by their
/// statements, the answers the option texts; `k % 5` varies them.
fn wjx_text_csv() -> String {
    let (items, labels) = core();
    let mut head: Vec<String> = WJX.iter().map(|s| s.to_string()).collect();
    head.extend(["1、姓名".to_string(), "2、部门".to_string(), "3、职级".to_string()]);
    head.extend(items.iter().enumerate().map(|(k, (_, zh))| format!("{}、{zh}", k + 4)));
    let mut text = head.join(",") + "\r\n";
    let rows = [
        ("1", "2026/11/28 9:30:05", "235秒", "张三", "科员"),
        ("2", "2026/11/28 10:02:00", "1分10秒", "李四", "副主任科员"),
    ];
    for (n, (no, at, took, name, rank)) in rows.iter().enumerate() {
        let mut row = vec![
            no.to_string(),
            at.to_string(),
            took.to_string(),
            "手机提交".into(),
            "直接访问".into(),
            "117.136.0.1(北京-北京)".into(),
        ];
        row.extend([name.to_string(), "秘书处".into(), rank.to_string()]);
        row.extend((0..items.len()).map(|k| labels[(k + n) % 5].clone()));
        text.push_str(&(row.join(",") + "\r\n"));
    }
    text
}

#[test]
fn a_wjx_text_export_in_gbk_with_crlf() {
    let env = Env::new();
    let (items, _) = core();
    let text = wjx_text_csv();
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable && std::str::from_utf8(&gbk).is_err(), "really GBK");
    let f = env.write("问卷星.csv", &gbk);

    // 职级 is neither metadata nor an item until it is named an attribute.
    let err = env.fails(&["score", &f]);
    assert!(err.contains("column I (3、职级) is neither a metadata column nor an item"), "{err}");

    let args = ["score", &f, "--attribute-columns", "职级", "--utc-offset", "+08:00", "-f", "json"];
    let (out, err) = ok(env.run(&args));
    assert!(
        err.contains("Wenjuanxing (问卷星) export: 6 metadata columns left out; time taken and submit time read"),
        "{err}"
    );
    let out = results(&out);
    assert_eq!(out.len(), 2);
    assert_eq!(out[0]["subject"]["name"], "张三");
    assert_eq!(out[0]["subject"]["department"], "秘书处");
    assert_eq!(out[0]["subject"]["attributes"], serde_json::json!({"职级": "科员"}));
    assert_eq!(out[1]["subject"]["attributes"]["职级"], "副主任科员");
    assert_eq!(out[0]["taken_at"], "2026-11-28T09:30:05+08:00");
    assert_eq!(out[1]["taken_at"], "2026-11-28T10:02:00+08:00");
    assert_eq!(out[0]["quality"]["seconds"], 235.0);
    assert_eq!(out[1]["quality"]["seconds"], 70.0);
    // 60 items answered: too fast under 120 seconds.
    let flags = |r: &serde_json::Value| r["quality"]["flags"].as_array().unwrap().clone();
    assert!(!flags(&out[0]).contains(&"too_fast".into()), "{:?}", flags(&out[0]));
    assert!(flags(&out[1]).contains(&"too_fast".into()), "{:?}", flags(&out[1]));
    // The option text (非常不符合 … 非常符合) is the value: k % 5 + 1.
    assert_eq!(out[0]["answers"][&items[0].0], 1);
    assert_eq!(out[0]["answers"][&items[3].0], 4);
    assert_eq!(out[1]["answers"][&items[0].0], 2);

    // The same by letter, and another offset.
    let args = ["score", &f, "--attribute-columns", "I", "--utc-offset", "-05:00", "-f", "json"];
    let out = results(&ok(env.run(&args)).0);
    assert_eq!(out[0]["subject"]["attributes"]["职级"], "科员");
    assert_eq!(out[0]["taken_at"], "2026-11-28T09:30:05-05:00");
}

#[test]
fn a_wjx_numeric_export_where_minus_2_and_3_are_not_answered() {
    let env = Env::new();
    let (items, _) = core();
    let mut head: Vec<String> = WJX.iter().map(|s| s.to_string()).collect();
    head.push("7、姓名".into());
    head.extend(items.iter().enumerate().map(|(k, (id, _))| format!("{}、{id}", k + 8)));
    head.push("总分".into());
    let mut text = head.join(",") + "\r\n";
    let mut row: Vec<String> =
        ["1", "2026-11-28 09:30:05", "00:03:55", "1", "N/A", "10.0.0.1"].iter().map(|s| s.to_string()).collect();
    row.push("王五".into());
    row.extend((0..items.len()).map(|k| match k {
        0 => "-2".to_string(),
        1 => "-3".to_string(),
        k => (k % 5 + 1).to_string(),
    }));
    row.push("180".into());
    text.push_str(&(row.join(",") + "\r\n"));
    let f = env.write("numeric.csv", text.as_bytes());
    let (out, err) = ok(env.run(&["score", &f, "--utc-offset", "+08:00", "-f", "json"]));
    assert!(err.contains("export: 7 metadata columns left out; time taken and submit time read"), "{err}");
    let out = json(&out);
    assert_eq!(out["answers"][&items[0].0], serde_json::Value::Null, "−2: skipped");
    assert_eq!(out["answers"][&items[1].0], serde_json::Value::Null, "−3: skipped");
    assert_eq!(out["answers"][&items[2].0], 3);
    assert_eq!(out["quality"]["seconds"], 235.0);
    assert_eq!(out["taken_at"], "2026-11-28T09:30:05+08:00");

    // Elsewhere −2 is a value out of the scale.
    let plain = text.replace("序号,提交答卷时间,所用时间,来源,来源详情,来自IP,", "a,b,c,d,e,f,");
    let f = env.write("plain.csv", plain.as_bytes());
    let err = env.fails(&["score", &f, "--ignore-columns", "A:F,总分"]);
    assert!(err.contains("row 2, column H"), "{err}");
}

#[test]
fn a_wjx_xlsx_with_a_date_cell() {
    let env = Env::new();
    let (items, labels) = core();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in WJX.iter().chain(["1、姓名", "2、部门"].iter()).enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (k, (id, _)) in items.iter().enumerate() {
        sheet.write_string(0, 8 + k as u16, format!("{}、{id} ", k + 3)).unwrap();
    }
    let when = rust_xlsxwriter::ExcelDateTime::parse_from_str("2026-11-28 09:30:05").unwrap();
    let format = rust_xlsxwriter::Format::new().set_num_format("yyyy/m/d h:mm:ss");
    sheet.write_number(1, 0, 1.0).unwrap();
    sheet.write_datetime_with_format(1, 1, &when, &format).unwrap();
    sheet.write_string(1, 2, "3分55秒").unwrap();
    sheet.write_string(1, 6, "赵六").unwrap();
    sheet.write_string(1, 7, "研究室").unwrap();
    for k in 0..items.len() {
        sheet.write_string(1, 8 + k as u16, &labels[k % 5]).unwrap();
    }
    let f = env.path("问卷星.xlsx");
    book.save(&f).unwrap();
    let f = f.to_str().unwrap();
    let (out, err) = ok(env.run(&["score", f, "--utc-offset", "+08:00", "-f", "json"]));
    assert!(err.contains("Wenjuanxing (问卷星) export: 6 metadata columns left out"), "{err}");
    let out = json(&out);
    assert_eq!(out["subject"]["name"], "赵六");
    assert_eq!(out["taken_at"], "2026-11-28T09:30:05+08:00");
    assert_eq!(out["quality"]["seconds"], 235.0);
    assert_eq!(out["answers"][&items[1].0], 2);
}

#[test]
fn a_wjx_xls() {
    let env = Env::new();
    let (items, _) = core();
    let mut sheet = Vec::new();
    for (c, h) in WJX.iter().chain(["1、姓名"].iter()).enumerate() {
        sheet.extend(xls_label(0, c as u16, h));
    }
    for (k, (id, _)) in items.iter().enumerate() {
        sheet.extend(xls_label(0, 7 + k as u16, &format!("{}、{id}", k + 2)));
    }
    sheet.extend(xls_number(1, 0, 1.0));
    sheet.extend(xls_label(1, 1, "28-Feb-2021 20:26:58"));
    sheet.extend(xls_label(1, 2, "1小时2分3秒"));
    sheet.extend(xls_label(1, 6, "孙八"));
    for k in 0..items.len() {
        sheet.extend(xls_number(1, 7 + k as u16, if k == 0 { -3.0 } else { (k % 5 + 1) as f64 }));
    }
    let f = env.write("问卷星.xls", &xls(&sheet));
    let (out, err) = ok(env.run(&["score", &f, "--utc-offset", "+08:00", "-f", "json"]));
    assert!(err.contains("Wenjuanxing (问卷星) export"), "{err}");
    let out = json(&out);
    assert_eq!(out["subject"]["name"], "孙八");
    assert_eq!(out["taken_at"], "2021-02-28T20:26:58+08:00");
    assert_eq!(out["quality"]["seconds"], 3723.0);
    assert_eq!(out["answers"][&items[0].0], serde_json::Value::Null);
    assert_eq!(out["answers"][&items[1].0], 2);
}

/// A 腾讯问卷 export in UTF-8 with a byte-order mark.
fn tencent_csv(took: &str) -> String {
    let (items, labels) = core();
    let mut head: Vec<String> = TENCENT.iter().map(|s| s.to_string()).collect();
    head.extend(["1.姓名".to_string(), "2.部门 ".to_string(), "第3题 年龄段".to_string()]);
    head.extend(items.iter().enumerate().map(|(k, (id, _))| format!("Q{} {id}", k + 4)));
    let mut row: Vec<String> = [
        "1",
        "2026-11-28 09:26:10",
        "2026-11-28 09:30:05",
        took,
        "中国",
        "北京",
        "北京",
        "",
        "微信用户",
        "oAbc123",
        "小周",
        "10.0.0.2",
        "Mozilla/5.0",
        "",
        "有效",
        "0.01",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    row.extend(["周九".to_string(), "办公室".into(), "30-39".into()]);
    row.extend((0..items.len()).map(|k| labels[(k + 1) % 5].clone()));
    format!("\u{feff}{}\n{}\n", head.join(","), row.join(","))
}

#[test]
fn a_tencent_export_in_utf8_with_a_bom() {
    let env = Env::new();
    let (items, _) = core();
    let f = env.write("腾讯.csv", tencent_csv("235").as_bytes());
    let args = ["score", &f, "--attribute-columns", "年龄段", "--utc-offset", "+08:00", "-f", "json"];
    let (out, err) = ok(env.run(&args));
    assert!(err.contains("Tencent Questionnaire (腾讯问卷) export: 16 metadata columns left out"), "{err}");
    let out = json(&out);
    assert_eq!(out["subject"]["name"], "周九");
    assert_eq!(out["subject"]["department"], "办公室");
    assert_eq!(out["subject"]["attributes"]["年龄段"], "30-39");
    assert_eq!(out["taken_at"], "2026-11-28T09:30:05+08:00", "the end, not the start");
    assert_eq!(out["quality"]["seconds"], 235.0);
    assert_eq!(out["answers"][&items[0].0], 2);
}

#[test]
fn what_was_recognised_is_said_in_chinese_and_english() {
    let env = Env::new();
    let f = env.write("腾讯.csv", tencent_csv("00:03:55").as_bytes());
    let zh = bin()
        .env("ZHIXING_LANG", "zh")
        .args(["score", &f, "--attribute-columns", "年龄段", "-f", "json"])
        .output()
        .unwrap();
    let (_, err) = ok(zh);
    assert!(err.contains("腾讯问卷导出：忽略 16 列元数据，用时和提交时间已读取"), "{err}");
    let (_, err) = ok(env.run(&["score", &f, "--attribute-columns", "年龄段", "-f", "json"]));
    assert!(
        err.contains(
            "Tencent Questionnaire (腾讯问卷) export: 16 metadata columns left out; time taken and submit time read"
        ),
        "{err}"
    );
    // A file that is no service's export says nothing of it.
    let plain = crate::common::form_csv(&[("张三", "秘书处", 4)]);
    let f = env.write("plain.csv", plain.as_bytes());
    let (_, err) = ok(env.run(&["score", &f, "-f", "json"]));
    assert!(!err.contains("export"), "{err}");
}

#[test]
fn bad_times_and_attribute_columns_are_located() {
    let env = Env::new();
    let f = env.write("腾讯.csv", tencent_csv("about four minutes").as_bytes());
    let err = env.fails(&["score", &f, "--attribute-columns", "年龄段"]);
    assert!(err.contains("腾讯.csv:2:4"), "{err}");
    assert!(err.contains("row 2, column D (答题时长): \"about four minutes\" is not a time taken"), "{err}");

    let bad = tencent_csv("235").replace("2026-11-28 09:30:05", "2026-13-45 09:30:05");
    let f = env.write("bad-time.csv", bad.as_bytes());
    let err = env.fails(&["score", &f, "--attribute-columns", "年龄段"]);
    assert!(err.contains("row 2, column C (结束答题时间): \"2026-13-45 09:30:05\" is not a time"), "{err}");

    let f = env.write("腾讯2.csv", tencent_csv("235").as_bytes());
    let err = env.fails(&["score", &f, "--attribute-columns", "职级"]);
    assert!(err.contains("--attribute-columns \"职级\" is neither a column header"), "{err}");

    let err = env.refused(&["score", &f, "--utc-offset", "8 hours"]);
    assert!(err.contains("a UTC offset such as +08:00"), "{err}");
}

#[test]
fn line_numbers_are_the_files_own_for_lf_crlf_and_cr() {
    let env = Env::new();
    let ids = crate::common::item_ids();
    for (name, end) in [("lf.csv", "\n"), ("crlf.csv", "\r\n"), ("cr.csv", "\r")] {
        let good = vec!["3"; ids.len()].join(",");
        let mut bad = vec!["3"; ids.len()];
        bad[1] = "9";
        let text = format!("姓名,{}{end}{end}甲,{good}{end}乙,{}{end}", ids.join(","), bad.join(","));
        let f = env.write(name, text.as_bytes());
        let err = env.fails(&["score", &f]);
        assert!(err.contains(&format!("{name}:4:3")), "{name}: {err}");
    }
    // An invalid byte in a UTF-8 file: at its row.
    let mut bytes = format!("姓名,{}\n甲,{}\n", ids.join(","), vec!["3"; ids.len()].join(",")).into_bytes();
    bytes.extend_from_slice("乙,".as_bytes());
    bytes.push(0xFF);
    bytes.extend_from_slice(format!(",{}\n", vec!["3"; ids.len() - 1].join(",")).as_bytes());
    let f = env.write("bad-byte.csv", &bytes);
    let err = env.fails(&["score", &f]);
    assert!(err.contains("bad-byte.csv:3"), "{err}");
}

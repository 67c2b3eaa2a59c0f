//! Responses from spreadsheets through the real binary: CSV (UTF-8, with a
//! byte-order mark, GBK as Excel on Chinese Windows saves it) and xlsx,
//! columns found by header, order or letter, and bad cells named by file,
//! row and column. Fixtures are made here, in the test.

use crate::common::{Env, bin, core, form_csv, json};

#[test]
fn a_gbk_csv_as_excel_on_chinese_windows_saves_it() {
    let env = Env::new();
    let text = form_csv(&[("张三", "秘书处", 4), ("李四", "研究室", 2)]);
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable && std::str::from_utf8(&gbk).is_err(), "really GBK, not UTF-8");
    let f = env.write("回收.csv", &gbk);
    let out: Vec<serde_json::Value> = serde_json::from_str(&env.ok(&["score", &f, "-f", "json"])).unwrap();
    assert_eq!(out.len(), 2);
    assert_eq!(out[0]["subject"]["name"], "张三");
    assert_eq!(out[0]["subject"]["department"], "秘书处");
    assert_eq!(out[1]["subject"]["name"], "李四");
    // 较符合 is 4; every third item 4 % 5 + 1 = 5.
    assert_eq!(out[0]["answers"]["learning.routine"], 5);
    assert_eq!(out[0]["answers"]["learning.exploring"], 4);
}

#[test]
fn a_utf8_csv_with_a_byte_order_mark() {
    let env = Env::new();
    let text = format!("\u{feff}{}", form_csv(&[("王五", "办公室", 3)]));
    let f = env.write("bom.csv", text.as_bytes());
    let out = json(&env.ok(&["score", &f, "-f", "json"]));
    assert_eq!(out["subject"]["name"], "王五", "the first header is 姓名, not \\u{{feff}}姓名");
    assert_eq!(out["answers"]["learning.exploring"], 3);
}

#[test]
fn an_xlsx_with_option_labels_as_cells() {
    let env = Env::new();
    let (items, labels) = core();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "姓名").unwrap();
    sheet.write_string(0, 1, "角色").unwrap();
    for (k, (id, _)) in items.iter().enumerate() {
        sheet.write_string(0, 2 + k as u16, id).unwrap();
    }
    sheet.write_string(1, 0, "赵六").unwrap();
    sheet.write_string(1, 1, "上级").unwrap();
    sheet.write_string(2, 0, "钱七").unwrap();
    for k in 0..items.len() {
        let col = 2 + k as u16;
        sheet.write_string(1, col, &labels[k % 5]).unwrap();
        // Numbers come back from Excel as floats: 2.0 is 2.
        sheet.write_number(2, col, 2.0).unwrap();
    }
    let f = env.path("问卷.xlsx");
    book.save(&f).unwrap();
    let out: Vec<serde_json::Value> =
        serde_json::from_str(&env.ok(&["score", f.to_str().unwrap(), "-f", "json"])).unwrap();
    assert_eq!(out[0]["subject"]["name"], "赵六");
    assert_eq!(out[0]["rater"]["role"], "supervisor");
    assert_eq!(out[0]["answers"][&items[1].0], 2);
    assert_eq!(out[1]["answers"][&items[0].0], 2);
}

#[test]
fn columns_in_order_under_chinese_question_headers() {
    let env = Env::new();
    let (items, labels) = core();
    // What a form service exports: its own columns, then the questions.
    let mut text = String::from("序号,提交答卷时间,所用时间,姓名");
    for (k, (_, zh)) in items.iter().enumerate() {
        text.push_str(&format!(",{}. {zh}", k + 1));
    }
    text.push_str(",总分\n1,2026/11/28 9:31:02,412秒,孙八");
    for k in 0..items.len() {
        text.push(',');
        text.push_str(&labels[(k + 2) % 5]);
    }
    text.push_str(",120\n");
    let f = env.write("wjx.csv", text.as_bytes());

    let err = env.fails(&["score", &f]);
    assert!(err.contains("column A (序号) is neither a metadata column nor an item of rubric core"), "{err}");
    assert!(err.contains("--ignore-columns A"), "{err}");

    let out = json(&env.ok(&[
        "score",
        &f,
        "--columns",
        "order",
        "--ignore-columns",
        "序号,提交答卷时间,所用时间,总分",
        "-f",
        "json",
    ]));
    assert_eq!(out["subject"]["name"], "孙八");
    assert_eq!(out["answers"][&items[0].0], 3);
    assert_eq!(out["answers"][&items[1].0], 4);

    // The same by letters.
    let last = 4 + items.len(); // 0-based index of 总分
    let letter = |i: usize| -> String {
        let mut n = i + 1;
        let mut s = Vec::new();
        while n > 0 {
            s.push(b'A' + ((n - 1) % 26) as u8);
            n = (n - 1) / 26;
        }
        s.reverse();
        String::from_utf8(s).unwrap()
    };
    let range = format!("E:{}", letter(last - 1));
    let ignore = format!("A:C,{}", letter(last)).replace("A:C", "A,B,C");
    let out = json(&env.ok(&["score", &f, "--item-columns", &range, "--ignore-columns", &ignore, "-f", "json"]));
    assert_eq!(out["answers"][&items[1].0], 4);
}

#[test]
fn bad_cells_name_file_row_and_column() {
    let env = Env::new();
    let (items, _) = core();
    let mut text = String::from("name");
    for (id, _) in &items {
        text.push_str(&format!(",{id}"));
    }
    text.push('\n');
    text.push_str(&format!("张三{}\n", ",3".repeat(items.len())));
    text.push_str(&format!("李四,7,很好{}\n", ",3".repeat(items.len() - 2)));
    text.push_str("王五,1\n");
    let f = env.write("bad.csv", text.as_bytes());
    let err = env.fails(&["score", &f]);
    assert!(err.contains("bad.csv:3:2: row 3, column B (learning.routine): 7 is outside the scale 1 to 5"), "{err}");
    assert!(err.contains("bad.csv:3:3: row 3, column C (learning.exploring): \"很好\" is neither"), "{err}");
    assert!(
        err.contains(&format!("bad.csv:4: row 4 has 2 cells, but the header has {} columns", items.len() + 1)),
        "{err}"
    );
    assert!(err.contains("3 problems in the answers; nothing was scored"), "{err}");

    let out = env.run(&["score", &f, "--keep-going", "-f", "jsonl"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 scored, 2 rejected"));

    // And in Chinese.
    let out = bin().env("ZHIXING_LANG", "zh").args(["score", &f]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.csv:3:2: 第 3 行 B 列（learning.routine）：7 超出量表范围 1 到 5"), "{err}");
}

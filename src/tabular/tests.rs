use std::io::{BufRead, Read};

use super::cells::taken_at;
use super::decode::{Cell, Decoding, Encoding, sniff_encoding};
use super::*;
use crate::result::Role;
use crate::testing;

fn csv(text: &str, r: &Rubric, opts: &Options) -> Sheet {
    read(text.as_bytes(), Source::Csv, r, opts, Lang::En)
}

fn errors(s: &Sheet) -> Vec<String> {
    s.problems
        .iter()
        .chain(s.rows.iter().filter_map(|r| r.outcome.as_ref().err()).flatten())
        .filter(|p| p.diag.is_error())
        .map(|p| p.diag.message.clone())
        .collect()
}

#[test]
fn column_letters() {
    for (i, l) in [(0, "A"), (25, "Z"), (26, "AA"), (41, "AP"), (701, "ZZ"), (702, "AAA")] {
        assert_eq!(column_letter(i), l);
        assert_eq!(column_index(l), Some(i));
    }
    assert_eq!(column_index("ap"), Some(41));
    assert_eq!(column_index("A1"), None);
    assert_eq!(column_index("ABCD"), None);
    assert_eq!(parse_ranges("G:AP").map(|r| (r[0], r.len())), Some((6, 36)));
    assert_eq!(parse_ranges("D:F,H"), Some(vec![3, 4, 5, 7]));
    assert_eq!(parse_ranges("F:D"), None);
    assert_eq!(parse_ranges("x:1"), None);
    assert_eq!(parse_ranges(""), None);
}

#[test]
fn encodings_are_detected() {
    let text = "姓名,部门\n张三,秘书处\n";
    assert_eq!(decode(text.as_bytes()), text);
    let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    assert_eq!(decode(&bom), text);
    let (gbk, _, bad) = encoding_rs::GBK.encode(text);
    assert!(!bad && std::str::from_utf8(&gbk).is_err());
    assert_eq!(decode(&gbk), text);
}

#[test]
fn metadata_by_chinese_names_and_cells_in_any_language() {
    let t = "姓名,部门,角色,评价人,场次,时间,x,y,z\n\
             张三,秘书处,同事,李四,2026秋,2026/11/28 9:30,较符合,Always,３\n\
             王五,,,,,2026-11-28T09:30:00+08:00,1,经常,Very much like me\n";
    let offset = FixedOffset::east_opt(8 * 3600);
    let s = csv(t, &testing::strict().rubric, &Options { offset, ..Options::default() });
    assert_eq!(errors(&s), Vec::<String>::new());
    let rs = s.into_responses();
    assert_eq!(rs.len(), 2);
    let a = &rs[0];
    assert_eq!(a.subject.name, "张三");
    assert_eq!(a.subject.department.as_deref(), Some("秘书处"));
    assert_eq!((a.rater.role, a.rater.name.as_deref()), (Role::Peer, Some("李四")));
    assert_eq!(a.session.as_deref(), Some("2026秋"));
    assert_eq!(a.taken_at.as_deref(), Some("2026-11-28T09:30:00+08:00"));
    assert_eq!((a.answers["x"], a.answers["y"], a.answers["z"]), (Some(4), Some(5), Some(3)));
    let b = &rs[1];
    assert_eq!((b.rater.role, b.subject.department.clone()), (Role::SelfRating, None));
    assert_eq!((b.answers["x"], b.answers["y"], b.answers["z"]), (Some(1), Some(4), Some(5)));
}

#[test]
fn bad_cells_are_named_by_row_and_column() {
    let t = "name,x,y,z\n张三,6,maybe,\n李四,1,2\n,1,1,1\n";
    let s = csv(t, &testing::strict().rubric, &Options::default());
    let got = errors(&s);
    assert_eq!(got.len(), 5, "{got:#?}");
    assert!(got[0].starts_with("row 2, column B (x): 6 is outside the scale 1 to 5"), "{}", got[0]);
    assert!(got[1].starts_with("row 2, column C (y): \"maybe\" is neither"), "{}", got[1]);
    assert!(got[2].starts_with("row 2, column D (z): this rubric does not allow skipping"), "{}", got[2]);
    assert_eq!(got[3], "row 3 has 3 cells, but the header has 4 columns");
    assert!(got[4].starts_with("row 4, column A (name): the name is empty"), "{}", got[4]);
    let bad = s.rows[0].outcome.as_ref().unwrap_err();
    assert_eq!((bad[0].line, bad[0].column), (2, 2));
    let text = render_problem("f.csv", &bad[1], Lang::En);
    assert!(text.contains("f.csv:2:3: row 2, column C (y)"), "{text}");
    assert_eq!(s.counts(), (3, 5));
}

#[test]
fn unknown_columns_are_named_and_can_be_ignored() {
    let r = testing::strict().rubric;
    let t = "序号,提交答卷时间,姓名,x,y,z,总分\n1,2026/11/28,张三,1,2,3,6\n";
    let s = csv(t, &r, &Options::default());
    let got = errors(&s);
    // 提交答卷时间 is the submit time (SPEC §15); one service column alone
    // is not an export of the service.
    assert_eq!(got.len(), 2, "{got:#?}");
    assert!(got[0].starts_with("column A (序号) is neither a metadata column nor an item of rubric s"), "{}", got[0]);
    assert!(s.problems[0].diag.help.as_deref().unwrap().contains("--ignore-columns A"));
    assert!(got[1].starts_with("column G (总分)"));
    let opts = Options { ignore: vec!["A,提交答卷时间".into(), "g".into()], ..Options::default() };
    let s = csv(t, &r, &opts);
    assert_eq!(errors(&s), Vec::<String>::new());
    assert_eq!(s.into_responses()[0].answers["z"], Some(3));
    // Names of no column are warnings: the table is read all the same.
    let opts = Options { ignore: vec!["A,B,G,nope,Z".into()], ..Options::default() };
    let s = csv(t, &r, &opts);
    assert_eq!(errors(&s), Vec::<String>::new());
    let warned: Vec<&str> = s.problems.iter().map(|p| p.diag.message.as_str()).collect();
    assert!(warned.iter().any(|m| m.contains("\"nope\" is neither a header")), "{warned:#?}");
    assert!(warned.iter().any(|m| m.contains("--ignore-columns Z: the table ends at column G")), "{warned:#?}");
    assert_eq!(s.rows.len(), 1);
}

#[test]
fn columns_in_rubric_order_with_question_headers() {
    let r = testing::strict().rubric;
    let t = "姓名,1. 我会做甲。,2. 我会做乙。,3. 我会做丙。\n张三,1,2,3\n";
    // By their statements, the question numbers left out (SPEC §15).
    let s = csv(t, &r, &Options::default());
    assert_eq!(errors(&s), Vec::<String>::new());
    let a = &s.into_responses()[0];
    assert_eq!((a.answers["x"], a.answers["y"], a.answers["z"]), (Some(1), Some(2), Some(3)));
    let s = csv(&t.replace("我会做甲。", "我会做丁。"), &r, &Options::default());
    assert!(errors(&s)[0].contains("column B (1. 我会做丁。) is neither"));
    let s = csv(t, &r, &Options { columns: Some(Columns::Order), ..Options::default() });
    assert_eq!(errors(&s), Vec::<String>::new());
    let a = &s.into_responses()[0];
    assert_eq!((a.answers["x"], a.answers["y"], a.answers["z"]), (Some(1), Some(2), Some(3)));
    // One question too few.
    let t = "姓名,1. 我会做甲。,2. 我会做乙。\n张三,1,2\n";
    let s = csv(t, &r, &Options { columns: Some(Columns::Order), ..Options::default() });
    assert!(errors(&s)[0].contains("2 item columns (B–C), but rubric s has 3 items"), "{:?}", errors(&s));
}

#[test]
fn item_columns_by_letters() {
    let r = testing::strict().rubric;
    let t = "序号,姓名,来源,题1,题2,题3,总分\n1,张三,微信,5,4,3,12\n";
    let opts = Options { item_columns: Some("D:F".into()), ignore: vec!["A,C,G".into()], ..Options::default() };
    let s = csv(t, &r, &opts);
    assert_eq!(errors(&s), Vec::<String>::new());
    assert_eq!(s.into_responses()[0].answers["x"], Some(5));
    // Columns outside the range that are not metadata are left out, in one
    // warning (issue 12): --item-columns says which columns are items.
    let opts = Options { item_columns: Some("D:F".into()), ..Options::default() };
    let s = csv(t, &r, &opts);
    assert_eq!(errors(&s), Vec::<String>::new());
    let warned: Vec<&str> = s.problems.iter().map(|p| p.diag.message.as_str()).collect();
    assert_eq!(warned, ["columns A, C, G (3) are outside --item-columns and not metadata columns: left out"]);
    assert_eq!(s.into_responses()[0].answers["z"], Some(3));
    let opts = Options { item_columns: Some("D:Z".into()), ..Options::default() };
    assert!(errors(&csv(t, &r, &opts))[0].contains("goes beyond the table"));
}

#[test]
fn missing_columns_and_a_missing_name() {
    let s = csv("name,x,y\n张三,1,2\n", &testing::strict().rubric, &Options::default());
    assert_eq!(errors(&s), ["1 item has no column: z"]);
    let s = csv("name,learning.routine\n张三,4\n", &testing::core().rubric, &Options::default());
    assert!(errors(&s).is_empty());
    assert!(s.problems[0].diag.message.contains("59 items have no column and count as skipped"));
    let s = csv("x,y,z\n1,2,3\n", &testing::strict().rubric, &Options::default());
    assert_eq!(errors(&s), ["the header has no name column (name or 姓名)"]);
    let s = csv("", &testing::strict().rubric, &Options::default());
    assert_eq!(errors(&s), ["the table is empty"]);
}

#[test]
fn empty_cells_are_skipped_where_allowed() {
    let s = csv("name,learning.routine,learning.passive\n张三,,不适用\n", &testing::core().rubric, &Options::default());
    let rs = s.into_responses();
    assert_eq!(rs[0].answers["learning.routine"], None);
    assert_eq!(rs[0].answers["learning.passive"], None);
}

#[test]
fn stdin_is_sniffed() {
    assert_eq!(Source::detect("-", b"name,x\n"), Some(Source::Csv));
    assert_eq!(Source::detect("-", "姓名\tx\n".as_bytes()), Some(Source::Tsv));
    assert_eq!(Source::detect("-", b"[subject]\nname = \"a\"\n"), None);
    assert_eq!(Source::detect("-", b"{\"a\": 1}\n"), None);
    assert_eq!(Source::detect("-", b"PK\x03\x04rest"), Some(Source::Workbook));
    assert_eq!(Source::detect("a.XLSX", b""), Some(Source::Workbook));
    assert_eq!(Source::detect("a.csv", b""), Some(Source::Csv));
    assert_eq!(Source::detect("a.toml", b"x,y"), None);
}

#[test]
fn times_from_forms() {
    let off = FixedOffset::east_opt(8 * 3600).unwrap();
    let t = |s: &str| taken_at(&Cell::Text(s.into()), off);
    assert_eq!(t("2026/11/28 9:30:12").as_deref(), Some("2026-11-28T09:30:12+08:00"));
    assert_eq!(t("2026-11-28").as_deref(), Some("2026-11-28T00:00:00+08:00"));
    assert_eq!(t("2026-11-28T01:00:00Z").as_deref(), Some("2026-11-28T01:00:00+00:00"));
    assert_eq!(t("yesterday"), None);
    // Excel's serial 46354.5 is 2026-11-28 12:00.
    assert_eq!(taken_at(&Cell::Date(46354.5), off).as_deref(), Some("2026-11-28T12:00:00+08:00"));
    assert_eq!(taken_at(&Cell::Date(f64::NAN), off), None);
}

#[test]
fn a_workbook_with_labels_and_numbers_as_floats() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["姓名", "部门", "x", "y", "z"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "张三").unwrap();
    sheet.write_string(1, 1, "秘书处").unwrap();
    sheet.write_string(1, 2, "较符合").unwrap();
    sheet.write_number(1, 3, 2.0).unwrap();
    sheet.write_string(1, 4, "Never").unwrap(); // not a label, and z has no anchors
    sheet.write_string(2, 0, "李四").unwrap();
    sheet.write_number(2, 2, 4.0).unwrap();
    sheet.write_number(2, 3, 4.5).unwrap();
    sheet.write_number(2, 4, 5.0).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let s = read(&bytes, Source::Workbook, &testing::strict().rubric, &Options::default(), Lang::En);
    let got = errors(&s);
    assert_eq!(got.len(), 2, "{got:#?}");
    assert!(got[0].starts_with("row 2, column E (z): \"Never\" is neither"), "{}", got[0]);
    assert!(got[1].starts_with("row 3, column D (y): 4.5 is not a whole number"), "{}", got[1]);
    let s = read(b"PK\x03\x04not a zip", Source::Workbook, &testing::strict().rubric, &Options::default(), Lang::En);
    assert!(errors(&s)[0].starts_with("cannot read the workbook"));
}

#[test]
fn messages_in_chinese() {
    let s = read(
        "姓名,x,y,z\n张三,9,1,1\n".as_bytes(),
        Source::Csv,
        &testing::strict().rubric,
        &Options::default(),
        Lang::Zh,
    );
    let got = errors(&s);
    assert_eq!(got[0], "第 2 行 B 列（x）：9 超出量表范围 1 到 5");
}

#[test]
fn the_encoding_is_found_in_blocks_and_decoded_as_it_streams() {
    // Chinese text split at every block boundary: a tiny reader buffer.
    let text = "姓名,部门\n张三,秘书处\n李四,研究室\n".repeat(50);
    fn small(bytes: &[u8]) -> Box<dyn BufRead + '_> {
        Box::new(std::io::BufReader::with_capacity(7, bytes))
    }
    let utf8 = text.as_bytes().to_vec();
    assert_eq!(sniff_encoding(&|| Ok(small(&utf8))).unwrap(), Encoding::Utf8 { skip: 0 });
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let gbk = gbk.into_owned();
    let enc = sniff_encoding(&|| Ok(small(&gbk))).unwrap();
    assert_eq!(enc, Encoding::Other { enc: encoding_rs::GB18030, skip: 0 });
    let mut decoded = String::new();
    Decoding::new(small(&gbk), encoding_rs::GB18030).read_to_string(&mut decoded).unwrap();
    assert_eq!(decoded, text);
    // A UTF-8 file cut inside a character is UTF-8 all the same (that last
    // byte is a problem of its row), and so is one with a stray byte.
    let cut = &utf8[..utf8.len() - 2];
    assert_eq!(sniff_encoding(&|| Ok(small(cut))).unwrap(), Encoding::Utf8 { skip: 0 });
    let stray = [&utf8[..100], b"\xff".as_slice(), &utf8[100..]].concat();
    assert_eq!(sniff_encoding(&|| Ok(small(&stray))).unwrap(), Encoding::Utf8 { skip: 0 });
    let bom = [b"\xEF\xBB\xBF".as_slice(), &utf8].concat();
    assert_eq!(sniff_encoding(&|| Ok(small(&bom))).unwrap(), Encoding::Utf8 { skip: 3 });
}

#[test]
fn a_table_read_in_blocks_is_the_table_read_whole() {
    let r = testing::strict().rubric;
    let mut t = String::from("name,x,,y,z\n\n");
    for p in 0..3000 {
        t.push_str(&format!("p{p},{},,{},{}\n", p % 5 + 1, (p + 1) % 5 + 1, if p % 997 == 0 { 9 } else { 3 }));
    }
    let bytes = t.as_bytes();
    let open =
        || -> std::io::Result<Box<dyn BufRead + '_>> { Ok(Box::new(std::io::BufReader::with_capacity(64, bytes))) };
    let table = Table::open(&open, Source::Csv, &r, &Options::default(), Lang::En);
    assert!(!table.failed(), "{:?}", table.problems);
    let mut rows = table.reader(&open, Lang::En).unwrap();
    let mut seen = Vec::new();
    while let Some(block) = rows.next_block(100).unwrap() {
        assert!(block.len() <= 100);
        table.read_block(&block, &r, &Options::default(), Lang::En, &mut |rec| seen.push(rec));
    }
    assert_eq!(rows.count, 3000);
    let whole = read(bytes, Source::Csv, &r, &Options::default(), Lang::En);
    assert_eq!(whole.rows.len(), seen.len());
    let index = crate::response::ItemIndex::new(&r);
    for (a, b) in whole.rows.iter().zip(seen) {
        assert_eq!(a.row, b.row);
        match (&a.outcome, b.outcome) {
            (Ok(x), Ok(y)) => assert_eq!(*x, y.into_response(&index)),
            (Err(x), Err(y)) => assert_eq!(*x, y),
            (x, y) => panic!("{x:?} against {y:?}"),
        }
    }
    assert_eq!(whole.counts(), (4, 4), "rows 2, 999, 1996 and 2993 have a 9");
}

/// A name, department, session or rater with a control or bidi character
/// is refused, naming its cell; the other rows are read.
#[test]
fn control_and_bidi_characters_in_metadata_cells_are_refused() {
    let r = testing::strict().rubric;
    let t = "姓名,部门,角色,评价人,场次,x,y,z\n\
             张\u{202e}三,秘书\u{1b}[2J处,同事,李四\u{7},s\u{2066},1,2,3\n\
             王五,研究室,,,s\t1,1,2,3\n";
    let s = csv(t, &r, &Options::default());
    let got = errors(&s);
    assert_eq!(got.len(), 4, "{got:#?}");
    assert!(
        got[0].starts_with("row 2, column A (姓名): character 2, U+202E, changes the direction of text"),
        "{}",
        got[0]
    );
    assert!(got[1].starts_with("row 2, column B (部门): character 3 is the control character U+001B"), "{}", got[1]);
    assert!(got[2].starts_with("row 2, column D (评价人): character 3 is the control character U+0007"), "{}", got[2]);
    assert!(got[3].starts_with("row 2, column E (场次): character 2, U+2066"), "{}", got[3]);
    let bad = s.rows[0].outcome.as_ref().unwrap_err();
    assert_eq!((bad[0].line, bad[0].column), (2, 1));
    let rs = s.into_responses();
    assert_eq!(rs.len(), 1);
    assert_eq!(rs[0].session.as_deref(), Some("s\t1"));
}

/// CSV line numbers are the file's own for LF, CRLF and CR files alike,
/// past blank lines and a cell of two lines; the `file:line:column` prefix
/// and the row in the message agree.
#[test]
fn line_numbers_are_the_files_own_whatever_its_line_ends() {
    let r = testing::strict().rubric;
    let opts = Options { ignore: vec!["note".into()], ..Options::default() };
    for end in ["\n", "\r\n", "\r"] {
        let lines = ["name,x,y,z,note", "a,1,2,3,", "", "b,9,2,3,", "d,1,2,3,\"p", "q\"", "e,1,2,7,"];
        let t = lines.join(end) + end;
        let s = csv(&t, &r, &opts);
        let bad: Vec<&Problem> = s.rows.iter().filter_map(|r| r.outcome.as_ref().err()).flatten().collect();
        let places: Vec<(usize, usize)> = bad.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(places, [(4, 2), (7, 4)], "{end:?}");
        assert!(bad[0].diag.message.starts_with("row 4, column B (x)"), "{end:?}: {}", bad[0].diag.message);
        let shown = render_problem("f.csv", bad[1], Lang::En);
        assert!(shown.contains("f.csv:7:4: row 7, column D (z)"), "{end:?}: {shown}");
        let zh = read(t.as_bytes(), Source::Csv, &r, &opts, Lang::Zh);
        let p = &zh.rows[3].outcome.as_ref().unwrap_err()[0];
        assert!(render_problem("f.csv", p, Lang::Zh).contains("f.csv:7:4: 第 7 行 D 列（z）"), "{end:?}");
        assert_eq!(s.rows.iter().map(|r| r.row).collect::<Vec<_>>(), [2, 4, 5, 7], "{end:?}");
        // The header's problems are at its line too.
        let t = format!("{end}{end}name,x,y,w{end}a,1,2,3{end}");
        let s = csv(&t, &r, &Options::default());
        assert_eq!(s.problems.iter().map(|p| p.line).collect::<Vec<_>>(), [3], "{end:?}");
    }
}

/// A UTF-8 file with one byte that is not UTF-8 stays UTF-8: that byte is
/// a problem of its row and cell, and the other rows are read as they are.
#[test]
fn a_stray_byte_in_a_utf8_csv_is_a_problem_of_its_row() {
    let r = testing::strict().rubric;
    let mut t = "姓名,部门,x,y,z\n张三,秘书处,1,2,3\n李四,研究".as_bytes().to_vec();
    t.push(0xFF);
    t.extend_from_slice("室,1,2,3\n王五,办公室,1,2,3\n".as_bytes());
    let s = read(&t, Source::Csv, &r, &Options::default(), Lang::En);
    let got = errors(&s);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(got[0].starts_with("row 3, column B (部门): the byte 0xFF is not UTF-8"), "{}", got[0]);
    let bad = s.rows[1].outcome.as_ref().unwrap_err();
    assert_eq!((bad[0].line, bad[0].column), (3, 2));
    let names: Vec<String> = s.into_responses().into_iter().map(|r| r.subject.name).collect();
    assert_eq!(names, ["张三", "王五"]);
}

/// A row may be at most 16,384 columns and 16 MiB long: past that the
/// file is refused, naming its line, before the row is held.
#[test]
fn a_row_too_wide_or_too_long_is_refused_at_its_line() {
    let r = testing::strict().rubric;
    let wide = format!("name,x,y,z\na,1,2,3\n{}\n", ",".repeat(MAX_COLUMNS));
    let s = csv(&wide, &r, &Options::default());
    let got = errors(&s);
    assert_eq!(got, ["this row has more than 16384 columns, the most a sheet may have"], "{got:#?}");
    assert_eq!(s.problems[0].line, 3);
    let long = format!("name,x,y,z\na,1,2,3\nb,1,2,\"{}\"\n", "3".repeat(17 << 20));
    let s = csv(&long, &r, &Options::default());
    assert_eq!(errors(&s), ["this row is over 16 MiB, the most a row may be"]);
    assert_eq!(s.problems[0].line, 3);
}

#[test]
fn time_taken_in_every_form_a_service_writes() {
    use super::cells::seconds;
    let t = |s: &str| seconds(&Cell::Text(s.into()));
    assert_eq!(t("235秒"), Some(235.0));
    assert_eq!(t("3分55秒"), Some(235.0));
    assert_eq!(t("1小时2分3秒"), Some(3723.0));
    assert_eq!(t("235"), Some(235.0));
    assert_eq!(t(" ２３５ "), Some(235.0));
    assert_eq!(t("00:03:55"), Some(235.0));
    assert_eq!(t("3:55"), Some(235.0));
    assert_eq!(t("1:02:03"), Some(3723.0));
    assert_eq!(t("3分钟"), Some(180.0));
    assert_eq!(seconds(&Cell::Number(412.0)), Some(412.0));
    for bad in ["", "about", "3分x秒", "-5", "00:63:00", "1:2:3:4", "235s", "3.5分", "秒"] {
        assert_eq!(t(bad), None, "{bad:?}");
    }
    assert_eq!(seconds(&Cell::Number(-1.0)), None);
    assert_eq!(seconds(&Cell::Bool(true)), None);
}

#[test]
fn submit_times_in_every_form_a_service_writes() {
    let east8 = chrono::FixedOffset::east_opt(8 * 3600).unwrap();
    let t = |s: &str| taken_at(&Cell::Text(s.into()), east8);
    assert_eq!(t("2026/11/28 9:30:05").as_deref(), Some("2026-11-28T09:30:05+08:00"));
    assert_eq!(t("2026-11-28 09:30:05").as_deref(), Some("2026-11-28T09:30:05+08:00"));
    assert_eq!(t("28-Feb-2021 20:26:58").as_deref(), Some("2021-02-28T20:26:58+08:00"));
    assert_eq!(t("2026/11/28 9:30").as_deref(), Some("2026-11-28T09:30:00+08:00"));
    assert_eq!(t("2026-11-28T09:30:05-05:00").as_deref(), Some("2026-11-28T09:30:05-05:00"));
    // A spreadsheet's date cell: days since 1899-12-30 (46354 is
    // 2026-11-28) and the fraction of a day, rounded to the second.
    let when = 46354.0 + (9.0 * 3600.0 + 30.0 * 60.0 + 5.0) / 86_400.0;
    assert_eq!(taken_at(&Cell::Date(when), east8).as_deref(), Some("2026-11-28T09:30:05+08:00"));
    for bad in ["2026-13-45 09:30:05", "yesterday", "28-Foo-2021 20:26:58"] {
        assert_eq!(t(bad), None, "{bad:?}");
    }
}

#[test]
fn question_numbers_before_a_header_are_left_out() {
    use super::columns::bare;
    for h in [
        "1、姓名",
        "2.部门",
        "2. 部门",
        "Q3 姓名",
        "q3.姓名",
        "第3题 姓名",
        "第3题：姓名",
        "(3)姓名",
        "（3）姓名",
        "3) 姓名",
        "姓名 ",
    ] {
        let want = if h.contains('部') { "部门" } else { "姓名" };
        assert_eq!(bare(h), want, "{h:?}");
    }
    // Not question numbers.
    assert_eq!(bare("3.5分"), "3.5分");
    assert_eq!(bare("2026"), "2026");
    assert_eq!(bare("learning.routine"), "learning.routine");
    assert_eq!(bare("10、learning.routine"), "learning.routine");
}

#[test]
fn a_wjx_export_is_recognised_and_its_codes_are_skips() {
    let r = testing::strict().rubric;
    let t = "序号,提交答卷时间,所用时间,来源,来源详情,来自IP,1、姓名,2、x,3、y,4、z,总分\n\
             1,2026/11/28 9:30:05,3分55秒,手机提交,直接访问,1.2.3.4,张三,-2,-3,4,4\n";
    let opts = Options { offset: chrono::FixedOffset::east_opt(8 * 3600), ..Options::default() };
    let s = csv(t, &r, &opts);
    // strict does not allow skipping: −2 and −3 are skips it refuses.
    let got = errors(&s);
    assert_eq!(got.len(), 2, "{got:#?}");
    assert!(got[0].starts_with("row 2, column H (2、x): this rubric does not allow skipping"), "{}", got[0]);
    let mut r = r;
    r.scale.allow_skip = true;
    let mut s = csv(t, &r, &opts);
    assert_eq!(errors(&s), Vec::<String>::new());
    let bytes = t.as_bytes();
    let open = || -> std::io::Result<Box<dyn BufRead + '_>> { Ok(Box::new(bytes)) };
    let table = Table::open(&open, Source::Csv, &r, &opts, Lang::En);
    assert_eq!(table.recognised, Some(Recognised { service: Service::Wjx, columns: 7 }));
    assert_eq!(table.reads_times(), (true, true));
    let row = s.rows.remove(0).outcome.unwrap();
    assert_eq!((row.answers["x"], row.answers["y"], row.answers["z"]), (None, None, Some(4)));
    assert_eq!(row.taken_at.as_deref(), Some("2026-11-28T09:30:05+08:00"));
    assert_eq!(row.seconds, Some(235.0));
}

#[test]
fn attribute_columns_by_header_or_letter() {
    let r = testing::strict().rubric;
    let t = "姓名,3、职级,年龄段 ,x,y,z\n张三,科员,30-39,1,2,3\n李四,,40-49,1,2,3\n";
    let opts = Options { attributes: vec!["职级".into(), "C".into()], ..Options::default() };
    let s = csv(t, &r, &opts);
    assert_eq!(errors(&s), Vec::<String>::new());
    let rows: Vec<_> = s.rows.into_iter().map(|r| r.outcome.unwrap()).collect();
    let attrs = |k: usize| rows[k].subject.attributes.iter().map(|(a, b)| (a.clone(), b.clone())).collect::<Vec<_>>();
    assert_eq!(attrs(0), [("职级".to_string(), "科员".to_string()), ("年龄段".into(), "30-39".into())]);
    // An empty cell is no attribute.
    assert_eq!(attrs(1), [("年龄段".to_string(), "40-49".to_string())]);
    // One the table does not have; a header with a control character.
    let opts = Options { attributes: vec!["职级,级别".into()], ..Options::default() };
    let got = errors(&csv(t, &r, &opts));
    assert!(got.iter().any(|e| e.contains("--attribute-columns \"级别\" is neither")), "{got:#?}");
    let opts = Options { attributes: vec!["B".into()], ..Options::default() };
    let got = errors(&csv(&t.replace("3、职级", "职\u{1b}级"), &r, &opts));
    assert!(got.iter().any(|e| e.starts_with("row 1, column B") && e.contains("U+001B")), "{got:#?}");
}

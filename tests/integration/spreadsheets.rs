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

    // 问卷星's own columns are known, the questions found by their statements.
    let out = json(&env.ok(&["score", &f, "-f", "json"]));
    assert_eq!(out["subject"]["name"], "孙八");
    assert_eq!(out["answers"][&items[0].0], 3);
    assert_eq!(out["quality"]["seconds"], 412.0);

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
    assert!(err.contains("bad.csv:3:3: row 3, column C (learning.passive): \"很好\" is neither"), "{err}");
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

// Hostile workbooks (SPEC §12), built here: each is read within 1 GiB of
// memory and refused with exit 2 and a message, never by an abort.

use std::io::Write;

use crate::common::{in_1_gib, refused_saying};

/// A zip of these parts, deflated.
fn zip_of(parts: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const DOC: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// An .xlsx of one sheet written by hand: what is inside `<worksheet>`,
/// and the shared strings part where there is one.
fn raw_xlsx(sheet: &str, strings: Option<Vec<u8>>) -> Vec<u8> {
    let mut parts = vec![
        (
            "_rels/.rels",
            format!(r#"<?xml version="1.0"?><Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#).into_bytes(),
        ),
        (
            "xl/workbook.xml",
            format!(r#"<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="{DOC}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#).into_bytes(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(r#"<?xml version="1.0"?><Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#).into_bytes(),
        ),
        ("xl/worksheets/sheet1.xml", format!(r#"<?xml version="1.0"?><worksheet xmlns="{MAIN}">{sheet}</worksheet>"#).into_bytes()),
    ];
    if let Some(s) = strings {
        parts.push(("xl/sharedStrings.xml", s));
    }
    zip_of(&parts)
}

/// A row of inline strings and numbers, from column A.
fn xml_row(row: usize, cells: &[&str]) -> String {
    let mut out = format!(r#"<row r="{row}">"#);
    for (k, c) in cells.iter().enumerate() {
        let at = format!("{}{row}", column(k));
        match c.parse::<f64>() {
            Ok(_) => out.push_str(&format!(r#"<c r="{at}"><v>{c}</v></c>"#)),
            Err(_) => out.push_str(&format!(r#"<c r="{at}" t="inlineStr"><is><t>{c}</t></is></c>"#)),
        }
    }
    out + "</row>"
}

fn column(i: usize) -> String {
    let mut n = i + 1;
    let mut s = Vec::new();
    while n > 0 {
        s.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap()
}

/// The header of the core rubric (姓名 and the item ids) and one row of 3s.
fn core_rows() -> (Vec<String>, Vec<String>) {
    let ids = crate::common::item_ids();
    let head: Vec<String> = std::iter::once("姓名".to_string()).chain(ids.iter().cloned()).collect();
    let row: Vec<String> = std::iter::once("张三".to_string()).chain(ids.iter().map(|_| "3".to_string())).collect();
    (head, row)
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

#[test]
fn a_workbook_written_by_hand_is_read_by_its_cells() {
    let env = Env::new();
    let (head, row) = core_rows();
    // The sheet declares far more than it has, and leaves cells out.
    let sheet = format!(
        r#"<dimension ref="A1:XFD1048576"/><sheetData>{}{}</sheetData>"#,
        xml_row(1, &strs(&head)),
        xml_row(2, &strs(&row))
    );
    let f = env.write("hand.xlsx", &raw_xlsx(&sheet, None));
    let out = in_1_gib(env.dir.path(), &["score", &f, "-f", "json"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc = json(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(doc["subject"]["name"], "张三");
    assert_eq!(doc["answers"]["learning.routine"], 3);
}

/// A 2 KB workbook with one cell at XFD1048576 (calamine laid out 17
/// billion cells for it and aborted): read by its cells, the cell is a
/// column with data and no header.
#[test]
fn a_cell_at_xfd1048576_is_one_cell() {
    let env = Env::new();
    let sheet = format!(
        r#"<dimension ref="A1:XFD1048576"/><sheetData>{}<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>"#,
        xml_row(1, &["姓名"])
    );
    let book = raw_xlsx(&sheet, None);
    assert!(book.len() < 4096, "{}", book.len());
    let f = env.write("far.xlsx", &book);
    refused_saying(&in_1_gib(env.dir.path(), &["score", &f], None), "column XFD has data but no header");
}

#[test]
fn a_declared_range_beyond_a_sheet_is_refused() {
    let env = Env::new();
    let sheet = format!(r#"<dimension ref="A1:XFE2000000"/><sheetData>{}</sheetData>"#, xml_row(1, &["姓名"]));
    let f = env.write("beyond.xlsx", &raw_xlsx(&sheet, None));
    let out = in_1_gib(env.dir.path(), &["score", &f], None);
    refused_saying(&out, "the sheet declares the range A1:XFE2000000, beyond 1,048,576 rows × 16,384 columns");
    refused_saying(&out, "beyond.xlsx");
}

/// A workbook of some 70 KB with one shared string of 64 MiB that many
/// cells use (it grew past 15 GB): the first cell that uses it is over
/// the limit of one cell's text.
#[test]
fn a_huge_shared_string_used_by_many_cells_is_refused() {
    let env = Env::new();
    let mut sst =
        format!(r#"<?xml version="1.0"?><sst xmlns="{MAIN}" count="2000" uniqueCount="1"><si><t>"#).into_bytes();
    sst.extend(std::iter::repeat_n(b'A', 64 << 20));
    sst.extend_from_slice(b"</t></si></sst>");
    let mut data = xml_row(1, &["姓名", "learning.routine"]);
    for r in 2..1000 {
        data.push_str(&format!(r#"<row r="{r}"><c r="A{r}" t="s"><v>0</v></c><c r="B{r}" t="s"><v>0</v></c></row>"#));
    }
    let book = raw_xlsx(&format!("<sheetData>{data}</sheetData>"), Some(sst));
    assert!(book.len() < 200 << 10, "{}", book.len());
    let f = env.write("sst.xlsx", &book);
    refused_saying(&in_1_gib(env.dir.path(), &["score", &f], None), "the cell A2 holds over 1 MiB of text");
}

#[test]
fn shared_strings_beyond_the_limit_are_refused_before_room_is_made_for_them() {
    let env = Env::new();
    let sst = format!(
        r#"<?xml version="1.0"?><sst xmlns="{MAIN}" count="4000000000" uniqueCount="4000000000"><si><t>x</t></si></sst>"#
    );
    let sheet = format!("<sheetData>{}</sheetData>", xml_row(1, &["姓名"]));
    let f = env.write("count.xlsx", &raw_xlsx(&sheet, Some(sst.into_bytes())));
    refused_saying(&in_1_gib(env.dir.path(), &["score", &f], None), "more than 2097152 shared strings");
}

#[test]
fn a_workbook_over_256_mib_uncompressed_is_refused() {
    let env = Env::new();
    let padding = " ".repeat(257 << 20);
    let sheet = format!("<sheetData>{}</sheetData>{padding}", xml_row(1, &["姓名"]));
    let f = env.write("bomb.xlsx", &raw_xlsx(&sheet, None));
    refused_saying(&in_1_gib(env.dir.path(), &["score", &f], None), "over 256 MiB uncompressed");
}

/// A BIFF record.
pub(crate) fn rec(t: u16, data: &[u8]) -> Vec<u8> {
    [&t.to_le_bytes()[..], &(data.len() as u16).to_le_bytes(), data].concat()
}

pub(crate) fn xls_number(row: u16, col: u16, v: f64) -> Vec<u8> {
    rec(0x0203, &[&row.to_le_bytes()[..], &col.to_le_bytes(), &[0, 0], &v.to_le_bytes()].concat())
}

pub(crate) fn xls_label(row: u16, col: u16, text: &str) -> Vec<u8> {
    let units: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let n = text.encode_utf16().count() as u16;
    rec(0x0204, &[&row.to_le_bytes()[..], &col.to_le_bytes(), &[0, 0], &n.to_le_bytes(), &[1], &units].concat())
}

/// An .xls: a compound file holding a BIFF8 Workbook stream of one sheet
/// made of these records (`globals` added to the workbook's own).
pub(crate) fn xls(sheet: &[u8]) -> Vec<u8> {
    xls_with(&[], sheet)
}

fn xls_with(globals: &[u8], sheet: &[u8]) -> Vec<u8> {
    let bof = |dt: u16| rec(0x0809, &[&0x0600u16.to_le_bytes()[..], &dt.to_le_bytes(), &[0u8; 12]].concat());
    let mut stream = bof(0x0005);
    stream.extend_from_slice(globals);
    let bound = stream.len() + 4;
    stream.extend(rec(0x0085, &[0, 0, 0, 0, 0, 0, 1, 0, b'S']));
    stream.extend(rec(0x000A, &[]));
    let pos = stream.len() as u32;
    stream[bound..bound + 4].copy_from_slice(&pos.to_le_bytes());
    stream.extend(bof(0x0010));
    stream.extend_from_slice(sheet);
    stream.extend(rec(0x000A, &[]));
    compound(stream)
}

/// A compound file (version 4, sectors of 4096 bytes) of one stream,
/// "Workbook".
fn compound(mut stream: Vec<u8>) -> Vec<u8> {
    const SECTOR: usize = 4096;
    let len = stream.len().max(4096);
    stream.resize(len.div_ceil(SECTOR) * SECTOR, 0);
    let data = stream.len() / SECTOR;
    // The allocation table's own sectors first, then the directory, then the stream.
    let mut fats = 1;
    while fats * 1024 < fats + 1 + data {
        fats += 1;
    }
    assert!(fats <= 109, "the header lists every sector of the table");
    let u32s = |v: &[u32]| -> Vec<u8> { v.iter().flat_map(|x| x.to_le_bytes()).collect() };
    let mut header = vec![0u8; SECTOR];
    header[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    for (at, v) in [(0x18, 0x3Eu16), (0x1A, 4), (0x1C, 0xFFFE), (0x1E, 12), (0x20, 6)] {
        header[at..at + 2].copy_from_slice(&v.to_le_bytes());
    }
    let dir = fats as u32;
    for (at, v) in
        [(0x2C, fats as u32), (0x30, dir), (0x38, 4096), (0x3C, 0xFFFF_FFFE), (0x40, 0), (0x44, 0xFFFF_FFFE), (0x48, 0)]
    {
        header[at..at + 4].copy_from_slice(&v.to_le_bytes());
    }
    let mut difat = vec![0xFFFF_FFFFu32; 109];
    for (k, d) in difat.iter_mut().enumerate().take(fats) {
        *d = k as u32;
    }
    header[0x4C..512].copy_from_slice(&u32s(&difat));
    let mut fat = vec![0xFFFF_FFFFu32; fats * 1024];
    for f in fat.iter_mut().take(fats) {
        *f = 0xFFFF_FFFD;
    }
    fat[fats] = 0xFFFF_FFFE;
    let first = fats as u32 + 1;
    for k in 0..data {
        fat[fats + 1 + k] = if k + 1 < data { first + k as u32 + 1 } else { 0xFFFF_FFFE };
    }
    let entry = |name: &str, kind: u8, start: u32, size: u64| {
        let mut e = vec![0u8; 128];
        let units: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        e[..units.len()].copy_from_slice(&units);
        e[64..66].copy_from_slice(&((units.len() + 2) as u16).to_le_bytes());
        e[66] = kind;
        e[68..80].copy_from_slice(&[0xFF; 12]);
        e[116..120].copy_from_slice(&start.to_le_bytes());
        e[120..128].copy_from_slice(&size.to_le_bytes());
        e
    };
    // A root of version 4 names a sector (its mini stream, empty here).
    let mut dirs = [entry("Root Entry", 5, first, 0), entry("Workbook", 2, first, len as u64)].concat();
    dirs.resize(SECTOR, 0);
    [header, u32s(&fat), dirs, stream].concat()
}

#[test]
fn an_xls_is_read() {
    let env = Env::new();
    let (head, row) = core_rows();
    let mut sheet = Vec::new();
    for (c, h) in head.iter().enumerate() {
        sheet.extend(xls_label(0, c as u16, h));
    }
    sheet.extend(xls_label(1, 0, &row[0]));
    for c in 1..row.len() {
        sheet.extend(xls_number(1, c as u16, 4.0));
    }
    let f = env.write("wjx.xls", &xls(&sheet));
    let out = in_1_gib(env.dir.path(), &["score", &f, "-f", "json"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc = json(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(doc["subject"]["name"], "张三");
    assert_eq!(doc["answers"]["learning.routine"], 4);
}

/// Two cells of an .xls far apart, which calamine lays out as a grid of
/// every cell between them: refused before it does.
#[test]
fn an_xls_whose_cells_span_a_huge_grid_is_refused() {
    let env = Env::new();
    let sheet = [xls_label(0, 0, "姓名"), xls_number(65535, 255, 1.0)].concat();
    let f = env.write("far.xls", &xls(&sheet));
    refused_saying(&in_1_gib(env.dir.path(), &["score", &f], None), "more than 2097152 cells");
    // Declared dimensions calamine would reserve room for.
    let dims = rec(
        0x0200,
        &[&0u32.to_le_bytes()[..], &u32::MAX.to_le_bytes(), &0u16.to_le_bytes(), &255u16.to_le_bytes(), &[0, 0]]
            .concat(),
    );
    let f = env.write("dims.xls", &xls(&[dims, xls_label(0, 0, "姓名")].concat()));
    refused_saying(&in_1_gib(env.dir.path(), &["score", &f], None), "more than 2097152 cells");
}

/// An .ods of one sheet made of these rows.
fn ods(rows: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="S">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    zip_of(&[
        ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet".to_vec()),
        ("content.xml", content.into_bytes()),
        (
            "META-INF/manifest.xml",
            br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#.to_vec(),
        ),
    ])
}

fn ods_row(cells: &[String]) -> String {
    let cell = |c: &String| match c.parse::<f64>() {
        Ok(v) => format!(r#"<table:table-cell office:value-type="float" office:value="{v}"/>"#),
        Err(_) => format!(r#"<table:table-cell office:value-type="string"><text:p>{c}</text:p></table:table-cell>"#),
    };
    format!("<table:table-row>{}</table:table-row>", cells.iter().map(cell).collect::<String>())
}

#[test]
fn an_ods_is_read_and_one_whose_rows_repeat_into_a_huge_grid_is_refused() {
    let env = Env::new();
    let (head, row) = core_rows();
    let f = env.write("ok.ods", &ods(&(ods_row(&head) + &ods_row(&row))));
    let out = in_1_gib(env.dir.path(), &["score", &f, "-f", "json"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(json(&String::from_utf8(out.stdout).unwrap())["subject"]["name"], "张三");
    let wide = r#"<table:table-row><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="2000"/></table:table-row>"#;
    let rows = format!(
        r#"{wide}<table:table-row table:number-rows-repeated="1000000"><table:table-cell/></table:table-row>{wide}"#
    );
    let f = env.write("repeat.ods", &ods(&rows));
    refused_saying(&in_1_gib(env.dir.path(), &["score", &f], None), "more than 2097152 cells");
}

/// The parts calamine reads whole or builds much of are bounded too: the
/// styles (a whole style for each), any part but sheets and strings, the
/// sheets of an .xls or .ods (every one read), an .xls's shared strings.
#[test]
fn every_part_calamine_builds_from_is_bounded() {
    let env = Env::new();
    let sheet = format!("<sheetData>{}</sheetData>", xml_row(1, &["姓名"]));
    // The parts of a good workbook, and one more.
    let mut base = zip::ZipArchive::new(std::io::Cursor::new(raw_xlsx(&sheet, None))).unwrap();
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..base.len() {
        let mut f = base.by_index(i).unwrap();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut data).unwrap();
        parts.push((f.name().unwrap().to_string(), data));
    }
    let with = |name: &str, data: Vec<u8>| {
        let mut all: Vec<(&str, Vec<u8>)> = parts.iter().map(|(n, d)| (n.as_str(), d.clone())).collect();
        all.push((name, data));
        zip_of(&all)
    };
    let styles = format!(
        r#"<?xml version="1.0"?><styleSheet xmlns="{MAIN}"><cellXfs>{}</cellXfs></styleSheet>"#,
        r#"<xf numFmtId="0"></xf>"#.repeat(70_000)
    );
    let f = env.write("styles.xlsx", &with("xl/styles.xml", styles.into_bytes()));
    refused_saying(&in_1_gib(env.dir.path(), &["score", &f], None), "more than 65536 cell styles");
    let theme = format!("<a>{}</a>", " ".repeat(17 << 20));
    let f = env.write("theme.xlsx", &with("xl/theme/theme1.xml", theme.into_bytes()));
    let out = in_1_gib(env.dir.path(), &["score", &f], None);
    refused_saying(&out, "its part xl/theme/theme1.xml is over 16 MiB uncompressed");

    let tables = r#"<table:table table:name="S"><table:table-row><table:table-cell/></table:table-row></table:table>"#
        .repeat(2000);
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"#
    );
    let mime = b"application/vnd.oasis.opendocument.spreadsheet".to_vec();
    let f = env.write("tables.ods", &zip_of(&[("mimetype", mime), ("content.xml", content.into_bytes())]));
    refused_saying(&in_1_gib(env.dir.path(), &["score", &f], None), "it has more than 1024 sheets");

    let sheets: Vec<u8> = (0..2000).flat_map(|_| rec(0x0085, &[0, 0, 0, 0, 0, 0, 1, 0, b'S'])).collect();
    let f = env.write("sheets.xls", &xls_with(&sheets, &xls_label(0, 0, "姓名")));
    refused_saying(&in_1_gib(env.dir.path(), &["score", &f], None), "it has more than 1024 sheets");
    let mut sst = rec(0x00FC, &[0u8; 8]);
    for _ in 0..2100 {
        sst.extend(rec(0x003C, &[0u8; 8000]));
    }
    let f = env.write("strings.xls", &xls_with(&sst, &xls_label(0, 0, "姓名")));
    refused_saying(&in_1_gib(env.dir.path(), &["score", &f], None), "its shared strings are over 16 MiB");
}

/// What Excel and 问卷星 write (CRLF), and old Mac files (CR): the line in
/// `file:line:column` is the file's own and the row in the message agrees.
#[test]
fn crlf_and_cr_csv_files_are_named_at_their_own_lines() {
    let env = Env::new();
    let ids = crate::common::item_ids();
    for (name, end) in [("crlf.csv", "\r\n"), ("cr.csv", "\r"), ("lf.csv", "\n")] {
        let rows = [
            format!("name,{}", ids.join(",")),
            format!("张三{}", ",3".repeat(ids.len())),
            String::new(),
            format!("李四,9{}", ",3".repeat(ids.len() - 1)),
        ];
        let f = env.write(name, (rows.join(end) + end).as_bytes());
        let err = env.fails(&["score", &f]);
        assert!(err.contains(&format!("{name}:4:2: row 4, column B (learning.routine): 9 is outside")), "{err}");
        let zh = bin().env("ZHIXING_LANG", "zh").args(["score", &f]).output().unwrap();
        assert!(String::from_utf8_lossy(&zh.stderr).contains(&format!("{name}:4:2: 第 4 行 B 列")), "{name}");
    }
}

/// The letters of a 0-based column: 0 → A, 26 → AA.
fn letters(mut i: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap()
}

/// A 问卷星 export: six columns of its own (A–F), then 姓名 and 部门, then
/// the items from column I, the option text in the cells.
fn wjx_csv(people: &[(&str, &str)]) -> (String, String) {
    let (items, labels) = core();
    let mut out = String::from("序号,提交答卷时间,所用时间,来源,来源详情,来自IP,姓名,部门");
    for (id, _) in &items {
        out.push(',');
        out.push_str(id);
    }
    out.push_str("\r\n");
    for (n, (name, dept)) in people.iter().enumerate() {
        out.push_str(&format!("{},2026/11/28 9:30:05,235秒,手机提交,直接访问,10.0.0.{n},{name},{dept}", n + 1));
        for k in 0..items.len() {
            out.push(',');
            out.push_str(&labels[(n + k) % 5]);
        }
        out.push_str("\r\n");
    }
    (out, format!("I:{}", letters(7 + items.len())))
}

#[test]
fn ignore_columns_takes_letter_ranges_as_item_columns_does() {
    let env = Env::new();
    let (text, _) = wjx_csv(&[("张三", "秘书处"), ("李四", "研究室")]);
    let f = env.write("问卷星.csv", text.as_bytes());
    // As it comes (SPEC §15), and with its columns left out by hand.
    let out: Vec<serde_json::Value> = serde_json::from_str(&env.ok(&["score", &f, "-f", "json"])).unwrap();
    assert_eq!(out[0]["quality"]["seconds"], 235.0);
    let out: Vec<serde_json::Value> =
        serde_json::from_str(&env.ok(&["score", &f, "--ignore-columns", "A:F", "-f", "json"])).unwrap();
    assert_eq!(out.len(), 2);
    assert_eq!(out[1]["subject"]["name"], "李四");
    // Ranges, letters and names together, in Chinese punctuation too.
    let out = env.run(&["score", &f, "--ignore-columns", "A-C，D,来源详情,F", "-f", "json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.trim_end().ends_with("问卷星.csv: Wenjuanxing (问卷星) export: 6 metadata columns left out"), "{err}");
}

#[test]
fn item_columns_alone_leaves_the_other_columns_out_in_one_note() {
    let env = Env::new();
    let (text, items) = wjx_csv(&[("张三", "秘书处"), ("李四", "研究室")]);
    let f = env.write("问卷星.csv", text.as_bytes());
    for (lang, note) in [
        // 问卷星's own columns are known: no column is left out unknown.
        ("en", "问卷星.csv: Wenjuanxing (问卷星) export: 6 metadata columns left out; time taken and submit time read"),
        ("zh", "问卷星.csv: 问卷星导出：忽略 6 列元数据，用时和提交时间已读取"),
    ] {
        let out = env.run(&["--lang", lang, "score", &f, "--item-columns", &items, "-f", "json"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{lang}: {err}");
        assert_eq!(err.lines().filter(|l| !l.trim().is_empty()).count(), 1, "one note, no error: {err}");
        assert!(err.contains(note), "{lang}: {err}");
        let out: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(out[0]["subject"]["department"], "秘书处", "metadata outside the range is still read");
    }
}

#[test]
fn score_session_fills_the_rows_that_name_none() {
    let env = Env::new();
    let f = env.write("回收.csv", form_csv(&[("张三", "秘书处", 4), ("李四", "研究室", 2)]).as_bytes());
    let out: Vec<serde_json::Value> =
        serde_json::from_str(&env.ok(&["score", &f, "--session", "2026秋季班", "-f", "json"])).unwrap();
    assert!(out.iter().all(|r| r["session"] == "2026秋季班"), "{out:#?}");
    // A row's own session wins; an empty cell takes --session.
    let text = form_csv(&[("张三", "秘书处", 4), ("李四", "研究室", 2)]).replacen("姓名,部门", "姓名,场次", 1);
    let text = text.replacen("张三,秘书处", "张三,第一期", 1).replacen("李四,研究室", "李四,", 1);
    let f = env.write("场次.csv", text.as_bytes());
    let out: Vec<serde_json::Value> =
        serde_json::from_str(&env.ok(&["score", &f, "--session", "2026秋季班", "-f", "json"])).unwrap();
    assert_eq!(out[0]["session"], "第一期");
    assert_eq!(out[1]["session"], "2026秋季班");
    // So for an answers file, and JSON Lines, saved to the store.
    let doc = serde_json::json!({"subject": {"name": "王五"}, "answers": {"learning.routine": 4}});
    let own = serde_json::json!({"session": "第二期", "subject": {"name": "赵六"}, "answers": {"learning.routine": 3}});
    let f = env.write("a.jsonl", format!("{doc}\n{own}\n").as_bytes());
    env.ok(&["score", &f, "--session", "2026秋季班", "--save"]);
    let group = env.ok(&["group", "--session", "2026秋季班", "--min-group", "1", "-f", "json"]);
    assert_eq!(crate::common::json(&group)["n"], 1, "{group}");
}

#[test]
fn a_session_with_a_control_character_is_refused_in_the_catalogue() {
    let env = Env::new();
    let f = env.write("回收.csv", form_csv(&[("张三", "秘书处", 4)]).as_bytes());
    for (lang, says) in [
        ("en", "--session: character 4 is the control character U+001B"),
        ("zh", "--session 的第 4 个字符是控制字符 U+001B"),
    ] {
        let err = env.refused(&["--lang", lang, "score", &f, "--session", "第一期\u{1b}[2J"]);
        assert!(err.contains(says), "{lang}: {err}");
        assert!(!err.contains('\u{1b}'), "shown escaped, never as it is: {err}");
    }
}

/// An answers spreadsheet (or any answers file) given to `group` is named
/// for what it is, with the command that scores it; never read as JSON.
#[test]
fn group_and_import_given_answers_say_to_score_them_first() {
    let env = Env::new();
    let (items, labels) = core();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "姓名").unwrap();
    for (k, (id, _)) in items.iter().enumerate() {
        sheet.write_string(0, 1 + k as u16, id).unwrap();
        sheet.write_string(1, 1 + k as u16, &labels[k % 5]).unwrap();
    }
    sheet.write_string(1, 0, "赵六").unwrap();
    let xlsx = env.path("问卷.xlsx");
    book.save(&xlsx).unwrap();
    let xlsx = xlsx.to_str().unwrap().to_string();
    // The same workbook and a CSV under names that do not say what they are.
    let zipped = env.write("export.dat", &std::fs::read(&xlsx).unwrap());
    let csv = env.write("回收.csv", form_csv(&[("张三", "秘书处", 4)]).as_bytes());
    let bare_csv = env.write("回收", form_csv(&[("张三", "秘书处", 4)]).as_bytes());
    let toml = env.write("a.toml", crate::common::template("zh").as_bytes());
    let toml_txt = env.write("a.txt", crate::common::template("zh").as_bytes());
    let json = env.write("a.json", r#"{"subject": {"name": "王五"}, "answers": {"learning.routine": 4}}"#);
    for (file, en, zh) in [
        (&xlsx, "this is a spreadsheet of answers (an Excel workbook)", "这是答卷表格（Excel 工作簿）"),
        (&zipped, "this is a spreadsheet of answers (an Excel workbook)", "这是答卷表格（Excel 工作簿）"),
        (&csv, "this is a spreadsheet of answers (CSV)", "这是答卷表格（CSV）"),
        (&bare_csv, "this is a spreadsheet of answers (CSV)", "这是答卷表格（CSV）"),
        (&toml, "this is an answers file (TOML)", "这是答卷文件（TOML）"),
        (&toml_txt, "this is an answers file (TOML)", "这是答卷文件（TOML）"),
        (&json, "this is answers (JSON), not a scored result", "这是答卷（JSON），不是评分结果"),
    ] {
        for (lang, says, run) in [("en", en, "run `zhixing score"), ("zh", zh, "先运行 `zhixing score")] {
            let err = env.refused(&["--lang", lang, "group", file]);
            assert!(err.contains(says), "{lang} {file}: {err}");
            assert!(err.contains(run), "{lang} {file}: {err}");
            assert!(!err.contains("JSON syntax") && !err.contains("JSON 语法"), "{lang} {file}: {err}");
            assert!(err.len() < 2000, "no bytes of the file are printed: {err}");
        }
        // report says the same, and that scoring shows the report.
        for (lang, says) in [("en", en), ("zh", zh)] {
            let err = env.refused(&["--lang", lang, "report", file]);
            assert!(err.contains(says) && err.contains("`zhixing score"), "{lang} {file}: {err}");
            assert!(!err.contains("JSON syntax") && !err.contains("JSON 语法"), "{lang} {file}: {err}");
        }
        // import says the same, and how answers get into the store.
        for (lang, says, run) in [("en", en, "`zhixing score"), ("zh", zh, "`zhixing score")] {
            let err = env.refused(&["--lang", lang, "import", file]);
            assert!(err.contains(says), "{lang} {file}: {err}");
            assert!(err.contains(run) && err.contains("--save`"), "{lang} {file}: {err}");
            assert!(!err.contains("JSON syntax") && !err.contains("JSON 语法"), "{lang} {file}: {err}");
            assert!(err.len() < 2000, "no bytes of the file are printed: {err}");
        }
    }
    assert!(!env.store().exists(), "nothing was stored");
}

//! Large batches through the real binary: they stream (several blocks of
//! JSON Lines, read on every core) and keep the contract of a small one. A
//! bad record anywhere, the last one included, means nothing is printed,
//! scored or stored; every problem is named with its line; what is read in
//! blocks gives what a whole file gives. Fixtures are made here.

use crate::common::{Env, bin, item_ids};

/// `n` respondents as JSON Lines, answers varied by person and item, some
/// skipped; about 1.2 KB a line, so 300 lines make more than one block.
fn batch(n: usize) -> Vec<String> {
    let ids = item_ids();
    let depts = ["秘书处", "研究室", "综合处", "信息处"];
    (0..n)
        .map(|p| {
            let mut answers = serde_json::Map::new();
            for (k, id) in ids.iter().enumerate() {
                let v = (p * 7 + k * 3 + p / 5) % 5 + 1;
                answers.insert(id.clone(), if (p + k) % 23 == 0 { serde_json::Value::Null } else { v.into() });
            }
            serde_json::json!({
                "rubric": "core",
                "session": format!("第{}期", p / 40 + 1),
                "taken_at": format!("2026-11-{:02}T09:{:02}:00+08:00", p % 28 + 1, p % 60),
                "subject": {"name": format!("学员{p:04}"), "department": depts[p % depts.len()]},
                "answers": answers,
            })
            .to_string()
        })
        .collect()
}

fn lines(text: &[String]) -> Vec<u8> {
    let mut out = text.join("\n").into_bytes();
    out.push(b'\n');
    out
}

/// The results of JSON Lines output, ids left out.
fn without_ids(jsonl: &str) -> Vec<serde_json::Value> {
    jsonl
        .lines()
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
            v.as_object_mut().unwrap().remove("id");
            v
        })
        .collect()
}

#[test]
fn a_bad_last_line_prints_scores_and_saves_nothing() {
    let env = Env::new();
    let mut people = batch(300);
    let good = env.write("good.jsonl", &lines(&people));
    people.push(people[0].replace("\"learning.routine\":", "\"learning.nope\":"));
    let bad = env.write("bad.jsonl", &lines(&people));
    for format in ["jsonl", "json", "csv", "table"] {
        let err = env.refused(&["score", &bad, "--format", format, "--save"]);
        assert!(err.contains("bad.jsonl:301:"), "{err}");
        assert!(err.contains("1 problem in the answers; nothing was scored"), "{err}");
    }
    assert!(!env.store().exists(), "nothing saved: the store was not even created");
    // The same lines without the bad one score whole, in order, each with a
    // new id, later ids after earlier ones.
    let out = env.ok(&["score", &good, "--format", "jsonl"]);
    let ids: Vec<String> =
        out.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].to_string()).collect();
    assert_eq!(ids.len(), 300);
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "ids in order");
    let names: Vec<String> =
        without_ids(&out).iter().map(|r| r["subject"]["name"].as_str().unwrap().to_string()).collect();
    assert_eq!(names, (0..300).map(|p| format!("学员{p:04}")).collect::<Vec<_>>());
}

#[test]
fn a_bad_last_row_of_a_csv_prints_nothing() {
    let env = Env::new();
    let ids = item_ids();
    let mut csv = format!("姓名,部门,时间,{}\r\n", ids.join(","));
    for p in 0..2000 {
        let cells: Vec<String> = (0..ids.len()).map(|k| ((p + k) % 5 + 1).to_string()).collect();
        csv.push_str(&format!("学员{p},秘书处,2026/11/28 9:30,{}\r\n", cells.join(",")));
    }
    let good = env.write("good.csv", csv.as_bytes());
    csv.push_str(&format!("最后一位,秘书处,2026/11/28 9:30,{}\r\n", vec!["9"; ids.len()].join(",")));
    let bad = env.write("bad.csv", csv.as_bytes());
    let err = env.refused(&["score", &bad, "--format", "jsonl", "--save"]);
    assert!(err.contains(":4: row 2002, column D (learning.routine): 9 is outside the scale"), "{err}");
    assert!(!env.store().exists());
    assert_eq!(env.ok(&["score", &good, "--format", "jsonl"]).lines().count(), 2000);
    // GBK, as Excel on Chinese Windows saves it, reads the same.
    let text = String::from_utf8(std::fs::read(&good).unwrap()).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let gbk = env.write("gbk.csv", &gbk);
    assert_eq!(
        without_ids(&env.ok(&["score", &gbk, "--format", "jsonl"])),
        without_ids(&env.ok(&["score", &good, "--format", "jsonl"]))
    );
}

#[test]
fn keep_going_scores_the_good_lines_and_names_the_bad_ones() {
    let env = Env::new();
    let mut people = batch(300);
    people[4] = people[4].replace("\"learning.routine\":", "\"learning.nope\":");
    people[298] = "{\"subject\": {\"name\": \"x\"}, \"answers\": {".to_string();
    let file = env.write("some-bad.jsonl", &lines(&people));
    let out = env.run(&["score", &file, "--format", "jsonl", "--keep-going"]);
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("some-bad.jsonl:5:"), "{err}");
    assert!(err.contains("some-bad.jsonl:299:"), "{err}");
    assert!(err.contains("298 scored, 2 rejected"), "{err}");
    let names: Vec<String> = without_ids(&String::from_utf8(out.stdout).unwrap())
        .iter()
        .map(|r| r["subject"]["name"].as_str().unwrap().to_string())
        .collect();
    let want: Vec<String> = (0..300).filter(|p| *p != 4 && *p != 298).map(|p| format!("学员{p:04}")).collect();
    assert_eq!(names, want);
}

#[test]
fn a_file_that_is_not_utf8_is_left_out_whole() {
    let env = Env::new();
    let people = batch(300);
    let mut bytes = lines(&people);
    // A byte that is not UTF-8 in line 200: the lines before it are left out too.
    let at = bytes.iter().enumerate().filter(|(_, b)| **b == b'\n').nth(198).unwrap().0 + 30;
    bytes[at] = 0xFF;
    let broken = env.write("broken.jsonl", &bytes);
    let fine = env.write("fine.jsonl", &lines(&people[..3]));
    let err = env.refused(&["score", &broken, &fine, "--format", "jsonl"]);
    assert!(err.contains("the file is not UTF-8"), "{err}");
    assert!(err.contains("broken.jsonl:200:"), "{err}");
    let out = env.run(&["score", &broken, &fine, "--format", "jsonl", "--keep-going"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 3);
}

#[test]
fn standard_input_is_read_like_a_file() {
    let env = Env::new();
    let people = batch(300);
    let file = env.write("people.jsonl", &lines(&people));
    let from_file = env.ok(&["score", &file, "--format", "jsonl"]);
    let out = bin().args(["score", "-", "--format", "jsonl"]).write_stdin(lines(&people)).output().unwrap();
    assert!(out.status.success());
    assert_eq!(without_ids(&String::from_utf8(out.stdout).unwrap()), without_ids(&from_file));
}

#[test]
fn a_saved_batch_lands_whole_with_the_change_since_last_time() {
    let env = Env::new();
    let people = batch(300);
    let file = env.write("people.jsonl", &lines(&people));
    env.ok(&["score", &file, "--save", "--format", "jsonl"]);
    // The same people a month later: each result links to the one before.
    let later: Vec<String> = people.iter().map(|l| l.replace("2026-11-", "2026-12-")).collect();
    let file = env.write("later.jsonl", &lines(&later));
    let out = env.ok(&["score", &file, "--save", "--format", "jsonl"]);
    let results = without_ids(&out);
    assert_eq!(results.len(), 300);
    assert!(results.iter().all(|r| r["previous"]["overall_delta"].as_f64() == Some(0.0)), "{}", results[0]["previous"]);
    let exported = env.ok(&["export"]);
    assert_eq!(exported.lines().count(), 600);
}

#[test]
fn import_of_a_batch_with_a_bad_last_record_imports_nothing() {
    let env = Env::new();
    let results = env.ok(&["score", &env.write("p.jsonl", &lines(&batch(300))), "--format", "jsonl"]);
    let mut bad = results.clone();
    bad.push_str("{\"schema\": \"zhixing.result.v1\"}\n");
    let bad = env.write("bad-results.jsonl", bad.as_bytes());
    let err = env.refused(&["import", &bad]);
    assert!(err.contains("bad-results.jsonl:301:"), "{err}");
    assert!(!env.store().exists());
    let good = env.write("results.jsonl", results.as_bytes());
    env.ok(&["import", &good]);
    // Export gives the bytes that were imported (in time order).
    let sorted = |text: &str| {
        let mut l: Vec<String> = text.lines().map(str::to_string).collect();
        l.sort();
        l
    };
    assert_eq!(sorted(&env.ok(&["export"])), sorted(&results));
}

#[test]
fn a_group_read_in_blocks_is_the_group_read_whole() {
    let env = Env::new();
    // About 2.5 MB of results: more than one block of lines.
    let results = env.ok(&["score", &env.write("p.jsonl", &lines(&batch(400))), "--format", "jsonl"]);
    let jsonl = env.write("results.jsonl", results.as_bytes());
    let docs: Vec<serde_json::Value> = results.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let array = env.write("results.json", serde_json::to_string_pretty(&docs).unwrap().as_bytes());
    for by in [None, Some("department"), Some("session"), Some("subject")] {
        let mut args = vec!["group", "--format", "json", "--named"];
        if let Some(by) = by {
            args.extend(["--by", by]);
        }
        let whole = env.ok(&[args.as_slice(), &[array.as_str()]].concat());
        let streamed = env.ok(&[args.as_slice(), &[jsonl.as_str()]].concat());
        assert_eq!(streamed, whole, "--by {by:?}");
    }
    // From the store, too, which reads them in time order.
    env.ok(&["import", &jsonl]);
    let mut in_time_order = docs.clone();
    in_time_order.sort_by_key(|d| (d["taken_at"].as_str().unwrap().to_string(), d["id"].as_str().unwrap().to_string()));
    let text: Vec<String> = in_time_order.iter().map(|d| d.to_string()).collect();
    let jsonl = env.write("in-time-order.jsonl", &lines(&text));
    let stored = env.ok(&["group", "--all", "--format", "json", "--by", "department"]);
    let streamed = env.ok(&["group", &jsonl, "--format", "json", "--by", "department"]);
    assert_eq!(stored, streamed);
}

/// A reader that stops early (`| head`) is no error: in every format the
/// batch ends quietly with exit 0, whatever was left unwritten.
#[test]
fn a_closed_pipe_ends_a_batch_quietly() {
    use std::io::Read;
    let env = Env::new();
    let file = env.write("many.jsonl", &lines(&batch(300)));
    for format in ["jsonl", "json", "csv", "table"] {
        let mut child = std::process::Command::new(crate::common::exe())
            .current_dir(env.dir.path())
            .env_remove("ZHIXING_STORE")
            .env("ZHIXING_LANG", "en")
            .args(["score", &file, "--format", format])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 64];
        child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{format}: {:?} {err}", out.status);
        assert!(!err.contains("Broken pipe") && !err.contains("error"), "{format}: {err}");
    }
}

/// The same for `export`: a reader that closes the pipe early has been given
/// results, so nothing says "no results matched".
#[test]
fn a_closed_pipe_ends_an_export_quietly() {
    use std::io::Read;
    let env = Env::new();
    let file = env.write("many.jsonl", &lines(&batch(300)));
    env.ok(&["score", &file, "--save"]);
    for format in ["jsonl", "json", "csv"] {
        let mut child = std::process::Command::new(crate::common::exe())
            .current_dir(env.dir.path())
            .env("ZHIXING_STORE", env.store())
            .env("ZHIXING_LANG", "en")
            .args(["export", "--format", format])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 64];
        child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{format}: {:?} {err}", out.status);
        assert!(
            !err.contains("No results") && !err.contains("no results") && !err.contains("error"),
            "{format}: {err}"
        );
    }
}

// What comes in (SPEC §12, §15): bounded reading, linear problem finding,
// control and bidi characters refused where they are written.

use crate::common::{in_1_gib, refused_saying};

/// `yes | zhixing score -`: standard input stops at 64 MiB.
#[test]
fn endless_standard_input_stops_at_its_limit() {
    let env = Env::new();
    let yes = |w: &mut dyn std::io::Write| {
        let block = "y\n".repeat(1 << 19);
        while w.write_all(block.as_bytes()).is_ok() {}
    };
    let out = in_1_gib(env.dir.path(), &["score", "-"], Some(&yes));
    refused_saying(&out, "standard input is over 64 MiB");
}

/// A 3 GB file (sparse: no disk taken) of each kind: each refused at its
/// limit, named, with exit 2.
#[test]
fn a_3_gb_file_of_every_kind_is_refused_at_its_limit() {
    let env = Env::new();
    let big = |name: &str| {
        let p = env.path(name);
        std::fs::File::create(&p).unwrap().set_len(3 << 30).unwrap();
        p.to_str().unwrap().to_string()
    };
    let cases = [
        ("big.json", "is over 64 MiB, too large to read whole"),
        ("big.toml", "is over 64 MiB, too large to read whole"),
        ("big.jsonl", "line 1 of"),
        ("big.csv", "this row is over 16 MiB"),
        ("big.xlsx", "the workbook file is over 64 MiB"),
    ];
    for (name, says) in cases {
        let f = big(name);
        let out = in_1_gib(env.dir.path(), &["score", &f], None);
        refused_saying(&out, says);
        refused_saying(&out, name);
    }
    let out = in_1_gib(env.dir.path(), &["import", &big("results.json")], None);
    refused_saying(&out, "results.json is over 64 MiB");
}

/// One line of JSON Lines over 16 MiB, answers or results: refused at its
/// line.
#[test]
fn a_json_lines_record_over_16_mib_is_refused_at_its_line() {
    let env = Env::new();
    let mut text = lines(&batch(3));
    text.extend_from_slice(b"{\"subject\":{\"name\":\"");
    text.extend(std::iter::repeat_n(b'x', 17 << 20));
    text.extend_from_slice(b"\"}}\n");
    let f = env.write("long.jsonl", &text);
    let out = in_1_gib(env.dir.path(), &["score", &f], None);
    refused_saying(&out, "line 4 of");
    refused_saying(&out, "is over 16 MiB, the most one record may be");
    let out = in_1_gib(env.dir.path(), &["group", &f], None);
    refused_saying(&out, "line 4 of");
}

/// A hundred thousand unknown items in one answers file: found in time in
/// proportion to the file (quadratic, this took minutes), 200 printed and
/// the rest counted.
#[test]
fn a_hundred_thousand_unknown_items_are_found_and_200_printed() {
    let env = Env::new();
    let keys: Vec<String> = (0..100_000).map(|i| format!("\"nope.{i}\": 3")).collect();
    let text = format!("{{\"subject\": {{\"name\": \"a\"}},\n\"answers\": {{{}}}}}\n", keys.join(",\n"));
    let f = env.write("many.json", text.as_bytes());
    let err = env.fails(&["score", &f]);
    assert_eq!(err.matches("error: rubric \"core\" has no item").count(), 200, "{}", &err[..2000]);
    assert!(err.contains("many.json:2:13"), "the first at its line");
    assert!(err.contains("many.json:201:1") && !err.contains("many.json:202:1"), "the first 200, in order");
    assert!(err.contains("… and 99800 more problems not shown (at most 200 are listed a file)"));
    assert!(err.contains("100000 problems in the answers; nothing was scored"), "{}", &err[err.len() - 400..]);
    let zh = bin().env("ZHIXING_LANG", "zh").args(["score", &f]).output().unwrap();
    assert!(String::from_utf8_lossy(&zh.stderr).contains("……另有 99800 个问题未列出（每个文件最多列出 200 个）"));
    // A JSON Lines file of many bad lines: 200 of its problems printed.
    let bad: Vec<String> =
        (0..500).map(|i| format!("{{\"subject\":{{\"name\":\"p{i}\"}},\"answers\":{{\"x\":1}}}}")).collect();
    let f = env.write("bad.jsonl", &lines(&bad));
    let err = env.fails(&["score", &f]);
    assert_eq!(err.matches("error: rubric \"core\" has no item \"x\"").count(), 200);
    assert!(err.contains("… and 300 more problems not shown"), "{}", &err[err.len() - 400..]);
}

/// Names, departments, sessions and rater names with a control or bidi
/// character are refused where they are written, and the message shows
/// them escaped: none reaches the terminal.
#[test]
fn control_and_bidi_characters_are_refused_and_shown_escaped() {
    let env = Env::new();
    let ids = item_ids();
    let answers: String = ids.iter().map(|id| format!(",\"{id}\":3")).collect::<String>()[1..].to_string();
    let line = format!(
        "{{\"session\":\"s\",\"subject\":{{\"name\":\"\\u001b]0;pwned\\u0007张三\",\"department\":\"秘书处\u{202e}\"}},\"rater\":{{\"role\":\"peer\",\"name\":\"李\u{9b}四\"}},\"answers\":{{{answers}}}}}"
    );
    let f = env.write("evil.jsonl", format!("{line}\n").as_bytes());
    let out = env.run(&["score", &f]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(out.stdout.is_empty());
    assert!(err.contains("`subject.name`: character 1 is the control character U+001B"), "{err}");
    assert!(err.contains("`subject.department`: character 4, U+202E, changes the direction of text"), "{err}");
    assert!(err.contains("`rater.name`: character 2 is the control character U+009B"), "{err}");
    // The line is shown with those characters escaped.
    assert!(err.contains("秘书处\\u{202e}") && err.contains("李\\u{9b}四"), "{err}");
    assert!(!err.chars().any(|c| c != '\n' && zhixing::textsafe::unsafe_char(c)), "{err:?}");
    // The same in a CSV, naming the cell.
    let csv = format!("姓名,{}\n张\u{202e}三{}\n", ids.join(","), ",3".repeat(ids.len()));
    let f = env.write("evil.csv", csv.as_bytes());
    let err = env.fails(&["score", &f]);
    assert!(err.contains("evil.csv:2:1: row 2, column A (姓名): character 2, U+202E"), "{err}");
    // And the flags of the questionnaire, before anything is asked.
    let err = env.fails(&["assess", "--subject", "张\u{202e}三", "--rater", "\u{1b}[2J", "--role", "peer"]);
    assert!(err.contains("--subject: character 2, U+202E") && err.contains("--rater: character 1"), "{err}");
}

#[test]
fn an_answer_given_twice_in_json_is_refused() {
    let env = Env::new();
    let text =
        "{\"subject\": {\"name\": \"a\"},\n \"answers\": {\"learning.passive\": 2,\n  \"learning.passive\": 5}}\n";
    let f = env.write("twice.json", text.as_bytes());
    let err = env.fails(&["score", &f]);
    assert!(err.contains("the key `answers.learning.passive` is given twice"), "{err}");
    assert!(err.contains("twice.json:3:3") && err.contains("first given here"), "{err}");
}

/// The fuzz targets (`fuzz/`), shared with the fuzzer.
#[path = "../../fuzz/src/targets.rs"]
#[allow(dead_code)]
mod targets;

/// Every input the fuzzers ever found (`fuzz/regressions/<target>/`) read
/// again: no panic, and every problem a clean message. The seeds too.
#[test]
fn every_input_the_fuzzers_found_reads_cleanly() {
    let root = crate::common::manifest_dir().join("fuzz");
    let mut replayed = 0;
    for target in targets::TARGETS {
        for folder in ["regressions", "seeds"] {
            let dir = root.join(folder).join(target);
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            for entry in entries.flatten() {
                let path = entry.path();
                if !path.is_file() {
                    continue;
                }
                let input = std::fs::read(&path).unwrap();
                if let Err(broke) = targets::run(target, &input) {
                    panic!("{}: {broke}", path.display());
                }
                replayed += 1;
            }
        }
    }
    assert!(replayed >= 6, "the seeds at least");
}

/// Every input is read and checked, a file that cannot be read one problem
/// among the others (SPEC §4); that file makes the exit code 1 (I/O), as
/// it does alone; with --keep-going the good inputs are scored.
#[test]
fn an_unreadable_input_is_one_problem_among_the_others() {
    let env = Env::new();
    let good = serde_json::json!({"subject": {"name": "王五"}, "answers": {"learning.routine": 4}}).to_string();
    let bad =
        serde_json::json!({"subject": {"name": "赵六"}, "answers": {"learning.routine": 9, "nope": 1}}).to_string();
    let a = env.write("a.json", good.as_bytes());
    let b = env.write("b.json", bad.as_bytes());
    std::fs::create_dir(env.path("dir.json")).unwrap();
    let out = env.run(&["score", &a, "nosuch.json", "dir.json", &b]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(out.stdout.is_empty(), "nothing scored");
    for says in [
        "error: cannot read nosuch.json: no such file or directory",
        "error: cannot read dir.json: it is a directory, not a file",
        "answer 9 to \"learning.routine\" is outside the scale",
        "has no item \"nope\"",
        "2 input files could not be read, and the other answers have 2 problems; nothing was scored",
    ] {
        assert!(err.contains(says), "{says:?} in {err}");
    }
    assert!(!err.contains("os error"), "{err}");
    // Only bad answers: exit 2, as before.
    assert_eq!(env.run(&["score", &a, &b]).status.code(), Some(2));
    // One missing file alone: said once.
    let zh = env.run(&["--lang", "zh", "score", "nosuch.json"]);
    assert_eq!(zh.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&zh.stderr), "zhixing: 错误: 无法读取 nosuch.json：文件或目录不存在\n");
    // --keep-going: the good one scored, the others listed.
    let out = env.run(&["score", &a, "nosuch.json", &b, "--keep-going", "-f", "jsonl"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    assert!(err.contains("1 scored, 2 rejected"), "{err}");
}

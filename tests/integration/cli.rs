//! Command-line cases as files: `tests/cmd/*.toml`, each running the real
//! binary in its `*.in/` folder with its whole output pinned.
//! `TRYCMD=overwrite cargo test --test integration cli::` rewrites the
//! expectations. Then the help and the usage errors, in both languages,
//! at the widths of terminals.

use std::process::Output;

use zhixing::cli::{self, help};
use zhixing::lang::Lang;
use zhixing::width::width;

use crate::common::{bin, manifest_dir};

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .env("ZHIXING_LANG", "en")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .case(manifest_dir().join("tests/cmd/*.toml"));
}

/// Every command path of the command line, the root first: walking clap's
/// tree, so that a new command is covered without a word here.
fn paths() -> Vec<Vec<String>> {
    fn walk(c: &clap::Command, path: Vec<String>, out: &mut Vec<Vec<String>>) {
        out.push(path.clone());
        for s in c.get_subcommands().filter(|s| !s.is_hide_set()) {
            let mut p = path.clone();
            p.push(s.get_name().to_string());
            walk(s, p, out);
        }
    }
    let mut out = Vec::new();
    walk(&cli::command(Lang::En), Vec::new(), &mut out);
    out
}

/// The program piped (no terminal) with no `$COLUMNS`: help at 80 columns.
fn run(lang: &[&str], env_lang: Option<&str>, args: &[&str]) -> Output {
    let mut c = bin();
    c.env_remove("COLUMNS").env_remove("ZHIXING_LANG").env("LANG", "C");
    if let Some(l) = env_lang {
        c.env("ZHIXING_LANG", l);
    }
    c.args(lang).args(args).output().unwrap()
}

/// Runs of ASCII characters that are not spaces: the Latin words of a text.
fn latin_words(text: &str) -> Vec<&str> {
    text.split(|c: char| c.is_whitespace() || !c.is_ascii()).filter(|w| !w.is_empty()).collect()
}

#[test]
fn every_help_fits_80_columns_in_both_languages() {
    let modes: [(&[&str], Option<&str>, Lang); 4] = [
        (&["--lang", "zh"], None, Lang::Zh),
        (&["--lang", "en"], None, Lang::En),
        (&[], Some("zh"), Lang::Zh),
        (&[], Some("en"), Lang::En),
    ];
    let all = paths();
    assert!(all.len() >= 15, "{all:?}");
    for (flag_lang, env_lang, lang) in modes {
        let mut root = cli::command(lang);
        root.build();
        for path in &all {
            // The help with nothing wrapped: the words a wrapped one may show.
            let whole = help::help(&root, path, lang, 10_000).unwrap();
            let words: std::collections::HashSet<&str> = latin_words(&whole).into_iter().collect();
            for flag in ["--help", "-h"] {
                let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
                args.push(flag);
                let out = run(flag_lang, env_lang, &args);
                let text = String::from_utf8(out.stdout).unwrap();
                let what = format!("{flag_lang:?} {env_lang:?} {args:?}");
                assert_eq!(out.status.code(), Some(0), "{what}: {}", String::from_utf8_lossy(&out.stderr));
                assert!(text.contains(if lang == Lang::Zh { "用法：" } else { "Usage: " }), "{what}: {text}");
                for line in text.lines() {
                    assert!(width(line) <= 80, "{what}: {} columns: {line:?}", width(line));
                    let content = line.trim();
                    assert!(content.is_empty() || content.chars().count() > 1, "{what}: a lone {line:?}");
                    for w in latin_words(line) {
                        assert!(words.contains(w), "{what}: {w:?} is a fragment of a word: {line:?}");
                    }
                }
                assert_eq!(text, help::help(&root, path, lang, 80).unwrap(), "{what}");
            }
        }
    }
}

#[test]
fn help_fits_the_terminal_it_is_told_of() {
    for cols in ["60", "100", "200"] {
        for lang in ["zh", "en"] {
            for args in [&["--help"][..], &["score", "--help"], &["group", "-h"]] {
                let out = bin().env("COLUMNS", cols).args(["--lang", lang]).args(args).output().unwrap();
                let text = String::from_utf8(out.stdout).unwrap();
                let max = cols.parse::<usize>().unwrap().min(100);
                assert!(text.lines().all(|l| width(l) <= max), "{cols} {lang} {args:?}: {text}");
                if cols == "60" {
                    assert!(text.lines().any(|l| width(l) > 50), "uses the width: {text}");
                }
            }
        }
    }
}

#[test]
fn help_command_works_in_both_languages() {
    for lang in ["zh", "en"] {
        let help = bin().args(["--lang", lang, "help", "score"]).output().unwrap();
        let flag = bin().args(["--lang", lang, "score", "--help"]).output().unwrap();
        assert_eq!(help.status.code(), Some(0), "{}", String::from_utf8_lossy(&help.stderr));
        assert_eq!(help.stdout, flag.stdout);
        let nested = bin().args(["--lang", lang, "help", "store", "info"]).output().unwrap();
        let flag = bin().args(["--lang", lang, "store", "info", "--help"]).output().unwrap();
        assert_eq!(nested.status.code(), Some(0));
        assert_eq!(nested.stdout, flag.stdout);
        let top = bin().args(["--lang", lang, "help"]).output().unwrap();
        assert_eq!(top.stdout, bin().args(["--lang", lang, "--help"]).output().unwrap().stdout);
    }
    let out = bin().args(["--lang", "zh", "help", "nosuch"]).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(err.contains("没有 'nosuch' 这个命令") && err.contains("可用的子命令：assess、score"), "{err}");
}

/// No English under zh: clap's words are the catalogue's.
fn no_clap_english(err: &str) {
    for english in ["error:", "Usage", "For more information", "possible values", "tip:", "unexpected", "invalid"] {
        assert!(!err.contains(english), "{english:?} in {err}");
    }
}

#[test]
fn usage_errors_in_chinese_exit_2() {
    let cases: [(&[&str], &str); 8] = [
        (&["score", "--bogus", "a.json"], "没有 '--bogus' 这个选项"),
        (&["scor"], "没有 'scor' 这个命令"),
        (&["history"], "缺少必需的参数：--subject <NAME>"),
        (&["score", "a.json", "--target", "x"], "--target <N> 的值 'x' 无效：应为数字"),
        (&["assess", "--role", "boss"], "应为 self、supervisor、peer、subordinate、other 之一"),
        (&["report", "x", "--latest"], "不能与 --latest 同时使用"),
        (&["score", "a.json", "--save", "--save"], "--save 只能给一次"),
        (&["group", "--min-group", "x", "--all"], "应为整数"),
    ];
    for (args, says) in cases {
        let out = run(&["--lang", "zh"], None, args);
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(err.starts_with("zhixing: 错误: ") && err.contains(says), "{args:?}: {err}");
        assert!(err.contains("更多信息请运行 'zhixing"), "{args:?}: {err}");
        no_clap_english(&err);
    }
    let out = run(&["--lang", "zh"], None, &["score", "--bogus", "a.json"]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("用法：zhixing score [选项] <FILE>...") && err.contains("'zhixing score --help'"), "{err}");
    // Under ZHIXING_LANG too, and in English clap's words.
    let out = run(&[], Some("zh"), &["score", "--bogus", "a.json"]);
    no_clap_english(&String::from_utf8(out.stderr).unwrap());
    let out = run(&["--lang", "en"], None, &["score", "--bogus", "a.json"]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(err.contains("unexpected argument '--bogus' found") && err.contains("Usage: zhixing score"), "{err}");
    // A command given without its subcommand: its help, on stderr, exit 2.
    let out = run(&["--lang", "zh"], None, &["store"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("用法：zhixing store [选项] <命令>"));
    // --version stays 0.
    let out = run(&["--lang", "zh"], None, &["--version"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8(out.stdout).unwrap().starts_with("zhixing "));
}

#[test]
fn an_invalid_value_lists_the_possible_ones_in_chinese() {
    let out = run(&["--lang", "zh"], None, &["score", "a.json", "--format", "pdf"]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(err.contains("'pdf' 不是 --format <FORMAT> 可用的值"), "{err}");
    assert!(err.contains("可选的值：table、json、jsonl、markdown、csv、html"), "{err}");
    no_clap_english(&err);
    let out = run(&[], Some("zh"), &["--lang", "fr"]);
    assert!(String::from_utf8(out.stderr).unwrap().contains("可选的值：zh、en"));
}

#[test]
fn export_accepts_and_lists_only_its_formats() {
    for lang in ["zh", "en"] {
        let out = run(&["--lang", lang], None, &["export", "--format", "html"]);
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains("json、jsonl、csv") || err.contains("json, jsonl, csv"), "{err}");
        assert!(err.contains("zhixing export --help"), "{err}");
        let help = String::from_utf8(run(&["--lang", lang], None, &["export", "--help"]).stdout).unwrap();
        let flat: String = help.split_whitespace().collect();
        assert!(
            flat.contains("[可选：json、jsonl、csv]") || flat.contains("[possiblevalues:json,jsonl,csv]"),
            "{help}"
        );
        for refused in ["html", "markdown", "table"] {
            assert!(!help.contains(refused), "{lang}: {refused} in {help}");
        }
    }
    for (args, values) in [
        (&["store", "info", "--help"][..], "table、json]"),
        (&["rubric", "list", "--help"], "table、json]"),
        (&["rubric", "show", "--help"], "table、markdown、json]"),
    ] {
        let help = String::from_utf8(run(&["--lang", "zh"], None, args).stdout).unwrap();
        let flat: String = help.split_whitespace().collect();
        assert!(flat.contains(&format!("[可选：{values}")), "{args:?}: {help}");
    }
}

#[test]
fn bash_completes_rubric_ids_and_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mine.toml"), "").unwrap();
    let script = bin().args(["completions", "bash"]).output().unwrap().stdout;
    let script_path = dir.path().join("zhixing.bash");
    std::fs::write(&script_path, &script).unwrap();
    let complete = |words: &str| {
        let cmd = format!(
            "source {}; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); COMP_LINE=\"${{COMP_WORDS[*]}}\"; \
             COMP_POINT=${{#COMP_LINE}}; _zhixing zhixing \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; \
             printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script_path.display()
        );
        let out = std::process::Command::new("bash").arg("-c").arg(cmd).current_dir(dir.path()).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    for command in ["score", "assess", "group"] {
        let offered = complete(&format!("zhixing {command} --rubric ''"));
        let offered: Vec<&str> = offered.lines().collect();
        for want in ["core", "office", "mine.toml"] {
            assert!(offered.contains(&want), "{command}: {want} not in {offered:?}");
        }
    }
    let offered = complete("zhixing score --rubric co");
    assert_eq!(offered.lines().collect::<Vec<_>>(), ["core"]);
    // export offers only what it accepts.
    let offered = complete("zhixing export --format ''");
    assert_eq!(offered.lines().collect::<Vec<_>>(), ["json", "jsonl", "csv"]);
}

/// The help as people see it at 80 columns: `zhixing --help` and a
/// command's, in both languages.
#[test]
fn help_snapshots() {
    for (name, lang, args) in [
        ("help_zh", "zh", &["--help"][..]),
        ("help_en", "en", &["--help"]),
        ("help_score_zh", "zh", &["help", "score"]),
        ("help_score_en", "en", &["score", "--help"]),
        ("help_import_zh", "zh", &["import", "-h"]),
    ] {
        let out = run(&["--lang", lang], None, args);
        assert_eq!(out.status.code(), Some(0));
        insta::assert_snapshot!(name, String::from_utf8(out.stdout).unwrap());
    }
}

/// SPEC §4: an answers file may carry `seconds`, the time spent answering;
/// it fills `quality.seconds` and so the too_fast flag (core: 60 items, under
/// 2 seconds each is too fast), in TOML, JSON and JSON Lines alike.
#[test]
fn answers_files_carry_the_time_taken() {
    use crate::common::{self, Env};
    let env = Env::new();
    let ids = common::item_ids();
    let toml_answers: String = ids.iter().enumerate().map(|(i, id)| format!("\"{id}\" = {}\n", 1 + i % 5)).collect();
    let fast = env.write("fast.toml", &format!("seconds = 90\n[subject]\nname = \"张三\"\n[answers]\n{toml_answers}"));
    let r = common::json(&env.ok(&["score", &fast, "-f", "json"]));
    assert_eq!(r["quality"]["seconds"], 90.0);
    assert!(r["quality"]["flags"].as_array().unwrap().iter().any(|f| f == "too_fast"), "{}", r["quality"]);
    let answers: serde_json::Map<String, serde_json::Value> =
        ids.iter().enumerate().map(|(i, id)| (id.clone(), serde_json::json!(1 + i % 5))).collect();
    let line = |seconds: serde_json::Value| {
        serde_json::json!({"subject": {"name": "李四"}, "seconds": seconds, "answers": answers}).to_string()
    };
    let slow =
        env.write("slow.jsonl", &format!("{}\n{}\n", line(serde_json::json!(600)), line(serde_json::json!(119.5))));
    let out = env.ok(&["score", &slow, "-f", "jsonl"]);
    let rows: Vec<serde_json::Value> = out.lines().map(common::json).collect();
    assert_eq!(rows[0]["quality"]["seconds"], 600.0);
    assert!(!rows[0]["quality"]["flags"].as_array().unwrap().iter().any(|f| f == "too_fast"));
    assert!(rows[1]["quality"]["flags"].as_array().unwrap().iter().any(|f| f == "too_fast"));
    let bad = env.write("bad.json", &line(serde_json::json!(-5)));
    let err = env.fails(&["--lang", "en", "score", &bad]);
    assert!(err.contains("seconds = -5 is not a time taken"), "{err}");
}

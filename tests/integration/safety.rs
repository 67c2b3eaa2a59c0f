//! SPEC §12 and §5 as the trainer meets them: texts from result files, the
//! store and rubrics shown, never obeyed, by the terminal; `--out` only onto
//! a regular file or a new path; messages that name the real cause; the
//! trainer's pack with a file for everyone and nothing invisible in a name;
//! a result with too few answers said plainly.

use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::Path;

use unicode_width::UnicodeWidthStr;

use crate::common::{Env, item_ids, json, template};

/// What a respondent of an online form could type as a name: set the
/// terminal's title, clear the screen, write the clipboard (OSC 52), reverse
/// the text after it.
pub(crate) const EVIL: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}]52;c;ZXZpbA==\u{7}\u{202e}";

/// A character a terminal would act on (the test's own list, apart from the
/// program's): C0 but tab and LF, DEL, C1, bidi controls, zero-width ones.
fn acts(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{61c}' | '\u{200b}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
}

/// Output that holds the hostile text shown, and nothing a terminal obeys
/// (but a CSV's line ends and its first byte-order mark).
#[track_caller]
fn assert_shown(out: &[u8], what: &str) {
    let text = String::from_utf8_lossy(out);
    let body = text.strip_prefix('\u{feff}').unwrap_or(&text).replace("\r\n", "\n");
    if let Some(c) = body.chars().find(|c| acts(*c)) {
        panic!("{what}: a raw {c:?} in\n{text}");
    }
    // Shown, though a table may wrap an escape over two lines.
    let joined: String = text.chars().filter(|c| !c.is_whitespace() && !"│┆|".contains(*c)).collect();
    assert!(joined.contains("\\u{1b}"), "{what}: ESC is not shown\n{text}");
    assert!(joined.contains("\\u{202e}"), "{what}: the reversal is not shown\n{text}");
}

/// Answers of the core rubric, every item `v` but a few, named `name`.
fn answers(name: &str, v: i64) -> String {
    let ids = item_ids();
    let mut t = template("en").replace("name = \"\"", &format!("name = \"{name}\""));
    for (k, id) in ids.iter().enumerate() {
        let value = if k % 4 == 0 { (v % 5) + 1 } else { v };
        t = t.replace(&format!("\"{id}\" = \"?\""), &format!("\"{id}\" = {value}"));
        t = t.replace(&format!("{id} = \"?\""), &format!("{id} = {value}"));
    }
    t.replace("# taken_at = \"2026-11-28T09:30:00+08:00\"", "taken_at = \"2026-11-28T09:30:00+08:00\"")
}

/// A result as a hostile file would hold it: every text a person or a
/// rubric gives carries [`EVIL`].
fn hostile_result(env: &Env, role: &str, taken_at: &str, v: i64) -> serde_json::Value {
    let f = env.write("a.toml", &answers("张三", v));
    let mut r = json(&env.ok(&["score", &f, "-f", "json", "--lang", "en"]));
    r["subject"]["name"] = format!("张三{EVIL}").into();
    r["subject"]["department"] = format!("办公室{EVIL}").into();
    r["session"] = format!("2026秋{EVIL}").into();
    r["rater"]["role"] = role.into();
    r["rater"]["name"] = if role == "self" { serde_json::Value::Null } else { format!("李四{EVIL}").into() };
    r["rubric"]["title"] = format!("执行力{EVIL}").into();
    r["taken_at"] = taken_at.into();
    for s in r["sections"].as_array_mut().unwrap() {
        s["title"] = format!("分区{EVIL}").into();
        for d in s["dimensions"].as_array_mut().unwrap() {
            d["title"] = format!("维度{EVIL}").into();
        }
    }
    for p in r["priorities"].as_array_mut().unwrap() {
        p["suggestions"] = serde_json::json!([format!("建议{EVIL}")]);
    }
    r
}

/// The core rubric with [`EVIL`] in every title (its own, its profiles',
/// sections' and dimensions'), an item and a suggestion.
pub(crate) fn hostile_rubric(env: &Env) -> String {
    let core = std::fs::read_to_string(crate::common::manifest_dir().join("rubrics/core.toml")).unwrap();
    let esc = EVIL.replace('\u{1b}', "\\u001b").replace('\u{7}', "\\u0007").replace('\u{202e}', "\\u202E");
    let mut r = core.replace("title = { zh = \"", &format!("title = {{ zh = \"{esc}"));
    r = r.replacen("text = { zh = \"", &format!("text = {{ zh = \"{esc}"), 1);
    r = r.replacen("suggestions = [{ zh = \"", &format!("suggestions = [{{ zh = \"{esc}"), 1);
    r = r.replacen("suggestions = [\n  { zh = \"", &format!("suggestions = [\n  {{ zh = \"{esc}"), 1);
    env.write("hostile.toml", &r)
}

#[test]
fn what_a_file_holds_is_shown_and_never_obeyed() {
    let env = Env::new();
    let docs = [
        hostile_result(&env, "self", "2026-05-20T09:30:00+08:00", 2),
        hostile_result(&env, "self", "2026-11-28T09:30:00+08:00", 4),
        hostile_result(&env, "supervisor", "2026-11-28T10:30:00+08:00", 3),
    ];
    let one = env.write("one.json", &serde_json::to_string(&docs[1]).unwrap());
    let lines: String = docs.iter().map(|d| format!("{}\n", serde_json::to_string(d).unwrap())).collect();
    let all = env.write("all.jsonl", &lines);

    // report: a file, in every text format; JSON keeps the exact text.
    for format in ["table", "markdown", "csv", "html"] {
        assert_shown(env.ok(&["report", &one, "-f", format]).as_bytes(), &format!("report -f {format}"));
    }
    let exact = json(&env.ok(&["report", &one, "-f", "json"]));
    assert_eq!(exact["subject"]["name"], format!("张三{EVIL}"));
    assert_eq!(exact["rubric"]["title"], format!("执行力{EVIL}"));
    let jsonl = env.ok(&["report", &one, "-f", "jsonl"]);
    assert_eq!(json(jsonl.trim())["session"], format!("2026秋{EVIL}"));

    // The store: report --latest and history.
    env.ok(&["import", &all]);
    for format in ["table", "markdown", "csv"] {
        assert_shown(env.ok(&["report", "--latest", "-f", format]).as_bytes(), &format!("report --latest -f {format}"));
        let h = env.ok(&["history", "--subject", &format!("张三{EVIL}"), "-f", format]);
        assert_shown(h.as_bytes(), &format!("history -f {format}"));
    }

    // group: from the file and from the store, by department and by session.
    for by in ["department", "session"] {
        for format in ["table", "markdown", "csv"] {
            let out = env.ok(&["group", &all, "--by", by, "--min-group", "1", "-f", format]);
            assert_shown(out.as_bytes(), &format!("group --by {by} -f {format}"));
        }
    }
    assert_shown(env.ok(&["group", "--all", "--by", "session", "--min-group", "1"]).as_bytes(), "group --all");

    // The pack's text and Markdown files.
    let pack = env.path("pack");
    let pack_s = pack.to_str().unwrap();
    let out = env.run(&["group", &all, "--by", "subject", "--named", "--min-group", "1", "--pack", pack_s]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_shown(&out.stdout, "group --by subject");
    let mut checked = 0;
    for e in std::fs::read_dir(&pack).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_str().unwrap().to_string();
        assert!(!name.chars().any(acts), "{name:?}");
        if name.ends_with(".txt") || name.ends_with(".md") || name.ends_with(".html") || name.ends_with(".csv") {
            assert_shown(&std::fs::read(&p).unwrap(), &name);
            checked += 1;
        }
    }
    assert!(checked >= 7, "{checked}");
}

#[test]
fn what_a_rubric_holds_is_shown_and_never_obeyed() {
    let env = Env::new();
    let rubric = hostile_rubric(&env);
    for format in ["table", "markdown"] {
        let out = env.ok(&["rubric", "show", &rubric, "-f", format, "--lang", "zh"]);
        assert_shown(out.as_bytes(), &format!("rubric show -f {format}"));
    }
    assert_shown(env.ok(&["rubric", "template", "--rubric", &rubric, "--lang", "zh"]).as_bytes(), "rubric template");
    let shown = json(&env.ok(&["rubric", "show", &rubric, "-f", "json"]));
    assert!(shown["title"]["zh"].as_str().unwrap().starts_with(EVIL));

    let f = env.write("a.toml", &answers("张三", 2));
    for format in ["table", "markdown", "csv", "html"] {
        let out = env.ok(&["score", &f, "--rubric", &rubric, "--lang", "zh", "-f", format]);
        assert_shown(out.as_bytes(), &format!("score -f {format}"));
    }
    let r = json(&env.ok(&["score", &f, "--rubric", &rubric, "--lang", "zh", "-f", "json"]));
    assert!(r["rubric"]["title"].as_str().unwrap().starts_with(EVIL));
}

#[test]
fn own_colours_pass_and_a_name_cannot_bring_its_own() {
    let env = Env::new();
    let mut doc = hostile_result(&env, "self", "2026-11-28T09:30:00+08:00", 4);
    doc["subject"]["name"] = format!("张三\u{1b}[8m{EVIL}").into();
    let one = env.write("one.json", &serde_json::to_string(&doc).unwrap());
    let out = env.ok(&["report", &one, "--color", "always"]);
    // Every raw ESC starts one of the program's colour codes.
    let mut rest = out.as_str();
    let mut codes = 0;
    while let Some(i) = rest.find('\u{1b}') {
        let code = &rest[i + 1..];
        let end = code.find('m').unwrap();
        assert!(code.starts_with('[') && code[1..end].bytes().all(|b| b.is_ascii_digit() || b == b';'), "{code:?}");
        assert_ne!(&code[1..end], "8", "conceal");
        codes += 1;
        rest = &code[end..];
    }
    assert!(codes > 4, "colour is on: {out}");
    assert!(out.contains("张三\\u{1b}[8m"), "{out}");
    assert!(out.contains("\\u{1b}]0;pwned\\u{7}"), "{out}");
}

#[test]
fn tables_stay_in_line_around_a_hostile_name() {
    let env = Env::new();
    let docs: Vec<serde_json::Value> = (0..3)
        .map(|k| {
            let mut d = hostile_result(&env, "self", "2026-11-28T09:30:00+08:00", 2 + k);
            if k == 0 {
                d["subject"]["department"] = "办公室".into();
            }
            d
        })
        .collect();
    let lines: String = docs.iter().map(|d| format!("{}\n", serde_json::to_string(d).unwrap())).collect();
    let all = env.write("all.jsonl", &lines);
    for args in [vec!["group", &all, "--by", "department", "--min-group", "1"], vec!["report", &all]] {
        let out = env.ok(&args);
        // Every table, from its top border to its bottom one, keeps one width.
        let mut tables: Vec<Vec<&str>> = Vec::new();
        for l in out.lines() {
            if l.starts_with('╭') {
                tables.push(Vec::new());
            }
            if let Some(t) = tables.last_mut().filter(|_| l.starts_with(['╭', '│', '╞', '├', '╰'])) {
                t.push(l);
            }
        }
        assert!(!tables.is_empty(), "{out}");
        for t in &tables {
            let widths: std::collections::BTreeSet<usize> = t.iter().map(|l| UnicodeWidthStr::width(*l)).collect();
            assert_eq!(widths.len(), 1, "{widths:?}\n{}", t.join("\n"));
        }
        if args[0] == "group" {
            assert!(out.contains("办公室\\u{1b}]0;"), "{out}");
        }
    }
}

#[test]
fn messages_show_what_they_quote() {
    let env = Env::new();
    // A record that is not a result, quoted in the message with its name.
    let bad = env.write(
        "bad.jsonl",
        &format!(
            "{{\"schema\":\"zhixing.result.v1\",\"subject\":{{\"name\":\"{}\"}}}}\n",
            EVIL.replace('\u{1b}', "\\u001b").replace('\u{7}', "\\u0007")
        ),
    );
    let raw = format!("{{\"schema\": \"x\", \"name\": \"{EVIL}\"}}\n");
    let raw_file = env.write(&format!("raw{}.json", '\u{9b}'), &raw);
    for args in [vec!["group", &bad], vec!["report", &raw_file], vec!["import", &raw_file]] {
        let out = env.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.chars().any(acts), "{args:?}: {err:?}");
    }
    // A file name with a control character, in an error.
    let out = env.run(&["report", "missing\u{1b}]0;x\u{7}.json"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.chars().any(acts), "{err:?}");
    assert!(err.contains("\\u{1b}]0;x\\u{7}"), "{err}");
}

// ---------------------------------------------------------------------------
// Where output goes.

fn kind(p: &Path) -> std::fs::FileType {
    std::fs::symlink_metadata(p).unwrap().file_type()
}

#[test]
fn out_goes_only_to_a_regular_file_or_a_new_path() {
    let env = Env::new();
    let f = env.write("a.toml", &answers("张三", 3));
    let refused = |target: &Path| {
        let err = env.refused(&["score", &f, "--out", target.to_str().unwrap()]);
        assert!(err.contains(target.to_str().unwrap()) && err.contains("not a regular file"), "{err}");
        err
    };

    let fifo = env.path("fifo");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    assert!(refused(&fifo).contains("FIFO"));
    assert!(kind(&fifo).is_fifo(), "the FIFO is left as it was");

    let dir = env.path("folder");
    std::fs::create_dir(&dir).unwrap();
    assert!(refused(&dir).contains("directory"));
    assert!(kind(&dir).is_dir());
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0, "nothing left inside");

    let sock = env.path("sock");
    let _listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    assert!(refused(&sock).contains("socket"));
    assert!(kind(&sock).is_socket());

    // A device: one of our own where we may make it (root), else /dev/null,
    // which must stay a device.
    let dev = env.path("null");
    let made = std::process::Command::new("mknod")
        .arg(&dev)
        .args(["c", "1", "3"])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let dev = if made { dev } else { Path::new("/dev/null").to_path_buf() };
    assert!(refused(&dev).contains("device"));
    assert!(kind(&dev).is_char_device(), "the device is left as it was");
    let full = Path::new("/dev/full");
    if full.exists() {
        refused(full);
        assert!(kind(full).is_char_device());
    }
    // A link to a device is refused too.
    let link = env.path("link-to-dev");
    std::os::unix::fs::symlink(&dev, &link).unwrap();
    refused(&link);
    assert!(kind(&link).is_symlink());

    // A new path and a regular file are written; a link to a file keeps
    // being a link, its file written.
    let new = env.path("new.txt");
    env.ok(&["score", &f, "--out", new.to_str().unwrap()]);
    assert!(std::fs::read_to_string(&new).unwrap().contains("张三"));
    env.ok(&["score", &f, "--out", new.to_str().unwrap(), "-f", "json"]);
    assert!(std::fs::read_to_string(&new).unwrap().starts_with('{'));
    let to_file = env.path("to-file");
    std::os::unix::fs::symlink(&new, &to_file).unwrap();
    env.ok(&["score", &f, "--out", to_file.to_str().unwrap(), "-f", "csv"]);
    assert!(kind(&to_file).is_symlink());
    assert!(std::fs::read_to_string(&new).unwrap().starts_with("\u{feff}result_id"));
    // No temporary file is left beside any of them.
    let left: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with(".zhixing-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// A tmpfs of 64 KiB mounted for a test (root only), unmounted when dropped.
struct TinyDisk(std::path::PathBuf);

impl TinyDisk {
    fn mount(at: &Path) -> Option<TinyDisk> {
        std::fs::create_dir_all(at).ok()?;
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
            .arg(at)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| TinyDisk(at.to_path_buf()))
    }
}

impl Drop for TinyDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_is_named_with_the_file_being_written() {
    let env = Env::new();
    let files: Vec<String> =
        (0..30).map(|k| env.write(&format!("a{k}.toml"), &answers(&format!("学员{k}"), 3))).collect();
    let mut args: Vec<&str> = vec!["score"];
    args.extend(files.iter().map(String::as_str));
    // stdout on a full device: the message says the disk is full, on stdout.
    if Path::new("/dev/full").exists() {
        let out = std::process::Command::new(crate::common::exe())
            .args(&args)
            .env_remove("ZHIXING_STORE")
            .env("ZHIXING_LANG", "en")
            .stdout(std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("cannot write to stdout: the disk is full"), "{err}");
    }
    // --out on a full disk: that file, and the disk is full, in both languages.
    let mount = env.path("tiny");
    if let Some(_disk) = TinyDisk::mount(&mount) {
        std::fs::write(mount.join("filler"), vec![0u8; 60 * 1024]).ok();
        let target = mount.join("report.txt");
        let target_s = target.to_str().unwrap().to_string();
        for (lang, want) in [
            ("en", format!("cannot write {target_s}: the disk is full")),
            ("zh", format!("无法写入 {target_s}：磁盘已满")),
        ] {
            let mut a = args.clone();
            a.extend(["--out", &target_s, "--lang", lang]);
            let out = env.run(&a);
            assert_eq!(out.status.code(), Some(1));
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains(&want), "{err}");
            assert!(!err.contains("stdout"), "{err}");
        }
        assert!(!target.exists());
        let left = std::fs::read_dir(&mount).unwrap().count();
        assert_eq!(left, 1, "only the filler is left");
    }
}

// ---------------------------------------------------------------------------
// Too few answers to score.

#[test]
fn one_answer_is_too_few_to_score_and_says_so() {
    let env = Env::new();
    let ids = item_ids();
    let one = format!(
        "rubric = \"core\"\n[subject]\nname = \"张三\"\n[rater]\nrole = \"self\"\n[answers]\n\"{}\" = 4\n",
        ids[0]
    );
    let f = env.write("one.toml", &one);
    for (lang, plain, warning, met) in [
        ("zh", "作答不足，无法评分", format!("张三 在 {} 题中只答了 1 题", ids.len()), "各维度均已达到目标"),
        (
            "en",
            "too few answers to score",
            format!("answered 1 of {} items", ids.len()),
            "Every dimension meets its target",
        ),
    ] {
        for format in ["table", "markdown", "html", "csv"] {
            let out = env.run(&["score", &f, "--lang", lang, "-f", format]);
            assert!(out.status.success());
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(text.contains(plain), "{lang} {format}: {text}");
            assert!(!text.contains(met), "{lang} {format}: {text}");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains(&warning), "{lang} {format}: {err}");
        }
        // The fast path of JSON Lines warns too.
        let out = env.run(&["score", &f, "--lang", lang, "-f", "jsonl"]);
        assert!(String::from_utf8_lossy(&out.stderr).contains(&warning));
    }
    let r = json(&env.ok(&["score", &f, "-f", "json"]));
    assert_eq!(r["overall"]["score"], serde_json::Value::Null);
    assert_eq!(r["priorities"], serde_json::json!([]));
    assert_eq!(r["strengths"], serde_json::json!([]));
    assert_eq!(r["quality"]["straight_line"], false, "one answer is no straight line");
    assert_eq!(r["quality"]["flags"], serde_json::json!([]));

    // The pack says it too, in the person's own report.
    let saved = env.write("one.jsonl", &env.ok(&["score", &f, "-f", "jsonl"]));
    let pack = env.path("pack");
    env.ok(&["group", &saved, "--min-group", "1", "--pack", pack.to_str().unwrap()]);
    for ext in ["txt", "md", "html"] {
        let own = std::fs::read_to_string(pack.join(format!("张三.{ext}"))).unwrap();
        assert!(own.contains("too few answers to score"), "{ext}: {own}");
    }
}

// ---------------------------------------------------------------------------
// The trainer's pack.

#[test]
fn pack_names_never_collide_and_hide_nothing() {
    let env = Env::new();
    let ids = item_ids();
    let mut text = String::from("name,role,rater");
    for id in &ids {
        text.push_str(&format!(",{id}"));
    }
    text.push('\n');
    let mut row = |name: &str, role: &str, rater: &str, v: usize| {
        let cells: String = (0..ids.len()).map(|k| format!(",{}", if k % 3 == 0 { v % 5 + 1 } else { v })).collect();
        text.push_str(&format!("{name},{role},{rater}{cells}\n"));
    };
    row("张三", "self", "", 4);
    row("张三", "supervisor", "领导", 2);
    row("张三", "peer", "同事甲", 3);
    row("张三.360", "self", "", 3);
    row("张三.360", "peer", "同事乙", 2);
    row("ZHANG", "self", "", 2);
    row("zhang", "self", "", 3);
    let f = env.write("360.csv", text.as_bytes());
    let results = env.ok(&["score", &f, "-f", "jsonl"]);
    // Names that hold invisible characters, as a result file can.
    let mut lines: Vec<serde_json::Value> = results.lines().map(json).collect();
    let mut sneaky = lines[0].clone();
    sneaky["subject"]["name"] = "李\u{202e}四\u{200b}".into();
    sneaky["id"] = "01SNEAKY".into();
    lines.push(sneaky);
    let all: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let f = env.write("360.jsonl", &all);

    let pack = env.path("pack");
    std::fs::create_dir(&pack).unwrap();
    std::fs::set_permissions(&pack, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = env.run(&["group", &f, "--by", "subject", "--min-group", "1", "--pack", pack.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        std::fs::metadata(&pack).unwrap().permissions().mode() & 0o777,
        0o700,
        "a folder that was there is made private"
    );

    let files: Vec<String> =
        std::fs::read_dir(&pack).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("{} files written", files.len())), "{err}\n{files:?}");
    for name in &files {
        assert!(!name.chars().any(|c| acts(c) || c.is_control()), "{name:?}");
    }
    let has = |n: &str| files.iter().any(|f| f == n);
    // 张三's own report and 360 view, and the person called 张三.360's own.
    assert!(has("张三.txt") && has("张三.360.txt"), "{files:?}");
    assert!(has("张三_360.txt") && has("张三_360.360.txt"), "{files:?}");
    let own_360 = std::fs::read_to_string(pack.join("张三_360.txt")).unwrap();
    assert!(own_360.contains("张三.360"), "the person's own report: {own_360}");
    // Two names that differ only in case are two files on any file system.
    let lower: std::collections::BTreeSet<String> = files.iter().map(|f| f.to_lowercase()).collect();
    assert_eq!(lower.len(), files.len(), "{files:?}");
    assert!(has("李四.txt"), "{files:?}");
}

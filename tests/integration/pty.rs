//! The real binary in a pseudo-terminal: keys in, the screen read back
//! through a terminal emulator (vt100), so that what a person sees is what
//! is asserted, Chinese included.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;

use crate::common::{Env, SMALL_RUBRIC as SMALL, exe, zhixing};

struct Tty {
    session: OsSession,
    vt: vt100::Parser,
    out: PathBuf,
    exit: Option<WaitStatus>,
    /// Every byte the program wrote to the terminal.
    raw: Vec<u8>,
}

struct Room {
    env: Env,
}

impl Room {
    fn new() -> Self {
        Room { env: Env::new() }
    }

    fn store(&self) -> PathBuf {
        self.env.store()
    }

    /// Start zhixing in a terminal of `cols` × `rows`, stdout to a file. The
    /// program starts only once the window size is set (a shell waits for a
    /// line first), so it never sees the default 80 × 24.
    fn spawn(&self, args: &[&str], lang: &str, cols: u16, rows: u16) -> Tty {
        self.spawn_script(r#"read _go && exec "$0" "$@" > "$ZX_OUT""#, args, lang, cols, rows)
    }

    /// Start a command line as a person types it into a shell (a command
    /// zhixing printed, `zhixing` standing for the built program).
    fn spawn_line(&self, line: &str, lang: &str, cols: u16, rows: u16) -> Tty {
        let rest = line.strip_prefix("zhixing ").unwrap_or_else(|| panic!("not a zhixing command: {line}"));
        let script = format!(r#"read _go && exec "$ZX_EXE" {rest} > "$ZX_OUT""#);
        self.spawn_script(&script, &[], lang, cols, rows)
    }

    fn spawn_script(&self, script: &str, args: &[&str], lang: &str, cols: u16, rows: u16) -> Tty {
        let out =
            self.env.path(&format!("stdout-{}.txt", std::process::id() as u128 + Instant::now().elapsed().as_nanos()));
        let mut cmd = Command::new("sh");
        cmd.arg("-c").arg(script);
        cmd.arg(exe());
        cmd.args(args);
        cmd.env("ZX_OUT", &out)
            .env("ZX_EXE", exe())
            .env("ZHIXING_STORE", self.store())
            .env("ZHIXING_LANG", lang)
            .env("TERM", "xterm-256color")
            .env_remove("NO_COLOR")
            .env_remove("COLUMNS")
            .env_remove("LINES");
        let mut session = OsSession::spawn(cmd).unwrap();
        session.get_process_mut().set_window_size(cols, rows).unwrap();
        session.write_all(b"\n").unwrap();
        let vt = vt100::Parser::new(NonZeroU16::new(rows).unwrap(), NonZeroU16::new(cols).unwrap(), 0);
        Tty { session, vt, out, exit: None, raw: Vec::new() }
    }

    fn zhixing(&self, args: &[&str]) -> std::process::Output {
        zhixing().env("ZHIXING_STORE", self.store()).env("ZHIXING_LANG", "en").args(args).output().unwrap()
    }

    /// The one stored result.
    fn result(&self) -> serde_json::Value {
        let out = self.zhixing(&["export", "--format", "json"]);
        let v: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v.len(), 1, "{v:?}");
        v.into_iter().next().unwrap()
    }

    fn drafts(&self) -> u64 {
        let out = self.zhixing(&["store", "info", "--format", "json"]);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["drafts"].as_u64().unwrap_or(0)
    }
}

impl Tty {
    fn pump(&mut self) {
        let mut buf = [0u8; 8192];
        loop {
            match self.session.try_read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    self.vt.process(&buf[..n]);
                    self.raw.extend_from_slice(&buf[..n]);
                }
                Err(_) => break,
            }
        }
    }

    fn screen(&self) -> String {
        self.vt.screen().contents()
    }

    /// The screen's rows as shown, trailing spaces left out.
    fn rows(&self) -> Vec<String> {
        let screen = self.vt.screen();
        let (rows, cols) = (screen.size().0.get(), screen.size().1.get());
        (0..rows).map(|r| screen.contents_between(r, 0, r, cols).trim_end().to_string()).collect()
    }

    /// Everything written to the terminal, as text.
    fn raw_text(&self) -> String {
        String::from_utf8_lossy(&self.raw).into_owned()
    }

    /// The command printed on the lines after `after`: from the line that
    /// starts with `zhixing`, the lines that go on (` \`) joined.
    #[track_caller]
    fn printed_command_lines(&self, after: &str) -> String {
        let raw = self.raw_text();
        let at = raw.rfind(after).unwrap_or_else(|| panic!("{after:?} not printed:\n{raw}"));
        let mut words = Vec::new();
        let mut started = false;
        for line in raw[at..].lines() {
            let line = line.trim_end_matches('\r').trim();
            if !started && !line.starts_with("zhixing ") {
                continue;
            }
            started = true;
            match line.strip_suffix(" \\") {
                Some(part) => words.push(part.to_string()),
                None => {
                    words.push(line.to_string());
                    break;
                }
            }
        }
        assert!(started, "no command after {after:?}:\n{raw}");
        words.join(" ")
    }

    /// Wait until the screen shows `text`.
    #[track_caller]
    fn wait_for(&mut self, text: &str) {
        let start = Instant::now();
        loop {
            self.pump();
            if self.screen().contains(text) {
                return;
            }
            if start.elapsed() > Duration::from_secs(20) {
                panic!("waited for {text:?}; the screen shows:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    fn send(&mut self, keys: &str) {
        self.session.write_all(keys.as_bytes()).unwrap();
        self.session.flush().unwrap();
    }

    /// Wait for the program to end; its exit status.
    fn wait_exit(&mut self) -> WaitStatus {
        let start = Instant::now();
        loop {
            self.pump();
            if let Some(s) = self.exit {
                return s;
            }
            match self.session.get_process().status() {
                Ok(WaitStatus::StillAlive) => {}
                Ok(s) => {
                    self.exit = Some(s);
                    std::thread::sleep(Duration::from_millis(20));
                    self.pump();
                    return s;
                }
                Err(e) => panic!("{e}"),
            }
            if start.elapsed() > Duration::from_secs(20) {
                panic!("did not end; the screen shows:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    fn exit_code(&mut self) -> i32 {
        match self.wait_exit() {
            WaitStatus::Exited(_, code) => code,
            other => panic!("ended by {other:?}"),
        }
    }

    fn stdout(&self) -> String {
        let mut s = String::new();
        if let Ok(mut f) = std::fs::File::open(&self.out) {
            f.read_to_string(&mut s).unwrap();
        }
        s
    }
}

/// Answer the items from the first on screen, one key each, waiting for each screen.
fn answer(tty: &mut Tty, first: usize, total: usize, keys: &[char], lang: &str) {
    for (k, key) in keys.iter().enumerate() {
        let n = first + k;
        tty.wait_for(&progress(n, total, lang));
        tty.send(&key.to_string());
    }
}

fn progress(n: usize, total: usize, lang: &str) -> String {
    if lang == "zh" { format!("第 {n} / {total} 题") } else { format!("item {n} of {total}") }
}

fn answers_of(result: &serde_json::Value) -> Vec<Option<i64>> {
    result["answers"].as_object().unwrap().values().map(|v| v.as_i64()).collect()
}

fn start_self(tty: &mut Tty, name: &str) {
    tty.wait_for("Press Enter to start");
    tty.send("\r");
    tty.wait_for("Whom does this questionnaire assess?");
    tty.send("1");
    tty.wait_for("Your name");
    for c in name.chars() {
        tty.send(&c.to_string());
        tty.wait_for(&format!("> {}", name.split_at(name.find(c).unwrap() + c.len_utf8()).0));
    }
    tty.send("\r");
    tty.wait_for("Department");
    tty.send("\r");
}

#[test]
fn a_whole_run_by_digit_keys() {
    let room = Room::new();
    let mut tty = room.spawn(&["assess"], "en", 100, 30);
    start_self(&mut tty, "Zhang San");
    let keys: Vec<char> = (0..60).map(|i| char::from(b'1' + (i * 3 % 5) as u8)).collect();
    answer(&mut tty, 1, 60, &keys, "en");
    tty.wait_for("Check your answers (60 of 60 answered)");
    tty.send("\r");
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());
    let report = tty.stdout();
    assert!(report.contains("Execution capability self-assessment · Zhang San"), "{report}");
    assert!(report.contains("Development focus"), "{report}");
    let r = room.result();
    // The keys were given in the order asked (interleaved: the n-th screen
    // is item n / 10 of dimension n % 10, six items each); the result's
    // answers are in rubric order.
    let mut expected: Vec<Option<i64>> = vec![None; keys.len()];
    for (n, c) in keys.iter().enumerate() {
        expected[asked_place(n)] = Some(i64::from(*c as u8 - b'0'));
    }
    assert_eq!(answers_of(&r), expected);
    assert_eq!(r["subject"]["name"], "Zhang San");
    assert!(r["quality"]["seconds"].as_f64().unwrap() > 0.0);
    assert_eq!(room.drafts(), 0, "the draft is gone once the result is saved");
    assert!(!tty.vt.screen().alternate_screen());
}

#[test]
fn going_back_and_changing_an_answer() {
    let room = Room::new();
    let mut tty =
        room.spawn(&["assess", "--rubric", SMALL, "--subject", "Li Si", "--department", "Office"], "en", 80, 24);
    tty.wait_for("Press Enter to start");
    tty.send("\r");
    tty.wait_for("Whom does");
    tty.send("1");
    answer(&mut tty, 1, 9, &['1', '2'], "en");
    // Back from item 3 to item 2, which shows the answer given.
    tty.wait_for(&progress(3, 9, "en"));
    tty.send("b");
    tty.wait_for(&progress(2, 9, "en"));
    tty.wait_for("▸ 2  Not much like me (chosen)");
    tty.send("5");
    answer(&mut tty, 3, 9, &['3', '4', '5', '1', '2', '3', '4'], "en");
    // On review, change item 1 with the arrows.
    tty.wait_for("Check your answers");
    tty.send("\x1b[B");
    tty.send("\r");
    tty.wait_for(&progress(1, 9, "en"));
    tty.send("4");
    tty.wait_for("Check your answers");
    tty.send("\r");
    assert_eq!(tty.exit_code(), 0);
    let r = room.result();
    let expected = [4, 5, 3, 4, 5, 1, 2, 3, 4].map(Some).to_vec();
    assert_eq!(answers_of(&r), expected);
    assert_eq!(r["subject"]["department"], "Office");
}

#[test]
fn ctrl_c_after_five_answers_then_resume_asks_only_the_rest() {
    let room = Room::new();
    let mut tty = room.spawn(&["assess", "--rubric", SMALL, "--subject", "王五", "--role", "self"], "en", 80, 24);
    tty.wait_for("Press Enter to start");
    tty.send("\r");
    tty.wait_for("Department");
    tty.send("\r");
    answer(&mut tty, 1, 9, &['5', '4', '3', '2', '1'], "en");
    tty.wait_for(&progress(6, 9, "en"));
    tty.send("\x03");
    assert_eq!(tty.exit_code(), 130);
    assert!(!tty.vt.screen().hide_cursor(), "the cursor is visible again");
    assert!(!tty.vt.screen().alternate_screen(), "the terminal is given back");
    assert!(tty.screen().contains("--resume"), "{}", tty.screen());
    assert_eq!(room.drafts(), 1);

    let mut tty = room.spawn(&["assess", "--rubric", SMALL, "--resume", "--subject", "王五"], "en", 80, 24);
    tty.wait_for("Continuing where you stopped: 5 answered.");
    tty.send("\r");
    tty.wait_for(&progress(6, 9, "en"));
    answer(&mut tty, 6, 9, &['2', '3', '4', '5'], "en");
    tty.wait_for("Check your answers (9 of 9 answered)");
    tty.send("\r");
    assert_eq!(tty.exit_code(), 0);
    let r = room.result();
    assert_eq!(answers_of(&r), [5, 4, 3, 2, 1, 2, 3, 4, 5].map(Some).to_vec());
    assert_eq!(r["subject"]["name"], "王五");
    assert_eq!(room.drafts(), 0);
}

#[test]
fn a_chinese_name_typed_with_a_backspace() {
    let room = Room::new();
    let mut tty = room.spawn(&["assess", "--rubric", SMALL, "--role", "self", "--department", "秘书处"], "zh", 80, 24);
    tty.wait_for("按回车开始");
    tty.send("\r");
    tty.wait_for("您的姓名");
    for (c, shown) in [('张', "> 张"), ('三', "> 张三"), ('丰', "> 张三丰")] {
        tty.send(&c.to_string());
        tty.wait_for(shown);
    }
    tty.send("\x7f");
    // Wait for the line under the cursor to settle (a redraw can be seen
    // half done), then look at it.
    let start = Instant::now();
    let cursor_line = |tty: &Tty| {
        let (row, col) = tty.vt.screen().cursor_position();
        (tty.vt.screen().contents_between(row, 0, row, 80), col)
    };
    while cursor_line(&tty).0.trim_end() != "> 张三" && start.elapsed() < Duration::from_secs(20) {
        tty.pump();
        std::thread::sleep(Duration::from_millis(5));
    }
    let (line, col) = cursor_line(&tty);
    assert_eq!(line.trim_end(), "> 张三");
    assert_eq!(col, 6, "the cursor stands right after 张三 (2 + 2 × 2 columns)");
    tty.send("峰");
    tty.wait_for("> 张三峰");
    let (_, col) = tty.vt.screen().cursor_position();
    assert_eq!(col, 8);
    tty.send("\r");
    answer(&mut tty, 1, 9, &['3'; 9], "zh");
    tty.wait_for("请核对您的作答");
    tty.send("\r");
    assert_eq!(tty.exit_code(), 0);
    let r = room.result();
    assert_eq!(r["subject"]["name"], "张三峰");
    assert!(tty.stdout().contains("小测验 · 张三峰（秘书处）"));
}

#[test]
fn forty_columns_cut_no_line_inside_a_character() {
    let room = Room::new();
    let mut tty =
        room.spawn(&["assess", "--subject", "张三", "--role", "self", "--department", "秘书处"], "zh", 40, 24);
    tty.wait_for("按回车开始");
    check_no_cut(&tty, 40);
    tty.send("\r");
    for n in 1..=3 {
        tty.wait_for(&progress(n, 60, "zh"));
        check_no_cut(&tty, 40);
        tty.send("4");
    }
    tty.send("\x03");
    assert_eq!(tty.exit_code(), 130);
}

/// No row was wrapped by the terminal: every line fit, so none was cut.
#[track_caller]
fn check_no_cut(tty: &Tty, cols: u16) {
    let screen = tty.vt.screen();
    for row in 0..screen.size().0.get() {
        assert!(!screen.row_wrapped(row), "row {row} overflowed:\n{}", tty.screen());
        let last = screen.cell(row, cols - 1).unwrap();
        assert!(!last.is_wide(), "a wide character half off row {row}");
    }
}

#[test]
fn not_a_terminal_points_to_score() {
    let out = zhixing()
        .args(["assess", "--lang", "en"])
        .env("ZHIXING_STORE", Path::new("/nonexistent/z.db"))
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("zhixing score") && err.contains("zhixing rubric template"), "{err}");
}

#[test]
fn kiosk_hands_over_with_nothing_of_the_previous_person_visible() {
    let room = Room::new();
    let mut tty =
        room.spawn(&["assess", "--kiosk", "--session", "s1", "--rubric", SMALL, "--role", "self"], "en", 80, 24);
    for (name, key) in [("Alice", '5'), ("Bob", '1')] {
        tty.wait_for("Next participant: press Enter to start.");
        assert!(!tty.screen().contains("Ctrl-X"), "the trainer's key is not shown to participants");
        tty.send("\r");
        tty.wait_for("Press Enter to start");
        tty.send("\r");
        tty.wait_for("Your name");
        for c in name.chars() {
            tty.send(&c.to_string());
        }
        tty.wait_for(&format!("> {name}"));
        tty.send("\r");
        tty.wait_for("Department");
        tty.send("\r");
        answer(&mut tty, 1, 9, &[key; 9], "en");
        tty.wait_for("Check your answers");
        tty.send("\r");
        tty.wait_for("thank you");
        tty.send("\r");
        tty.wait_for("Next participant");
        let screen = tty.screen();
        assert!(!screen.contains(name), "{screen}");
        assert!(!screen.contains("Development focus") && !screen.contains("Overall"), "{screen}");
    }
    tty.send("\x18");
    tty.wait_for("End the session? y/N");
    tty.send("y");
    assert_eq!(tty.exit_code(), 0);
    let out = room.zhixing(&["export", "--session", "s1", "--format", "json"]);
    let v: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.len(), 2);
    assert!(v.iter().all(|r| r["session"] == "s1"));
}

#[test]
fn a_hostile_rubric_is_shown_not_obeyed_by_the_questionnaire() {
    // SPEC §12: rubric texts reach the questionnaire's screens escaped; the
    // title it tries to set is never set, the screen never reversed.
    let room = Room::new();
    let rubric = crate::safety::hostile_rubric(&room.env);
    let mut tty = room.spawn(&["assess", "--rubric", &rubric], "zh", 80, 24);
    tty.wait_for("\\u{1b}]0;pwned");
    assert!(tty.screen().contains("\\u{202e}"), "{}", tty.screen());
    let raw = String::from_utf8_lossy(&tty.raw);
    for bad in ["\u{1b}]0;", "\u{1b}]52;", "\u{1b}[2J\u{1b}]", "\u{202e}", "\u{7}"] {
        assert!(!raw.contains(bad), "{bad:?} reached the terminal raw");
    }
}

// ---- Every screen fits (SPEC §8): 40×20, 80×24, 120×40, in both languages.

/// Nothing on screen went past its row, no wide character stands half off
/// a row, no number is split between two rows, and `whole` (names,
/// numbers, words) each stand whole on one row.
#[track_caller]
fn check_fits(tty: &Tty, whole: &[&str]) {
    let screen = tty.vt.screen();
    let cols = screen.size().1.get();
    check_no_cut(tty, cols);
    let rows = tty.rows();
    for pair in rows.windows(2) {
        let (a, b) = (pair[0].trim(), pair[1].trim());
        let split = a.ends_with(|c: char| c.is_ascii_digit()) && b.starts_with(|c: char| c.is_ascii_digit());
        assert!(!split, "a number split between rows:\n{}", rows.join("\n"));
    }
    for w in whole {
        assert!(rows.iter().any(|r| r.contains(w)), "{w:?} is not whole on one row:\n{}", rows.join("\n"));
    }
}

/// The command shown on the rows after the one holding `label`, its lines
/// that go on (` \`) joined as a shell joins them.
#[track_caller]
fn command_after(tty: &Tty, label: &str) -> String {
    let rows = tty.rows();
    let at = rows.iter().rposition(|r| r.contains(label)).unwrap_or_else(|| panic!("{label:?}:\n{}", rows.join("\n")));
    let mut words = Vec::new();
    for r in &rows[at + 1..] {
        let line = r.trim();
        match line.strip_suffix(" \\") {
            Some(part) => words.push(part.to_string()),
            None => {
                words.push(line.to_string());
                break;
            }
        }
    }
    words.join(" ")
}

/// Of the rows from the one holding `from` to the end, none overflowed.
#[track_caller]
fn check_rows_from(tty: &Tty, from: &str) {
    let rows = tty.rows();
    let start = rows.iter().position(|r| r.contains(from)).unwrap_or_else(|| panic!("{from:?}:\n{}", rows.join("\n")));
    let screen = tty.vt.screen();
    let cols = screen.size().1.get();
    for r in start..rows.len() {
        assert!(!screen.row_wrapped(r as u16), "row {r} overflowed:\n{}", rows.join("\n"));
        assert!(!screen.cell(r as u16, cols - 1).unwrap().is_wide(), "a wide character half off row {r}");
    }
}

struct Texts {
    start: &'static str,
    review: &'static str,
    submit: &'static str,
    label: &'static str,
    see_again: &'static str,
}

fn texts(lang: &str) -> Texts {
    if lang == "zh" {
        Texts {
            start: "按回车开始",
            review: "请核对您的作答",
            submit: "[ 提交 ]",
            label: "[4 较符合]",
            see_again: "再次查看报告",
        }
    } else {
        Texts {
            start: "Press Enter to start",
            review: "Check your answers",
            submit: "[ Submit ]",
            label: "[4 Mostly like me]",
            see_again: "To see the report again",
        }
    }
}

/// The whole core questionnaire at one size: the welcome, items, the
/// review scrolled past its end, and the lines after the report.
fn a_run_that_fits(lang: &str, cols: u16, rows: u16) {
    let room = Room::new();
    let name = if lang == "zh" { "欧阳明月" } else { "Zhang San" };
    let t = texts(lang);
    let mut tty =
        room.spawn(&["assess", "--subject", name, "--role", "self", "--department", "秘书处"], lang, cols, rows);
    tty.wait_for(t.start);
    check_fits(&tty, &["5"]);
    let first = tty.rows()[0].clone();
    assert!(first.contains(if lang == "zh" { "执行力" } else { "xecution" }), "the title on top:\n{}", tty.screen());
    tty.send("\r");
    let (items, _) = crate::common::core();
    for n in 1..=60 {
        tty.wait_for(&progress(n, 60, lang));
        if [1, 9, 60].contains(&n) {
            let prog = progress(n, 60, lang);
            check_fits(&tty, &[&prog, "3"]);
            assert!(tty.rows().iter().take(3).any(|r| r.contains(&prog)), "progress on top:\n{}", tty.screen());
            if lang == "zh" {
                // The statement is all there, wrapped but whole.
                let joined: String = tty.rows().concat().split_whitespace().collect();
                let statement: String = items[asked_place(n - 1)].1.split_whitespace().collect();
                assert!(joined.contains(&statement), "{statement}\n{}", tty.screen());
            }
        }
        tty.send("4");
    }
    tty.wait_for(t.review);
    check_fits(&tty, &[t.label]);
    assert!(tty.rows()[0].contains(t.review), "{}", tty.screen());
    // Down past the end: the heading stays on top, the last answer is shown with its label.
    for _ in 0..65 {
        tty.send("\x1b[B");
    }
    tty.wait_for("▸ 60. ");
    check_fits(&tty, &[t.label, "60."]);
    assert!(tty.rows()[0].contains(t.review), "the heading scrolled away:\n{}", tty.screen());
    for _ in 0..65 {
        tty.send("\x1b[A");
    }
    tty.wait_for(&format!("▸ {}", t.submit));
    assert!(tty.rows()[0].contains(t.review), "{}", tty.screen());
    tty.send("\r");
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());
    // The last lines say how to see the report again, and it works.
    check_rows_from(&tty, t.see_again);
    let command = format!(
        "zhixing report --latest --subject {}",
        if lang == "zh" { name.to_string() } else { format!("'{name}'") }
    );
    assert_eq!(command_after(&tty, t.see_again), command, "{}", tty.screen());
    let rows = tty.rows();
    let last = rows.iter().rposition(|r| !r.is_empty()).unwrap();
    assert!(
        !rows[last].ends_with('\\') && command.ends_with(rows[last].trim()),
        "the command is last:\n{}",
        tty.screen()
    );
    let mut again = room.spawn_line(&command, lang, cols, rows.len() as u16);
    assert_eq!(again.exit_code(), 0);
    assert!(again.stdout().contains(name), "{}", again.stdout());
}

#[test]
fn every_screen_fits_40_by_20() {
    a_run_that_fits("zh", 40, 20);
    a_run_that_fits("en", 40, 20);
}

#[test]
fn every_screen_fits_80_by_24() {
    a_run_that_fits("zh", 80, 24);
    a_run_that_fits("en", 80, 24);
}

#[test]
fn every_screen_fits_120_by_40() {
    a_run_that_fits("zh", 120, 40);
    a_run_that_fits("en", 120, 40);
}

#[test]
fn no_save_says_the_report_was_not_saved() {
    let room = Room::new();
    let mut tty = room.spawn(
        &["assess", "--rubric", SMALL, "--subject", "李四", "--role", "self", "--department", "x", "--no-save"],
        "zh",
        40,
        20,
    );
    tty.wait_for("按回车开始");
    tty.send("\r");
    answer(&mut tty, 1, 9, &['3'; 9], "zh");
    tty.wait_for("请核对您的作答");
    tty.send("\r");
    assert_eq!(tty.exit_code(), 0);
    check_rows_from(&tty, "没有保存");
    assert!(!tty.screen().contains("zhixing report"), "{}", tty.screen());
    assert_eq!(room.drafts(), 0);
}

// ---- Resuming (SPEC §8).

#[test]
fn the_printed_command_resumes_in_the_same_language_asking_nothing() {
    let room = Room::new();
    // English by flag in a Chinese environment, rating someone else.
    let mut tty = room.spawn(&["--lang", "en", "assess", "--rubric", SMALL], "zh", 80, 24);
    tty.wait_for("Press Enter to start");
    tty.send("\r");
    tty.wait_for("Whom does this questionnaire assess?");
    tty.send("2");
    for (label, typed) in
        [("Name of the person you assess", "Wang Wu"), ("Department", "Research"), ("Your name (the rater)", "Li Si")]
    {
        tty.wait_for(label);
        tty.send(typed);
        tty.wait_for(&format!("> {typed}"));
        tty.send("\r");
    }
    answer(&mut tty, 1, 9, &['5', '4', '3'], "en");
    tty.wait_for(&progress(4, 9, "en"));
    tty.send("\x03");
    assert_eq!(tty.exit_code(), 130);
    let command = tty.printed_command_lines("Interrupted");
    // At 80 columns the command breaks between its words, each line that
    // goes on ending in " \", and no line wider than the terminal.
    let raw = tty.raw_text();
    let note = &raw[raw.rfind("Interrupted").unwrap()..];
    assert!(note.lines().any(|l| l.trim_end_matches('\r').ends_with(" \\")), "{note}");
    assert!(note.lines().all(|l| unicode_width::UnicodeWidthStr::width(l.trim_end_matches('\r')) <= 80), "{note}");
    assert!(command.contains("--lang en") && command.contains("--subject 'Wang Wu'"), "{command}");
    assert!(command.contains("--role supervisor"), "{command}");

    let mut tty = room.spawn_line(&command, "zh", 80, 24);
    tty.wait_for("Continuing where you stopped: 3 answered.");
    tty.send("\r");
    tty.wait_for(&progress(4, 9, "en"));
    answer(&mut tty, 4, 9, &['1', '2', '3', '4', '5', '1'], "en");
    tty.wait_for("Check your answers (9 of 9 answered)");
    assert!(tty.screen().contains("[5 Very much like me]") || tty.screen().contains("[1 Not at all like me]"));
    tty.send("\r");
    assert_eq!(tty.exit_code(), 0);
    let raw = tty.raw_text();
    for asked in ["Whom does", "Department", "Your name"] {
        assert!(!raw.contains(asked), "{asked:?} asked again");
    }
    let r = room.result();
    assert_eq!(answers_of(&r), [5, 4, 3, 1, 2, 3, 4, 5, 1].map(Some).to_vec());
    assert_eq!(r["subject"]["name"], "Wang Wu");
    assert_eq!(r["subject"]["department"], "Research");
    assert_eq!(r["rater"]["role"], "supervisor");
    assert_eq!(r["rater"]["name"], "Li Si");
    assert_eq!(room.drafts(), 0);
}

/// Begin the small questionnaire for `name`, answer `n` items, Ctrl-C.
fn interrupted(room: &Room, name: &str, n: usize) {
    let mut tty = room.spawn(
        &["assess", "--rubric", SMALL, "--subject", name, "--role", "self", "--department", "d"],
        "en",
        80,
        24,
    );
    tty.wait_for("Press Enter to start");
    tty.send("\r");
    answer(&mut tty, 1, 9, &vec!['2'; n], "en");
    tty.wait_for(&progress(n + 1, 9, "en"));
    tty.send("\x03");
    assert_eq!(tty.exit_code(), 130);
}

#[test]
fn resume_alone_lists_the_open_drafts_or_continues_the_only_one() {
    let room = Room::new();
    interrupted(&room, "Alice", 1);
    std::thread::sleep(Duration::from_millis(1100));
    interrupted(&room, "Bob", 2);
    assert_eq!(room.drafts(), 2);
    // Two open: a list, the latest first; the rubric comes from the draft.
    let mut tty = room.spawn(&["assess", "--resume"], "en", 80, 24);
    tty.wait_for("Several questionnaires are unfinished");
    let screen = tty.screen();
    assert!(screen.contains("1  Bob (self) · small · 2 of 9 answered"), "{screen}");
    assert!(screen.contains("2  Alice (self) · small · 1 of 9 answered"), "{screen}");
    tty.send("2");
    tty.wait_for("Continuing where you stopped: 1 answered.");
    tty.send("\r");
    answer(&mut tty, 2, 9, &['4'; 8], "en");
    tty.wait_for("Check your answers");
    tty.send("\r");
    assert_eq!(tty.exit_code(), 0);
    assert_eq!(room.result()["subject"]["name"], "Alice");
    // One open: continued at once.
    let mut tty = room.spawn(&["assess", "--resume"], "en", 80, 24);
    tty.wait_for("Continuing where you stopped: 2 answered.");
    assert!(!tty.raw_text().contains("Several questionnaires"));
    tty.send("\r");
    tty.wait_for(&progress(3, 9, "en"));
    tty.send("\x03");
    assert_eq!(tty.exit_code(), 130);
}

// ---- The kiosk: the trainer's key, and who did not finish.

#[test]
fn kiosk_ends_only_when_the_trainer_confirms_and_lists_who_did_not_finish() {
    let room = Room::new();
    let mut tty =
        room.spawn(&["assess", "--kiosk", "--session", "s2", "--rubric", SMALL, "--role", "self"], "zh", 80, 24);
    tty.wait_for("请下一位参加者按回车开始");
    let waiting = tty.screen();
    assert!(!waiting.contains("Ctrl") && !waiting.contains("培训师"), "{waiting}");
    // Ctrl-X asks; anything but y goes back to waiting.
    tty.send("\x18");
    tty.wait_for("结束本场测评？y/N");
    tty.send("n");
    tty.wait_for("请下一位参加者按回车开始");
    tty.send("\x18");
    tty.wait_for("结束本场测评？y/N");
    tty.send("\r");
    tty.wait_for("请下一位参加者按回车开始");
    assert!(matches!(tty.session.get_process().status(), Ok(WaitStatus::StillAlive)), "the session goes on");
    // A participant who leaves half-way.
    tty.send("\r");
    tty.wait_for("请告诉培训师");
    let welcome = tty.screen();
    assert!(!welcome.contains("--resume") && !welcome.contains("Ctrl-C"), "{welcome}");
    tty.send("\r");
    tty.wait_for("您的姓名");
    tty.send("赵六");
    tty.wait_for("> 赵六");
    tty.send("\r");
    tty.wait_for("部门");
    tty.send("\r");
    answer(&mut tty, 1, 9, &['4', '4'], "zh");
    tty.wait_for(&progress(3, 9, "zh"));
    assert!(!tty.screen().contains("Ctrl-C"), "{}", tty.screen());
    tty.send("\x03");
    tty.wait_for("请下一位参加者按回车开始");
    assert!(!tty.screen().contains("赵六"));
    tty.send("\x18");
    tty.wait_for("结束本场测评？y/N");
    tty.send("y");
    assert_eq!(tty.exit_code(), 0);
    // Told to the trainer at the end: who, how far, how to continue or discard.
    let screen = tty.screen();
    assert!(screen.contains("有 1 位参加者没有答完"), "{screen}");
    assert!(screen.contains("赵六（自评）· small · 已答 2 / 9 题 · 场次 s2"), "{screen}");
    check_rows_from(&tty, "有 1 位参加者没有答完");
    let discard = command_after(&tty, "丢弃草稿");
    assert!(discard.starts_with("zhixing assess --discard --subject 赵六 --rubric "), "{discard}");
    assert_eq!(room.drafts(), 1);
    let mut gone = room.spawn_line(&discard, "zh", 80, 24);
    assert_eq!(gone.exit_code(), 0);
    assert!(gone.screen().contains("已丢弃 赵六 的未完成问卷"), "{}", gone.screen());
    assert_eq!(room.drafts(), 0);
}

// ---- Rating someone else (SPEC §8): the `others` text, whom it is about,
// and an interleaved rubric asked in turn, naming no dimension.

const OTHERS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/others.toml");

#[test]
fn a_supervisor_is_asked_about_the_subject_in_the_third_person() {
    for (cols, rows) in [(40, 20), (80, 24)] {
        let room = Room::new();
        let args = [
            "assess",
            "--rubric",
            OTHERS,
            "--subject",
            "李华",
            "--role",
            "supervisor",
            "--rater",
            "王五",
            "--department",
            "办公室",
        ];
        let mut tty = room.spawn(&args, "zh", cols, rows);
        tty.wait_for("按回车开始");
        tty.send("\r");
        // Asked in turn: plan.a, act.a, plan.b, act.b, plan.c, act.c.
        let asked = [
            "该同志每周一列出本周要办的事。",
            "该同志当天答应的事当天办。",
            "该同志会给每件事定下完成的日子。",
            "事情办完后该同志会告诉交办的人。",
            "该同志常常想到哪做到哪。",
            "遇到难处该同志会先想办法再请示。",
        ];
        for (k, (statement, key)) in asked.iter().zip(['4', '5', '3', '2', '1', '4']).enumerate() {
            tty.wait_for(&progress(k + 1, 6, "zh"));
            tty.wait_for(statement);
            let screen = tty.screen();
            assert!(screen.contains("评价对象：李华 · 请按其实际表现作答"), "{cols}:\n{screen}");
            for named in ["工作方式", "计划安排", "落实推进", "我每周", "我当天"] {
                assert!(!screen.contains(named), "{named:?} at {cols}:\n{screen}");
            }
            check_fits(&tty, &["评价对象：李华", &progress(k + 1, 6, "zh")]);
            tty.send(&key.to_string());
        }
        tty.wait_for("请核对您的作答");
        let review = tty.screen();
        assert!(review.contains("评价对象：李华") && review.contains("该同志每周一"), "{review}");
        check_fits(&tty, &["评价对象：李华"]);
        tty.send("\r");
        assert_eq!(tty.exit_code(), 0, "{}", tty.screen());
        let r = room.result();
        assert_eq!(r["rater"]["role"], "supervisor");
        assert_eq!(r["subject"]["name"], "李华");
        let a = &r["answers"];
        let got: Vec<i64> =
            ["plan.a", "act.a", "plan.b", "act.b", "plan.c", "act.c"].iter().map(|k| a[k].as_i64().unwrap()).collect();
        assert_eq!(got, [4, 5, 3, 2, 1, 4], "{a}");
    }
}

/// A participant's Ctrl-C ends only their turn, whenever it comes: also
/// just after a key, while the next screen is drawn and the draft saved
/// (once a moment when the terminal turned Ctrl-C into a signal that ended
/// the whole session).
#[test]
fn a_kiosk_participants_ctrl_c_between_screens_ends_only_their_turn() {
    let room = Room::new();
    let mut tty =
        room.spawn(&["assess", "--kiosk", "--session", "s3", "--rubric", SMALL, "--role", "self"], "zh", 80, 24);
    for (k, name) in ["甲", "乙", "丙", "丁"].iter().enumerate() {
        tty.wait_for("请下一位参加者按回车开始");
        tty.send("\r");
        tty.wait_for("请告诉培训师");
        tty.send("\r");
        tty.wait_for("您的姓名");
        tty.send(name);
        tty.wait_for(&format!("> {name}"));
        tty.send("\r");
        tty.wait_for("部门");
        tty.send("\r");
        tty.wait_for(&progress(1, 9, "zh"));
        // The key, then Ctrl-C at once or a moment later: while the answer
        // is saved and the next screen drawn.
        tty.send("4");
        std::thread::sleep(Duration::from_micros(300 * k as u64));
        tty.send("\x03");
        tty.wait_for("请下一位参加者按回车开始");
        assert!(matches!(tty.session.get_process().status(), Ok(WaitStatus::StillAlive)), "{}", tty.screen());
    }
    tty.send("\x18");
    tty.wait_for("结束本场测评？y/N");
    tty.send("y");
    assert_eq!(tty.exit_code(), 0);
    assert!(tty.raw_text().contains("有 4 位参加者没有答完"), "{}", tty.raw_text());
    assert_eq!(room.drafts(), 4);
}

/// The place in rubric order of the n-th item asked (from 0) of the
/// built-in core rubric: interleaved over its ten dimensions of six items.
fn asked_place(n: usize) -> usize {
    (n % 10) * 6 + n / 10
}

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
        let out =
            self.env.path(&format!("stdout-{}.txt", std::process::id() as u128 + Instant::now().elapsed().as_nanos()));
        let mut cmd = Command::new("sh");
        cmd.arg("-c").arg(r#"read _go && exec "$0" "$@" > "$ZX_OUT""#);
        cmd.arg(exe());
        cmd.args(args);
        cmd.env("ZX_OUT", &out)
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
    let keys: Vec<char> = (0..40).map(|i| char::from(b'1' + (i * 3 % 5) as u8)).collect();
    answer(&mut tty, 1, 40, &keys, "en");
    tty.wait_for("Check your answers (40 of 40 answered)");
    tty.send("\r");
    assert_eq!(tty.exit_code(), 0, "{}", tty.screen());
    let report = tty.stdout();
    assert!(report.contains("Execution capability self-assessment · Zhang San"), "{report}");
    assert!(report.contains("Development focus"), "{report}");
    let r = room.result();
    let expected: Vec<Option<i64>> = keys.iter().map(|c| Some(i64::from(*c as u8 - b'0'))).collect();
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
    let start = Instant::now();
    while tty.screen().contains("张三丰") && start.elapsed() < Duration::from_secs(10) {
        tty.pump();
        std::thread::sleep(Duration::from_millis(5));
    }
    let (row, col) = tty.vt.screen().cursor_position();
    let line = tty.vt.screen().contents_between(row, 0, row, 80);
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
        tty.wait_for(&progress(n, 40, "zh"));
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
        assert!(tty.screen().contains("Ctrl-X"), "the trainer's key is named on screen");
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

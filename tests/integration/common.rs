//! What the modules of the integration binary share: the real binary, a
//! temporary folder with a store in it, the paths of what is shipped beside
//! the tests, and answers made from the core rubric.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The crate's folder, where `tests/cmd`, `tests/fixtures`, `schemas/` and
/// `rubrics/` are found whatever the folder the tests run in.
pub fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A rubric of nine items, for the questionnaire in a terminal.
pub const SMALL_RUBRIC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/small.toml");

/// The built program's path, to start it without assert_cmd.
pub fn exe() -> PathBuf {
    assert_cmd::cargo::cargo_bin("zhixing")
}

/// The built program, with the environment of the tests as it is.
pub fn zhixing() -> Command {
    Command::cargo_bin("zhixing").unwrap()
}

/// The built program with no store from the environment, English messages
/// and no colour.
pub fn bin() -> Command {
    let mut c = zhixing();
    c.env_remove("ZHIXING_STORE").env("ZHIXING_LANG", "en").env("NO_COLOR", "1");
    c
}

/// `zhixing rubric template` of the core rubric in `lang`.
#[track_caller]
pub fn template(lang: &str) -> String {
    let out = bin().args(["rubric", "template", "--lang", lang]).output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[track_caller]
pub fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap()
}

/// The core rubric's items: (id, Chinese statement), in rubric order, and its
/// Chinese labels.
#[track_caller]
pub fn core() -> (Vec<(String, String)>, Vec<String>) {
    let out = bin().args(["rubric", "show", "core", "--format", "json"]).output().unwrap();
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut items = Vec::new();
    for s in r["sections"].as_array().unwrap() {
        for d in s["dimensions"].as_array().unwrap() {
            for i in d["items"].as_array().unwrap() {
                items.push((i["id"].as_str().unwrap().to_string(), i["text"]["zh"].as_str().unwrap().to_string()));
            }
        }
    }
    let labels =
        r["scale"]["labels"].as_array().unwrap().iter().map(|l| l["zh"].as_str().unwrap().to_string()).collect();
    (items, labels)
}

/// The core rubric's item ids, in rubric order.
#[track_caller]
pub fn item_ids() -> Vec<String> {
    core().0.into_iter().map(|(id, _)| id).collect()
}

/// A CSV as a form service or Excel writes it: CRLF line ends, a header of
/// 姓名, 部门 and the item ids, the option text in the cells.
#[track_caller]
pub fn form_csv(people: &[(&str, &str, usize)]) -> String {
    let (items, labels) = core();
    let mut out = String::from("姓名,部门");
    for (id, _) in &items {
        out.push(',');
        out.push_str(id);
    }
    out.push_str("\r\n");
    for (name, dept, v) in people {
        out.push_str(&format!("{name},{dept}"));
        for (k, _) in items.iter().enumerate() {
            // Mostly the person's value, now and then one more: not straight-lined.
            let v = if k % 3 == 0 { (v % 5) + 1 } else { *v };
            out.push(',');
            out.push_str(&labels[v - 1]);
        }
        out.push_str("\r\n");
    }
    out
}

/// A temporary folder, removed when dropped, and the store the program is
/// given in it with `--store`.
pub struct Env {
    pub dir: tempfile::TempDir,
    store: PathBuf,
}

impl Env {
    /// The store is `z.db` in the folder.
    #[track_caller]
    pub fn new() -> Self {
        Self::with_store("z.db")
    }

    /// The store at `path` inside the folder, e.g. `data/z.db`, so that the
    /// program makes the folder around it.
    #[track_caller]
    pub fn with_store(path: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join(path);
        Env { dir, store }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn store(&self) -> PathBuf {
        self.store.clone()
    }

    /// Write a file in the folder; its path.
    #[track_caller]
    pub fn write(&self, name: &str, bytes: &(impl AsRef<[u8]> + ?Sized)) -> String {
        let p = self.path(name);
        std::fs::write(&p, bytes).unwrap();
        p.to_str().unwrap().to_string()
    }

    /// Run [`bin`] in the folder with the store.
    #[track_caller]
    pub fn run(&self, args: &[&str]) -> Output {
        bin().current_dir(self.dir.path()).arg("--store").arg(&self.store).args(args).output().unwrap()
    }

    /// Success: its stdout.
    #[track_caller]
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    /// Exit 2: its stderr.
    #[track_caller]
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", String::from_utf8_lossy(&out.stdout));
        String::from_utf8(out.stderr).unwrap()
    }

    /// Exit 2 with nothing on stdout: its stderr.
    #[track_caller]
    pub fn refused(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stdout.is_empty(), "{args:?} printed {} bytes", out.stdout.len());
        String::from_utf8(out.stderr).unwrap()
    }
}

/// What writes a program's standard input.
pub type Feed = dyn Fn(&mut dyn std::io::Write);

/// The program with an address space of 1 GiB at most (SPEC §12: memory
/// stays under 1 GiB for any input), as [`bin`] runs it, in `dir`, its
/// standard input `stdin` (None: nothing). A run that needs more fails to
/// allocate and aborts: the exit code says which.
#[track_caller]
pub fn in_1_gib(dir: &Path, args: &[&str], stdin: Option<&Feed>) -> Output {
    use std::process::{Command, Stdio};
    let mut c = Command::new("prlimit");
    c.arg(format!("--as={}", 1u64 << 30)).arg("--").arg(exe()).args(args).current_dir(dir);
    c.env_remove("ZHIXING_STORE").env("ZHIXING_LANG", "en").env("NO_COLOR", "1");
    c.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() }).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = c.spawn().unwrap();
    if let Some(feed) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        feed(&mut pipe);
    }
    child.wait_with_output().unwrap()
}

/// The run ended with exit 2 (never a signal), and its stderr says `what`.
#[track_caller]
pub fn refused_saying(out: &Output, what: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{:?}: {err}", out.status);
    assert!(err.contains(what), "expected {what:?} in: {err}");
}

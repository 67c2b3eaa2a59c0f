//! The results store through the real binary: save, report, history,
//! export/import, refusals, file modes, concurrency and a killed batch;
//! once per fingerprint, short write locks, read-only stores and damaged rows.

use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command as Proc, Stdio};
use std::time::{Duration, Instant, SystemTime};

use crate::common::{Env, exe, form_csv, template, zhixing};

/// Where the store is, inside the test's folder: in a folder of its own,
/// which the program makes.
const STORE: &str = "data/z.db";

/// An answers document as one JSON line.
fn answers(name: &str, value: i64, taken_at: &str, session: &str) -> String {
    let text = template("en");
    let mut answers = serde_json::Map::new();
    for line in text.lines() {
        if let Some(id) = line.strip_suffix(" = \"?\"") {
            answers.insert(id.trim_matches('"').to_string(), value.into());
        }
    }
    serde_json::json!({
        "subject": {"name": name, "department": "秘书处"},
        "session": session,
        "taken_at": taken_at,
        "answers": answers,
    })
    .to_string()
}

fn count(env: &Env) -> u64 {
    let info: serde_json::Value = serde_json::from_str(&env.ok(&["store", "info", "--format", "json"])).unwrap();
    info["results"].as_u64().unwrap()
}

#[test]
fn save_report_history_and_the_change_since_last_time() {
    let env = Env::with_store(STORE);
    let a = env.write("a.jsonl", &answers("张三", 3, "2026-05-01T09:00:00+08:00", "s1"));
    let b = env.write("b.jsonl", &answers("张三", 4, "2026-11-28T09:00:00+08:00", "s2"));
    env.ok(&["score", &a, "--save", "--format", "json"]);
    let second: serde_json::Value =
        serde_json::from_str(&env.ok(&["score", &b, "--save", "--format", "json"])).unwrap();
    // The second result names the first, with the change of the overall score.
    let prev = &second["previous"];
    assert_eq!(prev["taken_at"], "2026-05-01T09:00:00+08:00");
    let delta = prev["overall_delta"].as_f64().unwrap();
    assert!(delta > 0.0, "{delta}");

    // The store file and its folder are private.
    let mode = std::fs::metadata(env.store()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let dir_mode = std::fs::metadata(env.store().parent().unwrap()).unwrap().permissions().mode() & 0o777;
    assert_eq!(dir_mode, 0o700);

    // report --latest shows the change per dimension with arrows.
    let table = env.ok(&["report", "--latest", "--subject", "张三"]);
    assert!(table.contains("Change"), "{table}");
    assert!(table.contains('↑') || table.contains('→') || table.contains('↓'), "{table}");
    // report by id gives the same result.
    let id = second["id"].as_str().unwrap();
    let by_id: serde_json::Value = serde_json::from_str(&env.ok(&["report", id, "--format", "json"])).unwrap();
    assert_eq!(by_id["id"], id);
    assert_eq!(by_id["previous"]["id"], prev["id"]);

    // history lists both, oldest first, with the trend.
    let h: serde_json::Value =
        serde_json::from_str(&env.ok(&["history", "--subject", "张三", "--format", "json"])).unwrap();
    assert_eq!(h["schema"], "zhixing.history.v1");
    assert_eq!(h["results"].as_array().unwrap().len(), 2);
    assert_eq!(h["results"][1]["id"], id);
    assert_eq!(h["trend"]["direction"], "up");
    let table = env.ok(&["history", "--subject", "张三"]);
    assert!(table.contains("Trend"), "{table}");
}

#[test]
fn export_import_round_trip_is_byte_identical_and_idempotent() {
    let env = Env::with_store(STORE);
    let batch: String = (0..5)
        .map(|i| answers(&format!("p{i}"), 1 + i % 5, &format!("2026-11-0{}T09:00:00+08:00", i + 1), "s1") + "\n")
        .collect();
    let f = env.write("batch.jsonl", &batch);
    env.ok(&["score", &f, "--save", "--format", "jsonl"]);
    let exported = env.ok(&["export", "--format", "jsonl"]);
    assert_eq!(exported.lines().count(), 5);

    let other = Env::with_store(STORE);
    let file = other.write("export.jsonl", &exported);
    let out = other.run(&["import", &file]);
    assert!(out.status.success());
    let msg = String::from_utf8_lossy(&out.stderr);
    assert!(msg.contains("5 saved, 0 already in the store"), "{msg}");
    assert_eq!(other.ok(&["export", "--format", "jsonl"]), exported, "bytes identical");
    // Importing again stores nothing new, and says so.
    let out = other.run(&["import", &file]);
    assert!(out.status.success());
    let msg = String::from_utf8_lossy(&out.stderr);
    assert!(msg.contains("0 saved, 5 already in the store"), "{msg}");
    assert_eq!(count(&other), 5);
    // The same export imported into the store it came from: all there already.
    let out = env.run(&["--lang", "zh", "import", &file]);
    assert!(out.status.success());
    let msg = String::from_utf8_lossy(&out.stderr);
    assert!(msg.contains("已保存 0 份，5 份已在结果库中"), "{msg}");
    assert_eq!(count(&env), 5);

    // Filters.
    let since = other.ok(&["export", "--since", "2026-11-04", "--format", "jsonl"]);
    assert_eq!(since.lines().count(), 2);
    let one = other.ok(&["export", "--subject", "p0", "--format", "json"]);
    let v: Vec<serde_json::Value> = serde_json::from_str(&one).unwrap();
    assert_eq!(v.len(), 1);
    let csv = other.ok(&["export", "--format", "csv"]);
    assert_eq!(csv.lines().count(), 1 + 5 * 10);
}

#[test]
fn import_names_what_is_not_a_result() {
    let env = Env::with_store(STORE);
    let f =
        env.write("bad.jsonl", &format!("{}\n{{\"name\": 1}}\n", answers("x", 3, "2026-11-01T09:00:00+08:00", "s")));
    let out = env.run(&["import", &f]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.jsonl:1:1"), "{err}");
    assert!(err.contains("bad.jsonl:2:1"), "{err}");
    assert!(err.contains("not a zhixing result"), "{err}");
    assert!(!env.store().exists(), "nothing was imported, no store created");
}

#[track_caller]
fn assert_refused_untouched(env: &Env, bytes: &[u8]) {
    std::fs::create_dir_all(env.store().parent().unwrap()).unwrap();
    std::fs::write(env.store(), bytes).unwrap();
    let before = std::fs::metadata(env.store()).unwrap().modified().unwrap();
    let f = env.write("a.jsonl", &answers("x", 3, "2026-11-01T09:00:00+08:00", "s"));
    for args in [vec!["score", f.as_str(), "--save"], vec!["store", "info"], vec!["export"]] {
        let out = env.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
    assert_eq!(std::fs::read(env.store()).unwrap(), bytes);
    assert_eq!(std::fs::metadata(env.store()).unwrap().modified().unwrap(), before);
    let dir: Vec<_> = std::fs::read_dir(env.store().parent().unwrap()).unwrap().collect();
    assert_eq!(dir.len(), 1, "no -wal or -shm left beside it");
}

#[test]
fn a_foreign_file_is_refused_and_left_untouched() {
    assert_refused_untouched(&Env::with_store(STORE), "这不是数据库\nnot a database\n".as_bytes());
}

#[test]
fn a_store_from_a_newer_version_is_refused_and_left_untouched() {
    let env = Env::with_store(STORE);
    let f = env.write("a.jsonl", &answers("x", 3, "2026-11-01T09:00:00+08:00", "s"));
    env.ok(&["score", &f, "--save"]);
    // Raise user_version with the sqlite3 format itself: bytes 60..64, big-endian.
    let mut bytes = std::fs::read(env.store()).unwrap();
    bytes[60..64].copy_from_slice(&999u32.to_be_bytes());
    std::fs::remove_file(env.store()).unwrap();
    assert_refused_untouched(&env, &bytes);
}

#[test]
fn twenty_processes_saving_at_once_all_land() {
    let env = Env::with_store(STORE);
    let exe = exe();
    let files: Vec<String> = (0..20)
        .map(|i| {
            let batch: String = (0..3)
                .map(|k| answers(&format!("p{i}-{k}"), 1 + (i + k) % 5, "2026-11-01T09:00:00+08:00", "s") + "\n")
                .collect();
            env.write(&format!("b{i}.jsonl"), &batch)
        })
        .collect();
    let children: Vec<_> = files
        .iter()
        .map(|f| {
            Proc::new(&exe)
                .arg("--store")
                .arg(env.store())
                .args(["score", "--save", "--format", "jsonl"])
                .arg(f)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    assert_eq!(count(&env), 60);
}

#[test]
fn a_killed_batch_lands_whole_or_not_at_all() {
    let exe = exe();
    let line = answers("p", 3, "2026-11-01T09:00:00+08:00", "s");
    let batch: String = (0..4000).map(|i| line.replace("\"p\"", &format!("\"p{i}\"")) + "\n").collect();
    for delay_ms in [0u64, 2, 10, 40] {
        let env = Env::with_store(STORE);
        let f = env.write("big.jsonl", &batch);
        let mut child = Proc::new(&exe)
            .arg("--store")
            .arg(env.store())
            .args(["score", "--save", "--format", "jsonl"])
            .arg(&f)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Wait until the store is being written, then kill it.
        let start = std::time::Instant::now();
        while !env.store().exists() && start.elapsed().as_secs() < 60 {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_micros(200));
        }
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        if !Path::new(&env.store()).exists() {
            continue;
        }
        let n = count(&env);
        assert!(n == 0 || n == 4000, "after SIGKILL at +{delay_ms} ms the store holds {n} of 4000");
    }
}

#[test]
fn delete_asks_unless_yes() {
    let env = Env::with_store(STORE);
    let f = env.write("a.jsonl", &answers("x", 3, "2026-11-01T09:00:00+08:00", "s"));
    let r: serde_json::Value = serde_json::from_str(&env.ok(&["score", &f, "--save", "--format", "json"])).unwrap();
    let id = r["id"].as_str().unwrap();
    // No terminal to ask on: refused.
    let out = env.run(&["store", "delete", id]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(count(&env), 1);
    let out = env.run(&["store", "delete", id, "--yes"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(count(&env), 0);
    let out = env.run(&["store", "delete", id, "--yes"]);
    assert_eq!(out.status.code(), Some(2), "an unknown id is named");
}

/// The stderr of a run, as text.
fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn scoring_the_same_export_again_never_doubles_the_session() {
    let env = Env::with_store(STORE);
    let people = [("张三", "秘书处", 4), ("李四", "办公室", 3), ("王五", "秘书处", 2), ("赵六", "办公室", 5)];
    let csv = env.write("form.csv", &form_csv(&people));
    let first = env.run(&["score", &csv, "--save", "--format", "jsonl"]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(stderr(&first).contains("4 saved, 0 already in the store"), "{}", stderr(&first));
    assert_eq!(count(&env), 4);

    // The same export again, in any format: nothing saved, and it says so.
    for (lang, said) in [("en", "0 saved, 4 already in the store"), ("zh", "已保存 0 份，4 份已在结果库中")]
    {
        let again = env.run(&["--lang", lang, "score", &csv, "--save", "--format", "json"]);
        assert!(again.status.success(), "{}", stderr(&again));
        assert!(stderr(&again).contains(said), "{}", stderr(&again));
    }
    assert_eq!(count(&env), 4, "the session is not doubled");
    // Groups and exports see each person once.
    assert_eq!(env.ok(&["export", "--format", "jsonl"]).lines().count(), 4);

    // Every result carries its fingerprint, the same on every run.
    let fingerprints = |text: &str| -> Vec<String> {
        text.lines().map(|l| crate::common::json(l)["fingerprint"].as_str().unwrap().to_string()).collect()
    };
    let a = fingerprints(&String::from_utf8(first.stdout).unwrap());
    let b = fingerprints(&env.ok(&["score", &csv, "--format", "jsonl"]));
    assert_eq!(a, b);
    assert!(a.iter().all(|f| f.len() == 64 && f.bytes().all(|c| c.is_ascii_hexdigit())), "{a:?}");

    // One more person in a later export: only that one is new.
    let mut more = people.to_vec();
    more.push(("孙七", "办公室", 1));
    let csv2 = env.write("form2.csv", &form_csv(&more));
    let out = env.run(&["score", &csv2, "--save"]);
    assert!(stderr(&out).contains("1 saved, 4 already in the store"), "{}", stderr(&out));
    assert_eq!(count(&env), 5);
}

#[test]
fn a_single_save_goes_through_while_a_big_batch_is_being_scored() {
    let env = Env::with_store(STORE);
    let one = env.write("one.jsonl", &answers("单独", 3, "2026-11-02T09:00:00+08:00", "s"));
    let line = answers("p", 3, "2026-11-01T09:00:00+08:00", "s");
    let big: String = (0..3000).map(|i| line.replace("\"p\"", &format!("\"p{i}\"")) + "\n").collect();
    let big = env.write("big.jsonl", &big);
    env.ok(&["score", &one, "--save"]);

    let mut batch = Proc::new(exe())
        .arg("--store")
        .arg(env.store())
        .args(["score", "--save", "--format", "jsonl"])
        .arg(&big)
        .env("ZHIXING_LANG", "en")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Its first result is out: the batch is scoring. Its output is not read
    // on, so it stops there, with megabytes still to write, until we read.
    let mut output = batch.stdout.take().unwrap();
    let mut first = [0u8; 1];
    output.read_exact(&mut first).unwrap();

    // Meanwhile a single save: it does not wait for the batch, let alone fail.
    let single = env.write("single.jsonl", &answers("另一位", 4, "2026-11-03T09:00:00+08:00", "s"));
    let out = env.run(&["score", &single, "--save"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("1 saved, 0 already in the store"), "{}", stderr(&out));
    assert!(batch.try_wait().unwrap().is_none(), "the batch is still at its output");

    let mut rest = Vec::new();
    output.read_to_end(&mut rest).unwrap();
    let done = batch.wait_with_output().unwrap();
    assert!(done.status.success(), "{}", stderr(&done));
    assert!(stderr(&done).contains("3000 saved, 0 already in the store"), "{}", stderr(&done));
    assert_eq!(count(&env), 3002);
}

#[test]
fn a_save_waits_for_another_writer_instead_of_failing() {
    let env = Env::with_store(STORE);
    let a = env.write("a.jsonl", &answers("张三", 3, "2026-11-01T09:00:00+08:00", "s"));
    let b = env.write("b.jsonl", &answers("李四", 4, "2026-11-01T09:00:00+08:00", "s"));
    env.ok(&["score", &a, "--save"]);
    // Another writer holds the write lock for a few seconds.
    let holder = rusqlite::Connection::open(env.store()).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let start = Instant::now();
    let mut save = Proc::new(exe())
        .arg("--store")
        .arg(env.store())
        .args(["score", "--save"])
        .arg(&b)
        .env("ZHIXING_LANG", "en")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_secs(3));
    assert!(save.try_wait().unwrap().is_none(), "the save waits for the lock");
    holder.execute_batch("COMMIT").unwrap();
    let out = save.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("locked"), "{}", stderr(&out));
    assert!(start.elapsed() >= Duration::from_secs(3));
    drop(holder);
    assert_eq!(count(&env), 2);
}

/// The store file's bytes and modification time, and what is in its folder.
fn state(env: &Env) -> (Vec<u8>, SystemTime, Vec<String>) {
    let dir = env.store().parent().unwrap().to_path_buf();
    let mut names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    let store = env.store();
    (std::fs::read(&store).unwrap(), std::fs::metadata(&store).unwrap().modified().unwrap(), names)
}

/// How to run the program as a user whom permission bits bind: as it is,
/// where this process is not root; as nobody (setpriv) where it is root
/// and can; None where neither.
fn bound_user(dir: &Path) -> Option<Vec<String>> {
    let probe = dir.join("probe");
    std::fs::write(&probe, "").unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o400)).unwrap();
    let bound = std::fs::OpenOptions::new().write(true).open(&probe).is_err();
    std::fs::remove_file(&probe).unwrap();
    if bound {
        return Some(Vec::new());
    }
    let setpriv = Path::new("/usr/bin/setpriv");
    setpriv
        .exists()
        .then(|| ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"].map(String::from).to_vec())
}

/// Run the program through `prefix` (see [`bound_user`]) in the test's folder.
fn run_as(prefix: &[String], env: &Env, args: &[&str]) -> std::process::Output {
    let exe = exe();
    let mut cmd = match prefix.split_first() {
        Some((first, rest)) => {
            let mut c = Proc::new(first);
            c.args(rest).arg(&exe);
            c
        }
        None => Proc::new(&exe),
    };
    cmd.current_dir(env.dir.path())
        .env_remove("ZHIXING_STORE")
        .env("ZHIXING_LANG", "en")
        .env("NO_COLOR", "1")
        .env("HOME", env.dir.path())
        .arg("--store")
        .arg(env.store())
        .args(args)
        .output()
        .unwrap()
}

/// Hand the test's folder to nobody where the tests run as root (so that
/// nobody can reach it), and open it to everyone's passage.
fn hand_over(env: &Env, prefix: &[String]) {
    if prefix.is_empty() {
        return;
    }
    fn walk(p: &Path) {
        std::os::unix::fs::chown(p, Some(65534), Some(65534)).unwrap();
        if p.is_dir() {
            for e in std::fs::read_dir(p).unwrap() {
                walk(&e.unwrap().path());
            }
        }
    }
    walk(env.dir.path());
    std::fs::set_permissions(env.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn reading_commands_open_the_store_read_only() {
    let env = Env::with_store(STORE);
    let batch: String = (0..6)
        .map(|i| answers(&format!("学员{i}"), 1 + i % 5, &format!("2026-11-0{}T09:00:00+08:00", i + 1), "s1") + "\n")
        .collect();
    let f = env.write("batch.jsonl", &batch);
    env.ok(&["score", &f, "--save"]);
    let reading: [&[&str]; 7] = [
        &["report", "--latest"],
        &["report", "--latest", "--subject", "学员1", "--format", "json"],
        &["history", "--subject", "学员1"],
        &["export", "--format", "jsonl"],
        &["export", "--format", "json"],
        &["group", "--session", "s1", "--format", "json"],
        &["store", "info"],
    ];
    let before = state(&env);
    assert_eq!(before.2, ["z.db"]);
    std::thread::sleep(Duration::from_millis(20));
    for args in reading {
        env.ok(args);
        assert_eq!(state(&env), before, "{args:?} changed the store or made a file beside it");
    }

    // A read-only file in a read-only folder, for a user those bind: the
    // reading commands work; a save says the store is read-only.
    let Some(user) = bound_user(env.dir.path()) else { return };
    hand_over(&env, &user);
    let folder = env.store().parent().unwrap().to_path_buf();
    std::fs::set_permissions(env.store(), std::fs::Permissions::from_mode(0o400)).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o500)).unwrap();
    let before = state(&env);
    for args in reading {
        let out = run_as(&user, &env, args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert!(!out.stdout.is_empty(), "{args:?}");
    }
    let out = run_as(&user, &env, &["score", &f, "--save"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("is read-only") && err.contains("z.db") && !err.contains("I/O"), "{err}");
    // Readable and writable file, read-only folder: the same.
    std::fs::set_permissions(env.store(), std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = run_as(&user, &env, &["score", &f, "--save"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("is read-only"), "{}", stderr(&out));
    std::fs::set_permissions(env.store(), std::fs::Permissions::from_mode(0o400)).unwrap();
    assert_eq!(state(&env).0, before.0, "nothing was written");
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o700)).unwrap();
}

#[test]
fn an_existing_store_file_is_made_private() {
    let env = Env::with_store(STORE);
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let chmod = |p: &Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
    // An empty file anyone may read and write, made beforehand.
    std::fs::create_dir_all(env.store().parent().unwrap()).unwrap();
    std::fs::write(env.store(), "").unwrap();
    chmod(&env.store(), 0o666);
    let f = env.write("a.jsonl", &answers("张三", 3, "2026-11-01T09:00:00+08:00", "s"));
    let out = env.run(&["score", &f, "--save"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(&env.store()), 0o600);
    // Opened by a reading command too.
    chmod(&env.store(), 0o644);
    env.ok(&["export"]);
    assert_eq!(mode(&env.store()), 0o600);

    // Another user's store that others may read: read, with a warning that
    // it could not be made private (only where the tests run as root and
    // can run the program as nobody).
    if bound_user(env.dir.path()).is_some_and(|u| !u.is_empty()) {
        let user = bound_user(env.dir.path()).unwrap();
        chmod(&env.store(), 0o644);
        chmod(env.dir.path(), 0o755);
        chmod(env.store().parent().unwrap(), 0o755);
        let out = run_as(&user, &env, &["export", "--format", "jsonl"]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
        let err = stderr(&out);
        assert!(err.contains("0644") && err.contains("could not be made private") && err.contains("z.db"), "{err}");
        assert_eq!(mode(&env.store()), 0o644);
    }
}

/// A file with zhixing's application id and version, another program's
/// tables, in WAL mode: its bytes.
fn ours_in_name_only() -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("x.db");
    {
        let c = rusqlite::Connection::open(&p).unwrap();
        c.pragma_update(None, "journal_mode", "WAL").unwrap();
        c.pragma_update(None, "application_id", 0x5A48_4958).unwrap();
        c.pragma_update(None, "user_version", 1).unwrap();
        c.execute_batch("CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('茉莉花');").unwrap();
    }
    std::fs::read(&p).unwrap()
}

#[test]
fn a_file_with_our_id_but_other_tables_is_refused_and_left_untouched() {
    let bytes = ours_in_name_only();
    assert_eq!(&bytes[68..72], &0x5A48_4958u32.to_be_bytes(), "it says it is ours");
    assert_eq!((bytes[18], bytes[19]), (2, 2), "in WAL mode");
    assert_refused_untouched(&Env::with_store(STORE), &bytes);
}

/// Corrupt the stored JSON of result `id`.
fn damage(env: &Env, id: &str) {
    let c = rusqlite::Connection::open(env.store()).unwrap();
    assert_eq!(c.execute("UPDATE results SET json = '{\"schema\": \"zhixing.res' WHERE id = ?1", [id]).unwrap(), 1);
}

#[test]
fn a_damaged_row_stops_export_and_report_and_is_named() {
    let env = Env::with_store(STORE);
    // One person's results, oldest first.
    let batch: String =
        (0..3).map(|i| answers("张三", 2 + i, &format!("2026-11-0{}T09:00:00+08:00", i + 1), "s") + "\n").collect();
    let f = env.write("batch.jsonl", &batch);
    let ids: Vec<String> = env
        .ok(&["score", &f, "--save", "--format", "jsonl"])
        .lines()
        .map(|l| crate::common::json(l)["id"].as_str().unwrap().to_string())
        .collect();
    damage(&env, &ids[1]);
    let store = env.store().display().to_string();
    let named = |out: &std::process::Output| {
        assert_eq!(out.status.code(), Some(1), "{}", stderr(out));
        let err = stderr(out);
        assert!(err.contains(&ids[1]) && err.contains(&store), "{err}");
    };

    // JSON Lines: the good lines before it, each whole, then the stop.
    let out = env.run(&["export", "--format", "jsonl"]);
    named(&out);
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    for line in text.lines() {
        serde_json::from_str::<serde_json::Value>(line).expect("every line written is JSON");
    }
    // A JSON array: still JSON, closed.
    let out = env.run(&["export", "--format", "json"]);
    named(&out);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("what is written is JSON");
    assert_eq!(v.as_array().unwrap().len(), 1);
    // CSV, and to a file: nothing written there.
    named(&env.run(&["export", "--format", "csv"]));
    let file = env.path("out.json");
    named(&env.run(&["export", "--format", "json", "--out", file.to_str().unwrap()]));
    assert!(!file.exists());
    // report, by its id or as the previous result of the next one.
    named(&env.run(&["report", &ids[1]]));
    named(&env.run(&["report", &ids[2], "--format", "json"]));
    named(&env.run(&["report", "--latest", "--subject", "张三"]));
    named(&env.run(&["--lang", "zh", "report", &ids[1]]));
    named(&env.run(&["history", "--subject", "张三"]));
    // The others are still there.
    let ok = env.run(&["report", &ids[0], "--format", "json"]);
    assert!(ok.status.success(), "{}", stderr(&ok));
}

#[test]
fn attributes_of_the_subject_are_kept_in_the_result() {
    let env = Env::with_store(STORE);
    let text = template("en").replace("= \"?\"", "= 3").replacen("name = \"\"", "name = \"张三\"", 1);
    let with =
        text.replacen("[rater]", "[subject.attributes]\n\"职级\" = \"科员\"\n\"年龄段\" = \"30-39\"\n\n[rater]", 1);
    assert_ne!(with, text);
    let a = env.write("a.toml", &with);
    let r = crate::common::json(&env.ok(&["score", &a, "--format", "json"]));
    assert_eq!(r["subject"]["attributes"], serde_json::json!({"职级": "科员", "年龄段": "30-39"}));
    let order: Vec<&String> = r["subject"]["attributes"].as_object().unwrap().keys().collect();
    assert_eq!(order, ["职级", "年龄段"], "in the order written");
    // Without attributes: none shown, another fingerprint.
    let b = env.write("b.toml", &text);
    let plain = crate::common::json(&env.ok(&["score", &b, "--format", "json"]));
    assert!(plain["subject"].get("attributes").is_none(), "{}", plain["subject"]);
    assert_ne!(r["fingerprint"], plain["fingerprint"]);

    // JSON Lines, the quick reading and the careful one, give the same.
    let mut line: serde_json::Value =
        serde_json::from_str(&answers("张三", 3, "2026-11-01T09:00:00+08:00", "s")).unwrap();
    line["subject"]["attributes"] = serde_json::json!({"职级": "科员"});
    let bad = serde_json::json!({"subject": {"name": "李四", "attributes": {"职级": 3}}});
    let f = env.write("l.jsonl", &format!("{line}\n"));
    let one = crate::common::json(env.ok(&["score", &f, "--format", "jsonl"]).trim());
    assert_eq!(one["subject"]["attributes"], serde_json::json!({"职级": "科员"}));
    let g = env.write("bad.jsonl", &format!("{line}\n{bad}\n"));
    let err = env.fails(&["score", &g]);
    assert!(err.contains("bad.jsonl:2"), "{err}");
    // Saved and read back.
    env.ok(&["score", &f, "--save"]);
    let back = crate::common::json(&env.ok(&["report", "--latest", "--format", "json"]));
    assert_eq!(back["subject"]["attributes"], serde_json::json!({"职级": "科员"}));
    assert_eq!(back["fingerprint"], one["fingerprint"]);
}

/// SPEC §9: a report is shown in its result's own language unless one is
/// chosen; a chosen one gets the rubric's texts in it, never a mix.
#[test]
fn a_report_speaks_the_language_of_its_result_unless_told() {
    let env = Env::with_store(STORE);
    let a = env.write("a.jsonl", &answers("张三", 3, "2026-11-28T09:00:00+08:00", "s1"));
    env.ok(&["score", &a, "--save", "--lang", "en"]);
    let report = |lang: Option<&str>, format: &str| {
        let mut c = zhixing();
        c.env_remove("ZHIXING_LANG").env("LANG", "zh_CN.UTF-8").env("NO_COLOR", "1");
        c.arg("--store").arg(env.store()).args(["report", "--latest", "--format", format]);
        if let Some(l) = lang {
            c.args(["--lang", l]);
        }
        let out = c.output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    };
    for format in ["table", "markdown", "html"] {
        // A Chinese locale, an English result: English throughout.
        let (own, _) = report(None, format);
        assert!(own.contains("Theoretical grounding") && own.contains("Gap"), "{format}: {own}");
        assert!(!own.contains("差距") && !own.contains("理论素质"), "{format}: {own}");
        // --lang zh: Chinese throughout, the texts from the rubric.
        let (zh, note) = report(Some("zh"), format);
        assert!(zh.contains("理论素质") && zh.contains("差距"), "{format}: {zh}");
        assert!(!zh.contains("Theoretical grounding") && !zh.contains("Five qualities"), "{format}: {zh}");
        assert!(note.is_empty(), "{note}");
    }
    // JSON is the result as it was frozen.
    let (json, _) = report(Some("zh"), "json");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["lang"], "en");
}

//! The results store through the real binary: save, report, history,
//! export/import, refusals, file modes, concurrency and a killed batch.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command as Proc, Stdio};

use crate::common::{Env, exe, template};

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
    assert!(String::from_utf8_lossy(&out.stderr).contains("5 results imported"));
    assert_eq!(other.ok(&["export", "--format", "jsonl"]), exported, "bytes identical");
    // Importing again stores nothing new, and says so.
    let out = other.run(&["import", &file]);
    assert!(out.status.success());
    let msg = String::from_utf8_lossy(&out.stderr);
    assert!(msg.contains("0 results imported; 5 already in the store"), "{msg}");
    assert_eq!(count(&other), 5);

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

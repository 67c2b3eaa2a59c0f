//! Writers: all-or-none batches, concurrent writers and processes; paths, `since`, messages.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Barrier};

use super::*;

#[test]
fn a_batch_that_fails_part_way_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, path) = store_in(&dir);
    store.save(&[doc("before", "s", "2026-01-01T00:00:00Z")]).unwrap();

    // SQLite itself fails the third insert of the batch (a trigger on this
    // connection only, so the file's schema is not changed).
    store
        .conn
        .execute_batch(
            "CREATE TEMP TRIGGER fail_third BEFORE INSERT ON main.results WHEN NEW.id = 'b3' \
             BEGIN SELECT RAISE(ABORT, 'injected failure'); END;",
        )
        .unwrap();
    let batch: Vec<ResultDoc> =
        (1..=5).map(|i| doc(&format!("b{i}"), "s", &format!("2026-02-0{i}T00:00:00Z"))).collect();
    let err = store.save(&batch).unwrap_err();
    assert!(matches!(err, StoreError::Sqlite { .. }), "{err:?}");
    assert!(!err.is_bad_input());
    assert!(err.message(Lang::En).contains("injected failure"));
    assert_eq!(count(&path), 1, "seen from another connection");
    assert_eq!(store.get("b1").unwrap(), None);

    // The store carries on.
    store.conn.execute_batch("DROP TRIGGER temp.fail_third").unwrap();
    assert_eq!(store.save(&batch).unwrap().inserted.len(), 5);

    // A result that cannot be stored, in the middle of a batch: nothing of it.
    let mut bad = doc("c2", "s", "2026-03-02T00:00:00Z");
    bad.taken_at = "2026-03-02 morning".into();
    let err = store.save(&[doc("c1", "s", "2026-03-01T00:00:00Z"), bad, doc("c3", "s", "2026-03-03T00:00:00Z")]);
    let err = err.unwrap_err();
    assert!(matches!(&err, StoreError::BadTakenAt { id, .. } if id == "c2"), "{err:?}");
    assert!(err.is_bad_input());
    assert_eq!(count(&path), 6);
}

#[test]
fn twenty_writers_at_once_all_land() {
    const THREADS: usize = 20;
    const PER_BATCH: usize = 5;
    let dir = tempfile::tempdir().unwrap();
    let path = Arc::new(dir.path().join("new").join("zhixing.db"));
    let at_open = Arc::new(Barrier::new(THREADS));
    let at_save = Arc::new(Barrier::new(THREADS));
    let handles: Vec<_> = (0..THREADS)
        .map(|t| {
            let (path, at_open, at_save) = (Arc::clone(&path), Arc::clone(&at_open), Arc::clone(&at_save));
            std::thread::spawn(move || -> Result<SaveOutcome, String> {
                let batch: Vec<ResultDoc> = (0..PER_BATCH)
                    .map(|i| doc(&format!("t{t:02}-{i}"), &format!("s{t}"), &format!("2026-11-28T09:3{i}:00+08:00")))
                    .collect();
                // Every thread creates the (missing) store at the same moment…
                at_open.wait();
                let opened = SqliteStore::open(&path).map_err(|e| format!("open: {e:?}"));
                // …and saves at the same moment.
                at_save.wait();
                opened?.save(&batch).map_err(|e| format!("save: {e}"))
            })
        })
        .collect();
    for h in handles {
        let out = h.join().expect("no panic").expect("every writer succeeds");
        assert_eq!(out.inserted.len(), PER_BATCH);
    }
    assert_eq!(count(&path), (THREADS * PER_BATCH) as i64);
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.info().unwrap().subjects, THREADS as u64);
}

#[test]
fn store_paths_resolve_flag_then_env_then_data_dir() {
    let flag = Path::new("/tmp/flag.db");
    let env = OsStr::new("/tmp/env.db");
    assert_eq!(resolve_path(Some(flag), Some(env)), Some(flag.to_path_buf()));
    assert_eq!(resolve_path(None, Some(env)), Some(PathBuf::from("/tmp/env.db")));
    assert_eq!(resolve_path(None, Some(OsStr::new(""))), default_path());
    assert_eq!(resolve_path(None, None), default_path());
    if let Some(p) = default_path() {
        assert_eq!(p.file_name(), Some(OsStr::new("zhixing.db")), "{}", p.display());
    }
}

#[test]
fn since_parses_dates_and_instants() {
    assert_eq!(parse_since("2026-11-28").unwrap(), Since::Date("2026-11-28".into()));
    assert_eq!(
        parse_since("2026-11-28T09:30:00+08:00").unwrap(),
        Since::Instant("2026-11-28T01:30:00.000000000Z".into())
    );
    assert!(parse_since("last week").is_err());
    assert_eq!(utc_key("2026-11-27T20:00:00-05:00").unwrap(), "2026-11-28T01:00:00.000000000Z");
    assert_eq!(utc_key("2026-11-28"), None);
}

#[test]
fn error_messages_say_what_to_do_in_both_languages() {
    let path = PathBuf::from("/data/z.db");
    let errors = [
        StoreError::NotOurs { path: path.clone() },
        StoreError::TooNew { path: path.clone(), version: 9 },
        StoreError::BadTakenAt { id: "X".into(), taken_at: "soon".into() },
        StoreError::BadResult { id: "X".into(), reason: "r".into() },
        StoreError::BadSince { value: "v".into() },
        StoreError::Io { path: Some(path.clone()), error: std::io::Error::other("disk") },
        StoreError::ReadOnly { path: path.clone() },
        StoreError::Sqlite { path: path.clone(), error: rusqlite::Error::InvalidQuery, errno: None },
        StoreError::Corrupt { path, id: "X".into(), reason: "eof".into() },
    ];
    let bad_input: Vec<bool> = errors.iter().map(StoreError::is_bad_input).collect();
    assert_eq!(bad_input, [true, true, true, true, true, false, false, false, false]);
    for e in &errors {
        let (zh, en) = (e.message(Lang::Zh), e.message(Lang::En));
        assert!(!zh.is_empty() && !en.is_empty() && zh != en, "{zh} / {en}");
        assert!(en.contains(';'), "says what to do: {en}");
        assert!(zh.contains('；'), "says what to do: {zh}");
        assert_eq!(e.to_string(), en);
    }
}

#[test]
fn a_damaged_result_is_reported_as_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = store_in(&dir);
    store.save(&[doc("A", "s", "2026-01-01T00:00:00Z")]).unwrap();
    store.conn.execute("UPDATE results SET json = '{\"schema\":' WHERE id = 'A'", []).unwrap();
    let err = store.get("A").unwrap_err();
    assert!(matches!(&err, StoreError::Corrupt { id, .. } if id == "A"), "{err:?}");
    assert!(err.message(Lang::En).contains("zhixing store delete A"));
    assert!(matches!(store.history("s"), Err(StoreError::Corrupt { .. })));
}

/// Set for the child processes of `twenty_processes_at_once_all_land`.
const CHILD_ENV: &str = "ZHIXING_STORE_TEST_CHILD";

fn wait_for(path: &Path) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !path.exists() {
        assert!(std::time::Instant::now() < deadline, "{} never appeared", path.display());
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
}

/// One writer process: does nothing unless started by the test below.
#[test]
fn process_writer_child() {
    let Some(spec) = std::env::var_os(CHILD_ENV) else { return };
    let spec = PathBuf::from(spec);
    let n = std::env::var("ZHIXING_STORE_TEST_N").expect("N");
    let dir = spec.parent().unwrap();
    let batch: Vec<ResultDoc> =
        (0..5).map(|i| doc(&format!("p{n}-{i}"), &format!("p{n}"), &format!("2026-11-28T09:3{i}:00+08:00"))).collect();
    fs::write(dir.join(format!("ready-{n}")), "").unwrap();
    wait_for(&dir.join("go"));
    let mut store = SqliteStore::open(&spec).unwrap_or_else(|e| panic!("open: {e}"));
    let out = store.save(&batch).unwrap_or_else(|e| panic!("save: {e}"));
    assert_eq!(out.inserted.len(), 5);
}

#[test]
fn twenty_processes_at_once_all_land() {
    if std::env::var_os(CHILD_ENV).is_some() {
        return;
    }
    const PROCESSES: usize = 20;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zhixing.db");
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = (0..PROCESSES)
        .map(|n| {
            std::process::Command::new(&exe)
                .args(["store::tests::writers::process_writer_child", "--exact", "--quiet", "--test-threads=1"])
                .env(CHILD_ENV, &path)
                .env("ZHIXING_STORE_TEST_N", n.to_string())
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for n in 0..PROCESSES {
        wait_for(&dir.path().join(format!("ready-{n}")));
    }
    // All are waiting: the store does not exist yet, they create it together.
    fs::write(dir.path().join("go"), "").unwrap();
    for mut child in children {
        assert!(child.wait().unwrap().success(), "a writer process failed");
    }
    assert_eq!(count(&path), (PROCESSES * 5) as i64);
}

#[test]
fn database_errors_name_their_real_cause() {
    use rusqlite::ErrorCode;
    use rusqlite::ffi;
    const ENOSPC: i32 = 28;
    const EROFS: i32 = 30;
    const EIO: i32 = 5;
    const EACCES: i32 = 13;
    assert_eq!(hint(Some(ErrorCode::DiskFull), None), StoreHint::DiskFull);
    assert_eq!(hint(Some(ErrorCode::SystemIoFailure), Some(ENOSPC)), StoreHint::DiskFull);
    assert_eq!(hint(Some(ErrorCode::SystemIoFailure), Some(EIO)), StoreHint::Other);
    assert_eq!(hint(Some(ErrorCode::SystemIoFailure), None), StoreHint::Other);
    assert_eq!(hint(Some(ErrorCode::ReadOnly), None), StoreHint::ReadOnly);
    assert_eq!(hint(Some(ErrorCode::CannotOpen), Some(EROFS)), StoreHint::ReadOnly);
    assert_eq!(hint(Some(ErrorCode::CannotOpen), Some(EACCES)), StoreHint::Permissions);
    assert_eq!(hint(Some(ErrorCode::DatabaseBusy), None), StoreHint::Busy);
    assert_eq!(hint(Some(ErrorCode::DatabaseCorrupt), None), StoreHint::Damaged);

    let path = PathBuf::from("/data/z.db");
    let failure = |code: i32, text: &str| rusqlite::Error::SqliteFailure(ffi::Error::new(code), Some(text.into()));
    let full = [
        StoreError::Sqlite {
            path: path.clone(),
            error: failure(ffi::SQLITE_FULL, "database or disk is full"),
            errno: None,
        },
        StoreError::Sqlite {
            path: path.clone(),
            error: failure(ffi::SQLITE_IOERR_WRITE, "disk I/O error"),
            errno: Some(ENOSPC),
        },
    ];
    for e in &full {
        let (zh, en) = (e.message(Lang::Zh), e.message(Lang::En));
        assert!(en.contains("the disk is full") && en.contains("/data/z.db"), "{en}");
        assert!(!en.contains("I/O error") && !en.contains("try again"), "{en}");
        assert!(zh.contains("磁盘已满") && !zh.contains("重试"), "{zh}");
    }
    let read_only = StoreError::Sqlite {
        path: path.clone(),
        error: failure(ffi::SQLITE_READONLY, "attempt to write a readonly database"),
        errno: None,
    };
    for e in [&read_only, &StoreError::ReadOnly { path: path.clone() }] {
        let (zh, en) = (e.message(Lang::Zh), e.message(Lang::En));
        assert!(en.contains("is read-only") && en.contains("/data/z.db") && en.contains("--store"), "{en}");
        assert!(zh.contains("只读") && zh.contains("--store"), "{zh}");
    }
    // A plain I/O error is still said as it is.
    let io = StoreError::Sqlite { path, error: failure(ffi::SQLITE_IOERR_READ, "disk I/O error"), errno: Some(EIO) };
    assert!(io.message(Lang::En).contains("disk I/O error"), "{}", io.message(Lang::En));
    // The constructor takes the system's error number along for I/O errors only.
    let e = StoreError::sqlite(Path::new("z.db"), failure(ffi::SQLITE_CONSTRAINT, "no"));
    assert!(matches!(e, StoreError::Sqlite { errno: None, .. }), "{e:?}");
}

#[test]
fn a_row_the_caller_cannot_decode_is_named_with_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, path) = store_in(&dir);
    store.save(&[doc("A", "s", "2026-01-01T00:00:00Z"), doc("B", "s", "2026-01-02T00:00:00Z")]).unwrap();
    let err = store
        .for_each(&Filter::default(), &mut |json| {
            if json.contains("\"B\"") { Err(StoreError::Undecodable { reason: "broken".into() }) } else { Ok(()) }
        })
        .unwrap_err();
    assert!(matches!(&err, StoreError::Corrupt { id, path: p, .. } if id == "B" && *p == path), "{err:?}");
    assert!(!err.is_bad_input(), "a damaged row is exit 1");
    let en = err.message(Lang::En);
    assert!(en.contains('B') && en.contains(&path.display().to_string()), "{en}");
    // A row whose JSON is not even text.
    store.conn.execute("UPDATE results SET json = x'00ff' WHERE id = 'A'", []).unwrap();
    let err = store.for_each(&Filter::default(), &mut |_| Ok(())).unwrap_err();
    assert!(matches!(&err, StoreError::Corrupt { id, .. } if id == "A"), "{err:?}");
}

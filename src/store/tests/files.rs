//! Files: modes, and files that are not ours or from a newer zhixing, left untouched.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rusqlite::Connection;

use super::*;

#[test]
fn new_file_is_0600_and_new_directories_0700() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let before = mode(dir.path());
    let path = dir.path().join("a").join("b").join("zhixing.db");
    let mut store = SqliteStore::open(&path).unwrap();
    store.save(&[doc("A", "s", "2026-01-01T00:00:00Z")]).unwrap();
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&dir.path().join("a")), 0o700);
    assert_eq!(mode(&dir.path().join("a").join("b")), 0o700);
    assert_eq!(mode(dir.path()), before, "an existing directory is left as it is");
    let wal = dir.path().join("a").join("b").join("zhixing.db-wal");
    assert_eq!(mode(&wal), 0o600, "SQLite gives the log the database's mode");
}

/// Bytes and modification time of a file.
fn snapshot(path: &Path) -> (Vec<u8>, SystemTime) {
    (fs::read(path).unwrap(), fs::metadata(path).unwrap().modified().unwrap())
}

fn listing(path: &Path) -> Vec<String> {
    let dir = path.parent().unwrap();
    let mut names: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

fn assert_refused_untouched(path: &Path, expect: impl Fn(&StoreError) -> bool) {
    let before = snapshot(path);
    let files = listing(path);
    // Let the clock move, so that a write would show in the mtime.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let err = SqliteStore::open(path).err().expect("refused");
    assert!(expect(&err), "{err:?}");
    assert!(err.is_bad_input());
    assert_eq!(snapshot(path), before, "{} was changed", path.display());
    // And again, through the trait's constructor.
    assert!(open(path).is_err());
    assert_eq!(snapshot(path), before);
    assert_eq!(listing(path), files, "no file appeared or went beside {}", path.display());
}

#[test]
fn a_file_that_is_not_ours_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let not_ours = |e: &StoreError| matches!(e, StoreError::NotOurs { .. });

    let text = dir.path().join("notes.txt");
    fs::write(&text, "我的笔记\nnot a database\n").unwrap();
    assert_refused_untouched(&text, not_ours);

    let short = dir.path().join("short.db");
    fs::write(&short, "SQLite format 3\0").unwrap();
    assert_refused_untouched(&short, not_ours);

    // Another program's SQLite database, with its own tables.
    let other = dir.path().join("other.db");
    {
        let c = Connection::open(&other).unwrap();
        c.execute_batch("CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('茉莉花');").unwrap();
    }
    assert_refused_untouched(&other, not_ours);

    // The same in WAL mode.
    let other_wal = dir.path().join("other-wal.db");
    {
        let c = Connection::open(&other_wal).unwrap();
        c.pragma_update(None, "journal_mode", "WAL").unwrap();
        c.execute_batch("CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('茉莉花');").unwrap();
    }
    assert_refused_untouched(&other_wal, not_ours);

    // Another application id, no tables.
    let app = dir.path().join("app.db");
    {
        let c = Connection::open(&app).unwrap();
        c.pragma_update(None, "application_id", 42).unwrap();
    }
    assert_refused_untouched(&app, not_ours);

    // Refusals name the file and say what to do, in both languages.
    let err = SqliteStore::open(&text).err().unwrap();
    let zh = err.message(Lang::Zh);
    let en = err.message(Lang::En);
    assert!(zh.contains("notes.txt") && zh.contains("--store") && zh.contains("ZHIXING_STORE"), "{zh}");
    assert!(en.contains("notes.txt") && en.contains("not a zhixing store") && en.contains("--store"), "{en}");
}

#[test]
fn a_store_from_a_newer_zhixing_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (store, path) = store_in(&dir);
    drop(store);
    {
        let c = Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
    }
    assert_refused_untouched(
        &path,
        |e| matches!(e, StoreError::TooNew { version, .. } if *version == SCHEMA_VERSION + 1),
    );
    let err = SqliteStore::open(&path).err().unwrap();
    assert!(err.message(Lang::En).contains("newer zhixing"), "{}", err.message(Lang::En));
    assert!(err.message(Lang::Zh).contains("升级"), "{}", err.message(Lang::Zh));
}

/// Close `conn` as a crashed writer would leave it: the log not copied into
/// the file, so the file's own header is out of date.
fn close_without_checkpoint(conn: Connection) {
    use rusqlite::config::DbConfig;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true).unwrap();
    drop(conn);
}

#[test]
fn refused_untouched_even_when_the_news_is_only_in_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let wal_of = |p: &Path| PathBuf::from(format!("{}-wal", p.display()));

    // A newer zhixing migrated the store, and its change is still in the log.
    let (store, path) = store_in(&dir);
    drop(store);
    let c = Connection::open(&path).unwrap();
    c.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
    close_without_checkpoint(c);
    let (main, wal) = (snapshot(&path), snapshot(&wal_of(&path)));
    assert_eq!(main.0[60..64], (SCHEMA_VERSION as i32).to_be_bytes(), "the file's header is out of date");
    let err = SqliteStore::open(&path).err().expect("refused");
    assert!(matches!(err, StoreError::TooNew { version, .. } if version == SCHEMA_VERSION + 1), "{err:?}");
    assert_eq!(snapshot(&path), main);
    assert_eq!(snapshot(&wal_of(&path)), wal, "the log was not checkpointed");

    // Another program's database whose tables are only in the log yet.
    let other = dir.path().join("other.db");
    let c = Connection::open(&other).unwrap();
    c.pragma_update(None, "journal_mode", "WAL").unwrap();
    c.execute_batch("CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('茉莉花');").unwrap();
    close_without_checkpoint(c);
    let (main, wal) = (snapshot(&other), snapshot(&wal_of(&other)));
    assert!(!wal.0.is_empty(), "the tables are in the log");
    assert_eq!((main.0[100], main.0[103], main.0[104]), (13, 0, 0), "the file's own schema page is empty");
    let err = SqliteStore::open(&other).err().expect("refused");
    assert!(matches!(err, StoreError::NotOurs { .. }), "{err:?}");
    assert_eq!(snapshot(&other), main);
    assert_eq!(snapshot(&wal_of(&other)), wal);
    let c = Connection::open(&other).unwrap();
    let title: String = c.query_row("SELECT title FROM songs", [], |r| r.get(0)).unwrap();
    assert_eq!(title, "茉莉花");
}

#[test]
fn an_empty_file_or_empty_database_becomes_a_store() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.db");
    fs::write(&empty, "").unwrap();
    let mut store = SqliteStore::open(&empty).unwrap();
    store.save(&[doc("A", "s", "2026-01-01T00:00:00Z")]).unwrap();
    assert_eq!(store.info().unwrap().schema_version, SCHEMA_VERSION);

    let blank = dir.path().join("blank.db");
    {
        let c = Connection::open(&blank).unwrap();
        c.execute_batch("CREATE TABLE t (x); DROP TABLE t;").unwrap();
    }
    assert!(fs::metadata(&blank).unwrap().len() > 0, "a valid SQLite file with nothing in it");
    let store = SqliteStore::open(&blank).unwrap();
    assert_eq!(store.info().unwrap().schema_version, SCHEMA_VERSION);
}

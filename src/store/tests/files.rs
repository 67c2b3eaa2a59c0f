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
    // And again, through the trait's constructor, to write and to read.
    assert!(open(path, Access::Write).is_err());
    assert!(open(path, Access::Read).is_err());
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

#[test]
fn our_application_id_with_tables_not_ours_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let not_ours = |e: &StoreError| matches!(e, StoreError::NotOurs { .. });
    // zhixing's application id and schema version, another program's tables:
    // in WAL mode (whose read would make a -wal and -shm) and not.
    for (name, wal, version) in [("wal.db", true, SCHEMA_VERSION), ("journal.db", false, 1)] {
        let path = dir.path().join(name);
        {
            let c = Connection::open(&path).unwrap();
            if wal {
                c.pragma_update(None, "journal_mode", "WAL").unwrap();
            }
            c.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
            c.pragma_update(None, "user_version", version).unwrap();
            c.execute_batch("CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('茉莉花');").unwrap();
        }
        assert!(!sidecar_exists(&path, "-wal"), "closed cleanly");
        assert_refused_untouched(&path, not_ours);
    }

    // A store with something added, or something missing: not ours either.
    for change in [
        "CREATE TABLE extra (x TEXT)",
        "CREATE VIEW everyone AS SELECT subject FROM results",
        "CREATE TRIGGER t AFTER INSERT ON results BEGIN DELETE FROM drafts; END",
        "DROP INDEX results_by_fingerprint",
        "ALTER TABLE drafts DROP COLUMN json",
        "ALTER TABLE results ADD COLUMN extra TEXT",
    ] {
        let sub = tempfile::tempdir().unwrap();
        let (store, path) = store_in(&sub);
        drop(store);
        Connection::open(&path).unwrap().execute_batch(change).unwrap();
        assert_refused_untouched(&path, not_ours);
    }
}

fn sidecar_exists(path: &Path, suffix: &str) -> bool {
    PathBuf::from(format!("{}{suffix}", path.display())).exists()
}

/// True where permission bits stop this process (they do not stop root).
fn bits_bind_us(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = dir.join("probe");
    fs::write(&probe, "").unwrap();
    fs::set_permissions(&probe, fs::Permissions::from_mode(0o400)).unwrap();
    let bound = fs::OpenOptions::new().write(true).open(&probe).is_err();
    fs::remove_file(&probe).unwrap();
    bound
}

#[test]
fn reading_opens_read_only_and_makes_nothing_beside_the_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("data");
    let path = folder.join("z.db");
    let a = doc("A", "张三", "2026-11-28T09:30:00+08:00");
    SqliteStore::open(&path).unwrap().save(&[a.clone(), doc("B", "李四", "2026-11-29T09:30:00+08:00")]).unwrap();
    let before = snapshot(&path);
    let files = listing(&path);
    assert_eq!(files, ["z.db"], "no log left once the writer closed");
    std::thread::sleep(std::time::Duration::from_millis(20));

    let mut reader = SqliteStore::open_with(&path, Access::Read).unwrap();
    assert!(reader.is_read_only());
    assert_eq!(ids(&reader.history("张三").unwrap()), ["A"]);
    assert_eq!(reader.latest(None).unwrap().map(|d| d.id), Some("B".into()));
    assert_eq!(reader.get("A").unwrap().unwrap().0, a);
    assert_eq!(all_json(&reader, &Filter::default()).len(), 2);
    assert_eq!(reader.info().unwrap().results, 2);
    assert_eq!(listing(&path), files, "nothing beside the file while it is read");
    // Every write is refused, and says so.
    let read_only = |e: StoreError| matches!(e, StoreError::ReadOnly { .. });
    assert!(read_only(reader.save(&[doc("C", "s", "2026-01-01T00:00:00Z")]).unwrap_err()));
    assert!(read_only(reader.delete(&strings(&["A"])).unwrap_err()));
    assert!(reader.batch().is_err());
    let err = reader.delete_draft("d").unwrap_err();
    assert!(err.message(Lang::En).contains("read-only"), "{}", err.message(Lang::En));
    assert!(err.message(Lang::Zh).contains("只读"), "{}", err.message(Lang::Zh));
    drop(reader);
    assert_eq!(snapshot(&path), before, "the file is as it was");
    assert_eq!(listing(&path), files);

    // An empty file, read: an empty store, and the file left empty.
    let empty = dir.path().join("empty.db");
    fs::write(&empty, "").unwrap();
    let reader = SqliteStore::open_with(&empty, Access::Read).unwrap();
    assert_eq!(reader.info().unwrap().results, 0);
    assert_eq!(reader.latest(None).unwrap(), None);
    drop(reader);
    assert_eq!(fs::metadata(&empty).unwrap().len(), 0);
    assert_eq!(listing(&empty), ["data", "empty.db"]);

    // A read-only file in a read-only folder: read as well, and a writer is
    // told it is read-only (where permission bits bind this process).
    if bits_bind_us(dir.path()) {
        fs::set_permissions(&path, fs::Permissions::from_mode(0o400)).unwrap();
        fs::set_permissions(&folder, fs::Permissions::from_mode(0o500)).unwrap();
        let reader = SqliteStore::open_with(&path, Access::Read);
        let writer = SqliteStore::open(&path).err();
        fs::set_permissions(&folder, fs::Permissions::from_mode(0o700)).unwrap();
        assert_eq!(ids(&reader.unwrap().history("张三").unwrap()), ["A"]);
        assert!(matches!(writer, Some(StoreError::ReadOnly { .. })), "{writer:?}");
    }
}

#[test]
fn an_existing_store_is_made_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let set = |p: &Path, m: u32| fs::set_permissions(p, fs::Permissions::from_mode(m)).unwrap();

    // An empty file anyone may write: made a store, and private.
    let empty = dir.path().join("empty.db");
    fs::write(&empty, "").unwrap();
    set(&empty, 0o666);
    let store = SqliteStore::open(&empty).unwrap();
    assert!(store.warnings().is_empty());
    drop(store);
    assert_eq!(mode(&empty), 0o600);

    // A store others can read, opened to read: private too.
    set(&empty, 0o644);
    let reader = SqliteStore::open_with(&empty, Access::Read).unwrap();
    assert!(reader.warnings().is_empty());
    assert_eq!(mode(&empty), 0o600);
    drop(reader);
    // A read-only one stays read-only, for its owner only.
    set(&empty, 0o444);
    SqliteStore::open_with(&empty, Access::Read).unwrap();
    assert_eq!(mode(&empty), 0o400);

    // The log beside it is made private as well.
    set(&empty, 0o644);
    let c = Connection::open(&empty).unwrap();
    c.execute_batch("INSERT INTO drafts VALUES ('d', 's', 'core', 't', 't', '{}')").unwrap();
    let wal = dir.path().join("empty.db-wal");
    set(&wal, 0o644);
    SqliteStore::open_with(&empty, Access::Read).unwrap();
    assert_eq!((mode(&empty), mode(&wal)), (0o600, 0o600));
    drop(c);

    // What is said where the mode is not ours to change.
    let w = StoreWarning::ModeKept {
        path: empty.clone(),
        mode: 0o644,
        error: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
    };
    let (zh, en) = (w.message(Lang::Zh), w.message(Lang::En));
    assert!(en.contains("empty.db") && en.contains("0644") && en.contains("chmod 600"), "{en}");
    assert!(zh.contains("empty.db") && zh.contains("0644") && zh.contains("chmod 600"), "{zh}");
}

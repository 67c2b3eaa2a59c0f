use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Barrier};
use std::time::SystemTime;

use rusqlite::Connection;

use super::*;
use crate::response::Response;
use crate::result::{Rater, Role, Subject};
use crate::rubric::Loaded;
use crate::score::{self, Options};
use crate::testing;

fn core() -> &'static Loaded {
    &testing::CORE
}

/// A scored result of the core rubric, every item answered `value`.
fn doc_valued(id: &str, subject: &str, taken_at: &str, value: i64) -> ResultDoc {
    let loaded = core();
    let answers: HashMap<String, Option<i64>> = loaded
        .rubric
        .sections
        .iter()
        .flat_map(|s| &s.dimensions)
        .flat_map(|d| &d.items)
        .map(|i| (i.id.clone(), Some(value)))
        .collect();
    let resp = Response {
        subject: Subject { name: subject.into(), department: Some("秘书处".into()) },
        rater: Rater { role: Role::SelfRating, name: None },
        taken_at: Some(taken_at.into()),
        answers,
        ..Default::default()
    };
    score::score(loaded, &resp, &Options { lang: "en".into(), ..Default::default() }, id.into(), taken_at)
}

fn doc(id: &str, subject: &str, taken_at: &str) -> ResultDoc {
    doc_valued(id, subject, taken_at, 4)
}

fn ids(docs: &[ResultDoc]) -> Vec<&str> {
    docs.iter().map(|d| d.id.as_str()).collect()
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn store_in(dir: &tempfile::TempDir) -> (SqliteStore, PathBuf) {
    let path = dir.path().join("zhixing.db");
    (SqliteStore::open(&path).expect("open a new store"), path)
}

fn all_json(store: &dyn Store, filter: &Filter) -> Vec<String> {
    let mut out = Vec::new();
    store
        .for_each(filter, &mut |j| {
            out.push(j.to_string());
            Ok(())
        })
        .expect("for_each");
    out
}

fn filtered_ids(store: &dyn Store, filter: &Filter) -> Vec<String> {
    all_json(store, filter)
        .iter()
        .map(|j| serde_json::from_str::<ResultDoc>(j).expect("stored JSON decodes").id)
        .collect()
}

fn count(path: &Path) -> i64 {
    let c = Connection::open(path).expect("open raw");
    c.query_row("SELECT count(*) FROM results", [], |r| r.get(0)).expect("count")
}

#[test]
fn save_reopen_get() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested").join("zhixing.db");
    let a = doc("01A", "张三", "2026-11-28T09:30:00+08:00");
    let b = doc_valued("01B", "李四", "2026-11-29T09:30:00+08:00", 2);
    {
        let mut store = SqliteStore::open(&path).unwrap();
        let out = store.save(&[a.clone(), b.clone()]).unwrap();
        assert_eq!(out, SaveOutcome { inserted: strings(&["01A", "01B"]), duplicates: vec![] });
    }
    let store = SqliteStore::open(&path).unwrap();
    let (got, json) = store.get("01A").unwrap().expect("stored");
    assert_eq!(got, a);
    assert_eq!(json, serde_json::to_string(&a).unwrap());
    assert_eq!(store.get("01B").unwrap().map(|(d, _)| d), Some(b));
    assert_eq!(store.get("nope").unwrap(), None);

    let info = store.info().unwrap();
    assert_eq!(info.path, path);
    assert_eq!((info.schema_version, info.results, info.drafts, info.subjects), (SCHEMA_VERSION, 2, 0, 2));
    assert!(info.size_bytes > 0);

    // The file says it is ours, in WAL mode.
    let raw = Connection::open(&path).unwrap();
    let app: i32 = raw.pragma_query_value(None, "application_id", |r| r.get(0)).unwrap();
    let mode: String = raw.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!((app, mode.as_str()), (APPLICATION_ID, "wal"));
}

#[test]
fn a_batch_with_duplicates_stores_each_id_once() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = store_in(&dir);
    let a = doc("A", "s", "2026-01-01T00:00:00Z");
    store.save(std::slice::from_ref(&a)).unwrap();
    let a_json = store.get("A").unwrap().unwrap().1;

    let mut a_changed = a.clone();
    a_changed.subject.name = "changed".into();
    let b = doc("B", "s", "2026-01-02T00:00:00Z");
    let c = doc("C", "s", "2026-01-03T00:00:00Z");
    let out = store.save(&[b.clone(), a_changed, c, b]).unwrap();
    assert_eq!(out.inserted, strings(&["B", "C"]));
    assert_eq!(out.duplicates, strings(&["A", "B"]));
    // The stored text of a duplicate is left as it was.
    assert_eq!(store.get("A").unwrap().unwrap().1, a_json);
    assert_eq!(store.info().unwrap().results, 3);
}

#[test]
fn import_keeps_the_exact_text_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = store_in(&dir);
    let a = doc("A", "s", "2026-01-01T00:00:00+08:00");
    let pretty = serde_json::to_string_pretty(&a).unwrap() + "\n";
    let out = store.import(&[(a.clone(), pretty.clone())]).unwrap();
    assert_eq!(out.inserted, strings(&["A"]));
    assert_eq!(store.get("A").unwrap().unwrap().1, pretty);
    assert_eq!(all_json(&store, &Filter::default()), vec![pretty.clone()]);

    // Export → import into another store → export: the same bytes.
    let dir2 = tempfile::tempdir().unwrap();
    let (mut other, _) = store_in(&dir2);
    let exported = all_json(&store, &Filter::default());
    let docs: Vec<(ResultDoc, String)> =
        exported.iter().map(|j| (serde_json::from_str(j).unwrap(), j.clone())).collect();
    other.import(&docs).unwrap();
    assert_eq!(all_json(&other, &Filter::default()), exported);

    // Again: nothing new.
    let out = store.import(&[(a.clone(), pretty)]).unwrap();
    assert_eq!((out.inserted.len(), out.duplicates), (0, strings(&["A"])));

    // A text that is not the result beside it is refused, and the batch with it.
    let b = doc("B", "s", "2026-01-02T00:00:00Z");
    let b_json = serde_json::to_string(&b).unwrap();
    let c = doc("C", "s", "2026-01-03T00:00:00Z");
    let err = store.import(&[(b, b_json.clone()), (c, b_json)]).unwrap_err();
    assert!(matches!(&err, StoreError::BadResult { id, .. } if id == "C"), "{err:?}");
    assert!(err.is_bad_input());
    assert_eq!(store.info().unwrap().results, 1);
}

#[test]
fn previous_latest_and_history_order_instants_not_strings() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = store_in(&dir);
    // As instants: C 01:00Z < A 01:30Z < B 02:00Z = D 02:00Z (tie: by id).
    let a = doc_valued("A", "张三", "2026-11-28T09:30:00+08:00", 3);
    let b = doc_valued("B", "张三", "2026-11-28T02:00:00Z", 4);
    let c = doc_valued("C", "张三", "2026-11-27T20:00:00-05:00", 2);
    let d = doc_valued("D", "张三", "2026-11-28T10:00:00+08:00", 5);
    let mut peer = doc("E-peer", "张三", "2026-11-28T12:00:00+08:00");
    peer.rater = Rater { role: Role::Peer, name: Some("王五".into()) };
    let mut office = doc("F-office", "张三", "2026-11-28T11:00:00+08:00");
    office.rubric.id = "office".into();
    let other = doc("G-other", "李四", "2026-12-01T00:00:00Z");
    store.save(&[d.clone(), peer.clone(), a.clone(), other.clone(), c.clone(), office.clone(), b.clone()]).unwrap();

    assert_eq!(ids(&store.history("张三").unwrap()), ["C", "A", "B", "D", "F-office", "E-peer"]);
    assert_eq!(ids(&store.history("nobody").unwrap()), Vec::<&str>::new());
    assert_eq!(store.latest(Some("张三")).unwrap().map(|r| r.id), Some("E-peer".into()));
    assert_eq!(store.latest(None).unwrap().map(|r| r.id), Some("G-other".into()));
    assert_eq!(store.latest(Some("nobody")).unwrap(), None);

    let prev = |of: &ResultDoc| store.previous(of).unwrap().map(|r| r.id);
    assert_eq!(prev(&d), Some("B".into()), "same instant: the smaller id is earlier");
    assert_eq!(prev(&b), Some("A".into()));
    assert_eq!(prev(&a), Some("C".into()));
    assert_eq!(prev(&c), None);
    // Other rater roles and rubrics do not count.
    assert_eq!(prev(&peer), None);
    assert_eq!(prev(&office), None);
    // A result not yet stored finds the latest before it.
    let next = doc("H", "张三", "2027-05-01T09:00:00+08:00");
    assert_eq!(prev(&next), Some("D".into()));
    assert_eq!(store.previous(&d).unwrap().unwrap(), b);

    let mut bad = next;
    bad.taken_at = "yesterday".into();
    assert!(matches!(store.previous(&bad), Err(StoreError::BadTakenAt { .. })));
}

#[test]
fn for_each_filters_and_streams_in_time_order() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = store_in(&dir);
    let mut docs = vec![
        doc("1", "张三", "2026-11-28T01:00:00+08:00"), // 11-27T17:00Z, but taken on the 28th
        doc("2", "李四", "2026-11-27T18:00:00Z"),
        doc("3", "张三", "2026-11-26T09:00:00+08:00"),
        doc("4", "王五", "2026-11-29T09:00:00+08:00"),
    ];
    docs[0].session = Some("秋季班".into());
    docs[1].session = Some("秋季班".into());
    docs[3].session = Some("春季班".into());
    store.save(&docs).unwrap();

    let f = |session: Option<&str>, subject: Option<&str>, since: Option<&str>| Filter {
        session: session.map(Into::into),
        subject: subject.map(Into::into),
        since: since.map(Into::into),
        all: false,
    };
    assert_eq!(filtered_ids(&store, &Filter::default()), ["3", "1", "2", "4"]);
    assert_eq!(filtered_ids(&store, &f(Some("秋季班"), None, None)), ["1", "2"]);
    assert_eq!(filtered_ids(&store, &f(None, Some("张三"), None)), ["3", "1"]);
    assert_eq!(filtered_ids(&store, &f(Some("秋季班"), Some("张三"), None)), ["1"]);
    // A date: the result's own calendar date.
    assert_eq!(filtered_ids(&store, &f(None, None, Some("2026-11-28"))), ["1", "4"]);
    // An instant: compared as instants.
    assert_eq!(filtered_ids(&store, &f(None, None, Some("2026-11-27T17:30:00Z"))), ["2", "4"]);
    assert_eq!(filtered_ids(&store, &f(None, None, Some("2026-11-28T01:00:00+08:00"))), ["1", "2", "4"]);
    assert_eq!(filtered_ids(&store, &f(Some("none"), None, None)), Vec::<String>::new());
    // `all` overrides the rest.
    let everything = Filter { all: true, ..f(Some("none"), None, None) };
    assert_eq!(filtered_ids(&store, &everything).len(), 4);

    let err = store.for_each(&f(None, None, Some("28/11/2026")), &mut |_| Ok(())).unwrap_err();
    assert!(matches!(&err, StoreError::BadSince { value } if value == "28/11/2026"));
    assert!(err.is_bad_input());

    // The callback's error stops the walk and comes back as it was.
    let mut seen = 0;
    let err = store
        .for_each(&Filter::default(), &mut |_| {
            seen += 1;
            if seen == 2 {
                return Err(StoreError::Io {
                    path: None,
                    error: std::io::Error::new(std::io::ErrorKind::BrokenPipe, "pipe"),
                });
            }
            Ok(())
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::Io { path: None, .. }));
    assert_eq!(seen, 2);
    assert_eq!(store.for_each(&Filter::default(), &mut |_| Ok(())).unwrap(), 4);
}

#[test]
fn delete_reports_what_existed() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = store_in(&dir);
    store.save(&[doc("A", "s", "2026-01-01T00:00:00Z"), doc("B", "s", "2026-01-02T00:00:00Z")]).unwrap();
    assert_eq!(store.delete(&strings(&["A", "X", "A"])).unwrap(), strings(&["A"]));
    assert_eq!(store.get("A").unwrap(), None);
    assert!(store.get("B").unwrap().is_some());
    assert_eq!(store.delete(&[]).unwrap(), Vec::<String>::new());
    assert_eq!(store.info().unwrap().results, 1);
    // Gone means gone: saving it again stores it again.
    assert_eq!(store.save(&[doc("A", "s", "2026-01-01T00:00:00Z")]).unwrap().inserted, strings(&["A"]));
}

#[test]
fn drafts_upsert_latest_delete() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, path) = store_in(&dir);
    let draft = |id: &str, at: &str, json: &str| Draft {
        id: id.into(),
        subject: "张三".into(),
        rubric_id: "core".into(),
        updated_at: at.into(),
        json: json.into(),
    };
    assert_eq!(store.latest_draft("张三", "core").unwrap(), None);
    let d1 = draft("d1", "2026-11-28T09:00:00+08:00", r#"{"n":1}"#); // 01:00Z
    let d2 = draft("d2", "2026-11-28T02:00:00Z", r#"{"n":2}"#); // later, though it sorts first as text
    store.save_draft(&d1).unwrap();
    store.save_draft(&d2).unwrap();
    assert_eq!(store.latest_draft("张三", "core").unwrap(), Some(d2.clone()));
    assert_eq!(store.latest_draft("张三", "office").unwrap(), None);
    assert_eq!(store.latest_draft("李四", "core").unwrap(), None);

    // Upsert: the same id replaces the draft.
    let d1b = draft("d1", "2026-11-28T11:00:00+08:00", r#"{"n":3}"#);
    store.save_draft(&d1b).unwrap();
    assert_eq!(store.latest_draft("张三", "core").unwrap(), Some(d1b));
    assert_eq!(store.info().unwrap().drafts, 2);

    // Durable: another connection sees it at once.
    drop(store);
    let mut store = SqliteStore::open(&path).unwrap();
    assert!(store.delete_draft("d1").unwrap());
    assert!(!store.delete_draft("d1").unwrap());
    assert_eq!(store.latest_draft("张三", "core").unwrap(), Some(d2));
    assert_eq!(store.info().unwrap().drafts, 1);
}

#[cfg(unix)]
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
                    .map(|i| doc(&format!("t{t:02}-{i}"), &format!("s{t}"), "2026-11-28T09:30:00+08:00"))
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
        StoreError::Sqlite { path: path.clone(), error: rusqlite::Error::InvalidQuery },
        StoreError::Corrupt { path, id: "X".into(), reason: "eof".into() },
    ];
    let bad_input: Vec<bool> = errors.iter().map(StoreError::is_bad_input).collect();
    assert_eq!(bad_input, [true, true, true, true, true, false, false, false]);
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
        (0..5).map(|i| doc(&format!("p{n}-{i}"), &format!("p{n}"), "2026-11-28T09:30:00+08:00")).collect();
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
                .args(["store::tests::process_writer_child", "--exact", "--quiet", "--test-threads=1"])
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

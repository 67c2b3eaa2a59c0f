use std::collections::HashMap;
use std::path::{Path, PathBuf};

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
        subject: Subject { name: subject.into(), department: Some("秘书处".into()), ..Default::default() },
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
    assert_eq!(store.latest_draft("张三", "core").unwrap(), Some(d1b.clone()));
    assert_eq!(store.info().unwrap().drafts, 2);
    // Every draft, the latest first (by instant, not by text).
    assert_eq!(store.drafts().unwrap(), [d1b, d2.clone()]);

    // Durable: another connection sees it at once.
    drop(store);
    let mut store = SqliteStore::open(&path).unwrap();
    assert!(store.delete_draft("d1").unwrap());
    assert!(!store.delete_draft("d1").unwrap());
    assert_eq!(store.latest_draft("张三", "core").unwrap(), Some(d2));
    assert_eq!(store.info().unwrap().drafts, 1);
}

#[cfg(unix)]
mod files;
mod once;
mod writers;

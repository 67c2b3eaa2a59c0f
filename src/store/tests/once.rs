//! Once per fingerprint, staged batches that hold no lock until they are
//! stored, and the migration that gives stored results their fingerprints.

use std::fs;
use std::time::Duration;

use rusqlite::Connection;

use super::*;

/// The same answers about the same person at the same time, under another id.
fn again(d: &ResultDoc, id: &str) -> ResultDoc {
    ResultDoc { id: id.into(), ..d.clone() }
}

#[test]
fn a_result_whose_fingerprint_is_stored_is_not_stored_again() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, path) = store_in(&dir);
    let a = doc("A", "张三", "2026-11-28T09:30:00+08:00");
    let b = doc("B", "李四", "2026-11-28T09:30:00+08:00");
    assert_eq!(store.save(&[a.clone(), b.clone()]).unwrap().inserted, strings(&["A", "B"]));

    // Scored again (new ids, same answers, people and time): nothing new.
    let out = store.save(&[again(&a, "A2"), again(&b, "B2")]).unwrap();
    assert_eq!(out, SaveOutcome { inserted: vec![], duplicates: strings(&["A2", "B2"]) });
    assert_eq!(count(&path), 2);
    assert_eq!(store.get("A2").unwrap(), None);
    assert_eq!(store.get("A").unwrap().unwrap().0, a);

    // Twice within one batch: once.
    let c = doc("C", "王五", "2026-11-29T09:30:00+08:00");
    let out = store.save(&[c.clone(), again(&c, "C2"), doc("D", "王五", "2026-11-30T09:30:00+08:00")]).unwrap();
    assert_eq!(out, SaveOutcome { inserted: strings(&["C", "D"]), duplicates: strings(&["C2"]) });

    // Anything that is part of the fingerprint makes another result.
    let mut other_rater = again(&a, "A3");
    other_rater.rater = Rater { role: Role::Peer, name: Some("赵六".into()) };
    other_rater.fingerprint.clear();
    let mut other_attributes = again(&a, "A4");
    other_attributes.subject.attributes.insert("职级".into(), "科员".into());
    other_attributes.fingerprint.clear();
    let out = store.save(&[other_rater, other_attributes]).unwrap();
    assert_eq!(out.inserted, strings(&["A3", "A4"]));

    // The fingerprint is kept in its column.
    let raw = Connection::open(&path).unwrap();
    let stored: String = raw.query_row("SELECT fingerprint FROM results WHERE id = 'A'", [], |r| r.get(0)).unwrap();
    assert_eq!(stored, a.fingerprint);
    assert!(crate::result::is_fingerprint(&stored), "{stored}");
}

#[test]
fn a_result_without_a_fingerprint_gets_one_from_itself() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = store_in(&dir);
    // As a result written before revision 2: no fingerprint in its JSON.
    let mut old = doc("OLD", "张三", "2026-05-01T09:30:00+08:00");
    old.fingerprint.clear();
    let text = serde_json::to_string(&old).unwrap();
    assert!(!text.contains("fingerprint"), "{text}");
    assert_eq!(store.import(&[(old.clone(), text.clone())]).unwrap().inserted, strings(&["OLD"]));
    // Its text is kept as it was; read back it carries the computed one.
    let (got, json) = store.get("OLD").unwrap().unwrap();
    assert_eq!(json, text);
    assert_eq!(got.fingerprint, old.fingerprint_or_computed());
    // The same, imported again under another id: already there.
    let old2 = again(&old, "OLD2");
    let out = store.import(&[(old2.clone(), serde_json::to_string(&old2).unwrap())]).unwrap();
    assert_eq!(out.duplicates, strings(&["OLD2"]));
}

#[test]
fn a_staged_batch_holds_no_lock_until_it_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, path) = store_in(&dir);
    let other = Connection::open(&path).unwrap();
    // The other writer does not wait at all: a lock held would fail it.
    other.busy_timeout(Duration::ZERO).unwrap();
    let docs: Vec<ResultDoc> =
        (0..50).map(|i| doc(&format!("b{i:02}"), &format!("p{i}"), "2026-11-28T09:30:00+08:00")).collect();
    let texts: Vec<String> = docs.iter().map(|d| serde_json::to_string(d).unwrap()).collect();
    {
        let mut batch = store.batch().unwrap();
        for (d, t) in docs.iter().zip(&texts) {
            batch.insert(&Columns::from(d), t).unwrap();
            // Every few results, another process writes: it never waits.
            other
                .execute_batch(
                    "BEGIN IMMEDIATE; INSERT INTO drafts VALUES ('x', 's', 'core', 't', 't', '{}'); ROLLBACK;",
                )
                .expect("no lock is held while a batch is staged");
        }
        assert_eq!(count(&path), 0, "nothing stored before the commit");
        let out = batch.commit().unwrap();
        assert_eq!(out.inserted.len(), 50);
    }
    assert_eq!(count(&path), 50);

    // A batch dropped before its commit stores nothing, and leaves nothing
    // staged for the next one.
    {
        let mut batch = store.batch().unwrap();
        let d = doc("dropped", "s", "2026-12-01T00:00:00Z");
        batch.insert(&Columns::from(&d), &serde_json::to_string(&d).unwrap()).unwrap();
    }
    let out = store.batch().unwrap().commit().unwrap();
    assert_eq!(out, SaveOutcome::default());
    assert_eq!(count(&path), 50);
}

#[test]
fn a_batch_waits_for_the_write_lock_only_to_store() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, path) = store_in(&dir);
    let holder = Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(1500));
        holder.execute_batch("COMMIT").unwrap();
    });
    let start = std::time::Instant::now();
    let d = doc("A", "s", "2026-01-01T00:00:00Z");
    let mut batch = store.batch().unwrap();
    batch.insert(&Columns::from(&d), &serde_json::to_string(&d).unwrap()).unwrap();
    assert!(start.elapsed() < Duration::from_millis(1000), "staging does not wait for the lock");
    let out = batch.commit().expect("waits for the other writer, then stores");
    assert!(start.elapsed() >= Duration::from_millis(1400), "it waited: {:?}", start.elapsed());
    assert_eq!(out.inserted, strings(&["A"]));
    release.join().unwrap();
    assert!(BUSY_TIMEOUT >= Duration::from_secs(60));
}

#[test]
fn the_previous_result_comes_from_the_store_or_the_batch_and_is_never_the_same_one() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = store_in(&dir);
    let may = doc_valued("MAY", "张三", "2026-05-01T09:00:00+08:00", 2);
    store.save(std::slice::from_ref(&may)).unwrap();
    let nov = doc_valued("NOV", "张三", "2026-11-28T09:00:00+08:00", 4);
    let dec = doc_valued("DEC", "张三", "2026-12-28T09:00:00+08:00", 5);
    let mut batch = store.batch().unwrap();
    assert_eq!(batch.previous_link(&nov).unwrap().map(|p| p.id), Some("MAY".into()));
    batch.insert(&Columns::from(&nov), &serde_json::to_string(&nov).unwrap()).unwrap();
    // A later one of the same batch finds the staged one, which is later than the stored one.
    let link = batch.previous_link(&dec).unwrap().unwrap();
    assert_eq!(link.id, "NOV");
    assert_eq!(link.overall_delta, Some(dec.overall.score.unwrap() - nov.overall.score.unwrap()));
    // Each dimension's change, read from the staged result's JSON.
    let want: Vec<Option<f64>> = dec
        .dimensions()
        .zip(nov.dimensions())
        .map(|((_, a), (_, b))| a.score.zip(b.score).map(|(a, b)| a - b))
        .collect();
    assert!(!want.is_empty());
    assert_eq!(link.dimensions.iter().map(|c| c.delta).collect::<Vec<_>>(), want);
    // The same as linking the previous result whole.
    let mut whole = dec.clone();
    whole.link_previous(Some(nov.clone()));
    assert_eq!(Some(link.dimensions), whole.previous.map(|p| p.dimensions));
    assert_eq!(batch.previous(&Columns::from(&dec)).unwrap().map(|d| d.id), Some("NOV".into()));
    // The same answers scored again are not their own previous result.
    let may_again = again(&may, "MAY2");
    assert_eq!(batch.previous_link(&may_again).unwrap(), None);
    let nov_again = again(&nov, "NOV2");
    assert_eq!(batch.previous_link(&nov_again).unwrap().map(|p| p.id), Some("MAY".into()));
    drop(batch);
    assert_eq!(store.previous(&again(&may, "MAY3")).unwrap(), None);
}

/// Take a store back to schema 1, as zhixing before revision 2 left it.
fn downgrade_to_v1(path: &Path) -> Connection {
    let c = Connection::open(path).unwrap();
    c.execute_batch(
        "DROP TABLE serve_sessions; DROP INDEX results_by_fingerprint; ALTER TABLE results DROP COLUMN fingerprint; \
         PRAGMA user_version = 1;",
    )
    .unwrap();
    c
}

/// A row as zhixing before revision 2 stored it.
fn insert_v1(c: &Connection, d: &ResultDoc, json: &str) {
    c.execute(
        "INSERT INTO results (id, subject, department, rater_role, session, rubric_id, rubric_version, taken_at, \
         taken_utc, overall, stored_at, json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'x', ?11)",
        rusqlite::params![
            d.id,
            d.subject.name,
            d.subject.department,
            d.rater.role.code(),
            d.session,
            d.rubric.id,
            d.rubric.version,
            d.taken_at,
            utc_key(&d.taken_at).unwrap(),
            d.overall.score,
            json
        ],
    )
    .unwrap();
}

#[test]
fn an_older_store_is_read_as_it_is_and_migrated_when_written() {
    let dir = tempfile::tempdir().unwrap();
    let (store, path) = store_in(&dir);
    drop(store);
    let c = downgrade_to_v1(&path);
    // A session saved twice (the bug of revision 1), and a damaged row.
    let mut a = doc("A1", "张三", "2026-11-28T09:30:00+08:00");
    a.fingerprint.clear();
    let a2 = again(&a, "A2");
    let b = doc("B1", "李四", "2026-11-29T09:30:00+08:00");
    for d in [&a, &a2, &b] {
        insert_v1(&c, d, &serde_json::to_string(d).unwrap());
    }
    let mut broken = doc("X1", "王五", "2026-11-30T09:30:00+08:00");
    broken.fingerprint.clear();
    insert_v1(&c, &broken, "{\"schema\":");
    drop(c);

    // Read: as it is, nothing written.
    let before = fs::read(&path).unwrap();
    let reader = SqliteStore::open_with(&path, Access::Read).unwrap();
    assert_eq!(reader.info().unwrap().schema_version, 1);
    assert_eq!(reader.history("张三").unwrap().len(), 2);
    assert_eq!(reader.previous(&doc("N", "张三", "2027-01-01T00:00:00Z")).unwrap().map(|d| d.id), Some("A2".into()));
    drop(reader);
    assert_eq!(fs::read(&path).unwrap(), before);

    // Written: migrated, each old result given its fingerprint; of the two
    // copies the earlier keeps it, the other is kept without one.
    let mut store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.info().unwrap().schema_version, SCHEMA_VERSION);
    assert_eq!(store.info().unwrap().results, 4, "nothing is lost in the migration");
    let raw = Connection::open(&path).unwrap();
    let fp = |id: &str| -> Option<String> {
        raw.query_row("SELECT fingerprint FROM results WHERE id = ?1", [id], |r| r.get(0)).unwrap()
    };
    assert_eq!(fp("A1").as_deref(), Some(&*a.fingerprint_or_computed()));
    assert_eq!(fp("A2"), None);
    assert_eq!(fp("B1").as_deref(), Some(b.fingerprint.as_str()));
    assert_eq!(fp("X1"), None, "a damaged row keeps no fingerprint");
    // And from now on once per fingerprint.
    let out = store.save(&[again(&a, "A3"), again(&b, "B2")]).unwrap();
    assert_eq!(out.duplicates, strings(&["A3", "B2"]));
}

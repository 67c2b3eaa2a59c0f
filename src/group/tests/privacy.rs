//! SPEC §10 rules 1–7: nobody exposed by subtraction, nobody counted twice.
//! Each break the issue reproduced has a test here, then a property test
//! over random data sets checks every report of a data set, and every pair
//! of reports under two groupings, for differences that isolate too few.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use serde_json::Value;

use super::super::*;
use crate::response::Response;
use crate::result::{Rater, Subject};
use crate::rubric::Loaded;
use crate::score::{self, Options};
use crate::testing;

/// One made-up result: who, where, and the answers to the six items
/// a b c (d1), e f (d2), h (d3).
#[derive(Clone, Debug)]
struct Person {
    name: String,
    dept: Option<String>,
    role: Role,
    rater: Option<String>,
    session: Option<String>,
    grade: Option<String>,
    taken_at: String,
    answers: [Option<i64>; 6],
}

impl Person {
    fn new(name: &str, dept: &str) -> Person {
        Person {
            name: name.to_string(),
            dept: Some(dept.to_string()),
            role: Role::SelfRating,
            rater: None,
            session: None,
            grade: None,
            taken_at: "2026-11-28T09:30:00+08:00".to_string(),
            answers: [Some(3); 6],
        }
    }
}

fn doc_of(l: &Loaded, p: &Person, i: usize) -> ResultDoc {
    let ids = ["a", "b", "c", "e", "f", "h"];
    let resp = Response {
        subject: Subject { name: p.name.clone(), department: p.dept.clone(), ..Subject::default() },
        rater: Rater { role: p.role, name: p.rater.clone() },
        session: p.session.clone(),
        taken_at: Some(p.taken_at.clone()),
        answers: ids.iter().zip(p.answers).map(|(k, v)| (k.to_string(), v)).collect(),
        seconds: None,
    };
    let opts = Options { lang: "en".to_string(), ..Options::default() };
    score::score(l, &resp, &opts, format!("id-{i}"), &p.taken_at)
}

/// The group report of `people` as JSON, read the way `group` reads a
/// result file (so attributes come through).
fn report(people: &[Person], by: Option<By>, min_group: usize) -> Value {
    let l = testing::grouped();
    let docs: Vec<ResultDoc> = people.iter().enumerate().map(|(i, p)| doc_of(&l, p, i)).collect();
    let mut b = Builder::new(&docs[0], Some(&l.rubric), "en", by, false);
    for (d, p) in docs.iter().zip(people) {
        let mut v = serde_json::to_value(d).unwrap();
        if let Some(g) = &p.grade {
            v["subject"]["attributes"] = serde_json::json!({ "grade": g });
        }
        let row = b.reader().row(v.to_string().as_bytes()).expect("a result as zhixing writes it");
        b.add_row(row);
    }
    serde_json::to_value(b.finish(min_group, 7)).unwrap()
}

fn shown(g: &Value) -> bool {
    g["withheld"] == false
}

/// Every statistic of a shown group: (level id, n) where its figures show.
fn figures(g: &Value) -> BTreeMap<String, u64> {
    let mut out = BTreeMap::new();
    out.insert("results".to_string(), g["n"].as_u64().unwrap());
    let mut level = |id: &str, s: &Value| {
        if s.get("withheld").is_none() {
            out.insert(id.to_string(), s["n"].as_u64().unwrap());
        }
    };
    level("overall", &g["overall"]);
    for s in g["sections"].as_array().unwrap().iter().chain(g["dimensions"].as_array().unwrap()) {
        level(s["id"].as_str().unwrap(), s);
    }
    out
}

fn isolates(d: u64, m: usize) -> bool {
    d >= 1 && d < m as u64
}

/// The everyone group minus the shown subgroups, per statistic.
fn check_total_minus_shown(doc: &Value, m: usize) -> Result<(), String> {
    let groups = doc["groups"].as_array().unwrap();
    for g in groups.iter().filter(|g| shown(g)) {
        if let Some((stat, n)) = figures(g).into_iter().find(|(_, n)| isolates(*n, m)) {
            return Err(format!("{}: {stat} shown over {n} (m = {m})", g["key"]));
        }
    }
    let everyone = &groups[0];
    if !shown(everyone) {
        return Ok(());
    }
    for (stat, total) in figures(everyone) {
        let shown_sum: u64 =
            groups[1..].iter().filter(|g| shown(g)).filter_map(|g| figures(g).get(&stat).copied()).sum();
        let missing = total - shown_sum;
        if isolates(missing, m) {
            return Err(format!("{stat}: everyone {total} − shown {shown_sum} isolates {missing} (m = {m})"));
        }
    }
    Ok(())
}

/// The results of `people` in the subgroup of `key` ({"department": "x"}).
fn members(people: &[Person], key: &Value) -> BTreeSet<usize> {
    let (by, value) = key.as_object().unwrap().iter().next().unwrap();
    let value = value.as_str();
    (0..people.len())
        .filter(|&i| {
            let p = &people[i];
            match by.as_str() {
                "department" => p.dept.as_deref() == value,
                "role" => Some(p.role.code()) == value,
                "session" => p.session.as_deref() == value,
                "grade" => p.grade.as_deref() == value,
                _ => unreachable!(),
            }
        })
        .collect()
}

/// A shown subgroup minus a shown subgroup of another report nested in it.
fn check_nested(people: &[Person], a: &Value, b: &Value, m: usize) -> Result<(), String> {
    for ga in a["groups"].as_array().unwrap()[1..].iter().filter(|g| shown(g)) {
        let sa = members(people, &ga["key"]);
        for gb in b["groups"].as_array().unwrap()[1..].iter().filter(|g| shown(g)) {
            let sb = members(people, &gb["key"]);
            if !(sa.is_subset(&sb) || sb.is_subset(&sa)) {
                continue;
            }
            let (fa, fb) = (figures(ga), figures(gb));
            for (stat, na) in &fa {
                if let Some(nb) = fb.get(stat)
                    && isolates(na.abs_diff(*nb), m)
                {
                    return Err(format!("{} and {}: {stat} {na} vs {nb} (m = {m})", ga["key"], gb["key"]));
                }
            }
        }
    }
    Ok(())
}

fn by_all() -> [By; 4] {
    [By::Department, By::Role, By::Session, By::Attribute("grade".to_string())]
}

#[test]
fn two_lone_departments_are_not_given_away_by_the_total() {
    // Break 1: two departments of one person each; total minus the shown
    // departments would be their sum.
    let mut people: Vec<Person> = (0..6).map(|i| Person::new(&format!("c{i}"), "C")).collect();
    people.extend((0..7).map(|i| Person::new(&format!("d{i}"), "D")));
    people.push(Person::new("a0", "A"));
    people.push(Person::new("b0", "B"));
    let doc = report(&people, Some(By::Department), 5);
    let reasons: Vec<&str> =
        doc["groups"].as_array().unwrap()[1..].iter().map(|g| g["withheld_reason"].as_str().unwrap_or("")).collect();
    assert_eq!(reasons, ["too_few", "too_few", "complementary", ""], "A, B, then C (the smallest) withheld");
    check_total_minus_shown(&doc, 5).unwrap();

    // 2 + 2: the residual would be a mean of 4.
    let mut people: Vec<Person> = (0..6).map(|i| Person::new(&format!("c{i}"), "C")).collect();
    people.extend((0..2).map(|i| Person::new(&format!("a{i}"), "A")));
    people.extend((0..2).map(|i| Person::new(&format!("b{i}"), "B")));
    let doc = report(&people, Some(By::Department), 5);
    let shown_n: Vec<bool> = doc["groups"].as_array().unwrap()[1..].iter().map(shown).collect();
    assert_eq!(shown_n, [false, false, false]);
    check_total_minus_shown(&doc, 5).unwrap();
}

#[test]
fn a_lone_score_of_a_dimension_is_not_given_away() {
    // The withheld department holds 5 results, but only one of them has a
    // score for d2: everyone's d2 minus the shown departments' would be it.
    let mut people: Vec<Person> = (0..6).map(|i| Person::new(&format!("c{i}"), "C")).collect();
    people.extend((0..6).map(|i| Person::new(&format!("d{i}"), "D")));
    for i in 0..4 {
        let mut p = Person::new(&format!("a{i}"), "A");
        p.answers[3] = None;
        p.answers[4] = None;
        people.push(p);
    }
    people.push(Person::new("a4", "A"));
    let doc = report(&people, Some(By::Department), 5);
    let groups = doc["groups"].as_array().unwrap();
    // A (5 results) is shown, but its d2 has one score: withheld on its own.
    let a = &groups[1];
    assert!(shown(a));
    let d2 = &a["dimensions"][1];
    assert_eq!(
        (d2["n"].clone(), d2["mean"].clone(), d2["withheld"].clone()),
        (1.into(), Value::Null, "too_few".into())
    );
    // Then C (the smaller of C and D, the later on a tie) goes too, so that
    // everyone's d2 minus the shown departments' is not that one score.
    assert_eq!(groups[3]["withheld_reason"], "complementary");
    check_total_minus_shown(&doc, 5).unwrap();
}

#[test]
fn a_department_and_a_session_of_the_same_people_are_not_subtracted() {
    // Break 2: department B (6 people) and session S2 = B plus one person.
    let mut people = Vec::new();
    for i in 0..6 {
        let mut p = Person::new(&format!("b{i}"), "B");
        p.session = Some("S2".to_string());
        people.push(p);
    }
    let mut extra = Person::new("x", "C");
    extra.session = Some("S2".to_string());
    people.push(extra);
    for i in 0..8 {
        let mut p = Person::new(&format!("c{i}"), "C");
        p.session = Some("S1".to_string());
        people.push(p);
    }
    let dept = report(&people, Some(By::Department), 5);
    let session = report(&people, Some(By::Session), 5);
    let reason = |doc: &Value, key: &str| {
        doc["groups"].as_array().unwrap().iter().find(|g| g["key"].to_string().contains(key)).unwrap()["withheld_reason"]
            .clone()
    };
    assert_eq!(reason(&dept, "\"B\""), "nested");
    assert_eq!(reason(&session, "S2"), "nested");
    check_nested(&people, &dept, &session, 5).unwrap();
    check_total_minus_shown(&dept, 5).unwrap();
    check_total_minus_shown(&session, 5).unwrap();
}

#[test]
fn attributes_count_as_another_grouping() {
    // Department B (6) and the grade 科员 (B plus one): B is withheld.
    let mut people: Vec<Person> = (0..6)
        .map(|i| {
            let mut p = Person::new(&format!("b{i}"), "B");
            p.grade = Some("科员".to_string());
            p
        })
        .collect();
    let mut x = Person::new("x", "C");
    x.grade = Some("科员".to_string());
    people.push(x);
    people.extend((0..7).map(|i| Person::new(&format!("c{i}"), "C")));
    let doc = report(&people, Some(By::Department), 5);
    assert_eq!(doc["groups"][1]["withheld_reason"], "nested", "{}", doc["groups"][1]);
}

#[test]
fn an_attribute_grouping_nested_in_departments_is_withheld() {
    // Department A: 6 科员 and 1 主任; department B: 5 主任 and 7 副主任.
    // By grade: 科员 (6) lies within A (7), a difference of 1: withheld as
    // nested (A minus 科员 would be the one 主任 of A). 副主任 (7) lies
    // within B (12), a difference of 5: shown; 主任 (6) spans both: shown.
    // The pool holds 6 (≥ 5), and everyone (19) − shown (13) is 6.
    let mut people: Vec<Person> = (0..6)
        .map(|i| {
            let mut p = Person::new(&format!("a{i}"), "A");
            p.grade = Some("科员".to_string());
            p
        })
        .collect();
    let mut head = Person::new("a6", "A");
    head.grade = Some("主任".to_string());
    people.push(head);
    people.extend((0..5).map(|i| {
        let mut p = Person::new(&format!("c{i}"), "B");
        p.grade = Some("主任".to_string());
        p
    }));
    people.extend((0..7).map(|i| {
        let mut p = Person::new(&format!("b{i}"), "B");
        p.grade = Some("副主任".to_string());
        p
    }));
    let doc = report(&people, Some(By::Attribute("grade".to_string())), 5);
    let groups = doc["groups"].as_array().unwrap();
    let by: BTreeMap<&str, &Value> = groups[1..].iter().map(|g| (g["key"]["grade"].as_str().unwrap(), g)).collect();
    assert_eq!(by.len(), 3);
    assert_eq!(by["科员"]["withheld_reason"], "nested");
    assert_eq!(by["主任"]["withheld"], false);
    assert_eq!(by["主任"]["n"], 6);
    assert_eq!(by["副主任"]["withheld"], false);
    assert_eq!(by["副主任"]["n"], 7);
    // A withheld group shows nothing but its key and why.
    for g in [by["科员"]] {
        for field in ["n", "overall", "flagged", "flagged_by"] {
            assert!(g[field].is_null(), "{field} of {}", g["key"]);
        }
        assert_eq!(g["dimensions"], serde_json::json!([]));
    }
    check_total_minus_shown(&doc, 5).unwrap();
    let dept = report(&people, Some(By::Department), 5);
    check_nested(&people, &doc, &dept, 5).unwrap();
    check_nested(&people, &dept, &doc, 5).unwrap();
}

#[test]
fn counts_of_a_withheld_person_cannot_be_worked_out() {
    // Break 3: the flagged and severity counts and the min of everyone
    // minus those of the shown subgroups. With the pool at the floor, no
    // withheld subgroup shows anything and the rest is at least 5 results.
    let mut people: Vec<Person> = (0..6).map(|i| Person::new(&format!("c{i}"), "C")).collect();
    let mut lone = Person::new("lone", "L");
    lone.answers = [Some(1), Some(5), Some(1), Some(1), Some(1), Some(1)];
    people.push(lone);
    people.extend((0..9).map(|i| Person::new(&format!("d{i}"), "D")));
    let doc = report(&people, Some(By::Department), 5);
    let groups = doc["groups"].as_array().unwrap();
    let withheld: Vec<&Value> = groups[1..].iter().filter(|g| !shown(g)).collect();
    let pooled: u64 = withheld
        .iter()
        .map(|g| {
            people.iter().filter(|p| Some(p.dept.as_deref().unwrap()) == g["key"]["department"].as_str()).count() as u64
        })
        .sum();
    assert!(pooled >= 5, "{pooled}");
    for g in withheld {
        for field in ["n", "overall", "flagged"] {
            assert_eq!(g[field], Value::Null, "{field} of a withheld group");
        }
        assert_eq!(g["dimensions"], serde_json::json!([]));
        assert_eq!(g["priorities"], serde_json::json!([]));
    }
}

#[test]
fn a_person_counts_once_per_session() {
    // Break 6: six people, one of them saved four times, another twice.
    let mut people: Vec<Person> = (0..6).map(|i| Person::new(&format!("p{i}"), "A")).collect();
    for (k, day) in ["2026-11-01", "2026-11-02", "2026-11-03"].iter().enumerate() {
        let mut again = Person::new("p0", "A");
        again.taken_at = format!("{day}T09:00:00+08:00");
        again.answers = [Some(1 + k as i64); 6];
        people.push(again);
    }
    let mut again = Person::new("p1", "A");
    again.taken_at = "2026-12-01T09:00:00+08:00".to_string();
    again.answers = [Some(5), Some(1), Some(5), Some(5), Some(5), Some(5)];
    people.push(again);
    let doc = report(&people, None, 5);
    assert_eq!(
        (doc["n"].clone(), doc["counted"].clone(), doc["earlier_left_out"].clone()),
        (10.into(), 6.into(), 4.into())
    );
    assert_eq!(doc["groups"][0]["n"], 6);
    assert_eq!(doc["unit"], "people");
    // p1's latest (all 100) counts, the earlier (50) not; p0's first (50, the
    // latest of 28 Nov) counts.
    let overall = &doc["groups"][0]["overall"];
    assert_eq!(overall["max"], 100.0);
    // Five at 50 and one at 100.
    assert!((overall["mean"].as_f64().unwrap() - 350.0 / 6.0).abs() < 1e-9, "{overall}");

    // In another session the same person counts again; n is then results.
    let mut later = people[..6].to_vec();
    for p in &mut later {
        p.session = Some("训后".to_string());
    }
    let mut both = people[..6].to_vec();
    both.extend(later);
    let doc = report(&both, None, 5);
    assert_eq!((doc["groups"][0]["n"].clone(), doc["unit"].clone()), (12.into(), "results".into()));
}

#[test]
fn raters_of_others_without_a_name_each_count() {
    // Two anonymous peers of one subject are two people, not one saved twice.
    let mut people = vec![Person::new("s", "A")];
    for _ in 0..2 {
        let mut p = Person::new("s", "A");
        p.role = Role::Peer;
        people.push(p);
    }
    let mut named = Person::new("s", "A");
    named.role = Role::Peer;
    named.rater = Some("王五".to_string());
    people.push(named.clone());
    named.taken_at = "2026-11-29T09:30:00+08:00".to_string();
    people.push(named);
    let doc = report(&people, None, 1);
    assert_eq!((doc["counted"].clone(), doc["earlier_left_out"].clone()), (4.into(), 1.into()));
}

#[test]
fn small_roles_in_the_360_view_are_pooled_or_left_out_per_level() {
    let l = testing::grouped();
    let mk = |role: Role, answers: [Option<i64>; 6]| {
        let mut p = Person::new("张三", "A");
        p.role = role;
        p.answers = answers;
        doc_of(&l, &p, 0)
    };
    let full = [Some(4), Some(2), Some(4), Some(4), Some(4), Some(4)]; // 75 everywhere
    let no_d2 = [Some(2), Some(4), Some(2), None, None, Some(2)]; // 25, d2 unscored
    let mut docs = vec![mk(Role::SelfRating, [Some(5), Some(1), Some(5), Some(5), Some(5), Some(5)])];
    docs.push(mk(Role::Supervisor, full));
    // Three peers: shown as a role; but only two of them scored d2.
    docs.push(mk(Role::Peer, full));
    docs.push(mk(Role::Peer, full));
    docs.push(mk(Role::Peer, no_d2));
    // One subordinate: too few alone, and no other small role to pool with.
    docs.push(mk(Role::Subordinate, [Some(1), Some(5), Some(1), Some(1), Some(1), Some(1)]));
    let mut b = Builder::new(&docs[0], Some(&l.rubric), "en", Some(By::Subject), false);
    for d in &docs {
        b.add(d);
    }
    let doc = b.finish(5, 3);
    let s = &doc.subjects[0];
    assert_eq!(s.left_out, BTreeMap::from([("subordinate".to_string(), 1)]));
    // Overall: the supervisor (75) and three peers (75, 75, and the third's
    // overall over d1 and d3); never the subordinate.
    assert_eq!(s.overall.others_n, 4);
    let d2 = &s.dimensions[1];
    // d2: two peers scored it, below the floor of 3: only the supervisor counts.
    assert_eq!((d2.others, d2.others_n), (Some(75.0), 1));
    let peer = d2.by_role.iter().find(|r| r.role == RoleKey::Peer).unwrap();
    assert_eq!((peer.n, peer.withheld, peer.mean), (3, true, None));
    assert!(d2.by_role.iter().all(|r| r.role != RoleKey::Subordinate));
}

#[test]
fn subjects_are_numbered_in_a_fresh_order_each_run() {
    // Break 5: labels ordered by a hash of the name map back to people.
    let l = testing::grouped();
    // Eight subjects told apart by their own answers.
    let docs: Vec<ResultDoc> = (0..8)
        .map(|i| {
            let mut p = Person::new(&format!("学员{i}"), "A");
            let v = Some(1 + i as i64 % 5);
            p.answers = [v, v, v, v, v, Some(1 + i as i64 / 5)];
            doc_of(&l, &p, i)
        })
        .collect();
    let mut b = Builder::new(&docs[0], Some(&l.rubric), "en", Some(By::Subject), false);
    for d in &docs {
        b.add(d);
    }
    let order = |seed: u64| -> Vec<String> {
        let doc = b.finish(5, seed);
        assert!(doc.subjects.iter().all(|s| s.subject.starts_with('#')));
        doc.subjects
            .iter()
            .map(|s| format!("{:?}", s.dimensions.iter().map(|d| d.self_score).collect::<Vec<_>>()))
            .collect()
    };
    assert_eq!(order(1), order(1), "the same seed, the same order");
    let orders: BTreeSet<Vec<String>> = (0..20).map(order).collect();
    assert!(orders.len() > 15, "different seeds give different orders: {}", orders.len());
    // Neither the names' order nor the order read.
    let read: Vec<String> = (0..8)
        .map(|i| {
            format!(
                "{:?}",
                docs[i].sections.iter().flat_map(|s| s.dimensions.iter().map(|d| d.score)).collect::<Vec<_>>()
            )
        })
        .collect();
    assert!(orders.iter().filter(|o| **o == read).count() <= 1);
}

fn person_strategy() -> impl Strategy<Value = Person> {
    let answer = prop_oneof![1 => Just(None), 6 => (1i64..=5).prop_map(Some)];
    (
        prop_oneof![4 => Just("A"), 3 => Just("B"), 2 => Just("C"), 1 => Just("D"), 1 => Just("E")],
        prop_oneof![6 => Just(Role::SelfRating), 1 => Just(Role::Peer), 1 => Just(Role::Supervisor), 1 => Just(Role::Subordinate)],
        prop_oneof![Just(None), Just(Some("S1")), Just(Some("S2")), Just(Some("S3"))],
        prop_oneof![Just(None), Just(Some("科员")), Just(Some("主任科员"))],
        proptest::array::uniform6(answer),
    )
        .prop_map(|(dept, role, session, grade, answers)| Person {
            name: String::new(),
            dept: Some(dept.to_string()),
            role,
            rater: None,
            session: session.map(str::to_string),
            grade: grade.map(str::to_string),
            taken_at: "2026-11-28T09:30:00+08:00".to_string(),
            answers,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// From the JSON of every report of a data set, and of every pair of
    /// reports under two groupings, no difference of shown figures
    /// isolates 1 to min-group − 1 results, for any statistic.
    #[test]
    fn no_difference_of_shown_figures_isolates_too_few(
        mut people in proptest::collection::vec(person_strategy(), 1..40),
        m in 3usize..=6,
    ) {
        for (i, p) in people.iter_mut().enumerate() {
            p.name = format!("p{i}");
        }
        let reports: Vec<Value> = by_all().iter().map(|by| report(&people, Some(by.clone()), m)).collect();
        for r in &reports {
            check_total_minus_shown(r, m).map_err(TestCaseError::fail)?;
        }
        for a in &reports {
            for b in &reports {
                if !std::ptr::eq(a, b) {
                    check_nested(&people, a, b, m).map_err(TestCaseError::fail)?;
                }
            }
        }
    }
}

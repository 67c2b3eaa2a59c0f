//! The comparison on a hand-made before/after set, every figure computed
//! by hand in the comments.

use super::*;
use crate::norms::{DimensionNorm, Level, NormsRubric, SectionNorm};
use crate::response::Response;
use crate::result::{Rater, Subject};
use crate::rubric::Loaded;
use crate::score;
use crate::testing;

/// A self-assessment on the mini rubric (items a, b reverse-keyed, c) with
/// these adjusted values: the score is (mean − 1) / 4 × 100.
fn result(l: &Loaded, name: &str, dept: &str, adjusted: [i64; 3], at: &str) -> ResultDoc {
    let [a, b, c] = adjusted;
    let resp = Response {
        subject: Subject { name: name.to_string(), department: Some(dept.to_string()), ..Default::default() },
        rater: Rater { role: Role::SelfRating, name: None },
        session: None,
        taken_at: Some(at.to_string()),
        answers: [("a", a), ("b", 6 - b), ("c", c)].iter().map(|(k, v)| (k.to_string(), Some(*v))).collect(),
        seconds: None,
    };
    let opts = score::Options { lang: "en".to_string(), ..score::Options::default() };
    score::score(l, &resp, &opts, format!("id-{name}-{at}"), at)
}

const SPRING: &str = "2026-03-01T09:00:00+08:00";
const EARLIER: &str = "2026-02-01T09:00:00+08:00";
const AUTUMN: &str = "2026-10-01T09:00:00+08:00";

/// Before: P1 (twice: the earlier result 0, the latest 25), P2 50, P3 25,
/// P4 100, P5 0, and P6, P7 only before. After: P1 75, P2 50, P3 50, P4 50,
/// P5 100, and P8 only after; and one rating by a peer (another role).
fn set(l: &Loaded) -> (Vec<ResultDoc>, Vec<ResultDoc>) {
    let before = vec![
        result(l, "P1", "A", [1, 1, 1], EARLIER),
        result(l, "P1", "A", [2, 2, 2], SPRING),
        result(l, "P2", "A", [3, 3, 3], SPRING),
        result(l, "P3", "B", [2, 1, 3], SPRING),
        result(l, "P4", "B", [5, 5, 5], SPRING),
        result(l, "P5", "C", [1, 1, 1], SPRING),
        result(l, "P6", "A", [5, 5, 5], SPRING),
        result(l, "P7", "A", [3, 3, 3], SPRING),
    ];
    let mut peer = result(l, "P2", "A", [1, 1, 1], AUTUMN);
    peer.rater.role = Role::Peer;
    let after = vec![
        result(l, "P1", "A", [4, 4, 4], AUTUMN),
        result(l, "P2", "A", [3, 3, 3], AUTUMN),
        result(l, "P3", "B", [3, 3, 3], AUTUMN),
        result(l, "P4", "B", [3, 3, 3], AUTUMN),
        result(l, "P5", "C", [5, 5, 5], AUTUMN),
        result(l, "P8", "A", [2, 2, 2], AUTUMN),
        peer,
    ];
    (before, after)
}

fn opts<'a>(by: Option<&str>, norms: Option<&'a NormsDoc>) -> Options<'a> {
    Options {
        before_label: "2026春".into(),
        after_label: "2026秋".into(),
        role: Role::SelfRating,
        min_group: 2,
        by: by.map(str::to_string),
        norms,
        flags: FlagFilter::Keep,
        lang: "en",
    }
}

/// Norms with sd 20 and alpha 0.75 everywhere: sem 20 · √0.25 = 10.
fn norms() -> NormsDoc {
    NormsDoc {
        schema: crate::norms::SCHEMA.into(),
        name: None,
        created_at: String::new(),
        rubric: NormsRubric { id: "mini".into(), version: "1".into(), sha256: String::new() },
        role: Role::SelfRating,
        n: 30,
        overall: Level { n: 30, mean: Some(50.0), sd: Some(20.0), values: vec![] },
        sections: vec![SectionNorm { id: "s".into(), n: 30, mean: Some(50.0), sd: Some(20.0), values: vec![] }],
        dimensions: vec![DimensionNorm {
            id: "d".into(),
            section: "s".into(),
            n: 30,
            mean: Some(50.0),
            sd: Some(20.0),
            alpha: Some(0.75),
            alpha_n: 30,
            sem: Some(10.0),
            values: vec![],
        }],
    }
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[test]
fn pairs_people_and_works_out_every_figure_with_the_before_groups_sem() {
    let l = testing::mini();
    let (before, after) = set(&l);
    let built = build(&before, &after, Some(&l.rubric), &opts(None, None)).unwrap();
    let d = &built.doc;
    // Before: P1…P7 (P1 once, its latest); after: P1…P5, P8 (the peer's
    // rating is another role).
    assert_eq!((d.before.n, d.after.n, d.paired, d.only_before, d.only_after), (7, 6, 5, 2, 1));
    assert_eq!((built.earlier, built.other_roles, built.flagged_left_out), (1, 1, 0));
    assert_eq!(d.before.label, "2026春");
    assert_eq!(d.sem_from, SemFrom::Before);
    assert_eq!(d.groups.len(), 1);
    let g = &d.groups[0];
    assert_eq!((g.withheld, g.n), (false, Some(5)));
    // One section of one dimension: the three levels are the same scores.
    let levels = [g.overall.as_ref().unwrap(), &g.sections[0].change, &g.dimensions[0].change];
    for c in levels {
        // Before [25, 50, 25, 100, 0]: mean 200/5 = 40 (P1's earlier 0
        // would make it 35). After [75, 50, 50, 50, 100]: mean 65.
        assert_eq!(c.n, 5);
        assert!(close(c.before_mean, 40.0), "{c:?}");
        assert!(close(c.after_mean, 65.0), "{c:?}");
        // Changes [50, 0, 25, −50, 100]: mean 125/5 = 25; deviations 25,
        // −25, 0, −75, 75: squares sum 12500, /4 = 3125, sd = 25√5.
        assert!(close(c.mean_change, 25.0));
        assert!(close(c.sd_change, 25.0 * 5f64.sqrt()));
        // d_z = 25 / (25√5) = 1/√5.
        assert!(close(c.d_z, 1.0 / 5f64.sqrt()));
        // The BEFORE group's own sem. Adjusted values a [2,3,2,5,1],
        // b [2,3,1,5,1], c [2,3,3,5,1]: variances 2.3, 2.8, 2.2 (sum 7.3);
        // totals [6,9,6,15,3], variance 20.7; α = 3/2 · (1 − 7.3/20.7),
        // so 1 − α = 0.6/20.7. Before sd² = 5750/4 = 1437.5; sem² =
        // 1437.5 · 0.6/20.7 = 125/3, sem = 6.45497…
        assert!(close(c.sem, (125.0f64 / 3.0).sqrt()), "{c:?}");
        // RCI = change / (√2 · 6.455) = change / 9.1287: 5.48, 0, 2.74,
        // −5.48, 10.95: improved 3, declined 1, unchanged 1.
        assert_eq!((c.improved, c.declined, c.unchanged), (Some(3), Some(1), Some(1)));
        assert_eq!(c.withheld, None);
    }
    assert_eq!(g.dimensions[0].section, "s");
}

#[test]
fn the_norms_sem_and_the_withheld_subgroups() {
    let l = testing::mini();
    let (before, after) = set(&l);
    let n = norms();
    let built = build(&before, &after, Some(&l.rubric), &opts(Some("department"), Some(&n))).unwrap();
    let d = &built.doc;
    assert_eq!(d.sem_from, SemFrom::Norms);
    let everyone = d.groups[0].overall.as_ref().unwrap();
    // Overall: the norms' sd 20 and the mean alpha 0.75 of its one
    // dimension: sem 10; RCI = change / 14.142: 3.54, 0, 1.77, −3.54, 7.07.
    assert!(close(everyone.sem, 10.0));
    assert_eq!((everyone.improved, everyone.declined, everyone.unchanged), (Some(2), Some(1), Some(2)));
    assert!(close(d.groups[0].dimensions[0].change.sem, 10.0));
    // Pairs by department: A {P1, P2}, B {P3, P4}, C {P5}. With the floor
    // 2, C is withheld as too few; the withheld then hold 1 pair, which the
    // total minus A and B would give away: the smallest shown goes too (A
    // and B tie at 2: the later, B).
    let keys: Vec<(Option<String>, bool, Option<Withheld>)> = d.groups[1..]
        .iter()
        .map(|g| (g.key.as_ref().unwrap()["department"].clone(), g.withheld, g.withheld_reason))
        .collect();
    assert_eq!(
        keys,
        vec![
            (Some("A".into()), false, None),
            (Some("B".into()), true, Some(Withheld::Complementary)),
            (Some("C".into()), true, Some(Withheld::TooFew)),
        ]
    );
    // Nothing of a withheld group shows.
    for g in &d.groups[2..] {
        assert_eq!((g.n, &g.overall, g.sections.len(), g.dimensions.len()), (None, &None, 0, 0));
    }
    // A: before [25, 50] mean 37.5, after [75, 50] mean 62.5, changes
    // [50, 0]: mean 25, sd √((25² + 25²)/1) = 25√2, d_z = 1/√2; RCI 3.54
    // and 0: improved 1, unchanged 1.
    let a = d.groups[1].overall.as_ref().unwrap();
    assert_eq!(a.n, 2);
    assert!(close(a.before_mean, 37.5) && close(a.after_mean, 62.5) && close(a.mean_change, 25.0));
    assert!(close(a.sd_change, 25.0 * 2f64.sqrt()));
    assert!(close(a.d_z, 1.0 / 2f64.sqrt()));
    assert_eq!((a.improved, a.declined, a.unchanged), (Some(1), Some(0), Some(1)));
    // The JSON of a withheld group holds its key and reason alone.
    let json = serde_json::to_value(&d.groups[3]).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"key": {"department": "C"}, "withheld": true, "withheld_reason": "too_few",
            "n": null, "overall": null, "sections": [], "dimensions": []})
    );
}

#[test]
fn without_a_sem_nothing_is_called_reliable() {
    // Department A alone, the BEFORE group's own sem: P1 (2,2,2) and P2
    // (3,3,3) answer each item alike, so α = 1 and sem = 0: no RCI.
    let l = testing::mini();
    let (before, after) = set(&l);
    let built = build(&before, &after, Some(&l.rubric), &opts(Some("department"), None)).unwrap();
    let a = built.doc.groups[1].overall.as_ref().unwrap();
    assert_eq!(a.sem, None);
    assert_eq!((a.improved, a.declined, a.unchanged), (None, None, None));
    assert!(close(a.mean_change, 25.0));
}

#[test]
fn change_by_hand_with_a_given_sem() {
    // sem 5: √2 · 5 = 7.071; RCI of 14 is 1.98 (improved), of 13.8 is 1.95
    // (not), of −14 is −1.98 (declined).
    let c = change(&[(50.0, 64.0), (50.0, 63.8), (60.0, 46.0)], Some(5.0), 1);
    assert_eq!((c.improved, c.declined, c.unchanged), (Some(1), Some(1), Some(1)));
    // One pair: no sd, no d_z.
    let one = change(&[(50.0, 60.0)], Some(5.0), 1);
    assert_eq!((one.sd_change, one.d_z), (None, None));
    // Every change the same: sd 0, no d_z.
    let same = change(&[(50.0, 60.0), (40.0, 50.0)], None, 1);
    assert_eq!((same.sd_change, same.d_z), (Some(0.0), None));
    // Fewer pairs with both scores than the floor: withheld on its own.
    let few = change(&[(50.0, 60.0)], Some(5.0), 3);
    assert_eq!((few.n, few.withheld, few.mean_change, few.improved), (1, Some(Withheld::TooFew), None, None));
}

#[test]
fn a_mix_of_rubrics_is_refused_naming_it() {
    let l = testing::mini();
    let (before, mut after) = set(&l);
    after[0].rubric.version = "2".into();
    match build(&before, &after, Some(&l.rubric), &opts(None, None)) {
        Err(Problem::MixedRubrics(list)) => {
            assert_eq!(list, vec![("mini".into(), "1".into(), 14), ("mini".into(), "2".into(), 1)]);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn flagged_results_are_left_out_when_asked() {
    let l = testing::mini();
    let (mut before, after) = set(&l);
    before[2].quality.flags = vec!["straight_line".into()];
    let mut o = opts(None, None);
    o.flags = FlagFilter::AnyFlag;
    let built = build(&before, &after, Some(&l.rubric), &o).unwrap();
    // P2 before left out: P2 is no longer paired.
    assert_eq!((built.flagged_left_out, built.doc.paired, built.doc.only_after), (1, 4, 2));
}

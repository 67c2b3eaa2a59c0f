//! Norms on hand-computed values, and their properties.

use super::*;
use crate::response::Response;
use crate::result::{Previous, Rater, Subject};
use crate::rubric::Loaded;
use crate::score::{self, Options};
use crate::testing;

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

/// A result of the grouped rubric: every item `v` (so d1's reverse item b
/// lowers d1), at `taken_at`.
fn result(l: &Loaded, name: &str, role: Role, v: [i64; 6], taken_at: &str) -> ResultDoc {
    let keys = ["a", "b", "c", "e", "f", "h"];
    let resp = Response {
        subject: Subject { name: name.to_string(), department: Some("秘书处".into()), ..Default::default() },
        rater: Rater { role, name: None },
        session: None,
        taken_at: Some(taken_at.to_string()),
        answers: keys.iter().zip(v).map(|(k, v)| (k.to_string(), Some(v))).collect(),
        seconds: None,
    };
    let opts = Options { lang: "en".to_string(), ..Options::default() };
    score::score(l, &resp, &opts, format!("id-{name}-{taken_at}"), taken_at)
}

const T: &str = "2026-11-28T09:30:00+08:00";

fn opts(min_n: usize) -> BuildOptions {
    BuildOptions { role: Role::SelfRating, name: Some("测试".into()), min_n, now: "2026-12-01T00:00:00Z".into() }
}

#[test]
fn percentile_counts_below_and_half_the_ties() {
    // 10 people: 40 ×2, 50 ×3, 60 ×4, 80 ×1.
    let v = [(40.0, 2), (50.0, 3), (60.0, 4), (80.0, 1)];
    assert!(close(percentile(&v, 10, 50.0), 35.0)); // (2 + 1.5) / 10
    assert!(close(percentile(&v, 10, 55.0), 50.0)); // 5 below, none equal
    assert!(close(percentile(&v, 10, 40.0), 10.0)); // 0 + 1
    assert!(close(percentile(&v, 10, 30.0), 0.0));
    assert!(close(percentile(&v, 10, 80.0), 95.0)); // 9 + 0.5
    assert!(close(percentile(&v, 10, 90.0), 100.0));
    assert_eq!(percentile(&v, 0, 50.0), None);
}

#[test]
fn band_is_clamped_to_the_scale() {
    assert_eq!(band(50.0, 5.0), [40.2, 59.8]);
    assert_eq!(band(5.0, 5.0), [0.0, 14.8]);
    assert_eq!(band(98.0, 5.0), [88.2, 100.0]);
    assert_eq!(band(70.0, 0.0), [70.0, 70.0]);
}

#[test]
fn sem_needs_a_nonnegative_alpha() {
    // 10 · √(1 − 0.75) = 5.
    assert!(close(sem(Some(10.0), Some(0.75)), 5.0));
    assert!(close(sem(Some(10.0), Some(0.0)), 10.0));
    assert!(close(sem(Some(10.0), Some(1.0)), 0.0));
    assert_eq!(sem(Some(10.0), Some(-0.2)), None);
    assert_eq!(sem(None, Some(0.8)), None);
    assert_eq!(sem(Some(10.0), None), None);
}

#[test]
fn rci_and_reliable_change() {
    // 10 / (√2 · 5) = 1.41…: within error; 20 / (√2 · 5) = 2.83: beyond.
    let r = rci(10.0, Some(5.0)).unwrap();
    assert!((r - 10.0 / (2f64.sqrt() * 5.0)).abs() < 1e-12);
    assert!(!reliable(r));
    assert!(reliable(rci(20.0, Some(5.0)).unwrap()));
    assert!(reliable(rci(-20.0, Some(5.0)).unwrap()));
    assert_eq!(rci(10.0, Some(0.0)), None);
    assert_eq!(rci(10.0, None), None);
}

/// 30 people of the grouped rubric, answers varied so that every dimension
/// has spread; plus an earlier result of person 0 and a supervisor's rating.
fn people(l: &Loaded, n: usize) -> Vec<ResultDoc> {
    let mut out = Vec::new();
    for i in 0..n {
        let v = |k: usize| 1 + ((i + k * (i / 5)) % 5) as i64;
        out.push(result(l, &format!("p{i}"), Role::SelfRating, [v(0), 6 - v(0), v(1), v(2), v(2), v(3)], T));
    }
    // Person 0 earlier, all 1s: left out, the later one counts.
    out.push(result(l, "p0", Role::SelfRating, [1, 5, 1, 1, 1, 1], "2026-01-01T09:00:00+08:00"));
    // A supervisor's rating: another role, left out.
    out.push(result(l, "p1", Role::Supervisor, [5, 1, 5, 5, 5, 5], T));
    out
}

#[test]
fn build_takes_each_persons_latest_of_the_role_and_agrees_with_the_group() {
    let l = testing::grouped();
    let rs = people(&l, 30);
    let b = build(&rs, Some(&l.rubric), &opts(30)).unwrap();
    assert_eq!((b.other_roles, b.earlier), (1, 1));
    let doc = b.doc;
    assert_eq!(doc.schema, SCHEMA);
    assert_eq!(doc.n, 30);
    assert_eq!(doc.overall.n, 30);
    assert_eq!(doc.overall.values.iter().map(|v| v.1).sum::<usize>(), 30);
    assert_eq!(
        (doc.rubric.id.as_str(), doc.rubric.version.as_str(), doc.rubric.sha256.as_str()),
        ("t", "1.0.0", rs[0].rubric.sha256.as_str())
    );
    // The same figures as a group report of the same 30 results.
    let mut g = Builder::new(&rs[0], Some(&l.rubric), "en", None, false);
    for r in &rs[..30] {
        g.add(r);
    }
    let g = g.finish(1, 0);
    let e = &g.groups[0];
    assert_eq!(doc.overall.mean, e.overall.as_ref().unwrap().mean);
    for (d, gd) in doc.dimensions.iter().zip(&e.dimensions) {
        assert_eq!(
            (d.n, d.mean, d.sd, d.alpha, d.alpha_n),
            (gd.stats.n, gd.stats.mean, gd.stats.sd, gd.alpha, gd.alpha_n)
        );
        assert_eq!(d.sem, sem(d.sd, d.alpha));
        // d3 has one item: no alpha, no sem.
        if d.id == "d3" {
            assert_eq!((d.alpha, d.sem), (None, None));
        }
    }
    // Values are ascending, distinct, and their counts add up to n.
    for d in &doc.dimensions {
        assert!(d.values.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(d.values.iter().map(|v| v.1).sum::<usize>(), d.n);
    }
    // Nothing of anyone: no names or ids in the document.
    let json = serde_json::to_string(&doc).unwrap();
    assert!(!json.contains("p0") && !json.contains("id-") && !json.contains("秘书处"));
}

#[test]
fn build_refuses_fewer_than_min_n_people() {
    let l = testing::grouped();
    // 29 people (p0 twice, one supervisor): refused at 30.
    let rs = people(&l, 29);
    assert_eq!(build(&rs, Some(&l.rubric), &opts(30)), Err(Problem::NormsTooFew { n: 29, min: 30 }));
    // Exactly at the floor: made.
    assert_eq!(build(&rs, Some(&l.rubric), &opts(29)).unwrap().doc.n, 29);
}

#[test]
fn build_refuses_a_mix_of_rubrics() {
    let l = testing::grouped();
    let mut rs = people(&l, 30);
    rs[3].rubric.version = "2.0.0".into();
    match build(&rs, Some(&l.rubric), &opts(1)) {
        Err(Problem::MixedRubrics(list)) => assert_eq!(list.len(), 2),
        other => panic!("{other:?}"),
    }
    // Without a rubric: the first result's; no alpha then.
    let b = build(&people(&l, 30), None, &opts(30)).unwrap();
    assert!(b.doc.dimensions.iter().all(|d| d.alpha.is_none() && d.sem.is_none()));
    assert_eq!(b.doc.n, 30);
}

/// Hand-made norms for the grouped rubric: every level 10 people.
fn hand_norms() -> NormsDoc {
    let values = vec![(25.0, 2), (50.0, 4), (75.0, 4)];
    let dim = |id: &str, section: &str, sem: Option<f64>| DimensionNorm {
        id: id.into(),
        section: section.into(),
        n: 10,
        mean: Some(55.0),
        sd: Some(10.0),
        alpha: Some(0.75),
        alpha_n: 10,
        sem,
        values: values.clone(),
    };
    let sec = |id: &str| SectionNorm { id: id.into(), n: 10, mean: Some(55.0), sd: Some(10.0), values: values.clone() };
    NormsDoc {
        schema: SCHEMA.into(),
        name: None,
        created_at: T.into(),
        rubric: NormsRubric { id: "t".into(), version: "1.0.0".into(), sha256: String::new() },
        role: Role::SelfRating,
        n: 10,
        overall: Level { n: 10, mean: Some(55.0), sd: Some(10.0), values: values.clone() },
        sections: vec![sec("s1"), sec("s2")],
        dimensions: vec![dim("d1", "s1", Some(5.0)), dim("d2", "s1", Some(0.0)), dim("d3", "s2", None)],
    }
}

#[test]
fn apply_fills_percentiles_bands_sems_and_reliable_change() {
    let l = testing::grouped();
    // Every dimension 50 (items 3, the reverse one 3).
    let mut now = result(&l, "x", Role::SelfRating, [3, 3, 3, 3, 3, 3], T);
    let before = result(&l, "x", Role::SelfRating, [1, 5, 1, 4, 4, 3], "2026-01-01T09:00:00+08:00");
    now.link_previous(Some(before));
    apply(&mut now, &hand_norms()).unwrap();
    // 50 among 25 ×2, 50 ×4, 75 ×4: (2 + 2) / 10 = 40.
    assert!(close(now.overall.percentile, 40.0));
    assert!(now.sections.iter().all(|s| close(s.percentile, 40.0)));
    let d: Vec<_> = now.dimensions().map(|(_, d)| d.clone()).collect();
    assert!(d.iter().all(|d| close(d.percentile, 40.0)));
    assert_eq!((d[0].sem, d[0].band), (Some(5.0), Some([40.2, 59.8])));
    assert_eq!((d[1].sem, d[1].band), (Some(0.0), Some([50.0, 50.0])));
    assert_eq!((d[2].sem, d[2].band), (None, None));
    let p = now.previous.as_ref().unwrap();
    // d1: 50 − 0 = 50, rci 50 / (√2 · 5) = 7.07: reliable. d2: 50 − 75,
    // sem 0: null. d3: 50 − 50 = 0, no sem: null.
    assert_eq!(p.dimensions.iter().map(|c| c.delta).collect::<Vec<_>>(), [Some(50.0), Some(-25.0), Some(0.0)]);
    assert!(close(p.dimensions[0].rci.unwrap(), 50.0 / (2f64.sqrt() * 5.0)));
    assert_eq!(p.dimensions[0].reliable, Some(Some(true)));
    assert_eq!((p.dimensions[1].rci, p.dimensions[1].reliable), (Some(None), Some(None)));
    assert_eq!((p.dimensions[2].rci, p.dimensions[2].reliable), (Some(None), Some(None)));
    // In JSON: the fields are there, rci as null where null.
    let json = serde_json::to_value(&now).unwrap();
    assert_eq!(json["previous"]["dimensions"][1]["rci"], serde_json::Value::Null);
    assert!(json["previous"]["dimensions"][1].get("rci").is_some());
    assert_eq!(json["sections"][0]["dimensions"][0]["band"], serde_json::json!([40.2, 59.8]));
}

#[test]
fn apply_refuses_norms_of_another_rubric_version() {
    let l = testing::grouped();
    let mut r = result(&l, "x", Role::SelfRating, [3, 3, 3, 3, 3, 3], T);
    let mut n = hand_norms();
    n.rubric.version = "2.0.0".into();
    let before = r.clone();
    assert_eq!(
        apply(&mut r, &n),
        Err(Problem::NormsMismatch { norms: ("t".into(), "2.0.0".into()), results: ("t".into(), "1.0.0".into()) })
    );
    assert_eq!(r, before);
}

#[test]
fn previous_deltas_without_norms() {
    let l = testing::grouped();
    let mut now = result(&l, "x", Role::SelfRating, [3, 3, 3, 3, 3, 3], T);
    let mut before = result(&l, "x", Role::SelfRating, [1, 5, 1, 4, 4, 3], "2026-01-01T09:00:00+08:00");
    before.sections[1].dimensions[0].score = None;
    now.link_previous(Some(before));
    let p: &Previous = now.previous.as_ref().unwrap();
    assert_eq!(p.dimensions.iter().map(|c| c.delta).collect::<Vec<_>>(), [Some(50.0), Some(-25.0), None]);
    assert!(p.dimensions.iter().all(|c| c.rci.is_none() && c.reliable.is_none()));
    let json = serde_json::to_value(&now).unwrap();
    assert!(json["previous"]["dimensions"][0].get("rci").is_none());
}

#[test]
fn norms_round_trip_and_refuse_unknown_fields() {
    let n = hand_norms();
    let text = serde_json::to_string(&n).unwrap();
    assert!(text.contains("\"values\":[[25.0,2],[50.0,4],[75.0,4]]"));
    assert_eq!(serde_json::from_str::<NormsDoc>(&text).unwrap(), n);
    let extra = text.replacen("{\"schema\"", "{\"x\":1,\"schema\"", 1);
    assert!(serde_json::from_str::<NormsDoc>(&extra).is_err());
}

mod properties {
    use proptest::prelude::*;

    use super::super::*;

    fn values() -> impl Strategy<Value = Vec<(f64, usize)>> {
        proptest::collection::btree_map(0u32..=400, 1usize..20, 1..30)
            .prop_map(|m| m.into_iter().map(|(v, c)| (f64::from(v) / 4.0, c)).collect())
    }

    proptest! {
        #[test]
        fn percentile_is_monotone_in_the_score(v in values(), a in 0.0f64..=100.0, b in 0.0f64..=100.0) {
            let n = v.iter().map(|x| x.1).sum();
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            let (p, q) = (percentile(&v, n, lo).unwrap(), percentile(&v, n, hi).unwrap());
            prop_assert!(p <= q);
            prop_assert!((0.0..=100.0).contains(&p) && (0.0..=100.0).contains(&q));
        }

        #[test]
        fn band_contains_the_score(x in 0.0f64..=100.0, s in 0.0f64..50.0) {
            let [lo, hi] = band(x, s);
            prop_assert!(lo <= x && x <= hi);
            prop_assert!(lo >= 0.0 && hi <= 100.0);
        }

        #[test]
        fn rci_changes_sign_with_the_change(d in -100.0f64..100.0, s in 0.01f64..50.0) {
            let (up, down) = (rci(d, Some(s)).unwrap(), rci(-d, Some(s)).unwrap());
            prop_assert_eq!(up, -down);
            prop_assert_eq!(reliable(up), reliable(down));
            prop_assert!(d == 0.0 || up.signum() == d.signum());
        }
    }
}

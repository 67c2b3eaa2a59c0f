//! Item analysis (SPEC §14, `group --items`) on hand-computed data, and
//! against R psych's `alpha()` definitions on a second matrix.

use super::super::items::ItemsAcc;
use super::super::kept::{Kept, Shared};
use super::super::layout::{Keying, Layout};
use super::*;

fn near(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

fn items_build(results: &[ResultDoc], by: Option<By>, min_group: usize) -> GroupDoc {
    let l = testing::grouped();
    let mut b = Builder::new(&results[0], Some(&l.rubric), "en", by, false).items(true);
    for r in results {
        b.add(r);
    }
    b.finish(min_group, 1)
}

/// d1 of the `grouped` rubric: a, b (reverse-keyed), c. Adjusted values of
/// the first five (b's raw answer is 6 − adjusted):
///
/// ```text
///        a  b(adj) b(raw) c
///   p1   3  4      2      3
///   p2   2  3      3      4
///   p3   4  4      2      5
///   p4   3  2      4      3
///   p5   4  4      2      4
///   p6   5  5      1      –   (c skipped: not in the complete sample)
/// ```
fn six(l: &Loaded) -> Vec<ResultDoc> {
    let rows = [(3, 2, Some(3)), (2, 3, Some(4)), (4, 2, Some(5)), (3, 4, Some(3)), (4, 2, Some(4)), (5, 1, None)];
    rows.iter()
        .enumerate()
        .map(|(i, &(a, b, c))| {
            result(l, &format!("p{}", i + 1), None, Role::SelfRating, &[("a", Some(a)), ("b", Some(b)), ("c", c)])
        })
        .collect()
}

#[test]
fn item_figures_by_hand() {
    let l = testing::grouped();
    let doc = items_build(&six(&l), None, 1);
    let items = doc.groups[0].items.as_ref().expect("items with --items");
    let ids: Vec<(&str, &str)> = items.iter().map(|i| (i.id.as_str(), i.dimension.as_str())).collect();
    assert_eq!(ids, [("a", "d1"), ("b", "d1"), ("c", "d1"), ("e", "d2"), ("f", "d2"), ("h", "d3")]);
    let [a, b, c] = [&items[0], &items[1], &items[2]];

    // Counts are of the raw answers, every scale point listed.
    let counts = |i: &ItemStats| i.counts.as_ref().unwrap().0.clone();
    assert_eq!(counts(a), [(1, 0), (2, 1), (3, 2), (4, 2), (5, 1)]);
    assert_eq!(counts(b), [(1, 1), (2, 3), (3, 1), (4, 1), (5, 0)], "raw, not reversed");
    assert_eq!(counts(c), [(1, 0), (2, 0), (3, 2), (4, 2), (5, 1)]);
    assert_eq!((a.n, b.n, c.n), (Some(6), Some(6), Some(5)), "the skipped answer is not counted");

    // a: 3 2 4 3 4 5, mean 21/6 = 3.5; deviations −.5 −1.5 .5 −.5 .5 1.5,
    // Σ² = 5.5, var 5.5/5 = 1.1.
    assert!(near(a.mean, 3.5) && near(a.sd, 1.1f64.sqrt()));
    // b adjusted: 4 3 4 2 4 5, mean 22/6; Σ(x − 11/3)² = 48/9, var 48/45.
    assert!(near(b.mean, 22.0 / 6.0) && near(b.sd, (48.0f64 / 45.0).sqrt()));
    // c: 3 4 5 3 4, mean 3.8; Σ² = 2.8, var 0.7.
    assert!(near(c.mean, 3.8) && near(c.sd, 0.7f64.sqrt()));
    // Floor: adjusted 1; ceiling: adjusted 5 (b's raw 1).
    assert!(near(a.floor, 0.0) && near(a.ceiling, 1.0 / 6.0));
    assert!(near(b.floor, 0.0) && near(b.ceiling, 1.0 / 6.0));
    assert!(near(c.floor, 0.0) && near(c.ceiling, 0.2));

    // The complete sample: p1..p5 (the alpha of d1: 0.7325…).
    assert_eq!(doc.groups[0].dimensions[0].alpha_n, 5);
    // a with R = b + c = 7 7 9 5 8: Σdx·dR = 2.8, Σdx² = 2.8, ΣdR² = 8.8:
    // r = 2.8/√(2.8·8.8) = 0.5640760748…
    assert!(near(a.r_drop, 2.8 / (2.8f64 * 8.8).sqrt()), "{:?}", a.r_drop);
    // Without a: var b .8 + var c .7 = 1.5, var(b + c) = 2.2: α = 2·(1 − 1.5/2.2) = 7/11.
    assert!(near(a.alpha_drop, 7.0 / 11.0), "{:?}", a.alpha_drop);
    // b with R = a + c = 6 6 9 6 8: Σdx·dR = 3, Σdx² = 3.2, ΣdR² = 8: r = 3/√25.6.
    assert!(near(b.r_drop, 3.0 / 25.6f64.sqrt()));
    // Without b: var a .7 + var c .7 = 1.4, var(a + c) = 2: α = 2·(1 − 0.7) = 0.6.
    assert!(near(b.alpha_drop, 0.6));
    // c with R = a + b = 7 5 8 5 8: Σdx·dR = 2.6, Σdx² = 2.8, ΣdR² = 9.2.
    assert!(near(c.r_drop, 2.6 / (2.8f64 * 9.2).sqrt()));
    // Without c: 1.5 over var(a + b) = 2.3: α = 2·(0.8/2.3) = 16/23.
    assert!(near(c.alpha_drop, 16.0 / 23.0));
    assert!(items[..3].iter().all(|i| !i.weak() && i.shown()));

    // d2 (two items) and d3 (one item) nobody answered: n 0, nothing else.
    let e = &items[3];
    assert_eq!((e.n, e.mean, e.sd, e.floor, e.r_drop, e.alpha_drop), (Some(0), None, None, None, None, None));
}

#[test]
fn without_items_the_field_is_absent() {
    let l = testing::grouped();
    let rs = six(&l);
    let mut b = Builder::new(&rs[0], Some(&l.rubric), "en", None, false);
    for r in &rs {
        b.add(r);
    }
    let doc = b.finish(1, 1);
    assert_eq!(doc.groups[0].items, None);
    let json = serde_json::to_value(&doc).unwrap();
    assert!(json["groups"][0].get("items").is_none(), "no `items` key without --items");
    // Without a rubric there is nothing to key the items by: no items.
    let mut b = Builder::new(&rs[0], None, "en", None, false).items(true);
    assert!(!b.can_analyse_items());
    for r in &rs {
        b.add(r);
    }
    assert_eq!(b.finish(1, 1).groups[0].items, None);
}

#[test]
fn a_dimension_of_two_items_has_r_drop_but_no_alpha_drop() {
    let l = testing::grouped();
    // e, f: (1,2) (2,2) (3,5): for e, R = f: r(e, f) = Σdx·dy/√(Σdx²·Σdy²)
    // with dx −1 0 1, dy −1 −1 2: 3/√(2·6).
    let rs: Vec<ResultDoc> = [(1, 2), (2, 2), (3, 5)]
        .iter()
        .enumerate()
        .map(|(i, &(e, f))| result(&l, &format!("q{i}"), None, Role::SelfRating, &[("e", Some(e)), ("f", Some(f))]))
        .collect();
    let doc = items_build(&rs, None, 1);
    let e = &doc.groups[0].items.as_ref().unwrap()[3];
    assert_eq!(e.id, "e");
    assert!(near(e.r_drop, 3.0 / 12.0f64.sqrt()));
    assert_eq!(e.alpha_drop, None, "fewer than 3 items");
    // e: 1 2 3, floor 1/3; f: ceiling 1/3.
    assert!(near(e.floor, 1.0 / 3.0));
}

#[test]
fn r_drop_needs_three_complete_respondents() {
    let l = testing::grouped();
    let rs = six(&l);
    // p1, p2 complete, p6 not: 2 complete respondents.
    let doc = items_build(&[rs[0].clone(), rs[1].clone(), rs[5].clone()], None, 1);
    let a = &doc.groups[0].items.as_ref().unwrap()[0];
    assert_eq!(a.r_drop, None);
    assert_eq!(a.n, Some(3));
}

#[test]
fn items_are_withheld_below_the_floor_and_withheld_groups_have_none() {
    let l = testing::grouped();
    let rs = six(&l);
    // Everyone: 6 ≥ 5; c has 5 answers (shown), but with a floor of 6 c is withheld.
    let doc = items_build(&rs, None, 6);
    let items = doc.groups[0].items.as_ref().unwrap();
    let c = &items[2];
    assert_eq!(c.withheld, Some(Withheld::TooFew));
    assert_eq!((c.n, c.counts.is_none(), c.mean, c.sd), (None, true, None, None));
    assert_eq!((c.floor, c.ceiling, c.r_drop, c.alpha_drop), (None, None, None, None));
    assert_eq!(items[0].n, Some(6), "a has 6 answers: shown");
    // The complete sample has 5, below the floor: no r_drop, no alpha_drop.
    assert_eq!((items[0].r_drop, items[0].alpha_drop), (None, None));
    let json = serde_json::to_value(c).unwrap();
    assert_eq!(json["withheld"], "too_few");
    assert!(json["counts"].is_null());

    // Two departments of 3: both withheld (too few), and have no items.
    let mut rs = rs;
    for (i, r) in rs.iter_mut().enumerate() {
        r.subject.department = Some(if i < 3 { "x" } else { "y" }.to_string());
    }
    let doc = items_build(&rs, Some(By::Department), 5);
    assert_eq!(doc.groups.len(), 3);
    assert!(doc.groups[0].items.is_some(), "everyone is shown");
    for g in &doc.groups[1..] {
        assert!(g.withheld);
        assert_eq!(g.items, None);
        assert!(serde_json::to_value(g).unwrap().get("items").is_none());
    }
}

#[test]
fn r_drop_and_alpha_drop_as_r_psych_defines_them() {
    // R psych `alpha()`: r.drop is cor(item, rowSums of the other items) and
    // alpha.drop$raw_alpha the raw alpha of the other items (Revelle, psych
    // manual, `alpha`). No published numbers for a small matrix were at hand,
    // so these were computed independently from those definitions, with this
    // script (Python 3, standard library only), for the matrix below:
    //
    //   from statistics import mean
    //   rows = [[4,5,3,4],[2,3,2,1],[5,4,4,5],[3,3,2,2],[4,4,5,4],[1,2,1,2],[3,4,3,3],[5,5,4,4]]
    //   def cov(x, y):
    //       mx, my = mean(x), mean(y)
    //       return sum((a-mx)*(b-my) for a, b in zip(x, y)) / (len(x)-1)
    //   def raw_alpha(cols):
    //       k = len(cols); c = [[cov(a, b) for b in cols] for a in cols]
    //       tr = sum(c[i][i] for i in range(k)); tot = sum(map(sum, c))
    //       return k/(k-1)*(1-tr/tot)
    //   cols = [list(c) for c in zip(*rows)]
    //   for i in range(len(cols)):
    //       others = [c for j, c in enumerate(cols) if j != i]
    //       r = [sum(v) for v in zip(*others)]
    //       print(i, cov(cols[i], r)/(cov(cols[i], cols[i])*cov(r, r))**0.5, raw_alpha(others))
    //
    // which printed (alpha of all four: 0.9417989417989416):
    let expected = [
        (0.9366128066481891, 0.8995363214837712),
        (0.8235321051453478, 0.9411057692307694),
        (0.8543894767762948, 0.9259776536312848),
        (0.8633779745025842, 0.9237410071942445),
    ];
    let rows = [
        [4, 5, 3, 4],
        [2, 3, 2, 1],
        [5, 4, 4, 5],
        [3, 3, 2, 2],
        [4, 4, 5, 4],
        [1, 2, 1, 2],
        [3, 4, 3, 3],
        [5, 5, 4, 4],
    ];
    let ids = ["w", "x", "y", "z"];
    let layout = Layout { dimensions: vec![("d".to_string(), 0)], ..Layout::default() };
    let keying = Keying {
        min: 1,
        max: 5,
        items: vec![ids.iter().map(|i| (i.to_string(), false)).collect()],
        spans: std::iter::once(0..4).collect(),
        total: 4,
    };
    let mut acc = ItemsAcc::new(&keying);
    let mut shared = Shared::default();
    for r in rows {
        let row = Row { alpha: r.iter().map(|&v| Some(v)).collect(), alpha_ok: vec![true], ..Row::default() };
        acc.feed(&Kept::of(row, 1, &mut shared), &keying.spans);
    }
    let stats = acc.stats(&layout, &keying, 1);
    assert_eq!(cronbach_alpha(&rows.map(|r| r.to_vec())), Some(0.9417989417989416));
    for (s, (r, a)) in stats.iter().zip(expected) {
        assert!(s.r_drop.is_some_and(|x| (x - r).abs() < 1e-12), "{}: {:?} vs {r}", s.id, s.r_drop);
        assert!(s.alpha_drop.is_some_and(|x| (x - a).abs() < 1e-12), "{}: {:?} vs {a}", s.id, s.alpha_drop);
        assert_eq!(s.n, Some(8));
    }
}

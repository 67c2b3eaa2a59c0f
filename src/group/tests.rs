//! Every statistic of the group report on hand-computed data.

use std::collections::BTreeMap;

use super::*;
use crate::response::Response;
use crate::result::{Rater, Subject};
use crate::rubric::Loaded;
use crate::score::{self, Options};
use crate::testing;

fn result(l: &Loaded, name: &str, dept: Option<&str>, role: Role, answers: &[(&str, Option<i64>)]) -> ResultDoc {
    let resp = Response {
        subject: Subject { name: name.to_string(), department: dept.map(str::to_string), ..Default::default() },
        rater: Rater { role, name: None },
        session: None,
        taken_at: Some("2026-11-28T09:30:00+08:00".to_string()),
        answers: answers.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        seconds: None,
    };
    let opts = Options { lang: "en".to_string(), ..Options::default() };
    score::score(l, &resp, &opts, format!("id-{name}"), "2026-11-28T09:30:00+08:00")
}

/// Every item answered so that every dimension scores (v − 1) / 4 × 100:
/// the reverse-keyed item gets 6 − v.
fn uniform(l: &Loaded, name: &str, dept: Option<&str>, role: Role, v: i64) -> ResultDoc {
    let a = [("a", v), ("b", 6 - v), ("c", v), ("e", v), ("f", v), ("h", v)];
    result(l, name, dept, role, &a.map(|(k, v)| (k, Some(v))))
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[test]
fn mean_sd_and_median() {
    let xs = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0];
    assert_eq!(mean(&xs), Some(5.0));
    // Σ(x − 5)² = 32; sample variance 32 / 7.
    assert!(close(sample_sd(&xs), (32.0f64 / 7.0).sqrt()));
    assert_eq!(median_sorted(&[1.0, 2.0, 3.0]), Some(2.0), "odd: the middle one");
    assert_eq!(median_sorted(&[1.0, 2.0, 3.0, 10.0]), Some(2.5), "even: the mean of the middle two");
    assert_eq!(sample_sd(&[42.0]), None, "n = 1 has no sample sd");
    assert_eq!(mean(&[]), None);
    assert_eq!(median_sorted(&[]), None);
    assert_eq!(sample_sd(&[3.0, 3.0]), Some(0.0));
}

#[test]
fn alpha_matches_a_published_example() {
    // mtcars (Henderson & Velleman 1981, R's datasets package), columns cyl,
    // gear, carb and hp of the 32 cars in data-set order. The easystats
    // `performance` package pins Cronbach's alpha of these four columns at
    // 0.09463206 (tests/testthat/test-cronbachs_alpha.R:
    // `expect_equal(cronbachs_alpha(mtcars[, c("cyl", "gear", "carb", "hp")]), 0.09463206, tol = 1e-3)`).
    let cyl = [6, 6, 4, 6, 8, 6, 8, 4, 4, 6, 6, 8, 8, 8, 8, 8, 8, 4, 4, 4, 4, 8, 8, 8, 8, 4, 4, 4, 8, 6, 8, 4];
    let gear = [4, 4, 4, 3, 3, 3, 3, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 4, 4, 4, 3, 3, 3, 3, 3, 4, 5, 5, 5, 5, 5, 4];
    let carb = [4, 4, 1, 1, 2, 1, 4, 2, 2, 4, 4, 3, 3, 3, 4, 4, 4, 1, 2, 1, 1, 2, 2, 4, 2, 1, 2, 2, 4, 6, 8, 2];
    let hp = [
        110, 110, 93, 110, 175, 105, 245, 62, 95, 123, 123, 180, 180, 180, 205, 215, 230, 66, 52, 65, 97, 150, 150,
        245, 175, 66, 91, 113, 264, 175, 335, 109,
    ];
    let rows: Vec<Vec<i64>> = (0..32).map(|i| vec![cyl[i], gear[i], carb[i], hp[i]]).collect();
    let a = cronbach_alpha(&rows).unwrap();
    assert!((a - 0.09463206).abs() < 1e-7, "{a}");
}

#[test]
fn alpha_by_hand() {
    // Three items, five respondents. Item variances 0.7, 0.8, 0.7 (sum 2.2);
    // totals 10, 9, 13, 8, 12 with variance 4.3.
    // α = 3/2 · (1 − 2.2/4.3) = 0.7325581…
    let rows = vec![vec![3, 4, 3], vec![2, 3, 4], vec![4, 4, 5], vec![3, 2, 3], vec![4, 4, 4]];
    let a = cronbach_alpha(&rows).unwrap();
    assert!((a - 1.5 * (1.0 - 2.2 / 4.3)).abs() < 1e-12, "{a}");
    assert_eq!(AlphaLabel::of(a), AlphaLabel::Acceptable);
}

#[test]
fn alpha_is_null_where_it_cannot_be_estimated() {
    assert_eq!(cronbach_alpha(&[vec![3, 3, 3], vec![3, 3, 3], vec![3, 3, 3]]), None, "zero total variance");
    assert_eq!(cronbach_alpha(&[vec![1, 5, 2]]), None, "one respondent");
    assert_eq!(cronbach_alpha(&[vec![1], vec![2], vec![5]]), None, "one item");
    assert_eq!(cronbach_alpha(&[]), None);
    let mut acc = AlphaAcc::new(2);
    acc.add(&[1, 2, 3]); // the wrong length is not counted
    assert_eq!(acc.n(), 0);
}

#[test]
fn alpha_labels_follow_george_and_mallery() {
    let cases = [
        (0.95, AlphaLabel::Excellent),
        (0.9, AlphaLabel::Excellent),
        (0.8999, AlphaLabel::Good),
        (0.8, AlphaLabel::Good),
        (0.7999999999999999, AlphaLabel::Good),
        (0.6999999999999999, AlphaLabel::Acceptable),
        (0.7999, AlphaLabel::Acceptable),
        (0.7, AlphaLabel::Acceptable),
        (0.6, AlphaLabel::Questionable),
        (0.5, AlphaLabel::Poor),
        (0.4999, AlphaLabel::Unacceptable),
        (-3.0, AlphaLabel::Unacceptable),
    ];
    for (a, label) in cases {
        assert_eq!(AlphaLabel::of(a), label, "{a}");
    }
}

fn build(results: &[ResultDoc], by: Option<By>, named: bool, min_group: usize) -> (GroupDoc, Texts) {
    let l = testing::grouped();
    let mut b = Builder::new(&results[0], Some(&l.rubric), "en", by, named);
    for r in results {
        assert!(b.accepts(r));
        b.add(r);
    }
    (b.finish(min_group, 1), b.texts().clone())
}

#[test]
fn group_statistics_by_hand() {
    let l = testing::grouped();
    // Dimension scores 100, 75 and 25 (v = 5, 4, 2); every target 80.
    let rs: Vec<ResultDoc> =
        [5, 4, 2].iter().map(|&v| uniform(&l, &format!("p{v}"), None, Role::SelfRating, v)).collect();
    let (doc, texts) = build(&rs, None, false, 1);
    assert_eq!(doc.schema, "zhixing.group.v1");
    assert_eq!(doc.n, 3);
    let g = &doc.groups[0];
    assert_eq!((g.key.clone(), g.n, g.withheld), (None, Some(3), false));
    let o = g.overall.as_ref().unwrap();
    assert_eq!(o.n, 3);
    assert!(close(o.mean, 200.0 / 3.0));
    // Deviations 100/3, 25/3, −125/3: Σ² = 26250/9; / 2 → 1458.33…
    assert!(close(o.sd, (26250.0f64 / 9.0 / 2.0).sqrt()));
    assert_eq!((o.min, o.median, o.max), (Some(25.0), Some(75.0), Some(100.0)));
    // Gaps −20, 5, 55.
    assert!(close(o.mean_gap, 40.0 / 3.0));
    assert_eq!(o.severity.clone().unwrap(), SeverityCounts { met: 1, minor: 1, moderate: 0, critical: 1, unknown: 0 });
    assert_eq!(g.sections.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["s1", "s2"]);
    let d1 = &g.dimensions[0];
    assert_eq!((d1.id.as_str(), d1.section.as_str()), ("d1", "s1"));
    // Adjusted values (5,5,5), (4,4,4), (2,2,2): the items agree perfectly.
    // Without reversing b, alpha would be 1.5 · (1 − 7/(7/3)) = −3.
    assert!(close(d1.alpha, 1.0), "{:?}", d1.alpha);
    assert_eq!((d1.alpha_n, d1.alpha_label), (3, Some(AlphaLabel::Excellent)));
    let d3 = &g.dimensions[2];
    assert_eq!((d3.alpha, d3.alpha_n, d3.alpha_label), (None, 0, None), "one item: no alpha");
    // Equal mean gaps: rubric order.
    let p: Vec<&str> = g.priorities.iter().map(|p| p.dimension.as_str()).collect();
    assert_eq!(p, ["d1", "d2", "d3"]);
    assert!(close(Some(g.priorities[0].mean_gap), 40.0 / 3.0));
    // Every one of them gave one value to 80 % or more of the items.
    assert_eq!(g.flagged, Some(3));
    assert_eq!(g.flagged_respondents, None);
    assert_eq!(texts.suggestions["d1"], ["do d1"]);
    assert_eq!(texts.dimension("d2"), "D2");
}

#[test]
fn even_count_median_skipped_scores_and_one_respondent() {
    let l = testing::grouped();
    let mut rs: Vec<ResultDoc> =
        [5, 4, 2, 3].iter().map(|&v| uniform(&l, &format!("p{v}"), None, Role::SelfRating, v)).collect();
    // One more who skipped d2 entirely: no d2 score, severity unknown.
    rs.push(result(
        &l,
        "skipper",
        None,
        Role::SelfRating,
        &[("a", Some(3)), ("b", Some(3)), ("c", Some(3)), ("h", Some(3))],
    ));
    let (doc, _) = build(&rs, None, false, 1);
    let g = &doc.groups[0];
    let d2 = &g.dimensions[1];
    assert_eq!(d2.stats.n, 4);
    assert_eq!(d2.stats.median, Some(62.5), "25, 50, 75, 100");
    assert_eq!(d2.stats.severity.as_ref().unwrap().unknown, 1);
    assert_eq!(g.n, Some(5));
    // d1: the fifth answered all three items.
    assert_eq!(g.dimensions[0].alpha_n, 5);

    let (doc, _) = build(&rs[..1], None, false, 1);
    let o = doc.groups[0].overall.as_ref().unwrap();
    assert_eq!((o.n, o.sd, o.median), (1, None, Some(100.0)));
    assert_eq!(doc.groups[0].dimensions[0].alpha, None, "one respondent");
}

#[test]
fn zero_variance_has_no_alpha() {
    let l = testing::grouped();
    let rs: Vec<ResultDoc> = (0..6).map(|i| uniform(&l, &format!("p{i}"), None, Role::SelfRating, 4)).collect();
    let (doc, _) = build(&rs, None, false, 5);
    let d1 = &doc.groups[0].dimensions[0];
    assert_eq!((d1.alpha, d1.alpha_n, d1.alpha_label), (None, 6, None));
    assert_eq!(d1.stats.sd, Some(0.0));
}

fn departments(l: &Loaded, sizes: &[(&str, usize)]) -> Vec<ResultDoc> {
    let mut rs = Vec::new();
    for (dept, n) in sizes {
        for i in 0..*n {
            rs.push(uniform(l, &format!("{dept}{i}"), Some(dept), Role::SelfRating, 1 + (i as i64 % 5)));
        }
    }
    rs
}

fn shown(doc: &GroupDoc) -> Vec<(String, Option<Withheld>)> {
    doc.groups[1..]
        .iter()
        .map(|g| (g.key.as_ref().unwrap()["department"].clone().unwrap_or_default(), g.withheld_reason))
        .collect()
}

#[test]
fn a_subgroup_of_four_is_withheld_with_the_next_smallest() {
    let l = testing::grouped();
    let rs = departments(&l, &[("甲", 6), ("乙", 4), ("丙", 7)]);
    let (doc, _) = build(&rs, Some(By::Department), false, DEFAULT_MIN_GROUP);
    assert!(!doc.groups[0].withheld);
    assert_eq!(doc.groups[0].n, Some(17));
    // Subgroups in the order of their names (丙 U+4E19, 乙 U+4E59, 甲 U+7532).
    let got = shown(&doc);
    assert_eq!(
        got,
        [
            ("丙".to_string(), None),
            ("乙".to_string(), Some(Withheld::TooFew)),
            ("甲".to_string(), Some(Withheld::Complementary))
        ]
    );
    for g in doc.groups.iter().filter(|g| g.withheld) {
        assert!(g.n.is_none() && g.overall.is_none() && g.dimensions.is_empty() && g.flagged.is_none());
    }
}

#[test]
fn two_withheld_subgroups_need_no_complement() {
    let l = testing::grouped();
    let rs = departments(&l, &[("甲", 3), ("乙", 4), ("丙", 10)]);
    let (doc, _) = build(&rs, Some(By::Department), false, 5);
    // Subgroups in the order of their names (丙 U+4E19, 乙 U+4E59, 甲 U+7532).
    let got = shown(&doc);
    assert_eq!(
        got,
        [
            ("丙".to_string(), None),
            ("乙".to_string(), Some(Withheld::TooFew)),
            ("甲".to_string(), Some(Withheld::TooFew))
        ]
    );
    // --min-group 1 withholds nothing.
    let (doc, _) = build(&rs, Some(By::Department), false, 1);
    assert!(doc.groups.iter().all(|g| !g.withheld));
}

#[test]
fn a_small_group_is_withheld_whole() {
    let l = testing::grouped();
    let rs = departments(&l, &[("甲", 2), ("乙", 2)]);
    let (doc, _) = build(&rs, Some(By::Department), false, 5);
    assert!(doc.groups.iter().all(|g| g.withheld));
    assert_eq!(doc.groups[0].withheld_reason, Some(Withheld::TooFew));
    assert_eq!(doc.n, 4);
}

#[test]
fn nobody_is_named_without_named() {
    let l = testing::grouped();
    let rs = departments(&l, &[("秘书处", 6)]);
    let (doc, _) = build(&rs, Some(By::Department), false, 5);
    let json = serde_json::to_string(&doc).unwrap();
    assert!(!json.contains("秘书处0") && !json.contains("flagged_respondents"), "{json}");
    let (doc, _) = build(&rs, Some(By::Department), true, 5);
    let names = doc.groups[0].flagged_respondents.as_ref().unwrap();
    assert_eq!(names.len(), 6);
    assert_eq!(names[0].subject, "秘书处0");
}

#[test]
fn by_role_orders_the_roles() {
    let l = testing::grouped();
    let mut rs = Vec::new();
    for role in [Role::Peer, Role::SelfRating, Role::Supervisor] {
        for i in 0..5 {
            rs.push(uniform(&l, &format!("x{i}"), None, role, 3));
        }
    }
    let (doc, _) = build(&rs, Some(By::Role), false, 5);
    let keys: Vec<String> = doc.groups[1..].iter().map(|g| g.key.as_ref().unwrap()["role"].clone().unwrap()).collect();
    assert_eq!(keys, ["self", "supervisor", "peer"]);
}

#[test]
fn the_360_view() {
    let l = testing::grouped();
    let mut rs = vec![uniform(&l, "张三", None, Role::SelfRating, 5)]; // 100
    rs.push(uniform(&l, "张三", None, Role::Supervisor, 2)); // 25
    rs.push(uniform(&l, "张三", None, Role::Peer, 4)); // 75, 75: withheld
    rs.push(uniform(&l, "张三", None, Role::Peer, 4));
    for _ in 0..3 {
        rs.push(uniform(&l, "张三", None, Role::Subordinate, 3)); // 50
    }
    let (doc, _) = build(&rs, Some(By::Subject), false, 5);
    assert_eq!(doc.groups.len(), 1);
    assert_eq!(doc.subjects.len(), 1);
    let s = &doc.subjects[0];
    assert_eq!(s.subject, "#1");
    assert_eq!(s.raters, RaterCounts { self_: 1, supervisor: 1, peer: 2, subordinate: 3, other: 0 });
    let o = &s.overall;
    assert_eq!(o.self_score, Some(100.0));
    // The two peers are left out of the others: their mean could be worked out.
    assert_eq!((o.others, o.others_n), (Some((25.0 + 150.0) / 4.0), 4));
    assert_eq!(o.difference, Some(100.0 - 43.75));
    let roles: Vec<(RoleKey, usize, bool, Option<f64>)> =
        o.by_role.iter().map(|m| (m.role, m.n, m.withheld, m.mean)).collect();
    assert_eq!(roles, [(RoleKey::Supervisor, 1, false, Some(25.0)), (RoleKey::Subordinate, 3, false, Some(50.0))]);
    assert_eq!(s.left_out, BTreeMap::from([("peer".to_string(), 2)]), "two peers cannot be shown, even pooled");
    assert_eq!(s.blind_spots.len(), 3);
    assert_eq!(s.blind_spots[0].dimension, "d1");
    assert!(s.hidden_strengths.is_empty());
    let json = serde_json::to_string(&doc).unwrap();
    assert!(!json.contains("张三"));
    assert!(json.contains("\"self\":100.0"), "{json}");

    // Two peers and one other together are enough to count among the others.
    rs.push(uniform(&l, "张三", None, Role::Other, 1)); // 0
    let (doc, _) = build(&rs, Some(By::Subject), true, 5);
    let o = &doc.subjects[0].overall;
    assert_eq!(doc.subjects[0].subject, "张三");
    assert_eq!(o.others_n, 7);
    assert_eq!(o.others, Some((25.0 + 150.0 + 150.0) / 7.0));
    let pooled = o.by_role.iter().find(|m| m.role == RoleKey::Pooled).unwrap();
    assert_eq!((pooled.roles.clone(), pooled.n, pooled.mean), (vec![Role::Peer, Role::Other], 3, Some(150.0 / 3.0)));
    assert!(doc.subjects[0].left_out.is_empty());
}

#[test]
fn hidden_strengths_and_the_latest_self() {
    let l = testing::grouped();
    let mut early = uniform(&l, "李四", None, Role::SelfRating, 5);
    early.taken_at = "2026-01-01T09:00:00+08:00".to_string();
    let late = uniform(&l, "李四", None, Role::SelfRating, 1); // 0, the latest
    let mut rs = vec![late, early];
    rs.push(uniform(&l, "李四", None, Role::Supervisor, 4)); // 75
    let (doc, _) = build(&rs, Some(By::Subject), true, 5);
    let s = &doc.subjects[0];
    assert_eq!((s.raters.self_, doc.earlier_left_out), (1, 1), "the earlier self-assessment is left out");
    assert_eq!(s.overall.self_score, Some(0.0));
    assert_eq!(s.hidden_strengths.len(), 3);
    assert_eq!(s.hidden_strengths[0].difference, -75.0);
    assert!(s.blind_spots.is_empty());
}

#[test]
fn without_a_rubric_there_is_no_alpha() {
    let l = testing::grouped();
    let rs: Vec<ResultDoc> =
        [5, 4, 2].iter().map(|&v| uniform(&l, &format!("p{v}"), None, Role::SelfRating, v)).collect();
    let mut b = Builder::new(&rs[0], None, "en", None, false);
    for r in &rs {
        b.add(r);
    }
    let doc = b.finish(1, 1);
    assert!(doc.groups[0].dimensions.iter().all(|d| d.alpha.is_none() && d.alpha_n == 0));
    assert!(b.texts().no_rubric);
    assert_eq!(b.texts().dimension("d1"), "D1", "titles from the results");
    let mut other = rs[0].clone();
    other.rubric.version = "2.0.0".to_string();
    assert!(!b.accepts(&other));
}

#[test]
fn scores_kept_as_counts_or_as_a_list_give_the_plain_statistics() {
    // Few distinct values (kept as counts), then nearly all distinct (a list).
    for values in [
        (0..10_000).map(|i| f64::from(i % 17) * 6.25).collect::<Vec<f64>>(),
        (0..10_000).map(|i| f64::from(i) / 7.0).collect::<Vec<f64>>(),
        vec![-0.0, 0.0, 0.0, 100.0],
        vec![],
    ] {
        let mut acc = LevelAcc::default();
        for v in &values {
            acc.add(Some(*v), None, Severity::Met);
        }
        let mut sorted = values.clone();
        sorted.sort_by(f64::total_cmp);
        let st = acc.stats();
        assert_eq!(st.n, values.len());
        assert_eq!(st.mean.map(f64::to_bits), mean(&sorted).map(f64::to_bits));
        assert_eq!(st.sd.map(f64::to_bits), sample_sd(&sorted).map(f64::to_bits));
        assert_eq!(st.median.map(f64::to_bits), median_sorted(&sorted).map(f64::to_bits));
        assert_eq!((st.min, st.max), (sorted.first().copied(), sorted.last().copied()));
    }
}

mod items;
mod privacy;

#[test]
fn strengths_are_the_dimensions_at_target_highest_mean_first() {
    let l = testing::grouped();
    // d1: 100 and 83.3 (mean 91.7); d2: 75 (below its target of 80); d3: 100.
    let rs = vec![
        result(
            &l,
            "p1",
            None,
            Role::SelfRating,
            &[("a", Some(5)), ("b", Some(1)), ("c", Some(5)), ("e", Some(4)), ("f", Some(4)), ("h", Some(5))],
        ),
        result(
            &l,
            "p2",
            None,
            Role::SelfRating,
            &[("a", Some(4)), ("b", Some(2)), ("c", Some(5)), ("e", Some(4)), ("f", Some(4)), ("h", Some(5))],
        ),
    ];
    let (doc, _) = build(&rs, None, false, 1);
    let g = &doc.groups[0];
    let s: Vec<&str> = g.strengths.iter().map(|s| s.dimension.as_str()).collect();
    assert_eq!(s, ["d3", "d1"]);
    assert!(close(Some(g.strengths[1].mean), 275.0 / 3.0));
    assert!(g.strengths.iter().all(|s| s.mean_gap <= 0.0));
    assert_eq!(g.priorities.iter().map(|p| p.dimension.as_str()).collect::<Vec<_>>(), ["d2"]);
}

#[test]
fn by_names_a_grouping_or_an_attribute() {
    assert_eq!(By::parse("department"), Some(By::Department));
    assert_eq!(By::parse("role"), Some(By::Role));
    assert_eq!(By::parse("session"), Some(By::Session));
    assert_eq!(By::parse("subject"), Some(By::Subject));
    // The CSV header words (SPEC §4) name the same groupings.
    assert_eq!(By::parse("部门"), Some(By::Department));
    assert_eq!(By::parse("评价人身份"), Some(By::Role));
    assert_eq!(By::parse("场次"), Some(By::Session));
    assert_eq!(By::parse(" 职级 "), Some(By::Attribute("职级".to_string())));
    assert_eq!(By::parse("Department"), Some(By::Attribute("Department".to_string())), "names are exact");
    assert_eq!(By::parse(""), None);
    assert_eq!(By::parse("  "), None);
    assert_eq!(By::Attribute("职级".to_string()).code(), "职级");
}

/// `uniform` with the attribute 职级 = `grade` (or none).
fn graded(l: &Loaded, name: &str, grade: Option<&str>, v: i64) -> ResultDoc {
    let mut r = uniform(l, name, Some("秘书处"), Role::SelfRating, v);
    if let Some(g) = grade {
        r.subject.attributes.insert("职级".to_string(), g.to_string());
    }
    r
}

#[test]
fn grouping_by_an_attribute_by_hand() {
    let l = testing::grouped();
    // 科员: overall 100, 75 (mean 87.5); 主任: 25; none: 50.
    let rs = vec![
        graded(&l, "a", Some("科员"), 5),
        graded(&l, "b", Some("科员"), 4),
        graded(&l, "c", Some("主任"), 2),
        graded(&l, "d", None, 3),
    ];
    let (doc, _) = build(&rs, Some(By::Attribute("职级".to_string())), false, 1);
    let keys: Vec<_> = doc.groups.iter().map(|g| g.key.clone()).collect();
    let key = |v: Option<&str>| Some(BTreeMap::from([("职级".to_string(), v.map(str::to_string))]));
    // Values alphabetically (主 before 科 by code point), results without one last.
    assert_eq!(keys, vec![None, key(Some("主任")), key(Some("科员")), key(None)]);
    let mean = |i: usize| doc.groups[i].overall.as_ref().and_then(|o| o.mean);
    assert!(close(mean(0), 62.5));
    assert!(close(mean(1), 25.0));
    assert!(close(mean(2), 87.5));
    assert!(close(mean(3), 50.0));
    assert_eq!(doc.groups[2].n, Some(2));
    assert_eq!(doc.excluded_flagged, None, "no --exclude-flagged: not said");
}

#[test]
fn exclude_flagged_leaves_the_flagged_results_out_of_every_figure() {
    let l = testing::grouped();
    let mut rs: Vec<ResultDoc> =
        [5, 4, 2, 3].iter().map(|&v| uniform(&l, &format!("p{v}"), None, Role::SelfRating, v)).collect();
    // Uniform answers are straight lines: the flags are set by hand here.
    // p5 (100) answered straight; p2 (25) too fast, and also straight.
    for r in &mut rs {
        r.quality.flags.clear();
    }
    rs[0].quality.flags = vec!["straight_line".into()];
    rs[2].quality.flags = vec!["straight_line".into(), "too_fast".into()];
    let run = |filter: crate::result::FlagFilter| {
        let mut b = Builder::new(&rs[0], Some(&l.rubric), "en", None, false).exclude_flagged(filter);
        for r in &rs {
            b.add(r);
        }
        b.finish(1, 1)
    };
    // Without the option both flagged results count: mean of 100, 75, 25, 50.
    let all = run(crate::result::FlagFilter::Keep);
    assert_eq!(all.excluded_flagged, None);
    assert_eq!(all.groups[0].flagged, Some(2));
    assert_eq!(all.groups[0].flagged_by.as_ref().unwrap()["straight_line"], 2);
    assert_eq!(all.groups[0].flagged_by.as_ref().unwrap()["too_fast"], 1);
    assert!(close(all.groups[0].overall.as_ref().unwrap().mean, 62.5));
    // Any flag: 75 and 50 remain.
    let any = run(crate::result::FlagFilter::AnyFlag);
    assert_eq!((any.n, any.counted, any.excluded_flagged), (4, 2, Some(2)));
    assert_eq!(any.groups[0].n, Some(2));
    assert_eq!(any.groups[0].flagged, Some(0));
    assert!(close(any.groups[0].overall.as_ref().unwrap().mean, 62.5));
    assert!(close(any.groups[0].overall.as_ref().unwrap().min, 50.0));
    // too_fast only: 100, 75, 50 remain (mean 75); the straight-liner still
    // counts and is still counted as flagged.
    let fast = run(crate::result::FlagFilter::Flags(vec!["too_fast".into()]));
    assert_eq!((fast.counted, fast.excluded_flagged), (3, Some(1)));
    assert!(close(fast.groups[0].overall.as_ref().unwrap().mean, 75.0));
    assert_eq!(fast.groups[0].flagged, Some(1));
    assert_eq!(fast.groups[0].flagged_by.as_ref().unwrap()["too_fast"], 0);
}

#[test]
fn a_flagged_latest_result_lets_the_earlier_one_count() {
    let l = testing::grouped();
    let mut early = uniform(&l, "p", None, Role::SelfRating, 4);
    early.quality.flags.clear();
    early.taken_at = "2026-11-27T09:30:00+08:00".to_string();
    let mut late = uniform(&l, "p", None, Role::SelfRating, 2);
    late.quality.flags = vec!["too_fast".into()];
    let mut b =
        Builder::new(&early, Some(&l.rubric), "en", None, false).exclude_flagged(crate::result::FlagFilter::AnyFlag);
    b.add(&early);
    b.add(&late);
    let doc = b.finish(1, 1);
    // The flagged result is left out itself; the earlier one (75) counts.
    assert_eq!((doc.counted, doc.earlier_left_out, doc.excluded_flagged), (1, 0, Some(1)));
    assert!(close(doc.groups[0].overall.as_ref().unwrap().mean, 75.0));
}

use std::sync::LazyLock;

use proptest::prelude::*;

use super::*;
use crate::result::{Previous, Role};
use crate::rubric;
use crate::testing;

fn resp(pairs: &[(&str, i64)]) -> Response {
    Response {
        subject: Subject { name: "x".into(), department: None, ..Default::default() },
        rater: Rater { role: Role::SelfRating, name: None },
        answers: pairs.iter().map(|(k, v)| (k.to_string(), Some(*v))).collect(),
        ..Default::default()
    }
}

fn run(pairs: &[(&str, i64)], opts: Options) -> ResultDoc {
    score(
        &testing::scored(),
        &resp(pairs),
        &Options { lang: "en".into(), ..opts },
        "01TEST".into(),
        "2026-11-28T09:30:00+08:00",
    )
}

fn dim<'a>(r: &'a ResultDoc, id: &str) -> &'a DimensionResult {
    r.dimensions().find(|(_, d)| d.id == id).unwrap().1
}

#[test]
fn reverse_items_and_item_weights() {
    let r = run(&[("a", 5), ("b", 2), ("c", 3), ("e", 4), ("f", 4), ("h", 1)], Options::default());
    // a = 100, b reversed 2 → 4 → 75, c = 50 with weight 2.
    assert_eq!(dim(&r, "d1").score, Some(68.75));
    // g skipped: 2 of 3 answered is at least half.
    assert_eq!(dim(&r, "d2").score, Some(75.0));
    assert_eq!(dim(&r, "d2").answered, 2);
    // 1 of 4 answered is fewer than half: no score.
    assert_eq!(dim(&r, "d3").score, None);
    assert_eq!(dim(&r, "d3").severity, Severity::Unknown);
    // Section: dimension weights 1 and 3.
    assert_eq!(r.sections[0].score, Some(73.4375));
    assert_eq!(r.sections[1].score, None);
    // Overall: only s1 has a score.
    assert_eq!(r.overall.score, Some(73.4375));
    assert_eq!(r.overall.gap, Some(80.0 - 73.4375));
    assert_eq!(r.overall.severity, Severity::Minor);
}

#[test]
fn section_weights_in_overall() {
    let all: Vec<(&str, i64)> =
        vec![("a", 5), ("b", 1), ("c", 5), ("e", 5), ("f", 5), ("g", 5), ("h", 1), ("i", 1), ("j", 1), ("k", 5)];
    let r = run(&all, Options::default());
    assert_eq!(r.sections[0].score, Some(100.0));
    assert_eq!(r.sections[1].score, Some(0.0));
    // (1 × 100 + 2 × 0) / 3
    assert_eq!(r.overall.score, Some(100.0 / 3.0));
}

#[test]
fn half_answered_rule_edges() {
    // 4 items, 2 answered: scored.
    let r = run(&[("h", 5), ("i", 3)], Options::default());
    assert_eq!(dim(&r, "d3").score, Some(75.0));
    // 3 items, 1 answered: 2 < 3, no score.
    let r = run(&[("e", 5)], Options::default());
    assert_eq!(dim(&r, "d2").score, None);
    // Nothing answered anywhere: everything null, overall unknown.
    let r = run(&[], Options::default());
    assert_eq!(r.overall.score, None);
    assert_eq!(r.overall.severity, Severity::Unknown);
    assert!(r.priorities.is_empty() && r.strengths.is_empty());
}

#[test]
fn targets_inherit_and_profiles_replace() {
    let all = [("a", 3), ("b", 3), ("c", 3), ("e", 3), ("f", 3), ("g", 3), ("h", 3), ("i", 3), ("j", 3), ("k", 3)];
    let r = run(&all, Options::default());
    assert_eq!(dim(&r, "d1").target, 80.0); // default
    assert_eq!(dim(&r, "d2").target, 90.0); // its own
    assert_eq!(dim(&r, "d3").target, 70.0); // its section's
    assert_eq!(r.sections[1].target, 70.0);
    assert_eq!(r.overall.target, 80.0);

    let r = run(&all, Options { profile: Some("chief".into()), ..Default::default() });
    assert_eq!(r.profile.as_deref(), Some("chief"));
    assert_eq!(r.overall.target, 85.0); // profile default
    assert_eq!(r.sections[0].target, 60.0); // profile's section target
    assert_eq!(dim(&r, "d1").target, 60.0); // inherits the replaced section target
    assert_eq!(dim(&r, "d2").target, 90.0); // own target, not in profile
    assert_eq!(dim(&r, "d3").target, 95.0); // profile's dimension target
    assert_eq!(r.sections[1].target, 70.0);

    let r = run(&all, Options { profile: Some("chief".into()), target: Some(50.0), ..Default::default() });
    assert!(r.dimensions().all(|(_, d)| d.target == 50.0));
    assert!(r.sections.iter().all(|s| s.target == 50.0));
    assert_eq!(r.overall.target, 50.0);
    assert_eq!(r.overall.gap, Some(0.0));
    assert_eq!(r.overall.severity, Severity::Met);
}

#[test]
fn severity_bands_and_edges() {
    let b = GapBands { minor: 10.0, moderate: 20.0 };
    assert_eq!(severity(Some(-5.0), &b), Severity::Met);
    assert_eq!(severity(Some(0.0), &b), Severity::Met);
    assert_eq!(severity(Some(0.01), &b), Severity::Minor);
    assert_eq!(severity(Some(10.0), &b), Severity::Minor);
    assert_eq!(severity(Some(10.01), &b), Severity::Moderate);
    assert_eq!(severity(Some(20.0), &b), Severity::Moderate);
    assert_eq!(severity(Some(20.01), &b), Severity::Critical);
    assert_eq!(severity(None, &b), Severity::Unknown);
    // Through scoring: d3 target 70, score 50 → gap 20, moderate; 45 → critical.
    let r = run(&[("h", 3), ("i", 3), ("j", 3), ("k", 3)], Options::default());
    assert_eq!(dim(&r, "d3").gap, Some(20.0));
    assert_eq!(dim(&r, "d3").severity, Severity::Moderate);
    let r = run(&[("h", 3), ("i", 3), ("j", 3), ("k", 3)], Options { target: Some(75.0), ..Default::default() });
    assert_eq!(dim(&r, "d3").severity, Severity::Critical);
}

#[test]
fn priorities_weighted_then_rubric_order() {
    let r = run(&[("a", 5), ("b", 2), ("c", 3), ("e", 4), ("f", 4), ("h", 1)], Options::default());
    let order: Vec<&str> = r.priorities.iter().map(|p| p.dimension.as_str()).collect();
    // Shares of the overall score × 3 dimensions: d1 3 · ¼ · ⅓ = 0.25,
    // d2 3 · ¾ · ⅓ = 0.75; d1 gap 11.25 × 0.25 = 2.8125, d2 gap 15 × 0.75 = 11.25.
    assert_eq!(order, ["d2", "d1"]);
    assert!((r.priorities[0].weighted_gap - 11.25).abs() < 1e-12, "{}", r.priorities[0].weighted_gap);
    assert!((r.priorities[1].weighted_gap - 2.8125).abs() < 1e-12, "{}", r.priorities[1].weighted_gap);
    assert_eq!(r.priorities[0].gap, 15.0);
    assert_eq!(r.priorities[0].suggestions, ["do d2a", "do d2b"]);
    assert_eq!(r.priorities[1].section, "s1");

    // Ties: equal weighted gaps keep rubric order. In the revised test
    // rubric d1 and d2 share s1 (each 3 · ½ · ½ = 0.75); rated by a
    // supervisor both score 75 against 80: 5 × 0.75 = 3.75 each; d3 is met.
    let vals = [Some(5), Some(3), Some(2), Some(4), Some(4), Some(4), Some(5), Some(5), Some(1)];
    let r = run_revised(vals, Role::Supervisor);
    let wg: Vec<(&str, f64)> = r.priorities.iter().map(|p| (p.dimension.as_str(), p.weighted_gap)).collect();
    assert_eq!(wg, [("d1", 3.75), ("d2", 3.75)]);
    assert_eq!(r.priorities[1].gap, 5.0);
}

#[test]
fn strengths_by_score_then_rubric_order() {
    let r = run(
        &[("a", 5), ("b", 1), ("c", 5), ("e", 5), ("f", 5), ("g", 5), ("h", 5), ("i", 4), ("j", 4), ("k", 2)],
        Options::default(),
    );
    let s: Vec<(&str, f64)> = r.strengths.iter().map(|s| (s.dimension.as_str(), s.score)).collect();
    // d1 = 100, d2 = 100 (tie: rubric order), d3 = 81.25.
    assert_eq!(s, [("d1", 100.0), ("d2", 100.0), ("d3", 81.25)]);
    assert!(r.priorities.is_empty());
}

#[test]
fn answers_in_rubric_order_with_nulls() {
    let r = run(&[("k", 2), ("a", 5)], Options::default());
    let keys: Vec<&str> = r.answers.keys().map(String::as_str).collect();
    assert_eq!(keys, ["a", "b", "c", "e", "f", "g", "h", "i", "j", "k"]);
    assert_eq!(r.answers["a"], Some(5));
    assert_eq!(r.answers["b"], None);
    assert_eq!(r.taken_at, "2026-11-28T09:30:00+08:00");
    assert_eq!(r.schema, "zhixing.result.v1");
    assert_eq!(r.quality.seconds, None);
}

#[test]
fn quality_signals() {
    // 8 of 10 the same value: straight line.
    let r = run(
        &[("a", 4), ("b", 4), ("c", 4), ("e", 4), ("f", 4), ("g", 4), ("h", 4), ("i", 4), ("j", 2), ("k", 1)],
        Options::default(),
    );
    assert!(r.quality.straight_line);
    assert!(r.quality.flags.contains(&"straight_line".to_string()));
    // 7 of 10: not.
    let r = run(
        &[("a", 4), ("b", 4), ("c", 4), ("e", 4), ("f", 4), ("g", 4), ("h", 4), ("i", 3), ("j", 2), ("k", 1)],
        Options::default(),
    );
    assert!(!r.quality.straight_line);
    // d1: plain a, c mean 4 ≥ 1 + 0.75 × 4 = 4; reverse b = 4 ≥ 4: inconsistent.
    let r = run(&[("a", 4), ("b", 4), ("c", 4), ("e", 1), ("f", 2), ("g", 3)], Options::default());
    assert!(r.quality.reverse_inconsistent);
    assert_eq!(r.quality.flags, ["reverse_inconsistent"]);
    let r = run(&[("a", 4), ("b", 3), ("c", 5), ("e", 1), ("f", 2), ("g", 3)], Options::default());
    assert!(!r.quality.reverse_inconsistent);
}

#[test]
fn a_straight_line_needs_five_answers() {
    // One answer: no line at all (it was flagged before).
    let r = run(&[("a", 4)], Options::default());
    assert!(!r.quality.straight_line);
    assert!(r.quality.flags.is_empty());
    assert_eq!(r.quality.longstring, 1);
    assert_eq!(r.quality.irv, None);
    // Four the same: still too few.
    let r = run(&[("a", 3), ("b", 3), ("c", 3), ("e", 3)], Options::default());
    assert!(!r.quality.straight_line);
    // Five the same: a straight line, a run of 5 (under 6: no long string), no spread.
    let r = run(&[("a", 3), ("c", 3), ("e", 3), ("f", 3), ("g", 3)], Options::default());
    assert!(r.quality.straight_line);
    assert_eq!(r.quality.flags, ["straight_line"]);
    assert_eq!(r.quality.longstring, 5);
    assert_eq!(r.quality.irv, Some(0.0));
}

#[test]
fn longstring_and_irv_by_hand() {
    // 1 2 3 3 3 3 3 3 2 1 in the order asked: a run of six 3s, half of 10.
    let vals = [1, 2, 3, 3, 3, 3, 3, 3, 2, 1];
    let pairs: Vec<(&str, i64)> = item_ids().into_iter().zip(vals).collect();
    let r = run(&pairs, Options::default());
    assert_eq!(r.quality.longstring, 6);
    assert_eq!(r.quality.flags, ["longstring"]);
    // Mean 2.4; squares 1.96 + 0.16 + 6 × 0.36 + 0.16 + 1.96 = 6.4; 6.4 / 9.
    let irv = r.quality.irv.unwrap();
    assert!((irv - (6.4f64 / 9.0).sqrt()).abs() < 1e-12, "{irv}");
    // A skipped item does not break the run: a b c, (e skipped), f g h.
    let r = run(
        &[("a", 3), ("b", 3), ("c", 3), ("f", 3), ("g", 3), ("h", 3), ("i", 1), ("j", 2), ("k", 5)],
        Options::default(),
    );
    assert_eq!(r.quality.longstring, 6);
    assert_eq!(r.quality.flags, ["longstring"]);
    // A run of 6 among 84 answers (in the order asked) is less than half
    // of them: not flagged.
    let loaded = &*testing::OFFICE;
    let mut resp = resp(&[]);
    let ids: Vec<&str> = loaded.rubric.items().map(|(_, _, it)| it.id.as_str()).collect();
    resp.answers = loaded
        .rubric
        .asked_order()
        .into_iter()
        .enumerate()
        .map(|(k, place)| (ids[place].to_string(), Some(if k < 6 { 3 } else { 1 + (k as i64 + 3) % 5 })))
        .collect();
    assert_eq!(resp.answers.len(), 84);
    let r = score(loaded, &resp, &Options { lang: "zh".into(), ..Default::default() }, "x".into(), "now");
    assert_eq!(r.quality.longstring, 6);
    assert!(!r.quality.flags.contains(&"longstring".to_string()), "{:?}", r.quality.flags);
}

#[test]
fn too_good_every_answer_at_its_best() {
    // Plain items at 5, the reverse ones (b, k) at 1: ten answers.
    let best = [("a", 5), ("b", 1), ("c", 5), ("e", 5), ("f", 5), ("g", 5), ("h", 5), ("i", 5), ("j", 5), ("k", 1)];
    let r = run(&best, Options::default());
    assert_eq!(r.quality.flags, ["straight_line", "longstring", "too_good"]);
    assert_eq!(r.quality.longstring, 7);
    // Nine answers: too few to tell.
    let r = run(&best[..9], Options::default());
    assert!(!r.quality.flags.contains(&"too_good".to_string()));
    // One answer short of its best.
    let mut off = best;
    off[9] = ("k", 2);
    let r = run(&off, Options::default());
    assert!(!r.quality.flags.contains(&"too_good".to_string()));
}

#[test]
fn flags_in_their_order() {
    // All 4: a straight line, a run of 10, 4 ≥ 4 on both sides of d1, too fast.
    let all: Vec<(&str, i64)> = item_ids().into_iter().map(|id| (id, 4)).collect();
    let mut resp = resp(&all);
    resp.seconds = Some(5.0);
    let r = score(&testing::scored(), &resp, &Options { lang: "en".into(), ..Default::default() }, "x".into(), "now");
    assert_eq!(r.quality.flags, ["straight_line", "longstring", "reverse_inconsistent", "too_fast"]);
    assert_eq!(r.quality.longstring, 10);
    assert_eq!(r.quality.irv, Some(0.0));
}

#[test]
fn too_fast_under_two_seconds_an_item() {
    let rubric = testing::scored();
    let mut resp = resp(&[("a", 1), ("b", 2), ("c", 3), ("e", 4), ("f", 5)]);
    resp.seconds = Some(9.9);
    let r = score(&rubric, &resp, &Options { lang: "en".into(), ..Default::default() }, "x".into(), "now");
    assert_eq!(r.quality.flags, ["too_fast"]);
    resp.seconds = Some(10.0);
    let r = score(&rubric, &resp, &Options { lang: "en".into(), ..Default::default() }, "x".into(), "now");
    assert!(r.quality.flags.is_empty());
    assert_eq!(r.quality.seconds, Some(10.0));
}

#[test]
fn the_fingerprint_is_of_the_canonical_json_written_out() {
    let subject = Subject {
        name: "张\"三".into(),
        department: None,
        attributes: [("职级".to_string(), "科员".to_string()), ("a".into(), "\n".into())].into_iter().collect(),
    };
    let rater = Rater { role: Role::Peer, name: Some("李四".into()) };
    let id = Identity {
        rubric_id: "core",
        rubric_version: "1.0.0",
        subject: &subject,
        rater: &rater,
        session: Some("2026秋"),
        taken_at_given: None,
    };
    let answers = [("\"a.x\"", Some(4)), ("\"b.y\"", None)];
    let mut text = Vec::new();
    id.canonical(answers.iter().copied(), &mut text);
    assert_eq!(
        String::from_utf8(text.clone()).unwrap(),
        r#"{"answers":{"a.x":4,"b.y":null},"rater":{"name":"李四","role":"peer"},"rubric":{"id":"core","version":"1.0.0"},"session":"2026秋","subject":{"attributes":{"a":"\n","职级":"科员"},"department":null,"name":"张\"三"},"taken_at_given":null}"#
    );
    assert_eq!(id.fingerprint(answers.iter().copied()), rubric::sha256_hex(&text));
    // Without attributes, none in the text at all.
    let plain = Subject { attributes: Default::default(), ..subject.clone() };
    let mut text = Vec::new();
    Identity { subject: &plain, ..id }.canonical(answers.iter().copied(), &mut text);
    assert!(String::from_utf8(text).unwrap().contains(r#""subject":{"department":null,"name":"#));
}

#[test]
fn the_fingerprint_leaves_out_now_the_profile_the_language_and_the_id() {
    let loaded = &*testing::SCORED_LOADED;
    let r = resp(&[("a", 3)]);
    let fp =
        |resp: &Response, opts: &Options, id: &str, now: &str| score(loaded, resp, opts, id.into(), now).fingerprint;
    let en = Options { lang: "en".into(), ..Default::default() };
    let base = fp(&r, &en, "01A", "2026-11-28T09:30:00+08:00");
    assert_eq!(fp(&r, &en, "01B", "2027-01-01T00:00:00Z"), base, "another id, another now");
    let chief = Options { lang: "zh".into(), profile: Some("chief".into()), target: Some(50.0) };
    assert_eq!(fp(&r, &chief, "01C", "2026-11-28T09:30:00+08:00"), base, "another profile, targets, language");
    let mut given = r.clone();
    given.taken_at = Some("2026-11-28T09:30:00+08:00".into());
    assert_ne!(fp(&given, &en, "01A", "2026-11-28T09:30:00+08:00"), base, "a time given is part of it");
    for change in [
        resp(&[("a", 4)]),
        Response { session: Some("s".into()), ..r.clone() },
        Response { subject: Subject { department: Some("d".into()), ..r.subject.clone() }, ..r.clone() },
        Response { rater: Rater { role: Role::Supervisor, name: Some("王".into()) }, ..r.clone() },
    ] {
        assert_ne!(fp(&change, &en, "01A", "2026-11-28T09:30:00+08:00"), base, "{change:?}");
    }
}

fn item_ids() -> Vec<&'static str> {
    vec!["a", "b", "c", "e", "f", "g", "h", "i", "j", "k"]
}

fn answers_strategy() -> impl Strategy<Value = Vec<Option<i64>>> {
    proptest::collection::vec(proptest::option::weighted(0.85, 1i64..=5), 10)
}

fn run_vals(rubric: &rubric::Loaded, vals: &[Option<i64>], opts: &Options) -> ResultDoc {
    let mut resp = resp(&[]);
    resp.answers = item_ids().into_iter().zip(vals.iter().copied()).map(|(k, v)| (k.to_string(), v)).collect();
    score(rubric, &resp, opts, "x".into(), "now")
}

proptest! {
    #[test]
    fn scores_stay_within_0_and_100(vals in answers_strategy(), target in proptest::option::of(0.0f64..=100.0)) {
        let rubric = &*testing::SCORED_LOADED;
        let r = run_vals(rubric, &vals, &Options { lang: "en".into(), target, ..Default::default() });
        let all = r.sections.iter().map(|s| s.score)
            .chain(r.dimensions().map(|(_, d)| d.score))
            .chain([r.overall.score]);
        for s in all.flatten() {
            prop_assert!((0.0..=100.0 + 1e-9).contains(&s), "{s}");
        }
    }

    #[test]
    fn flipped_keying_with_mirrored_answers_scores_the_same(vals in answers_strategy()) {
        let rubric = &*testing::SCORED_LOADED;
        // The same rubric with every item's keying flipped, loaded once.
        static FLIPPED: LazyLock<rubric::Loaded> = LazyLock::new(|| {
            let flipped_text = testing::SCORED
                .replace("reverse = true\n", "")
                .replace("text = \"A\"", "text = \"A\"\nreverse = true")
                .replace("text = \"C\"", "text = \"C\"\nreverse = true")
                .replace("text = \"E\"", "text = \"E\"\nreverse = true")
                .replace("text = \"F\"", "text = \"F\"\nreverse = true")
                .replace("text = \"G\"", "text = \"G\"\nreverse = true")
                .replace("text = \"H\"", "text = \"H\"\nreverse = true")
                .replace("text = \"I\"", "text = \"I\"\nreverse = true")
                .replace("text = \"J\"", "text = \"J\"\nreverse = true");
            testing::load("t.toml", &flipped_text)
        });
        let flipped = &*FLIPPED;
        prop_assert!(flipped.rubric.items().zip(rubric.rubric.items()).all(|(a, b)| a.2.reverse != b.2.reverse));
        let mirrored: Vec<Option<i64>> = vals.iter().map(|v| v.map(|v| 1 + 5 - v)).collect();
        let opts = Options { lang: "en".into(), ..Default::default() };
        let a = run_vals(rubric, &vals, &opts);
        let b = run_vals(flipped, &mirrored, &opts);
        prop_assert_eq!(a.overall.score.map(|s| (s * 1e6).round()), b.overall.score.map(|s| (s * 1e6).round()));
        for ((_, x), (_, y)) in a.dimensions().zip(b.dimensions()) {
            prop_assert_eq!(x.score.map(|s| (s * 1e6).round()), y.score.map(|s| (s * 1e6).round()));
        }
    }

    #[test]
    fn raising_an_answer_never_lowers_its_dimension_unless_reversed(vals in answers_strategy(), which in 0usize..10) {
        let rubric = &*testing::SCORED_LOADED;
        let opts = Options { lang: "en".into(), ..Default::default() };
        let Some(v) = vals[which] else { return Ok(()) };
        prop_assume!(v < 5);
        let mut raised = vals.clone();
        raised[which] = Some(v + 1);
        let a = run_vals(rubric, &vals, &opts);
        let b = run_vals(rubric, &raised, &opts);
        let (_, dim, item) = rubric.rubric.items().nth(which).unwrap();
        let before = a.dimensions().find(|(_, d)| d.id == dim.id).unwrap().1.score;
        let after = b.dimensions().find(|(_, d)| d.id == dim.id).unwrap().1.score;
        // Raising an answer leaves the number answered alone.
        prop_assert_eq!(before.is_some(), after.is_some());
        let (Some(before), Some(after)) = (before, after) else { return Ok(()) };
        if item.reverse {
            prop_assert!(after <= before + 1e-9);
        } else {
            prop_assert!(after >= before - 1e-9);
        }
    }
}

// ---------------------------------------------------------------------------
// The scorer against the straightforward implementation it replaced: the same
// document, bit for bit, and the same JSON text as serde writes.

mod reference {
    use std::collections::HashMap;

    use indexmap::IndexMap;

    use crate::response::Response;
    use crate::result::*;
    use crate::rubric::{Loaded, Rubric, SelfRating};
    use crate::score::{Options, TOO_FAST_SECONDS_PER_ITEM, Targets, item_score, severity};

    fn standing(score: Option<f64>, target: f64, bands: &crate::rubric::GapBands) -> Standing {
        let gap = score.map(|s| target - s);
        Standing { score, target, gap, severity: severity(gap, bands), percentile: None, band: None, sem: None }
    }

    fn weighted_mean(pairs: impl IntoIterator<Item = (f64, f64)>) -> Option<f64> {
        let (mut num, mut den) = (0.0, 0.0);
        for (w, v) in pairs {
            num += w * v;
            den += w;
        }
        (den > 0.0).then(|| num / den)
    }

    pub fn score(loaded: &Loaded, resp: &Response, opts: &Options, id: String, now: &str) -> ResultDoc {
        let r = &loaded.rubric;
        let lang = opts.lang.as_str();
        let (min, max) = (r.scale.min, r.scale.max);
        let targets = Targets::new(r, opts);
        let answer = |item: &str| resp.answers.get(item).copied().flatten();

        let mut sections = Vec::with_capacity(r.sections.len());
        let mut section_scores = Vec::new();
        let mut candidates = Vec::new(); // (weighted gap, gap, rubric order, section, dimension)
        let mut strengths = Vec::new();
        let mut order = 0usize;
        for (si, sec) in r.sections.iter().enumerate() {
            let mut dims = Vec::with_capacity(sec.dimensions.len());
            let mut dim_scores = Vec::new();
            for (di, dim) in sec.dimensions.iter().enumerate() {
                let answered: Vec<(f64, f64)> = dim
                    .items
                    .iter()
                    .filter_map(|it| answer(&it.id).map(|v| (it.weight, item_score(v, it.reverse, min, max))))
                    .collect();
                // SPEC §5: a self-review dimension in a self-assessment has no score.
                let reflect = resp.rater.role == Role::SelfRating && dim.self_rating == SelfRating::Reflect;
                let score = if reflect || answered.len() * 2 < dim.items.len() {
                    None
                } else {
                    weighted_mean(answered.iter().copied())
                };
                let st = standing(score, targets.dimension(si, di), &r.gap);
                if let Some(s) = score {
                    dim_scores.push((dim.weight, s));
                }
                match st.gap {
                    Some(g) if g > 0.0 => {
                        // Share of the overall score, times the number of dimensions.
                        let n = r.sections.iter().map(|s| s.dimensions.len()).sum::<usize>() as f64;
                        let within: f64 = sec.dimensions.iter().map(|d| d.weight).sum();
                        let all: f64 = r.sections.iter().map(|s| s.weight).sum();
                        candidates.push((g * (n * (dim.weight / within) * (sec.weight / all)), g, order, si, di));
                    }
                    Some(_) => strengths.push((score.unwrap_or(0.0), order, si, di)),
                    None => {}
                }
                order += 1;
                dims.push(DimensionResult {
                    id: dim.id.clone(),
                    title: r.text(&dim.title, lang).to_string(),
                    score: st.score,
                    target: st.target,
                    gap: st.gap,
                    severity: st.severity,
                    answered: answered.len(),
                    items: dim.items.len(),
                    reflect,
                    percentile: None,
                    band: None,
                    sem: None,
                });
            }
            let score = weighted_mean(dim_scores);
            if let Some(s) = score {
                section_scores.push((sec.weight, s));
            }
            let st = standing(score, targets.section(si), &r.gap);
            sections.push(SectionResult {
                id: sec.id.clone(),
                title: r.text(&sec.title, lang).to_string(),
                score: st.score,
                target: st.target,
                gap: st.gap,
                severity: st.severity,
                percentile: None,
                band: None,
                sem: None,
                dimensions: dims,
            });
        }
        let overall = standing(weighted_mean(section_scores), targets.default(), &r.gap);

        candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)));
        let priorities = candidates
            .into_iter()
            .map(|(wg, g, _, si, di)| {
                let (sec, dim) = (&r.sections[si], &r.sections[si].dimensions[di]);
                Priority {
                    dimension: dim.id.clone(),
                    section: sec.id.clone(),
                    gap: g,
                    weighted_gap: wg,
                    suggestions: dim.suggestions.iter().map(|s| r.text(s, lang).to_string()).collect(),
                }
            })
            .collect();
        strengths.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let strengths = strengths
            .into_iter()
            .map(|(score, _, si, di)| Strength {
                dimension: r.sections[si].dimensions[di].id.clone(),
                section: r.sections[si].id.clone(),
                score,
            })
            .collect();

        let answers: IndexMap<String, Option<i64>> =
            r.items().map(|(_, _, it)| (it.id.clone(), answer(&it.id))).collect();
        let quality = quality(r, &answers, resp.seconds);
        let fingerprint = fingerprint(r, resp, &answers);

        ResultDoc {
            schema: SCHEMA.to_string(),
            id,
            fingerprint,
            rubric: RubricRef {
                id: r.id.clone(),
                version: r.version.clone(),
                title: r.text(&r.title, lang).to_string(),
                sha256: loaded.sha256.clone(),
            },
            profile: opts.profile.clone(),
            subject: resp.subject.clone(),
            rater: resp.rater.clone(),
            session: resp.session.clone(),
            taken_at: resp.taken_at.clone().unwrap_or_else(|| now.to_string()),
            lang: lang.to_string(),
            overall,
            sections,
            priorities,
            strengths,
            answers,
            quality,
            previous: None,
        }
    }

    /// SPEC §6 read literally: the canonical JSON built as a value, its
    /// keys sorted, written compactly, hashed.
    fn fingerprint(r: &Rubric, resp: &Response, answers: &IndexMap<String, Option<i64>>) -> String {
        fn canonical(v: serde_json::Value) -> serde_json::Value {
            match v {
                serde_json::Value::Object(m) => {
                    let mut pairs: Vec<(String, serde_json::Value)> = m.into_iter().collect();
                    pairs.sort_by(|a, b| a.0.cmp(&b.0));
                    serde_json::Value::Object(pairs.into_iter().map(|(k, v)| (k, canonical(v))).collect())
                }
                other => other,
            }
        }
        let mut subject = serde_json::json!({"name": resp.subject.name, "department": resp.subject.department});
        if !resp.subject.attributes.is_empty() {
            subject["attributes"] = serde_json::to_value(&resp.subject.attributes).unwrap();
        }
        let v = serde_json::json!({
            "rubric": {"id": r.id, "version": r.version},
            "subject": subject,
            "rater": {"role": resp.rater.role.code(), "name": resp.rater.name},
            "session": resp.session,
            "taken_at_given": resp.taken_at,
            "answers": answers,
        });
        crate::rubric::sha256_hex(serde_json::to_string(&canonical(v)).unwrap().as_bytes())
    }

    fn quality(r: &Rubric, answers: &IndexMap<String, Option<i64>>, seconds: Option<f64>) -> Quality {
        // The answers in the order asked: SPEC §3's interleaving written out
        // again, round by round.
        let dims: Vec<&crate::rubric::Dimension> = r.dimensions().map(|(_, d)| d).collect();
        let rounds = dims.iter().map(|d| d.items.len()).max().unwrap_or(0);
        let asked: Vec<&str> = match r.order {
            crate::rubric::Order::Grouped => r.items().map(|(_, _, it)| it.id.as_str()).collect(),
            crate::rubric::Order::Interleaved => (0..rounds)
                .flat_map(|k| dims.iter().filter_map(move |d| d.items.get(k)).map(|it| it.id.as_str()))
                .collect(),
        };
        let given: Vec<i64> = asked.iter().filter_map(|id| answers.get(*id).copied().flatten()).collect();
        let n = given.len();
        let mut counts: HashMap<i64, usize> = HashMap::new();
        for v in &given {
            *counts.entry(*v).or_default() += 1;
        }
        let most = counts.values().copied().max().unwrap_or(0);
        let straight_line = n >= 5 && most * 10 >= n * 8;

        // Runs of one value over the answers in the order asked.
        let mut longstring = 0;
        let mut k = 0;
        while k < n {
            let mut end = k;
            while end < n && given[end] == given[k] {
                end += 1;
            }
            longstring = longstring.max(end - k);
            k = end;
        }
        let irv = (n >= 2).then(|| {
            let mean = given.iter().sum::<i64>() as f64 / n as f64;
            let squares: f64 = given.iter().map(|&v| (v as f64 - mean) * (v as f64 - mean)).sum();
            (squares / (n - 1) as f64).sqrt()
        });
        let too_good = n >= 10
            && r.items().all(|(_, _, it)| match answers.get(&it.id).copied().flatten() {
                Some(v) => v == if it.reverse { r.scale.min } else { r.scale.max },
                None => true,
            });

        let (min, max) = (r.scale.min as f64, r.scale.max as f64);
        let high = min + 0.75 * (max - min);
        let mean = |vals: &[i64]| vals.iter().sum::<i64>() as f64 / vals.len() as f64;
        let agrees = |id: &str| answers.get(id).copied().flatten().is_some_and(|v| v as f64 >= high);
        let pairs: Vec<(&str, &str)> =
            r.items().filter_map(|(_, _, it)| Some((it.id.as_str(), it.opposite.as_deref()?))).collect();
        let by_dimensions = r.dimensions().any(|(_, d)| {
            let (mut plain, mut rev) = (Vec::new(), Vec::new());
            for it in &d.items {
                if let Some(Some(v)) = answers.get(&it.id) {
                    if it.reverse { rev.push(*v) } else { plain.push(*v) }
                }
            }
            !plain.is_empty() && !rev.is_empty() && mean(&plain) >= high && mean(&rev) >= high
        });
        let reverse_inconsistent =
            if pairs.is_empty() { by_dimensions } else { pairs.iter().any(|(a, b)| agrees(a) && agrees(b)) };
        let too_fast = seconds.is_some_and(|s| !given.is_empty() && s < TOO_FAST_SECONDS_PER_ITEM * given.len() as f64);

        let mut flags = Vec::new();
        for (on, name) in [
            (straight_line, "straight_line"),
            (longstring >= 6 && longstring * 2 >= n, "longstring"),
            (reverse_inconsistent, "reverse_inconsistent"),
            (too_good, "too_good"),
            (too_fast, "too_fast"),
        ] {
            if on {
                flags.push(name.to_string());
            }
        }
        Quality { seconds, straight_line, reverse_inconsistent, longstring, irv, flags }
    }
}

fn check_same(loaded: &rubric::Loaded, resp: &Response, opts: &Options) -> Result<(), TestCaseError> {
    let want = reference::score(loaded, resp, opts, "01ID".into(), "2026-11-28T09:30:00+08:00");
    let got = score(loaded, resp, opts, "01ID".into(), "2026-11-28T09:30:00+08:00");
    prop_assert_eq!(&got, &want);
    // Bit for bit, not only ==.
    let bits = |r: &ResultDoc| {
        r.dimensions()
            .map(|(_, d)| d.score.map(f64::to_bits))
            .chain([r.overall.score.map(f64::to_bits)])
            .collect::<Vec<_>>()
    };
    prop_assert_eq!(bits(&got), bits(&want));
    let scorer = Scorer::new(loaded, opts);
    let values = scorer.index.values(&resp.answers);
    let scores = scorer.scores(&values, resp.seconds, resp.rater.role);
    let meta = Meta {
        subject: &resp.subject,
        rater: &resp.rater,
        session: resp.session.as_deref(),
        taken_at: resp.taken_at.as_deref().unwrap_or("2026-11-28T09:30:00+08:00"),
        taken_at_given: resp.taken_at.as_deref(),
    };
    for previous in [
        None,
        Some(Previous { id: "01P\"".into(), taken_at: "t".into(), overall_delta: Some(-0.1), dimensions: Vec::new() }),
    ] {
        let mut doc = want.clone();
        doc.previous = previous.clone();
        let mut text = Vec::new();
        scorer.write_json(&mut text, &scores, &meta, &values, "01ID", previous.as_ref());
        prop_assert_eq!(String::from_utf8(text).unwrap(), serde_json::to_string(&doc).unwrap());
    }
    Ok(())
}

fn text_strategy() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), "[a-z张三\"\\\\\n\t\u{1}<>]{0,8}".prop_map(|s| s)]
}

proptest! {
    #[test]
    fn the_scorer_is_the_reference_on_the_test_rubric(
        vals in answers_strategy(),
        target in proptest::option::of(0.0f64..=100.0),
        chief in any::<bool>(),
        seconds in proptest::option::of(0.0f64..100.0),
        name in text_strategy(),
        dept in proptest::option::of(text_strategy()),
        session in proptest::option::of(text_strategy()),
        attributes in proptest::collection::vec((text_strategy(), text_strategy()), 0..4),
        given in any::<bool>(),
    ) {
        let loaded = &*testing::SCORED_LOADED;
        let mut resp = resp(&[]);
        resp.answers = item_ids().into_iter().zip(vals.iter().copied()).map(|(k, v)| (k.to_string(), v)).collect();
        resp.seconds = seconds;
        resp.subject = Subject { name, department: dept, attributes: attributes.into_iter().collect() };
        resp.session = session;
        resp.taken_at = given.then(|| "2026-05-01T08:00:00+08:00".to_string());
        let opts = Options { lang: "en".into(), target, profile: chief.then(|| "chief".to_string()) };
        check_same(loaded, &resp, &opts)?;
    }

    #[test]
    fn the_scorer_is_the_reference_on_office(
        vals in proptest::collection::vec(proptest::option::weighted(0.9, 1i64..=5), 84),
        zh in any::<bool>(),
        profile in proptest::option::of(prop_oneof![Just("staff".to_string()), Just("section-chief".to_string()), Just("division-director".to_string())]),
        role in 0usize..5,
    ) {
        let loaded = &*testing::OFFICE;
        let ids: Vec<String> = loaded.rubric.items().map(|(_, _, i)| i.id.clone()).collect();
        prop_assert_eq!(ids.len(), vals.len());
        let mut resp = resp(&[]);
        // Some items left out altogether, some given as skipped.
        resp.answers = ids.into_iter().zip(vals).enumerate().filter(|(k, _)| k % 7 != 3).map(|(_, p)| p).collect();
        resp.rater = Rater { role: Role::ALL[role], name: (role > 0).then(|| "李四".to_string()) };
        resp.taken_at = Some("2026-05-01T08:00:00+08:00".into());
        let opts = Options { lang: if zh { "zh" } else { "en" }.into(), target: None, profile };
        check_same(loaded, &resp, &opts)?;
    }
}

/// A rubric that `rubric check` refuses (weights of 1e308) still never
/// makes a score that is not finite: such a score is none.
#[test]
fn no_score_is_ever_infinite_or_nan() {
    let mut loaded = testing::mini();
    for it in &mut loaded.rubric.sections[0].dimensions[0].items {
        it.weight = 1e308;
    }
    loaded.rubric.sections[0].dimensions[0].weight = 1e308;
    loaded.rubric.sections[0].weight = 1e308;
    let resp = Response {
        answers: [("a", 5), ("b", 1), ("c", 4)].iter().map(|(k, v)| (k.to_string(), Some(*v))).collect(),
        ..resp(&[])
    };
    let opts = Options { lang: "en".into(), ..Options::default() };
    let r = score(&loaded, &resp, &opts, "01TEST".into(), "2026-11-28T09:30:00+08:00");
    let all = std::iter::once(r.overall.score)
        .chain(r.sections.iter().map(|s| s.score))
        .chain(r.dimensions().map(|(_, d)| d.score));
    for s in all {
        assert!(s.is_none_or(f64::is_finite), "{s:?}");
    }
    assert_eq!(r.dimensions().next().unwrap().1.score, None);
    assert!(r.priorities.iter().all(|p| p.weighted_gap.is_finite()));
    let text = serde_json::to_string(&r).unwrap();
    assert!(!text.contains("inf") && !text.contains("NaN"), "{text}");
}

#[test]
fn a_result_in_another_language_of_its_own_rubric() {
    let loaded = testing::core();
    let answers: Vec<(String, i64)> =
        loaded.rubric.items().enumerate().map(|(k, (_, _, i))| (i.id.clone(), 1 + (k % 5) as i64)).collect();
    let pairs: Vec<(&str, i64)> = answers.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let scored_in = |lang: &str| {
        score(
            &loaded,
            &resp(&pairs),
            &Options { lang: lang.into(), ..Default::default() },
            "01T".into(),
            "2026-11-28T09:30:00+08:00",
        )
    };
    let (en, zh) = (scored_in("en"), scored_in("zh"));
    let mut moved = en.clone();
    assert!(relocalize(&mut moved, &loaded, "zh"));
    // The texts are those of a result scored in Chinese; nothing else moved.
    assert_eq!(moved, zh);
    assert_ne!(en.sections[0].title, zh.sections[0].title);
    // Not the rubric it was scored against: left as it is.
    let mut other = en.clone();
    other.rubric.sha256 = "0".repeat(64);
    assert!(!relocalize(&mut other, &loaded, "zh"));
    assert_eq!(other.sections, en.sections);
    // A language the rubric lacks.
    let mut fr = en.clone();
    assert!(!relocalize(&mut fr, &loaded, "fr"));
    assert_eq!(fr, en);
}

/// A rubric of revision 2 (SPEC §3): interleaved; d1 with the pair a3
/// (reverse) ↔ a1; d2 a self-review; d3 with a reverse item but no pair.
/// Rubric order a1 a2 a3 b1 b2 b3 c1 c2 c3; asked a1 b1 c1 a2 b2 c2 a3 b3 c3.
const REVISED: &str = r#"
format = 1
id = "r2"
version = "1"
title = "R2"
languages = ["en"]
order = "interleaved"
[scale]
min = 1
max = 5
labels = ["1", "2", "3", "4", "5"]
allow_skip = true
[[sections]]
id = "s1"
title = "S1"
[[sections.dimensions]]
id = "d1"
title = "D1"
items = [
  { id = "a1", text = "A1" },
  { id = "a2", text = "A2" },
  { id = "a3", text = "A3", reverse = true, opposite = "a1" },
]
[[sections.dimensions]]
id = "d2"
title = "D2"
self_rating = "reflect"
items = [{ id = "b1", text = "B1" }, { id = "b2", text = "B2" }, { id = "b3", text = "B3" }]
[[sections]]
id = "s2"
title = "S2"
[[sections.dimensions]]
id = "d3"
title = "D3"
items = [{ id = "c1", text = "C1" }, { id = "c2", text = "C2" }, { id = "c3", text = "C3", reverse = true }]
"#;

static REVISED_LOADED: LazyLock<rubric::Loaded> = LazyLock::new(|| testing::load("r2.toml", REVISED));

const REVISED_IDS: [&str; 9] = ["a1", "a2", "a3", "b1", "b2", "b3", "c1", "c2", "c3"];

/// The answers in rubric order (None: skipped), by a rater in `role`.
fn run_revised(vals: [Option<i64>; 9], role: Role) -> ResultDoc {
    let mut r = resp(&[]);
    r.answers = REVISED_IDS.iter().zip(vals).map(|(k, v)| (k.to_string(), v)).collect();
    r.rater = Rater { role, name: (role != Role::SelfRating).then(|| "B".to_string()) };
    let opts = Options { lang: "en".into(), ..Default::default() };
    score(&REVISED_LOADED, &r, &opts, "01R".into(), "2026-11-28T09:30:00+08:00")
}

#[test]
fn a_self_review_dimension_is_not_scored_in_a_self_assessment() {
    // d1: 100, 50, (6 − 2 = 4) 75 → 75. d2 all 1 (it would be 0). d3: 75, 75, 75 → 75.
    let vals = [Some(5), Some(3), Some(2), Some(1), Some(1), Some(1), Some(4), Some(4), Some(2)];
    let r = run_revised(vals, Role::SelfRating);
    let d2 = dim(&r, "d2");
    assert_eq!((d2.score, d2.gap, d2.severity, d2.reflect), (None, None, Severity::Unknown, true));
    assert_eq!(d2.target, 80.0);
    assert_eq!((d2.answered, d2.items), (3, 3));
    assert!(!dim(&r, "d1").reflect && !dim(&r, "d3").reflect);
    // s1 is d1 alone, not (75 + 0) / 2; the overall is (75 + 75) / 2.
    assert_eq!(r.sections[0].score, Some(75.0));
    assert_eq!(r.overall.score, Some(75.0));
    // Never a development focus (its gap would be 80) nor a strength.
    let focus: Vec<&str> = r.priorities.iter().map(|p| p.dimension.as_str()).collect();
    // d3 is half of the overall score, d1 a quarter: equal gaps of 5 rank d3 first.
    assert_eq!(focus, ["d3", "d1"]);
    assert!(r.strengths.is_empty());
    // Its answers are kept.
    assert_eq!(r.answers.get("b1"), Some(&Some(1)));
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["sections"][0]["dimensions"][1]["reflect"], serde_json::json!(true));
    assert!(json["sections"][0]["dimensions"][0].get("reflect").is_none());
}

#[test]
fn a_self_review_dimension_rated_by_someone_else_is_scored_as_usual() {
    let vals = [Some(5), Some(3), Some(2), Some(1), Some(1), Some(1), Some(4), Some(4), Some(2)];
    for role in [Role::Supervisor, Role::Peer, Role::Subordinate, Role::Other] {
        let r = run_revised(vals, role);
        let d2 = dim(&r, "d2");
        assert_eq!((d2.score, d2.gap, d2.severity, d2.reflect), (Some(0.0), Some(80.0), Severity::Critical, false));
        // s1 = (75 + 0) / 2; overall (37.5 + 75) / 2.
        assert_eq!(r.sections[0].score, Some(37.5));
        assert_eq!(r.overall.score, Some(56.25));
        assert_eq!(r.priorities[0].dimension, "d2");
        assert_eq!(r.priorities[0].gap, 80.0);
    }
}

#[test]
fn a_self_assessment_of_self_review_answers_only_has_no_overall() {
    let vals = [None, None, None, Some(5), Some(5), Some(5), None, None, None];
    let r = run_revised(vals, Role::SelfRating);
    assert_eq!(r.overall.score, None);
    assert_eq!(r.sections[0].score, None);
    assert!(r.priorities.is_empty() && r.strengths.is_empty());
    assert!(dim(&r, "d2").reflect);
}

#[test]
fn longstring_runs_over_the_interleaved_order_asked() {
    // Rubric order 3 3 3 3 3 3 1 2 4 would be a run of six (flagged); asked
    // a1 b1 c1 a2 b2 c2 a3 b3 c3 it is 3 3 1 3 3 2 3 3 4: runs of two.
    let r = run_revised([Some(3), Some(3), Some(3), Some(3), Some(3), Some(3), Some(1), Some(2), Some(4)], Role::Peer);
    assert_eq!(r.quality.longstring, 2);
    assert!(r.quality.flags.is_empty(), "{:?}", r.quality.flags);
    // The other way: 4 4 1 | 4 4 2 | 4 4 5 in rubric order (runs of two) is
    // asked 4 4 4 4 4 4 1 2 5: a run of six, at least half of nine.
    let r = run_revised([Some(4), Some(4), Some(1), Some(4), Some(4), Some(2), Some(4), Some(4), Some(5)], Role::Peer);
    assert_eq!(r.quality.longstring, 6);
    assert_eq!(r.quality.flags, ["longstring"]);
    // A skipped item does not break the run: b1 skipped, a1 c1 a2 b2 c2 at 2.
    let r = run_revised([Some(2), Some(2), Some(5), None, Some(2), Some(1), Some(2), Some(2), Some(3)], Role::Peer);
    assert_eq!(r.quality.longstring, 5);
}

#[test]
fn reverse_inconsistent_by_the_declared_pairs() {
    // The line is 1 + 0.75 × 4 = 4. a1 = 4 and its opposite a3 = 4: both agreed with.
    let mut vals = [Some(4), Some(2), Some(4), Some(3), Some(2), Some(1), Some(3), Some(2), Some(1)];
    let r = run_revised(vals, Role::Peer);
    assert!(r.quality.reverse_inconsistent);
    assert_eq!(r.quality.flags, ["reverse_inconsistent"]);
    // a3 = 3: under the line.
    vals[2] = Some(3);
    assert!(!run_revised(vals, Role::Peer).quality.reverse_inconsistent);
    // One answer of the pair missing: not flagged.
    vals[2] = None;
    vals[0] = Some(5);
    assert!(!run_revised(vals, Role::Peer).quality.reverse_inconsistent);
    vals[0] = None;
    vals[2] = Some(5);
    assert!(!run_revised(vals, Role::Peer).quality.reverse_inconsistent);
    // A rubric with pairs no longer uses the rule by dimension: d3 plain c1 c2
    // at 5 and reverse c3 at 5 would be flagged by it.
    let vals = [Some(2), Some(2), Some(2), Some(3), Some(1), Some(2), Some(5), Some(5), Some(5)];
    assert!(!run_revised(vals, Role::Peer).quality.reverse_inconsistent);
    // Without the pair, the same answers are flagged by it (revision 1).
    let mut loaded = REVISED_LOADED.clone();
    loaded.rubric.sections[0].dimensions[0].items[2].opposite = None;
    let mut r = resp(&[]);
    r.answers = REVISED_IDS.iter().zip(vals).map(|(k, v)| (k.to_string(), v)).collect();
    let doc = score(&loaded, &r, &Options { lang: "en".into(), ..Default::default() }, "x".into(), "now");
    assert!(doc.quality.reverse_inconsistent);
}

proptest! {
    #[test]
    fn the_scorer_is_the_reference_on_a_revised_rubric(
        vals in proptest::collection::vec(proptest::option::weighted(0.8, 1i64..=5), 9),
        role in 0usize..5,
        seconds in proptest::option::of(0.0f64..40.0),
    ) {
        let mut resp = resp(&[]);
        resp.answers = REVISED_IDS.iter().zip(vals).map(|(k, v)| (k.to_string(), v)).collect();
        resp.rater = Rater { role: Role::ALL[role], name: None };
        resp.seconds = seconds;
        check_same(&REVISED_LOADED, &resp, &Options { lang: "en".into(), ..Default::default() })?;
    }
}

/// Development focuses rank by a gap's share of the overall score: with
/// section weights equal to their numbers of dimensions every dimension
/// counts the same (1); with equal section weights a lone dimension counts
/// as much as its whole section. Hand-computed.
#[test]
fn priorities_rank_by_each_dimension_s_share_of_the_overall_score() {
    let mut r = testing::core().rubric.clone();
    for s in &mut r.sections {
        s.weight = s.dimensions.len() as f64;
    }
    assert!(priority_weights(&r).iter().all(|&w| (w - 1.0).abs() < 1e-12), "{:?}", priority_weights(&r));
    for s in &mut r.sections {
        s.weight = 1.0;
    }
    // 10 dimensions in sections of 1, 4 and 5: 10·1·⅓, 10·¼·⅓, 10·⅕·⅓.
    let w = priority_weights(&r);
    assert!((w[0] - 10.0 / 3.0).abs() < 1e-12 && (w[1] - 10.0 / 12.0).abs() < 1e-12, "{w:?}");
    assert!((w[9] - 10.0 / 15.0).abs() < 1e-12, "{w:?}");
    // A dimension weighed twice within its section counts twice its neighbour.
    r.sections[1].dimensions[0].weight = 2.0;
    let w = priority_weights(&r);
    assert!((w[1] - 2.0 * w[2]).abs() < 1e-12, "{w:?}");
    // The built-in core: the plain order of the gaps.
    assert!(priority_weights(&testing::core().rubric).iter().all(|&w| (w - 1.0).abs() < 1e-12));
}

//! The content rules of the current built-in rubrics (issue 13): the
//! things a loader cannot know but the instrument depends on.

use std::collections::{HashMap, HashSet};

use crate::lang::Lang;
use crate::lang::Text;
use crate::response::Response;
use crate::result::{Rater, ResultDoc, Role, Severity, Subject};
use crate::rubric::{BUILTINS, Item, Loaded, Order, load_builtin};
use crate::score::{Options, score};

fn current() -> Vec<Loaded> {
    BUILTINS.iter().map(|b| load_builtin(b, Lang::Zh).unwrap_or_else(|p| panic!("{}", p.render(Lang::En)))).collect()
}

fn builtin(id: &str) -> Loaded {
    current().into_iter().find(|l| l.rubric.id == id).unwrap_or_else(|| panic!("{id} is built in"))
}

fn lang_text<'a>(t: &'a Text, lang: &str) -> Option<&'a str> {
    match t {
        Text::Translated(map) => map.get(lang).map(String::as_str).filter(|s| !s.trim().is_empty()),
        Text::Plain(_) => None,
    }
}

#[test]
fn every_item_has_others_in_chinese_and_english_in_the_third_person() {
    for l in current() {
        for (_, _, item) in l.rubric.items() {
            let others = item.others.as_ref().unwrap_or_else(|| panic!("{}: {} has no others", l.rubric.id, item.id));
            let zh = lang_text(others, "zh").unwrap_or_else(|| panic!("{}: others.zh", item.id));
            let en = lang_text(others, "en").unwrap_or_else(|| panic!("{}: others.en", item.id));
            assert!(zh.contains("该同志") && !zh.contains('我'), "{}: {zh}", item.id);
            assert!(en.to_lowercase().contains("this colleague"), "{}: {en}", item.id);
            assert_ne!(Some(zh), lang_text(&item.text, "zh"), "{}", item.id);
        }
    }
}

#[test]
fn every_dimension_has_five_or_six_items_and_two_reverse_keyed() {
    for l in current() {
        for (_, d) in l.rubric.dimensions() {
            let reverse = d.items.iter().filter(|i| i.reverse).count();
            assert!((5..=6).contains(&d.items.len()), "{}: {} has {} items", l.rubric.id, d.id, d.items.len());
            assert!(reverse >= 2, "{}: {} has {reverse} reverse items", l.rubric.id, d.id);
        }
    }
}

/// Reverse items are not always last: in some dimensions the last item is
/// plain, and the places of the reverse items differ between dimensions.
#[test]
fn reverse_items_are_not_always_in_the_same_places() {
    for l in current() {
        let places: Vec<Vec<usize>> = l
            .rubric
            .dimensions()
            .map(|(_, d)| d.items.iter().enumerate().filter(|(_, i)| i.reverse).map(|(k, _)| k).collect())
            .collect();
        let last_plain = l.rubric.dimensions().filter(|(_, d)| d.items.last().is_some_and(|i| !i.reverse)).count();
        assert!(last_plain > 0, "{}: every dimension ends on a reverse item", l.rubric.id);
        let distinct: HashSet<&Vec<usize>> = places.iter().collect();
        assert!(distinct.len() >= 3, "{}: reverse items at {places:?}", l.rubric.id);
        // No dimension's reverse items all come after all its plain ones.
        for (_, d) in l.rubric.dimensions() {
            let first_reverse = d.items.iter().position(|i| i.reverse).unwrap();
            let last_plain = d.items.iter().rposition(|i| !i.reverse).unwrap();
            assert!(first_reverse < last_plain, "{}: {} keeps its reverse items to the end", l.rubric.id, d.id);
        }
    }
}

#[test]
fn every_opposite_names_a_plain_item_of_its_dimension_once() {
    for l in current() {
        let mut named = HashSet::new();
        let mut pairs = 0;
        for (_, d) in l.rubric.dimensions() {
            let plain: HashMap<&str, &Item> =
                d.items.iter().filter(|i| !i.reverse).map(|i| (i.id.as_str(), i)).collect();
            for item in &d.items {
                let Some(target) = &item.opposite else { continue };
                pairs += 1;
                assert!(item.reverse, "{}: {} names an opposite but is not reverse", l.rubric.id, item.id);
                assert!(plain.contains_key(target.as_str()), "{}: {} → {target}", l.rubric.id, item.id);
                assert!(named.insert(target.clone()), "{}: {target} named twice", l.rubric.id);
            }
        }
        assert!(pairs >= l.rubric.dimensions().count(), "{}: only {pairs} opposite pairs", l.rubric.id);
    }
}

#[test]
fn the_word_zhudong_is_in_at_most_two_items() {
    for l in current() {
        let n: usize =
            l.rubric.items().map(|(_, _, i)| lang_text(&i.text, "zh").unwrap_or("").matches("主动").count()).sum();
        assert!(n <= 2, "{}: 主动 in {n} items", l.rubric.id);
    }
}

/// Twelve to thirty-five Chinese characters, in the first person.
#[test]
fn items_are_short_first_person_statements() {
    for l in current() {
        for (_, _, item) in l.rubric.items() {
            let zh = lang_text(&item.text, "zh").unwrap();
            let han = zh.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).count();
            assert!((12..=35).contains(&han), "{}: {han} characters", item.id);
            assert!(zh.contains('我'), "{}: {zh}", item.id);
        }
    }
}

#[test]
fn core_has_at_most_sixty_items() {
    let core = builtin("core");
    assert!(core.rubric.item_count() <= 60, "{}", core.rubric.item_count());
}

#[test]
fn office_repeats_the_sections_of_core_exactly() {
    let (core, office) = (builtin("core"), builtin("office"));
    assert_eq!(core.rubric.sections.len(), 3);
    assert_eq!(office.rubric.sections.len(), 4);
    assert_eq!(core.rubric.sections[..], office.rubric.sections[..3]);
    assert_eq!(core.rubric.scale, office.rubric.scale);
    assert_eq!(core.rubric.targets, office.rubric.targets);
    assert_eq!(core.rubric.profiles, office.rubric.profiles);
    assert_eq!(core.rubric.order, Order::Interleaved);
    assert_eq!(office.rubric.order, Order::Interleaved);
}

fn rated(l: &Loaded, answer: impl Fn(usize, &Item) -> i64) -> ResultDoc {
    let answers = l.rubric.items().enumerate().map(|(k, (_, _, i))| (i.id.clone(), Some(answer(k, i)))).collect();
    let resp = Response {
        subject: Subject { name: "张三".into(), department: None, ..Default::default() },
        rater: Rater { role: Role::Supervisor, name: Some("李四".into()) },
        answers,
        ..Default::default()
    };
    score(l, &resp, &Options { lang: "zh".into(), ..Default::default() }, "01TEST".into(), "2026-12-01T09:00:00+08:00")
}

/// Section weights equal to their number of dimensions make the overall
/// score the plain mean of the dimension scores.
#[test]
fn every_dimension_weighs_the_same_in_the_overall_score() {
    for l in current() {
        let r = rated(&l, |k, _| [1, 5, 4, 2, 3, 5, 5, 1, 4][(k * 7 + k / 3) % 9]);
        let dims: Vec<f64> = r.dimensions().map(|(_, d)| d.score.unwrap()).collect();
        assert_eq!(dims.len(), l.rubric.dimensions().count());
        let spread = dims.iter().cloned().fold(f64::MIN, f64::max) - dims.iter().cloned().fold(f64::MAX, f64::min);
        assert!(spread > 10.0, "{}: the made-up answers should vary the dimensions: {dims:?}", l.rubric.id);
        let mean = dims.iter().sum::<f64>() / dims.len() as f64;
        let overall = r.overall.score.unwrap();
        assert!((overall - mean).abs() < 1e-9, "{}: overall {overall} vs mean {mean}", l.rubric.id);
    }
}

/// 较符合 on every plain item and 较不符合 on every reverse item is 75,
/// the default target: met.
#[test]
fn mostly_like_me_throughout_meets_the_default_target() {
    for l in current() {
        assert_eq!(l.rubric.targets.default, 75.0);
        let r = rated(&l, |_, i| if i.reverse { 2 } else { 4 });
        for (_, d) in r.dimensions() {
            assert_eq!(d.score, Some(75.0), "{}: {}", l.rubric.id, d.id);
            assert_eq!(d.severity, Severity::Met, "{}: {}", l.rubric.id, d.id);
        }
        assert_eq!(r.overall.score, Some(75.0));
        assert_eq!(r.overall.severity, Severity::Met);
        assert!(r.priorities.is_empty(), "{}", l.rubric.id);
    }
}

#[test]
fn profiles_step_from_staff_to_division_director_below_the_ceiling() {
    for l in current() {
        let p = &l.rubric.profiles;
        let defaults: Vec<f64> =
            ["staff", "section-chief", "division-director"].iter().map(|id| p[*id].default.unwrap()).collect();
        assert_eq!(defaults, [70.0, 75.0, 80.0], "{}", l.rubric.id);
        assert!(p.values().all(|p| p.targets.values().all(|&t| t <= 85.0)));
    }
}

#[test]
fn every_dimension_has_two_to_four_suggestions() {
    for l in current() {
        for (_, d) in l.rubric.dimensions() {
            assert!((2..=4).contains(&d.suggestions.len()), "{}: {}", l.rubric.id, d.id);
        }
    }
}

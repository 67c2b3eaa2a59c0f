use super::*;

#[test]
fn numbers_people_see() {
    assert_eq!(num(72.45), "72.5");
    assert_eq!(num(-0.04), "0.0");
    assert_eq!(delta(5.0), "+5.0");
    assert_eq!(delta(-2.5), "−2.5");
    assert_eq!(Trend::of(1.0), Trend::Steady);
    assert_eq!(Trend::of(-1.01), Trend::Down);
    assert_eq!(Trend::of(1.01), Trend::Up);
}

use crate::lang::Lang;
use crate::response::Response;
use crate::result::{Previous, Rater, Role, Subject};
use crate::score::{self, Options};
use crate::testing;

/// A fixed result on the built-in core rubric: deterministic answers, id and time.
fn sample(lang: Lang, previous: bool) -> (crate::result::ResultDoc, Option<crate::result::ResultDoc>) {
    let loaded = testing::core();
    let ids: Vec<String> = loaded.rubric.items().map(|(_, _, i)| i.id.clone()).collect();
    let answers = |seed: usize| {
        ids.iter().enumerate().map(|(k, id)| (id.clone(), Some(1 + ((k * 7 + seed) % 5) as i64))).collect()
    };
    let resp = |seed, ts: &str| Response {
        subject: Subject { name: "张三".into(), department: Some("秘书处".into()), ..Default::default() },
        rater: Rater { role: Role::SelfRating, name: None },
        session: Some("2026秋季班".into()),
        taken_at: Some(ts.into()),
        answers: answers(seed),
        seconds: None,
    };
    let opts = Options { lang: lang.code().into(), ..Default::default() };
    let mut now = score::score(&loaded, &resp(3, "2026-11-28T09:30:00+08:00"), &opts, "01JDXNOW".into(), "");
    // Snapshots should not change with every edit of the rubric file.
    now.rubric.sha256 = "0".repeat(64);
    if !previous {
        return (now, None);
    }
    let before = score::score(&loaded, &resp(1, "2026-05-20T09:30:00+08:00"), &opts, "01JDXBEFORE".into(), "");
    now.previous = Some(Previous {
        id: before.id.clone(),
        taken_at: before.taken_at.clone(),
        overall_delta: Some(now.overall.score.unwrap() - before.overall.score.unwrap()),
        dimensions: Vec::new(),
    });
    (now, Some(before))
}

fn rendered(format: Format, lang: Lang, ascii: bool, previous: bool) -> String {
    let (now, before) = sample(lang, previous);
    let style = Style { lang, color: false, ascii, width: 100, bom: false };
    let bytes = render(format, &style, &[Entry::new(&now, before.as_ref())]);
    String::from_utf8(bytes).unwrap()
}

#[test]
fn table_zh() {
    insta::assert_snapshot!(rendered(Format::Table, Lang::Zh, false, false));
}

#[test]
fn table_en() {
    insta::assert_snapshot!(rendered(Format::Table, Lang::En, false, false));
}

#[test]
fn table_ascii_with_change_zh() {
    insta::assert_snapshot!(rendered(Format::Table, Lang::Zh, true, true));
}

#[test]
fn table_with_change_en() {
    insta::assert_snapshot!(rendered(Format::Table, Lang::En, false, true));
}

#[test]
fn markdown_zh() {
    insta::assert_snapshot!(rendered(Format::Markdown, Lang::Zh, false, true));
}

#[test]
fn markdown_en() {
    insta::assert_snapshot!(rendered(Format::Markdown, Lang::En, false, false));
}

#[test]
fn csv_zh() {
    insta::assert_snapshot!(rendered(Format::Csv, Lang::Zh, false, false));
}

#[test]
fn csv_en() {
    insta::assert_snapshot!(rendered(Format::Csv, Lang::En, false, false));
}

#[test]
fn json_zh() {
    insta::assert_snapshot!(rendered(Format::Json, Lang::Zh, false, true));
}

#[test]
fn json_en() {
    insta::assert_snapshot!(rendered(Format::Json, Lang::En, false, false));
}

#[test]
fn jsonl_is_one_line_per_result() {
    let (a, _) = sample(Lang::En, false);
    let style = Style::default();
    let out = render(Format::Jsonl, &style, &[Entry::new(&a, None), Entry::new(&a, None)]);
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 2);
    for line in text.lines() {
        let back: crate::result::ResultDoc = serde_json::from_str(line).unwrap();
        assert_eq!(back, a);
    }
}

#[test]
fn json_array_for_several() {
    let (a, _) = sample(Lang::En, false);
    let out = render(Format::Json, &Style::default(), &[Entry::new(&a, None); 3]);
    let v: Vec<crate::result::ResultDoc> = serde_json::from_slice(&out).unwrap();
    assert_eq!(v.len(), 3);
    let none = render(Format::Json, &Style::default(), &[]);
    assert_eq!(none, b"[]\n");
}

#[test]
fn csv_bom_and_injection() {
    let (mut a, _) = sample(Lang::En, false);
    a.subject.name = "=HYPERLINK(\"http://x\")".into();
    let style = Style { bom: true, ..Style::default() };
    let out = String::from_utf8(render(Format::Csv, &style, &[Entry::new(&a, None)])).unwrap();
    assert!(out.starts_with('\u{feff}'));
    let mut rdr = ::csv::Reader::from_reader(out.trim_start_matches('\u{feff}').as_bytes());
    for row in rdr.records() {
        let row = row.unwrap();
        assert_eq!(&row[1], "'=HYPERLINK(\"http://x\")");
    }
}

#[test]
fn table_lines_up_with_chinese() {
    let text = rendered(Format::Table, Lang::Zh, false, true);
    let widths: Vec<usize> = text
        .lines()
        .filter(|l| {
            l.starts_with('│') || l.starts_with('╭') || l.starts_with('╰') || l.starts_with('├') || l.starts_with('╞')
        })
        .map(crate::width::width)
        .collect();
    assert!(widths.len() > 10);
    assert!(widths.iter().all(|w| *w == widths[0]), "{widths:?}");
}

#[test]
fn colour_only_when_asked() {
    let (a, _) = sample(Lang::Zh, false);
    let plain = render(Format::Table, &Style::default(), &[Entry::new(&a, None)]);
    assert!(!plain.contains(&0x1b));
    let style = Style { color: true, ..Style::default() };
    let coloured = render(Format::Table, &style, &[Entry::new(&a, None)]);
    assert!(coloured.contains(&0x1b));
}

// ---------------------------------------------------------------------------
// History and group reports, through the one renderer of each format.

/// A result of `name` on the core rubric, answered by a fixed pattern.
fn person(lang: Lang, name: &str, dept: &str, seed: usize, ts: &str) -> crate::result::ResultDoc {
    let loaded = testing::core();
    let answers = loaded
        .rubric
        .items()
        .enumerate()
        .map(|(k, (_, _, i))| (i.id.clone(), Some(1 + ((k * 3 + seed * 2 + k / 4 + seed * k / 7) % 5) as i64)))
        .collect();
    let resp = Response {
        subject: Subject { name: name.into(), department: Some(dept.into()), ..Default::default() },
        rater: Rater { role: Role::SelfRating, name: None },
        session: Some("2026秋季班".into()),
        taken_at: Some(ts.into()),
        answers,
        seconds: None,
    };
    let opts = Options { lang: lang.code().into(), ..Default::default() };
    let mut r = score::score(&loaded, &resp, &opts, format!("01JDX{seed:04}"), "");
    r.rubric.sha256 = "0".repeat(64);
    r
}

fn history_in(format: Format, lang: Lang) -> String {
    let rows: Vec<_> =
        [(1, "2025-11-20T09:30:00+08:00"), (2, "2026-05-20T09:30:00+08:00"), (4, "2026-11-28T09:30:00+08:00")]
            .iter()
            .map(|(seed, ts)| person(lang, "张三", "秘书处", *seed, ts))
            .collect();
    let h = history::build("张三", &rows);
    let style = Style { lang, color: false, ascii: false, width: 100, bom: false };
    renderer(format, &style).history(&h)
}

fn group_in(format: Format, lang: Lang) -> String {
    group_at(format, lang, 100)
}

fn group_at(format: Format, lang: Lang, width: u16) -> String {
    let loaded = testing::core();
    let people: Vec<_> = (0..8)
        .map(|k| {
            let dept = if k < 5 { "秘书处" } else { "研究室" };
            person(lang, &format!("学员{k}"), dept, k, "2026-11-28T09:30:00+08:00")
        })
        .collect();
    let mut b = crate::group::Builder::new(
        &people[0],
        Some(&loaded.rubric),
        lang.code(),
        Some(crate::group::By::Department),
        false,
    );
    for p in &people {
        b.add(p);
    }
    let doc = b.finish(5, 1);
    let style = Style { lang, color: false, ascii: false, width, bom: false };
    renderer(format, &style).group(&doc, b.texts())
}

#[test]
fn history_in_every_text_format() {
    for lang in [Lang::Zh, Lang::En] {
        for (name, format) in [("table", Format::Table), ("markdown", Format::Markdown), ("csv", Format::Csv)] {
            insta::assert_snapshot!(format!("history_{name}_{lang}"), history_in(format, lang));
        }
    }
    let json: serde_json::Value = serde_json::from_str(&history_in(Format::Json, Lang::Zh)).unwrap();
    assert_eq!(json["results"].as_array().map(Vec::len), Some(3));
    assert_eq!(history_in(Format::Jsonl, Lang::Zh).lines().count(), 1);
}

#[test]
fn group_in_every_text_format() {
    for lang in [Lang::Zh, Lang::En] {
        for (name, format) in [("table", Format::Table), ("markdown", Format::Markdown), ("csv", Format::Csv)] {
            insta::assert_snapshot!(format!("group_{name}_{lang}"), group_in(format, lang));
        }
    }
    let json: serde_json::Value = serde_json::from_str(&group_in(Format::Json, Lang::Zh)).unwrap();
    assert_eq!(json["schema"], "zhixing.group.v1");
    assert_eq!(group_in(Format::Jsonl, Lang::Zh).lines().count(), 1);
}

/// A result with one answer: no overall score.
fn unscorable_sample(lang: Lang) -> crate::result::ResultDoc {
    let loaded = testing::core();
    let first = loaded.rubric.items().next().unwrap().2.id.clone();
    let resp = Response {
        subject: Subject { name: "张三".into(), department: None, ..Subject::default() },
        answers: [(first, Some(4))].into_iter().collect(),
        ..Default::default()
    };
    let opts = Options { lang: lang.code().into(), ..Default::default() };
    score::score(&loaded, &resp, &opts, "01X".into(), "2026-11-28T09:30:00+08:00")
}

#[test]
fn an_unscorable_result_says_so_in_every_format() {
    for (lang, plain, met, focus) in [
        (Lang::Zh, "作答不足，无法评分", "各维度均已达到目标", "发展重点"),
        (Lang::En, "too few answers to score", "Every dimension meets its target", "Development focus"),
    ] {
        let r = unscorable_sample(lang);
        assert_eq!(r.overall.score, None);
        assert!(r.priorities.is_empty() && r.strengths.is_empty());
        for format in [Format::Table, Format::Markdown, Format::Html, Format::Csv] {
            let style = Style { lang, ..Style::default() };
            let out = String::from_utf8(render(format, &style, &[Entry::new(&r, None)])).unwrap();
            assert!(out.contains(plain), "{format:?} {lang:?}: {out}");
            assert!(!out.contains(met), "{format:?} {lang:?}: {out}");
            for heading in [format!("\n{focus}\n"), format!("## {focus}"), format!("<h2>{focus}</h2>")] {
                assert!(!out.contains(&heading), "{format:?} {lang:?}: no development focus heading\n{out}");
            }
        }
        let style = Style { lang, ..Style::default() };
        let table = String::from_utf8(render(Format::Table, &style, &[Entry::new(&r, None)])).unwrap();
        // The whole sentence, wrapped to the width.
        assert!(table.replace('\n', " ").contains(&crate::report::unscorable_text(&r, lang)), "{table}");
        assert_eq!(crate::report::answered_of(&r), (1, 60));
    }
}

#[test]
fn a_table_cell_shows_what_it_holds_and_keeps_its_width() {
    let (mut a, _) = sample(Lang::Zh, false);
    a.sections[1].title = "一个\u{1b}]0;x\u{7}前提\u{202e}".into();
    a.subject.name = "张三\u{1b}[2J".into();
    for color in [false, true] {
        let style = Style { color, ..Style::default() };
        let out = String::from_utf8(render(Format::Table, &style, &[Entry::new(&a, None)])).unwrap();
        assert!(out.contains("一个\\u{1b}]0;x\\u{7}前提\\u{202e}"), "{out}");
        // The heading is bold, and its name shown.
        assert!(out.contains("张三\\u{1b}[2J"), "{out}");
        let plain: String = out.replace("\u{1b}[1m", "").replace("\u{1b}[0m", "");
        let rows: Vec<&str> = plain.lines().filter(|l| l.starts_with('│')).collect();
        if !color {
            let widths: std::collections::BTreeSet<usize> = rows.iter().map(|l| crate::width::width(l)).collect();
            assert_eq!(widths.len(), 1, "{widths:?}\n{out}");
        }
        // The rest (the section's title in a priority's line) is for the
        // edge to show: what `emit` writes through.
        let mut shown = Vec::new();
        crate::visible::through(&mut shown, color, |w| w.write_all(out.as_bytes())).unwrap();
        let shown = String::from_utf8(shown).unwrap();
        assert!(!shown.contains("\u{1b}]") && !shown.contains("\u{202e}") && !shown.contains("\u{1b}[2J"), "{shown:?}");
        assert!(shown.contains("执行能力（一个\\u{1b}]0;x\\u{7}前提\\u{202e}）"), "{shown}");
    }
}

/// Every figure of a result as the report shows it, each of which must
/// stand whole on one line: the scores, targets and gaps, the titles.
fn whole_pieces(r: &crate::result::ResultDoc) -> Vec<String> {
    let mut pieces = vec![r.subject.name.clone(), r.id.clone()];
    for s in &r.sections {
        pieces.push(s.title.clone());
        for d in &s.dimensions {
            pieces.push(d.title.clone());
            // A self-review shows its title only: no score, target or gap.
            if !d.reflect {
                pieces.extend([opt_num(d.score), num(d.target), opt_num(d.gap)]);
            }
        }
    }
    pieces
}

fn at_width(lang: Lang, width: u16, previous: bool, flagged: bool) -> (String, crate::result::ResultDoc) {
    let (mut now, before) = sample(lang, previous);
    if flagged {
        now.quality.flags.push("straight_line".into());
    }
    if let Some(p) = now.previous.as_mut() {
        p.id = "01JDXBEFOREBEFOREBEFORE123".into();
    }
    let style = Style { lang, color: false, ascii: false, width, bom: false };
    let out = render(Format::Table, &style, &[Entry::new(&now, before.as_ref())]);
    (String::from_utf8(out).unwrap(), now)
}

#[test]
fn the_report_fits_every_width_and_splits_nothing() {
    for lang in [Lang::Zh, Lang::En] {
        for width in [40u16, 45, 59, 60, 72, 80, 100, 120] {
            for previous in [false, true] {
                let (out, r) = at_width(lang, width, previous, true);
                let cols = usize::from(width);
                for l in out.lines() {
                    assert!(crate::width::width(l) <= cols, "{lang:?} {width}: {l:?} is wider than {cols}\n{out}");
                }
                let lines: Vec<&str> = out.lines().collect();
                for piece in whole_pieces(&r) {
                    if piece == r.id {
                        continue;
                    }
                    assert!(lines.iter().any(|l| l.contains(&piece)), "{lang:?} {width}: {piece:?} split\n{out}");
                }
                if let Some(p) = &r.previous {
                    assert!(lines.iter().any(|l| l.contains(&p.id)), "{lang:?} {width}: the id split\n{out}");
                }
                // Every priority's title line keeps the dimension's name whole.
                for p in &r.priorities {
                    let title = r.dimension_title(&p.dimension);
                    assert!(lines.iter().any(|l| l.contains(title)), "{lang:?} {width}: {title} split\n{out}");
                }
                // No line breaks inside a number: no line ends in a digit and a point.
                assert!(
                    !lines.iter().any(|l| l.trim_end().ends_with('.') && l.trim_end().len() > 1 && {
                        let t = l.trim_end();
                        t[..t.len() - 1].ends_with(|c: char| c.is_ascii_digit())
                    }),
                    "{lang:?} {width}: a number split\n{out}"
                );
                let is_table = out.contains('┆');
                if width < 60 {
                    assert!(!is_table, "{lang:?} {width}: below 60 columns the report is a list\n{out}");
                }
                if width >= 100 {
                    assert!(is_table, "{lang:?} {width}: a table at 100 columns\n{out}");
                }
            }
        }
    }
}

#[test]
fn a_narrow_report_is_a_list_of_dimensions() {
    let (out, _) = at_width(Lang::Zh, 40, true, false);
    insta::assert_snapshot!(out);
}

#[test]
fn a_flagged_markdown_report_says_so_before_the_scores() {
    let (mut r, _) = sample(Lang::Zh, false);
    r.quality.flags.push("straight_line".into());
    let out = String::from_utf8(render(Format::Markdown, &Style::default(), &[Entry::new(&r, None)])).unwrap();
    let flag_at = out.find("作答质量提示").expect("the flag is shown");
    assert!(flag_at < out.find(&r.sections[0].title).unwrap(), "{out}");
    assert!(flag_at < out.find("总分").unwrap(), "{out}");
}

#[test]
fn a_flagged_report_says_so_before_the_scores() {
    for width in [40u16, 100] {
        let (out, r) = at_width(Lang::Zh, width, false, true);
        let flag_at = out.find("作答质量提示").expect("the flag is shown");
        let first_dimension = out.find(&r.sections[0].dimensions[0].title).unwrap();
        assert!(flag_at < first_dimension, "{out}");
    }
}

#[test]
fn the_group_report_fits_every_width_and_breaks_no_cell() {
    for lang in [Lang::Zh, Lang::En] {
        for width in [40u16, 60, 80, 100, 120] {
            let out = group_at(Format::Table, lang, width);
            let cols = usize::from(width);
            for l in out.lines() {
                assert!(crate::width::width(l) <= cols, "{lang:?} {width}: {l:?}\n{out}");
            }
            // A table row whose first cell is empty is a cell broken in two.
            assert!(
                !out.lines().any(|l| l.starts_with("│  ") && l.trim_start_matches('│').trim_start().starts_with('┆')),
                "{lang:?} {width}: a cell wrapped\n{out}"
            );
            for title in ["四个支撑要件", "执行能力", "Four supporting elements"] {
                if out.contains(&title[..3]) && lang == Lang::Zh || title.is_ascii() && lang == Lang::En {
                    assert!(out.contains(title), "{lang:?} {width}: {title} split\n{out}");
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Revision 2 (SPEC §9, §13): what a score means, the statements behind a
// development focus, the self-review, norms. The rubric is written here
// (the built-in ones change on their own schedule).

/// A small bilingual rubric with `others` texts, an `opposite` pair and a
/// dimension that a self-assessment does not score (`self_rating = "reflect"`).
const REVIEWED: &str = r#"
format = 1
id = "reviewed"
version = "2.0.0"
title = { zh = "执行力测评", en = "Execution capability assessment" }
languages = ["zh", "en"]

[scale]
min = 1
max = 5
labels = [
  { zh = "完全不符合", en = "Not at all like me" },
  { zh = "比较不符合", en = "Not much like me" },
  { zh = "一般", en = "Somewhat like me" },
  { zh = "比较符合", en = "Much like me" },
  { zh = "完全符合", en = "Very much like me" },
]
allow_skip = true

[targets]
default = 80.0

[[sections]]
id = "elements"
title = { zh = "四个支撑要件", en = "Four supporting elements" }

[[sections.dimensions]]
id = "ability"
title = { zh = "执行能力", en = "Ability" }
suggestions = [{ zh = "每项任务先列出步骤和时间节点。", en = "Break every task into steps with dates." }]

[[sections.dimensions.items]]
id = "ability.plan"
text = { zh = "接到任务后，我会先弄清目标和要求再动手。", en = "When given a task, I make sure of its aim and requirements before I start." }
others = { zh = "该同志接到任务后，会先弄清目标和要求再动手。", en = "When given a task, this colleague makes sure of its aim and requirements before starting." }

[[sections.dimensions.items]]
id = "ability.method"
text = { zh = "我会根据任务的特点选择合适的方法。", en = "I choose a method that suits the task." }
others = { zh = "该同志会根据任务的特点选择合适的方法。", en = "This colleague chooses a method that suits the task." }

[[sections.dimensions.items]]
id = "ability.rush"
text = { zh = "我常常没想清楚要求就匆忙开始。", en = "I often start in a hurry before the requirements are clear to me." }
others = { zh = "该同志常常没想清楚要求就匆忙开始。", en = "This colleague often starts in a hurry before the requirements are clear." }
reverse = true
opposite = "ability.plan"

[[sections.dimensions]]
id = "perseverance"
title = { zh = "执行毅力", en = "Perseverance" }
suggestions = [{ zh = "为难办的事定一个每周的小目标。", en = "Set a small weekly goal for the hardest task." }]

[[sections.dimensions.items]]
id = "perseverance.setbacks"
text = { zh = "遇到阻力时，我会坚持把工作推进到底。", en = "When I meet resistance, I keep the work going to the end." }
others = { zh = "遇到阻力时，该同志会坚持把工作推进到底。", en = "When this colleague meets resistance, the work is kept going to the end." }

[[sections.dimensions.items]]
id = "perseverance.long"
text = { zh = "周期长的任务，我也能始终保持进度。", en = "I keep to schedule on long tasks too." }
others = { zh = "周期长的任务，该同志也能始终保持进度。", en = "This colleague keeps to schedule on long tasks too." }

[[sections.dimensions.items]]
id = "perseverance.quit"
text = { zh = "事情一难办，我就想放一放。", en = "When a task gets hard, I tend to put it aside." }
others = { zh = "事情一难办，该同志就想放一放。", en = "When a task gets hard, this colleague tends to put it aside." }
reverse = true

[[sections]]
id = "qualities"
title = { zh = "五种素质", en = "Five qualities" }

[[sections.dimensions]]
id = "political"
title = { zh = "政治素质", en = "Political quality" }
self_rating = "reflect"
suggestions = [{ zh = "把学习体会写成简短的札记。", en = "Write short notes on what you study." }]

[[sections.dimensions.items]]
id = "political.stance"
text = { zh = "在大是大非面前，我的立场坚定。", en = "On questions of principle, I stand firm." }
others = { zh = "在大是大非面前，该同志立场坚定。", en = "On questions of principle, this colleague stands firm." }

[[sections.dimensions.items]]
id = "political.study"
text = { zh = "我会结合工作学习有关政策。", en = "I study the policies that bear on my work." }
others = { zh = "该同志会结合工作学习有关政策。", en = "This colleague studies the policies that bear on the work." }

[[sections.dimensions.items]]
id = "political.lax"
text = { zh = "我对纪律要求有时不太在意。", en = "I sometimes take the rules lightly." }
others = { zh = "该同志对纪律要求有时不太在意。", en = "This colleague sometimes takes the rules lightly." }
reverse = true

[[sections.dimensions]]
id = "ethics"
title = { zh = "职业操守", en = "Professional ethics" }
suggestions = [{ zh = "每月对照岗位职责自查一次。", en = "Check yourself against your duties once a month." }]

[[sections.dimensions.items]]
id = "ethics.duty"
text = { zh = "分内的事，我会不打折扣地完成。", en = "I do my own part in full." }
others = { zh = "分内的事，该同志会不打折扣地完成。", en = "This colleague does their own part in full." }

[[sections.dimensions.items]]
id = "ethics.credit"
text = { zh = "我不把别人的成绩说成自己的。", en = "I do not take credit for others' work." }
others = { zh = "该同志不把别人的成绩说成自己的。", en = "This colleague does not take credit for others' work." }

[[sections.dimensions.items]]
id = "ethics.corners"
text = { zh = "时间紧时，我会在程序上走捷径。", en = "When time is short, I cut corners on procedure." }
others = { zh = "时间紧时，该同志会在程序上走捷径。", en = "When time is short, this colleague cuts corners on procedure." }
reverse = true
"#;

/// The answers of the reviewed samples: large gaps (ability, ethics), one
/// dimension met (perseverance), the reflect dimension answered, one item
/// skipped.
const REVIEWED_ANSWERS: [(&str, Option<i64>); 12] = [
    ("ability.plan", Some(2)),
    ("ability.method", Some(3)),
    ("ability.rush", Some(4)),
    ("perseverance.setbacks", Some(4)),
    ("perseverance.long", Some(5)),
    ("perseverance.quit", Some(2)),
    ("political.stance", Some(5)),
    ("political.study", Some(4)),
    ("political.lax", None),
    ("ethics.duty", Some(3)),
    ("ethics.credit", Some(2)),
    ("ethics.corners", Some(3)),
];

fn reviewed_rubric() -> crate::rubric::Loaded {
    testing::load("reviewed.toml", REVIEWED)
}

/// A result on [`REVIEWED`] by `role`, with a previous result's changes
/// listed per dimension; with `norms`, the norm fields filled by hand as
/// scoring with norms fills them (SPEC §13). In a self-assessment the
/// reflect dimension is made what SPEC §5 makes it (no score, severity
/// unknown, `reflect`, out of the priorities and strengths), by hand, so
/// that this test does not wait for the scoring of it.
fn reviewed(lang: Lang, role: Role, norms: bool) -> crate::result::ResultDoc {
    use crate::result::{DimensionChange, Severity};
    let loaded = reviewed_rubric();
    let resp = Response {
        subject: Subject { name: "张三".into(), department: Some("秘书处".into()), ..Default::default() },
        rater: Rater { role, name: (role != Role::SelfRating).then(|| "李四".to_string()) },
        session: None,
        taken_at: Some("2026-11-28T09:30:00+08:00".into()),
        answers: REVIEWED_ANSWERS.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        seconds: None,
    };
    let opts = Options { lang: lang.code().into(), ..Default::default() };
    let mut r = score::score(&loaded, &resp, &opts, "01JDXREVIEWED".into(), "");
    r.rubric.sha256 = "0".repeat(64);
    if role == Role::SelfRating {
        for s in &mut r.sections {
            for d in s.dimensions.iter_mut().filter(|d| d.id == "political") {
                d.reflect = true;
                d.score = None;
                d.gap = None;
                d.severity = Severity::Unknown;
            }
        }
        r.priorities.retain(|p| p.dimension != "political");
        r.strengths.retain(|s| s.dimension != "political");
        // Its section's and the overall score without it (equal weights).
        let bands = &loaded.rubric.gap;
        let mean = |v: Vec<f64>| v.iter().sum::<f64>() / v.len() as f64;
        for s in &mut r.sections {
            let x = mean(s.dimensions.iter().filter(|d| !d.reflect).filter_map(|d| d.score).collect());
            s.score = Some(x);
            s.gap = Some(s.target - x);
            s.severity = score::severity(s.gap, bands);
        }
        let x = mean(r.sections.iter().filter_map(|s| s.score).collect());
        r.overall.score = Some(x);
        r.overall.gap = Some(r.overall.target - x);
        r.overall.severity = score::severity(r.overall.gap, bands);
    }
    let deltas = [("ability", Some(-12.5)), ("perseverance", Some(16.7)), ("political", None), ("ethics", Some(4.2))];
    let sem = 5.0;
    r.previous = Some(Previous {
        id: "01JDXBEFORE".into(),
        taken_at: "2026-05-20T09:30:00+08:00".into(),
        overall_delta: Some(2.1),
        dimensions: deltas
            .iter()
            .map(|(id, delta)| {
                let rci = delta.map(|d| d / (2f64.sqrt() * sem));
                DimensionChange {
                    id: id.to_string(),
                    delta: *delta,
                    rci: norms.then_some(rci),
                    reliable: norms.then_some(rci.map(|x| x.abs() >= 1.96)),
                }
            })
            .collect(),
    });
    if norms {
        r.overall.percentile = Some(31.0);
        for (k, s) in r.sections.iter_mut().enumerate() {
            s.percentile = s.score.map(|_| 20.0 + 15.0 * k as f64);
            for (j, d) in s.dimensions.iter_mut().enumerate() {
                if let Some(x) = d.score {
                    d.percentile = Some(12.0 + 30.0 * (k + j) as f64);
                    d.band = Some([(x - 1.96 * sem).max(0.0), (x + 1.96 * sem).min(100.0)]);
                    d.sem = Some(sem);
                }
            }
        }
    }
    r
}

/// The reviewed sample in `format`, with its rubric.
fn reviewed_in(format: Format, lang: Lang, role: Role, norms: bool, width: u16) -> String {
    let loaded = reviewed_rubric();
    let r = reviewed(lang, role, norms);
    let style = Style { lang, color: false, ascii: false, width, bom: false };
    let entry = Entry::new(&r, None).with_rubric(Some(&loaded.rubric));
    String::from_utf8(render(format, &style, &[entry])).unwrap()
}

#[test]
fn reviewed_reports() {
    for lang in [Lang::Zh, Lang::En] {
        for (who, role) in [("self", Role::SelfRating), ("supervisor", Role::Supervisor)] {
            for (n, norms) in [("norms", true), ("plain", false)] {
                let text = format!(
                    "{}\n=== markdown ===\n\n{}",
                    reviewed_in(Format::Table, lang, role, norms, 100),
                    reviewed_in(Format::Markdown, lang, role, norms, 100)
                );
                insta::assert_snapshot!(format!("reviewed_{who}_{n}_{lang}"), text);
            }
        }
    }
    insta::assert_snapshot!("reviewed_csv_norms", reviewed_in(Format::Csv, Lang::Zh, Role::SelfRating, true, 100));
}

#[test]
fn a_development_focus_shows_the_statements_that_pulled_it_down() {
    let loaded = reviewed_rubric();
    let r = reviewed(Lang::Zh, Role::SelfRating, false);
    let e = Entry::new(&r, None).with_rubric(Some(&loaded.rubric));
    // ability: plan 2, method 3, rush 4 reversed to 2: the two lowest, in rubric order.
    let pulled = e.pulled_down("ability");
    assert_eq!(
        pulled,
        [
            Statement {
                text: "接到任务后，我会先弄清目标和要求再动手。".into(), answer: Some("比较不符合".into())
            },
            Statement {
                text: "我常常没想清楚要求就匆忙开始。".into(), answer: Some("比较符合".into())
            },
        ]
    );
    // perseverance: 4, 5, 2 reversed to 4: the top answer is not one that pulled it down.
    assert_eq!(e.pulled_down("perseverance").len(), 2);
    assert!(e.pulled_down("perseverance").iter().all(|s| !s.text.contains("始终保持进度")));
    // A supervisor's rating shows the statements as the supervisor was asked them.
    let sup = reviewed(Lang::Zh, Role::Supervisor, false);
    let e = Entry::new(&sup, None).with_rubric(Some(&loaded.rubric));
    assert!(e.pulled_down("ability")[0].text.starts_with("该同志"));
    // Without the rubric, or with another version of it, nothing.
    assert!(Entry::new(&r, None).pulled_down("ability").is_empty());
    let mut other = loaded.rubric.clone();
    other.version = "1.0.0".into();
    assert!(Entry::new(&r, None).with_rubric(Some(&other)).pulled_down("ability").is_empty());
    // The self-review lists every statement, a skipped one as such.
    let e = Entry::new(&r, None).with_rubric(Some(&loaded.rubric));
    let review = e.self_review("political");
    assert_eq!(review.len(), 3);
    assert_eq!(review[0].answer.as_deref(), Some("完全符合"));
    assert_eq!(review[2].answer, None);
}

#[test]
fn a_self_review_is_not_a_row_of_scores() {
    for format in [Format::Table, Format::Markdown, Format::Html] {
        for (lang, heading, sentence, insufficient) in [
            (Lang::Zh, "自我检视", "在自评中不计分", "作答不足"),
            (Lang::En, "Self-review", "not scored in a self-assessment", "insufficient answers"),
        ] {
            let out = reviewed_in(format, lang, Role::SelfRating, false, 100);
            assert!(out.contains(heading) && out.contains(sentence), "{format:?} {lang:?}\n{out}");
            // Its title appears once: in the self-review, not in the table.
            let title = if lang == Lang::Zh { "政治素质" } else { "Political quality" };
            assert_eq!(out.matches(title).count(), 1, "{format:?} {lang:?}\n{out}");
            assert!(!out.contains(insufficient), "{format:?} {lang:?}\n{out}");
            // Its statements, with the answers.
            let stance = if lang == Lang::Zh {
                "在大是大非面前，我的立场坚定。"
            } else {
                "On questions of principle"
            };
            assert!(out.contains(stance), "{format:?} {lang:?}\n{out}");
            // Without the rubric: the dimension and the sentence only.
            let r = reviewed(lang, Role::SelfRating, false);
            let style = Style { lang, ..Style::default() };
            let bare = String::from_utf8(render(format, &style, &[Entry::new(&r, None)])).unwrap();
            assert!(bare.contains(title) && bare.contains(sentence) && !bare.contains(stance), "{format:?}\n{bare}");
        }
        // A supervisor's rating scores it.
        let out = reviewed_in(format, Lang::Zh, Role::Supervisor, false, 100);
        assert!(!out.contains("自我检视") && out.contains("政治素质"), "{format:?}\n{out}");
    }
}

#[test]
fn norms_show_bands_percentiles_and_changes_against_measurement_error() {
    for format in [Format::Table, Format::Markdown, Format::Html] {
        for lang in [Lang::Zh, Lang::En] {
            let u = crate::i18n::ui(lang);
            let m = crate::i18n::msg(lang);
            let with = reviewed_in(format, lang, Role::Supervisor, true, 100);
            let r = reviewed(lang, Role::Supervisor, true);
            let ability = r.sections[0].dimensions[0].band.unwrap();
            assert!(with.contains(&band_text(ability)), "{format:?} {lang:?}\n{with}");
            assert!(with.contains(u.percentile) && with.contains(u.band), "{format:?} {lang:?}");
            // ability −12.5 with sem 5: |rci| 1.77, within; perseverance +16.7: 2.36, beyond.
            assert!(with.contains(u.beyond_error) && with.contains(u.within_error), "{format:?} {lang:?}\n{with}");
            assert!(!with.contains(m.report_norms_hint_option()) && !with.contains(m.report_norms_hint_plain()));
            let without = reviewed_in(format, lang, Role::Supervisor, false, 100);
            assert!(!without.contains(u.percentile) && !without.contains(u.band), "{format:?} {lang:?}\n{without}");
            // The changes as they are, and once how to judge them; in HTML
            // in plain words, no option.
            assert!(without.contains("−12.5") && without.contains("+16.7"), "{format:?} {lang:?}\n{without}");
            let hint = if format == Format::Html { m.report_norms_hint_plain() } else { m.report_norms_hint_option() };
            let flat = without.lines().map(str::trim).collect::<Vec<_>>().join(if lang == Lang::Zh { "" } else { " " });
            assert_eq!(flat.matches(hint).count(), 1, "{format:?} {lang:?}\n{without}");
            let rest = flat.replace(hint, "");
            assert!(!rest.contains(u.beyond_error) && !rest.contains(u.within_error), "{format:?} {lang:?}\n{rest}");
            if format == Format::Html {
                assert!(!without.contains("--norms"), "{without}");
            }
            // What a score means, said once.
            assert_eq!(flat.matches(m.report_score_meaning()).count(), 1, "{format:?} {lang:?}\n{without}");
        }
    }
}

#[test]
fn the_reviewed_report_fits_every_width() {
    for lang in [Lang::Zh, Lang::En] {
        for role in [Role::SelfRating, Role::Supervisor] {
            for norms in [false, true] {
                for width in [40u16, 59, 60, 80, 100, 120] {
                    let out = reviewed_in(Format::Table, lang, role, norms, width);
                    for l in out.lines() {
                        assert!(crate::width::width(l) <= usize::from(width), "{lang:?} {width}: {l:?}\n{out}");
                    }
                    if width < 60 {
                        assert!(!out.contains('┆'), "{lang:?} {width}: a list\n{out}");
                    }
                    let r = reviewed(lang, role, norms);
                    for (_, d) in r.dimensions() {
                        if let Some(b) = d.band {
                            assert!(out.contains(&band_text(b)), "{lang:?} {width}: band split\n{out}");
                        }
                    }
                }
            }
        }
    }
}

/// SPEC §5: people read developmental words, never a verdict, in every
/// format but JSON and in both languages: the individual report, the
/// history and the group report, of results far below target.
#[test]
fn no_rendering_for_people_says_critical() {
    let far = |lang: Lang, name: &str, seed: usize| {
        let mut r = person(lang, name, "秘书处", seed, "2026-11-28T09:30:00+08:00");
        // Every answer at the bottom of the scale: every gap large.
        let loaded = testing::core();
        let resp = Response {
            subject: r.subject.clone(),
            rater: r.rater.clone(),
            session: r.session.clone(),
            taken_at: Some(r.taken_at.clone()),
            answers: loaded
                .rubric
                .items()
                .map(|(_, _, i)| (i.id.clone(), Some(if i.reverse { 5 } else { 1 + (seed % 2) as i64 })))
                .collect(),
            seconds: None,
        };
        let opts = Options { lang: lang.code().into(), ..Default::default() };
        r = score::score(&loaded, &resp, &opts, format!("01JDXFAR{seed}"), "");
        r
    };
    let bad = |out: &str| out.contains("严重") || out.contains("critical") || out.contains("Critical");
    for lang in [Lang::Zh, Lang::En] {
        let r = far(lang, "张三", 0);
        assert!(r.dimensions().any(|(_, d)| d.severity == crate::result::Severity::Critical));
        let loaded = reviewed_rubric();
        let rev = reviewed(lang, Role::Supervisor, true);
        assert!(rev.dimensions().any(|(_, d)| d.severity == crate::result::Severity::Critical));
        let style = Style { lang, ..Style::default() };
        for format in [Format::Table, Format::Markdown, Format::Html, Format::Csv] {
            for entry in [Entry::new(&r, None), Entry::new(&rev, None).with_rubric(Some(&loaded.rubric))] {
                let out = String::from_utf8(render(format, &style, &[entry])).unwrap();
                assert!(!bad(&out), "{format:?} {lang:?}\n{out}");
            }
            let rows: Vec<_> = (0..3).map(|k| far(lang, "张三", k)).collect();
            let h = history::build("张三", &rows);
            let out = renderer(format, &style).history(&h);
            assert!(!bad(&out), "history {format:?} {lang:?}\n{out}");
            let people: Vec<_> = (0..8).map(|k| far(lang, &format!("学员{k}"), k)).collect();
            let core = testing::core();
            let mut b = crate::group::Builder::new(
                &people[0],
                Some(&core.rubric),
                lang.code(),
                Some(crate::group::By::Department),
                false,
            );
            for p in &people {
                b.add(p);
            }
            let doc = b.finish(5, 1);
            let out = renderer(format, &style).group(&doc, b.texts());
            assert!(!bad(&out), "group {format:?} {lang:?}\n{out}");
        }
    }
}

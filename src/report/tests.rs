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
    let out =
        render(Format::Jsonl, &style, &[Entry::new(&a, None), Entry::new(&a, None)]);
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
        assert_eq!(crate::report::answered_of(&r), (1, 40));
    }
}

#[test]
fn a_table_cell_shows_what_it_holds_and_keeps_its_width() {
    let (mut a, _) = sample(Lang::Zh, false);
    a.sections[0].title = "一个\u{1b}]0;x\u{7}前提\u{202e}".into();
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
        assert!(shown.contains("学习（一个\\u{1b}]0;x\\u{7}前提\\u{202e}）"), "{shown}");
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
            pieces.extend([opt_num(d.score), num(d.target), opt_num(d.gap)]);
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
    let out = String::from_utf8(render(Format::Markdown, &Style::default(), &[Entry::new(&r, None)]))
        .unwrap();
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

//! Answers files (SPEC §4): one respondent as TOML or JSON, many as JSON
//! Lines. Every problem of every record is collected with its place.

mod careful;
mod check;
mod checker;
mod doc;
mod quick;

pub use check::unsafe_at;
pub use checker::Checker;
pub use doc::{AnswersDoc, Cell, Kind, RaterIn, SubjectIn};

use crate::diag::Diagnostic;
use crate::i18n;
use crate::lang::Lang;
use crate::response::{Respondent, Response};
use crate::rubric::Rubric;

/// One record of an answers file: a response, or its problems.
#[derive(Debug)]
pub struct Record {
    /// 1-based line where the record starts.
    pub line: usize,
    pub outcome: Result<Response, Vec<Diagnostic>>,
}

/// Read every record of an answers file and check it against the rubric.
/// Batches are read a line at a time with [`Checker`]; this reads a whole text.
pub fn parse(text: &str, kind: Kind, rubric: &Rubric, lang: Lang) -> Vec<Record> {
    let checker = Checker::new(rubric, lang);
    let record = |line, outcome: Result<Respondent, Vec<Diagnostic>>| Record {
        line,
        outcome: outcome.map(|r| r.into_response(&checker.index)),
    };
    match kind {
        Kind::Toml | Kind::Json => vec![record(1, checker.document(text, kind))],
        Kind::JsonLines => {
            let text_nobom = text.strip_prefix('\u{feff}').unwrap_or(text);
            let bom = text.len() - text_nobom.len();
            let mut out = Vec::new();
            let mut offset = bom;
            for (i, line) in text_nobom.split_inclusive('\n').enumerate() {
                let body = line.trim_end_matches(['\n', '\r']);
                if !body.trim().is_empty() {
                    out.push(record(i + 1, checker.line(body).map_err(|d| shift(d, offset))));
                }
                offset += line.len();
            }
            if out.is_empty() {
                out.push(Record { line: 1, outcome: Err(vec![no_answers(lang)]) });
            }
            out
        }
    }
}

/// A JSON Lines file with no record in it.
pub fn no_answers(lang: Lang) -> Diagnostic {
    let text = i18n::msg(lang);
    Diagnostic::error(text.no_answers()).help(text.no_answers_help())
}

/// Move spans right by `by` bytes (past a byte-order mark, or to a line's
/// place in its file).
pub fn shift(mut diags: Vec<Diagnostic>, by: usize) -> Vec<Diagnostic> {
    let mv = |r: &mut std::ops::Range<usize>| *r = r.start + by..r.end + by;
    for d in &mut diags {
        if let Some(s) = d.span.as_mut() {
            mv(s);
        }
        if let Some((s, _)) = d.related.as_mut() {
            mv(s);
        }
    }
    diags
}

/// The subject's attributes as a result keeps them: in the order written,
/// those with an empty (or blank) value left out, as an empty department is.
pub fn attributes(given: impl IntoIterator<Item = (String, String)>) -> crate::result::Attributes {
    given.into_iter().filter(|(_, v)| !v.trim().is_empty()).collect()
}

/// Words that mean "skipped" in an answers file or a form cell.
pub fn is_skip(s: &str) -> bool {
    let s = s.trim();
    s.is_empty() || ["skip", "n/a", "na", "不适用", "跳过"].iter().any(|w| s.eq_ignore_ascii_case(w))
}

#[cfg(test)]
mod tests {
    use super::careful::parse_json;
    use super::*;
    use crate::testing;

    #[test]
    fn toml_answers_read() {
        let text = "rubric = \"core\"\n[subject]\nname = \"张三\"\n[answers]\n\"learning.passive\" = 4\n";
        let recs = parse(text, Kind::Toml, &testing::core().rubric, Lang::En);
        let r = recs[0].outcome.as_ref().unwrap();
        assert_eq!(r.subject.name, "张三");
        assert_eq!(r.answers["learning.passive"], Some(4));
    }

    #[test]
    fn every_problem_of_a_file_at_once() {
        let text = "rubric = \"office\"\ntaken_at = \"yesterday\"\n[subject]\nname = \"\"\n[rater]\nrole = \"boss\"\n[answers]\n\"nope\" = 3\n\"learning.passive\" = 9\n\"learning.passive2\" = \"x\"\n";
        let recs = parse(text, Kind::Toml, &testing::core().rubric, Lang::En);
        let diags = recs[0].outcome.as_ref().unwrap_err();
        assert_eq!(diags.len(), 7, "{diags:#?}");
        let lines: Vec<usize> =
            diags.iter().map(|d| crate::diag::line_col(text, d.span.clone().unwrap().start).0).collect();
        assert_eq!(lines, [1, 2, 4, 6, 8, 9, 10]);
    }

    #[test]
    fn jsonl_positions_are_file_lines() {
        let text = "{\"subject\":{\"name\":\"a\"},\"answers\":{\"learning.passive\":2}}\n\n{\"subject\":{\"name\":\"b\"},\"answers\":{\"learning.passive\":7}}\n";
        let recs = parse(text, Kind::JsonLines, &testing::core().rubric, Lang::En);
        assert_eq!(recs.len(), 2);
        assert!(recs[0].outcome.is_ok());
        assert_eq!(recs[1].line, 3);
        let d = &recs[1].outcome.as_ref().unwrap_err()[0];
        let span = d.span.clone().unwrap();
        assert_eq!(&text[span.clone()], "7");
        assert_eq!(crate::diag::line_col(text, span.start).0, 3);
    }

    #[test]
    fn a_missing_json_comma_is_marked_after_the_value() {
        let text = "{\n  \"subject\": {\"name\": \"a\"}\n  \"answers\": {}\n}\n";
        let recs = parse(text, Kind::Json, &testing::core().rubric, Lang::En);
        let d = &recs[0].outcome.as_ref().unwrap_err()[0];
        let span = d.span.clone().unwrap();
        assert_eq!(&text[span.clone()], "}", "{d:?}");
        assert_eq!(crate::diag::line_col(text, span.start).0, 2);
    }

    #[test]
    fn an_array_answer_is_one_problem_not_unknown_keys() {
        let text = "[subject]\nname = \"a\"\n[answers]\n\"learning.passive\" = [2, 3]\n";
        let recs = parse(text, Kind::Toml, &testing::core().rubric, Lang::En);
        let diags = recs[0].outcome.as_ref().unwrap_err();
        assert_eq!(diags.len(), 1, "{diags:#?}");
        assert!(diags[0].message.contains("table or array"), "{diags:#?}");
    }

    /// The quick reading takes a line only where the careful one takes it
    /// too, and then reads the same.
    #[test]
    fn the_quick_reading_agrees_with_the_careful_one() {
        let r = testing::core().rubric;
        let checker = Checker::new(&r, Lang::En);
        let base = r#"{"rubric":"core","session":"s","taken_at":"2026-11-28T09:30:00+08:00","subject":{"name":"张三","department":"秘书处"},"rater":{"role":"peer","name":"李四"},"answers":{"learning.routine":4,"learning.passive":"skip","ability.planning":null}}"#;
        let lines = [
            base.to_string(),
            base.replace("张三", r"\u5f20\u4e09"),
            base.replace(r#""张三""#, r#""  张三 ""#),
            base.replace(r#""秘书处""#, r#""  ""#),
            base.replace(r#""s""#, r#""""#),
            base.replace(":4,", ":4.0,"),
            base.replace(":4,", ":9,"),
            base.replace(":4,", ":-1,"),
            base.replace(":4,", ":18446744073709551615,"),
            base.replace(":4,", r#":"4","#),
            base.replace(":4,", ":true,"),
            base.replace(":4,", ":[4],"),
            base.replace(r#""skip""#, r#""不适用""#),
            base.replace(r#""skip""#, r#""maybe""#),
            base.replace(r#""learning.passive""#, r#""learning.routine""#),
            base.replace(r#""learning.passive""#, r#""nope""#),
            base.replace(r#""peer""#, r#""self""#),
            base.replace(r#""peer""#, r#""同事""#),
            base.replace(r#""peer""#, r#""boss""#),
            base.replace(r#""core""#, r#""office""#),
            base.replace("2026-11-28T09:30:00+08:00", "yesterday"),
            base.replace(r#""session""#, r#""sesion""#),
            base.replace(r#""department""#, r#""dept""#),
            base.replace(r#","rater":{"role":"peer","name":"李四"}"#, ""),
            base.replace(r#""name":"张三","#, ""),
            base.replace(r#""张三""#, r#""""#),
            base.replace("}}", "}} x"),
            base.replace(r#""answers":{"#, r#""answers":{"learning.exploring":2,"#),
            base.replace(r#"{"learning.routine":4,"#, "{"),
            "{}".to_string(),
            "[]".to_string(),
        ];
        for line in &lines {
            let careful = parse_json(line, &r, &checker.index, Lang::En);
            if let Some(quick) = checker.quick(line) {
                assert_eq!(Ok(&quick), careful.as_ref(), "{line}");
            }
            assert_eq!(checker.line(line), careful, "{line}");
        }
        // The common lines do go the quick way.
        assert!(checker.quick(&lines[0]).is_some() && checker.quick(&lines[1]).is_some());
    }

    /// `subject.attributes`: read the same both ways, in the order written
    /// (TOML too), blank values left out, anything but text refused.
    #[test]
    fn attributes_are_read_in_the_order_written() {
        let r = testing::core().rubric;
        let checker = Checker::new(&r, Lang::En);
        let base = r#"{"subject":{"name":"张三","attributes":{"职级":"科员","年龄段":"30-39","空":" "}},"answers":{"learning.routine":4}}"#;
        let want: crate::result::Attributes =
            [("职级".to_string(), "科员".to_string()), ("年龄段".into(), "30-39".into())].into_iter().collect();
        let quick = checker.quick(base).expect("the quick way");
        assert_eq!(quick.subject.attributes, want);
        assert_eq!(quick.subject.attributes.keys().collect::<Vec<_>>(), want.keys().collect::<Vec<_>>());
        assert_eq!(parse_json(base, &r, &checker.index, Lang::En), Ok(quick));
        for line in [
            base.replace(r#""30-39""#, "30"),
            base.replace(r#","年龄段":"30-39""#, r#","职级":"处长""#),
            base.replace(r#"{"职级""#, r#"[{"职级""#).replace(r#"" "}}"#, r#"" "}]}"#),
        ] {
            assert!(checker.quick(&line).is_none(), "{line}");
            let careful = parse_json(&line, &r, &checker.index, Lang::En);
            assert_eq!(checker.line(&line), careful);
        }
        let err = checker.line(&base.replace(r#""30-39""#, "30")).unwrap_err();
        assert!(err[0].message.contains("string"), "{err:#?}");

        let toml = "[subject]\nname = \"张三\"\n[subject.attributes]\n\"职级\" = \"科员\"\n\"年龄段\" = \"30-39\"\n\"空\" = \"\"\n[answers]\n\"learning.routine\" = 4\n";
        let recs = parse(toml, Kind::Toml, &r, Lang::En);
        let got = &recs[0].outcome.as_ref().unwrap().subject.attributes;
        assert_eq!(got.iter().collect::<Vec<_>>(), want.iter().collect::<Vec<_>>(), "in the file's order");
    }

    /// Names, departments, sessions and rater names with a control or bidi
    /// character are refused, each where it is written, in TOML and JSON and
    /// JSON Lines alike.
    #[test]
    fn control_and_bidi_characters_in_texts_kept_are_refused_where_they_are() {
        let r = testing::core().rubric;
        let toml = "session = \"s\\u001b[2J\"\n[subject]\nname = \"张\u{202e}三\"\ndepartment = \"秘书处\u{9b}\"\n[rater]\nrole = \"peer\"\nname = \"\\u0007李四\"\n";
        let json = r#"{"session":"s\u001b[2J","subject":{"name":"张\u202e三","department":"秘书处\u009b"},"rater":{"role":"peer","name":"\u0007李四"}}"#;
        for (text, kind) in [(toml, Kind::Toml), (json, Kind::Json), (json, Kind::JsonLines)] {
            let recs = parse(text, kind, &r, Lang::En);
            let diags = recs[0].outcome.as_ref().unwrap_err();
            let got: Vec<(&str, &str)> =
                diags.iter().map(|d| (d.message.as_str(), &text[d.span.clone().unwrap()])).collect();
            assert_eq!(got.len(), 4, "{kind:?} {got:#?}");
            assert!(got[0].0.starts_with("`session`: character 2 is the control character U+001B"), "{got:#?}");
            assert!(got[0].1.starts_with("\"s"), "{got:#?}");
            assert!(got[1].0.starts_with("`subject.name`: character 2, U+202E, changes the direction"), "{got:#?}");
            assert!(got[1].1.contains('张'), "{got:#?}");
            assert!(got[2].0.starts_with("`subject.department`: character 4 is the control character U+009B"));
            assert!(got[3].0.starts_with("`rater.name`: character 1 is the control character U+0007"), "{got:#?}");
            assert!(diags.iter().all(|d| d.help.as_deref().unwrap().starts_with("remove it")));
        }
        // A tab, and what trimming leaves out, are no problem.
        let ok = r#"{"session":"a\tb","subject":{"name":"张三\n"}}"#;
        assert!(parse(ok, Kind::Json, &r, Lang::En)[0].outcome.is_ok());
    }

    #[test]
    fn control_characters_in_attributes_are_refused_where_they_are() {
        let r = testing::core().rubric;
        let checker = Checker::new(&r, Lang::En);
        let json = r#"{"subject":{"name":"张三","attributes":{"职级":"科员\u001b]0;x\u0007","年\u202e龄":"30"}}}"#;
        assert!(checker.quick(json).is_none(), "the careful reading names it");
        let diags = parse(json, Kind::JsonLines, &r, Lang::En).pop().unwrap().outcome.unwrap_err();
        let msgs: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(msgs.len(), 2, "{msgs:#?}");
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("`subject.attributes.职级`: character 3 is the control character U+001B")),
            "{msgs:#?}"
        );
        assert!(msgs.iter().any(|m| m.starts_with("`subject.attributes.年\u{202e}龄`")), "{msgs:#?}");
    }

    #[test]
    fn an_answer_given_twice_in_json_is_refused_as_in_toml() {
        let r = testing::core().rubric;
        let json =
            "{\"subject\": {\"name\": \"a\"},\n \"answers\": {\"learning.passive\": 2,\n  \"learning.passive\": 5}}";
        let diags = parse(json, Kind::Json, &r, Lang::En).pop().unwrap().outcome.unwrap_err();
        assert_eq!(diags.len(), 1, "{diags:#?}");
        let d = &diags[0];
        assert_eq!(d.message, "the key `answers.learning.passive` is given twice");
        let (line, col) = crate::diag::line_col(json, d.span.clone().unwrap().start);
        assert_eq!((line, col), (3, 3));
        assert_eq!(crate::diag::line_col(json, d.related.clone().unwrap().0.start).0, 2);
        let shown = crate::diag::render("a.json", json, &diags, Lang::En);
        assert!(shown.contains("a.json:3:3") && shown.contains("first given here"), "{shown}");
        // In JSON Lines too, the quick reading leaving it to the careful one.
        let line = json.replace('\n', "");
        assert!(Checker::new(&r, Lang::En).line(&line).is_err());
        let toml = "[subject]\nname = \"a\"\n[answers]\n\"learning.passive\" = 2\n\"learning.passive\" = 5\n";
        let diags = parse(toml, Kind::Toml, &r, Lang::En).pop().unwrap().outcome.unwrap_err();
        assert_eq!(crate::diag::line_col(toml, diags[0].span.clone().unwrap().start).0, 5, "{diags:#?}");
    }

    /// Finding the problems of a file takes time in proportion to it: a
    /// hundred thousand unknown keys, each found and counted (the first
    /// thousand kept), the first 200 printed and the rest counted.
    #[test]
    fn a_hundred_thousand_unknown_keys_are_found_in_linear_time_and_capped() {
        let r = testing::core().rubric;
        let n = 100_000;
        for kind in [Kind::Json, Kind::Toml] {
            let text = match kind {
                Kind::Toml => {
                    let keys: String = (0..n).map(|i| format!("\"nope.{i}\" = 3\n")).collect();
                    format!("[subject]\nname = \"a\"\n[answers]\n{keys}")
                }
                _ => {
                    let keys: Vec<String> = (0..n).map(|i| format!("\"nope.{i}\": 3")).collect();
                    format!("{{\"subject\": {{\"name\": \"a\"}}, \"answers\": {{{}}}}}", keys.join(",\n"))
                }
            };
            let diags = parse(&text, kind, &r, Lang::En).pop().unwrap().outcome.unwrap_err();
            assert_eq!(diags.len(), crate::diag::MAX_KEPT, "{kind:?}");
            assert_eq!(crate::diag::count_errors(&diags), n, "{kind:?}");
            let last = &diags[crate::diag::MAX_KEPT - 1];
            assert_eq!(
                crate::diag::line_col(&text, last.span.clone().unwrap().start).0,
                1000 + usize::from(kind == Kind::Toml) * 3
            );
            let shown = crate::diag::render_capped("a", &text, &diags, Lang::En);
            assert_eq!(shown.matches("error: rubric \"core\" has no item").count(), 200, "{kind:?}");
            assert!(
                shown.ends_with("… and 99800 more problems not shown (at most 200 are listed a file)\n"),
                "{kind:?}"
            );
        }
    }

    #[test]
    fn sniffing() {
        assert_eq!(Kind::sniff("[subject]\nname='a'"), Kind::Toml);
        assert_eq!(Kind::sniff("{\n \"subject\": {}\n}"), Kind::Json);
        assert_eq!(Kind::sniff("{\"a\":1}\n{\"a\":2}\n"), Kind::JsonLines);
    }

    proptest::proptest! {
        #[test]
        fn no_input_panics_the_answers_reader(text in "[\\[\\]{}\",:= a-z0-9.\n学习-]{0,200}") {
            let rubric = &testing::CORE.rubric;
            for kind in [Kind::Toml, Kind::Json, Kind::JsonLines] {
                for rec in parse(&text, kind, rubric, Lang::Zh) {
                    if let Err(diags) = rec.outcome {
                        let _ = crate::diag::render("fuzz", &text, &diags, Lang::Zh);
                    }
                }
            }
            let _ = crate::resultfile::parse(&text, false, Lang::En);
            let _ = crate::resultfile::parse(&text, true, Lang::En);
        }
    }
}

//! Reading result files (`zhixing.result.v1`): one result as a `.json`
//! object, several as a JSON array or as JSON Lines. Each result keeps its
//! exact JSON text, so that an import stores the bytes an export wrote.

use serde_json::value::RawValue;

use crate::diag::Diagnostic;
use crate::i18n;
use crate::i18n::readers::{AnswersFile, JsonSyntax};
use crate::lang::Lang;
use crate::result::{ResultDoc, SCHEMA};

/// One result read from a file, or why it is not one.
#[derive(Debug)]
pub struct Record {
    /// 1-based line where it starts.
    pub line: usize,
    pub outcome: Result<(ResultDoc, String), Box<Diagnostic>>,
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// Decode one result from its JSON text. `base` is the text's byte offset in
/// the file, for the place of the error.
fn decode(raw: &str, base: usize, lang: Lang) -> Result<(ResultDoc, String), Box<Diagnostic>> {
    decode_inner(raw, base, lang).map_err(Box::new)
}

#[allow(clippy::result_large_err)] // boxed by decode
fn decode_inner(raw: &str, base: usize, lang: Lang) -> Result<(ResultDoc, String), Diagnostic> {
    let text = i18n::msg(lang);
    // Straight to the result where it is one (the common case); anything
    // else is read again below, step by step, to say what is wrong.
    if let Ok(doc) = serde_json::from_str::<ResultDoc>(raw)
        && doc.schema == SCHEMA
    {
        return Ok((doc, raw.to_string()));
    }
    let value: serde_json::Value = match serde_json::from_str(raw) {
        Ok(v) => v,
        Err(e) => {
            let at = base + offset_of(raw, e.line(), e.column()).unwrap_or(0);
            return Err(Diagnostic::error(json_syntax_message(&e, lang))
                .at(Some(at..at + 1))
                .help(text.result_syntax_help()));
        }
    };
    let schema = value.get("schema").and_then(|s| s.as_str());
    if value.get("schema").is_none() && value.get("answers").is_some_and(serde_json::Value::is_object) {
        return Err(Diagnostic::error(text.answers_not_results(AnswersFile::Json))
            .at(Some(base..base + raw.len().min(1)))
            .help(text.answers_not_results_help(None)));
    }
    if schema != Some(SCHEMA) {
        let found = schema.map_or_else(|| text.no_schema_field().to_string(), |s| format!("schema \"{s}\""));
        return Err(Diagnostic::error(text.not_a_result(&found, SCHEMA))
            .at(Some(base..base + raw.len().min(1)))
            .help(text.not_a_result_help()));
    }
    match serde_json::from_value::<ResultDoc>(value) {
        Ok(doc) => Ok((doc, raw.to_string())),
        Err(e) => {
            let msg = strip_pos(&e);
            let whole = Some(base..base + raw.len().min(1));
            match msg.strip_prefix("unknown field `").and_then(|r| r.split('`').next()) {
                Some(key) => {
                    let at = raw.find(&format!("\"{key}\"")).map(|k| base + k..base + k + key.len() + 2);
                    Err(Diagnostic::error(text.result_unknown_key(key, SCHEMA))
                        .at(at.or(whole))
                        .help(text.result_unknown_key_help()))
                }
                None => Err(Diagnostic::error(text.result_incomplete(&crate::rubric::serde_message(&msg, lang)))
                    .at(whole)
                    .help(text.result_incomplete_help())),
            }
        }
    }
}

/// A JSON syntax error in the interface language: the place is shown by
/// the diagnostic.
pub fn json_syntax_message(e: &serde_json::Error, lang: Lang) -> String {
    let text = i18n::msg(lang);
    format!("{}{}", text.json_syntax_error(), text.json_syntax_detail(&JsonSyntax::of(&strip_pos(e))))
}

/// serde_json's message without the " at line L column C" it appends: the
/// place is shown anyway.
pub fn strip_pos(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    msg.rsplit_once(" at line ").map_or(msg.as_str(), |(m, _)| m).to_string()
}

/// Byte offset of a 1-based line and column (serde_json counts columns in
/// bytes); None for line 0 (no place).
pub fn offset_of(text: &str, line: usize, col: usize) -> Option<usize> {
    if line == 0 {
        return None;
    }
    let start: usize = text.split_inclusive('\n').take(line - 1).map(str::len).sum();
    Some((start + col.saturating_sub(1)).min(text.len().saturating_sub(1)))
}

/// Every result of a file. `jsonl` chooses JSON Lines; otherwise the text is
/// one JSON object or an array of them.
pub fn parse(text: &str, jsonl: bool, lang: Lang) -> Vec<Record> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - body.len();
    let mut out = Vec::new();
    if jsonl || looks_like_lines(body) {
        let mut offset = bom;
        for (i, line) in body.split_inclusive('\n').enumerate() {
            let raw = line.trim_end_matches(['\n', '\r']).trim();
            if !raw.is_empty() {
                let lead = line.len() - line.trim_start().len();
                out.push(Record { line: i + 1, outcome: decode(raw, offset + lead, lang) });
            }
            offset += line.len();
        }
    } else if body.trim_start().starts_with('[') {
        match serde_json::from_str::<Vec<&RawValue>>(body) {
            Ok(items) => {
                for raw in items {
                    let start = raw.get().as_ptr() as usize - body.as_ptr() as usize;
                    out.push(Record { line: line_of(body, start), outcome: decode(raw.get(), bom + start, lang) });
                }
            }
            Err(e) => {
                let at = bom + offset_of(body, e.line(), e.column()).unwrap_or(0);
                let d = Diagnostic::error(json_syntax_message(&e, lang)).at(Some(at..at + 1));
                out.push(Record { line: e.line().max(1), outcome: Err(Box::new(d)) });
            }
        }
    } else {
        let raw = body.trim();
        let lead = body.len() - body.trim_start().len();
        out.push(Record { line: line_of(body, lead), outcome: decode(raw, bom + lead, lang) });
    }
    if out.is_empty() {
        let d = Diagnostic::error(i18n::msg(lang).no_results());
        out.push(Record { line: 1, outcome: Err(Box::new(d)) });
    }
    out
}

/// Several lines each holding one object: JSON Lines even without the extension.
fn looks_like_lines(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    lines.len() > 1 && lines.iter().all(|l| l.starts_with('{') && l.ends_with('}'))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// serde_json's words are English: each of its syntax errors is said
    /// by the catalogue, in Chinese with no English word left.
    #[test]
    fn every_json_syntax_error_is_said_in_the_interface_language() {
        let broken = [
            "[1,",
            "{\"a\": 1",
            "\"abc",
            "",
            "{\"a\" 1}",
            "[1 2]",
            "{\"a\": 1 \"b\": 2}",
            "nul",
            "x",
            "{1: 2}",
            "\"\\q\"",
            "-",
            "1e999",
            "\"\\uDC00\"",
            "\"\u{1}\"",
            "[1,]",
            "{\"a\": 1,}",
            "1 2",
            "\"\\u12",
        ];
        for text in broken {
            let e = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
            let what = JsonSyntax::of(&strip_pos(&e));
            assert!(!matches!(what, JsonSyntax::Other(_)), "{text:?}: {e}");
            let zh = json_syntax_message(&e, Lang::Zh);
            assert!(!has_english(&zh), "{text:?}: {zh}");
        }
        let e = serde_json::from_str::<serde_json::Value>("{\"a\": none}").unwrap_err();
        assert_eq!(
            json_syntax_message(&e, Lang::Zh),
            "JSON 语法错误：无法识别的词：只能是 true、false 或 null，文本要加双引号"
        );
    }

    /// An English word (three letters or more) outside backticks, other
    /// than the names of the formats and of JSON's and TOML's own words.
    pub(crate) fn has_english(text: &str) -> bool {
        text.split('`').step_by(2).any(|part| {
            part.split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| w.len() > 2)
                .any(|w| !["JSON", "TOML", "Unicode", "true", "false", "null"].contains(&w))
        })
    }

    #[test]
    fn foreign_json_is_named_with_its_line() {
        let text = "{\"schema\":\"zhixing.result.v1\"}\n{\"name\": \"x\"}\n";
        let recs = parse(text, true, Lang::En);
        assert_eq!(recs.len(), 2);
        assert!(recs[0].outcome.as_ref().unwrap_err().message.contains("incomplete"));
        assert_eq!(recs[1].line, 2);
        assert!(recs[1].outcome.as_ref().unwrap_err().message.contains("not a zhixing result"));
    }
}

//! The careful reading of an answers document, TOML or JSON: every syntax
//! error, unknown key and wrong shape found and placed, then checked.

use std::ops::Range;

use crate::diag::{self, Diagnostic};
use crate::i18n;
use crate::i18n::readers::JsonSyntax;
use crate::lang::Lang;
use crate::locate::{JsonLocator, Locate, Seg, TomlLocator};
use crate::response::{ItemIndex, Respondent};
use crate::resultfile::{json_syntax_message, offset_of, strip_pos};
use crate::rubric::Rubric;

use super::check::check;
use super::doc::AnswersDoc;

pub(super) fn parse_toml(
    text: &str,
    rubric: &Rubric,
    index: &ItemIndex<'_>,
    lang: Lang,
) -> Result<Respondent, Vec<Diagnostic>> {
    let syntax = crate::rubric::syntax_errors(text, lang, i18n::msg(lang).toml_syntax_help());
    if !syntax.is_empty() {
        return Err(syntax);
    }
    let loc = TomlLocator::new(text);
    let mut unknown = Unknown::default();
    let doc: Result<AnswersDoc, toml::de::Error> = match toml::de::Deserializer::parse(text) {
        Ok(de) => serde_ignored::deserialize(de, |p| unknown.note(p)),
        Err(e) => Err(e),
    };
    let mut diags = unknown.diagnostics(&loc, lang);
    match doc {
        Ok(doc) => check(doc, &loc, rubric, index, lang, diags),
        Err(e) => {
            diags.push(shape_error(e.message(), e.span(), lang));
            Err(diags)
        }
    }
}

pub(super) fn parse_json(
    text: &str,
    rubric: &Rubric,
    index: &ItemIndex<'_>,
    lang: Lang,
) -> Result<Respondent, Vec<Diagnostic>> {
    let loc = JsonLocator::new(text);
    let mut unknown = Unknown::default();
    let mut de = serde_json::Deserializer::from_str(text);
    let doc: Result<AnswersDoc, serde_json::Error> =
        serde_ignored::deserialize(&mut de, |p| unknown.note(p)).and_then(|d| de.end().map(|()| d));
    let mut diags = unknown.diagnostics(&loc, lang);
    match doc {
        Ok(doc) => check(doc, &loc, rubric, index, lang, diags),
        Err(e) => {
            let at = offset_of(text, e.line(), e.column());
            let msg = strip_pos(&e);
            if e.is_syntax() || e.is_eof() {
                diags.push(json_syntax_error(text, &e, at, lang));
            } else {
                diags.push(shape_error(&msg, at.map(|a| a..a + 1), lang));
            }
            Err(diags)
        }
    }
}

/// The unknown keys of a document: the first [`diag::MAX_KEPT`] by their
/// path, the others counted.
#[derive(Default)]
struct Unknown {
    paths: Vec<String>,
    more: usize,
}

impl Unknown {
    fn note(&mut self, p: serde_ignored::Path<'_>) {
        if self.paths.len() < diag::MAX_KEPT {
            self.paths.push(p.to_string());
        } else {
            self.more += 1;
        }
    }

    fn diagnostics(&self, loc: &dyn Locate, lang: Lang) -> Vec<Diagnostic> {
        let mut diags: Vec<Diagnostic> = self.paths.iter().map(|p| unknown_key(loc, p, lang)).collect();
        if let Some(last) = diags.last_mut() {
            last.also += self.more;
        }
        diags
    }
}

fn json_syntax_error(text: &str, e: &serde_json::Error, at: Option<usize>, lang: Lang) -> Diagnostic {
    let text_of = i18n::msg(lang);
    let mut d = Diagnostic::error(json_syntax_message(e, lang));
    let close = match JsonSyntax::of(&strip_pos(e)) {
        JsonSyntax::ExpectedCommaOr(close) => Some(close),
        _ => None,
    };
    match (at, close) {
        // serde_json stops at the token after a missing comma or bracket,
        // often on the next line; the comma belongs after the previous value.
        (Some(a), Some(close)) => {
            let mut cut = a.min(text.len());
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            let prev = text[..cut].trim_end().len();
            d = d.at(Some(prev.saturating_sub(1)..prev)).label(text_of.json_comma_missing(&close.to_string()));
        }
        (Some(a), None) => d = d.at(Some(a..a + 1)),
        (None, _) => {}
    }
    d.help(text_of.json_syntax_help())
}

fn unknown_key(loc: &dyn Locate, dotted: &str, lang: Lang) -> Diagnostic {
    let text = i18n::msg(lang);
    let path: Vec<Seg> = dotted.split('.').map(|k| Seg::Key(k.to_string())).collect();
    Diagnostic::error(text.answers_unknown_key(dotted))
        .at(loc.key(&path).or_else(|| loc.nearest(&path)))
        .label(text.answers_unknown_key_label())
        .help(match dotted.split('.').next() {
            Some("subject") if path.len() > 1 => text.subject_keys_help(),
            Some("rater") if path.len() > 1 => text.rater_keys_help(),
            _ => text.answers_keys_help(),
        })
}

fn shape_error(msg: &str, span: Option<Range<usize>>, lang: Lang) -> Diagnostic {
    let text = i18n::msg(lang);
    let msg = msg.trim();
    let (message, help) = if msg.contains("missing field `subject`") {
        (text.no_subject().to_string(), text.no_subject_help())
    } else if msg.contains("missing field `name`") {
        (text.no_subject_name().to_string(), text.no_subject_name_help())
    } else {
        (crate::rubric::serde_message(msg, lang), text.answers_shape_help())
    };
    Diagnostic::error(message).at(span).help(help)
}

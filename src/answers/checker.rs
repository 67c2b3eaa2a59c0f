//! The checker: answers against one rubric, a line the quick way first.

use crate::diag::Diagnostic;
use crate::lang::Lang;
use crate::response::{ItemIndex, Respondent};
use crate::rubric::Rubric;

use super::careful::{parse_json, parse_toml};
use super::doc::Kind;
use super::{quick, shift};

/// Checks answers against one rubric, its items' places worked out once.
/// A line of JSON Lines is first read the quick way (borrowed strings, item
/// places found without hashing where the answers come in rubric order);
/// anything unusual, good or bad, is read again the careful way, which finds
/// and places every problem.
pub struct Checker<'r> {
    rubric: &'r Rubric,
    pub index: ItemIndex<'r>,
    lang: Lang,
}

impl<'r> Checker<'r> {
    pub fn new(rubric: &'r Rubric, lang: Lang) -> Self {
        Checker { rubric, index: ItemIndex::new(rubric), lang }
    }

    pub fn rubric(&self) -> &'r Rubric {
        self.rubric
    }

    /// A whole TOML or JSON answers file (one respondent), byte-order mark
    /// and all; spans are in `text`.
    pub fn document(&self, text: &str, kind: Kind) -> Result<Respondent, Vec<Diagnostic>> {
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        let bom = text.len() - body.len();
        let outcome = match kind {
            Kind::Toml => parse_toml(body, self.rubric, &self.index, self.lang),
            Kind::Json | Kind::JsonLines => parse_json(body, self.rubric, &self.index, self.lang),
        };
        outcome.map_err(|d| shift(d, bom))
    }

    /// One line of JSON Lines (without its line break); spans are in `text`.
    pub fn line(&self, text: &str) -> Result<Respondent, Vec<Diagnostic>> {
        if let Some(r) = self.quick(text) {
            return Ok(r);
        }
        parse_json(text, self.rubric, &self.index, self.lang)
    }

    /// The common case, fast: None for anything the careful reading must see.
    pub(super) fn quick(&self, text: &str) -> Option<Respondent> {
        quick::read(text, self.rubric, &self.index)
    }
}

//! Batches of answers for `zhixing score`: answers files, JSON Lines and
//! spreadsheets read a record at a time and never held whole.
//!
//! Each input is read once: every record is checked against the rubric, on
//! every core, and every problem printed in file order; the good records go
//! to a spool, a temporary file holding each checked respondent in a compact
//! form (its answers a byte each), about a tenth the size of the input.
//! Scoring then reads the spool, again a block at a time, so that nothing
//! is scored, printed or saved until every input has been checked, and the
//! second reading needs no parsing. Standard input is read into memory once,
//! to tell what it holds.

mod input;
mod lines;
mod spool;

pub use input::Input;
pub use lines::{BLOCK, Block, Blocks, LinesRead, RESULT_BLOCK, each_line};
pub use spool::{Encoder, Mark, Records, Spool};

use crate::answers::Checker;
use crate::diag::Diagnostic;
use crate::i18n;
use crate::lang::Lang;
use crate::tabular;

/// What every input is read with.
pub struct Reading<'r> {
    pub checker: Checker<'r>,
    pub tabular: tabular::Options,
    pub lang: Lang,
    /// Threads to check on.
    pub threads: usize,
}

/// What the checking found.
#[derive(Debug, Default)]
pub struct Tally {
    pub good: usize,
    /// Records (or whole files) rejected.
    pub rejected: usize,
    /// Errors among their problems.
    pub problems: usize,
}

impl Tally {
    fn reject(&mut self, errors: usize) {
        self.rejected += 1;
        self.problems += errors;
    }

    fn add(&mut self, other: &Tally) {
        self.good += other.good;
        self.rejected += other.rejected;
        self.problems += other.problems;
    }
}

fn errors(diags: &[Diagnostic]) -> usize {
    crate::diag::count_errors(diags)
}

fn not_utf8(at: usize, lang: Lang) -> Diagnostic {
    let text = i18n::msg(lang);
    Diagnostic::error(text.answers_not_utf8()).at(Some(at..at + 1)).help(text.answers_not_utf8_help())
}

#[cfg(test)]
mod tests;

//! The catalogue's words that every report shares (labels of the report's
//! parts, severities, rater roles, answering-quality flags): one struct of
//! words, filled in by each language (`zh/words.rs`, `en/words.rs`).

use crate::lang::Lang;
use crate::result::{Role, Severity};

/// The words of the reports, as one struct a language fills in whole.
pub struct Ui {
    pub rater: &'static str,
    pub department: &'static str,
    pub session: &'static str,
    pub date: &'static str,
    pub rubric: &'static str,
    pub profile: &'static str,
    pub overall: &'static str,
    pub target: &'static str,
    pub score: &'static str,
    pub gap: &'static str,
    pub gap_note: &'static str,
    pub severity: &'static str,
    pub dimension: &'static str,
    pub section: &'static str,
    pub priorities: &'static str,
    pub no_priorities: &'static str,
    pub strengths: &'static str,
    pub no_strengths: &'static str,
    pub change: &'static str,
    pub first_result: &'static str,
    pub quality: &'static str,
    pub insufficient: &'static str,
    pub answered: &'static str,
    pub flag_straight_line: &'static str,
    pub flag_reverse_inconsistent: &'static str,
    pub flag_too_fast: &'static str,
    pub up: &'static str,
    pub down: &'static str,
    pub steady: &'static str,
    pub colon: &'static str,
    pub list_sep: &'static str,
    pub seconds: &'static str,
}

/// The words every report shares.
pub trait WordsText {
    fn words(&self) -> &'static Ui;
    fn severity_name(&self, s: Severity) -> &'static str;
    /// A rater role as people read it.
    fn role_name(&self, r: Role) -> &'static str;
}

/// The words of a language's reports.
pub fn ui(lang: Lang) -> &'static Ui {
    super::msg(lang).words()
}

pub fn severity(s: Severity, lang: Lang) -> &'static str {
    super::msg(lang).severity_name(s)
}

pub fn role(r: Role, lang: Lang) -> &'static str {
    super::msg(lang).role_name(r)
}

/// The text of an answering-quality flag, by its name in results.
pub fn flag(name: &str, lang: Lang) -> &'static str {
    let u = ui(lang);
    match name {
        "straight_line" => u.flag_straight_line,
        "reverse_inconsistent" => u.flag_reverse_inconsistent,
        "too_fast" => u.flag_too_fast,
        _ => "",
    }
}

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
    pub flag_longstring: &'static str,
    pub flag_reverse_inconsistent: &'static str,
    pub flag_too_good: &'static str,
    pub flag_too_fast: &'static str,
    /// A result with no overall score, in a word: "too few answers to score".
    pub unscorable: &'static str,
    pub up: &'static str,
    pub down: &'static str,
    pub steady: &'static str,
    pub colon: &'static str,
    pub list_sep: &'static str,
    pub seconds: &'static str,
    /// The 95 % band of a score, with norms (SPEC §13).
    pub band: &'static str,
    /// Where a score stands among the norms' people.
    pub percentile: &'static str,
    /// A change larger than what measurement error explains.
    pub beyond_error: &'static str,
    /// A change that measurement error may explain.
    pub within_error: &'static str,
    /// The list of dimensions not scored in a self-assessment.
    pub self_review: &'static str,
    /// Above a development focus's suggestions, where statements come before them.
    pub suggestions: &'static str,
    /// An item left unanswered.
    pub not_answered: &'static str,
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
        "longstring" => u.flag_longstring,
        "reverse_inconsistent" => u.flag_reverse_inconsistent,
        "too_good" => u.flag_too_good,
        "too_fast" => u.flag_too_fast,
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SPEC §5: people see developmental words, never a verdict.
    #[test]
    fn severities_in_developmental_words() {
        let words = |lang| Severity::ALL.map(|s| severity(s, lang));
        assert_eq!(words(Lang::Zh)[..4], ["达标", "接近目标", "有提升空间", "提升空间较大"]);
        assert_eq!(words(Lang::En)[..4], ["met", "close", "room to grow", "much room to grow"]);
        assert_eq!(ui(Lang::Zh).priorities, "发展重点");
        assert_eq!(ui(Lang::En).priorities, "Development focus");
        assert_eq!(ui(Lang::Zh).unscorable, "作答不足，无法评分");
        assert_eq!(ui(Lang::En).unscorable, "too few answers to score");
        for name in ["straight_line", "longstring", "reverse_inconsistent", "too_good", "too_fast"] {
            assert!(!flag(name, Lang::Zh).is_empty() && !flag(name, Lang::En).is_empty(), "{name}");
        }
    }
}

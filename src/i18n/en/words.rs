use crate::i18n::En;
use crate::i18n::words::{Ui, WordsText};
use crate::result::{Role, Severity};

impl WordsText for En {
    fn words(&self) -> &'static Ui {
        &EN
    }

    fn severity_name(&self, s: Severity) -> &'static str {
        match s {
            Severity::Met => "met",
            Severity::Minor => "close",
            Severity::Moderate => "room to grow",
            Severity::Critical => "much room to grow",
            Severity::Unknown => "insufficient answers",
        }
    }

    fn role_name(&self, r: Role) -> &'static str {
        match r {
            Role::SelfRating => "self",
            other => other.code(),
        }
    }
}

const EN: Ui = Ui {
    rater: "Rater",
    department: "Department",
    session: "Session",
    date: "Date",
    rubric: "Rubric",
    profile: "Profile",
    overall: "Overall",
    target: "Target",
    score: "Score",
    gap: "Gap",
    gap_note: "gap = target − score; negative means above target",
    severity: "Severity",
    dimension: "Dimension",
    section: "Section",
    priorities: "Development focus",
    no_priorities: "Every dimension meets its target.",
    strengths: "Strengths",
    no_strengths: "No dimension meets its target yet.",
    change: "Change since last time",
    first_result: "This is the first result of this person on this rubric.",
    quality: "Answering quality",
    insufficient: "insufficient answers",
    answered: "answered",
    flag_straight_line: "the same value was given to 80% or more of the items: the answers may not have been weighed one by one",
    flag_longstring: "the same value was given to 6 or more items in a row, half of the answers or more: the answers may not have been weighed one by one",
    flag_reverse_inconsistent: "agreed with a statement and with its opposite in the same dimension",
    flag_too_good: "every item was given its most favourable answer: the result may read higher than the behaviour; read it beside other people's ratings",
    flag_too_fast: "answered very fast (under 2 seconds an item)",
    up: "up",
    down: "down",
    steady: "steady",
    colon: ": ",
    list_sep: ", ",
    seconds: "s",
    unscorable: "too few answers to score",
    band: "Band",
    percentile: "Percentile",
    beyond_error: "beyond measurement error",
    within_error: "within measurement error",
    self_review: "Self-review",
    suggestions: "Suggestions:",
    not_answered: "not answered",
};

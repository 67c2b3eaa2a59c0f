//! The catalogue's texts for the questionnaire at the terminal.

use crate::result::Role;

/// One open draft, as a list of drafts shows it.
#[derive(Clone, Copy, Debug)]
pub struct DraftSummary<'a> {
    pub subject: &'a str,
    pub role: Role,
    pub rater: Option<&'a str>,
    pub rubric: &'a str,
    pub session: Option<&'a str>,
    pub answered: usize,
    /// 0 when not known.
    pub items: usize,
    /// RFC 3339.
    pub updated_at: &'a str,
}

/// "2026-11-28 09:30" of an RFC 3339 time; the text as it is otherwise.
pub fn short_time(rfc3339: &str) -> String {
    match (rfc3339.get(..10), rfc3339.get(11..16)) {
        (Some(day), Some(time)) if rfc3339.as_bytes().get(10).is_some_and(|b| *b == b'T') => format!("{day} {time}"),
        _ => rfc3339.to_string(),
    }
}

/// Texts for the questionnaire at the terminal.
pub trait AssessText {
    // Who is assessed.
    fn assess_whom(&self) -> &'static str;
    /// An answer to "whom does this questionnaire assess?".
    fn assess_role_option(&self, role: Role) -> String;
    fn assess_your_name(&self) -> &'static str;
    fn assess_subject_name(&self) -> &'static str;
    fn assess_department_prompt(&self) -> &'static str;
    fn assess_rater_name(&self) -> &'static str;
    fn assess_resume_question(&self, subject: &str, answered: usize, total: usize) -> String;

    // The welcome screen.
    /// (`about_other`: the answers are about a colleague, not the rater.)
    fn assess_intro(&self, items: usize, minutes: usize, about_other: bool) -> String;
    fn assess_scale_heading(&self) -> &'static str;
    fn assess_saved_note(&self) -> &'static str;
    /// The same in a kiosk: nothing a participant cannot do.
    fn assess_saved_note_kiosk(&self) -> &'static str;
    /// `--resume` found nothing to continue.
    fn assess_nothing_to_resume(&self) -> &'static str;
    fn assess_resumed(&self, answered: usize) -> String;
    fn assess_press_enter_to_start(&self) -> &'static str;

    // The item screen.
    fn assess_key_digit(&self) -> &'static str;
    fn assess_key_arrows(&self) -> &'static str;
    fn assess_key_skip(&self) -> &'static str;
    fn assess_key_back(&self) -> &'static str;
    fn assess_key_leave(&self) -> &'static str;
    /// "第 7 / 36 题" or "item 7 of 36".
    fn assess_progress(&self, number: usize, total: usize) -> String;
    fn assess_chosen_mark(&self) -> &'static str;
    fn assess_skipped_before(&self) -> &'static str;
    /// A rater who is not the subject: whom the answers are about
    /// ("评价对象：李华 · 请按其实际表现作答").
    fn assess_about(&self, subject: &str) -> String;

    // The review screen.
    fn assess_review_heading(&self, answered: usize, total: usize) -> String;
    fn assess_submit(&self) -> &'static str;
    fn assess_skipped(&self) -> &'static str;
    fn assess_review_key_move(&self) -> &'static str;
    fn assess_review_key_enter(&self) -> &'static str;
    /// "N more above" / "N more below" the answers shown.
    fn assess_review_more_above(&self, n: usize) -> String;
    fn assess_review_more_below(&self, n: usize) -> String;

    // The terminal's prompts.
    fn assess_required_hint(&self) -> &'static str;
    fn assess_choose_keys(&self) -> &'static str;
    fn assess_yes(&self) -> &'static str;
    fn assess_no(&self) -> &'static str;
    fn assess_confirm_keys(&self) -> &'static str;
    fn assess_next_participant(&self) -> &'static str;
    fn assess_press_enter_to_finish(&self) -> &'static str;
    /// Kiosk: the trainer's key was pressed; Enter or anything but y goes back.
    fn assess_kiosk_confirm_exit(&self) -> &'static str;

    // Drafts: resuming, listing, discarding.
    fn assess_choose_draft(&self) -> &'static str;
    fn assess_draft_option(&self, d: &DraftSummary) -> String;
    /// `--discard`: the draft is gone.
    fn assess_discarded(&self, d: &DraftSummary) -> String;
    fn assess_nothing_to_discard(&self) -> &'static str;
    /// `--discard` matched several drafts (listed above): none discarded.
    fn assess_discard_which(&self, n: usize) -> String;
    /// Before the command that continues a draft, and the one that discards it.
    fn assess_how_to_resume(&self) -> &'static str;
    fn assess_how_to_discard(&self) -> &'static str;

    // The end of a run.
    /// Before the command that shows the report again.
    fn assess_see_again(&self, saved: usize) -> String;
    /// `--no-save`: the report above is all there is.
    fn assess_not_saved(&self) -> &'static str;
    /// Kiosk: before the command that shows the session's group report.
    fn assess_kiosk_see_session(&self, saved: usize) -> String;
    /// Kiosk: participants who did not finish, told to the trainer at the end.
    fn assess_kiosk_unfinished(&self, n: usize) -> String;
}

//! The catalogue's texts for the questionnaire at the terminal.

use crate::result::Role;

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
    fn assess_intro(&self, items: usize, minutes: usize) -> String;
    fn assess_scale_heading(&self) -> &'static str;
    fn assess_saved_note(&self) -> &'static str;
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

    // The review screen.
    fn assess_review_heading(&self, answered: usize, total: usize) -> String;
    fn assess_submit(&self) -> &'static str;
    fn assess_skipped(&self) -> &'static str;
    fn assess_review_keys(&self) -> &'static str;

    // The terminal's prompts.
    fn assess_required_hint(&self) -> &'static str;
    fn assess_choose_keys(&self) -> &'static str;
    fn assess_yes(&self) -> &'static str;
    fn assess_no(&self) -> &'static str;
    fn assess_confirm_keys(&self) -> &'static str;
    fn assess_next_participant(&self) -> &'static str;
    fn assess_trainer_exit(&self) -> &'static str;
    fn assess_press_enter_to_finish(&self) -> &'static str;
}

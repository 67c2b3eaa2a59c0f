use crate::i18n::En;
use crate::i18n::assess::AssessText;
use crate::result::Role;

impl AssessText for En {
    fn assess_whom(&self) -> &'static str {
        "Whom does this questionnaire assess?"
    }
    fn assess_role_option(&self, role: Role) -> String {
        match role {
            Role::SelfRating => "Myself: a self-assessment".to_string(),
            Role::Other => "Someone else: another relation".to_string(),
            r => format!("Someone else: I am their {}", r.code()),
        }
    }
    fn assess_your_name(&self) -> &'static str {
        "Your name"
    }
    fn assess_subject_name(&self) -> &'static str {
        "Name of the person you assess"
    }
    fn assess_department_prompt(&self) -> &'static str {
        "Department (optional: press Enter to leave it out)"
    }
    fn assess_rater_name(&self) -> &'static str {
        "Your name (the rater)"
    }
    fn assess_resume_question(&self, subject: &str, answered: usize, total: usize) -> String {
        format!(
            "{subject} has an unfinished questionnaire ({answered} of {total} answered). Continue it? \"No\" discards it and starts anew."
        )
    }

    fn assess_intro(&self, items: usize, minutes: usize) -> String {
        format!(
            "{items} statements, about {minutes} minutes. Each is about your everyday work: choose how well it describes you. There are no right or wrong answers."
        )
    }
    fn assess_scale_heading(&self) -> &'static str {
        "Scale:"
    }
    fn assess_saved_note(&self) -> &'static str {
        "Every answer is saved at once: Ctrl-C leaves at any time, and --resume continues later."
    }
    fn assess_resumed(&self, answered: usize) -> String {
        format!("Continuing where you stopped: {answered} answered.")
    }
    fn assess_press_enter_to_start(&self) -> &'static str {
        "Press Enter to start."
    }

    fn assess_key_digit(&self) -> &'static str {
        "a digit answers"
    }
    fn assess_key_arrows(&self) -> &'static str {
        "↑↓ and Enter"
    }
    fn assess_key_skip(&self) -> &'static str {
        "s skips (not applicable)"
    }
    fn assess_key_back(&self) -> &'static str {
        "b goes back"
    }
    fn assess_key_leave(&self) -> &'static str {
        "Ctrl-C saves and leaves"
    }
    fn assess_progress(&self, number: usize, total: usize) -> String {
        format!("item {number} of {total}")
    }
    fn assess_chosen_mark(&self) -> &'static str {
        " (chosen)"
    }
    fn assess_skipped_before(&self) -> &'static str {
        "  (skipped before)"
    }

    fn assess_review_heading(&self, answered: usize, total: usize) -> String {
        format!("Check your answers ({answered} of {total} answered). Choose one and press Enter to change it.")
    }
    fn assess_submit(&self) -> &'static str {
        "Submit"
    }
    fn assess_skipped(&self) -> &'static str {
        "skip"
    }
    fn assess_review_keys(&self) -> &'static str {
        "↑↓ choose · Enter: submit or change the chosen answer · Ctrl-C saves and leaves"
    }

    fn assess_required_hint(&self) -> &'static str {
        "(required: type it and press Enter)"
    }
    fn assess_choose_keys(&self) -> &'static str {
        "a digit, or ↑↓ and Enter"
    }
    fn assess_yes(&self) -> &'static str {
        "Yes"
    }
    fn assess_no(&self) -> &'static str {
        "No"
    }
    fn assess_confirm_keys(&self) -> &'static str {
        "y yes · n no · Enter confirms"
    }
    fn assess_next_participant(&self) -> &'static str {
        "Next participant: press Enter to start."
    }
    fn assess_trainer_exit(&self) -> &'static str {
        "Trainer, to end the session: press Ctrl-X."
    }
    fn assess_press_enter_to_finish(&self) -> &'static str {
        "Press Enter to finish."
    }
}

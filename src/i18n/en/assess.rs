use crate::i18n::En;
use crate::i18n::assess::{AssessText, DraftSummary, short_time};
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

    fn assess_intro(&self, items: usize, minutes: usize, about_other: bool) -> String {
        if about_other {
            format!(
                "{items} statements, about {minutes} minutes. Each is about the everyday work of the person you rate: choose how well it describes them, from what you have seen. There are no right or wrong answers."
            )
        } else {
            format!(
                "{items} statements, about {minutes} minutes. Each is about your everyday work: choose how well it describes you. There are no right or wrong answers."
            )
        }
    }
    fn assess_scale_heading(&self) -> &'static str {
        "Scale:"
    }
    fn assess_saved_note(&self) -> &'static str {
        "Every answer is saved at once: Ctrl-C leaves at any time and shows the command that continues."
    }
    fn assess_saved_note_kiosk(&self) -> &'static str {
        "Every answer is saved at once. If you need to stop before the end, tell your trainer."
    }
    fn assess_nothing_to_resume(&self) -> &'static str {
        "No unfinished questionnaire was found: this one starts anew."
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
    fn assess_about(&self, subject: &str) -> String {
        format!("About: {subject} · answer by what they actually do")
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
    fn assess_review_key_move(&self) -> &'static str {
        "↑↓ choose"
    }
    fn assess_review_key_enter(&self) -> &'static str {
        "Enter: submit or change"
    }
    fn assess_review_more_above(&self, n: usize) -> String {
        format!("↑ {n} more above")
    }
    fn assess_review_more_below(&self, n: usize) -> String {
        format!("↓ {n} more below")
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
    fn assess_press_enter_to_finish(&self) -> &'static str {
        "Press Enter to finish."
    }
    fn assess_kiosk_confirm_exit(&self) -> &'static str {
        "End the session? y/N (y ends it, any other key goes back)"
    }

    fn assess_choose_draft(&self) -> &'static str {
        "Several questionnaires are unfinished. Which one do you continue?"
    }
    fn assess_draft_option(&self, d: &DraftSummary) -> String {
        let who = match (d.role, d.rater) {
            (Role::SelfRating, _) => "self".to_string(),
            (r, Some(rater)) => format!("by {rater}, {}", r.code()),
            (r, None) => format!("by a {}", r.code()),
        };
        let done = if d.items > 0 {
            format!("{} of {} answered", d.answered, d.items)
        } else {
            format!("{} answered", d.answered)
        };
        let session = d.session.map(|s| format!(" · session {s}")).unwrap_or_default();
        format!("{} ({who}) · {} · {done}{session} · {}", d.subject, d.rubric, short_time(d.updated_at))
    }
    fn assess_discarded(&self, d: &DraftSummary) -> String {
        format!("Discarded the unfinished questionnaire of {} ({} answered).", d.subject, d.answered)
    }
    fn assess_nothing_to_discard(&self) -> &'static str {
        "No unfinished questionnaire matches: nothing was discarded."
    }
    fn assess_discard_which(&self, n: usize) -> String {
        format!(
            "{n} unfinished questionnaires match and none was discarded: use one of the commands above, or say which with --subject, --rubric or --role."
        )
    }
    fn assess_how_to_resume(&self) -> &'static str {
        "To continue:"
    }
    fn assess_how_to_discard(&self) -> &'static str {
        "To discard the draft:"
    }

    fn assess_see_again(&self, saved: usize) -> String {
        if saved == 1 {
            "Result saved. To see the report again:".to_string()
        } else {
            format!("{saved} results saved. To see the report again:")
        }
    }
    fn assess_not_saved(&self) -> &'static str {
        "This result was not saved (--no-save): the report above cannot be shown again."
    }
    fn assess_kiosk_see_session(&self, saved: usize) -> String {
        let results = crate::i18n::plural(saved, "result", "results");
        format!("{saved} {results} saved in this session. The session's group report:")
    }
    fn assess_kiosk_unfinished(&self, n: usize) -> String {
        let who = crate::i18n::plural(n, "participant", "participants");
        format!("{n} {who} did not finish; the answers given so far are kept as drafts:")
    }
}

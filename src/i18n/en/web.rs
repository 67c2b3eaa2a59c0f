use crate::i18n::En;
use crate::i18n::web::WebText;

impl WebText for En {
    fn web_title(&self, rubric: &str, page: &str) -> String {
        format!("{page} · {rubric}")
    }
    fn web_welcome(&self) -> &'static str {
        "Welcome"
    }
    fn web_confidential(&self) -> &'static str {
        "Your answers are confidential: they are kept on this training room's computer only and sent to no online service. The group report shows no names, and no figures for groups too small."
    }
    fn web_begin(&self) -> &'static str {
        "Begin"
    }
    fn web_resume_heading(&self) -> &'static str {
        "Started on another device? Enter your resume code to go on:"
    }
    fn web_resume_code(&self) -> &'static str {
        "Resume code (6 characters)"
    }
    fn web_resume_button(&self) -> &'static str {
        "Go on"
    }
    fn web_resume_unknown(&self) -> &'static str {
        "No questionnaire has this resume code. Check the six characters shown on your screen and enter them again."
    }
    fn web_department(&self) -> &'static str {
        "Your department (optional)"
    }
    fn web_subject_department(&self) -> &'static str {
        "Their department (optional)"
    }
    fn web_rater_optional(&self) -> &'static str {
        "Your name (the rater, optional)"
    }
    fn web_roster_pick(&self) -> &'static str {
        "Choose from the list"
    }
    fn web_roster_typed(&self) -> &'static str {
        "(not in the list: type below)"
    }
    fn web_or_type(&self) -> &'static str {
        "Or type it:"
    }
    fn web_start_questions(&self) -> &'static str {
        "Start the questions"
    }
    fn web_back(&self) -> &'static str {
        "Back"
    }
    fn web_to_review(&self) -> &'static str {
        "Review and submit"
    }
    fn web_code_note(&self, code: &str) -> String {
        format!("Resume code {code}: enter it on another device to go on")
    }
    fn web_review_heading(&self, answered: usize, total: usize) -> String {
        format!("Check your answers ({answered} of {total} answered); tap one to change it.")
    }
    fn web_skipped(&self) -> &'static str {
        "skipped"
    }
    fn web_not_answered(&self) -> &'static str {
        "not answered"
    }
    fn web_submit_note(&self) -> &'static str {
        "Once submitted, the answers cannot be changed."
    }
    fn web_answer_first(&self, n: usize) -> String {
        if n == 1 {
            "1 statement is not answered yet: answer it before submitting.".to_string()
        } else {
            format!("{n} statements are not answered yet: answer them before submitting.")
        }
    }
    fn web_thanks(&self) -> &'static str {
        "Submitted, thank you. Your own report is below, to print or download."
    }
    fn web_thanks_no_report(&self) -> &'static str {
        "Submitted and saved, thank you. The trainer hands out the personal reports."
    }
    fn web_print(&self) -> &'static str {
        "Print"
    }
    fn web_download(&self) -> &'static str {
        "Download the report"
    }
    fn web_problem(&self) -> &'static str {
        "Cannot go on"
    }
    fn web_form_expired(&self) -> &'static str {
        "This page is no longer valid. Open the join link again: your answers so far are kept."
    }
    fn web_closed_heading(&self) -> &'static str {
        "This session is closed"
    }
    fn web_choices(&self) -> &'static str {
        "How well it describes you"
    }
    fn web_trainer_heading(&self, session: &str) -> String {
        format!("Trainer's page · session {session}")
    }
    fn web_refreshes(&self, seconds: u32) -> String {
        format!("This page refreshes every {seconds} seconds.")
    }
    fn web_counts(&self, joined: usize, answering: usize, finished: usize) -> String {
        format!("{joined} joined · {answering} answering · {finished} submitted")
    }
    fn web_progress_heading(&self) -> &'static str {
        "Progress (counts only, no names)"
    }
    fn web_progress_none(&self) -> &'static str {
        "not begun"
    }
    fn web_progress_range(&self, from: usize, to: usize) -> String {
        format!("{from}–{to}% answered")
    }
    fn web_progress_all(&self) -> &'static str {
        "all answered, not submitted"
    }
    fn web_progress_submitted(&self) -> &'static str {
        "submitted"
    }
    fn web_join_heading(&self) -> &'static str {
        "Join link (to project)"
    }
    fn web_group_report(&self) -> &'static str {
        "Show the group report"
    }
    fn web_downloads(&self) -> &'static str {
        "Downloads"
    }
    fn web_download_group_html(&self) -> &'static str {
        "Group report (HTML)"
    }
    fn web_download_group_csv(&self) -> &'static str {
        "Group report (CSV)"
    }
    fn web_download_pack(&self) -> &'static str {
        "Report pack (ZIP: the group report and everyone's own report, with names; keep it private)"
    }
    fn web_close(&self) -> &'static str {
        "Close the session"
    }
    fn web_close_note(&self) -> &'static str {
        "Once closed, no more answers are taken and the join link says the session is closed; everything saved is kept."
    }
    fn web_closed_note(&self) -> &'static str {
        "This session is closed: no more answers are taken."
    }
}

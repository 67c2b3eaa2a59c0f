//! The catalogue's texts for the pages `zhixing serve` shows in a browser
//! (SPEC §16): the participant's welcome, questions, review and report,
//! and the trainer's page. The texts the terminal questionnaire shares
//! (whom, names, progress, the 评价对象 line) come from `assess`.

pub trait WebText {
    /// The `<title>` of every page: the rubric's title and the page's own.
    fn web_title(&self, rubric: &str, page: &str) -> String;
    /// The welcome's heading.
    fn web_welcome(&self) -> &'static str;
    /// That the answers are confidential and kept on this machine.
    fn web_confidential(&self) -> &'static str;
    /// The button that begins.
    fn web_begin(&self) -> &'static str;
    /// Above the resume form: started on another device.
    fn web_resume_heading(&self) -> &'static str;
    /// The label of the resume code's field.
    fn web_resume_code(&self) -> &'static str;
    /// The resume button.
    fn web_resume_button(&self) -> &'static str;
    /// A resume code that is not in the session.
    fn web_resume_unknown(&self) -> &'static str;
    /// A participant's department, optional.
    fn web_department(&self) -> &'static str;
    /// The colleague's department, optional.
    fn web_subject_department(&self) -> &'static str;
    /// The rater's own name when rating someone else, optional.
    fn web_rater_optional(&self) -> &'static str;
    /// The roster's choice.
    fn web_roster_pick(&self) -> &'static str;
    /// The roster's first option: not in the list, typed below.
    fn web_roster_typed(&self) -> &'static str;
    /// Under the roster: or type the name.
    fn web_or_type(&self) -> &'static str;
    /// The button that starts the questions.
    fn web_start_questions(&self) -> &'static str;
    /// The link back to an earlier screen.
    fn web_back(&self) -> &'static str;
    /// The link to the review screen.
    fn web_to_review(&self) -> &'static str;
    /// The resume code on every screen.
    fn web_code_note(&self, code: &str) -> String;
    /// The review's heading.
    fn web_review_heading(&self, answered: usize, total: usize) -> String;
    /// A statement skipped, in the review.
    fn web_skipped(&self) -> &'static str;
    /// An item not yet answered, in the review.
    fn web_not_answered(&self) -> &'static str;
    /// That a submitted questionnaire cannot be changed.
    fn web_submit_note(&self) -> &'static str;
    /// Items still to answer before submitting (a scale without skipping).
    fn web_answer_first(&self, n: usize) -> String;
    /// After submitting, where the report is shown.
    fn web_thanks(&self) -> &'static str;
    /// After submitting, where the report is not shown.
    fn web_thanks_no_report(&self) -> &'static str;
    /// The report's print button.
    fn web_print(&self) -> &'static str;
    /// The report's download link.
    fn web_download(&self) -> &'static str;
    /// The heading of a page that says something went wrong.
    fn web_problem(&self) -> &'static str;
    /// A form posted from a page that is no longer valid (the CSRF token).
    fn web_form_expired(&self) -> &'static str;
    /// The page of a closed session.
    fn web_closed_heading(&self) -> &'static str;
    /// The choice of an answer on the page (a screen reader reads it).
    fn web_choices(&self) -> &'static str;

    /// The trainer's page: its heading.
    fn web_trainer_heading(&self, session: &str) -> String;
    /// That the page refreshes itself.
    fn web_refreshes(&self, seconds: u32) -> String;
    /// The counts.
    fn web_counts(&self, joined: usize, answering: usize, finished: usize) -> String;
    /// Above the anonymous progress.
    fn web_progress_heading(&self) -> &'static str;
    /// A bucket of the progress: not begun, a range of percent, submitted.
    fn web_progress_none(&self) -> &'static str;
    fn web_progress_range(&self, from: usize, to: usize) -> String;
    fn web_progress_all(&self) -> &'static str;
    fn web_progress_submitted(&self) -> &'static str;
    /// Above the join link and its QR code, to project.
    fn web_join_heading(&self) -> &'static str;
    /// The link to the group report.
    fn web_group_report(&self) -> &'static str;
    /// Above the downloads.
    fn web_downloads(&self) -> &'static str;
    fn web_download_group_html(&self) -> &'static str;
    fn web_download_group_csv(&self) -> &'static str;
    fn web_download_pack(&self) -> &'static str;
    /// The close button, and what it does.
    fn web_close(&self) -> &'static str;
    fn web_close_note(&self) -> &'static str;
    /// The session is closed.
    fn web_closed_note(&self) -> &'static str;
}

//! The catalogue's texts for the individual and history reports (the words
//! that every report shares are in `words`: [`crate::i18n::Ui`]).

/// Texts for the individual and history reports.
pub trait ReportText {
    /// `export --wide`: the headers of the columns before the attributes
    /// (result id, subject, department, rater role, rater, session, taken
    /// at, rubric, rubric version) and of those after them (seconds, flags,
    /// overall score).
    fn wide_headers(&self) -> ([&'static str; 9], [&'static str; 3]);
    /// A column of the change since last time.
    fn report_change(&self) -> &'static str;
    /// A text in brackets after another: full-width in Chinese.
    fn report_paren(&self, text: &str) -> String;
    /// The table shows the suggestions of the first `n` priorities only.
    fn report_suggestions_shown(&self, n: usize) -> String;
    fn report_html_footer(&self) -> &'static str;
    fn report_radar_title(&self) -> &'static str;
    fn report_last_time(&self) -> &'static str;
    fn report_gap_title(&self) -> &'static str;
    /// A result with no overall score, said plainly where the development
    /// focus and strengths would be: too few of `items` answered.
    fn report_unscorable(&self, answered: usize, items: usize) -> String;

    /// "张三 · 3 results".
    fn history_heading(&self, subject: &str, results: usize) -> String;
    fn history_one_result(&self) -> &'static str;
    /// The trend: a sparkline, the first and last overall scores, the change and its direction.
    fn history_trend(&self, sparkline: &str, first: &str, last: &str, change: &str, direction: &str) -> String;
    fn history_none(&self) -> &'static str;
    fn history_chart_title(&self) -> &'static str;
    fn history_over_time(&self) -> &'static str;

    /// `n` results are in another language than the report, and their
    /// rubric texts could not be given in it: they are shown as written.
    fn report_texts_as_written(&self, n: usize) -> String;

    /// At the top of a report whose answers carry quality flags.
    fn report_flagged_notice(&self) -> &'static str;

    /// What a score means, said once (SPEC §9).
    fn report_score_meaning(&self) -> &'static str;
    /// With norms: what a band and a percentile are, and that a target is
    /// another thing.
    fn report_norms_meaning(&self) -> &'static str;
    /// Without norms, beside the changes: how to judge them, with the
    /// option that does (terminal and Markdown reports).
    fn report_norms_hint_option(&self) -> &'static str;
    /// The same in plain words, for a page a trainer may project (HTML).
    fn report_norms_hint_plain(&self) -> &'static str;
    /// Above the statements that pulled a development focus down.
    fn report_pulled_down(&self) -> &'static str;
    /// A statement and the answer given to it.
    fn report_statement(&self, text: &str, answer: &str) -> String;
    /// Under the self-review heading: these dimensions are not scored in a
    /// self-assessment.
    fn report_self_review_note(&self) -> &'static str;
    /// The per-dimension changes with norms, a heading.
    fn report_dimension_changes(&self) -> &'static str;

    /// In a person's report of the trainer's pack: the column (and the
    /// figure beside the overall score) of the group's mean.
    fn report_group_mean(&self) -> &'static str;
    /// Under the scores of such a report: what the group's mean is.
    fn report_group_mean_note(&self, n: usize, people: bool) -> String;
}

//! The catalogue's texts for the individual and history reports (the words
//! that every report shares are in `words`: [`crate::i18n::Ui`]).

/// Texts for the individual and history reports.
pub trait ReportText {
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
}

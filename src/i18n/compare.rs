//! The catalogue's texts for `zhixing compare` (SPEC §14): before and after
//! a training, paired by person.

pub trait CompareText {
    /// The report's heading.
    fn compare_heading(&self) -> &'static str;
    /// The line under it: the two sides, how many paired.
    fn compare_about(&self, before: (&str, usize), after: (&str, usize), paired: usize, role: &str) -> String;
    /// Who is on one side only (not in any figure).
    fn compare_unpaired(&self, only_before: usize, only_after: usize) -> String;
    /// `--by subject`: the word for the grouping.
    fn compare_by_subject(&self) -> &'static str;
    /// The everyone group's title.
    fn compare_everyone(&self) -> &'static str;
    /// A withheld group's line: why nothing of it shows.
    fn compare_withheld(&self, reason: &str, min_group: usize) -> String;
    fn compare_col_level(&self) -> &'static str;
    fn compare_col_n(&self) -> &'static str;
    fn compare_col_before(&self) -> &'static str;
    fn compare_col_after(&self) -> &'static str;
    fn compare_col_change(&self) -> &'static str;
    fn compare_col_improved(&self) -> &'static str;
    fn compare_col_declined(&self) -> &'static str;
    fn compare_col_unchanged(&self) -> &'static str;
    /// CSV: the grouping and its value.
    fn compare_col_group(&self) -> &'static str;
    /// CSV: overall, section or dimension.
    fn compare_col_kind(&self) -> &'static str;
    fn compare_col_id(&self) -> &'static str;
    fn compare_col_sd_change(&self) -> &'static str;
    fn compare_col_withheld(&self) -> &'static str;
    fn compare_overall(&self) -> &'static str;
    fn compare_kind_section(&self) -> &'static str;
    fn compare_kind_dimension(&self) -> &'static str;
    /// What d_z means, and what it cannot say.
    fn compare_dz_note(&self) -> &'static str;
    /// What "reliably improved" means; `norms`: the sem is the norms'.
    fn compare_reliable_note(&self, norms: bool) -> &'static str;
    /// stderr: a side read from a file or from a session of the store.
    fn compare_side_file(&self, after: bool, path: &str) -> String;
    fn compare_side_session(&self, after: bool, session: &str) -> String;
    /// stderr: results left out.
    fn compare_flagged_left_out(&self, n: usize) -> String;
    fn compare_other_roles(&self, n: usize) -> String;
    fn compare_earlier(&self, n: usize) -> String;
    /// HTML: the chart's title and its legend.
    fn compare_chart_title(&self) -> &'static str;
}

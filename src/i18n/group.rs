//! The catalogue's texts for group statistics and the group report, the 360 view.

/// Texts for group statistics and the group report, the 360 view.
pub trait GroupText {
    // The report's words.
    /// "group report", after the rubric's title.
    fn group_report(&self) -> &'static str;
    /// The results a report is made of: "12 results".
    fn group_results(&self, n: usize) -> String;
    /// The group of everyone.
    fn group_everyone(&self) -> &'static str;
    /// A group whose value is missing.
    fn group_none_value(&self) -> &'static str;
    /// What a group is grouped by, where the grouping is unknown.
    fn group_group(&self) -> &'static str;
    fn group_subgroups(&self) -> &'static str;
    fn group_min_group(&self) -> &'static str;
    fn group_top_priority(&self) -> &'static str;

    // The statistics' column heads.
    /// What n counts: people (each once) or results.
    fn group_n(&self, people: bool) -> &'static str;
    /// A group's size beside its name: "人数 13", "13 people".
    fn group_count(&self, n: usize, people: bool) -> String;
    fn group_mean(&self) -> &'static str;
    fn group_sd(&self) -> &'static str;
    fn group_min(&self) -> &'static str;
    fn group_median(&self) -> &'static str;
    fn group_max(&self) -> &'static str;
    fn group_mean_gap(&self) -> &'static str;
    fn group_severities(&self) -> &'static str;
    fn group_alpha(&self) -> &'static str;
    /// Under the statistics: what the columns mean.
    fn group_stats_note(&self) -> &'static str;

    // Alpha's bands (George and Mallery).
    fn group_alpha_excellent(&self) -> &'static str;
    fn group_alpha_good(&self) -> &'static str;
    fn group_alpha_acceptable(&self) -> &'static str;
    fn group_alpha_questionable(&self) -> &'static str;
    fn group_alpha_poor(&self) -> &'static str;
    fn group_alpha_unacceptable(&self) -> &'static str;

    // Anonymity.
    /// A group with fewer than `min_group` results.
    fn group_withheld_too_few(&self, min_group: usize) -> String;
    /// A group withheld with the one smaller group.
    fn group_withheld_complementary(&self) -> &'static str;
    /// A group withheld because a group of another grouping differs from it
    /// by fewer than `min_group`.
    fn group_withheld_nested(&self, min_group: usize) -> String;
    /// A note under a table where some figures are withheld on their own.
    fn group_stat_withheld(&self, min_group: usize) -> String;
    /// Earlier results of the same person left out (rule 1).
    fn group_earlier_left_out(&self, n: usize) -> String;
    /// The small rater roles pooled together in the 360 view.
    fn group_pooled(&self) -> &'static str;
    /// Which roles were pooled.
    fn group_pooled_note(&self, roles: &str, floor: usize) -> String;
    /// Ratings left out of every figure: "同事 2 份".
    fn group_left_out_role(&self, role: &str, n: usize) -> String;
    fn group_left_out(&self, list: &str, floor: usize) -> String;
    fn group_subjects_numbered(&self) -> &'static str;

    // Answering quality.
    fn group_flagged_none(&self) -> &'static str;
    /// `n` results (at least one) carry quality flags.
    fn group_flagged(&self, n: usize) -> String;
    /// Results of one kind of flag: the flag in the words of the personal
    /// report, and how many.
    fn group_flagged_kind(&self, flag: &str, n: usize) -> String;
    /// `--exclude-flagged`: `n` flagged results left out of every figure.
    fn group_excluded_flagged(&self, n: usize) -> String;
    /// CSV headers: results with quality flags; of one kind (`flag` in the
    /// personal report's words); results left out by `--exclude-flagged`.
    fn group_csv_flagged(&self) -> &'static str;
    fn group_csv_flagged_kind(&self, flag: &str) -> String;
    fn group_csv_excluded_flagged(&self) -> &'static str;
    /// On stderr (never in the report, which may be projected).
    fn group_named_shows_who(&self) -> &'static str;
    /// A flagged respondent rated by someone else: the subject and the
    /// rater's role.
    fn group_rated_by(&self, subject: &str, role: &str) -> String;
    /// Between flagged respondents.
    fn group_respondents_sep(&self) -> &'static str;

    // The 360 view.
    fn group_360_heading(&self) -> &'static str;
    fn group_self(&self) -> &'static str;
    fn group_others(&self) -> &'static str;
    fn group_difference(&self) -> &'static str;
    fn group_blind_spots(&self) -> &'static str;
    fn group_hidden_strengths(&self) -> &'static str;
    /// No blind spot or hidden strength.
    fn group_none(&self) -> &'static str;
    /// Rater roles (joined) with fewer than `min` respondents.
    fn group_roles_withheld(&self, roles: &str, min: usize) -> String;

    // The charts (HTML).
    fn group_chart_means(&self) -> &'static str;
    fn group_chart_spread(&self) -> &'static str;
    fn group_chart_min_max(&self) -> &'static str;
    fn group_chart_severities(&self) -> &'static str;
    fn group_chart_self_others(&self) -> &'static str;

    /// No rubric, so no alpha.
    fn group_no_rubric(&self) -> &'static str;

    // The CSV export, for a spreadsheet: column heads and words.
    /// What the groups are grouped by.
    fn group_csv_by(&self) -> &'static str;
    /// Whether a row's figures are withheld.
    fn group_csv_withheld(&self) -> &'static str;
    /// Overall, section or dimension.
    fn group_csv_level(&self) -> &'static str;
    /// The rubric's id of the score (for scripts to join on).
    fn group_csv_id(&self) -> &'static str;
    /// The score's name.
    fn group_csv_title(&self) -> &'static str;
    fn group_csv_alpha_n(&self) -> &'static str;
    fn group_csv_alpha_label(&self) -> &'static str;
    fn group_csv_reason(&self) -> &'static str;
    fn group_csv_yes(&self) -> &'static str;
    fn group_csv_no(&self) -> &'static str;
    /// The 360 view: the person rated.
    fn group_csv_subject(&self) -> &'static str;
    fn group_csv_others_n(&self) -> &'static str;
    fn group_csv_left_out(&self) -> &'static str;

    // The one-screen summary at the top of the HTML report.
    /// Its name, for screen readers.
    fn group_summary(&self) -> &'static str;
    fn group_overall_mean(&self) -> &'static str;
    /// Reliability at a glance: `ok` of `total` dimensions with α ≥ .70.
    fn group_reliability(&self, ok: usize, total: usize) -> String;
    /// No alpha could be computed.
    fn group_reliability_none(&self) -> &'static str;
    /// Quality flags at a glance: `n` results.
    fn group_flagged_short(&self, n: usize) -> String;

    // The subgroups' means side by side (table, CSV) or as a heat map (HTML).
    fn group_means_heading(&self) -> &'static str;
    /// A figure withheld on its own, in a table cell.
    fn group_cell_withheld(&self) -> &'static str;
    /// Above the heat map's legend: what a cell's colour says.
    fn group_heat_legend(&self) -> &'static str;
    /// How to read the heat map: the number is the mean, the colour its gap.
    fn group_heat_note(&self) -> &'static str;
    /// Reliability at a glance: the dimension with the lowest alpha.
    fn group_reliability_lowest(&self, dimension: &str, alpha: &str) -> String;
    /// The group's strengths in CSV: the heading of the rank column.
    fn group_csv_strength_rank(&self) -> &'static str;
}

//! The catalogue's texts for norms (SPEC §13): `norms build`, `norms show`,
//! and the standard error of measurement in group reports.

pub trait NormsText {
    /// `norms build` wrote the norms: how many people, where.
    fn norms_written(&self, n: usize, path: &str) -> String;
    /// `norms build`: results of other rater roles left out.
    fn norms_other_roles(&self, n: usize) -> String;
    /// `norms build`: earlier results of the same people left out.
    fn norms_earlier(&self, n: usize) -> String;
    /// `norms build --exclude-flagged`: results with quality flags left out.
    fn norms_flagged_left_out(&self, n: usize) -> String;
    /// `norms show`: the heading.
    fn norms_heading(&self) -> &'static str;
    /// `norms show`: the line under it: the rubric, role, people, when.
    fn norms_about(&self, rubric: &str, version: &str, role: &str, n: usize, created_at: &str) -> String;
    fn norms_col_dimension(&self) -> &'static str;
    fn norms_col_n(&self) -> &'static str;
    fn norms_col_mean(&self) -> &'static str;
    fn norms_col_sd(&self) -> &'static str;
    fn norms_col_alpha(&self) -> &'static str;
    /// The column of the standard error of measurement (here and in group reports).
    fn sem_heading(&self) -> &'static str;
    /// The same, short, for the column of a wide table (the legend says it whole).
    fn sem_column(&self) -> &'static str;
    /// The overall score's row.
    fn norms_overall(&self) -> &'static str;
    /// One line saying what sem is and how to read it.
    fn sem_legend(&self) -> &'static str;
}

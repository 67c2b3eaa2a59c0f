use crate::i18n::norms::NormsText;
use crate::i18n::{En, plural};

impl NormsText for En {
    fn norms_written(&self, n: usize, path: &str) -> String {
        format!(
            "norms made from {n} {} results: {path} (no name, id or answer in it)",
            plural(n, "person's", "people's")
        )
    }
    fn norms_other_roles(&self, n: usize) -> String {
        format!("{n} {} of other rater roles left out", plural(n, "result", "results"))
    }
    fn norms_earlier(&self, n: usize) -> String {
        format!(
            "{n} earlier {} of the same people left out (each person's latest counts)",
            plural(n, "result", "results")
        )
    }
    fn norms_flagged_left_out(&self, n: usize) -> String {
        format!("{n} {} with quality flags left out (--exclude-flagged)", plural(n, "result", "results"))
    }
    fn norms_heading(&self) -> &'static str {
        "Norms"
    }
    fn norms_about(&self, rubric: &str, version: &str, role: &str, n: usize, created_at: &str) -> String {
        format!(
            "rubric {rubric} {version} · rater role {role} · {n} {} · made {created_at}",
            plural(n, "person", "people")
        )
    }
    fn norms_col_dimension(&self) -> &'static str {
        "Dimension"
    }
    fn norms_col_n(&self) -> &'static str {
        "n"
    }
    fn norms_col_mean(&self) -> &'static str {
        "Mean"
    }
    fn norms_col_sd(&self) -> &'static str {
        "SD"
    }
    fn norms_col_alpha(&self) -> &'static str {
        "Alpha"
    }
    fn sem_heading(&self) -> &'static str {
        "SEM"
    }
    fn sem_column(&self) -> &'static str {
        "SEM"
    }
    fn norms_overall(&self) -> &'static str {
        "Overall"
    }
    fn sem_legend(&self) -> &'static str {
        "SEM, the standard error of measurement = SD × √(1 − alpha): a person's score lies within ±1.96 × SEM with about 95 % confidence; two scores less than about 2.8 × SEM apart differ within measurement error"
    }
}

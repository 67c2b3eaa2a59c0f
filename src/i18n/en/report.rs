use crate::i18n::report::ReportText;
use crate::i18n::{En, plural};

impl ReportText for En {
    fn wide_headers(&self) -> ([&'static str; 9], [&'static str; 3]) {
        (
            [
                "result id",
                "subject",
                "department",
                "rater role",
                "rater",
                "session",
                "taken at",
                "rubric",
                "rubric version",
            ],
            ["seconds", "quality flags", "overall"],
        )
    }

    fn report_change(&self) -> &'static str {
        "Change"
    }

    fn report_paren(&self, text: &str) -> String {
        format!(" ({text})")
    }

    fn report_suggestions_shown(&self, n: usize) -> String {
        format!("    (suggestions for the first {n}; all of them: zhixing report --latest --format markdown)")
    }

    fn report_html_footer(&self) -> &'static str {
        "Execution capability report"
    }

    fn report_radar_title(&self) -> &'static str {
        "Dimension scores against targets"
    }

    fn report_last_time(&self) -> &'static str {
        "Last time"
    }

    fn report_gap_title(&self) -> &'static str {
        "Gap to target by dimension"
    }

    fn report_unscorable(&self, answered: usize, items: usize) -> String {
        format!(
            "There are too few answers to score (answered {answered} of {items} {}), so there is no development focus and there are no strengths to list.",
            crate::i18n::plural(items, "item", "items")
        )
    }

    fn history_heading(&self, subject: &str, results: usize) -> String {
        format!("{subject} · {results} {}", plural(results, "result", "results"))
    }

    fn history_one_result(&self) -> &'static str {
        "One result only: no trend yet."
    }

    fn history_trend(&self, sparkline: &str, first: &str, last: &str, change: &str, direction: &str) -> String {
        format!("Trend {sparkline}  overall from {first} to {last} ({change}, {direction})")
    }

    fn history_none(&self) -> &'static str {
        "No results for this person."
    }

    fn history_chart_title(&self) -> &'static str {
        "Overall and section scores"
    }

    fn report_texts_as_written(&self, n: usize) -> String {
        let results = if n == 1 { "1 result was".to_string() } else { format!("{n} results were") };
        format!(
            "Note: {results} answered in another language and the rubric used then is not at hand: its dimension names and suggestions are shown as written."
        )
    }

    fn history_over_time(&self) -> &'static str {
        "Results over time"
    }

    fn report_flagged_notice(&self) -> &'static str {
        "These answers carry quality flags: read the results below with care."
    }

    fn report_score_meaning(&self) -> &'static str {
        "Scores run from 0 to 100: the share of the way from the lowest answer on the scale to the highest (statements worded the other way round are counted in reverse)."
    }

    fn report_norms_meaning(&self) -> &'static str {
        "Band: the 95% range of a score given measurement error; percentile: the share of the norm group who scored lower. A target is what the organisation expects, a percentile where the person stands among peers: read them apart."
    }

    fn report_norms_hint_option(&self) -> &'static str {
        "Changes are shown as they are; with --norms (a norms file) the report says whether each is beyond measurement error."
    }

    fn report_norms_hint_plain(&self) -> &'static str {
        "Changes are shown as they are; only with norms can one tell whether a change is beyond measurement error."
    }

    fn report_pulled_down(&self) -> &'static str {
        "Statements that pulled it down:"
    }

    fn report_statement(&self, text: &str, answer: &str) -> String {
        format!("{text} (answered: {answer})")
    }

    fn report_self_review_note(&self) -> &'static str {
        "These dimensions are not scored in a self-assessment: the answers are listed for the person's own review."
    }

    fn report_dimension_changes(&self) -> &'static str {
        "By dimension"
    }

    fn report_group_mean(&self) -> &'static str {
        "Group mean"
    }

    fn report_group_mean_note(&self, n: usize, people: bool) -> String {
        let unit = if people { "people" } else { "results" };
        format!(
            "Group mean: the mean score of everyone in this assessment ({n} {unit}), for comparison; figures too few to show are left out."
        )
    }
}

use crate::i18n::report::ReportText;
use crate::i18n::{En, plural};

impl ReportText for En {
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
}

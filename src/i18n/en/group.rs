use crate::i18n::group::GroupText;
use crate::i18n::{En, plural};

impl GroupText for En {
    fn group_report(&self) -> &'static str {
        "group report"
    }
    fn group_results(&self, n: usize) -> String {
        format!("{n} {}", plural(n, "result", "results"))
    }
    fn group_everyone(&self) -> &'static str {
        "Everyone"
    }
    fn group_none_value(&self) -> &'static str {
        "(none)"
    }
    fn group_group(&self) -> &'static str {
        "Group"
    }
    fn group_subgroups(&self) -> &'static str {
        "Groups compared"
    }
    fn group_min_group(&self) -> &'static str {
        "minimum group"
    }
    fn group_top_priority(&self) -> &'static str {
        "First priority"
    }

    fn group_n(&self) -> &'static str {
        "n"
    }
    fn group_mean(&self) -> &'static str {
        "Mean"
    }
    fn group_sd(&self) -> &'static str {
        "SD"
    }
    fn group_min(&self) -> &'static str {
        "Min"
    }
    fn group_median(&self) -> &'static str {
        "Median"
    }
    fn group_max(&self) -> &'static str {
        "Max"
    }
    fn group_mean_gap(&self) -> &'static str {
        "Mean gap"
    }
    fn group_severities(&self) -> &'static str {
        "Severities"
    }
    fn group_alpha(&self) -> &'static str {
        "Alpha"
    }
    fn group_stats_note(&self) -> &'static str {
        "mean gap = the mean of target − score; severities count results met/close/room to grow/much room to grow; alpha is each dimension's internal consistency (Cronbach's alpha), over the n in brackets where not everyone answered every item."
    }

    fn group_alpha_excellent(&self) -> &'static str {
        "excellent"
    }
    fn group_alpha_good(&self) -> &'static str {
        "good"
    }
    fn group_alpha_acceptable(&self) -> &'static str {
        "acceptable"
    }
    fn group_alpha_questionable(&self) -> &'static str {
        "questionable"
    }
    fn group_alpha_poor(&self) -> &'static str {
        "poor"
    }
    fn group_alpha_unacceptable(&self) -> &'static str {
        "unacceptable"
    }

    fn group_withheld_too_few(&self, min_group: usize) -> String {
        format!("fewer than {min_group} respondents: not shown")
    }
    fn group_withheld_complementary(&self) -> &'static str {
        "not shown, so that a smaller group cannot be worked out from it"
    }
    fn group_subjects_numbered(&self) -> &'static str {
        "Subjects are numbered instead of named; --named shows their names."
    }

    fn group_flagged_none(&self) -> &'static str {
        "No result carries answering-quality flags."
    }
    fn group_flagged(&self, n: usize) -> String {
        format!(
            "{n} {} answering-quality flags (the same value for most items, contradictory answers, or answering very fast).",
            plural(n, "result carries", "results carry")
        )
    }
    fn group_named_shows_who(&self) -> &'static str {
        "--named shows who they are."
    }
    fn group_rated_by(&self, subject: &str, role: &str) -> String {
        format!("{subject} (rated by a {role})")
    }
    fn group_respondents_sep(&self) -> &'static str {
        "; "
    }

    fn group_360_heading(&self) -> &'static str {
        "Self against others (360°)"
    }
    fn group_self(&self) -> &'static str {
        "Self"
    }
    fn group_others(&self) -> &'static str {
        "Others"
    }
    fn group_difference(&self) -> &'static str {
        "Difference"
    }
    fn group_blind_spots(&self) -> &'static str {
        "Blind spots (self higher than others)"
    }
    fn group_hidden_strengths(&self) -> &'static str {
        "Hidden strengths (self lower than others)"
    }
    fn group_none(&self) -> &'static str {
        "none"
    }
    fn group_roles_withheld(&self, roles: &str, min: usize) -> String {
        format!("{roles}: fewer than {min} respondents, not shown on their own.")
    }

    fn group_chart_means(&self) -> &'static str {
        "Dimension means against targets"
    }
    fn group_chart_spread(&self) -> &'static str {
        "Spread of each dimension's scores"
    }
    fn group_chart_min_max(&self) -> &'static str {
        "min–max"
    }
    fn group_chart_severities(&self) -> &'static str {
        "Severities per dimension (results)"
    }
    fn group_chart_self_others(&self) -> &'static str {
        "Self against others"
    }

    fn group_no_rubric(&self) -> &'static str {
        "The rubric of these results was not found, so alpha is not computed: name the rubric file with --rubric."
    }
}

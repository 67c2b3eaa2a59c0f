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

    fn group_n(&self, people: bool) -> &'static str {
        if people { "people" } else { "results" }
    }
    fn group_count(&self, n: usize, people: bool) -> String {
        match people {
            true => format!("{n} {}", super::super::plural(n, "person", "people")),
            false => format!("{n} {}", super::super::plural(n, "result", "results")),
        }
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
        "mean gap = the mean of target − score; severities count results met/close/room to grow/much room to grow; alpha is each dimension's internal consistency (Cronbach's alpha); where it says n=, it is over only those who answered all of the dimension's items."
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
    fn group_withheld_nested(&self, min_group: usize) -> String {
        format!(
            "not shown: it differs by fewer than {min_group} from a group of another grouping, so one could be subtracted from the other"
        )
    }
    fn group_stat_withheld(&self, min_group: usize) -> String {
        format!("“—”: fewer than {min_group} results have this score; not shown, to protect individuals.")
    }
    fn group_earlier_left_out(&self, n: usize) -> String {
        format!(
            "Where one person answered more than once in a session in the same role, only the latest counts: {n} earlier {} left out.",
            super::super::plural(n, "result", "results")
        )
    }
    fn group_pooled(&self) -> &'static str {
        "other raters (combined)"
    }
    fn group_pooled_note(&self, roles: &str, floor: usize) -> String {
        format!("Other raters (combined): {roles}, each fewer than {floor}, counted together.")
    }
    fn group_left_out_role(&self, role: &str, n: usize) -> String {
        format!("{role} {n}")
    }
    fn group_left_out(&self, list: &str, floor: usize) -> String {
        format!("Left out: {list} (fewer than {floor} even together; left out of every figure to protect the raters).")
    }
    fn group_subjects_numbered(&self) -> &'static str {
        "Subjects are numbered instead of named, in a fresh random order each time."
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
    fn group_flagged_kind(&self, flag: &str, n: usize) -> String {
        format!("{flag}: {n}")
    }
    fn group_excluded_flagged(&self, n: usize) -> String {
        format!("{n} {} quality flags set aside: left out of every figure.", plural(n, "result with", "results with"))
    }
    fn group_csv_flagged(&self) -> &'static str {
        "results with quality flags"
    }
    fn group_csv_flagged_kind(&self, flag: &str) -> String {
        format!("quality flag: {flag}")
    }
    fn group_csv_excluded_flagged(&self) -> &'static str {
        "flagged results set aside"
    }
    fn group_named_shows_who(&self) -> &'static str {
        "--named names the flagged respondents and the subjects of the 360 view (for your eyes only: do not project or hand out)."
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
        "The rubric of these results was not found, so alpha is not computed."
    }

    fn group_csv_by(&self) -> &'static str {
        "Grouped by"
    }
    fn group_csv_withheld(&self) -> &'static str {
        "Withheld"
    }
    fn group_csv_level(&self) -> &'static str {
        "Level"
    }
    fn group_csv_id(&self) -> &'static str {
        "ID"
    }
    fn group_csv_title(&self) -> &'static str {
        "Name"
    }
    fn group_csv_alpha_n(&self) -> &'static str {
        "Alpha n"
    }
    fn group_csv_alpha_label(&self) -> &'static str {
        "Reliability"
    }
    fn group_csv_reason(&self) -> &'static str {
        "Why withheld"
    }
    fn group_csv_yes(&self) -> &'static str {
        "yes"
    }
    fn group_csv_no(&self) -> &'static str {
        "no"
    }
    fn group_csv_subject(&self) -> &'static str {
        "Subject"
    }
    fn group_csv_others_n(&self) -> &'static str {
        "Others' ratings"
    }
    fn group_csv_left_out(&self) -> &'static str {
        "Left out"
    }

    fn group_summary(&self) -> &'static str {
        "Summary"
    }
    fn group_overall_mean(&self) -> &'static str {
        "Overall mean"
    }
    fn group_reliability(&self, ok: usize, total: usize) -> String {
        format!("Reliability: {ok} of {total} dimensions acceptable (α ≥ 0.70)")
    }
    fn group_reliability_none(&self) -> &'static str {
        "Reliability: not computed"
    }
    fn group_flagged_short(&self, n: usize) -> String {
        format!("With quality flags: {n}")
    }

    fn group_means_heading(&self) -> &'static str {
        "Means by subgroup"
    }
    fn group_cell_withheld(&self) -> &'static str {
        "withheld"
    }
    fn group_heat_legend(&self) -> &'static str {
        "Colour shows how far the mean is from target:"
    }
    fn group_heat_note(&self) -> &'static str {
        "Each cell holds the subgroup's mean on that dimension; its colour and mark show how far the mean is from target. Subgroups too small to show are listed by name and reason, without figures."
    }
    fn group_reliability_lowest(&self, dimension: &str, alpha: &str) -> String {
        format!("Lowest: {dimension} (α = {alpha})")
    }
    fn group_csv_strength_rank(&self) -> &'static str {
        "Strength rank"
    }
}

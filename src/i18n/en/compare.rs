use crate::i18n::En;
use crate::i18n::compare::CompareText;

fn people(n: usize) -> String {
    if n == 1 { "1 person".to_string() } else { format!("{n} people") }
}

fn results(n: usize) -> String {
    if n == 1 { "1 result".to_string() } else { format!("{n} results") }
}

impl CompareText for En {
    fn compare_heading(&self) -> &'static str {
        "Before and after"
    }
    fn compare_about(&self, before: (&str, usize), after: (&str, usize), paired: usize, role: &str) -> String {
        format!(
            "Before \"{}\": {} · after \"{}\": {} · {} with both compared (rater role {role})",
            before.0,
            people(before.1),
            after.0,
            people(after.1),
            people(paired)
        )
    }
    fn compare_unpaired(&self, only_before: usize, only_after: usize) -> String {
        format!("{} only before and {} only after are in no figure", people(only_before), people(only_after))
    }
    fn compare_by_subject(&self) -> &'static str {
        "Subject"
    }
    fn compare_everyone(&self) -> &'static str {
        "Everyone paired"
    }
    fn compare_withheld(&self, reason: &str, min_group: usize) -> String {
        match reason {
            "too_few" => format!("not shown: fewer than {min_group} pairs"),
            "complementary" => {
                "not shown: withheld with a group too small, so that subtraction cannot give its figures".to_string()
            }
            _ => "not shown: it differs from a group of another grouping by fewer than the floor".to_string(),
        }
    }
    fn compare_col_level(&self) -> &'static str {
        "Score"
    }
    fn compare_col_n(&self) -> &'static str {
        "Pairs"
    }
    fn compare_col_before(&self) -> &'static str {
        "Before"
    }
    fn compare_col_after(&self) -> &'static str {
        "After"
    }
    fn compare_col_change(&self) -> &'static str {
        "Change"
    }
    fn compare_col_improved(&self) -> &'static str {
        "Improved"
    }
    fn compare_col_declined(&self) -> &'static str {
        "Declined"
    }
    fn compare_col_unchanged(&self) -> &'static str {
        "Within error"
    }
    fn compare_col_group(&self) -> &'static str {
        "Group"
    }
    fn compare_col_kind(&self) -> &'static str {
        "Level"
    }
    fn compare_col_id(&self) -> &'static str {
        "Id"
    }
    fn compare_col_sd_change(&self) -> &'static str {
        "SD of change"
    }
    fn compare_col_withheld(&self) -> &'static str {
        "Withheld"
    }
    fn compare_overall(&self) -> &'static str {
        "Overall"
    }
    fn compare_kind_section(&self) -> &'static str {
        "section"
    }
    fn compare_kind_dimension(&self) -> &'static str {
        "dimension"
    }
    fn compare_dz_note(&self) -> &'static str {
        "d_z = mean change ÷ SD of the changes (the same people before and after); about 0.2 is small, 0.5 medium, 0.8 large. It says how much these people's self-ratings moved, not that the training moved them: without a control group, time, circumstances and the wish to have improved move scores too."
    }
    fn compare_reliable_note(&self, norms: bool) -> &'static str {
        if norms {
            "Improved / declined: a person's change beyond measurement error (RCI ≥ 1.96 or ≤ −1.96, with the norms' standard error of measurement); within error: the change may be measurement error alone."
        } else {
            "Improved / declined: a person's change beyond measurement error (RCI ≥ 1.96 or ≤ −1.96, with the standard error of measurement from the before group's own SD and reliability, unsteady in small groups; give --norms where there are norms); within error: the change may be measurement error alone. \"—\": no standard error of measurement at hand, no judgement."
        }
    }
    fn compare_side_file(&self, after: bool, path: &str) -> String {
        format!("{}: reading the results file {path}", if after { "after" } else { "before" })
    }
    fn compare_side_session(&self, after: bool, session: &str) -> String {
        format!("{}: reading session \"{session}\" from the store", if after { "after" } else { "before" })
    }
    fn compare_flagged_left_out(&self, n: usize) -> String {
        format!("{} with quality flags left out (--exclude-flagged)", results(n))
    }
    fn compare_other_roles(&self, n: usize) -> String {
        format!("{} of other rater roles left out (--role)", results(n))
    }
    fn compare_earlier(&self, n: usize) -> String {
        format!("{} left out: earlier results of the same person on the same side (the latest counts)", results(n))
    }
    fn compare_chart_title(&self) -> &'static str {
        "Each dimension's mean before (open) and after (filled)"
    }
}

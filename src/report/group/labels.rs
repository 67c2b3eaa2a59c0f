//! How the group report names things for people: groups, their keys, why
//! one is withheld, alpha's bands, flagged respondents.

use crate::group::{AlphaLabel, Flagged, Group, RoleKey, Withheld};
use crate::i18n;
use crate::lang::Lang;
use crate::result::Role;

/// Alpha's band, for people.
/// The headings of the statistics of every level, in the order the tables
/// show them: n (people or results), mean, sd, min, median, max, mean gap.
pub(super) fn stat_headings(people: bool, lang: Lang) -> [&'static str; 7] {
    let m = i18n::msg(lang);
    [
        m.group_n(people),
        m.group_mean(),
        m.group_sd(),
        m.group_min(),
        m.group_median(),
        m.group_max(),
        m.group_mean_gap(),
    ]
}

pub(super) fn alpha_word(l: AlphaLabel, lang: Lang) -> &'static str {
    let m = i18n::msg(lang);
    match l {
        AlphaLabel::Excellent => m.group_alpha_excellent(),
        AlphaLabel::Good => m.group_alpha_good(),
        AlphaLabel::Acceptable => m.group_alpha_acceptable(),
        AlphaLabel::Questionable => m.group_alpha_questionable(),
        AlphaLabel::Poor => m.group_alpha_poor(),
        AlphaLabel::Unacceptable => m.group_alpha_unacceptable(),
    }
}

/// Why a group is not shown, for people.
pub fn withheld_text(reason: Option<Withheld>, min_group: usize, lang: Lang) -> String {
    let m = i18n::msg(lang);
    match reason {
        Some(Withheld::Complementary) => m.group_withheld_complementary().to_string(),
        Some(Withheld::Nested) => m.group_withheld_nested(min_group),
        Some(Withheld::TooFew) | None => m.group_withheld_too_few(min_group),
    }
}

/// A rater role of the 360 view, or the pooled small roles, for people.
pub(super) fn role_key_name(k: RoleKey, lang: Lang) -> &'static str {
    match k.role() {
        Some(r) => i18n::role(r, lang),
        None => i18n::msg(lang).group_pooled(),
    }
}

/// What a group is grouped by, for people: "Department".
pub(super) fn by_label(g: &Group, lang: Lang) -> String {
    let u = i18n::ui(lang);
    match g.key.as_ref().and_then(|k| k.keys().next()).map(String::as_str) {
        Some("department") => u.department.to_string(),
        Some("role") => u.rater.to_string(),
        Some("session") => u.session.to_string(),
        Some(other) => other.to_string(),
        None => i18n::msg(lang).group_group().to_string(),
    }
}

/// The value of a group's key: "秘书处"; everyone for the whole group.
pub(super) fn group_value(g: &Group, lang: Lang) -> String {
    let m = i18n::msg(lang);
    let Some((by, value)) = g.key.as_ref().and_then(|k| k.iter().next()) else {
        return m.group_everyone().to_string();
    };
    match value {
        None => m.group_none_value().to_string(),
        Some(v) if by == "role" => Role::parse(v).map_or(v.clone(), |r| i18n::role(r, lang).to_string()),
        Some(v) => v.clone(),
    }
}

/// The label of a group: everyone, or "Department: 秘书处".
pub fn group_label(g: &Group, lang: Lang) -> String {
    if g.key.is_none() {
        return i18n::msg(lang).group_everyone().to_string();
    }
    format!("{}{}{}", by_label(g, lang), i18n::ui(lang).colon, group_value(g, lang))
}

/// Flagged respondents with their flags (only with `--named`).
pub(super) fn flagged_names(names: &[Flagged], lang: Lang) -> String {
    let u = i18n::ui(lang);
    let m = i18n::msg(lang);
    names
        .iter()
        .map(|f| {
            let flags: Vec<&str> = f.flags.iter().map(|x| i18n::flag(x, lang)).filter(|x| !x.is_empty()).collect();
            let who = if f.rater_role == Role::SelfRating {
                f.subject.clone()
            } else {
                m.group_rated_by(&f.subject, i18n::role(f.rater_role, lang))
            };
            format!("{who}{}{}", u.colon, flags.join(u.list_sep))
        })
        .collect::<Vec<_>>()
        .join(m.group_respondents_sep())
}

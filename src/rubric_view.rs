//! Rubrics for people: the list of built-ins, an outline, and the answers
//! template. Pure: values in, text out.

use comfy_table::presets;

use crate::i18n;
use crate::i18n::rubric::TemplateScale;
use crate::lang::Lang;
use crate::report::{Grid, md_escape, num};
use crate::result::Role;
use crate::rubric::Order;
use crate::rubric::{Dimension, Item, Loaded, Rubric, SelfRating};
use crate::width::wrap;

pub fn list_table(rows: &[Loaded], lang: Lang, ascii: bool) -> String {
    let mut t = Grid::new(if ascii { presets::ASCII_FULL_CONDENSED } else { presets::UTF8_FULL_CONDENSED }, 100);
    let mut header = vec!["id"];
    header.extend(i18n::msg(lang).rubric_list_headers());
    t.set_header(header);
    for l in rows {
        let r = &l.rubric;
        t.add_row(vec![
            r.id.clone(),
            r.version.clone(),
            r.text(&r.title, lang.code()).to_string(),
            r.dimensions().count().to_string(),
            r.item_count().to_string(),
            r.profiles.keys().cloned().collect::<Vec<_>>().join(", "),
        ]);
    }
    format!("{t}\n")
}

pub fn minutes(items: usize) -> usize {
    // About 12 seconds an item, rounded up.
    (items * 12).div_ceil(60).max(1)
}

/// An outline of a rubric for the terminal.
pub fn show_text(r: &Rubric, lang: Lang, width: u16) -> String {
    let msg = i18n::msg(lang);
    let l = lang.code();
    let width = usize::from(width).clamp(40, 120);
    let mut o = String::new();
    o.push_str(&format!("{} ({} {})\n", r.text(&r.title, l), r.id, r.version));
    o.push_str(&msg.rubric_outline_summary(
        r.sections.len(),
        r.dimensions().count(),
        r.item_count(),
        minutes(r.item_count()),
        &num(r.targets.default),
    ));
    o.push_str(&format!("{}{}\n", msg.rubric_outline_scale(), scale_labels(r, l).join(" / ")));
    for (id, p) in &r.profiles {
        o.push_str(&format!(
            "{}{id} {} ({} {})\n",
            msg.rubric_outline_profile(),
            r.text(&p.title, l),
            msg.rubric_outline_target(),
            p.default.map_or_else(|| num(r.targets.default), num)
        ));
    }
    for s in &r.sections {
        o.push_str(&format!("\n{} [{}]\n", r.text(&s.title, l), s.id));
        for d in &s.dimensions {
            o.push_str(&format!("  {} [{}]{}\n", r.text(&d.title, l), d.id, reflect_mark(d, lang)));
            if let Some(desc) = &d.description {
                for line in wrap(r.text(desc, l), width - 4) {
                    o.push_str(&format!("    {line}\n"));
                }
            }
            for it in &d.items {
                let head = format!("    - {}{}: ", it.id, item_marks(it, lang));
                let lines = wrap(r.text(&it.text, l), width.saturating_sub(8).max(20));
                o.push_str(&head);
                o.push_str(lines.first().map_or("", String::as_str));
                o.push('\n');
                for line in lines.iter().skip(1) {
                    o.push_str(&format!("      {line}\n"));
                }
                if let Some(others) = &it.others {
                    let text = format!("{}{}", msg.rubric_others_mark(), r.text(others, l));
                    for line in wrap(&text, width.saturating_sub(8).max(20)) {
                        o.push_str(&format!("      {line}\n"));
                    }
                }
            }
        }
    }
    o
}

/// After a dimension's title: that it is a self-review, where it is one.
fn reflect_mark(d: &Dimension, lang: Lang) -> &'static str {
    match d.self_rating {
        SelfRating::Score => "",
        SelfRating::Reflect => i18n::msg(lang).rubric_reflect_mark(),
    }
}

/// After an item's id: reverse-keyed, and the item it is the opposite of.
fn item_marks(it: &Item, lang: Lang) -> String {
    let msg = i18n::msg(lang);
    let mut mark = String::new();
    if it.reverse {
        mark.push_str(msg.rubric_reverse_mark());
    }
    if let Some(opposite) = &it.opposite {
        mark.push_str(&msg.rubric_opposite_mark(opposite));
    }
    mark
}

/// An outline of a rubric as Markdown.
pub fn show_markdown(r: &Rubric, lang: Lang) -> String {
    let msg = i18n::msg(lang);
    let l = lang.code();
    let mut o = format!("# {} ({} {})\n", md_escape(r.text(&r.title, l)), md_escape(&r.id), md_escape(&r.version));
    for s in &r.sections {
        o.push_str(&format!("\n## {}\n", md_escape(r.text(&s.title, l))));
        for d in &s.dimensions {
            o.push_str(&format!("\n### {}{}\n\n", md_escape(r.text(&d.title, l)), md_escape(reflect_mark(d, lang))));
            if let Some(desc) = &d.description {
                o.push_str(&format!("{}\n\n", md_escape(r.text(desc, l))));
            }
            for it in &d.items {
                let mark = md_escape(&item_marks(it, lang));
                o.push_str(&format!("- `{}`{mark} {}\n", it.id, md_escape(r.text(&it.text, l))));
                if let Some(others) = &it.others {
                    o.push_str(&format!("  {}{}\n", md_escape(msg.rubric_others_mark()), md_escape(r.text(others, l))));
                }
            }
            if !d.suggestions.is_empty() {
                o.push_str(&format!("\n{}\n\n", msg.rubric_suggestions_heading()));
                for s in &d.suggestions {
                    o.push_str(&format!("- {}\n", md_escape(r.text(s, l))));
                }
            }
        }
    }
    o
}

/// "1 完全不符合", … : each scale point with its label.
fn scale_labels(r: &Rubric, l: &str) -> Vec<String> {
    r.scale.labels.iter().enumerate().map(|(i, t)| format!("{} {}", r.scale.min + i as i64, r.text(t, l))).collect()
}

/// TOML string literal.
fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// An answers file to fill in: every item id with its statement as a comment.
/// Each answer starts as "?", which `zhixing score` names until it is filled.
/// For a rater who is not the subject (`role`), the rater's table is set
/// and every statement is the item as asked of them (`others`, SPEC §3).
pub fn template(r: &Rubric, lang: Lang, role: Role) -> String {
    let msg = i18n::msg(lang);
    let l = lang.code();
    let labels = scale_labels(r, l);
    let scale = TemplateScale { min: r.scale.min, max: r.scale.max, labels: &labels, allow_skip: r.scale.allow_skip };
    let mut o = msg.rubric_template_intro(r.text(&r.title, l), &r.id, &r.version, scale);
    o.push_str(&format!("rubric = {}\n", toml_str(&r.id)));
    o.push_str(&format!("# session = {}\n", toml_str(msg.rubric_template_session())));
    o.push_str("# taken_at = \"2026-11-28T09:30:00+08:00\"\n\n");
    o.push_str("[subject]\n");
    o.push_str(&format!("name = \"\"  # {}\n", msg.rubric_template_name_note()));
    o.push_str(&format!("# department = {}\n\n", toml_str(msg.rubric_template_department())));
    o.push_str("[rater]\n");
    o.push_str(&format!("role = {}  # self | supervisor | peer | subordinate | other\n", toml_str(role.code())));
    let by_other = role != Role::SelfRating;
    if by_other {
        o.push_str(&format!("name = \"\"  # {}\n\n", msg.rubric_template_rater_note()));
        o.push_str(&format!("# {}\n", msg.rubric_template_about_note()));
    } else {
        o.push_str(&format!("# name = \"\"  # {}\n\n", msg.rubric_template_rater_note()));
    }
    o.push_str("[answers]\n");
    let item = |o: &mut String, it: &crate::rubric::Item| {
        o.push_str(&format!("# {}\n", r.text(it.asked_text(by_other), l).replace('\n', " ")));
        o.push_str(&format!("{} = \"?\"\n", toml_str(&it.id)));
    };
    match r.order {
        Order::Grouped => {
            for s in &r.sections {
                for d in &s.dimensions {
                    o.push_str(&format!("\n# ── {} / {} ──\n", r.text(&s.title, l), r.text(&d.title, l)));
                    d.items.iter().for_each(|it| item(&mut o, it));
                }
            }
        }
        // In the order asked, naming no dimension, as the questionnaire does.
        Order::Interleaved => {
            o.push('\n');
            let all: Vec<_> = r.items().map(|(_, _, it)| it).collect();
            r.asked_order().into_iter().filter_map(|k| all.get(k)).for_each(|it| item(&mut o, it));
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;

    /// The mini rubric with `others` on every item, b the opposite of a, and
    /// its dimension a self-review.
    fn revised() -> Rubric {
        let text = testing::MINI
            .replace("title = \"D\"", "title = \"D\"\nself_rating = \"reflect\"")
            .replace("text = \"A\"", "text = \"A\"\nothers = \"This colleague A\"")
            .replace("text = \"B\"", "text = \"B\"\nothers = \"This colleague B\"\nopposite = \"a\"")
            .replace("text = \"C\"", "text = \"C\"\nothers = \"This colleague C\"");
        testing::load("r.toml", &text).rubric
    }

    #[test]
    fn the_outline_shows_others_opposites_and_self_reviews() {
        let r = revised();
        let text = show_text(&r, Lang::En, 80);
        assert!(text.contains("  D [d] (self-review, not scored in a self-assessment)\n"), "{text}");
        assert!(text.contains("    - a: A\n      Asked of others: This colleague A\n"), "{text}");
        assert!(
            text.contains("    - b (reverse) (opposite of a): B\n      Asked of others: This colleague B\n"),
            "{text}"
        );
        let zh = show_text(&r, Lang::Zh, 80);
        assert!(zh.contains("D [d]（自我检视，不计分）"), "{zh}");
        assert!(zh.contains("- b（反向）（与 a 相反）: B\n      他评：This colleague B\n"), "{zh}");
        let md = show_markdown(&r, Lang::En);
        assert!(md.contains("### D (self-review, not scored in a self-assessment)\n"), "{md}");
        assert!(md.contains("- `b` (reverse) (opposite of a) B\n  Asked of others: This colleague B\n"), "{md}");
        // A rubric without them shows none of it.
        let plain = show_text(&testing::mini().rubric, Lang::En, 80);
        assert!(!plain.contains("others") && !plain.contains("self-review") && !plain.contains("opposite"), "{plain}");
    }
}

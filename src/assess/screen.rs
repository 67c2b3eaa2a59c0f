//! The questionnaire's screens as lines of text for a terminal of a given
//! size: pure, so that wrapping at 40, 80 and 120 columns and fitting in 20
//! rows is tested without a terminal. Wide (Chinese) characters take two
//! columns. A screen never has more lines than the terminal has rows, so
//! its heading never scrolls away (SPEC §8).

use super::{ItemScreen, ReviewScreen, Welcome};
use crate::i18n;
use crate::lang::Lang;
use crate::width::{char_width, width as cols, wrap};

/// The usable width: the terminal's, less a margin, within sensible bounds.
pub fn text_width(term_cols: u16) -> usize {
    usize::from(term_cols).saturating_sub(2).clamp(20, 100)
}

/// How much a line of a screen matters when the screen is too tall.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// Always shown (the last lines go first only when nothing else is left).
    Must,
    /// A blank line between parts: the first to go.
    Blank,
    /// Said elsewhere too (the keys on the welcome screen, the progress bar).
    Extra,
}

/// A screen's lines, each with how much it matters.
#[derive(Default)]
struct Lines(Vec<(String, Keep)>);

impl Lines {
    fn must(&mut self, l: impl Into<String>) {
        self.0.push((l.into(), Keep::Must));
    }
    fn musts(&mut self, ls: impl IntoIterator<Item = String>) {
        ls.into_iter().for_each(|l| self.must(l));
    }
    fn extras(&mut self, ls: impl IntoIterator<Item = String>) {
        ls.into_iter().for_each(|l| self.0.push((l, Keep::Extra)));
    }
    fn blank(&mut self) {
        self.0.push((String::new(), Keep::Blank));
    }

    /// At most `rows` lines: blank lines go first, then what is said
    /// elsewhere, from the bottom up; then, if it must, the lines before
    /// the last (the last says what to do).
    fn fit(self, rows: u16) -> Vec<String> {
        let rows = usize::from(rows).max(1);
        let mut v = self.0;
        for drop in [Keep::Blank, Keep::Extra] {
            while v.len() > rows {
                match v.iter().rposition(|(_, k)| *k == drop) {
                    Some(i) => {
                        v.remove(i);
                    }
                    None => break,
                }
            }
        }
        if v.len() > rows {
            let last = v.pop();
            v.truncate(rows - 1);
            v.extend(last);
        }
        v.into_iter().map(|(l, _)| l).collect()
    }
}

/// Key hints joined by " · ", a line holding as many whole hints as fit: a
/// hint is broken only when it alone is wider than a line.
pub fn key_lines(parts: &[&str], width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for part in parts {
        let w = cols(part);
        if !line.is_empty() && cols(&line) + 3 + w <= width {
            line.push_str(" · ");
            line.push_str(part);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if w <= width {
            line.push_str(part);
        } else {
            let mut wrapped = wrap(part, width);
            line = wrapped.pop().unwrap_or_default();
            lines.extend(wrapped);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A command to type, on lines of at most `width` columns: its words kept
/// whole, a line that goes on ending in ` \` as a shell reads it, and the
/// lines after the first indented by two spaces.
pub fn command_lines(words: &[String], width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for w in words {
        let indent = if lines.is_empty() { 0 } else { 2 };
        // Room for " \" at the end of a line that goes on.
        if !line.is_empty() && indent + cols(&line) + 1 + cols(w) + 2 > width {
            line.push_str(" \\");
            lines.push(std::mem::take(&mut line));
        }
        if line.is_empty() {
            if !lines.is_empty() {
                line.push_str("  ");
            }
        } else {
            line.push(' ');
        }
        line.push_str(w);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

pub fn welcome(w: &Welcome, lang: Lang, term_cols: u16, rows: u16) -> Vec<String> {
    let msg = i18n::msg(lang);
    let width = text_width(term_cols);
    let mut o = Lines::default();
    o.musts(wrap(&w.title, width));
    o.blank();
    o.musts(wrap(&msg.assess_intro(w.items, w.minutes, w.about_other), width));
    o.blank();
    o.must(msg.assess_scale_heading());
    for s in &w.scale {
        o.musts(wrap(s, width.saturating_sub(2)).into_iter().map(|l| format!("  {l}")));
    }
    o.blank();
    // The keys are shown again on every item screen.
    o.extras(key_lines(&keys(lang, w.allow_skip, true, w.kiosk), width));
    let note = if w.kiosk { msg.assess_saved_note_kiosk() } else { msg.assess_saved_note() };
    o.musts(wrap(note, width));
    if let Some(n) = w.resumed {
        o.blank();
        o.musts(wrap(&msg.assess_resumed(n), width));
    }
    if w.nothing_to_resume {
        o.blank();
        o.musts(wrap(msg.assess_nothing_to_resume(), width));
    }
    o.blank();
    o.musts(wrap(msg.assess_press_enter_to_start(), width));
    o.fit(rows)
}

/// The keys of an item screen. In a kiosk, leaving is the trainer's
/// business and not shown.
fn keys(lang: Lang, allow_skip: bool, can_go_back: bool, kiosk: bool) -> Vec<&'static str> {
    let msg = i18n::msg(lang);
    let mut parts = vec![msg.assess_key_digit(), msg.assess_key_arrows()];
    if allow_skip {
        parts.push(msg.assess_key_skip());
    }
    if can_go_back {
        parts.push(msg.assess_key_back());
    }
    if !kiosk {
        parts.push(msg.assess_key_leave());
    }
    parts
}

/// "第 7 / 36 题" or "item 7 of 36".
pub fn progress(number: usize, total: usize, lang: Lang) -> String {
    i18n::msg(lang).assess_progress(number, total)
}

/// A bar of `n` cells showing progress.
fn progress_bar(number: usize, total: usize, n: usize) -> String {
    let done = (number.saturating_sub(1) * n).checked_div(total).unwrap_or(0);
    format!("{}{}", "█".repeat(done), "░".repeat(n - done))
}

/// The item screen; `selected` is the highlighted option's index.
pub fn item(s: &ItemScreen, selected: usize, lang: Lang, term_cols: u16, rows: u16) -> Vec<String> {
    let msg = i18n::msg(lang);
    let width = text_width(term_cols);
    let mut o = Lines::default();
    // An interleaved rubric names no section or dimension: the progress stands alone.
    let head = s.place.as_ref().map(|(section, dimension)| format!("{section} › {dimension}")).unwrap_or_default();
    let prog = progress(s.number, s.total, lang);
    if cols(&head) + 2 + cols(&prog) <= width || head.is_empty() {
        o.must(format!("{head}{}{prog}", " ".repeat(width.saturating_sub(cols(&head) + cols(&prog)))));
    } else {
        o.musts(wrap(&head, width));
        o.must(prog);
    }
    o.extras([progress_bar(s.number, s.total, width.min(40) / 2)]);
    if let Some(subject) = &s.about {
        o.musts(wrap(&msg.assess_about(subject), width));
    }
    o.blank();
    o.musts(wrap(&s.statement, width));
    o.blank();
    for (k, (v, label)) in s.options.iter().enumerate() {
        let mark = if k == selected { "▸" } else { " " };
        let given = match s.current {
            Some(Some(x)) if x == *v => msg.assess_chosen_mark(),
            _ => "",
        };
        let prefix = format!("{mark} {v}  ");
        let lines = wrap(&format!("{label}{given}"), width.saturating_sub(cols(&prefix)).max(8));
        for (i, l) in lines.iter().enumerate() {
            if i == 0 {
                o.must(format!("{prefix}{l}"));
            } else {
                o.must(format!("{}{l}", " ".repeat(cols(&prefix))));
            }
        }
    }
    if s.current == Some(None) {
        o.must(msg.assess_skipped_before());
    }
    o.blank();
    o.musts(key_lines(&keys(lang, s.allow_skip, s.can_go_back, s.kiosk), width));
    o.fit(rows)
}

/// The least room a statement gets beside its number and answer on one
/// line of the review screen; with less, the answer has a line of its own.
const REVIEW_STATEMENT_MIN: usize = 24;

/// The review screen: "submit" first, then every answer with its label.
/// `selected` 0 is submit, k is line k-1. The heading and the keys stay;
/// the answers scroll between them, with how many more are above and below.
pub fn review(s: &ReviewScreen, selected: usize, lang: Lang, term_cols: u16, rows: u16) -> Vec<String> {
    let msg = i18n::msg(lang);
    let width = text_width(term_cols);
    let rows = usize::from(rows).max(1);
    let answered = s.lines.iter().filter(|l| l.answer.is_some()).count();
    let mut heading = wrap(&msg.assess_review_heading(answered, s.lines.len()), width);
    if let Some(subject) = &s.about {
        heading.extend(wrap(&msg.assess_about(subject), width));
    }
    let submit = format!("{} [ {} ]", if selected == 0 { "▸" } else { " " }, msg.assess_submit());
    let mut key_parts = vec![msg.assess_review_key_move(), msg.assess_review_key_enter()];
    if !s.kiosk {
        key_parts.push(msg.assess_key_leave());
    }
    let keys = key_lines(&key_parts, width);
    let n = s.lines.len();

    // Every answer as it is shown: "[4 较符合]" or "[跳过]", padded to the widest.
    let answers: Vec<String> = s
        .lines
        .iter()
        .map(|l| match &l.answer {
            Some((v, label)) if label.is_empty() || *label == v.to_string() => format!("[{v}]"),
            Some((v, label)) => format!("[{v} {label}]"),
            None => format!("[{}]", msg.assess_skipped()),
        })
        .collect();
    let num_w = s.lines.iter().map(|l| l.number.to_string().len()).max().unwrap_or(1);
    let ans_w = answers.iter().map(|a| cols(a)).max().unwrap_or(0);
    let indent = 2 + num_w + 2;
    let one_line = width >= indent + ans_w + 1 + REVIEW_STATEMENT_MIN;
    let per = if one_line { 1 } else { 2 };

    // Blank lines around the list go when there is little room.
    let fixed = heading.len() + 1 + keys.len();
    let spaced = rows >= fixed + 2 + 3 * per + 2;
    let avail = rows.saturating_sub(fixed + if spaced { 2 } else { 0 }).max(per);

    let cursor = selected.saturating_sub(1);
    let (start, end, above, below) = if n * per <= avail {
        (0, n, false, false)
    } else {
        let one = (avail.saturating_sub(1) / per).max(1);
        let both = (avail.saturating_sub(2) / per).max(1);
        if cursor < one {
            (0, one, false, true)
        } else if cursor + one >= n {
            (n - one, n, true, false)
        } else {
            let start = cursor.saturating_sub(both / 2).max(1);
            let end = (start + both).min(n - 1);
            (start, end, true, true)
        }
    };

    let mut o = heading;
    if spaced {
        o.push(String::new());
    }
    o.push(submit);
    if above {
        o.push(format!("  {}", truncate(&msg.assess_review_more_above(start), width - 2)));
    }
    for (k, line) in s.lines.iter().enumerate().take(end).skip(start) {
        let mark = if selected == k + 1 { "▸" } else { " " };
        let num = format!("{mark} {:>num_w$}. ", line.number);
        if one_line {
            let ans = crate::width::pad(&answers[k], ans_w);
            let room = width.saturating_sub(indent + ans_w + 1);
            o.push(format!("{num}{ans} {}", truncate(&line.statement, room)));
        } else {
            o.push(format!("{num}{}", truncate(&answers[k], width - indent)));
            o.push(format!("{}{}", " ".repeat(indent), truncate(&line.statement, width - indent)));
        }
    }
    if below {
        o.push(format!("  {}", truncate(&msg.assess_review_more_below(n - end), width - 2)));
    }
    if spaced {
        o.push(String::new());
    }
    o.extend(keys);
    o.truncate(rows);
    o
}

/// Cut text to `room` columns, with "…" where it was cut; a Latin word is
/// not cut in its middle when a space comes soon enough before it.
pub fn truncate(text: &str, room: usize) -> String {
    if cols(text) <= room {
        return text.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    let mut next = None;
    for c in text.chars() {
        let cw = char_width(c);
        if w + cw + 1 > room {
            next = Some(c);
            break;
        }
        out.push(c);
        w += cw;
    }
    let mid_word = next.is_some_and(|c| c.is_alphanumeric() && c.is_ascii())
        && out.chars().last().is_some_and(|c| c.is_alphanumeric() && c.is_ascii());
    if mid_word
        && let Some(space) = out.rfind(' ')
        && cols(&out[..space]) * 2 >= room
    {
        out.truncate(space);
    }
    let trimmed = out.trim_end_matches([' ', ',', ';', ':']).len();
    out.truncate(trimmed);
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::ReviewLine;

    fn sample() -> ItemScreen {
        ItemScreen {
            place: Some(("四个支撑要件".into(), "执行毅力".into())),
            about: None,
            statement: "工作中遇到阻力、困难或挫折时，我会想办法坚持把它推进下去，直到取得结果，而不是半途而废。"
                .into(),
            number: 7,
            total: 40,
            options: vec![
                (1, "完全不符合".into()),
                (2, "较不符合".into()),
                (3, "一般".into()),
                (4, "较符合".into()),
                (5, "完全符合".into()),
            ],
            current: None,
            allow_skip: true,
            can_go_back: true,
            kiosk: false,
        }
    }

    const SIZES: [(u16, u16); 4] = [(40, 20), (80, 24), (120, 40), (60, 20)];

    #[track_caller]
    fn fits(lines: &[String], term: u16, rows: u16) {
        assert!(lines.len() <= usize::from(rows), "{term}×{rows}: {} lines\n{}", lines.len(), lines.join("\n"));
        for l in lines {
            assert!(cols(l) <= usize::from(term), "{term}: {l:?}");
        }
    }

    #[test]
    fn item_fits_every_size() {
        for (term, rows) in SIZES {
            for lang in [Lang::Zh, Lang::En] {
                let lines = item(&sample(), 2, lang, term, rows);
                fits(&lines, term, rows);
                let text = lines.concat();
                assert!(text.contains(&progress(7, 40, lang)));
                assert!(text.contains("▸ 3"));
            }
        }
        let zh = item(&sample(), 0, Lang::Zh, 80, 24).concat();
        assert!(zh.contains("第 7 / 40 题"));
        let en = item(&sample(), 0, Lang::En, 80, 24).concat();
        assert!(en.contains("item 7 of 40"));
    }

    #[test]
    fn statement_is_whole_when_wrapped() {
        let lines = item(&sample(), 0, Lang::Zh, 40, 20);
        let joined: String = lines.iter().map(|l| l.trim()).collect();
        assert!(joined.contains(&sample().statement));
    }

    #[test]
    fn key_hints_are_broken_between_hints_only() {
        for lang in [Lang::Zh, Lang::En] {
            let parts = keys(lang, true, true, false);
            for width in [38, 60, 78] {
                let lines = key_lines(&parts, width);
                assert!(lines.iter().all(|l| cols(l) <= width), "{lines:?}");
                // Every hint is on one line, whole.
                for p in &parts {
                    assert!(lines.iter().any(|l| l.contains(p)), "{p:?} broken in {lines:?}");
                }
            }
        }
        // In a kiosk, the participant is not told how to leave.
        let kiosk = keys(Lang::Zh, true, true, true);
        assert!(!kiosk.concat().contains("Ctrl-C"), "{kiosk:?}");
    }

    fn welcome_sample(kiosk: bool) -> Welcome {
        Welcome {
            title: "执行力自评（通用版）".into(),
            items: 40,
            minutes: 8,
            scale: ["1 完全不符合", "2 较不符合", "3 一般", "4 较符合", "5 完全符合"].map(String::from).to_vec(),
            allow_skip: true,
            resumed: Some(12),
            nothing_to_resume: false,
            kiosk,
            about_other: false,
        }
    }

    /// Rating a colleague, the welcome says the statements are about them.
    #[test]
    fn welcome_of_a_rating_of_someone_else_says_whom_the_statements_are_about() {
        let about = Welcome { about_other: true, ..welcome_sample(false) };
        let zh = welcome(&about, Lang::Zh, 80, 24).concat();
        assert!(zh.contains("评价对象日常工作") && !zh.contains("关于您日常工作"), "{zh}");
        let en = welcome(&about, Lang::En, 80, 24).join(" ");
        assert!(en.contains("person you rate"), "{en}");
        let own = welcome(&welcome_sample(false), Lang::Zh, 80, 24).concat();
        assert!(own.contains("关于您日常工作"), "{own}");
    }

    #[test]
    fn welcome_fits_and_keeps_what_to_do() {
        for (term, rows) in SIZES {
            for lang in [Lang::Zh, Lang::En] {
                let lines = welcome(&welcome_sample(false), lang, term, rows);
                fits(&lines, term, rows);
                let joined: String = lines.concat();
                assert!(lines[0].contains("执行力自评"), "the title stays first");
                let start = i18n::msg(lang).assess_press_enter_to_start();
                assert!(lines.last().unwrap().contains(start), "{lines:?}");
                assert!(joined.contains("5 完全符合"));
            }
        }
    }

    #[test]
    fn kiosk_welcome_says_nothing_a_participant_cannot_do() {
        for lang in [Lang::Zh, Lang::En] {
            let text = welcome(&welcome_sample(true), lang, 80, 24).join("\n");
            assert!(!text.contains("--resume") && !text.contains("Ctrl-C"), "{text}");
        }
    }

    fn review_sample(n: usize, kiosk: bool) -> ReviewScreen {
        let lines = (1..=n)
            .map(|k| ReviewLine {
                number: k,
                statement: if k % 2 == 0 {
                    "When a task meets resistance, setbacks or difficulties, I keep pushing it forward until it is done."
                        .into()
                } else {
                    "工作中遇到阻力、困难或挫折时，我会想办法坚持把它推进下去，直到取得结果。".into()
                },
                answer: if k % 7 == 0 { None } else { Some((2, "Not much like me".into())) },
            })
            .collect();
        ReviewScreen { lines, about: None, kiosk }
    }

    #[test]
    fn review_fits_keeps_its_heading_and_shows_labels() {
        let s = review_sample(40, false);
        for (term, rows) in SIZES {
            for lang in [Lang::Zh, Lang::En] {
                let heading = wrap(&i18n::msg(lang).assess_review_heading(35, 40), text_width(term));
                for selected in 0..=40 {
                    let lines = review(&s, selected, lang, term, rows);
                    fits(&lines, term, rows);
                    assert_eq!(lines[0], heading[0], "{term}×{rows} at {selected}");
                    let text = lines.join("\n");
                    assert!(text.contains("[2 Not much like me]"), "{text}");
                    if selected > 0 {
                        let k = selected;
                        let mark = lines.iter().filter(|l| l.starts_with('▸')).collect::<Vec<_>>();
                        assert_eq!(mark.len(), 1, "{text}");
                        assert!(mark[0].contains(&format!("{k:>2}. ")), "{selected}: {text}");
                    }
                    let msg = i18n::msg(lang);
                    assert!(text.contains(msg.assess_review_key_enter()), "{text}");
                }
            }
        }
        // Scrolled to the end: the heading is still on top, the last item shown.
        let lines = review(&s, 40, Lang::Zh, 80, 24);
        assert!(lines.iter().any(|l| l.contains("40. ")));
        assert!(lines.iter().any(|l| l.contains("上面还有")), "{lines:?}");
        assert!(review(&review_sample(40, true), 3, Lang::Zh, 80, 24).iter().all(|l| !l.contains("Ctrl-C")));
    }

    #[test]
    fn commands_wrap_between_words() {
        let words: Vec<String> =
            "zhixing assess --resume --subject 'Zhang San' --rubric /a/very/long/path/to/a/rubric.toml --lang en"
                .split(' ')
                .map(String::from)
                .collect();
        let lines = command_lines(&words, 38);
        assert!(lines.iter().all(|l| cols(l) <= 38), "{lines:?}");
        assert!(lines[..lines.len() - 1].iter().all(|l| l.ends_with(" \\")), "{lines:?}");
        let joined: String = lines.iter().map(|l| l.trim().trim_end_matches('\\').trim()).collect::<Vec<_>>().join(" ");
        assert_eq!(joined, words.join(" "));
        assert_eq!(command_lines(&words[..3], 38), ["zhixing assess --resume"]);
    }

    #[test]
    fn truncation_respects_columns_and_words() {
        assert_eq!(truncate("学习执行力", 6), "学习…");
        assert_eq!(truncate("abc", 6), "abc");
        assert_eq!(truncate("When a task meets resistance", 16), "When a task…");
    }
}

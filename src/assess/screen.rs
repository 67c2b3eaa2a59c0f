//! The questionnaire's screens as lines of text for a terminal of a given
//! width: pure, so that wrapping at 40, 80 and 120 columns is tested
//! without a terminal. Wide (Chinese) characters take two columns.

use super::{ItemScreen, ReviewScreen, Welcome};
use crate::i18n;
use crate::lang::Lang;
use crate::width::{width as cols, wrap};

/// The usable width: the terminal's, less a margin, within sensible bounds.
pub fn text_width(term_cols: u16) -> usize {
    usize::from(term_cols).saturating_sub(2).clamp(20, 100)
}

pub fn welcome(w: &Welcome, lang: Lang, term_cols: u16) -> Vec<String> {
    let msg = i18n::msg(lang);
    let width = text_width(term_cols);
    let mut o = Vec::new();
    o.extend(wrap(&w.title, width));
    o.push(String::new());
    o.extend(wrap(&msg.assess_intro(w.items, w.minutes), width));
    o.push(String::new());
    o.push(msg.assess_scale_heading().to_string());
    for s in &w.scale {
        o.extend(wrap(s, width.saturating_sub(2)).into_iter().map(|l| format!("  {l}")));
    }
    o.push(String::new());
    let keys = keys_line(lang, w.allow_skip, true);
    o.extend(wrap(&keys, width));
    o.extend(wrap(msg.assess_saved_note(), width));
    if let Some(n) = w.resumed {
        o.push(String::new());
        o.extend(wrap(&msg.assess_resumed(n), width));
    }
    o.push(String::new());
    o.push(msg.assess_press_enter_to_start().to_string());
    o
}

fn keys_line(lang: Lang, allow_skip: bool, can_go_back: bool) -> String {
    let msg = i18n::msg(lang);
    let mut parts = vec![msg.assess_key_digit(), msg.assess_key_arrows()];
    if allow_skip {
        parts.push(msg.assess_key_skip());
    }
    if can_go_back {
        parts.push(msg.assess_key_back());
    }
    parts.push(msg.assess_key_leave());
    parts.join(" · ")
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
pub fn item(s: &ItemScreen, selected: usize, lang: Lang, term_cols: u16) -> Vec<String> {
    let msg = i18n::msg(lang);
    let width = text_width(term_cols);
    let mut o = Vec::new();
    let head = format!("{} › {}", s.section, s.dimension);
    let prog = progress(s.number, s.total, lang);
    if cols(&head) + 2 + cols(&prog) <= width {
        o.push(format!("{head}{}{prog}", " ".repeat(width - cols(&head) - cols(&prog))));
    } else {
        o.extend(wrap(&head, width));
        o.push(prog);
    }
    o.push(progress_bar(s.number, s.total, width.min(40) / 2));
    o.push(String::new());
    o.extend(wrap(&s.statement, width));
    o.push(String::new());
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
                o.push(format!("{prefix}{l}"));
            } else {
                o.push(format!("{}{l}", " ".repeat(cols(&prefix))));
            }
        }
    }
    if s.current == Some(None) {
        o.push(msg.assess_skipped_before().to_string());
    }
    o.push(String::new());
    o.extend(wrap(&keys_line(lang, s.allow_skip, s.can_go_back), width));
    o
}

/// The review screen: "submit" first, then every answer. `selected` 0 is
/// submit, k is line k-1. Only `rows` lines fit: a window around the cursor.
pub fn review(s: &ReviewScreen, selected: usize, lang: Lang, term_cols: u16, rows: u16) -> Vec<String> {
    let msg = i18n::msg(lang);
    let width = text_width(term_cols);
    let mut o = Vec::new();
    let answered = s.lines.iter().filter(|l| l.answer.is_some()).count();
    o.extend(wrap(&msg.assess_review_heading(answered, s.lines.len()), width));
    o.push(String::new());
    let submit = msg.assess_submit();
    o.push(format!("{} [ {submit} ]", if selected == 0 { "▸" } else { " " }));
    let avail = usize::from(rows).saturating_sub(o.len() + 3).max(3);
    let n = s.lines.len();
    let cursor = selected.saturating_sub(1);
    let start = if n <= avail { 0 } else { cursor.saturating_sub(avail / 2).min(n - avail) };
    let end = (start + avail).min(n);
    if start > 0 {
        o.push("  …".to_string());
    }
    for (k, line) in s.lines.iter().enumerate().take(end).skip(start) {
        let mark = if selected == k + 1 { "▸" } else { " " };
        let ans = match &line.answer {
            Some((v, _)) => v.to_string(),
            None => msg.assess_skipped().to_string(),
        };
        let prefix = format!("{mark} {:>2}. [{ans}] ", line.number);
        let room = width.saturating_sub(cols(&prefix)).max(6);
        o.push(format!("{prefix}{}", truncate(&line.statement, room)));
    }
    if end < n {
        o.push("  …".to_string());
    }
    o.push(String::new());
    o.extend(wrap(msg.assess_review_keys(), width));
    o
}

/// Cut text to `room` columns, with "…" where it was cut.
pub fn truncate(text: &str, room: usize) -> String {
    if cols(text) <= room {
        return text.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in text.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw + 1 > room {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> ItemScreen {
        ItemScreen {
            section: "四个支撑要件".into(),
            dimension: "执行毅力".into(),
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
        }
    }

    #[test]
    fn item_fits_every_width() {
        for term in [40u16, 80, 120] {
            for lang in [Lang::Zh, Lang::En] {
                let lines = item(&sample(), 2, lang, term);
                for l in &lines {
                    assert!(cols(l) <= usize::from(term), "{term}: {l:?}");
                }
                let text = lines.concat();
                assert!(text.contains(&progress(7, 40, lang)));
                assert!(text.contains("▸ 3"));
            }
        }
        let zh = item(&sample(), 0, Lang::Zh, 80).concat();
        assert!(zh.contains("第 7 / 40 题"));
        let en = item(&sample(), 0, Lang::En, 80).concat();
        assert!(en.contains("item 7 of 40"));
    }

    #[test]
    fn statement_is_whole_when_wrapped() {
        let lines = item(&sample(), 0, Lang::Zh, 40);
        let joined: String = lines.iter().map(|l| l.trim()).collect();
        assert!(joined.contains(&sample().statement));
    }

    #[test]
    fn truncation_respects_columns() {
        assert_eq!(truncate("学习执行力", 6), "学习…");
        assert_eq!(truncate("abc", 6), "abc");
    }
}

//! Display width of text in a terminal (East Asian wide characters take two
//! columns) and wrapping by that width, at the character, not the byte. A
//! hidden character (a control or bidi character, see [`crate::visible`])
//! counts as wide as the escape it is shown as.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::visible;

/// Columns a string takes as it is shown.
pub fn width(s: &str) -> usize {
    if !visible::has_hidden(s) {
        return UnicodeWidthStr::width(s);
    }
    s.split(visible::is_hidden).map(UnicodeWidthStr::width).sum::<usize>()
        + s.chars().filter(|c| visible::is_hidden(*c)).map(visible::escape_width).sum::<usize>()
}

/// Columns a character takes as it is shown.
pub fn char_width(c: char) -> usize {
    if visible::is_hidden(c) { visible::escape_width(c) } else { c.width().unwrap_or(0) }
}

/// Pad with spaces on the right to `cols` columns.
pub fn pad(s: &str, cols: usize) -> String {
    let w = width(s);
    if w >= cols { s.to_string() } else { format!("{s}{}", " ".repeat(cols - w)) }
}

/// Characters that must not begin a line (Chinese line-breaking rules).
fn no_line_start(c: char) -> bool {
    "，。、；：！？）》」』】〕…—,.;:!?)]}%".contains(c)
}

/// Characters that must not end a line.
fn no_line_end(c: char) -> bool {
    "（《「『【〔([{".contains(c)
}

/// Break text into lines of at most `cols` columns. Latin words are kept
/// whole where they fit; CJK text breaks between any two characters, but
/// never puts closing punctuation first on a line. Existing newlines are kept.
pub fn wrap(text: &str, cols: usize) -> Vec<String> {
    let cols = cols.max(2);
    let mut lines = Vec::new();
    for para in text.split('\n') {
        wrap_para(para, cols, &mut lines);
    }
    lines
}

fn tokens(s: &str) -> Vec<&str> {
    // A token is a run of ASCII non-space characters, a run of spaces, or one other character.
    let mut out = Vec::new();
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_ascii() && !c.is_ascii_whitespace() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                if d.is_ascii() && !d.is_ascii_whitespace() {
                    end = j + d.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            out.push(&s[i..end]);
        } else if c == ' ' {
            let mut end = i + 1;
            while let Some(&(j, ' ')) = iter.peek() {
                end = j + 1;
                iter.next();
            }
            out.push(&s[i..end]);
        } else {
            out.push(&s[i..i + c.len_utf8()]);
        }
    }
    out
}

/// Units that must stay on one line: a token with the closing punctuation
/// after it and the opening bracket before it.
fn units(para: &str) -> Vec<String> {
    let mut units: Vec<String> = Vec::new();
    let mut glue_next = false;
    for tok in tokens(para) {
        let space = tok.starts_with(' ');
        let first = tok.chars().next().unwrap_or(' ');
        let after_word = units.last().is_some_and(|u| !u.starts_with(' '));
        match units.last_mut() {
            Some(last) if !space && (glue_next || (no_line_start(first) && after_word)) => last.push_str(tok),
            _ => units.push(tok.to_string()),
        }
        glue_next = !space && tok.chars().last().is_some_and(no_line_end);
    }
    units
}

fn wrap_para(para: &str, cols: usize, lines: &mut Vec<String>) {
    let start = lines.len();
    let mut line = String::new();
    let mut line_w = 0;
    for unit in units(para) {
        let w = width(&unit);
        if unit.starts_with(' ') {
            if line_w > 0 && line_w + w <= cols {
                line.push_str(&unit);
                line_w += w;
            }
            continue;
        }
        if line_w + w <= cols {
            line.push_str(&unit);
            line_w += w;
            continue;
        }
        if line_w > 0 {
            lines.push(line.trim_end().to_string());
        }
        line = String::new();
        line_w = 0;
        if w <= cols {
            line.push_str(&unit);
            line_w = w;
            continue;
        }
        // Wider than a line: break it by character.
        for c in unit.chars() {
            let cw = char_width(c);
            if line_w + cw > cols && line_w > 0 {
                lines.push(std::mem::take(&mut line));
                line_w = 0;
            }
            line.push(c);
            line_w += cw;
        }
    }
    if line_w > 0 || lines.len() == start {
        lines.push(line.trim_end().to_string());
    }
}

/// Lay out whole fields (a name, a number with its label) on lines of at
/// most `cols` columns: a line breaks only between fields, never inside one.
/// Each field is `(sep, width)`: the display width of the separator shown
/// before it when it is not first on its line, and its own. A field wider
/// than a line has a line of its own (the caller wraps it). Returns the
/// fields of each line, as ranges of indices.
pub fn fill(fields: &[(usize, usize)], cols: usize) -> Vec<std::ops::Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut used = 0;
    for (i, &(sep, w)) in fields.iter().enumerate() {
        if i > start && used + sep + w > cols {
            lines.push(start..i);
            start = i;
            used = w;
        } else {
            used += if i > start { sep + w } else { w };
        }
    }
    if start < fields.len() {
        lines.push(start..fields.len());
    }
    lines
}

/// [`fill`] for plain texts: the lines, each field whole, joined by `sep`;
/// a field wider than a line is wrapped with [`wrap`].
pub fn fill_text<S: AsRef<str>>(fields: &[S], sep: &str, cols: usize) -> Vec<String> {
    let sizes: Vec<(usize, usize)> = fields.iter().map(|f| (width(sep), width(f.as_ref()))).collect();
    let mut out = Vec::new();
    for r in fill(&sizes, cols) {
        if r.len() == 1 && sizes[r.start].1 > cols {
            out.extend(wrap(fields[r.start].as_ref(), cols));
        } else {
            out.push(fields[r].iter().map(AsRef::as_ref).collect::<Vec<_>>().join(sep));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn chinese_wraps_by_columns() {
        let lines = wrap("遇到阻力和挫折时，我会坚持把工作推进到底。", 10);
        assert!(lines.iter().all(|l| width(l) <= 10), "{lines:?}");
        assert_eq!(lines.concat(), "遇到阻力和挫折时，我会坚持把工作推进到底。");
        // "，" never starts a line.
        assert!(lines.iter().all(|l| !l.starts_with('，') && !l.starts_with('。')), "{lines:?}");
    }

    #[test]
    fn latin_words_stay_whole() {
        let lines = wrap("When a task meets resistance I keep pushing it forward", 20);
        assert_eq!(lines, ["When a task meets", "resistance I keep", "pushing it forward"]);
    }

    #[test]
    fn mixed_text() {
        let lines = wrap("我每周读 2 份 policy documents 并做笔记", 12);
        assert!(lines.iter().all(|l| width(l) <= 12), "{lines:?}");
    }

    #[test]
    fn hidden_characters_count_as_their_escapes() {
        assert_eq!(width("张\u{1b}]0;x\u{7}"), 2 + 6 + 4 + 5);
        assert_eq!(width(&visible::escape("张\u{1b}]0;x\u{7}")), width("张\u{1b}]0;x\u{7}"));
        assert_eq!(pad("a\u{202e}", 10), "a\u{202e} ");
        let lines = wrap("\u{1b}\u{1b}\u{1b}\u{1b}", 12);
        assert!(lines.iter().all(|l| width(l) <= 12), "{lines:?}");
        assert_eq!(lines.len(), 2, "{lines:?}");
    }

    #[test]
    fn fields_stay_whole() {
        let fields = ["得分 62.5", "目标 80.0", "差距 17.5", "有提升空间"];
        assert_eq!(fill_text(&fields, " · ", 40), ["得分 62.5 · 目标 80.0 · 差距 17.5", "有提升空间"]);
        assert_eq!(fill_text(&fields, " · ", 12), ["得分 62.5", "目标 80.0", "差距 17.5", "有提升空间"]);
        assert_eq!(fill_text(&["欧阳明华（综合协调处）"], " · ", 10), wrap("欧阳明华（综合协调处）", 10));
        assert!(fill_text(&[] as &[&str], " ", 10).is_empty());
    }

    proptest! {
        #[test]
        fn fill_never_wider_and_keeps_fields_whole(fields in proptest::collection::vec("[a-z学习执行力0-9.]{1,6}", 0..12), cols in 12usize..60) {
            let lines = fill_text(&fields, " · ", cols);
            for l in &lines {
                prop_assert!(width(l) <= cols, "{l:?} {cols}");
            }
            let joined: Vec<String> = lines.iter().flat_map(|l| l.split(" · ").map(str::to_string)).collect();
            prop_assert_eq!(joined, fields);
        }

        #[test]
        fn never_wider_than_asked_and_loses_nothing(s in "[a-z 学习执行力，。（）]{0,80}", cols in 4usize..40) {
            let lines = wrap(&s, cols);
            for l in &lines {
                prop_assert!(width(l) <= cols, "{l:?} {cols}");
            }
            let joined: String = lines.concat().chars().filter(|c| *c != ' ').collect();
            let orig: String = s.chars().filter(|c| *c != ' ').collect();
            prop_assert_eq!(joined, orig);
        }
    }
}

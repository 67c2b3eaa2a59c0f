//! Diagnostics: problems found in an input file, each with its place, rendered
//! the way rustc renders them (file:line:column, the line, a marker, a hint).

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level as SnippetLevel, Renderer, Snippet};

use crate::i18n;
use crate::lang::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Error,
    Warning,
}

/// One problem in one input file.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub level: Level,
    pub message: String,
    /// Byte range in the file's text; None where the problem has no place
    /// (the file as a whole).
    pub span: Option<Range<usize>>,
    /// Text under the marker.
    pub label: Option<String>,
    /// A second place that explains the first ("first defined here").
    pub related: Option<(Range<usize>, String)>,
    /// What to do about it.
    pub help: Option<String>,
    /// Problems of the same file found after it and not kept (see
    /// [`keep`]): counted, never printed.
    pub also: usize,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            level: Level::Error,
            message: message.into(),
            span: None,
            label: None,
            related: None,
            help: None,
            also: 0,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic { level: Level::Warning, ..Diagnostic::error(message) }
    }

    pub fn at(mut self, span: Option<Range<usize>>) -> Self {
        self.span = span;
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn related(mut self, span: Option<Range<usize>>, label: impl Into<String>) -> Self {
        self.related = span.map(|s| (s, label.into()));
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }
}

/// The most problems of one file that are kept: a file with more (a
/// hostile one) costs no more memory, and the rest are only counted.
pub const MAX_KEPT: usize = 1000;

/// Add a problem to a file's, or only count it where [`MAX_KEPT`] are kept.
pub fn keep(diags: &mut Vec<Diagnostic>, d: Diagnostic) {
    let full = diags.len() >= MAX_KEPT;
    match diags.last_mut() {
        Some(last) if full => last.also += 1 + d.also,
        _ => diags.push(d),
    }
}

/// The errors among some problems, with those counted and not kept.
pub fn count_errors(diags: &[Diagnostic]) -> usize {
    diags.iter().filter(|d| d.is_error()).map(|d| 1 + d.also).sum()
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn clamp_span(text: &str, span: &Range<usize>) -> Range<usize> {
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let mut end = span.end.clamp(start, text.len());
    while end < text.len() && !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// The most problems of one file that are printed (SPEC §12); the rest are
/// counted in one line.
pub const MAX_SHOWN: usize = 200;

/// How many problems of one file have been printed so far, and how many
/// were not.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Shown {
    pub shown: usize,
    pub hidden: usize,
}

impl Shown {
    /// Of `n` more problems, how many may still be printed; the others are
    /// counted as not shown.
    pub fn admit(&mut self, n: usize) -> usize {
        let k = n.min(MAX_SHOWN.saturating_sub(self.shown));
        self.shown += k;
        self.hidden += n - k;
        k
    }

    /// The line after a file's problems that says how many were not printed.
    pub fn tail(&self, lang: Lang) -> String {
        if self.hidden == 0 { String::new() } else { format!("{}\n", i18n::msg(lang).more_problems(self.hidden)) }
    }
}

/// Render diagnostics of one file as plain text, each ending in a newline.
pub fn render(path: &str, text: &str, diags: &[Diagnostic], lang: Lang) -> String {
    render_from(path, text, 1, diags, lang)
}

/// As [`render`], at most [`MAX_SHOWN`] of the diagnostics, then the line
/// that says how many were not printed.
pub fn render_capped(path: &str, text: &str, diags: &[Diagnostic], lang: Lang) -> String {
    let mut shown = Shown::default();
    let mut out = render_counted(path, text, 1, diags, lang, &mut shown);
    out.push_str(&shown.tail(lang));
    out
}

/// As [`render_from`], only the diagnostics `shown` (a file's count so far)
/// still admits; the others, and those counted and not kept, are counted in it.
pub fn render_counted(
    path: &str,
    text: &str,
    first_line: usize,
    diags: &[Diagnostic],
    lang: Lang,
    shown: &mut Shown,
) -> String {
    let k = shown.admit(diags.len());
    shown.hidden += diags.iter().map(|d| d.also).sum::<usize>();
    render_from(path, text, first_line, &diags[..k], lang)
}

/// As [`render`], for a `text` that is part of the file starting at line
/// `first_line` (one line of JSON Lines, read as it streams by).
///
/// Only the lines a diagnostic marks are given to the renderer, so that
/// many diagnostics of a large file take time in proportion to the file;
/// and no character of the input that could change what a terminal shows
/// (a control or bidi character) is printed as it is.
pub fn render_from(path: &str, text: &str, first_line: usize, diags: &[Diagnostic], lang: Lang) -> String {
    let msg = i18n::msg(lang);
    let renderer = Renderer::plain();
    let path = crate::visible::escape(path);
    let lines = LineStarts::new(text, diags);
    let mut out = String::new();
    for d in diags {
        let (name, level) = match d.level {
            Level::Error => (msg.diag_error(), SnippetLevel::ERROR),
            Level::Warning => (msg.diag_warning(), SnippetLevel::WARNING),
        };
        let level = level.with_name(name);
        let help_level = SnippetLevel::HELP.with_name(msg.diag_help());
        let message = crate::visible::escape(&d.message);
        let help = d.help.as_deref().map(crate::visible::escape);
        let mut report: Vec<Group> = Vec::new();
        match &d.span {
            Some(span) => {
                let span = clamp_span(text, span);
                let related = d.related.as_ref().map(|(r, l)| (clamp_span(text, r), crate::visible::escape(l)));
                let lo = related.as_ref().map_or(span.start, |(r, _)| r.start.min(span.start));
                let hi = related.as_ref().map_or(span.end, |(r, _)| r.end.max(span.end));
                let (line, from) = lines.line_of(lo);
                let to = text[hi..].find('\n').map_or(text.len(), |i| hi + i);
                let window = Visible::new(&text[from..to]);
                let at = |r: &Range<usize>| window.map(r.start - from)..window.map(r.end - from);
                let mut snippet =
                    Snippet::source(window.text.as_ref()).path(path.as_ref()).line_start(first_line + line).fold(true);
                let label = d.label.as_deref().map(crate::visible::escape);
                let mut primary = AnnotationKind::Primary.span(at(&span));
                if let Some(label) = &label {
                    primary = primary.label(label.as_ref());
                }
                snippet = snippet.annotation(primary);
                if let Some((rspan, rlabel)) = &related {
                    snippet = snippet.annotation(AnnotationKind::Context.span(at(rspan)).label(rlabel.as_ref()));
                }
                report.push(level.primary_title(message.as_ref()).element(snippet));
                if let Some(help) = &help {
                    report.push(Group::with_title(help_level.clone().secondary_title(help.as_ref())));
                }
                out.push_str(&renderer.render(&report));
                out.push('\n');
            }
            None => {
                // No place to show: the message and its help, plainly.
                out.push_str(&format!("{name}: {path}: {message}\n"));
                if let Some(help) = &help {
                    out.push_str(&format!("{}: {help}\n", msg.diag_help()));
                }
            }
        }
    }
    // What the file holds (its name, its lines, a value quoted in a
    // message) cannot act on the terminal: hidden characters shown as
    // escapes (SPEC §12).
    crate::visible::escape(&out).into_owned()
}

/// The line (0-based) and the start of the line of every offset some
/// diagnostics need, found in one pass over the text.
struct LineStarts {
    /// (offset, line, line start), by offset.
    found: Vec<(usize, usize, usize)>,
}

impl LineStarts {
    fn new(text: &str, diags: &[Diagnostic]) -> Self {
        let mut want: Vec<usize> = diags
            .iter()
            .filter_map(|d| {
                let span = clamp_span(text, d.span.as_ref()?);
                let related = d.related.as_ref().map(|(r, _)| clamp_span(text, r).start);
                Some(related.map_or(span.start, |r| r.min(span.start)))
            })
            .collect();
        want.sort_unstable();
        want.dedup();
        let mut found = Vec::with_capacity(want.len());
        let (mut line, mut start, mut pos) = (0, 0, 0);
        let bytes = text.as_bytes();
        for &w in &want {
            for i in memchr::memchr_iter(b'\n', &bytes[pos..w]) {
                line += 1;
                start = pos + i + 1;
            }
            pos = w;
            found.push((w, line, start));
        }
        LineStarts { found }
    }

    fn line_of(&self, offset: usize) -> (usize, usize) {
        match self.found.binary_search_by_key(&offset, |f| f.0) {
            Ok(i) => (self.found[i].1, self.found[i].2),
            Err(_) => (0, 0),
        }
    }
}

/// A part of an input with every character that could change what a
/// terminal shows written as `\u{…}` (line breaks kept), and where each
/// offset of the part went.
struct Visible<'a> {
    text: std::borrow::Cow<'a, str>,
    /// (offset in the part, bytes added before what follows it), in order.
    moved: Vec<(usize, usize)>,
}

impl<'a> Visible<'a> {
    fn new(part: &'a str) -> Self {
        let keep = |i: usize, c: char| c == '\n' || (c == '\r' && part[i + 1..].starts_with('\n'));
        if !part.char_indices().any(|(i, c)| crate::visible::is_hidden(c) && !keep(i, c)) {
            return Visible { text: part.into(), moved: Vec::new() };
        }
        let mut text = String::with_capacity(part.len() + 16);
        let mut moved = Vec::new();
        for (i, c) in part.char_indices() {
            if crate::visible::is_hidden(c) && !keep(i, c) {
                let shown = format!("\\u{{{:x}}}", c as u32);
                let added = moved.last().map_or(0, |m: &(usize, usize)| m.1) + shown.len() - c.len_utf8();
                text.push_str(&shown);
                moved.push((i + c.len_utf8(), added));
            } else {
                text.push(c);
            }
        }
        Visible { text: text.into(), moved }
    }

    /// Where an offset of the part is in the text shown.
    fn map(&self, offset: usize) -> usize {
        let k = self.moved.partition_point(|m| m.0 <= offset);
        offset + if k == 0 { 0 } else { self.moved[k - 1].1 }
    }
}

/// A one-line form of a diagnostic: `file:line:col: message`.
pub fn one_line(path: &str, text: &str, d: &Diagnostic) -> String {
    match &d.span {
        Some(span) => {
            let (line, col) = line_col(text, span.start);
            format!("{}:{line}:{col}: {}", crate::visible::escape(path), crate::visible::escape(&d.message))
        }
        None => format!("{}: {}", crate::visible::escape(path), crate::visible::escape(&d.message)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let text = "a = 1\n名字 = \"张三\"\n";
        let off = text.find('=').unwrap();
        assert_eq!(line_col(text, off), (1, 3));
        let off = text.find("\"张").unwrap();
        assert_eq!(line_col(text, off), (2, 6));
    }

    #[test]
    fn what_the_file_holds_cannot_act_on_the_terminal() {
        let text = "name = \"\u{1b}]0;x\u{7}\u{9b}\u{202e}\"\nweight = -1\n";
        let d = Diagnostic::error("bad name \u{1b}[2J\u{202e}").at(Some(0..4)).label("\u{1b}]52;c;eA==\u{7}");
        for out in
            [render("a\u{1b}.toml", text, std::slice::from_ref(&d), Lang::En), one_line("a\u{1b}.toml", text, &d)]
        {
            assert!(!crate::visible::has_hidden(&out), "{out:?}");
            assert!(out.contains("\\u{1b}"), "{out}");
        }
    }

    #[test]
    fn renders_place_marker_and_help() {
        let text = "id = \"x\"\nweight = -1\n";
        let d = Diagnostic::error("weight must be > 0").at(Some(18..20)).label("here").help("use 1");
        let out = render("r.toml", text, &[d], Lang::En);
        assert!(out.contains("error: weight must be > 0"), "{out}");
        assert!(out.contains("r.toml:2:10"), "{out}");
        assert!(out.contains("weight = -1"), "{out}");
        assert!(out.contains("help: use 1"), "{out}");
    }

    #[test]
    fn no_control_or_bidi_character_of_the_input_is_printed() {
        let text = "a = 1\nname = \"\u{1b}]0;owned\u{7}\u{202e}x\" # \u{9b}\nb = 2\n";
        let at = text.find('x').unwrap();
        let d = Diagnostic::error("bad \u{1b}[2J name").at(Some(at..at + 1)).label("here \u{202e}").help("fix \u{7}");
        let out = render("f\u{1b}.toml", text, &[d], Lang::En);
        assert!(!out.chars().any(|c| crate::textsafe::unsafe_char(c) && c != '\n'), "{out:?}");
        assert!(out.contains("\\u{1b}]0;owned\\u{7}\\u{202e}x"), "{out}");
        assert!(out.contains("bad \\u{1b}[2J name") && out.contains("f\\u{1b}.toml:2:"), "{out}");
        // The marker stands under the x, past the escapes.
        let line = out.lines().find(|l| l.contains("owned")).unwrap();
        let marker = out.lines().find(|l| l.contains('^')).unwrap();
        assert_eq!(marker.find('^'), line.find("x\""), "{out}");
    }

    #[test]
    fn only_the_marked_lines_are_shown_and_numbered_as_in_the_file() {
        let mut text = String::new();
        for i in 0..1000 {
            text.push_str(&format!("k{i} = {i}\n"));
        }
        let at = text.find("k700 ").unwrap();
        let first = text.find("k3 ").unwrap();
        let d = Diagnostic::error("twice").at(Some(at..at + 4)).related(Some(first..first + 2), "first");
        let out = render("f.toml", &text, &[d], Lang::En);
        assert!(out.contains("f.toml:701:1"), "{out}");
        assert!(out.contains("701 | k700") && out.contains("4 | k3 = 3"), "{out}");
    }

    #[test]
    fn at_most_two_hundred_problems_are_printed() {
        let d = Diagnostic::error("unknown key").at(Some(0..1));
        let out = render_capped("f.json", "{}", &vec![d; 250], Lang::En);
        assert_eq!(out.matches("error: unknown key").count(), MAX_SHOWN);
        assert!(out.ends_with("… and 50 more problems not shown (at most 200 are listed a file)\n"), "{out}");
        let mut shown = Shown::default();
        assert_eq!((shown.admit(150), shown.admit(100), shown.admit(1)), (150, 50, 0));
        assert_eq!(shown, Shown { shown: 200, hidden: 51 });
        assert!(Shown::default().tail(Lang::Zh).is_empty());
        assert!(shown.tail(Lang::Zh).contains("另有 51 个问题未列出"));
    }
}

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
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic { level: Level::Error, message: message.into(), span: None, label: None, related: None, help: None }
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

/// Render diagnostics of one file as plain text, each ending in a newline.
pub fn render(path: &str, text: &str, diags: &[Diagnostic], lang: Lang) -> String {
    render_from(path, text, 1, diags, lang)
}

/// As [`render`], for a `text` that is part of the file starting at line
/// `first_line` (one line of JSON Lines, read as it streams by).
pub fn render_from(path: &str, text: &str, first_line: usize, diags: &[Diagnostic], lang: Lang) -> String {
    let msg = i18n::msg(lang);
    let renderer = Renderer::plain();
    let mut out = String::new();
    for d in diags {
        let (name, level) = match d.level {
            Level::Error => (msg.diag_error(), SnippetLevel::ERROR),
            Level::Warning => (msg.diag_warning(), SnippetLevel::WARNING),
        };
        let level = level.with_name(name);
        let help_level = SnippetLevel::HELP.with_name(msg.diag_help());
        let mut report: Vec<Group> = Vec::new();
        match &d.span {
            Some(span) => {
                let span = clamp_span(text, span);
                let mut snippet = Snippet::source(text).path(path).line_start(first_line).fold(true);
                let mut primary = AnnotationKind::Primary.span(span);
                if let Some(label) = &d.label {
                    primary = primary.label(label.as_str());
                }
                snippet = snippet.annotation(primary);
                if let Some((rspan, rlabel)) = &d.related {
                    snippet = snippet
                        .annotation(AnnotationKind::Context.span(clamp_span(text, rspan)).label(rlabel.as_str()));
                }
                report.push(level.primary_title(d.message.as_str()).element(snippet));
            }
            None => {
                // No place to show: the message and its help, plainly.
                out.push_str(&format!("{name}: {path}: {}\n", d.message));
                if let Some(help) = &d.help {
                    out.push_str(&format!("{}: {help}\n", msg.diag_help()));
                }
                continue;
            }
        }
        if let Some(help) = &d.help {
            report.push(Group::with_title(help_level.secondary_title(help.as_str())));
        }
        out.push_str(&renderer.render(&report));
        out.push('\n');
    }
    // What the file holds (its name, its lines, a value quoted in a
    // message) cannot act on the terminal: hidden characters shown as
    // escapes (SPEC §12).
    crate::visible::escape(&out).into_owned()
}

/// A one-line form of a diagnostic: `file:line:col: message`, hidden
/// characters shown as escapes.
pub fn one_line(path: &str, text: &str, d: &Diagnostic) -> String {
    let line = match &d.span {
        Some(span) => {
            let (line, col) = line_col(text, span.start);
            format!("{path}:{line}:{col}: {}", d.message)
        }
        None => format!("{path}: {}", d.message),
    };
    crate::visible::escape(&line).into_owned()
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
}

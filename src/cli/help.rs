//! The help and the usage line, rendered from clap's definition in the
//! interface language and wrapped by display width (a Chinese character
//! takes two columns: clap's own wrapping counts one, so its Chinese help
//! overflows the terminal). Clap decides what was asked; this says it.

use clap::{Arg, Command};

use crate::i18n;
use crate::lang::Lang;
use crate::width;

/// The ids of the arguments clap's help flags and version flag have here.
pub const HELP_ID: &str = "help";
pub const VERSION_ID: &str = "version";

/// The columns help is wrapped to: the terminal's (stdout a terminal, else
/// `$COLUMNS`), at most 100; 80 when neither says.
pub fn columns() -> usize {
    let tty = console::Term::stdout().size_checked().map(|(_, c)| usize::from(c)).filter(|c| *c > 0);
    let env = || std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<usize>().ok()).filter(|c| *c > 0);
    tty.or_else(env).unwrap_or(80).clamp(20, 100)
}

/// The subcommand at `path` below `root` (`[]`: the root itself).
pub fn find<'a>(root: &'a Command, path: &[String]) -> Option<&'a Command> {
    let mut cmd = root;
    for name in path {
        cmd = cmd.get_subcommands().find(|s| s.get_name() == name && !s.is_hide_set())?;
    }
    Some(cmd)
}

/// The command line that names the command at `path`: "zhixing store info".
pub fn bin(root: &Command, path: &[String]) -> String {
    std::iter::once(root.get_name()).chain(path.iter().map(String::as_str)).collect::<Vec<_>>().join(" ")
}

/// How an argument is written in a usage line or a help entry: `<FILE>...`.
fn value_spec(a: &Arg) -> String {
    let names: Vec<String> = match a.get_value_names() {
        Some(v) if !v.is_empty() => v.iter().map(|n| n.to_string()).collect(),
        _ => vec![a.get_id().as_str().to_uppercase()],
    };
    let many = a.get_num_args().is_some_and(|n| n.max_values() > 1);
    let dots = if many && a.is_positional() { "..." } else { "" };
    let inner = names.iter().map(|n| format!("<{n}>")).collect::<Vec<_>>().join(" ");
    let required = a.is_required_set() || !a.is_positional();
    let min_zero = a.get_num_args().is_some_and(|n| n.min_values() == 0);
    if a.is_positional() && (!required || min_zero) {
        format!("[{}]{dots}", inner.trim_start_matches('<').trim_end_matches('>'))
    } else {
        format!("{inner}{dots}")
    }
}

fn takes_value(a: &Arg) -> bool {
    a.get_action().takes_values()
}

/// The usage line without its heading: "zhixing score [OPTIONS] <FILE>...".
pub fn usage(root: &Command, path: &[String], lang: Lang) -> String {
    let m = i18n::msg(lang);
    let Some(cmd) = find(root, path) else { return bin(root, &[]) };
    let mut parts = vec![bin(root, path)];
    let options: Vec<&Arg> = cmd.get_arguments().filter(|a| !a.is_positional() && !a.is_hide_set()).collect();
    if options.iter().any(|a| !a.is_required_set()) {
        parts.push(m.usage_options().to_string());
    }
    for a in options.iter().filter(|a| a.is_required_set()) {
        let flag = a.get_long().map(|l| format!("--{l}")).or_else(|| a.get_short().map(|s| format!("-{s}")));
        let flag = flag.unwrap_or_default();
        parts.push(if takes_value(a) { format!("{flag} {}", value_spec(a)) } else { flag });
    }
    let mut positionals: Vec<&Arg> = cmd.get_positionals().filter(|a| !a.is_hide_set()).collect();
    positionals.sort_by_key(|a| a.get_index().unwrap_or(usize::MAX));
    parts.extend(positionals.iter().map(|a| value_spec(a)));
    if cmd.has_subcommands() {
        parts.push(m.usage_command().to_string());
    }
    parts.join(" ")
}

/// One entry of a help section: what is typed, what it does.
struct Entry {
    spec: String,
    help: String,
}

/// The help of an argument with its default and possible values.
fn arg_help(a: &Arg, lang: Lang) -> String {
    let m = i18n::msg(lang);
    let mut help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
    let mut add = |s: String| {
        if !help.is_empty() {
            help.push(' ');
        }
        help.push_str(&s);
    };
    if takes_value(a) {
        let defaults: Vec<String> = a.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
        if !defaults.is_empty() {
            add(m.help_default(&defaults.join(",")));
        }
        let values: Vec<String> =
            a.get_possible_values().iter().filter(|v| !v.is_hide_set()).map(|v| v.get_name().to_string()).collect();
        if !values.is_empty() {
            add(m.help_possible_values(&values));
        }
    }
    help
}

fn option_entry(a: &Arg, lang: Lang) -> Entry {
    let short = a.get_short().map(|s| format!("-{s}"));
    let long = a.get_long().map(|l| format!("--{l}"));
    let mut spec = match (short, long) {
        (Some(s), Some(l)) => format!("{s}, {l}"),
        (Some(s), None) => s,
        (None, Some(l)) => format!("    {l}"),
        (None, None) => String::new(),
    };
    if takes_value(a) {
        spec.push(' ');
        spec.push_str(&value_spec(a));
    }
    Entry { spec, help: arg_help(a, lang) }
}

/// Lay out entries in two columns within `cols`; a spec too wide for the
/// first column stands on its own line with its help below it.
fn section(out: &mut String, heading: &str, entries: &[Entry], cols: usize) {
    if entries.is_empty() {
        return;
    }
    out.push('\n');
    out.push_str(heading);
    out.push('\n');
    let limit = (cols * 2 / 5).max(12);
    let spec_w = entries.iter().map(|e| width::width(&e.spec)).filter(|w| *w <= limit).max().unwrap_or(limit);
    let mut column = 2 + spec_w + 2;
    if cols.saturating_sub(column) < 20 {
        column = (cols / 4).max(4);
    }
    let text_w = cols.saturating_sub(column).max(10);
    let pad = " ".repeat(column);
    for e in entries {
        let w = width::width(&e.spec);
        out.push_str("  ");
        out.push_str(&e.spec);
        let lines = if e.help.is_empty() { Vec::new() } else { wrap(&e.help, text_w) };
        let mut lines = lines.into_iter();
        if 2 + w + 2 <= column
            && let Some(first) = lines.next()
        {
            out.push_str(&" ".repeat(column - 2 - w));
            out.push_str(&first);
        }
        out.push('\n');
        for line in lines {
            out.push_str(&pad);
            out.push_str(&line);
            out.push('\n');
        }
    }
}

/// Characters after which a line breaks well: a pause in Chinese text.
fn pause(c: char) -> bool {
    "，、；：。！？）》」』】".contains(c)
}

/// Characters that do not begin a line.
fn no_line_start(c: char) -> bool {
    "，。、；：！？）》」』】〕…—,.;:!?)]}%".contains(c)
}

/// Characters that do not end a line.
fn no_line_end(c: char) -> bool {
    "（《「『【〔([{".contains(c)
}

/// How well a line breaks before character `i`: 0 not at all (inside a
/// Latin word, before closing punctuation), 1 between two Chinese
/// characters, 2 at a space or after a pause.
fn break_quality(chars: &[char], i: usize) -> u8 {
    let (prev, c) = (chars[i - 1], chars[i]);
    if c == ' ' {
        return if prev == ' ' { 0 } else { 2 };
    }
    if prev == ' ' || no_line_start(c) || no_line_end(prev) {
        return 0;
    }
    if pause(prev) {
        return 2;
    }
    if !prev.is_ascii() || !c.is_ascii() { 1 } else { 0 }
}

/// One paragraph broken into lines of at most `cols` display columns: at a
/// space or after a pause (，、；) when one is near the end of the line,
/// else between two Chinese characters; a Latin word is never split
/// unless it is wider than the line.
fn wrap_para(text: &str, cols: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut lines = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        while start < chars.len() && chars[start] == ' ' && !lines.is_empty() {
            start += 1;
        }
        let mut w = 0;
        let mut end = start;
        while end < chars.len() && w + width::char_width(chars[end]) <= cols {
            w += width::char_width(chars[end]);
            end += 1;
        }
        if end == chars.len() {
            lines.push(chars[start..].iter().collect::<String>().trim_end().to_string());
            break;
        }
        // The best break at or before `end`: a good one in the last third
        // of the line, else any, else the line cut at its width.
        let near = (start + (end - start) * 2 / 3).max(start + 1);
        let good_near = (near..=end).rev().find(|b| break_quality(&chars, *b) == 2);
        let any = || (start + 1..=end).rev().find(|b| break_quality(&chars, *b) >= 1);
        let cut = good_near.or_else(any).unwrap_or(end.max(start + 1));
        lines.push(chars[start..cut].iter().collect::<String>().trim_end().to_string());
        start = cut;
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// Text broken into lines of at most `cols` display columns, its own line
/// breaks kept; the last line of a paragraph is never one or two
/// characters left alone (the paragraph is broken a little narrower).
pub fn wrap(text: &str, cols: usize) -> Vec<String> {
    let cols = cols.max(4);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let lone = |lines: &[String]| lines.len() > 1 && lines.last().is_some_and(|l| l.chars().count() <= 3);
        let mut lines = wrap_para(para, cols);
        for narrower in 1..=8.min(cols / 2) {
            if !lone(&lines) {
                break;
            }
            let again = wrap_para(para, cols - narrower);
            if !lone(&again) && again.len() == lines.len() {
                lines = again;
                break;
            }
        }
        out.extend(lines);
    }
    out
}

/// A paragraph wrapped to `cols`.
fn paragraph(out: &mut String, text: &str, cols: usize) {
    for line in wrap(text.trim_end(), cols) {
        out.push_str(&line);
        out.push('\n');
    }
}

/// The help of the command at `path` below `root` (built, so that global
/// arguments are on every subcommand), wrapped to `cols` display columns.
/// Arguments first, then options in their order, then the global ones,
/// help and version last.
pub fn help(root: &Command, path: &[String], lang: Lang, cols: usize) -> Option<String> {
    let m = i18n::msg(lang);
    let cmd = find(root, path)?;
    let mut out = String::new();
    if let Some(about) = cmd.get_about() {
        paragraph(&mut out, &about.to_string(), cols);
        out.push('\n');
    }
    let usage = format!("{}{}", m.help_usage(), usage(root, path, lang));
    paragraph(&mut out, &usage, cols);

    let subcommands: Vec<Entry> = cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .map(|s| Entry {
            spec: s.get_name().to_string(),
            help: s.get_about().map(|a| a.to_string()).unwrap_or_default(),
        })
        .collect();
    section(&mut out, &m.help_heading(m.help_commands()), &subcommands, cols);

    let mut positionals: Vec<&Arg> = cmd.get_positionals().filter(|a| !a.is_hide_set()).collect();
    positionals.sort_by_key(|a| a.get_index().unwrap_or(usize::MAX));
    let arguments: Vec<Entry> =
        positionals.iter().map(|a| Entry { spec: value_spec(a), help: arg_help(a, lang) }).collect();
    section(&mut out, &m.help_heading(m.help_arguments()), &arguments, cols);

    let options: Vec<&Arg> = cmd.get_arguments().filter(|a| !a.is_positional() && !a.is_hide_set()).collect();
    let rank = |a: &Arg| match a.get_id().as_str() {
        VERSION_ID => 3,
        HELP_ID => 2,
        _ if a.is_global_set() => 1,
        _ => 0,
    };
    let mut ordered = options.clone();
    ordered.sort_by_key(|a| rank(a));
    let entries: Vec<Entry> = ordered.iter().map(|a| option_entry(a, lang)).collect();
    section(&mut out, &m.help_heading(m.help_options()), &entries, cols);

    if let Some(after) = cmd.get_after_help() {
        out.push('\n');
        paragraph(&mut out, &after.to_string(), cols);
    }
    Some(out)
}

//! Rubrics: reading a rubric file, checking it, and the built-in rubrics.
//!
//! Reading goes in three passes, so that one run names every problem it can:
//! the TOML syntax (every syntax error, recovered), the shape (serde: every
//! unknown key, then the first wrong type or missing key), and the meaning
//! (`check`: ids, weights, targets, scale, bands, translations, sizes).

mod check;
mod model;

use sha2::{Digest, Sha256};

pub use model::*;

use crate::diag::Diagnostic;
use crate::i18n;
use crate::i18n::rubric::{Expected, Found};
use crate::lang::Lang;
use crate::locate::{Seg, TomlLocator};

/// Largest rubric file read, in bytes.
pub const MAX_BYTES: usize = 1024 * 1024;
/// Most items a rubric may have.
pub const MAX_ITEMS: usize = 1000;
/// The largest weight of an item, dimension or section: with at most
/// [`MAX_ITEMS`] items every sum of weighted scores stays finite.
pub const MAX_WEIGHT: f64 = 1e6;

/// A built-in rubric: its id and its file, compiled into the binary.
pub struct Builtin {
    pub id: &'static str,
    /// Its `version` (a test checks it against the file).
    pub version: &'static str,
    pub file: &'static str,
    pub source: &'static str,
}

pub const BUILTINS: &[Builtin] = &[
    Builtin {
        id: "core",
        version: "2.0.0",
        file: "rubrics/core.toml",
        source: include_str!("../../rubrics/core.toml"),
    },
    Builtin {
        id: "office",
        version: "2.0.0",
        file: "rubrics/office.toml",
        source: include_str!("../../rubrics/office.toml"),
    },
];

/// Earlier versions of the built-in rubrics, byte for byte as they were
/// shipped: never offered for new questionnaires, but kept so that results
/// scored against them are grouped (alpha needs each item's keying) and
/// shown in another language exactly as before.
pub const EARLIER: &[Builtin] = &[
    Builtin {
        id: "core",
        version: "1.0.0",
        file: "rubrics/1.0.0/core.toml",
        source: include_str!("../../rubrics/1.0.0/core.toml"),
    },
    Builtin {
        id: "office",
        version: "1.0.0",
        file: "rubrics/1.0.0/office.toml",
        source: include_str!("../../rubrics/1.0.0/office.toml"),
    },
];

/// The rubric used when none is named.
pub const DEFAULT_ID: &str = "core";

/// A rubric that passed its checks, with what results record about it.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub rubric: Rubric,
    /// sha256 of the file's bytes, hex.
    pub sha256: String,
    /// Where it came from: the built-in id or the path given.
    pub origin: String,
    /// Problems that do not stop it from being used.
    pub warnings: Vec<Diagnostic>,
}

/// The problems of one rubric file, with its text for rendering them.
#[derive(Debug)]
pub struct Problems {
    pub path: String,
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl Problems {
    /// Its problems, at most [`crate::diag::MAX_SHOWN`] of them.
    pub fn render(&self, lang: Lang) -> String {
        crate::diag::render_capped(&self.path, &self.text, &self.diagnostics, lang)
    }

    pub fn error_count(&self) -> usize {
        crate::diag::count_errors(&self.diagnostics)
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Read and check a rubric from its bytes. `path` is how the file is named
/// in messages.
pub fn parse(path: &str, bytes: &[u8], lang: Lang) -> Result<Loaded, Problems> {
    let msg = i18n::msg(lang);
    let fail = |text: String, diagnostics: Vec<Diagnostic>| Problems { path: path.to_string(), text, diagnostics };
    if bytes.len() > MAX_BYTES {
        let d = Diagnostic::error(msg.rubric_file_too_large(bytes.len())).help(msg.rubric_file_too_large_help());
        return Err(fail(String::new(), vec![d]));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let lossy = String::from_utf8_lossy(bytes).into_owned();
            let at = e.valid_up_to();
            let t = msg.rubric_not_utf8();
            let d = Diagnostic::error(t.message).at(Some(at..at + 1)).label(t.label).help(t.help);
            return Err(fail(lossy, vec![d]));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);

    // 1. Syntax: every error the parser can recover from.
    let syntax = syntax_errors(text, lang, msg.rubric_syntax_help());
    if !syntax.is_empty() {
        return Err(fail(text.to_string(), syntax));
    }
    let locator = TomlLocator::new(text);

    // 2. Shape: unknown keys and wrong types, all of them; a missing key
    // ends the search (nothing sensible can stand in for it).
    let (shaped, mut diags) = shape(text, &locator, lang);
    let Some(rubric) = shaped else {
        sort(&mut diags);
        return Err(fail(text.to_string(), diags));
    };

    // 3. Meaning.
    diags.extend(check::check(&rubric, &locator, text, lang));
    sort(&mut diags);
    if diags.iter().any(Diagnostic::is_error) {
        return Err(fail(text.to_string(), diags));
    }
    Ok(Loaded { rubric, sha256: sha256_hex(bytes), origin: path.to_string(), warnings: diags })
}

/// Every TOML syntax error of a text, in order of place, each with `help`.
/// An array or inline table that is never closed makes the parser report
/// every line after it; those are replaced by one error at its bracket.
pub(crate) fn syntax_errors(text: &str, lang: Lang, help: &str) -> Vec<Diagnostic> {
    let msg = i18n::msg(lang);
    let (_, errors) = toml::de::DeTable::parse_recoverable(text);
    let mut diags: Vec<Diagnostic> = errors
        .iter()
        .map(|e| {
            let detail = e.message().trim();
            let detail = [", expected nothing", ", expected literal string"]
                .iter()
                .fold(detail, |m, noise| m.strip_suffix(noise).unwrap_or(m));
            // `key =` with nothing after it reads to the parser as an unquoted string.
            let at_line_end = e.span().is_some_and(|s| text.get(s).is_some_and(|t| t.trim().is_empty()));
            let detail = if detail.starts_with("string values must be quoted") && at_line_end {
                msg.toml_value_missing().to_string()
            } else {
                toml_detail(detail, lang)
            };
            Diagnostic::error(msg.toml_syntax_error(&detail)).at(e.span()).help(help)
        })
        .collect();
    let unclosed = errors.iter().any(|e| {
        let m = e.message().trim_start();
        m.starts_with("unclosed array") || m.starts_with("unclosed inline table")
    });
    if unclosed && let Some((at, open)) = unclosed_bracket(text) {
        diags.retain(|d| d.span.as_ref().is_none_or(|s| s.start < at));
        let inline_table = open == b'{';
        let close = if inline_table { '}' } else { ']' };
        let t = msg.toml_unclosed(inline_table, open as char, close);
        diags.push(Diagnostic::error(t.message).at(Some(at..at + 1)).label(t.label).help(t.help));
    }
    sort(&mut diags);
    diags
}

/// The TOML parser's message (`what, expected a, b`) in the interface
/// language.
fn toml_detail(detail: &str, lang: Lang) -> String {
    let msg = i18n::msg(lang);
    let (what, expected) = match detail.split_once(", expected ") {
        Some((what, expected)) => (what, Some(expected)),
        None => (detail, None),
    };
    let Some(what) = msg.toml_phrase(what.trim()) else { return msg.toml_syntax_other(detail) };
    let Some(expected) = expected else { return what };
    let mut said = Vec::new();
    for e in expected.split(", ").map(str::trim).filter(|e| !e.is_empty()) {
        // Literals are shown as written (`#`, `]`), phrases in words.
        if e.starts_with(['`', '\'']) {
            said.push(e.to_string());
        } else {
            match msg.toml_phrase(e) {
                Some(words) => said.push(words),
                None => return msg.toml_syntax_other(detail),
            }
        }
    }
    msg.toml_expected(&what, &said)
}

/// The outermost array or inline table of a TOML text that is never closed:
/// the offset of its bracket, and the bracket.
fn unclosed_bracket(text: &str) -> Option<(usize, u8)> {
    let b = text.as_bytes();
    let mut open: Vec<(usize, u8)> = Vec::new();
    let mut i = 0;
    let mut line_start = true;
    while i < b.len() {
        let c = b[i];
        if c == b'\n' {
            line_start = true;
            i += 1;
            continue;
        }
        if matches!(c, b' ' | b'\t' | b'\r') {
            i += 1;
            continue;
        }
        let first_on_line = std::mem::replace(&mut line_start, false);
        match c {
            // A comment, or a table header such as [scale] or [[sections]].
            b'#' => i = end_of_line(b, i),
            b'[' if first_on_line && open.is_empty() => i = end_of_line(b, i),
            b'"' | b'\'' => i = end_of_string(b, i),
            b'[' | b'{' => {
                open.push((i, c));
                i += 1;
            }
            b']' | b'}' => {
                open.pop();
                i += 1;
            }
            _ => i += 1,
        }
    }
    open.first().copied()
}

fn end_of_line(b: &[u8], i: usize) -> usize {
    b[i..].iter().position(|&c| c == b'\n').map_or(b.len(), |n| i + n)
}

/// The offset just after the string starting at `i` (or the end of its line,
/// for a single-line string left open).
fn end_of_string(b: &[u8], i: usize) -> usize {
    let quote = b[i];
    let triple = [quote; 3];
    if b[i..].starts_with(&triple) {
        let mut j = i + 3;
        while j < b.len() {
            if quote == b'"' && b[j] == b'\\' {
                j += 2;
            } else if b[j..].starts_with(&triple) {
                return j + 3;
            } else {
                j += 1;
            }
        }
        return b.len();
    }
    let mut j = i + 1;
    while j < b.len() {
        match b[j] {
            b'\\' if quote == b'"' => j += 2,
            b'\n' => return j,
            c if c == quote => return j + 1,
            _ => j += 1,
        }
    }
    b.len()
}

/// Read the rubric's shape with serde, reporting every unknown key and every
/// value of the wrong type. serde stops at the first wrong value, so each one
/// is replaced in a copy of the text by a stand-in of the expected type and
/// the copy read again, at most a hundred times; places are mapped back to
/// the original text.
fn shape(text: &str, locator: &TomlLocator, lang: Lang) -> (Option<Rubric>, Vec<Diagnostic>) {
    let mut copy = text.to_string();
    // (offset in the copy where a replacement ended, bytes added there).
    let mut shifts: Vec<(usize, isize)> = Vec::new();
    let back = |shifts: &[(usize, isize)], at: usize| -> usize {
        let delta: isize = shifts.iter().filter(|(end, _)| *end <= at).map(|(_, d)| *d).sum();
        at.saturating_add_signed(-delta)
    };
    let mut unknown: Vec<Vec<Seg>> = Vec::new();
    let mut diags = Vec::new();
    for _ in 0..100 {
        let mut found: Vec<Vec<Seg>> = Vec::new();
        let result: Result<Rubric, toml::de::Error> = match toml::de::Deserializer::parse(&copy) {
            Ok(de) => serde_ignored::deserialize(de, |p| found.push(path_of(&p))),
            Err(e) => Err(e),
        };
        for p in found {
            if !unknown.contains(&p) {
                unknown.push(p);
            }
        }
        let e = match result {
            Ok(r) => {
                let ok = diags.is_empty();
                diags.extend(unknown.iter().map(|p| check::unknown_key(locator, text, p, lang)));
                return (ok.then_some(r), diags);
            }
            Err(e) => e,
        };
        let span = e.span().map(|s| back(&shifts, s.start)..back(&shifts, s.end));
        let stand_in = stand_in(e.message());
        diags.push(check::shape_error_at(e.message(), span, text, lang));
        match (stand_in, e.span()) {
            (Some(value), Some(at)) if !at.is_empty() && copy.get(at.clone()).is_some() => {
                let mut next = copy.clone();
                next.replace_range(at.clone(), value);
                // A stand-in that breaks the syntax (a whole table replaced) ends the search.
                if toml::de::DeTable::parse(&next).is_err() {
                    break;
                }
                copy = next;
                shifts.push((at.start + value.len(), value.len() as isize - at.len() as isize));
            }
            _ => break,
        }
    }
    diags.extend(unknown.iter().map(|p| check::unknown_key(locator, text, p, lang)));
    (None, diags)
}

/// A value of the type a serde message expects, to read on past a wrong one.
fn stand_in(msg: &str) -> Option<&'static str> {
    let expected = msg.trim().rsplit_once(", expected ")?.1;
    Some(match expected {
        "f64" | "f32" | "a float" | "i64" | "u64" | "i32" | "u32" | "usize" | "an integer" => "1",
        "a boolean" => "false",
        "a sequence" => "[]",
        "a map" => "{}",
        e if e.starts_with("struct ") => "{}",
        e if e.starts_with("a string") || e.starts_with("a text") => "\"\"",
        _ => return None,
    })
}

/// A serde message in the words of a file's author: `invalid type: string
/// "2", expected f64` becomes `expected a number, found the string "2"`.
pub(crate) fn serde_message(msg: &str, lang: Lang) -> String {
    let words = i18n::msg(lang);
    let msg = msg.trim();
    if let Some(key) = msg.strip_prefix("missing field `").and_then(|r| r.strip_suffix('`')) {
        return words.rubric_missing_key(key);
    }
    // `order`, `self_rating`: "unknown variant `x`, expected `a` or `b`".
    if let Some((found, expected)) = msg.strip_prefix("unknown variant ").and_then(|r| r.split_once(", expected ")) {
        let allowed: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        if !allowed.is_empty() {
            return words.rubric_unknown_variant(found, &allowed);
        }
    }
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some((found, expected)) = msg.strip_prefix(prefix).and_then(|r| r.rsplit_once(", expected ")) {
            let found = words.rubric_found(found_of(found));
            let expected = words.rubric_expected(expected_of(expected));
            return words.rubric_wrong_type(&expected, &found);
        }
    }
    words.rubric_serde_other(msg)
}

/// What serde says it found: `integer `3``, `string "x"`, `sequence`, ….
fn found_of(found: &str) -> Found<'_> {
    fn quoted(s: &str) -> &str {
        s.split('`').nth(1).unwrap_or(s)
    }
    if found.starts_with("integer `") {
        Found::Integer(quoted(found))
    } else if found.starts_with("floating point `") {
        Found::Float(quoted(found))
    } else if let Some(s) = found.strip_prefix("string ") {
        Found::Str(s)
    } else if found.starts_with("boolean `") {
        Found::Boolean(quoted(found))
    } else {
        match found {
            "sequence" => Found::Array,
            "map" => Found::Table,
            "unit value" => Found::Null,
            _ => Found::Other(found),
        }
    }
}

/// What serde says it expected: `f64`, `a sequence`, `struct Scale`, ….
fn expected_of(expected: &str) -> Expected<'_> {
    match expected {
        "f64" | "f32" | "a float" => Expected::Number,
        "i64" | "u64" | "i32" | "u32" | "usize" | "an integer" => Expected::WholeNumber,
        "a boolean" => Expected::Boolean,
        "a string" => Expected::Str,
        "a sequence" => Expected::Array,
        "a map" => Expected::Table,
        e if e.starts_with("struct ") => Expected::Table,
        e if e.starts_with("a text") => Expected::Text,
        e => Expected::Other(e),
    }
}

fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
}

fn path_of(p: &serde_ignored::Path) -> Vec<Seg> {
    let mut out = Vec::new();
    let mut cur = p;
    loop {
        match cur {
            serde_ignored::Path::Root => break,
            serde_ignored::Path::Seq { parent, index } => {
                out.push(Seg::Index(*index));
                cur = parent;
            }
            serde_ignored::Path::Map { parent, key } => {
                out.push(Seg::Key(key.clone()));
                cur = parent;
            }
            serde_ignored::Path::Some { parent }
            | serde_ignored::Path::NewtypeStruct { parent }
            | serde_ignored::Path::NewtypeVariant { parent } => cur = parent,
        }
    }
    out.reverse();
    out
}

/// The built-in rubric with this id.
pub fn builtin(id: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.id == id)
}

/// The built-in rubric of this id and version: the current one, or an
/// earlier one kept for its results.
pub fn builtin_version(id: &str, version: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().chain(EARLIER).find(|b| b.id == id && b.version == version)
}

/// Load a built-in rubric. They are checked by the test suite, so a failure
/// here is a bug, reported as such.
pub fn load_builtin(b: &Builtin, lang: Lang) -> Result<Loaded, Problems> {
    let mut loaded = parse(b.file, b.source.as_bytes(), lang)?;
    loaded.origin = b.id.to_string();
    Ok(loaded)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
#[cfg(test)]
mod message_tests {
    use super::*;

    #[test]
    fn an_unclosed_inline_table_is_one_error_at_its_brace() {
        let text = "a = 1\nt = { zh = \"x\", en = \"y\"\n[s]\nb = \"}\"\nc = 2\n";
        let diags = syntax_errors(text, Lang::En, "fix");
        assert_eq!(diags.len(), 1, "{diags:#?}");
        assert_eq!(diags[0].span, Some(10..11));
        assert!(diags[0].message.contains("never closed"), "{diags:#?}");
    }

    #[test]
    fn brackets_in_strings_comments_and_headers_are_not_counted() {
        let text = "# [ {\n[a]\nx = \"[\"\ny = '{'\nz = \"\"\"\n[\n\"\"\"\nw = [1, [2]]\n";
        assert_eq!(unclosed_bracket(text), None);
        assert_eq!(unclosed_bracket("v = [1,\n 2\n[b]\n"), Some((4, b'[')));
    }

    /// The TOML parser's words are English: under zh every syntax error
    /// is said in Chinese, only TOML's own signs (in backticks) left.
    #[test]
    fn toml_syntax_errors_are_said_in_chinese() {
        let broken = [
            "version = 1.0.0\n",
            "title = Work\n",
            "a = \"x\" b = 1\n",
            "a = \"open\n",
            "[t\n",
            "[[t]\n",
            "a = [1 2]\n",
            "a = 0x-1\n",
            "a = 01\n",
            "a = 1__0\n",
            "a = tru\n",
            "= 1\n",
            "a = 1\na = 2\n",
            "a.b = 1\na = 2\n",
            "a = 1979-13-27\n",
            "a = '''x\n",
            "a = \"\\q\"\n",
            "a b = 1\n",
            "a = [1,,2]\n",
            "a = {b = 1 c = 2}\n",
            "a = +-1\n",
            "a = 0X1F\n",
            "a\n",
        ];
        for text in broken {
            let diags = syntax_errors(text, Lang::Zh, "改正");
            assert!(!diags.is_empty(), "{text:?}");
            for d in diags {
                assert!(!crate::resultfile::tests::has_english(&d.message), "{text:?}: {}", d.message);
            }
        }
    }

    #[test]
    fn serde_messages_in_plain_words() {
        assert_eq!(
            serde_message("invalid type: string \"2\", expected f64", Lang::En),
            "expected a number, found the string \"2\""
        );
        assert_eq!(serde_message("missing field `scale`", Lang::Zh), "缺少必需的键 `scale`");
        assert_eq!(
            serde_message("invalid type: integer `3`, expected struct Scale", Lang::Zh),
            "类型不对：应为表，实际是整数 3"
        );
        assert_eq!(
            serde_message("unknown variant `mixed`, expected `grouped` or `interleaved`", Lang::En),
            "`mixed` is not allowed here: expected one of \"grouped\", \"interleaved\""
        );
        assert_eq!(
            serde_message("unknown variant `self`, expected `score` or `reflect`", Lang::Zh),
            "取值 `self` 无效：应为 \"score\"、\"reflect\" 之一"
        );
    }
}

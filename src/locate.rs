//! Finding the place of a value in a source file by its path
//! (`sections[1].dimensions[0].items[2].weight`), for TOML and for JSON, so
//! that the checks after parsing can name file:line:column.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

/// One step of a path into a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

impl From<&str> for Seg {
    fn from(k: &str) -> Self {
        Seg::Key(k.to_string())
    }
}

impl From<usize> for Seg {
    fn from(i: usize) -> Self {
        Seg::Index(i)
    }
}

/// Build a path: `path!["sections", 1, "id"]`.
#[macro_export]
macro_rules! path {
    ($($seg:expr),* $(,)?) => { vec![$($crate::locate::Seg::from($seg)),*] };
}

/// Where a path is in a source text.
pub trait Locate {
    /// Span of the value at `path`.
    fn value(&self, path: &[Seg]) -> Option<Range<usize>>;
    /// Span of the key of the value at `path` (its index for an array element).
    fn key(&self, path: &[Seg]) -> Option<Range<usize>>;
    /// The nearest place for `path`: the value, else the closest ancestor.
    fn nearest(&self, path: &[Seg]) -> Option<Range<usize>> {
        (0..=path.len()).rev().find_map(|n| self.value(&path[..n]))
    }
}

/// Locates paths in a TOML document.
pub struct TomlLocator<'i> {
    root: toml::Spanned<DeTable<'i>>,
}

impl<'i> TomlLocator<'i> {
    pub fn new(text: &'i str) -> Self {
        let (root, _) = DeTable::parse_recoverable(text);
        TomlLocator { root }
    }

    fn walk(&self, path: &[Seg]) -> Option<(Option<Range<usize>>, Range<usize>)> {
        let mut key_span = None;
        let mut span = self.root.span();
        let mut table: Option<&DeTable<'i>> = Some(self.root.get_ref());
        let mut array: Option<&[toml::Spanned<DeValue<'i>>]> = None;
        for seg in path {
            let value = match seg {
                Seg::Key(k) => {
                    let (key, value) = table?.get_key_value(k.as_str())?;
                    key_span = Some(key.span());
                    value
                }
                Seg::Index(i) => {
                    let value = array?.get(*i)?;
                    key_span = Some(value.span());
                    value
                }
            };
            span = value.span();
            table = None;
            array = None;
            match value.get_ref() {
                DeValue::Table(t) => table = Some(t),
                DeValue::Array(a) => array = Some(a.as_ref()),
                _ => {}
            }
        }
        Some((key_span, span))
    }
}

impl Locate for TomlLocator<'_> {
    fn value(&self, path: &[Seg]) -> Option<Range<usize>> {
        let (_, span) = self.walk(path)?;
        // A table opened by a header ([scale], [[sections]]) has an empty or
        // whole-document span in some cases; point at its key instead.
        if span.is_empty() { self.key(path) } else { Some(span) }
    }

    fn key(&self, path: &[Seg]) -> Option<Range<usize>> {
        self.walk(path)?.0
    }
}

/// Locates paths in a JSON document by scanning it; tolerant of errors.
pub struct JsonLocator<'a> {
    text: &'a str,
}

impl<'a> JsonLocator<'a> {
    pub fn new(text: &'a str) -> Self {
        JsonLocator { text }
    }

    fn walk(&self, path: &[Seg]) -> Option<(Option<Range<usize>>, Range<usize>)> {
        let b = self.text.as_bytes();
        let mut pos = skip_ws(b, 0);
        let mut key_span = None;
        for seg in path {
            match (seg, b.get(pos)?) {
                (Seg::Key(want), b'{') => {
                    pos = skip_ws(b, pos + 1);
                    loop {
                        if b.get(pos)? != &b'"' {
                            return None;
                        }
                        let kend = skip_string(b, pos)?;
                        let key: String = serde_json::from_str(&self.text[pos..kend]).ok()?;
                        let kspan = pos..kend;
                        pos = skip_ws(b, kend);
                        if b.get(pos)? != &b':' {
                            return None;
                        }
                        pos = skip_ws(b, pos + 1);
                        if &key == want {
                            key_span = Some(kspan);
                            break;
                        }
                        pos = skip_ws(b, skip_value(b, pos)?);
                        match b.get(pos)? {
                            b',' => pos = skip_ws(b, pos + 1),
                            _ => return None,
                        }
                    }
                }
                (Seg::Index(want), b'[') => {
                    pos = skip_ws(b, pos + 1);
                    for _ in 0..*want {
                        pos = skip_ws(b, skip_value(b, pos)?);
                        match b.get(pos)? {
                            b',' => pos = skip_ws(b, pos + 1),
                            _ => return None,
                        }
                    }
                    let end = skip_value(b, pos)?;
                    key_span = Some(pos..end);
                }
                _ => return None,
            }
        }
        let end = skip_value(b, pos)?;
        Some((key_span, pos..end))
    }
}

impl Locate for JsonLocator<'_> {
    fn value(&self, path: &[Seg]) -> Option<Range<usize>> {
        self.walk(path).map(|(_, v)| v)
    }

    fn key(&self, path: &[Seg]) -> Option<Range<usize>> {
        self.walk(path)?.0
    }
}

fn skip_ws(b: &[u8], mut pos: usize) -> usize {
    while pos < b.len() && b[pos].is_ascii_whitespace() {
        pos += 1;
    }
    pos
}

/// End (exclusive) of the string starting at `pos`.
fn skip_string(b: &[u8], mut pos: usize) -> Option<usize> {
    pos += 1;
    while pos < b.len() {
        match b[pos] {
            b'\\' => pos += 2,
            b'"' => return Some(pos + 1),
            _ => pos += 1,
        }
    }
    None
}

/// End (exclusive) of the value starting at `pos`.
fn skip_value(b: &[u8], pos: usize) -> Option<usize> {
    match b.get(pos)? {
        b'"' => skip_string(b, pos),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut p = pos;
            while p < b.len() {
                match b[p] {
                    b'"' => {
                        p = skip_string(b, p)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(p + 1);
                        }
                    }
                    _ => {}
                }
                p += 1;
            }
            None
        }
        _ => {
            let mut p = pos;
            while p < b.len() && !matches!(b[p], b',' | b'}' | b']') && !b[p].is_ascii_whitespace() {
                p += 1;
            }
            (p > pos).then_some(p)
        }
    }
}

#[cfg(test)]
#[allow(clippy::useless_vec)] // path! builds the Vec the checks extend
mod tests {
    use super::*;

    #[test]
    fn toml_paths() {
        let text = "a = 1\n[[s]]\nid = \"x\"\n[[s]]\nid = \"y\"\nw = { z = 2 }\n";
        let loc = TomlLocator::new(text);
        let v = loc.value(&path!["s", 1, "id"]).unwrap();
        assert_eq!(&text[v], "\"y\"");
        let k = loc.key(&path!["s", 1, "w", "z"]).unwrap();
        assert_eq!(&text[k], "z");
        assert_eq!(loc.value(&path!["s", 5]), None);
        assert!(loc.nearest(&path!["s", 0, "nope"]).is_some());
    }

    #[test]
    fn json_paths() {
        let text = r#"{"subject": {"name": "张三"}, "answers": {"a.b": 4, "c.d" : [1, "x"]}}"#;
        let loc = JsonLocator::new(text);
        assert_eq!(&text[loc.value(&path!["answers", "a.b"]).unwrap()], "4");
        assert_eq!(&text[loc.key(&path!["answers", "c.d"]).unwrap()], "\"c.d\"");
        assert_eq!(&text[loc.value(&path!["answers", "c.d", 1]).unwrap()], "\"x\"");
        assert_eq!(&text[loc.value(&path!["subject", "name"]).unwrap()], "\"张三\"");
        assert_eq!(loc.value(&path!["answers", "zz"]), None);
    }
}

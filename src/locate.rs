//! Finding the place of a value in a source file by its path
//! (`sections[1].dimensions[0].items[2].weight`), for TOML and for JSON, so
//! that the checks after parsing can name file:line:column.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::rc::Rc;

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
    /// Keys of the table at `path` given more than once: each key, where
    /// it is given again and where it was first given. (A TOML parser
    /// refuses them itself.)
    fn repeated_keys(&self, _path: &[Seg]) -> Vec<(String, Range<usize>, Range<usize>)> {
        Vec::new()
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
///
/// The keys of an object are indexed the first time a path goes through
/// it, so that finding many keys of one object (every answer of a file)
/// takes time in proportion to the document, not to its square.
pub struct JsonLocator<'a> {
    text: &'a str,
    /// The objects indexed so far, by the offset of their `{`.
    objects: RefCell<HashMap<usize, Rc<Keys>>>,
}

/// The keys of one JSON object as far as it reads: each key's hash and
/// place and where its value starts, by hash then place.
struct Keys {
    entries: Vec<KeyAt>,
}

#[derive(Clone, Copy)]
struct KeyAt {
    hash: u64,
    key: (usize, usize),
    value: usize,
}

fn key_hash(key: &str) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    key.hash(&mut h);
    h.finish()
}

impl Keys {
    /// Every key of the object whose `{` is at `open`, up to the first
    /// place where it does not read on.
    fn new(text: &str, open: usize) -> Keys {
        let b = text.as_bytes();
        let mut entries = Vec::new();
        let mut pos = skip_ws(b, open + 1);
        loop {
            if b.get(pos) != Some(&b'"') {
                break;
            }
            let Some(kend) = skip_string(b, pos) else { break };
            let Ok(key) = serde_json::from_str::<String>(&text[pos..kend]) else { break };
            let colon = skip_ws(b, kend);
            if b.get(colon) != Some(&b':') {
                break;
            }
            let value = skip_ws(b, colon + 1);
            entries.push(KeyAt { hash: key_hash(&key), key: (pos, kend), value });
            let Some(vend) = skip_value(b, value) else { break };
            let after = skip_ws(b, vend);
            if b.get(after) != Some(&b',') {
                break;
            }
            pos = skip_ws(b, after + 1);
        }
        entries.sort_by_key(|e| (e.hash, e.key.0));
        Keys { entries }
    }

    /// The entries whose key is `want`, first one first.
    fn find<'k>(&'k self, text: &'k str, want: &'k str) -> impl Iterator<Item = &'k KeyAt> + 'k {
        let hash = key_hash(want);
        let from = self.entries.partition_point(|e| e.hash < hash);
        self.entries[from..]
            .iter()
            .take_while(move |e| e.hash == hash)
            .filter(move |e| serde_json::from_str::<String>(&text[e.key.0..e.key.1]).is_ok_and(|k| k == want))
    }
}

impl<'a> JsonLocator<'a> {
    pub fn new(text: &'a str) -> Self {
        JsonLocator { text, objects: RefCell::new(HashMap::new()) }
    }

    fn keys(&self, open: usize) -> Rc<Keys> {
        let mut objects = self.objects.borrow_mut();
        Rc::clone(objects.entry(open).or_insert_with(|| Rc::new(Keys::new(self.text, open))))
    }

    /// Where the value at `path` starts, and the span of its key.
    fn start(&self, path: &[Seg]) -> Option<(Option<Range<usize>>, usize)> {
        let b = self.text.as_bytes();
        let mut pos = skip_ws(b, 0);
        let mut key_span = None;
        for seg in path {
            match (seg, b.get(pos)?) {
                (Seg::Key(want), b'{') => {
                    let keys = self.keys(pos);
                    let e = keys.find(self.text, want).next()?;
                    key_span = Some(e.key.0..e.key.1);
                    pos = e.value;
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
        Some((key_span, pos))
    }

    fn walk(&self, path: &[Seg]) -> Option<(Option<Range<usize>>, Range<usize>)> {
        let (key_span, pos) = self.start(path)?;
        let end = skip_value(self.text.as_bytes(), pos)?;
        Some((key_span, pos..end))
    }

    /// The keys of the object at `path` given more than once: each key,
    /// the span where it is given again and that of its first time, in order.
    pub fn repeated_keys(&self, path: &[Seg]) -> Vec<(String, Range<usize>, Range<usize>)> {
        let Some((_, pos)) = self.start(path) else { return Vec::new() };
        if self.text.as_bytes().get(pos) != Some(&b'{') {
            return Vec::new();
        }
        let keys = self.keys(pos);
        let mut out = Vec::new();
        let mut i = 0;
        while i < keys.entries.len() {
            let hash = keys.entries[i].hash;
            let run = keys.entries[i..].iter().take_while(|e| e.hash == hash).count();
            let group = &keys.entries[i..i + run];
            if run > 1 {
                let key_of = |e: &KeyAt| serde_json::from_str::<String>(&self.text[e.key.0..e.key.1]).ok();
                let texts: Vec<Option<String>> = group.iter().map(key_of).collect();
                for (k, e) in group.iter().enumerate() {
                    if let Some(first) = (0..k).find(|&j| texts[j].is_some() && texts[j] == texts[k]) {
                        let key = texts[k].clone().unwrap_or_default();
                        out.push((key, e.key.0..e.key.1, group[first].key.0..group[first].key.1));
                    }
                }
            }
            i += run;
        }
        out.sort_by_key(|(_, again, _)| again.start);
        out
    }
}

impl Locate for JsonLocator<'_> {
    fn value(&self, path: &[Seg]) -> Option<Range<usize>> {
        self.walk(path).map(|(_, v)| v)
    }

    fn key(&self, path: &[Seg]) -> Option<Range<usize>> {
        self.walk(path)?.0
    }

    fn repeated_keys(&self, path: &[Seg]) -> Vec<(String, Range<usize>, Range<usize>)> {
        JsonLocator::repeated_keys(self, path)
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

    #[test]
    fn json_keys_first_given_repeated_and_broken() {
        let text = r#"{"a": {"x": 1, "y": 2, "x": 3, "\u0078": 4}, "b": [1, {"c": 5}], "d": {"e" 1}, "f": 6}"#;
        let loc = JsonLocator::new(text);
        assert_eq!(&text[loc.value(&path!["a", "x"]).unwrap()], "1");
        assert_eq!(&text[loc.value(&path!["b", 1, "c"]).unwrap()], "5");
        assert_eq!(&text[loc.value(&path!["f"]).unwrap()], "6");
        assert_eq!(loc.value(&path!["d", "e"]), None);
        let again: Vec<(String, &str, &str)> =
            loc.repeated_keys(&path!["a"]).into_iter().map(|(k, a, f)| (k, &text[a], &text[f])).collect();
        assert_eq!(again, [("x".into(), "\"x\"", "\"x\""), ("x".into(), "\"\\u0078\"", "\"x\"")]);
        assert_eq!(loc.repeated_keys(&path!["a"])[0].2.start, 7);
        assert!(loc.repeated_keys(&path![]).is_empty());
        // Keys after a place that does not read are not found.
        let broken = r#"{"a": 1 "b": 2}"#;
        assert_eq!(JsonLocator::new(broken).value(&path!["b"]), None);
        assert_eq!(&broken[JsonLocator::new(broken).value(&path!["a"]).unwrap()], "1");
    }
}

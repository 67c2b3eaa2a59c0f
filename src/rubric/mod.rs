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
use crate::lang::Lang;
use crate::locate::{Seg, TomlLocator};

/// Largest rubric file read, in bytes.
pub const MAX_BYTES: usize = 1024 * 1024;
/// Most items a rubric may have.
pub const MAX_ITEMS: usize = 1000;

/// A built-in rubric: its id and its file, compiled into the binary.
pub struct Builtin {
    pub id: &'static str,
    pub file: &'static str,
    pub source: &'static str,
}

pub const BUILTINS: &[Builtin] = &[
    Builtin { id: "core", file: "rubrics/core.toml", source: include_str!("../../rubrics/core.toml") },
    Builtin { id: "office", file: "rubrics/office.toml", source: include_str!("../../rubrics/office.toml") },
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
    pub fn render(&self, lang: Lang) -> String {
        crate::diag::render(&self.path, &self.text, &self.diagnostics, lang)
    }

    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Read and check a rubric from its bytes. `path` is how the file is named
/// in messages.
pub fn parse(path: &str, bytes: &[u8], lang: Lang) -> Result<Loaded, Problems> {
    let fail = |text: String, diagnostics: Vec<Diagnostic>| Problems { path: path.to_string(), text, diagnostics };
    if bytes.len() > MAX_BYTES {
        let d = Diagnostic::error(match lang {
            Lang::Zh => format!("文件有 {} 字节，超过评估量表文件的上限 1 MiB", bytes.len()),
            Lang::En => format!("the file is {} bytes, over the 1 MiB limit for a rubric", bytes.len()),
        })
        .help(lang.pick("拆分量表，或删去不用的条目", "split the rubric, or remove items it does not need"));
        return Err(fail(String::new(), vec![d]));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let lossy = String::from_utf8_lossy(bytes).into_owned();
            let at = e.valid_up_to();
            let d = Diagnostic::error(lang.pick("文件不是 UTF-8 编码", "the file is not UTF-8"))
                .at(Some(at..at + 1))
                .label(lang.pick("此处字节无效", "invalid byte here"))
                .help(lang.pick("请以 UTF-8 编码保存量表文件", "save the rubric file as UTF-8"));
            return Err(fail(lossy, vec![d]));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);

    // 1. Syntax: every error the parser can recover from.
    let (_, syntax) = toml::de::DeTable::parse_recoverable(text);
    if !syntax.is_empty() {
        let diags = syntax
            .iter()
            .map(|e| {
                Diagnostic::error(format!(
                    "{}{}",
                    lang.pick("TOML 语法错误：", "TOML syntax error: "),
                    e.message().trim()
                ))
                .at(e.span())
                .help(lang.pick(
                    "按 TOML 语法改正此处（字符串加双引号，每个键一行）",
                    "correct the TOML syntax here (strings in double quotes, one key per line)",
                ))
            })
            .collect();
        return Err(fail(text.to_string(), diags));
    }
    let locator = TomlLocator::new(text);

    // 2. Shape: unknown keys (all), wrong types and missing keys (the first).
    let mut unknown: Vec<Vec<Seg>> = Vec::new();
    let shaped: Result<Rubric, toml::de::Error> = match toml::de::Deserializer::parse(text) {
        Ok(de) => serde_ignored::deserialize(de, |p| unknown.push(path_of(&p))),
        Err(e) => Err(e),
    };
    let mut diags: Vec<Diagnostic> = unknown.iter().map(|p| check::unknown_key(&locator, p, lang)).collect();
    let rubric = match shaped {
        Ok(r) => r,
        Err(e) => {
            diags.push(check::shape_error(&e, lang));
            sort(&mut diags);
            return Err(fail(text.to_string(), diags));
        }
    };

    // 3. Meaning.
    diags.extend(check::check(&rubric, &locator, lang));
    sort(&mut diags);
    if diags.iter().any(Diagnostic::is_error) {
        return Err(fail(text.to_string(), diags));
    }
    Ok(Loaded { rubric, sha256: sha256_hex(bytes), origin: path.to_string(), warnings: diags })
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

/// Load a built-in rubric. They are checked by the test suite, so a failure
/// here is a bug, reported as such.
pub fn load_builtin(b: &Builtin, lang: Lang) -> Result<Loaded, Problems> {
    let mut loaded = parse(b.file, b.source.as_bytes(), lang)?;
    loaded.origin = b.id.to_string();
    Ok(loaded)
}

#[cfg(test)]
mod tests;

//! The shape of the crate, kept by a test: every module imports only
//! modules of lower layers (see ARCHITECTURE.md), and the files inside a
//! module folder import each other one way. The test reads the source
//! files themselves, `use crate::…` lines and `crate::…` paths alike.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, lowest first: a module may use only modules before it.
const LAYERS: &[&str] = &[
    // Foundations: no knowledge of the model.
    "lang",
    "textsafe",
    "visible",
    "width",
    "locate",
    "pipeline",
    "cowstr",
    // The result document, the errors, the message catalogue.
    "result",
    "error",
    "i18n",
    "diag",
    // The rubric, and the readers of what is scored.
    "rubric",
    "response",
    "resultfile",
    "answers",
    "tabular",
    "input",
    "batch",
    // Pure calculation.
    "score",
    "group",
    "norms",
    "compare",
    // Rendering.
    "report",
    "rubric_view",
    // The edges: the store, writing output.
    "store",
    "output",
    // Commands.
    "settings",
    "assess",
    "serve",
    "cmd",
    "cli",
    "app",
];

/// Exported macros, at the crate root, and the module that defines each.
const MACROS: &[(&str, &str)] = &[("path", "locate")];

/// Modules that are not layers: the crate root, the binary, this test, the
/// tests' shared fixtures.
const OUTSIDE: &[&str] = &["lib", "main", "architecture", "testing"];

fn source_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            source_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without its tests (a `tests.rs` or a file in a
/// `tests/` folder, a `#[cfg(test)]`
/// item of one line, or an inline test module and what follows it) and
/// without comments.
fn code(path: &Path) -> String {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let inside = path.strip_prefix(&src).unwrap_or(path);
    if inside.file_name().is_some_and(|n| n == "tests.rs") || inside.iter().any(|part| part == "tests") {
        return String::new();
    }
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = String::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.starts_with("#[cfg(test)]") {
            // `mod tests;` is one line; an inline test module runs to the end.
            match lines.next() {
                Some(next) if next.trim_end().ends_with(';') => continue,
                _ => break,
            }
        }
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Every `crate::a::b` path of some code, `use crate::{a, b::c}` groups
/// spelled out, as lists of segments.
fn crate_paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let mut at = 0;
    while let Some(found) = code[at..].find("crate::") {
        let start = at + found;
        at = start + "crate::".len();
        if start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_') {
            continue; // e.g. `$crate::`
        }
        if code[at..].starts_with('{') {
            // A group: take the names right inside it, and one level of `a::{…}`.
            let mut depth = 0;
            let mut end = at;
            for (k, c) in code[at..].char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = at + k;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let inner = &code[at + 1..end];
            let mut depth = 0;
            let mut item = String::new();
            for c in inner.chars().chain(std::iter::once(',')) {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        let head: Vec<String> = item
                            .split("::")
                            .map(|s| s.trim().to_string())
                            .take_while(|s| !s.starts_with('{') && !s.is_empty())
                            .collect();
                        if !head.is_empty() {
                            out.push(head);
                        }
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                if depth == 0 || c != '{' {
                    item.push(c);
                }
            }
            continue;
        }
        let rest: String = code[at..].chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
        let path: Vec<String> = rest.split("::").filter(|s| !s.is_empty()).map(str::to_string).collect();
        if !path.is_empty() {
            out.push(path);
        }
    }
    out
}

/// `super::x` paths of some code: the sibling files a file uses.
fn super_paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(found) = code[at..].find("super::") {
        at += found + "super::".len();
        if code[at..].starts_with('{') {
            let end = code[at..].find('}').map_or(code.len(), |e| at + e);
            for name in code[at + 1..end].split(',') {
                let name = name.split("::").next().unwrap_or("").trim();
                if !name.is_empty() {
                    out.push(name.to_string());
                }
            }
        } else {
            let name: String = code[at..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            out.push(name);
        }
    }
    out
}

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| *l == module)
}

/// (module, file inside its folder or "" for the module's own file).
fn place(src: &Path, path: &Path) -> (String, String) {
    let rel = path.strip_prefix(src).unwrap();
    let parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string()).collect();
    match parts.as_slice() {
        [file] => (file.clone(), String::new()),
        [dir, file, ..] if file == "mod" => (dir.clone(), String::new()),
        [dir, file, ..] => (dir.clone(), file.clone()),
        [] => unreachable!(),
    }
}

#[test]
fn imports_go_down_the_layers_only() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    source_files(&src, &mut files);
    files.sort();
    let mut wrong = Vec::new();
    // Inside a module folder: file → the sibling files it uses.
    let mut inner: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for path in &files {
        let (module, file) = place(&src, path);
        if OUTSIDE.contains(&module.as_str()) {
            continue;
        }
        let Some(me) = layer(&module) else {
            wrong.push(format!("{}: module `{module}` is in no layer of LAYERS", path.display()));
            continue;
        };
        let code = code(path);
        for p in crate_paths(&code) {
            let target = MACROS.iter().find(|(m, _)| *m == p[0]).map_or(p[0].clone(), |(_, at)| at.to_string());
            let target = &target;
            if *target == module {
                if let (false, Some(sib)) = (file.is_empty(), p.get(1))
                    && *sib != file
                {
                    inner.entry(module.clone()).or_default().entry(file.clone()).or_default().insert(sib.clone());
                }
                continue;
            }
            match layer(target) {
                Some(t) if t < me => {}
                Some(_) => wrong.push(format!("{}: `{module}` uses `{target}`, a layer above it", path.display())),
                None => wrong.push(format!("{}: `{module}` uses `{target}`, which is in no layer", path.display())),
            }
        }
        if !file.is_empty() {
            for sib in super_paths(&code) {
                if sib != file {
                    inner.entry(module.clone()).or_default().entry(file.clone()).or_default().insert(sib);
                }
            }
        }
    }
    // No cycle among the files of one folder.
    for (module, edges) in &inner {
        for (a, uses) in edges {
            for b in uses {
                if edges.get(b).is_some_and(|back| reaches(edges, b, a, back)) {
                    wrong.push(format!("src/{module}/: `{a}` and `{b}` use each other"));
                }
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(wrong.is_empty(), "imports against the layers:\n{}", wrong.join("\n"));
}

/// The scrutinees of the `match`es over a format (`match format`, `match
/// out.format`, …) in some code that have a `_ =>` arm.
fn fall_throughs(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(found) = code[at..].find("match ") {
        at += found + "match ".len();
        let Some(open) = code[at..].find('{').map(|k| at + k) else { break };
        let scrutinee = code[at..open].trim();
        if !scrutinee.ends_with("format") || scrutinee.contains('\n') {
            continue;
        }
        // The arms at depth one of this match.
        let mut depth = 0;
        for line in code[open..].lines() {
            if depth == 1 && line.trim_start().starts_with("_ =>") {
                out.push(scrutinee.to_string());
            }
            depth += line.matches('{').count() as i64 - line.matches('}').count() as i64;
            if depth <= 0 {
                break;
            }
        }
    }
    out
}

/// No `match` over a format falls through with `_ =>`: a new format must be
/// placed in every match, or the crate does not compile.
#[test]
fn every_match_over_a_format_names_every_format() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    source_files(&src, &mut files);
    let wrong: Vec<String> = files
        .iter()
        .flat_map(|p| {
            fall_throughs(&code(p)).into_iter().map(move |m| format!("{}: `match {m}` has `_ =>`", p.display()))
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_fall_through_over_a_format_is_seen() {
    let code = "let t = match out.format {\n    Format::Json => { 1 }\n    _ => 2,\n};\nmatch x {\n    _ => 3,\n}\n";
    assert_eq!(fall_throughs(code), ["out.format"]);
    assert!(fall_throughs("match format {\n    Format::Json => match y {\n        _ => 1,\n    },\n}\n").is_empty());
}

/// Whether `from` reaches `to` in the graph of one folder.
fn reaches(edges: &BTreeMap<String, BTreeSet<String>>, from: &str, to: &str, first: &BTreeSet<String>) -> bool {
    let mut seen = BTreeSet::from([from.to_string()]);
    let mut todo: Vec<&String> = first.iter().collect();
    while let Some(n) = todo.pop() {
        if n == to {
            return true;
        }
        if seen.insert(n.clone())
            && let Some(next) = edges.get(n)
        {
            todo.extend(next.iter());
        }
    }
    false
}

#[test]
fn the_reader_sees_grouped_and_plain_paths() {
    let code = "use crate::{answers::{self, Kind}, diag, error::Error};\nlet x = crate::score::Scorer::new();\n";
    let heads: Vec<String> = crate_paths(code).into_iter().map(|p| p[0].clone()).collect();
    assert_eq!(heads, ["answers", "diag", "error", "score"]);
    assert_eq!(super_paths("use super::{csv, Entry};\nsuper::html::document()"), ["csv", "Entry", "html"]);
}

/// No upward import is allowed through: a test that fails on one.
#[test]
fn an_upward_import_is_seen() {
    let paths = crate_paths("use crate::app::main_with_args;");
    assert_eq!(paths[0][0], "app");
    assert!(layer("app") > layer("score"));
}

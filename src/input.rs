//! Reading what a command is given: a file or standard input, and the
//! rubric named by `--rubric` (a built-in id or a file), with its problems
//! and warnings printed to stderr.

use std::path::Path;

use crate::diag;
use crate::error::{Error, IoAction, Limit, OverLimit, Problem, Result, STDIN};
use crate::i18n::readers::AnswersFile;
use crate::lang::Lang;
use crate::rubric::{self, Loaded};

/// Read a file, or stdin for `-`, whole: at most [`Limit::Document`].
pub fn read_input(path: &str) -> Result<Vec<u8>> {
    read_limited(path, Limit::Document, IoAction::Read)
}

/// Read a file, or stdin for `-`, whole, up to `limit`: reading stops
/// there, and more is [`Problem::TooLarge`].
pub fn read_limited(path: &str, limit: Limit, action: IoAction) -> Result<Vec<u8>> {
    let name = if path == "-" { STDIN } else { path };
    let err = |e| Error::io(name, action, e);
    let mut buf = Vec::new();
    if path == "-" {
        read_at_most(std::io::stdin().lock(), limit, &mut buf).map_err(err)?;
    } else {
        let f = std::fs::File::open(path).map_err(err)?;
        // A regular file over the limit is refused before reading it.
        if f.metadata().is_ok_and(|m| m.is_file() && m.len() > limit.bytes()) {
            return Err(err(OverLimit { limit, line: None }.into_io()));
        }
        read_at_most(f, limit, &mut buf).map_err(err)?;
    }
    Ok(buf)
}

/// Read `r` to its end into `buf`, or fail at `limit`.
pub fn read_at_most(r: impl std::io::Read, limit: Limit, buf: &mut Vec<u8>) -> std::io::Result<()> {
    limit.read_to_end(r, buf)
}

/// Load the rubric named by `--rubric` (a built-in id or a file), printing
/// its problems and warnings to stderr.
pub fn load_rubric(lang: Lang, choice: Option<&str>) -> Result<Loaded> {
    let choice = choice.unwrap_or(rubric::DEFAULT_ID);
    let looks_like_file = choice.contains(['/', '\\']) || choice.ends_with(".toml") || Path::new(choice).is_file();
    let loaded = match rubric::builtin(choice) {
        Some(b) if !looks_like_file || !Path::new(choice).exists() => rubric::load_builtin(b, lang),
        _ => {
            if !looks_like_file {
                return Err(Error::BadInput(Problem::NoSuchRubric {
                    choice: choice.to_string(),
                    builtins: rubric::BUILTINS.iter().map(|b| b.id.to_string()).collect(),
                }));
            }
            let bytes = read_limited(choice, Limit::Rubric, IoAction::ReadRubric)?;
            rubric::parse(choice, &bytes, lang)
        }
    };
    match loaded {
        Ok(l) => {
            if !l.warnings.is_empty() {
                let text = source_text(&l.origin);
                eprint!("{}", diag::render_capped(&l.origin, &text, &l.warnings, lang));
            }
            Ok(l)
        }
        Err(p) => {
            eprint!("{}", p.render(lang));
            Err(Error::BadInput(Problem::RubricErrors { path: p.path.clone(), errors: p.error_count() }))
        }
    }
}

/// The text of a rubric, built-in or a file, for showing its problems.
pub fn source_text(origin: &str) -> String {
    match rubric::builtin(origin) {
        Some(b) => b.source.to_string(),
        None => {
            let mut bytes = Vec::new();
            let read = std::fs::File::open(origin).and_then(|f| read_at_most(f, Limit::Rubric, &mut bytes));
            if read.is_err() { String::new() } else { String::from_utf8_lossy(&bytes).into_owned() }
        }
    }
}

/// Answers where results belong, by the file's name: a spreadsheet or a
/// TOML answers file (results are JSON).
pub fn answers_by_name(file: &str) -> Option<AnswersFile> {
    if file == "-" {
        return None;
    }
    match crate::tabular::Source::detect(file, &[]) {
        Some(crate::tabular::Source::Workbook) => Some(AnswersFile::Workbook),
        Some(crate::tabular::Source::Csv | crate::tabular::Source::Tsv) => Some(AnswersFile::Table),
        None => file.to_ascii_lowercase().ends_with(".toml").then_some(AnswersFile::Toml),
    }
}

/// Answers where results belong, by what the file holds: a workbook (a zip
/// or an old Excel file), a table whose first line is a header, or TOML
/// (a result is a JSON object or an array of them).
pub fn answers_by_content(bytes: &[u8]) -> Option<AnswersFile> {
    match crate::tabular::Source::detect("-", bytes) {
        Some(crate::tabular::Source::Workbook) => return Some(AnswersFile::Workbook),
        Some(crate::tabular::Source::Csv | crate::tabular::Source::Tsv) => return Some(AnswersFile::Table),
        None => {}
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(64 << 10)]);
    let toml = head.trim_start_matches('\u{feff}').lines().map(str::trim).any(|l| {
        matches!(l, "[subject]" | "[answers]" | "[rater]" | "[subject.attributes]")
            || l.starts_with("rubric =")
            || l.starts_with("taken_at =")
    });
    toml.then_some(AnswersFile::Toml)
}

//! Reading what a command is given: a file or standard input, and the
//! rubric named by `--rubric` (a built-in id or a file), with its problems
//! and warnings printed to stderr.

use std::io::Read;
use std::path::Path;

use crate::diag;
use crate::error::{Error, IoAction, Problem, Result, STDIN};
use crate::lang::Lang;
use crate::rubric::{self, Loaded};

/// Read a file, or stdin for `-`.
pub fn read_input(path: &str) -> Result<Vec<u8>> {
    if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map_err(|e| Error::io(STDIN, IoAction::Read, e))?;
        Ok(buf)
    } else {
        std::fs::read(path).map_err(|e| Error::io(path, IoAction::Read, e))
    }
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
            let bytes = std::fs::read(choice).map_err(|e| Error::io(choice, IoAction::ReadRubric, e))?;
            rubric::parse(choice, &bytes, lang)
        }
    };
    match loaded {
        Ok(l) => {
            if !l.warnings.is_empty() {
                let text = source_text(&l.origin);
                eprint!("{}", diag::render(&l.origin, &text, &l.warnings, lang));
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
        None => std::fs::read_to_string(origin).unwrap_or_default(),
    }
}

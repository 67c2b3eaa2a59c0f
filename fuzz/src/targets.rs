//! The fuzz targets: zhixing's readers run in process on one input, and
//! what each must keep whatever the input (SPEC §12): no panic, and every
//! problem a clean message — some text, and no control or bidi character
//! in what is printed. Shared by the fuzzer (`fuzz/src/main.rs`) and the
//! test that replays every input it found (`tests/integration/batches.rs`).

use std::sync::OnceLock;

use zhixing::answers::{self, Kind};
use zhixing::lang::Lang;
use zhixing::rubric::{self, Loaded};
use zhixing::tabular::{self, Source};

/// Every target, by name.
pub const TARGETS: &[&str] = &["rubric", "answers-toml", "answers-json", "answers-jsonl", "csv", "workbook"];

fn core() -> &'static Loaded {
    static CORE: OnceLock<Loaded> = OnceLock::new();
    CORE.get_or_init(|| {
        let b = rubric::builtin("core").expect("core is built in");
        rubric::load_builtin(b, Lang::En).expect("core loads")
    })
}

/// What a run of a target found: a word for each problem (for the fuzzer to
/// tell inputs apart), or what broke.
pub type Outcome = Result<Vec<String>, String>;

/// Printed text must show no control or bidi character as it is.
fn clean(printed: &str, problems: usize) -> Result<(), String> {
    if let Some(c) = printed.chars().find(|c| *c != '\n' && zhixing::textsafe::unsafe_char(*c)) {
        return Err(format!("U+{:04X} printed as it is", c as u32));
    }
    if problems > 0 && printed.trim().is_empty() {
        return Err("problems without a message".to_string());
    }
    Ok(())
}

/// The start of a message, its numbers and quotes left out: what kind of
/// problem it is.
fn kind_of(message: &str) -> String {
    message.chars().take_while(|c| !c.is_ascii_digit() && *c != '"' && *c != '`').take(24).collect()
}

/// Run `target` on `input`.
pub fn run(target: &str, input: &[u8]) -> Outcome {
    let lang = if input.len().is_multiple_of(2) { Lang::En } else { Lang::Zh };
    match target {
        "rubric" => match rubric::parse("fuzz.toml", input, lang) {
            Ok(l) => {
                let text = String::from_utf8_lossy(input);
                clean(&zhixing::diag::render("fuzz.toml", &text, &l.warnings, lang), 0)?;
                Ok(vec!["ok".to_string()])
            }
            Err(p) => {
                clean(&p.render(lang), p.diagnostics.len())?;
                Ok(p.diagnostics.iter().map(|d| kind_of(&d.message)).collect())
            }
        },
        "answers-toml" | "answers-json" | "answers-jsonl" => {
            let kind = match target {
                "answers-toml" => Kind::Toml,
                "answers-json" => Kind::Json,
                _ => Kind::JsonLines,
            };
            let text = String::from_utf8_lossy(input);
            let mut kinds = Vec::new();
            for rec in answers::parse(&text, kind, &core().rubric, lang) {
                match rec.outcome {
                    Ok(_) => kinds.push("ok".to_string()),
                    Err(diags) => {
                        clean(&zhixing::diag::render_capped("fuzz", &text, &diags, lang), diags.len())?;
                        kinds.extend(diags.iter().map(|d| kind_of(&d.message)));
                    }
                }
            }
            Ok(kinds)
        }
        "csv" | "workbook" => {
            let source = match target {
                "csv" if input.first() == Some(&b'\t') => Source::Tsv,
                "csv" => Source::Csv,
                _ => Source::Workbook,
            };
            let sheet = tabular::read(input, source, &core().rubric, &tabular::Options::default(), lang);
            let (_, errors) = sheet.counts();
            clean(&sheet.render("fuzz", lang), errors)?;
            let problems =
                sheet.problems.iter().chain(sheet.rows.iter().filter_map(|r| r.outcome.as_ref().err()).flatten());
            let mut kinds: Vec<String> = problems.map(|p| kind_of(&p.diag.message)).collect();
            kinds.push(format!("rows {}", sheet.rows.len().min(3)));
            Ok(kinds)
        }
        other => Err(format!("no target {other}")),
    }
}

//! `zhixing rubric list|show|check|template|schema`.

use crate::cmd::{Ctx, print_text, schema};
use crate::diag;
use crate::error::{Error, Internal, IoAction, Limit, Problem, Result};
use crate::i18n;
use crate::input::{load_rubric, read_limited};
use crate::output;
use crate::report::Format;
use crate::rubric;
use crate::settings::{Rubric as RubricCommand, SchemaKind};

pub fn run(ctx: &Ctx, cmd: RubricCommand) -> Result<()> {
    match cmd {
        RubricCommand::List { format } => {
            let mut rows = Vec::new();
            for b in rubric::BUILTINS {
                let l = rubric::load_builtin(b, ctx.lang)
                    .map_err(|p| Error::Internal(Internal::BuiltinRubric(p.render(ctx.lang))))?;
                rows.push(l);
            }
            let text = match format {
                Format::Json | Format::Jsonl => {
                    let list: Vec<serde_json::Value> = rows
                        .iter()
                        .map(|l| {
                            let r = &l.rubric;
                            serde_json::json!({
                                "id": r.id, "version": r.version, "title": r.text(&r.title, ctx.lang.code()),
                                "sections": r.sections.len(), "dimensions": r.dimensions().count(),
                                "items": r.item_count(), "profiles": r.profiles.keys().collect::<Vec<_>>(),
                                "sha256": l.sha256,
                            })
                        })
                        .collect();
                    let mut t = serde_json::to_string_pretty(&list).unwrap_or_default();
                    t.push('\n');
                    t
                }
                // The list has no page of its own in the other formats: it is the table.
                Format::Table | Format::Markdown | Format::Csv | Format::Html => {
                    crate::rubric_view::list_table(&rows, ctx.lang, ctx.ascii)
                }
            };
            print_text(&text, format)
        }
        RubricCommand::Show { rubric, format } => {
            let loaded = load_rubric(ctx.lang, rubric.as_deref())?;
            let text = match format {
                Format::Json | Format::Jsonl => {
                    let mut t = serde_json::to_string_pretty(&loaded.rubric).unwrap_or_default();
                    t.push('\n');
                    t
                }
                Format::Markdown => crate::rubric_view::show_markdown(&loaded.rubric, ctx.lang),
                Format::Table | Format::Csv | Format::Html => {
                    crate::rubric_view::show_text(&loaded.rubric, ctx.lang, output::terminal_width())
                }
            };
            print_text(&text, format)
        }
        RubricCommand::Check { files } => {
            let mut bad = 0;
            for file in &files {
                let bytes = match read_limited(file, Limit::Rubric, IoAction::ReadRubric) {
                    Ok(b) => b,
                    Err(e) => {
                        output::note(&i18n::msg(ctx.lang).error(&e));
                        bad += 1;
                        continue;
                    }
                };
                match rubric::parse(file, &bytes, ctx.lang) {
                    Ok(l) => {
                        let text = String::from_utf8_lossy(&bytes);
                        eprint!("{}", diag::render(file, &text, &l.warnings, ctx.lang));
                        let r = &l.rubric;
                        let ok = i18n::msg(ctx.lang).rubric_ok(
                            file,
                            r.sections.len(),
                            r.dimensions().count(),
                            r.item_count(),
                        );
                        print_text(&format!("{ok}\n"), Format::Table)?;
                    }
                    Err(p) => {
                        eprint!("{}", p.render(ctx.lang));
                        bad += 1;
                    }
                }
            }
            if bad > 0 {
                return Err(Error::BadInput(Problem::RubricsFailed(bad)));
            }
            Ok(())
        }
        RubricCommand::Template { rubric, role } => {
            let loaded = load_rubric(ctx.lang, rubric.as_deref())?;
            print_text(&crate::rubric_view::template(&loaded.rubric, ctx.lang, role), Format::Table)
        }
        RubricCommand::Schema => print_text(&schema(SchemaKind::Rubric), Format::Json),
    }
}

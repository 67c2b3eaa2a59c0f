//! `zhixing norms build` and `norms show` (SPEC §13), and the norms given
//! to `score`, `report`, `assess` and `group` (`--norms`, `ZHIXING_NORMS`).

use std::path::{Path, PathBuf};

use crate::cmd::{Ctx, print_text};
use crate::diag;
use crate::error::{Error, Problem, Result};
use crate::i18n;
use crate::input::{load_rubric, read_input};
use crate::norms::{self, BuildOptions, NormsDoc};
use crate::report;
use crate::result::ResultDoc;
use crate::resultfile;
use crate::rubric::{self, Rubric};
use crate::settings::{self, Results};
use crate::store::{Filter, StoreError};

pub fn run(ctx: &Ctx, args: settings::Norms) -> Result<()> {
    match args {
        settings::Norms::Build { from, role, name, min_n, exclude_flagged, out, rubric } => {
            let mut results = read_results(ctx, &from)?;
            let read = results.len();
            results.retain(|r| !exclude_flagged.excludes(&r.quality.flags));
            let flagged_left_out = read - results.len();
            let explicit = match &rubric {
                Some(choice) => Some(load_rubric(ctx.lang, Some(choice))?.rubric),
                None => None,
            };
            let keyed = match explicit {
                Some(r) => Some(r),
                None => results.iter().find(|r| r.rater.role == role).and_then(|r| rubric_for(ctx, r)),
            };
            let now = chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
            let opts = BuildOptions { role, name, min_n, now };
            let built = norms::build(&results, keyed.as_ref(), &opts).map_err(Error::BadInput)?;
            let mut text = serde_json::to_string_pretty(&built.doc)
                .map_err(|e| Error::Internal(crate::error::Internal::Json(e.to_string())))?;
            text.push('\n');
            crate::output::write_atomic(&out, |w| Ok(w.write_all(text.as_bytes())?))?;
            let m = i18n::msg(ctx.lang);
            if flagged_left_out > 0 {
                crate::output::note(&m.norms_flagged_left_out(flagged_left_out));
            }
            if built.other_roles > 0 {
                crate::output::note(&m.norms_other_roles(built.other_roles));
            }
            if built.earlier > 0 {
                crate::output::note(&m.norms_earlier(built.earlier));
            }
            crate::output::note(&m.norms_written(built.doc.n, &out.display().to_string()));
            Ok(())
        }
        settings::Norms::Show { file, format } => {
            let doc = read_norms(&file)?;
            let style = ctx.style(false, false);
            let titles = titles(ctx, &doc);
            let text = report::norms::render(&doc, format, &style, &|id| titles.get(id).cloned());
            print_text(&text, format)
        }
    }
}

/// Dimension titles in the interface language, from the built-in rubric of
/// the norms where there is one.
fn titles(ctx: &Ctx, doc: &NormsDoc) -> std::collections::HashMap<String, String> {
    let Some(l) = rubric::builtin_version(&doc.rubric.id, &doc.rubric.version)
        .and_then(|b| rubric::load_builtin(b, ctx.lang).ok())
    else {
        return Default::default();
    };
    let r = &l.rubric;
    let lang = r.result_lang(ctx.lang.code());
    r.dimensions().map(|(_, d)| (d.id.clone(), r.text(&d.title, &lang).to_string())).collect()
}

/// The rubric that keys the items for alpha: the built-in one of the
/// result's id and version; None (with a note) where there is none.
pub(crate) fn rubric_for(ctx: &Ctx, doc: &ResultDoc) -> Option<Rubric> {
    let (id, version) = (&doc.rubric.id, &doc.rubric.version);
    if let Some(l) = rubric::builtin_version(id, version).and_then(|b| rubric::load_builtin(b, ctx.lang).ok()) {
        return Some(l.rubric);
    }
    let m = i18n::msg(ctx.lang);
    match rubric::builtin(id).and_then(|b| rubric::load_builtin(b, ctx.lang).ok()) {
        Some(l) if &l.rubric.version == version => Some(l.rubric),
        Some(l) => {
            crate::output::note(&m.alpha_other_version(id, version, &l.rubric.version));
            None
        }
        None => {
            crate::output::note(&m.alpha_not_builtin(id));
            None
        }
    }
}

/// Every result named: files (each problem printed; any refuses the
/// whole), or the store's session or all.
pub(crate) fn read_results(ctx: &Ctx, from: &Results) -> Result<Vec<ResultDoc>> {
    let mut out = Vec::new();
    match from {
        Results::Files(files) => {
            let mut rejected = 0;
            let mut shown = diag::Shown::default();
            for file in files {
                let name = if file == "-" { "<stdin>" } else { file.as_str() };
                let lines = file != "-" && (file.ends_with(".jsonl") || file.ends_with(".ndjson"));
                let bytes = read_input(file)?;
                let text = String::from_utf8_lossy(&bytes).into_owned();
                for rec in resultfile::parse(&text, lines, ctx.lang) {
                    match rec.outcome {
                        Ok((doc, _)) => out.push(doc),
                        Err(d) => {
                            eprint!("{}", diag::render_counted(name, &text, 1, &[*d], ctx.lang, &mut shown));
                            rejected += 1;
                        }
                    }
                }
            }
            if rejected > 0 {
                return Err(Error::BadInput(Problem::NotResults(rejected)));
            }
        }
        from => {
            let Some(store) = ctx.open_existing_store()? else {
                return Err(Error::BadInput(Problem::NoStore { with_import: true }));
            };
            let path = ctx.store_path()?;
            let filter = match from {
                Results::Session(s) => Filter { session: Some(s.clone()), ..Filter::default() },
                _ => Filter { all: true, ..Filter::default() },
            };
            store
                .for_each(&filter, &mut |raw: &str| {
                    let doc: ResultDoc = serde_json::from_str(raw).map_err(|e| StoreError::Corrupt {
                        path: path.clone(),
                        id: String::new(),
                        reason: e.to_string(),
                    })?;
                    out.push(doc);
                    Ok(())
                })
                .map_err(|e| ctx.store_error(e))?;
        }
    }
    Ok(out)
}

/// A norms file, read and checked.
pub fn read_norms(path: &Path) -> Result<NormsDoc> {
    let name = path.display().to_string();
    let bytes = read_input(&name)?;
    let bad = |reason: String| Error::BadInput(Problem::NotNorms { path: name.clone(), reason });
    let text = std::str::from_utf8(&bytes).map_err(|e| bad(e.to_string()))?;
    let doc: NormsDoc = serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| bad(e.to_string()))?;
    if doc.schema != norms::SCHEMA {
        return Err(bad(format!("schema \"{}\"", doc.schema)));
    }
    Ok(doc)
}

/// The norms to use: `--norms FILE`, else `ZHIXING_NORMS` (where set and
/// not empty), else none.
pub fn given(flag: Option<&Path>) -> Result<Option<NormsDoc>> {
    let env = std::env::var_os("ZHIXING_NORMS").filter(|v| !v.is_empty()).map(PathBuf::from);
    match flag.map(Path::to_path_buf).or(env) {
        Some(p) => read_norms(&p).map(Some),
        None => Ok(None),
    }
}

/// Apply the norms to a result; norms of another rubric are exit 2.
pub fn apply(doc: &mut ResultDoc, norms: Option<&NormsDoc>) -> Result<()> {
    match norms {
        Some(n) => norms::apply(doc, n).map_err(Error::BadInput),
        None => Ok(()),
    }
}

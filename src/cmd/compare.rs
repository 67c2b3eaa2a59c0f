//! `zhixing compare BEFORE AFTER` (SPEC §14): each side a results file or a
//! session in the store, read whole; the comparison is `compare::build`'s.

use std::path::Path;

use crate::cmd::norms::{read_results, rubric_for};
use crate::cmd::{Ctx, emit};
use crate::compare::{self, Options};
use crate::error::{Error, Problem, Result};
use crate::i18n;
use crate::input::load_rubric;
use crate::report;
use crate::result::ResultDoc;
use crate::settings::{self, Results};

pub fn run(ctx: &Ctx, args: settings::Compare) -> Result<()> {
    if args.min_group == 2 {
        crate::output::note(i18n::msg(ctx.lang).min_group_two_note());
    }
    let norms = crate::cmd::norms::given(args.norms.as_deref())?;
    let (before, before_label) = side(ctx, &args.before, false)?;
    let (after, after_label) = side(ctx, &args.after, true)?;
    let Some(first) = before.first().or(after.first()) else {
        return Err(Error::BadInput(Problem::NothingToGroup { session: None }));
    };
    let rubric = match &args.rubric {
        Some(choice) => {
            let l = load_rubric(ctx.lang, Some(choice))?;
            if l.rubric.id != first.rubric.id || l.rubric.version != first.rubric.version {
                return Err(Error::BadInput(Problem::RubricMismatch {
                    given: (l.rubric.id.clone(), l.rubric.version.clone()),
                    results: (first.rubric.id.clone(), first.rubric.version.clone()),
                }));
            }
            Some(l.rubric)
        }
        None => rubric_for(ctx, first),
    };
    if let Some(n) = &norms {
        n.check_rubric(&first.rubric.id, &first.rubric.version).map_err(Error::BadInput)?;
    }
    let opts = Options {
        before_label,
        after_label,
        role: args.role,
        min_group: args.min_group,
        by: args.by.clone(),
        norms: norms.as_ref(),
        flags: args.exclude_flagged.clone(),
        lang: ctx.lang.code(),
    };
    let built = compare::build(&before, &after, rubric.as_ref(), &opts).map_err(Error::BadInput)?;
    let m = i18n::msg(ctx.lang);
    if built.flagged_left_out > 0 {
        crate::output::note(&m.compare_flagged_left_out(built.flagged_left_out));
    }
    if built.other_roles > 0 {
        crate::output::note(&m.compare_other_roles(built.other_roles));
    }
    if built.earlier > 0 {
        crate::output::note(&m.compare_earlier(built.earlier));
    }
    emit(ctx, &args.output, |w, style| {
        Ok(w.write_all(report::renderer(args.output.format, style).compare(&built.doc, &built.texts).as_bytes())?)
    })
}

/// One side's results and label: a path that exists is a results file
/// (labelled by its stem), else a session of the store (by its name); said
/// on stderr. Neither: the problem naming it.
fn side(ctx: &Ctx, given: &str, after: bool) -> Result<(Vec<ResultDoc>, String)> {
    let m = i18n::msg(ctx.lang);
    let path = Path::new(given);
    if path.exists() {
        crate::output::note(&m.compare_side_file(after, given));
        let results = read_results(ctx, &Results::Files(vec![given.to_string()]))?;
        let label = path.file_stem().map_or_else(|| given.to_string(), |s| s.to_string_lossy().into_owned());
        return Ok((results, label));
    }
    let neither = || Error::BadInput(Problem::NotFileNorSession { given: given.to_string(), after });
    if ctx.open_existing_store()?.is_none() {
        return Err(neither());
    }
    let results = read_results(ctx, &Results::Session(given.to_string()))?;
    if results.is_empty() {
        return Err(neither());
    }
    crate::output::note(&m.compare_side_session(after, given));
    Ok((results, given.to_string()))
}

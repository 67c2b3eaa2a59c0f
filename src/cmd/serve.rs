//! `zhixing serve` (SPEC §16): the rubric, the store and the settings
//! checked, then the server (`crate::serve`) until Ctrl-C.

use super::Ctx;
use crate::error::{Error, Localized, Result};
use crate::input::{load_rubric, read_input};
use crate::lang::Lang;
use crate::settings;

pub fn run(ctx: &Ctx, args: settings::Serve) -> Result<()> {
    // The session name is kept in every result: no control or bidi character.
    let session = settings::Preset { session: Some(args.session.clone()), ..Default::default() }.checked()?;
    let session = session.session.unwrap_or_default();
    let loaded = load_rubric(ctx.lang, args.rubric.as_deref())?;
    let opts = super::score_options(ctx, &loaded, &args.targets)?;
    let norms = crate::cmd::norms::given(args.norms.as_deref())?;
    if let Some(n) = &norms {
        n.check_rubric(&loaded.rubric.id, &loaded.rubric.version).map_err(Error::BadInput)?;
    }
    let roster = match &args.roster {
        None => Vec::new(),
        Some(path) => {
            let name = path.display().to_string();
            let bytes = read_input(&name)?;
            crate::serve::roster::parse(&bytes).map_err(|problems| Error::Other {
                bad_input: true,
                error: Box::new(BadRoster { path: name, problems }),
            })?
        }
    };
    // The certificate and key before the store: a bad file is said before anything changes.
    let tls = args.tls.as_ref().map(crate::serve::tls::load).transpose()?;
    let store = ctx.open_store()?;
    let config = crate::serve::Config {
        session,
        listen: args.listen,
        lang: ctx.lang,
        min_group: args.min_group,
        show_report: args.show_report,
        urls_file: args.urls_file,
        join_limit: args.join_limit,
        lang_fixed: ctx.lang_chosen,
        roster,
        norms,
        tls,
    };
    crate::serve::run(config, store, loaded, opts)
}

/// `--roster` that cannot be used: every bad row named.
#[derive(Debug)]
struct BadRoster {
    path: String,
    problems: Vec<crate::serve::roster::RosterProblem>,
}

impl Localized for BadRoster {
    fn message(&self, lang: Lang) -> String {
        use crate::serve::roster::RosterProblem as P;
        let m = crate::i18n::msg(lang);
        let mut out = m.serve_roster_heading(&self.path);
        for p in &self.problems {
            out.push_str("\n  ");
            out.push_str(&match p {
                P::NotCsv { line, why } => m.serve_roster_not_csv(*line, why),
                P::NoName { line } => m.serve_roster_no_name(*line),
                P::Unsafe { line, column, c } => m.serve_roster_unsafe(*line, *column, *c),
                P::TooMany => m.serve_roster_too_many(crate::serve::roster::MOST),
                P::Empty => m.serve_roster_empty().to_string(),
            });
        }
        out.push('\n');
        out.push_str(m.serve_roster_hint());
        out
    }
}

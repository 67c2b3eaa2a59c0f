//! `zhixing serve` (SPEC §16): the rubric, the store and the settings
//! checked, then the server (`crate::serve`) until Ctrl-C.

use super::Ctx;
use crate::error::Result;
use crate::input::load_rubric;
use crate::settings;

pub fn run(ctx: &Ctx, args: settings::Serve) -> Result<()> {
    // The session name is kept in every result: no control or bidi character.
    let session = settings::Preset { session: Some(args.session.clone()), ..Default::default() }.checked()?;
    let session = session.session.unwrap_or_default();
    let loaded = load_rubric(ctx.lang, args.rubric.as_deref())?;
    let opts = super::score_options(ctx, &loaded, &args.targets)?;
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
        tls,
    };
    crate::serve::run(config, store, loaded, opts)
}

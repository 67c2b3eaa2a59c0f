//! `zhixing assess`: the questionnaire at the terminal, then the report.

use crate::assess::term::{RESTORE, TermPrompter};
use crate::assess::{self, Abort, DraftDoc, Drafts, Setup};
use crate::cmd::{Ctx, interactive};
use crate::error::{Error, Internal, Problem, Result};
use crate::i18n;
use crate::input::load_rubric;
use crate::lang::Lang;
use crate::output;
use crate::report::{self, Entry};
use crate::score;
use crate::settings;
use crate::store::{Draft, Store};

/// Drafts kept in the results store.
struct StoreDrafts<'a> {
    store: &'a mut dyn Store,
    lang: Lang,
}

impl Drafts for StoreDrafts<'_> {
    fn save(&mut self, d: &DraftDoc) -> Result<(), String> {
        let json = serde_json::to_string(d).map_err(|e| e.to_string())?;
        let draft = Draft {
            id: d.id.clone(),
            subject: d.subject.clone(),
            rubric_id: d.rubric_id.clone(),
            updated_at: d.updated_at.clone(),
            json,
        };
        self.store.save_draft(&draft).map_err(|e| e.message(self.lang))
    }

    fn find(&mut self, subject: &str, rubric_id: &str) -> Result<Option<DraftDoc>, String> {
        let Some(d) = self.store.latest_draft(subject, rubric_id).map_err(|e| e.message(self.lang))? else {
            return Ok(None);
        };
        // A draft this version cannot read is left alone and not offered.
        Ok(serde_json::from_str(&d.json).ok())
    }

    fn delete(&mut self, id: &str) -> Result<(), String> {
        self.store.delete_draft(id).map(|_| ()).map_err(|e| e.message(self.lang))
    }
}

fn now() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

fn new_id() -> String {
    ulid::Ulid::new().to_string()
}

pub fn run(ctx: &Ctx, args: settings::Assess) -> Result<()> {
    if !interactive() {
        return Err(Error::BadInput(Problem::AssessNeedsTerminal));
    }
    let loaded = load_rubric(ctx.lang, args.rubric.as_deref())?;
    let opts = crate::cmd::score_options(ctx, &loaded, &args.targets)?;
    let mut store = ctx.open_store()?;

    // Ctrl-C arrives as a key while a key is awaited; at any other moment
    // (and for `kill -INT`) give the terminal back and leave with 130. Every
    // answer is already in the draft.
    let lang = ctx.lang;
    let _ = ctrlc::set_handler(move || {
        eprint!("{RESTORE}");
        crate::output::note(&i18n::msg(lang).interrupted(&resume_command(None)));
        std::process::exit(130);
    });

    let preset = &args.preset;
    let setup = Setup {
        rubric: &loaded.rubric,
        rubric_sha256: &loaded.sha256,
        lang: ctx.lang,
        text_lang: &opts.lang,
        now: &now,
        new_id: &new_id,
    };
    // In a kiosk, reports go to stdout only where nobody in the room sees them.
    let report_to_stdout = !preset.kiosk || !output::stdout_is_terminal() || args.output.out.is_some();
    let mut results = Vec::new();
    let mut prompter = TermPrompter::new(ctx.lang);
    loop {
        if preset.kiosk {
            match assess::term_next(&mut prompter) {
                Ok(()) => {}
                Err(Abort::KioskExit) => break,
                Err(e) => {
                    drop(prompter);
                    return Err(abort_error(e, None));
                }
            }
        }
        let mut drafts = StoreDrafts { store: store.as_mut(), lang: ctx.lang };
        let done = match assess::run(&mut prompter, &mut drafts, &setup, preset) {
            Ok(done) => done,
            Err(Abort::Interrupted) if preset.kiosk => continue,
            Err(e) => {
                drop(prompter);
                return Err(abort_error(e, preset.subject.as_deref()));
            }
        };
        let mut result = score::score(&loaded, &done.response, &opts, new_id(), &now());
        let prev = store.previous(&result).map_err(|e| ctx.store_error(e))?;
        let prev = result.link_previous(prev);
        if !args.no_save {
            store.save(std::slice::from_ref(&result)).map_err(|e| ctx.store_error(e))?;
        }
        store.delete_draft(&done.draft_id).map_err(|e| ctx.store_error(e))?;
        if preset.kiosk {
            let thanks = i18n::msg(ctx.lang).kiosk_thanks();
            let _ = assess::Prompter::done(&mut prompter, thanks);
            if report_to_stdout {
                results.push((result, prev));
            }
            continue;
        }
        results.push((result, prev));
        break;
    }
    drop(prompter);
    if results.is_empty() {
        return Ok(());
    }
    if !args.no_save {
        eprintln!("{}", i18n::msg(ctx.lang).assess_saved(results.len()));
    }
    crate::cmd::emit(ctx, &args.output, |w, style| {
        let mut sink = report::renderer(args.output.format, style);
        for (r, p) in &results {
            sink.write(w, Entry { result: r, previous: p.as_ref() })?;
        }
        Ok(sink.finish(w)?)
    })
}

/// The command that continues an interrupted questionnaire.
fn resume_command(subject: Option<&str>) -> String {
    match subject {
        Some(s) => format!("zhixing assess --resume --subject {s}"),
        None => "zhixing assess --resume".to_string(),
    }
}

fn abort_error(e: Abort, subject: Option<&str>) -> Error {
    let resume = resume_command(subject);
    match e {
        Abort::Interrupted | Abort::KioskExit => Error::Interrupted { resume, why: None },
        Abort::Closed(why) => Error::Interrupted { resume, why: Some(why) },
        Abort::Draft(why) => Error::Internal(Internal::Draft(why)),
    }
}

//! `zhixing assess`: the questionnaire at the terminal, then the report.

use std::sync::{Arc, Mutex};

use crate::assess::term::{RESTORE, TermPrompter};
use crate::assess::{self, Abort, DraftDoc, DraftFilter, Drafts, Setup, screen};
use crate::cmd::{Ctx, interactive};
use crate::error::{Error, Internal, Localized, Problem, Result};
use crate::i18n;
use crate::input::load_rubric;
use crate::lang::Lang;
use crate::output;
use crate::report::{self, Entry};
use crate::result::Role;
use crate::rubric;
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
        match serde_json::from_str::<DraftDoc>(&d.json) {
            // A participant's of `serve` is theirs: the latest of the others, if any.
            Ok(doc) if doc.served => Ok(self
                .all()?
                .into_iter()
                .filter(|x| x.subject == subject && x.rubric_id == rubric_id)
                .max_by(|a, b| crate::result::utc_key(&a.updated_at).cmp(&crate::result::utc_key(&b.updated_at)))),
            Ok(doc) => Ok(Some(doc)),
            Err(_) => Ok(None),
        }
    }

    fn delete(&mut self, id: &str) -> Result<(), String> {
        self.store.delete_draft(id).map(|_| ()).map_err(|e| e.message(self.lang))
    }

    fn all(&mut self) -> Result<Vec<DraftDoc>, String> {
        let drafts = self.store.drafts().map_err(|e| e.message(self.lang))?;
        Ok(drafts.iter().filter_map(|d| serde_json::from_str::<DraftDoc>(&d.json).ok()).filter(|d| !d.served).collect())
    }
}

fn now() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

fn new_id() -> String {
    ulid::Ulid::new().to_string()
}

pub fn run(ctx: &Ctx, args: settings::Assess) -> Result<()> {
    if args.discard {
        return discard(ctx, &args);
    }
    if !interactive() {
        return Err(Error::BadInput(Problem::AssessNeedsTerminal));
    }
    let mut store = ctx.open_store()?;
    let preset = &args.preset;

    // `--resume`: the draft to continue comes first, for it names the
    // rubric and the language; only a choice among several needs a screen.
    let mut prompter: Option<TermPrompter> = None;
    let mut resumed = None;
    let mut given = None;
    if preset.resume && !preset.kiosk {
        given = args.rubric.as_deref().map(|r| load_rubric(ctx.lang, Some(r))).transpose()?;
        let filter = filter(preset, given.as_ref().map(|l| l.rubric.id.as_str()));
        let mut drafts = StoreDrafts { store: store.as_mut(), lang: ctx.lang };
        let open = assess::open_drafts(&mut drafts, &filter).map_err(|e| abort_error(e, "".into()))?;
        let p: &mut dyn assess::Prompter = prompter.get_or_insert_with(|| TermPrompter::new(ctx.lang));
        resumed = match assess::pick_draft(p, ctx.lang, open) {
            Ok(d) => d,
            Err(e) => {
                drop(prompter);
                return Err(abort_error(e, resume_command(ctx, filter_words(preset, args.rubric.as_deref()))));
            }
        };
    }
    // A questionnaire goes on in the language it was begun in, unless one is
    // chosen (`--lang`, `ZHIXING_LANG`).
    let first_lang = ctx.lang;
    let ctx = &match resumed.as_ref().and_then(|d| d.interface.as_deref()).and_then(Lang::from_code) {
        Some(lang) if !ctx.lang_chosen => Ctx { lang, ..ctx.clone() },
        _ => ctx.clone(),
    };
    if let Some(p) = prompter.as_mut() {
        p.set_lang(ctx.lang);
    }
    let choice = args
        .rubric
        .clone()
        .or_else(|| resumed.as_ref().map(|d| d.rubric_source.clone().unwrap_or(d.rubric_id.clone())));
    let loaded =
        match given.filter(|_| ctx.lang == first_lang).map_or_else(|| load_rubric(ctx.lang, choice.as_deref()), Ok) {
            Ok(l) => l,
            Err(e) => {
                drop(prompter);
                return Err(e);
            }
        };
    let opts = crate::cmd::score_options(ctx, &loaded, &args.targets)?;
    let norms = crate::cmd::norms::given(args.norms.as_deref())?;
    if let Some(n) = &norms {
        n.check_rubric(&loaded.rubric.id, &loaded.rubric.version).map_err(Error::BadInput)?;
    }
    let source = rubric_source(&loaded.origin);

    // Ctrl-C is a key for as long as the questionnaire holds the terminal
    // (`term::TermPrompter` keeps signals off between reads too), so a
    // kiosk participant's Ctrl-C ends only that participant's turn. Before
    // that, and for `kill -INT` or a hang-up, give the terminal back and
    // leave with 130. Every
    // answer is already in the draft, and the command printed continues it.
    let resume = Arc::new(Mutex::new(resume_command(ctx, filter_words(preset, Some(&source)))));
    let lang = ctx.lang;
    let in_handler = Arc::clone(&resume);
    let _ = ctrlc::set_handler(move || {
        crate::assess::term::give_back_keys();
        eprint!("{RESTORE}");
        let command = in_handler.lock().map(|c| c.clone()).unwrap_or_default();
        crate::output::note(&interrupted_note(lang, &command, None));
        std::process::exit(130);
    });
    let on_open = |d: &DraftDoc| {
        if let Ok(mut c) = resume.lock() {
            *c = draft_resume_command(ctx, d);
        }
    };
    let current = || resume.lock().map(|c| c.clone()).unwrap_or_default();

    let setup = Setup {
        rubric: &loaded.rubric,
        rubric_sha256: &loaded.sha256,
        lang: ctx.lang,
        text_lang: &opts.lang,
        now: &now,
        new_id: &new_id,
        rubric_source: Some(&source),
        on_open: &on_open,
    };
    // In a kiosk, reports go to stdout only where nobody in the room sees them.
    let report_to_stdout = !preset.kiosk || !output::stdout_is_terminal() || args.output.out.is_some();
    let mut results = Vec::new();
    let mut saved = 0;
    let mut prompter = prompter.unwrap_or_else(|| TermPrompter::new(ctx.lang));
    loop {
        if preset.kiosk {
            match assess::term_next(&mut prompter) {
                Ok(()) => {}
                Err(Abort::KioskExit) => break,
                Err(e) => {
                    drop(prompter);
                    return Err(abort_error(e, current()));
                }
            }
        }
        let mut drafts = StoreDrafts { store: store.as_mut(), lang: ctx.lang };
        let done = match assess::run(&mut prompter, &mut drafts, &setup, preset, resumed.take()) {
            Ok(done) => done,
            // The participant's draft stays; the trainer hears of it at the end.
            Err(Abort::Interrupted) if preset.kiosk => continue,
            Err(e) => {
                drop(prompter);
                return Err(abort_error(e, current()));
            }
        };
        let mut result = score::score(&loaded, &done.response, &opts, new_id(), &now());
        let prev = store.previous(&result).map_err(|e| ctx.store_error(e))?;
        let prev = result.link_previous(prev);
        crate::cmd::norms::apply(&mut result, norms.as_ref())?;
        if !args.no_save {
            store.save(std::slice::from_ref(&result)).map_err(|e| ctx.store_error(e))?;
            saved += 1;
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
    if !results.is_empty() {
        crate::cmd::emit(ctx, &args.output, |w, style| {
            let mut sink = report::renderer(args.output.format, style);
            for (r, p) in &results {
                sink.write(w, Entry::new(r, p.as_ref()).with_rubric(Some(&loaded.rubric)))?;
            }
            Ok(sink.finish(w)?)
        })?;
    }
    // The report has scrolled by: the last lines say how to see it again.
    let msg = i18n::msg(ctx.lang);
    let mut end: Vec<Said> = Vec::new();
    if preset.kiosk {
        let mut drafts = StoreDrafts { store: store.as_mut(), lang: ctx.lang };
        let unfinished = DraftFilter {
            rubric_id: Some(&loaded.rubric.id),
            session: preset.session.as_deref(),
            ..Default::default()
        };
        let open = assess::open_drafts(&mut drafts, &unfinished).map_err(|e| abort_error(e, String::new()))?;
        if !open.is_empty() {
            end.push(Said::Text(msg.assess_kiosk_unfinished(open.len())));
            for d in &open {
                end.push(Said::Item(msg.assess_draft_option(&assess::draft_summary(d))));
                end.push(Said::Text(msg.assess_how_to_resume().to_string()));
                end.push(Said::Command(resume_words(ctx, d)));
                end.push(Said::Text(msg.assess_how_to_discard().to_string()));
                end.push(Said::Command(discard_words(ctx, d)));
            }
        }
        if saved > 0 {
            end.push(Said::Text(msg.assess_kiosk_see_session(saved)));
            let mut words = words(&["zhixing", "group", "--session"]);
            words.push(shell_word(preset.session.as_deref().unwrap_or_default()));
            words.extend(global_words(ctx));
            end.push(Said::Command(words));
        }
    } else if args.no_save {
        end.push(Said::Text(msg.assess_not_saved().to_string()));
    } else if let Some((r, _)) = results.first() {
        end.push(Said::Text(msg.assess_see_again(saved)));
        let mut words = words(&["zhixing", "report", "--latest", "--subject"]);
        words.push(shell_word(&r.subject.name));
        words.extend(global_words(ctx));
        end.push(Said::Command(words));
    }
    say(&end);
    Ok(())
}

/// What is said on stderr at the end of a run, wrapped to the terminal.
enum Said {
    Text(String),
    /// One of a list, indented.
    Item(String),
    /// A command to type, indented, its words whole.
    Command(Vec<String>),
}

fn say(lines: &[Said]) {
    let (_, cols) = console::Term::stderr().size();
    let width = screen::text_width(cols);
    for l in lines {
        let shown: Vec<String> = match l {
            Said::Text(t) => crate::width::wrap(t, width),
            Said::Item(t) => crate::width::wrap(t, width - 2).into_iter().map(|l| format!("  {l}")).collect(),
            Said::Command(w) => screen::command_lines(w, width - 2).into_iter().map(|l| format!("  {l}")).collect(),
        };
        for line in shown {
            output::note(&line);
        }
    }
}

/// `--discard`: delete the one draft the flags name, or list those they match.
fn discard(ctx: &Ctx, args: &settings::Assess) -> Result<()> {
    let given = args.rubric.as_deref().map(|r| load_rubric(ctx.lang, Some(r))).transpose()?;
    let filter = filter(&args.preset, given.as_ref().map(|l| l.rubric.id.as_str()));
    let mut store = ctx.open_store()?;
    let mut drafts = StoreDrafts { store: store.as_mut(), lang: ctx.lang };
    let open = assess::open_drafts(&mut drafts, &filter).map_err(|e| abort_error(e, String::new()))?;
    let msg = i18n::msg(ctx.lang);
    match open.as_slice() {
        [] => {
            say(&[Said::Text(msg.assess_nothing_to_discard().to_string())]);
            Ok(())
        }
        [d] => {
            drafts.delete(&d.id).map_err(|e| Error::Internal(Internal::Draft(e)))?;
            say(&[Said::Text(msg.assess_discarded(&assess::draft_summary(d)))]);
            Ok(())
        }
        several => {
            let mut lines = Vec::new();
            for d in several {
                lines.push(Said::Text(msg.assess_draft_option(&assess::draft_summary(d))));
                lines.push(Said::Command(discard_words(ctx, d)));
            }
            say(&lines);
            Err(Error::Other { bad_input: true, error: Box::new(SeveralDrafts(several.len())) })
        }
    }
}

/// `--discard` matched several drafts (listed already).
#[derive(Debug)]
struct SeveralDrafts(usize);

impl Localized for SeveralDrafts {
    fn message(&self, lang: Lang) -> String {
        i18n::msg(lang).assess_discard_which(self.0)
    }
}

/// The drafts the flags given with `--resume` or `--discard` narrow to.
fn filter<'a>(preset: &'a settings::Preset, rubric_id: Option<&'a str>) -> DraftFilter<'a> {
    DraftFilter { subject: preset.subject.as_deref(), rubric_id, role: preset.role, session: preset.session.as_deref() }
}

/// How the rubric is named in a command typed later from anywhere: a
/// built-in id, or the file's absolute path.
fn rubric_source(origin: &str) -> String {
    match rubric::builtin(origin) {
        Some(b) if b.id == origin && !std::path::Path::new(origin).exists() => origin.to_string(),
        _ => std::path::absolute(origin).map(|p| p.to_string_lossy().into_owned()).unwrap_or(origin.to_string()),
    }
}

fn words(ws: &[&str]) -> Vec<String> {
    ws.iter().map(|w| w.to_string()).collect()
}

/// A word as a POSIX shell reads it back: as it is when it is plain, else
/// in single quotes.
fn shell_word(s: &str) -> String {
    let plain = !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || "_-./:@%+=,".contains(c));
    if plain { s.to_string() } else { format!("'{}'", s.replace('\'', r"'\''")) }
}

/// `--lang` where the environment would choose another language, `--store`
/// where it was given: what a command printed for later needs.
fn global_words(ctx: &Ctx) -> Vec<String> {
    let mut w = Vec::new();
    if Lang::resolve(None, |k| std::env::var(k).ok()) != ctx.lang {
        w.extend(["--lang".to_string(), ctx.lang.code().to_string()]);
    }
    if let Some(store) = &ctx.store {
        let path = std::path::absolute(store).unwrap_or(store.clone());
        w.extend(["--store".to_string(), shell_word(&path.to_string_lossy())]);
    }
    w
}

/// The flags that name a draft, from what the command line said (before a draft is open).
fn filter_words(preset: &settings::Preset, rubric: Option<&str>) -> Vec<String> {
    let mut w = Vec::new();
    if let Some(s) = &preset.subject {
        w.extend(["--subject".to_string(), shell_word(s)]);
    }
    if let Some(r) = rubric.filter(|r| *r != rubric::DEFAULT_ID) {
        w.extend(["--rubric".to_string(), shell_word(r)]);
    }
    if let Some(r) = preset.role.filter(|r| *r != Role::SelfRating) {
        w.extend(["--role".to_string(), r.code().to_string()]);
    }
    w
}

/// The flags that name this draft: whose, which rubric, whose rating, which session.
fn draft_words(d: &DraftDoc) -> Vec<String> {
    let mut w = vec!["--subject".to_string(), shell_word(&d.subject)];
    let rubric = d.rubric_source.as_deref().unwrap_or(&d.rubric_id);
    if rubric != rubric::DEFAULT_ID {
        w.extend(["--rubric".to_string(), shell_word(rubric)]);
    }
    if d.role != Role::SelfRating {
        w.extend(["--role".to_string(), d.role.code().to_string()]);
    }
    if let Some(s) = &d.session {
        w.extend(["--session".to_string(), shell_word(s)]);
    }
    w
}

fn resume_words(ctx: &Ctx, d: &DraftDoc) -> Vec<String> {
    let mut w = words(&["zhixing", "assess", "--resume"]);
    w.extend(draft_words(d));
    w.extend(global_words(ctx));
    w
}

fn discard_words(ctx: &Ctx, d: &DraftDoc) -> Vec<String> {
    let mut w = words(&["zhixing", "assess", "--discard"]);
    w.extend(draft_words(d));
    w.extend(global_words(ctx));
    w
}

/// The command that continues this draft, exactly.
fn draft_resume_command(ctx: &Ctx, d: &DraftDoc) -> String {
    resume_words(ctx, d).join(" ")
}

/// The command that continues a questionnaire no draft of which is open
/// yet: `--resume` with what the command line said.
fn resume_command(ctx: &Ctx, named: Vec<String>) -> String {
    let mut w = words(&["zhixing", "assess", "--resume"]);
    w.extend(named);
    w.extend(global_words(ctx));
    w.join(" ")
}

fn abort_error(e: Abort, resume: String) -> Error {
    match e {
        Abort::Interrupted | Abort::KioskExit => Error::Interrupted { resume, why: None },
        Abort::Closed(why) => Error::Interrupted { resume, why: Some(why) },
        Abort::Draft(why) => Error::Internal(Internal::Draft(why)),
    }
}

/// What an interrupted questionnaire says on stderr (SPEC §8): that all is
/// saved, then the command that goes on, on lines of its own that break
/// only between its words, with ` \` where a line goes on, at the width of
/// the terminal (on one line where stderr is no terminal).
pub fn interrupted_note(lang: Lang, resume: &str, why: Option<&str>) -> String {
    let width = crate::output::stderr_width().map_or(usize::MAX, |w| usize::from(w).max(20));
    let mut lines = crate::width::wrap(&i18n::msg(lang).interrupted_lead(why), width.min(100));
    let words = shell_words(resume);
    lines.extend(
        crate::assess::screen::command_lines(&words, width.saturating_sub(2)).into_iter().map(|l| format!("  {l}")),
    );
    lines.join("\n")
}

/// The words of a command line as [`shell_word`] wrote them: split at the
/// spaces outside quotes, each word kept as it is written.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let (mut word, mut quoted, mut escaped) = (String::new(), false, false);
    for c in line.chars() {
        match c {
            ' ' if !quoted && !escaped => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                continue;
            }
            '\'' if !escaped => quoted = !quoted,
            _ => {}
        }
        escaped = c == '\\' && !quoted && !escaped;
        word.push(c);
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

#[cfg(test)]
mod note_tests {
    use super::*;

    #[test]
    fn the_words_of_a_command_as_written() {
        let words =
            ["zhixing", "assess", "--subject", "Wang Wu", "--rubric", "/tmp/my rubrics/a'b.toml", "--lang", "en"];
        let line: Vec<String> = words.iter().map(|w| shell_word(w)).collect();
        assert_eq!(shell_words(&line.join(" ")), line);
    }

    #[test]
    fn the_note_keeps_the_command_whole_on_one_line_off_a_terminal() {
        let note = interrupted_note(Lang::Zh, "zhixing assess --resume --subject '王 五'", None);
        let lines: Vec<&str> = note.lines().collect();
        assert_eq!(lines.len(), 2, "{note}");
        assert!(lines[0].starts_with("已中断"), "{note}");
        assert_eq!(lines[1], "  zhixing assess --resume --subject '王 五'");
    }
}

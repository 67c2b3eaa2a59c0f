//! The commands, one file per command (or family of commands), and what
//! they share: the context built from the global settings, opening the
//! store, writing a report to stdout or `--out`.

pub mod assess;
pub mod compare;
pub mod group;
pub mod norms;
pub mod results;
pub mod rubric;
pub mod score;
pub mod serve;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use crate::answers;
use crate::error::{Error, Problem, Result};
use crate::lang::Lang;
use crate::output;
use crate::report::{Format, Style};
use crate::result::ResultDoc;
use crate::settings::{Color, Command, Global, Output, SchemaKind};
use crate::store::{self, Access, Store, StoreError};

/// What every command is run with, from the global settings.
#[derive(Clone)]
pub struct Ctx {
    pub lang: Lang,
    /// The language was chosen (`--lang`, `ZHIXING_LANG`), not the locale's.
    pub lang_chosen: bool,
    pub color: Color,
    pub ascii: bool,
    /// `--store`, if given.
    pub store: Option<PathBuf>,
}

impl Ctx {
    pub fn new(g: Global) -> Ctx {
        Ctx { lang: g.lang, lang_chosen: g.lang_chosen, color: g.color, ascii: g.ascii, store: g.store }
    }

    /// Where the store is: `--store`, then `ZHIXING_STORE`, then the data directory.
    pub fn store_path(&self) -> Result<PathBuf> {
        let env = std::env::var_os("ZHIXING_STORE");
        store::resolve_path(self.store.as_deref(), env.as_deref()).ok_or_else(|| Error::BadInput(Problem::NoStorePath))
    }

    /// Open (creating if needed) the results store, to write.
    pub fn open_store(&self) -> Result<Box<dyn Store>> {
        let path = self.store_path()?;
        self.opened(store::open(&path, Access::Write))
    }

    /// Open the store read-only, only if it exists already: the reading
    /// commands neither create nor change one (a read-only store works).
    pub fn open_existing_store(&self) -> Result<Option<Box<dyn Store>>> {
        self.open_existing(Access::Read)
    }

    /// Open the store to write, only if it exists already (`store delete`).
    pub fn open_existing_store_to_write(&self) -> Result<Option<Box<dyn Store>>> {
        self.open_existing(Access::Write)
    }

    fn open_existing(&self, access: Access) -> Result<Option<Box<dyn Store>>> {
        let path = self.store_path()?;
        if !path.exists() {
            return Ok(None);
        }
        self.opened(store::open(&path, access)).map(Some)
    }

    /// A store just opened, its warnings said on stderr.
    fn opened(&self, opened: std::result::Result<Box<dyn Store>, StoreError>) -> Result<Box<dyn Store>> {
        let store = opened.map_err(|e| self.store_error(e))?;
        for w in store.warnings() {
            crate::output::note(&w.message(self.lang));
        }
        Ok(store)
    }

    pub fn store_error(&self, e: StoreError) -> Error {
        Error::Other { bad_input: e.is_bad_input(), error: Box::new(e) }
    }

    /// Style for output going to stdout (`to_file` false) or a file.
    pub fn style(&self, to_file: bool, bom: bool) -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = match self.color {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => !to_file && !no_color && output::stdout_is_terminal(),
        };
        let width =
            if to_file || !output::stdout_is_terminal() { Style::NO_TERMINAL } else { output::terminal_width() };
        Style { lang: self.lang, color, ascii: self.ascii, width, bom: bom || to_file }
    }
}

/// Run a command (all but `completions`, which `app` writes).
pub fn run(ctx: &Ctx, command: Command) -> Result<()> {
    match command {
        Command::Assess(s) => assess::run(ctx, s),
        Command::Score(s) => score::run(ctx, s),
        Command::Rubric(s) => rubric::run(ctx, s),
        Command::Report(s) => results::report(ctx, s),
        Command::History(s) => results::history(ctx, s),
        Command::Group(s) => group::run(ctx, s),
        Command::Norms(s) => norms::run(ctx, s),
        Command::Compare(s) => compare::run(ctx, s),
        Command::Serve(s) => serve::run(ctx, s),
        Command::Export(s) => results::export(ctx, s),
        Command::Import(s) => results::import(ctx, s),
        Command::Store(s) => results::store(ctx, s),
        Command::Schema(which) => print_text(&schema(which), Format::Json),
        // Written by `app`, which has the command line to complete.
        Command::Completions => Ok(()),
    }
}

/// Print a text of `format` on stdout: for people with hidden characters
/// shown as escapes (SPEC §12), JSON as it is.
pub fn print_text(text: &str, format: Format) -> Result<()> {
    output::write_stdout(|w| {
        if format.shows_hidden_as_escapes() {
            Ok(w.write_all(crate::visible::escape(text).as_bytes())?)
        } else {
            Ok(w.write_all(text.as_bytes())?)
        }
    })
}

/// The JSON Schema of a format, draft-07, from the types that read it.
pub fn schema(which: SchemaKind) -> String {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let schema = match which {
        SchemaKind::Rubric => generator.into_root_schema_for::<crate::rubric::Rubric>(),
        SchemaKind::Answers => generator.into_root_schema_for::<answers::AnswersDoc>(),
        SchemaKind::Result => generator.into_root_schema_for::<ResultDoc>(),
        SchemaKind::Group => generator.into_root_schema_for::<crate::group::GroupDoc>(),
        SchemaKind::Norms => generator.into_root_schema_for::<crate::norms::NormsDoc>(),
        SchemaKind::Compare => generator.into_root_schema_for::<crate::compare::CompareDoc>(),
    };
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// Write rendered output to `--out` or stdout; in every format but JSON
/// through [`crate::visible::Visible`], so that no text that reaches it
/// (a name, a rubric's text) acts on the terminal (SPEC §12).
pub fn emit(ctx: &Ctx, out: &Output, write: impl FnOnce(&mut dyn Write, &Style) -> Result<()>) -> Result<()> {
    let style = ctx.style(out.out.is_some(), out.bom);
    let shown = out.format.shows_hidden_as_escapes();
    let run = |w: &mut dyn Write| -> Result<()> {
        if shown { crate::visible::through(w, style.color, |v| write(v, &style)) } else { write(w, &style) }
    };
    match &out.out {
        Some(path) => output::write_atomic(path, run),
        None => output::write_stdout(run),
    }
}

/// True when stdin and stderr are both terminals (for interactive commands).
pub fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// Scoring options from `--profile` and `--target`, checked against the rubric.
pub fn score_options(
    ctx: &Ctx,
    loaded: &crate::rubric::Loaded,
    targets: &crate::settings::Targets,
) -> Result<crate::score::Options> {
    let (profile, target) = (targets.profile.clone(), targets.target);
    let r = &loaded.rubric;
    if let Some(p) = &profile
        && !r.profiles.contains_key(p)
    {
        return Err(Error::BadInput(Problem::NoProfile {
            rubric: r.id.clone(),
            profile: p.clone(),
            profiles: r.profiles.keys().cloned().collect(),
        }));
    }
    Ok(crate::score::Options { profile, target, lang: r.result_lang(ctx.lang.code()) })
}

//! `zhixing group`: results from files, JSON Lines or the store, read one
//! at a time, into one group report; `--pack DIR` also writes each person's
//! own report for the trainer to hand out.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use crate::batch::{Blocks, RESULT_BLOCK, each_line};
use crate::cmd::{Ctx, emit};
use crate::diag::{self, Diagnostic};
use crate::error::{Error, IoAction, Problem, Result};
use crate::group::{Builder, GroupDoc, Row, Texts};
use crate::i18n;
use crate::i18n::readers::AnswersFile;
use crate::input::{answers_by_content, answers_by_name, load_rubric, read_input};
use crate::lang::Lang;
use crate::pipeline;
use crate::report::{self, Entry, Format, Style};
use crate::result::{ResultDoc, Role};
use crate::resultfile;
use crate::rubric::{self, Loaded};
use crate::settings::{self, Results};
use crate::store::{Filter, StoreError};

pub fn run(ctx: &Ctx, args: settings::Group) -> Result<()> {
    let min_group = args.min_group;
    if min_group == 2 {
        crate::output::note(i18n::msg(ctx.lang).min_group_two_note());
    }
    let norms = crate::cmd::norms::given(args.norms.as_deref())?;
    let explicit = match &args.rubric {
        Some(choice) => Some(load_rubric(ctx.lang, Some(choice))?),
        None => None,
    };
    let pack = match &args.pack {
        Some(dir) => Some(Pack::create(ctx, dir)?),
        None => None,
    };
    let mut st = State {
        ctx,
        by: args.by.clone(),
        exclude_flagged: args.exclude_flagged.clone(),
        named: args.named,
        every_result: args.every_result,
        items: args.items,
        explicit,
        builder: None,
        rubrics: BTreeMap::new(),
        same: 0,
        rejected: 0,
        shown: diag::Shown::default(),
        pack,
    };

    match &args.from {
        Results::Files(files) => {
            for file in files {
                read_file(&mut st, file)?;
            }
        }
        from => read_store(&mut st, from)?,
    }

    if st.rejected > 0 && !args.keep_going {
        return Err(Error::BadInput(Problem::NotResultsToGroup(st.rejected)));
    }
    if let Some(b) = &st.builder {
        let (id, version) = b.rubric();
        *st.rubrics.entry((id.to_string(), version.to_string())).or_default() += st.same;
    }
    if st.rubrics.len() > 1 {
        return Err(Error::BadInput(Problem::MixedRubrics(
            st.rubrics.iter().map(|((id, v), n)| (id.clone(), v.clone(), *n)).collect(),
        )));
    }
    let Some(builder) = st.builder.take() else {
        let session = match &args.from {
            Results::Session(s) => Some(s),
            _ => None,
        };
        return Err(Error::BadInput(Problem::NothingToGroup { session: session.cloned() }));
    };
    if let Some(crate::group::By::Attribute(name)) = &args.by {
        let known = builder.attribute_names();
        if !known.contains(name) {
            return Err(Error::BadInput(Problem::UnknownAttribute { name: name.clone(), known }));
        }
    }
    // A fresh order of the numbered subjects each run (SPEC §10 rule 7).
    let seed = std::hash::BuildHasher::hash_one(&std::collections::hash_map::RandomState::new(), ulid::Ulid::new());
    let mut doc = builder.finish(min_group, seed);
    if let Some(n) = &norms {
        let (id, version) = builder.rubric();
        n.check_rubric(id, version).map_err(Error::BadInput)?;
        // The norms' sem, of many more people, where given (SPEC §13).
        for d in doc.groups.iter_mut().flat_map(|g| g.dimensions.iter_mut()) {
            d.sem = if d.stats.shown() { n.sem_of(&d.id) } else { None };
        }
    }
    let texts = builder.texts();
    // Hints for the trainer go to stderr: the report may be projected.
    let anonymous = doc.groups.iter().any(|g| g.flagged.is_some_and(|n| n > 0)) || !doc.subjects.is_empty();
    if !args.named && anonymous {
        crate::output::note(i18n::msg(ctx.lang).group_named_shows_who());
    }
    emit(ctx, &args.output, |w, style| {
        Ok(w.write_all(report::renderer(args.output.format, style).group(&doc, texts).as_bytes())?)
    })?;
    if let Some(pack) = &mut st.pack {
        pack.finish(ctx, &builder, &doc, texts, min_group)?;
        crate::output::note(&i18n::msg(ctx.lang).files_written(pack.written, &pack.dir));
    }
    if st.rejected > 0 {
        crate::output::note(&i18n::msg(ctx.lang).grouped_rejected(builder.len(), st.rejected));
    }
    Ok(())
}

/// What is kept while results stream in.
struct State<'a> {
    ctx: &'a Ctx,
    by: Option<crate::group::By>,
    exclude_flagged: crate::result::FlagFilter,
    named: bool,
    every_result: bool,
    /// `--items`: item analysis.
    items: bool,
    explicit: Option<Loaded>,
    builder: Option<Builder>,
    /// Results per (rubric id, version) other than the builder's: any is a mix.
    rubrics: BTreeMap<(String, String), usize>,
    /// Results of the builder's rubric.
    same: usize,
    rejected: usize,
    /// The problems of the file being read printed so far (at most 200).
    shown: diag::Shown,
    pack: Option<Pack>,
}

impl State<'_> {
    fn add(&mut self, doc: ResultDoc) -> Result<()> {
        if self.builder.is_none() {
            let rubric = self.rubric_for(&doc)?;
            let builder = Builder::new(&doc, rubric.as_ref(), self.ctx.lang.code(), self.by.clone(), self.named)
                .every_result(self.every_result)
                .exclude_flagged(self.exclude_flagged.clone())
                .items(self.items);
            if self.items && !builder.can_analyse_items() {
                crate::output::note(i18n::msg(self.ctx.lang).items_no_rubric());
            }
            self.builder = Some(builder);
        }
        let Some(builder) = self.builder.as_mut() else { return Ok(()) };
        if !builder.accepts(&doc) {
            *self.rubrics.entry((doc.rubric.id.clone(), doc.rubric.version.clone())).or_default() += 1;
            return Ok(());
        }
        self.same += 1;
        builder.add(&doc);
        if let Some(pack) = &mut self.pack
            && doc.rater.role == Role::SelfRating
        {
            pack.keep(doc, self.every_result);
        }
        Ok(())
    }

    /// The rubric that keys the items for alpha: `--rubric`, else the
    /// built-in one of the results' id and version; None (with a note) where
    /// neither is at hand.
    fn rubric_for(&self, doc: &ResultDoc) -> Result<Option<rubric::Rubric>> {
        let ctx = self.ctx;
        let (id, version) = (&doc.rubric.id, &doc.rubric.version);
        if let Some(l) = &self.explicit {
            if &l.rubric.id != id || &l.rubric.version != version {
                return Err(Error::BadInput(Problem::RubricMismatch {
                    given: (l.rubric.id.clone(), l.rubric.version.clone()),
                    results: (id.clone(), version.clone()),
                }));
            }
            return Ok(Some(l.rubric.clone()));
        }
        if let Some(l) = rubric::builtin_version(id, version).and_then(|b| rubric::load_builtin(b, ctx.lang).ok()) {
            return Ok(Some(l.rubric));
        }
        let builtin = rubric::builtin(id).and_then(|b| rubric::load_builtin(b, ctx.lang).ok());
        match builtin {
            Some(l) if &l.rubric.version == version => Ok(Some(l.rubric)),
            Some(l) => {
                crate::output::note(&i18n::msg(ctx.lang).alpha_other_version(id, version, &l.rubric.version));
                Ok(None)
            }
            None => {
                crate::output::note(&i18n::msg(ctx.lang).alpha_not_builtin(id));
                Ok(None)
            }
        }
    }

    /// Add a result read the quick way (there is a builder by then).
    fn add_row(&mut self, row: Row) {
        let Some(builder) = self.builder.as_mut() else { return };
        match row.other_rubric() {
            Some(key) => *self.rubrics.entry(key.clone()).or_default() += 1,
            None => {
                self.same += 1;
                builder.add_row(row);
            }
        }
    }

    /// A result's JSON text, the quick way where it can be.
    fn add_text(&mut self, text: &str, careful: impl FnOnce(&str) -> Result<Option<ResultDoc>>) -> Result<()> {
        if self.pack.is_none()
            && let Some(row) = self.builder.as_ref().and_then(|b| b.reader().row(text.as_bytes()))
        {
            self.add_row(row);
            return Ok(());
        }
        match careful(text)? {
            Some(doc) => self.add(doc),
            None => Ok(()),
        }
    }

    /// Answers given to group: what they are and what to run.
    fn reject_answers(&mut self, path: &str, kind: AnswersFile) {
        let text = i18n::msg(self.ctx.lang);
        let shown = if path == "<stdin>" { "-" } else { path };
        let d = Diagnostic::error(text.answers_not_results(kind)).help(text.answers_not_results_help(Some(shown)));
        self.reject(path, "", d);
    }

    fn reject(&mut self, path: &str, text: &str, d: Diagnostic) {
        eprint!("{}", diag::render_counted(path, text, 1, &[d], self.ctx.lang, &mut self.shown));
        self.rejected += 1;
    }
}

/// A result file: JSON Lines line by line; other files (one result or an
/// array) and stdin whole.
fn read_file(st: &mut State<'_>, file: &str) -> Result<()> {
    st.shown = diag::Shown::default();
    let read = read_one(st, file);
    eprint!("{}", st.shown.tail(st.ctx.lang));
    read
}

fn read_one(st: &mut State<'_>, file: &str) -> Result<()> {
    let lang = st.ctx.lang;
    let lines = file != "-" && (file.ends_with(".jsonl") || file.ends_with(".ndjson"));
    if let Some(kind) = answers_by_name(file) {
        st.reject_answers(file, kind);
        return Ok(());
    }
    if !lines {
        let name = if file == "-" { "<stdin>" } else { file };
        let bytes = read_input(file)?;
        if let Some(kind) = answers_by_content(&bytes) {
            st.reject_answers(name, kind);
            return Ok(());
        }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        drop(bytes);
        for rec in resultfile::parse(&text, false, lang) {
            match rec.outcome {
                Ok((doc, _)) => st.add(doc)?,
                Err(d) => st.reject(name, &text, *d),
            }
        }
        return Ok(());
    }
    let f = std::fs::File::open(file).map_err(|e| Error::io(file, IoAction::Read, e))?;
    read_lines(st, file, Box::new(BufReader::with_capacity(1 << 16, f)))
}

/// A result's line the careful way: the result, or its problem rendered
/// (named by its line in the file; the snippet would show line 1).
fn careful_line(file: &str, line: usize, body: &str, lang: Lang) -> std::result::Result<ResultDoc, String> {
    match resultfile::parse(body, true, lang).pop().map(|r| r.outcome) {
        Some(Ok((doc, _))) => Ok(doc),
        Some(Err(mut d)) => {
            d.span = None;
            Err(diag::render(&format!("{file}:{line}"), body, &[*d], lang))
        }
        None => Err(String::new()),
    }
}

/// The text of a line: a byte-order mark and spaces left out.
fn body(raw: &[u8]) -> std::borrow::Cow<'_, str> {
    if let Ok(t) = std::str::from_utf8(raw) {
        return std::borrow::Cow::Borrowed(t.trim_start_matches('\u{feff}').trim());
    }
    match String::from_utf8_lossy(raw) {
        std::borrow::Cow::Borrowed(t) => std::borrow::Cow::Borrowed(t.trim_start_matches('\u{feff}').trim()),
        std::borrow::Cow::Owned(t) => std::borrow::Cow::Owned(t.trim_start_matches('\u{feff}').trim().to_string()),
    }
}

/// Results as JSON Lines, a block of lines at a time: read the quick way on
/// every core once the first result has set the report up, in order.
fn read_lines(st: &mut State<'_>, file: &str, reader: Box<dyn BufRead + '_>) -> Result<()> {
    let lang = st.ctx.lang;
    let io_err = |e: std::io::Error| Error::io(file, IoAction::Read, e);
    let mut blocks = Blocks::with_size(reader, RESULT_BLOCK);
    let mut any = false;
    // Until the first result, and throughout with --pack (which renders
    // each person's report): every result whole, one at a time.
    while st.builder.is_none() || st.pack.is_some() {
        let Some(b) = blocks.next_block().map_err(io_err)? else { break };
        for (line, raw) in b.lines() {
            let text = body(raw);
            if text.is_empty() {
                continue;
            }
            any = true;
            match careful_line(file, line, &text, lang) {
                Ok(doc) => st.add(doc)?,
                Err(report) => {
                    if st.shown.admit(1) == 1 {
                        eprint!("{report}");
                    }
                    st.rejected += 1;
                }
            }
        }
        blocks.give_back(b.bytes, b.out);
    }
    if let Some(builder) = st.builder.as_ref().filter(|_| st.pack.is_none()) {
        let reader = builder.reader();
        let mut shown = std::mem::take(&mut st.shown);
        let read = each_line(
            &mut blocks,
            pipeline::threads(),
            &mut shown,
            io_err,
            |line, raw| {
                let quick = raw.strip_prefix("\u{feff}".as_bytes()).unwrap_or(raw).trim_ascii();
                if quick.is_empty() {
                    return None;
                }
                if let Some(row) = reader.row(quick) {
                    return Some(Ok(row));
                }
                let text = body(raw);
                (!text.is_empty()).then(|| careful_line(file, line, &text, lang).map(|doc| reader.row_of(&doc)))
            },
            |row| {
                st.add_row(row);
                Ok(())
            },
        )?;
        st.shown = shown;
        any |= read.any;
        st.rejected += read.rejected;
    }
    if !any {
        st.reject(file, "", Diagnostic::error(i18n::msg(lang).file_holds_no_results()));
    }
    Ok(())
}

/// Results from the store, one at a time.
fn read_store(st: &mut State<'_>, from: &Results) -> Result<()> {
    let ctx = st.ctx;
    let Some(store) = ctx.open_existing_store()? else {
        return Err(Error::BadInput(Problem::NoStore { with_import: true }));
    };
    let path = ctx.store_path()?;
    let filter = match from {
        Results::Session(s) => Filter { session: Some(s.clone()), ..Filter::default() },
        _ => Filter { all: true, ..Filter::default() },
    };
    let res = store.for_each(&filter, &mut |raw: &str| {
        let careful = |raw: &str| -> Result<Option<ResultDoc>> {
            let doc: ResultDoc = serde_json::from_str(raw).map_err(|e| {
                ctx.store_error(StoreError::Corrupt {
                    path: path.clone(),
                    id: serde_json::from_str::<serde_json::Value>(raw)
                        .ok()
                        .and_then(|v| v.get("id").and_then(|i| i.as_str()).map(str::to_string))
                        .unwrap_or_default(),
                    reason: e.to_string(),
                })
            })?;
            Ok(Some(doc))
        };
        st.add_text(raw, careful).map_err(|e| StoreError::Stopped(Box::new(e)))
    });
    match res {
        Err(StoreError::Stopped(e)) => Err(*e),
        Err(e) => Err(ctx.store_error(e)),
        Ok(_) => Ok(()),
    }
}

// ---------------------------------------------------------------------------
// The trainer's pack.

/// The stem of the group report's files in a pack.
const GROUP_STEM: &str = "group-report";

/// A file name made from a person's name: no path separators, no `..`, no
/// control, bidi, zero-width or reserved characters, not hidden, at most 80
/// bytes, never ending in `.360` (the ending of the 360 views' files);
/// Chinese and other letters are kept.
pub fn safe_file_stem(name: &str) -> String {
    let mut s: String = name
        .chars()
        .filter_map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => Some('_'),
            c if c.is_control() => Some('_'),
            // Invisible: they would hide or reorder the name (U+202E).
            c if crate::visible::is_hidden(c) || invisible_in_names(c) => None,
            c if c.is_whitespace() => Some(' '),
            c => Some(c),
        })
        .collect();
    s = s.trim().trim_start_matches('.').trim().to_string();
    while s.contains("..") {
        s = s.replace("..", ".");
    }
    let s = s.trim_end_matches(['.', ' ']).to_string();
    let mut out = String::new();
    for c in s.chars() {
        if out.len() + c.len_utf8() > 80 {
            break;
        }
        out.push(c);
    }
    let out = out.trim_end_matches(['.', ' ']).to_string();
    let reserved = ["con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "lpt1", "lpt2", "lpt3"];
    let out = if out.is_empty() {
        "unnamed".to_string()
    } else if reserved.contains(&out.to_ascii_lowercase().as_str()) {
        format!("_{out}")
    } else {
        out
    };
    // "张三.360" is not to be taken for 张三's 360 view.
    match out.len().checked_sub(4) {
        Some(i) if out.is_char_boundary(i) && out[i..].eq_ignore_ascii_case(".360") => format!("{}_360", &out[..i]),
        _ => out,
    }
}

/// Characters that show nothing (a soft hyphen, variation selectors, tags,
/// fillers): left out of file names as well.
fn invisible_in_names(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{34f}' | '\u{115f}' | '\u{1160}' | '\u{3164}' | '\u{fe00}'..='\u{fe0f}' | '\u{ffa0}' | '\u{e0000}'..='\u{e0fff}')
}

/// The endings of a person's own files, and of a subject's 360 view.
const OWN: [(&str, Format); 3] = [("txt", Format::Table), ("md", Format::Markdown), ("html", Format::Html)];
const VIEW_360: [(&str, Format); 3] =
    [(".360.txt", Format::Table), (".360.md", Format::Markdown), (".360.html", Format::Html)];

struct Pack {
    dir: PathBuf,
    style: Style,
    /// Every file name given out, in lower case (file systems that ignore
    /// case would take two names for one file): no two files share a name.
    files: HashSet<String>,
    /// Stems given to people, in lower case.
    stems_used: HashSet<String>,
    /// Person → the stem of their files.
    stems: HashMap<String, String>,
    /// The self-assessments to hand out, in the order read: each person's
    /// latest per session (SPEC §10 rule 1), or every one with
    /// `--every-result`.
    people: Vec<ResultDoc>,
    /// (name, department, session) → place in `people`.
    latest: HashMap<(String, Option<String>, Option<String>), usize>,
    written: usize,
}

impl Pack {
    fn create(ctx: &Ctx, dir: &Path) -> Result<Pack> {
        if dir.exists() && !dir.is_dir() {
            return Err(Error::BadInput(Problem::PackNotDir(dir.to_path_buf())));
        }
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        builder.create(dir).map_err(|e| Error::io(dir, IoAction::CreateDir, e))?;
        // A folder that was there already is made private too.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
                .map_err(|e| Error::io(dir, IoAction::CreateDir, e))?;
        }
        let stems_used = HashSet::from([GROUP_STEM.to_string()]);
        Ok(Pack {
            dir: dir.to_path_buf(),
            style: ctx.style(true, false),
            files: HashSet::new(),
            stems_used,
            stems: HashMap::new(),
            people: Vec::new(),
            latest: HashMap::new(),
            written: 0,
        })
    }

    /// A self-assessment to hand out: the later of a person's results of
    /// one session replaces the earlier.
    fn keep(&mut self, doc: ResultDoc, every: bool) {
        if every {
            self.people.push(doc);
            return;
        }
        let key = (doc.subject.name.clone(), doc.subject.department.clone(), doc.session.clone());
        match self.latest.get(&key) {
            Some(&i) => {
                let when = |d: &ResultDoc| crate::result::utc_key(&d.taken_at);
                if when(&doc) >= when(&self.people[i]) {
                    self.people[i] = doc;
                }
            }
            None => {
                self.latest.insert(key, self.people.len());
                self.people.push(doc);
            }
        }
    }

    /// Whether every file `stem` + ending is still free.
    fn free(&self, stem: &str, endings: &[&str]) -> bool {
        endings.iter().all(|e| !self.files.contains(&format!("{stem}{e}").to_lowercase()))
    }

    /// A stem made from `name` used by nobody yet, whose files with these
    /// endings are all free.
    fn new_stem(&mut self, name: &str, endings: &[&str]) -> String {
        let base = safe_file_stem(name);
        let mut stem = base.clone();
        let mut k = 2;
        while self.stems_used.contains(&stem.to_lowercase()) || !self.free(&stem, endings) {
            stem = format!("{base}-{k}");
            k += 1;
        }
        self.stems_used.insert(stem.to_lowercase());
        stem
    }

    /// The stem of this person's files: their first one, or a new one.
    fn stem(&mut self, name: &str, endings: &[&str]) -> String {
        if let Some(s) = self.stems.get(name).filter(|s| self.free(s, endings)) {
            return s.clone();
        }
        let stem = self.new_stem(name, endings);
        self.stems.entry(name.to_string()).or_insert_with(|| stem.clone());
        stem
    }

    /// Write one file of the pack: text for people with hidden characters
    /// shown as escapes (SPEC §12), JSON as it is.
    fn write(&mut self, file: &str, text: &str, format: Format) -> Result<()> {
        if !self.files.insert(file.to_lowercase()) {
            return Err(Error::Internal(crate::error::Internal::PackName(file.to_string())));
        }
        let colour = self.style.color;
        crate::output::write_atomic(&self.dir.join(file), |w| {
            if format.shows_hidden_as_escapes() {
                crate::visible::through(w, colour, |v| Ok(v.write_all(text.as_bytes())?))
            } else {
                Ok(w.write_all(text.as_bytes())?)
            }
        })?;
        self.written += 1;
        Ok(())
    }

    /// A person's own report, as text, Markdown and HTML, with the group's
    /// means beside their scores where the group is shown (SPEC §10).
    fn person(&mut self, doc: &ResultDoc, group: Option<&report::GroupMeans>) -> Result<()> {
        let endings = OWN.map(|(e, _)| format!(".{e}"));
        let endings: Vec<&str> = endings.iter().map(String::as_str).collect();
        let stem = if self.stems.contains_key(&doc.subject.name) {
            // A second self-assessment of the same name: its own files.
            self.new_stem(&doc.subject.name, &endings)
        } else {
            self.stem(&doc.subject.name, &endings)
        };
        let entry = [Entry::new(doc, None).with_group(group)];
        for (ext, format) in OWN {
            let text = String::from_utf8_lossy(&report::render(format, &self.style, &entry)).into_owned();
            self.write(&format!("{stem}.{ext}"), &text, format)?;
        }
        Ok(())
    }

    /// The group report in every format, and each subject's 360 view.
    fn finish(&mut self, _ctx: &Ctx, builder: &Builder, doc: &GroupDoc, texts: &Texts, min_group: usize) -> Result<()> {
        let means = report::GroupMeans::of(doc);
        for person in std::mem::take(&mut self.people) {
            self.person(&person, means.as_ref())?;
        }
        let style = self.style.clone();
        for (ext, format) in [
            ("txt", Format::Table),
            ("md", Format::Markdown),
            ("html", Format::Html),
            ("json", Format::Json),
            ("csv", Format::Csv),
        ] {
            let text =
                report::renderer(format, &Style { bom: format == Format::Csv, ..style.clone() }).group(doc, texts);
            self.write(&format!("{GROUP_STEM}.{ext}"), &text, format)?;
        }
        // With subgroups, their means side by side, for a spreadsheet.
        let means_csv = report::group::means_csv(doc, texts, style.lang, true);
        if !means_csv.is_empty() {
            self.write(&format!("{GROUP_STEM}-means.csv"), &means_csv, Format::Csv)?;
        }
        if !doc.subjects.is_empty() {
            let endings = VIEW_360.map(|(e, _)| e);
            for name in builder.subject_names() {
                if let Some(s) = builder.subject_360_named(&name, min_group) {
                    let stem = self.stem(&name, &endings);
                    for (ending, format) in VIEW_360 {
                        let text = report::renderer(format, &style).subject_360(doc, &s, texts);
                        self.write(&format!("{stem}{ending}"), &text, format)?;
                    }
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stems_are_safe() {
        assert_eq!(safe_file_stem("张三"), "张三");
        assert_eq!(safe_file_stem("../../etc/passwd"), "_._etc_passwd");
        assert_eq!(safe_file_stem(".."), "unnamed");
        assert_eq!(safe_file_stem("a\u{0}b\nc"), "a_b_c");
        assert_eq!(safe_file_stem("  .hidden "), "hidden");
        assert_eq!(safe_file_stem("C:\\x"), "C__x");
        assert_eq!(safe_file_stem("con"), "_con");
        assert_eq!(safe_file_stem(""), "unnamed");
        let long = "张".repeat(100);
        assert!(safe_file_stem(&long).len() <= 80);
        for s in ["a/b", "..", "x..y", "/", "\\..\\"] {
            let out = safe_file_stem(s);
            assert!(!out.contains('/') && !out.contains('\\') && !out.contains(".."), "{s:?} → {out:?}");
        }
    }

    #[test]
    fn file_stems_carry_nothing_invisible_and_never_end_like_a_360_view() {
        assert_eq!(safe_file_stem("张\u{202e}三\u{200b}"), "张三");
        assert_eq!(safe_file_stem("\u{feff}\u{2066}李四\u{2069}\u{200d}\u{ad}"), "李四");
        assert_eq!(safe_file_stem("a\u{1b}]0;x\u{7}"), "a_]0;x_");
        assert_eq!(safe_file_stem("张三.360"), "张三_360");
        assert_eq!(safe_file_stem("张三.360 "), "张三_360");
        assert_eq!(safe_file_stem("Zhang.360"), "Zhang_360");
        assert_eq!(safe_file_stem("J. Smith"), "J. Smith");
        assert_eq!(safe_file_stem("\u{202e}"), "unnamed");
        for name in ["a\u{9b}b", "\u{61c}x", "x\u{200f}", "\u{2060}y", "\u{180e}z", "\u{fe0f}w"] {
            let out = safe_file_stem(name);
            assert!(
                !out.chars().any(|c| crate::visible::is_hidden(c) || c.is_control() || invisible_in_names(c)),
                "{out:?}"
            );
        }
    }
}

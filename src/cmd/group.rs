//! `zhixing group`: results from files, JSON Lines or the store, read one
//! at a time, into one group report; `--pack DIR` also writes each person's
//! own report for the trainer to hand out.

use std::collections::BTreeMap;
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
use crate::report::{self, pack};
use crate::result::ResultDoc;
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
        Some(dir) => Some(Pack::create(ctx, dir, args.every_result)?),
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
    if let Some(pack) = st.pack.take() {
        let dir = pack.dir.clone();
        let written = pack.finish(&builder, &doc, texts, min_group)?;
        crate::output::note(&i18n::msg(ctx.lang).files_written(written, &dir));
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
        if let Some(pack) = &mut self.pack {
            pack.files.keep(doc);
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
// The trainer's pack: made by `report::pack`, written into its folder here.

/// The pack of `--pack DIR`: its files, and the private folder they go to.
struct Pack {
    dir: PathBuf,
    files: pack::Pack,
}

impl Pack {
    /// The folder made, or made private where it was there already.
    fn create(ctx: &Ctx, dir: &Path, every_result: bool) -> Result<Pack> {
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
        Ok(Pack { dir: dir.to_path_buf(), files: pack::Pack::new(ctx.style(true, false), every_result) })
    }

    /// Every file, each written atomically into the folder; how many.
    fn finish(self, builder: &Builder, doc: &GroupDoc, texts: &Texts, min_group: usize) -> Result<usize> {
        self.files.write(&mut Folder(&self.dir), builder, doc, texts, min_group)
    }
}

/// A pack's files into a folder, each written atomically.
struct Folder<'a>(&'a Path);

impl pack::PackSink for Folder<'_> {
    fn put(&mut self, name: &str, bytes: &[u8]) -> Result<()> {
        crate::output::write_atomic(&self.0.join(name), |w| Ok(w.write_all(bytes)?))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::io::Read;

    use super::*;
    use crate::group::By;
    use crate::response::Response;
    use crate::result::{Rater, Role, Subject};
    use crate::rubric::Loaded;
    use crate::score::{self, Options};
    use crate::testing;

    /// A result of the grouped rubric: every item answered `v`.
    fn result(l: &Loaded, name: &str, role: Role, rater: Option<&str>, v: i64, at: &str) -> ResultDoc {
        let resp = Response {
            subject: Subject { name: name.to_string(), ..Default::default() },
            rater: Rater { role, name: rater.map(str::to_string) },
            session: None,
            taken_at: Some(at.to_string()),
            answers: ["a", "b", "c", "e", "f", "h"].iter().map(|k| (k.to_string(), Some(v))).collect(),
            seconds: None,
        };
        let opts = Options { lang: "en".to_string(), ..Options::default() };
        score::score(l, &resp, &opts, format!("id-{name}-{v}-{at}"), at)
    }

    /// The central directory of a zip: each file's name (raw) and whether
    /// it is flagged as UTF-8 (bit 11).
    fn flagged_names(bytes: &[u8]) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(k) = bytes[at..].windows(4).position(|w| w == b"PK\x01\x02") {
            let h = at + k;
            let u16_at = |o: usize| u16::from_le_bytes([bytes[h + o], bytes[h + o + 1]]) as usize;
            let (flags, len) = (u16_at(8), u16_at(28));
            out.push((String::from_utf8(bytes[h + 46..h + 46 + len].to_vec()).unwrap(), flags & 0x800 != 0));
            at = h + 46 + len;
        }
        out
    }

    #[test]
    fn the_zip_holds_the_folders_files_byte_for_byte() {
        let l = testing::grouped();
        let early = "2026-11-28T09:30:00+08:00";
        let late = "2026-11-28T10:30:00+08:00";
        let results = vec![
            result(&l, "张三", Role::SelfRating, None, 4, early),
            result(&l, "张三", Role::Supervisor, Some("领导"), 2, early),
            result(&l, "张三", Role::Peer, Some("同事甲"), 3, early),
            result(&l, "../../etc/passwd", Role::SelfRating, None, 5, early),
            // A later result of the same person replaces the earlier.
            result(&l, "李\u{202e}四", Role::SelfRating, None, 1, early),
            result(&l, "李\u{202e}四", Role::SelfRating, None, 2, late),
            result(&l, "张三.360", Role::SelfRating, None, 3, early),
        ];
        let style = pack::style(Lang::Zh, false);
        let mut builder = Builder::new(&results[0], Some(&l.rubric), "zh", Some(By::Subject), false);
        for r in &results {
            builder.add(r);
        }
        let doc = builder.finish(1, 7);
        let texts = builder.texts();

        let dir = tempfile::tempdir().unwrap();
        let mut folder = pack::Pack::new(style.clone(), false);
        for r in &results {
            folder.keep(r.clone());
        }
        let written = folder.write(&mut Folder(dir.path()), &builder, &doc, texts, 1).unwrap();
        let on_disk: BTreeMap<String, Vec<u8>> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (e.file_name().into_string().unwrap(), std::fs::read(e.path()).unwrap())
            })
            .collect();
        assert_eq!(written, on_disk.len());

        let modified = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap().and_hms_opt(10, 45, 30).unwrap();
        let bytes = pack::zip(&builder, &doc, texts, 1, &style, results.clone(), modified).unwrap();
        let mut archive = ::zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
        let mut in_zip = BTreeMap::new();
        for i in 0..archive.len() {
            let mut f = archive.by_index(i).unwrap();
            assert_eq!(f.compression(), ::zip::CompressionMethod::Deflated, "{:?}", f.name());
            let when = f.last_modified().unwrap();
            assert_eq!((when.year(), when.month(), when.day(), when.hour(), when.minute()), (2026, 11, 28, 10, 45));
            assert_eq!(f.unix_mode().map(|m| m & 0o777), Some(0o600));
            let mut content = Vec::new();
            f.read_to_end(&mut content).unwrap();
            in_zip.insert(f.name().unwrap().into_owned(), content);
        }
        assert_eq!(in_zip.keys().collect::<Vec<_>>(), on_disk.keys().collect::<Vec<_>>());
        assert!(in_zip == on_disk, "the same bytes in the zip as in the folder");

        let names: Vec<&str> = on_disk.keys().map(String::as_str).collect();
        for want in ["张三.txt", "张三.360.html", "_._etc_passwd.md", "李四.html", "张三_360.txt", "group-report.json"]
        {
            assert!(names.contains(&want), "{want}: {names:?}");
        }
        // 李四's later result is the one handed out, its hidden character shown.
        let own = String::from_utf8(on_disk["李四.txt"].clone()).unwrap();
        assert!(own.contains("李\\u{202e}四"), "{own}");
        assert!(!names.contains(&"李四-2.txt"), "one 李四: {names:?}");
        // Names flagged as UTF-8 where they are not ASCII.
        let flagged = flagged_names(&bytes);
        assert_eq!(flagged.len(), on_disk.len());
        for (name, utf8) in flagged {
            assert_eq!(utf8, !name.is_ascii(), "{name}");
        }
    }
}

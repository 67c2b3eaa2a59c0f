//! The trainer's pack (SPEC §10): the group report in every format, each
//! person's own report with the group's means beside their scores, the
//! means of the subgroups as CSV, and each subject's 360 view, as named
//! files. Pure: each file goes, as bytes, to a [`PackSink`]: a folder
//! (`zhixing group --pack DIR`, whose command writes each file atomically)
//! or a zip archive in memory ([`ZipSink`], [`zip`]: the download of the
//! trainer's page of `zhixing serve`, SPEC §16).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::Write;

use crate::error::{Error, Internal, Result};
use crate::group::{Builder, GroupDoc, Texts};
use crate::lang::Lang;
use crate::report::{self, Entry, Format, GroupMeans, Style};
use crate::result::{ResultDoc, Role};

/// The stem of the group report's files in a pack.
pub const GROUP_STEM: &str = "group-report";

/// Where the files of a pack go, one at a time, each named once (no two
/// names differ in case only).
pub trait PackSink {
    /// Keep the file `name` (a plain file name, no folder) with these bytes.
    fn put(&mut self, name: &str, bytes: &[u8]) -> Result<()>;
}

/// The style of the files of a pack: for a file, not a terminal (no colour,
/// no width), CSV starting with a byte-order mark.
pub fn style(lang: Lang, ascii: bool) -> Style {
    Style { lang, color: false, ascii, width: Style::NO_TERMINAL, bom: true }
}

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

/// A pack being made: the self-assessments to hand out are kept while the
/// results stream in ([`Pack::keep`]), and every file is made at the end
/// ([`Pack::write`]).
pub struct Pack {
    style: Style,
    /// `--every-result`: every self-assessment is handed out.
    every: bool,
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
}

impl Pack {
    /// A pack whose files for people are rendered in `style` (see
    /// [`style`]); `every_result` hands out every self-assessment, not
    /// only each person's latest.
    pub fn new(style: Style, every_result: bool) -> Pack {
        Pack {
            style,
            every: every_result,
            files: HashSet::new(),
            stems_used: HashSet::from([GROUP_STEM.to_string()]),
            stems: HashMap::new(),
            people: Vec::new(),
            latest: HashMap::new(),
        }
    }

    /// A result read (of the group's rubric: see [`Builder::accepts`]): a
    /// self-assessment is kept to hand out, the later of a person's results
    /// of one session replacing the earlier; ratings by others are not.
    pub fn keep(&mut self, doc: ResultDoc) {
        if doc.rater.role != Role::SelfRating {
            return;
        }
        if self.every {
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

    /// Every file of the pack to `sink`: each person's own report, the
    /// group report in every format, the subgroups' means and each
    /// subject's 360 view. `builder` is the one that made `doc` (with
    /// `min_group`), `texts` its [`Builder::texts`]. The number of files.
    pub fn write(
        mut self,
        sink: &mut dyn PackSink,
        builder: &Builder,
        doc: &GroupDoc,
        texts: &Texts,
        min_group: usize,
    ) -> Result<usize> {
        let means = GroupMeans::of(doc);
        for person in std::mem::take(&mut self.people) {
            self.person(sink, &person, means.as_ref())?;
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
            self.file(sink, &format!("{GROUP_STEM}.{ext}"), &text, format)?;
        }
        // With subgroups, their means side by side, for a spreadsheet.
        let means_csv = report::group::means_csv(doc, texts, style.lang, true);
        if !means_csv.is_empty() {
            self.file(sink, &format!("{GROUP_STEM}-means.csv"), &means_csv, Format::Csv)?;
        }
        if !doc.subjects.is_empty() {
            let endings = VIEW_360.map(|(e, _)| e);
            for name in builder.subject_names() {
                if let Some(s) = builder.subject_360_named(&name, min_group) {
                    let stem = self.stem(&name, &endings);
                    for (ending, format) in VIEW_360 {
                        let text = report::renderer(format, &style).subject_360(doc, &s, texts);
                        self.file(sink, &format!("{stem}{ending}"), &text, format)?;
                    }
                }
            }
        }
        Ok(self.files.len())
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

    /// One file of the pack: text for people with hidden characters shown
    /// as escapes (SPEC §12), JSON as it is.
    fn file(&mut self, sink: &mut dyn PackSink, name: &str, text: &str, format: Format) -> Result<()> {
        if !self.files.insert(name.to_lowercase()) {
            return Err(Error::Internal(Internal::PackName(name.to_string())));
        }
        let bytes = if format.shows_hidden_as_escapes() {
            let mut out = Vec::with_capacity(text.len());
            crate::visible::through(&mut out, self.style.color, |v| -> Result<()> {
                Ok(v.write_all(text.as_bytes())?)
            })?;
            Cow::Owned(out)
        } else {
            Cow::Borrowed(text.as_bytes())
        };
        sink.put(name, &bytes)
    }

    /// A person's own report, as text, Markdown and HTML, with the group's
    /// means beside their scores where the group is shown (SPEC §10).
    fn person(&mut self, sink: &mut dyn PackSink, doc: &ResultDoc, group: Option<&GroupMeans>) -> Result<()> {
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
            self.file(sink, &format!("{stem}.{ext}"), &text, format)?;
        }
        Ok(())
    }
}

/// A pack as a zip archive in memory: each file deflated, named in UTF-8,
/// dated `modified`, readable by its owner only where unpacked.
pub struct ZipSink {
    zip: ::zip::ZipWriter<std::io::Cursor<Vec<u8>>>,
    options: ::zip::write::SimpleFileOptions,
}

impl ZipSink {
    /// An empty archive whose files are dated `modified`, a local time (the
    /// zip format has no time zone; a time before 1980 or after 2107 gives
    /// 1980-01-01).
    pub fn new(modified: chrono::NaiveDateTime) -> ZipSink {
        use chrono::{Datelike, Timelike};
        let when = u16::try_from(modified.year())
            .ok()
            .and_then(|year| {
                let byte = |v: u32| u8::try_from(v).unwrap_or(0);
                ::zip::DateTime::from_date_and_time(
                    year,
                    byte(modified.month()),
                    byte(modified.day()),
                    byte(modified.hour()),
                    byte(modified.minute()),
                    byte(modified.second()),
                )
                .ok()
            })
            .unwrap_or_default();
        let options = ::zip::write::SimpleFileOptions::default()
            .compression_method(::zip::CompressionMethod::Deflated)
            .last_modified_time(when)
            .unix_permissions(0o600);
        ZipSink { zip: ::zip::ZipWriter::new(std::io::Cursor::new(Vec::new())), options }
    }

    /// The bytes of the archive.
    pub fn finish(self) -> Result<Vec<u8>> {
        Ok(self.zip.finish().map_err(zip_error)?.into_inner())
    }
}

impl PackSink for ZipSink {
    fn put(&mut self, name: &str, bytes: &[u8]) -> Result<()> {
        self.zip.start_file(name, self.options).map_err(zip_error)?;
        self.zip.write_all(bytes).map_err(|e| Error::Internal(Internal::Zip(e.to_string())))
    }
}

fn zip_error(e: ::zip::result::ZipError) -> Error {
    Error::Internal(Internal::Zip(e.to_string()))
}

/// The whole pack as the bytes of a zip archive, as `zhixing group --pack`
/// would write it into a folder: for the trainer's page of `zhixing serve`.
///
/// Call it as `zhixing group` makes its report:
///
/// - `builder`: a [`Builder::new`]`(&first, rubric, lang.code(), by,
///   named)` (the first result, the rubric of its id and version where at
///   hand, `by` None for the whole session, `named` false), with
///   `.every_result(false)`, to which every result of the group's rubric
///   ([`Builder::accepts`]) has been given with [`Builder::add`];
/// - `doc`: `builder.finish(min_group, seed)`, a fresh random `seed` each
///   time (the order of the numbered subjects of the 360 view), with the
///   norms' sem filled in where norms are used;
/// - `texts`: `builder.texts()`;
/// - `min_group`: the anonymity floor `doc` was made with;
/// - `style`: [`style`]`(lang, false)`, the interface language;
/// - `results`: the results added to `builder`, in the order added (oldest
///   first); the self-assessments among them are handed out, each person's
///   latest per session, the others are left out;
/// - `modified`: the local time now, the files' date in the archive.
///
/// The file names are those of the folder (at the top of the archive, no
/// folder); the error is [`Internal::Zip`] or [`Internal::PackName`], a bug
/// either way.
pub fn zip(
    builder: &Builder,
    doc: &GroupDoc,
    texts: &Texts,
    min_group: usize,
    style: &Style,
    results: impl IntoIterator<Item = ResultDoc>,
    modified: chrono::NaiveDateTime,
) -> Result<Vec<u8>> {
    let mut pack = Pack::new(style.clone(), false);
    for r in results.into_iter().filter(|r| builder.accepts(r)) {
        pack.keep(r);
    }
    let mut sink = ZipSink::new(modified);
    pack.write(&mut sink, builder, doc, texts, min_group)?;
    sink.finish()
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

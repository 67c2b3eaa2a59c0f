//! The one rendering path: a [`Renderer`] per format, chosen once by
//! [`renderer`], says how each document is written in that format. The
//! formats' own files (`table`, `markdown`, `html`, `csv`, `json`) write
//! results; the documents' files (`history`, `group`) write theirs in each
//! format; this file joins the two, so that neither imports the other.
//!
//! A new document is a new method of [`Renderer`]: every format must then
//! say how it writes it, or the crate does not compile. A new format is a
//! new variant of [`Format`], its arm in [`renderer`] and its implementation.

use std::io::{self, Write};

use super::compare;
use super::csv::CsvWriter;
use super::history::{self, History};
use super::html::HtmlSink;
use super::json::{JsonSink, JsonlSink};
use super::markdown::MarkdownSink;
use super::table::TableSink;
use super::{Entry, Format, Style, group};
use crate::compare::CompareDoc;
use crate::group::{GroupDoc, Subject360, Texts};

/// How each document is written in one format.
pub trait Renderer {
    /// One result, with the subject's previous one; results come one at a
    /// time, so batches stream.
    fn write(&mut self, out: &mut dyn Write, entry: Entry<'_>) -> io::Result<()>;
    /// After the last result.
    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()>;
    /// A subject's results over time.
    fn history(&self, h: &History) -> String;
    /// A group report.
    fn group(&self, doc: &GroupDoc, texts: &Texts) -> String;
    /// One subject's 360 view alone, for the trainer's pack. The machine
    /// formats have no page of their own for it: it is the table.
    fn subject_360(&self, doc: &GroupDoc, s: &Subject360, texts: &Texts) -> String;
    /// A group before and after (SPEC §14).
    fn compare(&self, doc: &CompareDoc, texts: &Texts) -> String;
}

/// The renderer of a format.
pub fn renderer(format: Format, style: &Style) -> Box<dyn Renderer> {
    let style = style.clone();
    match format {
        Format::Table => Box::new(Table { results: TableSink::new(style.clone()), style }),
        Format::Markdown => Box::new(Markdown { results: MarkdownSink::new(style.clone()), style }),
        Format::Html => Box::new(Html { results: HtmlSink::new(style.clone()), style }),
        Format::Csv => Box::new(Csv { results: CsvWriter::results(style.bom, style.lang), style }),
        Format::Json => Box::new(Json { results: JsonSink::default(), style }),
        Format::Jsonl => Box::new(Jsonl { results: JsonlSink, style }),
    }
}

struct Table {
    results: TableSink,
    style: Style,
}

struct Markdown {
    results: MarkdownSink,
    style: Style,
}

struct Html {
    results: HtmlSink,
    style: Style,
}

struct Csv {
    results: CsvWriter,
    style: Style,
}

struct Json {
    results: JsonSink,
    style: Style,
}

struct Jsonl {
    results: JsonlSink,
    style: Style,
}

/// Results go to the format's own writer.
macro_rules! results {
    () => {
        fn write(&mut self, out: &mut dyn Write, entry: Entry<'_>) -> io::Result<()> {
            self.results.write(out, entry)
        }

        fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
            self.results.finish(out)
        }
    };
}

impl Renderer for Table {
    results!();

    fn history(&self, h: &History) -> String {
        history::table(h, &self.style)
    }

    fn group(&self, doc: &GroupDoc, texts: &Texts) -> String {
        group::table(doc, texts, &self.style)
    }

    fn subject_360(&self, doc: &GroupDoc, s: &Subject360, texts: &Texts) -> String {
        group::subject_table(doc, s, texts, &self.style)
    }

    fn compare(&self, doc: &CompareDoc, texts: &Texts) -> String {
        compare::table(doc, texts, &self.style)
    }
}

impl Renderer for Markdown {
    results!();

    fn history(&self, h: &History) -> String {
        history::markdown(h, self.style.lang)
    }

    fn group(&self, doc: &GroupDoc, texts: &Texts) -> String {
        group::markdown_report(doc, texts, self.style.lang)
    }

    fn subject_360(&self, doc: &GroupDoc, s: &Subject360, texts: &Texts) -> String {
        group::subject_markdown(doc, s, texts, self.style.lang)
    }

    fn compare(&self, doc: &CompareDoc, texts: &Texts) -> String {
        compare::markdown(doc, texts, self.style.lang)
    }
}

impl Renderer for Html {
    results!();

    fn history(&self, h: &History) -> String {
        history::html(h, self.style.lang)
    }

    fn group(&self, doc: &GroupDoc, texts: &Texts) -> String {
        group::html(doc, texts, self.style.lang)
    }

    fn subject_360(&self, doc: &GroupDoc, s: &Subject360, texts: &Texts) -> String {
        group::subject_html(doc, s, texts, self.style.lang)
    }

    fn compare(&self, doc: &CompareDoc, texts: &Texts) -> String {
        compare::html(doc, texts, self.style.lang)
    }
}

impl Renderer for Csv {
    results!();

    fn history(&self, h: &History) -> String {
        history::csv(h, self.style.bom)
    }

    fn group(&self, doc: &GroupDoc, texts: &Texts) -> String {
        group::csv(doc, texts, &self.style)
    }

    fn subject_360(&self, doc: &GroupDoc, s: &Subject360, texts: &Texts) -> String {
        group::subject_table(doc, s, texts, &self.style)
    }

    fn compare(&self, doc: &CompareDoc, texts: &Texts) -> String {
        compare::csv(doc, texts, &self.style)
    }
}

impl Renderer for Json {
    results!();

    fn history(&self, h: &History) -> String {
        history::json(h, true)
    }

    fn group(&self, doc: &GroupDoc, _texts: &Texts) -> String {
        group::json(doc, true)
    }

    fn subject_360(&self, doc: &GroupDoc, s: &Subject360, texts: &Texts) -> String {
        group::subject_table(doc, s, texts, &self.style)
    }

    fn compare(&self, doc: &CompareDoc, _texts: &Texts) -> String {
        compare::json(doc, true)
    }
}

impl Renderer for Jsonl {
    results!();

    fn history(&self, h: &History) -> String {
        history::json(h, false)
    }

    fn group(&self, doc: &GroupDoc, _texts: &Texts) -> String {
        group::json(doc, false)
    }

    fn subject_360(&self, doc: &GroupDoc, s: &Subject360, texts: &Texts) -> String {
        group::subject_table(doc, s, texts, &self.style)
    }

    fn compare(&self, doc: &CompareDoc, _texts: &Texts) -> String {
        compare::json(doc, false)
    }
}

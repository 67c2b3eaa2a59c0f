//! CSV (SPEC §12): one row per dimension; text cells that a spreadsheet
//! would run as a formula are neutralised; numbers stay numbers.

use std::io::{self, Write};

use super::Entry;
use crate::lang::Lang;

/// A text cell made safe for spreadsheets: a leading `=`, `+`, `-`, `@`,
/// tab, CR or LF gets a `'` in front (OWASP "CSV injection").
pub fn csv_cell(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// A number cell: full precision, empty for none.
pub(super) fn num_cell(v: Option<f64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

const RESULT_HEADER: [&str; 24] = [
    "result_id",
    "subject",
    "department",
    "rater_role",
    "rater",
    "session",
    "taken_at",
    "rubric",
    "rubric_version",
    "profile",
    "section",
    "section_title",
    "dimension",
    "dimension_title",
    "score",
    "target",
    "gap",
    "severity",
    "answered",
    "items",
    // Empty, or why the result has no scores, or that the dimension is a
    // self-review, in the interface language.
    "note",
    // With norms (SPEC §13); empty without.
    "percentile",
    "band_low",
    "band_high",
];

/// Writes CSV rows; the header and the byte-order mark come before the first.
pub struct CsvWriter {
    header: Vec<&'static str>,
    bom: bool,
    /// The language of the results' notes.
    lang: Lang,
    started: bool,
    /// One CSV writer for every row (making one costs more than a row),
    /// writing into `buf`, which each row is taken out of.
    csv: csv::Writer<Shared>,
    buf: Shared,
}

/// A buffer the CSV writer writes into and the rows are taken from.
#[derive(Clone, Default)]
struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl CsvWriter {
    pub fn new(header: Vec<&'static str>, bom: bool) -> Self {
        let buf = Shared::default();
        let csv = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(buf.clone());
        CsvWriter { header, bom, lang: Lang::Zh, started: false, csv, buf }
    }

    /// Results, a row per dimension, with notes in `lang`.
    pub fn results(bom: bool, lang: Lang) -> Self {
        CsvWriter { lang, ..CsvWriter::new(RESULT_HEADER.to_vec(), bom) }
    }

    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.started {
            self.started = true;
            if self.bom {
                out.write_all("\u{feff}".as_bytes())?;
            }
            self.row(out, self.header.iter().map(|h| h.to_string()).collect())?;
        }
        Ok(())
    }

    /// Write one row of already-safe cells.
    pub fn row(&mut self, out: &mut dyn Write, cells: Vec<String>) -> io::Result<()> {
        self.csv.write_record(&cells).map_err(io::Error::other)?;
        self.csv.flush()?;
        let mut buf = self.buf.0.borrow_mut();
        let res = out.write_all(&buf);
        buf.clear();
        res
    }

    /// Write one data row: the header first if not yet written.
    pub fn data(&mut self, out: &mut dyn Write, cells: Vec<String>) -> io::Result<()> {
        self.start(out)?;
        self.row(out, cells)
    }
}

impl CsvWriter {
    pub fn write(&mut self, out: &mut dyn Write, entry: Entry<'_>) -> io::Result<()> {
        let r = entry.result;
        let u = crate::i18n::ui(self.lang);
        let note = if super::unscorable(r) { csv_cell(u.unscorable) } else { String::new() };
        for (s, d) in r.dimensions() {
            // A self-review has no score, target or severity (SPEC §5); the
            // severity is said in the people's words, as every report says
            // it (the codes are the JSON's).
            let (target, severity, note) = if d.reflect {
                (None, String::new(), csv_cell(u.self_review))
            } else {
                (Some(d.target), crate::i18n::severity(d.severity, self.lang).to_string(), note.clone())
            };
            let cells = vec![
                csv_cell(&r.id),
                csv_cell(&r.subject.name),
                csv_cell(r.subject.department.as_deref().unwrap_or("")),
                r.rater.role.code().to_string(),
                csv_cell(r.rater.name.as_deref().unwrap_or("")),
                csv_cell(r.session.as_deref().unwrap_or("")),
                csv_cell(&r.taken_at),
                csv_cell(&r.rubric.id),
                csv_cell(&r.rubric.version),
                csv_cell(r.profile.as_deref().unwrap_or("")),
                csv_cell(&s.id),
                csv_cell(&s.title),
                csv_cell(&d.id),
                csv_cell(&d.title),
                num_cell(d.score),
                num_cell(target),
                num_cell(d.gap),
                severity,
                d.answered.to_string(),
                d.items.to_string(),
                note,
                num_cell(d.percentile),
                num_cell(d.band.map(|b| b[0])),
                num_cell(d.band.map(|b| b[1])),
            ];
            self.data(out, cells)?;
        }
        Ok(())
    }

    pub fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        self.start(out)
    }
}

/// The columns of `export --wide` (SPEC §7): one row per result, for Excel
/// and SPSS. Every result of the export is of one rubric id and version, so
/// one header serves them all.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WidePlan {
    /// Attribute names seen in any result, sorted.
    pub attributes: Vec<String>,
    /// (id, title) of each section, in rubric order.
    pub sections: Vec<(String, String)>,
    /// (id, title) of each dimension, in rubric order.
    pub dimensions: Vec<(String, String)>,
    /// Item ids in rubric order.
    pub items: Vec<String>,
}

/// A header cell: on one line, safe for a spreadsheet.
fn header_cell(text: &str) -> String {
    let one_line: String = text.split(['\r', '\n']).filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ");
    csv_cell(one_line.trim())
}

impl WidePlan {
    /// The header in `lang`: names made unique (a repeated one gets "_2",
    /// "_3", … after it), none with a line break.
    pub fn header(&self, lang: Lang) -> Vec<String> {
        let m = crate::i18n::msg(lang);
        let u = crate::i18n::ui(lang);
        let (before, after) = m.wide_headers();
        let mut names: Vec<String> = before.iter().map(|h| h.to_string()).collect();
        names.extend(self.attributes.iter().cloned());
        names.extend(after.iter().map(|h| h.to_string()));
        names.extend(self.sections.iter().map(|(_, t)| format!("{}{}{t}", u.section, u.colon)));
        names.extend(self.dimensions.iter().map(|(_, t)| format!("{}{}{t}", u.dimension, u.colon)));
        names.extend(self.items.iter().cloned());
        let mut seen = std::collections::HashSet::new();
        names
            .into_iter()
            .map(|n| {
                let base = header_cell(&n);
                let mut name = base.clone();
                let mut k = 1;
                while !seen.insert(name.clone()) {
                    k += 1;
                    name = format!("{base}_{k}");
                }
                name
            })
            .collect()
    }

    /// One result's row, its cells in the header's order.
    pub fn row(&self, r: &crate::result::ResultDoc) -> Vec<String> {
        let text = |s: Option<&str>| csv_cell(s.unwrap_or(""));
        let mut cells = vec![
            csv_cell(&r.id),
            csv_cell(&r.subject.name),
            text(r.subject.department.as_deref()),
            r.rater.role.code().to_string(),
            text(r.rater.name.as_deref()),
            text(r.session.as_deref()),
            csv_cell(&r.taken_at),
            csv_cell(&r.rubric.id),
            csv_cell(&r.rubric.version),
        ];
        cells.extend(self.attributes.iter().map(|a| text(r.subject.attributes.get(a).map(String::as_str))));
        cells.push(num_cell(r.quality.seconds));
        cells.push(csv_cell(&r.quality.flags.join(";")));
        cells.push(num_cell(r.overall.score));
        cells.extend(
            self.sections.iter().map(|(id, _)| num_cell(r.sections.iter().find(|s| s.id == *id).and_then(|s| s.score))),
        );
        cells.extend(
            self.dimensions
                .iter()
                .map(|(id, _)| num_cell(r.dimensions().find(|(_, d)| d.id == *id).and_then(|(_, d)| d.score))),
        );
        cells.extend(
            self.items.iter().map(|id| r.answers.get(id).copied().flatten().map(|v| v.to_string()).unwrap_or_default()),
        );
        cells
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        for bad in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\nx"] {
            assert!(csv_cell(bad).starts_with('\''), "{bad:?}");
        }
        assert_eq!(csv_cell("张三"), "张三");
        assert_eq!(csv_cell(""), "");
        assert_eq!(num_cell(Some(-0.5)), "-0.5");
    }
}

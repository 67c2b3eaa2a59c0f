//! `--roster FILE` (SPEC §16): the people a participant can choose whom
//! their answers are about, a CSV of 姓名,部门 (UTF-8 or GB18030, as Excel
//! and the form services write it), with or without a heading row.

/// At most this many people in a roster.
pub const MOST: usize = 5000;

/// What is wrong with a roster: the line, and what.
#[derive(Debug, PartialEq, Eq)]
pub enum RosterProblem {
    /// Not CSV at this line.
    NotCsv { line: usize, why: String },
    /// A row with no name.
    NoName { line: usize },
    /// A name or department with a control or bidi character.
    Unsafe { line: usize, column: usize, c: char },
    /// More than [`MOST`] people.
    TooMany,
    /// Nobody in it.
    Empty,
}

/// The people of a roster, in its order, each once: (name, department).
pub fn parse(bytes: &[u8]) -> Result<Vec<(String, Option<String>)>, Vec<RosterProblem>> {
    let text = crate::tabular::decode(bytes);
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let mut people: Vec<(String, Option<String>)> = Vec::new();
    let mut problems = Vec::new();
    for (k, row) in reader.records().enumerate() {
        let line = k + 1;
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                problems.push(RosterProblem::NotCsv {
                    line: e.position().map_or(line, |p| p.line() as usize),
                    why: e.to_string(),
                });
                break;
            }
        };
        let name = row.get(0).unwrap_or("").trim_start_matches('\u{feff}').trim();
        let dept = row.get(1).map(str::trim).filter(|d| !d.is_empty());
        if k == 0 && is_heading(name) {
            continue;
        }
        if name.is_empty() && dept.is_none() {
            continue;
        }
        if name.is_empty() {
            problems.push(RosterProblem::NoName { line });
            continue;
        }
        let mut bad = false;
        for (column, v) in [(1, Some(name)), (2, dept)] {
            if let Some(v) = v
                && let Some((_, c)) = crate::answers::unsafe_at(v)
            {
                problems.push(RosterProblem::Unsafe { line, column, c });
                bad = true;
            }
        }
        if bad {
            continue;
        }
        let person = (name.to_string(), dept.map(str::to_string));
        if !people.contains(&person) {
            if people.len() == MOST {
                problems.push(RosterProblem::TooMany);
                break;
            }
            people.push(person);
        }
    }
    if problems.is_empty() && people.is_empty() {
        problems.push(RosterProblem::Empty);
    }
    if problems.is_empty() { Ok(people) } else { Err(problems) }
}

fn is_heading(cell: &str) -> bool {
    matches!(cell.to_lowercase().as_str(), "姓名" | "名字" | "name" | "被评价人" | "受评人")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_roster_is_read_with_or_without_its_heading_in_utf8_or_gbk() {
        let utf8 = "\u{feff}姓名,部门\n张三,办公室\n李四,\n张三,办公室\n\n王五,综合科\n".as_bytes();
        let want = vec![
            ("张三".to_string(), Some("办公室".to_string())),
            ("李四".to_string(), None),
            ("王五".to_string(), Some("综合科".to_string())),
        ];
        assert_eq!(parse(utf8).unwrap(), want);
        let (gbk, _, _) = encoding_rs::GBK.encode("张三,办公室\n李四\n王五,综合科\n");
        assert_eq!(parse(&gbk).unwrap(), want);
    }

    #[test]
    fn every_bad_row_is_named_at_once() {
        let got = parse("姓名,部门\n,办公室\n张\u{202e}三,办公室\n".as_bytes()).unwrap_err();
        assert_eq!(
            got,
            vec![RosterProblem::NoName { line: 2 }, RosterProblem::Unsafe { line: 3, column: 1, c: '\u{202e}' }]
        );
        assert_eq!(parse(b"name,department\n").unwrap_err(), vec![RosterProblem::Empty]);
    }
}

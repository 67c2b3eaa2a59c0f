//! Checking a parsed answers document against the rubric: the rubric id,
//! the subject and rater, the time and every answer, every problem at once.

use std::collections::BinaryHeap;
use std::ops::Range;

use indexmap::IndexMap;

use crate::diag::{self, Diagnostic};
use crate::i18n::{self, Messages};
use crate::lang::Lang;
use crate::locate::{Locate, Seg};
use crate::path;
use crate::response::{ItemIndex, Respondent};
use crate::result::{Rater, Role, Subject};
use crate::rubric::Rubric;
use crate::textsafe;

use super::doc::{AnswersDoc, Cell};
use super::is_skip;

/// A path as an array, for arguments that borrow a slice (`path!` builds a Vec).
macro_rules! segs {
    ($($seg:expr),* $(,)?) => { [$(crate::locate::Seg::from($seg)),*] };
}

/// Check a parsed answers document against the rubric: every problem at once.
pub(super) fn check(
    doc: AnswersDoc,
    loc: &dyn Locate,
    rubric: &Rubric,
    index: &ItemIndex<'_>,
    lang: Lang,
    diags: Vec<Diagnostic>,
) -> Result<Respondent, Vec<Diagnostic>> {
    let mut c = Checking { loc, rubric, text: i18n::msg(lang), diags };
    c.rubric_id(doc.rubric.as_deref());
    c.subject_name(&doc.subject.name);
    c.safe("subject.name", path!["subject", "name"], Some(&doc.subject.name));
    c.safe("subject.department", path!["subject", "department"], doc.subject.department.as_deref());
    c.safe("session", path!["session"], doc.session.as_deref());
    c.safe("rater.name", path!["rater", "name"], doc.rater.name.as_deref());
    for (k, v) in &doc.subject.attributes {
        let field = format!("subject.attributes.{k}");
        c.safe(&field, path!["subject", "attributes", k.as_str()], Some(k));
        c.safe(&field, path!["subject", "attributes", k.as_str()], Some(v));
    }
    let role = c.role(doc.rater.role.as_deref());
    let rater_name = doc.rater.name.filter(|n| !n.trim().is_empty());
    c.self_rater(role, rater_name.is_some());
    c.taken_at(doc.taken_at.as_deref());
    c.seconds(doc.seconds);
    c.repeated();
    let values = c.answers(&doc.answers, index);
    c.unanswered(&doc.answers);
    let mut diags = c.diags;
    if diags.iter().any(Diagnostic::is_error) {
        diags.sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
        return Err(diags);
    }
    Ok(Respondent {
        subject: Subject {
            name: doc.subject.name.trim().to_string(),
            department: doc.subject.department.filter(|d| !d.trim().is_empty()),
            attributes: super::attributes(in_file_order(doc.subject.attributes, loc)),
        },
        rater: Rater { role, name: rater_name },
        session: doc.session.filter(|s| !s.trim().is_empty()),
        taken_at: doc.taken_at,
        values,
        seconds: doc.seconds,
    })
}

/// The subject's attributes in the order the file gives them (a TOML table
/// comes back from the parser sorted by name).
fn in_file_order(attributes: IndexMap<String, String>, loc: &dyn Locate) -> Vec<(String, String)> {
    let mut placed: Vec<(usize, (String, String))> = attributes
        .into_iter()
        .map(|(k, v)| {
            let at = loc.key(&segs!["subject", "attributes", k.as_str()]).map_or(usize::MAX, |r| r.start);
            (at, (k, v))
        })
        .collect();
    placed.sort_by_key(|(at, _)| *at);
    placed.into_iter().map(|(_, pair)| pair).collect()
}

/// The first control or bidi character of what is kept of a text (it is
/// trimmed): which character of the text it is (1-based), and itself.
pub fn unsafe_at(text: &str) -> Option<(usize, char)> {
    let lead = text.len() - text.trim_start().len();
    let (i, c) = textsafe::first_unsafe(text.trim())?;
    Some((text[..lead + i].chars().count() + 1, c))
}

/// One document being checked: where its values are, and the problems so far.
struct Checking<'a> {
    loc: &'a dyn Locate,
    rubric: &'a Rubric,
    text: &'static dyn Messages,
    diags: Vec<Diagnostic>,
}

impl Checking<'_> {
    /// A problem kept, or only counted beyond [`diag::MAX_KEPT`].
    fn push(&mut self, d: Diagnostic) {
        diag::keep(&mut self.diags, d);
    }

    /// A problem counted, where no more are kept.
    fn count_only(&mut self) {
        if let Some(last) = self.diags.last_mut() {
            last.also += 1;
        }
    }

    /// Answers given twice (JSON; a TOML parser refuses them itself).
    fn repeated(&mut self) {
        for (key, again, first) in self.loc.repeated_keys(&segs!["answers"]) {
            let d = Diagnostic::error(self.text.json_duplicate_key(&format!("answers.{key}")))
                .at(Some(again))
                .label(self.text.json_duplicate_key_label())
                .related(Some(first), self.text.json_first_given_here())
                .help(self.text.json_duplicate_key_help());
            self.push(d);
        }
    }

    /// The place of a value, or the nearest place there is.
    fn at(&self, p: Vec<Seg>) -> Option<Range<usize>> {
        self.loc.value(&p).or_else(|| self.loc.nearest(&p))
    }

    fn rubric_id(&mut self, id: Option<&str>) {
        let Some(id) = id.filter(|id| *id != self.rubric.id) else { return };
        let d = Diagnostic::error(self.text.rubric_mismatch(id, &self.rubric.id))
            .at(self.at(path!["rubric"]))
            .label(self.text.rubric_mismatch_label())
            .help(self.text.rubric_mismatch_help(id));
        self.push(d);
    }

    fn subject_name(&mut self, name: &str) {
        if name.trim().is_empty() {
            let d = Diagnostic::error(self.text.subject_name_empty())
                .at(self.at(path!["subject", "name"]))
                .help(self.text.name_empty_help());
            self.push(d);
        }
    }

    /// A text kept in the result (a name, department or session): no
    /// control or bidi character in what is kept of it (SPEC §12).
    fn safe(&mut self, field: &str, p: Vec<Seg>, value: Option<&str>) {
        let Some((at, c)) = value.and_then(unsafe_at) else { return };
        let d = Diagnostic::error(self.text.unsafe_value(&format!("`{field}`"), c, at))
            .at(self.at(p))
            .label(self.text.unsafe_label())
            .help(self.text.unsafe_help());
        self.push(d);
    }

    /// The rater's role; self where it is not given or not known.
    fn role(&mut self, role: Option<&str>) -> Role {
        let Some(s) = role else { return Role::SelfRating };
        Role::parse(s).unwrap_or_else(|| {
            let d = Diagnostic::error(self.text.answers_unknown_role(s))
                .at(self.at(path!["rater", "role"]))
                .help(self.text.answers_roles_help());
            self.push(d);
            Role::SelfRating
        })
    }

    fn self_rater(&mut self, role: Role, named: bool) {
        if role == Role::SelfRating && named {
            let d = Diagnostic::error(self.text.self_rating_has_rater_name())
                .at(self.at(path!["rater", "name"]))
                .help(self.text.answers_self_rater_help());
            self.push(d);
        }
    }

    fn taken_at(&mut self, ts: Option<&str>) {
        if let Some(ts) = ts
            && chrono::DateTime::parse_from_rfc3339(ts).is_err()
        {
            let d = Diagnostic::error(self.text.answers_bad_time(ts))
                .at(self.at(path!["taken_at"]))
                .help(self.text.answers_time_help());
            self.push(d);
        }
    }

    fn seconds(&mut self, seconds: Option<f64>) {
        if let Some(s) = seconds.filter(|s| !(s.is_finite() && *s >= 0.0)) {
            let d = Diagnostic::error(self.text.answers_bad_seconds(s)).at(self.at(path!["seconds"]));
            self.push(d);
        }
    }

    /// Every answer in its item's place; the wrong ones are problems.
    fn answers(&mut self, answers: &IndexMap<String, Cell>, index: &ItemIndex<'_>) -> Vec<Option<i64>> {
        let mut values = vec![None; index.len()];
        // Unknown items: the first ones in the file are kept (a TOML table
        // comes in the order of its keys, not of the file), the rest counted.
        let mut unknown: BinaryHeap<(usize, usize)> = BinaryHeap::new();
        let mut more = 0;
        for (k, (id, cell)) in answers.iter().enumerate() {
            let vpath = path!["answers", id.as_str()];
            let Some(place) = index.find(id, k) else {
                unknown.push((self.key_at(id).map_or(0, |s| s.start), k));
                if unknown.len() > diag::MAX_KEPT {
                    unknown.pop();
                    more += 1;
                }
                continue;
            };
            if let Some(value) = self.answer(id, cell, vpath) {
                values[place] = value;
            }
        }
        let rubric = &self.rubric.id;
        for (_, k) in unknown.into_sorted_vec() {
            let Some((id, _)) = answers.get_index(k) else { continue };
            let d = Diagnostic::error(self.text.unknown_item(rubric, id))
                .at(self.key_at(id))
                .label(self.text.unknown_item_label())
                .help(self.text.unknown_item_help(rubric));
            self.push(d);
        }
        for _ in 0..more {
            self.count_only();
        }
        values
    }

    /// The place of an answer's key.
    fn key_at(&self, id: &str) -> Option<Range<usize>> {
        let vpath = path!["answers", id];
        self.loc.key(&vpath).or_else(|| self.at(vpath))
    }

    /// One answer: Some(None) skipped, None wrong (a problem pushed).
    fn answer(&mut self, id: &str, cell: &Cell, vpath: Vec<Seg>) -> Option<Option<i64>> {
        let scale = &self.rubric.scale;
        let (min, max) = (scale.min, scale.max);
        let value = match cell {
            Cell::Int(v) if (min..=max).contains(v) => Some(*v),
            Cell::Null => None,
            Cell::Str(s) if is_skip(s) => None,
            other => {
                let d = self.wrong_answer(id, other).at(self.at(vpath));
                self.push(d);
                return None;
            }
        };
        if value.is_none() && !scale.allow_skip {
            let d = Diagnostic::error(self.text.answer_cannot_skip(id))
                .at(self.at(vpath))
                .help(self.text.answer_cannot_skip_help(min, max));
            self.push(d);
            return None;
        }
        Some(value)
    }

    /// An answer that is not a whole number on the scale.
    fn wrong_answer(&self, id: &str, cell: &Cell) -> Diagnostic {
        let scale = &self.rubric.scale;
        let (min, max) = (scale.min, scale.max);
        let shown = match cell {
            Cell::Int(v) => v.to_string(),
            Cell::Float(v) => v.to_string(),
            Cell::Str(s) => format!("\"{s}\""),
            Cell::Bool(b) => b.to_string(),
            _ => String::new(),
        };
        let message = match cell {
            Cell::Other => self.text.answer_is_table(id),
            Cell::Int(_) => self.text.answer_out_of_scale(id, &shown, min, max),
            _ => self.text.answer_not_whole(id, &shown),
        };
        let skip = if scale.allow_skip { self.text.answer_skip_option() } else { "" };
        Diagnostic::error(message)
            .label(self.text.answer_expected_label(min, max))
            .help(self.text.answer_help(min, max, skip))
    }

    /// Items with no answer, where the rubric does not allow skipping.
    fn unanswered(&mut self, answers: &IndexMap<String, Cell>) {
        if self.rubric.scale.allow_skip {
            return;
        }
        let missing: Vec<&str> =
            self.rubric.items().map(|(_, _, i)| i.id.as_str()).filter(|id| !answers.contains_key(*id)).collect();
        if !missing.is_empty() {
            let list = missing.join(", ");
            let d = Diagnostic::error(self.text.items_not_answered(missing.len(), &list))
                .at(self.loc.key(&segs!["answers"]).or_else(|| self.loc.nearest(&segs!["answers"])))
                .help(self.text.items_not_answered_help());
            self.push(d);
        }
    }
}

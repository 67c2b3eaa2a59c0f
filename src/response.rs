//! The input of scoring: one respondent's answers, as the readers give
//! them (answers files, spreadsheets, the questionnaire) and as scoring takes
//! them. Plain values, no I/O.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use crate::result::{Rater, Subject};
use crate::rubric::Rubric;

/// One respondent's answers, checked against the rubric: every key is an
/// item id of the rubric and every value within the scale.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Response {
    pub subject: Subject,
    pub rater: Rater,
    pub session: Option<String>,
    /// RFC 3339; None means "now", filled in by the caller.
    pub taken_at: Option<String>,
    /// Item id → raw answer; None or absent: skipped.
    pub answers: HashMap<String, Option<i64>>,
    /// Seconds spent answering, when interactive.
    pub seconds: Option<f64>,
}

/// One respondent as the batch readers give it: a [`Response`] with the
/// answers in rubric order (`values[k]` answers the k-th item), so that
/// nothing is looked up by name while scoring.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Respondent {
    pub subject: Subject,
    pub rater: Rater,
    pub session: Option<String>,
    /// RFC 3339; None means "now".
    pub taken_at: Option<String>,
    /// One per item of the rubric, in rubric order; None: skipped.
    pub values: Vec<Option<i64>>,
    pub seconds: Option<f64>,
}

impl Respondent {
    /// As a [`Response`]: every item of the rubric a key, skipped ones None.
    pub fn into_response(self, items: &ItemIndex<'_>) -> Response {
        let answers = items.ids.iter().zip(self.values).map(|(id, v)| (id.to_string(), v)).collect();
        Response {
            subject: self.subject,
            rater: self.rater,
            session: self.session,
            taken_at: self.taken_at,
            answers,
            seconds: self.seconds,
        }
    }
}

/// The rubric's item ids in rubric order, and each one's place.
#[derive(Clone, Debug)]
pub struct ItemIndex<'r> {
    pub ids: Vec<&'r str>,
    places: FxHashMap<&'r str, usize>,
}

impl<'r> ItemIndex<'r> {
    pub fn new(rubric: &'r Rubric) -> Self {
        let ids: Vec<&str> = rubric.items().map(|(_, _, i)| i.id.as_str()).collect();
        let places = ids.iter().enumerate().map(|(k, id)| (*id, k)).collect();
        ItemIndex { ids, places }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The place of an item id; `hint` is where it is expected (answers
    /// usually come in rubric order), tried first.
    pub fn find(&self, id: &str, hint: usize) -> Option<usize> {
        match self.ids.get(hint) {
            Some(h) if *h == id => Some(hint),
            _ => self.places.get(id).copied(),
        }
    }

    /// The answers of a [`Response`] in rubric order.
    pub fn values(&self, answers: &HashMap<String, Option<i64>>) -> Vec<Option<i64>> {
        self.ids.iter().map(|id| answers.get(*id).copied().flatten()).collect()
    }
}

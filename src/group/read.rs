//! Reading results for a group: a [`Row`] of what the statistics need, made
//! from a [`ResultDoc`] or straight from a result's JSON text.

use std::collections::HashMap;
use std::sync::Arc;

use super::doc::RubricInfo;
use super::layout::{Keying, Layout};
use super::view;
use crate::result::{ResultDoc, Role, SCHEMA as RESULT_SCHEMA, Severity};

/// A result's score, gap and severity at one level.
pub(super) type Level = (Option<f64>, Option<f64>, Severity);

/// One result as a group report reads it: its scores in the order of the
/// builder's layout, its adjusted answers for alpha, and who and when. Made
/// from a [`ResultDoc`], or straight from a result's JSON text by a
/// [`Reader`] (on any thread).
#[derive(Clone, Debug, Default)]
pub struct Row {
    /// The rubric's id and version where they differ from the builder's.
    pub(super) other_rubric: Option<(String, String)>,
    pub(super) levels: Vec<Option<Level>>,
    /// Adjusted answers, dimension after dimension in the keying's order;
    /// None where skipped (or off the scale).
    pub(super) alpha: Vec<Option<i64>>,
    /// Per dimension: every item answered (and at least 2 of them).
    pub(super) alpha_ok: Vec<bool>,
    /// (dimension, suggestions) of the priorities, where the builder wants them.
    pub(super) suggestions: Vec<(String, Vec<String>)>,
    pub(super) flags: Vec<String>,
    pub(super) subject: String,
    pub(super) department: Option<String>,
    pub(super) role: Role,
    pub(super) rater_name: Option<String>,
    pub(super) session: Option<String>,
    /// The subject's attributes (SPEC §6), sorted by name.
    pub(super) attributes: Vec<(String, String)>,
    pub(super) taken_at: String,
}

impl Row {
    /// The rubric (id, version) of the result, where it differs from the
    /// builder's; None: the builder's own.
    pub fn other_rubric(&self) -> Option<&(String, String)> {
        self.other_rubric.as_ref()
    }
}

/// Places by id: the place expected (`hint`) first, as results list their
/// sections, dimensions and answers in rubric order.
fn place(ids: &[String], index: &HashMap<String, usize>, id: &str, hint: usize) -> Option<usize> {
    match ids.get(hint) {
        Some(h) if h == id => Some(hint),
        _ => index.get(id).copied(),
    }
}

/// How a builder reads results: its layout, keying and rubric, shareable
/// between threads while the builder waits.
#[derive(Clone)]
pub struct Reader {
    pub(super) layout: Arc<Layout>,
    pub(super) keying: Option<Arc<Keying>>,
    pub(super) rubric: Arc<RubricInfo>,
    pub(super) want_suggestions: bool,
}

impl Reader {
    fn levels<'a, D: Iterator<Item = (&'a str, Level)>>(
        &self,
        overall: Level,
        sections: impl Iterator<Item = (&'a str, Level, D)>,
    ) -> Vec<Option<Level>> {
        let l = &*self.layout;
        let ns = l.sections.len();
        let mut out = vec![None; 1 + ns + l.dimensions.len()];
        out[0] = Some(overall);
        let mut next_dim = 0;
        for (k, (id, level, dims)) in sections.enumerate() {
            if let Some(i) = place(&l.sections, &l.section_index, id, k) {
                out[1 + i] = Some(level);
            }
            for (d, dl) in dims {
                if let Some(i) = place(&l.dimension_ids, &l.dimension_index, d, next_dim) {
                    out[1 + ns + i] = Some(dl);
                    next_dim = i + 1;
                }
            }
        }
        out
    }

    /// Adjusted answers for alpha; `answer(place hint, id)` gives an answer.
    fn alpha(&self, answer: &mut dyn FnMut(usize, &str) -> Option<i64>) -> (Vec<Option<i64>>, Vec<bool>) {
        let Some(k) = self.keying.as_deref() else { return (Vec::new(), vec![false; self.layout.dimensions.len()]) };
        let mut values = Vec::with_capacity(k.total);
        let mut ok = Vec::with_capacity(k.items.len());
        let mut hint = 0;
        for items in &k.items {
            let mut complete = items.len() >= 2;
            for (id, reverse) in items {
                let v = answer(hint, id).filter(|v| (k.min..=k.max).contains(v));
                hint += 1;
                complete &= v.is_some();
                values.push(v.map(|v| if *reverse { k.min + k.max - v } else { v }));
            }
            ok.push(complete);
        }
        (values, ok)
    }

    /// A row of a result.
    pub fn row_of(&self, r: &ResultDoc) -> Row {
        let levels = self.levels(
            (r.overall.score, r.overall.gap, r.overall.severity),
            r.sections.iter().map(|s| {
                let dims = s.dimensions.iter().map(|d| (d.id.as_str(), (d.score, d.gap, d.severity)));
                (s.id.as_str(), (s.score, s.gap, s.severity), dims)
            }),
        );
        let (alpha, alpha_ok) = self.alpha(&mut |_, id| r.answers.get(id).copied().flatten());
        let same = r.rubric.id == self.rubric.id && r.rubric.version == self.rubric.version;
        Row {
            other_rubric: (!same).then(|| (r.rubric.id.clone(), r.rubric.version.clone())),
            levels,
            alpha,
            alpha_ok,
            suggestions: if self.want_suggestions {
                r.priorities.iter().map(|p| (p.dimension.clone(), p.suggestions.clone())).collect()
            } else {
                Vec::new()
            },
            flags: r.quality.flags.clone(),
            subject: r.subject.name.clone(),
            department: r.subject.department.clone(),
            role: r.rater.role,
            rater_name: r.rater.name.clone(),
            session: r.session.clone(),
            attributes: r.subject.attributes.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            taken_at: r.taken_at.clone(),
        }
    }

    /// A row straight from a result's JSON text, reading only what a group
    /// needs (and that every field of a result is there). None where the
    /// text is not a result as zhixing writes it: the caller reads it the
    /// careful way, which says what is wrong.
    ///
    /// The text is bytes: strings a group does not read are not checked to
    /// be UTF-8 (those it reads are), since checking a province's worth of
    /// text costs more than reading it.
    pub fn row(&self, text: &[u8]) -> Option<Row> {
        // One quick check of the whole text beats one per string: simdutf8
        // checks a line in a fifth of the instructions that std takes for the
        // strings serde_json would check one by one (measured on 10k results:
        // 12 % of the time of `group`).
        let text = simdutf8::basic::from_utf8(text).ok()?;
        if self.want_suggestions {
            let v: view::Result<'_, Vec<view::Priority<'_>>> = serde_json::from_str(text).ok()?;
            let suggestions = v
                .priorities
                .iter()
                .map(|p| (p.dimension.0.to_string(), p.suggestions.iter().map(|s| s.0.to_string()).collect()))
                .collect();
            self.row_of_view(v, suggestions)
        } else {
            // The priorities passed over: with their suggestions, they are
            // most of the text, and the rubric gives the suggestions.
            let v: view::Result<'_, serde::de::IgnoredAny> = serde_json::from_str(text).ok()?;
            self.row_of_view(v, Vec::new())
        }
    }

    fn row_of_view<P>(&self, v: view::Result<'_, P>, suggestions: Vec<(String, Vec<String>)>) -> Option<Row> {
        if *v.schema.0 != *RESULT_SCHEMA {
            return None;
        }
        let levels = self.levels(
            (v.overall.score, v.overall.gap, v.overall.severity),
            v.sections.iter().map(|s| {
                let dims = s.dimensions.iter().map(|d| (&*d.id.0, (d.score, d.gap, d.severity)));
                (&*s.id.0, (s.score, s.gap, s.severity), dims)
            }),
        );
        let answers = &v.answers.0;
        let (alpha, alpha_ok) = self.alpha(&mut |hint, id| match answers.get(hint) {
            Some((k, a)) if *k.0 == *id => *a,
            _ => answers.iter().find(|(k, _)| *k.0 == *id).and_then(|(_, a)| *a),
        });
        let same = *v.rubric.id.0 == self.rubric.id && *v.rubric.version.0 == self.rubric.version;
        Some(Row {
            other_rubric: (!same).then(|| (v.rubric.id.0.to_string(), v.rubric.version.0.to_string())),
            levels,
            alpha,
            alpha_ok,
            suggestions,
            flags: v.quality.flags.iter().map(|f| f.0.to_string()).collect(),
            subject: v.subject.name.0.into_owned(),
            department: v.subject.department.map(|d| d.0.into_owned()),
            role: v.rater.role,
            rater_name: v.rater.name.map(|n| n.0.into_owned()),
            session: v.session.map(|s| s.0.into_owned()),
            attributes: v.subject.attributes.unwrap_or_default().into_iter().collect(),
            taken_at: v.taken_at.0.into_owned(),
        })
    }
}

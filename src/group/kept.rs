//! A counted result as the builder keeps it until the end (the anonymity
//! rules need every grouping's sizes, and rule 1 keeps only each person's
//! latest result, so nothing can be added up before the last result is in):
//! its numbers packed (about half a kilobyte for the built-in rubrics), the
//! texts that repeat (departments, sessions, attributes) shared.

use std::collections::HashMap;
use std::sync::Arc;

use super::read::Row;
use crate::result::{Role, Severity};

/// A score or a gap, NaN where there is none.
fn pack(v: Option<f64>) -> f64 {
    v.filter(|v| v.is_finite()).unwrap_or(f64::NAN)
}

fn unpack(v: f64) -> Option<f64> {
    (!v.is_nan()).then_some(v)
}

/// A skipped answer among [`Kept::alpha`]'s bytes (a scale has at most 11
/// points, so no answer takes it).
pub(super) const MISSING: u8 = u8::MAX;

#[derive(Clone, Debug)]
pub(super) struct Kept {
    /// Score then gap, per level (overall, sections, dimensions).
    numbers: Box<[f64]>,
    severity: Box<[Severity]>,
    /// Adjusted answers for alpha, less the scale's minimum (at most 11
    /// points: a byte each); [`MISSING`] where skipped.
    pub(super) alpha: Box<[u8]>,
    pub(super) alpha_ok: Box<[bool]>,
    pub(super) flags: Box<[String]>,
    pub(super) subject: Box<str>,
    pub(super) department: Option<Arc<str>>,
    pub(super) role: Role,
    pub(super) rater_name: Option<Box<str>>,
    pub(super) session: Option<Arc<str>>,
    pub(super) attributes: Box<[(Arc<str>, Arc<str>)]>,
    /// `taken_at` as a UTC sort key.
    pub(super) time: Option<Box<str>>,
}

/// Texts that repeat across results, kept once.
#[derive(Default)]
pub(super) struct Shared(HashMap<Box<str>, Arc<str>>);

impl Shared {
    fn get(&mut self, s: String) -> Arc<str> {
        if let Some(a) = self.0.get(s.as_str()) {
            return a.clone();
        }
        let a: Arc<str> = Arc::from(s.as_str());
        self.0.insert(s.into_boxed_str(), a.clone());
        a
    }
}

impl Kept {
    /// `r` packed; `min` is the scale's minimum (alpha's values are kept
    /// as offsets from it).
    pub(super) fn of(r: Row, min: i64, shared: &mut Shared) -> Kept {
        let mut numbers = Vec::with_capacity(r.levels.len() * 2);
        let mut severity = Vec::with_capacity(r.levels.len());
        for l in &r.levels {
            let (s, g, sev) = l.unwrap_or((None, None, Severity::Unknown));
            numbers.push(pack(s));
            numbers.push(pack(g));
            severity.push(sev);
        }
        Kept {
            numbers: numbers.into(),
            severity: severity.into(),
            alpha: r
                .alpha
                .iter()
                .map(|v| v.and_then(|v| u8::try_from(v - min).ok()).filter(|v| *v != MISSING).unwrap_or(MISSING))
                .collect(),
            alpha_ok: r.alpha_ok.into(),
            flags: r.flags.into(),
            time: crate::result::utc_key(&r.taken_at).map(String::into_boxed_str),
            subject: r.subject.into(),
            department: r.department.map(|d| shared.get(d)),
            role: r.role,
            rater_name: r.rater_name.map(String::into_boxed_str),
            session: r.session.map(|s| shared.get(s)),
            attributes: r.attributes.into_iter().map(|(k, v)| (shared.get(k), shared.get(v))).collect(),
        }
    }

    /// Levels: (score, gap, severity).
    pub(super) fn levels(&self) -> impl Iterator<Item = (Option<f64>, Option<f64>, Severity)> + '_ {
        self.numbers.chunks_exact(2).zip(self.severity.iter()).map(|(n, s)| (unpack(n[0]), unpack(n[1]), *s))
    }

    /// The score at level `l`.
    pub(super) fn score(&self, l: usize) -> Option<f64> {
        self.numbers.get(2 * l).copied().and_then(unpack)
    }

    /// Whether `r` is of the same person (SPEC §10 rule 1): subject (name and
    /// department), rater role, rater name and session.
    pub(super) fn same_person(&self, r: &Row) -> bool {
        *self.subject == *r.subject
            && self.department.as_deref() == r.department.as_deref()
            && self.role == r.role
            && self.rater_name.as_deref() == r.rater_name.as_deref()
            && self.session.as_deref() == r.session.as_deref()
    }
}

//! What a group keeps of its results: per level the scores (for the
//! median), gaps and severities; per dimension the sums for alpha; per
//! subject and rater role the sums for the 360 view.

use std::collections::BTreeMap;
use std::ops::Range;

use rustc_hash::FxHashMap;

use super::doc::{Flagged, SeverityCounts, Stats};
use super::kept::Kept;
use super::layout::{Keying, Layout};
use super::stats::AlphaAcc;
use crate::result::{QUALITY_FLAGS, Role, Severity};

/// The scores of one level, kept for the median: each distinct value with
/// how often it came. Scores made from a rubric's answers take few distinct
/// values (a few dozen for a dimension, a few thousand overall, however
/// many results), so memory stays flat; where most values differ, a plain
/// list is smaller and is kept instead.
#[derive(Clone, Debug)]
enum Scores {
    Counts(FxHashMap<u64, usize>),
    List(Vec<f64>),
}

impl Default for Scores {
    fn default() -> Self {
        Scores::Counts(FxHashMap::default())
    }
}

impl Scores {
    fn add(&mut self, v: f64, n: usize) {
        match self {
            Scores::Counts(m) => {
                *m.entry(v.to_bits()).or_default() += 1;
                // A value a result, near enough: the list is smaller.
                if m.len() > 4096 && m.len() * 2 > n {
                    let mut list = Vec::with_capacity(n * 2);
                    for (bits, c) in m.drain() {
                        list.extend(std::iter::repeat_n(f64::from_bits(bits), c));
                    }
                    *self = Scores::List(list);
                }
            }
            Scores::List(l) => l.push(v),
        }
    }

    /// (value, count) in ascending order (by `total_cmp`).
    fn sorted(&self) -> Vec<(f64, usize)> {
        match self {
            Scores::Counts(m) => {
                let mut v: Vec<(f64, usize)> = m.iter().map(|(b, c)| (f64::from_bits(*b), *c)).collect();
                v.sort_by(|a, b| a.0.total_cmp(&b.0));
                v
            }
            Scores::List(l) => {
                let mut l = l.clone();
                l.sort_by(f64::total_cmp);
                l.into_iter().map(|x| (x, 1)).collect()
            }
        }
    }
}

/// Scores of one level (the overall score, a section or a dimension) over
/// the results of a group.
#[derive(Clone, Debug, Default)]
pub(super) struct LevelAcc {
    scores: Scores,
    n: usize,
    gap_sum: f64,
    gap_n: usize,
    severity: SeverityCounts,
}

impl LevelAcc {
    pub(super) fn add(&mut self, score: Option<f64>, gap: Option<f64>, severity: Severity) {
        if let Some(s) = score.filter(|s| s.is_finite()) {
            self.n += 1;
            self.scores.add(s, self.n);
        }
        if let Some(g) = gap.filter(|g| g.is_finite()) {
            self.gap_sum += g;
            self.gap_n += 1;
        }
        let c = &mut self.severity;
        match severity {
            Severity::Met => c.met += 1,
            Severity::Minor => c.minor += 1,
            Severity::Moderate => c.moderate += 1,
            Severity::Critical => c.critical += 1,
            Severity::Unknown => c.unknown += 1,
        }
    }

    pub(super) fn stats(&self) -> Stats {
        // The same arithmetic as over the sorted list of every score.
        let counts = self.scores.sorted();
        let n = self.n;
        let all = || counts.iter().flat_map(|&(v, c)| std::iter::repeat_n(v, c));
        let mean = (n > 0).then(|| all().sum::<f64>() / n as f64);
        let sd = match mean {
            Some(m) if n >= 2 => Some((all().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1) as f64).sqrt()),
            _ => None,
        };
        let nth = |i: usize| all().nth(i);
        let median = match n {
            0 => None,
            _ if n % 2 == 1 => nth(n / 2),
            _ => {
                let mut it = all().skip(n / 2 - 1);
                match (it.next(), it.next()) {
                    (Some(a), Some(b)) => Some((a + b) / 2.0),
                    _ => None,
                }
            }
        };
        Stats {
            n,
            mean,
            sd,
            min: counts.first().map(|c| c.0),
            median,
            max: counts.last().map(|c| c.0),
            mean_gap: (self.gap_n > 0).then(|| self.gap_sum / self.gap_n as f64),
            severity: Some(self.severity.clone()),
            withheld: None,
        }
    }
}

/// Everything kept about one group.
#[derive(Clone, Debug)]
pub(super) struct Acc {
    pub(super) n: usize,
    /// Index 0 the overall score, then the sections, then the dimensions.
    pub(super) levels: Vec<LevelAcc>,
    /// One per dimension.
    pub(super) alpha: Vec<AlphaAcc>,
    pub(super) flagged: usize,
    /// Per name of [`QUALITY_FLAGS`], the results with that flag.
    pub(super) flagged_kinds: [usize; QUALITY_FLAGS.len()],
    pub(super) flagged_who: Vec<Flagged>,
}

impl Acc {
    pub(super) fn new(layout: &Layout, keying: Option<&Keying>) -> Self {
        Acc {
            n: 0,
            levels: vec![LevelAcc::default(); 1 + layout.sections.len() + layout.dimensions.len()],
            alpha: layout
                .dimensions
                .iter()
                .enumerate()
                .map(|(i, _)| AlphaAcc::new(keying.map_or(0, |k| k.items[i].len())))
                .collect(),
            flagged: 0,
            flagged_kinds: [0; QUALITY_FLAGS.len()],
            flagged_who: Vec::new(),
        }
    }

    /// One result: its scores, its answers for alpha (at `spans`, the
    /// places of each dimension's items) and its flags, with who where
    /// `named`.
    pub(super) fn feed(&mut self, r: &Kept, spans: &[Range<usize>], named: bool) {
        self.n += 1;
        for (l, (score, gap, sev)) in self.levels.iter_mut().zip(r.levels()) {
            l.add(score, gap, sev);
        }
        for ((a, ok), span) in self.alpha.iter_mut().zip(&r.alpha_ok).zip(spans) {
            if *ok {
                a.add_offsets(&r.alpha[span.clone()]);
            }
        }
        if !r.flags.is_empty() {
            self.flagged += 1;
            for f in r.flags.iter() {
                if let Some(i) = QUALITY_FLAGS.iter().position(|q| q == f) {
                    self.flagged_kinds[i] += 1;
                }
            }
            if named {
                self.flagged_who.push(Flagged {
                    subject: r.subject.to_string(),
                    rater_role: r.role,
                    flags: r.flags.to_vec(),
                });
            }
        }
    }
}

impl Acc {
    /// The flagged results by kind, every kind listed.
    pub(super) fn flagged_by(&self) -> BTreeMap<String, usize> {
        QUALITY_FLAGS.iter().zip(self.flagged_kinds).map(|(f, n)| (f.to_string(), n)).collect()
    }
}

/// One rater role's scores of a subject, summed per level.
#[derive(Clone, Debug, Default)]
pub(super) struct RoleAcc {
    pub(super) n: usize,
    pub(super) sum: Vec<f64>,
    pub(super) count: Vec<u32>,
}

impl RoleAcc {
    /// Another role's ratings added to these.
    pub(super) fn merge(&mut self, other: &RoleAcc) {
        if self.sum.is_empty() {
            self.sum = vec![0.0; other.sum.len()];
            self.count = vec![0; other.count.len()];
        }
        self.n += other.n;
        for (s, o) in self.sum.iter_mut().zip(&other.sum) {
            *s += o;
        }
        for (c, o) in self.count.iter_mut().zip(&other.count) {
            *c += o;
        }
    }

    fn add(&mut self, levels: &[Option<f64>]) {
        if self.sum.is_empty() {
            self.sum = vec![0.0; levels.len()];
            self.count = vec![0; levels.len()];
        }
        self.n += 1;
        for (i, s) in levels.iter().enumerate() {
            if let Some(s) = s {
                self.sum[i] += s;
                self.count[i] += 1;
            }
        }
    }
}

/// The rater roles other than self, in the order of `SubjectAcc::roles`.
pub(super) const OTHER_ROLES: [Role; 4] = [Role::Supervisor, Role::Peer, Role::Subordinate, Role::Other];

#[derive(Clone, Debug, Default)]
pub(super) struct SubjectAcc {
    /// The latest self-assessment: (UTC sort key, order read, level scores).
    pub(super) self_latest: Option<(Option<String>, usize, Vec<Option<f64>>)>,
    pub(super) self_n: usize,
    pub(super) roles: [RoleAcc; 4],
}

impl SubjectAcc {
    /// One result about this subject; `order`: how many results were read
    /// before it (the later of two self-assessments at the same time wins).
    pub(super) fn add(&mut self, r: &Kept, order: usize) {
        let scores: Vec<Option<f64>> = r.levels().map(|(s, _, _)| s).collect();
        match OTHER_ROLES.iter().position(|x| *x == r.role) {
            Some(i) => self.roles[i].add(&scores),
            None => {
                self.self_n += 1;
                let key = r.time.as_deref().map(str::to_string);
                let later = match &self.self_latest {
                    None => true,
                    Some((k, o, _)) => (&key, order) > (k, *o),
                };
                if later {
                    self.self_latest = Some((key, order, scores));
                }
            }
        }
    }
}

//! Group reports (SPEC §10): many results in, one `zhixing.group.v1`
//! document out. Pure: results are fed one at a time to [`Builder::add`],
//! which keeps only what the statistics need (per group, the scores of each
//! dimension, section and overall for the median; for Cronbach's alpha, sums
//! and sums of squares of the item values, which give the variances exactly
//! without keeping any respondent), so a province-sized file does not need a
//! province-sized memory.
//!
//! Scores are read from the results as they were frozen; only alpha needs
//! the rubric, for each item's dimension and keying.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use schemars::JsonSchema;
use serde::Serialize;

use crate::result::{ResultDoc, Role, SCHEMA as RESULT_SCHEMA, Severity};
use crate::rubric::Rubric;
use rustc_hash::FxHashMap;

pub const SCHEMA: &str = "zhixing.group.v1";
/// The default anonymity floor: the common industry default.
pub const DEFAULT_MIN_GROUP: usize = 5;
/// In the 360 view, a rater role with fewer respondents than this is
/// withheld (except self and supervisor).
pub const MIN_ROLE_GROUP: usize = 3;
/// A self-versus-others difference of at least this many points (0..100)
/// is a blind spot (self higher) or a hidden strength (self lower).
pub const BLIND_SPOT_MIN: f64 = 10.0;
/// How many blind spots and hidden strengths are listed per subject.
pub const BLIND_SPOTS_SHOWN: usize = 3;

/// What `--by` groups by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum By {
    /// The subject's department.
    Department,
    /// The rater's role (self, supervisor, peer, subordinate, other).
    Role,
    /// The session.
    Session,
    /// Each subject: the 360 view, self against others.
    Subject,
}

impl By {
    pub fn code(self) -> &'static str {
        match self {
            By::Department => "department",
            By::Role => "role",
            By::Session => "session",
            By::Subject => "subject",
        }
    }
}

// ---------------------------------------------------------------------------
// The document (`zhixing.group.v1`).

/// A group report: statistics over many results of one rubric.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[schemars(title = "zhixing group report v1")]
pub struct GroupDoc {
    /// Always "zhixing.group.v1".
    pub schema: String,
    /// The rubric every result was scored against.
    pub rubric: RubricInfo,
    /// The anonymity floor: groups with fewer results are withheld.
    pub min_group: usize,
    /// Results read.
    pub n: usize,
    /// First everyone, then one group per `--by` value.
    pub groups: Vec<Group>,
    /// The 360 view, one entry per subject (filled by `--by subject`).
    pub subjects: Vec<Subject360>,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct RubricInfo {
    pub id: String,
    pub version: String,
    /// Title in the report's language.
    pub title: String,
}

/// Why a group shows no statistics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Withheld {
    /// Fewer results than `min_group`.
    TooFew,
    /// Withheld with the one smaller group, so that its figures cannot be
    /// worked out by subtracting the shown groups from the total.
    Complementary,
}

/// One group: everyone, or the results sharing one `--by` value.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Group {
    /// null for everyone; else the grouping and its value, such as
    /// {"department": "秘书处"} (a null value: results without one).
    pub key: Option<BTreeMap<String, Option<String>>>,
    /// Results in the group; null where withheld.
    pub n: Option<usize>,
    /// true: the group is too small to show; no statistics below.
    pub withheld: bool,
    /// Why it is withheld; null where it is not.
    pub withheld_reason: Option<Withheld>,
    /// The overall score; null where withheld.
    pub overall: Option<Stats>,
    pub sections: Vec<SectionStats>,
    pub dimensions: Vec<DimensionStats>,
    /// Dimensions with mean gap > 0, largest first, ties in rubric order.
    pub priorities: Vec<GroupPriority>,
    /// Results with quality flags; null where withheld.
    pub flagged: Option<usize>,
    /// Who they are: only with `--named`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flagged_respondents: Option<Vec<Flagged>>,
}

/// Statistics of one score over the results of a group.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Stats {
    /// Results with a score (not null).
    pub n: usize,
    pub mean: Option<f64>,
    /// Sample standard deviation; null below 2 scores.
    pub sd: Option<f64>,
    pub min: Option<f64>,
    /// The middle score; the mean of the middle two for an even count.
    pub median: Option<f64>,
    pub max: Option<f64>,
    /// Mean of the results' gaps (target − score).
    pub mean_gap: Option<f64>,
    /// Results per severity (unknown: no score).
    pub severity: SeverityCounts,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SeverityCounts {
    pub met: usize,
    pub minor: usize,
    pub moderate: usize,
    pub critical: usize,
    pub unknown: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct SectionStats {
    pub id: String,
    #[serde(flatten)]
    pub stats: Stats,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct DimensionStats {
    pub id: String,
    /// Id of its section.
    pub section: String,
    #[serde(flatten)]
    pub stats: Stats,
    /// Cronbach's alpha over the respondents who answered every item of the
    /// dimension (reverse-keyed items reversed); null with fewer than 2 items
    /// or respondents, zero total variance, or no rubric to key the items.
    pub alpha: Option<f64>,
    /// Respondents alpha is computed over.
    pub alpha_n: usize,
    /// excellent (≥ .9), good (≥ .8), acceptable (≥ .7), questionable (≥ .6),
    /// poor (≥ .5), unacceptable.
    pub alpha_label: Option<AlphaLabel>,
}

/// George and Mallery's bands for alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum AlphaLabel {
    Excellent,
    Good,
    Acceptable,
    Questionable,
    Poor,
    Unacceptable,
}

impl AlphaLabel {
    pub fn of(alpha: f64) -> AlphaLabel {
        match alpha {
            a if a >= 0.9 => AlphaLabel::Excellent,
            a if a >= 0.8 => AlphaLabel::Good,
            a if a >= 0.7 => AlphaLabel::Acceptable,
            a if a >= 0.6 => AlphaLabel::Questionable,
            a if a >= 0.5 => AlphaLabel::Poor,
            _ => AlphaLabel::Unacceptable,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            AlphaLabel::Excellent => "excellent",
            AlphaLabel::Good => "good",
            AlphaLabel::Acceptable => "acceptable",
            AlphaLabel::Questionable => "questionable",
            AlphaLabel::Poor => "poor",
            AlphaLabel::Unacceptable => "unacceptable",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct GroupPriority {
    pub dimension: String,
    pub mean_gap: f64,
}

/// A respondent whose answers carry quality flags (only with `--named`).
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Flagged {
    /// The person assessed.
    pub subject: String,
    /// Who answered; the rater's name is never shown.
    pub rater_role: Role,
    pub flags: Vec<String>,
}

/// The 360 view of one subject: self against the others.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Subject360 {
    /// The subject's name with `--named`; else "#1", "#2", ….
    pub subject: String,
    /// Results per rater role.
    pub raters: RaterCounts,
    pub overall: Comparison,
    pub sections: Vec<Comparison>,
    pub dimensions: Vec<Comparison>,
    /// Dimensions the subject rates at least 10 points above the others,
    /// largest first.
    pub blind_spots: Vec<Difference>,
    /// Dimensions the subject rates at least 10 points below the others,
    /// largest first.
    pub hidden_strengths: Vec<Difference>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RaterCounts {
    #[serde(rename = "self")]
    pub self_: usize,
    pub supervisor: usize,
    pub peer: usize,
    pub subordinate: usize,
    pub other: usize,
}

/// One score: self, the mean of the others, and each rater role's mean.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Comparison {
    /// Dimension or section id; "overall" for the overall score.
    pub id: String,
    /// For a dimension, its section's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The subject's own score (the latest self-assessment).
    #[serde(rename = "self")]
    pub self_score: Option<f64>,
    /// Mean of the other raters' scores (respondents of withheld roles are
    /// left out unless there are at least 3 of them together).
    pub others: Option<f64>,
    /// Other raters whose score is in `others`.
    pub others_n: usize,
    /// self − others.
    pub difference: Option<f64>,
    /// Each other rater role present.
    pub by_role: Vec<RoleMean>,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct RoleMean {
    pub role: Role,
    /// Respondents in this role.
    pub n: usize,
    /// true: fewer than 3 respondents (supervisors are always shown).
    pub withheld: bool,
    pub mean: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Difference {
    pub dimension: String,
    #[serde(rename = "self")]
    pub self_score: f64,
    pub others: f64,
    /// self − others.
    pub difference: f64,
}

/// Texts the renderers show beside the document: titles and suggestions,
/// from the rubric in the report's language, else from the results.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Texts {
    pub sections: HashMap<String, String>,
    pub dimensions: HashMap<String, String>,
    pub suggestions: HashMap<String, Vec<String>>,
    /// Alpha could not be computed: no rubric to key the items.
    pub no_rubric: bool,
}

impl Texts {
    pub fn section<'a>(&'a self, id: &'a str) -> &'a str {
        self.sections.get(id).map_or(id, String::as_str)
    }
    pub fn dimension<'a>(&'a self, id: &'a str) -> &'a str {
        self.dimensions.get(id).map_or(id, String::as_str)
    }
}

// ---------------------------------------------------------------------------
// Statistics.

pub fn mean(xs: &[f64]) -> Option<f64> {
    (!xs.is_empty()).then(|| xs.iter().sum::<f64>() / xs.len() as f64)
}

/// Sample standard deviation (n − 1); None below 2 values.
pub fn sample_sd(xs: &[f64]) -> Option<f64> {
    if xs.len() < 2 {
        return None;
    }
    let m = mean(xs)?;
    let ss: f64 = xs.iter().map(|x| (x - m) * (x - m)).sum();
    Some((ss / (xs.len() - 1) as f64).sqrt())
}

/// The median of values sorted ascending: the mean of the middle two for an
/// even count.
pub fn median_sorted(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

/// Cronbach's alpha, kept as sums so that respondents need not be: for each
/// item Σx and Σx², and for the total Σt and Σt². With integers these are
/// exact, and so are the variances: n·Σx² − (Σx)² = n(n − 1)·var.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AlphaAcc {
    n: i128,
    item_sum: Vec<i128>,
    item_sq: Vec<i128>,
    total_sum: i128,
    total_sq: i128,
}

impl AlphaAcc {
    pub fn new(items: usize) -> Self {
        AlphaAcc { item_sum: vec![0; items], item_sq: vec![0; items], ..AlphaAcc::default() }
    }

    /// One respondent's values, one per item, in item order.
    pub fn add(&mut self, values: &[i64]) {
        if values.len() != self.item_sum.len() {
            return;
        }
        let mut total: i128 = 0;
        for (i, &v) in values.iter().enumerate() {
            let v = i128::from(v);
            self.item_sum[i] += v;
            self.item_sq[i] += v * v;
            total += v;
        }
        self.total_sum += total;
        self.total_sq += total * total;
        self.n += 1;
    }

    /// Respondents added.
    pub fn n(&self) -> usize {
        usize::try_from(self.n).unwrap_or(usize::MAX)
    }

    /// α = k/(k−1) · (1 − Σ var(itemᵢ) / var(total)); None with fewer than 2
    /// items or respondents, or zero total variance.
    pub fn alpha(&self) -> Option<f64> {
        let k = self.item_sum.len();
        if k < 2 || self.n < 2 {
            return None;
        }
        let spread = |sum: i128, sq: i128| self.n * sq - sum * sum;
        let total = spread(self.total_sum, self.total_sq);
        if total <= 0 {
            return None;
        }
        let items: i128 = self.item_sum.iter().zip(&self.item_sq).map(|(s, q)| spread(*s, *q)).sum();
        let k = k as f64;
        Some(k / (k - 1.0) * (1.0 - items as f64 / total as f64))
    }
}

/// Alpha of a table of respondents (rows) by items (columns).
pub fn cronbach_alpha(rows: &[Vec<i64>]) -> Option<f64> {
    let k = rows.first()?.len();
    let mut acc = AlphaAcc::new(k);
    for r in rows {
        acc.add(r);
    }
    acc.alpha()
}

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
struct LevelAcc {
    scores: Scores,
    n: usize,
    gap_sum: f64,
    gap_n: usize,
    severity: SeverityCounts,
}

impl LevelAcc {
    fn add(&mut self, score: Option<f64>, gap: Option<f64>, severity: Severity) {
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

    fn stats(&self) -> Stats {
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
            severity: self.severity.clone(),
        }
    }
}

/// Everything kept about one group.
#[derive(Clone, Debug)]
struct Acc {
    n: usize,
    /// Index 0 the overall score, then the sections, then the dimensions.
    levels: Vec<LevelAcc>,
    /// One per dimension.
    alpha: Vec<AlphaAcc>,
    flagged: usize,
    flagged_who: Vec<Flagged>,
}

impl Acc {
    fn new(layout: &Layout, keying: Option<&Keying>) -> Self {
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
            flagged_who: Vec::new(),
        }
    }
}

/// Sections and dimensions in rubric order, from the first result.
#[derive(Clone, Debug, Default)]
struct Layout {
    sections: Vec<String>,
    /// (dimension id, index of its section)
    dimensions: Vec<(String, usize)>,
    /// The dimension ids alone.
    dimension_ids: Vec<String>,
    section_index: HashMap<String, usize>,
    dimension_index: HashMap<String, usize>,
}

/// For alpha: each dimension's items with their keying, from the rubric.
#[derive(Clone, Debug)]
struct Keying {
    min: i64,
    max: i64,
    /// Per layout dimension: (item id, reverse).
    items: Vec<Vec<(String, bool)>>,
    /// Per layout dimension: the place of its items among all of them.
    spans: Vec<std::ops::Range<usize>>,
    /// Items in all.
    total: usize,
}

/// A result's score, gap and severity at one level.
type Level = (Option<f64>, Option<f64>, Severity);

/// One result as a group report reads it: its scores in the order of the
/// builder's layout, its adjusted answers for alpha, and who and when. Made
/// from a [`ResultDoc`], or straight from a result's JSON text by a
/// [`Reader`] (on any thread).
#[derive(Clone, Debug, Default)]
pub struct Row {
    /// The rubric's id and version where they differ from the builder's.
    other_rubric: Option<(String, String)>,
    levels: Vec<Option<Level>>,
    /// Adjusted answers, dimension after dimension in the keying's order.
    alpha: Vec<i64>,
    /// Per dimension: every item answered (and at least 2 of them).
    alpha_ok: Vec<bool>,
    /// (dimension, suggestions) of the priorities, where the builder wants them.
    suggestions: Vec<(String, Vec<String>)>,
    flags: Vec<String>,
    subject: String,
    department: Option<String>,
    role: Role,
    session: Option<String>,
    taken_at: String,
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
    layout: Arc<Layout>,
    keying: Option<Arc<Keying>>,
    rubric: Arc<RubricInfo>,
    want_suggestions: bool,
    /// Which of who and when the report uses: only those are kept.
    want: Want,
}

#[derive(Clone, Copy)]
struct Want {
    subject: bool,
    department: bool,
    session: bool,
    taken_at: bool,
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
    fn alpha(&self, answer: &mut dyn FnMut(usize, &str) -> Option<i64>) -> (Vec<i64>, Vec<bool>) {
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
                let v = v.unwrap_or(0);
                values.push(if *reverse { k.min + k.max - v } else { v });
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
            subject: if self.want.subject { r.subject.name.clone() } else { String::new() },
            department: r.subject.department.clone().filter(|_| self.want.department),
            role: r.rater.role,
            session: r.session.clone().filter(|_| self.want.session),
            taken_at: if self.want.taken_at { r.taken_at.clone() } else { String::new() },
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
        // One quick check of the whole text beats one per string.
        let text = std::str::from_utf8(text).ok()?;
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
            subject: if self.want.subject { v.subject.name.0.into_owned() } else { String::new() },
            department: v.subject.department.filter(|_| self.want.department).map(|d| d.0.into_owned()),
            role: v.rater.role,
            session: v.session.filter(|_| self.want.session).map(|s| s.0.into_owned()),
            taken_at: if self.want.taken_at { v.taken_at.0.into_owned() } else { String::new() },
        })
    }
}

/// A result as a group reads it: borrowed, every field of a result required,
/// those a group does not read not looked into.
mod view {
    use serde::Deserialize;
    use serde::de::IgnoredAny;

    use crate::cowstr::Text;
    use crate::result::{Role, Severity};

    /// A result; `P` reads its priorities.
    #[derive(Deserialize)]
    pub struct Result<'a, P> {
        #[serde(borrow)]
        pub schema: Text<'a>,
        #[allow(dead_code)]
        pub id: IgnoredAny,
        #[serde(borrow)]
        pub rubric: Rubric<'a>,
        #[allow(dead_code)]
        #[serde(default)]
        pub profile: Option<IgnoredAny>,
        #[serde(borrow)]
        pub subject: Subject<'a>,
        pub rater: Rater,
        #[serde(default, borrow)]
        pub session: Option<Text<'a>>,
        #[serde(borrow)]
        pub taken_at: Text<'a>,
        #[allow(dead_code)]
        pub lang: IgnoredAny,
        pub overall: Standing,
        #[serde(borrow)]
        pub sections: Vec<Section<'a>>,
        pub priorities: P,
        #[allow(dead_code)]
        pub strengths: IgnoredAny,
        #[serde(borrow)]
        pub answers: Answers<'a>,
        #[serde(borrow)]
        pub quality: Quality<'a>,
        #[allow(dead_code)]
        #[serde(default)]
        pub previous: Option<IgnoredAny>,
    }

    #[derive(Deserialize)]
    pub struct Rubric<'a> {
        #[serde(borrow)]
        pub id: Text<'a>,
        #[serde(borrow)]
        pub version: Text<'a>,
        #[allow(dead_code)]
        pub title: IgnoredAny,
        #[allow(dead_code)]
        pub sha256: IgnoredAny,
    }

    #[derive(Deserialize)]
    pub struct Subject<'a> {
        #[serde(borrow)]
        pub name: Text<'a>,
        #[serde(default, borrow)]
        pub department: Option<Text<'a>>,
    }

    #[derive(Deserialize)]
    pub struct Rater {
        pub role: Role,
        #[allow(dead_code)]
        #[serde(default)]
        pub name: Option<IgnoredAny>,
    }

    #[derive(Deserialize)]
    pub struct Standing {
        pub score: Option<f64>,
        #[allow(dead_code)]
        pub target: IgnoredAny,
        pub gap: Option<f64>,
        pub severity: Severity,
    }

    #[derive(Deserialize)]
    pub struct Section<'a> {
        #[serde(borrow)]
        pub id: Text<'a>,
        #[allow(dead_code)]
        pub title: IgnoredAny,
        pub score: Option<f64>,
        #[allow(dead_code)]
        pub target: IgnoredAny,
        pub gap: Option<f64>,
        pub severity: Severity,
        #[serde(borrow)]
        pub dimensions: Vec<Dimension<'a>>,
    }

    #[derive(Deserialize)]
    pub struct Dimension<'a> {
        #[serde(borrow)]
        pub id: Text<'a>,
        #[allow(dead_code)]
        pub title: IgnoredAny,
        pub score: Option<f64>,
        #[allow(dead_code)]
        pub target: IgnoredAny,
        pub gap: Option<f64>,
        pub severity: Severity,
        #[allow(dead_code)]
        pub answered: IgnoredAny,
        #[allow(dead_code)]
        pub items: IgnoredAny,
    }

    #[derive(Deserialize)]
    pub struct Priority<'a> {
        #[serde(borrow)]
        pub dimension: Text<'a>,
        #[allow(dead_code)]
        pub section: IgnoredAny,
        #[allow(dead_code)]
        pub gap: IgnoredAny,
        #[allow(dead_code)]
        pub weighted_gap: IgnoredAny,
        #[serde(borrow)]
        pub suggestions: Vec<Text<'a>>,
    }

    #[derive(Deserialize)]
    pub struct Quality<'a> {
        #[allow(dead_code)]
        #[serde(default)]
        pub seconds: Option<IgnoredAny>,
        #[allow(dead_code)]
        pub straight_line: IgnoredAny,
        #[allow(dead_code)]
        pub reverse_inconsistent: IgnoredAny,
        #[serde(borrow)]
        pub flags: Vec<Text<'a>>,
    }

    /// The answers in the order written.
    pub struct Answers<'a>(pub Vec<(Text<'a>, Option<i64>)>);

    impl<'de: 'a, 'a> Deserialize<'de> for Answers<'a> {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
            struct V;
            impl<'de> serde::de::Visitor<'de> for V {
                type Value = Answers<'de>;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("a map of answers")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(
                    self,
                    mut a: A,
                ) -> std::result::Result<Answers<'de>, A::Error> {
                    let mut out = Vec::with_capacity(a.size_hint().unwrap_or(48));
                    while let Some(pair) = a.next_entry::<Text<'de>, Option<i64>>()? {
                        out.push(pair);
                    }
                    Ok(Answers(out))
                }
            }
            d.deserialize_map(V)
        }
    }
}

/// One rater role's scores of a subject, summed per level.
#[derive(Clone, Debug, Default)]
struct RoleAcc {
    n: usize,
    sum: Vec<f64>,
    count: Vec<u32>,
}

impl RoleAcc {
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

const OTHER_ROLES: [Role; 4] = [Role::Supervisor, Role::Peer, Role::Subordinate, Role::Other];

#[derive(Clone, Debug, Default)]
struct SubjectAcc {
    /// The latest self-assessment: (UTC sort key, order read, level scores).
    self_latest: Option<(Option<String>, usize, Vec<Option<f64>>)>,
    self_n: usize,
    roles: [RoleAcc; 4],
}

/// Collects results one at a time and makes the group report.
pub struct Builder {
    rubric: RubricInfo,
    /// The same, for readers.
    rubric_info: Arc<RubricInfo>,
    layout: Arc<Layout>,
    keying: Option<Arc<Keying>>,
    by: Option<By>,
    named: bool,
    everyone: Acc,
    subgroups: Vec<(Option<String>, Acc)>,
    subgroup_index: HashMap<Option<String>, usize>,
    subjects: BTreeMap<String, SubjectAcc>,
    texts: Texts,
    read: usize,
}

impl Builder {
    /// A builder for results of the same rubric id and version as `first`.
    /// `rubric`, where known, keys the items for alpha and gives the texts in
    /// `lang`; it must be that rubric (the caller checks).
    pub fn new(first: &ResultDoc, rubric: Option<&Rubric>, lang: &str, by: Option<By>, named: bool) -> Self {
        let mut layout = Layout::default();
        for s in &first.sections {
            if layout.section_index.contains_key(&s.id) {
                continue;
            }
            let si = layout.sections.len();
            layout.section_index.insert(s.id.clone(), si);
            layout.sections.push(s.id.clone());
            for d in &s.dimensions {
                if !layout.dimension_index.contains_key(&d.id) {
                    layout.dimension_index.insert(d.id.clone(), layout.dimensions.len());
                    layout.dimensions.push((d.id.clone(), si));
                    layout.dimension_ids.push(d.id.clone());
                }
            }
        }
        let mut texts = Texts { no_rubric: rubric.is_none(), ..Texts::default() };
        let keying = rubric.map(|r| {
            let lang = r.result_lang(lang);
            for s in &r.sections {
                texts.sections.insert(s.id.clone(), r.text(&s.title, &lang).to_string());
            }
            for (_, d) in r.dimensions() {
                texts.dimensions.insert(d.id.clone(), r.text(&d.title, &lang).to_string());
                texts
                    .suggestions
                    .insert(d.id.clone(), d.suggestions.iter().map(|s| r.text(s, &lang).to_string()).collect());
            }
            let items = layout
                .dimensions
                .iter()
                .map(|(id, _)| {
                    r.dimensions()
                        .find(|(_, d)| &d.id == id)
                        .map(|(_, d)| d.items.iter().map(|i| (i.id.clone(), i.reverse)).collect())
                        .unwrap_or_default()
                })
                .collect();
            let mut spans = Vec::new();
            let mut total = 0;
            for its in &items {
                let its: &Vec<(String, bool)> = its;
                spans.push(total..total + its.len());
                total += its.len();
            }
            Keying { min: r.scale.min, max: r.scale.max, items, spans, total }
        });
        // Titles the rubric did not give come from the result.
        for s in &first.sections {
            texts.sections.entry(s.id.clone()).or_insert_with(|| s.title.clone());
            for d in &s.dimensions {
                texts.dimensions.entry(d.id.clone()).or_insert_with(|| d.title.clone());
            }
        }
        let title = match rubric {
            Some(r) => r.text(&r.title, &r.result_lang(lang)).to_string(),
            None => first.rubric.title.clone(),
        };
        let everyone = Acc::new(&layout, keying.as_ref());
        let rubric = RubricInfo { id: first.rubric.id.clone(), version: first.rubric.version.clone(), title };
        Builder {
            rubric_info: Arc::new(rubric.clone()),
            rubric,
            layout: Arc::new(layout),
            keying: keying.map(Arc::new),
            by,
            named,
            everyone,
            subgroups: Vec::new(),
            subgroup_index: HashMap::new(),
            subjects: BTreeMap::new(),
            texts,
            read: 0,
        }
    }

    /// The rubric id and version this builder takes.
    pub fn rubric(&self) -> (&str, &str) {
        (&self.rubric.id, &self.rubric.version)
    }

    /// Whether `r` is of the same rubric id and version.
    pub fn accepts(&self, r: &ResultDoc) -> bool {
        r.rubric.id == self.rubric.id && r.rubric.version == self.rubric.version
    }

    /// Results added so far.
    pub fn len(&self) -> usize {
        self.read
    }

    pub fn is_empty(&self) -> bool {
        self.read == 0
    }

    /// How this builder reads results, for [`Builder::add_row`].
    pub fn reader(&self) -> Reader {
        Reader {
            layout: self.layout.clone(),
            keying: self.keying.clone(),
            rubric: self.rubric_info.clone(),
            want_suggestions: self.keying.is_none(),
            want: Want {
                subject: self.named || self.by == Some(By::Subject),
                department: self.by == Some(By::Department),
                session: self.by == Some(By::Session),
                taken_at: self.by == Some(By::Subject),
            },
        }
    }

    /// Add one result (of the same rubric: see [`Builder::accepts`]).
    pub fn add(&mut self, r: &ResultDoc) {
        let row = self.reader().row_of(r);
        self.add_row(row);
    }

    /// Add one result read by [`Builder::reader`].
    pub fn add_row(&mut self, r: Row) {
        let levels = &r.levels;
        // Suggestions from the results, where no rubric gave them.
        for (dim, list) in r.suggestions {
            if !self.texts.suggestions.contains_key(&dim) && !list.is_empty() {
                self.texts.suggestions.insert(dim, list);
            }
        }
        let named = self.named;
        let alpha_spans = self.keying.as_ref().map(|k| k.spans.as_slice()).unwrap_or_default();
        let feed = |acc: &mut Acc| {
            acc.n += 1;
            for (l, v) in acc.levels.iter_mut().zip(levels) {
                match v {
                    Some((score, gap, sev)) => l.add(*score, *gap, *sev),
                    None => l.add(None, None, Severity::Unknown),
                }
            }
            for ((a, ok), span) in acc.alpha.iter_mut().zip(&r.alpha_ok).zip(alpha_spans) {
                if *ok {
                    a.add(&r.alpha[span.clone()]);
                }
            }
            if !r.flags.is_empty() {
                acc.flagged += 1;
                if named {
                    acc.flagged_who.push(Flagged {
                        subject: r.subject.clone(),
                        rater_role: r.role,
                        flags: r.flags.clone(),
                    });
                }
            }
        };
        feed(&mut self.everyone);
        let key = match self.by {
            Some(By::Department) => Some(r.department.clone()),
            Some(By::Role) => Some(Some(r.role.code().to_string())),
            Some(By::Session) => Some(r.session.clone()),
            Some(By::Subject) | None => None,
        };
        if let Some(key) = key {
            let i = match self.subgroup_index.get(&key) {
                Some(&i) => i,
                None => {
                    self.subgroups.push((key.clone(), Acc::new(&self.layout, self.keying.as_deref())));
                    self.subgroup_index.insert(key, self.subgroups.len() - 1);
                    self.subgroups.len() - 1
                }
            };
            feed(&mut self.subgroups[i].1);
        }
        if self.by == Some(By::Subject) {
            let scores: Vec<Option<f64>> = levels.iter().map(|l| l.and_then(|(s, _, _)| s)).collect();
            let order = self.read;
            let acc = self.subjects.entry(r.subject.clone()).or_default();
            match OTHER_ROLES.iter().position(|x| *x == r.role) {
                Some(i) => acc.roles[i].add(&scores),
                None => {
                    acc.self_n += 1;
                    let key = crate::result::utc_key(&r.taken_at);
                    let later = match &acc.self_latest {
                        None => true,
                        Some((k, o, _)) => (&key, order) > (k, *o),
                    };
                    if later {
                        acc.self_latest = Some((key, order, scores));
                    }
                }
            }
        }
        self.read += 1;
    }

    /// Texts to show beside the report.
    pub fn texts(&self) -> &Texts {
        &self.texts
    }

    /// The report, with groups smaller than `min_group` withheld.
    pub fn finish(&self, min_group: usize) -> GroupDoc {
        let min_group = min_group.max(1);
        let everyone_withheld = self.everyone.n < min_group;
        let mut groups = vec![self.group(None, &self.everyone, everyone_withheld.then_some(Withheld::TooFew))];
        let mut order: Vec<usize> = (0..self.subgroups.len()).collect();
        let rank = |key: &Option<String>| -> (usize, bool, String) {
            match (self.by, key) {
                (Some(By::Role), Some(k)) => {
                    (Role::ALL.iter().position(|r| r.code() == k).unwrap_or(usize::MAX), false, k.clone())
                }
                (_, k) => (0, k.is_none(), k.clone().unwrap_or_default()),
            }
        };
        order.sort_by_key(|&i| rank(&self.subgroups[i].0));
        // Anonymity: too few, then complementary suppression where exactly
        // one subgroup is withheld (the next smallest goes too).
        let mut withheld: Vec<Option<Withheld>> =
            order.iter().map(|&i| (self.subgroups[i].1.n < min_group).then_some(Withheld::TooFew)).collect();
        if withheld.iter().filter(|w| w.is_some()).count() == 1 && order.len() > 1 {
            let next =
                (0..order.len()).filter(|&j| withheld[j].is_none()).min_by_key(|&j| (self.subgroups[order[j]].1.n, j));
            if let Some(j) = next {
                withheld[j] = Some(Withheld::Complementary);
            }
        }
        let by = self.by.map_or("", By::code);
        for (pos, &i) in order.iter().enumerate() {
            let (key, acc) = &self.subgroups[i];
            let key = BTreeMap::from([(by.to_string(), key.clone())]);
            groups.push(self.group(Some(key), acc, withheld[pos]));
        }
        GroupDoc {
            schema: SCHEMA.to_string(),
            rubric: self.rubric.clone(),
            min_group,
            n: self.read,
            groups,
            subjects: self.subjects_360(min_group),
        }
    }

    fn group(&self, key: Option<BTreeMap<String, Option<String>>>, acc: &Acc, withheld: Option<Withheld>) -> Group {
        if withheld.is_some() {
            return Group {
                key,
                n: None,
                withheld: true,
                withheld_reason: withheld,
                overall: None,
                sections: Vec::new(),
                dimensions: Vec::new(),
                priorities: Vec::new(),
                flagged: None,
                flagged_respondents: None,
            };
        }
        let ns = self.layout.sections.len();
        let sections = self
            .layout
            .sections
            .iter()
            .enumerate()
            .map(|(i, id)| SectionStats { id: id.clone(), stats: acc.levels[1 + i].stats() })
            .collect();
        let dimensions: Vec<DimensionStats> = self
            .layout
            .dimensions
            .iter()
            .enumerate()
            .map(|(i, (id, si))| {
                let a = &acc.alpha[i];
                let alpha = a.alpha();
                DimensionStats {
                    id: id.clone(),
                    section: self.layout.sections[*si].clone(),
                    stats: acc.levels[1 + ns + i].stats(),
                    alpha,
                    alpha_n: if self.keying.is_some() { a.n() } else { 0 },
                    alpha_label: alpha.map(AlphaLabel::of),
                }
            })
            .collect();
        let mut priorities: Vec<(usize, f64)> = dimensions
            .iter()
            .enumerate()
            .filter_map(|(i, d)| d.stats.mean_gap.filter(|g| *g > 0.0).map(|g| (i, g)))
            .collect();
        priorities.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        Group {
            key,
            n: Some(acc.n),
            withheld: false,
            withheld_reason: None,
            overall: Some(acc.levels[0].stats()),
            sections,
            priorities: priorities
                .into_iter()
                .map(|(i, g)| GroupPriority { dimension: dimensions[i].id.clone(), mean_gap: g })
                .collect(),
            dimensions,
            flagged: Some(acc.flagged),
            flagged_respondents: self.named.then(|| acc.flagged_who.clone()),
        }
    }

    /// The 360 view: every subject, named or numbered.
    fn subjects_360(&self, min_group: usize) -> Vec<Subject360> {
        if self.by != Some(By::Subject) {
            return Vec::new();
        }
        let mut names: Vec<&String> = self.subjects.keys().collect();
        if !self.named {
            // Numbered in an order that is neither alphabetical nor the order
            // the results were taken in.
            names.sort_by_cached_key(|n| crate::rubric::sha256_hex(n.as_bytes()));
        }
        names
            .into_iter()
            .enumerate()
            .map(|(i, name)| {
                let label = if self.named { name.clone() } else { format!("#{}", i + 1) };
                self.subject_360(label, &self.subjects[name], min_group)
            })
            .collect()
    }

    /// One subject's 360 view, under `label`.
    pub fn subject_360_named(&self, name: &str, min_group: usize) -> Option<Subject360> {
        self.subjects.get(name).map(|acc| self.subject_360(name.to_string(), acc, min_group))
    }

    /// Names of the subjects in the 360 view (for the trainer's pack).
    pub fn subject_names(&self) -> Vec<String> {
        self.subjects.keys().cloned().collect()
    }

    fn subject_360(&self, label: String, acc: &SubjectAcc, min_group: usize) -> Subject360 {
        let floor = MIN_ROLE_GROUP.min(min_group);
        let withheld: Vec<bool> =
            OTHER_ROLES.iter().zip(&acc.roles).map(|(r, a)| a.n < floor && *r != Role::Supervisor).collect();
        let hidden_n: usize = acc.roles.iter().zip(&withheld).filter(|(_, w)| **w).map(|(a, _)| a.n).sum();
        // Respondents of withheld roles count among the others only when they
        // are enough together; else their mean could be worked out.
        let pooled: Vec<bool> = withheld.iter().map(|w| !w || hidden_n >= floor).collect();
        let self_scores = acc.self_latest.as_ref().map(|(_, _, s)| s.as_slice());
        let compare = |level: usize, id: String, section: Option<String>| {
            let self_score = self_scores.and_then(|s| s[level]);
            let (mut sum, mut count, mut others_n) = (0.0, 0u32, 0usize);
            let mut by_role = Vec::new();
            for (k, role) in OTHER_ROLES.iter().enumerate() {
                let a = &acc.roles[k];
                if a.n == 0 {
                    continue;
                }
                if pooled[k] {
                    sum += a.sum[level];
                    count += a.count[level];
                    others_n += a.n;
                }
                let mean = (!withheld[k] && a.count[level] > 0).then(|| a.sum[level] / f64::from(a.count[level]));
                by_role.push(RoleMean { role: *role, n: a.n, withheld: withheld[k], mean });
            }
            let others = (count > 0).then(|| sum / f64::from(count));
            let difference = match (self_score, others) {
                (Some(s), Some(o)) => Some(s - o),
                _ => None,
            };
            Comparison { id, section, self_score, others, others_n, difference, by_role }
        };
        let ns = self.layout.sections.len();
        let overall = compare(0, "overall".to_string(), None);
        let sections =
            self.layout.sections.iter().enumerate().map(|(i, id)| compare(1 + i, id.clone(), None)).collect();
        let dimensions: Vec<Comparison> = self
            .layout
            .dimensions
            .iter()
            .enumerate()
            .map(|(i, (id, si))| compare(1 + ns + i, id.clone(), Some(self.layout.sections[*si].clone())))
            .collect();
        let mut diffs: Vec<(usize, Difference)> = dimensions
            .iter()
            .enumerate()
            .filter_map(|(i, c)| match (c.self_score, c.others, c.difference) {
                (Some(s), Some(o), Some(d)) => {
                    Some((i, Difference { dimension: c.id.clone(), self_score: s, others: o, difference: d }))
                }
                _ => None,
            })
            .collect();
        diffs.sort_by(|a, b| b.1.difference.abs().total_cmp(&a.1.difference.abs()).then(a.0.cmp(&b.0)));
        let pick = |higher: bool| -> Vec<Difference> {
            diffs
                .iter()
                .filter(|(_, d)| if higher { d.difference >= BLIND_SPOT_MIN } else { d.difference <= -BLIND_SPOT_MIN })
                .take(BLIND_SPOTS_SHOWN)
                .map(|(_, d)| d.clone())
                .collect()
        };
        let r = &acc.roles;
        Subject360 {
            subject: label,
            raters: RaterCounts {
                self_: acc.self_n,
                supervisor: r[0].n,
                peer: r[1].n,
                subordinate: r[2].n,
                other: r[3].n,
            },
            overall,
            sections,
            blind_spots: pick(true),
            hidden_strengths: pick(false),
            dimensions,
        }
    }
}

#[cfg(test)]
mod tests;

//! Scoring, exactly as SPEC §5: values in, a result out, no I/O.
//!
//! [`Scorer`] works out everything that does not depend on the respondent
//! once (targets, texts, the JSON of every fixed part of a result), so that
//! a batch costs little more than the arithmetic; [`score`] is the one-off
//! form. A score is computed into [`Scores`] (numbers only), then made into a
//! [`ResultDoc`] or written straight out as its JSON text, byte for byte what
//! `serde_json::to_writer` writes for that document.

use indexmap::IndexMap;

use crate::response::{ItemIndex, Respondent, Response};
use crate::result::{
    DimensionResult, Identity, Priority, Quality, Rater, ResultDoc, Role, RubricRef, SCHEMA, SectionResult, Severity,
    Standing, Strength, Subject,
};
use crate::rubric::{GapBands, Loaded, Rubric, SelfRating};

/// What the person running the tool chose.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// A profile id of the rubric (checked by the caller).
    pub profile: Option<String>,
    /// Replaces every target.
    pub target: Option<f64>,
    /// Language of the result's texts (one of the rubric's).
    pub lang: String,
}

/// Targets after the profile and `--target` are applied.
pub struct Targets<'a> {
    rubric: &'a Rubric,
    opts: &'a Options,
}

impl<'a> Targets<'a> {
    pub fn new(rubric: &'a Rubric, opts: &'a Options) -> Self {
        Targets { rubric, opts }
    }

    fn profile_target(&self, id: &str) -> Option<f64> {
        let p = self.rubric.profiles.get(self.opts.profile.as_deref()?)?;
        p.targets.get(id).copied()
    }

    pub fn default(&self) -> f64 {
        if let Some(t) = self.opts.target {
            return t;
        }
        let profile = self.opts.profile.as_deref().and_then(|p| self.rubric.profiles.get(p));
        profile.and_then(|p| p.default).unwrap_or(self.rubric.targets.default)
    }

    pub fn section(&self, si: usize) -> f64 {
        if let Some(t) = self.opts.target {
            return t;
        }
        let s = &self.rubric.sections[si];
        self.profile_target(&s.id).or(s.target).unwrap_or_else(|| self.default())
    }

    pub fn dimension(&self, si: usize, di: usize) -> f64 {
        if let Some(t) = self.opts.target {
            return t;
        }
        let d = &self.rubric.sections[si].dimensions[di];
        self.profile_target(&d.id).or(d.target).unwrap_or_else(|| self.section(si))
    }
}

/// Severity of a gap, SPEC §5.
pub fn severity(gap: Option<f64>, bands: &GapBands) -> Severity {
    match gap {
        None => Severity::Unknown,
        Some(g) if g <= 0.0 => Severity::Met,
        Some(g) if g <= bands.minor => Severity::Minor,
        Some(g) if g <= bands.moderate => Severity::Moderate,
        Some(_) => Severity::Critical,
    }
}

fn standing(score: Option<f64>, target: f64, bands: &GapBands) -> Standing {
    let gap = score.map(|s| target - s);
    Standing { score, target, gap, severity: severity(gap, bands), percentile: None, band: None, sem: None }
}

/// A computed score, or none where it is not a finite number.
fn finite(score: f64) -> Option<f64> {
    score.is_finite().then_some(score)
}

/// Score of one answer on the 0..100 scale.
pub fn item_score(value: i64, reverse: bool, min: i64, max: i64) -> f64 {
    let adjusted = if reverse { min + max - value } else { value };
    (adjusted - min) as f64 / (max - min) as f64 * 100.0
}

/// Score one response. `id` and `now` are the result's id and the time used
/// when the response gives none: passed in so that scoring stays pure.
pub fn score(loaded: &Loaded, resp: &Response, opts: &Options, id: String, now: &str) -> ResultDoc {
    let scorer = Scorer::new(loaded, opts);
    let values = scorer.index.values(&resp.answers);
    let scores = scorer.scores(&values, resp.seconds, resp.rater.role);
    let meta = Meta {
        subject: &resp.subject,
        rater: &resp.rater,
        session: resp.session.as_deref(),
        taken_at: resp.taken_at.as_deref().unwrap_or(now),
        taken_at_given: resp.taken_at.as_deref(),
    };
    scorer.doc(&scores, &meta, &values, id)
}

/// What a gap of each dimension (in rubric order) is multiplied by to rank
/// the development focuses: the dimension's share of the overall score
/// (its weight over its section's, times its section's weight over all
/// sections'), times the number of dimensions, so that where every
/// dimension weighs the same in the overall score (the built-in rubrics,
/// whose section weights are their numbers of dimensions) it is 1 and the
/// weighted gap is the gap. (SPEC §5 multiplies by dimension weight ×
/// section weight, which would rank a gap of a five-dimension section five
/// times one of a one-dimension section although both weigh the same.)
pub fn priority_weights(r: &Rubric) -> Vec<f64> {
    let n = r.sections.iter().map(|s| s.dimensions.len()).sum::<usize>() as f64;
    let all: f64 = r.sections.iter().map(|s| s.weight).sum();
    r.sections
        .iter()
        .flat_map(|s| {
            let within: f64 = s.dimensions.iter().map(|d| d.weight).sum();
            s.dimensions.iter().map(move |d| {
                let w = n * (d.weight / within) * (s.weight / all);
                if w.is_finite() && w > 0.0 { w } else { 1.0 }
            })
        })
        .collect()
}

/// Seconds an item below which answering counts as too fast.
pub const TOO_FAST_SECONDS_PER_ITEM: f64 = 2.0;

/// The texts of a result (the rubric's title, section and dimension titles,
/// the suggestions of its development focuses) in another language of the
/// rubric it was scored against, its scores untouched. Only where `loaded`
/// is that very rubric (id, version and sha256) and has `lang`: else
/// `false`, and the result is as it was.
pub fn relocalize(doc: &mut ResultDoc, loaded: &Loaded, lang: &str) -> bool {
    let r = &loaded.rubric;
    let same = doc.rubric.id == r.id && doc.rubric.version == r.version && doc.rubric.sha256 == loaded.sha256;
    if !same || !r.languages.iter().any(|l| l == lang) {
        return false;
    }
    if doc.lang == lang {
        return true;
    }
    doc.rubric.title = r.text(&r.title, lang).to_string();
    for sec in &mut doc.sections {
        let Some(rs) = r.sections.iter().find(|s| s.id == sec.id) else { continue };
        sec.title = r.text(&rs.title, lang).to_string();
        for dim in &mut sec.dimensions {
            if let Some(rd) = rs.dimensions.iter().find(|d| d.id == dim.id) {
                dim.title = r.text(&rd.title, lang).to_string();
            }
        }
    }
    for p in &mut doc.priorities {
        if let Some(rd) = r.sections.iter().flat_map(|s| &s.dimensions).find(|d| d.id == p.dimension) {
            p.suggestions = rd.suggestions.iter().map(|t| r.text(t, lang).to_string()).collect();
        }
    }
    doc.lang = lang.to_string();
    true
}

/// Careless-answering signals, SPEC §6.
pub fn quality(r: &Rubric, answers: &IndexMap<String, Option<i64>>, seconds: Option<f64>) -> Quality {
    let index = ItemIndex::new(r);
    let values: Vec<Option<i64>> = index.ids.iter().map(|id| answers.get(*id).copied().flatten()).collect();
    let keying = Keying::new(r);
    quality_flags(&values, &keying, r.scale.min as f64, r.scale.max as f64, seconds).quality(seconds)
}

/// What the quality signals need of a rubric, by item place (rubric order).
struct Keying {
    /// The places in the order the items are asked ([`Rubric::asked_order`]).
    asked: Vec<usize>,
    /// Whether the item at a place is reverse-keyed.
    reverse: Vec<bool>,
    /// Each dimension's items as (place, reverse).
    dims: Vec<Vec<(usize, bool)>>,
    /// The declared `opposite` pairs as (reverse item, plain item).
    pairs: Vec<(usize, usize)>,
}

impl Keying {
    fn new(r: &Rubric) -> Keying {
        let index = ItemIndex::new(r);
        let reverse: Vec<bool> = r.items().map(|(_, _, it)| it.reverse).collect();
        let mut dims = Vec::new();
        let mut k = 0;
        for (_, d) in r.dimensions() {
            dims.push(d.items.iter().enumerate().map(|(j, it)| (k + j, it.reverse)).collect());
            k += d.items.len();
        }
        let pairs = r
            .items()
            .enumerate()
            .filter_map(|(k, (_, _, it))| Some((k, index.find(it.opposite.as_deref()?, 0)?)))
            .collect();
        Keying { asked: r.asked_order(), reverse, dims, pairs }
    }
}

/// Answered items below which a straight line is not looked for.
pub const STRAIGHT_LINE_MIN_ANSWERS: usize = 5;
/// The shortest run of one value that is flagged as a long string (and it
/// must be at least half of the answers).
pub const LONGSTRING_MIN_RUN: usize = 6;
/// Answered items below which all-favourable answers are not flagged.
pub const TOO_GOOD_MIN_ANSWERS: usize = 10;

/// The quality signals, with the numbers behind two of them.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Flags {
    straight_line: bool,
    /// The longest run of one value.
    longstring: usize,
    longstring_flag: bool,
    /// The sample standard deviation of the answers (n ≥ 2).
    irv: Option<f64>,
    reverse_inconsistent: bool,
    too_good: bool,
    too_fast: bool,
}

impl Flags {
    const NAMES: [&'static str; 5] = crate::result::QUALITY_FLAGS;

    fn on(self) -> impl Iterator<Item = &'static str> {
        [self.straight_line, self.longstring_flag, self.reverse_inconsistent, self.too_good, self.too_fast]
            .into_iter()
            .zip(Self::NAMES)
            .filter_map(|(on, name)| on.then_some(name))
    }

    fn quality(self, seconds: Option<f64>) -> Quality {
        Quality {
            seconds,
            straight_line: self.straight_line,
            reverse_inconsistent: self.reverse_inconsistent,
            longstring: self.longstring,
            irv: self.irv,
            flags: self.on().map(str::to_string).collect(),
        }
    }
}

/// `values` in rubric order; `keying` says the order asked, the keying
/// and the pairs.
fn quality_flags(values: &[Option<i64>], keying: &Keying, min: f64, max: f64, seconds: Option<f64>) -> Flags {
    // The most frequent value among the answered items: a scale has at most
    // 11 points, counted in place (anything else, rarely, in a list).
    let mut counts = [0usize; 16];
    let mut others: Vec<(i64, usize)> = Vec::new();
    let mut given = 0usize;
    let (mut sum, mut run, mut longest, mut last) = (0i64, 0usize, 0usize, None);
    let mut favourable = true;
    let (low, high_value) = (min as i64, max as i64);
    // Raw answers in the order they were asked (SPEC §6): what a run is of.
    for &i in &keying.asked {
        let Some(v) = values.get(i).copied().flatten() else { continue };
        given += 1;
        sum = sum.saturating_add(v);
        run = if last == Some(v) { run + 1 } else { 1 };
        longest = longest.max(run);
        last = Some(v);
        favourable &= v == if keying.reverse[i] { low } else { high_value };
        match usize::try_from(v.wrapping_sub(low)).ok().filter(|&i| i < counts.len()) {
            Some(i) => counts[i] += 1,
            None => match others.iter_mut().find(|(x, _)| *x == v) {
                Some((_, c)) => *c += 1,
                None => others.push((v, 1)),
            },
        }
    }
    let most = counts.iter().chain(others.iter().map(|(_, c)| c)).copied().max().unwrap_or(0);
    let straight_line = given >= STRAIGHT_LINE_MIN_ANSWERS && most * 10 >= given * 8;
    let longstring_flag = longest >= LONGSTRING_MIN_RUN && longest * 2 >= given;
    let irv = (given >= 2).then(|| {
        let mean = sum as f64 / given as f64;
        let squares: f64 = (keying.asked.iter().filter_map(|&i| values.get(i).copied().flatten()))
            .map(|v| (v as f64 - mean) * (v as f64 - mean))
            .sum();
        (squares / (given - 1) as f64).sqrt()
    });
    let too_good = given >= TOO_GOOD_MIN_ANSWERS && favourable;

    let high = min + 0.75 * (max - min);
    let agrees = |k: usize| values.get(k).copied().flatten().is_some_and(|v| v as f64 >= high);
    // With declared pairs: agreeing with a statement and with its opposite.
    // Without: the rule of revision 1, by dimension.
    let by_pairs = || keying.pairs.iter().any(|&(rev, plain)| agrees(rev) && agrees(plain));
    let by_dimensions = || {
        keying.dims.iter().any(|items| {
            let (mut plain_sum, mut plain_n, mut rev_sum, mut rev_n) = (0i64, 0usize, 0i64, 0usize);
            for &(k, reverse) in items {
                if let Some(v) = values.get(k).copied().flatten() {
                    if reverse {
                        rev_sum += v;
                        rev_n += 1;
                    } else {
                        plain_sum += v;
                        plain_n += 1;
                    }
                }
            }
            plain_n > 0
                && rev_n > 0
                && plain_sum as f64 / plain_n as f64 >= high
                && rev_sum as f64 / rev_n as f64 >= high
        })
    };
    let reverse_inconsistent = if keying.pairs.is_empty() { by_dimensions() } else { by_pairs() };
    let too_fast = seconds.is_some_and(|s| given > 0 && s < TOO_FAST_SECONDS_PER_ITEM * given as f64);
    Flags { straight_line, longstring: longest, longstring_flag, irv, reverse_inconsistent, too_good, too_fast }
}

/// Who and when, for a result.
#[derive(Clone, Copy, Debug)]
pub struct Meta<'a> {
    pub subject: &'a Subject,
    pub rater: &'a Rater,
    pub session: Option<&'a str>,
    /// RFC 3339, "now" already filled in.
    pub taken_at: &'a str,
    /// The time as the input gave it; None where it gave none (then
    /// `taken_at` is "now", which the fingerprint leaves out).
    pub taken_at_given: Option<&'a str>,
}

impl<'a> Meta<'a> {
    pub fn of(r: &'a Respondent, now: &'a str) -> Self {
        Meta {
            subject: &r.subject,
            rater: &r.rater,
            session: r.session.as_deref(),
            taken_at: r.taken_at.as_deref().unwrap_or(now),
            taken_at_given: r.taken_at.as_deref(),
        }
    }
}

/// The numbers of one scored respondent.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scores {
    /// Per dimension in rubric order: score, items answered, and whether it
    /// is a self-review (`self_rating = "reflect"` in a self-assessment).
    dims: Vec<(Option<f64>, usize, bool)>,
    sections: Vec<Option<f64>>,
    overall: Option<f64>,
    /// (weighted gap, gap, dimension), most pressing first.
    priorities: Vec<(f64, f64, usize)>,
    /// (score, dimension), highest first.
    strengths: Vec<(f64, usize)>,
    flags: Flags,
    seconds: Option<f64>,
}

impl Scores {
    /// The overall score.
    pub fn overall(&self) -> Option<f64> {
        self.overall
    }
}

struct ItemPlan {
    reverse: bool,
    weight: f64,
}

struct DimPlan {
    /// Places of its items.
    items: std::ops::Range<usize>,
    weight: f64,
    /// Its section's place.
    section: usize,
    /// What its gap is multiplied by to rank it ([`priority_weights`]).
    priority_weight: f64,
    target: f64,
    id: String,
    title: String,
    suggestions: Vec<String>,
    /// `self_rating = "reflect"`: not scored in a self-assessment.
    reflect: bool,
    /// `{"id":…,"title":…,"score":`
    json_head: String,
    /// `"section":…,` and `"dimension":…` for priorities and strengths.
    json_ref: String,
    /// `,"suggestions":[…]}`
    json_suggestions: String,
    /// `,"target":…`
    json_target: String,
}

struct SectionPlan {
    dims: std::ops::Range<usize>,
    weight: f64,
    target: f64,
    id: String,
    title: String,
    json_head: String,
    json_target: String,
}

/// A rubric and the scoring options, worked out once for many respondents.
pub struct Scorer<'a> {
    loaded: &'a Loaded,
    /// The rubric's items, by place.
    pub index: ItemIndex<'a>,
    opts: Options,
    lang: String,
    min: i64,
    max: i64,
    items: Vec<ItemPlan>,
    dims: Vec<DimPlan>,
    keying: Keying,
    sections: Vec<SectionPlan>,
    overall_target: f64,
    /// `,"rubric":{…},"profile":…,"subject":{"name":`
    json_rubric: String,
    /// `,"lang":…,"overall":{"score":`
    json_lang: String,
    /// `"item id":` per item.
    json_keys: Vec<String>,
    /// `"item id"` and its place, in the byte order of the ids: the answers
    /// of the fingerprint.
    canon_keys: Vec<(String, usize)>,
}

fn json<T: serde::Serialize + ?Sized>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

impl<'a> Scorer<'a> {
    pub fn new(loaded: &'a Loaded, opts: &Options) -> Self {
        let r = &loaded.rubric;
        let lang = opts.lang.clone();
        let targets = Targets::new(r, opts);
        let mut items = Vec::new();
        let mut dims = Vec::new();
        let mut sections = Vec::new();
        let priority = priority_weights(r);
        for (si, sec) in r.sections.iter().enumerate() {
            let first_dim = dims.len();
            for (di, dim) in sec.dimensions.iter().enumerate() {
                let first = items.len();
                for it in &dim.items {
                    items.push(ItemPlan { reverse: it.reverse, weight: it.weight });
                }
                let title = r.text(&dim.title, &lang).to_string();
                let suggestions: Vec<String> = dim.suggestions.iter().map(|s| r.text(s, &lang).to_string()).collect();
                let target = targets.dimension(si, di);
                dims.push(DimPlan {
                    items: first..items.len(),
                    weight: dim.weight,
                    section: si,
                    priority_weight: priority[dims.len()],
                    target,
                    json_head: format!("{{\"id\":{},\"title\":{},\"score\":", json(&dim.id), json(&title)),
                    json_ref: format!("{{\"dimension\":{},\"section\":{}", json(&dim.id), json(&sec.id)),
                    json_suggestions: format!(",\"suggestions\":{}}}", json(&suggestions)),
                    json_target: format!(",\"target\":{}", json(&target)),
                    reflect: dim.self_rating == SelfRating::Reflect,
                    id: dim.id.clone(),
                    title,
                    suggestions,
                });
            }
            let title = r.text(&sec.title, &lang).to_string();
            let target = targets.section(si);
            sections.push(SectionPlan {
                dims: first_dim..dims.len(),
                weight: sec.weight,
                target,
                json_head: format!("{{\"id\":{},\"title\":{},\"score\":", json(&sec.id), json(&title)),
                json_target: format!(",\"target\":{}", json(&target)),
                id: sec.id.clone(),
                title,
            });
        }
        let rubric_ref = RubricRef {
            id: r.id.clone(),
            version: r.version.clone(),
            title: r.text(&r.title, &lang).to_string(),
            sha256: loaded.sha256.clone(),
        };
        let index = ItemIndex::new(r);
        let json_keys = index.ids.iter().map(|id| format!("{}:", json(id))).collect();
        let mut order: Vec<usize> = (0..index.ids.len()).collect();
        order.sort_by(|&a, &b| index.ids[a].cmp(index.ids[b]));
        let canon_keys = order.into_iter().map(|k| (json(index.ids[k]), k)).collect();
        Scorer {
            loaded,
            opts: opts.clone(),
            json_rubric: format!(",\"rubric\":{},\"profile\":{},\"subject\":", json(&rubric_ref), json(&opts.profile)),
            json_lang: format!(",\"lang\":{},\"overall\":{{\"score\":", json(&lang)),
            json_keys,
            canon_keys,
            index,
            lang,
            min: r.scale.min,
            max: r.scale.max,
            items,
            dims,
            keying: Keying::new(r),
            sections,
            overall_target: targets.default(),
        }
    }

    fn rubric(&self) -> &Rubric {
        &self.loaded.rubric
    }

    /// The fingerprint of a result of these answers (SPEC §6).
    pub fn fingerprint(&self, meta: &Meta<'_>, values: &[Option<i64>]) -> String {
        let r = self.rubric();
        let identity = Identity {
            rubric_id: &r.id,
            rubric_version: &r.version,
            subject: meta.subject,
            rater: meta.rater,
            session: meta.session,
            taken_at_given: meta.taken_at_given,
        };
        identity.fingerprint(self.canon_keys.iter().map(|(key, k)| (key.as_str(), values.get(*k).copied().flatten())))
    }

    /// The numbers: `values` in rubric order (see [`ItemIndex`]), answered
    /// by a rater in `role` (a self-assessment leaves the dimensions with
    /// `self_rating = "reflect"` unscored, SPEC §5).
    pub fn scores(&self, values: &[Option<i64>], seconds: Option<f64>, role: Role) -> Scores {
        let self_review = role == Role::SelfRating;
        let (min, max) = (self.min, self.max);
        let mut dims = Vec::with_capacity(self.dims.len());
        let mut sections = Vec::with_capacity(self.sections.len());
        let mut candidates = Vec::new(); // (weighted gap, gap, dimension)
        let mut strengths = Vec::new();
        let (mut over_num, mut over_den) = (0.0, 0.0);
        for sec in &self.sections {
            let (mut sec_num, mut sec_den) = (0.0, 0.0);
            for k in sec.dims.clone() {
                let dim = &self.dims[k];
                let (mut num, mut den, mut answered) = (0.0, 0.0, 0usize);
                for i in dim.items.clone() {
                    if let Some(v) = values.get(i).copied().flatten() {
                        let it = &self.items[i];
                        num += it.weight * item_score(v, it.reverse, min, max);
                        den += it.weight;
                        answered += 1;
                    }
                }
                // A score that is not finite is never made (a checked rubric
                // keeps every sum finite; this holds whatever the rubric).
                let reflect = self_review && dim.reflect;
                let score =
                    if reflect || answered * 2 < dim.items.len() || den <= 0.0 { None } else { finite(num / den) };
                if let Some(s) = score {
                    sec_num += dim.weight * s;
                    sec_den += dim.weight;
                    let g = dim.target - s;
                    if g > 0.0 {
                        let weighted = g * dim.priority_weight;
                        candidates.push((if weighted.is_finite() { weighted } else { f64::MAX }, g, k));
                    } else {
                        strengths.push((s, k));
                    }
                }
                dims.push((score, answered, reflect));
            }
            let score = if sec_den > 0.0 { finite(sec_num / sec_den) } else { None };
            if let Some(s) = score {
                over_num += sec.weight * s;
                over_den += sec.weight;
            }
            sections.push(score);
        }
        let overall = if over_den > 0.0 { finite(over_num / over_den) } else { None };
        if overall.is_none() {
            // Too few answers to score: no development focus, no strengths (SPEC §5).
            candidates.clear();
            strengths.clear();
        }
        candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)));
        strengths.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let flags = quality_flags(values, &self.keying, self.min as f64, self.max as f64, seconds);
        Scores { dims, sections, overall, priorities: candidates, strengths, flags, seconds }
    }

    /// The result document.
    pub fn doc(&self, s: &Scores, meta: &Meta<'_>, values: &[Option<i64>], id: String) -> ResultDoc {
        let r = self.rubric();
        let bands = &r.gap;
        let sections = self
            .sections
            .iter()
            .zip(&s.sections)
            .map(|(sec, score)| {
                let st = standing(*score, sec.target, bands);
                SectionResult {
                    id: sec.id.clone(),
                    title: sec.title.clone(),
                    score: st.score,
                    target: st.target,
                    gap: st.gap,
                    severity: st.severity,
                    percentile: None,
                    band: None,
                    sem: None,
                    dimensions: sec
                        .dims
                        .clone()
                        .map(|k| {
                            let dim = &self.dims[k];
                            let (score, answered, reflect) = s.dims[k];
                            let st = standing(score, dim.target, bands);
                            DimensionResult {
                                id: dim.id.clone(),
                                title: dim.title.clone(),
                                score: st.score,
                                target: st.target,
                                gap: st.gap,
                                severity: st.severity,
                                answered,
                                items: dim.items.len(),
                                reflect,
                                percentile: None,
                                band: None,
                                sem: None,
                            }
                        })
                        .collect(),
                }
            })
            .collect();
        let section_of = |k: usize| &self.sections[self.dims[k].section].id;
        ResultDoc {
            schema: SCHEMA.to_string(),
            id,
            fingerprint: self.fingerprint(meta, values),
            rubric: RubricRef {
                id: r.id.clone(),
                version: r.version.clone(),
                title: r.text(&r.title, &self.lang).to_string(),
                sha256: self.loaded.sha256.clone(),
            },
            profile: self.opts.profile.clone(),
            subject: meta.subject.clone(),
            rater: meta.rater.clone(),
            session: meta.session.map(str::to_string),
            taken_at: meta.taken_at.to_string(),
            lang: self.lang.clone(),
            overall: standing(s.overall, self.overall_target, bands),
            sections,
            priorities: s
                .priorities
                .iter()
                .map(|&(wg, g, k)| Priority {
                    dimension: self.dims[k].id.clone(),
                    section: section_of(k).clone(),
                    gap: g,
                    weighted_gap: wg,
                    suggestions: self.dims[k].suggestions.clone(),
                })
                .collect(),
            strengths: s
                .strengths
                .iter()
                .map(|&(score, k)| Strength {
                    dimension: self.dims[k].id.clone(),
                    section: section_of(k).clone(),
                    score,
                })
                .collect(),
            answers: self.index.ids.iter().zip(values).map(|(id, v)| (id.to_string(), *v)).collect(),
            quality: s.flags.quality(s.seconds),
            previous: None,
        }
    }
}

#[cfg(test)]
mod builtin_tests;
mod json;
#[cfg(test)]
mod tests;

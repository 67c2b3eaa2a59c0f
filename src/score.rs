//! Scoring, exactly as SPEC §5: values in, a result out, no I/O.

use std::collections::HashMap;

use indexmap::IndexMap;

use crate::result::{
    DimensionResult, Priority, Quality, Rater, ResultDoc, RubricRef, SCHEMA, SectionResult, Severity, Standing,
    Strength, Subject,
};
use crate::rubric::{GapBands, Loaded, Rubric};

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
    Standing { score, target, gap, severity: severity(gap, bands) }
}

/// Weighted mean of (weight, value) pairs; None when there are none.
fn weighted_mean(pairs: impl IntoIterator<Item = (f64, f64)>) -> Option<f64> {
    let (mut num, mut den) = (0.0, 0.0);
    for (w, v) in pairs {
        num += w * v;
        den += w;
    }
    (den > 0.0).then(|| num / den)
}

/// Score of one answer on the 0..100 scale.
pub fn item_score(value: i64, reverse: bool, min: i64, max: i64) -> f64 {
    let adjusted = if reverse { min + max - value } else { value };
    (adjusted - min) as f64 / (max - min) as f64 * 100.0
}

/// Score one response. `id` and `now` are the result's id and the time used
/// when the response gives none: passed in so that scoring stays pure.
pub fn score(loaded: &Loaded, resp: &Response, opts: &Options, id: String, now: &str) -> ResultDoc {
    let r = &loaded.rubric;
    let lang = opts.lang.as_str();
    let (min, max) = (r.scale.min, r.scale.max);
    let targets = Targets::new(r, opts);
    let answer = |item: &str| resp.answers.get(item).copied().flatten();

    let mut sections = Vec::with_capacity(r.sections.len());
    let mut section_scores = Vec::new();
    let mut candidates = Vec::new(); // (weighted gap, gap, rubric order, section, dimension)
    let mut strengths = Vec::new();
    let mut order = 0usize;
    for (si, sec) in r.sections.iter().enumerate() {
        let mut dims = Vec::with_capacity(sec.dimensions.len());
        let mut dim_scores = Vec::new();
        for (di, dim) in sec.dimensions.iter().enumerate() {
            let answered: Vec<(f64, f64)> = dim
                .items
                .iter()
                .filter_map(|it| answer(&it.id).map(|v| (it.weight, item_score(v, it.reverse, min, max))))
                .collect();
            let score =
                if answered.len() * 2 < dim.items.len() { None } else { weighted_mean(answered.iter().copied()) };
            let st = standing(score, targets.dimension(si, di), &r.gap);
            if let Some(s) = score {
                dim_scores.push((dim.weight, s));
            }
            match st.gap {
                Some(g) if g > 0.0 => {
                    candidates.push((g * dim.weight * sec.weight, g, order, si, di));
                }
                Some(_) => strengths.push((score.unwrap_or(0.0), order, si, di)),
                None => {}
            }
            order += 1;
            dims.push(DimensionResult {
                id: dim.id.clone(),
                title: r.text(&dim.title, lang).to_string(),
                score: st.score,
                target: st.target,
                gap: st.gap,
                severity: st.severity,
                answered: answered.len(),
                items: dim.items.len(),
            });
        }
        let score = weighted_mean(dim_scores);
        if let Some(s) = score {
            section_scores.push((sec.weight, s));
        }
        let st = standing(score, targets.section(si), &r.gap);
        sections.push(SectionResult {
            id: sec.id.clone(),
            title: r.text(&sec.title, lang).to_string(),
            score: st.score,
            target: st.target,
            gap: st.gap,
            severity: st.severity,
            dimensions: dims,
        });
    }
    let overall = standing(weighted_mean(section_scores), targets.default(), &r.gap);

    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)));
    let priorities = candidates
        .into_iter()
        .map(|(wg, g, _, si, di)| {
            let (sec, dim) = (&r.sections[si], &r.sections[si].dimensions[di]);
            Priority {
                dimension: dim.id.clone(),
                section: sec.id.clone(),
                gap: g,
                weighted_gap: wg,
                suggestions: dim.suggestions.iter().map(|s| r.text(s, lang).to_string()).collect(),
            }
        })
        .collect();
    strengths.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let strengths = strengths
        .into_iter()
        .map(|(score, _, si, di)| Strength {
            dimension: r.sections[si].dimensions[di].id.clone(),
            section: r.sections[si].id.clone(),
            score,
        })
        .collect();

    let answers: IndexMap<String, Option<i64>> = r.items().map(|(_, _, it)| (it.id.clone(), answer(&it.id))).collect();
    let quality = quality(r, &answers, resp.seconds);

    ResultDoc {
        schema: SCHEMA.to_string(),
        id,
        rubric: RubricRef {
            id: r.id.clone(),
            version: r.version.clone(),
            title: r.text(&r.title, lang).to_string(),
            sha256: loaded.sha256.clone(),
        },
        profile: opts.profile.clone(),
        subject: resp.subject.clone(),
        rater: resp.rater.clone(),
        session: resp.session.clone(),
        taken_at: resp.taken_at.clone().unwrap_or_else(|| now.to_string()),
        lang: lang.to_string(),
        overall,
        sections,
        priorities,
        strengths,
        answers,
        quality,
        previous: None,
    }
}

/// Seconds an item below which answering counts as too fast.
pub const TOO_FAST_SECONDS_PER_ITEM: f64 = 2.0;

/// Careless-answering signals, SPEC §6.
pub fn quality(r: &Rubric, answers: &IndexMap<String, Option<i64>>, seconds: Option<f64>) -> Quality {
    let given: Vec<i64> = answers.values().filter_map(|v| *v).collect();
    let mut counts: HashMap<i64, usize> = HashMap::new();
    for v in &given {
        *counts.entry(*v).or_default() += 1;
    }
    let most = counts.values().copied().max().unwrap_or(0);
    let straight_line = !given.is_empty() && most * 10 >= given.len() * 8;

    let (min, max) = (r.scale.min as f64, r.scale.max as f64);
    let high = min + 0.75 * (max - min);
    let mean = |vals: &[i64]| vals.iter().sum::<i64>() as f64 / vals.len() as f64;
    let reverse_inconsistent = r.dimensions().any(|(_, d)| {
        let (mut plain, mut rev) = (Vec::new(), Vec::new());
        for it in &d.items {
            if let Some(Some(v)) = answers.get(&it.id) {
                if it.reverse { rev.push(*v) } else { plain.push(*v) }
            }
        }
        !plain.is_empty() && !rev.is_empty() && mean(&plain) >= high && mean(&rev) >= high
    });
    let too_fast = seconds.is_some_and(|s| !given.is_empty() && s < TOO_FAST_SECONDS_PER_ITEM * given.len() as f64);

    let mut flags = Vec::new();
    for (on, name) in
        [(straight_line, "straight_line"), (reverse_inconsistent, "reverse_inconsistent"), (too_fast, "too_fast")]
    {
        if on {
            flags.push(name.to_string());
        }
    }
    Quality { seconds, straight_line, reverse_inconsistent, flags }
}

#[cfg(test)]
mod tests;

//! Norms and measurement uncertainty (SPEC §13): the `zhixing.norms.v1`
//! document, built from many results, and what it adds to one result:
//! percentiles, the 95 % band of a dimension score, its standard error of
//! measurement, and the reliable change since the previous result.
//!
//! Pure: results, the rubric and the time are passed in. The statistics
//! (n, mean, sd, alpha) are the group report's, over the same people
//! (`group::Builder` with every result counted, the floor 1).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Problem;
use crate::group::{Builder, DimensionStats, Stats};
use crate::result::{ResultDoc, Role, utc_key};
use crate::rubric::Rubric;

pub const SCHEMA: &str = "zhixing.norms.v1";
/// Fewer people than this make no norms (`--min-n`).
pub const DEFAULT_MIN_N: usize = 30;
/// The two-sided 95 % point of the normal distribution.
pub const Z95: f64 = 1.96;

/// Norms: the distribution of scores among many people, and how precise a
/// score is. Holds no name, id or answer of anyone.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "zhixing norms v1")]
pub struct NormsDoc {
    /// Always "zhixing.norms.v1".
    #[schemars(extend("const" = "zhixing.norms.v1"))]
    pub schema: String,
    /// What the norms are of, such as "2026 全省机关干部"; null where not given.
    pub name: Option<String>,
    /// When the norms were made, RFC 3339.
    pub created_at: String,
    /// The rubric the results were scored against.
    pub rubric: NormsRubric,
    /// The rater role of the results.
    pub role: Role,
    /// People: one result each.
    pub n: usize,
    pub overall: Level,
    pub sections: Vec<SectionNorm>,
    pub dimensions: Vec<DimensionNorm>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NormsRubric {
    pub id: String,
    pub version: String,
    /// sha256 of the rubric file's bytes, hex.
    pub sha256: String,
}

/// The overall score among the people.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// People with a score.
    pub n: usize,
    pub mean: Option<f64>,
    /// Sample standard deviation; null below 2.
    pub sd: Option<f64>,
    /// The distinct scores, ascending, each with how many people have it.
    pub values: Vec<(f64, usize)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionNorm {
    pub id: String,
    pub n: usize,
    pub mean: Option<f64>,
    pub sd: Option<f64>,
    pub values: Vec<(f64, usize)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DimensionNorm {
    pub id: String,
    /// Id of its section.
    pub section: String,
    pub n: usize,
    pub mean: Option<f64>,
    pub sd: Option<f64>,
    /// Cronbach's alpha over the same people (SPEC §10).
    pub alpha: Option<f64>,
    /// People alpha is computed over.
    pub alpha_n: usize,
    /// Standard error of measurement: sd·√(1 − alpha) where alpha ≥ 0.
    pub sem: Option<f64>,
    pub values: Vec<(f64, usize)>,
}

/// sd·√(1 − α) where α ≥ 0 (the group report's).
pub use crate::group::sem;

/// The percentile of `x` among `n` people whose distinct scores are
/// `values`: (number below x + ½ × number equal to x) / n × 100.
pub fn percentile(values: &[(f64, usize)], n: usize, x: f64) -> Option<f64> {
    if n == 0 || !x.is_finite() {
        return None;
    }
    let (mut below, mut equal) = (0usize, 0usize);
    for &(v, c) in values {
        if v < x {
            below += c;
        } else if v == x {
            equal += c;
        }
    }
    Some((below as f64 + 0.5 * equal as f64) / n as f64 * 100.0)
}

/// The 95 % band of a score: [max(0, x − 1.96·sem), min(100, x + 1.96·sem)].
pub fn band(x: f64, sem: f64) -> [f64; 2] {
    [(x - Z95 * sem).max(0.0), (x + Z95 * sem).min(100.0)]
}

/// The reliable change index (Jacobson & Truax): delta / (√2 · sem); None
/// where sem is None or 0.
pub fn rci(delta: f64, sem: Option<f64>) -> Option<f64> {
    let s = sem.filter(|s| *s > 0.0 && s.is_finite())?;
    Some(delta / (std::f64::consts::SQRT_2 * s))
}

/// A change beyond measurement error: |rci| ≥ 1.96.
pub fn reliable(rci: f64) -> bool {
    rci.abs() >= Z95
}

/// A subject: name and department.
type Person<'a> = (&'a str, Option<&'a str>);

/// Who one result is of, for "one result per person": the subject.
fn person(r: &ResultDoc) -> Person<'_> {
    (&r.subject.name, r.subject.department.as_deref())
}

/// The distinct values of `scores`, ascending, with their counts.
fn values_of(mut scores: Vec<f64>) -> Vec<(f64, usize)> {
    scores.sort_by(f64::total_cmp);
    let mut out: Vec<(f64, usize)> = Vec::new();
    for x in scores {
        match out.last_mut() {
            Some((v, c)) if *v == x => *c += 1,
            _ => out.push((x, 1)),
        }
    }
    out
}

/// What `build` is given besides the results.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    pub role: Role,
    pub name: Option<String>,
    pub min_n: usize,
    /// The time the norms are made, RFC 3339.
    pub now: String,
}

/// Norms from `results`: of each subject (name and department) the latest
/// result (`taken_at`, across sessions) of the rater role `opts.role`, all of
/// one rubric id and version: that of `rubric` where given (which then keys
/// the items for alpha; without it there is no alpha), else that of the
/// first result of the role. Results of other roles are left out; of another
/// rubric, refused (as a mix). Fewer than `opts.min_n` people are refused.
pub fn build(results: &[ResultDoc], rubric: Option<&Rubric>, opts: &BuildOptions) -> Result<Built, Problem> {
    let mut of_role = results.iter().enumerate().filter(|(_, r)| r.rater.role == opts.role).peekable();
    let (id, version) = match (rubric, of_role.peek()) {
        (Some(r), _) => (r.id.clone(), r.version.clone()),
        (None, Some((_, r))) => (r.rubric.id.clone(), r.rubric.version.clone()),
        (None, None) => return Err(Problem::NormsTooFew { n: 0, min: opts.min_n.max(1) }),
    };
    let mut other: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut latest: BTreeMap<Person<'_>, (Option<String>, usize)> = BTreeMap::new();
    let mut same = 0;
    for (i, r) in of_role {
        if r.rubric.id != id || r.rubric.version != version {
            *other.entry((r.rubric.id.clone(), r.rubric.version.clone())).or_default() += 1;
            continue;
        }
        same += 1;
        let key = utc_key(&r.taken_at);
        let e = latest.entry(person(r)).or_insert((None, usize::MAX));
        // The later one counts; at the same time, the one given later.
        if e.1 == usize::MAX || (key.as_deref(), i) > (e.0.as_deref(), e.1) {
            *e = (key, i);
        }
    }
    if !other.is_empty() {
        if let Some(r) = rubric
            && same == 0
            && other.len() == 1
        {
            let (results, _) = other.into_iter().next().unwrap_or_default();
            return Err(Problem::RubricMismatch { given: (r.id.clone(), r.version.clone()), results });
        }
        let mut list = vec![(id, version, same)];
        list.extend(other.into_iter().map(|((id, v), n)| (id, v, n)));
        list.retain(|x| x.2 > 0);
        return Err(Problem::MixedRubrics(list));
    }
    let mut kept: Vec<usize> = latest.values().map(|(_, i)| *i).collect();
    kept.sort_unstable();
    if kept.len() < opts.min_n.max(1) {
        return Err(Problem::NormsTooFew { n: kept.len(), min: opts.min_n.max(1) });
    }
    let people: Vec<&ResultDoc> = kept.iter().map(|&i| &results[i]).collect();
    let left_out = Built {
        other_roles: results.iter().filter(|r| r.rater.role != opts.role).count(),
        earlier: same - people.len(),
        ..Built::default()
    };

    // n, mean, sd and alpha as the group report has them.
    let mut builder = Builder::new(people[0], rubric, "en", None, false).every_result(true);
    for r in &people {
        builder.add(r);
    }
    let g = builder.finish(1, 0);
    let everyone = g.groups.into_iter().next();
    let (overall, sections, dimensions) = match everyone {
        Some(e) => (e.overall, e.sections, e.dimensions),
        None => (None, Vec::new(), Vec::new()),
    };
    let stat = |s: Option<&Stats>| s.map_or((0, None, None), |s| (s.n, s.mean, s.sd));

    let overall_values = values_of(people.iter().filter_map(|r| r.overall.score).collect());
    let (n, mean, sd) = stat(overall.as_ref());
    let overall = Level { n, mean, sd, values: overall_values };
    let sections = sections
        .iter()
        .map(|s| {
            let scores =
                people.iter().filter_map(|r| r.sections.iter().find(|x| x.id == s.id).and_then(|x| x.score)).collect();
            let (n, mean, sd) = stat(Some(&s.stats));
            SectionNorm { id: s.id.clone(), n, mean, sd, values: values_of(scores) }
        })
        .collect();
    let dimensions = dimensions
        .iter()
        .map(|d: &DimensionStats| {
            let scores = people
                .iter()
                .filter_map(|r| r.dimensions().find(|(_, x)| x.id == d.id).and_then(|(_, x)| x.score))
                .collect();
            let (n, mean, sd) = stat(Some(&d.stats));
            DimensionNorm {
                id: d.id.clone(),
                section: d.section.clone(),
                n,
                mean,
                sd,
                alpha: d.alpha,
                alpha_n: d.alpha_n,
                sem: sem(sd, d.alpha),
                values: values_of(scores),
            }
        })
        .collect();
    let doc = NormsDoc {
        schema: SCHEMA.to_string(),
        name: opts.name.clone(),
        created_at: opts.now.clone(),
        rubric: NormsRubric { id, version, sha256: people[0].rubric.sha256.clone() },
        role: opts.role,
        n: people.len(),
        overall,
        sections,
        dimensions,
    };
    Ok(Built { doc, ..left_out })
}

/// Norms made, and what was left out making them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Built {
    pub doc: NormsDoc,
    /// Results of other rater roles.
    pub other_roles: usize,
    /// Earlier results of the same people.
    pub earlier: usize,
}

impl NormsDoc {
    /// Whether these norms are of the rubric id and version given; else the
    /// problem naming both.
    pub fn check_rubric(&self, id: &str, version: &str) -> Result<(), Problem> {
        if self.rubric.id == id && self.rubric.version == version {
            return Ok(());
        }
        Err(Problem::NormsMismatch {
            norms: (self.rubric.id.clone(), self.rubric.version.clone()),
            results: (id.to_string(), version.to_string()),
        })
    }

    pub fn dimension(&self, id: &str) -> Option<&DimensionNorm> {
        self.dimensions.iter().find(|d| d.id == id)
    }

    /// The sem of a dimension; None where the norms have none.
    pub fn sem_of(&self, id: &str) -> Option<f64> {
        self.dimension(id).and_then(|d| d.sem)
    }
}

/// Fill in `doc` what the norms say: the percentile of the overall score,
/// of each section and dimension; each dimension's sem and band; and, in
/// `previous`, each dimension's RCI and whether the change is reliable.
/// Norms of another rubric id or version are refused (nothing changed).
pub fn apply(doc: &mut ResultDoc, norms: &NormsDoc) -> Result<(), Problem> {
    norms.check_rubric(&doc.rubric.id, &doc.rubric.version)?;
    let o = &norms.overall;
    doc.overall.percentile = doc.overall.score.and_then(|x| percentile(&o.values, o.n, x));
    for s in &mut doc.sections {
        let sn = norms.sections.iter().find(|x| x.id == s.id);
        s.percentile = sn.zip(s.score).and_then(|(n, x)| percentile(&n.values, n.n, x));
        for d in &mut s.dimensions {
            let dn = norms.dimension(&d.id);
            d.percentile = dn.zip(d.score).and_then(|(n, x)| percentile(&n.values, n.n, x));
            d.sem = dn.and_then(|n| n.sem);
            d.band = d.score.zip(d.sem).map(|(x, s)| band(x, s));
        }
    }
    if let Some(p) = &mut doc.previous {
        for c in &mut p.dimensions {
            let r = c.delta.and_then(|delta| rci(delta, norms.sem_of(&c.id)));
            c.rci = Some(r);
            c.reliable = Some(r.map(reliable));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;

//! Before and after (SPEC §14): the results of a group before a training
//! and after it, paired by person, into one `zhixing.compare.v1` document.
//!
//! Pure: both sides' results, the rubric and the norms are passed in. Each
//! person counts once per side (the latest `taken_at`, SPEC §10 rule 1); a
//! pair is the same subject (name and department) on both sides, of one
//! rater role. Per level (overall, sections, dimensions), over the pairs
//! with both scores: the means, the mean change and its sample sd, d_z, and
//! how many changed beyond measurement error (RCI of §13, with the norms'
//! sem or else the BEFORE group's own: sd·√(1 − α), for sections and the
//! overall score with the mean α of their dimensions). The anonymity rules
//! of §10 (floor, pool, nested differences) apply to the paired groups,
//! through `group`'s rules on sizes.

use std::collections::{BTreeMap, HashMap};

use schemars::JsonSchema;
use serde::Serialize;

use crate::error::Problem;
use crate::group::{Builder, Counts, Crossing, GroupDoc, RubricInfo, Texts, Withheld, mean, sample_sd, withhold};
use crate::norms::NormsDoc;
use crate::result::{FlagFilter, ResultDoc, Role, utc_key};
use crate::rubric::Rubric;

pub const SCHEMA: &str = "zhixing.compare.v1";
/// The two-sided 95 % point: a change beyond measurement error.
const Z95: f64 = crate::norms::Z95;

/// A group before and after: `zhixing.compare.v1`.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[schemars(title = "zhixing compare v1", deny_unknown_fields)]
pub struct CompareDoc {
    /// Always "zhixing.compare.v1".
    #[schemars(extend("const" = "zhixing.compare.v1"))]
    pub schema: String,
    pub rubric: RubricInfo,
    /// Groups of fewer pairs than this are withheld.
    pub min_group: usize,
    /// The rater role compared.
    pub role: Role,
    pub before: Side,
    pub after: Side,
    /// People on both sides.
    pub paired: usize,
    /// People only before.
    pub only_before: usize,
    /// People only after.
    pub only_after: usize,
    /// Where each RCI's sem comes from: "norms" or "before" (the BEFORE
    /// group's own sd and alpha).
    pub sem_from: SemFrom,
    /// First everyone paired; then one per `--by` value.
    pub groups: Vec<CompareGroup>,
}

/// Where the standard error of measurement comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SemFrom {
    /// The norms given (`--norms`).
    Norms,
    /// The BEFORE group's own sd and alpha.
    Before,
}

/// One side: its label (a session name or a file's stem) and its people.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Side {
    pub label: String,
    /// People of the role on this side (one result each).
    pub n: usize,
}

/// Everyone paired, or the pairs sharing one `--by` value.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct CompareGroup {
    /// null for everyone; else the grouping and its value.
    pub key: Option<BTreeMap<String, Option<String>>>,
    /// true: too few to show; nothing below.
    pub withheld: bool,
    /// too_few, complementary or nested; null where shown.
    pub withheld_reason: Option<Withheld>,
    /// Pairs in the group; null where withheld.
    pub n: Option<usize>,
    pub overall: Option<Change>,
    pub sections: Vec<SectionChange>,
    pub dimensions: Vec<DimensionChange>,
}

/// The change at one level, over the pairs with both scores.
#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema)]
pub struct Change {
    /// Pairs with a score before and after.
    pub n: usize,
    pub before_mean: Option<f64>,
    pub after_mean: Option<f64>,
    /// Mean of the pairs' changes (after − before).
    pub mean_change: Option<f64>,
    /// Sample sd of the changes; null below 2 pairs.
    pub sd_change: Option<f64>,
    /// mean_change / sd_change; null where sd_change is 0 or null.
    pub d_z: Option<f64>,
    /// The standard error of measurement the RCI used; null where none.
    pub sem: Option<f64>,
    /// Pairs with RCI ≥ 1.96; null without a sem.
    pub improved: Option<usize>,
    /// Pairs with RCI ≤ −1.96; null without a sem.
    pub declined: Option<usize>,
    /// The other pairs; null without a sem.
    pub unchanged: Option<usize>,
    /// Set where this statistic alone is withheld (fewer than `min_group`
    /// pairs have both scores): its figures are null.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withheld: Option<Withheld>,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct SectionChange {
    pub id: String,
    #[serde(flatten)]
    pub change: Change,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct DimensionChange {
    pub id: String,
    /// Id of its section.
    pub section: String,
    #[serde(flatten)]
    pub change: Change,
}

/// What a comparison is asked for.
#[derive(Clone, Debug)]
pub struct Options<'a> {
    pub before_label: String,
    pub after_label: String,
    pub role: Role,
    /// At least 1.
    pub min_group: usize,
    /// `--by`: department, role, session, subject, or an attribute's name.
    pub by: Option<String>,
    pub norms: Option<&'a NormsDoc>,
    pub flags: FlagFilter,
    /// The interface language, for the rubric's texts.
    pub lang: &'a str,
}

/// A comparison made, with what was left out making it.
#[derive(Clone, Debug)]
pub struct Built {
    pub doc: CompareDoc,
    /// Section and dimension titles.
    pub texts: Texts,
    /// Results left out for their quality flags (`--exclude-flagged`).
    pub flagged_left_out: usize,
    /// Results of other rater roles.
    pub other_roles: usize,
    /// Earlier results of the same people, per side.
    pub earlier: usize,
}

/// The levels a comparison shows: sections and dimensions in rubric order.
struct Layout {
    sections: Vec<String>,
    /// (dimension id, index of its section)
    dimensions: Vec<(String, usize)>,
}

impl Layout {
    fn of(first: &ResultDoc) -> Layout {
        let mut l = Layout { sections: Vec::new(), dimensions: Vec::new() };
        for s in &first.sections {
            if l.sections.contains(&s.id) {
                continue;
            }
            l.sections.push(s.id.clone());
            for d in &s.dimensions {
                if !l.dimensions.iter().any(|(id, _)| *id == d.id) {
                    l.dimensions.push((d.id.clone(), l.sections.len() - 1));
                }
            }
        }
        l
    }

    fn levels(&self) -> usize {
        1 + self.sections.len() + self.dimensions.len()
    }

    /// A result's score at each level: overall, sections, dimensions.
    fn scores(&self, r: &ResultDoc) -> Vec<Option<f64>> {
        let mut out = vec![r.overall.score.filter(|v| v.is_finite())];
        let section = |id: &str| r.sections.iter().find(|s| s.id == id).and_then(|s| s.score);
        out.extend(self.sections.iter().map(|id| section(id).filter(|v| v.is_finite())));
        let dimension =
            |id: &str| r.sections.iter().flat_map(|s| &s.dimensions).find(|d| d.id == id).and_then(|d| d.score);
        out.extend(self.dimensions.iter().map(|(id, _)| dimension(id).filter(|v| v.is_finite())));
        out
    }
}

/// A subject, for pairing: name and department.
type Person = (String, Option<String>);

/// Each person's latest result of the role, in the order first read.
fn latest<'r>(results: &[&'r ResultDoc]) -> (Vec<&'r ResultDoc>, usize) {
    let mut at: HashMap<Person, usize> = HashMap::new();
    let mut kept: Vec<(usize, &'r ResultDoc)> = Vec::new();
    let mut earlier = 0;
    for (order, r) in results.iter().enumerate() {
        let who = (r.subject.name.clone(), r.subject.department.clone());
        match at.get(&who) {
            Some(&i) => {
                earlier += 1;
                let (o, old) = kept[i];
                // The later of the two; at the same time, the one read later.
                if (utc_key(&r.taken_at), order) > (utc_key(&old.taken_at), o) {
                    kept[i] = (order, r);
                }
            }
            None => {
                at.insert(who, kept.len());
                kept.push((order, r));
            }
        }
    }
    (kept.into_iter().map(|(_, r)| r).collect(), earlier)
}

/// One person before and after.
struct Pair<'r> {
    before: &'r ResultDoc,
    after: &'r ResultDoc,
    /// Per level: (before, after) where both have a score.
    scores: Vec<Option<(f64, f64)>>,
}

impl Pair<'_> {
    /// The pair's value under a grouping: the department, the role, the
    /// BEFORE result's session, or an attribute (the BEFORE
    /// result's, else the AFTER one's).
    fn key(&self, by: &str) -> Option<String> {
        let s = &self.before.subject;
        match by {
            "department" => s.department.clone(),
            "role" => Some(self.before.rater.role.code().to_string()),
            "session" => self.before.session.clone(),
            name => s.attributes.get(name).or_else(|| self.after.subject.attributes.get(name)).map(|v| v.to_string()),
        }
    }
}

/// The pairs by their value under `by`, in the report's order (values
/// alphabetically, pairs without one last).
fn partition(pairs: &[Pair<'_>], by: &str) -> Vec<(Option<String>, Vec<usize>)> {
    let mut parts: BTreeMap<(bool, String), (Option<String>, Vec<usize>)> = BTreeMap::new();
    for (i, p) in pairs.iter().enumerate() {
        let key = p.key(by);
        let rank = (key.is_none(), key.clone().unwrap_or_default());
        parts.entry(rank).or_insert_with(|| (key, Vec::new())).1.push(i);
    }
    parts.into_values().collect()
}

fn counts(pairs: &[Pair<'_>], rows: &[usize], levels: usize) -> Counts {
    let mut c = Counts { n: rows.len(), scored: vec![0; levels] };
    for &i in rows {
        for (l, s) in c.scored.iter_mut().enumerate() {
            if pairs[i].scores[l].is_some() {
                *s += 1;
            }
        }
    }
    c
}

/// The change over `(before, after)` scores, with `sem` for the RCI; a
/// statistic of fewer than `m` pairs is withheld on its own.
pub fn change(values: &[(f64, f64)], sem: Option<f64>, m: usize) -> Change {
    let n = values.len();
    if n > 0 && n < m {
        return Change { n, withheld: Some(Withheld::TooFew), ..Change::default() };
    }
    let before: Vec<f64> = values.iter().map(|v| v.0).collect();
    let after: Vec<f64> = values.iter().map(|v| v.1).collect();
    let deltas: Vec<f64> = values.iter().map(|(b, a)| a - b).collect();
    let mean_change = mean(&deltas);
    let sd_change = sample_sd(&deltas);
    let d_z = match (mean_change, sd_change) {
        (Some(mc), Some(sd)) if sd > 0.0 => Some(mc / sd),
        _ => None,
    };
    let sem = sem.filter(|s| *s > 0.0 && s.is_finite());
    let rcis: Option<Vec<f64>> = deltas.iter().map(|d| crate::norms::rci(*d, sem)).collect();
    let (improved, declined, unchanged) = match rcis.filter(|_| n > 0) {
        Some(r) => {
            let up = r.iter().filter(|x| **x >= Z95).count();
            let down = r.iter().filter(|x| **x <= -Z95).count();
            (Some(up), Some(down), Some(n - up - down))
        }
        None => (None, None, None),
    };
    Change {
        n,
        before_mean: mean(&before),
        after_mean: mean(&after),
        mean_change,
        sd_change,
        d_z,
        sem,
        improved,
        declined,
        unchanged,
        withheld: None,
    }
}

/// The mean of the alphas given; None where none is.
fn mean_alpha(alphas: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    let v: Vec<f64> = alphas.flatten().collect();
    mean(&v)
}

/// The BEFORE results of a group, as the group report works them out:
/// their sd per level and each dimension's alpha (the floor 1: every
/// person counts, nothing is withheld).
fn before_stats(results: &[&ResultDoc], rubric: Option<&Rubric>, lang: &str) -> Option<GroupDoc> {
    let first = results.first()?;
    let mut b = Builder::new(first, rubric, lang, None, false).every_result(true);
    for r in results {
        b.add(r);
    }
    Some(b.finish(1, 0))
}

/// Per dimension (sd, alpha); per section sd; the overall sd.
type Spreads = (Vec<(Option<f64>, Option<f64>)>, Vec<Option<f64>>, Option<f64>);

/// The sem of each level: from the norms, or else from the BEFORE group's
/// own sd and alpha; for sections and overall, with the mean alpha of their
/// dimensions.
fn sems(layout: &Layout, norms: Option<&NormsDoc>, before: Option<&GroupDoc>) -> Vec<Option<f64>> {
    let nd = layout.dimensions.len();
    // Per dimension: (sd, alpha); per section and overall: sd.
    let (dim, sec, overall): Spreads = match norms {
        Some(n) => (
            layout.dimensions.iter().map(|(id, _)| n.dimension(id).map_or((None, None), |d| (d.sd, d.alpha))).collect(),
            layout.sections.iter().map(|id| n.sections.iter().find(|s| s.id == *id).and_then(|s| s.sd)).collect(),
            n.overall.sd,
        ),
        None => match before.and_then(|g| g.groups.first()) {
            Some(g) => (
                layout
                    .dimensions
                    .iter()
                    .map(|(id, _)| {
                        g.dimensions.iter().find(|d| d.id == *id).map_or((None, None), |d| (d.stats.sd, d.alpha))
                    })
                    .collect(),
                layout
                    .sections
                    .iter()
                    .map(|id| g.sections.iter().find(|s| s.id == *id).and_then(|s| s.stats.sd))
                    .collect(),
                g.overall.as_ref().and_then(|o| o.sd),
            ),
            None => (vec![(None, None); nd], vec![None; layout.sections.len()], None),
        },
    };
    let mut out = vec![crate::group::sem(overall, mean_alpha(dim.iter().map(|d| d.1)))];
    for (si, sd) in sec.iter().enumerate() {
        let alpha = mean_alpha(layout.dimensions.iter().zip(&dim).filter(|((_, s), _)| *s == si).map(|(_, d)| d.1));
        out.push(crate::group::sem(*sd, alpha));
    }
    for (i, (id, _)) in layout.dimensions.iter().enumerate() {
        out.push(match norms {
            Some(n) => n.sem_of(id),
            None => crate::group::sem(dim[i].0, dim[i].1),
        });
    }
    out
}

/// The groupings that can cross `by`: department, role, session and each
/// attribute of the pairs.
fn groupings(pairs: &[Pair<'_>]) -> Vec<String> {
    let mut g = vec!["department".to_string(), "role".to_string(), "session".to_string()];
    let mut names: Vec<&str> = pairs
        .iter()
        .flat_map(|p| p.before.subject.attributes.keys().chain(p.after.subject.attributes.keys()))
        .map(String::as_str)
        .collect();
    names.sort_unstable();
    names.dedup();
    g.extend(names.into_iter().filter(|n| !g.iter().any(|x| x == n)).map(str::to_string).collect::<Vec<_>>());
    g
}

/// Compare `before` with `after`: results of one rubric id and version (a
/// mix is the problem naming it).
pub fn build(
    before: &[ResultDoc],
    after: &[ResultDoc],
    rubric: Option<&Rubric>,
    opts: &Options<'_>,
) -> Result<Built, Problem> {
    // One rubric id and version across both sides.
    let mut rubrics: BTreeMap<(String, String), usize> = BTreeMap::new();
    for r in before.iter().chain(after) {
        *rubrics.entry((r.rubric.id.clone(), r.rubric.version.clone())).or_default() += 1;
    }
    if rubrics.len() > 1 {
        return Err(Problem::MixedRubrics(rubrics.into_iter().map(|((id, v), n)| (id, v, n)).collect()));
    }
    let Some(first) = before.first().or(after.first()) else {
        return Err(Problem::NothingToGroup { session: None });
    };
    let m = opts.min_group.max(1);
    let mut flagged_left_out = 0;
    let mut other_roles = 0;
    let mut keep = |side: &'_ [ResultDoc]| -> Vec<usize> {
        let mut v = Vec::new();
        for (i, r) in side.iter().enumerate() {
            if r.rater.role != opts.role {
                other_roles += 1;
            } else if opts.flags.excludes(&r.quality.flags) {
                flagged_left_out += 1;
            } else {
                v.push(i);
            }
        }
        v
    };
    let (kb, ka) = (keep(before), keep(after));
    let (b, eb) = latest(&kb.iter().map(|&i| &before[i]).collect::<Vec<_>>());
    let (a, ea) = latest(&ka.iter().map(|&i| &after[i]).collect::<Vec<_>>());
    let layout = Layout::of(first);
    let levels = layout.levels();
    let after_of: HashMap<Person, &ResultDoc> =
        a.iter().map(|r| ((r.subject.name.clone(), r.subject.department.clone()), *r)).collect();
    let pairs: Vec<Pair<'_>> = b
        .iter()
        .filter_map(|r| {
            let after = *after_of.get(&(r.subject.name.clone(), r.subject.department.clone()))?;
            let (sb, sa) = (layout.scores(r), layout.scores(after));
            let scores = sb.into_iter().zip(sa).map(|(x, y)| x.zip(y)).collect();
            Some(Pair { before: r, after, scores })
        })
        .collect();
    let paired = pairs.len();

    // Titles in the interface language, from the rubric or the results.
    let texts = Builder::new(first, rubric, opts.lang, None, false).texts().clone();
    let title = match rubric {
        Some(r) => r.text(&r.title, &r.result_lang(opts.lang)).to_string(),
        None => first.rubric.title.clone(),
    };

    let group = |key: Option<BTreeMap<String, Option<String>>>, rows: &[usize], w: Option<Withheld>| {
        if w.is_some() {
            return CompareGroup {
                key,
                withheld: true,
                withheld_reason: w,
                n: None,
                overall: None,
                sections: Vec::new(),
                dimensions: Vec::new(),
            };
        }
        let befores: Vec<&ResultDoc> = rows.iter().map(|&i| pairs[i].before).collect();
        let stats = if opts.norms.is_none() { before_stats(&befores, rubric, opts.lang) } else { None };
        let sem = sems(&layout, opts.norms, stats.as_ref());
        let at = |l: usize| {
            let values: Vec<(f64, f64)> = rows.iter().filter_map(|&i| pairs[i].scores[l]).collect();
            change(&values, sem[l], m)
        };
        let ns = layout.sections.len();
        CompareGroup {
            key,
            withheld: false,
            withheld_reason: None,
            n: Some(rows.len()),
            overall: Some(at(0)),
            sections: layout
                .sections
                .iter()
                .enumerate()
                .map(|(i, id)| SectionChange { id: id.clone(), change: at(1 + i) })
                .collect(),
            dimensions: layout
                .dimensions
                .iter()
                .enumerate()
                .map(|(i, (id, si))| DimensionChange {
                    id: id.clone(),
                    section: layout.sections[*si].clone(),
                    change: at(1 + ns + i),
                })
                .collect(),
        }
    };

    let all: Vec<usize> = (0..paired).collect();
    let everyone = counts(&pairs, &all, levels);
    let mut groups = vec![group(None, &all, (paired < m).then_some(Withheld::TooFew))];
    if let Some(by) = &opts.by {
        let parts = partition(&pairs, by);
        let sizes: Vec<Counts> = parts.iter().map(|(_, rows)| counts(&pairs, rows, levels)).collect();
        let mut place = vec![0; paired];
        for (p, (_, rows)) in parts.iter().enumerate() {
            for &r in rows {
                place[r] = p;
            }
        }
        let others: Vec<Vec<Crossing>> = groupings(&pairs)
            .into_iter()
            .filter(|g| g != by)
            .map(|g| {
                partition(&pairs, &g)
                    .into_iter()
                    .map(|(_, rows)| {
                        let mut within: Vec<usize> = rows.iter().map(|&r| place[r]).collect();
                        within.sort_unstable();
                        within.dedup();
                        Crossing { sizes: counts(&pairs, &rows, levels), within }
                    })
                    .collect()
            })
            .collect();
        let withheld = withhold(&everyone, &sizes, &others, m);
        for ((key, rows), w) in parts.iter().zip(withheld) {
            groups.push(group(Some(BTreeMap::from([(by.clone(), key.clone())])), rows, w));
        }
    }

    let doc = CompareDoc {
        schema: SCHEMA.to_string(),
        rubric: RubricInfo { id: first.rubric.id.clone(), version: first.rubric.version.clone(), title },
        min_group: m,
        role: opts.role,
        before: Side { label: opts.before_label.clone(), n: b.len() },
        after: Side { label: opts.after_label.clone(), n: a.len() },
        paired,
        only_before: b.len() - paired,
        only_after: a.len() - paired,
        sem_from: if opts.norms.is_some() { SemFrom::Norms } else { SemFrom::Before },
        groups,
    };
    Ok(Built { doc, texts, flagged_left_out, other_roles, earlier: eb + ea })
}

#[cfg(test)]
mod tests;

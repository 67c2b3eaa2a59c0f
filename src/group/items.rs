//! Item analysis (SPEC §14, `group --items`): per item of a group its
//! answers counted, the mean and sd of its adjusted values, the shares at
//! the scale's ends, and how it hangs together with the other items of its
//! dimension (r_drop, alpha_drop).
//!
//! Kept as integer sums, like alpha: per item the answers per scale point,
//! and over the respondents who answered every item of the dimension Σx,
//! Σx², Σx·T (T the respondent's total over the dimension), ΣT and ΣT².
//! These give every variance and covariance exactly: with R = T − x, the
//! sum of the other items, n·ΣxR − Σx·ΣR = n(n − 1)·cov(x, R).

use std::ops::Range;

use super::doc::{Group, ItemCounts, ItemStats, Withheld};
use super::kept::{Kept, MISSING};
use super::layout::{Keying, Layout};

/// The sums of one dimension's items over a group.
#[derive(Clone, Debug, Default)]
struct DimItems {
    /// Per item, answers per adjusted value (offset from the scale's minimum).
    counts: Vec<Vec<usize>>,
    /// Respondents who answered every item.
    n: i128,
    sx: Vec<i128>,
    sxx: Vec<i128>,
    sxt: Vec<i128>,
    st: i128,
    stt: i128,
}

/// The item sums of a group, one entry per layout dimension.
#[derive(Clone, Debug)]
pub(super) struct ItemsAcc {
    dims: Vec<DimItems>,
    points: usize,
}

impl ItemsAcc {
    pub(super) fn new(keying: &Keying) -> Self {
        let points = usize::try_from(keying.max - keying.min + 1).unwrap_or(0).min(usize::from(MISSING));
        let dims = keying
            .items
            .iter()
            .map(|items| {
                let k = items.len();
                DimItems {
                    counts: vec![vec![0; points]; k],
                    sx: vec![0; k],
                    sxx: vec![0; k],
                    sxt: vec![0; k],
                    ..DimItems::default()
                }
            })
            .collect();
        ItemsAcc { dims, points }
    }

    /// One result's answers, at `spans` (the places of each dimension's items).
    pub(super) fn feed(&mut self, r: &Kept, spans: &[Range<usize>]) {
        for (d, span) in self.dims.iter_mut().zip(spans) {
            let Some(values) = r.alpha.get(span.clone()) else { continue };
            for (c, &v) in d.counts.iter_mut().zip(values) {
                if let Some(slot) = c.get_mut(usize::from(v)) {
                    *slot += 1;
                }
            }
            if values.is_empty() || values.iter().any(|&v| usize::from(v) >= self.points) {
                continue;
            }
            let t: i128 = values.iter().map(|&v| i128::from(v)).sum();
            d.n += 1;
            d.st += t;
            d.stt += t * t;
            for (i, &v) in values.iter().enumerate() {
                let v = i128::from(v);
                d.sx[i] += v;
                d.sxx[i] += v * v;
                d.sxt[i] += v * t;
            }
        }
    }

    /// Every item's figures, in layout order; an item with fewer than `m`
    /// answers (but some) withheld, and r_drop and alpha_drop only over at
    /// least `m` respondents (as alpha).
    pub(super) fn stats(&self, layout: &Layout, keying: &Keying, m: usize) -> Vec<ItemStats> {
        let mut out = Vec::with_capacity(keying.total);
        for ((d, items), (dim, _)) in self.dims.iter().zip(&keying.items).zip(&layout.dimensions) {
            let k = items.len();
            let n = d.n;
            let spread = |sum: i128, sq: i128| n * sq - sum * sum;
            let item_spread: Vec<i128> = (0..k).map(|i| spread(d.sx[i], d.sxx[i])).collect();
            let all_spread: i128 = item_spread.iter().sum();
            for (i, (id, reverse)) in items.iter().enumerate() {
                let c = &d.counts[i];
                let answered: usize = c.iter().sum();
                if answered > 0 && answered < m {
                    let it = ItemStats { id: id.clone(), dimension: dim.clone(), ..ItemStats::default() };
                    out.push(withheld(&it, Withheld::TooFew));
                    continue;
                }
                // Raw values: a reverse-keyed item's adjusted value a was min + max − v.
                let raw = (0..self.points)
                    .map(|v| {
                        let adjusted = if *reverse { self.points - 1 - v } else { v };
                        (keying.min + v as i64, c[adjusted])
                    })
                    .collect();
                let (mut sum, mut sq) = (0i128, 0i128);
                for (v, &n) in c.iter().enumerate() {
                    let (v, n) = (v as i128, n as i128);
                    sum += v * n;
                    sq += v * v * n;
                }
                let a = answered as i128;
                let share = |count: usize| (answered > 0).then(|| count as f64 / answered as f64);
                let enough = d.n >= 2 && usize::try_from(d.n).unwrap_or(usize::MAX) >= m;
                // R = T − x: the sum of the other items.
                let s_r = d.st - d.sx[i];
                let s_rr = n * (d.stt - 2 * d.sxt[i] + d.sxx[i]) - s_r * s_r;
                let s_xr = n * (d.sxt[i] - d.sxx[i]) - d.sx[i] * s_r;
                let s_xx = item_spread[i];
                let r_drop = (enough && n >= 3 && k >= 2 && s_xx > 0 && s_rr > 0)
                    .then(|| s_xr as f64 / ((s_xx as f64) * (s_rr as f64)).sqrt());
                let alpha_drop = (enough && k >= 3 && s_rr > 0).then(|| {
                    let k1 = (k - 1) as f64;
                    k1 / (k1 - 1.0) * (1.0 - (all_spread - s_xx) as f64 / s_rr as f64)
                });
                out.push(ItemStats {
                    id: id.clone(),
                    dimension: dim.clone(),
                    n: Some(answered),
                    counts: Some(ItemCounts(raw)),
                    mean: (answered > 0).then(|| keying.min as f64 + sum as f64 / a as f64),
                    sd: (answered >= 2).then(|| (((a * sq - sum * sum) as f64) / ((a * (a - 1)) as f64)).sqrt()),
                    floor: share(c.first().copied().unwrap_or(0)),
                    ceiling: share(c.last().copied().unwrap_or(0)),
                    r_drop,
                    alpha_drop,
                    withheld: None,
                });
            }
        }
        out
    }
}

/// The pool rule (SPEC §10 rule 3) per item: over the subgroups `groups`,
/// the answers to an item in the subgroups that do not show it (withheld,
/// or the item withheld there) together number 0 or at least `m`; while
/// they number fewer, the item is withheld in the shown subgroup with the
/// fewest answers to it too (ties: the later). `answered[g][i]`: answers to
/// item `i` in subgroup `g`.
pub(super) fn protect(groups: &mut [Group], answered: &[Vec<usize>], m: usize) {
    let items = answered.first().map_or(0, Vec::len);
    // `i` indexes each subgroup's items, not one list.
    #[allow(clippy::needless_range_loop)]
    for i in 0..items {
        let hidden = |groups: &[Group], g: usize| match &groups[g].items {
            Some(list) => list.get(i).is_some_and(|it| !it.shown()),
            None => groups[g].withheld,
        };
        loop {
            let pool: usize = (0..groups.len()).filter(|&g| hidden(groups, g)).map(|g| answered[g][i]).sum();
            if pool == 0 || pool >= m {
                break;
            }
            let next = (0..groups.len())
                .filter(|&g| !hidden(groups, g) && answered[g][i] > 0 && groups[g].items.is_some())
                .min_by_key(|&g| (answered[g][i], std::cmp::Reverse(g)));
            let Some(g) = next else { break };
            if let Some(it) = groups[g].items.as_mut().and_then(|l| l.get_mut(i)) {
                *it = withheld(it, Withheld::Complementary);
            }
        }
    }
}

/// `it` with every figure withheld for `why`.
fn withheld(it: &ItemStats, why: Withheld) -> ItemStats {
    ItemStats {
        id: it.id.clone(),
        dimension: it.dimension.clone(),
        n: None,
        counts: None,
        mean: None,
        sd: None,
        floor: None,
        ceiling: None,
        r_drop: None,
        alpha_drop: None,
        withheld: Some(why),
    }
}

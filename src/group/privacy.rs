//! The anonymity rules of SPEC §10 (revision 2), on sizes alone: which
//! subgroups of a report are withheld, and why. Nothing here sees a score:
//! the rules depend only on how many results each group holds, and how many
//! of them have a score at each level.
//!
//! - the floor: a subgroup of fewer than `min_group` results is withheld;
//! - nested differences: a subgroup that a subgroup of another grouping
//!   contains, or is contained in, with a difference of 1 to `min_group` − 1
//!   results (or results with a score at a level both show) is withheld;
//! - the pool: the withheld subgroups together hold no result or at least
//!   `min_group`, and so, per level, do the results with a score that are
//!   not shown (in withheld subgroups, or in a statistic withheld on its
//!   own); while they hold fewer, the smallest shown subgroup goes too (ties:
//!   the later in the report's order).
//!
//! Then the everyone group minus the shown subgroups never isolates fewer
//! than `min_group` results, nor does a shown subgroup minus a subgroup of
//! another grouping nested in it.

use super::doc::Withheld;
use super::kept::Kept;

/// What results can be grouped by: the `--by` values that partition, and
/// each attribute of the subjects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Grouping {
    Department,
    Role,
    Session,
    Attribute(String),
}

impl Grouping {
    /// The grouping of a `--by` value; None for the 360 view.
    pub(super) fn of(by: &super::doc::By) -> Option<Grouping> {
        match by {
            super::doc::By::Department => Some(Grouping::Department),
            super::doc::By::Role => Some(Grouping::Role),
            super::doc::By::Session => Some(Grouping::Session),
            super::doc::By::Subject => None,
            super::doc::By::Attribute(name) => Some(Grouping::Attribute(name.clone())),
        }
    }

    pub(super) fn code(&self) -> &str {
        match self {
            Grouping::Department => "department",
            Grouping::Role => "role",
            Grouping::Session => "session",
            Grouping::Attribute(name) => name,
        }
    }

    /// A result's value under this grouping.
    pub(super) fn key<'r>(&self, r: &'r Kept) -> Option<&'r str> {
        match self {
            Grouping::Department => r.department.as_deref(),
            Grouping::Role => Some(r.role.code()),
            Grouping::Session => r.session.as_deref(),
            Grouping::Attribute(name) => r.attributes.iter().find(|(k, _)| **k == **name).map(|(_, v)| &**v),
        }
    }
}

/// The sizes of one group: results, and per level (overall, sections,
/// dimensions) results with a score.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    pub(crate) n: usize,
    pub(crate) scored: Vec<usize>,
}

/// A group of another grouping of the same results: its sizes, and the
/// parts of the report its results fall in (sorted, each once).
pub(crate) struct Crossing {
    pub(crate) sizes: Counts,
    pub(crate) within: Vec<usize>,
}

/// Whether `d` results, a difference of shown figures, would isolate too few.
fn isolates(d: usize, m: usize) -> bool {
    (1..m).contains(&d)
}

/// Whether two nested groups differ by too few: in results, or at a level
/// where both would show the statistic.
fn close(a: &Counts, b: &Counts, m: usize) -> bool {
    isolates(a.n.abs_diff(b.n), m)
        || a.scored.iter().zip(&b.scored).any(|(&x, &y)| x >= m && y >= m && isolates(x.abs_diff(y), m))
}

/// The reasons the subgroups of a report are withheld (None: shown).
///
/// `parts` are the report's subgroups in its order; `others` holds, per
/// other grouping of the same results, each of its groups.
pub(crate) fn withhold(
    everyone: &Counts,
    parts: &[Counts],
    others: &[Vec<Crossing>],
    m: usize,
) -> Vec<Option<Withheld>> {
    let mut w: Vec<Option<Withheld>> = parts.iter().map(|c| (c.n < m).then_some(Withheld::TooFew)).collect();
    // The pool first, so that a group that subtraction from the total
    // would give away is named for that; then nested differences, and the
    // pool again for what they withheld.
    pool(everyone, parts, m, &mut w);
    nested(parts, others, m, &mut w);
    pool(everyone, parts, m, &mut w);
    w
}

fn nested(parts: &[Counts], others: &[Vec<Crossing>], m: usize, w: &mut [Option<Withheld>]) {
    for grouping in others {
        // Per part, how many groups of this grouping its results fall in.
        let mut spread = vec![0usize; parts.len()];
        for c in grouping {
            for &a in &c.within {
                spread[a] += 1;
            }
        }
        // A group of another grouping that could be shown (at least the floor).
        for Crossing { sizes: b, within } in grouping.iter().filter(|c| c.sizes.n >= m) {
            match within.as_slice() {
                // B within one part A: B ⊆ A.
                [a] => {
                    if w[*a].is_none() && close(&parts[*a], b, m) {
                        w[*a] = Some(Withheld::Nested);
                    }
                }
                // A within B: every result of A is in B, i.e. B's share of A is all of A.
                many => {
                    for &a in many {
                        if w[a].is_some() {
                            continue;
                        }
                        if spread[a] == 1 && close(&parts[a], b, m) {
                            w[a] = Some(Withheld::Nested);
                        }
                    }
                }
            }
        }
    }
}

/// The smallest shown part by `size`, ties the later; None where none is
/// shown with a size above zero.
fn smallest(w: &[Option<Withheld>], size: impl Fn(usize) -> usize) -> Option<usize> {
    (0..w.len()).filter(|&i| w[i].is_none() && size(i) > 0).min_by_key(|&i| (size(i), std::cmp::Reverse(i)))
}

fn pool(everyone: &Counts, parts: &[Counts], m: usize, w: &mut [Option<Withheld>]) {
    loop {
        let pooled: usize = (0..parts.len()).filter(|&i| w[i].is_some()).map(|i| parts[i].n).sum();
        if isolates(pooled, m) {
            match smallest(w, |i| parts[i].n) {
                Some(i) => {
                    w[i] = Some(Withheld::Complementary);
                    continue;
                }
                None => return,
            }
        }
        let mut changed = false;
        for (l, &total) in everyone.scored.iter().enumerate() {
            if total < m {
                continue; // not shown for everyone: nothing to subtract from
            }
            // Not shown: in withheld parts, or a statistic withheld on its own.
            let hidden: usize = (0..parts.len())
                .map(|i| parts[i].scored[l])
                .zip(w.iter())
                .filter(|(c, w)| w.is_some() || *c < m)
                .map(|(c, _)| c)
                .sum();
            if isolates(hidden, m)
                && let Some(i) = smallest(w, |i| if parts[i].scored[l] >= m { parts[i].scored[l] } else { 0 })
            {
                w[i] = Some(Withheld::Complementary);
                changed = true;
                break;
            }
        }
        if !changed {
            return;
        }
    }
}

//! The 360 view (`--by subject`): each subject's own scores against the
//! other raters', per rater role, with blind spots and hidden strengths
//! (SPEC §10 rules 6 and 7).

use std::collections::BTreeMap;

use super::acc::{OTHER_ROLES, RoleAcc, SubjectAcc};
use super::build::Builder;
use super::doc::{
    BLIND_SPOT_MIN, BLIND_SPOTS_SHOWN, By, Comparison, Difference, MIN_ROLE_GROUP, RaterCounts, RoleKey, RoleMean,
    Subject360,
};
use crate::result::Role;

/// A fresh order of `n` places from `seed` (Fisher–Yates on splitmix64).
fn shuffled(n: usize, seed: u64) -> Vec<usize> {
    let mut state = seed;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    order
}

impl Builder {
    /// Each subject's results, gathered once.
    fn subject_accs(&self) -> &BTreeMap<String, SubjectAcc> {
        self.subjects.get_or_init(|| {
            let mut subjects: BTreeMap<String, SubjectAcc> = BTreeMap::new();
            for (order, r) in &self.rows {
                subjects.entry(r.subject.to_string()).or_default().add(r, *order);
            }
            subjects
        })
    }

    /// The 360 view: every subject, named, or numbered in an order drawn
    /// from `seed` that neither their names nor their data give away.
    pub(super) fn subjects_360(&self, min_group: usize, seed: u64) -> Vec<Subject360> {
        if self.by != Some(By::Subject) {
            return Vec::new();
        }
        let accs = self.subject_accs();
        let mut names: Vec<&String> = accs.keys().collect();
        if !self.named {
            let order = shuffled(names.len(), seed);
            names = order.into_iter().map(|i| names[i]).collect();
        }
        names
            .into_iter()
            .enumerate()
            .map(|(i, name)| {
                let label = if self.named { name.clone() } else { format!("#{}", i + 1) };
                self.subject_360(label, &accs[name], min_group)
            })
            .collect()
    }

    /// One subject's 360 view, under `label`.
    pub fn subject_360_named(&self, name: &str, min_group: usize) -> Option<Subject360> {
        self.subject_accs().get(name).map(|acc| self.subject_360(name.to_string(), acc, min_group))
    }

    /// Names of the subjects in the 360 view (for the trainer's pack).
    pub fn subject_names(&self) -> Vec<String> {
        self.subject_accs().keys().cloned().collect()
    }

    fn subject_360(&self, label: String, acc: &SubjectAcc, min_group: usize) -> Subject360 {
        let raters = Raters::of(acc, min_group);
        let ns = self.layout.sections.len();
        let overall = raters.compare(0, "overall".to_string(), None);
        let sections =
            self.layout.sections.iter().enumerate().map(|(i, id)| raters.compare(1 + i, id.clone(), None)).collect();
        let dimensions: Vec<Comparison> = self
            .layout
            .dimensions
            .iter()
            .enumerate()
            .map(|(i, (id, si))| raters.compare(1 + ns + i, id.clone(), Some(self.layout.sections[*si].clone())))
            .collect();
        let (blind_spots, hidden_strengths) = blind_spots(&dimensions);
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
            blind_spots,
            hidden_strengths,
            dimensions,
            left_out: raters.left_out,
        }
    }
}

/// One shown set of raters: a role on its own, or the small roles pooled.
struct Unit {
    key: RoleKey,
    roles: Vec<Role>,
    acc: RoleAcc,
}

/// One subject's raters as the view shows them: the supervisor alone (by
/// convention), each role of at least the floor alone, the smaller roles
/// pooled where together they reach it, and left out where they do not.
struct Raters<'a> {
    acc: &'a SubjectAcc,
    floor: usize,
    units: Vec<Unit>,
    left_out: BTreeMap<String, usize>,
}

impl<'a> Raters<'a> {
    fn of(acc: &'a SubjectAcc, min_group: usize) -> Self {
        let floor = MIN_ROLE_GROUP.min(min_group).max(1);
        let mut units = Vec::new();
        let mut small: Vec<(Role, &RoleAcc)> = Vec::new();
        for (role, a) in OTHER_ROLES.iter().zip(&acc.roles) {
            let Some(key) = RoleKey::of(*role) else { continue };
            if a.n == 0 {
                continue;
            }
            if *role == Role::Supervisor || a.n >= floor {
                units.push(Unit { key, roles: Vec::new(), acc: a.clone() });
            } else {
                small.push((*role, a));
            }
        }
        let mut left_out = BTreeMap::new();
        if small.iter().map(|(_, a)| a.n).sum::<usize>() >= floor {
            let mut pooled = RoleAcc::default();
            for (_, a) in &small {
                pooled.merge(a);
            }
            units.push(Unit { key: RoleKey::Pooled, roles: small.iter().map(|(r, _)| *r).collect(), acc: pooled });
        } else {
            for (role, a) in &small {
                left_out.insert(role.code().to_string(), a.n);
            }
        }
        Raters { acc, floor, units, left_out }
    }

    /// Self against the others at one level: a unit's figure shows where at
    /// least the floor of its raters scored this level (the supervisor
    /// always), and `others` holds exactly the ratings shown.
    fn compare(&self, level: usize, id: String, section: Option<String>) -> Comparison {
        let self_score = self.acc.self_latest.as_ref().map(|(_, _, s)| s.as_slice()).and_then(|s| s[level]);
        let (mut sum, mut others_n) = (0.0, 0usize);
        let mut by_role = Vec::new();
        for u in &self.units {
            let (s, c) = (u.acc.sum.get(level).copied().unwrap_or(0.0), u.acc.count.get(level).copied().unwrap_or(0));
            let c = c as usize;
            let shown = c > 0 && (u.key == RoleKey::Supervisor || c >= self.floor);
            if shown {
                sum += s;
                others_n += c;
            }
            let mean = shown.then(|| s / c as f64);
            let withheld = c > 0 && !shown;
            by_role.push(RoleMean { role: u.key, roles: u.roles.clone(), n: u.acc.n, withheld, mean });
        }
        let others = (others_n > 0).then(|| sum / others_n as f64);
        let difference = match (self_score, others) {
            (Some(s), Some(o)) => Some(s - o),
            _ => None,
        };
        Comparison { id, section, self_score, others, others_n, difference, by_role }
    }
}

/// The blind spots (self higher) and hidden strengths (self lower) among
/// the dimensions, largest difference first, ties in rubric order.
fn blind_spots(dimensions: &[Comparison]) -> (Vec<Difference>, Vec<Difference>) {
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
    let beyond = |higher: bool| -> Vec<Difference> {
        diffs
            .iter()
            .filter(|(_, d)| if higher { d.difference >= BLIND_SPOT_MIN } else { d.difference <= -BLIND_SPOT_MIN })
            .take(BLIND_SPOTS_SHOWN)
            .map(|(_, d)| d.clone())
            .collect()
    };
    (beyond(true), beyond(false))
}

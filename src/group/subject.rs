//! The 360 view (`--by subject`): each subject's own scores against the
//! other raters', per rater role, with blind spots and hidden strengths.

use super::acc::{OTHER_ROLES, SubjectAcc};
use super::build::Builder;
use super::doc::{
    BLIND_SPOT_MIN, BLIND_SPOTS_SHOWN, By, Comparison, Difference, MIN_ROLE_GROUP, RaterCounts, RoleMean, Subject360,
};
use crate::result::Role;

impl Builder {
    /// The 360 view: every subject, named or numbered.
    pub(super) fn subjects_360(&self, min_group: usize) -> Vec<Subject360> {
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
        }
    }
}

/// One subject's raters, with the roles withheld and those pooled among
/// the others.
struct Raters<'a> {
    acc: &'a SubjectAcc,
    /// Per other role: too few to show on its own.
    withheld: Vec<bool>,
    /// Per other role: counted among the others.
    pooled: Vec<bool>,
}

impl<'a> Raters<'a> {
    fn of(acc: &'a SubjectAcc, min_group: usize) -> Self {
        let floor = MIN_ROLE_GROUP.min(min_group);
        let withheld: Vec<bool> =
            OTHER_ROLES.iter().zip(&acc.roles).map(|(r, a)| a.n < floor && *r != Role::Supervisor).collect();
        let hidden_n: usize = acc.roles.iter().zip(&withheld).filter(|(_, w)| **w).map(|(a, _)| a.n).sum();
        // Respondents of withheld roles count among the others only when they
        // are enough together; else their mean could be worked out.
        let pooled: Vec<bool> = withheld.iter().map(|w| !w || hidden_n >= floor).collect();
        Raters { acc, withheld, pooled }
    }

    /// Self against the others at one level.
    fn compare(&self, level: usize, id: String, section: Option<String>) -> Comparison {
        let acc = self.acc;
        let self_score = acc.self_latest.as_ref().map(|(_, _, s)| s.as_slice()).and_then(|s| s[level]);
        let (mut sum, mut count, mut others_n) = (0.0, 0u32, 0usize);
        let mut by_role = Vec::new();
        for (k, role) in OTHER_ROLES.iter().enumerate() {
            let a = &acc.roles[k];
            if a.n == 0 {
                continue;
            }
            if self.pooled[k] {
                sum += a.sum[level];
                count += a.count[level];
                others_n += a.n;
            }
            let withheld = self.withheld[k];
            let mean = (!withheld && a.count[level] > 0).then(|| a.sum[level] / f64::from(a.count[level]));
            by_role.push(RoleMean { role: *role, n: a.n, withheld, mean });
        }
        let others = (count > 0).then(|| sum / f64::from(count));
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

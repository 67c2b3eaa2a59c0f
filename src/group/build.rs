//! The builder: results in one at a time, the group report out, with the
//! anonymity rules (too small a group is withheld, and so is the next
//! smallest where it alone would be).

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::acc::{Acc, SubjectAcc};
use super::doc::{
    AlphaLabel, By, DimensionStats, Group, GroupDoc, GroupPriority, RubricInfo, SCHEMA, SectionStats, Texts, Withheld,
};
use super::layout::{Keying, Layout};
use super::read::{Reader, Row, Want};
use crate::result::{ResultDoc, Role};
use crate::rubric::Rubric;

/// Collects results one at a time and makes the group report.
pub struct Builder {
    pub(super) rubric: RubricInfo,
    /// The same, for readers.
    pub(super) rubric_info: Arc<RubricInfo>,
    pub(super) layout: Arc<Layout>,
    pub(super) keying: Option<Arc<Keying>>,
    pub(super) by: Option<By>,
    pub(super) named: bool,
    pub(super) everyone: Acc,
    pub(super) subgroups: Vec<(Option<String>, Acc)>,
    pub(super) subgroup_index: HashMap<Option<String>, usize>,
    pub(super) subjects: BTreeMap<String, SubjectAcc>,
    pub(super) texts: Texts,
    pub(super) read: usize,
}

/// Titles and suggestions from the rubric in `lang`, then the titles it did
/// not give from the first result.
fn texts_of(first: &ResultDoc, rubric: Option<&Rubric>, lang: &str) -> Texts {
    let mut texts = Texts { no_rubric: rubric.is_none(), ..Texts::default() };
    if let Some(r) = rubric {
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
    }
    for s in &first.sections {
        texts.sections.entry(s.id.clone()).or_insert_with(|| s.title.clone());
        for d in &s.dimensions {
            texts.dimensions.entry(d.id.clone()).or_insert_with(|| d.title.clone());
        }
    }
    texts
}

/// Anonymity, for subgroups of `sizes`: too few, then complementary
/// suppression where exactly one subgroup is withheld (the next smallest
/// goes too).
fn withhold(sizes: &[usize], min_group: usize) -> Vec<Option<Withheld>> {
    let mut withheld: Vec<Option<Withheld>> =
        sizes.iter().map(|&n| (n < min_group).then_some(Withheld::TooFew)).collect();
    if withheld.iter().filter(|w| w.is_some()).count() == 1 && sizes.len() > 1 {
        let next = (0..sizes.len()).filter(|&j| withheld[j].is_none()).min_by_key(|&j| (sizes[j], j));
        if let Some(j) = next {
            withheld[j] = Some(Withheld::Complementary);
        }
    }
    withheld
}

impl Builder {
    /// A builder for results of the same rubric id and version as `first`.
    /// `rubric`, where known, keys the items for alpha and gives the texts in
    /// `lang`; it must be that rubric (the caller checks).
    pub fn new(first: &ResultDoc, rubric: Option<&Rubric>, lang: &str, by: Option<By>, named: bool) -> Self {
        let layout = Layout::of(first);
        let keying = rubric.map(|r| Keying::of(r, &layout));
        let texts = texts_of(first, rubric, lang);
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
    pub fn add_row(&mut self, mut r: Row) {
        // Suggestions from the results, where no rubric gave them.
        for (dim, list) in std::mem::take(&mut r.suggestions) {
            if !self.texts.suggestions.contains_key(&dim) && !list.is_empty() {
                self.texts.suggestions.insert(dim, list);
            }
        }
        let key = match self.by {
            Some(By::Department) => Some(r.department.clone()),
            Some(By::Role) => Some(Some(r.role.code().to_string())),
            Some(By::Session) => Some(r.session.clone()),
            Some(By::Subject) | None => None,
        };
        let subgroup = key.map(|key| self.subgroup(key));
        let spans = self.keying.as_ref().map(|k| k.spans.as_slice()).unwrap_or_default();
        self.everyone.feed(&r, spans, self.named);
        if let Some(i) = subgroup {
            self.subgroups[i].1.feed(&r, spans, self.named);
        }
        if self.by == Some(By::Subject) {
            self.subjects.entry(r.subject.clone()).or_default().add(&r, self.read);
        }
        self.read += 1;
    }

    /// The place of the subgroup of `key` among the subgroups, made where new.
    fn subgroup(&mut self, key: Option<String>) -> usize {
        match self.subgroup_index.get(&key) {
            Some(&i) => i,
            None => {
                self.subgroups.push((key.clone(), Acc::new(&self.layout, self.keying.as_deref())));
                self.subgroup_index.insert(key, self.subgroups.len() - 1);
                self.subgroups.len() - 1
            }
        }
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
        let sizes: Vec<usize> = order.iter().map(|&i| self.subgroups[i].1.n).collect();
        let withheld = withhold(&sizes, min_group);
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
}

//! The builder: results in one at a time, the group report out. It keeps
//! the latest result of each person (SPEC §10 rule 1) and works out the
//! statistics at the end, when the anonymity rules (`privacy`) know which
//! groups and statistics may be shown.

use std::cell::OnceCell;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHasher};

use super::acc::{Acc, SubjectAcc};
use super::doc::{
    AlphaLabel, By, DimensionStats, Group, GroupDoc, GroupPriority, GroupStrength, RubricInfo, SCHEMA, SectionStats,
    Texts, Unit, Withheld,
};
use super::items::ItemsAcc;
use super::kept::{Kept, Shared};
use super::layout::{Keying, Layout};
use super::privacy::{self, Counts, Crossing, Grouping};
use super::read::{Reader, Row};
use crate::result::{FlagFilter, ResultDoc, Role};
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
    /// Count every result, not only each person's latest.
    pub(super) every_result: bool,
    /// The results counted, each with the place it was read in.
    pub(super) rows: Vec<(usize, Kept)>,
    /// Departments, sessions and attributes, kept once.
    shared: Shared,
    /// Who answered about whom, hashed → the row of that person; rows of
    /// other people with the same hash, in the rare case, in `collided`.
    people: FxHashMap<u64, usize>,
    collided: FxHashMap<u64, Vec<usize>>,
    /// Earlier results of the same person left out.
    pub(super) earlier: usize,
    /// The 360 view's subjects, made once when first needed.
    pub(super) subjects: OnceCell<BTreeMap<String, SubjectAcc>>,
    pub(super) texts: Texts,
    pub(super) read: usize,
    /// Item analysis (`--items`, SPEC §14).
    pub(super) items: bool,
    /// `--exclude-flagged`: results with these flags are left out.
    exclude: Option<FlagFilter>,
    /// Results so left out.
    excluded: usize,
}

/// A hash of the identity of SPEC §10 rule 1 (see [`Kept::same_person`]).
fn person_hash(r: &Row) -> u64 {
    let mut h = FxHasher::default();
    (&r.subject, &r.department, r.role, &r.rater_name, &r.session).hash(&mut h);
    h.finish()
}

/// Titles and suggestions from the rubric in `lang`, then the titles it did
/// not give from the first result.
fn texts_of(first: &ResultDoc, rubric: Option<&Rubric>, lang: &str) -> Texts {
    let mut texts = Texts { no_rubric: rubric.is_none(), ..Texts::default() };
    if let Some(r) = rubric {
        texts.gap = r.gap.clone();
        let lang = r.result_lang(lang);
        for s in &r.sections {
            texts.sections.insert(s.id.clone(), r.text(&s.title, &lang).to_string());
        }
        texts.scale =
            (r.scale.min..=r.scale.max).zip(&r.scale.labels).map(|(v, l)| (v, r.text(l, &lang).to_string())).collect();
        for (_, d) in r.dimensions() {
            for i in &d.items {
                texts.items.insert(i.id.clone(), r.text(&i.text, &lang).to_string());
                if i.reverse {
                    texts.reverse.insert(i.id.clone());
                }
            }
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
        let rubric = RubricInfo { id: first.rubric.id.clone(), version: first.rubric.version.clone(), title };
        Builder {
            rubric_info: Arc::new(rubric.clone()),
            rubric,
            layout: Arc::new(layout),
            keying: keying.map(Arc::new),
            by,
            named,
            every_result: false,
            rows: Vec::new(),
            shared: Shared::default(),
            people: FxHashMap::default(),
            collided: FxHashMap::default(),
            earlier: 0,
            subjects: OnceCell::new(),
            texts,
            read: 0,
            items: false,
            exclude: None,
            excluded: 0,
        }
    }

    /// Leave out every result whose flags `filter` excludes
    /// (`--exclude-flagged`): the result itself, before each person's latest
    /// is chosen, so that a person's earlier unflagged result counts. The
    /// report says how many (`excluded_flagged`); `Keep` changes nothing.
    pub fn exclude_flagged(mut self, filter: FlagFilter) -> Self {
        self.exclude = (!filter.is_keep()).then_some(filter);
        self
    }

    /// The attribute names the counted results carry, sorted.
    pub fn attribute_names(&self) -> Vec<String> {
        let mut names: Vec<&str> = self.rows.iter().flat_map(|(_, r)| r.attributes.iter().map(|(k, _)| &**k)).collect();
        names.sort_unstable();
        names.dedup();
        names.into_iter().map(str::to_string).collect()
    }

    /// Count every result (`--every-result`), not only each person's latest.
    pub fn every_result(mut self, every: bool) -> Self {
        self.every_result = every;
        self
    }

    /// Add item analysis to every shown group (`--items`); needs the rubric
    /// (without one, no items: see [`Builder::can_analyse_items`]).
    pub fn items(mut self, items: bool) -> Self {
        self.items = items;
        self
    }

    /// Whether items can be analysed: the rubric keys them.
    pub fn can_analyse_items(&self) -> bool {
        self.keying.is_some()
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
        let order = self.read;
        self.read += 1;
        if self.exclude.as_ref().is_some_and(|f| f.excludes(&r.flags)) {
            self.excluded += 1;
            return;
        }
        self.subjects = OnceCell::new();
        // Raters of others without a name cannot be told apart: each counts.
        let known = r.role == Role::SelfRating || r.rater_name.is_some();
        let min = self.keying.as_ref().map_or(0, |k| k.min);
        if self.every_result || !known {
            self.rows.push((order, Kept::of(r, min, &mut self.shared)));
            return;
        }
        let hash = person_hash(&r);
        let same = |i: &usize| self.rows[*i].1.same_person(&r);
        let found = match self.people.get(&hash) {
            Some(i) if same(i) => Some(*i),
            Some(_) => self.collided.get(&hash).and_then(|v| v.iter().find(|i| same(i)).copied()),
            None => None,
        };
        match found {
            Some(i) => {
                // The later of the two counts; at the same time, the one read later.
                self.earlier += 1;
                let new = Kept::of(r, min, &mut self.shared);
                let (o, old) = &self.rows[i];
                if (new.time.as_deref(), order) > (old.time.as_deref(), *o) {
                    self.rows[i] = (order, new);
                }
            }
            None => {
                let at = self.rows.len();
                match self.people.entry(hash) {
                    Entry::Vacant(e) => {
                        e.insert(at);
                    }
                    Entry::Occupied(_) => self.collided.entry(hash).or_default().push(at),
                }
                self.rows.push((order, Kept::of(r, min, &mut self.shared)));
            }
        }
    }

    /// Texts to show beside the report.
    pub fn texts(&self) -> &Texts {
        &self.texts
    }

    /// The report, with the anonymity rules of SPEC §10 applied for
    /// `min_group`; `seed` orders the numbered subjects of the 360 view (give
    /// a fresh random one each run).
    pub fn finish(&self, min_group: usize, seed: u64) -> GroupDoc {
        let m = min_group.max(1);
        let all: Vec<usize> = (0..self.rows.len()).collect();
        let everyone = self.counts(&all);
        let everyone_withheld = (everyone.n < m).then_some(Withheld::TooFew);
        let mut groups = vec![self.group(None, &all, everyone_withheld, m)];
        if let Some(g) = self.by.as_ref().and_then(Grouping::of) {
            let parts = self.partition(&g);
            let counts: Vec<Counts> = parts.iter().map(|(_, rows)| self.counts(rows)).collect();
            let place = self.places(&parts);
            let others: Vec<Vec<Crossing>> = self
                .groupings()
                .into_iter()
                .filter(|h| *h != g)
                .map(|h| {
                    self.partition(&h)
                        .into_iter()
                        .map(|(_, rows)| {
                            let mut within: Vec<usize> = rows.iter().map(|&r| place[r]).collect();
                            within.sort_unstable();
                            within.dedup();
                            Crossing { sizes: self.counts(&rows), within }
                        })
                        .collect()
                })
                .collect();
            let withheld = privacy::withhold(&everyone, &counts, &others, m);
            let by = g.code();
            for ((key, rows), w) in parts.iter().zip(withheld) {
                let key = BTreeMap::from([(by.to_string(), key.map(str::to_string))]);
                groups.push(self.group(Some(key), rows, w, m));
            }
            if self.items {
                let answered: Vec<Vec<usize>> = parts.iter().map(|(_, rows)| self.answered(rows)).collect();
                super::items::protect(&mut groups[1..], &answered, m);
            }
        }
        let unit = if self.rows.iter().all(|(_, r)| r.role == Role::SelfRating) && self.sessions() <= 1 {
            Unit::People
        } else {
            Unit::Results
        };
        GroupDoc {
            schema: SCHEMA.to_string(),
            rubric: self.rubric.clone(),
            min_group: m,
            n: self.read,
            counted: self.rows.len(),
            earlier_left_out: self.earlier,
            excluded_flagged: self.exclude.is_some().then_some(self.excluded),
            unit,
            groups,
            subjects: self.subjects_360(m, seed),
        }
    }

    /// How many sessions the counted results come from.
    fn sessions(&self) -> usize {
        let mut seen: Vec<Option<&str>> = Vec::new();
        for (_, r) in &self.rows {
            if !seen.contains(&r.session.as_deref()) {
                seen.push(r.session.as_deref());
                if seen.len() > 1 {
                    break;
                }
            }
        }
        seen.len()
    }

    /// Every grouping the counted results can be grouped by: department,
    /// role, session and each attribute.
    fn groupings(&self) -> Vec<Grouping> {
        let mut g = vec![Grouping::Department, Grouping::Role, Grouping::Session];
        let mut names: Vec<&str> = self.rows.iter().flat_map(|(_, r)| r.attributes.iter().map(|(k, _)| &**k)).collect();
        names.sort_unstable();
        names.dedup();
        g.extend(names.into_iter().map(|n| Grouping::Attribute(n.to_string())));
        g
    }

    /// The counted results by their value under `g`, in the report's order
    /// (roles in their fixed order; values alphabetically, results without
    /// one last).
    fn partition(&self, g: &Grouping) -> Vec<(Option<&str>, Vec<usize>)> {
        let mut index: HashMap<Option<&str>, usize> = HashMap::new();
        let mut parts: Vec<(Option<&str>, Vec<usize>)> = Vec::new();
        for (i, (_, r)) in self.rows.iter().enumerate() {
            let key = g.key(r);
            let at = *index.entry(key).or_insert_with(|| {
                parts.push((key, Vec::new()));
                parts.len() - 1
            });
            parts[at].1.push(i);
        }
        let rank = |key: Option<&str>| -> (usize, bool, String) {
            match (g, key) {
                (Grouping::Role, Some(k)) => {
                    (Role::ALL.iter().position(|r| r.code() == k).unwrap_or(usize::MAX), false, k.to_string())
                }
                (_, k) => (0, k.is_none(), k.unwrap_or_default().to_string()),
            }
        };
        parts.sort_by_cached_key(|(k, _)| rank(*k));
        parts
    }

    /// For each counted result, the part of `parts` it is in.
    fn places(&self, parts: &[(Option<&str>, Vec<usize>)]) -> Vec<usize> {
        let mut place = vec![0; self.rows.len()];
        for (p, (_, rows)) in parts.iter().enumerate() {
            for &r in rows {
                place[r] = p;
            }
        }
        place
    }

    /// The sizes the anonymity rules look at: results, and results with a
    /// score at each level.
    fn counts(&self, rows: &[usize]) -> Counts {
        let mut c = Counts { n: rows.len(), scored: vec![0; self.levels()] };
        for &i in rows {
            for (l, s) in c.scored.iter_mut().enumerate() {
                if self.rows[i].1.score(l).is_some() {
                    *s += 1;
                }
            }
        }
        c
    }

    /// Per item (in the keying's order), how many of `rows` answered it.
    fn answered(&self, rows: &[usize]) -> Vec<usize> {
        let mut n = vec![0; self.keying.as_ref().map_or(0, |k| k.total)];
        for &i in rows {
            for (c, &v) in n.iter_mut().zip(self.rows[i].1.alpha.iter()) {
                if v != super::kept::MISSING {
                    *c += 1;
                }
            }
        }
        n
    }

    /// Levels: the overall score, the sections, the dimensions.
    fn levels(&self) -> usize {
        1 + self.layout.sections.len() + self.layout.dimensions.len()
    }

    fn group(
        &self,
        key: Option<BTreeMap<String, Option<String>>>,
        rows: &[usize],
        withheld: Option<Withheld>,
        m: usize,
    ) -> Group {
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
                strengths: Vec::new(),
                flagged: None,
                flagged_by: None,
                flagged_respondents: None,
                items: None,
            };
        }
        let spans = self.keying.as_ref().map(|k| k.spans.as_slice()).unwrap_or_default();
        let mut acc = Acc::new(&self.layout, self.keying.as_deref());
        for &i in rows {
            acc.feed(&self.rows[i].1, spans, self.named);
        }
        let items = match (self.items, self.keying.as_deref()) {
            (true, Some(k)) => {
                let mut items = ItemsAcc::new(k);
                for &i in rows {
                    items.feed(&self.rows[i].1, spans);
                }
                Some(items.stats(&self.layout, k, m))
            }
            _ => None,
        };
        // A statistic over fewer than the floor is withheld on its own.
        let stats = |l: usize| acc.levels[l].stats().withheld_below(m);
        let ns = self.layout.sections.len();
        let sections = self
            .layout
            .sections
            .iter()
            .enumerate()
            .map(|(i, id)| SectionStats { id: id.clone(), stats: stats(1 + i) })
            .collect();
        let dimensions: Vec<DimensionStats> = self
            .layout
            .dimensions
            .iter()
            .enumerate()
            .map(|(i, (id, si))| {
                let a = &acc.alpha[i];
                // Alpha over fewer than the floor would be a figure of too few.
                let alpha = a.alpha().filter(|_| a.n() >= m);
                let stats = stats(1 + ns + i);
                DimensionStats {
                    id: id.clone(),
                    section: self.layout.sections[*si].clone(),
                    sem: super::stats::sem(stats.sd, alpha),
                    stats,
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
        let mut strengths: Vec<(usize, f64, f64)> = dimensions
            .iter()
            .enumerate()
            .filter_map(|(i, d)| {
                let (mean, gap) = d.stats.mean.zip(d.stats.mean_gap)?;
                (gap <= 0.0).then_some((i, mean, gap))
            })
            .collect();
        strengths.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        Group {
            key,
            n: Some(acc.n),
            withheld: false,
            withheld_reason: None,
            overall: Some(stats(0)),
            sections,
            priorities: priorities
                .into_iter()
                .map(|(i, g)| GroupPriority { dimension: dimensions[i].id.clone(), mean_gap: g })
                .collect(),
            strengths: strengths
                .into_iter()
                .map(|(i, mean, mean_gap)| GroupStrength { dimension: dimensions[i].id.clone(), mean, mean_gap })
                .collect(),
            dimensions,
            flagged: Some(acc.flagged),
            flagged_by: Some(acc.flagged_by()),
            flagged_respondents: self.named.then(|| acc.flagged_who.clone()),
            items,
        }
    }
}

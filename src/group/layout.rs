//! The shape a group report follows: sections and dimensions in rubric
//! order, and for alpha each dimension's items with their keying.

use std::collections::HashMap;

use crate::result::ResultDoc;
use crate::rubric::Rubric;

/// Sections and dimensions in rubric order, from the first result.
#[derive(Clone, Debug, Default)]
pub(super) struct Layout {
    pub(super) sections: Vec<String>,
    /// (dimension id, index of its section)
    pub(super) dimensions: Vec<(String, usize)>,
    /// The dimension ids alone.
    pub(super) dimension_ids: Vec<String>,
    pub(super) section_index: HashMap<String, usize>,
    pub(super) dimension_index: HashMap<String, usize>,
}

impl Layout {
    /// The sections and dimensions of `first`, each id once.
    pub(super) fn of(first: &ResultDoc) -> Self {
        let mut layout = Layout::default();
        for s in &first.sections {
            if layout.section_index.contains_key(&s.id) {
                continue;
            }
            let si = layout.sections.len();
            layout.section_index.insert(s.id.clone(), si);
            layout.sections.push(s.id.clone());
            for d in &s.dimensions {
                if !layout.dimension_index.contains_key(&d.id) {
                    layout.dimension_index.insert(d.id.clone(), layout.dimensions.len());
                    layout.dimensions.push((d.id.clone(), si));
                    layout.dimension_ids.push(d.id.clone());
                }
            }
        }
        layout
    }
}

/// For alpha: each dimension's items with their keying, from the rubric.
#[derive(Clone, Debug)]
pub(super) struct Keying {
    pub(super) min: i64,
    pub(super) max: i64,
    /// Per layout dimension: (item id, reverse).
    pub(super) items: Vec<Vec<(String, bool)>>,
    /// Per layout dimension: the place of its items among all of them.
    pub(super) spans: Vec<std::ops::Range<usize>>,
    /// Items in all.
    pub(super) total: usize,
}

impl Keying {
    /// The items of each dimension of `layout`, as `r` keys them.
    pub(super) fn of(r: &Rubric, layout: &Layout) -> Self {
        let items: Vec<Vec<(String, bool)>> = layout
            .dimensions
            .iter()
            .map(|(id, _)| {
                r.dimensions()
                    .find(|(_, d)| &d.id == id)
                    .map(|(_, d)| d.items.iter().map(|i| (i.id.clone(), i.reverse)).collect())
                    .unwrap_or_default()
            })
            .collect();
        let mut spans = Vec::new();
        let mut total = 0;
        for its in &items {
            spans.push(total..total + its.len());
            total += its.len();
        }
        Keying { min: r.scale.min, max: r.scale.max, items, spans, total }
    }
}

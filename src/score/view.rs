//! The result as serde writes it, borrowed: a [`Serialize`] view of one
//! scored respondent that writes exactly the JSON of the [`ResultDoc`] that
//! [`Scorer::doc`] would build, field for field and byte for byte, without
//! building it. The texts that every result of a batch shares (titles,
//! suggestions, the rubric) are serialized once per batch, in
//! [`Scorer::new`], and written as they are ([`RawValue`]).

use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, SerializeStruct, Serializer};
use serde_json::value::RawValue;

use super::{Meta, Scorer, Scores, severity};
use crate::result::{Previous, SCHEMA};

/// One result, borrowed from the scorer and the scores; see [`Scorer::view`].
pub struct ResultView<'a> {
    pub(super) scorer: &'a Scorer<'a>,
    pub(super) scores: &'a Scores,
    pub(super) meta: &'a Meta<'a>,
    pub(super) values: &'a [Option<i64>],
    pub(super) id: &'a str,
    pub(super) previous: Option<&'a Previous>,
}

/// A standing (`score`, `target`, `gap`, `severity`), as the fields of the
/// struct that holds it: the result's `overall`, a section, a dimension.
fn standing<S: SerializeStruct>(
    st: &mut S,
    score: Option<f64>,
    target: f64,
    bands: &crate::rubric::GapBands,
) -> Result<(), S::Error> {
    let gap = score.map(|s| target - s);
    st.serialize_field("score", &score)?;
    st.serialize_field("target", &target)?;
    st.serialize_field("gap", &gap)?;
    st.serialize_field("severity", &severity(gap, bands))
}

impl Serialize for ResultView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (sc, s, meta) = (self.scorer, self.scores, self.meta);
        let mut st = serializer.serialize_struct("ResultDoc", 16)?;
        st.serialize_field("schema", SCHEMA)?;
        st.serialize_field("id", self.id)?;
        st.serialize_field("rubric", &*sc.raw.rubric)?;
        st.serialize_field("profile", &sc.opts.profile)?;
        st.serialize_field("subject", meta.subject)?;
        st.serialize_field("rater", meta.rater)?;
        st.serialize_field("session", &meta.session)?;
        st.serialize_field("taken_at", meta.taken_at)?;
        st.serialize_field("lang", &sc.lang)?;
        st.serialize_field("overall", &Overall(self))?;
        st.serialize_field("sections", &Sections(self))?;
        st.serialize_field("priorities", &Priorities(self))?;
        st.serialize_field("strengths", &Strengths(self))?;
        st.serialize_field("answers", &Answers(self))?;
        st.serialize_field("quality", &QualityView(s))?;
        st.serialize_field("previous", &self.previous)?;
        st.end()
    }
}

struct Overall<'v, 'a>(&'v ResultView<'a>);

impl Serialize for Overall<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        let mut st = serializer.serialize_struct("Standing", 4)?;
        standing(&mut st, v.scores.overall, v.scorer.overall_target, &v.scorer.rubric().gap)?;
        st.end()
    }
}

struct Sections<'v, 'a>(&'v ResultView<'a>);

impl Serialize for Sections<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (sc, s) = (self.0.scorer, self.0.scores);
        let bands = &sc.rubric().gap;
        let mut seq = serializer.serialize_seq(Some(sc.sections.len()))?;
        for (k, (sec, score)) in sc.sections.iter().zip(&s.sections).enumerate() {
            seq.serialize_element(&SectionView { view: self.0, k, score: *score, target: sec.target, bands })?;
        }
        seq.end()
    }
}

struct SectionView<'v, 'a> {
    view: &'v ResultView<'a>,
    k: usize,
    score: Option<f64>,
    target: f64,
    bands: &'v crate::rubric::GapBands,
}

impl Serialize for SectionView<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let sc = self.view.scorer;
        let sec = &sc.sections[self.k];
        let mut st = serializer.serialize_struct("SectionResult", 7)?;
        st.serialize_field("id", &*sc.raw.section_ids[self.k])?;
        st.serialize_field("title", &*sc.raw.section_titles[self.k])?;
        standing(&mut st, self.score, self.target, self.bands)?;
        st.serialize_field("dimensions", &Dimensions { view: self.view, dims: sec.dims.clone(), bands: self.bands })?;
        st.end()
    }
}

struct Dimensions<'v, 'a> {
    view: &'v ResultView<'a>,
    dims: std::ops::Range<usize>,
    bands: &'v crate::rubric::GapBands,
}

impl Serialize for Dimensions<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (sc, s) = (self.view.scorer, self.view.scores);
        let mut seq = serializer.serialize_seq(Some(self.dims.len()))?;
        for k in self.dims.clone() {
            seq.serialize_element(&DimensionView { sc, k, at: s.dims[k], bands: self.bands })?;
        }
        seq.end()
    }
}

struct DimensionView<'v, 'a> {
    sc: &'v Scorer<'a>,
    k: usize,
    /// Score and items answered.
    at: (Option<f64>, usize),
    bands: &'v crate::rubric::GapBands,
}

impl Serialize for DimensionView<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let dim = &self.sc.dims[self.k];
        let mut st = serializer.serialize_struct("DimensionResult", 8)?;
        st.serialize_field("id", &*self.sc.raw.dimension_ids[self.k])?;
        st.serialize_field("title", &*self.sc.raw.dimension_titles[self.k])?;
        standing(&mut st, self.at.0, dim.target, self.bands)?;
        st.serialize_field("answered", &self.at.1)?;
        st.serialize_field("items", &dim.items.len())?;
        st.end()
    }
}

struct Priorities<'v, 'a>(&'v ResultView<'a>);

impl Serialize for Priorities<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let sc = self.0.scorer;
        let mut seq = serializer.serialize_seq(Some(self.0.scores.priorities.len()))?;
        for &(weighted_gap, gap, k) in &self.0.scores.priorities {
            seq.serialize_element(&PriorityView { sc, k, gap, weighted_gap })?;
        }
        seq.end()
    }
}

struct PriorityView<'v, 'a> {
    sc: &'v Scorer<'a>,
    k: usize,
    gap: f64,
    weighted_gap: f64,
}

impl Serialize for PriorityView<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let raw = &self.sc.raw;
        let mut st = serializer.serialize_struct("Priority", 5)?;
        st.serialize_field("dimension", &*raw.dimension_ids[self.k])?;
        st.serialize_field("section", &*raw.section_ids[self.sc.dims[self.k].section])?;
        st.serialize_field("gap", &self.gap)?;
        st.serialize_field("weighted_gap", &self.weighted_gap)?;
        st.serialize_field("suggestions", &*raw.suggestions[self.k])?;
        st.end()
    }
}

struct Strengths<'v, 'a>(&'v ResultView<'a>);

impl Serialize for Strengths<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let sc = self.0.scorer;
        let raw = &sc.raw;
        let mut seq = serializer.serialize_seq(Some(self.0.scores.strengths.len()))?;
        for &(score, k) in &self.0.scores.strengths {
            seq.serialize_element(&StrengthView {
                dimension: &raw.dimension_ids[k],
                section: &raw.section_ids[sc.dims[k].section],
                score,
            })?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct StrengthView<'a> {
    dimension: &'a RawValue,
    section: &'a RawValue,
    score: f64,
}

struct Answers<'v, 'a>(&'v ResultView<'a>);

impl Serialize for Answers<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let ids = &self.0.scorer.index.ids;
        let mut map = serializer.serialize_map(Some(ids.len()))?;
        for (id, v) in ids.iter().zip(self.0.values) {
            map.serialize_entry(id, v)?;
        }
        map.end()
    }
}

struct QualityView<'a>(&'a Scores);

impl Serialize for QualityView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let s = self.0;
        let mut st = serializer.serialize_struct("Quality", 4)?;
        st.serialize_field("seconds", &s.seconds)?;
        st.serialize_field("straight_line", &s.flags.straight_line)?;
        st.serialize_field("reverse_inconsistent", &s.flags.reverse_inconsistent)?;
        st.serialize_field("flags", &Flags(s.flags))?;
        st.end()
    }
}

struct Flags(super::Flags);

impl Serialize for Flags {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.on())
    }
}

/// The texts every result of a batch shares, as JSON, made once.
pub(super) struct Raw {
    pub rubric: Box<RawValue>,
    pub section_ids: Vec<Box<RawValue>>,
    pub section_titles: Vec<Box<RawValue>>,
    pub dimension_ids: Vec<Box<RawValue>>,
    pub dimension_titles: Vec<Box<RawValue>>,
    /// Each dimension's suggestions, as a JSON array.
    pub suggestions: Vec<Box<RawValue>>,
}

/// A value as JSON, to be written as it is.
pub(super) fn raw<T: Serialize + ?Sized>(v: &T) -> Box<RawValue> {
    // These values (strings, a list of strings, the rubric reference) always serialize.
    serde_json::value::to_raw_value(v).unwrap_or_else(|_| RawValue::NULL.to_owned())
}

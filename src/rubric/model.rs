//! The rubric format (SPEC §3), as serde types. The JSON Schema that
//! `zhixing schema rubric` prints is generated from these same types.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::lang::Text;

fn one() -> f64 {
    1.0
}
fn default_target() -> f64 {
    80.0
}
fn default_minor() -> f64 {
    10.0
}
fn default_moderate() -> f64 {
    20.0
}
fn is_one(w: &f64) -> bool {
    *w == 1.0
}
fn is_false(b: &bool) -> bool {
    !*b
}

/// A zhixing rubric: the model of execution capability that a questionnaire
/// asks about and a result is scored against.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
#[schemars(title = "zhixing rubric")]
pub struct Rubric {
    /// Rubric format version. Only 1 exists.
    #[schemars(extend("const" = 1))]
    pub format: i64,
    /// Identifier of the rubric, made of lowercase letters, digits and `-`.
    pub id: String,
    /// Version of this rubric's content, e.g. "1.0.0". Results record it.
    pub version: String,
    /// Title of the rubric.
    pub title: Text,
    /// Languages every text must be given in, e.g. ["zh", "en"].
    pub languages: Vec<String>,
    /// The one Likert scale of the whole rubric.
    pub scale: Scale,
    /// Targets on the 0..100 scale.
    #[serde(default)]
    pub targets: Targets,
    /// Severity bands for gaps, in points on the 0..100 scale.
    #[serde(default)]
    pub gap: GapBands,
    /// Target profiles, chosen with `--profile ID`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub profiles: BTreeMap<String, Profile>,
    /// The order items are asked in: `grouped` (dimension by dimension, as
    /// written) or `interleaved` (the dimensions in turn: item 1 of each,
    /// then item 2 of each, …; the item screen then names no dimension).
    #[serde(default, skip_serializing_if = "Order::is_grouped")]
    pub order: Order,
    /// The sections, in the order they are reported.
    pub sections: Vec<Section>,
}

/// The order a rubric's items are asked in (SPEC §3).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    /// Dimension by dimension, as written.
    #[default]
    Grouped,
    /// One fixed order taking the dimensions in turn.
    Interleaved,
}

impl Order {
    fn is_grouped(&self) -> bool {
        *self == Order::Grouped
    }
}

/// How a dimension is treated in a self-assessment (SPEC §3, §5).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SelfRating {
    /// Scored like every other dimension.
    #[default]
    Score,
    /// Asked and kept, listed as a self-review with no score; a rating by
    /// someone else scores it as usual.
    Reflect,
}

impl SelfRating {
    fn is_score(&self) -> bool {
        *self == SelfRating::Score
    }
}

/// The answer scale: integers from `min` to `max`, one label each.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Scale {
    /// Lowest answer, an integer.
    pub min: i64,
    /// Highest answer, an integer greater than `min`; at most 11 points.
    pub max: i64,
    /// One label per scale point, from `min` to `max`.
    pub labels: Vec<Text>,
    /// May an item be left unanswered ("not applicable")?
    #[serde(default)]
    pub allow_skip: bool,
}

/// The rubric's default target.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Targets {
    /// Target of every section and dimension that sets none, 0..=100.
    #[serde(default = "default_target")]
    pub default: f64,
}

impl Default for Targets {
    fn default() -> Self {
        Targets { default: default_target() }
    }
}

/// Gap severity bands: gap ≤ 0 is met, ≤ minor is minor, ≤ moderate is
/// moderate, above is critical.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct GapBands {
    /// Upper edge of a minor gap, > 0.
    #[serde(default = "default_minor")]
    pub minor: f64,
    /// Upper edge of a moderate gap, ≥ minor and ≤ 100.
    #[serde(default = "default_moderate")]
    pub moderate: f64,
}

impl Default for GapBands {
    fn default() -> Self {
        GapBands { minor: default_minor(), moderate: default_moderate() }
    }
}

/// A target profile, such as the targets for a section chief.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Profile {
    /// Name of the profile.
    pub title: Text,
    /// Replaces `targets.default`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<f64>,
    /// Targets by section or dimension id, replacing theirs.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub targets: BTreeMap<String, f64>,
}

/// A section: a group of dimensions, such as the four supporting elements.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Section {
    /// Identifier, unique in the rubric.
    pub id: String,
    /// Name of the section.
    pub title: Text,
    /// Weight in the overall score, finite and > 0.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub weight: f64,
    /// Target of the section and, unless they set their own, its dimensions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    /// The dimensions of this section.
    pub dimensions: Vec<Dimension>,
}

/// A dimension: one capability, measured by several items.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Dimension {
    /// Identifier, unique in the rubric.
    pub id: String,
    /// Name of the dimension.
    pub title: Text,
    /// What the dimension means.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Weight in its section's score, finite and > 0.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub weight: f64,
    /// Target of this dimension.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    /// `reflect`: in a self-assessment its items are a self-review (自我检视)
    /// with no score; `score` (the default): scored as usual.
    #[serde(default, skip_serializing_if = "SelfRating::is_score")]
    pub self_rating: SelfRating,
    /// Development suggestions, shown when the dimension falls short.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<Text>,
    /// The items (statements) that measure this dimension.
    pub items: Vec<Item>,
}

/// An item: one first-person statement answered on the scale.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Item {
    /// Identifier, unique in the rubric, e.g. "perseverance.setbacks".
    pub id: String,
    /// The statement, in the first person.
    pub text: Text,
    /// The statement as asked of a rater who is not the subject: third
    /// person, the same behaviour ("该同志…", "This colleague …").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub others: Option<Text>,
    /// Reverse-keyed: agreeing means less of the dimension.
    #[serde(default, skip_serializing_if = "is_false")]
    pub reverse: bool,
    /// The plain item of the same dimension whose opposite this
    /// reverse-keyed item states; the pair drives `reverse_inconsistent`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opposite: Option<String>,
    /// Weight in its dimension's score, finite and > 0.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub weight: f64,
    /// This item's own description of each scale point, shown instead of the
    /// scale labels: one per scale point.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchors: Option<Vec<Text>>,
}

impl Item {
    /// The statement as asked of this rater: `others` where the rater is
    /// not the subject and the item has it, else `text`.
    pub fn asked_text(&self, by_other: bool) -> &Text {
        match (&self.others, by_other) {
            (Some(o), true) => o,
            _ => &self.text,
        }
    }
}

impl Rubric {
    /// Every item with its section and dimension, in rubric order.
    pub fn items(&self) -> impl Iterator<Item = (&Section, &Dimension, &Item)> {
        self.sections
            .iter()
            .flat_map(|s| s.dimensions.iter().map(move |d| (s, d)))
            .flat_map(|(s, d)| d.items.iter().map(move |i| (s, d, i)))
    }

    /// Every dimension with its section, in rubric order.
    pub fn dimensions(&self) -> impl Iterator<Item = (&Section, &Dimension)> {
        self.sections.iter().flat_map(|s| s.dimensions.iter().map(move |d| (s, d)))
    }

    /// The places (in rubric order, as [`Rubric::items`] gives them) of
    /// the items in the order they are asked: as written, or for
    /// `order = "interleaved"` item 1 of every dimension, then item 2 of
    /// every dimension, and so on, the dimensions in rubric order.
    pub fn asked_order(&self) -> Vec<usize> {
        let mut starts = Vec::new();
        let mut place = 0;
        for (_, d) in self.dimensions() {
            starts.push((place, d.items.len()));
            place += d.items.len();
        }
        match self.order {
            Order::Grouped => (0..place).collect(),
            Order::Interleaved => {
                let longest = starts.iter().map(|&(_, n)| n).max().unwrap_or(0);
                (0..longest)
                    .flat_map(|k| starts.iter().filter(move |&&(_, n)| k < n).map(move |&(first, _)| first + k))
                    .collect()
            }
        }
    }

    pub fn item_count(&self) -> usize {
        self.items().count()
    }

    /// A text in the language asked for, falling back to the rubric's own.
    pub fn text<'a>(&'a self, text: &'a Text, lang: &str) -> &'a str {
        text.get(lang, &self.languages)
    }

    /// The language results are written in: `lang` where the rubric has it,
    /// else the rubric's first language.
    pub fn result_lang(&self, lang: &str) -> String {
        if self.languages.iter().any(|l| l == lang) {
            lang.to_string()
        } else {
            self.languages.first().cloned().unwrap_or_else(|| lang.to_string())
        }
    }

    /// Number of points on the scale.
    pub fn points(&self) -> i64 {
        self.scale.max - self.scale.min + 1
    }
}

//! The `zhixing.group.v1` document: its types, what `--by` groups by, the
//! anonymity constants, and the texts the renderers show beside it.

use std::collections::{BTreeMap, HashMap};

use schemars::JsonSchema;
use serde::Serialize;

use crate::result::Role;

pub const SCHEMA: &str = "zhixing.group.v1";
/// The default anonymity floor: the common industry default.
pub const DEFAULT_MIN_GROUP: usize = 5;
/// In the 360 view, a rater role with fewer respondents than this is
/// withheld (except self and supervisor).
pub const MIN_ROLE_GROUP: usize = 3;
/// A self-versus-others difference of at least this many points (0..100)
/// is a blind spot (self higher) or a hidden strength (self lower).
pub const BLIND_SPOT_MIN: f64 = 10.0;
/// How many blind spots and hidden strengths are listed per subject.
pub const BLIND_SPOTS_SHOWN: usize = 3;

/// What `--by` groups by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum By {
    /// The subject's department.
    Department,
    /// The rater's role (self, supervisor, peer, subordinate, other).
    Role,
    /// The session.
    Session,
    /// Each subject: the 360 view, self against others.
    Subject,
    /// A subject attribute of this name (SPEC §6), such as 职级.
    Attribute(String),
}

impl By {
    /// `department`, `role`, `session` or `subject`; any other (non-empty)
    /// text names an attribute. None for an empty or blank text.
    pub fn parse(s: &str) -> Option<By> {
        let s = s.trim();
        Some(match s {
            "" => return None,
            // The CSV header words of these columns (SPEC §4) mean them too.
            "department" | "部门" => By::Department,
            "role" | "角色" | "评价人身份" => By::Role,
            "session" | "场次" => By::Session,
            "subject" | "受评人" => By::Subject,
            name => By::Attribute(name.to_string()),
        })
    }

    pub fn code(&self) -> &str {
        match self {
            By::Department => "department",
            By::Role => "role",
            By::Session => "session",
            By::Subject => "subject",
            By::Attribute(name) => name,
        }
    }
}

/// A group report: statistics over many results of one rubric.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[schemars(title = "zhixing group report v1", deny_unknown_fields)]
pub struct GroupDoc {
    /// Always "zhixing.group.v1".
    #[schemars(extend("const" = "zhixing.group.v1"))]
    pub schema: String,
    /// The rubric every result was scored against.
    pub rubric: RubricInfo,
    /// The anonymity floor: groups with fewer results are withheld.
    pub min_group: usize,
    /// Results read.
    pub n: usize,
    /// Results counted: the latest of each person's results per session,
    /// rater and role (SPEC §10 rule 1), or every result with
    /// `--every-result`.
    pub counted: usize,
    /// Earlier results of the same person, rater, role and session left
    /// out (0 with `--every-result`).
    pub earlier_left_out: usize,
    /// Results left out of every figure by `--exclude-flagged` (each one
    /// itself, before each person's latest is chosen); absent without the
    /// option.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excluded_flagged: Option<usize>,
    /// What n counts: `people` (self-assessments within one session, each
    /// person once) or `results` (across sessions, or ratings by others).
    pub unit: Unit,
    /// First everyone, then one group per `--by` value.
    pub groups: Vec<Group>,
    /// The 360 view, one entry per subject (filled by `--by subject`).
    pub subjects: Vec<Subject360>,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct RubricInfo {
    pub id: String,
    pub version: String,
    /// Title in the report's language.
    pub title: String,
}

/// What a group's n counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Each person once: self-assessments of one session.
    People,
    /// Results: across sessions, or ratings by others.
    Results,
}

/// Why a group, or one statistic of it, shows nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Withheld {
    /// Fewer results than `min_group`.
    TooFew,
    /// Withheld with smaller groups, so that their figures cannot be worked
    /// out by subtracting the shown groups from the total.
    Complementary,
    /// Withheld because a group of another grouping of the same results
    /// contains it, or is contained in it, with a difference of fewer than
    /// `min_group` results.
    Nested,
}

impl Withheld {
    pub fn code(self) -> &'static str {
        match self {
            Withheld::TooFew => "too_few",
            Withheld::Complementary => "complementary",
            Withheld::Nested => "nested",
        }
    }
}

/// One group: everyone, or the results sharing one `--by` value.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Group {
    /// null for everyone; else the grouping and its value, such as
    /// {"department": "秘书处"} (a null value: results without one).
    pub key: Option<BTreeMap<String, Option<String>>>,
    /// Results in the group; null where withheld.
    pub n: Option<usize>,
    /// true: the group is too small to show; no statistics below.
    pub withheld: bool,
    /// Why it is withheld; null where it is not.
    pub withheld_reason: Option<Withheld>,
    /// The overall score; null where withheld.
    pub overall: Option<Stats>,
    pub sections: Vec<SectionStats>,
    pub dimensions: Vec<DimensionStats>,
    /// Dimensions with mean gap > 0, largest first, ties in rubric order.
    pub priorities: Vec<GroupPriority>,
    /// The group's strengths: dimensions with mean gap ≤ 0 (at or above
    /// target), highest mean first, ties in rubric order.
    pub strengths: Vec<GroupStrength>,
    /// Results with quality flags; null where withheld.
    pub flagged: Option<usize>,
    /// The flagged results counted by kind (a result with two flags counts
    /// under both), every kind listed (by name);
    /// null where withheld.
    pub flagged_by: Option<BTreeMap<String, usize>>,
    /// Who they are: only with `--named`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flagged_respondents: Option<Vec<Flagged>>,
    /// Item analysis (SPEC §14), only with `--items` and a rubric to key
    /// the items; absent where the group is withheld.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<ItemStats>>,
}

/// One item of a group (SPEC §14): its answers and how it hangs together
/// with the other items of its dimension.
#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema)]
pub struct ItemStats {
    pub id: String,
    /// Id of its dimension.
    pub dimension: String,
    /// Answers (skipped ones not counted); null where withheld.
    pub n: Option<usize>,
    /// Raw answers as given, by value, every scale point listed; null where
    /// withheld.
    pub counts: Option<ItemCounts>,
    /// Mean of the adjusted values (reverse-keyed items reversed).
    pub mean: Option<f64>,
    /// Sample standard deviation of the adjusted values; null below 2.
    pub sd: Option<f64>,
    /// Share of answers at the least favourable adjusted value.
    pub floor: Option<f64>,
    /// Share of answers at the most favourable adjusted value.
    pub ceiling: Option<f64>,
    /// Corrected item-total correlation: Pearson r with the sum of the
    /// other items of the dimension, over the respondents who answered
    /// every item of it; null below 3 of them or at zero variance.
    pub r_drop: Option<f64>,
    /// Cronbach's alpha of the dimension without this item, over the same
    /// respondents; null where the dimension has fewer than 3 items.
    pub alpha_drop: Option<f64>,
    /// Set where the item is withheld: `too_few` (fewer than `min_group`
    /// answers), or `complementary` (so that the answers of a subgroup that
    /// does not show it cannot be worked out from the others); every figure
    /// null.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withheld: Option<Withheld>,
}

impl ItemStats {
    /// Whether its figures are shown.
    pub fn shown(&self) -> bool {
        self.withheld.is_none()
    }

    /// A weak item (SPEC §14): |r_drop| < .2, or floor or ceiling above .8.
    pub fn weak(&self) -> bool {
        self.r_drop.is_some_and(|r| r.abs() < 0.2)
            || self.floor.is_some_and(|f| f > 0.8)
            || self.ceiling.is_some_and(|c| c > 0.8)
    }
}

/// Answers per scale point, in scale order ("1", "2", …), as a JSON object.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ItemCounts(pub Vec<(i64, usize)>);

impl Serialize for ItemCounts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (v, n) in &self.0 {
            m.serialize_entry(&v.to_string(), n)?;
        }
        m.end()
    }
}

impl JsonSchema for ItemCounts {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ItemCounts".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let count = generator.subschema_for::<usize>();
        schemars::json_schema!({
            "description": "Answers per scale point (the value as a string key), every point listed.",
            "type": "object",
            "additionalProperties": count
        })
    }
}

/// Statistics of one score over the results of a group.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Stats {
    /// Results with a score (not null).
    pub n: usize,
    pub mean: Option<f64>,
    /// Sample standard deviation; null below 2 scores.
    pub sd: Option<f64>,
    pub min: Option<f64>,
    /// The middle score; the mean of the middle two for an even count.
    pub median: Option<f64>,
    pub max: Option<f64>,
    /// Mean of the results' gaps (target − score).
    pub mean_gap: Option<f64>,
    /// Results per severity (unknown: no score); null where withheld.
    pub severity: Option<SeverityCounts>,
    /// Set where this statistic alone is withheld (its figures are null):
    /// fewer than `min_group` results have this score.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withheld: Option<Withheld>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SeverityCounts {
    pub met: usize,
    pub minor: usize,
    pub moderate: usize,
    pub critical: usize,
    pub unknown: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct SectionStats {
    pub id: String,
    #[serde(flatten)]
    pub stats: Stats,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct DimensionStats {
    pub id: String,
    /// Id of its section.
    pub section: String,
    #[serde(flatten)]
    pub stats: Stats,
    /// Cronbach's alpha over the respondents who answered every item of the
    /// dimension (reverse-keyed items reversed); null with fewer than 2 items
    /// or respondents, zero total variance, or no rubric to key the items.
    pub alpha: Option<f64>,
    /// Respondents alpha is computed over.
    pub alpha_n: usize,
    /// excellent (≥ .9), good (≥ .8), acceptable (≥ .7), questionable (≥ .6),
    /// poor (≥ .5), unacceptable.
    pub alpha_label: Option<AlphaLabel>,
    /// Standard error of measurement (SPEC §13): from the norms where given,
    /// else the group's own sd·√(1 − alpha); null where alpha is null or
    /// below 0.
    pub sem: Option<f64>,
}

/// George and Mallery's bands for alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum AlphaLabel {
    Excellent,
    Good,
    Acceptable,
    Questionable,
    Poor,
    Unacceptable,
}

impl AlphaLabel {
    /// The band of `alpha`, compared with a tolerance of 1e-9 (so that
    /// 0.7999999999999999 is good).
    pub fn of(alpha: f64) -> AlphaLabel {
        const TOLERANCE: f64 = 1e-9;
        match alpha + TOLERANCE {
            a if a >= 0.9 => AlphaLabel::Excellent,
            a if a >= 0.8 => AlphaLabel::Good,
            a if a >= 0.7 => AlphaLabel::Acceptable,
            a if a >= 0.6 => AlphaLabel::Questionable,
            a if a >= 0.5 => AlphaLabel::Poor,
            _ => AlphaLabel::Unacceptable,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            AlphaLabel::Excellent => "excellent",
            AlphaLabel::Good => "good",
            AlphaLabel::Acceptable => "acceptable",
            AlphaLabel::Questionable => "questionable",
            AlphaLabel::Poor => "poor",
            AlphaLabel::Unacceptable => "unacceptable",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct GroupPriority {
    pub dimension: String,
    pub mean_gap: f64,
}

/// A strength of the group: a dimension whose mean meets its target.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct GroupStrength {
    pub dimension: String,
    pub mean: f64,
    pub mean_gap: f64,
}

/// A respondent whose answers carry quality flags (only with `--named`).
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Flagged {
    /// The person assessed.
    pub subject: String,
    /// Who answered; the rater's name is never shown.
    pub rater_role: Role,
    pub flags: Vec<String>,
}

/// The 360 view of one subject: self against the others.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Subject360 {
    /// The subject's name with `--named`; else "#1", "#2", ….
    pub subject: String,
    /// Results per rater role.
    pub raters: RaterCounts,
    pub overall: Comparison,
    pub sections: Vec<Comparison>,
    pub dimensions: Vec<Comparison>,
    /// Dimensions the subject rates at least 10 points above the others,
    /// largest first.
    pub blind_spots: Vec<Difference>,
    /// Dimensions the subject rates at least 10 points below the others,
    /// largest first.
    pub hidden_strengths: Vec<Difference>,
    /// Ratings left out of every figure, per rater role: roles too small to
    /// show that could not be pooled with others to reach the floor.
    pub left_out: BTreeMap<String, usize>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RaterCounts {
    #[serde(rename = "self")]
    pub self_: usize,
    pub supervisor: usize,
    pub peer: usize,
    pub subordinate: usize,
    pub other: usize,
}

/// One score: self, the mean of the others, and each rater role's mean.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Comparison {
    /// Dimension or section id; "overall" for the overall score.
    pub id: String,
    /// For a dimension, its section's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The subject's own score (the latest self-assessment).
    #[serde(rename = "self")]
    pub self_score: Option<f64>,
    /// Mean of the other raters' scores: the supervisor, the roles shown
    /// and the pooled small roles, each only where it is shown at this
    /// level.
    pub others: Option<f64>,
    /// Ratings whose score is in `others`, exactly.
    pub others_n: usize,
    /// self − others.
    pub difference: Option<f64>,
    /// Each other rater role present.
    pub by_role: Vec<RoleMean>,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct RoleMean {
    /// The rater role, or `pooled` for the small roles together.
    pub role: RoleKey,
    /// The roles pooled (only for `pooled`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
    /// Ratings in this role (or pool).
    pub n: usize,
    /// true: fewer raters than the floor scored this level (supervisors
    /// are shown alone by convention).
    pub withheld: bool,
    pub mean: Option<f64>,
}

/// A rater role in the 360 view, or the small roles pooled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RoleKey {
    Supervisor,
    Peer,
    Subordinate,
    Other,
    /// Small roles together: "other raters (combined)".
    Pooled,
}

impl RoleKey {
    pub fn of(role: Role) -> Option<RoleKey> {
        match role {
            Role::SelfRating => None,
            Role::Supervisor => Some(RoleKey::Supervisor),
            Role::Peer => Some(RoleKey::Peer),
            Role::Subordinate => Some(RoleKey::Subordinate),
            Role::Other => Some(RoleKey::Other),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            RoleKey::Supervisor => "supervisor",
            RoleKey::Peer => "peer",
            RoleKey::Subordinate => "subordinate",
            RoleKey::Other => "other",
            RoleKey::Pooled => "pooled",
        }
    }

    /// The single role; None for the pool.
    pub fn role(self) -> Option<Role> {
        match self {
            RoleKey::Supervisor => Some(Role::Supervisor),
            RoleKey::Peer => Some(Role::Peer),
            RoleKey::Subordinate => Some(Role::Subordinate),
            RoleKey::Other => Some(Role::Other),
            RoleKey::Pooled => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Difference {
    pub dimension: String,
    #[serde(rename = "self")]
    pub self_score: f64,
    pub others: f64,
    /// self − others.
    pub difference: f64,
}

/// Texts the renderers show beside the document: titles and suggestions,
/// from the rubric in the report's language, else from the results.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Texts {
    pub sections: HashMap<String, String>,
    pub dimensions: HashMap<String, String>,
    pub suggestions: HashMap<String, Vec<String>>,
    /// Item statements by item id (for `--items`).
    pub items: HashMap<String, String>,
    /// The reverse-keyed items' ids (for `--items`: their answer bars read
    /// the other way).
    pub reverse: std::collections::HashSet<String>,
    /// The scale's points with their labels (for `--items`).
    pub scale: Vec<(i64, String)>,
    /// Alpha could not be computed: no rubric to key the items.
    pub no_rubric: bool,
    /// The rubric's gap bands (the defaults without a rubric): the colours
    /// of the heat map and the severity word of a group's mean.
    pub gap: crate::rubric::GapBands,
}

impl Texts {
    pub fn section<'a>(&'a self, id: &'a str) -> &'a str {
        self.sections.get(id).map_or(id, String::as_str)
    }
    pub fn dimension<'a>(&'a self, id: &'a str) -> &'a str {
        self.dimensions.get(id).map_or(id, String::as_str)
    }
    pub fn item<'a>(&'a self, id: &'a str) -> &'a str {
        self.items.get(id).map_or(id, String::as_str)
    }
    /// A scale point with its label, as a legend shows it ("5 Always").
    pub fn scale_label(&self, v: i64) -> String {
        match self.scale.iter().find(|(p, _)| *p == v) {
            Some((_, l)) if *l != v.to_string() => format!("{v} {l}"),
            _ => v.to_string(),
        }
    }
}

impl Stats {
    /// This statistic as shown where fewer than `min_group` results (but
    /// some) have the score: n alone, every figure null.
    pub fn withheld_below(self, min_group: usize) -> Stats {
        if self.n == 0 || self.n >= min_group {
            return self;
        }
        Stats {
            n: self.n,
            mean: None,
            sd: None,
            min: None,
            median: None,
            max: None,
            mean_gap: None,
            severity: None,
            withheld: Some(Withheld::TooFew),
        }
    }

    /// Whether its figures are shown.
    pub fn shown(&self) -> bool {
        self.withheld.is_none()
    }
}

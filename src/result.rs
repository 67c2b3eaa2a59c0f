//! The result of scoring one respondent (SPEC §6, `zhixing.result.v1`).
//! Field names and meanings do not change within v1; fields may be added.

use std::borrow::Cow;

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub const SCHEMA: &str = "zhixing.result.v1";

/// Extra named values about a subject (`[subject.attributes]`), in the
/// order given.
pub type Attributes = IndexMap<String, String>;

/// One scored respondent. Its scores are frozen when it is made: reports
/// and group reports read them from here, never rescore it.
///
/// A key it does not have is refused (by the reader and by its JSON
/// Schema): a document that is not this result is not read as one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "zhixing result v1")]
pub struct ResultDoc {
    /// Always "zhixing.result.v1".
    #[schemars(extend("const" = "zhixing.result.v1"))]
    pub schema: String,
    /// ULID of this result.
    pub id: String,
    /// Lowercase hex sha256 of the canonical JSON (keys sorted, no spaces)
    /// of the rubric's id and version, the subject, the rater, the session,
    /// the time as the input gave it (null where it gave none) and the
    /// answers: the store keeps one result per fingerprint. Absent in
    /// results made before revision 2.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub fingerprint: String,
    /// The rubric it was scored against.
    pub rubric: RubricRef,
    /// Target profile used, if any.
    pub profile: Option<String>,
    /// Who is assessed.
    pub subject: Subject,
    /// Who answered.
    pub rater: Rater,
    /// Group session, such as a training class.
    pub session: Option<String>,
    /// When the answers were given, RFC 3339.
    pub taken_at: String,
    /// Language of the texts in this result.
    pub lang: String,
    /// The overall score.
    pub overall: Standing,
    /// Scores by section and dimension, in rubric order.
    pub sections: Vec<SectionResult>,
    /// Dimensions below target, most pressing first.
    pub priorities: Vec<Priority>,
    /// Dimensions at or above target, highest first.
    pub strengths: Vec<Strength>,
    /// Every item's raw answer in rubric order; null where skipped.
    pub answers: IndexMap<String, Option<i64>>,
    /// Signals of careless answering.
    pub quality: Quality,
    /// The subject's previous result of the same rubric and rater role.
    pub previous: Option<Previous>,
}

/// The rubric a result was scored against.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RubricRef {
    pub id: String,
    pub version: String,
    /// Title in the result's language.
    pub title: String,
    /// sha256 of the rubric file's bytes, hex.
    pub sha256: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Subject {
    pub name: String,
    pub department: Option<String>,
    /// Extra named values about the subject, such as 职级 or 年龄段; left
    /// out when there are none.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub attributes: Attributes,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Rater {
    pub role: Role,
    /// Name of the rater; null for self-assessment.
    pub name: Option<String>,
}

/// Who gives the answers, relative to the subject.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    #[default]
    #[serde(rename = "self")]
    SelfRating,
    Supervisor,
    Peer,
    Subordinate,
    Other,
}

impl Role {
    pub const ALL: [Role; 5] = [Role::SelfRating, Role::Supervisor, Role::Peer, Role::Subordinate, Role::Other];

    pub fn code(self) -> &'static str {
        match self {
            Role::SelfRating => "self",
            Role::Supervisor => "supervisor",
            Role::Peer => "peer",
            Role::Subordinate => "subordinate",
            Role::Other => "other",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Role::SelfRating => "本人",
            Role::Supervisor => "上级",
            Role::Peer => "同事",
            Role::Subordinate => "下级",
            Role::Other => "其他",
        }
    }

    /// A role from its code or its Chinese name.
    pub fn parse(s: &str) -> Option<Role> {
        let s = s.trim();
        Role::ALL
            .into_iter()
            .find(|r| r.code().eq_ignore_ascii_case(s) || r.zh() == s || (s == "自评" && *r == Role::SelfRating))
    }
}

/// How far below target a score falls.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Met,
    Minor,
    Moderate,
    Critical,
    /// No score: too few answers.
    Unknown,
}

impl Severity {
    pub const ALL: [Severity; 5] =
        [Severity::Met, Severity::Minor, Severity::Moderate, Severity::Critical, Severity::Unknown];

    pub fn code(self) -> &'static str {
        match self {
            Severity::Met => "met",
            Severity::Minor => "minor",
            Severity::Moderate => "moderate",
            Severity::Critical => "critical",
            Severity::Unknown => "unknown",
        }
    }
}

/// A score against its target.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Standing {
    /// 0..=100; null where too few items were answered.
    pub score: Option<f64>,
    pub target: f64,
    /// target − score; negative above target; null without a score.
    pub gap: Option<f64>,
    pub severity: Severity,
    /// Percentile among the norms' people (0–100), with norms (SPEC §13).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percentile: Option<f64>,
    /// The 95 % band `[low, high]` of a dimension score, with norms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub band: Option<[f64; 2]>,
    /// Standard error of measurement, with norms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sem: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SectionResult {
    pub id: String,
    pub title: String,
    pub score: Option<f64>,
    pub target: f64,
    pub gap: Option<f64>,
    pub severity: Severity,
    /// Percentile among the norms' people (0–100), with norms (SPEC §13).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percentile: Option<f64>,
    /// The 95 % band `[low, high]` of a dimension score, with norms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub band: Option<[f64; 2]>,
    /// Standard error of measurement, with norms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sem: Option<f64>,
    pub dimensions: Vec<DimensionResult>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DimensionResult {
    pub id: String,
    pub title: String,
    pub score: Option<f64>,
    pub target: f64,
    pub gap: Option<f64>,
    pub severity: Severity,
    /// Items answered.
    pub answered: usize,
    /// Items in the dimension.
    pub items: usize,
    /// A dimension with `self_rating = "reflect"` in a self-assessment: no
    /// score, target, severity or priority; its answers are a self-review.
    #[serde(default, skip_serializing_if = "is_false")]
    pub reflect: bool,
    /// Percentile among the norms' people (0–100), with norms (SPEC §13).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percentile: Option<f64>,
    /// The 95 % band `[low, high]` of a dimension score, with norms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub band: Option<[f64; 2]>,
    /// Standard error of measurement, with norms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sem: Option<f64>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Priority {
    pub dimension: String,
    pub section: String,
    pub gap: f64,
    /// gap × dimension weight × section weight: the order of priorities.
    pub weighted_gap: f64,
    /// The rubric's development suggestions, in the result's language.
    pub suggestions: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Strength {
    pub dimension: String,
    pub section: String,
    pub score: f64,
}

/// The names of the quality flags (SPEC §5), in the order a result lists them.
pub const QUALITY_FLAGS: [&str; 5] = ["straight_line", "longstring", "reverse_inconsistent", "too_good", "too_fast"];

/// Which results `--exclude-flagged` sets aside (SPEC §7, §14).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum FlagFilter {
    /// Every result counts.
    #[default]
    Keep,
    /// Results with any quality flag are left out.
    AnyFlag,
    /// Results with one of these flags (names of [`QUALITY_FLAGS`]) are left out.
    Flags(Vec<String>),
}

impl FlagFilter {
    /// Whether a result with these flags is left out.
    pub fn excludes(&self, flags: &[String]) -> bool {
        match self {
            FlagFilter::Keep => false,
            FlagFilter::AnyFlag => !flags.is_empty(),
            FlagFilter::Flags(which) => flags.iter().any(|f| which.contains(f)),
        }
    }

    pub fn is_keep(&self) -> bool {
        *self == FlagFilter::Keep
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Quality {
    /// Seconds spent answering; null when not answered interactively.
    pub seconds: Option<f64>,
    /// At least 5 items answered and one value given to 80 % or more of them.
    pub straight_line: bool,
    /// Agreeing with a statement and with its opposite in some dimension.
    pub reverse_inconsistent: bool,
    /// The longest run of one value given to consecutive answered items, in
    /// the order they were asked (revision 2; 0 in older results).
    #[serde(default)]
    pub longstring: usize,
    /// The sample standard deviation of the raw answers; null under two
    /// answers (revision 2).
    #[serde(default)]
    pub irv: Option<f64>,
    /// Names of the signals that hold, in this order: straight_line,
    /// longstring, reverse_inconsistent, too_good, too_fast.
    pub flags: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Previous {
    pub id: String,
    pub taken_at: String,
    /// This result's overall score minus the previous one's.
    pub overall_delta: Option<f64>,
    /// Per dimension, this score minus the previous one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dimensions: Vec<DimensionChange>,
}

/// The change of one dimension since the previous result (SPEC §6, §13).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DimensionChange {
    pub id: String,
    /// This score minus the previous one; null where either is null.
    pub delta: Option<f64>,
    /// With norms: the reliable change index (Jacobson & Truax),
    /// delta / (√2 · sem); null where sem is null or 0. Absent without norms.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "some_or_null")]
    #[schemars(with = "Option<f64>")]
    pub rci: Option<Option<f64>>,
    /// With norms: |rci| ≥ 1.96; null where rci is. Absent without norms.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "some_or_null")]
    #[schemars(with = "Option<bool>")]
    pub reliable: Option<Option<bool>>,
}

/// A field that is present (`Some`), as a value or null (`Some(None)`);
/// absent fields are `None` through `#[serde(default)]`.
fn some_or_null<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

impl ResultDoc {
    /// Set `previous` from the subject's previous result, returning that result.
    pub fn link_previous(&mut self, prev: Option<ResultDoc>) -> Option<ResultDoc> {
        self.previous = prev.as_ref().map(|p| Previous {
            id: p.id.clone(),
            taken_at: p.taken_at.clone(),
            overall_delta: match (self.overall.score, p.overall.score) {
                (Some(a), Some(b)) => Some(a - b),
                _ => None,
            },
            dimensions: self.dimension_changes(p.dimensions().map(|(_, d)| (d.id.as_str(), d.score))),
        });
        prev
    }

    /// Each dimension's change from the previous scores given (id, score):
    /// this score minus the previous one, null where either is null (or the
    /// previous result has no such dimension). No RCI: that needs norms.
    pub fn dimension_changes<'p>(
        &self,
        previous: impl Iterator<Item = (&'p str, Option<f64>)>,
    ) -> Vec<DimensionChange> {
        let before: std::collections::HashMap<&str, Option<f64>> = previous.collect();
        self.dimensions()
            .map(|(_, d)| DimensionChange {
                id: d.id.clone(),
                delta: match (d.score, before.get(d.id.as_str()).copied().flatten()) {
                    (Some(a), Some(b)) => Some(a - b),
                    _ => None,
                },
                rci: None,
                reliable: None,
            })
            .collect()
    }

    /// Every dimension with its section, in rubric order.
    pub fn dimensions(&self) -> impl Iterator<Item = (&SectionResult, &DimensionResult)> {
        self.sections.iter().flat_map(|s| s.dimensions.iter().map(move |d| (s, d)))
    }

    /// What the fingerprint of this result is of, with `taken_at` as the
    /// time given (a stored result does not say whether its time was given).
    pub fn identity(&self) -> Identity<'_> {
        Identity {
            rubric_id: &self.rubric.id,
            rubric_version: &self.rubric.version,
            subject: &self.subject,
            rater: &self.rater,
            session: self.session.as_deref(),
            taken_at_given: Some(&self.taken_at),
        }
    }

    /// The result's fingerprint; for a result without one (made before
    /// revision 2, or with a malformed one), one computed from the result
    /// itself, its `taken_at` taken as given.
    pub fn fingerprint_or_computed(&self) -> Cow<'_, str> {
        if is_fingerprint(&self.fingerprint) {
            return Cow::Borrowed(&self.fingerprint);
        }
        let mut raw: Vec<(&str, Option<i64>)> = self.answers.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        raw.sort_by(|a, b| a.0.cmp(b.0));
        let keys: Vec<(String, Option<i64>)> = raw.iter().map(|(k, v)| (json_string(k), *v)).collect();
        Cow::Owned(self.identity().fingerprint(keys.iter().map(|(k, v)| (k.as_str(), *v))))
    }

    pub fn dimension_title<'a>(&'a self, id: &'a str) -> &'a str {
        self.dimensions().find(|(_, d)| d.id == id).map_or(id, |(_, d)| d.title.as_str())
    }
}

/// What a result's fingerprint is of (SPEC §6): the rubric's id and
/// version, the subject, the rater, the session, the time as the input gave
/// it (None where it gave none: the default "now" is not part of it) and
/// the answers. Not the profile, the targets, the language or the id.
#[derive(Clone, Copy, Debug)]
pub struct Identity<'a> {
    pub rubric_id: &'a str,
    pub rubric_version: &'a str,
    pub subject: &'a Subject,
    pub rater: &'a Rater,
    pub session: Option<&'a str>,
    pub taken_at_given: Option<&'a str>,
}

impl Identity<'_> {
    /// The canonical JSON: keys sorted (by their UTF-8 bytes), no spaces,
    /// strings escaped as serde_json escapes them:
    /// `{"answers":{…},"rater":{"name":…,"role":…},"rubric":{"id":…,"version":…},
    /// "session":…,"subject":{["attributes":{…},]"department":…,"name":…},"taken_at_given":…}`.
    /// `answers` are each item's key as a JSON string and its answer, in
    /// the byte order of the keys (the caller sorts them).
    pub fn canonical<'k>(&self, answers: impl Iterator<Item = (&'k str, Option<i64>)>, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"answers\":{");
        for (n, (key, v)) in answers.enumerate() {
            if n > 0 {
                out.push(b',');
            }
            out.extend_from_slice(key.as_bytes());
            out.push(b':');
            put(out, &v);
        }
        out.extend_from_slice(b"},\"rater\":{\"name\":");
        put(out, &self.rater.name);
        out.extend_from_slice(b",\"role\":");
        put(out, self.rater.role.code());
        out.extend_from_slice(b"},\"rubric\":{\"id\":");
        put(out, self.rubric_id);
        out.extend_from_slice(b",\"version\":");
        put(out, self.rubric_version);
        out.extend_from_slice(b"},\"session\":");
        put(out, &self.session);
        out.extend_from_slice(b",\"subject\":{");
        if !self.subject.attributes.is_empty() {
            let mut attrs: Vec<(&String, &String)> = self.subject.attributes.iter().collect();
            attrs.sort_by(|a, b| a.0.cmp(b.0));
            out.extend_from_slice(b"\"attributes\":{");
            for (n, (k, v)) in attrs.into_iter().enumerate() {
                if n > 0 {
                    out.push(b',');
                }
                put(out, k);
                out.push(b':');
                put(out, v);
            }
            out.extend_from_slice(b"},");
        }
        out.extend_from_slice(b"\"department\":");
        put(out, &self.subject.department);
        out.extend_from_slice(b",\"name\":");
        put(out, &self.subject.name);
        out.extend_from_slice(b"},\"taken_at_given\":");
        put(out, &self.taken_at_given);
        out.push(b'}');
    }

    /// The fingerprint: lowercase hex sha256 of [`Identity::canonical`].
    pub fn fingerprint<'k>(&self, answers: impl Iterator<Item = (&'k str, Option<i64>)>) -> String {
        let mut text = Vec::with_capacity(1024);
        self.canonical(answers, &mut text);
        hex(&Sha256::digest(&text))
    }
}

/// True for a well-formed fingerprint: 64 lowercase hex digits.
pub fn is_fingerprint(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// `s` as a JSON string, quotes included.
pub fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn put<T: Serialize + ?Sized>(out: &mut Vec<u8>, v: &T) {
    // Writing to a Vec cannot fail, and these values always serialize.
    let _ = serde_json::to_writer(&mut *out, v);
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    s
}

/// A sort key for an RFC 3339 time: the instant in UTC with nine fraction
/// digits, so that comparing the strings compares the instants.
pub fn utc_key(rfc3339: &str) -> Option<String> {
    let t = chrono::DateTime::parse_from_rfc3339(rfc3339.trim()).ok()?;
    Some(t.with_timezone(&chrono::Utc).to_rfc3339_opts(chrono::SecondsFormat::Nanos, true))
}

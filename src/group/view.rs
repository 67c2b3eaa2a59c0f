//! A result as a group reads it: borrowed, every field of a result required,
//! those a group does not read not looked into.

use serde::Deserialize;
use serde::de::IgnoredAny;

use crate::cowstr::Text;
use crate::result::{Role, Severity};

/// A result; `P` reads its priorities. A key a result does not have makes
/// it no result, as for [`crate::result::ResultDoc`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Result<'a, P> {
    #[serde(borrow)]
    pub schema: Text<'a>,
    #[allow(dead_code)]
    pub id: IgnoredAny,
    #[allow(dead_code)]
    #[serde(default)]
    pub fingerprint: Option<IgnoredAny>,
    #[serde(borrow)]
    pub rubric: Rubric<'a>,
    #[allow(dead_code)]
    #[serde(default)]
    pub profile: Option<IgnoredAny>,
    #[serde(borrow)]
    pub subject: Subject<'a>,
    #[serde(borrow)]
    pub rater: Rater<'a>,
    #[serde(default, borrow)]
    pub session: Option<Text<'a>>,
    #[serde(borrow)]
    pub taken_at: Text<'a>,
    #[allow(dead_code)]
    pub lang: IgnoredAny,
    pub overall: Standing,
    #[serde(borrow)]
    pub sections: Vec<Section<'a>>,
    pub priorities: P,
    #[allow(dead_code)]
    pub strengths: IgnoredAny,
    #[serde(borrow)]
    pub answers: Answers<'a>,
    #[serde(borrow)]
    pub quality: Quality<'a>,
    #[allow(dead_code)]
    #[serde(default)]
    pub previous: Option<IgnoredAny>,
}

#[derive(Deserialize)]
pub struct Rubric<'a> {
    #[serde(borrow)]
    pub id: Text<'a>,
    #[serde(borrow)]
    pub version: Text<'a>,
    #[allow(dead_code)]
    pub title: IgnoredAny,
    #[allow(dead_code)]
    pub sha256: IgnoredAny,
}

#[derive(Deserialize)]
pub struct Subject<'a> {
    #[serde(borrow)]
    pub name: Text<'a>,
    #[serde(default, borrow)]
    pub department: Option<Text<'a>>,
    /// Extra named values about the subject (SPEC §6), where given.
    #[serde(default)]
    pub attributes: Option<std::collections::BTreeMap<String, String>>,
}

#[derive(Deserialize)]
pub struct Rater<'a> {
    pub role: Role,
    #[serde(default, borrow)]
    pub name: Option<Text<'a>>,
}

#[derive(Deserialize)]
pub struct Standing {
    pub score: Option<f64>,
    #[allow(dead_code)]
    pub target: IgnoredAny,
    pub gap: Option<f64>,
    pub severity: Severity,
}

#[derive(Deserialize)]
pub struct Section<'a> {
    #[serde(borrow)]
    pub id: Text<'a>,
    #[allow(dead_code)]
    pub title: IgnoredAny,
    pub score: Option<f64>,
    #[allow(dead_code)]
    pub target: IgnoredAny,
    pub gap: Option<f64>,
    pub severity: Severity,
    #[serde(borrow)]
    pub dimensions: Vec<Dimension<'a>>,
}

#[derive(Deserialize)]
pub struct Dimension<'a> {
    #[serde(borrow)]
    pub id: Text<'a>,
    #[allow(dead_code)]
    pub title: IgnoredAny,
    pub score: Option<f64>,
    #[allow(dead_code)]
    pub target: IgnoredAny,
    pub gap: Option<f64>,
    pub severity: Severity,
    #[allow(dead_code)]
    pub answered: IgnoredAny,
    #[allow(dead_code)]
    pub items: IgnoredAny,
}

#[derive(Deserialize)]
pub struct Priority<'a> {
    #[serde(borrow)]
    pub dimension: Text<'a>,
    #[allow(dead_code)]
    pub section: IgnoredAny,
    #[allow(dead_code)]
    pub gap: IgnoredAny,
    #[allow(dead_code)]
    pub weighted_gap: IgnoredAny,
    #[serde(borrow)]
    pub suggestions: Vec<Text<'a>>,
}

#[derive(Deserialize)]
pub struct Quality<'a> {
    #[allow(dead_code)]
    #[serde(default)]
    pub seconds: Option<IgnoredAny>,
    #[allow(dead_code)]
    pub straight_line: IgnoredAny,
    #[allow(dead_code)]
    pub reverse_inconsistent: IgnoredAny,
    #[serde(borrow)]
    pub flags: Vec<Text<'a>>,
}

/// The answers in the order written.
pub struct Answers<'a>(pub Vec<(Text<'a>, Option<i64>)>);

impl<'de: 'a, 'a> Deserialize<'de> for Answers<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Answers<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map of answers")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> std::result::Result<Answers<'de>, A::Error> {
                let mut out = Vec::with_capacity(a.size_hint().unwrap_or(48));
                while let Some(pair) = a.next_entry::<Text<'de>, Option<i64>>()? {
                    out.push(pair);
                }
                Ok(Answers(out))
            }
        }
        d.deserialize_map(V)
    }
}

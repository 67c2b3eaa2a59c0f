//! The quick reading of a JSON answers document: strings borrowed where
//! they have no escape, answers as they come, anything unusual an error.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use crate::response::{ItemIndex, Respondent};
use crate::result::{self, Role};
use crate::rubric::Rubric;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Doc<'a> {
    #[serde(default, borrow)]
    pub rubric: Option<Text<'a>>,
    #[serde(default, borrow)]
    pub session: Option<Text<'a>>,
    #[serde(default, borrow)]
    pub taken_at: Option<Text<'a>>,
    #[serde(default)]
    pub seconds: Option<f64>,
    #[serde(borrow)]
    pub subject: Subject<'a>,
    #[serde(default, borrow)]
    pub rater: Rater<'a>,
    #[serde(default, borrow)]
    pub answers: Answers<'a>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subject<'a> {
    #[serde(borrow)]
    pub name: Text<'a>,
    #[serde(default, borrow)]
    pub department: Option<Text<'a>>,
    #[serde(default, borrow)]
    pub attributes: Pairs<'a>,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rater<'a> {
    #[serde(default, borrow)]
    pub role: Option<Text<'a>>,
    #[serde(default, borrow)]
    pub name: Option<Text<'a>>,
}

pub use crate::cowstr::Text;

/// An answer: a whole number (range checked later) or skipped.
pub enum Answer {
    Value(i64),
    Skip,
}

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Answer;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an answer")
            }
            fn visit_i64<E>(self, v: i64) -> Result<Answer, E> {
                Ok(Answer::Value(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Answer, E> {
                i64::try_from(v).map(Answer::Value).map_err(|_| E::custom("too large"))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Answer, E> {
                if super::is_skip(v) { Ok(Answer::Skip) } else { Err(E::custom("not an answer")) }
            }
            fn visit_unit<E>(self) -> Result<Answer, E> {
                Ok(Answer::Skip)
            }
        }
        d.deserialize_any(V)
    }
}

/// The answers in the order written, repeats and all.
#[derive(Default)]
pub struct Answers<'a>(pub Vec<(Text<'a>, Answer)>);

impl<'de: 'a, 'a> Deserialize<'de> for Answers<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Answers<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table of answers")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Answers<'de>, A::Error> {
                let mut out = Vec::with_capacity(a.size_hint().unwrap_or(48));
                while let Some(pair) = a.next_entry::<Text<'de>, Answer>()? {
                    out.push(pair);
                }
                Ok(Answers(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// Text values by name, in the order written, repeats and all.
#[derive(Default)]
pub struct Pairs<'a>(pub Vec<(Text<'a>, Text<'a>)>);

impl<'de: 'a, 'a> Deserialize<'de> for Pairs<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Pairs<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table of texts")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Pairs<'de>, A::Error> {
                let mut out = Vec::new();
                while let Some(pair) = a.next_entry::<Text<'de>, Text<'de>>()? {
                    out.push(pair);
                }
                Ok(Pairs(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// A line read the quick way: None for anything the careful reading must see.
pub(super) fn read(text: &str, r: &Rubric, index: &ItemIndex<'_>) -> Option<Respondent> {
    let doc: Doc<'_> = serde_json::from_str(text).ok()?;
    if doc.rubric.as_ref().is_some_and(|id| *id.0 != r.id) {
        return None;
    }
    let name = doc.subject.name.0.trim();
    if name.is_empty() {
        return None;
    }
    // A control or bidi character anywhere is for the careful reading to place.
    let texts =
        [Some(&doc.subject.name), doc.subject.department.as_ref(), doc.session.as_ref(), doc.rater.name.as_ref()];
    if texts.into_iter().flatten().any(|t| crate::textsafe::first_unsafe(&t.0).is_some()) {
        return None;
    }
    let role = match &doc.rater.role {
        None => Role::SelfRating,
        Some(s) => Role::parse(&s.0)?,
    };
    let rater_name = doc.rater.name.map(|n| n.0).filter(|n| !n.trim().is_empty());
    if role == Role::SelfRating && rater_name.is_some() {
        return None;
    }
    if let Some(ts) = &doc.taken_at
        && chrono::DateTime::parse_from_rfc3339(&ts.0).is_err()
    {
        return None;
    }
    let (min, max) = (r.scale.min, r.scale.max);
    let n = index.len();
    let mut values = vec![None; n];
    let mut seen = vec![false; n];
    for (k, (id, cell)) in doc.answers.0.iter().enumerate() {
        let place = index.find(&id.0, k)?;
        if std::mem::replace(&mut seen[place], true) {
            return None; // the same item twice
        }
        values[place] = match cell {
            Answer::Value(v) if (min..=max).contains(v) => Some(*v),
            Answer::Skip if r.scale.allow_skip => None,
            _ => return None,
        };
    }
    if !r.scale.allow_skip && seen.contains(&false) {
        return None;
    }
    let seconds = doc.seconds;
    if seconds.is_some_and(|s| !(s.is_finite() && s >= 0.0)) {
        return None; // for the careful reading to place
    }
    let attrs = doc.subject.attributes.0;
    let mut keys: Vec<&str> = attrs.iter().map(|(k, _)| &*k.0).collect();
    keys.sort_unstable();
    if keys.windows(2).any(|w| w[0] == w[1]) {
        return None; // the same attribute twice
    }
    if attrs
        .iter()
        .any(|(k, v)| crate::textsafe::first_unsafe(&k.0).is_some() || crate::textsafe::first_unsafe(&v.0).is_some())
    {
        return None; // for the careful reading to place
    }
    drop(keys);
    let attributes = super::attributes(attrs.into_iter().map(|(k, v)| (k.0.into_owned(), v.0.into_owned())));
    let text = |t: Option<Text<'_>>| t.map(|t| t.0.into_owned()).filter(|s| !s.trim().is_empty());
    Some(Respondent {
        subject: result::Subject { name: name.to_string(), department: text(doc.subject.department), attributes },
        rater: result::Rater { role, name: rater_name.map(std::borrow::Cow::into_owned) },
        session: text(doc.session),
        taken_at: doc.taken_at.map(|t| t.0.into_owned()),
        values,
        seconds,
    })
}

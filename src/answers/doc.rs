//! The answers format: the document as written (its JSON schema too), one
//! answer before it is checked, and the kinds of answers file.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::Deserialize;

/// One respondent's answers, as written in an answers file.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
#[schemars(title = "zhixing answers")]
pub struct AnswersDoc {
    /// Id of the rubric these answers are for; must match the rubric used.
    #[serde(default)]
    pub rubric: Option<String>,
    /// Group session, such as a training class.
    #[serde(default)]
    pub session: Option<String>,
    /// When the answers were given, RFC 3339; default now.
    #[serde(default)]
    pub taken_at: Option<String>,
    /// Seconds spent answering (feeds the too_fast quality flag), 0 or more.
    #[serde(default)]
    #[schemars(range(min = 0))]
    pub seconds: Option<f64>,
    /// Who is assessed.
    pub subject: SubjectIn,
    /// Who answers; default self.
    #[serde(default)]
    pub rater: RaterIn,
    /// Item id → answer: an integer on the scale, or "skip" (also null in
    /// JSON). An item left out is skipped.
    #[serde(default)]
    pub answers: IndexMap<String, Cell>,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct SubjectIn {
    /// Name of the person assessed.
    pub name: String,
    #[serde(default)]
    pub department: Option<String>,
    /// Extra named values about the subject, such as 职级 = "科员": text
    /// values, kept in the order written (`[subject.attributes]`).
    #[serde(default)]
    pub attributes: IndexMap<String, String>,
}

#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RaterIn {
    /// self | supervisor | peer | subordinate | other; default self.
    #[serde(default)]
    pub role: Option<String>,
    /// Name of the rater; only for a role other than self.
    #[serde(default)]
    pub name: Option<String>,
}

/// One answer as written, before it is checked against the scale.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Int(i64),
    Float(f64),
    Str(String),
    Bool(bool),
    Null,
    Other,
}

impl JsonSchema for Cell {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Answer".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An integer on the rubric's scale, or \"skip\" (null in JSON) where the rubric allows skipping.",
            "anyOf": [{ "type": "integer" }, { "const": "skip" }, { "type": "null" }]
        })
    }
}

impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Cell;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an answer")
            }
            fn visit_i64<E>(self, v: i64) -> Result<Cell, E> {
                Ok(Cell::Int(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Cell, E> {
                Ok(i64::try_from(v).map_or(Cell::Float(v as f64), Cell::Int))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Cell, E> {
                Ok(Cell::Float(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Cell, E> {
                Ok(Cell::Str(v.to_string()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Cell, E> {
                Ok(Cell::Bool(v))
            }
            fn visit_unit<E>(self) -> Result<Cell, E> {
                Ok(Cell::Null)
            }
            fn visit_none<E>(self) -> Result<Cell, E> {
                Ok(Cell::Null)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut a: A) -> Result<Cell, A::Error> {
                // Read as cells, not ignored: a wrapper that reports ignored
                // keys would name each element as an unknown key.
                while a.next_element::<Cell>()?.is_some() {}
                Ok(Cell::Other)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> Result<Cell, A::Error> {
                while a.next_entry::<Cell, Cell>()?.is_some() {}
                Ok(Cell::Other)
            }
        }
        d.deserialize_any(V)
    }
}

/// The kind of an answers file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Toml,
    Json,
    JsonLines,
}

impl Kind {
    /// By file extension; None for one zhixing does not read as answers.
    pub fn from_path(path: &str) -> Option<Kind> {
        let ext = std::path::Path::new(path).extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "toml" => Some(Kind::Toml),
            "json" => Some(Kind::Json),
            "jsonl" | "ndjson" => Some(Kind::JsonLines),
            _ => None,
        }
    }

    /// Guess from the text, for stdin.
    pub fn sniff(text: &str) -> Kind {
        let trimmed = text.trim_start_matches('\u{feff}').trim();
        if !trimmed.starts_with('{') {
            return Kind::Toml;
        }
        // Counted, not collected: stdin may hold millions of lines.
        let mut lines = 0usize;
        let all = trimmed.lines().map(str::trim).filter(|l| !l.is_empty()).all(|l| {
            lines += 1;
            l.starts_with('{') && l.ends_with('}')
        });
        if lines > 1 && all { Kind::JsonLines } else { Kind::Json }
    }
}

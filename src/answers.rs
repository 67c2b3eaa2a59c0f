//! Answers files (SPEC §4): one respondent as TOML or JSON, many as JSON
//! Lines. Every problem of every record is collected with its place.

use std::ops::Range;

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::diag::Diagnostic;
use crate::lang::Lang;
use crate::locate::{JsonLocator, Locate, Seg, TomlLocator};
use crate::path;
use crate::response::{ItemIndex, Respondent, Response};
use crate::result::{Rater, Role, Subject};
use crate::rubric::Rubric;

/// A path as an array, for arguments that borrow a slice (`path!` builds a Vec).
macro_rules! segs {
    ($($seg:expr),* $(,)?) => { [$(crate::locate::Seg::from($seg)),*] };
}

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
        let lines: Vec<&str> = trimmed.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        if lines.len() > 1 && lines.iter().all(|l| l.starts_with('{') && l.ends_with('}')) {
            Kind::JsonLines
        } else {
            Kind::Json
        }
    }
}

/// One record of an answers file: a response, or its problems.
#[derive(Debug)]
pub struct Record {
    /// 1-based line where the record starts.
    pub line: usize,
    pub outcome: Result<Response, Vec<Diagnostic>>,
}

/// Read every record of an answers file and check it against the rubric.
/// Batches are read a line at a time with [`Checker`]; this reads a whole text.
pub fn parse(text: &str, kind: Kind, rubric: &Rubric, lang: Lang) -> Vec<Record> {
    let checker = Checker::new(rubric, lang);
    let record = |line, outcome: Result<Respondent, Vec<Diagnostic>>| Record {
        line,
        outcome: outcome.map(|r| r.into_response(&checker.index)),
    };
    match kind {
        Kind::Toml | Kind::Json => vec![record(1, checker.document(text, kind))],
        Kind::JsonLines => {
            let text_nobom = text.strip_prefix('\u{feff}').unwrap_or(text);
            let bom = text.len() - text_nobom.len();
            let mut out = Vec::new();
            let mut offset = bom;
            for (i, line) in text_nobom.split_inclusive('\n').enumerate() {
                let body = line.trim_end_matches(['\n', '\r']);
                if !body.trim().is_empty() {
                    out.push(record(i + 1, checker.line(body).map_err(|d| shift(d, offset))));
                }
                offset += line.len();
            }
            if out.is_empty() {
                out.push(Record { line: 1, outcome: Err(vec![no_answers(lang)]) });
            }
            out
        }
    }
}

/// A JSON Lines file with no record in it.
pub fn no_answers(lang: Lang) -> Diagnostic {
    Diagnostic::error(lang.pick("文件中没有任何答卷", "the file holds no answers"))
        .help(lang.pick("每行写一份 JSON 答卷", "write one JSON answers document a line"))
}

/// Checks answers against one rubric, its items' places worked out once.
/// A line of JSON Lines is first read the quick way (borrowed strings, item
/// places found without hashing where the answers come in rubric order);
/// anything unusual, good or bad, is read again the careful way, which finds
/// and places every problem.
pub struct Checker<'r> {
    rubric: &'r Rubric,
    pub index: ItemIndex<'r>,
    lang: Lang,
}

impl<'r> Checker<'r> {
    pub fn new(rubric: &'r Rubric, lang: Lang) -> Self {
        Checker { rubric, index: ItemIndex::new(rubric), lang }
    }

    pub fn rubric(&self) -> &'r Rubric {
        self.rubric
    }

    /// A whole TOML or JSON answers file (one respondent), byte-order mark
    /// and all; spans are in `text`.
    pub fn document(&self, text: &str, kind: Kind) -> Result<Respondent, Vec<Diagnostic>> {
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        let bom = text.len() - body.len();
        let outcome = match kind {
            Kind::Toml => parse_toml(body, self.rubric, &self.index, self.lang),
            Kind::Json | Kind::JsonLines => parse_json(body, self.rubric, &self.index, self.lang),
        };
        outcome.map_err(|d| shift(d, bom))
    }

    /// One line of JSON Lines (without its line break); spans are in `text`.
    pub fn line(&self, text: &str) -> Result<Respondent, Vec<Diagnostic>> {
        if let Some(r) = self.quick(text) {
            return Ok(r);
        }
        parse_json(text, self.rubric, &self.index, self.lang)
    }

    /// The common case, fast: None for anything the careful reading must see.
    fn quick(&self, text: &str) -> Option<Respondent> {
        let doc: quick::Doc<'_> = serde_json::from_str(text).ok()?;
        let r = self.rubric;
        if doc.rubric.as_ref().is_some_and(|id| *id.0 != r.id) {
            return None;
        }
        let name = doc.subject.name.0.trim();
        if name.is_empty() {
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
        let n = self.index.len();
        let mut values = vec![None; n];
        let mut seen = vec![false; n];
        for (k, (id, cell)) in doc.answers.0.iter().enumerate() {
            let place = self.index.find(&id.0, k)?;
            if std::mem::replace(&mut seen[place], true) {
                return None; // the same item twice
            }
            values[place] = match cell {
                quick::Answer::Value(v) if (min..=max).contains(v) => Some(*v),
                quick::Answer::Skip if r.scale.allow_skip => None,
                _ => return None,
            };
        }
        if !r.scale.allow_skip && seen.contains(&false) {
            return None;
        }
        let text = |t: Option<quick::Text<'_>>| t.map(|t| t.0.into_owned()).filter(|s| !s.trim().is_empty());
        Some(Respondent {
            subject: Subject { name: name.to_string(), department: text(doc.subject.department) },
            rater: Rater { role, name: rater_name.map(std::borrow::Cow::into_owned) },
            session: text(doc.session),
            taken_at: doc.taken_at.map(|t| t.0.into_owned()),
            values,
            seconds: None,
        })
    }
}

/// The quick reading of a JSON answers document: strings borrowed where
/// they have no escape, answers as they come, anything unusual an error.
pub(crate) mod quick {
    use std::fmt;

    use serde::Deserialize;
    use serde::de::{self, Deserializer, MapAccess, Visitor};

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Doc<'a> {
        #[serde(default, borrow)]
        pub rubric: Option<Text<'a>>,
        #[serde(default, borrow)]
        pub session: Option<Text<'a>>,
        #[serde(default, borrow)]
        pub taken_at: Option<Text<'a>>,
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
}

/// Move spans right by `by` bytes (past a byte-order mark, or to a line's
/// place in its file).
pub fn shift(mut diags: Vec<Diagnostic>, by: usize) -> Vec<Diagnostic> {
    let mv = |r: &mut Range<usize>| *r = r.start + by..r.end + by;
    for d in &mut diags {
        if let Some(s) = d.span.as_mut() {
            mv(s);
        }
        if let Some((s, _)) = d.related.as_mut() {
            mv(s);
        }
    }
    diags
}

fn parse_toml(text: &str, rubric: &Rubric, index: &ItemIndex<'_>, lang: Lang) -> Result<Respondent, Vec<Diagnostic>> {
    let syntax =
        crate::rubric::syntax_errors(text, lang, lang.pick("按 TOML 语法改正此处", "correct the TOML syntax here"));
    if !syntax.is_empty() {
        return Err(syntax);
    }
    let loc = TomlLocator::new(text);
    let mut unknown = Vec::new();
    let doc: Result<AnswersDoc, toml::de::Error> = match toml::de::Deserializer::parse(text) {
        Ok(de) => serde_ignored::deserialize(de, |p| unknown.push(p.to_string())),
        Err(e) => Err(e),
    };
    let mut diags: Vec<Diagnostic> = unknown.iter().map(|p| unknown_key(&loc, p, lang)).collect();
    match doc {
        Ok(doc) => check(doc, &loc, rubric, index, lang, diags),
        Err(e) => {
            diags.push(shape_error(e.message(), e.span(), lang));
            Err(diags)
        }
    }
}

fn parse_json(text: &str, rubric: &Rubric, index: &ItemIndex<'_>, lang: Lang) -> Result<Respondent, Vec<Diagnostic>> {
    let loc = JsonLocator::new(text);
    let mut unknown = Vec::new();
    let mut de = serde_json::Deserializer::from_str(text);
    let doc: Result<AnswersDoc, serde_json::Error> =
        serde_ignored::deserialize(&mut de, |p| unknown.push(p.to_string())).and_then(|d| de.end().map(|()| d));
    let mut diags: Vec<Diagnostic> = unknown.iter().map(|p| unknown_key(&loc, p, lang)).collect();
    match doc {
        Ok(doc) => check(doc, &loc, rubric, index, lang, diags),
        Err(e) => {
            let at = offset_of(text, e.line(), e.column());
            let msg = e.to_string();
            // serde_json appends " at line L column C": the place is shown anyway.
            let msg = msg.rsplit_once(" at line ").map_or(msg.as_str(), |(m, _)| m).to_string();
            if e.is_syntax() || e.is_eof() {
                diags.push(json_syntax_error(text, &msg, at, lang));
            } else {
                diags.push(shape_error(&msg, at.map(|a| a..a + 1), lang));
            }
            Err(diags)
        }
    }
}

fn json_syntax_error(text: &str, msg: &str, at: Option<usize>, lang: Lang) -> Diagnostic {
    let mut d = Diagnostic::error(format!("{}{msg}", lang.pick("JSON 语法错误：", "JSON syntax error: ")));
    match at {
        // serde_json stops at the token after a missing comma or bracket,
        // often on the next line; the comma belongs after the previous value.
        Some(a) if msg.starts_with("expected `,` or") => {
            let mut cut = a.min(text.len());
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            let prev = text[..cut].trim_end().len();
            let close = msg.rsplit('`').nth(1).unwrap_or("}");
            d = d.at(Some(prev.saturating_sub(1)..prev)).label(match lang {
                Lang::Zh => format!("此后缺少 `,` 或 `{close}`"),
                Lang::En => format!("`,` or `{close}` missing after this"),
            });
        }
        Some(a) => d = d.at(Some(a..a + 1)),
        None => {}
    }
    d.help(lang.pick(
        "按 JSON 语法改正此处（键和字符串加双引号，各项之间用逗号）",
        "correct the JSON syntax here (keys and strings in double quotes, a comma between entries)",
    ))
}

/// Byte offset of a 1-based line and column (serde_json counts columns in bytes).
fn offset_of(text: &str, line: usize, col: usize) -> Option<usize> {
    if line == 0 {
        return None;
    }
    let start: usize = text.split_inclusive('\n').take(line - 1).map(str::len).sum();
    Some((start + col.saturating_sub(1)).min(text.len().saturating_sub(1)))
}

fn unknown_key(loc: &dyn Locate, dotted: &str, lang: Lang) -> Diagnostic {
    let path: Vec<Seg> = dotted.split('.').map(|k| Seg::Key(k.to_string())).collect();
    Diagnostic::error(match lang {
        Lang::Zh => format!("未知的键 `{dotted}`"),
        Lang::En => format!("unknown key `{dotted}`"),
    })
    .at(loc.key(&path).or_else(|| loc.nearest(&path)))
    .label(lang.pick("答卷格式中没有这个键", "not a key of the answers format"))
    .help(match dotted.split('.').next() {
        Some("subject") if path.len() > 1 => {
            lang.pick("[subject] 下可用的键：name、department", "keys of [subject]: name, department")
        }
        Some("rater") if path.len() > 1 => lang.pick("[rater] 下可用的键：role、name", "keys of [rater]: role, name"),
        _ => lang.pick(
            "允许的键：rubric、session、taken_at、[subject]、[rater]、[answers]；作答写在 [answers] 下",
            "allowed keys: rubric, session, taken_at, [subject], [rater], [answers]; answers go under [answers]",
        ),
    })
}

fn shape_error(msg: &str, span: Option<Range<usize>>, lang: Lang) -> Diagnostic {
    let msg = msg.trim();
    let (message, help) = if msg.contains("missing field `subject`") {
        (
            lang.pick("答卷缺少 [subject]（被评价人）", "the answers have no [subject] (the person assessed)")
                .to_string(),
            lang.pick("加上 [subject] 和 name = \"姓名\"", "add [subject] with name = \"…\""),
        )
    } else if msg.contains("missing field `name`") {
        (
            lang.pick("[subject] 缺少被评价人的 name", "[subject] has no name").to_string(),
            lang.pick("在 [subject] 下写上 name = \"姓名\"", "add name = \"…\" under [subject]"),
        )
    } else {
        (
            crate::rubric::serde_message(msg, lang),
            lang.pick(
                "按答卷格式改正（见 `zhixing schema answers`）",
                "correct it to the answers format (see `zhixing schema answers`)",
            ),
        )
    };
    Diagnostic::error(message).at(span).help(help)
}

/// Check a parsed answers document against the rubric: every problem at once.
fn check(
    doc: AnswersDoc,
    loc: &dyn Locate,
    rubric: &Rubric,
    index: &ItemIndex<'_>,
    lang: Lang,
    mut diags: Vec<Diagnostic>,
) -> Result<Respondent, Vec<Diagnostic>> {
    let t = |zh: String, en: String| if lang == Lang::Zh { zh } else { en };
    let at = |p: Vec<Seg>| loc.value(&p).or_else(|| loc.nearest(&p));

    if let Some(id) = &doc.rubric
        && id != &rubric.id
    {
        diags.push(
            Diagnostic::error(t(
                format!("答卷是为量表 \"{id}\" 填写的，当前量表是 \"{}\"", rubric.id),
                format!("these answers are for rubric \"{id}\", but the rubric used is \"{}\"", rubric.id),
            ))
            .at(at(path!["rubric"]))
            .label(lang.pick("量表不符", "rubric mismatch"))
            .help(t(
                format!("用 --rubric {id} 评分，或改正此处"),
                format!("score with --rubric {id}, or correct this"),
            )),
        );
    }
    if doc.subject.name.trim().is_empty() {
        diags.push(
            Diagnostic::error(lang.pick("姓名为空", "the subject's name is empty"))
                .at(at(path!["subject", "name"]))
                .help(lang.pick("写上被评价人的姓名", "give the name of the person assessed")),
        );
    }
    let role = match doc.rater.role.as_deref() {
        None => Role::SelfRating,
        Some(s) => Role::parse(s).unwrap_or_else(|| {
            diags.push(
                Diagnostic::error(t(format!("未知的评价人角色 \"{s}\""), format!("unknown rater role \"{s}\"")))
                    .at(at(path!["rater", "role"]))
                    .help(lang.pick(
                        "可用的角色：self、supervisor、peer、subordinate、other",
                        "roles are self, supervisor, peer, subordinate, other",
                    )),
            );
            Role::SelfRating
        }),
    };
    let rater_name = doc.rater.name.filter(|n| !n.trim().is_empty());
    if role == Role::SelfRating && rater_name.is_some() {
        diags.push(
            Diagnostic::error(lang.pick("自评不需要评价人姓名", "a self-assessment has no rater name"))
                .at(at(path!["rater", "name"]))
                .help(lang.pick(
                    "删去 rater.name，或把 rater.role 设为 supervisor、peer、subordinate 或 other",
                    "remove rater.name, or set rater.role to supervisor, peer, subordinate or other",
                )),
        );
    }
    if let Some(ts) = &doc.taken_at
        && chrono::DateTime::parse_from_rfc3339(ts).is_err()
    {
        diags.push(
            Diagnostic::error(t(
                format!("时间 \"{ts}\" 不是 RFC 3339 格式"),
                format!("taken_at \"{ts}\" is not an RFC 3339 time"),
            ))
            .at(at(path!["taken_at"]))
            .help(lang.pick("例如 \"2026-11-28T09:30:00+08:00\"", "for example \"2026-11-28T09:30:00+08:00\"")),
        );
    }

    let (min, max) = (rubric.scale.min, rubric.scale.max);
    let mut values = vec![None; index.len()];
    for (k, (id, cell)) in doc.answers.iter().enumerate() {
        let vpath = path!["answers", id.as_str()];
        let Some(place) = index.find(id, k) else {
            diags.push(
                Diagnostic::error(t(
                    format!("量表 \"{}\" 中没有条目 \"{id}\"", rubric.id),
                    format!("rubric \"{}\" has no item \"{id}\"", rubric.id),
                ))
                .at(loc.key(&vpath).or_else(|| at(vpath.clone())))
                .label(lang.pick("未知条目", "unknown item"))
                .help(t(
                    format!("`zhixing rubric template --rubric {}` 列出全部条目标识", rubric.id),
                    format!("`zhixing rubric template --rubric {}` lists every item id", rubric.id),
                )),
            );
            continue;
        };
        let value = match cell {
            Cell::Int(v) if (min..=max).contains(v) => Some(*v),
            Cell::Null => None,
            Cell::Str(s) if is_skip(s) => None,
            other => {
                let shown = match other {
                    Cell::Int(v) => v.to_string(),
                    Cell::Float(v) => v.to_string(),
                    Cell::Str(s) => format!("\"{s}\""),
                    Cell::Bool(b) => b.to_string(),
                    _ => String::new(),
                };
                let message = match other {
                    Cell::Other => t(
                        format!("\"{id}\" 的作答是表或数组，不是整数"),
                        format!("the answer to \"{id}\" is a table or array, not a whole number"),
                    ),
                    Cell::Int(_) => t(
                        format!("\"{id}\" 的作答 {shown} 超出量表范围 {min} 到 {max}"),
                        format!("answer {shown} to \"{id}\" is outside the scale {min} to {max}"),
                    ),
                    _ => t(
                        format!("\"{id}\" 的作答 {shown} 不是整数"),
                        format!("answer {shown} to \"{id}\" is not a whole number"),
                    ),
                };
                let skip = if rubric.scale.allow_skip {
                    lang.pick("，或写 \"skip\" 表示不适用", ", or \"skip\" for not applicable")
                } else {
                    ""
                };
                diags.push(
                    Diagnostic::error(message)
                        .at(at(vpath))
                        .label(t(
                            format!("应为 {min} 到 {max} 的整数"),
                            format!("expected a whole number from {min} to {max}"),
                        ))
                        .help(t(
                            format!("写 {min} 到 {max} 之间的整数{skip}"),
                            format!("write a whole number from {min} to {max}{skip}"),
                        )),
                );
                continue;
            }
        };
        if value.is_none() && !rubric.scale.allow_skip {
            diags.push(
                Diagnostic::error(t(format!("条目 \"{id}\" 不能跳过"), format!("item \"{id}\" cannot be skipped")))
                    .at(at(vpath))
                    .help(t(
                        format!("此量表不允许跳过：写 {min} 到 {max} 的整数"),
                        format!("this rubric does not allow skipping: write a whole number from {min} to {max}"),
                    )),
            );
            continue;
        }
        values[place] = value;
    }
    if !rubric.scale.allow_skip {
        let missing: Vec<&str> =
            rubric.items().map(|(_, _, i)| i.id.as_str()).filter(|id| !doc.answers.contains_key(*id)).collect();
        if !missing.is_empty() {
            let list = missing.join(", ");
            diags.push(
                Diagnostic::error(t(
                    format!("有 {} 个条目未作答：{list}", missing.len()),
                    format!("{} item(s) not answered: {list}", missing.len()),
                ))
                .at(loc.key(&segs!["answers"]).or_else(|| loc.nearest(&segs!["answers"])))
                .help(
                    lang.pick(
                        "此量表不允许跳过：为每个条目作答",
                        "this rubric does not allow skipping: answer every item",
                    ),
                ),
            );
        }
    }
    if diags.iter().any(Diagnostic::is_error) {
        diags.sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
        return Err(diags);
    }
    Ok(Respondent {
        subject: Subject {
            name: doc.subject.name.trim().to_string(),
            department: doc.subject.department.filter(|d| !d.trim().is_empty()),
        },
        rater: Rater { role, name: rater_name },
        session: doc.session.filter(|s| !s.trim().is_empty()),
        taken_at: doc.taken_at,
        values,
        seconds: None,
    })
}

/// Words that mean "skipped" in an answers file or a form cell.
pub fn is_skip(s: &str) -> bool {
    let s = s.trim();
    s.is_empty() || ["skip", "n/a", "na", "不适用", "跳过"].iter().any(|w| s.eq_ignore_ascii_case(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric;

    fn core() -> Rubric {
        rubric::load_builtin(rubric::builtin("core").unwrap(), Lang::En).unwrap().rubric
    }

    #[test]
    fn toml_answers_read() {
        let text = "rubric = \"core\"\n[subject]\nname = \"张三\"\n[answers]\n\"learning.passive\" = 4\n";
        let recs = parse(text, Kind::Toml, &core(), Lang::En);
        let r = recs[0].outcome.as_ref().unwrap();
        assert_eq!(r.subject.name, "张三");
        assert_eq!(r.answers["learning.passive"], Some(4));
    }

    #[test]
    fn every_problem_of_a_file_at_once() {
        let text = "rubric = \"office\"\ntaken_at = \"yesterday\"\n[subject]\nname = \"\"\n[rater]\nrole = \"boss\"\n[answers]\n\"nope\" = 3\n\"learning.passive\" = 9\n\"learning.passive2\" = \"x\"\n";
        let recs = parse(text, Kind::Toml, &core(), Lang::En);
        let diags = recs[0].outcome.as_ref().unwrap_err();
        assert_eq!(diags.len(), 7, "{diags:#?}");
        let lines: Vec<usize> =
            diags.iter().map(|d| crate::diag::line_col(text, d.span.clone().unwrap().start).0).collect();
        assert_eq!(lines, [1, 2, 4, 6, 8, 9, 10]);
    }

    #[test]
    fn jsonl_positions_are_file_lines() {
        let text = "{\"subject\":{\"name\":\"a\"},\"answers\":{\"learning.passive\":2}}\n\n{\"subject\":{\"name\":\"b\"},\"answers\":{\"learning.passive\":7}}\n";
        let recs = parse(text, Kind::JsonLines, &core(), Lang::En);
        assert_eq!(recs.len(), 2);
        assert!(recs[0].outcome.is_ok());
        assert_eq!(recs[1].line, 3);
        let d = &recs[1].outcome.as_ref().unwrap_err()[0];
        let span = d.span.clone().unwrap();
        assert_eq!(&text[span.clone()], "7");
        assert_eq!(crate::diag::line_col(text, span.start).0, 3);
    }

    #[test]
    fn a_missing_json_comma_is_marked_after_the_value() {
        let text = "{\n  \"subject\": {\"name\": \"a\"}\n  \"answers\": {}\n}\n";
        let recs = parse(text, Kind::Json, &core(), Lang::En);
        let d = &recs[0].outcome.as_ref().unwrap_err()[0];
        let span = d.span.clone().unwrap();
        assert_eq!(&text[span.clone()], "}", "{d:?}");
        assert_eq!(crate::diag::line_col(text, span.start).0, 2);
    }

    #[test]
    fn an_array_answer_is_one_problem_not_unknown_keys() {
        let text = "[subject]\nname = \"a\"\n[answers]\n\"learning.passive\" = [2, 3]\n";
        let recs = parse(text, Kind::Toml, &core(), Lang::En);
        let diags = recs[0].outcome.as_ref().unwrap_err();
        assert_eq!(diags.len(), 1, "{diags:#?}");
        assert!(diags[0].message.contains("table or array"), "{diags:#?}");
    }

    /// The quick reading takes a line only where the careful one takes it
    /// too, and then reads the same.
    #[test]
    fn the_quick_reading_agrees_with_the_careful_one() {
        let r = core();
        let checker = Checker::new(&r, Lang::En);
        let base = r#"{"rubric":"core","session":"s","taken_at":"2026-11-28T09:30:00+08:00","subject":{"name":"张三","department":"秘书处"},"rater":{"role":"peer","name":"李四"},"answers":{"learning.routine":4,"learning.passive":"skip","ability.planning":null}}"#;
        let lines = [
            base.to_string(),
            base.replace("张三", r"\u5f20\u4e09"),
            base.replace(r#""张三""#, r#""  张三 ""#),
            base.replace(r#""秘书处""#, r#""  ""#),
            base.replace(r#""s""#, r#""""#),
            base.replace(":4,", ":4.0,"),
            base.replace(":4,", ":9,"),
            base.replace(":4,", ":-1,"),
            base.replace(":4,", ":18446744073709551615,"),
            base.replace(":4,", r#":"4","#),
            base.replace(":4,", ":true,"),
            base.replace(":4,", ":[4],"),
            base.replace(r#""skip""#, r#""不适用""#),
            base.replace(r#""skip""#, r#""maybe""#),
            base.replace(r#""learning.passive""#, r#""learning.routine""#),
            base.replace(r#""learning.passive""#, r#""nope""#),
            base.replace(r#""peer""#, r#""self""#),
            base.replace(r#""peer""#, r#""同事""#),
            base.replace(r#""peer""#, r#""boss""#),
            base.replace(r#""core""#, r#""office""#),
            base.replace("2026-11-28T09:30:00+08:00", "yesterday"),
            base.replace(r#""session""#, r#""sesion""#),
            base.replace(r#""department""#, r#""dept""#),
            base.replace(r#","rater":{"role":"peer","name":"李四"}"#, ""),
            base.replace(r#""name":"张三","#, ""),
            base.replace(r#""张三""#, r#""""#),
            base.replace("}}", "}} x"),
            base.replace(r#""answers":{"#, r#""answers":{"learning.exploring":2,"#),
            base.replace(r#"{"learning.routine":4,"#, "{"),
            "{}".to_string(),
            "[]".to_string(),
        ];
        for line in &lines {
            let careful = parse_json(line, &r, &checker.index, Lang::En);
            if let Some(quick) = checker.quick(line) {
                assert_eq!(Ok(&quick), careful.as_ref(), "{line}");
            }
            assert_eq!(checker.line(line), careful, "{line}");
        }
        // The common lines do go the quick way.
        assert!(checker.quick(&lines[0]).is_some() && checker.quick(&lines[1]).is_some());
    }

    #[test]
    fn sniffing() {
        assert_eq!(Kind::sniff("[subject]\nname='a'"), Kind::Toml);
        assert_eq!(Kind::sniff("{\n \"subject\": {}\n}"), Kind::Json);
        assert_eq!(Kind::sniff("{\"a\":1}\n{\"a\":2}\n"), Kind::JsonLines);
    }

    proptest::proptest! {
        #[test]
        fn no_input_panics_the_answers_reader(text in "[\\[\\]{}\",:= a-z0-9.\n学习-]{0,200}") {
            let rubric = core();
            for kind in [Kind::Toml, Kind::Json, Kind::JsonLines] {
                for rec in parse(&text, kind, &rubric, Lang::Zh) {
                    if let Err(diags) = rec.outcome {
                        let _ = crate::diag::render("fuzz", &text, &diags, Lang::Zh);
                    }
                }
            }
            let _ = crate::resultfile::parse(&text, false, Lang::En);
            let _ = crate::resultfile::parse(&text, true, Lang::En);
        }
    }
}

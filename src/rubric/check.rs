//! The checks serde cannot express, each naming its place and what to do.

use std::collections::HashMap;

use super::{MAX_ITEMS, Rubric};
use crate::diag::Diagnostic;
use crate::lang::{Lang, Text};
use crate::locate::{Locate, Seg, TomlLocator};
use crate::path;

/// A path as an array, for arguments that borrow a slice (`path!` builds a Vec).
macro_rules! segs {
    ($($seg:expr),* $(,)?) => { [$(crate::locate::Seg::from($seg)),*] };
}

fn dotted(path: &[Seg]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// What a path names, for messages: the nearest section, dimension, item or
/// profile by its id, and the key path inside it.
struct Place {
    /// (kind in Chinese, kind in English, id)
    owner: Option<(&'static str, &'static str, String)>,
    rest: String,
}

impl Place {
    fn of(path: &[Seg], id_at: impl Fn(&[Seg]) -> Option<String>) -> Place {
        let mut owner = None;
        let mut start = 0;
        for i in 1..path.len() {
            match (&path[i - 1], &path[i]) {
                (Seg::Key(k), Seg::Index(_)) => {
                    let kind = match k.as_str() {
                        "sections" => ("分区", "section"),
                        "dimensions" => ("维度", "dimension"),
                        "items" => ("条目", "item"),
                        _ => continue,
                    };
                    if let Some(id) = id_at(&path[..=i]).filter(|id| !id.trim().is_empty()) {
                        owner = Some((kind.0, kind.1, id));
                        start = i + 1;
                    }
                }
                (Seg::Key(k), Seg::Key(pid)) if i == 1 && k == "profiles" => {
                    owner = Some(("目标配置", "profile", pid.clone()));
                    start = 2;
                }
                _ => {}
            }
        }
        Place { owner, rest: dotted(&path[start..]) }
    }

    /// "`title` of section "work"", or "`scale.labels[0]`".
    fn show(&self, lang: Lang) -> String {
        match (&self.owner, lang) {
            (None, _) => format!("`{}`", self.rest),
            (Some((zh, _, id)), Lang::Zh) => format!("{zh} \"{id}\" 的 `{}`", self.rest),
            (Some((_, en, id)), Lang::En) => format!("`{}` of {en} \"{id}\"", self.rest),
        }
    }
}

/// The id written in the TOML table at `path`, if it has one.
fn id_in_text(loc: &TomlLocator, text: &str, path: &[Seg]) -> Option<String> {
    let mut p = path.to_vec();
    p.push(Seg::Key("id".to_string()));
    let raw = text.get(loc.value(&p)?)?.trim();
    let inner = raw
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .or_else(|| raw.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')))?;
    Some(inner.to_string())
}

pub(super) fn unknown_key(loc: &TomlLocator, text: &str, path: &[Seg], lang: Lang) -> Diagnostic {
    let place = Place::of(path, |p| id_in_text(loc, text, p));
    let name = &place.rest;
    Diagnostic::error(match (&place.owner, lang) {
        (None, Lang::Zh) => format!("未知的键 `{name}`"),
        (None, Lang::En) => format!("unknown key `{name}`"),
        (Some((zh, _, id)), Lang::Zh) => format!("{zh} \"{id}\" 中有未知的键 `{name}`"),
        (Some((_, en, id)), Lang::En) => format!("unknown key `{name}` in {en} \"{id}\""),
    })
    .at(loc.key(path).or_else(|| loc.nearest(path)))
    .label(lang.pick("量表格式中没有这个键", "not a key of the rubric format"))
    .help(lang.pick(
        "检查拼写，或删去此键；`zhixing schema rubric` 列出全部允许的键",
        "check the spelling or remove it; `zhixing schema rubric` lists every allowed key",
    ))
}

pub(super) fn shape_error_at(raw: &str, span: Option<std::ops::Range<usize>>, text: &str, lang: Lang) -> Diagnostic {
    let raw = raw.trim();
    let message = super::serde_message(raw, lang);
    let missing = raw.strip_prefix("missing field `").and_then(|r| r.strip_suffix('`'));
    let Some(key) = missing else {
        return Diagnostic::error(message).at(span).help(lang.pick(
            "改成量表格式要求的类型；`zhixing schema rubric` 说明每个键",
            "write the type the rubric format asks for; `zhixing schema rubric` describes every key",
        ));
    };
    let help = match key {
        "scale" => lang
            .pick("添加 [scale] 表，写上 min、max 和 labels", "add a [scale] table with min, max and labels")
            .to_string(),
        "sections" => lang
            .pick(
                "添加 [[sections]]，其下写 [[sections.dimensions]] 和 [[sections.dimensions.items]]",
                "add a [[sections]] with its [[sections.dimensions]] and [[sections.dimensions.items]]",
            )
            .to_string(),
        "dimensions" => lang
            .pick("在此分区下添加 [[sections.dimensions]]", "add [[sections.dimensions]] under this section")
            .to_string(),
        "items" => lang
            .pick(
                "在此维度下添加 [[sections.dimensions.items]]",
                "add [[sections.dimensions.items]] under this dimension",
            )
            .to_string(),
        _ => match lang {
            Lang::Zh => format!("加上 `{key} = …`（见 `zhixing schema rubric`）"),
            Lang::En => format!("add `{key} = …` (see `zhixing schema rubric`)"),
        },
    };
    // A table that lacks the key is marked at its header; the rubric as a
    // whole, at its start.
    let in_table = span.as_ref().and_then(|s| text.get(s.clone())).is_some_and(|t| t.starts_with('['));
    let mut d = Diagnostic::error(message).at(span).help(help);
    if in_table {
        d = d.label(match lang {
            Lang::Zh => format!("此表缺少 `{key}`"),
            Lang::En => format!("this table has no `{key}`"),
        });
    }
    d
}

fn valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some('a'..='z')) && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '-' | '_' | '.'))
}

/// A valid id close to an invalid one: "Work" → "work", "focus plan" → "focus-plan".
fn suggest_id(id: &str) -> Option<String> {
    let s: String = id
        .trim()
        .chars()
        .map(|c| c.to_ascii_lowercase())
        .map(|c| if matches!(c, 'a'..='z' | '0'..='9' | '-' | '_' | '.') { c } else { '-' })
        .collect();
    (valid_id(&s) && s != id).then_some(s)
}

fn valid_rubric_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| matches!(c, 'a'..='z' | '0'..='9' | '-'))
}

fn valid_lang(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

struct Checker<'a> {
    loc: &'a TomlLocator<'a>,
    text: &'a str,
    lang: Lang,
    /// The rubric's languages, each once; texts are checked against them
    /// only when every code is valid.
    languages: Vec<String>,
    check_texts: bool,
    diags: Vec<Diagnostic>,
    /// id → path where first seen, across sections, dimensions and items.
    ids: HashMap<&'a str, Vec<Seg>>,
}

impl<'a> Checker<'a> {
    fn t(&self, zh: impl Into<String>, en: impl Into<String>) -> String {
        match self.lang {
            Lang::Zh => zh.into(),
            Lang::En => en.into(),
        }
    }

    fn err(&mut self, path: &[Seg], message: String, label: String, help: String) {
        let d = Diagnostic::error(message).at(self.loc.nearest(path)).label(label).help(help);
        self.diags.push(d);
    }

    fn what(&self, path: &[Seg]) -> String {
        Place::of(path, |p| id_in_text(self.loc, self.text, p)).show(self.lang)
    }

    fn text(&mut self, path: Vec<Seg>, text: &Text) {
        if !self.check_texts {
            return;
        }
        let what = self.what(&path);
        match text {
            Text::Plain(s) => {
                if self.languages.len() != 1 {
                    let m = self.t(
                        format!("{what} 是单一语言的字符串，但量表声明了 {} 种语言", self.languages.len()),
                        format!("{what} is a plain string, but the rubric has {} languages", self.languages.len()),
                    );
                    let l = self.t("应为各语言的文本表", "expected a table of texts by language");
                    let h = self.t(
                        format!(
                            "写成 {{ {} }}",
                            self.languages.iter().map(|l| format!("{l} = \"…\"")).collect::<Vec<_>>().join(", ")
                        ),
                        format!(
                            "write it as {{ {} }}",
                            self.languages.iter().map(|l| format!("{l} = \"…\"")).collect::<Vec<_>>().join(", ")
                        ),
                    );
                    self.err(&path, m, l, h);
                } else if s.trim().is_empty() {
                    self.empty_text(&path, &what);
                }
            }
            Text::Translated(map) => {
                for lang in self.languages.clone() {
                    match map.get(&lang) {
                        None => {
                            let m =
                                self.t(format!("{what} 缺少 `{lang}` 译文"), format!("{what} has no `{lang}` text"));
                            let l = self.t(format!("缺少 {lang}"), format!("missing {lang}"));
                            let h = self.t(
                                format!("补上 {lang} = \"…\"，量表的每段文本都要有 `languages` 中的每种语言"),
                                format!("add {lang} = \"…\": every text needs each language in `languages`"),
                            );
                            self.err(&path, m, l, h);
                        }
                        Some(s) if s.trim().is_empty() => {
                            let mut p = path.clone();
                            p.push(Seg::Key(lang.clone()));
                            let what = self.what(&p);
                            self.empty_text(&p, &what);
                        }
                        Some(_) => {}
                    }
                }
                for key in map.keys() {
                    if !self.languages.contains(key) {
                        let mut p = path.clone();
                        p.push(Seg::Key(key.clone()));
                        let m = self.t(
                            format!("{what} 有 `{key}` 文本，但 `{key}` 不在 `languages` 中"),
                            format!("{what} has a `{key}` text, but `{key}` is not in `languages`"),
                        );
                        let l = self.t("未声明的语言", "undeclared language");
                        let h = self.t(
                            format!("把 \"{key}\" 加入 `languages`，或删去这段译文"),
                            format!("add \"{key}\" to `languages`, or remove this text"),
                        );
                        let d =
                            Diagnostic::error(m).at(self.loc.key(&p).or_else(|| self.loc.nearest(&p))).label(l).help(h);
                        self.diags.push(d);
                    }
                }
            }
        }
    }

    fn empty_text(&mut self, path: &[Seg], what: &str) {
        let m = self.t(format!("{what} 是空文本"), format!("{what} is empty"));
        let l = self.t("空文本", "empty text");
        let h = self.t("写上文本内容", "write the text");
        self.err(path, m, l, h);
    }

    fn weight(&mut self, path: Vec<Seg>, w: f64) {
        if !(w.is_finite() && w > 0.0) {
            let m = self.t(format!("权重 {w} 无效"), format!("weight {w} is not valid"));
            let l = self.t("权重须为大于 0 的有限数", "a weight must be finite and > 0");
            let h = self.t(
                "使用大于 0 的数，例如 1.0；不需要时删去此键（默认 1）",
                "use a number above 0 such as 1.0, or remove the key (default 1)",
            );
            self.err(&path, m, l, h);
        }
    }

    fn target(&mut self, path: Vec<Seg>, t: f64) {
        if !(t.is_finite() && (0.0..=100.0).contains(&t)) {
            let m = self.t(format!("目标 {t} 超出 0 到 100 的范围"), format!("target {t} is outside 0 to 100"));
            let l = self.t("目标以 0–100 分计", "targets are on the 0–100 scale");
            let h = self.t("使用 0 到 100 之间的数，例如 80.0", "use a number from 0 to 100, such as 80.0");
            self.err(&path, m, l, h);
        }
    }

    fn id(&mut self, path: Vec<Seg>, id: &'a str, kind_zh: &str, kind_en: &str) {
        if !valid_id(id) {
            let m = self.t(format!("{kind_zh}标识 \"{id}\" 无效"), format!("{kind_en} id \"{id}\" is not valid"));
            let l = self.t(
                "只能用小写字母、数字、-、_、.，且以字母开头",
                "lowercase letters, digits, -, _ and . only, starting with a letter",
            );
            let example = match kind_en {
                "section" => "elements",
                "dimension" => "perseverance",
                _ => "perseverance.setbacks",
            };
            let h = match suggest_id(id) {
                Some(s) => self.t(format!("改为 \"{s}\""), format!("write it as \"{s}\"")),
                None => {
                    self.t(format!("改用例如 \"{example}\" 这样的标识"), format!("use an id such as \"{example}\""))
                }
            };
            self.err(&path, m, l, h);
        }
        if let Some(first) = self.ids.get(id) {
            let related = self.loc.nearest(first);
            let m = self.t(format!("标识 \"{id}\" 重复"), format!("duplicate id \"{id}\""));
            let h = self.t(
                "分区、维度和条目的标识在整个量表中必须唯一，请换一个",
                "ids of sections, dimensions and items are unique in the rubric: choose another",
            );
            let d = Diagnostic::error(m)
                .at(self.loc.nearest(&path))
                .label(self.t("再次使用", "used again here"))
                .related(related, self.t("首次定义于此", "first defined here"))
                .help(h);
            self.diags.push(d);
        } else {
            self.ids.insert(id, path);
        }
    }
}

/// Every problem of meaning in a rubric that parsed.
pub(super) fn check(r: &Rubric, loc: &TomlLocator, text: &str, lang: Lang) -> Vec<Diagnostic> {
    let mut languages: Vec<String> = Vec::new();
    for code in &r.languages {
        if !languages.contains(code) {
            languages.push(code.clone());
        }
    }
    // Until `languages` is right, every text would be reported against it.
    let check_texts = !languages.is_empty() && languages.iter().all(|l| valid_lang(l));
    let mut c = Checker { loc, text, lang, languages, check_texts, diags: Vec::new(), ids: HashMap::new() };

    if r.format != 1 {
        let m = c.t(format!("不支持量表格式 {}", r.format), format!("rubric format {} is not supported", r.format));
        let l = c.t("此版本的 zhixing 只读取格式 1", "this zhixing reads format 1 only");
        let h = c.t(
            "写 format = 1，或使用能读取该格式的 zhixing 版本",
            "write format = 1, or use a zhixing that reads this format",
        );
        c.err(&segs!["format"], m, l, h);
        return c.diags;
    }
    if !valid_rubric_id(&r.id) {
        let m = c.t(format!("量表标识 \"{}\" 无效", r.id), format!("rubric id \"{}\" is not valid", r.id));
        let l = c.t("只能用小写字母、数字和 -", "lowercase letters, digits and - only");
        let h = c.t("改用例如 \"my-rubric\" 这样的标识", "use an id such as \"my-rubric\"");
        c.err(&segs!["id"], m, l, h);
    }
    if r.version.trim().is_empty() {
        let m = c.t("版本号为空", "the version is empty");
        let l = c.t("版本号为空", "empty version");
        let h = c.t("写上版本号，例如 \"1.0.0\"", "give a version such as \"1.0.0\"");
        c.err(&segs!["version"], m, l, h);
    }

    // Languages.
    if r.languages.is_empty() {
        let m = c.t("`languages` 为空", "`languages` is empty");
        let l = c.t("至少需要一种语言", "at least one language is needed");
        let h = c.t("例如 languages = [\"zh\", \"en\"]", "for example languages = [\"zh\", \"en\"]");
        c.err(&segs!["languages"], m, l, h);
    }
    for (i, code) in r.languages.iter().enumerate() {
        if !valid_lang(code) {
            let m = c.t(format!("语言代码 \"{code}\" 无效"), format!("language code \"{code}\" is not valid"));
            let l = c.t("应为小写的语言代码", "expected a lowercase language code");
            let h = c.t("使用如 \"zh\"、\"en\" 的代码", "use codes such as \"zh\" and \"en\"");
            c.err(&segs!["languages", i], m, l, h);
        } else if r.languages[..i].contains(code) {
            let m = c.t(format!("语言 \"{code}\" 重复"), format!("language \"{code}\" is listed twice"));
            let l = c.t("重复", "repeated");
            let h = c.t("删去重复的语言", "remove the repeated language");
            c.err(&segs!["languages", i], m, l, h);
        }
    }
    c.text(path!["title"], &r.title);

    // Scale.
    let s = &r.scale;
    if s.min >= s.max {
        let m = c.t(
            format!("量表最小值 {} 不小于最大值 {}", s.min, s.max),
            format!("scale min {} is not below max {}", s.min, s.max),
        );
        let l = c.t("min 须小于 max", "min must be below max");
        let h = c.t("例如 min = 1、max = 5", "for example min = 1 and max = 5");
        c.err(&segs!["scale", "max"], m, l, h);
    } else if s.max - s.min + 1 > 11 {
        let m = c.t(
            format!("量表有 {} 个点，最多 11 个", s.max - s.min + 1),
            format!("the scale has {} points; at most 11 are allowed", s.max - s.min + 1),
        );
        let l = c.t("点数过多", "too many points");
        let h = c.t("缩小 min 到 max 的范围，例如 1 到 5 或 0 到 10", "narrow min..max, for example 1 to 5 or 0 to 10");
        c.err(&segs!["scale", "max"], m, l, h);
    } else {
        let points = (s.max - s.min + 1) as usize;
        if s.labels.len() != points {
            let m = c.t(
                format!("量表有 {points} 个点，却有 {} 个标签", s.labels.len()),
                format!("the scale has {points} points but {} labels", s.labels.len()),
            );
            let l = c.t("每个点一个标签", "one label per point");
            let h = c.t(
                format!("从 {} 到 {} 每个点各写一个标签", s.min, s.max),
                format!("give one label for each point from {} to {}", s.min, s.max),
            );
            c.err(&segs!["scale", "labels"], m, l, h);
        }
    }
    for (i, label) in s.labels.iter().enumerate() {
        c.text(path!["scale", "labels", i], label);
    }
    let points = usize::try_from(s.max - s.min + 1).unwrap_or(0);

    // Targets and gap bands.
    c.target(path!["targets", "default"], r.targets.default);
    let (minor, moderate) = (r.gap.minor, r.gap.moderate);
    if !(minor.is_finite() && moderate.is_finite() && 0.0 < minor && minor < moderate && moderate <= 100.0) {
        let m = c.t(
            format!("差距分级 minor = {minor}、moderate = {moderate} 无效"),
            format!("gap bands minor = {minor}, moderate = {moderate} are not valid"),
        );
        let l = c.t("须满足 0 < minor < moderate ≤ 100", "needs 0 < minor < moderate <= 100");
        let h = c.t("例如 minor = 10.0、moderate = 20.0", "for example minor = 10.0 and moderate = 20.0");
        let at = if 0.0 < minor && minor <= 100.0 { path!["gap", "moderate"] } else { path!["gap", "minor"] };
        c.err(&at, m, l, h);
    }

    // Sections, dimensions, items.
    if r.sections.is_empty() {
        let m = c.t("量表没有分区", "the rubric has no sections");
        let l = c.t("至少需要一个 [[sections]]", "at least one [[sections]] is needed");
        let h = c.t(
            "添加 [[sections]]，其下添加 [[sections.dimensions]] 和条目",
            "add a [[sections]] with [[sections.dimensions]] and items",
        );
        let at = c.loc.nearest(&segs!["sections"]);
        c.diags.push(Diagnostic::error(m).at(at).label(l).help(h));
    }
    let mut items = 0usize;
    // The id of the first item over the limit, where that error is shown.
    let mut over_limit: Option<Vec<Seg>> = None;
    for (si, sec) in r.sections.iter().enumerate() {
        c.id(path!["sections", si, "id"], &sec.id, "分区", "section");
        c.text(path!["sections", si, "title"], &sec.title);
        c.weight(path!["sections", si, "weight"], sec.weight);
        if let Some(t) = sec.target {
            c.target(path!["sections", si, "target"], t);
        }
        if sec.dimensions.is_empty() {
            let m = c.t(format!("分区 \"{}\" 没有维度", sec.id), format!("section \"{}\" has no dimensions", sec.id));
            let l = c.t("空分区", "empty section");
            let h = c.t(
                "在其下添加 [[sections.dimensions]]，或删去此分区",
                "add [[sections.dimensions]] under it, or remove the section",
            );
            c.err(&segs!["sections", si, "id"], m, l, h);
        }
        for (di, dim) in sec.dimensions.iter().enumerate() {
            let dp = |rest: &[Seg]| {
                let mut p = path!["sections", si, "dimensions", di];
                p.extend_from_slice(rest);
                p
            };
            c.id(dp(&segs!["id"]), &dim.id, "维度", "dimension");
            c.text(dp(&segs!["title"]), &dim.title);
            if let Some(desc) = &dim.description {
                c.text(dp(&segs!["description"]), desc);
            }
            c.weight(dp(&segs!["weight"]), dim.weight);
            if let Some(t) = dim.target {
                c.target(dp(&segs!["target"]), t);
            }
            for (k, sug) in dim.suggestions.iter().enumerate() {
                c.text(dp(&segs!["suggestions", k]), sug);
            }
            if dim.items.is_empty() {
                let m = c.t(format!("维度 \"{}\" 没有条目", dim.id), format!("dimension \"{}\" has no items", dim.id));
                let l = c.t("空维度", "empty dimension");
                let h = c.t(
                    "在其下添加 [[sections.dimensions.items]]，或删去此维度",
                    "add [[sections.dimensions.items]] under it, or remove the dimension",
                );
                c.err(&dp(&segs!["id"]), m, l, h);
            } else if dim.items.len() < 3 {
                let m = c.t(
                    format!("维度 \"{}\" 只有 {} 个条目，无法估计信度", dim.id, dim.items.len()),
                    format!(
                        "dimension \"{}\" has only {} item(s): its reliability cannot be estimated",
                        dim.id,
                        dim.items.len()
                    ),
                );
                let l = c.t("少于 3 个条目", "fewer than 3 items");
                let h = c.t("每个维度宜有 3 到 5 个条目", "give each dimension 3 to 5 items");
                let d = Diagnostic::warning(m).at(c.loc.nearest(&dp(&segs!["id"]))).label(l).help(h);
                c.diags.push(d);
            }
            for (ii, item) in dim.items.iter().enumerate() {
                items += 1;
                if items == MAX_ITEMS + 1 {
                    over_limit = Some(dp(&segs!["items", ii, "id"]));
                }
                let ip = |rest: &[Seg]| {
                    let mut p = dp(&segs!["items", ii]);
                    p.extend_from_slice(rest);
                    p
                };
                c.id(ip(&segs!["id"]), &item.id, "条目", "item");
                c.text(ip(&segs!["text"]), &item.text);
                c.weight(ip(&segs!["weight"]), item.weight);
                if let Some(anchors) = &item.anchors {
                    if points > 0 && anchors.len() != points {
                        let m = c.t(
                            format!("条目 \"{}\" 有 {} 个锚定描述，量表却有 {points} 个点", item.id, anchors.len()),
                            format!(
                                "item \"{}\" has {} anchors but the scale has {points} points",
                                item.id,
                                anchors.len()
                            ),
                        );
                        let l = c.t("每个点一个锚定描述", "one anchor per scale point");
                        let h = c.t(
                            "为每个量表点各写一个描述，或删去 anchors",
                            "describe each scale point once, or remove `anchors`",
                        );
                        c.err(&ip(&segs!["anchors"]), m, l, h);
                    }
                    for (k, a) in anchors.iter().enumerate() {
                        c.text(ip(&segs!["anchors", k]), a);
                    }
                }
            }
        }
    }
    if items > MAX_ITEMS {
        let m = c.t(
            format!("量表有 {items} 个条目，超过上限 {MAX_ITEMS}"),
            format!("the rubric has {items} items, over the limit of {MAX_ITEMS}"),
        );
        let l = c.t(format!("第 {} 个条目", MAX_ITEMS + 1), format!("item {}", MAX_ITEMS + 1));
        let h = c.t("拆分成几个量表", "split it into several rubrics");
        let at = over_limit.and_then(|p| c.loc.nearest(&p)).or(Some(0..0));
        c.diags.push(Diagnostic::error(m).at(at).label(l).help(h));
    }

    // Profiles, after the ids are known.
    for (pid, profile) in &r.profiles {
        if !valid_rubric_id(pid) {
            let m = c.t(format!("配置标识 \"{pid}\" 无效"), format!("profile id \"{pid}\" is not valid"));
            let l = c.t("只能用小写字母、数字和 -", "lowercase letters, digits and - only");
            let h = c.t("改用例如 \"section-chief\" 这样的标识", "use an id such as \"section-chief\"");
            let d = Diagnostic::error(m).at(c.loc.key(&segs!["profiles", pid.as_str()])).label(l).help(h);
            c.diags.push(d);
        }
        c.text(path!["profiles", pid.as_str(), "title"], &profile.title);
        if let Some(t) = profile.default {
            c.target(path!["profiles", pid.as_str(), "default"], t);
        }
        for (key, t) in &profile.targets {
            let p = path!["profiles", pid.as_str(), "targets", key.as_str()];
            c.target(p.clone(), *t);
            let known = r.sections.iter().any(|s| &s.id == key) || r.dimensions().any(|(_, d)| &d.id == key);
            if !known {
                let m = c.t(
                    format!("配置 \"{pid}\" 的目标指向不存在的 \"{key}\""),
                    format!("profile \"{pid}\" sets a target for \"{key}\", which is not a section or dimension"),
                );
                let l = c.t("没有这个分区或维度", "no such section or dimension");
                let h = c.t("使用分区或维度的标识", "use the id of a section or dimension");
                let d = Diagnostic::error(m).at(c.loc.key(&p).or_else(|| c.loc.nearest(&p))).label(l).help(h);
                c.diags.push(d);
            }
        }
    }
    c.diags
}

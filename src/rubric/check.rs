//! The checks serde cannot express, each naming its place and what to do.

use std::collections::HashMap;

use super::{Dimension, MAX_ITEMS, MAX_WEIGHT, Rubric, Section};
use crate::diag::Diagnostic;
use crate::i18n::rubric::{DiagText, Owner};
use crate::i18n::{self, Messages};
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
    owner: Option<(Owner, String)>,
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
                        "sections" => Owner::Section,
                        "dimensions" => Owner::Dimension,
                        "items" => Owner::Item,
                        _ => continue,
                    };
                    if let Some(id) = id_at(&path[..=i]).filter(|id| !id.trim().is_empty()) {
                        owner = Some((kind, id));
                        start = i + 1;
                    }
                }
                (Seg::Key(k), Seg::Key(pid)) if i == 1 && k == "profiles" => {
                    owner = Some((Owner::Profile, pid.clone()));
                    start = 2;
                }
                _ => {}
            }
        }
        Place { owner, rest: dotted(&path[start..]) }
    }

    /// "`title` of section "work"", or "`scale.labels[0]`".
    fn show(&self, msg: &dyn Messages) -> String {
        match &self.owner {
            None => format!("`{}`", self.rest),
            Some((owner, id)) => msg.rubric_key_of(*owner, id, &self.rest),
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

/// A diagnostic of its three texts, at a span.
fn error_at(span: Option<std::ops::Range<usize>>, t: DiagText) -> Diagnostic {
    Diagnostic::error(t.message).at(span).label(t.label).help(t.help)
}

pub(super) fn unknown_key(loc: &TomlLocator, text: &str, path: &[Seg], lang: Lang) -> Diagnostic {
    let place = Place::of(path, |p| id_in_text(loc, text, p));
    let owner = place.owner.as_ref().map(|(o, id)| (*o, id.as_str()));
    error_at(loc.key(path).or_else(|| loc.nearest(path)), i18n::msg(lang).rubric_unknown_key(&place.rest, owner))
}

pub(super) fn shape_error_at(raw: &str, span: Option<std::ops::Range<usize>>, text: &str, lang: Lang) -> Diagnostic {
    let msg = i18n::msg(lang);
    let raw = raw.trim();
    let message = super::serde_message(raw, lang);
    let missing = raw.strip_prefix("missing field `").and_then(|r| r.strip_suffix('`'));
    let Some(key) = missing else {
        return Diagnostic::error(message).at(span).help(msg.rubric_wrong_type_help());
    };
    // A table that lacks the key is marked at its header; the rubric as a
    // whole, at its start.
    let in_table = span.as_ref().and_then(|s| text.get(s.clone())).is_some_and(|t| t.starts_with('['));
    if in_table && let Some((owner, id)) = span.as_ref().and_then(|s| table_owner(text, s.start)) {
        let t = msg.rubric_owner_lacks_key(owner, &id, key);
        return Diagnostic::error(t.message).at(span).label(t.label).help(t.help);
    }
    let mut d = Diagnostic::error(message).at(span).help(msg.rubric_missing_key_help(key));
    if in_table {
        d = d.label(msg.rubric_table_lacks_key(key));
    }
    d
}

/// The section, dimension or item whose header starts at `at`, and its
/// id, where the table gives one (`id = "…"` among its own keys).
fn table_owner(text: &str, at: usize) -> Option<(Owner, String)> {
    let rest = text.get(at..)?;
    let (header, body) = rest.split_once('\n').unwrap_or((rest, ""));
    let name = header.trim().trim_start_matches('[').split(']').next()?.trim();
    let owner = match name {
        "sections" => Owner::Section,
        "sections.dimensions" => Owner::Dimension,
        "sections.dimensions.items" => Owner::Item,
        _ => return None,
    };
    for line in body.lines().map(str::trim) {
        if line.starts_with('[') {
            break;
        }
        let Some((key, value)) = line.split_once('=') else { continue };
        if key.trim().trim_matches(['"', '\'']) != "id" {
            continue;
        }
        let value = value.trim();
        let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let id = value[1..].split(quote).next()?;
        return (!id.is_empty()).then(|| (owner, id.to_string()));
    }
    None
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

/// `base` followed by `rest`.
fn under(base: &[Seg], rest: &[Seg]) -> Vec<Seg> {
    let mut p = base.to_vec();
    p.extend_from_slice(rest);
    p
}

struct Checker<'a> {
    loc: &'a TomlLocator<'a>,
    text: &'a str,
    msg: &'static dyn Messages,
    /// The rubric's languages, each once; texts are checked against them
    /// only when every code is valid.
    languages: Vec<String>,
    check_texts: bool,
    diags: Vec<Diagnostic>,
    /// id → path where first seen, across sections, dimensions and items.
    ids: HashMap<&'a str, Vec<Seg>>,
    /// Items seen so far, and the id of the first item over the limit, where
    /// that error is shown.
    items: usize,
    over_limit: Option<Vec<Seg>>,
    /// Items with `others`, and the path of the first item without it.
    with_others: usize,
    first_without_others: Option<(String, Vec<Seg>)>,
    /// Item named by an `opposite` → the path of that first `opposite`.
    opposites: HashMap<&'a str, Vec<Seg>>,
}

impl<'a> Checker<'a> {
    fn err(&mut self, path: &[Seg], t: DiagText) {
        self.diags.push(error_at(self.loc.nearest(path), t));
    }

    /// An error marked at the key of `path` where it has one.
    fn err_at_key(&mut self, path: &[Seg], t: DiagText) {
        self.diags.push(error_at(self.loc.key(path).or_else(|| self.loc.nearest(path)), t));
    }

    fn what(&self, path: &[Seg]) -> String {
        Place::of(path, |p| id_in_text(self.loc, self.text, p)).show(self.msg)
    }

    fn text(&mut self, path: Vec<Seg>, text: &Text) {
        if !self.check_texts {
            return;
        }
        let what = self.what(&path);
        match text {
            Text::Plain(s) => {
                if self.languages.len() != 1 {
                    let fields = self.languages.iter().map(|l| format!("{l} = \"…\"")).collect::<Vec<_>>().join(", ");
                    let t = self.msg.rubric_plain_text(&what, self.languages.len(), &fields);
                    self.err(&path, t);
                } else if s.trim().is_empty() {
                    self.empty_text(&path, &what);
                }
            }
            Text::Translated(map) => self.translations(&path, &what, map),
        }
    }

    /// A text by language: every declared language, and no other.
    fn translations(&mut self, path: &[Seg], what: &str, map: &std::collections::BTreeMap<String, String>) {
        for lang in self.languages.clone() {
            match map.get(&lang) {
                None => {
                    let t = self.msg.rubric_missing_translation(what, &lang);
                    self.err(path, t);
                }
                Some(s) if s.trim().is_empty() => {
                    let p = under(path, &[Seg::Key(lang.clone())]);
                    let what = self.what(&p);
                    self.empty_text(&p, &what);
                }
                Some(_) => {}
            }
        }
        for key in map.keys() {
            if !self.languages.contains(key) {
                let p = under(path, &[Seg::Key(key.clone())]);
                let t = self.msg.rubric_undeclared_language(what, key);
                self.err_at_key(&p, t);
            }
        }
    }

    fn empty_text(&mut self, path: &[Seg], what: &str) {
        let t = self.msg.rubric_empty_text(what);
        self.err(path, t);
    }

    fn weight(&mut self, path: Vec<Seg>, w: f64) {
        if !(w.is_finite() && w > 0.0) {
            let t = self.msg.rubric_bad_weight(w);
            self.err(&path, t);
        } else if w > MAX_WEIGHT {
            let t = self.msg.rubric_weight_too_large(w, MAX_WEIGHT);
            self.err(&path, t);
        }
    }

    fn target(&mut self, path: Vec<Seg>, t: f64) {
        if !(t.is_finite() && (0.0..=100.0).contains(&t)) {
            let text = self.msg.rubric_bad_target(t);
            self.err(&path, text);
        }
    }

    fn id(&mut self, path: Vec<Seg>, id: &'a str, owner: Owner) {
        if !valid_id(id) {
            let example = match owner {
                Owner::Section => "elements",
                Owner::Dimension => "perseverance",
                Owner::Item | Owner::Profile => "perseverance.setbacks",
            };
            let t = self.msg.rubric_bad_id(owner, id, suggest_id(id).as_deref(), example);
            self.err(&path, t);
        }
        if let Some(first) = self.ids.get(id) {
            let related = self.loc.nearest(first);
            let t = self.msg.rubric_duplicate_id(id);
            let d = error_at(self.loc.nearest(&path), t).related(related, self.msg.rubric_first_defined_here());
            self.diags.push(d);
        } else {
            self.ids.insert(id, path);
        }
    }

    /// The rubric's id and version.
    fn header(&mut self, r: &Rubric) {
        if !valid_rubric_id(&r.id) {
            let t = self.msg.rubric_bad_rubric_id(&r.id);
            self.err(&segs!["id"], t);
        }
        if r.version.trim().is_empty() {
            let t = self.msg.rubric_empty_version();
            self.err(&segs!["version"], t);
        }
    }

    fn language_codes(&mut self, r: &Rubric) {
        if r.languages.is_empty() {
            let t = self.msg.rubric_no_languages();
            self.err(&segs!["languages"], t);
        }
        for (i, code) in r.languages.iter().enumerate() {
            if !valid_lang(code) {
                let t = self.msg.rubric_bad_language(code);
                self.err(&segs!["languages", i], t);
            } else if r.languages[..i].contains(code) {
                let t = self.msg.rubric_repeated_language(code);
                self.err(&segs!["languages", i], t);
            }
        }
    }

    /// The scale; its number of points, or 0 where it has none.
    fn scale(&mut self, r: &Rubric) -> usize {
        let s = &r.scale;
        // Points as i128: the extremes of i64 do not overflow.
        let points = i128::from(s.max) - i128::from(s.min) + 1;
        if s.min >= s.max {
            let t = self.msg.rubric_scale_min_not_below_max(s.min, s.max);
            self.err(&segs!["scale", "max"], t);
        } else if points > 11 {
            let t = self.msg.rubric_scale_too_many_points(i64::try_from(points).unwrap_or(i64::MAX));
            self.err(&segs!["scale", "max"], t);
        } else {
            let points = (s.max - s.min + 1) as usize;
            if s.labels.len() != points {
                let t = self.msg.rubric_scale_label_count(points, s.labels.len(), s.min, s.max);
                self.err(&segs!["scale", "labels"], t);
            }
        }
        for (i, label) in s.labels.iter().enumerate() {
            self.text(path!["scale", "labels", i], label);
        }
        usize::try_from(points).unwrap_or(0)
    }

    /// The default target and the gap bands.
    fn targets_and_gap(&mut self, r: &Rubric) {
        self.target(path!["targets", "default"], r.targets.default);
        let (minor, moderate) = (r.gap.minor, r.gap.moderate);
        if !(minor.is_finite() && moderate.is_finite() && 0.0 < minor && minor < moderate && moderate <= 100.0) {
            let t = self.msg.rubric_bad_gap_bands(minor, moderate);
            let at = if 0.0 < minor && minor <= 100.0 { path!["gap", "moderate"] } else { path!["gap", "minor"] };
            self.err(&at, t);
        }
    }

    fn sections(&mut self, r: &'a Rubric, points: usize) {
        if r.sections.is_empty() {
            let t = self.msg.rubric_no_sections();
            self.err(&segs!["sections"], t);
        }
        for (si, sec) in r.sections.iter().enumerate() {
            self.section(r, path!["sections", si], sec, points);
        }
        if self.items > MAX_ITEMS {
            let t = self.msg.rubric_too_many_items(self.items, MAX_ITEMS);
            let at = self.over_limit.take().and_then(|p| self.loc.nearest(&p)).or(Some(0..0));
            self.diags.push(error_at(at, t));
        }
        if self.with_others > 0
            && let Some((id, path)) = self.first_without_others.take()
        {
            let t = self.msg.rubric_others_mixed(self.with_others, self.items, &id);
            let d = Diagnostic::warning(t.message).at(self.loc.nearest(&path)).label(t.label).help(t.help);
            self.diags.push(d);
        }
    }

    /// The `opposite` of an item of `dim` (SPEC §3): itself reverse-keyed,
    /// naming a plain item of the same dimension that no other `opposite`
    /// names.
    fn opposite(&mut self, r: &Rubric, dim: &'a Dimension, item: &'a super::Item, ip: &[Seg]) {
        let Some(opposite) = item.opposite.as_deref() else { return };
        let at = under(ip, &segs!["opposite"]);
        if !item.reverse {
            let t = self.msg.rubric_opposite_not_reverse(&item.id);
            self.err_at_key(&at, t);
        }
        match dim.items.iter().find(|i| i.id == opposite) {
            None => {
                let elsewhere = r
                    .dimensions()
                    .find(|(_, d)| d.id != dim.id && d.items.iter().any(|i| i.id == opposite))
                    .map(|(_, d)| d.id.as_str());
                let t = self.msg.rubric_opposite_unknown(&item.id, opposite, &dim.id, elsewhere);
                self.err(&at, t);
            }
            Some(named) if named.reverse => {
                let t = self.msg.rubric_opposite_is_reverse(&item.id, opposite);
                self.err(&at, t);
            }
            Some(named) => {
                if let Some(first) = self.opposites.get(named.id.as_str()) {
                    let related = self.loc.nearest(first);
                    let t = self.msg.rubric_opposite_twice(opposite);
                    let d = error_at(self.loc.nearest(&at), t).related(related, self.msg.rubric_first_named_here());
                    self.diags.push(d);
                } else {
                    self.opposites.insert(named.id.as_str(), at);
                }
            }
        }
    }

    fn section(&mut self, r: &'a Rubric, sp: Vec<Seg>, sec: &'a Section, points: usize) {
        self.id(under(&sp, &segs!["id"]), &sec.id, Owner::Section);
        self.text(under(&sp, &segs!["title"]), &sec.title);
        self.weight(under(&sp, &segs!["weight"]), sec.weight);
        if let Some(t) = sec.target {
            self.target(under(&sp, &segs!["target"]), t);
        }
        if sec.dimensions.is_empty() {
            let t = self.msg.rubric_empty_section(&sec.id);
            self.err(&under(&sp, &segs!["id"]), t);
        }
        for (di, dim) in sec.dimensions.iter().enumerate() {
            self.dimension(r, under(&sp, &segs!["dimensions", di]), dim, points);
        }
    }

    fn dimension(&mut self, r: &'a Rubric, dp: Vec<Seg>, dim: &'a Dimension, points: usize) {
        self.id(under(&dp, &segs!["id"]), &dim.id, Owner::Dimension);
        self.text(under(&dp, &segs!["title"]), &dim.title);
        if let Some(desc) = &dim.description {
            self.text(under(&dp, &segs!["description"]), desc);
        }
        self.weight(under(&dp, &segs!["weight"]), dim.weight);
        if let Some(t) = dim.target {
            self.target(under(&dp, &segs!["target"]), t);
        }
        for (k, sug) in dim.suggestions.iter().enumerate() {
            self.text(under(&dp, &segs!["suggestions", k]), sug);
        }
        if dim.items.is_empty() {
            let t = self.msg.rubric_empty_dimension(&dim.id);
            self.err(&under(&dp, &segs!["id"]), t);
        } else if dim.items.len() < 3 {
            let t = self.msg.rubric_few_items(&dim.id, dim.items.len());
            let d = Diagnostic::warning(t.message)
                .at(self.loc.nearest(&under(&dp, &segs!["id"])))
                .label(t.label)
                .help(t.help);
            self.diags.push(d);
        }
        for (ii, item) in dim.items.iter().enumerate() {
            let ip = under(&dp, &segs!["items", ii]);
            self.items += 1;
            if self.items == MAX_ITEMS + 1 {
                self.over_limit = Some(under(&ip, &segs!["id"]));
            }
            self.id(under(&ip, &segs!["id"]), &item.id, Owner::Item);
            self.text(under(&ip, &segs!["text"]), &item.text);
            match &item.others {
                Some(others) => {
                    self.with_others += 1;
                    self.text(under(&ip, &segs!["others"]), others);
                }
                None if self.first_without_others.is_none() => {
                    self.first_without_others = Some((item.id.clone(), under(&ip, &segs!["id"])));
                }
                None => {}
            }
            self.opposite(r, dim, item, &ip);
            self.weight(under(&ip, &segs!["weight"]), item.weight);
            if let Some(anchors) = &item.anchors {
                if points > 0 && anchors.len() != points {
                    let t = self.msg.rubric_anchor_count(&item.id, anchors.len(), points);
                    self.err(&under(&ip, &segs!["anchors"]), t);
                }
                for (k, a) in anchors.iter().enumerate() {
                    self.text(under(&ip, &segs!["anchors", k]), a);
                }
            }
        }
    }

    /// Profiles, after the ids are known.
    fn profiles(&mut self, r: &Rubric) {
        for (pid, profile) in &r.profiles {
            if !valid_rubric_id(pid) {
                let t = self.msg.rubric_bad_profile_id(pid);
                self.diags.push(error_at(self.loc.key(&segs!["profiles", pid.as_str()]), t));
            }
            self.text(path!["profiles", pid.as_str(), "title"], &profile.title);
            if let Some(t) = profile.default {
                self.target(path!["profiles", pid.as_str(), "default"], t);
            }
            for (key, t) in &profile.targets {
                let p = path!["profiles", pid.as_str(), "targets", key.as_str()];
                self.target(p.clone(), *t);
                let known = r.sections.iter().any(|s| &s.id == key) || r.dimensions().any(|(_, d)| &d.id == key);
                if !known {
                    let t = self.msg.rubric_profile_unknown_target(pid, key);
                    self.err_at_key(&p, t);
                }
            }
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
    let mut c = Checker {
        loc,
        text,
        msg: i18n::msg(lang),
        languages,
        check_texts,
        diags: Vec::new(),
        ids: HashMap::new(),
        items: 0,
        over_limit: None,
        with_others: 0,
        first_without_others: None,
        opposites: HashMap::new(),
    };
    if r.format != 1 {
        let t = c.msg.rubric_bad_format(r.format);
        c.err(&segs!["format"], t);
        return c.diags;
    }
    c.header(r);
    c.language_codes(r);
    c.text(path!["title"], &r.title);
    let points = c.scale(r);
    c.targets_and_gap(r);
    c.sections(r, points);
    c.profiles(r);
    c.diags
}

//! Columns: letters and ranges of letters, the metadata headers, and the
//! plan that says what each column of a table is.

use std::collections::HashMap;

use crate::diag::Diagnostic;
use crate::i18n::{self, Messages};
use crate::lang::Lang;
use crate::rubric::Rubric;

use super::{Columns, Options, Problem};

/// The letters of a 0-based column index: 0 → A, 26 → AA.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The 0-based index of column letters (case-insensitive); None if they are
/// not 1 to 3 letters.
pub fn column_index(letters: &str) -> Option<usize> {
    let l = letters.trim();
    if l.is_empty() || l.len() > 3 || !l.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut n = 0usize;
    for c in l.chars() {
        n = n * 26 + (c.to_ascii_uppercase() as usize - 'A' as usize + 1);
    }
    Some(n - 1)
}

/// Column ranges such as "G:AP", "D:F,H" → 0-based indices, in order.
pub fn parse_ranges(spec: &str) -> Option<Vec<usize>> {
    let mut out = Vec::new();
    for part in spec.split([',', '，']).map(str::trim).filter(|p| !p.is_empty()) {
        let (a, b) = match part.split_once([':', '-', '：']) {
            Some((a, b)) => (column_index(a)?, column_index(b)?),
            None => {
                let a = column_index(part)?;
                (a, a)
            }
        };
        if a > b {
            return None;
        }
        out.extend(a..=b);
    }
    (!out.is_empty()).then_some(out)
}

/// Metadata columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Meta {
    Name,
    Department,
    Role,
    Rater,
    Session,
    TakenAt,
    /// Time spent answering (a form service's 所用时间, 答题时长).
    Seconds,
}

impl Meta {
    pub(super) const ALL: [Meta; 7] =
        [Meta::Name, Meta::Department, Meta::Role, Meta::Rater, Meta::Session, Meta::TakenAt, Meta::Seconds];

    pub(super) fn names(self) -> (&'static str, &'static str) {
        match self {
            Meta::Name => ("name", "姓名"),
            Meta::Department => ("department", "部门"),
            Meta::Role => ("role", "角色"),
            Meta::Rater => ("rater", "评价人"),
            Meta::Session => ("session", "场次"),
            Meta::TakenAt => ("taken_at", "时间"),
            Meta::Seconds => ("seconds", "用时"),
        }
    }

    /// Other names a form service gives the column (SPEC §15).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Meta::TakenAt => &["提交答卷时间", "结束答题时间"],
            Meta::Seconds => &["所用时间", "答题时长"],
            Meta::Name | Meta::Department | Meta::Role | Meta::Rater | Meta::Session => &[],
        }
    }

    pub(super) fn of(header: &str) -> Option<Meta> {
        let h = bare(header);
        Meta::ALL.into_iter().find(|m| {
            let (en, zh) = m.names();
            h.eq_ignore_ascii_case(en) || h == zh || m.aliases().contains(&h)
        })
    }
}

/// A form service whose export is recognised by its own columns (SPEC §15).
pub use crate::i18n::readers::FormService as Service;

impl Service {
    /// The service's own columns that are neither time nor answers: left out.
    fn ignored(self) -> &'static [&'static str] {
        match self {
            Service::Wjx => &["序号", "来源", "来源详情", "来自IP", "总分"],
            Service::Tencent => &[
                "编号",
                "开始答题时间",
                "地理位置国家和地区",
                "地理位置省",
                "地理位置市",
                "自定义字段",
                "用户类型",
                "用户标识",
                "昵称",
                "IP",
                "UA",
                "Referrer",
                "清洗数据结果",
                "智能清洗数据无效概率",
            ],
        }
    }

    /// Columns only this service writes: two of them tell its export.
    fn marks(self) -> &'static [&'static str] {
        match self {
            Service::Wjx => &["提交答卷时间", "所用时间", "来源详情", "来自IP"],
            Service::Tencent => &[
                "开始答题时间",
                "结束答题时间",
                "答题时长",
                "地理位置国家和地区",
                "用户标识",
                "清洗数据结果",
                "智能清洗数据无效概率",
            ],
        }
    }

    /// The service whose export a header is, if any.
    pub(super) fn detect(heads: &[String]) -> Option<Service> {
        [Service::Wjx, Service::Tencent]
            .into_iter()
            .find(|s| heads.iter().filter(|h| s.marks().contains(&bare(h))).count() >= 2)
    }

    /// Whether a header is one of the service's own columns left out.
    fn ignores(self, header: &str) -> bool {
        let h = bare(header);
        self.ignored().iter().any(|x| x.eq_ignore_ascii_case(h))
    }
}

/// A header without the question number a form service puts before it
/// ("1、姓名", "2.部门", "Q3 …", "第3题", "(3)") and without spaces around.
pub(super) fn bare(header: &str) -> &str {
    let h = header.trim();
    let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    // 第3题
    if let Some(rest) = h.strip_prefix('第') {
        let n = digits(rest);
        if n > 0
            && let Some(after) = rest[n..].strip_prefix('题')
        {
            return after.trim_start_matches([' ', '：', ':', '、', '.', '．']).trim();
        }
    }
    // (3) or （3）
    for (open, close) in [('(', ')'), ('（', '）')] {
        if let Some(rest) = h.strip_prefix(open) {
            let n = digits(rest);
            if n > 0
                && let Some(after) = rest[n..].strip_prefix(close)
            {
                return after.trim();
            }
        }
    }
    // 1、 2. 3． Q3 Q3. 3) 3 xxx
    let rest = h.strip_prefix(['Q', 'q']).unwrap_or(h);
    let n = digits(rest);
    if n > 0 {
        let after = &rest[n..];
        for sep in ["、", ".", "．", ")", "）", ":", "：", " "] {
            if let Some(a) = after.strip_prefix(sep) {
                let a = a.trim();
                // "3.5" is a number, not a question number.
                let decimal = sep == "." && a.starts_with(|c: char| c.is_ascii_digit());
                if !a.is_empty() && !decimal {
                    return a;
                }
            }
        }
    }
    h
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Use {
    Ignored,
    Meta(Meta),
    /// `--attribute-columns`: kept as a subject attribute named by its header.
    Attribute,
    /// Index of the item in rubric order.
    Item(usize),
}

/// A column's place in messages: "column D (learning.routine)".
pub(super) fn column_name(index: usize, header: &str, lang: Lang) -> String {
    i18n::msg(lang).column_name(&column_letter(index), header.trim())
}

/// A form service's export recognised: the service, and how many of its
/// own columns were recognised (left out, or read as time taken and submit
/// time).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Recognised {
    pub service: Service,
    pub columns: usize,
}

/// What each column is, the problems of the header, and the form service
/// recognised.
pub(super) struct Plan {
    pub(super) uses: Vec<Use>,
    pub(super) problems: Vec<Problem>,
    pub(super) recognised: Option<Recognised>,
}

/// Decide what each column is. Every problem is returned, not the first.
pub(super) fn plan(
    heads: &[String],
    column_empty: &dyn Fn(usize) -> bool,
    line: usize,
    rubric: &Rubric,
    opts: &Options,
    lang: Lang,
) -> Plan {
    let mut p = Planning {
        heads,
        line,
        rubric,
        lang,
        text: i18n::msg(lang),
        uses: vec![None; heads.len()],
        problems: Vec::new(),
        last: column_letter(heads.len().saturating_sub(1)),
    };
    p.ignore(&opts.ignore);
    p.attributes(&opts.attributes);
    let recognised = p.service();
    let Ok(item_range) = p.item_range(opts.item_columns.as_deref()) else {
        return Plan { uses: Vec::new(), problems: p.problems, recognised };
    };
    let candidates = p.candidates(item_range.as_deref(), column_empty);

    // Items: by id (or by statement, in any of the rubric's languages, as a
    // form service titles a question), or in rubric order.
    let items: Vec<&str> = rubric.items().map(|(_, _, it)| it.id.as_str()).collect();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, (_, _, it)) in rubric.items().enumerate() {
        // The statement as asked of oneself, and of a rater who is not the subject.
        for (_, t) in it.text.strings().into_iter().chain(it.others.iter().flat_map(|o| o.strings())) {
            index.entry(t.trim()).or_insert(i);
        }
    }
    for (i, id) in items.iter().enumerate() {
        index.insert(id, i);
    }
    let all_ids = candidates.iter().all(|&c| index.contains_key(bare(&heads[c])));
    let mode = opts.columns.unwrap_or(if item_range.is_some() && !all_ids { Columns::Order } else { Columns::Id });
    match mode {
        Columns::Id => p.items_by_id(&candidates, &items, &index),
        Columns::Order => p.items_in_order(&candidates, &items),
    }
    p.name_column();
    Plan { uses: p.uses.into_iter().map(|u| u.unwrap_or(Use::Ignored)).collect(), problems: p.problems, recognised }
}

/// The columns of a header being worked out, and the problems so far.
struct Planning<'a> {
    heads: &'a [String],
    /// The header's line.
    line: usize,
    rubric: &'a Rubric,
    lang: Lang,
    text: &'static dyn Messages,
    uses: Vec<Option<Use>>,
    problems: Vec<Problem>,
    /// The letters of the last column.
    last: String,
}

impl Planning<'_> {
    fn push(&mut self, column: usize, diag: Diagnostic) {
        self.problems.push(Problem { line: self.line, column, diag });
    }

    /// --ignore-columns: a header, else column letters. One that names no
    /// column is only a warning: a column it meant to drop is an error anyway.
    fn ignore(&mut self, ignore: &[String]) {
        let heads = self.heads;
        for token in ignore.iter().flat_map(|v| v.split([',', '，'])).map(str::trim).filter(|t| !t.is_empty()) {
            let by_name = by_name(heads, token);
            if !by_name.is_empty() {
                for i in by_name {
                    self.uses[i] = Some(Use::Ignored);
                }
                continue;
            }
            // Letters, or ranges of them such as A:F.
            let columns = if token.contains([':', '-', '：']) {
                parse_ranges(token)
            } else {
                column_index(token).map(|i| vec![i])
            };
            match columns {
                Some(cols) if cols.iter().all(|&i| i < heads.len()) => {
                    for i in cols {
                        self.uses[i] = Some(Use::Ignored);
                    }
                }
                Some(cols) => {
                    for i in cols.into_iter().filter(|&i| i < heads.len()) {
                        self.uses[i] = Some(Use::Ignored);
                    }
                    let d = Diagnostic::warning(self.text.ignore_column_beyond(token, &self.last));
                    self.push(0, d);
                }
                None => {
                    let d = Diagnostic::warning(self.text.ignore_column_unknown(token))
                        .help(self.text.ignore_column_unknown_help());
                    self.push(0, d);
                }
            }
        }
    }

    /// --attribute-columns: by header or letter, each kept as a subject
    /// attribute; one that names no column is an error.
    fn attributes(&mut self, names: &[String]) {
        let heads = self.heads;
        for token in names.iter().flat_map(|v| v.split([',', '，'])).map(str::trim).filter(|t| !t.is_empty()) {
            let mut found = by_name(heads, token);
            if found.is_empty()
                && let Some(i) = column_index(token).filter(|&i| i < heads.len())
            {
                found.push(i);
            }
            if found.is_empty() {
                let d = Diagnostic::error(self.text.attribute_column_unknown(token))
                    .help(self.text.attribute_column_unknown_help());
                self.push(0, d);
            }
            for i in found {
                // Its header names the attribute in every result (SPEC §12).
                if let Some((at, c)) = crate::answers::unsafe_at(bare(&heads[i])) {
                    let place = self.text.cell_place(self.line, &column_name(i, &heads[i], self.lang));
                    let d = Diagnostic::error(format!("{place}{}", self.text.unsafe_cell(c, at)))
                        .help(self.text.unsafe_help());
                    self.push(i + 1, d);
                }
                self.uses[i] = Some(Use::Attribute);
            }
        }
    }

    /// A form service's export: its own columns left out (time taken and
    /// submit time are metadata, read).
    fn service(&mut self) -> Option<Recognised> {
        let service = Service::detect(self.heads)?;
        let mut columns = 0;
        for (i, head) in self.heads.iter().enumerate() {
            if service.ignores(head) {
                self.uses[i].get_or_insert(Use::Ignored);
                columns += 1;
            } else if Meta::of(head).is_some_and(|m| m.aliases().contains(&bare(head))) {
                columns += 1;
            }
        }
        Some(Recognised { service, columns })
    }

    /// --item-columns: these and only these are items. Err: they are wrong
    /// (a problem pushed), and no column is worked out further.
    fn item_range(&mut self, spec: Option<&str>) -> Result<Option<Vec<usize>>, ()> {
        let Some(spec) = spec else { return Ok(None) };
        match parse_ranges(spec) {
            Some(r) if r.iter().all(|&i| i < self.heads.len()) => Ok(Some(r)),
            Some(_) => {
                let d = Diagnostic::error(self.text.item_columns_beyond(spec, &self.last));
                self.push(0, d);
                Err(())
            }
            None => {
                let d =
                    Diagnostic::error(self.text.item_columns_unknown(spec)).help(self.text.item_columns_unknown_help());
                self.push(0, d);
                Err(())
            }
        }
    }

    /// Candidates for items, in column order; the metadata columns are
    /// placed, and the columns that are neither are problems, except
    /// outside `--item-columns`: those are left out, in one note.
    fn candidates(&mut self, item_range: Option<&[usize]>, column_empty: &dyn Fn(usize) -> bool) -> Vec<usize> {
        let heads = self.heads;
        let mut candidates: Vec<usize> = Vec::new();
        let mut seen_meta: HashMap<Meta, usize> = HashMap::new();
        let mut outside: Vec<usize> = Vec::new();
        for (i, head) in heads.iter().enumerate() {
            if self.uses[i].is_some() {
                continue;
            }
            if let Some(range) = item_range {
                if range.contains(&i) {
                    candidates.push(i);
                    continue;
                }
            } else if Meta::of(head).is_none() && !head.trim().is_empty() {
                candidates.push(i);
                continue;
            }
            if let Some(m) = Meta::of(head) {
                if let Some(&first) = seen_meta.get(&m) {
                    let column = column_name(i, head, self.lang);
                    let d =
                        Diagnostic::error(self.text.meta_column_repeated(&column, &column_letter(first), m.names()))
                            .help(ignore_help(i, self.lang));
                    self.push(i + 1, d);
                } else {
                    seen_meta.insert(m, i);
                    self.uses[i] = Some(Use::Meta(m));
                }
                continue;
            }
            if head.trim().is_empty() && column_empty(i) {
                self.uses[i] = Some(Use::Ignored);
                continue;
            }
            if item_range.is_some() {
                outside.push(i);
                self.uses[i] = Some(Use::Ignored);
                continue;
            }
            if head.trim().is_empty() {
                let column = column_name(i, "", self.lang);
                let d = Diagnostic::error(self.text.unheaded_column_with_data(&column)).help(ignore_help(i, self.lang));
                self.push(i + 1, d);
            } else {
                let d = neither(i, head, self.rubric, self.lang);
                self.push(i + 1, d);
            }
            self.uses[i] = Some(Use::Ignored);
        }
        if !outside.is_empty() {
            let d = Diagnostic::warning(self.text.columns_outside_items(outside.len(), &letter_spans(&outside)));
            self.push(0, d);
        }
        candidates
    }

    /// Item columns by the item id in their header.
    fn items_by_id(&mut self, candidates: &[usize], items: &[&str], index: &HashMap<&str, usize>) {
        let heads = self.heads;
        let mut taken: HashMap<usize, usize> = HashMap::new();
        for &c in candidates {
            match index.get(bare(&heads[c])) {
                Some(&k) => match taken.get(&k) {
                    Some(&first) => {
                        let column = column_name(c, &heads[c], self.lang);
                        let d = Diagnostic::error(self.text.item_column_repeated(&column, &column_letter(first)))
                            .help(ignore_help(c, self.lang));
                        self.push(c + 1, d);
                    }
                    None => {
                        taken.insert(k, c);
                        self.uses[c] = Some(Use::Item(k));
                    }
                },
                None => {
                    let d = neither(c, &heads[c], self.rubric, self.lang);
                    self.push(c + 1, d);
                    self.uses[c] = Some(Use::Ignored);
                }
            }
        }
        let missing: Vec<&str> =
            items.iter().enumerate().filter(|(k, _)| !taken.contains_key(k)).map(|(_, id)| *id).collect();
        if !missing.is_empty() && !candidates.is_empty() && self.problems.iter().all(|p| !p.diag.is_error()) {
            let shown: Vec<&str> = missing.iter().take(8).copied().collect();
            let more = if missing.len() > shown.len() { "…" } else { "" };
            let list = format!("{}{more}", shown.join(", "));
            let d = if self.rubric.scale.allow_skip {
                Diagnostic::warning(self.text.items_without_column_skipped(missing.len(), &list))
            } else {
                Diagnostic::error(self.text.items_without_column(missing.len(), &list))
                    .help(self.text.items_without_column_help())
            };
            self.push(0, d);
        }
    }

    /// Item columns in rubric order, whatever their header says.
    fn items_in_order(&mut self, candidates: &[usize], items: &[&str]) {
        if candidates.len() != items.len() {
            let span = match (candidates.first(), candidates.last()) {
                (Some(&a), Some(&b)) => format!("{}–{}", column_letter(a), column_letter(b)),
                _ => "—".to_string(),
            };
            let d = Diagnostic::error(self.text.order_count_mismatch(
                candidates.len(),
                &span,
                &self.rubric.id,
                items.len(),
            ))
            .help(self.text.order_count_mismatch_help());
            self.push(0, d);
        } else {
            for (k, &c) in candidates.iter().enumerate() {
                self.uses[c] = Some(Use::Item(k));
            }
        }
    }

    fn name_column(&mut self) {
        if !self.uses.contains(&Some(Use::Meta(Meta::Name))) {
            let d = Diagnostic::error(self.text.no_name_column()).help(self.text.no_name_column_help());
            self.push(0, d);
        }
    }
}

/// Columns as letters and runs of them: "A–F, H".
pub(super) fn letter_spans(columns: &[usize]) -> String {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for &c in columns {
        match spans.last_mut() {
            Some((_, end)) if *end + 1 == c => *end = c,
            _ => spans.push((c, c)),
        }
    }
    let said: Vec<String> = spans
        .iter()
        .map(|&(a, b)| match b - a {
            0 => column_letter(a),
            1 => format!("{}, {}", column_letter(a), column_letter(b)),
            _ => format!("{}–{}", column_letter(a), column_letter(b)),
        })
        .collect();
    said.join(", ")
}

/// The columns a header names, with or without its question number.
fn by_name(heads: &[String], token: &str) -> Vec<usize> {
    (0..heads.len()).filter(|&i| heads[i].trim() == token || bare(&heads[i]) == token).collect()
}

fn ignore_help(i: usize, lang: Lang) -> String {
    i18n::msg(lang).ignore_column_help(&column_letter(i))
}

fn neither(i: usize, header: &str, rubric: &Rubric, lang: Lang) -> Diagnostic {
    let text = i18n::msg(lang);
    Diagnostic::error(text.neither_meta_nor_item(&column_name(i, header, lang), &rubric.id))
        .help(text.neither_meta_nor_item_help(&column_letter(i)))
}

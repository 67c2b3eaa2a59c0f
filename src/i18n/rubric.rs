//! The catalogue's texts for loading and checking rubrics, diagnostics, showing a rubric.

/// The three texts of most diagnostics: what is wrong, the label under its
/// marker, and what to do.
pub struct DiagText {
    pub message: String,
    pub label: String,
    pub help: String,
}

impl DiagText {
    pub fn new(message: impl Into<String>, label: impl Into<String>, help: impl Into<String>) -> DiagText {
        DiagText { message: message.into(), label: label.into(), help: help.into() }
    }
}

/// What owns a key of a rubric: the table it is named by in messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    Section,
    Dimension,
    Item,
    Profile,
}

/// What a serde message says was found in place of the expected value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found<'a> {
    Integer(&'a str),
    Float(&'a str),
    /// The string as serde quotes it.
    Str(&'a str),
    Boolean(&'a str),
    Array,
    Table,
    Null,
    /// Serde's own words.
    Other(&'a str),
}

/// What a serde message says was expected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected<'a> {
    Number,
    WholeNumber,
    Boolean,
    Str,
    Array,
    Table,
    /// A rubric text: a string, or a table by language.
    Text,
    /// Serde's own words.
    Other(&'a str),
}

/// Texts for loading and checking rubrics, diagnostics, showing a rubric.
pub trait RubricText {
    // Diagnostics as rendered.
    /// The name of an error, before its message.
    fn diag_error(&self) -> &'static str;
    fn diag_warning(&self) -> &'static str;
    fn diag_help(&self) -> &'static str;

    // Reading the file.
    fn rubric_file_too_large(&self, bytes: usize) -> String;
    fn rubric_file_too_large_help(&self) -> &'static str;
    fn rubric_not_utf8(&self) -> DiagText;
    fn rubric_syntax_help(&self) -> &'static str;
    /// "TOML syntax error: " and the parser's words.
    fn toml_syntax_error(&self, detail: &str) -> String;
    fn toml_value_missing(&self) -> &'static str;
    /// One of the TOML parser's phrases (its words are English) in the
    /// interface language; None for a phrase not known here.
    fn toml_phrase(&self, english: &str) -> Option<String>;
    /// A TOML syntax error and what was expected there (phrases already said).
    fn toml_expected(&self, what: &str, expected: &[String]) -> String;
    /// A TOML syntax error the catalogue has no words for (the place is shown).
    fn toml_syntax_other(&self, english: &str) -> String;
    /// An array (or inline table) whose `open` bracket `close` never closes.
    fn toml_unclosed(&self, inline_table: bool, open: char, close: char) -> DiagText;

    // The shape (serde).
    fn rubric_missing_key(&self, key: &str) -> String;
    fn rubric_wrong_type(&self, expected: &str, found: &str) -> String;
    /// A serde message with no better words.
    fn rubric_serde_other(&self, message: &str) -> String;
    fn rubric_found(&self, found: Found) -> String;
    fn rubric_expected(&self, expected: Expected) -> String;
    fn rubric_wrong_type_help(&self) -> &'static str;
    fn rubric_missing_key_help(&self, key: &str) -> String;
    fn rubric_table_lacks_key(&self, key: &str) -> String;
    /// A section, dimension or item (`owner` with its `id`) that lacks a
    /// required key, marked at its header: which one, and what to add.
    fn rubric_owner_lacks_key(&self, owner: Owner, id: &str, key: &str) -> DiagText;
    fn rubric_unknown_key(&self, key: &str, owner: Option<(Owner, &str)>) -> DiagText;

    // The meaning (the checks).
    /// "`title` of section "work"".
    fn rubric_key_of(&self, owner: Owner, id: &str, key: &str) -> String;
    /// `fields`: `zh = "…", en = "…"`.
    fn rubric_plain_text(&self, what: &str, languages: usize, fields: &str) -> DiagText;
    fn rubric_missing_translation(&self, what: &str, lang: &str) -> DiagText;
    fn rubric_undeclared_language(&self, what: &str, lang: &str) -> DiagText;
    fn rubric_empty_text(&self, what: &str) -> DiagText;
    fn rubric_bad_weight(&self, weight: f64) -> DiagText;
    /// A weight over the largest allowed, `max`.
    fn rubric_weight_too_large(&self, weight: f64, max: f64) -> DiagText;
    fn rubric_bad_target(&self, target: f64) -> DiagText;
    /// An invalid id, with a valid one close to it or else an example.
    fn rubric_bad_id(&self, owner: Owner, id: &str, suggestion: Option<&str>, example: &str) -> DiagText;
    fn rubric_duplicate_id(&self, id: &str) -> DiagText;
    fn rubric_first_defined_here(&self) -> &'static str;
    fn rubric_bad_format(&self, format: i64) -> DiagText;
    fn rubric_bad_rubric_id(&self, id: &str) -> DiagText;
    fn rubric_empty_version(&self) -> DiagText;
    fn rubric_no_languages(&self) -> DiagText;
    fn rubric_bad_language(&self, code: &str) -> DiagText;
    fn rubric_repeated_language(&self, code: &str) -> DiagText;
    fn rubric_scale_min_not_below_max(&self, min: i64, max: i64) -> DiagText;
    fn rubric_scale_too_many_points(&self, points: i64) -> DiagText;
    fn rubric_scale_label_count(&self, points: usize, labels: usize, min: i64, max: i64) -> DiagText;
    fn rubric_bad_gap_bands(&self, minor: f64, moderate: f64) -> DiagText;
    fn rubric_no_sections(&self) -> DiagText;
    fn rubric_empty_section(&self, id: &str) -> DiagText;
    fn rubric_empty_dimension(&self, id: &str) -> DiagText;
    fn rubric_few_items(&self, id: &str, items: usize) -> DiagText;
    fn rubric_anchor_count(&self, item: &str, anchors: usize, points: usize) -> DiagText;
    fn rubric_too_many_items(&self, items: usize, limit: usize) -> DiagText;
    fn rubric_bad_profile_id(&self, id: &str) -> DiagText;
    fn rubric_profile_unknown_target(&self, profile: &str, key: &str) -> DiagText;
    /// A warning: `with` of the rubric's `total` items have `others` (the
    /// text for raters who are not the subject); `first_without` has none.
    fn rubric_others_mixed(&self, with: usize, total: usize, first_without: &str) -> DiagText;
    /// An item with `opposite` that is not `reverse = true`.
    fn rubric_opposite_not_reverse(&self, item: &str) -> DiagText;
    /// `opposite` names no item of the item's own dimension; `elsewhere`:
    /// the dimension the named item is in, where it is another one.
    fn rubric_opposite_unknown(&self, item: &str, opposite: &str, dimension: &str, elsewhere: Option<&str>)
    -> DiagText;
    /// `opposite` names an item that is itself reverse-keyed.
    fn rubric_opposite_is_reverse(&self, item: &str, opposite: &str) -> DiagText;
    /// A second `opposite` naming the same item.
    fn rubric_opposite_twice(&self, opposite: &str) -> DiagText;
    fn rubric_first_named_here(&self) -> &'static str;
    /// A value that is not one of the names a key allows (`order`,
    /// `self_rating`); `found` as serde quotes it, `allowed` the names.
    fn rubric_unknown_variant(&self, found: &str, allowed: &[&str]) -> String;

    // Showing a rubric.
    /// The list's headers after "id": version, title, dimensions, items, profiles.
    fn rubric_list_headers(&self) -> [&'static str; 5];
    /// `target` is already written as a number.
    fn rubric_outline_summary(
        &self,
        sections: usize,
        dimensions: usize,
        items: usize,
        minutes: usize,
        target: &str,
    ) -> String;
    fn rubric_outline_scale(&self) -> &'static str;
    fn rubric_outline_profile(&self) -> &'static str;
    fn rubric_outline_target(&self) -> &'static str;
    fn rubric_reverse_mark(&self) -> &'static str;
    /// After a reverse item: the plain item whose opposite it states.
    fn rubric_opposite_mark(&self, opposite: &str) -> String;
    /// Before an item's text as asked of raters who are not the subject.
    fn rubric_others_mark(&self) -> &'static str;
    /// After the title of a dimension with `self_rating = "reflect"`.
    fn rubric_reflect_mark(&self) -> &'static str;
    fn rubric_suggestions_heading(&self) -> &'static str;
    /// The comment lines that open an answers template, ending in a blank line.
    fn rubric_template_intro(&self, title: &str, id: &str, version: &str, scale: TemplateScale) -> String;
    fn rubric_template_session(&self) -> &'static str;
    fn rubric_template_name_note(&self) -> &'static str;
    fn rubric_template_department(&self) -> &'static str;
    fn rubric_template_rater_note(&self) -> &'static str;
    /// A rater's template: every statement is about the person assessed.
    fn rubric_template_about_note(&self) -> &'static str;
}

/// The scale as an answers template explains it.
#[derive(Clone, Copy, Debug)]
pub struct TemplateScale<'a> {
    pub min: i64,
    pub max: i64,
    /// "1 完全不符合", …
    pub labels: &'a [String],
    pub allow_skip: bool,
}

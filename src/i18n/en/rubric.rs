use crate::i18n::rubric::{DiagText, Expected, Found, Owner, RubricText, TemplateScale};
use crate::i18n::{En, plural};

fn owner(o: Owner) -> &'static str {
    match o {
        Owner::Section => "section",
        Owner::Dimension => "dimension",
        Owner::Item => "item",
        Owner::Profile => "profile",
    }
}

impl RubricText for En {
    fn diag_error(&self) -> &'static str {
        "error"
    }
    fn diag_warning(&self) -> &'static str {
        "warning"
    }
    fn diag_help(&self) -> &'static str {
        "help"
    }

    fn rubric_file_too_large(&self, bytes: usize) -> String {
        format!("the file is {bytes} bytes, over the 1 MiB limit for a rubric")
    }
    fn rubric_file_too_large_help(&self) -> &'static str {
        "split the rubric, or remove items it does not need"
    }
    fn rubric_not_utf8(&self) -> DiagText {
        DiagText::new("the file is not UTF-8", "invalid byte here", "save the rubric file as UTF-8")
    }
    fn rubric_syntax_help(&self) -> &'static str {
        "correct the TOML syntax here (strings in double quotes, one key per line)"
    }
    fn toml_syntax_error(&self, detail: &str) -> String {
        format!("TOML syntax error: {detail}")
    }
    fn toml_value_missing(&self) -> &'static str {
        "a value is missing after `=`"
    }
    fn toml_phrase(&self, english: &str) -> Option<String> {
        Some(english.to_string())
    }
    fn toml_expected(&self, what: &str, expected: &[String]) -> String {
        format!("{what}, expected {}", expected.join(", "))
    }
    fn toml_syntax_other(&self, english: &str) -> String {
        english.to_string()
    }
    fn toml_unclosed(&self, inline_table: bool, open: char, close: char) -> DiagText {
        let what = if inline_table { "inline table" } else { "array" };
        DiagText::new(
            format!("TOML syntax error: this {what}'s `{open}` is never closed"),
            format!("no `{close}` closes it"),
            format!("add the `{close}` where the {what} ends (every line after it was read as part of it)"),
        )
    }

    fn rubric_missing_key(&self, key: &str) -> String {
        format!("missing key `{key}`")
    }
    fn rubric_wrong_type(&self, expected: &str, found: &str) -> String {
        format!("expected {expected}, found {found}")
    }
    fn rubric_serde_other(&self, message: &str) -> String {
        message.to_string()
    }
    fn rubric_found(&self, found: Found) -> String {
        match found {
            Found::Integer(n) => format!("the integer {n}"),
            Found::Float(n) => format!("the number {n}"),
            Found::Str(s) => format!("the string {s}"),
            Found::Boolean(b) => format!("the boolean {b}"),
            Found::Array => "an array".into(),
            Found::Table => "a table".into(),
            Found::Null => "null".into(),
            Found::Other(s) => s.to_string(),
        }
    }
    fn rubric_expected(&self, expected: Expected) -> String {
        match expected {
            Expected::Number => "a number",
            Expected::WholeNumber => "a whole number",
            Expected::Boolean => "true or false",
            Expected::Str => "a string in double quotes",
            Expected::Array => "an array [ … ]",
            Expected::Table => "a table",
            Expected::Text => "a text: a string, or a table by language such as { zh = \"…\", en = \"…\" }",
            Expected::Other(e) => e,
        }
        .to_string()
    }
    fn rubric_wrong_type_help(&self) -> &'static str {
        "write the type the rubric format asks for; `zhixing schema rubric` describes every key"
    }
    fn rubric_missing_key_help(&self, key: &str) -> String {
        match key {
            "scale" => "add a [scale] table with min, max and labels".to_string(),
            "sections" => {
                "add a [[sections]] with its [[sections.dimensions]] and [[sections.dimensions.items]]".to_string()
            }
            "dimensions" => "add [[sections.dimensions]] under this section".to_string(),
            "items" => "add [[sections.dimensions.items]] under this dimension".to_string(),
            _ => format!("add `{key} = …` (see `zhixing schema rubric`)"),
        }
    }
    fn rubric_table_lacks_key(&self, key: &str) -> String {
        format!("this table has no `{key}`")
    }
    fn rubric_owner_lacks_key(&self, o: Owner, id: &str, key: &str) -> DiagText {
        let help = match (o, key) {
            (Owner::Dimension, "items") => format!(
                "add its items under dimension \"{id}\": [[sections.dimensions.items]] with an id and a text each; or remove the dimension"
            ),
            (Owner::Section, "dimensions") => format!(
                "add its dimensions under section \"{id}\": [[sections.dimensions]] with an id, a title and items; or remove the section"
            ),
            _ => format!("add `{key} = …` to {} \"{id}\" (see `zhixing schema rubric`)", owner(o)),
        };
        let message = match (o, key) {
            (Owner::Dimension, "items") => {
                format!("dimension \"{id}\" has no items: the required key `items` is missing")
            }
            (Owner::Section, "dimensions") => {
                format!("section \"{id}\" has no dimensions: the required key `dimensions` is missing")
            }
            _ => format!("{} \"{id}\" lacks the required key `{key}`", owner(o)),
        };
        DiagText::new(message, self.rubric_table_lacks_key(key), help)
    }
    fn rubric_unknown_key(&self, key: &str, owner_id: Option<(Owner, &str)>) -> DiagText {
        DiagText::new(
            match owner_id {
                None => format!("unknown key `{key}`"),
                Some((o, id)) => format!("unknown key `{key}` in {} \"{id}\"", owner(o)),
            },
            "not a key of the rubric format",
            "check the spelling or remove it; `zhixing schema rubric` lists every allowed key",
        )
    }

    fn rubric_key_of(&self, o: Owner, id: &str, key: &str) -> String {
        format!("`{key}` of {} \"{id}\"", owner(o))
    }
    fn rubric_plain_text(&self, what: &str, languages: usize, fields: &str) -> DiagText {
        DiagText::new(
            format!("{what} is a plain string, but the rubric has {languages} languages"),
            "expected a table of texts by language",
            format!("write it as {{ {fields} }}"),
        )
    }
    fn rubric_missing_translation(&self, what: &str, lang: &str) -> DiagText {
        DiagText::new(
            format!("{what} has no `{lang}` text"),
            format!("missing {lang}"),
            format!("add {lang} = \"…\": every text needs each language in `languages`"),
        )
    }
    fn rubric_undeclared_language(&self, what: &str, lang: &str) -> DiagText {
        DiagText::new(
            format!("{what} has a `{lang}` text, but `{lang}` is not in `languages`"),
            "undeclared language",
            format!("add \"{lang}\" to `languages`, or remove this text"),
        )
    }
    fn rubric_empty_text(&self, what: &str) -> DiagText {
        DiagText::new(format!("{what} is empty"), "empty text", "write the text")
    }
    fn rubric_bad_weight(&self, weight: f64) -> DiagText {
        DiagText::new(
            format!("weight {weight} is not valid"),
            "a weight must be finite and > 0",
            "use a number above 0 such as 1.0, or remove the key (default 1)",
        )
    }
    fn rubric_weight_too_large(&self, weight: f64, max: f64) -> DiagText {
        let weight = if weight.abs() >= 1e15 { format!("{weight:e}") } else { weight.to_string() };
        DiagText::new(
            format!("the weight {weight} is too large"),
            format!("weights are at most {max}"),
            format!("use weights up to {max}: only their ratios count, such as 1, 2, 3"),
        )
    }
    fn rubric_bad_target(&self, target: f64) -> DiagText {
        DiagText::new(
            format!("target {target} is outside 0 to 100"),
            "targets are on the 0–100 scale",
            "use a number from 0 to 100, such as 80.0",
        )
    }
    fn rubric_bad_id(&self, o: Owner, id: &str, suggestion: Option<&str>, example: &str) -> DiagText {
        DiagText::new(
            format!("{} id \"{id}\" is not valid", owner(o)),
            "lowercase letters, digits, -, _ and . only, starting with a letter",
            match suggestion {
                Some(s) => format!("write it as \"{s}\""),
                None => format!("use an id such as \"{example}\""),
            },
        )
    }
    fn rubric_duplicate_id(&self, id: &str) -> DiagText {
        DiagText::new(
            format!("duplicate id \"{id}\""),
            "used again here",
            "ids of sections, dimensions and items are unique in the rubric: choose another",
        )
    }
    fn rubric_first_defined_here(&self) -> &'static str {
        "first defined here"
    }
    fn rubric_bad_format(&self, format: i64) -> DiagText {
        DiagText::new(
            format!("rubric format {format} is not supported"),
            "this zhixing reads format 1 only",
            "write format = 1, or use a zhixing that reads this format",
        )
    }
    fn rubric_bad_rubric_id(&self, id: &str) -> DiagText {
        DiagText::new(
            format!("rubric id \"{id}\" is not valid"),
            "lowercase letters, digits and - only",
            "use an id such as \"my-rubric\"",
        )
    }
    fn rubric_empty_version(&self) -> DiagText {
        DiagText::new("the version is empty", "empty version", "give a version such as \"1.0.0\"")
    }
    fn rubric_no_languages(&self) -> DiagText {
        DiagText::new(
            "`languages` is empty",
            "at least one language is needed",
            "for example languages = [\"zh\", \"en\"]",
        )
    }
    fn rubric_bad_language(&self, code: &str) -> DiagText {
        DiagText::new(
            format!("language code \"{code}\" is not valid"),
            "expected a lowercase language code",
            "use codes such as \"zh\" and \"en\"",
        )
    }
    fn rubric_repeated_language(&self, code: &str) -> DiagText {
        DiagText::new(format!("language \"{code}\" is listed twice"), "repeated", "remove the repeated language")
    }
    fn rubric_scale_min_not_below_max(&self, min: i64, max: i64) -> DiagText {
        DiagText::new(
            format!("scale min {min} is not below max {max}"),
            "min must be below max",
            "for example min = 1 and max = 5",
        )
    }
    fn rubric_scale_too_many_points(&self, points: i64) -> DiagText {
        DiagText::new(
            format!("the scale has {points} points; at most 11 are allowed"),
            "too many points",
            "narrow min..max, for example 1 to 5 or 0 to 10",
        )
    }
    fn rubric_scale_label_count(&self, points: usize, labels: usize, min: i64, max: i64) -> DiagText {
        DiagText::new(
            format!("the scale has {points} points but {labels} labels"),
            "one label per point",
            format!("give one label for each point from {min} to {max}"),
        )
    }
    fn rubric_bad_gap_bands(&self, minor: f64, moderate: f64) -> DiagText {
        DiagText::new(
            format!("gap bands minor = {minor}, moderate = {moderate} are not valid"),
            "needs 0 < minor < moderate <= 100",
            "for example minor = 10.0 and moderate = 20.0",
        )
    }
    fn rubric_no_sections(&self) -> DiagText {
        DiagText::new(
            "the rubric has no sections",
            "at least one [[sections]] is needed",
            "add a [[sections]] with [[sections.dimensions]] and items",
        )
    }
    fn rubric_empty_section(&self, id: &str) -> DiagText {
        DiagText::new(
            format!("section \"{id}\" has no dimensions"),
            "empty section",
            "add [[sections.dimensions]] under it, or remove the section",
        )
    }
    fn rubric_empty_dimension(&self, id: &str) -> DiagText {
        DiagText::new(
            format!("dimension \"{id}\" has no items"),
            "empty dimension",
            "add [[sections.dimensions.items]] under it, or remove the dimension",
        )
    }
    fn rubric_few_items(&self, id: &str, items: usize) -> DiagText {
        DiagText::new(
            format!(
                "dimension \"{id}\" has only {items} {}: its reliability cannot be estimated",
                plural(items, "item", "items")
            ),
            "fewer than 3 items",
            "give each dimension 3 to 6 items",
        )
    }
    fn rubric_anchor_count(&self, item: &str, anchors: usize, points: usize) -> DiagText {
        DiagText::new(
            format!("item \"{item}\" has {anchors} anchors but the scale has {points} points"),
            "one anchor per scale point",
            "describe each scale point once, or remove `anchors`",
        )
    }
    fn rubric_too_many_items(&self, items: usize, limit: usize) -> DiagText {
        DiagText::new(
            format!("the rubric has {items} items, over the limit of {limit}"),
            format!("item {}", limit + 1),
            "split it into several rubrics",
        )
    }
    fn rubric_bad_profile_id(&self, id: &str) -> DiagText {
        DiagText::new(
            format!("profile id \"{id}\" is not valid"),
            "lowercase letters, digits and - only",
            "use an id such as \"section-chief\"",
        )
    }
    fn rubric_profile_unknown_target(&self, profile: &str, key: &str) -> DiagText {
        DiagText::new(
            format!("profile \"{profile}\" sets a target for \"{key}\", which is not a section or dimension"),
            "no such section or dimension",
            "use the id of a section or dimension",
        )
    }
    fn rubric_others_mixed(&self, with: usize, total: usize, first_without: &str) -> DiagText {
        DiagText::new(
            format!("only {with} of the {total} items have `others`; item \"{first_without}\" and more have none"),
            "no `others`",
            "a rater who is not the subject (supervisor, peer, …) is asked an item without `others` in the first person: give every item a third-person `others`, or none",
        )
    }
    fn rubric_opposite_not_reverse(&self, item: &str) -> DiagText {
        DiagText::new(
            format!("item \"{item}\" has an `opposite` but is not reverse-keyed"),
            "only a reverse item names an opposite",
            "add reverse = true to this item, or remove `opposite`",
        )
    }
    fn rubric_opposite_unknown(
        &self,
        item: &str,
        opposite: &str,
        dimension: &str,
        elsewhere: Option<&str>,
    ) -> DiagText {
        let label = match elsewhere {
            Some(d) => format!("\"{opposite}\" is in dimension \"{d}\""),
            None => format!("no item \"{opposite}\""),
        };
        DiagText::new(
            format!(
                "`opposite` of item \"{item}\" names \"{opposite}\", which is not an item of dimension \"{dimension}\""
            ),
            label,
            "name a plain item of the same dimension by its id",
        )
    }
    fn rubric_opposite_is_reverse(&self, item: &str, opposite: &str) -> DiagText {
        DiagText::new(
            format!("`opposite` of item \"{item}\" names \"{opposite}\", which is reverse-keyed too"),
            "expected a plain item",
            "name a plain (not reverse) item of the same dimension",
        )
    }
    fn rubric_opposite_twice(&self, opposite: &str) -> DiagText {
        DiagText::new(
            format!("item \"{opposite}\" is named by two `opposite`s"),
            "named again here",
            "a plain item pairs with at most one reverse item: name another item, or remove one `opposite`",
        )
    }
    fn rubric_first_named_here(&self) -> &'static str {
        "first named here"
    }
    fn rubric_unknown_variant(&self, found: &str, allowed: &[&str]) -> String {
        let allowed: Vec<String> = allowed.iter().map(|a| format!("\"{a}\"")).collect();
        format!("{found} is not allowed here: expected one of {}", allowed.join(", "))
    }

    fn rubric_list_headers(&self) -> [&'static str; 5] {
        ["version", "title", "dimensions", "items", "profiles"]
    }
    fn rubric_outline_summary(
        &self,
        sections: usize,
        dimensions: usize,
        items: usize,
        minutes: usize,
        target: &str,
    ) -> String {
        format!(
            "{sections} sections, {dimensions} dimensions, {items} items, about {minutes} minutes; target {target}\n"
        )
    }
    fn rubric_outline_scale(&self) -> &'static str {
        "Scale: "
    }
    fn rubric_outline_profile(&self) -> &'static str {
        "Profile: "
    }
    fn rubric_outline_target(&self) -> &'static str {
        "target"
    }
    fn rubric_reverse_mark(&self) -> &'static str {
        " (reverse)"
    }
    fn rubric_opposite_mark(&self, opposite: &str) -> String {
        format!(" (opposite of {opposite})")
    }
    fn rubric_others_mark(&self) -> &'static str {
        "Asked of others: "
    }
    fn rubric_reflect_mark(&self) -> &'static str {
        " (self-review, not scored in a self-assessment)"
    }
    fn rubric_suggestions_heading(&self) -> &'static str {
        "Suggestions:"
    }
    fn rubric_template_intro(&self, title: &str, id: &str, version: &str, scale: TemplateScale) -> String {
        let mut o = format!("# {title} ({id} {version}): answers\n");
        o.push_str(&format!(
            "# Replace each \"?\" with a whole number from {} to {}: {}\n",
            scale.min,
            scale.max,
            scale.labels.join(", ")
        ));
        if scale.allow_skip {
            o.push_str("# Write \"skip\" for an item that does not apply.\n");
        }
        o.push_str(&format!("# Then run: zhixing score THIS-FILE --rubric {id}\n\n"));
        o
    }
    fn rubric_template_session(&self) -> &'static str {
        "Autumn 2026 class"
    }
    fn rubric_template_name_note(&self) -> &'static str {
        "name of the person assessed (required)"
    }
    fn rubric_template_department(&self) -> &'static str {
        "General office"
    }
    fn rubric_template_rater_note(&self) -> &'static str {
        "the rater's name, when rating someone else"
    }
    fn rubric_template_about_note(&self) -> &'static str {
        "Every statement below is about the person assessed: answer by what they actually do"
    }
}

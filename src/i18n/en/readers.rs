use crate::i18n::En;
use crate::i18n::readers::ReaderText;

impl ReaderText for En {
    fn unknown_answers_kind(&self) -> &'static str {
        "not a kind of answers file zhixing reads"
    }

    fn unknown_answers_kind_help(&self) -> &'static str {
        "answers files end in .toml, .json, .jsonl, .csv or .xlsx"
    }

    fn answers_not_utf8(&self) -> &'static str {
        "the file is not UTF-8"
    }

    fn answers_not_utf8_help(&self) -> &'static str {
        "save the answers file as UTF-8"
    }

    fn no_answers(&self) -> &'static str {
        "the file holds no answers"
    }

    fn no_answers_help(&self) -> &'static str {
        "write one JSON answers document a line"
    }

    fn toml_syntax_help(&self) -> &'static str {
        "correct the TOML syntax here"
    }

    fn json_syntax_error(&self) -> &'static str {
        "JSON syntax error: "
    }

    fn json_comma_missing(&self, close: &str) -> String {
        format!("`,` or `{close}` missing after this")
    }

    fn json_syntax_help(&self) -> &'static str {
        "correct the JSON syntax here (keys and strings in double quotes, a comma between entries)"
    }

    fn answers_unknown_key(&self, dotted: &str) -> String {
        format!("unknown key `{dotted}`")
    }

    fn answers_unknown_key_label(&self) -> &'static str {
        "not a key of the answers format"
    }

    fn subject_keys_help(&self) -> &'static str {
        "keys of [subject]: name, department"
    }

    fn rater_keys_help(&self) -> &'static str {
        "keys of [rater]: role, name"
    }

    fn answers_keys_help(&self) -> &'static str {
        "allowed keys: rubric, session, taken_at, [subject], [rater], [answers]; answers go under [answers]"
    }

    fn no_subject(&self) -> &'static str {
        "the answers have no [subject] (the person assessed)"
    }

    fn no_subject_help(&self) -> &'static str {
        "add [subject] with name = \"…\""
    }

    fn no_subject_name(&self) -> &'static str {
        "[subject] has no name"
    }

    fn no_subject_name_help(&self) -> &'static str {
        "add name = \"…\" under [subject]"
    }

    fn answers_shape_help(&self) -> &'static str {
        "correct it to the answers format (see `zhixing schema answers`)"
    }

    fn rubric_mismatch(&self, id: &str, used: &str) -> String {
        format!("these answers are for rubric \"{id}\", but the rubric used is \"{used}\"")
    }

    fn rubric_mismatch_label(&self) -> &'static str {
        "rubric mismatch"
    }

    fn rubric_mismatch_help(&self, id: &str) -> String {
        format!("score with --rubric {id}, or correct this")
    }

    fn subject_name_empty(&self) -> &'static str {
        "the subject's name is empty"
    }

    fn name_empty_help(&self) -> &'static str {
        "give the name of the person assessed"
    }

    fn answers_unknown_role(&self, role: &str) -> String {
        format!("unknown rater role \"{role}\"")
    }

    fn answers_roles_help(&self) -> &'static str {
        "roles are self, supervisor, peer, subordinate, other"
    }

    fn self_rating_has_rater_name(&self) -> &'static str {
        "a self-assessment has no rater name"
    }

    fn answers_self_rater_help(&self) -> &'static str {
        "remove rater.name, or set rater.role to supervisor, peer, subordinate or other"
    }

    fn answers_bad_time(&self, time: &str) -> String {
        format!("taken_at \"{time}\" is not an RFC 3339 time")
    }

    fn answers_time_help(&self) -> &'static str {
        "for example \"2026-11-28T09:30:00+08:00\""
    }

    fn unknown_item(&self, rubric: &str, id: &str) -> String {
        format!("rubric \"{rubric}\" has no item \"{id}\"")
    }

    fn unknown_item_label(&self) -> &'static str {
        "unknown item"
    }

    fn unknown_item_help(&self, rubric: &str) -> String {
        format!("`zhixing rubric template --rubric {rubric}` lists every item id")
    }

    fn answer_is_table(&self, id: &str) -> String {
        format!("the answer to \"{id}\" is a table or array, not a whole number")
    }

    fn answer_out_of_scale(&self, id: &str, shown: &str, min: i64, max: i64) -> String {
        format!("answer {shown} to \"{id}\" is outside the scale {min} to {max}")
    }

    fn answer_not_whole(&self, id: &str, shown: &str) -> String {
        format!("answer {shown} to \"{id}\" is not a whole number")
    }

    fn answer_skip_option(&self) -> &'static str {
        ", or \"skip\" for not applicable"
    }

    fn answer_expected_label(&self, min: i64, max: i64) -> String {
        format!("expected a whole number from {min} to {max}")
    }

    fn answer_help(&self, min: i64, max: i64, skip: &str) -> String {
        format!("write a whole number from {min} to {max}{skip}")
    }

    fn answer_cannot_skip(&self, id: &str) -> String {
        format!("item \"{id}\" cannot be skipped")
    }

    fn answer_cannot_skip_help(&self, min: i64, max: i64) -> String {
        format!("this rubric does not allow skipping: write a whole number from {min} to {max}")
    }

    fn items_not_answered(&self, n: usize, list: &str) -> String {
        format!("{n} {} not answered: {list}", crate::i18n::plural(n, "item", "items"))
    }

    fn items_not_answered_help(&self) -> &'static str {
        "this rubric does not allow skipping: answer every item"
    }
}

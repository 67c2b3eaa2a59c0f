//! The catalogue's texts for reading answers files, spreadsheets, JSON Lines and result files.

/// Texts for reading answers files, spreadsheets, JSON Lines and result files.
pub trait ReaderText {
    /// An input that is not a kind of answers file.
    fn unknown_answers_kind(&self) -> &'static str;
    /// The endings of answers files.
    fn unknown_answers_kind_help(&self) -> &'static str;
    /// An answers file that is not UTF-8.
    fn answers_not_utf8(&self) -> &'static str;
    /// Save it as UTF-8.
    fn answers_not_utf8_help(&self) -> &'static str;
    /// A JSON Lines file with no record.
    fn no_answers(&self) -> &'static str;
    /// How JSON Lines answers are written.
    fn no_answers_help(&self) -> &'static str;
    /// Help under a TOML syntax error of an answers file.
    fn toml_syntax_help(&self) -> &'static str;
    /// Before serde_json's message of a JSON syntax error.
    fn json_syntax_error(&self) -> &'static str;
    /// Label where a comma or closing bracket is missing.
    fn json_comma_missing(&self, close: &str) -> String;
    /// Help under a JSON syntax error of an answers file.
    fn json_syntax_help(&self) -> &'static str;
    /// A key the answers format does not have.
    fn answers_unknown_key(&self, dotted: &str) -> String;
    /// Label of an unknown key.
    fn answers_unknown_key_label(&self) -> &'static str;
    /// The keys of [subject].
    fn subject_keys_help(&self) -> &'static str;
    /// The keys of [rater].
    fn rater_keys_help(&self) -> &'static str;
    /// The keys of an answers document.
    fn answers_keys_help(&self) -> &'static str;
    /// Answers without [subject].
    fn no_subject(&self) -> &'static str;
    /// How to add [subject].
    fn no_subject_help(&self) -> &'static str;
    /// [subject] without name.
    fn no_subject_name(&self) -> &'static str;
    /// How to add the name.
    fn no_subject_name_help(&self) -> &'static str;
    /// Help under any other mistake in the shape of an answers document.
    fn answers_shape_help(&self) -> &'static str;
    /// Answers for another rubric than the one used.
    fn rubric_mismatch(&self, id: &str, used: &str) -> String;
    /// Label of the answers' rubric id.
    fn rubric_mismatch_label(&self) -> &'static str;
    /// How to score with the answers' rubric.
    fn rubric_mismatch_help(&self, id: &str) -> String;
    /// An answers document whose subject's name is empty.
    fn subject_name_empty(&self) -> &'static str;
    /// Give the name (answers files and spreadsheets).
    fn name_empty_help(&self) -> &'static str;
    /// A rater role zhixing does not know, in an answers file.
    fn answers_unknown_role(&self, role: &str) -> String;
    /// The rater roles, for an answers file.
    fn answers_roles_help(&self) -> &'static str;
    /// A self-assessment with a rater name (answers files and spreadsheets).
    fn self_rating_has_rater_name(&self) -> &'static str;
    /// How to fix a self-assessment with a rater name, in an answers file.
    fn answers_self_rater_help(&self) -> &'static str;
    /// A taken_at that is not RFC 3339.
    fn answers_bad_time(&self, time: &str) -> String;
    /// An example of an RFC 3339 time.
    fn answers_time_help(&self) -> &'static str;
    /// An answer to an item the rubric does not have.
    fn unknown_item(&self, rubric: &str, id: &str) -> String;
    /// Label of an unknown item.
    fn unknown_item_label(&self) -> &'static str;
    /// Where the item ids are listed.
    fn unknown_item_help(&self, rubric: &str) -> String;
    /// An answer that is a table or array.
    fn answer_is_table(&self, id: &str) -> String;
    /// An answer outside the scale.
    fn answer_out_of_scale(&self, id: &str, shown: &str, min: i64, max: i64) -> String;
    /// An answer that is not a whole number.
    fn answer_not_whole(&self, id: &str, shown: &str) -> String;
    /// After the help on an answer, where skipping is allowed.
    fn answer_skip_option(&self) -> &'static str;
    /// Label of a wrong answer.
    fn answer_expected_label(&self, min: i64, max: i64) -> String;
    /// Help on a wrong answer; `skip` is answer_skip_option or empty.
    fn answer_help(&self, min: i64, max: i64, skip: &str) -> String;
    /// A skipped answer where the rubric does not allow it.
    fn answer_cannot_skip(&self, id: &str) -> String;
    /// Help on a skipped answer where skipping is not allowed.
    fn answer_cannot_skip_help(&self, min: i64, max: i64) -> String;
    /// Items left out where the rubric does not allow skipping.
    fn items_not_answered(&self, n: usize, list: &str) -> String;
    /// Help on items left out.
    fn items_not_answered_help(&self) -> &'static str;
}

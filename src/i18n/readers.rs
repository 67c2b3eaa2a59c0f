//! The catalogue's texts for reading answers files, spreadsheets, JSON Lines and result files.

use std::path::Path;

use crate::error::Limit;

/// A form service whose export is read as it comes (SPEC §15).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormService {
    /// 问卷星 (wjx.cn).
    Wjx,
    /// 腾讯问卷.
    Tencent,
}

/// A limit of a workbook (SPEC §12) that a file goes over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SheetLimit {
    /// The workbook file over this many MiB.
    File { mib: u64 },
    /// The sheet declares a range beyond the rows and columns a sheet may have.
    Declared { range: String },
    /// A cell beyond the rows and columns a sheet may have.
    Beyond { cell: String },
    /// Sheets and shared strings, uncompressed, over this many MiB.
    Uncompressed { mib: u64 },
    /// More shared strings than this.
    SharedStrings { max: usize },
    /// One cell's text over this many MiB.
    CellText { cell: String, mib: u64 },
    /// All the cells' text over this many MiB.
    Text { mib: u64 },
    /// More cells with something in them than this.
    Cells { max: usize },
    /// A part of the zip other than sheets and shared strings over this many MiB.
    PartSize { part: String, mib: u64 },
    /// More cell styles (or fonts, fills, borders, number formats) than
    /// this, or one with a text over 1 KiB.
    Styles { max: usize },
    /// More sheets than this.
    Sheets { max: usize },
    /// A zip of more parts than this.
    Parts { max: usize },
    /// Shared strings (of an .xls) over this many MiB.
    Strings { mib: u64 },
}

/// What is wrong with a JSON text, as serde_json says it (its own words
/// are English): said in the interface language, the place shown by the
/// located diagnostic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JsonSyntax {
    /// The text ends inside an array, an object, a string, or before a value.
    EofInArray,
    EofInObject,
    EofInString,
    EofBeforeValue,
    ExpectedColon,
    /// A `,` or the closing bracket (`]` or `}`) is missing.
    ExpectedCommaOr(char),
    /// A word that is not `true`, `false` or `null`.
    ExpectedIdent,
    ExpectedValue,
    ExpectedQuote,
    InvalidEscape,
    InvalidNumber,
    NumberOutOfRange,
    InvalidUnicode,
    ControlCharacter,
    KeyNotString,
    TrailingComma,
    TrailingCharacters,
    RecursionLimit,
    /// Anything else: serde_json's words.
    Other(String),
}

impl JsonSyntax {
    /// From serde_json's message, its place left out.
    pub fn of(message: &str) -> JsonSyntax {
        match message.trim() {
            "EOF while parsing a list" => JsonSyntax::EofInArray,
            "EOF while parsing an object" => JsonSyntax::EofInObject,
            "EOF while parsing a string" => JsonSyntax::EofInString,
            "EOF while parsing a value" => JsonSyntax::EofBeforeValue,
            "expected `:`" => JsonSyntax::ExpectedColon,
            "expected `,` or `]`" => JsonSyntax::ExpectedCommaOr(']'),
            "expected `,` or `}`" => JsonSyntax::ExpectedCommaOr('}'),
            "expected ident" => JsonSyntax::ExpectedIdent,
            "expected value" => JsonSyntax::ExpectedValue,
            "expected `\"`" => JsonSyntax::ExpectedQuote,
            "invalid escape" | "unexpected end of hex escape" => JsonSyntax::InvalidEscape,
            "invalid number" => JsonSyntax::InvalidNumber,
            "number out of range" => JsonSyntax::NumberOutOfRange,
            "invalid unicode code point" | "lone leading surrogate in hex escape" => JsonSyntax::InvalidUnicode,
            "control character (\\u0000-\\u001F) found while parsing a string" => JsonSyntax::ControlCharacter,
            "key must be a string" => JsonSyntax::KeyNotString,
            "trailing comma" => JsonSyntax::TrailingComma,
            "trailing characters" => JsonSyntax::TrailingCharacters,
            "recursion limit exceeded" => JsonSyntax::RecursionLimit,
            other => JsonSyntax::Other(other.to_string()),
        }
    }
}

/// What kind of answers a file given where results belong holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswersFile {
    /// An .xlsx/.xls/.ods workbook.
    Workbook,
    /// A CSV or TSV table.
    Table,
    /// One answers document in TOML.
    Toml,
    /// An answers document (or a line of them) in JSON.
    Json,
}

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
    /// What is wrong, after json_syntax_error.
    fn json_syntax_detail(&self, what: &JsonSyntax) -> String;
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
    /// `seconds` in an answers file that is not a number of seconds ≥ 0.
    fn answers_bad_seconds(&self, seconds: f64) -> String;
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
    /// Help under a JSON syntax error of a result file.
    fn result_syntax_help(&self) -> &'static str;
    /// What a JSON object without a schema field is.
    fn no_schema_field(&self) -> &'static str;
    /// JSON that is not a zhixing result; `found` says what it is.
    fn not_a_result(&self, found: &str, schema: &str) -> String;
    /// Which files to import.
    fn not_a_result_help(&self) -> &'static str;
    /// Answers given where results belong (to `group`, `import`, `report`).
    fn answers_not_results(&self, kind: AnswersFile) -> String;
    /// Score them first: `file` as the command line named it (None: a
    /// placeholder for it).
    fn answers_not_results_help(&self, file: Option<&str>) -> String;
    /// The same, given to `report`: scoring shows the report.
    fn answers_not_results_report_help(&self, file: &str) -> String;
    /// The same, given to `import`: score it into the store.
    fn answers_not_results_import_help(&self, file: &str) -> String;
    /// A result with a key that zhixing.result.v1 does not have.
    fn result_unknown_key(&self, key: &str, schema: &str) -> String;
    /// Help under such a key.
    fn result_unknown_key_help(&self) -> &'static str;
    /// A result whose content does not read.
    fn result_incomplete(&self, detail: &str) -> String;
    /// Results are not edited by hand.
    fn result_incomplete_help(&self) -> &'static str;
    /// A result file with no result.
    fn no_results(&self) -> &'static str;
    /// A workbook, where zhixing was built without the xlsx feature.
    fn workbook_unsupported(&self) -> &'static str;
    /// Save the workbook as CSV.
    fn save_as_csv_help(&self) -> &'static str;
    /// A workbook that cannot be read.
    fn workbook_unreadable(&self, detail: &str) -> String;
    /// Help under a workbook that cannot be read.
    fn workbook_unreadable_help(&self) -> &'static str;
    /// Why a workbook cannot be read: the reader broke down.
    fn workbook_damaged(&self) -> &'static str;
    /// A CSV that cannot be read.
    fn csv_unreadable(&self, detail: &str) -> String;
    /// Help under a CSV that cannot be read.
    fn csv_unreadable_help(&self) -> &'static str;
    /// A column in messages: its letter, and its header where it has one.
    fn column_name(&self, letter: &str, header: &str) -> String;
    /// --ignore-columns names a column past the table's last.
    fn ignore_column_beyond(&self, token: &str, last: &str) -> String;
    /// --ignore-columns names neither a header nor a column letter.
    fn ignore_column_unknown(&self, token: &str) -> String;
    /// How columns are named to --ignore-columns.
    fn ignore_column_unknown_help(&self) -> &'static str;
    /// Columns outside --item-columns that are not metadata: left out.
    fn columns_outside_items(&self, n: usize, letters: &str) -> String;
    /// --item-columns goes past the table's last column.
    fn item_columns_beyond(&self, spec: &str, last: &str) -> String;
    /// --item-columns that does not read.
    fn item_columns_unknown(&self, spec: &str) -> String;
    /// How --item-columns is written.
    fn item_columns_unknown_help(&self) -> &'static str;
    /// A metadata column twice; `names` is its header name in English and in Chinese.
    fn meta_column_repeated(&self, column: &str, first: &str, names: (&str, &str)) -> String;
    /// A column with data and no header.
    fn unheaded_column_with_data(&self, column: &str) -> String;
    /// An item's column twice.
    fn item_column_repeated(&self, column: &str, first: &str) -> String;
    /// Items with no column, counted as skipped.
    fn items_without_column_skipped(&self, n: usize, list: &str) -> String;
    /// Items with no column, where skipping is not allowed.
    fn items_without_column(&self, n: usize, list: &str) -> String;
    /// Help on items with no column.
    fn items_without_column_help(&self) -> &'static str;
    /// With --columns order, the item columns do not match the rubric's items in number.
    fn order_count_mismatch(&self, columns: usize, span: &str, rubric: &str, items: usize) -> String;
    /// How to name the item columns.
    fn order_count_mismatch_help(&self) -> &'static str;
    /// A header without a name column.
    fn no_name_column(&self) -> &'static str;
    /// How to add a name column.
    fn no_name_column_help(&self) -> &'static str;
    /// How to leave a column out.
    fn ignore_column_help(&self, letter: &str) -> String;
    /// A column that is neither metadata nor an item.
    fn neither_meta_nor_item(&self, column: &str, rubric: &str) -> String;
    /// The ways to say what a column is.
    fn neither_meta_nor_item_help(&self, letter: &str) -> String;
    /// A number outside the scale.
    fn cell_out_of_scale(&self, value: f64, min: i64, max: i64) -> String;
    /// A cell that is not a whole number.
    fn cell_not_whole(&self, shown: &str) -> String;
    /// Text that is neither a number on the scale nor one of its options.
    fn cell_not_an_option(&self, text: &str, min: i64, max: i64) -> String;
    /// A date where a number belongs.
    fn cell_is_date(&self) -> &'static str;
    /// A cell holding a spreadsheet error value.
    fn cell_error_value(&self, value: &str) -> String;
    /// Before a cell's problem: its row and column.
    fn cell_place(&self, row: usize, column: &str) -> String;
    /// An empty item cell where skipping is not allowed.
    fn cell_cannot_skip(&self) -> &'static str;
    /// What to write in an empty item cell.
    fn cell_cannot_skip_help(&self, min: i64, max: i64) -> String;
    /// After the help on a cell, where skipping is allowed.
    fn cell_skip_option(&self) -> &'static str;
    /// What to write in an item cell; `skip` is cell_skip_option or empty.
    fn cell_value_help(&self, min: i64, max: i64, labels: &[String], skip: &str) -> String;
    /// A row whose name is empty.
    fn row_name_empty(&self) -> &'static str;
    /// A rater role zhixing does not know, in a spreadsheet.
    fn sheet_unknown_role(&self, role: &str) -> String;
    /// The rater roles, for a spreadsheet.
    fn sheet_roles_help(&self) -> &'static str;
    /// How to fix a self-assessment with a rater name, in a spreadsheet.
    fn sheet_self_rater_help(&self) -> &'static str;
    /// A time cell that does not read.
    fn cell_not_a_time(&self, text: &str) -> String;
    /// A time-taken cell that does not read.
    fn cell_not_a_duration(&self, text: &str) -> String;
    /// How a time taken is written.
    fn cell_duration_help(&self) -> &'static str;
    /// `--attribute-columns` names a column the table does not have.
    fn attribute_column_unknown(&self, token: &str) -> String;
    /// How to name an attribute column.
    fn attribute_column_unknown_help(&self) -> &'static str;
    /// On stderr: a form service's export recognised, `columns` of its own
    /// columns left out or read, and whether time taken and submit time are read.
    fn form_export(&self, service: FormService, columns: usize, seconds: bool, taken: bool) -> String;
    /// How to write a time in a spreadsheet.
    fn cell_time_help(&self) -> &'static str;
    /// A table with nothing in it.
    fn table_empty(&self) -> &'static str;
    /// How a table of responses is laid out.
    fn table_empty_help(&self) -> &'static str;
    /// A table with a header and no row.
    fn table_no_rows(&self) -> &'static str;
    /// A row with more or fewer cells than the header.
    fn row_wrong_length(&self, row: usize, cells: usize, heads: usize) -> String;
    /// Help on a row with more or fewer cells.
    fn row_wrong_length_help(&self) -> &'static str;

    /// An input over a limit of what is read; `line` where a record starts.
    fn too_large(&self, path: &Path, limit: Limit, line: Option<usize>) -> String;
    /// After the first problems of a file: how many more were not printed.
    fn more_problems(&self, n: usize) -> String;
    /// A name, department, session or rater name (`field`) with a control
    /// or bidi character `c`, the `at`-th character.
    fn unsafe_value(&self, field: &str, c: char, at: usize) -> String;
    /// The same in a cell, after the cell's place.
    fn unsafe_cell(&self, c: char, at: usize) -> String;
    /// Label of such a character.
    fn unsafe_label(&self) -> &'static str;
    /// Why such characters are refused, and what to do.
    fn unsafe_help(&self) -> &'static str;
    /// The questionnaire asks again: what was typed had such a character.
    fn unsafe_typed_hint(&self) -> &'static str;
    /// A JSON key given twice.
    fn json_duplicate_key(&self, dotted: &str) -> String;
    /// Label of the second time a key is given.
    fn json_duplicate_key_label(&self) -> &'static str;
    /// Label of the first time.
    fn json_first_given_here(&self) -> &'static str;
    /// Give each key once.
    fn json_duplicate_key_help(&self) -> &'static str;
    /// A CSV row over the record limit, in MiB.
    fn row_too_long(&self, mib: u64) -> String;
    /// A CSV row with more columns than a sheet may have.
    fn row_too_many_columns(&self, max: usize) -> String;
    /// A cell of a UTF-8 CSV with a byte that is not UTF-8, after its place.
    fn cell_not_utf8(&self, byte: u8) -> String;
    /// Save the CSV as UTF-8.
    fn cell_not_utf8_help(&self) -> &'static str;
    /// A workbook over one of its limits.
    fn sheet_limit(&self, limit: &SheetLimit) -> String;
    /// What to do about a workbook over a limit.
    fn sheet_limit_help(&self) -> &'static str;
}

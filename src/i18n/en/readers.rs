use std::path::Path;

use crate::error::Limit;
use crate::i18n::En;
use crate::i18n::readers::{AnswersFile, FormService, JsonSyntax, ReaderText, SheetLimit};

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

    fn json_syntax_detail(&self, what: &JsonSyntax) -> String {
        match what {
            JsonSyntax::EofInArray => "the file ends inside an array [ … ]: `]` is missing".to_string(),
            JsonSyntax::EofInObject => "the file ends inside an object { … }: `}` is missing".to_string(),
            JsonSyntax::EofInString => "a string has no closing double quote".to_string(),
            JsonSyntax::EofBeforeValue => "the file ends where a value belongs".to_string(),
            JsonSyntax::ExpectedColon => "expected `:` after the key".to_string(),
            JsonSyntax::ExpectedCommaOr(close) => format!("expected `,` or `{close}`"),
            JsonSyntax::ExpectedIdent => {
                "a word JSON does not know: only true, false or null, and text in double quotes".to_string()
            }
            JsonSyntax::ExpectedValue => {
                "expected a value (a number, a string in double quotes, true, false, null, [ … ] or { … })".to_string()
            }
            JsonSyntax::ExpectedQuote => "expected a key in double quotes".to_string(),
            JsonSyntax::InvalidEscape => "an escape (starting with \\) in a string is not valid".to_string(),
            JsonSyntax::InvalidNumber => "the number is not written validly".to_string(),
            JsonSyntax::NumberOutOfRange => "the number is too large".to_string(),
            JsonSyntax::InvalidUnicode => "a \\u escape in a string is not a valid character".to_string(),
            JsonSyntax::ControlCharacter => {
                "a control character (such as a line break or a tab) in a string: write it as \\n, \\t".to_string()
            }
            JsonSyntax::KeyNotString => "a key must be a string in double quotes".to_string(),
            JsonSyntax::TrailingComma => "a comma after the last entry".to_string(),
            JsonSyntax::TrailingCharacters => "more text after the end of the JSON value".to_string(),
            JsonSyntax::RecursionLimit => "nested too deeply".to_string(),
            JsonSyntax::Other(words) => words.clone(),
        }
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

    fn answers_bad_seconds(&self, seconds: f64) -> String {
        format!("seconds = {seconds} is not a time taken: give the seconds spent answering, 0 or more")
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

    fn result_syntax_help(&self) -> &'static str {
        "a result file is JSON as zhixing writes it"
    }

    fn no_schema_field(&self) -> &'static str {
        "no schema field"
    }

    fn not_a_result(&self, found: &str, schema: &str) -> String {
        format!("this is not a zhixing result ({found}; expected \"{schema}\")")
    }

    fn not_a_result_help(&self) -> &'static str {
        "import results written by `zhixing score --format json|jsonl` or `zhixing export`; score answers with `zhixing score`"
    }

    fn answers_not_results(&self, kind: AnswersFile) -> String {
        let what = match kind {
            AnswersFile::Workbook => "a spreadsheet of answers (an Excel workbook)",
            AnswersFile::Table => "a spreadsheet of answers (CSV)",
            AnswersFile::Toml => "an answers file (TOML)",
            AnswersFile::Json => "answers (JSON), not a scored result",
        };
        format!("this is {what}: it must be scored first")
    }

    fn answers_not_results_help(&self, file: Option<&str>) -> String {
        let file = file.unwrap_or("ANSWERS_FILE");
        format!(
            "run `zhixing score {file} --save` to score it into the store, then `zhixing group --session SESSION`; or `zhixing score {file} --format jsonl > results.jsonl` and group results.jsonl"
        )
    }

    fn answers_not_results_report_help(&self, file: &str) -> String {
        format!("answers show their report when scored: `zhixing score {file}`; report shows scored results")
    }

    fn answers_not_results_import_help(&self, file: &str) -> String {
        format!(
            "answers are stored as they are scored: `zhixing score {file} --save`; import takes scored results only (.json, .jsonl)"
        )
    }

    fn result_unknown_key(&self, key: &str, schema: &str) -> String {
        format!("the result has a key `{key}` that {schema} does not have")
    }

    fn result_unknown_key_help(&self) -> &'static str {
        "result files are not meant to be edited: export it again with the zhixing that wrote it; `zhixing schema result` lists every key"
    }

    fn result_incomplete(&self, detail: &str) -> String {
        format!("the result is incomplete or wrong: {detail}")
    }

    fn result_incomplete_help(&self) -> &'static str {
        "result files are not meant to be edited: export it again"
    }

    fn no_results(&self) -> &'static str {
        "the file holds no results"
    }

    fn workbook_unsupported(&self) -> &'static str {
        "this zhixing was built without workbook support (the xlsx feature) and cannot read a workbook"
    }

    fn save_as_csv_help(&self) -> &'static str {
        "save it as CSV and try that"
    }

    fn workbook_unreadable(&self, detail: &str) -> String {
        format!("cannot read the workbook: {detail}")
    }

    fn workbook_unreadable_help(&self) -> &'static str {
        "check that it is an Excel workbook (.xlsx), or save it as CSV and try that"
    }

    fn workbook_damaged(&self) -> &'static str {
        "the file is damaged"
    }

    fn csv_unreadable(&self, detail: &str) -> String {
        format!("cannot read the CSV: {detail}")
    }

    fn csv_unreadable_help(&self) -> &'static str {
        "export it again from the spreadsheet as CSV (comma-separated)"
    }

    fn column_name(&self, letter: &str, header: &str) -> String {
        if header.is_empty() { format!("column {letter}") } else { format!("column {letter} ({header})") }
    }

    fn ignore_column_beyond(&self, token: &str, last: &str) -> String {
        format!("--ignore-columns {token}: the table ends at column {last}")
    }

    fn ignore_column_unknown(&self, token: &str) -> String {
        format!("--ignore-columns \"{token}\" is neither a header of the table nor a column letter")
    }

    fn ignore_column_unknown_help(&self) -> &'static str {
        "give a header as written, a column letter such as F, or a range of letters such as A:F; separate several with commas"
    }

    fn columns_outside_items(&self, n: usize, letters: &str) -> String {
        if n == 1 {
            format!("column {letters} is outside --item-columns and not a metadata column: left out")
        } else {
            format!("columns {letters} ({n}) are outside --item-columns and not metadata columns: left out")
        }
    }

    fn item_columns_beyond(&self, spec: &str, last: &str) -> String {
        format!("--item-columns {spec} goes beyond the table, which ends at column {last}")
    }

    fn item_columns_unknown(&self, spec: &str) -> String {
        format!("--item-columns \"{spec}\" is not understood")
    }

    fn item_columns_unknown_help(&self) -> &'static str {
        "write a range of column letters such as G:AP; several with commas, such as D:F,H:K"
    }

    fn meta_column_repeated(&self, column: &str, first: &str, names: (&str, &str)) -> String {
        format!("{column} repeats column {first}: both are \"{}\"", names.0)
    }

    fn unheaded_column_with_data(&self, column: &str) -> String {
        format!("{column} has data but no header")
    }

    fn item_column_repeated(&self, column: &str, first: &str) -> String {
        format!("{column} repeats column {first}: the same item")
    }

    fn items_without_column_skipped(&self, n: usize, list: &str) -> String {
        format!("{n} {} no column and count as skipped: {list}", crate::i18n::plural(n, "item has", "items have"))
    }

    fn items_without_column(&self, n: usize, list: &str) -> String {
        format!("{n} {} no column: {list}", crate::i18n::plural(n, "item has", "items have"))
    }

    fn items_without_column_help(&self) -> &'static str {
        "this rubric does not allow skipping: add a column for each item, headed by its id"
    }

    fn order_count_mismatch(&self, columns: usize, span: &str, rubric: &str, items: usize) -> String {
        format!(
            "with the items in rubric order there are {columns} item columns ({span}), but rubric {rubric} has {items} items"
        )
    }

    fn order_count_mismatch_help(&self) -> &'static str {
        "drop the columns that are not questions with --ignore-columns, or name the question columns with --item-columns, such as G:AP"
    }

    fn no_name_column(&self) -> &'static str {
        "the header has no name column (name or 姓名)"
    }

    fn no_name_column_help(&self) -> &'static str {
        "add a column \"name\" with the name of the person assessed; for an anonymous survey, a number will do"
    }

    fn ignore_column_help(&self, letter: &str) -> String {
        format!("leave it out with --ignore-columns {letter}")
    }

    fn neither_meta_nor_item(&self, column: &str, rubric: &str) -> String {
        format!("{column} is neither a metadata column nor an item of rubric {rubric}")
    }

    fn neither_meta_nor_item_help(&self, letter: &str) -> String {
        format!(
            "to group by it (such as grade or age band), keep it as an attribute of the subject with --attribute-columns {letter}; else leave it out with --ignore-columns {letter}; if the question columns are headed by the question text, take them in rubric order with --columns order, or name them with --item-columns (such as G:AP); metadata headers are name, department, role, rater, session, taken_at"
        )
    }

    fn cell_out_of_scale(&self, value: f64, min: i64, max: i64) -> String {
        format!("{value} is outside the scale {min} to {max}")
    }

    fn cell_not_whole(&self, shown: &str) -> String {
        format!("{shown} is not a whole number")
    }

    fn cell_not_an_option(&self, text: &str, min: i64, max: i64) -> String {
        format!("\"{text}\" is neither a whole number from {min} to {max} nor an option of the scale")
    }

    fn cell_is_date(&self) -> &'static str {
        "the cell is a date, not a whole number"
    }

    fn cell_error_value(&self, value: &str) -> String {
        format!("the cell holds the error value {value}")
    }

    fn cell_place(&self, row: usize, column: &str) -> String {
        format!("row {row}, {column}: ")
    }

    fn cell_cannot_skip(&self) -> &'static str {
        "this rubric does not allow skipping: the cell is empty"
    }

    fn cell_cannot_skip_help(&self, min: i64, max: i64) -> String {
        format!("write a whole number from {min} to {max} or the option's text")
    }

    fn cell_skip_option(&self) -> &'static str {
        "; leave it empty for not applicable"
    }

    fn cell_value_help(&self, min: i64, max: i64, labels: &[String], skip: &str) -> String {
        format!("write a whole number from {min} to {max}, or an option: {}{skip}", labels.join(", "))
    }

    fn row_name_empty(&self) -> &'static str {
        "the name is empty"
    }

    fn sheet_unknown_role(&self, role: &str) -> String {
        format!("unknown rater role \"{role}\"")
    }

    fn sheet_roles_help(&self) -> &'static str {
        "roles are self, supervisor, peer, subordinate, other (or 本人, 上级, 同事, 下级, 其他)"
    }

    fn sheet_self_rater_help(&self) -> &'static str {
        "empty the rater cell, or give the role supervisor, peer, subordinate or other"
    }

    fn cell_not_a_duration(&self, text: &str) -> String {
        format!("\"{text}\" is not a time taken")
    }

    fn cell_duration_help(&self) -> &'static str {
        "write it as seconds (235 or 235秒), 3分55秒, 1小时2分3秒 or 00:03:55"
    }

    fn attribute_column_unknown(&self, token: &str) -> String {
        format!("--attribute-columns \"{token}\" is neither a column header of the table nor one of its column letters")
    }

    fn attribute_column_unknown_help(&self) -> &'static str {
        "give a column header (its question number may be left out, as in 职级) or a column letter (such as D)"
    }

    fn form_export(&self, service: FormService, columns: usize, seconds: bool, taken: bool) -> String {
        let name = match service {
            FormService::Wjx => "Wenjuanxing (问卷星)",
            FormService::Tencent => "Tencent Questionnaire (腾讯问卷)",
        };
        let s = if columns == 1 { "" } else { "s" };
        let read = match (seconds, taken) {
            (true, true) => "; time taken and submit time read",
            (true, false) => "; time taken read",
            (false, true) => "; submit time read",
            (false, false) => "",
        };
        format!("{name} export: {columns} metadata column{s} left out{read}")
    }

    fn cell_not_a_time(&self, text: &str) -> String {
        format!("\"{text}\" is not a time")
    }

    fn cell_time_help(&self) -> &'static str {
        "write it as 2026-11-28 09:30 or 2026-11-28T09:30:00+08:00"
    }

    fn table_empty(&self) -> &'static str {
        "the table is empty"
    }

    fn table_empty_help(&self) -> &'static str {
        "put a header row (name and the item ids) first, then one respondent a row"
    }

    fn table_no_rows(&self) -> &'static str {
        "the table has a header but no responses"
    }

    fn row_wrong_length(&self, row: usize, cells: usize, heads: usize) -> String {
        format!("row {row} has {cells} cells, but the header has {heads} columns")
    }

    fn row_wrong_length_help(&self) -> &'static str {
        "check the row for a missing or extra comma; text with a comma in it goes in double quotes"
    }

    fn too_large(&self, path: &Path, limit: Limit, line: Option<usize>) -> String {
        let mib = limit.mib();
        match limit {
            Limit::Document if path == Path::new(crate::error::STDIN) => format!(
                "standard input is over {mib} MiB, the most zhixing reads from it: save the data to a file and give that (JSON Lines and CSV files are read a line at a time, with no such limit)"
            ),
            Limit::Document => format!(
                "{} is over {mib} MiB, too large to read whole: give many answers or results as JSON Lines (.jsonl) or CSV, which are read a line at a time",
                path.display()
            ),
            Limit::Record => format!(
                "line {} of {} is over {mib} MiB, the most one record may be: it is not an answers document or a result; check the file",
                line.unwrap_or(0),
                path.display()
            ),
            Limit::Rubric => format!(
                "the rubric file {} is over {mib} MiB, the most a rubric may be: check that it is the right file",
                path.display()
            ),
        }
    }

    fn more_problems(&self, n: usize) -> String {
        let problems = crate::i18n::plural(n, "problem", "problems");
        format!("… and {n} more {problems} not shown (at most 200 are listed a file)")
    }

    fn unsafe_value(&self, field: &str, c: char, at: usize) -> String {
        if c.is_control() {
            format!("{field}: character {at} is the control character U+{:04X}", c as u32)
        } else {
            format!("{field}: character {at}, U+{:04X}, changes the direction of text", c as u32)
        }
    }

    fn unsafe_cell(&self, c: char, at: usize) -> String {
        if c.is_control() {
            format!("character {at} is the control character U+{:04X}", c as u32)
        } else {
            format!("character {at}, U+{:04X}, changes the direction of text", c as u32)
        }
    }

    fn unsafe_label(&self) -> &'static str {
        "a character that cannot be shown"
    }

    fn unsafe_help(&self) -> &'static str {
        "remove it: names, departments, sessions and rater names may not hold control characters or characters that change the direction of text, which can change what a terminal shows"
    }

    fn unsafe_typed_hint(&self) -> &'static str {
        "What was typed holds a control character or one that changes the direction of text; please type it again."
    }

    fn json_duplicate_key(&self, dotted: &str) -> String {
        format!("the key `{dotted}` is given twice")
    }

    fn json_duplicate_key_label(&self) -> &'static str {
        "given again here"
    }

    fn json_first_given_here(&self) -> &'static str {
        "first given here"
    }

    fn json_duplicate_key_help(&self) -> &'static str {
        "give each key once: remove one of them"
    }

    fn row_too_long(&self, mib: u64) -> String {
        format!("this row is over {mib} MiB, the most a row may be")
    }

    fn row_too_many_columns(&self, max: usize) -> String {
        format!("this row has more than {max} columns, the most a sheet may have")
    }

    fn cell_not_utf8(&self, byte: u8) -> String {
        format!("the byte 0x{byte:02X} is not UTF-8")
    }

    fn cell_not_utf8_help(&self) -> &'static str {
        "the rest of the file is UTF-8: correct this cell, or save the file again as UTF-8 (in Excel: Save As \"CSV UTF-8\")"
    }

    fn sheet_limit(&self, limit: &SheetLimit) -> String {
        match limit {
            SheetLimit::File { mib } => format!("the workbook file is over {mib} MiB"),
            SheetLimit::Declared { range } => {
                format!("the sheet declares the range {range}, beyond 1,048,576 rows × 16,384 columns")
            }
            SheetLimit::Beyond { cell } => format!("the cell {cell} lies beyond 1,048,576 rows × 16,384 columns"),
            SheetLimit::Uncompressed { mib } => {
                format!("its sheets and shared strings are over {mib} MiB uncompressed")
            }
            SheetLimit::SharedStrings { max } => format!("it has more than {max} shared strings"),
            SheetLimit::CellText { cell, mib } => format!("the cell {cell} holds over {mib} MiB of text"),
            SheetLimit::Text { mib } => format!("its cells hold over {mib} MiB of text in all"),
            SheetLimit::Cells { max } => format!("it has more than {max} cells with something in them"),
            SheetLimit::PartSize { part, mib } => format!("its part {part} is over {mib} MiB uncompressed"),
            SheetLimit::Styles { max } => {
                format!("it has more than {max} cell styles, or a style with a text over 1 KiB")
            }
            SheetLimit::Sheets { max } => format!("it has more than {max} sheets"),
            SheetLimit::Parts { max } => format!("its zip has more than {max} parts"),
            SheetLimit::Strings { mib } => format!("its shared strings are over {mib} MiB"),
        }
    }

    fn sheet_limit_help(&self) -> &'static str {
        "a form export is far smaller: check that this is the right file, or save only the responses as .xlsx or CSV"
    }
}

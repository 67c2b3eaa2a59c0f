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
}

use crate::i18n::Zh;
use crate::i18n::readers::ReaderText;

impl ReaderText for Zh {
    fn unknown_answers_kind(&self) -> &'static str {
        "无法识别的答卷文件类型"
    }

    fn unknown_answers_kind_help(&self) -> &'static str {
        "答卷文件应以 .toml、.json、.jsonl、.csv 或 .xlsx 结尾"
    }

    fn answers_not_utf8(&self) -> &'static str {
        "文件不是 UTF-8 编码"
    }

    fn answers_not_utf8_help(&self) -> &'static str {
        "请以 UTF-8 编码保存答卷"
    }
}

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

    fn no_answers(&self) -> &'static str {
        "文件中没有任何答卷"
    }

    fn no_answers_help(&self) -> &'static str {
        "每行写一份 JSON 答卷"
    }

    fn toml_syntax_help(&self) -> &'static str {
        "按 TOML 语法改正此处"
    }

    fn json_syntax_error(&self) -> &'static str {
        "JSON 语法错误："
    }

    fn json_comma_missing(&self, close: &str) -> String {
        format!("此后缺少 `,` 或 `{close}`")
    }

    fn json_syntax_help(&self) -> &'static str {
        "按 JSON 语法改正此处（键和字符串加双引号，各项之间用逗号）"
    }

    fn answers_unknown_key(&self, dotted: &str) -> String {
        format!("未知的键 `{dotted}`")
    }

    fn answers_unknown_key_label(&self) -> &'static str {
        "答卷格式中没有这个键"
    }

    fn subject_keys_help(&self) -> &'static str {
        "[subject] 下可用的键：name、department"
    }

    fn rater_keys_help(&self) -> &'static str {
        "[rater] 下可用的键：role、name"
    }

    fn answers_keys_help(&self) -> &'static str {
        "允许的键：rubric、session、taken_at、[subject]、[rater]、[answers]；作答写在 [answers] 下"
    }

    fn no_subject(&self) -> &'static str {
        "答卷缺少 [subject]（被评价人）"
    }

    fn no_subject_help(&self) -> &'static str {
        "加上 [subject] 和 name = \"姓名\""
    }

    fn no_subject_name(&self) -> &'static str {
        "[subject] 缺少被评价人的 name"
    }

    fn no_subject_name_help(&self) -> &'static str {
        "在 [subject] 下写上 name = \"姓名\""
    }

    fn answers_shape_help(&self) -> &'static str {
        "按答卷格式改正（见 `zhixing schema answers`）"
    }

    fn rubric_mismatch(&self, id: &str, used: &str) -> String {
        format!("答卷是为量表 \"{id}\" 填写的，当前量表是 \"{used}\"")
    }

    fn rubric_mismatch_label(&self) -> &'static str {
        "量表不符"
    }

    fn rubric_mismatch_help(&self, id: &str) -> String {
        format!("用 --rubric {id} 评分，或改正此处")
    }

    fn subject_name_empty(&self) -> &'static str {
        "姓名为空"
    }

    fn name_empty_help(&self) -> &'static str {
        "写上被评价人的姓名"
    }

    fn answers_unknown_role(&self, role: &str) -> String {
        format!("未知的评价人角色 \"{role}\"")
    }

    fn answers_roles_help(&self) -> &'static str {
        "可用的角色：self、supervisor、peer、subordinate、other"
    }

    fn self_rating_has_rater_name(&self) -> &'static str {
        "自评不需要评价人姓名"
    }

    fn answers_self_rater_help(&self) -> &'static str {
        "删去 rater.name，或把 rater.role 设为 supervisor、peer、subordinate 或 other"
    }

    fn answers_bad_time(&self, time: &str) -> String {
        format!("时间 \"{time}\" 不是 RFC 3339 格式")
    }

    fn answers_time_help(&self) -> &'static str {
        "例如 \"2026-11-28T09:30:00+08:00\""
    }

    fn unknown_item(&self, rubric: &str, id: &str) -> String {
        format!("量表 \"{rubric}\" 中没有条目 \"{id}\"")
    }

    fn unknown_item_label(&self) -> &'static str {
        "未知条目"
    }

    fn unknown_item_help(&self, rubric: &str) -> String {
        format!("`zhixing rubric template --rubric {rubric}` 列出全部条目标识")
    }

    fn answer_is_table(&self, id: &str) -> String {
        format!("\"{id}\" 的作答是表或数组，不是整数")
    }

    fn answer_out_of_scale(&self, id: &str, shown: &str, min: i64, max: i64) -> String {
        format!("\"{id}\" 的作答 {shown} 超出量表范围 {min} 到 {max}")
    }

    fn answer_not_whole(&self, id: &str, shown: &str) -> String {
        format!("\"{id}\" 的作答 {shown} 不是整数")
    }

    fn answer_skip_option(&self) -> &'static str {
        "，或写 \"skip\" 表示不适用"
    }

    fn answer_expected_label(&self, min: i64, max: i64) -> String {
        format!("应为 {min} 到 {max} 的整数")
    }

    fn answer_help(&self, min: i64, max: i64, skip: &str) -> String {
        format!("写 {min} 到 {max} 之间的整数{skip}")
    }

    fn answer_cannot_skip(&self, id: &str) -> String {
        format!("条目 \"{id}\" 不能跳过")
    }

    fn answer_cannot_skip_help(&self, min: i64, max: i64) -> String {
        format!("此量表不允许跳过：写 {min} 到 {max} 的整数")
    }

    fn items_not_answered(&self, n: usize, list: &str) -> String {
        format!("有 {n} 个条目未作答：{list}")
    }

    fn items_not_answered_help(&self) -> &'static str {
        "此量表不允许跳过：为每个条目作答"
    }
}

use std::path::Path;

use crate::error::Limit;
use crate::i18n::Zh;
use crate::i18n::readers::{AnswersFile, FormService, JsonSyntax, ReaderText, SheetLimit};

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

    fn json_syntax_detail(&self, what: &JsonSyntax) -> String {
        match what {
            JsonSyntax::EofInArray => "文件在数组 [ … ] 中间结束，缺少 `]`".to_string(),
            JsonSyntax::EofInObject => "文件在对象 { … } 中间结束，缺少 `}`".to_string(),
            JsonSyntax::EofInString => "字符串没有结束的双引号".to_string(),
            JsonSyntax::EofBeforeValue => "此处应有一个值，文件却结束了".to_string(),
            JsonSyntax::ExpectedColon => "键后应为 `:`".to_string(),
            JsonSyntax::ExpectedCommaOr(close) => format!("应为 `,` 或 `{close}`"),
            JsonSyntax::ExpectedIdent => "无法识别的词：只能是 true、false 或 null，文本要加双引号".to_string(),
            JsonSyntax::ExpectedValue => {
                "此处应为一个值（数、带双引号的字符串、true、false、null、[ … ] 或 { … }）".to_string()
            }
            JsonSyntax::ExpectedQuote => "此处应为带双引号的键".to_string(),
            JsonSyntax::InvalidEscape => "字符串中的转义（\\ 开头）无效".to_string(),
            JsonSyntax::InvalidNumber => "数的写法无效".to_string(),
            JsonSyntax::NumberOutOfRange => "数太大".to_string(),
            JsonSyntax::InvalidUnicode => "字符串中的 \\u 转义不是有效的字符".to_string(),
            JsonSyntax::ControlCharacter => "字符串中有控制字符（如换行、制表符），须写成 \\n、\\t".to_string(),
            JsonSyntax::KeyNotString => "键必须是带双引号的字符串".to_string(),
            JsonSyntax::TrailingComma => "最后一项后面多了逗号".to_string(),
            JsonSyntax::TrailingCharacters => "JSON 值结束后还有多余的内容".to_string(),
            JsonSyntax::RecursionLimit => "嵌套层数太多".to_string(),
            JsonSyntax::Other(_) => "此处不符合 JSON 语法".to_string(),
        }
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

    fn answers_bad_seconds(&self, seconds: f64) -> String {
        format!("作答用时 seconds = {seconds} 无效：应为不小于 0 的秒数")
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

    fn result_syntax_help(&self) -> &'static str {
        "结果文件应为 zhixing 写出的 JSON"
    }

    fn no_schema_field(&self) -> &'static str {
        "没有 schema 字段"
    }

    fn not_a_result(&self, found: &str, schema: &str) -> String {
        format!("这不是 zhixing 结果（{found}，应为 \"{schema}\"）")
    }

    fn not_a_result_help(&self) -> &'static str {
        "导入 `zhixing score --format json|jsonl` 或 `zhixing export` 写出的结果；答卷请用 `zhixing score` 评分"
    }

    fn answers_not_results(&self, kind: AnswersFile) -> String {
        let what = match kind {
            AnswersFile::Workbook => "答卷表格（Excel 工作簿）",
            AnswersFile::Table => "答卷表格（CSV）",
            AnswersFile::Toml => "答卷文件（TOML）",
            AnswersFile::Json => "答卷（JSON），不是评分结果",
        };
        format!("这是{what}：要先评分")
    }

    fn answers_not_results_help(&self, file: Option<&str>) -> String {
        let file = file.unwrap_or("答卷文件");
        format!(
            "先运行 `zhixing score {file} --save` 评分并存入结果库，再用 `zhixing group --session 场次`；或 `zhixing score {file} --format jsonl > 结果.jsonl`，再统计 结果.jsonl"
        )
    }

    fn answers_not_results_report_help(&self, file: &str) -> String {
        format!("答卷评分后即可看到报告：`zhixing score {file}`；report 显示的是评分结果")
    }

    fn answers_not_results_import_help(&self, file: &str) -> String {
        format!("答卷评分时就可存入结果库：`zhixing score {file} --save`；import 只导入评分结果（.json、.jsonl）")
    }

    fn result_unknown_key(&self, key: &str, schema: &str) -> String {
        format!("结果中有 {schema} 没有的键 `{key}`")
    }

    fn result_unknown_key_help(&self) -> &'static str {
        "结果文件不应手工修改；请用写出它的 zhixing 重新导出，`zhixing schema result` 列出全部的键"
    }

    fn result_incomplete(&self, detail: &str) -> String {
        format!("结果内容不完整或有误：{detail}")
    }

    fn result_incomplete_help(&self) -> &'static str {
        "结果文件不应手工修改；请重新导出"
    }

    fn no_results(&self) -> &'static str {
        "文件中没有任何结果"
    }

    fn workbook_unsupported(&self) -> &'static str {
        "这个 zhixing 编译时未带工作簿支持（xlsx 功能），无法读取工作簿"
    }

    fn save_as_csv_help(&self) -> &'static str {
        "请另存为 CSV 后再试"
    }

    fn workbook_unreadable(&self, detail: &str) -> String {
        format!("无法读取工作簿：{detail}")
    }

    fn workbook_unreadable_help(&self) -> &'static str {
        "请确认这是 Excel 工作簿（.xlsx），或另存为 CSV 后再试"
    }

    fn workbook_damaged(&self) -> &'static str {
        "文件已损坏"
    }

    fn csv_unreadable(&self, detail: &str) -> String {
        format!("无法读取 CSV：{detail}")
    }

    fn csv_unreadable_help(&self) -> &'static str {
        "请从表格软件重新导出为 CSV（逗号分隔）"
    }

    fn column_name(&self, letter: &str, header: &str) -> String {
        if header.is_empty() { format!("{letter} 列") } else { format!("{letter} 列（{header}）") }
    }

    fn ignore_column_beyond(&self, token: &str, last: &str) -> String {
        format!("--ignore-columns 中的 {token} 超出了表格的范围（最后一列是 {last}）")
    }

    fn ignore_column_unknown(&self, token: &str) -> String {
        format!("--ignore-columns 中的「{token}」既不是表头中的列名，也不是列字母")
    }

    fn ignore_column_unknown_help(&self) -> &'static str {
        "写表头原文、列字母如 F，或列字母范围如 A:F；多个用逗号分隔"
    }

    fn columns_outside_items(&self, n: usize, letters: &str) -> String {
        if n == 1 {
            format!("{letters} 列在 --item-columns 之外，也不是元数据列，已略去")
        } else {
            format!("{letters} 共 {n} 列在 --item-columns 之外，也不是元数据列，已略去")
        }
    }

    fn item_columns_beyond(&self, spec: &str, last: &str) -> String {
        format!("--item-columns {spec} 超出了表格的范围（最后一列是 {last}）")
    }

    fn item_columns_unknown(&self, spec: &str) -> String {
        format!("--item-columns「{spec}」无法识别")
    }

    fn item_columns_unknown_help(&self) -> &'static str {
        "写列字母的范围，如 G:AP；多个范围用逗号分隔，如 D:F,H:K"
    }

    fn meta_column_repeated(&self, column: &str, first: &str, names: (&str, &str)) -> String {
        format!("{column} 与 {first} 重复，都是「{}」", names.1)
    }

    fn unheaded_column_with_data(&self, column: &str) -> String {
        format!("{column} 有数据但没有表头")
    }

    fn item_column_repeated(&self, column: &str, first: &str) -> String {
        format!("{column} 与 {first} 重复，是同一个条目")
    }

    fn items_without_column_skipped(&self, n: usize, list: &str) -> String {
        format!("有 {n} 个条目没有对应的列，按跳过处理：{list}")
    }

    fn items_without_column(&self, n: usize, list: &str) -> String {
        format!("有 {n} 个条目没有对应的列：{list}")
    }

    fn items_without_column_help(&self) -> &'static str {
        "此量表不允许跳过：为每个条目加一列，表头写条目标识"
    }

    fn order_count_mismatch(&self, columns: usize, span: &str, rubric: &str, items: usize) -> String {
        format!("按量表顺序对应条目时，条目列有 {columns} 列（{span}），而量表 {rubric} 有 {items} 个条目")
    }

    fn order_count_mismatch_help(&self) -> &'static str {
        "用 --ignore-columns 去掉不是题目的列，或用 --item-columns 指明题目所在的列，如 G:AP"
    }

    fn no_name_column(&self) -> &'static str {
        "表头中没有姓名列（name 或 姓名）"
    }

    fn no_name_column_help(&self) -> &'static str {
        "加一列「姓名」写被评价人的姓名；匿名问卷可填编号"
    }

    fn ignore_column_help(&self, letter: &str) -> String {
        format!("用 --ignore-columns {letter} 忽略这一列")
    }

    fn neither_meta_nor_item(&self, column: &str, rubric: &str) -> String {
        format!("{column} 既不是信息列，也不是量表 {rubric} 的条目")
    }

    fn neither_meta_nor_item_help(&self, letter: &str) -> String {
        format!(
            "要按它分组统计（如职级、年龄段），用 --attribute-columns {letter} 把它记作受评人的属性；否则用 --ignore-columns {letter} 忽略它；题目列的表头若是题目原文，用 --columns order 按量表顺序对应，或用 --item-columns 指明题目列（如 G:AP）；信息列的表头可写：姓名、部门、角色、评价人、场次、时间"
        )
    }

    fn cell_out_of_scale(&self, value: f64, min: i64, max: i64) -> String {
        format!("{value} 超出量表范围 {min} 到 {max}")
    }

    fn cell_not_whole(&self, shown: &str) -> String {
        format!("{shown} 不是整数")
    }

    fn cell_not_an_option(&self, text: &str, min: i64, max: i64) -> String {
        format!("「{text}」既不是 {min} 到 {max} 的整数，也不是量表的选项")
    }

    fn cell_is_date(&self) -> &'static str {
        "单元格是日期，不是整数"
    }

    fn cell_error_value(&self, value: &str) -> String {
        format!("单元格是错误值 {value}")
    }

    fn cell_place(&self, row: usize, column: &str) -> String {
        format!("第 {row} 行 {column}：")
    }

    fn cell_cannot_skip(&self) -> &'static str {
        "此量表不允许跳过，不能留空"
    }

    fn cell_cannot_skip_help(&self, min: i64, max: i64) -> String {
        format!("填 {min} 到 {max} 的整数或选项原文")
    }

    fn cell_skip_option(&self) -> &'static str {
        "；留空表示不适用"
    }

    fn cell_value_help(&self, min: i64, max: i64, labels: &[String], skip: &str) -> String {
        format!("填 {min} 到 {max} 的整数，或选项：{}{skip}", labels.join("、"))
    }

    fn row_name_empty(&self) -> &'static str {
        "姓名为空"
    }

    fn sheet_unknown_role(&self, role: &str) -> String {
        format!("未知的评价人角色「{role}」")
    }

    fn sheet_roles_help(&self) -> &'static str {
        "可用的角色：self（本人）、supervisor（上级）、peer（同事）、subordinate（下级）、other（其他）"
    }

    fn sheet_self_rater_help(&self) -> &'static str {
        "清空评价人，或在角色列写 supervisor、peer、subordinate 或 other"
    }

    fn cell_not_a_duration(&self, text: &str) -> String {
        format!("「{text}」不是答题用时")
    }

    fn cell_duration_help(&self) -> &'static str {
        "写成秒数（如 235 或 235秒）、3分55秒、1小时2分3秒 或 00:03:55"
    }

    fn attribute_column_unknown(&self, token: &str) -> String {
        format!("--attribute-columns 中的「{token}」既不是表头中的列名，也不是表格中的列字母")
    }

    fn attribute_column_unknown_help(&self) -> &'static str {
        "写表头中的列名（题号可省略，如「职级」），或列字母（如 D）"
    }

    fn form_export(&self, service: FormService, columns: usize, seconds: bool, taken: bool) -> String {
        let name = match service {
            FormService::Wjx => "问卷星",
            FormService::Tencent => "腾讯问卷",
        };
        let read = match (seconds, taken) {
            (true, true) => "，用时和提交时间已读取",
            (true, false) => "，用时已读取",
            (false, true) => "，提交时间已读取",
            (false, false) => "",
        };
        format!("{name}导出：忽略 {columns} 列元数据{read}")
    }

    fn cell_not_a_time(&self, text: &str) -> String {
        format!("「{text}」不是时间")
    }

    fn cell_time_help(&self) -> &'static str {
        "写成 2026-11-28 09:30 或 2026-11-28T09:30:00+08:00"
    }

    fn table_empty(&self) -> &'static str {
        "表格是空的"
    }

    fn table_empty_help(&self) -> &'static str {
        "第一行写表头（姓名和各条目标识），以下每行一位答卷人"
    }

    fn table_no_rows(&self) -> &'static str {
        "表格只有表头，没有答卷"
    }

    fn row_wrong_length(&self, row: usize, cells: usize, heads: usize) -> String {
        format!("第 {row} 行有 {cells} 个单元格，而表头有 {heads} 列")
    }

    fn row_wrong_length_help(&self) -> &'static str {
        "检查这一行是否多了或少了逗号；含逗号的内容要用双引号括起来"
    }

    fn too_large(&self, path: &Path, limit: Limit, line: Option<usize>) -> String {
        let mib = limit.mib();
        match limit {
            Limit::Document if path == Path::new(crate::error::STDIN) => format!(
                "标准输入超过 {mib} MiB，zhixing 最多读取这么多：请把数据存成文件再给出（JSON Lines 和 CSV 文件逐行读取，不受此限）"
            ),
            Limit::Document => format!(
                "{} 超过 {mib} MiB，这样大的文件不会整个读入：多份答卷或结果请用 JSON Lines（.jsonl）或 CSV，它们逐行读取",
                path.display()
            ),
            Limit::Record => format!(
                "{} 第 {} 行超过 {mib} MiB，一条记录最多这么长：这一行不像一份答卷或结果，请检查文件",
                path.display(),
                line.unwrap_or(0)
            ),
            Limit::Rubric => {
                format!("量表文件 {} 超过 {mib} MiB，量表最多这么大：请检查是否给错了文件", path.display())
            }
        }
    }

    fn more_problems(&self, n: usize) -> String {
        format!("……另有 {n} 个问题未列出（每个文件最多列出 200 个）")
    }

    fn unsafe_value(&self, field: &str, c: char, at: usize) -> String {
        if c.is_control() {
            format!("{field} 的第 {at} 个字符是控制字符 U+{:04X}", c as u32)
        } else {
            format!("{field} 的第 {at} 个字符 U+{:04X} 会改变文字方向", c as u32)
        }
    }

    fn unsafe_cell(&self, c: char, at: usize) -> String {
        if c.is_control() {
            format!("第 {at} 个字符是控制字符 U+{:04X}", c as u32)
        } else {
            format!("第 {at} 个字符 U+{:04X} 会改变文字方向", c as u32)
        }
    }

    fn unsafe_label(&self) -> &'static str {
        "此处有不可显示的字符"
    }

    fn unsafe_help(&self) -> &'static str {
        "删去这个字符：姓名、部门、场次和评价人中不能有控制字符或改变文字方向的字符，它们会改变终端显示的内容"
    }

    fn unsafe_typed_hint(&self) -> &'static str {
        "刚才输入的内容含有控制字符或改变文字方向的字符，请重新输入。"
    }

    fn json_duplicate_key(&self, dotted: &str) -> String {
        format!("键 `{dotted}` 出现了两次")
    }

    fn json_duplicate_key_label(&self) -> &'static str {
        "又一次出现"
    }

    fn json_first_given_here(&self) -> &'static str {
        "第一次出现在这里"
    }

    fn json_duplicate_key_help(&self) -> &'static str {
        "每个键只写一次：删去多余的一处"
    }

    fn row_too_long(&self, mib: u64) -> String {
        format!("这一行超过 {mib} MiB，一行最多这么长")
    }

    fn row_too_many_columns(&self, max: usize) -> String {
        format!("这一行超过 {max} 列，表格最多这么多列")
    }

    fn cell_not_utf8(&self, byte: u8) -> String {
        format!("含有不是 UTF-8 的字节 0x{byte:02X}")
    }

    fn cell_not_utf8_help(&self) -> &'static str {
        "文件其余部分是 UTF-8：改正这个单元格，或把文件重新保存为 UTF-8（Excel：另存为“CSV UTF-8”）"
    }

    fn sheet_limit(&self, limit: &SheetLimit) -> String {
        match limit {
            SheetLimit::File { mib } => format!("工作簿文件超过 {mib} MiB"),
            SheetLimit::Declared { range } => {
                format!("工作表声明的范围 {range} 超出了 1048576 行 × 16384 列")
            }
            SheetLimit::Beyond { cell } => format!("单元格 {cell} 超出了 1048576 行 × 16384 列"),
            SheetLimit::Uncompressed { mib } => format!("工作表和共享字符串解压后超过 {mib} MiB"),
            SheetLimit::SharedStrings { max } => format!("共享字符串超过 {max} 个"),
            SheetLimit::CellText { cell, mib } => format!("单元格 {cell} 的文字超过 {mib} MiB"),
            SheetLimit::Text { mib } => format!("单元格的文字合计超过 {mib} MiB"),
            SheetLimit::Cells { max } => format!("有内容的单元格超过 {max} 个"),
            SheetLimit::PartSize { part, mib } => format!("其中的 {part} 解压后超过 {mib} MiB"),
            SheetLimit::Styles { max } => format!("单元格样式超过 {max} 个，或某个样式的文字超过 1 KiB"),
            SheetLimit::Sheets { max } => format!("工作表超过 {max} 个"),
            SheetLimit::Parts { max } => format!("压缩包中的部件超过 {max} 个"),
            SheetLimit::Strings { mib } => format!("共享字符串超过 {mib} MiB"),
        }
    }

    fn sheet_limit_help(&self) -> &'static str {
        "问卷导出的工作簿远比这小：请检查是否给错了文件，或只把答卷另存为 .xlsx 或 CSV"
    }
}

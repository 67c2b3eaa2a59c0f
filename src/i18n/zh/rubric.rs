use crate::i18n::Zh;
use crate::i18n::rubric::{DiagText, Expected, Found, Owner, RubricText, TemplateScale};

fn owner(o: Owner) -> &'static str {
    match o {
        Owner::Section => "分区",
        Owner::Dimension => "维度",
        Owner::Item => "条目",
        Owner::Profile => "目标配置",
    }
}

impl RubricText for Zh {
    fn diag_error(&self) -> &'static str {
        "错误"
    }
    fn diag_warning(&self) -> &'static str {
        "警告"
    }
    fn diag_help(&self) -> &'static str {
        "提示"
    }

    fn rubric_file_too_large(&self, bytes: usize) -> String {
        format!("文件有 {bytes} 字节，超过评估量表文件的上限 1 MiB")
    }
    fn rubric_file_too_large_help(&self) -> &'static str {
        "拆分量表，或删去不用的条目"
    }
    fn rubric_not_utf8(&self) -> DiagText {
        DiagText::new("文件不是 UTF-8 编码", "此处字节无效", "请以 UTF-8 编码保存量表文件")
    }
    fn rubric_syntax_help(&self) -> &'static str {
        "按 TOML 语法改正此处（字符串加双引号，每个键一行）"
    }
    fn toml_syntax_error(&self, detail: &str) -> String {
        format!("TOML 语法错误：{detail}")
    }
    fn toml_value_missing(&self) -> &'static str {
        "`=` 后缺少值"
    }
    fn toml_phrase(&self, english: &str) -> Option<String> {
        if english.starts_with("cannot extend value of type ") {
            return Some("不能用带点的键给已经定义的值添加子键".to_string());
        }
        let words = match english {
            "`_` may only go between digits" => "`_` 只能写在数字之间",
            "cannot recurse further; max recursion depth met" => "嵌套层数太多",
            "recursion limit" => "嵌套层数太多",
            "carriage return must be followed by newline" => "回车符后必须紧跟换行符",
            "extra `=`" => "多了一个 `=`",
            "extra assignment between key-value pairs" => "键值对之间多了 `=`",
            "extra comma in array" => "数组中多了逗号",
            "extra comma in inline table" => "内联表中多了逗号",
            "integers with a radix cannot be signed" => "十六进制、八进制和二进制整数不能带正负号",
            "invalid comment character" => "注释中有不允许的字符",
            "invalid inline table element" => "内联表中的这一项无效",
            "invalid key-value pair" => "键值对无效",
            "invalid unquoted key" => "不加引号的键只能由字母、数字、`-` 和 `_` 组成",
            "invalid value" => "值无效",
            "key with no value" => "键后没有值",
            "keys cannot be multi-line basic strings" => "键不能是多行字符串",
            "keys cannot be multi-line literal strings" => "键不能是多行字符串",
            "missing array opening" => "缺少数组开头的 `[`",
            "missing assignment between key-value pairs" => "键和值之间缺少 `=`",
            "missing comma between array elements" => "数组各项之间缺少逗号",
            "missing comma between key-value pairs" => "内联表各项之间缺少逗号",
            "missing comment start" => "缺少注释开头的 `#`",
            "missing escaped value" => "`\\` 后缺少转义字符",
            "missing inline table opening" => "缺少内联表开头的 `{`",
            "missing key for inline table element" => "内联表中的这一项缺少键",
            "missing opening quote" => "缺少开头的引号",
            "missing table open" => "缺少表头开头的 `[`",
            "missing value for key" => "键后缺少值",
            "missing value" => "缺少值",
            "radix must be lowercase" => "进制前缀须为小写（0x、0o、0b）",
            "redundant integer number prefix" => "整数的进制前缀重复",
            "redundant numeric sign" => "正负号重复",
            "string values must be quoted" => "字符串值必须加引号",
            "too few unicode value digits" => "\\u 转义的十六进制位数不够",
            "unclosed array table" => "数组表头 [[ … ]] 没有闭合",
            "unclosed array" => "数组没有闭合",
            "unclosed inline table" => "内联表没有闭合",
            "unclosed table" => "表头 [ … ] 没有闭合",
            "unexpected `=` in array" => "数组中不应有 `=`",
            "unexpected content between comment and newline" => "注释和换行之间有多余的内容",
            "unexpected content" => "多余的内容",
            "unexpected key or value" => "此处不应有键或值",
            "unexpected leading zero" => "数不能以 0 开头",
            "unexpected sign" => "此处不应有正负号",
            "unquoted keys cannot be empty" => "不加引号的键不能为空",
            "invalid key" => "键无效",
            "invalid table" => "表头无效",
            "invalid string" => "字符串无效",
            "invalid boolean" => "布尔值无效（只能是 true 或 false）",
            "invalid date-time" => "日期时间无效",
            "invalid float" => "小数无效",
            "invalid integer number" => "整数无效",
            "invalid hexadecimal number" => "十六进制数无效",
            "invalid octal number" => "八进制数无效",
            "invalid binary number" => "二进制数无效",
            "invalid mantissa" => "小数的整数部分无效",
            "invalid fraction" => "小数的小数部分无效",
            "invalid exponent" => "指数无效",
            "invalid literal string" => "单引号字符串无效",
            "invalid multi-line literal string" => "多行单引号字符串无效",
            "invalid basic string" => "双引号字符串无效",
            "invalid multi-line basic string" => "多行双引号字符串无效",
            "duplicate key" => "键重复",
            "basic string" => "双引号字符串",
            "characters" => "字符",
            "digits" => "数字",
            "key" => "键",
            "letters" => "字母",
            "literal string" => "单引号字符串",
            "multi-line basic string" => "多行双引号字符串",
            "non-double-quote visible characters" => "双引号以外的可见字符",
            "non-single-quote characters" => "单引号以外的字符",
            "non-single-quote visible characters" => "单引号以外的可见字符",
            "numbers" => "数字",
            "printable characters" => "可打印字符",
            "unicode hexadecimal value" => "十六进制的 Unicode 码",
            "value" => "值",
            "newline" => "换行",
            "etc" => "等等",
            _ => return None,
        };
        Some(words.to_string())
    }
    fn toml_expected(&self, what: &str, expected: &[String]) -> String {
        format!("{what}（此处应为{}）", expected.join("、"))
    }
    fn toml_syntax_other(&self, _english: &str) -> String {
        "此处不符合 TOML 语法".to_string()
    }
    fn toml_unclosed(&self, inline_table: bool, open: char, close: char) -> DiagText {
        let what = if inline_table { "内联表" } else { "数组" };
        DiagText::new(
            format!("TOML 语法错误：{what}的 `{open}` 没有闭合"),
            format!("其后没有对应的 `{close}`"),
            format!("在{what}结束处补上 `{close}`（其后各行都被当成了它的一部分）"),
        )
    }

    fn rubric_missing_key(&self, key: &str) -> String {
        format!("缺少必需的键 `{key}`")
    }
    fn rubric_wrong_type(&self, expected: &str, found: &str) -> String {
        format!("类型不对：应为{expected}，实际是{found}")
    }
    fn rubric_serde_other(&self, message: &str) -> String {
        format!("格式错误：{message}")
    }
    fn rubric_found(&self, found: Found) -> String {
        match found {
            Found::Integer(n) => format!("整数 {n}"),
            Found::Float(n) => format!("小数 {n}"),
            Found::Str(s) => format!("字符串 {s}"),
            Found::Boolean(b) => format!("布尔值 {b}"),
            Found::Array => "数组".into(),
            Found::Table => "表".into(),
            Found::Null => "null".into(),
            Found::Other(s) => s.to_string(),
        }
    }
    fn rubric_expected(&self, expected: Expected) -> String {
        match expected {
            Expected::Number => "数",
            Expected::WholeNumber => "整数",
            Expected::Boolean => "true 或 false",
            Expected::Str => "带双引号的字符串",
            Expected::Array => "数组 [ … ]",
            Expected::Table => "表",
            Expected::Text => "文本：字符串，或 { zh = \"…\", en = \"…\" } 这样按语言写的表",
            Expected::Other(e) => e,
        }
        .to_string()
    }
    fn rubric_wrong_type_help(&self) -> &'static str {
        "改成量表格式要求的类型；`zhixing schema rubric` 说明每个键"
    }
    fn rubric_missing_key_help(&self, key: &str) -> String {
        match key {
            "scale" => "添加 [scale] 表，写上 min、max 和 labels".to_string(),
            "sections" => {
                "添加 [[sections]]，其下写 [[sections.dimensions]] 和 [[sections.dimensions.items]]".to_string()
            }
            "dimensions" => "在此分区下添加 [[sections.dimensions]]".to_string(),
            "items" => "在此维度下添加 [[sections.dimensions.items]]".to_string(),
            _ => format!("加上 `{key} = …`（见 `zhixing schema rubric`）"),
        }
    }
    fn rubric_table_lacks_key(&self, key: &str) -> String {
        format!("此表缺少 `{key}`")
    }
    fn rubric_owner_lacks_key(&self, o: Owner, id: &str, key: &str) -> DiagText {
        let help = match (o, key) {
            (Owner::Dimension, "items") => format!(
                "在维度 \"{id}\" 下添加条目：[[sections.dimensions.items]]，写上 id 和 text；不需要这个维度就删去它"
            ),
            (Owner::Section, "dimensions") => format!(
                "在分区 \"{id}\" 下添加维度：[[sections.dimensions]]，写上 id、title 和条目；不需要这个分区就删去它"
            ),
            _ => format!("在{} \"{id}\" 中加上 `{key} = …`（见 `zhixing schema rubric`）", owner(o)),
        };
        let message = match (o, key) {
            (Owner::Dimension, "items") => format!("维度 \"{id}\" 没有条目：缺少必需的键 `items`"),
            (Owner::Section, "dimensions") => format!("分区 \"{id}\" 没有维度：缺少必需的键 `dimensions`"),
            _ => format!("{} \"{id}\" 缺少必需的键 `{key}`", owner(o)),
        };
        DiagText::new(message, self.rubric_table_lacks_key(key), help)
    }
    fn rubric_unknown_key(&self, key: &str, owner_id: Option<(Owner, &str)>) -> DiagText {
        DiagText::new(
            match owner_id {
                None => format!("未知的键 `{key}`"),
                Some((o, id)) => format!("{} \"{id}\" 中有未知的键 `{key}`", owner(o)),
            },
            "量表格式中没有这个键",
            "检查拼写，或删去此键；`zhixing schema rubric` 列出全部允许的键",
        )
    }

    fn rubric_key_of(&self, o: Owner, id: &str, key: &str) -> String {
        format!("{} \"{id}\" 的 `{key}`", owner(o))
    }
    fn rubric_plain_text(&self, what: &str, languages: usize, fields: &str) -> DiagText {
        DiagText::new(
            format!("{what} 是单一语言的字符串，但量表声明了 {languages} 种语言"),
            "应为各语言的文本表",
            format!("写成 {{ {fields} }}"),
        )
    }
    fn rubric_missing_translation(&self, what: &str, lang: &str) -> DiagText {
        DiagText::new(
            format!("{what} 缺少 `{lang}` 译文"),
            format!("缺少 {lang}"),
            format!("补上 {lang} = \"…\"，量表的每段文本都要有 `languages` 中的每种语言"),
        )
    }
    fn rubric_undeclared_language(&self, what: &str, lang: &str) -> DiagText {
        DiagText::new(
            format!("{what} 有 `{lang}` 文本，但 `{lang}` 不在 `languages` 中"),
            "未声明的语言",
            format!("把 \"{lang}\" 加入 `languages`，或删去这段译文"),
        )
    }
    fn rubric_empty_text(&self, what: &str) -> DiagText {
        DiagText::new(format!("{what} 是空文本"), "空文本", "写上文本内容")
    }
    fn rubric_bad_weight(&self, weight: f64) -> DiagText {
        DiagText::new(
            format!("权重 {weight} 无效"),
            "权重须为大于 0 的有限数",
            "使用大于 0 的数，例如 1.0；不需要时删去此键（默认 1）",
        )
    }
    fn rubric_weight_too_large(&self, weight: f64, max: f64) -> DiagText {
        let weight = if weight.abs() >= 1e15 { format!("{weight:e}") } else { weight.to_string() };
        DiagText::new(
            format!("权重 {weight} 过大"),
            format!("权重最大为 {max}"),
            format!("使用不超过 {max} 的权重：权重只看彼此的比例，例如 1、2、3"),
        )
    }
    fn rubric_bad_target(&self, target: f64) -> DiagText {
        DiagText::new(
            format!("目标 {target} 超出 0 到 100 的范围"),
            "目标以 0–100 分计",
            "使用 0 到 100 之间的数，例如 80.0",
        )
    }
    fn rubric_bad_id(&self, o: Owner, id: &str, suggestion: Option<&str>, example: &str) -> DiagText {
        DiagText::new(
            format!("{}标识 \"{id}\" 无效", owner(o)),
            "只能用小写字母、数字、-、_、.，且以字母开头",
            match suggestion {
                Some(s) => format!("改为 \"{s}\""),
                None => format!("改用例如 \"{example}\" 这样的标识"),
            },
        )
    }
    fn rubric_duplicate_id(&self, id: &str) -> DiagText {
        DiagText::new(format!("标识 \"{id}\" 重复"), "再次使用", "分区、维度和条目的标识在整个量表中必须唯一，请换一个")
    }
    fn rubric_first_defined_here(&self) -> &'static str {
        "首次定义于此"
    }
    fn rubric_bad_format(&self, format: i64) -> DiagText {
        DiagText::new(
            format!("不支持量表格式 {format}"),
            "此版本的 zhixing 只读取格式 1",
            "写 format = 1，或使用能读取该格式的 zhixing 版本",
        )
    }
    fn rubric_bad_rubric_id(&self, id: &str) -> DiagText {
        DiagText::new(
            format!("量表标识 \"{id}\" 无效"),
            "只能用小写字母、数字和 -",
            "改用例如 \"my-rubric\" 这样的标识",
        )
    }
    fn rubric_empty_version(&self) -> DiagText {
        DiagText::new("版本号为空", "版本号为空", "写上版本号，例如 \"1.0.0\"")
    }
    fn rubric_no_languages(&self) -> DiagText {
        DiagText::new("`languages` 为空", "至少需要一种语言", "例如 languages = [\"zh\", \"en\"]")
    }
    fn rubric_bad_language(&self, code: &str) -> DiagText {
        DiagText::new(format!("语言代码 \"{code}\" 无效"), "应为小写的语言代码", "使用如 \"zh\"、\"en\" 的代码")
    }
    fn rubric_repeated_language(&self, code: &str) -> DiagText {
        DiagText::new(format!("语言 \"{code}\" 重复"), "重复", "删去重复的语言")
    }
    fn rubric_scale_min_not_below_max(&self, min: i64, max: i64) -> DiagText {
        DiagText::new(format!("量表最小值 {min} 不小于最大值 {max}"), "min 须小于 max", "例如 min = 1、max = 5")
    }
    fn rubric_scale_too_many_points(&self, points: i64) -> DiagText {
        DiagText::new(
            format!("量表有 {points} 个点，最多 11 个"),
            "点数过多",
            "缩小 min 到 max 的范围，例如 1 到 5 或 0 到 10",
        )
    }
    fn rubric_scale_label_count(&self, points: usize, labels: usize, min: i64, max: i64) -> DiagText {
        DiagText::new(
            format!("量表有 {points} 个点，却有 {labels} 个标签"),
            "每个点一个标签",
            format!("从 {min} 到 {max} 每个点各写一个标签"),
        )
    }
    fn rubric_bad_gap_bands(&self, minor: f64, moderate: f64) -> DiagText {
        DiagText::new(
            format!("差距分级 minor = {minor}、moderate = {moderate} 无效"),
            "须满足 0 < minor < moderate ≤ 100",
            "例如 minor = 10.0、moderate = 20.0",
        )
    }
    fn rubric_no_sections(&self) -> DiagText {
        DiagText::new(
            "量表没有分区",
            "至少需要一个 [[sections]]",
            "添加 [[sections]]，其下添加 [[sections.dimensions]] 和条目",
        )
    }
    fn rubric_empty_section(&self, id: &str) -> DiagText {
        DiagText::new(format!("分区 \"{id}\" 没有维度"), "空分区", "在其下添加 [[sections.dimensions]]，或删去此分区")
    }
    fn rubric_empty_dimension(&self, id: &str) -> DiagText {
        DiagText::new(
            format!("维度 \"{id}\" 没有条目"),
            "空维度",
            "在其下添加 [[sections.dimensions.items]]，或删去此维度",
        )
    }
    fn rubric_few_items(&self, id: &str, items: usize) -> DiagText {
        DiagText::new(
            format!("维度 \"{id}\" 只有 {items} 个条目，无法估计信度"),
            "少于 3 个条目",
            "每个维度宜有 3 到 6 个条目",
        )
    }
    fn rubric_anchor_count(&self, item: &str, anchors: usize, points: usize) -> DiagText {
        DiagText::new(
            format!("条目 \"{item}\" 有 {anchors} 个锚定描述，量表却有 {points} 个点"),
            "每个点一个锚定描述",
            "为每个量表点各写一个描述，或删去 anchors",
        )
    }
    fn rubric_too_many_items(&self, items: usize, limit: usize) -> DiagText {
        DiagText::new(
            format!("量表有 {items} 个条目，超过上限 {limit}"),
            format!("第 {} 个条目", limit + 1),
            "拆分成几个量表",
        )
    }
    fn rubric_bad_profile_id(&self, id: &str) -> DiagText {
        DiagText::new(
            format!("配置标识 \"{id}\" 无效"),
            "只能用小写字母、数字和 -",
            "改用例如 \"section-chief\" 这样的标识",
        )
    }
    fn rubric_profile_unknown_target(&self, profile: &str, key: &str) -> DiagText {
        DiagText::new(
            format!("配置 \"{profile}\" 的目标指向不存在的 \"{key}\""),
            "没有这个分区或维度",
            "使用分区或维度的标识",
        )
    }
    fn rubric_others_mixed(&self, with: usize, total: usize, first_without: &str) -> DiagText {
        DiagText::new(
            format!("{total} 个条目中只有 {with} 个写了 `others`，条目 \"{first_without}\" 等没有"),
            "没有 `others`",
            "他评（上级、同事、下属等）时，没有 `others` 的条目仍以第一人称提问；给每个条目都写上第三人称的 `others`，或都不写",
        )
    }
    fn rubric_opposite_not_reverse(&self, item: &str) -> DiagText {
        DiagText::new(
            format!("条目 \"{item}\" 写了 `opposite`，但不是反向计分条目"),
            "只有反向条目可以写 opposite",
            "给这个条目加上 reverse = true，或删去 opposite",
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
            Some(d) => format!("\"{opposite}\" 属于维度 \"{d}\""),
            None => format!("没有条目 \"{opposite}\""),
        };
        DiagText::new(
            format!("条目 \"{item}\" 的 `opposite` 指向 \"{opposite}\"，它不是维度 \"{dimension}\" 的条目"),
            label,
            "opposite 写同一维度中一个正向条目的标识",
        )
    }
    fn rubric_opposite_is_reverse(&self, item: &str, opposite: &str) -> DiagText {
        DiagText::new(
            format!("条目 \"{item}\" 的 `opposite` 指向 \"{opposite}\"，它也是反向计分条目"),
            "应为正向条目",
            "opposite 写同一维度中一个正向（非 reverse）条目的标识",
        )
    }
    fn rubric_opposite_twice(&self, opposite: &str) -> DiagText {
        DiagText::new(
            format!("条目 \"{opposite}\" 被两个 `opposite` 指向"),
            "再次指向",
            "每个正向条目至多与一个反向条目成对，请改指另一个条目或删去其中一个 opposite",
        )
    }
    fn rubric_first_named_here(&self) -> &'static str {
        "首次指向于此"
    }
    fn rubric_unknown_variant(&self, found: &str, allowed: &[&str]) -> String {
        let allowed: Vec<String> = allowed.iter().map(|a| format!("\"{a}\"")).collect();
        format!("取值 {found} 无效：应为 {} 之一", allowed.join("、"))
    }

    fn rubric_list_headers(&self) -> [&'static str; 5] {
        ["版本", "名称", "维度", "条目", "目标配置"]
    }
    fn rubric_outline_summary(
        &self,
        sections: usize,
        dimensions: usize,
        items: usize,
        minutes: usize,
        target: &str,
    ) -> String {
        format!("{sections} 个分区，{dimensions} 个维度，{items} 个条目，约 {minutes} 分钟；目标 {target}\n")
    }
    fn rubric_outline_scale(&self) -> &'static str {
        "量表："
    }
    fn rubric_outline_profile(&self) -> &'static str {
        "目标配置："
    }
    fn rubric_outline_target(&self) -> &'static str {
        "目标"
    }
    fn rubric_reverse_mark(&self) -> &'static str {
        "（反向）"
    }
    fn rubric_opposite_mark(&self, opposite: &str) -> String {
        format!("（与 {opposite} 相反）")
    }
    fn rubric_others_mark(&self) -> &'static str {
        "他评："
    }
    fn rubric_reflect_mark(&self) -> &'static str {
        "（自我检视，不计分）"
    }
    fn rubric_suggestions_heading(&self) -> &'static str {
        "改进建议："
    }
    fn rubric_template_intro(&self, title: &str, id: &str, version: &str, scale: TemplateScale) -> String {
        let mut o = format!("# {title}（{id} {version}）答卷\n");
        o.push_str(&format!(
            "# 把每个 \"?\" 改为 {} 到 {} 的整数：{}\n",
            scale.min,
            scale.max,
            scale.labels.join("，")
        ));
        if scale.allow_skip {
            o.push_str("# 不适用的条目写 \"skip\"。\n");
        }
        o.push_str(&format!("# 填好后运行：zhixing score 此文件 --rubric {id}\n\n"));
        o
    }
    fn rubric_template_session(&self) -> &'static str {
        "2026秋季培训班"
    }
    fn rubric_template_name_note(&self) -> &'static str {
        "被评价人姓名（必填）"
    }
    fn rubric_template_department(&self) -> &'static str {
        "秘书处"
    }
    fn rubric_template_rater_note(&self) -> &'static str {
        "评价他人时填写评价人姓名"
    }
    fn rubric_template_about_note(&self) -> &'static str {
        "以下每题都说的是被评价人：请按其实际表现作答"
    }
}

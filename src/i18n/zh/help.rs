use crate::i18n::Zh;
use crate::i18n::help::{HelpEntry, HelpText, Reason, Similar, UsageProblem, UsageText, UsageTip};

impl HelpText for Zh {
    fn help_table(&self) -> Option<&'static [HelpEntry]> {
        Some(HELP)
    }

    fn help_arguments(&self) -> &'static str {
        "参数"
    }

    fn help_options(&self) -> &'static str {
        "选项"
    }

    fn help_usage(&self) -> &'static str {
        "用法："
    }

    fn help_commands(&self) -> &'static str {
        "命令"
    }

    fn help_help(&self) -> &'static str {
        "显示帮助"
    }

    fn help_version(&self) -> &'static str {
        "显示版本"
    }

    fn help_exit_codes(&self) -> &'static str {
        "退出码：\n  0    成功\n  1    读写或内部错误\n  2    输入有误（用法、量表、答卷、结果库）\n  130  已中断"
    }
}

/// Names in a Chinese list: `'a'、'b'`.
fn quoted(names: &[String]) -> String {
    names.iter().map(|n| format!("'{n}'")).collect::<Vec<_>>().join("、")
}

impl UsageText for Zh {
    fn usage_problem(&self, p: &UsageProblem) -> String {
        match *p {
            UsageProblem::UnknownArgument { arg } if arg.starts_with('-') => format!("没有 '{arg}' 这个选项"),
            UsageProblem::UnknownArgument { arg } => format!("多余的参数 '{arg}'"),
            UsageProblem::UnknownCommand { name } => format!("没有 '{name}' 这个命令"),
            UsageProblem::InvalidValue { arg, value } => format!("'{value}' 不是 {arg} 可用的值"),
            UsageProblem::MissingValue { arg } => format!("{arg} 后面缺少值"),
            UsageProblem::BadValue { arg, value, reason } => {
                let why = match reason {
                    Reason::Number => "应为数字".to_string(),
                    Reason::Integer => "应为整数".to_string(),
                    Reason::Role => {
                        "应为 self、supervisor、peer、subordinate、other 之一，或写中文：本人、上级、同事、下级、其他"
                            .to_string()
                    }
                    Reason::Flag => "应为以逗号分隔的质量标记：straight_line、longstring、reverse_inconsistent、too_good、too_fast；文件请写在这个选项之前，或写成 --exclude-flagged=标记".to_string(),
                    Reason::CompareBy => "训前训后对比只按分组（department、role、session 或属性名）比较，不按个人比较；个人的变化请看 zhixing history".to_string(),
                    Reason::Offset => "应为与 UTC 的时差，如 +08:00".to_string(),
                    Reason::Text(t) => t.to_string(),
                };
                format!("{arg} 的值 '{value}' 无效：{why}")
            }
            UsageProblem::MissingArguments { args } => format!("缺少必需的参数：{}", args.join("、")),
            UsageProblem::MissingCommand { command } => format!("{command} 后面要跟一个子命令"),
            UsageProblem::Conflict { arg, with: [] } => format!("{arg} 不能与给出的其他参数同时使用"),
            UsageProblem::Conflict { arg, with } => format!("{arg} 不能与 {} 同时使用", with.join("、")),
            UsageProblem::Repeated { arg } => format!("{arg} 只能给一次"),
            UsageProblem::ExtraValue { arg, value } => format!("{arg} 多了一个值 '{value}'"),
            UsageProblem::ValueCount { arg, expected, given } => {
                format!("{arg} 需要 {expected} 个值，给了 {given} 个")
            }
            UsageProblem::NoEquals { arg } => format!("给 {arg} 赋值要用等号，例如 {arg}=…"),
            UsageProblem::NotUtf8 => "参数中有不是 UTF-8 的字节".to_string(),
            UsageProblem::Other => "命令行有误".to_string(),
        }
    }

    fn usage_possible_values(&self, values: &[String]) -> String {
        format!("可选的值：{}", values.join("、"))
    }

    fn usage_possible_commands(&self, names: &[String]) -> String {
        format!("可用的子命令：{}", names.join("、"))
    }

    fn usage_tip(&self, tip: &UsageTip) -> String {
        match *tip {
            UsageTip::Similar { kind, names } => {
                let what = match kind {
                    Similar::Command => "命令",
                    Similar::Argument => "参数",
                    Similar::Value => "值",
                };
                format!("提示：相近的{what}有 {}", quoted(names))
            }
            UsageTip::PassAsValue { arg, fix } => format!("提示：要把 '{arg}' 当作值，请写成 '{fix}'"),
            UsageTip::ExistsOn { usage } => format!("提示：可以用 '{usage}'"),
            UsageTip::RemoveDashes { command } => format!("提示：'{command}' 是子命令；要用它，请去掉它前面的 '--'"),
        }
    }

    fn usage_more(&self, help: &str) -> String {
        format!("更多信息请运行 '{help}'。")
    }

    fn usage_options(&self) -> &'static str {
        "[选项]"
    }

    fn usage_command(&self) -> &'static str {
        "<命令>"
    }

    fn help_heading(&self, heading: &str) -> String {
        format!("{heading}：")
    }

    fn help_default(&self, value: &str) -> String {
        format!("[默认：{value}]")
    }

    fn help_possible_values(&self, values: &[String]) -> String {
        format!("[可选：{}]", values.join("、"))
    }

    fn help_command_about(&self) -> &'static str {
        "显示某个命令的帮助"
    }

    fn help_command_arg(&self) -> &'static str {
        "要查看帮助的命令，例如 score 或 store info"
    }
}

/// Help texts in Chinese: (command path, argument id or "" for the command
/// itself, text). A test checks that every command and argument has one.
pub(super) const HELP: &[HelpEntry] = &[
    ("", "", "知行（zhixing）：用量表测评执行力，评分并给出差距报告与改进建议"),
    ("", "lang", "界面和量表文本的语言 [默认：$ZHIXING_LANG，其次系统语言，再次中文]"),
    ("", "color", "终端输出是否着色（auto 时遵从 NO_COLOR）"),
    ("", "ascii", "表格边框和条形图只用 ASCII 字符，适合把制表符画成双宽的终端"),
    ("", "store", "结果库文件 [默认：$ZHIXING_STORE，其次系统数据目录]"),
    ("assess", "", "在终端中作答问卷，然后给出差距报告"),
    ("assess", "rubric", "量表：内置标识（core、office）或量表文件"),
    ("assess", "profile", "量表中的目标配置，例如 section-chief（处级干部）"),
    ("assess", "target", "为每个分区和维度统一设定目标（0–100）"),
    ("assess", "subject", "被评价人姓名（给出后不再询问）"),
    ("assess", "department", "被评价人所在部门"),
    ("assess", "role", "作答人身份：self、supervisor、peer、subordinate、other"),
    ("assess", "rater", "评价他人时，评价人的姓名"),
    ("assess", "session", "场次，例如某期培训班"),
    ("assess", "resume", "接着被评价人未完成的问卷作答：只有一份时直接继续，有几份时列出供选择"),
    ("assess", "discard", "丢弃一份未完成问卷的草稿（用 --subject 等指明哪一份）"),
    ("assess", "kiosk", "一台终端轮流作答：每人答完后清屏，等待下一位"),
    ("assess", "no_save", "不把结果存入结果库"),
    ("assess", "format", "输出格式"),
    ("assess", "out", "写入文件（原子写入，权限 0600），而不是标准输出"),
    ("assess", "bom", "输出到标准输出的 CSV 也加 UTF-8 字节顺序标记（写入文件的 CSV 总会加）"),
    ("assess", "norms", "常模文件（由 `zhixing norms build` 生成）：百分位、误差带和测量标准误 [默认：$ZHIXING_NORMS]"),
    ("score", "", "为答卷评分（TOML、JSON、JSON Lines、CSV、xlsx，或 - 表示标准输入），给出结果和差距报告"),
    ("score", "files", "答卷文件：.toml、.json、.jsonl、.csv、.xlsx，或 - 表示标准输入"),
    ("score", "rubric", "量表：内置标识（core、office）或量表文件"),
    ("score", "profile", "量表中的目标配置，例如 section-chief（处级干部）"),
    ("score", "target", "为每个分区和维度统一设定目标（0–100），取代量表中的目标"),
    ("score", "format", "输出格式"),
    ("score", "out", "写入文件（原子写入，权限 0600），而不是标准输出"),
    ("score", "bom", "输出到标准输出的 CSV 也加 UTF-8 字节顺序标记（写入文件的 CSV 总会加）"),
    ("score", "norms", "常模文件（由 `zhixing norms build` 生成）：百分位、误差带和测量标准误 [默认：$ZHIXING_NORMS]"),
    ("score", "keep_going", "批量评分时跳过有错的记录，只为正确的评分，并列出被拒收的记录"),
    ("score", "save", "同时把结果存入结果库"),
    ("score", "columns", "CSV/xlsx：按条目标识识别条目列（默认），或不论表头、按量表顺序识别"),
    ("score", "ignore_columns", "CSV/xlsx：要忽略的列，写表头、列字母或列字母范围，例如 \"提交时间,A:F\""),
    ("score", "attribute_columns", "CSV/xlsx：作为受评人属性保留的列，写表头或列字母，例如 \"职级,年龄段\""),
    ("score", "utc_offset", "不带时差的时间（表单服务导出的是当地时间）与 UTC 的时差，如 +08:00；默认取本机的"),
    ("score", "item_columns", "CSV/xlsx：用列字母指定条目列，例如 G:AP"),
    ("score", "session", "没有写场次的记录所属的场次，例如培训班名称"),
    ("report", "", "显示已保存的结果：按编号、结果文件，或最近一份"),
    ("report", "result", "结果库中的结果编号，或结果文件（.json、.jsonl）"),
    ("report", "latest", "结果库中最近的一份结果（给出 --subject 时为此人的）"),
    ("report", "subject", "与 --latest 一起用：此人的结果"),
    ("report", "format", "输出格式"),
    ("report", "out", "写入文件（原子写入，权限 0600），而不是标准输出"),
    ("report", "bom", "输出到标准输出的 CSV 也加 UTF-8 字节顺序标记（写入文件的 CSV 总会加）"),
    ("report", "norms", "常模文件（由 `zhixing norms build` 生成）：百分位、误差带和测量标准误 [默认：$ZHIXING_NORMS]"),
    ("history", "", "一个人历次的结果和变化趋势"),
    ("history", "subject", "要列出结果的人"),
    ("history", "rubric", "只列出此量表的结果 [默认：最近一份结果的量表]"),
    ("history", "format", "输出格式"),
    ("history", "out", "写入文件（原子写入，权限 0600），而不是标准输出"),
    ("history", "bom", "输出到标准输出的 CSV 也加 UTF-8 字节顺序标记（写入文件的 CSV 总会加）"),
    ("group", "", "团体报告：统计、信度、匿名保护和 360 度对比"),
    ("group", "files", "结果文件：.json（一份结果或数组）、.jsonl，或 - 表示标准输入"),
    ("group", "session", "结果库中此场次的全部结果"),
    ("group", "all", "结果库中的全部结果"),
    (
        "group",
        "by",
        "再按部门（department 或 部门）、评价人身份（role）、场次（session 或 场次）或被评价人的某项属性（如 职级）分组；subject：360 度对比",
    ),
    ("group", "min_group", "结果少于此数的分组不显示（1 表示都显示）"),
    ("group", "named", "显示姓名（带作答质量提示的人、360 度对比的被评价人）；不加则不显示任何姓名"),
    ("group", "every_result", "每份结果都计入；默认同一人在同一场次、以同一身份只计最新一份"),
    ("group", "items", "再逐题分析：各选项人数、均值、地板与天花板、题总相关、删题后信度"),
    (
        "group",
        "exclude_flagged",
        "质量标记为这些之一的结果不计入（不写标记：任何标记）：straight_line、longstring、reverse_inconsistent、too_good、too_fast",
    ),
    ("group", "pack", "同时把团体报告和每个人的个人报告写入 DIR（目录权限 0700，文件 0600）"),
    ("group", "rubric", "量表：内置标识（core、office）或量表文件"),
    ("group", "format", "输出格式"),
    ("group", "out", "写入文件（原子写入，权限 0600），而不是标准输出"),
    ("group", "bom", "输出到标准输出的 CSV 也加 UTF-8 字节顺序标记（写入文件的 CSV 总会加）"),
    ("group", "norms", "常模文件（由 `zhixing norms build` 生成）：百分位、误差带和测量标准误 [默认：$ZHIXING_NORMS]"),
    ("group", "keep_going", "跳过有错的结果，只统计正确的，并列出被拒收的"),
    ("compare", "", "培训前后对比：同一批人配对，每项分数的变化"),
    ("compare", "before", "训前：结果文件（.json、.jsonl）或结果库中的场次"),
    ("compare", "after", "训后：结果文件（.json、.jsonl）或结果库中的场次"),
    ("compare", "by", "再按部门、评价人身份、场次或某个属性（受评人属性的名称）分组；不按个人"),
    ("compare", "role", "比较哪种评价人身份的结果：self、supervisor、peer、subordinate、other"),
    ("compare", "min_group", "配对少于此数的分组不显示（1 表示都显示）"),
    (
        "compare",
        "exclude_flagged",
        "质量标记为这些之一的结果不计入（不写标记：任何标记）：straight_line、longstring、reverse_inconsistent、too_good、too_fast",
    ),
    ("compare", "rubric", "量表：内置标识（core、office）或量表文件"),
    ("compare", "format", "输出格式"),
    ("compare", "out", "写入文件（原子写入，权限 0600），而不是标准输出"),
    ("compare", "bom", "输出到标准输出的 CSV 也加 UTF-8 字节顺序标记（写入文件的 CSV 总会加）"),
    ("compare", "norms", "常模文件（由 `zhixing norms build` 生成）：测量标准误取自常模 [默认：$ZHIXING_NORMS]"),
    ("serve", "", "全场一起作答：每位参加者用自己的手机经办公网络作答，数据不出本机"),
    ("serve", "session", "场次：其结果、草稿和链接都记在这个名称下"),
    ("serve", "rubric", "量表：内置标识（core、office）或量表文件"),
    ("serve", "profile", "量表中的目标配置，例如 section-chief（处级干部）"),
    ("serve", "listen", "监听的地址和端口（端口 0：自动选择空闲端口）"),
    ("serve", "min_group", "提交人数达到此数后培训者才看到团体报告；更小的分组不显示"),
    ("serve", "show_report", "参加者提交后是否看到自己的报告"),
    ("serve", "urls_file", "开始监听后把 {\"join\": 链接, \"trainer\": 链接} 写入此文件（权限 0600）"),
    ("serve", "join_limit", "每个地址每分钟最多加入和用续答码继续的次数"),
    ("serve", "roster", "名单（CSV：姓名,部门）：评价他人时从中选择被评价人"),
    (
        "serve",
        "norms",
        "常模文件（由 `zhixing norms build` 生成）：每份提交的结果都带百分位和误差带 [默认：$ZHIXING_NORMS]",
    ),
    ("serve", "tls_cert", "用此证书提供 HTTPS（PEM 格式，本机证书在前，其后是中间证书）；须同时给 --tls-key"),
    ("serve", "tls_key", "--tls-cert 证书的私钥（PEM 格式）"),
    ("export", "", "从结果库导出结果：json、jsonl 或 csv"),
    ("export", "session", "只导出此场次"),
    ("export", "subject", "只导出此人"),
    ("export", "since", "只导出此日期（YYYY-MM-DD）或时间（RFC 3339）之后的结果"),
    ("export", "format", "输出格式 [默认：jsonl；加 --wide 时为 csv]"),
    ("export", "wide", "CSV，每份结果一行：基本信息、属性、各项得分和每一题的作答（便于 Excel、SPSS）"),
    ("export", "rubric", "与 --wide 同用：只导出此量表编号的结果"),
    ("export", "out", "写入文件（原子写入，权限 0600），而不是标准输出"),
    ("export", "bom", "输出到标准输出的 CSV 也加 UTF-8 字节顺序标记"),
    ("import", "", "把结果文件（.json、.jsonl）导入结果库；重复导入只保存一次"),
    ("import", "files", "结果文件：.json（一份结果或数组）或 .jsonl，或 - 表示标准输入"),
    ("import", "keep_going", "跳过有错的记录，只导入正确的，并列出被拒收的"),
    ("store", "", "结果库：位置、内容；删除结果"),
    ("store info", "", "结果库的位置、大小、结构版本和数量"),
    ("store info", "format", "输出格式"),
    ("store delete", "", "按编号删除结果（除非加 --yes，否则先确认）"),
    ("store delete", "ids", "要删除的结果编号"),
    ("store delete", "yes", "不再确认"),
    ("rubric", "", "列出、查看、检查量表，生成答卷模板"),
    ("rubric list", "", "列出内置量表"),
    ("rubric list", "format", "输出格式"),
    ("rubric list", "ascii", "表格边框只用 ASCII 字符，适合把制表符画成双宽的终端"),
    ("rubric show", "", "查看量表的分区、维度和条目"),
    ("rubric show", "rubric", "内置量表标识或量表文件 [默认：core]"),
    ("rubric show", "format", "输出格式"),
    ("rubric check", "", "检查量表文件，报告全部问题"),
    ("rubric check", "files", "要检查的量表文件"),
    ("rubric template", "", "生成待填写的答卷：列出每个条目及其陈述"),
    ("rubric template", "rubric", "量表：内置标识（core、office）或量表文件"),
    (
        "rubric template",
        "role",
        "为谁作答：self（自评），或评价人的 supervisor、peer、subordinate、other（条目改为第三人称）",
    ),
    ("rubric schema", "", "输出量表格式的 JSON Schema（同 `zhixing schema rubric`）"),
    ("norms", "", "常模：百分位、测量误差和可靠变化，由许多人的结果生成"),
    ("norms build", "", "由许多人的结果（每人取最近一份）生成常模，写入文件（权限 0600）"),
    ("norms build", "files", "结果文件：.json（一份结果或数组）、.jsonl，或 - 表示标准输入"),
    (
        "norms build",
        "exclude_flagged",
        "质量标记为这些之一的结果不计入（不写标记：任何标记）：straight_line、longstring、reverse_inconsistent、too_good、too_fast",
    ),
    ("norms build", "session", "结果库中此场次的全部结果"),
    ("norms build", "all", "结果库中的全部结果"),
    ("norms build", "role", "结果的评价人身份：self、supervisor、peer、subordinate、other"),
    ("norms build", "name", "常模的名称，例如 \"2026 全省机关干部\""),
    ("norms build", "min_n", "人数少于此数时不生成常模"),
    ("norms build", "out", "要写入的常模文件"),
    ("norms build", "rubric", "量表：内置标识（core、office）或量表文件"),
    ("norms show", "", "查看常模文件：每个维度的人数、平均分、标准差、信度和测量标准误"),
    ("norms show", "file", "常模文件"),
    ("norms show", "format", "输出格式"),
    ("schema", "", "输出某种文件格式的 JSON Schema（draft-07）"),
    ("schema", "which", "哪种格式：rubric、answers、result、group、norms 或 compare"),
    ("completions", "", "输出命令行补全脚本"),
    ("completions", "shell", "哪种 shell"),
];

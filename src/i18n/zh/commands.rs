use std::path::Path;

use crate::error::{FileKind, Internal, IoAction, IoCause, Problem};
use crate::i18n::Zh;
use crate::i18n::commands::Commands;
use crate::i18n::readers::ReaderText;
use crate::lang::Lang;

impl Commands for Zh {
    fn lang(&self) -> Lang {
        Lang::Zh
    }

    fn error_label(&self) -> &'static str {
        "错误"
    }

    fn io_action(&self, action: IoAction) -> &'static str {
        match action {
            IoAction::Read | IoAction::ReadRubric => "无法读取",
            IoAction::Write | IoAction::WriteTo => "无法写入",
            IoAction::CreateBeside => "无法在其旁创建文件",
            IoAction::CreateDir => "无法创建目录",
        }
    }

    fn io_cause(&self, source: &std::io::Error) -> String {
        match IoCause::of(source) {
            IoCause::NotFound => "文件或目录不存在",
            IoCause::PermissionDenied => "没有权限",
            IoCause::AlreadyExists => "已经存在",
            IoCause::IsADirectory => "这是一个目录，不是文件",
            IoCause::NotADirectory => "路径中有一部分不是目录",
            IoCause::DirectoryNotEmpty => "目录不是空的",
            IoCause::StorageFull => "磁盘已满",
            IoCause::QuotaExceeded => "超出了磁盘配额",
            IoCause::ReadOnlyFilesystem => "文件系统是只读的",
            IoCause::FileTooLarge => "文件太大",
            IoCause::NameTooLong => "文件名太长或无效",
            IoCause::TooManyLinks => "链接太多",
            IoCause::SymlinkLoop => "符号链接形成了循环",
            IoCause::TooManyOpenFiles => "打开的文件太多",
            IoCause::ResourceBusy => "文件或设备正忙",
            IoCause::CrossesDevices => "不能跨文件系统移动",
            IoCause::NotSeekable => "不能在其中定位（是管道或终端）",
            IoCause::BrokenPipe => "管道的另一端已关闭",
            IoCause::Interrupted => "操作被中断",
            IoCause::TimedOut => "操作超时",
            IoCause::WouldBlock => "暂时无法完成，请重试",
            IoCause::UnexpectedEof => "文件意外结束",
            IoCause::OutOfMemory => "内存不足",
            IoCause::InvalidInput => "参数无效",
            IoCause::InvalidData => "数据无效",
            IoCause::DeviceError => "设备读写出错（输入/输出错误）",
            IoCause::NoDevice => "设备不存在或未连接",
            IoCause::Unsupported => "此系统不支持该操作",
            IoCause::StaleHandle => "网络文件已失效，请重新打开",
            IoCause::Other(Some(code)) => return format!("系统错误（错误码 {code}）"),
            IoCause::Other(None) => "未知的系统错误",
        }
        .to_string()
    }

    fn io_error(&self, action: IoAction, path: &Path, source: &std::io::Error) -> String {
        format!("{} {}：{}", self.io_action(action), path.display(), self.io_cause(source))
    }

    fn problem(&self, p: &Problem) -> String {
        match p {
            Problem::StdinTwice => "标准输入（-）只能读取一次".to_string(),
            Problem::TargetRange(t) => format!("--target {t} 超出 0 到 100 的范围"),
            Problem::MinGroup(n) => {
                format!("--min-group {n} 无效：最少人数至少为 1（1 表示不隐藏任何分组；3 是仍能保护个人的最低值）")
            }
            Problem::WideNotCsv => "--wide 只能导出 CSV：去掉 --format，或写 --format csv".to_string(),
            Problem::ExportFormat => "export 只写 json、jsonl 或 csv".to_string(),
            Problem::NoStorePath => {
                "找不到存放结果的数据目录：请用 --store 或 ZHIXING_STORE 指定数据库文件".to_string()
            }
            Problem::NoSuchRubric { choice, builtins } => {
                format!("没有内置量表 \"{choice}\"，也没有这个文件；内置量表有：{}", builtins.join("、"))
            }
            Problem::RubricErrors { path, errors } => format!("量表 {path} 有 {errors} 处错误，未作任何处理"),
            Problem::RubricsFailed(n) => format!("{n} 个量表文件未通过检查"),
            Problem::NoProfile { rubric, profile, profiles } => {
                let list = if profiles.is_empty() { "（无）".to_string() } else { profiles.join(", ") };
                format!("量表 {rubric} 没有目标配置 \"{profile}\"；可用的有：{list}")
            }
            Problem::AnswersProblems(n) => format!("答卷中有 {n} 处错误，未评分"),
            Problem::NotResults(n) => format!("{n} 条记录不是有效的 zhixing 结果，未作任何处理"),
            Problem::NotResultsToGroup(n) => {
                format!("{n} 条记录不是有效的 zhixing 结果，未生成团体报告（--keep-going 可跳过它们）")
            }
            Problem::MixedRubrics(list) => {
                let list: Vec<String> = list.iter().map(|(id, v, n)| format!("{id} {v} ({n})")).collect();
                format!(
                    "不同量表或量表版本的结果不能合并统计：{}；请分别统计（例如按 --session，或只给出同一量表的结果文件）",
                    list.join("、")
                )
            }
            Problem::RubricMismatch { given, results } => format!(
                "--rubric 给出的是量表 {} {}，而结果是按量表 {} {} 评分的；请给出与结果相同的量表文件",
                given.0, given.1, results.0, results.1
            ),
            Problem::UnknownAttribute { name, known } => {
                let list = if known.is_empty() { "（这些结果没有任何属性）".to_string() } else { known.join("、") };
                format!(
                    "--by {name}：没有结果带有属性「{name}」；可按 department、role、session、subject 或这些属性分组：{list}"
                )
            }
            Problem::WideMixedRubrics(list) => {
                let list: Vec<String> = list.iter().map(|(id, v, n)| format!("{id} {v} ({n})")).collect();
                format!(
                    "--wide 的一张表只能有一种表头，而这些结果来自不同量表或量表版本：{}；请加 --rubric 量表编号（或 --session）只导出其中一种",
                    list.join("、")
                )
            }
            Problem::NothingToGroup { session: Some(s) } => format!("结果库中没有场次「{s}」的结果"),
            Problem::NothingToGroup { session: None } => "没有可统计的结果".to_string(),
            Problem::NotFileNorSession { given, after } => format!(
                "{}「{given}」既不是存在的结果文件，也不是结果库中有结果的场次；请给出结果文件（.json、.jsonl）或结果库中的场次名（`zhixing score --save --session` 所存）",
                if *after { "训后" } else { "训前" }
            ),
            Problem::NormsTooFew { n, min } => format!("常模至少需要 {min} 人，这里只有 {n} 人（每人取最近一次结果）"),
            Problem::NormsMismatch { norms, results } => format!(
                "常模是按量表 {} {} 建立的，而结果是按量表 {} {} 评分的；请使用同一量表版本的常模",
                norms.0, norms.1, results.0, results.1
            ),
            Problem::NotNorms { path, reason } => format!("{path} 不是 zhixing 常模文件（zhixing.norms.v1）：{reason}"),
            Problem::NoStore { with_import: true } => "还没有保存过任何结果（结果库不存在）；先用 `zhixing score --save`、`zhixing import` 或 `zhixing assess`".to_string(),
            Problem::NoStore { with_import: false } => {
                "还没有保存过任何结果（结果库不存在）；先用 `zhixing score --save` 或 `zhixing assess`".to_string()
            }
            Problem::NoStoreToDelete => "结果库不存在，没有可删除的结果".to_string(),
            Problem::NoResults { subject: Some(s) } => format!("结果库中没有 {s} 的结果"),
            Problem::NoResults { subject: None } => "结果库中还没有结果".to_string(),
            Problem::NotFileNorId(arg) => format!("\"{arg}\" 既不是文件，也不是结果库中的结果编号"),
            Problem::ChangedWhileRead => "结果文件在读取过程中被改动，未导入任何结果；请重新运行".to_string(),
            Problem::IdsNotFound(ids) => format!("结果库中没有这些编号：{}", ids.join(", ")),
            Problem::ConfirmNeedsTerminal => "删除前需要确认：在终端中运行，或加上 --yes".to_string(),
            Problem::PackNotDir(dir) => format!("--pack {} 已存在且不是目录", dir.display()),
            Problem::OutNotFile { path, kind } => {
                let kind = match kind {
                    FileKind::Directory => "目录",
                    FileKind::Fifo => "命名管道（FIFO）",
                    FileKind::Socket => "套接字",
                    FileKind::Device => "设备",
                    FileKind::Other => "特殊文件",
                };
                format!("{} 是{kind}，不是普通文件：输出只写入普通文件或新的路径，它未被改动", path.display())
            }
            Problem::AssessNeedsTerminal => "assess 需要在终端中运行（标准输入和标准错误都须是终端）。不经提问评分请用 `zhixing score 答卷文件`；`zhixing rubric template` 可生成待填写的答卷。".to_string(),
            Problem::TooLarge { path, limit, line } => self.too_large(path, *limit, *line),
            Problem::TlsHalf { cert_given } => {
                let (given, missing) = if *cert_given { ("--tls-cert", "--tls-key") } else { ("--tls-key", "--tls-cert") };
                format!(
                    "给了 {given} 却没有 {missing}：HTTPS 需要证书（--tls-cert）和它的私钥（--tls-key）两个 PEM 文件，请两个都给；不用 HTTPS 就都去掉"
                )
            }
        }
    }

    fn unreadable_inputs(&self, files: usize, problems: usize) -> String {
        match problems {
            0 => format!("{files} 个输入文件无法读取，未评分"),
            n => format!("{files} 个输入文件无法读取，其他答卷中另有 {n} 处错误，未评分"),
        }
    }

    fn internal(&self, i: &Internal) -> String {
        match i {
            Internal::BuiltinRubric(text) | Internal::Json(text) => text.clone(),
            Internal::Draft(why) => format!("无法保存草稿：{why}"),
            Internal::PackName(name) => format!("程序错误：训练包中两个文件同名（{name}），已停止写入"),
            Internal::Zip(why) => format!("程序错误：无法把训练包打成 zip 压缩包：{why}"),
        }
    }

    fn interrupted_lead(&self, why: Option<&str>) -> String {
        match why {
            Some(why) => format!("已中断（{why}）。已答的题目都保存在草稿中，接着作答请运行："),
            None => "已中断。已答的题目都保存在草稿中，接着作答请运行：".to_string(),
        }
    }

    fn scored_rejected(&self, scored: usize, rejected: usize) -> String {
        format!("已评分 {scored} 份，拒收 {rejected} 份")
    }

    fn grouped_rejected(&self, grouped: usize, rejected: usize) -> String {
        format!("已统计 {grouped} 份，拒收 {rejected} 份")
    }

    fn files_written(&self, n: usize, dir: &Path) -> String {
        format!("已写入 {n} 个文件到 {}", dir.display())
    }

    fn min_group_two_note(&self) -> &'static str {
        "注意：--min-group 2 几乎不能保护个人，3 是仍能保护个人的最低值"
    }

    fn kiosk_thanks(&self) -> &'static str {
        "问卷已提交，感谢您的参与！您的报告将由培训师发给您。"
    }

    fn assess_saved(&self, n: usize) -> String {
        format!("已保存 {n} 份结果。")
    }

    fn alpha_other_version(&self, id: &str, version: &str, builtin_version: &str) -> String {
        format!(
            "注意：结果按量表 {id} {version} 评分，内置的是 {builtin_version}，信度 α 不予计算；请用 --rubric 给出 {version} 版的量表文件"
        )
    }

    fn alpha_not_builtin(&self, id: &str) -> String {
        format!("注意：量表 {id} 不是内置量表，信度 α 不予计算；请用 --rubric 给出量表文件")
    }

    fn file_holds_no_results(&self) -> &'static str {
        "文件中没有任何结果"
    }

    fn no_results_matched(&self) -> &'static str {
        "没有符合条件的结果"
    }

    fn rejected(&self, n: usize) -> String {
        format!("拒收 {n} 条")
    }

    fn store_info(&self, path: &Path, size: u64, schema: i64, results: u64, subjects: u64, drafts: u64) -> String {
        format!(
            "结果库：{}\n大小：{size} 字节\n结构版本：{schema}\n结果：{results} 份（{subjects} 人）\n草稿：{drafts} 份\n",
            path.display()
        )
    }

    fn store_not_created(&self, path: &Path) -> String {
        format!("结果库：{}（尚未创建）\n", path.display())
    }

    fn nothing_deleted(&self) -> &'static str {
        "未删除任何结果"
    }

    fn deleted(&self, n: usize) -> String {
        format!("已删除 {n} 份结果")
    }

    fn confirm_delete(&self, n: usize) -> String {
        format!("永久删除以上 {n} 份结果？[y/N] ")
    }

    fn rubric_ok(&self, file: &str, sections: usize, dimensions: usize, items: usize) -> String {
        format!("{file}: 通过（{sections} 个分区，{dimensions} 个维度，{items} 个条目）")
    }

    fn unscorable_warning(&self, subject: &str, answered: usize, items: usize) -> String {
        format!("注意：{subject} 在 {items} 题中只答了 {answered} 题，作答不足，无法评分")
    }
}

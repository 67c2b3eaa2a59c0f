use std::path::Path;

use crate::i18n::Zh;
use crate::i18n::store::{StoreHint, StoreText};

impl StoreText for Zh {
    fn store_not_ours(&self, path: &Path) -> String {
        format!(
            "{} 不是 zhixing 数据库文件，未做任何改动；请用 --store 或 ZHIXING_STORE 指定另一个路径",
            path.display()
        )
    }

    fn store_too_new(&self, path: &Path, version: i64, known: i64) -> String {
        format!(
            "{} 由更新版本的 zhixing 写入（数据库版本 {version}，本程序只认识到 {known}），未做任何改动；请升级 zhixing，或用 --store 指定另一个路径",
            path.display()
        )
    }

    fn store_bad_taken_at(&self, id: &str, taken_at: &str) -> String {
        format!(
            "结果 {id} 的 taken_at「{taken_at}」不是 RFC 3339 日期时间（例如 2026-11-28T09:30:00+08:00）；请改正后再保存"
        )
    }

    fn store_bad_result(&self, id: &str, reason: &str) -> String {
        format!("结果「{id}」无法保存：{reason}；请检查该结果文件")
    }

    fn store_bad_since(&self, value: &str) -> String {
        format!("起始时间「{value}」无法识别；请写成日期 2026-11-28 或 RFC 3339 时间 2026-11-28T09:30:00+08:00")
    }

    fn store_io(&self, what: &str, error: &std::io::Error) -> String {
        format!("{what}：{error}；请检查路径、权限和磁盘空间")
    }

    fn store_database(&self, path: &Path, error: &str, hint: StoreHint) -> String {
        let hint = match hint {
            StoreHint::Busy => "另一个程序长时间占用数据库，请稍后再试",
            StoreHint::Permissions => "请检查该文件及其目录的权限",
            StoreHint::DiskFull => "磁盘已满，请腾出空间",
            StoreHint::ReadOnly => "结果库不可写，请检查该文件及其目录的权限",
            StoreHint::Damaged => "数据库文件已损坏，请从备份或导出文件恢复",
            StoreHint::Other => "请重试；若仍失败，请报告此问题",
        };
        format!("数据库 {}：{error}；{hint}", path.display())
    }

    fn store_corrupt(&self, path: &Path, id: &str, reason: &str) -> String {
        format!(
            "数据库 {} 中的结果 {id} 已损坏（{reason}）；可用 zhixing store delete {id} 删除它，再从导出文件重新导入",
            path.display()
        )
    }

    fn store_read_only(&self, path: &Path) -> String {
        format!(
            "结果库 {} 是只读的（文件、所在文件夹或磁盘不可写），无法保存；report、history、export 等读取命令仍可使用；要保存，请改为可写，或用 --store 指定另一个路径",
            path.display()
        )
    }

    fn store_disk_full(&self, path: &Path) -> String {
        format!("无法写入结果库 {}：磁盘已满（或已达配额），本次未保存任何结果；请腾出空间后再运行一次", path.display())
    }

    fn store_mode_kept(&self, path: &Path, mode: u32, error: &std::io::Error) -> String {
        format!(
            "注意：{} 的权限为 {mode:04o}，其他用户也能读取，且无法改为仅本人可读写（{error}）；请由文件所有者执行 chmod 600",
            path.display()
        )
    }

    fn store_saved(&self, saved: usize, already: usize) -> String {
        format!("已保存 {saved} 份，{already} 份已在结果库中")
    }
}

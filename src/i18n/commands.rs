//! The catalogue's texts for what the commands say: errors, summaries and
//! notes on stderr.

use std::path::Path;

use crate::error::{Error, Internal, IoAction, Problem};

/// Texts for what the commands say.
pub trait Commands {
    /// "error", before an error's message.
    fn error_label(&self) -> &'static str;
    /// What went wrong with a file.
    fn io_action(&self, action: IoAction) -> &'static str;
    /// Why, from the system's error.
    fn io_cause(&self, source: &std::io::Error) -> String;
    /// A file error: the action, the file, the cause.
    fn io_error(&self, action: IoAction, path: &Path, source: &std::io::Error) -> String;
    /// Bad input.
    fn problem(&self, p: &Problem) -> String;
    /// Inputs that could not be read, and problems in the others: nothing scored.
    fn unreadable_inputs(&self, files: usize, problems: usize) -> String;
    fn internal(&self, i: &Internal) -> String;
    /// Interrupted, everything saved: the words before the command that
    /// goes on, which follows on a line of its own; `why`, if known.
    fn interrupted_lead(&self, why: Option<&str>) -> String;
    /// Interrupted, everything saved: how to go on.
    fn interrupted(&self, resume: &str) -> String {
        format!("{}\n  {resume}", self.interrupted_lead(None))
    }

    /// "N scored, M rejected".
    fn scored_rejected(&self, scored: usize, rejected: usize) -> String;
    /// "N grouped, M rejected".
    fn grouped_rejected(&self, grouped: usize, rejected: usize) -> String;
    /// "N files written to DIR".
    fn files_written(&self, n: usize, dir: &Path) -> String;
    fn min_group_two_note(&self) -> &'static str;
    /// A kiosk participant's answers are in.
    fn kiosk_thanks(&self) -> &'static str;
    /// `assess`: "N results saved."
    fn assess_saved(&self, n: usize) -> String;
    fn alpha_other_version(&self, id: &str, version: &str, builtin_version: &str) -> String;
    fn alpha_not_builtin(&self, id: &str) -> String;
    fn file_holds_no_results(&self) -> &'static str;
    fn no_results_matched(&self) -> &'static str;
    fn rejected(&self, n: usize) -> String;
    fn store_info(&self, path: &Path, size: u64, schema: i64, results: u64, subjects: u64, drafts: u64) -> String;
    fn store_not_created(&self, path: &Path) -> String;
    fn nothing_deleted(&self) -> &'static str;
    fn deleted(&self, n: usize) -> String;
    fn confirm_delete(&self, n: usize) -> String;
    /// `rubric check`: a file that passed.
    fn rubric_ok(&self, file: &str, sections: usize, dimensions: usize, items: usize) -> String;
    /// `score`: a result with no overall score, and how much was answered.
    fn unscorable_warning(&self, subject: &str, answered: usize, items: usize) -> String;

    /// The whole message of an error.
    fn error(&self, e: &Error) -> String {
        match e {
            Error::BadInput(p) => self.problem(p),
            Error::Io { path, action, source } => self.io_error(*action, path, source),
            Error::Unreadable { files, problems } => self.unreadable_inputs(*files, *problems),
            Error::Interrupted { resume, why } => format!("{}\n  {resume}", self.interrupted_lead(why.as_deref())),
            Error::Other { error, .. } => error.message(self.lang()),
            Error::Internal(i) => self.internal(i),
            Error::Output(source) => self.io_error(IoAction::WriteTo, Path::new(crate::error::STDOUT), source),
        }
    }

    /// The language of this catalogue.
    fn lang(&self) -> crate::lang::Lang;
}

#[cfg(test)]
mod tests {
    use std::io::{Error as IoError, ErrorKind};

    use crate::error::{Error, FileKind, IoAction, Problem};
    use crate::lang::Lang;

    #[test]
    fn a_full_disk_is_named_with_its_file() {
        for source in [IoError::from(ErrorKind::StorageFull), IoError::from_raw_os_error(28)] {
            let e = Error::io("/data/report.txt", IoAction::Write, source);
            assert_eq!(crate::i18n::msg(Lang::En).error(&e), "cannot write /data/report.txt: the disk is full");
            assert_eq!(crate::i18n::msg(Lang::Zh).error(&e), "无法写入 /data/report.txt：磁盘已满");
        }
        let e = Error::io("/mnt/ro/x.csv", IoAction::Write, IoError::from_raw_os_error(30));
        assert!(crate::i18n::msg(Lang::En).error(&e).ends_with("the file system is read-only"));
        assert!(crate::i18n::msg(Lang::Zh).error(&e).ends_with("文件系统是只读的"));
    }

    /// The system's own words are English whatever the language: every
    /// common cause is said by the catalogue instead (issue 12, item 5).
    #[test]
    fn the_system_errors_are_said_in_the_interface_language() {
        // EISDIR, ENOENT, EACCES, ENOSPC, EROFS, ENOTDIR, EIO, EMFILE, EEXIST, ENAMETOOLONG.
        let cases = [
            (21, "这是一个目录，不是文件", "it is a directory, not a file"),
            (2, "文件或目录不存在", "no such file or directory"),
            (13, "没有权限", "permission denied"),
            (28, "磁盘已满", "the disk is full"),
            (30, "文件系统是只读的", "the file system is read-only"),
            (20, "路径中有一部分不是目录", "a part of the path is not a directory"),
            (5, "设备读写出错（输入/输出错误）", "the device failed (input/output error)"),
            (24, "打开的文件太多", "too many open files"),
            (17, "已经存在", "it already exists"),
            (36, "文件名太长或无效", "the file name is too long or not valid"),
        ];
        for (code, zh, en) in cases {
            let e = Error::io("a.json", IoAction::Read, IoError::from_raw_os_error(code));
            let said = crate::i18n::msg(Lang::Zh).error(&e);
            assert_eq!(said, format!("无法读取 a.json：{zh}"), "os error {code}");
            assert_eq!(crate::i18n::msg(Lang::En).error(&e), format!("cannot read a.json: {en}"));
        }
        // An error number the catalogue has no words for: its number, in Chinese.
        let e = Error::io("a.json", IoAction::Read, IoError::from_raw_os_error(71));
        assert_eq!(crate::i18n::msg(Lang::Zh).error(&e), "无法读取 a.json：系统错误（错误码 71）");
        let e = Error::io("a.json", IoAction::Read, IoError::from(ErrorKind::IsADirectory));
        assert!(crate::i18n::msg(Lang::Zh).error(&e).ends_with("这是一个目录，不是文件"));
    }

    #[test]
    fn what_out_refuses_is_named() {
        let e = Error::BadInput(Problem::OutNotFile { path: "/dev/full".into(), kind: FileKind::Device });
        let en = crate::i18n::msg(Lang::En).error(&e);
        assert!(en.starts_with("/dev/full is a device, not a regular file"), "{en}");
        let zh = crate::i18n::msg(Lang::Zh).error(&e);
        assert!(zh.starts_with("/dev/full 是设备，不是普通文件"), "{zh}");
        assert_eq!(e.exit_code(), 2);
    }
}

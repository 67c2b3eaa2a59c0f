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
    fn internal(&self, i: &Internal) -> String;
    /// Interrupted, everything saved: how to go on.
    fn interrupted(&self, resume: &str) -> String;

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
            Error::Interrupted { resume, why: None } => self.interrupted(resume),
            Error::Interrupted { resume, why: Some(why) } => format!("{} ({why})", self.interrupted(resume)),
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

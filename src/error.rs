//! The one error type of the program, and its exit code (SPEC §7).

use std::fmt;
use std::path::PathBuf;

/// What went wrong, said so that the user knows what to do next.
#[derive(Debug)]
pub enum Error {
    /// Bad input: usage, a rubric, answers, a store that is not ours. Exit 2.
    /// The detailed problems have already been written to stderr; this is the summary.
    BadInput(String),
    /// A file could not be read or written. Exit 1.
    Io { path: PathBuf, action: &'static str, source: std::io::Error },
    /// Interrupted by the user after everything was saved. Exit 130.
    Interrupted(String),
    /// A bug or an environment failure. Exit 1.
    Internal(String),
}

impl Error {
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::BadInput(_) => 2,
            Error::Io { .. } | Error::Internal(_) => 1,
            Error::Interrupted(_) => 130,
        }
    }

    pub fn io(path: impl Into<PathBuf>, action: &'static str, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), action, source }
    }
}

impl Error {
    /// The message in the interface language.
    pub fn message(&self, lang: crate::lang::Lang) -> String {
        match (self, lang) {
            (Error::Io { path, action, source }, crate::lang::Lang::Zh) => {
                let what = match *action {
                    "cannot read" | "cannot read rubric" => "无法读取",
                    "cannot write" | "cannot write to" => "无法写入",
                    "cannot create a file beside" => "无法在其旁创建文件",
                    "cannot create the directory" => "无法创建目录",
                    other => other,
                };
                let why = match source.kind() {
                    std::io::ErrorKind::NotFound => "文件或目录不存在".to_string(),
                    std::io::ErrorKind::PermissionDenied => "没有权限".to_string(),
                    _ => source.to_string(),
                };
                format!("{what} {}：{why}", path.display())
            }
            _ => self.to_string(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::BadInput(m) | Error::Interrupted(m) | Error::Internal(m) => f.write_str(m),
            Error::Io { path, action, source } => write!(f, "{action} {}: {source}", path.display()),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;

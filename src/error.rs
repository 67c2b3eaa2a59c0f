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

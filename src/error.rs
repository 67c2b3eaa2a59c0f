//! The one error type of the program, and its exit code (SPEC §7).
//!
//! Errors carry data, never finished text: what went wrong, where, and the
//! cause. The message catalogue (`i18n`) says them in the interface
//! language ([`crate::i18n::commands::Commands::error`]).

use std::fmt;
use std::path::PathBuf;

use crate::lang::Lang;

/// What went wrong, with what the user needs to know to fix it.
#[derive(Debug)]
pub enum Error {
    /// Bad input: usage, a rubric, answers, a store that is not ours. Exit 2.
    /// The detailed problems have already been written to stderr; this is the summary.
    BadInput(Problem),
    /// A file could not be read or written. Exit 1.
    Io { path: PathBuf, action: IoAction, source: std::io::Error },
    /// Of several inputs, `files` could not be read (each already
    /// printed), and the others had `problems` (already printed): nothing
    /// done. Exit 1, as for any file that cannot be read.
    Unreadable { files: usize, problems: usize },
    /// Interrupted by the user after everything was saved. Exit 130.
    Interrupted {
        /// The command that continues where it stopped.
        resume: String,
        /// Why, when the terminal went away rather than the user leaving.
        why: Option<String>,
    },
    /// An error that says itself in the interface language (the store's),
    /// bad input (exit 2) or not (exit 1).
    Other { bad_input: bool, error: Box<dyn Localized> },
    /// A bug or an environment failure, with the cause's own text. Exit 1.
    Internal(Internal),
    /// Writing the output failed; `output` names where it was going
    /// (stdout or the file) and makes this an [`Error::Io`].
    Output(std::io::Error),
}

/// An error of a lower layer that knows how to say itself.
pub trait Localized: fmt::Debug + Send + Sync {
    fn message(&self, lang: Lang) -> String;
}

/// What was being done with a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IoAction {
    Read,
    ReadRubric,
    Write,
    /// Writing to a stream (stdout).
    WriteTo,
    /// Creating the temporary file of an atomic write.
    CreateBeside,
    CreateDir,
}

/// Why a file operation failed, from the system's error: what the
/// catalogue says in the interface language (the system's own text is
/// English whatever the language).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IoCause {
    NotFound,
    PermissionDenied,
    AlreadyExists,
    IsADirectory,
    NotADirectory,
    DirectoryNotEmpty,
    StorageFull,
    QuotaExceeded,
    ReadOnlyFilesystem,
    FileTooLarge,
    NameTooLong,
    TooManyLinks,
    SymlinkLoop,
    TooManyOpenFiles,
    ResourceBusy,
    CrossesDevices,
    NotSeekable,
    BrokenPipe,
    Interrupted,
    TimedOut,
    WouldBlock,
    UnexpectedEof,
    OutOfMemory,
    InvalidInput,
    InvalidData,
    /// The device failed (EIO).
    DeviceError,
    /// No such device (ENXIO, ENODEV): a device or FIFO with nothing behind it.
    NoDevice,
    Unsupported,
    StaleHandle,
    /// Anything else: the system's error number, where it gave one.
    Other(Option<i32>),
}

impl IoCause {
    pub fn of(e: &std::io::Error) -> IoCause {
        use std::io::ErrorKind as K;
        // Error numbers without a stable kind (the same on Linux and macOS
        // unless said).
        match e.raw_os_error() {
            Some(5) => return IoCause::DeviceError,
            Some(6 | 19) => return IoCause::NoDevice,
            Some(23 | 24) => return IoCause::TooManyOpenFiles,
            #[cfg(target_os = "linux")]
            Some(40) => return IoCause::SymlinkLoop,
            #[cfg(target_os = "macos")]
            Some(62) => return IoCause::SymlinkLoop,
            _ => {}
        }
        match e.kind() {
            K::NotFound => IoCause::NotFound,
            K::PermissionDenied => IoCause::PermissionDenied,
            K::AlreadyExists => IoCause::AlreadyExists,
            K::IsADirectory => IoCause::IsADirectory,
            K::NotADirectory => IoCause::NotADirectory,
            K::DirectoryNotEmpty => IoCause::DirectoryNotEmpty,
            K::StorageFull => IoCause::StorageFull,
            K::QuotaExceeded => IoCause::QuotaExceeded,
            K::ReadOnlyFilesystem => IoCause::ReadOnlyFilesystem,
            K::FileTooLarge => IoCause::FileTooLarge,
            K::InvalidFilename => IoCause::NameTooLong,
            K::TooManyLinks => IoCause::TooManyLinks,
            K::ResourceBusy | K::ExecutableFileBusy => IoCause::ResourceBusy,
            K::CrossesDevices => IoCause::CrossesDevices,
            K::NotSeekable => IoCause::NotSeekable,
            K::BrokenPipe => IoCause::BrokenPipe,
            K::Interrupted => IoCause::Interrupted,
            K::TimedOut => IoCause::TimedOut,
            K::WouldBlock => IoCause::WouldBlock,
            K::UnexpectedEof => IoCause::UnexpectedEof,
            K::OutOfMemory => IoCause::OutOfMemory,
            K::InvalidInput => IoCause::InvalidInput,
            K::InvalidData => IoCause::InvalidData,
            K::Unsupported => IoCause::Unsupported,
            K::StaleNetworkFileHandle => IoCause::StaleHandle,
            _ => IoCause::Other(e.raw_os_error()),
        }
    }
}

/// Where a file error happened, when it is not a named file.
pub const STDIN: &str = "stdin";
pub const STDOUT: &str = "stdout";
/// The spool of `score`, a temporary file.
pub const SPOOL: &str = "a temporary file";

/// Bad input, each with what the message needs.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// `-` named twice.
    StdinTwice,
    /// `--target` outside 0–100.
    TargetRange(f64),
    /// `--min-group` below 1.
    MinGroup(i64),
    /// `export` asked for a format it does not write.
    ExportFormat,
    /// No data directory for the store.
    NoStorePath,
    /// `--rubric` names neither a built-in rubric nor a file.
    NoSuchRubric { choice: String, builtins: Vec<String> },
    /// The rubric has errors, already printed.
    RubricErrors { path: String, errors: usize },
    /// `rubric check`: files that did not pass.
    RubricsFailed(usize),
    /// The rubric has no such profile.
    NoProfile { rubric: String, profile: String, profiles: Vec<String> },
    /// Problems in the answers, already printed; nothing scored.
    AnswersProblems(usize),
    /// Records that are not results, already printed; nothing done.
    NotResults(usize),
    /// The same, for `group`.
    NotResultsToGroup(usize),
    /// Results of several rubrics (id, version, count).
    MixedRubrics(Vec<(String, String, usize)>),
    /// `--rubric` differs from the rubric of the results.
    RubricMismatch { given: (String, String), results: (String, String) },
    /// `group --by NAME`: no counted result carries the attribute NAME;
    /// `known`: the attribute names they do carry.
    UnknownAttribute { name: String, known: Vec<String> },
    /// `export --wide` with a format other than CSV.
    WideNotCsv,
    /// `export --wide`: results of several rubrics (id, version, count)
    /// cannot share one header.
    WideMixedRubrics(Vec<(String, String, usize)>),
    /// Nothing to group: of this session, or at all.
    NothingToGroup { session: Option<String> },
    /// `compare`: BEFORE or AFTER is neither a file nor a session in the
    /// store (`after`: which of the two).
    NotFileNorSession { given: String, after: bool },
    /// `norms build`: fewer people than `--min-n`.
    NormsTooFew { n: usize, min: usize },
    /// Norms of another rubric id or version than the results'.
    NormsMismatch { norms: (String, String), results: (String, String) },
    /// A file given as norms that is not `zhixing.norms.v1`.
    NotNorms { path: String, reason: String },
    /// No store yet; `import` names itself among the ways to fill it.
    NoStore { with_import: bool },
    /// No store to delete from.
    NoStoreToDelete,
    /// No result in the store (of this subject).
    NoResults { subject: Option<String> },
    /// Neither a file nor a stored result id.
    NotFileNorId(String),
    /// A result file changed while it was read.
    ChangedWhileRead,
    /// Ids not found by `store delete`.
    IdsNotFound(Vec<String>),
    /// Deleting needs a terminal or `--yes`.
    ConfirmNeedsTerminal,
    /// `--pack` names something that is not a directory.
    PackNotDir(PathBuf),
    /// `assess` needs a terminal.
    AssessNeedsTerminal,
    /// An input over a limit of what is read (SPEC §12); `line` is where
    /// the record over [`Limit::Record`] starts.
    TooLarge { path: PathBuf, limit: Limit, line: Option<usize> },
    /// `--out` (or a file of a pack) names something that is not a regular
    /// file: it is left as it was.
    OutNotFile { path: PathBuf, kind: FileKind },
    /// `serve`: `--tls-cert` without `--tls-key` (`cert_given`) or the
    /// other way round.
    TlsHalf { cert_given: bool },
}

/// What a path names, where it is not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Directory,
    Fifo,
    Socket,
    Device,
    Other,
}

impl FileKind {
    pub fn of(t: std::fs::FileType) -> FileKind {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if t.is_fifo() {
                return FileKind::Fifo;
            }
            if t.is_socket() {
                return FileKind::Socket;
            }
            if t.is_char_device() || t.is_block_device() {
                return FileKind::Device;
            }
        }
        if t.is_dir() { FileKind::Directory } else { FileKind::Other }
    }
}

/// A limit on what is read (SPEC §12): reading stops there, and the input
/// is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// Standard input, or one answers, result or workbook file read whole.
    Document,
    /// One line of JSON Lines, or one row of a CSV.
    Record,
    /// A rubric file.
    Rubric,
}

impl Limit {
    /// The most bytes read.
    pub const fn bytes(self) -> u64 {
        match self {
            Limit::Document => 64 << 20,
            Limit::Record => 16 << 20,
            Limit::Rubric => 1 << 20,
        }
    }

    /// The limit in MiB, for messages.
    pub const fn mib(self) -> u64 {
        self.bytes() >> 20
    }

    /// Read `r` to its end into `buf`, or stop just past the limit and fail
    /// with [`OverLimit`].
    pub fn read_to_end(self, r: impl std::io::Read, buf: &mut Vec<u8>) -> std::io::Result<()> {
        let n = std::io::Read::read_to_end(&mut std::io::Read::take(r, self.bytes() + 1), buf)?;
        if n as u64 > self.bytes() {
            buf.clear();
            buf.shrink_to_fit();
            return Err(OverLimit { limit: self, line: None }.into_io());
        }
        Ok(())
    }
}

/// The cause of a read that stopped at its limit, carried by an
/// [`std::io::Error`] to where the file's name is known: [`Error::io`]
/// makes it [`Problem::TooLarge`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverLimit {
    pub limit: Limit,
    /// Where the record over the limit starts, 1-based.
    pub line: Option<usize>,
}

impl OverLimit {
    pub fn into_io(self) -> std::io::Error {
        std::io::Error::new(std::io::ErrorKind::InvalidData, self)
    }

    /// The limit an I/O error stopped at, if it did.
    pub fn of(e: &std::io::Error) -> Option<OverLimit> {
        e.get_ref().and_then(|inner| inner.downcast_ref::<OverLimit>()).copied()
    }
}

impl fmt::Display for OverLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "over the limit of {} MiB", self.limit.mib())
    }
}

impl std::error::Error for OverLimit {}

/// Failures that are not the user's.
#[derive(Debug)]
pub enum Internal {
    /// A built-in rubric does not load (its problems, rendered).
    BuiltinRubric(String),
    /// A draft could not be saved.
    Draft(String),
    /// A result could not be made into JSON.
    Json(String),
    /// Two files of a pack were given one name (the file's name).
    PackName(String),
    /// A pack could not be made into a zip archive (the cause).
    Zip(String),
}

impl Error {
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::BadInput(_) | Error::Other { bad_input: true, .. } => 2,
            Error::Io { .. }
            | Error::Unreadable { .. }
            | Error::Output(_)
            | Error::Internal(_)
            | Error::Other { bad_input: false, .. } => 1,
            Error::Interrupted { .. } => 130,
        }
    }

    /// A file error; a read that stopped at its limit is bad input.
    pub fn io(path: impl Into<PathBuf>, action: IoAction, source: std::io::Error) -> Self {
        match OverLimit::of(&source) {
            Some(o) => Error::BadInput(Problem::TooLarge { path: path.into(), limit: o.limit, line: o.line }),
            None => Error::Io { path: path.into(), action, source },
        }
    }
}

/// An I/O error while writing a report, in the closures that `output` runs.
impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Output(e)
    }
}

impl From<Problem> for Error {
    fn from(p: Problem) -> Self {
        Error::BadInput(p)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

//! The results store (SPEC §11): results as their frozen `zhixing.result.v1`
//! JSON text plus indexed columns, and drafts of the interactive
//! questionnaire.
//!
//! [`Store`] is the small interface the commands use; [`SqliteStore`] (one
//! file, WAL, busy timeout, migrations by `PRAGMA user_version`) is the only
//! backend today. The SQL is kept to what PostgreSQL also speaks (`TEXT`,
//! `DOUBLE PRECISION`, `INSERT … ON CONFLICT`), so a `postgres://` backend can
//! sit beside it with the same tables and queries; only the placeholders
//! (`?1` here, `$1` there) and the connection setup differ.
//!
//! Where the store lives (`--store`, then `ZHIXING_STORE`, then the platform
//! data directory) is decided by the command line with [`resolve_path`].
//!
//! SPEC §11, revision 2: one result per fingerprint (a result whose
//! fingerprint is stored already is counted, not stored again); a batch is
//! staged first and holds the write lock only while it is inserted; reading
//! commands open the store read-only; a file is a store only when its
//! application id, schema version and tables are all zhixing's.

use std::borrow::Cow;
use std::ffi::OsStr;
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::i18n::store::StoreHint;
use crate::lang::Lang;
use crate::result::{Previous, ResultDoc, Role};

mod sqlite;

pub use sqlite::{APPLICATION_ID, BUSY_TIMEOUT, SCHEMA_VERSION, SqliteStore};

/// How a store is opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// For the reading commands (`report`, `history`, `export`, `group`,
    /// `store info`): read-only, never migrated, nothing created beside
    /// the file; a read-only file or folder is no obstacle.
    Read,
    /// For the commands that save or delete: created where missing,
    /// migrated to this version's schema.
    Write,
}

/// A place results are kept. Object safe, so the command line can hold a
/// `Box<dyn Store>` whatever the backend.
pub trait Store: Send {
    /// Store freshly scored results, each as `serde_json::to_string` of it.
    /// One transaction for the whole batch: it lands whole or not at all.
    /// A result whose id or fingerprint is already stored (or came earlier
    /// in the same call) is left out and counted as a duplicate.
    fn save(&mut self, results: &[ResultDoc]) -> Result<SaveOutcome, StoreError>;

    /// Store results read from files, keeping each one's JSON text exactly as
    /// given (so export → import → export gives the same bytes). The text
    /// must decode to the result beside it. Otherwise as [`Store::save`].
    fn import(&mut self, docs: &[(ResultDoc, String)]) -> Result<SaveOutcome, StoreError>;

    /// A stored result and its exact JSON text.
    fn get(&self, id: &str) -> Result<Option<(ResultDoc, String)>, StoreError>;

    /// The latest result (by `taken_at` as an instant, then id), of this
    /// subject where given.
    fn latest(&self, subject: Option<&str>) -> Result<Option<ResultDoc>, StoreError>;

    /// The subject's latest result of the same rubric id and rater role taken
    /// before `of` (earlier instant, or the same instant and a smaller id).
    /// `of` itself need not be stored.
    fn previous(&self, of: &ResultDoc) -> Result<Option<ResultDoc>, StoreError>;

    /// Every result of a subject, oldest first.
    fn history(&self, subject: &str) -> Result<Vec<ResultDoc>, StoreError>;

    /// Call `f` with the JSON text of each result the filter selects, one at a
    /// time, ordered by `taken_at` (as an instant) then id. Stops at the first
    /// error `f` returns and passes it on, except that
    /// [`StoreError::Undecodable`] (the text is not a result) comes back as
    /// [`StoreError::Corrupt`] naming the row's id and the store. Returns how
    /// many were passed.
    fn for_each(&self, filter: &Filter, f: &mut dyn FnMut(&str) -> Result<(), StoreError>)
    -> Result<usize, StoreError>;

    /// Start storing results one at a time: each is staged (on disk, not in
    /// memory, and without the write lock), and they land together, in one
    /// short transaction, at [`Batch::commit`], or not at all if the batch
    /// is dropped. Batches of any size stream through it; [`Store::save`]
    /// and [`Store::import`] are batches of a list.
    fn batch(&mut self) -> Result<Box<dyn Batch + '_>, StoreError>;

    /// Delete results by id, in one transaction. Returns the ids that were
    /// stored (and now are not), in the order given.
    fn delete(&mut self, ids: &[String]) -> Result<Vec<String>, StoreError>;

    /// Where the store is and what it holds.
    fn info(&self) -> Result<StoreInfo, StoreError>;

    /// Insert or replace a draft (by id). One small transaction: it runs once
    /// per answer.
    fn save_draft(&mut self, draft: &Draft) -> Result<(), StoreError>;

    /// The most recently updated draft of this subject and rubric.
    fn latest_draft(&self, subject: &str, rubric_id: &str) -> Result<Option<Draft>, StoreError>;

    /// Delete a draft; true when there was one.
    fn delete_draft(&mut self, id: &str) -> Result<bool, StoreError>;

    /// Every draft, the most recently updated first.
    fn drafts(&self) -> Result<Vec<Draft>, StoreError>;

    /// The kept state of a `serve` session (SPEC §16: its keys, whether it
    /// is closed, its participants), as the JSON text `serve` wrote; the
    /// store only keeps it, so that a restart continues the same session.
    fn serve_session(&self, session: &str) -> Result<Option<String>, StoreError>;

    /// Insert or replace the state of a `serve` session. One small
    /// transaction: it runs once per join.
    fn save_serve_session(&mut self, session: &str, updated_at: &str, json: &str) -> Result<(), StoreError>;

    /// What opening the store noticed and the person should know (a mode
    /// that could not be made private).
    fn warnings(&self) -> &[StoreWarning];
}

/// Results being stored together (see [`Store::batch`]).
pub trait Batch {
    /// As [`Store::previous`], the results staged so far included. A result
    /// of the same fingerprint is never the previous one: it is the same.
    fn previous(&self, of: &Columns<'_>) -> Result<Option<ResultDoc>, StoreError>;

    /// The link to that previous result (its id and time, the change of the
    /// overall score and of each dimension), from the indexed columns and
    /// the previous result's dimension scores, without decoding it whole.
    fn previous_link(&self, of: &ResultDoc) -> Result<Option<Previous>, StoreError>;

    /// Stage one result: its columns and its JSON text, which must be of it
    /// (the caller vouches). Nothing is stored until [`Batch::commit`].
    fn insert(&mut self, of: &Columns<'_>, json: &str) -> Result<(), StoreError>;

    /// Store every staged result, in the order staged, in one transaction:
    /// the write lock is held only for this. A result whose id or
    /// fingerprint is stored already (or was staged earlier) is left out
    /// and listed as a duplicate.
    fn commit(self: Box<Self>) -> Result<SaveOutcome, StoreError>;
}

/// The indexed columns of a result: what the store keeps beside its JSON
/// text, and what finds a subject's previous result.
#[derive(Clone, Debug, PartialEq)]
pub struct Columns<'a> {
    pub id: &'a str,
    /// The result's fingerprint, or one computed from it where it has none
    /// (see [`ResultDoc::fingerprint_or_computed`]).
    pub fingerprint: Cow<'a, str>,
    pub subject: &'a str,
    pub department: Option<&'a str>,
    pub rater_role: Role,
    pub session: Option<&'a str>,
    pub rubric_id: &'a str,
    pub rubric_version: &'a str,
    /// RFC 3339.
    pub taken_at: &'a str,
    pub overall: Option<f64>,
}

impl<'a> From<&'a ResultDoc> for Columns<'a> {
    fn from(d: &'a ResultDoc) -> Self {
        Columns {
            id: &d.id,
            fingerprint: d.fingerprint_or_computed(),
            subject: &d.subject.name,
            department: d.subject.department.as_deref(),
            rater_role: d.rater.role,
            session: d.session.as_deref(),
            rubric_id: &d.rubric.id,
            rubric_version: &d.rubric.version,
            taken_at: &d.taken_at,
            overall: d.overall.score,
        }
    }
}

/// Open the store at `path` (today always SQLite).
pub fn open(path: &Path, access: Access) -> Result<Box<dyn Store>, StoreError> {
    Ok(Box::new(SqliteStore::open_with(path, access)?))
}

/// What a save or import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SaveOutcome {
    /// Ids stored by this call, in input order.
    pub inserted: Vec<String>,
    /// Ids of the results left out because one of the same id or the same
    /// fingerprint was already stored (or came earlier in the batch), in
    /// input order; what is stored is unchanged.
    pub duplicates: Vec<String>,
}

/// Something opening the store noticed, said on stderr.
#[derive(Debug)]
pub enum StoreWarning {
    /// The file (or its `-wal`/`-shm`) can be read by others, and its mode
    /// could not be changed.
    ModeKept { path: PathBuf, mode: u32, error: std::io::Error },
}

impl StoreWarning {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            StoreWarning::ModeKept { path, mode, error } => crate::i18n::msg(lang).store_mode_kept(path, *mode, error),
        }
    }
}

/// Which results [`Store::for_each`] passes on. The criteria that are set
/// must all hold; a filter with none selects every result.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Exactly this session.
    pub session: Option<String>,
    /// Exactly this subject name.
    pub subject: Option<String>,
    /// Taken at or after this: an RFC 3339 instant, or a date `YYYY-MM-DD`,
    /// which is compared with the calendar date the result was taken on in
    /// its own offset (a result taken 2026-11-28T01:00+08:00 is on the 28th).
    pub since: Option<String>,
    /// Every result, whatever the other criteria say (`group --all`).
    pub all: bool,
}

/// What `zhixing store info` shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreInfo {
    pub path: PathBuf,
    /// The database file and its write-ahead log, in bytes.
    pub size_bytes: u64,
    /// `PRAGMA user_version`.
    pub schema_version: i64,
    pub results: u64,
    pub drafts: u64,
    /// Distinct subject names among the results.
    pub subjects: u64,
}

/// A questionnaire in progress. `json` belongs to the questionnaire; the
/// store only keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    pub id: String,
    pub subject: String,
    pub rubric_id: String,
    /// RFC 3339; the latest draft is found by it (as an instant).
    pub updated_at: String,
    pub json: String,
}

/// The platform's data directory for zhixing, file `zhixing.db`
/// (`~/.local/share/zhixing/zhixing.db` on Linux). None where the platform
/// has no home directory.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "zhixing").map(|d| d.data_dir().join("zhixing.db"))
}

/// The store path: the `--store` flag, else `ZHIXING_STORE` (when not
/// empty), else [`default_path`]. The environment value is passed in so that
/// tests do not depend on the process environment.
pub fn resolve_path(flag: Option<&Path>, env: Option<&OsStr>) -> Option<PathBuf> {
    if let Some(p) = flag {
        return Some(p.to_path_buf());
    }
    if let Some(v) = env.filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(v));
    }
    default_path()
}

/// Why the store failed.
#[derive(Debug)]
pub enum StoreError {
    /// The file exists and is not a zhixing store; it was left untouched.
    NotOurs { path: PathBuf },
    /// A zhixing store written by a newer zhixing; it was left untouched.
    TooNew { path: PathBuf, version: i64 },
    /// A result whose `taken_at` is not an RFC 3339 date and time.
    BadTakenAt { id: String, taken_at: String },
    /// A result to store that is not sound (empty id, or its JSON text does
    /// not decode to it).
    BadResult { id: String, reason: String },
    /// A `since` that is neither RFC 3339 nor `YYYY-MM-DD`.
    BadSince { value: String },
    /// Reading or writing a file (`path` None: not a file, e.g. stdout).
    Io { path: Option<PathBuf>, error: std::io::Error },
    /// The store cannot be written: the file or its folder is read-only (or
    /// not ours to write), or it was opened for reading.
    ReadOnly { path: PathBuf },
    /// The database said no. `errno` is the system's error number at the
    /// time, where SQLite's code leaves the cause open (an I/O error, a file
    /// it could not open): it tells a full disk from a broken one.
    Sqlite { path: PathBuf, error: rusqlite::Error, errno: Option<i32> },
    /// A stored result whose JSON no longer decodes.
    Corrupt { path: PathBuf, id: String, reason: String },
    /// From a [`Store::for_each`] callback: the text it was given is not a
    /// result. `for_each` turns it into [`StoreError::Corrupt`].
    Undecodable { reason: String },
    /// The caller's callback (of [`Store::for_each`]) stopped with its own error.
    Stopped(Box<crate::error::Error>),
}

impl crate::error::Localized for StoreError {
    fn message(&self, lang: Lang) -> String {
        StoreError::message(self, lang)
    }
}

impl StoreError {
    /// The message for a person, saying what to do.
    pub fn message(&self, lang: Lang) -> String {
        let m = crate::i18n::msg(lang);
        match self {
            StoreError::NotOurs { path } => m.store_not_ours(path),
            StoreError::TooNew { path, version } => m.store_too_new(path, *version, SCHEMA_VERSION),
            StoreError::BadTakenAt { id, taken_at } => m.store_bad_taken_at(id, taken_at),
            StoreError::BadResult { id, reason } => m.store_bad_result(id, reason),
            StoreError::BadSince { value } => m.store_bad_since(value),
            StoreError::Stopped(e) => m.error(e),
            StoreError::Io { path, error } => {
                let what = path.as_ref().map_or_else(|| "-".to_string(), |p| p.display().to_string());
                m.store_io(&what, error)
            }
            StoreError::ReadOnly { path } => m.store_read_only(path),
            StoreError::Sqlite { path, error, errno } => match hint(error.sqlite_error_code(), *errno) {
                StoreHint::ReadOnly => m.store_read_only(path),
                StoreHint::DiskFull => m.store_disk_full(path),
                other => m.store_database(path, &error.to_string(), other),
            },
            StoreError::Corrupt { path, id, reason } => m.store_corrupt(path, id, reason),
            StoreError::Undecodable { reason } => m.store_corrupt(Path::new("-"), "-", reason),
        }
    }

    /// A database error of the store at `path`, with the system's error
    /// number where SQLite's code leaves the cause open. Call it straight
    /// after the failing call, before anything else can change the number.
    pub fn sqlite(path: &Path, error: rusqlite::Error) -> StoreError {
        use rusqlite::ErrorCode;
        let errno = match error.sqlite_error_code() {
            Some(ErrorCode::SystemIoFailure | ErrorCode::CannotOpen | ErrorCode::DiskFull) => {
                std::io::Error::last_os_error().raw_os_error().filter(|&e| e != 0)
            }
            _ => None,
        };
        StoreError::Sqlite { path: path.to_path_buf(), error, errno }
    }

    /// Bad input (exit 2): a file that is not ours, a newer store, a result
    /// or filter that cannot be taken. Everything else is exit 1.
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self,
            StoreError::NotOurs { .. }
                | StoreError::TooNew { .. }
                | StoreError::BadTakenAt { .. }
                | StoreError::BadResult { .. }
                | StoreError::BadSince { .. }
        )
    }
}

/// What a database error means for the person: SQLite's code, and for the
/// codes that leave the cause open (an I/O error, a file it could not open)
/// the system's error number: a disk full (ENOSPC, or a quota) is said to be
/// full, a read-only file system read-only, not "disk I/O error; try again".
pub(crate) fn hint(code: Option<rusqlite::ErrorCode>, errno: Option<i32>) -> StoreHint {
    use rusqlite::ErrorCode;
    use std::io::ErrorKind;
    let cause = errno.map(|e| std::io::Error::from_raw_os_error(e).kind());
    let by_cause = |otherwise| match cause {
        Some(ErrorKind::StorageFull | ErrorKind::QuotaExceeded) => StoreHint::DiskFull,
        Some(ErrorKind::ReadOnlyFilesystem) => StoreHint::ReadOnly,
        Some(ErrorKind::PermissionDenied) => StoreHint::Permissions,
        _ => otherwise,
    };
    match code {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreHint::Busy,
        Some(ErrorCode::ReadOnly) => StoreHint::ReadOnly,
        Some(ErrorCode::DiskFull) => StoreHint::DiskFull,
        Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => by_cause(StoreHint::Permissions),
        Some(ErrorCode::SystemIoFailure) => by_cause(StoreHint::Other),
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => StoreHint::Damaged,
        _ => StoreHint::Other,
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Io { error, .. } => Some(error),
            StoreError::Sqlite { error, .. } => Some(error),
            _ => None,
        }
    }
}

pub(crate) use crate::result::utc_key;

/// A parsed `since`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Since {
    /// `YYYY-MM-DD`: the result's own calendar date is on or after it.
    Date(String),
    /// An instant: the result's UTC sort key is at or after this one.
    Instant(String),
}

pub(crate) fn parse_since(value: &str) -> Result<Since, StoreError> {
    let v = value.trim();
    if let Ok(d) = NaiveDate::parse_from_str(v, "%Y-%m-%d") {
        return Ok(Since::Date(d.format("%Y-%m-%d").to_string()));
    }
    utc_key(v).map(Since::Instant).ok_or_else(|| StoreError::BadSince { value: value.to_string() })
}

#[cfg(test)]
mod tests;

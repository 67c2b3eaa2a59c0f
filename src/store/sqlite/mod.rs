//! The SQLite backend: one file, WAL, a busy timeout, migrations by
//! `PRAGMA user_version`, and `PRAGMA application_id` so that a file of
//! another program is recognised and left alone.
//!
//! Opening never writes to a file, nor creates anything beside it, before
//! the file is known to be ours (or empty). Its header (the first 108
//! bytes) is read by hand: a file that is not SQLite, carries another
//! application id, has tables but no application id, or is ours from a
//! newer zhixing, is refused without SQLite ever opening it. Otherwise
//! SQLite looks inside through a read-only connection (`immutable` where the
//! file is in WAL mode and has no log beside it, so that no `-wal` or `-shm`
//! is made): the application id, the schema version and every table with
//! its columns must be zhixing's. Only then, for the commands that write,
//! is the file opened read-write, with checkpoint-on-close off until it is
//! checked once more; a new or older store is set up or migrated inside one
//! `BEGIN IMMEDIATE` transaction that checks again, so that processes
//! opening a new store at the same moment wait for each other instead of
//! racing; and only then is the file switched to WAL. The reading commands
//! keep the read-only connection.
//!
//! `schema` opens the file and keeps its schema, `results` saves and reads
//! results, `drafts` keeps drafts.

mod drafts;
mod results;
mod schema;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use self::schema::{APPLICATION_ID, BUSY_TIMEOUT, SCHEMA_VERSION};
use super::{StoreError, StoreWarning};
use crate::result::ResultDoc;

/// A store in one SQLite file.
pub struct SqliteStore {
    /// Visible to the module tests, which inject failures through it.
    pub(super) conn: Connection,
    path: PathBuf,
    /// The schema version of the file: [`SCHEMA_VERSION`] when opened to
    /// write; an older one may be read as it is.
    version: i64,
    /// Opened for reading: every write is refused.
    read_only: bool,
    warnings: Vec<StoreWarning>,
}

/// The stored JSON text `json` of the result `id` of the store at `path`.
/// A result stored without a fingerprint (before revision 2) gets the one
/// the store computed for it.
fn decode(path: &Path, id: &str, json: &str) -> Result<ResultDoc, StoreError> {
    let mut doc: ResultDoc = serde_json::from_str(json).map_err(|e| StoreError::Corrupt {
        path: path.to_path_buf(),
        id: id.to_string(),
        reason: e.to_string(),
    })?;
    if !crate::result::is_fingerprint(&doc.fingerprint) {
        doc.fingerprint = doc.fingerprint_or_computed().into_owned();
    }
    Ok(doc)
}

impl SqliteStore {
    /// The file this store lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when opened for reading only.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn sq(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        move |error| StoreError::sqlite(&self.path, error)
    }

    fn decode(&self, id: &str, json: &str) -> Result<ResultDoc, StoreError> {
        decode(&self.path, id, json)
    }

    /// Refuse a write to a store opened for reading.
    fn writable(&self) -> Result<(), StoreError> {
        if self.read_only { Err(StoreError::ReadOnly { path: self.path.clone() }) } else { Ok(()) }
    }

    /// Whether the file's results carry a fingerprint column (schema 2 on).
    fn has_fingerprints(&self) -> bool {
        self.version >= 2
    }
}

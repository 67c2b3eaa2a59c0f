//! The SQLite backend: one file, WAL, a busy timeout, migrations by
//! `PRAGMA user_version`, and `PRAGMA application_id` so that a file of
//! another program is recognised and left alone.
//!
//! Opening never writes to a file before it is known to be ours or empty.
//! Its header (the first 108 bytes) is read by hand: a file that is not
//! SQLite, carries another application id, has tables but no application
//! id, or is ours from a newer zhixing, is refused without SQLite ever
//! opening it. Otherwise SQLite looks again (the header of a file in WAL
//! mode may lag behind its log) with checkpoint-on-close turned off, so that
//! a late refusal still writes nothing; a new or older store is then set up
//! or migrated inside one `BEGIN IMMEDIATE` transaction that checks once
//! more, so that processes opening a new store at the same moment wait for
//! each other instead of racing. Only then is the file switched to WAL.
//!
//! `schema` opens the file and keeps its schema, `results` saves and reads
//! results, `drafts` keeps drafts.

mod drafts;
mod results;
mod schema;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use self::schema::{APPLICATION_ID, SCHEMA_VERSION};
use super::StoreError;
use crate::result::ResultDoc;

/// A store in one SQLite file.
pub struct SqliteStore {
    /// Visible to the module tests, which inject failures through it.
    pub(super) conn: Connection,
    path: PathBuf,
}

/// The stored JSON text `json` of the result `id` of the store at `path`.
fn decode(path: &Path, id: &str, json: &str) -> Result<ResultDoc, StoreError> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt {
        path: path.to_path_buf(),
        id: id.to_string(),
        reason: e.to_string(),
    })
}

impl SqliteStore {
    /// The file this store lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn sq(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        move |error| StoreError::Sqlite { path: self.path.clone(), error }
    }

    fn decode(&self, id: &str, json: &str) -> Result<ResultDoc, StoreError> {
        decode(&self.path, id, json)
    }
}

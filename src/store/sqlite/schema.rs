//! The file and its schema: opening (creating the file and its folders),
//! the schema and its version with the migrations, and refusing a file of
//! another program or of a newer zhixing without writing to it.

use std::ffi::OsString;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

use super::SqliteStore;
use crate::store::StoreError;

/// `PRAGMA application_id` of a zhixing store: "ZHIX" in ASCII.
pub const APPLICATION_ID: i32 = 0x5A48_4958;

/// The schema version this code writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// How long a writer waits for another one before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Migration n (from 0) takes a store from user_version n to n + 1. Only
/// ever append. Types and statements are ones PostgreSQL accepts too.
const MIGRATIONS: &[&str] = &[V1];

const V1: &str = "
CREATE TABLE results (
    id             TEXT NOT NULL PRIMARY KEY CHECK (length(id) > 0),
    subject        TEXT NOT NULL,
    department     TEXT,
    rater_role     TEXT NOT NULL
                   CHECK (rater_role IN ('self', 'supervisor', 'peer', 'subordinate', 'other')),
    session        TEXT,
    rubric_id      TEXT NOT NULL,
    rubric_version TEXT NOT NULL,
    taken_at       TEXT NOT NULL,
    taken_utc      TEXT NOT NULL,
    overall        DOUBLE PRECISION,
    stored_at      TEXT NOT NULL,
    json           TEXT NOT NULL
);
CREATE INDEX results_by_time ON results (taken_utc, id);
CREATE INDEX results_by_subject ON results (subject, rubric_id, rater_role, taken_utc, id);
CREATE INDEX results_by_session ON results (session, taken_utc, id);
CREATE TABLE drafts (
    id          TEXT NOT NULL PRIMARY KEY CHECK (length(id) > 0),
    subject     TEXT NOT NULL,
    rubric_id   TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_utc TEXT NOT NULL,
    json        TEXT NOT NULL
);
CREATE INDEX drafts_by_subject ON drafts (subject, rubric_id, updated_utc, id);
";

/// What the first bytes of a file say. In WAL mode the file's own header
/// may lag behind the log, so a candidate is checked again through SQLite.
enum Header {
    /// Not SQLite; SQLite of another application; or with tables but no
    /// application id.
    Foreign,
    /// Ours, from a newer zhixing.
    TooNew(i64),
    /// Ours, or empty (0 bytes, or SQLite with nothing in it).
    Candidate,
}

/// The 100-byte database header and the 8-byte b-tree header of page 1.
const HEADER_LEN: usize = 108;

/// What a connection sees inside.
#[derive(Debug, PartialEq, Eq)]
enum Kind {
    /// No application id, no schema version, no tables.
    Empty,
    /// Ours, at this schema version.
    Ours(i64),
    Foreign,
}

impl SqliteStore {
    /// Open the store at `path`, creating it (mode 0600, and any missing
    /// directory 0700) if it does not exist or is empty. A file that is not
    /// a zhixing store, or is from a newer zhixing, is refused and left
    /// untouched.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        let sq = |error| StoreError::Sqlite { path: path.to_path_buf(), error };
        let not_ours = || StoreError::NotOurs { path: path.to_path_buf() };
        create_parent(path)?;
        create_file(path)?;
        match read_header(path)? {
            Header::Foreign => return Err(not_ours()),
            Header::TooNew(version) => return Err(StoreError::TooNew { path: path.to_path_buf(), version }),
            Header::Candidate => {}
        }

        let mut conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .map_err(sq)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(sq)?;
        // Until the file is known to be ours, closing this connection must
        // not checkpoint a write-ahead log into it.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true).map_err(sq)?;
        match identify(&conn) {
            Ok(Kind::Ours(SCHEMA_VERSION)) => {}
            Ok(Kind::Ours(v)) if v > SCHEMA_VERSION => {
                return Err(StoreError::TooNew { path: path.to_path_buf(), version: v });
            }
            Ok(Kind::Foreign) => return Err(not_ours()),
            Ok(Kind::Ours(_) | Kind::Empty) => set_up(&mut conn, path)?,
            Err(e) if e.sqlite_error_code() == Some(ErrorCode::NotADatabase) => return Err(not_ours()),
            Err(e) => return Err(sq(e)),
        }
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false).map_err(sq)?;
        // Only now, with the file known to be ours: WAL (persistent in the
        // file), and the settings of this connection.
        switch_to_wal(&conn).map_err(sq)?;
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(sq)?;
        conn.pragma_update(None, "foreign_keys", "ON").map_err(sq)?;
        Ok(SqliteStore { conn, path: path.to_path_buf() })
    }
}

/// `path` with `suffix` appended, as SQLite names its `-wal` and `-shm`.
pub(super) fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut s = OsString::from(path.as_os_str());
    s.push(suffix);
    PathBuf::from(s)
}

/// Create the missing directories above `path`, each with mode 0700.
fn create_parent(path: &Path) -> Result<(), StoreError> {
    let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) else {
        return Ok(());
    };
    if parent.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(parent).map_err(|error| StoreError::Io { path: Some(parent.to_path_buf()), error })
}

/// Create the file with mode 0600 unless it exists.
fn create_file(path: &Path) -> Result<(), StoreError> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(error) => Err(StoreError::Io { path: Some(path.to_path_buf()), error }),
    }
}

/// Read SQLite's header (the first 100 bytes, and the b-tree header of
/// page 1 after it) by hand, without SQLite.
fn read_header(path: &Path) -> Result<Header, StoreError> {
    let io = |error| StoreError::Io { path: Some(path.to_path_buf()), error };
    let mut head = Vec::with_capacity(HEADER_LEN);
    fs::File::open(path).and_then(|f| f.take(HEADER_LEN as u64).read_to_end(&mut head)).map_err(io)?;
    if head.is_empty() {
        return Ok(Header::Candidate);
    }
    if head.len() < HEADER_LEN || !head.starts_with(SQLITE_MAGIC) {
        return Ok(Header::Foreign);
    }
    let be32 = |at: usize| i32::from_be_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
    let user_version = i64::from(be32(60));
    let application_id = be32(68);
    // Page 1 holds the schema table; its b-tree header follows the file
    // header: a leaf table page (type 13) with no cell is an empty schema.
    let schema_empty = head[100] == 13 && head[103] == 0 && head[104] == 0;
    Ok(match application_id {
        APPLICATION_ID if user_version > SCHEMA_VERSION => Header::TooNew(user_version),
        APPLICATION_ID => Header::Candidate,
        0 if user_version == 0 && schema_empty => Header::Candidate,
        _ => Header::Foreign,
    })
}

/// Application id, schema version and number of schema objects, read in one
/// statement so that they come from one snapshot.
fn identify(conn: &Connection) -> rusqlite::Result<Kind> {
    let (app, version, objects): (i64, i64, i64) = conn.query_row(
        "SELECT (SELECT application_id FROM pragma_application_id), \
                (SELECT user_version FROM pragma_user_version), \
                (SELECT count(*) FROM sqlite_master)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    Ok(if app == i64::from(APPLICATION_ID) {
        Kind::Ours(version)
    } else if app == 0 && version == 0 && objects == 0 {
        Kind::Empty
    } else {
        Kind::Foreign
    })
}

/// Put the file in WAL mode (a setting kept in the file). The switch needs
/// every other connection to be idle for a moment, and SQLite does not wait
/// for that with its busy handler (it holds a read lock while asking for the
/// write lock), so wait here, within the same timeout.
fn switch_to_wal(conn: &Connection) -> rusqlite::Result<()> {
    let deadline = Instant::now() + BUSY_TIMEOUT;
    let mut pause = Duration::from_millis(1);
    loop {
        let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0))?;
        if mode.eq_ignore_ascii_case("wal") {
            return Ok(());
        }
        match conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0)) {
            // Anything but "wal" (a file system without shared memory, say)
            // keeps its rollback journal: slower with many writers, still correct.
            Ok(_) => return Ok(()),
            Err(e) if e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy) && Instant::now() < deadline => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            Err(e) => return Err(e),
        }
    }
}

/// Create or migrate the schema, under the write lock, after checking again
/// what the file is: another process may have created it meanwhile.
fn set_up(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let sq = |error| StoreError::Sqlite { path: path.to_path_buf(), error };
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(sq)?;
    let from = match identify(&tx).map_err(sq)? {
        Kind::Foreign => return Err(StoreError::NotOurs { path: path.to_path_buf() }),
        Kind::Ours(v) if v > SCHEMA_VERSION => return Err(StoreError::TooNew { path: path.to_path_buf(), version: v }),
        Kind::Ours(v) => v,
        Kind::Empty => {
            tx.pragma_update(None, "application_id", APPLICATION_ID).map_err(sq)?;
            0
        }
    };
    if from == SCHEMA_VERSION {
        return Ok(()); // dropping the transaction ends it; nothing was written
    }
    let start = usize::try_from(from).unwrap_or(0);
    for sql in MIGRATIONS.iter().skip(start) {
        tx.execute_batch(sql).map_err(sq)?;
    }
    tx.pragma_update(None, "user_version", SCHEMA_VERSION).map_err(sq)?;
    tx.commit().map_err(sq)
}

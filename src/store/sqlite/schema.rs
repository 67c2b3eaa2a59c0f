//! The file and its schema: opening (creating the file and its folders),
//! the schema and its version with the migrations, making the file private,
//! and refusing a file of another program or of a newer zhixing without
//! writing to it or beside it.

use std::ffi::OsString;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior, params};

use super::SqliteStore;
use crate::result::ResultDoc;
use crate::store::{Access, StoreError, StoreWarning};

/// `PRAGMA application_id` of a zhixing store: "ZHIX" in ASCII.
pub const APPLICATION_ID: i32 = 0x5A48_4958;

/// The schema version this code writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// How long a writer waits for another one before giving up (SPEC §11: a
/// single save during a 100k batch must get its turn).
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// One step of a migration.
enum Step {
    Sql(&'static str),
    /// Data the SQL alone cannot compute.
    Rust(fn(&Connection) -> rusqlite::Result<()>),
}

/// Migration n (from 0) takes a store from user_version n to n + 1. Only
/// ever append. Types and statements are ones PostgreSQL accepts too.
const MIGRATIONS: &[&[Step]] = &[&[Step::Sql(V1)], &[Step::Sql(V2), Step::Rust(fill_fingerprints)], &[Step::Sql(V3)]];

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

/// Revision 2: one result per fingerprint. Rows stored before it get theirs
/// from [`fill_fingerprints`]; where two old rows share one (a session saved
/// twice), the earlier keeps it and the later is left without (NULL, which
/// the unique index allows), so nothing is lost in the migration.
const V2: &str = "
ALTER TABLE results ADD COLUMN fingerprint TEXT;
CREATE UNIQUE INDEX results_by_fingerprint ON results (fingerprint);
";

/// `zhixing serve` (SPEC §16): each session's kept state (its keys, its
/// participants) as the JSON text `serve` writes, so that a restart goes on
/// with the same links. New columns come by later migrations.
const V3: &str = "
CREATE TABLE serve_sessions (
    session    TEXT NOT NULL PRIMARY KEY CHECK (length(session) > 0),
    updated_at TEXT NOT NULL,
    json       TEXT NOT NULL
);
";

/// Give every stored result its fingerprint: the one in its JSON where it
/// has one, else one computed from it with its `taken_at` as the time given
/// (a stored result does not say whether it was given). Oldest first, a page
/// at a time; a row that does not decode is left without (and is reported
/// as damaged when it is read).
fn fill_fingerprints(conn: &Connection) -> rusqlite::Result<()> {
    const PAGE: i64 = 512;
    let mut first = conn.prepare("SELECT taken_utc, id, json FROM results ORDER BY taken_utc, id LIMIT ?1")?;
    let mut next = conn.prepare(
        "SELECT taken_utc, id, json FROM results WHERE (taken_utc, id) > (?2, ?3) ORDER BY taken_utc, id LIMIT ?1",
    )?;
    let mut update = conn.prepare("UPDATE OR IGNORE results SET fingerprint = ?1 WHERE id = ?2")?;
    let mut after: Option<(String, String)> = None;
    loop {
        let read = |r: &rusqlite::Row<'_>| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)));
        let page: Vec<(String, String, rusqlite::Result<String>)> = match &after {
            None => first.query_map([PAGE], read)?.collect::<rusqlite::Result<_>>()?,
            Some((t, id)) => next.query_map(params![PAGE, t, id], read)?.collect::<rusqlite::Result<_>>()?,
        };
        let Some((t, id, _)) = page.last() else { return Ok(()) };
        after = Some((t.clone(), id.clone()));
        for (_, id, json) in &page {
            let Some(doc) = json.as_ref().ok().and_then(|j| serde_json::from_str::<ResultDoc>(j).ok()) else {
                continue;
            };
            update.execute(params![doc.fingerprint_or_computed(), id])?;
        }
    }
}

/// What the first bytes of a file say. In WAL mode the file's own header
/// may lag behind the log, so a candidate is checked again through SQLite.
enum Header {
    /// Not SQLite; SQLite of another application; or with tables but no
    /// application id.
    Foreign,
    /// Ours, from a newer zhixing.
    TooNew(i64),
    /// Ours, or empty. `blank`: 0 bytes, or SQLite with nothing in it and
    /// no log beside it, so there is nothing to look into. `wal`: the file
    /// says it is in WAL mode.
    Candidate { blank: bool, wal: bool },
}

/// The 100-byte database header and the 8-byte b-tree header of page 1.
const HEADER_LEN: usize = 108;

/// What a connection sees inside.
#[derive(Debug, PartialEq, Eq)]
enum Kind {
    /// No application id, no schema version, no tables.
    Empty,
    /// Ours (application id and tables), at this schema version.
    Ours(i64),
    /// Ours by its application id, from a newer zhixing.
    TooNew(i64),
    Foreign,
}

impl SqliteStore {
    /// Open the store at `path` to write: see [`SqliteStore::open_with`].
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        SqliteStore::open_with(path, Access::Write)
    }

    /// Open the store at `path`.
    ///
    /// To write: created (mode 0600, and any missing directory 0700) if it
    /// does not exist or is empty, migrated if it is older. To read: as it
    /// is, read-only, nothing created beside it. Either way a file that is
    /// not a zhixing store, or is from a newer zhixing, is refused and left
    /// untouched, and an existing store is made private (group and others
    /// lose their permissions; a warning where that is not ours to do).
    pub fn open_with(path: &Path, access: Access) -> Result<SqliteStore, StoreError> {
        match access {
            Access::Read => open_to_read(path),
            Access::Write => open_to_write(path),
        }
    }
}

fn not_ours(path: &Path) -> StoreError {
    StoreError::NotOurs { path: path.to_path_buf() }
}

/// Why a file of this kind is refused; None for a store or an empty file.
fn refusal(path: &Path, kind: &Kind) -> Option<StoreError> {
    match kind {
        Kind::Foreign => Some(not_ours(path)),
        Kind::TooNew(version) => Some(StoreError::TooNew { path: path.to_path_buf(), version: *version }),
        Kind::Ours(_) | Kind::Empty => None,
    }
}

fn refuse(path: &Path, kind: Kind) -> Result<(), StoreError> {
    refusal(path, &kind).map_or(Ok(()), Err)
}

fn open_to_read(path: &Path) -> Result<SqliteStore, StoreError> {
    let sq = |error| StoreError::sqlite(path, error);
    let (conn, version) = match read_header(path)? {
        Header::Foreign => return Err(not_ours(path)),
        Header::TooNew(version) => return Err(StoreError::TooNew { path: path.to_path_buf(), version }),
        Header::Candidate { blank: true, .. } => (empty_store().map_err(sq)?, 0),
        Header::Candidate { blank: false, wal } => {
            match read_only(path, wal).and_then(|conn| identify_now(&conn).map(|kind| (conn, kind))) {
                Ok((conn, Kind::Ours(v))) => (conn, v),
                Ok((_, Kind::Empty)) => (empty_store().map_err(sq)?, 0),
                Ok((_, other)) => return Err(refusal(path, &other).unwrap_or_else(|| not_ours(path))),
                Err(e) if e.sqlite_error_code() == Some(ErrorCode::NotADatabase) => return Err(not_ours(path)),
                // A writer that crashed left a log that only a read-write
                // connection can recover; where the file is ours to write,
                // that one opens it (and checks it first).
                Err(e) if e.sqlite_error_code() == Some(ErrorCode::ReadOnly) && check_writable(path).is_ok() => {
                    return open_to_write(path);
                }
                Err(e) => return Err(sq(e)),
            }
        }
    };
    let warnings = make_private(path);
    Ok(SqliteStore { conn, path: path.to_path_buf(), version, read_only: true, warnings })
}

fn open_to_write(path: &Path) -> Result<SqliteStore, StoreError> {
    let sq = |error| StoreError::sqlite(path, error);
    create_parent(path)?;
    create_file(path)?;
    match read_header(path)? {
        Header::Foreign => return Err(not_ours(path)),
        Header::TooNew(version) => return Err(StoreError::TooNew { path: path.to_path_buf(), version }),
        Header::Candidate { blank: true, .. } => {}
        Header::Candidate { blank: false, wal } => {
            // Look before opening to write: a foreign file is refused before
            // anything is made beside it.
            match read_only(path, wal).and_then(|c| identify_now(&c)) {
                Ok(kind) => refuse(path, kind)?,
                Err(e) if e.sqlite_error_code() == Some(ErrorCode::NotADatabase) => return Err(not_ours(path)),
                // A read-only connection cannot recover a file a crashed
                // writer left behind; the read-write one below can, and
                // checks it again first.
                Err(e) if e.sqlite_error_code() == Some(ErrorCode::ReadOnly) => {}
                Err(e) => return Err(sq(e)),
            }
        }
    }
    check_writable(path)?;
    let warnings = make_private(path);

    let mut conn =
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(sq)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(sq)?;
    // Until the file is known to be ours, closing this connection must
    // not checkpoint a write-ahead log into it.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true).map_err(sq)?;
    match identify_now(&conn) {
        Ok(Kind::Ours(SCHEMA_VERSION)) => {}
        Ok(Kind::Ours(_) | Kind::Empty) => set_up(&mut conn, path)?,
        Ok(other) => refuse(path, other)?,
        Err(e) if e.sqlite_error_code() == Some(ErrorCode::NotADatabase) => return Err(not_ours(path)),
        Err(e) => return Err(sq(e)),
    }
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false).map_err(sq)?;
    // Only now, with the file known to be ours: WAL (persistent in the
    // file), and the settings of this connection. Staged batches go to a
    // temporary file, not to memory.
    switch_to_wal(&conn).map_err(sq)?;
    conn.pragma_update(None, "synchronous", "NORMAL").map_err(sq)?;
    conn.pragma_update(None, "foreign_keys", "ON").map_err(sq)?;
    conn.pragma_update(None, "temp_store", "FILE").map_err(sq)?;
    stable_plans(&conn).map_err(sq)?;
    Ok(SqliteStore { conn, path: path.to_path_buf(), version: SCHEMA_VERSION, read_only: false, warnings })
}

/// A read-only connection that creates nothing beside the file: where the
/// file is in WAL mode and has no log beside it (no process has it open),
/// `immutable`, which needs no `-wal` or `-shm` (and so works in a
/// read-only folder); otherwise SQLite's read-only mode, which uses the
/// log that is there (a rollback-journal file needs no other file).
fn read_only(path: &Path, wal: bool) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = if wal && !sidecar(path, "-wal").exists() {
        Connection::open_with_flags(uri(path, "immutable=1"), flags | OpenFlags::SQLITE_OPEN_URI)?
    } else {
        Connection::open_with_flags(path, flags)?
    };
    conn.busy_timeout(BUSY_TIMEOUT)?;
    stable_plans(&conn)?;
    Ok(conn)
}

/// Keep each statement's query plan whatever values are bound to it. The
/// bundled SQLite is built with STAT4, which otherwise prepares a statement
/// again whenever a value it looked at changes: the query for a subject's
/// previous result, run once per result, was prepared again every time.
fn stable_plans(conn: &Connection) -> rusqlite::Result<()> {
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true).map(|_| ())
}

/// A `file:` URI of `path` with the query `query`: every byte but the
/// unreserved ones and `/` percent-encoded.
fn uri(path: &Path, query: &str) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    #[cfg(unix)]
    let bytes = {
        use std::os::unix::ffi::OsStrExt;
        absolute.as_os_str().as_bytes().to_vec()
    };
    #[cfg(not(unix))]
    let bytes = absolute.to_string_lossy().replace('\\', "/").into_bytes();
    let mut out = String::from("file:");
    for b in bytes {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    #[cfg(not(unix))]
    if !out.starts_with("file:/") {
        out.insert(5, '/');
    }
    out.push('?');
    out.push_str(query);
    out
}

/// An empty store of this version in memory: what a reading command sees
/// of an empty file, without writing to it.
fn empty_store() -> rusqlite::Result<Connection> {
    let conn = Connection::open_in_memory()?;
    migrate(&conn, 0)?;
    Ok(conn)
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
    builder.create(parent).map_err(|error| io_error(parent, error))
}

/// A file error; a read-only file system (or folder) is said to be read-only.
fn io_error(path: &Path, error: io::Error) -> StoreError {
    match error.kind() {
        io::ErrorKind::ReadOnlyFilesystem => StoreError::ReadOnly { path: path.to_path_buf() },
        _ => StoreError::Io { path: Some(path.to_path_buf()), error },
    }
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
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => Err(StoreError::ReadOnly { path: path.to_path_buf() }),
        Err(error) => Err(io_error(path, error)),
    }
}

/// Refuse to write to a file that cannot be written (SQLite would open it
/// read-only without a word, and fail at the first write).
fn check_writable(path: &Path) -> Result<(), StoreError> {
    match fs::OpenOptions::new().write(true).open(path) {
        Ok(_) => Ok(()),
        Err(e) if matches!(e.kind(), io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem) => {
            Err(StoreError::ReadOnly { path: path.to_path_buf() })
        }
        Err(error) => Err(io_error(path, error)),
    }
}

/// Take every permission from group and others on the store file and on
/// its `-wal` and `-shm` where they are there (the owner's are kept: a
/// read-only file stays read-only). Where that is not ours to do (another
/// owner), a warning.
#[cfg(unix)]
fn make_private(path: &Path) -> Vec<StoreWarning> {
    use std::os::unix::fs::PermissionsExt;
    let mut warnings = Vec::new();
    for p in [path.to_path_buf(), sidecar(path, "-wal"), sidecar(path, "-shm")] {
        let Ok(meta) = fs::metadata(&p) else { continue };
        let mode = meta.permissions().mode() & 0o7777;
        if !meta.is_file() || mode & 0o077 == 0 {
            continue;
        }
        if let Err(error) = fs::set_permissions(&p, fs::Permissions::from_mode(mode & 0o700)) {
            warnings.push(StoreWarning::ModeKept { path: p, mode, error });
        }
    }
    warnings
}

#[cfg(not(unix))]
fn make_private(_path: &Path) -> Vec<StoreWarning> {
    Vec::new()
}

/// Read SQLite's header (the first 100 bytes, and the b-tree header of
/// page 1 after it) by hand, without SQLite.
fn read_header(path: &Path) -> Result<Header, StoreError> {
    let mut head = Vec::with_capacity(HEADER_LEN);
    fs::File::open(path)
        .and_then(|f| f.take(HEADER_LEN as u64).read_to_end(&mut head))
        .map_err(|error| io_error(path, error))?;
    if head.is_empty() {
        return Ok(Header::Candidate { blank: true, wal: false });
    }
    if head.len() < HEADER_LEN || !head.starts_with(SQLITE_MAGIC) {
        return Ok(Header::Foreign);
    }
    let be32 = |at: usize| i32::from_be_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
    let user_version = i64::from(be32(60));
    let application_id = be32(68);
    // Bytes 18 and 19: the write and read versions, 2 in WAL mode.
    let wal = head[18] == 2 || head[19] == 2;
    // Page 1 holds the schema table; its b-tree header follows the file
    // header: a leaf table page (type 13) with no cell is an empty schema.
    let schema_empty = head[100] == 13 && head[103] == 0 && head[104] == 0;
    Ok(match application_id {
        APPLICATION_ID if user_version > SCHEMA_VERSION => Header::TooNew(user_version),
        APPLICATION_ID => Header::Candidate { blank: false, wal },
        0 if user_version == 0 && schema_empty => {
            // Empty, unless a log beside it says otherwise.
            Header::Candidate { blank: !sidecar(path, "-wal").exists(), wal }
        }
        _ => Header::Foreign,
    })
}

/// The tables, indexes, views and triggers of the main database (not
/// SQLite's own), each table with its columns: what tells a zhixing store
/// of one version from anything else.
fn schema_of(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT m.type, m.name, m.tbl_name, c.cid, c.name, c.type, c.\"notnull\", c.pk \
         FROM main.sqlite_master AS m LEFT JOIN pragma_table_info(m.name, 'main') AS c ON m.type = 'table' \
         WHERE m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' \
         ORDER BY m.type, m.name, c.cid",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(format!(
            "{} {} on {}: {:?} {:?} {:?} {:?} {:?}",
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<i64>>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, Option<String>>(5)?,
            r.get::<_, Option<i64>>(6)?,
            r.get::<_, Option<i64>>(7)?,
        ))
    })?;
    rows.collect()
}

/// The schema of every version, 0 to [`SCHEMA_VERSION`], as [`schema_of`]
/// sees it: the migrations run once in memory.
fn expected(version: i64) -> Option<&'static [String]> {
    static SCHEMAS: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    let all = SCHEMAS.get_or_init(|| {
        let build = || -> rusqlite::Result<Vec<Vec<String>>> {
            let conn = Connection::open_in_memory()?;
            let mut out = vec![schema_of(&conn)?];
            for steps in MIGRATIONS {
                run(&conn, steps)?;
                out.push(schema_of(&conn)?);
            }
            Ok(out)
        };
        build().unwrap_or_default()
    });
    all.get(usize::try_from(version).ok()?).map(Vec::as_slice)
}

/// Application id, schema version and the tables, read in one transaction
/// so that they come from one snapshot.
fn identify_now(conn: &Connection) -> rusqlite::Result<Kind> {
    conn.execute_batch("BEGIN")?;
    let kind = identify(conn);
    let end = conn.execute_batch("COMMIT");
    let kind = kind?;
    end?;
    Ok(kind)
}

/// What the store is, inside a transaction already begun.
fn identify(conn: &Connection) -> rusqlite::Result<Kind> {
    let (app, version, objects): (i64, i64, i64) = conn.query_row(
        "SELECT (SELECT application_id FROM pragma_application_id), \
                (SELECT user_version FROM pragma_user_version), \
                (SELECT count(*) FROM main.sqlite_master)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    Ok(if app == i64::from(APPLICATION_ID) {
        if version > SCHEMA_VERSION {
            Kind::TooNew(version)
        } else if expected(version).is_some_and(|want| schema_of(conn).is_ok_and(|have| have == want)) {
            Kind::Ours(version)
        } else {
            Kind::Foreign
        }
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

fn run(conn: &Connection, steps: &[Step]) -> rusqlite::Result<()> {
    for step in steps {
        match step {
            Step::Sql(sql) => conn.execute_batch(sql)?,
            Step::Rust(f) => f(conn)?,
        }
    }
    Ok(())
}

/// Run the migrations from version `from` on.
fn migrate(conn: &Connection, from: i64) -> rusqlite::Result<()> {
    let start = usize::try_from(from).unwrap_or(0);
    for steps in MIGRATIONS.iter().skip(start) {
        run(conn, steps)?;
    }
    conn.pragma_update(None, "user_version", SCHEMA_VERSION)
}

/// Create or migrate the schema, under the write lock, after checking again
/// what the file is: another process may have created it meanwhile.
fn set_up(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let sq = |error| StoreError::sqlite(path, error);
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(sq)?;
    let from = match identify(&tx).map_err(sq)? {
        Kind::Ours(v) => v,
        Kind::Empty => {
            tx.pragma_update(None, "application_id", APPLICATION_ID).map_err(sq)?;
            0
        }
        other => return refuse(path, other),
    };
    if from == SCHEMA_VERSION {
        return Ok(()); // dropping the transaction ends it; nothing was written
    }
    migrate(&tx, from).map_err(sq)?;
    tx.commit().map_err(sq)
}

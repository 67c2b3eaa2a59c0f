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

use std::ffi::OsString;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{SecondsFormat, Utc};
use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior, params, params_from_iter};

use super::{Batch, Columns, Draft, Filter, SaveOutcome, Since, Store, StoreError, StoreInfo, parse_since, utc_key};
use crate::result::{Previous, ResultDoc};

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

/// A store in one SQLite file.
pub struct SqliteStore {
    /// Visible to the module tests, which inject failures through it.
    pub(super) conn: Connection,
    path: PathBuf,
}

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

    /// The file this store lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn sq(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        move |error| StoreError::Sqlite { path: self.path.clone(), error }
    }

    fn decode(&self, id: &str, json: &str) -> Result<ResultDoc, StoreError> {
        serde_json::from_str(json).map_err(|e| StoreError::Corrupt {
            path: self.path.clone(),
            id: id.to_string(),
            reason: e.to_string(),
        })
    }

    /// Results (id, json) of a query, decoded.
    fn query_docs(&self, sql: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<ResultDoc>, StoreError> {
        let sq = self.sq();
        let mut stmt = self.conn.prepare_cached(sql).map_err(&sq)?;
        let mut rows = stmt.query(args).map_err(&sq)?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(&sq)? {
            let id: String = row.get(0).map_err(&sq)?;
            let json: String = row.get(1).map_err(&sq)?;
            out.push(self.decode(&id, &json)?);
        }
        Ok(out)
    }

    /// Store a list in one batch: the outcome by id.
    fn insert_all<'d>(
        &mut self,
        rows: impl Iterator<Item = (&'d ResultDoc, &'d str)>,
    ) -> Result<SaveOutcome, StoreError> {
        let mut batch = self.batch()?;
        let mut out = SaveOutcome::default();
        for (doc, json) in rows {
            let list = if batch.insert(&Columns::from(doc), json)? { &mut out.inserted } else { &mut out.duplicates };
            list.push(doc.id.clone());
        }
        batch.commit()?;
        Ok(out)
    }
}

/// Results being stored in one SQLite transaction.
struct SqliteBatch<'c> {
    tx: rusqlite::Transaction<'c>,
    path: PathBuf,
    stored_at: String,
}

const INSERT: &str = "INSERT INTO results (id, subject, department, rater_role, session, rubric_id, rubric_version, \
                      taken_at, taken_utc, overall, stored_at, json) \
                      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) ON CONFLICT (id) DO NOTHING";

/// The subject's latest result of the same rubric and rater role before
/// `of`: by time as an instant, then id.
const PREVIOUS: &str = "SELECT id, json, taken_at, overall FROM results \
                        WHERE subject = ?1 AND rubric_id = ?2 AND rater_role = ?3 AND id <> ?4 \
                        AND (taken_utc < ?5 OR (taken_utc = ?5 AND id < ?4)) \
                        ORDER BY taken_utc DESC, id DESC LIMIT 1";

fn taken_utc(of: &Columns<'_>) -> Result<String, StoreError> {
    utc_key(of.taken_at)
        .ok_or_else(|| StoreError::BadTakenAt { id: of.id.to_string(), taken_at: of.taken_at.to_string() })
}

/// A stored result as [`previous_row`] finds it: id, JSON text, taken_at, overall.
type PreviousRow = (String, String, String, Option<f64>);

/// The previous result of `of` on `conn`.
fn previous_row(conn: &Connection, path: &Path, of: &Columns<'_>) -> Result<Option<PreviousRow>, StoreError> {
    let sq = |error| StoreError::Sqlite { path: path.to_path_buf(), error };
    let key = taken_utc(of)?;
    let mut stmt = conn.prepare_cached(PREVIOUS).map_err(sq)?;
    stmt.query_row(params![of.subject, of.rubric_id, of.rater_role.code(), of.id, key], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })
    .optional()
    .map_err(sq)
}

fn decode(path: &Path, id: &str, json: &str) -> Result<ResultDoc, StoreError> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt {
        path: path.to_path_buf(),
        id: id.to_string(),
        reason: e.to_string(),
    })
}

impl Batch for SqliteBatch<'_> {
    fn previous(&self, of: &Columns<'_>) -> Result<Option<ResultDoc>, StoreError> {
        match previous_row(&self.tx, &self.path, of)? {
            Some((id, json, _, _)) => decode(&self.path, &id, &json).map(Some),
            None => Ok(None),
        }
    }

    fn previous_link(&self, of: &Columns<'_>) -> Result<Option<Previous>, StoreError> {
        Ok(previous_row(&self.tx, &self.path, of)?.map(|(id, _, taken_at, overall)| Previous {
            id,
            taken_at,
            overall_delta: match (of.overall, overall) {
                (Some(a), Some(b)) => Some(a - b),
                _ => None,
            },
        }))
    }

    fn insert(&mut self, d: &Columns<'_>, json: &str) -> Result<bool, StoreError> {
        if d.id.trim().is_empty() {
            return Err(StoreError::BadResult { id: d.id.to_string(), reason: "its id is empty".into() });
        }
        let key = taken_utc(d)?;
        let sq = |error| StoreError::Sqlite { path: self.path.clone(), error };
        let mut stmt = self.tx.prepare_cached(INSERT).map_err(sq)?;
        let n = stmt
            .execute(params![
                d.id,
                d.subject,
                d.department,
                d.rater_role.code(),
                d.session,
                d.rubric_id,
                d.rubric_version,
                d.taken_at,
                key,
                d.overall,
                self.stored_at,
                json,
            ])
            .map_err(sq)?;
        Ok(n == 1)
    }

    fn commit(self: Box<Self>) -> Result<(), StoreError> {
        let path = self.path;
        self.tx.commit().map_err(|error| StoreError::Sqlite { path, error })
    }
}

impl Store for SqliteStore {
    fn save(&mut self, results: &[ResultDoc]) -> Result<SaveOutcome, StoreError> {
        let mut texts = Vec::with_capacity(results.len());
        for doc in results {
            let json = serde_json::to_string(doc)
                .map_err(|e| StoreError::BadResult { id: doc.id.clone(), reason: e.to_string() })?;
            texts.push(json);
        }
        self.insert_all(results.iter().zip(texts.iter().map(String::as_str)))
    }

    fn import(&mut self, docs: &[(ResultDoc, String)]) -> Result<SaveOutcome, StoreError> {
        for (doc, json) in docs {
            match serde_json::from_str::<ResultDoc>(json) {
                Ok(decoded) if decoded == *doc => {}
                Ok(_) => {
                    return Err(StoreError::BadResult {
                        id: doc.id.clone(),
                        reason: "its JSON text does not match the result given with it".into(),
                    });
                }
                Err(e) => return Err(StoreError::BadResult { id: doc.id.clone(), reason: e.to_string() }),
            }
        }
        self.insert_all(docs.iter().map(|(d, j)| (d, j.as_str())))
    }

    fn batch(&mut self) -> Result<Box<dyn Batch + '_>, StoreError> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|error| StoreError::Sqlite { path: path.clone(), error })?;
        let stored_at = Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true);
        Ok(Box::new(SqliteBatch { tx, path, stored_at }))
    }

    fn get(&self, id: &str) -> Result<Option<(ResultDoc, String)>, StoreError> {
        let json: Option<String> = self
            .conn
            .query_row("SELECT json FROM results WHERE id = ?1", [id], |r| r.get(0))
            .optional()
            .map_err(self.sq())?;
        match json {
            Some(json) => Ok(Some((self.decode(id, &json)?, json))),
            None => Ok(None),
        }
    }

    fn latest(&self, subject: Option<&str>) -> Result<Option<ResultDoc>, StoreError> {
        let docs = match subject {
            Some(s) => self.query_docs(
                "SELECT id, json FROM results WHERE subject = ?1 ORDER BY taken_utc DESC, id DESC LIMIT 1",
                &[&s],
            )?,
            None => self.query_docs("SELECT id, json FROM results ORDER BY taken_utc DESC, id DESC LIMIT 1", &[])?,
        };
        Ok(docs.into_iter().next())
    }

    fn previous(&self, of: &ResultDoc) -> Result<Option<ResultDoc>, StoreError> {
        match previous_row(&self.conn, &self.path, &Columns::from(of))? {
            Some((id, json, _, _)) => self.decode(&id, &json).map(Some),
            None => Ok(None),
        }
    }

    fn history(&self, subject: &str) -> Result<Vec<ResultDoc>, StoreError> {
        self.query_docs("SELECT id, json FROM results WHERE subject = ?1 ORDER BY taken_utc, id", &[&subject])
    }

    fn for_each(
        &self,
        filter: &Filter,
        f: &mut dyn FnMut(&str) -> Result<(), StoreError>,
    ) -> Result<usize, StoreError> {
        let mut conditions: Vec<String> = Vec::new();
        let mut args: Vec<String> = Vec::new();
        if !filter.all {
            if let Some(s) = &filter.session {
                args.push(s.clone());
                conditions.push(format!("session = ?{}", args.len()));
            }
            if let Some(s) = &filter.subject {
                args.push(s.clone());
                conditions.push(format!("subject = ?{}", args.len()));
            }
            if let Some(s) = &filter.since {
                match parse_since(s)? {
                    Since::Date(d) => {
                        args.push(d);
                        conditions.push(format!("substr(taken_at, 1, 10) >= ?{}", args.len()));
                    }
                    Since::Instant(k) => {
                        args.push(k);
                        conditions.push(format!("taken_utc >= ?{}", args.len()));
                    }
                }
            }
        }
        let mut sql = String::from("SELECT id, json FROM results");
        if !conditions.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&conditions.join(" AND "));
        }
        sql.push_str(" ORDER BY taken_utc, id");

        let sq = self.sq();
        let mut stmt = self.conn.prepare(&sql).map_err(&sq)?;
        let mut rows = stmt.query(params_from_iter(args.iter())).map_err(&sq)?;
        let mut n = 0;
        while let Some(row) = rows.next().map_err(&sq)? {
            let json = row.get_ref(1).map_err(&sq)?;
            let json = json.as_str().map_err(|e| StoreError::Corrupt {
                path: self.path.clone(),
                id: row.get::<_, String>(0).unwrap_or_default(),
                reason: e.to_string(),
            })?;
            f(json)?;
            n += 1;
        }
        Ok(n)
    }

    fn delete(&mut self, ids: &[String]) -> Result<Vec<String>, StoreError> {
        let path = self.path.clone();
        let sq = |error| StoreError::Sqlite { path: path.clone(), error };
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(sq)?;
        let mut deleted = Vec::new();
        {
            let mut stmt = tx.prepare_cached("DELETE FROM results WHERE id = ?1").map_err(sq)?;
            for id in ids {
                if stmt.execute([id]).map_err(sq)? > 0 {
                    deleted.push(id.clone());
                }
            }
        }
        tx.commit().map_err(sq)?;
        Ok(deleted)
    }

    fn info(&self) -> Result<StoreInfo, StoreError> {
        let sq = self.sq();
        let schema_version: i64 = self.conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(&sq)?;
        let (results, drafts, subjects): (i64, i64, i64) = self
            .conn
            .query_row(
                "SELECT (SELECT count(*) FROM results), (SELECT count(*) FROM drafts), \
                 (SELECT count(DISTINCT subject) FROM results)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .map_err(&sq)?;
        let size = |p: &Path| fs::metadata(p).map(|m| m.len());
        let main = size(&self.path).map_err(|error| StoreError::Io { path: Some(self.path.clone()), error })?;
        let wal = size(&sidecar(&self.path, "-wal")).unwrap_or(0);
        let count = |n: i64| u64::try_from(n).unwrap_or(0);
        Ok(StoreInfo {
            path: self.path.clone(),
            size_bytes: main + wal,
            schema_version,
            results: count(results),
            drafts: count(drafts),
            subjects: count(subjects),
        })
    }

    fn save_draft(&mut self, draft: &Draft) -> Result<(), StoreError> {
        let key = utc_key(&draft.updated_at).unwrap_or_else(|| draft.updated_at.clone());
        let mut stmt = self
            .conn
            .prepare_cached(
                "INSERT INTO drafts (id, subject, rubric_id, updated_at, updated_utc, json) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
                 ON CONFLICT (id) DO UPDATE SET subject = excluded.subject, rubric_id = excluded.rubric_id, \
                 updated_at = excluded.updated_at, updated_utc = excluded.updated_utc, json = excluded.json",
            )
            .map_err(self.sq())?;
        stmt.execute(params![draft.id, draft.subject, draft.rubric_id, draft.updated_at, key, draft.json])
            .map_err(self.sq())?;
        Ok(())
    }

    fn latest_draft(&self, subject: &str, rubric_id: &str) -> Result<Option<Draft>, StoreError> {
        self.conn
            .query_row(
                "SELECT id, subject, rubric_id, updated_at, json FROM drafts \
                 WHERE subject = ?1 AND rubric_id = ?2 ORDER BY updated_utc DESC, id DESC LIMIT 1",
                [subject, rubric_id],
                |r| {
                    Ok(Draft {
                        id: r.get(0)?,
                        subject: r.get(1)?,
                        rubric_id: r.get(2)?,
                        updated_at: r.get(3)?,
                        json: r.get(4)?,
                    })
                },
            )
            .optional()
            .map_err(self.sq())
    }

    fn delete_draft(&mut self, id: &str) -> Result<bool, StoreError> {
        let n = self.conn.execute("DELETE FROM drafts WHERE id = ?1", [id]).map_err(self.sq())?;
        Ok(n > 0)
    }
}

/// `path` with `suffix` appended, as SQLite names its `-wal` and `-shm`.
fn sidecar(path: &Path, suffix: &str) -> PathBuf {
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

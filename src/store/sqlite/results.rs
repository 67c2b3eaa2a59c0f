//! Results: saving them (a batch staged, then stored in one short
//! transaction), finding a subject's previous result, the queries, walking
//! them in order, deleting, and what the store holds.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params, params_from_iter};

use super::schema::sidecar;
use super::{SqliteStore, decode};
use crate::result::{Previous, ResultDoc};
use crate::store::{
    Batch, Columns, Draft, Filter, SaveOutcome, Since, Store, StoreError, StoreInfo, StoreWarning, parse_since, utc_key,
};

impl SqliteStore {
    /// Results (id, json) of a query, decoded.
    fn query_docs(&self, sql: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<ResultDoc>, StoreError> {
        let sq = self.sq();
        let mut stmt = self.conn.prepare_cached(sql).map_err(&sq)?;
        let mut rows = stmt.query(args).map_err(&sq)?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(&sq)? {
            let id: String = row.get(0).map_err(&sq)?;
            let json = text_of(row, &self.path, &id)?;
            out.push(self.decode(&id, json)?);
        }
        Ok(out)
    }

    /// Store a list in one batch: the outcome by id.
    fn insert_all<'d>(
        &mut self,
        rows: impl Iterator<Item = (&'d ResultDoc, &'d str)>,
    ) -> Result<SaveOutcome, StoreError> {
        let mut batch = self.batch()?;
        for (doc, json) in rows {
            batch.insert(&Columns::from(doc), json)?;
        }
        batch.commit()
    }
}

/// The JSON text in column 1 of a row; a value that is not text is a damaged row.
fn text_of<'r>(row: &'r rusqlite::Row<'_>, path: &Path, id: &str) -> Result<&'r str, StoreError> {
    let value = row.get_ref(1).map_err(|e| StoreError::sqlite(path, e))?;
    value.as_str().map_err(|e| StoreError::Corrupt {
        path: path.to_path_buf(),
        id: id.to_string(),
        reason: e.to_string(),
    })
}

/// Results being stored together: staged in a temporary table of this
/// connection (a temporary file, not memory, and no lock on the store),
/// then copied into the store in one transaction at commit.
struct SqliteBatch<'c> {
    conn: &'c mut Connection,
    path: PathBuf,
    /// Results staged in the staging transaction now open, if one is.
    /// Staging goes in transactions of [`STAGE_BLOCK`] results, which write
    /// only to the temporary table: a read of the store inside one takes no
    /// lock that keeps a writer out.
    open: Option<usize>,
}

/// Results staged a transaction.
const STAGE_BLOCK: usize = 1000;

/// The staging table. Dropped with the connection; emptied when a batch
/// begins and ends.
const STAGE: &str = "
CREATE TEMP TABLE IF NOT EXISTS pending (
    seq            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL,
    subject        TEXT NOT NULL,
    department     TEXT,
    rater_role     TEXT NOT NULL,
    session        TEXT,
    rubric_id      TEXT NOT NULL,
    rubric_version TEXT NOT NULL,
    taken_at       TEXT NOT NULL,
    taken_utc      TEXT NOT NULL,
    overall        DOUBLE PRECISION,
    fingerprint    TEXT NOT NULL,
    json           TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS temp.pending_by_subject ON pending (subject, rubric_id, rater_role, taken_utc, id);
DELETE FROM temp.pending;
";

const STAGE_ONE: &str = "INSERT INTO temp.pending (id, subject, department, rater_role, session, rubric_id, \
                         rubric_version, taken_at, taken_utc, overall, fingerprint, json) \
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";

/// One staged result into the store; nothing where its id or its
/// fingerprint is there already.
const INSERT: &str = "INSERT INTO main.results (id, subject, department, rater_role, session, rubric_id, \
                      rubric_version, taken_at, taken_utc, overall, stored_at, json, fingerprint) \
                      SELECT id, subject, department, rater_role, session, rubric_id, rubric_version, taken_at, \
                      taken_utc, overall, ?2, json, fingerprint FROM temp.pending WHERE seq = ?1 \
                      ON CONFLICT DO NOTHING";

/// The subject's latest result of the same rubric and rater role before
/// `of`: by time as an instant, then id; never one of the same fingerprint
/// (that is the same result, saved before). `{table}` is the store's table
/// or the staging one.
fn previous_sql(table: &str, fingerprints: bool) -> String {
    let same = if fingerprints { " AND (fingerprint IS NULL OR fingerprint <> ?6)" } else { "" };
    format!(
        "SELECT id, json, taken_at, overall, taken_utc FROM {table} \
         WHERE subject = ?1 AND rubric_id = ?2 AND rater_role = ?3 AND id <> ?4 \
         AND (taken_utc < ?5 OR (taken_utc = ?5 AND id < ?4)){same} \
         ORDER BY taken_utc DESC, id DESC LIMIT 1"
    )
}

fn taken_utc(of: &Columns<'_>) -> Result<String, StoreError> {
    utc_key(of.taken_at)
        .ok_or_else(|| StoreError::BadTakenAt { id: of.id.to_string(), taken_at: of.taken_at.to_string() })
}

/// The dimension scores of a stored result, the rest of it unread.
#[derive(serde::Deserialize)]
struct DimensionScores {
    sections: Vec<SectionScores>,
}

#[derive(serde::Deserialize)]
struct SectionScores {
    dimensions: Vec<DimensionScore>,
}

#[derive(serde::Deserialize)]
struct DimensionScore {
    id: String,
    score: Option<f64>,
}

/// A stored result as [`previous_row`] finds it: id, JSON text, taken_at, overall.
type PreviousRow = (String, String, String, Option<f64>);

/// The previous result of `of` in `table` on `conn`, with its time key.
fn previous_in(
    conn: &Connection,
    path: &Path,
    table: &str,
    fingerprints: bool,
    of: &Columns<'_>,
    key: &str,
) -> Result<Option<(PreviousRow, String)>, StoreError> {
    let sq = |error| StoreError::sqlite(path, error);
    let mut stmt = conn.prepare_cached(&previous_sql(table, fingerprints)).map_err(sq)?;
    let (fingerprint, role): (&str, &str) = (&of.fingerprint, of.rater_role.code());
    let mut args: Vec<&dyn rusqlite::ToSql> = vec![&of.subject, &of.rubric_id, &role, &of.id, &key];
    if fingerprints {
        args.push(&fingerprint);
    }
    stmt.query_row(params_from_iter(args), |r| Ok(((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?), r.get(4)?)))
        .optional()
        .map_err(sq)
}

/// The previous result of `of`: in the store, or (with `staged`) among the
/// results staged so far, whichever is later.
fn previous_row(
    conn: &Connection,
    path: &Path,
    fingerprints: bool,
    staged: bool,
    of: &Columns<'_>,
) -> Result<Option<PreviousRow>, StoreError> {
    let key = taken_utc(of)?;
    let stored = previous_in(conn, path, "main.results", fingerprints, of, &key)?;
    let pending = if staged { previous_in(conn, path, "temp.pending", true, of, &key)? } else { None };
    Ok(match (stored, pending) {
        (Some(a), Some(b)) => Some(if (&b.1, &b.0.0) > (&a.1, &a.0.0) { b.0 } else { a.0 }),
        (a, b) => a.or(b).map(|(row, _)| row),
    })
}

impl Batch for SqliteBatch<'_> {
    fn previous(&self, of: &Columns<'_>) -> Result<Option<ResultDoc>, StoreError> {
        match previous_row(self.conn, &self.path, true, true, of)? {
            Some((id, json, _, _)) => decode(&self.path, &id, &json).map(Some),
            None => Ok(None),
        }
    }

    fn previous_link(&self, of: &ResultDoc) -> Result<Option<Previous>, StoreError> {
        let cols = Columns::from(of);
        let Some((id, json, taken_at, overall)) = previous_row(self.conn, &self.path, true, true, &cols)? else {
            return Ok(None);
        };
        // Only the dimension scores of the previous result are read.
        let scores: DimensionScores = serde_json::from_str(&json).map_err(|e| StoreError::Corrupt {
            path: self.path.clone(),
            id: id.clone(),
            reason: e.to_string(),
        })?;
        let dimensions =
            of.dimension_changes(scores.sections.iter().flat_map(|s| s.dimensions.iter().map(|d| (&*d.id, d.score))));
        Ok(Some(Previous {
            id,
            taken_at,
            overall_delta: match (of.overall.score, overall) {
                (Some(a), Some(b)) => Some(a - b),
                _ => None,
            },
            dimensions,
        }))
    }

    fn insert(&mut self, d: &Columns<'_>, json: &str) -> Result<(), StoreError> {
        if d.id.trim().is_empty() {
            return Err(StoreError::BadResult { id: d.id.to_string(), reason: "its id is empty".into() });
        }
        let key = taken_utc(d)?;
        let path = &self.path;
        let sq = |error| StoreError::sqlite(path, error);
        if self.open.is_none() {
            self.conn.execute_batch("BEGIN").map_err(sq)?;
            self.open = Some(0);
        }
        let mut stmt = self.conn.prepare_cached(STAGE_ONE).map_err(sq)?;
        stmt.execute(params![
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
            d.fingerprint.as_ref(),
            json,
        ])
        .map_err(sq)?;
        let staged = self.open.map_or(1, |n| n + 1);
        self.open = Some(staged);
        if staged >= STAGE_BLOCK {
            self.open = None;
            self.conn.execute_batch("COMMIT").map_err(sq)?;
        }
        Ok(())
    }

    fn commit(mut self: Box<Self>) -> Result<SaveOutcome, StoreError> {
        let path = self.path.clone();
        let sq = |error| StoreError::sqlite(&path, error);
        if self.open.take().is_some() {
            self.conn.execute_batch("COMMIT").map_err(sq)?;
        }
        let mut out = SaveOutcome::default();
        // The write lock, from here to the commit only: waiting for another
        // writer up to the busy timeout.
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(sq)?;
        {
            let stored_at = Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true);
            let mut staged = tx.prepare("SELECT seq, id FROM temp.pending ORDER BY seq").map_err(sq)?;
            let mut insert = tx.prepare_cached(INSERT).map_err(sq)?;
            let mut rows = staged.query([]).map_err(sq)?;
            while let Some(row) = rows.next().map_err(sq)? {
                let (seq, id): (i64, String) = (row.get(0).map_err(sq)?, row.get(1).map_err(sq)?);
                let list = if insert.execute(params![seq, stored_at]).map_err(sq)? == 1 {
                    &mut out.inserted
                } else {
                    &mut out.duplicates
                };
                list.push(id);
            }
        }
        tx.commit().map_err(sq)?;
        Ok(out)
    }
}

impl Drop for SqliteBatch<'_> {
    fn drop(&mut self) {
        // Staged results go with the batch, stored or not. Failing here
        // leaves them to the next batch's start, which empties the table.
        if self.open.take().is_some() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        let _ = self.conn.execute("DELETE FROM temp.pending", []);
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
        self.writable()?;
        let path = self.path.clone();
        self.conn.execute_batch(STAGE).map_err(|error| StoreError::sqlite(&path, error))?;
        Ok(Box::new(SqliteBatch { conn: &mut self.conn, path, open: None }))
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
        match previous_row(&self.conn, &self.path, self.has_fingerprints(), false, &Columns::from(of))? {
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
            let id: String = row.get(0).map_err(&sq)?;
            let json = text_of(row, &self.path, &id)?;
            match f(json) {
                Ok(()) => {}
                Err(StoreError::Undecodable { reason }) => {
                    return Err(StoreError::Corrupt { path: self.path.clone(), id, reason });
                }
                Err(e) => return Err(e),
            }
            n += 1;
        }
        Ok(n)
    }

    fn delete(&mut self, ids: &[String]) -> Result<Vec<String>, StoreError> {
        self.writable()?;
        let path = self.path.clone();
        let sq = |error| StoreError::sqlite(&path, error);
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
            schema_version: self.version,
            results: count(results),
            drafts: count(drafts),
            subjects: count(subjects),
        })
    }

    fn save_draft(&mut self, draft: &Draft) -> Result<(), StoreError> {
        self.writable()?;
        self.put_draft(draft)
    }

    fn latest_draft(&self, subject: &str, rubric_id: &str) -> Result<Option<Draft>, StoreError> {
        self.find_latest_draft(subject, rubric_id)
    }

    fn delete_draft(&mut self, id: &str) -> Result<bool, StoreError> {
        self.writable()?;
        self.remove_draft(id)
    }

    fn drafts(&self) -> Result<Vec<Draft>, StoreError> {
        self.all_drafts()
    }

    fn serve_session(&self, session: &str) -> Result<Option<String>, StoreError> {
        self.find_serve_session(session)
    }

    fn save_serve_session(&mut self, session: &str, updated_at: &str, json: &str) -> Result<(), StoreError> {
        self.writable()?;
        self.put_serve_session(session, updated_at, json)
    }

    fn warnings(&self) -> &[StoreWarning] {
        &self.warnings
    }
}

//! Results: saving them (one batch, one transaction), finding a subject's
//! previous result, the queries, walking them in order, deleting, and what
//! the store holds.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params, params_from_iter};

use super::schema::sidecar;
use super::{SqliteStore, decode};
use crate::result::{Previous, ResultDoc};
use crate::store::{
    Batch, Columns, Draft, Filter, SaveOutcome, Since, Store, StoreError, StoreInfo, parse_since, utc_key,
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
        self.put_draft(draft)
    }

    fn latest_draft(&self, subject: &str, rubric_id: &str) -> Result<Option<Draft>, StoreError> {
        self.find_latest_draft(subject, rubric_id)
    }

    fn delete_draft(&mut self, id: &str) -> Result<bool, StoreError> {
        self.remove_draft(id)
    }
}

//! Drafts: answers being given, saved as they go, one row a draft.

use rusqlite::{OptionalExtension, params};

use super::SqliteStore;
use crate::store::{Draft, StoreError, utc_key};

impl SqliteStore {
    /// Save `draft`, replacing the one of the same id.
    pub(super) fn put_draft(&mut self, draft: &Draft) -> Result<(), StoreError> {
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

    /// The subject's latest draft of the rubric.
    pub(super) fn find_latest_draft(&self, subject: &str, rubric_id: &str) -> Result<Option<Draft>, StoreError> {
        self.conn
            .query_row(
                "SELECT id, subject, rubric_id, updated_at, json FROM drafts \
                 WHERE subject = ?1 AND rubric_id = ?2 ORDER BY updated_utc DESC, id DESC LIMIT 1",
                [subject, rubric_id],
                draft_of,
            )
            .optional()
            .map_err(self.sq())
    }

    /// Every draft, the latest first.
    pub(super) fn all_drafts(&self) -> Result<Vec<Draft>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, subject, rubric_id, updated_at, json FROM drafts ORDER BY updated_utc DESC, id DESC",
            )
            .map_err(self.sq())?;
        let rows = stmt.query_map([], draft_of).map_err(self.sq())?;
        rows.collect::<Result<Vec<_>, _>>().map_err(self.sq())
    }

    /// Delete the draft `id`: whether there was one.
    pub(super) fn remove_draft(&mut self, id: &str) -> Result<bool, StoreError> {
        let n = self.conn.execute("DELETE FROM drafts WHERE id = ?1", [id]).map_err(self.sq())?;
        Ok(n > 0)
    }
}

impl SqliteStore {
    /// The kept state of the `serve` session `session`.
    pub(super) fn find_serve_session(&self, session: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row("SELECT json FROM serve_sessions WHERE session = ?1", [session], |r| r.get(0))
            .optional()
            .map_err(self.sq())
    }

    /// Save the state of a `serve` session, replacing the one kept.
    pub(super) fn put_serve_session(&mut self, session: &str, updated_at: &str, json: &str) -> Result<(), StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "INSERT INTO serve_sessions (session, updated_at, json) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (session) DO UPDATE SET updated_at = excluded.updated_at, json = excluded.json",
            )
            .map_err(self.sq())?;
        stmt.execute(params![session, updated_at, json]).map_err(self.sq())?;
        Ok(())
    }
}

/// A draft from a row of `SELECT id, subject, rubric_id, updated_at, json`.
fn draft_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<Draft> {
    Ok(Draft { id: r.get(0)?, subject: r.get(1)?, rubric_id: r.get(2)?, updated_at: r.get(3)?, json: r.get(4)? })
}

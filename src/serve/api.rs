//! The JSON API of SPEC §16, as plain functions of the served session
//! ([`App`]) that the handlers run off the async threads (the store is
//! blocking), and the handlers themselves.
//!
//! Lock order: the session ([`App::inner`]) before the store, always.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::{Value, json};

use super::security::{self, BODY_LIMIT, Limiter};
use super::state::{Counts, Kept, Session};
use crate::assess::DraftDoc;
use crate::i18n::{self, Messages};
use crate::lang::Lang;
use crate::response::Response as Answers;
use crate::result::{Rater, ResultDoc, Role, Subject};
use crate::rubric::Loaded;
use crate::score;
use crate::store::{Draft, Filter, Store, StoreError};

/// An item as the API gives it.
#[derive(Clone, Debug)]
pub struct ItemInfo {
    pub id: String,
    /// The first-person text, and the text for rating someone else.
    pub text: String,
    pub others: String,
    /// The choices, from the scale's minimum up.
    pub labels: Vec<String>,
}

/// The session and the drafts of its participants, behind one lock.
#[derive(Debug)]
pub struct Inner {
    pub session: Session,
    /// Drafts by id.
    pub drafts: HashMap<String, DraftDoc>,
}

/// Everything the server holds.
pub struct App {
    pub session_name: String,
    pub lang: Lang,
    pub min_group: usize,
    pub show_report: bool,
    pub loaded: Loaded,
    pub opts: score::Options,
    pub items: Vec<ItemInfo>,
    /// The items in the other language of the interface (a browser that
    /// asks for it, where `--lang` was not given).
    pub items_other: Vec<ItemInfo>,
    /// Whether `--lang` (or ZHIXING_LANG) chose the language: else each
    /// browser's own language is used on the pages.
    pub lang_fixed: bool,
    /// `--roster`: the people that can be chosen (name, department).
    pub roster: Vec<(String, Option<String>)>,
    /// `--norms`: applied to every result submitted.
    pub norms: Option<crate::norms::NormsDoc>,
    /// The join links, as printed (the trainer's page shows the first).
    pub joins: Vec<String>,
    /// Served over HTTPS: the cookie is `Secure` too.
    pub https: bool,
    pub inner: Mutex<Inner>,
    pub store: Mutex<Box<dyn Store>>,
    pub limiter: Mutex<Limiter>,
    /// Called with the counts after every change (the live line).
    pub on_change: Box<dyn Fn(Counts) + Send + Sync>,
}

/// A refusal: the status and the message said in the body.
#[derive(Debug, PartialEq, Eq)]
pub struct Refusal {
    pub status: StatusCode,
    pub message: String,
    pub retry_after: Option<u64>,
}

type Answer<T> = Result<T, Refusal>;

/// A refusal as a response: `{"error": message}`.
pub fn refusal(status: StatusCode, message: String) -> Response {
    (status, axum::Json(json!({ "error": message }))).into_response()
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let mut res = refusal(self.status, self.message);
        if let Some(s) = self.retry_after
            && let Ok(v) = HeaderValue::from_str(&s.to_string())
        {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
        res
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Equal, in a time that depends only on the lengths.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn now() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// What a participant says at the start: whom the answers are about.
#[derive(Deserialize, Debug, Default)]
pub struct StartBody {
    #[serde(default)]
    pub role: Option<String>,
    pub subject: String,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub rater: Option<String>,
}

#[derive(Deserialize)]
struct AnswerBody {
    value: Value,
}

#[derive(Deserialize)]
struct ResumeBody {
    resume_code: String,
}

impl App {
    pub fn msg(&self) -> &'static dyn Messages {
        i18n::msg(self.lang)
    }

    fn not_found(&self) -> Refusal {
        Refusal { status: StatusCode::NOT_FOUND, message: self.msg().serve_not_found().to_string(), retry_after: None }
    }

    fn refuse(&self, status: StatusCode, message: String) -> Refusal {
        Refusal { status, message, retry_after: None }
    }

    fn closed(&self) -> Refusal {
        self.refuse(StatusCode::GONE, self.msg().serve_closed().to_string())
    }

    fn store_failed(&self, e: &StoreError) -> Refusal {
        crate::output::note(&e.message(self.lang));
        self.refuse(StatusCode::INTERNAL_SERVER_ERROR, self.msg().serve_store_failed().to_string())
    }

    fn body<'a, T: Deserialize<'a>>(&self, bytes: &'a [u8]) -> Answer<T> {
        serde_json::from_slice(bytes)
            .map_err(|e| self.refuse(StatusCode::BAD_REQUEST, self.msg().serve_bad_body(&e.to_string())))
    }

    fn key_ok(&self, inner: &Inner, key: &str) -> Answer<()> {
        if same(&inner.session.kept.key, key) { Ok(()) } else { Err(self.not_found()) }
    }

    fn secret_ok(&self, inner: &Inner, secret: &str) -> Answer<()> {
        if same(&inner.session.kept.secret, secret) { Ok(()) } else { Err(self.not_found()) }
    }

    /// A rate-limited attempt (a join or a resume) from `ip`.
    pub fn attempt(&self, ip: std::net::IpAddr) -> Answer<()> {
        lock(&self.limiter).attempt(ip, Instant::now()).map_err(|s| Refusal {
            status: StatusCode::TOO_MANY_REQUESTS,
            message: self.msg().serve_too_many(s),
            retry_after: Some(s),
        })
    }

    fn field(&self, name: &str, value: Option<&str>, required: bool) -> Answer<Option<String>> {
        let v = value.map(str::trim).filter(|v| !v.is_empty());
        if let Some(v) = v
            && let Some((at, c)) = crate::answers::unsafe_at(v)
        {
            return Err(self.refuse(StatusCode::UNPROCESSABLE_ENTITY, self.msg().serve_unsafe_field(name, at, c)));
        }
        if required && v.is_none() {
            return Err(self.refuse(StatusCode::UNPROCESSABLE_ENTITY, self.msg().serve_empty_field(name)));
        }
        Ok(v.map(str::to_string))
    }

    fn save_session(&self, inner: &Inner, store: &mut dyn Store) -> Result<(), StoreError> {
        let json = serde_json::to_string(&inner.session.kept)
            .map_err(|e| StoreError::BadResult { id: self.session_name.clone(), reason: e.to_string() })?;
        store.save_serve_session(&self.session_name, &now(), &json)
    }

    fn save_draft(&self, d: &DraftDoc, store: &mut dyn Store) -> Result<(), StoreError> {
        let json =
            serde_json::to_string(d).map_err(|e| StoreError::BadResult { id: d.id.clone(), reason: e.to_string() })?;
        let draft = Draft {
            id: d.id.clone(),
            subject: d.subject.clone(),
            rubric_id: d.rubric_id.clone(),
            updated_at: d.updated_at.clone(),
            json,
        };
        store.save_draft(&draft)
    }

    fn changed(&self, inner: &Inner) {
        (self.on_change)(inner.session.counts());
    }

    /// `POST /api/j/KEY/start`.
    pub fn start(&self, key: &str, body: &[u8]) -> Answer<Value> {
        {
            let inner = lock(&self.inner);
            self.key_ok(&inner, key)?;
            if inner.session.kept.closed {
                return Err(self.closed());
            }
        }
        let b: StartBody = self.body(body)?;
        let p = self.join(key, &b, self.lang)?;
        let by_other = b.role.as_deref().and_then(Role::parse).is_some_and(|r| r != Role::SelfRating);
        let items: Vec<Value> = self
            .items
            .iter()
            .map(|i| json!({ "id": i.id, "text": if by_other { &i.others } else { &i.text }, "labels": i.labels }))
            .collect();
        Ok(json!({ "token": p.token, "resume_code": p.resume_code, "items": items }))
    }

    /// The items in `lang`: the interface's, or the other language's.
    pub fn items_in(&self, lang: Lang) -> &[ItemInfo] {
        if lang == self.lang || self.items_other.is_empty() { &self.items } else { &self.items_other }
    }

    /// A new participant, joined with what the welcome asked; the
    /// questionnaire in `lang`.
    pub fn join(&self, key: &str, b: &StartBody, lang: Lang) -> Answer<super::state::Participant> {
        let mut inner = lock(&self.inner);
        self.key_ok(&inner, key)?;
        if inner.session.kept.closed {
            return Err(self.closed());
        }
        let role = match b.role.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
            None => Role::SelfRating,
            Some(r) => Role::parse(r)
                .ok_or_else(|| self.refuse(StatusCode::UNPROCESSABLE_ENTITY, self.msg().serve_bad_role(r)))?,
        };
        let subject = self.field("subject", Some(&b.subject), true)?.unwrap_or_default();
        let department = self.field("department", b.department.as_deref(), false)?;
        let rater = if role == Role::SelfRating { None } else { self.field("rater", b.rater.as_deref(), false)? };
        let at = now();
        let draft = DraftDoc {
            id: ulid::Ulid::new().to_string(),
            rubric_id: self.loaded.rubric.id.clone(),
            rubric_sha256: self.loaded.sha256.clone(),
            lang: self.loaded.rubric.result_lang(lang.code()),
            subject,
            department,
            role,
            rater,
            session: Some(self.session_name.clone()),
            started_at: at.clone(),
            updated_at: at,
            position: 0,
            answers: IndexMap::new(),
            seconds: IndexMap::new(),
            interface: Some(lang.code().to_string()),
            rubric_source: Some(self.loaded.origin.clone()),
            items: self.items.len(),
            served: true,
        };
        let before = inner.session.kept.clone();
        let p = inner
            .session
            .join(draft.id.clone())
            .map_err(|e| self.refuse(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
        let saved = {
            let mut store = lock(&self.store);
            self.save_draft(&draft, store.as_mut()).and_then(|()| self.save_session(&inner, store.as_mut()))
        };
        if let Err(e) = saved {
            inner.session = Session::new(before);
            return Err(self.store_failed(&e));
        }
        inner.drafts.insert(draft.id.clone(), draft);
        self.changed(&inner);
        Ok(p)
    }

    /// `POST /api/j/KEY/resume`.
    pub fn resume(&self, key: &str, body: &[u8]) -> Answer<Value> {
        let b: ResumeBody = self.body(body)?;
        self.resume_code(key, &b.resume_code).map(|token| json!({ "token": token }))
    }

    /// The token of the participant with this resume code.
    pub fn resume_code(&self, key: &str, code: &str) -> Answer<String> {
        let inner = lock(&self.inner);
        self.key_ok(&inner, key)?;
        if inner.session.kept.closed {
            return Err(self.closed());
        }
        let p = inner.session.by_code(code).ok_or_else(|| self.not_found())?;
        Ok(p.token.clone())
    }

    /// Whether `token` is a participant's of this session (a cookie's).
    pub fn knows(&self, token: &str) -> bool {
        lock(&self.inner).session.participant(token).is_some()
    }

    /// Whether the session is closed.
    pub fn is_closed(&self) -> bool {
        lock(&self.inner).session.kept.closed
    }

    /// A participant and their draft (empty once submitted).
    pub fn view(&self, token: &str) -> Answer<(super::state::Participant, DraftDoc)> {
        let inner = lock(&self.inner);
        let p = inner.session.participant(token).ok_or_else(|| self.not_found())?;
        let d = inner.drafts.get(&p.draft_id).cloned().unwrap_or_default();
        Ok((p.clone(), d))
    }

    /// The trainer's secret (for the forms' CSRF tokens).
    pub fn secret(&self) -> String {
        lock(&self.inner).session.kept.secret.clone()
    }

    /// The key, for the pages' checks.
    pub fn key_is(&self, key: &str) -> bool {
        let inner = lock(&self.inner);
        self.key_ok(&inner, key).is_ok()
    }

    /// The secret, for the pages' checks.
    pub fn secret_is(&self, secret: &str) -> bool {
        let inner = lock(&self.inner);
        self.secret_ok(&inner, secret).is_ok()
    }

    /// The counts, whether closed, and each unfinished participant's share
    /// of the items answered (for the trainer's anonymous progress).
    pub fn progress(&self) -> (Counts, bool, Vec<Option<f64>>) {
        let inner = lock(&self.inner);
        let total = self.items.len().max(1) as f64;
        let shares = inner
            .session
            .kept
            .participants
            .iter()
            .map(|p| p.result_id.is_none().then(|| p.answered as f64 / total))
            .collect();
        (inner.session.counts(), inner.session.kept.closed, shares)
    }

    /// `PUT /api/p/TOKEN/answers/ITEM_ID`: stored as a draft before the answer is acknowledged.
    pub fn answer(&self, token: &str, item: &str, body: &[u8]) -> Answer<()> {
        {
            let inner = lock(&self.inner);
            inner.session.participant(token).ok_or_else(|| self.not_found())?;
        }
        let b: AnswerBody = self.body(body)?;
        self.answer_value(token, item, &b.value)
    }

    /// An answer (a number or `"skip"`), stored in the draft before it is acknowledged.
    pub fn answer_value(&self, token: &str, item: &str, value: &Value) -> Answer<()> {
        let mut inner = lock(&self.inner);
        let p = inner.session.participant(token).ok_or_else(|| self.not_found())?.clone();
        if inner.session.kept.closed {
            return Err(self.closed());
        }
        if p.result_id.is_some() {
            return Err(self.refuse(StatusCode::CONFLICT, self.msg().serve_already_submitted().to_string()));
        }
        if !self.items.iter().any(|i| i.id == item) {
            return Err(self.refuse(StatusCode::NOT_FOUND, self.msg().serve_unknown_item(item)));
        }
        let value = self.value(item, value)?;
        let Some(mut d) = inner.drafts.get(&p.draft_id).cloned() else {
            return Err(self.not_found());
        };
        d.answers.insert(item.to_string(), value);
        // Where `assess --resume` would go on: the first item not yet answered.
        d.position = self.next(&d).unwrap_or(self.items.len());
        d.updated_at = now();
        if let Err(e) = self.save_draft(&d, lock(&self.store).as_mut()) {
            return Err(self.store_failed(&e));
        }
        let answered = d.answers.len();
        inner.drafts.insert(d.id.clone(), d);
        if let Some(p) = inner.session.participant_mut(token) {
            p.answered = answered;
        }
        self.changed(&inner);
        Ok(())
    }

    /// An answer's value: in the scale, or a skip where the scale allows it.
    fn value(&self, item: &str, v: &Value) -> Answer<Option<i64>> {
        let r = &self.loaded.rubric;
        let m = self.msg();
        let bad = |message| self.refuse(StatusCode::UNPROCESSABLE_ENTITY, message);
        match v {
            Value::String(s) if s == "skip" => {
                if r.scale.allow_skip {
                    Ok(None)
                } else {
                    Err(bad(m.serve_no_skip(item)))
                }
            }
            Value::Number(n) => match n.as_i64() {
                Some(x) if (r.scale.min..=r.scale.max).contains(&x) => Ok(Some(x)),
                Some(_) => Err(bad(m.answer_out_of_scale(item, &n.to_string(), r.scale.min, r.scale.max))),
                None if n.is_f64() && n.as_f64().is_some_and(|f| f.fract() != 0.0) => {
                    Err(bad(m.answer_not_whole(item, &n.to_string())))
                }
                None => Err(bad(m.answer_out_of_scale(item, &n.to_string(), r.scale.min, r.scale.max))),
            },
            _ => Err(bad(m.serve_bad_value(item))),
        }
    }

    /// The first item in the questionnaire's order without an answer or a skip.
    fn next(&self, d: &DraftDoc) -> Option<usize> {
        self.items.iter().position(|i| !d.answers.contains_key(&i.id))
    }

    /// `GET /api/p/TOKEN`: `{answers, next}`.
    pub fn draft(&self, token: &str) -> Answer<Value> {
        let inner = lock(&self.inner);
        let p = inner.session.participant(token).ok_or_else(|| self.not_found())?;
        let empty = DraftDoc::default();
        let d = inner.drafts.get(&p.draft_id).unwrap_or(&empty);
        let answers: serde_json::Map<String, Value> =
            d.answers.iter().map(|(k, v)| (k.clone(), v.map_or_else(|| json!("skip"), |x| json!(x)))).collect();
        let next = if p.result_id.is_some() { None } else { self.next(d).map(|k| self.items[k].id.clone()) };
        Ok(
            json!({ "answers": answers, "next": next, "submitted": p.result_id.is_some(), "resume_code": p.resume_code }),
        )
    }

    /// `POST /api/p/TOKEN/submit`: scored as `score` scores, stored once.
    /// The result, or None where the report is not shown.
    pub fn submit(&self, token: &str) -> Answer<Option<String>> {
        let mut inner = lock(&self.inner);
        let p = inner.session.participant(token).ok_or_else(|| self.not_found())?.clone();
        if let Some(id) = &p.result_id {
            // Submitted before: the same result, never a second one.
            if !self.show_report {
                return Ok(None);
            }
            let got = lock(&self.store).get(id).map_err(|e| self.store_failed(&e))?;
            return got.map(|(_, text)| Some(text)).ok_or_else(|| self.not_found());
        }
        if inner.session.kept.closed {
            return Err(self.closed());
        }
        let Some(d) = inner.drafts.get(&p.draft_id).cloned() else {
            return Err(self.not_found());
        };
        let r = &self.loaded.rubric;
        if !r.scale.allow_skip {
            let missing: Vec<String> =
                self.items.iter().filter(|i| !d.answers.contains_key(&i.id)).map(|i| i.id.clone()).collect();
            if !missing.is_empty() {
                return Err(self.refuse(StatusCode::UNPROCESSABLE_ENTITY, self.msg().serve_unanswered(&missing)));
            }
        }
        let at = now();
        let response = Answers {
            subject: Subject { name: d.subject.clone(), department: d.department.clone(), ..Default::default() },
            rater: Rater { role: d.role, name: d.rater.clone() },
            session: d.session.clone(),
            taken_at: Some(at.clone()),
            answers: d.answers.iter().map(|(k, v)| (k.clone(), *v)).collect(),
            seconds: None,
        };
        let opts = score::Options { lang: d.lang.clone(), ..self.opts.clone() };
        let mut result = score::score(&self.loaded, &response, &opts, ulid::Ulid::new().to_string(), &at);
        let prev = lock(&self.store).previous(&result).map_err(|e| self.store_failed(&e))?;
        result.link_previous(prev);
        if let Some(n) = &self.norms {
            crate::norms::apply(&mut result, n)
                .map_err(|e| self.refuse(StatusCode::INTERNAL_SERVER_ERROR, self.msg().problem(&e)))?;
        }
        let text = serde_json::to_string(&result)
            .map_err(|e| self.refuse(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
        if let Some(q) = inner.session.participant_mut(token) {
            q.result_id = Some(result.id.clone());
        }
        let saved = {
            let mut store = lock(&self.store);
            store
                .save(std::slice::from_ref(&result))
                .and_then(|_| self.save_session(&inner, store.as_mut()))
                .and_then(|()| store.delete_draft(&d.id).map(|_| ()))
        };
        if let Err(e) = saved {
            if let Some(q) = inner.session.participant_mut(token) {
                q.result_id = None;
            }
            return Err(self.store_failed(&e));
        }
        self.changed(&inner);
        Ok(self.show_report.then_some(text))
    }

    /// `GET /api/t/SECRET/status`.
    pub fn status(&self, secret: &str) -> Answer<Value> {
        let inner = lock(&self.inner);
        self.secret_ok(&inner, secret)?;
        let c = inner.session.counts();
        Ok(
            json!({ "joined": c.joined, "answering": c.answering, "finished": c.finished, "closed": inner.session.kept.closed }),
        )
    }

    /// `POST /api/t/SECRET/close`.
    pub fn close(&self, secret: &str) -> Answer<()> {
        let mut inner = lock(&self.inner);
        self.secret_ok(&inner, secret)?;
        if !inner.session.kept.closed {
            inner.session.kept.closed = true;
            if let Err(e) = self.save_session(&inner, lock(&self.store).as_mut()) {
                inner.session.kept.closed = false;
                return Err(self.store_failed(&e));
            }
        }
        Ok(())
    }

    /// `GET /api/t/SECRET/group`: the `zhixing.group.v1` of the session's
    /// results of this rubric, with every anonymity rule of SPEC §10.
    pub fn group(&self, secret: &str) -> Answer<Value> {
        if !self.secret_is(secret) {
            return Err(self.not_found());
        }
        let (_, doc, _) = self.group_parts(self.lang, false)?;
        serde_json::to_value(&doc).map_err(|e| self.refuse(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))
    }

    /// The group of the session's results of this rubric (texts in
    /// `lang`), once `--min-group` have finished: its builder, its report
    /// with every anonymity rule of SPEC §10 (and the norms' sem where
    /// given), and, with `keep`, the self-assessments themselves (for the
    /// pack). The secret is checked by the caller.
    pub fn group_parts(
        &self,
        lang: Lang,
        keep: bool,
    ) -> Answer<(crate::group::Builder, crate::group::GroupDoc, Vec<ResultDoc>)> {
        let finished = lock(&self.inner).session.counts().finished;
        if finished < self.min_group {
            return Err(self.refuse(StatusCode::CONFLICT, self.msg().serve_group_not_yet(finished, self.min_group)));
        }
        let r = &self.loaded.rubric;
        let filter = Filter { session: Some(self.session_name.clone()), ..Default::default() };
        let mut builder: Option<crate::group::Builder> = None;
        let mut kept = Vec::new();
        let read = lock(&self.store).for_each(&filter, &mut |text| {
            let doc: ResultDoc =
                serde_json::from_str(text).map_err(|e| StoreError::Undecodable { reason: e.to_string() })?;
            if doc.rubric.id == r.id && doc.rubric.version == r.version {
                builder
                    .get_or_insert_with(|| crate::group::Builder::new(&doc, Some(r), lang.code(), None, false))
                    .add(&doc);
                if keep && doc.rater.role == Role::SelfRating {
                    kept.push(doc);
                }
            }
            Ok(())
        });
        read.map_err(|e| self.store_failed(&e))?;
        let Some(b) = builder else {
            return Err(self.refuse(StatusCode::CONFLICT, self.msg().serve_group_not_yet(0, self.min_group)));
        };
        let mut seed = [0u8; 8];
        getrandom::fill(&mut seed).map_err(|e| self.refuse(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
        let mut doc = b.finish(self.min_group, u64::from_le_bytes(seed));
        if let Some(n) = &self.norms {
            // The norms' sem, of many more people (SPEC §13), as `group --norms`.
            for d in doc.groups.iter_mut().flat_map(|g| g.dimensions.iter_mut()) {
                d.sem = if d.stats.shown() { n.sem_of(&d.id) } else { None };
            }
        }
        Ok((b, doc, kept))
    }
}

/// The middleware around everything: refuses a changing request without
/// the mark, says a refusal of the layers below (a body too large) in the
/// catalogue's words, and sets the security headers.
pub async fn guard(
    State(app): State<Arc<App>>,
    req: axum::http::Request<axum::body::Body>,
    next: axum::middleware::Next,
) -> Response {
    let mut res = if security::needs_mark(req.method(), req.uri().path()) && !security::has_mark(&req) {
        refusal(StatusCode::FORBIDDEN, app.msg().serve_needs_header().to_string())
    } else if req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        .is_some_and(|n| n > BODY_LIMIT as u64)
    {
        refusal(StatusCode::PAYLOAD_TOO_LARGE, app.msg().serve_too_large(BODY_LIMIT / 1024))
    } else {
        let res = next.run(req).await;
        if res.status() == StatusCode::PAYLOAD_TOO_LARGE {
            refusal(StatusCode::PAYLOAD_TOO_LARGE, app.msg().serve_too_large(BODY_LIMIT / 1024))
        } else {
            res
        }
    };
    security::headers(res.headers_mut());
    res
}

/// Run `f` off the async threads (the store blocks).
async fn blocking<T: Send + 'static>(app: &Arc<App>, f: impl FnOnce(&App) -> Answer<T> + Send + 'static) -> Answer<T> {
    let a = Arc::clone(app);
    match tokio::task::spawn_blocking(move || f(&a)).await {
        Ok(r) => r,
        Err(e) => Err(app.refuse(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())),
    }
}

fn json_text(text: String) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], text).into_response()
}

async fn start(
    State(app): State<Arc<App>>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    Path(key): Path<String>,
    body: Bytes,
) -> Response {
    if let Err(r) = app.attempt(addr.ip()) {
        return r.into_response();
    }
    blocking(&app, move |a| a.start(&key, &body)).await.map(axum::Json).into_response()
}

async fn resume(
    State(app): State<Arc<App>>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    Path(key): Path<String>,
    body: Bytes,
) -> Response {
    if let Err(r) = app.attempt(addr.ip()) {
        return r.into_response();
    }
    blocking(&app, move |a| a.resume(&key, &body)).await.map(axum::Json).into_response()
}

async fn answer(State(app): State<Arc<App>>, Path((token, item)): Path<(String, String)>, body: Bytes) -> Response {
    blocking(&app, move |a| a.answer(&token, &item, &body)).await.map(|()| StatusCode::NO_CONTENT).into_response()
}

async fn draft(State(app): State<Arc<App>>, Path(token): Path<String>) -> Response {
    blocking(&app, move |a| a.draft(&token)).await.map(axum::Json).into_response()
}

async fn submit(State(app): State<Arc<App>>, Path(token): Path<String>) -> Response {
    match blocking(&app, move |a| a.submit(&token)).await {
        Ok(Some(text)) => json_text(text),
        Ok(None) => StatusCode::NO_CONTENT.into_response(),
        Err(r) => r.into_response(),
    }
}

async fn status(State(app): State<Arc<App>>, Path(secret): Path<String>) -> Response {
    blocking(&app, move |a| a.status(&secret)).await.map(axum::Json).into_response()
}

async fn group(State(app): State<Arc<App>>, Path(secret): Path<String>) -> Response {
    blocking(&app, move |a| a.group(&secret)).await.map(axum::Json).into_response()
}

async fn close(State(app): State<Arc<App>>, Path(secret): Path<String>) -> Response {
    blocking(&app, move |a| a.close(&secret)).await.map(|()| StatusCode::NO_CONTENT).into_response()
}

async fn fallback(State(app): State<Arc<App>>) -> Response {
    app.not_found().into_response()
}

/// The routes of the API and `more` (the pages), inside the limits and the guard.
pub fn router(app: Arc<App>, more: Router<Arc<App>>) -> Router {
    Router::new()
        .route("/api/j/{key}/start", post(start))
        .route("/api/j/{key}/resume", post(resume))
        .route("/api/p/{token}", get(draft))
        .route("/api/p/{token}/answers/{item}", put(answer))
        .route("/api/p/{token}/submit", post(submit))
        .route("/api/t/{secret}/status", get(status))
        .route("/api/t/{secret}/group", get(group))
        .route("/api/t/{secret}/close", post(close))
        .merge(more)
        .fallback(fallback)
        .method_not_allowed_fallback(fallback)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(axum::middleware::from_fn_with_state(Arc::clone(&app), guard))
        .with_state(app)
}

/// The items as the API gives them, in the rubric's order.
pub fn items(loaded: &Loaded, lang: &str) -> Vec<ItemInfo> {
    let r = &loaded.rubric;
    let scale: Vec<String> = r.scale.labels.iter().map(|t| r.text(t, lang).to_string()).collect();
    r.items()
        .map(|(_, _, it)| ItemInfo {
            id: it.id.clone(),
            text: r.text(it.asked_text(false), lang).to_string(),
            others: r.text(it.asked_text(true), lang).to_string(),
            labels: match &it.anchors {
                Some(a) => a.iter().map(|t| r.text(t, lang).to_string()).collect(),
                None => scale.clone(),
            },
        })
        .collect()
}

/// The kept state of a new session, or the one the store keeps.
pub fn kept(store: &dyn Store, session: &str, loaded: &Loaded) -> Result<Kept, KeptProblem> {
    match store.serve_session(session).map_err(KeptProblem::Store)? {
        Some(text) => {
            let k: Kept = serde_json::from_str(&text).map_err(|e| KeptProblem::Bad(e.to_string()))?;
            if k.rubric_id != loaded.rubric.id || k.rubric_version != loaded.rubric.version {
                return Err(KeptProblem::OtherRubric(format!("{} {}", k.rubric_id, k.rubric_version)));
            }
            Ok(k)
        }
        None => Kept::fresh(&loaded.rubric.id, &loaded.rubric.version).map_err(|e| KeptProblem::Bad(e.to_string())),
    }
}

/// Why the kept state cannot be used.
#[derive(Debug)]
pub enum KeptProblem {
    Store(StoreError),
    Bad(String),
    OtherRubric(String),
}

/// The drafts of the session's participants, from the store.
pub fn drafts_of(store: &dyn Store, kept: &Kept) -> Result<HashMap<String, DraftDoc>, StoreError> {
    let ids: std::collections::HashSet<&str> = kept.participants.iter().map(|p| p.draft_id.as_str()).collect();
    Ok(store
        .drafts()?
        .into_iter()
        .filter(|d| ids.contains(d.id.as_str()))
        .filter_map(|d| serde_json::from_str::<DraftDoc>(&d.json).ok())
        .map(|d| (d.id.clone(), d))
        .collect())
}

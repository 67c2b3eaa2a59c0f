//! The pages of `zhixing serve` (SPEC §16): the participant's welcome,
//! questions, review and report, and the trainer's page. Server-rendered
//! (maud), plain forms that work without JavaScript; `/s/app.js` sends the
//! answers through the JSON API without reloading where it runs.
//!
//! Every form carries a CSRF token made from the session's secret and the
//! form's scope (the join key, a participant's token, or the trainer's
//! page): a page of another site cannot know it. The participant's token is
//! also kept in an HttpOnly, SameSite=Strict cookie, so that opening the
//! join link again continues.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::api::{App, ItemInfo, Refusal, StartBody};
use super::state::Participant;
use crate::assess::DraftDoc;
use crate::i18n::{self, Messages};
use crate::lang::Lang;
use crate::report::{self, Entry, Format, Style};
use crate::result::{ResultDoc, Role};

/// The name of the participant's cookie.
const COOKIE: &str = "zx";

/// How often the trainer's page refreshes itself, in seconds.
const REFRESH: u32 = 5;

type Fields = HashMap<String, String>;

const CSS: &str = include_str!("static/app.css");
const JS: &str = include_str!("static/app.js");

impl App {
    /// The CSRF token of a form of `scope`: the session's secret and the
    /// scope, hashed; the same for as long as the session is kept.
    pub fn csrf(&self, scope: &str) -> String {
        let secret = self.secret();
        let mut h = Sha256::new();
        h.update(b"zhixing-serve-csrf\0");
        h.update(secret.as_bytes());
        h.update(b"\0");
        h.update(scope.as_bytes());
        h.finalize().iter().take(16).map(|b| format!("{b:02x}")).collect()
    }

    fn csrf_ok(&self, scope: &str, form: &Fields) -> bool {
        let want = self.csrf(scope);
        form.get("csrf")
            .is_some_and(|got| got.len() == want.len() && got.bytes().zip(want.bytes()).all(|(a, b)| a == b))
    }

    /// The language of a page: `--lang` where given, else the browser's
    /// (Accept-Language), else the interface's.
    pub fn page_lang(&self, headers: &HeaderMap) -> Lang {
        if self.lang_fixed {
            return self.lang;
        }
        headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).and_then(browser_lang).unwrap_or(self.lang)
    }

    fn rubric_title(&self, lang: Lang) -> &str {
        let r = &self.loaded.rubric;
        r.text(&r.title, r.result_lang(lang.code()).as_str())
    }
}

/// The language a browser asks for first, of the two there are.
pub fn browser_lang(accept: &str) -> Option<Lang> {
    let mut best: Option<(f32, usize, Lang)> = None;
    for (k, part) in accept.split(',').enumerate() {
        let mut bits = part.split(';');
        let tag = bits.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = bits
            .filter_map(|b| b.trim().strip_prefix("q=").and_then(|q| q.trim().parse::<f32>().ok()))
            .next()
            .unwrap_or(1.0);
        let lang = match tag.split('-').next() {
            Some("zh") => Lang::Zh,
            Some("en") => Lang::En,
            _ => continue,
        };
        if q > 0.0 && best.is_none_or(|(bq, bk, _)| q > bq || (q == bq && k < bk)) {
            best = Some((q, k, lang));
        }
    }
    best.map(|(_, _, l)| l)
}

/// The participant's language: the one they joined in.
fn draft_lang(app: &App, d: &DraftDoc) -> Lang {
    d.interface.as_deref().and_then(Lang::from_code).unwrap_or(app.lang)
}

// ---------------------------------------------------------------------------
// Responses.

fn html_response(status: StatusCode, page: Markup) -> Response {
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], page.into_string()).into_response()
}

fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// The frame of every page.
fn page(app: &App, lang: Lang, title: &str, wide: bool, extra_head: Option<Markup>, body: Markup) -> Markup {
    let m = i18n::msg(lang);
    html! {
        (DOCTYPE)
        html lang=(if lang == Lang::Zh { "zh-CN" } else { "en" }) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                @if let Some(h) = extra_head { (h) }
                title { (m.web_title(app.rubric_title(lang), title)) }
                link rel="stylesheet" href="/s/app.css";
                script src="/s/app.js" defer {}
            }
            body {
                main class=[wide.then_some("wide")] { (body) }
            }
        }
    }
}

/// A page that says why the participant cannot go on.
fn problem_page(app: &App, lang: Lang, status: StatusCode, message: &str) -> Response {
    let m = i18n::msg(lang);
    let heading = if status == StatusCode::GONE { m.web_closed_heading() } else { m.web_problem() };
    html_response(status, page(app, lang, heading, false, None, html! { h1 { (heading) } p.problem { (message) } }))
}

/// The same page for every wrong key, token or secret.
fn not_found(app: &App, lang: Lang) -> Response {
    problem_page(app, lang, StatusCode::NOT_FOUND, i18n::msg(lang).serve_not_found())
}

/// A refusal of the API as a page, in the page's language.
fn refused(app: &App, lang: Lang, r: Refusal) -> Response {
    let m = i18n::msg(lang);
    match r.status {
        StatusCode::NOT_FOUND => not_found(app, lang),
        StatusCode::GONE => problem_page(app, lang, StatusCode::GONE, m.web_closed_note()),
        _ => {
            let mut res = problem_page(app, lang, r.status, &r.message);
            if let Some(s) = r.retry_after
                && let Ok(v) = HeaderValue::from_str(&s.to_string())
            {
                res.headers_mut().insert(header::RETRY_AFTER, v);
            }
            res
        }
    }
}

fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).find_map(|c| {
        let (k, v) = c.trim().split_once('=')?;
        (k == COOKIE && v.bytes().all(|b| b.is_ascii_hexdigit())).then(|| v.to_string())
    })
}

fn with_cookie(app: &App, mut res: Response, token: &str) -> Response {
    let secure = if app.https { "; Secure" } else { "" };
    let cookie = format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=2592000{secure}");
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

fn hidden_csrf(value: &str) -> Markup {
    html! { input type="hidden" name="csrf" value=(value); }
}

/// Run `f` off the async threads (the store blocks).
async fn blocking<T: Send + 'static>(app: &Arc<App>, f: impl FnOnce(&App) -> T + Send + 'static) -> Option<T> {
    let a = Arc::clone(app);
    tokio::task::spawn_blocking(move || f(&a)).await.ok()
}

fn internal(app: &App, lang: Lang) -> Response {
    problem_page(app, lang, StatusCode::INTERNAL_SERVER_ERROR, i18n::msg(lang).serve_store_failed())
}

// ---------------------------------------------------------------------------
// The participant: welcome, whom, the questions, review, report.

/// A page of the join link: the key is the session's and it is open.
fn join_page_refusal(app: &App, lang: Lang, key: &str) -> Option<Response> {
    if !app.key_is(key) {
        return Some(not_found(app, lang));
    }
    app.is_closed().then(|| problem_page(app, lang, StatusCode::GONE, i18n::msg(lang).web_closed_note()))
}

/// A form of the join link: the key, the form's CSRF token, and the
/// per-address limit of joins and resume attempts.
fn join_form_refusal(app: &App, lang: Lang, key: &str, form: &Fields, ip: std::net::IpAddr) -> Option<Response> {
    if !app.key_is(key) {
        return Some(not_found(app, lang));
    }
    if !app.csrf_ok(key, form) {
        return Some(expired(app, lang));
    }
    app.attempt(ip).err().map(|r| refused(app, lang, r))
}

/// A form posted from a page no longer valid (its CSRF token).
fn expired(app: &App, lang: Lang) -> Response {
    problem_page(app, lang, StatusCode::FORBIDDEN, i18n::msg(lang).web_form_expired())
}

/// `GET /j/KEY`: the welcome, or, with the cookie of a participant of this
/// session, where they were.
async fn welcome(
    State(app): State<Arc<App>>,
    Path(key): Path<String>,
    Query(q): Query<Fields>,
    headers: HeaderMap,
) -> Response {
    let lang = app.page_lang(&headers);
    if let Some(refusal) = join_page_refusal(&app, lang, &key) {
        return refusal;
    }
    if !q.contains_key("new")
        && let Some(token) = cookie_token(&headers).filter(|t| app.knows(t))
    {
        return see_other(&format!("/p/{token}"));
    }
    html_response(StatusCode::OK, welcome_page(&app, lang, &key, None))
}

fn welcome_page(app: &App, lang: Lang, key: &str, problem: Option<&str>) -> Markup {
    let m = i18n::msg(lang);
    let r = &app.loaded.rubric;
    let text_lang = r.result_lang(lang.code());
    let items = app.items.len();
    let minutes = crate::rubric_view::minutes(items);
    let body = html! {
        h1 #welcome { (m.web_welcome()) }
        p { strong { (app.rubric_title(lang)) } }
        p { (m.assess_intro(items, minutes, false)) }
        p { (m.assess_scale_heading()) }
        ol.muted start=(r.scale.min) {
            @for l in &r.scale.labels { li { (r.text(l, &text_lang)) } }
        }
        p.note { (m.web_confidential()) }
        a.button.primary #begin href=(format!("/j/{key}/who")) { (m.web_begin()) }
        h2 { (m.web_resume_heading()) }
        @if let Some(p) = problem { p.problem role="alert" { (p) } }
        form method="post" action=(format!("/j/{key}/resume")) {
            (hidden_csrf(&app.csrf(key)))
            label for="code" { (m.web_resume_code()) }
            input #code type="text" name="code" autocomplete="off" autocapitalize="characters" maxlength="12" required;
            button type="submit" { (m.web_resume_button()) }
        }
    };
    page(app, lang, m.web_welcome(), false, None, body)
}

/// `GET /j/KEY/who`: whom the answers are about.
async fn who(State(app): State<Arc<App>>, Path(key): Path<String>, headers: HeaderMap) -> Response {
    let lang = app.page_lang(&headers);
    if let Some(refusal) = join_page_refusal(&app, lang, &key) {
        return refusal;
    }
    let m = i18n::msg(lang);
    let body = html! {
        h1 { (m.assess_whom()) }
        form method="get" action=(format!("/j/{key}/about")) {
            @for role in Role::ALL {
                button.choice type="submit" name="role" value=(role.code()) { (m.assess_role_option(role)) }
            }
        }
        nav.steps { a href=(format!("/j/{key}")) { (m.web_back()) } }
    };
    html_response(StatusCode::OK, page(&app, lang, m.assess_whom(), false, None, body))
}

/// `GET /j/KEY/about?role=R`: the names, for the role chosen.
async fn about(
    State(app): State<Arc<App>>,
    Path(key): Path<String>,
    Query(q): Query<Fields>,
    headers: HeaderMap,
) -> Response {
    let lang = app.page_lang(&headers);
    if let Some(refusal) = join_page_refusal(&app, lang, &key) {
        return refusal;
    }
    let role = q.get("role").and_then(|r| Role::parse(r)).unwrap_or(Role::SelfRating);
    html_response(StatusCode::OK, about_page(&app, lang, &key, role, None, &Fields::new()))
}

fn about_page(app: &App, lang: Lang, key: &str, role: Role, problem: Option<&str>, given: &Fields) -> Markup {
    let m = i18n::msg(lang);
    let other = role != Role::SelfRating;
    let value = |k: &str| given.get(k).cloned().unwrap_or_default();
    let body = html! {
        h1 { (m.assess_role_option(role)) }
        @if let Some(p) = problem { p.problem role="alert" { (p) } }
        form #who method="post" action=(format!("/j/{key}/start")) {
            (hidden_csrf(&app.csrf(key)))
            input type="hidden" name="role" value=(role.code());
            @if !app.roster.is_empty() {
                label for="pick" { (m.web_roster_pick()) }
                select #pick name="pick" {
                    option value="" { (m.web_roster_typed()) }
                    @for (k, (name, dept)) in app.roster.iter().enumerate() {
                        option value=(k) selected[value("pick") == k.to_string()] {
                            (name) @if let Some(d) = dept { " · " (d) }
                        }
                    }
                }
                p.muted { (m.web_or_type()) }
            }
            label for="subject" { (if other { m.assess_subject_name() } else { m.assess_your_name() }) }
            input #subject type="text" name="subject" maxlength="100" autocomplete=(if other { "off" } else { "name" }) value=(value("subject"));
            label for="department" { (if other { m.web_subject_department() } else { m.web_department() }) }
            input #department type="text" name="department" maxlength="100" autocomplete="organization" value=(value("department"));
            @if other {
                label for="rater" { (m.web_rater_optional()) }
                input #rater type="text" name="rater" maxlength="100" autocomplete="name" value=(value("rater"));
            }
            button.primary #go type="submit" { (m.web_start_questions()) }
        }
        nav.steps { a href=(format!("/j/{key}/who")) { (m.web_back()) } }
    };
    page(app, lang, m.assess_whom(), false, None, body)
}

/// `POST /j/KEY/start`: a participant joins; their token goes in the cookie.
async fn start(
    State(app): State<Arc<App>>,
    axum::extract::ConnectInfo(addr): axum::extract::ConnectInfo<std::net::SocketAddr>,
    Path(key): Path<String>,
    headers: HeaderMap,
    form: Result<Form<Fields>, axum::extract::rejection::FormRejection>,
) -> Response {
    let lang = app.page_lang(&headers);
    let form = form.map(|Form(f)| f).unwrap_or_default();
    if let Some(refusal) = join_form_refusal(&app, lang, &key, &form, addr.ip()) {
        return refusal;
    }
    let role = form.get("role").and_then(|r| Role::parse(r)).unwrap_or(Role::SelfRating);
    let picked = form.get("pick").and_then(|k| k.parse::<usize>().ok()).and_then(|k| app.roster.get(k));
    let field = |k: &str| form.get(k).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let (subject, department) = match picked {
        Some((name, dept)) => (name.clone(), dept.clone()),
        None => (field("subject").unwrap_or_default(), field("department")),
    };
    let body = StartBody { role: Some(role.code().to_string()), subject, department, rater: field("rater") };
    let k = key.clone();
    match blocking(&app, move |a| a.join(&k, &body, lang)).await {
        Some(Ok(p)) => with_cookie(&app, see_other(&format!("/p/{}", p.token)), &p.token),
        Some(Err(r)) if r.status == StatusCode::UNPROCESSABLE_ENTITY => {
            html_response(r.status, about_page(&app, lang, &key, role, Some(&r.message), &form))
        }
        Some(Err(r)) => refused(&app, lang, r),
        None => internal(&app, lang),
    }
}

/// `POST /j/KEY/resume`: the resume code typed on another device.
async fn resume(
    State(app): State<Arc<App>>,
    axum::extract::ConnectInfo(addr): axum::extract::ConnectInfo<std::net::SocketAddr>,
    Path(key): Path<String>,
    headers: HeaderMap,
    form: Result<Form<Fields>, axum::extract::rejection::FormRejection>,
) -> Response {
    let lang = app.page_lang(&headers);
    let form = form.map(|Form(f)| f).unwrap_or_default();
    if let Some(refusal) = join_form_refusal(&app, lang, &key, &form, addr.ip()) {
        return refusal;
    }
    let code = form.get("code").cloned().unwrap_or_default();
    match app.resume_code(&key, &code) {
        Ok(token) => with_cookie(&app, see_other(&format!("/p/{token}")), &token),
        Err(r) if r.status == StatusCode::NOT_FOUND => html_response(
            StatusCode::NOT_FOUND,
            welcome_page(&app, lang, &key, Some(i18n::msg(lang).web_resume_unknown())),
        ),
        Err(r) => refused(&app, lang, r),
    }
}

/// Where a participant goes on: their report once submitted, else the
/// first statement not yet answered, else the review.
fn place(app: &App, token: &str, p: &Participant, d: &DraftDoc) -> String {
    if p.result_id.is_some() {
        return format!("/p/{token}/report");
    }
    match app.items.iter().position(|i| !d.answers.contains_key(&i.id)) {
        Some(k) => format!("/p/{token}/i/{}", k + 1),
        None => format!("/p/{token}/review"),
    }
}

/// `GET /p/TOKEN`.
async fn participant(State(app): State<Arc<App>>, Path(token): Path<String>, headers: HeaderMap) -> Response {
    match app.view(&token) {
        Ok((p, d)) => see_other(&place(&app, &token, &p, &d)),
        Err(_) => not_found(&app, app.page_lang(&headers)),
    }
}

/// The line under every screen: the resume code.
fn code_note(m: &dyn Messages, p: &Participant) -> Markup {
    html! { p.code #resume-code { (m.web_code_note(&p.resume_code)) } }
}

fn item_text<'a>(i: &'a ItemInfo, d: &DraftDoc) -> &'a str {
    if d.role == Role::SelfRating { &i.text } else { &i.others }
}

fn item_page(
    app: &App,
    token: &str,
    p: &Participant,
    d: &DraftDoc,
    n: usize,
    from_review: bool,
    problem: Option<&str>,
) -> Markup {
    let lang = draft_lang(app, d);
    let m = i18n::msg(lang);
    let items = app.items_in(lang);
    let total = items.len();
    let item = &items[n - 1];
    let r = &app.loaded.rubric;
    let chosen = d.answers.get(&item.id);
    let next = if from_review || n == total { format!("/p/{token}/review") } else { format!("/p/{token}/i/{}", n + 1) };
    let back = if n == 1 { None } else { Some(format!("/p/{token}/i/{}", n - 1)) };
    let body = html! {
        p.muted #progress { (m.assess_progress(n, total)) }
        progress value=(n - 1) max=(total) {}
        @if d.role != Role::SelfRating { p.about { (m.assess_about(&d.subject)) } }
        @if let Some(pr) = problem { p.problem role="alert" { (pr) } }
        h1.statement #statement { (item_text(item, d)) }
        form.answer method="post" action=(format!("/p/{token}/i/{n}"))
            data-token=(token) data-item=(item.id) data-next=(next)
            aria-labelledby="statement" {
            (hidden_csrf(&app.csrf(token)))
            @if from_review { input type="hidden" name="then" value="review"; }
            @for (k, label) in item.labels.iter().enumerate() {
                @let v = r.scale.min + k as i64;
                button.choice.chosen[chosen == Some(&Some(v))] type="submit" name="value" value=(v)
                    aria-pressed=(if chosen == Some(&Some(v)) { "true" } else { "false" }) {
                    span.n { (v) } " " (label)
                }
            }
            @if r.scale.allow_skip {
                button.skip.chosen[chosen == Some(&None)] #skip type="submit" name="value" value="skip" { (m.assess_skipped()) }
            }
        }
        nav.steps {
            @if let Some(b) = &back { a #back href=(b) data-swap { (m.web_back()) } } @else { span {} }
            a #to-review href=(format!("/p/{token}/review")) data-swap { (m.web_to_review()) }
        }
        (code_note(m, p))
    };
    page(app, lang, &m.assess_progress(n, total), false, None, body)
}

/// `GET /p/TOKEN/i/N`: the N-th statement.
async fn item(
    State(app): State<Arc<App>>,
    Path((token, n)): Path<(String, String)>,
    Query(q): Query<Fields>,
    headers: HeaderMap,
) -> Response {
    let Ok((p, d)) = app.view(&token) else { return not_found(&app, app.page_lang(&headers)) };
    if p.result_id.is_some() {
        return see_other(&format!("/p/{token}/report"));
    }
    if app.is_closed() {
        let lang = draft_lang(&app, &d);
        return problem_page(&app, lang, StatusCode::GONE, i18n::msg(lang).web_closed_note());
    }
    match n.parse::<usize>() {
        Ok(n) if (1..=app.items.len()).contains(&n) => {
            html_response(StatusCode::OK, item_page(&app, &token, &p, &d, n, q.contains_key("review"), None))
        }
        _ => not_found(&app, draft_lang(&app, &d)),
    }
}

/// `POST /p/TOKEN/i/N`: an answer, stored before the next screen.
async fn answer(
    State(app): State<Arc<App>>,
    Path((token, n)): Path<(String, String)>,
    headers: HeaderMap,
    form: Result<Form<Fields>, axum::extract::rejection::FormRejection>,
) -> Response {
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let Ok((p, d)) = app.view(&token) else { return not_found(&app, app.page_lang(&headers)) };
    let lang = draft_lang(&app, &d);
    let Some(n) = n.parse::<usize>().ok().filter(|n| (1..=app.items.len()).contains(n)) else {
        return not_found(&app, lang);
    };
    if !app.csrf_ok(&token, &form) {
        return expired(&app, lang);
    }
    if p.result_id.is_some() {
        return see_other(&format!("/p/{token}/report"));
    }
    let raw = form.get("value").map(|v| v.trim().to_string()).unwrap_or_default();
    let value = if raw == "skip" {
        Value::from("skip")
    } else {
        match raw.parse::<i64>() {
            Ok(x) => Value::from(x),
            Err(_) => Value::from(raw.clone()),
        }
    };
    let id = app.items[n - 1].id.clone();
    let from_review = form.get("then").is_some_and(|t| t == "review");
    let t = token.clone();
    match blocking(&app, move |a| a.answer_value(&t, &id, &value)).await {
        Some(Ok(())) => {
            let next = if from_review || n == app.items.len() {
                format!("/p/{token}/review")
            } else {
                format!("/p/{token}/i/{}", n + 1)
            };
            see_other(&next)
        }
        Some(Err(r)) if r.status == StatusCode::UNPROCESSABLE_ENTITY || r.status == StatusCode::BAD_REQUEST => {
            let (p, d) = app.view(&token).unwrap_or((p, d));
            html_response(
                StatusCode::UNPROCESSABLE_ENTITY,
                item_page(&app, &token, &p, &d, n, from_review, Some(&r.message)),
            )
        }
        Some(Err(r)) if r.status == StatusCode::CONFLICT => see_other(&format!("/p/{token}/report")),
        Some(Err(r)) => refused(&app, lang, r),
        None => internal(&app, lang),
    }
}

/// `GET /p/TOKEN/review`: every answer, each a link to change it; submit.
async fn review(State(app): State<Arc<App>>, Path(token): Path<String>, headers: HeaderMap) -> Response {
    let Ok((p, d)) = app.view(&token) else { return not_found(&app, app.page_lang(&headers)) };
    if p.result_id.is_some() {
        return see_other(&format!("/p/{token}/report"));
    }
    let lang = draft_lang(&app, &d);
    if app.is_closed() {
        return problem_page(&app, lang, StatusCode::GONE, i18n::msg(lang).web_closed_note());
    }
    html_response(StatusCode::OK, review_page(&app, &token, &p, &d, None))
}

fn review_page(app: &App, token: &str, p: &Participant, d: &DraftDoc, problem: Option<&str>) -> Markup {
    let lang = draft_lang(app, d);
    let m = i18n::msg(lang);
    let items = app.items_in(lang);
    let r = &app.loaded.rubric;
    let answered = items.iter().filter(|i| d.answers.get(&i.id).is_some_and(Option::is_some)).count();
    let missing = items.iter().filter(|i| !d.answers.contains_key(&i.id)).count();
    let can_submit = r.scale.allow_skip || missing == 0;
    let body = html! {
        h1 #review { (m.web_review_heading(answered, items.len())) }
        @if d.role != Role::SelfRating { p.about { (m.assess_about(&d.subject)) } }
        @if let Some(pr) = problem { p.problem role="alert" { (pr) } }
        ol.review {
            @for (k, i) in items.iter().enumerate() {
                li {
                    a href=(format!("/p/{token}/i/{}?review", k + 1)) {
                        span.muted { (k + 1) ". " } (item_text(i, d))
                        @match d.answers.get(&i.id) {
                            Some(Some(v)) => {
                                span.answer { (v) " " (i.labels.get((v - r.scale.min) as usize).map_or("", String::as_str)) }
                            }
                            Some(None) => { span.answer.missing { (m.web_skipped()) } }
                            None => { span.answer.missing { (m.web_not_answered()) } }
                        }
                    }
                }
            }
        }
        @if can_submit {
            form method="post" action=(format!("/p/{token}/submit")) {
                (hidden_csrf(&app.csrf(token)))
                p.note { (m.web_submit_note()) }
                button.primary #submit type="submit" { (m.assess_submit()) }
            }
        } @else {
            p.problem { (m.web_answer_first(missing)) }
        }
        (code_note(m, p))
    };
    page(app, lang, &m.web_review_heading(answered, items.len()), false, None, body)
}

/// `POST /p/TOKEN/submit`: scored and stored once; then the report.
async fn submit(
    State(app): State<Arc<App>>,
    Path(token): Path<String>,
    headers: HeaderMap,
    form: Result<Form<Fields>, axum::extract::rejection::FormRejection>,
) -> Response {
    let form = form.map(|Form(f)| f).unwrap_or_default();
    let Ok((p, d)) = app.view(&token) else { return not_found(&app, app.page_lang(&headers)) };
    let lang = draft_lang(&app, &d);
    if !app.csrf_ok(&token, &form) {
        return expired(&app, lang);
    }
    let t = token.clone();
    match blocking(&app, move |a| a.submit(&t)).await {
        Some(Ok(_)) => see_other(&format!("/p/{token}/report")),
        Some(Err(r)) if r.status == StatusCode::UNPROCESSABLE_ENTITY => {
            html_response(r.status, review_page(&app, &token, &p, &d, Some(&r.message)))
        }
        Some(Err(r)) => refused(&app, lang, r),
        None => internal(&app, lang),
    }
}

/// The participant's own result and the one before it, from the store.
fn own_result(app: &App, id: &str) -> Option<(ResultDoc, Option<ResultDoc>)> {
    let store = app.store.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let (doc, _) = store.get(id).ok()??;
    let prev = doc.previous.as_ref().and_then(|p| store.get(&p.id).ok().flatten()).map(|(d, _)| d);
    Some((doc, prev))
}

/// `GET /p/TOKEN/report`: the participant's report (the `--format html`
/// page), with print and download; `?download` as a file.
async fn own_report(
    State(app): State<Arc<App>>,
    Path(token): Path<String>,
    Query(q): Query<Fields>,
    headers: HeaderMap,
) -> Response {
    let Ok((p, d)) = app.view(&token) else { return not_found(&app, app.page_lang(&headers)) };
    let Some(id) = p.result_id.clone() else { return see_other(&format!("/p/{token}")) };
    // After submitting the draft is gone: the page's language from the result.
    let a = Arc::clone(&app);
    let Some(found) = blocking(&app, move |_| own_result(&a, &id)).await else {
        return internal(&app, app.page_lang(&headers));
    };
    let Some((doc, prev)) = found else { return internal(&app, app.page_lang(&headers)) };
    let lang = d.interface.as_deref().and_then(Lang::from_code).unwrap_or_else(|| app.page_lang(&headers));
    let m = i18n::msg(lang);
    if !app.show_report {
        let body = html! { h1 #thanks { (m.web_thanks_no_report()) } };
        return html_response(StatusCode::OK, page(&app, lang, m.web_thanks_no_report(), false, None, body));
    }
    let style = Style { lang, color: false, ascii: false, width: 100, bom: false };
    let entry = [Entry::new(&doc, prev.as_ref()).with_rubric(Some(&app.loaded.rubric))];
    let text = String::from_utf8_lossy(&report::render(Format::Html, &style, &entry)).into_owned();
    let text = crate::visible::escape(&text).into_owned();
    if q.contains_key("download") {
        let name = format!("zhixing-{}.html", doc.id);
        let mut res = (StatusCode::OK, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], text).into_response();
        if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
            res.headers_mut().insert(header::CONTENT_DISPOSITION, v);
        }
        return report_csp(res);
    }
    let bar = html! {
        link rel="stylesheet" href="/s/app.css";
        script src="/s/app.js" defer {}
        p.thanks #thanks { (m.web_thanks()) }
        nav.zx-bar {
            button.primary type="button" data-print hidden { (m.web_print()) }
            a.button.primary #download href=(format!("/p/{token}/report?download")) download { (m.web_download()) }
        }
    };
    report_csp(html_response(StatusCode::OK, PreEscaped(inject(&text, &bar.into_string()))))
}

/// The report page with `extra` just inside its body.
fn inject(page: &str, extra: &str) -> String {
    match page.find("<body>") {
        Some(at) => format!("{}{}{}", &page[..at + 6], extra, &page[at + 6..]),
        None => format!("{extra}{page}"),
    }
}

/// The report pages carry their own style sheet (they are the files
/// `--format html` writes, whole): inline style, never inline script.
fn report_csp(mut res: Response) -> Response {
    res.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; form-action 'self'",
        ),
    );
    res
}

// ---------------------------------------------------------------------------
// The trainer's page.

/// `GET /t/SECRET`: counts, anonymous progress, the join link, the group
/// report once there are enough, downloads, close.
async fn trainer(State(app): State<Arc<App>>, Path(secret): Path<String>, headers: HeaderMap) -> Response {
    let lang = app.page_lang(&headers);
    if !app.secret_is(&secret) {
        return not_found(&app, lang);
    }
    let m = i18n::msg(lang);
    let (c, closed, shares) = app.progress();
    let buckets = progress_buckets(m, &shares);
    let enough = c.finished >= app.min_group;
    let join = app.joins.first().cloned().unwrap_or_default();
    let qr = qrcode::QrCode::with_error_correction_level(join.as_bytes(), qrcode::EcLevel::M)
        .ok()
        .map(|code| code.render::<qrcode::render::svg::Color<'_>>().min_dimensions(240, 240).quiet_zone(true).build());
    let most = buckets.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let refresh = html! { meta http-equiv="refresh" content=(REFRESH); };
    let body = html! {
        h1 { (m.web_trainer_heading(&app.session_name)) }
        p.counts #counts { (m.web_counts(c.joined, c.answering, c.finished)) }
        p.muted { (m.web_refreshes(REFRESH)) }
        @if closed { p.problem #closed { (m.web_closed_note()) } }
        h2 { (m.web_progress_heading()) }
        table.progress {
            @for (label, n) in &buckets {
                tr {
                    td { (label) }
                    td.n { (n) }
                    td { span.bar style=(format!("width:{}%", n * 100 / most)) {} }
                }
            }
        }
        @if !closed {
            h2 { (m.web_join_heading()) }
            p.link #join { (join) }
            @if let Some(svg) = &qr { div.qr { (PreEscaped(svg)) } }
        }
        h2 { (m.web_group_report()) }
        @if enough {
            p { a.button.primary #group-report href=(format!("/t/{secret}/report")) { (m.web_group_report()) } }
            h2 { (m.web_downloads()) }
            ul.downloads {
                li { a href=(format!("/t/{secret}/group.html")) download { (m.web_download_group_html()) } }
                li { a href=(format!("/t/{secret}/group.csv")) download { (m.web_download_group_csv()) } }
                li { a href=(format!("/t/{secret}/pack.zip")) download { (m.web_download_pack()) } }
            }
        } @else {
            p.muted #not-yet { (m.serve_group_not_yet(c.finished, app.min_group)) }
        }
        @if !closed {
            h2 { (m.web_close()) }
            form method="post" action=(format!("/t/{secret}/close")) {
                (hidden_csrf(&app.csrf("trainer")))
                p.note { (m.web_close_note()) }
                button #close type="submit" { (m.web_close()) }
            }
        }
    };
    // The bars' widths are inline style: allowed on this page, never script.
    report_csp(html_response(
        StatusCode::OK,
        page(&app, lang, &m.web_trainer_heading(&app.session_name), true, Some(refresh), body),
    ))
}

/// The participants by how far they are: not begun, each quarter, all
/// answered, submitted. Counts only: nobody is named.
fn progress_buckets(m: &dyn Messages, shares: &[Option<f64>]) -> Vec<(String, usize)> {
    // One share per participant, None once submitted.
    let mut b = [0usize; 7];
    for s in shares {
        let k = match s {
            None => 6,
            Some(s) if *s <= 0.0 => 0,
            Some(s) if *s >= 1.0 => 5,
            Some(s) => ((s * 4.0).ceil() as usize).clamp(1, 4),
        };
        b[k] += 1;
    }
    let labels = [
        m.web_progress_none().to_string(),
        m.web_progress_range(1, 25),
        m.web_progress_range(26, 50),
        m.web_progress_range(51, 75),
        m.web_progress_range(76, 99),
        m.web_progress_all().to_string(),
        m.web_progress_submitted().to_string(),
    ];
    labels.into_iter().zip(b).collect()
}

/// `GET /t/SECRET/report` and the downloads.
async fn trainer_file(
    State(app): State<Arc<App>>,
    Path((secret, file)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let lang = app.page_lang(&headers);
    if !app.secret_is(&secret) {
        return not_found(&app, lang);
    }
    let what = match file.as_str() {
        "report" => TrainerFile::Report,
        "group.html" => TrainerFile::Html,
        "group.csv" => TrainerFile::Csv,
        "pack.zip" => TrainerFile::Pack,
        _ => return not_found(&app, lang),
    };
    match blocking(&app, move |a| trainer_bytes(a, lang, what)).await {
        Some(Ok((kind, name, bytes))) => {
            let mut res = (StatusCode::OK, [(header::CONTENT_TYPE, kind)], bytes).into_response();
            if let Some(name) = name
                && let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
            {
                res.headers_mut().insert(header::CONTENT_DISPOSITION, v);
            }
            report_csp(res)
        }
        Some(Err(r)) => refused(&app, lang, r),
        None => internal(&app, lang),
    }
}

#[derive(Clone, Copy)]
enum TrainerFile {
    Report,
    Html,
    Csv,
    Pack,
}

type FileBytes = (&'static str, Option<String>, Vec<u8>);

fn trainer_bytes(app: &App, lang: Lang, what: TrainerFile) -> Result<FileBytes, Refusal> {
    let (builder, doc, kept) = app.group_parts(lang, matches!(what, TrainerFile::Pack))?;
    let style = Style { lang, color: false, ascii: false, width: 100, bom: false };
    let texts = builder.texts();
    let escaped = |s: String| crate::visible::escape(&s).into_owned().into_bytes();
    Ok(match what {
        TrainerFile::Report => {
            ("text/html; charset=utf-8", None, escaped(report::renderer(Format::Html, &style).group(&doc, texts)))
        }
        TrainerFile::Html => (
            "text/html; charset=utf-8",
            Some("group-report.html".to_string()),
            escaped(report::renderer(Format::Html, &style).group(&doc, texts)),
        ),
        TrainerFile::Csv => (
            "text/csv; charset=utf-8",
            Some("group-report.csv".to_string()),
            // The byte-order mark (for Excel) is the file's, not a hidden character of its text.
            [b"\xef\xbb\xbf".as_slice(), &escaped(report::renderer(Format::Csv, &style).group(&doc, texts))].concat(),
        ),
        TrainerFile::Pack => {
            let style = report::pack::style(lang, false);
            let at = chrono::Local::now().naive_local();
            let bytes =
                report::pack::zip(&builder, &doc, texts, app.min_group, &style, kept, at).map_err(|e| Refusal {
                    status: StatusCode::INTERNAL_SERVER_ERROR,
                    message: i18n::msg(lang).error(&e),
                    retry_after: None,
                })?;
            ("application/zip", Some("pack.zip".to_string()), bytes)
        }
    })
}

/// `POST /t/SECRET/close` (the form).
async fn close(
    State(app): State<Arc<App>>,
    Path(secret): Path<String>,
    headers: HeaderMap,
    form: Result<Form<Fields>, axum::extract::rejection::FormRejection>,
) -> Response {
    let lang = app.page_lang(&headers);
    let form = form.map(|Form(f)| f).unwrap_or_default();
    if !app.secret_is(&secret) {
        return not_found(&app, lang);
    }
    if !app.csrf_ok("trainer", &form) {
        return expired(&app, lang);
    }
    let s = secret.clone();
    match blocking(&app, move |a| a.close(&s)).await {
        Some(Ok(())) => see_other(&format!("/t/{secret}")),
        Some(Err(r)) => refused(&app, lang, r),
        None => internal(&app, lang),
    }
}

// ---------------------------------------------------------------------------
// The static files.

async fn css() -> Response {
    static_file("text/css; charset=utf-8", CSS)
}

async fn js() -> Response {
    static_file("text/javascript; charset=utf-8", JS)
}

fn static_file(kind: &'static str, text: &'static str) -> Response {
    (StatusCode::OK, [(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, "public, max-age=3600")], text)
        .into_response()
}

/// The pages' routes.
pub fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/j/{key}", get(welcome))
        .route("/j/{key}/who", get(who))
        .route("/j/{key}/about", get(about))
        .route("/j/{key}/start", post(start))
        .route("/j/{key}/resume", post(resume))
        .route("/p/{token}", get(participant))
        .route("/p/{token}/i/{n}", get(item).post(answer))
        .route("/p/{token}/review", get(review))
        .route("/p/{token}/submit", post(submit))
        .route("/p/{token}/report", get(own_report))
        .route("/t/{secret}", get(trainer))
        .route("/t/{secret}/close", post(close))
        .route("/t/{secret}/{file}", get(trainer_file))
        .route("/s/app.css", get(css))
        .route("/s/app.js", get(js))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_language_is_the_first_of_the_two_it_asks_for() {
        assert_eq!(browser_lang("en-US,en;q=0.9,zh-CN;q=0.8"), Some(Lang::En));
        assert_eq!(browser_lang("zh-CN,zh;q=0.9,en;q=0.8"), Some(Lang::Zh));
        assert_eq!(browser_lang("fr-FR, en;q=0.5, zh;q=0.7"), Some(Lang::Zh));
        assert_eq!(browser_lang("de, fr;q=0.8"), None);
        assert_eq!(browser_lang("en;q=0, zh-TW"), Some(Lang::Zh));
        assert_eq!(browser_lang(""), None);
    }

    #[test]
    fn the_report_bar_goes_just_inside_the_body() {
        assert_eq!(inject("<html><body><h1>x</h1></body>", "<nav/>"), "<html><body><nav/><h1>x</h1></body>");
    }
}

#[cfg(test)]
mod bucket_tests {
    use super::*;

    #[test]
    fn progress_is_counted_in_quarters_and_names_nobody() {
        let m = i18n::msg(Lang::En);
        let shares = [Some(0.0), Some(0.01), Some(0.25), Some(0.26), Some(0.75), Some(0.99), Some(1.0), None, None];
        let b: Vec<usize> = progress_buckets(m, &shares).into_iter().map(|(_, n)| n).collect();
        assert_eq!(b, vec![1, 2, 1, 1, 1, 1, 2]);
    }
}

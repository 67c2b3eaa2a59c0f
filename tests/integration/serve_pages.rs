//! The pages of `zhixing serve` (SPEC §16) as a browser without JavaScript
//! sees them: the real binary on 127.0.0.1, plain form posts and redirects,
//! the cookie kept by hand, a real HTTP client.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::serve::{Server, serve_in};
use crate::common::SMALL_RUBRIC;

/// A browser with no script: cookies kept, redirects seen (not followed).
struct Browser {
    agent: ureq::Agent,
    cookies: HashMap<String, String>,
    lang: &'static str,
}

/// A page: its status, headers and text.
struct Page {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Page {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
    fn location(&self) -> &str {
        assert_eq!(self.status, 303, "{}", self.body);
        self.header("location").unwrap()
    }
    /// The value of the first `name="csrf"` field.
    fn csrf(&self) -> String {
        attr_after(&self.body, "name=\"csrf\" value=\"").unwrap_or_else(|| panic!("no CSRF field in {}", self.body))
    }
    /// Every link and source of the page stays on the server.
    #[track_caller]
    fn assert_no_outside_resource(&self) {
        for attr in ["src=\"", "href=\"", "action=\""] {
            let mut rest = self.body.as_str();
            while let Some(at) = rest.find(attr) {
                rest = &rest[at + attr.len()..];
                assert!(rest.starts_with('/') || rest.starts_with('#'), "{attr}{}", &rest[..rest.len().min(60)]);
            }
        }
    }
    /// The security headers of SPEC §16, a personal page's included.
    #[track_caller]
    fn assert_safe(&self) {
        let csp = self.header("content-security-policy").unwrap_or("");
        assert!(csp.starts_with("default-src 'self'"), "{csp}");
        assert!(!csp.contains("script-src 'unsafe-inline'") && !csp.contains("'unsafe-eval'"), "{csp}");
        assert_eq!(self.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(self.header("referrer-policy"), Some("no-referrer"));
        assert_eq!(self.header("cache-control"), Some("no-store"));
    }
}

fn attr_after(text: &str, marker: &str) -> Option<String> {
    let at = text.find(marker)? + marker.len();
    Some(text[at..].split('"').next()?.to_string())
}

impl Browser {
    fn new(lang: &'static str) -> Browser {
        let agent = ureq::Agent::config_builder().http_status_as_error(false).max_redirects(0).build().into();
        Browser { agent, cookies: HashMap::new(), lang }
    }

    fn cookie_header(&self) -> String {
        self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }

    fn take(&mut self, r: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Page {
        let mut r = r.unwrap();
        let status = r.status().as_u16();
        let headers: Vec<(String, String)> =
            r.headers().iter().map(|(n, v)| (n.to_string(), v.to_str().unwrap_or("").to_string())).collect();
        for (n, v) in &headers {
            if n.eq_ignore_ascii_case("set-cookie") {
                let (kv, _) = v.split_once(';').unwrap_or((v, ""));
                let (k, val) = kv.split_once('=').unwrap();
                self.cookies.insert(k.to_string(), val.to_string());
            }
        }
        let body = r.body_mut().read_to_string().unwrap_or_default();
        let page = Page { status, headers, body };
        page.assert_safe();
        page
    }

    fn get(&mut self, s: &Server, path: &str) -> Page {
        let url = if path.starts_with("http") { path.to_string() } else { format!("{}{path}", s.base) };
        let mut req = self.agent.get(url).header("Accept-Language", self.lang);
        if !self.cookies.is_empty() {
            req = req.header("Cookie", self.cookie_header());
        }
        let r = req.call();
        self.take(r)
    }

    fn post(&mut self, s: &Server, path: &str, fields: &[(&str, &str)]) -> Page {
        let mut req = self.agent.post(format!("{}{path}", s.base)).header("Accept-Language", self.lang);
        if !self.cookies.is_empty() {
            req = req.header("Cookie", self.cookie_header());
        }
        let r = req.send_form(fields.iter().copied());
        self.take(r)
    }

    /// Welcome → whom → names → the first statement; the participant's token.
    fn join(&mut self, s: &Server, role: &str, fields: &[(&str, &str)]) -> String {
        let welcome = self.get(s, &format!("/j/{}", s.key));
        assert_eq!(welcome.status, 200);
        let who = self.get(s, &format!("/j/{}/who", s.key));
        assert!(who.body.contains(&format!("value=\"{role}\"")), "{}", who.body);
        let about = self.get(s, &format!("/j/{}/about?role={role}", s.key));
        let csrf = about.csrf();
        let mut all = vec![("csrf", csrf.as_str()), ("role", role)];
        all.extend_from_slice(fields);
        let started = self.post(s, &format!("/j/{}/start", s.key), &all);
        let to = started.location().to_string();
        let cookie = started.header("set-cookie").unwrap().to_string();
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
        to.trim_start_matches("/p/").to_string()
    }
}

fn status(s: &Server) -> Value {
    let b = Browser::new("en");
    let r = b.agent.get(format!("{}/api/t/{}/status", s.base, s.secret)).call().unwrap().into_body().read_to_string();
    serde_json::from_str(&r.unwrap()).unwrap()
}

/// The small rubric's nine statements, in English, as the API gives them.
fn statements(s: &Server, role: &str) -> Vec<String> {
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    let mut r = agent
        .post(format!("{}/api/j/{}/start", s.base, s.key))
        .header("X-Zhixing", "1")
        .send_json(json!({"role": role, "subject": "探针"}))
        .unwrap();
    let v: Value = serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap();
    v["items"].as_array().unwrap().iter().map(|i| i["text"].as_str().unwrap().to_string()).collect()
}

/// maud writes text escaped: `'` and `"` as entities.
fn escaped(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[test]
fn a_whole_questionnaire_through_plain_forms_back_skip_review_submit_and_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let s = serve_in(dir.path(), SMALL_RUBRIC, Some("en"), &[]);
    let texts = statements(&s, "self");
    let mut b = Browser::new("en");
    let token = b.join(&s, "self", &[("subject", "张三"), ("department", "秘书处")]);
    assert_eq!(b.get(&s, &format!("/p/{token}")).location(), format!("/p/{token}/i/1"));

    let first = b.get(&s, &format!("/p/{token}/i/1"));
    assert_eq!(first.status, 200);
    first.assert_no_outside_resource();
    assert!(first.body.contains("item 1 of 9"), "{}", first.body);
    assert!(first.body.contains(&escaped(&texts[0])), "{}", first.body);
    assert!(first.body.contains("Resume code "), "the resume code on every screen");
    assert!(!first.body.contains("id=\"back\""), "no way back from the first");
    let csrf = first.csrf();
    // Five buttons for the scale and one to skip.
    assert_eq!(first.body.matches("name=\"value\"").count(), 6);

    // Answer 1, then go back to it once and change it; skip item 3.
    let to = b.post(&s, &format!("/p/{token}/i/1"), &[("csrf", &csrf), ("value", "2")]);
    assert_eq!(to.location(), format!("/p/{token}/i/2"));
    let second = b.get(&s, &format!("/p/{token}/i/2"));
    assert!(second.body.contains(&format!("href=\"/p/{token}/i/1\"")), "the back link");
    let again = b.get(&s, &format!("/p/{token}/i/1"));
    assert!(again.body.contains("class=\"choice chosen\""), "the answer given is shown chosen");
    b.post(&s, &format!("/p/{token}/i/1"), &[("csrf", &csrf), ("value", "4")]);
    b.post(&s, &format!("/p/{token}/i/2"), &[("csrf", &csrf), ("value", "5")]);
    let skipped = b.post(&s, &format!("/p/{token}/i/3"), &[("csrf", &csrf), ("value", "skip")]);
    assert_eq!(skipped.location(), format!("/p/{token}/i/4"));
    // Out of the scale: the page again, with the §4 message.
    let bad = b.post(&s, &format!("/p/{token}/i/4"), &[("csrf", &csrf), ("value", "9")]);
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("role=\"alert\"") && bad.body.contains('9'), "{}", bad.body);
    for n in 4..=9 {
        let to = b.post(&s, &format!("/p/{token}/i/{n}"), &[("csrf", &csrf), ("value", "3")]);
        let want = if n == 9 { format!("/p/{token}/review") } else { format!("/p/{token}/i/{}", n + 1) };
        assert_eq!(to.location(), want);
    }
    // Each answer was stored as it came: the draft holds them all.
    let draft: Value = serde_json::from_str(
        &b.agent.get(format!("{}/api/p/{token}", s.base)).call().unwrap().into_body().read_to_string().unwrap(),
    )
    .unwrap();
    assert_eq!(draft["answers"]["learning.a"], json!(4));
    assert_eq!(draft["answers"]["learning.c"], json!("skip"));
    assert_eq!(draft["answers"].as_object().unwrap().len(), 9);

    let review = b.get(&s, &format!("/p/{token}/review"));
    assert!(review.body.contains("8 of 9 answered"), "{}", review.body);
    assert!(review.body.contains("skipped"), "the skip is shown");
    // Changing one from the review comes back to the review.
    let change = b.get(&s, &format!("/p/{token}/i/2?review"));
    assert!(change.body.contains("name=\"then\" value=\"review\""));
    let back = b.post(&s, &format!("/p/{token}/i/2"), &[("csrf", &csrf), ("value", "1"), ("then", "review")]);
    assert_eq!(back.location(), format!("/p/{token}/review"));

    let submitted = b.post(&s, &format!("/p/{token}/submit"), &[("csrf", &csrf)]);
    assert_eq!(submitted.location(), format!("/p/{token}/report"));
    let report = b.get(&s, &format!("/p/{token}/report"));
    assert_eq!(report.status, 200);
    assert!(report.body.contains("张三") && report.body.contains("<svg"), "the report page");
    assert!(report.body.contains("id=\"download\""), "a download link");
    report.assert_no_outside_resource();
    let csp = report.header("content-security-policy").unwrap();
    assert!(csp.contains("style-src 'self' 'unsafe-inline'") && csp.contains("script-src 'self'"), "{csp}");
    let file = b.get(&s, &format!("/p/{token}/report?download"));
    assert!(file.header("content-disposition").unwrap().starts_with("attachment;"));
    assert!(file.body.starts_with("<!DOCTYPE html>"));

    // Stored once: submitting again, or a statement again, changes nothing.
    let twice = b.post(&s, &format!("/p/{token}/submit"), &[("csrf", &csrf)]);
    assert_eq!(twice.location(), format!("/p/{token}/report"));
    let late = b.post(&s, &format!("/p/{token}/i/1"), &[("csrf", &csrf), ("value", "1")]);
    assert_eq!(late.location(), format!("/p/{token}/report"));
    assert_eq!(status(&s)["finished"], json!(1));
    let out =
        crate::common::bin().args(["export", "--store", dir.path().join("s.db").to_str().unwrap()]).output().unwrap();
    let lines: Vec<Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["answers"]["learning.a"], json!(4));
    assert_eq!(lines[0]["answers"]["learning.b"], json!(1));
    assert_eq!(lines[0]["answers"]["learning.c"], Value::Null);
}

#[test]
fn the_cookie_and_the_resume_code_continue_and_a_wrong_code_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let s = serve_in(dir.path(), SMALL_RUBRIC, Some("en"), &[]);
    let mut phone = Browser::new("en");
    let token = phone.join(&s, "self", &[("subject", "李四")]);
    let item = phone.get(&s, &format!("/p/{token}/i/1"));
    let csrf = item.csrf();
    phone.post(&s, &format!("/p/{token}/i/1"), &[("csrf", &csrf), ("value", "3")]);
    let code = attr_after(&item.body, "Resume code ").unwrap();
    let code: String = code.chars().take(6).collect();

    // The join link again, in the same browser: where they were.
    assert_eq!(phone.get(&s, &format!("/j/{}", s.key)).location(), format!("/p/{token}"));
    assert_eq!(phone.get(&s, &format!("/p/{token}")).location(), format!("/p/{token}/i/2"));
    // `?new` starts afresh.
    assert_eq!(phone.get(&s, &format!("/j/{}?new", s.key)).status, 200);

    // Another device, by the code typed in lower case.
    let mut laptop = Browser::new("en");
    let welcome = laptop.get(&s, &format!("/j/{}", s.key));
    assert_eq!(welcome.status, 200);
    let wrong = laptop.post(&s, &format!("/j/{}/resume", s.key), &[("csrf", &welcome.csrf()), ("code", "ZZZZZZ")]);
    assert_eq!(wrong.status, 404);
    assert!(wrong.body.contains("No questionnaire has this resume code"), "{}", wrong.body);
    let typed = code.to_lowercase();
    let resumed = laptop.post(&s, &format!("/j/{}/resume", s.key), &[("csrf", &welcome.csrf()), ("code", &typed)]);
    assert_eq!(resumed.location(), format!("/p/{token}"));
    assert_eq!(laptop.cookies.get("zx"), Some(&token));
    assert_eq!(laptop.get(&s, &format!("/p/{token}")).location(), format!("/p/{token}/i/2"));
    // A cookie of no participant of this session is a fresh welcome.
    let mut stranger = Browser::new("en");
    stranger.cookies.insert("zx".into(), "0123456789abcdef0123456789abcdef".into());
    assert_eq!(stranger.get(&s, &format!("/j/{}", s.key)).status, 200);
}

#[test]
fn forms_without_the_csrf_token_or_with_another_ones_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let s = serve_in(dir.path(), SMALL_RUBRIC, Some("en"), &[]);
    let mut b = Browser::new("en");
    let start = format!("/j/{}/start", s.key);
    for fields in
        [vec![("role", "self"), ("subject", "王五")], vec![("csrf", "00"), ("role", "self"), ("subject", "王五")]]
    {
        let refused = b.post(&s, &start, &fields);
        assert_eq!(refused.status, 403);
        assert!(refused.body.contains("no longer valid"), "{}", refused.body);
    }
    assert_eq!(status(&s)["joined"], json!(0), "nobody joined");
    let mine = b.join(&s, "self", &[("subject", "王五")]);
    let mut other = Browser::new("en");
    let theirs = other.join(&s, "self", &[("subject", "赵六")]);
    let their_csrf = other.get(&s, &format!("/p/{theirs}/i/1")).csrf();
    // The other participant's CSRF token does not answer for me, nor none.
    for fields in [vec![("csrf", their_csrf.as_str()), ("value", "3")], vec![("value", "3")]] {
        assert_eq!(b.post(&s, &format!("/p/{mine}/i/1"), &fields).status, 403);
    }
    assert_eq!(b.post(&s, &format!("/p/{mine}/submit"), &[]).status, 403);
    // The trainer's close form too.
    assert_eq!(b.post(&s, &format!("/t/{}/close", s.secret), &[("csrf", &their_csrf)]).status, 403);
    assert_eq!(status(&s)["closed"], json!(false));
}

#[test]
fn wrong_keys_tokens_and_secrets_are_one_and_the_same_page() {
    let dir = tempfile::tempdir().unwrap();
    let s = serve_in(dir.path(), SMALL_RUBRIC, Some("en"), &[]);
    let mut b = Browser::new("en");
    let token = b.join(&s, "self", &[("subject", "王五")]);
    let wrong_key = format!("{}0", &s.key[..s.key.len() - 1]);
    let pages = [
        format!("/j/{wrong_key}"),
        format!("/j/{wrong_key}/who"),
        format!("/p/{}", "f".repeat(32)),
        format!("/p/{}/i/1", "0".repeat(32)),
        format!("/p/{}/report", &token[..31]),
        format!("/t/{}", "a".repeat(32)),
        format!("/t/{}/group.csv", "a".repeat(32)),
        format!("/p/{token}/i/99"),
    ];
    let seen: Vec<(u16, String)> = pages
        .iter()
        .map(|p| {
            let g = b.get(&s, p);
            (g.status, g.body)
        })
        .collect();
    assert_eq!(seen[0].0, 404);
    assert!(seen.iter().all(|x| x == &seen[0]), "the same 404 everywhere: {seen:?}");
}

#[test]
fn a_colleague_chosen_from_the_roster_is_rated_with_the_others_text_and_named_on_every_screen() {
    let dir = tempfile::tempdir().unwrap();
    let roster = dir.path().join("名单.csv");
    std::fs::write(&roster, "姓名,部门\n张三,办公室\n李四,综合科\n").unwrap();
    let s = serve_in(dir.path(), "core", Some("zh"), &["--roster", roster.to_str().unwrap()]);
    let others = statements(&s, "peer");
    let mut b = Browser::new("zh-CN");
    let about = b.get(&s, &format!("/j/{}/about?role=peer", s.key));
    assert!(about.body.contains("李四 · 综合科") && about.body.contains("name=\"rater\""), "{}", about.body);
    let token = b.join(&s, "peer", &[("pick", "1"), ("rater", "王五")]);
    let item = b.get(&s, &format!("/p/{token}/i/1"));
    assert!(item.body.contains("评价对象：李四"), "{}", item.body);
    assert!(item.body.contains(&escaped(&others[0])), "the others text: {}", others[0]);
    let draft: Value = serde_json::from_str(
        &b.agent.get(format!("{}/api/p/{token}", s.base)).call().unwrap().into_body().read_to_string().unwrap(),
    )
    .unwrap();
    assert_eq!(draft["submitted"], json!(false));
    let review = b.get(&s, &format!("/p/{token}/review"));
    assert!(review.body.contains("评价对象：李四"));
    // Typed, not from the roster: the name typed.
    let mut c = Browser::new("zh-CN");
    let typed = c.join(&s, "supervisor", &[("pick", ""), ("subject", "陈七"), ("department", "信息科")]);
    assert!(c.get(&s, &format!("/p/{typed}/i/1")).body.contains("评价对象：陈七"));
}

#[test]
fn a_bad_roster_is_refused_before_listening_with_every_row_named() {
    let dir = tempfile::tempdir().unwrap();
    let roster = dir.path().join("r.csv");
    std::fs::write(&roster, "姓名,部门\n,办公室\n张\u{202e}三,x\n").unwrap();
    let out = crate::common::bin()
        .args(["serve", "--session", "s", "--listen", "127.0.0.1:0", "--roster", roster.to_str().unwrap()])
        .args(["--store", dir.path().join("s.db").to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("line 2: no name") && err.contains("line 3, column 1") && err.contains("U+202E"), "{err}");
}

#[test]
fn the_page_speaks_the_browsers_language_unless_lang_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let s = serve_in(dir.path(), SMALL_RUBRIC, None, &[]);
    let en = Browser::new("en-US,en;q=0.9").get(&s, &format!("/j/{}", s.key));
    assert!(en.body.contains("<html lang=\"en\">") && en.body.contains("Welcome"), "{}", en.body);
    let zh = Browser::new("zh-CN,zh;q=0.9,en;q=0.5").get(&s, &format!("/j/{}", s.key));
    assert!(zh.body.contains("lang=\"zh-CN\"") && zh.body.contains("欢迎参加测评"));
    // Joined in English: the statements in English, whatever is asked after.
    let mut b = Browser::new("en");
    let token = b.join(&s, "self", &[("subject", "Ann")]);
    b.lang = "zh-CN";
    let item = b.get(&s, &format!("/p/{token}/i/1"));
    assert!(item.body.contains("I set aside fixed time to study every week."), "{}", item.body);
    drop(s);
    let fixed = serve_in(dir.path(), SMALL_RUBRIC, Some("zh"), &[]);
    let page = Browser::new("en").get(&fixed, &format!("/j/{}", fixed.key));
    assert!(page.body.contains("欢迎参加测评"), "--lang zh wins over the browser");
}

#[test]
fn the_trainers_page_counts_shows_the_group_once_enough_downloads_and_closes() {
    let dir = tempfile::tempdir().unwrap();
    let s = serve_in(dir.path(), SMALL_RUBRIC, Some("en"), &["--min-group", "2"]);
    let mut t = Browser::new("en");
    let page = t.get(&s, &format!("/t/{}", s.secret));
    assert_eq!(page.status, 200);
    assert!(page.body.contains("0 joined · 0 answering · 0 submitted"), "{}", page.body);
    assert!(page.body.contains("http-equiv=\"refresh\""), "refreshes without script");
    assert!(
        page.body.contains(s.urls["join"].as_str().unwrap()) && page.body.contains("<svg"),
        "the link and its QR code"
    );
    assert!(page.body.contains("id=\"not-yet\""));
    assert_eq!(t.get(&s, &format!("/t/{}/group.csv", s.secret)).status, 409);

    let names = ["甲", "乙"];
    for (k, name) in names.iter().enumerate() {
        let mut p = Browser::new("en");
        let token = p.join(&s, "self", &[("subject", name)]);
        let csrf = p.get(&s, &format!("/p/{token}/i/1")).csrf();
        for n in 1..=9 {
            p.post(&s, &format!("/p/{token}/i/{n}"), &[("csrf", &csrf), ("value", &((n + k) % 5 + 1).to_string())]);
        }
        if k == 0 {
            let mid = t.get(&s, &format!("/t/{}", s.secret));
            assert!(mid.body.contains("1 joined · 1 answering · 0 submitted"), "{}", mid.body);
        }
        p.post(&s, &format!("/p/{token}/submit"), &[("csrf", &csrf)]);
    }
    let page = t.get(&s, &format!("/t/{}", s.secret));
    assert!(page.body.contains("2 joined · 0 answering · 2 submitted"), "{}", page.body);
    assert!(!page.body.contains("甲") && !page.body.contains("乙"), "nobody named on the trainer's page");
    let report = t.get(&s, &format!("/t/{}/report", s.secret));
    assert_eq!(report.status, 200);
    assert!(report.body.contains("<svg") && !report.body.contains("甲"), "the group report, anonymous");
    let csv = t.get(&s, &format!("/t/{}/group.csv", s.secret));
    assert!(csv.header("content-disposition").unwrap().contains("group-report.csv"));
    assert!(csv.body.starts_with('\u{feff}'), "CSV for Excel");
    let zip = t.agent.get(format!("{}/t/{}/pack.zip", s.base, s.secret)).call().unwrap();
    assert_eq!(zip.headers()["content-type"], "application/zip");
    let bytes = zip.into_body().read_to_vec().unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let names: Vec<String> = archive.file_names().map(|n| n.unwrap().to_string()).collect();
    for want in ["group-report.html", "group-report.csv", "甲.html", "乙.html", "甲.md"] {
        assert!(names.iter().any(|n| n == want), "{want} in {names:?}");
    }
    let mut own = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("乙.html").unwrap(), &mut own).unwrap();
    assert!(own.contains("乙") && own.contains("<svg"));
    let html = t.get(&s, &format!("/t/{}/group.html", s.secret));
    assert!(html.header("content-disposition").unwrap().starts_with("attachment;"));

    let close = t.post(&s, &format!("/t/{}/close", s.secret), &[("csrf", &page.csrf())]);
    assert_eq!(close.location(), format!("/t/{}", s.secret));
    assert_eq!(status(&s)["closed"], json!(true));
    let join = Browser::new("en").get(&s, &format!("/j/{}", s.key));
    assert_eq!(join.status, 410);
    assert!(join.body.contains("This session is closed"), "{}", join.body);
}

#[test]
fn the_style_sheet_and_script_are_served_by_the_server_itself() {
    let dir = tempfile::tempdir().unwrap();
    let s = serve_in(dir.path(), SMALL_RUBRIC, Some("en"), &[]);
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    for (path, kind) in [("/s/app.css", "text/css"), ("/s/app.js", "text/javascript")] {
        let r = agent.get(format!("{}{path}", s.base)).call().unwrap();
        assert_eq!(r.status().as_u16(), 200);
        assert!(r.headers()["content-type"].to_str().unwrap().starts_with(kind));
        assert_eq!(r.headers()["x-content-type-options"], "nosniff");
        let body = r.into_body().read_to_string().unwrap();
        assert!(!body.contains("http://") && !body.contains("https://"), "nothing from outside in {path}");
    }
}

#[test]
fn with_show_report_no_the_participant_is_thanked_and_shown_no_report() {
    let dir = tempfile::tempdir().unwrap();
    let s = serve_in(dir.path(), SMALL_RUBRIC, Some("zh"), &["--show-report", "no"]);
    let mut b = Browser::new("zh-CN");
    let token = b.join(&s, "self", &[("subject", "郑十")]);
    let csrf = b.get(&s, &format!("/p/{token}/i/1")).csrf();
    for n in 1..=9 {
        b.post(&s, &format!("/p/{token}/i/{n}"), &[("csrf", &csrf), ("value", "4")]);
    }
    assert_eq!(b.post(&s, &format!("/p/{token}/submit"), &[("csrf", &csrf)]).location(), format!("/p/{token}/report"));
    let page = b.get(&s, &format!("/p/{token}/report"));
    assert_eq!(page.status, 200);
    assert!(page.body.contains("个人报告由培训师统一发放") && !page.body.contains("<svg"), "{}", page.body);
    assert_eq!(status(&s)["finished"], json!(1));
}

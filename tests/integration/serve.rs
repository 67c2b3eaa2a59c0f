//! `zhixing serve` (SPEC §16) through its JSON API: the real binary on
//! 127.0.0.1 (port 0), its links read from `--urls-file`, and a real HTTP
//! client.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::common::{SMALL_RUBRIC, exe};

/// A server running, killed when dropped.
pub(crate) struct Server {
    pub(crate) child: Child,
    pub(crate) base: String,
    pub(crate) key: String,
    pub(crate) secret: String,
    pub(crate) urls: Value,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Start `serve` of the small rubric on a free port with the store in `dir`; wait for its links.
fn serve(dir: &Path, extra: &[&str]) -> Server {
    serve_rubric(dir, SMALL_RUBRIC, extra)
}

fn serve_rubric(dir: &Path, rubric: &str, extra: &[&str]) -> Server {
    serve_in(dir, rubric, Some("en"), extra)
}

/// Start `serve` of `rubric` in `lang` (none: the browser's) with the store in `dir`.
pub(crate) fn serve_in(dir: &Path, rubric: &str, lang: Option<&str>, extra: &[&str]) -> Server {
    let path = dir.join(format!("urls-{}.json", unique()));
    let mut args: Vec<String> = ["serve", "--session", "2026秋季班", "--rubric", rubric, "--listen", "127.0.0.1:0"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    if !extra.contains(&"--min-group") {
        args.extend(["--min-group".to_string(), "1".to_string()]);
    }
    if let Some(l) = lang {
        args.extend(["--lang".to_string(), l.to_string()]);
    }
    args.extend(["--store".to_string(), dir.join("s.db").display().to_string()]);
    args.extend(["--urls-file".to_string(), path.display().to_string()]);
    args.extend(extra.iter().map(|s| s.to_string()));
    let child = Command::new(exe())
        .args(&args)
        .env_remove("ZHIXING_STORE")
        .env_remove("ZHIXING_LANG")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let text = loop {
        if let Ok(t) = std::fs::read_to_string(&path)
            && !t.is_empty()
        {
            break t;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "the server wrote no --urls-file");
        std::thread::sleep(Duration::from_millis(50));
    };
    let urls: Value = serde_json::from_str(&text).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let join = urls["join"].as_str().unwrap().to_string();
    let trainer = urls["trainer"].as_str().unwrap().to_string();
    let (base, key) = join.split_once("/j/").unwrap();
    let (_, secret) = trainer.split_once("/t/").unwrap();
    Server { child, base: base.to_string(), key: key.to_string(), secret: secret.to_string(), urls }
}

/// A name no other server of these tests uses.
fn unique() -> String {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    format!("{}-{}", std::process::id(), N.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).build().into()
}

/// Status, headers and body of a response.
struct Got {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Got {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
    /// The security headers of SPEC §16.
    #[track_caller]
    fn assert_safe(&self) {
        assert_eq!(self.header("content-security-policy").map(|v| v.starts_with("default-src 'self'")), Some(true));
        assert_eq!(self.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(self.header("referrer-policy"), Some("no-referrer"));
        assert_eq!(self.header("cache-control"), Some("no-store"));
    }
}

fn got(r: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Got {
    let mut r = r.unwrap();
    let status = r.status().as_u16();
    let headers = r.headers().iter().map(|(n, v)| (n.to_string(), v.to_str().unwrap_or("").to_string())).collect();
    let body = r.body_mut().read_to_string().unwrap_or_default();
    let g = Got { status, headers, body };
    g.assert_safe();
    g
}

impl Server {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
    fn post(&self, path: &str, body: &Value) -> Got {
        got(agent().post(self.url(path)).header("X-Zhixing", "1").send_json(body))
    }
    fn post_empty(&self, path: &str) -> Got {
        got(agent().post(self.url(path)).header("X-Zhixing", "1").send_empty())
    }
    fn put(&self, path: &str, body: &Value) -> Got {
        got(agent().put(self.url(path)).header("X-Zhixing", "1").send_json(body))
    }
    fn get(&self, path: &str) -> Got {
        got(agent().get(self.url(path)).call())
    }
    fn start(&self, name: &str) -> Value {
        let g = self.post(
            &format!("/api/j/{}/start", self.key),
            &json!({"role": "self", "subject": name, "department": "秘书处"}),
        );
        assert_eq!(g.status, 200, "{}", g.body);
        g.json()
    }
}

fn item_ids(started: &Value) -> Vec<String> {
    started["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_string()).collect()
}

#[test]
fn a_whole_questionnaire_through_the_api_scored_and_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let s = serve(dir.path(), &[]);
    assert!(s.base.starts_with("http://127.0.0.1:"), "{}", s.urls);
    // KEY 64 bits and SECRET 128 bits, in hex.
    assert_eq!((s.key.len(), s.secret.len()), (16, 32));

    let started = s.start("张三");
    let token = started["token"].as_str().unwrap().to_string();
    assert_eq!(token.len(), 32);
    assert_eq!(started["resume_code"].as_str().unwrap().len(), 6);
    let ids = item_ids(&started);
    assert_eq!(ids.len(), 9);
    assert_eq!(started["items"][0]["text"], "I set aside fixed time to study every week.");
    assert_eq!(started["items"][0]["labels"].as_array().unwrap().len(), 5);

    // Every item answered 4 but the second, skipped.
    for (k, id) in ids.iter().enumerate() {
        let value = if k == 1 { json!("skip") } else { json!(4) };
        let g = s.put(&format!("/api/p/{token}/answers/{id}"), &json!({ "value": value }));
        assert_eq!(g.status, 204, "{}", g.body);
    }
    let d = s.get(&format!("/api/p/{token}")).json();
    assert_eq!(d["answers"][&ids[0]], 4);
    assert_eq!(d["answers"][&ids[1]], "skip");
    assert_eq!(d["next"], Value::Null);

    let status = s.get(&format!("/api/t/{}/status", s.secret)).json();
    assert_eq!(status, json!({"joined": 1, "answering": 1, "finished": 0, "closed": false}));

    let r = s.post_empty(&format!("/api/p/{token}/submit"));
    assert_eq!(r.status, 200, "{}", r.body);
    let result = r.json();
    assert_eq!(result["schema"], "zhixing.result.v1");
    assert_eq!(result["subject"]["name"], "张三");
    assert_eq!(result["session"], "2026秋季班");
    // 4 on 1..5 is 75, on a reverse-keyed item 25 (SPEC §5). learning: a 75,
    // b skipped, c reversed 25 → 50; ability 75; perseverance 75, 25 (b
    // reversed), 75 → 175/3. Sections: premise 50, elements (75 + 175/3)/2 =
    // 200/3; overall (50 + 200/3)/2 = 175/3 = 58.33….
    let close = |v: &Value, want: f64| (v.as_f64().unwrap() - want).abs() < 1e-9;
    assert!(close(&result["overall"]["score"], 175.0 / 3.0), "{}", result["overall"]);
    assert!(close(&result["sections"][0]["dimensions"][0]["score"], 50.0), "{}", result["sections"][0]);
    // Submitted again: the same result, not a second.
    let again = s.post_empty(&format!("/api/p/{token}/submit")).json();
    assert_eq!(again["id"], result["id"]);
    // And no more changes.
    assert_eq!(s.put(&format!("/api/p/{token}/answers/{}", ids[0]), &json!({"value": 2})).status, 409);

    let status = s.get(&format!("/api/t/{}/status", s.secret)).json();
    assert_eq!(status, json!({"joined": 1, "answering": 0, "finished": 1, "closed": false}));
    let group = s.get(&format!("/api/t/{}/group", s.secret));
    assert_eq!(group.status, 200, "{}", group.body);
    let group = group.json();
    assert_eq!(group["schema"], "zhixing.group.v1");
    assert_eq!(group["groups"][0]["n"], 1);
    assert!(close(&group["groups"][0]["overall"]["mean"], 175.0 / 3.0), "{}", group["groups"][0]["overall"]);

    // The store holds it once.
    drop(s);
    let out = crate::common::bin()
        .args(["export", "--session", "2026秋季班", "--format", "jsonl", "--store"])
        .arg(dir.path().join("s.db"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
}

#[test]
fn wrong_keys_tokens_and_secrets_are_the_same_404_and_a_token_reaches_only_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let s = serve(dir.path(), &[]);
    let a = s.start("甲");
    let b = s.start("乙");
    let (ta, tb) = (a["token"].as_str().unwrap(), b["token"].as_str().unwrap());
    let id = &item_ids(&a)[0];
    assert_eq!(s.put(&format!("/api/p/{ta}/answers/{id}"), &json!({"value": 5})).status, 204);

    let wrong = [
        s.post(&format!("/api/j/{}/start", "0".repeat(16)), &json!({"subject": "x"})),
        s.post(&format!("/api/j/{}x/resume", s.key), &json!({"resume_code": "ABCDEF"})),
        s.get(&format!("/api/p/{}", "f".repeat(32))),
        s.put(&format!("/api/p/{}/answers/{id}", "f".repeat(32)), &json!({"value": 3})),
        s.post_empty(&format!("/api/p/{}/submit", "f".repeat(32))),
        s.get(&format!("/api/t/{}/status", "0".repeat(32))),
        s.get(&format!("/api/t/{}/group", s.key)),
        s.post_empty(&format!("/api/t/{}/close", s.key)),
        s.get("/api/nothing"),
        s.get("/"),
    ];
    for g in &wrong {
        assert_eq!(g.status, 404);
        assert_eq!(g.body, wrong[0].body, "every 404 says the same");
    }
    assert!(!wrong[0].body.contains(&s.key));
    // B's token does not see A's answer.
    let db = s.get(&format!("/api/p/{tb}")).json();
    assert_eq!(db["answers"], json!({}));
    let da = s.get(&format!("/api/p/{ta}")).json();
    assert_eq!(da["answers"][id], 5);
}

#[test]
fn out_of_range_is_422_with_the_answers_message_and_bad_requests_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let s = serve(dir.path(), &[]);
    let a = s.start("丙");
    let t = a["token"].as_str().unwrap();
    let id = &item_ids(&a)[0];
    let g = s.put(&format!("/api/p/{t}/answers/{id}"), &json!({"value": 9}));
    assert_eq!(g.status, 422);
    assert_eq!(g.json()["error"], format!("answer 9 to \"{id}\" is outside the scale 1 to 5"));
    let g = s.put(&format!("/api/p/{t}/answers/{id}"), &json!({"value": 2.5}));
    assert_eq!(g.status, 422, "{}", g.body);
    assert_eq!(s.put(&format!("/api/p/{t}/answers/no.such"), &json!({"value": 3})).status, 404);

    // Without X-Zhixing: refused, and nothing stored.
    let g = got(agent().put(s.url(&format!("/api/p/{t}/answers/{id}"))).send_json(json!({"value": 3})));
    assert_eq!(g.status, 403);
    assert_eq!(g.json()["error"], "a JSON request needs the header X-Zhixing: 1");
    let g = got(agent().post(s.url(&format!("/api/j/{}/start", s.key))).send_json(json!({"subject": "x"})));
    assert_eq!(g.status, 403);
    assert_eq!(s.get(&format!("/api/p/{t}")).json()["answers"], json!({}));

    // Over 64 KiB: 413, with the length given and without.
    let big = json!({"subject": "x".repeat(70 * 1024)});
    let g = s.post(&format!("/api/j/{}/start", s.key), &big);
    assert_eq!(g.status, 413);
    assert_eq!(g.json()["error"], "the request is too large: at most 64 KiB");

    // And sent in chunks, with no length given.
    let text = big.to_string();
    let mut reader = std::io::Cursor::new(text.into_bytes());
    let g = got(agent()
        .post(s.url(&format!("/api/j/{}/start", s.key)))
        .header("X-Zhixing", "1")
        .send(ureq::SendBody::from_reader(&mut reader)));
    assert_eq!(g.status, 413);
    assert_eq!(g.json()["error"], "the request is too large: at most 64 KiB");

    // A name with a control character is refused where it is.
    let g = s.post(&format!("/api/j/{}/start", s.key), &json!({"subject": "a\u{1b}[2Jb"}));
    assert_eq!(g.status, 422, "{}", g.body);
    let status = s.get(&format!("/api/t/{}/status", s.secret)).json();
    assert_eq!(status["joined"], 1);
}

#[test]
fn resume_by_code_and_a_closed_session_is_410() {
    let dir = tempfile::tempdir().unwrap();
    let s = serve(dir.path(), &[]);
    let a = s.start("丁");
    let (t, code) = (a["token"].as_str().unwrap(), a["resume_code"].as_str().unwrap());
    let id = &item_ids(&a)[0];
    assert_eq!(s.put(&format!("/api/p/{t}/answers/{id}"), &json!({"value": 1})).status, 204);
    // Typed in lower case with a space on another device.
    let typed = format!("{} {}", &code[..3].to_lowercase(), &code[3..]);
    let r = s.post(&format!("/api/j/{}/resume", s.key), &json!({"resume_code": typed}));
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["token"], t);
    assert_eq!(s.post(&format!("/api/j/{}/resume", s.key), &json!({"resume_code": "ZZZZZZZ"})).status, 404);

    assert_eq!(s.post_empty(&format!("/api/t/{}/close", s.secret)).status, 204);
    assert_eq!(s.get(&format!("/api/t/{}/status", s.secret)).json()["closed"], true);
    let g = s.post(&format!("/api/j/{}/start", s.key), &json!({"subject": "戊"}));
    assert_eq!(g.status, 410);
    assert_eq!(g.json()["error"], "This session is closed and takes no more answers.");
    assert_eq!(s.put(&format!("/api/p/{t}/answers/{id}"), &json!({"value": 2})).status, 410);
    assert_eq!(s.post_empty(&format!("/api/p/{t}/submit")).status, 410);
    // What was given is still there.
    assert_eq!(s.get(&format!("/api/p/{t}")).json()["answers"][id], 1);
}

#[test]
fn joins_from_one_address_are_rate_limited_with_retry_after() {
    let dir = tempfile::tempdir().unwrap();
    let s = serve(dir.path(), &["--join-limit", "3"]);
    for k in 0..3 {
        let g = s.post(&format!("/api/j/{}/start", s.key), &json!({"subject": format!("人{k}")}));
        assert_eq!(g.status, 200);
    }
    // Resume attempts count too, and wrong keys are no way round it.
    for path in [format!("/api/j/{}/start", s.key), format!("/api/j/{}/resume", s.key), "/api/j/0000/start".into()] {
        let g = s.post(&path, &json!({"subject": "x", "resume_code": "ABCDEF"}));
        assert_eq!(g.status, 429, "{path}");
        let wait: u64 = g.header("retry-after").unwrap().parse().unwrap();
        assert!((1..=60).contains(&wait), "{wait}");
        assert_eq!(g.json()["error"], format!("too many attempts: try again in {wait} s"));
    }
}

#[test]
fn killed_mid_way_and_started_again_the_same_links_and_the_draft_continue() {
    let dir = tempfile::tempdir().unwrap();
    let s = serve(dir.path(), &[]);
    let a = s.start("己");
    let t = a["token"].as_str().unwrap().to_string();
    let ids = item_ids(&a);
    for id in &ids[..4] {
        assert_eq!(s.put(&format!("/api/p/{t}/answers/{id}"), &json!({"value": 3})).status, 204);
    }
    let (key, secret) = (s.key.clone(), s.secret.clone());
    drop(s); // SIGKILL: nothing has a chance to flush

    let s = serve(dir.path(), &[]);
    assert_eq!((s.key.as_str(), s.secret.as_str()), (key.as_str(), secret.as_str()));
    let d = s.get(&format!("/api/p/{t}")).json();
    assert_eq!(d["next"], ids[4].as_str());
    assert_eq!(d["answers"].as_object().unwrap().len(), 4);
    let status = s.get(&format!("/api/t/{secret}/status")).json();
    assert_eq!(status, json!({"joined": 1, "answering": 1, "finished": 0, "closed": false}));
    for id in &ids[4..] {
        assert_eq!(s.put(&format!("/api/p/{t}/answers/{id}"), &json!({"value": 3})).status, 204);
    }
    let r = s.post_empty(&format!("/api/p/{t}/submit"));
    assert_eq!(r.status, 200);
    // 3 on 1..5: 50 everywhere.
    assert_eq!(r.json()["overall"]["score"], 50.0);
}

#[test]
fn show_report_no_submits_without_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let s = serve(dir.path(), &["--show-report", "no"]);
    let a = s.start("庚");
    let t = a["token"].as_str().unwrap();
    let g = s.post_empty(&format!("/api/p/{t}/submit"));
    assert_eq!(g.status, 204, "{}", g.body);
    assert_eq!(s.get(&format!("/api/t/{}/status", s.secret)).json()["finished"], 1);
}

#[test]
fn a_port_in_use_is_exit_2_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let out = crate::common::bin()
        .args(["serve", "--session", "s", "--listen", &addr, "--store"])
        .arg(dir.path().join("s.db"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains(&format!("cannot listen on {addr}")), "{err}");
}

#[test]
fn a_rating_of_a_colleague_asks_the_others_text_and_is_stored_as_theirs() {
    let dir = tempfile::tempdir().unwrap();
    let s = serve_rubric(dir.path(), "core", &[]);
    let g = s.post(
        &format!("/api/j/{}/start", s.key),
        &json!({"role": "peer", "subject": "李华", "department": "办公室", "rater": "王五"}),
    );
    assert_eq!(g.status, 200, "{}", g.body);
    let a = g.json();
    // The core rubric's first item, in the third person (`--lang en`).
    assert_eq!(a["items"][0]["id"], "learning.routine");
    assert_eq!(
        a["items"][0]["text"],
        "Besides the study the unit organises, this colleague sets aside fixed time each week to study on their own."
    );
    let t = a["token"].as_str().unwrap();
    for id in item_ids(&a) {
        assert_eq!(s.put(&format!("/api/p/{t}/answers/{id}"), &json!({"value": 3})).status, 204);
    }
    let r = s.post_empty(&format!("/api/p/{t}/submit")).json();
    assert_eq!(r["subject"], json!({"name": "李华", "department": "办公室"}));
    assert_eq!(r["rater"], json!({"role": "peer", "name": "王五"}));
    let bad = s.post(&format!("/api/j/{}/start", s.key), &json!({"role": "boss", "subject": "李华"}));
    assert_eq!(bad.status, 422);
}

#[test]
fn killed_while_twenty_answer_every_acknowledged_answer_is_kept_and_everyone_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let s = serve(dir.path(), &[]);
    let people: Vec<(String, Vec<String>)> = (0..20)
        .map(|k| {
            let a = s.start(&format!("学员{k}"));
            (a["token"].as_str().unwrap().to_string(), item_ids(&a))
        })
        .collect();
    let base = s.base.clone();
    let threads: Vec<_> = people
        .iter()
        .cloned()
        .map(|(t, ids)| {
            let base = base.clone();
            std::thread::spawn(move || {
                // The answers acknowledged (204) before the server died.
                let mut acked = Vec::new();
                for id in ids {
                    let r = agent()
                        .put(format!("{base}/api/p/{t}/answers/{id}"))
                        .header("X-Zhixing", "1")
                        .send_json(json!({"value": 2}));
                    match r {
                        Ok(r) if r.status().as_u16() == 204 => acked.push(id),
                        _ => break,
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
                (t, acked)
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(60));
    drop(s); // SIGKILL while they answer
    let acked: Vec<(String, Vec<String>)> = threads.into_iter().map(|h| h.join().unwrap()).collect();
    // 9 answers 20 ms apart take 160 ms or more: the kill came mid-way.
    let n: usize = acked.iter().map(|(_, a)| a.len()).sum();
    assert!(n < 20 * 9, "every answer was in before the kill: the test tested nothing");

    let s = serve(dir.path(), &[]);
    for ((t, got), (_, ids)) in acked.iter().zip(&people) {
        let d = s.get(&format!("/api/p/{t}")).json();
        for id in got {
            assert_eq!(d["answers"][id], 2, "an acknowledged answer was lost");
        }
        for id in ids {
            if d["answers"].get(id).is_none() {
                assert_eq!(s.put(&format!("/api/p/{t}/answers/{id}"), &json!({"value": 2})).status, 204);
            }
        }
        assert_eq!(s.post_empty(&format!("/api/p/{t}/submit")).status, 200);
    }
    let status = s.get(&format!("/api/t/{}/status", s.secret)).json();
    assert_eq!(status, json!({"joined": 20, "answering": 0, "finished": 20, "closed": false}));
}

#[test]
fn a_participants_draft_is_theirs_never_offered_or_discarded_by_assess() {
    let dir = tempfile::tempdir().unwrap();
    let s = serve(dir.path(), &[]);
    let started = s.start("周八");
    let token = started["token"].as_str().unwrap().to_string();
    let first = item_ids(&started)[0].clone();
    assert_eq!(s.put(&format!("/api/p/{token}/answers/{first}"), &json!({"value": 2})).status, 204);
    drop(s);
    let store = dir.path().join("s.db");
    let out = crate::common::bin()
        .args(["assess", "--discard", "--subject", "周八", "--store", store.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("No unfinished questionnaire"), "{err}");
    // Still there for the participant.
    let s = serve(dir.path(), &[]);
    assert_eq!(s.get(&format!("/api/p/{token}")).json()["answers"][&first], json!(2));
}

#[test]
fn with_norms_every_result_submitted_has_its_percentiles_and_norms_of_another_rubric_are_refused() {
    let env = crate::common::Env::new();
    let r = crate::norms::results(&env, 32, "class");
    let norms = env.path("norms.json");
    env.ok(&["norms", "build", &r, "--out", norms.to_str().unwrap()]);
    let s = serve_rubric(env.path("").as_path(), "core", &["--norms", norms.to_str().unwrap()]);
    let started = s.start("吴九");
    let token = started["token"].as_str().unwrap();
    for id in item_ids(&started) {
        assert_eq!(s.put(&format!("/api/p/{token}/answers/{id}"), &json!({"value": 4})).status, 204);
    }
    let result = s.post_empty(&format!("/api/p/{token}/submit")).json();
    assert!(result["overall"]["percentile"].is_number(), "{}", result["overall"]);
    let dims: Vec<&Value> =
        result["sections"].as_array().unwrap().iter().flat_map(|s| s["dimensions"].as_array().unwrap()).collect();
    assert!(dims.iter().all(|d| d["score"].is_null() || (d["band"].is_array() && d["sem"].is_number())), "{dims:?}");
    drop(s);
    // Norms of the core rubric, a session of the small one: exit 2 before listening.
    let out = crate::common::bin()
        .args(["serve", "--session", "x", "--rubric", SMALL_RUBRIC, "--listen", "127.0.0.1:0"])
        .args(["--norms", norms.to_str().unwrap(), "--store", env.path("t.db").to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
}

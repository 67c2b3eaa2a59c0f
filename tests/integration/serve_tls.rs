//! `zhixing serve --tls-cert F --tls-key F` (SPEC §16): HTTPS with a
//! self-signed certificate for 127.0.0.1 made by rcgen, driven by ureq over
//! rustls trusting that certificate alone; the halves and the bad files
//! refused before anything listens.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::common::{SMALL_RUBRIC, bin, exe};

/// A certificate for 127.0.0.1 and its key, as PEM files in `dir`, and the
/// certificate's DER.
fn certificate(dir: &Path, name: &str) -> (PathBuf, PathBuf, Vec<u8>) {
    let made = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string()]).unwrap();
    let (cert, key) = (dir.join(format!("{name}.crt")), dir.join(format!("{name}.key")));
    std::fs::write(&cert, made.cert.pem()).unwrap();
    std::fs::write(&key, made.signing_key.serialize_pem()).unwrap();
    (cert, key, made.cert.der().to_vec())
}

/// An agent that trusts `der` only, and reports every status as it is.
fn trusting(der: &[u8]) -> ureq::Agent {
    let root = ureq::tls::Certificate::from_der(der).to_owned();
    let tls = ureq::tls::TlsConfig::builder().root_certs(ureq::tls::RootCerts::Specific(Arc::new(vec![root]))).build();
    ureq::Agent::config_builder().tls_config(tls).http_status_as_error(false).max_redirects(0).build().into()
}

/// A server running, killed when dropped.
struct Server {
    child: Child,
    join: String,
    trainer: String,
    stderr: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(dir: &Path, cert: &Path, key: &Path) -> Server {
    let urls = dir.join("urls.json");
    let stderr = dir.join("stderr.txt");
    let child = Command::new(exe())
        .args(["serve", "--session", "s", "--rubric", SMALL_RUBRIC, "--listen", "127.0.0.1:0", "--lang", "en"])
        .args(["--min-group", "1"])
        .arg("--store")
        .arg(dir.join("s.db"))
        .arg("--urls-file")
        .arg(&urls)
        .arg("--tls-cert")
        .arg(cert)
        .arg("--tls-key")
        .arg(key)
        .env_remove("ZHIXING_STORE")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&stderr).unwrap())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let text = loop {
        if let Ok(t) = std::fs::read_to_string(&urls)
            && !t.is_empty()
        {
            break t;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "the server wrote no --urls-file");
        std::thread::sleep(Duration::from_millis(50));
    };
    let urls: Value = serde_json::from_str(&text).unwrap();
    Server {
        child,
        join: urls["join"].as_str().unwrap().to_string(),
        trainer: urls["trainer"].as_str().unwrap().to_string(),
        stderr,
    }
}

/// Status and body.
fn got(r: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> (u16, String) {
    let mut r = r.unwrap();
    (r.status().as_u16(), r.body_mut().read_to_string().unwrap())
}

#[test]
fn over_https_a_participant_starts_and_answers_and_the_trainer_sees_the_count() {
    let dir = tempfile::tempdir().unwrap();
    let (cert, key, der) = certificate(dir.path(), "server");
    let s = serve(dir.path(), &cert, &key);
    assert!(s.join.starts_with("https://127.0.0.1:"), "{}", s.join);
    assert!(s.trainer.starts_with("https://127.0.0.1:"), "{}", s.trainer);
    let (base, join_key) = s.join.split_once("/j/").unwrap();
    let (_, secret) = s.trainer.split_once("/t/").unwrap();
    let agent = trusting(&der);

    let (status, body) = got(agent
        .post(format!("{base}/api/j/{join_key}/start"))
        .header("X-Zhixing", "1")
        .send_json(json!({"role": "self", "subject": "张三", "department": "秘书处"})));
    assert_eq!(status, 200, "{body}");
    let started: Value = serde_json::from_str(&body).unwrap();
    let token = started["token"].as_str().unwrap();
    let first = started["items"][0]["id"].as_str().unwrap();
    let (status, body) = got(agent
        .put(format!("{base}/api/p/{token}/answers/{first}"))
        .header("X-Zhixing", "1")
        .send_json(json!({"value": 4})));
    assert_eq!(status, 204, "{body}");
    let (status, body) = got(agent.get(format!("{base}/api/p/{token}")).call());
    assert_eq!(status, 200, "{body}");
    assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["answers"][first], 4);
    // The pages over HTTPS: the participant's cookie is Secure too.
    let (status, page) = got(agent.get(format!("{base}/j/{join_key}/about?role=self")).call());
    assert_eq!(status, 200, "{page}");
    let marker = "name=\"csrf\" value=\"";
    let at = page.find(marker).unwrap() + marker.len();
    let csrf = page[at..].split('"').next().unwrap().to_string();
    let joined = agent
        .post(format!("{base}/j/{join_key}/start"))
        .send_form([("csrf", csrf.as_str()), ("role", "self"), ("subject", "李四")])
        .unwrap();
    assert_eq!(joined.status().as_u16(), 303);
    let cookie = joined.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.ends_with("; Secure"),
        "{cookie}"
    );
    let (status, body) = got(agent.get(format!("{base}/api/t/{secret}/status")).call());
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap(),
        json!({"joined": 2, "answering": 1, "finished": 0, "closed": false})
    );

    // Plain HTTP to the same port gets no answer of the API.
    let plain = base.replacen("https://", "http://", 1);
    let r = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .new_agent()
        .get(format!("{plain}/api/t/{secret}/status"))
        .call();
    assert!(r.is_err(), "plain HTTP was answered: {:?}", r.map(|r| r.status()));
    // A client that does not trust the self-signed certificate refuses it.
    let r =
        ureq::Agent::config_builder().http_status_as_error(false).build().new_agent().get(s.trainer.as_str()).call();
    let refused = format!("{:?}", r.map(|r| r.status()));
    assert!(refused.contains("InvalidCertificate(UnknownIssuer)"), "{refused}");

    // The terminal shows the https links; SIGTERM stops it, the draft kept.
    #[cfg(unix)]
    {
        let mut s = s;
        let killed = Command::new("kill").args(["-TERM", &s.child.id().to_string()]).status().unwrap();
        assert!(killed.success());
        let start = Instant::now();
        let status = loop {
            if let Some(status) = s.child.try_wait().unwrap() {
                break status;
            }
            assert!(start.elapsed() < Duration::from_secs(30), "serve did not stop on SIGTERM");
            std::thread::sleep(Duration::from_millis(50));
        };
        assert!(status.success(), "{status:?}");
        let err = std::fs::read_to_string(&s.stderr).unwrap();
        assert!(err.contains(&format!("  {}\n", s.join)), "{err}");
        assert!(err.contains(&s.trainer), "{err}");
        assert!(!err.contains("http://"), "{err}");
        assert!(err.contains("Stopped."), "{err}");
    }
}

#[test]
fn half_of_the_tls_pair_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let (cert, key, _) = certificate(dir.path(), "server");
    for (flag, file, said) in [
        (
            "--tls-cert",
            &cert,
            "--tls-cert without --tls-key: HTTPS needs the certificate (--tls-cert) and its private key (--tls-key), two PEM files; give both, or neither for plain HTTP",
        ),
        (
            "--tls-key",
            &key,
            "--tls-key without --tls-cert: HTTPS needs the certificate (--tls-cert) and its private key (--tls-key), two PEM files; give both, or neither for plain HTTP",
        ),
    ] {
        let out = bin()
            .args(["serve", "--session", "s", "--listen", "127.0.0.1:0", flag])
            .arg(file)
            .arg("--store")
            .arg(dir.path().join("s.db"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{flag}");
        assert_eq!(String::from_utf8(out.stderr).unwrap(), format!("zhixing: error: {said}\n"));
    }
    let out = crate::common::zhixing()
        .env_remove("ZHIXING_STORE")
        .env("NO_COLOR", "1")
        .args(["serve", "--session", "s", "--lang", "zh", "--tls-cert"])
        .arg(&cert)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "zhixing: 错误: 给了 --tls-cert 却没有 --tls-key：HTTPS 需要证书（--tls-cert）和它的私钥（--tls-key）两个 PEM 文件，请两个都给；不用 HTTPS 就都去掉\n"
    );
}

#[test]
fn a_certificate_or_key_that_cannot_be_used_is_refused_naming_the_file_before_listening() {
    let dir = tempfile::tempdir().unwrap();
    let (cert, key, _) = certificate(dir.path(), "server");
    let (_, other_key, _) = certificate(dir.path(), "other");
    let missing = dir.path().join("missing.crt");
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "这不是证书\n").unwrap();
    let damaged = dir.path().join("damaged.crt");
    std::fs::write(&damaged, "-----BEGIN CERTIFICATE-----\nMIIB!!!!\n").unwrap();
    let (c, k, t, m, d, o) =
        (cert.display(), key.display(), text.display(), missing.display(), damaged.display(), other_key.display());
    let cases: [(&Path, &Path, String); 5] = [
        (
            &missing,
            &key,
            format!("cannot read --tls-cert {m}: no such file or directory; check the path and that it can be read"),
        ),
        (
            &text,
            &key,
            format!(
                "--tls-cert {t} holds no certificate (-----BEGIN CERTIFICATE-----): give the certificate as PEM, and its private key with --tls-key"
            ),
        ),
        (
            &damaged,
            &key,
            format!(
                "--tls-cert {d} is not a valid PEM file (a section from -----BEGIN … to -----END … is damaged): give the certificate or key file as it was issued"
            ),
        ),
        // The two swapped: the certificate file holds no key.
        (
            &key,
            &cert,
            format!(
                "--tls-cert {k} holds no certificate (-----BEGIN CERTIFICATE-----): give the certificate as PEM, and its private key with --tls-key"
            ),
        ),
        (
            &cert,
            &other_key,
            format!("--tls-key {o} is not the private key of the certificate {c}: give the key that belongs to it"),
        ),
    ];
    for (cert_file, key_file, said) in cases {
        let out = bin()
            .args(["serve", "--session", "s", "--listen", "127.0.0.1:0", "--tls-cert"])
            .arg(cert_file)
            .arg("--tls-key")
            .arg(key_file)
            .arg("--store")
            .arg(dir.path().join("s.db"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{said}");
        assert_eq!(String::from_utf8(out.stderr).unwrap(), format!("zhixing: error: {said}\n"));
        // Refused before the store was opened, so before anything listened.
        assert!(!dir.path().join("s.db").exists());
    }
    // A key file with no key in it.
    let out = bin()
        .args(["serve", "--session", "s", "--listen", "127.0.0.1:0", "--tls-cert"])
        .arg(&cert)
        .arg("--tls-key")
        .arg(&text)
        .arg("--store")
        .arg(dir.path().join("s.db"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "zhixing: error: --tls-key {t} holds no private key (-----BEGIN PRIVATE KEY-----, RSA PRIVATE KEY or EC PRIVATE KEY): give the certificate's private key as PEM, unencrypted\n"
        )
    );
}

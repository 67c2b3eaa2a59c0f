//! `zhixing serve` (SPEC §16) in a real browser: Debian's Chromium, driven
//! over WebDriver by its chromedriver, at a phone's 390×844 viewport. A
//! participant joins from the link, answers every statement by tapping,
//! goes back once, skips once, reviews, submits and reads the report; the
//! answers go without reloading the page (the plain forms, without
//! JavaScript, are tested in `serve_pages`). Screenshots of the screens are kept in
//! `target/browser-artefacts/`.
//!
//! Without `chromium` and `chromedriver` on the PATH the tests say so and
//! are skipped; with `ZHIXING_BROWSER_TESTS=1` (as CI sets it) a missing
//! browser is a failure.

use std::future::Future;
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use super::serve::{Server, serve_in};
use crate::common::{SMALL_RUBRIC, bin, manifest_dir};

/// How long one step may take before the test says what it waited for.
const PATIENCE: Duration = Duration::from_secs(15);

/// The programs, found on the PATH.
struct Tools {
    chromium: PathBuf,
    driver: PathBuf,
}

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join(name)).find(|p| p.is_file())
}

/// The browser and its driver; `None` (said on stderr) where they are
/// missing, unless `ZHIXING_BROWSER_TESTS=1` asks for the test: then a panic.
fn tools(test: &str) -> Option<Tools> {
    let chromium = on_path("chromium");
    let driver = on_path("chromedriver");
    if let (Some(chromium), Some(driver)) = (&chromium, &driver) {
        return Some(Tools { chromium: chromium.clone(), driver: driver.clone() });
    }
    let missing: Vec<&str> = [("chromium", &chromium), ("chromedriver", &driver)]
        .iter()
        .filter(|(_, p)| p.is_none())
        .map(|(n, _)| *n)
        .collect();
    let why =
        format!("{} not found on the PATH (Debian: apt-get install chromium chromium-driver)", missing.join(" and "));
    if std::env::var("ZHIXING_BROWSER_TESTS").is_ok_and(|v| v == "1") {
        panic!("ZHIXING_BROWSER_TESTS=1 asks for the real-browser test {test}, but {why}");
    }
    eprintln!("SKIPPED the real-browser test {test}: {why}; ZHIXING_BROWSER_TESTS=1 makes this a failure");
    None
}

/// Where the screenshots go: `target/browser-artefacts/`.
fn artefacts() -> PathBuf {
    let target = option_env!("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| manifest_dir().join("target"));
    let dir = target.join("browser-artefacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A Chromium run by its chromedriver, with a profile of its own; closed,
/// killed and deleted when dropped, whether the test passed or not.
struct Browser {
    rt: tokio::runtime::Runtime,
    client: Option<Client>,
    driver: Child,
    // Dropped last, once the browser is gone.
    _profile: tempfile::TempDir,
}

impl Browser {
    /// A phone-sized Chromium.
    fn start(tools: &Tools) -> Browser {
        // Two rustls providers are compiled in (ring for serve's HTTPS,
        // aws-lc-rs through fantoccini): say which one the client uses.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let profile = tempfile::tempdir().unwrap();
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        // Its own process group, so that the browser it starts goes with it.
        let driver = Command::new(&tools.driver)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .unwrap();
        let mut browser = Browser { rt, client: None, driver, _profile: profile };
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(start.elapsed() < PATIENCE, "chromedriver did not listen on port {port}");
            std::thread::sleep(Duration::from_millis(50));
        }
        let args = vec![
            "--headless=new".to_string(),
            "--no-sandbox".to_string(),
            "--disable-gpu".to_string(),
            "--disable-dev-shm-usage".to_string(),
            "--no-first-run".to_string(),
            "--disable-background-networking".to_string(),
            "--disable-component-update".to_string(),
            "--disable-sync".to_string(),
            "--disable-quic".to_string(),
            format!("--user-data-dir={}", browser._profile.path().display()),
        ];
        let options = json!({
            "binary": tools.chromium.display().to_string(),
            "args": args,
            "mobileEmulation": { "deviceMetrics": { "width": 390, "height": 844, "pixelRatio": 1.0 } },
        });
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".to_string(), json!("chrome"));
        caps.insert("goog:chromeOptions".to_string(), options);

        let client = browser.rt.block_on(async {
            ClientBuilder::rustls().unwrap().capabilities(caps).connect(&format!("http://127.0.0.1:{port}")).await
        });
        browser.client = Some(client.unwrap_or_else(|e| panic!("no WebDriver session: {e}")));
        browser
    }

    /// Run the scenario `f` against this browser, for two minutes at most
    /// (a WebDriver command that never answers fails the test).
    fn run<F: Future<Output = ()>>(&self, f: impl FnOnce(Client) -> F) {
        let client = self.client.clone().unwrap();
        let done = self.rt.block_on(async { tokio::time::timeout(Duration::from_secs(120), f(client)).await });
        assert!(done.is_ok(), "the browser did not finish the scenario within two minutes");
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if let Some(client) = self.client.take() {
            let _ = self.rt.block_on(async { tokio::time::timeout(PATIENCE, client.close()).await });
        }
        // chromedriver and anything of its group still running.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.driver.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// The small rubric's items in order: (id, Chinese statement).
fn statements() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(SMALL_RUBRIC).unwrap();
    let r: toml::Value = toml::from_str(&text).unwrap();
    let mut out = Vec::new();
    for s in r["sections"].as_array().unwrap() {
        for d in s["dimensions"].as_array().unwrap() {
            for i in d["items"].as_array().unwrap() {
                out.push((i["id"].as_str().unwrap().to_string(), i["text"]["zh"].as_str().unwrap().to_string()));
            }
        }
    }
    out
}

/// Wait until `ready` holds, polling; panic naming `what` if it never does.
async fn until<F, Fut>(what: &str, mut ready: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let start = Instant::now();
    while !ready().await {
        assert!(start.elapsed() < PATIENCE, "waited {PATIENCE:?} for {what}");
        tokio::time::sleep(Duration::from_millis(40)).await;
    }
}

/// The page's path.
async fn path(c: &Client) -> String {
    c.current_url().await.unwrap().path().to_string()
}

/// The text of the element `css`, or `None` where there is none.
async fn text_of(c: &Client, css: &str) -> Option<String> {
    match c.find(Locator::Css(css)).await {
        Ok(e) => e.text().await.ok(),
        Err(_) => None,
    }
}

/// Wait until the page is `want` and shows `css` (with `text` in it).
async fn arrive(c: &Client, want: &str, css: &str, text: &str) {
    until(&format!("{want} showing {css} with {text:?}"), || async move {
        path(c).await == want && text_of(c, css).await.is_some_and(|t| t.contains(text))
    })
    .await;
}

async fn tap(c: &Client, css: &str) {
    let here = path(c).await;
    let found = c.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("no {css} on {here}: {e}"));
    found.click().await.unwrap();
}

async fn screenshot(c: &Client, name: &str) {
    let png = c.screenshot().await.unwrap();
    assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
    std::fs::write(artefacts().join(name), png).unwrap();
}

/// Whether the marker set on the first statement is still in the window:
/// the page was not loaded again.
async fn marker_kept(c: &Client) -> bool {
    c.execute("return window.zxMarker === 'kept';", vec![]).await.unwrap() == json!(true)
}

/// From the join link to the first statement: welcome, 开始, 自评, the
/// names, 开始答题. Returns the participant's token.
async fn join(c: &Client, s: &Server, name: &str, department: &str, shot: bool) -> String {
    let link = s.urls["join"].as_str().unwrap();
    c.goto(link).await.unwrap();
    arrive(c, &format!("/j/{}", s.key), "h1#welcome", "欢迎").await;
    assert_eq!(text_of(c, "a#begin").await.as_deref(), Some("开始"));
    if shot {
        screenshot(c, "welcome.png").await;
    }
    tap(c, "a#begin").await;
    arrive(c, &format!("/j/{}/who", s.key), "button[name=role][value=self]", "自评").await;
    tap(c, "button[name=role][value=self]").await;
    arrive(c, &format!("/j/{}/about", s.key), "button#go", "开始答题").await;
    c.find(Locator::Css("input#subject")).await.unwrap().send_keys(name).await.unwrap();
    c.find(Locator::Css("input#department")).await.unwrap().send_keys(department).await.unwrap();
    tap(c, "button#go").await;
    until("the first statement", || async move { path(c).await.ends_with("/i/1") }).await;
    let p = path(c).await;
    p.strip_prefix("/p/").and_then(|t| t.strip_suffix("/i/1")).unwrap().to_string()
}

/// The answers of the one result the store holds for `name`, from `zhixing export`.
fn stored_answers(dir: &Path, name: &str) -> Value {
    let out = bin().args(["export", "--store", dir.join("s.db").to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let mine: Vec<&Value> = lines.iter().filter(|l| l["subject"]["name"] == json!(name)).collect();
    assert_eq!(mine.len(), 1, "one result for {name}: {lines:?}");
    mine[0]["answers"].clone()
}

#[test]
fn a_phone_with_javascript_answers_every_statement_by_tapping_without_reloading_the_page() {
    let Some(tools) = tools("with JavaScript") else { return };
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let s = serve_in(dir.path(), SMALL_RUBRIC, Some("zh"), &[]);
    let items = statements();
    let total = items.len();
    let browser = Browser::start(&tools);
    let (s, items) = (&s, &items);
    browser.run(|c| async move {
        let c = &c;
        let token = join(c, s, "王小明", "办公室", true).await;
        let at = |n: usize| format!("/p/{token}/i/{n}");
        arrive(c, &at(1), "h1#statement", &items[0].1).await;
        assert_eq!(text_of(c, "p#progress").await.unwrap(), format!("第 1 / {total} 题"));
        assert!(text_of(c, "p#resume-code").await.unwrap().starts_with("续答码 "));
        assert!(c.find(Locator::Css("a#back")).await.is_err(), "no way back from the first statement");
        // From here on every screen comes without a page load: the marker stays.
        c.execute("window.zxMarker = 'kept';", vec![]).await.unwrap();

        // What is tapped on each statement (None: 跳过); statement 4 is
        // changed to 1 after going back to it from statement 5.
        let taps: [Option<i64>; 9] = [Some(4), Some(2), None, Some(5), Some(3), Some(4), Some(2), Some(5), Some(1)];
        for (k, choice) in taps.iter().enumerate() {
            let n = k + 1;
            arrive(c, &at(n), "h1#statement", &items[k].1).await;
            assert_eq!(text_of(c, "p#progress").await.unwrap(), format!("第 {n} / {total} 题"));
            if n == 2 {
                screenshot(c, "item.png").await;
            }
            if n == 5 {
                // Back once: statement 4 shows the answer given, and is changed.
                tap(c, "a#back").await;
                arrive(c, &at(4), "h1#statement", &items[3].1).await;
                let chosen = c.find(Locator::Css("form.answer button.choice.chosen")).await.unwrap();
                assert_eq!(chosen.attr("value").await.unwrap().as_deref(), Some("5"));
                assert!(marker_kept(c).await, "going back loaded the page again");
                tap(c, "form.answer button.choice[value='1']").await;
                arrive(c, &at(5), "h1#statement", &items[4].1).await;
                assert!(marker_kept(c).await, "the changed answer loaded the page again");
            }
            match choice {
                Some(v) => tap(c, &format!("form.answer button.choice[value='{v}']")).await,
                None => tap(c, "form.answer button#skip").await,
            }
            if n < total {
                arrive(c, &at(n + 1), "h1#statement", &items[n].1).await;
            } else {
                arrive(c, &format!("/p/{token}/review"), "h1#review", "已答 8 / 9 题").await;
            }
            assert!(marker_kept(c).await, "the answer to statement {n} loaded the page again");
        }

        // The review: every answer, the skip said; the draft holds them all.
        let review = text_of(c, "ol.review").await.unwrap();
        assert!(review.contains("已跳过"), "{review}");
        assert!(review.contains("1 完全不符合"), "{review}");
        screenshot(c, "review.png").await;
        let draft: Value = serde_json::from_str(
            &ureq::get(format!("{}/api/p/{token}", s.base)).call().unwrap().into_body().read_to_string().unwrap(),
        )
        .unwrap();
        assert_eq!(draft["answers"].as_object().unwrap().len(), total, "{draft}");

        // Submit (a plain form), then the report.
        tap(c, "button#submit").await;
        arrive(c, &format!("/p/{token}/report"), "p#thanks", "已提交").await;
        let page = c.source().await.unwrap();
        assert!(page.contains("王小明"), "the subject's name in the report");
        assert!(c.find(Locator::Css("svg")).await.is_ok(), "a chart in the report");
        assert!(c.find(Locator::Css("a#download")).await.unwrap().is_displayed().await.unwrap());
        let print = c.find(Locator::Css("[data-print]")).await.unwrap();
        assert!(print.is_displayed().await.unwrap(), "the print button, where the script runs");
        screenshot(c, "report.png").await;

        // The trainer's page, as a phone shows it.
        c.goto(s.urls["trainer"].as_str().unwrap()).await.unwrap();
        arrive(c, &format!("/t/{}", s.secret), "p#counts", "1").await;
        assert!(c.find(Locator::Css(".qr svg")).await.is_ok(), "the QR code");
        screenshot(c, "trainer.png").await;
    });
    drop(browser);

    // The store holds exactly what was tapped.
    let answers = stored_answers(dir.path(), "王小明");
    let want = json!({
        "learning.a": 4, "learning.b": 2, "learning.c": null,
        "ability.a": 1, "ability.b": 3, "ability.c": 4,
        "perseverance.a": 2, "perseverance.b": 5, "perseverance.c": 1,
    });
    assert_eq!(answers, want);
    eprintln!("the real-browser test with JavaScript took {:.1} s", started.elapsed().as_secs_f64());
}

//! The load benchmark of `zhixing serve` (SPEC §16 "Load", §19): many
//! participants join one session at once and answer a 60-item rubric
//! through the JSON API, as fast as they can and at a human pace, against
//! the release build. Prints p50/p99 latencies, errors and lost answers as
//! Markdown. Not a test: `cargo bench --bench serve_load` or
//! `benches/run.sh --only serve` runs it; benches/README.md keeps the figures.
//!
//!     cargo bench --bench serve_load -- [--participants N] [--modes fast,human]
//!                                        [--pace MIN-MAX] [--out FILE]
//!
//! Each participant is a thread with its own connection (a phone):
//! `POST /api/j/KEY/start`, then `PUT /api/p/TOKEN/answers/ID` for every
//! item in the order given, a `GET /api/p/TOKEN` after every tenth answer
//! and once more before `POST /api/p/TOKEN/submit`. At a human pace each
//! answer (and the submit) waits a random time between MIN and MAX seconds
//! first, as a person reads the statement. Every mode starts a fresh server
//! with a fresh store; afterwards the server is stopped (SIGTERM) and
//! `zhixing export` reads the session's results back from the store: each
//! participant's result must hold exactly the answers sent.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const RUBRIC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/load-60.toml");
const EXE: &str = env!("CARGO_BIN_EXE_zhixing");
const ITEMS: usize = 60;
const SESSION: &str = "压测";
/// A page read after every this many answers.
const PAGE_EVERY: usize = 10;

/// What to run.
struct Args {
    participants: usize,
    modes: Vec<Mode>,
    pace: (f64, f64),
    out: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Mode {
    Fast,
    Human,
}

impl Mode {
    fn name(self) -> &'static str {
        match self {
            Mode::Fast => "as fast as they can",
            Mode::Human => "human pace",
        }
    }
}

fn usage() -> ! {
    eprintln!(
        "usage: cargo bench --bench serve_load -- [--participants N] [--modes fast,human] [--pace MIN-MAX] [--out FILE]"
    );
    std::process::exit(2)
}

fn parse_args() -> Option<Args> {
    let mut a = Args { participants: 500, modes: vec![Mode::Fast, Mode::Human], pace: (3.0, 8.0), out: None };
    let mut bench = false;
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            // cargo bench passes --bench to a bench without a harness.
            "--bench" => bench = true,
            "--participants" => a.participants = it.next().and_then(|v| v.parse().ok()).unwrap_or_else(|| usage()),
            "--modes" => {
                let v = it.next().unwrap_or_else(|| usage());
                a.modes = v
                    .split(',')
                    .map(|m| match m.trim() {
                        "fast" => Mode::Fast,
                        "human" => Mode::Human,
                        _ => usage(),
                    })
                    .collect();
            }
            "--pace" => {
                let v = it.next().unwrap_or_else(|| usage());
                let (lo, hi) = v.split_once('-').unwrap_or_else(|| usage());
                let lo: f64 = lo.parse().unwrap_or_else(|_| usage());
                let hi: f64 = hi.parse().unwrap_or_else(|_| usage());
                if !(0.0..=hi).contains(&lo) {
                    usage();
                }
                a.pace = (lo, hi);
            }
            "--out" => a.out = Some(PathBuf::from(it.next().unwrap_or_else(|| usage()))),
            _ => usage(),
        }
    }
    bench.then_some(a)
}

/// A small, seeded generator (splitmix64): the same answers every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The kinds of request timed.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
enum Kind {
    Join,
    Answer,
    Page,
    Screen,
    Submit,
    Report,
}

impl Kind {
    const ALL: [Kind; 6] = [Kind::Join, Kind::Answer, Kind::Page, Kind::Screen, Kind::Submit, Kind::Report];
    fn label(self) -> &'static str {
        match self {
            Kind::Join => "join (`POST /api/j/KEY/start`)",
            Kind::Answer => "answer (`PUT /api/p/TOKEN/answers/ID`)",
            Kind::Page => "page (`GET /api/p/TOKEN`)",
            Kind::Screen => "statement screen (HTML, `GET /p/TOKEN/i/N`)",
            Kind::Submit => "submit (`POST /api/p/TOKEN/submit`)",
            Kind::Report => "own report (HTML, `GET /p/TOKEN/report`)",
        }
    }
}

/// What one participant saw.
#[derive(Default)]
struct Seen {
    times: HashMap<Kind, Vec<Duration>>,
    errors: Vec<String>,
    /// The answers acknowledged (204), by item: a value or None for a skip.
    acked: HashMap<String, Option<i64>>,
    /// The draft read back before the submit held every acknowledged answer.
    draft_ok: bool,
    submitted: bool,
    /// The status of `GET /p/TOKEN` (the participant's HTML page), asked by participant 0 only.
    html: Option<u16>,
}

/// A server running; killed when dropped if it is still running.
struct Server {
    child: Child,
    base: String,
    key: String,
    store: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_server(dir: &Path, join_limit: usize) -> Server {
    let urls = dir.join("urls.json");
    let store = dir.join("store.db");
    let log = std::fs::File::create(dir.join("serve.log")).expect("serve.log");
    let child = Command::new(EXE)
        .args(["serve", "--session", SESSION, "--rubric", RUBRIC, "--listen", "127.0.0.1:0", "--min-group", "5"])
        .arg("--join-limit")
        .arg(join_limit.to_string())
        .arg("--store")
        .arg(&store)
        .arg("--urls-file")
        .arg(&urls)
        .env_remove("ZHIXING_STORE")
        .env("ZHIXING_LANG", "zh")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("start zhixing serve");
    let t0 = Instant::now();
    let text = loop {
        if let Ok(t) = std::fs::read_to_string(&urls)
            && !t.is_empty()
        {
            break t;
        }
        assert!(t0.elapsed() < Duration::from_secs(30), "zhixing serve wrote no --urls-file; see {}", dir.display());
        std::thread::sleep(Duration::from_millis(20));
    };
    let v: Value = serde_json::from_str(&text).expect("urls file");
    let join = v["join"].as_str().expect("join link").to_string();
    let (base, key) = join.split_once("/j/").expect("a /j/ link");
    Server { child, base: base.to_string(), key: key.to_string(), store }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

/// One request: (status, body) or the transport error, and how long it took
/// up to the last byte of the body.
fn request(
    agent: &ureq::Agent,
    method: &str,
    url: &str,
    body: Option<&str>,
) -> (Result<(u16, String), String>, Duration) {
    let t0 = Instant::now();
    let sent = match (method, body) {
        ("GET", _) => agent.get(url).call(),
        ("PUT", Some(b)) => agent.put(url).header("X-Zhixing", "1").header("Content-Type", "application/json").send(b),
        ("POST", Some(b)) => {
            agent.post(url).header("X-Zhixing", "1").header("Content-Type", "application/json").send(b)
        }
        ("POST", None) => agent.post(url).header("X-Zhixing", "1").send_empty(),
        _ => unreachable!(),
    };
    let got = match sent {
        Ok(mut r) => {
            let status = r.status().as_u16();
            match r.body_mut().with_config().limit(64 << 20).read_to_string() {
                Ok(text) => Ok((status, text)),
                Err(e) => Err(format!("reading the body: {e}")),
            }
        }
        Err(e) => Err(e.to_string()),
    };
    (got, t0.elapsed())
}

/// A participant's whole questionnaire.
fn participant(base: &str, key: &str, n: usize, mode: Mode, pace: (f64, f64), go: &Barrier) -> Seen {
    let mut seen = Seen::default();
    let mut rng = Rng(0x5eed_0000 + n as u64);
    let agent = agent();
    let time = |seen: &mut Seen, kind: Kind, d: Duration| seen.times.entry(kind).or_default().push(d);
    let pause = |rng: &mut Rng| {
        if mode == Mode::Human {
            let s = pace.0 + (pace.1 - pace.0) * rng.unit();
            std::thread::sleep(Duration::from_secs_f64(s));
        }
    };
    let body = json!({ "role": "self", "subject": subject(n), "department": format!("第{}处", n % 12 + 1) });
    go.wait();
    let (got, d) = request(&agent, "POST", &format!("{base}/api/j/{key}/start"), Some(&body.to_string()));
    time(&mut seen, Kind::Join, d);
    let started = match got {
        Ok((200, text)) => serde_json::from_str::<Value>(&text).ok(),
        Ok((s, text)) => {
            seen.errors.push(format!("join: {s} {text}"));
            return seen;
        }
        Err(e) => {
            seen.errors.push(format!("join: {e}"));
            return seen;
        }
    };
    let Some(started) = started else {
        seen.errors.push("join: not JSON".into());
        return seen;
    };
    let token = started["token"].as_str().unwrap_or_default().to_string();
    let items: Vec<String> = started["items"]
        .as_array()
        .map(|a| a.iter().filter_map(|i| i["id"].as_str().map(str::to_string)).collect())
        .unwrap_or_default();
    if items.len() != ITEMS {
        seen.errors.push(format!("join: {} items, not {ITEMS}", items.len()));
        return seen;
    }
    let page = |seen: &mut Seen| -> Option<Value> {
        let (got, d) = request(&agent, "GET", &format!("{base}/api/p/{token}"), None);
        seen.times.entry(Kind::Page).or_default().push(d);
        match got {
            Ok((200, text)) => serde_json::from_str(&text).ok(),
            Ok((s, text)) => {
                seen.errors.push(format!("page: {s} {text}"));
                None
            }
            Err(e) => {
                seen.errors.push(format!("page: {e}"));
                None
            }
        }
    };
    if n == 0 {
        seen.html = request(&agent, "GET", &format!("{base}/p/{token}"), None).0.ok().map(|(s, _)| s);
    }
    for (k, item) in items.iter().enumerate() {
        // The statement's screen, as the page's script fetches it (or a
        // browser without script loads it).
        let (got, d) = request(&agent, "GET", &format!("{base}/p/{token}/i/{}", k + 1), None);
        time(&mut seen, Kind::Screen, d);
        match got {
            Ok((200, text)) if text.contains("id=\"statement\"") => {}
            Ok((s, text)) => seen.errors.push(format!("screen: {s} {}", text.chars().take(200).collect::<String>())),
            Err(e) => seen.errors.push(format!("screen: {e}")),
        }
        pause(&mut rng);
        // Mostly a point of the scale, now and then a skip.
        let value = if rng.next().is_multiple_of(40) { None } else { Some(1 + (rng.next() % 5) as i64) };
        let body = match value {
            Some(v) => json!({ "value": v }),
            None => json!({ "value": "skip" }),
        };
        let (got, d) = request(&agent, "PUT", &format!("{base}/api/p/{token}/answers/{item}"), Some(&body.to_string()));
        time(&mut seen, Kind::Answer, d);
        match got {
            Ok((204, _)) => {
                seen.acked.insert(item.clone(), value);
            }
            Ok((s, text)) => seen.errors.push(format!("answer: {s} {text}")),
            Err(e) => seen.errors.push(format!("answer: {e}")),
        }
        if (k + 1) % PAGE_EVERY == 0 && k + 1 < items.len() {
            page(&mut seen);
        }
    }
    pause(&mut rng);
    // The review screen: the draft holds every acknowledged answer.
    if let Some(d) = page(&mut seen) {
        let answers = d["answers"].as_object();
        seen.draft_ok = answers.is_some_and(|a| {
            a.len() == seen.acked.len()
                && seen.acked.iter().all(|(id, v)| {
                    a.get(id).is_some_and(|got| match v {
                        Some(x) => got.as_i64() == Some(*x),
                        None => got.as_str() == Some("skip"),
                    })
                })
        }) && d["next"].is_null();
    }
    let (got, d) = request(&agent, "POST", &format!("{base}/api/p/{token}/submit"), None);
    time(&mut seen, Kind::Submit, d);
    match got {
        Ok((200, text)) if serde_json::from_str::<Value>(&text).is_ok_and(|r| r["schema"].is_string()) => {
            seen.submitted = true;
        }
        Ok((s, text)) => seen.errors.push(format!("submit: {s} {}", text.chars().take(200).collect::<String>())),
        Err(e) => seen.errors.push(format!("submit: {e}")),
    }
    if seen.submitted {
        let (got, d) = request(&agent, "GET", &format!("{base}/p/{token}/report"), None);
        time(&mut seen, Kind::Report, d);
        match got {
            Ok((200, text)) if text.contains("<svg") => {}
            Ok((s, text)) => seen.errors.push(format!("report: {s} {}", text.chars().take(200).collect::<String>())),
            Err(e) => seen.errors.push(format!("report: {e}")),
        }
    }
    seen
}

fn subject(n: usize) -> String {
    format!("参与者{n:04}")
}

/// CPU seconds (user + system) and peak resident memory (MiB) of a process, from /proc.
fn usage_of(pid: &str) -> Option<(f64, f64)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The fields after the command name (which may hold spaces) in brackets.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    let hz = Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse::<f64>().ok())
        .unwrap_or(100.0);
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let hwm = status.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse::<f64>().ok()?;
    Some((ticks / hz, hwm / 1024.0))
}

/// The figures of one mode.
struct Run {
    mode: Mode,
    participants: usize,
    wall: Duration,
    times: HashMap<Kind, Vec<Duration>>,
    errors: Vec<String>,
    /// Answers acknowledged, and of those, the ones missing or different in the stored results.
    acked: usize,
    lost: usize,
    /// Participants whose draft, read back before the submit, lacked an acknowledged answer.
    draft_short: usize,
    results: usize,
    server: Option<(f64, f64)>,
    client_cpu: Option<f64>,
    html: Option<u16>,
    /// The machine's 1-minute load average before the mode started (others' work on a shared machine).
    load: Option<f64>,
}

fn run(mode: Mode, participants: usize, pace: (f64, f64)) -> Run {
    let dir = tempfile::Builder::new().prefix("zhixing-serve-load-").tempdir().expect("a temporary directory");
    let load = std::fs::read_to_string("/proc/loadavg").ok().and_then(|t| t.split_whitespace().next()?.parse().ok());
    let mut server = start_server(dir.path(), participants * 2 + 100);
    let pid = server.child.id().to_string();
    let client0 = usage_of("self").map(|u| u.0);
    eprintln!("serve_load: {}, {participants} participants …", mode.name());
    let go = Arc::new(Barrier::new(participants + 1));
    let t0;
    let mut seen = Vec::with_capacity(participants);
    {
        let mut handles = Vec::with_capacity(participants);
        for n in 0..participants {
            let (base, key, go) = (server.base.clone(), server.key.clone(), Arc::clone(&go));
            let h = std::thread::Builder::new()
                .name(format!("p{n}"))
                .stack_size(256 * 1024)
                .spawn(move || participant(&base, &key, n, mode, pace, &go))
                .expect("a participant's thread");
            handles.push(h);
        }
        go.wait();
        t0 = Instant::now();
        for h in handles {
            seen.push(h.join().expect("a participant's thread panicked"));
        }
    }
    let wall = t0.elapsed();
    let server_usage = usage_of(&pid);
    let client_cpu = client0.zip(usage_of("self").map(|u| u.0)).map(|(a, b)| b - a);
    // Stop it as Ctrl-C would, then read the store.
    let _ = Command::new("kill").args(["-TERM", &pid]).status();
    let stopped = server.child.wait().expect("wait for zhixing serve");
    let mut errors: Vec<String> = Vec::new();
    if !stopped.success() {
        errors.push(format!("zhixing serve exited with {stopped}"));
    }
    let out = Command::new(EXE)
        .args(["export", "--session", SESSION, "--format", "jsonl", "--store"])
        .arg(&server.store)
        .env_remove("ZHIXING_STORE")
        .output()
        .expect("zhixing export");
    if !out.status.success() {
        errors.push(format!("zhixing export: {}", String::from_utf8_lossy(&out.stderr)));
    }
    let mut stored: HashMap<String, Value> = HashMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines().filter(|l| !l.trim().is_empty()) {
        match serde_json::from_str::<Value>(line) {
            Ok(r) => {
                let name = r["subject"]["name"].as_str().unwrap_or_default().to_string();
                if stored.insert(name.clone(), r).is_some() {
                    errors.push(format!("two results of {name}"));
                }
            }
            Err(e) => errors.push(format!("export: a line that is not JSON: {e}")),
        }
    }
    let (mut acked, mut lost, mut draft_short) = (0, 0, 0);
    let mut times: HashMap<Kind, Vec<Duration>> = HashMap::new();
    for (n, s) in seen.iter().enumerate() {
        acked += s.acked.len();
        let answers = stored.get(&subject(n)).and_then(|r| r["answers"].as_object());
        for (id, v) in &s.acked {
            let kept = answers.and_then(|a| a.get(id)).is_some_and(|got| match v {
                Some(x) => got.as_i64() == Some(*x),
                None => got.is_null(),
            });
            if !kept {
                lost += 1;
            }
        }
        if s.submitted && !s.draft_ok {
            draft_short += 1;
        }
        for (k, t) in &s.times {
            times.entry(*k).or_default().extend(t);
        }
        errors.extend(s.errors.iter().cloned());
    }
    if errors.is_empty() {
        drop(dir);
    } else {
        // Keep the server's log and store to look at.
        let kept = dir.keep();
        eprintln!("serve_load: errors; the store and the server's log are kept in {}", kept.display());
    }
    Run {
        mode,
        participants,
        wall,
        times,
        errors,
        acked,
        lost,
        draft_short,
        results: stored.len(),
        server: server_usage,
        client_cpu,
        html: seen.first().and_then(|s| s.html),
        load,
    }
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    // Nearest rank.
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> String {
    let m = d.as_secs_f64() * 1000.0;
    if m < 10.0 {
        format!("{m:.2} ms")
    } else if m < 100.0 {
        format!("{m:.1} ms")
    } else {
        format!("{m:.0} ms")
    }
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let kernel =
        std::fs::read_to_string("/proc/sys/kernel/osrelease").map(|s| s.trim().to_string()).unwrap_or_default();
    let commit = Command::new("git")
        .args(["-C", env!("CARGO_MANIFEST_DIR"), "describe", "--always", "--dirty"])
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_string())
        .unwrap_or_default();
    format!("{cpus} CPUs ({cpu}), Linux {kernel}; zhixing at {commit}")
}

fn table(runs: &[Run], pace: (f64, f64)) -> String {
    let mut t = String::new();
    t.push_str(&format!(
        "`zhixing serve`, release build, on {}: a {ITEMS}-item rubric (benches/load-60.toml), every participant \
         joining at once; human pace = {}–{} s before each answer and the submit.\n\n",
        machine(),
        pace.0,
        pace.1
    ));
    t.push_str(
        "| mode | participants | request | n | p50 | p90 | p99 | max |\n|---|---:|---|---:|---:|---:|---:|---:|\n",
    );
    for r in runs {
        for k in Kind::ALL {
            let mut v = r.times.get(&k).cloned().unwrap_or_default();
            v.sort();
            t.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} | {} | {} |\n",
                r.mode.name(),
                r.participants,
                k.label(),
                v.len(),
                ms(pct(&v, 50.0)),
                ms(pct(&v, 90.0)),
                ms(pct(&v, 99.0)),
                ms(v.last().copied().unwrap_or_default())
            ));
        }
    }
    t.push_str(
        "\n| mode | participants | wall | answers/s | errors | answers lost | results stored | server CPU | server peak RSS | load generator CPU | load average before |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for r in runs {
        let answers = r.times.get(&Kind::Answer).map_or(0, Vec::len);
        let (cpu, rss) =
            r.server.map_or(("?".into(), "?".into()), |(c, m)| (format!("{c:.1} s"), format!("{m:.0} MiB")));
        t.push_str(&format!(
            "| {} | {} | {:.1} s | {:.0} | {} | {} of {} | {} | {} | {} | {} | {} |\n",
            r.mode.name(),
            r.participants,
            r.wall.as_secs_f64(),
            answers as f64 / r.wall.as_secs_f64(),
            r.errors.len(),
            r.lost + r.draft_short,
            r.acked,
            r.results,
            cpu,
            rss,
            r.client_cpu.map_or("?".into(), |c| format!("{c:.1} s")),
            r.load.map_or("?".into(), |l| format!("{l:.2}")),
        ));
    }
    match runs.first().and_then(|r| r.html) {
        Some(200) => {
            t.push_str("\nHTML pages: each statement's screen and the participant's own report are measured above.\n")
        }
        Some(s) => t.push_str(&format!("\nHTML pages (`GET /p/TOKEN`): answered {s}.\n")),
        None => t.push_str("\nHTML pages (`GET /p/TOKEN`): no answer, so not measured.\n"),
    }
    t
}

fn main() {
    let Some(args) = parse_args() else {
        println!(
            "serve_load is a benchmark: run it with `cargo bench --bench serve_load` or `benches/run.sh --only serve`."
        );
        return;
    };
    let items = std::fs::read_to_string(RUBRIC).map_or(0, |t| t.matches("[[sections.dimensions.items]]").count());
    assert_eq!(items, ITEMS, "{RUBRIC} should hold {ITEMS} items");
    let runs: Vec<Run> = args.modes.iter().map(|&m| run(m, args.participants, args.pace)).collect();
    let text = table(&runs, args.pace);
    print!("{text}");
    if let Some(out) = &args.out {
        std::fs::write(out, &text).expect("write --out");
    }
    let mut failed = false;
    for r in &runs {
        for e in r.errors.iter().take(20) {
            eprintln!("serve_load: {}: {e}", r.mode.name());
        }
        if !r.errors.is_empty() || r.lost > 0 || r.draft_short > 0 || r.results != r.participants {
            failed = true;
        }
    }
    if failed {
        eprintln!("serve_load: errors or lost answers (see above)");
        std::process::exit(1);
    }
}

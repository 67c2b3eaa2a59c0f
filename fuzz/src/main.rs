//! A bounded fuzzer of zhixing's readers on the stable toolchain (see
//! README.md): it mutates seed inputs with a simple deterministic mutator
//! for a given time, runs the library's readers in process
//! ([`targets::run`]), and keeps every input that panics, breaks a rule of
//! what is printed, hangs or kills the process in `fuzz/regressions/<target>/`,
//! where a normal test replays it.
//!
//! `zhixing-fuzz TARGET [--seconds N] [--seed N]`; `fuzz/run` runs them all.

mod targets;

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The longest an input may take before it counts as a hang.
const HANG: Duration = Duration::from_secs(20);
/// Inputs kept to mutate further, and the largest kept (larger ones are
/// run, not kept: they would slow every run after).
const CORPUS: usize = 2000;
const KEPT: usize = 64 << 10;

/// A splitmix64 generator: the same seed, the same run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
}

/// Words worth putting into inputs: the formats' syntax, the rubric's and
/// the answers' keys, numbers at the edges, characters a terminal must not get.
const WORDS: &[&str] = &[
    "\"", "'", "{", "}", "[", "]", "[[", "]]", ",", ":", "=", "\n", "\r\n", "\r", "\t", " ", "\\", "\\u", "\\u0000",
    "\\u001b", "\\ud800", "\u{1b}]0;x\u{7}", "\u{202e}", "\u{9b}", "\u{feff}", "\u{0}", "null", "true", "false",
    "-", "0", "1", "5", "-1", "1e308", "-1e308", "inf", "nan", "1.5", "9223372036854775807", "-9223372036854775808",
    "18446744073709551616", "format = 1", "id = \"x\"", "weight = ", "target = ", "min = ", "max = ", "labels = ",
    "[scale]", "[[sections]]", "[[sections.dimensions]]", "[[sections.dimensions.items]]", "[profiles.x]",
    "languages = [\"zh\", \"en\"]", "anchors = ", "reverse = true", "allow_skip = false", "\"subject\"", "\"name\"",
    "\"answers\"", "\"rater\"", "\"role\"", "\"session\"", "\"taken_at\"", "\"department\"", "\"rubric\"",
    "learning.passive", "learning.routine", "[subject]", "[rater]", "[answers]", "skip", "不适用", "姓名", "部门",
    "角色", "评价人", "场次", "时间", "同事", "上级", "较符合", "2026-11-28T09:30:00+08:00", "2026/11/28 9:30",
    "<row r=\"1048576\">", "<c r=\"XFD1048576\">", "<c r=\"A1\" t=\"s\">", "<v>0</v>", "<v>4294967295</v>",
    "t=\"inlineStr\"", "<is><t>", "</t></is>", "</c>", "</row>", "<dimension ref=\"A1:XFD1048576\"/>",
    "uniqueCount=\"4000000000\"", "<si><t>", "</t></si>", "table:number-columns-repeated=\"16384\"",
    "table:number-rows-repeated=\"1048576\"", "office:value-type=\"float\" office:value=\"1\"", "&amp;", "&#0;",
    "&#x1b;", "<![CDATA[", "]]>", "<!--", "-->",
];

/// One input changed in one to four ways.
fn mutate(rng: &mut Rng, input: &[u8], corpus: &[Vec<u8>], max: usize) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(11) {
            0 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] ^= 1 << rng.below(8);
            }
            1 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] = [0x00, 0xFF, 0x7F, 0x80, 0xC0, 0xE4, b'0', b'9', b'"', b'\n'][rng.below(10)];
            }
            2 => {
                let bytes: Vec<u8> = (0..1 + rng.below(8)).map(|_| rng.next() as u8).collect();
                out.splice(at..at, bytes);
            }
            3 if !out.is_empty() => {
                let end = (at + 1 + rng.below(32)).min(out.len());
                out.drain(at.min(end)..end);
            }
            4 if !out.is_empty() => {
                let from = rng.below(out.len());
                let chunk: Vec<u8> = out[from..(from + 1 + rng.below(64)).min(out.len())].to_vec();
                out.splice(at..at, chunk);
            }
            5 | 6 => {
                let w = WORDS[rng.below(WORDS.len())].as_bytes().to_vec();
                out.splice(at..at, w);
            }
            7 if !out.is_empty() => {
                let end = (at + rng.below(16)).min(out.len());
                let w = WORDS[rng.below(WORDS.len())].as_bytes().to_vec();
                out.splice(at.min(end)..end, w);
            }
            8 if !corpus.is_empty() => {
                let other = &corpus[rng.below(corpus.len())];
                if !other.is_empty() {
                    let from = rng.below(other.len());
                    let chunk = other[from..(from + 1 + rng.below(256)).min(other.len())].to_vec();
                    out.splice(at..at, chunk);
                }
            }
            9 if !out.is_empty() => {
                // A piece many times over: sizes, counts and time.
                let from = rng.below(out.len());
                let chunk: Vec<u8> = out[from..(from + 1 + rng.below(32)).min(out.len())].to_vec();
                let times = [10, 100, 1000, 10_000][rng.below(4)];
                let many: Vec<u8> = chunk.iter().copied().cycle().take(chunk.len() * times).collect();
                out.splice(at..at, many);
            }
            _ => {
                // A line (or a cell) repeated, or cut.
                if let Some(nl) = out[at.min(out.len())..].iter().position(|b| *b == b'\n') {
                    let end = at + nl + 1;
                    let line = out[at..end].to_vec();
                    out.splice(end..end, line);
                }
            }
        }
        out.truncate(max);
    }
    out
}

/// A workbook to mutate: its zip parts (mutated as text, zipped again), or
/// the bytes of a file (an .xls, or a zip mutated as it is).
#[derive(Clone)]
enum Book {
    Parts(Vec<(String, Vec<u8>)>),
    Raw(Vec<u8>),
}

fn zip_parts(parts: &[(String, Vec<u8>)], deflate: bool) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let method = if deflate { zip::CompressionMethod::Deflated } else { zip::CompressionMethod::Stored };
    let opts = zip::write::SimpleFileOptions::default().compression_method(method);
    for (name, data) in parts {
        if w.start_file(name.as_str(), opts).is_err() || w.write_all(data).is_err() {
            break;
        }
    }
    w.finish().map(|c| c.into_inner()).unwrap_or_default()
}

/// The seeds of a target: the files in `fuzz/seeds/<target>/` (for the
/// workbook target, a folder is the parts of one zip), and the rubrics.
fn seeds(root: &Path, target: &str) -> (Vec<Vec<u8>>, Vec<Book>) {
    let mut files = Vec::new();
    let mut books = Vec::new();
    let dir = root.join("seeds").join(target);
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir).into_iter().flatten().flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            let mut parts = Vec::new();
            collect_parts(&p, &p, &mut parts);
            parts.sort();
            books.push(Book::Parts(parts));
        } else if let Ok(bytes) = std::fs::read(&p) {
            books.push(Book::Raw(bytes.clone()));
            files.push(bytes);
        }
    }
    if target == "rubric" {
        for name in ["core.toml", "office.toml"] {
            if let Ok(b) = std::fs::read(root.join("../rubrics").join(name)) {
                files.push(b);
            }
        }
    }
    if files.is_empty() && books.is_empty() {
        files.push(Vec::new());
    }
    (files, books)
}

fn collect_parts(base: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            collect_parts(base, &p, out);
        } else if let (Ok(rel), Ok(bytes)) = (p.strip_prefix(base), std::fs::read(&p)) {
            out.push((rel.to_string_lossy().replace('\\', "/"), bytes));
        }
    }
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// Keep an input that broke something, once for each place it broke.
fn keep(dir: &Path, what: &str, input: &[u8]) -> PathBuf {
    let _ = std::fs::create_dir_all(dir);
    let path = dir.join(format!("{what}-{:016x}", hash(input)));
    let _ = std::fs::write(&path, input);
    path
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(target) = args.first().cloned().filter(|t| targets::TARGETS.contains(&t.as_str())) else {
        eprintln!("usage: zhixing-fuzz TARGET [--seconds N] [--seed N]; targets: {}", targets::TARGETS.join(", "));
        std::process::exit(2);
    };
    let value = |flag: &str, default: u64| {
        args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(default)
    };
    let seconds = value("--seconds", 60);
    let mut rng = Rng(value("--seed", 1));
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let found = root.join("regressions").join(&target);

    // The input the last run was on when it died (an abort, or the memory
    // limit): kept first.
    let last = root.join("target").join(format!("last-{target}"));
    if let Ok(input) = std::fs::read(&last) {
        let p = keep(&found, "crash", &input);
        eprintln!("{target}: the last run died on an input, kept as {}", p.display());
        let _ = std::fs::remove_file(&last);
    }

    // A panic's place and message, for the report; nothing on the terminal.
    let panic_at: Arc<Mutex<String>> = Arc::new(Mutex::new(String::new()));
    let seen = Arc::clone(&panic_at);
    std::panic::set_hook(Box::new(move |info| {
        let place = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        let msg = info.payload().downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| info.payload().downcast_ref::<String>().cloned()).unwrap_or_default();
        *seen.lock().unwrap() = format!("{place}: {msg}");
    }));

    // A watchdog: an input that takes too long is kept as a hang.
    let started = Arc::new(AtomicU64::new(u64::MAX));
    let current: Arc<Mutex<Vec<u8>>> = Arc::new(Mutex::new(Vec::new()));
    let epoch = Instant::now();
    {
        let (started, current, found, target, last) =
            (Arc::clone(&started), Arc::clone(&current), found.clone(), target.clone(), last.clone());
        std::thread::spawn(move || loop {
            std::thread::sleep(Duration::from_secs(1));
            let at = started.load(Ordering::Relaxed);
            if at != u64::MAX && epoch.elapsed().as_millis() as u64 > at + HANG.as_millis() as u64 {
                let input = current.lock().unwrap().clone();
                let p = keep(&found, "hang", &input);
                eprintln!("{target}: an input ran over {}s, kept as {}", HANG.as_secs(), p.display());
                let _ = std::fs::remove_file(&last);
                std::process::exit(3);
            }
        });
    }

    let (mut corpus, books) = seeds(&root, &target);
    let mut book_corpus = books.clone();
    let workbook = target == "workbook";
    let max = if workbook { 1 << 20 } else { 256 << 10 };
    let mut kinds: HashSet<u64> = HashSet::new();
    let mut broke: HashSet<String> = HashSet::new();
    let (mut runs, mut kept_new) = (0u64, 0usize);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let _ = std::fs::create_dir_all(root.join("target"));
    while Instant::now() < deadline {
        let (input, book) = if workbook && !book_corpus.is_empty() {
            let base = book_corpus[rng.below(book_corpus.len())].clone();
            let book = match base {
                Book::Parts(mut parts) if rng.below(8) != 0 => {
                    let k = rng.below(parts.len());
                    parts[k].1 = mutate(&mut rng, &parts[k].1, &corpus, max);
                    Book::Parts(parts)
                }
                Book::Parts(parts) => Book::Raw(mutate(&mut rng, &zip_parts(&parts, true), &corpus, max)),
                Book::Raw(bytes) => Book::Raw(mutate(&mut rng, &bytes, &corpus, max)),
            };
            let bytes = match &book {
                Book::Parts(parts) => zip_parts(parts, rng.below(4) == 0),
                Book::Raw(b) => b.clone(),
            };
            (bytes, Some(book))
        } else {
            let base = corpus[rng.below(corpus.len())].clone();
            (mutate(&mut rng, &base, &corpus, max), None)
        };
        let _ = std::fs::write(&last, &input);
        *current.lock().unwrap() = input.clone();
        started.store(epoch.elapsed().as_millis() as u64, Ordering::Relaxed);
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| targets::run(&target, &input)));
        started.store(u64::MAX, Ordering::Relaxed);
        runs += 1;
        match outcome {
            Ok(Ok(k)) => {
                let mut sorted = k;
                sorted.sort();
                sorted.dedup();
                if input.len() <= KEPT && kinds.insert(hash(sorted.join("|").as_bytes())) {
                    kept_new += 1;
                    match book {
                        Some(b) if book_corpus.len() < CORPUS => book_corpus.push(b),
                        _ if corpus.len() < CORPUS => corpus.push(input),
                        _ => {}
                    }
                }
            }
            Ok(Err(rule)) => {
                if broke.insert(rule.clone()) {
                    let p = keep(&found, "unclean", &input);
                    eprintln!("{target}: {rule}; kept as {}", p.display());
                }
            }
            Err(_) => {
                let at = panic_at.lock().unwrap().clone();
                if broke.insert(at.clone()) {
                    let p = keep(&found, "panic", &input);
                    eprintln!("{target}: panic at {at}; kept as {}", p.display());
                }
            }
        }
    }
    let _ = std::fs::remove_file(&last);
    println!("{target}: {runs} runs in {seconds}s, {kept_new} kinds of outcome, {} things broken", broke.len());
    if !broke.is_empty() {
        std::process::exit(1);
    }
}

//! `zhixing serve` (SPEC §16): the questionnaire for a room, served over
//! the office network from the trainer's machine.
//!
//! - `state`: the session's capability keys and participants, kept in the
//!   store so that a restart continues with the same links;
//! - `api`: the JSON API, as plain functions run off the async threads;
//! - `security`: headers, body limit, the `X-Zhixing` mark, rate limit;
//! - `tls`: HTTPS with `--tls-cert`/`--tls-key` (rustls);
//! - `pages`: the participant's and the trainer's HTML pages, routes beside
//!   the API's using the same [`api::App`];
//! - `roster`: `--roster`'s CSV.

pub mod api;
pub mod pages;
pub mod roster;
pub mod security;
pub mod state;
pub mod tls;

use std::io::IsTerminal;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::error::{Error, Localized, Result};
use crate::i18n;
use crate::lang::Lang;
use crate::rubric::Loaded;
use crate::score;
use crate::store::Store;

/// What `serve` was asked for.
#[derive(Clone, Debug)]
pub struct Config {
    pub session: String,
    pub listen: SocketAddr,
    pub lang: Lang,
    pub min_group: usize,
    pub show_report: bool,
    pub urls_file: Option<PathBuf>,
    pub join_limit: usize,
    /// Whether `--lang` (or the environment) chose the language; else each
    /// browser's own.
    pub lang_fixed: bool,
    /// `--roster`: the people that can be chosen (name, department).
    pub roster: Vec<(String, Option<String>)>,
    /// `--norms`, applied to every result submitted.
    pub norms: Option<crate::norms::NormsDoc>,
    /// HTTPS: the certificate and key read by [`tls::load`].
    pub tls: Option<Arc<rustls::ServerConfig>>,
}

/// Why serving could not start.
#[derive(Debug)]
enum Problem {
    Listen { addr: String, why: String },
    UrlsFile { path: String, why: String },
    BadState { session: String, why: String },
    OtherRubric { session: String, kept: String, given: String },
}

impl Localized for Problem {
    fn message(&self, lang: Lang) -> String {
        let m = i18n::msg(lang);
        match self {
            Problem::Listen { addr, why } => m.serve_cannot_listen(addr, why),
            Problem::UrlsFile { path, why } => m.serve_cannot_write_urls(path, why),
            Problem::BadState { session, why } => m.serve_bad_state(session, why),
            Problem::OtherRubric { session, kept, given } => m.serve_other_rubric(session, kept, given),
        }
    }
}

fn problem(bad_input: bool, p: Problem) -> Error {
    Error::Other { bad_input, error: Box::new(p) }
}

/// Serve until Ctrl-C (or SIGTERM): requests in flight finish first.
pub fn run(config: Config, store: Box<dyn Store>, loaded: Loaded, opts: score::Options) -> Result<()> {
    let kept = match api::kept(store.as_ref(), &config.session, &loaded) {
        Ok(k) => k,
        Err(api::KeptProblem::Store(e)) => {
            return Err(Error::Other { bad_input: e.is_bad_input(), error: Box::new(e) });
        }
        Err(api::KeptProblem::Bad(why)) => {
            return Err(problem(true, Problem::BadState { session: config.session.clone(), why }));
        }
        Err(api::KeptProblem::OtherRubric(kept)) => {
            let given = format!("{} {}", loaded.rubric.id, loaded.rubric.version);
            return Err(problem(true, Problem::OtherRubric { session: config.session.clone(), kept, given }));
        }
    };
    let drafts =
        api::drafts_of(store.as_ref(), &kept).map_err(|e| Error::Other { bad_input: false, error: Box::new(e) })?;
    let mut session = state::Session::new(kept);
    for p in &mut session.kept.participants {
        p.answered = drafts.get(&p.draft_id).map_or(p.answered, |d| d.answers.len());
    }
    let (key, secret) = (session.kept.key.clone(), session.kept.secret.clone());
    let counts = Arc::new(Mutex::new(session.counts()));
    let listener = std::net::TcpListener::bind(config.listen)
        .and_then(|l| l.set_nonblocking(true).map(|()| l))
        .map_err(|e| problem(true, Problem::Listen { addr: config.listen.to_string(), why: e.to_string() }))?;
    let local = listener
        .local_addr()
        .map_err(|e| problem(false, Problem::Listen { addr: config.listen.to_string(), why: e.to_string() }))?;

    let lang = config.lang;
    let m = i18n::msg(lang);
    let scheme = if config.tls.is_some() { "https" } else { "http" };
    let joins: Vec<String> =
        addresses(local.ip()).iter().map(|ip| format!("{}/j/{key}", base(scheme, *ip, local.port()))).collect();
    let trainer = format!("{}/t/{secret}", base(scheme, trainer_ip(local.ip()), local.port()));
    if let Some(path) = &config.urls_file {
        let text = serde_json::json!({ "join": joins.first(), "trainer": trainer }).to_string();
        crate::output::write_atomic(path, |w| Ok(w.write_all(text.as_bytes())?)).map_err(|e| {
            problem(true, Problem::UrlsFile { path: path.display().to_string(), why: i18n::msg(lang).error(&e) })
        })?;
    }
    let mut said = vec![m.serve_join_heading().to_string()];
    said.extend(joins.iter().map(|j| format!("  {j}")));
    if let Some(first) = joins.first()
        && let Some(qr) = qr(first)
    {
        said.push(m.serve_qr_heading().to_string());
        said.push(qr);
    }
    said.push(m.serve_trainer_link(&trainer));
    said.push(m.serve_how_to_stop().to_string());
    crate::output::note(&said.join("\n"));

    let live = Arc::clone(&counts);
    let app = Arc::new(api::App {
        session_name: config.session.clone(),
        lang,
        min_group: config.min_group,
        show_report: config.show_report,
        items: api::items(&loaded, &opts.lang),
        items_other: {
            let other = if lang == Lang::Zh { Lang::En } else { Lang::Zh };
            let text_lang = loaded.rubric.result_lang(other.code());
            if text_lang == opts.lang { Vec::new() } else { api::items(&loaded, &text_lang) }
        },
        lang_fixed: config.lang_fixed,
        roster: config.roster.clone(),
        norms: config.norms.clone(),
        joins: joins.clone(),
        https: config.tls.is_some(),
        loaded,
        opts,
        inner: Mutex::new(api::Inner { session, drafts }),
        store: Mutex::new(store),
        limiter: Mutex::new(security::Limiter::new(config.join_limit)),
        on_change: Box::new(move |c| {
            if let Ok(mut g) = live.lock() {
                *g = c;
            }
        }),
    });

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| problem(false, Problem::Listen { addr: local.to_string(), why: e.to_string() }))?;
    let tls_config = config.tls.clone();
    let served = runtime.block_on(async move {
        if let Some(tls_config) = tls_config {
            tokio::spawn(live_line(counts, lang));
            let service = api::router(app, pages::routes()).into_make_service_with_connect_info::<SocketAddr>();
            return tls::serve(listener, tls_config, service).await;
        }
        let listener = tokio::net::TcpListener::from_std(listener)?;
        tokio::spawn(live_line(counts, lang));
        axum::serve(listener, api::router(app, pages::routes()).into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(stop())
            .await
    });
    served.map_err(|e| problem(false, Problem::Listen { addr: local.to_string(), why: e.to_string() }))?;
    crate::output::note(m.serve_stopped(&config.session).as_str());
    Ok(())
}

use std::io::Write as _;

/// Ctrl-C, or SIGTERM on Unix.
async fn stop() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// The live line on the trainer's terminal: rewritten in place on a
/// terminal, a new line at each change otherwise.
async fn live_line(counts: Arc<Mutex<state::Counts>>, lang: Lang) {
    let terminal = std::io::stderr().is_terminal();
    let mut shown = None;
    loop {
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        let now = counts.lock().map(|c| *c).ok();
        if now != shown
            && let Some(c) = now
        {
            let line = i18n::msg(lang).serve_live(c.joined, c.answering, c.finished);
            let mut err = std::io::stderr().lock();
            let _ = if terminal { write!(err, "\r\x1b[2K{line}") } else { writeln!(err, "{line}") };
            let _ = err.flush();
            shown = now;
        }
    }
}

/// `http://ADDRESS:PORT` (or `https://`), with an IPv6 address in brackets.
fn base(scheme: &str, ip: IpAddr, port: u16) -> String {
    match ip {
        IpAddr::V4(v4) => format!("{scheme}://{v4}:{port}"),
        IpAddr::V6(v6) => format!("{scheme}://[{v6}]:{port}"),
    }
}

/// The address the trainer opens their own page on.
fn trainer_ip(bound: IpAddr) -> IpAddr {
    if bound.is_unspecified() { IpAddr::V4(Ipv4Addr::LOCALHOST) } else { bound }
}

/// The addresses the join link can be opened on: the one bound, or, bound
/// to every address, each of the machine's (the office network's first,
/// the loopback last).
fn addresses(bound: IpAddr) -> Vec<IpAddr> {
    if !bound.is_unspecified() {
        return vec![bound];
    }
    let mut all = machine_addresses(bound.is_ipv6());
    all.sort_by_key(|ip| (ip.is_loopback(), ip.is_ipv6()));
    all.dedup();
    if all.is_empty() {
        all.push(IpAddr::V4(Ipv4Addr::LOCALHOST));
    }
    all
}

#[cfg(unix)]
fn machine_addresses(v6: bool) -> Vec<IpAddr> {
    let Ok(ifs) = nix::ifaddrs::getifaddrs() else { return Vec::new() };
    ifs.filter_map(|i| i.address)
        .filter_map(|a| {
            if let Some(v4) = a.as_sockaddr_in() {
                Some(IpAddr::V4(v4.ip()))
            } else {
                a.as_sockaddr_in6().map(|x| IpAddr::V6(x.ip())).filter(|ip| v6 && !is_link_local(ip))
            }
        })
        .collect()
}

#[cfg(not(unix))]
fn machine_addresses(_v6: bool) -> Vec<IpAddr> {
    Vec::new()
}

fn is_link_local(ip: &IpAddr) -> bool {
    match ip {
        IpAddr::V6(v6) => (v6.segments()[0] & 0xffc0) == 0xfe80,
        IpAddr::V4(v4) => v4.is_link_local(),
    }
}

/// The QR code of `url` in Unicode half blocks, error correction M, with
/// its quiet zone.
fn qr(url: &str) -> Option<String> {
    let code = qrcode::QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::M).ok()?;
    Some(
        code.render::<qrcode::render::unicode::Dense1x2>()
            .dark_color(qrcode::render::unicode::Dense1x2::Light)
            .light_color(qrcode::render::unicode::Dense1x2::Dark)
            .quiet_zone(true)
            .build(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_name_the_address_bound_or_the_loopback_for_the_trainer() {
        let ip: IpAddr = "192.168.1.23".parse().unwrap();
        assert_eq!(addresses(ip), vec![ip]);
        assert_eq!(base("http", ip, 8080), "http://192.168.1.23:8080");
        assert_eq!(base("https", ip, 8443), "https://192.168.1.23:8443");
        assert_eq!(base("http", "::1".parse().unwrap(), 80), "http://[::1]:80");
        assert_eq!(trainer_ip("0.0.0.0".parse().unwrap()), IpAddr::V4(Ipv4Addr::LOCALHOST));
        let all = addresses("0.0.0.0".parse().unwrap());
        assert!(!all.is_empty());
        // The loopback, where present, comes last.
        if let Some(k) = all.iter().position(IpAddr::is_loopback) {
            assert!(all[k..].iter().all(IpAddr::is_loopback), "{all:?}");
        }
    }

    #[test]
    fn the_qr_code_is_drawn_in_half_blocks_with_a_quiet_zone() {
        let q = qr("http://192.168.1.23:8080/j/0123456789abcdef").unwrap();
        let lines: Vec<&str> = q.lines().collect();
        // The digits go in numeric mode, so 43 characters fit version 3 at level M:
        // 29 modules + 2 × 4 quiet = 37 columns, and 37 rows in 19 lines of two.
        assert_eq!(lines[0].chars().count(), 37);
        assert_eq!(lines.len(), 19);
        assert!(q.chars().all(|c| matches!(c, ' ' | '▀' | '▄' | '█' | '\n')));
    }

    /// What a phone sees on a dark terminal (light glyphs on black) is a QR
    /// code that decodes back to the link: read the half blocks as pixels,
    /// a glyph's ink light, its absence dark, and decode them with rqrr.
    #[test]
    fn the_qr_code_decodes_back_to_the_link_on_a_dark_terminal() {
        let url = "http://192.168.1.23:8080/j/a14cf806e2ec9615";
        let q = qr(url).unwrap();
        let rows: Vec<Vec<char>> = q.lines().map(|l| l.chars().collect()).collect();
        let width = rows[0].len();
        // Each character is two modules, one above the other; 4 pixels a module.
        const PX: usize = 4;
        let ink = |x: usize, y: usize| -> bool {
            let c = rows.get(y / 2).and_then(|r| r.get(x)).copied().unwrap_or(' ');
            match c {
                '█' => true,
                '▀' => y.is_multiple_of(2),
                '▄' => !y.is_multiple_of(2),
                _ => false,
            }
        };
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(width * PX, rows.len() * 2 * PX, |x, y| {
            if ink(x / PX, y / PX) { 255 } else { 0 }
        });
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1, "one QR code found");
        let (_, content) = grids[0].decode().expect("it decodes");
        assert_eq!(content, url);
    }
}

//! What keeps the server safe on a shared network (SPEC §16): the security
//! headers on every response, the 64 KiB body limit, the `X-Zhixing` header
//! on every request that changes something, and the per-address rate limit
//! of joins and resume attempts.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{HeaderValue, Method, Request, header};

/// The largest request body taken, in bytes.
pub const BODY_LIMIT: usize = 64 * 1024;

/// The window of the rate limit.
pub const WINDOW: Duration = Duration::from_secs(60);

/// The header every request that changes something carries: a page of
/// another site cannot set it on a cross-site form post.
pub const MARK: &str = "x-zhixing";

/// The security headers, on every response (routes, fallbacks and the
/// refusals of the layers alike). Everything the server answers is personal
/// or the trainer's, so none of it is cached, but for the pages' style sheet
/// and script, which say so themselves; a report page, whose style sheet is
/// inline, sets its own policy (still `default-src 'self'`, no inline script).
pub fn headers(h: &mut axum::http::HeaderMap) {
    let set = |h: &mut axum::http::HeaderMap, name: header::HeaderName, value: &'static str| {
        if !h.contains_key(&name) {
            h.insert(name, HeaderValue::from_static(value));
        }
    };
    set(h, header::CONTENT_SECURITY_POLICY, "default-src 'self'; frame-ancestors 'none'; form-action 'self'");
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::REFERRER_POLICY, "no-referrer");
    set(h, header::X_FRAME_OPTIONS, "DENY");
    set(h, header::CACHE_CONTROL, "no-store");
}

/// Whether a request must carry `X-Zhixing: 1`: every API request but a GET.
pub fn needs_mark(method: &Method, path: &str) -> bool {
    path.starts_with("/api/") && !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Whether the request carries the mark.
pub fn has_mark(req: &Request<Body>) -> bool {
    req.headers().get(MARK).is_some_and(|v| v.as_bytes() == b"1")
}

/// Attempts per address within [`WINDOW`]: at most `limit`.
#[derive(Debug)]
pub struct Limiter {
    limit: usize,
    seen: HashMap<IpAddr, VecDeque<Instant>>,
}

impl Limiter {
    pub fn new(limit: usize) -> Limiter {
        Limiter { limit, seen: HashMap::new() }
    }

    /// Count an attempt from `ip` at `now`: Ok, or the whole seconds until
    /// the next one is taken (at least 1), for `Retry-After`.
    pub fn attempt(&mut self, ip: IpAddr, now: Instant) -> Result<(), u64> {
        if self.seen.len() > 10_000 {
            self.seen.retain(|_, q| q.back().is_some_and(|t| now.duration_since(*t) < WINDOW));
        }
        let q = self.seen.entry(ip).or_default();
        while q.front().is_some_and(|t| now.duration_since(*t) >= WINDOW) {
            q.pop_front();
        }
        if q.len() >= self.limit {
            let oldest = q.front().copied().unwrap_or(now);
            let wait = WINDOW.saturating_sub(now.duration_since(oldest));
            return Err(wait.as_secs_f64().ceil().max(1.0) as u64);
        }
        q.push_back(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_counts_per_address_within_a_minute() {
        let mut l = Limiter::new(3);
        let a: IpAddr = "192.168.1.5".parse().unwrap();
        let b: IpAddr = "192.168.1.6".parse().unwrap();
        let t0 = Instant::now();
        for s in [0, 10, 20] {
            assert_eq!(l.attempt(a, t0 + Duration::from_secs(s)), Ok(()));
        }
        // The fourth at 30 s waits until the first is a minute old: 60 − 30 = 30 s.
        assert_eq!(l.attempt(a, t0 + Duration::from_secs(30)), Err(30));
        // Another address is not held back.
        assert_eq!(l.attempt(b, t0 + Duration::from_secs(30)), Ok(()));
        // At 60 s the first has left the window.
        assert_eq!(l.attempt(a, t0 + Duration::from_secs(60)), Ok(()));
        // At 65.5 s the oldest (10 s) leaves in 60 − 55.5 = 4.5 s: rounded up to 5.
        assert_eq!(l.attempt(a, t0 + Duration::from_millis(65_500)), Err(5));
    }

    #[test]
    fn only_changing_api_requests_need_the_mark() {
        assert!(needs_mark(&Method::POST, "/api/j/k/start"));
        assert!(needs_mark(&Method::PUT, "/api/p/t/answers/x"));
        assert!(!needs_mark(&Method::GET, "/api/p/t"));
        assert!(!needs_mark(&Method::POST, "/j/k"));
    }
}

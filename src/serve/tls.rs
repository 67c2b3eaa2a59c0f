//! HTTPS for `serve` (`--tls-cert F --tls-key F`): the certificate and key
//! read and checked before anything listens, then the same router served
//! over rustls, with ring as its crypto provider.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use axum_server::tls_rustls::RustlsConfig;
use rustls::ServerConfig;
use rustls::pki_types::pem::{self, PemObject};
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

use crate::error::{Error, Localized};
use crate::i18n;
use crate::lang::Lang;
use crate::settings::Tls;

/// Why the certificate or its key cannot be used.
#[derive(Debug)]
enum Problem {
    Unreadable { flag: &'static str, path: String, why: std::io::Error },
    BadPem { flag: &'static str, path: String },
    NoCert { path: String },
    NoKey { path: String },
    Mismatch { cert: String, key: String },
    Rejected { cert: String, key: String, why: String },
}

impl Localized for Problem {
    fn message(&self, lang: Lang) -> String {
        let m = i18n::msg(lang);
        match self {
            Problem::Unreadable { flag, path, why } => m.serve_tls_unreadable(flag, path, &m.io_cause(why)),
            Problem::BadPem { flag, path } => m.serve_tls_bad_pem(flag, path),
            Problem::NoCert { path } => m.serve_tls_no_cert(path),
            Problem::NoKey { path } => m.serve_tls_no_key(path),
            Problem::Mismatch { cert, key } => m.serve_tls_mismatch(cert, key),
            Problem::Rejected { cert, key, why } => m.serve_tls_rejected(cert, key, why),
        }
    }
}

/// Bad input (exit 2): the files are the user's.
fn bad(p: Problem) -> Error {
    Error::Other { bad_input: true, error: Box::new(p) }
}

/// The rustls configuration of `--tls-cert` and `--tls-key`: every
/// certificate of the first file (the server's own first, then the
/// chain), the first private key of the second.
pub fn load(tls: &Tls) -> Result<Arc<ServerConfig>, Error> {
    let read = |flag: &'static str, path: &Path| {
        std::fs::read(path).map_err(|why| bad(Problem::Unreadable { flag, path: path.display().to_string(), why }))
    };
    let (cert_path, key_path) = (tls.cert.display().to_string(), tls.key.display().to_string());
    let bad_pem = |flag, path: &str| bad(Problem::BadPem { flag, path: path.to_string() });

    let certs = CertificateDer::pem_slice_iter(&read("--tls-cert", &tls.cert)?)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| bad_pem("--tls-cert", &cert_path))?;
    if certs.is_empty() {
        return Err(bad(Problem::NoCert { path: cert_path }));
    }
    let key = PrivateKeyDer::from_pem_slice(&read("--tls-key", &tls.key)?).map_err(|e| match e {
        pem::Error::NoItemsFound => bad(Problem::NoKey { path: key_path.clone() }),
        _ => bad_pem("--tls-key", &key_path),
    })?;

    // The provider named, not a process-wide default: nothing depends on
    // which providers other crates enable.
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let rejected = |e: rustls::Error| {
        let (cert, key) = (cert_path.clone(), key_path.clone());
        bad(match e {
            rustls::Error::InconsistentKeys(rustls::InconsistentKeys::KeyMismatch) => Problem::Mismatch { cert, key },
            e => Problem::Rejected { cert, key, why: e.to_string() },
        })
    };
    let config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(rejected)?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(rejected)?;
    Ok(Arc::new(config))
}

/// Serve `service` over HTTPS on `listener` until Ctrl-C (or SIGTERM):
/// then no new connection, and those open finish their requests.
pub async fn serve(
    listener: std::net::TcpListener,
    config: Arc<ServerConfig>,
    service: axum::extract::connect_info::IntoMakeServiceWithConnectInfo<axum::Router, SocketAddr>,
) -> std::io::Result<()> {
    let handle = axum_server::Handle::<SocketAddr>::new();
    let stopping = handle.clone();
    tokio::spawn(async move {
        super::stop().await;
        stopping.graceful_shutdown(None);
    });
    axum_server::tls_rustls::from_tcp_rustls(listener, RustlsConfig::from_config(config))?
        .handle(handle)
        .http1_only()
        .serve(service)
        .await
}

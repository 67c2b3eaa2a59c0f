use crate::i18n::En;
use crate::i18n::serve::ServeText;

impl ServeText for En {
    fn serve_join_heading(&self) -> &'static str {
        "Participants join here (open on a phone, or scan):"
    }
    fn serve_qr_heading(&self) -> &'static str {
        "Scan to join:"
    }
    fn serve_trainer_link(&self, url: &str) -> String {
        format!("The trainer's page (for you only; do not project it): {url}")
    }
    fn serve_how_to_stop(&self) -> &'static str {
        "Ctrl-C stops; every answer is saved, and starting again with the same session continues."
    }
    fn serve_live(&self, joined: usize, answering: usize, finished: usize) -> String {
        format!("{joined} joined · {answering} answering · {finished} finished")
    }
    fn serve_stopped(&self, session: &str) -> String {
        format!(
            "Stopped. Every answer is saved; start again with --session {session} to continue, with the same links."
        )
    }
    fn serve_cannot_listen(&self, addr: &str, why: &str) -> String {
        format!(
            "cannot listen on {addr}: {why}. Choose another port (--listen 0.0.0.0:8081), or port 0 for any free one"
        )
    }
    fn serve_bad_listen(&self, value: &str) -> String {
        format!("--listen {value} is not ADDRESS:PORT, such as 0.0.0.0:8080 or 127.0.0.1:0")
    }
    fn serve_cannot_write_urls(&self, path: &str, why: &str) -> String {
        format!("cannot write --urls-file {path}: {why}")
    }
    fn serve_bad_state(&self, session: &str, why: &str) -> String {
        format!("the store's record of serving session \"{session}\" cannot be read: {why}. Use another session name")
    }
    fn serve_other_rubric(&self, session: &str, kept: &str, given: &str) -> String {
        format!(
            "session \"{session}\" was begun with rubric {kept} and cannot switch to {given}: leave out --rubric, or use another session name"
        )
    }
    fn serve_tls_unreadable(&self, flag: &str, path: &str, why: &str) -> String {
        format!("cannot read {flag} {path}: {why}; check the path and that it can be read")
    }
    fn serve_tls_bad_pem(&self, flag: &str, path: &str) -> String {
        format!(
            "{flag} {path} is not a valid PEM file (a section from -----BEGIN … to -----END … is damaged): give the certificate or key file as it was issued"
        )
    }
    fn serve_tls_no_cert(&self, path: &str) -> String {
        format!(
            "--tls-cert {path} holds no certificate (-----BEGIN CERTIFICATE-----): give the certificate as PEM, and its private key with --tls-key"
        )
    }
    fn serve_tls_no_key(&self, path: &str) -> String {
        format!(
            "--tls-key {path} holds no private key (-----BEGIN PRIVATE KEY-----, RSA PRIVATE KEY or EC PRIVATE KEY): give the certificate's private key as PEM, unencrypted"
        )
    }
    fn serve_tls_mismatch(&self, cert: &str, key: &str) -> String {
        format!("--tls-key {key} is not the private key of the certificate {cert}: give the key that belongs to it")
    }
    fn serve_tls_rejected(&self, cert: &str, key: &str, why: &str) -> String {
        format!(
            "the certificate {cert} and the private key {key} cannot be used ({why}): use an RSA, ECDSA or Ed25519 certificate and key"
        )
    }
    fn serve_not_found(&self) -> &'static str {
        "There is no such page. Ask the trainer for the join link."
    }
    fn serve_closed(&self) -> &'static str {
        "This session is closed and takes no more answers."
    }
    fn serve_needs_header(&self) -> &'static str {
        "a JSON request needs the header X-Zhixing: 1"
    }
    fn serve_too_large(&self, limit_kib: usize) -> String {
        format!("the request is too large: at most {limit_kib} KiB")
    }
    fn serve_too_many(&self, seconds: u64) -> String {
        format!("too many attempts: try again in {seconds} s")
    }
    fn serve_bad_body(&self, why: &str) -> String {
        format!("the request is not as expected: {why}")
    }
    fn serve_unknown_item(&self, id: &str) -> String {
        format!("the questionnaire has no item \"{id}\"")
    }
    fn serve_no_skip(&self, id: &str) -> String {
        format!("\"{id}\" cannot be skipped: this scale needs every answer")
    }
    fn serve_bad_value(&self, id: &str) -> String {
        format!("the answer to \"{id}\" must be a whole number or \"skip\"")
    }
    fn serve_already_submitted(&self) -> &'static str {
        "already submitted: the answers can no longer be changed"
    }
    fn serve_unanswered(&self, ids: &[String]) -> String {
        let n = ids.len();
        format!("{n} {} not answered yet: {}", crate::i18n::plural(n, "item", "items"), ids.join(", "))
    }
    fn serve_bad_role(&self, role: &str) -> String {
        format!("rater role \"{role}\" is not one of self, supervisor, peer, subordinate, other")
    }
    fn serve_empty_field(&self, field: &str) -> String {
        format!("{field} must not be empty")
    }
    fn serve_unsafe_field(&self, field: &str, at: usize, c: char) -> String {
        format!(
            "{field} holds the invisible control character U+{:04X} at byte {at}: delete it and try again",
            c as u32
        )
    }
    fn serve_store_failed(&self) -> &'static str {
        "the server cannot save just now: tell the trainer; answers already confirmed are not lost"
    }
    fn serve_group_not_yet(&self, finished: usize, min_group: usize) -> String {
        format!("{finished} finished: the group report is shown once at least {min_group} have")
    }
    fn serve_roster_heading(&self, path: &str) -> String {
        format!("The roster {path} cannot be used:")
    }
    fn serve_roster_not_csv(&self, line: usize, why: &str) -> String {
        format!("line {line}: not CSV ({why})")
    }
    fn serve_roster_no_name(&self, line: usize) -> String {
        format!("line {line}: no name")
    }
    fn serve_roster_unsafe(&self, line: usize, column: usize, c: char) -> String {
        format!("line {line}, column {column}: a hidden control character U+{:04X}; delete it", c as u32)
    }
    fn serve_roster_too_many(&self, most: usize) -> String {
        format!("more than {most} people")
    }
    fn serve_roster_empty(&self) -> &'static str {
        "nobody in it"
    }
    fn serve_roster_hint(&self) -> &'static str {
        "A roster is a CSV of two columns, name,department (the first row may be a heading)."
    }
}

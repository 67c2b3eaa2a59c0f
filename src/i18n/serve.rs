//! The catalogue's texts for `zhixing serve` (SPEC §16): what the trainer's
//! terminal shows, and the messages of the JSON API.

pub trait ServeText {
    /// Above the join links: what they are for.
    fn serve_join_heading(&self) -> &'static str;
    /// Above the QR code of the first join link.
    fn serve_qr_heading(&self) -> &'static str;
    /// The trainer's link, for the trainer only.
    fn serve_trainer_link(&self, url: &str) -> String;
    /// How to stop, under the links.
    fn serve_how_to_stop(&self) -> &'static str;
    /// The live line: joined, answering, finished.
    fn serve_live(&self, joined: usize, answering: usize, finished: usize) -> String;
    /// Ctrl-C: stopping, answers kept, how to continue.
    fn serve_stopped(&self, session: &str) -> String;
    /// `--listen` could not be bound.
    fn serve_cannot_listen(&self, addr: &str, why: &str) -> String;
    /// `--listen` is not ADDRESS:PORT.
    fn serve_bad_listen(&self, value: &str) -> String;
    /// `--urls-file` could not be written.
    fn serve_cannot_write_urls(&self, path: &str, why: &str) -> String;
    /// The kept state of the session in the store does not decode.
    fn serve_bad_state(&self, session: &str, why: &str) -> String;
    /// The session already holds results or participants of another rubric.
    fn serve_other_rubric(&self, session: &str, kept: &str, given: &str) -> String;
    /// `--tls-cert` or `--tls-key` (`flag`) could not be read.
    fn serve_tls_unreadable(&self, flag: &str, path: &str, why: &str) -> String;
    /// `--tls-cert` or `--tls-key` (`flag`) is not well-formed PEM.
    fn serve_tls_bad_pem(&self, flag: &str, path: &str) -> String;
    /// `--tls-cert` holds no certificate.
    fn serve_tls_no_cert(&self, path: &str) -> String;
    /// `--tls-key` holds no private key.
    fn serve_tls_no_key(&self, path: &str) -> String;
    /// The key is not the certificate's.
    fn serve_tls_mismatch(&self, cert: &str, key: &str) -> String;
    /// rustls refused the pair otherwise: a key of a kind it does not
    /// support, a certificate it cannot read.
    fn serve_tls_rejected(&self, cert: &str, key: &str, why: &str) -> String;

    /// 404: the same for every wrong key, token or secret.
    fn serve_not_found(&self) -> &'static str;
    /// 410: the session is closed.
    fn serve_closed(&self) -> &'static str;
    /// A JSON body without `X-Zhixing: 1`.
    fn serve_needs_header(&self) -> &'static str;
    /// A body over the limit.
    fn serve_too_large(&self, limit_kib: usize) -> String;
    /// 429: too many joins or resume attempts from one address.
    fn serve_too_many(&self, seconds: u64) -> String;
    /// A body that is not the JSON expected.
    fn serve_bad_body(&self, why: &str) -> String;
    /// An answer to an item the questionnaire does not have.
    fn serve_unknown_item(&self, id: &str) -> String;
    /// `"skip"` where the scale does not allow skipping.
    fn serve_no_skip(&self, id: &str) -> String;
    /// An answer that is neither a whole number nor "skip".
    fn serve_bad_value(&self, id: &str) -> String;
    /// A submitted questionnaire cannot be changed.
    fn serve_already_submitted(&self) -> &'static str;
    /// Submit with items still unanswered.
    fn serve_unanswered(&self, ids: &[String]) -> String;
    /// A rater role that is not one of the five.
    fn serve_bad_role(&self, role: &str) -> String;
    /// A name or department that is empty (the field named).
    fn serve_empty_field(&self, field: &str) -> String;
    /// A name or department with a control or bidi character.
    fn serve_unsafe_field(&self, field: &str, at: usize, c: char) -> String;
    /// The store failed: the participant is told to tell the trainer.
    fn serve_store_failed(&self) -> &'static str;
    /// The group report before `--min-group` have finished.
    fn serve_group_not_yet(&self, finished: usize, min_group: usize) -> String;
    /// `--roster` cannot be used: the heading of its problems.
    fn serve_roster_heading(&self, path: &str) -> String;
    /// A roster's problems, one a line.
    fn serve_roster_not_csv(&self, line: usize, why: &str) -> String;
    fn serve_roster_no_name(&self, line: usize) -> String;
    fn serve_roster_unsafe(&self, line: usize, column: usize, c: char) -> String;
    fn serve_roster_too_many(&self, most: usize) -> String;
    fn serve_roster_empty(&self) -> &'static str;
    /// What a roster is, under its problems.
    fn serve_roster_hint(&self) -> &'static str;
}

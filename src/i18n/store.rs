//! The catalogue's texts for the results store's errors.

use std::path::Path;

/// What to do about a database error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoreHint {
    /// Another program held the database too long.
    Busy,
    /// The file or its directory cannot be opened or written.
    Permissions,
    DiskFull,
    /// The file is damaged.
    Damaged,
    /// Anything else: try again, then report it.
    Other,
}

/// Texts for the results store's errors.
pub trait StoreText {
    fn store_not_ours(&self, path: &Path) -> String;
    fn store_too_new(&self, path: &Path, version: i64, known: i64) -> String;
    fn store_bad_taken_at(&self, id: &str, taken_at: &str) -> String;
    fn store_bad_result(&self, id: &str, reason: &str) -> String;
    fn store_bad_since(&self, value: &str) -> String;
    /// A file error of the store; `what` is the file, or "-".
    fn store_io(&self, what: &str, error: &std::io::Error) -> String;
    fn store_database(&self, path: &Path, error: &str, hint: StoreHint) -> String;
    fn store_corrupt(&self, path: &Path, id: &str, reason: &str) -> String;
}

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
    /// The file or its folder cannot be written.
    ReadOnly,
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
    /// The store cannot be written (a read-only file, folder or file system).
    fn store_read_only(&self, path: &Path) -> String;
    /// The disk (or the quota) is full.
    fn store_disk_full(&self, path: &Path) -> String;
    /// A warning: `path` can be read by others (`mode`) and could not be made private.
    fn store_mode_kept(&self, path: &Path, mode: u32, error: &std::io::Error) -> String;
    /// After `score --save` and `import`: how many were stored, how many were
    /// there already (the same fingerprint or id).
    fn store_saved(&self, saved: usize, already: usize) -> String;
}

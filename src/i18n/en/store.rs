use std::path::Path;

use crate::i18n::En;
use crate::i18n::store::{StoreHint, StoreText};

impl StoreText for En {
    fn store_not_ours(&self, path: &Path) -> String {
        format!(
            "{} is not a zhixing store and was left untouched; give another path with --store or ZHIXING_STORE",
            path.display()
        )
    }

    fn store_too_new(&self, path: &Path, version: i64, known: i64) -> String {
        format!(
            "{} was written by a newer zhixing (store version {version}; this one knows up to {known}) and was left untouched; upgrade zhixing, or give another path with --store",
            path.display()
        )
    }

    fn store_bad_taken_at(&self, id: &str, taken_at: &str) -> String {
        format!(
            "result {id}: taken_at \"{taken_at}\" is not an RFC 3339 date and time (such as 2026-11-28T09:30:00+08:00); correct it and save again"
        )
    }

    fn store_bad_result(&self, id: &str, reason: &str) -> String {
        format!("result \"{id}\" cannot be stored: {reason}; check the result file")
    }

    fn store_bad_since(&self, value: &str) -> String {
        format!(
            "since \"{value}\" is not understood; write a date such as 2026-11-28 or an RFC 3339 time such as 2026-11-28T09:30:00+08:00"
        )
    }

    fn store_io(&self, what: &str, error: &std::io::Error) -> String {
        format!("{what}: {error}; check the path, its permissions and the free space")
    }

    fn store_database(&self, path: &Path, error: &str, hint: StoreHint) -> String {
        let hint = match hint {
            StoreHint::Busy => "another program held the store too long; try again",
            StoreHint::Permissions => "check the permissions of the file and its directory",
            StoreHint::DiskFull => "the disk is full; free some space",
            StoreHint::ReadOnly => "the store cannot be written; check the permissions of the file and its directory",
            StoreHint::Damaged => "the store file is damaged; restore it from a backup or an export",
            StoreHint::Other => "try again; if it fails again, please report it",
        };
        format!("store {}: {error}; {hint}", path.display())
    }

    fn store_corrupt(&self, path: &Path, id: &str, reason: &str) -> String {
        format!(
            "result {id} in store {} is damaged ({reason}); remove it with `zhixing store delete {id}` and import it again from an export",
            path.display()
        )
    }

    fn store_read_only(&self, path: &Path) -> String {
        format!(
            "store {} is read-only (the file, its folder or the disk cannot be written), so nothing can be saved; reading commands such as report, history and export still work; to save, make it writable or give another path with --store",
            path.display()
        )
    }

    fn store_disk_full(&self, path: &Path) -> String {
        format!(
            "cannot write to store {}: the disk is full (or the quota is used up), and nothing of this run was saved; free some space and run it again",
            path.display()
        )
    }

    fn store_mode_kept(&self, path: &Path, mode: u32, error: &std::io::Error) -> String {
        format!(
            "warning: {} has mode {mode:04o}, so others can read it, and it could not be made private ({error}); its owner can run chmod 600 on it",
            path.display()
        )
    }

    fn store_saved(&self, saved: usize, already: usize) -> String {
        format!("{saved} saved, {already} already in the store")
    }
}

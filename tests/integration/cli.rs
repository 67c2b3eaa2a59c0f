//! Command-line cases as files: `tests/cmd/*.toml`, each running the real
//! binary in its `*.in/` folder with its whole output pinned.
//! `TRYCMD=overwrite cargo test --test integration cli::` rewrites the
//! expectations.

use crate::common::manifest_dir;

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .env("ZHIXING_LANG", "en")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .case(manifest_dir().join("tests/cmd/*.toml"));
}

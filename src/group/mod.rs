//! Group reports (SPEC §10): many results in, one `zhixing.group.v1`
//! document out. Pure: results are fed one at a time to [`Builder::add`],
//! which keeps only what the statistics need (per group, the scores of each
//! dimension, section and overall for the median; for Cronbach's alpha, sums
//! and sums of squares of the item values, which give the variances exactly
//! without keeping any respondent), so a province-sized file does not need a
//! province-sized memory.
//!
//! Scores are read from the results as they were frozen; only alpha needs
//! the rubric, for each item's dimension and keying.
//!
//! The files: `doc` the document, `stats` the statistics, `layout` the
//! sections, dimensions and item keying the report follows, `read` (with
//! `view`) reading results into rows, `acc` what is kept of them, `build`
//! the builder and its anonymity rules, `subject` the 360 view.

mod acc;
mod build;
mod doc;
mod layout;
mod privacy;
mod read;
mod stats;
mod subject;
mod view;

pub use build::Builder;
pub use doc::*;
pub use read::{Reader, Row};
pub use stats::{AlphaAcc, cronbach_alpha, mean, median_sorted, sample_sd};

#[cfg(test)]
use crate::result::{ResultDoc, Role, Severity};
#[cfg(test)]
use acc::LevelAcc;

#[cfg(test)]
mod tests;

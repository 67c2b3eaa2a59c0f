//! Group reports (SPEC §10): many results in, one `zhixing.group.v1`
//! document out. Pure: results are fed one at a time to [`Builder::add`].
//! The anonymity rules need the sizes of every grouping and each person's
//! latest result only, so the builder keeps each counted result packed
//! (`kept`: its numbers and who, about 0.7 KB; a million results take about
//! 700 MB) and adds up at the end: per group, the scores of each level for
//! the median, and for Cronbach's alpha sums and sums of squares of the item
//! values, which give the variances exactly.
//!
//! Scores are read from the results as they were frozen; only alpha needs
//! the rubric, for each item's dimension and keying.
//!
//! The files: `doc` the document, `stats` the statistics, `layout` the
//! sections, dimensions and item keying the report follows, `read` (with
//! `view`) reading results into rows, `kept` a counted result packed, `acc`
//! the sums of a group, `privacy` the anonymity rules on sizes alone,
//! `build` the builder, `subject` the 360 view, `items` the item
//! analysis (`--items`).

mod acc;
mod build;
mod doc;
mod items;
mod kept;
mod layout;
mod privacy;
mod read;
mod stats;
mod subject;
mod view;

pub use build::Builder;
pub use doc::*;
pub(crate) use privacy::{Counts, Crossing, withhold};
pub use read::{Reader, Row};
pub use stats::{AlphaAcc, cronbach_alpha, mean, median_sorted, sample_sd, sem};

#[cfg(test)]
use crate::result::{ResultDoc, Role, Severity};
#[cfg(test)]
use acc::LevelAcc;

#[cfg(test)]
mod tests;

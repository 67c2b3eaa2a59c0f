//! zhixing: measure execution capability (执行力) with a TOML rubric.
//!
//! Data flows one way: the command line becomes settings (`cli`,
//! `settings`); a rubric is loaded (`input`, `rubric`), answers are read
//! (`answers`, `tabular`, `batch`) into responses (`response`), scored into
//! results (`score`, pure), grouped (`group`, pure) and rendered (`report`,
//! pure), then written (`output`) or stored (`store`). Modules import only
//! modules of lower layers; `architecture.rs` holds the list and the test
//! that keeps it, and ARCHITECTURE.md explains it.

pub mod answers;
pub mod app;
#[cfg(test)]
mod architecture;
pub mod assess;
pub mod batch;
pub mod cli;
pub mod cmd;
pub mod compare;
pub mod cowstr;
pub mod diag;
pub mod error;
pub mod group;
pub mod i18n;
pub mod input;
pub mod lang;
pub mod locate;
pub mod norms;
pub mod output;
pub mod pipeline;
pub mod report;
pub mod response;
pub mod result;
pub mod resultfile;
pub mod rubric;
pub mod rubric_view;
pub mod score;
pub mod serve;
pub mod settings;
pub mod store;
pub mod tabular;
#[cfg(test)]
pub(crate) mod testing;
pub mod textsafe;
pub mod visible;
pub mod width;

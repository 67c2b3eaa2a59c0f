//! zhixing: measure execution capability (执行力) with a TOML rubric.
//!
//! Data flows one way: a rubric is loaded (`rubric`), answers are read
//! (`answers`), scored into results (`score`, pure), and rendered
//! (`report`, pure). Only `app` and `output` touch the terminal and the disk.

pub mod answers;
pub mod app;
pub mod assess;
pub mod batch;
pub mod cli;
pub mod cmd;
pub mod diag;
pub mod error;
pub mod group;
pub mod i18n;
pub mod lang;
pub mod locate;
pub mod output;
pub mod pipeline;
pub mod report;
pub mod result;
pub mod resultfile;
pub mod rubric;
pub mod rubric_view;
pub mod score;
pub mod store;
pub mod tabular;
pub mod width;

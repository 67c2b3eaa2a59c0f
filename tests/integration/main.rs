//! The integration tests, one binary linking the crate once: a module per
//! area, the helpers they share in `common`.

mod common;

mod attributes;
mod batches;
mod browser;
mod cli;
mod compare;
mod contract;
mod csv;
mod forms;
mod group;
mod html;
mod items;
mod norms;
mod pty;
mod rubrics;
mod safety;
mod serve;
mod serve_pages;
mod serve_tls;
mod spreadsheets;
mod store;

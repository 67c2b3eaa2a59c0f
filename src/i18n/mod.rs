//! The message catalogue: every text the interface shows, in Chinese and
//! English.
//!
//! The texts of each area are the methods of one trait (`commands.rs`,
//! `report.rs`, …); `zh/` and `en/` implement every trait, one file per
//! area, so that a missing translation does not compile. Texts with numbers
//! or names take them as parameters, and English counts read right ("1
//! result", "2 results"). [`msg`] gives the catalogue of a language:
//!
//! ```text
//! use crate::i18n;
//! eprintln!("{}", i18n::msg(lang).store_saved(saved, already));
//! ```
//!
//! To add a language: a folder like `en/` implementing every area trait,
//! a variant of [`Lang`], and its arm in [`msg`].

pub mod assess;
pub mod commands;
pub mod compare;
mod en;
pub mod group;
pub mod help;
pub mod items;
pub mod norms;
pub mod readers;
pub mod report;
pub mod rubric;
pub mod serve;
pub mod store;
pub mod web;
pub mod words;
mod zh;

pub use words::*;

use crate::lang::Lang;

/// Every area of the catalogue.
pub trait Messages:
    commands::Commands
    + compare::CompareText
    + report::ReportText
    + group::GroupText
    + items::ItemsText
    + help::HelpText
    + help::UsageText
    + norms::NormsText
    + readers::ReaderText
    + rubric::RubricText
    + serve::ServeText
    + store::StoreText
    + web::WebText
    + assess::AssessText
    + words::WordsText
    + Sync
{
}

impl<
    T: commands::Commands
        + compare::CompareText
        + report::ReportText
        + group::GroupText
        + items::ItemsText
        + help::HelpText
        + help::UsageText
        + norms::NormsText
        + readers::ReaderText
        + rubric::RubricText
        + serve::ServeText
        + store::StoreText
        + web::WebText
        + assess::AssessText
        + words::WordsText
        + Sync,
> Messages for T
{
}

/// Chinese.
pub struct Zh;
/// English.
pub struct En;

/// The catalogue of a language.
pub fn msg(lang: Lang) -> &'static dyn Messages {
    match lang {
        Lang::Zh => &Zh,
        Lang::En => &En,
    }
}

/// "1 result", "2 results": `one` for exactly one, else `many`.
pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

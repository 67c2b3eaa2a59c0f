//! The catalogue in English: one file per area, each implementing that area's trait.

mod assess;
mod commands;
mod compare;
mod group;
mod help;
mod items;
mod norms;
mod readers;
mod report;
mod rubric;
mod serve;
mod store;
mod web;
mod words;

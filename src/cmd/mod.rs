//! One file per command (or family of commands).

pub mod assess;
pub mod group;
pub mod results;
pub mod rubric;
pub mod score;

//! One file per command (or family of commands).

pub mod results;
pub mod rubric;
pub mod score;

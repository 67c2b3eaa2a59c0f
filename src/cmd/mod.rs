//! One file per command (or family of commands).

pub mod rubric;
pub mod score;

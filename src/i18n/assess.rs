//! The catalogue's texts for the questionnaire at the terminal.

/// Texts for the questionnaire at the terminal.
pub trait AssessText {}

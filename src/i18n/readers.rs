//! The catalogue's texts for reading answers files, spreadsheets, JSON Lines and result files.

/// Texts for reading answers files, spreadsheets, JSON Lines and result files.
pub trait ReaderText {}

//! The catalogue's texts for the words of the individual, history and shared parts of reports.

/// Texts for the words of the individual, history and shared parts of reports.
pub trait ReportText {}

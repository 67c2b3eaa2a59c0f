//! The catalogue's texts for loading and checking rubrics, diagnostics, showing a rubric.

/// Texts for loading and checking rubrics, diagnostics, showing a rubric.
pub trait RubricText {}

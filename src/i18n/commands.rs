//! The catalogue's texts for what the commands say: summaries, notes, errors of settings, the store and files.

/// Texts for what the commands say: summaries, notes, errors of settings, the store and files.
pub trait Commands {}

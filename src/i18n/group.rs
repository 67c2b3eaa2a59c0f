//! The catalogue's texts for group statistics and the group report, the 360 view.

/// Texts for group statistics and the group report, the 360 view.
pub trait GroupText {}

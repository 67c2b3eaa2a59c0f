//! The catalogue's texts for reading answers files, spreadsheets, JSON Lines and result files.

/// Texts for reading answers files, spreadsheets, JSON Lines and result files.
pub trait ReaderText {
    /// An input that is not a kind of answers file.
    fn unknown_answers_kind(&self) -> &'static str;
    /// The endings of answers files.
    fn unknown_answers_kind_help(&self) -> &'static str;
    /// An answers file that is not UTF-8.
    fn answers_not_utf8(&self) -> &'static str;
    /// Save it as UTF-8.
    fn answers_not_utf8_help(&self) -> &'static str;
}

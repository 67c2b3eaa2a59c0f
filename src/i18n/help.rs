//! The catalogue's texts for the command line's help.
//!
//! The English help is the command line's own definition (clap shows the
//! doc comments of `cli.rs`); another language gives a table of every
//! command's and argument's help, which a test of `cli` checks complete.

/// (command path such as "store info", argument id or "" for the command itself, text).
pub type HelpEntry = (&'static str, &'static str, &'static str);

/// Texts for the command line's help.
pub trait HelpText {
    /// The help of every command and argument; None where it is clap's own (English).
    fn help_table(&self) -> Option<&'static [HelpEntry]>;
    fn help_arguments(&self) -> &'static str;
    fn help_options(&self) -> &'static str;
    fn help_usage(&self) -> &'static str;
    fn help_commands(&self) -> &'static str;
    fn help_help(&self) -> &'static str;
    fn help_version(&self) -> &'static str;
    fn help_exit_codes(&self) -> &'static str;
}

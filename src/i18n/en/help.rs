use crate::i18n::En;
use crate::i18n::help::{HelpEntry, HelpText};

/// English is the language of the command line's own definition (the doc
/// comments in `cli.rs`, which clap shows): nothing to translate.
impl HelpText for En {
    fn help_table(&self) -> Option<&'static [HelpEntry]> {
        None
    }

    fn help_arguments(&self) -> &'static str {
        "Arguments"
    }

    fn help_options(&self) -> &'static str {
        "Options"
    }

    fn help_usage(&self) -> &'static str {
        "Usage: "
    }

    fn help_commands(&self) -> &'static str {
        "Commands"
    }

    fn help_help(&self) -> &'static str {
        "Print help"
    }

    fn help_version(&self) -> &'static str {
        "Print version"
    }

    fn help_exit_codes(&self) -> &'static str {
        "Exit codes: 0 ok; 1 I/O or internal error; 2 bad input (usage, rubric, answers, store); 130 interrupted."
    }
}

use crate::i18n::En;
use crate::i18n::help::{HelpEntry, HelpText, Reason, Similar, UsageProblem, UsageText, UsageTip};

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
        "Exit codes:\n  0    ok\n  1    I/O or internal error\n  2    bad input (usage, rubric, answers, store)\n  130  interrupted"
    }
}

/// Names in an English list: `'a', 'b'`.
fn quoted(names: &[String]) -> String {
    names.iter().map(|n| format!("'{n}'")).collect::<Vec<_>>().join(", ")
}

/// The words of clap's own messages.
impl UsageText for En {
    fn usage_problem(&self, p: &UsageProblem) -> String {
        match *p {
            UsageProblem::UnknownArgument { arg } => format!("unexpected argument '{arg}' found"),
            UsageProblem::UnknownCommand { name } => format!("unrecognized subcommand '{name}'"),
            UsageProblem::InvalidValue { arg, value } => format!("invalid value '{value}' for '{arg}'"),
            UsageProblem::MissingValue { arg } => format!("a value is required for '{arg}' but none was supplied"),
            UsageProblem::BadValue { arg, value, reason } => {
                let why = match reason {
                    Reason::Number => "not a number",
                    Reason::Integer => "not a whole number in range",
                    Reason::Role => "one of self, supervisor, peer, subordinate, other",
                    Reason::Flag => {
                        "quality flags separated by commas: straight_line, longstring, reverse_inconsistent, too_good, too_fast; put files before this option, or write --exclude-flagged=FLAGS"
                    }
                    Reason::CompareBy => {
                        "a comparison is of groups (department, role, session or an attribute name), never of one person; see zhixing history for one person's change"
                    }
                    Reason::Offset => "a UTC offset such as +08:00",
                    Reason::Text(t) => t,
                };
                format!("invalid value '{value}' for '{arg}': {why}")
            }
            UsageProblem::MissingArguments { args } => {
                format!("the following required arguments were not provided: {}", args.join(", "))
            }
            UsageProblem::MissingCommand { command } => {
                format!("'{command}' requires a subcommand but one was not provided")
            }
            UsageProblem::Conflict { arg, with: [] } => {
                format!("the argument '{arg}' cannot be used with one or more of the other specified arguments")
            }
            UsageProblem::Conflict { arg, with } => {
                format!("the argument '{arg}' cannot be used with {}", quoted(with))
            }
            UsageProblem::Repeated { arg } => format!("the argument '{arg}' cannot be used multiple times"),
            UsageProblem::ExtraValue { arg, value } => {
                format!("unexpected value '{value}' for '{arg}' found; no more were expected")
            }
            UsageProblem::ValueCount { arg, expected, given } => {
                let were = if given == 1 { "was" } else { "were" };
                format!("{expected} values required for '{arg}' but {given} {were} provided")
            }
            UsageProblem::NoEquals { arg } => format!("equal sign is needed when assigning values to '{arg}'"),
            UsageProblem::NotUtf8 => "invalid UTF-8 was detected in one or more arguments".to_string(),
            UsageProblem::Other => "invalid command line".to_string(),
        }
    }

    fn usage_possible_values(&self, values: &[String]) -> String {
        format!("[possible values: {}]", values.join(", "))
    }

    fn usage_possible_commands(&self, names: &[String]) -> String {
        format!("[subcommands: {}]", names.join(", "))
    }

    fn usage_tip(&self, tip: &UsageTip) -> String {
        match *tip {
            UsageTip::Similar { kind, names } => {
                let what = match kind {
                    Similar::Command => "subcommand",
                    Similar::Argument => "argument",
                    Similar::Value => "value",
                };
                if names.len() == 1 {
                    format!("tip: a similar {what} exists: {}", quoted(names))
                } else {
                    format!("tip: some similar {what}s exist: {}", quoted(names))
                }
            }
            UsageTip::PassAsValue { arg, fix } => format!("tip: to pass '{arg}' as a value, use '{fix}'"),
            UsageTip::ExistsOn { usage } => format!("tip: '{usage}' exists"),
            UsageTip::RemoveDashes { command } => {
                format!("tip: subcommand '{command}' exists; to use it, remove the '--' before it")
            }
        }
    }

    fn usage_more(&self, help: &str) -> String {
        format!("For more information, try '{help}'.")
    }

    fn usage_options(&self) -> &'static str {
        "[OPTIONS]"
    }

    fn usage_command(&self) -> &'static str {
        "<COMMAND>"
    }

    fn help_heading(&self, heading: &str) -> String {
        format!("{heading}:")
    }

    fn help_default(&self, value: &str) -> String {
        format!("[default: {value}]")
    }

    fn help_possible_values(&self, values: &[String]) -> String {
        format!("[possible values: {}]", values.join(", "))
    }

    fn help_command_about(&self) -> &'static str {
        "Print the help of a command"
    }

    fn help_command_arg(&self) -> &'static str {
        "The command to show the help of, such as score or store info"
    }
}

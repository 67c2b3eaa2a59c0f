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

/// What is wrong with a command line, as clap found it: its data, no text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UsageProblem<'a> {
    /// An option or argument the command does not have.
    UnknownArgument { arg: &'a str },
    /// A subcommand that does not exist.
    UnknownCommand { name: &'a str },
    /// A value not among the possible ones.
    InvalidValue { arg: &'a str, value: &'a str },
    /// An option given without its value.
    MissingValue { arg: &'a str },
    /// A value the option's parser refused, and why.
    BadValue { arg: &'a str, value: &'a str, reason: Reason<'a> },
    /// Required arguments not given.
    MissingArguments { args: &'a [String] },
    /// A command that needs a subcommand, given none.
    MissingCommand { command: &'a str },
    /// Two arguments that exclude each other (`with` empty: some other one).
    Conflict { arg: &'a str, with: &'a [String] },
    /// An argument given twice that may be given once.
    Repeated { arg: &'a str },
    /// A value more than the argument takes.
    ExtraValue { arg: &'a str, value: &'a str },
    /// Fewer or more values than the argument takes.
    ValueCount { arg: &'a str, expected: isize, given: isize },
    /// An option whose value must follow an equals sign.
    NoEquals { arg: &'a str },
    /// An argument that is not UTF-8.
    NotUtf8,
    /// Anything else clap may refuse.
    Other,
}

/// Why a value parser refused a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason<'a> {
    /// Not a number.
    Number,
    /// Not a whole number (or out of range).
    Integer,
    /// Not a rater role.
    Role,
    /// Not a list of quality flag names (`--exclude-flagged`).
    Flag,
    /// `compare --by subject`: a comparison is of groups, never of one person.
    CompareBy,
    /// Not a UTC offset (`--utc-offset`).
    Offset,
    /// The parser's own words (not translated).
    Text(&'a str),
}

/// What clap suggests after a usage error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UsageTip<'a> {
    /// Names like the one given: of subcommands, arguments or values.
    Similar { kind: Similar, names: &'a [String] },
    /// `arg` meant as a value: write `fix`.
    PassAsValue { arg: &'a str, fix: &'a str },
    /// The option exists on a subcommand: `usage` (such as "store info --format").
    ExistsOn { usage: &'a str },
    /// `command` is a subcommand: remove the `--` before it.
    RemoveDashes { command: &'a str },
}

/// What a list of similar names or possible values names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Similar {
    Command,
    Argument,
    Value,
}

/// Texts for usage errors: what clap found, said in the interface language.
pub trait UsageText {
    /// The problem, on one line.
    fn usage_problem(&self, p: &UsageProblem) -> String;
    /// The possible values of an argument, after an invalid one.
    fn usage_possible_values(&self, values: &[String]) -> String;
    /// The subcommands a command has, after none was given.
    fn usage_possible_commands(&self, names: &[String]) -> String;
    /// A tip after the problem.
    fn usage_tip(&self, tip: &UsageTip) -> String;
    /// The last line: where to read more (`help` is a command line such as "zhixing score --help").
    fn usage_more(&self, help: &str) -> String;
    /// In a usage line: where the options go ("[OPTIONS]").
    fn usage_options(&self) -> &'static str;
    /// In a usage line: where the subcommand goes ("<COMMAND>").
    fn usage_command(&self) -> &'static str;
    /// A help heading with its colon ("Options:").
    fn help_heading(&self, heading: &str) -> String;
    /// After an option's help: its default.
    fn help_default(&self, value: &str) -> String;
    /// After an option's help: its possible values.
    fn help_possible_values(&self, values: &[String]) -> String;
    /// The `help` command and its argument.
    fn help_command_about(&self) -> &'static str;
    fn help_command_arg(&self) -> &'static str;
}

use std::path::Path;

use crate::error::{FileKind, Internal, IoAction, IoCause, Problem};
use crate::i18n::commands::Commands;
use crate::i18n::readers::ReaderText;
use crate::i18n::{En, plural};
use crate::lang::Lang;

impl Commands for En {
    fn lang(&self) -> Lang {
        Lang::En
    }

    fn error_label(&self) -> &'static str {
        "error"
    }

    fn io_action(&self, action: IoAction) -> &'static str {
        match action {
            IoAction::Read => "cannot read",
            IoAction::ReadRubric => "cannot read rubric",
            IoAction::Write => "cannot write",
            IoAction::WriteTo => "cannot write to",
            IoAction::CreateBeside => "cannot create a file beside",
            IoAction::CreateDir => "cannot create the directory",
        }
    }

    fn io_cause(&self, source: &std::io::Error) -> String {
        match IoCause::of(source) {
            IoCause::NotFound => "no such file or directory",
            IoCause::PermissionDenied => "permission denied",
            IoCause::AlreadyExists => "it already exists",
            IoCause::IsADirectory => "it is a directory, not a file",
            IoCause::NotADirectory => "a part of the path is not a directory",
            IoCause::DirectoryNotEmpty => "the directory is not empty",
            IoCause::StorageFull => "the disk is full",
            IoCause::QuotaExceeded => "the disk quota is exceeded",
            IoCause::ReadOnlyFilesystem => "the file system is read-only",
            IoCause::FileTooLarge => "the file is too large",
            IoCause::NameTooLong => "the file name is too long or not valid",
            IoCause::TooManyLinks => "too many links",
            IoCause::SymlinkLoop => "symbolic links make a loop",
            IoCause::TooManyOpenFiles => "too many open files",
            IoCause::ResourceBusy => "the file or device is busy",
            IoCause::CrossesDevices => "it cannot be moved across file systems",
            IoCause::NotSeekable => "it cannot be read from a position (a pipe or a terminal)",
            IoCause::BrokenPipe => "the other end of the pipe was closed",
            IoCause::Interrupted => "the operation was interrupted",
            IoCause::TimedOut => "the operation timed out",
            IoCause::WouldBlock => "it cannot be done now; try again",
            IoCause::UnexpectedEof => "the file ended unexpectedly",
            IoCause::OutOfMemory => "out of memory",
            IoCause::InvalidInput => "an invalid argument",
            IoCause::InvalidData => "the data is not valid",
            IoCause::DeviceError => "the device failed (input/output error)",
            IoCause::NoDevice => "no such device, or it is not connected",
            IoCause::Unsupported => "this system does not support it",
            IoCause::StaleHandle => "the network file went stale; open it again",
            IoCause::Other(_) => return source.to_string(),
        }
        .to_string()
    }

    fn io_error(&self, action: IoAction, path: &Path, source: &std::io::Error) -> String {
        format!("{} {}: {}", self.io_action(action), path.display(), self.io_cause(source))
    }

    fn problem(&self, p: &Problem) -> String {
        match p {
            Problem::StdinTwice => "standard input (-) can be read only once".to_string(),
            Problem::TargetRange(t) => format!("--target {t} is outside 0 to 100"),
            Problem::MinGroup(n) => format!(
                "--min-group {n} is not allowed: the smallest is 1 (1 withholds nothing; 3 is the lowest that still protects anyone)"
            ),
            Problem::WideNotCsv => "--wide writes CSV only: leave out --format, or give --format csv".to_string(),
            Problem::ExportFormat => "export writes json, jsonl or csv".to_string(),
            Problem::NoStorePath => {
                "no data directory for the results store: name the file with --store or ZHIXING_STORE".to_string()
            }
            Problem::NoSuchRubric { choice, builtins } => {
                format!("\"{choice}\" is neither a built-in rubric nor a file; built-in rubrics: {}", builtins.join(", "))
            }
            Problem::RubricErrors { path, errors } => {
                format!("the rubric {path} has {errors} {}; nothing was done", plural(*errors, "error", "errors"))
            }
            Problem::RubricsFailed(n) => {
                format!("{n} rubric {} not pass", plural(*n, "file did", "files did"))
            }
            Problem::NoProfile { rubric, profile, profiles } => {
                let list = if profiles.is_empty() { "(none)".to_string() } else { profiles.join(", ") };
                format!("rubric {rubric} has no profile \"{profile}\"; its profiles: {list}")
            }
            Problem::AnswersProblems(n) => {
                format!("{n} {} in the answers; nothing was scored", plural(*n, "problem", "problems"))
            }
            Problem::NotResults(n) => format!(
                "{n} {}; nothing was done",
                plural(*n, "record is not a valid zhixing result", "records are not valid zhixing results")
            ),
            Problem::NotResultsToGroup(n) => format!(
                "{n} {}; no group report was made (--keep-going skips {})",
                plural(*n, "record is not a valid zhixing result", "records are not valid zhixing results"),
                plural(*n, "it", "them")
            ),
            Problem::MixedRubrics(list) => {
                let list: Vec<String> = list.iter().map(|(id, v, n)| format!("{id} {v} ({n})")).collect();
                format!(
                    "results of different rubrics or rubric versions cannot be grouped together: {}; group each apart (for example by --session, or with the files of one rubric)",
                    list.join(", ")
                )
            }
            Problem::RubricMismatch { given, results } => format!(
                "--rubric names rubric {} {}, but the results were scored against {} {}; give the rubric file the results were scored against",
                given.0, given.1, results.0, results.1
            ),
            Problem::UnknownAttribute { name, known } => {
                let list = if known.is_empty() { "(these results carry no attributes)".to_string() } else { known.join(", ") };
                format!(
                    "--by {name}: no result carries the attribute \"{name}\"; group by department, role, session, subject or one of these attributes: {list}"
                )
            }
            Problem::WideMixedRubrics(list) => {
                let list: Vec<String> = list.iter().map(|(id, v, n)| format!("{id} {v} ({n})")).collect();
                format!(
                    "a --wide export has one header, and these results are of different rubrics or rubric versions: {}; export one of them with --rubric ID (or --session)",
                    list.join(", ")
                )
            }
            Problem::NothingToGroup { session: Some(s) } => format!("the store holds no results of session \"{s}\""),
            Problem::NothingToGroup { session: None } => "there are no results to group".to_string(),
            Problem::NotFileNorSession { given, after } => format!(
                "{} \"{given}\" is neither a results file that exists nor a session with results in the store; give a results file (.json, .jsonl) or the name of a session saved with `zhixing score --save --session`",
                if *after { "AFTER" } else { "BEFORE" }
            ),
            Problem::NormsTooFew { n, min } => format!(
                "norms need at least {min} people, and there {} (each person's latest result)",
                plural(*n, &format!("is {n}"), &format!("are {n}"))
            ),
            Problem::NormsMismatch { norms, results } => format!(
                "the norms were made for rubric {} {}, but the results were scored against {} {}; use norms of the same rubric version",
                norms.0, norms.1, results.0, results.1
            ),
            Problem::NotNorms { path, reason } => format!("{path} is not a zhixing norms file (zhixing.norms.v1): {reason}"),
            Problem::NoStore { with_import: true } => "no results have been saved yet (there is no store); use `zhixing score --save`, `zhixing import` or `zhixing assess` first".to_string(),
            Problem::NoStore { with_import: false } => "no results have been saved yet (there is no store); use `zhixing score --save` or `zhixing assess` first".to_string(),
            Problem::NoStoreToDelete => "there is no store: nothing to delete".to_string(),
            Problem::NoResults { subject: Some(s) } => format!("the store holds no result of {s}"),
            Problem::NoResults { subject: None } => "the store holds no results yet".to_string(),
            Problem::NotFileNorId(arg) => format!("\"{arg}\" is neither a file nor the id of a result in the store"),
            Problem::ChangedWhileRead => {
                "a result file changed while it was read; nothing was imported: run it again".to_string()
            }
            Problem::IdsNotFound(ids) => format!("no result with these ids in the store: {}", ids.join(", ")),
            Problem::ConfirmNeedsTerminal => {
                "deleting needs a confirmation: run it at a terminal, or add --yes".to_string()
            }
            Problem::PackNotDir(dir) => format!("--pack {} exists and is not a directory", dir.display()),
            Problem::OutNotFile { path, kind } => {
                let kind = match kind {
                    FileKind::Directory => "directory",
                    FileKind::Fifo => "FIFO (named pipe)",
                    FileKind::Socket => "socket",
                    FileKind::Device => "device",
                    FileKind::Other => "special file",
                };
                format!(
                    "{} is a {kind}, not a regular file: output goes only to a regular file or a new path, and it was left as it was",
                    path.display()
                )
            }
            Problem::AssessNeedsTerminal => "assess needs a terminal (stdin and stderr). To score without questions use `zhixing score ANSWERS-FILE`; `zhixing rubric template` prints an answers file to fill in.".to_string(),
            Problem::TooLarge { path, limit, line } => self.too_large(path, *limit, *line),
            Problem::TlsHalf { cert_given } => {
                let (given, missing) = if *cert_given { ("--tls-cert", "--tls-key") } else { ("--tls-key", "--tls-cert") };
                format!(
                    "{given} without {missing}: HTTPS needs the certificate (--tls-cert) and its private key (--tls-key), two PEM files; give both, or neither for plain HTTP"
                )
            }
        }
    }

    fn unreadable_inputs(&self, files: usize, problems: usize) -> String {
        let what = plural(files, "input file", "input files");
        match problems {
            0 => format!("{files} {what} could not be read; nothing was scored"),
            n => format!(
                "{files} {what} could not be read, and the other answers have {n} {}; nothing was scored",
                plural(n, "problem", "problems")
            ),
        }
    }

    fn internal(&self, i: &Internal) -> String {
        match i {
            Internal::BuiltinRubric(text) | Internal::Json(text) => text.clone(),
            Internal::Draft(why) => format!("cannot save the draft: {why}"),
            Internal::PackName(name) => {
                format!("internal error: two files of the pack were given one name ({name}); writing stopped")
            }
            Internal::Zip(why) => format!("internal error: cannot make the pack into a zip archive: {why}"),
        }
    }

    fn interrupted_lead(&self, why: Option<&str>) -> String {
        match why {
            Some(why) => format!("Interrupted ({why}). Every answer given is saved in a draft; to go on, run:"),
            None => "Interrupted. Every answer given is saved in a draft; to go on, run:".to_string(),
        }
    }

    fn scored_rejected(&self, scored: usize, rejected: usize) -> String {
        format!("{scored} scored, {rejected} rejected")
    }

    fn grouped_rejected(&self, grouped: usize, rejected: usize) -> String {
        format!("{grouped} grouped, {rejected} rejected")
    }

    fn files_written(&self, n: usize, dir: &Path) -> String {
        format!("{n} {} written to {}", plural(n, "file", "files"), dir.display())
    }

    fn min_group_two_note(&self) -> &'static str {
        "note: --min-group 2 hardly protects anyone; 3 is the lowest that still does"
    }

    fn kiosk_thanks(&self) -> &'static str {
        "Your answers are in: thank you! Your trainer will hand you your report."
    }

    fn assess_saved(&self, n: usize) -> String {
        format!("{n} {} saved.", plural(n, "result", "results"))
    }

    fn alpha_other_version(&self, id: &str, version: &str, builtin_version: &str) -> String {
        format!(
            "note: the results were scored against {id} {version} but the built-in one is {builtin_version}, so alpha is not computed; give the {version} rubric file with --rubric"
        )
    }

    fn alpha_not_builtin(&self, id: &str) -> String {
        format!("note: rubric {id} is not built in, so alpha is not computed; give its file with --rubric")
    }

    fn file_holds_no_results(&self) -> &'static str {
        "the file holds no results"
    }

    fn no_results_matched(&self) -> &'static str {
        "no results matched"
    }

    fn rejected(&self, n: usize) -> String {
        format!("{n} rejected")
    }

    fn store_info(&self, path: &Path, size: u64, schema: i64, results: u64, subjects: u64, drafts: u64) -> String {
        format!(
            "store: {}\nsize: {size} bytes\nschema version: {schema}\nresults: {results} ({subjects} people)\ndrafts: {drafts}\n",
            path.display()
        )
    }

    fn store_not_created(&self, path: &Path) -> String {
        format!("store: {} (not created yet)\n", path.display())
    }

    fn nothing_deleted(&self) -> &'static str {
        "nothing was deleted"
    }

    fn deleted(&self, n: usize) -> String {
        format!("{n} {} deleted", plural(n, "result", "results"))
    }

    fn confirm_delete(&self, n: usize) -> String {
        format!(
            "Delete {} for good? [y/N] ",
            if n == 1 { "this result".to_string() } else { format!("these {n} results") }
        )
    }

    fn rubric_ok(&self, file: &str, sections: usize, dimensions: usize, items: usize) -> String {
        format!(
            "{file}: ok ({sections} {}, {dimensions} {}, {items} {})",
            plural(sections, "section", "sections"),
            plural(dimensions, "dimension", "dimensions"),
            plural(items, "item", "items")
        )
    }

    fn unscorable_warning(&self, subject: &str, answered: usize, items: usize) -> String {
        format!(
            "note: {subject} answered {answered} of {items} {}: too few answers to score",
            plural(items, "item", "items")
        )
    }
}

//! Writing output: to stdout, or atomically to a file (mode 0600).

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, FileKind, IoAction, Problem, Result, STDOUT};

/// Where a file is written (SPEC §12, "Where output goes"): only a regular
/// file or a new path; a directory, FIFO, socket or device is refused
/// (bad input) and left as it was. A symbolic link to a regular file is
/// followed, so the link stays and its file is written; a link to nothing
/// is a new path.
pub fn target(path: &Path) -> Result<PathBuf> {
    let refuse =
        |t: std::fs::FileType| Error::BadInput(Problem::OutNotFile { path: path.to_path_buf(), kind: FileKind::of(t) });
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(path.to_path_buf()),
        Err(e) => Err(Error::io(path, IoAction::Write, e)),
        Ok(m) if m.file_type().is_file() => Ok(path.to_path_buf()),
        Ok(m) if m.file_type().is_symlink() => match std::fs::metadata(path) {
            Ok(t) if t.file_type().is_file() => {
                std::fs::canonicalize(path).map_err(|e| Error::io(path, IoAction::Write, e))
            }
            Ok(t) => Err(refuse(t.file_type())),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(path.to_path_buf()),
            Err(e) => Err(Error::io(path, IoAction::Write, e)),
        },
        Ok(m) => Err(refuse(m.file_type())),
    }
}

/// Write a file atomically: a temporary file in the same directory, synced,
/// renamed over the target, and the directory synced. The file has mode 0600.
/// The target must be a regular file or a new path ([`target`]). `write`
/// may fail with any error; an I/O error of its writer ([`Error::Output`])
/// is named for the file. Nothing is left behind on failure.
pub fn write_atomic(path: &Path, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let path = &target(path)?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".zhixing-")
        .tempfile_in(&dir)
        .map_err(|e| Error::io(path, IoAction::CreateBeside, e))?;
    {
        let mut w = BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
        write(&mut w).map_err(|e| match e {
            Error::Output(e) => Error::io(path, IoAction::Write, e),
            other => other,
        })?;
        w.flush().map_err(|e| Error::io(path, IoAction::Write, e))?;
    }
    tmp.as_file().sync_all().map_err(|e| Error::io(path, IoAction::Write, e))?;
    tmp.persist(path).map_err(|e| Error::io(path, IoAction::Write, e.error))?;
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Write to stdout through a buffer. A closed pipe (`| head`) is not an
/// error; any other error of `write` is returned as it is, an I/O error of
/// its writer ([`Error::Output`]) named for stdout.
pub fn write_stdout(write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let stdout = io::stdout();
    let mut w = BufWriter::with_capacity(1 << 16, stdout.lock());
    let res = write(&mut w).and_then(|()| w.flush().map_err(Error::Output));
    match res {
        Err(Error::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(Error::Output(e)) => Err(Error::io(STDOUT, IoAction::WriteTo, e)),
        other => other,
    }
}

/// A message for people on stderr, on a line of its own, with hidden
/// characters (a name's control codes) shown as escapes (SPEC §12).
pub fn note(text: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{}", crate::visible::escape(text));
}

pub fn stdout_is_terminal() -> bool {
    io::stdout().is_terminal()
}

/// Width of the terminal on stderr, if stderr is one.
pub fn stderr_width() -> Option<u16> {
    console::Term::stderr().size_checked().map(|(_, cols)| cols).filter(|c| *c > 0)
}

/// Width of the terminal on stdout, else $COLUMNS, else 100.
pub fn terminal_width() -> u16 {
    let (_, cols) = console::Term::stdout().size_checked().unwrap_or((0, 0));
    if cols > 0 {
        return cols;
    }
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).filter(|c| *c >= 20).unwrap_or(100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_that_fails_is_named_for_its_file_not_stdout() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.txt");
        let full = || Err(Error::Output(io::Error::from(io::ErrorKind::StorageFull)));
        match write_atomic(&path, |_| full()) {
            Err(Error::Io { path: p, action: IoAction::Write, source }) => {
                assert_eq!(p, path);
                assert_eq!(source.kind(), io::ErrorKind::StorageFull);
            }
            other => panic!("{other:?}"),
        }
        assert!(!path.exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "nothing left behind");
    }

    #[test]
    fn only_regular_files_and_new_paths_are_targets() {
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new.txt");
        assert_eq!(target(&new).unwrap(), new);
        std::fs::write(&new, "x").unwrap();
        assert_eq!(target(&new).unwrap(), new);
        match target(dir.path()) {
            Err(Error::BadInput(Problem::OutNotFile { kind: FileKind::Directory, .. })) => {}
            other => panic!("{other:?}"),
        }
        #[cfg(unix)]
        {
            let link = dir.path().join("link");
            std::os::unix::fs::symlink(&new, &link).unwrap();
            assert_eq!(target(&link).unwrap(), std::fs::canonicalize(&new).unwrap());
            let dangling = dir.path().join("dangling");
            std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
            assert_eq!(target(&dangling).unwrap(), dangling);
            match target(Path::new("/dev/null")) {
                Err(Error::BadInput(Problem::OutNotFile { kind: FileKind::Device, .. })) => {}
                other => panic!("{other:?}"),
            }
        }
    }
}

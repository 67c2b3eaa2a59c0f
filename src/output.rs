//! Writing output: to stdout, or atomically to a file (mode 0600).

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::Path;

use crate::error::{Error, IoAction, Result, STDOUT};

/// Write a file atomically: a temporary file in the same directory, synced,
/// renamed over the target, and the directory synced. The file has mode 0600.
/// `write` may fail with any error; an I/O error of its writer
/// ([`Error::Output`]) is named for the file. Nothing is left behind on failure.
pub fn write_atomic(path: &Path, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
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

pub fn stdout_is_terminal() -> bool {
    io::stdout().is_terminal()
}

/// Width of the terminal on stdout, else $COLUMNS, else 100.
pub fn terminal_width() -> u16 {
    let (_, cols) = console::Term::stdout().size_checked().unwrap_or((0, 0));
    if cols > 0 {
        return cols;
    }
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).filter(|c| *c >= 20).unwrap_or(100)
}

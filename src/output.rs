//! Writing output: to stdout, or atomically to a file (mode 0600).

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::Path;

use crate::error::{Error, Result};

/// Write a file atomically: a temporary file in the same directory, synced,
/// renamed over the target, and the directory synced. The file has mode 0600.
pub fn write_atomic(path: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".zhixing-")
        .tempfile_in(&dir)
        .map_err(|e| Error::io(path, "cannot create a file beside", e))?;
    {
        let mut w = BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
        write(&mut w).map_err(|e| Error::io(path, "cannot write", e))?;
        w.flush().map_err(|e| Error::io(path, "cannot write", e))?;
    }
    tmp.as_file().sync_all().map_err(|e| Error::io(path, "cannot write", e))?;
    tmp.persist(path).map_err(|e| Error::io(path, "cannot write", e.error))?;
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Write to stdout through a buffer. A closed pipe (`| head`) is not an error.
pub fn write_stdout(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    let stdout = io::stdout();
    let mut w = BufWriter::with_capacity(1 << 16, stdout.lock());
    let res = write(&mut w).and_then(|()| w.flush());
    match res {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::io("stdout", "cannot write to", e)),
        Ok(()) => Ok(()),
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

//! JSON and JSON Lines: the result exactly as stored, full f64 values.

use std::io::{self, Write};

use super::Entry;

/// One object for one result; an array for several.
#[derive(Default)]
pub struct JsonSink {
    pending: Option<String>,
    count: usize,
}

impl JsonSink {
    pub fn write(&mut self, out: &mut dyn Write, entry: Entry<'_>) -> io::Result<()> {
        let text = serde_json::to_string_pretty(entry.result).map_err(io::Error::other)?;
        self.count += 1;
        match self.count {
            1 => self.pending = Some(text),
            2 => {
                let first = self.pending.take().unwrap_or_default();
                write!(out, "[\n{},\n{}", indent(&first), indent(&text))?;
            }
            _ => write!(out, ",\n{}", indent(&text))?,
        }
        Ok(())
    }

    pub fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        match self.count {
            0 => writeln!(out, "[]"),
            1 => writeln!(out, "{}", self.pending.take().unwrap_or_default()),
            _ => writeln!(out, "\n]"),
        }
    }
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("  {l}")).collect::<Vec<_>>().join("\n")
}

/// One compact result a line.
pub struct JsonlSink;

impl JsonlSink {
    pub fn write(&mut self, out: &mut dyn Write, entry: Entry<'_>) -> io::Result<()> {
        serde_json::to_writer(&mut *out, entry.result).map_err(io::Error::other)?;
        out.write_all(b"\n")
    }

    pub fn finish(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

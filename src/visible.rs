//! Text that cannot act on a terminal (SPEC §12, "Terminal text"): control
//! characters, bidi controls and invisible characters that come from a
//! result file, a rubric or the store are shown as visible escapes such as
//! `\u{1b}`, so that no name can move the cursor, set the terminal's title,
//! write the clipboard (OSC 52) or reverse the text around it.
//!
//! Three parts, used at the edges of every text output but JSON:
//! [`is_hidden`] (the characters), [`escape`] (a string as shown, for text
//! that is measured before it is written, such as a table's cells) and
//! [`Visible`] (a writer that escapes everything written through it, which
//! lets the program's own colour codes pass and nothing else). A string
//! escaped once passes through [`Visible`] unchanged.

use std::borrow::Cow;
use std::io::{self, Write};

/// A character that, written raw, acts on a terminal or hides or reorders
/// text: C0 controls but tab and newline, DEL, C1 controls, the bidi
/// controls (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069) and the
/// zero-width characters that can hide text (U+200B–U+200D, U+2060–U+2064,
/// U+180E, U+FEFF).
pub fn is_hidden(c: char) -> bool {
    (c != '\n' && crate::textsafe::unsafe_char(c)) || crate::textsafe::invisible(c)
}

/// True when `s` holds a character that [`escape`] would change.
pub fn has_hidden(s: &str) -> bool {
    s.chars().any(is_hidden)
}

/// The visible form of a hidden character: `\u{1b}`.
fn push_escape(out: &mut String, c: char) {
    use std::fmt::Write as _;
    let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
}

/// Columns (and bytes, it is ASCII) of a hidden character's escape.
pub fn escape_width(c: char) -> usize {
    let digits = (32 - u32::from(c).max(1).leading_zeros()).div_ceil(4) as usize;
    4 + digits
}

/// `s` as it is shown: every hidden character as its escape.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !has_hidden(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_hidden(c) { push_escape(&mut out, c) } else { out.push(c) }
    }
    Cow::Owned(out)
}

/// Bytes of valid UTF-8 that may begin a hidden character (its first
/// byte). Every other byte of valid text is written as it is.
fn may_begin_hidden(b: u8) -> bool {
    matches!(b, 0x00..=0x08 | 0x0b..=0x1f | 0x7f | 0xc2 | 0xd8 | 0xe1 | 0xe2 | 0xef)
}

/// The longest colour code the program writes, in bytes (`ESC[38;5;255m`).
const LONGEST_SGR: usize = 16;

/// Whether `after` (the bytes after an ESC) starts with one of the program's
/// own colour codes: bold, normal intensity, the 16 colours and the 256
/// colours of the foreground, and resets; nothing that moves, hides, blinks
/// or reverses. `Some(len)` of the code after the ESC, `None` if it is not
/// one, `Err(())` if `after` ends before it can tell.
fn own_colour(after: &[u8]) -> Result<Option<usize>, ()> {
    let Some(&first) = after.first() else { return Err(()) };
    if first != b'[' {
        return Ok(None);
    }
    let Some(end) = after.iter().take(LONGEST_SGR).position(|&b| b == b'm') else {
        let all_params = after[1..].iter().take(LONGEST_SGR).all(|b| b.is_ascii_digit() || *b == b';');
        return if all_params && after.len() < LONGEST_SGR { Err(()) } else { Ok(None) };
    };
    let params = &after[1..end];
    if !params.iter().all(|b| b.is_ascii_digit() || *b == b';') {
        return Ok(None);
    }
    let Ok(params) = std::str::from_utf8(params) else { return Ok(None) };
    let nums: Vec<&str> = if params.is_empty() { vec![] } else { params.split(';').collect() };
    let mut k = 0;
    while k < nums.len() {
        let n: u16 = match nums[k].parse() {
            Ok(n) => n,
            Err(_) => return Ok(None),
        };
        match n {
            0 | 1 | 22 | 39 | 30..=37 | 90..=97 => k += 1,
            38 if nums.get(k + 1) == Some(&"5") && nums.get(k + 2).is_some_and(|c| c.parse::<u8>().is_ok()) => k += 3,
            _ => return Ok(None),
        }
    }
    Ok(Some(end + 1))
}

/// A writer that shows every hidden character written through it as its
/// escape, before passing the text on. Allowed as they are: a byte-order
/// mark first of all (CSV for Excel), CR just before LF (CSV's line end),
/// and, when made [`Visible::with_colour`], the program's own colour codes.
/// Bytes that are not UTF-8 are shown as U+FFFD. Call [`Visible::finish`]
/// after the last write.
pub struct Visible<'a> {
    inner: &'a mut dyn Write,
    colour: bool,
    /// The end of the last write, held back: part of a character, a CR, a
    /// colour code not yet complete.
    carry: Vec<u8>,
    /// Whether anything has been written (a byte-order mark passes only first).
    started: bool,
}

impl<'a> Visible<'a> {
    /// Escapes every hidden character.
    pub fn new(inner: &'a mut dyn Write) -> Self {
        Visible { inner, colour: false, carry: Vec::new(), started: false }
    }

    /// As [`Visible::new`], letting the program's own colour codes pass.
    pub fn with_colour(inner: &'a mut dyn Write, colour: bool) -> Self {
        Visible { colour, ..Visible::new(inner) }
    }

    /// Write what was held back (a last incomplete character as U+FFFD).
    pub fn finish(&mut self) -> io::Result<()> {
        let carry = std::mem::take(&mut self.carry);
        let used = self.pass(&carry, true)?;
        debug_assert_eq!(used, carry.len());
        Ok(())
    }

    /// Write `data` shown visibly; returns how much was used (the rest is
    /// an incomplete end, held back unless `last`).
    fn pass(&mut self, data: &[u8], last: bool) -> io::Result<usize> {
        let mut pos = 0;
        loop {
            let (valid, bad) = match std::str::from_utf8(&data[pos..]) {
                Ok(_) => (data.len() - pos, None),
                Err(e) => (e.valid_up_to(), Some(e.error_len())),
            };
            let end = pos + valid;
            if let Some(held) = self.pass_valid(data, pos, end, last)? {
                return Ok(held);
            }
            match bad {
                None => return Ok(data.len()),
                // Part of a character at the end: it may come with the next write.
                Some(None) if !last => return Ok(end),
                Some(None) => {
                    self.write_shown("\u{fffd}")?;
                    return Ok(data.len());
                }
                Some(Some(n)) => {
                    self.write_shown("\u{fffd}")?;
                    pos = end + n;
                }
            }
        }
    }

    /// Write `data[start..end]`, valid UTF-8, shown visibly; the bytes after
    /// `end` are only looked at. `Some(i)` where the rest from `i` on is
    /// held back for the next write.
    fn pass_valid(&mut self, data: &[u8], start: usize, end: usize, last: bool) -> io::Result<Option<usize>> {
        let text = std::str::from_utf8(&data[start..end]).unwrap_or_default();
        let mut clean = start;
        let mut i = start;
        while i < end {
            if !may_begin_hidden(data[i]) {
                i += 1;
                continue;
            }
            let Some(c) = text[i - start..].chars().next() else { break };
            let len = c.len_utf8();
            let allowed = match c {
                '\r' => match data.get(i + 1) {
                    Some(b'\n') => true,
                    None if !last => {
                        self.write_clean(&data[clean..i])?;
                        return Ok(Some(i));
                    }
                    _ => false,
                },
                '\u{feff}' => !self.started && i == 0,
                '\u{1b}' if self.colour => match own_colour(&data[i + 1..]) {
                    Ok(Some(n)) => {
                        i += 1 + n;
                        continue;
                    }
                    Err(()) if !last => {
                        self.write_clean(&data[clean..i])?;
                        return Ok(Some(i));
                    }
                    Ok(None) | Err(()) => false,
                },
                c => !is_hidden(c),
            };
            if !allowed {
                self.write_clean(&data[clean..i])?;
                let mut shown = String::new();
                push_escape(&mut shown, c);
                self.write_shown(&shown)?;
                clean = i + len;
            }
            i += len;
        }
        self.write_clean(&data[clean..end])?;
        Ok(None)
    }

    fn write_shown(&mut self, shown: &str) -> io::Result<()> {
        self.started = true;
        self.inner.write_all(shown.as_bytes())
    }

    fn write_clean(&mut self, bytes: &[u8]) -> io::Result<()> {
        if !bytes.is_empty() {
            self.started = true;
            self.inner.write_all(bytes)?;
        }
        Ok(())
    }
}

impl Write for Visible<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.carry.is_empty() {
            let used = self.pass(buf, false)?;
            self.carry.extend_from_slice(&buf[used..]);
        } else {
            let mut data = std::mem::take(&mut self.carry);
            data.extend_from_slice(buf);
            let used = self.pass(&data, false)?;
            self.carry = data.split_off(used);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Write through a [`Visible`] writer: `write` writes, then what was held
/// back is written.
pub fn through<E: From<io::Error>>(
    out: &mut dyn Write,
    colour: bool,
    write: impl FnOnce(&mut dyn Write) -> Result<(), E>,
) -> Result<(), E> {
    let mut v = Visible::with_colour(out, colour);
    write(&mut v)?;
    v.finish()?;
    Ok(())
}

#[cfg(test)]
mod tests;

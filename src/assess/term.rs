//! The questionnaire on a real terminal: screens drawn on stderr in the
//! alternate screen, keys read one at a time (console's raw mode), and a
//! line editor that knows Chinese characters take two columns.
//!
//! dialoguer's `Input` moves the cursor one column per character on
//! Backspace, which leaves wide characters half-erased (ECOSYSTEM.md); this
//! editor redraws the whole line instead, so the cursor is always right.

use std::io::Write;
use std::time::Instant;

use console::{Key, Term};

use super::{Abort, ItemAction, ItemScreen, Prompter, ReviewAction, ReviewScreen, Welcome, screen};
use crate::i18n::{self, Messages};
use crate::lang::Lang;
use crate::width::wrap;

const ENTER_ALT: &str = "\x1b[?1049h";
const LEAVE_ALT: &str = "\x1b[?1049l";
const HIDE_CURSOR: &str = "\x1b[?25l";
const SHOW_CURSOR: &str = "\x1b[?25h";
const CLEAR: &str = "\x1b[H\x1b[2J\x1b[3J";
/// Ctrl-X: the trainer's key to end a kiosk session. No participant's
/// screen names it, and it asks "end the session? y/N" first.
pub const KIOSK_EXIT: char = '\x18';

/// Restore the terminal: what a signal handler writes before the process ends.
pub const RESTORE: &str = "\x1b[?25h\x1b[?1049l";

/// Keys, Ctrl-C among them, stay keys for as long as the questionnaire
/// holds the terminal, between reads as well as during them.
///
/// console puts the terminal in raw mode only while it waits for a key and
/// gives the cooked mode back after each one. A Ctrl-C typed in between
/// (while a screen is drawn, a draft saved) was then a SIGINT, whose handler
/// ends the process: in a kiosk, the whole session rather than the
/// participant. With line editing, echo and signals off from the start, a
/// Ctrl-C is always a byte the next read gives as [`Key::CtrlC`], and only
/// `kill -INT` (or a hang-up) reaches the handler, which calls
/// [`give_back_keys`] first.
#[cfg(unix)]
mod keys {
    use std::fs::File;
    use std::sync::Mutex;

    use nix::sys::termios::{LocalFlags, SetArg, Termios, tcgetattr, tcsetattr};

    /// The terminal's own settings, to give back, and the terminal.
    static SAVED: Mutex<Option<(File, Termios)>> = Mutex::new(None);

    pub fn hold() {
        let Ok(tty) = File::options().read(true).write(true).open("/dev/tty") else { return };
        let Ok(original) = tcgetattr(&tty) else { return };
        let mut held = original.clone();
        held.local_flags.remove(LocalFlags::ICANON | LocalFlags::ECHO | LocalFlags::ISIG | LocalFlags::IEXTEN);
        if tcsetattr(&tty, SetArg::TCSADRAIN, &held).is_ok()
            && let Ok(mut saved) = SAVED.lock()
            && saved.is_none()
        {
            *saved = Some((tty, original));
        }
    }

    pub fn give_back() {
        if let Ok(mut saved) = SAVED.lock()
            && let Some((tty, original)) = saved.take()
        {
            let _ = tcsetattr(&tty, SetArg::TCSADRAIN, &original);
        }
    }
}

#[cfg(not(unix))]
mod keys {
    pub fn hold() {}
    pub fn give_back() {}
}

/// Give the terminal its own settings back (line editing, echo, Ctrl-C as
/// a signal): when the questionnaire lets it go, and in the signal handler.
pub fn give_back_keys() {
    keys::give_back();
}

pub struct TermPrompter {
    term: Term,
    lang: Lang,
    msg: &'static dyn Messages,
}

impl TermPrompter {
    /// Take over the terminal (alternate screen). Dropping it gives it back.
    pub fn new(lang: Lang) -> Self {
        let term = Term::stderr();
        let _ = term.write_str(ENTER_ALT);
        keys::hold();
        TermPrompter { term, lang, msg: i18n::msg(lang) }
    }

    fn size(&self) -> (u16, u16) {
        let (rows, cols) = self.term.size();
        (rows.max(10), cols.max(20))
    }

    fn cols(&self) -> u16 {
        self.size().1
    }

    fn rows(&self) -> u16 {
        self.size().0
    }

    /// Speak another language from now on (a resumed draft's).
    pub fn set_lang(&mut self, lang: Lang) {
        self.lang = lang;
        self.msg = i18n::msg(lang);
    }

    /// Draw a whole screen: clear, then the lines. Never more lines than
    /// the terminal has rows, so that nothing scrolls away; the screens are
    /// made to fit (see [`screen`]), and this is the last guard.
    fn draw(&self, lines: &[String], cursor: bool) -> Result<(), Abort> {
        let lines = &lines[..lines.len().min(usize::from(self.rows()))];
        let mut out = String::with_capacity(lines.len() * 40);
        out.push_str(if cursor { SHOW_CURSOR } else { HIDE_CURSOR });
        out.push_str(CLEAR);
        // Rubric texts and names come from files: nothing in them may act
        // on the terminal (SPEC §12).
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                out.push_str("\r\n");
            }
            out.push_str(&crate::visible::escape(line));
        }
        let mut t = &self.term;
        t.write_all(out.as_bytes()).and_then(|()| t.flush()).map_err(|e| Abort::Closed(e.to_string()))
    }

    fn key(&self) -> Result<Key, Abort> {
        match self.term.read_key_raw() {
            Ok(Key::CtrlC) => Err(Abort::Interrupted),
            Ok(Key::Char('\x04')) => Err(Abort::Interrupted), // Ctrl-D
            Ok(k) => Ok(k),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => Err(Abort::Interrupted),
            Err(e) => Err(Abort::Closed(e.to_string())),
        }
    }
}

impl Drop for TermPrompter {
    fn drop(&mut self) {
        keys::give_back();
        let _ = self.term.write_str(&format!("{SHOW_CURSOR}{LEAVE_ALT}"));
        let _ = self.term.flush();
    }
}

/// Move a cursor up or down within 0..n.
fn step(selected: usize, n: usize, key: &Key) -> usize {
    match key {
        Key::ArrowUp | Key::Char('k') if selected > 0 => selected - 1,
        Key::ArrowDown | Key::Char('j') if selected + 1 < n => selected + 1,
        Key::PageUp => selected.saturating_sub(10),
        Key::PageDown => (selected + 10).min(n.saturating_sub(1)),
        Key::Home => 0,
        Key::End => n.saturating_sub(1),
        _ => selected,
    }
}

impl Prompter for TermPrompter {
    fn welcome(&mut self, w: &Welcome) -> Result<(), Abort> {
        let (rows, cols) = self.size();
        let lines = screen::welcome(w, self.lang, cols, rows);
        self.draw(&lines, false)?;
        loop {
            if self.key()? == Key::Enter {
                return Ok(());
            }
        }
    }

    fn text(&mut self, label: &str, required: bool) -> Result<String, Abort> {
        let mut value = String::new();
        let mut hint = false;
        loop {
            let width = screen::text_width(self.cols());
            let mut lines = wrap(label, width);
            if hint {
                lines.push(self.msg.assess_required_hint().to_string());
            }
            lines.push(String::new());
            // The line being typed comes last, so the cursor stands right after it.
            lines.push(format!("> {value}"));
            self.draw(&lines, true)?;
            match self.key()? {
                Key::Enter if required && value.trim().is_empty() => hint = true,
                Key::Enter => return Ok(value),
                Key::Backspace => {
                    value.pop();
                }
                // No control or bidi character is taken, typed or pasted (SPEC §12).
                Key::Char(c) if !c.is_control() && !crate::textsafe::unsafe_char(c) && value.chars().count() < 100 => {
                    value.push(c)
                }
                _ => {}
            }
        }
    }

    fn choose(&mut self, label: &str, options: &[String]) -> Result<usize, Abort> {
        let mut selected = 0;
        loop {
            let width = screen::text_width(self.cols());
            let mut lines = wrap(label, width);
            lines.push(String::new());
            for (k, o) in options.iter().enumerate() {
                let mark = if k == selected { "▸" } else { " " };
                lines.push(format!("{mark} {}  {}", k + 1, screen::truncate(o, width.saturating_sub(6))));
            }
            lines.push(String::new());
            lines.extend(wrap(self.msg.assess_choose_keys(), width));
            self.draw(&lines, false)?;
            match self.key()? {
                Key::Enter => return Ok(selected),
                Key::Char(c) if c.is_ascii_digit() => {
                    let n = c as usize - '0' as usize;
                    if (1..=options.len()).contains(&n) {
                        return Ok(n - 1);
                    }
                }
                k => selected = step(selected, options.len(), &k),
            }
        }
    }

    fn confirm(&mut self, question: &str, default: bool) -> Result<bool, Abort> {
        let options = [self.msg.assess_yes().to_string(), self.msg.assess_no().to_string()];
        let mut selected = if default { 0 } else { 1 };
        loop {
            let width = screen::text_width(self.cols());
            let mut lines = wrap(question, width);
            lines.push(String::new());
            for (k, o) in options.iter().enumerate() {
                lines.push(format!("{} {o}", if k == selected { "▸" } else { " " }));
            }
            lines.push(String::new());
            lines.extend(wrap(self.msg.assess_confirm_keys(), width));
            self.draw(&lines, false)?;
            match self.key()? {
                Key::Enter => return Ok(selected == 0),
                Key::Char('y' | 'Y') => return Ok(true),
                Key::Char('n' | 'N') => return Ok(false),
                k => selected = step(selected, 2, &k),
            }
        }
    }

    fn item(&mut self, s: &ItemScreen) -> Result<(ItemAction, f64), Abort> {
        let start = Instant::now();
        let n = s.options.len();
        let mut selected = match s.current {
            Some(Some(v)) => s.options.iter().position(|(x, _)| *x == v).unwrap_or(n / 2),
            _ => n / 2,
        };
        loop {
            let (rows, cols) = self.size();
            self.draw(&screen::item(s, selected, self.lang, cols, rows), false)?;
            let key = self.key()?;
            let action = match key {
                Key::Char(c) if c.is_ascii_digit() => {
                    let v = c as i64 - '0' as i64;
                    s.options.iter().any(|(x, _)| *x == v).then_some(ItemAction::Answer(v))
                }
                Key::Enter => Some(ItemAction::Answer(s.options[selected].0)),
                Key::Char('s' | 'S') if s.allow_skip => Some(ItemAction::Skip),
                Key::Char('b' | 'B') | Key::Backspace | Key::ArrowLeft if s.can_go_back => Some(ItemAction::Back),
                k => {
                    selected = step(selected, n, &k);
                    None
                }
            };
            if let Some(a) = action {
                return Ok((a, start.elapsed().as_secs_f64()));
            }
        }
    }

    fn review(&mut self, s: &ReviewScreen) -> Result<ReviewAction, Abort> {
        let mut selected = 0;
        loop {
            let (rows, cols) = self.size();
            self.draw(&screen::review(s, selected, self.lang, cols, rows), false)?;
            match self.key()? {
                Key::Enter if selected == 0 => return Ok(ReviewAction::Submit),
                Key::Enter => return Ok(ReviewAction::Change(selected - 1)),
                k => selected = step(selected, s.lines.len() + 1, &k),
            }
        }
    }

    /// The waiting screen names no key but Enter. The trainer's key
    /// (Ctrl-X) asks first; anything but y goes back to waiting.
    fn next_participant(&mut self) -> Result<(), Abort> {
        let mut asking = false;
        loop {
            let width = screen::text_width(self.cols());
            let text = if asking { self.msg.assess_kiosk_confirm_exit() } else { self.msg.assess_next_participant() };
            self.draw(&wrap(text, width), false)?;
            let key = match self.term.read_key_raw() {
                Ok(k) => k,
                // A participant's Ctrl-C does not end the session.
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(Abort::Closed(e.to_string())),
            };
            match (asking, key) {
                (true, Key::Char('y' | 'Y')) => return Err(Abort::KioskExit),
                (true, _) => asking = false,
                (false, Key::Enter) => return Ok(()),
                (false, Key::Char(KIOSK_EXIT)) => asking = true,
                (false, _) => {}
            }
        }
    }

    fn done(&mut self, text: &str) -> Result<(), Abort> {
        let width = screen::text_width(self.cols());
        let mut lines = wrap(text, width);
        lines.push(String::new());
        lines.push(self.msg.assess_press_enter_to_finish().to_string());
        self.draw(&lines, false)?;
        while self.key()? != Key::Enter {}
        // Nothing of this person stays on screen or in the scrollback.
        self.draw(&[], false)?;
        Ok(())
    }
}

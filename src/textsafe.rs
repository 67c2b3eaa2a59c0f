//! Characters that must not reach a terminal from data (SPEC §12): control
//! characters (C0 except tab, DEL, C1) and the controls of text direction
//! (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069). Intake refuses
//! them in names, departments, sessions and rater names; `visible` shows
//! them (and the invisible ones) as `\u{…}` in every text output.

/// Whether `c` may not stand in a name or reach a terminal as it is.
pub fn unsafe_char(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{a}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The first such character of `s`: its byte offset, and the character.
pub fn first_unsafe(s: &str) -> Option<(usize, char)> {
    s.char_indices().find(|&(_, c)| unsafe_char(c))
}

/// Characters that show nothing and can hide text (zero-width, U+FEFF):
/// not refused at intake, but shown as escapes in output (see `visible`).
pub fn invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{180e}' | '\u{feff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_characters_refused() {
        for c in ['\u{0}', '\u{7}', '\n', '\r', '\u{1b}', '\u{1f}', '\u{7f}', '\u{80}', '\u{9b}', '\u{9f}'] {
            assert!(unsafe_char(c), "{:x}", c as u32);
        }
        for c in ['\u{61c}', '\u{200e}', '\u{200f}', '\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}'] {
            assert!(unsafe_char(c), "{:x}", c as u32);
        }
        for c in ['\t', ' ', 'a', '张', '\u{a0}', '\u{200b}', '\u{200d}', '\u{2065}', '\u{202f}', '\u{feff}'] {
            assert!(!unsafe_char(c), "{:x}", c as u32);
        }
    }

    #[test]
    fn the_first_one_is_found_by_its_byte_offset() {
        assert_eq!(first_unsafe("张三"), None);
        assert_eq!(first_unsafe("张\u{202e}三\u{1b}"), Some((3, '\u{202e}')));
        assert_eq!(first_unsafe("\tx"), None);
    }
}

use proptest::prelude::*;

use super::*;

fn shown(colour: bool, chunks: &[&[u8]]) -> String {
    let mut out = Vec::new();
    {
        let mut v = Visible::with_colour(&mut out, colour);
        for c in chunks {
            v.write_all(c).unwrap();
        }
        v.finish().unwrap();
    }
    String::from_utf8(out).unwrap()
}

/// No character that acts on a terminal is left, but CR before LF and a
/// byte-order mark first.
fn nothing_hidden(s: &str) -> bool {
    let s = s.strip_prefix('\u{feff}').unwrap_or(s).replace("\r\n", "\n");
    !has_hidden(&s)
}

#[test]
fn the_characters() {
    for c in
        ['\u{0}', '\u{7}', '\u{8}', '\u{b}', '\u{c}', '\r', '\u{1b}', '\u{1f}', '\u{7f}', '\u{80}', '\u{9b}', '\u{9f}']
    {
        assert!(is_hidden(c), "{c:?}");
    }
    for c in ['\u{61c}', '\u{200e}', '\u{200f}', '\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}'] {
        assert!(is_hidden(c), "bidi {c:?}");
    }
    for c in ['\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}'] {
        assert!(is_hidden(c), "zero width {c:?}");
    }
    for c in ['\t', '\n', ' ', 'a', '张', '，', '\u{a0}', '\u{2028}', '😀', '\u{3000}'] {
        assert!(!is_hidden(c), "{c:?}");
    }
}

#[test]
fn escapes_look_like_rust() {
    assert_eq!(escape("张三"), "张三");
    assert!(matches!(escape("张三"), Cow::Borrowed(_)));
    assert_eq!(escape("a\u{1b}]0;title\u{7}b"), "a\\u{1b}]0;title\\u{7}b");
    assert_eq!(escape("\u{202e}evil"), "\\u{202e}evil");
    assert_eq!(escape("\u{0}"), "\\u{0}");
    for c in ['\u{0}', '\u{7}', '\u{1b}', '\u{7f}', '\u{9b}', '\u{61c}', '\u{202e}', '\u{feff}'] {
        assert_eq!(escape_width(c), escape(&c.to_string()).len(), "{c:?}");
    }
}

#[test]
fn the_writer_shows_what_the_terminal_would_obey() {
    let evil = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}]52;c;ZXZpbA==\u{7}\u{202e}张三";
    let out = shown(false, &[evil.as_bytes()]);
    assert_eq!(out, "\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{1b}]52;c;ZXZpbA==\\u{7}\\u{202e}张三");
    // Text already escaped passes unchanged.
    assert_eq!(shown(false, &[out.as_bytes()]), out);
    // A raw C1 byte (CSI in 8-bit terminals) is no UTF-8: shown as U+FFFD.
    assert_eq!(shown(false, &[b"a\x9b2Jb"]), "a\u{fffd}2Jb");
    assert_eq!(shown(false, &[b"a\xe5"]), "a\u{fffd}");
}

#[test]
fn line_ends_and_a_first_byte_order_mark_pass() {
    assert_eq!(shown(false, &["\u{feff}a,b\r\nc\r\n".as_bytes()]), "\u{feff}a,b\r\nc\r\n");
    // CR alone moves the cursor back over the line: shown.
    assert_eq!(shown(false, &[b"abc\rX"]), "abc\\u{d}X");
    assert_eq!(shown(false, &[b"abc\r"]), "abc\\u{d}");
    // Split between two writes, CR LF is still a line end.
    assert_eq!(shown(false, &[b"a\r", b"\nb"]), "a\r\nb");
    // A byte-order mark later on is shown.
    assert_eq!(shown(false, &["a".as_bytes(), "\u{feff}".as_bytes()]), "a\\u{feff}");
}

#[test]
fn own_colours_pass_and_nothing_else() {
    let ours = "\u{1b}[1m张三\u{1b}[0m \u{1b}[38;5;10m达标\u{1b}[39m \u{1b}[32mx\u{1b}[m";
    assert_eq!(shown(true, &[ours.as_bytes()]), ours);
    // Without colour, even they are shown.
    assert!(!shown(false, &[ours.as_bytes()]).contains('\u{1b}'));
    for evil in [
        "\u{1b}[2J",
        "\u{1b}]0;t\u{7}",
        "\u{1b}[8m",
        "\u{1b}[5m",
        "\u{1b}[7m",
        "\u{1b}[1;1H",
        "\u{1b}c",
        "\u{1b}[?1049h",
    ] {
        let out = shown(true, &[evil.as_bytes()]);
        assert!(!out.contains('\u{1b}'), "{evil:?} → {out:?}");
        assert!(out.starts_with("\\u{1b}"), "{out:?}");
    }
    // A colour code split between writes still passes.
    assert_eq!(shown(true, &[b"\x1b[38;", b"5;10mx"]), "\u{1b}[38;5;10mx");
    assert_eq!(shown(true, &[b"\x1b"]), "\\u{1b}");
}

proptest! {
    #[test]
    fn however_it_is_cut_nothing_hidden_is_written(
        s in "[a-z张 \t\n\r\u{1b}\u{7}\u{9b}\u{202e}\u{200b}\u{feff}\\[;0-9m]{0,40}",
        cuts in proptest::collection::vec(0usize..60, 0..6),
        colour in any::<bool>(),
    ) {
        let bytes = s.as_bytes();
        let whole = shown(colour, &[bytes]);
        let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(bytes.len())).collect();
        cuts.sort();
        let mut chunks = Vec::new();
        let mut at = 0;
        for c in cuts {
            chunks.push(&bytes[at..c]);
            at = c;
        }
        chunks.push(&bytes[at..]);
        prop_assert_eq!(&shown(colour, &chunks), &whole);
        if !colour {
            prop_assert!(nothing_hidden(&whole), "{:?}", whole);
            // Escaping once is escaping.
            prop_assert_eq!(shown(false, &[whole.as_bytes()]), whole.clone());
            let escaped = escape(&s);
            prop_assert!(nothing_hidden(&shown(false, &[escaped.as_bytes()])));
        } else {
            // Only colour codes keep an ESC.
            let without = whole.replace("\u{1b}[", "");
            prop_assert!(!without.contains('\u{1b}'), "{:?}", whole);
        }
    }
}

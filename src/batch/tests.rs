//! The block reader of JSON Lines, with blocks far smaller than a line.

use super::*;

/// Every line of `text` with its number, read in blocks of about `size` bytes.
fn read_all(text: &[u8], size: usize) -> Vec<(usize, Vec<u8>)> {
    let mut blocks = Blocks::with_size(Box::new(text), size);
    let mut out = Vec::new();
    let mut next = 1;
    while let Some(b) = blocks.next_block().unwrap() {
        assert_eq!(b.first, next, "blocks follow each other");
        assert!(b.bytes.ends_with(b"\n") || !text[..].ends_with(b"\n"), "a block ends with a whole line");
        let lines: Vec<(usize, Vec<u8>)> = b.lines().map(|(n, l)| (n, l.to_vec())).collect();
        next += memchr::memchr_iter(b'\n', &b.bytes).count();
        out.extend(lines);
        blocks.give_back(b.bytes, b.out);
    }
    out
}

/// What the lines are, read whole.
fn expected(text: &[u8]) -> Vec<(usize, Vec<u8>)> {
    let mut out: Vec<(usize, Vec<u8>)> = Vec::new();
    for (i, l) in text.split_inclusive(|b| *b == b'\n').enumerate() {
        let l = l.strip_suffix(b"\n").unwrap_or(l);
        out.push((i + 1, l.strip_suffix(b"\r").unwrap_or(l).to_vec()));
    }
    out
}

fn inputs() -> Vec<Vec<u8>> {
    let long = format!("{{\"subject\":{{\"name\":\"{}\"}}}}", "张".repeat(40));
    let mut bad = b"{\"subject\":{\"name\":\"".to_vec();
    bad.extend_from_slice(&[0xff, 0xfe]);
    bad.extend_from_slice(b"\"}}\n");
    vec![
        // Lines longer than a block, and short ones.
        format!("{long}\n{{}}\n\n{long}\n").into_bytes(),
        // A line ending exactly at a block boundary (7 bytes a line with its break).
        b"123456\nabcdef\n\n123456\n".to_vec(),
        // CRLF.
        format!("{long}\r\n{{}}\r\n\r\n{long}\r\n").into_bytes(),
        // No final newline.
        format!("{long}\n{{}}\n{long}").into_bytes(),
        // A line that is not UTF-8.
        [b"{}\n".to_vec(), bad, format!("{long}\n").into_bytes()].concat(),
        // A byte-order mark.
        format!("\u{feff}{long}\n{{}}\n").into_bytes(),
        // Nothing, and only a line break.
        Vec::new(),
        b"\n".to_vec(),
    ]
}

#[test]
fn tiny_blocks_give_every_line_once_whole_and_numbered() {
    for text in inputs() {
        let whole = read_all(&text, BLOCK);
        assert_eq!(whole, expected(&text), "{:?}", String::from_utf8_lossy(&text));
        for size in [1, 7, 64] {
            assert_eq!(read_all(&text, size), whole, "size {size}: {:?}", String::from_utf8_lossy(&text));
        }
    }
}

#[test]
fn new_reads_blocks_of_the_default_size() {
    let line = "x".repeat(1000);
    let text: String = (0..600).map(|_| format!("{line}\n")).collect();
    let mut blocks = Blocks::new(Box::new(text.as_bytes()));
    let first = blocks.next_block().unwrap().unwrap();
    assert!(first.bytes.len() <= BLOCK && first.bytes.len() > BLOCK - 1001, "{}", first.bytes.len());
    let second = blocks.next_block().unwrap().unwrap();
    assert_eq!(second.first, 1 + first.bytes.len() / 1001);
}

/// The per-line loop over blocks of about `size` bytes: (good, rejected,
/// the problems rendered, whether it stopped).
fn check_all(text: &[u8], size: usize) -> (usize, usize, String, bool) {
    let rubric = crate::rubric::load_builtin(crate::rubric::builtin("core").unwrap(), Lang::En).unwrap().rubric;
    let how =
        Reading { checker: Checker::new(&rubric, Lang::En), tabular: Default::default(), lang: Lang::En, threads: 1 };
    let mut blocks = Blocks::with_size(Box::new(text), size);
    let mut seen = lines::Lines::default();
    let mut stop = false;
    while let Some(b) = blocks.next_block().unwrap() {
        if lines::lines(&how, &b, &mut seen, &mut |_, _| {}) {
            stop = true;
            break;
        }
    }
    let report = seen.render("x.jsonl", Lang::En, &mut crate::diag::Shown::default());
    (seen.tally.good, seen.tally.rejected, report, stop)
}

#[test]
fn tiny_blocks_check_every_line_as_the_default_size_does() {
    let good = r#"{"subject":{"name":"张三"},"answers":{"learning.passive":4}}"#;
    let bad = r#"{"subject":{"name":"李四"},"answers":{"learning.passive":9}}"#;
    let texts = [
        format!("\u{feff}{good}\n{bad}\r\n\n{good}\n{bad}").into_bytes(),
        [format!("{good}\n").into_bytes(), b"{\"subject\":\xff}\n".to_vec(), format!("{bad}\n").into_bytes()].concat(),
    ];
    for text in &texts {
        let whole = check_all(text, BLOCK);
        for size in [1, 7, 64] {
            assert_eq!(check_all(text, size), whole, "size {size}");
        }
    }
    let (good_n, rejected, report, stop) = check_all(&texts[0], BLOCK);
    assert_eq!((good_n, rejected, stop), (2, 2, false));
    assert!(report.contains("x.jsonl:2:") && report.contains("x.jsonl:5:"), "{report}");
    let (good_n, rejected, report, stop) = check_all(&texts[1], BLOCK);
    assert_eq!((good_n, rejected, stop), (1, 1, true));
    assert!(report.contains("x.jsonl:2:"), "{report}");
}

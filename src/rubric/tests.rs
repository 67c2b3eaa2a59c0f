use super::*;
use crate::testing;

fn parse_str(text: &str) -> Result<Loaded, Problems> {
    parse("t.toml", text.as_bytes(), Lang::En)
}

#[test]
fn builtins_load_without_problems() {
    for b in BUILTINS.iter().chain(EARLIER) {
        let loaded = load_builtin(b, Lang::En).unwrap_or_else(|p| panic!("{}", p.render(Lang::En)));
        assert!(loaded.warnings.is_empty(), "{}: {:?}", b.id, loaded.warnings);
        assert_eq!(loaded.rubric.id, b.id);
        assert_eq!(loaded.rubric.version, b.version, "{}", b.file);
    }
}

/// Results of an earlier built-in version name its sha256: the kept file
/// must be that file, byte for byte.
#[test]
fn earlier_builtins_are_the_files_as_shipped() {
    let shipped = [
        ("core", "1.0.0", "f6dc31b0a707bf1bd8232283471022329144564f6f5d5be10ec6595fe05d17fc"),
        ("office", "1.0.0", "729c7a0b69400cc073594aa82bb90b3d6e49eed876a5a5b9a47bf01c2249c9e8"),
    ];
    for (id, version, sha) in shipped {
        let b = builtin_version(id, version).unwrap_or_else(|| panic!("{id} {version} is kept"));
        assert_eq!(sha256_hex(b.source.as_bytes()), sha, "{}", b.file);
    }
}

#[test]
fn syntax_errors_all_reported() {
    let err = parse_str("format = 1\nid = \nversion = \"1\"\ntitle = [\n").unwrap_err();
    assert!(err.error_count() >= 1);
}

#[test]
fn the_shared_mini_rubric_loads_without_warnings() {
    let loaded = testing::mini();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.rubric.item_count(), 3);
}

#[test]
fn a_dimension_of_fewer_than_three_items_is_warned_about_in_plain_english() {
    let item_c = "[[sections.dimensions.items]]\nid = \"c\"\ntext = \"C\"\n";
    let item_b = "[[sections.dimensions.items]]\nid = \"b\"\ntext = \"B\"\nreverse = true\n";
    let two = testing::MINI.replace(item_c, "");
    let one = two.replace(item_b, "");
    for (text, count) in [(two, "has only 2 items:"), (one, "has only 1 item:")] {
        let loaded = testing::load("mini.toml", &text);
        assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
        assert!(loaded.warnings[0].message.contains(count), "{:?}", loaded.warnings);
    }
}

mod fuzz {
    use proptest::prelude::*;

    use super::*;

    /// An edit of a text: delete a range, insert a fragment, or repeat a line.
    #[derive(Debug, Clone)]
    enum Edit {
        Delete(usize, usize),
        Insert(usize, String),
        RepeatLine(usize),
    }

    fn edit() -> impl Strategy<Value = Edit> {
        let fragment = prop_oneof![
            Just("[".to_string()),
            Just("]]".to_string()),
            Just("{".to_string()),
            Just("\"".to_string()),
            Just(" = ".to_string()),
            Just("\n".to_string()),
            Just("[[sections.dimensions.items]]\n".to_string()),
            Just("weight = -1\n".to_string()),
            Just("nan".to_string()),
            Just("学习".to_string()),
            Just("\u{feff}".to_string()),
            "[a-z0-9 .=\\[\\]{}\",\n-]{1,12}",
        ];
        prop_oneof![
            (any::<usize>(), 0usize..200).prop_map(|(a, n)| Edit::Delete(a, n)),
            (any::<usize>(), fragment).prop_map(|(a, s)| Edit::Insert(a, s)),
            any::<usize>().prop_map(Edit::RepeatLine),
        ]
    }

    fn apply(text: &str, edits: &[Edit]) -> String {
        let mut t = text.to_string();
        for e in edits {
            let at = |i: usize, t: &str| {
                let mut i = i % (t.len() + 1);
                while !t.is_char_boundary(i) {
                    i -= 1;
                }
                i
            };
            match e {
                Edit::Delete(a, n) => {
                    let start = at(*a, &t);
                    let end = at(start + n, &t).max(start);
                    t.replace_range(start..end, "");
                }
                Edit::Insert(a, s) => {
                    let i = at(*a, &t);
                    t.insert_str(i, s);
                }
                Edit::RepeatLine(k) => {
                    let lines: Vec<&str> = t.lines().collect();
                    if !lines.is_empty() {
                        let line = lines[k % lines.len()].to_string();
                        t.push('\n');
                        t.push_str(&line);
                    }
                }
            }
        }
        t
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn arbitrary_bytes_never_panic_the_loader(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let _ = parse("fuzz.toml", &bytes, Lang::En);
            let _ = parse("fuzz.toml", &bytes, Lang::Zh);
        }

        #[test]
        fn random_edits_of_a_valid_rubric_never_panic_the_loader(edits in proptest::collection::vec(edit(), 1..6)) {
            let text = apply(BUILTINS[0].source, &edits);
            match parse("fuzz.toml", text.as_bytes(), Lang::En) {
                Ok(_) => {}
                Err(p) => {
                    // Every problem is reported, and rendering it does not panic either.
                    prop_assert!(p.error_count() > 0);
                    let _ = p.render(Lang::En);
                    let _ = p.render(Lang::Zh);
                }
            }
        }
    }
}

/// The place of a diagnostic as `line:column` (1-based) in `text`.
fn line_col(text: &str, d: &crate::diag::Diagnostic) -> (usize, usize) {
    let at = d.span.clone().expect("a place").start;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

/// The 1-based line of the first line of `text` that contains `needle`
/// at or after line `from`.
fn line_of(text: &str, needle: &str, from: usize) -> usize {
    text.lines().enumerate().skip(from.saturating_sub(1)).find(|(_, l)| l.contains(needle)).expect(needle).0 + 1
}

/// [`testing::MINI`] with `extra` added to item `id`'s table.
fn mini_with(edits: &[(&str, &str)]) -> String {
    let mut text = testing::MINI.to_string();
    for (id, extra) in edits {
        let head = format!("id = \"{id}\"\n");
        text = text.replacen(&head, &format!("{head}{extra}\n"), 1);
    }
    text
}

fn errors_of(text: &str) -> Vec<crate::diag::Diagnostic> {
    parse_str(text).expect_err("refused").diagnostics
}

#[test]
fn others_needs_every_rubric_language() {
    // With two languages the mini rubric's plain texts are refused too: only
    // the errors about `others` are looked at.
    let two = |text: String| text.replace("languages = [\"en\"]", "languages = [\"zh\", \"en\"]");
    let about_others = |text: &str| {
        errors_of(text)
            .into_iter()
            .filter(|d| d.level == crate::diag::Level::Error && d.message.contains("`others`"))
            .collect::<Vec<_>>()
    };
    assert!(about_others(&two(testing::MINI.to_string())).is_empty());
    let complete = two(mini_with(&[("a", "others = { zh = \"该同志…\", en = \"This colleague …\" }")]));
    assert!(about_others(&complete).is_empty());
    let text = two(mini_with(&[("a", "others = { zh = \"该同志…\" }")]));
    let found = about_others(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].message, "`others` of item \"a\" has no `en` text");
    assert_eq!(line_col(&text, &found[0]), (line_of(&text, "others = {", 1), 10));
}

#[test]
fn some_items_with_others_and_some_without_is_a_warning_at_the_first_without() {
    let text = mini_with(&[("a", "others = \"This colleague A\""), ("c", "others = \"This colleague C\"")]);
    let loaded = testing::load("mini.toml", &text);
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    let w = &loaded.warnings[0];
    assert_eq!(w.level, crate::diag::Level::Warning);
    assert_eq!(w.message, "only 2 of the 3 items have `others`; item \"b\" and more have none");
    assert_eq!(line_col(&text, w), (line_of(&text, "id = \"b\"", 1), 6));
    // All of them, or none: no warning.
    let all = mini_with(&[("a", "others = \"A\""), ("b", "others = \"B\""), ("c", "others = \"C\"")]);
    assert!(testing::load("mini.toml", &all).warnings.is_empty());
    assert!(testing::mini().warnings.is_empty());
}

#[test]
fn a_pair_of_opposites_is_accepted() {
    let text = mini_with(&[("b", "opposite = \"a\"")]);
    let loaded = testing::load("mini.toml", &text);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.rubric.sections[0].dimensions[0].items[1].opposite.as_deref(), Some("a"));
}

#[test]
fn opposite_only_on_a_reverse_item() {
    let text = mini_with(&[("c", "opposite = \"a\"")]);
    let diags = errors_of(&text);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].message, "item \"c\" has an `opposite` but is not reverse-keyed");
    assert_eq!(line_col(&text, &diags[0]), (line_of(&text, "opposite", 1), 1));
}

#[test]
fn opposite_names_a_plain_item_of_the_same_dimension() {
    // No such item.
    let text = mini_with(&[("b", "opposite = \"z\"")]);
    let diags = errors_of(&text);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].message, "`opposite` of item \"b\" names \"z\", which is not an item of dimension \"d\"");
    assert_eq!(diags[0].label.as_deref(), Some("no item \"z\""));
    assert_eq!(line_col(&text, &diags[0]), (line_of(&text, "opposite", 1), 12));
    // An item of another dimension.
    let other = "[[sections.dimensions]]\nid = \"e\"\ntitle = \"E\"\n[[sections.dimensions.items]]\nid = \"x\"\ntext = \"X\"\n[[sections.dimensions.items]]\nid = \"y\"\ntext = \"Y\"\n[[sections.dimensions.items]]\nid = \"w\"\ntext = \"W\"\n";
    let text = format!("{}{other}", mini_with(&[("b", "opposite = \"x\"")]));
    let diags = errors_of(&text);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].label.as_deref(), Some("\"x\" is in dimension \"e\""));
    // A reverse item.
    let diags = errors_of(&mini_with(&[("b", "opposite = \"c\""), ("c", "reverse = true")]));
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].message, "`opposite` of item \"b\" names \"c\", which is reverse-keyed too");
    // Itself (reverse): the same.
    let diags = errors_of(&mini_with(&[("b", "opposite = \"b\"")]));
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(diags[0].message.contains("reverse-keyed too"), "{diags:?}");
}

#[test]
fn no_item_is_named_by_two_opposites() {
    let text = mini_with(&[("b", "opposite = \"a\""), ("c", "reverse = true\nopposite = \"a\"")]);
    let diags = errors_of(&text);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].message, "item \"a\" is named by two `opposite`s");
    let second = line_of(&text, "opposite", line_of(&text, "id = \"c\"", 1));
    assert_eq!(line_col(&text, &diags[0]), (second, 12));
    let (related, note) = diags[0].related.clone().expect("the first named");
    let first = line_of(&text, "opposite", 1);
    assert_eq!(text[..related.start].matches('\n').count() + 1, first);
    assert_eq!(note, "first named here");
}

#[test]
fn order_and_self_rating_take_their_names_only() {
    let text = testing::MINI.replace("[scale]", "order = \"mixed\"\n[scale]");
    let shown = parse_str(&text).unwrap_err().render(Lang::En);
    assert!(shown.contains("`mixed` is not allowed here: expected one of \"grouped\", \"interleaved\""), "{shown}");
    assert!(shown.contains("t.toml:"), "{shown}");
    let text = testing::MINI.replace("title = \"D\"", "title = \"D\"\nself_rating = \"self\"");
    let shown = parse("t.toml", text.as_bytes(), Lang::Zh).unwrap_err().render(Lang::Zh);
    assert!(shown.contains("取值 `self` 无效：应为 \"score\"、\"reflect\" 之一"), "{shown}");
    let text = testing::MINI.replace("[scale]", "order = \"interleaved\"\n[scale]");
    assert_eq!(testing::load("mini.toml", &text).rubric.order, Order::Interleaved);
}

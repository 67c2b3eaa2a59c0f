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

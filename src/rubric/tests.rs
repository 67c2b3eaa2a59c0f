use super::*;

fn parse_str(text: &str) -> Result<Loaded, Problems> {
    parse("t.toml", text.as_bytes(), Lang::En)
}

#[test]
fn builtins_load_without_problems() {
    for b in BUILTINS {
        let loaded = load_builtin(b, Lang::En).unwrap_or_else(|p| panic!("{}", p.render(Lang::En)));
        assert!(loaded.warnings.is_empty(), "{}: {:?}", b.id, loaded.warnings);
        assert_eq!(loaded.rubric.id, b.id);
    }
}

#[test]
fn syntax_errors_all_reported() {
    let err = parse_str("format = 1\nid = \nversion = \"1\"\ntitle = [\n").unwrap_err();
    assert!(err.error_count() >= 1);
}

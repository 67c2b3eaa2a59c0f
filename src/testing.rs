//! What the unit tests of several modules share: a mini rubric and loaders.

use crate::lang::Lang;
use crate::rubric::{self, Loaded};

/// The smallest useful rubric: English only, one section, one dimension,
/// three items ("a", "b" reverse-keyed, "c"), skipping allowed.
pub(crate) const MINI: &str = r#"
format = 1
id = "mini"
version = "1"
title = "Mini"
languages = ["en"]
[scale]
min = 1
max = 5
labels = ["1", "2", "3", "4", "5"]
allow_skip = true
[[sections]]
id = "s"
title = "S"
[[sections.dimensions]]
id = "d"
title = "D"
[[sections.dimensions.items]]
id = "a"
text = "A"
[[sections.dimensions.items]]
id = "b"
text = "B"
reverse = true
[[sections.dimensions.items]]
id = "c"
text = "C"
"#;

/// A rubric text of a test, loaded; its problems, rendered, if it has any.
pub(crate) fn load(path: &str, text: &str) -> Loaded {
    rubric::parse(path, text.as_bytes(), Lang::En).unwrap_or_else(|p| panic!("{}", p.render(Lang::En)))
}

/// [`MINI`], loaded.
pub(crate) fn mini() -> Loaded {
    load("mini.toml", MINI)
}

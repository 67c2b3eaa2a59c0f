//! What the unit tests of several modules share: the rubrics they score and
//! read, written out here once, and their loaders.

use std::sync::LazyLock;

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

/// The rubric of the scoring tests (`t.toml`): two sections of three
/// dimensions, reverse-keyed and weighted items, weighted dimensions and
/// sections, targets by default, by dimension, by section and by profile
/// ("chief"), skipping allowed. The expected numbers of `score::tests` are
/// computed by hand on it: change nothing.
pub(crate) const SCORED: &str = r#"
format = 1
id = "t"
version = "1"
title = "T"
languages = ["en"]
[scale]
min = 1
max = 5
labels = ["1", "2", "3", "4", "5"]
allow_skip = true
[targets]
default = 80.0
[gap]
minor = 10.0
moderate = 20.0
[profiles.chief]
title = "Chief"
default = 85.0
targets = { d3 = 95.0, s1 = 60.0 }
[[sections]]
id = "s1"
title = "S1"
[[sections.dimensions]]
id = "d1"
title = "D1"
suggestions = ["do d1"]
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
weight = 2.0
[[sections.dimensions]]
id = "d2"
title = "D2"
weight = 3.0
target = 90.0
suggestions = ["do d2a", "do d2b"]
[[sections.dimensions.items]]
id = "e"
text = "E"
[[sections.dimensions.items]]
id = "f"
text = "F"
[[sections.dimensions.items]]
id = "g"
text = "G"
[[sections]]
id = "s2"
title = "S2"
weight = 2.0
target = 70.0
[[sections.dimensions]]
id = "d3"
title = "D3"
[[sections.dimensions.items]]
id = "h"
text = "H"
[[sections.dimensions.items]]
id = "i"
text = "I"
[[sections.dimensions.items]]
id = "j"
text = "J"
[[sections.dimensions.items]]
id = "k"
text = "K"
reverse = true
"#;

/// [`SCORED`], loaded.
pub(crate) fn scored() -> Loaded {
    load("t.toml", SCORED)
}

/// The rubric of the group tests (`t.toml`): two sections; d1 has a
/// reverse-keyed item, d3 a single item. The group statistics are computed
/// by hand on it.
pub(crate) const GROUPED: &str = r#"
format = 1
id = "t"
version = "1.0.0"
title = "T"
languages = ["en"]
[scale]
min = 1
max = 5
labels = ["1", "2", "3", "4", "5"]
allow_skip = true
[[sections]]
id = "s1"
title = "S1"
[[sections.dimensions]]
id = "d1"
title = "D1"
suggestions = ["do d1"]
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
[[sections.dimensions]]
id = "d2"
title = "D2"
[[sections.dimensions.items]]
id = "e"
text = "E"
[[sections.dimensions.items]]
id = "f"
text = "F"
[[sections]]
id = "s2"
title = "S2"
[[sections.dimensions]]
id = "d3"
title = "D3"
[[sections.dimensions.items]]
id = "h"
text = "H"
"#;

/// [`GROUPED`], loaded.
pub(crate) fn grouped() -> Loaded {
    load("t.toml", GROUPED)
}

/// The rubric of the table-reading tests (`s.toml`): Chinese and English,
/// two dimensions, no skipping, anchors on item "y".
pub(crate) const STRICT: &str = r#"
format = 1
id = "s"
version = "1"
title = { zh = "测", en = "T" }
languages = ["zh", "en"]
[scale]
min = 1
max = 5
labels = [
  { zh = "完全不符合", en = "Not at all like me" },
  { zh = "较不符合", en = "Not much like me" },
  { zh = "一般", en = "Somewhat like me" },
  { zh = "较符合", en = "Mostly like me" },
  { zh = "完全符合", en = "Very much like me" },
]
allow_skip = false
[[sections]]
id = "s1"
title = { zh = "一", en = "One" }
[[sections.dimensions]]
id = "d"
title = { zh = "甲", en = "D" }
[[sections.dimensions.items]]
id = "x"
text = { zh = "我会做甲。", en = "I do A." }
[[sections.dimensions.items]]
id = "y"
text = { zh = "我会做乙。", en = "I do B." }
anchors = [
  { zh = "从不", en = "Never" },
  { zh = "很少", en = "Rarely" },
  { zh = "有时", en = "Sometimes" },
  { zh = "经常", en = "Often" },
  { zh = "总是", en = "Always" },
]
[[sections.dimensions.items]]
id = "z"
text = { zh = "我会做丙。", en = "I do C." }
"#;

/// [`STRICT`], loaded.
pub(crate) fn strict() -> Loaded {
    load("s.toml", STRICT)
}

/// A built-in rubric, loaded (in English: they have no warnings to word).
fn builtin(id: &str) -> Loaded {
    let b = rubric::builtin(id).unwrap_or_else(|| panic!("{id} is built in"));
    rubric::load_builtin(b, Lang::En).unwrap_or_else(|p| panic!("{}", p.render(Lang::En)))
}

/// The built-in core rubric, loaded.
pub(crate) fn core() -> Loaded {
    builtin("core")
}

/// The built-in office rubric, loaded.
pub(crate) fn office() -> Loaded {
    builtin("office")
}

/// [`SCORED`], loaded once for all the tests that only read it (the
/// property tests score it in every case).
pub(crate) static SCORED_LOADED: LazyLock<Loaded> = LazyLock::new(scored);

/// The built-in core rubric, loaded once for all the tests that only read it.
pub(crate) static CORE: LazyLock<Loaded> = LazyLock::new(core);

/// The built-in office rubric, loaded once for all the tests that only read it.
pub(crate) static OFFICE: LazyLock<Loaded> = LazyLock::new(office);

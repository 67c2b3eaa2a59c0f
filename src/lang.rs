//! Languages: the interface language, and rubric texts given in several languages.

use std::collections::BTreeMap;
use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The interface language. Rubric texts may come in other languages too; the
/// interface itself speaks these two.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language a locale string like `zh_CN.UTF-8` or `en-GB` asks for;
    /// `None` for `C`, `POSIX`, empty, or a language the interface lacks.
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let lower = locale.trim().to_ascii_lowercase();
        let primary = lower.split(['_', '-', '.', '@']).next().unwrap_or("");
        Lang::from_code(primary)
    }

    /// Whether the language was chosen for zhixing itself (the flag, or
    /// `ZHIXING_LANG`), not just taken from the locale: a chosen language
    /// wins over a result's own (SPEC §9, reports).
    pub fn chosen(flag: Option<Lang>, env: impl Fn(&str) -> Option<String>) -> bool {
        flag.is_some() || env("ZHIXING_LANG").as_deref().and_then(Lang::from_locale).is_some()
    }

    /// Resolve the interface language: the flag, then `ZHIXING_LANG`, then
    /// `LC_ALL`, `LC_MESSAGES`, `LANG`, then Chinese. `env` is passed in so
    /// that tests do not depend on the process environment.
    pub fn resolve(flag: Option<Lang>, env: impl Fn(&str) -> Option<String>) -> Lang {
        if let Some(lang) = flag {
            return lang;
        }
        if let Some(lang) = env("ZHIXING_LANG").as_deref().and_then(Lang::from_locale) {
            return lang;
        }
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Some(value) = env(var).filter(|v| !v.is_empty()) {
                // The first locale variable that is set decides, as in POSIX.
                return Lang::from_locale(&value).unwrap_or_default();
            }
        }
        Lang::default()
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A text in a rubric: a table of language code → string, or a plain string
/// when the rubric has exactly one language.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Text {
    /// The text in the rubric's only language.
    Plain(String),
    /// The text in each of the rubric's languages, e.g. `{ zh = "…", en = "…" }`.
    Translated(BTreeMap<String, String>),
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> serde::de::Visitor<'de> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text: a string, or a table of language = string such as { zh = \"…\", en = \"…\" }")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::Plain(v.to_string()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text::Plain(v))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let mut out = BTreeMap::new();
                while let Some((k, v)) = map.next_entry::<String, String>()? {
                    out.insert(k, v);
                }
                Ok(Text::Translated(out))
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

impl Text {
    /// The text in `lang`, else in the first of `fallback` languages that it
    /// has, else any text it has.
    pub fn get<'a>(&'a self, lang: &str, fallback: &[String]) -> &'a str {
        match self {
            Text::Plain(s) => s,
            Text::Translated(map) => map
                .get(lang)
                .or_else(|| fallback.iter().find_map(|l| map.get(l)))
                .or_else(|| map.values().next())
                .map(String::as_str)
                .unwrap_or(""),
        }
    }

    /// Every string of this text, with its language (None for a plain text).
    pub fn strings(&self) -> Vec<(Option<&str>, &str)> {
        match self {
            Text::Plain(s) => vec![(None, s.as_str())],
            Text::Translated(map) => map.iter().map(|(k, v)| (Some(k.as_str()), v.as_str())).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
    }

    #[test]
    fn flag_wins_over_everything() {
        let e = [("ZHIXING_LANG", "zh"), ("LANG", "zh_CN.UTF-8")];
        assert_eq!(Lang::resolve(Some(Lang::En), env(&e)), Lang::En);
    }

    #[test]
    fn zhixing_lang_then_locale_then_chinese() {
        assert_eq!(Lang::resolve(None, env(&[("ZHIXING_LANG", "en"), ("LANG", "zh_CN")])), Lang::En);
        assert_eq!(Lang::resolve(None, env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        assert_eq!(Lang::resolve(None, env(&[("LC_ALL", "zh_TW.UTF-8"), ("LANG", "en_US")])), Lang::Zh);
        assert_eq!(Lang::resolve(None, env(&[("LANG", "C.UTF-8")])), Lang::Zh);
        assert_eq!(Lang::resolve(None, env(&[("LANG", "de_DE.UTF-8")])), Lang::Zh);
        assert_eq!(Lang::resolve(None, env(&[])), Lang::Zh);
        // An unusable ZHIXING_LANG falls through to the locale.
        assert_eq!(Lang::resolve(None, env(&[("ZHIXING_LANG", "fr"), ("LANG", "en_GB")])), Lang::En);
    }

    #[test]
    fn text_falls_back() {
        let t = Text::Translated([("zh".to_string(), "学习".to_string())].into());
        assert_eq!(t.get("en", &["zh".to_string()]), "学习");
        assert_eq!(Text::Plain("x".into()).get("en", &[]), "x");
    }
}

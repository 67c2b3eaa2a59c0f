//! The JSON Schemas shipped in `schemas/` are what `zhixing schema` prints,
//! so editors that validate with them agree with the program.
//! `UPDATE_SCHEMAS=1 cargo test --test integration contract::` rewrites
//! them. The JSON that scripts read is decoded here with test-only types, so
//! the contract is guarded apart from the program's own types.

use crate::common::{Env, manifest_dir, template, zhixing};

#[test]
fn shipped_schemas_are_current() {
    for kind in ["rubric", "answers", "result", "group", "norms", "compare"] {
        let out = zhixing().args(["schema", kind]).output().unwrap();
        assert!(out.status.success());
        let path = manifest_dir().join("schemas").join(format!("{kind}.schema.json"));
        if std::env::var_os("UPDATE_SCHEMAS").is_some() {
            std::fs::write(&path, &out.stdout).unwrap();
        }
        let shipped = std::fs::read(&path).unwrap();
        assert!(
            shipped == out.stdout,
            "{} is out of date: run UPDATE_SCHEMAS=1 cargo test --test integration contract::",
            path.display()
        );
        let schema: serde_json::Value = serde_json::from_slice(&shipped).unwrap();
        assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    }
}

#[test]
fn rubric_schema_is_strict_and_names_the_keys() {
    let out = zhixing().args(["rubric", "schema"]).output().unwrap();
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["additionalProperties"], false);
    let props = schema["properties"].as_object().unwrap();
    for key in ["format", "id", "version", "title", "languages", "scale", "targets", "gap", "profiles", "sections"] {
        assert!(props.contains_key(key), "{key}");
    }
    let required: Vec<&str> = schema["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert!(required.contains(&"sections") && required.contains(&"scale"));
}

mod result_v1 {
    //! zhixing.result.v1 as a script sees it (SPEC §6).
    use std::collections::BTreeMap;

    use serde::Deserialize;

    #[derive(Deserialize)]
    pub struct Result {
        pub schema: String,
        pub id: String,
        /// Revision 2: 64 lowercase hex digits.
        pub fingerprint: String,
        pub rubric: Rubric,
        pub profile: Option<String>,
        pub subject: Subject,
        pub rater: Rater,
        pub session: Option<String>,
        pub taken_at: String,
        pub lang: String,
        pub overall: Standing,
        pub sections: Vec<Section>,
        pub priorities: Vec<Priority>,
        pub strengths: Vec<Strength>,
        pub answers: BTreeMap<String, Option<i64>>,
        pub quality: Quality,
        pub previous: Option<serde_json::Value>,
    }
    #[derive(Deserialize)]
    pub struct Rubric {
        pub id: String,
        pub version: String,
        pub title: String,
        pub sha256: String,
    }
    #[derive(Deserialize)]
    pub struct Subject {
        pub name: String,
        pub department: Option<String>,
        /// Revision 2: absent where there are none.
        #[serde(default)]
        pub attributes: BTreeMap<String, String>,
    }
    #[derive(Deserialize)]
    pub struct Rater {
        pub role: String,
        pub name: Option<String>,
    }
    #[derive(Deserialize)]
    pub struct Standing {
        pub score: Option<f64>,
        pub target: f64,
        pub gap: Option<f64>,
        pub severity: String,
    }
    #[derive(Deserialize)]
    pub struct Section {
        pub id: String,
        pub title: String,
        pub score: Option<f64>,
        pub target: f64,
        pub gap: Option<f64>,
        pub severity: String,
        pub dimensions: Vec<Dimension>,
    }
    #[derive(Deserialize)]
    pub struct Dimension {
        pub id: String,
        pub title: String,
        pub score: Option<f64>,
        pub target: f64,
        pub gap: Option<f64>,
        pub severity: String,
        pub answered: usize,
        pub items: usize,
    }
    #[derive(Deserialize)]
    pub struct Priority {
        pub dimension: String,
        pub section: String,
        pub gap: f64,
        pub weighted_gap: f64,
        pub suggestions: Vec<String>,
    }
    #[derive(Deserialize)]
    pub struct Strength {
        pub dimension: String,
        pub section: String,
        pub score: f64,
    }
    #[derive(Deserialize)]
    pub struct Quality {
        pub seconds: Option<f64>,
        pub straight_line: bool,
        pub reverse_inconsistent: bool,
        /// Revision 2.
        pub longstring: usize,
        pub irv: Option<f64>,
        pub flags: Vec<String>,
    }
}

fn answers_toml(name: &str, value: i64) -> String {
    template("en")
        .replace("name = \"\"", &format!("name = \"{name}\""))
        .replace("= \"?\"", &format!("= {value}"))
        .replace("# taken_at = \"2026-11-28T09:30:00+08:00\"", "taken_at = \"2026-11-28T09:30:00+08:00\"")
}

#[test]
fn result_json_keeps_its_contract() {
    let env = Env::new();
    let file = env.write("a.toml", &answers_toml("张三", 4));
    let out = zhixing()
        .args(["score", &file, "--format", "json", "--lang", "zh", "--profile", "section-chief"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let r: result_v1::Result = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r.schema, "zhixing.result.v1");
    assert_eq!(r.id.len(), 26, "a ULID");
    assert!(
        r.fingerprint.len() == 64 && r.fingerprint.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    );
    assert!(r.subject.attributes.is_empty());
    assert_eq!(r.rubric.id, "core");
    assert_eq!(r.rubric.version, "2.0.0");
    assert_eq!(r.rubric.title, "执行力自评");
    assert_eq!(r.rubric.sha256.len(), 64);
    assert_eq!(r.profile.as_deref(), Some("section-chief"));
    assert_eq!(r.subject.name, "张三");
    assert_eq!(r.subject.department, None);
    assert_eq!((r.rater.role.as_str(), r.rater.name), ("self", None));
    assert_eq!(r.session, None);
    assert_eq!(r.taken_at, "2026-11-28T09:30:00+08:00");
    assert_eq!(r.lang, "zh");
    assert_eq!(r.overall.target, 75.0);
    assert_eq!(r.sections.len(), 3);
    assert_eq!(r.sections.iter().map(|s| s.dimensions.len()).sum::<usize>(), 10);
    assert_eq!(r.answers.len(), 60);
    assert!(r.answers.values().all(|v| *v == Some(4)));
    assert!(r.quality.straight_line);
    assert_eq!(r.quality.seconds, None);
    // Every answer 4: one run of 60, no spread; the flags in §6's order.
    assert_eq!(r.quality.longstring, 60);
    assert_eq!(r.quality.irv, Some(0.0));
    assert_eq!(r.quality.flags, ["straight_line", "longstring", "reverse_inconsistent"]);
    assert!(r.previous.is_none());
    // Every dimension scored and consistent with its target and gap.
    for s in &r.sections {
        for d in s.dimensions.iter().filter(|d| d.score.is_some()) {
            let (score, gap) = (d.score.unwrap(), d.gap.unwrap());
            assert!((d.target - score - gap).abs() < 1e-9, "{} {}", d.id, d.title);
            assert_eq!(d.answered, d.items);
            assert!(["met", "minor", "moderate", "critical"].contains(&d.severity.as_str()));
        }
        assert!(!s.id.is_empty() && !s.title.is_empty() && s.score.is_some() && s.gap.is_some());
        assert!(!s.severity.is_empty() && s.target > 0.0);
    }
    assert!(r.overall.score.is_some() && r.overall.gap.is_some() && !r.overall.severity.is_empty());
    for p in &r.priorities {
        assert!(p.gap > 0.0 && p.weighted_gap >= p.gap && !p.suggestions.is_empty());
        assert!(!p.dimension.is_empty() && !p.section.is_empty());
    }
    for s in &r.strengths {
        assert!(s.score >= 0.0 && !s.dimension.is_empty() && !s.section.is_empty());
    }
    assert!(!r.quality.reverse_inconsistent || r.quality.flags.contains(&"reverse_inconsistent".to_string()));
}

#[test]
fn jsonl_from_stdin_is_one_result_a_line() {
    let doc = serde_json::json!({
        "subject": {"name": "李四", "department": "研究室"},
        "rater": {"role": "peer", "name": "王五"},
        "session": "s1",
        "answers": {"learning.routine": 5, "learning.passive": 1, "learning.exploring": 5}
    });
    let input = format!("{doc}\n{doc}\n");
    let out = zhixing().args(["score", "-", "--format", "jsonl", "--lang", "en"]).write_stdin(input).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    for l in lines {
        let r: result_v1::Result = serde_json::from_str(l).unwrap();
        assert_eq!(r.rater.role, "peer");
        assert_eq!(r.rater.name.as_deref(), Some("王五"));
        assert_eq!(r.sections[0].dimensions[0].score, Some(100.0));
        // Only the learning dimension has answers: the others have no score.
        assert_eq!(r.sections[1].score, None);
        assert_eq!(r.overall.score, Some(100.0));
    }
    assert!(out.stderr.is_empty(), "nothing but the data on stdout and nothing on stderr");
}

#[test]
fn out_file_is_private_and_csv_has_a_bom() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let file = env.write("a.toml", &answers_toml("=cmd|' /C calc'!A0", 3));
    let out_path = env.path("report.csv");
    let out =
        zhixing().args(["score", &file, "--format", "csv", "--out", out_path.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty());
    let bytes = std::fs::read(&out_path).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()));
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("'=cmd|"));
    let mode = std::fs::metadata(&out_path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    // No temporary file left behind.
    assert_eq!(std::fs::read_dir(env.dir.path()).unwrap().count(), 2);
}

/// Every schema with a `schema` key pins it (a `zhixing.result.v2`
/// document is not this one), and refuses keys it does not have at the
/// top level, as the program's own reader does.
#[test]
fn schemas_pin_their_version_and_refuse_unknown_keys() {
    for (kind, pinned) in [
        ("result", "zhixing.result.v1"),
        ("group", "zhixing.group.v1"),
        ("norms", "zhixing.norms.v1"),
        ("compare", "zhixing.compare.v1"),
    ] {
        let out = zhixing().args(["schema", kind]).output().unwrap();
        let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(schema["properties"]["schema"]["const"], pinned, "{kind}");
        assert_eq!(schema["additionalProperties"], false, "{kind}");
    }
    for kind in ["rubric", "answers"] {
        let out = zhixing().args(["schema", kind]).output().unwrap();
        let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(schema["additionalProperties"], false, "{kind}");
    }
    let out = zhixing().args(["schema", "rubric"]).output().unwrap();
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["properties"]["format"]["const"], 1, "only format 1 exists");
}

/// What the schema refuses, the program refuses: a result of another
/// version, and a result with a key v1 does not have, in both languages.
#[test]
fn a_v2_result_and_an_extra_key_are_refused_by_the_reader() {
    let env = Env::new();
    let file = env.write("a.toml", &answers_toml("张三", 4));
    let out = zhixing().args(["score", &file, "--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let good: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ok = env.write("good.json", &serde_json::to_vec(&good).unwrap());
    let fine = zhixing().args(["report", &ok, "--format", "json"]).output().unwrap();
    assert!(fine.status.success(), "the result itself reads: {}", String::from_utf8_lossy(&fine.stderr));

    let mut v2 = good.clone();
    v2["schema"] = "zhixing.result.v2".into();
    let v2 = env.write("v2.json", &serde_json::to_vec(&v2).unwrap());
    let mut extra = good.clone();
    extra["comment"] = "edited by hand".into();
    let extra = env.write("extra.json", &serde_json::to_vec(&extra).unwrap());
    for (lang, v2_says, extra_says) in [
        (
            "en",
            "this is not a zhixing result (schema \"zhixing.result.v2\"",
            "the result has a key `comment` that zhixing.result.v1 does not have",
        ),
        ("zh", "这不是 zhixing 结果（schema \"zhixing.result.v2\"", "结果中有 zhixing.result.v1 没有的键 `comment`"),
    ] {
        for (file, says) in [(&v2, v2_says), (&extra, extra_says)] {
            for cmd in [&["report", file.as_str()][..], &["group", file.as_str()][..]] {
                let out = env.run(&[&["--lang", lang][..], cmd].concat());
                let err = String::from_utf8_lossy(&out.stderr);
                assert_eq!(out.status.code(), Some(2), "{cmd:?}: {err}");
                assert!(err.contains(says), "{lang} {cmd:?}: {err}");
            }
        }
    }
}

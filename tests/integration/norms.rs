//! Norms through the real binary (SPEC §13): built from generated results,
//! private and anonymous, refused below the floor, applied by `score` and
//! `group`, refused for another rubric version.

use std::os::unix::fs::PermissionsExt;

use crate::common::{Env, bin, json};

/// The core rubric's items with their keying, in rubric order.
pub(crate) fn items() -> Vec<(String, bool)> {
    let out = bin().args(["rubric", "show", "core", "--format", "json"]).output().unwrap();
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut v = Vec::new();
    for s in r["sections"].as_array().unwrap() {
        for d in s["dimensions"].as_array().unwrap() {
            for i in d["items"].as_array().unwrap() {
                v.push((i["id"].as_str().unwrap().to_string(), i["reverse"].as_bool().unwrap_or(false)));
            }
        }
    }
    v
}

/// `n` people's answers as JSON Lines: each has a level (1–5) that every
/// item follows, a reverse-keyed one reversed, with some noise, so that
/// alpha is positive. Names are "学员0001"….
pub(crate) fn answers(n: usize) -> String {
    let items = items();
    let mut out = String::new();
    for p in 0..n {
        let level = (p * 7 % 5) as i64 + 1;
        let mut a = serde_json::Map::new();
        for (k, (id, reverse)) in items.iter().enumerate() {
            let noise = [0, 1, 0, -1, 0][(p + k * 3) % 5];
            let v = (level + noise).clamp(1, 5);
            a.insert(id.clone(), (if *reverse { 6 - v } else { v }).into());
        }
        let line = serde_json::json!({
            "rubric": "core",
            "taken_at": "2026-11-28T09:30:00+08:00",
            "subject": {"name": format!("学员{p:04}"), "department": "秘书处"},
            "answers": a,
        });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    out
}

/// Results of `n` people, as a JSON Lines file in the folder.
pub(crate) fn results(env: &Env, n: usize, name: &str) -> String {
    let f = env.write(&format!("{name}.answers.jsonl"), answers(n).as_bytes());
    let r = env.ok(&["score", &f, "-f", "jsonl"]);
    env.write(&format!("{name}.jsonl"), r.as_bytes())
}

#[test]
fn norms_are_built_private_and_anonymous() {
    let env = Env::new();
    let r = results(&env, 32, "class");
    let out = env.path("norms.json");
    let o = env.run(&["norms", "build", &r, "--name", "测试常模", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("32 people"));
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(!text.contains("学员") && !text.contains("秘书处"), "{text}");
    let doc = json(&text);
    assert_eq!(doc["schema"], "zhixing.norms.v1");
    assert_eq!(doc["name"], "测试常模");
    assert_eq!(doc["n"], 32);
    assert_eq!(doc["role"], "self");
    assert_eq!(doc["rubric"]["id"], "core");
    let dims = doc["dimensions"].as_array().unwrap();
    assert!(!dims.is_empty());
    // The self-review dimension (political) has no score in self-ratings.
    for d in dims.iter().filter(|d| !d["sd"].is_null()) {
        let (sd, alpha, sem) = (d["sd"].as_f64().unwrap(), d["alpha"].as_f64().unwrap(), d["sem"].as_f64().unwrap());
        assert!(alpha > 0.0, "{d}");
        assert!((sem - sd * (1.0 - alpha).sqrt()).abs() < 1e-9, "{d}");
        let counted: u64 = d["values"].as_array().unwrap().iter().map(|v| v[1].as_u64().unwrap()).sum();
        assert_eq!(counted, d["n"].as_u64().unwrap());
    }
    // No result id is in it.
    for line in std::fs::read_to_string(&r).unwrap().lines() {
        assert!(!text.contains(json(line)["id"].as_str().unwrap()));
    }
    // The file reads back and is shown, in Chinese too.
    let shown = env.ok(&["norms", "show", out.to_str().unwrap(), "--lang", "zh"]);
    assert!(shown.contains("测量标准误 sem") && shown.contains("32 人"), "{shown}");
    let md = env.ok(&["norms", "show", out.to_str().unwrap(), "-f", "markdown"]);
    assert!(md.contains("| SEM |"), "{md}");
}

#[test]
fn twenty_nine_people_are_refused() {
    let env = Env::new();
    let r = results(&env, 29, "small");
    let out = env.path("norms.json");
    let err = env.refused(&["norms", "build", &r, "--out", out.to_str().unwrap()]);
    assert!(err.contains("norms need at least 30 people"), "{err}");
    assert!(!out.exists());
    // With --min-n 29 they make norms.
    env.ok(&["norms", "build", &r, "--min-n", "29", "--out", out.to_str().unwrap()]);
    assert!(out.exists());
}

#[test]
fn score_with_norms_carries_percentile_band_and_sem() {
    let env = Env::new();
    let r = results(&env, 30, "class");
    let norms = env.path("norms.json");
    let norms = norms.to_str().unwrap();
    env.ok(&["norms", "build", &r, "--out", norms]);
    let f = env.write("one.jsonl", answers(3).as_bytes());
    for out in [env.ok(&["score", &f, "-f", "jsonl", "--norms", norms]), {
        let o = bin().env("ZHIXING_NORMS", norms).args(["score", &f, "-f", "jsonl"]).output().unwrap();
        assert!(o.status.success());
        String::from_utf8(o.stdout).unwrap()
    }] {
        let first = json(out.lines().next().unwrap());
        let p = first["overall"]["percentile"].as_f64().unwrap();
        assert!((0.0..=100.0).contains(&p));
        let d = &first["sections"][0]["dimensions"][0];
        let (x, sem) = (d["score"].as_f64().unwrap(), d["sem"].as_f64().unwrap());
        let band = d["band"].as_array().unwrap();
        assert!((band[0].as_f64().unwrap() - (x - 1.96 * sem).max(0.0)).abs() < 1e-9, "{d}");
        assert!(d["percentile"].is_number());
        assert!(first["sections"][0]["percentile"].is_number());
    }
    // Without norms: none of them.
    let plain = json(env.ok(&["score", &f, "-f", "jsonl"]).lines().next().unwrap());
    assert!(plain["overall"].get("percentile").is_none());
    assert!(plain["sections"][0]["dimensions"][0].get("band").is_none());
}

#[test]
fn norms_of_another_rubric_version_are_refused() {
    let env = Env::new();
    let r = results(&env, 30, "class");
    let norms = env.path("norms.json");
    env.ok(&["norms", "build", &r, "--out", norms.to_str().unwrap()]);
    let mut doc = json(&std::fs::read_to_string(&norms).unwrap());
    doc["rubric"]["version"] = "0.9.0".into();
    let other = env.write("other.json", doc.to_string().as_bytes());
    let f = env.write("one.jsonl", answers(1).as_bytes());
    let err = env.refused(&["score", &f, "-f", "json", "--norms", &other]);
    assert!(err.contains("core 0.9.0") && err.contains("core "), "{err}");
    let err = env.refused(&["group", &r, "-f", "json", "--norms", &other]);
    assert!(err.contains("0.9.0"), "{err}");
    // A file that is not norms at all.
    let err = env.refused(&["score", &f, "--norms", &r]);
    assert!(err.contains("not a zhixing norms file"), "{err}");
}

#[test]
fn group_shows_sem_without_norms() {
    let env = Env::new();
    let r = results(&env, 12, "class");
    let doc = json(&env.ok(&["group", &r, "-f", "json"]));
    for d in doc["groups"][0]["dimensions"].as_array().unwrap().iter().filter(|d| !d["sd"].is_null()) {
        let (sd, alpha, sem) = (d["sd"].as_f64().unwrap(), d["alpha"].as_f64().unwrap(), d["sem"].as_f64().unwrap());
        assert!((sem - sd * (1.0 - alpha).sqrt()).abs() < 1e-9, "{d}");
    }
    let text = env.ok(&["group", &r]);
    assert!(text.contains("SEM"), "{text}");
}

#[test]
fn saved_results_carry_dimension_changes() {
    let env = Env::new();
    let a = env.write("a.jsonl", answers(1).as_bytes());
    env.ok(&["score", &a, "--save", "-f", "json"]);
    let later = answers(2).lines().nth(1).unwrap().replace("学员0001", "学员0000").replace("11-28", "12-28");
    let b = env.write("b.jsonl", later.as_bytes());
    let out = json(&env.ok(&["score", &b, "--save", "-f", "json"]));
    let out = if out.is_array() { out[0].clone() } else { out };
    let dims = out["previous"]["dimensions"].as_array().unwrap();
    assert!(!dims.is_empty());
    assert!(dims.iter().any(|d| d["delta"].as_f64().is_some_and(|x| x != 0.0)), "{dims:?}");
    assert!(dims.iter().all(|d| d.get("rci").is_none()));
}

"""The Python peer: the same scoring and grouping as zhixing, written the way
an analyst would script it with the standard library (json, csv,
statistics). The benchmark runs it beside zhixing on the same files.

    peer.py score RUBRIC.json ANSWERS.jsonl|ANSWERS.csv   > results.jsonl
    peer.py group RUBRIC.json RESULTS.jsonl [--by department] > group.json

RUBRIC.json is `zhixing rubric show core --format json`. Scoring follows
SPEC §5 exactly (reverse items, item, dimension and section weights, the
half-answered rule, targets from dimension, section, default; severity
bands; priorities with their suggestions; strengths) and the straight-line
flag of §6; grouping follows §10 (n, mean, sample sd, min, median, max, mean
gap, severity counts per level; Cronbach's alpha per dimension over the
respondents who answered all its items; priorities by mean gap; groups
under 5 withheld). It does not check its input the way zhixing does.
"""

import csv
import datetime as dt
import json
import statistics
import sys

META = {"姓名": "name", "部门": "department", "角色": "role", "评价人": "rater", "场次": "session", "时间": "taken_at"}
ROLES = {"本人": "self", "上级": "supervisor", "同事": "peer", "下级": "subordinate", "其他": "other"}


def text(t, lang="zh"):
    return t if isinstance(t, str) else t.get(lang) or next(iter(t.values()))


def severity(gap, rubric):
    if gap is None:
        return "unknown"
    if gap <= 0:
        return "met"
    if gap <= rubric["gap"]["minor"]:
        return "minor"
    if gap <= rubric["gap"]["moderate"]:
        return "moderate"
    return "critical"


def wmean(pairs):
    den = sum(w for w, _ in pairs)
    return sum(w * v for w, v in pairs) / den if den > 0 else None


def score(rubric, resp):
    lo, hi = rubric["scale"]["min"], rubric["scale"]["max"]
    default = rubric["targets"]["default"]
    answers = resp.get("answers", {})
    sections, sec_pairs, cands, strengths = [], [], [], []
    order = 0
    all_answers = {}
    for sec in rubric["sections"]:
        sw = sec.get("weight", 1.0)
        st = sec.get("target", default)
        dims, dim_pairs = [], []
        for dim in sec["dimensions"]:
            dw = dim.get("weight", 1.0)
            dt_ = dim.get("target", st)
            pairs = []
            for item in dim["items"]:
                v = answers.get(item["id"])
                if isinstance(v, str):
                    v = None
                all_answers[item["id"]] = v
                if v is None:
                    continue
                a = lo + hi - v if item.get("reverse") else v
                pairs.append((item.get("weight", 1.0), (a - lo) / (hi - lo) * 100))
            s = None if len(pairs) * 2 < len(dim["items"]) else wmean(pairs)
            gap = None if s is None else dt_ - s
            if s is not None:
                dim_pairs.append((dw, s))
            if gap is not None and gap > 0:
                cands.append((gap * dw * sw, gap, order, sec, dim))
            elif gap is not None:
                strengths.append((s, order, sec, dim))
            order += 1
            dims.append(
                {"id": dim["id"], "title": text(dim["title"]), "score": s, "target": dt_, "gap": gap,
                 "severity": severity(gap, rubric), "answered": len(pairs), "items": len(dim["items"])}
            )
        s = wmean(dim_pairs)
        if s is not None:
            sec_pairs.append((sw, s))
        gap = None if s is None else st - s
        sections.append(
            {"id": sec["id"], "title": text(sec["title"]), "score": s, "target": st, "gap": gap,
             "severity": severity(gap, rubric), "dimensions": dims}
        )
    s = wmean(sec_pairs)
    gap = None if s is None else default - s
    cands.sort(key=lambda c: (-c[0], c[2]))
    strengths.sort(key=lambda c: (-c[0], c[1]))
    given = [v for v in all_answers.values() if v is not None]
    most = max((given.count(v) for v in set(given)), default=0)
    straight = bool(given) and most * 10 >= len(given) * 8
    return {
        "schema": "peer.result",
        "rubric": {"id": rubric["id"], "version": rubric["version"], "title": text(rubric["title"])},
        "subject": resp["subject"],
        "rater": resp.get("rater", {"role": "self"}),
        "session": resp.get("session"),
        "taken_at": resp.get("taken_at"),
        "overall": {"score": s, "target": default, "gap": gap, "severity": severity(gap, rubric)},
        "sections": sections,
        "priorities": [
            {"dimension": d["id"], "section": sec["id"], "gap": g, "weighted_gap": wg,
             "suggestions": [text(x) for x in d.get("suggestions", [])]}
            for wg, g, _, sec, d in cands
        ],
        "strengths": [{"dimension": d["id"], "section": sec["id"], "score": sc} for sc, _, sec, d in strengths],
        "answers": all_answers,
        "quality": {"straight_line": straight, "flags": ["straight_line"] if straight else []},
    }


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            meta = {META[k]: v for k, v in row.items() if k in META}
            when = dt.datetime.strptime(meta["taken_at"], "%Y/%m/%d %H:%M:%S").astimezone()
            role = ROLES.get(meta.get("role") or "本人", "self")
            rater = {"role": role}
            if role != "self" and meta.get("rater"):
                rater["name"] = meta["rater"]
            yield {
                "session": meta.get("session") or None,
                "taken_at": when.isoformat(timespec="seconds"),
                "subject": {"name": meta["name"], "department": meta.get("department") or None},
                "rater": rater,
                "answers": {k: int(v) for k, v in row.items() if k not in META and v != ""},
            }


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def cmd_score(rubric, path):
    rows = read_csv(path) if path.endswith(".csv") else read_jsonl(path)
    out = sys.stdout
    for resp in rows:
        out.write(json.dumps(score(rubric, resp), ensure_ascii=False))
        out.write("\n")


def describe(scores, gaps, sevs):
    n = len(scores)
    return {
        "n": n,
        "mean": statistics.mean(scores) if n else None,
        "sd": statistics.stdev(scores) if n > 1 else None,
        "min": min(scores) if n else None,
        "median": statistics.median(scores) if n else None,
        "max": max(scores) if n else None,
        "mean_gap": statistics.mean(gaps) if gaps else None,
        "severity": {s: sevs.count(s) for s in ("met", "minor", "moderate", "critical", "unknown")},
    }


def alpha(rows):
    k = len(rows[0]) if rows else 0
    if k < 2 or len(rows) < 2:
        return None
    total = statistics.variance([sum(r) for r in rows])
    if total == 0:
        return None
    items = sum(statistics.variance([r[i] for r in rows]) for i in range(k))
    return k / (k - 1) * (1 - items / total)


def cmd_group(rubric, path, by):
    lo, hi = rubric["scale"]["min"], rubric["scale"]["max"]
    dims = [(sec["id"], d) for sec in rubric["sections"] for d in sec["dimensions"]]
    groups = {}  # key -> {"n", "levels": {level: (scores, gaps, sevs)}, "alpha": {dim: rows}, "flagged"}

    def new_group():
        return {"n": 0, "levels": {}, "alpha": {d["id"]: [] for _, d in dims}, "flagged": 0}

    for r in read_jsonl(path):
        keys = [None] + ([r["subject"].get(by)] if by else [])
        for key in keys:
            g = groups.setdefault(key if key is None else ("k", key), new_group())
            g["n"] += 1
            levels = [("overall", r["overall"])]
            for s in r["sections"]:
                levels.append((s["id"], s))
                levels.extend((d["id"], d) for d in s["dimensions"])
            for name, x in levels:
                acc = g["levels"].setdefault(name, ([], [], []))
                if x["score"] is not None:
                    acc[0].append(x["score"])
                if x["gap"] is not None:
                    acc[1].append(x["gap"])
                acc[2].append(x["severity"])
            for _, d in dims:
                vals = [r["answers"].get(i["id"]) for i in d["items"]]
                if all(v is not None for v in vals):
                    g["alpha"][d["id"]].append(
                        [lo + hi - v if i.get("reverse") else v for v, i in zip(vals, d["items"])]
                    )
            if r["quality"]["flags"]:
                g["flagged"] += 1

    report = {"rubric": rubric["id"], "groups": []}
    for key, g in groups.items():
        if g["n"] < 5:
            report["groups"].append({"key": key and key[1], "withheld": True})
            continue
        stats = {name: describe(*acc) for name, acc in g["levels"].items()}
        dim_stats = []
        for sec_id, d in dims:
            s = dict(stats[d["id"]], id=d["id"], section=sec_id)
            s["alpha"] = alpha(g["alpha"][d["id"]])
            s["alpha_n"] = len(g["alpha"][d["id"]])
            dim_stats.append(s)
        prios = sorted(
            ((i, s["mean_gap"]) for i, s in enumerate(dim_stats) if s["mean_gap"] and s["mean_gap"] > 0),
            key=lambda p: (-p[1], p[0]),
        )
        report["groups"].append({
            "key": key and {by: key[1]},
            "n": g["n"],
            "overall": stats["overall"],
            "sections": [dict(stats[s["id"]], id=s["id"]) for s in rubric["sections"]],
            "dimensions": dim_stats,
            "priorities": [{"dimension": dim_stats[i]["id"], "mean_gap": m} for i, m in prios],
            "flagged": g["flagged"],
        })
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def main(argv):
    with open(argv[2], encoding="utf-8") as f:
        rubric = json.load(f)
    if argv[1] == "score":
        cmd_score(rubric, argv[3])
    elif argv[1] == "group":
        by = argv[argv.index("--by") + 1] if "--by" in argv else None
        cmd_group(rubric, argv[3], by)
    else:
        sys.exit(f"unknown command {argv[1]}")


if __name__ == "__main__":
    main(sys.argv)

"""Realistic answers for the benchmarks, from a fixed seed.

Respondents of a province-wide training programme on the built-in `core`
rubric: Chinese names, departments of uneven size, sessions of 30 to 60
people on a date, mostly self-assessments with some supervisors, peers and
subordinates rating a colleague of the same session. Answers are correlated
the way questionnaire answers are: a general factor, a factor per dimension
and noise per item, reverse-keyed items answered the other way round, a few
skipped items and a few careless respondents (one value throughout).

The same respondents are written as JSON Lines (the JSON form of an answers
file, one a line) and as CSV as a form service exports it: Chinese metadata
headers (姓名, 部门, 角色, 评价人, 场次, 时间), item ids as the other headers,
roles in Chinese, local times like "2026/11/28 09:30:12", empty cells for
skipped items.

Standard library only.
"""

import csv
import datetime as dt
import json
import random

SEED = 20261128

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉建国志文宇浩然思远晓东海涛春梅立新永红德明卫东"
DEPARTMENTS = [
    ("秘书处", 14),
    ("综合处", 12),
    ("研究室", 10),
    ("信息处", 9),
    ("提案委员会办公室", 9),
    ("经济委员会办公室", 8),
    ("人口资源环境委员会办公室", 7),
    ("社会和法制委员会办公室", 7),
    ("文化文史和学习委员会办公室", 6),
    ("人事处", 6),
    ("机关党委", 5),
    ("机关事务管理处", 5),
    ("财务处", 4),
    ("老干部处", 3),
]
ROLES = [("self", 85), ("supervisor", 7), ("peer", 6), ("subordinate", 2)]
ROLE_ZH = {"self": "本人", "supervisor": "上级", "peer": "同事", "subordinate": "下级"}
META_HEADERS = ["姓名", "部门", "角色", "评价人", "场次", "时间"]
TZ = dt.timezone(dt.timedelta(hours=8))


def rubric_items(rubric):
    """(item id, reverse, dimension index) in rubric order."""
    out = []
    k = 0
    for section in rubric["sections"]:
        for dim in section["dimensions"]:
            for item in dim["items"]:
                out.append((item["id"], bool(item.get("reverse", False)), k))
            k += 1
    return out, k


def respondents(rubric, n, seed=SEED):
    """Yield n respondents as dicts (the JSON form of an answers file)."""
    rng = random.Random(seed)
    items, ndims = rubric_items(rubric)
    lo, hi = rubric["scale"]["min"], rubric["scale"]["max"]
    dept_names = [d for d, _ in DEPARTMENTS]
    dept_weights = [w for _, w in DEPARTMENTS]
    role_names = [r for r, _ in ROLES]
    role_weights = [w for _, w in ROLES]
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=TZ)
    session_no = 0
    left = 0
    session = ""
    when = start
    people = []  # subjects of the current session, for other raters
    for _ in range(n):
        if left == 0:
            session_no += 1
            left = rng.randint(30, 60)
            year = 2026 + (session_no - 1) // 400
            term = "春季" if ((session_no - 1) // 200) % 2 == 0 else "秋季"
            session = f"{year}{term}中层干部培训班第{session_no}期"
            when = start + dt.timedelta(days=session_no // 3, hours=(session_no % 3) * 2)
            people = []
        left -= 1
        when = when + dt.timedelta(seconds=rng.randint(5, 90))
        role = rng.choices(role_names, role_weights)[0]
        if role == "self" or not people:
            role = "self"
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
            dept = rng.choices(dept_names, dept_weights)[0]
            people.append((name, dept))
            rater = {"role": "self"}
        else:
            name, dept = rng.choice(people)
            rater_name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(2))
            rater = {"role": role, "name": rater_name}
        # Answers: a general factor, one per dimension, noise per item.
        g = rng.gauss(0.0, 1.0)
        lean = 0.35 if role == "self" else 0.0  # people rate themselves a little higher
        dims = [0.6 * g + 0.8 * rng.gauss(0.0, 1.0) for _ in range(ndims)]
        careless = rng.random() < 0.01
        flat = rng.choice((4, 5)) if careless else None
        answers = {}
        for item_id, reverse, k in items:
            if not careless and rng.random() < 0.02:
                if rng.random() < 0.5:
                    answers[item_id] = None
                continue
            if flat is not None:
                v = flat
            else:
                v = round(3.55 + lean + 0.85 * dims[k] + rng.gauss(0.0, 0.7))
                v = min(hi, max(lo, v))
                if reverse:
                    v = lo + hi - v
            answers[item_id] = v
        yield {
            "rubric": rubric["id"],
            "session": session,
            "taken_at": when.isoformat(),
            "subject": {"name": name, "department": dept},
            "rater": rater,
            "answers": answers,
        }


def write_jsonl(rubric, n, path):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for r in respondents(rubric, n):
            f.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")))
            f.write("\n")


def write_csv(rubric, n, path):
    items, _ = rubric_items(rubric)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(META_HEADERS + [i for i, _, _ in items])
        for r in respondents(rubric, n):
            t = dt.datetime.fromisoformat(r["taken_at"])
            rater = r["rater"]
            row = [
                r["subject"]["name"],
                r["subject"]["department"],
                ROLE_ZH[rater["role"]],
                rater.get("name", ""),
                r["session"],
                t.strftime("%Y/%m/%d %H:%M:%S"),
            ]
            for i, _, _ in items:
                v = r["answers"].get(i)
                row.append("" if v is None else str(v))
            w.writerow(row)


def write_one_toml(rubric, path):
    """One respondent's answers file, as a person fills in the template."""
    r = next(respondents(rubric, 1, seed=SEED + 1))
    lines = [
        f'rubric = "{rubric["id"]}"',
        f'session = "{r["session"]}"',
        f'taken_at = "{r["taken_at"]}"',
        "",
        "[subject]",
        f'name = "{r["subject"]["name"]}"',
        f'department = "{r["subject"]["department"]}"',
        "",
        "[rater]",
        'role = "self"',
        "",
        "[answers]",
    ]
    items, _ = rubric_items(rubric)
    for i, _, _ in items:
        v = r["answers"].get(i)
        lines.append(f'"{i}" = ' + ('"skip"' if v is None else str(v)))
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")

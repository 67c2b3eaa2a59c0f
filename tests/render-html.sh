#!/usr/bin/env bash
# Render zhixing's HTML reports to PNG with headless Chromium, for a person to
# look at (not part of CI). Needs Debian's `chromium`, a CJK font and poppler:
#   apt-get install -y chromium fonts-noto-cjk poppler-utils
# Usage: tests/render-html.sh [OUT-DIR]   (default: target/html-preview)
#
# Reports: a person's own (Chinese, English, and one with quality flags), their
# history, the group (everyone, by department) and the 360 view (the whole
# report and one subject's page of the trainer's pack).
# Each report is rendered:
#   NAME.390.png, NAME.1200.png   a phone and a laptop, the page from its top
#   NAME.1920.png                 a 1920×1080 projector: the first screen only
#   NAME.1920-full.png            the same width, the whole page
#   NAME.a4-N.png                 each A4 page of the printed PDF (NAME.pdf)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/html-preview}
mkdir -p "$out"
rm -f "$out"/*.png "$out"/*.pdf "$out"/*.html
cargo build --quiet
zx=$PWD/target/debug/zhixing
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ZHIXING_STORE="$work/z.db"

# One answers file: NAME SEED TAKEN_AT [ROLE] [RATER] [STRAIGHT]. A straight
# answers file gives every item the same answer, so the result is flagged.
make_answers() {
  "$zx" rubric template --lang en | python3 -c '
import json, random, sys, tomllib
name, seed, taken = sys.argv[1], int(sys.argv[2]), sys.argv[3]
role = sys.argv[4] if len(sys.argv) > 4 else "self"
rater = sys.argv[5] if len(sys.argv) > 5 else ""
straight = len(sys.argv) > 6 and sys.argv[6] == "straight"
dept = "秘书处" if seed % 2 else "研究室"
# Each person leans higher or lower, each dimension (a block of items) too,
# so that the group has a spread, development focuses and strengths.
with open("rubrics/core.toml", "rb") as f:
    core = tomllib.load(f)
reverse = {i["id"] for s in core["sections"] for d in s["dimensions"] for i in d["items"] if i.get("reverse")}
rng = random.Random(seed)
person = rng.uniform(-0.6, 0.6)
answers, block = {}, -1
for line in sys.stdin:
    line = line.strip()
    if line.startswith("# ──"):
        block += 1
    if line.endswith(" = \"?\""):
        lean = [1.4, -0.8, 0.6, -1.2, 1.3, -0.4, 1.2, -1.0, 0.3, 0.9][block % 10]
        value = round(3.5 + person + lean + rng.gauss(0, 0.6))
        item = line.split(" = ")[0].strip("\"")
        value = max(1, min(5, value))
        answers[item] = 4 if straight else 6 - value if item in reverse else value
doc = {"subject": {"name": name, "department": dept}, "session": "2026秋季班", "taken_at": taken, "answers": answers}
if role != "self":
    doc["rater"] = {"role": role, "name": rater}
print(json.dumps(doc, ensure_ascii=False))
' "$@"
}

# A person with two results months apart, so the report shows the change.
make_answers 张三 1 2026-05-20T09:30:00+08:00 > "$work/a.jsonl"
make_answers 张三 3 2026-11-28T09:30:00+08:00 > "$work/b.jsonl"
make_answers 李四 2 2026-11-28T09:30:00+08:00 self "" straight > "$work/c.jsonl"
make_answers Wang 5 2026-11-28T09:30:00+08:00 > "$work/d.jsonl"
for f in a b c; do "$zx" score --save "$work/$f.jsonl" > /dev/null 2>&1; done
"$zx" score --lang en --save "$work/d.jsonl" > /dev/null 2>&1
"$zx" report --latest --subject 张三 --format html --out "$out/individual-zh.html"
"$zx" report --latest --subject Wang --format html --lang en --out "$out/individual-en.html"
"$zx" report --latest --subject 李四 --format html --out "$out/individual-flagged-zh.html"
"$zx" history --subject 张三 --format html --out "$out/history-zh.html"

# A class of twelve, then three of them rated by a supervisor and three peers.
for i in $(seq 1 12); do make_answers "学员$i" "$i" 2026-11-28T09:30:00+08:00; done > "$work/class.jsonl"
for i in 1 2 3; do
  make_answers "学员$i" $((i + 20)) 2026-11-29T10:00:00+08:00 supervisor 王处长
  for p in 1 2 3; do make_answers "学员$i" $((i * 3 + p)) 2026-11-29T10:00:00+08:00 peer "同事$p"; done
done > "$work/raters.jsonl"
"$zx" score "$work/class.jsonl" --format jsonl > "$work/results.jsonl" 2>/dev/null
"$zx" score "$work/raters.jsonl" --format jsonl > "$work/raters-results.jsonl" 2>/dev/null
"$zx" score "$work/class.jsonl" --lang en --format jsonl > "$work/results-en.jsonl" 2>/dev/null
"$zx" group "$work/results.jsonl" --format html --out "$out/group-zh.html"
"$zx" group "$work/results-en.jsonl" --format html --lang en --out "$out/group-en.html"
"$zx" group "$work/results.jsonl" --by department --min-group 3 --format html --out "$out/group-by-department-zh.html"
"$zx" group "$work/results.jsonl" "$work/raters-results.jsonl" --by subject --min-group 3 --format html \
  --out "$out/group-360-zh.html"
"$zx" group "$work/results.jsonl" "$work/raters-results.jsonl" --by subject --min-group 3 --named \
  --pack "$work/pack" --format html > /dev/null 2>&1
cp "$work/pack/学员1.360.html" "$out/subject-360-zh.html"

chrome() {
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --force-device-scale-factor=1 \
    --user-data-dir="$work/chromium" "$@" 2>/dev/null
}
for f in "$out"/*.html; do
  base=${f%.html}
  url="file://$(realpath "$f")"
  chrome --window-size=390,2400 --screenshot="$base.390.png" "$url"
  chrome --window-size=1200,2400 --screenshot="$base.1200.png" "$url"
  chrome --window-size=1920,1080 --screenshot="$base.1920.png" "$url"
  chrome --window-size=1920,4000 --screenshot="$base.1920-full.png" "$url"
  chrome --print-to-pdf="$base.pdf" --no-pdf-header-footer "$url"
  pdftoppm -r 60 -png "$base.pdf" "$base.a4"
  echo "$f → $(basename "$base").{390,1200,1920,1920-full}.png, $(basename "$base").a4-*.png"
done

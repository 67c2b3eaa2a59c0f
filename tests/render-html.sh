#!/usr/bin/env bash
# Render zhixing's HTML reports to PNG with headless Chromium, for a person to
# look at (not part of CI). Needs Debian's `chromium` and a CJK font:
#   apt-get install -y chromium fonts-noto-cjk
# Usage: tests/render-html.sh [OUT-DIR]   (default: target/html-preview)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/html-preview}
mkdir -p "$out"
cargo build --quiet
zx=target/debug/zhixing
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ZHIXING_STORE="$work/z.db"

# Two results of one person, months apart, so the report shows the change.
make_answers() { # NAME SEED TAKEN_AT
  "$zx" rubric template --lang en | python3 -c '
import json, sys
name, seed, taken = sys.argv[1], int(sys.argv[2]), sys.argv[3]
answers = {}
for k, line in enumerate(sys.stdin):
    line = line.strip()
    if line.endswith(" = \"?\""):
        answers[line.split(" = ")[0].strip("\"")] = 1 + (k * 7 + seed) % 5
print(json.dumps({"subject": {"name": name, "department": "秘书处"}, "session": "2026秋季班", "taken_at": taken, "answers": answers}, ensure_ascii=False))
' "$1" "$2" "$3"
}
make_answers 张三 1 2026-05-20T09:30:00+08:00 > "$work/a.jsonl"
make_answers 张三 3 2026-11-28T09:30:00+08:00 > "$work/b.jsonl"
"$zx" score --save "$work/a.jsonl" > /dev/null 2>&1
"$zx" score --save "$work/b.jsonl" > /dev/null 2>&1
"$zx" report --latest --subject 张三 --format html --out "$out/individual-zh.html"
"$zx" report --latest --subject 张三 --format html --lang en --out "$out/individual-en.html"
"$zx" history --subject 张三 --format html --out "$out/history-zh.html"
if "$zx" group --help > /dev/null 2>&1; then
  for i in $(seq 1 12); do make_answers "学员$i" "$i" 2026-11-28T09:30:00+08:00; done > "$work/class.jsonl"
  "$zx" score "$work/class.jsonl" --format jsonl > "$work/results.jsonl" 2>/dev/null
  "$zx" group "$work/results.jsonl" --format html --out "$out/group-zh.html" || true
fi

for f in "$out"/*.html; do
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/chromium" --window-size=900,2400 \
    --screenshot="${f%.html}.png" "file://$(realpath "$f")" 2>/dev/null
  chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --user-data-dir="$work/chromium" --print-to-pdf="${f%.html}.pdf" --no-pdf-header-footer \
    "file://$(realpath "$f")" 2>/dev/null || true
  echo "$f → ${f%.html}.png"
done

#!/bin/sh
# Benchmarks of zhixing against a plain Python peer (benches/bench.py), and
# the load of `zhixing serve` (benches/serve_load.rs, through cargo bench).
#   benches/run.sh               # 1k, 10k, 100k and 1M respondents; 500 participants
#   benches/run.sh --quick       # 1k and 10k, 100 participants, a fast check
#   benches/run.sh --only serve  # the serve load alone (about 7 minutes)
set -eu
cd "$(dirname "$0")/.."
exec python3 benches/bench.py "$@"

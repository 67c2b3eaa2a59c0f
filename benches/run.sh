#!/bin/sh
# Benchmarks of zhixing against a plain Python peer; see benches/bench.py.
#   benches/run.sh            # 1k, 10k, 100k and 1M respondents
#   benches/run.sh --quick    # 1k and 10k, a fast check
set -eu
cd "$(dirname "$0")/.."
exec python3 benches/bench.py "$@"

#!/usr/bin/env bash
# Runs the whole benchmark suite: builds the release binary and the bench
# harness (benches/bench.rs, reusing the release build), then drives both
# and the peers (pyoxigraph on disk and in memory, rdflib) on the same
# generated corpus, prints a table and writes BENCHMARKS.md.
#
#   scripts/bench.sh                       # 100k, 1M and 5M quads, 3 runs each (long)
#   scripts/bench.sh --sizes "100000 1000000" --runs 5
#   scripts/bench.sh --smoke               # seconds: tiny sizes, 1 run, writes target/bench-smoke.md
#
# Options are passed to scripts/bench.py (see --help there). The peers need
# `pip install pyoxigraph==0.5.13 rdflib==7.6.0` and ../shared/bench/peers.py
# (or PEERS=FILE); without them the table has no peer columns.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
# --profile release: the default `bench` profile would rebuild every dependency.
bench=$(cargo bench --profile release --bench bench --no-run --message-format=json 2>/dev/null |
  python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("target", {}).get("name") == "bench" and m.get("executable"):
        print(m["executable"])')
exec python3 scripts/bench.py --argmap target/release/argmap --bench "$bench" "$@"

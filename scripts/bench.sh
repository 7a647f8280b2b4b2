#!/usr/bin/env bash
# The benchmarks, one entry point: builds the release binary, then runs the parts named (the
# suite when none is), every one of them on a corpus from `argmap gen-corpus`.
#
#   scripts/bench.sh                       # the suite: 10k, 100k, 1M and 5M quads, 3 runs each (long)
#   scripts/bench.sh --sizes "100000 1000000" --runs 5
#   scripts/bench.sh export matrix         # other parts: draft, evaluate, export, interchange, link, matrix, reanchor, reload, report, serve, or all
#   scripts/bench.sh link --link-entities 10000
#   scripts/bench.sh --smoke               # every part, tiny and once; the suite writes target/bench-smoke.md
#
# The suite (load, trace, the trace as one query beside the peers, compile, throughput,
# whole-process times, exports) writes BENCHMARKS.md; the other parts print Markdown tables.
# `scripts/bench.sh --help` lists every option. The suite's in-process figures come from
# benches/bench.rs, built with `cargo bench --profile release` so that it reuses the release
# build. The peers need `pip install pyoxigraph==0.5.13 rdflib==7.6.0` and
# ../shared/bench/peers.py (or PEERS=FILE); without them the table has no peer columns. The
# serve part needs the oxigraph server, which scripts/setup.sh --tests installs.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
exec python3 -B scripts/bench/main.py "$@"

#!/usr/bin/env bash
# Queries per second for the trace query (queries/trace-nodes.rq on the bundled
# brief) with 1, 4 and 16 concurrent clients, on `argmap serve` and on the
# oxigraph server (PyPI package `oxigraph`) over the same brief, side by side.
# Everything runs on 127.0.0.1 and stops by itself.
# Usage: scripts/bench-serve.sh [SECONDS per measurement, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
cargo build --release --quiet
python3 -c 'import pyoxigraph' 2>/dev/null && command -v oxigraph >/dev/null ||
  python3 -m pip install --quiet oxigraph
argmap=target/release/argmap
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() {
  for _ in $(seq 100); do
    (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on port $1" >&2
  exit 1
}

"$argmap" --store "$work/argmap" load --quiet seeds/kinu-co-17-32
"$argmap" compile seeds/kinu-co-17-32 >"$work/brief.nq"
oxigraph load --location "$work/oxigraph" --file "$work/brief.nq" >/dev/null 2>&1
graph=https://w3id.org/argmap/kb/graph/kinu-co-17-32
{ cat queries/trace-nodes.rq; echo "VALUES ?graph { <$graph> }"; } >"$work/trace.rq"

argmap_port=$(free_port)
"$argmap" --store "$work/argmap" serve --quiet --bind "127.0.0.1:$argmap_port" &
pids+=($!)
oxigraph_port=$(free_port)
oxigraph serve-read-only --location "$work/oxigraph" --bind "127.0.0.1:$oxigraph_port" >/dev/null 2>&1 &
pids+=($!)
wait_port "$argmap_port"
wait_port "$oxigraph_port"

echo "trace query (trace-nodes.rq), ${seconds} s per cell, queries per second"
printf '%-8s %14s %14s\n' clients "argmap serve" "oxigraph"
for clients in 1 4 16; do
  a=$(python3 scripts/bench_serve.py 127.0.0.1 "$argmap_port" /sparql "$work/trace.rq" "$clients" "$seconds")
  o=$(python3 scripts/bench_serve.py 127.0.0.1 "$oxigraph_port" /query "$work/trace.rq" "$clients" "$seconds")
  printf '%-8s %14s %14s\n' "$clients" "$a" "$o"
done

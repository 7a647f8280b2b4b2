#!/usr/bin/env bash
# Times `argmap report` and measures the page it writes, for the bundled brief
# (read from no store, as a first-time user runs it) and for a generated brief
# of N items of evidence (default 2000; `argmap gen-corpus --briefs 1
# --evidence N`), loaded into a scratch store.
#
# Usage: scripts/bench-report.sh [N] [RUNS]   (prints the median of RUNS, default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-2000}
runs=${2:-5}
cargo build --release --quiet
bin=target/release/argmap
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin" gen-corpus --briefs 1 --evidence "$n" --out "$work/corpus" > /dev/null 2>&1
brief=$(ls "$work/corpus")
"$bin" --store "$work/store" --quiet load "$work/corpus/$brief"

# median_ms STORE-ARGS… -- REPORT-ARGS…: the median wall time of `argmap report`, whole process.
median_ms() {
  local times=()
  # One untimed run first: the store settles (RocksDB compacts after a load).
  "$bin" --quiet "$@" > /dev/null
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$bin" --quiet "$@" > /dev/null
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

# With no store at all, argmap uses the bundled brief; --store pointing nowhere
# is refused, so the bundled run clears the store variables instead.
bundled_run() { env -u ARGMAP_STORE XDG_DATA_HOME="$work/xdg" "$bin" --quiet report "$@"; }
big=(--store "$work/store" report --brief "$brief")

bundled_run --out "$work/bundled.html"
"$bin" --quiet "${big[@]}" --out "$work/big.html"
size() { wc -c < "$1" | awk '{ printf "%d bytes (%.0f KB)", $1, $1 / 1024 }'; }
marks() { grep -o '<span class="target"' "$1" | wc -l; }

times=()
bundled_run --out /dev/null
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  bundled_run --out "$work/b.html"
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
done
bundled_ms=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')

echo "argmap report, median of $runs runs, whole process (open, queries, trace, matrix, layout, page):"
echo "  bundled brief kinu-co-17-32, no store: $bundled_ms ms, $(size "$work/bundled.html"), $(marks "$work/bundled.html") passages"
echo "  generated brief of $n evidence items:  $(median_ms "${big[@]}" --out "$work/big2.html") ms, $(size "$work/big.html"), $(marks "$work/big.html") passages"
if grep -q 'class="notice"' "$work/big.html"; then
  echo "  (the $n-item map was simplified: $(grep -o 'This brief has [0-9]* nodes' "$work/big.html"))"
fi
echo "  the same brief with its whole map drawn (--map-limit 1000000): $(median_ms "${big[@]}" --map-limit 1000000 --out "$work/full.html") ms, $(size "$work/full.html")"

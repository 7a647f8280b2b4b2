#!/usr/bin/env bash
# Times `argmap matrix` on the bundled brief and on a generated brief of N
# items of evidence (default 2000), both loaded into a scratch store.
#
# The generator is deliberately minimal (the corpus generator is separate):
# one exclusive question with 4 hypotheses, 20 claims (5 per hypothesis),
# N items of evidence each supporting a claim or a hypothesis, every 7th
# opposing another hypothesis (every 21st strongly), every 50th rated by the
# analyst, and 10 sources with Admiralty grades. No quotes: the matrix does
# not read them, and anchoring is `check`'s cost, not the matrix's.
#
# Usage: scripts/bench-matrix.sh [N] [RUNS]   (prints the median of RUNS, default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-2000}
runs=${2:-5}
cargo build --release --quiet
bin=target/release/argmap
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

brief="$work/bench-$n"
mkdir -p "$brief"
echo "A generated brief for timing argmap matrix." > "$brief/brief.txt"
awk -v n="$n" 'BEGIN {
  print "[brief]\ntitle = \"Generated brief of " n " items\"\nlanguage = \"en\"\nrights = \"generated\"\nmapped-by = \"scripts/bench-matrix.sh\"\nmapped-on = \"2026-11-27\"\n"
  print "[question.q]\ntext = \"Which of four?\"\nexclusive = true\n"
  for (h = 1; h <= 4; h++) print "[hypothesis.h" h "]\nanswers = \"q\"\ntext = \"Hypothesis " h ".\"\nhedge = \"likely\"\n"
  for (c = 1; c <= 20; c++) print "[claim.c" c "]\ntext = \"Claim " c ".\"\nstatus = \"inference\"\nsupports = [\"h" ((c - 1) % 4 + 1) "\"]\n"
  split("A B C D E F", rel, " ")
  for (s = 1; s <= 10; s++) print "[source.s" s "]\nkind = \"report\"\ntitle = \"Source " s "\"\nreliability = \"" rel[(s - 1) % 6 + 1] "\"\ncredibility = " ((s - 1) % 6 + 1) "\n"
  for (e = 1; e <= n; e++) {
    target = (e % 3 == 0) ? "h" (e % 4 + 1) : "c" (e % 20 + 1)
    print "[evidence.e" e "]\ntext = \"Item " e ".\"\nstatus = \"reported\"\nsource = \"s" (e % 10 + 1) "\"\nsupports = [\"" target "\"]"
    if (e % 21 == 0) print "opposes-strongly = [\"h" ((e + 1) % 4 + 1) "\"]"
    else if (e % 7 == 0) print "opposes = [\"h" ((e + 1) % 4 + 1) "\"]"
    if (e % 50 == 0) print "ratings = { h" ((e + 2) % 4 + 1) " = \"I\" }"
    print ""
  }
}' > "$brief/map.toml"

"$bin" --store "$work/store" --quiet load seeds/kinu-co-17-32 "$brief"

median_ms() {
  local times=()
  # One untimed run first: the store settles (RocksDB compacts after a load).
  "$bin" --store "$work/store" --quiet matrix "$@" > /dev/null
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$bin" --store "$work/store" --quiet matrix "$@" > /dev/null
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

echo "argmap matrix, median of $runs runs, whole process (store open, 4 queries, cells, sensitivity, text output):"
echo "  bundled brief kinu-co-17-32 (33 items x 4 hypotheses): $(median_ms --brief kinu-co-17-32) ms"
echo "  generated brief of $n items x 4 hypotheses:            $(median_ms --brief "bench-$n") ms"

#!/usr/bin/env bash
# Runs every fuzz target of fuzz/ for SECONDS each (default 600, ten
# minutes), all at once under `nice -n 19` so that they take only idle CPU,
# and prints the executions and findings of each. Needs a nightly toolchain
# and cargo-fuzz (`cargo install cargo-fuzz`); the fuzz crate is its own
# workspace, built without RocksDB, and never built by the tests or CI.
#
#   scripts/fuzz.sh            # ten minutes per target
#   scripts/fuzz.sh 60         # one minute per target
#   TARGETS="sparql anchor" scripts/fuzz.sh 120
#
# A crash leaves its input in fuzz/artifacts/TARGET/; replay it with
# `cargo +nightly fuzz run TARGET fuzz/artifacts/TARGET/crash-…`, fix the
# bug, and keep the input as a regression case in tests/data/bad/.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${1:-600}"
toolchain="${FUZZ_TOOLCHAIN:-nightly}"
if ! cargo "+$toolchain" fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: needs cargo-fuzz on the $toolchain toolchain:" >&2
    echo "  rustup toolchain install nightly && cargo install cargo-fuzz" >&2
    exit 2
fi
targets="${TARGETS:-$(cargo "+$toolchain" fuzz list)}"
nice -n 19 cargo "+$toolchain" fuzz build
mkdir -p logs
seeds() {
    # Each target starts from the project's own inputs of its kind.
    local target="$1" dir="corpus/$1"
    mkdir -p "$dir"
    case "$target" in
        map_check) for m in ../seeds/*/map.toml ../tests/data/check/*/map.toml; do
                       cat "$m" > "$dir/$(echo "$m" | md5sum | cut -c1-16)"
                       printf '\0' >> "$dir/$(echo "$m" | md5sum | cut -c1-16)"
                       cat "$(dirname "$m")/brief.txt" >> "$dir/$(echo "$m" | md5sum | cut -c1-16)" 2>/dev/null || true
                   done ;;
        anchor) for f in ../tests/data/check/*/brief.txt; do cp "$f" "$dir/$(echo "$f" | md5sum | cut -c1-16)"; done ;;
        aif_import) cp ../tests/data/aif/*.json "$dir/" ;;
        argdown_import) cp ../tests/data/argdown/*.argdown "$dir/" ;;
        sparql) for q in ../queries/*.rq; do cp "$q" "$dir/$(basename "$q")"; done ;;
        reanchor) for c in ../tests/data/reanchor/cases/*/; do
                      base=$(cat "$c/base")
                      if [ "$base" = seed ]; then b=../seeds/kinu-co-17-32; else b=../tests/data/reanchor/bases/$base; fi
                      { cat "$b/brief.txt"; printf '\0'; cat "$c/revised.txt"; printf '\0'
                        awk '/^quote = "/ && n < 16 { n++; sub(/^quote = "/, ""); sub(/"$/, ""); print }' "$b/map.toml"; } > "$dir/$(basename "$c")"
                  done ;;
        round_trip) for f in ../tests/data/argdown/*.argdown; do
                        { printf '\0'; cat "$f"; } > "$dir/ad-$(basename "$f")"
                    done
                    for f in ../tests/data/aif/*.json; do
                        { printf '\1'; cat "$f"; } > "$dir/aif-$(basename "$f")"
                    done ;;
    esac
}
pids=()
for t in $targets; do
    seeds "$t"
    nice -n 19 cargo "+$toolchain" fuzz run "$t" "corpus/$t" -- \
        -max_total_time="$seconds" -max_len=65536 -timeout=60 -rss_limit_mb=4096 \
        -print_final_stats=1 > "logs/$t.log" 2>&1 &
    pids+=("$!")
done
status=0
for pid in "${pids[@]}"; do
    wait "$pid" || status=1
done
for t in $targets; do
    runs=$(grep -ao 'stat::number_of_executed_units: *[0-9]*' "logs/$t.log" | grep -o '[0-9]*$' || echo "?")
    crashes=$(ls "artifacts/$t" 2>/dev/null | wc -l)
    echo "$t: $runs executions, $crashes crash input(s) in fuzz/artifacts/$t/ (log: fuzz/logs/$t.log)"
done
exit "$status"

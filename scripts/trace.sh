#!/usr/bin/env bash
# Installs what is missing, builds argmap, and traces the bundled brief
# (KINU CO 17-32): how each of its four motives is supported.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo run --release --quiet -- trace "$@"

#!/usr/bin/env bash
# Installs what is missing and runs every test: unit tests and the
# integration tests that drive the real binary (including pyshacl).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
cargo test --release "$@"

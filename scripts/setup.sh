#!/usr/bin/env bash
# Installs what building and testing argmap needs, when it is missing:
# libclang (RocksDB's bindings are generated with bindgen) and, with --tests,
# what the tests drive: pyshacl for the SHACL conformance test, and the real
# clients of `argmap serve` (curl, SPARQLWrapper, rdflib, headless Chromium).
# Safe to run again.
set -euo pipefail

need_apt=()
if ! ldconfig -p 2>/dev/null | grep -q 'libclang[-.0-9]*\.so'; then
  need_apt+=(libclang-dev)
fi
if [ "${1:-}" = "--tests" ]; then
  command -v curl >/dev/null || need_apt+=(curl)
  command -v chromium >/dev/null || need_apt+=(chromium)
fi
if ! command -v cargo >/dev/null; then
  echo "cargo is not installed: install Rust (https://rustup.rs) first" >&2
  exit 1
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing ${need_apt[*]}" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ "${1:-}" = "--tests" ]; then
  if ! python3 -c 'import pyshacl, rdflib' 2>/dev/null; then
    echo "installing pyshacl" >&2
    python3 -m pip install --quiet 'pyshacl==0.40.1' 'rdflib==7.6.0'
  fi
  if ! python3 -c 'import SPARQLWrapper' 2>/dev/null; then
    echo "installing SPARQLWrapper" >&2
    python3 -m pip install --quiet 'SPARQLWrapper==2.0.0'
  fi
fi

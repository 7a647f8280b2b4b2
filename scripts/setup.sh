#!/usr/bin/env bash
# Installs what building and testing argmap needs, when it is missing:
# libclang (RocksDB's bindings are generated with bindgen) and, with --tests,
# pyshacl for the SHACL conformance test and the two SPARQL servers the
# remote-store tests start on 127.0.0.1: the oxigraph server (its binary is
# in the `oxigraph` package on PyPI) and Virtuoso 7 (Debian's
# virtuoso-opensource). Safe to run again.
set -euo pipefail

need_apt=()
if ! ldconfig -p 2>/dev/null | grep -q 'libclang[-.0-9]*\.so'; then
  need_apt+=(libclang-dev)
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
  if ! command -v virtuoso-t >/dev/null || ! command -v isql-vt >/dev/null; then
    echo "installing virtuoso-opensource" >&2
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource >/dev/null
  fi
  if ! command -v oxigraph >/dev/null; then
    echo "installing the oxigraph server" >&2
    python3 -m pip install --quiet 'oxigraph==0.5.13'
  fi
  if ! python3 -c 'import pyshacl, rdflib' 2>/dev/null; then
    echo "installing pyshacl" >&2
    python3 -m pip install --quiet 'pyshacl==0.40.1' 'rdflib==7.6.0'
  fi
fi

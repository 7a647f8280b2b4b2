#!/usr/bin/env bash
# Installs what building and testing argmap needs, when it is missing:
# libclang (RocksDB's bindings are generated with bindgen) and, with --tests,
# pyshacl for the SHACL conformance test; Graphviz, networkx and Cytoscape.js,
# which read the exported files; the real clients of `argmap serve` (curl,
# SPARQLWrapper, rdflib, headless Chromium); Argdown's CLI, playwright-core and
# axe-core (npm, into tests/node) for the Argdown export and report tests; and the two SPARQL servers the
# remote-store tests start on 127.0.0.1: the oxigraph server (PyPI package
# `oxigraph`) and Virtuoso 7 (Debian's virtuoso-opensource). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
if ! ldconfig -p 2>/dev/null | grep -q 'libclang[-.0-9]*\.so'; then
  need_apt+=(libclang-dev)
fi
if [ "${1:-}" = "--tests" ]; then
  command -v curl >/dev/null || need_apt+=(curl)
  command -v chromium >/dev/null || need_apt+=(chromium)
  # A local TLS server for the test that SERVICE checks HTTPS certificates.
  command -v openssl >/dev/null || need_apt+=(openssl)
fi
if ! command -v cargo >/dev/null; then
  echo "cargo is not installed: install Rust (https://rustup.rs) first" >&2
  exit 1
fi
if [ "${1:-}" = "--tests" ] && ! command -v dot >/dev/null; then
  need_apt+=(graphviz)
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
  if ! command -v node >/dev/null; then
    echo "installing nodejs and npm" >&2
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  fi
  # Cytoscape.js, for the test that loads the exported JSON into it.
  npm_dir="$(cd "$(dirname "$0")/.." && pwd)/target/npm"
  if [ ! -f "$npm_dir/node_modules/cytoscape/package.json" ]; then
    echo "installing cytoscape (npm)" >&2
    mkdir -p "$npm_dir"
    npm install --silent --no-audit --no-fund --prefix "$npm_dir" cytoscape@3.35.0 >/dev/null
  fi
  if ! python3 -c 'import networkx' 2>/dev/null; then
    echo "installing networkx" >&2
    python3 -m pip install --quiet 'networkx==3.6.1'
  fi
  if ! python3 -c 'import SPARQLWrapper' 2>/dev/null; then
    echo "installing SPARQLWrapper" >&2
    python3 -m pip install --quiet 'SPARQLWrapper==2.0.0'
  fi
  # Argdown's own CLI, which checks argmap's Argdown export, and playwright-core with axe-core,
  # which drive Debian's Chromium over `argmap report`'s page; all pinned in tests/node.
  if [ ! -x tests/node/node_modules/.bin/argdown ] \
    || [ ! -f tests/node/node_modules/playwright-core/package.json ] \
    || [ ! -f tests/node/node_modules/axe-core/axe.min.js ]; then
    if ! command -v npm >/dev/null; then
      echo "installing nodejs and npm" >&2
      SUDO=""
      [ "$(id -u)" -ne 0 ] && SUDO="sudo"
      $SUDO apt-get update -qq
      $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
    fi
    echo "installing @argdown/cli 1.7.5, playwright-core 1.65.1 and axe-core 4.14.1" >&2
    (cd tests/node && npm ci --no-audit --no-fund --silent)
  fi
fi

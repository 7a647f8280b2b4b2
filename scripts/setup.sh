#!/usr/bin/env bash
# Installs what building and testing argmap needs, when it is missing. Safe to run again.
#
#   scripts/setup.sh           # building: libclang (RocksDB's bindings are generated with bindgen)
#   scripts/setup.sh --tests   # and what the tests run, by kind:
#     Debian   curl and Chromium (the clients of `argmap serve` and the report's browser),
#              zsh, fish and groff (read the completion scripts and the manual page),
#              openssl (a local TLS server), Graphviz (reads the DOT export), Virtuoso 7
#              (a SPARQL server the remote-store tests start), Node.js and npm
#     PyPI     the oxigraph server, pyshacl with rdflib (SHACL conformance), networkx (reads
#              the GraphML export), SPARQLWrapper (a client of `argmap serve`)
#     npm      tests/node, pinned by its package-lock.json: Argdown's CLI (checks the Argdown
#              export), playwright-core and axe-core (drive Chromium over the report's page),
#              Cytoscape.js (loads the Cytoscape export), Mermaid (renders the Mermaid export
#              in Chromium)
set -euo pipefail
cd "$(dirname "$0")/.."

tests=false
[ "${1:-}" = "--tests" ] && tests=true

if ! command -v cargo >/dev/null; then
  echo "cargo is not installed: install Rust (https://rustup.rs) first" >&2
  exit 1
fi

# install KIND PACKAGE… installs the packages of one kind (apt, pip or npm) that were found
# missing; it does nothing when none is.
install() {
  local kind="$1"
  shift
  [ $# -gt 0 ] || return 0
  echo "installing ($kind) $*" >&2
  case "$kind" in
    apt)
      local sudo=""
      [ "$(id -u)" -ne 0 ] && sudo="sudo"
      $sudo apt-get update -qq
      $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
      ;;
    pip)
      python3 -m pip install --quiet "$@"
      ;;
    npm)
      # The versions are those of tests/node/package-lock.json, whatever is named here.
      (cd tests/node && npm ci --no-audit --no-fund --silent)
      ;;
  esac
}

# has_python MODULE: whether python3 can import MODULE.
has_python() { python3 -c "import $1" 2>/dev/null; }
# has_npm PATH: whether tests/node/node_modules holds PATH.
has_npm() { [ -e "tests/node/node_modules/$1" ]; }

apt=()
pip=()
npm=()
ldconfig -p 2>/dev/null | grep -q 'libclang[-.0-9]*\.so' || apt+=(libclang-dev)
if $tests; then
  command -v curl >/dev/null || apt+=(curl)
  command -v chromium >/dev/null || apt+=(chromium)
  command -v openssl >/dev/null || apt+=(openssl)
  command -v dot >/dev/null || apt+=(graphviz)
  command -v zsh >/dev/null || apt+=(zsh)
  command -v fish >/dev/null || apt+=(fish)
  command -v groff >/dev/null || apt+=(groff)
  { command -v virtuoso-t >/dev/null && command -v isql-vt >/dev/null; } || apt+=(virtuoso-opensource)
  command -v npm >/dev/null || apt+=(nodejs npm)

  command -v oxigraph >/dev/null || pip+=('oxigraph==0.5.13')
  { has_python pyshacl && has_python rdflib; } || pip+=('pyshacl==0.40.1' 'rdflib==7.6.0')
  has_python networkx || pip+=('networkx==3.6.1')
  has_python SPARQLWrapper || pip+=('SPARQLWrapper==2.0.0')
  has_python jsonschema || pip+=('jsonschema==4.26.0')

  has_npm .bin/argdown || npm+=('@argdown/cli')
  has_npm playwright-core/package.json || npm+=(playwright-core)
  has_npm axe-core/axe.min.js || npm+=(axe-core)
  has_npm cytoscape/package.json || npm+=(cytoscape)
  has_npm mermaid/dist/mermaid.min.js || npm+=(mermaid)
fi

install apt "${apt[@]}"
install pip "${pip[@]}"
install npm "${npm[@]}"

#!/usr/bin/env bash
# Times `argmap link --with` reconciling N store entities (default 10000)
# against a dataset of 2N: for each actor a true match written another way
# (hyphens as spaces or dropped, case changed, accents added) and a decoy
# one syllable away (never the name of another actor), all typed; every
# tenth actor is an organisation, and its decoy a person of the same name
# to exercise the type check. Prints the time of the reconciliation (dry
# run, and with the links graph written) and its precision and recall
# against the known pairs.
#
# Usage: scripts/bench-link.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
cargo build --release --quiet
bin=$PWD/target/release/argmap
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$n" "$work" <<'EOF'
import sys, os
n, work = int(sys.argv[1]), sys.argv[2]
family = ["Kim", "Ri", "Pak", "Choe", "Jang", "Han", "Ryu", "O", "Jo", "Kang", "Song", "Hwang",
          "Jon", "Mun", "Yun", "Sin", "An", "Ho", "Paek", "Chon"]
first = ["yong", "jong", "chol", "song", "myong", "hyok", "sun", "gwang", "il", "nam", "su",
         "chun", "ho", "hui", "jin", "dok", "man", "sok", "ung", "bom", "tae", "yon", "ok", "gil",
         "hak", "pyong", "rim", "sam", "jae", "gun"]
last = ["ho", "un", "il", "chol", "nam", "su", "jin", "ae", "gyu", "sik", "hwan", "ryong",
        "bok", "hun", "ik", "mo", "sang", "dal", "byol", "gon", "hyon", "ju", "po", "ran"]
decoy_last = ["xa", "xo", "xu", "xe"]
names = []
for f in family:
    for a in first:
        for b in last:
            names.append((f, a, b))
names = names[:n]
assert len(names) == n, "raise the syllable lists for more names"
brief = os.path.join(work, "bench-link")
os.makedirs(brief)
open(os.path.join(brief, "brief.txt"), "w").write("A generated brief for timing argmap link.\n")
m = ['[brief]\ntitle = "Generated brief of %d actors"\nlanguage = "en"\nrights = "generated"\n'
     'mapped-by = "scripts/bench-link.sh"\nmapped-on = "2026-11-28"\n' % n,
     '[question.q]\ntext = "Who?"\nexclusive = true\n', '[hypothesis.h]\nanswers = "q"\ntext = "Someone."\n']
ds = ['@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .',
      '@prefix schema: <https://schema.org/> .', '@prefix ex: <http://example.org/bench/> .']
for i, (f, a, b) in enumerate(names):
    kind = "organisation" if i % 10 == 0 else "person"
    name = "%s %s-%s" % (f, a.capitalize(), b)
    m.append('[actor.a%d]\nkind = "%s"\nname = "%s"\n' % (i, kind, name))
    variant = ["%s %s %s" % (f, a.capitalize(), b.capitalize()), "%s %s%s" % (f, a.capitalize(), b),
               "%s %s-%s" % (f.upper(), a.upper(), b.upper())][i % 3]
    cls = "schema:Organization" if kind == "organisation" else "schema:Person"
    ds.append('ex:t%d a %s ; rdfs:label "%s"@en .' % (i, cls, variant))
    decoy = "%s %s-%s" % (f, a.capitalize(), decoy_last[i % 4])
    ds.append('ex:d%d a schema:Person ; rdfs:label "%s"@en .' % (i, name if kind == "organisation" else decoy))
open(os.path.join(brief, "map.toml"), "w").write("\n".join(m))
open(os.path.join(work, "dataset.ttl"), "w").write("\n".join(ds) + "\n")
EOF

store="$work/store"
"$bin" --quiet --store "$store" load "$work/bench-link"
start=$(date +%s.%N)
"$bin" --quiet --store "$store" link --with "$work/dataset.ttl" --dry-run --format json > "$work/table.json"
end=$(date +%s.%N)
dry=$(echo "$end - $start" | bc)
start=$(date +%s.%N)
"$bin" --quiet --store "$store" link --with "$work/dataset.ttl" > /dev/null
end=$(date +%s.%N)
written=$(echo "$end - $start" | bc)
python3 - "$work/table.json" "$n" "$dry" "$written" <<'EOF'
import json, sys
rows = json.load(open(sys.argv[1]))
n = int(sys.argv[2])
linked = {(r["entity"].rsplit("/", 1)[1], r["candidate"].rsplit("/", 1)[1]) for r in rows if r["decision"] == "linked"}
right = sum(1 for e, t in linked if t == "t" + e[1:])
print("entities: %d; dataset: %d entities; candidates reported: %d" % (n, 2 * n, len(rows)))
print("link --with --dry-run: %.2f s; link --with (links graph written): %.2f s" % (float(sys.argv[3]), float(sys.argv[4])))
print("precision %.4f, recall %.4f (%d linked, %d right)" % (right / max(len(linked), 1), right / n, len(linked), right))
EOF

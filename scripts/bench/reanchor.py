"""Re-anchoring (`scripts/bench.sh reanchor`): precision and recall of `argmap reanchor` over the
corpus of revisions in tests/data/reanchor/cases, judged against each case's truth.tsv (written
by hand), and the time of a whole run on the bundled brief.

A quote placed anywhere but its right place (the wording truth.tsv gives, or its own when the
revision left it alone) is a wrong anchor; a quote whose passage the revision removed, or that
truth.tsv says must be orphaned, has no right place, so placing it at all is wrong. Precision is
right placements over all placements and must be 100 %; recall is right placements over the
quotes that have a right place."""
import json
import os
import shlex
import shutil
import subprocess

from common import ARGMAP, SEED_DIR, median_ms, table

CASES = "tests/data/reanchor/cases"
BASES = "tests/data/reanchor/bases"


def truth(case):
    rows = {}
    path = os.path.join(case, "truth.tsv")
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            rows[fields[0]] = (fields[1], fields[2] if len(fields) > 2 else None)
    return rows


def run_case(case, work):
    base = open(os.path.join(case, "base")).read().strip()
    base_dir = SEED_DIR if base == "seed" else os.path.join(BASES, base)
    folder = os.path.join(work, os.path.basename(case))
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    for f in ("map.toml", "brief.txt"):
        shutil.copy(os.path.join(base_dir, f), folder)
    extra = []
    if os.path.exists(os.path.join(case, "cmd")):
        extra = shlex.split(open(os.path.join(case, "cmd")).read())
    out = subprocess.run([ARGMAP, "reanchor", folder, "--text", os.path.join(case, "revised.txt"),
                          "--dry-run", "--format", "json", *extra],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["quotes"]


def main(a, work):
    rows = []
    total = {"quotes": 0, "placed": 0, "right": 0, "recoverable": 0, "orphaned": 0}
    for name in sorted(os.listdir(CASES)):
        case = os.path.join(CASES, name)
        expected = truth(case)
        t = {k: 0 for k in total}
        counts = {"exact": 0, "normalised": 0, "fuzzy": 0, "orphaned": 0}
        for q in run_case(case, work):
            outcome, wording = expected.get(q["site"], ("exact", None))
            wording = wording or q["old"]
            counts[q["outcome"]] += 1
            t["quotes"] += 1
            if outcome != "orphaned":
                t["recoverable"] += 1
            if q["outcome"] == "orphaned":
                t["orphaned"] += 1
                continue
            t["placed"] += 1
            if outcome != "orphaned" and q["new"] == wording:
                t["right"] += 1
        for k in total:
            total[k] += t[k]
        rows.append((name, t["quotes"], counts["exact"], counts["normalised"], counts["fuzzy"],
                     counts["orphaned"], t["placed"] - t["right"],
                     pct(t["right"], t["placed"]), pct(t["right"], t["recoverable"])))
    rows.append(("**all**", total["quotes"], "", "", "", total["orphaned"], total["placed"] - total["right"],
                 f"**{pct(total['right'], total['placed'])}**", f"**{pct(total['right'], total['recoverable'])}**"))
    figures = table("Re-anchoring: outcomes over the corpus of revisions",
                    ["case", "quotes", "exact", "normalised", "fuzzy", "orphaned", "wrong anchors",
                     "precision", "recall"], rows)
    revised = os.path.join(CASES, "seed-reworded", "revised.txt")
    wall, cpu = median_ms([ARGMAP, "reanchor", SEED_DIR, "--text", revised, "--dry-run"], a.runs)
    figures += "\n\n" + table(f"Re-anchoring: median of {a.runs} whole `argmap reanchor --dry-run` runs",
                              ["map", "wall (ms)", "CPU (ms)"],
                              [("bundled brief (65 quotes), seed-reworded", f"{wall:,.0f}", f"{cpu:,.0f}")])
    return figures


def pct(n, d):
    return f"{100 * n / d:.1f} %" if d else "–"

"""The report (`scripts/bench.sh report`): whole `argmap report` runs (open, queries, trace,
matrix, layout, page) and the size of the page, for the bundled brief read from no store, as a
first-time user runs it, and for a generated brief of N items of evidence (`--report-evidence`),
with the map simplified past `--map-limit` and drawn whole."""
import os
import re

from common import ARGMAP, gen_corpus, load, median_ms, no_store_env, table


def page(path):
    """The size of a page and how many passages it marks."""
    html = open(path, encoding="utf-8").read()
    return os.path.getsize(path), html.count('<span class="target"'), html


def main(a, work):
    n = a.report_evidence
    brief = gen_corpus(os.path.join(work, "report-corpus"), "--briefs", 1, "--evidence", n)[0]
    store = os.path.join(work, "report-store")
    load(store, brief)
    big = [ARGMAP, "-q", "--store", store, "report", "--brief", os.path.basename(brief)]
    runs = [("bundled brief, no store", [ARGMAP, "-q", "report"], no_store_env(work)),
            (f"generated brief of {n:,} items", big, None),
            (f"the same, whole map drawn (--map-limit 1000000)", big + ["--map-limit", "1000000"], None)]
    rows = []
    for i, (name, cmd, env) in enumerate(runs):
        out = os.path.join(work, f"report-{i}.html")
        wall, cpu = median_ms(cmd + ["--out", out], a.runs, env=env)
        size, passages, html = page(out)
        simplified = re.search(r"This brief has [0-9,]+ nodes", html)
        rows.append((name, f"{wall:,.0f}", f"{cpu:,.0f}", f"{size / 1024:,.0f} KB", f"{passages:,}",
                     "simplified" if simplified else "whole"))
    return table(f"Report: median of {a.runs} whole `argmap report` runs",
                 ["brief", "wall (ms)", "CPU (ms)", "page", "passages", "map"], rows)

"""The matrix (`scripts/bench.sh matrix`): whole `argmap matrix` runs (store open, four queries,
cells, sensitivity, text output) on the bundled brief and on a generated brief of N items of
evidence (`--matrix-evidence`) weighed against four exclusive hypotheses, so that the order and
its sensitivity are worked out."""
import os

from common import ARGMAP, SEED, SEED_DIR, gen_corpus, load, median_ms, table


def main(a, work):
    n = a.matrix_evidence
    brief = gen_corpus(os.path.join(work, "matrix-corpus"), "--briefs", 1, "--seed", 1,
                       "--hypotheses", 4, "--exclusive", "--claims", 20, "--evidence", n)[0]
    store = os.path.join(work, "matrix-store")
    load(store, SEED_DIR, brief)
    rows = []
    for name, brief_id in [(f"bundled brief {SEED} (33 items, 4 hypotheses)", SEED),
                           (f"generated brief of {n:,} items, 4 exclusive hypotheses", os.path.basename(brief))]:
        wall, cpu = median_ms([ARGMAP, "-q", "--store", store, "matrix", "--brief", brief_id], a.runs)
        rows.append((name, f"{wall:,.0f}", f"{cpu:,.0f}"))
    return table(f"Matrix: median of {a.runs} whole `argmap matrix` runs", ["brief", "wall (ms)", "CPU (ms)"], rows)

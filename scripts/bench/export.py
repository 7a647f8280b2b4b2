"""Export (`scripts/bench.sh export`): whole `argmap export` runs (process start, store open,
queries, layout, writing) of the bundled brief in every format, and of generated maps of about
N nodes (`--export-nodes`) to the drawing formats."""
import os

from common import ARGMAP, SEED, SEED_DIR, gen_corpus, load, median_ms, table

FORMATS = ["turtle", "trig", "ntriples", "nquads", "rdfxml", "jsonld",
           "dot", "svg", "graphml", "mermaid", "cytoscape", "aif", "aif-rdf", "argdown"]
DRAWINGS = ["dot", "graphml", "svg"]


def nodes_of(brief):
    """How many nodes the map declares: every table but [brief] and the hedges."""
    with open(os.path.join(brief, "map.toml"), encoding="utf-8") as f:
        return sum(1 for l in f if l.startswith("[") and not l.startswith(("[brief]", "[hedges", "[[")))


def generated(work, nodes):
    """One generated brief of about `nodes` nodes: a hundredth of them hypotheses, then claims and
    evidence about one to two, beside the shared actors, sources and events it names."""
    rest = nodes - 40
    claims, evidence = rest // 3, rest - rest // 3
    hypotheses = max(4, nodes // 100)
    return gen_corpus(os.path.join(work, f"gen-{nodes}"), "--briefs", 1, "--seed", 1,
                      "--hypotheses", hypotheses, "--claims", claims, "--evidence", evidence)[0]


def main(a, work):
    rows = []
    seed_store = os.path.join(work, "export-seed")
    load(seed_store, SEED_DIR)
    for fmt in FORMATS:
        cmd = [ARGMAP, "-q", "--store", seed_store, "export", "--brief", SEED, "--format", fmt]
        rows.append((f"bundled brief, {fmt}", *median_ms(cmd, a.runs)))
    for nodes in [int(n) for n in a.export_nodes.split()]:
        brief = generated(work, nodes)
        store = os.path.join(work, f"export-{nodes}")
        seconds = load(store, brief)
        name = f"generated map of {nodes_of(brief):,} nodes"
        rows.append((f"{name}: load (once)", seconds * 1000, float("nan")))
        for fmt in DRAWINGS:
            cmd = [ARGMAP, "-q", "--store", store, "export", "--brief", os.path.basename(brief), "--format", fmt]
            rows.append((f"{name}, {fmt}", *median_ms(cmd, a.runs)))
    return table(f"Export: median of {a.runs} whole `argmap export` runs (a load runs once)",
                 ["what", "wall (ms)", "CPU (ms)"],
                 [(name, f"{wall:,.1f}", "–" if cpu != cpu else f"{cpu:,.1f}") for name, wall, cpu in rows])

"""Evaluation (`scripts/bench.sh evaluate`): whole `argmap evaluate` runs on maps of N nodes
(`--evaluate-nodes`, default 1,000 and 100,000), two ways:

- a generated brief (`argmap gen-corpus --briefs 1 --evidence N`, loaded): the framework read
  from the store by SPARQL, labelled, and its evaluation graph written; its attacks form a DAG,
  so every semantics settles everything by propagation;
- an apx file of N arguments (`evaluate --apx`, nothing read or written but the file): a
  random DAG of two attacks per argument (seeded) with 8 even and 4 odd cycles spliced in,
  so that preferred and stable have a real search to do (2^8 preferred extensions). The
  exact search chooses in cycles only, attackers' components first, and the rest follows
  by propagation.
"""
import os
import random

from common import ARGMAP, gen_corpus, load, median_ms, table

SEMANTICS = ["grounded", "preferred", "stable"]


def write_apx(path, n, seed=1):
    """A framework of n arguments: attacks from later to earlier (a DAG), then cycles."""
    rng = random.Random(seed)
    attacks = set()
    for i in range(1, n):
        for _ in range(2):
            attacks.add((i, rng.randrange(i)))
    # Even cycles (a ⇄ b) and odd ones (a → b → c → a) among the last arguments.
    free = list(range(n - 1, -1, -1))[: 8 * 2 + 4 * 3]
    for k in range(8):
        a, b = free[2 * k], free[2 * k + 1]
        attacks |= {(a, b), (b, a)}
    rest = free[16:]
    for k in range(4):
        a, b, c = rest[3 * k: 3 * k + 3]
        attacks |= {(a, b), (b, c), (c, a)}
    with open(path, "w") as f:
        f.writelines(f"arg(a{i}).\n" for i in range(n))
        f.writelines(f"att(a{x},a{y}).\n" for x, y in sorted(attacks))
    return len(attacks)


def main(a, work):
    rows = []
    for n in [int(x) for x in a.evaluate_nodes.split()]:
        brief = gen_corpus(os.path.join(work, f"evaluate-corpus-{n}"), "--briefs", 1, "--seed", 1,
                           "--evidence", n)[0]
        store = os.path.join(work, f"evaluate-store-{n}")
        load(store, brief)
        for s in SEMANTICS:
            wall, cpu = median_ms([ARGMAP, "-q", "--store", store, "evaluate", "--semantics", s], a.runs)
            rows.append((f"generated brief, {n:,} evidence items (store, graph written)", s,
                         f"{wall:,.0f}", f"{cpu:,.0f}"))
        apx = os.path.join(work, f"framework-{n}.apx")
        count = write_apx(apx, n)
        for s in SEMANTICS:
            wall, cpu = median_ms([ARGMAP, "-q", "evaluate", "--apx", apx, "--semantics", s], a.runs)
            rows.append((f"apx, {n:,} arguments, {count:,} attacks, 12 cycles", s,
                         f"{wall:,.0f}", f"{cpu:,.0f}"))
    return table(f"Evaluation: median of {a.runs} whole `argmap evaluate` runs",
                 ["framework", "semantics", "wall (ms)", "CPU (ms)"], rows)

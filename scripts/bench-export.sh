#!/usr/bin/env bash
# Export benchmarks (figures, not tests): the bundled brief in every format,
# a generated 10,000-node map to DOT and GraphML, and a generated 1,000-node
# map to SVG. Each figure is the median wall time of whole `argmap export`
# runs (process start, store open, queries, layout, writing), in a scratch
# store that is removed afterwards.
#
#   ./scripts/bench-export.sh [RUNS]     # RUNS per figure, default 5
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
RUNS="${1:-5}" python3 - <<'PY'
import os, random, resource, shutil, statistics, subprocess, tempfile, time

ARGMAP = os.path.abspath("target/release/argmap")
RUNS = int(os.environ["RUNS"])
work = tempfile.mkdtemp(prefix="argmap-bench-")

def generate(folder, nodes, seed=1):
    """A valid map of about `nodes` nodes: one question, hypotheses, claims
    in support trees, evidence with sources and speakers, some oppositions."""
    rnd = random.Random(seed)
    os.makedirs(folder)
    with open(os.path.join(folder, "brief.txt"), "w") as f:
        f.write("A generated brief for export benchmarks.\n")
    hyps = max(4, nodes // 100)
    sources = max(2, nodes // 20)
    actors = max(2, nodes // 20)
    rest = nodes - 1 - hyps - sources - actors
    claims, evidence = rest // 2, rest - rest // 2
    out = ['[brief]', 'title = "Generated map"', 'language = "en"',
           'rights = "CC0 (generated)"', 'mapped-by = "bench"', 'mapped-on = "2026-11-27"', '',
           '[question.q]', 'text = "What is going on?"', 'exclusive = false', '']
    for i in range(hyps):
        out += [f'[hypothesis.h{i}]', 'answers = "q"', f'text = "Hypothesis {i}: something may be going on here."',
                'hedge = "may"', '']
    for i in range(actors):
        out += [f'[actor.a{i}]', 'kind = "person"', f'name = "Actor {i}"', '']
    for i in range(sources):
        out += [f'[source.s{i}]', 'kind = "report"', f'title = "Report {i}"', f'by = "a{rnd.randrange(actors)}"',
                'reliability = "B"', 'credibility = 2', '']
    for i in range(claims):
        # A claim supports a hypothesis or an earlier claim: the support graph stays acyclic.
        target = f"h{rnd.randrange(hyps)}" if i < hyps * 2 or rnd.random() < 0.2 else f"c{rnd.randrange(i)}"
        out += [f'[claim.c{i}]', f'text = "Claim {i}, which argues a point in a sentence long enough to wrap."',
                'status = "inference"', f'supports = ["{target}"]', '']
    for i in range(evidence):
        supports = sorted({f"c{rnd.randrange(claims)}" for _ in range(rnd.choice([1, 1, 2]))})
        out += [f'[evidence.e{i}]', f'text = "Evidence {i}: someone reported something on a given day."',
                'status = "reported"', f'said-by = "a{rnd.randrange(actors)}"', f'source = "s{rnd.randrange(sources)}"',
                'supports = [' + ", ".join(f'"{s}"' for s in supports) + ']']
        if rnd.random() < 0.1:
            out.append(f'opposes = ["c{rnd.randrange(claims)}"]')
        out.append('')
    with open(os.path.join(folder, "map.toml"), "w") as f:
        f.write("\n".join(out))

def run(*args):
    subprocess.run([ARGMAP, *args], check=True, stdout=subprocess.DEVNULL)

def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime

def median_ms(args):
    """Medians of wall time and of CPU time (user + system): on a shared
    machine the CPU time is the steadier figure."""
    wall, used = [], []
    for _ in range(RUNS):
        start, start_cpu = time.perf_counter(), cpu()
        run(*args)
        wall.append((time.perf_counter() - start) * 1000)
        used.append((cpu() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(used)

def store(name, folder):
    path = os.path.join(work, f"store-{name}")
    start, start_cpu = time.perf_counter(), cpu()
    run("--store", path, "load", "--quiet", folder)
    return path, ((time.perf_counter() - start) * 1000, (cpu() - start_cpu) * 1000)

try:
    rows = []
    seed_store, _ = store("seed", "seeds/kinu-co-17-32")
    for fmt in ["turtle", "trig", "ntriples", "nquads", "rdfxml", "jsonld",
                "dot", "svg", "graphml", "mermaid", "cytoscape"]:
        rows.append((f"seed ({fmt})", median_ms(["--store", seed_store, "export", "--brief", "kinu-co-17-32", "--format", fmt])))
    for nodes, formats in [(1000, ["svg", "dot", "graphml"]), (10000, ["dot", "graphml", "svg"])]:
        folder = os.path.join(work, f"gen-{nodes}")
        generate(folder, nodes)
        path, load_ms = store(str(nodes), folder)
        rows.append((f"{nodes}-node map: load (once)", load_ms))
        for fmt in formats:
            rows.append((f"{nodes}-node map ({fmt})", median_ms(["--store", path, "export", "--brief", f"gen-{nodes}", "--format", fmt])))
    print(f"median of {RUNS} runs of `argmap export` (a load runs once)")
    print(f"  {'':<32} {'wall':>9}    {'CPU':>9}")
    for name, (wall, used) in rows:
        print(f"  {name:<32} {wall:9.1f} ms {used:9.1f} ms")
finally:
    shutil.rmtree(work, ignore_errors=True)
PY

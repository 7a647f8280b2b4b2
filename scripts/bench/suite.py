"""The suite (`scripts/bench.sh suite`, the default part): load rate and peak memory at each
size beside the peers, trace latency, the trace as one query, compile throughput, traces per
second, whole-process times and export rates; writes BENCHMARKS.md.

Each figure is the median of --runs runs. Sizes are approximate quad counts; the corpus is made
with `argmap gen-corpus` (about 1,870 quads a brief) and the exact count is reported.
"""
import json, os, platform, shutil, subprocess, sys, time

from common import ARGMAP, SEED, harness, lines, med, no_store_env, run, run_rss

QUADS_PER_BRIEF = 1870


def main(a, work):
    """Runs the suite with the options `a` (sizes, runs, rdflib_max, smoke, out) in the folder `work`."""
    sizes = [int(s) for s in a.sizes.split()]
    argmap = ARGMAP
    bench = harness()
    peers = os.environ.get("PEERS", os.path.join("..", "shared", "bench", "peers.py"))
    have_peers = os.path.exists(peers) and subprocess.run(
        [sys.executable, "-c", "import pyoxigraph"], capture_output=True).returncode == 0
    env = no_store_env(work)
    results = {"sizes": [], "commands": []}

    def note(cmd):
        results["commands"].append(" ".join(str(c) for c in cmd).replace(work, "$WORK").replace(os.getcwd() + "/", ""))

    for size in sizes:
        briefs = max(1, round(size / QUADS_PER_BRIEF))
        corpus, nq = os.path.join(work, f"c{size}"), os.path.join(work, f"c{size}.nq")
        cmd = [argmap, "-q", "gen-corpus", "--briefs", str(briefs), "--seed", "1", "--out", corpus, "--nquads", nq]
        note(cmd)
        run(cmd)
        quads = sum(1 for _ in open(nq, "rb"))
        dirs = sorted(os.path.join(corpus, d) for d in os.listdir(corpus))
        store = os.path.join(work, f"st{size}")
        loads, rss = [], []
        for _ in range(a.runs):
            shutil.rmtree(store, ignore_errors=True)
            cmd = [argmap, "-q", "--store", store, "load", *dirs]
            s, r = run_rss(cmd)
            loads.append(s)
            rss.append(r)
        note([argmap, "-q", "--store", "$WORK/store", "load", f"$WORK/c{size}/*/"])
        # Compact first: RocksDB compacts the files a bulk load ingested in
        # the background for a while, and a trace timed meanwhile measures
        # the compaction (see benches/findings.md).
        cmd = [bench, "optimize", store]
        note(cmd)
        optimize_s = lines(run(cmd)[1])[0]["seconds"]
        cmd = [bench, "trace", store, "brief-00001", str(100 * a.runs)]
        note(cmd)
        tr = lines(run(cmd)[1])[0]
        row = {"size": size, "quads": quads, "briefs": briefs,
               "load_s": med(loads), "load_qps": quads / med(loads), "load_rss_mb": med(rss),
               "optimize_s": optimize_s, "trace_ms": tr["trace_ms"], "trace_cpu_ms": tr["trace_cpu_ms"],
               "trace_query_ms": tr["trace_query_ms"], "peers": {}}
        if have_peers:
            graph = "https://w3id.org/argmap/kb/graph/brief-00001"
            query = os.path.join(work, "trace.rq")
            with open(query, "w") as f:
                f.write(run([bench, "bound-query", "trace", graph])[1])
            per = {}
            for _ in range(a.runs):
                cmd = [sys.executable, peers, nq, query, "--repeat", str(10)]
                if quads <= a.rdflib_max:
                    cmd.append("--rdflib")
                for p in lines(run(cmd)[1]):
                    per.setdefault(p["peer"], []).append(p)
            note(cmd)
            for name, ps in per.items():
                row["peers"][name] = {"load_qps": med([p["quads_per_s"] for p in ps]),
                                      "query_ms": med([p["query_ms_median"] for p in ps])}
        results["sizes"].append(row)
        print(json.dumps(row), flush=True)

    first, last = results["sizes"][0], results["sizes"][-1]
    c0 = os.path.join(work, f"c{first['size']}")
    d0 = sorted(os.path.join(c0, d) for d in os.listdir(c0))
    cmd = [bench, "compile", str(a.runs), *d0]
    note([bench, "compile", str(a.runs), f"$WORK/c{first['size']}/*/"])
    results["compile"] = lines(run(cmd)[1])
    cmd = [bench, "throughput", os.path.join(work, f"st{last['size']}"), str(a.runs), "1" if a.smoke else "3"]
    note(cmd)
    results["throughput"] = lines(run(cmd)[1])

    # Whole-process times on the bundled brief: with no store (in memory) and from a store.
    seed_store = os.path.join(work, "seed-store")
    run([argmap, "-q", "--store", seed_store, "load", f"seeds/{SEED}"])
    reps = 3 if a.smoke else 21
    proc = {}
    for name, cmd in [("trace (no store)", [argmap, "-q", "trace"]),
                      ("trace (store)", [argmap, "-q", "--store", seed_store, "trace"]),
                      ("check", [argmap, "check", f"seeds/{SEED}"])]:
        note(cmd)
        proc[name] = med([run(cmd, env=env)[0] * 1000 for _ in range(reps)])
    results["process_ms"] = proc

    # Export: N-Quads through `compile`, Turtle through a CONSTRUCT of the store.
    exports = {}
    cmd = [argmap, "-q", "compile", *d0]
    note([argmap, "-q", "compile", f"$WORK/c{first['size']}/*/"])
    s = med([run(cmd)[0] for _ in range(a.runs)])
    exports["N-Quads (compile)"] = (first["quads"] - 0) / s
    store0 = os.path.join(work, f"st{first['size']}")
    cmd = [argmap, "-q", "--store", store0, "query", "--sparql",
           "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", "--format", "turtle"]
    note(cmd)
    s = med([run(cmd)[0] for _ in range(a.runs)])
    exports["Turtle (CONSTRUCT)"] = first["quads"] / s
    results["export_qps"] = exports
    report(results, a, have_peers)


def fmt(x, digits=0):
    if x != x:
        return "–"
    return f"{x:,.{digits}f}"


def report(r, a, have_peers):
    out = []
    sizes = r["sizes"]
    out.append("| quads | argmap load (q/s) | peak RSS (MB) | pyoxigraph disk bulk (q/s) | ratio | pyoxigraph memory (q/s) | rdflib (q/s) | ratio to rdflib | argmap trace (ms) | trace CPU (ms) | trace / smallest store | trace as one query (ms) | pyoxigraph disk (ms) | pyoxigraph memory (ms) | rdflib (ms) | rdflib / argmap trace |")
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for s in sizes:
        p = s["peers"]
        g = lambda n, k: p.get(n, {}).get(k, float("nan"))
        out.append("| " + " | ".join([
            fmt(s["quads"]), fmt(s["load_qps"]), fmt(s["load_rss_mb"]),
            fmt(g("pyoxigraph-disk", "load_qps")), fmt(s["load_qps"] / g("pyoxigraph-disk", "load_qps"), 2),
            fmt(g("pyoxigraph-memory", "load_qps")), fmt(g("rdflib", "load_qps")),
            fmt(s["load_qps"] / g("rdflib", "load_qps"), 1),
            fmt(s["trace_ms"], 2), fmt(s["trace_cpu_ms"], 2), fmt(s["trace_ms"] / sizes[0]["trace_ms"], 2),
            fmt(s["trace_query_ms"], 2),
            fmt(g("pyoxigraph-disk", "query_ms"), 2), fmt(g("pyoxigraph-memory", "query_ms"), 2),
            fmt(g("rdflib", "query_ms"), 2), fmt(g("rdflib", "query_ms") / s["trace_ms"], 1)]) + " |")
    table = "\n".join(out)
    other = ["| figure | value |", "|---|---|"]
    for s in sizes:
        other.append(f"| compaction after the load of {fmt(s['quads'])} quads (`Store::optimize`, before the trace) | {fmt(s['optimize_s'], 2)} s |")
    for c in r["compile"]:
        other.append(f"| {c['figure']} ({c['maps']} maps) | {fmt(c['maps_per_s'], 1)} maps/s, {fmt(c['quads_per_s'])} quads/s |")
    for t in r["throughput"]:
        other.append(f"| traces per second, {t['threads']} calling thread(s) (each trace runs its queries on two), {fmt(sizes[-1]['quads'])} quads in the store | {fmt(t['traces_per_s'], 1)} |")
    for name, ms in r["process_ms"].items():
        other.append(f"| whole process: `argmap {name}` on the bundled brief | {fmt(ms, 1)} ms |")
    for name, qps in r["export_qps"].items():
        other.append(f"| export to {name}, {fmt(sizes[0]['quads'])} quads | {fmt(qps)} quads/s |")
    other = "\n".join(other)
    print(table)
    print()
    print(other)
    load = os.getloadavg()
    machine = "\n".join([
        f"- {platform.platform()}, {os.cpu_count()} cores ({cpu()}), {mem()} of memory",
        f"- load average at the end of the run: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} (the machine is shared)",
        f"- {subprocess.run(['rustc', '--version'], capture_output=True, text=True).stdout.strip()}; Python {platform.python_version()}" +
        (f"; pyoxigraph {__import__('pyoxigraph').__version__}" if have_peers else "; no peers"),
        f"- runs per figure: {a.runs} (median); sizes: {a.sizes}",
    ])
    commands = "\n".join(f"    {c}" for c in dict.fromkeys(r["commands"]))
    with open(a.out, "w") as f:
        f.write(f"""# Benchmarks

Written by `scripts/bench.sh{' --smoke' if a.smoke else ''}` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.
Every figure is the median of its runs; the peers ran in the same go on
the same N-Quads (`argmap gen-corpus --nquads`). "ratio" is argmap's load
rate over pyoxigraph's on-disk bulk loader. A trace runs six queries on
two threads; "trace CPU" is the CPU time of both, which other processes
on a shared machine disturb far less than wall time. "trace as one query" is
the same six queries joined by UNION into one (`bench bound-query trace`),
run by argmap on one thread and by each peer: the same work everywhere.
"rdflib / argmap trace" is how many times faster argmap's trace of one brief
is than rdflib's run of that query.

## Machine

{machine}

## Load and trace

{table}

## Other figures

{other}

## Commands

{commands}
""")
        # What was tried and what it gained is kept by hand, beside the harness.
        if os.path.exists("benches/findings.md"):
            f.write("\n" + open("benches/findings.md", encoding="utf-8").read())
    print(f"\nwrote {a.out}")


def cpu():
    try:
        for l in open("/proc/cpuinfo"):
            if l.startswith("model name"):
                return l.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def mem():
    try:
        for l in open("/proc/meminfo"):
            if l.startswith("MemTotal"):
                return f"{int(l.split()[1]) // 1024 // 1024} GB"
    except OSError:
        pass
    return "unknown"


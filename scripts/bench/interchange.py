"""Interchange (`scripts/bench.sh interchange`): a generated Argdown debate of N statements and
2N relations (`scripts/gen-argdown.py`, sizes from `--interchange-statements`), read by Argdown's
own CLI (`argdown json`, the peer, in the same run) and by argmap: `argmap import --check` (read
into the model and compiled, nothing written), the whole `argmap import` into a new store, the
exports to Argdown and AIF, and the AIF export imported again. Each figure is the median of the
runs, wall time and peak resident memory of the process."""
import os
import shutil
import subprocess

from common import ARGMAP, med, run_rss, table

ARGDOWN = os.path.abspath("tests/node/node_modules/.bin/argdown")


def measured(cmd, runs, before=None):
    """Medians of (seconds, peak RSS in MB) over `runs` runs of cmd; `before` runs untimed first."""
    times, rss = [], []
    for _ in range(runs):
        if before:
            before()
        seconds, mb = run_rss(cmd)
        times.append(seconds)
        rss.append(mb)
    return med(times), med(rss)


def main(a, work):
    if not os.path.exists(ARGDOWN):
        return "## Interchange\n\nArgdown's CLI is missing: run scripts/setup.sh --tests."
    rows = []
    for n in [int(s) for s in a.interchange_statements.split()]:
        file = os.path.join(work, f"debate-{n}.argdown")
        with open(file, "w", encoding="utf-8") as f:
            subprocess.run(["python3", "scripts/gen-argdown.py", str(n)], stdout=f, check=True)
        json_dir = os.path.join(work, f"json-{n}")
        peer = measured([ARGDOWN, "json", file, json_dir], a.runs)
        check = measured([ARGMAP, "-q", "import", "--check", file], a.runs)
        store = os.path.join(work, f"store-{n}")
        fresh = lambda: shutil.rmtree(store, ignore_errors=True)
        whole = measured([ARGMAP, "-q", "--store", store, "import", file, "--brief", "debate"], a.runs, fresh)
        aif = os.path.join(work, f"debate-{n}.json")
        export = lambda fmt, out: [ARGMAP, "-q", "--store", store, "export", "--brief", "debate",
                                   "--format", fmt, "--output", out]
        to_argdown = measured(export("argdown", os.path.join(work, f"again-{n}.argdown")), a.runs)
        to_aif = measured(export("aif", aif), a.runs)
        aif_store = os.path.join(work, f"aif-store-{n}")
        from_aif = measured([ARGMAP, "-q", "--store", aif_store, "import", aif, "--brief", "debate"], a.runs,
                            lambda: shutil.rmtree(aif_store, ignore_errors=True))
        for name, (s, mb) in [("`argdown json` (peer)", peer), ("`argmap import --check`", check),
                              ("`argmap import` into a new store", whole),
                              ("`argmap export --format argdown`", to_argdown),
                              ("`argmap export --format aif`", to_aif), ("`argmap import` of that AIF", from_aif)]:
            ratio = "1" if name.endswith("(peer)") else f"{peer[0] / s:.1f}× faster"
            rows.append((f"{n:,}", name, f"{s * 1000:,.0f}", ratio, f"{mb:,.0f}"))
    return table(f"Interchange: median of {a.runs} runs on a generated Argdown debate (N statements, 2N relations)",
                 ["N", "what", "wall (ms)", "against `argdown json`", "peak RSS (MB)"], rows)

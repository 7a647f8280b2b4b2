"""Reloads and a large literal (`scripts/bench.sh reload`): a generated brief of N items of
evidence (`--reload-evidence`) loaded into a new store, reloaded unchanged, and reloaded after
one edit, each with its wall time and peak memory; then the bundled brief's `export --brief` and
`trace` beside a graph holding one 8 MB literal, against the same commands without it."""
import os

from common import ARGMAP, SEED, SEED_DIR, gen_corpus, median_ms, run, run_rss, table


def edit_one_item(brief):
    """Changes the text of the map's first `text = "…"` line, as an analyst's edit would."""
    path = os.path.join(brief, "map.toml")
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for i, line in enumerate(lines):
        if line.startswith("summary = \"") or line.startswith("title = \""):
            lines[i] = line[:-1] + " (edited)\""
            break
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def main(a, work):
    n = a.reload_evidence
    brief = gen_corpus(os.path.join(work, "reload-corpus"), "--briefs", 1, "--seed", 1,
                       "--claims", 20, "--evidence", n)[0]
    store = os.path.join(work, "reload-store")
    rows = []
    for what in ["first load, new store", "reload, unchanged", "reload, one item edited"]:
        if what.endswith("edited"):
            edit_one_item(brief)
        seconds, peak = run_rss([ARGMAP, "-q", "--store", store, "load", brief])
        rows.append((what, f"{seconds:,.2f}", f"{peak:,.0f}"))
    reload_table = table(f"Reload: a generated brief of {n:,} items of evidence",
                         ["load", "wall (s)", "peak RSS (MB)"], rows)

    literal_store = os.path.join(work, "literal-store")
    run([ARGMAP, "-q", "--store", literal_store, "load", SEED_DIR])
    commands = [("export --brief", ["export", "--brief", SEED, "--format", "nquads"]),
                ("trace", ["trace", "--brief", SEED])]
    before = {name: median_ms([ARGMAP, "-q", "--store", literal_store, *cmd], a.runs) for name, cmd in commands}
    big = os.path.join(work, "big-literal.nt")
    with open(big, "w", encoding="utf-8") as f:
        f.write('<urn:big> <urn:text> "' + "x" * 8_000_000 + '" .\n')
    run([ARGMAP, "-q", "--store", literal_store, "load", big, "--graph", "http://example.org/big"])
    literal_rows = []
    for name, cmd in commands:
        wall, _ = median_ms([ARGMAP, "-q", "--store", literal_store, *cmd], a.runs)
        literal_rows.append((f"`{name} {SEED}`", f"{before[name][0]:,.0f}", f"{wall:,.0f}"))
    literal_table = table(f"A brief beside one 8 MB literal in another graph: median of {a.runs} runs",
                          ["command", "without it (ms)", "with it (ms)"], literal_rows)
    return reload_table + "\n\n" + literal_table

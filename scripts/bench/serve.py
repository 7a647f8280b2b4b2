"""The server (`scripts/bench.sh serve`): queries per second for the trace query
(queries/trace-nodes.rq on the bundled brief) with 1, 4 and 16 concurrent clients, on `argmap
serve` and on the oxigraph server (PyPI package `oxigraph`) over the same brief, each cell
`--serve-seconds` long, driven by tests/serve/load.py (which checks every answer). Everything
runs on 127.0.0.1 and stops by itself."""
import os
import re
import shutil
import subprocess
import sys

from common import ARGMAP, SEED, SEED_DIR, free_port, load, run, table, wait_port

GRAPH = f"https://w3id.org/argmap/kb/graph/{SEED}"


def rate(url, query, clients, seconds):
    _, out = run([sys.executable, "tests/serve/load.py", url, query, str(clients), "--seconds", str(seconds)])
    return int(re.search(r"([0-9]+) per second", out).group(1))


def main(a, work):
    if shutil.which("oxigraph") is None:
        sys.exit("the serve benchmark needs the oxigraph server: scripts/setup.sh --tests installs it")
    store, nq, oxi = (os.path.join(work, n) for n in ["serve-store", "serve-brief.nq", "serve-oxigraph"])
    load(store, SEED_DIR)
    with open(nq, "w") as f:
        f.write(run([ARGMAP, "compile", SEED_DIR])[1])
    run(["oxigraph", "load", "--location", oxi, "--file", nq])
    query = os.path.join(work, "serve-trace.rq")
    with open("queries/trace-nodes.rq", encoding="utf-8") as f, open(query, "w") as out:
        out.write(f.read() + f"\nVALUES ?graph {{ <{GRAPH}> }}\n")
    ports = free_port(), free_port()
    servers = [
        subprocess.Popen([ARGMAP, "--store", store, "serve", "--quiet", "--bind", f"127.0.0.1:{ports[0]}"]),
        subprocess.Popen(["oxigraph", "serve-read-only", "--location", oxi, "--bind", f"127.0.0.1:{ports[1]}"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
    ]
    try:
        for port in ports:
            wait_port(port)
        rows = []
        for clients in a.serve_clients:
            rows.append((clients,
                         f"{rate(f'http://127.0.0.1:{ports[0]}/sparql', query, clients, a.serve_seconds):,}",
                         f"{rate(f'http://127.0.0.1:{ports[1]}/query', query, clients, a.serve_seconds):,}"))
    finally:
        for server in servers:
            server.kill()
            server.wait()
    return table(f"Serve: queries per second of trace-nodes.rq on the bundled brief, {a.serve_seconds} s a cell",
                 ["clients", "argmap serve", "oxigraph server"], rows)

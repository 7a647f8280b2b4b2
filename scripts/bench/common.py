"""What every benchmark part shares: running commands and timing them, medians, the corpus from
`argmap gen-corpus`, a scratch folder, free ports, and the bench harness (benches/bench.rs)."""
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import time

ARGMAP = os.path.abspath("target/release/argmap")
SEED = "kinu-co-17-32"
SEED_DIR = f"seeds/{SEED}"


def run(cmd, **kw):
    """Runs cmd; returns (seconds, stdout). A failure stops the benchmark with its stderr."""
    t = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)
    seconds = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(map(str, cmd))}\n{p.stderr.decode(errors='replace')}")
    return seconds, p.stdout.decode(errors="replace")


def run_rss(cmd):
    """Runs cmd; returns (seconds, peak RSS in MB)."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    seconds = time.perf_counter() - t
    if status != 0:
        sys.exit(f"failed: {' '.join(map(str, cmd))}\n{p.stderr.read().decode(errors='replace')}")
    return seconds, usage.ru_maxrss / 1024


def med(values):
    return statistics.median(values) if values else float("nan")


def lines(text):
    """The JSON lines of the bench harness's output."""
    return [json.loads(l) for l in text.splitlines() if l.startswith("{")]


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(cmd, env=None):
    """Runs cmd; returns (wall seconds, CPU seconds of the process, stdout)."""
    start_cpu = children_cpu()
    seconds, out = run(cmd, env=env)
    return seconds, children_cpu() - start_cpu, out


def median_ms(cmd, runs, warm=True, env=None):
    """Medians of wall time and of CPU time (user + system) of `runs` runs of cmd, in ms: on a
    shared machine the CPU time is the steadier figure. With `warm`, one untimed run goes first,
    so that a store settles (RocksDB compacts for a while after a load)."""
    if warm:
        run(cmd, env=env)
    wall, used = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), children_cpu()
        run(cmd, env=env)
        wall.append((time.perf_counter() - start) * 1000)
        used.append((children_cpu() - start_cpu) * 1000)
    return med(wall), med(used)


def no_store_env(work):
    """An environment in which argmap finds no store, so it uses the bundled brief in memory."""
    env = dict(os.environ, XDG_DATA_HOME=os.path.join(work, "no-store"))
    env.pop("ARGMAP_STORE", None)
    return env


def gen_corpus(out, *args):
    """Writes a corpus with `argmap gen-corpus --out OUT ARGS…`; returns its brief folders, sorted."""
    run([ARGMAP, "-q", "gen-corpus", "--out", out, *map(str, args)])
    return sorted(os.path.join(out, d) for d in os.listdir(out))


def load(store, *folders):
    """Loads folders into the store at `store`; returns the seconds it took."""
    seconds, _ = run([ARGMAP, "-q", "--store", store, "load", *folders])
    return seconds


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, seconds=20):
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    sys.exit(f"nothing listens on port {port} after {seconds} s")


def harness():
    """The bench harness (benches/bench.rs), built with the release profile: the default `bench`
    profile would rebuild every dependency."""
    out = subprocess.run(
        ["cargo", "bench", "--profile", "release", "--bench", "bench", "--no-run", "--message-format=json"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True, text=True).stdout
    for line in out.splitlines():
        m = json.loads(line)
        if m.get("reason") == "compiler-artifact" and m.get("target", {}).get("name") == "bench" and m.get("executable"):
            return m["executable"]
    sys.exit("cargo built no bench harness")


def table(title, header, rows):
    """A part's figures as a Markdown section: a title, a header row and the rows."""
    out = [f"## {title}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)

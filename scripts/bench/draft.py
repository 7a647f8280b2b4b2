"""Drafting (`scripts/bench.sh draft`): how long `argmap draft` takes on the bundled brief and on a
ten-page brief (the bundled text four times over), and how far the draft of the bundled brief
agrees with its hand-made map: hypotheses with their quotes and hedges, actors and shared keys,
dated events, statuses, and coverage. The time is the drafting itself, as `draft` reports it, and
the whole process beside it."""
import os
import re
import statistics
import subprocess
import sys
import tomllib

from common import ARGMAP, SEED, SEED_DIR, table

EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}


def draft(work, brief, brief_id, *extra, store=None):
    """Drafts `brief`; returns (drafting ms as reported, the map as parsed)."""
    out = os.path.join(work, "draft-out")
    folder = os.path.join(out, brief_id)
    for name in ["map.toml", "brief.txt"]:
        if os.path.exists(os.path.join(folder, name)):
            os.remove(os.path.join(folder, name))
    cmd = [ARGMAP] + (["--store", store] if store else []) + ["draft", brief, "--id", brief_id, "--out", out, *extra]
    env = {**os.environ, **EPOCH, "XDG_DATA_HOME": os.path.join(work, "no-data")}
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{p.stderr.decode(errors='replace')}")
    ms = float(re.search(r"in ([0-9.]+) ms", p.stderr.decode()).group(1))
    with open(os.path.join(folder, "map.toml"), "rb") as f:
        return ms, tomllib.load(f)


def fold(text):
    return re.sub(r"[^0-9a-z]", "", text.lower())


def words(text):
    return " ".join(text.split())


def agreement(ref, got, reused):
    """Rows of the agreement table: what the hand-made map has, and what the draft found of it."""
    rows = []
    ref_h = ref["hypothesis"]
    got_h = list(got.get("hypothesis", {}).values())
    def match(q):
        return next((h for h in got_h if words(q) in words(h["quote"]) or words(h["quote"]) in words(q)), None)
    found = [(k, match(h["quote"])) for k, h in ref_h.items()]
    with_hedge = [k for k, m in found if m and m.get("hedge") == ref_h[k].get("hedge")]
    rows.append(("hypotheses found, quote overlapping the reference's", f"{sum(1 for _, m in found if m)} of {len(ref_h)}"))
    rows.append(("… with the reference's hedge", f"{len(with_hedge)} of {len(ref_h)}"))
    ref_a = ref["actor"]
    got_names = {fold(n) for a in got.get("actor", {}).values() for n in [a["name"], *a.get("aliases", [])]}
    actors = [k for k, a in ref_a.items() if any(fold(n) in got_names for n in [a["name"], *a.get("aliases", [])])]
    rows.append(("actors found (a name or alias of the reference's, folded)", f"{len(actors)} of {len(ref_a)} ({100 * len(actors) / len(ref_a):.0f} %)"))
    for label, keys in reused:
        same = [k for k in ref_a if k in keys]
        rows.append((f"shared keys equal to the reference's, {label}", f"{len(same)} of {len(ref_a)} ({100 * len(same) / len(ref_a):.0f} %)"))
    got_dates = {n.get("date") for kind in ["claim", "evidence", "event"] for n in got.get(kind, {}).values()}
    dated = {k: e["date"] for k, e in ref.get("event", {}).items()}
    hit = [k for k, d in dated.items() if d in got_dates]
    rows.append(("dated events whose date the draft gives", f"{len(hit)} of {len(dated)} (missed: {', '.join(sorted(set(dated) - set(hit))) or 'none'})"))
    ref_nodes = [n for kind in ["claim", "evidence"] for n in ref.get(kind, {}).values() if "quote" in n]
    got_nodes = [n for kind in ["claim", "evidence"] for n in got.get(kind, {}).values()]
    matched = agree = 0
    for n in ref_nodes:
        head = " ".join(n["quote"].split()[:6])
        m = next((g for g in got_nodes if head in words(g["quote"])), None)
        if m:
            matched += 1
            agree += m["status"] == n["status"]
    rows.append(("status agreement, on the reference's claims and evidence found as draft nodes", f"{agree} of {matched} ({100 * agree / max(matched, 1):.0f} %; {matched} of {len(ref_nodes)} found)"))
    quoted = len(got_nodes) + len(got.get("unmapped", [])) + len(got.get("question", {}))
    inline = {words(q["quote"]) for q in got.get("question", {}).values() if "quote" in q}
    quoted += sum(1 for h in got_h if not any(words(h["quote"]) in q for q in inline))
    rows.append(("coverage: sentences quoted by a node or listed in [[unmapped]]", f"{quoted} (every sentence, by construction)"))
    return rows


def main(a, work):
    os.makedirs(work, exist_ok=True)
    seed_brief = os.path.join(SEED_DIR, "brief.txt")
    ten = os.path.join(work, "ten-pages.txt")
    with open(seed_brief, encoding="utf-8") as f:
        text = f.read()
    with open(ten, "w", encoding="utf-8") as f:
        f.write("\n\n".join([text] * 4))
    n_words = len(open(ten, encoding="utf-8").read().split())
    timing = []
    for label, brief in [(f"bundled brief {SEED} ({len(text.split()):,} words)", seed_brief),
                         (f"ten pages: the bundled text four times ({n_words:,} words)", ten)]:
        drafting, whole = [], []
        for _ in range(a.runs):
            import time
            t = time.perf_counter()
            ms, _ = draft(work, brief, "timed", "--no-reuse")
            whole.append((time.perf_counter() - t) * 1000)
            drafting.append(ms)
        timing.append((label, f"{statistics.median(drafting):.1f}", f"{statistics.median(whole):.0f}"))
    with open(os.path.join(SEED_DIR, "map.toml"), "rb") as f:
        ref = tomllib.load(f)
    _, alone = draft(work, seed_brief, "alone", "--no-reuse")
    _, known = draft(work, seed_brief, "known")
    reused = [("drafted alone (--no-reuse)", set(alone.get("actor", {}))),
              ("with the bundled brief known (no store: its actors)", set(known.get("actor", {})))]
    rows = agreement(ref, alone, reused)
    return "\n\n".join([
        table(f"Draft: median of {a.runs} runs", ["text", "drafting (ms)", "whole process (ms)"], timing),
        table(f"Draft of {SEED} against its hand-made map (drafted with --no-reuse)", ["figure", "value"], rows),
    ])

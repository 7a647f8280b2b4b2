"""Reconciliation (`scripts/bench.sh link`): `argmap link --with` reconciling N roster actors of a
generated brief (`--link-entities`; `gen-corpus --actors N`) against the dataset gen-corpus writes
for them (`--link-dataset`: a true match of each, spelt another way, and a decoy one syllable
away, every tenth a namesake of another type), timed as a dry run and with the links graph
written, with its precision and recall against the known pairs."""
import json
import os

from common import ARGMAP, gen_corpus, load, med, table, timed

MATCHES = "http://example.org/roster/match/"


def main(a, work):
    n = a.link_entities
    dataset = os.path.join(work, "link-dataset.ttl")
    brief = gen_corpus(os.path.join(work, "link-corpus"), "--briefs", 1, "--claims", 10, "--evidence", 20,
                       "--actors", n, "--link-dataset", dataset)[0]
    store = os.path.join(work, "link-store")
    load(store, brief)
    dry, written, rewritten, answer = [], [], [], ""
    for _ in range(a.runs):
        wall, cpu, answer = timed([ARGMAP, "-q", "--store", store, "link", "--with", dataset, "--dry-run",
                                   "--format", "json"])
        dry.append((wall, cpu))
    # A first write bulk-loads a new links graph; running it again replaces that graph in one
    # transaction, which costs more, so each is timed on its own.
    for i in range(a.runs):
        fresh = os.path.join(work, f"link-store-{i}")
        load(fresh, brief)
        written.append(timed([ARGMAP, "-q", "--store", fresh, "link", "--with", dataset])[:2])
        rewritten.append(timed([ARGMAP, "-q", "--store", fresh, "link", "--with", dataset])[:2])
    rows = json.loads(answer)
    linked = {(r["entity"].rsplit("/", 1)[1], r["candidate"]) for r in rows if r["decision"] == "linked"}
    right = sum(1 for entity, candidate in linked if candidate == MATCHES + entity)

    def seconds(times):
        return f"{med([w for w, _ in times]):.2f} ({med([c for _, c in times]):.2f})"

    return table(f"Link: median of {a.runs} runs of `argmap link --with`, wall seconds (CPU seconds)",
                 ["roster actors", "dataset entities", "candidates reported", "dry run",
                  "links graph written", "rewritten", "precision", "recall"],
                 [(f"{n:,}", f"{2 * n:,}", f"{len(rows):,}", seconds(dry), seconds(written), seconds(rewritten),
                   f"{right / max(len(linked), 1):.3f}", f"{right / max(n, 1):.3f}")])

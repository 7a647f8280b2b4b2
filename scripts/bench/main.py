"""The benchmark driver behind scripts/bench.sh: runs the parts named on the command line (the
suite when none is named), each on a corpus from `argmap gen-corpus`, in one scratch folder.

The suite writes BENCHMARKS.md (with --smoke, target/bench-smoke.md); the other parts print
their figures as Markdown tables. --smoke runs every part at a tiny size, once, so that CI keeps
each of them working.
"""
import argparse
import os
import shutil
import tempfile

import draft
import evaluate
import export
import interchange
import link
import matrix
import reanchor
import reload
import report
import serve
import suite

PARTS = {"suite": suite, "draft": draft, "evaluate": evaluate, "export": export, "interchange": interchange, "link": link, "matrix": matrix, "reanchor": reanchor, "report": report, "reload": reload, "serve": serve}


def options():
    ap = argparse.ArgumentParser(prog="scripts/bench.sh", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("parts", nargs="*", metavar="PART",
                    help=f"what to measure: {', '.join(PARTS)} or all [suite; with --smoke, all]")
    ap.add_argument("--smoke", action="store_true", help="every part at a tiny size, one run: seconds")
    ap.add_argument("--runs", type=int, default=None, help="runs per figure, whose median is kept [suite 3, others 5]")
    ap.add_argument("--work", default=None, help="scratch folder, kept afterwards [a temporary one, removed]")
    suite_options = ap.add_argument_group("suite")
    suite_options.add_argument("--sizes", default="10000 100000 1000000 5000000", help="corpus sizes in quads")
    suite_options.add_argument("--rdflib-max", type=int, default=1_000_000, help="largest size rdflib runs at")
    suite_options.add_argument("--out", default=None, help="where to write the report [BENCHMARKS.md]")
    ap.add_argument_group("export").add_argument(
        "--export-nodes", default="1000 10000", help="sizes of the generated maps, in nodes")
    ap.add_argument_group("evaluate").add_argument(
        "--evaluate-nodes", default="1000 100000", help="sizes of the generated maps and apx files, in nodes")
    ap.add_argument_group("interchange").add_argument(
        "--interchange-statements", default="5000 10000 20000", help="sizes of the generated Argdown debates")
    ap.add_argument_group("link").add_argument(
        "--link-entities", type=int, default=10000, help="roster actors to reconcile")
    ap.add_argument_group("matrix").add_argument(
        "--matrix-evidence", type=int, default=2000, help="items of evidence of the generated brief")
    ap.add_argument_group("report").add_argument(
        "--report-evidence", type=int, default=2000, help="items of evidence of the generated brief")
    ap.add_argument_group("reload").add_argument(
        "--reload-evidence", type=int, default=100000, help="items of evidence of the reloaded brief")
    serve_options = ap.add_argument_group("serve")
    serve_options.add_argument("--serve-seconds", type=float, default=10, help="length of each measurement")
    serve_options.add_argument("--serve-clients", type=int, nargs="+", default=[1, 4, 16], help="concurrent clients")
    a = ap.parse_args()
    for part in a.parts:
        if part not in [*PARTS, "all"]:
            ap.error(f"no part `{part}`: choose from {', '.join(PARTS)} or all")
    if a.smoke:
        a.sizes, a.runs = "4000", 1
        a.out = a.out or "target/bench-smoke.md"
        a.evaluate_nodes = "100"
        a.export_nodes, a.link_entities, a.matrix_evidence, a.report_evidence = "100", 200, 100, 100
        a.reload_evidence = 100
        a.interchange_statements = "200"
        a.serve_seconds, a.serve_clients = 1, [1, 4]
    a.out = a.out or "BENCHMARKS.md"
    parts = a.parts or (["all"] if a.smoke else ["suite"])
    a.parts = list(PARTS) if "all" in parts else list(dict.fromkeys(parts))
    return a


def main():
    a = options()
    work = a.work or tempfile.mkdtemp(prefix="argmap-bench-")
    os.makedirs(work, exist_ok=True)
    try:
        for name in a.parts:
            runs = a.runs if a.runs is not None else (3 if name == "suite" else 5)
            part = argparse.Namespace(**{**vars(a), "runs": runs})
            figures = PARTS[name].main(part, os.path.abspath(work))
            if figures:
                print(f"\n{figures}\n", flush=True)
    finally:
        if not a.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

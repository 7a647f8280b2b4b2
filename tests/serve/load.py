"""A load test of a SPARQL endpoint: CLIENTS concurrent clients, each on its own keep-alive
connection on loopback, POST the same query and check every answer against the first.

Usage: python3 load.py URL QUERY_FILE CLIENTS (--requests N | --seconds S)

With --requests each client sends N queries (the test of `argmap serve`); with --seconds
they send queries until S seconds have passed (the benchmark, `scripts/bench.sh serve`).
Prints "A answers, E errors, T s, R per second" and exits non-zero on any error, wrong
answer or client that did not finish.
"""
import argparse
import http.client
import json
import sys
import threading
import time
import urllib.parse

parser = argparse.ArgumentParser()
parser.add_argument("url")
parser.add_argument("query_file")
parser.add_argument("clients", type=int)
how_long = parser.add_mutually_exclusive_group(required=True)
how_long.add_argument("--requests", type=int, help="queries per client")
how_long.add_argument("--seconds", type=float, help="how long every client keeps asking")
args = parser.parse_args()

url = urllib.parse.urlsplit(args.url)
query = open(args.query_file, encoding="utf-8").read().encode()
headers = {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}


def connect():
    return http.client.HTTPConnection(url.hostname, url.port, timeout=60)


def ask(conn):
    conn.request("POST", url.path, body=query, headers=headers)
    r = conn.getresponse()
    body = r.read()
    if r.status != 200:
        raise RuntimeError(f"status {r.status}: {body[:200]!r}")
    return json.loads(body)["results"]["bindings"]


reference = ask(connect())
assert reference, "the reference answer is empty"
errors, answers, lock = [], [0], threading.Lock()
start_line = threading.Barrier(args.clients)
stop = time.monotonic() + (args.seconds or 0)


def more(sent):
    if args.requests is not None:
        return sent < args.requests
    return time.monotonic() < stop


def client():
    try:
        conn = connect()
        start_line.wait(timeout=60)
        sent = 0
        while more(sent):
            if ask(conn) != reference:
                raise RuntimeError("a wrong answer")
            sent += 1
            with lock:
                answers[0] += 1
    except Exception as e:  # every failure is counted, none is hidden
        with lock:
            errors.append(repr(e))


started = time.monotonic()
threads = [threading.Thread(target=client) for _ in range(args.clients)]
for t in threads:
    t.start()
for t in threads:
    t.join(timeout=120 + (args.seconds or 0))
elapsed = time.monotonic() - started
print(f"{answers[0]} answers, {len(errors)} errors, {elapsed:.2f} s, {answers[0] / elapsed:.0f} per second")
expected = args.clients * args.requests if args.requests is not None else answers[0]
if errors or answers[0] != expected or any(t.is_alive() for t in threads):
    print("\n".join(errors[:10]), file=sys.stderr)
    sys.exit(1)

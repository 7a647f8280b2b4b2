"""Queries per second against a SPARQL endpoint: CLIENTS threads, each on its own keep-alive
connection, POST the same query for SECONDS seconds on loopback. Every answer must be 200
with as many rows as the first; a failure stops the run.

Usage: python3 bench_serve.py HOST PORT PATH QUERY_FILE CLIENTS SECONDS
"""
import http.client
import json
import sys
import threading
import time

host, port, path, query_file = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
clients, seconds = int(sys.argv[5]), float(sys.argv[6])
query = open(query_file, encoding="utf-8").read().encode()
headers = {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}


def ask(conn):
    conn.request("POST", path, body=query, headers=headers)
    r = conn.getresponse()
    body = r.read()
    if r.status != 200:
        raise RuntimeError(f"status {r.status}: {body[:200]!r}")
    return len(json.loads(body)["results"]["bindings"])


rows = ask(http.client.HTTPConnection(host, port, timeout=60))
counts, errors = [0] * clients, []
stop = time.monotonic() + seconds


def client(i):
    conn = http.client.HTTPConnection(host, port, timeout=60)
    try:
        while time.monotonic() < stop:
            if ask(conn) != rows:
                raise RuntimeError("a different number of rows")
            counts[i] += 1
    except Exception as e:
        errors.append(repr(e))


start = time.monotonic()
threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.monotonic() - start
if errors:
    sys.exit(f"errors: {errors[:3]}")
print(f"{sum(counts) / elapsed:.0f}")

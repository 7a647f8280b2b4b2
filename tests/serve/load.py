"""A bounded load test: CLIENTS concurrent clients each send REQUESTS queries over keep-alive
connections on loopback and check every answer against the first.

Usage: python3 load.py HOST PORT QUERY_FILE CLIENTS REQUESTS. Prints the count of
answers and exits non-zero on any error or wrong answer.
"""
import http.client
import json
import sys
import threading
import time

host, port, query_file, clients, requests = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
query = open(query_file, encoding="utf-8").read().encode()
headers = {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}


def ask(conn):
    conn.request("POST", "/sparql", body=query, headers=headers)
    r = conn.getresponse()
    body = r.read()
    if r.status != 200:
        raise RuntimeError(f"status {r.status}: {body[:200]!r}")
    return json.loads(body)["results"]["bindings"]


reference = ask(http.client.HTTPConnection(host, port, timeout=60))
assert reference, "the reference answer is empty"
errors, answers, lock = [], [0], threading.Lock()
start_line = threading.Barrier(clients)


def client():
    try:
        conn = http.client.HTTPConnection(host, port, timeout=60)
        start_line.wait(timeout=60)
        for _ in range(requests):
            rows = ask(conn)
            if rows != reference:
                raise RuntimeError("a wrong answer")
            with lock:
                answers[0] += 1
    except Exception as e:  # every failure is counted, none is hidden
        with lock:
            errors.append(repr(e))


started = time.monotonic()
threads = [threading.Thread(target=client) for _ in range(clients)]
for t in threads:
    t.start()
for t in threads:
    t.join(timeout=120)
elapsed = time.monotonic() - started
print(f"{answers[0]} answers, {len(errors)} errors, {elapsed:.2f} s")
if errors or answers[0] != clients * requests or any(t.is_alive() for t in threads):
    print("\n".join(errors[:10]), file=sys.stderr)
    sys.exit(1)

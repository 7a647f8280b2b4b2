"""Updates against concurrent queries: each update replaces a graph's 100 triples, all carrying one
new value, in one request; each query counts the triples and their distinct values. A query must
see the graph before or after an update (100 triples, 1 value), never a mix.

Usage: python3 isolation.py HOST PORT TOKEN UPDATES. Exits non-zero on a mixed state.
"""
import http.client
import json
import sys
import threading

host, port, token, updates = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
graph = "http://example.org/isolation"


def update_text(value):
    triples = " ".join(f"<http://example.org/s{i}> <http://example.org/p> {value} ." for i in range(100))
    return f"DROP SILENT GRAPH <{graph}> ; INSERT DATA {{ GRAPH <{graph}> {{ {triples} }} }}"


def post(conn, content_type, body, extra=None):
    conn.request("POST", "/sparql", body=body.encode(), headers={"Content-Type": content_type, **(extra or {})})
    r = conn.getresponse()
    data = r.read()
    if r.status != 200:
        raise RuntimeError(f"status {r.status}: {data[:200]!r}")
    return data


post(http.client.HTTPConnection(host, port, timeout=60), "application/sparql-update", update_text(0), {"Authorization": f"Bearer {token}"})
done = threading.Event()
problems, seen = [], [0]


def writer():
    conn = http.client.HTTPConnection(host, port, timeout=60)
    try:
        for value in range(1, updates + 1):
            post(conn, "application/sparql-update", update_text(value), {"Authorization": f"Bearer {token}"})
    except Exception as e:
        problems.append(repr(e))
    finally:
        done.set()


def reader():
    conn = http.client.HTTPConnection(host, port, timeout=60)
    query = f"SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?o) AS ?values) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    try:
        while not done.is_set():
            row = json.loads(post(conn, "application/sparql-query", query))["results"]["bindings"][0]
            n, values = int(row["n"]["value"]), int(row["values"]["value"])
            seen[0] += 1
            if (n, values) != (100, 1):
                problems.append(f"a mixed state: {n} triples with {values} values")
                return
    except Exception as e:
        problems.append(repr(e))


threads = [threading.Thread(target=writer)] + [threading.Thread(target=reader) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join(timeout=120)
print(f"{updates} updates, {seen[0]} queries, {len(problems)} problems")
if problems:
    print("\n".join(problems[:10]), file=sys.stderr)
    sys.exit(1)

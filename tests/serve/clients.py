"""Real SPARQL clients against `argmap serve`: SPARQLWrapper and rdflib's SPARQLStore.

Usage: python3 clients.py ENDPOINT GRAPH_IRI. Exits non-zero on the first wrong answer.
"""
import sys

from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

endpoint, graph = sys.argv[1], sys.argv[2]
hypotheses = f"""PREFIX arg: <https://w3id.org/argmap/ns#>
SELECT ?key WHERE {{ GRAPH <{graph}> {{ ?h a arg:Hypothesis ; arg:key ?key }} }} ORDER BY ?key"""
expected = ["buffer-zone", "circumvent-beijing-moscow", "humanitarian-frame", "un-as-channel"]

# SPARQLWrapper, by GET (its default) and by POST, in JSON and XML.
for method in ("GET", "POST"):
    sw = SPARQLWrapper(endpoint)
    sw.setMethod(method)
    sw.setQuery(hypotheses)
    sw.setReturnFormat(JSON)
    keys = [b["key"]["value"] for b in sw.query().convert()["results"]["bindings"]]
    assert keys == expected, (method, keys)
sw = SPARQLWrapper(endpoint)
sw.setQuery(hypotheses)
sw.setReturnFormat(XML)
doc = sw.query().convert()
keys = [n.firstChild.data for n in doc.getElementsByTagName("literal")]
assert keys == expected, keys
sw.setReturnFormat(CSV)
csv = sw.query().convert().decode()
assert csv.split() == ["key"] + expected, csv

sw = SPARQLWrapper(endpoint)
sw.setQuery(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
sw.setReturnFormat(JSON)
assert sw.query().convert()["boolean"] is True

sw = SPARQLWrapper(endpoint)
sw.setQuery(f"""PREFIX arg: <https://w3id.org/argmap/ns#>
CONSTRUCT {{ ?h arg:key ?key }} WHERE {{ GRAPH <{graph}> {{ ?h a arg:Hypothesis ; arg:key ?key }} }}""")
sw.setReturnFormat(TURTLE)
g = Graph().parse(data=sw.query().convert(), format="turtle")
assert sorted(str(o) for o in g.objects()) == expected, list(g)

# rdflib's SPARQL store client: the endpoint as a read-only graph.
store = SPARQLStore(endpoint, returnFormat="json")
rows = store.query(hypotheses)
assert [str(r.key) for r in rows] == expected, list(rows)
remote = Graph(store, identifier=URIRef(graph))
assert (None, URIRef("https://w3id.org/argmap/ns#key"), None) in remote
print("clients: ok")

#!/usr/bin/env python3
"""Validate compiled argmap output against the SHACL shapes.

Usage:
    python3 tests/shacl/validate.py DATA.nq ONTOLOGY.ttl SHAPES.ttl

DATA is read as N-Quads (or TriG, N-Triples, Turtle, RDF/XML or JSON-LD, by its
extension: .trig, .nt, .ttl, .rdf, .jsonld). Every
graph in it, the default graph included, is merged into one rdflib Graph, the
ontology is added to that same graph, and pyshacl validates the union with no
inference. The union matters: pyshacl validates each named graph of a dataset
on its own, and sh:class / sh:targetClass follow rdfs:subClassOf only through
the data graph.

Prints pyshacl's results text. Exit status: 0 when the data conforms, 1 when it
does not, 2 when the command line or an input file is wrong.

The script never reaches the network: owl:imports are not followed and every
socket connection is refused.
"""

import os
import socket
import sys


def _refuse_network(*_args, **_kwargs):
    raise OSError("validate.py does not use the network")


# Belt and braces: nothing below should open a connection; make sure of it.
socket.socket.connect = _refuse_network
socket.socket.connect_ex = _refuse_network
socket.create_connection = _refuse_network
socket.getaddrinfo = _refuse_network

from pyshacl import validate  # noqa: E402
from rdflib import Dataset, Graph  # noqa: E402

DATA_FORMATS = {
    ".nq": "nquads",
    ".trig": "trig",
    ".nt": "nt",
    ".ttl": "turtle",
    ".rdf": "xml",
    ".jsonld": "json-ld",
}


def data_format(path):
    for extension, rdf_format in DATA_FORMATS.items():
        if path.endswith(extension):
            return rdf_format
    return "nquads"


def load_union(data_path, ontology_path):
    """All graphs of the data file plus the ontology, as one Graph."""
    dataset = Dataset()
    dataset.parse(data_path, format=data_format(data_path))
    union = Graph()
    for subject, predicate, obj, _graph in dataset.quads((None, None, None, None)):
        union.add((subject, predicate, obj))
    union.parse(ontology_path, format="turtle")
    return union


def main(argv):
    if len(argv) != 4:
        print(
            "usage: validate.py DATA.nq ONTOLOGY.ttl SHAPES.ttl",
            file=sys.stderr,
        )
        return 2
    data_path, ontology_path, shapes_path = argv[1:]
    for path in (data_path, ontology_path, shapes_path):
        if not os.path.isfile(path):
            print(f"validate.py: no such file: {path}", file=sys.stderr)
            return 2
    try:
        data = load_union(data_path, ontology_path)
        shapes = Graph().parse(shapes_path, format="turtle")
    except Exception as error:  # a parse error or a missing file
        print(f"validate.py: {error}", file=sys.stderr)
        return 2

    conforms, results_graph, results_text = validate(
        data,
        shacl_graph=shapes,
        inference="none",
        advanced=True,
        do_owl_imports=False,
        allow_warnings=False,
        abort_on_first=False,
    )
    if isinstance(results_graph, Exception):
        # pyshacl reports a broken shapes graph as a failed validation; it is
        # not a verdict on the data.
        print(f"validate.py: {results_text}", file=sys.stderr)
        return 2
    print(results_text)
    return 0 if conforms else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""The vocabulary: code, ontology file and data agree; every term is documented in vi and en."""

from __future__ import annotations

from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

from orggraph.ontology import OG
from orggraph.resources import read_resource

NS = str(OG._NS)


def ontology() -> Graph:
    graph = Graph()
    graph.parse(data=read_resource("ontology.ttl"), format="turtle")
    return graph


def test_code_and_file_declare_the_same_terms() -> None:
    graph = ontology()
    declared = {
        str(s)[len(NS) :] for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(NS)
    }
    in_code = set(OG.__annotations__)
    assert declared == in_code


def test_every_term_has_labels_and_comments_in_both_languages() -> None:
    graph = ontology()
    for name in OG.__annotations__:
        term = OG[name]
        for predicate in (RDFS.label, RDFS.comment):
            languages = {o.language for o in graph.objects(term, predicate) if isinstance(o, Literal)}
            assert languages == {"vi", "en"}, (name, predicate)


def test_every_property_has_domain_and_range() -> None:
    graph = ontology()
    properties = set(graph.subjects(RDF.type, OWL.ObjectProperty)) | set(
        graph.subjects(RDF.type, OWL.DatatypeProperty)
    )
    assert len(properties) > 30
    for prop in properties:
        assert graph.value(prop, RDFS.domain) is not None, prop
        assert graph.value(prop, RDFS.range) is not None, prop


def test_the_data_uses_only_declared_terms(kh168_graph: Graph) -> None:
    declared = set(OG.__annotations__)
    used = set()
    for s, p, o in kh168_graph:
        for term in (s, p, o):
            if isinstance(term, URIRef) and str(term).startswith(NS):
                used.add(str(term)[len(NS) :])
    assert used <= declared
    assert {"Task", "responsible", "lead", "partner", "reportsTo", "dueDate"} <= used

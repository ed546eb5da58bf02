"""Namespace IRIs as plain strings, for code that must not import rdflib (the query path).

:mod:`orggraph.ontology` wraps the same table as rdflib namespaces.
"""

from __future__ import annotations

__all__ = ["ID", "OG", "PREFIXES", "XSD"]

OG = "https://w3id.org/orggraph/ns#"
ID = "https://w3id.org/orggraph/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"

# Every output binds exactly these, in this order; queries have them pre-bound.
PREFIXES: dict[str, str] = {
    "og": OG,
    "dcterms": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": XSD,
}

"""Overlap results back into RDF, so SPARQL can ask about them.

Measures become ``og:Measure`` nodes (``<plan>/measure/<first task key>``)
with their score, section and lead counts and shared phrases; each task points
to its measure (``og:measure``) and to the tasks that mirror it
(``og:mirrors``, written both ways); a specific task that repeats a general one
``og:specifies`` it.  The result goes in its own file
(``data/kh168-analysis.ttl``) beside the plan's graph.
"""

from __future__ import annotations

from decimal import Decimal

from rdflib import DCTERMS, RDF, SKOS, XSD, Graph, Literal, URIRef

from ..build import new_graph
from ..ontology import OG
from .data import PlanData
from .overlaps import OverlapReport

__all__ = ["analysis_graph"]


def analysis_graph(report: OverlapReport, data: PlanData) -> Graph:
    """The triples of ``report`` (a new graph with the project's prefixes)."""
    graph = new_graph()
    add = graph.add
    for measure in report.measures:
        node = URIRef(measure.ident)
        first = measure.tasks[0]
        add((node, RDF.type, OG.Measure))
        add((node, DCTERMS.identifier, Literal(f"measure {first.key}")))
        add((node, OG.inPlan, URIRef(first.plan)))
        label = measure.shared_phrases[0] if measure.shared_phrases else first.text[:120]
        add((node, SKOS.prefLabel, Literal(label, lang="vi")))
        add((node, OG.score, Literal(Decimal(str(measure.score)), datatype=XSD.decimal)))
        add((node, OG.sectionCount, Literal(len(measure.sections), datatype=XSD.integer)))
        add((node, OG.leadCount, Literal(measure.lead_count, datatype=XSD.integer)))
        for phrase in measure.shared_phrases:
            add((node, OG.sharedPhrase, Literal(phrase, lang="vi")))
        for task in measure.tasks:
            add((URIRef(task.iri), OG.measure, node))
        for pair in measure.pairs:
            add((URIRef(pair.a), OG.mirrors, URIRef(pair.b)))
            add((URIRef(pair.b), OG.mirrors, URIRef(pair.a)))
    for pair in report.general_pairs:
        general, specific = (pair.a, pair.b) if data.is_general(data.tasks[pair.a]) else (pair.b, pair.a)
        add((URIRef(specific), OG.specifies, URIRef(general)))
    return graph

"""orggraph: turn a government plan into a knowledge graph of responsibilities.

The public API, in pipeline order::

    import orggraph
    plan = orggraph.read_plan("data/kh168.txt")        # text -> model
    graph = orggraph.plan_graph(plan)                   # model -> rdflib Graph
    orggraph.save_graph(graph, "data/kh168.ttl")        # deterministic Turtle
    graph = orggraph.load_graph("data/kh168.ttl")       # back again
    report = orggraph.validate_graph(graph)             # SHACL
    orggraph.ask(graph, "partners", body="VPTU")        # canned SPARQL questions
    orggraph.sparql(graph, "SELECT …").to_frame()       # your own SPARQL, as pandas
    data = orggraph.plan_data(graph)                    # records for networkx analysis
    orggraph.coordination_load(data).to_frame()         # load per body
    orggraph.find_overlaps(data)                        # overlapping responsibilities
    orggraph.publish(["data/kh168.ttl"], "graph")       # the offline site and exports

Names are imported on first use, so ``import orggraph`` (and the command
line's start-up) does not pay for rdflib until something needs it.
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING, Any

# openpyxl writes other bytes when lxml is installed (orggraph[docx] brings it in); its own
# writer keeps a workbook the same wherever it is made.  Set before anything imports openpyxl.
os.environ.setdefault("OPENPYXL_LXML", "False")

# Public name -> module that defines it.
_EXPORTS = {
    "Body": "model",
    "BodyKind": "model",
    "Directive": "model",
    "Level": "model",
    "Plan": "model",
    "Recurrence": "model",
    "Section": "model",
    "Task": "model",
    "Timeframe": "model",
    "GraphReadError": "errors",
    "InputError": "errors",
    "OrgGraphError": "errors",
    "QueryError": "errors",
    "UsageError": "errors",
    "Gazetteer": "gazetteer",
    "extract_plan": "extract",
    "ID": "ontology",
    "OG": "ontology",
    "plan_graph": "build",
    "read_plan": "pipeline",
    "summarise": "pipeline",
    "load_graph": "store",
    "save_graph": "store",
    "to_turtle": "store",
    "ValidationReport": "validate",
    "validate_graph": "validate",
    # query
    "sparql": "query",
    "ask": "query",
    "canned_queries": "query",
    "open_backend": "query",
    # analysis
    "PlanData": "analyse.data",
    "plan_data": "analyse.data",
    "coordination_load": "analyse.load",
    "find_overlaps": "analyse.overlaps",
    "Thresholds": "analyse.overlaps",
    "similarity_graph": "analyse.overlaps",
    "bipartite": "analyse.projections",
    "coworking": "analyse.projections",
    "lead_graph": "analyse.projections",
    "membership": "analyse.projections",
    "evaluate": "analyse.evaluate",
    "read_annotation": "analyse.evaluate",
    "analysis_graph": "analyse.rdf",
    # export and publishing
    "write_tables": "export",
    "write_network": "export",
    "responsibility_matrix": "export",
    "force_layout": "render.layout",
    "publish": "publish",
}

__all__ = sorted([*_EXPORTS, "__version__"])


def _version() -> str:
    # importlib.metadata is slow to import; only pay for it when asked.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("orggraph")
    except PackageNotFoundError:  # a source tree that was never installed
        return "0+unknown"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        value = _version()
        globals()[name] = value
        return value
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'orggraph' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:  # names for type checkers and editors
    from .analyse.data import PlanData, plan_data
    from .analyse.evaluate import evaluate, read_annotation
    from .analyse.load import coordination_load
    from .analyse.overlaps import Thresholds, find_overlaps, similarity_graph
    from .analyse.projections import bipartite, coworking, lead_graph, membership
    from .analyse.rdf import analysis_graph
    from .build import plan_graph
    from .errors import GraphReadError, InputError, OrgGraphError, QueryError, UsageError
    from .export import responsibility_matrix, write_network, write_tables
    from .gazetteer import Gazetteer
    from .model import Body, BodyKind, Directive, Level, Plan, Recurrence, Section, Task, Timeframe
    from .ontology import ID, OG
    from .pipeline import read_plan, summarise
    from .publish import publish
    from .query import ask, canned_queries, open_backend, sparql
    from .read.extract import extract_plan
    from .render.layout import force_layout
    from .store import load_graph, save_graph, to_turtle
    from .validate import ValidationReport, validate_graph

"""What orggraph writes, in one place: the formats each command offers and the files of a
site's ``exports/`` folder.  The command line and the site both read these tables, so a
format added here is offered by ``orggraph export`` and published by ``orggraph render``.
(This module imports nothing, so the command line stays quick to start.)
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = [
    "GRAPH_FORMATS",
    "NETWORKS",
    "NETWORK_FORMATS",
    "RESULT_FORMATS",
    "SITE_EXPORTS",
    "SiteExport",
    "TABLE_FORMATS",
]

GRAPH_FORMATS = ("turtle", "nt", "nquads", "trig")  # RDF syntaxes a graph is written in
RESULT_FORMATS = ("table", "csv", "tsv", "json", "md")  # SPARQL results (orggraph query)
TABLE_FORMATS = ("table", "csv", "json", "md", "xlsx")  # analysis tables (load, overlaps)
NETWORK_FORMATS = ("graphml", "gexf", "jsonld", "matrix-csv", "matrix-xlsx", "nodes-edges")  # orggraph export
NETWORKS = ("responsibility", "coordination", "leads", "similarity")


class SiteExport(NamedTuple):
    """One file of a site's exports: its name, what it holds, and how it is made.

    ``kind`` is "tables" (``parts``: names of analysis tables, "*overlaps" for every overlap
    table), "matrix" (the tasks x bodies matrix) or "network" (``parts``: the network);
    ``fmt`` is a format of :data:`TABLE_FORMATS` or :data:`NETWORK_FORMATS`."""

    name: str
    what: str
    kind: str
    fmt: str
    parts: tuple[str, ...] = ()


SITE_EXPORTS = (
    SiteExport("load.csv", "coordination load per body (CSV)", "tables", "csv", ("load",)),
    SiteExport("load.xlsx", "coordination load per body (Excel)", "tables", "xlsx", ("load",)),
    SiteExport(
        "overlaps.xlsx", "all overlap tables, one sheet each (Excel)", "tables", "xlsx", ("*overlaps",)
    ),
    SiteExport("overlaps.json", "all overlap tables (JSON)", "tables", "json", ("*overlaps",)),
    SiteExport("measures.csv", "measures assigned in several sections (CSV)", "tables", "csv", ("measures",)),
    SiteExport("reciprocity.csv", "one-sided partner links (CSV)", "tables", "csv", ("reciprocity",)),
    SiteExport("responsibility-matrix.csv", "tasks x bodies, cells R/L/P/B (CSV)", "matrix", "matrix-csv"),
    SiteExport(
        "responsibility-matrix.xlsx", "tasks x bodies, cells R/L/P/B (Excel)", "matrix", "matrix-xlsx"
    ),
    SiteExport(
        "responsibility.graphml",
        "bodies and tasks joined by role (GraphML: yEd, igraph)",
        "network",
        "graphml",
        ("responsibility",),
    ),
    SiteExport(
        "responsibility.gexf",
        "bodies and tasks joined by role (GEXF: Gephi)",
        "network",
        "gexf",
        ("responsibility",),
    ),
    SiteExport(
        "coordination.gexf",
        "bodies joined by shared tasks (GEXF: Gephi)",
        "network",
        "gexf",
        ("coordination",),
    ),
    SiteExport(
        "nodes.csv", "nodes of the responsibility network", "network", "nodes-edges", ("responsibility",)
    ),
    SiteExport(
        "edges.csv", "edges of the responsibility network", "network", "nodes-edges", ("responsibility",)
    ),
)

"""Write query results: an aligned table for people, and the standard formats for programs.

* ``table`` - aligned columns for a terminal; widths count what the eye sees,
  so Vietnamese letters with diacritics take one column; long text is cut
  to ``max_width`` with "…"; IRIs of the orggraph namespaces are shortened.
* ``csv`` / ``tsv`` - SPARQL 1.1 Query Results CSV and TSV (CSV: plain
  values, CRLF line ends; TSV: terms in SPARQL syntax).
* ``json`` - SPARQL 1.1 Query Results JSON.
* ``md`` - a Markdown table.

>>> from orggraph.query.results import Results, Term
>>> r = Results(["name", "tasks"], [(Term.literal("Ban Tổ chức Tỉnh ủy", "vi"), Term.literal("17", datatype="http://www.w3.org/2001/XMLSchema#integer"))])
>>> print(render(r, "table"))
name                 tasks
-------------------  -----
Ban Tổ chức Tỉnh ủy     17
(1 row)
"""

from __future__ import annotations

import csv
import io
import json

from ..namespaces import ID, PREFIXES, XSD
from ..registry import RESULT_FORMATS as FORMATS
from ..terminal import aligned
from ..text import drop_controls
from .results import Results, Term

__all__ = ["FORMATS", "render"]

_NUMERIC = {XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "nonNegativeInteger")}


def _short_iri(iri: str) -> str:
    if iri.startswith(ID):
        return iri.rsplit("/", 1)[-1]
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def _cell(term: Term | None) -> str:
    if term is None:
        return ""
    if term.kind == "uri":
        return _short_iri(term.value)
    if term.kind == "bnode":
        return f"_:{term.value}"
    return " ".join(drop_controls(term.value).split())


def _is_numeric(term: Term | None) -> bool:
    return term is not None and term.datatype in _NUMERIC


def _table(results: Results, max_width: int, fit: int | None = None) -> str:
    numeric = [
        bool(results.rows) and all(_is_numeric(row[i]) or row[i] is None for row in results.rows)
        for i in range(len(results.variables))
    ]
    cells = [[_cell(term) for term in row] for row in results.rows]
    return aligned(list(results.variables), cells, numeric, max_width, fit)


def _csv(results: Results) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(results.variables)
    for row in results.rows:
        writer.writerow(
            ["" if t is None else (f"_:{t.value}" if t.kind == "bnode" else t.value) for t in row]
        )
    return buffer.getvalue()


def _tsv_term(term: Term | None) -> str:
    if term is None:
        return ""
    if term.kind == "uri":
        return f"<{term.value}>"
    if term.kind == "bnode":
        return f"_:{term.value}"
    escaped = (
        term.value.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\n", "\\n")
    ).replace("\r", "\\r")
    if term.language:
        return f'"{escaped}"@{term.language}'
    if term.datatype == XSD + "integer" and term.value.lstrip("+-").isdigit():
        return term.value
    if term.datatype:
        return f'"{escaped}"^^<{term.datatype}>'
    return f'"{escaped}"'


def _tsv(results: Results) -> str:
    lines = ["\t".join(f"?{name}" for name in results.variables)]
    lines.extend("\t".join(_tsv_term(term) for term in row) for row in results.rows)
    return "\n".join(lines) + "\n"


def _json(results: Results) -> str:
    if results.boolean is not None:
        return json.dumps({"head": {}, "boolean": results.boolean}, ensure_ascii=False, indent=2) + "\n"
    bindings = [
        {name: term.to_json() for name, term in zip(results.variables, row, strict=True) if term is not None}
        for row in results.rows
    ]
    document = {"head": {"vars": results.variables}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _markdown(results: Results) -> str:
    def cell(term: Term | None) -> str:
        return _cell(term).replace("|", "\\|")

    lines = ["| " + " | ".join(results.variables) + " |", "|" + "---|" * len(results.variables)]
    lines.extend("| " + " | ".join(cell(t) for t in row) + " |" for row in results.rows)
    return "\n".join(lines) + "\n"


def render(results: Results, fmt: str = "table", *, max_width: int = 60, fit: int | None = None) -> str:
    """Results as text in ``fmt`` (one of :data:`FORMATS`); a table fits ``fit`` columns if given."""
    if results.turtle is not None:
        return results.turtle
    if results.boolean is not None:
        if fmt == "json":
            return _json(results)
        return "true" if results.boolean else "false"
    if fmt == "table":
        return _table(results, max_width, fit)
    if fmt == "csv":
        return _csv(results)
    if fmt == "tsv":
        return _tsv(results)
    if fmt == "json":
        return _json(results)
    if fmt == "md":
        return _markdown(results)
    raise ValueError(f"unknown format {fmt!r}")

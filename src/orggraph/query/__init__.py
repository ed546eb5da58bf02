"""SPARQL over the graph: canned questions and users' own queries, on any store.

>>> from pathlib import Path
>>> backend = open_backend([Path("data/kh168.ttl")])
>>> rows = run_canned(backend, "partners", body="van phong tinh uy")
>>> rows.values("other_vi")[0], rows.values("tasks")[0]
('Ban Tổ chức Tỉnh ủy', '5')
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..errors import QueryError, UsageError
from . import sparql_text
from .backends import (
    STORES,
    Backend,
    EndpointBackend,
    OxigraphBackend,
    RdflibBackend,
    open_backend,
    query_form,
)
from .canned import CannedQuery, bind, canned_queries, date_term, integer_term, iri_term
from .formats import FORMATS, render
from .names import BodyName, resolve_body
from .results import Results, Term

_LANG = re.compile(r"[?$]lang\b")

__all__ = [
    "FORMATS",
    "as_backend",
    "ask",
    "sparql",
    "STORES",
    "Backend",
    "BodyName",
    "CannedQuery",
    "EndpointBackend",
    "OxigraphBackend",
    "RdflibBackend",
    "Results",
    "Term",
    "canned_queries",
    "open_backend",
    "query_form",
    "render",
    "resolve_body",
    "run_canned",
    "run_query",
]


def as_backend(source: Any) -> Backend:
    """A backend for ``source``: a backend, an rdflib Graph, or graph file path(s)."""
    from pathlib import Path

    if hasattr(source, "run"):
        return source  # type: ignore[no-any-return]
    if isinstance(source, (str, Path)):
        return open_backend([Path(source)])
    if isinstance(source, (list, tuple)):
        return open_backend([Path(p) for p in source])
    return RdflibBackend.from_graph(source)


def sparql(source: Any, text: str, *, lang: str | None = None, allow_service: bool = False) -> Results:
    """Run your own SPARQL (project prefixes pre-bound) on a graph, a backend or graph files.

    >>> sparql("data/kh168.ttl", "SELECT (COUNT(?t) AS ?n) WHERE { ?t a og:Task }").values("n")
    ['85']
    """
    return run_query(as_backend(source), text, lang=lang, allow_service=allow_service)


def ask(source: Any, name: str, **parameters: Any) -> Results:
    """Ask a canned question (``who-coordinates``, ``partners`` with ``body=…``, …) of any source."""
    return run_canned(as_backend(source), name, **parameters)


def run_canned(
    backend: Backend,
    name: str,
    *,
    body: str | None = None,
    by: dt.date | None = None,
    year: int | None = None,
) -> Results:
    """Run the canned query ``name`` with its parameters (a body name, a date, a year)."""
    from .canned import get

    query = get(name)
    given = {"body": body, "by": by, "year": year}
    for param, value in given.items():
        if value is not None and param not in query.params:
            raise UsageError(f"query {name!r} takes no --{param}")
    values: dict[str, str] = {}
    for param in query.params:
        value = given.get(param)
        if value is None:
            raise UsageError(f"query {name!r} needs --{param}")
        if param == "body":
            values["body"] = iri_term(resolve_body(backend, str(value)).iri)
        elif param == "by":
            assert isinstance(value, dt.date)
            values["by"] = date_term(value)
        elif param == "year":
            assert isinstance(value, int)
            values["year"] = integer_term(value)
    return backend.run(bind(query.text, values))


def run_query(
    backend: Backend, text: str, *, lang: str | None = None, allow_service: bool = False
) -> Results:
    """Run the user's own query; ``?lang`` is bound to the chosen language if the query uses it.

    Updates are refused (the graph files change only by ``orggraph build``), and so
    is a SERVICE clause, which would make this machine call another server, unless
    ``allow_service``.
    """
    if sparql_text.is_update(text):
        raise QueryError(
            "this is a SPARQL update (INSERT, DELETE, LOAD, CLEAR, …); orggraph only asks questions "
            "(SELECT, ASK, CONSTRUCT, DESCRIBE) and never changes the graph"
        )
    if not allow_service and sparql_text.uses_service(text):
        raise QueryError("the query calls another endpoint (SERVICE); allow that with --allow-service")
    if lang in ("vi", "en") and _LANG.search(sparql_text.mask(text)) and sparql_text.body_start(text):
        text = bind(text, {"lang": f'"{lang}"'})
    return backend.run(text)

"""The canned questions: documented ``.rq`` files shipped in ``resources/queries``.

Each file opens with a header of comments::

    # name: partners
    # params: body
    # vi: <what it answers, in Vietnamese>
    # en: <what it answers, in English>

Parameters reach the query as a ``VALUES`` block inserted at the start of its
WHERE clause, built from IRIs and typed literals, never from the user's text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from ..errors import QueryError, UsageError
from ..namespaces import XSD
from ..resources import resource
from .sparql_text import body_start

__all__ = ["CannedQuery", "bind", "canned_queries", "date_term", "integer_term", "iri_term"]

_HEADER = re.compile(r"^#\s*(\w+):\s*(.*)$")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


@dataclass(frozen=True)
class CannedQuery:
    """A shipped question: its name, parameters, what it answers, and the SPARQL."""

    name: str
    params: tuple[str, ...]
    vi: str
    en: str
    text: str


@cache
def canned_queries() -> dict[str, CannedQuery]:
    """Every shipped query, by name."""
    out = {}
    folder = resource("queries")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".rq"):
            continue
        text = entry.read_text(encoding="utf-8")
        header: dict[str, str] = {}
        for line in text.splitlines():
            found = _HEADER.match(line)
            if not found:
                break
            header[found.group(1)] = found.group(2).strip()
        name = header.get("name", entry.name[:-3])
        params = tuple(p.strip() for p in header.get("params", "").split(",") if p.strip())
        out[name] = CannedQuery(name, params, header.get("vi", ""), header.get("en", ""), text)
    return out


def get(name: str) -> CannedQuery:
    """The canned query ``name``; an unknown name lists the known ones."""
    queries = canned_queries()
    if name not in queries:
        raise UsageError(f"no query named {name!r}; known queries: {', '.join(sorted(queries))}")
    return queries[name]


def iri_term(iri: str) -> str:
    """An IRI in SPARQL syntax; refuses characters an IRI cannot hold."""
    if not iri or _IRI_FORBIDDEN.search(iri):
        raise QueryError(f"not an IRI: {iri!r}")
    return f"<{iri}>"


def date_term(day: dt.date) -> str:
    return f'"{day.isoformat()}"^^<{XSD}date>'


def integer_term(value: int) -> str:
    return str(int(value))


def bind(query: str, values: dict[str, str]) -> str:
    """Insert ``VALUES ?name { term }`` for each value at the start of the query's WHERE clause."""
    if not values:
        return query
    # Found past comments, strings and IRIs: a header or a literal that says "WHERE {" is not it.
    start = body_start(query)
    if start is None:
        raise QueryError("the query has no WHERE clause to bind parameters in")
    block = "".join(f"\n  VALUES ?{name} {{ {term} }}" for name, term in values.items())
    return query[:start] + block + query[start:]

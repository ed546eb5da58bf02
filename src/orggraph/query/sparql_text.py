"""What a SPARQL text says, read without being fooled by its strings, IRIs and comments.

Keywords are looked for in a *masked* copy of the query: every string literal,
IRI and comment replaced by spaces of the same length, line ends kept.  So
``FILTER(?x = "WHERE {")`` has no WHERE clause, ``<http://x/SERVICE>`` calls no
service, and offsets found in the mask are offsets in the query.

>>> mask('SELECT ?s WHERE { ?s ?p "a # b" } # WHERE {')
'SELECT ?s WHERE { ?s ?p         }          '
>>> form('# SELECT\\nASK { ?s ?p ?o }')
'ASK'
>>> uses_service('SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }')
True
>>> uses_service('SELECT * { ?s <http://example.org/SERVICE> "SERVICE" }')
False
"""

from __future__ import annotations

import re

__all__ = ["body_start", "form", "is_update", "mask", "uses_service"]

# Long strings first, so '''…''' is not read as '' + '…' + ''.
_HIDDEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\s]*>'
    r"|#[^\n]*",
    re.DOTALL,
)
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_UPDATE = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD)\b", re.IGNORECASE)
_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def mask(query: str) -> str:
    """``query`` with strings, IRIs and comments blanked (same length, line ends kept)."""
    return _HIDDEN.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), query)


def form(query: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE; "UPDATE" for an update; SELECT when it cannot tell."""
    masked = mask(query)
    found = _FORM.search(masked)
    if found is None and _UPDATE.search(masked):
        return "UPDATE"
    return found.group(1).upper() if found else "SELECT"


def is_update(query: str) -> bool:
    """Whether the text is a SPARQL Update (INSERT, DELETE, LOAD, CLEAR, …) rather than a query."""
    return form(query) == "UPDATE"


def uses_service(query: str) -> bool:
    """Whether the query calls another endpoint (a SERVICE clause)."""
    return _SERVICE.search(mask(query)) is not None


def body_start(query: str) -> int | None:
    """Offset just inside the query's WHERE clause (or its first group when WHERE is left out)."""
    masked = mask(query)
    found = _WHERE.search(masked)
    if found is not None:
        return found.end()
    brace = masked.find("{")
    return brace + 1 if brace >= 0 else None

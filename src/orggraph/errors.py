"""One exception family.  The CLI turns these into ``Error: …`` and an exit code."""

from __future__ import annotations

__all__ = [
    "GraphReadError",
    "InputError",
    "OrgGraphError",
    "QueryError",
    "UsageError",
]


class OrgGraphError(Exception):
    """Base of every error orggraph raises on purpose; ``exit_code`` is what the CLI returns."""

    exit_code = 2


class InputError(OrgGraphError):
    """A plan text that cannot be read or has no recognisable structure."""


class GraphReadError(OrgGraphError):
    """A graph file that is missing or does not parse."""


class QueryError(OrgGraphError):
    """A SPARQL query that does not parse or cannot be answered."""


class UsageError(OrgGraphError):
    """Arguments that do not make sense together, or name nothing known."""

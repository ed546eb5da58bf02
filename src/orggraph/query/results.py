"""Query results independent of the engine that produced them.

Terms mirror the SPARQL 1.1 Query Results JSON format (type, value, language,
datatype), so rows from rdflib, pyoxigraph and a remote endpoint compare equal
when they mean the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..namespaces import XSD

__all__ = ["Results", "Term", "XSD_STRING"]

XSD_STRING = XSD + "string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True, slots=True)
class Term:
    """One RDF term: ``kind`` is "uri", "literal" or "bnode"."""

    kind: str
    value: str
    language: str | None = None
    datatype: str | None = None

    @classmethod
    def uri(cls, value: str) -> Term:
        return cls("uri", value)

    @classmethod
    def literal(cls, value: str, language: str | None = None, datatype: str | None = None) -> Term:
        if language:
            return cls("literal", value, language.lower(), None)
        if datatype in (None, XSD_STRING, _LANG_STRING):
            return cls("literal", value)
        return cls("literal", value, None, datatype)

    def to_json(self) -> dict[str, str]:
        out = {"type": self.kind, "value": self.value}
        if self.language:
            out["xml:lang"] = self.language
        if self.datatype:
            out["datatype"] = self.datatype
        return out


@dataclass
class Results:
    """What a query returned: solutions (SELECT), a boolean (ASK) or RDF text (CONSTRUCT/DESCRIBE)."""

    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    turtle: str | None = None

    def column(self, name: str) -> list[Term | None]:
        index = self.variables.index(name)
        return [row[index] for row in self.rows]

    def values(self, name: str) -> list[str | None]:
        """The lexical values of one column (None where unbound)."""
        return [term.value if term is not None else None for term in self.column(name)]

    def to_frame(self, lang: str = "both") -> Any:
        """A pandas DataFrame of the solutions: plain values (IRIs as strings, numbers as numbers).

        ``lang`` "vi" or "en" keeps only that language's ``*_vi``/``*_en`` columns.
        """
        import pandas as pd

        numeric = {XSD + t for t in ("integer", "int", "long", "decimal", "double", "float")}
        chosen = {"vi": self.without("_en"), "en": self.without("_vi")}.get(lang, self)

        def value(term: Term | None) -> object:
            if term is None:
                return None
            if term.datatype in numeric:
                return float(term.value) if any(c in term.value for c in ".eE") else int(term.value)
            return term.value

        return pd.DataFrame([[value(t) for t in row] for row in chosen.rows], columns=chosen.variables)

    def without(self, suffix: str) -> Results:
        """These results with the columns whose names end in ``suffix`` dropped."""
        keep = [i for i, name in enumerate(self.variables) if not name.endswith(suffix)]
        return Results(
            [self.variables[i] for i in keep],
            [tuple(row[i] for i in keep) for row in self.rows],
            self.boolean,
            self.turtle,
        )

"""SHACL validation of an orggraph graph against ``resources/shapes.ttl``.

pyshacl is imported only here, inside :func:`validate_graph`: it is slow to
import and most commands never need it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.term import Node

from .ontology import SH
from .resources import read_resource

__all__ = ["ValidationReport", "Violation", "shapes_graph", "validate_graph"]


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result in plain words."""

    focus: str
    path: str | None
    value: str | None
    message_vi: str
    message_en: str
    severity: str

    def describe(self, short: dict[str, str] | None = None) -> str:
        """One line: focus (path): Vietnamese message / English message [value]."""
        focus = _shorten(self.focus, short)
        where = f" ({_shorten(self.path, short)})" if self.path else ""
        value = f" [{_shorten(self.value, short)}]" if self.value else ""
        return f"{focus}{where}: {self.message_vi} / {self.message_en}{value}"


@dataclass
class ValidationReport:
    """Whether a graph conforms, and every violation found."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)


def _shorten(iri: str | None, short: dict[str, str] | None) -> str:
    if iri is None:
        return ""
    for namespace, prefix in (short or {}).items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def shapes_graph() -> Graph:
    """The packaged SHACL shapes."""
    graph = Graph()
    graph.parse(data=read_resource("shapes.ttl"), format="turtle")
    return graph


def _text(value: Node | None) -> str | None:
    if value is None:
        return None
    return str(value)


def validate_graph(graph: Graph) -> ValidationReport:
    """Validate ``graph`` against the shapes; violations sorted by focus node and message."""
    from pyshacl import validate

    conforms, results, _ = validate(
        graph,
        shacl_graph=shapes_graph(),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    assert isinstance(results, Graph)
    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        messages: dict[str, str] = {}
        for message in results.objects(result, SH.resultMessage):
            if isinstance(message, Literal):
                messages.setdefault(message.language or "", str(message))
        generic = messages.get("", "")
        severity = results.value(result, SH.resultSeverity)
        violations.append(
            Violation(
                focus=str(results.value(result, SH.focusNode)),
                path=_text(results.value(result, SH.resultPath)),
                value=_text(results.value(result, SH.value)),
                message_vi=messages.get("vi", generic),
                message_en=messages.get("en", generic),
                severity=str(severity).rsplit("#", 1)[-1] if isinstance(severity, URIRef) else "Violation",
            )
        )
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message_en, v.value or ""))
    return ValidationReport(bool(conforms), violations)

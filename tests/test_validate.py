"""SHACL validation: the committed graph conforms; broken graphs are reported."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import SKOS, XSD, Graph, Literal, URIRef

from orggraph.ontology import ID, OG
from orggraph.store import load_graph
from orggraph.validate import validate_graph

PLAN = ID["plan/tuyen-quang/168-kh-tu-2018"]
TASK = URIRef(PLAN + "/task/B.III.5.4")
BODY = ID["body/tuyen-quang/ban-to-chuc-tinh-uy"]


@pytest.fixture(scope="module")
def committed(repo_root) -> Graph:  # type: ignore[no-untyped-def]
    return load_graph(repo_root / "data" / "kh168.ttl")


def test_committed_graph_conforms(committed: Graph) -> None:
    report = validate_graph(committed)
    assert report.conforms, [v.describe() for v in report.violations]


def _copy(graph: Graph) -> Graph:
    out = Graph()
    for triple in graph:
        out.add(triple)
    return out


def no_responsible(g: Graph) -> None:
    g.remove((TASK, OG.responsible, None))


def no_english_name(g: Graph) -> None:
    g.remove(
        (
            BODY,
            SKOS.prefLabel,
            Literal("Organisation Commission of the Provincial Party Committee", lang="en"),
        )
    )


def bad_date(g: Graph) -> None:
    g.set((TASK, OG.dueDate, Literal("31/12/2018")))


def offset_beyond_source(g: Graph) -> None:
    g.set((TASK, OG.sourceEnd, Literal(10**6, datatype=XSD.integer)))


def lead_not_involved(g: Graph) -> None:
    g.add((TASK, OG.lead, ID["body/tuyen-quang/van-phong-tinh-uy"]))


def no_text(g: Graph) -> None:
    g.remove((TASK, OG.text, None))


def due_before_start(g: Graph) -> None:
    g.set((TASK, OG.startDate, Literal("2019-01-01", datatype=XSD.date)))


def no_section(g: Graph) -> None:
    g.remove((TASK, OG.inSection, None))


def no_vietnamese_name(g: Graph) -> None:
    g.remove((BODY, SKOS.prefLabel, Literal("Ban Tổ chức Tỉnh ủy", lang="vi")))


BREAKAGES: list[tuple[Callable[[Graph], None], str, str]] = [
    (no_english_name, "skos:prefLabel", "English name"),
    (bad_date, "og:dueDate", "xsd:date"),
    (offset_beyond_source, "", "beyond the end of the source"),
    (lead_not_involved, "", "A lead must also be responsible for, or a partner in"),
    (no_text, "og:text", "Vietnamese text"),
    (due_before_start, "og:startDate", "earlier than the start date"),
    (no_section, "og:inSection", "section"),
    (no_vietnamese_name, "skos:prefLabel", "Vietnamese name"),
]


@pytest.mark.parametrize(("breakage", "path", "message"), BREAKAGES, ids=[b[0].__name__ for b in BREAKAGES])
def test_broken_graph_is_reported(
    committed: Graph, breakage: Callable[[Graph], None], path: str, message: str
) -> None:
    graph = _copy(committed)
    breakage(graph)
    report = validate_graph(graph)
    assert not report.conforms
    assert any(message in v.message_en for v in report.violations), [v.message_en for v in report.violations]
    (violation,) = [v for v in report.violations if message in v.message_en]
    assert violation.message_vi  # every message also speaks Vietnamese
    assert violation.focus in (str(TASK), str(BODY))
    if path:
        assert violation.path is not None and violation.path.endswith(path.split(":")[1])


def test_a_task_without_a_responsible_body_is_a_warning_not_a_violation(kh168_graph: Graph) -> None:
    # A task whose subject the reader could not resolve keeps no borrowed body: the graph
    # still conforms, and validation says so as a warning.
    graph = Graph()
    for triple in kh168_graph:
        graph.add(triple)
    no_responsible(graph)
    graph.remove((TASK, OG.lead, None))  # no lead either: none is borrowed
    report = validate_graph(graph)
    assert report.conforms
    (warning,) = [v for v in report.violations if v.severity == "Warning"]
    assert warning.path is not None and warning.path.endswith("#responsible")
    assert "names no responsible body" in warning.message_en

"""Analysis of Plan 168-KH/TU: projections, coordination load, overlaps.

The load figures were counted by hand from data/kh168.txt (the comments say
which bullets); the overlap findings are the ones named in the issue and in
data/kh168-measures.toml.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from orggraph.analyse.data import PlanData, load_files
from orggraph.analyse.evaluate import evaluate, read_annotation
from orggraph.analyse.load import coordination_load
from orggraph.analyse.overlaps import OverlapReport, Thresholds, find_overlaps
from orggraph.analyse.projections import bipartite, coworking, lead_graph, membership

ID = "https://w3id.org/orggraph/id/body/tuyen-quang/"


@pytest.fixture(scope="module")
def data(repo_root: Path) -> PlanData:
    return load_files([repo_root / "data" / "kh168.ttl"])


@pytest.fixture(scope="module")
def report(data: PlanData) -> OverlapReport:
    return find_overlaps(data)


def test_same_records_from_rdflib_and_pyoxigraph(repo_root: Path, data: PlanData) -> None:
    other = load_files([repo_root / "data" / "kh168.ttl"], store="rdflib")
    assert other.tasks == data.tasks
    assert other.bodies == data.bodies


def test_bipartite_has_one_edge_per_role(data: PlanData) -> None:
    graph = bipartite(data)
    tasks = [n for n, a in graph.nodes(data=True) if a["kind"] == "task"]
    assert len(tasks) == 85
    roles = [role for _, _, role in graph.edges(keys=True)]
    # The totals `orggraph build` prints: responsible 90, lead 20, partner 50, reports to 13.
    assert (
        roles.count("responsible"),
        roles.count("lead"),
        roles.count("partner"),
        roles.count("reportsTo"),
    ) == (
        90,
        20,
        50,
        13,
    )


def test_coworking_keeps_groups_as_nodes(data: PlanData) -> None:
    graph = coworking(data)
    assert graph[ID + "ban-to-chuc-tinh-uy"][ID + "van-phong-tinh-uy"]["weight"] == 5
    assert graph.has_node(ID + "cac-co-quan-lien-quan")
    assert graph[ID + "ban-to-chuc-tinh-uy"][ID + "cac-huyen-uy-thanh-uy"]["weight"] == 6


def test_lead_arrows_and_membership(data: PlanData) -> None:
    leads = lead_graph(data)
    assert leads.has_edge(ID + "ban-to-chuc-tinh-uy", ID + "ban-tuyen-giao-tinh-uy")
    assert not leads.has_edge(ID + "ban-tuyen-giao-tinh-uy", ID + "ban-to-chuc-tinh-uy")
    members = membership(data)
    assert members.has_edge(ID + "dang-doan-lien-doan-lao-dong-tinh", ID + "cac-dang-doan-doan-the-tinh")


# ---------------------------------------------------------------- coordination load, counted by hand

LOAD = {
    # III.5 (17 bullets) + IV.6; leads III.5.1-5.9, 5.16, 5.17, IV.6; partner in III.4.9, III.6.1,
    # III.8.2, III.8.3, III.10.1, III.10.2, III.11.1, III.11.2.
    "ban-to-chuc-tinh-uy": dict(
        tasks=26,
        responsible=18,
        lead=12,
        partner=8,
        reported_to=0,
        partners=12,
        weighted_degree=36,
        annual=3,
        conditional=4,
        undated=1,
        due_before_plan=0,
    ),
    # III.10.1-2 its own; partner in III.5.8, III.5.17, IV.6.
    "van-phong-tinh-uy": dict(
        tasks=5,
        responsible=2,
        lead=0,
        partner=3,
        reported_to=0,
        partners=2,
        weighted_degree=7,
        annual=2,
        undated=1,
        y2018=2,
        y2019=2,
        y2020=0,
    ),
    # III.7.1-3 (continuous) and partner in III.5.4 (due 2018).
    "ban-tuyen-giao-tinh-uy": dict(tasks=4, responsible=3, lead=0, partner=1, continuous=3, y2018=1, y2019=0),
    # Advised or reported to in III.1.2, III.5.14, III.5.15, III.5.17, III.6.1, III.9.1, III.10.2,
    # IV.2.2, IV.5.
    "ban-thuong-vu-tinh-uy": dict(tasks=9, responsible=0, reported_to=9),
    # Named as partner in III.1.1, III.2.6, III.5.7; no task of its own.
    "doan-dbqh-tinh": dict(tasks=3, responsible=0, partner=3, y2018=3, y2019=3, y2020=0),
}


@pytest.mark.parametrize("key", sorted(LOAD))
def test_coordination_load(data: PlanData, key: str) -> None:
    row = coordination_load(data).find(body=ID + key)
    for column, expected in LOAD[key].items():
        assert row[column] == expected, column


def test_load_table_shape(data: PlanData) -> None:
    table = coordination_load(data)
    names = [c.name for c in table.columns]
    assert names[:4] == ["body", "body_vi", "body_en", "kind"]
    assert ["y2018", "y2019", "y2020", "y2021"] == [n for n in names if n.startswith("y20")]
    first = table.records()[0]
    assert first["body_vi"] == "Ban Tổ chức Tỉnh ủy" and first["body_en"].startswith(
        "Organisation Commission"
    )
    assert first["share"] == round(26 / 85, 4)
    assert first["betweenness"] > 0  # the Commission brokers between bodies that share no task
    general = table.find(body=ID + "cac-cap-uy-to-chuc-dang-lanh-dao-co-quan-don-vi")
    assert general["due_before_plan"] == 1  # II.1.1, due January 2018; the plan is dated 18 Feb 2018
    assert general["continuous"] == 7  # II.2.1-2.7


def test_betweenness_is_exact_at_any_size() -> None:
    """On a path of 2,501 bodies, the middle one lies on the shortest path of every pair
    with one body on each side: 1,250 x 1,250 of the 2,500 x 2,499 / 2 pairs of the other
    bodies.  (Exact at this size: networkx alone took an estimate from 200 sources.)"""
    import networkx as nx

    from orggraph.analyse.load import _betweenness

    path = nx.path_graph([f"b{i:04d}" for i in range(2501)])
    found = _betweenness(path)
    assert found["b1250"] == pytest.approx(1250 * 1250 / (2500 * 2499 / 2), rel=1e-12)
    assert found["b0000"] == 0.0 and found["b0001"] == pytest.approx(2499 / (2500 * 2499 / 2))
    small = nx.karate_club_graph()
    assert _betweenness(small) == pytest.approx(nx.betweenness_centrality(small), abs=1e-15)


# ---------------------------------------------------------------- overlaps


def test_measures_named_in_the_issue(report: OverlapReport) -> None:
    groups = {m.keys for m in report.measures}
    # The merger of the three offices appears under three bodies.
    assert ("B.III.1.1", "B.III.2.6", "B.III.5.7") in groups
    # The Organisation Commission's task to reorganise the Office, and the Office's own.
    assert ("B.III.5.8", "B.III.10.1") in groups


def test_one_sided_partner_link(report: OverlapReport) -> None:
    links = {(r["body"], r["partner"], r["task"]) for r in report.reciprocity.records()}
    # The Commission names Propaganda and Education on district propaganda heads; that
    # Commission's section has no such task.
    assert (ID + "ban-to-chuc-tinh-uy", ID + "ban-tuyen-giao-tinh-uy", "B.III.5.4") in links
    # The Office carries the reorganisation the Commission names it on: not one-sided.
    assert not any(p == ID + "van-phong-tinh-uy" for _, p, _ in links)


def test_lead_conflicts(report: OverlapReport) -> None:
    conflicts = {r["tasks"]: r for r in report.lead_conflicts.records()}
    # District mass mobilisation heads: the Organisation Commission leads III.5.5, the Mass
    # Mobilisation Commission leads III.8.2.
    two = conflicts["B.III.4.13.3, B.III.5.5, B.III.8.2"]
    assert two["conflict"] == "several leads"
    assert two["leads_vi"] == "Ban Dân vận Tỉnh ủy; Ban Tổ chức Tỉnh ủy"
    assert conflicts["B.III.2.2, B.III.4.2"]["conflict"] == "no lead"


def test_body_pairs(report: OverlapReport) -> None:
    top = report.body_pairs.records()[0]
    assert (top["body_a_vi"], top["body_b_vi"], top["shared"]) == (
        "Ban Tổ chức Tỉnh ủy",
        "các huyện ủy, thành ủy",
        10,
    )
    assert 0 < float(top["jaccard"]) <= 1


def test_general_tasks_repeated(report: OverlapReport) -> None:
    pairs = {(r["general_task"], r["specific_task"]) for r in report.general_specific.records()}
    assert {("B.II.1.7", "B.III.2.8"), ("B.II.1.7", "B.III.4.12"), ("B.II.2.5", "B.III.7.1")} <= pairs


def test_precision_and_recall_against_the_annotation(
    repo_root: Path, data: PlanData, report: OverlapReport
) -> None:
    """The figures quoted in README; a change to the detector must update both."""
    result = evaluate(report, data, read_annotation(repo_root / "data" / "kh168-measures.toml"))
    assert (result.measures.right, result.measures.found, result.measures.expected) == (28, 28, 28)
    assert (result.general.right, result.general.found, result.general.expected) == (5, 5, 9)
    assert result.wrong == ()


def test_thresholds_are_parameters(data: PlanData) -> None:
    strict = find_overlaps(data, Thresholds(measure=0.95))
    assert 0 < len(strict.measures) < len(find_overlaps(data).measures)
    assert all(m.score >= 0.95 for m in strict.measures)

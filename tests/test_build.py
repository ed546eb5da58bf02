"""The RDF graph: vocabulary use, IRIs, deterministic Turtle, freshness of data/kh168.ttl."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDF, SKOS, XSD, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic

from orggraph.build import plan_graph
from orggraph.model import Plan
from orggraph.ontology import ID, OG
from orggraph.read.extract import extract_plan
from orggraph.store import load_graph, to_turtle

PLAN = ID["plan/tuyen-quang/168-kh-tu-2018"]
TASK = PLAN + "/task/"
TQ = ID["body/tuyen-quang/"]


def test_plan_node(kh168_graph: Graph) -> None:
    assert (PLAN, RDF.type, OG.Plan) in kh168_graph
    from rdflib import DCTERMS

    assert kh168_graph.value(PLAN, DCTERMS.identifier) == Literal("168-KH/TU")
    assert kh168_graph.value(PLAN, DCTERMS.issued) == Literal("2018-02-18", datatype=XSD.date)
    assert kh168_graph.value(PLAN, DCTERMS.creator) == URIRef(TQ + "tinh-uy")
    assert (PLAN, OG.implements, ID["directive/vn/18-nq-tw"]) in kh168_graph


def test_task_triples(kh168_graph: Graph) -> None:
    task = URIRef(TASK + "B.III.5.4")
    assert (task, RDF.type, OG.Task) in kh168_graph
    assert (task, OG.inSection, URIRef(PLAN + "/section/B.III.5")) in kh168_graph
    assert (task, OG.lead, URIRef(TQ + "ban-to-chuc-tinh-uy")) in kh168_graph
    assert (task, OG.partner, URIRef(TQ + "ban-tuyen-giao-tinh-uy")) in kh168_graph
    assert kh168_graph.value(task, OG.dueDate) == Literal("2018-12-31", datatype=XSD.date)
    text = kh168_graph.value(task, OG.text)
    assert isinstance(text, Literal) and text.language == "vi"
    subtask = URIRef(TASK + "B.III.4.13.1")
    assert (subtask, OG.subtaskOf, URIRef(TASK + "B.III.4.13")) in kh168_graph
    conditional = URIRef(TASK + "B.III.5.3")
    assert kh168_graph.value(conditional, OG.condition) == Literal(
        "sau khi có quy định, hướng dẫn của Trung ương", lang="vi"
    )
    annual = URIRef(TASK + "B.III.5.17")
    assert kh168_graph.value(annual, OG.recurrence) == OG.Annual


def test_bodies_have_both_labels_and_groups_are_typed(kh168_graph: Graph) -> None:
    commission = URIRef(TQ + "ban-to-chuc-tinh-uy")
    labels = {(str(label), label.language) for label in kh168_graph.objects(commission, SKOS.prefLabel)}
    assert labels == {
        ("Ban Tổ chức Tỉnh ủy", "vi"),
        ("Organisation Commission of the Provincial Party Committee", "en"),
    }
    districts = URIRef(TQ + "cac-huyen-uy-thanh-uy")
    assert (districts, RDF.type, OG.BodyGroup) in kh168_graph
    assert (districts, RDF.type, OG.Body) in kh168_graph
    labour = URIRef(TQ + "dang-doan-lien-doan-lao-dong-tinh")
    assert (labour, OG.memberOf, URIRef(TQ + "cac-dang-doan-doan-the-tinh")) in kh168_graph


def test_variants_seen_in_the_text_become_alt_labels(kh168_graph: Graph) -> None:
    office = URIRef(TQ + "van-phong-tinh-uy")
    alternatives = {str(label) for label in kh168_graph.objects(office, SKOS.altLabel)}
    assert "Văn phòng Tỉnh uỷ" in alternatives  # old tone style, as written on line 144
    assert "VPTU" in alternatives


def test_language_tags_are_lower_case_and_text_is_nfc(kh168_graph: Graph) -> None:
    import unicodedata

    for _, _, obj in kh168_graph:
        if isinstance(obj, Literal) and obj.language:
            assert obj.language in ("vi", "en")
            assert unicodedata.is_normalized("NFC", str(obj))


def test_no_absolute_paths_in_the_graph(kh168_graph: Graph) -> None:
    for _, _, obj in kh168_graph:
        assert not str(obj).startswith("/"), obj
    assert kh168_graph.value(URIRef(PLAN + "/source"), OG.sourceName) == Literal("data/kh168.txt")


def test_turtle_parses_back_to_the_same_graph(kh168_graph: Graph) -> None:
    parsed = Graph()
    parsed.parse(data=to_turtle(kh168_graph), format="turtle")
    assert isomorphic(parsed, kh168_graph)


def test_building_twice_gives_identical_bytes(kh168_text: str, kh168_plan: Plan) -> None:
    again = extract_plan(kh168_text, source_name="data/kh168.txt")
    assert to_turtle(plan_graph(again)) == to_turtle(plan_graph(kh168_plan))


def test_identical_bytes_under_two_hash_seeds(repo_root: Path) -> None:
    script = (
        "import sys; from orggraph.pipeline import read_plan; from orggraph.build import plan_graph;"
        "from orggraph.store import to_turtle;"
        "sys.stdout.buffer.write(to_turtle(plan_graph(read_plan('data/kh168.txt'))).encode())"
    )
    outputs = []
    for seed in ("0", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", script], cwd=repo_root, env=env, capture_output=True, check=True
        )
        outputs.append(run.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0] == (repo_root / "data" / "kh168.ttl").read_bytes()


def test_committed_graph_is_fresh(repo_root: Path, kh168_graph: Graph) -> None:
    """data/kh168.ttl must be what building data/kh168.txt gives today (run `make demo`)."""
    committed = (repo_root / "data" / "kh168.ttl").read_text(encoding="utf-8")
    fresh = to_turtle(kh168_graph)
    if committed != fresh:
        _, only_committed, only_fresh = graph_diff(load_graph(repo_root / "data" / "kh168.ttl"), kh168_graph)
        raise AssertionError(
            f"data/kh168.ttl is stale: {len(only_committed)} triples only in the file, "
            f"{len(only_fresh)} only in a fresh build; run `make demo`"
        )


def test_every_task_derives_from_the_source(kh168_graph: Graph) -> None:
    from rdflib import PROV

    source = URIRef(PLAN + "/source")
    tasks = set(kh168_graph.subjects(RDF.type, OG.Task))
    assert len(tasks) == 85
    assert all((task, PROV.wasDerivedFrom, source) in kh168_graph for task in tasks)


def test_plans_of_two_provinces_do_not_collide(tiny_plan: str) -> None:
    ha_giang = extract_plan(tiny_plan, source_name="a.txt")
    lao_cai = extract_plan(
        tiny_plan.replace("TỈNH ỦY HÀ GIANG", "TỈNH ỦY LÀO CAI").replace("Hà Giang,", "Lào Cai,"),
        source_name="b.txt",
    )
    graph = plan_graph(ha_giang)
    plan_graph(lao_cai, graph)
    commissions = {s for s in graph.subjects(RDF.type, OG.Body) if str(s).endswith("/ban-to-chuc-tinh-uy")}
    assert commissions == {ID["body/ha-giang/ban-to-chuc-tinh-uy"], ID["body/lao-cai/ban-to-chuc-tinh-uy"]}
    plans = set(graph.subjects(RDF.type, OG.Plan))
    assert plans == {ID["plan/ha-giang/12-kh-tu-2018"], ID["plan/lao-cai/12-kh-tu-2018"]}
    # The resolution both cite is one node.
    assert len(set(graph.subjects(RDF.type, OG.Directive))) == 1


def test_the_source_is_named_the_same_from_any_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from orggraph.pipeline import source_name_for

    (tmp_path / "repo" / ".git").mkdir(parents=True)
    plan = tmp_path / "repo" / "plans" / "kh1.txt"
    plan.parent.mkdir()
    plan.write_text("x", encoding="utf-8")
    names = []
    for folder in (tmp_path / "repo", plan.parent, tmp_path, Path("/")):
        monkeypatch.chdir(folder)
        names.append(source_name_for(plan.relative_to(folder) if folder != Path("/") else plan))
    assert names == ["plans/kh1.txt"] * 4
    # Outside any repository: relative to the working folder if inside it, else the bare name.
    loose = tmp_path / "loose" / "kh2.txt"
    loose.parent.mkdir()
    loose.write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert source_name_for(loose) == "loose/kh2.txt"
    monkeypatch.chdir(plan.parent)
    assert source_name_for(loose) == "kh2.txt"


def test_a_merged_ministry_links_to_its_successor_and_provisional_bodies_are_marked() -> None:
    text = (
        "THỦ TƯỚNG CHÍNH PHỦ\n"
        "Số: 12/CT-TTg\n"
        "Hà Nội, ngày 05 tháng 3 năm 2024\n"
        "CHỈ THỊ\n"
        "1. Bộ Tài nguyên và Môi trường chủ trì, phối hợp với Ban Quản lý các khu kinh tế"
        " rà soát quy hoạch.\n"
    )
    graph = plan_graph(extract_plan(text, source_name="ct12.txt"))
    old = ID["body/vn/bo-tai-nguyen-va-moi-truong"]
    assert (old, OG.succeededBy, ID["body/vn/bo-nong-nghiep-va-moi-truong"]) in graph
    board = ID["body/vn/ban-quan-ly-cac-khu-kinh-te"]
    assert (board, RDF.type, OG.ProvisionalBody) in graph
    assert (board, SKOS.prefLabel, Literal("Ban Quản lý các khu kinh tế", lang="vi")) in graph

"""Many plans: district plans, the synthetic corpus and its truth, one dataset in four formats."""

from __future__ import annotations

import csv
import importlib
import io
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from orggraph.cli import main
from orggraph.ontology import ID, OG
from orggraph.read.extract import extract_plan
from orggraph.store import load_graph
from orggraph.synth import evaluate_extraction, synth_corpus

# A district plan written for these tests: a district committee of Tuyên Quang, naming its
# own boards, a commune by name, and the province's Organisation Commission.
HAM_YEN = (
    "ĐẢNG BỘ TỈNH TUYÊN QUANG\n"
    "HUYỆN ỦY HÀM YÊN\n"
    "*\n"
    "Số 25-KH/HU\n"
    "Hàm Yên, ngày 12 tháng 3 năm 2018\n"
    "KẾ HOẠCH\n"
    "thực hiện Nghị quyết số 18-NQ/TW, ngày 25/10/2017 của Ban Chấp hành Trung ương\n"
    "-----\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n"
    "1. Quán triệt nghị quyết đến cán bộ, đảng viên.\n"
    "II. NHIỆM VỤ CỤ THỂ\n"
    "1. Ban Tổ chức Huyện ủy\n"
    "- Chủ trì, phối hợp với Văn phòng Huyện ủy và Đảng uỷ xã Tân Thành xây dựng đề án sắp xếp bộ máy"
    " (hoàn thành trong năm 2018).\n"
    "- Tham mưu cho Ban Thường vụ Huyện ủy sáp nhập các thôn chưa đủ tiêu chuẩn (thực hiện từ năm 2019).\n"
    "2. Ủy ban nhân dân huyện\n"
    "- Phối hợp với Ban Tổ chức Tỉnh ủy rà soát biên chế (thực hiện thường xuyên).\n"
)
BODY = str(ID) + "body/"
PLAN = str(ID) + "plan/"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_a_district_plan_belongs_to_its_district_and_province() -> None:
    plan = extract_plan(HAM_YEN, source_name="ham-yen.txt")
    assert (plan.jurisdiction_vi, plan.district) == ("Tuyên Quang", "Hàm Yên")
    assert plan.warnings == ()
    issuer = plan.bodies[plan.issuers[0]]
    assert (plan.issuers[0], issuer.name_vi, issuer.name_en) == (
        ("tuyen-quang/ham-yen", "huyen-uy"),
        "Huyện ủy Hàm Yên",
        "Hàm Yên District Party Committee",
    )
    first, advise, partner = plan.tasks
    assert first.lead == (("tuyen-quang/ham-yen", "ban-to-chuc-huyen-uy"),)
    assert first.partner == (
        ("tuyen-quang/ham-yen", "van-phong-huyen-uy"),
        ("tuyen-quang/ham-yen", "dang-uy-xa-tan-thanh"),
    )
    commune = plan.bodies[("tuyen-quang/ham-yen", "dang-uy-xa-tan-thanh")]
    # Written with the old tone-mark style, labelled in NFC with the new one.
    assert (commune.name_vi, commune.name_en) == (
        "Đảng ủy xã Tân Thành",
        "Party Committee of Tân Thành Commune",
    )
    assert advise.reports_to == (("tuyen-quang/ham-yen", "ban-thuong-vu-huyen-uy"),)
    # The province's Organisation Commission is the province's body, not the district's.
    assert partner.partner == (("tuyen-quang", "ban-to-chuc-tinh-uy"),)


def _three_plans(tmp_path: Path, repo_root: Path, tiny_plan: str) -> list[Path]:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "a-kh168.txt").write_bytes((repo_root / "data" / "kh168.txt").read_bytes())
    (folder / "b-ham-yen.txt").write_text(HAM_YEN, "utf-8")
    (folder / "c-ha-giang.txt").write_text(tiny_plan, "utf-8")
    return [folder]


PLAN_IRIS = {
    PLAN + "tuyen-quang/168-kh-tu-2018",
    PLAN + "tuyen-quang/ham-yen/25-kh-hu-2018",
    PLAN + "ha-giang/12-kh-tu-2018",
}


def test_many_plans_one_dataset_in_four_formats(
    runner: CliRunner, tmp_path: Path, repo_root: Path, tiny_plan: str, kh168_graph: Graph
) -> None:
    sources = _three_plans(tmp_path, repo_root, tiny_plan)
    unions = {}
    for suffix in (".ttl", ".nt", ".nq", ".trig"):
        out = tmp_path / f"all{suffix}"
        result = runner.invoke(main, ["build", *map(str, sources), "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert result.stdout.count("Kế hoạch ") == 3
        graph = load_graph(out)
        unions[suffix] = {t for t in graph.triples((None, None, None))}
    assert unions[".ttl"] == unions[".nt"] == unions[".nq"] == unions[".trig"]
    triples = unions[".ttl"]
    # The bundled plan's triples are all there, none changed by its neighbours (but the
    # name of its source file, which here is another).
    assert {t for t in kh168_graph if t[1] != OG.sourceName} <= triples
    # N-Triples writes the bodies and places several plans share once.
    lines = (tmp_path / "all.nt").read_text("utf-8").splitlines()
    assert len(lines) == len(set(lines)) == len(triples)

    # In N-Quads and TriG each plan's own triples are its named graph and what plans share
    # (bodies, places, cited acts) is in the default graph once (read back by pyoxigraph).
    kh168 = PLAN + "tuyen-quang/168-kh-tu-2018"
    own = sum(1 for t in kh168_graph if str(t[0]) == kh168 or str(t[0]).startswith(kh168 + "/"))
    for suffix, fmt in ((".nq", ox.RdfFormat.N_QUADS), (".trig", ox.RdfFormat.TRIG)):
        quads = list(ox.parse(path=str(tmp_path / f"all{suffix}"), format=fmt))
        named = Counter(getattr(q.graph_name, "value", "") for q in quads)
        assert set(named) == PLAN_IRIS | {""}
        assert sum(named.values()) == len({(q.subject, q.predicate, q.object) for q in quads}) == len(triples)
        assert 0 < own == named[kh168] < len(kh168_graph)
        shared = {q.subject.value for q in quads if isinstance(q.graph_name, ox.DefaultGraph)}
        assert BODY + "ha-giang/ban-to-chuc-tinh-uy" in shared and BODY + "tuyen-quang/tinh-uy" in shared

    # Same-named bodies of two provinces are two nodes, each with its own parent and place.
    tq, hg = URIRef(BODY + "tuyen-quang/ban-to-chuc-tinh-uy"), URIRef(BODY + "ha-giang/ban-to-chuc-tinh-uy")
    assert (tq, SKOS.prefLabel, next(o for s, p, o in triples if s == hg and p == SKOS.prefLabel)) in triples
    parents = {s: o for s, p, o in triples if p == URIRef("http://www.w3.org/ns/org#subOrganizationOf")}
    assert (parents[tq], parents[hg]) == (
        URIRef(BODY + "tuyen-quang/tinh-uy"),
        URIRef(BODY + "ha-giang/tinh-uy"),
    )
    # A body two plans of one province name is one node: the district plan's partner is
    # the provincial plan's lead.
    district_task = URIRef(PLAN + "tuyen-quang/ham-yen/25-kh-hu-2018/task/II.2.1")
    assert (district_task, OG.partner, tq) in triples
    assert any(
        p == OG.lead and o == tq and str(s).startswith(PLAN + "tuyen-quang/168") for s, p, o in triples
    )
    # Task IRIs carry their plan: 85 + 3 + 3 tasks, none merged.
    tasks = {str(s) for s, p, o in triples if p == RDF.type and o == OG.Task}
    assert len(tasks) == 85 + 3 + 3


@pytest.mark.parametrize("store", ["oxigraph", "rdflib"])
def test_every_command_reads_every_format(
    runner: CliRunner, tmp_path: Path, repo_root: Path, tiny_plan: str, store: str
) -> None:
    sources = _three_plans(tmp_path, repo_root, tiny_plan)
    answers = set()
    for suffix in (".ttl", ".nt", ".nq", ".trig"):
        out = tmp_path / f"all{suffix}"
        assert runner.invoke(main, ["build", *map(str, sources), "-o", str(out), "-q"]).exit_code == 0
        result = runner.invoke(
            main, ["query", "who-coordinates", "-g", str(out), "--store", store, "-f", "csv"]
        )
        assert result.exit_code == 0, result.output
        answers.add(result.stdout)
        # A file whose name does not say its format is read with --input-format.
        hidden = tmp_path / f"all{suffix}.data"
        hidden.write_bytes(out.read_bytes())
        fmt = {".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".trig": "trig"}[suffix]
        named = runner.invoke(
            main, ["load", "-g", str(hidden), "--input-format", fmt, "--store", store, "-f", "csv"]
        )
        assert named.exit_code == 0, named.output
        # Bodies of several provinces and districts are named with their place.
        assert "Đảng ủy xã Tân Thành (huyện Hàm Yên, tỉnh Tuyên Quang)" in named.stdout
        assert "Organisation Commission of the Provincial Party Committee (Hà Giang Province)" in named.stdout
    assert len(answers) == 1
    # The district plan's lead and partner pair is among the coordinating pairs.
    assert "Ban Tổ chức Huyện ủy" in answers.pop()


def test_build_refuses_an_unknown_output_format(runner: CliRunner, tmp_path: Path, tiny_plan: str) -> None:
    source = tmp_path / "plan.txt"
    source.write_text(tiny_plan, "utf-8")
    result = runner.invoke(main, ["build", str(source), "-o", str(tmp_path / "plan.xml")])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"Error: {tmp_path / 'plan.xml'}: cannot tell the format; use .ttl, .nt, .nq or .trig, or --format"
    )
    assert not (tmp_path / "plan.xml").exists()


def test_the_synthetic_corpus_is_reproducible(tmp_path: Path) -> None:
    one = synth_corpus(4, 11, tmp_path / "one")
    two = synth_corpus(4, 11, tmp_path / "two")
    assert [p.read_bytes() for p in one] == [p.read_bytes() for p in two]
    other = synth_corpus(4, 12, tmp_path / "other")
    assert [p.read_bytes() for p in one] != [p.read_bytes() for p in other]


def test_the_extractor_recovers_the_synthetic_truth(tmp_path: Path) -> None:
    texts = synth_corpus(60, 42, tmp_path)
    corpus = "\n".join(p.read_text("utf-8") for p in texts)
    truths = [json.loads(p.with_suffix(".truth.json").read_text("utf-8")) for p in texts]
    # The corpus exercises what the genre does: district and province plans, both tone-mark
    # styles, "+" sub-bullets, lead and partner phrases, advising, abbreviations, communes.
    assert {t["district"] is None for t in truths} == {True, False}
    for surface in (
        "Đảng ủy xã ",
        "uỷ",
        "ủy",
        "\n+ ",
        "Chủ trì, phối hợp với",
        "Tham mưu cho",
        "BTG",
        "UBKT",
    ):
        assert surface.lower() in corpus.lower(), surface
    roles = {role for t in truths for task in t["tasks"].values() for role, v in task.items() if v}
    assert {"responsible", "lead", "partner", "reportsTo", "start", "due", "recurrence", "condition"} <= roles
    score = evaluate_extraction(texts)
    assert score.mistakes == ()
    assert (score.precision, score.recall) == (1.0, 1.0)
    assert score.facts > 8000


def test_synth_command_writes_and_scores(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["synth", "--plans", "3", "--seed", "5", "-o", str(tmp_path), "--evaluate"])
    assert result.exit_code == 0, result.output
    assert f"wrote 3 plans and their truth to {tmp_path}" in result.stdout
    assert "precision 1.0000" in result.stdout and "recall 1.0000" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "plan-00001.truth.json",
        "plan-00001.txt",
        "plan-00002.truth.json",
        "plan-00002.txt",
        "plan-00003.truth.json",
        "plan-00003.txt",
    ]


def test_an_on_disk_store_is_reopened_without_parsing(
    runner: CliRunner, tmp_path: Path, repo_root: Path
) -> None:
    from orggraph.query.backends import OxigraphBackend

    graph = tmp_path / "kh168.ttl"
    graph.write_bytes((repo_root / "data" / "kh168.ttl").read_bytes())
    folder = tmp_path / "store"
    first = OxigraphBackend([graph], store_dir=folder)
    assert not first.reopened
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert first.run(count).rows[0][0].value == "2255"  # type: ignore[union-attr]
    del first
    again = OxigraphBackend([graph], store_dir=folder)
    assert again.reopened and again.run(count).rows[0][0].value == "2255"  # type: ignore[union-attr]
    del again
    # No files given: the store is used as it is.  Through the CLI too.
    assert OxigraphBackend([], store_dir=folder).reopened
    result = runner.invoke(
        main, ["load", "--store-dir", str(folder), "--top", "1", "--columns", "body_vi,tasks"]
    )
    assert result.exit_code == 0, result.output
    assert re.search(r"\nBan Tổ chức Tỉnh ủy +26\n", result.stdout)
    # A changed file is loaded again, not taken from the store.
    graph.write_bytes(
        graph.read_bytes().replace(
            b'"Ban T\xe1\xbb\x95 ch\xe1\xbb\xa9c T\xe1\xbb\x89nh \xe1\xbb\xa7y"@vi', b'"Ban X"@vi'
        )
    )
    changed = OxigraphBackend([graph], store_dir=folder)
    assert not changed.reopened
    assert changed.run('ASK { ?b skos:prefLabel "Ban X"@vi }').boolean is True


def test_a_store_keeps_the_answers_to_canned_questions(
    runner: CliRunner, tmp_path: Path, repo_root: Path
) -> None:
    """Made once, a store keeps the answers to the canned questions without parameters;
    reopened, it gives them back without running the query; remade from changed files, it
    answers anew."""
    from orggraph.query import run_canned
    from orggraph.query.backends import ANSWERS, OxigraphBackend, _answer_file
    from orggraph.query.canned import bind, get

    graph = tmp_path / "kh168.ttl"
    graph.write_bytes((repo_root / "data" / "kh168.ttl").read_bytes())
    folder = tmp_path / "store"
    fresh = run_canned(OxigraphBackend([graph]), "who-coordinates")
    made = OxigraphBackend([graph], store_dir=folder)
    assert len(list((folder / ANSWERS).glob("*.json"))) >= 3  # who-coordinates, leads, reports-to, …
    assert run_canned(made, "who-coordinates").rows == fresh.rows
    del made
    kept = _answer_file(folder, bind(get("who-coordinates").text, {}))
    document = json.loads(kept.read_text(encoding="utf-8"))
    assert len(document["rows"]) == len(fresh.rows) > 0
    # The reopened store reads the kept answer: shown by a kept answer cut to its first row.
    document["rows"] = document["rows"][:1]
    kept.write_text(json.dumps(document), encoding="utf-8")
    reopened = OxigraphBackend([graph], store_dir=folder)
    assert reopened.reopened and len(run_canned(reopened, "who-coordinates").rows) == 1
    # A query not kept is run as usual.
    assert reopened.run("ASK { ?s ?p ?o }").boolean is True
    # A kept answer that cannot be read is not trusted: the query runs.
    kept.write_text('{"vars": ["a"], "rows": [[0]]', encoding="utf-8")
    assert run_canned(reopened, "who-coordinates").rows == fresh.rows
    del reopened
    # Changed files remake the store and its answers.
    graph.write_bytes(graph.read_bytes() + b"\n")
    remade = OxigraphBackend([graph], store_dir=folder)
    assert not remade.reopened and run_canned(remade, "who-coordinates").rows == fresh.rows


def test_a_store_keeps_what_the_analyses_read(tmp_path: Path, repo_root: Path) -> None:
    """The analyses' records come back from a reopened store's kept answers, the same as
    read from the file; the load table too."""
    from orggraph.analyse.data import RECORD_QUERIES, load_data
    from orggraph.analyse.load import coordination_load
    from orggraph.query.backends import OxigraphBackend, _answer_file

    graph = repo_root / "data" / "kh168.ttl"
    folder = tmp_path / "store"
    OxigraphBackend([graph], store_dir=folder)  # made, and its answers kept
    assert all(_answer_file(folder, q).is_file() for q in RECORD_QUERIES)
    reopened = OxigraphBackend([], store_dir=folder)
    assert reopened.reopened
    fresh, kept = load_data(OxigraphBackend([graph])), load_data(reopened)
    assert kept.tasks == fresh.tasks and kept.bodies == fresh.bodies
    assert len(kept.tasks) == 85  # Plan 168's tasks
    assert coordination_load(kept).rows == coordination_load(fresh).rows


def test_store_dir_errors_are_one_line(
    runner: CliRunner, tmp_path: Path, repo_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "notes.txt").write_text("mine\n", "utf-8")
    graph = str(repo_root / "data" / "kh168.ttl")
    cases = {
        (
            graph,
            str(junk),
            "oxigraph",
        ): f"Error: {junk}: not an orggraph store and not empty; give an empty or new folder",
        (
            graph,
            str(tmp_path / "s"),
            "rdflib",
        ): "Error: --store-dir keeps a pyoxigraph store; it does not go with --store rdflib",
    }
    for (g, folder, store), message in cases.items():
        result = runner.invoke(main, ["query", "leads", "-g", g, "--store-dir", folder, "--store", store])
        assert result.exit_code == 2
        assert result.stderr.strip() == message
    monkeypatch.chdir(tmp_path)
    empty = runner.invoke(main, ["load", "--store-dir", str(tmp_path / "new")])
    # No files and no store yet: the bundled plan's graph (the installation's copy outside the
    # repository), as without --store-dir.
    assert empty.exit_code == 0 and "Ban Tổ chức Tỉnh ủy" in empty.stdout
    assert (junk / "notes.txt").read_text("utf-8") == "mine\n"


def _view_data(page: Path) -> dict[str, Any]:
    found = re.search(
        r'<script type="application/json" id="orggraph-data">(.*?)</script>', page.read_text("utf-8")
    )
    assert found is not None
    return dict(json.loads(found.group(1)))


def test_large_views_are_cut_down_or_not_drawn_with_a_message(
    runner: CliRunner, tmp_path: Path, repo_root: Path, tiny_plan: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from orggraph.render import kit

    sources = _three_plans(tmp_path, repo_root, tiny_plan)
    graph = tmp_path / "all.nq"
    assert runner.invoke(main, ["build", *map(str, sources), "-o", str(graph), "-q"]).exit_code == 0
    # The limits, made small so that three plans pass them; the grouped layout takes over above 10 nodes.
    monkeypatch.setattr(kit, "VIEW_NODES_UP_TO", 20)
    monkeypatch.setattr(kit, "COORDINATION_BODIES_UP_TO", 20)
    monkeypatch.setattr(kit, "BODY_PAGES_UP_TO", 5)
    monkeypatch.setattr(kit, "FORCE_LAYOUT_UP_TO", 10)
    site = tmp_path / "site"
    result = runner.invoke(main, ["render", "-g", str(graph), "-o", str(site)])
    assert result.exit_code == 0, result.output
    coordination = _view_data(site / "views" / "coordination.html")
    bodies = [n for n in coordination["nodes"] if n["type"] == "body"]
    assert len(bodies) == 20
    home = (site / "index.html").read_text(encoding="utf-8")
    pages = re.search(r"Pages of their own for 5 of ([\d,]+) bodies \(those with the most tasks\)", home)
    assert pages and len(list((site / "views" / "body").rglob("*.html"))) == 5
    load_rows = runner.invoke(main, ["load", "-g", str(graph), "-f", "csv"]).stdout.strip().splitlines()
    assert int(pages.group(1).replace(",", "")) == len(load_rows) - 1
    total = len(coordination["nodes"])
    notes = " ".join(n["en"] for n in coordination["notes"])
    assert re.search(r"Showing 20 of (\d+) bodies: those with the most tasks", notes)
    kept = {n["id"] for n in bodies}
    assert all(e["from"] in kept and e["to"] in kept for e in coordination["edges"])
    assert total == 20 and all(abs(n["x"]) <= 1400 and abs(n["y"]) <= 1400 for n in bodies)
    # The responsibility view: the bodies with the most tasks, each with all its tasks, within 20 nodes.
    data = _view_data(site / "views" / "responsibility.html")
    shown = [n for n in data["nodes"] if n["type"] == "body"]
    assert 0 < len(shown) and len(data["nodes"]) <= 20
    note = " ".join(n["en"] for n in data["notes"])
    found = re.search(
        r"Showing (\d+) of (\d+) bodies \(those with the most tasks\) and (\d+) of (\d+) tasks", note
    )
    assert (
        found and int(found.group(1)) == len(shown) and int(found.group(3)) == len(data["nodes"]) - len(shown)
    )
    drawn = {n["id"] for n in data["nodes"]}
    assert all(e["from"] in drawn and e["to"] in drawn for e in data["edges"])
    tasks_of: dict[str, int] = {}
    for edge in data["edges"]:
        tasks_of[edge["from"]] = tasks_of.get(edge["from"], 0) + 1
    assert all(tasks_of.get(n["id"], 0) > 0 for n in shown)
    # The overlaps view holds at most 20 nodes too, and says where all of them are.
    overlaps = _view_data(site / "views" / "overlaps.html")
    assert len(overlaps["nodes"]) <= 20
    assert "all of them: exports/overlaps.xlsx." in " ".join(n["en"] for n in overlaps["notes"])
    assert (site / "exports" / "overlaps.xlsx").is_file()
    assert len(list((site / "views" / "body").rglob("*.html"))) == 5
    # Every link to a body's page leads to a page that exists.
    for node in bodies:
        if node["href"]:
            assert (site / "views" / node["href"]).is_file(), node["href"]
    # With every export left out (over 1 kB), the pages name the commands instead.
    monkeypatch.setattr(importlib.import_module("orggraph.publish"), "EXPORT_UP_TO", 1000)
    small = tmp_path / "small"
    assert runner.invoke(main, ["render", "-g", str(graph), "-o", str(small)]).exit_code == 0
    assert (
        not (small / "exports" / "overlaps.xlsx").exists() and not (small / "exports" / "load.csv").exists()
    )
    overlaps = _view_data(small / "views" / "overlaps.html")
    note = " ".join(n["en"] for n in overlaps["notes"])
    assert "all of them: orggraph overlaps --format xlsx -o overlaps.xlsx." in note
    timeline = (small / "views" / "timeline.html").read_text(encoding="utf-8")
    assert "the whole table: orggraph load --format csv -o load.csv." in timeline
    home = (small / "index.html").read_text(encoding="utf-8")
    assert 'href="exports/' not in home.replace('href="exports/all.nq"', "")


def test_render_one_plan_of_many(runner: CliRunner, tmp_path: Path, repo_root: Path, tiny_plan: str) -> None:
    sources = _three_plans(tmp_path, repo_root, tiny_plan)
    graph = tmp_path / "all.nt"
    assert runner.invoke(main, ["build", *map(str, sources), "-o", str(graph), "-q"]).exit_code == 0
    site = tmp_path / "site"
    result = runner.invoke(main, ["render", "-g", str(graph), "-o", str(site), "--plan", "25-KH/HU"])
    assert result.exit_code == 0, result.output
    coordination = _view_data(site / "views" / "coordination.html")
    ids = {n["id"] for n in coordination["nodes"]}
    # The district plan's three tasks name these six bodies and no others.
    assert ids == {
        BODY + "tuyen-quang/ham-yen/ban-to-chuc-huyen-uy",
        BODY + "tuyen-quang/ham-yen/van-phong-huyen-uy",
        BODY + "tuyen-quang/ham-yen/dang-uy-xa-tan-thanh",
        BODY + "tuyen-quang/ham-yen/ban-thuong-vu-huyen-uy",
        BODY + "tuyen-quang/ham-yen/ubnd-huyen",
        BODY + "tuyen-quang/ban-to-chuc-tinh-uy",
    }
    index = (site / "index.html").read_text("utf-8")
    assert "25-KH/HU" in index and "168-KH/TU" not in index
    ambiguous = runner.invoke(main, ["render", "-g", str(graph), "-o", str(site), "--plan", "nowhere"])
    assert ambiguous.exit_code == 2
    assert (
        ambiguous.stderr.strip() == "Error: no plan 'nowhere' in the graph (3 plans; give its IRI or number)"
    )


def test_tasks_of_two_plans_with_the_same_keys_count_apart(tmp_path: Path, tiny_plan: str) -> None:
    from orggraph.analyse.data import load_files
    from orggraph.analyse.projections import coworking

    (tmp_path / "a.txt").write_text(tiny_plan, "utf-8")
    (tmp_path / "b.txt").write_text(tiny_plan.replace("Số 12-KH/TU", "Số 13-KH/TU"), "utf-8")
    graph = tmp_path / "both.nt"
    CliRunner().invoke(main, ["build", str(tmp_path), "-o", str(graph), "-q"])
    data = load_files([graph])
    edge = coworking(data)[BODY + "ha-giang/ban-to-chuc-tinh-uy"][BODY + "ha-giang/van-phong-tinh-uy"]
    # In each plan the Commission leads I.1.1 with the Office, and the Office's I.2.1 names
    # the Commission as partner: two tasks a plan, the same keys in both plans, four in all.
    assert edge["weight"] == 4
    assert edge["tasks"] == ["I.1.1", "I.1.1", "I.2.1", "I.2.1"]
    assert [i.rsplit("/", 3)[-3] for i in edge["task_iris"]] == ["12-kh-tu-2018"] * 2 + ["13-kh-tu-2018"] * 2


def test_render_reads_a_graph_as_the_queries_do(
    runner: CliRunner, tmp_path: Path, repo_root: Path, tiny_plan: str
) -> None:
    """From a file of any name (--input-format), an on-disk store, or a SPARQL server: the same views."""
    from orggraph.query.server import free_port, read_only_server

    sources = _three_plans(tmp_path, repo_root, tiny_plan)
    graph = tmp_path / "all.nq"
    assert runner.invoke(main, ["build", *map(str, sources), "-o", str(graph), "-q"]).exit_code == 0
    renamed = tmp_path / "all.dat"
    renamed.write_bytes(graph.read_bytes())

    def views(*options: str) -> dict[str, bytes]:
        site = tmp_path / f"site{len(list(tmp_path.glob('site*')))}"
        result = runner.invoke(main, ["render", "-o", str(site), *options])
        assert result.exit_code == 0, result.output
        # Every page but the home page, whose downloads list the graph files given.
        pages = sorted(p for p in site.rglob("*.html") if p.name != "index.html")
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in pages}

    expected = views("-g", str(graph))
    assert "views/coordination.html" in expected and len(expected) > 10
    assert views("-g", str(renamed), "--input-format", "nquads") == expected
    store = tmp_path / "store"
    assert views("-g", str(graph), "--store-dir", str(store)) == expected
    assert views("--store-dir", str(store)) == expected  # reopened, nothing parsed
    with read_only_server([graph], free_port()) as url:
        assert views("--endpoint", url) == expected
    unnamed = runner.invoke(main, ["render", "-g", str(renamed), "-o", str(tmp_path / "bad")])
    assert unnamed.exit_code == 2 and "--input-format" in unnamed.stderr


def test_a_parallel_build_writes_the_same_bytes_as_one_worker(runner: CliRunner, tmp_path: Path) -> None:
    """--jobs 2 reads plans in two worker processes; every format comes out byte for byte as
    with one worker, plans in the order of the files, and the shared triples once, sorted, last."""
    from orggraph.synth import synth_corpus

    corpus = tmp_path / "corpus"
    synth_corpus(9, 7, corpus)
    for suffix in (".nq", ".trig", ".nt", ".ttl"):
        outputs = []
        for jobs in ("1", "2"):
            out = tmp_path / f"jobs{jobs}{suffix}"
            result = runner.invoke(main, ["build", str(corpus), "-o", str(out), "-q", "--jobs", jobs])
            assert result.exit_code == 0, result.output
            outputs.append(out.read_bytes())
        assert outputs[0] == outputs[1], suffix
    quads = list(ox.parse(path=str(tmp_path / "jobs2.nq"), format=ox.RdfFormat.N_QUADS))
    names = [getattr(q.graph_name, "value", "") for q in quads]
    order = list(dict.fromkeys(names))
    # Each plan's graph whole, in the order of the files (plan-00001 … plan-00009), then the
    # default graph: what plans share, once each, sorted.
    numbers = [int(re.search(r"/(\d+)-k", name).group(1)) for name in order[:-1]]  # type: ignore[union-attr]
    assert len(order) == 10 and order[-1] == "" and names == sorted(names, key=order.index)
    assert numbers == list(range(1, 10))
    lines = (tmp_path / "jobs2.nq").read_text(encoding="utf-8").splitlines()
    tail = lines[names.index("") :]
    assert tail == sorted(set(tail))


def test_shared_triples_are_merged_from_sorted_runs_on_disk() -> None:
    """The external sort: lines spilled in runs of three, runs merged two at a time into
    larger runs, given back once each, sorted."""
    import random

    from orggraph.batch import SharedTriples

    lines = [f"<s{n:03d}> <p> <o> ." for n in range(60)]
    given = random.Random(5).choices(lines, k=200)  # every line several times, in any order
    shared = SharedTriples(run_lines=3, fan_in=2)
    try:
        for start in range(0, len(given), 7):
            shared.add(given[start : start + 7])
            assert len(shared._runs) <= 2 * 10  # at most fan_in - 1 runs per level stay apart
        assert {level for level, _ in shared._runs} != {0}  # runs were merged into larger ones
        assert list(shared.lines()) == sorted(set(given))
    finally:
        shared.close()
    assert shared._folder is None


def test_a_plan_that_cannot_be_read_stops_a_parallel_build_and_writes_nothing(
    runner: CliRunner, tmp_path: Path
) -> None:
    from orggraph.synth import synth_corpus

    corpus = tmp_path / "corpus"
    synth_corpus(6, 3, corpus)
    (corpus / "plan-00004.txt").write_bytes(b"\xff\xfe\x00\xd8 not text")
    out = tmp_path / "all.nq"
    out.write_text("old\n", encoding="utf-8")
    result = runner.invoke(main, ["build", str(corpus), "-o", str(out), "--jobs", "2"])
    assert result.exit_code == 2
    assert "plan-00004.txt" in result.output and "Traceback" not in result.output
    assert out.read_text(encoding="utf-8") == "old\n"  # the old output, untouched


def test_the_whole_path_at_ten_thousand_triples(tmp_path: Path) -> None:
    """The smoke run of the scale path, at 10^4 triples: plans built on two workers, then
    the load table, the overlaps and who coordinates with whom, each asked of the file, of
    a store made and then reopened (answers kept), and of a real Oxigraph server over the
    same dataset and over the kept store: every way gives the same bytes."""
    from orggraph.query.server import free_port, read_only_server

    runner = CliRunner()
    texts = synth_corpus(11, 2018, tmp_path / "texts")
    dataset = tmp_path / "plans.nq"
    built = runner.invoke(main, ["build", *map(str, texts), "-o", str(dataset), "--jobs", "2", "-q"])
    assert built.exit_code == 0, built.output
    lines = dataset.read_text(encoding="utf-8").splitlines()
    assert 8_000 <= len(lines) <= 15_000
    commands = {"load": ["load"], "overlaps": ["overlaps"], "who": ["query", "who-coordinates"]}

    def answers(*source: str) -> dict[str, str]:
        found = {}
        for name, command in commands.items():
            result = runner.invoke(main, [*command, *source, "-f", "csv", "--timeout", "120"])
            assert result.exit_code == 0, (name, source, result.output)
            found[name] = result.stdout
        return found

    from_file = answers("-g", str(dataset))
    store = str(tmp_path / "store")
    assert answers("-g", str(dataset), "--store-dir", store) == from_file  # made
    assert answers("--store-dir", store) == from_file  # reopened: kept answers
    with read_only_server([dataset], free_port()) as url:
        assert answers("--endpoint", url) == from_file
    with read_only_server([], free_port(), store_dir=tmp_path / "store") as url:  # the kept store
        assert answers("--endpoint", url) == from_file
    # Counted apart from the analyses, in the N-Quads themselves: every lead the load table
    # counts is one og:lead statement (a task names each lead once).
    leads = sum(1 for line in lines if f"<{OG}lead>" in line)
    table = list(csv.DictReader(io.StringIO(from_file["load"])))
    assert sum(int(row["lead"]) for row in table) == leads > 0


def test_what_is_read_does_not_depend_on_the_order_a_store_answers_in(repo_root: Path) -> None:
    """Stores return rows in their own order (in memory, on disk, a server) unless asked for
    one.  With Plan 168's
    province given a second Vietnamese name (as when two plans spell it "Hoà"/"Hòa"), rows
    read forwards and backwards give the same records, plan descriptions and coordination view."""
    from orggraph.analyse.data import load_data
    from orggraph.analyse.load import coordination_load
    from orggraph.analyse.overlaps import find_overlaps
    from orggraph.analyse.plans import plan_info
    from orggraph.query.backends import RdflibBackend
    from orggraph.query.results import Results
    from orggraph.render.coordination import coordination_view
    from orggraph.render.kit import Site

    graph = load_graph(repo_root / "data" / "kh168.ttl")
    place = URIRef(str(ID) + "place/tuyen-quang")
    assert (place, SKOS.prefLabel, None) in graph
    graph.add((place, SKOS.prefLabel, Literal("tỉnh Tuyên Quang (tên khác)", lang="vi")))
    forwards = RdflibBackend.from_graph(graph)

    class Backwards:
        name = "backwards"

        def run(self, query: str) -> Results:
            found = forwards.run(query)
            # Rows backwards; where the query asks for an order, only rows that tie on it.
            ordered = re.search(r"ORDER BY ([?\w ]+)", query)
            names = re.findall(r"\?(\w+)", ordered.group(1)) if ordered else []
            if any(name not in found.variables for name in names):
                return found  # ties cannot be told apart here: as the store gave them
            keys = [found.variables.index(name) for name in names]
            groups: dict[tuple[Any, ...], list[Any]] = {}
            for row in found.rows:
                groups.setdefault(tuple(row[i] for i in keys), []).append(row)
            rows = [row for group in groups.values() for row in group[::-1]]
            return Results(found.variables, rows, found.boolean, found.turtle)

    def everything(backend: Any) -> tuple[Any, ...]:
        data = load_data(backend)
        load = coordination_load(data)
        view = coordination_view(Site(data, load, find_overlaps(data), {}))
        return data.tasks, data.bodies, plan_info(backend), load.rows, view.data

    first, second = everything(forwards), everything(Backwards())
    assert first == second
    assert {b.place for b in first[1].values()} >= {"https://w3id.org/orggraph/id/place/tuyen-quang"}


def test_build_adds_plans_to_a_kept_store_without_reloading_it(tmp_path: Path) -> None:
    """`build … --store-dir` makes the store, then adds later plans to it: the store answers as
    the files together do; a plan built again replaces its own graph, not the rest."""
    from orggraph.query.backends import OxigraphBackend

    runner = CliRunner()
    texts = synth_corpus(4, 2018, tmp_path / "texts")
    store = tmp_path / "store"
    first, second, every = tmp_path / "first.nq", tmp_path / "second.nq", tmp_path / "every.nq"
    made = runner.invoke(main, ["build", *map(str, texts[:3]), "-o", str(first), "--store-dir", str(store)])
    assert made.exit_code == 0, made.output
    assert f"made the store {store} from {first}" in made.stdout
    added = runner.invoke(main, ["build", str(texts[3]), "-o", str(second), "--store-dir", str(store)])
    assert added.exit_code == 0, added.output
    assert added.stdout.strip().endswith(f"added {second} to the store {store}")
    assert runner.invoke(main, ["build", *map(str, texts), "-o", str(every), "-q"]).exit_code == 0

    def answers(*source: str) -> list[str]:
        found = []
        for command in (["load"], ["overlaps"], ["query", "who-coordinates"]):
            result = runner.invoke(main, [*command, *source, "-f", "csv"])
            assert result.exit_code == 0, result.output
            found.append(result.stdout)
        return found

    assert answers("--store-dir", str(store)) == answers("-g", str(every))
    plans = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?p a og:Plan } }"
    assert len(OxigraphBackend([], store_dir=store).run(plans).rows) == 4  # (closed at once)
    # The fourth plan again, with a task's text changed: its graph is replaced, the rest stays.
    text = texts[3].read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("- ") and len(line) > 40)
    texts[3].write_text(text.replace(line, line + " (đã sửa)", 1), encoding="utf-8")
    again = runner.invoke(main, ["build", str(texts[3]), "-o", str(second), "--store-dir", str(store)])
    assert again.exit_code == 0, again.output
    assert again.stdout.strip().endswith("; 1 plan(s) it held replaced")
    kept = OxigraphBackend([], store_dir=store)
    assert kept.reopened and len(kept.run(plans).rows) == 4
    edited = kept.run('SELECT ?t WHERE { ?t og:text ?x FILTER (CONTAINS(?x, "(đã sửa)")) }')
    assert len(edited.rows) == 1
    del kept  # the store is open while this object lives
    assert runner.invoke(main, ["build", *map(str, texts), "-o", str(every), "-q"]).exit_code == 0
    assert answers("--store-dir", str(store)) == answers("-g", str(every))

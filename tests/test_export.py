"""Exports are read back by the libraries that other tools use; the published graph/ is fresh."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from orggraph.cli import main
from orggraph.publish import EXPORTS

ID = "https://w3id.org/orggraph/id/body/tuyen-quang/"


@pytest.fixture
def runner(repo_root: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(repo_root)
    return CliRunner()


@pytest.fixture(scope="module")
def published(published_site: Path) -> Path:
    return published_site / "exports"


def test_graphml_and_gexf_read_back(published: Path) -> None:
    graphml = nx.read_graphml(published / "responsibility.graphml")
    gexf = nx.read_gexf(published / "responsibility.gexf")
    tasks = [n for n, a in graphml.nodes(data=True) if a["kind"] == "task"]
    assert len(tasks) == 85 and graphml.number_of_nodes() == gexf.number_of_nodes()
    # A body that is both responsible and lead keeps both roles on one edge.
    task = next(n for n, a in graphml.nodes(data=True) if a.get("key") == "B.III.5.4")
    assert graphml[ID + "ban-to-chuc-tinh-uy"][task]["role"] == "lead; responsible"
    assert graphml.nodes[ID + "ban-to-chuc-tinh-uy"]["label_en"].startswith("Organisation Commission")
    # The Organisation Commission leads B.III.5.8, B.III.5.17 and B.IV.6 with the Office as partner;
    # the Office leads B.III.10.1 and B.III.10.2 with the Commission: direction kept, 3 + 2 tasks.
    coordination = nx.read_gexf(published / "coordination.gexf")
    assert coordination.is_directed()
    there = coordination[ID + "ban-to-chuc-tinh-uy"][ID + "van-phong-tinh-uy"]
    back = coordination[ID + "van-phong-tinh-uy"][ID + "ban-to-chuc-tinh-uy"]
    assert (there["weight"], there["tasks"]) == (3, "B.III.5.17; B.III.5.8; B.IV.6")
    assert (back["weight"], back["relation"]) == (2, "partner")
    # B.II.1.2: party committees report to "cấp có thẩm quyền" (the competent level).
    reports = coordination[ID + "cac-cap-uy-to-chuc-dang-lanh-dao-co-quan-don-vi"][ID + "cap-co-tham-quyen"]
    assert reports["relation"] == "reportsTo" and reports["tasks"] == "B.II.1.2"


def test_networks_carry_the_sites_picture_and_the_load(published: Path) -> None:
    gexf = nx.read_gexf(published / "responsibility.gexf")
    commission = gexf.nodes[ID + "ban-to-chuc-tinh-uy"]
    assert (commission["tasks"], commission["lead"], commission["betweenness"]) == (26, 12, 0.2264)
    # A party advisory body is orange (#E69F00) in the site; its size grows with its 26 tasks
    # (radius 8 + 4.5 x sqrt(26) = 30.9).
    assert commission["viz"]["color"] == {"r": 230, "g": 159, "b": 0, "a": 1.0}
    assert commission["viz"]["size"] == 30.9
    positions = {(a["viz"]["position"]["x"], a["viz"]["position"]["y"]) for _, a in gexf.nodes(data=True)}
    assert len(positions) == gexf.number_of_nodes()  # every node placed, no two on one spot
    graphml = nx.read_graphml(published / "responsibility.graphml")
    office = graphml.nodes[ID + "van-phong-tinh-uy"]
    assert (office["color"], office["tasks"], office["r"]) == ("#E69F00", 5, 230)
    assert isinstance(office["x"], float) and isinstance(office["size"], float)


def test_xlsx_one_header_row_an_excel_table_and_typed_cells(published: Path) -> None:
    book = load_workbook(published / "overlaps.xlsx")
    assert book.sheetnames == [
        "measures",
        "mirrors",
        "reciprocity",
        "lead_conflicts",
        "body_pairs",
        "general_specific",
    ]
    sheet = book["measures"]
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].value == "measure / biện pháp" and sheet["A2"].value != "biện pháp"
    (table,) = sheet.tables.values()  # an Excel table: each heading has its filter button
    assert table.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
    load = load_workbook(published / "load.xlsx")["load"]
    headings = [c.value for c in load[1]]
    # Names first, the IRI last; the kind in words; numbers as numbers.
    assert headings[:3] == [
        "name (Vietnamese) / tên",
        "name (English) / tên tiếng Anh",
        "kind / loại",
    ]
    assert headings[-1] == "body (IRI) / cơ quan (IRI)"
    assert [c.value for c in load[2]][:4] == [
        "Ban Tổ chức Tỉnh ủy",
        "Organisation Commission of the Provincial Party Committee",
        "cơ quan tham mưu, giúp việc của cấp ủy (party advisory body)",
        26,
    ]


def test_xlsx_and_csv_read_into_pandas_with_numeric_columns(published: Path) -> None:
    import pandas as pd

    sheet = pd.read_excel(published / "load.xlsx")
    assert len(sheet) == 25 and str(sheet["tasks with a role / số nhiệm vụ có vai trò"].dtype) == "int64"
    assert str(sheet["betweenness / độ trung gian"].dtype) == "float64"
    table = pd.read_csv(published / "load.csv")
    assert table.columns[0] == "body" and str(table["tasks"].dtype) == "int64"
    matrix = pd.read_excel(published / "responsibility-matrix.xlsx", sheet_name="matrix")
    assert len(matrix) == 85 and str(matrix["due / thời hạn"].dtype).startswith("datetime64")


def test_csv_files_start_with_a_byte_order_mark(published: Path) -> None:
    for name in (
        "load.csv",
        "measures.csv",
        "reciprocity.csv",
        "responsibility-matrix.csv",
        "nodes.csv",
        "edges.csv",
    ):
        assert (published / name).read_bytes().startswith(b"\xef\xbb\xbf"), name


def test_xlsx_is_dated_by_its_plan(published: Path) -> None:
    with zipfile.ZipFile(published / "load.xlsx") as archive:
        assert {info.date_time for info in archive.infolist()} == {(2018, 2, 18, 0, 0, 0)}
        assert b"2018-02-18T00:00:00Z</dcterms:modified>" in archive.read("docProps/core.xml")


def test_xlsx_of_several_plans_carries_no_date(tmp_path: Path) -> None:
    two = tmp_path / "two"
    two.mkdir()
    for name in ("kh168", "kh168-bis"):
        text = (Path(__file__).parent.parent / "data" / "kh168.txt").read_text("utf-8")
        (two / f"{name}.txt").write_text(text.replace("Số 168", "Số 169") if "bis" in name else text, "utf-8")
    graph = tmp_path / "two.nq"
    assert CliRunner().invoke(main, ["build", str(two), "-o", str(graph), "-q"]).exit_code == 0
    out = tmp_path / "load.xlsx"
    assert CliRunner().invoke(main, ["load", "-g", str(graph), "-f", "xlsx", "-o", str(out)]).exit_code == 0
    with zipfile.ZipFile(out) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert b"dcterms:modified" not in archive.read("docProps/core.xml")


def test_csv_and_json_read_back(published: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((published / "load.csv").read_text("utf-8-sig"))))
    office = next(r for r in rows if r["body"] == ID + "van-phong-tinh-uy")
    assert (office["responsible"], office["partner"], office["tasks"]) == ("2", "3", "5")
    document = json.loads((published / "overlaps.json").read_text("utf-8"))
    assert set(document) == {
        "measures",
        "mirrors",
        "reciprocity",
        "lead_conflicts",
        "body_pairs",
        "general_specific",
    }
    assert document["measures"]["columns"][0] == {"name": "measure", "en": "measure", "vi": "biện pháp"}
    assert any(r["tasks"] == "B.III.5.8, B.III.10.1" for r in document["measures"]["rows"])


def test_responsibility_matrix(published: Path) -> None:
    rows = list(csv.reader(io.StringIO((published / "responsibility-matrix.csv").read_text("utf-8-sig"))))
    names = rows[0]
    assert names[:4] == ["task / nhiệm vụ", "section / mục", "text / nội dung", "due / thời hạn"]
    assert names[4] == "Ban Tổ chức Tỉnh ủy"
    by_task = {r[0]: dict(zip(names, r, strict=True)) for r in rows[1:]}
    assert len(by_task) == 85
    propaganda_heads = by_task["B.III.5.4"]
    assert propaganda_heads["Ban Tổ chức Tỉnh ủy"] == "RL"
    assert propaganda_heads["Ban Tuyên giáo Tỉnh ủy"] == "P"
    assert propaganda_heads["due / thời hạn"] == "2018-12-31"  # "hoàn thành trong năm 2018"
    assert by_task["B.III.1.2"]["Ban Thường vụ Tỉnh ủy"] == "B"
    book = load_workbook(published / "responsibility-matrix.xlsx")
    # The first task, B.II.1.1, is to be done "hoàn thành trong tháng 01/2018": a date cell.
    assert book["matrix"].max_row == 86 and book["matrix"]["A2"].value == "B.II.1.1"
    assert book["matrix"]["D2"].is_date and book["matrix"]["D2"].value.date().isoformat() == "2018-01-31"
    bodies = [[c.value for c in row] for row in book["bodies"].iter_rows(min_row=2)]
    assert bodies[0][0] == "Ban Tổ chức Tỉnh ủy" and bodies[0][3] == ID + "ban-to-chuc-tinh-uy"


def test_nodes_and_edges(published: Path) -> None:
    nodes = list(csv.DictReader(io.StringIO((published / "nodes.csv").read_text("utf-8-sig"))))
    edges = list(csv.DictReader(io.StringIO((published / "edges.csv").read_text("utf-8-sig"))))
    assert {"id", "kind", "label"} <= set(nodes[0])
    assert {"source", "target", "role"} <= set(edges[0])
    assert sum(1 for n in nodes if n["kind"] == "task") == 85


def test_analysis_rdf_answers_sparql(repo_root: Path, published: Path) -> None:
    from orggraph.query import open_backend

    backend = open_backend([repo_root / "data" / "kh168.ttl", published.parent / "analysis.ttl"])
    mirrors = backend.run(
        'SELECT ?key WHERE { ?t dcterms:identifier "B.III.10.1" ; og:mirrors ?m . '
        "?m dcterms:identifier ?key }"
    )
    assert mirrors.values("key") == ["B.III.5.8"]
    count = backend.run("SELECT (COUNT(?m) AS ?n) WHERE { ?m a og:Measure }")
    assert count.values("n") == ["19"]
    conflicts = backend.run("SELECT ?m WHERE { ?m og:leadCount ?n FILTER (?n > 1) }")
    assert len(conflicts.rows) == 2


def test_committed_outputs_are_fresh(repo_root: Path, published: Path) -> None:
    """graph/exports/ and data/kh168-analysis.ttl are what `make demo` writes today."""
    stale = []
    for name in EXPORTS:
        fresh, committed = published / name, repo_root / "graph" / "exports" / name
        if fresh.read_bytes() != committed.read_bytes():
            stale.append(name)
    if (published.parent / "analysis.ttl").read_bytes() != (
        repo_root / "data" / "kh168-analysis.ttl"
    ).read_bytes():
        stale.append("data/kh168-analysis.ttl")
    assert not stale, f"stale published files (run `make demo`): {stale}"


# ---------------------------------------------------------------- the commands


def test_load_command_formats(runner: CliRunner, tmp_path: Path) -> None:
    text = runner.invoke(main, ["load", "--lang", "en"])
    assert text.exit_code == 0 and "Coordination load per body" in text.stdout
    assert "body_vi" not in text.stdout.splitlines()[1]
    out = tmp_path / "load.json"
    assert runner.invoke(main, ["load", "--format", "json", "-o", str(out)]).exit_code == 0
    assert json.loads(out.read_text("utf-8"))["load"]["rows"][0]["body_vi"] == "Ban Tổ chức Tỉnh ủy"
    md = runner.invoke(main, ["load", "--format", "md"])
    assert md.stdout.splitlines()[2].startswith("| body (IRI) | name (Vietnamese) |")


def test_xlsx_needs_a_file(runner: CliRunner) -> None:
    result = runner.invoke(main, ["load", "--format", "xlsx"])
    assert result.exit_code == 2 and "xlsx needs a file" in result.stderr


def test_overlaps_command(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["overlaps", "--table", "reciprocity", "--format", "csv"])
    assert result.exit_code == 0
    assert result.stdout.startswith("body,body_vi,body_en,partner,partner_vi,partner_en,task,")
    evaluation = runner.invoke(main, ["overlaps", "--evaluate", "data/kh168-measures.toml"])
    assert "measures: precision 1.000 (28/28), recall 1.000 (28/28)" in evaluation.stdout
    assert "general vs specific: precision 1.000 (5/5), recall 0.556 (5/9)" in evaluation.stdout
    several = runner.invoke(
        main, ["overlaps", "--format", "csv", "--table", "measures", "--table", "mirrors"]
    )
    assert several.exit_code == 2 and "CSV holds one table" in several.stderr


def test_export_command(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "leads.graphml"
    result = runner.invoke(main, ["export", "--format", "graphml", "--network", "leads", "-o", str(out)])
    assert result.exit_code == 0
    leads = nx.read_graphml(out)
    assert leads.is_directed() and leads.has_edge(ID + "ban-to-chuc-tinh-uy", ID + "ban-tuyen-giao-tinh-uy")
    jsonld = tmp_path / "kh168.jsonld"
    assert runner.invoke(main, ["export", "--format", "jsonld", "-o", str(jsonld)]).exit_code == 0
    from rdflib import Graph

    parsed = Graph().parse(jsonld, format="json-ld")
    assert len(parsed) == len(Graph().parse("data/kh168.ttl")) > 2000


def test_failed_export_leaves_the_old_file(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "network.gexf"
    out.write_text("old", "utf-8")
    result = runner.invoke(
        main, ["export", "--format", "gexf", "--graph", str(tmp_path / "missing.ttl"), "-o", str(out)]
    )
    assert result.exit_code == 2 and "no such file" in result.stderr
    assert out.read_text("utf-8") == "old"
    into_nowhere = runner.invoke(
        main, ["export", "--format", "gexf", "-o", str(tmp_path / "no" / "dir.gexf")]
    )
    assert into_nowhere.exit_code == 2 and "does not exist" in into_nowhere.stderr

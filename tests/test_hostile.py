"""Graphs are inputs too: a graph someone else made must not make orggraph read or write a file
the user did not name (issue "Hardening", defects 1 and 2)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from orggraph.cli import main

sys.path.insert(0, str(Path(__file__).parent))
from hostile import write_hostile_graph  # noqa: E402

ROOT = Path(__file__).parent.parent
GRAPH = (ROOT / "data" / "kh168.ttl").read_text(encoding="utf-8")


def test_a_graph_naming_a_file_outside_does_not_put_it_in_the_site(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("MẬT KHẨU: hunter2\n", encoding="utf-8")
    lines = [line for line in GRAPH.split("\n") if "og:sourceSha256" not in line]
    leak = "\n".join(lines).replace('og:sourceName "data/kh168.txt" ;', f'og:sourceName "{secret}" .')
    assert str(secret) in leak
    (tmp_path / "leak.ttl").write_text(leak, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["render", "-g", str(tmp_path / "leak.ttl"), "-o", str(tmp_path / "site")]
    )
    assert result.exit_code == 0, result.output
    for page in (tmp_path / "site").rglob("*"):
        if page.is_file():
            assert b"hunter2" not in page.read_bytes(), page


@pytest.mark.parametrize("name", ["../../secret.txt", "data/../../../secret.txt"])
def test_a_relative_name_leading_out_is_not_read_even_with_its_digest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    import hashlib

    secret = tmp_path / "secret.txt"
    secret.write_text("hunter2\n", encoding="utf-8")
    digest = hashlib.sha256(b"hunter2\n").hexdigest()
    work = tmp_path / "a" / "b"
    (work / "data").mkdir(parents=True)
    graph = GRAPH.replace('og:sourceName "data/kh168.txt" ;', f'og:sourceName "{name}" ;')
    start = graph.index('og:sourceSha256 "') + len('og:sourceSha256 "')
    graph = graph[:start] + digest + graph[graph.index('"', start) :]
    (work / "g.ttl").write_text(graph, encoding="utf-8")
    monkeypatch.chdir(work)  # the folder render looks for sources in
    result = CliRunner().invoke(main, ["render", "-g", "g.ttl", "-o", "site"])
    assert result.exit_code == 0, result.output
    assert not any(b"hunter2" in p.read_bytes() for p in (work / "site").rglob("*") if p.is_file())


def test_iris_with_dot_segments_never_write_outside_the_site(tmp_path: Path) -> None:
    hostile = GRAPH.replace("id/body/tuyen-quang/van-phong-tinh-uy", "id/body/../../../escaped-page")
    hostile = hostile.replace("id/plan/tuyen-quang/168-kh-tu-2018", "id/plan/../../../escaped-plan")
    (tmp_path / "t.ttl").write_text(hostile, encoding="utf-8")
    site = tmp_path / "out" / "site"
    result = CliRunner().invoke(main, ["render", "-g", str(tmp_path / "t.ttl"), "-o", str(site)])
    assert result.exit_code == 0, result.output
    outside = [p for p in tmp_path.rglob("*") if p.is_file() and site not in p.parents and p.name != "t.ttl"]
    assert outside == []
    # The hostile body still has its page, under names made safe from the IRI's segments.
    assert any(
        "escaped-page" in p.name and "/x-" in p.as_posix() for p in (site / "views" / "body").rglob("*.html")
    )


def test_formula_and_control_characters_in_labels_are_inert(tmp_path: Path) -> None:
    import xml.dom.minidom

    import openpyxl

    hostile = GRAPH.replace('"Văn phòng Tỉnh ủy"@vi', '"Văn phòng\\u0000 Tỉnh ủy\\u001b[31m"@vi').replace(
        '"Ban Tổ chức Tỉnh ủy"@vi', '"=HYPERLINK(\\"http://x\\",\\"click\\")"@vi'
    )
    graph = tmp_path / "t.ttl"
    graph.write_text(hostile, encoding="utf-8")
    runner = CliRunner()
    for args in (
        ["export", "-g", str(graph), "-f", "matrix-xlsx", "-o", str(tmp_path / "m.xlsx")],
        ["export", "-g", str(graph), "-f", "matrix-csv", "-o", str(tmp_path / "m.csv")],
        ["export", "-g", str(graph), "-f", "graphml", "-o", str(tmp_path / "r.graphml")],
        ["export", "-g", str(graph), "-f", "gexf", "-o", str(tmp_path / "r.gexf")],
        ["render", "-g", str(graph), "-o", str(tmp_path / "site")],
    ):
        result = runner.invoke(main, args)
        assert result.exit_code == 0, (args, result.output)
    sheet = openpyxl.load_workbook(tmp_path / "m.xlsx").active
    headers = [cell for cell in sheet[1] if cell.value and "HYPERLINK" in str(cell.value)]
    assert headers and all(cell.data_type == "s" for cell in headers)  # text, not a formula
    assert "Văn phòng Tỉnh ủy[31m" in [cell.value for cell in sheet[1]]
    csv_text = (tmp_path / "m.csv").read_text(encoding="utf-8")
    assert "\"'=HYPERLINK(" in csv_text and "\x00" not in csv_text and "\x1b" not in csv_text
    for name in ("r.graphml", "r.gexf"):
        xml.dom.minidom.parse(str(tmp_path / name))  # well-formed


def test_a_nul_in_a_plan_text_is_dropped_not_read(tmp_path: Path) -> None:
    from orggraph.pipeline import read_plan

    text = (ROOT / "data" / "kh168.txt").read_text(encoding="utf-8")
    (tmp_path / "nul.txt").write_text(
        "\x00" + text.replace("Ban Tổ chức", "Ban Tổ\x00 chức", 1), encoding="utf-8"
    )
    plan = read_plan(tmp_path / "nul.txt", source_name="kh168.txt")
    original = read_plan(ROOT / "data" / "kh168.txt", source_name="kh168.txt")
    assert plan.jurisdiction_vi == "Tuyên Quang"
    assert [(t.key, t.responsible, t.lead) for t in plan.tasks] == [
        (t.key, t.responsible, t.lead) for t in original.tasks
    ]


def test_an_output_path_that_cannot_be_written_is_one_line_exit_2(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    for args in (
        ["build", str(ROOT / "data" / "kh168.txt"), "-o", str(blocker / "out.ttl")],
        ["export", "-f", "gexf", "-g", str(ROOT / "data" / "kh168.ttl"), "-o", str(blocker / "g.gexf")],
        ["export", "-f", "nodes-edges", "-g", str(ROOT / "data" / "kh168.ttl"), "-o", str(blocker / "ne")],
    ):
        result = CliRunner().invoke(main, args)
        lines = result.output.strip().splitlines()
        assert result.exit_code == 2 and len(lines) == 1 and lines[0].startswith("Error: "), result.output
        assert "a-file" in lines[0] and "Traceback" not in result.output
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_a_render_replaces_the_site_whole_and_a_failed_one_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import orggraph.render

    site = tmp_path / "site"
    runner = CliRunner()
    assert runner.invoke(main, ["render", "-o", str(site)]).exit_code == 0
    (site / "views" / "stale-from-an-earlier-render.html").write_text("old", encoding="utf-8")
    assert runner.invoke(main, ["render", "-o", str(site)]).exit_code == 0
    assert not (site / "views" / "stale-from-an-earlier-render.html").exists()
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}

    real = orggraph.render.render_site

    def dies_half_way(folder, *args, **kwargs):  # type: ignore[no-untyped-def]
        (Path(folder) / "index.html").write_text("half", encoding="utf-8")
        raise KeyboardInterrupt  # as a Ctrl-C half-way through the pages

    monkeypatch.setattr(orggraph.render, "render_site", dies_half_way)
    result = runner.invoke(main, ["render", "-o", str(site)])
    assert result.exit_code != 0
    monkeypatch.setattr(orggraph.render, "render_site", real)
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before  # the old site, whole
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no half-written folder left beside it


@pytest.mark.parametrize("output", [".", "data"])
def test_a_site_never_replaces_a_folder_holding_its_inputs(
    output: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["render", "-g", "data/kh168.ttl", "-o", output])
    lines = result.output.strip().splitlines()
    assert result.exit_code == 2 and len(lines) == 1 and "render into a folder of its own" in lines[0]
    assert (ROOT / "data" / "kh168.ttl").is_file()


def test_outputs_are_the_same_under_every_hash_seed_on_a_synthetic_corpus(tmp_path: Path) -> None:
    import hashlib
    import os
    import subprocess
    import sys

    orggraph = [sys.executable, "-m", "orggraph"]
    subprocess.run(
        [*orggraph, "synth", "--plans", "8", "--seed", "7", "-o", str(tmp_path / "syn")],
        check=True,
        capture_output=True,
    )
    graph = str(tmp_path / "syn.nq")
    subprocess.run(
        [*orggraph, "build", str(tmp_path / "syn"), "-o", graph, "-q"], check=True, capture_output=True
    )

    def outputs(seed: str) -> dict[str, str]:
        """Every output of every command, as digests, with Python's hash seed set to ``seed``."""
        out = tmp_path / f"seed-{seed}"
        out.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed}
        runs = [
            ["build", str(tmp_path / "syn"), "-o", str(out / "syn.nq"), "-q"],
            ["build", str(tmp_path / "syn"), "-o", str(out / "syn.ttl"), "-q"],
            ["load", "-g", graph, "-f", "json", "-o", str(out / "load.json")],
            [
                "overlaps",
                "-g",
                graph,
                "-f",
                "json",
                "-o",
                str(out / "overlaps.json"),
                "--rdf",
                str(out / "o.ttl"),
            ],
            ["query", "who-coordinates", "-g", graph, "-f", "csv", "-o", str(out / "who.csv")],
            ["export", "-g", graph, "-f", "gexf", "--network", "coordination", "-o", str(out / "c.gexf")],
            ["export", "-g", graph, "-f", "graphml", "-o", str(out / "r.graphml")],
            ["export", "-g", graph, "-f", "matrix-xlsx", "-o", str(out / "m.xlsx")],
            ["export", "-g", graph, "-f", "nodes-edges", "--network", "similarity", "-o", str(out / "ne")],
            ["render", "-g", graph, "-o", str(out / "site")],
        ]
        for args in runs:
            subprocess.run([*orggraph, *args], check=True, capture_output=True, env=env, cwd=tmp_path)
        return {
            str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*"))
            if p.is_file()
        }

    first = outputs("0")
    assert len(first) > 40  # the site's pages and exports, and each command's file
    again = outputs("5")
    assert again == first, sorted(k for k in first if first[k] != again.get(k))


def test_ill_typed_literals_give_findings_not_tracebacks(tmp_path: Path) -> None:
    import re

    hostile = re.sub(r"og:sourceStart (\d+) ;", 'og:sourceStart "zero"^^xsd:integer ;', GRAPH)
    graph = tmp_path / "t.ttl"
    graph.write_text(hostile, encoding="utf-8")
    runner = CliRunner()
    for args, code in (
        (["load", "-g", str(graph)], 0),
        (["overlaps", "-g", str(graph)], 0),
        (["export", "-f", "gexf", "-g", str(graph), "-o", str(tmp_path / "g.gexf")], 0),
        (["render", "-g", str(graph), "-o", str(tmp_path / "site")], 0),
        (["validate", str(graph)], 1),  # the shapes find the ill-typed offsets
    ):
        result = runner.invoke(main, args)
        assert result.exit_code == code and "Traceback" not in result.output, (args, result.output[-300:])
        assert result.exception is None or isinstance(result.exception, SystemExit), args


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["overlaps", "--measure-threshold", "nan"], "is not a number from 0 to 1"),
        (["load", "--top", "-3"], "-3 is not in the range x>=1"),
        (["serve", "--port", "99999"], "99999 is not in the range 0<=x<=65535"),
        (["query", "partners", "--body", "x" * 60_000], "a body name of 60,000 characters"),
    ],
)
def test_option_values_out_of_range_are_refused(args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and message in result.output and len(result.output) < 1000


def test_validate_says_when_a_graph_holds_no_plan(tmp_path: Path) -> None:
    empty = tmp_path / "empty.ttl"
    empty.write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(empty)])
    assert result.exit_code == 2 and "holds no plan" in result.output


def test_build_writes_the_format_asked_for(tmp_path: Path) -> None:
    out = tmp_path / "x.nt"
    result = CliRunner().invoke(
        main, ["build", str(ROOT / "data" / "kh168.txt"), "-o", str(out), "--format", "turtle", "-q"]
    )
    assert result.exit_code == 0 and out.read_text(encoding="utf-8").startswith("@prefix ")


def test_a_plan_input_that_is_not_a_regular_file_is_refused(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)
    result = CliRunner().invoke(main, ["build", str(fifo), "-o", str(tmp_path / "x.ttl")])
    assert result.exit_code == 2 and "not a regular file" in result.output


def test_replacing_an_output_keeps_its_link_and_its_mode(tmp_path: Path) -> None:
    import os

    real = tmp_path / "real.ttl"
    real.write_text("old", encoding="utf-8")
    os.chmod(real, 0o600)
    link = tmp_path / "link.ttl"
    link.symlink_to(real)
    result = CliRunner().invoke(main, ["build", str(ROOT / "data" / "kh168.txt"), "-o", str(link), "-q"])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("@prefix")
    assert real.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary left


def test_terminal_escapes_in_labels_never_reach_the_terminal(tmp_path: Path) -> None:
    hostile = GRAPH.replace(
        '"Văn phòng Tỉnh ủy"@vi', '"Văn phòng Tỉnh ủy\\u001b]0;pwned\\u0007\\u001b[2J"@vi'
    )
    (tmp_path / "t.ttl").write_text(hostile, encoding="utf-8")
    for args in (["load", "-g", str(tmp_path / "t.ttl")], ["query", "leads", "-g", str(tmp_path / "t.ttl")]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0 and "\x1b" not in result.output and "\x07" not in result.output, args


def test_cr_only_line_ends_read_as_lines(tmp_path: Path) -> None:
    from orggraph.pipeline import read_plan

    text = (ROOT / "data" / "kh168.txt").read_text(encoding="utf-8")
    (tmp_path / "cr.txt").write_bytes(text.replace("\n", "\r").encode("utf-8"))
    plan = read_plan(tmp_path / "cr.txt", source_name="kh168.txt")
    original = read_plan(ROOT / "data" / "kh168.txt", source_name="kh168.txt")
    assert [(t.key, t.lead, t.partner) for t in plan.tasks] == [
        (t.key, t.lead, t.partner) for t in original.tasks
    ]


@pytest.mark.parametrize("url", ["http://[::1/query", "ftp://example.org/sparql", "not a url"])
def test_a_malformed_endpoint_is_refused_before_any_request(url: str) -> None:
    result = CliRunner().invoke(main, ["query", "leads", "--endpoint", url])
    assert result.exit_code == 2 and "--endpoint" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda plan: (ROOT / "README.md").read_text(encoding="utf-8"),
            "% of its words are Vietnamese (plans have over 80%",
        ),
        (
            lambda plan: plan.encode("utf-8").decode("cp1252", errors="replace"),
            "garbled Vietnamese (mojibake",
        ),
        (lambda plan: plan.encode("utf-8").decode("latin-1"), "garbled Vietnamese (mojibake"),
        (
            lambda plan: "Ghi chép\n\n1. Hôm nay trời đẹp, chúng tôi đi dạo bên hồ.\n2. Buổi tối đọc sách.\n",
            "not a plan: no document number or date of issue",
        ),
    ],
    ids=["english-readme", "mojibake-cp1252", "mojibake-latin1", "vietnamese-prose"],
)
def test_a_text_that_is_not_a_plan_is_refused_and_the_graph_kept(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "input.txt"
    source.write_text(make((ROOT / "data" / "kh168.txt").read_text(encoding="utf-8")), encoding="utf-8")
    graph = tmp_path / "good.ttl"
    graph.write_text(GRAPH, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(graph)])
    lines = result.output.strip().splitlines()
    assert result.exit_code == 2 and len(lines) == 1 and message in lines[0], result.output
    assert graph.read_text(encoding="utf-8") == GRAPH


def test_a_huge_label_is_cut_for_display_and_outputs_stay_bounded(tmp_path: Path) -> None:
    from orggraph.text import NAME_LIMIT

    huge = "Văn phòng Tỉnh ủy " * 60_000  # about 1 MB, one body's name
    graph = tmp_path / "t.ttl"
    graph.write_text(GRAPH.replace('"Văn phòng Tỉnh ủy"@vi', f'"{huge}"@vi'), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["render", "-g", str(graph), "-o", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    written = {p: p.stat().st_size for p in (tmp_path / "site").rglob("*") if p.is_file()}
    copy = tmp_path / "site" / "exports" / "t.ttl"  # the input, published as it was given
    assert sum(size for p, size in written.items() if p != copy) < 4_000_000  # ~2.6 MB for the plan as built
    page = (tmp_path / "site" / "views" / "body" / "tuyen-quang" / "van-phong-tinh-uy.html").read_text(
        encoding="utf-8"
    )
    assert (huge[: NAME_LIMIT - 1] + "…") in page and huge[:NAME_LIMIT] not in page
    for args in (
        ["load", "-g", str(graph)],
        ["query", "partners", "--body", "ban to chuc", "-g", str(graph)],
    ):
        result = runner.invoke(main, args)
        assert result.exit_code == 0 and len(result.output) < 20_000, args


def _every_command(graph: str, out: Path) -> list[tuple[list[str], tuple[int, ...]]]:
    """Every command that reads a graph, each output format, each canned question."""
    runs: list[tuple[list[str], tuple[int, ...]]] = [(["validate", graph], (1,))]  # ill-typed literals
    for fmt in ("table", "csv", "json", "xlsx", "md"):
        runs.append((["load", "-g", graph, "-f", fmt, "-o", str(out / f"load.{fmt}")], (0,)))
        runs.append(
            (
                [
                    "overlaps",
                    "-g",
                    graph,
                    "-f",
                    fmt,
                    "-o",
                    str(out / f"overlaps.{fmt}"),
                    "--rdf",
                    str(out / "o.ttl"),
                ],
                (0,),
            )
        )
    runs.append((["load", "-g", graph, "--lang", "en"], (0,)))
    runs.append((["overlaps", "-g", graph, "--max-width", "0"], (0,)))
    from orggraph.query import canned_queries

    params = {"body": ["--body", "văn phòng"], "by": ["--by", "2019-01-01"], "year": ["--year", "2018"]}
    for query in canned_queries().values():
        extra = [arg for p in query.params for arg in params[p]]
        # A body name that matches nothing, or several, is a usage error (2): both are answers.
        runs.append((["query", query.name, "-g", graph, *extra, "--max-width", "0"], (0, 2)))
        runs.append(
            (
                [
                    "query",
                    query.name,
                    "-g",
                    graph,
                    *extra,
                    "-f",
                    "json",
                    "-o",
                    str(out / f"{query.name}.json"),
                ],
                (0, 2),
            )
        )
    suffixes = {"graphml": ".graphml", "gexf": ".gexf", "jsonld": ".jsonld", "matrix-csv": ".csv"}
    for fmt in ("graphml", "gexf", "jsonld", "matrix-csv", "matrix-xlsx", "nodes-edges"):
        for network in ("responsibility", "coordination", "leads", "similarity"):
            target = out / f"{fmt}-{network}{suffixes.get(fmt, '.xlsx' if fmt == 'matrix-xlsx' else '')}"
            runs.append((["export", "-g", graph, "-f", fmt, "--network", network, "-o", str(target)], (0,)))
    runs.append((["render", "-g", graph, "-o", str(out / "site")], (0,)))
    runs.append((["report", "-g", graph, "-o", str(out / "report.html")], (0,)))
    return runs


def test_a_hostile_graph_through_every_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import xml.dom.minidom

    import openpyxl

    graph = write_hostile_graph(tmp_path)
    work, out = tmp_path / "work", tmp_path / "out"
    work.mkdir()
    out.mkdir()
    monkeypatch.chdir(work)  # a command that wrote beside the working folder would show here
    runner = CliRunner()
    for args, codes in _every_command(str(graph), out):
        result = runner.invoke(main, args)
        assert result.exit_code in codes, (args, result.output[-500:])
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
        assert "Traceback" not in result.output and "\x1b" not in result.output, args
        assert len(result.output) < 200_000, args  # the huge name is cut for display
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hostile.ttl", "out", "work"]
    assert list(work.iterdir()) == []
    assert b"root:x:0:0" not in b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    for path in out.rglob("*"):
        if path.suffix in (".graphml", ".gexf"):
            xml.dom.minidom.parse(str(path))  # well-formed, control characters gone
        if path.suffix == ".xlsx":
            for sheet in openpyxl.load_workbook(path).worksheets:
                assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row), path


def test_an_unknown_recurrence_is_no_recurrence(tmp_path: Path) -> None:
    """Found by tests/test_properties.py: og:recurrence "0" (not one of og:Annual … og:Continuous)
    crashed render with KeyError('0')."""
    hostile = GRAPH.replace("og:recurrence og:Annual", 'og:recurrence "0"', 1)
    assert hostile != GRAPH
    (tmp_path / "t.ttl").write_text(hostile, encoding="utf-8")
    result = CliRunner().invoke(main, ["render", "-g", str(tmp_path / "t.ttl"), "-o", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output

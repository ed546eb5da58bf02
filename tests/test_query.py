"""orggraph query: canned questions with rows checked against the plan, own queries, formats, errors."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from orggraph.cli import main
from orggraph.errors import QueryError, UsageError
from orggraph.query import Backend, Results, canned_queries, open_backend, run_canned, run_query

KH168 = Path("data/kh168.ttl")


@pytest.fixture(scope="module")
def oxigraph(repo_root: Path) -> Backend:
    return open_backend([repo_root / KH168], store="oxigraph")


@pytest.fixture(scope="module")
def rdflib_store(repo_root: Path) -> Backend:
    return open_backend([repo_root / KH168], store="rdflib")


@pytest.fixture
def runner(repo_root: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(repo_root)
    return CliRunner()


def rows(results: Results, *names: str) -> list[tuple[str | None, ...]]:
    columns = [results.values(name) for name in names]
    return list(zip(*columns, strict=True))


def key(iri: str | None) -> str:
    assert iri is not None
    return iri.rsplit("/", 1)[-1]


# ---------------------------------------------------------------- canned questions, rows read off the plan


def test_who_coordinates(oxigraph: Backend) -> None:
    result = run_canned(oxigraph, "who-coordinates")
    pairs = {
        (key(a), key(b)): (int(t or 0), int(led or 0))
        for a, b, t, led in rows(result, "a", "b", "tasks", "led")
    }
    assert len(pairs) == 23
    # Organisation Commission and Office: III.5.8, III.5.17, IV.6 (the Commission leads) + III.10.1, III.10.2.
    assert pairs[("ban-to-chuc-tinh-uy", "van-phong-tinh-uy")] == (5, 3)
    # The district propaganda heads (III.5.4): the Commission leads, Propaganda and Education partners.
    assert pairs[("ban-to-chuc-tinh-uy", "ban-tuyen-giao-tinh-uy")] == (1, 1)
    # The People's Council and People's Committee delegations name each other on the office
    # merger (III.1.1, III.2.6).
    assert pairs[("ban-can-su-dang-ubnd-tinh", "dang-doan-hdnd-tinh")] == (2, 0)
    top = rows(result, "a_vi", "b_vi", "tasks")[0]
    assert top == ("Ban Tổ chức Tỉnh ủy", "các cơ quan liên quan", "7")


def test_partners_of_the_office(oxigraph: Backend) -> None:
    result = run_canned(oxigraph, "partners", body="Văn phòng Tỉnh ủy")
    assert rows(result, "other_vi", "tasks", "as_partner") == [
        ("Ban Tổ chức Tỉnh ủy", "5", "3"),
        ("các cơ quan liên quan", "2", "0"),
    ]


def test_tasks_of_the_propaganda_commission(oxigraph: Backend) -> None:
    result = run_canned(oxigraph, "tasks", body="ban tuyen giao")
    got = [(key(t), role) for t, role in rows(result, "task", "role")]
    assert got == [
        ("B.III.5.4", "partner"),
        ("B.III.7.1", "responsible"),
        ("B.III.7.2", "responsible"),
        ("B.III.7.3", "responsible"),
    ]
    first = rows(result, "section", "due", "timeframe")[0]
    assert first == ("B.III.5", "2018-12-31", "hoàn thành trong năm 2018")


def test_leads(oxigraph: Backend) -> None:
    result = run_canned(oxigraph, "leads")
    assert len(result.rows) == 20
    assert result.values("body_vi").count("Ban Tổ chức Tỉnh ủy") == 12


def test_reports_to(oxigraph: Backend) -> None:
    result = run_canned(oxigraph, "reports-to")
    targets = [key(t) for t in result.values("target")]
    assert len(targets) == 13
    assert targets.count("ban-thuong-vu-tinh-uy") == 9
    assert targets.count("cap-co-tham-quyen") == 2
    assert ("ban-chi-dao-cap-tinh", "B.IV.6") in [(key(t), key(k)) for t, k in rows(result, "target", "task")]


def test_due_by_end_of_2018(oxigraph: Backend) -> None:
    result = run_canned(oxigraph, "due", by=dt.date(2018, 12, 31))
    tasks = [key(t) for t in result.values("task")]
    # III.11.1 has two responsible bodies, hence two rows.
    assert tasks == [
        "B.II.1.1",
        "B.II.1.2",
        "B.III.4.1",
        "B.III.5.1",
        "B.III.5.4",
        "B.III.5.10",
        "B.III.8.1",
        "B.III.11.1",
        "B.III.11.1",
    ]
    assert result.values("due")[0] == "2018-01-31"


def test_from_2021(oxigraph: Backend) -> None:
    result = run_canned(oxigraph, "from", year=2021)
    assert [key(t) for t in result.values("task")] == ["B.III.4.11", "B.III.5.14"]


def test_recurring(oxigraph: Backend) -> None:
    result = run_canned(oxigraph, "recurring")
    annual = sorted({key(t) for t, r in rows(result, "task", "recurrence") if r == "annual"})
    assert annual == ["B.II.2.8", "B.III.10.2", "B.III.5.17", "B.III.6.1", "B.III.6.2"]
    assert len(result.rows) == 18


def test_conditional(oxigraph: Backend) -> None:
    result = run_canned(oxigraph, "conditional")
    assert [key(t) for t in result.values("task")] == [
        "B.III.5.3",
        "B.III.5.15",
        "B.III.5.16",
        "B.III.8.3",
        "B.III.9.1",
    ]
    assert result.values("condition")[1] == "sau khi Bộ Chính trị ban hành quy định"


def test_named_only(oxigraph: Backend) -> None:
    result = run_canned(oxigraph, "named-only")
    assert [(key(b), n) for b, n in rows(result, "body", "as_partner")] == [
        ("cac-co-quan-lien-quan", "16"),
        ("doan-dbqh-tinh", "3"),
        ("cac-co-quan-tham-muu-don-vi-su-nghiep-tinh-uy", "1"),
    ]


def test_directives(oxigraph: Backend) -> None:
    result = run_canned(oxigraph, "directives")
    cited = [identifier for identifier in result.values("identifier")]
    assert (cited.count("18-NQ/TW"), cited.count("19-NQ/TW"), cited.count("39-NQ/TW")) == (7, 4, 1)
    assert rows(result, "identifier", "issued", "directive_en")[0] == (
        "18-NQ/TW",
        "2017-10-25",
        "Resolution No. 18-NQ/TW",
    )


def test_every_canned_query_is_tested_and_documented() -> None:
    tested = {
        "who-coordinates",
        "partners",
        "tasks",
        "leads",
        "reports-to",
        "due",
        "from",
        "recurring",
        "conditional",
        "named-only",
        "directives",
    }
    assert set(canned_queries()) == tested
    for query in canned_queries().values():
        assert query.vi and query.en, query.name


# ---------------------------------------------------------------- the same rows on every store

ARGUMENTS: dict[str, dict[str, object]] = {
    "partners": {"body": "VPTU"},
    "tasks": {"body": "Organisation Commission"},
    "due": {"by": dt.date(2019, 12, 31)},
    "from": {"year": 2018},
}


@pytest.fixture(scope="module")
def server(oxigraph_server: str, repo_root: Path) -> Backend:
    from orggraph.query.server import push_graph

    pushed = push_graph([repo_root / KH168], f"{oxigraph_server}/store")
    assert pushed == (len(list(open_backend([repo_root / KH168]).store)), 1)  # type: ignore[attr-defined]
    return open_backend([], endpoint=f"{oxigraph_server}/query")


@pytest.mark.parametrize("name", sorted(canned_queries()))
def test_three_stores_give_the_same_rows(
    name: str, oxigraph: Backend, rdflib_store: Backend, server: Backend
) -> None:
    arguments = ARGUMENTS.get(name, {})
    results = [run_canned(store, name, **arguments) for store in (oxigraph, rdflib_store, server)]  # type: ignore[arg-type]
    assert results[0].rows, name
    assert results[0].variables == results[1].variables == results[2].variables
    assert results[0].rows == results[1].rows == results[2].rows


# ---------------------------------------------------------------- body names


@pytest.mark.parametrize(
    "written",
    [
        "ban to chuc",
        "Ban Tổ chức Tỉnh uỷ",
        "BAN TỔ CHỨC TỈNH ỦY",
        "Organisation Commission",
        "ban-to-chuc-tinh-uy",
    ],
)
def test_body_names_in_any_spelling(oxigraph: Backend, written: str) -> None:
    from orggraph.query import resolve_body

    assert resolve_body(oxigraph, written).iri.endswith("/tuyen-quang/ban-to-chuc-tinh-uy")


def test_ambiguous_and_unknown_names_list_candidates(oxigraph: Backend) -> None:
    from orggraph.query import resolve_body

    # "tinh uy" is a body's whole name (the Provincial Party Committee); "dang uy khoi" begins two.
    assert resolve_body(oxigraph, "tinh uy").name == "Tỉnh ủy"
    with pytest.raises(UsageError, match="'dang uy khoi' names several bodies: Đảng ủy Khối"):
        resolve_body(oxigraph, "dang uy khoi")
    with pytest.raises(
        UsageError, match="no body named 'Ban To chuc Tinh ui' in the graph; closest: Ban Tổ chức Tỉnh ủy"
    ):
        resolve_body(oxigraph, "Ban To chuc Tinh ui")


def test_user_text_never_reaches_the_query(oxigraph: Backend) -> None:
    hostile = 'x" } ; DROP ALL ; SELECT * { "'
    with pytest.raises(UsageError, match="no body named"):
        run_canned(oxigraph, "partners", body=hostile)


def test_missing_and_surplus_parameters(oxigraph: Backend) -> None:
    with pytest.raises(UsageError, match="needs --body"):
        run_canned(oxigraph, "partners")
    with pytest.raises(UsageError, match="takes no --year"):
        run_canned(oxigraph, "leads", year=2019)
    with pytest.raises(UsageError, match="no query named 'nope'; known queries: conditional, directives"):
        run_canned(oxigraph, "nope")


# ---------------------------------------------------------------- own queries


def test_own_query_with_prebound_prefixes(oxigraph: Backend, rdflib_store: Backend) -> None:
    text = "SELECT (COUNT(?t) AS ?n) WHERE { ?t a og:Task }"
    for store in (oxigraph, rdflib_store):
        assert run_query(store, text).values("n") == ["85"]


def test_lang_is_bound_in_own_queries(oxigraph: Backend) -> None:
    text = (
        'SELECT ?name WHERE { ?b dcterms:identifier "van-phong-tinh-uy" ; skos:prefLabel ?name '
        "FILTER (lang(?name) = ?lang) }"
    )
    assert run_query(oxigraph, text, lang="en").values("name") == ["Office of the Provincial Party Committee"]


@pytest.mark.parametrize("store", ["oxigraph", "rdflib"])
def test_syntax_error_names_line_and_column(repo_root: Path, store: str) -> None:
    backend = open_backend([repo_root / KH168], store=store)
    with pytest.raises(QueryError, match=r"query syntax error at line 2, column \d+"):
        run_query(backend, "SELECT ?x\nWHERE { ?x og:lead }")


def test_construct_prints_turtle(runner: CliRunner) -> None:
    result = runner.invoke(
        main,
        [
            "query",
            "-e",
            "CONSTRUCT { ?b skos:prefLabel ?n } "
            'WHERE { ?b dcterms:identifier "van-phong-tinh-uy" ; skos:prefLabel ?n }',
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Office of the Provincial Party Committee" in result.stdout and "skos:prefLabel" in result.stdout


def test_ask(runner: CliRunner) -> None:
    result = runner.invoke(main, ["query", "-e", "ASK { ?t og:lead ?b }", "--format", "json"])
    assert json.loads(result.stdout) == {"head": {}, "boolean": True}


# ---------------------------------------------------------------- formats


def test_json_is_sparql_results_json(runner: CliRunner) -> None:
    result = runner.invoke(main, ["query", "partners", "--body", "VPTU", "--format", "json"])
    document = json.loads(result.stdout)
    assert document["head"]["vars"] == ["other", "other_vi", "other_en", "tasks", "as_partner"]
    first = document["results"]["bindings"][0]
    assert first["other_vi"] == {"type": "literal", "value": "Ban Tổ chức Tỉnh ủy", "xml:lang": "vi"}
    assert first["tasks"] == {
        "type": "literal",
        "value": "5",
        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
    }
    assert first["other"]["type"] == "uri"


def test_csv_and_tsv_follow_the_sparql_formats(runner: CliRunner) -> None:
    csv_text = runner.invoke(
        main, ["query", "partners", "--body", "VPTU", "--format", "csv", "--lang", "vi"]
    ).stdout_bytes.decode("utf-8")
    assert csv_text.startswith("other,other_vi,tasks,as_partner\r\n")
    table = list(csv.reader(io.StringIO(csv_text)))
    assert table[1] == [
        "https://w3id.org/orggraph/id/body/tuyen-quang/ban-to-chuc-tinh-uy",
        "Ban Tổ chức Tỉnh ủy",
        "5",
        "3",
    ]
    tsv_text = runner.invoke(
        main, ["query", "partners", "--body", "VPTU", "--format", "tsv", "--lang", "en"]
    ).stdout
    lines = tsv_text.splitlines()
    assert lines[0] == "?other\t?other_en\t?tasks\t?as_partner"
    assert lines[1] == (
        "<https://w3id.org/orggraph/id/body/tuyen-quang/ban-to-chuc-tinh-uy>\t"
        '"Organisation Commission of the Provincial Party Committee"@en\t5\t3'
    )


def test_table_aligns_vietnamese(runner: CliRunner) -> None:
    result = runner.invoke(main, ["query", "partners", "--body", "VPTU", "--lang", "vi"])
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["other", "other_vi", "tasks", "as_partner"]
    assert lines[2].startswith("ban-to-chuc-tinh-uy    Ban Tổ chức Tỉnh ủy")
    assert lines[2].index("Ban Tổ chức") == lines[3].index("các cơ quan")
    assert lines[-1] == "(2 rows)"


def test_markdown(runner: CliRunner) -> None:
    result = runner.invoke(main, ["query", "from", "--year", "2021", "--format", "md", "--lang", "en"])
    lines = result.stdout.splitlines()
    assert lines[0].startswith("| task | start | timeframe |") and lines[1].startswith("|---|")
    assert len(lines) == 4


def test_output_file_is_written_atomically(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "leads.csv"
    result = runner.invoke(main, ["query", "leads", "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0
    assert out.read_bytes().count(b"\r\n") == 21


# ---------------------------------------------------------------- errors: one line, exit 2


def test_unknown_query_lists_known(runner: CliRunner) -> None:
    result = runner.invoke(main, ["query", "who-leads"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: no query named 'who-leads'; known queries: conditional")


def test_syntax_error_exit_2(runner: CliRunner) -> None:
    result = runner.invoke(main, ["query", "-e", "SELECT * WHERE { ?s ?p }"])
    assert result.exit_code == 2 and "query syntax error at line 1, column" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("store", ["oxigraph", "rdflib"])
def test_a_syntax_error_is_one_short_line(runner: CliRunner, store: str) -> None:
    # A triple pattern cut short on line 2: Oxigraph would list every token it expects.
    result = runner.invoke(main, ["query", "--store", store, "-e", "SELECT ?x WHERE {\n ?x og:lead \n }}"])
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("Error: query syntax error at line ") and len(line) < 200, line


def test_unreadable_graph(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix : <x> . :a :b", "utf-8")
    for store in ("oxigraph", "rdflib"):
        result = runner.invoke(main, ["query", "leads", "--graph", str(bad), "--store", store])
        assert result.exit_code == 2 and "not a readable graph" in result.stderr, result.stderr
    missing = runner.invoke(main, ["query", "leads", "--graph", str(tmp_path / "none.ttl")])
    assert missing.exit_code == 2 and "no such file" in missing.stderr


def test_unreachable_endpoint(runner: CliRunner) -> None:
    from orggraph.query.server import free_port

    url = f"http://127.0.0.1:{free_port()}/query"
    result = runner.invoke(main, ["query", "leads", "--endpoint", url])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Error: {url}: cannot reach the endpoint (Connection refused)"


def test_http_error(runner: CliRunner, oxigraph_server: str) -> None:
    result = runner.invoke(main, ["query", "leads", "--endpoint", f"{oxigraph_server}/no-such-path"])
    assert result.exit_code == 2 and "HTTP 404" in result.stderr


def test_timeout(runner: CliRunner) -> None:
    import socket
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    held: list[socket.socket] = []
    thread = threading.Thread(target=lambda: held.append(listener.accept()[0]), daemon=True)
    thread.start()
    try:
        result = runner.invoke(
            main, ["query", "leads", "--endpoint", f"http://127.0.0.1:{port}/query", "--timeout", "0.5"]
        )
        assert result.exit_code == 2
        assert result.stderr.strip().endswith("no answer within 0.5 s (--timeout)")
    finally:
        for connection in held:
            connection.close()
        listener.close()

"""orggraph serve and push against real Oxigraph servers."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from orggraph.cli import main
from orggraph.query import open_backend, run_canned


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_serve_answers_and_stops_cleanly(repo_root: Path, stop: signal.Signals) -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "orggraph", "serve", "--port", "0"],
        cwd=repo_root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        try:
            assert process.stdout is not None
            first = process.stdout.readline()
            found = re.match(r"SPARQL endpoint: (http://127\.0\.0\.1:\d+/query)", first)
            assert found, first
            url = found.group(1)
            assert "curl -s " + url in process.stdout.readline()
            result = run_canned(open_backend([], endpoint=url), "partners", body="Văn phòng Tỉnh ủy")
            assert result.values("tasks") == ["5", "2"]
            process.send_signal(stop)
            assert process.wait(timeout=20) == 0
            assert process.stderr is not None and "stopped" in process.stderr.read()
        finally:
            if process.poll() is None:
                process.kill()
    # The server's store is gone: nothing answers on that port any more.
    from orggraph.errors import QueryError

    with pytest.raises(QueryError, match="cannot reach"):
        open_backend([], endpoint=url).run("ASK {}")


def test_push_to_a_named_graph(oxigraph_server: str, repo_root: Path) -> None:
    runner = CliRunner()
    iri = "https://w3id.org/orggraph/id/graph/kh168"
    result = runner.invoke(
        main,
        [
            "push",
            "--endpoint",
            f"{oxigraph_server}/store",
            "--graph-iri",
            iri,
            "--graph",
            str(repo_root / "data" / "kh168.ttl"),
        ],
    )
    assert result.exit_code == 0, result.output
    local = open_backend([repo_root / "data" / "kh168.ttl"]).run("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    (triples,) = local.values("n")
    assert result.stdout.strip() == f"pushed {triples} triples to {oxigraph_server}/store (graph <{iri}>)"
    count = open_backend([], endpoint=f"{oxigraph_server}/query").run(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"
    )
    assert count.values("n") == [triples]


def test_push_refuses_a_broken_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .", "utf-8")
    result = CliRunner().invoke(
        main, ["push", "--endpoint", "http://127.0.0.1:9/store", "--graph", str(broken)]
    )
    assert result.exit_code == 2 and "not a readable graph" in result.stderr


@pytest.fixture(scope="module")
def three_plans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three synthetic plans built into one N-Quads dataset: a named graph per plan."""
    from orggraph.pipeline import build_graph_file
    from orggraph.synth import synth_corpus

    folder = tmp_path_factory.mktemp("three")
    synth_corpus(3, 7, folder / "corpus")
    build_graph_file([folder / "corpus"], folder / "plans.nq")
    return folder / "plans.nq"


def _graph_sizes(backend: Any) -> dict[str, int]:
    rows = backend.run("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {str(g): int(n) for g, n in zip(rows.values("g"), rows.values("n"), strict=True)}


def test_push_keeps_each_plans_named_graph(empty_oxigraph_server: str, three_plans: Path) -> None:
    oxigraph_server = empty_oxigraph_server
    local = open_backend([three_plans])
    plans = _graph_sizes(local)
    assert len(plans) == 3
    # The default graph holds what the plans share (bodies, places).
    total = local.run("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").values("n")[0]
    result = CliRunner().invoke(
        main, ["push", "--endpoint", f"{oxigraph_server}/store", "--graph", str(three_plans)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (
        f"pushed {total} triples to {oxigraph_server}/store "
        "(4 graphs: the default graph and each plan's named graph)"
    )
    remote = open_backend([], endpoint=f"{oxigraph_server}/query")
    assert _graph_sizes(remote) == plans
    shared = remote.run("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").values("n")[0]
    assert int(shared) == int(total) - sum(plans.values())


def test_serve_answers_over_every_plan_of_a_dataset(three_plans: Path) -> None:
    from orggraph.query.server import free_port, read_only_server

    local = run_canned(open_backend([three_plans]), "who-coordinates")
    assert len(local.rows) > 10
    with read_only_server([three_plans], free_port()) as url:
        served = run_canned(open_backend([], endpoint=url), "who-coordinates")

    def rows(results: Any) -> list[tuple[str, ...]]:
        return sorted(tuple(str(v) for v in row) for row in results.rows)

    assert rows(served) == rows(local)


def test_serve_a_kept_store_answers_from_its_kept_answers(tmp_path: Path, three_plans: Path) -> None:
    """`serve --store-dir` serves the store as it is (nothing loaded) and answers the questions
    the store keeps answers to from them: this package's client gets the kept form, any other
    client SPARQL JSON; a question not kept, or asked for CSV, goes to the Oxigraph server.
    Shown by a kept answer cut to its first row."""
    import json
    import urllib.request

    from orggraph.query.backends import KEPT_MEDIA, EndpointBackend, OxigraphBackend, _answer_file
    from orggraph.query.canned import bind, get
    from orggraph.query.server import free_port, read_only_server

    folder = tmp_path / "store"
    full = run_canned(OxigraphBackend([three_plans], store_dir=folder), "who-coordinates")
    assert len(full.rows) > 10
    kept = _answer_file(folder, bind(get("who-coordinates").text, {}))
    document = json.loads(kept.read_text(encoding="utf-8"))
    document["rows"] = document["rows"][:1]
    kept.write_text(json.dumps(document), encoding="utf-8")
    with read_only_server([], free_port(), store_dir=folder) as url:
        query = EndpointBackend(url)._with_prefixes(bind(get("who-coordinates").text, {}))  # as sent
        served = run_canned(open_backend([], endpoint=url), "who-coordinates")
        assert served.rows == full.rows[:1]

        def ask(accept: str) -> tuple[str, bytes]:
            request = urllib.request.Request(
                url, data=urllib.parse.urlencode({"query": query}).encode(), headers={"Accept": accept}
            )
            with urllib.request.urlopen(request, timeout=30) as answer:
                return answer.headers.get("Content-Type", ""), answer.read()

        kind, body = ask(KEPT_MEDIA)
        assert kind.startswith(KEPT_MEDIA)
        kind, body = ask("application/sparql-results+json")
        assert kind.startswith("application/sparql-results+json")
        assert len(json.loads(body)["results"]["bindings"]) == 1
        # CSV is the server's to answer: every row, computed.
        kind, body = ask("text/csv")
        assert len(body.decode("utf-8").strip().splitlines()) == len(full.rows) + 1
        # A question not kept is run by the server.
        remote = open_backend([], endpoint=url)
        assert remote.run("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").values("n") == OxigraphBackend(
            [three_plans]
        ).run("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").values("n")

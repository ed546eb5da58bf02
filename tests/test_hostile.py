"""Graphs are inputs too: a graph someone else made must not make orggraph read or write a file
the user did not name (issue "Hardening", defects 1 and 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from orggraph.cli import main

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

"""README: the two set-up commands are there, and its SPARQL queries run as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph

from orggraph.store import load_graph


def readme(repo_root: Path) -> str:
    return (repo_root / "README.md").read_text(encoding="utf-8")


def sparql_blocks(repo_root: Path) -> list[str]:
    return re.findall(r"```sparql\n(.*?)```", readme(repo_root), flags=re.S)


@pytest.fixture(scope="module")
def committed(repo_root: Path) -> Graph:
    return load_graph(repo_root / "data" / "kh168.ttl")


def test_quick_start_has_the_two_commands(repo_root: Path) -> None:
    text = readme(repo_root)
    quick = text[text.index("## Quick start") :]
    block = quick[quick.index("```sh\n") + 6 : quick.index("```", quick.index("```sh\n") + 6)]
    assert [line.split("#")[0].strip() for line in block.strip().splitlines()] == ["make demo", "make test"]


def test_readme_has_three_queries(repo_root: Path) -> None:
    assert len(sparql_blocks(repo_root)) == 3


def test_query_who_leads(repo_root: Path, committed: Graph) -> None:
    rows = list(committed.query(sparql_blocks(repo_root)[0]))
    top = rows[0]
    assert (str(top[0]), str(top[1]), int(top[2])) == (
        "Ban Tổ chức Tỉnh ủy",
        "Organisation Commission of the Provincial Party Committee",
        12,
    )


def test_query_office_partners(repo_root: Path, committed: Graph) -> None:
    rows = [(str(r[0]), str(r[1]).rsplit("/", 1)[-1]) for r in committed.query(sparql_blocks(repo_root)[1])]
    commission = sorted(task for other, task in rows if other == "Ban Tổ chức Tỉnh ủy")
    assert commission == ["B.III.10.1", "B.III.10.2", "B.III.5.17", "B.III.5.8", "B.IV.6"]
    assert sorted(task for other, task in rows if other == "các cơ quan liên quan") == [
        "B.III.10.1",
        "B.III.10.2",
    ]
    assert len(rows) == 7
    # README shows the seven rows as a table under the query: the same bodies and tasks.
    text = readme(repo_root)
    table = text[text.index("| with | on task |") :].split("\n\n")[0].splitlines()[2:]
    shown = sorted(
        (cells[0].lstrip("| ").split(" (")[0], cells[1]) for cells in (row.split(" | ") for row in table)
    )
    assert shown == sorted(rows)


def test_query_due_by_2019(repo_root: Path, committed: Graph) -> None:
    rows = list(committed.query(sparql_blocks(repo_root)[2]))
    assert len(rows) == 20
    first = rows[0]
    assert str(first[0]).endswith("/task/B.II.1.1") and str(first[1]) == "2018-01-31"


def console_examples(repo_root: Path) -> list[tuple[str, list[str]]]:
    """(command, shown output lines) for every ```console block of README."""
    examples = []
    for block in re.findall(r"```console\n(.*?)```", readme(repo_root), flags=re.S):
        lines = block.rstrip("\n").split("\n")
        assert lines[0].startswith("$ orggraph "), lines[0]
        examples.append((lines[0][2:], lines[1:]))
    return examples


def test_readme_console_examples_run_as_written(
    repo_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each ```console block runs as written, in a scratch copy of data/ (so nothing in the repository changes)."""
    import shlex
    import shutil

    from click.testing import CliRunner

    from orggraph.cli import main

    (tmp_path / "data").mkdir()
    for name in ("kh168.txt", "kh168.ttl", "kh168-analysis.ttl", "kh168-measures.toml"):
        shutil.copy(repo_root / "data" / name, tmp_path / "data" / name)
    monkeypatch.chdir(tmp_path)
    examples = console_examples(repo_root)
    assert len(examples) >= 12
    for command, shown in examples:
        result = CliRunner().invoke(main, shlex.split(command)[1:])
        assert result.exit_code == 0, (command, result.output)
        actual = result.output.rstrip("\n").split("\n")
        # README may show only the first lines of a long answer.
        assert actual[: len(shown)] == shown, command


def test_readme_error_example(repo_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from orggraph.cli import main

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "missing.txt", "-o", "out.ttl"])
    assert result.exit_code == 2
    assert result.stderr == "Error: missing.txt: no such file\n"
    assert "Error: missing.txt: no such file\nexit 2" in readme(repo_root)


def test_every_command_is_in_readme_with_help(repo_root: Path) -> None:
    from orggraph.cli import main

    text = readme(repo_root)
    for name, command in main.commands.items():
        assert f"orggraph {name}" in text, name
        assert command.help, name


def test_readme_python_example_runs(repo_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    block = re.search(r"```python\nimport orggraph\n\ngraph = .*?```", readme(repo_root), flags=re.S)
    assert block is not None
    code = block.group(0)[len("```python\n") : -3]
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "kh168.ttl").write_bytes((repo_root / "data" / "kh168.ttl").read_bytes())
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})
    assert (tmp_path / "overlaps.xlsx").stat().st_size > 5000

"""The command line, run in-process: exit codes, stdout and stderr apart, nothing half-written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from orggraph.cli import main


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_build_prints_a_summary_and_writes_the_graph(
    runner: CliRunner, repo_root: Path, tmp_path: Path
) -> None:
    out = tmp_path / "kh168.ttl"
    result = runner.invoke(main, ["build", str(repo_root / "data" / "kh168.txt"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Kế hoạch 168-KH/TU (2018-02-18), Tỉnh ủy (tỉnh Tuyên Quang)" in result.stdout
    assert "85 tasks in 23 sections" in result.stdout
    assert re.search(r"B\.III\.5\s+17\s+Ban Tổ chức Tỉnh ủy", result.stdout)
    assert "warnings: none" in result.stdout
    assert result.stderr == ""
    assert out.read_text(encoding="utf-8").startswith("@prefix og: <https://w3id.org/orggraph/ns#> .")


def test_warnings_go_to_stderr_with_their_line(runner: CliRunner, tiny_plan: str, tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_text(
        tiny_plan.replace("Văn phòng Tỉnh ủy tham mưu", "Ban Quản lý Dự án tỉnh tham mưu"), "utf-8"
    )
    result = runner.invoke(main, ["build", str(source), "-o", str(tmp_path / "out.ttl")])
    assert result.exit_code == 0
    assert (
        "warning: plan.txt: line 9: body not in the gazetteer, kept as a provisional body (partner):"
        " 'Ban Quản lý Dự án tỉnh'" in result.stderr
    )


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Kê hoạch".encode("latin-1", "replace"))  # a legacy 8-bit code page, no BOM
    empty = tmp_path / "empty.txt"
    empty.write_text("", "utf-8")
    prose = tmp_path / "prose.txt"
    prose.write_text("Một đoạn văn bản không có mục đánh số nào.\n", "utf-8")
    no_plans = tmp_path / "no-plans"
    no_plans.mkdir()
    (no_plans / "notes.csv").write_text("not a plan\n", "utf-8")
    return {
        "missing": (tmp_path / "nowhere.txt", "no such file"),
        "not-utf8": (latin1, "not UTF-8 text (byte 0xea at offset 1)"),
        "empty": (empty, "the file is empty"),
        "no-sections": (prose, "no recognisable sections"),
        "folder": (no_plans, "no plan files (.txt, .md, .html, .docx, .pdf) in this folder"),
    }


@pytest.mark.parametrize("case", ["missing", "not-utf8", "empty", "no-sections", "folder"])
def test_bad_input_is_one_line_exit_2_and_overwrites_nothing(
    runner: CliRunner, tmp_path: Path, case: str
) -> None:
    source, message = _bad_inputs(tmp_path)[case]
    out = tmp_path / "existing.ttl"
    out.write_text("previous contents\n", "utf-8")
    result = runner.invoke(main, ["build", str(source), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and message in lines[0]
    assert "Traceback" not in result.stderr
    assert out.read_text("utf-8") == "previous contents\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []


def test_validate_exit_codes(runner: CliRunner, repo_root: Path, tmp_path: Path) -> None:
    ok = runner.invoke(main, ["validate", str(repo_root / "data" / "kh168.ttl")])
    assert ok.exit_code == 0 and "conforms" in ok.stdout

    broken = tmp_path / "broken.ttl"
    text = (repo_root / "data" / "kh168.ttl").read_text("utf-8")
    broken.write_text(text.replace('og:dueDate "2018-12-31"^^xsd:date', 'og:dueDate "cuối năm"'), "utf-8")
    bad = runner.invoke(main, ["validate", str(broken)])
    assert bad.exit_code == 1
    assert "Hạn hoàn thành phải là một giá trị xsd:date" in bad.stdout
    assert "A due date must be one xsd:date" in bad.stdout

    unreadable = tmp_path / "garbage.ttl"
    unreadable.write_text("this is not turtle <<<", "utf-8")
    worse = runner.invoke(main, ["validate", str(unreadable)])
    assert (
        worse.exit_code == 2 and worse.stderr.startswith("Error: ") and "not a readable graph" in worse.stderr
    )
    missing = runner.invoke(main, ["validate", str(tmp_path / "none.ttl")])
    assert missing.exit_code == 2 and "no such file" in missing.stderr

    # A file whose name does not say its format: refused with the way out, then read with it.
    unnamed = tmp_path / "kh168.dat"
    unnamed.write_bytes((repo_root / "data" / "kh168.ttl").read_bytes())
    refused = runner.invoke(main, ["validate", str(unnamed)])
    assert refused.exit_code == 2 and "unknown graph format" in refused.stderr
    named = runner.invoke(main, ["validate", str(unnamed), "--input-format", "turtle"])
    assert named.exit_code == 0 and named.stdout == f"{unnamed}: conforms to the shapes (2255 triples)\n"


def test_vocab_writes_the_packaged_files(runner: CliRunner, tmp_path: Path) -> None:
    from orggraph.resources import resource

    result = runner.invoke(main, ["vocab", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0
    for name in ("ontology.ttl", "shapes.ttl"):
        assert (tmp_path / "out" / name).read_bytes() == resource(name).read_bytes()


def test_version_and_short_help(runner: CliRunner) -> None:
    from orggraph import __version__

    version = runner.invoke(main, ["--version"])
    assert version.exit_code == 0 and __version__ in version.stdout
    assert runner.invoke(main, ["-h"]).exit_code == 0


def test_every_command_has_help_with_an_example(runner: CliRunner) -> None:
    for name, command in main.commands.items():
        assert command.help, name
        assert "Example: orggraph" in command.help, name
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0 and "Example:" in result.stdout


def test_usage_errors_exit_2(runner: CliRunner) -> None:
    result = runner.invoke(main, ["build", "data/kh168.txt"])  # no -o
    assert result.exit_code == 2
    assert runner.invoke(main, ["no-such-command"]).exit_code == 2


def test_long_commands_tell_their_stages_on_a_terminal_only(repo_root: Path) -> None:
    import os
    import subprocess
    import sys

    primary, secondary = os.openpty()  # stderr is a terminal
    try:
        done = subprocess.run(
            [sys.executable, "-m", "orggraph", "load", "--top", "1", "-f", "csv"],
            cwd=repo_root,
            stdout=subprocess.PIPE,
            stderr=secondary,
            timeout=120,
        )
        os.close(secondary)
        said = b""
        while True:
            try:
                chunk = os.read(primary, 4096)
            except OSError:  # the terminal closed
                break
            if not chunk:
                break
            said += chunk
    finally:
        os.close(primary)
    assert done.returncode == 0
    lines = said.decode("utf-8").splitlines()
    assert [line.rsplit(" … ", 1)[0] for line in lines] == [
        "load: reading the graph",
        "load: analysing 85 tasks of 51 bodies",
    ]
    piped = subprocess.run(
        [sys.executable, "-m", "orggraph", "load", "--top", "1", "-f", "csv"],
        cwd=repo_root,
        capture_output=True,
        timeout=120,
    )
    assert piped.returncode == 0 and piped.stderr == b""
    assert piped.stdout == done.stdout


def _on_a_terminal(args: list[str], columns: int) -> str:
    """What ``orggraph ARGS`` prints on a real terminal (a pseudo-terminal) ``columns`` wide."""
    import os
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": str(columns), "LINES": "50"}
    with subprocess.Popen(
        [sys.executable, "-m", "orggraph", *args],
        cwd=Path(__file__).parent.parent,
        stdout=follower,
        stderr=subprocess.DEVNULL,
        env=env,
    ) as process:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed: the command is done
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.mark.parametrize(
    "args",
    [["load"], ["overlaps", "--table", "measures"], ["query", "tasks", "--body", "ban to chuc"]],
    ids=["load", "overlaps", "query"],
)
def test_tables_fit_the_terminal_by_default(args: list[str]) -> None:
    from orggraph.terminal import display_width

    for columns in (80, 120):
        text = _on_a_terminal(args, columns)
        lines = [line for line in text.splitlines() if line.strip()]
        assert len(lines) > 5, text
        assert max(display_width(line) for line in lines) <= columns, (columns, text[:2000])


def test_query_top_and_an_explicit_width_still_rule() -> None:
    result = CliRunner().invoke(main, ["query", "leads", "--top", "3", "--max-width", "0"])
    assert result.exit_code == 0 and result.output.rstrip().endswith("(3 rows)")
    wide = max(len(line) for line in result.output.splitlines())
    assert wide > 200  # --max-width 0 never cuts, terminal or not

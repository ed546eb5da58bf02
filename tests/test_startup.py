"""Command start-up stays light: heavy libraries load only in the commands that need them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = """
import json, sys
from orggraph.cli import main
try:
    main(sys.argv[1:], prog_name="orggraph")
except SystemExit:
    pass
print("MODULES=" + json.dumps(sorted(sys.modules)))
"""


def modules_loaded(repo_root: Path, *args: str) -> set[str]:
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT, *args], cwd=repo_root, capture_output=True, text=True, check=True
    )
    line = [row for row in run.stdout.splitlines() if row.startswith("MODULES=")][-1]
    return {name.split(".")[0] for name in json.loads(line[len("MODULES=") :])}


@pytest.mark.parametrize("args", [["--help"], ["query", "--help"], ["query", "--list"]], ids=" ".join)
def test_help_does_not_import_heavy_libraries(repo_root: Path, args: list[str]) -> None:
    loaded = modules_loaded(repo_root, *args)
    assert not loaded & {"pyvis", "pyshacl", "pandas", "rdflib", "networkx", "IPython"}


def test_query_on_oxigraph_does_not_import_rdflib(repo_root: Path) -> None:
    loaded = modules_loaded(repo_root, "query", "who-coordinates")
    assert "pyoxigraph" in loaded
    assert not loaded & {"rdflib", "pyshacl", "pyvis", "pandas", "networkx"}

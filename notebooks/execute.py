"""Run every notebook here top to bottom in a fresh kernel and save it with its outputs.

    .venv/bin/python notebooks/execute.py          # all notebooks
    .venv/bin/python notebooks/execute.py 01-tour  # one

Cells run with this folder as the working directory, so outputs hold only
relative paths; timings are not recorded, so re-running changes nothing that
did not change.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent


def execute(path: Path) -> nbformat.NotebookNode:
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(HERE)}},
        record_timing=False,
    )
    client.execute()
    return notebook


def main(names: list[str]) -> None:
    paths = sorted(HERE.glob("*.ipynb"))
    if names:
        paths = [p for p in paths if any(p.stem.startswith(n) for n in names)]
    for path in paths:
        notebook = execute(path)
        nbformat.write(notebook, path)
        print(f"executed {path.name}")


if __name__ == "__main__":
    main(sys.argv[1:])

"""Run every notebook here top to bottom in a fresh kernel and save it with its outputs.

    .venv/bin/python notebooks/execute.py          # all notebooks
    .venv/bin/python notebooks/execute.py 01-tour  # one

Cells run with this folder as the working directory, so outputs hold only
relative paths; timings are not recorded and consecutive prints are kept as one
output, so re-running changes nothing that did not change.
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
    for cell in notebook.cells:
        if "outputs" in cell:
            cell.outputs = _joined_streams(cell.outputs)
    return notebook


def _joined_streams(outputs: list[nbformat.NotebookNode]) -> list[nbformat.NotebookNode]:
    """Consecutive prints to one stream as one output: the kernel splits them by timing."""
    joined: list[nbformat.NotebookNode] = []
    for output in outputs:
        last = joined[-1] if joined else None
        if (
            last is not None
            and output.get("output_type") == "stream"
            and last.get("output_type") == "stream"
            and last.get("name") == output.get("name")
        ):
            last["text"] += output["text"]
        else:
            joined.append(output)
    return joined


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

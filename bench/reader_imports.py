"""What each input format's reader adds to start-up, in fresh processes, interleaved.

Builds need the reader of their file's format and nothing else; other commands need none.
The script times, as fresh processes, the import of the command-line module alone (the
floor) and with each reader's library (python-docx for .docx, pdfplumber for .pdf, the
standard library's parser for .html), prints medians and the difference from the floor, and
checks that importing the command-line module loads no reader library (exit 1 if it does).

    .venv/bin/python bench/reader_imports.py [--repeats 11]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
READERS = ("docx", "pdfplumber", "pdfminer", "lxml")


def run(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=11)
    args = parser.parse_args()
    cases = {
        "floor: import orggraph.cli": "import orggraph.cli",
        ".html reader (standard library)": "import orggraph.cli, orggraph.read.inputs.html",
        ".docx reader (python-docx)": "import orggraph.cli, orggraph.read.inputs.docx, docx",
        ".pdf reader (pdfplumber)": "import orggraph.cli, orggraph.read.inputs.pdf, pdfplumber",
    }
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.repeats):
        for name, code in cases.items():
            times[name].append(run(code))
    floor = statistics.median(times["floor: import orggraph.cli"])
    print(f"{'':34}{'median':>9}{'added':>9}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:34}{median:8.3f}s{median - floor:+8.3f}s")
    check = f"import sys, orggraph.cli; print(sorted(m for m in {READERS!r} if m in sys.modules))"
    loaded = subprocess.run(
        [sys.executable, "-c", check], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()
    print(f"reader libraries loaded by 'import orggraph.cli': {loaded}")
    return 0 if loaded == "[]" else 1


if __name__ == "__main__":
    sys.exit(main())

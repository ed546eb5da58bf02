"""The benchmark script, run small (10^4 triples, once) so that it cannot rot.

It times nothing here: the figures are in docs/BENCHMARKS.md, from `make bench`.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path


def _bench(repo_root: Path, script: str, *options: str) -> str:
    """Run ``bench/<script>`` with ``options``; its standard output (it must succeed)."""
    done = subprocess.run(
        [sys.executable, str(repo_root / "bench" / script), *options],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return done.stdout


def test_benchmark_runs_at_ten_thousand_triples(repo_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "BENCHMARKS.md"
    _bench(repo_root, "scale.py", "--sizes", "10000", "--repeats", "1", "--out", str(out))
    text = out.read_text(encoding="utf-8")
    sizes = re.search(r"\| 10\^4 \| (\d+) \| ([\d,]+) \| ([\d,]+) \|", text)
    assert sizes is not None
    plans, tasks, triples = (int(g.replace(",", "")) for g in sizes.groups())
    assert plans == 11 and 8_000 <= triples <= 15_000 and tasks > 10 * plans
    for step in (
        "build",
        "rdflib load",
        "rdflib who-coordinates",
        "pyoxigraph load",
        "pyoxigraph who-coordinates",
        "orggraph query who-coordinates (process)",
        "coordination load (records + table)",
        "overlaps (records + detection)",
        "render",
    ):
        assert re.search(rf"\| {re.escape(step)} \| \d+\.\d\d s", text), step
    assert "Not checked: the targets are for 10^6 triples." in text
    assert "## Steps" in text
    assert re.search(r"- render at 11,\d{3} triples: [\d,]+ files, site \d+\.\d MB, coordination view", text)
    assert re.search(r"- open at 11,\d{3} triples: the coordination view drew \d+ nodes", text)


def test_the_build_benchmark_runs_on_a_few_plans(repo_root: Path) -> None:
    """bench/build.py on 3 and 6 plans, once: the table, and the same bytes from one worker and
    from every core (speed and memory targets are checked from 1,000 plans)."""
    stdout = _bench(repo_root, "build.py", "--plans", "3", "6", "--repeats", "1")
    rows = re.findall(r"^\| (\d+) \| ([\d,]+) \| (\d+) \| [\d.]+ \| .* \| (yes|NO) \|$", stdout, re.M)
    jobs = sorted({1, len(os.sched_getaffinity(0))})  # one worker, and every core
    assert [(plans, j) for plans, _, j, _ in rows] == [(str(n), str(j)) for n in (3, 6) for j in jobs]
    assert all(same == "yes" for *_, same in rows)
    assert "Not checked: the targets are for 1,000 plans or more." in stdout


def test_the_end_to_end_benchmark_runs_on_a_few_plans(repo_root: Path, tmp_path: Path) -> None:
    """bench/commands.py on 3 plans, once: every question from the file, the kept store, a plain
    Oxigraph server and `orggraph serve --store-dir`, all giving the same answer, and the render
    (the speed and size targets are checked from 1,000 plans)."""
    out = tmp_path / "END_TO_END.md"
    _bench(repo_root, "commands.py", "--plans", "3", "--repeats", "1", "--out", str(out))
    text = out.read_text(encoding="utf-8")
    rows = re.findall(r"^\| ([\w -]+) \| ([\w ()]+) \| [\d.]+ s \| [\d,]+ MB \|$", text, re.M)
    ways = ["file", "kept store", "Oxigraph server", "orggraph serve"]
    for question in ("who-coordinates", "load", "overlaps"):
        assert [w for q, w in rows if q == question and w in ways] == ways, question
    assert ("render", "file") in rows and ("who-coordinates", "pyoxigraph (raw)") in rows
    assert re.search(r"- corpus: 3 synthetic plans \(seed 2018\), [\d,]+ triples", text)
    assert "different answers" not in text and text.rstrip().endswith("targets: all met")
    assert "Not checked: the targets are for 1,000 plans or more." in text

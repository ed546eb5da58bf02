"""orggraph at 10^3 to 10^6 triples: build, load, who-coordinates, coordination load, overlaps, render.

For each size the script writes a synthetic corpus (``orggraph synth``, fixed
seed) with about that many triples, builds it into one N-Quads dataset, and
times each step several times in fresh processes, reporting the median wall
time and the peak memory (max RSS) of the process.  The steps (build, rdflib,
pyoxigraph, orggraph, load, overlaps, render, open) are described in STEP_NOTES,
which the report prints.

Targets (checked at 10^6, or at the largest size run): orggraph's who-coordinates
within 1.3x of raw pyoxigraph; coordination load under 15 s; overlaps on ~50,000
tasks under 60 s; from 10^5 to 10^6 no step more than 12x.  The tables go to
``--out`` (Markdown) with the machine, the command and the growth table; the
script exits 1 when a target is missed.

    .venv/bin/python bench/scale.py                       # 10^3..10^6, 3 repeats (make bench)
    .venv/bin/python bench/scale.py --sizes 10000 --repeats 1 --out /tmp/b.md   # the CI smoke
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEED = 2018
TRIPLES_PER_PLAN = 930  # measured on the generator's plans; the table reports the real count
STEPS = ("build", "rdflib", "pyoxigraph", "orggraph", "load", "overlaps", "render", "open")
TARGET_RATIO = 1.3
TARGET_LOAD_S = 15.0
TARGET_OVERLAPS_S = 60.0
TARGET_GROWTH = 12.0
TARGETS_FROM = 1_000_000  # targets are checked when the largest size is at least this

STEP_NOTES = [
    "- build: `orggraph build corpus/ -o plans.nq` as a library call: extract every plan on every",
    "  core, write N-Quads; the peak is the main process's (workers: `bench/build.py`).",
    "- rdflib load / who-coordinates: rdflib parses the same triples as N-Triples, then runs the",
    "  canned `who-coordinates` query.",
    "- pyoxigraph load / who-coordinates: raw pyoxigraph bulk-loads the N-Quads and runs the same",
    '  query; "(process)" is the wall time of that whole child process, start-up included.',
    "- orggraph query who-coordinates (process): `orggraph query who-coordinates -g plans.nq -f csv`,",
    "  the command a user types, wall time of the process.",
    "- coordination load: from the open store, read the records and compute the load table",
    "  (exact betweenness, by rustworkx).",
    "- overlaps: from the open store, read the records and find measures, one-sided links, lead",
    "  conflicts, body pairs and general tasks repeated.",
    "- render: the whole site (`orggraph render`: exports, views, pages of bodies).",
    "- open: Chromium (Playwright, /usr/bin/chromium) opens the rendered coordination view until it",
    "  has drawn (largest size only).",
]

# ---------------------------------------------------------------- one step, in a child process


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _who_coordinates() -> str:
    from orggraph.query import canned_queries

    return canned_queries()["who-coordinates"].text


def child(step: str, work: Path) -> dict[str, Any]:
    """Run one step; return its timings (seconds) and figures."""
    corpus, dataset, triples_file = work / "corpus", work / "plans.nq", work / "plans.nt"
    out: dict[str, Any] = {}
    start = time.perf_counter()
    if step == "build":
        from orggraph.pipeline import build_graph_file

        built = build_graph_file([corpus], dataset)
        out["triples"] = built.triples
        out["plans"] = built.plans
        out["tasks"] = built.tasks
    elif step == "rdflib":
        from rdflib import Graph

        from orggraph.namespaces import PREFIXES

        graph = Graph()
        graph.parse(triples_file, format="nt")
        out["load_s"] = time.perf_counter() - start
        begin = time.perf_counter()
        from rdflib import Namespace

        rows = list(graph.query(_who_coordinates(), initNs={p: Namespace(i) for p, i in PREFIXES.items()}))
        out["query_s"] = time.perf_counter() - begin
        out["rows"] = len(rows)
    elif step == "pyoxigraph":
        import pyoxigraph as ox

        from orggraph.namespaces import PREFIXES

        store = ox.Store()
        store.bulk_load(path=str(dataset), format=ox.RdfFormat.N_QUADS)
        out["load_s"] = time.perf_counter() - start
        begin = time.perf_counter()
        answer = store.query(_who_coordinates(), prefixes=PREFIXES, use_default_graph_as_union=True)
        rows = [tuple(solution) for solution in answer]  # type: ignore[union-attr]
        out["query_s"] = time.perf_counter() - begin
        out["rows"] = len(rows)
    elif step in ("load", "overlaps"):
        from orggraph.analyse.data import load_data
        from orggraph.query import open_backend

        backend = open_backend([dataset])
        out["store_s"] = time.perf_counter() - start
        begin = time.perf_counter()
        data = load_data(backend)
        out["records_s"] = time.perf_counter() - begin
        begin = time.perf_counter()
        if step == "load":
            from orggraph.analyse.load import coordination_load

            table = coordination_load(data)
            out["bodies"] = len(table.rows)
        else:
            from orggraph.analyse.overlaps import find_overlaps

            report = find_overlaps(data)
            out["tasks"] = len(data.tasks)
            out["measures"] = len(report.measures)
        out["analysis_s"] = time.perf_counter() - begin
        # What the target counts: from the open store to the table.
        out["step_s"] = out["records_s"] + out["analysis_s"]
    elif step == "render":
        from orggraph.publish import publish

        site = work / "site"
        shutil.rmtree(site, ignore_errors=True)
        written = publish([dataset], site, source_root=work)
        out["files"] = len(written)
        out["site_mb"] = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20
        page = site / "views" / "coordination.html"
        out["view_mb"] = page.stat().st_size / 2**20
    elif step == "open":
        from playwright.sync_api import sync_playwright

        page_path = work / "site" / "views" / "coordination.html"
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            begin = time.perf_counter()
            page.goto(page_path.resolve().as_uri())
            page.wait_for_selector("body[data-drawn=true]", timeout=120_000)
            out["step_s"] = time.perf_counter() - begin
            out["nodes"] = page.evaluate("window.orggraph.data.nodes.length")
            browser.close()
    else:
        raise SystemExit(f"unknown step {step}")
    out.setdefault("step_s", time.perf_counter() - start)
    out["peak_mb"] = _peak_mb()
    return out


# ---------------------------------------------------------------- the driver


def _python() -> str:
    return sys.executable


def _run_child(step: str, work: Path) -> dict[str, Any]:
    begin = time.perf_counter()
    done = subprocess.run(
        [_python(), __file__, "--child", step, "--work", str(work)],
        cwd=work,
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall_s"] = time.perf_counter() - begin
    return result


def _run_cli(work: Path) -> dict[str, Any]:
    orggraph = str(Path(_python()).parent / "orggraph")
    begin = time.perf_counter()
    subprocess.run(
        [orggraph, "query", "who-coordinates", "-g", "plans.nq", "-f", "csv", "-o", os.devnull],
        cwd=work,
        check=True,
        capture_output=True,
    )
    return {"wall_s": time.perf_counter() - begin, "step_s": time.perf_counter() - begin}


def _prepare(size: int, work: Path) -> dict[str, Any]:
    """The corpus (the build step makes the dataset).

    Made by a process of its own, as is the N-Triples copy: a child's peak memory counts the
    pages of the process it was forked from (ru_maxrss survives exec), so this one stays small."""
    plans = max(1, round(size / TRIPLES_PER_PLAN))
    orggraph = str(Path(_python()).parent / "orggraph")
    synth = [orggraph, "synth", "--plans", str(plans), "--seed", str(SEED), "-o", str(work / "corpus")]
    subprocess.run(synth, check=True, capture_output=True)
    return {"plans": plans}


_TO_NTRIPLES = """
import sys, pyoxigraph as ox
quads = ox.parse(path=sys.argv[1], format=ox.RdfFormat.N_QUADS)
with open(sys.argv[2], "wb") as stream:
    ox.serialize((q.triple for q in quads), stream, format=ox.RdfFormat.N_TRIPLES)
"""


def _to_ntriples(work: Path) -> None:
    command = [_python(), "-c", _TO_NTRIPLES, str(work / "plans.nq"), str(work / "plans.nt")]
    subprocess.run(command, check=True, capture_output=True)


def _browser_available() -> bool:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return False
    return Path("/usr/bin/chromium").exists()


def measure(size: int, repeats: int, steps: list[str], keep: Path | None) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix=f"orggraph-bench-{size}-", dir=keep))
    try:
        facts = _prepare(size, work)
        results: dict[str, list[dict[str, Any]]] = {}
        for step in steps:
            runs = []
            for _ in range(repeats):
                if step == "orggraph":
                    runs.append(_run_cli(work))
                else:
                    runs.append(_run_child(step, work))
                if step == "build" and not (work / "plans.nt").exists():
                    _to_ntriples(work)
            results[step] = runs
            print(
                f"  {size:>8} {step:<10} median {statistics.median(r['step_s'] for r in runs):8.3f} s",
                flush=True,
            )
        build = results["build"][0]
        facts.update(triples=build["triples"], tasks=build["tasks"])
        return {"size": size, "facts": facts, "results": results}
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)


def _median(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(float(r[key]) for r in runs)


def _row_values(result: dict[str, Any]) -> dict[str, tuple[float, float | None]]:
    """step -> (median seconds, median peak MB) as the tables show them."""
    values: dict[str, tuple[float, float | None]] = {}
    runs = result["results"]
    for step, measured in runs.items():
        peak = _median(measured, "peak_mb") if "peak_mb" in measured[0] else None
        if step == "rdflib":
            values["rdflib load"] = (_median(measured, "load_s"), peak)
            values["rdflib who-coordinates"] = (_median(measured, "query_s"), None)
        elif step == "pyoxigraph":
            values["pyoxigraph load"] = (_median(measured, "load_s"), peak)
            values["pyoxigraph who-coordinates"] = (_median(measured, "query_s"), None)
            values["pyoxigraph load + query (process)"] = (_median(measured, "wall_s"), None)
        elif step == "orggraph":
            values["orggraph query who-coordinates (process)"] = (_median(measured, "wall_s"), None)
        elif step == "load":
            values["coordination load (records + table)"] = (_median(measured, "step_s"), peak)
        elif step == "overlaps":
            values["overlaps (records + detection)"] = (_median(measured, "step_s"), peak)
        else:
            values[step] = (_median(measured, "step_s"), peak)
    return values


def report(results: list[dict[str, Any]], command: str, repeats: int) -> tuple[str, list[str]]:
    """The Markdown report and the targets missed."""
    lines = ["# Benchmarks", ""]
    lines += [
        "Written by `bench/scale.py`; do not edit by hand.  Synthetic corpora from `orggraph synth`",
        f"(seed {SEED}), built into one N-Quads dataset each; every step runs in a fresh process,",
        f"{repeats} time(s); the tables give medians of wall time and of peak memory (max RSS).",
        "The commands as users type them, from a file, a kept store and a server, end to end:",
        "[END_TO_END.md](END_TO_END.md) (`bench/commands.py`); the build on every core:",
        "`bench/build.py`.",
        "",
        f"- machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"{round(os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30)} GiB, "
        f"{platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}; run {time.strftime('%Y-%m-%d')}",
        f"- command: `{command}`",
        "",
        "## Sizes",
        "",
        "| target | plans | tasks | triples |",
        "|---:|---:|---:|---:|",
    ]
    for result in results:
        facts = result["facts"]
        lines.append(
            f"| 10^{len(str(result['size'])) - 1} | {facts['plans']:,} | {facts['tasks']:,} | {facts['triples']:,} |"
        )
    table = [_row_values(r) for r in results]
    names = list(dict.fromkeys(name for values in table for name in values))
    lines += ["", "## Steps", "", *STEP_NOTES]
    lines += ["", "## Time (median seconds) and peak memory (MB)", ""]
    lines.append("| step | " + " | ".join(f"{r['facts']['triples']:,} triples" for r in results) + " |")
    lines.append("|---|" + "---:|" * len(results))
    for name in names:
        cells = []
        for values in table:
            if name not in values:
                cells.append("")
                continue
            seconds, peak = values[name]
            cells.append(f"{seconds:.2f} s" + (f" / {peak:,.0f} MB" if peak is not None else ""))
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    notes = []
    for result in results:
        runs = result["results"]
        size = f"{result['facts']['triples']:,} triples"
        if "render" in runs and "site_mb" in runs["render"][0]:
            first = runs["render"][0]
            notes.append(
                f"- render at {size}: {first['files']:,} files, site {first['site_mb']:.1f} MB, "
                f"coordination view {first['view_mb']:.1f} MB"
            )
        if "open" in runs and "nodes" in runs["open"][0]:
            notes.append(f"- open at {size}: the coordination view drew {runs['open'][0]['nodes']:,} nodes")
    if notes:
        lines += ["", *notes]
    missed: list[str] = []
    last = results[-1]
    values = table[-1]
    checked = last["size"] >= TARGETS_FROM
    lines += ["", f"## Targets (at {last['facts']['triples']:,} triples)", ""]
    if not checked:
        lines += [f"Not checked: the targets are for 10^{len(str(TARGETS_FROM)) - 1} triples.", ""]
    checks: list[tuple[str, float, float, str]] = []
    if "orggraph query who-coordinates (process)" in values and "pyoxigraph load + query (process)" in values:
        ratio = (
            values["orggraph query who-coordinates (process)"][0]
            / values["pyoxigraph load + query (process)"][0]
        )
        checks.append(
            (
                "orggraph who-coordinates / raw pyoxigraph (same file, fresh processes)",
                ratio,
                TARGET_RATIO,
                "x",
            )
        )
    if "coordination load (records + table)" in values:
        checks.append(
            ("coordination load", values["coordination load (records + table)"][0], TARGET_LOAD_S, "s")
        )
    if "overlaps (records + detection)" in values:
        tasks = last["results"]["overlaps"][0]["tasks"]
        checks.append(
            (
                f"overlaps on {tasks:,} tasks",
                values["overlaps (records + detection)"][0],
                TARGET_OVERLAPS_S,
                "s",
            )
        )
    lines += ["| target | measured | limit | met |", "|---|---:|---:|:---:|"]
    for name, measured, limit, unit in checks:
        met = measured <= limit
        lines.append(f"| {name} | {measured:.2f} {unit} | {limit:g} {unit} | {'yes' if met else 'NO'} |")
        if not met and checked:
            missed.append(name)
    if len(results) >= 2:
        before, after = results[-2], results[-1]
        grow = after["facts"]["triples"] / before["facts"]["triples"]
        lines += [
            "",
            f"## Growth from {before['facts']['triples']:,} to {after['facts']['triples']:,} triples ({grow:.1f}x the data)",
            "",
            "| step | before | after | growth | within 12x |",
            "|---|---:|---:|---:|:---:|",
        ]
        for name in names:
            if name in table[-2] and name in table[-1] and name != "open":
                a, b = table[-2][name][0], table[-1][name][0]
                ratio = b / a if a else float("inf")
                ok = ratio <= TARGET_GROWTH
                lines.append(f"| {name} | {a:.2f} s | {b:.2f} s | {ratio:.1f}x | {'yes' if ok else 'NO'} |")
                if not ok and checked:
                    missed.append(f"growth of {name}")
    lines.append("")
    return "\n".join(lines), missed


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--sizes", default="1000,10000,100000,1000000", help="Target triples, comma-separated."
    )
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--steps", default=",".join(STEPS), help="Steps to run, comma-separated.")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "BENCHMARKS.md")
    parser.add_argument("--keep", type=Path, help="Keep the corpora and datasets under this folder.")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.work)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    steps = [s for s in args.steps.split(",") if s]
    if "build" not in steps:
        steps.insert(0, "build")
    results = []
    for size in sizes:
        chosen = [s for s in steps if s != "open" or (size == sizes[-1] and _browser_available())]
        if "open" in chosen and "render" not in chosen:
            chosen.remove("open")
        results.append(measure(size, args.repeats, chosen, args.keep))
    command = "python bench/scale.py " + " ".join(sys.argv[1:])
    text, missed = report(results, command.strip(), args.repeats)
    from orggraph.files import atomic_write

    atomic_write(args.out, text)
    print(text)
    if missed:
        print("missed: " + "; ".join(missed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

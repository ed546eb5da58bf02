"""The commands as users type them, end to end: from a graph file, a kept store, and a server.

For one synthetic corpus (``orggraph synth --seed 2018``, built with ``orggraph build``) the
script times, each in a fresh process (start-up, imports, reading, output included), the
median of ``--repeats`` runs and the process's peak memory:

- who-coordinates, the load table and the overlaps, read from the N-Quads file; from a store
  kept with ``--store-dir`` (made once, then reopened: its kept answers); through a plain
  Oxigraph server over that store (``oxigraph serve-read-only``: every query run by the
  server); and through ``orggraph serve --store-dir`` over it (kept answers at its front door);
- the raw pyoxigraph baseline: bulk-load the file and run who-coordinates, in one process;
- making the store; rendering the site from the file, with the site's size and largest page.

Every way must print the same bytes.  Targets (issue "Scale", checked from 1,000 plans, about
10^6 triples):
store reopen + who-coordinates <= 1 s; load <= 12 s and overlaps <= 30 s from the file;
render <= 60 s, site <= 100 MB, every page <= 5 MB; through ``orggraph serve --store-dir``
at most 1.5x the local store.  Exits 1 when a target is missed.

    .venv/bin/python bench/commands.py --out docs/END_TO_END.md     # 1,075 plans, 3 repeats
    .venv/bin/python bench/commands.py --plans 3 --repeats 1        # the suite's smoke run
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SEED = 2018
TARGETS_FROM = 1000  # plans (1,075 make about 10^6 triples)
TARGET_REOPEN_S = 1.0
TARGET_LOAD_S = 12.0
TARGET_OVERLAPS_S = 30.0
TARGET_RENDER_S = 60.0
TARGET_SITE_MB = 100.0
TARGET_PAGE_MB = 5.0
TARGET_SERVER_RATIO = 1.5
BIN = Path(sys.executable).parent
QUESTIONS = {
    "who-coordinates": ["query", "who-coordinates"],
    "load": ["load"],
    "overlaps": ["overlaps"],
}
BASELINE = """
import sys, pyoxigraph as ox
from orggraph.query.canned import bind, get
from orggraph.namespaces import PREFIXES
store = ox.Store()
store.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS)
rows = store.query(bind(get("who-coordinates").text, {}), prefixes=PREFIXES, use_default_graph_as_union=True)
print(sum(1 for _ in rows))
"""


def timed(command: list[str], cwd: Path) -> tuple[float, float, bytes]:
    """Run ``command``; its wall time (s), peak memory (MB) and standard output.

    The peak is the child's own (wait4), and this process stays small: a child's figure
    counts the pages of the process it was forked from."""
    begin = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.PIPE, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - begin
        process.returncode = os.waitstatus_to_exitcode(status)
        errors = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
        if process.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {errors.strip()[-500:]}")
        out.seek(0)
        return wall, usage.ru_maxrss / 1024, out.read()


@contextmanager
def server(command: list[str], url: str) -> Iterator[str]:
    # Imported here, late: this process stays small while the first children run (22 MB with
    # it, under every child's own peak).
    from orggraph.query.server import wait_until_up

    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(url, timeout=120, alive=lambda: process.poll() is None)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def _free_port() -> int:
    from orggraph.query.server import free_port

    return free_port()


def _site_figures(site: Path) -> tuple[float, float, str]:
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    largest = max(pages, key=lambda p: p.stat().st_size)
    return (
        sum(p.stat().st_size for p in files) / 1024 / 1024,
        largest.stat().st_size / 1024 / 1024,
        str(largest.relative_to(site)),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--plans", type=int, default=1075)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", type=Path, help="Write the report (Markdown) here too.")
    args = parser.parse_args()
    orggraph = str(BIN / "orggraph")
    lines: list[str] = []
    failed: list[str] = []

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    with tempfile.TemporaryDirectory(prefix="orggraph-bench-commands-") as folder:
        work = Path(folder)
        corpus, dataset, store = work / "corpus", work / "plans.nq", work / "store"
        subprocess.run(
            [orggraph, "synth", "--plans", str(args.plans), "--seed", str(SEED), "-o", str(corpus)],
            check=True,
            capture_output=True,
        )
        # Built and rendered from the work folder: the graph names each plan's source as
        # corpus/plan-….txt, and the site gets its source pages, as a user's would.
        subprocess.run([orggraph, "build", str(corpus), "-o", str(dataset), "-q"], check=True, cwd=work)
        with dataset.open("rb") as stream:
            triples = sum(1 for _ in stream)
        checked = args.plans >= TARGETS_FROM
        print(f"{args.plans:,} plans, {triples:,} triples", flush=True)

        runs: dict[tuple[str, str], list[tuple[float, float]]] = {}
        outputs: dict[tuple[str, str], bytes] = {}

        def measure(question: str, way: str, command: list[str], repeats: int = args.repeats) -> None:
            for _ in range(repeats):
                wall, peak, out = timed(command, work)
                runs.setdefault((question, way), []).append((wall, peak))
                outputs.setdefault((question, way), out)
                print(f"  {question:<16} {way:<24} {wall:7.2f} s {peak:7.0f} MB", flush=True)

        def ask(question: str, *source: str) -> list[str]:
            return [orggraph, *QUESTIONS[question], *source, "-f", "csv", "--timeout", "600"]

        measure("who-coordinates", "pyoxigraph (raw)", [sys.executable, "-c", BASELINE, str(dataset)])
        measure(
            "make the store",
            "store",
            [*ask("who-coordinates", "-g", str(dataset)), "--store-dir", str(store)],
            1,
        )
        for question in QUESTIONS:
            measure(question, "file", ask(question, "-g", str(dataset)))
            measure(question, "kept store", ask(question, "--store-dir", str(store)))
        plain = f"http://127.0.0.1:{_free_port()}/query"
        oxigraph = [str(BIN / "oxigraph"), "serve-read-only", "--location", str(store)]
        oxigraph += ["--bind", plain.split("/")[2], "--union-default-graph"]
        with server(oxigraph, plain):
            for question in QUESTIONS:
                measure(question, "Oxigraph server", ask(question, "--endpoint", plain))
        port = _free_port()
        ours = [orggraph, "serve", "--store-dir", str(store), "--port", str(port), "--timeout", "600"]
        with server(ours, f"http://127.0.0.1:{port}/query") as url:
            for question in QUESTIONS:
                measure(question, "orggraph serve", ask(question, "--endpoint", url))
        site = work / "site"
        measure("render", "file", [orggraph, "render", "-g", str(dataset), "-o", str(site)])
        site_mb, page_mb, page = _site_figures(site)

        for question in QUESTIONS:
            ways = {way for q, way in outputs if q == question and way != "pyoxigraph (raw)"}
            answers = {outputs[(question, way)] for way in ways}
            if len(answers) != 1:
                failed.append(f"{question}: the ways gave different answers ({', '.join(sorted(ways))})")

    def median(question: str, way: str) -> float:
        return statistics.median(wall for wall, _ in runs[(question, way)])

    say("# End to end: the commands as users type them")
    say()
    say("Written by `bench/commands.py`; do not edit by hand.  Each figure is the median wall time of")
    say(f"{args.repeats} fresh process(es) (start-up, imports, reading and output included) and that")
    say("process's peak memory.  Ways: the N-Quads file (`-g plans.nq`); a store kept with")
    say("`--store-dir` and reopened (its kept answers); a plain Oxigraph server over that store")
    say("(`oxigraph serve-read-only`: the server runs every query); `orggraph serve --store-dir` over")
    say("it (its front door gives the kept answers).  pyoxigraph (raw): bulk-load the file and run")
    say("who-coordinates in one process, the floor for reading a file.  Every way printed the same bytes")
    say("unless a line below says otherwise.")
    say()
    say(
        f"- machine: {platform.machine()}, {os.cpu_count()} cores, Linux {platform.release()}; Python {platform.python_version()}"
    )
    say(
        f"- corpus: {args.plans:,} synthetic plans (seed {SEED}), {triples:,} triples; run {time.strftime('%Y-%m-%d')}"
    )
    say(f"- command: `python bench/commands.py --plans {args.plans} --repeats {args.repeats}`")
    say()
    say("| question | way | wall (median) | peak memory |")
    say("|---|---|---:|---:|")
    for (question, way), results in runs.items():
        peak = statistics.median(p for _, p in results)
        say(f"| {question} | {way} | {median(question, way):.2f} s | {peak:,.0f} MB |")
    say()
    say(f"- site: {site_mb:.1f} MB; largest page {page_mb:.2f} MB ({page})")
    for question in QUESTIONS:
        ratio = median(question, "orggraph serve") / median(question, "kept store")
        plain_ratio = median(question, "Oxigraph server") / median(question, "kept store")
        say(
            f"- {question}: orggraph serve / kept store {ratio:.2f}x; plain Oxigraph server / kept store {plain_ratio:.2f}x"
        )
        if ratio > TARGET_SERVER_RATIO:
            failed.append(
                f"{question} through orggraph serve {ratio:.2f}x the kept store (> {TARGET_SERVER_RATIO}x)"
            )
    limits = [
        (median("who-coordinates", "kept store"), TARGET_REOPEN_S, "store reopen + who-coordinates"),
        (median("load", "file"), TARGET_LOAD_S, "load from the file"),
        (median("overlaps", "file"), TARGET_OVERLAPS_S, "overlaps from the file"),
        (median("render", "file"), TARGET_RENDER_S, "render"),
        (site_mb, TARGET_SITE_MB, "site MB"),
        (page_mb, TARGET_PAGE_MB, "largest page MB"),
    ]
    failed += [f"{name} {value:.2f} > {limit:g}" for value, limit, name in limits if value > limit]
    say()
    if not checked:
        # Same answers are checked at any size; speed and size only on a corpus worth measuring.
        failed = [f for f in failed if "different answers" in f]
        say(f"Not checked: the targets are for {TARGETS_FROM:,} plans or more.")
    say("targets: " + ("all met" if not failed else "MISSED: " + "; ".join(failed)))
    if args.out is not None:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

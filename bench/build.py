"""orggraph build on many plans: one worker against every core, and memory against plans.

For each corpus size (synthetic plans, ``orggraph synth --seed 2018``) the script builds the
corpus into one N-Quads dataset with ``--jobs 1`` and with ``--jobs N`` (every core), each run
in a fresh process, interleaved, and reports the median wall time and the peak memory of the
main process and of the largest worker.  Targets (issue "Scale"): with 2 cores at least 1.8x
faster than one worker; the main process's peak at the largest size at most 1.2x its peak at
the smallest (memory does not grow with the plans).  Exits 1 when a target is missed.

    .venv/bin/python bench/build.py                          # 108 and 1,075 plans, 3 repeats
    .venv/bin/python bench/build.py --plans 3 6 --repeats 1  # the CI smoke (targets not checked)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SEED = 2018
TARGET_SPEEDUP = 1.8
TARGET_MEMORY_GROWTH = 1.2
TARGETS_FROM = 1000  # plans: the targets are checked when the largest corpus is at least this


def child(corpus: Path, output: Path, jobs: int) -> dict[str, Any]:
    """Build in this process (the main process of the build); report its figures."""
    import resource

    from orggraph.pipeline import build_graph_file

    begin = time.perf_counter()
    built = build_graph_file([corpus], output, jobs=jobs)
    return {
        "build_s": time.perf_counter() - begin,
        "plans": built.plans,
        "triples": built.triples,
        "main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def run(corpus: Path, output: Path, jobs: int) -> dict[str, Any]:
    begin = time.perf_counter()
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(corpus), str(output), str(jobs)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall_s"] = time.perf_counter() - begin  # the process: start-up, imports, build, exit
    return result


def _digest(path: Path) -> str:
    """SHA-256 of a file read in chunks: this process stays small (see main)."""
    import hashlib

    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, nargs="+", default=[108, 1075])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--child", nargs=3, metavar=("CORPUS", "OUTPUT", "JOBS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(Path(args.child[0]), Path(args.child[1]), int(args.child[2]))))
        return 0
    rows = []
    with tempfile.TemporaryDirectory(prefix="orggraph-bench-build-") as folder:
        for plans in args.plans:
            corpus = Path(folder) / f"corpus-{plans}"
            # In a process of its own: a child's peak memory counts the pages of the process it
            # was forked from (ru_maxrss survives exec), so this one must stay small: it makes
            # no corpus and reads no output whole.
            orggraph = str(Path(sys.executable).parent / "orggraph")
            synth = [orggraph, "synth", "--plans", str(plans), "--seed", str(SEED), "-o", str(corpus)]
            subprocess.run(synth, check=True, capture_output=True)
            runs: dict[int, list[dict[str, Any]]] = {1: [], args.jobs: []}
            for _ in range(args.repeats):
                for jobs in runs:  # interleaved, so a noisy moment falls on both
                    runs[jobs].append(run(corpus, Path(folder) / f"plans-{plans}-{jobs}.nq", jobs))
                    print(f"  {plans:>6} plans, {jobs} job(s): {runs[jobs][-1]['wall_s']:.1f} s", flush=True)
            same = _digest(Path(folder) / f"plans-{plans}-1.nq") == _digest(
                Path(folder) / f"plans-{plans}-{args.jobs}.nq"
            )
            rows.append((plans, runs, same))
    print()
    print(f"orggraph build, N-Quads, medians of {args.repeats} run(s); {args.jobs} job(s) = every core")
    print()
    print(
        "| plans | triples | jobs | wall s | plans/s | speed-up | main peak MB | largest worker MB | same bytes |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|:---:|")
    failed = []
    mains = []
    for plans, runs, same in rows:
        one = statistics.median(r["wall_s"] for r in runs[1])
        for jobs, results in runs.items():
            wall = statistics.median(r["wall_s"] for r in results)
            main_mb = statistics.median(r["main_mb"] for r in results)
            worker = statistics.median(r["worker_mb"] for r in results) if jobs > 1 else 0.0
            print(
                f"| {plans:,} | {results[0]['triples']:,} | {jobs} | {wall:.1f} | {plans / wall:.1f} "
                f"| {one / wall:.2f}x | {main_mb:.0f} | {worker:.0f} | {'yes' if same else 'NO'} |"
            )
            if jobs > 1:
                mains.append(main_mb)
                if jobs >= 2 and plans == max(args.plans) and one / wall < TARGET_SPEEDUP:
                    failed.append(f"speed-up {one / wall:.2f}x < {TARGET_SPEEDUP}x at {plans} plans")
        if not same:
            failed.append(f"{plans} plans: --jobs 1 and --jobs {args.jobs} wrote different bytes")
    if len(mains) > 1 and mains[-1] > TARGET_MEMORY_GROWTH * mains[0]:
        failed.append(f"main peak grew {mains[-1] / mains[0]:.2f}x > {TARGET_MEMORY_GROWTH}x")
    print()
    if max(args.plans) < TARGETS_FROM:
        # Same bytes is checked at any size; speed and memory only on a corpus worth measuring.
        failed = [f for f in failed if "different bytes" in f]
        print(f"Not checked: the targets are for {TARGETS_FROM:,} plans or more.")
    print("targets: " + ("all met" if not failed else "MISSED: " + "; ".join(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

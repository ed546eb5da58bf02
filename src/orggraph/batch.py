"""Many plans into one dataset: read by a pool of worker processes, written as a stream, in
memory that does not grow with the number of plans.

Workers read and extract plans and turn each into N-Triples lines, split into the plan's
own triples (the plan, its sections, tasks and source: its named graph) and the triples
plans may share (bodies, places, cited acts).  The main process takes the results in the
order of the files, whatever order the workers finish in, and writes each plan's graph as
it comes; it keeps a bounded window of results in flight.  Shared triples are written once,
sorted, at the end: they are gathered in sorted runs on disk (an external sort) and merged,
so neither the plans nor the set of shared triples is ever held whole.  The same files give
the same bytes whatever the number of workers.

Turtle is the exception: it is one sorted document, so a Turtle build holds the graph.
"""

from __future__ import annotations

import heapq
import os
import signal
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TypeVar

__all__ = ["PlanResult", "SharedTriples", "default_jobs", "in_order", "read_for_build"]

T = TypeVar("T")
R = TypeVar("R")

# Shared triples held in memory before a sorted run of them goes to disk (a few MB), and
# how many runs of one size are merged into one larger run (so a corpus of any size keeps
# a few dozen files open, and each line is rewritten about log16(lines / RUN_LINES) times).
RUN_LINES = 10_000
FAN_IN = 16
# Results in flight per worker: enough to keep every worker busy while the writer catches up.
WINDOW_PER_JOB = 4


def default_jobs() -> int:
    """Every core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


@dataclass
class PlanResult:
    """What a worker hands back for one plan, as plain data the writer and the summary need."""

    path: str
    source_name: str
    name: str  # the plan's IRI: the name of its graph in a dataset
    own: list[str]  # N-Triples lines of the plan's own triples, sorted
    shared: list[str]  # N-Triples lines of triples other plans may share, sorted
    tasks: int
    warnings: list[str]
    summary: str  # orggraph build's summary of the plan ("" unless asked)
    report: dict[str, object] | None  # its entry in the reading report, when asked
    text: str | None  # the text it was read from, when asked
    plan: Any = None  # the Plan itself, for Turtle output only


def read_for_build(
    path: str,
    *,
    whole: bool = False,
    summary: bool = False,
    alone: bool = False,
    report: bool = False,
    text: bool = False,
) -> PlanResult:
    """Read one plan file and draw its graph (run in a worker).  ``whole``: hand back the
    Plan rather than its lines (Turtle output); ``summary``: with its summary, which counts
    its triples when the plan is ``alone`` in the build (they are then all the file's)."""
    from .build import plan_graph, plan_iri
    from .pipeline import read_plan_and_text, summarise
    from .read.report import plan_report
    from .store import to_ntriples

    plan, source = read_plan_and_text(Path(path))
    name = str(plan_iri(plan))
    own: list[str] = []
    shared: list[str] = []
    lines: list[str] = []
    if not whole:
        lines = to_ntriples(plan_graph(plan)).splitlines()
        inside = (f"<{name}>", f"<{name}/")
        for line in lines:
            (own if line.startswith(inside) else shared).append(line)
    return PlanResult(
        path=path,
        source_name=plan.source_name,
        name=name,
        own=own,
        shared=shared,
        tasks=len(plan.tasks),
        warnings=[str(w) for w in plan.warnings],
        summary=summarise(plan, triples=len(lines) if alone else None) if summary else "",
        report=plan_report(plan) if report else None,
        text=source if text else None,
        plan=plan if whole else None,
    )


_STOPS = {signal.SIGINT, signal.SIGTERM}


def _leave_ctrl_c_to_the_main_process() -> None:
    """In a worker: Ctrl-C reaches the whole process group; the main process answers it (exit
    130, one line) and stops the pool, so a worker ignores it rather than print a traceback.
    SIGTERM, which the main process sends to stop a worker, ends it (the main process's own
    handler, inherited, would only interrupt the plan at hand)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)  # blocked while the pool forked it


def in_order(work: Callable[[T], R], items: Iterable[T], jobs: int) -> Iterator[R]:
    """``work(item)`` for each item, in the items' order, on ``jobs`` worker processes (in this
    process when 1), with at most a few results per worker waiting.  An error in a worker is
    raised here, and the work not yet started is dropped."""
    if jobs <= 1:
        for item in items:
            yield work(item)
        return
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_leave_ctrl_c_to_the_main_process)
    try:
        pending: deque[Future[R]] = deque()
        source = iter(items)
        # The first submit forks the workers: Ctrl-C or SIGTERM arriving then would strike a
        # worker before it is set up (and could hang the pool), so they wait until it is.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
        try:
            for item in source:
                pending.append(pool.submit(work, item))
                if len(pending) >= jobs * WINDOW_PER_JOB:
                    break
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        while pending:
            result = pending.popleft().result()
            for item in source:
                pending.append(pool.submit(work, item))
                break
            yield result
    except BaseException:
        # Ctrl-C, SIGTERM, an error, or the reader stopped: the workers are stopped, not waited
        # for (waiting on a pool interrupted mid-call can hang, and leave workers behind).
        _stop_workers(pool)
        raise
    pool.shutdown(wait=True)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Terminate the pool's worker processes and wait until they have ended."""
    processes = list((getattr(pool, "_processes", None) or {}).values())  # where CPython keeps them
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=10)


class SharedTriples:
    """The triples plans share, gathered from every plan and given back once each, sorted,
    in bounded memory: up to RUN_LINES lines in memory, the rest in sorted runs on disk."""

    def __init__(self, run_lines: int = RUN_LINES, fan_in: int = FAN_IN) -> None:
        self._run_lines = run_lines
        self._fan_in = fan_in
        self._held: set[str] = set()
        self._runs: list[tuple[int, Path]] = []  # (level, file): level k holds about fan_in**k runs
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._made = 0

    def add(self, lines: Iterable[str]) -> None:
        self._held.update(lines)
        if len(self._held) >= self._run_lines:
            self._spill()

    def _new_run(self) -> Path:
        if self._folder is None:
            self._folder = tempfile.TemporaryDirectory(prefix="orggraph-build-")
        self._made += 1
        return Path(self._folder.name) / f"run-{self._made:06d}.nt"

    def _spill(self) -> None:
        run = self._new_run()
        with run.open("w", encoding="utf-8", newline="\n") as stream:
            stream.writelines(line + "\n" for line in sorted(self._held))
        self._runs.append((0, run))
        self._held.clear()
        # Runs of one level, once fan_in of them, become one run of the next.
        while True:
            level = self._runs[-1][0]
            same = [run for run in self._runs if run[0] == level]
            if len(same) < self._fan_in:
                break
            merged = self._new_run()
            with merged.open("w", encoding="utf-8", newline="\n") as stream:
                stream.writelines(line + "\n" for line in self._merge([path for _, path in same], []))
            for _, path in same:
                path.unlink()
            self._runs = [run for run in self._runs if run[0] != level] + [(level + 1, merged)]

    @staticmethod
    def _merge(paths: list[Path], held: list[str]) -> Iterator[str]:
        with ExitStack() as files:
            streams: list[Iterable[str]] = []
            for path in paths:
                handle: IO[str] = files.enter_context(path.open(encoding="utf-8", newline="\n"))
                streams.append(line.rstrip("\n") for line in handle)
            streams.append(held)
            last = None
            for line in heapq.merge(*streams):
                if line != last:
                    yield line
                    last = line

    def lines(self) -> Iterator[str]:
        """Every line once, in sorted order (each ends without a newline)."""
        yield from self._merge([path for _, path in self._runs], sorted(self._held))

    def close(self) -> None:
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None
        self._runs.clear()
        self._held.clear()

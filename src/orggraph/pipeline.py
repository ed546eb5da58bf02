"""The main job end to end: read a plan file, extract it, build and write its graph.

These are the functions the CLI and notebooks call; each step is also
importable on its own (:func:`orggraph.read.extract.extract_plan`,
:func:`orggraph.build.plan_graph`, :func:`orggraph.store.save_graph`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from .batch import PlanResult, SharedTriples, default_jobs, in_order, read_for_build
from .build import plan_graph
from .errors import InputError, OrgGraphError
from .files import atomic_stream
from .gazetteer import Gazetteer
from .model import Plan, Recurrence
from .read.extract import extract_plan
from .read.inputs import SUFFIXES, read_source
from .store import save_graph, turtle_prefixes

__all__ = [
    "Built",
    "OUTPUT_FORMATS",
    "build_graph_file",
    "plan_sources",
    "project_root",
    "read_plan",
    "read_plan_and_text",
    "read_text",
    "source_name_for",
    "source_path",
    "summarise",
]


def project_root(path: Path) -> Path | None:
    """The work tree of the version-control repository holding ``path`` (a folder with
    ``.git``), or None."""
    for folder in [path, *path.parents]:
        if (folder / ".git").exists():
            return folder
    return None


def source_name_for(path: Path) -> str:
    """How the graph names a source file: relative to its repository's root if it is in one,
    else relative to the working folder if inside it, else its bare name.

    Never an absolute path, and the same wherever the command runs from, so graphs built on
    two machines or from two folders are the same.
    """
    resolved = Path(path).resolve()
    root = project_root(resolved.parent)
    for base in ([root] if root else []) + [Path.cwd().resolve()]:
        try:
            return resolved.relative_to(base).as_posix()
        except ValueError:
            continue
    return resolved.name


def source_path(name: str, root: Path) -> Path | None:
    """The file a graph's source name stands for (the inverse of :func:`source_name_for`):
    under ``root``, else under the repository the working folder is in; None if neither has it."""
    repository = project_root(Path.cwd().resolve())
    for base in [root] + ([repository] if repository else []):
        candidate = base / name
        # Only a regular file inside the folder: a name from a graph never leads outside it.
        if candidate.is_file() and candidate.resolve().is_relative_to(base.resolve()):
            return candidate
    return None


def read_text(path: Path) -> str:
    """The text the reader reads from a plan file of any format (.txt, .md, .html, .docx,
    .pdf; see :mod:`orggraph.read.inputs`), with one-line errors."""
    return read_source(Path(path))


def read_plan_and_text(
    path: Path, *, source_name: str | None = None, gazetteer: Gazetteer | None = None
) -> tuple[Plan, str]:
    """Read and extract one plan file; the plan and the text it was read from."""
    path = Path(path)
    text = read_text(path)
    try:
        plan = extract_plan(text, source_name=source_name or source_name_for(path), gazetteer=gazetteer)
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from None
    return plan, text


def read_plan(path: Path, *, source_name: str | None = None, gazetteer: Gazetteer | None = None) -> Plan:
    """Read and extract one plan file."""
    return read_plan_and_text(path, source_name=source_name, gazetteer=gazetteer)[0]


OUTPUT_FORMATS = {".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".trig": "trig"}


def plan_sources(sources: list[Path]) -> list[Path]:
    """The plan files ``sources`` name: files as given, folders as their plan files (.txt, .md,
    .html, .docx, .pdf), sorted."""
    out: list[Path] = []
    for source in sources:
        source = Path(source)
        if source.is_dir():
            found = sorted(p for p in source.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not found:
                raise InputError(f"{source}: no plan files (.txt, .md, .html, .docx, .pdf) in this folder")
            out.extend(found)
        else:
            out.append(source)
    if not out:
        raise OrgGraphError("no plan files given")
    return out


@dataclass
class Built:
    """What a build read and wrote: counts, and what the command prints."""

    plans: int
    tasks: int
    triples: int
    warned: int  # plans with warnings
    summaries: list[str]  # each plan's summary, for up to SUMMARIES_UP_TO plans
    reports: list[dict[str, object]] | None = None  # the reading report's entries, when asked


# Summaries are printed plan by plan up to this many plans; beyond, one line of totals.
SUMMARIES_UP_TO = 20


def build_graph_file(
    sources: list[Path],
    output: Path,
    *,
    fmt: str | None = None,
    jobs: int | None = None,
    progress: Callable[[PlanResult], None] | None = None,
    keep_texts: bool = False,
    report: bool = False,
) -> Built:
    """Extract every source and write one dataset to ``output`` (atomically, only on success).

    ``jobs`` worker processes read the plans (default: every core; see :mod:`orggraph.batch`).
    N-Triples, N-Quads and TriG are streamed plan by plan in the order of the files, in
    memory that does not grow with the number of plans; Turtle holds one graph in memory and
    writes it sorted.  In N-Quads and TriG each plan's own triples (the plan, its sections,
    tasks and source) are its named graph, and what plans share (bodies, places, cited acts)
    is written once, sorted, in the default graph after them: a store that queries the union
    of all graphs sees every triple once.  ``progress`` gets each plan's result as it is
    written (its warnings, and its text with ``keep_texts``).
    """
    output = Path(output)
    if output.exists() and output.is_dir():
        raise OrgGraphError(f"{output}: is a folder; give a file name such as {output / 'plans.ttl'}")
    fmt = fmt or OUTPUT_FORMATS.get(output.suffix.lower())
    if fmt not in OUTPUT_FORMATS.values():
        raise OrgGraphError(f"{output}: cannot tell the format; use .ttl, .nt, .nq or .trig, or --format")
    paths = [str(p) for p in plan_sources(sources)]
    workers = max(1, min(jobs or default_jobs(), len(paths)))
    summaries = len(paths) <= SUMMARIES_UP_TO
    work = partial(
        read_for_build,
        whole=fmt == "turtle",
        summary=summaries and fmt != "turtle",  # Turtle: summarised here, where the graph is
        alone=len(paths) == 1,
        report=report,
        text=keep_texts,
    )
    built = Built(plans=0, tasks=0, triples=0, warned=0, summaries=[], reports=[] if report else None)

    def tally(result: PlanResult) -> None:
        built.plans += 1
        built.tasks += result.tasks
        built.warned += 1 if result.warnings else 0
        if result.summary:
            built.summaries.append(result.summary)
        if built.reports is not None and result.report is not None:
            built.reports.append(result.report)
        if progress:
            progress(result)

    if fmt == "turtle":
        graph = None
        for result in in_order(work, paths, workers):
            graph = plan_graph(result.plan, graph)
            if summaries:  # one plan alone: its summary counts the triples of the file
                result.summary = summarise(result.plan, triples=len(graph) if len(paths) == 1 else None)
            result.plan = None
            tally(result)
        assert graph is not None
        save_graph(graph, output, fmt="turtle")  # as asked, whatever the extension
        built.triples = len(graph)
        return built
    shared = SharedTriples()
    try:
        with atomic_stream(output) as stream:
            if fmt == "trig":
                stream.write(turtle_prefixes())
            for result in in_order(work, paths, workers):
                if fmt == "trig":
                    stream.write(f"<{result.name}> {{\n")
                    stream.writelines(line + "\n" for line in result.own)
                    stream.write("}\n\n")
                elif fmt == "nquads":
                    suffix = f" <{result.name}> .\n"
                    stream.writelines(line[:-2] + suffix for line in result.own)
                else:
                    stream.writelines(line + "\n" for line in result.own)
                built.triples += len(result.own)
                shared.add(result.shared)
                tally(result)
            for line in shared.lines():
                stream.write(line + "\n")
                built.triples += 1
    finally:
        shared.close()
    return built


def summarise(plan: Plan, *, triples: int | None = None) -> str:
    """A short text summary: tasks per section, bodies, roles, timeframes, warnings."""
    issuers = ", ".join(plan.bodies[i].name_vi for i in plan.issuers) or "issuer unknown"
    if plan.jurisdiction_vi:
        kind = "thành phố" if Gazetteer.load().is_city(plan.jurisdiction_vi) else "tỉnh"
        issuers += f" ({kind} {plan.jurisdiction_vi})"
    date = plan.issued.isoformat() if plan.issued else "undated"
    lines = [
        f"{plan.doc_type} {plan.identifier} ({date}), {issuers}",
        f"  {len(plan.tasks)} tasks in {len(plan.sections)} sections; {len(plan.bodies)} bodies named"
        + (f"; {triples} triples" if triples is not None else ""),
        "  tasks per section:",
    ]
    per_section = Counter(task.section for task in plan.tasks)
    for section in plan.sections:
        if per_section[section.key]:
            title = section.title if len(section.title) <= 60 else section.title[:57] + "..."
            lines.append(f"    {section.key:<12} {per_section[section.key]:>3}  {title}")
    roles: Counter[str] = Counter()
    for task in plan.tasks:
        roles["responsible"] += len(task.responsible)
        roles["lead"] += len(task.lead)
        roles["partner"] += len(task.partner)
        roles["reports to"] += len(task.reports_to)
    lines.append("  roles: " + ", ".join(f"{name} {count}" for name, count in roles.items()))
    timed = [t.timeframe for t in plan.tasks if t.timeframe is not None]
    periodic = sum(
        1 for t in timed if t.recurrence in (Recurrence.QUARTERLY, Recurrence.MONTHLY, Recurrence.WEEKLY)
    )
    lines.append(
        "  timeframes: "
        f"{sum(1 for t in timed if t.due)} with a due date, "
        f"{sum(1 for t in timed if t.start and not t.due)} open-ended from a start date, "
        f"{sum(1 for t in timed if t.recurrence is Recurrence.CONTINUOUS)} continuous, "
        f"{sum(1 for t in timed if t.recurrence is Recurrence.ANNUAL)} annual, "
        + (f"{periodic} quarterly, monthly or weekly, " if periodic else "")
        + f"{sum(1 for t in timed if t.condition)} conditional, "
        f"{len(plan.tasks) - len(timed)} without"
    )
    lines.append(f"  warnings: {len(plan.warnings) or 'none'}")
    return "\n".join(lines)

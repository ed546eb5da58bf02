"""The main job end to end: read a plan file, extract it, build and write its graph.

These are the functions the CLI and notebooks call; each step is also
importable on its own (:func:`orggraph.extract.extract_plan`,
:func:`orggraph.build.plan_graph`, :func:`orggraph.store.save_graph`).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from rdflib import Graph

from .build import plan_graph
from .errors import InputError, OrgGraphError
from .extract import extract_plan
from .gazetteer import Gazetteer
from .model import Plan, Recurrence
from .store import save_graph

__all__ = ["build_graph_file", "read_plan", "read_text", "source_name_for", "summarise"]


def source_name_for(path: Path) -> str:
    """How the graph names a source file: relative to the working folder if inside it, else its name.

    Never an absolute path, so graphs built on two machines are the same.
    """
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return resolved.name


def read_text(path: Path) -> str:
    """Read a plan file as UTF-8 (a byte-order mark is dropped), with one-line errors."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a plan text")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None
    return text.removeprefix("\ufeff")


def read_plan(path: Path, *, source_name: str | None = None, gazetteer: Gazetteer | None = None) -> Plan:
    """Read and extract one plan file."""
    path = Path(path)
    text = read_text(path)
    try:
        return extract_plan(text, source_name=source_name or source_name_for(path), gazetteer=gazetteer)
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from None


def build_graph_file(sources: list[Path], output: Path) -> tuple[list[Plan], Graph]:
    """Extract every source and write one graph to ``output`` (atomically, only on success)."""
    if not sources:
        raise OrgGraphError("no plan files given")
    plans = [read_plan(path) for path in sources]
    graph = plan_graph(plans[0])
    for plan in plans[1:]:
        plan_graph(plan, graph)
    output = Path(output)
    if output.exists() and output.is_dir():
        raise OrgGraphError(f"{output}: is a folder; give a file name such as {output / 'plans.ttl'}")
    save_graph(graph, output)
    return plans, graph


def summarise(plan: Plan, *, triples: int | None = None) -> str:
    """A short text summary: tasks per section, bodies, roles, timeframes, warnings."""
    issuers = ", ".join(plan.bodies[i].name_vi for i in plan.issuers) or "issuer unknown"
    if plan.jurisdiction_vi:
        issuers += f" (tỉnh {plan.jurisdiction_vi})"
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
    lines.append(
        "  timeframes: "
        f"{sum(1 for t in timed if t.due)} with a due date, "
        f"{sum(1 for t in timed if t.start and not t.due)} open-ended from a start date, "
        f"{sum(1 for t in timed if t.recurrence is Recurrence.CONTINUOUS)} continuous, "
        f"{sum(1 for t in timed if t.recurrence is Recurrence.ANNUAL)} annual, "
        f"{sum(1 for t in timed if t.condition)} conditional, "
        f"{len(plan.tasks) - len(timed)} without"
    )
    lines.append(f"  warnings: {len(plan.warnings) or 'none'}")
    return "\n".join(lines)

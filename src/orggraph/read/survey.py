"""A survey of many plans: what the reader made of each, as one Markdown table.

For every text given (files, or folders of ``*.txt``), the plan is read as ``orggraph build``
reads it; the row shows the exit code the build would give, tasks, tasks with a lead, bodies
(provisional in brackets) and the reading report's counts.  A text that is not a plan gets
exit 2 and dashes.  It is the developer's view of a corpus nobody annotated:

    python -m orggraph.read.survey ../shared/corpus ../shared/corpus/dev
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..errors import InputError

__all__ = ["survey", "survey_table"]

HEADER = (
    "| document | exit | tasks | with lead | bodies (provisional) | provisional mentions |"
    " unresolved subjects | unread role lines | tables not read |"
)


def _texts(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        out.extend(sorted(path.glob("*.txt")) if path.is_dir() else [path])
    return out


def survey(paths: list[Path]) -> list[dict[str, object]]:
    """One record per text: exit code and the counts the table shows."""
    from ..pipeline import read_plan

    rows: list[dict[str, object]] = []
    for path in _texts(paths):
        try:
            plan = read_plan(path, source_name=path.name)
        except InputError as exc:
            rows.append({"document": path.stem, "exit": 2, "error": str(exc)})
            continue
        counts = Counter(w.kind for w in plan.warnings)
        rows.append(
            {
                "document": path.stem,
                "exit": 0,
                "tasks": len(plan.tasks),
                "with_lead": sum(1 for t in plan.tasks if t.lead),
                "bodies": len(plan.bodies),
                "provisional": sum(1 for b in plan.bodies.values() if b.provisional),
                "provisional_mentions": counts["provisional-body"],
                "unresolved": counts["unresolved-subject"],
                "unread": counts["unread-roles"],
                "tables": counts["table"],
            }
        )
    return rows


def survey_table(rows: list[dict[str, object]]) -> str:
    lines = [HEADER, "|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        if row["exit"]:
            lines.append(f"| {row['document']} | {row['exit']} | – | – | – | – | – | – | – |")
            continue
        lines.append(
            f"| {row['document']} | 0 | {row['tasks']} | {row['with_lead']} | {row['bodies']}"
            f" ({row['provisional']}) | {row['provisional_mentions']} | {row['unresolved']} |"
            f" {row['unread']} | {row['tables']} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover - a developer's report
    import sys

    print(survey_table(survey([Path(p) for p in sys.argv[1:]] or [Path("tests/corpus")])))

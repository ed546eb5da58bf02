"""Role precision and recall of a reading against a hand-made gold annotation.

A gold file (``docs/GOLD.md`` gives the format) lists each task by the line its text
starts on, with the bodies the text names in each role, written as the text writes them.
A *role fact* is (line, role, body).  A fact the reader states matches a gold fact when
it is on the same line and role and the gold name is one of the names the reader knows
the body by (its names, abbreviations and the surface forms the plan used), compared on
syllable keys so case and tone-mark style do not matter.

>>> from orggraph.read.extract import extract_plan
>>> plan = extract_plan(
...     "TỈNH ỦY HÀ GIANG\\nSố 12-KH/TU\\nHà Giang, ngày 05 tháng 3 năm 2018\\nKẾ HOẠCH\\n"
...     "I- NHIỆM VỤ\\n1- Ban Tổ chức Tỉnh ủy\\n- Chủ trì, phối hợp với VPTU tham mưu đề án.\\n",
...     source_name="toy.txt")
>>> gold = Gold("toy.txt", [GoldTask(7, "Chủ trì", {"responsible": ["Ban Tổ chức Tỉnh ủy"],
...     "lead": ["Ban Tổ chức Tỉnh ủy"], "partner": ["VPTU"], "reports_to": []})])
>>> score = score_plan(plan, gold)
>>> (score.total.right, score.total.found, score.total.expected)
(3, 3, 3)
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..model import Plan
from ..text import nfc, phrase_key

__all__ = ["ROLES", "Counts", "Gold", "GoldTask", "Score", "read_gold", "score_plan"]

ROLES = ("responsible", "lead", "partner", "reports_to")


@dataclass(frozen=True)
class GoldTask:
    line: int
    quote: str
    roles: dict[str, list[str]]
    due: str | None = None
    timeframe: str | None = None


@dataclass(frozen=True)
class Gold:
    document: str
    tasks: list[GoldTask]


@dataclass
class Counts:
    """Facts expected (gold), found (reader) and right (both)."""

    expected: int = 0
    found: int = 0
    right: int = 0

    def add(self, other: Counts) -> None:
        self.expected += other.expected
        self.found += other.found
        self.right += other.right

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score:
    """Counts per role and in total, with the facts that differ (for reading the errors)."""

    document: str
    by_role: dict[str, Counts] = field(default_factory=dict)
    total: Counts = field(default_factory=Counts)
    missed: list[tuple[int, str, str]] = field(default_factory=list)
    wrong: list[tuple[int, str, str]] = field(default_factory=list)
    due: Counts = field(default_factory=Counts)
    tasks: int = 0


def read_gold(path: Path) -> Gold:
    """Read a gold TOML file; one-line :class:`InputError` when it is malformed."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        tasks = [
            GoldTask(
                line=int(t["line"]),
                quote=nfc(t.get("quote", "")),
                roles={role: [nfc(n) for n in t.get(role, [])] for role in ROLES},
                due=t.get("due"),
                timeframe=t.get("timeframe"),
            )
            for t in raw.get("task", [])
        ]
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{path}: not a gold annotation ({exc})") from exc
    return Gold(raw.get("document", path.stem), tasks)


def _labels(plan: Plan) -> dict[tuple[str, str], set[tuple[str, ...]]]:
    out: dict[tuple[str, str], set[tuple[str, ...]]] = {}
    for ident, body in plan.bodies.items():
        names = {body.name_vi, *body.aliases, *body.abbreviations, *plan.surface_forms.get(ident, ())}
        out[ident] = {phrase_key(n) for n in names}
    return out


def score_plan(plan: Plan, gold: Gold) -> Score:
    """Compare the plan's role facts with the gold's, line by line."""
    labels = _labels(plan)
    found: dict[tuple[int, str], list[tuple[str, str]]] = defaultdict(list)
    for task in plan.tasks:
        for role in ROLES:
            for ident in getattr(task, role):
                if ident not in found[(task.line, role)]:
                    found[(task.line, role)].append(ident)
    expected: dict[tuple[int, str], list[str]] = defaultdict(list)
    dues: dict[int, str] = {}
    for gold_task in gold.tasks:
        for role in ROLES:
            for name in gold_task.roles[role]:
                if name not in expected[(gold_task.line, role)]:
                    expected[(gold_task.line, role)].append(name)
        if gold_task.due:
            dues[gold_task.line] = gold_task.due
    score = Score(gold.document, {role: Counts() for role in ROLES}, tasks=len(gold.tasks))
    for key in sorted(set(found) | set(expected)):
        line, role = key
        bodies = list(found.get(key, []))
        counts = Counts(expected=len(expected.get(key, [])), found=len(bodies))
        for name in expected.get(key, []):
            wanted = phrase_key(name)
            hit = next((b for b in bodies if wanted in labels.get(b, set())), None)
            if hit is None:
                score.missed.append((line, role, name))
            else:
                bodies.remove(hit)
                counts.right += 1
        for ident in bodies:
            score.wrong.append((line, role, plan.bodies[ident].name_vi if ident in plan.bodies else ident[1]))
        score.by_role[role].add(counts)
        score.total.add(counts)
    task_dues = {t.line: t.timeframe.due.isoformat() for t in plan.tasks if t.timeframe and t.timeframe.due}
    score.due = Counts(
        expected=len(dues),
        found=sum(1 for line in task_dues if line in {g.line for g in gold.tasks}),
        right=sum(1 for line, due in dues.items() if _same_due(task_dues.get(line), due)),
    )
    return score


def _same_due(found: str | None, gold: str) -> bool:
    """Gold writes "trước ngày 01/01/2026" as the day named; the reader's due is the day before."""
    if found is None:
        return False
    return found == gold or dt.date.fromisoformat(found) + dt.timedelta(days=1) == dt.date.fromisoformat(gold)


def score_folder(folder: Path) -> list[tuple[Plan, Score]]:
    """Read every ``*.txt`` of ``folder`` that has a gold file in ``folder/gold`` and score it."""
    from ..pipeline import read_plan

    out = []
    for gold_path in sorted((folder / "gold").glob("*.toml")):
        text = folder / f"{gold_path.stem}.txt"
        plan = read_plan(text, source_name=text.name)
        out.append((plan, score_plan(plan, read_gold(gold_path))))
    return out


def markdown_table(results: list[tuple[Plan, Score]]) -> str:
    """One row per document: tasks, role facts, precision, recall, F1, due dates right."""
    rows = [
        "| document | tasks (gold / read) | role facts (gold / read / right) | precision | recall | F1 |"
        " due dates right |",
        "|---|---|---|---|---|---|---|",
    ]
    for plan, score in results:
        total = score.total
        rows.append(
            f"| {score.document} | {score.tasks} / {len(plan.tasks)} | {total.expected} / {total.found} /"
            f" {total.right} | {total.precision:.1%} | {total.recall:.1%} | {total.f1:.1%} |"
            f" {score.due.right} / {score.due.expected} |"
        )
    return "\n".join(rows)


if __name__ == "__main__":  # pragma: no cover - a developer's report
    import sys

    results = score_folder(Path(sys.argv[1] if len(sys.argv) > 1 else "tests/corpus"))
    print(markdown_table(results))
    if "-v" in sys.argv:
        for _plan, score in results:
            print(f"\n## {score.document}")
            for line, role, name in score.missed:
                print(f"  missed {line} {role}: {name}")
            for line, role, name in score.wrong:
                print(f"  wrong  {line} {role}: {name}")

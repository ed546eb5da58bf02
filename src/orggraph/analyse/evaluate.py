"""Precision and recall of the overlap search against a hand annotation.

An annotation file (TOML) lists ``[[measure]]`` groups of task keys, ``[[general]]``
general tasks with the specific tasks that repeat them, and ``[[uncertain]]``
pairs that count neither way.  Scores are over pairs of tasks: a found pair is
right when the annotation puts both tasks in one measure (or the general task
with its specific one).

>>> from orggraph.analyse.toy import toy_plan
>>> from orggraph.analyse.overlaps import find_overlaps
>>> gold = Annotation(measures=[{"III.1.1", "III.2.1"}], general=[], uncertain=[])
>>> score = evaluate(find_overlaps(toy_plan()), toy_plan(), gold)
>>> score.measures.precision, score.measures.recall
(1.0, 1.0)
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from ..errors import InputError
from .data import PlanData
from .overlaps import OverlapReport

__all__ = ["Annotation", "Evaluation", "Score", "evaluate", "read_annotation"]


@dataclass
class Annotation:
    measures: list[set[str]]
    general: list[tuple[str, set[str]]]
    uncertain: list[frozenset[str]]

    def measure_pairs(self) -> set[frozenset[str]]:
        return {frozenset(p) for m in self.measures for p in combinations(sorted(m), 2)}

    def general_pairs(self) -> set[frozenset[str]]:
        return {frozenset((g, s)) for g, specific in self.general for s in specific}


@dataclass(frozen=True)
class Score:
    found: int
    right: int
    expected: int
    ignored: int

    @property
    def precision(self) -> float:
        return round(self.right / self.found, 3) if self.found else 1.0

    @property
    def recall(self) -> float:
        return round(self.right / self.expected, 3) if self.expected else 1.0


@dataclass(frozen=True)
class Evaluation:
    measures: Score
    general: Score
    missed: tuple[tuple[str, str], ...]
    wrong: tuple[tuple[str, str], ...]


def read_annotation(path: Path) -> Annotation:
    """Read an annotation file; a missing or malformed file is an :class:`InputError`."""
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not a TOML annotation ({exc})") from None
    try:
        return Annotation(
            measures=[set(m["tasks"]) for m in raw.get("measure", [])],
            general=[(g["general"], set(g["specific"])) for g in raw.get("general", [])],
            uncertain=[frozenset(u["tasks"]) for u in raw.get("uncertain", [])],
        )
    except (KeyError, TypeError) as exc:
        raise InputError(f"{path}: annotation entry without {exc}") from None


def _score(
    found: set[frozenset[str]], expected: set[frozenset[str]], uncertain: set[frozenset[str]]
) -> Score:
    judged = {p for p in found if p not in uncertain or p in expected}
    return Score(len(judged), len(judged & expected), len(expected), len(found) - len(judged))


def evaluate(report: OverlapReport, data: PlanData, gold: Annotation) -> Evaluation:
    """Pairwise precision and recall of ``report`` against ``gold``."""
    key = {t.iri: t.key for t in data.tasks.values()}
    found_measures = {frozenset(p) for m in report.measures for p in combinations(m.keys, 2)}
    found_general = {frozenset((key[p.a], key[p.b])) for p in report.general_pairs}
    uncertain = set(gold.uncertain)
    expected_measures, expected_general = gold.measure_pairs(), gold.general_pairs()
    missed = sorted(
        tuple(sorted(p)) for p in (expected_measures - found_measures) | (expected_general - found_general)
    )
    wrong = sorted(
        tuple(sorted(p))
        for p in (found_measures - expected_measures) | (found_general - expected_general)
        if p not in uncertain
    )
    return Evaluation(
        measures=_score(found_measures, expected_measures, uncertain),
        general=_score(found_general, expected_general, uncertain),
        missed=tuple((a, b) for a, b in missed),
        wrong=tuple((a, b) for a, b in wrong),
    )

"""Vietnamese-aware text similarity of tasks, with candidate blocking.

A task's *measure text* is its text without what says who and when: body names
(every label the graph gives the bodies it names), the role phrases ("chủ trì",
"phối hợp với", "tham mưu cho", …) and the timeframe parenthetical.  What is
left is compared as sets of syllable bigrams with diacritics folded, weighted
by inverse document frequency over the plan's tasks, so "tinh gọn bộ máy"
counts for more than "thực hiện".

Two scores come out: cosine (both texts alike) and containment (the shorter
text inside the longer one: a short task repeated inside a longer task).

Pairs are only scored when they share a bigram that is rare in the corpus
(an inverted index): the cost grows with the number of tasks times the
postings of rare bigrams, not with the square of the tasks.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..text import fold_diacritics, tokenize
from .data import PlanData, TaskRecord

__all__ = ["MeasureText", "Similarity", "measure_text"]

# Words that say who does what role, or that every task uses; they carry no measure.
_ROLE_PHRASES = [
    "chu tri",
    "phoi hop voi",
    "phoi hop",
    "tham muu cho",
    "tham muu",
    "lanh dao",
    "chi dao",
    "huong dan",
    "giup",
    "bao cao",
    "theo doi",
    "don doc",
]
_STOP = set(
    "va cac cua voi cho de theo o nhung la trong tren tu co duoc mot so ve nay do khi thi ma tai "
    "thuc hien viec to chuc dam bao bao dam".split()
)
_TRAILING_PARENS = re.compile(r"\(([^()]*)\)\s*[.;,]?\s*$")


@dataclass
class MeasureText:
    """A task's measure text: its folded words, with their spans, in runs between removed parts."""

    text: str
    runs: list[list[tuple[str, int, int]]]

    def bigrams(self) -> set[tuple[str, str]]:
        out: set[tuple[str, str]] = set()
        for run in self.runs:
            words = [folded for folded, _, _ in run if folded not in _STOP]
            out.update(zip(words, words[1:], strict=False))
        return out


def _spans_of(folded: list[str], phrase: list[str]) -> Iterable[int]:
    width = len(phrase)
    for start in range(len(folded) - width + 1):
        if folded[start : start + width] == phrase:
            yield start


def measure_text(task: TaskRecord, names: Iterable[str]) -> MeasureText:
    """The measure text of ``task``; ``names`` are the labels of the bodies it names."""
    text = _TRAILING_PARENS.sub("", task.text)
    tokens = [t for t in tokenize(text) if re.match(r"\w", t.text)]
    words = [t.text for t in tokens]
    folded = [fold_diacritics(w) for w in words]
    removed = [False] * len(words)
    phrases = [fold_diacritics(n).replace(",", " ").split() for n in names]
    phrases += [p.split() for p in _ROLE_PHRASES]
    for phrase in sorted(phrases, key=len, reverse=True):
        phrase = [w for w in phrase if re.match(r"\w", w)]
        if not phrase:
            continue
        for start in _spans_of(folded, phrase):
            if not any(removed[start : start + len(phrase)]):
                for i in range(start, start + len(phrase)):
                    removed[i] = True
    runs: list[list[tuple[str, int, int]]] = [[]]
    for token, fold, gone in zip(tokens, folded, removed, strict=True):
        if gone:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append((fold, token.start, token.end))
    return MeasureText(text, [r for r in runs if r])


class Similarity:
    """IDF-weighted bigram similarity over the tasks of one :class:`PlanData`.

    >>> from orggraph.analyse.toy import toy_plan
    >>> data = toy_plan()
    >>> sim = Similarity(data)
    >>> t1, t2 = (k for k in data.tasks if k.endswith(("III.1.1", "III.2.1")))
    >>> round(sim.cosine(t1, t2), 2), round(sim.containment(t1, t2), 2)
    (1.0, 1.0)
    """

    def __init__(self, data: PlanData, tasks: Iterable[TaskRecord] | None = None) -> None:
        self.data = data
        chosen = list(tasks) if tasks is not None else data.ordered_tasks()
        self.texts: dict[str, MeasureText] = {}
        self.shingles: dict[str, set[tuple[str, str]]] = {}
        for task in chosen:
            names = {
                n
                for body in task.bodies("responsible", "lead", "partner", "reportsTo", "mentions")
                for n in self._names(body)
            }
            measure = measure_text(task, names)
            self.texts[task.iri] = measure
            self.shingles[task.iri] = measure.bigrams()
        self.df: dict[tuple[str, str], int] = defaultdict(int)
        for shingles in self.shingles.values():
            for shingle in shingles:
                self.df[shingle] += 1
        count = len(self.shingles)
        self.idf = {s: math.log((count + 1) / (df + 1)) + 1.0 for s, df in self.df.items()}
        self.norm2 = {t: sum(self.idf[s] ** 2 for s in sh) for t, sh in self.shingles.items()}

    def _names(self, body: str) -> set[str]:
        record = self.data.bodies.get(body)
        return record.names | {record.vi} if record else set()

    def _shared(self, a: str, b: str) -> float:
        return sum(self.idf[s] ** 2 for s in self.shingles[a] & self.shingles[b])

    def cosine(self, a: str, b: str) -> float:
        denominator = math.sqrt(self.norm2[a] * self.norm2[b])
        return self._shared(a, b) / denominator if denominator else 0.0

    def containment(self, a: str, b: str) -> float:
        smaller = min(self.norm2[a], self.norm2[b])
        return self._shared(a, b) / smaller if smaller else 0.0

    def candidates(self, max_df: int | None = None) -> set[tuple[str, str]]:
        """Pairs of tasks sharing at least one bigram that at most ``max_df`` tasks use."""
        limit = max_df if max_df is not None else max(8, int(0.02 * len(self.shingles)))
        postings: dict[tuple[str, str], list[str]] = defaultdict(list)
        for task, shingles in self.shingles.items():
            for shingle in shingles:
                if self.df[shingle] <= limit:
                    postings[shingle].append(task)
        pairs: set[tuple[str, str]] = set()
        for tasks in postings.values():
            if len(tasks) < 2:
                continue
            ordered = sorted(tasks)
            for i, first in enumerate(ordered):
                for second in ordered[i + 1 :]:
                    pairs.add((first, second))
        return pairs

    def shared_phrases(self, a: str, b: str, *, minimum: int = 3, limit: int = 3) -> list[str]:
        """The longest word runs the two measure texts share, as written in task ``a``.

        A run must hold at least ``minimum`` words that are not stop words.
        """
        first = self.texts[a]
        left = [word for run in first.runs for word in [*run, None]]
        right = " | ".join(" ".join(f for f, _, _ in run) for run in self.texts[b].runs)
        found: list[tuple[int, str]] = []
        covered = [False] * len(left)
        for size in range(min(len(left), 60), minimum - 1, -1):
            for start in range(len(left) - size + 1):
                piece = left[start : start + size]
                if any(w is None for w in piece) or any(covered[start : start + size]):
                    continue
                words = [w for w in piece if w is not None]
                if sum(1 for f, _, _ in words if f not in _STOP) < minimum:
                    continue
                if f" {' '.join(f for f, _, _ in words)} " in f" {right} ":
                    found.append((words[0][1], first.text[words[0][1] : words[-1][2]]))
                    for i in range(start, start + size):
                        covered[i] = True
        found.sort(key=lambda item: -len(item[1]))
        return [phrase for _, phrase in found[:limit]]

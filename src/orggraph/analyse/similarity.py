"""Vietnamese-aware text similarity of tasks, with candidate blocking.

A task's *measure text* is its text without what says who and when: body names
(every label the graph gives the bodies it names), the role phrases ("chủ trì",
"phối hợp với", "tham mưu cho", …) and the timeframe parenthetical.  What is
left is compared as sets of syllable bigrams with diacritics folded, weighted
by inverse document frequency over the plan's tasks, so "tinh gọn bộ máy"
counts for more than "thực hiện".

Two scores come out: cosine (both texts alike) and containment (the shorter
text inside the longer one: a short task repeated inside a longer task).

Pairs are only scored when they are tasks of the same plan that share a
bigram rare in that plan (an inverted index per plan): the cost grows with the
number of tasks times the postings of rare bigrams, not with the square of the
tasks.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

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


_WORD = re.compile(r"\w")


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    return fold_diacritics(word)


@lru_cache(maxsize=16384)
def _phrase(name: str) -> tuple[str, ...]:
    """A body name or role phrase as folded words (punctuation dropped)."""
    return tuple(w for w in fold_diacritics(name).replace(",", " ").split() if _WORD.match(w))


_ROLE_WORDS = [_phrase(p) for p in _ROLE_PHRASES]


def measure_text(task: TaskRecord, names: Iterable[str]) -> MeasureText:
    """The measure text of ``task``; ``names`` are the labels of the bodies it names."""
    text = _TRAILING_PARENS.sub("", task.text)
    tokens = [t for t in tokenize(text) if _WORD.match(t.text)]
    folded = [_fold_word(t.text) for t in tokens]
    removed = [False] * len(tokens)
    starts: dict[str, list[int]] = defaultdict(list)
    for index, word in enumerate(folded):
        starts[word].append(index)
    phrases = {_phrase(n) for n in names}
    phrases.update(_ROLE_WORDS)
    # Longest first, then alphabetically, so removal does not depend on set order.
    for phrase in sorted((p for p in phrases if p and p[0] in starts), key=lambda p: (-len(p), p)):
        width = len(phrase)
        for start in starts[phrase[0]]:
            if tuple(folded[start : start + width]) == phrase and not any(removed[start : start + width]):
                for i in range(start, start + width):
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
    """IDF-weighted bigram similarity of tasks, each plan on its own.

    Document frequencies are counted within a task's plan, and candidate pairs
    are drawn within a plan: a plan's results do not change when other plans
    share the graph, and the cost grows with the number of plans, not with the
    square of all tasks.

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
        self.plans: dict[str, list[str]] = defaultdict(list)
        names_of: dict[str, set[str]] = {}
        for task in chosen:
            names: set[str] = set()
            for body in task.bodies("responsible", "lead", "partner", "reportsTo", "mentions"):
                if body not in names_of:
                    names_of[body] = self._names(body)
                names |= names_of[body]
            measure = measure_text(task, names)
            self.texts[task.iri] = measure
            self.shingles[task.iri] = measure.bigrams()
            self.plans[task.plan].append(task.iri)
        # Per plan: document frequency and inverse document frequency of each bigram.
        self.df: dict[str, dict[tuple[str, str], int]] = {}
        self.idf: dict[str, dict[tuple[str, str], float]] = {}
        for plan, members in self.plans.items():
            df: dict[tuple[str, str], int] = defaultdict(int)
            for task_iri in members:
                for shingle in self.shingles[task_iri]:
                    df[shingle] += 1
            count = len(members)
            self.df[plan] = df
            idf = {s: math.log((count + 1) / (n + 1)) + 1.0 for s, n in df.items()}
            for task_iri in members:
                self.idf[task_iri] = idf
        self.norm2 = {t: sum(self.idf[t][s] ** 2 for s in sh) for t, sh in self.shingles.items()}

    def _names(self, body: str) -> set[str]:
        record = self.data.bodies.get(body)
        return record.names | {record.vi} if record else set()

    def _shared(self, a: str, b: str) -> float:
        idf = self.idf[a]
        return sum(idf.get(s, 1.0) ** 2 for s in self.shingles[a] & self.shingles[b])

    def cosine(self, a: str, b: str) -> float:
        denominator = math.sqrt(self.norm2[a] * self.norm2[b])
        return self._shared(a, b) / denominator if denominator else 0.0

    def containment(self, a: str, b: str) -> float:
        smaller = min(self.norm2[a], self.norm2[b])
        return self._shared(a, b) / smaller if smaller else 0.0

    def candidates(self, max_df: int | None = None) -> set[tuple[str, str]]:
        """Pairs of tasks of one plan sharing a bigram that at most ``max_df`` of its tasks use.

        The default limit is 2% of the plan's tasks, and at least 8.
        """
        pairs: set[tuple[str, str]] = set()
        for plan, members in self.plans.items():
            df = self.df[plan]
            limit = max_df if max_df is not None else max(8, int(0.02 * len(members)))
            postings: dict[tuple[str, str], list[str]] = defaultdict(list)
            for task in members:
                for shingle in self.shingles[task]:
                    if df[shingle] <= limit:
                        postings[shingle].append(task)
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
        right_runs = [" ".join(f for f, _, _ in run) for run in self.texts[b].runs]
        right = f" {' | '.join(right_runs)} "
        right_words = {f for run in self.texts[b].runs for f, _, _ in run}
        found: list[tuple[int, int, str]] = []  # (size, where, phrase)
        offset = 0
        for run in first.runs:
            # Prefix counts: words not in the other text (a window holding one cannot be
            # shared) and words that are not stop words.
            absent = [0]
            meaningful = [0]
            for f, _, _ in run:
                absent.append(absent[-1] + (f not in right_words))
                meaningful.append(meaningful[-1] + (f not in _STOP))
            covered = [False] * len(run)
            for size in range(min(len(run), 60), minimum - 1, -1):
                for begin in range(len(run) - size + 1):
                    end = begin + size
                    if absent[end] != absent[begin] or meaningful[end] - meaningful[begin] < minimum:
                        continue
                    if any(covered[begin:end]):
                        continue
                    words = run[begin:end]
                    if f" {' '.join(f for f, _, _ in words)} " in right:
                        found.append((size, offset + begin, first.text[words[0][1] : words[-1][2]]))
                        for i in range(begin, end):
                            covered[i] = True
            offset += len(run) + 1
        # Longest phrase first; among equals, the longer window, then the earlier one.
        found.sort(key=lambda item: (-len(item[2]), -item[0], item[1]))
        return [phrase for _, _, phrase in found[:limit]]

"""Role precision and recall on seventeen real plans annotated by hand (tests/corpus/gold).

The gold files were written from reading the texts, before the reader was tuned on them
(docs/GOLD.md).  The floors below are the scores this version reaches, rounded down: a
change that loses facts on a real plan fails here.  Fifteen documents reach F1 >= 0.90; two
annotated last are held to their floors; docs/READING.md has the table and the misses.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from orggraph.pipeline import read_plan
from orggraph.read.score import read_gold, score_plan

CORPUS = Path(__file__).parent / "corpus"

# document: (precision floor, recall floor)
FLOORS = {
    "cd226-ttg-2025": (1.00, 0.97),
    "ct09-ubnd-can-tho-2025": (0.94, 0.88),
    "hd37-btgdvtw-2025": (1.00, 0.77),
    "kh1026-ubnd-nghe-an-2025": (1.00, 1.00),
    "kh141-ubnd-bac-ninh-2025": (1.00, 0.95),
    "kh174-ubnd-ho-chi-minh-2025": (0.93, 0.93),
    "kh310-ubnd-ha-noi-2025": (1.00, 0.90),
    "kh980-ubnd-nghe-an-2025": (0.96, 0.98),
    "kl155-bct-2025": (0.88, 0.94),
    "kl221-tw-2025": (0.94, 0.84),
    "nq1339-ubtvqh15-2024": (0.98, 0.91),
    "qd102-ubnd-phu-tho-2025": (0.94, 0.93),
    "qd26-ubnd-thai-nguyen-2025": (0.94, 0.97),
    "qd2623-ttg-2025": (0.98, 0.87),
    "qd2853-ubnd-ho-chi-minh-2025": (0.95, 0.87),
    "qd2954-ubnd-son-la-2025": (0.92, 0.87),
    "tb631-vpcp-2025": (1.00, 0.92),
}


def test_every_gold_file_has_a_floor_and_its_quotes_are_on_their_lines() -> None:
    stems = {p.stem for p in (CORPUS / "gold").glob("*.toml")}
    assert stems == set(FLOORS)
    for stem in stems:
        gold = read_gold(CORPUS / "gold" / f"{stem}.toml")
        lines = (CORPUS / f"{stem}.txt").read_text(encoding="utf-8").split("\n")
        for task in gold.tasks:
            assert task.quote in lines[task.line - 1], (stem, task.line)
            assert set(task.roles["lead"]) <= set(task.roles["responsible"]), (stem, task.line)


@pytest.mark.parametrize("stem", sorted(FLOORS))
def test_role_precision_and_recall_hold_their_floors(stem: str) -> None:
    path = CORPUS / f"{stem}.txt"
    plan = read_plan(path, source_name=path.name)
    score = score_plan(plan, read_gold(CORPUS / "gold" / f"{stem}.toml"))
    precision, recall = FLOORS[stem]
    assert score.total.precision >= precision, score.wrong
    assert score.total.recall >= recall, score.missed


# Annotated last (by readers who had not seen the reader's output) and read once for their misses:
# held to their floors, not yet to the goal.
BELOW_GOAL = {"hd37-btgdvtw-2025", "kl221-tw-2025"}


@pytest.mark.parametrize("stem", sorted(set(FLOORS) - BELOW_GOAL))
def test_role_f1_is_at_least_ninety_percent(stem: str) -> None:
    path = CORPUS / f"{stem}.txt"
    plan = read_plan(path, source_name=path.name)
    score = score_plan(plan, read_gold(CORPUS / "gold" / f"{stem}.toml"))
    assert score.total.f1 >= 0.90, (score.missed, score.wrong)


def test_the_survey_reads_every_corpus_text_as_a_plan() -> None:
    from orggraph.read.survey import survey, survey_table

    rows = survey([CORPUS])
    assert [row["document"] for row in rows] == sorted(FLOORS)
    assert all(row["exit"] == 0 for row in rows)
    # kh141's gold has 24 tasks, all read; its table shows one row per text.
    kh141 = next(row for row in rows if row["document"] == "kh141-ubnd-bac-ninh-2025")
    assert kh141["tasks"] == 24 and kh141["provisional"] == 0
    assert survey_table(rows).count("\n") == len(rows) + 1

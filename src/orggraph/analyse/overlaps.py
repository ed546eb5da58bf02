"""Overlapping responsibilities: the same work assigned in several places.

Resolution 18-NQ/TW asks to remove overlapping functions ("trùng lặp, chồng
chéo"); the plans that implement it often spread one measure over several
bodies' sections.  This module finds:

1. **measures**: tasks in different bodies' sections that describe the same
   work, grouped, with a score and the evidence (shared phrases, shared bodies);
2. **reciprocity**: a body names another as its partner on a task; does the
   partner's own section carry that work?  One-sided links are listed;
3. **lead conflicts**: measures whose tasks name two or more leads, or none;
4. **body pairs**: which bodies share the most measures (count and Jaccard);
5. **general vs specific**: general tasks (given to the plan's general
   addressees) that a named body's section repeats.

Pairs are scored by :class:`~orggraph.analyse.similarity.Similarity` (text),
plus a bonus when the tasks name the same bodies and when their timeframes
agree.  The thresholds are parameters (:class:`Thresholds`); the defaults were
chosen against a hand annotation of Plan 168-KH/TU (``data/kh168-measures.toml``;
precision and recall are in README).

>>> from orggraph.analyse.toy import toy_plan
>>> report = find_overlaps(toy_plan())
>>> [(m.keys, m.lead_count) for m in report.measures]
[(('III.1.1', 'III.2.1'), 1)]
>>> [(r["body_vi"], r["partner_vi"]) for r in report.reciprocity.records()]
[]
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import networkx as nx

from .data import PlanData, TaskRecord
from .similarity import Similarity
from .tables import Column, Table, Value

__all__ = ["Measure", "OverlapReport", "Pair", "Thresholds", "find_overlaps", "similarity_graph"]


@dataclass(frozen=True)
class Thresholds:
    """Parameters of the overlap search; the defaults were measured on Plan 168-KH/TU.

    ``measure``: a pair of specific tasks in different sections with at least this
    score describes the same measure.  ``general``: a general task and a specific
    task with at least this score are the same work.  ``reciprocity``: a partner's
    own task this similar to the naming task counts as carrying it.
    ``containment_weight``: how much a short task found inside a longer one counts,
    against the two being alike as wholes.  ``body_bonus`` / ``time_bonus``: added
    when the tasks name the same (non-group) body / have agreeing timeframes.
    """

    measure: float = 0.50
    general: float = 0.45
    reciprocity: float = 0.30
    containment_weight: float = 0.8
    body_bonus: float = 0.10
    time_bonus: float = 0.05
    max_df: int | None = None


@dataclass(frozen=True)
class Pair:
    """Two tasks scored as possibly the same work."""

    a: str
    b: str
    text_score: float
    score: float
    shared_bodies: tuple[str, ...]
    time_agrees: bool


@dataclass
class Measure:
    """Tasks in several sections that describe one piece of work."""

    ident: str
    tasks: list[TaskRecord]
    score: float
    shared_phrases: list[str]
    shared_bodies: list[str]
    leads: list[str]
    bodies: list[str]
    pairs: list[Pair] = field(default_factory=list)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(t.key for t in self.tasks)

    @property
    def sections(self) -> list[str]:
        return sorted({t.section_key for t in self.tasks})

    @property
    def lead_count(self) -> int:
        return len(self.leads)


@dataclass
class OverlapReport:
    """Everything :func:`find_overlaps` found, as objects and as tables."""

    measures: list[Measure]
    general_pairs: list[Pair]
    measures_table: Table
    mirrors: Table
    reciprocity: Table
    lead_conflicts: Table
    body_pairs: Table
    general_specific: Table

    def tables(self) -> list[Table]:
        return [
            self.measures_table,
            self.mirrors,
            self.reciprocity,
            self.lead_conflicts,
            self.body_pairs,
            self.general_specific,
        ]


def _timeframes_agree(a: TaskRecord, b: TaskRecord) -> bool:
    if a.recurrence and a.recurrence == b.recurrence:
        return True
    if a.condition and b.condition:
        return True
    if a.due and b.due and a.due.year == b.due.year:
        return True
    return bool(a.start and b.start and a.start.year == b.start.year and not (a.due or b.due))


def _named(data: PlanData, task: TaskRecord) -> set[str]:
    """Non-group bodies a task names in any role or mention."""
    bodies = task.bodies("responsible", "lead", "partner", "reportsTo", "mentions")
    return {b for b in bodies if b in data.bodies and not data.bodies[b].is_group}


def _score_pair(data: PlanData, sim: Similarity, a: TaskRecord, b: TaskRecord, limits: Thresholds) -> Pair:
    text = max(sim.cosine(a.iri, b.iri), limits.containment_weight * sim.containment(a.iri, b.iri))
    shared = tuple(sorted(_named(data, a) & _named(data, b)))
    agrees = _timeframes_agree(a, b)
    score = text + (limits.body_bonus if shared else 0.0) + (limits.time_bonus if agrees else 0.0)
    return Pair(a.iri, b.iri, round(text, 4), round(min(score, 1.0), 4), shared, agrees)


def similarity_graph(
    data: PlanData, limits: Thresholds | None = None, sim: Similarity | None = None
) -> nx.Graph:
    """Tasks joined by their pair score (every scored candidate pair, any score).

    Edge attributes: ``score`` (text + evidence), ``text_score``, ``shared_bodies``
    (a "; "-joined string), ``time_agrees``.

    >>> from orggraph.analyse.toy import toy_plan
    >>> pairs = similarity_graph(toy_plan())
    >>> sorted((pairs.nodes[a]["key"], pairs.nodes[b]["key"], round(e["score"], 2)) for a, b, e in pairs.edges(data=True))
    [('II.1', 'III.1.1', 0.19), ('II.1', 'III.2.1', 0.19), ('III.1.1', 'III.2.1', 1.0)]
    """
    limits = limits or Thresholds()
    sim = sim or Similarity(data)
    graph = nx.Graph()
    for task in data.ordered_tasks():
        graph.add_node(task.iri, key=task.key, section=task.section_key, general=data.is_general(task))
    for first, second in sorted(sim.candidates(limits.max_df)):
        a, b = data.tasks[first], data.tasks[second]
        if a.plan != b.plan or a.section == b.section:
            continue
        pair = _score_pair(data, sim, a, b, limits)
        graph.add_edge(
            first,
            second,
            score=pair.score,
            text_score=pair.text_score,
            shared_bodies="; ".join(pair.shared_bodies),
            time_agrees=pair.time_agrees,
        )
    return graph


def _pairs(data: PlanData, graph: nx.Graph) -> list[Pair]:
    out = []
    for first, second, attributes in graph.edges(data=True):
        a, b = sorted((first, second), key=lambda iri: (data.tasks[iri].line, iri))
        shared = tuple(s for s in str(attributes["shared_bodies"]).split("; ") if s)
        out.append(
            Pair(a, b, attributes["text_score"], attributes["score"], shared, attributes["time_agrees"])
        )
    return out


def _leads(tasks: list[TaskRecord]) -> list[str]:
    return sorted({lead for t in tasks for lead in t.roles.get("lead", [])})


def _measure_ident(tasks: list[TaskRecord]) -> str:
    first = tasks[0]
    return f"{first.plan}/measure/{first.key}"


def find_overlaps(data: PlanData, limits: Thresholds | None = None) -> OverlapReport:
    """Measures in several sections, one-sided partner links, lead conflicts, body pairs, general tasks."""
    limits = limits or Thresholds()
    sim = Similarity(data)
    pairs = _pairs(data, similarity_graph(data, limits, sim))
    specific_pairs = [
        p
        for p in pairs
        if not data.is_general(data.tasks[p.a])
        and not data.is_general(data.tasks[p.b])
        and p.score >= limits.measure
    ]
    general_pairs = [
        p
        for p in pairs
        if data.is_general(data.tasks[p.a]) != data.is_general(data.tasks[p.b]) and p.score >= limits.general
    ]

    joined = nx.Graph()
    for pair in specific_pairs:
        joined.add_edge(pair.a, pair.b, pair=pair)
    measures: list[Measure] = []
    for component in nx.connected_components(joined):
        tasks = sorted((data.tasks[t] for t in component), key=lambda t: (t.line, t.key))
        # A subgraph view iterates a small component in set order (the hash seed's): sort, and
        # break ties in the best pair by its tasks, so every run picks the same pair.
        inner = sorted(
            (joined[u][v]["pair"] for u, v in joined.subgraph(component).edges()), key=lambda p: (p.a, p.b)
        )
        best = max(inner, key=lambda p: (p.score, p.a, p.b))
        shared_bodies = sorted(set.intersection(*(_named(data, t) for t in tasks)))
        bodies = sorted({b for t in tasks for b in t.bodies()})
        measures.append(
            Measure(
                ident=_measure_ident(tasks),
                tasks=tasks,
                score=round(sum(p.score for p in inner) / len(inner), 4),
                shared_phrases=sim.shared_phrases(best.a, best.b),
                shared_bodies=shared_bodies,
                leads=_leads(tasks),
                bodies=bodies,
                pairs=sorted(inner, key=lambda p: (p.a, p.b)),
            )
        )
    measures.sort(key=lambda m: (m.tasks[0].plan, m.tasks[0].line))
    return OverlapReport(
        measures=measures,
        general_pairs=general_pairs,
        measures_table=_measures_table(data, measures),
        mirrors=_mirrors_table(data, measures),
        reciprocity=_reciprocity_table(data, sim, measures, limits),
        lead_conflicts=_lead_conflicts_table(data, measures),
        body_pairs=_body_pairs_table(data, measures),
        general_specific=_general_table(data, sim, general_pairs),
    )


# ---------------------------------------------------------------- tables


def _names(data: PlanData, bodies: list[str], lang: str) -> str:
    return "; ".join(data.label(b, lang) for b in bodies)


def _snippet(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _measures_table(data: PlanData, measures: list[Measure]) -> Table:
    columns = [
        Column("measure", "measure", "biện pháp"),
        Column("tasks", "tasks", "nhiệm vụ"),
        Column("sections", "sections", "mục"),
        Column("score", "score", "điểm"),
        Column("bodies_vi", "bodies", "cơ quan"),
        Column("bodies_en", "bodies (English)", "cơ quan (tiếng Anh)"),
        Column("leads_vi", "leads", "chủ trì"),
        Column("leads_en", "leads (English)", "chủ trì (tiếng Anh)"),
        Column("shared_phrases", "shared phrases", "cụm từ chung"),
        Column("shared_bodies_vi", "bodies every task names", "cơ quan mọi nhiệm vụ đều nêu"),
        Column(
            "shared_bodies_en",
            "bodies every task names (English)",
            "cơ quan mọi nhiệm vụ đều nêu (tiếng Anh)",
        ),
        Column("text", "text of the first task", "nội dung nhiệm vụ đầu"),
    ]
    rows: list[list[Value]] = []
    for measure in measures:
        responsible = sorted({b for t in measure.tasks for b in t.roles.get("responsible", [])})
        rows.append(
            [
                measure.tasks[0].key,
                ", ".join(measure.keys),
                len(measure.sections),
                measure.score,
                _names(data, responsible, "vi"),
                _names(data, responsible, "en"),
                _names(data, measure.leads, "vi"),
                _names(data, measure.leads, "en"),
                " | ".join(measure.shared_phrases),
                _names(data, measure.shared_bodies, "vi"),
                _names(data, measure.shared_bodies, "en"),
                _snippet(measure.tasks[0].text),
            ]
        )
    return Table(
        "measures", "Measures assigned in several sections", "Biện pháp được giao ở nhiều mục", columns, rows
    )


def _mirrors_table(data: PlanData, measures: list[Measure]) -> Table:
    columns = [
        Column("measure", "measure", "biện pháp"),
        Column("task_a", "task", "nhiệm vụ"),
        Column("task_b", "mirrored by", "trùng với"),
        Column("score", "score", "điểm"),
        Column("text_score", "text similarity", "độ giống về nội dung"),
        Column("shared_bodies_vi", "bodies both name", "cơ quan cả hai nêu"),
        Column("shared_bodies_en", "bodies both name (English)", "cơ quan cả hai nêu (tiếng Anh)"),
        Column("time_agrees", "timeframes agree", "thời hạn khớp"),
    ]
    rows: list[list[Value]] = []
    for measure in measures:
        for pair in measure.pairs:
            rows.append(
                [
                    measure.tasks[0].key,
                    data.tasks[pair.a].key,
                    data.tasks[pair.b].key,
                    pair.score,
                    pair.text_score,
                    _names(data, list(pair.shared_bodies), "vi"),
                    _names(data, list(pair.shared_bodies), "en"),
                    pair.time_agrees,
                ]
            )
    return Table(
        "mirrors", "Pairs of tasks that mirror each other", "Các cặp nhiệm vụ trùng nhau", columns, rows
    )


def _reciprocity_table(data: PlanData, sim: Similarity, measures: list[Measure], limits: Thresholds) -> Table:
    """Partners whose own section carries nothing like the task that names them."""
    measure_of = {t.iri: m for m in measures for t in m.tasks}
    own: dict[str, list[TaskRecord]] = defaultdict(list)
    for task in data.tasks.values():
        for body in task.roles.get("responsible", []):
            own[body].append(task)
    columns = [
        Column("body", "body naming a partner", "cơ quan nêu bên phối hợp"),
        Column("body_vi", "its name", "tên"),
        Column("body_en", "its name (English)", "tên (tiếng Anh)"),
        Column("partner", "partner", "bên phối hợp"),
        Column("partner_vi", "partner's name", "tên bên phối hợp"),
        Column("partner_en", "partner's name (English)", "tên bên phối hợp (tiếng Anh)"),
        Column("task", "task", "nhiệm vụ"),
        Column("best_own_task", "partner's most similar own task", "nhiệm vụ giống nhất của bên phối hợp"),
        Column("best_score", "its similarity", "độ giống"),
        Column("text", "task text", "nội dung"),
    ]
    rows: list[list[Value]] = []
    for task in data.ordered_tasks():
        if data.is_general(task):
            continue
        responsible = task.roles.get("responsible", [])
        for partner in task.roles.get("partner", []):
            if partner in responsible or not own.get(partner):
                continue
            measure = measure_of.get(task.iri)
            if measure and any(partner in t.roles.get("responsible", []) for t in measure.tasks):
                continue
            candidates = [t for t in own[partner] if t.plan == task.plan]
            scored = [
                (
                    max(
                        sim.cosine(task.iri, t.iri),
                        limits.containment_weight * sim.containment(task.iri, t.iri),
                    ),
                    t,
                )
                for t in candidates
            ]
            best_score, best = (
                max(scored, key=lambda x: (x[0], -x[1].line, x[1].iri)) if scored else (0.0, None)
            )
            if best_score >= limits.reciprocity:
                continue
            for body in responsible:
                rows.append(
                    [
                        body,
                        data.label(body, "vi"),
                        data.label(body, "en"),
                        partner,
                        data.label(partner, "vi"),
                        data.label(partner, "en"),
                        task.key,
                        best.key if best and best_score > 0 else "",
                        round(best_score, 4),
                        _snippet(task.text),
                    ]
                )
    return Table(
        "reciprocity",
        "One-sided partner links: the partner's own section does not carry the task",
        "Phối hợp một chiều: mục của bên phối hợp không có nhiệm vụ tương ứng",
        columns,
        rows,
    )


def _lead_conflicts_table(data: PlanData, measures: list[Measure]) -> Table:
    columns = [
        Column("measure", "measure", "biện pháp"),
        Column("tasks", "tasks", "nhiệm vụ"),
        Column("conflict", "conflict", "xung đột"),
        Column("leads_vi", "leads named", "cơ quan chủ trì được nêu"),
        Column("leads_en", "leads named (English)", "cơ quan chủ trì (tiếng Anh)"),
    ]
    rows: list[list[Value]] = []
    for measure in measures:
        if measure.lead_count == 1:
            continue
        conflict = "no lead" if measure.lead_count == 0 else "several leads"
        rows.append(
            [
                measure.tasks[0].key,
                ", ".join(measure.keys),
                conflict,
                _names(data, measure.leads, "vi"),
                _names(data, measure.leads, "en"),
            ]
        )
    return Table(
        "lead_conflicts",
        "Measures with no lead or several leads",
        "Biện pháp không có hoặc có nhiều cơ quan chủ trì",
        columns,
        rows,
    )


def _body_pairs_table(data: PlanData, measures: list[Measure]) -> Table:
    involved: dict[str, set[str]] = defaultdict(set)
    for measure in measures:
        for body in measure.bodies:
            involved[body].add(measure.ident)
    columns = [
        Column("body_a", "body", "cơ quan"),
        Column("body_a_vi", "name", "tên"),
        Column("body_a_en", "name (English)", "tên (tiếng Anh)"),
        Column("body_b", "other body", "cơ quan kia"),
        Column("body_b_vi", "other's name", "tên cơ quan kia"),
        Column("body_b_en", "other's name (English)", "tên cơ quan kia (tiếng Anh)"),
        Column("shared", "measures both are in", "số biện pháp chung"),
        Column("jaccard", "Jaccard", "hệ số Jaccard"),
        Column("a_measures", "measures of the first", "số biện pháp của cơ quan đầu"),
        Column("b_measures", "measures of the other", "số biện pháp của cơ quan kia"),
    ]
    # Count shared measures pair by pair from the measures themselves: linear in the
    # measures' sizes, where comparing every two bodies would grow with their square.
    together: Counter[tuple[str, str]] = Counter()
    for measure in measures:
        members = sorted(set(measure.bodies))
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                together[(a, b)] += 1
    rows: list[list[Value]] = []
    for (a, b), shared in together.items():
        union = len(involved[a] | involved[b])
        rows.append(
            [
                a,
                data.label(a, "vi"),
                data.label(a, "en"),
                b,
                data.label(b, "vi"),
                data.label(b, "en"),
                shared,
                round(shared / union, 4),
                len(involved[a]),
                len(involved[b]),
            ]
        )
    rows.sort(key=lambda r: (-int(r[6] or 0), -float(r[7] or 0), str(r[1]), str(r[4])))
    return Table(
        "body_pairs",
        "Bodies that share the most measures",
        "Các cặp cơ quan chung nhiều biện pháp nhất",
        columns,
        rows,
    )


def _general_table(data: PlanData, sim: Similarity, pairs: list[Pair]) -> Table:
    columns = [
        Column("general_task", "general task", "nhiệm vụ chung"),
        Column("specific_task", "repeated by", "được nhắc lại ở"),
        Column("body_vi", "for body", "cho cơ quan"),
        Column("body_en", "for body (English)", "cho cơ quan (tiếng Anh)"),
        Column("score", "score", "điểm"),
        Column("shared_phrases", "shared phrases", "cụm từ chung"),
        Column("general_text", "general task text", "nội dung nhiệm vụ chung"),
    ]
    rows: list[list[Value]] = []
    ordered: list[tuple[TaskRecord, TaskRecord, Pair]] = []
    for pair in pairs:
        first, second = data.tasks[pair.a], data.tasks[pair.b]
        ordered.append((first, second, pair) if data.is_general(first) else (second, first, pair))
    ordered.sort(key=lambda x: (x[0].line, x[1].line))
    for general, specific, pair in ordered:
        responsible = specific.roles.get("responsible", [])
        rows.append(
            [
                general.key,
                specific.key,
                _names(data, responsible, "vi"),
                _names(data, responsible, "en"),
                pair.score,
                " | ".join(sim.shared_phrases(general.iri, specific.iri)),
                _snippet(general.text),
            ]
        )
    return Table(
        "general_specific",
        "General tasks repeated for a named body",
        "Nhiệm vụ chung được nhắc lại cho cơ quan cụ thể",
        columns,
        rows,
    )

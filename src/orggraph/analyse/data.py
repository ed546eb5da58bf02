"""The graph, read once into plain records that every analysis shares.

The records come from SPARQL SELECTs, so the same analysis runs on an rdflib
graph (notebooks), on pyoxigraph (large graphs) or on a remote endpoint.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..query.backends import Backend, RdflibBackend, open_backend
from ..query.results import Term
from ..text import NAME_LIMIT, TEXT_LIMIT, drop_controls, shorten, slugify

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = [
    "BodyRecord",
    "PlanData",
    "RECORD_QUERIES",
    "ROLES",
    "TaskRecord",
    "from_graph",
    "load_data",
    "in_order",
    "load_files",
    "plan_data",
]

# The four roles a body can have in a task, in the order tables show them.
ROLES = ("responsible", "lead", "partner", "reportsTo")

_TASKS = """
SELECT ?task ?key ?text ?line ?section ?sectionKey ?sectionTitle ?plan ?issued
       ?start ?due ?recurrence ?condition ?from ?to
WHERE {
  ?task a og:Task ; dcterms:identifier ?key ; og:text ?text ; og:inSection ?section ; og:inPlan ?plan .
  ?section dcterms:identifier ?sectionKey .
  OPTIONAL { ?section dcterms:title ?sectionTitle . FILTER (lang(?sectionTitle) = "vi") }
  OPTIONAL { ?task og:line ?line }
  OPTIONAL { ?plan dcterms:issued ?issued }
  OPTIONAL { ?task og:startDate ?start }
  OPTIONAL { ?task og:dueDate ?due }
  OPTIONAL { ?task og:recurrence ?recurrence }
  OPTIONAL { ?task og:condition ?condition }
  OPTIONAL { ?task og:sourceStart ?from ; og:sourceEnd ?to }
}
"""
_ROLES = """
SELECT ?task ?role ?body WHERE {
  { ?task og:responsible ?body BIND ("responsible" AS ?role) }
  UNION { ?task og:lead ?body BIND ("lead" AS ?role) }
  UNION { ?task og:partner ?body BIND ("partner" AS ?role) }
  UNION { ?task og:reportsTo ?body BIND ("reportsTo" AS ?role) }
  UNION { ?task og:mentions ?body BIND ("mentions" AS ?role) }
}
"""
_BODIES = """
SELECT ?body ?vi ?en ?kind ?level ?group ?general ?place ?placeVi ?placeEn WHERE {
  ?body a og:Body .
  OPTIONAL { ?body skos:prefLabel ?vi . FILTER (lang(?vi) = "vi") }
  OPTIONAL { ?body skos:prefLabel ?en . FILTER (lang(?en) = "en") }
  OPTIONAL { ?body og:kind ?kind }
  OPTIONAL { ?body og:level ?level }
  BIND (EXISTS { ?body a og:BodyGroup } AS ?group)
  OPTIONAL { ?body og:generalAddressee ?general }
  OPTIONAL {
    ?body og:jurisdiction ?place .
    OPTIONAL { ?place skos:prefLabel ?placeVi . FILTER (lang(?placeVi) = "vi") }
    OPTIONAL { ?place skos:prefLabel ?placeEn . FILTER (lang(?placeEn) = "en") }
  }
}
"""
_NAMES = """
SELECT ?body ?name WHERE {
  ?body a og:Body .
  { ?body skos:prefLabel ?name } UNION { ?body skos:altLabel ?name }
}
"""
_MEMBERS = "SELECT ?member ?group WHERE { ?member og:memberOf ?group }"
# Every question the records are read with: a store made with --store-dir keeps their answers.
RECORD_QUERIES = (_TASKS, _ROLES, _BODIES, _NAMES, _MEMBERS)


@dataclass
class BodyRecord:
    """A body: both names, kind and level (local names such as "PartyCommittee"), group flags."""

    iri: str
    vi: str
    en: str
    kind: str = ""
    level: str = ""
    is_group: bool = False
    is_general: bool = False
    place: str = ""  # IRI of its jurisdiction (a province, a district, the country)
    names: set[str] = field(default_factory=set)
    member_of: set[str] = field(default_factory=set)


@dataclass
class TaskRecord:
    """A task with its roles: each role maps to the IRIs of the bodies in it."""

    iri: str
    key: str
    text: str
    line: int
    section: str
    section_key: str
    section_title: str
    plan: str
    plan_issued: dt.date | None
    start: dt.date | None
    due: dt.date | None
    recurrence: str | None  # "annual" | "quarterly" | "monthly" | "weekly" | "continuous"
    condition: str | None
    roles: dict[str, list[str]] = field(default_factory=dict)
    span: tuple[int, int] | None = None  # code-point offsets into the plan's source text

    def bodies(self, *roles: str) -> list[str]:
        """Bodies in any of ``roles`` (default: the four roles), each once, in order."""
        wanted = roles or ROLES
        out: list[str] = []
        for role in wanted:
            for body in self.roles.get(role, []):
                if body not in out:
                    out.append(body)
        return out


@dataclass
class PlanData:
    """Tasks and bodies of one graph (one or many plans)."""

    tasks: dict[str, TaskRecord]
    bodies: dict[str, BodyRecord]

    def label(self, iri: str, lang: str = "vi") -> str:
        body = self.bodies.get(iri)
        if body is None:
            return iri.rsplit("/", 1)[-1]
        return body.vi if lang == "vi" else body.en

    def plans(self) -> list[str]:
        """The IRIs of the plans the tasks belong to, sorted."""
        return sorted({t.plan for t in self.tasks.values()})

    def select_plans(self, wanted: Iterable[str]) -> PlanData:
        """Only the tasks of the plans ``wanted`` names, and the bodies they name.

        A plan is named by its IRI, by the end of its IRI ("tuyen-quang/168-kh-tu-2018"),
        or by its number ("168-KH/TU") when one plan has it; anything else is an error
        that lists what would match.
        """
        plans = self.plans()
        chosen: set[str] = set()
        for name in wanted:
            slug = slugify(name)
            found = [
                p
                for p in plans
                if p == name
                or p.endswith("/" + name.strip("/"))
                or (slug and re.search(rf"/{re.escape(slug)}(-\d{{4}})?$", p))
            ]
            if not found:
                raise UsageError(
                    f"no plan {name!r} in the graph ({len(plans)} plans; give its IRI or number)"
                )
            if len(found) > 1:
                shown = "; ".join(found[:6]) + ("; …" if len(found) > 6 else "")
                raise UsageError(f"{name!r} names {len(found)} plans: {shown}. Give the end of its IRI")
            chosen.add(found[0])
        tasks = {iri: t for iri, t in self.tasks.items() if t.plan in chosen}
        named = {b for t in tasks.values() for members in t.roles.values() for b in members}
        named |= {g for b in named if b in self.bodies for g in self.bodies[b].member_of}
        return PlanData(tasks, {iri: b for iri, b in self.bodies.items() if iri in named})

    def ordered_tasks(self) -> list[TaskRecord]:
        """Tasks in plan order (plan, then line)."""
        return sorted(self.tasks.values(), key=lambda t: (t.plan, t.line, t.key))

    def is_general(self, task: TaskRecord) -> bool:
        """A general task: every body responsible for it is a general addressee."""
        responsible = task.roles.get("responsible", [])
        return bool(responsible) and all(self.bodies[b].is_general for b in responsible if b in self.bodies)


def _value(term: Term | None, limit: int = NAME_LIMIT) -> str | None:
    """A literal's text for display: without control characters, cut to ``limit`` characters
    (see :func:`orggraph.text.shorten`)."""
    return shorten(drop_controls(term.value), limit) if term is not None else None


def _date(term: Term | None) -> dt.date | None:
    if term is None:
        return None
    try:
        return dt.date.fromisoformat(term.value)
    except ValueError:
        return None


def _int(term: Term | None) -> int | None:
    """An integer literal's value; None for an ill-typed one ("zero"^^xsd:integer): a graph
    from elsewhere is untrusted input."""
    if term is None:
        return None
    try:
        return int(term.value)
    except (TypeError, ValueError):
        return None


RECURRENCES = ("annual", "quarterly", "monthly", "weekly", "continuous")


def _recurrence(term: Term | None) -> str | None:
    """One of :data:`RECURRENCES` from og:Annual … og:Continuous; None for anything else (a
    graph from elsewhere may hold any IRI or literal there)."""
    value = _local(term).lower()
    return value if value in RECURRENCES else None


def _local(term: Term | None) -> str:
    return term.value.rsplit("#", 1)[-1] if term is not None else ""


def in_order(rows: list[tuple[Term | None, ...]]) -> list[tuple[Term | None, ...]]:
    """Rows sorted by their values.  A task or body with two values for one field (a place
    spelt "Hoà Bình" in one plan and "Hòa Bình" in another) comes in several rows, and the
    last one read is kept: sorted, it is the same one whichever store answered."""
    return sorted(rows, key=lambda row: tuple("" if t is None else t.value for t in row))


def load_data(backend: Backend) -> PlanData:
    """Read tasks, roles and bodies from ``backend`` with four SELECT queries."""
    tasks: dict[str, TaskRecord] = {}
    for row in in_order(backend.run(_TASKS).rows):
        (
            task,
            key,
            text,
            line,
            section,
            section_key,
            title,
            plan,
            issued,
            start,
            due,
            recurrence,
            condition,
            first,
            last,
        ) = row
        if task is None or key is None or text is None or section is None:
            continue  # not a whole task: a graph from elsewhere may lack any field
        start_offset, end_offset = _int(first), _int(last)
        tasks[task.value] = TaskRecord(
            iri=task.value,
            key=_value(key) or "",
            text=_value(text, TEXT_LIMIT) or "",
            line=_int(line) or 0,
            section=section.value,
            section_key=_value(section_key) or "",
            section_title=_value(title) or "",
            plan=_value(plan) or "",
            plan_issued=_date(issued),
            start=_date(start),
            due=_date(due),
            recurrence=_recurrence(recurrence),
            condition=_value(condition, TEXT_LIMIT),
            span=(start_offset, end_offset) if start_offset is not None and end_offset is not None else None,
        )
    for task_term, role, body in backend.run(_ROLES).rows:
        if task_term is None or role is None or body is None:
            continue
        record = tasks.get(task_term.value)
        if record is not None:
            bucket = record.roles.setdefault(role.value, [])
            if body.value not in bucket:
                bucket.append(body.value)
    for record in tasks.values():
        for members in record.roles.values():
            members.sort()
    # Plan order, whatever order the store returned rows in (an on-disk store, a server):
    # everything drawn or counted from the records comes out the same.
    tasks = {t.iri: t for t in sorted(tasks.values(), key=lambda t: (t.plan, t.line, t.key, t.iri))}
    bodies: dict[str, BodyRecord] = {}
    places: dict[str, tuple[str, str]] = {}
    for body, vi, en, kind, level, group, general, place, place_vi, place_en in in_order(
        backend.run(_BODIES).rows
    ):
        if body is None:
            continue
        if place is not None and _local(level) != "CentralLevel":
            places[body.value] = (_value(place_vi) or place.value, _value(place_en) or place.value)
        bodies[body.value] = BodyRecord(
            iri=body.value,
            vi=_value(vi) or shorten(body.value.rsplit("/", 1)[-1], NAME_LIMIT),
            en=_value(en) or shorten(body.value.rsplit("/", 1)[-1], NAME_LIMIT),
            kind=_local(kind),
            level=_local(level),
            is_group=group is not None and group.value == "true",
            is_general=general is not None and general.value == "true",
            place=_value(place) or "",
        )
    if len(set(places.values())) > 1:
        # Plans of several provinces or districts: "Ban Tổ chức Tỉnh ủy" is one body in each,
        # so names say whose it is.
        for iri, (where_vi, where_en) in places.items():
            bodies[iri].vi += f" ({where_vi})"
            bodies[iri].en += f" ({where_en})"
    for body, name in backend.run(_NAMES).rows:
        if body is not None and name is not None and body.value in bodies:
            bodies[body.value].names.add(_value(name) or "")
    for member, group in backend.run(_MEMBERS).rows:
        if member is not None and group is not None and member.value in bodies:
            bodies[member.value].member_of.add(group.value)
    return PlanData(tasks, dict(sorted(bodies.items())))


def plan_data(source: object) -> PlanData:
    """Analysis records from an rdflib Graph, a query backend, or graph file path(s)."""
    from ..query import as_backend

    return load_data(as_backend(source))


def from_graph(graph: Graph) -> PlanData:
    """Analysis records from an rdflib graph (what notebooks hold)."""
    return load_data(RdflibBackend.from_graph(graph))


def load_files(paths: list[Path], *, store: str = "oxigraph", fmt: str | None = None) -> PlanData:
    """Analysis records from graph files."""
    return load_data(open_backend(paths, store=store, fmt=fmt))

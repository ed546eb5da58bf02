"""Plain data model of an extracted plan: what the text says, before any RDF.

Everything here is a frozen dataclass of built-in values, so the extractor
never depends on rdflib and tests can compare objects directly.  Keys are the
stable identifiers from which :mod:`orggraph.build` mints IRIs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "Body",
    "BodyKind",
    "Directive",
    "Level",
    "Plan",
    "Recurrence",
    "Section",
    "Task",
    "Timeframe",
    "Warning",
]


class BodyKind(StrEnum):
    """What kind of body a gazetteer entry is (the glossary's classes)."""

    PARTY_COMMITTEE = "party-committee"
    PARTY_ADVISORY_BODY = "party-advisory-body"
    PARTY_DELEGATION = "party-delegation"
    STATE_BODY = "state-body"
    MASS_ORGANISATION = "mass-organisation"
    GROUP = "group"
    CENTRAL = "central"


class Level(StrEnum):
    """Administrative level a body works at."""

    CENTRAL = "central"
    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"


class Recurrence(StrEnum):
    """A task repeated rather than finished once."""

    ANNUAL = "annual"  # hằng năm
    QUARTERLY = "quarterly"  # hằng quý
    MONTHLY = "monthly"  # hằng tháng
    WEEKLY = "weekly"  # hằng tuần
    CONTINUOUS = "continuous"  # thường xuyên


@dataclass(frozen=True, slots=True)
class Body:
    """A body (or group of bodies) resolved from the gazetteer for one jurisdiction.

    ``key`` is the gazetteer key; ``scope`` is the jurisdiction slug the body
    belongs to ("vn" for central bodies, a province slug otherwise), so the
    same commission of two provinces gives two bodies.
    """

    key: str
    scope: str
    name_vi: str
    name_en: str
    kind: BodyKind
    level: Level
    is_group: bool = False
    aliases: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    sub_organization_of: str | None = None
    member_of: tuple[str, ...] = ()
    is_general: bool = False
    provisional: bool = False  # named in a role slot but not in the gazetteer: kept as written
    succeeded_by: str | None = None  # gazetteer key of the body that took over its work

    @property
    def ident(self) -> tuple[str, str]:
        """(scope, key): unique across jurisdictions."""
        return (self.scope, self.key)


@dataclass(frozen=True, slots=True)
class Timeframe:
    """When a task is to be done, as the plan phrases it.

    ``start`` is the first day of the period a task starts in; ``due`` is the
    last day it may finish on ("trước năm 2020" -> 2019-12-31).
    """

    text: str
    start: dt.date | None = None
    due: dt.date | None = None
    recurrence: Recurrence | None = None
    condition: str | None = None

    @property
    def is_empty(self) -> bool:
        return self.start is None and self.due is None and self.recurrence is None and self.condition is None


@dataclass(frozen=True, slots=True)
class Directive:
    """A resolution, plan or other act cited by number, e.g. "18-NQ/TW"."""

    identifier: str
    scope: str
    kind_vi: str | None = None
    kind_en: str | None = None
    issued: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Section:
    """A numbered part of the plan.

    ``key`` is the structural path ("B.III.5"); ``number`` is the numbering
    as printed ("5", or "III" for the second part printed as III).
    ``heading_bodies`` are the bodies its own heading or lead-in assigns it to.
    """

    key: str
    number: str
    title: str
    parent: str | None
    ordinal: int
    start: int
    end: int
    line: int
    heading_bodies: tuple[tuple[str, str], ...] = ()
    directives: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Task:
    """One assignment of work: a bullet, sub-bullet, or a numbered item that assigns work.

    Body references are ``Body.ident`` pairs.  ``start``/``end`` are 0-based
    code-point offsets into the NFC source, end exclusive.
    """

    key: str
    section: str
    ordinal: int
    text: str
    start: int
    end: int
    line: int
    parent: str | None = None
    responsible: tuple[tuple[str, str], ...] = ()
    lead: tuple[tuple[str, str], ...] = ()
    partner: tuple[tuple[str, str], ...] = ()
    reports_to: tuple[tuple[str, str], ...] = ()
    mentions: tuple[tuple[str, str], ...] = ()
    timeframe: Timeframe | None = None
    directives: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Warning:
    """Something the extractor could not resolve, with the line it is on (1-based)."""

    line: int
    message: str
    phrase: str = ""
    kind: str = "other"  # provisional-body | unresolved-subject | unread-roles | table | header | other

    def __str__(self) -> str:
        detail = f": {self.phrase!r}" if self.phrase else ""
        return f"line {self.line}: {self.message}{detail}"


@dataclass(frozen=True)
class Plan:
    """An extracted plan: its metadata, outline, tasks and the bodies they name."""

    identifier: str
    issued: dt.date | None
    title: str
    doc_type: str
    scope: str
    jurisdiction_vi: str | None  # the province's name, as the plan writes it
    issuers: tuple[tuple[str, str], ...]
    source_name: str
    source_length: int
    source_sha256: str
    sections: tuple[Section, ...]
    tasks: tuple[Task, ...]
    bodies: dict[tuple[str, str], Body]
    directives: dict[str, Directive]
    implements: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()
    recipients: tuple[tuple[str, str], ...] = ()
    surface_forms: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    warnings: tuple[Warning, ...] = ()
    district: str | None = None  # for a district's plan, the district's name

    def task(self, key: str) -> Task:
        """The task with structural key ``key`` (e.g. "B.III.5.3")."""
        for task in self.tasks:
            if task.key == key:
                return task
        raise KeyError(key)

    def section(self, key: str) -> Section:
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)

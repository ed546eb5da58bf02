"""A three-body, four-task plan for examples and tests.

::

    t1  Ban A leads;  partners Ban B and "các cơ quan liên quan"   due 2018-12-31
    t2  Ban B;        partner Ban A                                 due 2018-12-31
    t3  Ban A;        reports to Ban B                              annual
    t4  general addressees                                          due 2018-01-31 (before the plan)

Ban A and Ban B are members of the general addressees ("mọi cơ quan").

t1 and t2 describe the same work from the two bodies' sections.

>>> data = toy_plan()
>>> sorted(t.key for t in data.tasks.values())
['II.1', 'III.1.1', 'III.1.2', 'III.2.1']
"""

from __future__ import annotations

import datetime as dt

from .data import BodyRecord, PlanData, TaskRecord

__all__ = ["toy_plan"]

_ID = "https://w3id.org/orggraph/id/"
A, B, G, ALL = (f"{_ID}body/toy/{k}" for k in ("ban-a", "ban-b", "cac-co-quan-lien-quan", "moi-co-quan"))


def toy_plan() -> PlanData:
    """The toy plan described above."""
    plan = f"{_ID}plan/toy/1-kh-2018"
    issued = dt.date(2018, 2, 18)

    def task(key: str, section: str, text: str, **roles: list[str]) -> TaskRecord:
        return TaskRecord(
            iri=f"{plan}/task/{key}",
            key=key,
            text=text,
            line=0,
            section=f"{plan}/section/{section}",
            section_key=section,
            section_title=section,
            plan=plan,
            plan_issued=issued,
            start=None,
            due=dt.date(2018, 12, 31),
            recurrence=None,
            condition=None,
            roles=roles,
        )

    t1 = task(
        "III.1.1",
        "III.1",
        "Chủ trì, phối hợp với Ban B và các cơ quan liên quan xây dựng đề án sắp xếp văn phòng "
        "(hoàn thành trong năm 2018).",
        responsible=[A],
        lead=[A],
        partner=[B, G],
    )
    t2 = task(
        "III.2.1",
        "III.2",
        "Phối hợp với Ban A xây dựng đề án sắp xếp văn phòng (hoàn thành trong năm 2018).",
        responsible=[B],
        partner=[A],
    )
    t3 = task(
        "III.1.2",
        "III.1",
        "Tham mưu cho Ban B sơ kết việc thực hiện (thực hiện hằng năm).",
        responsible=[A],
        reportsTo=[B],
    )
    t3.due, t3.recurrence = None, "annual"
    t4 = task(
        "II.1", "II", "Xây dựng kế hoạch thực hiện (hoàn thành trong tháng 01/2018).", responsible=[ALL]
    )
    t4.due = dt.date(2018, 1, 31)
    bodies = {
        A: BodyRecord(
            A, "Ban A", "Board A", "PartyAdvisoryBody", "ProvinceLevel", names={"Ban A"}, member_of={ALL}
        ),
        B: BodyRecord(
            B, "Ban B", "Board B", "PartyAdvisoryBody", "ProvinceLevel", names={"Ban B"}, member_of={ALL}
        ),
        G: BodyRecord(
            G, "các cơ quan liên quan", "Relevant agencies", "GroupOfBodies", "ProvinceLevel", True
        ),
        ALL: BodyRecord(ALL, "mọi cơ quan", "All bodies", "GroupOfBodies", "ProvinceLevel", True, True),
    }
    return PlanData({t.iri: t for t in (t4, t1, t2, t3)}, bodies)

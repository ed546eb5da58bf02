"""Every styling decision of the views: colours, shapes, sizes, and the words of the legend.

Names of kinds of body come from the ontology's labels (one source of truth);
the rest of the page's words are here, in Vietnamese and English.
"""

from __future__ import annotations

import math
from functools import cache

__all__ = [
    "KIND_COLOURS",
    "ROLE_COLOURS",
    "TIME_COLOURS",
    "UI",
    "body_size",
    "kind_labels",
    "timeframe_category",
]

# Colour-blind-safe palette (Okabe-Ito), one colour per kind of body.
KIND_COLOURS = {
    "PartyCommittee": "#D55E00",
    "PartyAdvisoryBody": "#E69F00",
    "PartyDelegation": "#CC79A7",
    "StateBody": "#0072B2",
    "MassOrganisation": "#009E73",
    "GroupOfBodies": "#999999",
    "CentralBody": "#56B4E9",
}
ROLE_COLOURS = {
    "responsible": "#0072B2",
    "lead": "#D55E00",
    "partner": "#009E73",
    "reportsTo": "#CC79A7",
}
ROLE_LABELS = {
    "responsible": {"vi": "chịu trách nhiệm", "en": "responsible"},
    "lead": {"vi": "chủ trì", "en": "leads"},
    "partner": {"vi": "phối hợp", "en": "partner"},
    "reportsTo": {"vi": "được tham mưu, báo cáo", "en": "reported to"},
    "coworking": {"vi": "cùng làm (độ dày: số nhiệm vụ chung)", "en": "work together (width: shared tasks)"},
}
# Task colours by timeframe: a colour per due year, then the kinds of undated task.
TIME_COLOURS = {
    "annual": "#009E73",
    "continuous": "#56B4E9",
    "conditional": "#CC79A7",
    "undated": "#BBBBBB",
    "open": "#E69F00",
}
_YEAR_COLOURS = ["#FDE0C5", "#FAB27B", "#F67D4A", "#D9432D", "#A11A1A", "#6B0F0F"]
TIME_LABELS = {
    "annual": {"vi": "hằng năm", "en": "annual"},
    "continuous": {"vi": "thường xuyên", "en": "continuous"},
    "quarterly": {"vi": "hằng quý", "en": "quarterly"},
    "monthly": {"vi": "hằng tháng", "en": "monthly"},
    "weekly": {"vi": "hằng tuần", "en": "weekly"},
    "conditional": {"vi": "chờ Trung ương", "en": "waits on the Centre"},
    "undated": {"vi": "không có thời hạn", "en": "no timeframe"},
    "open": {"vi": "từ một năm, không hạn kết thúc", "en": "from a year, open-ended"},
}
MEASURE_COLOURS = {"one lead": "#0072B2", "no lead": "#E69F00", "several leads": "#D55E00"}
MEASURE_LABELS = {
    "one lead": {"vi": "biện pháp có một cơ quan chủ trì", "en": "measure with one lead"},
    "no lead": {"vi": "biện pháp không có cơ quan chủ trì", "en": "measure with no lead"},
    "several leads": {"vi": "biện pháp có nhiều cơ quan chủ trì", "en": "measure with several leads"},
}

# Words of the pages' chrome.
UI = {
    "vi": {
        "home": "Trang chủ",
        "search": "Tìm cơ quan hoặc nhiệm vụ (gõ có dấu hoặc không dấu)",
        "kinds": "Loại cơ quan",
        "roles": "Vai trò",
        "year": "Năm",
        "all_years": "Mọi năm",
        "legend": "Chú giải",
        "details": "Chi tiết",
        "open_body": "Mở trang riêng của cơ quan này",
        "open_source": "Xem trong văn bản gốc",
        "no_match": "Không tìm thấy",
        "language": "Ngôn ngữ",
    },
    "en": {
        "home": "Home",
        "search": "Find a body or task (with or without diacritics)",
        "kinds": "Kinds of body",
        "roles": "Roles",
        "year": "Year",
        "all_years": "All years",
        "legend": "Legend",
        "details": "Details",
        "open_body": "Open this body's own view",
        "open_source": "See it in the source text",
        "no_match": "Nothing found",
        "language": "Language",
    },
}


@cache
def kind_labels() -> dict[str, dict[str, str]]:
    """Vietnamese and English names of each kind of body and level, from the ontology."""
    from rdflib import RDFS, Graph

    from ..ontology import OG
    from ..resources import read_resource

    graph = Graph()
    graph.parse(data=read_resource("ontology.ttl"), format="turtle")
    out: dict[str, dict[str, str]] = {}
    namespace = str(OG._NS)
    for subject, label in graph.subject_objects(RDFS.label):
        name = str(subject)
        if name.startswith(namespace) and getattr(label, "language", None) in ("vi", "en"):
            out.setdefault(name[len(namespace) :], {})[label.language] = str(label)  # type: ignore[attr-defined]
    return out


def year_colour(year: int, first: int) -> str:
    """Colour of tasks due in ``year``, darker for later years."""
    return _YEAR_COLOURS[max(0, min(len(_YEAR_COLOURS) - 1, year - first))]


def timeframe_category(due: str, start: str, recurrence: str, condition: str) -> str:
    """ "annual", "continuous", "conditional", "undated", "open", or the due year."""
    if recurrence:
        return recurrence if recurrence == "annual" else "continuous"
    if condition:
        return "conditional"
    if due:
        return due[:4]
    if start:
        return "open"
    return "undated"


def body_size(tasks: int) -> float:
    """Node size of a body with ``tasks`` tasks: area grows with the load."""
    return round(10 + 6 * math.sqrt(max(tasks, 0)), 1)

"""Every styling decision of the views: colours, shapes, sizes, and the words of the legend.

Names of kinds of body come from the ontology's labels (one source of truth);
the rest of the page's words are here, in Vietnamese and English.
"""

from __future__ import annotations

import math
from functools import cache

__all__ = [
    "KIND_COLOURS",
    "LINK_COLOURS",
    "TIME_COLOURS",
    "UI",
    "body_size",
    "kind_labels",
    "link_style",
    "task_colour",
    "timeframe_category",
]

# One palette per meaning, each on a mark of its own, so that no colour means two things
# anywhere on the site: hues (Okabe-Ito, colour-blind safe) are the kinds of body, on dots;
# greys and line patterns the kinds of link, on lines; purples (due year) and tans (other
# timeframes) a task's timeframe, on boxes; teals a measure's leads, on diamonds.
KIND_COLOURS = {
    "PartyCommittee": "#D55E00",
    "PartyAdvisoryBody": "#E69F00",
    "PartyDelegation": "#CC79A7",
    "StateBody": "#0072B2",
    "MassOrganisation": "#009E73",
    "GroupOfBodies": "#F0E442",
    "CentralBody": "#56B4E9",
}
UNKNOWN_KIND_COLOUR = "#FFFFFF"  # a body of no known kind: a white dot
LINK_COLOURS = {
    "lead": "#000000",
    "responsible": "#4D4D4D",
    "partner": "#808080",
    "reportsTo": "#A6A6A6",
    "coworking": "#C4C4C4",
    "measure": "#5E5E5E",
    "general": "#8F8F8F",
}
LINK_PATTERNS = {
    "lead": "line",
    "responsible": "line",
    "partner": "dash",
    "reportsTo": "dots",
    "coworking": "line",
    "measure": "line",
    "general": "dashdot",
}
DASHES: dict[str, list[int] | bool] = {
    "line": False,
    "dash": [8, 5],
    "dots": [2, 4],
    "dashdot": [10, 4, 2, 4],
}
BORDER = "#555555"  # the outline of boxes and diamonds, so white ones show
ROLE_LABELS = {
    "responsible": {"vi": "chịu trách nhiệm", "en": "responsible"},
    "lead": {"vi": "chủ trì", "en": "leads"},
    "partner": {"vi": "phối hợp", "en": "partner"},
    "reportsTo": {"vi": "được tham mưu, báo cáo", "en": "reported to"},
    "coworking": {"vi": "cùng làm (độ dày: số nhiệm vụ chung)", "en": "work together (width: shared tasks)"},
}
# Task colours by timeframe: a purple per due year (darker later), tans and cream for the rest.
TIME_COLOURS = {
    "annual": "#D8C3A5",
    "continuous": "#EADBC8",
    "conditional": "#FFF8E7",
    "undated": "#E6E6E6",
    "open": "#C2A383",
}
_YEAR_COLOURS = ["#F2F0F7", "#DADAEB", "#CBC9E2", "#BCBDDC", "#9E9AC8", "#807DBA"]
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
MEASURE_COLOURS = {"one lead": "#D9F0EE", "no lead": "#7FC8C0", "several leads": "#1B7A72"}
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
        "whole": "Xem toàn bộ hình",
        "readable": "Cỡ chữ dễ đọc",
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
        "whole": "Whole drawing",
        "readable": "Readable zoom",
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


def task_colour(due: str, start: str, recurrence: str, condition: str, first_year: int) -> str:
    """Colour of a task's box: its due year's purple, or its kind of timeframe's tan or white."""
    category = timeframe_category(due, start, recurrence, condition)
    if category.isdigit():
        return year_colour(int(category), first_year)
    return TIME_COLOURS[category]


def link_style(kind: str) -> dict[str, object]:
    """Colour, dashes and legend swatch of a kind of link (a role, "coworking", "measure", "general")."""
    pattern = LINK_PATTERNS.get(kind, "line")
    return {
        "color": LINK_COLOURS.get(kind, LINK_COLOURS["coworking"]),
        "dashes": DASHES[pattern],
        "swatch": pattern,
    }


def body_size(tasks: int) -> float:
    """Node size of a body with ``tasks`` tasks: area grows with the load."""
    return round(8 + 4.5 * math.sqrt(max(tasks, 0)), 1)

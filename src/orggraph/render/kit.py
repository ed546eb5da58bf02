"""The kit every network view is drawn with: the site's records (:class:`Site`), nodes, edges,
legends, filters, paths between pages, and the pass that makes a drawing readable.

A pyvis ``Network`` holds each view's nodes and edges (pyvis is the project's
network-view layer); the page is written by :mod:`orggraph.render.pages` with
our own template, because pyvis' template fetches scripts from the internet
and turns HTML-looking text into live HTML.  Here every label is a pair
``{"vi": …, "en": …}`` and every piece of text stays plain text.  Each view is a
module of its own (:mod:`.coordination`, :mod:`.responsibility`, :mod:`.overlaps_view`,
:mod:`.body_view`); every colour is in :mod:`.style`.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from ..analyse.data import ROLES, PlanData, TaskRecord
from ..analyse.load import task_years
from ..analyse.overlaps import OverlapReport
from ..analyse.tables import Table
from ..text import fold_diacritics
from .layout import LABEL_WRAP, bounds, footprint, force_layout, grouped_layout, readable_layout
from .style import (
    KIND_COLOURS,
    MEASURE_COLOURS,
    MEASURE_LABELS,
    ROLE_LABELS,
    TIME_COLOURS,
    TIME_LABELS,
    UI,
    UNKNOWN_KIND_COLOUR,
    body_size,
    kind_labels,
    link_style,
    task_colour,
    year_colour,
)

_ID = "https://w3id.org/orggraph/id/"
# Label sizes in CSS px at zoom 1; the page opens at a zoom that shows the smallest at 12 px or more.
BODY_FONT = 14
TASK_FONT = 13


def L(vi: str, en: str | None = None) -> dict[str, str]:  # noqa: N802 - a label pair, read like a constructor
    return {"vi": vi, "en": en if en is not None else vi}


@dataclass
class View:
    """One page's worth of network: where it goes, and the data the browser draws."""

    path: str  # relative to the site folder, e.g. "views/coordination.html"
    title: dict[str, str]
    description: dict[str, str]
    data: dict[str, Any]


# What makes the overlap tables when the site does not hold them (too large: see publish).
OVERLAPS_COMMAND = "orggraph overlaps --format xlsx -o overlaps.xlsx"


@dataclass
class Site:
    """What every view needs: the analysis, the load per body, where sources and bodies live."""

    data: PlanData
    load: Table
    report: OverlapReport
    sources: dict[str, str]  # plan IRI -> site path of its source page ("" if none)
    downloads: frozenset[str] = frozenset()  # site paths of the exports the site holds

    def whole(self, export: str, command: str) -> str:
        """Where a whole table is: ``export`` if the site holds it, else the ``command`` that makes it."""
        return export if export in self.downloads else command

    def __post_init__(self) -> None:
        self.load_by_body = {str(r["body"]): r for r in self.load.records()}
        tasks = list(self.data.tasks.values())
        years = [d.year for t in tasks for d in (t.start, t.due, t.plan_issued) if d is not None]
        self.first_year = min(years) if years else 0
        self.last_year = max(years) if years else -1
        self.measure_of = {t.iri: m for m in self.report.measures for t in m.tasks}
        self.tasks_of: dict[str, list[TaskRecord]] = defaultdict(list)
        for task in self.data.ordered_tasks():
            for body in task.bodies():
                self.tasks_of[body].append(task)
        # Bodies with a page of their own: all of them, or the most loaded when there are many.
        self.body_pages = [str(r["body"]) for r in self.load.records()][:BODY_PAGES_UP_TO]
        self.has_page = set(self.body_pages)
        self.plans_of_key: dict[str, list[str]] = defaultdict(list)  # task code -> plans using it
        for task in tasks:
            self.plans_of_key[task.key].append(task.plan)


# Views of more nodes are cut down, and say so: the coordination view keeps the bodies with
# the most tasks and the heaviest ties, the responsibility view the busiest bodies with their
# tasks, the overlaps view the findings that matter most (several leads first); a body's own
# view larger than this is not drawn (its page says why).  At 10^6 triples (1,075 plans) the
# responsibility and overlaps pages weigh 1.9 and 2.5 MB.
VIEW_NODES_UP_TO = 1000
# The coordination view's nodes carry the most (each body's figures and links; ties list their
# tasks): at 1,000 bodies and 5,000 ties its page weighed 9.8 MB; these keep it near 5 MB.
COORDINATION_BODIES_UP_TO = 500
COORDINATION_TIES_UP_TO = 2500
# Views up to this many nodes get the force layout; larger ones the grouped layout
# (each province or district apart), whose cost grows about linearly.
FORCE_LAYOUT_UP_TO = 300
# Pages of one body get the force layout up to this size (a plan's largest: 56 nodes) while
# they are few (at most EGO_FORCE_PAGES_UP_TO pages, ~0.1 s each); otherwise the radial layout
# (tasks around the body, partners and measures outside), which costs next to nothing.
EGO_FORCE_LAYOUT_UP_TO = 80
EGO_FORCE_PAGES_UP_TO = 100
# Pages of one body: every body with a role, up to this many (the most loaded first); the home
# page says how many bodies have none.  At 10^6 triples a page weighs ~0.3 MB: 500 pages made
# 159 MB of a 290 MB site, 150 make ~48 MB.
BODY_PAGES_UP_TO = 150


def place_nodes(
    site: Site, nodes: list[str], edges: list[tuple[str, str, float]], scale: float
) -> dict[str, tuple[float, float]]:
    if len(nodes) <= FORCE_LAYOUT_UP_TO:
        return force_layout(nodes, edges, scale=scale)
    groups = {n: site.data.bodies[n].place for n in nodes if n in site.data.bodies}
    for node in nodes:
        task = site.data.tasks.get(node)
        if task is not None:
            groups[node] = task.plan
    return grouped_layout(nodes, edges, groups, scale=scale * 2)


def too_large(site: Site, page: str, title: dict[str, str], description: dict[str, str], nodes: int) -> View:
    """A view not drawn because it is too large, saying so and what to do instead."""
    note = L(
        f"Góc nhìn này có {nodes:,} nút, quá {VIEW_NODES_UP_TO:,} nút mà trình duyệt vẽ nhanh được, "
        "nên không được vẽ. Hãy vẽ từng kế hoạch: orggraph render --plan <số hiệu> -o <thư mục>, "
        "hoặc xem Mạng lưới phối hợp.",
        f"This view has {nodes:,} nodes, more than the {VIEW_NODES_UP_TO:,} a browser draws quickly, "
        "so it is not drawn. Draw one plan at a time: orggraph render --plan <number> -o <folder>, "
        "or see the coordination network.",
    )
    return View(
        page, title, description, view_data(site, new_network(), [], {"kinds": [], "roles": []}, [note])
    )


_SAFE_SEGMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,80}$")


def safe_segment(part: str) -> str:
    """A path segment a graph's IRI may give a page: kept when it is a plain slug, else a digest.

    A graph is untrusted input: "..", "/", "%2e", dots and long names never reach a file path.

    >>> safe_segment("van-phong-tinh-uy"), safe_segment("..")
    ('van-phong-tinh-uy', 'x-9d891e731f75')
    """
    if _SAFE_SEGMENT.match(part):
        return part
    return "x-" + hashlib.sha1(part.encode("utf-8"), usedforsecurity=False).hexdigest()[:12]


def site_path(prefix: str, tail: str) -> str:
    """``prefix/<segments of tail, each made safe>.html``."""
    return prefix + "/".join(safe_segment(part) for part in tail.split("/")) + ".html"


def body_path(iri: str) -> str:
    """Site path of a body's own view: ``views/body/<scope>/<key>.html``."""
    tail = iri[len(_ID) + len("body/") :] if iri.startswith(_ID + "body/") else iri
    return site_path("views/body/", tail)


def link(from_path: str, to_path: str) -> str:
    """Relative URL from one site page to another."""
    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")


def kind_label(kind: str) -> dict[str, str]:
    labels = kind_labels().get(kind, {})
    return L(labels.get("vi", kind), labels.get("en", kind))


def active_years(site: Site, task: TaskRecord) -> list[int] | str:
    if task.recurrence:
        return "all"
    return task_years(task, (site.first_year, site.last_year))


_fold = lru_cache(maxsize=1 << 17)(fold_diacritics)


def search_text(*texts: str) -> str:
    return " | ".join(_fold(t) for t in texts if t)


def task_details(site: Site, task: TaskRecord) -> list[list[dict[str, str]]]:
    rows = [
        [L("Nhiệm vụ", "Task"), L(task.key)],
        [L("Nội dung", "Text"), L(task.text)],
        [L("Mục", "Section"), L(f"{task.section_key} {task.section_title}".strip())],
    ]
    for role in ROLES:
        bodies = task.roles.get(role, [])
        if bodies:
            rows.append(
                [L(ROLE_LABELS[role]["vi"], ROLE_LABELS[role]["en"]), L(*both_names(site.data, bodies))]
            )
    if task.due:
        rows.append([L("Hạn hoàn thành", "Due"), L(task.due.isoformat())])
    if task.start:
        rows.append([L("Bắt đầu", "Starts"), L(task.start.isoformat())])
    if task.recurrence:
        rows.append(
            [
                L("Lặp lại", "Repeats"),
                L(TIME_LABELS[task.recurrence]["vi"], TIME_LABELS[task.recurrence]["en"]),
            ]
        )
    if task.condition:
        rows.append([L("Điều kiện", "Waits on"), L(task.condition)])
    measure = site.measure_of.get(task.iri)
    if measure is not None:
        rows.append(
            [
                L("Cùng biện pháp với", "Same measure as"),
                L(", ".join(k for k in measure.keys if k != task.key)),
            ]
        )
    return rows


def both_names(data: PlanData, bodies: list[str]) -> tuple[str, str]:
    return ("; ".join(data.label(b, "vi") for b in bodies), "; ".join(data.label(b, "en") for b in bodies))


def body_details(site: Site, iri: str) -> list[list[dict[str, str]]]:
    record = site.data.bodies.get(iri)
    row = site.load_by_body.get(iri, {})
    rows = [
        [L("Tên", "Name"), L(site.data.label(iri, "vi"))],
        [L("Tên tiếng Anh", "English name"), L(site.data.label(iri, "en"))],
    ]
    if record is not None and record.kind:
        rows.append([L("Loại", "Kind"), kind_label(record.kind)])
    if row:
        rows.append(
            [
                L("Khối lượng", "Load"),
                L(
                    f"{row['tasks']} nhiệm vụ: chịu trách nhiệm {row['responsible']}, chủ trì {row['lead']}, "
                    f"phối hợp {row['partner']}, được báo cáo {row['reported_to']}",
                    f"{row['tasks']} tasks: responsible {row['responsible']}, leads {row['lead']}, "
                    f"partner {row['partner']}, reported to {row['reported_to']}",
                ),
            ]
        )
        rows.append([L("Cơ quan cùng làm", "Works with"), L(str(row["partners"]))])
    return rows


def body_links(site: Site, iri: str, page: str) -> list[dict[str, Any]]:
    if iri not in site.has_page:
        return []
    return [{"href": link(page, body_path(iri)), "label": UI_LINK["open_body"]}]


UI_LINK = {key: L(UI["vi"][key], UI["en"][key]) for key in ("open_body", "open_source")}


def task_links(site: Site, task: TaskRecord, page: str) -> list[dict[str, Any]]:
    source = site.sources.get(task.plan)
    if not source:
        return []
    return [
        {"href": link(page, source) + "#task-" + quote(task.key, safe=".-_"), "label": UI_LINK["open_source"]}
    ]


def body_node(site: Site, iri: str, page: str, *, x: float, y: float) -> dict[str, Any]:
    record = site.data.bodies.get(iri)
    kind = record.kind if record else ""
    tasks = int(site.load_by_body.get(iri, {}).get("tasks", 0) or 0)
    return {
        "id": iri,
        "type": "body",
        "kind": kind,
        "label": L(site.data.label(iri, "vi"), site.data.label(iri, "en")),
        "shape": "dot",
        "color": KIND_COLOURS.get(kind, UNKNOWN_KIND_COLOUR),
        "size": body_size(tasks),
        "x": x,
        "y": y,
        "details": body_details(site, iri),
        "links": body_links(site, iri, page),
        "href": link(page, body_path(iri)) if iri in site.has_page else "",
        "search": search_text(
            site.data.label(iri, "vi"), site.data.label(iri, "en"), *sorted(record.names if record else [])
        ),
    }


def task_fill(site: Site, task: TaskRecord) -> str:
    return task_colour(
        task.due.isoformat() if task.due else "",
        task.start.isoformat() if task.start else "",
        task.recurrence or "",
        task.condition or "",
        site.first_year,
    )


def task_node(site: Site, task: TaskRecord, page: str, *, x: float, y: float) -> dict[str, Any]:
    return {
        "id": task.iri,
        "type": "task",
        "label": L(task.key),
        "shape": "box",
        "color": task_fill(site, task),
        "size": 10,
        "font": {"size": TASK_FONT, "face": "sans-serif"},
        "x": x,
        "y": y,
        "years": active_years(site, task),
        "details": task_details(site, task),
        "links": task_links(site, task, page),
        "search": search_text(task.key, task.text),
    }


def kind_filters(site: Site, bodies: list[str]) -> list[dict[str, Any]]:
    kinds = sorted(
        {site.data.bodies[b].kind for b in bodies if b in site.data.bodies and site.data.bodies[b].kind}
    )
    return [{"value": k, "label": kind_label(k)} for k in kinds]


def role_filters(roles: list[str]) -> list[dict[str, Any]]:
    return [{"value": r, "label": L(ROLE_LABELS[r]["vi"], ROLE_LABELS[r]["en"])} for r in roles]


def legend_kinds(site: Site, bodies: list[str]) -> list[dict[str, Any]]:
    return [
        {
            "swatch": "dot",
            "color": KIND_COLOURS.get(f["value"], UNKNOWN_KIND_COLOUR),
            "label": f["label"],
            "means": f"kind:{f['value']}",
        }
        for f in kind_filters(site, bodies)
    ]


def legend_link(kind: str, label: dict[str, str]) -> dict[str, Any]:
    style = link_style(kind)
    return {"swatch": style["swatch"], "color": style["color"], "label": label, "means": f"link:{kind}"}


def legend_time(site: Site) -> list[dict[str, Any]]:
    entries = [
        {
            "swatch": "box",
            "color": year_colour(year, site.first_year),
            "label": L(f"hạn năm {year}", f"due in {year}"),
            "means": f"due:{year}",
        }
        for year in range(site.first_year, site.last_year + 1)
    ]
    for category in ("open", "annual", "continuous", "conditional", "undated"):
        entries.append(
            {
                "swatch": "box",
                "color": TIME_COLOURS[category],
                "label": L(TIME_LABELS[category]["vi"], TIME_LABELS[category]["en"]),
                "means": f"timeframe:{category}",
            }
        )
    return entries


def view_data(
    site: Site,
    network: Any,
    legend: list[dict[str, Any]],
    filters: dict[str, Any],
    notes: list[dict[str, str]],
    *,
    compact: bool = True,
) -> dict[str, Any]:
    nodes, edges, _heading, _height, _width, _options = network.get_network_data()
    extent = make_readable(nodes, compact=compact)
    return {
        "extent": extent,
        "nodes": sorted(nodes, key=lambda n: n["id"]),
        "edges": sorted(edges, key=lambda e: e["id"]),
        "legend": legend,
        "filters": {**filters, "years": list(range(site.first_year, site.last_year + 1))},
        "notes": notes,
        "ui": {key: L(UI["vi"][key], UI["en"][key]) for key in UI["vi"]},
    }


def make_readable(nodes: list[dict[str, Any]], *, compact: bool = True) -> list[float]:
    """Place ``nodes`` in CSS pixels at zoom 1 with no two footprints (shape and label, in
    either language) touching; labels wider than LABEL_WRAP wrap; ``compact``: then draw them
    in while the drawing shrinks.  Returns the drawing's box (left, top, right, bottom), which
    the page fits to its canvas."""
    boxes = {}
    for node in nodes:
        font = float((node.get("font") or {}).get("size", BODY_FONT))
        labels = (
            sorted(set(node["label"].values())) if isinstance(node["label"], dict) else [str(node["label"])]
        )
        boxes[node["id"]] = footprint(node["shape"], float(node.get("size", 10)), labels, font)
        if node["shape"] != "box":
            node["widthConstraint"] = {"maximum": LABEL_WRAP}
    placed = readable_layout({n["id"]: (float(n["x"]), float(n["y"])) for n in nodes}, boxes, compact=compact)
    for node in nodes:
        node["x"], node["y"] = placed[node["id"]]
    if not nodes:
        return [0.0, 0.0, 0.0, 0.0]
    return [round(edge, 1) for edge in bounds(placed, boxes)]


def new_network() -> Any:
    from pyvis.network import Network

    return Network(directed=True, cdn_resources="local")


# pyvis's own add_node and add_edge look nodes up in a list (and edges, for undirected
# networks), which grows with the square of the view; these add the same pyvis Node and
# Edge records with a dictionary lookup, so a view of thousands of nodes builds in seconds.


def add_node(network: Any, node: dict[str, Any]) -> None:
    from pyvis.node import Node

    if node["id"] in network.node_map:
        return
    attributes = {k: v for k, v in node.items() if k not in ("id", "label", "shape", "color")}
    record = Node(
        node["id"],
        node["shape"],
        label=node["label"],
        color=node["color"],
        font_color=network.font_color,
        **attributes,
    )
    network.nodes.append(record.options)
    network.node_ids.append(node["id"])
    network.node_map[node["id"]] = record.options


def add_edge(network: Any, edge: dict[str, Any]) -> None:
    from pyvis.edge import Edge

    for end in (edge["from"], edge["to"]):
        if end not in network.node_map:
            raise ValueError(f"edge to a node not in the view: {end}")
    attributes = {k: v for k, v in edge.items() if k not in ("from", "to")}
    network.edges.append(Edge(edge["from"], edge["to"], network.directed, **attributes).options)


def edge_record(
    ident: str, source: str, target: str, role: str, title: dict[str, str], **extra: Any
) -> dict[str, Any]:
    return {
        "id": ident,
        "from": source,
        "to": target,
        "role": role,
        "color": link_style(role)["color"],
        "dashes": link_style(role)["dashes"],
        "width": 2.5 if role == "lead" else 1.5,
        "arrows": "",
        "title": title,
        **extra,
    }


def task_years_union(site: Site, iris: list[str]) -> list[int] | str:
    years: set[int] = set()
    for iri in iris:
        task = site.data.tasks.get(iri)
        if task is None:
            continue
        found = active_years(site, task)
        if isinstance(found, str):
            return "all"
        years.update(found)
    return sorted(years)


def role_edges(site: Site, network: Any, tasks: list[TaskRecord], bodies: set[str]) -> list[str]:
    """Draw an edge per (body, role, task) among ``bodies``; return the roles drawn, in ROLES order
    (every kind of edge drawn goes in the legend and the filters)."""
    drawn: set[str] = set()
    for task in tasks:
        for role in ROLES:
            for body in task.roles.get(role, []):
                if body not in bodies:
                    continue
                title = L(
                    f"{site.data.label(body, 'vi')} — {ROLE_LABELS[role]['vi']} — {task.key}",
                    f"{site.data.label(body, 'en')} — {ROLE_LABELS[role]['en']} — {task.key}",
                )
                add_edge(
                    network,
                    edge_record(
                        f"{role}:{body}|{task.iri}",
                        body,
                        task.iri,
                        role,
                        title,
                        years=active_years(site, task),
                    ),
                )
                drawn.add(role)
    return [role for role in ROLES if role in drawn]


def measure_status(measure: Any) -> str:
    return (
        "one lead" if measure.lead_count == 1 else ("no lead" if measure.lead_count == 0 else "several leads")
    )


def measure_node(site: Site, measure: Any, page: str, *, x: float, y: float) -> dict[str, Any]:
    status = measure_status(measure)
    leads = both_names(site.data, measure.leads)
    return {
        "id": measure.ident,
        "type": "measure",
        "label": L(f"≡ {measure.tasks[0].key}"),
        "shape": "diamond",
        "color": MEASURE_COLOURS[status],
        "size": 16,
        "x": x,
        "y": y,
        "details": [
            [L("Biện pháp", "Measure"), L(", ".join(measure.keys))],
            [L("Số mục", "Sections"), L(str(len(measure.sections)))],
            [L("Điểm", "Score"), L(f"{measure.score:.2f}")],
            [L("Cụm từ chung", "Shared phrases"), L(" | ".join(measure.shared_phrases))],
            [L("Chủ trì", "Leads"), L(leads[0] or "—", leads[1] or "—")],
            [L("Đánh giá", "Status"), L(MEASURE_LABELS[status]["vi"], MEASURE_LABELS[status]["en"])],
        ],
        "links": [],
        "search": search_text(*measure.keys, *measure.shared_phrases),
    }

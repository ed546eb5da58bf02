"""The data of each interactive view: nodes, edges, legend, filters, in both languages.

A pyvis ``Network`` holds each view's nodes and edges (pyvis is the project's
network-view layer); the page is written by :mod:`orggraph.render.pages` with
our own template, because pyvis' template fetches scripts from the internet
and turns HTML-looking text into live HTML.  Here every label is a pair
``{"vi": …, "en": …}`` and every piece of text stays plain text.
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
from ..analyse.projections import coworking, lead_graph
from ..analyse.tables import Table
from ..text import fold_diacritics
from .layout import LABEL_WRAP, ego_layout, footprint, force_layout, grouped_layout, readable_layout
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

__all__ = [
    "Site",
    "View",
    "body_path",
    "coordination_view",
    "ego_view",
    "overlap_view",
    "responsibility_view",
]

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


@dataclass
class Site:
    """What every view needs: the analysis, the load per body, where sources and bodies live."""

    data: PlanData
    load: Table
    report: OverlapReport
    sources: dict[str, str]  # plan IRI -> site path of its source page ("" if none)

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


# A browser draws a view of this many nodes in a few seconds when the layout comes with it
# (physics off).  Larger views are cut down (the coordination view keeps the bodies with
# the most tasks) or not drawn (the page says why and how to draw one plan).
VIEW_NODES_UP_TO = 5000
VIEW_EDGES_UP_TO = 20000
# Views up to this many nodes get the force layout; larger ones the grouped layout
# (each province or district apart), whose cost grows about linearly.
FORCE_LAYOUT_UP_TO = 300
# Pages of one body get the force layout up to this size (a plan's largest: 56 nodes) while
# they are few (at most EGO_FORCE_PAGES_UP_TO pages, ~0.1 s each); otherwise the radial layout
# (tasks around the body, partners and measures outside), which costs next to nothing.
EGO_FORCE_LAYOUT_UP_TO = 80
EGO_FORCE_PAGES_UP_TO = 100
# Pages of one body: every body with a role, up to this many (the most loaded first).
BODY_PAGES_UP_TO = 500


def _layout(
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


def _too_large(site: Site, page: str, title: dict[str, str], description: dict[str, str], nodes: int) -> View:
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
        page, title, description, _view_data(site, _network(), [], {"kinds": [], "roles": []}, [note])
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


def _kind_label(kind: str) -> dict[str, str]:
    labels = kind_labels().get(kind, {})
    return L(labels.get("vi", kind), labels.get("en", kind))


def _years(site: Site, task: TaskRecord) -> list[int] | str:
    if task.recurrence:
        return "all"
    return task_years(task, (site.first_year, site.last_year))


_fold = lru_cache(maxsize=1 << 17)(fold_diacritics)


def _search(*texts: str) -> str:
    return " | ".join(_fold(t) for t in texts if t)


def _task_details(site: Site, task: TaskRecord) -> list[list[dict[str, str]]]:
    rows = [
        [L("Nhiệm vụ", "Task"), L(task.key)],
        [L("Nội dung", "Text"), L(task.text)],
        [L("Mục", "Section"), L(f"{task.section_key} {task.section_title}".strip())],
    ]
    for role in ROLES:
        bodies = task.roles.get(role, [])
        if bodies:
            rows.append([L(ROLE_LABELS[role]["vi"], ROLE_LABELS[role]["en"]), L(*_names(site.data, bodies))])
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


def _names(data: PlanData, bodies: list[str]) -> tuple[str, str]:
    return ("; ".join(data.label(b, "vi") for b in bodies), "; ".join(data.label(b, "en") for b in bodies))


def _body_details(site: Site, iri: str) -> list[list[dict[str, str]]]:
    record = site.data.bodies.get(iri)
    row = site.load_by_body.get(iri, {})
    rows = [
        [L("Tên", "Name"), L(site.data.label(iri, "vi"))],
        [L("Tên tiếng Anh", "English name"), L(site.data.label(iri, "en"))],
    ]
    if record is not None and record.kind:
        rows.append([L("Loại", "Kind"), _kind_label(record.kind)])
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


def _body_links(site: Site, iri: str, page: str) -> list[dict[str, Any]]:
    if iri not in site.has_page:
        return []
    return [{"href": link(page, body_path(iri)), "label": UI_LINK["open_body"]}]


UI_LINK = {key: L(UI["vi"][key], UI["en"][key]) for key in ("open_body", "open_source")}


def _task_links(site: Site, task: TaskRecord, page: str) -> list[dict[str, Any]]:
    source = site.sources.get(task.plan)
    if not source:
        return []
    return [
        {"href": link(page, source) + "#task-" + quote(task.key, safe=".-_"), "label": UI_LINK["open_source"]}
    ]


def _body_node(site: Site, iri: str, page: str, *, x: float, y: float) -> dict[str, Any]:
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
        "details": _body_details(site, iri),
        "links": _body_links(site, iri, page),
        "href": link(page, body_path(iri)) if iri in site.has_page else "",
        "search": _search(
            site.data.label(iri, "vi"), site.data.label(iri, "en"), *sorted(record.names if record else [])
        ),
    }


def _task_colour(site: Site, task: TaskRecord) -> str:
    return task_colour(
        task.due.isoformat() if task.due else "",
        task.start.isoformat() if task.start else "",
        task.recurrence or "",
        task.condition or "",
        site.first_year,
    )


def _task_node(site: Site, task: TaskRecord, page: str, *, x: float, y: float) -> dict[str, Any]:
    return {
        "id": task.iri,
        "type": "task",
        "label": L(task.key),
        "shape": "box",
        "color": _task_colour(site, task),
        "size": 10,
        "font": {"size": TASK_FONT, "face": "sans-serif"},
        "x": x,
        "y": y,
        "years": _years(site, task),
        "details": _task_details(site, task),
        "links": _task_links(site, task, page),
        "search": _search(task.key, task.text),
    }


def _kind_filters(site: Site, bodies: list[str]) -> list[dict[str, Any]]:
    kinds = sorted(
        {site.data.bodies[b].kind for b in bodies if b in site.data.bodies and site.data.bodies[b].kind}
    )
    return [{"value": k, "label": _kind_label(k)} for k in kinds]


def _role_filters(roles: list[str]) -> list[dict[str, Any]]:
    return [{"value": r, "label": L(ROLE_LABELS[r]["vi"], ROLE_LABELS[r]["en"])} for r in roles]


def _legend_kinds(site: Site, bodies: list[str]) -> list[dict[str, Any]]:
    return [
        {
            "swatch": "dot",
            "color": KIND_COLOURS.get(f["value"], UNKNOWN_KIND_COLOUR),
            "label": f["label"],
            "means": f"kind:{f['value']}",
        }
        for f in _kind_filters(site, bodies)
    ]


def _legend_link(kind: str, label: dict[str, str]) -> dict[str, Any]:
    style = link_style(kind)
    return {"swatch": style["swatch"], "color": style["color"], "label": label, "means": f"link:{kind}"}


def _legend_time(site: Site) -> list[dict[str, Any]]:
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


def _view_data(
    site: Site,
    network: Any,
    legend: list[dict[str, Any]],
    filters: dict[str, Any],
    notes: list[dict[str, str]],
) -> dict[str, Any]:
    nodes, edges, _heading, _height, _width, _options = network.get_network_data()
    extent = _make_readable(nodes)
    return {
        "extent": extent,
        "nodes": sorted(nodes, key=lambda n: n["id"]),
        "edges": sorted(edges, key=lambda e: e["id"]),
        "legend": legend,
        "filters": {**filters, "years": list(range(site.first_year, site.last_year + 1))},
        "notes": notes,
        "ui": {key: L(UI["vi"][key], UI["en"][key]) for key in UI["vi"]},
    }


def _make_readable(nodes: list[dict[str, Any]]) -> list[float]:
    """Place ``nodes`` in CSS pixels at zoom 1 with no two footprints (shape and label, in
    either language) touching; labels wider than LABEL_WRAP wrap.  Returns the drawing's
    box (left, top, right, bottom), which the page fits to its canvas."""
    boxes = {}
    for node in nodes:
        font = float((node.get("font") or {}).get("size", BODY_FONT))
        labels = (
            sorted(set(node["label"].values())) if isinstance(node["label"], dict) else [str(node["label"])]
        )
        boxes[node["id"]] = footprint(node["shape"], float(node.get("size", 10)), labels, font)
        if node["shape"] != "box":
            node["widthConstraint"] = {"maximum": LABEL_WRAP}
    placed = readable_layout({n["id"]: (float(n["x"]), float(n["y"])) for n in nodes}, boxes)
    for node in nodes:
        node["x"], node["y"] = placed[node["id"]]
    if not nodes:
        return [0.0, 0.0, 0.0, 0.0]
    return [
        round(min(n["x"] + boxes[n["id"]][0] for n in nodes), 1),
        round(min(n["y"] + boxes[n["id"]][1] for n in nodes), 1),
        round(max(n["x"] + boxes[n["id"]][2] for n in nodes), 1),
        round(max(n["y"] + boxes[n["id"]][3] for n in nodes), 1),
    ]


def _network() -> Any:
    from pyvis.network import Network

    return Network(directed=True, cdn_resources="local")


# pyvis's own add_node and add_edge look nodes up in a list (and edges, for undirected
# networks), which grows with the square of the view; these add the same pyvis Node and
# Edge records with a dictionary lookup, so a view of thousands of nodes builds in seconds.


def _add_node(network: Any, node: dict[str, Any]) -> None:
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


def _add_edge(network: Any, edge: dict[str, Any]) -> None:
    from pyvis.edge import Edge

    for end in (edge["from"], edge["to"]):
        if end not in network.node_map:
            raise ValueError(f"edge to a node not in the view: {end}")
    attributes = {k: v for k, v in edge.items() if k not in ("from", "to")}
    network.edges.append(Edge(edge["from"], edge["to"], network.directed, **attributes).options)


def _edge(
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


def _task_years_union(site: Site, iris: list[str]) -> list[int] | str:
    years: set[int] = set()
    for iri in iris:
        task = site.data.tasks.get(iri)
        if task is None:
            continue
        found = _years(site, task)
        if isinstance(found, str):
            return "all"
        years.update(found)
    return sorted(years)


# ---------------------------------------------------------------- the views


def coordination_view(site: Site) -> View:
    """Bodies; width = shared tasks; colour = kind; size = load; lead -> partner arrows."""
    page = "views/coordination.html"
    data = site.data
    shared = coworking(data)
    leads = lead_graph(data)
    reports: dict[tuple[str, str], list[str]] = defaultdict(list)
    for task in data.ordered_tasks():
        for body in task.roles.get("responsible", []):
            for target in task.roles.get("reportsTo", []):
                if body != target:
                    reports[(body, target)].append(task.iri)
    bodies = sorted(set(shared.nodes()) | set(leads.nodes()) | {b for pair in reports for b in pair})
    cut: list[dict[str, str]] = []
    if len(bodies) > VIEW_NODES_UP_TO:
        # Many plans: the bodies with the most tasks, and the heaviest ties among them.
        def tasks_of(body: str) -> int:
            return int(site.load_by_body.get(body, {}).get("tasks", 0) or 0)

        total = len(bodies)
        keep = set(sorted(bodies, key=lambda b: (-tasks_of(b), b))[:VIEW_NODES_UP_TO])
        bodies = sorted(keep)
        shared = shared.subgraph(keep).copy()
        leads = leads.subgraph(keep).copy()
        reports = defaultdict(list, {k: v for k, v in reports.items() if k[0] in keep and k[1] in keep})
        cut.append(
            L(
                f"Chỉ hiện {len(bodies):,} trong {total:,} cơ quan: những cơ quan có nhiều nhiệm vụ nhất. "
                "Vẽ từng kế hoạch: orggraph render --plan <số hiệu>.",
                f"Showing {len(bodies):,} of {total:,} bodies: those with the most tasks. "
                "Draw one plan at a time: orggraph render --plan <number>.",
            )
        )
    if shared.number_of_edges() > VIEW_EDGES_UP_TO:
        edges = sorted(shared.edges(data=True), key=lambda e: (-float(e[2]["weight"]), e[0], e[1]))
        dropped = len(edges) - VIEW_EDGES_UP_TO
        shared.remove_edges_from((u, v) for u, v, _ in edges[VIEW_EDGES_UP_TO:])
        cut.append(
            L(
                f"Bỏ {dropped:,} liên kết cùng làm nhẹ nhất, giữ {VIEW_EDGES_UP_TO:,} liên kết nặng nhất.",
                f"Leaving out the {dropped:,} lightest co-working links, keeping the {VIEW_EDGES_UP_TO:,} heaviest.",
            )
        )
    weights = [(u, v, float(a["weight"])) for u, v, a in shared.edges(data=True)]
    weights += [(u, v, 0.5) for (u, v) in reports]
    positions = _layout(site, bodies, weights, 700.0)
    network = _network()
    for body in bodies:
        x, y = positions[body]
        _add_node(network, _body_node(site, body, page, x=x, y=y))
    for u, v, attributes in sorted(shared.edges(data=True), key=lambda e: (e[0], e[1])):
        keys = list(attributes["tasks"])
        names = _names(data, [u, v])
        title = L(
            f"{names[0]} — cùng làm {len(keys)} nhiệm vụ: {', '.join(keys)}",
            f"{names[1]} — work together on {len(keys)} tasks: {', '.join(keys)}",
        )
        _add_edge(
            network,
            _edge(
                f"w:{u}|{v}",
                u,
                v,
                "coworking",
                title,
                width=round(1 + 1.6 * len(keys), 1),
                arrows="",
                years=_task_years_union(site, attributes["task_iris"]),
            ),
        )
    for u, v, attributes in sorted(leads.edges(data=True), key=lambda e: (e[0], e[1])):
        keys = list(attributes["tasks"])
        title = L(
            f"{data.label(u, 'vi')} chủ trì, {data.label(v, 'vi')} phối hợp: {', '.join(keys)}",
            f"{data.label(u, 'en')} leads, {data.label(v, 'en')} partners: {', '.join(keys)}",
        )
        _add_edge(
            network,
            _edge(
                f"l:{u}|{v}",
                u,
                v,
                "lead",
                title,
                arrows="to",
                width=round(1 + 0.8 * len(keys), 1),
                smooth={"type": "curvedCW", "roundness": 0.18},
                years=_task_years_union(site, attributes["task_iris"]),
            ),
        )
    for (u, v), iris in sorted(reports.items()):
        keys = [data.tasks[i].key for i in iris]
        title = L(
            f"{data.label(u, 'vi')} tham mưu, báo cáo {data.label(v, 'vi')}: {', '.join(keys)}",
            f"{data.label(u, 'en')} advises or reports to {data.label(v, 'en')}: {', '.join(keys)}",
        )
        _add_edge(
            network,
            _edge(
                f"r:{u}|{v}",
                u,
                v,
                "reportsTo",
                title,
                arrows="to",
                smooth={"type": "curvedCCW", "roundness": 0.12},
                years=_task_years_union(site, iris),
            ),
        )
    legend = _legend_kinds(site, bodies) + [
        _legend_link("coworking", L(ROLE_LABELS["coworking"]["vi"], ROLE_LABELS["coworking"]["en"])),
        {**_legend_link("lead", L("chủ trì → phối hợp", "leads → partner")), "swatch": "arrow"},
        _legend_link(
            "reportsTo", L("tham mưu, báo cáo → cơ quan được báo cáo", "advises, reports → body reported to")
        ),
    ]
    notes = [
        L(
            "Cỡ nút: số nhiệm vụ cơ quan có vai trò. Nhấn đúp vào một cơ quan để mở trang riêng.",
            "Node size: tasks the body has a role in. Double-click a body to open its own view.",
        ),
        L(
            "Lọc theo năm: chỉ giữ các liên kết có nhiệm vụ đang thực hiện trong năm đó (nhiệm vụ lặp lại: mọi năm).",
            "Year filter: keeps links whose tasks are under way that year (recurring tasks: every year).",
        ),
    ]
    notes += cut
    filters = {
        "kinds": _kind_filters(site, bodies),
        "roles": _role_filters(["coworking", "lead", "reportsTo"]),
    }
    return View(
        page,
        L("Mạng lưới phối hợp", "Coordination network"),
        L(
            "Các cơ quan nối với nhau khi cùng làm một nhiệm vụ",
            "Bodies joined when they work on a task together",
        ),
        _view_data(site, network, legend, filters, notes),
    )


def _role_edges(site: Site, network: Any, tasks: list[TaskRecord], bodies: set[str]) -> list[str]:
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
                _add_edge(
                    network,
                    _edge(
                        f"{role}:{body}|{task.iri}",
                        body,
                        task.iri,
                        role,
                        title,
                        years=_years(site, task),
                    ),
                )
                drawn.add(role)
    return [role for role in ROLES if role in drawn]


def responsibility_view(site: Site) -> View:
    """Bodies and tasks; edges coloured by role; tasks coloured by timeframe."""
    page = "views/responsibility.html"
    tasks = site.data.ordered_tasks()
    bodies = sorted({b for t in tasks for b in t.bodies()})
    view_title = L("Mạng lưới trách nhiệm", "Responsibility network")
    view_description = L("Cơ quan và nhiệm vụ, nối theo vai trò", "Bodies and tasks, joined by role")
    if len(bodies) + len(tasks) > VIEW_NODES_UP_TO:
        return _too_large(site, page, view_title, view_description, len(bodies) + len(tasks))
    links = [(b, t.iri, 1.0) for t in tasks for b in t.bodies()]
    positions = _layout(site, [*bodies, *(t.iri for t in tasks)], links, 1100.0)
    network = _network()
    for body in bodies:
        _add_node(network, _body_node(site, body, page, x=positions[body][0], y=positions[body][1]))
    for task in tasks:
        _add_node(network, _task_node(site, task, page, x=positions[task.iri][0], y=positions[task.iri][1]))
    _role_edges(site, network, tasks, set(bodies))
    legend = (
        _legend_kinds(site, bodies)
        + [_legend_link(r, L(ROLE_LABELS[r]["vi"], ROLE_LABELS[r]["en"])) for r in ROLES]
        + _legend_time(site)
    )
    notes = [
        L(
            "Hình chữ nhật: nhiệm vụ, tô màu theo thời hạn. Hình tròn: cơ quan.",
            "Boxes: tasks, coloured by timeframe. Dots: bodies.",
        )
    ]
    filters = {"kinds": _kind_filters(site, bodies), "roles": _role_filters(list(ROLES))}
    return View(page, view_title, view_description, _view_data(site, network, legend, filters, notes))


def _measure_status(measure: Any) -> str:
    return (
        "one lead" if measure.lead_count == 1 else ("no lead" if measure.lead_count == 0 else "several leads")
    )


def _measure_node(site: Site, measure: Any, page: str, *, x: float, y: float) -> dict[str, Any]:
    status = _measure_status(measure)
    leads = _names(site.data, measure.leads)
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
        "search": _search(*measure.keys, *measure.shared_phrases),
    }


def overlap_view(site: Site) -> View:
    """Measures found in several sections, with their tasks and the bodies responsible."""
    page = "views/overlaps.html"
    report = site.report
    tasks: dict[str, TaskRecord] = {}
    for measure in report.measures:
        for task in measure.tasks:
            tasks[task.iri] = task
    general_edges = []
    for pair in report.general_pairs:
        first, second = site.data.tasks[pair.a], site.data.tasks[pair.b]
        general, specific = (first, second) if site.data.is_general(first) else (second, first)
        tasks[general.iri] = general
        tasks[specific.iri] = specific
        general_edges.append((general, specific, pair.score))
    ordered = sorted(tasks.values(), key=lambda t: (t.plan, t.line))
    bodies = sorted({b for t in ordered for b in t.bodies("responsible", "lead")})
    links = [(m.ident, t.iri, 2.0) for m in report.measures for t in m.tasks]
    links += [(b, t.iri, 1.0) for t in ordered for b in t.bodies("responsible", "lead")]
    links += [(g.iri, s.iri, 1.0) for g, s, _ in general_edges]
    nodes = [*(m.ident for m in report.measures), *tasks, *bodies]
    view_title = L("Trùng lặp, chồng chéo", "Overlapping responsibilities")
    view_description = L("Biện pháp được giao ở nhiều mục", "Measures assigned in several sections")
    if len(nodes) > VIEW_NODES_UP_TO:
        return _too_large(site, page, view_title, view_description, len(nodes))
    positions = _layout(site, nodes, links, 1000.0)
    network = _network()
    for measure in report.measures:
        _add_node(
            network,
            _measure_node(site, measure, page, x=positions[measure.ident][0], y=positions[measure.ident][1]),
        )
    for task in ordered:
        _add_node(network, _task_node(site, task, page, x=positions[task.iri][0], y=positions[task.iri][1]))
    for body in bodies:
        _add_node(network, _body_node(site, body, page, x=positions[body][0], y=positions[body][1]))
    for measure in report.measures:
        for task in measure.tasks:
            title = L(
                f"{task.key} thuộc biện pháp {measure.tasks[0].key}",
                f"{task.key} is part of measure {measure.tasks[0].key}",
            )
            _add_edge(
                network,
                _edge(
                    f"m:{measure.ident}|{task.iri}",
                    measure.ident,
                    task.iri,
                    "measure",
                    title,
                    width=2.0,
                    years=_years(site, task),
                ),
            )
    for general, specific, score in general_edges:
        title = L(
            f"{specific.key} nhắc lại nhiệm vụ chung {general.key} (điểm {score:.2f})",
            f"{specific.key} repeats the general task {general.key} (score {score:.2f})",
        )
        _add_edge(
            network,
            _edge(
                f"g:{general.iri}|{specific.iri}",
                general.iri,
                specific.iri,
                "general",
                title,
                arrows="to",
                years=_years(site, specific),
            ),
        )
    drawn = _role_edges(site, network, ordered, set(bodies))
    legend: list[dict[str, Any]] = [
        *(
            {
                "swatch": "diamond",
                "color": MEASURE_COLOURS[s],
                "label": L(MEASURE_LABELS[s]["vi"], MEASURE_LABELS[s]["en"]),
                "means": f"measure:{s}",
            }
            for s in MEASURE_COLOURS
        ),
        _legend_link("measure", L("nhiệm vụ thuộc biện pháp", "task is part of the measure")),
        _legend_link("general", L("nhiệm vụ chung → nhiệm vụ nhắc lại", "general task → task repeating it")),
        *(_legend_link(r, L(ROLE_LABELS[r]["vi"], ROLE_LABELS[r]["en"])) for r in drawn),
        *_legend_kinds(site, bodies),
        *_legend_time(site),
    ]
    notes = [
        L(
            "Mỗi hình thoi là một việc mà nhiều mục của kế hoạch cùng giao; màu cho biết có một, không có hay có nhiều cơ quan chủ trì.",
            "Each diamond is one piece of work that several sections of the plan assign; its colour says whether it has one lead, none, or several.",
        )
    ]
    edge_kinds = _role_filters(drawn) + [
        {"value": "measure", "label": L("nhiệm vụ thuộc biện pháp", "task is part of the measure")},
        {"value": "general", "label": L("nhiệm vụ chung → nhắc lại", "general task → repeated")},
    ]
    filters = {"kinds": _kind_filters(site, bodies), "roles": edge_kinds}
    return View(page, view_title, view_description, _view_data(site, network, legend, filters, notes))


def ego_view(site: Site, body: str) -> View:
    """One body: its tasks, the bodies it shares them with, and the measures they belong to."""
    page = body_path(body)
    data = site.data
    tasks = site.tasks_of.get(body, [])
    others = sorted({b for t in tasks for b in t.bodies()} - {body})
    measures = sorted(
        {
            site.measure_of[t.iri].ident: site.measure_of[t.iri] for t in tasks if t.iri in site.measure_of
        }.items()
    )
    own_tasks = {t.iri for t in tasks}
    links = [(b, t.iri, 1.0) for t in tasks for b in t.bodies()]
    links += [(ident, t.iri, 1.0) for ident, m in measures for t in m.tasks if t.iri in own_tasks]
    nodes = [body, *others, *(t.iri for t in tasks), *(i for i, _ in measures)]
    name = data.label(body, "vi"), data.label(body, "en")
    view_title = L(name[0], name[1])
    view_description = L(
        "Nhiệm vụ, cơ quan cùng làm và biện pháp của cơ quan này",
        "This body's tasks, partners and measures",
    )
    if len(nodes) > VIEW_NODES_UP_TO:
        return _too_large(site, page, view_title, view_description, len(nodes))
    if len(nodes) <= EGO_FORCE_LAYOUT_UP_TO and len(site.body_pages) <= EGO_FORCE_PAGES_UP_TO:
        positions = force_layout(nodes, links, iterations=150)
    else:
        neighbours: dict[str, list[str]] = defaultdict(list)
        for a, b, _ in links:
            if a != body:
                neighbours[a].append(b)
        positions = ego_layout(
            body, [t.iri for t in tasks], {n: neighbours[n] for n in nodes[1:] if n not in own_tasks}
        )
    network = _network()
    centre = _body_node(site, body, page, x=positions[body][0], y=positions[body][1])
    centre["borderWidth"] = 4
    centre["links"] = []
    _add_node(network, centre)
    for other in others:
        _add_node(network, _body_node(site, other, page, x=positions[other][0], y=positions[other][1]))
    for task in tasks:
        _add_node(network, _task_node(site, task, page, x=positions[task.iri][0], y=positions[task.iri][1]))
    own = {t.iri for t in tasks}
    for ident, measure in measures:
        _add_node(network, _measure_node(site, measure, page, x=positions[ident][0], y=positions[ident][1]))
        for task in measure.tasks:
            if task.iri in own:
                title = L(
                    f"{task.key} thuộc biện pháp {measure.tasks[0].key}",
                    f"{task.key} is part of measure {measure.tasks[0].key}",
                )
                _add_edge(
                    network,
                    _edge(f"m:{ident}|{task.iri}", ident, task.iri, "measure", title, width=2.0),
                )
    _role_edges(site, network, tasks, {body, *others})
    legend = (
        _legend_kinds(site, [body, *others])
        + [_legend_link(r, L(ROLE_LABELS[r]["vi"], ROLE_LABELS[r]["en"])) for r in ROLES]
        + [
            {
                "swatch": "diamond",
                "color": MEASURE_COLOURS[status],
                "means": f"measure:{status}",
                "label": L(
                    f"{MEASURE_LABELS[status]['vi']} (xem trang Trùng lặp)",
                    f"{MEASURE_LABELS[status]['en']} (see the Overlaps view)",
                ),
            }
            for status in MEASURE_COLOURS
            if any(_measure_status(m) == status for _, m in measures)
        ]
        + _legend_time(site)
    )
    notes = [L("Viền đậm: cơ quan của trang này.", "Thick border: this page's body.")]
    part_of = L("nhiệm vụ thuộc biện pháp", "task is part of the measure")
    if measures:
        legend.append(_legend_link("measure", part_of))
    edge_kinds = _role_filters(list(ROLES)) + ([{"value": "measure", "label": part_of}] if measures else [])
    filters = {"kinds": _kind_filters(site, [body, *others]), "roles": edge_kinds}
    return View(page, view_title, view_description, _view_data(site, network, legend, filters, notes))

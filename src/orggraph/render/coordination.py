"""The coordination view: bodies joined when they work on a task together; lead → partner
and reports-to arrows."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from ..analyse.projections import coworking, lead_graph
from . import kit
from .kit import (
    L,
    Site,
    View,
    add_edge,
    add_node,
    body_node,
    both_names,
    edge_record,
    kind_filters,
    legend_kinds,
    legend_link,
    new_network,
    place_nodes,
    role_filters,
    task_years_union,
    view_data,
)
from .style import ROLE_LABELS

__all__ = ["coordination_view"]


def _ties(graph: nx.Graph) -> list[tuple[str, str, dict[str, Any]]]:
    """The co-working ties, each written from the body whose IRI sorts first: networkx gives an
    undirected edge in the order its nodes were added, which a cut-down copy does not keep."""
    return [(min(u, v), max(u, v), attributes) for u, v, attributes in graph.edges(data=True)]


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
    if len(bodies) > kit.COORDINATION_BODIES_UP_TO:
        # Many plans: the bodies with the most tasks, and the heaviest ties among them.
        def tasks_of(body: str) -> int:
            return int(site.load_by_body.get(body, {}).get("tasks", 0) or 0)

        total = len(bodies)
        keep = set(sorted(bodies, key=lambda b: (-tasks_of(b), b))[: kit.COORDINATION_BODIES_UP_TO])
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
    if shared.number_of_edges() > kit.COORDINATION_TIES_UP_TO:
        edges = sorted(_ties(shared), key=lambda e: (-float(e[2]["weight"]), e[0], e[1]))
        dropped = len(edges) - kit.COORDINATION_TIES_UP_TO
        shared.remove_edges_from((u, v) for u, v, _ in edges[kit.COORDINATION_TIES_UP_TO :])
        cut.append(
            L(
                f"Bỏ {dropped:,} liên kết cùng làm nhẹ nhất, giữ {kit.COORDINATION_TIES_UP_TO:,} liên kết nặng nhất.",
                f"Leaving out the {dropped:,} lightest co-working links, keeping the {kit.COORDINATION_TIES_UP_TO:,} heaviest.",
            )
        )
    weights = [(u, v, float(a["weight"])) for u, v, a in shared.edges(data=True)]
    weights += [(u, v, 0.5) for (u, v) in reports]
    positions = place_nodes(site, bodies, weights, 700.0)
    network = new_network()
    for body in bodies:
        x, y = positions[body]
        add_node(network, body_node(site, body, page, x=x, y=y))
    for u, v, attributes in sorted(_ties(shared), key=lambda e: (e[0], e[1])):
        keys = list(attributes["tasks"])
        names = both_names(data, [u, v])
        title = L(
            f"{names[0]} — cùng làm {len(keys)} nhiệm vụ: {', '.join(keys)}",
            f"{names[1]} — work together on {len(keys)} tasks: {', '.join(keys)}",
        )
        add_edge(
            network,
            edge_record(
                f"w:{u}|{v}",
                u,
                v,
                "coworking",
                title,
                width=round(1 + 1.6 * len(keys), 1),
                arrows="",
                years=task_years_union(site, attributes["task_iris"]),
            ),
        )
    for u, v, attributes in sorted(leads.edges(data=True), key=lambda e: (e[0], e[1])):
        keys = list(attributes["tasks"])
        title = L(
            f"{data.label(u, 'vi')} chủ trì, {data.label(v, 'vi')} phối hợp: {', '.join(keys)}",
            f"{data.label(u, 'en')} leads, {data.label(v, 'en')} partners: {', '.join(keys)}",
        )
        add_edge(
            network,
            edge_record(
                f"l:{u}|{v}",
                u,
                v,
                "lead",
                title,
                arrows="to",
                width=round(1 + 0.8 * len(keys), 1),
                smooth={"type": "curvedCW", "roundness": 0.18},
                years=task_years_union(site, attributes["task_iris"]),
            ),
        )
    for (u, v), iris in sorted(reports.items()):
        keys = [data.tasks[i].key for i in iris]
        title = L(
            f"{data.label(u, 'vi')} tham mưu, báo cáo {data.label(v, 'vi')}: {', '.join(keys)}",
            f"{data.label(u, 'en')} advises or reports to {data.label(v, 'en')}: {', '.join(keys)}",
        )
        add_edge(
            network,
            edge_record(
                f"r:{u}|{v}",
                u,
                v,
                "reportsTo",
                title,
                arrows="to",
                smooth={"type": "curvedCCW", "roundness": 0.12},
                years=task_years_union(site, iris),
            ),
        )
    legend = legend_kinds(site, bodies) + [
        legend_link("coworking", L(ROLE_LABELS["coworking"]["vi"], ROLE_LABELS["coworking"]["en"])),
        {**legend_link("lead", L("chủ trì → phối hợp", "leads → partner")), "swatch": "arrow"},
        legend_link(
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
        "kinds": kind_filters(site, bodies),
        "roles": role_filters(["coworking", "lead", "reportsTo"]),
    }
    return View(
        page,
        L("Mạng lưới phối hợp", "Coordination network"),
        L(
            "Các cơ quan nối với nhau khi cùng làm một nhiệm vụ",
            "Bodies joined when they work on a task together",
        ),
        view_data(site, network, legend, filters, notes),
    )

"""The responsibility view: bodies and tasks, joined by role; tasks coloured by timeframe."""

from __future__ import annotations

from ..analyse.data import ROLES
from . import kit
from .kit import (
    L,
    Site,
    View,
    add_node,
    body_node,
    kind_filters,
    legend_kinds,
    legend_link,
    legend_time,
    new_network,
    place_nodes,
    role_edges,
    role_filters,
    task_node,
    too_large,
    view_data,
)
from .style import ROLE_LABELS

__all__ = ["responsibility_view"]


def responsibility_view(site: Site) -> View:
    """Bodies and tasks; edges coloured by role; tasks coloured by timeframe."""
    page = "views/responsibility.html"
    tasks = site.data.ordered_tasks()
    bodies = sorted({b for t in tasks for b in t.bodies()})
    view_title = L("Mạng lưới trách nhiệm", "Responsibility network")
    view_description = L("Cơ quan và nhiệm vụ, nối theo vai trò", "Bodies and tasks, joined by role")
    if len(bodies) + len(tasks) > kit.VIEW_NODES_UP_TO:
        return too_large(site, page, view_title, view_description, len(bodies) + len(tasks))
    links = [(b, t.iri, 1.0) for t in tasks for b in t.bodies()]
    positions = place_nodes(site, [*bodies, *(t.iri for t in tasks)], links, 1100.0)
    network = new_network()
    for body in bodies:
        add_node(network, body_node(site, body, page, x=positions[body][0], y=positions[body][1]))
    for task in tasks:
        add_node(network, task_node(site, task, page, x=positions[task.iri][0], y=positions[task.iri][1]))
    role_edges(site, network, tasks, set(bodies))
    legend = (
        legend_kinds(site, bodies)
        + [legend_link(r, L(ROLE_LABELS[r]["vi"], ROLE_LABELS[r]["en"])) for r in ROLES]
        + legend_time(site)
    )
    notes = [
        L(
            "Hình chữ nhật: nhiệm vụ, tô màu theo thời hạn. Hình tròn: cơ quan.",
            "Boxes: tasks, coloured by timeframe. Dots: bodies.",
        )
    ]
    filters = {"kinds": kind_filters(site, bodies), "roles": role_filters(list(ROLES))}
    return View(page, view_title, view_description, view_data(site, network, legend, filters, notes))

"""The responsibility view: bodies and tasks, joined by role; tasks coloured by timeframe."""

from __future__ import annotations

from ..analyse.data import ROLES, TaskRecord
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
    notes = [
        L(
            "Hình chữ nhật: nhiệm vụ, tô màu theo thời hạn. Hình tròn: cơ quan.",
            "Boxes: tasks, coloured by timeframe. Dots: bodies.",
        )
    ]
    if len(bodies) + len(tasks) > kit.VIEW_NODES_UP_TO:
        # Many plans: the bodies with the most tasks, each with its tasks, as many as the page holds.
        total_bodies, total_tasks = len(bodies), len(tasks)
        by_load = sorted(bodies, key=lambda b: (-int(site.load_by_body.get(b, {}).get("tasks", 0) or 0), b))
        kept_bodies: list[str] = []
        kept_tasks: dict[str, TaskRecord] = {}
        for body in by_load:
            own = [t for t in site.tasks_of.get(body, []) if t.iri not in kept_tasks]
            room = kit.VIEW_NODES_UP_TO - len(kept_bodies) - len(kept_tasks) - 1
            if len(own) > room:
                if not kept_bodies:  # the busiest body alone is too many: it, and its first tasks
                    kept_bodies.append(body)
                    kept_tasks.update((t.iri, t) for t in own[: max(room, 0)])
                break
            kept_bodies.append(body)
            kept_tasks.update((t.iri, t) for t in own)
        bodies = sorted(kept_bodies)
        tasks = [t for t in tasks if t.iri in kept_tasks]
        notes.append(
            L(
                f"Chỉ hiện {len(bodies):,} trong {total_bodies:,} cơ quan (những cơ quan có nhiều nhiệm vụ nhất) "
                f"và {len(tasks):,} trong {total_tasks:,} nhiệm vụ của họ. Vẽ từng kế hoạch: orggraph render --plan <số hiệu>.",
                f"Showing {len(bodies):,} of {total_bodies:,} bodies (those with the most tasks) and {len(tasks):,} "
                f"of {total_tasks:,} tasks, theirs. Draw one plan at a time: orggraph render --plan <number>.",
            )
        )
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
    filters = {"kinds": kind_filters(site, bodies), "roles": role_filters(list(ROLES))}
    return View(page, view_title, view_description, view_data(site, network, legend, filters, notes))

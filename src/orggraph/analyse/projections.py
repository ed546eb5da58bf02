"""The graph seen as networks: bodies and tasks, bodies with bodies, membership.

Every projection is built from :class:`~orggraph.analyse.data.PlanData`;
nodes are IRIs.  Group bodies ("các cơ quan liên quan") are nodes of their
own; their known members are linked by :func:`membership`, never merged.

>>> from orggraph.analyse.toy import toy_plan
>>> data = toy_plan()
>>> bi = bipartite(data)
>>> sorted(role for _, _, role in bi.edges(keys=True) if True)[:3]
['lead', 'partner', 'partner']
>>> co = coworking(data)
>>> co["https://w3id.org/orggraph/id/body/toy/ban-a"]["https://w3id.org/orggraph/id/body/toy/ban-b"]["weight"]
2
>>> leads = lead_graph(data)
>>> sorted((u.rsplit("/", 1)[-1], v.rsplit("/", 1)[-1]) for u, v in leads.edges())
[('ban-a', 'ban-b'), ('ban-a', 'cac-co-quan-lien-quan')]
>>> members = membership(data)
>>> sorted((u.rsplit("/", 1)[-1], v.rsplit("/", 1)[-1]) for u, v in members.edges())
[('ban-a', 'moi-co-quan'), ('ban-b', 'moi-co-quan')]
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from .data import ROLES, PlanData

__all__ = ["bipartite", "coordination_network", "coworking", "lead_graph", "membership"]


def _body_attributes(data: PlanData, iri: str) -> dict[str, Any]:
    body = data.bodies.get(iri)
    if body is None:
        return {"kind": "body", "bipartite": 0, "label_vi": iri, "label_en": iri}
    return {
        "kind": "body",
        "bipartite": 0,
        "label_vi": body.vi,
        "label_en": body.en,
        "body_kind": body.kind,
        "level": body.level,
        "group": body.is_group,
        "general": body.is_general,
    }


def bipartite(data: PlanData) -> nx.MultiGraph:
    """Bodies and tasks; one edge per (body, task, role), keyed and attributed by role.

    Roles are responsible, lead, partner and reportsTo (mentions are left out).
    """
    graph = nx.MultiGraph()
    for task in data.ordered_tasks():
        graph.add_node(
            task.iri,
            kind="task",
            bipartite=1,
            key=task.key,
            section=task.section_key,
            text=task.text,
            due=task.due.isoformat() if task.due else "",
            start=task.start.isoformat() if task.start else "",
            recurrence=task.recurrence or "",
            condition=task.condition or "",
        )
        for role in ROLES:
            for body in task.roles.get(role, []):
                if body not in graph:
                    graph.add_node(body, **_body_attributes(data, body))
                graph.add_edge(body, task.iri, key=role, role=role)
    return graph


def _pairs(data: PlanData) -> dict[tuple[str, str], set[str]]:
    """(responsible-or-lead, partner) -> task IRIs (keys repeat across plans; IRIs do not)."""
    pairs: dict[tuple[str, str], set[str]] = {}
    for task in data.tasks.values():
        for one in task.bodies("responsible", "lead"):
            for other in task.roles.get("partner", []):
                if one != other:
                    pairs.setdefault((one, other), set()).add(task.iri)
    return pairs


def coworking(data: PlanData) -> nx.Graph:
    """Bodies, joined when they work on a task together; ``weight`` = shared tasks.

    Two bodies work together on a task when one is responsible for it or leads
    it and the other is named as its partner.  Every body with a role is a node.
    """
    graph = nx.Graph()
    for task in data.tasks.values():
        for body in task.bodies():
            if body not in graph:
                graph.add_node(body, **_body_attributes(data, body))
    shared: dict[frozenset[str], set[str]] = {}
    for (one, other), iris in _pairs(data).items():
        shared.setdefault(frozenset((one, other)), set()).update(iris)
    for pair, iris in shared.items():
        one, other = sorted(pair)
        graph.add_edge(
            one,
            other,
            weight=len(iris),
            tasks=sorted(data.tasks[i].key for i in iris),
            task_iris=sorted(iris),
        )
    return graph


def coordination_network(data: PlanData) -> nx.DiGraph:
    """Who coordinates with whom, with direction, for tools that draw it (GEXF, GraphML).

    An edge goes from a body responsible for or leading a task to each partner on it
    (``relation`` "partner", ``weight`` = shared tasks), and from such a body to each body
    the task reports to (``relation`` "reportsTo"); both relations of a pair share one edge.
    """
    graph = nx.DiGraph()
    for task in data.tasks.values():
        for body in task.bodies():
            if body not in graph:
                graph.add_node(body, **_body_attributes(data, body))
    links: dict[tuple[str, str], dict[str, set[str]]] = {}
    for (one, other), iris in _pairs(data).items():
        links.setdefault((one, other), {}).setdefault("partner", set()).update(iris)
    for task in data.tasks.values():
        for one in task.bodies("responsible", "lead"):
            for other in task.roles.get("reportsTo", []):
                if one != other:
                    links.setdefault((one, other), {}).setdefault("reportsTo", set()).add(task.iri)
    for (one, other), by_relation in sorted(links.items()):
        iris = set().union(*by_relation.values())
        graph.add_edge(
            one,
            other,
            relation="; ".join(sorted(by_relation)),
            weight=len(iris),
            tasks=sorted(data.tasks[i].key for i in iris),
        )
    return graph


def lead_graph(data: PlanData) -> nx.DiGraph:
    """Lead -> partner arrows: who leads whom; ``weight`` = tasks led together."""
    graph = nx.DiGraph()
    for task in data.tasks.values():
        for lead in task.roles.get("lead", []):
            for partner in task.roles.get("partner", []):
                if lead == partner:
                    continue
                for node in (lead, partner):
                    if node not in graph:
                        graph.add_node(node, **_body_attributes(data, node))
                if graph.has_edge(lead, partner):
                    graph[lead][partner]["weight"] += 1
                    graph[lead][partner]["tasks"].append(task.key)
                    graph[lead][partner]["task_iris"].append(task.iri)
                else:
                    graph.add_edge(lead, partner, weight=1, tasks=[task.key], task_iris=[task.iri])
    return graph


def membership(data: PlanData) -> nx.DiGraph:
    """Member -> group arrows, for the groups and members the graph names."""
    graph = nx.DiGraph()
    for body in data.bodies.values():
        for group in sorted(body.member_of):
            for node in (body.iri, group):
                if node not in graph:
                    graph.add_node(node, **_body_attributes(data, node))
            graph.add_edge(body.iri, group)
    return graph

"""A small force-directed layout, computed in Python so the page opens already laid out.

Fruchterman-Reingold with gravity, in plain floating point: no random numbers
(starting points come from a hash of each node's id) and no numpy, so the same
graph gives the same coordinates on every machine, and the rendered pages the
same bytes.  It suits the few hundred nodes of a plan's views: its cost grows
with the square of the nodes.  :func:`grouped_layout` is for views of many
plans: each group of nodes (a province, a district) is laid out on its own,
with the force layout while small and on a sunflower spiral (hubs in the
middle) when large, and the groups are packed around the largest; its cost
grows with the nodes times the size of the largest small group.

>>> positions = force_layout(["a", "b", "c"], [("a", "b", 1.0), ("b", "c", 1.0)])
>>> sorted(positions) == ["a", "b", "c"] and all(abs(x) <= 600 and abs(y) <= 600 for x, y in positions.values())
True
>>> force_layout(["a", "b"], [("a", "b", 1.0)]) == force_layout(["a", "b"], [("a", "b", 1.0)])
True
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence

__all__ = ["ego_layout", "force_layout", "grouped_layout"]


def _start(node: str) -> tuple[float, float]:
    digest = hashlib.sha256(node.encode("utf-8")).digest()
    angle = int.from_bytes(digest[:4], "big") / 2**32 * 2 * math.pi
    radius = 0.2 + 0.8 * int.from_bytes(digest[4:8], "big") / 2**32
    return (radius * math.cos(angle), radius * math.sin(angle))


def _components(nodes: list[str], edges: Sequence[tuple[str, str, float]]) -> list[list[str]]:
    parent = {node: node for node in nodes}

    def root(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for u, v, _ in edges:
        if u in parent and v in parent:
            parent[root(u)] = root(v)
    groups: dict[str, list[str]] = {}
    for node in nodes:
        groups.setdefault(root(node), []).append(node)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def _spring(
    ordered: list[str],
    edges: Sequence[tuple[str, str, float]],
    iterations: int,
    gravity: float,
    spread: float,
) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold on one connected component; coordinates within the unit disc."""
    count = len(ordered)
    if count == 1:
        return {ordered[0]: (0.0, 0.0)}
    index = {node: i for i, node in enumerate(ordered)}
    xs = [_start(node)[0] for node in ordered]
    ys = [_start(node)[1] for node in ordered]
    links = sorted(
        (index[u], index[v], math.sqrt(max(w, 0.0))) for u, v, w in edges if u in index and v in index
    )
    k = spread * math.sqrt(4.0 / count)
    temperature = 0.2
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        dx = [0.0] * count
        dy = [0.0] * count
        for i in range(count):
            xi, yi = xs[i], ys[i]
            for j in range(i + 1, count):
                ddx, ddy = xi - xs[j], yi - ys[j]
                distance2 = ddx * ddx + ddy * ddy or 1e-9
                force = k * k / distance2
                dx[i] += ddx * force
                dy[i] += ddy * force
                dx[j] -= ddx * force
                dy[j] -= ddy * force
        for i, j, weight in links:
            ddx, ddy = xs[i] - xs[j], ys[i] - ys[j]
            distance = math.sqrt(ddx * ddx + ddy * ddy) or 1e-9
            force = distance * weight / k
            dx[i] -= ddx * force
            dy[i] -= ddy * force
            dx[j] += ddx * force
            dy[j] += ddy * force
        for i in range(count):
            dx[i] -= xs[i] * gravity * count * k
            dy[i] -= ys[i] * gravity * count * k
            length = math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) or 1e-9
            step = min(length, temperature)
            xs[i] += dx[i] / length * step
            ys[i] += dy[i] / length * step
        temperature -= cooling
    cx, cy = sum(xs) / count, sum(ys) / count
    radius = max(math.hypot(x - cx, y - cy) for x, y in zip(xs, ys, strict=True)) or 1.0
    return {node: ((xs[i] - cx) / radius, (ys[i] - cy) / radius) for i, node in enumerate(ordered)}


def force_layout(
    nodes: Sequence[str],
    edges: Sequence[tuple[str, str, float]],
    *,
    iterations: int = 200,
    scale: float = 600.0,
    gravity: float = 0.03,
    spread: float = 2.5,
) -> dict[str, tuple[float, float]]:
    """Positions for ``nodes`` (centred, within ±``scale``), pulled together along weighted ``edges``.

    Each connected part is laid out on its own; the largest takes the middle and
    the others, smallest last, stand on a ring around it, so a few unconnected
    bodies neither fly off nor squeeze the rest.  ``spread`` sets the ideal
    distance between nodes; ``gravity`` keeps a part round.
    """
    ordered = sorted(set(nodes))
    if not ordered:
        return {}
    parts = _components(ordered, edges)
    placed: dict[str, tuple[float, float]] = {}
    main = _spring(parts[0], edges, iterations, gravity, spread)
    placed.update(main)
    rest = parts[1:]
    if rest:
        ring = 1.25
        for n, part in enumerate(rest):
            angle = 2 * math.pi * n / len(rest) - math.pi / 2
            size = 0.06 + 0.12 * math.sqrt(len(part) - 1)
            inner = _spring(part, edges, iterations, gravity, spread)
            for node, (x, y) in inner.items():
                placed[node] = (ring * math.cos(angle) + size * x, ring * math.sin(angle) + size * y)
    span = max(max(abs(x), abs(y)) for x, y in placed.values()) or 1.0
    return {node: (round(x / span * scale, 1), round(y / span * scale, 1)) for node, (x, y) in placed.items()}


# Groups up to this size get the force layout; larger ones the spiral.
FORCE_GROUP_UP_TO = 150
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def _sunflower(ordered: list[str]) -> dict[str, tuple[float, float]]:
    """Nodes on a sunflower spiral, the first in the middle: even density, O(n)."""
    count = len(ordered)
    return {
        node: (
            math.sqrt((i + 0.5) / count) * math.cos(i * _GOLDEN_ANGLE),
            math.sqrt((i + 0.5) / count) * math.sin(i * _GOLDEN_ANGLE),
        )
        for i, node in enumerate(ordered)
    }


def grouped_layout(
    nodes: Sequence[str],
    edges: Sequence[tuple[str, str, float]],
    groups: dict[str, str],
    *,
    scale: float = 600.0,
    iterations: int = 80,
) -> dict[str, tuple[float, float]]:
    """Positions for many nodes: each group (``groups[node]``; missing: one group of its
    own) laid out apart, the groups then packed on a spiral, largest in the middle.

    >>> spots = grouped_layout(["a", "b", "c", "d"], [("a", "b", 1.0)], {"a": "x", "b": "x", "c": "y"})
    >>> sorted(spots) == ["a", "b", "c", "d"] and all(abs(v) <= 600 for p in spots.values() for v in p)
    True
    """
    members: dict[str, list[str]] = {}
    for node in sorted(set(nodes)):
        members.setdefault(groups.get(node, ""), []).append(node)
    strength: dict[str, float] = dict.fromkeys(nodes, 0.0)
    inner: dict[str, list[tuple[str, str, float]]] = {}
    for u, v, w in edges:
        if u in strength and v in strength:
            strength[u] += w
            strength[v] += w
            if groups.get(u, "") == groups.get(v, ""):
                inner.setdefault(groups.get(u, ""), []).append((u, v, w))
    order = sorted(members, key=lambda g: (-len(members[g]), g))
    placed: dict[str, tuple[float, float]] = {}
    circles: list[tuple[float, float, float]] = []  # centre x, centre y, radius
    step = 0  # along one outward spiral shared by all groups, so each search starts where the last ended
    for group in order:
        part = members[group]
        if len(part) <= FORCE_GROUP_UP_TO:
            local = force_layout(part, inner.get(group, []), iterations=iterations, scale=1.0)
        else:
            local = _sunflower(sorted(part, key=lambda node: (-strength[node], node)))
        radius = 0.5 * math.sqrt(len(part)) + 0.5
        cx = cy = 0.0
        if circles:
            while True:
                step += 1
                distance = circles[0][2] + radius + 1.2 * math.sqrt(step)
                cx, cy = distance * math.cos(step * _GOLDEN_ANGLE), distance * math.sin(step * _GOLDEN_ANGLE)
                if all(math.hypot(cx - x, cy - y) >= r + radius + 0.3 for x, y, r in circles):
                    break
        circles.append((cx, cy, radius))
        for node, (x, y) in local.items():
            placed[node] = (cx + radius * x, cy + radius * y)
    span = max(max(abs(x), abs(y)) for x, y in placed.values()) or 1.0
    return {node: (round(x / span * scale, 1), round(y / span * scale, 1)) for node, (x, y) in placed.items()}


def ego_layout(
    centre: str, inner: Sequence[str], outer: dict[str, list[str]], *, scale: float = 600.0
) -> dict[str, tuple[float, float]]:
    """One node in the middle, ``inner`` nodes on a ring in their order, ``outer`` nodes on a
    wider ring in the order of the mean angle of their inner neighbours: O(n log n).

    >>> spots = ego_layout("me", ["t1", "t2"], {"b": ["t1"], "c": ["t2"]}, scale=100.0)
    >>> spots["me"], spots["t1"]
    ((0.0, 0.0), (0.0, -55.0))
    >>> sorted(spots) == ["b", "c", "me", "t1", "t2"]
    True
    """
    placed: dict[str, tuple[float, float]] = {centre: (0.0, 0.0)}
    angle_of: dict[str, float] = {}
    for i, node in enumerate(inner):
        angle = 2 * math.pi * i / max(len(inner), 1) - math.pi / 2
        angle_of[node] = angle
        placed[node] = (0.55 * math.cos(angle), 0.55 * math.sin(angle))

    def mean_angle(node: str) -> float:
        angles = [angle_of[n] for n in outer[node] if n in angle_of]
        if not angles:
            return 0.0
        return math.atan2(sum(math.sin(a) for a in angles), sum(math.cos(a) for a in angles))

    ring = sorted(outer, key=lambda node: (mean_angle(node), node))
    for i, node in enumerate(ring):
        angle = 2 * math.pi * i / max(len(ring), 1) + mean_angle(ring[0])
        placed[node] = (math.cos(angle), math.sin(angle))
    return {node: (round(x * scale, 1), round(y * scale, 1)) for node, (x, y) in placed.items()}

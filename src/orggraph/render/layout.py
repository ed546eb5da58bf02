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

__all__ = [
    "bounds",
    "declutter",
    "ego_layout",
    "footprint",
    "force_layout",
    "grouped_layout",
    "readable_layout",
]


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


# ------------------------------------------------------------ readable at first sight
#
# The layouts above say where nodes go relative to each other; the pass below turns
# that into a drawing in CSS pixels at zoom 1 (the browser's unit), in which no two
# nodes' footprints (shape and label together) touch.  Label widths are estimated
# from the number of characters: CHAR_WIDTH is a bound above what sans-serif faces
# take for Vietnamese text (Chromium's DejaVu Sans, wider than most: at most 0.52 em per
# character over Plan 168's labels).

CHAR_WIDTH = 0.55
LINE_HEIGHT = 1.15
LABEL_WRAP = 150.0  # CSS px: the widest a label under a node may be (vis' widthConstraint) ...
_WRAP_AT = (
    LABEL_WRAP - 24.0
)  # ... vis breaks lines somewhat before it; counting lines against this errs on more
GAP = 5.0  # CSS px kept clear between two footprints


def label_lines(text: str, font: float, wrap: float = _WRAP_AT) -> list[int]:
    """Characters on each line of ``text`` once wrapped at ``wrap`` pixels (greedy, by word).

    >>> label_lines("Ban Tổ chức Tỉnh ủy", 14)
    [16, 2]
    >>> label_lines("B.III.4.13.4", 13, wrap=1000)
    [12]
    """
    per_line = max(1, int(wrap / (CHAR_WIDTH * font)))
    lines: list[int] = []
    current = 0
    for word in text.split():
        if current and current + 1 + len(word) > per_line:
            lines.append(current)
            current = 0
        current = current + 1 + len(word) if current else len(word)
    lines.append(current)
    return lines


def footprint(
    shape: str, size: float, labels: Sequence[str], font: float
) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of a node drawn at (0, 0): its shape and its label in every
    language (the page switches language without moving nodes).

    A box holds its label on one line; a dot or diamond has its label underneath, wrapped.

    >>> footprint("box", 10, ["A.1"], 13)
    (-16.7, -17.5, 16.7, 17.5)
    >>> footprint("dot", 20, ["Tỉnh ủy"], 14)
    (-27.0, -20, 27.0, 48.1)
    """
    if shape == "box":
        width = max((len(text) for text in labels), default=0) * CHAR_WIDTH * font
        return (
            -round(width / 2 + 6, 1),
            -round(LINE_HEIGHT * font / 2 + 10, 1),
            round(width / 2 + 6, 1),
            round(LINE_HEIGHT * font / 2 + 10, 1),
        )
    wrapped = [label_lines(text, font) for text in labels] or [[0]]
    # A label that wraps may fill its lines to the wrapping width, however our estimate split it.
    width = max(_WRAP_AT if len(lines) > 1 else lines[0] * CHAR_WIDTH * font for lines in wrapped)
    height = max(len(lines) for lines in wrapped) * LINE_HEIGHT * font
    half = round(max(size, width / 2), 1)
    return (-half, -size, half, round(size + 12 + height, 1))


def declutter(
    positions: dict[str, tuple[float, float]],
    boxes: dict[str, tuple[float, float, float, float]],
    *,
    gap: float = GAP,
    rounds: int = 60,
    aspect: float = 1.0,
) -> dict[str, tuple[float, float]]:
    """Move nodes apart, as little as it takes, until no two footprints come within ``gap``.

    Each round looks at the pairs that overlap (found on a grid, so a round costs about
    linear time) and pushes each pair apart along the axis where they overlap least, half
    each way (sideways when the overlap across is under ``aspect`` times the overlap
    down, so the drawing grows towards a landscape canvas); nodes are visited in the order of their names, so the result is always the same.
    If overlaps remain after ``rounds`` rounds the drawing is widened by 10% and the pass runs
    again.

    >>> box = (-10.0, -10.0, 10.0, 10.0)
    >>> declutter({"a": (0.0, 0.0), "b": (5.0, 0.0)}, {"a": box, "b": box}, gap=0)
    {'a': (-7.5, 0.0), 'b': (12.5, 0.0)}
    """
    names = sorted(positions)
    if len(names) < 2:
        return dict(positions)
    xs = [float(positions[n][0]) for n in names]
    ys = [float(positions[n][1]) for n in names]
    left = [boxes[n][0] - gap / 2 for n in names]
    top = [boxes[n][1] - gap / 2 for n in names]
    right = [boxes[n][2] + gap / 2 for n in names]
    bottom = [boxes[n][3] + gap / 2 for n in names]
    cell_w = max(r - lo for lo, r in zip(left, right, strict=True))
    cell_h = max(b - t for t, b in zip(top, bottom, strict=True))
    for _attempt in range(40):
        for _round in range(rounds):
            grid: dict[tuple[int, int], list[int]] = {}
            for i in range(len(names)):
                grid.setdefault((math.floor(xs[i] / cell_w), math.floor(ys[i] / cell_h)), []).append(i)
            moved = False
            for i in range(len(names)):
                gx, gy = math.floor(xs[i] / cell_w), math.floor(ys[i] / cell_h)
                for ox in (-1, 0, 1):
                    for oy in (-1, 0, 1):
                        for j in grid.get((gx + ox, gy + oy), ()):
                            if j <= i:
                                continue
                            over_x = min(xs[i] + right[i], xs[j] + right[j]) - max(
                                xs[i] + left[i], xs[j] + left[j]
                            )
                            over_y = min(ys[i] + bottom[i], ys[j] + bottom[j]) - max(
                                ys[i] + top[i], ys[j] + top[j]
                            )
                            if over_x <= 0 or over_y <= 0:
                                continue
                            moved = True
                            if over_x <= over_y * aspect:
                                sign = 1.0 if xs[j] > xs[i] or (xs[j] == xs[i] and j > i) else -1.0
                                xs[i] -= sign * over_x / 2
                                xs[j] += sign * over_x / 2
                            else:
                                sign = 1.0 if ys[j] > ys[i] or (ys[j] == ys[i] and j > i) else -1.0
                                ys[i] -= sign * over_y / 2
                                ys[j] += sign * over_y / 2
            if not moved:
                return {n: (round(xs[i], 1), round(ys[i], 1)) for i, n in enumerate(names)}
        xs = [x * 1.1 for x in xs]
        ys = [y * 1.1 for y in ys]
    return {n: (round(xs[i], 1), round(ys[i], 1)) for i, n in enumerate(names)}


COMPACT_UP_TO = 150


def _towards_middle(x: float, y: float, step: float) -> tuple[float, float]:
    distance = math.hypot(x, y)
    keep = max(0.0, 1.0 - step / distance) if distance else 0.0
    return (x * keep, y * keep)


def bounds(
    placed: dict[str, tuple[float, float]], boxes: dict[str, tuple[float, float, float, float]]
) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of the box around the drawing: every node's footprint."""
    return (
        min(x + boxes[n][0] for n, (x, _) in placed.items()),
        min(y + boxes[n][1] for n, (_, y) in placed.items()),
        max(x + boxes[n][2] for n, (x, _) in placed.items()),
        max(y + boxes[n][3] for n, (_, y) in placed.items()),
    )


def _size(
    placed: dict[str, tuple[float, float]], boxes: dict[str, tuple[float, float, float, float]]
) -> tuple[float, float]:
    """Width and height of the box around the drawing."""
    left, top, right, bottom = bounds(placed, boxes)
    return right - left, bottom - top


def _room(
    placed: dict[str, tuple[float, float]], boxes: dict[str, tuple[float, float, float, float]], aspect: float
) -> float:
    """Height of the smallest canvas of width/height ``aspect`` that holds the drawing."""
    width, height = _size(placed, boxes)
    return max(width / aspect, height)


def readable_layout(
    positions: dict[str, tuple[float, float]],
    boxes: dict[str, tuple[float, float, float, float]],
    *,
    aspect: float = 1.22,
    fill: float = 0.5,
    compact: bool = True,
) -> dict[str, tuple[float, float]]:
    """``positions`` (any scale) as a drawing in CSS pixels, centred on (0, 0): stretched to a
    canvas of width/height ``aspect``, sized so the footprints cover ``fill`` of it, decluttered,
    and (``compact``, small views only) drawn in while it needs less room."""
    if not positions:
        return {}
    span_x = max(abs(x) for x, _ in positions.values()) or 1.0
    span_y = max(abs(y) for _, y in positions.values()) or 1.0
    covered = sum((b[2] - b[0] + GAP) * (b[3] - b[1] + GAP) for b in (boxes[n] for n in positions))
    half_w, half_h = math.sqrt(covered / fill * aspect) / 2, math.sqrt(covered / fill / aspect) / 2
    spread = {n: (x / span_x * half_w, y / span_y * half_h) for n, (x, y) in positions.items()}
    placed = declutter(spread, boxes, aspect=aspect)
    if compact and len(placed) <= COMPACT_UP_TO:
        placed = _compact(placed, boxes, aspect)
    low_x, low_y, high_x, high_y = bounds(placed, boxes)
    cx, cy = (low_x + high_x) / 2, (low_y + high_y) / 2
    return {n: (round(x - cx, 1), round(y - cy, 1)) for n, (x, y) in placed.items()}


def _compact(
    placed: dict[str, tuple[float, float]], boxes: dict[str, tuple[float, float, float, float]], aspect: float
) -> dict[str, tuple[float, float]]:
    """Draw the nodes in along the drawing's longer side (for a canvas of ``aspect``), or each a
    step nearer the middle (outlying ones come in most), and declutter again, while the
    drawing needs less room."""
    for _ in range(8):
        best = _room(placed, boxes, aspect)
        width, height = _size(placed, boxes)
        fx, fy = (0.9, 1.0) if width / aspect > height else (1.0, 0.9)  # in along the longer side
        # ... and pushing apart mostly along the other side.
        push = 1 / aspect if fx < 1 else aspect * aspect
        tries = [declutter({n: (x * fx, y * fy) for n, (x, y) in placed.items()}, boxes, aspect=push)]
        step = 0.04 * best
        nearer = {n: _towards_middle(x, y, step) for n, (x, y) in placed.items()}
        tries.append(declutter(nearer, boxes, aspect=aspect))
        tightest = min(tries, key=lambda t: _room(t, boxes, aspect))
        if _room(tightest, boxes, aspect) >= best:
            break
        placed = tightest
    return placed

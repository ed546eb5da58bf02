"""Analysis of the graph with networkx: projections, coordination load, overlaps.

The graph is read once into :class:`PlanData` (from any query backend) and
every measure works on that.
"""

from __future__ import annotations

from .data import BodyRecord, PlanData, TaskRecord, from_graph, load_data, load_files

__all__ = ["BodyRecord", "PlanData", "TaskRecord", "from_graph", "load_data", "load_files"]

"""The data of each interactive view (nodes, edges, legend, filters, in both languages), one
module per view on a shared kit (:mod:`orggraph.render.kit`)."""

from __future__ import annotations

from .body_view import ego_view
from .coordination import coordination_view
from .kit import Site, View, body_path, link, site_path
from .overlaps_view import overlap_view
from .responsibility import responsibility_view

__all__ = [
    "Site",
    "View",
    "body_path",
    "coordination_view",
    "ego_view",
    "link",
    "overlap_view",
    "responsibility_view",
    "site_path",
]

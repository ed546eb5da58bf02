"""Locate the files the package reads at run time.

Ontology, shapes, queries and templates live in ``orggraph/resources`` and are
read with :mod:`importlib.resources`.  Curated data (the bodies gazetteer, the
genre's headings) lives in the repository's ``data/`` folder, its one source of
truth; the wheel build copies it into ``orggraph/data`` (see ``pyproject.toml``).
An editable install has no such copy, so the repository folder is used.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from .errors import OrgGraphError

__all__ = ["data_file", "read_resource", "resource"]

_REPO_DATA = Path(__file__).resolve().parents[2] / "data"


def resource(*parts: str) -> Traversable:
    """A file under ``orggraph/resources`` (ontology.ttl, shapes.ttl, queries/…)."""
    node = resources.files("orggraph") / "resources"
    for part in parts:
        node = node / part
    return node


def read_resource(*parts: str) -> str:
    """Text of a packaged resource, decoded as UTF-8."""
    return resource(*parts).read_text(encoding="utf-8")


def data_file(name: str) -> Traversable:
    """A curated data file: the wheel's copy if installed, else the repository's ``data/``."""
    packaged = resources.files("orggraph") / "data" / name
    if packaged.is_file():
        return packaged
    local = _REPO_DATA / name
    if local.is_file():
        return local
    raise OrgGraphError(f"data file {name!r} is missing from the installation")

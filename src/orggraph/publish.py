"""Write the published copies under ``graph/`` of files the package ships.

The package's ``resources/`` hold the one source of truth; ``graph/`` is what a
person opens from a clone.  A test proves the copies identical.
"""

from __future__ import annotations

from pathlib import Path

from .errors import OrgGraphError
from .resources import resource
from .store import atomic_write

__all__ = ["VOCABULARY_FILES", "write_vocabulary"]

VOCABULARY_FILES = ("ontology.ttl", "shapes.ttl")


def write_vocabulary(folder: Path) -> list[Path]:
    """Copy the packaged ontology and shapes into ``folder`` (created if needed)."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OrgGraphError(f"{folder}: cannot create the folder ({exc.strerror})") from None
    written = []
    for name in VOCABULARY_FILES:
        target = folder / name
        atomic_write(target, resource(name).read_bytes())
        written.append(target)
    return written

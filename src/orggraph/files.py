"""Files written whole or not at all: every output of orggraph goes through here.

A file is written to a temporary file beside it and renamed over it once complete, so a
reader never sees half a file and a failed write leaves the old one.  Temporary files carry
the writer's PID; the next write into the same folder removes those of processes that no
longer run, and :func:`clear_leftovers` puts back a site a killed render had set aside.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from .errors import OrgGraphError

__all__ = ["atomic_stream", "atomic_write", "clear_leftovers"]


def _dead(pid: int) -> bool:
    """Whether no process ``pid`` runs any more (one of another user's counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def clear_leftovers(path: Path) -> None:
    """Remove the site a killed render left half-built beside ``path`` (``.<name>.part-<pid>``),
    and put back a site it had set aside (``.<name>.old-<pid>``) when nothing took its place.
    SIGKILL allows no clean-up; only names of processes that no longer run are touched.
    (Temporary files of single outputs are swept by :func:`_sweep`.)"""
    directory = path.parent if str(path.parent) else Path(".")
    prefix = f".{path.name}."
    try:
        entries = [e for e in directory.iterdir() if e.name.startswith(prefix)]
    except OSError:
        return
    for entry in entries:
        kind, _, pid_text = entry.name[len(prefix) :].partition("-")
        if kind not in ("part", "old") or not pid_text.isdigit() or not _dead(int(pid_text)):
            continue
        if kind == "old" and not path.exists():
            entry.rename(path)
        elif entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)


_LEFTOVER_TEMP = re.compile(r"^\..+\.(\d+)\.[^.]+\.tmp$")
_swept: set[Path] = set()


def _sweep(directory: Path) -> None:
    """Remove, once per folder and process, the temporary files killed runs left in ``directory``
    (``.<name>.<pid>.*.tmp`` of processes that no longer run); a site's many pages in one folder
    cost one listing, not one each."""
    key = directory.resolve()
    if key in _swept:
        return
    _swept.add(key)
    try:
        entries = list(directory.iterdir())
    except OSError:
        return
    for entry in entries:
        found = _LEFTOVER_TEMP.match(entry.name)
        if found and _dead(int(found.group(1))) and not entry.is_dir():
            entry.unlink(missing_ok=True)


@contextmanager
def _replacing(path: Path, mode: str, **options: Any) -> Iterator[IO[Any]]:
    """A stream on a temporary file beside ``path`` that replaces it only if the block completes.

    An output that is a symbolic link is replaced where the link points (the link stays), and a
    file replaced keeps its permissions (a private 600 file stays private)."""
    path = Path(path)
    if path.is_symlink():
        path = path.resolve()
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise OrgGraphError(f"{path}: the folder {directory} does not exist")
    _sweep(directory)
    handle, temp_name = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp")
    try:
        with os.fdopen(handle, mode, **options) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file private; give it the old file's mode, or a plain open()'s.
        permissions = stat.S_IMODE(path.stat().st_mode) if path.is_file() else 0o666 & ~_umask()
        os.chmod(temp_name, permissions)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: all or nothing."""
    with _replacing(path, "wb") as stream:
        stream.write(data.encode("utf-8") if isinstance(data, str) else data)


@contextmanager
def atomic_stream(path: Path) -> Iterator[IO[str]]:
    """A text stream (UTF-8) whose content replaces ``path`` only if the block completes."""
    with _replacing(path, "w", encoding="utf-8", newline="\n") as stream:
        yield stream


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current

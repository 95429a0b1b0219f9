"""Atomic file writes: readers and interrupted runs see the old file or the new one, never half."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_bytes_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    Returns False, and writes nothing, when the file already holds exactly these bytes, so that
    re-running a stage leaves file times alone.
    """
    return write_files_atomic({path: data})[path]


def write_files_atomic(files: dict[Path, bytes]) -> dict[Path, bool]:
    """Write several files all or nothing: every one is staged (written and synced) first.

    Only when all are staged are they renamed into place, so a full disk or a read-only folder
    part way through leaves every file as it was. Values say which files changed.
    """
    changed = {path: not _holds(path, data) for path, data in files.items()}
    staged: dict[Path, str] = {}
    try:
        for path, data in files.items():
            if changed[path]:
                staged[path] = _stage(path, data)
        for path, tmp in staged.items():
            os.replace(tmp, path)
    except BaseException:
        for tmp in staged.values():
            Path(tmp).unlink(missing_ok=True)
        raise
    return changed


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except OSError:
        return False


def _stage(path: Path, data: bytes) -> str:
    """A synced temporary file beside ``path`` holding ``data``, with ``path``'s permissions."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(path))
    except OSError as exc:
        _discard(tmp)
        # the temporary file's name (or none, for a full disk) means nothing to the user: name
        # the file being written
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    except BaseException:
        _discard(tmp)
        raise
    return tmp


def _discard(tmp: str | None) -> None:
    if tmp is not None:
        Path(tmp).unlink(missing_ok=True)


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; new files get the usual 0644 under the umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask

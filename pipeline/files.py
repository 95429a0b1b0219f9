"""Reading a user's file safely: only regular files, so a FIFO or device never blocks a command."""

from __future__ import annotations

import stat
from pathlib import Path

from pipeline.errors import PipelineError


def read_regular_file(path: Path, name: str, what: str) -> bytes:
    """The bytes of the regular file at ``path``; ``what`` says what belongs there.

    A directory, pipe or device is a PipelineError naming ``name``; other OSErrors (a missing
    file, no permission, a symlink loop) are left to the caller, which knows what to advise.
    """
    require_regular_file(path, name, what)
    return path.read_bytes()


def require_regular_file(path: Path, name: str, what: str) -> None:
    """A PipelineError unless ``path`` is a regular file (see ``read_regular_file``)."""
    if not stat.S_ISREG(path.stat().st_mode):
        raise PipelineError(
            f"{name}: not a regular file (a directory, pipe or device); "
            f"replace it with {what} or move it away"
        )

"""One translate run per project at a time: a second one would redo all the work of the first.

The lock is an advisory ``flock`` on ``locales/.translate.lock``, which the operating system
releases when the process ends, however it ends (``kill -9`` included): a stale lock file is
never a problem, so nobody has to delete it by hand.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from pipeline.config import Settings
from pipeline.errors import PipelineError

LOCK_NAME = ".translate.lock"


@contextmanager
def translate_lock(settings: Settings) -> Iterator[None]:
    """Hold the project's translate lock; a PipelineError if another run holds it."""
    settings.locales.mkdir(parents=True, exist_ok=True)
    path = settings.locales / LOCK_NAME
    with open(path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise PipelineError(
                f"{settings.relative(path)}: a translate run is already working on this project "
                f"({holder}); wait for it to finish, or stop it, and run again"
            ) from None
        _note_holder(handle)
        try:
            yield
        finally:
            handle.truncate(0)


def _note_holder(handle: IO[str]) -> None:
    """Write who holds the lock, for a second run's message; the flock is the lock itself.

    Written straight to the descriptor, so nothing stays buffered: on a full disk the note is
    left out, the run goes on, and the first catalog it saves reports the full disk by name.
    """
    fd = handle.fileno()
    os.ftruncate(fd, 0)
    try:
        os.pwrite(fd, f"pid {os.getpid()}\n".encode(), 0)
    except OSError:
        os.ftruncate(fd, 0)

"""Windows under way at once, so that the executor's workers never wait at a window's end.

A window's executor call ends with a tail: its last model batches are fewer than the workers,
so a core idles until the call returns and the driver has applied and saved the window. With the
next window's call already under way (in another thread: CTranslate2 releases the GIL while it
decodes), the idle workers go straight on to it. Only the driver's thread applies and saves, so
every catalog still has one writer; windows are handed back oldest first.

Stopping (an interruption, an error) tells the other windows to stop after the batch they are
decoding: each keeps what it finished, as a window alone does.
"""

from __future__ import annotations

import contextlib
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType

from pipeline.translate.execute import Executor, Window

# Windows under way at once for an executor that does not say (``windows_at_once``): one
# finishing, the next started, as the translator keeps two model calls under way.
WINDOWS_AT_ONCE = 2


class Stopped(BaseException):
    """Raised in a window's thread at its next progress report once the run stops.

    A BaseException, like KeyboardInterrupt, so that no ``except Exception`` on the way catches it.
    """


class WindowsInFlight:
    """Runs windows in threads, ``depth`` at a time; :meth:`finish` waits for the oldest."""

    def __init__(
        self,
        executor: Executor,
        on_progress: Callable[[int], None] | None,
        depth: int | None = None,
    ) -> None:
        self._executor = executor
        self._on_progress = on_progress
        self.depth = depth or getattr(executor, "windows_at_once", WINDOWS_AT_ONCE)
        self._pool = ThreadPoolExecutor(max_workers=self.depth, thread_name_prefix="window")
        self._running: deque[tuple[Window, Future[None]]] = deque()
        self._stopping = threading.Event()
        self._progress_lock = threading.Lock()

    def __enter__(self) -> WindowsInFlight:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stopping.set()
        self._pool.shutdown(wait=True)

    def __len__(self) -> int:
        return len(self._running)

    def full(self) -> bool:
        return len(self._running) >= self.depth

    def start(self, window: Window) -> None:
        self._running.append((window, self._pool.submit(window.run, self._executor, self._report)))

    def oldest(self) -> Window:
        return self._running[0][0]

    def finish(self) -> Window:
        """The oldest window once it has run; its error, if any, is raised once it is taken off
        (what it finished is in :meth:`Window.done` either way: see :meth:`oldest`)."""
        window, future = self._running.popleft()
        future.result()
        return window

    def stop(self) -> list[Window]:
        """Every window still under way, once each has stopped after its current batch."""
        self._stopping.set()
        stopped = []
        while self._running:
            window, future = self._running.popleft()
            # the run is already ending with the error that stopped it
            with contextlib.suppress(BaseException):
                future.result()
            stopped.append(window)
        return stopped

    def _report(self, done: int) -> None:
        # called from the windows' threads after each batch: the one place a window can stop
        if self._stopping.is_set():
            raise Stopped
        if self._on_progress is not None:
            with self._progress_lock:
                self._on_progress(done)

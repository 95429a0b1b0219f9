"""The Ray executor: a translate run's legs on the actors of a Ray cluster; the driver (this
process) keeps planning, applying and saving, so every catalog still has one atomic writer.

Each actor makes the project's engine once and keeps one translator, so one model load, per
language pair. A call's distinct sentences are cut into batches, longest sentences first, and
streamed to the actors with at most ``IN_FLIGHT_PER_WORKER`` batches queued on each
(back-pressure: the cluster never holds more than a few batches per actor, so an interruption
loses only those). Batches shrink towards the end of a call so that no actor idles while another
finishes a large last batch. Each finished batch is reported to the driver at once. A batch whose
actor died (a lost node, an out-of-memory kill) goes to another actor and a replacement actor is
started; an engine's own error (a model that cannot load, a sentence it cannot translate) stops
the call as it would locally.

Plain actors rather than Ray Data's ``map_batches``: the driver must see each batch as it comes
back, in a loop it can interrupt, and Ray Data's streaming executor decides batching and retries
itself. This module is the only one that imports ``ray``.
"""

from __future__ import annotations

import math
import os
import threading
from collections import Counter, deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import ray
from ray.exceptions import RayActorError, RayTaskError

from pipeline.errors import PipelineError
from pipeline.mt.engine import Engine
from pipeline.translate.execute import WINDOW_LIMITS, Report
from pipeline.translate.plan import Pair

IN_FLIGHT_PER_WORKER = 2  # one batch decoding, one waiting: the actor never waits for the driver
MIN_BATCH_SENTENCES = 4
ATTEMPTS_PER_BATCH = 3  # a batch whose actors died this many times stops the run
# An actor the cluster cannot place (no free CPUs or GPUs) would hold its batches forever: actors
# not running after this long are given up (the pool goes on without them, or the run stops).
START_SECONDS = 120.0
REPLACEMENT_SECONDS = 30.0


class TranslatorWorker:
    """In a Ray actor: the project's engine, made once from ``make_engine``; the engine keeps
    one translator (one model load) per language pair.

    The actor runs its IN_FLIGHT_PER_WORKER batches at once, in threads (CTranslate2 translates
    from several threads into one pool of workers), so that its model's workers never wait for
    the next batch at the end of one. A pair's first batch runs alone: it loads the model.
    """

    def __init__(self, make_engine: Callable[[], Engine]) -> None:
        self._engine = make_engine()
        self._loading = threading.Lock()
        self._loaded: set[Pair] = set()

    def translate(self, pair: Pair, sentences: list[str]) -> list[str]:
        if pair not in self._loaded:
            with self._loading:
                if pair not in self._loaded:
                    out = self._engine.translator(pair).translate(sentences)
                    self._loaded.add(pair)
                    return out
        return self._engine.translator(pair).translate(sentences)

    def pid(self) -> int:
        return os.getpid()


@dataclass(frozen=True)
class WorkerShape:
    """What each actor asks the cluster for, and how many actors there are."""

    workers: int
    cpus: float = 1.0
    gpus: float = 0.0
    batch_sentences: int = 64  # sentences per batch sent to an actor (several model batches)
    env: Mapping[str, str] = field(default_factory=dict)  # environment variables of the actors


def connect(address: str | None) -> bool:
    """Connect to the Ray cluster at ``address`` ("" or None: RAY_ADDRESS, else a new local
    cluster); True when this call started Ray (so the caller shuts it down)."""
    if ray.is_initialized():
        return False
    try:
        ray.init(
            address=address or None,
            include_dashboard=False,
            log_to_driver=False,
            configure_logging=False,
        )
    except (ConnectionError, RuntimeError, ValueError) as exc:
        where = f"at {address}" if address else "(a local one)"
        raise PipelineError(
            f"cannot connect to the Ray cluster {where}: {exc}; start it with `ray start --head` "
            "and give its address with --address (or [tool.pipeline] ray_address)"
        ) from exc
    return True


def cluster_shape(
    workers: int, worker_cpus: int, device: str, batch_sentences: tuple[int, int],
    env: Mapping[str, str],
) -> WorkerShape:  # fmt: skip
    """The actors the cluster holds: ``workers`` (0: as many as its CPUs, or GPUs, allow), each
    with ``worker_cpus`` CPUs (0: the cluster's CPUs shared among the workers, 2 by default).

    ``device`` ``cuda`` gives each actor a GPU, as does ``auto`` on a cluster that has some;
    ``batch_sentences`` is (on CPUs, on a GPU).
    """
    resources = ray.cluster_resources()
    cpus = int(resources.get("CPU", 1))
    gpus = int(resources.get("GPU", 0))
    if device == "cuda" and not gpus:
        raise PipelineError(
            "--device cuda: the Ray cluster has no GPU; start its nodes with `ray start "
            "--num-gpus N` on machines that have them, or translate with --device cpu"
        )
    if device in ("cuda", "auto") and gpus:
        count = workers or gpus
        return WorkerShape(count, max(1, worker_cpus), 1.0, batch_sentences[1], env)
    if not worker_cpus:
        worker_cpus = max(1, cpus // workers) if workers else min(2, cpus)
    count = workers or max(1, cpus // worker_cpus)
    return WorkerShape(count, worker_cpus, 0.0, batch_sentences[0], env)


@dataclass
class _Batch:
    sentences: list[str]
    attempts: int = 0


class RayExecutor:
    """Translates on a pool of Ray actors, started on the first call and kept for the run."""

    def __init__(self, make_engine: Callable[[], Engine], shape: WorkerShape) -> None:
        self._make_engine = make_engine
        self.shape = shape
        self._actor_class = ray.remote(TranslatorWorker)
        self._actors: list[object] = []
        self._dead: list[object] = []  # actors that died (kept: their batches may still fail)
        self.replaced = 0  # actors started in place of dead ones

    # One window at a time: a call already streams batches to every actor as they free up (and
    # the actor pool is not shared between calls).
    windows_at_once = 1

    @property
    def max_window(self) -> int:
        """The most sentences a window may hold: enough to keep every actor busy."""
        return WINDOW_LIMITS[1] * max(1, self.shape.workers)

    @property
    def actors(self) -> list[object]:
        """The actors started so far (handles, for ``ray.kill`` and inspection)."""
        return list(self._actors)

    def translate(self, pair: Pair, sentences: Sequence[str], report: Report) -> list[str]:
        if not self._actors:
            self._actors = self._running(
                [self._started_actor() for _ in range(self.shape.workers)], START_SECONDS
            )
        counts = Counter(sentences)
        pending = deque(sorted(counts, key=len, reverse=True))
        retries: deque[_Batch] = deque()
        translated: dict[str, str] = {}
        in_flight: dict[ray.ObjectRef, tuple[object, _Batch]] = {}
        idle = deque(actor for actor in self._actors for _ in range(IN_FLIGHT_PER_WORKER))
        done = 0
        try:
            while pending or retries or in_flight:
                while idle and (pending or retries):
                    batch = retries.popleft() if retries else self._next_batch(pending)
                    actor = idle.popleft()
                    in_flight[actor.translate.remote(pair, batch.sentences)] = (actor, batch)
                ready, _ = ray.wait(list(in_flight), num_returns=1)
                actor, batch = in_flight.pop(ready[0])
                try:
                    out = ray.get(ready[0])
                except RayActorError:
                    retries.append(self._retried(batch))
                    if not any(actor is dead for dead in self._dead):  # its other batches fail too
                        idle = deque(a for a in idle if a is not actor)
                        idle.extend(self._replaced(actor) * IN_FLIGHT_PER_WORKER)
                    continue
                except RayTaskError as exc:
                    raise _engine_error(exc) from None
                idle.append(actor)
                for sentence, translation in zip(batch.sentences, out, strict=True):
                    translated[sentence] = translation
                    if report.finished is not None:
                        report.finished(sentence, translation)
                    done += counts[sentence]
                if report.progress is not None:
                    report.progress(done)
        finally:
            for ref in in_flight:
                ray.cancel(ref)
        return [translated[sentence] for sentence in sentences]

    def close(self) -> None:
        """Stop the actors (their models go with them)."""
        for actor in self._actors:
            ray.kill(actor)
        self._actors = []

    def _next_batch(self, pending: deque[str]) -> _Batch:
        """The next sentences from ``pending``: full batches while there is plenty, smaller ones
        as the call ends, so that the last batches finish together."""
        share = math.ceil(len(pending) / (self.shape.workers * IN_FLIGHT_PER_WORKER))
        size = max(MIN_BATCH_SENTENCES, min(self.shape.batch_sentences, share))
        return _Batch([pending.popleft() for _ in range(min(size, len(pending)))])

    def _retried(self, batch: _Batch) -> _Batch:
        batch.attempts += 1
        if batch.attempts >= ATTEMPTS_PER_BATCH:
            raise PipelineError(
                f"the Ray actors translating a batch of {len(batch.sentences)} sentences died "
                f"{batch.attempts} times (a node lost, or out of memory?); see `ray status` and "
                "the worker logs under /tmp/ray/session_latest/logs, then run again to resume"
            )
        return batch

    def _replaced(self, dead: object) -> list[object]:
        """A new actor in the dead one's place, once it runs; none where the cluster has no
        room for it any more (a node lost): the pool goes on smaller."""
        self._dead.append(dead)
        others = [actor for actor in self._actors if actor is not dead]
        fresh = self._running([self._started_actor()], REPLACEMENT_SECONDS, others=bool(others))
        self.replaced += len(fresh)
        self._actors = others + fresh
        return fresh

    def _running(self, actors: list[object], seconds: float, *, others: bool = False) -> list:
        """The actors that run within ``seconds``; the others are stopped. None running stops
        the run, unless ``others`` (actors already at work) go on without them."""
        pids = {actor.pid.remote(): actor for actor in actors}  # type: ignore[attr-defined]
        ready, late = ray.wait(list(pids), num_returns=len(pids), timeout=seconds)
        for ref in late:
            ray.kill(pids[ref])
        running = [pids[ref] for ref in ready]
        if not running and not others:
            shape = self.shape
            raise PipelineError(
                f"the Ray cluster found no room within {seconds:.0f} s for an actor of "
                f"{shape.cpus:g} CPU(s)"
                + (f" and {shape.gpus:g} GPU(s)" if shape.gpus else "")
                + f" ({ray.available_resources().get('CPU', 0):g} CPUs free); ask for fewer "
                "--workers or --worker-cpus, or see `ray status`"
            )
        return running

    def _started_actor(self) -> object:
        options: dict[str, object] = {
            "num_cpus": self.shape.cpus,
            "num_gpus": self.shape.gpus,
            "max_concurrency": IN_FLIGHT_PER_WORKER,
        }
        if self.shape.env:
            options["runtime_env"] = {"env_vars": dict(self.shape.env)}
        return self._actor_class.options(**options).remote(self._make_engine)


def _engine_error(exc: RayTaskError) -> PipelineError:
    """The engine's error inside an actor, as the driver reports it: a PipelineError keeps its
    message (it says what to do); anything else is named with where to read more."""
    cause = exc.cause if isinstance(exc.cause, BaseException) else None
    if isinstance(cause, PipelineError):
        return PipelineError(str(cause))
    reason = f"{type(cause).__name__}: {cause}" if cause is not None else str(exc)
    return PipelineError(f"a Ray actor failed: {reason.splitlines()[0]}")

"""Which executor runs a translate run's legs: the local one, or Ray's actors (``--executor``).

The local executor is the default. Ray is an optional extra (``pip install -e '.[ray]'``),
imported only when chosen, and only once there is something to translate: an unchanged project
never connects to a cluster.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from pipeline.config import Settings
from pipeline.errors import PipelineError
from pipeline.mt.argos.options import GPU_BATCH_SIZE, EngineOptions
from pipeline.mt.engine import Engine
from pipeline.translate.execute import Executor, LocalExecutor

# Environment the Ray actors get from the driver, so that a models folder named once (a shared
# ARGOS_PACKAGES_DIR) is the one every worker loads from.
WORKER_ENVIRONMENT = ("ARGOS_PACKAGES_DIR", "ARGOS_PACKAGE_INDEX", "ARGOS_DEVICE_TYPE")
RAY_INSTALL = "pip install -e '.[ray]' (or pip install 'ray>=2.9')"


@dataclass(frozen=True)
class ExecutorChoice:
    """Where the models run, from the settings and the command line.

    ``workers`` 0: as many actors as the cluster's CPUs (2 each) or GPUs hold; ``worker_cpus``
    0: the cluster's CPUs shared among the workers.
    """

    kind: str = "local"
    address: str = ""
    workers: int = 0
    worker_cpus: int = 0

    @classmethod
    def of(
        cls,
        settings: Settings,
        executor: str | None = None,
        address: str | None = None,
        workers: int | None = None,
        worker_cpus: int | None = None,
    ) -> ExecutorChoice:
        """The project's choice, with what the command line gave (None: the setting)."""
        return cls(
            executor or settings.executor,
            settings.ray_address if address is None else address,
            settings.ray_workers if workers is None else workers,
            worker_cpus or 0,
        )


@contextmanager
def opened_executor(
    choice: ExecutorChoice,
    engine: Engine,
    settings: Settings,
    engine_flags: Mapping[str, object] | None,
) -> Iterator[Executor]:
    """The chosen executor for one run, closed after it (a Ray cluster this run started is shut
    down; a cluster it connected to is left running)."""
    if choice.kind == "local":
        yield LocalExecutor(engine)
        return
    ray_executor = _ray_executor_module()
    started = ray_executor.connect(choice.address)
    executor = None
    try:
        flags = dict(engine_flags or {})
        shape = ray_executor.cluster_shape(
            choice.workers,
            choice.worker_cpus,
            str(flags.get("device") or "cpu"),
            _batch_sentences(flags),
            forwarded_env(),
        )
        make_engine = functools.partial(_engine_on_worker, settings, flags, shape.cpus)
        executor = ray_executor.RayExecutor(make_engine, shape)
        yield executor
    finally:
        if executor is not None:
            executor.close()
        if started:
            ray_executor.ray.shutdown()


def worker_flags(flags: Mapping[str, object], cpus: float) -> dict[str, object]:
    """The engine flags for an actor of ``cpus`` CPUs: its threads fill them (two workers of one
    thread each inside the model, as measured best on CPUs; further cores to threads in each)."""
    cores = max(1, int(cpus))
    inter = min(2, cores)
    return {**flags, "inter_threads": inter, "intra_threads": max(1, cores // inter)}


def _engine_on_worker(settings: Settings, flags: Mapping[str, object], cpus: float) -> Engine:
    from pipeline.mt.registry import engine_for

    return engine_for(settings, worker_flags(flags, cpus))


def _batch_sentences(flags: Mapping[str, object]) -> tuple[int, int]:
    """Sentences per batch sent to an actor, (on CPUs, on a GPU): four of the model's batches,
    so that its threads share each one."""
    given = flags.get("batch_size")
    cpu, gpu = (
        (given, given) if isinstance(given, int) else (EngineOptions.max_batch_size, GPU_BATCH_SIZE)
    )
    return 4 * cpu, 4 * gpu


def forwarded_env() -> dict[str, str]:
    """The driver's WORKER_ENVIRONMENT variables that are set."""
    return {name: os.environ[name] for name in WORKER_ENVIRONMENT if name in os.environ}


def _ray_executor_module():  # -> module pipeline.translate.ray_executor
    try:
        from pipeline.translate import ray_executor
    except ImportError as exc:
        raise PipelineError(
            f"--executor ray needs Ray, which is not installed ({exc}); install it with "
            f"{RAY_INSTALL}, or translate with --executor local"
        ) from None
    return ray_executor

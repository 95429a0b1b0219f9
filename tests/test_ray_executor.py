"""The Ray executor on a local two-CPU Ray cluster, translating with the copy models.

Skipped where Ray is not installed (``pip install -e '.[ray]'``); the executor choice without
Ray is pinned in test_executor_choice.py.
"""

# ruff: noqa: E402 - the imports after the skip need Ray

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

ray = pytest.importorskip("ray")

from pipeline.cli import main
from pipeline.config import load_settings
from pipeline.errors import PipelineError
from pipeline.extract import extract_document, load_documents
from pipeline.mt.engine import Engine
from pipeline.mt.registry import engine_for, made_engine
from pipeline.mt.routes import Pair
from pipeline.translate import Plan, plan_translation, ray_executor, run_plan
from pipeline.translate.execute import WINDOW_LIMITS, Report
from pipeline.translate.executors import forwarded_env, worker_flags
from pipeline.translate.ray_executor import RayExecutor, WorkerShape, cluster_shape

SEED = Path(__file__).parent.parent / "seeds" / "rusia-kazajistan-alianza.txt"


@pytest.fixture(scope="module")
def ray_cluster() -> Iterator[None]:
    """A local Ray cluster of two CPUs for the module (starting one takes seconds)."""
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


def seeded_project(root: Path, copies: int = 3) -> Path:
    """A project of ``copies`` documents, each the seed article with its paragraphs numbered
    (so that every document has sentences of its own)."""
    (root / "seeds").mkdir(parents=True)
    paragraphs = SEED.read_text(encoding="utf-8").split("\n\n")
    for copy in range(copies):
        numbered = [f"{text.strip()} ({copy}-{n})" for n, text in enumerate(paragraphs) if text]
        (root / "seeds" / f"nota-{copy}.txt").write_text("\n\n".join(numbered) + "\n", "utf-8")
    return root


def catalogs(root: Path) -> dict[str, bytes]:
    """Every catalog and template of the project, by path."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted((root / "locales").rglob("*.po*"))
    }


def translate_with(root: Path, *flags: str) -> str:
    result = CliRunner().invoke(main, ["--project", str(root), "translate", *flags])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def translated_locally(tmp_path: Path, install_argos, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three documents translated by the local executor with the copy models; header dates
    fixed (SOURCE_DATE_EPOCH) so that another run's catalogs compare byte for byte."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796300000")
    install_argos("copy-es-en", "copy-en-ru")
    root = seeded_project(tmp_path / "local")
    translate_with(root, "--executor", "local")
    return root


def test_catalogs_made_on_ray_are_byte_identical_to_the_local_executors(
    tmp_path: Path, translated_locally: Path, ray_cluster: None
) -> None:
    distributed = seeded_project(tmp_path / "ray")
    output = translate_with(distributed, "--executor", "ray", "--workers", "2")
    assert "drafted   locales/ru/LC_MESSAGES/nota-2.po" in output
    assert catalogs(distributed) == catalogs(translated_locally)


def test_a_second_run_on_ray_translates_nothing_and_starts_no_actor(
    tmp_path: Path, install_argos, ray_cluster: None
) -> None:
    install_argos("copy-es-en", "copy-en-ru")
    root = seeded_project(tmp_path, copies=1)
    translate_with(root, "--executor", "ray")
    before = catalogs(root)
    again = translate_with(root, "--executor", "ray")
    assert "nothing to translate" in again
    assert "translated" not in again.replace("nothing to translate", "")
    assert catalogs(root) == before


def planned_on_two_actors(root: Path) -> tuple[Engine, Plan, RayExecutor]:
    """The project extracted and planned (en, ru), and a pool of two one-CPU actors with small
    batches, so that a run has many batches to lose."""
    settings = load_settings(root)
    documents = load_documents(settings)
    for document in documents:
        extract_document(settings, document)
    engine = engine_for(settings)
    plan = plan_translation(settings, documents, ("en", "ru"), engine)
    make_engine = functools.partial(engine_for, settings, worker_flags({}, 1))
    shape = WorkerShape(workers=2, cpus=1, batch_sentences=8, env=forwarded_env())
    return engine, plan, RayExecutor(make_engine, shape)


def test_a_worker_killed_mid_run_loses_nothing_and_the_run_completes(
    tmp_path: Path, translated_locally: Path, ray_cluster: None
) -> None:
    root = seeded_project(tmp_path / "ray")
    engine, plan, executor = planned_on_two_actors(root)
    killed: list[object] = []

    def kill_a_worker_at_the_first_result(_done: int) -> None:
        if not killed:
            killed.append(executor.actors[0])
            ray.kill(executor.actors[0])  # as a lost node: its batches in flight fail

    try:
        run_plan(plan, engine, executor=executor, on_progress=kill_a_worker_at_the_first_result)
    finally:
        executor.close()
    assert killed and executor.replaced == 1
    assert catalogs(root) == catalogs(translated_locally)


def drafted_entries(root: Path) -> int:
    return sum(
        1
        for path in (root / "locales").rglob("*.po")
        for entry in polib.pofile(str(path))
        if entry.msgstr
    )


def test_an_interrupted_ray_run_keeps_what_came_back_and_a_rerun_completes_it(
    tmp_path: Path, translated_locally: Path, ray_cluster: None
) -> None:
    root = seeded_project(tmp_path / "ray")
    engine, plan, executor = planned_on_two_actors(root)
    results: list[int] = []

    def ctrl_c_at_the_fifth_result(_done: int) -> None:
        results.append(_done)
        if len(results) == 5:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        try:
            run_plan(plan, engine, executor=executor, on_progress=ctrl_c_at_the_fifth_result)
        finally:
            executor.close()
    kept = drafted_entries(root)
    assert 0 < kept < drafted_entries(translated_locally)
    output = translate_with(root, "--executor", "ray")
    assert "drafted" in output
    assert catalogs(root) == catalogs(translated_locally)


def test_an_engine_error_on_a_worker_reaches_the_driver_as_the_engines_message(
    tmp_path: Path, install_argos, ray_cluster: None
) -> None:
    install_argos("copy-es-en")
    root = seeded_project(tmp_path, copies=1)
    settings = load_settings(root)
    empty = tmp_path / "no-packages"
    empty.mkdir()
    # the workers look for models in an empty folder, where the driver found them
    shape = WorkerShape(workers=1, cpus=1, env={"ARGOS_PACKAGES_DIR": str(empty)})
    # Argos alone: the project's fallback, Apertium, would translate es→en without a package
    executor = RayExecutor(functools.partial(made_engine, "argos", settings), shape)
    try:
        with pytest.raises(PipelineError) as error:
            executor.translate(Pair("es", "en"), ["Hola."], Report())
    finally:
        executor.close()
    assert str(error.value) == (
        f"no Argos Translate package for es→en is installed in {empty}; "
        "install translate-es_en and run again"
    )


def test_windows_on_ray_hold_enough_sentences_for_every_worker() -> None:
    executor = RayExecutor(lambda: None, WorkerShape(workers=4))  # type: ignore[arg-type,return-value]
    assert executor.max_window == 4 * WINDOW_LIMITS[1]


def on_cluster(monkeypatch: pytest.MonkeyPatch, **resources: float) -> None:
    monkeypatch.setattr(ray_executor.ray, "cluster_resources", lambda: resources)


@pytest.mark.parametrize(
    ("workers", "worker_cpus", "expected"),
    [(0, 0, (32, 2.0)), (4, 0, (4, 16.0)), (0, 8, (8, 8.0)), (2, 1, (2, 1.0))],
)
def test_workers_and_their_cpus_default_to_what_the_cluster_holds(
    monkeypatch: pytest.MonkeyPatch, workers: int, worker_cpus: int, expected: tuple
) -> None:
    on_cluster(monkeypatch, CPU=64.0)  # 8 nodes × 8 CPUs
    shape = cluster_shape(workers, worker_cpus, "cpu", (64, 256), {})
    assert (shape.workers, shape.cpus, shape.gpus, shape.batch_sentences) == (*expected, 0.0, 64)


def test_on_gpus_each_actor_asks_for_one_and_gets_gpu_batches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    on_cluster(monkeypatch, CPU=32.0, GPU=4.0)
    for device in ("cuda", "auto"):
        shape = cluster_shape(0, 0, device, (64, 256), {})
        assert (shape.workers, shape.gpus, shape.batch_sentences) == (4, 1.0, 256)


def test_cuda_on_a_cluster_without_gpus_says_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    on_cluster(monkeypatch, CPU=8.0)
    with pytest.raises(PipelineError, match="the Ray cluster has no GPU"):
        cluster_shape(0, 0, "cuda", (64, 256), {})
    assert cluster_shape(0, 0, "auto", (64, 256), {}).gpus == 0.0


def test_actors_the_cluster_has_no_room_for_stop_the_run_with_what_to_do(
    ray_cluster: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ray_executor, "START_SECONDS", 2.0)
    executor = RayExecutor(lambda: None, WorkerShape(workers=1, cpus=3))  # type: ignore[arg-type,return-value]
    with pytest.raises(PipelineError, match="no room within 2 s for an actor of 3 CPU"):
        executor.translate(Pair("es", "en"), ["Hola."], Report())
    assert executor.actors == []

"""The translate stage's executors: the driver's own ceiling, and Ray against the local executor.

Two measurements, printed side by side; nothing about time is asserted.

* **Driver ceiling.** The whole stage (plan, windows, apply, save) on N generated documents with
  an engine that returns every sentence at once, es→en and en→ru (pivot): the sentences per
  second the driver can plan, apply and save when translating costs nothing, the most any
  cluster behind it can deliver. Run with the local executor, then (with Ray installed) on Ray
  actors, which adds the cost of shipping batches to them and back.
* **Ray against local**, on a Transformer-base-sized copy model (6+6 layers, d=512, int8, 32k
  vocabulary, as ``translate_speed.py`` builds it) and a project of the seed article K times
  (every copy's sentences tagged, none repeats), es→en at beam 4: the local executor (one
  CTranslate2 translator, 2 workers of 1 thread), Ray with 1 actor of 2 CPUs, Ray with 2 actors
  of 1 CPU. Actors are started and their models loaded before the timing (the local engine's
  model too); the start-up (cluster, actors, model loads) is printed on its own. Rounds are
  interleaved so that machine noise hits every variant alike; medians are reported.

    python benchmarks/executor_speed.py [--documents 1000] [--repeat 20] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = ROOT / "seeds" / "rusia-kazajistan-alianza.txt"


class InstantEngine:
    """Every pair offered, every sentence returned as it came: translating costs nothing."""

    name = "instant"

    def pairs(self) -> frozenset:
        from pipeline.mt.routes import Pair

        return frozenset({Pair("es", "en"), Pair("en", "ru")})

    def ensure(self, pairs: Sequence) -> None:
        pass

    def install(self) -> list[str]:
        return []

    def identity(self, pair: object) -> str:
        return "instant@1"

    def translator(self, pair: object) -> InstantEngine:
        return self

    def translate(self, sentences: Sequence[str], on_progress=None, finished=None) -> list[str]:  # noqa: ANN001
        if finished is not None:
            finished.update(zip(sentences, sentences, strict=True))
        return list(sentences)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000, help="documents for the ceiling")
    parser.add_argument("--repeat", type=int, default=20, help="seed copies for Ray vs local")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds of each")
    parser.add_argument("--skip-model", action="store_true", help="only the driver ceiling")
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="executor-speed-"))
    try:
        _isolate_argos(tmp)
        try:
            import ray
        except ModuleNotFoundError:
            ray = None
            print("Ray is not installed (pip install -e '.[ray]'): local executor only\n")
        ceiling(tmp, args.documents, ray)
        if not args.skip_model:
            ray_against_local(tmp, args.repeat, args.rounds, ray)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _isolate_argos(tmp: Path) -> None:
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        os.environ[variable] = str(tmp / variable.lower())
    os.environ["ARGOS_PACKAGES_DIR"] = str(tmp / "packages")


def make_project(root: Path, copies: int) -> Path:
    """``copies`` documents of the seed article, each copy's sentences tagged so none repeats."""
    from pipeline.config import load_settings
    from pipeline.extract import extract_document, load_documents

    (root / "seeds").mkdir(parents=True)
    paragraphs = [p.strip() for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    for copy in range(copies):
        tagged = [_tagged(paragraph, copy) for paragraph in paragraphs]
        (root / "seeds" / f"doc-{copy:05d}.txt").write_text("\n\n".join(tagged) + "\n", "utf-8")
    settings = load_settings(root)
    for document in load_documents(settings):
        extract_document(settings, document)
    return root


def _tagged(paragraph: str, copy: int) -> str:
    from pipeline.sentences import split_sentences

    return " ".join(f"Copia{copy} {s}" for s in split_sentences(paragraph, "es"))


def ceiling(tmp: Path, documents: int, ray) -> None:  # noqa: ANN001 - the ray module or None
    """The driver's sentences/s with an instant engine, locally and on Ray actors."""
    from pipeline.config import load_settings
    from pipeline.extract import load_documents
    from pipeline.translate import plan_translation, run_plan

    print(f"Driver ceiling: {documents} documents of 13 paragraphs, es→en and es→en→ru")
    started = time.perf_counter()
    template = make_project(tmp / "ceiling-template", documents)
    print(f"  (project extracted in {time.perf_counter() - started:.1f} s, not counted)")
    variants: list[tuple[str, Callable]] = [("local executor", lambda engine: None)]
    if ray is not None:
        variants.append(("Ray, 2 actors", lambda engine: _instant_ray_executor(engine)))
    for name, make_executor in variants:
        project = tmp / f"ceiling-{len(name)}"
        shutil.copytree(template, project)
        settings = load_settings(project)
        engine = InstantEngine()
        executor = make_executor(engine)
        t0 = time.perf_counter()
        plan = plan_translation(settings, load_documents(settings), ("en", "ru"), engine)
        t1 = time.perf_counter()
        outcome = run_plan(plan, engine, executor=executor)
        t2 = time.perf_counter()
        if executor is not None:
            executor.close()
        sentences = plan.sentences
        print(
            f"  {name:16s} plan {t1 - t0:6.2f} s, translate+apply+save {t2 - t1:6.2f} s: "
            f"{sentences / (t2 - t0):8.0f} sentences/s ({sentences} sentence-legs, "
            f"{1000 * (t2 - t0) / documents:.1f} ms/document, "
            f"{sum(outcome.drafted.values())} entries drafted)"
        )
    if ray is not None and ray.is_initialized():
        ray.shutdown()
    print()


def _instant_ray_executor(engine: InstantEngine):  # -> RayExecutor
    from pipeline.translate.executors import forwarded_env
    from pipeline.translate.ray_executor import RayExecutor, WorkerShape, connect

    connect(None)
    return RayExecutor(lambda: InstantEngine(), WorkerShape(2, 1.0, env=forwarded_env()))


def ray_against_local(tmp: Path, repeat: int, rounds: int, ray) -> None:  # noqa: ANN001
    """Seconds to translate the same project: local, Ray 1 actor × 2 CPUs, Ray 2 × 1 CPU."""
    from pipeline.config import load_settings
    from pipeline.extract import load_documents
    from pipeline.mt.argos.engine import ArgosEngine
    from pipeline.mt.argos.options import EngineOptions
    from pipeline.mt.routes import Pair
    from pipeline.testing.argos_packages import build_package, copy_package, install_packages
    from pipeline.translate import plan_translation, run_plan
    from pipeline.translate.execute import Report
    from pipeline.translate.executors import forwarded_env, worker_flags

    pair = Pair("es", "en")
    paragraphs = [p.strip() for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    spec = copy_package(
        "es", "en", layers=6, d_model=512, heads=8, ffn=2048, quantization="int8",
        vocab_size=32000, sp_model_type="bpe", sp_vocab_size=1400,
        training_text=tuple(paragraphs),
    )  # fmt: skip
    started = time.perf_counter()
    install_packages([build_package(spec, tmp / "build")], tmp / "packages")
    print(f"Ray against local: Transformer-base copy model es→en, beam 4, seed ×{repeat}")
    print(f"  (package built and installed in {time.perf_counter() - started:.1f} s)")
    template = make_project(tmp / "model-template", repeat)

    local_engine = ArgosEngine(load_settings(template), EngineOptions())
    local_engine.translator(pair).translate(["Hola."])  # the model loaded outside the timing
    variants: dict[str, tuple[int, int] | None] = {"local (1 process, 2 CPUs)": None}
    if ray is not None:
        started = time.perf_counter()
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
        print(f"  (Ray local cluster started in {time.perf_counter() - started:.1f} s)")
        variants["Ray, 1 actor × 2 CPUs"] = (1, 2)
        variants["Ray, 2 actors × 1 CPU"] = (2, 1)
    seconds: dict[str, list[float]] = {name: [] for name in variants}
    startup: dict[str, list[float]] = {name: [] for name in variants}
    sentences = 0
    for round_number in range(rounds):
        for name, shape in variants.items():
            executor = None
            if shape is not None:  # one pool at a time: two would not fit on 2 CPUs
                t0 = time.perf_counter()
                executor = _model_ray_executor(template, *shape, forwarded_env(), worker_flags)
                executor.translate(pair, ["Hola."], Report())  # starts the actors
                ray.get([actor.translate.remote(pair, ["Hola."]) for actor in executor.actors])
                startup[name].append(time.perf_counter() - t0)
            project = tmp / f"model-{round_number}-{len(seconds[name])}-{abs(hash(name))}"
            shutil.copytree(template, project)
            settings = load_settings(project)
            plan = plan_translation(settings, load_documents(settings), ("en",), local_engine)
            sentences = plan.sentences
            t0 = time.perf_counter()
            run_plan(plan, local_engine, executor=executor)
            seconds[name].append(time.perf_counter() - t0)
            if executor is not None:
                executor.close()
            _check_copied(project)
            shutil.rmtree(project)
    local = statistics.median(seconds["local (1 process, 2 CPUs)"])
    for name, times in seconds.items():
        middle = statistics.median(times)
        started = (
            f"; actors up, models loaded in {statistics.median(startup[name]):.1f} s"
            if startup[name]
            else ""
        )
        print(
            f"  {name:28s} {sentences / middle:6.1f} sentences/s  median {middle:6.2f} s "
            f"of {', '.join(f'{t:.2f}' for t in times)}  ({middle / local:.3f}× local){started}"
        )
    if ray is not None:
        ray.shutdown()


def _model_ray_executor(template: Path, workers: int, cpus: int, env, worker_flags):  # noqa: ANN001
    import functools

    from pipeline.config import load_settings
    from pipeline.mt.registry import made_engine
    from pipeline.translate.ray_executor import RayExecutor, WorkerShape

    make_engine = functools.partial(
        made_engine, "argos", load_settings(template), worker_flags({}, cpus)
    )
    return RayExecutor(make_engine, WorkerShape(workers, float(cpus), env=env))


def _check_copied(project: Path) -> None:
    """Every draft is its source (the copy model, up to tokenizer normalisation of spaces)."""
    from pipeline.gettext import read_po

    entries = [e for p in (project / "locales" / "en").rglob("*.po") for e in read_po(p)]
    wrong = [e for e in entries if not e.msgstr or e.msgstr.split() != e.msgid.split()]
    if wrong:
        raise SystemExit(f"{len(wrong)} of {len(entries)} drafts are not their source")


if __name__ == "__main__":
    main()
